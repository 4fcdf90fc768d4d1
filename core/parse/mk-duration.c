/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-duration.c — durations and times of day as people write them.
 *
 * Design notes.
 *
 * A duration is read into whole milliseconds first, with integer
 * arithmetic only (decimal hours like "1,333" must not pick up binary
 * floating-point error), and rounded to minutes once at the end, halves up.
 * Rounding twice (to seconds, then to minutes) would move 29.9 s to one
 * minute.
 *
 * The accepted spellings:
 *   - a bare number, whole or decimal with "." or ",": its unit comes from
 *     the caller's hint (the column header);
 *   - "h:mm" and "h:mm:ss", where hours may exceed 24 in the format ("25:00"
 *     parses, and is then refused as an entry longer than a day); "m:ss" when
 *     followed by a minutes unit ("18:25 min");
 *   - terms of a number and a unit word, in any sequence of decreasing units:
 *     "1h 30m", "1h30m", "1 h 30 min", "1,5 ч", "1ч 30м", "2 часа 5 минут";
 *     a bare number after an hours term is minutes ("1ч 30"); Jira's "w" and
 *     "d" are its working week and day, 5 days of 8 hours ("2d 3h"), and
 *     only those letters mean them (a "day" in a quick entry stays a word);
 *   - ISO 8601 "PT1H30M".
 * A unit word must be a whole word ("30 meetings" is 30 and then a word,
 * not 30 metres of anything), and the Russian preposition "с" is not a
 * seconds unit, so that quick entry can read "30 с клиентом".
 *
 * Numbers saturate far below gint64 overflow and every comparison is on
 * 64-bit milliseconds, so "4294967326" minutes is refused as longer than a
 * day, never wrapped into 30.
 *
 * Times of day are in mk-time-of-day.c.
 */
#define G_LOG_DOMAIN "mk-duration"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mk-duration.h"
#include "mk-error.h"
#include "mk-parse-private.h"

#define MS_PER_SECOND G_GINT64_CONSTANT (1000)
#define MS_PER_MINUTE G_GINT64_CONSTANT (60000)
#define MS_PER_HOUR   G_GINT64_CONSTANT (3600000)
/* Jira's working day and week (its defaults: 8 hours, 5 days). */
#define MS_PER_JIRA_DAY  (8 * MS_PER_HOUR)
#define MS_PER_JIRA_WEEK (5 * MS_PER_JIRA_DAY)

/* Far beyond any real duration, far below gint64 overflow. */
#define MAX_INTEGER_PART G_GINT64_CONSTANT (1000000000)
#define MAX_FRACTION_DIGITS 9
#define MAX_SPAN_SECONDS G_GINT64_CONSTANT (1000000000000)

typedef enum {
  UNIT_NONE,
  UNIT_WEEKS,
  UNIT_DAYS,
  UNIT_HOURS,
  UNIT_MINUTES,
  UNIT_SECONDS,
} Unit;

typedef struct {
  const char *word;
  Unit        unit;
} UnitWord;

/* Casefolded.  A trailing "." ("мин.", "hrs.") is dropped before lookup. */
static const UnitWord unit_words[] = {
  { "w", UNIT_WEEKS }, { "d", UNIT_DAYS },
  { "h", UNIT_HOURS }, { "hr", UNIT_HOURS }, { "hrs", UNIT_HOURS },
  { "hour", UNIT_HOURS }, { "hours", UNIT_HOURS },
  { "ч", UNIT_HOURS }, { "час", UNIT_HOURS }, { "часа", UNIT_HOURS },
  { "часов", UNIT_HOURS }, { "часы", UNIT_HOURS },
  { "m", UNIT_MINUTES }, { "min", UNIT_MINUTES }, { "mins", UNIT_MINUTES },
  { "minute", UNIT_MINUTES }, { "minutes", UNIT_MINUTES },
  { "м", UNIT_MINUTES }, { "мин", UNIT_MINUTES }, { "минута", UNIT_MINUTES },
  { "минуты", UNIT_MINUTES }, { "минут", UNIT_MINUTES }, { "минуту", UNIT_MINUTES },
  { "s", UNIT_SECONDS }, { "sec", UNIT_SECONDS }, { "secs", UNIT_SECONDS },
  { "second", UNIT_SECONDS }, { "seconds", UNIT_SECONDS },
  { "сек", UNIT_SECONDS }, { "секунда", UNIT_SECONDS }, { "секунды", UNIT_SECONDS },
  { "секунд", UNIT_SECONDS }, { "секунду", UNIT_SECONDS },
};

