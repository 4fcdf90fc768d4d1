/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-store-bulk-writer.h — a bulk's rows on their way into `entry` (private).
 *
 * Rows collect in a chunk; a full chunk is sorted in the entry index's
 * order and inserted.  A threaded writer does that on a thread of its own
 * while the importer fills the next chunk; while it writes, nobody else may
 * use the connection: mk_store_stmt() waits for it (mk_bulk_writer_wait()),
 * so every store call made during an import is safe.
 */
#pragma once

#include <sqlite3.h>

#include "mk-store.h"

G_BEGIN_DECLS

typedef struct {
  gint64  person_id;
  gint64  fingerprint;
  gint64  category_id;
  gint32  day;          /* YYYYMMDD */
  gint16  start;        /* -1: none */
  gint16  minutes;
  guint32 task;         /* offset in the chunk's tasks */
  guint32 task_len;
  gboolean has_uuid;    /* FALSE: the writer gives the row a new one */
  gint32  source;       /* MkEntrySource */
  MkUuid  uuid;
} MkBulkRow;

typedef struct {
  MkBulkRow *rows;
  guint      n_rows;
  GString   *tasks;
} MkBulkChunk;

#define MK_BULK_CHUNK_ROWS 16384

typedef struct _MkBulkWriter MkBulkWriter;
typedef struct _MkBulkRuns MkBulkRuns;   /* mk-store-bulk-rollup.h */

MkBulkWriter *mk_bulk_writer_new    (MkStore      *store,
                                     gint64        batch_id,
                                     GError      **error);
gboolean      mk_bulk_writer_start_thread (MkBulkWriter *writer);
MkBulkChunk  *mk_bulk_writer_chunk  (MkBulkWriter *writer);
gboolean      mk_bulk_writer_flush  (MkBulkWriter *writer,
                                     GError      **error);
void          mk_bulk_writer_wait   (MkBulkWriter *writer);
gboolean      mk_bulk_writer_finish (MkBulkWriter *writer,
                                     GError      **error);
void          mk_bulk_writer_free   (MkBulkWriter *writer);
void          mk_bulk_day_text      (gint32        number,
                                     char          out[11]);
void          mk_bulk_writer_set_runs (MkBulkWriter *writer,
                                     MkBulkRuns   *runs);
void          mk_bulk_runs_add_chunk (MkBulkRuns       *runs,
                                      const MkBulkChunk *chunk,
                                      const guint32    *order);

G_END_DECLS
