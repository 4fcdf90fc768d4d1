/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-entries.c — the Entries page under a real display server.
 *
 * Runs the real window on the demo team sample and drives the Entries
 * page through its filter bar, its actions and its editor.  After each
 * step the database is read through a second connection, as another
 * program would, and through a different path than the page uses: counts
 * and minutes come from the store's day totals (the rollups), entries by
 * their id.  Screenshots of the page (empty, filled, filtered, selected,
 * the editor; light and dark; a 400-pixel-wide window) go to
 * MINUTKA_SCREENSHOT_DIR, with "-ru" in the Russian run.
 */
#include "config.h"

#include <string.h>

#include "mk-application.h"
#include "mk-entry-editor.h"
#include "mk-entries-page.h"
#include "mk-entry-selection.h"
#include "mk-importer.h"
#include "mk-store.h"
#include "mk-text-cell.h"
#include "mk-window.h"
#include "gui-test-utils.h"

static MkApplication *app;
static char *db_path;

static MkEntriesPage *
get_page (void)
{
  return MK_ENTRIES_PAGE (mk_gui_test_show_page (GTK_WIDGET (mk_gui_test_get_window ()), "entries",
                                                 MK_TYPE_ENTRIES_PAGE));
}

static void
settle (MkEntriesPage *page)
{
  /* A search or a sort is read in a worker: wait for its rows. */
  mk_gui_test_wait_for (!mk_entry_list_get_busy (mk_entries_page_get_entries (page)));
  mk_gui_test_wait_frames (GTK_WIDGET (page), 2);
}

static void
action (MkEntriesPage *page,
        const char    *name,
        GVariant      *param)
{
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (page), name, param));
  settle (page);
}

static GListModel *
shown (MkEntriesPage *page)
{
  return G_LIST_MODEL (mk_entries_page_get_entries (page));
}

static MkEntry *
shown_entry (MkEntriesPage *page,
             guint          position)
{
  g_assert_cmpuint (g_list_model_get_n_items (shown (page)), >, position);
  return g_list_model_get_item (shown (page), position);
}

/* A text cell of a row the table shows, or NULL. */
static GtkWidget *
row_label (MkEntriesPage *page)
{
  GtkWidget *list_view = mk_gui_test_find_by_type (mk_gui_test_child (page, "column_view"),
                                                   GTK_TYPE_LIST_VIEW);

  return list_view != NULL ? mk_gui_test_find_by_type (list_view, MK_TYPE_TEXT_CELL) : NULL;
}

/* Every text cell shown under @root reads as a label with its text to
 * assistive technologies (they draw their text themselves, mk-text-cell.c). */
static guint
assert_cells_are_labels (GtkWidget *root)
{
  guint n = 0;

  if (!gtk_widget_get_mapped (root))
    return 0;
  if (MK_IS_TEXT_CELL (root))
    {
      gtk_test_accessible_assert_role (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_ROLE_LABEL);
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                           mk_text_cell_get_text (MK_TEXT_CELL (root)));
      return 1;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += assert_cells_are_labels (child);
  return n;
}

static GtkSelectionModel *
selection (MkEntriesPage *page)
{
  return gtk_column_view_get_model (GTK_COLUMN_VIEW (mk_gui_test_child (page, "column_view")));
}

/* The database as another program sees it. */
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
  g_autoptr(GError) error = NULL;
  MkEntry *entry = mk_store_get_entry (store, id, &error);

  g_assert_no_error (error);
  return entry;
}

static gboolean
db_has_entry (gint64 id)
{
  g_autoptr(MkStore) store = open_db ();
  g_autoptr(MkEntry) entry = mk_store_get_entry (store, id, NULL);

  return entry != NULL;
}

static gint64
db_id (const char *what,
       const char *key)
{
  g_autoptr(MkStore) store = open_db ();

  if (g_str_equal (what, "person"))
    {
      g_autoptr(MkPerson) person = mk_store_find_person (store, key, NULL);

      g_assert_nonnull (person);
      return mk_person_get_id (person);
    }
  g_assert_nonnull (mk_store_get_category_by_key (store, key));
  return mk_category_get_id (mk_store_get_category_by_key (store, key));
}

typedef struct {
  gint64 person_id;    /* 0: everyone */
  gint64 category_id;  /* 0: all */
  gint64 n_entries;
  gint64 minutes;
} Totals;

static void
add_day_total_cb (gint64      person_id,
                  const char *day,
                  gint64      category_id,
                  int         minutes,
                  int         n_entries,
                  int         prime_minutes,
                  int         timed_minutes,
                  gpointer    user_data)
{
  Totals *totals = user_data;

  if ((totals->person_id == 0 || totals->person_id == person_id) &&
      (totals->category_id == 0 || totals->category_id == category_id))
    {
      totals->n_entries += n_entries;
      totals->minutes += minutes;
    }
}

/* Entries and minutes of a person and category, from the day totals. */
static Totals
db_totals (gint64      person_id,
           gint64      category_id,
           const char *from,
           const char *to)
{
  g_autoptr(MkStore) store = open_db ();
  g_autoptr(GError) error = NULL;
  Totals totals = { person_id, category_id, 0, 0 };

  g_assert_true (mk_store_foreach_day_total (store, from ? from : "1900-01-01",
                                             to ? to : "2199-12-31", add_day_total_cb, &totals,
                                             &error));
  g_assert_no_error (error);
  return totals;
}

static void
assert_shows (MkEntriesPage *page,
              Totals         totals)
{
  g_autofree char *count = g_strdup_printf ("%'u", (guint) totals.n_entries);

  g_assert_cmpint (totals.n_entries, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (shown (page)), ==, totals.n_entries);
  g_assert_cmpint (mk_entry_list_get_total_minutes (mk_entries_page_get_entries (page)), ==,
                   totals.minutes);
  /* The footer says the same. */
  g_assert_true (g_str_has_prefix (mk_entries_page_get_totals (page), count));
}