static gint64
unit_ms (Unit unit)
{
  switch (unit)
    {
    case UNIT_WEEKS:
      return MS_PER_JIRA_WEEK;
    case UNIT_DAYS:
      return MS_PER_JIRA_DAY;
    case UNIT_HOURS:
      return MS_PER_HOUR;
    case UNIT_MINUTES:
      return MS_PER_MINUTE;
    case UNIT_SECONDS:
      return MS_PER_SECOND;
    case UNIT_NONE:
    default:
      g_assert_not_reached ();
    }
  return 0;
}

static Unit
hint_unit (MkDurationUnit hint,
           gboolean       has_fraction)
{
  switch (hint)
    {
    case MK_DURATION_UNIT_MINUTES:
      return UNIT_MINUTES;
    case MK_DURATION_UNIT_HOURS:
      return UNIT_HOURS;
    case MK_DURATION_UNIT_SECONDS:
      return UNIT_SECONDS;
    case MK_DURATION_UNIT_AUTO:
    default:
      return has_fraction ? UNIT_HOURS : UNIT_MINUTES;
    }
}

/* Reads a word of letters at @p into a casefolded unit, without a trailing
 * ".".  Returns the end of the word, or @p when no unit word is there. */
static const char *
read_unit (const char *p,
           Unit       *unit)
{
  char folded[32];
  gsize n = 0;
  const char *q = p;

  *unit = UNIT_NONE;
  while (*q != '\0')
    {
      gunichar c;
      int len;

      if ((guchar) *q < 0x80)
        {
          if (!g_ascii_isalpha (*q))
            break;
          if (n + 1 >= sizeof folded)
            return p;
          folded[n++] = g_ascii_tolower (*q);
          q++;
          continue;
        }
      c = g_utf8_get_char_validated (q, -1);
      if (c == (gunichar) -1 || c == (gunichar) -2 || !g_unichar_isalpha (c))
        break;
      c = g_unichar_tolower (c);
      len = g_unichar_to_utf8 (c, NULL);
      if (n + len + 1 >= sizeof folded)
        return p;
      g_unichar_to_utf8 (c, folded + n);
      n += len;
      q = g_utf8_next_char (q);
    }
  if (n == 0)
    return p;
  folded[n] = '\0';

  for (gsize i = 0; i < G_N_ELEMENTS (unit_words); i++)
    if (strcmp (folded, unit_words[i].word) == 0)
      {
        /* The loop stopped at a character that is not a letter, so the
         * unit is a whole word; "мин." may end with a full stop. */
        *unit = unit_words[i].unit;
        if (*q == '.' && !g_ascii_isalpha (q[1]))
          q++;
        return q;
      }
  return p;
}

/* A decimal number: digits, optionally "." or "," and more digits. */
typedef struct {
  gint64 integer;
  gint64 fraction;
  int    fraction_digits;
  int    integer_digits;
  gboolean has_separator;
} Number;

