/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-duration.c — durations as timesheets write them (times of day:
 * test-time-of-day.c). */
#include "config.h"

#include "mk-duration.h"
#include "mk-error.h"

static int
parse_ok (const char     *text,
          MkDurationUnit  hint)
{
  g_autoptr(GError) error = NULL;
  int minutes = -1;

  if (!mk_duration_parse (text, hint, &minutes, &error))
    g_error ("'%s' did not parse: %s", text, error->message);
  return minutes;
}

static void
assert_parse_fails (const char     *text,
                    MkDurationUnit  hint,
                    int             code,
                    const char     *message)
{
  g_autoptr(GError) error = NULL;
  int minutes = -1;

  g_assert_false (mk_duration_parse (text, hint, &minutes, &error));
  g_assert_error (error, MK_PARSE_ERROR, code);
  if (message != NULL)
    g_assert_cmpstr (error->message, ==, message);
  g_assert_cmpint (minutes, ==, -1);
}

static void
test_minutes (void)
{
  g_assert_cmpint (parse_ok ("90", MK_DURATION_UNIT_MINUTES), ==, 90);
  g_assert_cmpint (parse_ok (" 45 ", MK_DURATION_UNIT_AUTO), ==, 45);
  g_assert_cmpint (parse_ok ("7,5", MK_DURATION_UNIT_MINUTES), ==, 8);
  g_assert_cmpint (parse_ok ("1440", MK_DURATION_UNIT_MINUTES), ==, 1440);
}

static void
test_hours_colon (void)
{
  g_assert_cmpint (parse_ok ("1:30", MK_DURATION_UNIT_MINUTES), ==, 90);
  g_assert_cmpint (parse_ok ("0:05", MK_DURATION_UNIT_HOURS), ==, 5);
  g_assert_cmpint (parse_ok ("01:30:00", MK_DURATION_UNIT_AUTO), ==, 90);
  g_assert_cmpint (parse_ok ("00:25:29", MK_DURATION_UNIT_AUTO), ==, 25);
  g_assert_cmpint (parse_ok ("00:25:30", MK_DURATION_UNIT_AUTO), ==, 26);
  g_assert_cmpint (parse_ok ("24:00:00", MK_DURATION_UNIT_AUTO), ==, 1440);
  g_assert_cmpint (parse_ok ("1:30 h", MK_DURATION_UNIT_AUTO), ==, 90);
  g_assert_cmpint (parse_ok ("1:30 ч", MK_DURATION_UNIT_AUTO), ==, 90);
}

static void
test_hours_over_day_in_format (void)
{
  /* The format allows hours past 24; the entry does not. */
  assert_parse_fails ("25:00", MK_DURATION_UNIT_AUTO, MK_PARSE_ERROR_RANGE,
                      "duration '25:00' is longer than 24 hours");
  assert_parse_fails ("100:00:00", MK_DURATION_UNIT_AUTO, MK_PARSE_ERROR_RANGE, NULL);
}

static void
test_minutes_seconds (void)
{
  g_assert_cmpint (parse_ok ("18:25 min", MK_DURATION_UNIT_AUTO), ==, 18);
  g_assert_cmpint (parse_ok ("18:35 мин", MK_DURATION_UNIT_AUTO), ==, 19);
  assert_parse_fails ("18:75 min", MK_DURATION_UNIT_AUTO, MK_PARSE_ERROR_DURATION,
                      "duration '18:75 min' has 75 seconds");
}

static void
test_decimal_hours (void)
{
  g_assert_cmpint (parse_ok ("7,5", MK_DURATION_UNIT_HOURS), ==, 450);
  g_assert_cmpint (parse_ok ("1.25", MK_DURATION_UNIT_HOURS), ==, 75);
  g_assert_cmpint (parse_ok ("2", MK_DURATION_UNIT_HOURS), ==, 120);
  g_assert_cmpint (parse_ok ("0.5", MK_DURATION_UNIT_AUTO), ==, 30);
  /* 1.333 h is 79.98 min: one rounding, to the nearest minute. */
  g_assert_cmpint (parse_ok ("1,333", MK_DURATION_UNIT_HOURS), ==, 80);
  g_assert_cmpint (parse_ok ("0.01", MK_DURATION_UNIT_HOURS), ==, 1);
}

