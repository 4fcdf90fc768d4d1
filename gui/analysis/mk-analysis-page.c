/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-analysis-page.c — the Analysis page: where the team's day goes.
 *
 * The supervisor's page.  A toolbar picks the period (the study, the last
 * three logged days, this week or a custom range) and the peer group (the
 * whole team or each manager's level); under it the team summary against
 * the reference profile, the team chart (MkTeamChart), what the team's time
 * went on (MkTopTasksView) and the findings: what the whole team shares,
 * then by manager (MkFindingsView).  Clicking a bar or a finding opens
 * the manager's detail (MkManagerDetail) in the leaflet's second pane; its
 * back button returns.  The window's "win.my-analysis" opens the same
 * detail for one person (mk_analysis_page_show_person()).
 *
 * Invariants.  The page computes no statistic and runs no SQL: it asks
 * core for an MkAnalysis and shows it.  Core computes it in a worker thread
 * (mk_analysis_new_for_period_async(), on a connection of its own), so the
 * page never freezes; the old
 * result stays on screen with a spinner in the toolbar until the new one
 * is ready.  At most one computation runs at a time:
 * a change (the store's "changed" signal, a new period or peer group)
 * while one runs marks the result stale and starts another when it ends.
 * While the page is not mapped, changes only mark it stale; it recomputes
 * when shown.  The first computation starts a moment after the window
 * opens (WARMUP_DELAY_MS), or at once when the page is shown first, so the
 * result is usually ready before the user switches to it.
 *
 * My Analysis.  In a manager's window (the database joined to a team with
 * a manager's login: mk_team_get_status(), a local read) the page is "My
 * Analysis": core computes the manager's own entries against the rest of
 * the team's anonymous totals read from the server
 * (mk_team_analyse_mine_async(), the password from the keyring or libpq's
 * file), and the page shows only the manager's detail — their numbers
 * against the team's medians and the findings the supervisor sees about
 * them — with no back button to a team overview.  The toolbar moves over
 * the detail with the period only: the manager chooses it as the
 * supervisor does, and the page computes again (in a worker, as above).
 * The chart, the team's findings, the peer group, exports and printing,
 * which would carry other members, are not offered.  Without the server the page says the medians wait for it,
 * quietly, and computes again when shown next.
 *
 * Actions (prefix "analysis."): open-manager (s), back, show-entries,
 * export (s: "pdf" or "csv").
 */
#define G_LOG_DOMAIN "mk-analysis-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "mk-analysis-export.h"
#include "mk-analysis-print.h"
#include "mk-analysis-format.h"
#include "mk-analysis-page.h"
#include "mk-chart-legend.h"
#include "mk-findings-view.h"
#include "mk-manager-detail.h"
#include "mk-team-chart.h"
#include "mk-team-password.h"
#include "mk-team-totals.h"
#include "mk-team.h"
#include "mk-top-tasks-view.h"
#include "mk-window.h"

#define CHANGE_DELAY_MS 150
/* The first analysis is computed this long after the window opens, so it
 * is ready when the user switches to the page without delaying the
 * window's first frame. */
#define WARMUP_DELAY_MS 1500

struct _MkAnalysisPage
{
  GtkWidget         parent_instance;

  MkStore          *store;
  gulong            changed_id;
  GCancellable     *cancellable;
  MkAnalysis       *analysis;
  gboolean          nothing_logged;
  gint64            compute_start;  /* monotonic µs */
  gboolean          busy;
  gboolean          stale;
  guint             change_source;
  guint             warmup_source;
  MkAnalysisPeriod  period;
  MkPeerMode        mode;
  char             *custom_from;
  char             *custom_to;
  char             *pending_person;
  gboolean          updating_range;
  GPtrArray        *retired;        /* analyses replaced, freed when idle */
  guint             retire_id;
  gboolean          mine;           /* a manager's window: My Analysis */
  char             *me;             /* the manager, in My Analysis */

  AdwLeaflet       *leaflet;
  GtkBox           *overview_box;
  GtkBox           *detail_box;
  GtkWidget        *toolbar;
  GtkWidget        *peer_child;
  GtkWidget        *export_button;
  GtkDropDown      *period_dropdown;
  GtkWidget        *range_child;
  GtkMenuButton    *from_button;
  GtkMenuButton    *to_button;
  GtkCalendar      *from_calendar;
  GtkCalendar      *to_calendar;
  GtkToggleButton  *team_button;
  GtkToggleButton  *level_button;
  GtkSpinner       *spinner;
  GtkSpinner       *loading_spinner;
  GtkStack         *content_stack;
  AdwStatusPage    *empty_page;
  GtkWidget        *demo_button;
  GtkLabel         *period_label;
  GtkLabel         *summary_label;
  GtkLabel         *profile_label;
  MkTeamChart      *chart;
  MkChartLegend    *legend;
  MkFindingsView   *findings;
  MkTopTasksView   *top_tasks;
  MkManagerDetail  *detail;
};

G_DEFINE_FINAL_TYPE (MkAnalysisPage, mk_analysis_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_BUSY,
  PROP_ANALYSIS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void mk_analysis_page_compute (MkAnalysisPage *self);

/* Whether the window is a manager's: My Analysis, titled so in the view
 * switcher, with no peer choice and no way back to a team overview. */
static void
update_mine (MkAnalysisPage *self)
{
  g_autofree char *person = NULL;
  AdwViewStack *stack;
  gboolean mine;

  mine = self->store != NULL &&
         mk_team_get_role (self->store, &person) == MK_TEAM_ROLE_MANAGER && person != NULL;
  g_free (self->me);
  self->me = mine ? g_steal_pointer (&person) : NULL;

  stack = ADW_VIEW_STACK (gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_VIEW_STACK));
  if (stack != NULL)
    {
      GtkWidget *child = GTK_WIDGET (self);
      AdwViewStackPage *page;

      while (child != NULL && gtk_widget_get_parent (child) != GTK_WIDGET (stack))
        child = gtk_widget_get_parent (child);
      page = child != NULL ? adw_view_stack_get_page (stack, child) : NULL;
      if (page != NULL)
        adw_view_stack_page_set_title (page, mine ? _("My Analysis") : _("Analysis"));
    }
  if (mine == self->mine)
    return;
  self->mine = mine;
  /* The period is the manager's to choose too: the toolbar moves over
   * the detail, without the team's controls (the peer group, and the
   * report, which would carry the other members). */
  g_object_ref (self->toolbar);
  gtk_box_remove (GTK_BOX (gtk_widget_get_parent (self->toolbar)), self->toolbar);
  gtk_box_prepend (mine ? self->detail_box : self->overview_box, self->toolbar);
  g_object_unref (self->toolbar);
  gtk_widget_set_visible (self->peer_child, !mine);
  gtk_widget_set_visible (self->export_button, !mine);
  adw_leaflet_set_can_navigate_back (self->leaflet, !mine);
  mk_manager_detail_set_can_go_back (self->detail, !mine);
  if (!mine)
    adw_leaflet_set_visible_child_name (self->leaflet, "overview");
}

static void
set_busy (MkAnalysisPage *self,
          gboolean        busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->loading_spinner, busy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
update_actions (MkAnalysisPage *self)
{
  gboolean has_data = self->analysis != NULL && !mk_analysis_is_empty (self->analysis);

  /* A report of My Analysis would carry the other members. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "analysis.export", has_data && !self->mine);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "analysis.print", has_data && !self->mine);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "analysis.open-manager",
                                 self->analysis != NULL && !self->mine);
}

static void
update_range_buttons (MkAnalysisPage *self)
{
  const char *from = self->analysis ? mk_analysis_get_from (self->analysis) : self->custom_from;
  const char *to = self->analysis ? mk_analysis_get_to (self->analysis) : self->custom_to;
  g_autofree char *from_label = mk_format_period (from, from);
  g_autofree char *to_label = mk_format_period (to, to);
  g_autoptr(GDateTime) from_date = mk_day_to_date_time (from);
  g_autoptr(GDateTime) to_date = mk_day_to_date_time (to);

  gtk_menu_button_set_label (self->from_button, from_label);
  gtk_menu_button_set_label (self->to_button, to_label);

  /* Keep the calendars on the days shown, without counting it as a pick. */
  self->updating_range = TRUE;
  if (from_date != NULL)
    gtk_calendar_select_day (self->from_calendar, from_date);
  if (to_date != NULL)
    gtk_calendar_select_day (self->to_calendar, to_date);
  self->updating_range = FALSE;
}

/* The analyses replaced go in an idle of their own: freeing 500
 * managers' results is a few ms the frame after a new one can do without. */
static gboolean
retire_idle_cb (gpointer user_data)
{
  MkAnalysisPage *self = user_data;

  g_ptr_array_set_size (self->retired, 0);
  self->retire_id = 0;
  return G_SOURCE_REMOVE;
}

static void
retire_analysis (MkAnalysisPage *self,
                 MkAnalysis     *old)
{
  if (old == NULL)
    return;
  g_ptr_array_add (self->retired, g_object_ref (old));
  if (self->retire_id == 0)
    self->retire_id = g_idle_add_full (G_PRIORITY_LOW, retire_idle_cb, self, NULL);
}

/* My Analysis: the manager's detail only; nothing of the team's overview
 * (the chart, the team's findings and what its time went on) is filled. */
static void
show_mine (MkAnalysisPage *self)
{
  update_actions (self);
  gtk_widget_set_visible (self->toolbar, !self->nothing_logged && self->me != NULL);
  mk_team_chart_set_analysis (self->chart, NULL);
  mk_chart_legend_set_analysis (self->legend, NULL);
  mk_findings_view_set_analysis (self->findings, NULL);
  mk_top_tasks_view_set_analysis (self->top_tasks, NULL);
  g_clear_pointer (&self->pending_person, g_free);
  if (self->nothing_logged || self->me == NULL)
    {
      adw_status_page_set_title (self->empty_page, _("Nothing to Analyse Yet"));
      adw_status_page_set_description (self->empty_page,
        _("Once you have logged two or three days, this page compares your day with the "
          "team’s medians and shows what your supervisor sees about it."));
      gtk_widget_set_visible (self->demo_button, FALSE);
      gtk_stack_set_visible_child_name (self->content_stack, "empty");
      adw_leaflet_set_visible_child_name (self->leaflet, "overview");
      return;
    }
  update_range_buttons (self);
  mk_manager_detail_show (self->detail, self->store, self->analysis, self->me);
  adw_leaflet_set_visible_child_name (self->leaflet, "detail");
}

/* My Analysis without the server: quiet, the medians wait for it. */
static void
show_mine_unreachable (MkAnalysisPage *self,
                       const GError   *error)
{
  g_autofree char *text = NULL;

  self->stale = TRUE;   /* again when shown next */
  if (self->analysis != NULL)
    return;             /* the last one stays */
  text = g_strdup_printf ("%s %s", error->message,
                          _("My Analysis compares your day with the team’s and needs the "
                            "team’s server for it. It shows once the server can be reached; "
                            "your entries are safe here."));
  gtk_widget_set_visible (self->toolbar, FALSE);
  adw_status_page_set_title (self->empty_page, _("The Team’s Medians Are Out of Reach"));
  adw_status_page_set_description (self->empty_page, text);
  gtk_widget_set_visible (self->demo_button, FALSE);
  gtk_stack_set_visible_child_name (self->content_stack, "empty");
  adw_leaflet_set_visible_child_name (self->leaflet, "overview");
}

static void
show_result (MkAnalysisPage *self,
             const char     *study_name)
{
  const char *shown = mk_analysis_page_get_shown_manager (self);
  g_autofree char *keep = g_strdup (shown);

  if (self->mine)
    {
      show_mine (self);
      return;
    }
  update_actions (self);
  gtk_widget_set_visible (self->toolbar, !self->nothing_logged);

  if (self->nothing_logged)
    {
      adw_status_page_set_title (self->empty_page, _("Nothing to Analyse Yet"));
      adw_status_page_set_description (self->empty_page,
        _("Once your managers have logged two or three days, this page compares how the team "
          "spends its time and points out where selling time is lost."));
      gtk_widget_set_visible (self->demo_button, TRUE);
      gtk_stack_set_visible_child_name (self->content_stack, "empty");
      mk_team_chart_set_analysis (self->chart, NULL);
      mk_chart_legend_set_analysis (self->legend, NULL);
      mk_findings_view_set_analysis (self->findings, NULL);
      mk_top_tasks_view_set_analysis (self->top_tasks, NULL);
      adw_leaflet_set_visible_child_name (self->leaflet, "overview");
      return;
    }

  update_range_buttons (self);
  if (mk_analysis_is_empty (self->analysis))
    {
      g_autofree char *range = mk_format_period (mk_analysis_get_from (self->analysis),
                                                 mk_analysis_get_to (self->analysis));
      g_autofree char *text = g_strdup_printf (_("Nobody logged time in %s. Choose another "
                                                 "period above."), range);

      adw_status_page_set_title (self->empty_page, _("No Time Logged in This Period"));
      adw_status_page_set_description (self->empty_page, text);
      gtk_widget_set_visible (self->demo_button, FALSE);
      gtk_stack_set_visible_child_name (self->content_stack, "empty");
    }
  else
    {
      g_autofree char *title = mk_format_period_title (self->analysis, self->period, study_name);
      g_autofree char *profile = mk_format_team_profile (self->analysis);

      gtk_label_set_text (self->period_label, title);
      gtk_label_set_text (self->summary_label, mk_analysis_get_summary (self->analysis));
      gtk_label_set_text (self->profile_label, profile);
      gtk_stack_set_visible_child_name (self->content_stack, "results");
    }
  mk_team_chart_set_analysis (self->chart, self->analysis);
  mk_chart_legend_set_analysis (self->legend, self->analysis);
  /* Over the next frames: what the time went on, a category a frame,
   * then the findings, a group a frame. */
  mk_top_tasks_view_set_analysis (self->top_tasks, self->analysis);
  mk_findings_view_set_analysis (self->findings, self->analysis);
  mk_findings_view_delay (self->findings, mk_top_tasks_view_get_n_pending (self->top_tasks));

  if (self->pending_person != NULL)
    {
      g_autofree char *name = g_steal_pointer (&self->pending_person);

      mk_analysis_page_show_manager (self, name);
    }
  else if (keep != NULL)
    mk_manager_detail_show (self->detail, self->store, self->analysis, keep);
}

static void
compute_done_cb (GObject      *source,
                 GAsyncResult *async,
                 gpointer      user_data)
{
  g_autoptr(MkAnalysisPage) self = user_data;
  g_autoptr(MkAnalysis) result = NULL;
  g_autofree char *study_name = NULL;
  g_autoptr(GError) error = NULL;

  if (g_async_result_is_tagged (async, mk_team_analyse_mine_async))
    result = mk_team_analyse_mine_finish (async, &study_name, &error);
  else
    result = mk_analysis_new_for_period_finish (async, &study_name, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;   /* the page is gone */
  set_busy (self, FALSE);

  if (result == NULL && self->mine)
    {
      g_debug ("My Analysis waits for the team's server: %s", error->message);
      show_mine_unreachable (self, error);
    }
  else if (result == NULL)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

      g_warning ("The analysis failed: %s", error->message);
      if (MK_IS_WINDOW (root))
        mk_window_show_error (MK_WINDOW (root), _("The Analysis Could Not Be Computed"), error);
      if (self->analysis == NULL)
        gtk_stack_set_visible_child_name (self->content_stack, "empty");
    }
  else
    {
      g_debug ("analysis of %u managers computed in %.1f ms",
               g_list_model_get_n_items (mk_analysis_get_managers (result)),
               (g_get_monotonic_time () - self->compute_start) / 1000.0);
      /* No period: nothing is logged at all. */
      self->nothing_logged = mk_analysis_get_from (result) == NULL;
      if (self->nothing_logged)
        g_clear_object (&result);
      retire_analysis (self, self->analysis);
      g_set_object (&self->analysis, result);
      show_result (self, study_name);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANALYSIS]);
    }

  if (self->stale && self->store != NULL && gtk_widget_get_mapped (GTK_WIDGET (self)))
    mk_analysis_page_compute (self);
}

typedef struct {
  MkAnalysisPage   *page;
  MkAnalysisPeriod  period;
} MineCall;

/* The keyring answered (a password, or none: libpq's file may have it). */
static void
mine_password_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  MineCall *call = user_data;
  g_autoptr(MkAnalysisPage) self = call->page;
  g_autoptr(GError) error = NULL;
  char *password = mk_team_password_lookup_finish (result, &error);

  if (error != NULL)
    g_debug ("no password from the keyring: %s", error->message);
  if (self->store == NULL || g_cancellable_is_cancelled (self->cancellable))
    {
      mk_team_password_free (password);
      g_free (call);
      return;
    }
  mk_team_analyse_mine_async (self->store, password, call->period, self->custom_from,
                              self->custom_to, self->cancellable, compute_done_cb,
                              g_object_ref (self));
  mk_team_password_free (password);
  g_free (call);
}

