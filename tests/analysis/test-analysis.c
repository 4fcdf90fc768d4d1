/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-analysis.c — the analysis engine against hand-computed fixtures.
 *
 * Each fixture in tests/data/analysis/ describes a team's rollups and the
 * findings a person computed by hand (see the comments in each file).  The
 * format, one directive a line:
 *   include FILE                      read FILE from the same folder
 *   category KEY CLASS MIN MAX        target bounds as fractions, "-" for none
 *   person NAME LEVEL                 LEVEL junior|middle|senior|-
 *   period FROM TO / mode team|level
 *   day NAMES DAYS CATEGORY MINUTES ENTRIES [PRIME TIMED]
 *                                     NAMES and DAYS comma-separated: the same
 *                                     row for each name × day
 *   length NAME CATEGORY MINUTES COUNT
 *   task NAMES CATEGORY MINUTES TEXT  a task text (folded as the store folds
 *                                     it) with its minutes over the period
 *   expect-…                          checks, see check_expectation()
 * Shares are checked to ±0.005 (half a percentage point), minutes to ±0.5.
 *
 * Every fixture, the demo team and the teams built here are also checked
 * for consistency (check_consistency()), in English and in Russian: the
 * summary never contradicts a finding, one wording per number, no time to
 * win back for a weak sample, every message translated.
 */
#include "config.h"

#include <libintl.h>
#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mk-analysis-format.h"
#include "mk-analysis.h"
#include "mk-store.h"
#include "mk-task-fold.h"
#include "mk-version.h"

#define SHARE_TOLERANCE 0.005

typedef struct {
  MkAnalysisInput *input;
  MkPeerMode       mode;
  GPtrArray       *expectations;   /* of char ** (split lines) */
} Fixture;

static void
test_settings (MkSettings *s)
{
  /* The defaults the issue names; the store's defaults are tested there. */
  memset (s, 0, sizeof *s);
  s->workday_minutes = 480;
  s->over_points = 10.0;
  s->over_deviations = 2.0;
  s->min_days = 2;
  s->min_coverage = 0.60;
  s->uncategorised_share = 0.10;
  s->n_prime = 2;
  s->prime[0] = (MkPrimeRange) { 600, 720 };
  s->prime[1] = (MkPrimeRange) { 840, 1020 };
}

static double
parse_bound (const char *text)
{
  return g_str_equal (text, "-") ? -1.0 : g_ascii_strtod (text, NULL);
}

static guint
category_index (Fixture    *fx,
                const char *key)
{
  int c = mk_analysis_input_find_category (fx->input, key);

  if (c < 0)
    g_error ("fixture names unknown category '%s'", key);
  return (guint) c;
}

static guint
person_index (Fixture    *fx,
              const char *name)
{
  int p = mk_analysis_input_find_person (fx->input, name);

  if (p < 0)
    g_error ("fixture names unknown person '%s'", name);
  return (guint) p;
}

static void
read_fixture (Fixture    *fx,
              const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "analysis", name, NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) w = NULL;
      guint n;

      g_strstrip (lines[i]);
      if (lines[i][0] == '\0' || lines[i][0] == '#')
        continue;
      w = g_strsplit_set (lines[i], " \t", -1);
      n = g_strv_length (w);

      if (g_str_equal (w[0], "include") && n == 2)
        read_fixture (fx, w[1]);
      else if (g_str_equal (w[0], "period") && n == 3)
        mk_analysis_input_set_period (fx->input, w[1], w[2]);
      else if (g_str_equal (w[0], "mode") && n == 2)
        fx->mode = g_str_equal (w[1], "level") ? MK_PEER_MODE_LEVEL : MK_PEER_MODE_TEAM;
      else if (g_str_equal (w[0], "category") && n == 5)
        {
          MkCategoryKind klass;

          g_assert_true (mk_category_kind_from_string (w[2], &klass));
          mk_analysis_input_add_category (fx->input, w[1], w[1], NULL, klass,
                                          parse_bound (w[3]), parse_bound (w[4]));
        }
      else if (g_str_equal (w[0], "person") && n == 3)
        {
          MkLevel level = MK_LEVEL_NONE;

          if (!g_str_equal (w[2], "-"))
            g_assert_true (mk_level_from_string (w[2], &level));
          mk_analysis_input_add_person (fx->input, w[1], NULL, level);
        }
      else if (g_str_equal (w[0], "day") && (n == 6 || n == 8))
        {
          g_auto(GStrv) names = g_strsplit (w[1], ",", -1);
          g_auto(GStrv) days = g_strsplit (w[2], ",", -1);

          for (guint p = 0; names[p] != NULL; p++)
            for (guint d = 0; days[d] != NULL; d++)
              mk_analysis_input_add_day (fx->input, person_index (fx, names[p]), days[d],
                                         category_index (fx, w[3]), atoi (w[4]), atoi (w[5]),
                                         n == 8 ? atoi (w[6]) : 0, n == 8 ? atoi (w[7]) : 0);
        }
      else if (g_str_equal (w[0], "length") && n == 5)
        {
          g_auto(GStrv) names = g_strsplit (w[1], ",", -1);

          for (guint p = 0; names[p] != NULL; p++)
            mk_analysis_input_add_length (fx->input, person_index (fx, names[p]),
                                          category_index (fx, w[2]), atoi (w[3]), atoi (w[4]));
        }
      else if (g_str_equal (w[0], "task") && n >= 5)
        {
          g_auto(GStrv) names = g_strsplit (w[1], ",", -1);
          g_autofree char *task = g_strjoinv (" ", w + 4);
          g_autoptr(GString) key = g_string_new (NULL);
          g_autoptr(GString) label = g_string_new (NULL);

          mk_task_fold_into (task, -1, key, label);
          for (guint p = 0; names[p] != NULL; p++)
            mk_analysis_input_add_task (fx->input, person_index (fx, names[p]),
                                        category_index (fx, w[2]), key->str, label->str,
                                        atoi (w[3]), 1);
        }
      else if (g_str_has_prefix (w[0], "expect"))
        g_ptr_array_add (fx->expectations, g_steal_pointer (&w));
      else
        g_error ("%s: cannot read line '%s'", name, lines[i]);
    }
}

static MkFindingKind
kind_from_string (const char *text)
{
  for (MkFindingKind k = MK_FINDING_OVER; k <= MK_FINDING_TEAM_SELLING; k++)
    if (g_str_equal (mk_finding_kind_to_string (k), text))
      return k;
  g_error ("unknown finding kind '%s'", text);
}

