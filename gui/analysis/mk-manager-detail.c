/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-manager-detail.c — one manager's analysis, in detail.
 *
 * What the supervisor sees after clicking a bar, and what a manager sees
 * from "My analysis": the sample (days, minutes a day, coverage, peer
 * group), a weak-sample warning, the two yardsticks (the selling time that
 * could be won back against the peers, the time above the targets), every
 * category's share against the peer median and target on one scale, with
 * what the time in it went on, the days on a clock with the prime selling
 * hours shaded (read in a worker thread), and the findings.  The back
 * button and "Show Entries" are the page's actions ("analysis.back",
 * "analysis.show-entries").
 *
 * Invariants.  Every number comes from the MkAnalysis; the only thing read
 * from the store is the manager's entries for the day timelines, through a
 * core MkEntryList on the worker's own connection, copied into the
 * timeline.  A newer show cancels the reading of an older one.  Showing a
 * manager the analysis has no result for (no time in the period) is not an
 * error: the detail says so.
 */
#define G_LOG_DOMAIN "mk-manager-detail"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "mk-analysis-format.h"
#include "mk-analysis.h"
#include "mk-day-timeline.h"
#include "mk-entry-list.h"
#include "mk-findings-view.h"
#include "mk-manager-detail.h"
#include "mk-share-bar.h"

struct _MkManagerDetail
{
  GtkWidget             parent_instance;

  char                 *name;
  gboolean              has_result;
  MkSettings            settings;       /* of the analysis shown, for the prime hours */
  GCancellable         *days_cancellable;
  gboolean              days_loading;

  GtkWidget            *main_box;
  GtkWidget            *back_button;
  GtkLabel             *title_label;
  GtkScrolledWindow    *scroller;
  GtkLabel             *sample_label;
  GtkWidget            *weak_box;
  GtkLabel             *weak_label;
  GtkLabel             *reclaim_label;
  AdwPreferencesGroup  *categories_group;
  GtkListBox           *categories_list;
  AdwPreferencesGroup  *days_group;
  MkDayTimeline        *timeline;
  AdwPreferencesGroup  *findings_group;
  GtkListBox           *findings_list;
  GtkWidget            *entries_button;
};

G_DEFINE_FINAL_TYPE (MkManagerDetail, mk_manager_detail, GTK_TYPE_WIDGET)

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static char *
sample_text (MkManagerResult *manager)
{
  g_autofree char *per_day = mk_format_minutes (mk_manager_result_get_minutes_per_day (manager));
  g_autofree char *coverage = mk_format_percent (mk_manager_result_get_coverage (manager));
  MkLevel level = mk_manager_result_get_level (manager);
  guint days = mk_manager_result_get_days (manager);
  GString *text = g_string_new (NULL);

  if (level != MK_LEVEL_NONE)
    g_string_append_printf (text, "%s · ", mk_level_label (level));
  g_string_append_printf (text, ngettext ("%u day logged, %s a day (%s of a working day)",
                                          "%u days logged, %s a day (%s of a working day)", days),
                          days, per_day, coverage);
  g_string_append (text, " · ");
  g_string_append (text, mk_manager_result_get_peer_is_level (manager)
                         ? _("compared with the same level")
                         : _("compared with the whole team"));
  return g_string_free (text, FALSE);
}

/* The most severe finding about @key's share, for the row's icon. */
static MkFinding *
category_finding (MkManagerResult *manager,
                  const char      *key)
{
  static const MkFindingKind kinds[] = { MK_FINDING_OVER, MK_FINDING_UNDER, MK_FINDING_TARGET };
  MkFinding *worst = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      MkFinding *finding = mk_manager_result_find (manager, kinds[i], key);

      if (finding != NULL
          && (worst == NULL || mk_finding_get_severity (finding) > mk_finding_get_severity (worst)))
        worst = finding;
    }
  return worst;
}

