/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-analysis-messages.c — the sentences of the analysis.
 *
 * Every sentence a supervisor reads is built here, translated, with the
 * numbers in it.  One wording per number, everywhere (findings, summary,
 * reports, the Analysis page): shares as whole percentages, minutes as
 * mk_format_minutes() writes them ("45 min", "2 h 14 min") followed by "a
 * day", calls as a whole number with a plural form, days as
 * mk_day_format_short() writes them in the reader's language (core/mk-format.c).  A
 * sentence is made of clauses that are each translated whole ("team median
 * 16%", "target ≤ 20%"), so a translation never has to split a clause.
 *
 * The summary never contradicts a finding: it leads with the team
 * findings (their own sentences), states the selling share with the same
 * number team_selling uses, names as "the most to win back" only managers
 * with an adequate sample and time to win back against the peers, and
 * says that everyone is within the targets only when no manager's target,
 * over or under finding and no team finding says otherwise.
 * tests/analysis/test-analysis.c checks this on every test team.
 */
#define G_LOG_DOMAIN "mk-analysis"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>

#include "mk-analysis-private.h"
#include "mk-format.h"

static double
pct (double fraction)
{
  return round (fraction * 100.0);
}

/**
 * mk_analysis_top_task_label:
 * @text: (nullable): a top task's text (mk_analysis_get_top_task())
 *
 * Returns: (transfer full): the text as a list shows it, first letter in
 *   capitals ("CRM entry", "Weekly report"), or "No description".
 */
char *
mk_analysis_top_task_label (const char *text)
{
  GString *label;

  if (text == NULL || *text == '\0')
    return g_strdup (_("No description"));
  label = g_string_new (NULL);
  g_string_append_unichar (label, g_unichar_toupper (g_utf8_get_char (text)));
  g_string_append (label, g_utf8_next_char (text));
  return g_string_free (label, FALSE);
}

/* "CRM entry 45%, weekly report 30%": the largest items of a category
 * (at least 5% of it, with a description), at most three; "" for none. */
static char *
items_text (GPtrArray *items)
{
  GString *s = g_string_new (NULL);
  guint named = 0;

  for (guint i = 0; items != NULL && i < items->len && named < 3; i++)
    {
      const MkTopTask *task = g_ptr_array_index (items, i);

      if (task->key[0] == '\0' || task->share + 1e-9 < 0.05)
        continue;
      if (named++ > 0)
        g_string_append (s, ", ");
      /* Translators: a task text and its share of the category's time,
       * e.g. "CRM entry 45%". */
      g_string_append_printf (s, _("%s %.0f%%"), task->label, pct (task->share));
    }
  return g_string_free (s, FALSE);
}

static void
append_items (GString   *s,
              GPtrArray *items)
{
  g_autofree char *list = items_text (items);

  if (*list != '\0')
    /* Translators: the largest task texts of the category the sentence is
     * about, e.g. "; largest items: CRM entry 45%, weekly report 30%". */
    g_string_append_printf (s, _("; largest items: %s"), list);
}

/**
 * mk_analysis_category_mid_sentence:
 * @name: a category's display name
 *
 * A display name as it reads in the middle of a sentence: "Admin" becomes
 * "admin", "CRM" stays "CRM".
 *
 * Returns: (transfer full): the name to use mid-sentence.
 */
char *
mk_analysis_category_mid_sentence (const char *name)
{
  gunichar first;
  const char *rest;
  gunichar second;
  char buf[8];
  int len;

  if (name == NULL || *name == '\0')
    return g_strdup ("");

  first = g_utf8_get_char (name);
  rest = g_utf8_next_char (name);
  second = g_utf8_get_char (rest);
  if (!g_unichar_isupper (first) || (second != 0 && !g_unichar_islower (second)))
    return g_strdup (name);

  len = g_unichar_to_utf8 (g_unichar_tolower (first), buf);
  buf[len] = '\0';

  return g_strconcat (buf, rest, NULL);
}

static void
append_median (GString *s,
               MkLevel  level,
               double   median)
{
  switch (level)
    {
    case MK_LEVEL_JUNIOR:
      g_string_append_printf (s, _(", median of junior managers %.0f%%"), pct (median));
      break;
    case MK_LEVEL_MIDDLE:
      g_string_append_printf (s, _(", median of middle managers %.0f%%"), pct (median));
      break;
    case MK_LEVEL_SENIOR:
      g_string_append_printf (s, _(", median of senior managers %.0f%%"), pct (median));
      break;
    case MK_LEVEL_NONE:
    default:
      g_string_append_printf (s, _(", team median %.0f%%"), pct (median));
      break;
    }
}

static void
append_target (GString *s,
               double   target_min,
               double   target_max)
{
  g_autofree char *target = mk_format_target (target_min, target_max);

  if (target != NULL)
    g_string_append_printf (s, ", %s", target);
}

static void
append_calls (GString  *s,
              double    calls,
              gboolean  more)
{
  calls = round (calls);
  if (calls < 1)
    return;
  if (more)
    g_string_append_printf (s, ngettext (", ≈ %.0f more call a day",
                                         ", ≈ %.0f more calls a day",
                                         (unsigned long) calls),
                            calls);
  else
    g_string_append_printf (s, ngettext (", ≈ %.0f call a day", ", ≈ %.0f calls a day",
                                         (unsigned long) calls),
                            calls);
}

static void
append_reclaim (GString                *s,
                const MkMessageContext *ctx)
{
  g_autofree char *amount = NULL;
  gboolean is_calls;

  if (round (ctx->reclaim) < 1)
    return;
  amount = mk_format_minutes (ctx->reclaim);
  is_calls = ctx->calls_category != NULL && g_strcmp0 (ctx->category, ctx->calls_category) == 0;

  switch (ctx->wording)
    {
    case MK_RECLAIM_ABOVE_TARGET:
      /* Translators: "; ≈ 1 h 35 min a day above the target". */
      g_string_append_printf (s, _("; ≈ %s a day above the target"), amount);
      if (ctx->call_length > 0)
        append_calls (s, ctx->reclaim / ctx->call_length, TRUE);
      break;
    case MK_RECLAIM_BELOW_TARGET:
      /* Translators: "; ≈ 40 min a day short of the target". */
      g_string_append_printf (s, _("; ≈ %s a day short of the target"), amount);
      if (is_calls && ctx->call_length > 0)
        append_calls (s, ctx->reclaim / ctx->call_length, FALSE);
      break;
    case MK_RECLAIM_TO_SELLING:
    default:
      if (ctx->calls_category == NULL)
        {
          g_string_append_printf (s, _("; ≈ %s a day could go back to selling"), amount);
          return;
        }
      /* Translators: the time and the name of the calls category, e.g.
       * "; ≈ 95 min a day could go to calls"; ", ≈ 7 more calls a day" may
       * follow. */
      g_string_append_printf (s, _("; ≈ %s a day could go to %s"), amount,
                              ctx->calls_category);
      if (ctx->call_length > 0)
        append_calls (s, ctx->reclaim / ctx->call_length, TRUE);
      break;
    }
}

/* The sentence of an over, under or target finding:
 * "Boris: admin 42% of logged time, team median 16%, target ≤ 20%;
 *  ≈ 95 min a day could go to calls, ≈ 7 more calls a day; largest items:
 *  CRM entry 45%, weekly report 30%". */
char *
mk_analysis_message_share (const MkMessageContext *ctx,
                           const MkFinding        *finding,
                           gboolean                with_median)
{
  GString *s = g_string_new (NULL);

  /* Translators: "Boris: admin 42% of logged time"; the person, a category
   * name as it reads mid-sentence, its share.  Clauses such as ", team median
   * 16%" and ", target ≤ 20%" follow. */
  g_string_append_printf (s, _("%s: %s %.0f%% of logged time"), ctx->person, ctx->category,
                          pct (finding->value));
  if (with_median)
    append_median (s, ctx->peer_level, finding->median);
  append_target (s, finding->target_min, finding->target_max);
  append_reclaim (s, ctx);
  append_items (s, ctx->items);

  return g_string_free (s, FALSE);
}

char *
mk_analysis_message_priorities (const MkMessageContext *ctx,
                                const MkFinding        *finding,
                                double                  selling,
                                double                  selling_median)
{
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, _("%s: non-selling work %.0f%% of logged time"), ctx->person,
                          pct (finding->value));
  append_median (s, ctx->peer_level, finding->median);
  g_string_append_printf (s, _(", while selling is %.0f%%"), pct (selling));
  append_median (s, ctx->peer_level, selling_median);
  append_reclaim (s, ctx);

  return g_string_free (s, FALSE);
}

