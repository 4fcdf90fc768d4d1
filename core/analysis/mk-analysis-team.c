/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-analysis-team.c — what the whole team shares: team findings and the
 * team's top tasks.
 *
 * A problem every manager has does not show against the peers (the median
 * has it too), so the team is measured against the targets on its own:
 *  - `team_target`: the team's median share of a category (over the
 *    managers with an adequate sample, as every median) is outside the
 *    category's target band by at least the over/under threshold (10
 *    points by default); critical at twice that;
 *  - `team_selling`: the team's selling share (of all its logged time, the
 *    number the summary states) is below the 38% Proudfoot found in
 *    practice; critical at twice the threshold below it.
 * Each is sized against the target, not the median: for every manager in
 * the medians, the minutes a day outside the band (or under 38% selling);
 * summed for the team, divided by the managers for "per manager", and in
 * calls at the team's median call length.  When no sample is adequate the
 * numbers are only indicative: the findings are notes (severity info).
 *
 * The team's top tasks add up every manager's folded task texts per
 * category (not only their top five), so the team's list is exact.
 */
#define G_LOG_DOMAIN "mk-analysis"

#include "config.h"

#include <math.h>
#include <string.h>

#include "mk-analysis-private.h"

/* Shares are compared with this slack, as in mk-analysis-engine.c. */
#define EPS 1e-9

static MkSeverity
team_severity (gboolean good,
               double   distance,
               double   threshold,
               gboolean indicative)
{
  if (good || indicative)
    return MK_SEVERITY_INFO;
  if (distance + EPS >= 2 * threshold)
    return MK_SEVERITY_CRITICAL;
  return MK_SEVERITY_WARNING;
}

/* Minutes and calls of a team finding: @gap_of gives each manager's share
 * outside the target (0 inside). */
static void
size_finding (MkAnalysis *self,
              MkFinding  *f,
              GPtrArray  *pool,
              double    (*gap_of) (MkManagerResult *m, double bound, int category),
              double      bound,
              int         category,
              gboolean    bad)
{
  double total = 0;

  for (guint i = 0; i < pool->len; i++)
    {
      MkManagerResult *m = g_ptr_array_index (pool, i);

      total += gap_of (m, bound, category) * m->minutes_per_day;
    }
  f->n_managers = pool->len;
  f->team_minutes = total;
  f->minutes_per_manager = pool->len > 0 ? total / pool->len : 0;
  if (bad && self->team_call_length > 0)
    f->extra_calls = total / self->team_call_length;
}

static double
gap_above (MkManagerResult *m,
           double           bound,
           int              category)
{
  return MAX (m->share[category] - bound, 0);
}

static double
gap_below (MkManagerResult *m,
           double           bound,
           int              category)
{
  return MAX (bound - m->share[category], 0);
}

static double
gap_selling (MkManagerResult *m,
             double           bound,
             int              category)
{
  return MAX (bound - m->selling_share, 0);
}

static int
compare_team_findings (gconstpointer a,
                       gconstpointer b)
{
  const MkFinding *x = *(MkFinding * const *) a;
  const MkFinding *y = *(MkFinding * const *) b;

  if (x->severity != y->severity)
    return (int) y->severity - (int) x->severity;
  if (x->team_minutes != y->team_minutes)
    return x->team_minutes < y->team_minutes ? 1 : -1;
  return (int) x->kind - (int) y->kind;
}

/**
 * mk_analysis_team_findings:
 * @self: the analysis being built, with its managers' results and medians
 * @pool: the managers the medians are over
 *
 * Finds what the whole team shares (see above) into self->team_findings.
 */
