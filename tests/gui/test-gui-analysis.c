/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-analysis.c — the Analysis page under a real display server.
 *
 * Runs the real window on a fresh database: the page first says there is
 * nothing to analyse; after the demo team is loaded it must draw one bar per
 * manager, list the problems planted in the demo sample (Борис drowning in
 * admin, Emily skipping follow-ups, Сергей in meetings with much "other",
 * Michael with one day only), open a manager's detail from a bar, from a
 * finding and from "win.my-analysis", recompute by itself when an entry is
 * added, follow the period and peer-group choices, and export a PDF whose
 * text (pdftotext) names every manager, and a CSV.  Screenshots of the
 * overview and the detail, light and dark and in a narrow window, go to
 * MINUTKA_SCREENSHOT_DIR; the "-ru" run takes them in Russian.
 */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "mk-analysis-export.h"
#include "mk-analysis-format.h"
#include "mk-analysis-page.h"
#include "mk-analysis-print.h"
#include "mk-application.h"
#include "mk-day-timeline.h"
#include "mk-entries-page.h"
#include "mk-findings-view.h"
#include "mk-manager-detail.h"
#include "mk-store.h"
#include "mk-team-chart.h"
#include "mk-top-tasks-view.h"
#include "mk-window.h"
#include "gui-test-utils.h"

static MkApplication *app;

static const char *const demo_managers[] = {
  "Борис Петров", "Сергей Морозов", "Дмитрий Волков", "Ольга Лебедева",
  "Emily Watson", "James Carter", "Анна Смирнова", "Michael Brown",
};

static const char *
suffix (void)
{
  return g_getenv ("MINUTKA_TEST_LANG") ? "-ru" : "";
}

static void
screenshot (GtkWidget  *widget,
            const char *name)
{
  g_autofree char *file = g_strdup_printf ("analysis-%s%s.png", name, suffix ());

  mk_gui_test_screenshot (widget, file);
}

/* Waits until the page has finished computing and shows an analysis other
 * than @before (NULL: any). */
static MkAnalysis *
wait_analysis (MkAnalysisPage *page,
               MkAnalysis     *before)
{
  mk_gui_test_wait_for (!mk_analysis_page_get_busy (page)
                        && mk_analysis_page_get_analysis (page) != NULL
                        && mk_analysis_page_get_analysis (page) != before);
  mk_gui_test_wait_frames (GTK_WIDGET (page), 2);
  return mk_analysis_page_get_analysis (page);
}

static void
wait_idle (MkAnalysisPage *page)
{
  mk_gui_test_wait_for (!mk_analysis_page_get_busy (page));
  mk_gui_test_wait_frames (GTK_WIDGET (page), 2);
}

/* Lets the leaflet finish sliding to the pane it shows. */
static void
wait_leaflet (MkAnalysisPage *page)
{
  AdwLeaflet *leaflet = ADW_LEAFLET (mk_gui_test_find_by_type (GTK_WIDGET (page),
                                                               ADW_TYPE_LEAFLET));

  mk_gui_test_wait_frames (GTK_WIDGET (page), 2);
  mk_gui_test_wait_for (!adw_leaflet_get_child_transition_running (leaflet));
  mk_gui_test_wait_frames (GTK_WIDGET (page), 2);
}

/* Lets the leaflet finish sliding to the detail and the detail read the
 * manager's day timelines. */
static void
wait_detail (MkAnalysisPage *page)
{
  MkManagerDetail *detail = MK_MANAGER_DETAIL (mk_gui_test_child (page, "detail"));

  wait_leaflet (page);
  mk_gui_test_wait_for (!mk_manager_detail_get_days_loading (detail));
  mk_gui_test_wait_frames (GTK_WIDGET (page), 2);
}

static MkAnalysisPage *
show_page (void)
{
  return MK_ANALYSIS_PAGE (mk_gui_test_show_page (GTK_WIDGET (mk_gui_test_get_window ()),
                                                  "analysis", MK_TYPE_ANALYSIS_PAGE));
}

static const char *
visible_content (MkAnalysisPage *page)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (mk_gui_test_child (page, "content_stack")));
}

static MkTeamChart *
get_chart (MkAnalysisPage *page)
{
  return MK_TEAM_CHART (mk_gui_test_child (page, "chart"));
}

