/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-analysis-format.c — the analysis's numbers as the window writes them.
 *
 * The chart's tooltips, its accessible table, the findings list and the
 * manager detail all say "median 16%", the period's title and a finding
 * without its "Name: " the same way; this module is where those words
 * live, with the chart's tooltips (Pango markup) and its text table for
 * screen readers.  Shares, minutes, target bands and days are written by
 * mk-format.c, as everywhere.  It formats numbers core computed and
 * computes nothing itself.
 */
#define G_LOG_DOMAIN "mk-analysis"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "mk-analysis-format.h"
#include "mk-format.h"

/**
 * mk_format_median:
 * @manager: (nullable): the manager the median is compared with, or %NULL
 *   for the whole team
 * @median: the median share
 *
 * Names the peer group the way the engine chose it for @manager.
 *
 * Returns: (transfer full): "team median 16%" or "level median 16%".
 */
char *
mk_format_median (MkManagerResult *manager,
                  double           median)
{
  g_autofree char *percent = mk_format_percent (median);

  if (manager != NULL && mk_manager_result_get_peer_is_level (manager))
    return g_strdup_printf (_("level median %s"), percent);
  return g_strdup_printf (_("team median %s"), percent);
}

/**
 * mk_format_finding:
 * @finding: a finding
 *
 * The engine's sentence without the "Name: " it starts with, for a list
 * that is already grouped under the manager's name.
 *
 * Returns: (transfer full): the sentence, first letter capitalised.
 */
char *
mk_format_finding (MkFinding *finding)
{
  const char *message = mk_finding_get_message (finding);
  const char *name = mk_finding_get_person_name (finding);
  gsize len = name != NULL ? strlen (name) : 0;
  GString *text;
  gunichar first;

  if (message == NULL)
    return g_strdup ("");
  if (len > 0 && strncmp (message, name, len) == 0
      && message[len] == ':' && message[len + 1] == ' ')
    message += len + 2;

  text = g_string_new (NULL);
  first = g_utf8_get_char (message);
  g_string_append_unichar (text, g_unichar_toupper (first));
  g_string_append (text, g_utf8_next_char (message));
  return g_string_free (text, FALSE);
}

/**
 * mk_severity_icon_name:
 * @severity: a severity
 *
 * Returns: the symbolic icon shown beside a finding of @severity.
 */
const char *
mk_severity_icon_name (MkSeverity severity)
{
  switch (severity)
    {
    case MK_SEVERITY_CRITICAL:
      return "dialog-error-symbolic";
    case MK_SEVERITY_WARNING:
      return "dialog-warning-symbolic";
    case MK_SEVERITY_INFO:
    default:
      return "dialog-information-symbolic";
    }
}

/**
 * mk_format_manager_tooltip:
 * @manager: a manager's result
 *
 * Returns: (transfer full): Pango markup: the name, the sample, the time
 *   to win back and whether the sample is weak.
 */
char *
mk_format_manager_tooltip (MkManagerResult *manager)
{
  g_autofree char *name = g_markup_escape_text (mk_manager_result_get_name (manager), -1);
  g_autofree char *per_day = mk_format_minutes (mk_manager_result_get_minutes_per_day (manager));
  g_autofree char *coverage = mk_format_percent (mk_manager_result_get_coverage (manager));
  g_autofree char *reclaim = NULL;
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "<b>%s</b>\n", name);
  g_string_append_printf (text, ngettext ("%u day logged, %s a day (%s of a working day)",
                                          "%u days logged, %s a day (%s of a working day)",
                                          mk_manager_result_get_days (manager)),
                          mk_manager_result_get_days (manager), per_day, coverage);
  /* As every page says it; nothing for a weak sample. */
  reclaim = mk_manager_result_describe_reclaim (manager);
  if (reclaim != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (reclaim, -1);

      g_string_append_c (text, '\n');
      g_string_append (text, escaped);
    }
  if (mk_manager_result_get_weak_sample (manager))
    g_string_append_printf (text, "\n<i>%s</i>", _("Weak sample: left out of the medians"));
  g_string_append_printf (text, "\n<small>%s</small>", _("Click to open the details"));
  return g_string_free (text, FALSE);
}