/* Starts a computation, or marks the result stale when one is running. */
static void
mk_analysis_page_compute (MkAnalysisPage *self)
{
  MkAnalysisPeriod period;

  if (self->store == NULL)
    return;
  if (self->busy)
    {
      self->stale = TRUE;
      return;
    }
  self->stale = FALSE;
  g_clear_handle_id (&self->change_source, g_source_remove);
  g_clear_handle_id (&self->warmup_source, g_source_remove);

  set_busy (self, TRUE);
  if (self->analysis == NULL && !self->nothing_logged)
    gtk_stack_set_visible_child_name (self->content_stack, "loading");

  /* A custom range chosen before any analysis had days starts as the
   * default period. */
  period = self->period;
  if (period == MK_ANALYSIS_PERIOD_CUSTOM && (self->custom_from == NULL || self->custom_to == NULL))
    period = MK_ANALYSIS_PERIOD_STUDY;
  self->compute_start = g_get_monotonic_time ();
  update_mine (self);
  if (self->mine)
    {
      g_autoptr(MkTeamStatus) status = mk_team_get_status (self->store, NULL);

      if (status != NULL)
        {
          MineCall *call = g_new0 (MineCall, 1);

          call->page = g_object_ref (self);
          call->period = period;
          mk_team_password_lookup_async (status->server, status->login, self->cancellable,
                                         mine_password_cb, call);
          return;
        }
    }
  mk_analysis_new_for_period_async (self->store, period, self->custom_from, self->custom_to,
                                    self->mode, self->cancellable, compute_done_cb,
                                    g_object_ref (self));
}

