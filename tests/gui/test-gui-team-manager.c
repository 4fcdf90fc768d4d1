/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-team-manager.c — a manager's window in a team, on a real
 * PostgreSQL server.
 *
 * Run by tests/team/with-postgres.sh, which starts a throw-away server, in
 * Xvfb.  The team: three managers (Anna Petrova, the window's login "anna";
 * Boris Orlov and Galina Sokolova, whose Minutkas the test runs itself on
 * local databases of their own) and a supervisor (Sofia Lebedeva, "sofia",
 * also synced by the test).  The window must:
 *  - log as Anna without asking "Who is logging?" (no person chooser, no
 *    pop-over), an entry typed in the quick entry reaching the supervisor
 *    with no click;
 *  - show "My Analysis": Anna's numbers against the team's medians (the
 *    ones the supervisor's analysis computes from everybody's entries) and
 *    no other person's name in any text of the page;
 *  - let Anna choose the period of My Analysis (the period control over
 *    her detail, without the peer group, export or print) and compute it
 *    again for the period chosen;
 *  - with the server stopped, say the entry waits, and send it once the
 *    server is back;
 *  - when the supervisor has given one of Anna's entries to Boris while
 *    she edited it, drop it from Today and Entries and say so in the
 *    banner until she closes it; say which entries of another person's
 *    her login may not send, once, and again when they change.
 * English and Russian ("-ru" run), with screenshots.
 */
#include "config.h"

#include <string.h>

#include "mk-analysis-format.h"
#include "mk-analysis-page.h"
#include "mk-entries-page.h"
#include "mk-person-chooser.h"
#include "mk-store.h"
#include "mk-team.h"
#include "mk-today-page.h"
#include "mk-window.h"
#include "gui-test-utils.h"
#include "team-test-utils.h"

#define TEAM_DB "guimanager"

static char *window_db;
static char *boris_db;
static char *galina_db;
static char *supervisor_db;
static char *days[3];   /* the day before yesterday, yesterday, today */

static gboolean
russian (void)
{
  return g_strcmp0 (g_getenv ("MINUTKA_TEST_LANG"), "ru") == 0;
}

static void
shoot (GtkWidget  *window,
       const char *name)
{
  g_autofree char *file = g_strdup_printf ("team-manager-%s%s.png", name,
                                           russian () ? "-ru" : "");

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
add_person (const char *name,
            const char *login,
            gboolean    supervisor)
{
  g_autofree char *owner = pg_conninfo (TEAM_OWNER, TEAM_DB);
  g_autoptr(GError) error = NULL;
  g_autofree char *password = NULL;

  g_assert_true (mk_team_add_person (owner, name, NULL, login, supervisor, &password, &error));
  g_assert_no_error (error);
  pg_remember_password (login, password);
}

/* An entry in @path's database, as that person's Minutka logs it. */
static void
log_entry (const char *path,
           const char *name,
           const char *day,
           const char *category,
           int         minutes,
           const char *task)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MkStore) store = mk_store_open (path, &error);
  g_autoptr(MkPerson) person = NULL;
  MkEntryInput input = { 0 };

  g_assert_no_error (error);
  person = mk_store_ensure_person (store, name, NULL, &error);
  g_assert_no_error (error);
  input.person_id = mk_person_get_id (person);
  input.day = day;
  input.start = -1;
  input.minutes = minutes;
  input.category_id = mk_category_get_id (mk_store_get_category_by_key (store, category));
  input.task = task;
  input.source = MK_ENTRY_SOURCE_MANUAL;
  g_assert_cmpint (mk_store_add_entry (store, &input, &error), >, 0);
  g_assert_no_error (error);
}

