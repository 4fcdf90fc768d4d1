/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-report.c — the analysis as JSON and CSV, and writing any report out.
 *
 * JSON and CSV are contracts for other programs: keys, columns and number
 * formats never depend on the locale (g_ascii_formatd), fractions are 0..1
 * with four decimals, and a number that does not apply is null (JSON) or an
 * empty cell (CSV).  The JSON layout is documented in README.md under
 * "Report JSON format"; change it only together with
 * MK_REPORT_JSON_VERSION.  CSV cells that a spreadsheet would run as a
 * formula (starting with = + - @) are prefixed with an apostrophe.
 */
#define G_LOG_DOMAIN "mk-report"

#include "config.h"

#include <math.h>
#include <stdio.h>

#include "mk-file-writer.h"
#include "mk-report.h"

/**
 * mk_report_format_from_string:
 * @text: "text", "json", "csv" or "pdf"
 * @format: (out): the format
 *
 * Returns: %TRUE if @text names a format.
 */
gboolean
mk_report_format_from_string (const char     *text,
                              MkReportFormat *format)
{
  static const char *names[] = { "text", "json", "csv", "pdf" };

  g_return_val_if_fail (format != NULL, FALSE);

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (text, names[i]) == 0)
      {
        *format = (MkReportFormat) i;
        return TRUE;
      }
  return FALSE;
}

/* JSON */

static void
json_string (GString    *out,
             const char *text)
{
  const char *run;

  if (text == NULL)
    {
      g_string_append (out, "null");
      return;
    }

  g_string_append_c (out, '"');
  /* Runs of characters that need no escape go in at once. */
  run = text;
  for (const char *p = text; *p != '\0'; p++)
    {
      unsigned char c = (unsigned char) *p;

      if (c >= 0x20 && c != '"' && c != '\\')
        continue;
      g_string_append_len (out, run, p - run);
      run = p + 1;
      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          g_string_append_printf (out, "\\u%04x", c);
        }
    }
  g_string_append (out, run);
  g_string_append_c (out, '"');
}

/* A whole number, without printf (called tens of thousands of times). */
static void
json_integer (GString *out,
              gint64   value)
{
  char digits[24];
  int n = 0;
  guint64 v = value < 0 ? (guint64) 0 - (guint64) value : (guint64) value;

  do
    {
      digits[n++] = (char) ('0' + v % 10);
      v /= 10;
    }
  while (v != 0);
  if (value < 0)
    g_string_append_c (out, '-');
  while (n > 0)
    g_string_append_c (out, digits[--n]);
}

/* A number with @decimals decimals, or null when it does not apply.  The
 * digits are written here, which is far cheaper than printf for the tens
 * of thousands of numbers of a big team; a value that lies within a hair
 * of half a last digit goes through printf, so the rounding is printf's
 * exactly. */
static void
json_number (GString *out,
             double   value,
             int      decimals)
{
  static const double scale[] = { 1, 10, 100, 1000, 10000, 100000 };
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char format[8];

  if (isnan (value) || isinf (value))
    {
      g_string_append (out, "null");
      return;
    }
  if (decimals >= 0 && decimals < (int) G_N_ELEMENTS (scale) && fabs (value) < 1e12)
    {
      double scaled = value * scale[decimals];
      double whole = floor (scaled);
      double frac = scaled - whole;

      if (fabs (frac - 0.5) > 1e-6)
        {
          gint64 digits = (gint64) whole + (frac > 0.5 ? 1 : 0);
          gint64 unit = (gint64) scale[decimals];

          /* "-0.0000" reads oddly and is not a different number. */
          if (digits < 0)
            {
              g_string_append_c (out, '-');
              digits = -digits;
            }
          json_integer (out, digits / unit);
          if (decimals > 0)
            {
              char tail[8];
              gint64 rest = digits % unit;

              for (int i = decimals - 1; i >= 0; i--, rest /= 10)
                tail[i] = (char) ('0' + rest % 10);
              tail[decimals] = '\0';
              g_string_append_c (out, '.');
              g_string_append (out, tail);
            }
          return;
        }
    }
  g_snprintf (format, sizeof format, "%%.%df", decimals);
  g_ascii_formatd (buf, sizeof buf, format, value);
  /* "-0.0000" reads oddly and is not a different number. */
  if (buf[0] == '-' && strspn (buf + 1, "0.") == strlen (buf + 1))
    g_string_append (out, buf + 1);
  else
    g_string_append (out, buf);
}

