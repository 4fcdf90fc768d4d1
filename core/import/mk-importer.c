/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-importer.c — timesheet CSV files into the store, all or nothing.
 *
 * Design notes.
 *
 * A run is three passes at most over a stream that never holds more than
 * one chunk and one record in memory (plus one 8-byte key per row for the
 * occurrence numbers):
 *   1. the header and up to SAMPLE_ROWS rows: the column map, and evidence
 *      on the date order;
 *   2. only when that evidence is ambiguous (every date fits both
 *      day/month and month/day): the whole date column, so the order is
 *      decided from the whole column; still ambiguous → refused, asking
 *      for --date-format;
 *   3. the rows: read and parsed on a second thread (mk-import-pipe.c),
 *      then resolved against the store and added through an MkStoreBulk
 *      on the caller's thread: one transaction for the whole file.
 * Previews read their few rows on the caller's thread, without a bulk.
 * Invariants:
 *   - nothing is written unless the whole file was read and every row was
 *     valid (or skip_invalid); a dry run, a cancel or an error rolls back;
 *   - a refused file keeps being read only to list its problems, up to
 *     max_problems;
 *   - a row's fingerprint is a hash of (person, day, start, minutes,
 *     category, task) mixed with its occurrence number among identical rows
 *     of this file, so importing the same file twice adds nothing, and two
 *     identical rows in one file are two entries.
 * mk_importer_run_async() runs the same code in a GTask thread on its own
 * MkStore, opened on the caller's database file.
 *
 * A test can hold a run at a row of its choosing (mk_importer_test_hold_at):
 * the run reports its progress there and waits until the test releases it,
 * then checks its cancellable, so a test cancels (or closes a window) while
 * the import is surely under way, however fast the importer becomes.
 */
#define G_LOG_DOMAIN "mk-importer"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mk-day.h"
#include "mk-error.h"
#include "mk-import-pipe.h"
#include "mk-import-reader.h"
#include "mk-import-row.h"
#include "mk-importer.h"
#include "mk-person-days.h"

#define SAMPLE_ROWS 2000
/* A file with more lines whose quote never closes than this is refused
 * as a whole: each one costs a pass over the file. */
#define MAX_BROKEN_LINES 50
#define PROGRESS_EVERY_ROWS 4096

typedef struct {
  MkStore               *store;
  const MkImportOptions *options;
  MkImportReader        *reader;
  guint64                header_line;
  MkColumnMap           *map;
  MkDateColumn           dates;
  guint                  sample_left;
  MkImportConverter     *converter;
  MkStoreBulk           *bulk;
  GPtrArray             *map_texts;      /* --map: the words … */
  GArray                *map_ids;        /* … and their categories (gint64) */
  MkKeySet               seen;
  MkPersonDays           days;
  MkImportResult        *result;
  MkImportPreview       *preview;
  guint                  preview_left;
  guint                  max_problems;
  gboolean               refusing;
  GError                *fatal;          /* a refusal of the whole reading,
                                            * kept while the rest is counted */
  GCancellable          *cancellable;
  MkImportProgressFunc   progress;
  gpointer               progress_data;
  char                  *today;          /* "YYYY-MM-DD", for the days to come */
} Import;

/**
 * mk_import_options_init:
 * @options: (out caller-allocates): options to fill with the defaults:
 *   automatic preset and date order, all or nothing, not a dry run
 */
void
mk_import_options_init (MkImportOptions *options)
{
  g_return_if_fail (options != NULL);
  memset (options, 0, sizeof *options);
  options->preset = MK_PRESET_AUTO;
  options->date_order = MK_DATE_ORDER_UNKNOWN;
}

/**
 * mk_import_result_free:
 * @result: (transfer full) (nullable): a result
 */
void
mk_import_result_free (MkImportResult *result)
{
  if (result == NULL)
    return;
  g_free (result->file_name);
  g_free (result->sha256);
  g_clear_pointer (&result->problems, g_ptr_array_unref);
  g_clear_pointer (&result->unmapped, g_ptr_array_unref);
  mk_import_notes_clear (&result->notes);
  g_free (result);
}

static void
preview_row_free (gpointer data)
{
  MkPreviewRow *row = data;

  g_free (row->person);
  g_free (row->category_text);
  g_free (row->category_key);
  g_free (row->task);
  g_free (row->problem);
  g_free (row);
}

/**
 * mk_import_preview_free:
 * @preview: (transfer full) (nullable): a preview
 */
void
mk_import_preview_free (MkImportPreview *preview)
{
  if (preview == NULL)
    return;
  g_free (preview->file_name);
  g_clear_pointer (&preview->map, mk_column_map_free);
  g_free (preview->columns_problem);
  g_clear_pointer (&preview->rows, g_ptr_array_unref);
  g_clear_pointer (&preview->problems, g_ptr_array_unref);
  g_strfreev (preview->headers);
  g_clear_pointer (&preview->unmapped, g_ptr_array_unref);
  mk_import_notes_clear (&preview->notes);
  g_free (preview);
}