/* Syncs @path as its Minutka would: how many entries it received. */
static guint64
sync_db (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MkStore) store = mk_store_open (path, &error);
  MkTeamSyncResult result = { 0 };
  guint64 received;

  g_assert_no_error (error);
  g_assert_true (mk_team_sync (store, NULL, &result, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  received = result.received;
  mk_team_sync_result_clear (&result);
  return received;
}

static void
set_up_team (void)
{
  g_autofree char *owner = pg_conninfo (TEAM_OWNER, TEAM_DB);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  for (int i = 0; i < 3; i++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (now, i - 2);

      days[i] = g_date_time_format (day, "%Y-%m-%d");
    }

  pg_create_team_db (TEAM_DB);
  g_assert_true (mk_team_setup (owner, NULL, &error));
  g_assert_no_error (error);
  add_person ("Anna Petrova", "anna", FALSE);
  add_person ("Boris Orlov", "boris", FALSE);
  add_person ("Galina Sokolova", "galina", FALSE);
  add_person ("Sofia Lebedeva", "sofia", TRUE);
  join (window_db, "anna");
  join (boris_db, "boris");
  join (galina_db, "galina");
  join (supervisor_db, "sofia");

  /* Boris sells, Galina does paperwork, Anna (two days logged before the
   * window opens, the third typed in it) is in between. */
  for (int i = 0; i < 3; i++)
    {
      log_entry (boris_db, "Boris Orlov", days[i], "calls", 300, "Calls to Orlov's clients");
      log_entry (boris_db, "Boris Orlov", days[i], "admin", 60, "CRM entry");
      log_entry (galina_db, "Galina Sokolova", days[i], "calls", 120, "Calls");
      log_entry (galina_db, "Galina Sokolova", days[i], "admin", 240, "Sokolova's reports");
    }
  for (int i = 0; i < 2; i++)
    {
      log_entry (window_db, "Anna Petrova", days[i], "calls", 250, "Calls");
      log_entry (window_db, "Anna Petrova", days[i], "admin", 170, "CRM entry");
    }
  sync_db (boris_db);
  sync_db (galina_db);
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

static guint
n_shown (MkTodayPage *page)
{
  GListModel *entries = mk_today_page_get_entries (page);

  return entries ? g_list_model_get_n_items (entries) : 0;
}

static void
type_line (MkTodayPage *page,
           const char  *line)
{
  GtkWidget *entry = mk_gui_test_child (page, "quick_entry");

  gtk_widget_grab_focus (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), line);
  mk_gui_test_wait_frames (GTK_WIDGET (page), 1);
  g_signal_emit_by_name (entry, "activate");
  mk_gui_test_wait_frames (GTK_WIDGET (page), 2);
}

/* Whether any popover in @widget's tree is shown. */
static gboolean
popover_shown (GtkWidget *widget)
{
  if (GTK_IS_POPOVER (widget) && gtk_widget_get_visible (widget))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (popover_shown (child))
      return TRUE;
  return FALSE;
}

/* Whether the Entries page offers a person to choose and a Person column. */
static gboolean
entries_show_person (MkEntriesPage *page)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (mk_gui_test_child (page, "column_view"));
  GListModel *columns = gtk_column_view_get_columns (view);
  gboolean column_shown = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) c = g_list_model_get_item (columns, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (c), "mk-column-id"), "person") == 0)
        column_shown = gtk_column_view_column_get_visible (c);
    }
  g_assert_true (column_shown == gtk_widget_get_visible (mk_gui_test_child (page,
                                                                           "person_dropdown")));
  return column_shown;
}

