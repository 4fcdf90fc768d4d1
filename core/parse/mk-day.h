/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-day.h — days as core keeps them ("YYYY-MM-DD"), as dates to count and show. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

GDateTime *mk_day_to_date_time   (const char *day);
char      *mk_day_from_date_time (GDateTime  *date_time);
char      *mk_day_today          (void);
char      *mk_day_add            (const char *day,
                                  int         days);
int        mk_day_days_between   (const char *from,
                                  const char *to);
gboolean   mk_day_check_has_come (const char *day,
                                  GError    **error);

G_END_DECLS
