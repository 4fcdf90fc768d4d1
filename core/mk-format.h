/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-format.h — core's values as people read them. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

GDateTime *mk_day_to_date_time (const char *day);
char      *mk_day_from_date_time (GDateTime *date_time);
char      *mk_day_format       (const char *day);
char      *mk_day_format_short (const char *day);

G_END_DECLS