static MkManagerResult *
manager (MkAnalysis *a,
         const char *name)
{
  MkManagerResult *m = mk_analysis_find_manager (a, name);

  if (m == NULL)
    g_error ("no manager '%s' in the analysis", name);
  return m;
}

static void
assert_share (double      got,
              const char *want,
              const char *what)
{
  double w;

  if (g_str_equal (want, "-"))
    return;
  w = g_ascii_strtod (want, NULL);
  if (fabs (got - w) > SHARE_TOLERANCE)
    g_error ("%s: got %.4f, want %.4f", what, got, w);
}

static void
check_expectation (MkAnalysis *a,
                   char      **w)
{
  guint n = g_strv_length (w);
  const char *what = w[0];

  if (g_str_equal (what, "expect-managers"))
    g_assert_cmpuint (g_list_model_get_n_items (mk_analysis_get_managers (a)), ==, atoi (w[1]));
  else if (g_str_equal (what, "expect-adequate"))
    g_assert_cmpuint (mk_analysis_get_n_adequate (a), ==, atoi (w[1]));
  else if (g_str_equal (what, "expect-empty"))
    g_assert_true (mk_analysis_is_empty (a));
  else if (g_str_equal (what, "expect-median"))
    {
      int c = mk_analysis_find_category (a, w[1]);

      g_assert_cmpint (c, >=, 0);
      assert_share (mk_analysis_get_team_median (a, c), w[2], "team median");
    }
  else if (g_str_equal (what, "expect-mad"))
    assert_share (mk_analysis_get_team_mad (a, mk_analysis_find_category (a, w[1])), w[2],
                  "team MAD");
  else if (g_str_equal (what, "expect-finding") && n == 7)
    {
      /* expect-finding NAME KIND CATEGORY|- VALUE MEDIAN|- SEVERITY */
      MkFinding *f = mk_manager_result_find (manager (a, w[1]), kind_from_string (w[2]),
                                             g_str_equal (w[3], "-") ? NULL : w[3]);

      if (f == NULL)
        g_error ("%s has no %s finding for %s", w[1], w[2], w[3]);
      if (g_str_equal (w[3], "-"))
        g_assert_null (mk_finding_get_category_key (f));
      assert_share (mk_finding_get_value (f), w[4], "finding value");
      assert_share (mk_finding_get_median (f), w[5], "finding median");
      g_assert_cmpstr (mk_severity_to_string (mk_finding_get_severity (f)), ==, w[6]);
      g_assert_true (g_str_has_prefix (mk_finding_get_message (f), w[1]));
    }
  else if (g_str_equal (what, "expect-no-finding") && n == 4)
    {
      MkFinding *f = mk_manager_result_find (manager (a, w[1]), kind_from_string (w[2]),
                                             g_str_equal (w[3], "*") || g_str_equal (w[3], "-")
                                             ? NULL : w[3]);

      if (f != NULL)
        g_error ("%s has an unexpected finding: %s", w[1], mk_finding_get_message (f));
    }
  else if (g_str_equal (what, "expect-no-kind"))
    {
      GListModel *all = mk_analysis_get_findings (a);

      for (guint i = 0; i < g_list_model_get_n_items (all); i++)
        {
          g_autoptr(MkFinding) f = g_list_model_get_item (all, i);

          if (mk_finding_get_kind (f) == kind_from_string (w[1]))
            g_error ("unexpected finding: %s", mk_finding_get_message (f));
        }
    }
  else if (g_str_equal (what, "expect-clean"))
    {
      GListModel *findings = mk_manager_result_get_findings (manager (a, w[1]));

      if (g_list_model_get_n_items (findings) > 0)
        {
          g_autoptr(MkFinding) f = g_list_model_get_item (findings, 0);

          g_error ("%s should have no findings, has: %s", w[1], mk_finding_get_message (f));
        }
      g_assert_false (mk_manager_result_get_weak_sample (manager (a, w[1])));
    }
  else if (g_str_equal (what, "expect-weak"))
    g_assert_true (mk_manager_result_get_weak_sample (manager (a, w[1])));
  else if (g_str_equal (what, "expect-reclaim"))
    {
      MkManagerResult *m = manager (a, w[1]);

      g_assert_cmpfloat_with_epsilon (mk_manager_result_get_reclaimable_per_day (m),
                                      g_ascii_strtod (w[2], NULL), 0.5);
      if (!g_str_equal (w[3], "-"))
        g_assert_cmpfloat_with_epsilon (mk_manager_result_get_extra_calls_per_day (m),
                                        g_ascii_strtod (w[3], NULL), 0.05);
    }
  else if (g_str_equal (what, "expect-team-finding") && n == 7)
    {
      /* expect-team-finding KIND CATEGORY|- VALUE SEVERITY PER_MANAGER TEAM_MINUTES */
      MkFinding *f = mk_analysis_find_team_finding (a, kind_from_string (w[1]),
                                                    g_str_equal (w[2], "-") ? NULL : w[2]);

      if (f == NULL)
        g_error ("no %s team finding for %s", w[1], w[2]);
      g_assert_true (mk_finding_is_team (f));
      g_assert_null (mk_finding_get_person_name (f));
      assert_share (mk_finding_get_value (f), w[3], "team finding value");
      g_assert_cmpstr (mk_severity_to_string (mk_finding_get_severity (f)), ==, w[4]);
      g_assert_cmpfloat_with_epsilon (mk_finding_get_minutes_per_manager_per_day (f),
                                      g_ascii_strtod (w[5], NULL), 0.5);
      g_assert_cmpfloat_with_epsilon (mk_finding_get_team_minutes_per_day (f),
                                      g_ascii_strtod (w[6], NULL), 0.5);
      g_assert_cmpuint (mk_finding_get_n_managers (f), ==, mk_analysis_get_n_adequate (a));
    }
  else if (g_str_equal (what, "expect-team-calls") && n == 4)
    {
      MkFinding *f = mk_analysis_find_team_finding (a, kind_from_string (w[1]), w[2]);

      g_assert_nonnull (f);
      g_assert_cmpfloat_with_epsilon (mk_finding_get_extra_calls_per_day (f),
                                      g_ascii_strtod (w[3], NULL), 0.05);
    }
  else if (g_str_equal (what, "expect-no-team-finding") && n == 3)
    {
      MkFinding *f = mk_analysis_find_team_finding (a, kind_from_string (w[1]),
                                                    g_str_equal (w[2], "-")
                                                    || g_str_equal (w[2], "*") ? NULL : w[2]);

      if (f != NULL)
        g_error ("unexpected team finding: %s", mk_finding_get_message (f));
    }
  else if (g_str_equal (what, "expect-summary-first") && n == 3)
    {
      /* The summary's second sentence is that team finding's own. */
      MkFinding *f = mk_analysis_find_team_finding (a, kind_from_string (w[1]),
                                                    g_str_equal (w[2], "-") ? NULL : w[2]);
      const char *summary = mk_analysis_get_summary (a);
      const char *second = strstr (summary, ". ");

      g_assert_nonnull (f);
      g_assert_nonnull (second);
      g_assert_true (g_str_has_prefix (second + 2, mk_finding_get_message (f)));
    }
  else if (g_str_equal (what, "expect-target-gap") && n == 4)
    g_assert_cmpfloat_with_epsilon (
      mk_manager_result_get_target_gap_per_day (manager (a, w[1]),
                                                mk_analysis_find_category (a, w[2])),
      g_ascii_strtod (w[3], NULL), 0.5);
  else if (g_str_equal (what, "expect-vs-target") && n == 3)
    g_assert_cmpfloat_with_epsilon (
      mk_manager_result_get_reclaimable_vs_target_per_day (manager (a, w[1])),
      g_ascii_strtod (w[2], NULL), 0.5);
  else if (g_str_equal (what, "expect-top-task") && n >= 7)
    {
      /* expect-top-task NAME CATEGORY INDEX MINUTES SHARE TEXT… */
      MkManagerResult *m = manager (a, w[1]);
      int c = mk_analysis_find_category (a, w[2]);
      g_autofree char *want = g_strjoinv (" ", w + 6);
      int minutes = 0;
      double share = 0;
      const char *text;

      g_assert_cmpuint (mk_manager_result_get_n_top_tasks (m, c), >, atoi (w[3]));
      text = mk_manager_result_get_top_task (m, c, atoi (w[3]), &minutes, &share);
      g_assert_cmpstr (text, ==, want);
      g_assert_cmpint (minutes, ==, atoi (w[4]));
      assert_share (share, w[5], "top task share");
    }
  else if (g_str_equal (what, "expect-team-top-task") && n >= 5)
    {
      /* expect-team-top-task CATEGORY INDEX MINUTES TEXT… */
      int c = mk_analysis_find_category (a, w[1]);
      g_autofree char *want = g_strjoinv (" ", w + 4);
      int minutes = 0;

      g_assert_cmpuint (mk_analysis_get_n_top_tasks (a, c), >, atoi (w[2]));
      g_assert_cmpstr (mk_analysis_get_top_task (a, c, atoi (w[2]), &minutes, NULL), ==, want);
      g_assert_cmpint (minutes, ==, atoi (w[3]));
    }
  else if (g_str_equal (what, "expect-rank"))
    g_assert_cmpuint (mk_manager_result_get_rank (manager (a, w[1])), ==, atoi (w[2]));
  else if (g_str_equal (what, "expect-prime"))
    g_assert_cmpint (mk_manager_result_get_prime_minutes (manager (a, w[1]),
                                                          mk_analysis_find_category (a, w[2])),
                     ==, atoi (w[3]));
  else if (g_str_equal (what, "expect-peer-level"))
    g_assert_cmpint (mk_manager_result_get_peer_is_level (manager (a, w[1])), ==,
                     g_str_equal (w[2], "yes"));
  else
    g_error ("unknown expectation '%s'", what);
}

