/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-analysis.c — the MkAnalysis result object and its accessors.
 *
 * An MkAnalysis is immutable once mk_analysis_new() (mk-analysis-engine.c)
 * has returned it.  Category indexes run 0 … n − 1 in the order of the
 * input (the categories' sort order); an index out of range is a programmer
 * error and answered with a critical warning.
 */
#define G_LOG_DOMAIN "mk-analysis"

#include "config.h"

#include <math.h>

#include "mk-analysis-private.h"

G_DEFINE_FINAL_TYPE (MkAnalysis, mk_analysis, G_TYPE_OBJECT)

static void
peer_stats_clear (MkPeerStats *stats)
{
  g_clear_pointer (&stats->median, g_free);
  g_clear_pointer (&stats->mad, g_free);
}

static void
peer_stats_free (gpointer data)
{
  peer_stats_clear (data);
  g_free (data);
}

static void
mk_analysis_finalize (GObject *object)
{
  MkAnalysis *self = MK_ANALYSIS (object);

  g_free (self->from);
  g_free (self->to);
  for (guint c = 0; self->top_tasks != NULL && c < self->categories->len; c++)
    g_clear_pointer (&self->top_tasks[c], g_ptr_array_unref);
  g_clear_pointer (&self->top_tasks, g_free);
  g_clear_pointer (&self->categories, g_ptr_array_unref);
  peer_stats_clear (&self->team);
  g_clear_pointer (&self->level_stats, g_ptr_array_unref);
  g_free (self->team_minutes);
  g_clear_object (&self->managers);
  g_clear_object (&self->ranking);
  g_clear_object (&self->findings);
  g_clear_object (&self->team_findings);
  g_free (self->summary);

  G_OBJECT_CLASS (mk_analysis_parent_class)->finalize (object);
}

static void
mk_analysis_class_init (MkAnalysisClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mk_analysis_finalize;
}

static void
mk_analysis_init (MkAnalysis *self)
{
  self->managers = g_list_store_new (MK_TYPE_MANAGER_RESULT);
  self->ranking = g_list_store_new (MK_TYPE_MANAGER_RESULT);
  self->findings = g_list_store_new (MK_TYPE_FINDING);
  self->team_findings = g_list_store_new (MK_TYPE_FINDING);
  self->level_stats = g_ptr_array_new_with_free_func (peer_stats_free);
  self->calls_category = -1;
  self->extra_calls = NAN;
}

/**
 * mk_analysis_get_from:
 * @self: an analysis
 *
 * Returns: (transfer none) (nullable): the first day of the period.
 */
const char *
mk_analysis_get_from (MkAnalysis *self)
{
  g_return_val_if_fail (MK_IS_ANALYSIS (self), NULL);
  return self->from;
}

/**
 * mk_analysis_get_to:
 * @self: an analysis
 *
 * Returns: (transfer none) (nullable): the last day of the period.
 */
const char *
mk_analysis_get_to (MkAnalysis *self)
{
  g_return_val_if_fail (MK_IS_ANALYSIS (self), NULL);
  return self->to;
}

/**
 * mk_analysis_get_peer_mode:
 * @self: an analysis
 *
 * Returns: how peer groups were chosen.
 */
MkPeerMode
mk_analysis_get_peer_mode (MkAnalysis *self)
{
  g_return_val_if_fail (MK_IS_ANALYSIS (self), MK_PEER_MODE_TEAM);
  return self->mode;
}

/**
 * mk_analysis_get_settings:
 * @self: an analysis
 *
 * Returns: (transfer none): the thresholds the analysis used.
 */
const MkSettings *
mk_analysis_get_settings (MkAnalysis *self)
{
  g_return_val_if_fail (MK_IS_ANALYSIS (self), NULL);
  return &self->settings;
}

/**
 * mk_analysis_is_empty:
 * @self: an analysis
 *
 * Returns: %TRUE when nobody logged any time in the period.
 */
gboolean
mk_analysis_is_empty (MkAnalysis *self)
{
  g_return_val_if_fail (MK_IS_ANALYSIS (self), TRUE);
  return self->total_minutes == 0;
}

/**
 * mk_analysis_get_n_categories:
 * @self: an analysis
 *
 * Returns: how many categories the analysis has; indexes run 0 … n − 1 in
 *   the categories' sort order.
 */
guint
mk_analysis_get_n_categories (MkAnalysis *self)
{
  g_return_val_if_fail (MK_IS_ANALYSIS (self), 0);
  return self->categories->len;
}

/**
 * mk_analysis_find_category:
 * @self: an analysis
 * @key: a category key
 *
 * Returns: the index of the category with @key, or -1.
 */
int
mk_analysis_find_category (MkAnalysis *self,
                           const char *key)
{
  g_return_val_if_fail (MK_IS_ANALYSIS (self), -1);

  for (guint i = 0; i < self->categories->len; i++)
    {
      const MkInCategory *c = g_ptr_array_index (self->categories, i);

      if (g_strcmp0 (c->key, key) == 0)
        return (int) i;
    }

  return -1;
}

static const MkInCategory *
category_at (MkAnalysis *self,
             guint       category)
{
  if (!MK_IS_ANALYSIS (self) || category >= self->categories->len)
    {
      g_critical ("no category %u in this analysis", category);
      return NULL;
    }

  return g_ptr_array_index (self->categories, category);
}

/**
 * mk_analysis_get_category_key:
 * @self: an analysis
 * @category: a category index
 *
 * Returns: (transfer none): the stable key of the category.
 */
const char *
mk_analysis_get_category_key (MkAnalysis *self,
                              guint       category)
{
  const MkInCategory *c = category_at (self, category);

  return c != NULL ? c->key : NULL;
}

/**
 * mk_analysis_get_category_name:
 * @self: an analysis
 * @category: a category index
 *
 * Returns: (transfer none): the display name of the category.
 */
const char *
mk_analysis_get_category_name (MkAnalysis *self,
                               guint       category)
{
  const MkInCategory *c = category_at (self, category);

  return c != NULL ? c->name : NULL;
}

/**
 * mk_analysis_get_category_color:
 * @self: an analysis
 * @category: a category index
 *
 * Returns: (transfer none): the colour of the category, "#rrggbb".
 */
const char *
mk_analysis_get_category_color (MkAnalysis *self,
                                guint       category)
{
  const MkInCategory *c = category_at (self, category);

  return c != NULL ? c->color : NULL;
}

/**
 * mk_analysis_get_category_class:
 * @self: an analysis
 * @category: a category index
 *
 * Returns: selling, supporting or non-selling.
 */
MkCategoryKind
mk_analysis_get_category_class (MkAnalysis *self,
                                guint       category)
{
  const MkInCategory *c = category_at (self, category);

  return c != NULL ? c->klass : MK_CATEGORY_KIND_NON_SELLING;
}

/**
 * mk_analysis_get_category_target_min:
 * @self: an analysis
 * @category: a category index
 *
 * Returns: the lowest share wanted, 0..1, or a negative value for none.
 */
double
mk_analysis_get_category_target_min (MkAnalysis *self,
                                     guint       category)
{
  const MkInCategory *c = category_at (self, category);

  return c != NULL ? c->target_min : -1;
}

/**
 * mk_analysis_get_category_target_max:
 * @self: an analysis
 * @category: a category index
 *
 * Returns: the highest share wanted, 0..1, or a negative value for none.
 */
double
mk_analysis_get_category_target_max (MkAnalysis *self,
                                     guint       category)
{
  const MkInCategory *c = category_at (self, category);

  return c != NULL ? c->target_max : -1;
}

/**
 * mk_analysis_get_team_median:
 * @self: an analysis
 * @category: a category index
 *
 * Returns: the median share of @category over the managers with an
 *   adequate sample (over everyone when nobody's sample is adequate).
 */
double
mk_analysis_get_team_median (MkAnalysis *self,
                             guint       category)
{
  g_return_val_if_fail (category_at (self, category) != NULL, 0);
  return self->team.median[category];
}

/**
 * mk_analysis_get_team_mad:
 * @self: an analysis
 * @category: a category index
 *
 * Returns: the team's robust deviation of the share of @category: the
 *   median absolute deviation × 1.4826, at least %MK_ANALYSIS_MAD_FLOOR.
 */
double
mk_analysis_get_team_mad (MkAnalysis *self,
                          guint       category)
{
  g_return_val_if_fail (category_at (self, category) != NULL, 0);
  return self->team.mad[category];
}

/**
 * mk_analysis_get_team_minutes:
 * @self: an analysis
 * @category: a category index
 *
 * Returns: minutes the whole team logged in @category.
 */
int
mk_analysis_get_team_minutes (MkAnalysis *self,
                              guint       category)
{
  g_return_val_if_fail (category_at (self, category) != NULL, 0);
  return (int) self->team_minutes[category];
}

/**
 * mk_analysis_get_team_share:
 * @self: an analysis
 * @category: a category index
 *
 * Returns: the part of the team's total time in @category, 0..1.
 */
double
mk_analysis_get_team_share (MkAnalysis *self,
                            guint       category)
{
  g_return_val_if_fail (category_at (self, category) != NULL, 0);
  if (self->total_minutes == 0)
    return 0;
  return (double) self->team_minutes[category] / (double) self->total_minutes;
}

/**
 * mk_analysis_get_managers:
 * @self: an analysis
 *
 * Returns: (transfer none): the managers (MkManagerResult) who logged time
 *   in the period, by name.
 */
GListModel *
mk_analysis_get_managers (MkAnalysis *self)
{
  g_return_val_if_fail (MK_IS_ANALYSIS (self), NULL);
  return G_LIST_MODEL (self->managers);
}

/**
 * mk_analysis_find_manager:
 * @self: an analysis
 * @name: a display name
 *
 * Returns: (transfer none) (nullable): the manager called @name, or %NULL.
 */
MkManagerResult *
mk_analysis_find_manager (MkAnalysis *self,
                          const char *name)
{
  guint n;

  g_return_val_if_fail (MK_IS_ANALYSIS (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->managers));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MkManagerResult) m = g_list_model_get_item (G_LIST_MODEL (self->managers), i);

      if (g_strcmp0 (m->name, name) == 0)
        return m;   /* the list store keeps its own reference */
    }

  return NULL;
}

