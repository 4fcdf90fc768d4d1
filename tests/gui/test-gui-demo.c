/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-demo.c — "Try the Demo" never touches the user's database.
 *
 * The user's database holds one entry of their own.  The menu's "Try the
 * Demo" opens the demo team in a window of its own, over a temporary
 * database, labelled as the demo; the user's entry, study, people and
 * remembered person stay as they were; "Leave the Demo" brings the user's
 * window back and the temporary database goes (issue 17, item 1).
 */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "gui-test-utils.h"
#include "mk-analysis-page.h"
#include "mk-application.h"
#include "mk-store.h"
#include "mk-today-page.h"
#include "mk-window.h"

static MkApplication *app;
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
  g_autofree char *file = g_strdup_printf ("demo-%s%s.png", name, russian () ? "-ru" : "");

  mk_gui_test_screenshot (widget, file);
}

/* The user's own window, shown or hidden. */
static MkWindow *
user_window (void)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (MK_IS_WINDOW (l->data) && !mk_window_is_demo (l->data))
      return l->data;
  g_assert_not_reached ();
}

static MkWindow *
demo_window (void)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (MK_IS_WINDOW (l->data) && mk_window_is_demo (l->data))
      return l->data;
  return NULL;
}

static MkStore *
open_user_db (void)
{
  g_autoptr(GError) error = NULL;
  MkStore *store = mk_store_open (db_path, &error);

  g_assert_no_error (error);
  return store;
}

/* The user's data is exactly what the test put there. */
static void
assert_user_data_untouched (void)
{
  g_autoptr(MkStore) store = open_user_db ();
  g_autoptr(GListModel) people = mk_store_list_people (store, FALSE, NULL);

  g_assert_cmpint (mk_store_count_entries (store), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (people), ==, 1);
  g_assert_false (mk_store_get_study (store, NULL, NULL, NULL));
}

/* A menu item's label, looked up by its action. */
static char *
menu_label (GMenuModel *menu,
            const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      g_autofree char *item_action = NULL;
      char *label = NULL;

      if (section != NULL && (label = menu_label (section, action)) != NULL)
        return label;
      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &item_action)
          && g_strcmp0 (item_action, action) == 0
          && g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        return label;
    }
  return NULL;
}

static const char *
try_demo_label (void)
{
  return russian () ? "Попробовать _демо" : "Try the _Demo";
}

/* One name for the action, wherever it is offered. */
static void
test_demo_one_name (void)
{
  MkWindow *window = user_window ();
  GtkWidget *button = mk_gui_test_find_by_name (GTK_WIDGET (window), "primary_menu_button");
  GMenuModel *menu;
  g_autofree char *label = NULL;
  GtkWidget *today;

  g_assert_true (mk_gui_test_wait_mapped (GTK_WIDGET (window)));
  g_assert_nonnull (button);
  menu = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
  label = menu_label (menu, "win.try-demo");
  g_assert_cmpstr (label, ==, try_demo_label ());
  g_assert_null (menu_label (menu, "win.load-demo"));

  /* The empty pages offer it under the same name. */
  today = mk_gui_test_show_page (GTK_WIDGET (window), "today", MK_TYPE_TODAY_PAGE);
  button = mk_gui_test_find_by_name (today, "demo_button");
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "win.try-demo");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, try_demo_label ());
}

static void
wait_demo_folder_gone (const char *dir)
{
  /* The analysis worker may hold the demo's store a moment longer. */
  g_assert_true (mk_gui_test_wait_for (!g_file_test (dir, G_FILE_TEST_EXISTS)));
}

