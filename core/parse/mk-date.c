/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-date.c — calendar dates as timesheets write them.
 *
 * Design notes.
 *
 * A date field is three numbers split by one separator ("-", "/" or "."),
 * or a day, an English month name and a year as Jira writes them ("Jan 20,
 * 2023", "29-Jun-2023", "20/Jan/23"), optionally followed by a space, a
 * comma or "T" and a time of day.  The time may carry a zone ("Z",
 * "+03:00"): the date and time stay as written (an entry is on the wall
 * clock of the person who logged it) and the offset is kept beside them,
 * so that a span between two moments in different zones is measured
 * right.  A four-digit first number is a year, always, and a month name
 * says which number is the day.  Otherwise the field is day-first or
 * month-first, and one value can only say which when a number is above 12.
 * So the order is a property of the column: MkDateColumn counts, for every
 * value, which orders it fits, and decides:
 *   - values above 12 in first place and none in second: day first, and
 *     the reverse for month first; when both kinds exist the majority wins
 *     (the minority then fails to parse, row by row, with a clear message);
 *   - no value above 12: dotted dates ("05.03.2024") are day first by
 *     convention everywhere they are used; dates whose day and month are
 *     the same read the same either way;
 *   - otherwise the order under which the column's days lie closest
 *     together (first to last) wins: a study is a few consecutive days, so
 *     03/02, 03/03, 03/04 are 2 to 4 March, not 3 February to 3 April.  Only
 *     when both orders spread the days equally must the caller ask
 *     (--date-format).
 * Two-digit years are 2000 … 2069 and 1970 … 1999.
 */
#define G_LOG_DOMAIN "mk-date"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mk-date.h"
#include "mk-duration.h"
#include "mk-error.h"
#include "mk-parse-private.h"

typedef struct {
  int         value[3];
  int         digits[3];
  char        separator;
  gboolean    named;      /* the month was a name: value[] is year, month, day */
  const char *rest;       /* after the date: "", or the time part */
} Parts;

static const char * const month_names[12][2] = {
  { "jan", "january" }, { "feb", "february" }, { "mar", "march" }, { "apr", "april" },
  { "may", "may" }, { "jun", "june" }, { "jul", "july" }, { "aug", "august" },
  { "sep", "september" }, { "oct", "october" }, { "nov", "november" },
  { "dec", "december" },
};

static const char *
skip_spaces (const char *p)
{
  while (*p == ' ' || *p == '\t')
    p++;
  return p;
}

static const char *
read_digits (const char *p,
             int        *value,
             int        *digits)
{
  *value = 0;
  *digits = 0;
  while (g_ascii_isdigit (*p) && *digits < 5)
    {
      *value = *value * 10 + (*p - '0');
      (*digits)++;
      p++;
    }
  return p;
}

/* Reads an English month name ("Jun", "June", "Sept."), any case.
 * Returns its end, or @p when there is none; *month is 1 … 12. */
static const char *
read_month_name (const char *p,
                 int        *month)
{
  char word[16];
  gsize n = 0;
  const char *q = p;

  while (g_ascii_isalpha (*q))
    {
      if (n + 1 >= sizeof word)
        return p;
      word[n++] = g_ascii_tolower (*q++);
    }
  word[n] = '\0';
  if (n < 3)
    return p;
  for (int i = 0; i < 12; i++)
    if (strcmp (word, month_names[i][0]) == 0 || strcmp (word, month_names[i][1]) == 0
        || (i == 8 && strcmp (word, "sept") == 0))
      {
        *month = i + 1;
        return *q == '.' ? q + 1 : q;
      }
  return p;
}

/* Where a date ends and its time may start: after an optional comma,
 * spaces, or a "T". */
static gboolean
end_of_date (const char *p,
             Parts      *parts)
{
  if (*p == ',')
    p++;
  if (*p != '\0' && *p != ' ' && *p != 'T' && *p != '\t')
    return FALSE;
  parts->rest = *p == 'T' ? p + 1 : skip_spaces (p);
  return TRUE;
}

/* "Jan 20, 2023", "January 20 2023", "29-Jun-2023", "20/Jan/23",
 * "29 Jun 2023": into year, month, day. */
static gboolean
split_named (const char *text,
             Parts      *parts)
{
  const char *p = skip_spaces (text);
  const char *q;
  int month = 0;
  int day;
  int day_digits;
  int year;
  int year_digits;

  q = read_month_name (p, &month);
  if (q != p)
    {
      /* Month, day, year. */
      p = read_digits (skip_spaces (q), &day, &day_digits);
      if (day_digits == 0 || day_digits > 2)
        return FALSE;
      if (*p == ',')
        p++;
      p = read_digits (skip_spaces (p), &year, &year_digits);
    }
  else
    {
      char separator;

      p = read_digits (p, &day, &day_digits);
      /* strchr() finds the terminator too: the text must go on. */
      if (day_digits == 0 || day_digits > 2 || *p == '\0' || strchr ("-/. ", *p) == NULL)
        return FALSE;
      separator = *p++;
      q = read_month_name (p, &month);
      if (q == p || (*q != separator && !(separator == '.' && q[-1] == '.')))
        return FALSE;
      p = *q == separator ? q + 1 : q;
      p = read_digits (p, &year, &year_digits);
    }
  if (year_digits != 4 && year_digits != 2)
    return FALSE;
  if (year_digits == 2)
    year += year < 70 ? 2000 : 1900;
  parts->value[0] = year;
  parts->value[1] = month;
  parts->value[2] = day;
  parts->digits[0] = 4;
  parts->digits[1] = parts->digits[2] = 2;
  parts->separator = '-';
  parts->named = TRUE;
  return end_of_date (p, parts);
}

static gboolean
split_date (const char *text,
            Parts      *parts)
{
  const char *p = skip_spaces (text);

  parts->named = FALSE;
  if (g_ascii_isalpha (*p))
    return split_named (text, parts);

  for (int i = 0; i < 3; i++)
    {
      p = read_digits (p, &parts->value[i], &parts->digits[i]);
      if (parts->digits[i] == 0 && i == 1 && g_ascii_isalpha (*p))
        return split_named (text, parts);
      if (parts->digits[i] == 0 || parts->digits[i] > 4)
        return FALSE;
      if (i == 0)
        {
          if (*p != '-' && *p != '/' && *p != '.')
            return split_named (text, parts);
          parts->separator = *p++;
        }
      else if (i == 1)
        {
          if (*p != parts->separator)
            return FALSE;
          p++;
        }
    }
  /* A year has 4 digits (or 2); a day or month 1 or 2. */
  if (parts->digits[0] == 4)
    {
      if (parts->digits[1] > 2 || parts->digits[2] > 2)
        return FALSE;
    }
  else if (parts->digits[0] > 2 || parts->digits[1] > 2
           || (parts->digits[2] != 4 && parts->digits[2] != 2))
    return FALSE;

  if (*p == '.' && parts->separator == '.')
    p++;                                  /* "05.03.2024." */
  return end_of_date (p, parts);
}

static int
full_year (const Parts *parts)
{
  int year = parts->value[2];

  if (parts->digits[2] == 2)
    year += year < 70 ? 2000 : 1900;
  return year;
}

/* Reads a zone: "Z", "+03:00", "+0300", "+03", "-12:00".  Returns FALSE
 * when @zone is none of them. */
static gboolean
parse_zone (const char *zone,
            int        *offset)
{
  int sign;
  int hours;
  int minutes = 0;
  const char *p = zone;

  if ((*p == 'Z' || *p == 'z') && p[1] == '\0')
    {
      *offset = 0;
      return TRUE;
    }
  if (*p != '+' && *p != '-')
    return FALSE;
  sign = *p++ == '-' ? -1 : 1;
  if (!g_ascii_isdigit (p[0]) || !g_ascii_isdigit (p[1]))
    return FALSE;
  hours = (p[0] - '0') * 10 + (p[1] - '0');
  p += 2;
  if (*p == ':')
    p++;
  if (g_ascii_isdigit (p[0]) && g_ascii_isdigit (p[1]))
    {
      minutes = (p[0] - '0') * 10 + (p[1] - '0');
      p += 2;
    }
  if (*p != '\0' || hours > 14 || minutes > 59)
    return FALSE;
  *offset = sign * (hours * 3600 + minutes * 60);
  return TRUE;
}

/* Parses the time after a date, and its zone when it has one. */
static gboolean
parse_time_part (const char  *text,
                 const char  *rest,
                 MkDateValue *value,
                 GError     **error)
{
  g_autofree char *time = NULL;
  g_autofree char *shown = NULL;
  int *seconds = &value->seconds;
  char *zone;

  value->has_offset = FALSE;
  value->offset = 0;
  if (*rest == '\0')
    {
      *seconds = -1;
      return TRUE;
    }
  time = g_strstrip (g_strdup (rest));
  zone = strpbrk (time, "+-Zz");
  if (zone != NULL && zone > time)
    {
      g_autofree char *z = g_strstrip (g_strdup (zone));

      if (!parse_zone (z, &value->offset))
        {
          SET_ERROR (error, MK_PARSE_ERROR, MK_PARSE_ERROR_TIME,
                     _("date '%s' has a time zone that is not Z or ±HH:MM"), SHOWN);
          return FALSE;
        }
      value->has_offset = TRUE;
      *zone = '\0';
      g_strchomp (time);
    }
  if (*time == '\0')
    {
      *seconds = -1;
      return TRUE;
    }
  if (!mk_time_of_day_parse_seconds (time, seconds, NULL) || *seconds >= 86400)
    {
      SET_ERROR (error, MK_PARSE_ERROR, MK_PARSE_ERROR_TIME,
                 _("date '%s' has a time that is not a time of day"), SHOWN);
      return FALSE;
    }
  return TRUE;
}

/**
 * mk_date_parse:
 * @text: the field: "2024-03-05", "5.3.2024", "03/05/2024 9:30 AM"
 * @order: the column's order from mk_date_column_decide(), or
 *   %MK_DATE_ORDER_UNKNOWN to accept only values that tell their own order
 *   (ISO, a number above 12, dots)
 * @value: (out caller-allocates): the date, and the time if the field has one
 * @error: return location for an error
 *
 * Returns: %TRUE on success.  Fails with %MK_PARSE_ERROR_EMPTY for a blank
 *   field, %MK_PARSE_ERROR_TIME for a bad time part and
 *   %MK_PARSE_ERROR_DATE otherwise, naming the problem ("date '31.02.2024'
 *   does not exist", "date '03/05/2024' could be day/month or month/day").
 */
gboolean
mk_date_parse (const char   *text,
               MkDateOrder   order,
               MkDateValue  *value,
               GError      **error)
{
  g_autofree char *shown = NULL;
  Parts parts;
  int year;
  int month;
  int day;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (*skip_spaces (text) == '\0')
    {
      SET_ERROR_LITERAL (error, MK_PARSE_ERROR, MK_PARSE_ERROR_EMPTY, _("the date is empty"));
      return FALSE;
    }
  if (!split_date (text, &parts))
    {
      SET_ERROR (error, MK_PARSE_ERROR, MK_PARSE_ERROR_DATE,
                   _("'%s' is not a date (write YYYY-MM-DD, DD.MM.YYYY or Jan 20, 2024)"),
                   SHOWN);
      return FALSE;
    }

  if (parts.digits[0] == 4)
    {
      year = parts.value[0];
      month = parts.value[1];
      day = parts.value[2];
    }
  else
    {
      gboolean day_first;

      year = full_year (&parts);
      if (order == MK_DATE_ORDER_DMY)
        day_first = TRUE;
      else if (order == MK_DATE_ORDER_MDY)
        day_first = FALSE;
      else if (parts.value[0] > 12)
        day_first = TRUE;
      else if (parts.value[1] > 12)
        day_first = FALSE;
      else if (parts.separator == '.')
        day_first = TRUE;
      else if (parts.value[0] == parts.value[1])
        day_first = TRUE;
      else
        {
          SET_ERROR (error, MK_PARSE_ERROR, MK_PARSE_ERROR_DATE,
                       _("date '%s' could be day/month or month/day"), SHOWN);
          return FALSE;
        }
      day = day_first ? parts.value[0] : parts.value[1];
      month = day_first ? parts.value[1] : parts.value[0];
    }

  if (month < 1 || month > 12)
    {
      SET_ERROR (error, MK_PARSE_ERROR, MK_PARSE_ERROR_DATE,
                   _("date '%s' has month %d"), SHOWN, month);
      return FALSE;
    }
  if (year < 1900 || year > 2199)
    {
      SET_ERROR (error, MK_PARSE_ERROR, MK_PARSE_ERROR_DATE,
                   _("date '%s' has year %d"), SHOWN, year);
      return FALSE;
    }
  if (day < 1 || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    {
      SET_ERROR (error, MK_PARSE_ERROR, MK_PARSE_ERROR_DATE,
                   _("date '%s' does not exist"), SHOWN);
      return FALSE;
    }

  if (!parse_time_part (text, parts.rest, value, error))
    return FALSE;
  value->year = year;
  value->month = month;
  value->day = day;
  return TRUE;
}

/**
 * mk_date_value_to_iso:
 * @value: a parsed date
 * @iso: (out caller-allocates): "YYYY-MM-DD"
 */
void
mk_date_value_to_iso (const MkDateValue *value,
                      char               iso[MK_DATE_ISO_LEN])
{
  g_return_if_fail (value != NULL);

  iso[0] = (char) ('0' + value->year / 1000 % 10);
  iso[1] = (char) ('0' + value->year / 100 % 10);
  iso[2] = (char) ('0' + value->year / 10 % 10);
  iso[3] = (char) ('0' + value->year % 10);
  iso[4] = '-';
  iso[5] = (char) ('0' + value->month / 10);
  iso[6] = (char) ('0' + value->month % 10);
  iso[7] = '-';
  iso[8] = (char) ('0' + value->day / 10);
  iso[9] = (char) ('0' + value->day % 10);
  iso[10] = '\0';
}

/**
 * mk_date_value_to_days:
 * @value: a parsed date
 *
 * Returns: the day's number in the proleptic Gregorian calendar (1 is
 *   1 January of year 1), to measure spans across midnight.
 */
gint64
mk_date_value_to_days (const MkDateValue *value)
{
  GDate date;

  g_return_val_if_fail (value != NULL, 0);

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) value->day, (GDateMonth) value->month,
                  (GDateYear) value->year);
  return g_date_get_julian (&date);
}

