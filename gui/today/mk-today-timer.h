/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-today-timer.h — the Today page's timer: a button and the time running. */
#pragma once

#include <gtk/gtk.h>

#include "mk-store.h"

G_BEGIN_DECLS

#define MK_TYPE_TODAY_TIMER (mk_today_timer_get_type ())
G_DECLARE_FINAL_TYPE (MkTodayTimer, mk_today_timer, MK, TODAY_TIMER, GtkWidget)

void     mk_today_timer_set_store  (MkTodayTimer *self,
                                    MkStore      *store);
void     mk_today_timer_update     (MkTodayTimer *self);
gboolean mk_today_timer_is_running (MkTodayTimer *self);
gboolean mk_today_timer_start      (MkTodayTimer *self,
                                    gint64        person_id,
                                    gint64        category_id,
                                    const char   *task,
                                    GError      **error);
gint64   mk_today_timer_stop       (MkTodayTimer *self,
                                    GError      **error);

G_END_DECLS
