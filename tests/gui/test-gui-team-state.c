/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-team-state.c — the team's state in the header bar and the
 * banner under it.
 *
 * Drives the real window's indicator and banner through every state a sync
 * can be in (in sync, changes waiting, syncing, offline with and without
 * changes waiting, refused) and checks what a user reads: hidden in no
 * team, the words and the number, the icon and number only in a narrow
 * window, the server's words in the banner with its button, and the
 * indicator opening the team's status.  Screenshots of each state, wide and
 * at 360 px, light and dark, go to MINUTKA_SCREENSHOT_DIR (with the
 * language in the name for the Russian run).
 */
#include "config.h"

#include <string.h>

#include "mk-preferences-window.h"
#include "mk-window.h"
#include "gui-test-utils.h"

static const char *
lang_suffix (void)
{
  return g_strcmp0 (g_getenv ("MINUTKA_TEST_LANG"), "ru") == 0 ? "-ru" : "";
}

static void
shoot (GtkWidget  *window,
       const char *name)
{
  g_autofree char *file = g_strdup_printf ("team-state-%s%s.png", name, lang_suffix ());

  mk_gui_test_wait_frames (window, 2);
  mk_gui_test_screenshot (window, file);
}

/* What the header bar needs at the least, with the state in it. */
static int
header_min_width (MkWindow *window)
{
  GtkWidget *header = mk_gui_test_child_of_type (window, ADW_TYPE_HEADER_BAR);
  int min = 0;

  gtk_widget_measure (header, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  return min;
}

static int
banner_min_width (MkWindow *window)
{
  int min = 0;

  gtk_widget_measure (GTK_WIDGET (mk_window_get_team_banner (window)),
                      GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  return min;
}

static GtkWidget *
indicator_label (MkTeamIndicator *indicator)
{
  return mk_gui_test_find_by_type (GTK_WIDGET (indicator), GTK_TYPE_LABEL);
}

static int
natural_width (GtkWidget *widget)
{
  int natural = 0;

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
  return natural;
}

/* The header bar's least width in no team. */
static int header_min;

static void
test_states (void)
{
  MkWindow *window = mk_gui_test_get_window ();
  MkTeamIndicator *indicator = mk_window_get_team_indicator (window);
  AdwStyleManager *style = adw_style_manager_get_default ();
  GtkWidget *label;

  g_assert_true (mk_gui_test_wait_mapped (GTK_WIDGET (window)));
  mk_gui_test_resize (GTK_WINDOW (window), 800, 560);

  /* In no team there is nothing to say. */
  g_assert_cmpint (mk_team_indicator_get_state (indicator), ==, MK_TEAM_STATE_NONE);
  header_min = header_min_width (window);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (indicator)));

  mk_team_indicator_set_state (indicator, MK_TEAM_STATE_IN_SYNC, 0);
  g_assert_true (mk_gui_test_wait_mapped (GTK_WIDGET (indicator)));
  label = indicator_label (indicator);
  g_assert_true (gtk_widget_get_mapped (label));
  g_assert_cmpstr (mk_team_indicator_get_text (indicator), !=, "");
  shoot (GTK_WIDGET (window), "in-sync");

  mk_team_indicator_set_state (indicator, MK_TEAM_STATE_IN_SYNC, 3);
  g_assert_nonnull (strstr (mk_team_indicator_get_text (indicator), "3"));
  shoot (GTK_WIDGET (window), "waiting");

  mk_team_indicator_set_state (indicator, MK_TEAM_STATE_SENDING, 3);
  shoot (GTK_WIDGET (window), "sending");

  /* The everyday round (a change waits, the sync, in sync) keeps one
   * width, so the header bar's title does not get more or less room, and
   * the view switcher does not flip between wide and narrow, with each
   * change. */
  {
    int widths[4];

    mk_team_indicator_set_state (indicator, MK_TEAM_STATE_IN_SYNC, 0);
    widths[0] = natural_width (GTK_WIDGET (indicator));
    mk_team_indicator_set_state (indicator, MK_TEAM_STATE_IN_SYNC, 1);
    widths[1] = natural_width (GTK_WIDGET (indicator));
    mk_team_indicator_set_state (indicator, MK_TEAM_STATE_SENDING, 1);
    widths[2] = natural_width (GTK_WIDGET (indicator));
    mk_team_indicator_set_state (indicator, MK_TEAM_STATE_IN_SYNC, 0);
    widths[3] = natural_width (GTK_WIDGET (indicator));
    g_test_message ("the indicator in the everyday round: %d, %d, %d, %d px",
                    widths[0], widths[1], widths[2], widths[3]);
    for (guint i = 1; i < G_N_ELEMENTS (widths); i++)
      g_assert_cmpint (widths[i], ==, widths[0]);
  }

  mk_team_indicator_set_state (indicator, MK_TEAM_STATE_OFFLINE, 0);
  g_assert_null (strstr (mk_team_indicator_get_text (indicator), "0"));
  mk_team_indicator_set_state (indicator, MK_TEAM_STATE_OFFLINE, 12);
  g_assert_nonnull (strstr (mk_team_indicator_get_text (indicator), "12"));
  shoot (GTK_WIDGET (window), "offline");

  mk_team_indicator_set_state (indicator, MK_TEAM_STATE_ERROR, 2);
  g_assert_nonnull (strstr (mk_team_indicator_get_text (indicator), "2"));
  shoot (GTK_WIDGET (window), "error");

  /* Narrow: the icon and the number waiting, no words. */
  mk_team_indicator_set_state (indicator, MK_TEAM_STATE_OFFLINE, 12);
  mk_gui_test_resize (GTK_WINDOW (window), 360, 560);
  mk_gui_test_wait_for (!gtk_widget_get_mapped (label));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (indicator)));
  /* The header bar still fits the window's narrowest width with it. */
  g_assert_cmpint (header_min_width (window), <=, 360);
  g_test_message ("header bar: %d px at the least, %d px without the team's state",
                  header_min_width (window), header_min);
  shoot (GTK_WIDGET (window), "offline-narrow");

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  mk_gui_test_wait_for (adw_style_manager_get_dark (style));
  shoot (GTK_WIDGET (window), "offline-narrow-dark");
  mk_team_indicator_set_state (indicator, MK_TEAM_STATE_IN_SYNC, 0);
  shoot (GTK_WIDGET (window), "in-sync-narrow-dark");
  mk_gui_test_resize (GTK_WINDOW (window), 800, 560);
  mk_gui_test_wait_for (gtk_widget_get_mapped (label));
  mk_team_indicator_set_state (indicator, MK_TEAM_STATE_SENDING, 1);
  shoot (GTK_WIDGET (window), "sending-dark");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

  /* Out of the team again: hidden. */
  mk_team_indicator_set_state (indicator, MK_TEAM_STATE_NONE, 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (indicator)));
}