char *
mk_analysis_message_timing (const MkMessageContext *ctx,
                            const MkFinding        *finding,
                            double                  prime_per_day)
{
  GString *s = g_string_new (NULL);
  g_autofree char *per_day = mk_format_minutes (prime_per_day);

  /* Translators: the person, a share and a time, e.g. "(≈ 45 min a day)". */
  g_string_append_printf (s, _("%s: %.0f%% of non-selling work falls in prime selling hours "
                               "(≈ %s a day)"),
                          ctx->person, pct (finding->value), per_day);
  append_median (s, ctx->peer_level, finding->median);
  g_string_append (s, _("; move it outside the best hours for calls"));

  return g_string_free (s, FALSE);
}

char *
mk_analysis_message_sample (const MkMessageContext *ctx,
                            guint                   days,
                            guint                   min_days,
                            double                  coverage)
{
  GString *s = g_string_new (NULL);

  if (days < min_days)
    g_string_append_printf (s, ngettext ("%s: only %u day logged, %.0f%% of a working day",
                                         "%s: only %u days logged, %.0f%% of a working day",
                                         days),
                            ctx->person, days, pct (coverage));
  else
    g_string_append_printf (s, _("%s: only %.0f%% of a working day logged per day"),
                            ctx->person, pct (coverage));
  g_string_append (s, _("; the numbers are weak and left out of the team medians"));

  return g_string_free (s, FALSE);
}