static void
json_bound (GString *out,
            double   bound)
{
  json_number (out, bound < 0 ? NAN : bound, 4);
}

static void
json_key (GString    *out,
          const char *key,
          gboolean   *first)
{
  if (!*first)
    g_string_append_c (out, ',');
  *first = FALSE;
  json_string (out, key);
  g_string_append_c (out, ':');
}

typedef double (*PerCategory) (MkAnalysis      *a,
                               MkManagerResult *m,
                               guint            c);

static double
pc_median (MkAnalysis *a, MkManagerResult *m, guint c)
{
  return mk_analysis_get_team_median (a, c);
}

static double
pc_mad (MkAnalysis *a, MkManagerResult *m, guint c)
{
  return mk_analysis_get_team_mad (a, c);
}

static double
pc_team_minutes (MkAnalysis *a, MkManagerResult *m, guint c)
{
  return mk_analysis_get_team_minutes (a, c);
}

static double
pc_team_share (MkAnalysis *a, MkManagerResult *m, guint c)
{
  return mk_analysis_get_team_share (a, c);
}

static double
pc_share (MkAnalysis *a, MkManagerResult *m, guint c)
{
  return mk_manager_result_get_share (m, c);
}

static double
pc_minutes (MkAnalysis *a, MkManagerResult *m, guint c)
{
  return mk_manager_result_get_category_minutes (m, c);
}

static double
pc_entries (MkAnalysis *a, MkManagerResult *m, guint c)
{
  return mk_manager_result_get_entries (m, c);
}

static double
pc_median_length (MkAnalysis *a, MkManagerResult *m, guint c)
{
  double median = mk_manager_result_get_median_length (m, c);

  return median > 0 ? median : NAN;
}

static double
pc_prime (MkAnalysis *a, MkManagerResult *m, guint c)
{
  return mk_manager_result_get_prime_minutes (m, c);
}

/* {"calls": 0.4010, …} over every category. */
static void
json_category_map (GString         *out,
                   MkAnalysis      *a,
                   MkManagerResult *m,
                   PerCategory      get,
                   int              decimals)
{
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  for (guint c = 0; c < mk_analysis_get_n_categories (a); c++)
    {
      json_key (out, mk_analysis_get_category_key (a, c), &first);
      json_number (out, get (a, m, c), decimals);
    }
  g_string_append_c (out, '}');
}

static void
json_finding (GString   *out,
              MkFinding *f)
{
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  json_key (out, "kind", &first);
  json_string (out, mk_finding_kind_to_string (mk_finding_get_kind (f)));
  json_key (out, "category", &first);
  json_string (out, mk_finding_get_category_key (f));
  json_key (out, "severity", &first);
  json_string (out, mk_severity_to_string (mk_finding_get_severity (f)));
  json_key (out, "value", &first);
  json_number (out, mk_finding_get_value (f), 4);
  json_key (out, "median", &first);
  json_number (out, mk_finding_get_median (f), 4);
  json_key (out, "target_min", &first);
  json_bound (out, mk_finding_get_target_min (f));
  json_key (out, "target_max", &first);
  json_bound (out, mk_finding_get_target_max (f));
  json_key (out, "deviation", &first);
  json_number (out, mk_finding_get_deviation (f), 2);
  json_key (out, "message", &first);
  json_string (out, mk_finding_get_message (f));
  g_string_append_c (out, '}');
}

