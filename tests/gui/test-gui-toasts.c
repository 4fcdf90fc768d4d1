/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-toasts.c — every toast's Undo button works.
 *
 * The toasts live in the window's overlay, outside the pages whose changes
 * they offer to undo; Today's Undo named a page action the toast could not
 * reach, so its button was always insensitive (issue 17, item 3).  Here
 * each change that shows a toast with Undo — on Today a delete and an edit,
 * on Entries a delete and a move — is made, the toast's button is found in
 * the window, must be sensitive, and is clicked with the real pointer; the
 * database, read through a second connection, must be as before the change.
 * On each page a delete is also undone with Ctrl+Z: its toast then says
 * "Undone", without its button, and no other toast follows.
 * Screenshots of the toasts go to MINUTKA_SCREENSHOT_DIR.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gui-test-input.h"
#include "gui-test-utils.h"
#include "mk-entries-page.h"
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
screenshot (const char *name)
{
  g_autofree char *file = g_strdup_printf ("toast-%s%s.png", name, russian () ? "-ru" : "");

  mk_gui_test_screenshot (GTK_WIDGET (mk_gui_test_get_window ()), file);
}

static MkStore *
open_db (void)
{
  g_autoptr(GError) error = NULL;
  MkStore *store = mk_store_open (db_path, &error);

  g_assert_no_error (error);
  return store;
}

static gint64
db_count (void)
{
  g_autoptr(MkStore) store = open_db ();

  return mk_store_count_entries (store);
}

static MkEntry *
db_entry (gint64 id)
{
  g_autoptr(MkStore) store = open_db ();

  return mk_store_get_entry (store, id, NULL);
}

static GtkWidget *
find_button (GtkWidget  *root,
             const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The Undo button of the toast titled @title, once the toast is shown. */
static GtkWidget *
toast_undo_button (const char *title)
{
  GtkWidget *overlay = mk_gui_test_child_of_type (mk_gui_test_get_window (),
                                                  ADW_TYPE_TOAST_OVERLAY);
  GtkWidget *label = NULL;
  GtkWidget *button = NULL;

  if (!mk_gui_test_wait_for ((label = mk_gui_test_find_label (overlay, title)) != NULL))
    return NULL;
  /* The toast's own widget (AdwToastWidget, private) holds title and button. */
  for (GtkWidget *w = label; w != NULL && button == NULL; w = gtk_widget_get_parent (w))
    if (g_str_equal (G_OBJECT_TYPE_NAME (w), "AdwToastWidget"))
      button = find_button (w, _("_Undo"));
  g_assert_nonnull (button);
  if (button == NULL)
    return NULL;
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==,
                   russian () ? "_Отменить" : "_Undo");
  return button;
}

/* Whether a toast is shown under @root. */
static gboolean
any_toast (GtkWidget *root)
{
  if (g_str_equal (G_OBJECT_TYPE_NAME (root), "AdwToastWidget") && gtk_widget_get_mapped (root))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (any_toast (child))
      return TRUE;
  return FALSE;
}

/* Clicks the toast's Undo as a hand would; FALSE when it cannot be. */
static gboolean
click_undo (const char *title,
            const char *shot)
{
  GtkWidget *button = toast_undo_button (title);

  if (button == NULL)
    return FALSE;
  mk_gui_test_wait_frames (button, 2);
  screenshot (shot);
  g_assert_true (gtk_widget_is_sensitive (button));
  if (!gtk_widget_is_sensitive (button))
    return FALSE;
  mk_gui_test_click (button, gtk_widget_get_width (button) / 2.0,
                     gtk_widget_get_height (button) / 2.0, 0);
  /* The toast goes once its Undo has been used. */
  g_assert_true (mk_gui_test_wait_for (
    mk_gui_test_find_label (GTK_WIDGET (mk_gui_test_get_window ()), title) == NULL));
  return TRUE;
}

static MkTodayPage *
today_page (void)
{
  return MK_TODAY_PAGE (mk_gui_test_show_page (GTK_WIDGET (mk_gui_test_get_window ()), "today",
                                               MK_TYPE_TODAY_PAGE));
}

