/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-time-of-day.c — times of day as timesheets write them
 * (core/parse/mk-time-of-day.c): 24-hour and 12-hour clocks, the Russian
 * "9.30", seconds and their fractions, "24:00" as the end of a day, the
 * messages for what is not a time, and the length of work across
 * midnight.
 */
#include "config.h"

#include "mk-duration.h"
#include "mk-error.h"

static int
time_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  int minutes = -1;

  if (!mk_time_of_day_parse (text, &minutes, &error))
    g_error ("'%s' did not parse: %s", text, error->message);
  return minutes;
}

static void
assert_time_fails (const char *text,
                   const char *message)
{
  g_autoptr(GError) error = NULL;
  int minutes = -1;

  g_assert_false (mk_time_of_day_parse (text, &minutes, &error));
  g_assert_error (error, MK_PARSE_ERROR, MK_PARSE_ERROR_TIME);
  if (message != NULL)
    g_assert_cmpstr (error->message, ==, message);
}

static void
test_time_24h (void)
{
  g_assert_cmpint (time_ok ("9:30"), ==, 570);
  g_assert_cmpint (time_ok ("09:30"), ==, 570);
  g_assert_cmpint (time_ok ("09:30:59"), ==, 570);
  g_assert_cmpint (time_ok ("23:59:59.999"), ==, 1439);
  g_assert_cmpint (time_ok ("00:00"), ==, 0);
  g_assert_cmpint (time_ok ("9.30"), ==, 570);
  g_assert_cmpint (time_ok ("24:00"), ==, 1440);
}

static void
test_time_12h (void)
{
  g_assert_cmpint (time_ok ("9:30 AM"), ==, 570);
  g_assert_cmpint (time_ok ("9:30 PM"), ==, 21 * 60 + 30);
  g_assert_cmpint (time_ok ("12:05 a.m."), ==, 5);
  g_assert_cmpint (time_ok ("12:05 PM"), ==, 12 * 60 + 5);
  g_assert_cmpint (time_ok ("08:00:00 pm"), ==, 20 * 60);
  g_assert_cmpint (time_ok ("9pm"), ==, 21 * 60);
  assert_time_fails ("13:00 PM", "time '13:00 PM' has hour 13, but AM/PM hours are 1 to 12");
}

static void
test_time_bad (void)
{
  assert_time_fails ("25:10", "time '25:10' has hour 25");
  assert_time_fails ("9:75", "time '9:75' has 75 minutes");
  assert_time_fails ("24:30", NULL);
  assert_time_fails ("noon", "'noon' is not a time of day (write HH:MM)");
  assert_time_fails ("9", NULL);
  assert_time_fails ("930", NULL);
  assert_time_fails ("9:30 xyz", NULL);
}

/* The start of an entry: blank is unknown, and "24:00" (the end of a day) is
 * never a start. */
static void
test_time_start (void)
{
  static const struct { const char *text; int start; } cases[] = {
    { "", -1 }, { "   ", -1 }, { "9:30", 570 }, { " 9:30 ", 570 }, { "9:30 PM", 1290 },
    { "00:00", 0 }, { "23:59", 1439 }, { "24:00", 0 }, { "12:00 a.m.", 0 },
  };
  g_autoptr(GError) error = NULL;
  int start = 42;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_true (mk_time_of_day_parse_start (cases[i].text, &start, &error));
      g_assert_no_error (error);
      g_assert_cmpint (start, ==, cases[i].start);
    }
  g_assert_false (mk_time_of_day_parse_start ("24:01", &start, &error));
  g_assert_error (error, MK_PARSE_ERROR, MK_PARSE_ERROR_TIME);
}

static void
test_between_crosses_midnight (void)
{
  g_assert_cmpint (mk_seconds_between_times (9 * 3600, 10 * 3600 + 1800), ==, 5400);
  g_assert_cmpint (mk_seconds_between_times (23 * 3600 + 1800, 1800), ==, 3600);
  g_assert_cmpint (mk_seconds_between_times (0, 86400), ==, 86400);
  g_assert_cmpint (mk_seconds_between_times (3600, 3600), ==, 0);
}