static gboolean
record_is_blank (const MkRecord *record)
{
  for (guint i = 0; i < record->n_fields; i++)
    for (gsize j = 0; j < record->lengths[i]; j++)
      if (!g_ascii_isspace (record->fields[i][j]))
        return FALSE;
  return TRUE;
}

static void
add_date_evidence (Import         *import,
                   const MkRecord *record)
{
  int column = mk_import_date_source (import->map);
  g_autofree char *text = NULL;

  if (column < 0 || (guint) column >= record->n_fields)
    return;
  text = g_strstrip (g_strndup (record->fields[column], record->lengths[column]));
  if (*text != '\0')
    mk_date_column_add (&import->dates, text);
}

static gboolean
header_cb (const MkRecord  *record,
           gpointer         user_data,
           GError         **error)
{
  Import *import = user_data;

  if (import->map == NULL)
    {
      const MkImportOptions *options = import->options;
      MkColumnOptions column_options = {
        options->preset, options->category_column, options->person != NULL,
        options->person_column, options->duration_column, options->task_column,
        options->date_column, options->start_column, options->end_column,
        options->duration_unit,
      };
      g_autoptr(GPtrArray) header = NULL;

      if (record->broken)
        {
          g_set_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_SYNTAX,
                       _("%s:%llu: a quoted field starts in the header and is never closed"),
                       mk_import_reader_get_name (import->reader),
                       (unsigned long long) record->line);
          return FALSE;
        }
      if (record->n_fields == 0 || record_is_blank (record))
        return TRUE;
      import->header_line = record->line;
      header = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < record->n_fields; i++)
        g_ptr_array_add (header, g_strndup (record->fields[i], record->lengths[i]));
      if (import->preview != NULL && import->preview->headers == NULL)
        {
          import->preview->headers = g_new0 (char *, header->len + 1);
          for (guint i = 0; i < header->len; i++)
            {
              const char *cell = g_ptr_array_index (header, i);

              if (g_str_has_prefix (cell, "\xEF\xBB\xBF"))
                cell += 3;
              import->preview->headers[i] = g_strstrip (g_strdup (cell));
            }
        }
      import->map = mk_column_map_new ((const char * const *) header->pdata, header->len,
                                       &column_options, error);
      if (import->map == NULL)
        {
          g_prefix_error (error, "%s: ", mk_import_reader_get_name (import->reader));
          return FALSE;
        }
      return import->options->date_order == MK_DATE_ORDER_UNKNOWN;
    }
  if (record->n_fields == 0)
    return TRUE;
  add_date_evidence (import, record);
  return --import->sample_left > 0;
}

static gboolean
dates_cb (const MkRecord  *record,
          gpointer         user_data,
          GError         **error)
{
  Import *import = user_data;

  if (record->line > import->header_line)
    add_date_evidence (import, record);
  return TRUE;
}

static void
add_problem (Import         *import,
             guint64         line,
             const char     *reason)
{
  GPtrArray *problems = import->result ? import->result->problems
                                       : import->preview->problems;

  if (import->result != NULL)
    import->result->n_problems++;
  if (problems->len < import->max_problems)
    g_ptr_array_add (problems, g_strdup_printf ("%s:%" G_GUINT64_FORMAT ": %s",
                                                mk_import_reader_get_name (import->reader),
                                                line, reason));
}

static MkImportNotes *
notes_of (Import *import)
{
  return import->result ? &import->result->notes : &import->preview->notes;
}

/* Adds a row's minutes to its person-day.  Returns MK_ROW_OK; or
 * MK_ROW_INVALID with @problem set when the day would pass 24 hours; or
 * MK_ROW_FAILED with @error set when the duration column is a vague
 * "Time" whose values are times of day, not lengths: the whole reading is
 * wrong then, not the row. */
static MkRowStatus
add_to_person_day (Import       *import,
                   MkImportRow  *row,
                   char        **problem,
                   GError      **error)
{
  guint64 key = mk_person_days_key (row->input.person_id, row->person, row->day);
  guint64 total = (guint64) mk_person_days_get (&import->days, key) + row->input.minutes;
  g_autofree char *length = NULL;

  if (total <= MK_DURATION_MAX_MINUTES)
    {
      mk_person_days_add (&import->days, key, (guint32) row->input.minutes);
      return MK_ROW_OK;
    }
  /* Translators: a length of time, "25 h 10 min". */
  length = g_strdup_printf (_("%u h %u min"), (guint) (total / 60), (guint) (total % 60));
  if (import->map->duration_vague && (row->notes & MK_ROW_NOTE_FROM_COLUMN))
    {
      g_set_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_COLUMNS,
                   _("'%s' holds times of day, not lengths: read as lengths, %s would have "
                     "%s on %s. Choose the columns by hand: the start and end times, or a "
                     "column of lengths"),
                   import->map->headers[import->map->duration], row->person, length, row->day);
      return MK_ROW_FAILED;
    }
  *problem = g_strdup_printf (_("with this row %s would have %s on %s, but a day has 24 hours"),
                              row->person, length, row->day);
  return MK_ROW_INVALID;
}

static void
reject_row (Import     *import,
            guint64     line,
            const char *reason)
{
  import->result->counts.rejected++;
  add_problem (import, line, reason);
  if (!import->options->skip_invalid)
    import->refusing = TRUE;
}