static const char *
read_number (const char *p,
             Number     *number)
{
  const char *q = p;

  memset (number, 0, sizeof *number);
  while (g_ascii_isdigit (*q))
    {
      /* Saturates: any number this large is refused as too long. */
      number->integer = MIN (number->integer * 10 + (*q - '0'), MAX_INTEGER_PART);
      number->integer_digits++;
      q++;
    }
  if ((*q == '.' || *q == ',') && g_ascii_isdigit (q[1]))
    {
      number->has_separator = TRUE;
      q++;
      while (g_ascii_isdigit (*q))
        {
          if (number->fraction_digits < MAX_FRACTION_DIGITS)
            {
              number->fraction = number->fraction * 10 + (*q - '0');
              number->fraction_digits++;
            }
          q++;
        }
    }
  if (number->integer_digits == 0 && number->fraction_digits == 0)
    return p;
  return q;
}

/* @number × @unit in milliseconds, rounded to the nearest millisecond. */
static gint64
number_to_ms (const Number *number,
              gint64        unit)
{
  gint64 ms = number->integer * unit;

  if (number->fraction_digits > 0)
    {
      gint64 scale = 1;

      for (int i = 0; i < number->fraction_digits; i++)
        scale *= 10;
      /* fraction < 10^9 and unit ≤ 1.44e8: the product fits in gint64. */
      ms += (number->fraction * unit + scale / 2) / scale;
    }
  return ms;
}

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

typedef enum {
  PARSE_OK,
  PARSE_SYNTAX,
  PARSE_BAD_MINUTES,
  PARSE_BAD_SECONDS,
} ParseStatus;

/* Reads "h:mm", "h:mm:ss" or "m:ss min" at @p.  On PARSE_BAD_*, @bad holds
 * the offending value. */
static ParseStatus
read_clock_duration (const char  *p,
                     const char **end,
                     gint64      *ms,
                     int         *bad)
{
  Number first;
  const char *q = read_number (p, &first);
  int parts[2] = { -1, -1 };
  int n_parts = 0;
  Unit unit = UNIT_NONE;
  const char *after;

  if (q == p || first.has_separator || *q != ':')
    return PARSE_SYNTAX;
  while (*q == ':' && n_parts < 2)
    {
      if (!read_two_digits (q + 1, &parts[n_parts]))
        return PARSE_SYNTAX;
      n_parts++;
      q += 3;
    }
  /* Fractions of a second, as some trackers write them, are dropped
   * before rounding: they cannot move a minute by more than the rounding
   * itself. */
  if (n_parts == 2 && *q == '.' && g_ascii_isdigit (q[1]))
    {
      q++;
      while (g_ascii_isdigit (*q))
        q++;
    }

  after = read_unit (mk_parse_skip_spaces (q), &unit);
  if (unit != UNIT_NONE)
    q = after;

  if (n_parts == 1 && unit == UNIT_MINUTES)
    {
      /* "18:25 min": minutes and seconds. */
      if (parts[0] >= 60)
        {
          *bad = parts[0];
          return PARSE_BAD_SECONDS;
        }
      *ms = first.integer * MS_PER_MINUTE + parts[0] * MS_PER_SECOND;
    }
  else if (unit == UNIT_SECONDS)
    return PARSE_SYNTAX;
  else
    {
      if (parts[0] >= 60)
        {
          *bad = parts[0];
          return PARSE_BAD_MINUTES;
        }
      if (n_parts == 2 && parts[1] >= 60)
        {
          *bad = parts[1];
          return PARSE_BAD_SECONDS;
        }
      *ms = first.integer * MS_PER_HOUR + parts[0] * MS_PER_MINUTE
            + (n_parts == 2 ? parts[1] * MS_PER_SECOND : 0);
    }
  *end = q;
  return PARSE_OK;
}

/* Reads "PT1H30M" (ISO 8601, time part only). */
static gboolean
read_iso_duration (const char  *p,
                   const char **end,
                   gint64      *ms)
{
  const char *q = p;
  gint64 total = 0;
  gboolean any = FALSE;

  if (g_ascii_toupper (q[0]) != 'P' || g_ascii_toupper (q[1]) != 'T')
    return FALSE;
  q += 2;
  while (g_ascii_isdigit (*q))
    {
      Number number;
      gint64 unit;

      q = read_number (q, &number);
      switch (g_ascii_toupper (*q))
        {
        case 'H':
          unit = MS_PER_HOUR;
          break;
        case 'M':
          unit = MS_PER_MINUTE;
          break;
        case 'S':
          unit = MS_PER_SECOND;
          break;
        default:
          return FALSE;
        }
      total += number_to_ms (&number, unit);
      any = TRUE;
      q++;
    }
  if (!any)
    return FALSE;
  *end = q;
  *ms = total;
  return TRUE;
}

