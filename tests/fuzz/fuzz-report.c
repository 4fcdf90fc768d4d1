/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-report.c — libFuzzer harness for the exporter and the report writers.
 *
 * Each input is imported for real (invalid rows skipped) into a fresh
 * database copied from an empty one made at the start, so that whatever
 * names, tasks, days and minutes the importer lets through reach the
 * writers.  Then the entries are exported (Minutka's own CSV, through the
 * file writer) and the export imported back in a dry run; the analysis of
 * the default period is written as text, JSON and CSV, and as PDF and
 * through mk_report_write() when the input's first byte asks for it.
 *
 * Besides crashes, leaks and sanitizer reports, these are bugs: a report
 * or export that is not UTF-8, a text report or a mk_safe_text() result
 * holding a raw control character, an export that fails on entries the
 * store holds, an export that does not import back.  Built with
 * -Dfuzzing=true and clang; see tests/fuzz/meson.build.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mk-analysis.h"
#include "mk-error.h"
#include "mk-exporter.h"
#include "mk-importer.h"
#include "mk-report.h"
#include "mk-safe-text.h"
#include "mk-store.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static char *work_dir;
static GBytes *empty_db;

static char *
work_path (const char *name)
{
  return g_build_filename (work_dir, name, NULL);
}

static void
remove_db (const char *name)
{
  const char *suffixes[] = { "", "-wal", "-shm", "-journal" };

  for (gsize i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (name, suffixes[i], NULL);
      g_autofree char *path = work_path (file);

      g_unlink (path);
    }
}

static void
remove_work_dir (void)
{
  const char *files[] = { "export.csv", "report.out" };

  remove_db ("empty.db");
  remove_db ("fuzz.db");
  for (gsize i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = work_path (files[i]);

      g_unlink (path);
    }
  g_rmdir (work_dir);
  g_clear_pointer (&empty_db, g_bytes_unref);
}

/* An empty Minutka database, made once, copied for every input. */
static void
setup (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  char *contents = NULL;
  gsize length;

  if (work_dir != NULL)
    return;
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL);
  work_dir = g_dir_make_tmp ("minutka-fuzz-report-XXXXXX", &error);
  if (work_dir == NULL)
    g_error ("cannot make a folder: %s", error->message);
  atexit (remove_work_dir);
  path = work_path ("empty.db");
  {
    g_autoptr(MkStore) store = mk_store_open (path, &error);

    if (store == NULL)
      g_error ("cannot make the empty database: %s", error->message);
  }
  if (!g_file_get_contents (path, &contents, &length, &error))
    g_error ("cannot read the empty database: %s", error->message);
  empty_db = g_bytes_new_take (contents, length);
}

static void
assert_text (const char *what,
             const char *text,
             gboolean    for_people)
{
  if (!g_utf8_validate (text, -1, NULL))
    g_error ("%s is not UTF-8", what);
  for (const guchar *p = (const guchar *) text; for_people && *p != '\0'; p++)
    if ((*p < 0x20 && *p != '\n') || *p == 0x7f)
      g_error ("%s holds the raw control character 0x%02x", what, *p);
}

static void
write_reports (MkStore *store,
               guint8   flags)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MkAnalysis) analysis = NULL;
  g_autofree char *text = NULL;
  g_autofree char *json = NULL;
  g_autofree char *csv = NULL;

  analysis = mk_analysis_new_for_store (store, NULL, NULL,
                                        (flags & 2) ? MK_PEER_MODE_TEAM : MK_PEER_MODE_LEVEL,
                                        &error);
  if (analysis == NULL)
    g_error ("the analysis of imported entries failed: %s", error->message);

  text = mk_report_text (analysis);
  assert_text ("the text report", text, TRUE);
  json = mk_report_json (analysis);
  assert_text ("the JSON report", json, FALSE);
  csv = mk_report_csv (analysis);
  assert_text ("the CSV report", csv, FALSE);

  if (flags & 4)
    {
      g_autoptr(GBytes) pdf = mk_report_pdf (analysis, &error);

      if (pdf == NULL)
        g_error ("the PDF report failed: %s", error->message);
      if (g_bytes_get_size (pdf) < 5 || memcmp (g_bytes_get_data (pdf, NULL), "%PDF-", 5) != 0)
        g_error ("the PDF report is no PDF");
    }
  if (flags & 8)
    {
      g_autofree char *path = work_path ("report.out");
      MkReportFormat format = (MkReportFormat) ((flags >> 4) & 3);

      if (format == MK_REPORT_FORMAT_PDF && !(flags & 4))
        format = MK_REPORT_FORMAT_CSV;
      if (!mk_report_write (analysis, format, path, &error))
        g_error ("mk_report_write failed: %s", error->message);
    }
}

static void
export_and_back (MkStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MkImportResult) result = NULL;
  g_autofree char *path = work_path ("export.csv");
  MkImportOptions options;
  guint64 n = 0;

  if (!mk_exporter_write (store, path, NULL, NULL, &n, &error))
    {
      if (mk_store_count_entries (store) == 0
          && g_error_matches (error, MK_STORE_ERROR, MK_STORE_ERROR_NOT_FOUND))
        return;
      g_error ("the export of %" G_GINT64_FORMAT " entries failed: %s",
               mk_store_count_entries (store), error->message);
    }
  if ((gint64) n != mk_store_count_entries (store))
    g_error ("exported %" G_GUINT64_FORMAT " of %" G_GINT64_FORMAT " entries", n,
             mk_store_count_entries (store));

  mk_import_options_init (&options);
  options.dry_run = TRUE;
  options.preset = MK_PRESET_MINUTKA;
  if (!mk_importer_run (store, path, &options, NULL, NULL, NULL, &result, &error))
    g_error ("Minutka's own export does not import back: %s", error->message);
  if (result->counts.rejected != 0 || result->counts.imported + result->counts.duplicates != n)
    g_error ("the export of %" G_GUINT64_FORMAT " entries imported back as %" G_GUINT64_FORMAT
             " + %" G_GUINT64_FORMAT " duplicates, %" G_GUINT64_FORMAT " rejected", n,
             (guint64) result->counts.imported, (guint64) result->counts.duplicates,
             (guint64) result->counts.rejected);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(MkImportResult) result = NULL;
  g_autoptr(MkStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *as_text = NULL;
  g_autofree char *safe = NULL;
  MkImportOptions options;
  guint8 flags = size > 0 ? data[0] : 0;

  setup ();

  /* mk_safe_text on the raw bytes: UTF-8 out, no control character. */
  as_text = g_strndup ((const char *) data, size);
  safe = mk_safe_text (as_text);
  assert_text ("mk_safe_text's result", safe, TRUE);
  g_assert_true (!strchr (safe, '\n'));

  remove_db ("fuzz.db");
  path = work_path ("fuzz.db");
  if (!g_file_set_contents (path, g_bytes_get_data (empty_db, NULL),
                            (gssize) g_bytes_get_size (empty_db), &error))
    g_error ("cannot copy the empty database: %s", error->message);
  store = mk_store_open (path, &error);
  if (store == NULL)
    g_error ("cannot open the database: %s", error->message);

  mk_import_options_init (&options);
  options.skip_invalid = TRUE;
  if (flags & 1)
    options.person = "Fuzz\x1b[2J";
  bytes = g_bytes_new (data, size);
  if (!mk_importer_run_bytes (store, bytes, "fuzz.csv", &options, &result, &error)
      || mk_store_count_entries (store) == 0)
    return 0;

  export_and_back (store);
  write_reports (store, flags);
  return 0;
}
