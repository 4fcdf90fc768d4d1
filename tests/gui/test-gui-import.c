/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-import.c — the Import dialog under a real display server.
 *
 * Runs the real application on an empty database and drives the Import
 * dialog the way the file chooser and a drop do, through
 * mk_import_dialog_open_files(), then through its widgets and actions:
 * a Toggl export and a Windows-1251 semicolon sheet with a column and a
 * category changed, a 200,000-row file stopped half-way, a file with bad
 * rows (the listed line numbers, then "Import Valid Rows"), a Hamster file
 * that needs a person, and files that cannot be imported.  After each step
 * the database is read through a second connection, as another program
 * would.  A screenshot of every page goes to MINUTKA_SCREENSHOT_DIR (the
 * -ru run takes them in Russian).
 */
#include "config.h"

#include <glib/gstdio.h>

#include "mk-import-dialog.h"
#include "mk-import-preview-page.h"
#include "mk-import-row-item.h"
#include "mk-importer.h"
#include "mk-imports-group.h"
#include "mk-preferences-window.h"
#include "mk-store-batches.h"
#include "mk-store.h"
#include "mk-window.h"
#include "gui-test-utils.h"


static MkApplication *app;

static gboolean
russian (void)
{
  return g_strcmp0 (g_getenv ("MINUTKA_TEST_LANG"), "ru") == 0;
}

static void
screenshot (GtkWidget  *widget,
            const char *name)
{
  g_autofree char *file = g_strdup_printf ("import-%s%s.png", name, russian () ? "-ru" : "");

  mk_gui_test_screenshot (widget, file);
}

/* The preview is taller than the window: one shot at the top, one at the end. */
static void
screenshot_preview (GtkWidget  *dialog,
                    const char *name)
{
  GtkScrolledWindow *scroller;
  GtkAdjustment *adjustment;
  g_autofree char *bottom = g_strdup_printf ("%s-end", name);

  screenshot (dialog, name);
  scroller = GTK_SCROLLED_WINDOW (mk_gui_test_find_by_name (dialog, "scroller"));
  adjustment = gtk_scrolled_window_get_vadjustment (scroller);
  if (gtk_adjustment_get_upper (adjustment) <= gtk_adjustment_get_page_size (adjustment))
    return;
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  mk_gui_test_wait_frames (dialog, 3);
  screenshot (dialog, bottom);
  gtk_adjustment_set_value (adjustment, 0);
}

/* The database as another program sees it. */
static MkStore *
open_db (void)
{
  g_autoptr(GError) error = NULL;
  MkStore *window_store = mk_window_get_store (mk_gui_test_get_window ());
  MkStore *store = mk_store_open (mk_store_get_path (window_store), &error);

  g_assert_no_error (error);
  return store;
}

typedef struct {
  MkStore    *store;
  GHashTable *minutes;
} Totals;

static void
sum_cb (gint64      person_id,
        const char *day,
        gint64      category_id,
        int         minutes,
        int         n_entries,
        int         prime_minutes,
        int         timed_minutes,
        gpointer    user_data)
{
  Totals *t = user_data;
  g_autoptr(MkPerson) person = mk_store_get_person (t->store, person_id, NULL);
  MkCategory *category = mk_store_get_category (t->store, category_id);
  char *key = g_strdup_printf ("%s/%s", mk_person_get_name (person),
                               mk_category_get_key (category));

  g_hash_table_replace (t->minutes, key,
                        GINT_TO_POINTER (GPOINTER_TO_INT (g_hash_table_lookup (t->minutes, key))
                                         + minutes));
}

/* The minutes of PERSON in category KEY, over the whole database. */
static int
minutes_of (MkStore    *store,
            const char *person,
            const char *key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) minutes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *wanted = g_strdup_printf ("%s/%s", person, key);
  Totals t = { store, minutes };

  g_assert_true (mk_store_foreach_day_total (store, "1900-01-01", "2199-12-31", sum_cb, &t,
                                             &error));
  g_assert_no_error (error);
  return GPOINTER_TO_INT (g_hash_table_lookup (minutes, wanted));
}

static char *
data_file (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "import", name, NULL);
}

