/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-day-list.h — the entries of one day, as a list with keyboard editing. */
#pragma once

#include <gtk/gtk.h>

#include "mk-domain.h"

G_BEGIN_DECLS

#define MK_TYPE_DAY_LIST (mk_day_list_get_type ())
G_DECLARE_FINAL_TYPE (MkDayList, mk_day_list, MK, DAY_LIST, GtkWidget)

void        mk_day_list_set_source     (MkDayList  *self,
                                        GListModel *entries);
GListModel *mk_day_list_get_rows       (MkDayList  *self);

G_END_DECLS