static void
test_toasts_today (void)
{
  MkTodayPage *page = today_page ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MkEntry) added = NULL;
  g_autoptr(MkEntry) restored = NULL;
  gint64 count;
  gint64 id;
  gint64 meetings;
  GtkWidget *button;

  g_assert_true (mk_today_page_set_person_name (page, "Anna Petrova", &error));
  g_assert_no_error (error);
  g_assert_true (mk_today_page_submit (page, "30 call Acme intro"));
  mk_gui_test_settle ();
  count = db_count ();
  added = g_list_model_get_item (mk_today_page_get_entries (page), 0);
  id = mk_entry_get_id (added);

  /* Delete, then Undo in its toast: the entry is back. */
  gtk_widget_activate_action (GTK_WIDGET (page), "today.delete-entry", "x", id);
  mk_gui_test_settle ();
  g_assert_cmpint (db_count (), ==, count - 1);
  if (!click_undo (_("Entry deleted"), "today-deleted"))
    return;
  g_assert_cmpint (db_count (), ==, count);
  g_assert_cmpuint (g_list_model_get_n_items (mk_today_page_get_entries (page)), ==, 1);

  /* Edit, then Undo in its toast: the entry is as it was. */
  g_clear_object (&added);
  added = g_list_model_get_item (mk_today_page_get_entries (page), 0);
  id = mk_entry_get_id (added);
  {
    g_autoptr(MkStore) store = open_db ();

    meetings = mk_category_get_id (mk_store_get_category_by_key (store, "meetings"));
  }
  gtk_widget_activate_action (GTK_WIDGET (page), "today.update-entry", "(xiixs)", id, 600, 45,
                              meetings, "Acme review");
  mk_gui_test_settle ();
  if (!click_undo (_("Entry changed"), "today-changed"))
    return;
  restored = db_entry (id);
  g_assert_nonnull (restored);
  g_assert_cmpint (mk_entry_get_minutes (restored), ==, 30);
  g_assert_cmpstr (mk_entry_get_task (restored), ==, mk_entry_get_task (added));
  g_assert_cmpstr (mk_category_get_key (mk_entry_get_category (restored)), ==, "calls");

  /* Delete, then Ctrl+Z: the entry is back, and the toast that offered to
   * undo the delete goes with it instead of staying stale. */
  count = db_count ();
  gtk_widget_activate_action (GTK_WIDGET (page), "today.delete-entry", "x", id);
  mk_gui_test_settle ();
  g_assert_cmpint (db_count (), ==, count - 1);
  button = toast_undo_button (_("Entry deleted"));
  g_assert_nonnull (button);
  mk_gui_test_key (GTK_WIDGET (page), GDK_KEY_z, GDK_CONTROL_MASK);
  mk_gui_test_wait_for (db_count () == count);
  g_assert_cmpint (db_count (), ==, count);
  /* At once, long before its timeout: the toast says it is undone, and
   * offers nothing more. */
  mk_gui_test_wait_frames (GTK_WIDGET (mk_gui_test_get_window ()), 2);
  g_assert_null (mk_gui_test_find_label (GTK_WIDGET (mk_gui_test_get_window ()),
                                         _("Entry deleted")));
  g_assert_false (gtk_widget_get_visible (button));
  screenshot ("today-ctrl-z");
  /* It times out like any other (once the pointer is off it); the next test
   * starts without it (libadwaita 1.2 can crash when a toast comes while
   * another is leaving). */
  mk_gui_test_pointer_to (GTK_WIDGET (page), 2, 2);
  mk_gui_test_wait_for (!any_toast (GTK_WIDGET (mk_gui_test_get_window ())));
  mk_gui_test_settle ();
}