/* Consistency: what every analysis must satisfy, in any language. */

/* The words of a translated clause between its first "%s" (or "%d") and the
 * next conversion: " a day could go to " — the clause whatever its numbers. */
static char *
clause_words (const char *msgid)
{
  const char *t = g_dgettext (GETTEXT_PACKAGE, msgid);
  const char *p = strchr (t, '%');
  const char *end;

  g_assert_nonnull (p);
  p += 2;
  end = strchr (p, '%');
  return end != NULL ? g_strndup (p, (gsize) (end - p)) : g_strdup (p);
}

/* The words of a translated sentence before its first conversion. */
static char *
clause_start (const char *msgid)
{
  const char *t = g_dgettext (GETTEXT_PACKAGE, msgid);
  const char *p = strchr (t, '%');

  return p != NULL ? g_strndup (t, (gsize) (p - t)) : g_strdup (t);
}

/* Too much of what has a ceiling and is not selling, too little selling. */
static gboolean
misses_band (MkAnalysis *a,
             MkFinding  *f)
{
  int c = mk_analysis_find_category (a, mk_finding_get_category_key (f));
  MkCategoryKind klass;
  double value = mk_finding_get_value (f);
  double lo = mk_finding_get_target_min (f);
  double hi = mk_finding_get_target_max (f);

  if (c < 0)
    return FALSE;
  klass = mk_analysis_get_category_class (a, c);
  if (klass != MK_CATEGORY_KIND_SELLING && hi >= 0 && value > hi + 1e-9)
    return TRUE;
  return klass == MK_CATEGORY_KIND_SELLING && lo >= 0 && value < lo - 1e-9;
}

/* Every "≈ N min" below two hours: longer times read "2 h 14 min". */
static void
check_minutes_wording (const char *text)
{
  g_autofree char *min = clause_words ("%d min");
  const char *p = text;

  g_assert_null (strstr (text, "min/day"));
  g_assert_null (strstr (text, "мин/день"));
  while ((p = strstr (p, "≈ ")) != NULL)
    {
      char *end = NULL;
      long value;

      p += strlen ("≈ ");
      value = strtol (p, &end, 10);
      if (end != p && g_str_has_prefix (end, min) && value >= 120)
        g_error ("'%ld%s' should read in hours: %s", value, min, text);
    }
}

static void
check_message (MkAnalysis *a,
               MkFinding  *f)
{
  const char *message = mk_finding_get_message (f);
  const char *person = mk_finding_get_person_name (f);
  MkManagerResult *m = person != NULL ? mk_analysis_find_manager (a, person) : NULL;

  g_assert_nonnull (message);
  check_minutes_wording (message);
  if (m != NULL && mk_manager_result_get_weak_sample (m))
    {
      /* A weak sample is not evidence enough for time to win back. */
      static const char *clauses[] = {
        "; ≈ %s a day could go to %s", "; ≈ %s a day could go back to selling",
        "; ≈ %s a day above the target", "; ≈ %s a day short of the target",
      };

      for (guint i = 0; i < G_N_ELEMENTS (clauses); i++)
        {
          g_autofree char *words = clause_words (clauses[i]);

          if (strstr (message, words) != NULL)
            g_error ("a weak sample's finding gives time to win back: %s", message);
        }
    }
  if (mk_finding_is_team (f))
    {
      g_autofree char *percent = g_strdup_printf ("%.0f%%",
                                                  round (mk_finding_get_value (f) * 100));

      g_assert_nonnull (strstr (message, percent));
    }
}