static void
test_demo_own_database (void)
{
  MkWindow *window = user_window ();
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);
  g_autofree char *dir = NULL;
  MkStore *demo_store;
  MkWindow *demo;
  MkAnalysisPage *analysis;
  MkTodayPage *today;
  GtkWidget *banner;
  g_autoptr(GError) error = NULL;

  g_assert_true (mk_gui_test_wait_mapped (GTK_WIDGET (window)));
  g_assert_false (mk_window_is_demo (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.try-demo", NULL));

  g_assert_true (mk_gui_test_wait_for ((demo = demo_window ()) != NULL));
  g_assert_true (mk_gui_test_wait_mapped (GTK_WIDGET (demo)));

  /* A database of its own, in a temporary folder, with the whole team. */
  demo_store = mk_window_get_store (demo);
  g_assert_true (demo_store != mk_window_get_store (window));
  g_assert_cmpstr (mk_store_get_path (demo_store), !=, db_path);
  g_assert_cmpint (mk_store_count_entries (demo_store), >, 500);
  dir = g_path_get_dirname (mk_store_get_path (demo_store));
  g_assert_true (g_file_test (dir, G_FILE_TEST_IS_DIR));
  assert_user_data_untouched ();

  /* Clearly the demo: its title, the banner with the way back. */
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (demo)), ==,
                   russian () ? "Демо Минутки" : "Minutka Demo");
  banner = mk_gui_test_find_by_name (GTK_WIDGET (demo), "demo_banner");
  g_assert_true (gtk_widget_get_mapped (banner));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (mk_gui_test_find_by_name (banner,
                                                                              "demo_label"))),
                            russian () ? "не затронуты" : "not touched"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window)));

  /* It opens on the analysis of the demo team. */
  g_assert_cmpstr (mk_window_get_visible_page (demo), ==, "analysis");
  analysis = MK_ANALYSIS_PAGE (mk_gui_test_find_by_type (GTK_WIDGET (demo),
                                                         MK_TYPE_ANALYSIS_PAGE));
  g_assert_true (mk_gui_test_wait_for (!mk_analysis_page_get_busy (analysis)
                                       && mk_analysis_page_get_analysis (analysis) != NULL));
  g_assert_nonnull (mk_analysis_page_get_analysis (analysis));
  g_assert_false (mk_analysis_is_empty (mk_analysis_page_get_analysis (analysis)));
  screenshot (GTK_WIDGET (demo), "analysis");

  /* Logging in the demo as a demo manager is not remembered for the user. */
  g_settings_set_string (settings, "current-person", "Anna Petrova");
  today = MK_TODAY_PAGE (mk_gui_test_show_page (GTK_WIDGET (demo), "today", MK_TYPE_TODAY_PAGE));
  g_assert_true (mk_today_page_get_store (today) == demo_store);
  g_assert_true (mk_today_page_set_person_name (today, "Борис Петров", &error));
  g_assert_no_error (error);
  g_assert_true (mk_today_page_submit (today, "30 call Initech"));
  g_assert_cmpint (mk_store_count_entries (demo_store), >, 500);
  screenshot (GTK_WIDGET (demo), "today");
  {
    g_autofree char *remembered = g_settings_get_string (settings, "current-person");

    g_assert_cmpstr (remembered, ==, "Anna Petrova");
  }
  assert_user_data_untouched ();

  /* Try the Demo again shows the same demo; the menu offers the way back. */
  g_assert_false (gtk_widget_get_sensitive (mk_gui_test_find_by_name (GTK_WIDGET (today),
                                                                      "demo_button")));
  g_assert_true (gtk_widget_get_sensitive (mk_gui_test_find_by_name (banner,
                                                                     "leave_demo_button")));

  /* The way back: the banner's button. */
  demo_store = NULL;
  g_signal_emit_by_name (mk_gui_test_find_by_name (banner, "leave_demo_button"), "clicked");
  g_assert_true (mk_gui_test_wait_mapped (GTK_WIDGET (window)));
  g_assert_null (demo_window ());
  wait_demo_folder_gone (dir);
  assert_user_data_untouched ();
  g_assert_true (mk_window_get_store (window) != NULL);
  screenshot (GTK_WIDGET (window), "back");
}

/* Closing the demo's window is a way back too, and a second demo starts afresh. */
static void
test_demo_close_window (void)
{
  MkWindow *window = user_window ();
  g_autofree char *dir = NULL;
  MkWindow *demo;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.try-demo", NULL));
  g_assert_true (mk_gui_test_wait_for ((demo = demo_window ()) != NULL));
  g_assert_true (mk_gui_test_wait_mapped (GTK_WIDGET (demo)));
  /* The entry the previous demo added is gone with it. */
  {
    g_autoptr(MkStore) fresh = NULL;
    g_autoptr(GError) error = NULL;

    fresh = mk_store_open_demo (&error);
    g_assert_no_error (error);
    g_assert_cmpint (mk_store_count_entries (mk_window_get_store (demo)), ==,
                     mk_store_count_entries (fresh));
  }
  dir = g_path_get_dirname (mk_store_get_path (mk_window_get_store (demo)));
  gtk_window_close (GTK_WINDOW (demo));
  g_assert_true (mk_gui_test_wait_mapped (GTK_WIDGET (window)));
  wait_demo_folder_gone (dir);
  assert_user_data_untouched ();
}

static void
seed_user_db (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MkStore) store = NULL;
  g_autoptr(MkPerson) anna = NULL;
  MkEntryInput input = { 0 };

  db_path = g_build_filename (mk_gui_test_tmpdir (), "mine.db", NULL);
  store = mk_store_open (db_path, &error);
  g_assert_no_error (error);
  anna = mk_store_ensure_person (store, "Anna Petrova", NULL, &error);
  g_assert_no_error (error);
  input.person_id = mk_person_get_id (anna);
  input.day = "2026-03-02";
  input.start = -1;
  input.minutes = 30;
  input.category_id = mk_category_get_id (mk_store_get_category_by_key (store, "calls"));
  input.task = "Acme intro";
  g_assert_cmpint (mk_store_add_entry (store, &input, &error), >, 0);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  mk_gui_test_init (&argc, &argv);
  seed_user_db ();

  g_test_add_func ("/gui/demo/one-name", test_demo_one_name);
  g_test_add_func ("/gui/demo/own-database", test_demo_own_database);
  g_test_add_func ("/gui/demo/close-window", test_demo_close_window);

  app = mk_gui_test_app_new (db_path);
  return mk_gui_test_run (app);
}
