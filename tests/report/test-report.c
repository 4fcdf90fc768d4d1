/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-report.c — the reports: JSON contract, CSV rows, text, PDF text, the
 * command line's exit codes, and the demo team's report naming its planted
 * problems.
 *
 * The JSON is read back with a small parser below, so a test fails on
 * anything that is not valid JSON, not only on a missing key.
 */
#include "config.h"

#include <libintl.h>
#include <locale.h>
#include <math.h>

#include "mk-analysis-format.h"
#include "mk-cli-report.h"
#include "mk-report.h"
#include "mk-store.h"
#include "mk-task-fold.h"
#include "mk-version.h"

static void
use_language (const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
  /* Tells gettext the catalogues changed: it forgets what it found. */
  textdomain (GETTEXT_PACKAGE);
}

/* A minimal JSON reader: enough to check the report's structure. */

typedef enum { J_NULL, J_BOOL, J_NUMBER, J_STRING, J_ARRAY, J_OBJECT } JType;

typedef struct _J J;
struct _J {
  JType       type;
  double      number;
  gboolean    boolean;
  char       *string;
  GPtrArray  *items;     /* array: J*; object: J* values in order */
  GPtrArray  *keys;      /* object: char* */
};

static void
j_free (gpointer data)
{
  J *j = data;

  if (j == NULL)
    return;
  g_free (j->string);
  g_clear_pointer (&j->items, g_ptr_array_unref);
  g_clear_pointer (&j->keys, g_ptr_array_unref);
  g_free (j);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (J, j_free)

static void
skip_ws (const char **p)
{
  while (**p == ' ' || **p == '\n' || **p == '\r' || **p == '\t')
    (*p)++;
}

static char *
parse_string (const char **p)
{
  GString *s = g_string_new (NULL);

  g_assert_cmpint (**p, ==, '"');
  (*p)++;
  while (**p != '"')
    {
      g_assert_cmpint (**p, !=, '\0');
      g_assert_cmpint ((unsigned char) **p, >=, 0x20);
      if (**p == '\\')
        {
          (*p)++;
          switch (**p)
            {
            case 'n': g_string_append_c (s, '\n'); break;
            case 'r': g_string_append_c (s, '\r'); break;
            case 't': g_string_append_c (s, '\t'); break;
            case '"': g_string_append_c (s, '"'); break;
            case '\\': g_string_append_c (s, '\\'); break;
            case '/': g_string_append_c (s, '/'); break;
            case 'u':
              {
                char hex[5] = { 0 };

                memcpy (hex, *p + 1, 4);
                g_string_append_unichar (s, (gunichar) strtoul (hex, NULL, 16));
                *p += 4;
                break;
              }
            default:
              g_error ("bad escape \\%c", **p);
            }
          (*p)++;
        }
      else
        g_string_append_c (s, *(*p)++);
    }
  (*p)++;
  g_assert_true (g_utf8_validate (s->str, -1, NULL));
  return g_string_free (s, FALSE);
}

static J *
parse_value (const char **p)
{
  J *j = g_new0 (J, 1);

  skip_ws (p);
  if (**p == '{')
    {
      j->type = J_OBJECT;
      j->items = g_ptr_array_new_with_free_func (j_free);
      j->keys = g_ptr_array_new_with_free_func (g_free);
      (*p)++;
      skip_ws (p);
      if (**p == '}')
        (*p)++;
      else
        for (;;)
          {
            skip_ws (p);
            g_ptr_array_add (j->keys, parse_string (p));
            skip_ws (p);
            g_assert_cmpint (**p, ==, ':');
            (*p)++;
            g_ptr_array_add (j->items, parse_value (p));
            skip_ws (p);
            if (**p == ',')
              {
                (*p)++;
                continue;
              }
            g_assert_cmpint (**p, ==, '}');
            (*p)++;
            break;
          }
    }
  else if (**p == '[')
    {
      j->type = J_ARRAY;
      j->items = g_ptr_array_new_with_free_func (j_free);
      (*p)++;
      skip_ws (p);
      if (**p == ']')
        (*p)++;
      else
        for (;;)
          {
            g_ptr_array_add (j->items, parse_value (p));
            skip_ws (p);
            if (**p == ',')
              {
                (*p)++;
                continue;
              }
            g_assert_cmpint (**p, ==, ']');
            (*p)++;
            break;
          }
    }
  else if (**p == '"')
    {
      j->type = J_STRING;
      j->string = parse_string (p);
    }
  else if (g_str_has_prefix (*p, "null"))
    {
      j->type = J_NULL;
      *p += 4;
    }
  else if (g_str_has_prefix (*p, "true") || g_str_has_prefix (*p, "false"))
    {
      j->type = J_BOOL;
      j->boolean = **p == 't';
      *p += j->boolean ? 4 : 5;
    }
  else
    {
      char *end = NULL;

      j->type = J_NUMBER;
      j->number = g_ascii_strtod (*p, &end);
      g_assert_true (end != *p);
      *p = end;
    }
  return j;
}

static J *
j_parse (const char *text)
{
  const char *p = text;
  J *j = parse_value (&p);

  skip_ws (&p);
  g_assert_cmpint (*p, ==, '\0');
  return j;
}

static J *
j_get (J          *j,
       const char *key)
{
  g_assert_nonnull (j);
  g_assert_cmpint (j->type, ==, J_OBJECT);
  for (guint i = 0; i < j->keys->len; i++)
    if (g_str_equal (g_ptr_array_index (j->keys, i), key))
      return g_ptr_array_index (j->items, i);
  g_error ("JSON object has no key '%s'", key);
}

static double
j_num (J          *j,
       const char *key)
{
  J *v = j_get (j, key);

  g_assert_cmpint (v->type, ==, J_NUMBER);
  return v->number;
}

static const char *
j_str (J          *j,
       const char *key)
{
  J *v = j_get (j, key);

  if (v->type == J_NULL)
    return NULL;
  g_assert_cmpint (v->type, ==, J_STRING);
  return v->string;
}

/* A small team built by hand. */

static void
test_settings (MkSettings *s)
{
  memset (s, 0, sizeof *s);
  s->workday_minutes = 480;
  s->over_points = 10;
  s->over_deviations = 2;
  s->min_days = 2;
  s->min_coverage = 0.6;
  s->uncategorised_share = 0.1;
}

static MkAnalysis *
small_team (const char *odd_name)
{
  g_autoptr(MkAnalysisInput) input = mk_analysis_input_new ("2026-03-02", "2026-03-03");
  const char *days[] = { "2026-03-02", "2026-03-03" };
  const char *names[] = { "Anna", "Dmitri", "Elena", odd_name };
  const int admin[] = { 80, 75, 70, 220 };
  MkSettings settings;
  guint calls, admin_c, other;

  calls = mk_analysis_input_add_category (input, "calls", "Calls", "#3584e4",
                                          MK_CATEGORY_KIND_SELLING, 0.35, -1);
  admin_c = mk_analysis_input_add_category (input, "admin", "Admin", "#e66100",
                                            MK_CATEGORY_KIND_NON_SELLING, -1, 0.20);
  other = mk_analysis_input_add_category (input, "other", "Other", "#9a9996",
                                          MK_CATEGORY_KIND_NON_SELLING, -1, -1);
  for (guint p = 0; p < G_N_ELEMENTS (names); p++)
    {
      guint person = mk_analysis_input_add_person (input, names[p], p == 0 ? "anna@example.com"
                                                                          : NULL, MK_LEVEL_NONE);

      for (guint d = 0; d < G_N_ELEMENTS (days); d++)
        {
          mk_analysis_input_add_day (input, person, days[d], calls, 380 - admin[p], 12, 0, 0);
          mk_analysis_input_add_day (input, person, days[d], admin_c, admin[p], 4, 0, 0);
          mk_analysis_input_add_day (input, person, days[d], other, 20, 1, 0, 0);
        }
      mk_analysis_input_add_length (input, person, calls, 15, 24);
    }
  test_settings (&settings);
  return mk_analysis_new (input, &settings, MK_PEER_MODE_TEAM);
}

static void
assert_manager_json (J *m)
{
  static const char *keys[] = {
    "name", "email", "days", "minutes", "minutes_per_day", "coverage", "shares",
    "minutes_by_category", "reclaimable_minutes_per_day", "extra_calls_per_day", "weak_sample",
    "findings", "entries_by_category", "median_entry_minutes", "rank",
    "reclaimable_vs_target_minutes_per_day", "top_tasks",
  };
  J *shares = j_get (m, "shares");
  J *findings = j_get (m, "findings");
  double sum = 0;

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    j_get (m, keys[i]);
  for (guint i = 0; i < shares->items->len; i++)
    sum += ((J *) g_ptr_array_index (shares->items, i))->number;
  g_assert_cmpfloat_with_epsilon (sum, 1.0, 0.001);
  g_assert_cmpint (j_get (m, "weak_sample")->type, ==, J_BOOL);
  g_assert_cmpint (findings->type, ==, J_ARRAY);

  for (guint i = 0; i < findings->items->len; i++)
    {
      J *f = g_ptr_array_index (findings->items, i);
      static const char *fkeys[] = {
        "kind", "category", "severity", "value", "median", "target_min", "target_max",
        "message",
      };

      for (guint k = 0; k < G_N_ELEMENTS (fkeys); k++)
        j_get (f, fkeys[k]);
      g_assert_nonnull (strstr ("over under target priorities timing sample uncategorised",
                                j_str (f, "kind")));
      g_assert_nonnull (strstr ("info warning critical", j_str (f, "severity")));
      g_assert_true (g_str_has_prefix (j_str (f, "message"), j_str (m, "name")));
    }
}

static void
test_json_structure (void)
{
  g_autoptr(MkAnalysis) a = small_team ("Boris");
  g_autofree char *text = mk_report_json (a);
  g_autoptr(J) root = j_parse (text);
  J *team = j_get (root, "team");
  J *managers = j_get (root, "managers");
  J *boris = NULL;
  J *finding;

  g_assert_cmpstr (j_str (root, "format"), ==, "minutka-report");
  g_assert_cmpfloat (j_num (root, "version"), ==, MK_REPORT_JSON_VERSION);
  g_assert_cmpstr (j_str (j_get (root, "period"), "from"), ==, "2026-03-02");
  g_assert_cmpstr (j_str (j_get (root, "period"), "to"), ==, "2026-03-03");

  /* Team: admin 70, 75, 80, 220 of 400 a day → median 77.5 / 400. */
  g_assert_cmpfloat_with_epsilon (j_num (j_get (team, "median_share"), "admin"),
                                  77.5 / 400, 0.0001);
  g_assert_cmpfloat (j_num (j_get (team, "totals"), "minutes"), ==, 4 * 2 * 400);
  g_assert_cmpfloat_with_epsilon (j_num (team, "selling_share"),
                                  (300 + 305 + 310 + 160) / 1600.0, 0.0001);
  g_assert_cmpfloat (j_num (j_get (team, "reference"), "proudfoot_selling"), ==, 0.38);
  g_assert_nonnull (j_str (team, "summary"));

  g_assert_cmpint (managers->type, ==, J_ARRAY);
  g_assert_cmpuint (managers->items->len, ==, 4);
  for (guint i = 0; i < managers->items->len; i++)
    {
      J *m = g_ptr_array_index (managers->items, i);

      assert_manager_json (m);
      if (g_str_equal (j_str (m, "name"), "Boris"))
        boris = m;
    }
  g_assert_cmpstr (j_str (g_ptr_array_index (managers->items, 0), "email"), ==,
                   "anna@example.com");
  g_assert_null (j_str (boris, "email"));

  /* Boris: 400 min a day of 480, admin 55%; the over finding comes first. */
  g_assert_cmpfloat (j_num (boris, "days"), ==, 2);
  g_assert_cmpfloat (j_num (boris, "minutes_per_day"), ==, 400);
  g_assert_cmpfloat_with_epsilon (j_num (boris, "coverage"), 400.0 / 480, 0.0001);
  finding = g_ptr_array_index (j_get (boris, "findings")->items, 0);
  g_assert_cmpstr (j_str (finding, "kind"), ==, "over");
  g_assert_cmpstr (j_str (finding, "category"), ==, "admin");
  g_assert_cmpfloat_with_epsilon (j_num (finding, "value"), 0.55, 0.0001);
  g_assert_cmpfloat_with_epsilon (j_num (finding, "target_max"), 0.20, 0.0001);
  g_assert_cmpint (j_get (finding, "target_min")->type, ==, J_NULL);
  /* (55% − max(19.4%, 20%)) × 400 = 140 min; ÷ 15 min calls. */
  g_assert_cmpfloat_with_epsilon (j_num (boris, "reclaimable_minutes_per_day"), 140, 0.05);
  g_assert_cmpfloat_with_epsilon (j_num (boris, "extra_calls_per_day"), 9.3, 0.05);
}

static void
test_json_escapes (void)
{
  const char *odd = "Борис \"Боря\" Петров\\\n\t";
  g_autoptr(MkAnalysis) a = small_team (odd);
  g_autofree char *text = mk_report_json (a);
  g_autoptr(J) root = j_parse (text);
  J *managers = j_get (root, "managers");
  gboolean found = FALSE;

  for (guint i = 0; i < managers->items->len; i++)
    found |= g_strcmp0 (j_str (g_ptr_array_index (managers->items, i), "name"), odd) == 0;
  g_assert_true (found);
}

static void
test_json_empty (void)
{
  g_autoptr(MkAnalysisInput) input = mk_analysis_input_new ("2026-03-02", "2026-03-03");
  g_autoptr(MkAnalysis) a = NULL;
  g_autofree char *text = NULL;
  g_autoptr(J) root = NULL;
  MkSettings settings;

  mk_analysis_input_add_category (input, "calls", "Calls", NULL, MK_CATEGORY_KIND_SELLING,
                                  0.35, -1);
  test_settings (&settings);
  a = mk_analysis_new (input, &settings, MK_PEER_MODE_TEAM);
  text = mk_report_json (a);
  root = j_parse (text);
  g_assert_cmpuint (j_get (root, "managers")->items->len, ==, 0);
  g_assert_cmpfloat (j_num (j_get (j_get (root, "team"), "totals"), "minutes"), ==, 0);
}

/* Four managers who all spend half the day on admin: a team finding, and
 * what the admin time went on. */
static MkAnalysis *
uniform_team (void)
{
  g_autoptr(MkAnalysisInput) input = mk_analysis_input_new ("2026-03-02", "2026-03-03");
  const char *days[] = { "2026-03-02", "2026-03-03" };
  const char *names[] = { "Anna", "Dmitri", "Elena", "Boris" };
  const char *tasks[] = { "CRM entry for Acme", "CRM entry for Initech", "Weekly report" };
  const int task_minutes[] = { 200, 100, 100 };
  MkSettings settings;
  guint calls, admin, other;

  calls = mk_analysis_input_add_category (input, "calls", "Calls", "#3584e4",
                                          MK_CATEGORY_KIND_SELLING, 0.35, -1);
  admin = mk_analysis_input_add_category (input, "admin", "Admin", "#e66100",
                                          MK_CATEGORY_KIND_NON_SELLING, -1, 0.20);
  other = mk_analysis_input_add_category (input, "other", "Other", "#9a9996",
                                          MK_CATEGORY_KIND_NON_SELLING, -1, -1);
  for (guint p = 0; p < G_N_ELEMENTS (names); p++)
    {
      guint person = mk_analysis_input_add_person (input, names[p], NULL, MK_LEVEL_NONE);

      for (guint d = 0; d < G_N_ELEMENTS (days); d++)
        {
          mk_analysis_input_add_day (input, person, days[d], calls, 180, 12, 0, 0);
          mk_analysis_input_add_day (input, person, days[d], admin, 200, 4, 0, 0);
          mk_analysis_input_add_day (input, person, days[d], other, 20, 1, 0, 0);
        }
      mk_analysis_input_add_length (input, person, calls, 15, 24);
      for (guint t = 0; t < G_N_ELEMENTS (tasks); t++)
        {
          g_autoptr(GString) key = g_string_new (NULL);
          g_autoptr(GString) label = g_string_new (NULL);

          mk_task_fold_into (tasks[t], -1, key, label);
          mk_analysis_input_add_task (input, person, admin, key->str, label->str,
                                      task_minutes[t], 2);
        }
    }
  test_settings (&settings);
  return mk_analysis_new (input, &settings, MK_PEER_MODE_TEAM);
}

static void
test_json_team_findings (void)
{
  g_autoptr(MkAnalysis) a = uniform_team ();
  g_autofree char *text = mk_report_json (a);
  g_autoptr(J) root = j_parse (text);
  J *team = j_get (root, "team");
  J *findings = j_get (team, "findings");
  J *anna = g_ptr_array_index (j_get (root, "managers")->items, 0);
  J *f;
  J *admin;
  J *first;
  static const char *keys[] = {
    "kind", "category", "severity", "value", "target_min", "target_max",
    "minutes_per_manager_per_day", "team_minutes_per_day", "extra_calls_per_day", "message",
  };

  g_assert_cmpfloat (j_num (root, "version"), ==, 1);
  g_assert_cmpuint (findings->items->len, ==, 1);
  f = g_ptr_array_index (findings->items, 0);
  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    j_get (f, keys[k]);
  /* Admin 50% for everyone, target ≤ 20%: 30 points over, critical;
   * (50% − 20%) × 400 = 120 min a day each, 480 for the team, ÷ 15 min. */
  g_assert_cmpstr (j_str (f, "kind"), ==, "team_target");
  g_assert_cmpstr (j_str (f, "category"), ==, "admin");
  g_assert_cmpstr (j_str (f, "severity"), ==, "critical");
  g_assert_cmpfloat_with_epsilon (j_num (f, "value"), 0.5, 0.0001);
  g_assert_cmpint (j_get (f, "target_min")->type, ==, J_NULL);
  g_assert_cmpfloat_with_epsilon (j_num (f, "target_max"), 0.2, 0.0001);
  g_assert_cmpfloat_with_epsilon (j_num (f, "minutes_per_manager_per_day"), 120, 0.05);
  g_assert_cmpfloat_with_epsilon (j_num (f, "team_minutes_per_day"), 480, 0.05);
  g_assert_cmpfloat_with_epsilon (j_num (f, "extra_calls_per_day"), 32, 0.05);
  g_assert_true (g_str_has_prefix (j_str (f, "message"), "The whole team: admin 50%"));

  /* What the time went on: "CRM entry for …" is one task. */
  admin = j_get (j_get (team, "top_tasks"), "admin");
  g_assert_cmpuint (admin->items->len, ==, 2);
  first = g_ptr_array_index (admin->items, 0);
  g_assert_cmpstr (j_str (first, "text"), ==, "CRM entry");
  g_assert_cmpfloat (j_num (first, "minutes"), ==, 4 * 300);
  g_assert_cmpfloat_with_epsilon (j_num (first, "share"), 0.75, 0.0001);
  g_assert_cmpuint (j_get (j_get (team, "top_tasks"), "calls")->items->len, ==, 0);
  g_assert_cmpuint (j_get (j_get (anna, "top_tasks"), "admin")->items->len, ==, 2);

  /* The CSV says the same: the team finding and the tasks on the rows. */
  {
    g_autofree char *csv = mk_report_csv (a);

    g_assert_nonnull (strstr (csv, ",team_flags\r\n"));
    g_assert_nonnull (strstr (csv, "Anna,,admin,400,0.5000,0.5000,0.00,,0.2000,8,,0,false,target,"
                                   "120.0,CRM entry 0.7500; weekly report 0.2500,team_target\r\n"));
  }

  /* And the text report: the team first, then what the time went on, a
   * line each. */
  {
    g_autofree char *report = mk_report_text (a);

    g_assert_nonnull (strstr (report, "What the whole team shares\n  !! The whole team: admin "
                                      "50%"));
    g_assert_nonnull (strstr (report, "\n  Admin: CRM entry 75% · Weekly report 25%\n"));
    g_assert_nonnull (strstr (report, "\n     Against the targets: ≈ 2 h a day above the "
                                      "targets\n"));
    g_assert_null (strstr (report, "\\x0a"));
  }

  /* Both yardsticks: nothing against the peers, 2 h against the target. */
  g_assert_cmpfloat (j_num (anna, "reclaimable_minutes_per_day"), ==, 0);
  g_assert_cmpfloat_with_epsilon (j_num (anna, "reclaimable_vs_target_minutes_per_day"), 120,
                                  0.05);
  g_assert_cmpfloat_with_epsilon (j_num (team, "supporting_share"), 0, 0.0001);
}

static void
test_csv_rows (void)
{
  g_autoptr(MkAnalysis) a = small_team ("=HYPERLINK(\"x\")");
  g_autofree char *text = mk_report_csv (a);
  g_auto(GStrv) lines = g_strsplit (text, "\r\n", -1);

  /* Header + 4 managers × 3 categories, then the empty tail after CRLF.
   * Calls: median (75% + 76.25%) / 2; the spread is below the 2-point floor,
   * so Anna's −0.625 points are −0.31 deviations. */
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 4 * 3 + 1);
  g_assert_true (g_str_has_prefix (lines[0], "manager,email,category,minutes,share,median,"));
  g_assert_cmpstr (lines[1], ==,
                   "Anna,anna@example.com,calls,600,0.7500,0.7562,-0.31,0.3500,,24,15.0,0,"
                   "false,,0.0,,");
  /* The formula is defused and quoted; the over finding is flagged. */
  g_assert_cmpstr (lines[11], ==,
                   "\"'=HYPERLINK(\"\"x\"\")\",,admin,440,0.5500,0.1938,17.81,,0.2000,8,,0,"
                   "false,over,140.0,,");
}

