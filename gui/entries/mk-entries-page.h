/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-entries-page.h — the Entries page: every entry, filtered, corrected, re-categorised. */
#pragma once

#include <gtk/gtk.h>

#include "mk-entries-filters.h"
#include "mk-entry-list.h"
#include "mk-store.h"

G_BEGIN_DECLS

#define MK_TYPE_ENTRIES_PAGE (mk_entries_page_get_type ())
G_DECLARE_FINAL_TYPE (MkEntriesPage, mk_entries_page, MK, ENTRIES_PAGE, GtkWidget)

GtkWidget   *mk_entries_page_new          (void);
void         mk_entries_page_set_store    (MkEntriesPage *self,
                                           MkStore       *store);
MkEntryList *mk_entries_page_get_entries  (MkEntriesPage *self);
MkEntriesFilters *mk_entries_page_get_filters (MkEntriesPage *self);
const char  *mk_entries_page_get_totals   (MkEntriesPage *self);
gboolean     mk_entries_page_get_settled  (MkEntriesPage *self);
void         mk_entries_page_edit         (MkEntriesPage *self,
                                           guint          position);
const char  *mk_entries_page_get_alias_offer (MkEntriesPage *self);

G_END_DECLS