static void
check_consistency (MkAnalysis *a)
{
  const char *summary = mk_analysis_get_summary (a);
  GListModel *team = mk_analysis_get_team_findings (a);
  GListModel *all = mk_analysis_get_findings (a);
  GListModel *managers = mk_analysis_get_managers (a);
  guint n_team = g_list_model_get_n_items (team);
  gboolean missed = n_team > 0;
  const char *within = g_dgettext (GETTEXT_PACKAGE,
                                   "Nobody spends clearly more of the day on non-selling work "
                                   "than the targets and the team allow.");
  g_autofree char *selling_start = clause_start (
    "Selling takes %.0f%% of the team's logged time: above the %.0f%% Proudfoot found in sales "
    "teams (CSO Insights: %.0f%%), short of the %.0f%% they consider ideal.");
  g_autofree char *peers_start = clause_start (
    "Compared with their peers, ≈ %s a day could go back to selling; the most from %s.");
  const char *peers_sentence;

  g_assert_nonnull (summary);
  check_minutes_wording (summary);
  if (mk_analysis_is_empty (a))
    return;

  /* The team profile's selling, supporting and non-selling shares are the
   * whole day: as shown, they add up to 100 %, and selling reads as the
   * summary and the findings quote it. */
  {
    int selling, supporting, non_selling;
    g_autofree char *profile = mk_format_team_profile (a);
    g_autofree char *shown = NULL;
    const char *p = profile;
    int sum = 0;

    /* The first three numbers of the sentence are the three shares. */
    for (guint i = 0; i < 3; i++)
      {
        char *end;

        while (*p != '\0' && !g_ascii_isdigit (*p))
          p++;
        g_assert_true (g_ascii_isdigit (*p));
        sum += (int) g_ascii_strtoll (p, &end, 10);
        p = end;
      }
    if (sum != 100)
      g_error ("the team profile's shares add up to %d%%: %s", sum, profile);
    mk_analysis_get_profile_percents (a, &selling, &supporting, &non_selling);
    g_assert_cmpint (selling + supporting + non_selling, ==, 100);
    g_assert_cmpint (selling, ==, (int) round (mk_analysis_get_selling_share (a) * 100));
    g_assert_cmpint (abs (supporting - (int) round (mk_analysis_get_supporting_share (a) * 100)),
                     <=, 1);
    g_assert_cmpint (abs (non_selling
                          - (int) round (mk_analysis_get_non_selling_share (a) * 100)), <=, 1);
    shown = g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, "%.0f%%"), (double) supporting);
    g_assert_nonnull (strstr (profile, shown));
  }

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(MkFinding) f = g_list_model_get_item (all, i);
      MkFindingKind kind = mk_finding_get_kind (f);

      check_message (a, f);
      if ((kind == MK_FINDING_OVER || kind == MK_FINDING_UNDER || kind == MK_FINDING_TARGET)
          && misses_band (a, f))
        missed = TRUE;
    }

  /* "Everyone is within the targets" only when no finding says otherwise. */
  if (missed && strstr (summary, within) != NULL)
    g_error ("the summary says nobody is over the targets while a target is missed: %s",
             summary);

  /* Team findings lead, in their own words; the selling share is stated
   * once, by team_selling when there is one. */
  for (guint i = 0; i < n_team; i++)
    {
      g_autoptr(MkFinding) f = g_list_model_get_item (team, i);

      check_message (a, f);
      if (i == 0)
        {
          const char *second = strstr (summary, ". ");

          g_assert_nonnull (second);
          if (!g_str_has_prefix (second + 2, mk_finding_get_message (f)))
            g_error ("the summary does not lead with the team finding '%s': %s",
                     mk_finding_get_message (f), summary);
        }
      else
        {
          /* The others are named with their number. */
          g_autofree char *percent = g_strdup_printf (" %.0f%%",
                                                      round (mk_finding_get_value (f) * 100));

          if (strstr (summary, percent) == NULL)
            g_error ("the summary leaves out the team finding '%s': %s",
                     mk_finding_get_message (f), summary);
        }
    }
  if (mk_analysis_find_team_finding (a, MK_FINDING_TEAM_SELLING, NULL) != NULL)
    g_assert_null (strstr (summary, selling_start));

  /* Who has the most to win back: adequate samples with time to win back
   * only; weak samples are never named there. */
  peers_sentence = strstr (summary, peers_start);
  for (guint i = 0; i < g_list_model_get_n_items (managers); i++)
    {
      g_autoptr(MkManagerResult) m = g_list_model_get_item (managers, i);
      const char *name = mk_manager_result_get_name (m);
      const char *end = peers_sentence != NULL ? strstr (peers_sentence, ". ") : NULL;
      g_autofree char *sentence = peers_sentence == NULL ? NULL
                                  : end != NULL ? g_strndup (peers_sentence,
                                                             (gsize) (end - peers_sentence))
                                  : g_strdup (peers_sentence);

      if (sentence == NULL || strstr (sentence, name) == NULL)
        continue;
      if (mk_manager_result_get_weak_sample (m)
          || mk_manager_result_get_reclaimable_per_day (m) < 0.5)
        g_error ("the summary names %s as having time to win back: %s", name, summary);
    }
}

static MkAnalysis *
analyse_fixture (const char *name)
{
  Fixture fx = { 0 };
  MkSettings settings;
  MkAnalysis *a;

  fx.input = mk_analysis_input_new (NULL, NULL);
  fx.expectations = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  read_fixture (&fx, name);
  g_assert_cmpuint (fx.expectations->len, >, 0);

  test_settings (&settings);
  a = mk_analysis_new (fx.input, &settings, fx.mode);
  for (guint i = 0; i < fx.expectations->len; i++)
    check_expectation (a, g_ptr_array_index (fx.expectations, i));
  check_consistency (a);

  g_ptr_array_unref (fx.expectations);
  mk_analysis_input_free (fx.input);

  return a;
}

static void
test_fixture (gconstpointer data)
{
  g_autoptr(MkAnalysis) a = analyse_fixture (data);

  g_assert_nonnull (mk_analysis_get_summary (a));
}

