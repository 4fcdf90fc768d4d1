/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-format.c — core's values as people read them: days, durations,
 * shares, target bands, levels and category classes.
 *
 * One way to write each, translated, used by the window, the reports and
 * the tests alike (nothing here needs GTK).
 *
 * - Days: core keeps them as ISO text ("YYYY-MM-DD"); they are read as local
 *   noon through mk_day_to_date_time() (mk-day.c), so that no time zone
 *   shift moves them, and written with the month in the messages' language
 *   ("23 Nov 2026", "23 нояб. 2026").
 * - Durations: minutes below two hours ("95 min", as the findings say how
 *   much a day could be won back), whole hours ("2 h"), else both
 *   ("2 h 14 min").
 * - Shares and target bands: whole percents, rounded half away from zero.
 *   A band's bounds follow mk_target_band_normalize(): 0 % below and 100 %
 *   above are no bound.
 * - A number that does not apply (NAN) comes out as "—", never "nan%".
 */
#define G_LOG_DOMAIN "mk-format"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "mk-day.h"
#include "mk-format.h"

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
 * mk_day_format_compact:
 * @day: (nullable): a day as "YYYY-MM-DD"
 *
 * Returns: (transfer full): @day in the fewest characters that still read
 *   as a day, for a narrow list ("23 Nov"); @day itself when it is not a
 *   valid day.
 */
char *
mk_day_format_compact (const char *day)
{
  /* Translators: a day in a narrow Entries list, without weekday and year;
   * see g_date_time_format() for the codes. */
  return format_day (day, _("%-d %b"));
}

/* The months as a day is written: translators may inflect the month
 * ("23 нояб. 2026"). */
static const char * const day_formats[] = {
  /* Translators: a day, the day of the month and the year as numbers. */
  NC_("day month year", "%d Jan %d"),
  NC_("day month year", "%d Feb %d"),
  NC_("day month year", "%d Mar %d"),
  NC_("day month year", "%d Apr %d"),
  NC_("day month year", "%d May %d"),
  NC_("day month year", "%d Jun %d"),
  NC_("day month year", "%d Jul %d"),
  NC_("day month year", "%d Aug %d"),
  NC_("day month year", "%d Sep %d"),
  NC_("day month year", "%d Oct %d"),
  NC_("day month year", "%d Nov %d"),
  NC_("day month year", "%d Dec %d"),
};

/**
 * mk_day_format_short:
 * @day: (nullable): a day as "YYYY-MM-DD"
 *
 * The one way a day is written in the analysis, its reports and the
 * filters: in the messages' language (not the C library's locale, which
 * may differ).
 *
 * Returns: (transfer full): "23 Nov 2026"; @day itself when it is not a
 *   day, "…" for %NULL.
 */
char *
mk_day_format_short (const char *day)
{
  g_autoptr(GDateTime) date_time = NULL;
  const char *format;

  if (day == NULL)
    return g_strdup ("…");
  date_time = mk_day_to_date_time (day);
  if (date_time == NULL)
    return g_strdup (day);
  format = g_dpgettext2 (GETTEXT_PACKAGE, "day month year",
                         day_formats[g_date_time_get_month (date_time) - 1]);
  /* The format is one of day_formats, translated: "%d … %d". */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  return g_strdup_printf (format, g_date_time_get_day_of_month (date_time),
                          g_date_time_get_year (date_time));
#pragma GCC diagnostic pop
}

/**
 * mk_format_period:
 * @from: (nullable): the first day, "YYYY-MM-DD"
 * @to: (nullable): the last day, "YYYY-MM-DD"
 *
 * Returns: (transfer full): the period as mk_day_format_short() writes
 *   days, e.g. "23 Nov 2026 – 25 Nov 2026", one day when both are the
 *   same, or "No period" when either is not a day.
 */
char *
mk_format_period (const char *from,
                  const char *to)
{
  g_autoptr(GDateTime) a = mk_day_to_date_time (from);
  g_autoptr(GDateTime) b = mk_day_to_date_time (to);
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  if (a == NULL || b == NULL)
    return g_strdup (_("No period"));
  first = mk_day_format_short (from);
  if (g_strcmp0 (from, to) == 0)
    return g_steal_pointer (&first);
  last = mk_day_format_short (to);
  return g_strdup_printf ("%s – %s", first, last);
}