/**
 * mk_format_segment_tooltip:
 * @analysis: the analysis
 * @manager: a manager's result in @analysis
 * @category: a category of @analysis
 *
 * Returns: (transfer full): Pango markup: the manager and category, the
 *   minutes and share, the peer median and the target.
 */
char *
mk_format_segment_tooltip (MkAnalysis      *analysis,
                           MkManagerResult *manager,
                           guint            category)
{
  g_autofree char *name = g_markup_escape_text (mk_manager_result_get_name (manager), -1);
  g_autofree char *cat = g_markup_escape_text (mk_analysis_get_category_name (analysis, category),
                                               -1);
  g_autofree char *minutes = NULL;
  g_autofree char *share = mk_format_percent (mk_manager_result_get_share (manager, category));
  g_autofree char *median = mk_format_median (manager,
                                              mk_manager_result_get_peer_median (manager,
                                                                                 category));
  g_autofree char *target = mk_format_target (
    mk_analysis_get_category_target_min (analysis, category),
    mk_analysis_get_category_target_max (analysis, category));
  guint days = MAX (mk_manager_result_get_days (manager), 1);
  int total = mk_manager_result_get_category_minutes (manager, category);
  GString *text = g_string_new (NULL);

  minutes = mk_format_minutes (total);
  g_string_append_printf (text, "<b>%s · %s</b>\n", name, cat);
  g_string_append_printf (text, ngettext ("%s in %u day, %s of logged time",
                                          "%s in %u days, %s of logged time", days),
                          minutes, days, share);
  g_string_append_c (text, '\n');
  g_string_append (text, median);
  if (target != NULL)
    g_string_append_printf (text, " · %s", target);
  return g_string_free (text, FALSE);
}

/**
 * mk_format_chart_table:
 * @analysis: the analysis
 *
 * The team chart's numbers as text, one line per manager in the ranking,
 * for screen readers.
 *
 * Returns: (transfer full): the table.
 */
char *
mk_format_chart_table (MkAnalysis *analysis)
{
  GListModel *ranking = mk_analysis_get_ranking (analysis);
  GString *text = g_string_new (NULL);
  guint n = mk_analysis_get_n_categories (analysis);
  g_string_append (text, _("Share of logged time per category, by manager."));
  g_string_append_c (text, '\n');
  g_string_append (text, _("Team median"));
  for (guint c = 0; c < n; c++)
    {
      g_autofree char *median = mk_format_percent (mk_analysis_get_team_median (analysis, c));

      g_string_append_printf (text, "%s %s %s", c == 0 ? ":" : ";",
                              mk_analysis_get_category_name (analysis, c), median);
    }
  g_string_append_c (text, '\n');

  for (guint i = 0; i < g_list_model_get_n_items (ranking); i++)
    {
      g_autoptr(MkManagerResult) manager = g_list_model_get_item (ranking, i);
      gboolean first = TRUE;

      g_string_append (text, mk_manager_result_get_name (manager));
      for (guint c = 0; c < n; c++)
        {
          int minutes = mk_manager_result_get_category_minutes (manager, c);
          g_autofree char *share = NULL;

          if (minutes <= 0)
            continue;
          share = mk_format_percent (mk_manager_result_get_share (manager, c));
          g_string_append_printf (text, "%s %s %s (%d min)", first ? ":" : ";",
                                  mk_analysis_get_category_name (analysis, c), share,
                                  minutes);
          first = FALSE;
        }
      if (mk_manager_result_get_weak_sample (manager))
        g_string_append_printf (text, "; %s", _("weak sample"));
      g_string_append_c (text, '\n');
    }
  return g_string_free (text, FALSE);
}

/**
 * mk_format_period_title:
 * @analysis: the analysis
 * @period: how the period was chosen
 * @study_name: (nullable): the study's name when the period is the study
 *
 * Returns: (transfer full): the page's title: "Study “Demo sample”:
 *   23 Nov 2026 – 25 Nov 2026", "This week: …", or the bare range.
 */