static gboolean
change_timeout_cb (gpointer user_data)
{
  MkAnalysisPage *self = user_data;

  self->change_source = 0;
  mk_analysis_page_compute (self);
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (MkAnalysisPage *self)
{
  /* Several changes in a row (an undo, an import) make one computation. */
  self->stale = TRUE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)) && self->change_source == 0)
    self->change_source = g_timeout_add (CHANGE_DELAY_MS, change_timeout_cb, self);
}

static gboolean
warmup_cb (gpointer user_data)
{
  MkAnalysisPage *self = user_data;

  self->warmup_source = 0;
  if (self->stale)
    mk_analysis_page_compute (self);
  return G_SOURCE_REMOVE;
}

/* Options */

static void
period_changed_cb (MkAnalysisPage *self)
{
  MkAnalysisPeriod period = gtk_drop_down_get_selected (self->period_dropdown);

  if (period == self->period)
    return;
  if (period == MK_ANALYSIS_PERIOD_CUSTOM && self->custom_from == NULL && self->analysis != NULL)
    {
      self->custom_from = g_strdup (mk_analysis_get_from (self->analysis));
      self->custom_to = g_strdup (mk_analysis_get_to (self->analysis));
    }
  self->period = period;
  gtk_widget_set_visible (self->range_child, period == MK_ANALYSIS_PERIOD_CUSTOM);
  mk_analysis_page_compute (self);
}

