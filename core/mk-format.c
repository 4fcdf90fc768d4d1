/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-format.c — core's values as people read them: days.
 *
 * Core keeps days as ISO text ("YYYY-MM-DD"); the pages want GDateTime (for
 * a calendar) or a localised string.  A day is turned into local noon, so
 * that no time zone shift can move it to the day before or after.  Nothing
 * here needs GTK, so the command line, the reports and the tests use the
 * same words as the window.
 */
#define G_LOG_DOMAIN "mk-format"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mk-date.h"
#include "mk-format.h"

/**
 * mk_day_to_date_time:
 * @day: (nullable): a day as "YYYY-MM-DD"
 *
 * Returns: (transfer full) (nullable): local noon of @day, or %NULL when
 *   @day is not a valid day.
 */
GDateTime *
mk_day_to_date_time (const char *day)
{
  MkDateValue value;

  if (day == NULL || !mk_date_parse (day, MK_DATE_ORDER_YMD, &value, NULL))
    return NULL;
  return g_date_time_new_local (value.year, value.month, value.day, 12, 0, 0);
}

/**
 * mk_day_from_date_time:
 * @date_time: a date and time
 *
 * Returns: (transfer full): its day as "YYYY-MM-DD".
 */
char *
mk_day_from_date_time (GDateTime *date_time)
{
  g_return_val_if_fail (date_time != NULL, NULL);

  return g_date_time_format (date_time, "%Y-%m-%d");
}

static char *
format_day (const char *day,
            const char *format)
{
  g_autoptr(GDateTime) date_time = mk_day_to_date_time (day);

  if (date_time == NULL)
    return g_strdup (day != NULL ? day : "");
  return g_date_time_format (date_time, format);
}

/**
 * mk_day_format:
 * @day: (nullable): a day as "YYYY-MM-DD"
 *
 * Returns: (transfer full): @day with its weekday, as in a list of
 *   entries ("Mon 23 Nov 2026"); @day itself when it is not a valid day.
 */
char *
mk_day_format (const char *day)
{
  /* Translators: a day in the Entries list; see g_date_time_format() for the codes. */
  return format_day (day, _("%a %-d %b %Y"));
}

/**
 * mk_day_format_short:
 * @day: (nullable): a day as "YYYY-MM-DD"
 *
 * Returns: (transfer full): @day without the weekday ("23 Nov 2026").
 */
char *
mk_day_format_short (const char *day)
{
  /* Translators: a day in a period ("23 Nov 2026 – 25 Nov 2026"); see g_date_time_format(). */
  return format_day (day, _("%-d %b %Y"));
}