static void
test_analysis_empty (void)
{
  MkAnalysisPage *page = show_page ();
  int min;

  wait_idle (page);
  g_assert_cmpstr (visible_content (page), ==, "empty");
  g_assert_true (gtk_widget_get_mapped (mk_gui_test_child (page, "demo_button")));
  g_assert_false (gtk_widget_get_visible (mk_gui_test_child (page, "toolbar")));
  /* It fits the window's narrowest width (360 px), in English and Russian. */
  gtk_widget_measure (GTK_WIDGET (page), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  g_assert_cmpint (min, <=, 360);
  screenshot (GTK_WIDGET (mk_gui_test_get_window ()), "empty");
}

static void
test_analysis_demo_bars (void)
{
  MkAnalysisPage *page = show_page ();
  MkAnalysis *before = mk_analysis_page_get_analysis (page);
  MkTeamChart *chart;
  MkAnalysis *analysis;
  GtkLabel *summary;

  /* The demo team goes into this empty database (as `minutka --demo`). */
  {
    g_autoptr(GError) error = NULL;

    g_assert_true (mk_store_load_demo (mk_window_get_store (mk_gui_test_get_window ()), NULL, &error));
    g_assert_no_error (error);
  }
  analysis = wait_analysis (page, before);
  g_assert_nonnull (analysis);
  g_assert_false (mk_analysis_is_empty (analysis));
  g_assert_cmpstr (visible_content (page), ==, "results");
  g_assert_true (gtk_widget_get_visible (mk_gui_test_child (page, "toolbar")));

  chart = get_chart (page);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (chart)));
  g_assert_cmpuint (mk_team_chart_get_n_bars (chart), ==, G_N_ELEMENTS (demo_managers));
  for (guint i = 0; i < G_N_ELEMENTS (demo_managers); i++)
    {
      gboolean found = FALSE;

      for (guint b = 0; b < mk_team_chart_get_n_bars (chart); b++)
        found |= g_strcmp0 (mk_team_chart_get_bar_name (chart, b), demo_managers[i]) == 0;
      g_assert_true (found);
    }
  /* The engine's ranking: the most time to win back first. */
  g_assert_cmpstr (mk_team_chart_get_bar_name (chart, 0), ==, "Борис Петров");
  /* The chart is tall enough for every bar, and screen readers get numbers. */
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (chart)), >=,
                   (int) G_N_ELEMENTS (demo_managers) * 30);
  {
    g_autofree char *text = mk_team_chart_describe (chart);

    for (guint i = 0; i < G_N_ELEMENTS (demo_managers); i++)
      g_assert_nonnull (strstr (text, demo_managers[i]));
    g_assert_nonnull (strstr (text, "%"));
  }

  /* Hovering Борис's admin segment tells his minutes, share and median. */
  {
    MkManagerResult *boris = mk_analysis_find_manager (analysis, "Борис Петров");
    int admin = mk_analysis_find_category (analysis, "admin");
    g_autofree char *share = mk_format_percent (mk_manager_result_get_share (boris, admin));
    g_autofree char *median = mk_format_percent (mk_manager_result_get_peer_median (boris,
                                                                                    admin));
    g_autofree char *tip = mk_format_segment_tooltip (analysis, boris, admin);

    g_assert_nonnull (strstr (tip, "Борис Петров"));
    g_assert_nonnull (strstr (tip, mk_analysis_get_category_name (analysis, admin)));
    g_assert_nonnull (strstr (tip, share));
    g_assert_nonnull (strstr (tip, median));
  }

  summary = GTK_LABEL (mk_gui_test_child (page, "summary_label"));
  g_assert_nonnull (strstr (gtk_label_get_text (summary), "38%"));
  screenshot (GTK_WIDGET (mk_gui_test_get_window ()), "overview");
}

/* The rows of the group titled @name in the findings view. */
static GPtrArray *
group_rows (MkAnalysisPage *page,
            const char     *name)
{
  GtkWidget *view = mk_gui_test_child (page, "findings");
  GPtrArray *titles = g_ptr_array_new ();

  for (GtkWidget *group = gtk_widget_get_first_child (view); group != NULL;
       group = gtk_widget_get_next_sibling (group))
    {
      GtkWidget *row;

      if (!ADW_IS_PREFERENCES_GROUP (group)
          || g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group)), name))
        continue;
      for (row = mk_gui_test_find_by_type (group, GTK_TYPE_LIST_BOX); row != NULL;
           row = NULL)
        for (GtkWidget *r = gtk_widget_get_first_child (row); r != NULL;
             r = gtk_widget_get_next_sibling (r))
          if (ADW_IS_PREFERENCES_ROW (r))
            g_ptr_array_add (titles, (char *) adw_preferences_row_get_title (
                                       ADW_PREFERENCES_ROW (r)));
    }
  return titles;
}

/* Asserts that @name's group lists the engine's finding of @kind about
 * @key (or, when @alt_kind differs, of @alt_kind). */
