/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-findings.c — the findings list stays as narrow as a phone
 * however many managers it names.
 *
 * A team of hundreds where one manager stands out: the line under the
 * findings names the first 20 quiet managers and says how many there are.
 * It must wrap: a line that cannot be broken made the Analysis page — and
 * with it the window — thousands of pixels wide, even while hidden.
 *
 * A team where fifteen stand out: the groups are built one a frame, ten
 * first, then the rest on "Show 5 More Managers"; a new analysis takes the
 * old groups' places without leaving any behind.
 */
#include "config.h"

#include <string.h>

#include "gui-test-utils.h"
#include "mk-findings-view.h"

#define N_QUIET 500

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

/* @n_quiet managers with the same week, and @n_out who spend most of
 * it on admin, over its bound. */
static MkAnalysis *
some_stand_out (guint n_quiet,
                guint n_out)
{
  g_autoptr(MkAnalysisInput) input = mk_analysis_input_new ("2026-03-02", "2026-03-06");
  MkSettings settings;
  guint calls = mk_analysis_input_add_category (input, "calls", "Calls", NULL,
                                                MK_CATEGORY_KIND_SELLING, 0.35, -1);
  guint admin = mk_analysis_input_add_category (input, "admin", "Admin", NULL,
                                                MK_CATEGORY_KIND_NON_SELLING, -1, 0.2);
  static const char *days[] = { "2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05",
                                "2026-03-06" };

  for (guint p = 0; p < n_quiet + n_out; p++)
    {
      g_autofree char *name = g_strdup_printf ("Manager %04u", p);
      guint person = mk_analysis_input_add_person (input, name, NULL, MK_LEVEL_NONE);
      gboolean outlier = p >= n_quiet;

      for (guint d = 0; d < G_N_ELEMENTS (days); d++)
        {
          mk_analysis_input_add_day (input, person, days[d], calls, outlier ? 100 : 400, 10,
                                     0, 0);
          mk_analysis_input_add_day (input, person, days[d], admin, outlier ? 380 : 80, 2,
                                     0, 0);
        }
    }
  test_settings (&settings);
  return mk_analysis_new (input, &settings, MK_PEER_MODE_TEAM);
}

/* The managers' groups in the view (the team's left out). */
static guint
count_groups (GtkWidget *view)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (view); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (ADW_IS_PREFERENCES_GROUP (child)
        && g_strcmp0 (gtk_widget_get_name (child), "team_findings") != 0)
      n++;
  return n;
}

static guint
count_occurrences (const char *text,
                   const char *word)
{
  guint n = 0;

  for (const char *p = strstr (text, word); p != NULL; p = strstr (p + 1, word))
    n++;
  return n;
}

static void
test_many_quiet_stays_narrow (void)
{
  /* N_QUIET managers with the same week, and one over the admin bound. */
  g_autoptr(MkAnalysis) analysis = some_stand_out (N_QUIET, 1);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = mk_findings_view_new ();
  g_autofree char *count = g_strdup_printf ("%u", N_QUIET);
  GtkLabel *quiet;
  const char *text;
  int min_width = 0;

  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 640);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (mk_gui_test_wait_mapped (window));
  mk_findings_view_set_analysis (MK_FINDINGS_VIEW (view), analysis);
  /* The groups are built one per frame. */
  mk_gui_test_wait_for (mk_findings_view_get_complete (MK_FINDINGS_VIEW (view)));
  g_assert_cmpuint (mk_findings_view_get_n_groups (MK_FINDINGS_VIEW (view)), ==, 1);

  gtk_widget_measure (view, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  g_assert_cmpint (min_width, <=, 360);

  /* The line names the count and the first managers, wrapped. */
  quiet = NULL;
  for (GtkWidget *child = gtk_widget_get_first_child (view); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LABEL (child) && gtk_widget_get_visible (child))
      quiet = GTK_LABEL (child);
  g_assert_nonnull (quiet);
  if (quiet == NULL)
    return;
  text = gtk_label_get_text (quiet);
  g_assert_nonnull (strstr (text, count));
  g_assert_cmpuint (count_occurrences (text, "Manager "), ==, 20);
  g_assert_null (strstr (text, ", ,"));
  /* The rest are counted, not cut off. */
  g_assert_nonnull (strstr (text, g_strcmp0 (g_getenv ("MINUTKA_TEST_LANG"), "ru") == 0
                                  ? "и ещё 480." : "and 480 more."));
  g_assert_cmpuint (strlen (text), <, 600);

  mk_gui_test_screenshot (window, "findings-many-quiet-360.png");
  g_assert_cmpint (gtk_widget_get_width (window), <=, 360);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_groups_by_frame (void)
{
  g_autoptr(MkAnalysis) first = some_stand_out (45, 15);
  g_autoptr(MkAnalysis) second = some_stand_out (50, 3);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *view = mk_findings_view_new ();
  GtkWidget *more = NULL;

  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_window_set_child (GTK_WINDOW (window), scroller);
  gtk_window_set_default_size (GTK_WINDOW (window), 600, 800);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (mk_gui_test_wait_mapped (window));

  mk_findings_view_set_analysis (MK_FINDINGS_VIEW (view), first);
  /* Not all at once: the first group waits for the next frame. */
  g_assert_false (mk_findings_view_get_complete (MK_FINDINGS_VIEW (view)));
  g_assert_cmpuint (count_groups (view), ==, 0);
  mk_gui_test_wait_for (mk_findings_view_get_complete (MK_FINDINGS_VIEW (view)));
  g_assert_cmpuint (mk_findings_view_get_n_groups (MK_FINDINGS_VIEW (view)), ==, 10);
  g_assert_cmpuint (count_groups (view), ==, 10);

  for (GtkWidget *child = gtk_widget_get_first_child (view); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_BUTTON (child))
      more = child;
  g_assert_nonnull (more);
  g_assert_true (gtk_widget_get_visible (more));
  g_assert_nonnull (strstr (gtk_button_get_label (GTK_BUTTON (more)), "5"));
  g_signal_emit_by_name (more, "clicked");
  g_assert_false (gtk_widget_get_visible (more));
  mk_gui_test_wait_for (mk_findings_view_get_complete (MK_FINDINGS_VIEW (view)));
  g_assert_cmpuint (mk_findings_view_get_n_groups (MK_FINDINGS_VIEW (view)), ==, 15);
  g_assert_cmpuint (count_groups (view), ==, 15);
  g_assert_false (gtk_widget_get_visible (more));

  /* A new analysis: its three groups in the old ones' places, none left. */
  mk_findings_view_set_analysis (MK_FINDINGS_VIEW (view), second);
  g_assert_cmpuint (count_groups (view), ==, 15);
  mk_gui_test_wait_for (mk_findings_view_get_complete (MK_FINDINGS_VIEW (view)));
  g_assert_cmpuint (mk_findings_view_get_n_groups (MK_FINDINGS_VIEW (view)), ==, 3);
  g_assert_cmpuint (count_groups (view), ==, 3);
  mk_gui_test_screenshot (window, "findings-groups-by-frame.png");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  mk_gui_test_init (&argc, &argv);

  g_test_add_func ("/gui/findings/many-quiet-stays-narrow", test_many_quiet_stays_narrow);
  g_test_add_func ("/gui/findings/groups-by-frame", test_groups_by_frame);
  return g_test_run ();
}