static void
screenshot (MkEntriesPage *page,
            const char    *name,
            gboolean       dark_too)
{
  const char *lang = g_getenv ("MINUTKA_TEST_LANG");
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autofree char *light = g_strdup_printf ("entries-%s%s%s.png", name, lang ? "-" : "",
                                            lang ? lang : "");
  g_autofree char *dark = g_strdup_printf ("entries-%s-dark%s%s.png", name, lang ? "-" : "",
                                           lang ? lang : "");

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  mk_gui_test_wait_frames (GTK_WIDGET (page), 3);
  mk_gui_test_screenshot (GTK_WIDGET (mk_gui_test_get_window ()), light);
  if (!dark_too)
    return;
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  mk_gui_test_wait_frames (GTK_WIDGET (page), 3);
  mk_gui_test_screenshot (GTK_WIDGET (mk_gui_test_get_window ()), dark);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  mk_gui_test_wait_frames (GTK_WIDGET (page), 2);
}

static void
test_entries_empty (void)
{
  MkEntriesPage *page = get_page ();

  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (mk_gui_test_child (page, "stack"))),
                   ==, "empty");
  screenshot (page, "empty", TRUE);
}

static void
test_entries_demo (void)
{
  MkEntriesPage *page = get_page ();
  g_autoptr(MkStore) store = NULL;

  /* The demo team comes in through another connection (as `minutka
   * --demo` into this empty database); the page follows the store. */
  store = open_db ();
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (mk_store_load_demo (store, NULL, &error));
    g_assert_no_error (error);
  }
  mk_store_check_external (mk_window_get_store (mk_gui_test_get_window ()));
  settle (page);
  g_assert_cmpint (mk_store_count_entries (store), >, 500);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (mk_gui_test_child (page, "stack"))),
                   ==, "list");
  assert_shows (page, db_totals (0, 0, NULL, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (shown (page)), ==, mk_store_count_entries (store));

  /* Latest first: the first row is of the last demo day, the last of the first. */
  {
    g_autoptr(MkEntry) first = shown_entry (page, 0);
    g_autoptr(MkEntry) last = shown_entry (page, g_list_model_get_n_items (shown (page)) - 1);

    g_assert_cmpstr (mk_entry_get_day (first), >, mk_entry_get_day (last));
  }
  screenshot (page, "demo", TRUE);
}

static void
test_entries_filters (void)
{
  MkEntriesPage *page = get_page ();
  MkEntriesFilters *filters = mk_entries_page_get_filters (page);
  gint64 boris = db_id ("person", "Борис Петров");
  gint64 admin = db_id ("category", "admin");
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  GtkStack *stack;
  GtkWidget *label;

  mk_entries_filters_set_person (filters, boris);
  settle (page);
  assert_shows (page, db_totals (boris, 0, NULL, NULL));

  mk_entries_filters_set_category (filters, admin);
  settle (page);
  assert_shows (page, db_totals (boris, admin, NULL, NULL));
  for (guint i = 0; i < g_list_model_get_n_items (shown (page)); i++)
    {
      g_autoptr(MkEntry) entry = shown_entry (page, i);

      g_assert_cmpint (mk_entry_get_person_id (entry), ==, boris);
      g_assert_cmpint (mk_category_get_id (mk_entry_get_category (entry)), ==, admin);
    }
  screenshot (page, "filtered", TRUE);

  /* One day of the study. */
  {
    g_autoptr(MkStore) store = open_db ();

    g_assert_true (mk_store_get_study (store, NULL, &from, &to));
  }
  mk_entries_filters_set_period (filters, from, from);
  settle (page);
  assert_shows (page, db_totals (boris, admin, from, from));
  g_assert_cmpuint (g_list_model_get_n_items (shown (page)), <,
                    db_totals (boris, admin, NULL, NULL).n_entries);

  /* The "Study" preset covers the whole sample again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (filters), "filters.period", "s",
                                             "study"));
  settle (page);
  assert_shows (page, db_totals (boris, admin, from, to));

  /* A search nobody matches says so instead of an empty table. */
  mk_entries_filters_set_search (filters, "no such task anywhere");
  settle (page);
  g_assert_cmpuint (g_list_model_get_n_items (shown (page)), ==, 0);
  stack = GTK_STACK (mk_gui_test_child (page, "list_stack"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "no-match");

  /* Everyone, all categories, all time: everything again. */
  mk_entries_filters_set_search (filters, NULL);
  mk_entries_filters_set_person (filters, 0);
  mk_entries_filters_set_category (filters, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (filters), "filters.period", "s", "all"));
  settle (page);
  assert_shows (page, db_totals (0, 0, NULL, NULL));
  g_assert_cmpuint (assert_cells_are_labels (mk_gui_test_child (page, "column_view")), >, 20);

  /* A search that finds nothing in the whole list, then cleared: the
   * table says so meanwhile, and the rows come back in the row widgets
   * it had (making its 200 new ones cost 0.15 s at a million entries). */
  label = row_label (page);
  g_assert_nonnull (label);
  g_object_add_weak_pointer (G_OBJECT (label), (gpointer *) &label);
  mk_entries_filters_set_search (filters, "no such task anywhere");
  settle (page);
  g_assert_cmpuint (g_list_model_get_n_items (shown (page)), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "no-match");
  g_assert_true (g_str_has_prefix (mk_entries_page_get_totals (page), "0"));
  g_assert_cmpuint (mk_entry_selection_get_n_selected (MK_ENTRY_SELECTION (selection (page))),
                    ==, 0);
  g_assert_true (mk_entries_page_get_settled (page));
  screenshot (page, "no-match", FALSE);
  mk_entries_filters_set_search (filters, NULL);
  settle (page);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "view");
  assert_shows (page, db_totals (0, 0, NULL, NULL));
  g_assert_nonnull (label);
  g_assert_true (gtk_widget_get_mapped (label));
  g_object_remove_weak_pointer (G_OBJECT (label), (gpointer *) &label);

  /* The search reads the task text, any case, in a worker: meanwhile the
   * page turns a spinner over the rows it had. */
  mk_entries_filters_set_search (filters, "crm");
  g_assert_true (mk_entry_list_get_busy (mk_entries_page_get_entries (page)));
  g_assert_true (gtk_widget_get_visible (mk_gui_test_child (page, "busy_spinner")));
  settle (page);
  g_assert_false (gtk_widget_get_visible (mk_gui_test_child (page, "busy_spinner")));
  g_assert_cmpuint (g_list_model_get_n_items (shown (page)), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (shown (page)); i++)
    {
      g_autoptr(MkEntry) entry = shown_entry (page, i);
      g_autofree char *task = g_utf8_strdown (mk_entry_get_task (entry), -1);

      g_assert_nonnull (strstr (task, "crm"));
    }
  mk_entries_filters_set_search (filters, NULL);
  settle (page);
}