static void
test_today_logs_as_the_login (void)
{
  MkWindow *window = mk_gui_test_get_window ();
  MkTeamIndicator *indicator = mk_window_get_team_indicator (window);
  MkTeamController *team;
  MkTodayPage *page;
  GtkWidget *chooser;
  guint before;
  gint64 sent;

  g_assert_true (mk_gui_test_wait_mapped (GTK_WIDGET (window)));
  mk_gui_test_resize (GTK_WINDOW (window), 800, 600);
  team = mk_window_get_team_controller (window);
  g_assert_nonnull (team);
  /* The first sync sends the two days logged before the window opened. */
  mk_gui_test_wait_for (mk_team_controller_get_n_syncs (team) >= 1 &&
                        settled (team, indicator, MK_TEAM_STATE_IN_SYNC, 0));
  g_assert_cmpuint (sync_db (supervisor_db), ==, 16);

  page = MK_TODAY_PAGE (mk_gui_test_show_page (GTK_WIDGET (window), "today",
                                               MK_TYPE_TODAY_PAGE));
  mk_gui_test_wait_frames (GTK_WIDGET (page), 2);
  /* The person is the login's; nobody is asked. */
  g_assert_nonnull (mk_today_page_get_person (page));
  g_assert_cmpstr (mk_person_get_name (mk_today_page_get_person (page)), ==, "Anna Petrova");
  chooser = mk_gui_test_find_by_type (GTK_WIDGET (page), MK_TYPE_PERSON_CHOOSER);
  g_assert_nonnull (chooser);
  g_assert_false (gtk_widget_get_visible (chooser));
  g_assert_false (gtk_widget_get_mapped (chooser));
  g_assert_false (popover_shown (GTK_WIDGET (window)));

  /* A line typed goes in as Anna's, and to the team by itself. */
  before = mk_team_controller_get_n_syncs (team);
  type_line (page, "45 call Acme about the renewal");
  g_assert_cmpuint (n_shown (page), ==, 1);
  g_assert_false (popover_shown (GTK_WIDGET (window)));
  mk_gui_test_wait_for (mk_team_controller_get_n_syncs (team) > before &&
                        settled (team, indicator, MK_TEAM_STATE_IN_SYNC, 0));
  sent = g_get_monotonic_time ();
  g_assert_cmpuint (sync_db (supervisor_db), ==, 1);
  g_test_message ("the typed entry was on the supervisor's desktop %.0f ms after the "
                  "manager's sync ended", (g_get_monotonic_time () - sent) / 1000.0);
  shoot (GTK_WIDGET (window), "today");
}

/* With the server stopped the entry waits, and the header says so; it
 * goes once the server is back. */
static void
test_offline_then_back (void)
{
  MkWindow *window = mk_gui_test_get_window ();
  MkTeamIndicator *indicator = mk_window_get_team_indicator (window);
  MkTeamController *team = mk_window_get_team_controller (window);
  MkTodayPage *page = MK_TODAY_PAGE (mk_gui_test_show_page (GTK_WIDGET (window), "today",
                                                            MK_TYPE_TODAY_PAGE));

  pg_server (FALSE);
  type_line (page, "20 call Initech while the server is down");
  g_assert_cmpuint (n_shown (page), ==, 2);
  mk_gui_test_wait_for (settled (team, indicator, MK_TEAM_STATE_OFFLINE, 1));
  g_assert_false (mk_team_banner_is_shown (mk_window_get_team_banner (window)));
  shoot (GTK_WIDGET (window), "offline");

  pg_server (TRUE);
  /* The minute's timer, run at once. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.team-sync", NULL);
  mk_gui_test_wait_for (settled (team, indicator, MK_TEAM_STATE_IN_SYNC, 0));
  g_assert_cmpuint (sync_db (supervisor_db), ==, 1);
  shoot (GTK_WIDGET (window), "back-in-sync");
}

/* Other people's names, as the test wrote them and as a Russian might. */
static const char *const others[] = { "Boris", "Orlov", "Galina", "Sokolova", "Sofia",
                                      "Lebedeva", "Member", "Участник" };

/* Every text of @widget's tree: labels, editable texts, tooltips. */
static void
collect_texts (GtkWidget *widget,
               GString   *out)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  if (mk_gui_test_text_of (widget) != NULL)
    g_string_append_printf (out, "%s\n", mk_gui_test_text_of (widget));
  if (GTK_IS_EDITABLE (widget))
    g_string_append_printf (out, "%s\n", gtk_editable_get_text (GTK_EDITABLE (widget)));
  if (GTK_IS_BUTTON (widget) && gtk_button_get_label (GTK_BUTTON (widget)) != NULL)
    g_string_append_printf (out, "%s\n", gtk_button_get_label (GTK_BUTTON (widget)));
  if (tooltip != NULL)
    g_string_append_printf (out, "%s\n", tooltip);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_texts (child, out);
}

