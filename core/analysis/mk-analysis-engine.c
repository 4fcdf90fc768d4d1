/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-analysis-engine.c — the analysis: from rollups to findings.
 *
 * mk_analysis_new() is a pure function of its input and settings.  Steps:
 *  1. per manager (a person with minutes > 0 in the period): days, minutes,
 *     coverage, per-category minutes, shares, entries, median entry length,
 *     prime-hour minutes; the sample is adequate when days ≥ min_days and
 *     coverage ≥ min_coverage;
 *  2. peer statistics: per category the median share and the robust
 *     deviation (MAD × 1.4826, floored at MK_ANALYSIS_MAD_FLOOR) over the
 *     adequate managers — of the whole team, and in level mode of every
 *     level with at least three adequate managers.  When nobody's sample is
 *     adequate the medians are taken over everyone and flagged;
 *  3. findings per manager against their peer group (see the kinds in
 *     mk-analysis.h), the two yardsticks — reclaimable minutes per day
 *     against the peers (and extra calls) and against the targets — and
 *     the manager's top tasks per category;
 *  4. team totals, the team findings and top tasks (mk-analysis-team.c),
 *     the ranking (adequate samples by reclaimable time against the peers,
 *     weak samples after them) and the summary.  The team's reclaimable
 *     time sums the adequate samples only, like the medians.
 * Cost: O(people × categories × log people) plus the length histograms and
 * the folded task texts; nothing here sees a single entry.
 */
#define G_LOG_DOMAIN "mk-analysis"

#include "config.h"

#include <math.h>

#include "mk-analysis-private.h"

#define MAD_SCALE 1.4826
/* Shares are compared with this slack, so that 10.0 points computed as
 * 0.0999999 still counts as 10 points. */