/* Another page sends the user here through win.show-entries: the filters it
 * names are set, the others cleared. */
static void
test_entries_show_entries_action (void)
{
  MkWindow *window = mk_gui_test_get_window ();
  MkEntriesPage *page = get_page ();
  MkEntriesFilters *filters = mk_entries_page_get_filters (page);
  gint64 boris = db_id ("person", "Борис Петров");
  gint64 admin = db_id ("category", "admin");
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  GVariantDict dict;

  {
    g_autoptr(MkStore) store = open_db ();

    g_assert_true (mk_store_get_study (store, NULL, &from, &to));
  }

  /* From another page, with a search left on this one. */
  mk_entries_filters_set_search (filters, "no such task anywhere");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.page", "s", "today"));
  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, "person", "x", boris);
  g_variant_dict_insert (&dict, "category", "x", admin);
  g_variant_dict_insert (&dict, "from", "s", from);
  g_variant_dict_insert (&dict, "to", "s", from);
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.show-entries",
                                                     g_variant_dict_end (&dict)));
  settle (page);
  g_assert_cmpstr (mk_window_get_visible_page (window), ==, "entries");
  assert_shows (page, db_totals (boris, admin, from, from));
  g_assert_cmpuint (g_list_model_get_n_items (shown (page)), >, 0);

  /* Only a person: every category, every day, no search. */
  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, "person", "x", boris);
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.show-entries",
                                                     g_variant_dict_end (&dict)));
  settle (page);
  assert_shows (page, db_totals (boris, 0, NULL, NULL));

  /* Nothing named: everything. */
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.show-entries",
                                                     g_variant_new ("a{sv}", NULL)));
  settle (page);
  assert_shows (page, db_totals (0, 0, NULL, NULL));
}

static void
test_entries_sort (void)
{
  MkEntriesPage *page = get_page ();
  GtkColumnView *view = GTK_COLUMN_VIEW (mk_gui_test_child (page, "column_view"));
  GListModel *columns = gtk_column_view_get_columns (view);
  g_autoptr(GtkColumnViewColumn) minutes = NULL;
  g_autoptr(GtkColumnViewColumn) date = NULL;
  int previous = G_MAXINT;

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      const char *id = g_object_get_data (G_OBJECT (column), "mk-column-id");

      if (g_strcmp0 (id, "minutes") == 0)
        g_set_object (&minutes, column);
      else if (g_strcmp0 (id, "date") == 0)
        g_set_object (&date, column);
    }
  g_assert_nonnull (minutes);
  g_assert_nonnull (date);

  /* What a click on the header does: the store sorts, longest first. */
  gtk_column_view_sort_by_column (view, minutes, GTK_SORT_DESCENDING);
  settle (page);
  for (guint i = 0; i < g_list_model_get_n_items (shown (page)); i++)
    {
      g_autoptr(MkEntry) entry = shown_entry (page, i);

      g_assert_cmpint (mk_entry_get_minutes (entry), <=, previous);
      previous = mk_entry_get_minutes (entry);
    }
  gtk_column_view_sort_by_column (view, minutes, GTK_SORT_ASCENDING);
  settle (page);
  {
    g_autoptr(MkEntry) first = shown_entry (page, 0);

    g_assert_cmpint (mk_entry_get_minutes (first), <=, previous);
  }
  gtk_column_view_sort_by_column (view, date, GTK_SORT_DESCENDING);
  settle (page);
}

static MkEntryEditor *
open_editor_on_first (MkEntriesPage *page)
{
  GtkWindow *editor;

  gtk_selection_model_select_item (selection (page), 0, TRUE);
  settle (page);
  action (page, "entries.edit", NULL);
  editor = mk_gui_test_wait_window (MK_TYPE_ENTRY_EDITOR);
  g_assert_nonnull (editor);
  return MK_ENTRY_EDITOR (editor);
}

static void
test_entries_edit (void)
{
  MkEntriesPage *page = get_page ();
  g_autoptr(MkEntry) before = shown_entry (page, 0);
  g_autoptr(MkEntry) after = NULL;
  g_autoptr(MkEntry) restored = NULL;
  gint64 id = mk_entry_get_id (before);
  gint64 calls = db_id ("category", "calls");
  gint64 training = db_id ("category", "training");
  gint64 category = mk_category_get_id (mk_entry_get_category (before)) == calls ? training
                                                                                 : calls;
  MkEntryEditor *editor = open_editor_on_first (page);
  const char *lang = g_getenv ("MINUTKA_TEST_LANG");
  g_autofree char *shot = g_strdup_printf ("entries-editor%s%s.png", lang ? "-" : "",
                                           lang ? lang : "");
  GtkWidget *window;

  mk_gui_test_screenshot (GTK_WIDGET (editor), shot);

  /* A start that is no time of day is refused in the editor; nothing is written. */
  mk_entry_editor_set_values (editor, NULL, "25:99", 0, 0, NULL);
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  settle (page);
  g_assert_true (gtk_widget_get_visible (mk_gui_test_child (editor, "error_label")));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  after = db_entry (id);
  g_assert_cmpint (mk_entry_get_start (after), ==, mk_entry_get_start (before));
  g_clear_object (&after);

  mk_entry_editor_set_values (editor, "2026-11-20", "7:05", 77, category, "Edited in the test");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  settle (page);
  window = GTK_WIDGET (mk_gui_test_get_window ());
  g_assert_null (mk_gui_test_find_by_type (window, MK_TYPE_ENTRY_EDITOR));
  after = db_entry (id);
  g_assert_cmpstr (mk_entry_get_day (after), ==, "2026-11-20");
  g_assert_cmpint (mk_entry_get_start (after), ==, 7 * 60 + 5);
  g_assert_cmpint (mk_entry_get_minutes (after), ==, 77);
  g_assert_cmpint (mk_category_get_id (mk_entry_get_category (after)), ==, category);
  g_assert_cmpstr (mk_entry_get_task (after), ==, "Edited in the test");
  g_assert_cmpint (mk_entry_get_person_id (after), ==, mk_entry_get_person_id (before));

  action (page, "entries.undo", NULL);
  restored = db_entry (id);
  g_assert_cmpstr (mk_entry_get_day (restored), ==, mk_entry_get_day (before));
  g_assert_cmpint (mk_entry_get_start (restored), ==, mk_entry_get_start (before));
  g_assert_cmpint (mk_entry_get_minutes (restored), ==, mk_entry_get_minutes (before));
  g_assert_cmpint (mk_category_get_id (mk_entry_get_category (restored)), ==,
                   mk_category_get_id (mk_entry_get_category (before)));
  g_assert_cmpstr (mk_entry_get_task (restored), ==, mk_entry_get_task (before));
  assert_shows (page, db_totals (0, 0, NULL, NULL));
}