void
mk_analysis_team_findings (MkAnalysis *self,
                           GPtrArray  *pool)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_object_unref);
  double threshold = self->settings.over_points / 100.0;
  gboolean indicative = self->medians_from_weak;

  if (pool->len == 0)
    return;

  for (guint c = 0; c < self->categories->len; c++)
    {
      const MkInCategory *cat = g_ptr_array_index (self->categories, c);
      double median = self->team.median[c];
      gboolean over = cat->target_max >= 0 && median - cat->target_max + EPS >= threshold;
      gboolean under = cat->target_min >= 0 && cat->target_min - median + EPS >= threshold;
      gboolean good;
      MkFinding *f;

      if (!over && !under)
        continue;

      /* More selling than a ceiling, or less of the rest than a floor, is
       * the good direction, as for a manager's target finding. */
      good = over ? cat->klass == MK_CATEGORY_KIND_SELLING
                  : cat->klass != MK_CATEGORY_KIND_SELLING;
      f = mk_finding_new (MK_FINDING_TEAM_TARGET, NULL, cat->key);
      f->value = median;
      f->median = median;
      f->target_min = cat->target_min;
      f->target_max = cat->target_max;
      f->severity = team_severity (good,
                                   over ? median - cat->target_max : cat->target_min - median,
                                   threshold, indicative);
      size_finding (self, f, pool, over ? gap_above : gap_below,
                    over ? cat->target_max : cat->target_min, (int) c, !good);
      f->message = mk_analysis_message_team_target (self, f, c);
      g_ptr_array_add (out, f);
    }

  if (self->total_minutes > 0 && self->selling_share < MK_REFERENCE_PROUDFOOT_SELLING - EPS)
    {
      MkFinding *f = mk_finding_new (MK_FINDING_TEAM_SELLING, NULL, NULL);

      f->value = self->selling_share;
      f->median = NAN;
      f->target_min = MK_REFERENCE_PROUDFOOT_SELLING;
      f->target_max = -1;
      f->severity = team_severity (FALSE, MK_REFERENCE_PROUDFOOT_SELLING - self->selling_share,
                                   threshold, indicative);
      size_finding (self, f, pool, gap_selling, MK_REFERENCE_PROUDFOOT_SELLING, -1, TRUE);
      f->message = mk_analysis_message_team_selling (self, f);
      g_ptr_array_add (out, f);
    }

  g_ptr_array_sort (out, compare_team_findings);
  g_list_store_splice (self->team_findings, 0, 0, out->pdata, out->len);
}

/**
 * mk_analysis_team_top_tasks:
 * @self: the analysis being built
 * @input: its input, with every manager's folded task texts
 *
 * Adds up the task texts of everyone per category and keeps the top ones
 * in self->top_tasks.
 */
void
mk_analysis_team_top_tasks (MkAnalysis            *self,
                            const MkAnalysisInput *input)
{
  guint nc = self->categories->len;

  self->top_tasks = g_new0 (GPtrArray *, MAX (nc, 1));
  for (guint c = 0; c < nc; c++)
    {
      g_autoptr(GHashTable) merged = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                            mk_top_task_free);

      for (guint p = 0; p < input->people->len; p++)
        {
          const MkInCell *cell = mk_analysis_input_peek_cell (input, p, c);
          GHashTableIter iter;
          gpointer value;

          if (cell == NULL || cell->tasks == NULL || cell->minutes <= 0)
            continue;
          g_hash_table_iter_init (&iter, cell->tasks);
          while (g_hash_table_iter_next (&iter, NULL, &value))
            {
              const MkTopTask *src = value;
              MkTopTask *sum = g_hash_table_lookup (merged, src->key);

              if (sum == NULL)
                {
                  sum = g_new0 (MkTopTask, 1);
                  sum->key = g_strdup (src->key);
                  sum->label = g_strdup (src->label);
                  g_hash_table_insert (merged, sum->key, sum);
                }
              else if (strcmp (src->label, sum->label) < 0)
                {
                  g_free (sum->label);
                  sum->label = g_strdup (src->label);
                }
              sum->minutes += src->minutes;
              sum->entries += src->entries;
            }
        }
      self->top_tasks[c] = mk_top_tasks_pick (merged, self->team_minutes[c]);
    }
}