static void
range_changed_cb (MkAnalysisPage *self)
{
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;

  if (self->updating_range)
    return;

  from = gtk_calendar_get_date (self->from_calendar);
  to = gtk_calendar_get_date (self->to_calendar);
  if (g_date_time_compare (from, to) > 0)
    {
      /* A first day after the last one moves the other end along. */
      GDateTime *swap = from;

      from = to;
      to = swap;
    }
  g_free (self->custom_from);
  g_free (self->custom_to);
  self->custom_from = mk_day_from_date_time (from);
  self->custom_to = mk_day_from_date_time (to);
  gtk_menu_button_popdown (self->from_button);
  gtk_menu_button_popdown (self->to_button);
  mk_analysis_page_compute (self);
}

static void
peer_toggled_cb (MkAnalysisPage *self)
{
  MkPeerMode mode = gtk_toggle_button_get_active (self->team_button) ? MK_PEER_MODE_TEAM
                                                                     : MK_PEER_MODE_LEVEL;

  if (mode == self->mode)
    return;
  self->mode = mode;
  mk_analysis_page_compute (self);
}

static void
manager_activated_cb (MkAnalysisPage *self,
                      const char     *name)
{
  mk_analysis_page_show_manager (self, name);
}

/* Actions */

static void
open_manager_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  mk_analysis_page_show_manager (MK_ANALYSIS_PAGE (widget), g_variant_get_string (param, NULL));
}

