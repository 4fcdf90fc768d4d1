/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-team-findings.c — a team that shares one wrong habit, as the Analysis
 * page shows it, 360 px wide.
 *
 * Six managers each spend two fifths of the day on admin against a 20%
 * target and sell a quarter of it; against the peers nobody stands out.
 * The findings list must open with what the whole team shares, "What the
 * Time Went On" must name the admin items ("CRM entry" for every client),
 * and a manager's detail must give both yardsticks, a scale above the bars
 * and the items under each category; a weak sample gets no time to win
 * back.  English and Russian ("-ru" run), with screenshots.
 */
#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "gui-test-utils.h"
#include "mk-analysis-format.h"
#include "mk-findings-view.h"
#include "mk-manager-detail.h"
#include "mk-task-fold.h"
#include "mk-top-tasks-view.h"

static gboolean
russian (void)
{
  return g_strcmp0 (g_getenv ("MINUTKA_TEST_LANG"), "ru") == 0;
}

static void
test_settings (MkSettings *s)
{
  memset (s, 0, sizeof *s);
  s->workday_minutes = 480;
  s->over_points = 10.0;
  s->over_deviations = 2.0;
  s->min_days = 2;
  s->min_coverage = 0.60;
  s->uncategorised_share = 0.10;
}

static void
add_task (MkAnalysisInput *input,
          guint            person,
          guint            category,
          const char      *text,
          int              minutes)
{
  g_autoptr(GString) key = g_string_new (NULL);
  g_autoptr(GString) label = g_string_new (NULL);

  mk_task_fold_into (text, -1, key, label);
  mk_analysis_input_add_task (input, person, category, key->str, label->str, minutes, 1);
}

/* Six managers alike and off every target; Zoe logged one day. */
static MkAnalysis *
uniform_team (void)
{
  g_autoptr(MkAnalysisInput) input = mk_analysis_input_new ("2026-03-02", "2026-03-04");
  static const char *names[] = { "Anna", "Boris", "Vera", "Gleb", "Dina", "Egor", "Zoe" };
  static const char *days[] = { "2026-03-02", "2026-03-03", "2026-03-04" };
  static const char *clients[] = { "Acme", "Initech", "Hooli" };
  MkSettings settings;
  guint calls = mk_analysis_input_add_category (input, "calls", "Calls", "#3584e4",
                                                MK_CATEGORY_KIND_SELLING, 0.35, -1);
  guint admin = mk_analysis_input_add_category (input, "admin", "Admin", "#e66100",
                                                MK_CATEGORY_KIND_NON_SELLING, -1, 0.20);
  guint meetings = mk_analysis_input_add_category (input, "meetings", "Meetings", "#9141ac",
                                                   MK_CATEGORY_KIND_SUPPORTING, -1, 0.15);

  for (guint p = 0; p < G_N_ELEMENTS (names); p++)
    {
      guint person = mk_analysis_input_add_person (input, names[p], NULL, MK_LEVEL_NONE);
      guint n_days = p == G_N_ELEMENTS (names) - 1 ? 1 : 3;

      for (guint d = 0; d < n_days; d++)
        {
          g_autofree char *crm = g_strdup_printf ("CRM entry for %s", clients[d]);

          mk_analysis_input_add_day (input, person, days[d], calls, 120 + (int) p, 8, 0, 0);
          mk_analysis_input_add_day (input, person, days[d], admin, 200 - (int) p, 6, 0, 0);
          mk_analysis_input_add_day (input, person, days[d], meetings, 140, 2, 0, 0);
          add_task (input, person, admin, crm, 120);
          add_task (input, person, admin, "Weekly report", 60 - (int) p);
          add_task (input, person, admin, "Invoice #4521", 20);
          add_task (input, person, calls, "Cold call Acme Corp", 120 + (int) p);
          add_task (input, person, meetings, "Планёрка отдела продаж", 140);
        }
      mk_analysis_input_add_length (input, person, calls, 15, 8 * n_days);
    }
  test_settings (&settings);
  return mk_analysis_new (input, &settings, MK_PEER_MODE_TEAM);
}

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Every label's text under @root, joined by newlines. */
static void
collect_text (GtkWidget *root,
              GString   *out)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_visible (root))
    {
      g_string_append (out, gtk_label_get_text (GTK_LABEL (root)));
      g_string_append_c (out, '\n');
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, out);
}

static GtkWidget *
narrow_window (GtkWidget *content)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), content);
  gtk_window_set_child (GTK_WINDOW (window), scroller);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 900);
  return window;
}

