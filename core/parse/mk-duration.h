/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-duration.h — durations and times of day as people write them.
 *
 * Pure functions, no database: the importer and the Today page's quick
 * entry both parse "1:30", "1,5", "90 min", "1h 30m", "1ч 30м", "18:25 min"
 * and "9:30 PM" through this module, so one spelling means the same thing
 * everywhere.  Results are whole minutes (durations are rounded to the
 * nearest minute, halves up); errors are in MK_PARSE_ERROR with a message
 * that quotes the text ("duration '1:75' has 75 minutes").
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * MkDurationUnit:
 * @MK_DURATION_UNIT_AUTO: a bare whole number is minutes, a bare decimal
 *   number ("1.5", "7,5") is hours
 * @MK_DURATION_UNIT_MINUTES: a bare number is minutes ("Minutes", "Минуты")
 * @MK_DURATION_UNIT_HOURS: a bare number is hours ("Hours", "Часы",
 *   "Duration (decimal)")
 * @MK_DURATION_UNIT_SECONDS: a bare number is seconds ("Time spent (s)")
 *
 * What a bare number means.  It is only a hint: text that says its own unit
 * ("1:30", "90 min", "1h 30m") is read the same whatever the hint.
 */
typedef enum {
  MK_DURATION_UNIT_AUTO,
  MK_DURATION_UNIT_MINUTES,
  MK_DURATION_UNIT_HOURS,
  MK_DURATION_UNIT_SECONDS,
} MkDurationUnit;

/* The longest entry: 24 hours. */
#define MK_DURATION_MAX_MINUTES 1440

gboolean mk_duration_parse             (const char     *text,
                                        MkDurationUnit  unit_hint,
                                        int            *minutes,
                                        GError        **error);
gboolean mk_duration_parse_ms          (const char     *text,
                                        MkDurationUnit  unit_hint,
                                        gint64         *ms,
                                        gboolean       *bare,
                                        GError        **error);
gboolean mk_duration_check_ms          (const char     *text,
                                        gint64          ms,
                                        int            *minutes,
                                        GError        **error);
gboolean mk_duration_parse_prefix      (const char     *text,
                                        MkDurationUnit  unit_hint,
                                        int            *minutes,
                                        const char    **end);
gboolean mk_duration_check_seconds     (const char     *text,
                                        gint64          seconds,
                                        int            *minutes,
                                        GError        **error);

gboolean mk_time_of_day_parse          (const char     *text,
                                        int            *minutes_after_midnight,
                                        GError        **error);
gboolean mk_time_of_day_parse_seconds  (const char     *text,
                                        int            *seconds_after_midnight,
                                        GError        **error);
gboolean mk_time_of_day_parse_start    (const char     *text,
                                        int            *start,
                                        GError        **error);
gint64   mk_seconds_between_times      (int             start_seconds,
                                        int             end_seconds);

G_END_DECLS