/**
 * mk_format_time:
 * @minute_of_day: minutes after midnight, 0 … 1440; later wraps to the
 *   next day
 *
 * The one way a time of day is written: the entries' starts, the quick
 * entry's echo, the day timelines, the prime selling hours.
 *
 * Returns: (transfer full): "9:05", "14:30"; "24:00" for 1440, the end of
 *   a day (mk-time-of-day.c: never a start).
 */
char *
mk_format_time (int minute_of_day)
{
  g_return_val_if_fail (minute_of_day >= 0, g_strdup (""));

  if (minute_of_day != 24 * 60)
    minute_of_day %= 24 * 60;
  return g_strdup_printf ("%d:%02d", minute_of_day / 60, minute_of_day % 60);
}

/**
 * mk_format_time_range:
 * @start: minutes after midnight, 0 … 1439
 * @end: minutes after the same midnight, after @start; past 1440 it is on
 *   the next day
 *
 * Returns: (transfer full): "9:15–9:45", "23:30–0:30", "22:00–24:00".
 */
char *
mk_format_time_range (int start,
                      int end)
{
  g_autofree char *from = mk_format_time (start);
  g_autofree char *to = mk_format_time (end);

  return g_strdup_printf ("%s–%s", from, to);
}

/**
 * mk_format_minutes:
 * @minutes: a duration in minutes, or NAN
 *
 * The one way Minutka writes an amount of minutes: in the findings, the
 * reports, the Analysis page, the entries and the quick entry's echo.
 *
 * Returns: (transfer full): "45 min" below two hours, else "2 h" or
 *   "2 h 14 min", translated; "—" for NAN.
 */
char *
mk_format_minutes (double minutes)
{
  int total;

  if (isnan (minutes) || isinf (minutes))
    return g_strdup ("—");
  total = (int) CLAMP (lround (minutes), -G_MAXINT / 2, G_MAXINT / 2);
  if (total < 120)
    /* Translators: a short duration, e.g. "30 min". */
    return g_strdup_printf (_("%d min"), total);
  if (total % 60 == 0)
    /* Translators: a whole number of hours, e.g. "2 h". */
    return g_strdup_printf (_("%d h"), total / 60);
  /* Translators: hours and minutes, e.g. "2 h 14 min". */
  return g_strdup_printf (_("%d h %d min"), total / 60, total % 60);
}

/**
 * mk_format_count:
 * @count: how many (entries, rows)
 *
 * The one way Minutka writes a count: with the digits grouped by three as
 * the locale groups them ("400,020" in English, "400 020" in Russian, with
 * the narrow no-break space).  A locale that groups nothing (C, POSIX) gets
 * the comma, so that a big count is never a run of digits.
 *
 * Returns: (transfer full): the count.
 */
char *
mk_format_count (gint64 count)
{
  const struct lconv *conv = localeconv ();
  const char *sep = conv->thousands_sep != NULL && *conv->thousands_sep != '\0'
                    ? conv->thousands_sep : ",";
  char digits[24];
  GString *text = g_string_new (count < 0 ? "−" : NULL);
  size_t len;

  g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT,
              count < 0 ? (guint64) 0 - (guint64) count : (guint64) count);
  len = strlen (digits);
  for (size_t i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append (text, sep);
      g_string_append_c (text, digits[i]);
    }
  return g_string_free (text, FALSE);
}

/**
 * mk_round_percents:
 * @shares: (array length=n): fractions, 0..1, none of them NAN
 * @n: how many
 * @total: what the whole percents must add up to
 * @percents: (out caller-allocates) (array length=n): the whole percents
 *
 * Rounds @shares to whole percents that add up to @total, by the largest
 * remainder: each share is rounded down, then the shares with the largest
 * remainders get one point more until the total is reached (the earlier
 * share first at equal remainders).  Shares of a whole (selling 52.6 %,
 * supporting 21.6 %, non-selling 25.8 %) then read 53 + 21 + 26 = 100,
 * not 53 + 22 + 26 = 101.
 */