static void
test_entries_edit_refused (void)
{
  MkEntriesPage *page = get_page ();
  g_autoptr(MkEntry) entry = shown_entry (page, 0);
  MkEntryEditor *editor = open_editor_on_first (page);
  GtkWidget *label = mk_gui_test_child (editor, "error_label");

  /* Another program deletes the entry while it is being edited. */
  {
    g_autoptr(MkStore) store = open_db ();
    g_autoptr(GError) error = NULL;

    g_assert_true (mk_store_delete_entry (store, mk_entry_get_id (entry), &error));
  }
  mk_entry_editor_set_values (editor, NULL, NULL, 33, 0, "typed, not lost");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  settle (page);
  /* The store's reason stands in the editor, no dialog over it; the editor
   * stays open with what was typed. */
  g_assert_true (gtk_widget_get_visible (label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), !=, "");
  g_assert_null (mk_gui_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (editor)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (mk_gui_test_child (editor, "task_row"))),
                   ==, "typed, not lost");
  /* The message was about those values: a change takes it away. */
  mk_entry_editor_set_values (editor, NULL, NULL, 34, 0, NULL);
  g_assert_false (gtk_widget_get_visible (label));
  gtk_window_destroy (GTK_WINDOW (editor));
  settle (page);

  /* Put it back for the next tests. */
  {
    g_autoptr(MkStore) store = open_db ();
    g_autoptr(GError) error = NULL;
    MkEntryInput input;

    mk_entry_to_input (entry, &input);
    g_assert_cmpint (mk_store_add_entry (store, &input, &error), >, 0);
    g_assert_no_error (error);
  }
}

static void
test_entries_delete_undo (void)
{
  MkEntriesPage *page = get_page ();
  MkEntriesFilters *filters = mk_entries_page_get_filters (page);
  gint64 emily = db_id ("person", "Emily Watson");
  Totals before;
  gint64 ids[3];

  mk_entries_filters_set_person (filters, emily);
  settle (page);
  before = db_totals (emily, 0, NULL, NULL);
  assert_shows (page, before);

  gtk_selection_model_select_range (selection (page), 2, 3, TRUE);
  settle (page);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(MkEntry) entry = shown_entry (page, 2 + i);

      ids[i] = mk_entry_get_id (entry);
    }
  g_assert_true (gtk_widget_get_visible (mk_gui_test_child (page, "selection_box")));
  screenshot (page, "selected", TRUE);

  action (page, "entries.delete-selected", NULL);
  for (guint i = 0; i < 3; i++)
    g_assert_false (db_has_entry (ids[i]));
  g_assert_cmpint (db_totals (emily, 0, NULL, NULL).n_entries, ==, before.n_entries - 3);
  assert_shows (page, db_totals (emily, 0, NULL, NULL));
  /* The rows are gone, and so is the selection. */
  g_assert_false (gtk_widget_get_visible (mk_gui_test_child (page, "selection_box")));

  action (page, "entries.undo", NULL);
  g_assert_cmpint (db_totals (emily, 0, NULL, NULL).n_entries, ==, before.n_entries);
  g_assert_cmpint (db_totals (emily, 0, NULL, NULL).minutes, ==, before.minutes);
  assert_shows (page, before);

  /* Nothing left to undo. */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (page), "entries.undo", NULL) &&
                  db_totals (emily, 0, NULL, NULL).n_entries != before.n_entries);

  /* Select all, then delete everything Emily logged, then undo. */
  action (page, "entries.select-all", NULL);
  g_assert_cmpuint (gtk_bitset_get_size (gtk_selection_model_get_selection (selection (page))),
                    ==, before.n_entries);
  action (page, "entries.delete-selected", NULL);
  g_assert_cmpint (db_totals (emily, 0, NULL, NULL).n_entries, ==, 0);
  action (page, "entries.undo", NULL);
  g_assert_cmpint (db_totals (emily, 0, NULL, NULL).n_entries, ==, before.n_entries);
  g_assert_cmpint (db_totals (emily, 0, NULL, NULL).minutes, ==, before.minutes);

  mk_entries_filters_set_person (filters, 0);
  settle (page);
}

/* What the selection bar says for @n rows, as the page words it. */
static void
assert_selected_label (MkEntriesPage *page,
                       guint          n)
{
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u selected",
                                                        "%'u selected", n), n);

  g_assert_true (gtk_widget_get_visible (mk_gui_test_child (page, "selection_box")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (mk_gui_test_child (page, "selection_label"))), ==,
                   text);
}

/* Every row of the list is selected exactly when its entry is one of @ids. */
#define assert_selected_rows(page, ids, n_ids) \
  assert_selected_rows_at (page, ids, n_ids, __LINE__)

static void
assert_selected_rows_at (MkEntriesPage *page,
                         const gint64  *ids,
                         guint          n_ids,
                         int            line)
{
  guint n = g_list_model_get_n_items (shown (page));
  guint found = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MkEntry) entry = shown_entry (page, i);
      gboolean wanted = FALSE;

      for (guint j = 0; j < n_ids; j++)
        wanted = wanted || ids[j] == mk_entry_get_id (entry);
      if (gtk_selection_model_is_selected (selection (page), i) != wanted)
        g_error ("row %u (entry %" G_GINT64_FORMAT ") is %sselected (line %d)", i,
                 mk_entry_get_id (entry), wanted ? "not " : "", line);
      found += wanted;
    }
  g_assert_cmpuint (found, ==, n_ids);
}