static MkAnalysisPage *analysis_page;

static gboolean
my_analysis_ready (void)
{
  MkAnalysis *analysis = mk_analysis_page_get_analysis (analysis_page);

  return analysis != NULL && !mk_analysis_page_get_busy (analysis_page) &&
         g_strcmp0 (mk_analysis_page_get_shown_manager (analysis_page), "Anna Petrova") == 0;
}

/* The kinds and categories of @manager's findings, in order. */
static char *
findings_of (MkManagerResult *manager)
{
  GListModel *findings = mk_manager_result_get_findings (manager);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(MkFinding) f = g_list_model_get_item (findings, i);

      g_string_append_printf (out, "%s:%s;", mk_finding_kind_to_string (mk_finding_get_kind (f)),
                              mk_finding_get_category_key (f) ? mk_finding_get_category_key (f)
                                                              : "-");
    }
  return g_string_free (out, FALSE);
}

/* The team's medians in @analysis (My Analysis) are the supervisor's,
 * computed from everybody's entries for the same days; and so are the
 * findings about Anna.  Returns Anna's result. */
static MkManagerResult *
check_against_supervisor (MkAnalysis *analysis)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MkStore) supervisor = NULL;
  g_autoptr(MkAnalysis) supervisor_view = NULL;
  g_autofree char *mine_found = NULL;
  g_autofree char *supervisor_found = NULL;
  MkManagerResult *me;
  MkManagerResult *anna;

  g_assert_cmpuint (g_list_model_get_n_items (mk_analysis_get_managers (analysis)), ==, 3);
  me = mk_analysis_find_manager (analysis, "Anna Petrova");
  g_assert_nonnull (me);
  supervisor = mk_store_open (supervisor_db, &error);
  g_assert_no_error (error);
  supervisor_view = mk_analysis_new_for_store (supervisor, mk_analysis_get_from (analysis),
                                               mk_analysis_get_to (analysis),
                                               MK_PEER_MODE_TEAM, &error);
  g_assert_no_error (error);
  anna = mk_analysis_find_manager (supervisor_view, "Anna Petrova");
  g_assert_nonnull (anna);
  g_assert_cmpint (mk_manager_result_get_minutes (me), ==, mk_manager_result_get_minutes (anna));
  for (guint c = 0; c < mk_analysis_get_n_categories (analysis); c++)
    {
      int s = mk_analysis_find_category (supervisor_view,
                                         mk_analysis_get_category_key (analysis, c));

      g_assert_cmpint (s, >=, 0);
      g_assert_cmpfloat_with_epsilon (mk_analysis_get_team_median (analysis, c),
                                      mk_analysis_get_team_median (supervisor_view, s), 1e-9);
    }
  mine_found = findings_of (me);
  supervisor_found = findings_of (anna);
  g_assert_cmpstr (mine_found, ==, supervisor_found);
  return me;
}

/* Whether @action of the page is enabled, as a menu item or a shortcut
 * bound to it sees it: a button for it put in the page takes its state. */
static gboolean
page_action_enabled (const char *action,
                     GVariant   *target)
{
  GtkBox *box = GTK_BOX (mk_gui_test_child (analysis_page, "detail_box"));
  GtkWidget *probe = gtk_button_new ();
  gboolean enabled;

  gtk_actionable_set_action_name (GTK_ACTIONABLE (probe), action);
  if (target != NULL)
    gtk_actionable_set_action_target_value (GTK_ACTIONABLE (probe), target);
  gtk_box_append (box, probe);
  mk_gui_test_settle ();
  enabled = gtk_widget_get_sensitive (probe);
  gtk_box_remove (box, probe);
  return enabled;
}