/* {"admin": [{"text": "CRM entry", "minutes": 540, "share": 0.45}, …], …}
 * over every category; @m NULL for the team. */
static void
json_top_tasks (GString         *out,
                MkAnalysis      *a,
                MkManagerResult *m)
{
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  for (guint c = 0; c < mk_analysis_get_n_categories (a); c++)
    {
      guint n = m != NULL ? mk_manager_result_get_n_top_tasks (m, c)
                          : mk_analysis_get_n_top_tasks (a, c);

      json_key (out, mk_analysis_get_category_key (a, c), &first);
      g_string_append_c (out, '[');
      for (guint i = 0; i < n; i++)
        {
          gboolean inner = TRUE;
          int minutes = 0;
          double share = 0;
          const char *text = m != NULL ? mk_manager_result_get_top_task (m, c, i, &minutes, &share)
                                       : mk_analysis_get_top_task (a, c, i, &minutes, &share);

          g_string_append (out, i == 0 ? "{" : ",{");
          json_key (out, "text", &inner);
          json_string (out, text);
          json_key (out, "minutes", &inner);
          json_integer (out, minutes);
          json_key (out, "share", &inner);
          json_number (out, share, 4);
          g_string_append_c (out, '}');
        }
      g_string_append_c (out, ']');
    }
  g_string_append_c (out, '}');
}

static void
json_team_finding (GString   *out,
                   MkFinding *f)
{
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  json_key (out, "kind", &first);
  json_string (out, mk_finding_kind_to_string (mk_finding_get_kind (f)));
  json_key (out, "category", &first);
  json_string (out, mk_finding_get_category_key (f));
  json_key (out, "severity", &first);
  json_string (out, mk_severity_to_string (mk_finding_get_severity (f)));
  json_key (out, "value", &first);
  json_number (out, mk_finding_get_value (f), 4);
  json_key (out, "target_min", &first);
  json_bound (out, mk_finding_get_target_min (f));
  json_key (out, "target_max", &first);
  json_bound (out, mk_finding_get_target_max (f));
  json_key (out, "minutes_per_manager_per_day", &first);
  json_number (out, mk_finding_get_minutes_per_manager_per_day (f), 1);
  json_key (out, "team_minutes_per_day", &first);
  json_number (out, mk_finding_get_team_minutes_per_day (f), 1);
  json_key (out, "extra_calls_per_day", &first);
  json_number (out, mk_finding_get_extra_calls_per_day (f), 1);
  json_key (out, "message", &first);
  json_string (out, mk_finding_get_message (f));
  g_string_append_c (out, '}');
}

