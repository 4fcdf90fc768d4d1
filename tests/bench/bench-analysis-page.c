/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-analysis-page.c — the Analysis page on a big database (DESIGN.md, "Budgets").
 *
 *   bench-analysis-page DB [RUNS]
 *
 * Runs the real application on DB (made by gen-db) under a display server
 * and prints, in milliseconds:
 *   cold-switch    the window is up (its first frame painted) and the user
 *                  switches to Analysis at once: switch → the page's first
 *                  painted frame (budget 500);
 *   cold-result    the same switch → the frame that shows the chart (the
 *                  worker may still be computing when the page first shows);
 *                  then the longest main-loop stall of that first show, to
 *                  the findings' last group (with BENCH_WARM set in the
 *                  environment the bench first waits for the analysis the
 *                  page computes a moment after the window opens, so the
 *                  switch shows a ready result);
 *   compute        one computation in the worker thread, start to result;
 *   switch         Today → Analysis with the analysis already computed,
 *                  switch → first painted frame, RUNS times;
 *   to-today       Analysis → Today, for comparison with another page;
 *   detail         opening the first manager's detail → painted frame;
 *   stall          the longest gap between two main-loop iterations while
 *                  the worker computes (the page never freezes);
 *   stall …        for each action — showing the page (from Today, with
 *                  its result computed), switching the period, the peer mode,
 *                  changing a target (all on the overview), opening a
 *                  manager, then a period and the peers with the manager's
 *                  detail open — the longest time
 *                  the main thread went without polling for input
 *                  (bench-stall.h; budget 50), until its result is shown.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "bench-stall.h"
#include "mk-analysis-page.h"
#include "mk-application.h"
#include "mk-findings-view.h"
#include "mk-team-chart.h"
#include "mk-version.h"
#include "mk-window.h"

static gint64 first_frame = -1;
static guint runs = 10;

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
print_stats (const char *name,
             double     *ms,
             guint       n)
{
  qsort (ms, n, sizeof *ms, compare_doubles);
  g_print ("%-12s median %7.2f ms   p95 %7.2f ms   max %7.2f ms   (%u runs)\n", name,
           ms[n / 2], ms[MIN (n - 1, n * 95 / 100)], ms[n - 1], n);
}

static void
after_paint_cb (GdkFrameClock *clock,
                gint64        *painted)
{
  if (*painted < 0)
    *painted = g_get_monotonic_time ();
}

/* Iterates until the window has painted one more frame; returns when. */
static gint64
wait_painted (GtkWidget *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  gint64 painted = -1;
  gulong id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);

  gtk_widget_queue_draw (window);
  while (painted < 0)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, id);
  return painted;
}

