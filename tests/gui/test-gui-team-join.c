/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-team-join.c — joining a team and leaving it from Preferences →
 * Team, on a real PostgreSQL server, with the real desktop keyring.
 *
 * Run by tests/team/with-postgres.sh in Xvfb.  A team is set up on the
 * server (as its owner) with a manager, "anna", whose password only the
 * test knows: it is in no .pgpass file, so the window's sync can only have
 * it from the keyring the form kept it in.  A login with no rights on the
 * team, "stranger", is in .pgpass.  The window's database is in no team.
 *
 * Through the form, as a user would: Test Connection with a wrong password
 * says the server's words and what to do, and keeps what was typed; with
 * no rights, a team schema too new, or the server down, the same; with
 * the right one (typed as server, database and login fields) it says who
 * the login is; Join Team shows the status rows,
 * the window syncs by itself, and the password is in the keyring.  As a
 * manager, the team's settings are read-only in Preferences.  Leave Team
 * asks first, then leaves: the entries stay, the keyring item goes, the
 * form is back.  Screenshots (not joined, joined; wide, 360 px, dark; -ru
 * for the Russian run) go to MINUTKA_SCREENSHOT_DIR.
 */
#include "config.h"

#include <string.h>

#include "mk-preferences-window.h"
#include "mk-store.h"
#include "mk-team-async.h"
#include "mk-team-password.h"
#include "mk-team.h"
#include "mk-window.h"
#include "gui-test-keyring.h"
#include "gui-test-utils.h"
#include "team-test-utils.h"

#define TEAM_DB "guijoin"

static char *window_db;
static char *anna_password;
static gboolean have_keyring;

static const char *
lang_suffix (void)
{
  return g_strcmp0 (g_getenv ("MINUTKA_TEST_LANG"), "ru") == 0 ? "-ru" : "";
}

static void
set_up_team (void)
{
  g_autofree char *owner = pg_conninfo (TEAM_OWNER, TEAM_DB);
  g_autoptr(GError) error = NULL;

  pg_create_team_db (TEAM_DB);
  g_assert_true (mk_team_setup (owner, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (mk_team_add_person (owner, "Anna Petrova", NULL, "anna", FALSE,
                                     &anna_password, &error));
  g_assert_no_error (error);
  pg_exec ("postgres", "postgres", "CREATE ROLE stranger LOGIN PASSWORD 'stranger-3'");
  pg_remember_password ("stranger", "stranger-3");
}

/* Preferences → Team at @width (0: as it opens), light or dark. */
static void
shoot (GtkWindow  *prefs,
       const char *state)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autofree char *wide = g_strdup_printf ("team-join-%s%s.png", state, lang_suffix ());
  g_autofree char *narrow = g_strdup_printf ("team-join-%s-narrow%s.png", state, lang_suffix ());
  g_autofree char *dark = g_strdup_printf ("team-join-%s-narrow-dark%s.png", state,
                                           lang_suffix ());
  GtkWidget *page = GTK_WIDGET (adw_preferences_window_get_visible_page (
                                  ADW_PREFERENCES_WINDOW (prefs)));
  int min = 0;

  mk_gui_test_resize (prefs, 640, 760);
  mk_gui_test_wait_frames (GTK_WIDGET (prefs), 3);
  mk_gui_test_screenshot (GTK_WIDGET (prefs), wide);

  mk_gui_test_resize (prefs, 360, 760);
  mk_gui_test_wait_frames (GTK_WIDGET (prefs), 3);
  gtk_widget_measure (page, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  g_test_message ("Preferences → Team (%s) is %d px wide at least", state, min);
  g_assert_cmpint (min, <=, 360);
  mk_gui_test_screenshot (GTK_WIDGET (prefs), narrow);

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  mk_gui_test_wait_for (adw_style_manager_get_dark (style));
  mk_gui_test_wait_frames (GTK_WIDGET (prefs), 3);
  mk_gui_test_screenshot (GTK_WIDGET (prefs), dark);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
  mk_gui_test_wait_for (!adw_style_manager_get_dark (style));
  mk_gui_test_resize (prefs, 640, 760);
  mk_gui_test_wait_frames (GTK_WIDGET (prefs), 2);
}

static const char *
subtitle (GtkWidget *row)
{
  return adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
}

static void
type (GtkWidget  *page,
      const char *row,
      const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (mk_gui_test_child (page, row)), text);
}

static const char *
typed (GtkWidget  *page,
       const char *row)
{
  return gtk_editable_get_text (GTK_EDITABLE (mk_gui_test_child (page, row)));
}

/* Presses @button and waits until the page has said something new. */
static void
press_and_wait (GtkWidget  *page,
                const char *button,
                const char *result_row)
{
  GtkWidget *row = mk_gui_test_child (page, result_row);
  GtkWidget *pressed = mk_gui_test_child (page, button);

  gtk_widget_set_visible (row, FALSE);
  g_assert_true (gtk_widget_get_sensitive (pressed));
  gtk_widget_activate (pressed);
  /* It runs on a worker: the window goes on drawing meanwhile. */
  mk_gui_test_wait_for (gtk_widget_get_visible (row) &&
                        gtk_widget_get_sensitive (mk_gui_test_child (page, button)));
  g_test_message ("%s: %s — %s", button,
                  adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), subtitle (row));
}

