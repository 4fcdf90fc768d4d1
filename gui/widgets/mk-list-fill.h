/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-list-fill.h — a list store brought to a new content a few rows at a time. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct _MkListFill MkListFill;

MkListFill *mk_list_fill_new      (GtkListBox                 *box,
                                   GListStore                 *store,
                                   GtkListBoxCreateWidgetFunc  create_row,
                                   GCallback                   busy_changed,
                                   gpointer                    user_data);
void        mk_list_fill_set      (MkListFill                 *self,
                                   GPtrArray                  *items,
                                   GPtrArray                  *signatures);
gboolean    mk_list_fill_get_busy (MkListFill                 *self);
void        mk_list_fill_free     (MkListFill                 *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MkListFill, mk_list_fill_free)

G_END_DECLS
