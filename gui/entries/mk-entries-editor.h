/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-entries-editor.h — the Entries page's dialog for changing one entry. */
#pragma once

#include <adwaita.h>

#include "mk-domain.h"

G_BEGIN_DECLS

#define MK_TYPE_ENTRIES_EDITOR (mk_entries_editor_get_type ())
G_DECLARE_FINAL_TYPE (MkEntriesEditor, mk_entries_editor, MK, ENTRIES_EDITOR, AdwWindow)

MkEntriesEditor *mk_entries_editor_new        (GtkWindow       *parent,
                                               MkEntry         *entry,
                                               GListModel      *categories);
MkEntry         *mk_entries_editor_get_entry  (MkEntriesEditor *self);
gboolean         mk_entries_editor_get_input  (MkEntriesEditor *self,
                                               MkEntryInput    *input,
                                               GError         **error);
void             mk_entries_editor_set_values (MkEntriesEditor *self,
                                               const char      *day,
                                               const char      *start,
                                               int              minutes,
                                               gint64           category_id,
                                               const char      *task);

G_END_DECLS