static gboolean
wait_page (MkImportDialog *dialog,
           const char     *page)
{
  GtkStack *stack = GTK_STACK (mk_gui_test_child (dialog, "stack"));

  if (!mk_gui_test_wait_for (g_strcmp0 (mk_import_dialog_get_page (dialog), page) == 0))
    return FALSE;
  /* Let the cross-fade end, for the screenshots. */
  mk_gui_test_wait_for (!gtk_stack_get_transition_running (stack));
  mk_gui_test_wait_frames (GTK_WIDGET (dialog), 2);
  return g_strcmp0 (mk_import_dialog_get_page (dialog), page) == 0;
}

static MkImportPreviewPage *
preview_page (MkImportDialog *dialog)
{
  return MK_IMPORT_PREVIEW_PAGE (mk_gui_test_find_by_name (GTK_WIDGET (dialog), "preview_page"));
}

/* Waits until the preview shows the latest options. */
static void
wait_preview (MkImportDialog *dialog)
{
  MkImportPreviewPage *page = preview_page (dialog);

  /* A change of options starts the new preview at once (loading is set
   * before the change returns), so there is no gap to fall into. */
  mk_gui_test_wait_for (!mk_import_preview_page_get_loading (page));
  mk_gui_test_wait_frames (GTK_WIDGET (dialog), 2);
}

static MkImportDialog *
open_dialog (const char * const *paths)
{
  MkImportDialog *dialog = mk_import_dialog_new (mk_gui_test_get_window ());
  g_autoptr(GListStore) files = g_list_store_new (G_TYPE_FILE);

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (paths[i]);

      g_list_store_append (files, file);
    }
  mk_import_dialog_open_files (dialog, G_LIST_MODEL (files));
  g_assert_true (mk_gui_test_wait_mapped (GTK_WIDGET (dialog)));
  return dialog;
}

static void
select_in_combo (MkImportDialog *dialog,
                 const char     *row_name,
                 const char     *item)
{
  AdwComboRow *row = ADW_COMBO_ROW (mk_gui_test_find_by_name (GTK_WIDGET (dialog), row_name));
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i), item) == 0)
      {
        adw_combo_row_set_selected (row, i);
        wait_preview (dialog);
        return;
      }
  g_error ("%s has no item '%s'", row_name, item);
}

static const char *
label_text (MkImportDialog *dialog,
            const char     *name)
{
  return gtk_label_get_text (GTK_LABEL (mk_gui_test_find_by_name (GTK_WIDGET (dialog), name)));
}

static char *
problems_text (MkImportDialog *dialog)
{
  return g_strdup (label_text (dialog, "problems_view"));
}

static void
run_import (MkImportDialog *dialog)
{
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.start", NULL);
  g_assert_true (wait_page (dialog, "result"));
}

