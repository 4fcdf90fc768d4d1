/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-importer.h — timesheet CSV files into the store, all or nothing.
 *
 * mk_importer_preview() reads the start of a file and says how it will be
 * understood (encoding, delimiter, preset, columns, the first rows parsed,
 * their problems) without writing anything.  mk_importer_run() imports a
 * whole file in one transaction: nothing is written when a row is invalid
 * (unless skip_invalid), when the user cancels, or on a dry run.
 * mk_importer_run_async() does the same in a worker thread with its own
 * MkStore on the same database file, reporting progress on the caller's
 * main context.  See mk-importer.c for the rules.
 */
#pragma once

#include <gio/gio.h>

#include "mk-columns.h"
#include "mk-date.h"
#include "mk-dialect.h"
#include "mk-encoding.h"
#include "mk-store-bulk.h"
#include "mk-store.h"

G_BEGIN_DECLS

/* How many problems a result lists unless told otherwise. */
#define MK_IMPORT_DEFAULT_MAX_PROBLEMS 100

/**
 * MkImportOptions:
 * @preset: the preset, or %MK_PRESET_AUTO to recognise it
 * @person: (nullable): the person every row belongs to (--person)
 * @date_order: the date order, or %MK_DATE_ORDER_UNKNOWN to decide it from
 *   the date column
 * @category_column: (nullable): the header of the column that gives the
 *   category (--category-column)
 * @maps: (nullable) (array zero-terminated=1): "TEXT=KEY" aliases to add
 *   before importing (--map "Перезвоны=follow_up")
 * @skip_invalid: import the valid rows and list the invalid ones, instead
 *   of refusing the file
 * @dry_run: read and check everything, write nothing
 * @max_problems: how many problems to list; 0 for the default
 * @encoding_given: read the file in @encoding instead of detecting it
 * @encoding: the encoding, when @encoding_given (a byte-order mark of that
 *   encoding is still skipped)
 * @delimiter: the delimiter (',' ';' '\t' '|'), or 0 to sniff it
 * @person_column: (nullable): the header of the person column; "" for
 *   none (only with @person)
 * @duration_column: (nullable): the header of the duration column, its
 *   unit from its header; "" for none (start and end then)
 * @task_column: (nullable): the header of the task column; "" for none
 * @date_column: (nullable): the header of the date column; "" for none
 * @start_column: (nullable): the header of the start column; "" for none
 * @end_column: (nullable): the header of the end column; "" for none
 * @duration_unit: what a bare number in the duration column means, or
 *   %MK_DURATION_UNIT_AUTO for what its header says (--column minutes=…)
 *
 * How to import.  Initialise with mk_import_options_init(); %NULL column
 * names mean automatic, and a name that is no header fails with
 * %MK_IMPORT_ERROR_COLUMNS.  @category_column may be "" too: every row then
 * goes to `other`.
 */
typedef struct {
  MkPreset            preset;
  const char         *person;
  MkDateOrder         date_order;
  const char         *category_column;
  const char * const *maps;
  gboolean            skip_invalid;
  gboolean            dry_run;
  guint               max_problems;
  gboolean            encoding_given;
  MkEncoding          encoding;
  char                delimiter;
  const char         *person_column;
  const char         *duration_column;
  const char         *task_column;
  const char         *date_column;
  const char         *start_column;
  const char         *end_column;
  MkDurationUnit      duration_unit;
} MkImportOptions;