static void
assert_listed (MkAnalysisPage *page,
               const char     *name,
               MkFindingKind   kind,
               MkFindingKind   alt_kind,
               const char     *key)
{
  MkAnalysis *analysis = mk_analysis_page_get_analysis (page);
  MkManagerResult *manager = mk_analysis_find_manager (analysis, name);
  g_autoptr(GPtrArray) rows = group_rows (page, name);
  g_autofree char *sentence = NULL;
  MkFinding *finding;
  gboolean found = FALSE;

  g_assert_nonnull (manager);
  finding = mk_manager_result_find (manager, kind, key);
  if (finding == NULL)
    finding = mk_manager_result_find (manager, alt_kind, key);
  if (finding == NULL)
    g_test_message ("no %s/%s finding for %s", mk_finding_kind_to_string (kind),
                    key ? key : "-", name);
  g_assert_nonnull (finding);
  g_assert_cmpint (mk_finding_get_severity (finding), >=, MK_SEVERITY_WARNING);

  sentence = mk_format_finding (finding);
  for (guint i = 0; i < rows->len; i++)
    found |= g_strcmp0 (rows->pdata[i], sentence) == 0;
  if (!found)
    g_test_message ("%s: “%s” not among %u rows", name, sentence, rows->len);
  g_assert_true (found);
}

/* What the time went on and the findings, each whole (below the fold in
 * the window's screenshots): their wrapped subtitles and descriptions are
 * MkWrappedLabels standing in for libadwaita's, and must look the same. */
/* Scrolls @widget's top to the top of the page's view: a widget out of
 * sight is not drawn, and a screenshot takes what was. */
static void
scroll_to (GtkWidget *widget)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  GtkWidget *content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller));
  graphene_point_t at;

  g_assert_true (gtk_widget_compute_point (widget, content, &GRAPHENE_POINT_INIT (0, 0), &at));
  gtk_adjustment_set_value (adj, at.y);
  mk_gui_test_wait_frames (scroller, 3);
}

static void
screenshot_lists (MkAnalysisPage *page,
                  const char     *prefix)
{
  GtkWidget *tasks = mk_gui_test_child (page, "top_tasks");
  MkFindingsView *view = MK_FINDINGS_VIEW (mk_gui_test_child (page, "findings"));
  g_autofree char *tasks_name = g_strconcat (prefix, "top-tasks", NULL);
  g_autofree char *findings_name = g_strconcat (prefix, "findings", NULL);

  mk_gui_test_wait_for (!mk_analysis_page_get_busy (page) && mk_findings_view_get_complete (view)
                        && (!gtk_widget_get_mapped (tasks)
                            || mk_top_tasks_view_get_n_pending (MK_TOP_TASKS_VIEW (tasks)) == 0));
  /* Either may be empty, and then hidden, in the analysis shown. */
  if (gtk_widget_get_mapped (tasks))
    {
      scroll_to (tasks);
      screenshot (tasks, tasks_name);
    }
  if (gtk_widget_get_mapped (GTK_WIDGET (view)))
    {
      scroll_to (GTK_WIDGET (view));
      screenshot (GTK_WIDGET (view), findings_name);
    }
  {
    GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (view), GTK_TYPE_SCROLLED_WINDOW);

    gtk_adjustment_set_value (
      gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)), 0);
    mk_gui_test_wait_frames (scroller, 3);
  }
}

static void
test_analysis_findings (void)
{
  MkAnalysisPage *page = show_page ();
  MkFindingsView *view = MK_FINDINGS_VIEW (mk_gui_test_child (page, "findings"));
  GtkWidget *first = NULL;

  /* The groups are built one per frame. */
  mk_gui_test_wait_for (!mk_analysis_page_get_busy (page) && mk_findings_view_get_complete (view));
  g_assert_cmpuint (mk_findings_view_get_n_groups (view), >=, 4);
  screenshot_lists (page, "");

  assert_listed (page, "Борис Петров", MK_FINDING_OVER, MK_FINDING_TARGET, "admin");
  assert_listed (page, "Emily Watson", MK_FINDING_UNDER, MK_FINDING_TARGET, "follow_up");
  assert_listed (page, "Сергей Морозов", MK_FINDING_OVER, MK_FINDING_TARGET, "meetings");
  assert_listed (page, "Сергей Морозов", MK_FINDING_UNCATEGORISED, MK_FINDING_UNCATEGORISED,
                 NULL);
  assert_listed (page, "Michael Brown", MK_FINDING_SAMPLE, MK_FINDING_SAMPLE, NULL);

  /* Grouped in the engine's order: the most time to win back first. */
  for (GtkWidget *w = gtk_widget_get_first_child (GTK_WIDGET (view)); w != NULL;
       w = gtk_widget_get_next_sibling (w))
    if (ADW_IS_PREFERENCES_GROUP (w))
      {
        first = w;
        break;
      }
  g_assert_nonnull (first);
  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (first)), ==,
                   "Борис Петров");
}

/* Presses and releases the primary button in the middle of @bar, through
 * the chart's own click gesture. */
static void
click_bar (MkTeamChart *chart,
           guint        bar)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (chart));
  GtkGesture *click = NULL;
  graphene_rect_t area;
  double x, y;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && click == NULL; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller))
        click = GTK_GESTURE (controller);
    }
  g_assert_nonnull (click);
  g_assert_true (mk_team_chart_get_bar_area (chart, bar, &area));
  x = area.origin.x + area.size.width / 2;
  y = area.origin.y + area.size.height / 2;
  g_signal_emit_by_name (click, "pressed", 1, x, y);
  g_signal_emit_by_name (click, "released", 1, x, y);
}