static void
test_text_lists_everything (void)
{
  g_autoptr(MkAnalysis) a = small_team ("Boris");
  g_autofree char *text = mk_report_text (a);
  GListModel *findings = mk_analysis_get_findings (a);

  g_assert_true (g_str_has_prefix (text, "Minutka report: where the working day goes\n"
                                         "Period: 2 Mar 2026 – 3 Mar 2026"));
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(MkFinding) f = g_list_model_get_item (findings, i);

      g_assert_nonnull (strstr (text, mk_finding_get_message (f)));
    }
  g_assert_nonnull (strstr (text, "  1. Boris — 2 days, 6 h 40 min a day (83% of a working "
                                  "day)"));
  g_assert_nonnull (strstr (text, "Against the peers: ≈ 2 h 20 min a day could go back to "
                                  "selling, ≈ 9 more calls a day"));
  g_assert_null (strstr (text, "min/day"));
  /* Lines end in new lines, not in escaped ones. */
  g_assert_null (strstr (text, "\\x0a"));
}

/* pdftotext's output and a sentence compared without whitespace, since the
 * PDF wraps lines wherever the page needs (also after "min/"). */
static char *
collapse (const char *text)
{
  g_autoptr(GRegex) ws = g_regex_new ("[\\s\\x{00a0}]+", 0, 0, NULL);

  return g_regex_replace_literal (ws, text, -1, 0, "", 0, NULL);
}

