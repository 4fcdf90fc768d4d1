/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-day.c — days as core keeps them ("YYYY-MM-DD"), as dates to count and show.
 *
 * Core stores a day as ISO text; a calendar widget or a date format wants
 * a GDateTime.  Every such day is read here, through mk_date_parse() (so
 * "2026-02-30" is no day), and becomes local noon: no time zone offset and
 * no daylight-saving change (some zones skip or repeat the hour after
 * midnight) can move noon to the day before or after, where local midnight
 * may not exist at all.  Counting days goes by the calendar, not by hours,
 * so a 23- or 25-hour day still counts as one.
 */
#define G_LOG_DOMAIN "mk-day"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mk-date.h"
#include "mk-error.h"
#include "mk-day.h"

/* The calendar date of @day, or FALSE when @day is not a day. */
static gboolean
parse_day (const char  *day,
           MkDateValue *value)
{
  return day != NULL && mk_date_parse (day, MK_DATE_ORDER_YMD, value, NULL)
         && value->seconds < 0;
}

/**
 * mk_day_to_date_time:
 * @day: (nullable): a day as "YYYY-MM-DD"
 *
 * Returns: (transfer full) (nullable): local noon of @day, or %NULL when
 *   @day is not a day of the calendar.
 */
GDateTime *
mk_day_to_date_time (const char *day)
{
  MkDateValue value;

  if (!parse_day (day, &value))
    return NULL;
  return g_date_time_new_local (value.year, value.month, value.day, 12, 0, 0);
}

/**
 * mk_day_from_date_time:
 * @date_time: a date and time
 *
 * Returns: (transfer full): its day as "YYYY-MM-DD", in its own time zone.
 */
char *
mk_day_from_date_time (GDateTime *date_time)
{
  g_return_val_if_fail (date_time != NULL, NULL);

  return g_date_time_format (date_time, "%Y-%m-%d");
}

/**
 * mk_day_today:
 *
 * Returns: (transfer full): today, local time, as "YYYY-MM-DD".
 */
char *
mk_day_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return mk_day_from_date_time (now);
}

/**
 * mk_day_add:
 * @day: a day as "YYYY-MM-DD"
 * @days: how many days later (negative: earlier)
 *
 * Returns: (transfer full) (nullable): the day @days after @day, or %NULL
 *   when @day is not a day.
 */
char *
mk_day_add (const char *day,
            int         days)
{
  g_autoptr(GDateTime) noon = mk_day_to_date_time (day);
  g_autoptr(GDateTime) moved = NULL;

  if (noon == NULL)
    return NULL;
  moved = g_date_time_add_days (noon, days);
  return mk_day_from_date_time (moved);
}

/**
 * mk_day_days_between:
 * @from: a day as "YYYY-MM-DD"
 * @to: a day as "YYYY-MM-DD"
 *
 * Returns: how many days @to is after @from (negative when before), by the
 *   calendar; 0 when either is not a day.
 */
int
mk_day_days_between (const char *from,
                     const char *to)
{
  MkDateValue a;
  MkDateValue b;

  if (!parse_day (from, &a) || !parse_day (to, &b))
    return 0;
  return (int) (mk_date_value_to_days (&b) - mk_date_value_to_days (&a));
}

/**
 * mk_day_check_has_come:
 * @day: a day as "YYYY-MM-DD"
 * @error: where a day still to come is said
 *
 * The rule of every page that logs or moves an entry: a day after today
 * (local time) cannot be logged yet.
 *
 * Returns: %TRUE when @day is today or earlier
 */
gboolean
mk_day_check_has_come (const char *day,
                       GError    **error)
{
  g_autofree char *today = mk_day_today ();

  g_return_val_if_fail (day != NULL, FALSE);

  if (strcmp (day, today) <= 0)
    return TRUE;
  g_set_error_literal (error, MK_PARSE_ERROR, MK_PARSE_ERROR_RANGE,
                       _("Only days that have come can be logged: this one can be logged when "
                         "it comes."));
  return FALSE;
}