static void
test_analysis_detail (void)
{
  MkAnalysisPage *page = show_page ();
  MkWindow *window = mk_gui_test_get_window ();
  MkManagerDetail *detail = MK_MANAGER_DETAIL (mk_gui_test_child (page, "detail"));
  MkDayTimeline *timeline;
  GtkAdjustment *scroller_adj;

  /* A click in the middle of the first bar opens that manager. */
  click_bar (get_chart (page), 0);
  wait_detail (page);
  g_assert_cmpstr (mk_analysis_page_get_shown_manager (page), ==, "Борис Петров");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (detail)));
  g_assert_true (mk_manager_detail_has_result (detail));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (mk_gui_test_child (detail, "title_label"))), ==,
                   "Борис Петров");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (mk_gui_test_child (detail, "reclaim_label"))), !=,
                   "");

  /* The categories he logged, the findings, and his days on the clock. */
  g_assert_nonnull (gtk_widget_get_first_child (mk_gui_test_child (detail, "categories_list")));
  g_assert_nonnull (gtk_widget_get_first_child (mk_gui_test_child (detail, "findings_list")));
  timeline = MK_DAY_TIMELINE (mk_gui_test_child (detail, "timeline"));
  g_assert_cmpuint (mk_day_timeline_get_n_days (timeline), ==, 3);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (timeline)));
  screenshot (GTK_WIDGET (window), "detail");
  screenshot (mk_gui_test_child (detail, "days_group"), "detail-days");
  screenshot (mk_gui_test_child (detail, "findings_group"), "detail-findings");

  /* Read to the end of Boris' detail… */
  scroller_adj = gtk_scrolled_window_get_vadjustment (
    GTK_SCROLLED_WINDOW (mk_gui_test_child (detail, "scroller")));
  gtk_adjustment_set_value (scroller_adj, gtk_adjustment_get_upper (scroller_adj) -
                                          gtk_adjustment_get_page_size (scroller_adj));
  mk_gui_test_wait_frames (GTK_WIDGET (page), 2);
  g_assert_cmpfloat (gtk_adjustment_get_value (scroller_adj), >, 0);

  /* Back, then a finding's row opens a detail too. */
  gtk_widget_activate_action (GTK_WIDGET (page), "analysis.back", NULL);
  mk_gui_test_wait_frames (GTK_WIDGET (page), 3);
  g_assert_null (mk_analysis_page_get_shown_manager (page));

  gtk_widget_activate_action (GTK_WIDGET (page), "analysis.open-manager", "s", "Michael Brown");
  wait_detail (page);
  g_assert_cmpstr (mk_analysis_page_get_shown_manager (page), ==, "Michael Brown");
  /* …another manager's detail starts at its top, not where Boris' was left. */
  g_assert_cmpfloat (gtk_adjustment_get_value (scroller_adj), ==, 0);
  g_assert_true (gtk_widget_get_visible (mk_gui_test_child (detail, "weak_box")));
  screenshot (GTK_WIDGET (window), "detail-weak");

  /* "Show Entries" leaves for the Entries page, showing Michael's lines of
   * the period only. */
  gtk_widget_activate_action (GTK_WIDGET (page), "analysis.show-entries", NULL);
  mk_gui_test_wait_frames (GTK_WIDGET (window), 3);
  g_assert_cmpstr (mk_window_get_visible_page (window), ==, "entries");
  {
    MkEntriesPage *entries = MK_ENTRIES_PAGE (mk_gui_test_find_by_type (GTK_WIDGET (window),
                                                                        MK_TYPE_ENTRIES_PAGE));
    GListModel *list = G_LIST_MODEL (mk_entries_page_get_entries (entries));
    guint n = g_list_model_get_n_items (list);

    g_assert_cmpuint (n, >, 0);
    for (guint i = 0; i < n; i++)
      {
        g_autoptr(MkEntry) entry = g_list_model_get_item (list, i);

        g_assert_cmpstr (mk_entry_get_person_name (entry), ==, "Michael Brown");
      }
  }

  show_page ();
  gtk_widget_activate_action (GTK_WIDGET (page), "analysis.back", NULL);
  mk_gui_test_wait_frames (GTK_WIDGET (page), 2);
}

