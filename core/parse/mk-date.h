/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-date.h — calendar dates as timesheets write them.
 *
 * ISO "2024-03-05" and "2016-8-1", "05.03.2024", "05/03/2024",
 * "03/05/2024", two-digit years, English month names as Jira writes them
 * ("Jan 20, 2023", "29-Jun-2023", "20/Jan/23"), and a time of day in the
 * same field ("2024-03-05 09:30", "2024-03-05T09:30:00+03:00",
 * "3/5/2024 9:30 AM", "Jan 20, 2023, 6:25 PM").  Whether "03/05/2024" is the
 * 3rd of May or the 5th of March is decided for a whole column: feed every
 * value to an MkDateColumn, then ask it.  Pure: no I/O, no locale.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * MkDateOrder:
 * @MK_DATE_ORDER_UNKNOWN: not known: no value has told yet
 * @MK_DATE_ORDER_YMD: year first (ISO)
 * @MK_DATE_ORDER_DMY: day first (Russia, Europe)
 * @MK_DATE_ORDER_MDY: month first (United States)
 * @MK_DATE_ORDER_AMBIGUOUS: the values fit both day-first and month-first
 */
typedef enum {
  MK_DATE_ORDER_UNKNOWN,
  MK_DATE_ORDER_YMD,
  MK_DATE_ORDER_DMY,
  MK_DATE_ORDER_MDY,
  MK_DATE_ORDER_AMBIGUOUS,
} MkDateOrder;

/**
 * MkDateValue:
 * @year: 1900 … 2199
 * @month: 1 … 12
 * @day: 1 … 31, a real day of that month
 * @seconds: the time of day given in the same field, in seconds after
 *   midnight, or -1 when the field had a date only
 * @offset: the time's offset from UTC in seconds ("+03:00" is 10800), when
 *   @has_offset
 * @has_offset: whether the time came with "Z" or an offset
 *
 * The date and time are the wall clock's, as written; the offset only
 * measures spans between two moments written in different zones.
 */
typedef struct {
  int      year;
  int      month;
  int      day;
  int      seconds;
  int      offset;
  gboolean has_offset;
} MkDateValue;

/**
 * MkDateBasis:
 * @MK_DATE_BASIS_NONE: no order was needed or known
 * @MK_DATE_BASIS_GIVEN: the user gave it (--date-format, the dialog)
 * @MK_DATE_BASIS_SELF: every date says its own order (year first, or a
 *   month name)
 * @MK_DATE_BASIS_VALUES: some date has a number above 12 in one place
 * @MK_DATE_BASIS_DOTS: dotted dates, day first by convention
 * @MK_DATE_BASIS_SAME: every date reads the same either way (day = month)
 * @MK_DATE_BASIS_CLOSEST: every date fits both orders; the file's days lie
 *   closest together in this one
 *
 * Why a column's dates are read in the order they are.
 */
typedef enum {
  MK_DATE_BASIS_NONE,
  MK_DATE_BASIS_GIVEN,
  MK_DATE_BASIS_SELF,
  MK_DATE_BASIS_VALUES,
  MK_DATE_BASIS_DOTS,
  MK_DATE_BASIS_SAME,
  MK_DATE_BASIS_CLOSEST,
} MkDateBasis;

/* "YYYY-MM-DD" and its terminating NUL. */
#define MK_DATE_ISO_LEN 11

gboolean     mk_date_parse             (const char        *text,
                                        MkDateOrder        order,
                                        MkDateValue       *value,
                                        GError           **error);
void         mk_date_value_to_iso      (const MkDateValue *value,
                                        char               iso[MK_DATE_ISO_LEN]);
gint64       mk_date_value_to_days     (const MkDateValue *value);
gboolean     mk_date_order_from_string (const char        *text,
                                        MkDateOrder       *order);
const char  *mk_date_order_to_string   (MkDateOrder        order);

/**
 * MkDateColumn:
 *
 * Evidence from the values of one column about the order of its dates.
 * Initialise with mk_date_column_init(); it owns no memory.
 */
typedef struct {
  /*< private >*/
  guint64 n_year_first;
  guint64 n_day_first_only;
  guint64 n_month_first_only;
  guint64 n_either;
  guint64 n_either_dotted;
  guint64 n_either_differ;
  guint64 n_other;
  /* The first and last day (mk_date_value_to_days()) of the dates read
   * day first and month first; 0 while there is none. */
  gint64  dmy_first;
  gint64  dmy_last;
  gint64  mdy_first;
  gint64  mdy_last;
} MkDateColumn;

void         mk_date_column_init       (MkDateColumn      *column);
void         mk_date_column_add        (MkDateColumn      *column,
                                        const char        *text);
MkDateOrder  mk_date_column_decide     (const MkDateColumn *column);
MkDateOrder  mk_date_column_decide_full (const MkDateColumn *column,
                                        MkDateBasis       *basis);
void         mk_date_column_get_spans  (const MkDateColumn *column,
                                        gint64            *dmy_days,
                                        gint64            *mdy_days);

G_END_DECLS
