/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-analysis-result.c — the per-manager result objects of the analysis:
 * MkFinding and MkManagerResult, with their accessors.
 *
 * They are immutable once mk_analysis_new() has returned: the engine in
 * mk-analysis-engine.c fills them, everything else only reads.  Per-category
 * arrays of a manager have exactly as many slots as the analysis has
 * categories; an index out of range is a programmer error (g_return).
 */
#define G_LOG_DOMAIN "mk-analysis"

#include "config.h"

#include <math.h>

#include "mk-analysis-private.h"

/* MkFinding */

G_DEFINE_FINAL_TYPE (MkFinding, mk_finding, G_TYPE_OBJECT)

static void
mk_finding_finalize (GObject *object)
{
  MkFinding *self = MK_FINDING (object);

  g_free (self->person_name);
  g_free (self->category_key);
  g_free (self->message);

  G_OBJECT_CLASS (mk_finding_parent_class)->finalize (object);
}

static void
mk_finding_class_init (MkFindingClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mk_finding_finalize;
}

static void
mk_finding_init (MkFinding *self)
{
  self->value = NAN;
  self->median = NAN;
  self->target_min = -1;
  self->target_max = -1;
  self->deviation = NAN;
  self->minutes_per_manager = NAN;
  self->team_minutes = NAN;
  self->extra_calls = NAN;
}

MkFinding *
mk_finding_new (MkFindingKind  kind,
                const char    *person_name,
                const char    *category_key)
{
  MkFinding *self = g_object_new (MK_TYPE_FINDING, NULL);

  self->kind = kind;
  self->severity = MK_SEVERITY_WARNING;
  self->person_name = g_strdup (person_name);
  self->category_key = g_strdup (category_key);

  return self;
}

/**
 * mk_finding_get_kind:
 * @self: a finding
 *
 * Returns: what kind of finding this is.
 */
MkFindingKind
mk_finding_get_kind (MkFinding *self)
{
  g_return_val_if_fail (MK_IS_FINDING (self), MK_FINDING_OVER);
  return self->kind;
}

/**
 * mk_finding_get_person_name:
 * @self: a finding
 *
 * Returns: (transfer none) (nullable): the manager the finding is about,
 *   %NULL for a finding about the whole team.
 */
const char *
mk_finding_get_person_name (MkFinding *self)
{
  g_return_val_if_fail (MK_IS_FINDING (self), NULL);
  return self->person_name;
}

/**
 * mk_finding_get_category_key:
 * @self: a finding
 *
 * Returns: (transfer none) (nullable): the key of the category, or %NULL for
 *   findings about the whole day (priorities, timing, sample).
 */
const char *
mk_finding_get_category_key (MkFinding *self)
{
  g_return_val_if_fail (MK_IS_FINDING (self), NULL);
  return self->category_key;
}

/**
 * mk_finding_get_severity:
 * @self: a finding
 *
 * Returns: how much it matters.
 */
MkSeverity
mk_finding_get_severity (MkFinding *self)
{
  g_return_val_if_fail (MK_IS_FINDING (self), MK_SEVERITY_INFO);
  return self->severity;
}

/**
 * mk_finding_get_value:
 * @self: a finding
 *
 * Returns: the manager's number behind the finding (a share 0..1; the
 *   coverage for `sample`; the part of non-selling work in prime hours for
 *   `timing`; the non-selling share for `priorities`).
 */
double
mk_finding_get_value (MkFinding *self)
{
  g_return_val_if_fail (MK_IS_FINDING (self), NAN);
  return self->value;
}

/**
 * mk_finding_get_median:
 * @self: a finding
 *
 * Returns: the peer median of the same number, or NAN when none applies.
 */
double
mk_finding_get_median (MkFinding *self)
{
  g_return_val_if_fail (MK_IS_FINDING (self), NAN);
  return self->median;
}

/**
 * mk_finding_get_target_min:
 * @self: a finding
 *
 * Returns: the lower bound of the target or threshold, negative for none.
 */
double
mk_finding_get_target_min (MkFinding *self)
{
  g_return_val_if_fail (MK_IS_FINDING (self), -1);
  return self->target_min;
}