/**
 * mk_analysis_get_ranking:
 * @self: an analysis
 *
 * Returns: (transfer none): the managers by reclaimable minutes per day,
 *   the most first.
 */
GListModel *
mk_analysis_get_ranking (MkAnalysis *self)
{
  g_return_val_if_fail (MK_IS_ANALYSIS (self), NULL);
  return G_LIST_MODEL (self->ranking);
}

/**
 * mk_analysis_get_findings:
 * @self: an analysis
 *
 * Returns: (transfer none): every manager's findings (MkFinding), most
 *   severe first.
 */
GListModel *
mk_analysis_get_findings (MkAnalysis *self)
{
  g_return_val_if_fail (MK_IS_ANALYSIS (self), NULL);
  return G_LIST_MODEL (self->findings);
}

/**
 * mk_analysis_get_team_findings:
 * @self: an analysis
 *
 * Returns: (transfer none): the findings about the whole team (MkFinding,
 *   kinds `team_target` and `team_selling`), most severe first.
 */
GListModel *
mk_analysis_get_team_findings (MkAnalysis *self)
{
  g_return_val_if_fail (MK_IS_ANALYSIS (self), NULL);
  return G_LIST_MODEL (self->team_findings);
}

/**
 * mk_analysis_find_team_finding:
 * @self: an analysis
 * @kind: `team_target` or `team_selling`
 * @category_key: (nullable): the category, or %NULL for any
 *
 * Returns: (transfer none) (nullable): the team finding, or %NULL.
 */