static void
test_my_analysis (void)
{
  MkWindow *window = mk_gui_test_get_window ();
  g_autoptr(GString) texts = g_string_new (NULL);
  g_autofree char *mine_found = NULL;
  AdwViewStack *stack;
  GtkWidget *today;
  MkAnalysis *analysis;
  MkManagerResult *me;
  gboolean median_shown = FALSE;

  today = mk_gui_test_show_page (GTK_WIDGET (window), "today", MK_TYPE_TODAY_PAGE);
  analysis_page = MK_ANALYSIS_PAGE (mk_gui_test_find_by_type (GTK_WIDGET (window),
                                                              MK_TYPE_ANALYSIS_PAGE));
  stack = ADW_VIEW_STACK (gtk_widget_get_ancestor (GTK_WIDGET (analysis_page),
                                                   ADW_TYPE_VIEW_STACK));
  /* Today's "My Analysis" opens it. */
  g_assert_true (gtk_widget_activate_action (today, "today.my-analysis", NULL));
  mk_gui_test_wait_for (g_strcmp0 (adw_view_stack_get_visible_child_name (stack),
                                   "analysis") == 0);
  mk_gui_test_wait_for (my_analysis_ready ());
  g_assert_cmpstr (adw_view_stack_page_get_title (
                     adw_view_stack_get_page (stack, GTK_WIDGET (analysis_page))), ==,
                   russian () ? "Мой анализ" : "My Analysis");

  /* Anna against the two other members, anonymous; the team's medians
   * and the findings about her are the supervisor's. */
  analysis = mk_analysis_page_get_analysis (analysis_page);
  me = check_against_supervisor (analysis);
  g_assert_cmpint (mk_manager_result_get_minutes (me), ==, 2 * 420 + 45 + 20);
  mine_found = findings_of (me);
  g_assert_cmpstr (mine_found, !=, "");

  /* What the page says: Anna, the team's median, nobody else. */
  collect_texts (GTK_WIDGET (analysis_page), texts);
  g_assert_nonnull (strstr (texts->str, "Anna Petrova"));
  for (guint c = 0; c < mk_analysis_get_n_categories (analysis); c++)
    if (mk_manager_result_get_category_minutes (me, c) > 0)
      {
        g_autofree char *median = mk_format_median (me, mk_analysis_get_team_median (analysis, c));

        median_shown = median_shown || strstr (texts->str, median) != NULL;
      }
  g_assert_true (median_shown);
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    if (strstr (texts->str, others[i]) != NULL)
      g_error ("“%s” is on My Analysis:\n%s", others[i], texts->str);
  shoot (GTK_WIDGET (window), "my-analysis");
  mk_gui_test_resize (GTK_WINDOW (window), 360, 640);
  shoot (GTK_WIDGET (window), "my-analysis-narrow");
  mk_gui_test_resize (GTK_WINDOW (window), 800, 600);
}

/* My Analysis's period: the same choice as the supervisor's, over Anna's
 * detail; nothing of the team's (peer group, export, print). */
