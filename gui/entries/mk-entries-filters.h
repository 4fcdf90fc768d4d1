/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-entries-filters.h — the Entries page's filter bar. */
#pragma once

#include <gtk/gtk.h>

#include "mk-entry-list.h"

G_BEGIN_DECLS

#define MK_TYPE_ENTRIES_FILTERS (mk_entries_filters_get_type ())
G_DECLARE_FINAL_TYPE (MkEntriesFilters, mk_entries_filters, MK, ENTRIES_FILTERS, GtkWidget)

void         mk_entries_filters_set_list     (MkEntriesFilters *self,
                                              MkStore          *store,
                                              MkEntryList      *list);
void         mk_entries_filters_update       (MkEntriesFilters *self);
gboolean     mk_entries_filters_get_one_person (MkEntriesFilters *self);
void         mk_entries_filters_set_period   (MkEntriesFilters *self,
                                              const char       *from,
                                              const char       *to);
void         mk_entries_filters_set_person   (MkEntriesFilters *self,
                                              gint64            person_id);
void         mk_entries_filters_set_category (MkEntriesFilters *self,
                                              gint64            category_id);
void         mk_entries_filters_set_search   (MkEntriesFilters *self,
                                              const char       *text);
void         mk_entries_filters_focus_search (MkEntriesFilters *self);
GListModel  *mk_entries_filters_get_categories (MkEntriesFilters *self);

G_END_DECLS