static void
report_progress (Import  *import,
                 guint64  bytes)
{
  if (import->progress != NULL)
    import->progress (import->result->counts.rows_read, bytes,
                      mk_import_reader_get_size (import->reader), import->progress_data);
}

/* Adds a valid row through the bulk, with its fingerprint. */
static gboolean
add_row (Import         *import,
         MkImportRow    *row,
         guint64         line,
         GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  guint64 base = mk_import_row_hash (row);
  guint64 fingerprint;
  gboolean duplicate = FALSE;

  for (guint64 k = 0;; k++)
    {
      fingerprint = (base ^ (k * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15))) & G_MAXINT64;
      if (fingerprint == 0)
        fingerprint = 1;
      if (mk_key_set_add (&import->seen, fingerprint))
        break;
    }
  row->input.fingerprint = (gint64) fingerprint;

  if (!mk_store_bulk_add (import->bulk, &row->input, &duplicate, &local_error))
    {
      if (g_error_matches (local_error, MK_STORE_ERROR, MK_STORE_ERROR_INVALID))
        {
          import->result->counts.rejected++;
          add_problem (import, line, local_error->message);
          if (!import->options->skip_invalid)
            import->refusing = TRUE;
          return TRUE;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (duplicate)
    import->result->counts.duplicates++;
  else
    {
      import->result->counts.imported++;
      import->result->minutes += (guint64) row->input.minutes;
    }
  return TRUE;
}

static void
add_preview_row (Import         *import,
                 const MkRecord *record,
                 MkRowStatus     status,
                 MkImportRow    *row,
                 const GError   *problem)
{
  MkPreviewRow *p = g_new0 (MkPreviewRow, 1);

  p->line = record->line;
  p->start = -1;
  p->skipped = status == MK_ROW_SKIPPED || status == MK_ROW_EMPTY;
  p->empty = status == MK_ROW_EMPTY;
  p->broken = record->broken;
  if (status == MK_ROW_OK)
    {
      memcpy (p->day, row->day, sizeof p->day);
      p->start = row->input.start;
      p->minutes = row->input.minutes;
      p->person = g_strdup (row->person);
      p->category_text = g_strdup (row->category_text);
      p->category_key = g_strdup (row->category ? mk_category_get_key (row->category)
                                                : "other");
      p->task = g_strdup (row->task);
    }
  else if (problem != NULL)
    p->problem = g_strdup (problem->message);
  g_ptr_array_add (import->preview->rows, p);
}

static gboolean
preview_row_cb (const MkRecord  *record,
                gpointer         user_data,
                GError         **error)
{
  Import *import = user_data;
  g_autoptr(GError) problem = NULL;
  MkImportRow row;
  MkRowStatus status;

  if (record->line <= import->header_line)
    return TRUE;
  if (record->n_fields == 0 && !record->broken)
    return TRUE;

  g_assert (import->preview != NULL);
  status = mk_import_converter_convert (import->converter, record, &row, &problem);
  if (status == MK_ROW_OK)
    {
      g_autofree char *day_problem = NULL;

      /* After a refusal of the whole reading, the rows are still shown
       * (the user chooses other columns from them). */
      if (import->fatal == NULL)
        status = add_to_person_day (import, &row, &day_problem, &import->fatal);
      if (status == MK_ROW_FAILED)
        status = MK_ROW_OK;
      if (status == MK_ROW_INVALID)
        g_set_error_literal (&problem, MK_PARSE_ERROR, MK_PARSE_ERROR_RANGE, day_problem);
    }
  if (status == MK_ROW_FAILED)
    {
      g_propagate_error (error, g_steal_pointer (&problem));
      return FALSE;
    }
  if (status == MK_ROW_OK && (row.notes & MK_ROW_NOTE_SPAN_USED))
    import->preview->notes.span_used++;
  if (status == MK_ROW_OK)
    mk_import_notes_add_day (&import->preview->notes, row.day, import->today);
  if (status == MK_ROW_EMPTY)
    import->preview->notes.empty++;
  add_preview_row (import, record, status, &row, problem);
  if (status == MK_ROW_INVALID)
    add_problem (import, record->line, problem->message);
  return --import->preview_left > 0;
}

/* The test hold: the row a run waits at, whether one is armed (read
 * without the lock on every row, so that an import without a hold pays one
 * atomic read a row) and whether a run waits there. */
static struct {
  GMutex   lock;
  GCond    cond;
  gint     armed;
  guint64  row;
  gboolean held;
} test_hold;

/**
 * mk_importer_test_hold_at:
 * @row: a row number, counted from 1 among the rows read
 *
 * For tests: the next run that reads @row reports its progress there and
 * waits until mk_importer_test_release(); then it checks its cancellable,
 * so a cancel made meanwhile ends the run there.
 */
void
mk_importer_test_hold_at (guint64 row)
{
  g_return_if_fail (row > 0);

  g_mutex_lock (&test_hold.lock);
  test_hold.row = row;
  g_atomic_int_set (&test_hold.armed, TRUE);
  g_mutex_unlock (&test_hold.lock);
}

/**
 * mk_importer_test_is_held:
 *
 * Returns: %TRUE while a run waits at the row given to
 *   mk_importer_test_hold_at()
 */
gboolean
mk_importer_test_is_held (void)
{
  gboolean held;

  g_mutex_lock (&test_hold.lock);
  held = test_hold.held;
  g_mutex_unlock (&test_hold.lock);
  return held;
}

/**
 * mk_importer_test_release:
 *
 * Lets a held run go on, and disarms the hold.
 */
void
mk_importer_test_release (void)
{
  g_mutex_lock (&test_hold.lock);
  g_atomic_int_set (&test_hold.armed, FALSE);
  g_cond_broadcast (&test_hold.cond);
  g_mutex_unlock (&test_hold.lock);
}

/* Holds the run at this row if a test asked for it: reports the progress,
 * waits for the release, then says whether the run was cancelled
 * meanwhile (with @error set). */
static gboolean
test_hold_here (Import   *import,
                guint64   bytes,
                GError  **error)
{
  gboolean here;

  g_mutex_lock (&test_hold.lock);
  here = test_hold.armed && test_hold.row == import->result->counts.rows_read;
  g_mutex_unlock (&test_hold.lock);
  if (!here)
    return FALSE;

  report_progress (import, bytes);
  g_mutex_lock (&test_hold.lock);
  test_hold.held = TRUE;
  while (test_hold.armed)
    g_cond_wait (&test_hold.cond, &test_hold.lock);
  test_hold.held = FALSE;
  g_mutex_unlock (&test_hold.lock);
  return g_cancellable_set_error_if_cancelled (import->cancellable, error);
}

/* One row of a run, in the caller's thread: the database half of the
 * conversion, the person-day, the fingerprint and the bulk.  A refused
 * file is still read to its end, so that its counts cover it all.
 * Returns FALSE to stop reading (with @error set on a failure). */
static gboolean
take_row (Import      *import,
          MkPipedRow  *p,
          GError     **error)
{
  MkImportResult *result = import->result;
  g_autofree char *problem = NULL;

  result->counts.rows_read++;
  switch (p->status)
    {
    case MK_ROW_SKIPPED:
      result->counts.skipped++;
      break;
    case MK_ROW_EMPTY:
      result->counts.skipped++;
      result->notes.empty++;
      break;
    case MK_ROW_INVALID:
      reject_row (import, p->line, p->problem);
      break;
    case MK_ROW_OK:
      if (p->row.notes & MK_ROW_NOTE_SPAN_USED)
        result->notes.span_used++;
      mk_import_notes_add_day (&result->notes, p->row.day, import->today);
      if (import->refusing)
        {
          /* Nothing will be written: only count what the summary shows. */
          mk_import_converter_count_category (import->converter, p->row.category_text);
          break;
        }
      if (mk_import_converter_resolve (import->converter, &p->row, error) != MK_ROW_OK)
        return FALSE;
      switch (add_to_person_day (import, &p->row, &problem, &import->fatal))
        {
        case MK_ROW_OK:
          if (!add_row (import, &p->row, p->line, error))
            return FALSE;
          break;
        case MK_ROW_INVALID:
          reject_row (import, p->line, problem);
          break;
        case MK_ROW_FAILED:
          /* The whole reading is wrong (times of day read as lengths):
           * nothing will be written, and the rest of the file is read for
           * the counts only, as after an invalid row. */
          import->refusing = TRUE;
          break;
        case MK_ROW_SKIPPED:
        case MK_ROW_EMPTY:
        default:
          return FALSE;
        }
      break;
    case MK_ROW_FAILED:
    default:
      g_assert_not_reached ();
    }

  if (G_UNLIKELY (g_atomic_int_get (&test_hold.armed)) && test_hold_here (import, p->bytes, error))
    return FALSE;
  if (result->counts.rows_read % PROGRESS_EVERY_ROWS == 0)
    {
      if (g_cancellable_set_error_if_cancelled (import->cancellable, error))
        return FALSE;
      report_progress (import, p->bytes);
    }
  return TRUE;
}

static void
prefix_error (Import  *import,
              GError **error)
{
  if (error != NULL && *error != NULL)
    g_prefix_error (error, "%s: ", mk_import_reader_get_name (import->reader));
}

/* Passes 1 and 2: the column map and the date order. */
static gboolean
read_header (Import   *import,
             GError  **error)
{
  MkImportNotes *notes;
  MkDateBasis basis;
  MkDateOrder order;

  import->sample_left = SAMPLE_ROWS;
  mk_date_column_init (&import->dates);

  if (!mk_import_reader_run (import->reader, header_cb, import, import->cancellable, error))
    return FALSE;
  if (import->map == NULL)
    {
      g_set_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_EMPTY,
                   _("%s has no rows"), mk_import_reader_get_name (import->reader));
      return FALSE;
    }
  notes = notes_of (import);
  notes->date_header = g_strdup (import->map->headers[mk_import_date_source (import->map)]);
  notes->person_source = mk_column_map_describe_person (import->map);
  notes->person = g_strdup (import->options->person);
  notes->no_category = import->map->category < 0;
  if (import->map->duration >= 0)
    notes->duration_header = g_strdup (import->map->headers[import->map->duration]);
  if (import->options->date_order != MK_DATE_ORDER_UNKNOWN)
    {
      notes->date_order = import->options->date_order;
      notes->date_basis = MK_DATE_BASIS_GIVEN;
      return TRUE;
    }

  order = mk_date_column_decide_full (&import->dates, &basis);
  if ((order == MK_DATE_ORDER_AMBIGUOUS || basis == MK_DATE_BASIS_CLOSEST)
      && import->sample_left == 0)
    {
      /* The sample could not tell, or told only by how close its days
       * lie: ask the whole column. */
      mk_date_column_init (&import->dates);
      if (!mk_import_reader_run (import->reader, dates_cb, import, import->cancellable, error))
        return FALSE;
      order = mk_date_column_decide_full (&import->dates, &basis);
    }
  notes->date_order = order;
  notes->date_basis = basis;
  if (basis == MK_DATE_BASIS_CLOSEST)
    {
      gint64 dmy_days;
      gint64 mdy_days;

      mk_date_column_get_spans (&import->dates, &dmy_days, &mdy_days);
      notes->date_days = order == MK_DATE_ORDER_DMY ? dmy_days : mdy_days;
      notes->date_days_other = order == MK_DATE_ORDER_DMY ? mdy_days : dmy_days;
    }
  if (order == MK_DATE_ORDER_AMBIGUOUS && import->preview == NULL)
    {
      g_set_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_AMBIGUOUS_DATES,
                   _("%s: every date in column '%s' fits both day/month and month/day "
                     "order, and both orders spread the days equally; say which with "
                     "--date-format dmy or --date-format mdy"),
                   mk_import_reader_get_name (import->reader),
                   import->map->headers[mk_import_date_source (import->map)]);
      return FALSE;
    }
  if (import->result != NULL)
    import->result->date_order = order;
  else
    import->preview->date_order = order;
  return TRUE;
}