static void
test_import_toggl (void)
{
  g_autofree char *path = data_file ("toggl-detailed.csv");
  const char *paths[] = { path, NULL };
  g_autoptr(MkStore) db = NULL;
  MkImportDialog *dialog = open_dialog (paths);
  MkImportPreviewPage *page;
  GListModel *rows;
  g_autoptr(MkImportRowItem) first = NULL;

  g_assert_true (wait_page (dialog, "preview"));
  page = preview_page (dialog);
  g_assert_true (mk_import_preview_page_get_ready (page));
  rows = mk_import_preview_page_get_rows (page);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 4);
  first = g_list_model_get_item (rows, 0);
  g_assert_cmpstr (mk_import_row_item_get_day (first), ==, "2024-03-05");
  g_assert_cmpstr (mk_import_row_item_get_person (first), ==, "Anna Petrova");
  g_assert_cmpint (mk_import_row_item_get_minutes (first), ==, 90);
  g_assert_cmpstr (mk_import_row_item_get_task (first), ==, "Intro call Acme");
  screenshot_preview (GTK_WIDGET (dialog), "preview-toggl");

  /* The mapping change: the person is read from the e-mail column. */
  select_in_combo (dialog, "person_column_row", "Email");
  g_clear_object (&first);
  first = g_list_model_get_item (rows, 0);
  g_assert_cmpstr (mk_import_row_item_get_person (first), ==, "anna@example.com");

  run_import (dialog);
  screenshot (GTK_WIDGET (dialog), "result-toggl");
  g_assert_cmpstr (label_text (dialog, "imported_label"), ==, "4");
  g_assert_cmpstr (label_text (dialog, "duplicates_label"), ==, "0");

  db = open_db ();
  g_assert_cmpint (minutes_of (db, "anna@example.com", "calls"), ==, 90);
  g_assert_cmpint (minutes_of (db, "anna@example.com", "admin"), ==, 30);
  g_assert_cmpint (minutes_of (db, "boris@example.com", "follow_up"), ==, 45);
  g_assert_cmpint (minutes_of (db, "Anna Petrova", "calls"), ==, 0);

  /* "Show in Analysis" closes the dialog on the Analysis page. */
  g_assert_true (gtk_widget_get_visible (mk_gui_test_find_by_name (GTK_WIDGET (dialog),
                                                                   "analysis_button")));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.show-analysis", NULL);
  mk_gui_test_settle ();
  g_assert_cmpstr (mk_window_get_visible_page (mk_gui_test_get_window ()), ==, "analysis");

  /* The same export again: every row is a duplicate, nothing is added. */
  dialog = open_dialog (paths);
  g_assert_true (wait_page (dialog, "preview"));
  select_in_combo (dialog, "person_column_row", "Email");
  run_import (dialog);
  g_assert_cmpstr (label_text (dialog, "imported_label"), ==, "0");
  g_assert_cmpstr (label_text (dialog, "duplicates_label"), ==, "4");
  screenshot (GTK_WIDGET (dialog), "result-nothing-new");
  g_assert_cmpstr (label_text (dialog, "result_title"), ==,
                   g_dgettext (GETTEXT_PACKAGE, "Nothing New"));
  /* The description as translated, after the file's name (its %s). */
  {
    const char *format = g_dgettext (GETTEXT_PACKAGE,
                                     "%s: every entry in it is already in Minutka; nothing was "
                                     "added.");
    const char *after_name = strstr (format, "%s");

    g_assert_nonnull (after_name);
    g_assert_nonnull (strstr (label_text (dialog, "result_description"), after_name + 2));
  }
  /* No import was recorded, so there is nothing to undo. */
  g_assert_false (gtk_widget_get_visible (mk_gui_test_find_by_name (GTK_WIDGET (dialog),
                                                                    "undo_button")));
  g_assert_false (gtk_widget_get_visible (mk_gui_test_find_by_name (GTK_WIDGET (dialog),
                                                                    "analysis_button")));
  g_assert_cmpint (minutes_of (db, "anna@example.com", "calls"), ==, 90);
  gtk_window_close (GTK_WINDOW (dialog));
}

static void
test_import_windows_1251 (void)
{
  g_autofree char *path = data_file ("excel-ru-1251.csv");
  const char *paths[] = { path, NULL };
  g_autoptr(MkStore) db = NULL;
  MkImportDialog *dialog = open_dialog (paths);
  MkImportPreviewPage *page;
  AdwComboRow *encoding;
  g_autoptr(MkImportRowItem) first = NULL;

  g_assert_true (wait_page (dialog, "preview"));
  page = preview_page (dialog);
  encoding = ADW_COMBO_ROW (mk_gui_test_find_by_name (GTK_WIDGET (dialog), "encoding_row"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (encoding)),
                            "Windows-1251"));
  first = g_list_model_get_item (mk_import_preview_page_get_rows (page), 0);
  g_assert_cmpstr (mk_import_row_item_get_person (first), ==, "Ольга Ким");
  g_assert_cmpint (mk_import_row_item_get_minutes (first), ==, 90);

  /* Read as UTF-16 the file makes no sense: the preview says what is
   * wrong and waits; back to Windows-1251 it is fine again. */
  select_in_combo (dialog, "encoding_row", "UTF-16LE");
  g_assert_false (mk_import_preview_page_get_ready (page));
  g_assert_nonnull (mk_import_preview_page_get_problem (page));
  g_assert_cmpstr (mk_import_dialog_get_page (dialog), ==, "preview");
  select_in_combo (dialog, "encoding_row", "Windows-1251");
  g_assert_true (mk_import_preview_page_get_ready (page));
  g_clear_object (&first);
  first = g_list_model_get_item (mk_import_preview_page_get_rows (page), 0);
  g_assert_cmpstr (mk_import_row_item_get_person (first), ==, "Ольга Ким");

  /* The mapping change: the category comes from "Описание".  Three of its
   * texts name a category by their words ("Обзвон базы", "КП для …",
   * "Еженедельный отчёт"); the fourth is given one by hand. */
  select_in_combo (dialog, "category_column_row", "Описание");
  g_assert_true (mk_import_preview_page_choose_category (page, "Утренняя", "meetings"));
  wait_preview (dialog);
  screenshot_preview (GTK_WIDGET (dialog), "preview-1251");

  run_import (dialog);
  g_assert_cmpstr (label_text (dialog, "imported_label"), ==, "4");
  db = open_db ();
  g_assert_cmpint (minutes_of (db, "Ольга Ким", "calls"), ==, 90);
  g_assert_cmpint (minutes_of (db, "Ольга Ким", "follow_up"), ==, 45);
  g_assert_cmpint (minutes_of (db, "Пётр Сидоров", "meetings"), ==, 30);
  g_assert_cmpint (minutes_of (db, "Пётр Сидоров", "admin"), ==, 60);
  /* The choice was saved as an alias. */
  g_assert_nonnull (mk_store_lookup_alias (db, "утренняя"));
  gtk_window_close (GTK_WINDOW (dialog));
}