static void
back_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  MkAnalysisPage *self = MK_ANALYSIS_PAGE (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "overview");
}

static void
show_entries_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  MkAnalysisPage *self = MK_ANALYSIS_PAGE (widget);
  const char *name = mk_analysis_page_get_shown_manager (self);
  g_autoptr(MkPerson) person = NULL;
  GVariantDict filters;

  if (name == NULL || self->analysis == NULL || self->store == NULL)
    return;
  person = mk_store_find_person (self->store, name, NULL);
  if (person == NULL)
    return;

  /* The Entries page, filtered to this manager and the analysis period. */
  g_variant_dict_init (&filters, NULL);
  g_variant_dict_insert (&filters, "person", "x", mk_person_get_id (person));
  g_variant_dict_insert (&filters, "from", "s", mk_analysis_get_from (self->analysis));
  g_variant_dict_insert (&filters, "to", "s", mk_analysis_get_to (self->analysis));
  gtk_widget_activate_action_variant (widget, "win.show-entries", g_variant_dict_end (&filters));
}

static void
export_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  MkAnalysisPage *self = MK_ANALYSIS_PAGE (widget);
  MkReportFormat format = MK_REPORT_FORMAT_PDF;

  if (self->analysis == NULL)
    return;
  if (!mk_report_format_from_string (g_variant_get_string (param, NULL), &format))
    return;
  mk_analysis_export_choose (GTK_WINDOW (gtk_widget_get_root (widget)), self->analysis, format);
}

