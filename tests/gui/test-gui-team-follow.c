/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-team-follow.c — the supervisor's window follows the team, on a
 * real PostgreSQL server.
 *
 * Run by tests/team/with-postgres.sh, which starts a throw-away server, in
 * Xvfb.  Before the window opens, the test sets a team up on the server
 * (as its owner), adds a manager (login "anna") and a supervisor ("sofia"),
 * keeps their passwords in the .pgpass file the way a user would, and joins
 * two local databases: the window's is the supervisor's this time, and the
 * manager's is synced by the test as the manager's Minutka would.  An entry
 * the manager logs and syncs appears in the supervisor's Entries and
 * Analysis by itself: the server's NOTIFY wakes the window's session, which
 * receives it and refreshes the pages.  The test waits with the hang limit
 * only and prints how long it took (the budget is 2 s; a timed
 * assertion would measure the machine, docs/testing.md).
 */
#include "config.h"

#include "mk-analysis-page.h"
#include "mk-entries-page.h"
#include "mk-store.h"
#include "mk-team.h"
#include "mk-window.h"
#include "gui-test-utils.h"
#include "team-test-utils.h"

#define TEAM_DB "guifollow"

static char *window_db;
static char *manager_db;

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

  join (window_db, "sofia");
  join (manager_db, "anna");
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

/* The manager's Minutka logs an entry and syncs it. */
static void
manager_logs_and_syncs (const char    *task,
                        MkEntrySource  source)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MkStore) store = mk_store_open (manager_db, &error);
  g_autoptr(MkPerson) person = NULL;
  MkTeamSyncResult result = { 0 };
  MkEntryInput input = { 0 };

  g_assert_no_error (error);
  person = mk_store_ensure_person (store, "Anna Petrova", NULL, &error);
  g_assert_no_error (error);
  input.person_id = mk_person_get_id (person);
  input.day = "2026-11-24";
  input.start = -1;
  input.minutes = 40;
  input.category_id = mk_category_get_id (mk_store_get_category_by_key (store, "calls"));
  input.task = task;
  input.source = source;
  g_assert_cmpint (mk_store_add_entry (store, &input, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (mk_team_sync (store, NULL, &result, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.sent, ==, 1);
  mk_team_sync_result_clear (&result);
}

static guint
n_entries (MkEntriesPage *page)
{
  MkEntryList *list = mk_entries_page_get_entries (page);

  return list != NULL ? g_list_model_get_n_items (G_LIST_MODEL (list)) : 0;
}

static guint
n_managers (MkAnalysisPage *page)
{
  MkAnalysis *analysis = mk_analysis_page_get_analysis (page);

  return analysis != NULL ? g_list_model_get_n_items (mk_analysis_get_managers (analysis)) : 0;
}

/* The Entries page says which login sent the entry: MkEntry's sent-by,
 * and a label in the shown Sent By column. */
static gboolean
find_label (GtkWidget  *widget,
            const char *text)
{
  if (gtk_widget_get_mapped (widget) && g_strcmp0 (mk_gui_test_text_of (widget), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (find_label (child, text))
      return TRUE;
  return FALSE;
}

static void
check_sent_by (MkEntriesPage *page)
{
  MkEntryList *list = mk_entries_page_get_entries (page);
  g_autoptr(MkEntry) entry = g_list_model_get_item (G_LIST_MODEL (list), 0);
  GtkColumnView *view = GTK_COLUMN_VIEW (mk_gui_test_find_by_type (GTK_WIDGET (page),
                                                                   GTK_TYPE_COLUMN_VIEW));
  GListModel *columns = gtk_column_view_get_columns (view);
  gboolean shown = FALSE;

  g_assert_cmpstr (mk_entry_get_sent_by (entry), ==, "anna");
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (column), "mk-column-id"), "sent-by") == 0)
        shown = gtk_column_view_column_get_visible (column);
    }
  g_assert_true (shown);
  mk_gui_test_wait_for (find_label (GTK_WIDGET (view), "anna"));
}

static void
test_follows_the_team (void)
{
  MkWindow *window = mk_gui_test_get_window ();
  MkTeamIndicator *indicator = mk_window_get_team_indicator (window);
  MkTeamController *team;
  MkEntriesPage *entries;
  MkAnalysisPage *analysis;
  gint64 synced;
  gint64 in_entries;
  gint64 in_analysis;
  MkAnalysis *before;

  g_assert_true (mk_gui_test_wait_mapped (GTK_WIDGET (window)));
  mk_gui_test_resize (GTK_WINDOW (window), 900, 640);
  team = mk_window_get_team_controller (window);
  g_assert_nonnull (team);
  mk_gui_test_wait_for (mk_team_controller_get_n_syncs (team) >= 1 &&
                        settled (team, indicator, MK_TEAM_STATE_IN_SYNC, 0));

  entries = MK_ENTRIES_PAGE (mk_gui_test_show_page (GTK_WIDGET (window), "entries",
                                                     MK_TYPE_ENTRIES_PAGE));
  g_assert_cmpuint (n_entries (entries), ==, 0);

  /* Another desktop syncs; nobody touches this window. */
  manager_logs_and_syncs ("Call Acme about the renewal", MK_ENTRY_SOURCE_MANUAL);
  synced = g_get_monotonic_time ();
  mk_gui_test_wait_for (n_entries (entries) == 1);
  in_entries = g_get_monotonic_time ();
  g_test_message ("the manager's entry was in the supervisor's Entries %.0f ms after the "
                  "manager's sync ended", (in_entries - synced) / 1000.0);
  check_sent_by (entries);
  shoot (GTK_WIDGET (window), "supervisor-entries");

  analysis = MK_ANALYSIS_PAGE (mk_gui_test_show_page (GTK_WIDGET (window), "analysis",
                                                       MK_TYPE_ANALYSIS_PAGE));
  mk_gui_test_wait_for (n_managers (analysis) == 1);
  in_analysis = g_get_monotonic_time ();
  g_test_message ("and in its Analysis %.0f ms after", (in_analysis - synced) / 1000.0);
  shoot (GTK_WIDGET (window), "supervisor-analysis");

  /* A second one while the Analysis shows: it computes again; the hidden
   * Entries page catches up when it is shown. */
  before = mk_analysis_page_get_analysis (analysis);
  manager_logs_and_syncs ("Follow up Initech", MK_ENTRY_SOURCE_IMPORT);
  synced = g_get_monotonic_time ();
  mk_gui_test_wait_for (mk_analysis_page_get_analysis (analysis) != before);
  g_test_message ("the second entry was in the Analysis %.0f ms after the sync",
                  (g_get_monotonic_time () - synced) / 1000.0);
  mk_gui_test_show_page (GTK_WIDGET (window), "entries", MK_TYPE_ENTRIES_PAGE);
  mk_gui_test_wait_for (n_entries (entries) == 2);
  /* Imported on the manager's desktop: this one never had that import, so
   * its source says so in words, not "Import #0". */
  mk_gui_test_wait_for (find_label (GTK_WIDGET (entries), "Imported"));
  g_assert_false (find_label (GTK_WIDGET (entries), "Import #0"));
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

  window_db = g_build_filename (mk_gui_test_tmpdir (), "sofia.db", NULL);
  manager_db = g_build_filename (mk_gui_test_tmpdir (), "anna.db", NULL);
  set_up_team ();

  g_test_add_func ("/gui/team/follow/manager-entry-appears", test_follows_the_team);

  app = mk_gui_test_app_new (window_db);
  return mk_gui_test_run (app);
}