/* The sentence the supervisor reads, word for word, in English. */
static void
test_message_planted (void)
{
  g_autoptr(MkAnalysis) a = analyse_fixture ("planted.txt");
  MkManagerResult *boris = mk_analysis_find_manager (a, "Boris");
  MkFinding *over = mk_manager_result_find (boris, MK_FINDING_OVER, "admin");
  MkFinding *first;
  g_autoptr(MkFinding) top = NULL;

  g_assert_cmpstr (mk_finding_get_message (over), ==,
                   "Boris: admin 42% of logged time, team median 16%, target ≤ 20%; "
                   "≈ 104 min a day could go to calls, ≈ 10 more calls a day");
  g_assert_cmpfloat_with_epsilon (mk_finding_get_deviation (over), 12.76, 0.05);
  g_assert_cmpfloat (mk_finding_get_target_max (over), ==, 0.20);
  g_assert_cmpfloat (mk_finding_get_target_min (over), <, 0);

  /* Most severe first, for the manager and for the team. */
  first = g_list_model_get_item (mk_manager_result_get_findings (boris), 0);
  g_assert_cmpint (mk_finding_get_severity (first), ==, MK_SEVERITY_CRITICAL);
  g_object_unref (first);
  top = g_list_model_get_item (mk_analysis_get_findings (a), 0);
  g_assert_cmpstr (mk_finding_get_person_name (top), ==, "Boris");

  /* Carl's weak sample is ranked after every adequate one. */
  g_assert_cmpuint (mk_manager_result_get_rank (mk_analysis_find_manager (a, "Carl")), ==, 7);
}

static void
test_team_totals (void)
{
  g_autoptr(MkAnalysis) a = analyse_fixture ("planted.txt");
  int calls = mk_analysis_find_category (a, "calls");
  const char *summary = mk_analysis_get_summary (a);

  /* 6 × 3 × 480 + Carl's 300. */
  g_assert_cmpint (mk_analysis_get_total_minutes (a), ==, 6 * 3 * 480 + 300);
  g_assert_cmpuint (mk_analysis_get_total_days (a), ==, 3);
  /* Calls: 3 × (200 + 190 + 210 + 195 + 110 + 150) + 60 = 3225. */
  g_assert_cmpint (mk_analysis_get_team_minutes (a, calls), ==, 3225);
  /* Selling = calls + follow-ups = 3225 + 3 × 505 = 4740 of 8940. */
  g_assert_cmpfloat_with_epsilon (mk_analysis_get_selling_share (a), 4740.0 / 8940.0, 1e-9);
  /* Only adequate samples count: Boris's 104 min/day, not Carl's. */
  g_assert_cmpfloat_with_epsilon (mk_analysis_get_reclaimable_per_day (a), 104.0, 0.5);

  g_assert_nonnull (strstr (summary, "7 managers logged 149 h between 2 Mar 2026 and "
                                     "4 Mar 2026."));
  g_assert_nonnull (strstr (summary, "Selling takes 53%"));
  g_assert_nonnull (strstr (summary, "Compared with their peers, ≈ 104 min a day could go back "
                                     "to selling, ≈ 10 more calls a day; the most from Boris."));
  g_assert_nonnull (strstr (summary, "left out of the medians: Carl."));
}

static void
test_weak_only (void)
{
  g_autoptr(MkAnalysisInput) input = mk_analysis_input_new ("2026-03-02", "2026-03-02");
  g_autoptr(MkAnalysis) a = NULL;
  MkSettings settings;
  guint calls = mk_analysis_input_add_category (input, "calls", "Calls", NULL,
                                                MK_CATEGORY_KIND_SELLING, 0.35, -1);
  guint admin = mk_analysis_input_add_category (input, "admin", "Admin", NULL,
                                                MK_CATEGORY_KIND_NON_SELLING, -1, 0.2);
  guint anna = mk_analysis_input_add_person (input, "Anna", NULL, MK_LEVEL_NONE);
  guint boris = mk_analysis_input_add_person (input, "Boris", NULL, MK_LEVEL_NONE);

  mk_analysis_input_add_day (input, anna, "2026-03-02", calls, 300, 10, 0, 0);
  mk_analysis_input_add_day (input, anna, "2026-03-02", admin, 100, 2, 0, 0);
  mk_analysis_input_add_day (input, boris, "2026-03-02", calls, 200, 10, 0, 0);
  mk_analysis_input_add_day (input, boris, "2026-03-02", admin, 200, 2, 0, 0);
  test_settings (&settings);
  a = mk_analysis_new (input, &settings, MK_PEER_MODE_TEAM);

  /* One day each: both weak, and the medians fall back to them, flagged. */
  g_assert_cmpuint (mk_analysis_get_n_adequate (a), ==, 0);
  g_assert_true (mk_analysis_get_medians_from_weak (a));
  g_assert_cmpfloat_with_epsilon (mk_analysis_get_team_median (a, admin), 0.375, 1e-9);
  g_assert_nonnull (strstr (mk_analysis_get_summary (a), "only indicative"));
}

static void
test_length_median (void)
{
  g_autoptr(MkAnalysisInput) input = mk_analysis_input_new (NULL, NULL);
  g_autoptr(MkAnalysis) a = NULL;
  MkSettings settings;
  guint calls = mk_analysis_input_add_category (input, "calls", "Calls", NULL,
                                                MK_CATEGORY_KIND_SELLING, -1, -1);
  guint anna = mk_analysis_input_add_person (input, "Anna", NULL, MK_LEVEL_NONE);
  guint boris = mk_analysis_input_add_person (input, "Boris", NULL, MK_LEVEL_NONE);

  mk_analysis_input_add_day (input, anna, "2026-03-02", calls, 100, 7, 0, 0);
  mk_analysis_input_add_day (input, boris, "2026-03-02", calls, 100, 4, 0, 0);
  /* Anna: 5, 5, 5, 10, 20, 25, 30 → 10; bins in any order. */
  mk_analysis_input_add_length (input, anna, calls, 30, 1);
  mk_analysis_input_add_length (input, anna, calls, 5, 3);
  mk_analysis_input_add_length (input, anna, calls, 20, 1);
  mk_analysis_input_add_length (input, anna, calls, 25, 1);
  mk_analysis_input_add_length (input, anna, calls, 10, 1);
  /* Boris: 10, 20, 30, 40 → (20 + 30) / 2. */
  mk_analysis_input_add_length (input, boris, calls, 40, 1);
  mk_analysis_input_add_length (input, boris, calls, 10, 1);
  mk_analysis_input_add_length (input, boris, calls, 30, 1);
  mk_analysis_input_add_length (input, boris, calls, 20, 1);
  test_settings (&settings);
  a = mk_analysis_new (input, &settings, MK_PEER_MODE_TEAM);

  g_assert_cmpfloat (mk_manager_result_get_median_length (mk_analysis_find_manager (a, "Anna"),
                                                          calls), ==, 10.0);
  g_assert_cmpfloat (mk_manager_result_get_median_length (mk_analysis_find_manager (a, "Boris"),
                                                          calls), ==, 25.0);
  g_assert_cmpint (mk_manager_result_get_entries (mk_analysis_find_manager (a, "Anna"), calls),
                   ==, 7);
}

