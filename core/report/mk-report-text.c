/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-report-text.c — the analysis as text for a terminal.
 *
 * Translated, plain UTF-8, no escape codes: names and every other text from
 * data pass through mk_safe_text(), so that a name cannot move the cursor,
 * clear the screen or draw a line of its own.  A title and the period, the
 * team summary wrapped at 78 columns, a table of team medians against the
 * targets, then each manager by rank with their shares and findings.
 * Columns are padded by characters, not bytes, so Cyrillic names line up.
 */
#define G_LOG_DOMAIN "mk-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "mk-report.h"
#include "mk-safe-text.h"

#define WRAP_COLUMNS 78

static void
pad (GString    *out,
     const char *text,
     int         width,
     gboolean    right)
{
  int len = (int) g_utf8_strlen (text, -1);

  if (right)
    for (int i = len; i < width; i++)
      g_string_append_c (out, ' ');
  g_string_append (out, text);
  if (!right)
    for (int i = len; i < width; i++)
      g_string_append_c (out, ' ');
}

/* Appends @text broken into lines of at most @columns characters, each
 * starting with @indent. */
static void
wrap (GString    *out,
      const char *text,
      const char *indent,
      int         columns)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  int used = 0;

  g_string_append (out, indent);
  used = (int) g_utf8_strlen (indent, -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      int len = (int) g_utf8_strlen (words[i], -1);

      if (len == 0)
        continue;
      if (used > (int) g_utf8_strlen (indent, -1) && used + 1 + len > columns)
        {
          g_string_append_c (out, '\n');
          g_string_append (out, indent);
          used = (int) g_utf8_strlen (indent, -1);
        }
      else if (used > (int) g_utf8_strlen (indent, -1))
        {
          g_string_append_c (out, ' ');
          used++;
        }
      g_string_append (out, words[i]);
      used += len;
    }
  g_string_append_c (out, '\n');
}

static char *
percent (double fraction)
{
  return g_strdup_printf ("%.0f%%", round (fraction * 100));
}

static char *
target_text (double target_min,
             double target_max)
{
  if (target_min > 0 && target_max >= 0)
    return g_strdup_printf ("%.0f–%.0f%%", round (target_min * 100), round (target_max * 100));
  if (target_min > 0)
    return g_strdup_printf ("≥ %.0f%%", round (target_min * 100));
  if (target_max >= 0)
    return g_strdup_printf ("≤ %.0f%%", round (target_max * 100));
  return g_strdup ("—");
}

static const char *
severity_mark (MkSeverity severity)
{
  switch (severity)
    {
    case MK_SEVERITY_CRITICAL:
      return "!!";
    case MK_SEVERITY_WARNING:
      return "! ";
    case MK_SEVERITY_INFO:
    default:
      return "· ";
    }
}

static void
team_table (GString    *out,
            MkAnalysis *a)
{
  guint nc = mk_analysis_get_n_categories (a);
  int width = (int) g_utf8_strlen (_("Category"), -1);

  for (guint c = 0; c < nc; c++)
    {
      g_autofree char *name = mk_safe_text (mk_analysis_get_category_name (a, c));

      width = MAX (width, (int) g_utf8_strlen (name, -1));
    }

  g_string_append (out, _("Team medians over the adequate samples"));
  g_string_append (out, "\n  ");
  pad (out, _("Category"), width, FALSE);
  g_string_append (out, "  ");
  pad (out, _("Median"), 7, TRUE);
  g_string_append (out, "  ");
  pad (out, _("Team"), 7, TRUE);
  g_string_append (out, "  ");
  pad (out, _("Target"), 8, TRUE);
  g_string_append_c (out, '\n');

  for (guint c = 0; c < nc; c++)
    {
      g_autofree char *median = percent (mk_analysis_get_team_median (a, c));
      g_autofree char *share = percent (mk_analysis_get_team_share (a, c));
      g_autofree char *target = target_text (mk_analysis_get_category_target_min (a, c),
                                             mk_analysis_get_category_target_max (a, c));
      g_autofree char *name = mk_safe_text (mk_analysis_get_category_name (a, c));

      if (mk_analysis_get_team_minutes (a, c) == 0 && !strcmp (target, "—"))
        continue;
      g_string_append (out, "  ");
      pad (out, name, width, FALSE);
      g_string_append (out, "  ");
      pad (out, median, 7, TRUE);
      g_string_append (out, "  ");
      pad (out, share, 7, TRUE);
      g_string_append (out, "  ");
      pad (out, target, 8, TRUE);
      g_string_append_c (out, '\n');
    }
}

