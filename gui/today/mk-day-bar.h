/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-day-bar.h — one day's minutes as a bar in category colours. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MK_TYPE_DAY_BAR (mk_day_bar_get_type ())
G_DECLARE_FINAL_TYPE (MkDayBar, mk_day_bar, MK, DAY_BAR, GtkWidget)

GtkWidget  *mk_day_bar_new         (void);
void        mk_day_bar_clear       (MkDayBar   *self);
void        mk_day_bar_add         (MkDayBar   *self,
                                    const char *name,
                                    const char *color,
                                    int         minutes);
void        mk_day_bar_set_entries (MkDayBar   *self,
                                    GListModel *entries,
                                    GListModel *categories);
void        mk_day_bar_set_workday (MkDayBar   *self,
                                    int         minutes);
int         mk_day_bar_get_total   (MkDayBar   *self);
const char *mk_day_bar_get_text    (MkDayBar   *self);

G_END_DECLS