char *
mk_analysis_message_uncategorised (const MkMessageContext *ctx,
                                   const MkFinding        *finding)
{
  return g_strdup_printf (_("%s: %.0f%% of logged time is in %s (more than %.0f%%); "
                            "sort it into real categories so the comparison holds"),
                          ctx->person, pct (finding->value), ctx->category,
                          pct (finding->target_max));
}

/* "; ≈ 1 h 35 min a day per manager above the target, ≈ 9 h 30 min a day
 * for the team, ≈ 28 more calls a day" — the size of a team finding. */
static void
append_team_cost (GString         *s,
                  MkAnalysis      *self,
                  const MkFinding *f,
                  gboolean         below)
{
  g_autofree char *per_manager = NULL;
  g_autofree char *team = NULL;

  /* An indicative finding (no adequate sample) gives no minutes. */
  if (self->medians_from_weak || isnan (f->team_minutes) || round (f->minutes_per_manager) < 1)
    return;
  per_manager = mk_format_minutes (f->minutes_per_manager);
  team = mk_format_minutes (f->team_minutes);
  if (below)
    /* Translators: "; ≈ 40 min a day per manager short of the target, ≈ 4 h a
     * day for the team". */
    g_string_append_printf (s, _("; ≈ %s a day per manager short of the target, ≈ %s a day "
                                 "for the team"), per_manager, team);
  else
    g_string_append_printf (s, _("; ≈ %s a day per manager above the target, ≈ %s a day for "
                                 "the team"), per_manager, team);
  if (!isnan (f->extra_calls))
    append_calls (s, f->extra_calls, TRUE);
}

/* "The whole team: admin 41% of logged time (median), target ≤ 20%; ≈ 1 h
 * 35 min a day per manager above the target, ≈ 9 h 30 min a day for the
 * team, ≈ 28 more calls a day; largest items: CRM entry 45%, …" */
char *
mk_analysis_message_team_target (MkAnalysis      *self,
                                 const MkFinding *finding,
                                 guint            category)
{
  const MkInCategory *cat = g_ptr_array_index (self->categories, category);
  g_autofree char *mid_name = mk_analysis_category_mid_sentence (cat->name);
  GString *s = g_string_new (NULL);
  gboolean below = finding->target_min >= 0 && finding->value < finding->target_min;

  /* Translators: a category name as it reads mid-sentence and the team's
   * median share of it, e.g. "The whole team: admin 41% of logged time
   * (median)"; ", target ≤ 20%" and the time it costs follow. */
  g_string_append_printf (s, _("The whole team: %s %.0f%% of logged time (median)"), mid_name,
                          pct (finding->value));
  append_target (s, finding->target_min, finding->target_max);
  if (finding->severity != MK_SEVERITY_INFO || !self->medians_from_weak)
    append_team_cost (s, self, finding, below);
  append_items (s, self->top_tasks != NULL ? self->top_tasks[category] : NULL);

  return g_string_free (s, FALSE);
}

/* "The whole team: selling 30% of logged time, below the 38% Proudfoot
 * found in sales teams; ≈ 40 min a day per manager short of it, …" */
