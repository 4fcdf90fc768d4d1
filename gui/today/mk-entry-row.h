/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-entry-row.h — one entry in the Today page's list, with its editor. */
#pragma once

#include <gtk/gtk.h>

#include "mk-domain.h"

G_BEGIN_DECLS

#define MK_TYPE_ENTRY_ROW (mk_entry_row_get_type ())
G_DECLARE_FINAL_TYPE (MkEntryRow, mk_entry_row, MK, ENTRY_ROW, GtkWidget)

GtkWidget *mk_entry_row_new            (void);
void       mk_entry_row_set_entry      (MkEntryRow *self,
                                        MkEntry    *entry);
MkEntry   *mk_entry_row_get_entry      (MkEntryRow *self);
void       mk_entry_row_edit           (MkEntryRow *self);

G_END_DECLS
