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
                "'Total' is not a date (write YYYY-MM-DD, DD.MM.YYYY or Jan 20, 2024)");
  assert_fails ("2024-03", MK_DATE_ORDER_UNKNOWN, MK_PARSE_ERROR_DATE, NULL);
  assert_fails ("05.03-2024", MK_DATE_ORDER_UNKNOWN, MK_PARSE_ERROR_DATE, NULL);
  assert_fails ("1024-03-05", MK_DATE_ORDER_UNKNOWN, MK_PARSE_ERROR_DATE,
                "date '1024-03-05' has year 1024");
  assert_fails ("", MK_DATE_ORDER_UNKNOWN, MK_PARSE_ERROR_EMPTY, "the date is empty");
  /* A day alone: the reader once stepped past the end looking for a month
   * name (found by fuzz-import). */
  assert_fails ("20", MK_DATE_ORDER_UNKNOWN, MK_PARSE_ERROR_DATE, NULL);
  assert_fails ("7", MK_DATE_ORDER_UNKNOWN, MK_PARSE_ERROR_DATE, NULL);
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
  /* Both orders fit, but 3 and 4 May are a day apart, 5 March and 5
   * April a month: a study is a few days. */
  const char *closest[] = { "03/05/2024", "04/05/2024", NULL };
  /* 1 February and 2 January, or 2 January and 1 February: equally far. */
  const char *ambiguous[] = { "01/02/2024", "02/01/2024", NULL };
  const char *dotted[] = { "03.05.2024", "04.05.2024", NULL };
  const char *majority[] = { "13/05/2024", "14/05/2024", "05/13/2024", NULL };
  const char *none[] = { "", "Итого", NULL };
  const char *mixed_iso[] = { "2024-03-05", "03/05/2024", NULL };

  g_assert_cmpint (decide (iso_values), ==, MK_DATE_ORDER_YMD);
  g_assert_cmpint (decide (dmy), ==, MK_DATE_ORDER_DMY);
  g_assert_cmpint (decide (mdy), ==, MK_DATE_ORDER_MDY);
  g_assert_cmpint (decide (closest), ==, MK_DATE_ORDER_DMY);
  g_assert_cmpint (decide (ambiguous), ==, MK_DATE_ORDER_AMBIGUOUS);
  g_assert_cmpint (decide (dotted), ==, MK_DATE_ORDER_DMY);
  g_assert_cmpint (decide (majority), ==, MK_DATE_ORDER_DMY);
  g_assert_cmpint (decide (none), ==, MK_DATE_ORDER_UNKNOWN);
  /* 2024-03-05 and 3 May are two months apart; 5 March is the same day. */
  g_assert_cmpint (decide (mixed_iso), ==, MK_DATE_ORDER_MDY);
}

static void
test_short_study (void)
{
  /* Clockify in a US workspace: three working days, 2 to 4 March 2026.
   * Day first they would be 3 February, 3 March and 3 April. */
  const char *values[] = { "03/02/2026", "03/03/2026", "03/04/2026", "03/03/2026", NULL };
  /* The same study written day first. */
  const char *dmy[] = { "02/03/2026", "03/03/2026", "04/03/2026", NULL };
  /* Every date is its own mirror: nothing to decide. */
  const char *same[] = { "03/03/2026", "04/04/2026", NULL };
  MkDateColumn column;
  MkDateBasis basis;
  gint64 dmy_days;
  gint64 mdy_days;

  mk_date_column_init (&column);
  for (gsize i = 0; values[i] != NULL; i++)
    mk_date_column_add (&column, values[i]);
  g_assert_cmpint (mk_date_column_decide_full (&column, &basis), ==, MK_DATE_ORDER_MDY);
  g_assert_cmpint (basis, ==, MK_DATE_BASIS_CLOSEST);
  mk_date_column_get_spans (&column, &dmy_days, &mdy_days);
  g_assert_cmpint (mdy_days, ==, 3);
  g_assert_cmpint (dmy_days, ==, 60);

  mk_date_column_init (&column);
  for (gsize i = 0; dmy[i] != NULL; i++)
    mk_date_column_add (&column, dmy[i]);
  g_assert_cmpint (mk_date_column_decide_full (&column, &basis), ==, MK_DATE_ORDER_DMY);
  g_assert_cmpint (basis, ==, MK_DATE_BASIS_CLOSEST);

  mk_date_column_init (&column);
  for (gsize i = 0; same[i] != NULL; i++)
    mk_date_column_add (&column, same[i]);
  g_assert_cmpint (mk_date_column_decide_full (&column, &basis), ==, MK_DATE_ORDER_DMY);
  g_assert_cmpint (basis, ==, MK_DATE_BASIS_SAME);
}

