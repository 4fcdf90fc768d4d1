/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-live.c — the window follows another program's changes.
 *
 * Runs the real window, then writes to its database through a second
 * MkStore, as `minutka --import` or a second Minutka would.  The window's
 * own poll finds such a change (one test waits for it); the others run the
 * window's check at once (mk_store_check_external(), what the poll calls)
 * instead of waiting up to two seconds for it.  The Entries page must show
 * the new rows without losing what the user was doing: an open editor
 * keeps what was typed, the list keeps its scroll position.  Imported rows
 * name their file in the Source column, with the time of the import in the
 * tooltip.  Nothing refreshes when nothing changed.  Screenshots go to
 * MINUTKA_SCREENSHOT_DIR.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "mk-application.h"
#include "mk-entry-editor.h"
#include "mk-entries-page.h"
#include "mk-importer.h"
#include "mk-store.h"
#include "mk-window.h"
#include "gui-test-utils.h"

static MkApplication *app;
static char *db_path;
static guint changed_count;

static void
count_changed_cb (MkStore *store,
                  gpointer user_data)
{
  changed_count++;
}

static MkEntriesPage *
get_page (void)
{
  static gboolean counting;
  MkWindow *window = mk_gui_test_get_window ();
  GtkWidget *page;

  g_assert_true (mk_gui_test_wait_mapped (GTK_WIDGET (window)));
  if (!counting)
    {
      g_signal_connect (mk_window_get_store (window), "changed",
                        G_CALLBACK (count_changed_cb), NULL);
      counting = TRUE;
    }
  page = mk_gui_test_show_page (GTK_WIDGET (window), "entries", MK_TYPE_ENTRIES_PAGE);
  return MK_ENTRIES_PAGE (page);
}

static guint
n_shown (MkEntriesPage *page)
{
  return g_list_model_get_n_items (G_LIST_MODEL (mk_entries_page_get_entries (page)));
}

/* Another program's connection: opened, used, closed, like a CLI run. */
static MkStore *
other_program (void)
{
  g_autoptr(GError) error = NULL;
  MkStore *store = mk_store_open (db_path, &error);

  g_assert_no_error (error);
  return store;
}

static void
other_program_adds (const char *task,
                    const char *day)
{
  g_autoptr(MkStore) store = other_program ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MkPerson) person = mk_store_ensure_person (store, "Olga Smirnova", NULL, &error);
  MkEntryInput input = {
    .day = day,
    .start = 9 * 60,
    .minutes = 25,
    .category_id = mk_category_get_id (mk_store_get_category_by_key (store, "calls")),
    .task = task,
    .source = MK_ENTRY_SOURCE_MANUAL,
  };

  g_assert_no_error (error);
  input.person_id = mk_person_get_id (person);
  g_assert_cmpint (mk_store_add_entry (store, &input, &error), >, 0);
  g_assert_no_error (error);
}

