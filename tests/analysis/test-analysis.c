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
 *   expect-…                          checks, see check_expectation()
 * Shares are checked to ±0.005 (half a percentage point).
 */
#include "config.h"

#include <locale.h>
#include <math.h>

#include "mk-analysis.h"

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
        mk_analysis_input_add_length (fx->input, person_index (fx, w[1]),
                                      category_index (fx, w[2]), atoi (w[3]), atoi (w[4]));
      else if (g_str_has_prefix (w[0], "expect"))
        g_ptr_array_add (fx->expectations, g_steal_pointer (&w));
      else
        g_error ("%s: cannot read line '%s'", name, lines[i]);
    }
}

static MkFindingKind
kind_from_string (const char *text)
{
  for (MkFindingKind k = MK_FINDING_OVER; k <= MK_FINDING_UNCATEGORISED; k++)
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
                   "≈ 104 min/day could go to calls ≈ 10 more calls a day");
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

  g_assert_nonnull (strstr (summary, "7 managers logged 149 h between 2026-03-02 and "
                                     "2026-03-04."));
  g_assert_nonnull (strstr (summary, "Selling takes 53%"));
  g_assert_nonnull (strstr (summary, "the most from Boris."));
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
                   "Dana: calls 33% of logged time, target ≥ 35%");
}

static void
test_empty_summary (void)
{
  g_autoptr(MkAnalysis) a = analyse_fixture ("empty.txt");

  g_assert_cmpstr (mk_analysis_get_summary (a), ==,
                   "Nobody logged any time between 2026-03-09 and 2026-03-11.");
  g_assert_cmpuint (g_list_model_get_n_items (mk_analysis_get_findings (a)), ==, 0);
  g_assert_cmpfloat (mk_analysis_get_selling_share (a), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  static const char *fixtures[] = {
    "planted.txt", "one-manager.txt", "empty.txt", "all-other.txt", "timing.txt",
    "levels-team.txt", "levels-level.txt",
  };

  /* The sentences are checked in English. */
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autofree char *stem = g_strndup (fixtures[i], strlen (fixtures[i]) - 4);
      g_autofree char *path = g_strdup_printf ("/analysis/fixture/%s", stem);

      g_test_add_data_func (path, fixtures[i], test_fixture);
    }
  g_test_add_func ("/analysis/message/planted-admin-sentence", test_message_planted);
  g_test_add_func ("/analysis/team/totals-and-summary", test_team_totals);
  g_test_add_func ("/analysis/team/all-weak-medians-flagged", test_weak_only);
  g_test_add_func ("/analysis/manager/median-entry-length", test_length_median);
  g_test_add_func ("/analysis/finding/over-team-under-target", test_over_and_below_target);
  g_test_add_func ("/analysis/empty/summary", test_empty_summary);

  return g_test_run ();
}