static void
print_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  MkAnalysisPage *self = MK_ANALYSIS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GError) error = NULL;

  if (self->analysis == NULL)
    return;
  if (!mk_analysis_print (GTK_WINDOW (root), self->analysis,
                          GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, NULL, &error) &&
      MK_IS_WINDOW (root))
    mk_window_show_error (MK_WINDOW (root), _("The Report Was Not Printed"), error);
}

/* Public API */

/**
 * mk_analysis_page_set_store:
 * @self: the page
 * @store: (nullable): the database to analyse
 *
 * Follows @store's "changed" signal and starts computing at once, in a
 * worker thread.
 */
void
mk_analysis_page_set_store (MkAnalysisPage *self,
                            MkStore        *store)
{
  g_return_if_fail (MK_IS_ANALYSIS_PAGE (self));
  g_return_if_fail (store == NULL || MK_IS_STORE (store));

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_set_object (&self->store, store);
  g_clear_handle_id (&self->warmup_source, g_source_remove);
  update_mine (self);
  if (store != NULL)
    {
      self->changed_id = g_signal_connect_swapped (store, "changed",
                                                   G_CALLBACK (store_changed_cb), self);
      self->stale = TRUE;
      if (gtk_widget_get_mapped (GTK_WIDGET (self)))
        mk_analysis_page_compute (self);
      else
        self->warmup_source = g_timeout_add (WARMUP_DELAY_MS, warmup_cb, self);
    }
}

/**
 * mk_analysis_page_get_analysis:
 * @self: the page
 *
 * Returns: (transfer none) (nullable): the analysis shown, or %NULL before
 *   the first one is computed or when nothing is logged.
 */
MkAnalysis *
mk_analysis_page_get_analysis (MkAnalysisPage *self)
{
  g_return_val_if_fail (MK_IS_ANALYSIS_PAGE (self), NULL);
  return self->analysis;
}

/**
 * mk_analysis_page_get_busy:
 * @self: the page
 *
 * Returns: %TRUE while an analysis is being computed.
 */
gboolean
mk_analysis_page_get_busy (MkAnalysisPage *self)
{
  g_return_val_if_fail (MK_IS_ANALYSIS_PAGE (self), FALSE);
  return self->busy;
}

/**
 * mk_analysis_page_set_period:
 * @self: the page
 * @period: which period to analyse
 * @from: (nullable): the first day, "YYYY-MM-DD", for a custom range
 * @to: (nullable): the last day, "YYYY-MM-DD", for a custom range
 *
 * Chooses the period, as the toolbar does, and recomputes.
 */
void
mk_analysis_page_set_period (MkAnalysisPage   *self,
                             MkAnalysisPeriod  period,
                             const char       *from,
                             const char       *to)
{
  g_return_if_fail (MK_IS_ANALYSIS_PAGE (self));
  g_return_if_fail (period != MK_ANALYSIS_PERIOD_CUSTOM || (from != NULL && to != NULL));

  if (period == MK_ANALYSIS_PERIOD_CUSTOM)
    {
      g_free (self->custom_from);
      g_free (self->custom_to);
      self->custom_from = g_strdup (from);
      self->custom_to = g_strdup (to);
      if (self->period == MK_ANALYSIS_PERIOD_CUSTOM)
        mk_analysis_page_compute (self);
    }
  gtk_drop_down_set_selected (self->period_dropdown, period);
}

/**
 * mk_analysis_page_set_peer_mode:
 * @self: the page
 * @mode: whom each manager is compared with
 */
void
mk_analysis_page_set_peer_mode (MkAnalysisPage *self,
                                MkPeerMode      mode)
{
  g_return_if_fail (MK_IS_ANALYSIS_PAGE (self));

  gtk_toggle_button_set_active (mode == MK_PEER_MODE_TEAM ? self->team_button
                                                          : self->level_button, TRUE);
}

/**
 * mk_analysis_page_show_manager:
 * @self: the page
 * @name: a manager's name, as in the analysis
 *
 * Opens @name's detail.  Before the first analysis is ready, the detail
 * opens when it is.
 *
 * Returns: %TRUE when the analysis has numbers for @name.
 */
