/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-time-of-day.c — times of day as timesheets write them.
 *
 * Design notes.
 *
 * A time of day is "H:MM", "HH:MM:SS" (fractions of a second ignored),
 * "H.MM" (Russian habit), or 12-hour with AM/PM ("9:30 PM", "9pm",
 * "12:05 a.m.").  "24:00" is accepted as the end of a day, and is never a
 * start: as the start of an entry it is 00:00 of the entry's day
 * (mk_time_of_day_parse_start(), which both entry editors use).  Times are
 * read to the second; mk_time_of_day_parse() floors to the minute, as a
 * clock shows it.  The functions are declared in mk-duration.h, beside the
 * durations they are used with.
 */
#define G_LOG_DOMAIN "mk-duration"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mk-duration.h"
#include "mk-error.h"
#include "mk-parse-private.h"

/* Reads exactly two digits into @value. */
static gboolean
read_two_digits (const char *p,
                 int        *value)
{
  if (!g_ascii_isdigit (p[0]) || !g_ascii_isdigit (p[1]) || g_ascii_isdigit (p[2]))
    return FALSE;
  *value = (p[0] - '0') * 10 + (p[1] - '0');
  return TRUE;
}

/* Reads "am", "a.m.", "AM", "pm", "p.m.", "PM".  Returns 0 for none, 1 for
 * AM, 2 for PM, and the end of what was read in @end. */
static int
read_meridiem (const char  *p,
               const char **end)
{
  char first = g_ascii_tolower (p[0]);
  const char *q;

  if (first != 'a' && first != 'p')
    return 0;
  q = p + 1;
  if (*q == '.')
    q++;
  if (g_ascii_tolower (*q) != 'm')
    return 0;
  q++;
  if (*q == '.')
    q++;
  if (mk_parse_is_word_char (q))
    return 0;
  *end = q;
  return first == 'a' ? 1 : 2;
}

/**
 * mk_time_of_day_parse_seconds:
 * @text: "9:30", "09:30:15", "9.30", "9:30 PM", "9pm", "24:00"
 * @seconds_after_midnight: (out): 0 … 86400 (86400 only for "24:00")
 * @error: return location for an error
 *
 * Reads a time of day, to the second.
 *
 * Returns: %TRUE on success; fails with %MK_PARSE_ERROR_EMPTY for blank
 *   text and %MK_PARSE_ERROR_TIME otherwise ("time '25:10' has hour 25").
 */