static char *
pdf_text (MkAnalysis *a)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = mk_report_pdf (a, &error);
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "report.pdf", NULL);
  g_autofree char *out = NULL;
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  int status;

  g_assert_no_error (error);
  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  g_assert_true (g_str_has_prefix (g_bytes_get_data (pdf, NULL), "%PDF-"));
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (pdf, NULL),
                                      g_bytes_get_size (pdf), NULL));
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  {
    /* The page numbers fall inside a text that flows over a page end:
     * "…xyz\fPage 3\nabc…".  pdftotext ends each page with a form feed. */
    g_autofree char *page = g_regex_escape_string (g_dgettext (GETTEXT_PACKAGE, "Page %d"), -1);
    g_auto(GStrv) parts = g_strsplit (page, "%d", 2);
    g_autofree char *pattern = g_strdup_printf ("\\s*%s\\d+\\s*\\f", parts[0]);
    g_autoptr(GRegex) footer = g_regex_new (pattern, 0, 0, NULL);
    g_autofree char *clean = NULL;

    g_assert_nonnull (footer);
    clean = g_regex_replace_literal (footer, out, -1, 0, "", 0, NULL);
    return collapse (clean);
  }
}

/* Every manager is named; the team findings are there whole; each
 * manager's findings stand, whole, under the manager's name (after the
 * "Findings" heading) and before the next manager's. */