static void
test_analysis_my_analysis (void)
{
  MkWindow *window = mk_gui_test_get_window ();
  MkAnalysisPage *page = show_page ();
  MkStore *store = mk_window_get_store (window);
  g_autoptr(MkPerson) sergey = mk_store_find_person (store, "Сергей Морозов", NULL);
  g_autofree char *id = NULL;
  MkManagerDetail *detail;

  g_action_group_activate_action (G_ACTION_GROUP (window), "page",
                                  g_variant_new_string ("today"));
  mk_gui_test_wait_frames (GTK_WIDGET (window), 2);

  /* By name, matched the way the store matches names. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.my-analysis", "s", "  emily   WATSON ");
  mk_gui_test_wait_frames (GTK_WIDGET (window), 3);
  g_assert_cmpstr (mk_window_get_visible_page (window), ==, "analysis");
  g_assert_cmpstr (mk_analysis_page_get_shown_manager (page), ==, "Emily Watson");

  /* By id. */
  g_assert_nonnull (sergey);
  id = g_strdup_printf ("%" G_GINT64_FORMAT, mk_person_get_id (sergey));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.my-analysis", "s", id);
  mk_gui_test_wait_frames (GTK_WIDGET (window), 3);
  g_assert_cmpstr (mk_analysis_page_get_shown_manager (page), ==, "Сергей Морозов");
  detail = MK_MANAGER_DETAIL (mk_gui_test_child (page, "detail"));
  g_assert_true (mk_manager_detail_has_result (detail));

  /* Someone with no time in the period gets a detail that says so. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.my-analysis", "s", "Nobody Here");
  mk_gui_test_wait_frames (GTK_WIDGET (window), 3);
  g_assert_false (mk_manager_detail_has_result (detail));

  gtk_widget_activate_action (GTK_WIDGET (page), "analysis.back", NULL);
  mk_gui_test_wait_frames (GTK_WIDGET (page), 2);
}

static void
export_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static char *
export_to (MkAnalysisPage *page,
           MkReportFormat  format,
           const char     *name)
{
  g_autofree char *path = g_build_filename (mk_gui_test_tmpdir (), name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mk_analysis_export_async (mk_analysis_page_get_analysis (page), format, file, NULL, export_cb,
                            &result);
  mk_gui_test_wait_for (result != NULL);
  g_assert_true (mk_analysis_export_finish (result, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  return g_steal_pointer (&path);
}

static void
test_analysis_export (void)
{
  MkAnalysisPage *page = show_page ();
  g_autofree char *pdf = export_to (page, MK_REPORT_FORMAT_PDF, "report.pdf");
  g_autofree char *csv = export_to (page, MK_REPORT_FORMAT_CSV, "report.csv");
  g_autofree char *text = NULL;
  g_autofree char *csv_text = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &text, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (demo_managers); i++)
    {
      if (strstr (text, demo_managers[i]) == NULL)
        g_test_message ("the PDF does not name %s", demo_managers[i]);
      g_assert_nonnull (strstr (text, demo_managers[i]));
    }

  g_file_get_contents (csv, &csv_text, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (demo_managers); i++)
    g_assert_nonnull (strstr (csv_text, demo_managers[i]));
}

/* Print draws the PDF's pages through GtkPrintOperation: exported to a
 * file, the printed pages name every manager and count as many pages as
 * the PDF report. */
static void
test_analysis_print (void)
{
  MkAnalysisPage *page = show_page ();
  MkAnalysis *analysis = mk_analysis_page_get_analysis (page);
  g_autofree char *path = g_build_filename (mk_gui_test_tmpdir (), "printed.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *info = NULL;
  const char *pages_line;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  const char *info_argv[] = { "pdfinfo", path, NULL };
  int status = 0;
  int pages;

  g_assert_nonnull (analysis);
  pages = mk_report_pdf_count_pages (analysis);
  g_assert_cmpint (pages, >=, 2);
  g_assert_true (mk_analysis_print (NULL, analysis, GTK_PRINT_OPERATION_ACTION_EXPORT, path,
                                    &error));
  g_assert_no_error (error);

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &text, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (demo_managers); i++)
    g_assert_nonnull (strstr (text, demo_managers[i]));

  g_spawn_sync (NULL, (char **) info_argv, NULL,
                G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &info, NULL,
                &status, &error);
  g_assert_no_error (error);
  pages_line = strstr (info, "Pages:");
  g_assert_nonnull (pages_line);
  g_assert_cmpint (atoi (pages_line + strlen ("Pages:")), ==, pages);
}

static GtkWidget *
find_button_labelled (GtkWidget  *root,
                      const char *label)
{
  if (GTK_IS_BUTTON (root) && gtk_widget_get_mapped (root) &&
      g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_labelled (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Print → Preview with no previewer installed (the test names one that
 * cannot be): a message says so, instead of nothing happening. */
static void
test_analysis_print_preview (void)
{
  MkAnalysisPage *page = show_page ();
  GtkWindow *window = GTK_WINDOW (mk_gui_test_get_window ());
  g_autofree char *command = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *dialog;

  g_object_get (gtk_settings_get_default (), "gtk-print-preview-command", &command, NULL);
  g_object_set (gtk_settings_get_default (), "gtk-print-preview-command",
                "minutka-no-such-previewer %f", NULL);
  g_assert_true (mk_analysis_print (window, mk_analysis_page_get_analysis (page),
                                    GTK_PRINT_OPERATION_ACTION_PREVIEW, NULL, &error));
  g_assert_no_error (error);
  dialog = mk_gui_test_wait_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   _("No Print Preview"));
  mk_gui_test_wait_frames (GTK_WIDGET (dialog), 3);
  mk_gui_test_screenshot (GTK_WIDGET (dialog),
                          g_strcmp0 (g_getenv ("MINUTKA_TEST_LANG"), "ru") == 0
                          ? "analysis-no-preview-ru.png" : "analysis-no-preview.png");
  gtk_window_destroy (dialog);
  g_object_set (gtk_settings_get_default (), "gtk-print-preview-command", command, NULL);
}

/* "Export Report as PDF…" through the file chooser, as a user would. */
static void
test_analysis_export_chooser (void)
{
  MkAnalysisPage *page = show_page ();
  g_autofree char *path = g_build_filename (mk_gui_test_tmpdir (), "chosen.pdf", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (mk_gui_test_tmpdir ());
  g_autofree char *suggested = NULL;
  GtkWindow *dialog;

  gtk_widget_activate_action (GTK_WIDGET (page), "analysis.export", "s", "pdf");
  dialog = mk_gui_test_wait_window (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_nonnull (dialog);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  suggested = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (dialog));
  g_assert_true (g_str_has_suffix (suggested, ".pdf"));
  g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), folder, NULL));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), "chosen.pdf");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  G_GNUC_END_IGNORE_DEPRECATIONS

  /* The report is renamed into place whole: once it is there, it is done. */
  mk_gui_test_wait_for (g_file_test (path, G_FILE_TEST_EXISTS));
  mk_gui_test_settle ();

  /* The toast that says where it went opens it in the desktop's PDF app
   * (here one the test installs, which leaves a mark). */
  {
    g_autofree char *apps = g_build_filename (g_get_user_data_dir (), "applications", NULL);
    g_autofree char *desktop = g_build_filename (apps, "mk-test-pdf-viewer.desktop", NULL);
    g_autofree char *mimeapps = g_build_filename (g_get_user_config_dir (), "mimeapps.list",
                                                  NULL);
    g_autofree char *mark = g_build_filename (mk_gui_test_tmpdir (), "opened", NULL);
    g_autofree char *entry = g_strdup_printf ("[Desktop Entry]\nType=Application\n"
                                              "Name=Test PDF viewer\nExec=touch %s\n"
                                              "MimeType=application/pdf;\n", mark);
    GtkWidget *overlay = mk_gui_test_child_of_type (mk_gui_test_get_window (),
                                                    ADW_TYPE_TOAST_OVERLAY);
    GtkWidget *button = NULL;

    g_assert_true (g_mkdir_with_parents (apps, 0700) == 0);
    g_assert_true (g_file_set_contents (desktop, entry, -1, NULL));
    g_assert_true (g_mkdir_with_parents (g_get_user_config_dir (), 0700) == 0);
    g_assert_true (g_file_set_contents (mimeapps, "[Default Applications]\n"
                                        "application/pdf=mk-test-pdf-viewer.desktop\n", -1,
                                        NULL));
    mk_gui_test_wait_for ((button = find_button_labelled (overlay, _("_Open"))) != NULL);
    g_assert_nonnull (button);
    g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==,
                     g_strcmp0 (g_getenv ("MINUTKA_TEST_LANG"), "ru") == 0 ? "_Открыть"
                                                                          : "_Open");
    screenshot (GTK_WIDGET (mk_gui_test_get_window ()), "export-toast");
    g_signal_emit_by_name (button, "clicked");
    mk_gui_test_wait_for (g_file_test (mark, G_FILE_TEST_EXISTS));
    g_assert_true (g_file_test (mark, G_FILE_TEST_EXISTS));
  }
}

