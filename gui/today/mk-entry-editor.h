/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-entry-editor.h — the pop-over that edits one entry. */
#pragma once

#include <gtk/gtk.h>

#include "mk-domain.h"

G_BEGIN_DECLS

#define MK_TYPE_ENTRY_EDITOR (mk_entry_editor_get_type ())
G_DECLARE_FINAL_TYPE (MkEntryEditor, mk_entry_editor, MK, ENTRY_EDITOR, GtkPopover)

GtkWidget *mk_entry_editor_new       (void);
void       mk_entry_editor_set_entry (MkEntryEditor *self,
                                      MkEntry       *entry,
                                      GListModel    *categories);

G_END_DECLS