static void
assert_pdf_names_everything (MkAnalysis *a)
{
  g_autofree char *text = NULL;
  g_autofree char *heading = collapse (g_dgettext (GETTEXT_PACKAGE, "Findings"));
  GListModel *managers = mk_analysis_get_managers (a);
  GListModel *ranking = mk_analysis_get_ranking (a);
  GListModel *team = mk_analysis_get_team_findings (a);
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  const char *section;
  const char *cursor;

  if (pdftotext == NULL)
    {
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }
  text = pdf_text (a);
  {
    g_autofree char *title = collapse (g_dgettext (GETTEXT_PACKAGE,
                                                   "Minutka report: where the working day "
                                                   "goes"));

    g_assert_nonnull (strstr (text, title));
  }
  for (guint i = 0; i < g_list_model_get_n_items (managers); i++)
    {
      g_autoptr(MkManagerResult) m = g_list_model_get_item (managers, i);
      g_autofree char *name = collapse (mk_manager_result_get_name (m));

      if (strstr (text, name) == NULL)
        g_error ("the PDF does not name %s", mk_manager_result_get_name (m));
    }
  for (guint i = 0; i < g_list_model_get_n_items (team); i++)
    {
      g_autoptr(MkFinding) f = g_list_model_get_item (team, i);
      g_autofree char *sentence = collapse (mk_finding_get_message (f));

      if (strstr (text, sentence) == NULL)
        g_error ("the PDF does not say: %s", sentence);
    }

  g_assert_cmpuint (g_list_model_get_n_items (mk_analysis_get_findings (a)), >, 0);
  section = g_strrstr (text, heading);
  g_assert_nonnull (section);
  cursor = section;
  for (guint i = 0; i < g_list_model_get_n_items (ranking); i++)
    {
      g_autoptr(MkManagerResult) m = g_list_model_get_item (ranking, i);
      GListModel *findings = mk_manager_result_get_findings (m);
      g_autofree char *name = collapse (mk_manager_result_get_name (m));
      const char *at;

      if (g_list_model_get_n_items (findings) == 0)
        continue;
      at = strstr (cursor, name);
      if (at == NULL)
        g_error ("the findings of %s are not under their name", mk_manager_result_get_name (m));
      cursor = at + strlen (name);
      for (guint j = 0; j < g_list_model_get_n_items (findings); j++)
        {
          g_autoptr(MkFinding) f = g_list_model_get_item (findings, j);
          g_autofree char *stripped = mk_format_finding (f);
          g_autofree char *sentence = collapse (stripped);
          const char *found = strstr (cursor, sentence);

          if (found == NULL)
            g_error ("the PDF does not say, under %s: %s", mk_manager_result_get_name (m),
                     sentence);
          cursor = found + strlen (sentence);
        }
    }
}