/* Reads "90", "1,5", "1h 30m", "1ч 30", "2 часа 5 минут".  Terms must come
 * in decreasing units. */
static gboolean
read_terms (const char     *p,
            MkDurationUnit  hint,
            const char    **end,
            gint64         *ms)
{
  const char *q = p;
  gint64 total = 0;
  Unit previous = UNIT_NONE;
  gboolean any = FALSE;

  for (;;)
    {
      Number number;
      const char *after_number;
      const char *after_unit;
      const char *r = any ? mk_parse_skip_spaces (q) : q;
      Unit unit;

      after_number = read_number (r, &number);
      if (after_number == r)
        break;
      after_unit = read_unit (mk_parse_skip_spaces (after_number), &unit);
      if (unit == UNIT_NONE)
        {
          if (mk_parse_is_word_char (after_number))
            break;
          if (!any)
            {
              /* A lone bare number: the hint decides. */
              total = number_to_ms (&number, unit_ms (hint_unit (hint, number.has_separator)));
              q = after_number;
              any = TRUE;
              break;
            }
          if (previous == UNIT_HOURS && !number.has_separator)
            {
              /* "1ч 30": the number after the hours is minutes. */
              total += number_to_ms (&number, MS_PER_MINUTE);
              q = after_number;
            }
          break;
        }
      if (previous != UNIT_NONE && unit <= previous)
        break;
      total += number_to_ms (&number, unit_ms (unit));
      previous = unit;
      q = after_unit;
      any = TRUE;
    }
  if (!any)
    return FALSE;
  *end = q;
  *ms = total;
  return TRUE;
}

/* Reads one duration at @p (after an optional sign).  Returns the status
 * and, on success, the milliseconds and the end of what was read. */
static ParseStatus
read_duration (const char     *p,
               MkDurationUnit  hint,
               const char    **end,
               gint64         *ms,
               int            *bad)
{
  ParseStatus status;

  status = read_clock_duration (p, end, ms, bad);
  if (status != PARSE_SYNTAX)
    return status;
  if (read_iso_duration (p, end, ms))
    return PARSE_OK;
  if (read_terms (p, hint, end, ms))
    return PARSE_OK;
  return PARSE_SYNTAX;
}

/* Reads a sign: "-" or the Unicode minus; returns the text after it. */
static const char *
read_sign (const char *p,
           gboolean   *negative)
{
  *negative = FALSE;
  if (*p == '-')
    {
      *negative = TRUE;
      return mk_parse_skip_spaces (p + 1);
    }
  if (strncmp (p, "\xE2\x88\x92", 3) == 0)
    {
      *negative = TRUE;
      return mk_parse_skip_spaces (p + 3);
    }
  if (*p == '+')
    return mk_parse_skip_spaces (p + 1);
  return p;
}

/* Rounded to the nearest minute, halves up; only called on durations in
 * range, and saturated beyond it. */
static int
ms_to_minutes (gint64 ms)
{
  gint64 minutes = (ms + MS_PER_MINUTE / 2) / MS_PER_MINUTE;

  return (int) CLAMP (minutes, 0, G_MAXINT);
}

/**
 * mk_duration_check_ms:
 * @text: the duration as written, quoted in messages (trimmed)
 * @ms: its length in milliseconds
 * @minutes: (out): @ms rounded to whole minutes, 1 … 1440
 * @error: return location for an error
 *
 * Applies the entry rules: at least half a minute, at most 24 hours.
 *
 * Returns: %TRUE when @ms makes an entry; fails with %MK_PARSE_ERROR_RANGE.
 */
