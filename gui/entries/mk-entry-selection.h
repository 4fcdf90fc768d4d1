/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-entry-selection.h — a multiple selection of entries by id, for paged models. */
#pragma once

#include <gtk/gtk.h>

#include "mk-store.h"

G_BEGIN_DECLS

#define MK_TYPE_ENTRY_SELECTION (mk_entry_selection_get_type ())
G_DECLARE_FINAL_TYPE (MkEntrySelection, mk_entry_selection, MK, ENTRY_SELECTION, GObject)

MkEntrySelection *mk_entry_selection_new            (MkStore          *store,
                                                     GListModel       *model);
GListModel       *mk_entry_selection_get_model      (MkEntrySelection *self);
guint             mk_entry_selection_get_n_selected (MkEntrySelection *self);
gboolean          mk_entry_selection_contains       (MkEntrySelection *self,
                                                     gint64            entry_id);
void              mk_entry_selection_set_reordering (MkEntrySelection *self,
                                                     gboolean          reordering);
void              mk_entry_selection_catch_up       (MkEntrySelection *self);
GPtrArray        *mk_entry_selection_get_selected   (MkEntrySelection *self,
                                                     guint             max,
                                                     GError          **error);

G_END_DECLS