/* A CSV file of @n_rows rows of five columns, about 42 bytes a row (the
 * tests below write BIG_ROWS = 200,000 rows: some 8.5 MB, 32 of the
 * reader's chunks).  Its size no longer decides whether the import is still
 * running when a test acts: the importer is held at a row (below). */
static char *
write_big_file (guint n_rows)
{
  g_autofree char *path = g_build_filename (mk_gui_test_tmpdir (), "big.csv", NULL);
  g_autoptr(GString) text = g_string_new ("Date,Manager,Category,Minutes,Task\n");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (text, "2024-%02u-%02u,Manager %u,%s,%u,Row %u\n",
                            1 + i % 12, 1 + i % 28, i % 40,
                            i % 3 == 0 ? "Calls" : i % 3 == 1 ? "Admin" : "Follow-up",
                            5 + i % 50, i);
  g_file_set_contents (path, text->str, (gssize) text->len, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

/* A big file (some chunks of rows written before the hold, so the import's
 * big-file path is under way), held by the importer at a row the test
 * chooses, so that the test acts while the import is surely in progress. */
#define BIG_ROWS 200000

static MkImportDialog *
start_big_import_held_at (guint64 row)
{
  g_autofree char *path = write_big_file (BIG_ROWS);
  const char *paths[] = { path, NULL };
  MkImportDialog *dialog = open_dialog (paths);

  g_assert_true (wait_page (dialog, "preview"));
  mk_importer_test_hold_at (row);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.start", NULL);
  g_assert_true (wait_page (dialog, "progress"));
  mk_gui_test_wait_for (mk_importer_test_is_held ());
  return dialog;
}

static void
test_import_cancel_big (void)
{
  g_autoptr(MkStore) before = open_db ();
  gint64 n_before = mk_store_count_entries (before);
  g_autoptr(MkStore) db = NULL;
  MkImportDialog *dialog = start_big_import_held_at (BIG_ROWS / 2);
  GtkProgressBar *bar = GTK_PROGRESS_BAR (mk_gui_test_child (dialog, "progress_bar"));

  /* Half-way: the bar shows progress (the importer reports a few times a
   * second, so not necessarily the half), and the user stops. */
  mk_gui_test_wait_for (gtk_progress_bar_get_fraction (bar) > 0);
  g_assert_cmpstr (mk_import_dialog_get_page (dialog), ==, "progress");
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (bar), <, 1.0);
  g_assert_cmpstr (label_text (dialog, "progress_label"), !=, "");
  screenshot (GTK_WIDGET (dialog), "progress");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.cancel", NULL);
  mk_importer_test_release ();

  g_assert_true (wait_page (dialog, "result"));
  screenshot (GTK_WIDGET (dialog), "result-cancelled");
  g_assert_cmpstr (label_text (dialog, "imported_label"), ==, "0");
  db = open_db ();
  g_assert_cmpint (mk_store_count_entries (db), ==, n_before);
  g_assert_cmpint (minutes_of (db, "Manager 1", "admin"), ==, 0);
  gtk_window_close (GTK_WINDOW (dialog));
}

static void
test_import_close_while_importing (void)
{
  g_autoptr(MkStore) before = open_db ();
  gint64 n_before = mk_store_count_entries (before);
  g_autoptr(MkStore) db = NULL;
  MkImportDialog *dialog = start_big_import_held_at (BIG_ROWS / 5);

  /* Closing the window stops the import; the worker rolls back. */
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_close (GTK_WINDOW (dialog));
  mk_importer_test_release ();
  mk_gui_test_wait_for (dialog == NULL);
  db = open_db ();
  g_assert_cmpint (mk_store_count_entries (db), ==, n_before);
}

static void
test_import_rejected_rows (void)
{
  g_autofree char *path = data_file ("bad-rows.csv");
  const char *paths[] = { path, NULL };
  g_autoptr(MkStore) db = NULL;
  MkImportDialog *dialog = open_dialog (paths);
  g_autofree char *problems = NULL;
  g_autofree char *expected = NULL;
  static const char *lines[] = {
    "bad-rows.csv:3: date '31.02.2024' does not exist",
    "bad-rows.csv:4: duration '1:75' has 75 minutes",
    "bad-rows.csv:5: duration '-30' is negative",
    "bad-rows.csv:6: duration '25:00' is longer than 24 hours",
    "bad-rows.csv:7: no person: column 'Manager' is empty",
    "bad-rows.csv:8: no duration: column 'Minutes' is empty",
    NULL,
  };

  g_assert_true (wait_page (dialog, "preview"));
  screenshot_preview (GTK_WIDGET (dialog), "preview-bad-rows");
  run_import (dialog);
  screenshot (GTK_WIDGET (dialog), "result-refused");

  /* Refused: nothing written, every bad line listed. */
  problems = problems_text (dialog);
  if (!russian ())
    {
      expected = g_strjoinv ("\n", (char **) lines);
      g_assert_cmpstr (problems, ==, expected);
    }
  else
    for (guint i = 0; lines[i] != NULL; i++)
      {
        g_autofree char *prefix = g_strndup (lines[i], strchr (lines[i] + 13, ':') - lines[i]);

        g_assert_nonnull (strstr (problems, prefix));
      }
  g_assert_cmpstr (label_text (dialog, "rejected_label"), ==, "6");
  db = open_db ();
  g_assert_cmpint (minutes_of (db, "Anna", "calls"), ==, 0);
  g_clear_object (&db);

  /* "Import Valid Rows": the same file again with Skip Invalid Rows on. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.retry-valid", NULL);
  g_assert_true (wait_page (dialog, "result"));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (mk_gui_test_find_by_name (
                   GTK_WIDGET (dialog), "skip_invalid_switch"))));
  screenshot (GTK_WIDGET (dialog), "result-rejected");
  g_assert_cmpstr (label_text (dialog, "imported_label"), ==, "2");
  g_assert_cmpstr (label_text (dialog, "rejected_label"), ==, "6");
  g_free (problems);
  problems = problems_text (dialog);
  g_assert_nonnull (strstr (problems, "bad-rows.csv:3:"));
  g_assert_nonnull (strstr (problems, "bad-rows.csv:8:"));
  db = open_db ();
  g_assert_cmpint (minutes_of (db, "Anna", "calls"), ==, 30);
  g_assert_cmpint (minutes_of (db, "Anna", "admin"), ==, 15);
  gtk_window_close (GTK_WINDOW (dialog));
}

static void
test_import_hamster_person (void)
{
  g_autofree char *path = data_file ("hamster.tsv");
  const char *paths[] = { path, NULL };
  g_autoptr(MkStore) db = NULL;
  MkImportDialog *dialog = open_dialog (paths);
  MkImportPreviewPage *page;
  GtkWidget *person_row;

  g_assert_true (wait_page (dialog, "preview"));
  page = preview_page (dialog);
  person_row = mk_gui_test_find_by_name (GTK_WIDGET (dialog), "person_row");
  g_assert_true (gtk_widget_get_visible (person_row));
  g_assert_false (mk_import_preview_page_get_ready (page));
  g_assert_nonnull (mk_import_preview_page_get_problem (page));
  screenshot_preview (GTK_WIDGET (dialog), "preview-hamster");

  gtk_editable_set_text (GTK_EDITABLE (person_row), "Kate");
  wait_preview (dialog);
  g_assert_true (mk_import_preview_page_get_ready (page));
  run_import (dialog);
  db = open_db ();
  g_assert_cmpint (minutes_of (db, "Kate", "calls"), ==, 70);
  g_assert_cmpint (minutes_of (db, "Kate", "admin"), ==, 30);
  gtk_window_close (GTK_WINDOW (dialog));
}

/* Issue 17, item 13: a file with days to come (a year typed 2062 for 2026)
 * was taken without a word.  Its rows come in as the file says, and the
 * preview and the result say how many are after today, and the latest. */
static void
test_import_days_to_come_noted (void)
{
  g_autofree char *path = data_file ("year-typo-days-to-come.csv");
  const char *paths[] = { path, NULL };
  MkImportNotes notes = { 0, };
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(MkStore) db = NULL;
  MkImportDialog *dialog = open_dialog (paths);
  const char *said;

  notes.future = 2;
  notes.future_latest = (char *) "2062-11-04";
  lines = mk_import_notes_describe (&notes);
  g_assert_cmpuint (lines->len, ==, 1);
  said = g_ptr_array_index (lines, 0);

  g_assert_true (wait_page (dialog, "preview"));
  g_assert_nonnull (strstr (label_text (dialog, "notes_label"), said));
  screenshot_preview (GTK_WIDGET (dialog), "preview-days-to-come");
  run_import (dialog);
  g_assert_nonnull (strstr (label_text (dialog, "result_description"), said));
  screenshot (GTK_WIDGET (dialog), "result-days-to-come");
  db = open_db ();
  g_assert_cmpint (minutes_of (db, "Anna Petrova", "calls"), ==, 30 + 45);
  gtk_window_close (GTK_WINDOW (dialog));
}

static void
test_import_undo_and_remove (void)
{
  g_autofree char *clockify = data_file ("clockify-detailed.csv");
  g_autofree char *kimai = data_file ("kimai-de.csv");
  const char *paths[] = { clockify, kimai, NULL };
  g_autoptr(MkStore) db = NULL;
  MkImportDialog *dialog = open_dialog (paths);
  MkPreferencesWindow *prefs;
  MkImportsGroup *group;
  GtkWidget *undo;
  guint n_before;

  /* Undo in the result: the file's entries go again, and it says so. */
  g_assert_true (wait_page (dialog, "preview"));
  run_import (dialog);
  db = open_db ();
  g_assert_cmpint (minutes_of (db, "Chris Lee", "calls"), ==, 60);
  g_clear_object (&db);
  undo = mk_gui_test_find_by_name (GTK_WIDGET (dialog), "undo_button");
  g_assert_true (gtk_widget_get_visible (undo));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.undo", NULL);
  g_assert_true (mk_gui_test_wait_for (!gtk_widget_get_visible (undo)));
  g_assert_cmpstr (label_text (dialog, "imported_label"), ==, "0");
  screenshot (GTK_WIDGET (dialog), "result-undone");
  db = open_db ();
  g_assert_cmpint (minutes_of (db, "Chris Lee", "calls"), ==, 0);
  g_assert_cmpint (minutes_of (db, "Dana Kim", "admin"), ==, 0);
  g_clear_object (&db);

  /* The second file stays in, and Preferences → Data lists it with Remove. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.next", NULL);
  g_assert_true (wait_page (dialog, "preview"));
  run_import (dialog);
  gtk_window_close (GTK_WINDOW (dialog));
  db = open_db ();
  g_assert_cmpint (minutes_of (db, "Egor Smirnov", "calls"), ==, 45);

  prefs = mk_preferences_window_new (mk_window_get_store (mk_gui_test_get_window ()));
  gtk_window_set_transient_for (GTK_WINDOW (prefs), GTK_WINDOW (mk_gui_test_get_window ()));
  gtk_window_present (GTK_WINDOW (prefs));
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "data");
  group = MK_IMPORTS_GROUP (mk_gui_test_find_by_type (GTK_WIDGET (prefs),
                                                      MK_TYPE_IMPORTS_GROUP));
  g_assert_true (mk_gui_test_wait_for (!mk_imports_group_get_loading (group)
                                       && mk_imports_group_get_n_imports (group) > 0));
  n_before = mk_imports_group_get_n_imports (group);
  mk_gui_test_wait_frames (GTK_WIDGET (prefs), 3);
  screenshot (GTK_WIDGET (prefs), "preferences-imports");
  {
    g_autoptr(GPtrArray) imports = mk_store_list_imports (db, NULL);
    const MkImportSummary *newest = g_ptr_array_index (imports, 0);

    g_assert_cmpstr (newest->file_name, ==, "kimai-de.csv");
    mk_imports_group_remove (group, newest->id);
  }
  g_assert_true (mk_gui_test_wait_for (!mk_imports_group_get_loading (group)
                                       && mk_imports_group_get_n_imports (group)
                                          == n_before - 1));
  g_assert_cmpint (minutes_of (db, "Egor Smirnov", "calls"), ==, 0);
  gtk_window_close (GTK_WINDOW (prefs));
}

static void
test_import_bad_files (void)
{
  g_autofree char *png = data_file ("binary-png.png");
  g_autofree char *empty = data_file ("empty.csv");
  g_autofree char *quote = data_file ("unterminated-quote.csv");
  g_autofree char *ambiguous = data_file ("dates-ambiguous.csv");
  const char *paths[] = { png, empty, quote, ambiguous, NULL };
  g_autoptr(GListStore) remote = g_list_store_new (G_TYPE_FILE);
  g_autoptr(GFile) remote_file = g_file_new_for_uri ("https://example.com/toggl.csv");
  MkImportDialog *remote_dialog;
  static const char *messages[] = { "binary-png.png", "empty.csv" };
  MkImportDialog *dialog = open_dialog (paths);
  MkImportPreviewPage *page;
  g_autoptr(MkImportRowItem) broken = NULL;
  g_autoptr(MkImportRowItem) after = NULL;
  g_autoptr(MkStore) db = NULL;
  int anna_before;

  /* Two files that cannot be read: the importer's message each time. */
  for (guint i = 0; i < G_N_ELEMENTS (messages); i++)
    {
      g_assert_true (wait_page (dialog, "error"));
      g_assert_nonnull (strstr (label_text (dialog, "error_label"), messages[i]));
      if (i == 0)
        screenshot (GTK_WIDGET (dialog), "error");
      gtk_widget_activate_action (GTK_WIDGET (dialog), "import.next", NULL);
    }

  /* A quote never closed on line 3: the preview shows that line marked
   * and the rows after it, and offers to import the rest. */
  g_assert_true (wait_page (dialog, "preview"));
  page = preview_page (dialog);
  g_assert_true (mk_import_preview_page_get_ready (page));
  g_assert_cmpuint (g_list_model_get_n_items (mk_import_preview_page_get_rows (page)), ==, 3);
  broken = g_list_model_get_item (mk_import_preview_page_get_rows (page), 1);
  g_assert_cmpuint (mk_import_row_item_get_line (broken), ==, 3);
  g_assert_cmpstr (mk_import_row_item_get_problem (broken), ==,
                   russian () ? "здесь начинается поле в кавычках, которое нигде не закрывается"
                              : "a quoted field starts here and is never closed");
  after = g_list_model_get_item (mk_import_preview_page_get_rows (page), 2);
  g_assert_cmpint (mk_import_row_item_get_minutes (after), ==, 30);
  g_assert_nonnull (strstr (label_text (dialog, "notes_label"),
                            russian () ? "В 1 строке поле в кавычках нигде не закрывается"
                                       : "1 line has a quoted field that is never closed"));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (
    mk_gui_test_find_by_name (GTK_WIDGET (dialog), "skip_invalid_switch"))));
  screenshot_preview (GTK_WIDGET (dialog), "preview-unclosed-quote");
  db = open_db ();
  anna_before = minutes_of (db, "Anna", "calls");
  g_clear_object (&db);
  run_import (dialog);
  g_assert_cmpstr (label_text (dialog, "imported_label"), ==, "2");
  g_assert_cmpstr (label_text (dialog, "rejected_label"), ==, "1");
  db = open_db ();
  g_assert_cmpint (minutes_of (db, "Anna", "calls"), ==, anna_before + 60);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.next", NULL);

  /* Dates of unknown order: the preview asks, and Import waits for the answer. */
  g_assert_true (wait_page (dialog, "preview"));
  page = preview_page (dialog);
  g_assert_false (mk_import_preview_page_get_ready (page));
  g_assert_nonnull (mk_import_preview_page_get_problem (page));
  screenshot_preview (GTK_WIDGET (dialog), "preview-ambiguous");
  /* The drop-down lists Automatic, year first, day first, month first. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (mk_gui_test_find_by_name (GTK_WIDGET (dialog),
                                                                       "date_order_row")), 3);
  wait_preview (dialog);
  g_assert_true (mk_import_preview_page_get_ready (page));
  g_assert_null (mk_import_preview_page_get_problem (page));

  /* A file that is not on this computer. */
  remote_dialog = mk_import_dialog_new (mk_gui_test_get_window ());
  g_list_store_append (remote, remote_file);
  mk_import_dialog_open_files (remote_dialog, G_LIST_MODEL (remote));
  g_assert_true (wait_page (remote_dialog, "error"));
  g_assert_nonnull (strstr (label_text (remote_dialog, "error_label"),
                            "https://example.com/toggl.csv"));
  gtk_window_close (GTK_WINDOW (remote_dialog));

  /* The page shown while a file is read, for the screenshot only. */
  gtk_stack_set_visible_child_name (GTK_STACK (mk_gui_test_find_by_name (GTK_WIDGET (dialog),
                                                                         "stack")), "loading");
  g_assert_true (wait_page (dialog, "loading"));
  screenshot (GTK_WIDGET (dialog), "loading");
  gtk_window_close (GTK_WINDOW (dialog));
}