gboolean
mk_duration_check_ms (const char  *text,
                      gint64       ms,
                      int         *minutes,
                      GError     **error)
{
  g_autofree char *shown = NULL;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (minutes != NULL, FALSE);

  if (ms < 0)
    {
      SET_ERROR (error, MK_PARSE_ERROR, MK_PARSE_ERROR_RANGE,
                 _("duration '%s' is negative"), SHOWN);
      return FALSE;
    }
  if (ms == 0)
    {
      SET_ERROR (error, MK_PARSE_ERROR, MK_PARSE_ERROR_RANGE,
                 _("duration '%s' is zero"), SHOWN);
      return FALSE;
    }
  if (ms < MS_PER_MINUTE / 2)
    {
      SET_ERROR (error, MK_PARSE_ERROR, MK_PARSE_ERROR_RANGE,
                 _("duration '%s' is shorter than half a minute"), SHOWN);
      return FALSE;
    }
  if ((ms + MS_PER_MINUTE / 2) / MS_PER_MINUTE > MK_DURATION_MAX_MINUTES)
    {
      SET_ERROR (error, MK_PARSE_ERROR, MK_PARSE_ERROR_RANGE,
                 _("duration '%s' is longer than 24 hours"), SHOWN);
      return FALSE;
    }
  *minutes = ms_to_minutes (ms);
  return TRUE;
}

/**
 * mk_duration_parse:
 * @text: what the person or the file wrote: "90", "1:30", "1,5", "1h 30m"
 * @unit_hint: what a bare number means (from the column header)
 * @minutes: (out): the duration in whole minutes, 1 … 1440
 * @error: return location for an error
 *
 * Reads a duration that must make an entry: at least half a minute (it is
 * rounded to the nearest minute) and at most 24 hours.  Leading and
 * trailing spaces are ignored.
 *
 * Returns: %TRUE on success.  Fails with %MK_PARSE_ERROR_EMPTY for blank
 *   text, %MK_PARSE_ERROR_DURATION for text that is no duration ("duration
 *   '1:75' has 75 minutes"), %MK_PARSE_ERROR_RANGE for a negative, zero or
 *   over-24-hour duration.
 */
gboolean
mk_duration_parse (const char      *text,
                   MkDurationUnit   unit_hint,
                   int             *minutes,
                   GError         **error)
{
  gint64 ms;

  g_return_val_if_fail (minutes != NULL, FALSE);

  return mk_duration_parse_ms (text, unit_hint, &ms, NULL, error)
         && mk_duration_check_ms (text, ms, minutes, error);
}

/**
 * mk_duration_parse_ms:
 * @text: a duration as mk_duration_parse() reads it
 * @unit_hint: what a bare number means
 * @ms_out: (out): the duration in milliseconds, 0 or more (saturated far below
 *   overflow); not checked against the entry's range
 * @bare: (out) (optional): set to %TRUE when @text was a bare number, whose
 *   unit came from @unit_hint, and %FALSE when it said its own unit
 * @error: return location for an error
 *
 * Reads a duration without the entry rules, for a caller that decides
 * itself what a short or a bare value means (the importer skips empty
 * entries and checks a bare number against start and end); apply the
 * rules with mk_duration_check_ms().
 *
 * Returns: %TRUE on success.  Fails like mk_duration_parse(), except that
 *   only a negative duration is out of range.
 */