static void
json_manager (GString         *out,
              MkAnalysis      *a,
              MkManagerResult *m)
{
  GListModel *findings = mk_manager_result_get_findings (m);
  MkLevel level = mk_manager_result_get_level (m);
  gboolean first = TRUE;

  g_string_append (out, "\n    {");
  json_key (out, "name", &first);
  json_string (out, mk_manager_result_get_name (m));
  json_key (out, "email", &first);
  json_string (out, mk_manager_result_get_email (m));
  json_key (out, "level", &first);
  json_string (out, level == MK_LEVEL_NONE ? NULL : mk_level_to_string (level));
  json_key (out, "peer_group", &first);
  json_string (out, mk_manager_result_get_peer_is_level (m) ? "level" : "team");
  json_key (out, "rank", &first);
  g_string_append_printf (out, "%u", mk_manager_result_get_rank (m));
  json_key (out, "days", &first);
  g_string_append_printf (out, "%u", mk_manager_result_get_days (m));
  json_key (out, "minutes", &first);
  g_string_append_printf (out, "%d", mk_manager_result_get_minutes (m));
  json_key (out, "minutes_per_day", &first);
  json_number (out, mk_manager_result_get_minutes_per_day (m), 1);
  json_key (out, "coverage", &first);
  json_number (out, mk_manager_result_get_coverage (m), 4);
  json_key (out, "weak_sample", &first);
  g_string_append (out, mk_manager_result_get_weak_sample (m) ? "true" : "false");
  json_key (out, "shares", &first);
  json_category_map (out, a, m, pc_share, 4);
  json_key (out, "minutes_by_category", &first);
  json_category_map (out, a, m, pc_minutes, 0);
  json_key (out, "entries_by_category", &first);
  json_category_map (out, a, m, pc_entries, 0);
  json_key (out, "median_entry_minutes", &first);
  json_category_map (out, a, m, pc_median_length, 1);
  json_key (out, "prime_minutes", &first);
  json_category_map (out, a, m, pc_prime, 0);
  json_key (out, "selling_share", &first);
  json_number (out, mk_manager_result_get_selling_share (m), 4);
  json_key (out, "reclaimable_minutes_per_day", &first);
  json_number (out, mk_manager_result_get_reclaimable_per_day (m), 1);
  json_key (out, "extra_calls_per_day", &first);
  json_number (out, mk_manager_result_get_extra_calls_per_day (m), 1);
  json_key (out, "reclaimable_vs_target_minutes_per_day", &first);
  json_number (out, mk_manager_result_get_reclaimable_vs_target_per_day (m), 1);
  json_key (out, "top_tasks", &first);
  json_top_tasks (out, a, m);
  json_key (out, "findings", &first);
  g_string_append_c (out, '[');
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(MkFinding) f = g_list_model_get_item (findings, i);

      g_string_append (out, i == 0 ? "\n      " : ",\n      ");
      json_finding (out, f);
    }
  g_string_append (out, "]}");
}

/**
 * mk_report_json:
 * @analysis: an analysis
 *
 * The JSON report, as documented in README.md ("Report JSON format").
 *
 * Returns: (transfer full): UTF-8 JSON text ending in a newline.
 */