/* Another program commits through its own connection; the window hears of
 * it now instead of at its next poll (which may have come first). */
static void
commit_elsewhere_noticed (MkEntriesPage *page)
{
  mk_store_check_external (mk_window_get_store (mk_gui_test_get_window ()));
  settle (page);
}

static gint64
add_elsewhere (MkStore    *store,
               MkEntry    *like,
               const char *task)
{
  g_autoptr(GError) error = NULL;
  MkEntryInput input;
  gint64 id;

  mk_entry_to_input (like, &input);
  input.task = task;
  input.uuid[0] = '\0';   /* another entry like it, not the same one again */
  id = mk_store_add_entry (store, &input, &error);
  g_assert_no_error (error);
  return id;
}

static void
delete_elsewhere (MkStore *store,
                  gint64   id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (mk_store_delete_entry (store, id, &error));
  g_assert_no_error (error);
}

/* A supervisor selects rows; meanwhile another program adds and deletes
 * entries.  The same entries stay selected at their new rows, the one
 * deleted elsewhere drops out, and Delete removes exactly the rest. */
static void
test_entries_selection_survives_commit (void)
{
  MkEntriesPage *page = get_page ();
  MkEntriesFilters *filters = mk_entries_page_get_filters (page);
  gint64 emily = db_id ("person", "Emily Watson");
  g_autoptr(MkStore) other = open_db ();
  g_autoptr(MkEntry) latest = NULL;
  gint64 picked[4];
  gint64 above[2];
  gint64 kept[2];
  gint64 newcomer;
  gint64 n_before;

  mk_entries_filters_set_person (filters, emily);
  settle (page);
  n_before = db_totals (emily, 0, NULL, NULL).n_entries;
  assert_shows (page, db_totals (emily, 0, NULL, NULL));
  g_assert_cmpint (n_before, >, 12);

  /* Rows 3 to 5, and row 8 with Ctrl. */
  gtk_selection_model_select_range (selection (page), 3, 3, TRUE);
  gtk_selection_model_select_item (selection (page), 8, FALSE);
  settle (page);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(MkEntry) entry = shown_entry (page, i < 3 ? 3 + i : 8);

      picked[i] = mk_entry_get_id (entry);
    }
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(MkEntry) entry = shown_entry (page, 1 + i);

      above[i] = mk_entry_get_id (entry);
    }
  latest = shown_entry (page, 0);
  assert_selected_label (page, 4);

  /* Elsewhere: one entry added on the latest day (a row at the top), two
   * unselected rows above the selection deleted, one selected row deleted
   * and one given to Boris (it leaves Emily's list). */
  newcomer = add_elsewhere (other, latest, "Added by another program");
  delete_elsewhere (other, above[0]);
  delete_elsewhere (other, above[1]);
  delete_elsewhere (other, picked[1]);
  {
    g_autoptr(MkEntry) entry = mk_store_get_entry (other, picked[3], NULL);
    g_autoptr(GError) error = NULL;
    MkEntryInput input;

    g_assert_nonnull (entry);
    mk_entry_to_input (entry, &input);
    input.person_id = db_id ("person", "Борис Петров");
    g_assert_true (mk_store_update_entry (other, picked[3], &input, &error));
    g_assert_no_error (error);
  }
  commit_elsewhere_noticed (page);
  assert_shows (page, db_totals (emily, 0, NULL, NULL));
  g_assert_cmpint (db_totals (emily, 0, NULL, NULL).n_entries, ==, n_before + 1 - 4);

  kept[0] = picked[0];
  kept[1] = picked[2];
  assert_selected_rows (page, kept, G_N_ELEMENTS (kept));
  assert_selected_label (page, 2);
  screenshot (page, "selection-kept", FALSE);

  /* Delete removes exactly those two; the entry given to Boris stays. */
  action (page, "entries.delete-selected", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (kept); i++)
    g_assert_false (db_has_entry (kept[i]));
  g_assert_true (db_has_entry (newcomer));
  g_assert_true (db_has_entry (picked[3]));
  g_assert_cmpint (db_totals (emily, 0, NULL, NULL).n_entries, ==, n_before + 1 - 4 - 2);
  assert_shows (page, db_totals (emily, 0, NULL, NULL));
  g_assert_false (gtk_widget_get_visible (mk_gui_test_child (page, "selection_box")));
  action (page, "entries.undo", NULL);
  g_assert_cmpint (db_totals (emily, 0, NULL, NULL).n_entries, ==, n_before + 1 - 4);

  /* A new sort keeps them too. */
  gtk_selection_model_select_item (selection (page), 4, TRUE);
  settle (page);
  {
    g_autoptr(MkEntry) entry = shown_entry (page, 4);
    GtkColumnView *view = GTK_COLUMN_VIEW (mk_gui_test_child (page, "column_view"));
    g_autoptr(GtkColumnViewColumn) minutes = NULL;
    GListModel *columns = gtk_column_view_get_columns (view);
    gint64 id = mk_entry_get_id (entry);

    for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
      {
        g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

        if (g_strcmp0 (g_object_get_data (G_OBJECT (column), "mk-column-id"), "minutes") == 0)
          g_set_object (&minutes, column);
      }
    g_assert_nonnull (minutes);
    gtk_column_view_sort_by_column (view, minutes, GTK_SORT_ASCENDING);
    settle (page);
    assert_selected_rows (page, &id, 1);
    assert_selected_label (page, 1);
    gtk_column_view_sort_by_column (view, NULL, GTK_SORT_ASCENDING);
    settle (page);
    assert_selected_rows (page, &id, 1);
  }

  /* Select all; another program then adds an entry.  "All" is what the
   * supervisor saw: the newcomer is not selected, and Delete leaves it. */
  action (page, "entries.select-all", NULL);
  {
    guint n_all = g_list_model_get_n_items (shown (page));
    gint64 late = add_elsewhere (other, latest, "Added after Select All");

    commit_elsewhere_noticed (page);
    g_assert_cmpuint (g_list_model_get_n_items (shown (page)), ==, n_all + 1);
    assert_selected_label (page, n_all);
    for (guint i = 0; i < n_all + 1; i++)
      {
        g_autoptr(MkEntry) entry = shown_entry (page, i);

        g_assert_true (gtk_selection_model_is_selected (selection (page), i) ==
                       (mk_entry_get_id (entry) != late));
      }
    action (page, "entries.delete-selected", NULL);
    g_assert_cmpint (db_totals (emily, 0, NULL, NULL).n_entries, ==, 1);
    g_assert_true (db_has_entry (late));
    action (page, "entries.undo", NULL);
    g_assert_cmpint (db_totals (emily, 0, NULL, NULL).n_entries, ==, n_all + 1);
    delete_elsewhere (other, late);
    commit_elsewhere_noticed (page);
  }

  /* The page hidden while another program commits: shown again, it reads
   * its list again and the same entries are selected. */
  gtk_selection_model_select_range (selection (page), 2, 2, TRUE);
  settle (page);
  {
    g_autoptr(MkEntry) first = shown_entry (page, 2);
    g_autoptr(MkEntry) second = shown_entry (page, 3);
    gint64 both[2] = { mk_entry_get_id (first), mk_entry_get_id (second) };
    gint64 late;

    g_action_group_activate_action (G_ACTION_GROUP (mk_gui_test_get_window ()), "page",
                                    g_variant_new_string ("today"));
    mk_gui_test_wait_frames (GTK_WIDGET (mk_gui_test_get_window ()), 3);
    g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (page)));
    late = add_elsewhere (other, latest, "Added while the page was hidden");
    mk_store_check_external (mk_window_get_store (mk_gui_test_get_window ()));
    mk_gui_test_wait_frames (GTK_WIDGET (mk_gui_test_get_window ()), 2);
    page = get_page ();
    settle (page);
    assert_shows (page, db_totals (emily, 0, NULL, NULL));
    assert_selected_rows (page, both, G_N_ELEMENTS (both));
    assert_selected_label (page, 2);
    delete_elsewhere (other, late);
    commit_elsewhere_noticed (page);
    assert_selected_rows (page, both, G_N_ELEMENTS (both));

    /* Moved to another category, they stay in Emily's list and selected. */
    action (page, "entries.move-selected", g_variant_new_int64 (db_id ("category", "meetings")));
    assert_selected_rows (page, both, G_N_ELEMENTS (both));
    assert_selected_label (page, 2);
    action (page, "entries.undo", NULL);
  }

  /* A new filter shows other rows: nothing stays selected. */
  action (page, "entries.select-all", NULL);
  mk_entries_filters_set_person (filters, 0);
  settle (page);
  g_assert_false (gtk_widget_get_visible (mk_gui_test_child (page, "selection_box")));
}

