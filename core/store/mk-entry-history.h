/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-entry-history.h — changes to entries, with undo and redo. */
#pragma once

#include <glib-object.h>

#include "mk-store.h"

G_BEGIN_DECLS

/**
 * MkEntryChangeKind:
 * @MK_ENTRY_CHANGE_NONE: nothing (no change to undo or redo)
 * @MK_ENTRY_CHANGE_ADD: an entry was added
 * @MK_ENTRY_CHANGE_EDIT: an entry's fields were changed
 * @MK_ENTRY_CHANGE_DELETE: one or more entries were deleted
 * @MK_ENTRY_CHANGE_MOVE: one or more entries were moved to another category
 *
 * What a change in an #MkEntryHistory did, for a page to say so.
 */
typedef enum {
  MK_ENTRY_CHANGE_NONE,
  MK_ENTRY_CHANGE_ADD,
  MK_ENTRY_CHANGE_EDIT,
  MK_ENTRY_CHANGE_DELETE,
  MK_ENTRY_CHANGE_MOVE,
} MkEntryChangeKind;

#define MK_TYPE_ENTRY_HISTORY (mk_entry_history_get_type ())
G_DECLARE_FINAL_TYPE (MkEntryHistory, mk_entry_history, MK, ENTRY_HISTORY, GObject)

MkEntryHistory   *mk_entry_history_new            (guint            depth);
void              mk_entry_history_set_store      (MkEntryHistory  *self,
                                                   MkStore         *store);
MkStore          *mk_entry_history_get_store      (MkEntryHistory  *self);

gint64            mk_entry_history_add            (MkEntryHistory     *self,
                                                   const MkEntryInput *input,
                                                   GError            **error);
gboolean          mk_entry_history_added          (MkEntryHistory  *self,
                                                   gint64           id,
                                                   GError         **error);
gboolean          mk_entry_history_edit           (MkEntryHistory     *self,
                                                   gint64              id,
                                                   const MkEntryInput *input,
                                                   GError            **error);
gboolean          mk_entry_history_delete         (MkEntryHistory  *self,
                                                   const gint64    *ids,
                                                   guint            n_ids,
                                                   GError         **error);
gboolean          mk_entry_history_move           (MkEntryHistory  *self,
                                                   const gint64    *ids,
                                                   guint            n_ids,
                                                   gint64           category_id,
                                                   GError         **error);

gboolean          mk_entry_history_can_undo       (MkEntryHistory  *self);
gboolean          mk_entry_history_can_redo       (MkEntryHistory  *self);
MkEntryChangeKind mk_entry_history_get_undo_kind  (MkEntryHistory  *self,
                                                   guint           *n_entries);
MkEntryChangeKind mk_entry_history_get_redo_kind  (MkEntryHistory  *self,
                                                   guint           *n_entries);
guint             mk_entry_history_get_generation (MkEntryHistory  *self);
gboolean          mk_entry_history_undo           (MkEntryHistory  *self,
                                                   GError         **error);
gboolean          mk_entry_history_redo           (MkEntryHistory  *self,
                                                   GError         **error);

G_END_DECLS
