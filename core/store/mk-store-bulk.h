/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-store-bulk.h — adding many entries in one transaction (the importer).
 *
 * A bulk is one open write transaction on the store, with its prepared
 * statements reused for every row.  Rollups are summed in memory and written
 * once at commit; fingerprints are checked against the (person, day) pairs
 * the batch touches.  Nothing is visible to other readers until
 * mk_store_bulk_commit() returns TRUE; mk_store_bulk_abort() (or a crash)
 * leaves the database exactly as before.
 */
#pragma once

#include "mk-store.h"

G_BEGIN_DECLS

typedef struct _MkStoreBulk MkStoreBulk;

/**
 * MkImportCounts:
 *
 * What happened to the rows of one imported file.
 */
typedef struct {
  guint64 rows_read;
  guint64 imported;
  guint64 duplicates;
  guint64 skipped;
  guint64 rejected;
} MkImportCounts;

MkStoreBulk *mk_store_bulk_begin        (MkStore            *store,
                                         const char         *file_name,
                                         const char         *sha256,
                                         const char         *preset,
                                         GError            **error);
MkStoreBulk *mk_store_bulk_begin_received (MkStore          *store,
                                         GError          **error);
gint64       mk_store_bulk_find         (MkStoreBulk        *bulk,
                                         const MkUuid       *uuid,
                                         GError            **error);
gint64       mk_store_bulk_get_batch_id (MkStoreBulk        *bulk);
void         mk_store_bulk_set_sha256   (MkStoreBulk        *bulk,
                                         const char         *sha256);
void         mk_store_bulk_set_cancellable (MkStoreBulk     *bulk,
                                         GCancellable       *cancellable);
gboolean     mk_store_bulk_expect_rows  (MkStoreBulk        *bulk,
                                         guint64             n_rows,
                                         GError            **error);
gboolean     mk_store_bulk_add          (MkStoreBulk        *bulk,
                                         const MkEntryInput *input,
                                         gboolean           *duplicate,
                                         GError            **error);
gboolean     mk_store_bulk_commit       (MkStoreBulk        *bulk,
                                         const MkImportCounts *counts,
                                         GError            **error);
void         mk_store_bulk_abort        (MkStoreBulk        *bulk);

G_END_DECLS