#define EPS 1e-9
/* A timing finding needs at least this much non-selling work in prime hours. */
#define TIMING_MIN_PER_DAY 30.0

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The median of @n values (sorted in place); NAN for none. */
static double
median_of (double *values,
           guint   n)
{
  if (n == 0)
    return NAN;

  qsort (values, n, sizeof (double), compare_doubles);
  if (n % 2 == 1)
    return values[n / 2];
  return (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

/* Median and robust deviation of the values get(m) over @pool. */
static void
robust_stats (GPtrArray *pool,
              double   (*get) (MkManagerResult *m, gpointer data),
              gpointer   data,
              double    *median,
              double    *mad)
{
  g_autofree double *values = g_new (double, MAX (pool->len, 1));
  guint n = 0;

  for (guint i = 0; i < pool->len; i++)
    {
      double v = get (g_ptr_array_index (pool, i), data);

      if (!isnan (v))
        values[n++] = v;
    }

  *median = median_of (values, n);
  if (n == 0)
    {
      *mad = MK_ANALYSIS_MAD_FLOOR;
      return;
    }

  for (guint i = 0; i < n; i++)
    values[i] = fabs (values[i] - *median);
  *mad = MAX (median_of (values, n) * MAD_SCALE, MK_ANALYSIS_MAD_FLOOR);
}

static double
get_share (MkManagerResult *m,
           gpointer         data)
{
  return m->share[GPOINTER_TO_UINT (data)];
}

static double
get_selling (MkManagerResult *m,
             gpointer         data)
{
  return m->selling_share;
}

static double
get_non_selling (MkManagerResult *m,
                 gpointer         data)
{
  return m->non_selling_share;
}

static double
get_timing (MkManagerResult *m,
            gpointer         data)
{
  return m->ns_prime_fraction;
}

static void
peer_stats_compute (MkPeerStats *stats,
                    MkLevel      level,
                    GPtrArray   *pool,
                    guint        n_categories)
{
  double unused;

  stats->level = level;
  stats->n = pool->len;
  stats->median = g_new0 (double, n_categories);
  stats->mad = g_new0 (double, n_categories);

  for (guint c = 0; c < n_categories; c++)
    {
      robust_stats (pool, get_share, GUINT_TO_POINTER (c), &stats->median[c], &stats->mad[c]);
      if (isnan (stats->median[c]))
        stats->median[c] = 0;
    }

  robust_stats (pool, get_selling, NULL, &stats->selling_median, &stats->selling_mad);
  robust_stats (pool, get_non_selling, NULL, &stats->non_selling_median,
                &stats->non_selling_mad);
  robust_stats (pool, get_timing, NULL, &stats->timing_median, &unused);
}

static MkManagerResult *
manager_from_input (const MkAnalysisInput *input,
                    guint                  person,
                    const MkSettings      *settings,
                    GArray                *call_bins,
                    int                    calls_category)
{
  const MkInPerson *p = g_ptr_array_index (input->people, person);
  guint nc = input->categories->len;
  g_autoptr(MkManagerResult) m = mk_manager_result_new (p->name, p->email, p->level, nc);
  gint64 total = 0;
  gint64 selling = 0;
  gint64 non_selling = 0;
  gint64 ns_timed = 0;
  gint64 ns_prime = 0;
  int workday = settings->workday_minutes > 0 ? settings->workday_minutes : 480;

  for (guint c = 0; c < nc; c++)
    {
      const MkInCell *cell = mk_analysis_input_peek_cell (input, person, c);
      const MkInCategory *cat = g_ptr_array_index (input->categories, c);

      if (cell == NULL)
        continue;

      m->cat_minutes[c] = (int) cell->minutes;
      m->entries[c] = (int) cell->entries;
      m->prime_minutes[c] = (int) cell->prime_minutes;
      m->timed_minutes[c] = (int) cell->timed_minutes;
      total += cell->minutes;

      m->top_tasks[c] = mk_top_tasks_pick (cell->tasks, cell->minutes);
      if (cell->lengths != NULL)
        {
          g_autoptr(GArray) bins = g_array_copy (cell->lengths);

          m->median_length[c] = mk_length_bins_median (bins);
          if ((int) c == calls_category)
            g_array_append_vals (call_bins, cell->lengths->data, cell->lengths->len);
        }

      if (cat->klass == MK_CATEGORY_KIND_SELLING)
        selling += cell->minutes;
      else if (cat->klass == MK_CATEGORY_KIND_NON_SELLING)
        {
          non_selling += cell->minutes;
          ns_timed += cell->timed_minutes;
          ns_prime += cell->prime_minutes;
        }
    }

  if (total == 0)
    return NULL;

  m->minutes = (int) total;
  m->days = g_hash_table_size (p->days);
  m->minutes_per_day = (double) total / MAX (m->days, 1);
  m->coverage = m->minutes_per_day / workday;
  m->adequate = (int) m->days >= settings->min_days
                && m->coverage + EPS >= settings->min_coverage;
  m->weak_sample = !m->adequate;

  for (guint c = 0; c < nc; c++)
    m->share[c] = (double) m->cat_minutes[c] / (double) total;
  m->selling_share = (double) selling / (double) total;
  m->non_selling_share = (double) non_selling / (double) total;
  m->ns_prime_minutes = (int) ns_prime;
  m->ns_prime_fraction = ns_timed > 0 ? (double) ns_prime / (double) ns_timed : NAN;

  return g_steal_pointer (&m);
}

static gboolean
is_good_direction (MkCategoryKind klass,
                   double          diff)
{
  if (klass == MK_CATEGORY_KIND_SELLING)
    return diff > 0;
  return diff < 0;
}

static MkSeverity
severity_for (gboolean good,
              double   distance,
              double   critical_distance)
{
  if (good)
    return MK_SEVERITY_INFO;
  if (distance + EPS >= critical_distance)
    return MK_SEVERITY_CRITICAL;
  return MK_SEVERITY_WARNING;
}

static void
set_message (MkFinding *f,
             char      *message)
{
  g_free (f->message);
  f->message = message;
}

/* Findings about one category: over/under against the peers, target band.
 * @reclaim_c is the category's time to win back against the peers. */
static void
category_findings (MkAnalysis            *self,
                   MkManagerResult       *m,
                   const MkPeerStats     *peers,
                   guint                  c,
                   const MkMessageContext *base_ctx,
                   double                 reclaim_c,
                   GPtrArray             *out)
{
  const MkInCategory *cat = g_ptr_array_index (self->categories, c);
  const MkSettings *s = &self->settings;
  double share = m->share[c];
  double median = peers->median[c];
  double diff = share - median;
  double dev = diff / peers->mad[c];
  gboolean below = cat->target_min >= 0 && share < cat->target_min - EPS;
  gboolean above = cat->target_max >= 0 && share > cat->target_max + EPS;
  gboolean off_peers = g_strcmp0 (cat->key, "other") != 0
                       && fabs (diff) + EPS >= s->over_points / 100.0
                       && fabs (dev) + EPS >= s->over_deviations;
  /* Outside the band the wrong way: too little selling, too much of the rest. */
  gboolean short_of_target = below && cat->klass == MK_CATEGORY_KIND_SELLING;
  gboolean over_target = above && cat->klass != MK_CATEGORY_KIND_SELLING;
  g_autofree char *mid_name = mk_analysis_category_mid_sentence (cat->name);
  MkMessageContext ctx = *base_ctx;

  ctx.category = mid_name;
  ctx.items = m->top_tasks[c];

  if (off_peers)
    {
      MkFinding *f = mk_finding_new (diff > 0 ? MK_FINDING_OVER : MK_FINDING_UNDER,
                                     m->name, cat->key);
      MkMessageContext pctx = ctx;

      f->value = share;
      f->median = median;
      f->target_min = cat->target_min;
      f->target_max = cat->target_max;
      f->deviation = dev;
      f->severity = severity_for (is_good_direction (cat->klass, diff), fabs (diff),
                                  2 * s->over_points / 100.0);
      /* More than the peers: the time above them could go to selling.
       * Less selling than the peers and short of the target: how short. */
      if (diff > 0 && round (reclaim_c) >= 1)
        pctx.reclaim = reclaim_c;
      else if (diff > 0 && over_target && !m->weak_sample)
        {
          /* Meetings above the peers and the ceiling: not non-selling
           * work, so nothing to win back against the peers; the time above
           * the target still counts. */
          pctx.reclaim = m->target_gap[c];
          pctx.wording = MK_RECLAIM_ABOVE_TARGET;
        }
      else if (diff < 0 && short_of_target && !m->weak_sample)
        {
          pctx.reclaim = m->target_gap[c];
          pctx.wording = MK_RECLAIM_BELOW_TARGET;
        }
      set_message (f, mk_analysis_message_share (&pctx, f, TRUE));
      g_ptr_array_add (out, f);

      /* The over/under sentence already states the target; a second finding
       * in the same direction would say the same thing twice. */
      if ((diff > 0 && above) || (diff < 0 && below))
        return;
    }

  if (below || above)
    {
      MkFinding *f = mk_finding_new (MK_FINDING_TARGET, m->name, cat->key);
      double bound = above ? cat->target_max : cat->target_min;
      gboolean good = above ? cat->klass == MK_CATEGORY_KIND_SELLING
                            : cat->klass != MK_CATEGORY_KIND_SELLING;
      MkMessageContext tctx = ctx;

      f->value = share;
      f->median = median;
      f->target_min = cat->target_min;
      f->target_max = cat->target_max;
      f->deviation = dev;
      f->severity = severity_for (good, fabs (share - bound), 2 * s->over_points / 100.0);
      /* Measured against the target, not the peers: a habit the whole team
       * shares still costs this much. */
      if ((over_target || short_of_target) && !m->weak_sample)
        {
          tctx.reclaim = m->target_gap[c];
          tctx.wording = over_target ? MK_RECLAIM_ABOVE_TARGET : MK_RECLAIM_BELOW_TARGET;
        }
      /* Next to an over/under sentence (opposite direction) the median is said. */
      set_message (f, mk_analysis_message_share (&tctx, f, !off_peers));
      g_ptr_array_add (out, f);
    }
}

static int
compare_findings (gconstpointer a,
                  gconstpointer b)
{
  const MkFinding *x = *(MkFinding * const *) a;
  const MkFinding *y = *(MkFinding * const *) b;

  if (x->severity != y->severity)
    return (int) y->severity - (int) x->severity;
  return (int) x->kind - (int) y->kind;
}

static void
manager_findings (MkAnalysis        *self,
                  MkManagerResult   *m,
                  const MkPeerStats *peers)
{
  const MkSettings *s = &self->settings;
  guint nc = self->categories->len;
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree double *reclaim = g_new0 (double, nc);
  g_autofree char *calls_name = NULL;
  MkMessageContext ctx = { 0 };
  double call_length = 0;
  int other = -1;

  if (self->calls_category >= 0)
    {
      const MkInCategory *calls = g_ptr_array_index (self->categories, self->calls_category);

      calls_name = mk_analysis_category_mid_sentence (calls->name);
      call_length = m->median_length[self->calls_category];
      if (call_length <= 0)
        call_length = self->team_call_length;
    }

  /* The two yardsticks.  Against the targets: every category outside its
   * band, and the minutes above the maximum of those that are not selling.
   * Against the peers (reclaimable): non-selling minutes per day above the
   * higher of the target's upper bound and the peer median. */
  m->reclaimable = 0;
  m->reclaimable_vs_target = 0;
  for (guint c = 0; c < nc; c++)
    {
      const MkInCategory *cat = g_ptr_array_index (self->categories, c);
      double ref = peers->median[c];

      m->peer_median[c] = peers->median[c];
      m->deviation[c] = (m->share[c] - peers->median[c]) / peers->mad[c];
      if (cat->target_max >= 0 && m->share[c] > cat->target_max + EPS)
        m->target_gap[c] = (m->share[c] - cat->target_max) * m->minutes_per_day;
      else if (cat->target_min >= 0 && m->share[c] < cat->target_min - EPS)
        m->target_gap[c] = (cat->target_min - m->share[c]) * m->minutes_per_day;
      if (cat->klass != MK_CATEGORY_KIND_SELLING && cat->target_max >= 0
          && m->share[c] > cat->target_max + EPS)
        m->reclaimable_vs_target += m->target_gap[c];
      if (g_strcmp0 (cat->key, "other") == 0)
        other = (int) c;
      if (cat->klass != MK_CATEGORY_KIND_NON_SELLING)
        continue;
      if (cat->target_max >= 0)
        ref = MAX (ref, cat->target_max);
      if (m->share[c] > ref + EPS)
        reclaim[c] = (m->share[c] - ref) * m->minutes_per_day;
      m->reclaimable += reclaim[c];
    }
  if (call_length > 0)
    m->extra_calls = m->reclaimable / call_length;
  else
    m->extra_calls = NAN;

  ctx.person = m->name;
  ctx.calls_category = calls_name;
  ctx.peer_level = peers->level;
  ctx.call_length = call_length;

  if (m->weak_sample)
    {
      MkFinding *f = mk_finding_new (MK_FINDING_SAMPLE, m->name, NULL);

      f->value = m->coverage;
      f->target_min = s->min_coverage;
      f->severity = MK_SEVERITY_WARNING;
      set_message (f, mk_analysis_message_sample (&ctx, m->days, (guint) MAX (s->min_days, 0),
                                                  m->coverage));
      g_ptr_array_add (out, f);
    }

  /* A weak sample's numbers are not evidence enough to say what time
   * could be won back: its sentences leave the minutes out. */
  for (guint c = 0; c < nc; c++)
    category_findings (self, m, peers, c, &ctx, m->weak_sample ? 0 : reclaim[c], out);

  /* Priorities: more non-selling and less selling than the peers together,
   * each by at least half the over/under threshold. */
  {
    double half = s->over_points / 200.0;
    double ns_diff = m->non_selling_share - peers->non_selling_median;
    double sell_diff = peers->selling_median - m->selling_share;

    if (ns_diff + EPS >= half && sell_diff + EPS >= half)
      {
        MkFinding *f = mk_finding_new (MK_FINDING_PRIORITIES, m->name, NULL);
        MkMessageContext pctx = ctx;

        f->value = m->non_selling_share;
        f->median = peers->non_selling_median;
        f->deviation = ns_diff / peers->non_selling_mad;
        f->severity = (ns_diff + EPS >= 2 * half && sell_diff + EPS >= 2 * half)
                      ? MK_SEVERITY_CRITICAL : MK_SEVERITY_WARNING;
        pctx.reclaim = m->weak_sample ? 0 : m->reclaimable;
        set_message (f, mk_analysis_message_priorities (&pctx, f, m->selling_share,
                                                        peers->selling_median));
        g_ptr_array_add (out, f);
      }
  }

  /* Timing: a clearly larger part of the non-selling work in prime hours. */
  if (!isnan (m->ns_prime_fraction) && !isnan (peers->timing_median))
    {
      double diff = m->ns_prime_fraction - peers->timing_median;
      double per_day = (double) m->ns_prime_minutes / MAX (m->days, 1);

      if (diff + EPS >= 2 * s->over_points / 100.0 && per_day + EPS >= TIMING_MIN_PER_DAY)
        {
          MkFinding *f = mk_finding_new (MK_FINDING_TIMING, m->name, NULL);

          f->value = m->ns_prime_fraction;
          f->median = peers->timing_median;
          f->severity = MK_SEVERITY_WARNING;
          set_message (f, mk_analysis_message_timing (&ctx, f, per_day));
          g_ptr_array_add (out, f);
        }
    }

  if (other >= 0 && m->share[other] > s->uncategorised_share + EPS)
    {
      const MkInCategory *cat = g_ptr_array_index (self->categories, other);
      g_autofree char *mid_name = mk_analysis_category_mid_sentence (cat->name);
      MkFinding *f = mk_finding_new (MK_FINDING_UNCATEGORISED, m->name, cat->key);
      MkMessageContext uctx = ctx;

      uctx.category = mid_name;
      f->value = m->share[other];
      f->median = peers->median[other];
      f->target_max = s->uncategorised_share;
      f->severity = MK_SEVERITY_WARNING;
      set_message (f, mk_analysis_message_uncategorised (&uctx, f));
      g_ptr_array_add (out, f);
    }

  /* A weak sample's numbers are shown, but they are not evidence enough
   * for more than a note. */
  if (m->weak_sample)
    for (guint i = 0; i < out->len; i++)
      {
        MkFinding *f = g_ptr_array_index (out, i);

        if (f->kind != MK_FINDING_SAMPLE)
          f->severity = MK_SEVERITY_INFO;
      }

  g_ptr_array_sort (out, compare_findings);
  g_list_store_splice (m->findings, 0, 0, out->pdata, out->len);
}

static int
compare_reclaim (gconstpointer a,
                 gconstpointer b)
{
  const MkManagerResult *x = *(MkManagerResult * const *) a;
  const MkManagerResult *y = *(MkManagerResult * const *) b;

  /* Weak samples go last: their numbers are not evidence enough to rank. */
  if (x->weak_sample != y->weak_sample)
    return x->weak_sample ? 1 : -1;
  if (x->reclaimable != y->reclaimable)
    return x->reclaimable < y->reclaimable ? 1 : -1;
  return g_utf8_collate (x->name, y->name);
}

static int
compare_global_findings (gconstpointer a,
                         gconstpointer b,
                         gpointer      user_data)
{
  MkFinding *x = *(MkFinding **) a;
  MkFinding *y = *(MkFinding **) b;
  GHashTable *rank = user_data;
  guint rx = GPOINTER_TO_UINT (g_hash_table_lookup (rank, x->person_name));
  guint ry = GPOINTER_TO_UINT (g_hash_table_lookup (rank, y->person_name));

  if (x->severity != y->severity)
    return (int) y->severity - (int) x->severity;
  return (rx > ry) - (rx < ry);
}

static const MkPeerStats *
peers_for (MkAnalysis      *self,
           MkManagerResult *m)
{
  for (guint i = 0; i < self->level_stats->len; i++)
    {
      const MkPeerStats *stats = g_ptr_array_index (self->level_stats, i);

      if (stats->level == m->level)
        return stats;
    }

  return &self->team;
}

/**
 * mk_analysis_new:
 * @input: the rollups of the period
 * @settings: the workday, thresholds and prime hours
 * @mode: whole team, or each level with at least three adequate managers
 *
 * Computes the analysis.  A period with no time logged gives an analysis
 * with no managers (mk_analysis_is_empty()).
 *
 * Returns: (transfer full): the analysis.
 */
MkAnalysis *
mk_analysis_new (const MkAnalysisInput *input,
                 const MkSettings      *settings,
                 MkPeerMode             mode)
{
  g_autoptr(MkAnalysis) self = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) pool = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GArray) call_bins = NULL;
  g_autoptr(GHashTable) days = NULL;
  g_autoptr(GHashTable) ranks = NULL;
  gint64 selling = 0;
  gint64 non_selling = 0;
  gint64 supporting = 0;
  gboolean any_calls = FALSE;
  guint nc;

  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (settings != NULL, NULL);

  self = g_object_new (MK_TYPE_ANALYSIS, NULL);
  self->from = g_strdup (input->from);
  self->to = g_strdup (input->to);
  self->mode = mode;
  self->settings = *settings;
  nc = input->categories->len;

  /* The analysis keeps its own copy of the categories. */
  self->categories = g_ptr_array_new_full (nc, mk_analysis_category_free);
  for (guint c = 0; c < nc; c++)
    {
      const MkInCategory *src = g_ptr_array_index (input->categories, c);
      MkInCategory *dst = g_new0 (MkInCategory, 1);

      *dst = *src;
      dst->key = g_strdup (src->key);
      dst->name = g_strdup (src->name);
      dst->color = g_strdup (src->color);
      g_ptr_array_add (self->categories, dst);
      if (self->calls_category < 0 && g_strcmp0 (src->key, "calls") == 0)
        self->calls_category = (int) c;
    }
  if (self->calls_category < 0)
    for (guint c = 0; c < nc && self->calls_category < 0; c++)
      if (((MkInCategory *) g_ptr_array_index (self->categories, c))->klass
          == MK_CATEGORY_KIND_SELLING)
        self->calls_category = (int) c;

  /* 1. Managers. */
  all = g_ptr_array_new_with_free_func (g_object_unref);
  pool = g_ptr_array_new ();
  call_bins = g_array_new (FALSE, FALSE, sizeof (MkLengthBin));
  days = g_hash_table_new (g_str_hash, g_str_equal);
  self->team_minutes = g_new0 (gint64, MAX (nc, 1));

  for (guint p = 0; p < input->people->len; p++)
    {
      MkManagerResult *m = manager_from_input (input, p, settings, call_bins,
                                               self->calls_category);
      const MkInPerson *person = g_ptr_array_index (input->people, p);
      GHashTableIter iter;
      gpointer day;

      if (m == NULL)
        continue;

      g_ptr_array_add (all, m);
      if (m->adequate)
        g_ptr_array_add (pool, m);

      g_hash_table_iter_init (&iter, person->days);
      while (g_hash_table_iter_next (&iter, &day, NULL))
        g_hash_table_add (days, day);

      for (guint c = 0; c < nc; c++)
        {
          const MkInCategory *cat = g_ptr_array_index (self->categories, c);

          self->team_minutes[c] += m->cat_minutes[c];
          if (cat->klass == MK_CATEGORY_KIND_SELLING)
            selling += m->cat_minutes[c];
          else if (cat->klass == MK_CATEGORY_KIND_NON_SELLING)
            non_selling += m->cat_minutes[c];
          else
            supporting += m->cat_minutes[c];
        }
      self->total_minutes += m->minutes;
    }

  self->total_days = g_hash_table_size (days);
  self->n_adequate = pool->len;
  if (self->total_minutes > 0)
    {
      self->selling_share = (double) selling / (double) self->total_minutes;
      self->non_selling_share = (double) non_selling / (double) self->total_minutes;
      self->supporting_share = (double) supporting / (double) self->total_minutes;
    }
  self->team_call_length = mk_length_bins_median (call_bins);

  /* 2. Peer statistics. */
  if (pool->len == 0 && all->len > 0)
    {
      self->medians_from_weak = TRUE;
      for (guint i = 0; i < all->len; i++)
        g_ptr_array_add (pool, g_ptr_array_index (all, i));
    }
  peer_stats_compute (&self->team, MK_LEVEL_NONE, pool, nc);

  if (mode == MK_PEER_MODE_LEVEL)
    for (MkLevel level = MK_LEVEL_JUNIOR; level <= MK_LEVEL_SENIOR; level++)
      {
        g_autoptr(GPtrArray) group = g_ptr_array_new ();

        for (guint i = 0; i < pool->len; i++)
          {
            MkManagerResult *m = g_ptr_array_index (pool, i);

            if (m->level == level)
              g_ptr_array_add (group, m);
          }
        if (group->len >= 3)
          {
            MkPeerStats *stats = g_new0 (MkPeerStats, 1);

            peer_stats_compute (stats, level, group, nc);
            g_ptr_array_add (self->level_stats, stats);
          }
      }

  /* 3. Findings. */
  for (guint i = 0; i < all->len; i++)
    {
      MkManagerResult *m = g_ptr_array_index (all, i);
      const MkPeerStats *peers = peers_for (self, m);

      m->peer_is_level = peers->level != MK_LEVEL_NONE;
      manager_findings (self, m, peers);
      /* The team's reclaimable time counts the samples the medians trust. */
      if (m->weak_sample && !self->medians_from_weak)
        continue;
      self->reclaimable += m->reclaimable;
      if (!isnan (m->extra_calls))
        {
          self->extra_calls = (any_calls ? self->extra_calls : 0) + m->extra_calls;
          any_calls = TRUE;
        }
    }

  /* 4. Team findings and top tasks, the ranking, the team's list of
   * findings, the summary. */
  mk_analysis_team_top_tasks (self, input);
  mk_analysis_team_findings (self, pool);
  g_list_store_splice (self->managers, 0, 0, all->pdata, all->len);
  g_ptr_array_sort (all, compare_reclaim);
  ranks = g_hash_table_new (g_str_hash, g_str_equal);
  findings = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < all->len; i++)
    {
      MkManagerResult *m = g_ptr_array_index (all, i);
      guint n = g_list_model_get_n_items (G_LIST_MODEL (m->findings));

      m->rank = i + 1;
      g_hash_table_insert (ranks, m->name, GUINT_TO_POINTER (m->rank));
      for (guint j = 0; j < n; j++)
        g_ptr_array_add (findings, g_list_model_get_item (G_LIST_MODEL (m->findings), j));
    }
  g_list_store_splice (self->ranking, 0, 0, all->pdata, all->len);
  g_ptr_array_sort_with_data (findings, compare_global_findings, ranks);
  g_list_store_splice (self->findings, 0, 0, findings->pdata, findings->len);

  self->summary = mk_analysis_summary (self);

  return g_steal_pointer (&self);
}