static gboolean
have_pdftotext (void)
{
  g_autofree char *path = g_find_program_in_path ("pdftotext");

  return path != NULL;
}

/* No column head is broken inside a word: "Звон-ки", "Follo-w-ups". */
static void
assert_pdf_heads_whole (MkAnalysis *a)
{
  g_autofree char *text = NULL;

  if (!have_pdftotext ())
    return;
  text = pdf_text (a);
  for (guint c = 0; c < mk_analysis_get_n_categories (a); c++)
    {
      g_autofree char *name = collapse (mk_analysis_get_category_name (a, c));
      glong n = g_utf8_strlen (name, -1);

      for (glong k = 1; k < n; k++)
        {
          g_autofree char *head = g_utf8_substring (name, 0, k);
          g_autofree char *tail = g_utf8_substring (name, k, n);
          g_autofree char *broken = g_strconcat (head, "-", tail, NULL);

          if (strstr (text, broken) != NULL)
            g_error ("the PDF breaks the head '%s' as '%s'", name, broken);
        }
    }
}

static void
test_pdf_text (void)
{
  g_autoptr(MkAnalysis) a = small_team ("Борис Петров");

  assert_pdf_names_everything (a);
}

/* A paragraph taller than a page (a name of 5,000 characters in the
 * summary, the findings and their heading) flows over the pages: every
 * character of it is in the PDF, none under the footer. */
