/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-day-timeline.h — a manager's days on a clock, prime hours shaded. */
#pragma once

#include <gtk/gtk.h>

#include "mk-store.h"

G_BEGIN_DECLS

#define MK_TYPE_DAY_TIMELINE (mk_day_timeline_get_type ())
G_DECLARE_FINAL_TYPE (MkDayTimeline, mk_day_timeline, MK, DAY_TIMELINE, GtkWidget)

GtkWidget *mk_day_timeline_new           (void);
void       mk_day_timeline_set_entries   (MkDayTimeline    *self,
                                          GListModel       *entries,
                                          const MkSettings *settings);
guint      mk_day_timeline_get_n_days    (MkDayTimeline    *self);
guint      mk_day_timeline_get_n_untimed (MkDayTimeline    *self);

G_END_DECLS