static void
test_seconds_hint (void)
{
  g_assert_cmpint (parse_ok ("5400", MK_DURATION_UNIT_SECONDS), ==, 90);
  g_assert_cmpint (parse_ok ("89", MK_DURATION_UNIT_SECONDS), ==, 1);
  g_assert_cmpint (parse_ok ("90", MK_DURATION_UNIT_SECONDS), ==, 2);
}

static void
test_units (void)
{
  g_assert_cmpint (parse_ok ("1h 30m", MK_DURATION_UNIT_AUTO), ==, 90);
  g_assert_cmpint (parse_ok ("1h30m", MK_DURATION_UNIT_AUTO), ==, 90);
  g_assert_cmpint (parse_ok ("1 H 30 MIN", MK_DURATION_UNIT_AUTO), ==, 90);
  g_assert_cmpint (parse_ok ("1ч 30м", MK_DURATION_UNIT_AUTO), ==, 90);
  g_assert_cmpint (parse_ok ("1Ч 30М", MK_DURATION_UNIT_AUTO), ==, 90);
  g_assert_cmpint (parse_ok ("2 часа 5 минут", MK_DURATION_UNIT_AUTO), ==, 125);
  g_assert_cmpint (parse_ok ("1ч 30", MK_DURATION_UNIT_AUTO), ==, 90);
  g_assert_cmpint (parse_ok ("1,5 ч", MK_DURATION_UNIT_MINUTES), ==, 90);
  g_assert_cmpint (parse_ok ("1.5h", MK_DURATION_UNIT_MINUTES), ==, 90);
  g_assert_cmpint (parse_ok ("90 min", MK_DURATION_UNIT_HOURS), ==, 90);
  g_assert_cmpint (parse_ok ("45 мин.", MK_DURATION_UNIT_HOURS), ==, 45);
  g_assert_cmpint (parse_ok ("2 hrs", MK_DURATION_UNIT_AUTO), ==, 120);
  g_assert_cmpint (parse_ok ("1h 2m 40s", MK_DURATION_UNIT_AUTO), ==, 63);
  g_assert_cmpint (parse_ok ("PT1H30M", MK_DURATION_UNIT_AUTO), ==, 90);
  g_assert_cmpint (parse_ok ("\xC2\xA0" "30\xC2\xA0мин", MK_DURATION_UNIT_AUTO), ==, 30);
}

static void
test_units_out_of_order (void)
{
  assert_parse_fails ("30m 1h", MK_DURATION_UNIT_AUTO, MK_PARSE_ERROR_DURATION,
                      "'30m 1h' is not a duration (write minutes, h:mm or decimal hours)");
  assert_parse_fails ("1h 1h", MK_DURATION_UNIT_AUTO, MK_PARSE_ERROR_DURATION, NULL);
}

static void
test_bad_minutes (void)
{
  assert_parse_fails ("1:75", MK_DURATION_UNIT_AUTO, MK_PARSE_ERROR_DURATION,
                      "duration '1:75' has 75 minutes");
  assert_parse_fails ("1:30:61", MK_DURATION_UNIT_AUTO, MK_PARSE_ERROR_DURATION,
                      "duration '1:30:61' has 61 seconds");
  assert_parse_fails ("1:5", MK_DURATION_UNIT_AUTO, MK_PARSE_ERROR_DURATION, NULL);
}