static void
test_banner (void)
{
  MkWindow *window = mk_gui_test_get_window ();
  MkTeamBanner *banner = mk_window_get_team_banner (window);
  AdwStyleManager *style = adw_style_manager_get_default ();
  const char *words = "FATAL:  password authentication failed for user \"anna\"";
  g_autofree char *message = g_strdup_printf ("The team server refused the password of anna "
                                              "(%s). Enter the password again.", words);
  GtkWidget *button;

  g_assert_true (mk_gui_test_wait_mapped (GTK_WIDGET (window)));
  mk_gui_test_resize (GTK_WINDOW (window), 800, 560);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (banner)));

  mk_team_indicator_set_state (mk_window_get_team_indicator (window), MK_TEAM_STATE_ERROR, 1);
  mk_team_banner_show (banner, message, "_Enter Password…", "win.team-status");
  g_assert_true (mk_gui_test_wait_mapped (GTK_WIDGET (banner)));
  g_assert_true (mk_team_banner_is_shown (banner));
  g_assert_cmpstr (mk_team_banner_get_message (banner), ==, message);
  button = mk_gui_test_child (banner, "team_banner_button");
  g_assert_true (gtk_widget_get_mapped (button));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==,
                   "win.team-status");
  /* The typing stays where it was: the banner takes no focus. */
  g_assert_false (gtk_widget_has_focus (button));
  shoot (GTK_WIDGET (window), "banner");

  mk_gui_test_resize (GTK_WINDOW (window), 360, 560);
  g_assert_cmpint (banner_min_width (window), <=, 360);
  shoot (GTK_WIDGET (window), "banner-narrow");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  mk_gui_test_wait_for (adw_style_manager_get_dark (style));
  shoot (GTK_WIDGET (window), "banner-narrow-dark");
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  mk_gui_test_resize (GTK_WINDOW (window), 800, 560);

  /* A message without an action has no button. */
  mk_team_banner_show (banner, "The team’s schema is newer than this Minutka.", NULL, NULL);
  g_assert_false (gtk_widget_get_visible (button));

  mk_team_banner_hide (banner);
  mk_gui_test_wait_for (!gtk_widget_get_visible (GTK_WIDGET (banner)));
  mk_team_indicator_set_state (mk_window_get_team_indicator (window), MK_TEAM_STATE_NONE, 0);
}

static void
test_opens_status (void)
{
  MkWindow *window = mk_gui_test_get_window ();
  MkTeamIndicator *indicator = mk_window_get_team_indicator (window);
  GtkWindow *prefs;

  g_assert_true (mk_gui_test_wait_mapped (GTK_WIDGET (window)));
  mk_team_indicator_set_state (indicator, MK_TEAM_STATE_OFFLINE, 1);
  g_assert_true (mk_gui_test_wait_mapped (GTK_WIDGET (indicator)));

  g_signal_emit_by_name (mk_gui_test_child (indicator, "team_indicator_button"), "clicked");
  prefs = mk_gui_test_wait_window (MK_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (prefs);
  gtk_window_close (prefs);
  mk_team_indicator_set_state (indicator, MK_TEAM_STATE_NONE, 0);
}

int
main (int   argc,
      char *argv[])
{
  MkApplication *app;

  mk_gui_test_init (&argc, &argv);

  g_test_add_func ("/gui/team/state/every-state", test_states);
  g_test_add_func ("/gui/team/state/banner", test_banner);
  g_test_add_func ("/gui/team/state/opens-status", test_opens_status);

  app = mk_gui_test_app_new (NULL);
  return mk_gui_test_run (app);
}