gboolean
mk_analysis_page_show_manager (MkAnalysisPage *self,
                               const char     *name)
{
  g_return_val_if_fail (MK_IS_ANALYSIS_PAGE (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (self->analysis == NULL)
    {
      g_free (self->pending_person);
      self->pending_person = g_strdup (name);
      return FALSE;
    }

  mk_manager_detail_show (self->detail, self->store, self->analysis, name);
  adw_leaflet_set_visible_child_name (self->leaflet, "detail");
  return mk_manager_detail_has_result (self->detail);
}

/**
 * mk_analysis_page_show_person:
 * @self: the page
 * @name_or_id: a person's name (matched as the store matches names) or
 *   their id in decimal
 *
 * "My analysis": opens the detail of one person, exactly as the
 * supervisor sees it.  A person who logged nothing in the period gets a
 * detail that says so.
 */
void
mk_analysis_page_show_person (MkAnalysisPage *self,
                              const char     *name_or_id)
{
  g_autoptr(MkPerson) person = NULL;
  const char *end = NULL;
  gint64 id;

  g_return_if_fail (MK_IS_ANALYSIS_PAGE (self));
  g_return_if_fail (name_or_id != NULL);

  if (self->store != NULL)
    {
      id = g_ascii_strtoll (name_or_id, (char **) &end, 10);
      if (end != name_or_id && *end == '\0' && id > 0)
        person = mk_store_get_person (self->store, id, NULL);
      if (person == NULL)
        person = mk_store_find_person (self->store, name_or_id, NULL);
    }
  mk_analysis_page_show_manager (self, person != NULL ? mk_person_get_name (person) : name_or_id);
}

/**
 * mk_analysis_page_get_shown_manager:
 * @self: the page
 *
 * Returns: (transfer none) (nullable): the manager whose detail is open,
 *   or %NULL when the overview is shown.
 */
const char *
mk_analysis_page_get_shown_manager (MkAnalysisPage *self)
{
  g_return_val_if_fail (MK_IS_ANALYSIS_PAGE (self), NULL);

  if (g_strcmp0 (adw_leaflet_get_visible_child_name (self->leaflet), "detail") != 0)
    return NULL;
  return mk_manager_detail_get_name (self->detail);
}

/* GObject and GtkWidget */

/* The window knows the store only once its application is set, which is
 * after the page is rooted in it; so look again when it is. */
static void
find_store (MkAnalysisPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->store == NULL && MK_IS_WINDOW (root) && mk_window_get_store (MK_WINDOW (root)))
    mk_analysis_page_set_store (self, mk_window_get_store (MK_WINDOW (root)));
}

static void
mk_analysis_page_root (GtkWidget *widget)
{
  MkAnalysisPage *self = MK_ANALYSIS_PAGE (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (mk_analysis_page_parent_class)->root (widget);

  find_store (self);
  root = gtk_widget_get_root (widget);
  if (self->store == NULL && GTK_IS_WINDOW (root))
    g_signal_connect_object (root, "notify::application", G_CALLBACK (find_store), self,
                             G_CONNECT_SWAPPED);
}

static void
mk_analysis_page_map (GtkWidget *widget)
{
  MkAnalysisPage *self = MK_ANALYSIS_PAGE (widget);

  GTK_WIDGET_CLASS (mk_analysis_page_parent_class)->map (widget);

  find_store (self);
  if (self->stale)
    mk_analysis_page_compute (self);
}

static void
mk_analysis_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MkAnalysisPage *self = MK_ANALYSIS_PAGE (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_ANALYSIS:
      g_value_set_object (value, self->analysis);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mk_analysis_page_dispose (GObject *object)
{
  MkAnalysisPage *self = MK_ANALYSIS_PAGE (object);

  g_clear_handle_id (&self->change_source, g_source_remove);
  g_clear_handle_id (&self->warmup_source, g_source_remove);
  g_clear_handle_id (&self->retire_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), MK_TYPE_ANALYSIS_PAGE);

  G_OBJECT_CLASS (mk_analysis_page_parent_class)->dispose (object);
}

static void
mk_analysis_page_finalize (GObject *object)
{
  MkAnalysisPage *self = MK_ANALYSIS_PAGE (object);

  g_clear_object (&self->store);
  g_clear_object (&self->analysis);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->retired, g_ptr_array_unref);
  g_free (self->custom_from);
  g_free (self->custom_to);
  g_free (self->pending_person);
  g_free (self->me);

  G_OBJECT_CLASS (mk_analysis_page_parent_class)->finalize (object);
}

static void
mk_analysis_page_class_init (MkAnalysisPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mk_analysis_page_dispose;
  object_class->finalize = mk_analysis_page_finalize;
  object_class->get_property = mk_analysis_page_get_property;
  widget_class->root = mk_analysis_page_root;
  widget_class->map = mk_analysis_page_map;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ANALYSIS] =
    g_param_spec_object ("analysis", NULL, NULL, MK_TYPE_ANALYSIS,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MK_TYPE_TEAM_CHART);
  g_type_ensure (MK_TYPE_CHART_LEGEND);
  g_type_ensure (MK_TYPE_FINDINGS_VIEW);
  g_type_ensure (MK_TYPE_TOP_TASKS_VIEW);
  g_type_ensure (MK_TYPE_MANAGER_DETAIL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/mk-analysis-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MkAnalysisPage, leaflet);
  gtk_widget_class_bind_template_child (widget_class, MkAnalysisPage, overview_box);
  gtk_widget_class_bind_template_child (widget_class, MkAnalysisPage, detail_box);
  gtk_widget_class_bind_template_child (widget_class, MkAnalysisPage, toolbar);
  gtk_widget_class_bind_template_child (widget_class, MkAnalysisPage, peer_child);
  gtk_widget_class_bind_template_child (widget_class, MkAnalysisPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, MkAnalysisPage, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MkAnalysisPage, range_child);
  gtk_widget_class_bind_template_child (widget_class, MkAnalysisPage, from_button);
  gtk_widget_class_bind_template_child (widget_class, MkAnalysisPage, to_button);
  gtk_widget_class_bind_template_child (widget_class, MkAnalysisPage, from_calendar);
  gtk_widget_class_bind_template_child (widget_class, MkAnalysisPage, to_calendar);
  gtk_widget_class_bind_template_child (widget_class, MkAnalysisPage, team_button);
  gtk_widget_class_bind_template_child (widget_class, MkAnalysisPage, level_button);
  gtk_widget_class_bind_template_child (widget_class, MkAnalysisPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, MkAnalysisPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, MkAnalysisPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, MkAnalysisPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, MkAnalysisPage, demo_button);
  gtk_widget_class_bind_template_child (widget_class, MkAnalysisPage, period_label);
  gtk_widget_class_bind_template_child (widget_class, MkAnalysisPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, MkAnalysisPage, profile_label);
  gtk_widget_class_bind_template_child (widget_class, MkAnalysisPage, chart);
  gtk_widget_class_bind_template_child (widget_class, MkAnalysisPage, legend);
  gtk_widget_class_bind_template_child (widget_class, MkAnalysisPage, findings);
  gtk_widget_class_bind_template_child (widget_class, MkAnalysisPage, top_tasks);
  gtk_widget_class_bind_template_child (widget_class, MkAnalysisPage, detail);
  gtk_widget_class_bind_template_callback (widget_class, range_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, peer_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, manager_activated_cb);

  gtk_widget_class_install_action (widget_class, "analysis.open-manager", "s",
                                   open_manager_action_cb);
  gtk_widget_class_install_action (widget_class, "analysis.back", NULL, back_action_cb);
  gtk_widget_class_install_action (widget_class, "analysis.show-entries", NULL,
                                   show_entries_action_cb);
  gtk_widget_class_install_action (widget_class, "analysis.export", "s", export_action_cb);
  gtk_widget_class_install_action (widget_class, "analysis.print", NULL, print_action_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

/* The period button shows its choice in a label as wide as the longest
 * choice, so that choosing another period moves nothing beside it. */
static void
period_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (label), GPOINTER_TO_INT (user_data));
  gtk_label_set_max_width_chars (GTK_LABEL (label), GPOINTER_TO_INT (user_data));
  gtk_list_item_set_child (item, label);
}