static GtkWidget *
category_row (MkAnalysis      *analysis,
              MkManagerResult *manager,
              guint            category,
              double           scale)
{
  double share = mk_manager_result_get_share (manager, category);
  double median = mk_manager_result_get_peer_median (manager, category);
  double target_min = mk_analysis_get_category_target_min (analysis, category);
  double target_max = mk_analysis_get_category_target_max (analysis, category);
  MkFinding *finding = category_finding (manager,
                                         mk_analysis_get_category_key (analysis, category));
  g_autofree char *percent = mk_format_percent (share);
  g_autofree char *minutes = mk_format_minutes (mk_manager_result_get_category_minutes (manager,
                                                                                        category));
  g_autofree char *median_text = mk_format_median (manager, median);
  g_autofree char *target = mk_format_target (target_min, target_max);
  g_autofree char *details = NULL;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *name = gtk_label_new (mk_analysis_get_category_name (analysis, category));
  GtkWidget *value = gtk_label_new (percent);
  GtkWidget *sub;
  GtkWidget *bar;

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_box_append (GTK_BOX (line), name);
  if (finding != NULL)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name (
        mk_severity_icon_name (mk_finding_get_severity (finding)));

      gtk_widget_add_css_class (icon, mk_finding_get_severity (finding) == MK_SEVERITY_CRITICAL
                                      ? "error" : "warning");
      gtk_widget_set_tooltip_text (icon, mk_finding_get_message (finding));
      gtk_box_append (GTK_BOX (line), icon);
    }
  gtk_widget_add_css_class (value, "heading");
  gtk_widget_add_css_class (value, "numeric");
  gtk_box_append (GTK_BOX (line), value);
  gtk_box_append (GTK_BOX (box), line);

  details = target != NULL ? g_strdup_printf ("%s · %s · %s", minutes, median_text, target)
                           : g_strdup_printf ("%s · %s", minutes, median_text);
  sub = gtk_label_new (details);
  gtk_label_set_xalign (GTK_LABEL (sub), 0);
  gtk_label_set_wrap (GTK_LABEL (sub), TRUE);
  gtk_widget_add_css_class (sub, "dim-label");
  gtk_widget_add_css_class (sub, "caption");
  gtk_box_append (GTK_BOX (box), sub);

  /* What the time went on: the largest task texts. */
  if (mk_manager_result_get_n_top_tasks (manager, category) > 0)
    {
      g_autoptr(GString) tasks = g_string_new (NULL);
      GtkWidget *items;

      for (guint i = 0; i < mk_manager_result_get_n_top_tasks (manager, category); i++)
        {
          double task_share = 0;
          const char *text = mk_manager_result_get_top_task (manager, category, i, NULL,
                                                             &task_share);
          g_autofree char *label = mk_analysis_top_task_label (text);
          g_autofree char *task_percent = mk_format_percent (task_share);

          g_string_append_printf (tasks, "%s%s %s", i > 0 ? " · " : "", label, task_percent);
        }
      items = gtk_label_new (tasks->str);
      gtk_label_set_xalign (GTK_LABEL (items), 0);
      gtk_label_set_wrap (GTK_LABEL (items), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (items), PANGO_WRAP_WORD_CHAR);
      gtk_widget_add_css_class (items, "caption");
      gtk_widget_set_name (items, "top_tasks");
      gtk_box_append (GTK_BOX (box), items);
    }

  bar = mk_share_bar_new (mk_analysis_get_category_color (analysis, category), share, median,
                          target_min, target_max, scale);
  gtk_box_append (GTK_BOX (box), bar);

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static void
fill_categories (MkManagerDetail *self,
                 MkAnalysis      *analysis,
                 MkManagerResult *manager)
{
  guint n = mk_analysis_get_n_categories (analysis);
  double scale = 0.2;

  /* One scale for every row, so the bars compare with each other. */
  for (guint c = 0; c < n; c++)
    {
      double values[] = { mk_manager_result_get_share (manager, c),
                          mk_manager_result_get_peer_median (manager, c),
                          mk_analysis_get_category_target_min (analysis, c) };

      for (guint k = 0; k < G_N_ELEMENTS (values); k++)
        if (!isnan (values[k]))
          scale = MAX (scale, values[k]);
    }
  scale = MIN (ceil (scale * 10 + 0.5) / 10, 1.0);

  /* The scale the bars are drawn on, above them, in a row like theirs. */
  {
    GtkWidget *row = gtk_list_box_row_new ();
    GtkWidget *axis = mk_share_bar_new_axis (scale);

    gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
    gtk_widget_set_margin_start (axis, 12);
    gtk_widget_set_margin_end (axis, 12);
    gtk_widget_set_margin_top (axis, 6);
    gtk_widget_set_margin_bottom (axis, 2);
    gtk_widget_set_name (axis, "scale");
    gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), axis);
    gtk_list_box_append (self->categories_list, row);
  }

  for (guint c = 0; c < n; c++)
    {
      double median = mk_manager_result_get_peer_median (manager, c);

      if (mk_manager_result_get_category_minutes (manager, c) <= 0
          && (isnan (median) || median < 0.005))
        continue;
      gtk_list_box_append (self->categories_list, category_row (analysis, manager, c, scale));
    }
}