void
mk_round_percents (const double *shares,
                   guint         n,
                   int           total,
                   int          *percents)
{
  g_autofree guint *order = g_new (guint, n);
  int sum = 0;

  g_return_if_fail (n == 0 || (shares != NULL && percents != NULL));

  for (guint i = 0; i < n; i++)
    {
      /* A hair of tolerance: 0.29 * 100 is 28.999…, which is 29. */
      percents[i] = (int) floor (shares[i] * 100.0 + 1e-9);
      sum += percents[i];
      order[i] = i;
    }
  /* By remainder, largest first (insertion sort: n is three or so). */
  for (guint i = 1; i < n; i++)
    for (guint j = i; j > 0; j--)
      {
        double a = shares[order[j - 1]] * 100.0 - percents[order[j - 1]];
        double b = shares[order[j]] * 100.0 - percents[order[j]];

        guint swap;

        if (b <= a)
          break;
        swap = order[j - 1];
        order[j - 1] = order[j];
        order[j] = swap;
      }
  for (guint i = 0; sum < total && n > 0; i = (i + 1) % n)
    {
      percents[order[i]]++;
      sum++;
    }
  for (guint i = n; sum > total && i > 0; i--)
    if (percents[order[i - 1]] > 0)
      {
        percents[order[i - 1]]--;
        sum--;
      }
}

/**
 * mk_format_percent:
 * @share: a fraction, 0..1, or NAN
 *
 * Returns: (transfer full): "47%", or "—" when @share is not a number.
 */
char *
mk_format_percent (double share)
{
  if (isnan (share))
    return g_strdup ("—");
  /* Translators: a share of time, e.g. "47%". */
  return g_strdup_printf (_("%.0f%%"), round (share * 100.0));
}

/**
 * mk_format_target_band:
 * @target_min: the lowest share wanted (0..1), or negative or NAN for none
 * @target_max: the highest share wanted (0..1), or negative or NAN for none
 *
 * Returns: (transfer full) (nullable): the band alone, as a table column
 *   shows it: "10–15%", "≥ 35%", "≤ 20%"; %NULL when there is no bound.
 */
char *
mk_format_target_band (double target_min,
                       double target_max)
{
  if (isnan (target_min))
    target_min = -1;
  if (isnan (target_max))
    target_max = -1;
  mk_target_band_normalize (&target_min, &target_max);
  if (target_min >= 0 && target_max >= 0)
    return g_strdup_printf ("%.0f–%.0f%%", round (target_min * 100), round (target_max * 100));
  if (target_min >= 0)
    return g_strdup_printf ("≥ %.0f%%", round (target_min * 100));
  if (target_max >= 0)
    return g_strdup_printf ("≤ %.0f%%", round (target_max * 100));
  return NULL;
}

/**
 * mk_format_target:
 * @target_min: the lowest share wanted (0..1), or negative or NAN for none
 * @target_max: the highest share wanted (0..1), or negative or NAN for none
 *
 * Returns: (transfer full) (nullable): "target ≤ 20%", "target ≥ 35%",
 *   "target 10–15%", translated; %NULL when there is no bound.
 */
char *
mk_format_target (double target_min,
                  double target_max)
{
  g_autofree char *band = mk_format_target_band (target_min, target_max);

  if (band == NULL)
    return NULL;
  /* Translators: a category's target band of shares: "target ≤ 20%",
   * "target 10–15%", "target ≥ 35%". */
  return g_strdup_printf (_("target %s"), band);
}

/**
 * mk_level_label:
 * @level: a level
 *
 * Returns: (transfer none): the level as the user reads it: "Junior",
 *   "Middle", "Senior" or "No level", translated.
 */
const char *
mk_level_label (MkLevel level)
{
  switch (level)
    {
    case MK_LEVEL_JUNIOR:
      return C_("level", "Junior");
    case MK_LEVEL_MIDDLE:
      return C_("level", "Middle");
    case MK_LEVEL_SENIOR:
      return C_("level", "Senior");
    case MK_LEVEL_NONE:
    default:
      return _("No level");
    }
}

/**
 * mk_category_kind_label:
 * @kind: a category class
 *
 * Returns: (transfer none): the class as the user reads it: "Selling",
 *   "Supporting" or "Non-selling", translated.
 */
const char *
mk_category_kind_label (MkCategoryKind kind)
{
  switch (kind)
    {
    case MK_CATEGORY_KIND_SELLING:
      return _("Selling");
    case MK_CATEGORY_KIND_SUPPORTING:
      return _("Supporting");
    case MK_CATEGORY_KIND_NON_SELLING:
    default:
      return _("Non-selling");
    }
}