static void
test_pdf_long_name (void)
{
  GString *name = g_string_new ("Boris");
  g_autoptr(MkAnalysis) a = NULL;
  g_autofree char *text = NULL;
  g_autofree char *whole = NULL;

  for (guint i = 0; i < 5000; i++)
    g_string_append_c (name, (char) ('a' + i % 26));
  a = small_team (name->str);
  if (!have_pdftotext ())
    {
      g_string_free (name, TRUE);
      g_test_skip ("pdftotext (poppler-utils) is not installed");
      return;
    }
  g_assert_cmpint (mk_report_pdf_count_pages (a), >=, 3);
  text = pdf_text (a);
  whole = collapse (name->str);
  g_assert_nonnull (strstr (text, whole));
  assert_pdf_names_everything (a);
  g_string_free (name, TRUE);
}

/* The command line and the demo team, through a real store. */

static MkStore *
demo_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "demo.db", NULL);
  MkStore *store;
  gboolean loaded;

  /* The user data folder is a fresh one for each test (ISOLATE_DIRS). */
  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  store = mk_store_open (path, &error);
  g_assert_no_error (error);
  loaded = mk_store_load_demo (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (loaded);
  return store;
}

static J *
find_manager (J          *root,
              const char *name)
{
  J *managers = j_get (root, "managers");

  for (guint i = 0; i < managers->items->len; i++)
    if (g_str_equal (j_str (g_ptr_array_index (managers->items, i), "name"), name))
      return g_ptr_array_index (managers->items, i);
  g_error ("the report has no manager %s", name);
}

