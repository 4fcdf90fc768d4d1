/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-entry-editor.h — the one editor of an entry, for Today and Entries. */
#pragma once

#include <adwaita.h>

#include "mk-domain.h"

G_BEGIN_DECLS

#define MK_TYPE_ENTRY_EDITOR (mk_entry_editor_get_type ())
G_DECLARE_FINAL_TYPE (MkEntryEditor, mk_entry_editor, MK, ENTRY_EDITOR, AdwWindow)

MkEntryEditor *mk_entry_editor_new        (GtkWindow       *parent,
                                               MkEntry         *entry,
                                               GListModel      *categories);
MkEntry         *mk_entry_editor_get_entry  (MkEntryEditor *self);
gboolean         mk_entry_editor_get_input  (MkEntryEditor *self,
                                               MkEntryInput    *input,
                                               GError         **error);
void             mk_entry_editor_set_values (MkEntryEditor *self,
                                               const char      *day,
                                               const char      *start,
                                               int              minutes,
                                               gint64           category_id,
                                               const char      *task);
void             mk_entry_editor_show_error  (MkEntryEditor   *self,
                                               const char      *message);

G_END_DECLS