static void
test_my_analysis_period (void)
{
  MkWindow *window = mk_gui_test_get_window ();
  GtkWidget *dropdown = mk_gui_test_child (analysis_page, "period_dropdown");
  MkAnalysis *before = mk_analysis_page_get_analysis (analysis_page);
  MkAnalysis *analysis;
  MkManagerResult *me;

  g_assert_nonnull (before);
  g_assert_true (gtk_widget_get_mapped (dropdown));
  g_assert_true (gtk_widget_is_ancestor (dropdown, mk_gui_test_child (analysis_page,
                                                                      "detail_box")));
  g_assert_false (gtk_widget_get_mapped (mk_gui_test_child (analysis_page, "team_button")));
  g_assert_false (gtk_widget_get_mapped (mk_gui_test_child (analysis_page, "level_button")));
  g_assert_false (gtk_widget_get_mapped (mk_gui_test_child (analysis_page, "export_button")));
  /* A report would carry the other members: not even by a shortcut. */
  g_assert_false (page_action_enabled ("analysis.export", g_variant_new_string ("pdf")));
  g_assert_false (page_action_enabled ("analysis.export", g_variant_new_string ("csv")));
  g_assert_false (page_action_enabled ("analysis.print", NULL));
  g_assert_false (page_action_enabled ("analysis.open-manager", g_variant_new_string ("x")));
  g_assert_true (page_action_enabled ("analysis.show-entries", NULL));

  /* Today only, as Anna picks it: the period list, then the days. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), MK_ANALYSIS_PERIOD_CUSTOM);
  mk_gui_test_wait_for (my_analysis_ready () &&
                        mk_analysis_page_get_analysis (analysis_page) != before);
  g_assert_true (gtk_widget_get_mapped (mk_gui_test_child (analysis_page, "range_child")));
  before = mk_analysis_page_get_analysis (analysis_page);
  mk_analysis_page_set_period (analysis_page, MK_ANALYSIS_PERIOD_CUSTOM, days[2], days[2]);
  mk_gui_test_wait_for (my_analysis_ready () &&
                        mk_analysis_page_get_analysis (analysis_page) != before);
  analysis = mk_analysis_page_get_analysis (analysis_page);
  g_assert_cmpstr (mk_analysis_get_from (analysis), ==, days[2]);
  g_assert_cmpstr (mk_analysis_get_to (analysis), ==, days[2]);
  me = check_against_supervisor (analysis);
  g_assert_cmpint (mk_manager_result_get_minutes (me), ==, 45 + 20);
  g_assert_true (gtk_widget_get_mapped (dropdown));
  shoot (GTK_WIDGET (window), "my-analysis-today");
  mk_gui_test_resize (GTK_WINDOW (window), 360, 640);
  g_assert_true (gtk_widget_get_mapped (dropdown));
  shoot (GTK_WIDGET (window), "my-analysis-today-narrow");
  mk_gui_test_resize (GTK_WINDOW (window), 800, 600);

  /* Back to the last three logged days: all of them again. */
  before = analysis;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), MK_ANALYSIS_PERIOD_LAST_DAYS);
  mk_gui_test_wait_for (my_analysis_ready () &&
                        mk_analysis_page_get_analysis (analysis_page) != before);
  g_assert_false (gtk_widget_get_mapped (mk_gui_test_child (analysis_page, "range_child")));
  me = check_against_supervisor (mk_analysis_page_get_analysis (analysis_page));
  g_assert_cmpint (mk_manager_result_get_minutes (me), ==, 2 * 420 + 45 + 20);
}

/* Whether @model (of MkEntry) holds an entry whose task has @word. */
static gboolean
has_task (GListModel *model,
          const char *word)
{
  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(MkEntry) entry = g_list_model_get_item (model, i);

      if (strstr (mk_entry_get_task (entry), word) != NULL)
        return TRUE;
    }
  return FALSE;
}

static gint64
entry_with_task (GListModel *model,
                 const char *word)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(MkEntry) entry = g_list_model_get_item (model, i);

      if (strstr (mk_entry_get_task (entry), word) != NULL)
        return mk_entry_get_id (entry);
    }
  return 0;
}

/* A sync of the window that started after @before ended well. */
static gboolean
synced_after (MkTeamController *team,
              MkTeamIndicator  *indicator,
              guint             before)
{
  return mk_team_controller_get_n_syncs (team) > before &&
         !mk_team_controller_is_syncing (team) &&
         mk_team_indicator_get_state (indicator) == MK_TEAM_STATE_IN_SYNC;
}

static void
sync_window (MkWindow *window)
{
  MkTeamController *team = mk_window_get_team_controller (window);
  guint before;

  mk_gui_test_wait_for (!mk_team_controller_is_syncing (team));
  before = mk_team_controller_get_n_syncs (team);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.team-sync", NULL);
  mk_gui_test_wait_for (synced_after (team, mk_window_get_team_indicator (window), before));
}

static void
close_banner (MkTeamBanner *banner)
{
  g_signal_emit_by_name (mk_gui_test_child (banner, "team_banner_close"), "clicked");
  mk_gui_test_wait_for (!mk_team_banner_is_shown (banner));
}