static void
test_analysis_recomputes (void)
{
  MkAnalysisPage *page = show_page ();
  MkStore *store = mk_window_get_store (mk_gui_test_get_window ());
  MkAnalysis *before = mk_analysis_page_get_analysis (page);
  g_autoptr(MkCategory) calls = mk_store_get_category_by_key (store, "calls");
  g_autoptr(MkPerson) person = NULL;
  g_autoptr(GError) error = NULL;
  MkEntryInput input = { 0 };
  g_autofree char *day = NULL;
  MkAnalysis *after;

  person = mk_store_ensure_person (store, "Zoe Newcomer", NULL, &error);
  g_assert_no_error (error);
  input.person_id = mk_person_get_id (person);
  day = g_strdup (mk_analysis_get_to (before));
  input.day = day;
  input.start = 9 * 60;
  input.minutes = 240;
  input.category_id = mk_category_get_id (calls);
  input.task = "first calls";
  input.source = MK_ENTRY_SOURCE_MANUAL;
  g_assert_cmpint (mk_store_add_entry (store, &input, &error), >, 0);
  g_assert_no_error (error);

  after = wait_analysis (page, before);
  g_assert_nonnull (mk_analysis_find_manager (after, "Zoe Newcomer"));
  g_assert_cmpuint (mk_team_chart_get_n_bars (get_chart (page)), ==,
                    G_N_ELEMENTS (demo_managers) + 1);

  /* While another page is shown, a change only marks the analysis stale:
   * nothing is computed until the page is shown again. */
  g_action_group_activate_action (G_ACTION_GROUP (mk_gui_test_get_window ()), "page",
                                  g_variant_new_string ("today"));
  mk_gui_test_wait_frames (GTK_WIDGET (mk_gui_test_get_window ()), 2);
  input.start = 14 * 60;
  input.minutes = 60;
  g_assert_cmpint (mk_store_add_entry (store, &input, &error), >, 0);
  g_assert_no_error (error);
  mk_gui_test_settle ();
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (page)));
  g_assert_false (mk_analysis_page_get_busy (page));
  g_assert_true (mk_analysis_page_get_analysis (page) == after);

  page = show_page ();
  before = after;
  after = wait_analysis (page, before);
  g_assert_cmpint (mk_manager_result_get_minutes (mk_analysis_find_manager (after,
                                                                            "Zoe Newcomer")),
                   ==, 300);
}

