/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-format.c — core's values as people read them, and the target band
 * rule ("0 % and 100 % are no bound") from the store to the words. */
#include "config.h"

#include <locale.h>
#include <math.h>

#include "mk-analysis.h"
#include "mk-error.h"
#include "mk-format.h"
#include "store-test-utils.h"

static void
assert_text (char       *text,
             const char *expected)
{
  g_assert_cmpstr (text, ==, expected);
  g_free (text);
}

static void
test_minutes (void)
{
  static const struct { double minutes; const char *text; } cases[] = {
    { 0, "0 min" }, { 1, "1 min" }, { 60, "60 min" }, { 95, "95 min" }, { 119.4, "119 min" },
    { 119.6, "2 h" }, { 134, "2 h 14 min" }, { 480, "8 h" }, { 1440, "24 h" },
    { 1470, "24 h 30 min" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_text (mk_format_minutes (cases[i].minutes), cases[i].text);
  assert_text (mk_format_minutes (NAN), "—");
  assert_text (mk_format_minutes (INFINITY), "—");
}

/* Counts are grouped by three: the locale's separator, or a comma. */
static void
test_count (void)
{
  assert_text (mk_format_count (0), "0");
  assert_text (mk_format_count (999), "999");
  assert_text (mk_format_count (1000), "1,000");
  assert_text (mk_format_count (400020), "400,020");
  assert_text (mk_format_count (1234567), "1,234,567");
  assert_text (mk_format_count (-400020), "−400,020");
  if (setlocale (LC_NUMERIC, "ru_RU.UTF-8") != NULL)
    {
      /* Russian groups with the narrow no-break space. */
      assert_text (mk_format_count (400020), "400\u202f020");
      assert_text (mk_format_count (1234567), "1\u202f234\u202f567");
    }
  else
    g_test_message ("ru_RU.UTF-8 is not installed: the Russian grouping is not checked");
  setlocale (LC_NUMERIC, "C.UTF-8");
}

static void
test_time (void)
{
  assert_text (mk_format_time (9 * 60 + 5), "9:05");
  assert_text (mk_format_time (0), "0:00");
  assert_text (mk_format_time (23 * 60 + 59), "23:59");
  /* 24:00 is the end of a day; past it is the next day. */
  assert_text (mk_format_time (1440), "24:00");
  assert_text (mk_format_time (1470), "0:30");
  assert_text (mk_format_time_range (9 * 60 + 15, 9 * 60 + 45), "9:15–9:45");
  assert_text (mk_format_time_range (23 * 60 + 30, 24 * 60 + 30), "23:30–0:30");
  assert_text (mk_format_time_range (22 * 60, 24 * 60), "22:00–24:00");
}

static void
test_percent (void)
{
  assert_text (mk_format_percent (0.47), "47%");
  assert_text (mk_format_percent (0.125), "13%");
  assert_text (mk_format_percent (0), "0%");
  assert_text (mk_format_percent (1), "100%");
  assert_text (mk_format_percent (NAN), "—");
}

/* Shares of a whole, rounded each on its own, can add up to 101 % or 99 %;
 * by the largest remainder they add up to the total asked. */
static void
test_round_percents (void)
{
  const double day[] = { 0.526, 0.216, 0.258 };   /* 53 + 22 + 26 = 101 each on its own */
  const double thirds[] = { 1 / 3.0, 1 / 3.0, 1 / 3.0 };
  const double exact[] = { 0.29, 0.50, 0.21 };
  const double halves[] = { 0.125, 0.125, 0.75 };
  int p[3];

  mk_round_percents (day, 3, 100, p);
  g_assert_cmpint (p[0], ==, 53);
  g_assert_cmpint (p[1], ==, 21);
  g_assert_cmpint (p[2], ==, 26);

  mk_round_percents (thirds, 3, 100, p);
  g_assert_cmpint (p[0] + p[1] + p[2], ==, 100);
  g_assert_cmpint (p[0], ==, 34);   /* at equal remainders, the first */
  g_assert_cmpint (p[1], ==, 33);

  mk_round_percents (exact, 3, 100, p);
  g_assert_cmpint (p[0], ==, 29);
  g_assert_cmpint (p[1], ==, 50);
  g_assert_cmpint (p[2], ==, 21);

  mk_round_percents (halves, 3, 100, p);
  g_assert_cmpint (p[0] + p[1] + p[2], ==, 100);
  g_assert_cmpint (p[2], ==, 75);

  /* The rest of a day whose selling share is shown already (47 %). */
  mk_round_percents (day + 1, 2, 53, p);
  g_assert_cmpint (p[0] + p[1], ==, 53);
}

static void
test_target (void)
{
  assert_text (mk_format_target_band (0.10, 0.15), "10–15%");
  assert_text (mk_format_target_band (0.35, -1), "≥ 35%");
  assert_text (mk_format_target_band (-1, 0.20), "≤ 20%");
  g_assert_null (mk_format_target_band (-1, -1));
  g_assert_null (mk_format_target_band (NAN, NAN));
  assert_text (mk_format_target (-1, 0.20), "target ≤ 20%");
  assert_text (mk_format_target (0.35, -1), "target ≥ 35%");
  assert_text (mk_format_target (0.10, 0.15), "target 10–15%");

  /* 0 % below and 100 % above are no bound. */
  assert_text (mk_format_target (0, 0.20), "target ≤ 20%");
  assert_text (mk_format_target (0.35, 1), "target ≥ 35%");
  g_assert_null (mk_format_target (0, 1));
}

static void
test_labels (void)
{
  g_assert_cmpstr (mk_level_label (MK_LEVEL_JUNIOR), ==, "Junior");
  g_assert_cmpstr (mk_level_label (MK_LEVEL_MIDDLE), ==, "Middle");
  g_assert_cmpstr (mk_level_label (MK_LEVEL_SENIOR), ==, "Senior");
  g_assert_cmpstr (mk_level_label (MK_LEVEL_NONE), ==, "No level");
  g_assert_cmpstr (mk_category_kind_label (MK_CATEGORY_KIND_SELLING), ==, "Selling");
  g_assert_cmpstr (mk_category_kind_label (MK_CATEGORY_KIND_SUPPORTING), ==, "Supporting");
  g_assert_cmpstr (mk_category_kind_label (MK_CATEGORY_KIND_NON_SELLING), ==, "Non-selling");
}

static void
test_days (void)
{
  assert_text (mk_day_format ("2026-11-23"), "Mon 23 Nov 2026");
  assert_text (mk_day_format_short ("2026-11-23"), "23 Nov 2026");
  assert_text (mk_format_period ("2026-11-23", "2026-11-25"), "23 Nov 2026 – 25 Nov 2026");
  assert_text (mk_format_period ("2026-11-23", "2026-11-23"), "23 Nov 2026");
  assert_text (mk_format_period (NULL, "2026-11-23"), "No period");
  assert_text (mk_day_format_short (NULL), "…");
  assert_text (mk_day_format_short ("2026-02-30"), "2026-02-30");
  assert_text (mk_format_period ("2026-02-30", "2026-03-01"), "No period");
  /* Not a day: shown as it is rather than dropped. */
  assert_text (mk_day_format ("soon"), "soon");
}

/* The rule once: whatever writes 0 % or 100 % as a bound, the store keeps
 * no bound, the category and the analysis read no bound, and the words
 * and the findings agree. */
static void
test_target_band_rule (void)
{
  g_autoptr(MkStore) store = mk_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MkAnalysisInput) input = NULL;
  MkCategory *admin = mk_store_get_category_by_key (store, "admin");
  gint64 id = mk_category_get_id (admin);
  double lo = 0;
  double hi = 1;
  guint c;

  mk_target_band_normalize (&lo, &hi);
  g_assert_cmpfloat (lo, ==, -1);
  g_assert_cmpfloat (hi, ==, -1);
  lo = 0.05;
  hi = 0.99;
  mk_target_band_normalize (&lo, &hi);
  g_assert_cmpfloat (lo, ==, 0.05);
  g_assert_cmpfloat (hi, ==, 0.99);

  g_assert_true (mk_store_update_category (store, id, "Admin", "#e66100",
                                           MK_CATEGORY_KIND_NON_SELLING, 0, 0.20,
                                           mk_category_get_sort_order (admin), FALSE, &error));
  g_assert_no_error (error);
  admin = mk_store_get_category (store, id);
  g_assert_cmpfloat (mk_category_get_target_min (admin), <, 0);
  g_assert_cmpfloat (mk_category_get_target_max (admin), ==, 0.20);

  g_assert_true (mk_store_update_category (store, id, "Admin", "#e66100",
                                           MK_CATEGORY_KIND_NON_SELLING, 0.10, 1.0,
                                           mk_category_get_sort_order (admin), FALSE, &error));
  admin = mk_store_get_category (store, id);
  g_assert_cmpfloat (mk_category_get_target_min (admin), ==, 0.10);
  g_assert_cmpfloat (mk_category_get_target_max (admin), <, 0);

  /* A band above 100 % is refused, not silently dropped. */
  g_assert_false (mk_store_update_category (store, id, "Admin", "#e66100",
                                            MK_CATEGORY_KIND_NON_SELLING, 0.10, 1.5,
                                            mk_category_get_sort_order (admin), FALSE, &error));
  g_assert_error (error, MK_STORE_ERROR, MK_STORE_ERROR_INVALID);

  input = mk_analysis_input_new ("2026-11-23", "2026-11-23");
  c = mk_analysis_input_add_category (input, "admin", "Admin", NULL,
                                      MK_CATEGORY_KIND_NON_SELLING, 0, 1);
  {
    MkSettings settings;
    g_autoptr(MkAnalysis) analysis = NULL;

    mk_settings_init_defaults (&settings);
    analysis = mk_analysis_new (input, &settings, MK_PEER_MODE_TEAM);
    g_assert_cmpfloat (mk_analysis_get_category_target_min (analysis, c), <, 0);
    g_assert_cmpfloat (mk_analysis_get_category_target_max (analysis, c), <, 0);
    g_assert_cmpstr (mk_analysis_get_category_color (analysis, c), ==,
                     MK_CATEGORY_FALLBACK_COLOR);
  }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/format/minutes", test_minutes);
  g_test_add_func ("/format/time", test_time);
  g_test_add_func ("/format/count", test_count);
  g_test_add_func ("/format/percent", test_percent);
  g_test_add_func ("/format/round-percents", test_round_percents);
  g_test_add_func ("/format/target", test_target);
  g_test_add_func ("/format/labels", test_labels);
  g_test_add_func ("/format/days", test_days);
  g_test_add_func ("/format/target-band-rule", test_target_band_rule);
  return g_test_run ();
}