/**
 * mk_finding_get_target_max:
 * @self: a finding
 *
 * Returns: the upper bound of the target or threshold, negative for none.
 */
double
mk_finding_get_target_max (MkFinding *self)
{
  g_return_val_if_fail (MK_IS_FINDING (self), -1);
  return self->target_max;
}

/**
 * mk_finding_get_deviation:
 * @self: a finding
 *
 * Returns: (value − median) in robust deviations (scaled MAD), or NAN.
 */
double
mk_finding_get_deviation (MkFinding *self)
{
  g_return_val_if_fail (MK_IS_FINDING (self), NAN);
  return self->deviation;
}

/**
 * mk_finding_get_message:
 * @self: a finding
 *
 * Returns: (transfer none): the translated sentence with the numbers.
 */
const char *
mk_finding_get_message (MkFinding *self)
{
  g_return_val_if_fail (MK_IS_FINDING (self), NULL);
  return self->message;
}

/**
 * mk_finding_is_team:
 * @self: a finding
 *
 * Returns: %TRUE for a finding about the whole team (`team_target`,
 *   `team_selling`), which names no manager.
 */
gboolean
mk_finding_is_team (MkFinding *self)
{
  g_return_val_if_fail (MK_IS_FINDING (self), FALSE);
  return self->kind == MK_FINDING_TEAM_TARGET || self->kind == MK_FINDING_TEAM_SELLING;
}

/**
 * mk_finding_get_minutes_per_manager_per_day:
 * @self: a team finding
 *
 * Returns: what the finding costs, measured against the target: minutes a
 *   day per manager whose numbers the team medians use; NAN for a
 *   manager's finding.
 */
double
mk_finding_get_minutes_per_manager_per_day (MkFinding *self)
{
  g_return_val_if_fail (MK_IS_FINDING (self), NAN);
  return self->minutes_per_manager;
}

/**
 * mk_finding_get_team_minutes_per_day:
 * @self: a team finding
 *
 * Returns: the same for the whole team: the sum over those managers of
 *   their minutes a day outside the target; NAN for a manager's finding.
 */
double
mk_finding_get_team_minutes_per_day (MkFinding *self)
{
  g_return_val_if_fail (MK_IS_FINDING (self), NAN);
  return self->team_minutes;
}

/**
 * mk_finding_get_extra_calls_per_day:
 * @self: a team finding
 *
 * Returns: the calls a day the team's minutes would buy at the team's
 *   median call length, or NAN when no call length is known (or for a
 *   manager's finding).
 */
double
mk_finding_get_extra_calls_per_day (MkFinding *self)
{
  g_return_val_if_fail (MK_IS_FINDING (self), NAN);
  return self->extra_calls;
}

/**
 * mk_finding_get_n_managers:
 * @self: a team finding
 *
 * Returns: how many managers the team finding's numbers are over (those
 *   with an adequate sample); 0 for a manager's finding.
 */
guint
mk_finding_get_n_managers (MkFinding *self)
{
  g_return_val_if_fail (MK_IS_FINDING (self), 0);
  return self->n_managers;
}

/* MkManagerResult */

G_DEFINE_FINAL_TYPE (MkManagerResult, mk_manager_result, G_TYPE_OBJECT)

static void
mk_manager_result_finalize (GObject *object)
{
  MkManagerResult *self = MK_MANAGER_RESULT (object);

  g_free (self->name);
  g_free (self->email);
  g_free (self->cat_minutes);
  g_free (self->entries);
  g_free (self->prime_minutes);
  g_free (self->timed_minutes);
  g_free (self->share);
  g_free (self->median_length);
  g_free (self->peer_median);
  g_free (self->deviation);
  g_free (self->target_gap);
  for (guint c = 0; self->top_tasks != NULL && c < self->n_categories; c++)
    g_clear_pointer (&self->top_tasks[c], g_ptr_array_unref);
  g_free (self->top_tasks);
  g_clear_object (&self->findings);

  G_OBJECT_CLASS (mk_manager_result_parent_class)->finalize (object);
}

