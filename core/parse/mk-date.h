/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-date.h — calendar dates as timesheets write them.
 *
 * ISO "2024-03-05" and "2016-8-1", "05.03.2024", "05/03/2024",
 * "03/05/2024", two-digit years, and a time of day in the same field
 * ("2024-03-05 09:30", "2024-03-05T09:30:00+03:00", "3/5/2024 9:30 AM").
 * Whether "03/05/2024" is the 3rd of May or the 5th of March is decided for
 * a whole column: feed every value to an MkDateColumn, then ask it.  Pure:
 * no I/O, no locale.
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
 */
typedef struct {
  int year;
  int month;
  int day;
  int seconds;
} MkDateValue;

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
  guint64 n_other;
} MkDateColumn;

void         mk_date_column_init       (MkDateColumn      *column);
void         mk_date_column_add        (MkDateColumn      *column,
                                        const char        *text);
MkDateOrder  mk_date_column_decide     (const MkDateColumn *column);

G_END_DECLS