static void
test_garbage (void)
{
  assert_parse_fails ("abc", MK_DURATION_UNIT_AUTO, MK_PARSE_ERROR_DURATION,
                      "'abc' is not a duration (write minutes, h:mm or decimal hours)");
  assert_parse_fails ("30 meetings", MK_DURATION_UNIT_AUTO, MK_PARSE_ERROR_DURATION, NULL);
  assert_parse_fails ("1..5", MK_DURATION_UNIT_HOURS, MK_PARSE_ERROR_DURATION, NULL);
  assert_parse_fails ("", MK_DURATION_UNIT_AUTO, MK_PARSE_ERROR_EMPTY, "the duration is empty");
  assert_parse_fails ("   ", MK_DURATION_UNIT_AUTO, MK_PARSE_ERROR_EMPTY, NULL);
}

static void
test_negative_zero_tiny (void)
{
  assert_parse_fails ("-30", MK_DURATION_UNIT_MINUTES, MK_PARSE_ERROR_RANGE,
                      "duration '-30' is negative");
  assert_parse_fails ("−0:30", MK_DURATION_UNIT_AUTO, MK_PARSE_ERROR_RANGE, NULL);
  assert_parse_fails ("0", MK_DURATION_UNIT_MINUTES, MK_PARSE_ERROR_RANGE,
                      "duration '0' is zero");
  assert_parse_fails ("00:00:20", MK_DURATION_UNIT_AUTO, MK_PARSE_ERROR_RANGE,
                      "duration '00:00:20' is shorter than half a minute");
  assert_parse_fails ("1441", MK_DURATION_UNIT_MINUTES, MK_PARSE_ERROR_RANGE, NULL);
  assert_parse_fails ("99999999999999999999", MK_DURATION_UNIT_MINUTES,
                      MK_PARSE_ERROR_RANGE, NULL);
}

/* Values that once wrapped around 32 bits before the 24-hour check:
 * 4294967326 minutes came in as 30, 71582788.5 hours as 14, 2147483648 as
 * a negative number.  Each is refused, naming the value. */
static void
test_huge_values_refused (void)
{
  assert_parse_fails ("4294967326", MK_DURATION_UNIT_MINUTES, MK_PARSE_ERROR_RANGE,
                      "duration '4294967326' is longer than 24 hours");
  assert_parse_fails ("71582788.5", MK_DURATION_UNIT_HOURS, MK_PARSE_ERROR_RANGE,
                      "duration '71582788.5' is longer than 24 hours");
  assert_parse_fails ("2147483648", MK_DURATION_UNIT_MINUTES, MK_PARSE_ERROR_RANGE,
                      "duration '2147483648' is longer than 24 hours");
  assert_parse_fails ("2147483648:00", MK_DURATION_UNIT_AUTO, MK_PARSE_ERROR_RANGE,
                      "duration '2147483648:00' is longer than 24 hours");
  assert_parse_fails ("PT4294967326M", MK_DURATION_UNIT_AUTO, MK_PARSE_ERROR_RANGE, NULL);
  assert_parse_fails ("4294967296h 30m", MK_DURATION_UNIT_AUTO, MK_PARSE_ERROR_RANGE, NULL);
  g_assert_false (mk_duration_check_seconds ("x", G_MAXINT64, &(int) { 0 }, NULL));
}

static void
test_jira_days (void)
{
  gint64 ms = 0;
  gboolean bare = TRUE;

  g_assert_cmpint (parse_ok ("35m", MK_DURATION_UNIT_HOURS), ==, 35);
  g_assert_cmpint (parse_ok ("1h 30m", MK_DURATION_UNIT_HOURS), ==, 90);
  /* Jira's day is 8 hours. */
  g_assert_cmpint (parse_ok ("1d 3h", MK_DURATION_UNIT_HOURS), ==, 11 * 60);
  g_assert_cmpint (parse_ok ("2d 3h", MK_DURATION_UNIT_HOURS), ==, 19 * 60);
  assert_parse_fails ("3d 1h", MK_DURATION_UNIT_AUTO, MK_PARSE_ERROR_RANGE,
                      "duration '3d 1h' is longer than 24 hours");
  assert_parse_fails ("1w", MK_DURATION_UNIT_AUTO, MK_PARSE_ERROR_RANGE, NULL);
  /* "day" is a word, not a unit: quick entry keeps it. */
  assert_parse_fails ("2 days", MK_DURATION_UNIT_AUTO, MK_PARSE_ERROR_DURATION, NULL);

  g_assert_true (mk_duration_parse_ms ("7260", MK_DURATION_UNIT_SECONDS, &ms, &bare, NULL));
  g_assert_cmpint (ms, ==, 7260000);
  g_assert_true (bare);
  g_assert_true (mk_duration_parse_ms ("0:00:00", MK_DURATION_UNIT_AUTO, &ms, &bare, NULL));
  g_assert_cmpint (ms, ==, 0);
  g_assert_false (bare);
}