static int
seconds_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  int seconds = -1;

  if (!mk_time_of_day_parse_seconds (text, &seconds, &error))
    g_error ("'%s' did not parse: %s", text, error->message);
  return seconds;
}

/* Read to the second; to the minute, the seconds are dropped as a clock
 * shows them, never rounded up. */
static void
test_time_seconds (void)
{
  g_assert_cmpint (seconds_ok ("09:30:15"), ==, 9 * 3600 + 30 * 60 + 15);
  g_assert_cmpint (seconds_ok ("9:30"), ==, 9 * 3600 + 30 * 60);
  g_assert_cmpint (seconds_ok ("23:59:59,5"), ==, 86399);
  g_assert_cmpint (seconds_ok ("24:00"), ==, 86400);
  g_assert_cmpint (seconds_ok ("08:00:30 PM"), ==, 20 * 3600 + 30);
  g_assert_cmpint (time_ok ("09:30:59"), ==, 570);
  assert_time_fails ("9:30:75", "time '9:30:75' has 75 seconds");
  assert_time_fails ("24:00:01", "time '24:00:01' has hour 24");
}

/* Spaces around and before AM/PM, the dotted and upper-case forms, noon
 * and midnight on the 12-hour clock. */
static void
test_time_12h_forms (void)
{
  g_assert_cmpint (time_ok ("  9:30  "), ==, 570);
  g_assert_cmpint (time_ok ("9:30pm"), ==, 21 * 60 + 30);
  g_assert_cmpint (time_ok ("9:30 p.m."), ==, 21 * 60 + 30);
  g_assert_cmpint (time_ok ("9 AM"), ==, 9 * 60);
  g_assert_cmpint (time_ok ("12 am"), ==, 0);
  g_assert_cmpint (time_ok ("12pm"), ==, 12 * 60);
  g_assert_cmpint (time_ok ("12:00 AM"), ==, 0);
  assert_time_fails ("0:30 AM", "time '0:30 AM' has hour 0, but AM/PM hours are 1 to 12");
  /* A word that only starts like AM/PM is not one. */
  assert_time_fails ("9 amx", NULL);
  assert_time_fails ("9:30 pmt", NULL);
}

/* Blank text is its own error, so that a caller can tell "no time" from
 * "a wrong time". */
static void
test_time_empty (void)
{
  g_autoptr(GError) error = NULL;
  int minutes = -1;

  g_assert_false (mk_time_of_day_parse ("   ", &minutes, &error));
  g_assert_error (error, MK_PARSE_ERROR, MK_PARSE_ERROR_EMPTY);
  g_assert_cmpint (minutes, ==, -1);
  g_clear_error (&error);
  g_assert_false (mk_time_of_day_parse ("", &minutes, &error));
  g_assert_error (error, MK_PARSE_ERROR, MK_PARSE_ERROR_EMPTY);
}

/* Shapes that are not a time: too many digits, a sign, one digit after the
 * colon, separators other than ':' and '.'. */
static void
test_time_not_times (void)
{
  assert_time_fails ("009:30", NULL);
  assert_time_fails ("-9:30", NULL);
  assert_time_fails ("9:3", NULL);
  assert_time_fails ("9:300", NULL);
  assert_time_fails ("9-30", NULL);
  assert_time_fails ("9.", NULL);
  assert_time_fails ("9:30:", NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/time-of-day/24-hour", test_time_24h);
  g_test_add_func ("/time-of-day/12-hour", test_time_12h);
  g_test_add_func ("/time-of-day/12-hour-forms", test_time_12h_forms);
  g_test_add_func ("/time-of-day/seconds", test_time_seconds);
  g_test_add_func ("/time-of-day/empty", test_time_empty);
  g_test_add_func ("/time-of-day/bad", test_time_bad);
  g_test_add_func ("/time-of-day/not-times", test_time_not_times);
  g_test_add_func ("/time-of-day/start", test_time_start);
  g_test_add_func ("/time-of-day/between-crosses-midnight", test_between_crosses_midnight);

  return g_test_run ();
}