static void
manager_block (GString         *out,
               MkAnalysis      *a,
               MkManagerResult *m)
{
  GListModel *findings = mk_manager_result_get_findings (m);
  guint days = mk_manager_result_get_days (m);
  double reclaim = mk_manager_result_get_reclaimable_per_day (m);
  double calls = mk_manager_result_get_extra_calls_per_day (m);
  g_autofree char *days_text = g_strdup_printf (ngettext ("%u day", "%u days", days), days);
  g_autofree char *name = mk_safe_text (mk_manager_result_get_name (m));
  gboolean first = TRUE;

  g_string_append_printf (out, "%3u. ", mk_manager_result_get_rank (m));
  g_string_append_printf (out, _("%s — %s, %.0f min/day (%.0f%% of a working day)"),
                          name, days_text,
                          round (mk_manager_result_get_minutes_per_day (m)),
                          round (mk_manager_result_get_coverage (m) * 100));
  if (mk_manager_result_get_weak_sample (m))
    {
      g_string_append (out, " — ");
      g_string_append (out, _("weak sample"));
    }
  g_string_append (out, "\n     ");

  for (guint c = 0; c < mk_analysis_get_n_categories (a); c++)
    {
      g_autofree char *share = NULL;
      g_autofree char *category = NULL;

      if (mk_manager_result_get_category_minutes (m, c) == 0)
        continue;
      share = percent (mk_manager_result_get_share (m, c));
      category = mk_safe_text (mk_analysis_get_category_name (a, c));
      g_string_append_printf (out, "%s%s %s", first ? "" : " · ", category, share);
      first = FALSE;
    }
  g_string_append_c (out, '\n');

  if (round (reclaim) >= 1)
    {
      g_string_append (out, "     ");
      g_string_append_printf (out, _("≈ %.0f min/day could go back to selling"), round (reclaim));
      if (!isnan (calls) && round (calls) >= 1)
        g_string_append_printf (out, ngettext (", ≈ %.0f more call a day",
                                               ", ≈ %.0f more calls a day",
                                               (unsigned long) round (calls)),
                                round (calls));
      g_string_append_c (out, '\n');
    }

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(MkFinding) f = g_list_model_get_item (findings, i);

      g_string_append_printf (out, "     %s ", severity_mark (mk_finding_get_severity (f)));
      mk_safe_text_append (out, mk_finding_get_message (f));
      g_string_append_c (out, '\n');
    }
}

/**
 * mk_report_text:
 * @analysis: an analysis
 *
 * The report for a terminal, translated.
 *
 * Returns: (transfer full): the text, ending in a newline.
 */
char *
mk_report_text (MkAnalysis *analysis)
{
  GString *out = g_string_new (NULL);
  g_autofree char *summary = NULL;
  GListModel *ranking;
  guint n;

  g_return_val_if_fail (MK_IS_ANALYSIS (analysis), NULL);
  ranking = mk_analysis_get_ranking (analysis);
  n = g_list_model_get_n_items (ranking);

  g_string_append (out, _("Minutka report: where the working day goes"));
  g_string_append_c (out, '\n');
  g_string_append_printf (out, _("Period: %s – %s"),
                          mk_analysis_get_from (analysis) ? mk_analysis_get_from (analysis) : "…",
                          mk_analysis_get_to (analysis) ? mk_analysis_get_to (analysis) : "…");
  g_string_append (out, " · ");
  if (mk_analysis_get_peer_mode (analysis) == MK_PEER_MODE_LEVEL)
    g_string_append (out, _("managers compared within their level"));
  else
    g_string_append (out, _("managers compared with the whole team"));
  g_string_append (out, "\n\n");

  summary = mk_safe_text (mk_analysis_get_summary (analysis));
  wrap (out, summary, "", WRAP_COLUMNS);
  if (n == 0)
    return g_string_free (out, FALSE);

  g_string_append_c (out, '\n');
  team_table (out, analysis);
  g_string_append_c (out, '\n');
  g_string_append (out, _("Managers, the most time to win back first"));
  g_string_append_c (out, '\n');
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MkManagerResult) m = g_list_model_get_item (ranking, i);

      manager_block (out, analysis, m);
    }

  return g_string_free (out, FALSE);
}