/* Above the team but still under the target: two findings, two sentences. */
static void
test_over_and_below_target (void)
{
  g_autoptr(MkAnalysisInput) input = mk_analysis_input_new ("2026-03-02", "2026-03-03");
  g_autoptr(MkAnalysis) a = NULL;
  const char *names[] = { "Anna", "Boris", "Carl", "Dana" };
  const int calls_minutes[] = { 80, 80, 84, 132 };
  MkSettings settings;
  MkManagerResult *dana;
  MkFinding *over;
  MkFinding *target;
  guint calls = mk_analysis_input_add_category (input, "calls", "Calls", NULL,
                                                MK_CATEGORY_KIND_SELLING, 0.35, -1);
  guint meetings = mk_analysis_input_add_category (input, "meetings", "Meetings", NULL,
                                                   MK_CATEGORY_KIND_SUPPORTING, -1, -1);

  for (guint p = 0; p < G_N_ELEMENTS (names); p++)
    {
      guint person = mk_analysis_input_add_person (input, names[p], NULL, MK_LEVEL_NONE);

      mk_analysis_input_add_day (input, person, "2026-03-02", calls, calls_minutes[p], 5, 0, 0);
      mk_analysis_input_add_day (input, person, "2026-03-03", calls, calls_minutes[p], 5, 0, 0);
      mk_analysis_input_add_day (input, person, "2026-03-02", meetings,
                                 400 - calls_minutes[p], 5, 0, 0);
      mk_analysis_input_add_day (input, person, "2026-03-03", meetings,
                                 400 - calls_minutes[p], 5, 0, 0);
    }
  test_settings (&settings);
  a = mk_analysis_new (input, &settings, MK_PEER_MODE_TEAM);

  /* Calls: 20%, 20%, 21%, 33%; median 20.5%; Dana +12.5 points. */
  dana = mk_analysis_find_manager (a, "Dana");
  over = mk_manager_result_find (dana, MK_FINDING_OVER, "calls");
  target = mk_manager_result_find (dana, MK_FINDING_TARGET, "calls");
  g_assert_nonnull (over);
  g_assert_nonnull (target);
  g_assert_cmpint (mk_finding_get_severity (over), ==, MK_SEVERITY_INFO);
  g_assert_cmpint (mk_finding_get_severity (target), ==, MK_SEVERITY_WARNING);
  g_assert_cmpstr (mk_finding_get_message (over), ==,
                   "Dana: calls 33% of logged time, team median 21%, target ≥ 35%");
  g_assert_cmpstr (mk_finding_get_message (target), ==,
                   "Dana: calls 33% of logged time, target ≥ 35%; ≈ 8 min a day short of the "
                   "target");
}

/* The team that shares one habit, word for word: the summary leads with
 * it, sized against the target, and never says all is well. */
static void
test_uniform_team_sentences (void)
{
  g_autoptr(MkAnalysis) a = analyse_fixture ("uniform.txt");
  MkFinding *admin = mk_analysis_find_team_finding (a, MK_FINDING_TEAM_TARGET, "admin");
  MkFinding *anna = mk_manager_result_find (mk_analysis_find_manager (a, "Anna"),
                                            MK_FINDING_TARGET, "admin");
  const char *summary = mk_analysis_get_summary (a);

  g_assert_cmpstr (mk_finding_get_message (admin), ==,
                   "The whole team: admin 41% of logged time (median), target ≤ 20%; ≈ 100 min "
                   "a day per manager above the target, ≈ 10 h 1 min a day for the team, ≈ 40 "
                   "more calls a day; largest items: ввод сделок в CRM 42%, weekly report 31%, "
                   "CRM entry 13%");
  g_assert_true (g_str_has_prefix (summary, "6 managers logged 144 h between 2 Mar 2026 and "
                                            "4 Mar 2026. The whole team: admin 41%"));
  g_assert_nonnull (strstr (summary, "Also for the whole team: calls 22%, target ≥ 35%; "
                                     "meetings 27%, target ≤ 15%; selling 26%, below the 38% "
                                     "Proudfoot found in sales teams; follow_up 4%, "
                                     "target ≥ 15%."));
  g_assert_null (strstr (summary, "Nobody spends"));
  g_assert_null (strstr (summary, "Selling takes"));
  /* The profile names every part of the day: 26% + 27% + 47% (admin and
   * other). */
  {
    g_autofree char *profile = mk_format_team_profile (a);

    g_assert_nonnull (strstr (profile, "selling 26%, supporting work (meetings, travel, "
                                       "training) 27%, non-selling 47% of logged time"));
  }
  /* Anna's own sentence measures against the target, not the peers. */
  g_assert_cmpstr (mk_finding_get_message (anna), ==,
                   "Anna: admin 41% of logged time, team median 41%, target ≤ 20%; ≈ 101 min a "
                   "day above the target, ≈ 7 more calls a day; largest items: CRM entry 76%, "
                   "weekly report 17%, expense report 7%");
}

static void
test_empty_summary (void)
{
  g_autoptr(MkAnalysis) a = analyse_fixture ("empty.txt");

  g_assert_cmpstr (mk_analysis_get_summary (a), ==,
                   "Nobody logged any time between 9 Mar 2026 and 11 Mar 2026.");
  g_assert_cmpuint (g_list_model_get_n_items (mk_analysis_get_findings (a)), ==, 0);
  g_assert_cmpfloat (mk_analysis_get_selling_share (a), ==, 0);
}

