/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-quick-entry-row.h — the Today page's one-line entry and the line under it. */
#pragma once

#include <gtk/gtk.h>

#include "mk-quick-entry.h"
#include "mk-store.h"

G_BEGIN_DECLS

#define MK_TYPE_QUICK_ENTRY_ROW (mk_quick_entry_row_get_type ())
G_DECLARE_FINAL_TYPE (MkQuickEntryRow, mk_quick_entry_row, MK, QUICK_ENTRY_ROW, GtkWidget)

void          mk_quick_entry_row_set_store       (MkQuickEntryRow *self,
                                                  MkStore         *store,
                                                  GListModel      *categories);
MkQuickEntry *mk_quick_entry_row_read            (MkQuickEntryRow *self,
                                                  gboolean         use_fields,
                                                  MkCategory     **category);
MkQuickEntry *mk_quick_entry_row_read_task       (MkQuickEntryRow *self,
                                                  MkCategory     **category);
void          mk_quick_entry_row_done            (MkQuickEntryRow *self,
                                                  const char      *summary);
void          mk_quick_entry_row_set_hint        (MkQuickEntryRow *self,
                                                  const char      *text,
                                                  gboolean         is_error);
void          mk_quick_entry_row_select_category (MkQuickEntryRow *self,
                                                  gint64           category_id);
void          mk_quick_entry_row_reset_category  (MkQuickEntryRow *self);
void          mk_quick_entry_row_refresh_hint    (MkQuickEntryRow *self);
gboolean      mk_quick_entry_row_get_category_chosen (MkQuickEntryRow *self);
void          mk_quick_entry_row_offer_word      (MkQuickEntryRow *self,
                                                  const char      *word,
                                                  MkCategory      *category,
                                                  MkCategory      *other);
void          mk_quick_entry_row_hide_offer      (MkQuickEntryRow *self);
const char   *mk_quick_entry_row_get_offer       (MkQuickEntryRow *self);
void          mk_quick_entry_row_set_text        (MkQuickEntryRow *self,
                                                  const char      *text);
void          mk_quick_entry_row_focus           (MkQuickEntryRow *self);

G_END_DECLS