/**
 * MkImportNotes:
 * @person_source: (nullable): where the person came from ("column
 *   'Owner'"), or %NULL when every row is the person given in the options
 * @person: (nullable): the person given in the options
 * @no_category: no column gives the category: every entry went to `other`
 * @empty: entries of less than half a minute, skipped (a timer started and
 *   stopped at once); they count among the skipped rows too
 * @span_used: rows whose duration agreed with their start and end in no
 *   unit, so start and end gave the minutes
 * @future: valid rows dated after today (when they were read): kept as the
 *   file says, but worth a look (a date order misread, a wrong year)
 * @future_latest: (nullable): the latest of those days, "YYYY-MM-DD"
 * @duration_header: (nullable): the duration column's header
 * @duration_unit: the unit start and end showed the duration column's bare
 *   numbers to be in, when it is not the one its header says; else
 *   %MK_DURATION_UNIT_AUTO
 * @date_header: (nullable): the header of the column the day came from
 * @date_order: the date order used
 * @date_basis: why that order
 * @date_days: for %MK_DATE_BASIS_CLOSEST, the days the dates cover in the
 *   order used
 * @date_days_other: and in the other order
 *
 * How a file was read, for a summary that says which column gave the
 * person, what was skipped and why the dates were read as they were
 * (mk_import_notes_describe()).
 */
typedef struct {
  char           *person_source;
  char           *person;
  gboolean        no_category;
  guint64         empty;
  guint64         span_used;
  guint64         future;
  char           *future_latest;
  char           *duration_header;
  MkDurationUnit  duration_unit;
  char           *date_header;
  MkDateOrder     date_order;
  MkDateBasis     date_basis;
  gint64          date_days;
  gint64          date_days_other;
} MkImportNotes;

/**
 * MkUnmappedValue:
 * @text: a category text with no alias ("" for an empty cell)
 * @count: how many rows had it; they went to `other`
 */
typedef struct {
  char    *text;
  guint64  count;
} MkUnmappedValue;

/**
 * MkImportResult:
 * @file_name: the file's name as shown in messages
 * @sha256: (nullable): the file's SHA-256 in hex, when it was read to the end
 * @encoding: the encoding it was read in
 * @dialect: its delimiter and line ends
 * @preset: the preset used
 * @date_order: the date order used
 * @counts: rows read, imported, duplicates, skipped (blank, totals) and
 *   rejected (invalid)
 * @minutes: the minutes of the imported rows
 * @batch_id: the import batch written, or 0 when nothing was written
 * @dry_run: %TRUE when this was a dry run (nothing written)
 * @problems: (element-type utf8): "FILE:LINE: reason" for invalid rows, at
 *   most max_problems of them
 * @n_problems: how many invalid rows there were in all (reading stops early
 *   when a refused file has listed max_problems)
 * @unmapped: (element-type MkUnmappedValue): category texts with no alias,
 *   most frequent first; over the whole file, also when it was refused
 * @notes: how the file was read
 *
 * What an import did.  When a file is refused, the counts of rows by kind
 * still cover the whole file.
 */
typedef struct {
  char           *file_name;
  char           *sha256;
  MkEncoding      encoding;
  MkDialect       dialect;
  MkPreset        preset;
  MkDateOrder     date_order;
  MkImportCounts  counts;
  guint64         minutes;
  gint64          batch_id;
  gboolean        dry_run;
  GPtrArray      *problems;
  guint64         n_problems;
  GPtrArray      *unmapped;
  MkImportNotes   notes;
} MkImportResult;

/**
 * MkPreviewRow:
 * @line: the line the row starts on
 * @day: "YYYY-MM-DD", or "" when the row is invalid
 * @start: minutes after midnight, or -1
 * @minutes: the duration, or 0 when the row is invalid
 * @person: (nullable): the person's name as read
 * @category_text: (nullable): the text the category comes from
 * @category_key: (nullable): the category it maps to ("other" when none)
 * @task: (nullable): the task text
 * @skipped: %TRUE for a blank or totals row, and an empty entry
 * @empty: %TRUE for an entry of less than half a minute (skipped)
 * @problem: (nullable): why the row is invalid; for a line whose quoted
 *   field is never closed, the row has no values and @broken is set
 * @broken: %TRUE when a quoted field starts on this line and never closes
 */