static void
other_program_imports (const char *display_name,
                       const char *csv)
{
  g_autoptr(MkStore) store = other_program ();
  g_autoptr(GBytes) bytes = g_bytes_new (csv, strlen (csv));
  g_autoptr(MkImportResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (mk_importer_run_bytes (store, bytes, display_name, NULL, &result, &error));
  g_assert_no_error (error);
}

/* The window's own check for other programs' commits, done now instead of
 * at the next poll (mk_window.c calls the same function every two seconds
 * and on activation): the store must say "changed" once, and the page draw
 * the change. */
static void
check_now (MkEntriesPage *page,
           guint          before)
{
  g_assert_true (mk_store_check_external (mk_window_get_store (mk_gui_test_get_window ())));
  g_assert_cmpuint (changed_count, ==, before + 1);
  mk_gui_test_wait_for (mk_entries_page_get_settled (page));
}

static void
screenshot (MkEntriesPage *page,
            const char    *name)
{
  const char *lang = g_getenv ("MINUTKA_TEST_LANG");
  g_autofree char *file = g_strdup_printf ("live-%s%s%s.png", name, lang ? "-" : "",
                                           lang ? lang : "");

  mk_gui_test_wait_frames (GTK_WIDGET (page), 3);
  mk_gui_test_screenshot (GTK_WIDGET (mk_gui_test_get_window ()), file);
}

/* The label of a cell that shows @text, if one is on screen. */
static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  if (gtk_widget_get_mapped (root) && g_strcmp0 (mk_gui_test_text_of (root), text) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_label (c, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_live_quiet (void)
{
  MkEntriesPage *page = get_page ();
  MkStore *store = mk_window_get_store (mk_gui_test_get_window ());
  guint before = changed_count;

  /* The window's checks with nothing written by anyone: nothing is
   * refreshed. */
  g_assert_false (mk_store_check_external (store));
  g_assert_false (mk_store_check_external (store));
  mk_gui_test_settle ();
  g_assert_cmpuint (changed_count, ==, before);
  g_assert_cmpuint (n_shown (page), ==, 0);
}

static void
test_live_entry_appears (void)
{
  MkEntriesPage *page = get_page ();
  guint before = changed_count;
  g_autoptr(MkEntry) first = NULL;
  gint64 start = g_get_monotonic_time ();

  /* Nobody tells the window: its own poll finds the change. */
  other_program_adds ("Call from the other window", "2026-03-02");
  mk_gui_test_wait_for (changed_count != before);
  g_test_message ("the window's poll found the change after %d ms",
                  (int) ((g_get_monotonic_time () - start) / 1000));
  mk_gui_test_wait_for (mk_entries_page_get_settled (page));
  g_assert_cmpuint (changed_count, ==, before + 1);

  g_assert_cmpuint (n_shown (page), ==, 1);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (mk_gui_test_child (page, "stack"))),
                   ==, "list");
  first = g_list_model_get_item (G_LIST_MODEL (mk_entries_page_get_entries (page)), 0);
  g_assert_cmpstr (mk_entry_get_task (first), ==, "Call from the other window");
  g_assert_nonnull (find_label (GTK_WIDGET (page), "Call from the other window"));

  /* Once told, quiet again. */
  before = changed_count;
  g_assert_false (mk_store_check_external (mk_window_get_store (mk_gui_test_get_window ())));
  mk_gui_test_settle ();
  g_assert_cmpuint (changed_count, ==, before);
}

static void
test_live_on_activation (void)
{
  MkEntriesPage *page = get_page ();
  MkWindow *window = mk_gui_test_get_window ();
  guint before;
  guint n = n_shown (page);

  /* Coming back to the window shows at once what changed meanwhile,
   * without waiting for the next poll. */
  if (!gtk_window_is_active (GTK_WINDOW (window)))
    {
      g_test_skip ("the window is not active in this display server");
      return;
    }
  mk_gui_test_settle ();
  before = changed_count;
  other_program_adds ("Call while the window was in the background", "2026-03-01");
  g_object_notify (G_OBJECT (window), "is-active");
  g_assert_cmpuint (changed_count, ==, before + 1);
  mk_gui_test_wait_for (mk_entries_page_get_settled (page));
  g_assert_cmpuint (n_shown (page), ==, n + 1);
}

static const char march_csv[] =
  "date,start,minutes,category,person,email,task\n"
  "2026-03-03,09:00,30,calls,Anna Petrova,anna@example.com,Intro call Acme\n"
  "2026-03-03,09:30,15,admin,Anna Petrova,anna@example.com,CRM update\n"
  "2026-03-04,10:00,45,follow_up,Boris Ivanov,,Quote for Globex\n";

static void
test_live_import_names_file (void)
{
  MkEntriesPage *page = get_page ();
  guint before = changed_count;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *year = g_date_time_format (now, "%Y");
  GtkWidget *label;
  const char *tooltip;

  other_program_imports ("timesheet-march.csv", march_csv);
  check_now (page, before);
  g_assert_cmpuint (n_shown (page), ==, 5);

  /* The imported rows say which file they came from, and when. */
  label = find_label (GTK_WIDGET (page), "timesheet-march.csv");
  g_assert_nonnull (label);
  tooltip = gtk_widget_get_tooltip_text (label);
  g_test_message ("tooltip: %s", tooltip);
  g_assert_nonnull (tooltip);
  g_assert_nonnull (strstr (tooltip, "timesheet-march.csv"));
  g_assert_nonnull (strstr (tooltip, year));
  /* The entry typed in the other window still says so, without a tooltip. */
  g_assert_null (find_label (GTK_WIDGET (page), "Import #1"));
  g_assert_nonnull (find_label (GTK_WIDGET (page), g_dgettext (GETTEXT_PACKAGE, "Manual")));
  screenshot (page, "imported");
}

static GtkAdjustment *
vadjustment (MkEntriesPage *page)
{
  return gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (mk_gui_test_child (page, "column_view")));
}