static GtkWidget *
find_type (GtkWidget *widget,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
switch_to (GtkWidget  *window,
           const char *page)
{
  g_action_group_activate_action (G_ACTION_GROUP (window), "page", g_variant_new_string (page));
}

/* Iterates until the page has a result, noting the longest iteration. */
static double
wait_result (MkAnalysisPage *page)
{
  gint64 last = g_get_monotonic_time ();
  gint64 worst = 0;

  while (mk_analysis_page_get_busy (page) || mk_analysis_page_get_analysis (page) == NULL)
    {
      gint64 now;

      g_main_context_iteration (NULL, FALSE);
      now = g_get_monotonic_time ();
      worst = MAX (worst, now - last);
      last = now;
      g_usleep (200);
    }
  return worst / 1000.0;
}

static void target_cb (MkAnalysisPage *page,
                       gpointer        data);

/* Runs @what, iterates until the page has its result and has painted, and
 * prints the longest main-loop stall meanwhile. */
static void
stall_of (const char     *name,
          GtkWidget      *window,
          MkAnalysisPage *page,
          void          (*what) (MkAnalysisPage *page, gpointer data),
          gpointer        data)
{
  MkFindingsView *findings = MK_FINDINGS_VIEW (find_type (GTK_WIDGET (page),
                                                         MK_TYPE_FINDINGS_VIEW));
  gint64 begin = g_get_monotonic_time ();
  MkAnalysis *before = mk_analysis_page_get_analysis (page);
  double result;

  bench_stall_reset ();
  what (page, data);
  /* A change in the store is computed after a short delay: wait for the
   * new result, not for the old one still shown. */
  if (what == target_cb)
    while (mk_analysis_page_get_analysis (page) == before &&
           g_get_monotonic_time () < begin + 10 * G_USEC_PER_SEC)
      g_main_context_iteration (NULL, TRUE);
  while (mk_analysis_page_get_busy (page) || mk_analysis_page_get_analysis (page) == NULL)
    g_main_context_iteration (NULL, TRUE);
  result = (g_get_monotonic_time () - begin) / 1000.0;
  /* The findings show one group per frame: until the last one. */
  while (!mk_findings_view_get_complete (findings)
         && gtk_widget_get_mapped (GTK_WIDGET (findings)))
    g_main_context_iteration (NULL, TRUE);
  wait_painted (window);
  wait_painted (window);
  g_print ("stall %-28s %8.1f ms  (cpu %7.1f ms)  result after %8.1f ms%s\n", name,
           bench_stall_worst (), bench_stall_worst_cpu (), result,
           bench_stall_worst_cpu () >= 50 ? "   OVER 50 ms" : "");
}

static void
period_cb (MkAnalysisPage *page,
           gpointer        data)
{
  mk_analysis_page_set_period (page, GPOINTER_TO_INT (data), NULL, NULL);
}

static void
peer_mode_cb (MkAnalysisPage *page,
              gpointer        data)
{
  mk_analysis_page_set_peer_mode (page, GPOINTER_TO_INT (data));
}

/* Today, painted, then back to Analysis with its result already there. */
static void
show_page_cb (MkAnalysisPage *page,
              gpointer        data)
{
  g_action_group_activate_action (G_ACTION_GROUP (data), "page", g_variant_new_string ("analysis"));
}

static void
manager_cb (MkAnalysisPage *page,
            gpointer        data)
{
  mk_analysis_page_show_manager (page, data);
}

/* A new upper bound of the admin target, as its editor in Preferences
 * saves it; the page recomputes. */
static void
target_cb (MkAnalysisPage *page,
           gpointer        data)
{
  MkStore *store = mk_window_get_store (MK_WINDOW (gtk_widget_get_root (GTK_WIDGET (page))));
  MkCategory *admin = mk_store_get_category_by_key (store, "admin");
  g_autoptr(GError) error = NULL;
  g_autofree char *name = admin ? g_strdup (mk_category_get_name (admin)) : NULL;
  g_autofree char *color = admin ? g_strdup (mk_category_get_color (admin)) : NULL;

  if (admin == NULL ||
      !mk_store_update_category (store, mk_category_get_id (admin), name,
                                 color, mk_category_get_kind (admin),
                                 mk_category_get_target_min (admin), *(double *) data,
                                 mk_category_get_sort_order (admin),
                                 mk_category_get_archived (admin), &error))
    g_printerr ("bench-analysis-page: the target was not changed: %s\n",
                error ? error->message : "no admin category");
}

static void
measure_stalls (GtkWidget      *window,
                MkAnalysisPage *page,
                MkTeamChart    *chart)
{
  double targets[] = { 0.15, 0.20 };
  g_autofree char *first = g_strdup (mk_team_chart_get_bar_name (chart, 0));
  g_autofree char *second = g_strdup (mk_team_chart_get_bar_name (chart, 1));

  /* The overview, as the page opens. */
  gtk_widget_activate_action (GTK_WIDGET (page), "analysis.back", NULL);
  for (guint i = 0; i < 2; i++)
    {
      switch_to (window, "today");
      wait_painted (window);
      stall_of ("show the page", window, page, show_page_cb, window);
    }
  stall_of ("period: last days", window, page, period_cb,
            GINT_TO_POINTER (MK_ANALYSIS_PERIOD_LAST_DAYS));
  stall_of ("period: this week", window, page, period_cb,
            GINT_TO_POINTER (MK_ANALYSIS_PERIOD_WEEK));
  stall_of ("period: the study", window, page, period_cb,
            GINT_TO_POINTER (MK_ANALYSIS_PERIOD_STUDY));
  stall_of ("peers: whole team", window, page, peer_mode_cb,
            GINT_TO_POINTER (MK_PEER_MODE_TEAM));
  stall_of ("peers: by level", window, page, peer_mode_cb,
            GINT_TO_POINTER (MK_PEER_MODE_LEVEL));
  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    stall_of ("change the admin target", window, page, target_cb, &targets[i]);
  stall_of ("open a manager", window, page, manager_cb, first);
  stall_of ("open another manager", window, page, manager_cb, second);
  stall_of ("period, a manager open", window, page, period_cb,
            GINT_TO_POINTER (MK_ANALYSIS_PERIOD_LAST_DAYS));
  stall_of ("peers, a manager open", window, page, peer_mode_cb,
            GINT_TO_POINTER (MK_PEER_MODE_TEAM));
}

static gboolean
run_cb (gpointer user_data)
{
  GApplication *app = G_APPLICATION (user_data);
  GtkWidget *window = GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (app)));
  MkAnalysisPage *page;
  MkTeamChart *chart;
  g_autofree double *switches = g_new0 (double, runs);
  g_autofree double *others = g_new0 (double, runs);
  gint64 t0, painted;
  double stall;

  while (first_frame < 0)
    g_main_context_iteration (NULL, TRUE);

  page = MK_ANALYSIS_PAGE (find_type (window, MK_TYPE_ANALYSIS_PAGE));
  chart = MK_TEAM_CHART (find_type (GTK_WIDGET (page), MK_TYPE_TEAM_CHART));

  /* With BENCH_WARM, the analysis the page computes a moment after the
   * window opens is ready first, as when the user comes to the page later. */
  if (g_getenv ("BENCH_WARM") != NULL)
    while (mk_analysis_page_get_busy (page) || mk_analysis_page_get_analysis (page) == NULL)
      g_main_context_iteration (NULL, TRUE);

  /* Cold: straight after the window shows, the worker may be computing. */
  bench_stall_reset ();
  t0 = g_get_monotonic_time ();
  switch_to (window, "analysis");
  painted = wait_painted (window);
  g_print ("cold-switch  %7.2f ms   (page %s)\n", (painted - t0) / 1000.0,
           mk_analysis_page_get_busy (page) ? "computing" : "ready");
  stall = wait_result (page);
  painted = wait_painted (window);
  while (!mk_findings_view_get_complete (MK_FINDINGS_VIEW (find_type (GTK_WIDGET (page),
                                                                      MK_TYPE_FINDINGS_VIEW))))
    g_main_context_iteration (NULL, TRUE);
  g_print ("stall %-28s %8.1f ms  (cpu %7.1f ms)%s\n", "show the page, first time",
           bench_stall_worst (), bench_stall_worst_cpu (),
           bench_stall_worst_cpu () >= 50 ? "   OVER 50 ms" : "");
  g_print ("cold-result  %7.2f ms   (%u bars, %u entries)\n", (painted - t0) / 1000.0,
           mk_team_chart_get_n_bars (chart),
           (guint) mk_store_count_entries (mk_window_get_store (MK_WINDOW (window))));

  /* One computation on its own, with the main loop's longest stall. */
  t0 = g_get_monotonic_time ();
  mk_analysis_page_set_peer_mode (page, MK_PEER_MODE_TEAM);
  stall = MAX (stall, wait_result (page));
  g_print ("compute      %7.2f ms\n", (g_get_monotonic_time () - t0) / 1000.0);
  g_print ("stall        %7.2f ms   (longest main-loop iteration while computing)\n", stall);
  mk_analysis_page_set_peer_mode (page, MK_PEER_MODE_LEVEL);
  wait_result (page);

  for (guint i = 0; i < runs; i++)
    {
      t0 = g_get_monotonic_time ();
      switch_to (window, "today");
      others[i] = (wait_painted (window) - t0) / 1000.0;
      t0 = g_get_monotonic_time ();
      switch_to (window, "analysis");
      switches[i] = (wait_painted (window) - t0) / 1000.0;
    }
  print_stats ("switch", switches, runs);
  print_stats ("to-today", others, runs);

  t0 = g_get_monotonic_time ();
  mk_analysis_page_show_manager (page, mk_team_chart_get_bar_name (chart, 0));
  painted = wait_painted (window);
  g_print ("detail       %7.2f ms\n", (painted - t0) / 1000.0);

  measure_stalls (window, page, chart);

  gtk_window_destroy (GTK_WINDOW (window));
  g_application_release (app);
  return G_SOURCE_REMOVE;
}

static void
activate_cb (GApplication *app,
             gpointer      user_data)
{
  GtkWidget *window = GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (app)));

  g_application_hold (app);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (after_paint_cb), &first_frame);
  g_idle_add (run_cb, app);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MkApplication) app = NULL;
  char *app_argv[] = { (char *) "minutka", (char *) "--db", NULL, NULL };

  if (argc < 2)
    {
      g_printerr ("usage: bench-analysis-page DB [RUNS]\n");
      return 2;
    }
  if (argc > 2)
    runs = MAX (1, atoi (argv[2]));

  mk_core_init_i18n ();
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  bench_stall_init ();

  app = mk_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "activate", G_CALLBACK (activate_cb), NULL);
  app_argv[2] = argv[1];
  return g_application_run (G_APPLICATION (app), 3, app_argv);
}