static void
mk_manager_result_class_init (MkManagerResultClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mk_manager_result_finalize;
}

static void
mk_manager_result_init (MkManagerResult *self)
{
  self->findings = g_list_store_new (MK_TYPE_FINDING);
  self->ns_prime_fraction = NAN;
  self->extra_calls = NAN;
}

MkManagerResult *
mk_manager_result_new (const char *name,
                       const char *email,
                       MkLevel     level,
                       guint       n_categories)
{
  MkManagerResult *self = g_object_new (MK_TYPE_MANAGER_RESULT, NULL);

  self->name = g_strdup (name);
  self->email = g_strdup (email);
  self->level = level;
  self->n_categories = n_categories;
  self->cat_minutes = g_new0 (int, n_categories);
  self->entries = g_new0 (int, n_categories);
  self->prime_minutes = g_new0 (int, n_categories);
  self->timed_minutes = g_new0 (int, n_categories);
  self->share = g_new0 (double, n_categories);
  self->median_length = g_new0 (double, n_categories);
  self->peer_median = g_new0 (double, n_categories);
  self->deviation = g_new0 (double, n_categories);
  self->target_gap = g_new0 (double, n_categories);
  self->top_tasks = g_new0 (GPtrArray *, n_categories);

  return self;
}

/**
 * mk_manager_result_get_name:
 * @self: a manager's result
 *
 * Returns: (transfer none): the manager's display name.
 */
const char *
mk_manager_result_get_name (MkManagerResult *self)
{
  g_return_val_if_fail (MK_IS_MANAGER_RESULT (self), NULL);
  return self->name;
}

/**
 * mk_manager_result_get_email:
 * @self: a manager's result
 *
 * Returns: (transfer none) (nullable): the e-mail address, if known.
 */
const char *
mk_manager_result_get_email (MkManagerResult *self)
{
  g_return_val_if_fail (MK_IS_MANAGER_RESULT (self), NULL);
  return self->email;
}

/**
 * mk_manager_result_get_level:
 * @self: a manager's result
 *
 * Returns: the manager's level, or %MK_LEVEL_NONE.
 */
MkLevel
mk_manager_result_get_level (MkManagerResult *self)
{
  g_return_val_if_fail (MK_IS_MANAGER_RESULT (self), MK_LEVEL_NONE);
  return self->level;
}

/**
 * mk_manager_result_get_peer_is_level:
 * @self: a manager's result
 *
 * Returns: %TRUE when the manager was compared with their level rather
 *   than the whole team.
 */
gboolean
mk_manager_result_get_peer_is_level (MkManagerResult *self)
{
  g_return_val_if_fail (MK_IS_MANAGER_RESULT (self), FALSE);
  return self->peer_is_level;
}

/**
 * mk_manager_result_get_days:
 * @self: a manager's result
 *
 * Returns: how many days in the period have time logged.
 */
guint
mk_manager_result_get_days (MkManagerResult *self)
{
  g_return_val_if_fail (MK_IS_MANAGER_RESULT (self), 0);
  return self->days;
}

/**
 * mk_manager_result_get_minutes:
 * @self: a manager's result
 *
 * Returns: all minutes logged in the period.
 */
int
mk_manager_result_get_minutes (MkManagerResult *self)
{
  g_return_val_if_fail (MK_IS_MANAGER_RESULT (self), 0);
  return self->minutes;
}

/**
 * mk_manager_result_get_minutes_per_day:
 * @self: a manager's result
 *
 * Returns: minutes logged per logged day.
 */
double
mk_manager_result_get_minutes_per_day (MkManagerResult *self)
{
  g_return_val_if_fail (MK_IS_MANAGER_RESULT (self), 0);
  return self->minutes_per_day;
}

/**
 * mk_manager_result_get_coverage:
 * @self: a manager's result
 *
 * Returns: minutes per day ÷ the working day (0..1, above 1 for long days).
 */
double
mk_manager_result_get_coverage (MkManagerResult *self)
{
  g_return_val_if_fail (MK_IS_MANAGER_RESULT (self), 0);
  return self->coverage;
}