/* One day is named once, not as "between a day and the same day". */
static void
test_one_day_summary (void)
{
  g_autoptr(MkAnalysisInput) none = mk_analysis_input_new ("2026-03-09", "2026-03-09");
  g_autoptr(MkAnalysisInput) input = mk_analysis_input_new ("2026-03-09", "2026-03-09");
  g_autoptr(MkAnalysis) empty = NULL;
  g_autoptr(MkAnalysis) a = NULL;
  MkSettings settings;
  guint calls, anna;

  test_settings (&settings);
  empty = mk_analysis_new (none, &settings, MK_PEER_MODE_TEAM);
  g_assert_cmpstr (mk_analysis_get_summary (empty), ==, "Nobody logged any time on 9 Mar 2026.");

  calls = mk_analysis_input_add_category (input, "calls", "calls", NULL, MK_CATEGORY_KIND_SELLING,
                                          -1, -1);
  anna = mk_analysis_input_add_person (input, "Anna", NULL, MK_LEVEL_NONE);
  mk_analysis_input_add_day (input, anna, "2026-03-09", calls, 120, 4, 0, 0);
  a = mk_analysis_new (input, &settings, MK_PEER_MODE_TEAM);
  g_assert_true (g_str_has_prefix (mk_analysis_get_summary (a),
                                   "1 manager logged 2 h on 9 Mar 2026."));
}

static void
use_language (const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
  /* textdomain() tells gettext that the catalogues changed, so that it
   * forgets the translations it found in the other language. */
  textdomain (GETTEXT_PACKAGE);
}

/* The demo team through a real store, as the window and --report see it. */
static MkAnalysis *
demo_analysis (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "demo.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MkStore) store = NULL;
  MkAnalysis *a;

  g_mkdir_with_parents (g_get_user_data_dir (), 0700);
  store = mk_store_open (path, &error);
  g_assert_no_error (error);
  if (mk_store_count_entries (store) == 0)
    {
      mk_store_load_demo (store, NULL, &error);
      g_assert_no_error (error);
    }
  a = mk_analysis_new_for_store (store, NULL, NULL, MK_PEER_MODE_LEVEL, &error);
  g_assert_no_error (error);
  return a;
}

static MkAnalysis *
analyse_team (const char *team)
{
  if (g_str_equal (team, "demo"))
    return demo_analysis ();
  return analyse_fixture (team);
}

/* "planted.txt/ru": the team and the language. */
static void
test_consistency (gconstpointer data)
{
  g_auto(GStrv) parts = g_strsplit (data, "/", 2);
  g_autoptr(MkAnalysis) a = NULL;

  use_language (parts[1]);
  a = analyse_team (parts[0]);
  check_consistency (a);
  use_language ("C");
}

/* Every sentence of the analysis exists in Russian: the same analysis in
 * both languages, and no English clause left in the Russian one. */
static void
check_translated (MkAnalysis *en,
                  MkAnalysis *ru)
{
  static const char *english[] = {
    "logged time", "median", "target", "a day", "could go", "calls", "largest items",
    "whole team", "Selling", "selling", "managers", "weak", "Nobody", "peers", "Proudfoot found",
  };
  GListModel *lists_en[] = { mk_analysis_get_findings (en), mk_analysis_get_team_findings (en) };
  GListModel *lists_ru[] = { mk_analysis_get_findings (ru), mk_analysis_get_team_findings (ru) };
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (texts, g_strdup (mk_analysis_get_summary (ru)));
  g_assert_cmpstr (mk_analysis_get_summary (en), !=, mk_analysis_get_summary (ru));
  for (guint l = 0; l < G_N_ELEMENTS (lists_en); l++)
    {
      guint n = g_list_model_get_n_items (lists_en[l]);

      g_assert_cmpuint (g_list_model_get_n_items (lists_ru[l]), ==, n);
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(MkFinding) fe = g_list_model_get_item (lists_en[l], i);
          g_autoptr(MkFinding) fr = g_list_model_get_item (lists_ru[l], i);

          g_assert_cmpstr (mk_finding_get_message (fe), !=, mk_finding_get_message (fr));
          g_ptr_array_add (texts, g_strdup (mk_finding_get_message (fr)));
        }
    }
  for (guint i = 0; i < texts->len; i++)
    for (guint k = 0; k < G_N_ELEMENTS (english); k++)
      {
        const char *text = g_ptr_array_index (texts, i);

        /* Category keys of the fixtures ("calls") are names, not words. */
        if (strstr (text, english[k]) != NULL && !g_str_equal (english[k], "calls"))
          g_error ("untranslated '%s' in: %s", english[k], text);
      }
}

static void
test_messages_translated (gconstpointer data)
{
  g_autoptr(MkAnalysis) en = NULL;
  g_autoptr(MkAnalysis) ru = NULL;

  use_language ("C");
  en = analyse_team (data);
  use_language ("ru");
  ru = analyse_team (data);
  use_language ("C");
  check_translated (en, ru);
}

/* My Analysis: the manager's own input and the rest of the team's
 * (anonymous, categories in another order) make the analysis the
 * supervisor has of everybody: the same medians, the same findings about
 * the manager; other people of the manager's own database are left out. */
static void
add_mine_days (MkAnalysisInput *input,
               guint            person,
               int              calls,
               int              admin)
{
  int c = mk_analysis_input_find_category (input, "calls");
  int a = mk_analysis_input_find_category (input, "admin");
  const char *days[] = { "2026-11-23", "2026-11-24", "2026-11-25" };

  for (guint d = 0; d < G_N_ELEMENTS (days); d++)
    {
      mk_analysis_input_add_day (input, person, days[d], (guint) c, calls + (int) d * 7, 3, 0,
                                 0);
      mk_analysis_input_add_day (input, person, days[d], (guint) a, admin - (int) d * 5, 2, 0,
                                 0);
    }
}