gboolean
mk_time_of_day_parse_seconds (const char  *text,
                              int         *seconds_after_midnight,
                              GError     **error)
{
  g_autofree char *shown = NULL;
  const char *p;
  const char *q;
  int hour = 0;
  int minute = 0;
  int second = 0;
  int meridiem;
  int digits = 0;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (seconds_after_midnight != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  p = mk_parse_skip_spaces (text);
  if (*p == '\0')
    {
      SET_ERROR_LITERAL (error, MK_PARSE_ERROR, MK_PARSE_ERROR_EMPTY,
                           _("the time of day is empty"));
      return FALSE;
    }

  q = p;
  while (g_ascii_isdigit (*q) && digits < 3)
    {
      hour = hour * 10 + (*q - '0');
      digits++;
      q++;
    }
  if (digits == 0 || digits > 2)
    goto syntax;

  if (*q == ':' || (*q == '.' && g_ascii_isdigit (q[1])))
    {
      if (!read_two_digits (q + 1, &minute))
        goto syntax;
      q += 3;
      if (*q == ':')
        {
          if (!read_two_digits (q + 1, &second))
            goto syntax;
          q += 3;
          if ((*q == '.' || *q == ',') && g_ascii_isdigit (q[1]))
            {
              q++;
              while (g_ascii_isdigit (*q))
                q++;
            }
        }
      meridiem = read_meridiem (mk_parse_skip_spaces (q), &q);
    }
  else
    {
      /* "9pm", "9 AM": an hour alone needs AM or PM. */
      meridiem = read_meridiem (mk_parse_skip_spaces (q), &q);
      if (meridiem == 0)
        goto syntax;
    }
  if (*mk_parse_skip_spaces (q) != '\0')
    goto syntax;

  if (minute >= 60)
    {
      SET_ERROR (error, MK_PARSE_ERROR, MK_PARSE_ERROR_TIME,
                   _("time '%s' has %d minutes"), SHOWN, minute);
      return FALSE;
    }
  if (second >= 60)
    {
      SET_ERROR (error, MK_PARSE_ERROR, MK_PARSE_ERROR_TIME,
                   _("time '%s' has %d seconds"), SHOWN, second);
      return FALSE;
    }
  if (meridiem != 0)
    {
      if (hour < 1 || hour > 12)
        {
          SET_ERROR (error, MK_PARSE_ERROR, MK_PARSE_ERROR_TIME,
                       _("time '%s' has hour %d, but AM/PM hours are 1 to 12"), SHOWN, hour);
          return FALSE;
        }
      hour %= 12;
      if (meridiem == 2)
        hour += 12;
    }
  else if (hour > 24 || (hour == 24 && (minute != 0 || second != 0)))
    {
      SET_ERROR (error, MK_PARSE_ERROR, MK_PARSE_ERROR_TIME,
                   _("time '%s' has hour %d"), SHOWN, hour);
      return FALSE;
    }

  *seconds_after_midnight = hour * 3600 + minute * 60 + second;
  return TRUE;

syntax:
  SET_ERROR (error, MK_PARSE_ERROR, MK_PARSE_ERROR_TIME,
               _("'%s' is not a time of day (write HH:MM)"), SHOWN);
  return FALSE;
}

/**
 * mk_time_of_day_parse:
 * @text: "9:30", "09:30:15", "9:30 PM"
 * @minutes_after_midnight: (out): 0 … 1440, seconds dropped as a clock
 *   shows them (1440 only for "24:00")
 * @error: return location for an error
 *
 * Reads a time of day to the minute; see mk_time_of_day_parse_seconds().
 *
 * Returns: %TRUE on success; fails like mk_time_of_day_parse_seconds().
 */
gboolean
mk_time_of_day_parse (const char  *text,
                      int         *minutes_after_midnight,
                      GError     **error)
{
  int seconds;

  g_return_val_if_fail (minutes_after_midnight != NULL, FALSE);

  if (!mk_time_of_day_parse_seconds (text, &seconds, error))
    return FALSE;
  *minutes_after_midnight = seconds / 60;
  return TRUE;
}

/**
 * mk_time_of_day_parse_start:
 * @text: the start of an entry as typed: blank, "9:30", "9:30 PM", "24:00"
 * @start: (out): minutes after midnight, 0 … 1439, or -1 when @text is
 *   blank (the start is not known)
 * @error: return location for an error
 *
 * Reads the start of an entry.  "24:00" is the end of a day, never a
 * start: it reads as 00:00.
 *
 * Returns: %TRUE on success; fails like mk_time_of_day_parse() with
 *   %MK_PARSE_ERROR_TIME.
 */
gboolean
mk_time_of_day_parse_start (const char  *text,
                            int         *start,
                            GError     **error)
{
  int minutes;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (start != NULL, FALSE);

  if (*mk_parse_skip_spaces (text) == '\0')
    {
      *start = -1;
      return TRUE;
    }
  if (!mk_time_of_day_parse (text, &minutes, error))
    return FALSE;
  *start = minutes % (24 * 60);
  return TRUE;
}

/**
 * mk_seconds_between_times:
 * @start_seconds: a time of day in seconds after midnight
 * @end_seconds: a later time of day, possibly after midnight
 *
 * The length of work from @start_seconds to @end_seconds, where an end
 * earlier than the start is on the next day (23:30 → 00:30 is one hour).
 * Equal times give 0, which mk_duration_check_seconds() refuses.
 *
 * Returns: the seconds between the two times, 0 … 86400.
 */
gint64
mk_seconds_between_times (int start_seconds,
                          int end_seconds)
{
  if (end_seconds >= start_seconds)
    return end_seconds - start_seconds;
  return (gint64) end_seconds + 86400 - start_seconds;
}
