/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-editor.c — one order of a day and one entry editor, in Today and Entries.
 *
 * Issue 17, item 12, in the real window.  Today and Entries list a day in
 * one order (docs/store.md, "The order of a day"): by start, the entries
 * without a start after those with one, in the order they were added — so
 * an untimed entry no longer sits above the timed ones, and one given a
 * start goes to its start in both pages.  Both pages open the same editor
 * (MkEntryEditor, gui/widgets/) with the same fields, the day among them;
 * changing the day in Today moves the entry out of that day's list, and a
 * start given in Entries' editor moves the entry in Today.  Each
 * step is checked in the database through a second connection;
 * screenshots of the editor from both pages go to MINUTKA_SCREENSHOT_DIR.
 */
#include "config.h"

#include "gui-test-utils.h"
#include "mk-day.h"
#include "mk-day-list.h"
#include "mk-entries-page.h"
#include "mk-entry-editor.h"
#include "mk-entry-list.h"
#include "mk-entry-row.h"
#include "mk-format.h"
#include "mk-store.h"
#include "mk-today-page.h"
#include "mk-window.h"

static char *db_path;

static gboolean
russian (void)
{
  return g_strcmp0 (g_getenv ("MINUTKA_TEST_LANG"), "ru") == 0;
}

static void
screenshot (GtkWidget  *widget,
            const char *name)
{
  g_autofree char *file = g_strdup_printf ("editor-%s%s.png", name, russian () ? "-ru" : "");

  mk_gui_test_screenshot (widget, file);
}

static MkStore *
open_db (void)
{
  g_autoptr(GError) error = NULL;
  MkStore *store = mk_store_open (db_path, &error);

  g_assert_no_error (error);
  return store;
}

static MkEntry *
db_entry (gint64 id)
{
  g_autoptr(MkStore) store = open_db ();

  return mk_store_get_entry (store, id, NULL);
}

static MkTodayPage *
today_page (void)
{
  return MK_TODAY_PAGE (mk_gui_test_show_page (GTK_WIDGET (mk_gui_test_get_window ()), "today",
                                               MK_TYPE_TODAY_PAGE));
}

static MkEntriesPage *
entries_page (void)
{
  return MK_ENTRIES_PAGE (mk_gui_test_show_page (GTK_WIDGET (mk_gui_test_get_window ()),
                                                 "entries", MK_TYPE_ENTRIES_PAGE));
}

/* The id of the entry with @task, from the database. */
static gint64
id_of (const char *task)
{
  g_autoptr(MkStore) store = open_db ();
  g_autoptr(MkEntryList) all = mk_entry_list_new (store);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (all)); i++)
    {
      g_autoptr(MkEntry) e = g_list_model_get_item (G_LIST_MODEL (all), i);

      if (g_strcmp0 (mk_entry_get_task (e), task) == 0)
        return mk_entry_get_id (e);
    }
  g_error ("no entry “%s”", task);
  return 0;
}

/* The tasks of Today's rows, as shown, joined by "|". */
static char *
today_tasks (MkTodayPage *page)
{
  MkDayList *list = MK_DAY_LIST (mk_gui_test_child_of_type (GTK_WIDGET (page), MK_TYPE_DAY_LIST));
  GListModel *rows = mk_day_list_get_rows (list);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(MkEntry) e = g_list_model_get_item (rows, i);

      g_string_append_printf (text, "%s%s", i ? "|" : "", mk_entry_get_task (e));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The tasks of Entries' list for @day, last row first (the page lists the
 * newest first), joined by "|": Today's order when the rule is one. */