static MkDateOrder
chosen_order (Import *import)
{
  if (import->options->date_order != MK_DATE_ORDER_UNKNOWN)
    return import->options->date_order;
  return import->result ? import->result->date_order : import->preview->date_order;
}

/* Saves the --map aliases: inside the bulk's transaction while there is
 * one, else in a transaction of their own. */
static gboolean
save_maps (Import  *import,
           GError **error)
{
  if (import->map_texts == NULL)
    return TRUE;
  return mk_store_add_aliases (import->store, (const char *const *) import->map_texts->pdata,
                               (const gint64 *) (gpointer) import->map_ids->data,
                               import->map_texts->len, error);
}

/* Applies --map TEXT=KEY: in the store inside the bulk's transaction, or
 * only in the converter for a preview. */
static gboolean
apply_maps (Import   *import,
            GError  **error)
{
  const char * const *maps = import->options->maps;

  for (gsize i = 0; maps != NULL && maps[i] != NULL; i++)
    {
      const char *eq = strrchr (maps[i], '=');
      g_autofree char *text = NULL;
      g_autofree char *key = NULL;
      MkCategory *category;

      if (eq == NULL || eq == maps[i] || eq[1] == '\0')
        {
          g_set_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_MAPPING,
                       _("--map '%s' should look like TEXT=KEY, e.g. \"Перезвоны=follow_up\""),
                       maps[i]);
          return FALSE;
        }
      text = g_strstrip (g_strndup (maps[i], (gsize) (eq - maps[i])));
      key = g_strstrip (g_strdup (eq + 1));
      category = import->store ? mk_store_get_category_by_key (import->store, key) : NULL;
      if (category == NULL && import->store != NULL)
        {
          g_set_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_MAPPING,
                       _("--map '%s': there is no category with the key '%s'"), maps[i], key);
          return FALSE;
        }
      if (category == NULL)
        continue;
      mk_import_converter_add_override (import->converter, text, category);
      if (import->map_texts == NULL)
        {
          import->map_texts = g_ptr_array_new_with_free_func (g_free);
          import->map_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
        }
      g_array_append_vals (import->map_ids, &(gint64) { mk_category_get_id (category) }, 1);
      g_ptr_array_add (import->map_texts, g_steal_pointer (&text));
    }
  return import->bulk == NULL || save_maps (import, error);
}