char *
mk_report_json (MkAnalysis *analysis)
{
  GString *out = g_string_new (NULL);
  GListModel *managers;
  gboolean first = TRUE;
  gboolean inner;

  g_return_val_if_fail (MK_IS_ANALYSIS (analysis), NULL);
  managers = mk_analysis_get_managers (analysis);

  g_string_append_c (out, '{');
  json_key (out, "format", &first);
  json_string (out, "minutka-report");
  json_key (out, "version", &first);
  g_string_append_printf (out, "%d", MK_REPORT_JSON_VERSION);
  g_string_append (out, ",\n \"period\":{");
  inner = TRUE;
  json_key (out, "from", &inner);
  json_string (out, mk_analysis_get_from (analysis));
  json_key (out, "to", &inner);
  json_string (out, mk_analysis_get_to (analysis));
  g_string_append (out, "},\n \"peer_mode\":");
  json_string (out, mk_analysis_get_peer_mode (analysis) == MK_PEER_MODE_LEVEL ? "level"
                                                                               : "team");

  g_string_append (out, ",\n \"categories\":[");
  for (guint c = 0; c < mk_analysis_get_n_categories (analysis); c++)
    {
      g_string_append (out, c == 0 ? "\n    {" : ",\n    {");
      inner = TRUE;
      json_key (out, "key", &inner);
      json_string (out, mk_analysis_get_category_key (analysis, c));
      json_key (out, "name", &inner);
      json_string (out, mk_analysis_get_category_name (analysis, c));
      json_key (out, "class", &inner);
      json_string (out, mk_category_kind_to_string (mk_analysis_get_category_class (analysis,
                                                                                    c)));
      json_key (out, "color", &inner);
      json_string (out, mk_analysis_get_category_color (analysis, c));
      json_key (out, "target_min", &inner);
      json_bound (out, mk_analysis_get_category_target_min (analysis, c));
      json_key (out, "target_max", &inner);
      json_bound (out, mk_analysis_get_category_target_max (analysis, c));
      g_string_append_c (out, '}');
    }

  g_string_append (out, "],\n \"team\":{");
  inner = TRUE;
  json_key (out, "managers", &inner);
  g_string_append_printf (out, "%u", g_list_model_get_n_items (managers));
  json_key (out, "adequate_samples", &inner);
  g_string_append_printf (out, "%u", mk_analysis_get_n_adequate (analysis));
  json_key (out, "medians_from_weak_samples", &inner);
  g_string_append (out, mk_analysis_get_medians_from_weak (analysis) ? "true" : "false");
  json_key (out, "median_share", &inner);
  json_category_map (out, analysis, NULL, pc_median, 4);
  json_key (out, "mad", &inner);
  json_category_map (out, analysis, NULL, pc_mad, 4);
  g_string_append (out, ",\n  \"totals\":{");
  {
    gboolean t = TRUE;

    json_key (out, "minutes", &t);
    g_string_append_printf (out, "%" G_GINT64_FORMAT, mk_analysis_get_total_minutes (analysis));
    json_key (out, "days", &t);
    g_string_append_printf (out, "%u", mk_analysis_get_total_days (analysis));
    json_key (out, "minutes_by_category", &t);
    json_category_map (out, analysis, NULL, pc_team_minutes, 0);
    json_key (out, "shares", &t);
    json_category_map (out, analysis, NULL, pc_team_share, 4);
  }
  g_string_append (out, "},\n  ");
  inner = TRUE;
  json_key (out, "selling_share", &inner);
  json_number (out, mk_analysis_get_selling_share (analysis), 4);
  json_key (out, "non_selling_share", &inner);
  json_number (out, mk_analysis_get_non_selling_share (analysis), 4);
  json_key (out, "supporting_share", &inner);
  json_number (out, mk_analysis_get_supporting_share (analysis), 4);
  g_string_append (out, ",\"reference\":{");
  {
    gboolean r = TRUE;

    json_key (out, "proudfoot_selling", &r);
    json_number (out, MK_REFERENCE_PROUDFOOT_SELLING, 2);
    json_key (out, "proudfoot_ideal", &r);
    json_number (out, MK_REFERENCE_PROUDFOOT_IDEAL, 2);
    json_key (out, "cso_insights_selling", &r);
    json_number (out, MK_REFERENCE_CSO_SELLING, 2);
  }
  g_string_append (out, "},\n  ");
  inner = TRUE;
  json_key (out, "reclaimable_minutes_per_day", &inner);
  json_number (out, mk_analysis_get_reclaimable_per_day (analysis), 1);
  json_key (out, "extra_calls_per_day", &inner);
  json_number (out, mk_analysis_get_extra_calls_per_day (analysis), 1);
  g_string_append (out, ",\n  \"findings\":[");
  {
    GListModel *team = mk_analysis_get_team_findings (analysis);

    for (guint i = 0; i < g_list_model_get_n_items (team); i++)
      {
        g_autoptr(MkFinding) f = g_list_model_get_item (team, i);

        g_string_append (out, i == 0 ? "\n    " : ",\n    ");
        json_team_finding (out, f);
      }
  }
  g_string_append (out, "],\n  ");
  inner = TRUE;
  json_key (out, "top_tasks", &inner);
  json_top_tasks (out, analysis, NULL);
  g_string_append (out, ",\n  ");
  inner = TRUE;
  json_key (out, "summary", &inner);
  json_string (out, mk_analysis_get_summary (analysis));
  g_string_append (out, "},\n \"managers\":[");

  for (guint i = 0; i < g_list_model_get_n_items (managers); i++)
    {
      g_autoptr(MkManagerResult) m = g_list_model_get_item (managers, i);

      if (i > 0)
        g_string_append_c (out, ',');
      json_manager (out, analysis, m);
    }
  g_string_append (out, "]}\n");

  return g_string_free (out, FALSE);
}