static void
test_toasts_entries (void)
{
  MkEntriesPage *page;
  GtkSelectionModel *selection;
  g_autoptr(MkEntry) first = NULL;
  g_autofree char *title = NULL;
  gint64 count = db_count ();
  gint64 id;

  page = MK_ENTRIES_PAGE (mk_gui_test_show_page (GTK_WIDGET (mk_gui_test_get_window ()),
                                                 "entries", MK_TYPE_ENTRIES_PAGE));
  selection = gtk_column_view_get_model (GTK_COLUMN_VIEW (mk_gui_test_child (page,
                                                                           "column_view")));
  mk_gui_test_wait_for (g_list_model_get_n_items (G_LIST_MODEL (selection)) == (guint) count);
  first = g_list_model_get_item (G_LIST_MODEL (selection), 0);
  id = mk_entry_get_id (first);

  /* Delete the selected row, then Undo in the toast. */
  gtk_selection_model_select_item (selection, 0, TRUE);
  mk_gui_test_settle ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "entries.delete-selected", NULL));
  mk_gui_test_settle ();
  g_assert_cmpint (db_count (), ==, count - 1);
  title = g_strdup_printf (ngettext ("%'u entry deleted", "%'u entries deleted", 1), 1);
  if (!click_undo (title, "entries-deleted"))
    return;
  g_clear_pointer (&title, g_free);
  g_assert_cmpint (db_count (), ==, count);

  /* Move it to Admin, then Undo in the toast: back in Calls. */
  mk_gui_test_wait_for (g_list_model_get_n_items (G_LIST_MODEL (selection)) == (guint) count);
  g_clear_object (&first);
  first = g_list_model_get_item (G_LIST_MODEL (selection), 0);
  id = mk_entry_get_id (first);
  gtk_selection_model_select_item (selection, 0, TRUE);
  mk_gui_test_settle ();
  {
    g_autoptr(MkStore) store = open_db ();
    MkCategory *admin = mk_store_get_category_by_key (store, "admin");

    title = g_strdup_printf (ngettext ("Moved %'u entry to %s", "Moved %'u entries to %s", 1),
                             1, mk_category_get_name (admin));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "entries.move-selected", "x",
                                               mk_category_get_id (admin)));
  }
  mk_gui_test_settle ();
  {
    g_autoptr(MkEntry) moved = db_entry (id);

    g_assert_cmpstr (mk_category_get_key (mk_entry_get_category (moved)), ==, "admin");
  }
  /* The move offers to file its task's word under Admin; undone, the
   * offer goes with it. */
  g_assert_cmpstr (mk_entries_page_get_alias_offer (page), ==, "Acme");
  if (!click_undo (title, "entries-moved"))
    return;
  g_assert_null (mk_entries_page_get_alias_offer (page));
  {
    g_autoptr(MkEntry) back = db_entry (id);

    g_assert_cmpstr (mk_category_get_key (mk_entry_get_category (back)), ==,
                     mk_category_get_key (mk_entry_get_category (first)));
  }

  /* Delete, then Ctrl+Z: the entry is back, and the toast that offered to
   * undo the delete says "Undone" at once, without its button — no stale
   * "1 entry deleted" with an Undo that does nothing, and no second toast
   * queued behind it.  Each toast starts once the one before has gone
   * (libadwaita 1.2 can crash when a toast comes while another leaves). */
  mk_gui_test_pointer_to (GTK_WIDGET (page), 2, 2);
  mk_gui_test_wait_for (!any_toast (GTK_WIDGET (mk_gui_test_get_window ())));
  mk_gui_test_settle ();
  g_clear_pointer (&title, g_free);
  title = g_strdup_printf (ngettext ("%'u entry deleted", "%'u entries deleted", 1), 1);
  mk_gui_test_wait_for (g_list_model_get_n_items (G_LIST_MODEL (selection)) == (guint) count);
  gtk_selection_model_select_item (selection, 0, TRUE);
  mk_gui_test_settle ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "entries.delete-selected", NULL));
  mk_gui_test_settle ();
  g_assert_cmpint (db_count (), ==, count - 1);
  {
    GtkWidget *window = GTK_WIDGET (mk_gui_test_get_window ());
    GtkWidget *button = toast_undo_button (title);
    GtkWidget *toast = button;
    GtkWidget *undone;

    g_assert_nonnull (button);
    while (toast != NULL && !g_str_equal (G_OBJECT_TYPE_NAME (toast), "AdwToastWidget"))
      toast = gtk_widget_get_parent (toast);
    g_assert_nonnull (toast);
    mk_gui_test_wait_frames (button, 2);
    screenshot ("entries-deleted-before-ctrl-z");
    /* The keys go where the focus is: in the list, as after a click. */
    g_assert_true (gtk_widget_grab_focus (mk_gui_test_child (page, "column_view")));
    mk_gui_test_key (mk_gui_test_child (page, "column_view"), GDK_KEY_z, GDK_CONTROL_MASK);
    g_assert_true (mk_gui_test_wait_for (db_count () == count));
    g_assert_cmpint (db_count (), ==, count);
    mk_gui_test_wait_frames (window, 2);
    g_assert_null (mk_gui_test_find_label (window, title));
    g_assert_false (gtk_widget_get_visible (button));
    undone = mk_gui_test_find_label (window, _("Undone"));
    g_assert_nonnull (undone);
    g_assert_true (gtk_widget_is_ancestor (undone, toast));
    screenshot ("entries-ctrl-z");
    /* It times out like any other, and nothing comes after it. */
    mk_gui_test_pointer_to (GTK_WIDGET (page), 2, 2);
    mk_gui_test_wait_for (!any_toast (window));
    mk_gui_test_settle ();
    g_assert_false (any_toast (window));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MkApplication) app = NULL;

  mk_gui_test_init (&argc, &argv);
  db_path = g_build_filename (mk_gui_test_tmpdir (), "toasts.db", NULL);

  g_test_add_func ("/gui/toasts/today", test_toasts_today);
  g_test_add_func ("/gui/toasts/entries", test_toasts_entries);

  app = mk_gui_test_app_new (db_path);
  return mk_gui_test_run (g_steal_pointer (&app));
}
