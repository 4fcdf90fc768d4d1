/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-team-sync.c — the window syncs with its team by itself, on a
 * real PostgreSQL server.
 *
 * Run by tests/team/with-postgres.sh, which starts a throw-away server, in
 * Xvfb.  Before the window opens, the test sets a team up on the server
 * (as its owner), adds a manager (login "anna") and a supervisor ("sofia"),
 * keeps their passwords in the .pgpass file the way a user would, and joins
 * two local databases: the window's (the manager's) and the supervisor's,
 * which the test syncs itself as the supervisor's Minutka would.  Then: an
 * entry made in the window reaches the supervisor with no click; with the
 * server stopped the window says it is offline with the change waiting,
 * and once the server is back (and the minute's timer fires, which the
 * test does itself through win.team-sync) the change arrives, once.
 * Screenshots of the real states go to MINUTKA_SCREENSHOT_DIR.
 */
#include "config.h"

#include <string.h>

#include "mk-preferences-window.h"
#include "mk-store.h"
#include "mk-team.h"
#include "mk-window.h"
#include "gui-test-utils.h"
#include "team-test-utils.h"

#define TEAM_DB "guiteam"

static char *window_db;
static char *supervisor_db;

static const char *
lang_suffix (void)
{
  return g_strcmp0 (g_getenv ("MINUTKA_TEST_LANG"), "ru") == 0 ? "-ru" : "";
}

static void
shoot (GtkWidget  *window,
       const char *name)
{
  g_autofree char *file = g_strdup_printf ("team-sync-%s%s.png", name, lang_suffix ());

  mk_gui_test_wait_frames (window, 2);
  mk_gui_test_screenshot (window, file);
}