static void
import_clear (Import *import)
{
  if (import->bulk != NULL)
    mk_store_bulk_abort (g_steal_pointer (&import->bulk));
  g_clear_pointer (&import->converter, mk_import_converter_free);
  g_clear_pointer (&import->map, mk_column_map_free);
  g_clear_pointer (&import->map_texts, g_ptr_array_unref);
  g_clear_pointer (&import->map_ids, g_array_unref);
  mk_key_set_clear (&import->seen);
  mk_person_days_clear (&import->days);
  g_clear_error (&import->fatal);
  g_clear_pointer (&import->today, g_free);
}

/* Pass 3 and the end of a run. */
static gboolean
import_rows (Import   *import,
             GError  **error)
{
  MkImportResult *result = import->result;
  const MkImportOptions *options = import->options;
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  result->preset = import->map->preset;
  import->bulk = mk_store_bulk_begin (import->store, result->file_name, NULL,
                                      mk_preset_to_string (result->preset), error);
  if (import->bulk == NULL)
    return FALSE;
  /* Timesheet rows are 40 bytes or more: a generous estimate. */
  mk_store_bulk_set_cancellable (import->bulk, import->cancellable);
  if (!mk_store_bulk_expect_rows (import->bulk, mk_import_reader_get_size (import->reader) / 40,
                                  error))
    return FALSE;
  import->converter = mk_import_converter_new (import->store, TRUE, import->map, options,
                                               chosen_order (import));
  if (!apply_maps (import, error))
    return FALSE;
  /* Room for the rows a file of this size holds (60 bytes a row is
   * typical), so that the set does not copy itself while growing. */
  mk_key_set_init_sized (&import->seen, mk_import_reader_get_size (import->reader) / 60);
  mk_person_days_init (&import->days);

  {
    MkImportPipe *pipe = mk_import_pipe_start (import->reader, import->converter,
                                               import->header_line, import->cancellable);
    g_autoptr(GError) reader_error = NULL;
    MkPipedRow row;
    gboolean reader_ok;

    ok = TRUE;
    while (ok && mk_import_pipe_next (pipe, &row))
      if (!take_row (import, &row, &local_error))
        ok = local_error == NULL;
    reader_ok = mk_import_pipe_finish (pipe, &reader_error);
    if (ok && !reader_ok)
      {
        ok = FALSE;
        g_propagate_error (&local_error, g_steal_pointer (&reader_error));
      }
    if (ok && g_cancellable_set_error_if_cancelled (import->cancellable, &local_error))
      ok = FALSE;
    if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
      {
        g_clear_error (&local_error);
        g_set_error (&local_error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_CANCELLED,
                     _("The import of %s was cancelled; nothing was written."),
                     result->file_name);
      }
  }
  /* Every row has its occurrence number: the memory can go before the
   * commit needs its own. */
  mk_key_set_clear (&import->seen);
  mk_person_days_clear (&import->days);
  result->unmapped = mk_import_converter_take_unmapped (import->converter);
  result->notes.duration_unit = mk_import_converter_get_learned_unit (import->converter);
  result->sha256 = g_strdup (mk_import_reader_get_sha256 (import->reader));
  if (!ok)
    {
      if (!g_error_matches (local_error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_SYNTAX)
          && !g_error_matches (local_error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_ENCODING)
          && !g_error_matches (local_error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_NOT_TEXT)
          && !g_error_matches (local_error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_CANCELLED))
        prefix_error (import, &local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  report_progress (import, mk_import_reader_get_size (import->reader));

  if (import->fatal != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&import->fatal));
      prefix_error (import, error);
      return FALSE;
    }
  if (import->refusing)
    {
      g_set_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_INVALID_ROWS,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s: %llu row is not valid, so nothing was imported",
                                "%s: %llu rows are not valid, so nothing was imported",
                                result->n_problems),
                   result->file_name, (unsigned long long) result->n_problems);
      return FALSE;
    }
  /* --skip-invalid with no valid row: refused like any file with invalid
   * rows, so that the caller can tell it from an import.  A row already
   * in the database is a valid row: a backup with one bad row that adds
   * nothing new is imported (adding nothing), not refused. */
  if (result->counts.rejected > 0
      && result->counts.imported + result->counts.duplicates == 0)
    {
      g_set_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_INVALID_ROWS,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s: its %llu row is not valid, so nothing was imported",
                                "%s: none of its %llu rows is valid, so nothing was imported",
                                result->counts.rejected),
                   result->file_name, (unsigned long long) result->counts.rejected);
      return FALSE;
    }
  if (result->counts.rows_read == result->counts.skipped)
    {
      g_set_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_EMPTY,
                   _("%s has a header but no rows to import"), result->file_name);
      return FALSE;
    }
  /* A dry run writes nothing; nor does an import that adds nothing (every
   * row already in the database): no empty batch to list or take back.
   * The words it was told (--map) are kept all the same: the person said
   * what they mean, whatever the rows. */
  if (options->dry_run || result->counts.imported == 0)
    {
      mk_store_bulk_abort (g_steal_pointer (&import->bulk));
      return options->dry_run || save_maps (import, error);
    }
  mk_store_bulk_set_sha256 (import->bulk, result->sha256);
  result->batch_id = mk_store_bulk_get_batch_id (import->bulk);
  if (!mk_store_bulk_commit (g_steal_pointer (&import->bulk), &result->counts, &local_error))
    {
      result->batch_id = 0;
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_clear_error (&local_error);
          g_set_error (&local_error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_CANCELLED,
                       _("The import of %s was cancelled; nothing was written."),
                       result->file_name);
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

/* One pass of a run over the file as the reader now reads it. */
static gboolean
run_once (MkStore                *store,
          MkImportReader         *reader,
          const MkImportOptions  *options,
          GCancellable           *cancellable,
          MkImportProgressFunc    progress,
          gpointer                progress_data,
          MkImportResult        **result,
          GError                **error)
{
  Import import = { 0, };
  MkImportResult *r;
  gboolean ok;

  r = g_new0 (MkImportResult, 1);
  r->file_name = g_strdup (mk_import_reader_get_name (reader));
  r->encoding = mk_import_reader_get_encoding (reader);
  r->dialect = *mk_import_reader_get_dialect (reader);
  r->date_order = options->date_order;
  r->dry_run = options->dry_run;
  r->problems = g_ptr_array_new_with_free_func (g_free);

  import.store = store;
  import.options = options;
  import.reader = reader;
  import.today = mk_day_today ();
  import.result = r;
  import.cancellable = cancellable;
  import.progress = progress;
  import.progress_data = progress_data;
  import.max_problems = options->max_problems ? options->max_problems
                                              : MK_IMPORT_DEFAULT_MAX_PROBLEMS;

  ok = read_header (&import, error) && import_rows (&import, error);
  /* The reader settles the encoding at the first byte that is not ASCII,
   * which may come long after the start. */
  r->encoding = mk_import_reader_get_encoding (reader);
  if (!ok)
    {
      /* Nothing was written: say so in the counts too. */
      r->counts.imported = 0;
      r->counts.duplicates = 0;
      r->minutes = 0;
    }
  if (import.map != NULL)
    r->preset = import.map->preset;
  import_clear (&import);
  if (r->unmapped == NULL)
    r->unmapped = g_ptr_array_new ();
  *result = r;
  return ok;
}

/* After a pass that failed on a quote never closed: marks its line broken
 * so that the next pass reads the rest of the file.  Returns whether to
 * try again: not for a line marked before. */
static gboolean
retry_broken (MkImportReader *reader,
              const GError   *error)
{
  guint64 line = mk_import_reader_get_unclosed_line (reader);

  if (!g_error_matches (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_SYNTAX) || line == 0
      || mk_import_reader_get_n_broken_lines (reader) >= MAX_BROKEN_LINES)
    return FALSE;
  /* A line marked already that a pass failed on again (its lines counted
   * otherwise than the parser's, say): trying again would fail again, for
   * ever — the error is given instead. */
  return mk_import_reader_add_broken_line (reader, line);
}

static gboolean
run_reader (MkStore                *store,
            MkImportReader         *reader,
            const MkImportOptions  *options,
            GCancellable           *cancellable,
            MkImportProgressFunc    progress,
            gpointer                progress_data,
            MkImportResult        **result,
            GError                **error)
{
  MkImportOptions defaults;
  MkImportResult *r = NULL;
  gboolean ok;

  if (options == NULL)
    {
      mk_import_options_init (&defaults);
      options = &defaults;
    }
  for (;;)
    {
      g_autoptr(GError) local_error = NULL;

      ok = run_once (store, reader, options, cancellable, progress, progress_data, &r,
                     &local_error);
      if (!ok && retry_broken (reader, local_error))
        {
          g_clear_pointer (&r, mk_import_result_free);
          continue;
        }
      if (!ok)
        g_propagate_error (error, g_steal_pointer (&local_error));
      break;
    }
  if (result != NULL)
    *result = r;
  else
    mk_import_result_free (r);
  return ok;
}

/**
 * mk_importer_run:
 * @store: the store to import into
 * @path: the CSV file
 * @options: (nullable): how to import; %NULL for the defaults
 * @cancellable: (nullable): to cancel; nothing is written then
 * @progress: (nullable) (scope call): called every few thousand rows, in
 *   this thread
 * @progress_data: data for @progress
 * @result: (out) (optional) (transfer full): what happened, set whenever
 *   the file could be opened, also on failure (the problems are there)
 * @error: return location for an error
 *
 * Imports one file in one transaction.
 *
 * Returns: %TRUE when the file was imported (or checked, on a dry run).
 *   Fails with MK_IMPORT_ERROR: %MK_IMPORT_ERROR_INVALID_ROWS (see the
 *   result's problems), _NOT_TEXT, _EMPTY, _ENCODING, _SYNTAX, _COLUMNS,
 *   _AMBIGUOUS_DATES, _MAPPING, _CANCELLED, _IO; or with MK_STORE_ERROR
 *   when the database fails.  Messages start with the file's name.
 */
gboolean
mk_importer_run (MkStore                *store,
                 const char             *path,
                 const MkImportOptions  *options,
                 GCancellable           *cancellable,
                 MkImportProgressFunc    progress,
                 gpointer                progress_data,
                 MkImportResult        **result,
                 GError                **error)
{
  g_autoptr(MkImportReader) reader = NULL;

  g_return_val_if_fail (MK_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (result != NULL)
    *result = NULL;
  reader = mk_import_reader_new (path, NULL, error);
  if (reader == NULL
      || (options != NULL
          && !mk_import_reader_override (reader, options->encoding_given, options->encoding,
                                         options->delimiter, error)))
    return FALSE;
  return run_reader (store, reader, options, cancellable, progress, progress_data, result,
                     error);
}

/**
 * mk_importer_run_bytes:
 * @store: the store to import into
 * @bytes: the whole file
 * @display_name: its name for messages
 * @options: (nullable): how to import
 * @result: (out) (optional) (transfer full): what happened
 * @error: return location for an error
 *
 * Like mk_importer_run() for a file already in memory (tests, fuzzing).
 *
 * Returns: %TRUE when imported.
 */
gboolean
mk_importer_run_bytes (MkStore                *store,
                       GBytes                 *bytes,
                       const char             *display_name,
                       const MkImportOptions  *options,
                       MkImportResult        **result,
                       GError                **error)
{
  g_autoptr(MkImportReader) reader = NULL;

  g_return_val_if_fail (MK_IS_STORE (store), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  if (result != NULL)
    *result = NULL;
  reader = mk_import_reader_new_for_bytes (bytes, display_name, error);
  if (reader == NULL
      || (options != NULL
          && !mk_import_reader_override (reader, options->encoding_given, options->encoding,
                                         options->delimiter, error)))
    return FALSE;
  return run_reader (store, reader, options, NULL, NULL, NULL, result, error);
}

static gboolean preview_once (Import  *import,
                              GError **error);

/**
 * mk_importer_preview:
 * @store: (nullable): the store, to show which category each text maps to
 *   and whether people are known; nothing is written to it
 * @path: the CSV file
 * @options: (nullable): how it would be imported
 * @max_rows: how many rows to parse
 * @error: return location for an error
 *
 * Shows how a file will be understood.  A file whose columns cannot be
 * mapped still gives a preview (with @columns_problem set) so that the
 * user can choose a preset or a column.
 *
 * A quoted field that never closes does not stop the preview: its line is
 * a row marked @broken, and the rows around it are shown as they are.
 *
 * Returns: (transfer full) (nullable): the preview, or %NULL when the file
 *   cannot be read at all (not text, empty, more than 50 quotes never
 *   closed).
 */
MkImportPreview *
mk_importer_preview (MkStore                *store,
                     const char             *path,
                     const MkImportOptions  *options,
                     guint                   max_rows,
                     GError                **error)
{
  g_autoptr(MkImportReader) reader = NULL;
  g_autoptr(MkImportPreview) preview = NULL;
  g_autoptr(GError) local_error = NULL;
  MkImportOptions defaults;

  g_return_val_if_fail (store == NULL || MK_IS_STORE (store), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  if (options == NULL)
    {
      mk_import_options_init (&defaults);
      options = &defaults;
    }
  reader = mk_import_reader_new (path, NULL, error);
  if (reader == NULL
      || !mk_import_reader_override (reader, options->encoding_given, options->encoding,
                                     options->delimiter, error))
    return NULL;

  for (;;)
    {
      Import import = { 0, };

      preview = g_new0 (MkImportPreview, 1);
      preview->file_name = g_strdup (mk_import_reader_get_name (reader));
      preview->encoding = mk_import_reader_get_encoding (reader);
      preview->dialect = *mk_import_reader_get_dialect (reader);
      preview->date_order = options->date_order;
      preview->rows = g_ptr_array_new_with_free_func (preview_row_free);
      preview->problems = g_ptr_array_new_with_free_func (g_free);

      import.store = store;
      import.options = options;
      import.reader = reader;
      import.today = mk_day_today ();
      import.preview = preview;
      import.preview_left = MAX (max_rows, 1);
      import.max_problems = MAX (max_rows, 1);
      if (preview_once (&import, &local_error))
        break;
      g_clear_pointer (&preview, mk_import_preview_free);
      if (!retry_broken (reader, local_error))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      g_clear_error (&local_error);
    }
  preview->broken_lines = mk_import_reader_get_n_broken_lines (reader);
  return g_steal_pointer (&preview);
}

/* One pass of a preview; fails on what makes the file unreadable. */
static gboolean
preview_once (Import  *import,
              GError **error)
{
  MkImportPreview *preview = import->preview;
  g_autoptr(GError) local_error = NULL;
  gboolean ok;

  mk_person_days_init (&import->days);
  if (!read_header (import, &local_error))
    {
      ok = g_error_matches (local_error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_COLUMNS);
      if (ok)
        {
          /* The user may choose a preset or a column. */
          preview->columns_problem = g_strdup (local_error->message);
          preview->unmapped = g_ptr_array_new ();
        }
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      import_clear (import);
      return ok;
    }

  import->converter = mk_import_converter_new (import->store, FALSE, import->map,
                                               import->options, chosen_order (import));
  ok = apply_maps (import, &local_error)
       && mk_import_reader_run (import->reader, preview_row_cb, import, NULL, &local_error);
  if (ok && import->fatal != NULL)
    {
      ok = FALSE;
      g_propagate_error (&local_error, g_steal_pointer (&import->fatal));
    }
  if (!ok)
    {
      if (g_error_matches (local_error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_COLUMNS))
        {
          /* A column that holds times of day read as lengths. */
          preview->columns_problem = g_strdup (local_error->message);
          preview->map = g_steal_pointer (&import->map);
          preview->unmapped = mk_import_converter_take_unmapped (import->converter);
          import_clear (import);
          return TRUE;
        }
      import_clear (import);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  preview->map = g_steal_pointer (&import->map);
  preview->unmapped = mk_import_converter_take_unmapped (import->converter);
  preview->notes.duration_unit = mk_import_converter_get_learned_unit (import->converter);
  import_clear (import);
  return TRUE;
}