static void
test_team_findings_lead (void)
{
  g_autoptr(MkAnalysis) analysis = uniform_team ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *tasks = mk_top_tasks_view_new ();
  GtkWidget *findings = mk_findings_view_new ();
  GtkWidget *window = narrow_window (box);
  GtkWidget *team;
  g_autoptr(GString) text = g_string_new (NULL);
  int min_width = 0;

  g_assert_cmpuint (g_list_model_get_n_items (mk_analysis_get_team_findings (analysis)), >=, 2);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_box_append (GTK_BOX (box), tasks);
  gtk_box_append (GTK_BOX (box), findings);
  mk_top_tasks_view_set_analysis (MK_TOP_TASKS_VIEW (tasks), analysis);
  mk_findings_view_set_analysis (MK_FINDINGS_VIEW (findings), analysis);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (mk_gui_test_wait_mapped (window));
  /* The groups and the categories are built one per frame; measure them all. */
  mk_gui_test_wait_for (mk_findings_view_get_complete (MK_FINDINGS_VIEW (findings)) &&
                        mk_top_tasks_view_get_n_pending (MK_TOP_TASKS_VIEW (tasks)) == 0);

  /* The whole team first, in its own group, before any manager. */
  team = find_named (findings, "team_findings");
  g_assert_nonnull (team);
  g_assert_true (gtk_widget_get_first_child (findings) == team);
  collect_text (team, text);
  g_assert_nonnull (strstr (text->str, russian () ? "Вся команда: " : "The whole team: "));
  /* Admin (200 − p) of 460 a day: median 42.9%. */
  g_assert_nonnull (strstr (text->str, "43%"));
  g_assert_nonnull (strstr (text->str, "CRM entry"));

  /* What the time went on: the clients fold into "CRM entry". */
  g_assert_cmpuint (mk_top_tasks_view_get_n_rows (MK_TOP_TASKS_VIEW (tasks)), ==, 3);
  g_string_truncate (text, 0);
  collect_text (tasks, text);
  g_assert_nonnull (strstr (text->str, "CRM entry"));
  g_assert_null (strstr (text->str, "Acme"));
  g_assert_nonnull (strstr (text->str, russian () ? "времени команды" : "of the team’s time"));

  gtk_widget_measure (box, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  g_assert_cmpint (min_width, <=, 360 - 24);
  mk_gui_test_screenshot (window, russian () ? "team-findings-360-ru.png"
                                             : "team-findings-360.png");
  g_assert_cmpint (gtk_widget_get_width (window), <=, 360);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_detail_two_yardsticks (void)
{
  g_autoptr(MkAnalysis) analysis = uniform_team ();
  GtkWidget *detail = mk_manager_detail_new ();
  GtkWidget *window = gtk_window_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  GtkWidget *scale;

  gtk_window_set_child (GTK_WINDOW (window), detail);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 1100);
  mk_manager_detail_show (MK_MANAGER_DETAIL (detail), NULL, analysis, "Egor");

  collect_text (detail, text);
  /* Egor has the least admin: against the peers nothing; against the
   * targets (42.4% − 20%) × 460 of admin and (30.4% − 15%) × 460 of
   * meetings, 2 h 54 min a day. */
  g_assert_nonnull (strstr (text->str, russian () ? "По сравнению с коллегами: возвращать нечего"
                                                  : "Against the peers: nothing to win back"));
  g_assert_nonnull (strstr (text->str, russian () ? "По сравнению с целями: ≈ 2 ч 54 мин"
                                                  : "Against the targets: ≈ 2 h 54 min"));
  /* The items under the category, and a scale above the bars. */
  g_assert_nonnull (strstr (text->str, "CRM entry"));
  scale = find_named (detail, "scale");
  g_assert_nonnull (scale);

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (mk_gui_test_wait_mapped (window));
  mk_gui_test_wait_frames (window, 2);
  g_assert_cmpint (gtk_widget_get_width (scale), >, 100);
  mk_gui_test_screenshot (window, russian () ? "team-detail-360-ru.png" : "team-detail-360.png");
  g_assert_cmpint (gtk_widget_get_width (window), <=, 360);

  /* A weak sample: no time to win back at all. */
  mk_manager_detail_show (MK_MANAGER_DETAIL (detail), NULL, analysis, "Zoe");
  g_string_truncate (text, 0);
  collect_text (detail, text);
  g_assert_nonnull (strstr (text->str, russian () ? "не считается"
                                                  : "No time to win back is worked out"));
  g_assert_null (strstr (text->str, russian () ? "вернуть продажам" : "back to selling"));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  mk_gui_test_init (&argc, &argv);

  g_test_add_func ("/gui/team/findings-lead-at-360", test_team_findings_lead);
  g_test_add_func ("/gui/team/detail-two-yardsticks", test_detail_two_yardsticks);
  return g_test_run ();
}