char *
mk_analysis_message_team_selling (MkAnalysis      *self,
                                  const MkFinding *finding)
{
  GString *s = g_string_new (NULL);

  /* Translators: the team's selling share and the reference figure. */
  g_string_append_printf (s, _("The whole team: selling %.0f%% of logged time, below the %.0f%% "
                               "Proudfoot found in sales teams"),
                          pct (finding->value), pct (finding->target_min));
  append_team_cost (s, self, finding, TRUE);

  return g_string_free (s, FALSE);
}

/**
 * mk_manager_result_describe_reclaim:
 * @self: a manager's result
 *
 * The time to win back against the peers, as every page and report says
 * it.
 *
 * Returns: (transfer full) (nullable): "≈ 2 h 14 min a day could go back
 *   to selling, ≈ 6 more calls a day", or %NULL when there is none or the
 *   sample is too weak to say.
 */
char *
mk_manager_result_describe_reclaim (MkManagerResult *self)
{
  g_autofree char *amount = NULL;
  GString *s;

  g_return_val_if_fail (MK_IS_MANAGER_RESULT (self), NULL);

  if (self->weak_sample || round (self->reclaimable) < 1)
    return NULL;
  amount = mk_format_minutes (self->reclaimable);
  s = g_string_new (NULL);
  g_string_append_printf (s, _("≈ %s a day could go back to selling"), amount);
  if (!isnan (self->extra_calls))
    append_calls (s, self->extra_calls, TRUE);
  return g_string_free (s, FALSE);
}

/**
 * mk_manager_result_describe_vs_target:
 * @self: a manager's result
 *
 * The second yardstick in words.
 *
 * Returns: (transfer full) (nullable): "≈ 1 h 35 min a day above the
 *   targets", or %NULL when there is none or the sample is too weak.
 */
char *
mk_manager_result_describe_vs_target (MkManagerResult *self)
{
  g_autofree char *amount = NULL;

  g_return_val_if_fail (MK_IS_MANAGER_RESULT (self), NULL);

  if (self->weak_sample || round (self->reclaimable_vs_target) < 1)
    return NULL;
  amount = mk_format_minutes (self->reclaimable_vs_target);
  /* Translators: time spent on non-selling work above its targets. */
  return g_strdup_printf (_("≈ %s a day above the targets"), amount);
}

static void
append_selling_profile (GString *s,
                        double   selling)
{
  double p = pct (selling);

  if (selling + 1e-9 >= MK_REFERENCE_PROUDFOOT_IDEAL)
    g_string_append_printf (s, _("Selling takes %.0f%% of the team's logged time, at or above "
                                 "the %.0f%% Proudfoot consider ideal."),
                            p, pct (MK_REFERENCE_PROUDFOOT_IDEAL));
  else if (selling + 1e-9 >= MK_REFERENCE_PROUDFOOT_SELLING)
    g_string_append_printf (s, _("Selling takes %.0f%% of the team's logged time: above the "
                                 "%.0f%% Proudfoot found in sales teams (CSO Insights: %.0f%%), "
                                 "short of the %.0f%% they consider ideal."),
                            p, pct (MK_REFERENCE_PROUDFOOT_SELLING),
                            pct (MK_REFERENCE_CSO_SELLING), pct (MK_REFERENCE_PROUDFOOT_IDEAL));
  else
    g_string_append_printf (s, _("Selling takes %.0f%% of the team's logged time: below the "
                                 "%.0f%% Proudfoot found in sales teams (CSO Insights: %.0f%%) "
                                 "and far from the %.0f%% they consider ideal."),
                            p, pct (MK_REFERENCE_PROUDFOOT_SELLING),
                            pct (MK_REFERENCE_CSO_SELLING), pct (MK_REFERENCE_PROUDFOOT_IDEAL));
}

static char *
join_names (GPtrArray *names)
{
  g_ptr_array_add (names, NULL);
  return g_strjoinv (", ", (char **) names->pdata);
}

/* Whether @value of a category of class @klass is outside the band the
 * wrong way: too much of what has a ceiling and is not selling, too little
 * selling. */
static gboolean
misses_band (MkCategoryKind klass,
             double         value,
             double         target_min,
             double         target_max)
{
  if (klass != MK_CATEGORY_KIND_SELLING && target_max >= 0 && value > target_max + 1e-9)
    return TRUE;
  return klass == MK_CATEGORY_KIND_SELLING && target_min >= 0 && value < target_min - 1e-9;
}