/* The Analysis tab's own icon (a symbolic SVG in the resources) renders as
 * its three bars, not as GTK's broken-image icon: the SVG loader
 * (librsvg2-common, in build-aux/install-deps) is there and reads it. */
static void
test_analysis_chart_icon (void)
{
  GtkWidget *window = GTK_WIDGET (mk_gui_test_get_window ());
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (window));
  g_autoptr(GtkIconPaintable) icon = NULL;
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GskRenderer) renderer = gsk_cairo_renderer_new ();
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree guchar *pixels = g_malloc0 (16 * 16 * 4);
  /* (x, y, inside a bar): the middle bar is the widest, the last the shortest. */
  static const struct { int x, y; gboolean bar; } probes[] = {
    { 3, 3, TRUE }, { 13, 3, FALSE }, { 13, 8, TRUE }, { 3, 12, TRUE }, { 12, 12, FALSE },
  };

  g_assert_true (gtk_icon_theme_has_icon (theme, "mk-chart-symbolic"));
  icon = gtk_icon_theme_lookup_icon (theme, "mk-chart-symbolic", NULL, 16, 1,
                                     GTK_TEXT_DIR_LTR, 0);
  g_assert_true (gtk_icon_paintable_is_symbolic (icon));
  gdk_paintable_snapshot (GDK_PAINTABLE (icon), snapshot, 16, 16);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  g_assert_true (gsk_renderer_realize (renderer, NULL, &error));
  g_assert_no_error (error);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, 16, 16));
  gsk_renderer_unrealize (renderer);
  gdk_texture_download (texture, pixels, 16 * 4);
  for (guint i = 0; i < G_N_ELEMENTS (probes); i++)
    {
      guchar alpha = pixels[(probes[i].y * 16 + probes[i].x) * 4 + 3];

      g_test_message ("(%d, %d): alpha %u", probes[i].x, probes[i].y, alpha);
      if (probes[i].bar)
        g_assert_cmpuint (alpha, >, 128);
      else
        g_assert_cmpuint (alpha, <, 64);
    }
}

static void
test_analysis_options (void)
{
  MkAnalysisPage *page = show_page ();
  MkAnalysis *analysis = mk_analysis_page_get_analysis (page);
  g_autofree char *from = g_strdup (mk_analysis_get_from (analysis));
  g_autofree char *to = g_strdup (mk_analysis_get_to (analysis));

  mk_analysis_page_set_peer_mode (page, MK_PEER_MODE_TEAM);
  analysis = wait_analysis (page, analysis);
  g_assert_cmpint (mk_analysis_get_peer_mode (analysis), ==, MK_PEER_MODE_TEAM);

  /* A range with nothing logged: the page says so and keeps the toolbar. */
  mk_analysis_page_set_period (page, MK_ANALYSIS_PERIOD_CUSTOM, "2001-01-01", "2001-01-07");
  analysis = wait_analysis (page, analysis);
  g_assert_true (mk_analysis_is_empty (analysis));
  g_assert_cmpstr (visible_content (page), ==, "empty");
  g_assert_true (gtk_widget_get_visible (mk_gui_test_child (page, "toolbar")));
  g_assert_true (gtk_widget_get_visible (mk_gui_test_child (page, "range_child")));
  screenshot (GTK_WIDGET (mk_gui_test_get_window ()), "no-data");

  mk_analysis_page_set_period (page, MK_ANALYSIS_PERIOD_CUSTOM, from, to);
  analysis = wait_analysis (page, analysis);
  g_assert_cmpstr (mk_analysis_get_from (analysis), ==, from);
  g_assert_cmpstr (visible_content (page), ==, "results");

  mk_analysis_page_set_period (page, MK_ANALYSIS_PERIOD_LAST_DAYS, NULL, NULL);
  analysis = wait_analysis (page, analysis);
  g_assert_cmpstr (mk_analysis_get_from (analysis), ==, from);
  g_assert_cmpstr (mk_analysis_get_to (analysis), ==, to);

  /* The period button is as wide whichever period is chosen: the toolbar
   * does not jump when it changes. */
  {
    GtkWidget *dropdown = mk_gui_test_child (page, "period_dropdown");
    int widths[4] = { 0 };

    for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
      {
        gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), i == 3 ? 1 : i);
        gtk_widget_measure (dropdown, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &widths[i], NULL,
                            NULL);
        g_assert_cmpint (widths[i], ==, widths[0]);
      }
    analysis = wait_analysis (page, analysis);
    screenshot (GTK_WIDGET (mk_gui_test_get_window ()), "period-last-days");
  }

  mk_analysis_page_set_peer_mode (page, MK_PEER_MODE_LEVEL);
  mk_analysis_page_set_period (page, MK_ANALYSIS_PERIOD_STUDY, NULL, NULL);
  wait_analysis (page, analysis);
}