MkFinding *
mk_analysis_find_team_finding (MkAnalysis    *self,
                               MkFindingKind  kind,
                               const char    *category_key)
{
  GListModel *list;

  g_return_val_if_fail (MK_IS_ANALYSIS (self), NULL);

  list = G_LIST_MODEL (self->team_findings);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(MkFinding) f = g_list_model_get_item (list, i);

      if (f->kind == kind
          && (category_key == NULL || g_strcmp0 (f->category_key, category_key) == 0))
        return f;   /* the list store keeps its own reference */
    }
  return NULL;
}

/**
 * mk_analysis_get_n_top_tasks:
 * @self: an analysis
 * @category: a category index
 *
 * Returns: how many task texts "what the time went on" lists for the
 *   whole team in @category (at most %MK_ANALYSIS_TOP_TASKS).
 */
guint
mk_analysis_get_n_top_tasks (MkAnalysis *self,
                             guint       category)
{
  g_return_val_if_fail (category_at (self, category) != NULL, 0);
  return self->top_tasks != NULL && self->top_tasks[category] != NULL
         ? self->top_tasks[category]->len : 0;
}

/**
 * mk_analysis_get_top_task:
 * @self: an analysis
 * @category: a category index
 * @index: 0 for the task with the most minutes
 * @minutes: (out) (optional): the team's minutes on it
 * @share: (out) (optional): its part of the team's minutes in @category
 *
 * Returns: (transfer none): the folded task text as it reads mid-sentence,
 *   "" for entries without a description.
 */
const char *
mk_analysis_get_top_task (MkAnalysis *self,
                          guint       category,
                          guint       index,
                          int        *minutes,
                          double     *share)
{
  const MkTopTask *task;

  g_return_val_if_fail (index < mk_analysis_get_n_top_tasks (self, category), NULL);

  task = g_ptr_array_index (self->top_tasks[category], index);
  if (minutes != NULL)
    *minutes = (int) MIN (task->minutes, G_MAXINT);
  if (share != NULL)
    *share = task->share;
  return task->label;
}

/**
 * mk_analysis_get_call_length:
 * @self: an analysis
 *
 * Returns: the team's median call length in minutes (over every call
 *   entry), 0 when no call was logged.
 */
double
mk_analysis_get_call_length (MkAnalysis *self)
{
  g_return_val_if_fail (MK_IS_ANALYSIS (self), 0);
  return self->team_call_length;
}