static void
test_live_keeps_scroll (void)
{
  MkEntriesPage *page = get_page ();
  g_autoptr(GString) csv = g_string_new ("date,start,minutes,category,person,task\n");
  GtkAdjustment *adj;
  double where;
  guint before = changed_count;
  guint n;

  for (guint i = 0; i < 400; i++)
    g_string_append_printf (csv, "2026-02-%02u,%02u:%02u,%u,calls,Pavel Orlov,Call %u\n",
                            1 + i % 28, 8 + i % 10, i % 60, 5 + i % 50, i);
  other_program_imports ("february-calls.csv", csv->str);
  check_now (page, before);
  n = n_shown (page);
  g_assert_cmpuint (n, ==, 405);

  adj = vadjustment (page);
  g_assert_cmpfloat (gtk_adjustment_get_upper (adj), >, 3 * gtk_adjustment_get_page_size (adj));
  where = (gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj)) / 2;
  gtk_adjustment_set_value (adj, where);
  mk_gui_test_wait_frames (GTK_WIDGET (page), 3);
  where = gtk_adjustment_get_value (adj);

  /* A change in another program while the user reads the middle: the
   * list takes the new row and stays where the user was. */
  before = changed_count;
  other_program_adds ("Late call", "2026-03-05");
  check_now (page, before);
  g_assert_cmpuint (n_shown (page), ==, n + 1);
  g_test_message ("scrolled to %.0f, after the refresh at %.0f", where,
                  gtk_adjustment_get_value (adj));
  g_assert_cmpfloat (fabs (gtk_adjustment_get_value (adj) - where), <, 1.0);
}

static void
test_live_keeps_editor (void)
{
  MkEntriesPage *page = get_page ();
  GtkSelectionModel *selection;
  MkEntryEditor *editor;
  g_autoptr(MkEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  MkEntryInput input;
  guint before;

  gtk_adjustment_set_value (vadjustment (page), 0);
  selection = gtk_column_view_get_model (GTK_COLUMN_VIEW (mk_gui_test_child (page, "column_view")));
  gtk_selection_model_select_item (selection, 0, TRUE);
  mk_gui_test_wait_frames (GTK_WIDGET (page), 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "entries.edit", NULL));
  editor = MK_ENTRY_EDITOR (mk_gui_test_wait_window (MK_TYPE_ENTRY_EDITOR));
  g_assert_nonnull (editor);
  entry = g_object_ref (mk_entry_editor_get_entry (editor));

  /* Half-way through a correction, another program writes. */
  mk_entry_editor_set_values (editor, NULL, NULL, 50, 0, "Corrected while others wrote");
  before = changed_count;
  other_program_adds ("Written meanwhile", "2026-03-06");
  check_now (page, before);

  /* The editor is still open, on the same entry, with what was typed. */
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_true (mk_entry_editor_get_entry (editor) == entry);
  g_assert_true (mk_entry_editor_get_input (editor, &input, &error));
  g_assert_no_error (error);
  g_assert_cmpint (input.minutes, ==, 50);
  g_assert_cmpstr (input.task, ==, "Corrected while others wrote");

  /* And saving it works and keeps the other program's entry. */
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  mk_gui_test_wait_for (mk_entries_page_get_settled (page));
  {
    g_autoptr(MkStore) store = other_program ();
    g_autoptr(MkEntry) saved = mk_store_get_entry (store, mk_entry_get_id (entry), NULL);

    g_assert_nonnull (saved);
    g_assert_cmpint (mk_entry_get_minutes (saved), ==, 50);
    g_assert_cmpstr (mk_entry_get_task (saved), ==, "Corrected while others wrote");
    g_assert_cmpint (mk_store_count_entries (store), ==, 407);
  }
  g_assert_cmpuint (n_shown (page), ==, 407);
}

int
main (int   argc,
      char *argv[])
{
  mk_gui_test_init (&argc, &argv);

  db_path = g_build_filename (mk_gui_test_tmpdir (), "live.db", NULL);
  g_test_add_func ("/gui/live/quiet-when-nothing-changed", test_live_quiet);
  g_test_add_func ("/gui/live/other-program-entry-appears", test_live_entry_appears);
  g_test_add_func ("/gui/live/seen-on-activation", test_live_on_activation);
  g_test_add_func ("/gui/live/import-names-its-file", test_live_import_names_file);
  g_test_add_func ("/gui/live/keeps-scroll-position", test_live_keeps_scroll);
  g_test_add_func ("/gui/live/keeps-open-editor", test_live_keeps_editor);

  app = mk_gui_test_app_new (db_path);
  return mk_gui_test_run (app);
}