/* Select All on a list of more than 10,000 rows reads no row: it is "all
 * except …".  Rows unselected with Ctrl stay out of it, also after another
 * program deletes one of them; after another program's commit it refuses
 * to hand out entries the supervisor has not seen. */
static void
test_entries_select_all_big (void)
{
  g_autofree char *path = g_build_filename (mk_gui_test_tmpdir (), "big.db", NULL);
  g_autofree char *csv_path = g_build_filename (mk_gui_test_tmpdir (), "big.csv", NULL);
  g_autoptr(GString) csv = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MkStore) store = mk_store_open (path, &error);
  g_autoptr(MkStore) other = NULL;
  g_autoptr(MkEntryList) list = NULL;
  g_autoptr(MkEntrySelection) entries = NULL;
  g_autoptr(GPtrArray) selected = NULL;
  g_autoptr(MkEntry) like = NULL;
  GtkSelectionModel *model;
  gint64 out[2];
  guint n;

  g_assert_no_error (error);
  /* 10,100 entries, imported as a file: one transaction. */
  csv = g_string_new ("date,start,minutes,category,person,task\n");
  for (guint i = 0; i < 10100; i++)
    g_string_append_printf (csv, "2026-%02u-%02u,%02u:%02u,5,calls,Big List,Row %u\n",
                            1 + i / 1000, 1 + i % 1000 / 40, 8 + i % 40 / 4, i % 4 * 15, i);
  g_assert_true (g_file_set_contents (csv_path, csv->str, csv->len, &error));
  g_assert_true (mk_importer_run (store, csv_path, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  other = mk_store_open (path, &error);
  g_assert_no_error (error);
  like = mk_store_get_entry (store, 1, &error);
  g_assert_no_error (error);

  list = mk_entry_list_new (store);
  entries = mk_entry_selection_new (store, G_LIST_MODEL (list));
  model = GTK_SELECTION_MODEL (entries);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpuint (n, ==, 10100);

  gtk_selection_model_select_all (model);
  g_assert_cmpuint (mk_entry_selection_get_n_selected (entries), ==, n);
  g_assert_true (gtk_selection_model_is_selected (model, n - 1));
  /* Ctrl+click takes two rows out. */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(MkEntry) entry = g_list_model_get_item (G_LIST_MODEL (list), 5 + i);

      out[i] = mk_entry_get_id (entry);
      gtk_selection_model_unselect_item (model, 5 + i);
    }
  g_assert_false (gtk_selection_model_is_selected (model, 5));
  g_assert_cmpuint (mk_entry_selection_get_n_selected (entries), ==, n - 2);
  /* More than the page's 10,000 at once: refused, saying so. */
  selected = mk_entry_selection_get_selected (entries, 10000, &error);
  g_assert_null (selected);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_clear_error (&error);

  /* Elsewhere: one unselected entry deleted, one entry added. */
  delete_elsewhere (other, out[0]);
  add_elsewhere (other, like, "Added after Select All");
  g_assert_true (mk_store_check_external (store));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, n);
  g_assert_false (mk_entry_selection_contains (entries, out[1]));
  g_assert_cmpuint (mk_entry_selection_get_n_selected (entries), ==, n - 1);
  /* The list is no longer what was seen: nothing is handed out. */
  selected = mk_entry_selection_get_selected (entries, G_MAXUINT, &error);
  g_assert_null (selected);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_clear_error (&error);

  /* Select All again: all of it, the newcomer too. */
  gtk_selection_model_select_all (model);
  selected = mk_entry_selection_get_selected (entries, G_MAXUINT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (selected->len, ==, n);
  g_clear_pointer (&selected, g_ptr_array_unref);

  /* A range of more than 10,000 rows that is not all of them is kept by
   * position, and dropped when the list is read again. */
  gtk_selection_model_select_range (model, 1, n - 1, TRUE);
  g_assert_false (gtk_selection_model_is_selected (model, 0));
  g_assert_cmpuint (mk_entry_selection_get_n_selected (entries), ==, n - 1);
  add_elsewhere (other, like, "Added after a range");
  g_assert_true (mk_store_check_external (store));
  g_assert_cmpuint (mk_entry_selection_get_n_selected (entries), ==, 0);
}