/* The supervisor gives Boris the Initech call while Anna, not knowing,
 * makes it 25 minutes: her change is not sent, the entry leaves her
 * window, and the banner tells her, until she closes it. */
static void
test_entry_taken (void)
{
  MkWindow *window = mk_gui_test_get_window ();
  MkTeamIndicator *indicator = mk_window_get_team_indicator (window);
  MkTeamController *team = mk_window_get_team_controller (window);
  MkTeamBanner *banner = mk_window_get_team_banner (window);
  MkStore *store = mk_window_get_store (window);
  MkTodayPage *page;
  MkEntriesPage *entries;
  g_autoptr(GError) error = NULL;
  g_autoptr(MkEntry) entry = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *minutes = NULL;
  MkEntryInput input;
  const char *message;
  gint64 id;
  guint before;

  page = MK_TODAY_PAGE (mk_gui_test_show_page (GTK_WIDGET (window), "today",
                                               MK_TYPE_TODAY_PAGE));
  mk_gui_test_wait_for (settled (team, indicator, MK_TEAM_STATE_IN_SYNC, 0));
  g_assert_false (mk_team_banner_is_shown (banner));
  g_assert_cmpuint (n_shown (page), ==, 2);
  id = entry_with_task (mk_today_page_get_entries (page), "Initech");
  g_assert_cmpint (id, !=, 0);

  /* Both before the window's loop runs again: the server's notice of the
   * supervisor's change cannot start a sync before Anna's edit is in. */
  before = mk_team_controller_get_n_syncs (team);
  moved = pg_value (TEAM_OWNER, TEAM_DB,
                    "UPDATE minutka.entry SET person = (SELECT uuid FROM minutka.person "
                    "WHERE name = 'Boris Orlov') WHERE task LIKE '%Initech%'");
  g_assert_cmpstr (moved, ==, "1");
  entry = mk_store_get_entry (store, id, &error);
  g_assert_no_error (error);
  mk_entry_to_input (entry, &input);
  input.minutes = 25;
  g_assert_true (mk_store_update_entry (store, id, &input, &error));
  g_assert_no_error (error);

  mk_gui_test_wait_for (synced_after (team, indicator, before) &&
                        mk_team_banner_is_shown (banner) &&
                        !has_task (mk_today_page_get_entries (page), "Initech"));
  g_assert_cmpuint (n_shown (page), ==, 1);
  message = mk_team_banner_get_message (banner);
  g_test_message ("banner: %s", message);
  g_assert_nonnull (strstr (message, russian ()
                            ? "1 запись, которую вы изменили, не отправлена"
                            : "1 entry you changed was not sent"));
  g_assert_nonnull (strstr (message, russian () ? "руководитель" : "supervisor"));
  /* Nothing left to send, and the server keeps the supervisor's version. */
  g_assert_cmpuint (mk_team_indicator_get_waiting (indicator), ==, 0);
  minutes = pg_value (TEAM_OWNER, TEAM_DB,
                      "SELECT minutes FROM minutka.entry WHERE task LIKE '%Initech%'");
  g_assert_cmpstr (minutes, ==, "20");
  shoot (GTK_WIDGET (window), "taken");

  entries = MK_ENTRIES_PAGE (mk_gui_test_show_page (GTK_WIDGET (window), "entries",
                                                    MK_TYPE_ENTRIES_PAGE));
  mk_gui_test_wait_for (has_task (G_LIST_MODEL (mk_entries_page_get_entries (entries)),
                                  "Acme"));
  g_assert_false (has_task (G_LIST_MODEL (mk_entries_page_get_entries (entries)), "Initech"));
  /* Only her own entries here: no "Everyone" to choose, no Person column
   * saying her name on every row. */
  g_assert_false (entries_show_person (entries));
  shoot (GTK_WIDGET (window), "taken-entries");

  /* A sync with nothing to say does not take the message away unread. */
  sync_window (window);
  g_assert_true (mk_team_banner_is_shown (banner));
  g_assert_cmpstr (mk_team_banner_get_message (banner), ==, message);
  close_banner (banner);
  sync_window (window);
  g_assert_false (mk_team_banner_is_shown (banner));
  mk_gui_test_show_page (GTK_WIDGET (window), "today", MK_TYPE_TODAY_PAGE);
}