/* What core says for @conninfo and @password, to find in the page. */
static char *
core_says (const char *conninfo,
           const char *password)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MkTeamCheck) check = mk_team_check (conninfo, password, &error);

  g_assert_null (check);
  g_assert_nonnull (error);
  return g_strdup (error->message);
}

static char *
keyring_password (void)
{
  g_autofree char *conninfo = pg_conninfo ("anna", TEAM_DB);
  g_autoptr(MkTeamCheck) check = mk_team_check (conninfo, anna_password, NULL);
  g_autoptr(GError) error = NULL;
  char *password;

  g_assert_nonnull (check);
  password = mk_team_password_lookup_sync (check->server, check->login, NULL, &error);
  g_assert_no_error (error);
  return password;
}

static void
window_logs (MkWindow   *window,
             const char *task)
{
  MkStore *store = mk_window_get_store (window);
  g_autoptr(GError) error = NULL;
  g_autoptr(MkPerson) person = mk_store_ensure_person (store, "Anna Petrova", NULL, &error);
  MkEntryInput input = { 0 };

  g_assert_no_error (error);
  input.person_id = mk_person_get_id (person);
  input.day = "2026-11-24";
  input.start = -1;
  input.minutes = 25;
  input.category_id = mk_category_get_id (mk_store_get_category_by_key (store, "calls"));
  input.task = task;
  input.source = MK_ENTRY_SOURCE_MANUAL;
  g_assert_cmpint (mk_store_add_entry (store, &input, &error), >, 0);
  g_assert_no_error (error);
}

static guint64
server_entries (void)
{
  g_autofree char *n = pg_value (TEAM_OWNER, TEAM_DB, "SELECT count(*) FROM minutka.entry");

  return g_ascii_strtoull (n, NULL, 10);
}

/* The team's settings on @name of Preferences: read-only with the note
 * (@owned), or as usual. */
static void
check_settings_page (GtkWindow  *prefs,
                     const char *name,
                     const char *control,
                     gboolean    owned,
                     const char *shot)
{
  GtkWidget *page;
  GtkWidget *note;

  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), name);
  mk_gui_test_wait_frames (GTK_WIDGET (prefs), 2);
  page = GTK_WIDGET (adw_preferences_window_get_visible_page (ADW_PREFERENCES_WINDOW (prefs)));
  note = mk_gui_test_find_by_name (page, "supervisor_note");
  if (!owned)
    {
      g_assert_true (note == NULL || !gtk_widget_get_visible (note));
      g_assert_true (gtk_widget_is_sensitive (mk_gui_test_child (page, control)));
      return;
    }
  g_assert_nonnull (note);
  g_assert_true (gtk_widget_is_visible (note));
  g_assert_true (gtk_widget_is_sensitive (note));
  g_assert_false (gtk_widget_is_sensitive (mk_gui_test_child (page, control)));
  if (shot != NULL)
    shoot (prefs, shot);
}