static void
test_entries_recategorise (void)
{
  MkEntriesPage *page = get_page ();
  MkEntriesFilters *filters = mk_entries_page_get_filters (page);
  gint64 other = db_id ("category", "other");
  gint64 meetings = db_id ("category", "meetings");
  Totals other_before = db_totals (0, other, NULL, NULL);
  Totals meetings_before = db_totals (0, meetings, NULL, NULL);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 moved_minutes = 0;
  guint n;
  GtkRevealer *revealer;

  mk_entries_filters_set_category (filters, other);
  mk_entries_filters_set_search (filters, "Помощь коллеге");
  settle (page);
  n = g_list_model_get_n_items (shown (page));
  g_assert_cmpuint (n, >=, 2);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MkEntry) entry = shown_entry (page, i);
      gint64 id = mk_entry_get_id (entry);

      g_array_append_val (ids, id);
      moved_minutes += mk_entry_get_minutes (entry);
    }

  action (page, "entries.select-all", NULL);
  action (page, "entries.move-selected", g_variant_new_int64 (meetings));
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(MkEntry) entry = db_entry (g_array_index (ids, gint64, i));

      g_assert_cmpint (mk_category_get_id (mk_entry_get_category (entry)), ==, meetings);
    }
  g_assert_cmpint (db_totals (0, other, NULL, NULL).minutes, ==,
                   other_before.minutes - moved_minutes);
  g_assert_cmpint (db_totals (0, meetings, NULL, NULL).minutes, ==,
                   meetings_before.minutes + moved_minutes);
  /* They left the "Other" list, and so the selection. */
  g_assert_cmpuint (g_list_model_get_n_items (shown (page)), ==, 0);
  g_assert_false (gtk_widget_get_visible (mk_gui_test_child (page, "selection_box")));

  /* Every moved task says "Помощь", which no alias knows: the page offers it. */
  g_assert_cmpstr (mk_entries_page_get_alias_offer (page), ==, "Помощь");
  revealer = GTK_REVEALER (mk_gui_test_child (page, "alias_revealer"));
  g_assert_true (gtk_revealer_get_reveal_child (revealer));
  mk_entries_filters_set_search (filters, NULL);
  settle (page);
  screenshot (page, "alias-offer", TRUE);
  action (page, "entries.save-alias", NULL);
  {
    g_autoptr(MkStore) store = open_db ();
    MkCategory *category = mk_store_lookup_alias (store, "помощь");

    g_assert_nonnull (category);
    g_assert_cmpint (mk_category_get_id (category), ==, meetings);
  }
  g_assert_null (mk_entries_page_get_alias_offer (page));

  /* Undo moves them back to "Other". */
  action (page, "entries.undo", NULL);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(MkEntry) entry = db_entry (g_array_index (ids, gint64, i));

      g_assert_cmpint (mk_category_get_id (mk_entry_get_category (entry)), ==, other);
    }
  g_assert_cmpint (db_totals (0, other, NULL, NULL).minutes, ==, other_before.minutes);
  g_assert_cmpint (db_totals (0, meetings, NULL, NULL).minutes, ==, meetings_before.minutes);
  assert_shows (page, db_totals (0, other, NULL, NULL));

  mk_entries_filters_set_category (filters, 0);
  settle (page);
}

static int
min_width (GtkWidget *widget)
{
  int min = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  return min;
}

static void
test_entries_narrow (void)
{
  MkEntriesPage *page = get_page ();
  GtkWindow *window = GTK_WINDOW (mk_gui_test_get_window ());
  AdwViewStack *stack = ADW_VIEW_STACK (mk_gui_test_find_by_type (GTK_WIDGET (window),
                                                                   ADW_TYPE_VIEW_STACK));
  g_autoptr(GPtrArray) hidden = g_ptr_array_new ();
  AdwSqueezer *squeezer;
  int width = 0;
  int height = 0;

  /* The page itself fits a phone-sized window: the filters wrap, the
   * table scrolls sideways. */
  g_assert_cmpint (min_width (GTK_WIDGET (page)), <=, 360);

  /* The stack is as wide as its widest page; a page of another part of the
   * window that is too wide is left out of this screenshot (and reported). */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (stack)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (child != GTK_WIDGET (page) && gtk_widget_get_visible (child) && min_width (child) > 400)
      {
        g_test_message ("%s is %d px wide at least; hidden for the narrow screenshot",
                        G_OBJECT_TYPE_NAME (child), min_width (child));
        gtk_widget_set_visible (child, FALSE);
        g_ptr_array_add (hidden, child);
      }

  gtk_window_get_default_size (window, &width, &height);
  gtk_window_unmaximize (window);
  mk_gui_test_resize (window, 400, 720);
  /* The header bar's title squeezer animates the change of width. */
  squeezer = ADW_SQUEEZER (mk_gui_test_child_of_type (window, ADW_TYPE_SQUEEZER));
  mk_gui_test_wait_for (!adw_squeezer_get_transition_running (squeezer));
  mk_gui_test_wait_frames (GTK_WIDGET (page), 2);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 420);
  screenshot (page, "narrow", TRUE);

  for (guint i = 0; i < hidden->len; i++)
    gtk_widget_set_visible (g_ptr_array_index (hidden, i), TRUE);
  mk_gui_test_resize (window, width, height);
}

/* Larger text (the desktop's text scaling: GtkSettings' DPI): the cells,
 * which measure their font once, measure it again — the rows grow with
 * the text and nothing is cut; back to normal, they are as they were. */
