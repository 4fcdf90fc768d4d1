/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-import-pipe.h — reading and writing an import on two threads (private).
 *
 * The pipe starts a thread that streams the file (bytes, decoding, libcsv,
 * and mk_import_converter_parse(): everything that needs no database) and
 * hands the parsed rows over in batches through a bounded queue; the
 * caller's thread takes them with mk_import_pipe_next() and does the
 * database half (people, categories, the bulk insert).  Memory is bounded
 * by the few batches in flight.
 */
#pragma once

#include "mk-import-reader.h"
#include "mk-import-row.h"

G_BEGIN_DECLS

/**
 * MkPipedRow:
 * @status: %MK_ROW_OK, %MK_ROW_SKIPPED (blank, totals, an empty line),
 *   %MK_ROW_EMPTY (less than half a minute) or %MK_ROW_INVALID
 * @line: the line the record starts on
 * @row: the parsed row when @status is %MK_ROW_OK
 * @problem: (nullable): why the row is invalid
 * @bytes: how far the reader had read when the row was queued
 */
typedef struct {
  MkRowStatus  status;
  guint64      line;
  MkImportRow  row;
  const char  *problem;
  guint64      bytes;
} MkPipedRow;

typedef struct _MkImportPipe MkImportPipe;

MkImportPipe *mk_import_pipe_start  (MkImportReader    *reader,
                                     MkImportConverter *converter,
                                     guint64            header_line,
                                     GCancellable      *cancellable);
gboolean      mk_import_pipe_next   (MkImportPipe      *pipe,
                                     MkPipedRow        *row);
void          mk_import_pipe_stop   (MkImportPipe      *pipe);
gboolean      mk_import_pipe_finish (MkImportPipe      *pipe,
                                     GError           **error);

G_END_DECLS
