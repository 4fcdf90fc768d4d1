/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-report-text.c — the analysis as text for a terminal.
 *
 * Translated, plain UTF-8, no escape codes: names and every other text from
 * data (task texts too) pass through mk_safe_text(), so that a name cannot
 * move the cursor, clear the screen or draw a line of its own.  A title and
 * the period, the team summary wrapped at 78 columns, what the whole team
 * shares (team findings), a table of team medians against the targets, what
 * the team's time went on (top tasks per category), then each manager by
 * rank with their shares, both yardsticks, their top tasks and findings.
 * Numbers read as everywhere else (mk_analysis_format_minutes(), days in
 * the reader's language).  Columns are padded by characters, not bytes, so
 * Cyrillic names line up.
 */
#define G_LOG_DOMAIN "mk-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "mk-format.h"
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
  char *band = mk_format_target_band (target_min, target_max);

  return band != NULL ? band : g_strdup ("—");
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

/* "CRM entry 45% · Weekly report 30%" for one category; "" for none. */
static char *
top_tasks_line (MkAnalysis      *a,
                MkManagerResult *m,
                guint            c)
{
  GString *line = g_string_new (NULL);
  guint n = m != NULL ? mk_manager_result_get_n_top_tasks (m, c)
                      : mk_analysis_get_n_top_tasks (a, c);

  for (guint i = 0; i < n; i++)
    {
      double share = 0;
      const char *text = m != NULL ? mk_manager_result_get_top_task (m, c, i, NULL, &share)
                                   : mk_analysis_get_top_task (a, c, i, NULL, &share);
      g_autofree char *label = mk_analysis_top_task_label (text);
      g_autofree char *pct = percent (share);

      g_string_append_printf (line, "%s%s %s", i > 0 ? " · " : "", label, pct);
    }
  return g_string_free (line, FALSE);
}

/* "What the time went on": a line per category with time and tasks. */
static void
top_tasks_block (GString         *out,
                 MkAnalysis      *a,
                 MkManagerResult *m,
                 const char      *indent)
{
  for (guint c = 0; c < mk_analysis_get_n_categories (a); c++)
    {
      g_autofree char *line = NULL;
      g_autofree char *text = NULL;
      int minutes = m != NULL ? mk_manager_result_get_category_minutes (m, c)
                              : mk_analysis_get_team_minutes (a, c);

      if (minutes <= 0)
        continue;
      line = top_tasks_line (a, m, c);
      if (*line == '\0')
        continue;
      /* Like the findings, one line each, however long. */
      text = g_strdup_printf ("%s%s: %s", indent, mk_analysis_get_category_name (a, c), line);
      mk_safe_text_append (out, text);
      g_string_append_c (out, '\n');
    }
}

static void
team_findings_block (GString    *out,
                     MkAnalysis *a)
{
  GListModel *team = mk_analysis_get_team_findings (a);

  if (g_list_model_get_n_items (team) == 0)
    return;
  g_string_append (out, _("What the whole team shares"));
  g_string_append_c (out, '\n');
  for (guint i = 0; i < g_list_model_get_n_items (team); i++)
    {
      g_autoptr(MkFinding) f = g_list_model_get_item (team, i);
      g_autofree char *line = g_strdup_printf ("%s %s",
                                               severity_mark (mk_finding_get_severity (f)),
                                               mk_finding_get_message (f));
      g_autofree char *safe = mk_safe_text (line);

      wrap (out, safe, "  ", WRAP_COLUMNS);
    }
  g_string_append_c (out, '\n');
}

static void
manager_block (GString         *out,
               MkAnalysis      *a,
               MkManagerResult *m)
{
  GListModel *findings = mk_manager_result_get_findings (m);
  guint days = mk_manager_result_get_days (m);
  g_autofree char *days_text = g_strdup_printf (ngettext ("%u day", "%u days", days), days);
  g_autofree char *name = mk_safe_text (mk_manager_result_get_name (m));
  g_autofree char *per_day = mk_format_minutes (mk_manager_result_get_minutes_per_day (m));
  g_autofree char *reclaim = mk_manager_result_describe_reclaim (m);
  g_autofree char *vs_target = mk_manager_result_describe_vs_target (m);
  gboolean first = TRUE;

  g_string_append_printf (out, "%3u. ", mk_manager_result_get_rank (m));
  /* Translators: name, "3 days", "7 h 35 min", the coverage. */
  g_string_append_printf (out, _("%s — %s, %s a day (%.0f%% of a working day)"),
                          name, days_text, per_day,
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

  /* The two yardsticks; a weak sample has neither. */
  if (reclaim != NULL)
    {
      g_string_append (out, "     ");
      g_string_append_printf (out, _("Against the peers: %s"), reclaim);
      g_string_append_c (out, '\n');
    }
  if (vs_target != NULL)
    {
      g_string_append (out, "     ");
      g_string_append_printf (out, _("Against the targets: %s"), vs_target);
      g_string_append_c (out, '\n');
    }
  top_tasks_block (out, a, m, "     ");

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
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  GListModel *ranking;
  guint n;

  g_return_val_if_fail (MK_IS_ANALYSIS (analysis), NULL);
  ranking = mk_analysis_get_ranking (analysis);
  n = g_list_model_get_n_items (ranking);
  from = mk_day_format_short (mk_analysis_get_from (analysis));
  to = mk_day_format_short (mk_analysis_get_to (analysis));

  g_string_append (out, _("Minutka report: where the working day goes"));
  g_string_append_c (out, '\n');
  g_string_append_printf (out, _("Period: %s – %s"), from, to);
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
  team_findings_block (out, analysis);
  team_table (out, analysis);
  g_string_append_c (out, '\n');
  g_string_append (out, _("What the team's time went on"));
  g_string_append_c (out, '\n');
  top_tasks_block (out, analysis, NULL, "  ");
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