static void
test_analysis_styles (void)
{
  MkWindow *window = mk_gui_test_get_window ();
  MkAnalysisPage *page = show_page ();
  AdwStyleManager *style = adw_style_manager_get_default ();
  int width, height, min;

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  mk_gui_test_wait_frames (GTK_WIDGET (window), 3);
  screenshot (GTK_WIDGET (window), "overview-dark");
  gtk_widget_activate_action (GTK_WIDGET (page), "analysis.open-manager", "s", "Сергей Морозов");
  wait_detail (page);
  screenshot (GTK_WIDGET (window), "detail-dark");
  screenshot (mk_gui_test_child (page, "days_group"), "detail-days-dark");
  gtk_widget_activate_action (GTK_WIDGET (page), "analysis.back", NULL);
  wait_leaflet (page);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);

  /* A narrow window: everything still fits, nothing is cut. */
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  mk_gui_test_resize (GTK_WINDOW (window), 360, 720);
  /* The page itself fits the window's narrowest width (360 px), in the
   * overview and in the detail; the window may be held wider by another
   * page. */
  gtk_widget_measure (GTK_WIDGET (page), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  g_assert_cmpint (min, <=, 360);
  screenshot (GTK_WIDGET (window), "narrow");
  screenshot_lists (page, "narrow-");
  gtk_widget_activate_action (GTK_WIDGET (page), "analysis.open-manager", "s", "Борис Петров");
  wait_detail (page);
  gtk_widget_measure (GTK_WIDGET (page), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  g_assert_cmpint (min, <=, 360);
  screenshot (GTK_WIDGET (window), "narrow-detail");
  gtk_widget_activate_action (GTK_WIDGET (page), "analysis.back", NULL);
  mk_gui_test_resize (GTK_WINDOW (window), width, height);
}

int
main (int   argc,
      char *argv[])
{
  /* The desktop's apps and defaults are the test's own (the export's
   * Open), set before GLib reads where they are. */
  {
    g_autofree char *data = g_build_filename (mk_gui_test_tmpdir (), "xdg-data", NULL);
    g_autofree char *config = g_build_filename (mk_gui_test_tmpdir (), "xdg-config", NULL);

    g_setenv ("XDG_DATA_HOME", data, TRUE);
    g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  }
  mk_gui_test_init (&argc, &argv);

  g_test_add_func ("/gui/analysis/empty-before-data", test_analysis_empty);
  g_test_add_func ("/gui/analysis/one-bar-per-manager", test_analysis_demo_bars);
  g_test_add_func ("/gui/analysis/findings-name-planted-problems", test_analysis_findings);
  g_test_add_func ("/gui/analysis/detail-opens-and-returns", test_analysis_detail);
  g_test_add_func ("/gui/analysis/my-analysis-by-name-and-id", test_analysis_my_analysis);
  g_test_add_func ("/gui/analysis/export-pdf-names-every-manager", test_analysis_export);
  g_test_add_func ("/gui/analysis/export-through-file-chooser", test_analysis_export_chooser);
  g_test_add_func ("/gui/analysis/print-draws-the-report-pages", test_analysis_print);
  g_test_add_func ("/gui/analysis/recomputes-on-change", test_analysis_recomputes);
  g_test_add_func ("/gui/analysis/period-and-peer-group", test_analysis_options);
  g_test_add_func ("/gui/analysis/chart-icon-renders", test_analysis_chart_icon);
  g_test_add_func ("/gui/analysis/print-preview-without-previewer",
                   test_analysis_print_preview);
  g_test_add_func ("/gui/analysis/dark-and-narrow", test_analysis_styles);

  app = mk_gui_test_app_new (NULL);
  return mk_gui_test_run (app);
}
