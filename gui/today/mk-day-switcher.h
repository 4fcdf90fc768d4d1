/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-day-switcher.h — which day the Today page shows: back, forward, a calendar. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MK_TYPE_DAY_SWITCHER (mk_day_switcher_get_type ())
G_DECLARE_FINAL_TYPE (MkDaySwitcher, mk_day_switcher, MK, DAY_SWITCHER, GtkWidget)

const char *mk_day_switcher_get_day      (MkDaySwitcher *self);
void        mk_day_switcher_set_day      (MkDaySwitcher *self,
                                          const char    *day);
void        mk_day_switcher_move         (MkDaySwitcher *self,
                                          int            days);
void        mk_day_switcher_go_today     (MkDaySwitcher *self);
gboolean    mk_day_switcher_shows_today  (MkDaySwitcher *self);

G_END_DECLS
