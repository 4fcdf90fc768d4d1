/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-format.h — core's values as people read them. */
#pragma once

#include <glib.h>

#include "mk-day.h"
#include "mk-domain.h"

G_BEGIN_DECLS

/* Days */
char       *mk_day_format          (const char     *day);
char       *mk_day_format_short    (const char     *day);
char       *mk_day_format_compact  (const char     *day);
char       *mk_format_period       (const char     *from,
                                    const char     *to);

/* Times of day */
char       *mk_format_time         (int             minute_of_day);
char       *mk_format_time_range   (int             start,
                                    int             end);

/* Numbers */
char       *mk_format_minutes      (double          minutes);
char       *mk_format_count        (gint64          count);
char       *mk_format_percent      (double          share);
void        mk_round_percents      (const double   *shares,
                                    guint           n,
                                    int             total,
                                    int            *percents);
char       *mk_format_target_band  (double          target_min,
                                    double          target_max);
char       *mk_format_target       (double          target_min,
                                    double          target_max);

/* Labels */
const char *mk_level_label         (MkLevel         level);
const char *mk_category_kind_label (MkCategoryKind  kind);

G_END_DECLS