static void
test_entries_text_scaling (void)
{
  MkEntriesPage *page = get_page ();
  GtkSettings *settings = gtk_settings_get_default ();
  GtkWidget *cell = row_label (page);
  int dpi = 0;
  int height;
  int width;

  g_assert_nonnull (cell);
  g_object_add_weak_pointer (G_OBJECT (cell), (gpointer *) &cell);
  g_object_get (settings, "gtk-xft-dpi", &dpi, NULL);
  if (dpi <= 0)
    dpi = 96 * 1024;
  height = gtk_widget_get_height (cell);
  width = gtk_widget_get_width (cell);
  g_assert_cmpint (height, >, 0);

  g_object_set (settings, "gtk-xft-dpi", dpi * 3 / 2, NULL);
  mk_gui_test_wait_frames (GTK_WIDGET (page), 3);
  g_assert_nonnull (cell);
  g_test_message ("cell %d×%d px, scaled %d×%d px", width, height,
                  gtk_widget_get_width (cell), gtk_widget_get_height (cell));
  /* Its width is the column's share of a window that stays as wide. */
  g_assert_cmpint (gtk_widget_get_height (cell), >=, height * 13 / 10);
  g_assert_cmpint (gtk_widget_get_width (cell), >, width);
  screenshot (page, "text-scaled", FALSE);

  g_object_set (settings, "gtk-xft-dpi", dpi, NULL);
  mk_gui_test_wait_frames (GTK_WIDGET (page), 3);
  g_assert_nonnull (cell);
  g_assert_cmpint (gtk_widget_get_height (cell), ==, height);
  g_assert_cmpint (gtk_widget_get_width (cell), ==, width);
  g_object_remove_weak_pointer (G_OBJECT (cell), (gpointer *) &cell);
}

static void
test_entries_shortcuts_listed (void)
{
  static const char *listed[] = { "<Control>f", "Return", "Delete", "<Control>a", "<Control>z" };
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_BASE_PATH
                                                                 "/gtk/help-overlay.ui");
  g_autoptr(GSList) objects = gtk_builder_get_objects (builder);
  const char *title = g_dpgettext2 (GETTEXT_PACKAGE, "shortcut window", "Entries");
  GtkWidget *group = NULL;

  for (GSList *l = objects; l != NULL; l = l->next)
    if (GTK_IS_SHORTCUTS_GROUP (l->data))
      {
        g_autofree char *group_title = NULL;

        g_object_get (l->data, "title", &group_title, NULL);
        if (g_strcmp0 (group_title, title) == 0)
          group = l->data;
      }
  g_assert_nonnull (group);

  for (guint i = 0; i < G_N_ELEMENTS (listed); i++)
    {
      gboolean found = FALSE;

      for (GtkWidget *shortcut = gtk_widget_get_first_child (group); shortcut && !found;
           shortcut = gtk_widget_get_next_sibling (shortcut))
        if (GTK_IS_SHORTCUTS_SHORTCUT (shortcut))
          {
            g_autofree char *accelerator = NULL;

            g_object_get (shortcut, "accelerator", &accelerator, NULL);
            found = g_strcmp0 (accelerator, listed[i]) == 0;
          }
      g_assert_true (found);
    }
  gtk_window_destroy (GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
}

/* The keys of the help overlay reach the page's actions. */
static void
test_entries_keys_bound (void)
{
  static const struct {
    const char *trigger;
    const char *action;
  } keys[] = {
    { "Delete", "entries.delete-selected" },
    { "<Control>z", "entries.undo" },
    { "<Control>a", "entries.select-all" },
    { "<Control>f", "entries.search" },
  };
  MkEntriesPage *page = get_page ();
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (page));
  GtkWidget *view;

  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < g_list_model_get_n_items (controllers) && !found; i++)
        {
          g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

          if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
            continue;
          for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
            {
              g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller),
                                                                       j);
              g_autofree char *trigger = gtk_shortcut_trigger_to_string (
                gtk_shortcut_get_trigger (shortcut));
              GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

              if (g_strcmp0 (trigger, keys[k].trigger) == 0 && GTK_IS_NAMED_ACTION (action) &&
                  g_strcmp0 (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)),
                             keys[k].action) == 0)
                found = TRUE;
            }
        }
      g_assert_true (found);
    }

  /* Enter (and a double click) on a row opens the editor: the view's "activate". */
  view = mk_gui_test_child (page, "column_view");
  g_assert_cmpuint (g_signal_handler_find (view, G_SIGNAL_MATCH_ID,
                                           g_signal_lookup ("activate", GTK_TYPE_COLUMN_VIEW),
                                           0, NULL, NULL, NULL),
                    !=, 0);
}

int
main (int   argc,
      char *argv[])
{
  /* GTK's own accessibility backend for tests: the table's cells are
   * checked for what a screen reader would read. */
  g_setenv ("GTK_A11Y", "test", FALSE);
  mk_gui_test_init (&argc, &argv);

  db_path = g_build_filename (mk_gui_test_tmpdir (), "entries.db", NULL);
  g_test_add_func ("/gui/entries/empty", test_entries_empty);
  g_test_add_func ("/gui/entries/demo", test_entries_demo);
  g_test_add_func ("/gui/entries/filters", test_entries_filters);
  g_test_add_func ("/gui/entries/show-entries-action", test_entries_show_entries_action);
  g_test_add_func ("/gui/entries/sort", test_entries_sort);
  g_test_add_func ("/gui/entries/edit-undo", test_entries_edit);
  g_test_add_func ("/gui/entries/edit-refused", test_entries_edit_refused);
  g_test_add_func ("/gui/entries/delete-undo", test_entries_delete_undo);
  g_test_add_func ("/gui/entries/selection-survives-commit",
                   test_entries_selection_survives_commit);
  g_test_add_func ("/gui/entries/select-all-big", test_entries_select_all_big);
  g_test_add_func ("/gui/entries/recategorise-alias-undo", test_entries_recategorise);
  g_test_add_func ("/gui/entries/narrow", test_entries_narrow);
  g_test_add_func ("/gui/entries/text-scaling", test_entries_text_scaling);
  g_test_add_func ("/gui/entries/shortcuts-listed", test_entries_shortcuts_listed);
  g_test_add_func ("/gui/entries/keys-bound", test_entries_keys_bound);

  app = mk_gui_test_app_new (db_path);
  return mk_gui_test_run (app);
}