/**
 * mk_date_order_from_string:
 * @text: "dmy", "mdy" or "ymd" (any case), as given to --date-format
 * @order: (out): the order
 *
 * Returns: %TRUE if @text names an order.
 */
gboolean
mk_date_order_from_string (const char  *text,
                           MkDateOrder *order)
{
  g_return_val_if_fail (order != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (text, "dmy") == 0)
    *order = MK_DATE_ORDER_DMY;
  else if (g_ascii_strcasecmp (text, "mdy") == 0)
    *order = MK_DATE_ORDER_MDY;
  else if (g_ascii_strcasecmp (text, "ymd") == 0)
    *order = MK_DATE_ORDER_YMD;
  else
    return FALSE;
  return TRUE;
}

/**
 * mk_date_order_to_string:
 * @order: an order
 *
 * Returns: (transfer none): "dmy", "mdy", "ymd", "ambiguous" or "unknown".
 */
const char *
mk_date_order_to_string (MkDateOrder order)
{
  switch (order)
    {
    case MK_DATE_ORDER_YMD:
      return "ymd";
    case MK_DATE_ORDER_DMY:
      return "dmy";
    case MK_DATE_ORDER_MDY:
      return "mdy";
    case MK_DATE_ORDER_AMBIGUOUS:
      return "ambiguous";
    case MK_DATE_ORDER_UNKNOWN:
    default:
      return "unknown";
    }
}