typedef struct {
  guint64  line;
  char     day[MK_DATE_ISO_LEN];
  int      start;
  int      minutes;
  char    *person;
  char    *category_text;
  char    *category_key;
  char    *task;
  gboolean skipped;
  gboolean empty;
  char    *problem;
  gboolean broken;
} MkPreviewRow;

/**
 * MkImportPreview:
 * @file_name: the file's name
 * @encoding: the detected encoding
 * @dialect: the detected dialect
 * @map: (nullable): the column map, or %NULL when columns are missing
 * @columns_problem: (nullable): why the columns cannot be mapped
 * @date_order: the date order decided from the rows previewed
 * @rows: (element-type MkPreviewRow): the first rows, parsed
 * @problems: (element-type utf8): "FILE:LINE: reason" for the rows shown
 * @headers: (nullable): the header cells, trimmed, whenever a header was
 *   read (also when the columns cannot be mapped)
 * @unmapped: (element-type MkUnmappedValue): category texts of the rows
 *   shown that have no alias, most frequent first
 * @notes: how the rows shown were read
 * @broken_lines: how many lines have a quoted field that is never closed
 *   (shown as rows with @broken set when among the rows shown); the rest
 *   of the file can be imported with skip_invalid
 */
typedef struct {
  char         *file_name;
  MkEncoding    encoding;
  MkDialect     dialect;
  MkColumnMap  *map;
  char         *columns_problem;
  MkDateOrder   date_order;
  GPtrArray    *rows;
  GPtrArray    *problems;
  GStrv         headers;
  GPtrArray    *unmapped;
  MkImportNotes notes;
  guint         broken_lines;
} MkImportPreview;

/**
 * MkImportProgressFunc:
 * @rows: rows read so far
 * @bytes: bytes read so far
 * @total_bytes: the file's size
 * @user_data: the data given with the function
 *
 * Progress of a run.
 */
typedef void (*MkImportProgressFunc) (guint64  rows,
                                      guint64  bytes,
                                      guint64  total_bytes,
                                      gpointer user_data);

void             mk_import_options_init  (MkImportOptions        *options);
void             mk_import_result_free   (MkImportResult         *result);
void             mk_import_preview_free  (MkImportPreview        *preview);
void             mk_import_notes_clear   (MkImportNotes          *notes);
GPtrArray       *mk_import_notes_describe (const MkImportNotes   *notes);
void             mk_import_notes_add_day  (MkImportNotes         *notes,
                                           const char            *day,
                                           const char            *today);

MkImportPreview *mk_importer_preview     (MkStore                *store,
                                          const char             *path,
                                          const MkImportOptions  *options,
                                          guint                   max_rows,
                                          GError                **error);
gboolean         mk_importer_run         (MkStore                *store,
                                          const char             *path,
                                          const MkImportOptions  *options,
                                          GCancellable           *cancellable,
                                          MkImportProgressFunc    progress,
                                          gpointer                progress_data,
                                          MkImportResult        **result,
                                          GError                **error);
gboolean         mk_importer_run_bytes   (MkStore                *store,
                                          GBytes                 *bytes,
                                          const char             *display_name,
                                          const MkImportOptions  *options,
                                          MkImportResult        **result,
                                          GError                **error);
void             mk_importer_run_async   (MkStore                *store,
                                          const char             *path,
                                          const MkImportOptions  *options,
                                          GCancellable           *cancellable,
                                          MkImportProgressFunc    progress,
                                          gpointer                progress_data,
                                          GDestroyNotify          progress_notify,
                                          GAsyncReadyCallback     callback,
                                          gpointer                user_data);
gboolean         mk_importer_run_finish  (MkStore                *store,
                                          GAsyncResult           *result,
                                          MkImportResult        **import_result,
                                          GError                **error);

/* For tests only: hold a run at a row, to act while it is surely under way. */
void             mk_importer_test_hold_at  (guint64 row);
gboolean         mk_importer_test_is_held  (void);
void             mk_importer_test_release  (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MkImportResult, mk_import_result_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MkImportPreview, mk_import_preview_free)

G_END_DECLS