static void
test_import_entry_points (void)
{
  MkWindow *window = mk_gui_test_get_window ();
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                "win.import");
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  g_autofree char *path = data_file ("toggl-detailed.csv");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkDropTarget *target = NULL;
  GtkWindow *chooser;
  GSList *list;
  GValue value = G_VALUE_INIT;
  gboolean dropped = FALSE;
  GtkWindow *dialog;

  /* Ctrl+O and the menu open the file chooser. */
  g_assert_nonnull (accels);
  g_assert_cmpstr (accels[0], ==, "<Control>o");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.import", NULL);
  chooser = mk_gui_test_wait_window (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_nonnull (chooser);
  g_assert_true (gtk_file_chooser_get_select_multiple (GTK_FILE_CHOOSER (chooser)));
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  mk_gui_test_settle ();

  /* A file dropped on the window opens the dialog on it. */
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);
  list = g_slist_prepend (NULL, file);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_list (list));
  g_slist_free (list);
  g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &dropped);
  g_value_unset (&value);
  g_assert_true (dropped);
  dialog = mk_gui_test_wait_window (MK_TYPE_IMPORT_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_modal (dialog));
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
  g_assert_true (wait_page (MK_IMPORT_DIALOG (dialog), "preview"));
  gtk_window_close (dialog);
  mk_gui_test_settle ();
}

int
main (int   argc,
      char *argv[])
{
  mk_gui_test_init (&argc, &argv);

  g_test_add_func ("/gui/import/toggl-with-person-column", test_import_toggl);
  g_test_add_func ("/gui/import/windows-1251-with-category-column",
                   test_import_windows_1251);
  g_test_add_func ("/gui/import/cancel-big-leaves-database", test_import_cancel_big);
  g_test_add_func ("/gui/import/close-while-importing-leaves-database",
                   test_import_close_while_importing);
  g_test_add_func ("/gui/import/rejected-rows-listed", test_import_rejected_rows);
  g_test_add_func ("/gui/import/hamster-asks-person", test_import_hamster_person);
  g_test_add_func ("/gui/import/days-to-come-noted", test_import_days_to_come_noted);
  g_test_add_func ("/gui/import/bad-files-show-message", test_import_bad_files);
  g_test_add_func ("/gui/import/undo-and-remove-in-preferences", test_import_undo_and_remove);
  g_test_add_func ("/gui/import/menu-shortcut-and-drop", test_import_entry_points);

  app = mk_gui_test_app_new (NULL);
  return mk_gui_test_run (app);
}