static void
show_days (MkManagerDetail *self,
           GListModel      *entries)
{
  g_autoptr(GString) description = g_string_new (NULL);
  const MkSettings *settings = &self->settings;
  guint untimed;

  mk_day_timeline_set_entries (self->timeline, entries, settings);
  if (mk_day_timeline_get_n_days (self->timeline) == 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->days_group), FALSE);
      return;
    }

  g_string_append (description, _("Shaded: prime selling hours"));
  for (guint i = 0; i < settings->n_prime; i++)
    {
      g_autofree char *range = mk_format_time_range (settings->prime[i].start,
                                                     settings->prime[i].end);

      g_string_append_printf (description, "%s%s", i == 0 ? " " : ", ", range);
    }
  g_string_append_c (description, '.');
  untimed = mk_day_timeline_get_n_untimed (self->timeline);
  if (untimed > 0)
    {
      g_string_append_c (description, ' ');
      g_string_append_printf (description,
                              ngettext ("%u entry without a start time is not shown.",
                                        "%u entries without a start time are not shown.",
                                        untimed), untimed);
    }
  adw_preferences_group_set_description (self->days_group, description->str);
  gtk_widget_set_visible (GTK_WIDGET (self->days_group), TRUE);
}

/* The manager's entries are read in a worker thread on a connection of its
 * own (a store is used from one thread at a time), so opening a detail
 * never waits on the database, however big. */
typedef struct {
  char *path;
  char *name;
  char *email;
  char *from;
  char *to;
} DaysRequest;

static void
days_request_free (gpointer data)
{
  DaysRequest *request = data;

  g_free (request->path);
  g_free (request->name);
  g_free (request->email);
  g_free (request->from);
  g_free (request->to);
  g_free (request);
}

static void
days_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  DaysRequest *request = task_data;
  g_autoptr(MkStore) store = NULL;
  g_autoptr(MkPerson) person = NULL;
  g_autoptr(MkEntryList) entries = NULL;
  g_autoptr(GListStore) copy = g_list_store_new (MK_TYPE_ENTRY);
  GError *error = NULL;
  guint n;

  store = mk_store_open (request->path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  person = mk_store_find_person (store, request->name, request->email);
  if (person != NULL)
    {
      entries = mk_entry_list_new (store);
      mk_entry_list_set_person (entries, mk_person_get_id (person));
      mk_entry_list_set_range (entries, request->from, request->to);
      mk_entry_list_set_sort (entries, MK_ENTRY_SORT_TIME, FALSE);
      n = g_list_model_get_n_items (G_LIST_MODEL (entries));
      for (guint i = 0; i < n && !g_cancellable_is_cancelled (cancellable); i++)
        {
          g_autoptr(MkEntry) entry = g_list_model_get_item (G_LIST_MODEL (entries), i);

          g_list_store_append (copy, entry);
        }
    }
  g_task_return_pointer (task, g_steal_pointer (&copy), g_object_unref);
}

static void
days_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(MkManagerDetail) self = user_data;
  g_autoptr(GListModel) entries = NULL;
  g_autoptr(GError) error = NULL;

  entries = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (entries == NULL)
    g_warning ("The day timelines could not be read: %s", error->message);
  self->days_loading = FALSE;
  show_days (self, entries);
}

static void
fill_days (MkManagerDetail *self,
           MkStore         *store,
           MkAnalysis      *analysis,
           MkManagerResult *manager)
{
  g_autoptr(GTask) task = NULL;
  DaysRequest *request;

  g_cancellable_cancel (self->days_cancellable);
  g_clear_object (&self->days_cancellable);
  gtk_widget_set_visible (GTK_WIDGET (self->days_group), FALSE);
  if (store == NULL)
    return;

  self->settings = *mk_analysis_get_settings (analysis);
  self->days_cancellable = g_cancellable_new ();
  self->days_loading = TRUE;

  request = g_new0 (DaysRequest, 1);
  request->path = g_strdup (mk_store_get_path (store));
  request->name = g_strdup (mk_manager_result_get_name (manager));
  request->email = g_strdup (mk_manager_result_get_email (manager));
  request->from = g_strdup (mk_analysis_get_from (analysis));
  request->to = g_strdup (mk_analysis_get_to (analysis));

  task = g_task_new (NULL, self->days_cancellable, days_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, fill_days);
  g_task_set_task_data (task, request, days_request_free);
  g_task_run_in_thread (task, days_thread);
}