/**
 * mk_manager_result_get_weak_sample:
 * @self: a manager's result
 *
 * Returns: %TRUE when too few days or too little of the day were logged;
 *   the numbers are shown but left out of the team medians.
 */
gboolean
mk_manager_result_get_weak_sample (MkManagerResult *self)
{
  g_return_val_if_fail (MK_IS_MANAGER_RESULT (self), TRUE);
  return self->weak_sample;
}

#define CATEGORY_GETTER(type, name, field, fallback)                          \
  type                                                                        \
  mk_manager_result_get_##name (MkManagerResult *self,                        \
                                guint            category)                    \
  {                                                                           \
    g_return_val_if_fail (MK_IS_MANAGER_RESULT (self), fallback);             \
    g_return_val_if_fail (category < self->n_categories, fallback);           \
    return self->field[category];                                             \
  }

/**
 * mk_manager_result_get_category_minutes:
 * @self: a manager's result
 * @category: a category index of the analysis
 *
 * Returns: minutes logged in @category.
 */
CATEGORY_GETTER (int, category_minutes, cat_minutes, 0)

/**
 * mk_manager_result_get_share:
 * @self: a manager's result
 * @category: a category index of the analysis
 *
 * Returns: the part of the logged time spent in @category, 0..1.
 */
CATEGORY_GETTER (double, share, share, 0)

/**
 * mk_manager_result_get_entries:
 * @self: a manager's result
 * @category: a category index of the analysis
 *
 * Returns: how many entries were logged in @category.
 */
CATEGORY_GETTER (int, entries, entries, 0)

/**
 * mk_manager_result_get_median_length:
 * @self: a manager's result
 * @category: a category index of the analysis
 *
 * Returns: the median length of an entry in @category in minutes, 0 if none.
 */
CATEGORY_GETTER (double, median_length, median_length, 0)

/**
 * mk_manager_result_get_prime_minutes:
 * @self: a manager's result
 * @category: a category index of the analysis
 *
 * Returns: minutes of @category inside the prime selling hours (only
 *   entries with a start time count).
 */
CATEGORY_GETTER (int, prime_minutes, prime_minutes, 0)

/**
 * mk_manager_result_get_peer_median:
 * @self: a manager's result
 * @category: a category index of the analysis
 *
 * Returns: the median share of @category in the manager's peer group.
 */
CATEGORY_GETTER (double, peer_median, peer_median, 0)

/**
 * mk_manager_result_get_deviation:
 * @self: a manager's result
 * @category: a category index of the analysis
 *
 * Returns: (share − peer median) in robust deviations of the peer group.
 */
CATEGORY_GETTER (double, deviation, deviation, 0)

/**
 * mk_manager_result_get_selling_share:
 * @self: a manager's result
 *
 * Returns: the part of the logged time in selling categories, 0..1.
 */
double
mk_manager_result_get_selling_share (MkManagerResult *self)
{
  g_return_val_if_fail (MK_IS_MANAGER_RESULT (self), 0);
  return self->selling_share;
}

/**
 * mk_manager_result_get_reclaimable_per_day:
 * @self: a manager's result
 *
 * Returns: minutes per day in non-selling categories above the target or
 *   the peer median, whichever is higher.
 */
double
mk_manager_result_get_reclaimable_per_day (MkManagerResult *self)
{
  g_return_val_if_fail (MK_IS_MANAGER_RESULT (self), 0);
  return self->reclaimable;
}

/**
 * mk_manager_result_get_reclaimable_vs_target_per_day:
 * @self: a manager's result
 *
 * The second yardstick, "how far from where we want to be": for each
 * category that is not selling and has a target maximum, the minutes per
 * day above that maximum; summed.  Unlike
 * mk_manager_result_get_reclaimable_per_day() it ignores the peers, so a
 * habit the whole team shares shows here.
 *
 * Returns: minutes per day.
 */
double
mk_manager_result_get_reclaimable_vs_target_per_day (MkManagerResult *self)
{
  g_return_val_if_fail (MK_IS_MANAGER_RESULT (self), 0);
  return self->reclaimable_vs_target;
}