static gboolean
has_finding (J          *manager,
             const char *kind,
             const char *category)
{
  J *findings = j_get (manager, "findings");

  for (guint i = 0; i < findings->items->len; i++)
    {
      J *f = g_ptr_array_index (findings->items, i);

      if (g_str_equal (j_str (f, "kind"), kind)
          && (category == NULL || g_strcmp0 (j_str (f, "category"), category) == 0))
        return TRUE;
    }
  return FALSE;
}

static void
test_demo_names_planted_problems (void)
{
  g_autoptr(MkStore) store = demo_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = g_build_filename (g_get_user_data_dir (), "demo.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr(J) root = NULL;
  MkReportOptions opts = { NULL, NULL, MK_REPORT_FORMAT_JSON, out, MK_PEER_MODE_LEVEL };
  const char *balanced[] = { "Анна Смирнова", "Дмитрий Волков", "Ольга Лебедева",
                             "James Carter" };
  J *boris, *emily, *sergei, *michael;

  g_assert_cmpint (mk_cli_report (store, &opts, &error), ==, MK_EXIT_OK);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (out, &text, NULL, NULL));
  root = j_parse (text);

  /* The default period is the demo's three logged days. */
  g_assert_cmpstr (j_str (j_get (root, "period"), "from"), ==, "2026-11-23");
  g_assert_cmpstr (j_str (j_get (root, "period"), "to"), ==, "2026-11-25");
  g_assert_cmpuint (j_get (root, "managers")->items->len, ==, 8);

  boris = find_manager (root, "Борис Петров");
  g_assert_true (has_finding (boris, "over", "admin"));
  g_assert_true (has_finding (boris, "timing", NULL));
  g_assert_true (has_finding (boris, "priorities", NULL));
  g_assert_cmpfloat (j_num (boris, "rank"), ==, 1);
  g_assert_cmpfloat (j_num (boris, "reclaimable_minutes_per_day"), >, 60);

  emily = find_manager (root, "Emily Watson");
  g_assert_true (has_finding (emily, "under", "follow_up"));

  sergei = find_manager (root, "Сергей Морозов");
  g_assert_true (has_finding (sergei, "over", "meetings"));
  g_assert_true (has_finding (sergei, "uncategorised", "other"));

  michael = find_manager (root, "Michael Brown");
  g_assert_true (j_get (michael, "weak_sample")->boolean);
  g_assert_true (has_finding (michael, "sample", NULL));

  for (guint i = 0; i < G_N_ELEMENTS (balanced); i++)
    {
      J *m = find_manager (root, balanced[i]);

      g_assert_false (has_finding (m, "over", NULL));
      g_assert_false (has_finding (m, "under", NULL));
      g_assert_false (j_get (m, "weak_sample")->boolean);
    }
}

static void
test_demo_pdf (void)
{
  g_autoptr(MkStore) store = demo_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MkAnalysis) a = mk_analysis_new_for_store (store, NULL, NULL, MK_PEER_MODE_LEVEL,
                                                       &error);

  g_assert_no_error (error);
  g_assert_cmpstr (mk_analysis_get_from (a), ==, "2026-11-23");
  g_assert_cmpuint (g_list_model_get_n_items (mk_analysis_get_managers (a)), ==, 8);
  assert_pdf_names_everything (a);
  assert_pdf_heads_whole (a);
}

/* In Russian: every head whole, the findings under their manager, the days
 * as a Russian reader writes them. */