char *
mk_format_period_title (MkAnalysis       *analysis,
                        MkAnalysisPeriod  period,
                        const char       *study_name)
{
  g_autofree char *range = mk_format_period (mk_analysis_get_from (analysis),
                                             mk_analysis_get_to (analysis));

  switch (period)
    {
    case MK_ANALYSIS_PERIOD_STUDY:
      if (study_name != NULL && study_name[0] != '\0')
        return g_strdup_printf (_("Study “%s”: %s"), study_name, range);
      if (study_name != NULL)
        return g_strdup_printf (_("Study: %s"), range);
      return g_strdup_printf (_("No study set, the last logged days: %s"), range);
    case MK_ANALYSIS_PERIOD_LAST_DAYS:
      return g_strdup_printf (_("Last 3 logged days: %s"), range);
    case MK_ANALYSIS_PERIOD_WEEK:
      return g_strdup_printf (_("This week: %s"), range);
    case MK_ANALYSIS_PERIOD_CUSTOM:
    default:
      return g_steal_pointer (&range);
    }
}

/**
 * mk_analysis_get_profile_percents:
 * @analysis: the analysis
 * @selling: (out): the team's selling share in whole percents
 * @supporting: (out): its supporting share
 * @non_selling: (out): its non-selling share
 *
 * The team profile's three shares as shown: they add up to 100.  Selling
 * is rounded as the summary and the findings quote it; the rest is shared
 * between supporting and non-selling by the largest remainder
 * (mk_round_percents()), so the profile never reads 53 % + 22 % + 26 %.
 * Without logged time all three are 0.
 */
void
mk_analysis_get_profile_percents (MkAnalysis *analysis,
                                  int        *selling,
                                  int        *supporting,
                                  int        *non_selling)
{
  double shares[2];
  int rest[2] = { 0, 0 };
  double sell;

  g_return_if_fail (MK_IS_ANALYSIS (analysis));

  sell = mk_analysis_get_selling_share (analysis);
  shares[0] = mk_analysis_get_supporting_share (analysis);
  shares[1] = mk_analysis_get_non_selling_share (analysis);
  if (mk_analysis_get_total_minutes (analysis) <= 0 || isnan (sell) || isnan (shares[0])
      || isnan (shares[1]))
    {
      *selling = *supporting = *non_selling = 0;
      return;
    }
  *selling = (int) round (sell * 100.0);
  mk_round_percents (shares, 2, 100 - *selling, rest);
  *supporting = rest[0];
  *non_selling = rest[1];
}

/**
 * mk_format_team_profile:
 * @analysis: the analysis
 *
 * Returns: (transfer full): the team's selling, supporting and non-selling
 *   shares (together the whole day, so nothing goes unexplained) beside the
 *   reference studies' figures.
 */
char *
mk_format_team_profile (MkAnalysis *analysis)
{
  int percents[3];
  g_autofree char *selling = NULL;
  g_autofree char *supporting = NULL;
  g_autofree char *non_selling = NULL;

  mk_analysis_get_profile_percents (analysis, &percents[0], &percents[1], &percents[2]);
  selling = mk_format_percent (percents[0] / 100.0);
  supporting = mk_format_percent (percents[1] / 100.0);
  non_selling = mk_format_percent (percents[2] / 100.0);

  /* Translators: three shares of the team's time, then the references. */
  return g_strdup_printf (_("Team profile: selling %s, supporting work (meetings, travel, "
                            "training) %s, non-selling %s of logged time. Reference studies: "
                            "Proudfoot %.0f%% selling (%.0f%% ideal), CSO Insights %.0f%%."),
                          selling, supporting, non_selling, MK_REFERENCE_PROUDFOOT_SELLING * 100,
                          MK_REFERENCE_PROUDFOOT_IDEAL * 100, MK_REFERENCE_CSO_SELLING * 100);
}