static void
test_prefix (void)
{
  const char *end = NULL;
  int minutes = 0;

  g_assert_true (mk_duration_parse_prefix ("30 call Acme", MK_DURATION_UNIT_AUTO,
                                           &minutes, &end));
  g_assert_cmpint (minutes, ==, 30);
  g_assert_cmpstr (end, ==, " call Acme");

  g_assert_true (mk_duration_parse_prefix ("1h 30m call", MK_DURATION_UNIT_AUTO,
                                           &minutes, &end));
  g_assert_cmpint (minutes, ==, 90);
  g_assert_cmpstr (end, ==, " call");

  g_assert_true (mk_duration_parse_prefix ("1,5ч звонки", MK_DURATION_UNIT_AUTO,
                                           &minutes, &end));
  g_assert_cmpint (minutes, ==, 90);
  g_assert_cmpstr (end, ==, " звонки");

  /* "с" is "with" in Russian, not seconds. */
  g_assert_true (mk_duration_parse_prefix ("30 с клиентом", MK_DURATION_UNIT_AUTO,
                                           &minutes, &end));
  g_assert_cmpint (minutes, ==, 30);
  g_assert_cmpstr (end, ==, " с клиентом");

  g_assert_false (mk_duration_parse_prefix ("30meet", MK_DURATION_UNIT_AUTO, &minutes, &end));
  g_assert_false (mk_duration_parse_prefix ("call 30", MK_DURATION_UNIT_AUTO, &minutes, &end));
}

static void
test_check_seconds (void)
{
  g_autoptr(GError) error = NULL;
  int minutes = 0;

  g_assert_true (mk_duration_check_seconds ("09:00–10:30", 5400, &minutes, NULL));
  g_assert_cmpint (minutes, ==, 90);
  g_assert_false (mk_duration_check_seconds ("09:00–09:00", 0, &minutes, &error));
  g_assert_error (error, MK_PARSE_ERROR, MK_PARSE_ERROR_RANGE);
  g_assert_cmpstr (error->message, ==, "duration '09:00–09:00' is zero");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/duration/parse/minutes", test_minutes);
  g_test_add_func ("/duration/parse/hours-colon", test_hours_colon);
  g_test_add_func ("/duration/parse/hours-over-day-in-format", test_hours_over_day_in_format);
  g_test_add_func ("/duration/parse/minutes-seconds-with-unit", test_minutes_seconds);
  g_test_add_func ("/duration/parse/decimal-hours-dot-and-comma", test_decimal_hours);
  g_test_add_func ("/duration/parse/seconds-hint", test_seconds_hint);
  g_test_add_func ("/duration/parse/units-english-and-russian", test_units);
  g_test_add_func ("/duration/parse/units-out-of-order", test_units_out_of_order);
  g_test_add_func ("/duration/parse/bad-minutes-named", test_bad_minutes);
  g_test_add_func ("/duration/parse/garbage", test_garbage);
  g_test_add_func ("/duration/parse/negative-zero-tiny", test_negative_zero_tiny);
  g_test_add_func ("/duration/parse/prefix-for-quick-entry", test_prefix);
  g_test_add_func ("/duration/parse/huge-values-refused-not-wrapped", test_huge_values_refused);
  g_test_add_func ("/duration/parse/jira-days-and-minutes", test_jira_days);
  g_test_add_func ("/duration/check-seconds", test_check_seconds);

  return g_test_run ();
}