static void
test_input_mine (void)
{
  g_autoptr(MkAnalysisInput) everyone = mk_analysis_input_new ("2026-11-23", "2026-11-25");
  g_autoptr(MkAnalysisInput) mine = mk_analysis_input_new ("2026-11-23", "2026-11-25");
  g_autoptr(MkAnalysisInput) team = mk_analysis_input_new ("2026-11-23", "2026-11-25");
  g_autoptr(MkAnalysisInput) merged = NULL;
  g_autoptr(MkAnalysis) full = NULL;
  g_autoptr(MkAnalysis) my = NULL;
  MkManagerResult *a, *b;
  MkSettings settings;
  guint p;

  test_settings (&settings);
  mk_analysis_input_add_category (everyone, "calls", "Calls", NULL, MK_CATEGORY_KIND_SELLING, 0.35,
                                  -1);
  mk_analysis_input_add_category (everyone, "admin", "Admin", NULL, MK_CATEGORY_KIND_NON_SELLING, -1,
                                  0.20);
  mk_analysis_input_add_category (mine, "calls", "Calls", NULL, MK_CATEGORY_KIND_SELLING, 0.35, -1);
  mk_analysis_input_add_category (mine, "admin", "Admin", NULL, MK_CATEGORY_KIND_NON_SELLING, -1,
                                  0.20);
  /* The totals list the categories in their own order. */
  mk_analysis_input_add_category (team, "admin", "Admin", NULL, MK_CATEGORY_KIND_NON_SELLING, -1,
                                  0.20);
  mk_analysis_input_add_category (team, "calls", "Calls", NULL, MK_CATEGORY_KIND_SELLING, 0.35, -1);

  add_mine_days (everyone, mk_analysis_input_add_person (everyone, "Anna", NULL, MK_LEVEL_NONE),
                 200, 200);
  add_mine_days (everyone, mk_analysis_input_add_person (everyone, "Boris", NULL, MK_LEVEL_NONE),
                 330, 60);
  add_mine_days (everyone, mk_analysis_input_add_person (everyone, "Galina", NULL,
                                                         MK_LEVEL_NONE), 250, 120);
  add_mine_days (mine, mk_analysis_input_add_person (mine, "Zoe", NULL, MK_LEVEL_NONE), 10, 400);
  p = mk_analysis_input_add_person (mine, "Anna", NULL, MK_LEVEL_NONE);
  add_mine_days (mine, p, 200, 200);
  mk_analysis_input_add_task (mine, p, (guint) mk_analysis_input_find_category (mine, "admin"),
                              "crm entry", "CRM entry", 600, 6);
  mk_analysis_input_add_task (everyone, 0,
                              (guint) mk_analysis_input_find_category (everyone, "admin"),
                              "crm entry", "CRM entry", 600, 6);
  add_mine_days (team, mk_analysis_input_add_person (team, "Member 1", NULL, MK_LEVEL_NONE),
                 330, 60);
  add_mine_days (team, mk_analysis_input_add_person (team, "Member 2", NULL, MK_LEVEL_NONE),
                 250, 120);

  merged = mk_analysis_input_new_mine (mine, "Anna", team);
  g_assert_cmpuint (mk_analysis_input_get_n_people (merged), ==, 3);
  g_assert_cmpint (mk_analysis_input_find_person (merged, "Zoe"), <, 0);
  full = mk_analysis_new (everyone, &settings, MK_PEER_MODE_TEAM);
  my = mk_analysis_new (merged, &settings, MK_PEER_MODE_TEAM);
  for (guint c = 0; c < mk_analysis_get_n_categories (full); c++)
    {
      int m = mk_analysis_find_category (my, mk_analysis_get_category_key (full, c));

      g_assert_cmpint (m, >=, 0);
      g_assert_cmpfloat_with_epsilon (mk_analysis_get_team_median (my, m),
                                      mk_analysis_get_team_median (full, c), 1e-12);
    }
  a = mk_analysis_find_manager (full, "Anna");
  b = mk_analysis_find_manager (my, "Anna");
  g_assert_cmpint (mk_manager_result_get_minutes (a), ==, mk_manager_result_get_minutes (b));
  g_assert_cmpuint (g_list_model_get_n_items (mk_manager_result_get_findings (a)), >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (mk_manager_result_get_findings (a)), ==,
                    g_list_model_get_n_items (mk_manager_result_get_findings (b)));
  for (guint i = 0; i < g_list_model_get_n_items (mk_manager_result_get_findings (a)); i++)
    {
      g_autoptr(MkFinding) x = g_list_model_get_item (mk_manager_result_get_findings (a), i);
      g_autoptr(MkFinding) y = g_list_model_get_item (mk_manager_result_get_findings (b), i);

      g_assert_cmpstr (mk_finding_get_message (x), ==, mk_finding_get_message (y));
    }
  g_assert_cmpuint (mk_manager_result_get_n_top_tasks (b, (guint) mk_analysis_find_category (
                                                         my, "admin")), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  static const char *fixtures[] = {
    "planted.txt", "one-manager.txt", "empty.txt", "all-other.txt", "timing.txt",
    "levels-team.txt", "levels-level.txt", "uniform.txt", "mixed.txt",
  };
  static const char *teams[] = {
    "planted.txt", "one-manager.txt", "all-other.txt", "timing.txt", "levels-team.txt",
    "levels-level.txt", "uniform.txt", "mixed.txt", "demo",
  };
  static const char *languages[] = { "C", "ru" };

  /* The sentences are checked in English unless a test says otherwise; the
   * catalogues come from the build folder (MINUTKA_LOCALEDIR).  GLib
   * decides once, at the first message, whether to translate at all: so
   * the first message is looked up in Russian. */
  g_setenv ("LANGUAGE", "ru", TRUE);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  mk_core_init_i18n ();
  g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Findings"), !=, "Findings");
  use_language ("C");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autofree char *stem = g_strndup (fixtures[i], strlen (fixtures[i]) - 4);
      g_autofree char *path = g_strdup_printf ("/analysis/fixture/%s", stem);

      g_test_add_data_func (path, fixtures[i], test_fixture);
    }
  g_test_add_func ("/analysis/summary/one-day", test_one_day_summary);
  g_test_add_func ("/analysis/message/planted-admin-sentence", test_message_planted);
  g_test_add_func ("/analysis/team/totals-and-summary", test_team_totals);
  g_test_add_func ("/analysis/team/all-weak-medians-flagged", test_weak_only);
  g_test_add_func ("/analysis/manager/median-entry-length", test_length_median);
  g_test_add_func ("/analysis/finding/over-team-under-target", test_over_and_below_target);
  g_test_add_func ("/analysis/empty/summary", test_empty_summary);
  g_test_add_func ("/analysis/team/uniform-sentences", test_uniform_team_sentences);
  g_test_add_func ("/analysis/input/mine", test_input_mine);
  for (guint i = 0; i < G_N_ELEMENTS (teams); i++)
    {
      g_autofree char *stem = g_str_has_suffix (teams[i], ".txt")
                              ? g_strndup (teams[i], strlen (teams[i]) - 4) : g_strdup (teams[i]);
      g_autofree char *path = g_strdup_printf ("/analysis/messages/translated/%s", stem);

      g_test_add_data_func (path, teams[i], test_messages_translated);
      for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
        {
          g_autofree char *cpath = g_strdup_printf ("/analysis/consistency/%s/%s", stem,
                                                    g_str_equal (languages[l], "C") ? "en"
                                                                                    : "ru");
          char *data = g_strdup_printf ("%s/%s", teams[i], languages[l]);

          g_test_add_data_func_full (cpath, data, test_consistency, g_free);
        }
    }

  return g_test_run ();
}