gboolean
mk_duration_parse_ms (const char      *text,
                      MkDurationUnit   unit_hint,
                      gint64          *ms_out,
                      gboolean        *bare,
                      GError         **error)
{
  g_autofree char *shown = NULL;
  const char *p;
  const char *end = NULL;
  gboolean negative;
  gint64 ms = 0;
  int bad = 0;
  ParseStatus status;
  Number number;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (ms_out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  p = mk_parse_skip_spaces (text);
  if (*p == '\0')
    {
      SET_ERROR_LITERAL (error, MK_PARSE_ERROR, MK_PARSE_ERROR_EMPTY,
                           _("the duration is empty"));
      return FALSE;
    }

  p = read_sign (p, &negative);
  status = read_duration (p, unit_hint, &end, &ms, &bad);
  if (status == PARSE_OK && *mk_parse_skip_spaces (end) != '\0')
    status = PARSE_SYNTAX;

  switch (status)
    {
    case PARSE_BAD_MINUTES:
      SET_ERROR (error, MK_PARSE_ERROR, MK_PARSE_ERROR_DURATION,
                   _("duration '%s' has %d minutes"), SHOWN, bad);
      return FALSE;
    case PARSE_BAD_SECONDS:
      SET_ERROR (error, MK_PARSE_ERROR, MK_PARSE_ERROR_DURATION,
                   _("duration '%s' has %d seconds"), SHOWN, bad);
      return FALSE;
    case PARSE_SYNTAX:
      SET_ERROR (error, MK_PARSE_ERROR, MK_PARSE_ERROR_DURATION,
                   _("'%s' is not a duration (write minutes, h:mm or decimal hours)"),
                   SHOWN);
      return FALSE;
    case PARSE_OK:
    default:
      break;
    }

  if (negative && ms > 0)
    {
      SET_ERROR (error, MK_PARSE_ERROR, MK_PARSE_ERROR_RANGE,
                   _("duration '%s' is negative"), SHOWN);
      return FALSE;
    }
  if (bare != NULL)
    *bare = *mk_parse_skip_spaces (read_number (p, &number)) == '\0';
  *ms_out = ms;
  return TRUE;
}

/**
 * mk_duration_parse_prefix:
 * @text: a line that may start with a duration ("1h 30m call Acme")
 * @unit_hint: what a bare number means
 * @minutes: (out): the duration, rounded to whole minutes; not checked
 *   against the 1 … 1440 range
 * @end: (out): where the text after the duration starts (spaces not skipped)
 *
 * Reads the longest duration at the start of @text, ending at a word
 * boundary.  For quick entry: "30 call" gives 30 and " call"; "30meet"
 * gives nothing.  Call mk_duration_parse() on the part read to get the
 * range check and its message.
 *
 * Returns: %TRUE if @text starts with a duration.
 */
gboolean
mk_duration_parse_prefix (const char      *text,
                          MkDurationUnit   unit_hint,
                          int             *minutes,
                          const char     **end)
{
  const char *p;
  const char *q = NULL;
  gint64 ms = 0;
  int bad = 0;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (minutes != NULL, FALSE);
  g_return_val_if_fail (end != NULL, FALSE);

  p = mk_parse_skip_spaces (text);
  if (read_duration (p, unit_hint, &q, &ms, &bad) != PARSE_OK || mk_parse_is_word_char (q))
    return FALSE;
  *minutes = ms_to_minutes (ms);
  *end = q;
  return TRUE;
}

/**
 * mk_duration_check_seconds:
 * @text: how the duration was given, for the message ("23:00–23:00")
 * @seconds: the duration in seconds
 * @minutes: (out): the duration rounded to whole minutes
 * @error: return location for an error
 *
 * Applies the entry rules of mk_duration_parse() to a duration computed
 * elsewhere (from a start and an end).
 *
 * Returns: %TRUE when the duration makes an entry; fails with
 *   %MK_PARSE_ERROR_RANGE otherwise.
 */
gboolean
mk_duration_check_seconds (const char  *text,
                           gint64       seconds,
                           int         *minutes,
                           GError     **error)
{
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (minutes != NULL, FALSE);

  /* A span between two dates is at most a few centuries: far from
   * overflowing as milliseconds, but clamp all the same. */
  seconds = CLAMP (seconds, -MAX_SPAN_SECONDS, MAX_SPAN_SECONDS);
  return mk_duration_check_ms (text, seconds * MS_PER_SECOND, minutes, error);
}