static void
test_join_and_leave (void)
{
  MkWindow *window = mk_gui_test_get_window ();
  MkTeamController *team;
  MkTeamIndicator *indicator;
  GtkWindow *prefs;
  GtkWidget *page;
  GtkWidget *result;
  AdwMessageDialog *dialog;
  g_autofree char *anna = pg_conninfo ("anna", TEAM_DB);
  g_autofree char *stranger = pg_conninfo ("stranger", TEAM_DB);
  g_autofree char *host = g_strdup_printf ("%s:%s", pg_env ("MINUTKA_TEST_PG_HOST"),
                                           pg_env ("MINUTKA_TEST_PG_PORT"));
  g_autofree char *wrong = NULL;
  g_autofree char *refused = NULL;
  char *kept;

  if (!have_keyring)
    {
      g_test_skip ("GNOME Keyring is not installed (apt-get install gnome-keyring)");
      return;
    }
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  g_assert_true (mk_gui_test_wait_mapped (GTK_WIDGET (window)));
  team = mk_window_get_team_controller (window);
  indicator = mk_window_get_team_indicator (window);
  g_assert_false (mk_team_controller_is_joined (team));
  window_logs (window, "Typed before joining");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.team-status", NULL);
  prefs = mk_gui_test_wait_window (MK_TYPE_PREFERENCES_WINDOW);
  g_assert_nonnull (prefs);
  g_assert_true (mk_gui_test_wait_mapped (GTK_WIDGET (prefs)));
  page = GTK_WIDGET (adw_preferences_window_get_visible_page (ADW_PREFERENCES_WINDOW (prefs)));
  g_assert_cmpstr (adw_preferences_page_get_name (ADW_PREFERENCES_PAGE (page)), ==, "team");
  result = mk_gui_test_child (page, "team_result_row");

  /* In no team the settings are this desktop's own. */
  check_settings_page (prefs, "categories", "list_box", FALSE, NULL);
  check_settings_page (prefs, "analysis", "workday_spin", FALSE, NULL);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "team");
  mk_gui_test_wait_frames (GTK_WIDGET (prefs), 2);

  /* Not in a team: the form, no status. */
  g_assert_true (gtk_widget_get_visible (mk_gui_test_child (page, "team_join_group")));
  g_assert_false (gtk_widget_is_visible (mk_gui_test_child (page, "team_server_row")));
  g_assert_false (gtk_widget_is_visible (mk_gui_test_child (page, "team_leave_button")));

  /* A wrong password: the server's words and what to do; nothing typed
   * is lost. */
  type (page, "team_conninfo_row", anna);
  type (page, "team_password_row", "not-annas-password");
  shoot (prefs, "form");
  wrong = core_says (anna, "not-annas-password");
  press_and_wait (page, "team_test_button", "team_result_row");
  g_assert_true (g_str_has_prefix (subtitle (result), wrong));
  g_assert_cmpuint (strlen (subtitle (result)), >, strlen (wrong));
  g_assert_cmpstr (typed (page, "team_conninfo_row"), ==, anna);
  g_assert_cmpstr (typed (page, "team_password_row"), ==, "not-annas-password");
  shoot (prefs, "wrong-password");

  /* Join Team with it: refused the same way, nothing joined or kept. */
  press_and_wait (page, "team_join_button", "team_result_row");
  g_assert_true (g_str_has_prefix (subtitle (result), wrong));
  g_assert_false (mk_team_controller_is_joined (team));
  g_assert_null (mk_team_get_status (mk_window_get_store (window), NULL));
  g_assert_null (keyring_password ());
  g_assert_cmpstr (typed (page, "team_password_row"), ==, "not-annas-password");

  /* A login with no rights on the team: the server's words too. */
  type (page, "team_conninfo_row", stranger);
  type (page, "team_password_row", "");
  refused = core_says (stranger, NULL);
  press_and_wait (page, "team_test_button", "team_result_row");
  g_assert_true (g_str_has_prefix (subtitle (result), refused));
  g_assert_cmpuint (strlen (subtitle (result)), >, strlen (refused));

  /* A team set up by a newer Minutka: update. */
  type (page, "team_conninfo_row", anna);
  type (page, "team_password_row", anna_password);
  pg_exec (TEAM_OWNER, TEAM_DB,
           "UPDATE minutka.meta SET value = '99' WHERE key = 'schema_version'");
  g_clear_pointer (&refused, g_free);
  refused = core_says (anna, anna_password);
  press_and_wait (page, "team_join_button", "team_result_row");
  /* Core's words say what to do already ("Update Minutka"). */
  g_assert_cmpstr (subtitle (result), ==, refused);
  g_assert_false (mk_team_controller_is_joined (team));
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE minutka.meta SET value = '%d' "
                                            "WHERE key = 'schema_version'",
                                            MK_TEAM_SCHEMA_VERSION);

    pg_exec (TEAM_OWNER, TEAM_DB, sql);
  }

  /* The server down (the network, as the window sees it): its words and
   * what to check; nothing typed is lost. */
  pg_server (FALSE);
  g_clear_pointer (&refused, g_free);
  refused = core_says (anna, anna_password);
  press_and_wait (page, "team_test_button", "team_result_row");
  g_assert_true (g_str_has_prefix (subtitle (result), refused));
  g_assert_cmpuint (strlen (subtitle (result)), >, strlen (refused));
  g_assert_cmpstr (typed (page, "team_conninfo_row"), ==, anna);
  g_assert_cmpstr (typed (page, "team_password_row"), ==, anna_password);
  shoot (prefs, "offline");
  pg_server (TRUE);

  /* The server, database and login as fields: who the login is. */
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (mk_gui_test_child (page,
                                                                             "team_parts_row")),
                                         TRUE);
  g_assert_false (gtk_widget_get_visible (mk_gui_test_child (page, "team_conninfo_row")));
  type (page, "team_host_row", host);
  type (page, "team_database_row", TEAM_DB);
  type (page, "team_login_row", "anna");
  type (page, "team_password_row", anna_password);
  press_and_wait (page, "team_test_button", "team_result_row");
  g_assert_nonnull (strstr (subtitle (result), "anna"));
  g_assert_nonnull (strstr (subtitle (result), "Anna Petrova"));
  g_assert_false (mk_team_controller_is_joined (team));

  /* Join: the status rows, the sync by itself with the keyring's password
   * (the only place the window can have it from). */
  press_and_wait (page, "team_join_button", "team_leave_result_row");
  g_assert_true (gtk_widget_is_visible (mk_gui_test_child (page, "team_server_row")));
  g_assert_false (gtk_widget_is_visible (mk_gui_test_child (page, "team_join_group")));
  g_assert_nonnull (strstr (subtitle (mk_gui_test_child (page, "team_server_row")), "anna@"));
  g_assert_nonnull (strstr (subtitle (mk_gui_test_child (page, "team_role_row")),
                            "Anna Petrova"));
  g_assert_cmpstr (typed (page, "team_password_row"), ==, "");
  kept = keyring_password ();
  g_assert_cmpstr (kept, ==, anna_password);
  mk_team_password_free (kept);
  g_assert_true (mk_team_controller_is_joined (team));
  mk_gui_test_wait_for (mk_team_controller_get_n_syncs (team) >= 1 &&
                        !mk_team_controller_is_syncing (team) &&
                        mk_team_indicator_get_state (indicator) == MK_TEAM_STATE_IN_SYNC);
  g_assert_cmpuint (server_entries (), ==, 1);
  mk_gui_test_wait_for (g_strcmp0 (subtitle (mk_gui_test_child (page, "team_waiting_row")),
                                   "0") == 0);
  shoot (prefs, "joined");

  /* A manager's desktop: the team's settings are the supervisor's — shown,
   * greyed, with a line saying so (core would refuse a change anyway). */
  check_settings_page (prefs, "categories", "list_box", TRUE, "manager-categories");
  check_settings_page (prefs, "analysis", "workday_spin", TRUE, "manager-analysis");
  g_assert_true (gtk_widget_is_sensitive (mk_gui_test_child (
    adw_preferences_window_get_visible_page (ADW_PREFERENCES_WINDOW (prefs)),
    "supervisor_note")));
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), "team");
  mk_gui_test_wait_frames (GTK_WIDGET (prefs), 2);

  /* Leave: asked first; Cancel changes nothing. */
  gtk_widget_activate (mk_gui_test_child (page, "team_leave_button"));
  dialog = ADW_MESSAGE_DIALOG (mk_gui_test_wait_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_test_message ("%s", adw_message_dialog_get_body (dialog));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "anna@"));
  mk_gui_test_screenshot (GTK_WIDGET (dialog), g_strcmp0 (lang_suffix (), "") == 0
                                               ? "team-join-leave-dialog.png"
                                               : "team-join-leave-dialog-ru.png");
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  mk_gui_test_settle ();
  g_assert_true (mk_team_controller_is_joined (team));

  gtk_widget_activate (mk_gui_test_child (page, "team_leave_button"));
  dialog = ADW_MESSAGE_DIALOG (mk_gui_test_wait_window (ADW_TYPE_MESSAGE_DIALOG));
  adw_message_dialog_response (dialog, "leave");
  gtk_window_destroy (GTK_WINDOW (dialog));
  mk_gui_test_wait_for (gtk_widget_get_visible (mk_gui_test_child (page, "team_join_group")) &&
                        !mk_team_controller_is_joined (team));
  g_assert_false (gtk_widget_is_visible (mk_gui_test_child (page, "team_server_row")));
  g_assert_null (mk_team_get_status (mk_window_get_store (window), NULL));
  /* Said, not only seen in the form coming back. */
  g_assert_true (gtk_widget_is_visible (mk_gui_test_child (page, "team_result_row")));
  g_assert_cmpstr (subtitle (mk_gui_test_child (page, "team_result_row")), !=, "");
  shoot (prefs, "left");
  /* The entries stay on this desktop; the indicator goes; the password
   * is forgotten. */
  g_assert_cmpuint (mk_store_count_entries (mk_window_get_store (window)), ==, 1);
  mk_gui_test_wait_for (!gtk_widget_get_visible (GTK_WIDGET (indicator)));
  mk_gui_test_wait_for (({ char *p = keyring_password (); gboolean gone = p == NULL;
                           mk_team_password_free (p); gone; }));
  /* Out of the team, the settings are this desktop's again. */
  check_settings_page (prefs, "categories", "list_box", FALSE, NULL);
  check_settings_page (prefs, "analysis", "workday_spin", FALSE, NULL);
  gtk_window_close (prefs);
}

int
main (int   argc,
      char *argv[])
{
  MkApplication *app;
  int status;

  mk_gui_test_init (&argc, &argv);
  if (g_getenv ("MINUTKA_TEST_PG_HOST") == NULL)
    {
      g_test_message ("no PostgreSQL server: run through tests/team/with-postgres.sh");
      return 77;
    }

  window_db = g_build_filename (mk_gui_test_tmpdir (), "anna.db", NULL);
  set_up_team ();

  g_test_add_func ("/gui/team/join/form-join-leave", test_join_and_leave);

  app = mk_gui_test_app_new (window_db);
  have_keyring = mk_gui_test_start_keyring ();
  if (!have_keyring)
    g_test_message ("gnome-keyring-daemon not found: install gnome-keyring");
  status = mk_gui_test_run (app);
  mk_gui_test_stop_keyring ();
  return status;
}
