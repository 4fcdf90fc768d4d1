/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-window.c — the main window under a real display server.
 *
 * Runs the real MkApplication, waits for the window to map, switches
 * through the pages by their "win.page" action and saves a screenshot of
 * each page in MINUTKA_SCREENSHOT_DIR.  With MINUTKA_TEST_LANG=ru it also
 * checks that the labels came out in Russian.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "mk-application.h"
#include "mk-version.h"
#include "mk-window.h"
#include "gui-test-utils.h"

static MkApplication *app;

static void
test_window_maps (void)
{
  MkWindow *window = mk_gui_test_get_window ();

  g_assert_true (mk_gui_test_wait_mapped (GTK_WIDGET (window)));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), >=, 360);
}

static void
test_window_pages (void)
{
  static const struct {
    const char *name;
    const char *title_en;
    const char *title_ru;
  } pages[] = {
    { "today", "Today", "Сегодня" },
    { "entries", "Entries", "Записи" },
    { "analysis", "Analysis", "Анализ" },
  };
  MkWindow *window = mk_gui_test_get_window ();
  const char *lang = g_getenv ("MINUTKA_TEST_LANG");
  gboolean russian = g_strcmp0 (lang, "ru") == 0;

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      AdwViewStack *stack;
      AdwViewStackPage *page;
      GtkWidget *child;
      g_autofree char *file = NULL;

      g_action_group_activate_action (G_ACTION_GROUP (window), "page",
                                      g_variant_new_string (pages[i].name));
      mk_gui_test_wait_frames (GTK_WIDGET (window), 3);
      g_assert_cmpstr (mk_window_get_visible_page (window), ==, pages[i].name);

      stack = ADW_VIEW_STACK (mk_gui_test_find_by_type (GTK_WIDGET (window),
                                                         ADW_TYPE_VIEW_STACK));
      g_assert_nonnull (stack);
      child = adw_view_stack_get_child_by_name (stack, pages[i].name);
      g_assert_nonnull (child);
      g_assert_true (gtk_widget_get_mapped (child));
      page = adw_view_stack_get_page (stack, child);
      g_assert_cmpstr (adw_view_stack_page_get_title (page), ==,
                       russian ? pages[i].title_ru : pages[i].title_en);

      file = g_strdup_printf ("page-%s%s%s.png", pages[i].name,
                              lang ? "-" : "", lang ? lang : "");
      mk_gui_test_screenshot (GTK_WIDGET (window), file);
    }
}

static void
test_window_shortcuts (void)
{
  MkWindow *window = mk_gui_test_get_window ();
  GtkWidget *overlay;

  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (window), "show-help-overlay"));
  overlay = GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_nonnull (overlay);
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-help-overlay", NULL);
  g_assert_true (mk_gui_test_wait_mapped (overlay));
  mk_gui_test_screenshot (overlay, g_getenv ("MINUTKA_TEST_LANG") ? "shortcuts-ru.png"
                                                                   : "shortcuts.png");
  gtk_window_close (GTK_WINDOW (overlay));
}

static void
test_window_preferences (void)
{
  MkWindow *window = mk_gui_test_get_window ();
  GtkWindow *prefs = NULL;

  gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL);
  prefs = mk_gui_test_wait_window (ADW_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (prefs);
  mk_gui_test_screenshot (GTK_WIDGET (prefs), g_getenv ("MINUTKA_TEST_LANG")
                                              ? "preferences-ru.png" : "preferences.png");
  gtk_window_destroy (prefs);
}

static void
test_window_about (void)
{
  GtkWindow *about;

  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  about = mk_gui_test_wait_window (ADW_TYPE_ABOUT_WINDOW);
  g_assert_nonnull (about);
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==,
                   mk_version_string ());
  mk_gui_test_screenshot (GTK_WIDGET (about), g_getenv ("MINUTKA_TEST_LANG")
                                              ? "about-ru.png" : "about.png");
  gtk_window_destroy (about);
}

int
main (int   argc,
      char *argv[])
{
  mk_gui_test_init (&argc, &argv);

  g_test_add_func ("/gui/window/maps", test_window_maps);
  g_test_add_func ("/gui/window/pages", test_window_pages);
  g_test_add_func ("/gui/window/shortcuts", test_window_shortcuts);
  g_test_add_func ("/gui/window/preferences", test_window_preferences);
  g_test_add_func ("/gui/window/about", test_window_about);

  app = mk_gui_test_app_new (NULL);
  return mk_gui_test_run (app);
}