/**
 * mk_manager_detail_get_days_loading:
 * @self: the detail
 *
 * Returns: %TRUE while the day timelines are being read.
 */
gboolean
mk_manager_detail_get_days_loading (MkManagerDetail *self)
{
  g_return_val_if_fail (MK_IS_MANAGER_DETAIL (self), FALSE);
  return self->days_loading;
}

static void
fill_findings (MkManagerDetail *self,
               MkManagerResult *manager)
{
  GListModel *findings = mk_manager_result_get_findings (manager);
  guint n = g_list_model_get_n_items (findings);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MkFinding) finding = g_list_model_get_item (findings, i);

      gtk_list_box_append (self->findings_list, mk_findings_row_new (finding, TRUE));
    }
  if (n == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("Nothing stands out: this time looks like the peers’."));
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name ("object-select-symbolic"));
      gtk_list_box_append (self->findings_list, row);
    }
}

static void
fill_reclaim (MkManagerDetail *self,
              MkManagerResult *manager)
{
  g_autofree char *peers = mk_manager_result_describe_reclaim (manager);
  g_autofree char *targets = mk_manager_result_describe_vs_target (manager);
  g_autoptr(GString) text = g_string_new (NULL);

  /* The two yardsticks: who is off (the peers), and how far from where we
   * want to be (the targets).  A weak sample gives neither. */
  if (mk_manager_result_get_weak_sample (manager))
    g_string_append (text, _("No time to win back is worked out from a weak sample."));
  else
    {
      if (peers != NULL)
        g_string_append_printf (text, _("Against the peers: %s"), peers);
      else
        g_string_append (text, _("Against the peers: nothing to win back."));
      g_string_append_c (text, '\n');
      if (targets != NULL)
        g_string_append_printf (text, _("Against the targets: %s"), targets);
      else
        g_string_append (text, _("Against the targets: non-selling work is within them."));
    }
  gtk_label_set_text (self->reclaim_label, text->str);
}

/**
 * mk_manager_detail_show:
 * @self: the detail
 * @store: (nullable): the store, for the manager's entries on the timelines
 * @analysis: the analysis
 * @name: the manager's name, as in the analysis
 *
 * Shows @name's part of @analysis, or says that @name logged no time in
 * the analysis's period.
 */
void
mk_manager_detail_show (MkManagerDetail *self,
                        MkStore         *store,
                        MkAnalysis      *analysis,
                        const char      *name)
{
  MkManagerResult *manager;
  g_autofree char *period = NULL;

  g_return_if_fail (MK_IS_MANAGER_DETAIL (self));
  g_return_if_fail (MK_IS_ANALYSIS (analysis));
  g_return_if_fail (name != NULL);

  /* Another manager starts at the top; the same one, recomputed, stays
   * where the reader was. */
  if (g_strcmp0 (self->name, name) != 0)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  if (self->name != name)
    {
      g_free (self->name);
      self->name = g_strdup (name);
    }
  gtk_label_set_text (self->title_label, name);
  clear_list (self->categories_list);
  clear_list (self->findings_list);

  manager = mk_analysis_find_manager (analysis, name);
  self->has_result = manager != NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->categories_group), manager != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->findings_group), manager != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->reclaim_label), manager != NULL);

  if (manager == NULL)
    {
      g_autofree char *text = NULL;

      period = mk_format_period (mk_analysis_get_from (analysis), mk_analysis_get_to (analysis));
      text = g_strdup_printf (_("%s logged no time in this period (%s). Choose another period "
                                "or log the day on the Today page."), name, period);
      gtk_label_set_text (self->sample_label, text);
      gtk_widget_set_visible (self->weak_box, FALSE);
      g_cancellable_cancel (self->days_cancellable);
      self->days_loading = FALSE;
      gtk_widget_set_visible (GTK_WIDGET (self->days_group), FALSE);
      return;
    }

  {
    g_autofree char *sample = sample_text (manager);

    gtk_label_set_text (self->sample_label, sample);
  }
  gtk_widget_set_visible (self->weak_box, mk_manager_result_get_weak_sample (manager));
  gtk_label_set_text (self->weak_label,
                      _("A weak sample: too few days or too little of the day logged. The "
                        "numbers are shown, but left out of the team medians."));
  fill_reclaim (self, manager);
  fill_categories (self, analysis, manager);
  fill_days (self, store, analysis, manager);
  fill_findings (self, manager);
}

