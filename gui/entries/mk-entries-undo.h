/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-entries-undo.h — the Entries page's one level of undo. */
#pragma once

#include "mk-store.h"

G_BEGIN_DECLS

typedef struct _MkEntriesUndo MkEntriesUndo;

MkEntriesUndo *mk_entries_undo_new            (void);
void           mk_entries_undo_free           (MkEntriesUndo *self);
gboolean       mk_entries_undo_can_undo       (MkEntriesUndo *self);
guint          mk_entries_undo_get_generation (MkEntriesUndo *self);
void           mk_entries_undo_set_update     (MkEntriesUndo *self,
                                               MkEntry       *before);
void           mk_entries_undo_set_delete     (MkEntriesUndo *self,
                                               GPtrArray     *entries);
void           mk_entries_undo_set_move       (MkEntriesUndo *self,
                                               GPtrArray     *entries);
gboolean       mk_entries_undo_run            (MkEntriesUndo *self,
                                               MkStore       *store,
                                               GError       **error);

G_END_DECLS