static void
join (const char *path,
      const char *login)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MkStore) store = mk_store_open (path, &error);
  g_autofree char *conninfo = pg_conninfo (login, TEAM_DB);

  g_assert_no_error (error);
  g_assert_true (mk_team_join (store, conninfo, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
set_up_team (void)
{
  g_autofree char *owner = pg_conninfo (TEAM_OWNER, TEAM_DB);
  g_autoptr(GError) error = NULL;
  g_autofree char *anna_password = NULL;
  g_autofree char *sofia_password = NULL;

  pg_create_team_db (TEAM_DB);
  g_assert_true (mk_team_setup (owner, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (mk_team_add_person (owner, "Anna Petrova", NULL, "anna", FALSE,
                                     &anna_password, &error));
  g_assert_no_error (error);
  g_assert_true (mk_team_add_person (owner, "Sofia Lebedeva", NULL, "sofia", TRUE,
                                     &sofia_password, &error));
  g_assert_no_error (error);
  pg_remember_password ("anna", anna_password);
  pg_remember_password ("sofia", sofia_password);

  join (window_db, "anna");
  join (supervisor_db, "sofia");
}

/* The supervisor's Minutka syncs: how many entries it received. */
static guint64
supervisor_receives (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MkStore) store = mk_store_open (supervisor_db, &error);
  MkTeamSyncResult result = { 0 };
  guint64 received;

  g_assert_no_error (error);
  g_assert_true (mk_team_sync (store, NULL, &result, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  received = result.received;
  mk_team_sync_result_clear (&result);
  return received;
}

/* An entry made in the window, as the Today page makes one. */
static void
window_logs (MkWindow   *window,
             const char *task)
{
  MkStore *store = mk_window_get_store (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(MkPerson) person = mk_store_ensure_person (store, "Anna Petrova", NULL, &error);
  MkCategory *calls = mk_store_get_category_by_key (store, "calls");
  MkEntryInput input = { 0 };

  g_assert_no_error (error);
  input.person_id = mk_person_get_id (person);
  input.day = "2026-11-24";
  input.start = -1;
  input.minutes = 25;
  input.category_id = mk_category_get_id (calls);
  input.task = task;
  input.source = MK_ENTRY_SOURCE_MANUAL;
  g_assert_cmpint (mk_store_add_entry (store, &input, &error), >, 0);
  g_assert_no_error (error);
}

static gboolean
settled (MkTeamController *team,
         MkTeamIndicator  *indicator,
         MkTeamState       state,
         guint64           waiting)
{
  return !mk_team_controller_is_syncing (team) &&
         mk_team_indicator_get_state (indicator) == state &&
         mk_team_indicator_get_waiting (indicator) == waiting;
}

static void
test_sync_by_itself (void)
{
  MkWindow *window = mk_gui_test_get_window ();
  MkTeamIndicator *indicator = mk_window_get_team_indicator (window);
  MkTeamController *team;
  guint before;
  GtkWindow *prefs;
  AdwPreferencesPage *page;
  AdwActionRow *row;

  g_assert_true (mk_gui_test_wait_mapped (GTK_WIDGET (window)));
  mk_gui_test_resize (GTK_WINDOW (window), 800, 560);
  team = mk_window_get_team_controller (window);
  g_assert_nonnull (team);
  g_assert_true (mk_team_controller_is_joined (team));

  /* Joining recorded nothing to send; the first sync leaves it in sync. */
  mk_gui_test_wait_for (mk_team_controller_get_n_syncs (team) >= 1 &&
                        settled (team, indicator, MK_TEAM_STATE_IN_SYNC, 0));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (indicator)));
  shoot (GTK_WIDGET (window), "in-sync");

  /* A change goes by itself, no click. */
  before = mk_team_controller_get_n_syncs (team);
  window_logs (window, "Call Acme about the renewal");
  mk_gui_test_wait_for (mk_team_controller_get_n_syncs (team) > before &&
                        settled (team, indicator, MK_TEAM_STATE_IN_SYNC, 0));
  g_assert_cmpuint (supervisor_receives (), ==, 1);

  /* The server down: the window notices by itself, with no change and no
   * click (its listening connection went), and says so quietly… */
  pg_server (FALSE);
  mk_gui_test_wait_for (settled (team, indicator, MK_TEAM_STATE_OFFLINE, 0));
  /* … and a change waits. */
  window_logs (window, "Call Initech while the server is down");
  mk_gui_test_wait_for (settled (team, indicator, MK_TEAM_STATE_OFFLINE, 1));
  g_assert_false (mk_team_banner_is_shown (mk_window_get_team_banner (window)));
  shoot (GTK_WIDGET (window), "offline");

  /* Back: the next sync (the minute's timer, run here at once) sends it. */
  pg_server (TRUE);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.team-sync", NULL);
  mk_gui_test_wait_for (settled (team, indicator, MK_TEAM_STATE_IN_SYNC, 0));
  g_assert_cmpuint (supervisor_receives (), ==, 1);
  g_assert_cmpuint (supervisor_receives (), ==, 0);

  /* The state opens the team's status: Preferences → Team. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.team-status", NULL);
  prefs = mk_gui_test_wait_window (MK_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (prefs);
  page = adw_preferences_window_get_visible_page (ADW_PREFERENCES_WINDOW (prefs));
  g_assert_cmpstr (adw_preferences_page_get_name (page), ==, "team");
  row = ADW_ACTION_ROW (mk_gui_test_child (page, "team_server_row"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "anna@"));
  row = ADW_ACTION_ROW (mk_gui_test_child (page, "team_role_row"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "Anna Petrova"));
  row = ADW_ACTION_ROW (mk_gui_test_child (page, "team_waiting_row"));
  g_assert_cmpstr (adw_action_row_get_subtitle (row), ==, "0");
  mk_gui_test_wait_frames (GTK_WIDGET (prefs), 2);
  mk_gui_test_screenshot (GTK_WIDGET (prefs), g_strcmp0 (lang_suffix (), "") == 0
                                              ? "team-preferences.png"
                                              : "team-preferences-ru.png");
  gtk_window_close (prefs);
}

int
main (int   argc,
      char *argv[])
{
  MkApplication *app;

  mk_gui_test_init (&argc, &argv);
  if (g_getenv ("MINUTKA_TEST_PG_HOST") == NULL)
    {
      g_test_message ("no PostgreSQL server: run through tests/team/with-postgres.sh");
      return 77;
    }

  window_db = g_build_filename (mk_gui_test_tmpdir (), "anna.db", NULL);
  supervisor_db = g_build_filename (mk_gui_test_tmpdir (), "sofia.db", NULL);
  set_up_team ();

  g_test_add_func ("/gui/team/sync/by-itself-and-offline", test_sync_by_itself);

  app = mk_gui_test_app_new (window_db);
  return mk_gui_test_run (app);
}