/**
 * mk_manager_detail_get_name:
 * @self: the detail
 *
 * Returns: (transfer none) (nullable): the manager shown.
 */
const char *
mk_manager_detail_get_name (MkManagerDetail *self)
{
  g_return_val_if_fail (MK_IS_MANAGER_DETAIL (self), NULL);
  return self->name;
}

/**
 * mk_manager_detail_has_result:
 * @self: the detail
 *
 * Returns: %TRUE when the manager shown has numbers in the analysis.
 */
gboolean
mk_manager_detail_has_result (MkManagerDetail *self)
{
  g_return_val_if_fail (MK_IS_MANAGER_DETAIL (self), FALSE);
  return self->has_result;
}

static void
mk_manager_detail_dispose (GObject *object)
{
  MkManagerDetail *self = MK_MANAGER_DETAIL (object);

  g_cancellable_cancel (self->days_cancellable);
  g_clear_object (&self->days_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), MK_TYPE_MANAGER_DETAIL);

  G_OBJECT_CLASS (mk_manager_detail_parent_class)->dispose (object);
}

static void
mk_manager_detail_finalize (GObject *object)
{
  MkManagerDetail *self = MK_MANAGER_DETAIL (object);

  g_free (self->name);

  G_OBJECT_CLASS (mk_manager_detail_parent_class)->finalize (object);
}

static void
mk_manager_detail_class_init (MkManagerDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mk_manager_detail_dispose;
  object_class->finalize = mk_manager_detail_finalize;

  g_type_ensure (MK_TYPE_DAY_TIMELINE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/mk-manager-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, MkManagerDetail, main_box);
  gtk_widget_class_bind_template_child (widget_class, MkManagerDetail, back_button);
  gtk_widget_class_bind_template_child (widget_class, MkManagerDetail, title_label);
  gtk_widget_class_bind_template_child (widget_class, MkManagerDetail, scroller);
  gtk_widget_class_bind_template_child (widget_class, MkManagerDetail, sample_label);
  gtk_widget_class_bind_template_child (widget_class, MkManagerDetail, weak_box);
  gtk_widget_class_bind_template_child (widget_class, MkManagerDetail, weak_label);
  gtk_widget_class_bind_template_child (widget_class, MkManagerDetail, reclaim_label);
  gtk_widget_class_bind_template_child (widget_class, MkManagerDetail, categories_group);
  gtk_widget_class_bind_template_child (widget_class, MkManagerDetail, categories_list);
  gtk_widget_class_bind_template_child (widget_class, MkManagerDetail, days_group);
  gtk_widget_class_bind_template_child (widget_class, MkManagerDetail, timeline);
  gtk_widget_class_bind_template_child (widget_class, MkManagerDetail, findings_group);
  gtk_widget_class_bind_template_child (widget_class, MkManagerDetail, findings_list);
  gtk_widget_class_bind_template_child (widget_class, MkManagerDetail, entries_button);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
mk_manager_detail_init (MkManagerDetail *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * mk_manager_detail_new:
 *
 * Returns: (transfer full): a new, empty detail.
 */
GtkWidget *
mk_manager_detail_new (void)
{
  return g_object_new (MK_TYPE_MANAGER_DETAIL, NULL);
}

/**
 * mk_manager_detail_set_can_go_back:
 * @self: the detail
 * @can_go_back: whether the back button (to the team) shows
 *
 * A manager's own analysis ("My Analysis") has no team to go back to.
 */
void
mk_manager_detail_set_can_go_back (MkManagerDetail *self,
                                   gboolean         can_go_back)
{
  g_return_if_fail (MK_IS_MANAGER_DETAIL (self));

  gtk_widget_set_visible (self->back_button, can_go_back);
}
