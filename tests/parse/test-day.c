/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-day.c — days as core keeps them, read as local noon and counted by
 * the calendar, whatever the time zone does at midnight. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mk-day.h"
#include "mk-error.h"

static void
assert_day_is (GDateTime *date_time,
               int        year,
               int        month,
               int        day)
{
  g_assert_nonnull (date_time);
  g_assert_cmpint (g_date_time_get_year (date_time), ==, year);
  g_assert_cmpint (g_date_time_get_month (date_time), ==, month);
  g_assert_cmpint (g_date_time_get_day_of_month (date_time), ==, day);
  g_assert_cmpint (g_date_time_get_hour (date_time), ==, 12);
}

static void
test_to_date_time (void)
{
  g_autoptr(GDateTime) day = mk_day_to_date_time ("2026-11-23");

  assert_day_is (day, 2026, 11, 23);
  g_assert_null (mk_day_to_date_time (NULL));
  g_assert_null (mk_day_to_date_time (""));
  g_assert_null (mk_day_to_date_time ("2026-02-30"));
  g_assert_null (mk_day_to_date_time ("2026-13-01"));
  g_assert_null (mk_day_to_date_time ("23.11.2026x"));
  g_assert_null (mk_day_to_date_time ("2026-11-23 09:30"));
}

/* In São Paulo, 4 November 2018 had no midnight: clocks went from 23:59:59
 * to 01:00.  Noon is always there, and always on its own day. */
static void
test_no_midnight (void)
{
  const char *old = g_getenv ("TZ");
  g_autofree char *saved = g_strdup (old);

  g_setenv ("TZ", "America/Sao_Paulo", TRUE);
  tzset ();
  {
    g_autoptr(GDateTime) day = mk_day_to_date_time ("2018-11-04");
    g_autofree char *next = mk_day_add ("2018-11-03", 1);
    g_autofree char *back = mk_day_add ("2018-11-05", -1);

    assert_day_is (day, 2018, 11, 4);
    g_assert_cmpstr (next, ==, "2018-11-04");
    g_assert_cmpstr (back, ==, "2018-11-04");
    g_assert_cmpint (mk_day_days_between ("2018-11-03", "2018-11-05"), ==, 2);
  }
  if (saved != NULL)
    g_setenv ("TZ", saved, TRUE);
  else
    g_unsetenv ("TZ");
  tzset ();
}

static void
test_add_and_between (void)
{
  g_autofree char *next_year = mk_day_add ("2026-12-31", 1);
  g_autofree char *leap = mk_day_add ("2028-03-01", -1);
  g_autofree char *same = mk_day_add ("2026-11-23", 0);

  g_assert_cmpstr (next_year, ==, "2027-01-01");
  g_assert_cmpstr (leap, ==, "2028-02-29");
  g_assert_cmpstr (same, ==, "2026-11-23");
  g_assert_null (mk_day_add ("someday", 1));

  g_assert_cmpint (mk_day_days_between ("2026-11-23", "2026-11-25"), ==, 2);
  g_assert_cmpint (mk_day_days_between ("2026-11-25", "2026-11-23"), ==, -2);
  g_assert_cmpint (mk_day_days_between ("2026-03-28", "2026-03-30"), ==, 2);
  g_assert_cmpint (mk_day_days_between ("2026-11-23", "bad"), ==, 0);
}

static void
test_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *expected = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *today = mk_day_today ();

  /* Unless the test runs across midnight. */
  if (g_strcmp0 (today, expected) != 0)
    {
      g_autoptr(GDateTime) later = g_date_time_new_now_local ();
      g_autofree char *again = g_date_time_format (later, "%Y-%m-%d");

      g_assert_cmpstr (today, ==, again);
    }
}

static void
test_has_come (void)
{
  g_autofree char *today = mk_day_today ();
  g_autofree char *yesterday = mk_day_add (today, -1);
  g_autofree char *tomorrow = mk_day_add (today, 1);
  g_autoptr(GError) error = NULL;

  g_assert_true (mk_day_check_has_come (yesterday, NULL));
  /* Unless the test runs across midnight, when "today" has come too. */
  g_assert_true (mk_day_check_has_come (today, NULL));
  g_assert_false (mk_day_check_has_come (tomorrow, &error));
  g_assert_error (error, MK_PARSE_ERROR, MK_PARSE_ERROR_RANGE);
  g_assert_nonnull (strstr (error->message, "when it comes"));
  g_assert_false (mk_day_check_has_come ("2999-01-01", NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/day/to-date-time", test_to_date_time);
  g_test_add_func ("/day/no-midnight", test_no_midnight);
  g_test_add_func ("/day/add-and-between", test_add_and_between);
  g_test_add_func ("/day/today", test_today);
  g_test_add_func ("/day/has-come", test_has_come);
  return g_test_run ();
}