/**
 * mk_date_column_init:
 * @column: (out caller-allocates): the evidence to start
 */
void
mk_date_column_init (MkDateColumn *column)
{
  g_return_if_fail (column != NULL);
  memset (column, 0, sizeof *column);
}

/* Widens the day-first and/or month-first range by a date that exists. */
static void
add_day (MkDateColumn *column,
         int           year,
         int           month,
         int           day,
         gboolean      dmy,
         gboolean      mdy)
{
  MkDateValue value = { year, month, day, -1, 0, FALSE };
  gint64 days;

  if (year < 1900 || year > 2199 || month < 1 || month > 12 || day < 1
      || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return;
  days = mk_date_value_to_days (&value);
  if (dmy)
    {
      if (column->dmy_first == 0 || days < column->dmy_first)
        column->dmy_first = days;
      column->dmy_last = MAX (column->dmy_last, days);
    }
  if (mdy)
    {
      if (column->mdy_first == 0 || days < column->mdy_first)
        column->mdy_first = days;
      column->mdy_last = MAX (column->mdy_last, days);
    }
}

/**
 * mk_date_column_add:
 * @column: the column's evidence
 * @text: one value of the column; blank and malformed values count for
 *   nothing (their rows fail on their own)
 *
 * Records which orders @text fits.
 */
void
mk_date_column_add (MkDateColumn *column,
                    const char   *text)
{
  Parts parts;

  g_return_if_fail (column != NULL);

  if (text == NULL || !split_date (text, &parts))
    {
      column->n_other++;
      return;
    }
  if (parts.digits[0] == 4)
    {
      column->n_year_first++;
      add_day (column, parts.value[0], parts.value[1], parts.value[2], TRUE, TRUE);
    }
  else if (parts.value[0] > 12 && parts.value[1] <= 12)
    {
      column->n_day_first_only++;
      add_day (column, full_year (&parts), parts.value[1], parts.value[0], TRUE, FALSE);
    }
  else if (parts.value[1] > 12 && parts.value[0] <= 12)
    {
      column->n_month_first_only++;
      add_day (column, full_year (&parts), parts.value[0], parts.value[1], FALSE, TRUE);
    }
  else if (parts.value[0] <= 12 && parts.value[1] <= 12)
    {
      column->n_either++;
      if (parts.separator == '.')
        column->n_either_dotted++;
      if (parts.value[0] != parts.value[1])
        column->n_either_differ++;
      add_day (column, full_year (&parts), parts.value[1], parts.value[0], TRUE, FALSE);
      add_day (column, full_year (&parts), parts.value[0], parts.value[1], FALSE, TRUE);
    }
  else
    column->n_other++;
}

/**
 * mk_date_column_decide:
 * @column: the column's evidence
 *
 * Returns: %MK_DATE_ORDER_YMD when every date is year-first (or only those
 *   tell), %MK_DATE_ORDER_DMY or %MK_DATE_ORDER_MDY when the values say
 *   so, %MK_DATE_ORDER_AMBIGUOUS when they fit both, and
 *   %MK_DATE_ORDER_UNKNOWN when the column had no dates.
 */
MkDateOrder
mk_date_column_decide (const MkDateColumn *column)
{
  MkDateBasis basis;

  return mk_date_column_decide_full (column, &basis);
}

/**
 * mk_date_column_decide_full:
 * @column: the column's evidence
 * @basis: (out): why that order: %MK_DATE_BASIS_SELF, _VALUES, _DOTS,
 *   _SAME, _CLOSEST, or %MK_DATE_BASIS_NONE when ambiguous or unknown
 *
 * Like mk_date_column_decide(), saying why.
 *
 * Returns: the order.
 */
MkDateOrder
mk_date_column_decide_full (const MkDateColumn *column,
                            MkDateBasis        *basis)
{
  gint64 dmy_span;
  gint64 mdy_span;

  g_return_val_if_fail (column != NULL, MK_DATE_ORDER_UNKNOWN);
  g_return_val_if_fail (basis != NULL, MK_DATE_ORDER_UNKNOWN);

  *basis = MK_DATE_BASIS_NONE;
  if (column->n_day_first_only > 0 || column->n_month_first_only > 0)
    {
      *basis = MK_DATE_BASIS_VALUES;
      return column->n_day_first_only >= column->n_month_first_only ? MK_DATE_ORDER_DMY
                                                                     : MK_DATE_ORDER_MDY;
    }
  if (column->n_either > 0)
    {
      if (column->n_either_dotted == column->n_either)
        {
          *basis = MK_DATE_BASIS_DOTS;
          return MK_DATE_ORDER_DMY;
        }
      if (column->n_either_differ == 0)
        {
          *basis = MK_DATE_BASIS_SAME;
          return MK_DATE_ORDER_DMY;
        }
      mk_date_column_get_spans (column, &dmy_span, &mdy_span);
      if (dmy_span == mdy_span)
        return MK_DATE_ORDER_AMBIGUOUS;
      *basis = MK_DATE_BASIS_CLOSEST;
      return dmy_span < mdy_span ? MK_DATE_ORDER_DMY : MK_DATE_ORDER_MDY;
    }
  if (column->n_year_first > 0)
    {
      *basis = MK_DATE_BASIS_SELF;
      return MK_DATE_ORDER_YMD;
    }
  return MK_DATE_ORDER_UNKNOWN;
}

/**
 * mk_date_column_get_spans:
 * @column: the column's evidence
 * @dmy_days: (out): how many days the column's dates cover (first to last,
 *   both counted) when read day first
 * @mdy_days: (out): the same, read month first
 *
 * What %MK_DATE_BASIS_CLOSEST compares, for a summary to show.
 */
void
mk_date_column_get_spans (const MkDateColumn *column,
                          gint64             *dmy_days,
                          gint64             *mdy_days)
{
  g_return_if_fail (column != NULL);

  *dmy_days = column->dmy_first > 0 ? column->dmy_last - column->dmy_first + 1 : 0;
  *mdy_days = column->mdy_first > 0 ? column->mdy_last - column->mdy_first + 1 : 0;
}
