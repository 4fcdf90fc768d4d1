/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-date.c — dates as timesheets write them, and the column decider. */
#include "config.h"

#include "mk-date.h"
#include "mk-error.h"

static char *
iso (const char  *text,
     MkDateOrder  order,
     int         *seconds)
{
  g_autoptr(GError) error = NULL;
  MkDateValue value;
  char buf[MK_DATE_ISO_LEN];

  if (!mk_date_parse (text, order, &value, &error))
    g_error ("'%s' did not parse: %s", text, error->message);
  if (seconds != NULL)
    *seconds = value.seconds;
  mk_date_value_to_iso (&value, buf);
  return g_strdup (buf);
}

#define assert_iso(text, order, expected) \
  G_STMT_START { \
    g_autofree char *got_ = iso (text, order, NULL); \
    g_assert_cmpstr (got_, ==, expected); \
  } G_STMT_END

static void
assert_fails (const char  *text,
              MkDateOrder  order,
              int          code,
              const char  *message)
{
  g_autoptr(GError) error = NULL;
  MkDateValue value;

  g_assert_false (mk_date_parse (text, order, &value, &error));
  g_assert_error (error, MK_PARSE_ERROR, code);
  if (message != NULL)
    g_assert_cmpstr (error->message, ==, message);
}

static void
test_iso (void)
{
  assert_iso ("2024-03-05", MK_DATE_ORDER_UNKNOWN, "2024-03-05");
  assert_iso ("2016-8-1", MK_DATE_ORDER_UNKNOWN, "2016-08-01");
  assert_iso (" 2024/03/05 ", MK_DATE_ORDER_DMY, "2024-03-05");
  /* A year-first value is year-first whatever the column order says. */
  assert_iso ("2024-03-05", MK_DATE_ORDER_MDY, "2024-03-05");
}

static void
test_day_first (void)
{
  assert_iso ("05.03.2024", MK_DATE_ORDER_UNKNOWN, "2024-03-05");
  assert_iso ("5.3.2024", MK_DATE_ORDER_DMY, "2024-03-05");
  assert_iso ("05/03/2024", MK_DATE_ORDER_DMY, "2024-03-05");
  assert_iso ("25/03/2024", MK_DATE_ORDER_UNKNOWN, "2024-03-25");
  assert_iso ("05.03.24", MK_DATE_ORDER_DMY, "2024-03-05");
  assert_iso ("05.03.99", MK_DATE_ORDER_DMY, "1999-03-05");
}

static void
test_month_first (void)
{
  assert_iso ("03/05/2024", MK_DATE_ORDER_MDY, "2024-03-05");
  assert_iso ("3/25/2024", MK_DATE_ORDER_UNKNOWN, "2024-03-25");
}

static void
test_with_time (void)
{
  int seconds = 0;
  g_autofree char *a = iso ("2024-03-05 09:30:15", MK_DATE_ORDER_UNKNOWN, &seconds);
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autofree char *d = NULL;

  g_assert_cmpstr (a, ==, "2024-03-05");
  g_assert_cmpint (seconds, ==, 9 * 3600 + 30 * 60 + 15);

  b = iso ("2024-03-05T23:10:00+03:00", MK_DATE_ORDER_UNKNOWN, &seconds);
  g_assert_cmpstr (b, ==, "2024-03-05");
  g_assert_cmpint (seconds, ==, 23 * 3600 + 10 * 60);

  c = iso ("3/5/2024 9:30 PM", MK_DATE_ORDER_MDY, &seconds);
  g_assert_cmpstr (c, ==, "2024-03-05");
  g_assert_cmpint (seconds, ==, 21 * 3600 + 30 * 60);

  d = iso ("05.03.2024", MK_DATE_ORDER_DMY, &seconds);
  g_assert_cmpint (seconds, ==, -1);
}