static void
test_demo_pdf_russian (void)
{
  g_autoptr(MkStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MkAnalysis) a = NULL;
  g_autofree char *text = NULL;

  use_language ("ru");
  store = demo_store ();
  a = mk_analysis_new_for_store (store, NULL, NULL, MK_PEER_MODE_LEVEL, &error);
  g_assert_no_error (error);
  assert_pdf_names_everything (a);
  assert_pdf_heads_whole (a);
  if (have_pdftotext ())
    {
      text = pdf_text (a);
      g_assert_nonnull (strstr (text, "23ноября2026–25ноября2026"));
      g_assert_null (strstr (text, "2026-11-23"));
      g_assert_nonnull (strstr (text, "Администрирование"));
    }
  use_language ("C");
}

/* An active study is the default period; without one, the last three logged
 * days are. */
static void
test_default_period_study (void)
{
  g_autoptr(MkStore) store = demo_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MkAnalysis) study = NULL;
  g_autoptr(MkAnalysis) last = NULL;

  g_assert_true (mk_store_set_study (store, "Tuesday", "2026-11-24", "2026-11-24", &error));
  g_assert_no_error (error);
  study = mk_analysis_new_for_store (store, NULL, NULL, MK_PEER_MODE_TEAM, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mk_analysis_get_from (study), ==, "2026-11-24");
  g_assert_cmpstr (mk_analysis_get_to (study), ==, "2026-11-24");
  g_assert_cmpuint (mk_analysis_get_total_days (study), ==, 1);

  g_assert_true (mk_store_clear_study (store, &error));
  last = mk_analysis_new_for_store (store, NULL, NULL, MK_PEER_MODE_TEAM, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mk_analysis_get_from (last), ==, "2026-11-23");
  g_assert_cmpstr (mk_analysis_get_to (last), ==, "2026-11-25");
  g_assert_cmpuint (mk_analysis_get_total_days (last), ==, 3);
}

static void
test_cli_exit_codes (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "empty.db", NULL);
  g_autofree char *out = g_build_filename (g_get_user_data_dir (), "out.csv", NULL);
  g_autoptr(MkStore) store = mk_store_open (path, &error);
  MkReportOptions opts = { NULL, NULL, MK_REPORT_FORMAT_CSV, out, MK_PEER_MODE_TEAM };

  g_assert_no_error (error);
  g_mkdir_with_parents (g_get_user_data_dir (), 0700);

  /* Nothing logged: nothing to report, and the message says what to do. */
  g_assert_cmpint (mk_cli_report (store, &opts, &error), ==, MK_EXIT_BAD_INPUT);
  g_assert_nonnull (strstr (error->message, "--demo"));
  g_clear_error (&error);

  opts.from = "2026-02-30";
  g_assert_cmpint (mk_cli_report (store, &opts, &error), ==, MK_EXIT_USAGE);
  g_assert_nonnull (strstr (error->message, "YYYY-MM-DD"));
  g_clear_error (&error);

  opts.from = "2026-03-05";
  opts.to = "2026-03-01";
  g_assert_cmpint (mk_cli_report (store, &opts, &error), ==, MK_EXIT_USAGE);
  g_clear_error (&error);

  g_assert_true (mk_store_load_demo (store, NULL, &error));
  opts.from = "2026-01-01";
  opts.to = "2026-01-31";
  g_assert_cmpint (mk_cli_report (store, &opts, &error), ==, MK_EXIT_BAD_INPUT);
  g_assert_nonnull (strstr (error->message, "2026-01-01"));
  g_clear_error (&error);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

  /* Only --from: up to the last logged day. */
  opts.from = "2026-11-24";
  opts.to = NULL;
  g_assert_cmpint (mk_cli_report (store, &opts, &error), ==, MK_EXIT_OK);
  g_assert_no_error (error);
  g_assert_true (g_file_test (out, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  /* English, unless a test asks for Russian; GLib decides once, at the
   * first message, whether to translate at all, so that one is Russian. */
  g_setenv ("LANGUAGE", "ru", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  mk_core_init_i18n ();
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Findings"), !=, "Findings");
  use_language ("C");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/report/json/structure-and-numbers", test_json_structure);
  g_test_add_func ("/report/json/escapes-names", test_json_escapes);
  g_test_add_func ("/report/json/empty-period", test_json_empty);
  g_test_add_func ("/report/json/team-findings-and-top-tasks", test_json_team_findings);
  g_test_add_func ("/report/csv/row-per-manager-and-category", test_csv_rows);
  g_test_add_func ("/report/text/lists-managers-and-findings", test_text_lists_everything);
  g_test_add_func ("/report/pdf/text-names-managers-and-findings", test_pdf_text);
  g_test_add_func ("/report/demo/json-names-planted-problems",
                   test_demo_names_planted_problems);
  g_test_add_func ("/report/demo/pdf-names-everything", test_demo_pdf);
  g_test_add_func ("/report/demo/pdf-in-russian", test_demo_pdf_russian);
  g_test_add_func ("/report/pdf/name-of-5000-characters-flows", test_pdf_long_name);
  g_test_add_func ("/report/period/default-study-then-last-days", test_default_period_study);
  g_test_add_func ("/report/cli/exit-codes", test_cli_exit_codes);

  return g_test_run ();
}