/* CSV */

static void
csv_cell (GString    *out,
          const char *text,
          gboolean    last)
{
  gboolean formula;

  if (text == NULL)
    text = "";
  formula = text[0] != '\0' && strchr ("=+-@", text[0]) != NULL;
  if (formula || strpbrk (text, ",\"\r\n") != NULL)
    {
      g_string_append_c (out, '"');
      if (formula)
        g_string_append_c (out, '\'');
      for (const char *p = text; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    g_string_append (out, text);
  g_string_append (out, last ? "\r\n" : ",");
}

static void
csv_number (GString *out,
            double   value,
            int      decimals)
{
  GString *cell = g_string_new (NULL);

  if (!isnan (value) && !isinf (value))
    json_number (cell, value, decimals);
  g_string_append (out, cell->str);
  g_string_append_c (out, ',');
  g_string_free (cell, TRUE);
}

/**
 * mk_report_csv:
 * @analysis: an analysis
 *
 * One row per manager × category, with a header row:
 * `manager,email,category,minutes,share,median,deviation,target_min,
 * target_max,entries,median_entry_minutes,prime_minutes,weak_sample,flags,
 * target_gap_minutes_per_day,top_tasks,team_flags`.
 * `flags` lists the kinds of the manager's findings about that category,
 * separated by spaces; `target_gap_minutes_per_day` the minutes a day the
 * share is outside the category's target band (0 inside it, empty for a
 * weak sample); `top_tasks` what the manager's time in the category went on,
 * "text share; text share; …" (shares as fractions, texts folded as in the
 * JSON); `team_flags` the kinds of the team findings about the category
 * (`team_target`, and `team_selling` on every selling category), the same on
 * every manager's row.  Lines end in CRLF.
 *
 * Returns: (transfer full): the CSV text.
 */
char *
mk_report_csv (MkAnalysis *analysis)
{
  GString *out = g_string_new ("manager,email,category,minutes,share,median,deviation,"
                               "target_min,target_max,entries,median_entry_minutes,"
                               "prime_minutes,weak_sample,flags,target_gap_minutes_per_day,"
                               "top_tasks,team_flags\r\n");
  GListModel *managers;

  g_return_val_if_fail (MK_IS_ANALYSIS (analysis), NULL);
  managers = mk_analysis_get_managers (analysis);

  for (guint i = 0; i < g_list_model_get_n_items (managers); i++)
    {
      g_autoptr(MkManagerResult) m = g_list_model_get_item (managers, i);
      GListModel *findings = mk_manager_result_get_findings (m);

      for (guint c = 0; c < mk_analysis_get_n_categories (analysis); c++)
        {
          const char *key = mk_analysis_get_category_key (analysis, c);
          g_autoptr(GString) flags = g_string_new (NULL);
          double tmin = mk_analysis_get_category_target_min (analysis, c);
          double tmax = mk_analysis_get_category_target_max (analysis, c);

          for (guint j = 0; j < g_list_model_get_n_items (findings); j++)
            {
              g_autoptr(MkFinding) f = g_list_model_get_item (findings, j);

              if (g_strcmp0 (mk_finding_get_category_key (f), key) != 0)
                continue;
              if (flags->len > 0)
                g_string_append_c (flags, ' ');
              g_string_append (flags, mk_finding_kind_to_string (mk_finding_get_kind (f)));
            }

          csv_cell (out, mk_manager_result_get_name (m), FALSE);
          csv_cell (out, mk_manager_result_get_email (m), FALSE);
          csv_cell (out, key, FALSE);
          csv_number (out, mk_manager_result_get_category_minutes (m, c), 0);
          csv_number (out, mk_manager_result_get_share (m, c), 4);
          csv_number (out, mk_manager_result_get_peer_median (m, c), 4);
          csv_number (out, mk_manager_result_get_deviation (m, c), 2);
          csv_number (out, tmin < 0 ? NAN : tmin, 4);
          csv_number (out, tmax < 0 ? NAN : tmax, 4);
          csv_number (out, mk_manager_result_get_entries (m, c), 0);
          csv_number (out, pc_median_length (analysis, m, c), 1);
          csv_number (out, mk_manager_result_get_prime_minutes (m, c), 0);
          g_autoptr(GString) tasks = g_string_new (NULL);
          g_autoptr(GString) team_flags = g_string_new (NULL);

          for (guint t = 0; t < mk_manager_result_get_n_top_tasks (m, c); t++)
            {
              double share = 0;
              const char *text = mk_manager_result_get_top_task (m, c, t, NULL, &share);

              if (tasks->len > 0)
                g_string_append (tasks, "; ");
              g_string_append_printf (tasks, "%s ", text);
              json_number (tasks, share, 4);
            }
          if (mk_analysis_find_team_finding (analysis, MK_FINDING_TEAM_TARGET, key) != NULL)
            g_string_append (team_flags, "team_target");
          if (mk_analysis_get_category_class (analysis, c) == MK_CATEGORY_KIND_SELLING
              && mk_analysis_find_team_finding (analysis, MK_FINDING_TEAM_SELLING, NULL) != NULL)
            g_string_append (team_flags, team_flags->len > 0 ? " team_selling" : "team_selling");

          csv_cell (out, mk_manager_result_get_weak_sample (m) ? "true" : "false", FALSE);
          csv_cell (out, flags->str, FALSE);
          csv_number (out, mk_manager_result_get_weak_sample (m)
                           ? NAN : mk_manager_result_get_target_gap_per_day (m, c), 1);
          csv_cell (out, tasks->str, FALSE);
          csv_cell (out, team_flags->str, TRUE);
        }
    }

  return g_string_free (out, FALSE);
}

/* Writing */

/**
 * mk_report_write:
 * @analysis: an analysis
 * @format: the report format
 * @path: (nullable): the file to write; %NULL or "-" for standard output
 * @error: return location for a #GError
 *
 * Writes the report through mk_file_writer_open(): the file appears whole
 * or not at all, a failed write leaves the old file as it was, and what is
 * not a regular file is refused.
 *
 * Returns: %TRUE on success; %FALSE with a G_FILE_ERROR naming the file.
 */
gboolean
mk_report_write (MkAnalysis     *analysis,
                 MkReportFormat  format,
                 const char     *path,
                 GError        **error)
{
  g_autoptr(MkFileWriter) writer = NULL;
  g_autoptr(GBytes) bytes = NULL;
  const char *data;
  gsize size;

  g_return_val_if_fail (MK_IS_ANALYSIS (analysis), FALSE);

  /* The target is checked before the report is made. */
  writer = mk_file_writer_open (path != NULL ? path : "-", error);
  if (writer == NULL)
    return FALSE;

  switch (format)
    {
    case MK_REPORT_FORMAT_TEXT:
      {
        char *text = mk_report_text (analysis);

        bytes = g_bytes_new_take (text, strlen (text));
        break;
      }
    case MK_REPORT_FORMAT_JSON:
      {
        char *text = mk_report_json (analysis);

        bytes = g_bytes_new_take (text, strlen (text));
        break;
      }
    case MK_REPORT_FORMAT_CSV:
      {
        char *text = mk_report_csv (analysis);

        bytes = g_bytes_new_take (text, strlen (text));
        break;
      }
    case MK_REPORT_FORMAT_PDF:
    default:
      bytes = mk_report_pdf (analysis, error);
      if (bytes == NULL)
        return FALSE;
      break;
    }

  data = g_bytes_get_data (bytes, &size);
  return mk_file_writer_write (writer, data, size, error)
         && mk_file_writer_commit (writer, error);
}