static void
test_bad (void)
{
  assert_fails ("31.02.2024", MK_DATE_ORDER_DMY, MK_PARSE_ERROR_DATE,
                "date '31.02.2024' does not exist");
  assert_fails ("2024-13-01", MK_DATE_ORDER_UNKNOWN, MK_PARSE_ERROR_DATE,
                "date '2024-13-01' has month 13");
  assert_fails ("01/13/2024", MK_DATE_ORDER_DMY, MK_PARSE_ERROR_DATE,
                "date '01/13/2024' has month 13");
  assert_fails ("Total", MK_DATE_ORDER_UNKNOWN, MK_PARSE_ERROR_DATE,
                "'Total' is not a date (write YYYY-MM-DD or DD.MM.YYYY)");
  assert_fails ("2024-03", MK_DATE_ORDER_UNKNOWN, MK_PARSE_ERROR_DATE, NULL);
  assert_fails ("05.03-2024", MK_DATE_ORDER_UNKNOWN, MK_PARSE_ERROR_DATE, NULL);
  assert_fails ("1024-03-05", MK_DATE_ORDER_UNKNOWN, MK_PARSE_ERROR_DATE,
                "date '1024-03-05' has year 1024");
  assert_fails ("", MK_DATE_ORDER_UNKNOWN, MK_PARSE_ERROR_EMPTY, "the date is empty");
  assert_fails ("2024-03-05 25:00", MK_DATE_ORDER_UNKNOWN, MK_PARSE_ERROR_TIME,
                "date '2024-03-05 25:00' has a time that is not a time of day");
}

static void
test_ambiguous_value (void)
{
  assert_fails ("03/05/2024", MK_DATE_ORDER_UNKNOWN, MK_PARSE_ERROR_DATE,
                "date '03/05/2024' could be day/month or month/day");
  /* Same day and month: either order gives the same date. */
  assert_iso ("05/05/2024", MK_DATE_ORDER_UNKNOWN, "2024-05-05");
}

static MkDateOrder
decide (const char *const *values)
{
  MkDateColumn column;

  mk_date_column_init (&column);
  for (gsize i = 0; values[i] != NULL; i++)
    mk_date_column_add (&column, values[i]);
  return mk_date_column_decide (&column);
}

static void
test_column_decider (void)
{
  const char *iso_values[] = { "2024-03-05", "2024-03-06", NULL };
  const char *dmy[] = { "03/05/2024", "04/05/2024", "13/05/2024", NULL };
  const char *mdy[] = { "03/05/2024", "03/14/2024", "", "Total", NULL };
  const char *ambiguous[] = { "03/05/2024", "04/05/2024", NULL };
  const char *dotted[] = { "03.05.2024", "04.05.2024", NULL };
  const char *majority[] = { "13/05/2024", "14/05/2024", "05/13/2024", NULL };
  const char *none[] = { "", "Итого", NULL };
  const char *mixed_iso[] = { "2024-03-05", "03/05/2024", NULL };

  g_assert_cmpint (decide (iso_values), ==, MK_DATE_ORDER_YMD);
  g_assert_cmpint (decide (dmy), ==, MK_DATE_ORDER_DMY);
  g_assert_cmpint (decide (mdy), ==, MK_DATE_ORDER_MDY);
  g_assert_cmpint (decide (ambiguous), ==, MK_DATE_ORDER_AMBIGUOUS);
  g_assert_cmpint (decide (dotted), ==, MK_DATE_ORDER_DMY);
  g_assert_cmpint (decide (majority), ==, MK_DATE_ORDER_DMY);
  g_assert_cmpint (decide (none), ==, MK_DATE_ORDER_UNKNOWN);
  g_assert_cmpint (decide (mixed_iso), ==, MK_DATE_ORDER_AMBIGUOUS);
}

static void
test_order_strings (void)
{
  MkDateOrder order = MK_DATE_ORDER_UNKNOWN;

  g_assert_true (mk_date_order_from_string ("DMY", &order));
  g_assert_cmpint (order, ==, MK_DATE_ORDER_DMY);
  g_assert_true (mk_date_order_from_string ("mdy", &order));
  g_assert_cmpint (order, ==, MK_DATE_ORDER_MDY);
  g_assert_false (mk_date_order_from_string ("dd.mm.yyyy", &order));
  g_assert_cmpstr (mk_date_order_to_string (MK_DATE_ORDER_YMD), ==, "ymd");
}

static void
test_days_across_month (void)
{
  MkDateValue a = { 2024, 2, 29, -1 };
  MkDateValue b = { 2024, 3, 1, -1 };

  g_assert_cmpint (mk_date_value_to_days (&b) - mk_date_value_to_days (&a), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/date/parse/iso-and-unpadded", test_iso);
  g_test_add_func ("/date/parse/day-first", test_day_first);
  g_test_add_func ("/date/parse/month-first", test_month_first);
  g_test_add_func ("/date/parse/with-time", test_with_time);
  g_test_add_func ("/date/parse/bad-named", test_bad);
  g_test_add_func ("/date/parse/ambiguous-value", test_ambiguous_value);
  g_test_add_func ("/date/column/decider", test_column_decider);
  g_test_add_func ("/date/order-strings", test_order_strings);
  g_test_add_func ("/date/days-across-month", test_days_across_month);

  return g_test_run ();
}