/* Whether any finding, a manager's or the team's, says a target is missed. */
static gboolean
any_target_missed (MkAnalysis *self)
{
  GListModel *all = G_LIST_MODEL (self->findings);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->team_findings)) > 0)
    return TRUE;
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(MkFinding) f = g_list_model_get_item (all, i);
      int c;

      if (f->kind != MK_FINDING_OVER && f->kind != MK_FINDING_UNDER
          && f->kind != MK_FINDING_TARGET)
        continue;
      c = mk_analysis_find_category (self, f->category_key);
      if (c >= 0 && misses_band (mk_analysis_get_category_class (self, c), f->value,
                                 f->target_min, f->target_max))
        return TRUE;
    }
  return FALSE;
}

/* The one-paragraph team summary. */
char *
mk_analysis_summary (MkAnalysis *self)
{
  GString *s = g_string_new (NULL);
  GListModel *managers = G_LIST_MODEL (self->managers);
  GListModel *ranking = G_LIST_MODEL (self->ranking);
  GListModel *team = G_LIST_MODEL (self->team_findings);
  guint n = g_list_model_get_n_items (managers);
  g_autoptr(GPtrArray) weak = g_ptr_array_new ();
  g_autoptr(GPtrArray) top = g_ptr_array_new ();
  g_autofree char *from = mk_day_format_short (self->from);
  g_autofree char *to = mk_day_format_short (self->to);
  gboolean said_selling = FALSE;
  int largest = -1;

  if (self->total_minutes == 0)
    {
      if (g_strcmp0 (self->from, self->to) == 0)
        g_string_append_printf (s, _("Nobody logged any time on %s."), from);
      else
        g_string_append_printf (s, _("Nobody logged any time between %s and %s."), from, to);
      return g_string_free (s, FALSE);
    }

  if (g_strcmp0 (self->from, self->to) == 0)
    /* Translators: managers, hours, the day ("23 Nov 2026"). */
    g_string_append_printf (s, ngettext ("%u manager logged %.0f h on %s.",
                                         "%u managers logged %.0f h on %s.", n),
                            n, round (self->total_minutes / 60.0), from);
  else
    /* Translators: managers, hours, first and last day ("23 Nov 2026"). */
    g_string_append_printf (s, ngettext ("%u manager logged %.0f h between %s and %s.",
                                         "%u managers logged %.0f h between %s and %s.", n),
                            n, round (self->total_minutes / 60.0), from, to);

  /* What the whole team shares comes first: the most severe team finding
   * in its own words, the others named with their numbers. */
  if (g_list_model_get_n_items (team) > 0)
    {
      g_autoptr(MkFinding) first = g_list_model_get_item (team, 0);
      g_autoptr(GString) others = g_string_new (NULL);

      g_string_append_printf (s, " %s.", first->message);
      for (guint i = 1; i < g_list_model_get_n_items (team); i++)
        {
          g_autoptr(MkFinding) f = g_list_model_get_item (team, i);

          if (others->len > 0)
            g_string_append (others, "; ");
          if (f->kind == MK_FINDING_TEAM_SELLING)
            /* Translators: in a list of what the whole team misses. */
            g_string_append_printf (others, _("selling %.0f%%, below the %.0f%% Proudfoot found "
                                              "in sales teams"),
                                    pct (f->value), pct (f->target_min));
          else
            {
              int c = mk_analysis_find_category (self, f->category_key);
              const MkInCategory *cat = g_ptr_array_index (self->categories, c);
              g_autofree char *mid_name = mk_analysis_category_mid_sentence (cat->name);

              /* Translators: a category and the team's median share of it, in
               * a list; ", target ≤ 20%" follows. */
              g_string_append_printf (others, _("%s %.0f%%"), mid_name, pct (f->value));
              append_target (others, f->target_min, f->target_max);
            }
        }
      if (others->len > 0)
        {
          g_string_append_c (s, ' ');
          /* Translators: the other targets the whole team misses, e.g. "Also
           * for the whole team: calls 22%, target ≥ 35%; meetings 27%,
           * target ≤ 15%." */
          g_string_append_printf (s, _("Also for the whole team: %s."), others->str);
        }
      /* A team finding about selling says the share; without one, the
       * share is above the practice figure and the profile says so. */
      said_selling = mk_analysis_find_team_finding (self, MK_FINDING_TEAM_SELLING, NULL) != NULL;
    }
  if (!said_selling)
    {
      g_string_append_c (s, ' ');
      append_selling_profile (s, self->selling_share);
    }

  for (guint c = 0; c < self->categories->len; c++)
    {
      const MkInCategory *cat = g_ptr_array_index (self->categories, c);

      if (cat->klass == MK_CATEGORY_KIND_NON_SELLING && self->team_minutes[c] > 0
          && (largest < 0 || self->team_minutes[c] > self->team_minutes[largest]))
        largest = (int) c;
    }
  if (largest >= 0 && mk_analysis_find_team_finding (self, MK_FINDING_TEAM_TARGET,
                                                     mk_analysis_get_category_key (self, largest))
                      == NULL)
    {
      const MkInCategory *cat = g_ptr_array_index (self->categories, largest);
      g_autofree char *mid_name = mk_analysis_category_mid_sentence (cat->name);
      g_autofree char *items = items_text (self->top_tasks != NULL ? self->top_tasks[largest]
                                                                   : NULL);

      g_string_append_c (s, ' ');
      if (*items != '\0')
        /* Translators: a category, its share of the team's time and its
         * largest task texts, e.g. "The largest non-selling block is admin at
         * 20%: CRM entry 45%, weekly report 30%." */
        g_string_append_printf (s, _("The largest non-selling block is %s at %.0f%%: %s."),
                                mid_name,
                                pct ((double) self->team_minutes[largest] / self->total_minutes),
                                items);
      else
        g_string_append_printf (s, _("The largest non-selling block is %s at %.0f%%."),
                                mid_name,
                                pct ((double) self->team_minutes[largest] / self->total_minutes));
    }

  /* Who is off against the peers: adequate samples only, the ranking's
   * order.  With no adequate sample there is nothing firm to say. */
  for (guint i = 0; i < n && top->len < 3; i++)
    {
      g_autoptr(MkManagerResult) m = g_list_model_get_item (ranking, i);

      if (round (m->reclaimable) >= 1 && !m->weak_sample)
        g_ptr_array_add (top, m->name);
    }
  if (!self->medians_from_weak)
    {
      g_string_append_c (s, ' ');
      if (top->len > 0)
        {
          g_autofree char *names = join_names (top);
          g_autofree char *amount = mk_format_minutes (self->reclaimable);

          if (!isnan (self->extra_calls) && round (self->extra_calls) >= 1)
            /* Translators: a time ("2 h 14 min"), calls, up to three names. */
            g_string_append_printf (s, ngettext ("Compared with their peers, ≈ %s a day could go "
                                                 "back to selling, ≈ %.0f more call a day; the "
                                                 "most from %s.",
                                                 "Compared with their peers, ≈ %s a day could go "
                                                 "back to selling, ≈ %.0f more calls a day; the "
                                                 "most from %s.",
                                                 (unsigned long) round (self->extra_calls)),
                                    amount, round (self->extra_calls), names);
          else
            g_string_append_printf (s, _("Compared with their peers, ≈ %s a day could go back to "
                                         "selling; the most from %s."),
                                    amount, names);
        }
      else if (any_target_missed (self))
        g_string_append (s, _("No manager's non-selling time stands out from the peers'."));
      else
        g_string_append (s, _("Nobody spends clearly more of the day on non-selling work than "
                              "the targets and the team allow."));
    }

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MkManagerResult) m = g_list_model_get_item (managers, i);

      if (m->weak_sample)
        g_ptr_array_add (weak, m->name);
    }
  if (weak->len > 0)
    {
      guint n_weak = weak->len;
      g_autofree char *names = join_names (weak);

      g_string_append_c (s, ' ');
      if (self->medians_from_weak)
        g_string_append_printf (s, _("No manager logged an adequate sample (%d days and %.0f%% "
                                     "of a working day), so the medians are only indicative."),
                                self->settings.min_days, pct (self->settings.min_coverage));
      else
        g_string_append_printf (s, ngettext ("%u manager has a weak sample and is left out of "
                                             "the medians: %s.",
                                             "%u managers have weak samples and are left out "
                                             "of the medians: %s.", n_weak),
                                n_weak, names);
    }

  if (self->level_stats->len > 0)
    {
      g_string_append_c (s, ' ');
      g_string_append (s, _("Managers are compared with their own level where it has at least "
                            "three adequate samples."));
    }

  return g_string_free (s, FALSE);
}