/**
 * mk_analysis_get_n_adequate:
 * @self: an analysis
 *
 * Returns: how many managers have an adequate sample.
 */
guint
mk_analysis_get_n_adequate (MkAnalysis *self)
{
  g_return_val_if_fail (MK_IS_ANALYSIS (self), 0);
  return self->n_adequate;
}

/**
 * mk_analysis_get_medians_from_weak:
 * @self: an analysis
 *
 * Returns: %TRUE when no manager had an adequate sample and the medians
 *   had to be taken over weak samples.
 */
gboolean
mk_analysis_get_medians_from_weak (MkAnalysis *self)
{
  g_return_val_if_fail (MK_IS_ANALYSIS (self), FALSE);
  return self->medians_from_weak;
}

/**
 * mk_analysis_get_total_minutes:
 * @self: an analysis
 *
 * Returns: minutes the whole team logged in the period.
 */
gint64
mk_analysis_get_total_minutes (MkAnalysis *self)
{
  g_return_val_if_fail (MK_IS_ANALYSIS (self), 0);
  return self->total_minutes;
}

/**
 * mk_analysis_get_total_days:
 * @self: an analysis
 *
 * Returns: how many different days anyone logged time on.
 */
guint
mk_analysis_get_total_days (MkAnalysis *self)
{
  g_return_val_if_fail (MK_IS_ANALYSIS (self), 0);
  return self->total_days;
}

/**
 * mk_analysis_get_selling_share:
 * @self: an analysis
 *
 * Returns: the part of the team's time in selling categories, 0..1, to set
 *   against %MK_REFERENCE_PROUDFOOT_SELLING and friends.
 */
double
mk_analysis_get_selling_share (MkAnalysis *self)
{
  g_return_val_if_fail (MK_IS_ANALYSIS (self), 0);
  return self->selling_share;
}

/**
 * mk_analysis_get_non_selling_share:
 * @self: an analysis
 *
 * Returns: the part of the team's time in non-selling categories, 0..1.
 */
double
mk_analysis_get_non_selling_share (MkAnalysis *self)
{
  g_return_val_if_fail (MK_IS_ANALYSIS (self), 0);
  return self->non_selling_share;
}

/**
 * mk_analysis_get_supporting_share:
 * @self: an analysis
 *
 * Returns: the part of the team's time in supporting categories (meetings,
 *   travel, training), 0..1: with the selling and non-selling shares it
 *   makes up the whole day.
 */
double
mk_analysis_get_supporting_share (MkAnalysis *self)
{
  g_return_val_if_fail (MK_IS_ANALYSIS (self), 0);
  return self->supporting_share;
}

/**
 * mk_analysis_get_reclaimable_per_day:
 * @self: an analysis
 *
 * Returns: the sum of every manager's reclaimable minutes per day.
 */
double
mk_analysis_get_reclaimable_per_day (MkAnalysis *self)
{
  g_return_val_if_fail (MK_IS_ANALYSIS (self), 0);
  return self->reclaimable;
}

/**
 * mk_analysis_get_extra_calls_per_day:
 * @self: an analysis
 *
 * Returns: the sum of every manager's extra calls per day (managers with
 *   no known call length count 0), or NAN when no call length is known.
 */
double
mk_analysis_get_extra_calls_per_day (MkAnalysis *self)
{
  g_return_val_if_fail (MK_IS_ANALYSIS (self), NAN);
  return self->extra_calls;
}

/**
 * mk_analysis_get_summary:
 * @self: an analysis
 *
 * Returns: (transfer none): a translated paragraph about the team.
 */
const char *
mk_analysis_get_summary (MkAnalysis *self)
{
  g_return_val_if_fail (MK_IS_ANALYSIS (self), NULL);
  return self->summary;
}

/**
 * mk_finding_kind_to_string:
 * @kind: a finding kind
 *
 * Returns: (transfer none): the stable name used in the JSON and CSV
 *   reports: `over`, `under`, `target`, `priorities`, `timing`, `sample`,
 *   `uncategorised`, `team_target`, `team_selling`.
 */
const char *
mk_finding_kind_to_string (MkFindingKind kind)
{
  static const char *names[] = {
    "over", "under", "target", "priorities", "timing", "sample", "uncategorised",
    "team_target", "team_selling",
  };

  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (names), NULL);
  return names[kind];
}

/**
 * mk_severity_to_string:
 * @severity: a severity
 *
 * Returns: (transfer none): `info`, `warning` or `critical`.
 */
const char *
mk_severity_to_string (MkSeverity severity)
{
  static const char *names[] = { "info", "warning", "critical" };

  g_return_val_if_fail ((guint) severity < G_N_ELEMENTS (names), NULL);
  return names[severity];
}