/**
 * mk_manager_result_get_target_gap_per_day:
 * @self: a manager's result
 * @category: a category index of the analysis
 *
 * Returns: minutes per day by which @category is outside its target band
 *   (above the maximum or below the minimum), 0 inside it or without one.
 */
CATEGORY_GETTER (double, target_gap_per_day, target_gap, 0)

/**
 * mk_manager_result_get_n_top_tasks:
 * @self: a manager's result
 * @category: a category index of the analysis
 *
 * Returns: how many task texts "what the time went on" lists for
 *   @category (at most %MK_ANALYSIS_TOP_TASKS).
 */
guint
mk_manager_result_get_n_top_tasks (MkManagerResult *self,
                                   guint            category)
{
  g_return_val_if_fail (MK_IS_MANAGER_RESULT (self), 0);
  g_return_val_if_fail (category < self->n_categories, 0);
  return self->top_tasks[category] != NULL ? self->top_tasks[category]->len : 0;
}

/**
 * mk_manager_result_get_top_task:
 * @self: a manager's result
 * @category: a category index of the analysis
 * @index: 0 for the task with the most minutes
 * @minutes: (out) (optional): its minutes
 * @share: (out) (optional): its part of the manager's minutes in @category
 *
 * Returns: (transfer none): the folded task text as it reads mid-sentence
 *   ("CRM entry"), "" for entries without a description; see
 *   mk_analysis_top_task_label() for a list.
 */
const char *
mk_manager_result_get_top_task (MkManagerResult *self,
                                guint            category,
                                guint            index,
                                int             *minutes,
                                double          *share)
{
  const MkTopTask *task;

  g_return_val_if_fail (index < mk_manager_result_get_n_top_tasks (self, category), NULL);

  task = g_ptr_array_index (self->top_tasks[category], index);
  if (minutes != NULL)
    *minutes = (int) MIN (task->minutes, G_MAXINT);
  if (share != NULL)
    *share = task->share;
  return task->label;
}

/**
 * mk_manager_result_get_extra_calls_per_day:
 * @self: a manager's result
 *
 * Returns: the reclaimable minutes ÷ the manager's median call length (the
 *   team's when the manager logged no calls), or NAN when no call length
 *   is known.
 */
double
mk_manager_result_get_extra_calls_per_day (MkManagerResult *self)
{
  g_return_val_if_fail (MK_IS_MANAGER_RESULT (self), NAN);
  return self->extra_calls;
}

/**
 * mk_manager_result_get_rank:
 * @self: a manager's result
 *
 * Returns: the place by reclaimable time, 1 for the most.
 */
guint
mk_manager_result_get_rank (MkManagerResult *self)
{
  g_return_val_if_fail (MK_IS_MANAGER_RESULT (self), 0);
  return self->rank;
}

/**
 * mk_manager_result_get_findings:
 * @self: a manager's result
 *
 * Returns: (transfer none): the manager's findings (MkFinding), most
 *   severe first.
 */
GListModel *
mk_manager_result_get_findings (MkManagerResult *self)
{
  g_return_val_if_fail (MK_IS_MANAGER_RESULT (self), NULL);
  return G_LIST_MODEL (self->findings);
}

/**
 * mk_manager_result_find:
 * @self: a manager's result
 * @kind: the kind of finding
 * @category_key: (nullable): the category key, or %NULL for any
 *
 * Returns: (transfer none) (nullable): the first finding of @kind (about
 *   @category_key when given), or %NULL.
 */
MkFinding *
mk_manager_result_find (MkManagerResult *self,
                        MkFindingKind    kind,
                        const char      *category_key)
{
  guint n;

  g_return_val_if_fail (MK_IS_MANAGER_RESULT (self), NULL);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->findings));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MkFinding) f = g_list_model_get_item (G_LIST_MODEL (self->findings), i);

      if (f->kind == kind
          && (category_key == NULL || g_strcmp0 (f->category_key, category_key) == 0))
        return f;   /* the list store keeps its own reference */
    }

  return NULL;
}