/* An entry logged here for Boris: Anna's login may not send it.  The
 * banner says so once, not at every sync after she closed it, and again
 * when there are more. */
static void
test_entries_refused (void)
{
  MkWindow *window = mk_gui_test_get_window ();
  MkTeamIndicator *indicator = mk_window_get_team_indicator (window);
  MkTeamController *team = mk_window_get_team_controller (window);
  MkTeamBanner *banner = mk_window_get_team_banner (window);
  guint before;

  g_assert_false (mk_team_banner_is_shown (banner));
  before = mk_team_controller_get_n_syncs (team);
  log_entry (window_db, "Boris Orlov", days[2], "calls", 15, "Call for Boris");
  /* Another connection's commit: the window's own check finds it. */
  mk_gui_test_wait_for (synced_after (team, indicator, before) &&
                        mk_team_banner_is_shown (banner));
  g_test_message ("banner: %s", mk_team_banner_get_message (banner));
  g_assert_nonnull (strstr (mk_team_banner_get_message (banner), "Boris Orlov (1)"));
  g_assert_nonnull (strstr (mk_team_banner_get_message (banner), russian ()
                            ? "1 запись здесь принадлежит не вам"
                            : "1 entry here belongs to someone else"));
  /* It is kept here, not waiting: no sync of hers can send it, so the
   * header does not count it (the banner says why it stays). */
  g_assert_cmpuint (mk_team_indicator_get_waiting (indicator), ==, 0);
  g_assert_cmpint (mk_team_indicator_get_state (indicator), ==, MK_TEAM_STATE_IN_SYNC);
  shoot (GTK_WIDGET (window), "refused");
  /* Boris's entry is here too: whose is which is worth a column again. */
  {
    MkEntriesPage *entries = MK_ENTRIES_PAGE (mk_gui_test_show_page (GTK_WIDGET (window),
                                                                     "entries",
                                                                     MK_TYPE_ENTRIES_PAGE));

    g_assert_true (entries_show_person (entries));
    shoot (GTK_WIDGET (window), "refused-entries");
    mk_gui_test_show_page (GTK_WIDGET (window), "today", MK_TYPE_TODAY_PAGE);
  }

  close_banner (banner);
  sync_window (window);
  g_assert_false (mk_team_banner_is_shown (banner));

  before = mk_team_controller_get_n_syncs (team);
  log_entry (window_db, "Boris Orlov", days[2], "admin", 10, "Notes for Boris");
  mk_gui_test_wait_for (synced_after (team, indicator, before) &&
                        mk_team_banner_is_shown (banner));
  g_assert_nonnull (strstr (mk_team_banner_get_message (banner), "Boris Orlov (2)"));
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
  boris_db = g_build_filename (mk_gui_test_tmpdir (), "boris.db", NULL);
  galina_db = g_build_filename (mk_gui_test_tmpdir (), "galina.db", NULL);
  supervisor_db = g_build_filename (mk_gui_test_tmpdir (), "sofia.db", NULL);
  set_up_team ();

  g_test_add_func ("/gui/team/manager/today-logs-as-the-login", test_today_logs_as_the_login);
  g_test_add_func ("/gui/team/manager/offline-then-back", test_offline_then_back);
  g_test_add_func ("/gui/team/manager/my-analysis", test_my_analysis);
  g_test_add_func ("/gui/team/manager/my-analysis-period", test_my_analysis_period);
  g_test_add_func ("/gui/team/manager/entry-taken", test_entry_taken);
  g_test_add_func ("/gui/team/manager/entries-refused", test_entries_refused);

  app = mk_gui_test_app_new (window_db);
  return mk_gui_test_run (app);
}
