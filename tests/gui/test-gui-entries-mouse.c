/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-entries-mouse.c — selecting entries with the mouse.
 *
 * Issue 17, item 7: on the Entries page a Ctrl+click adds a row to the
 * selection or takes it out, as in every GNOME list; a click alone selects
 * that row only, and Shift+click a range.  Real clicks (XTEST) on the rows
 * of the demo team, so the list's own gestures decide, as for a hand.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gui-test-input.h"
#include "gui-test-utils.h"
#include "mk-entries-page.h"
#include "mk-store.h"
#include "mk-window.h"

static char *db_path;

static gboolean
russian (void)
{
  return g_strcmp0 (g_getenv ("MINUTKA_TEST_LANG"), "ru") == 0;
}

static MkEntriesPage *
get_page (void)
{
  return MK_ENTRIES_PAGE (mk_gui_test_show_page (GTK_WIDGET (mk_gui_test_get_window ()),
                                                 "entries", MK_TYPE_ENTRIES_PAGE));
}

static GtkSelectionModel *
selection (MkEntriesPage *page)
{
  return gtk_column_view_get_model (GTK_COLUMN_VIEW (mk_gui_test_child (page, "column_view")));
}

/* The row widget showing position @position, the list scrolled to the top:
 * the list view keeps its row widgets in the order of their items. */
static GtkWidget *
row_at (MkEntriesPage *page,
        guint          position)
{
  GtkWidget *view = mk_gui_test_child_of_type (mk_gui_test_child (page, "column_view"),
                                               GTK_TYPE_LIST_VIEW);
  guint i = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (view); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!g_str_equal (G_OBJECT_TYPE_NAME (child), "GtkListItemWidget"))
        continue;
      if (i++ == position)
        return child;
    }
  g_assert_not_reached ();
}

static void
click_row (MkEntriesPage   *page,
           guint            position,
           GdkModifierType  modifiers)
{
  GtkWidget *row = row_at (page, position);

  mk_gui_test_click (row, 24, gtk_widget_get_height (row) / 2.0, modifiers);
}

static gboolean
selected (MkEntriesPage *page,
          guint          position)
{
  return gtk_selection_model_is_selected (selection (page), position);
}

static guint64
n_selected (MkEntriesPage *page)
{
  g_autoptr(GtkBitset) set = gtk_selection_model_get_selection (selection (page));

  return gtk_bitset_get_size (set);
}

static void
test_entries_ctrl_click (void)
{
  MkEntriesPage *page = get_page ();
  GtkWidget *count_label = NULL;
  g_autofree char *shot = g_strdup_printf ("entries-ctrl-click%s.png", russian () ? "-ru" : "");

  /* The test clicks faster than a hand: two clicks on one row are never
   * a double click (which opens the editor). */
  g_object_set (gtk_settings_get_default (), "gtk-double-click-time", 1, NULL);
  g_assert_true (mk_gui_test_wait_for (g_list_model_get_n_items (G_LIST_MODEL (selection (page)))
                                       > 10));
  mk_gui_test_wait_frames (GTK_WIDGET (page), 3);

  /* A click selects one row. */
  click_row (page, 1, 0);
  g_assert_true (selected (page, 1));
  g_assert_cmpuint (n_selected (page), ==, 1);

  /* Ctrl+click adds rows, one by one, without losing the first. */
  click_row (page, 3, GDK_CONTROL_MASK);
  click_row (page, 5, GDK_CONTROL_MASK);
  g_assert_true (selected (page, 1));
  g_assert_true (selected (page, 3));
  g_assert_true (selected (page, 5));
  g_assert_false (selected (page, 4));
  g_assert_cmpuint (n_selected (page), ==, 3);
  count_label = mk_gui_test_child (page, "selection_box");
  g_assert_true (gtk_widget_get_visible (count_label));
  mk_gui_test_screenshot (GTK_WIDGET (mk_gui_test_get_window ()), shot);

  /* Ctrl+click on a selected row takes it out. */
  click_row (page, 3, GDK_CONTROL_MASK);
  g_assert_false (selected (page, 3));
  g_assert_true (selected (page, 1));
  g_assert_true (selected (page, 5));
  g_assert_cmpuint (n_selected (page), ==, 2);

  /* Shift+click still selects a range; a plain click starts over. */
  click_row (page, 1, 0);
  click_row (page, 4, GDK_SHIFT_MASK);
  g_assert_cmpuint (n_selected (page), ==, 4);
  click_row (page, 6, 0);
  g_assert_cmpuint (n_selected (page), ==, 1);
  g_assert_true (selected (page, 6));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MkApplication) app = NULL;
  g_autoptr(GError) error = NULL;

  mk_gui_test_init (&argc, &argv);
  db_path = g_build_filename (mk_gui_test_tmpdir (), "mouse.db", NULL);
  {
    g_autoptr(MkStore) store = mk_store_open (db_path, &error);

    g_assert_no_error (error);
    g_assert_true (mk_store_load_demo (store, NULL, &error));
  }

  g_test_add_func ("/gui/entries-mouse/ctrl-click", test_entries_ctrl_click);

  app = mk_gui_test_app_new (db_path);
  return mk_gui_test_run (g_steal_pointer (&app));
}