static void
period_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)),
                      string ? gtk_string_object_get_string (string) : "");
}

static void
set_period_factory (MkAnalysisPage *self)
{
  GListModel *model = gtk_drop_down_get_model (self->period_dropdown);
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  glong chars = 0;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) string = g_list_model_get_item (model, i);

      chars = MAX (chars, g_utf8_strlen (gtk_string_object_get_string (string), -1));
    }
  g_signal_connect (factory, "setup", G_CALLBACK (period_setup_cb),
                    GINT_TO_POINTER ((int) MIN (chars, 40)));
  g_signal_connect (factory, "bind", G_CALLBACK (period_bind_cb), NULL);
  gtk_drop_down_set_factory (self->period_dropdown, factory);
}

static void
mk_analysis_page_init (MkAnalysisPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  set_period_factory (self);

  self->cancellable = g_cancellable_new ();
  self->retired = g_ptr_array_new_with_free_func (g_object_unref);
  self->mode = MK_PEER_MODE_LEVEL;
  self->period = MK_ANALYSIS_PERIOD_STUDY;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  g_signal_connect_swapped (self->period_dropdown, "notify::selected",
                            G_CALLBACK (period_changed_cb), self);
  update_actions (self);
  gtk_stack_set_visible_child_name (self->content_stack, "loading");
}

/**
 * mk_analysis_page_new:
 *
 * Returns: (transfer full): a new Analysis page; it finds the store of
 *   the window it is put in.
 */
GtkWidget *
mk_analysis_page_new (void)
{
  return g_object_new (MK_TYPE_ANALYSIS_PAGE, NULL);
}
