/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-import-notes.c — how a file was read, in sentences for its summary.
 *
 * The command line and the import dialog say the same things in the same
 * words: which column gave the person, how many empty entries were
 * skipped, in which order the dates were read and why, and when start and
 * end times decided a duration.  The sentences are made here, once.
 */
#define G_LOG_DOMAIN "mk-importer"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mk-format.h"
#include "mk-importer.h"

/**
 * mk_import_notes_clear:
 * @notes: notes to free the strings of
 */
void
mk_import_notes_clear (MkImportNotes *notes)
{
  g_return_if_fail (notes != NULL);

  g_clear_pointer (&notes->person_source, g_free);
  g_clear_pointer (&notes->person, g_free);
  g_clear_pointer (&notes->duration_header, g_free);
  g_clear_pointer (&notes->date_header, g_free);
  g_clear_pointer (&notes->future_latest, g_free);
}

/**
 * mk_import_notes_add_day:
 * @notes: notes
 * @day: a valid row's day, "YYYY-MM-DD"
 * @today: today, "YYYY-MM-DD"
 *
 * Counts @day in @notes->future when it is after @today.
 */
void
mk_import_notes_add_day (MkImportNotes *notes,
                         const char    *day,
                         const char    *today)
{
  g_return_if_fail (notes != NULL);

  if (day == NULL || strcmp (day, today) <= 0)
    return;
  notes->future++;
  if (notes->future_latest == NULL || strcmp (day, notes->future_latest) > 0)
    {
      g_free (notes->future_latest);
      notes->future_latest = g_strdup (day);
    }
}

/* ngettext() takes an unsigned long: keep the last digits, which decide
 * the plural form in every language. */
static unsigned long
plural_n (guint64 n)
{
  return n > G_MAXUINT32 ? (unsigned long) (n % 1000000) + 1000000 : (unsigned long) n;
}

static const char *
order_name (MkDateOrder order)
{
  switch (order)
    {
    case MK_DATE_ORDER_DMY:
      return _("day/month/year");
    case MK_DATE_ORDER_MDY:
      return _("month/day/year");
    case MK_DATE_ORDER_YMD:
    case MK_DATE_ORDER_UNKNOWN:
    case MK_DATE_ORDER_AMBIGUOUS:
    default:
      return _("year-month-day");
    }
}

static const char *
unit_name (MkDurationUnit unit)
{
  switch (unit)
    {
    case MK_DURATION_UNIT_SECONDS:
      return _("seconds");
    case MK_DURATION_UNIT_MINUTES:
      return _("minutes");
    case MK_DURATION_UNIT_HOURS:
      return _("hours");
    case MK_DURATION_UNIT_AUTO:
    default:
      return "";
    }
}

/**
 * mk_import_notes_describe:
 * @notes: how a file was read
 *
 * Returns: (transfer full) (element-type utf8): sentences for a summary,
 *   translated, in the order: person, category, empty entries, dates,
 *   durations.
 */
GPtrArray *
mk_import_notes_describe (const MkImportNotes *notes)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (notes != NULL, lines);

  if (notes->person != NULL)
    g_ptr_array_add (lines, g_strdup_printf (_("Every row is %s's, as given."), notes->person));
  else if (notes->person_source != NULL)
    /* Translators: "The person comes from column 'Owner'." */
    g_ptr_array_add (lines, g_strdup_printf (_("The person comes from %s."),
                                             notes->person_source));
  if (notes->no_category)
    g_ptr_array_add (lines, g_strdup (_("No column gives the category, so every entry is "
                                        "counted as “other”.")));

  if (notes->empty > 0)
    g_ptr_array_add (lines, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%llu empty entry skipped (less "
                                                          "than half a minute).",
                                                          "%llu empty entries skipped (less "
                                                          "than half a minute).",
                                                          plural_n (notes->empty)),
                                             (unsigned long long) notes->empty));

  switch (notes->date_basis)
    {
    case MK_DATE_BASIS_VALUES:
      g_ptr_array_add (lines, g_strdup_printf (_("Dates in '%s' are read as %s: some day in "
                                                 "them is above 12."),
                                               notes->date_header ? notes->date_header : "",
                                               order_name (notes->date_order)));
      break;
    case MK_DATE_BASIS_DOTS:
      g_ptr_array_add (lines, g_strdup_printf (_("Dates in '%s' are read as %s, as dates "
                                                 "with dots are written."),
                                               notes->date_header ? notes->date_header : "",
                                               order_name (notes->date_order)));
      break;
    case MK_DATE_BASIS_CLOSEST:
      g_ptr_array_add (lines,
                       g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "Dates in '%s' fit both orders and are "
                                                     "read as %s: that way they lie within "
                                                     "%lld day, the other way within %lld.",
                                                     "Dates in '%s' fit both orders and are "
                                                     "read as %s: that way they lie within "
                                                     "%lld days, the other way within %lld.",
                                                     plural_n ((guint64) notes->date_days)),
                                        notes->date_header ? notes->date_header : "",
                                        order_name (notes->date_order),
                                        (long long) notes->date_days,
                                        (long long) notes->date_days_other));
      break;
    case MK_DATE_BASIS_GIVEN:
      g_ptr_array_add (lines, g_strdup_printf (_("Dates are read as %s, as chosen."),
                                               order_name (notes->date_order)));
      break;
    case MK_DATE_BASIS_NONE:
    case MK_DATE_BASIS_SELF:
    case MK_DATE_BASIS_SAME:
    default:
      break;
    }

  if (notes->duration_unit != MK_DURATION_UNIT_AUTO && notes->duration_header != NULL)
    g_ptr_array_add (lines, g_strdup_printf (_("Numbers in '%s' are read as %s: that agrees "
                                               "with the start and end times."),
                                             notes->duration_header,
                                             unit_name (notes->duration_unit)));
  if (notes->future > 0 && notes->future_latest != NULL)
    {
      g_autofree char *latest = mk_day_format (notes->future_latest);

      /* Translators: the day is written as days are in the rest of the
       * summary, e.g. "Mon, 11 Jan 2027". */
      g_ptr_array_add (lines,
                       g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                     "%llu entry is dated after today (%s). "
                                                     "It is imported as the file says; check "
                                                     "that the file's dates are read right.",
                                                     "%llu entries are dated after today, the "
                                                     "latest %s. They are imported as the file "
                                                     "says; check that the file's dates are "
                                                     "read right.",
                                                     plural_n (notes->future)),
                                        (unsigned long long) notes->future, latest));
    }
  if (notes->span_used > 0)
    g_ptr_array_add (lines, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "In %llu row the duration disagreed "
                                                          "with the start and end times; they "
                                                          "were used instead.",
                                                          "In %llu rows the duration disagreed "
                                                          "with the start and end times; they "
                                                          "were used instead.",
                                                          plural_n (notes->span_used)),
                                             (unsigned long long) notes->span_used));
  return lines;
}