static void
test_jira (void)
{
  int seconds = 0;
  g_autofree char *a = iso ("Jan 20, 2023, 6:25 PM", MK_DATE_ORDER_UNKNOWN, &seconds);
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  g_autofree char *d = NULL;
  g_autofree char *e = NULL;
  MkDateColumn column;

  g_assert_cmpstr (a, ==, "2023-01-20");
  g_assert_cmpint (seconds, ==, 18 * 3600 + 25 * 60);
  b = iso ("29-Jun-2023 04:00:00 PM", MK_DATE_ORDER_UNKNOWN, &seconds);
  g_assert_cmpstr (b, ==, "2023-06-29");
  g_assert_cmpint (seconds, ==, 16 * 3600);
  c = iso ("01-Aug-2023 09:00:00", MK_DATE_ORDER_MDY, &seconds);
  g_assert_cmpstr (c, ==, "2023-08-01");
  g_assert_cmpint (seconds, ==, 9 * 3600);
  /* Jira's default "dd/MMM/yy h:mm a". */
  d = iso ("20/Jan/23 6:25 PM", MK_DATE_ORDER_UNKNOWN, &seconds);
  g_assert_cmpstr (d, ==, "2023-01-20");
  e = iso ("September 3 2024", MK_DATE_ORDER_UNKNOWN, &seconds);
  g_assert_cmpstr (e, ==, "2024-09-03");
  g_assert_cmpint (seconds, ==, -1);
  assert_fails ("Foo 20, 2023", MK_DATE_ORDER_UNKNOWN, MK_PARSE_ERROR_DATE, NULL);
  assert_fails ("31-Feb-2023", MK_DATE_ORDER_UNKNOWN, MK_PARSE_ERROR_DATE,
                "date '31-Feb-2023' does not exist");

  /* A month name says the order by itself. */
  mk_date_column_init (&column);
  mk_date_column_add (&column, "03-Feb-2023 10:00");
  mk_date_column_add (&column, "Feb 4, 2023, 10:00 AM");
  g_assert_cmpint (mk_date_column_decide (&column), ==, MK_DATE_ORDER_YMD);
}

static void
test_offsets (void)
{
  g_autoptr(GError) error = NULL;
  MkDateValue value;

  g_assert_true (mk_date_parse ("2024-03-05T23:30:00+14:00", MK_DATE_ORDER_UNKNOWN, &value,
                                &error));
  g_assert_true (value.has_offset);
  g_assert_cmpint (value.offset, ==, 14 * 3600);
  g_assert_cmpint (value.seconds, ==, 23 * 3600 + 30 * 60);
  g_assert_true (mk_date_parse ("2024-03-05T23:45:00-12:00", MK_DATE_ORDER_UNKNOWN, &value,
                                &error));
  g_assert_cmpint (value.offset, ==, -12 * 3600);
  g_assert_true (mk_date_parse ("2024-03-05T10:00:00Z", MK_DATE_ORDER_UNKNOWN, &value, &error));
  g_assert_true (value.has_offset);
  g_assert_cmpint (value.offset, ==, 0);
  g_assert_true (mk_date_parse ("2024-03-05 10:00:00+0530", MK_DATE_ORDER_UNKNOWN, &value,
                                &error));
  g_assert_cmpint (value.offset, ==, 5 * 3600 + 30 * 60);
  g_assert_true (mk_date_parse ("2024-03-05 10:00", MK_DATE_ORDER_UNKNOWN, &value, &error));
  g_assert_false (value.has_offset);
  assert_fails ("2024-03-05T10:00:00+25:00", MK_DATE_ORDER_UNKNOWN, MK_PARSE_ERROR_TIME,
                "date '2024-03-05T10:00:00+25:00' has a time zone that is not Z or ±HH:MM");
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
  MkDateValue a = { 2024, 2, 29, -1, 0, FALSE };
  MkDateValue b = { 2024, 3, 1, -1, 0, FALSE };

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
  g_test_add_func ("/date/column/short-study-closest-order", test_short_study);
  g_test_add_func ("/date/parse/jira-month-names", test_jira);
  g_test_add_func ("/date/parse/offsets-kept", test_offsets);
  g_test_add_func ("/date/order-strings", test_order_strings);
  g_test_add_func ("/date/days-across-month", test_days_across_month);

  return g_test_run ();
}
