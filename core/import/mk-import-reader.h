/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-import-reader.h — a timesheet file as a stream of CSV records (private).
 *
 * The reader opens a file, decides its encoding and dialect from the first
 * chunk, and then streams it through the decoder and libcsv, handing each
 * record to a callback with the line it starts on.  Memory is constant:
 * one chunk of bytes, its text, and the current record.  Used by the
 * importer (a run, a preview, a pass over the date column) and the fuzzer.
 */
#pragma once

#include <gio/gio.h>

#include "mk-dialect.h"
#include "mk-encoding.h"

G_BEGIN_DECLS

/* Bytes read from the file at a time. */
#define MK_IMPORT_READER_CHUNK (256 * 1024)

/* A field longer than this (in bytes of UTF-8) is refused, so that memory
 * stays bounded; one that runs over line breaks to get there is taken for
 * a quote never closed. */
#define MK_IMPORT_READER_MAX_FIELD (1024 * 1024)

/* A record with more fields than this is refused. */
#define MK_IMPORT_READER_MAX_FIELDS 1000

/**
 * MkRecord:
 * @fields: (array length=n_fields): the fields, NUL-terminated, untrimmed
 * @lengths: (array length=n_fields): their lengths in bytes
 * @n_fields: how many; 0 for a blank line and a broken one
 * @line: the 1-based line the record starts on
 * @broken: %TRUE for a line marked with mk_import_reader_add_broken_line():
 *   a quoted field starts on it and is never closed, so it has no fields
 *
 * One record, valid only during the callback.
 */
typedef struct {
  const char * const *fields;
  const gsize        *lengths;
  guint               n_fields;
  guint64             line;
  gboolean            broken;
} MkRecord;

/**
 * MkRecordFunc:
 * @record: the record
 * @user_data: the data given to mk_import_reader_run()
 * @error: where to put an error
 *
 * Returns: %TRUE to go on; %FALSE to stop, with @error set when stopping
 *   because of an error.
 */
typedef gboolean (*MkRecordFunc) (const MkRecord *record,
                                  gpointer        user_data,
                                  GError        **error);

typedef struct _MkImportReader MkImportReader;

MkImportReader  *mk_import_reader_new            (const char      *path,
                                                  const char      *display_name,
                                                  GError         **error);
MkImportReader  *mk_import_reader_new_for_bytes  (GBytes          *bytes,
                                                  const char      *display_name,
                                                  GError         **error);
void             mk_import_reader_free           (MkImportReader  *self);
gboolean         mk_import_reader_override       (MkImportReader  *self,
                                                  gboolean         set_encoding,
                                                  MkEncoding       encoding,
                                                  char             delimiter,
                                                  GError         **error);
MkEncoding       mk_import_reader_get_encoding   (MkImportReader  *self);
const MkDialect *mk_import_reader_get_dialect    (MkImportReader  *self);
const char      *mk_import_reader_get_name       (MkImportReader  *self);
guint64          mk_import_reader_get_size       (MkImportReader  *self);
guint64          mk_import_reader_get_position   (MkImportReader  *self);
const char      *mk_import_reader_get_sha256     (MkImportReader  *self);
gboolean         mk_import_reader_add_broken_line (MkImportReader *self,
                                                  guint64          line);
guint            mk_import_reader_get_n_broken_lines (MkImportReader *self);
guint64          mk_import_reader_get_unclosed_line (MkImportReader *self);
gboolean         mk_import_reader_run            (MkImportReader  *self,
                                                  MkRecordFunc     func,
                                                  gpointer         user_data,
                                                  GCancellable    *cancellable,
                                                  GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MkImportReader, mk_import_reader_free)

G_END_DECLS
