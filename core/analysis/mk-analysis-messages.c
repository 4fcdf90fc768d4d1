/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-analysis-messages.c — the sentences of the analysis.
 *
 * Every sentence a supervisor reads is built here, translated, with the
 * numbers in it: shares as whole percentages, minutes per day rounded, calls
 * as a whole number with a plural form.  A sentence is made of clauses that
 * are each translated whole ("team median 16%", "target ≤ 20%"), so a
 * translation never has to split a clause.
 */
#define G_LOG_DOMAIN "mk-analysis"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "mk-analysis-private.h"

static double
pct (double fraction)
{
  return round (fraction * 100.0);
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
  if (target_min > 0 && target_max >= 0)
    g_string_append_printf (s, _(", target %.0f–%.0f%%"), pct (target_min), pct (target_max));
  else if (target_min > 0)
    g_string_append_printf (s, _(", target ≥ %.0f%%"), pct (target_min));
  else if (target_max >= 0)
    g_string_append_printf (s, _(", target ≤ %.0f%%"), pct (target_max));
}

static void
append_reclaim (GString                *s,
                const MkMessageContext *ctx)
{
  double minutes = round (ctx->reclaim);
  double calls;

  if (minutes < 1)
    return;

  if (ctx->calls_category == NULL)
    {
      g_string_append_printf (s, _("; ≈ %.0f min/day could go back to selling"), minutes);
      return;
    }

  /* Translators: the minutes and the name of the calls category, e.g.
   * "; ≈ 95 min/day could go to calls"; " ≈ 7 more calls a day" may follow. */
  g_string_append_printf (s, _("; ≈ %.0f min/day could go to %s"), minutes,
                          ctx->calls_category);
  if (ctx->call_length <= 0)
    return;

  calls = round (ctx->reclaim / ctx->call_length);
  if (calls >= 1)
    g_string_append_printf (s, ngettext (" ≈ %.0f more call a day",
                                         " ≈ %.0f more calls a day",
                                         (unsigned long) calls),
                            calls);
}

/* The sentence of an over, under or target finding:
 * "Boris: admin 42% of logged time, team median 16%, target ≤ 20%;
 *  ≈ 95 min/day could go to calls ≈ 7 more calls a day". */
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

  g_string_append_printf (s, _("%s: %.0f%% of non-selling work falls in prime selling hours "
                               "(≈ %.0f min/day)"),
                          ctx->person, pct (finding->value), round (prime_per_day));
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

/* The one-paragraph team summary. */
char *
mk_analysis_summary (MkAnalysis *self)
{
  GString *s = g_string_new (NULL);
  GListModel *managers = G_LIST_MODEL (self->managers);
  GListModel *ranking = G_LIST_MODEL (self->ranking);
  guint n = g_list_model_get_n_items (managers);
  g_autoptr(GPtrArray) weak = g_ptr_array_new ();
  g_autoptr(GPtrArray) top = g_ptr_array_new ();
  int largest = -1;

  if (self->total_minutes == 0)
    {
      g_string_append_printf (s, _("Nobody logged any time between %s and %s."),
                              self->from ? self->from : "…", self->to ? self->to : "…");
      return g_string_free (s, FALSE);
    }

  /* Translators: managers, hours, first and last day (YYYY-MM-DD). */
  g_string_append_printf (s, ngettext ("%u manager logged %.0f h between %s and %s.",
                                       "%u managers logged %.0f h between %s and %s.", n),
                          n, round (self->total_minutes / 60.0),
                          self->from ? self->from : "…", self->to ? self->to : "…");
  g_string_append_c (s, ' ');
  append_selling_profile (s, self->selling_share);

  for (guint c = 0; c < self->categories->len; c++)
    {
      const MkInCategory *cat = g_ptr_array_index (self->categories, c);

      if (cat->klass == MK_CATEGORY_KIND_NON_SELLING && self->team_minutes[c] > 0
          && (largest < 0 || self->team_minutes[c] > self->team_minutes[largest]))
        largest = (int) c;
    }
  if (largest >= 0)
    {
      const MkInCategory *cat = g_ptr_array_index (self->categories, largest);

      g_string_append_c (s, ' ');
      g_string_append_printf (s, _("The largest non-selling block is %s at %.0f%%."),
                              cat->name,
                              pct ((double) self->team_minutes[largest] / self->total_minutes));
    }

  for (guint i = 0; i < n && top->len < 3; i++)
    {
      g_autoptr(MkManagerResult) m = g_list_model_get_item (ranking, i);

      if (m->reclaimable >= 1 && (!m->weak_sample || self->medians_from_weak))
        g_ptr_array_add (top, m->name);
    }
  g_string_append_c (s, ' ');
  if (top->len == 0)
    g_string_append (s, _("Nobody spends clearly more of the day on non-selling work than the "
                          "targets and the team allow."));
  else
    {
      g_autofree char *names = join_names (top);

      if (!isnan (self->extra_calls) && round (self->extra_calls) >= 1)
        g_string_append_printf (s, _("≈ %.0f min a day could go back to selling, ≈ %.0f more "
                                     "calls a day; the most from %s."),
                                round (self->reclaimable), round (self->extra_calls), names);
      else
        g_string_append_printf (s, _("≈ %.0f min a day could go back to selling; the most "
                                     "from %s."),
                                round (self->reclaimable), names);
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