static char *
entries_tasks (MkEntriesPage *page,
               const char    *day)
{
  GListModel *list = G_LIST_MODEL (mk_entries_page_get_entries (page));
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = g_list_model_get_n_items (list); i > 0; i--)
    {
      g_autoptr(MkEntry) e = g_list_model_get_item (list, i - 1);

      if (g_strcmp0 (mk_entry_get_day (e), day) == 0)
        g_string_append_printf (text, "%s%s", text->len ? "|" : "", mk_entry_get_task (e));
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* Today's row of the entry @id. */
static GtkWidget *
find_row (GtkWidget *root,
          gint64     id)
{
  if (MK_IS_ENTRY_ROW (root) && mk_entry_row_get_entry (MK_ENTRY_ROW (root)) != NULL &&
      mk_entry_get_id (mk_entry_row_get_entry (MK_ENTRY_ROW (root))) == id)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, id);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Clicks the pencil of the entry's row in Today; returns the editor. */
static MkEntryEditor *
edit_in_today (MkTodayPage *page,
               gint64       id)
{
  GtkWidget *row = find_row (GTK_WIDGET (page), id);
  GtkWindow *editor;

  g_assert_nonnull (row);
  g_signal_emit_by_name (mk_gui_test_child (row, "edit_button"), "clicked");
  editor = mk_gui_test_wait_window (MK_TYPE_ENTRY_EDITOR);
  g_assert_nonnull (editor);
  g_assert_cmpint (mk_entry_get_id (mk_entry_editor_get_entry (MK_ENTRY_EDITOR (editor))), ==, id);
  return MK_ENTRY_EDITOR (editor);
}

/* The fields every editor has, the day first among them. */
static void
assert_fields (MkEntryEditor *editor,
               const char    *day)
{
  GtkWidget *day_button = mk_gui_test_child (editor, "day_button");
  g_autofree char *label = mk_day_format (day);

  g_assert_true (gtk_widget_get_mapped (mk_gui_test_child (editor, "day_row")));
  g_assert_cmpstr (gtk_menu_button_get_label (GTK_MENU_BUTTON (day_button)), ==, label);
  g_assert_true (gtk_widget_get_mapped (mk_gui_test_child (editor, "start_row")));
  g_assert_true (gtk_widget_get_mapped (mk_gui_test_child (editor, "minutes_spin")));
  g_assert_true (gtk_widget_get_mapped (mk_gui_test_child (editor, "category_row")));
  g_assert_true (gtk_widget_get_mapped (mk_gui_test_child (editor, "task_row")));
}

static void
save (MkEntryEditor *editor)
{
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  mk_gui_test_settle ();
}

/* An untimed entry stays below the timed ones, where it was added; given a
 * start in Today's editor, it goes to that start — in Today and in Entries. */
static void
test_editor_one_order (void)
{
  MkTodayPage *page = today_page ();
  g_autoptr(GError) error = NULL;
  g_autofree char *day = NULL;
  g_autofree char *tasks = NULL;
  g_autoptr(MkEntry) stored = NULL;
  MkEntryEditor *editor;

  g_assert_true (mk_today_page_set_person_name (page, "Anna Petrova", &error));
  g_assert_no_error (error);
  day = g_strdup (mk_today_page_get_day (page));
  g_assert_true (mk_today_page_submit (page, "9:00-9:30 call Acme"));
  g_assert_true (mk_today_page_submit (page, "20 admin report"));
  g_assert_true (mk_today_page_submit (page, "10:00-10:15 call Initech"));
  g_assert_true (mk_today_page_submit (page, "15 admin mail"));
  mk_gui_test_settle ();

  /* By start; the untimed ones after, as they were added. */
  tasks = today_tasks (page);
  g_assert_cmpstr (tasks, ==, "call Acme|call Initech|admin report|admin mail");
  screenshot (GTK_WIDGET (mk_gui_test_get_window ()), "today-order");

  /* The report gets a start: it goes to 9:45, between the calls. */
  editor = edit_in_today (page, id_of ("admin report"));
  assert_fields (editor, day);
  screenshot (GTK_WIDGET (editor), "from-today");
  mk_entry_editor_set_values (editor, NULL, "9:45", 0, 0, NULL);
  save (editor);
  stored = db_entry (id_of ("admin report"));
  g_assert_cmpint (mk_entry_get_start (stored), ==, 9 * 60 + 45);
  g_clear_pointer (&tasks, g_free);
  tasks = today_tasks (page);
  g_assert_cmpstr (tasks, ==, "call Acme|admin report|call Initech|admin mail");

  /* Entries lists the day in the same order (from the end: newest first). */
  {
    MkEntriesPage *entries = entries_page ();
    g_autofree char *listed = NULL;

    mk_gui_test_wait_for (g_list_model_get_n_items (
                            G_LIST_MODEL (mk_entries_page_get_entries (entries))) == 4);
    listed = entries_tasks (entries, day);
    g_assert_cmpstr (listed, ==, tasks);
  }
}

/* Entries opens the same editor, with the same fields; an untimed entry
 * given a start there goes to its start in Today too. */
static void
test_editor_same_in_entries (void)
{
  MkEntriesPage *page = entries_page ();
  GListModel *list = G_LIST_MODEL (mk_entries_page_get_entries (page));
  gint64 mail = id_of ("admin mail");
  g_autoptr(MkEntry) shown = NULL;
  g_autoptr(MkEntry) stored = NULL;
  g_autofree char *tasks = NULL;
  GtkWindow *editor;
  guint position = G_MAXUINT;

  for (guint i = 0; i < g_list_model_get_n_items (list) && position == G_MAXUINT; i++)
    {
      g_autoptr(MkEntry) e = g_list_model_get_item (list, i);

      if (mk_entry_get_id (e) == mail)
        position = i;
    }
  g_assert_cmpuint (position, !=, G_MAXUINT);
  shown = g_list_model_get_item (list, position);
  mk_entries_page_edit (page, position);
  editor = mk_gui_test_wait_window (MK_TYPE_ENTRY_EDITOR);
  g_assert_nonnull (editor);
  g_assert_cmpint (mk_entry_get_id (mk_entry_editor_get_entry (MK_ENTRY_EDITOR (editor))), ==,
                   mail);
  assert_fields (MK_ENTRY_EDITOR (editor), mk_entry_get_day (shown));
  screenshot (GTK_WIDGET (editor), "from-entries");

  mk_entry_editor_set_values (MK_ENTRY_EDITOR (editor), NULL, "8:00", 0, 0, NULL);
  save (MK_ENTRY_EDITOR (editor));
  stored = db_entry (mail);
  g_assert_cmpint (mk_entry_get_start (stored), ==, 8 * 60);
  g_assert_null (mk_gui_test_find_window (MK_TYPE_ENTRY_EDITOR));

  tasks = today_tasks (today_page ());
  g_assert_cmpstr (tasks, ==, "admin mail|call Acme|admin report|call Initech");
}

/* A new day in Today's editor moves the entry to that day: it leaves the
 * list of the day shown, and shows on the day it went to. */
static void
test_editor_day_moves_entry (void)
{
  MkTodayPage *page = today_page ();
  g_autofree char *day = g_strdup (mk_today_page_get_day (page));
  g_autofree char *yesterday = mk_day_add (day, -1);
  g_autofree char *tasks = NULL;
  g_autoptr(MkEntry) stored = NULL;
  gint64 mail = id_of ("admin mail");
  MkEntryEditor *editor;

  editor = edit_in_today (page, mail);
  mk_entry_editor_set_values (editor, yesterday, NULL, 0, 0, NULL);
  save (editor);
  stored = db_entry (mail);
  g_assert_cmpstr (mk_entry_get_day (stored), ==, yesterday);
  tasks = today_tasks (page);
  g_assert_cmpstr (tasks, ==, "call Acme|admin report|call Initech");
  g_assert_null (find_row (GTK_WIDGET (page), mail));

  mk_today_page_set_day (page, yesterday);
  mk_gui_test_settle ();
  g_clear_pointer (&tasks, g_free);
  tasks = today_tasks (page);
  g_assert_cmpstr (tasks, ==, "admin mail");
  mk_today_page_set_day (page, day);
  mk_gui_test_settle ();
}

/* A day still to come is refused where it was chosen: the day button is
 * marked, the note says why, the day stays, and the mark goes at the next
 * change; nothing moves to that day. */
static void
test_editor_refuses_day_to_come (void)
{
  MkTodayPage *page = today_page ();
  g_autofree char *day = g_strdup (mk_today_page_get_day (page));
  g_autofree char *today = mk_day_today ();
  g_autofree char *tomorrow = mk_day_add (today, 1);
  g_autoptr(GDateTime) date = mk_day_to_date_time (tomorrow);
  g_autoptr(MkEntry) stored = NULL;
  gint64 call = id_of ("call Acme");
  MkEntryEditor *editor = edit_in_today (page, call);
  GtkWidget *day_button = mk_gui_test_child (editor, "day_button");
  GtkWidget *note = mk_gui_test_child (editor, "error_label");

  gtk_calendar_select_day (GTK_CALENDAR (mk_gui_test_child (editor, "calendar")), date);
  mk_gui_test_settle ();
  g_assert_true (gtk_widget_has_css_class (day_button, "error"));
  g_assert_true (gtk_widget_get_visible (note));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (note)), !=, "");
  assert_fields (editor, day);
  screenshot (GTK_WIDGET (editor), "day-to-come");

  mk_entry_editor_set_values (editor, NULL, "9:05", 0, 0, NULL);
  mk_gui_test_settle ();
  g_assert_false (gtk_widget_has_css_class (day_button, "error"));
  g_assert_false (gtk_widget_get_visible (note));
  save (editor);
  stored = db_entry (call);
  g_assert_cmpstr (mk_entry_get_day (stored), ==, day);
  g_assert_cmpint (mk_entry_get_start (stored), ==, 9 * 60 + 5);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MkApplication) app = NULL;

  mk_gui_test_init (&argc, &argv);
  db_path = g_build_filename (mk_gui_test_tmpdir (), "editor.db", NULL);

  g_test_add_func ("/gui/editor/one-order", test_editor_one_order);
  g_test_add_func ("/gui/editor/same-in-entries", test_editor_same_in_entries);
  g_test_add_func ("/gui/editor/day-moves-entry", test_editor_day_moves_entry);
  g_test_add_func ("/gui/editor/refuses-day-to-come", test_editor_refuses_day_to_come);

  app = mk_gui_test_app_new (db_path);
  return mk_gui_test_run (g_steal_pointer (&app));
}
