/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-entry-list.h — a GListModel of entries that pages from the database. */
#pragma once

#include <gio/gio.h>

#include "mk-store.h"

G_BEGIN_DECLS

typedef enum {
  MK_ENTRY_SORT_TIME,
  MK_ENTRY_SORT_MINUTES,
  MK_ENTRY_SORT_PERSON,
  MK_ENTRY_SORT_CATEGORY,
  MK_ENTRY_SORT_TASK,
} MkEntrySort;

/**
 * MkEntryListChange:
 * @MK_ENTRY_LIST_CHANGE_NONE: no change is being told
 * @MK_ENTRY_LIST_CHANGE_REORDER: the same rows in another order
 * @MK_ENTRY_LIST_CHANGE_COMMIT: the store committed a change
 * @MK_ENTRY_LIST_CHANGE_FILTER: other filters, other rows
 *
 * Why a list's items changed; a later kind covers an earlier one.
 */
typedef enum {
  MK_ENTRY_LIST_CHANGE_NONE,
  MK_ENTRY_LIST_CHANGE_REORDER,
  MK_ENTRY_LIST_CHANGE_COMMIT,
  MK_ENTRY_LIST_CHANGE_FILTER,
} MkEntryListChange;

#define MK_TYPE_ENTRY_LIST (mk_entry_list_get_type ())
G_DECLARE_FINAL_TYPE (MkEntryList, mk_entry_list, MK, ENTRY_LIST, GObject)

MkEntryList *mk_entry_list_new               (MkStore     *store);
MkEntryList *mk_entry_list_new_for_day       (MkStore     *store,
                                              gint64       person_id,
                                              const char  *day);
void         mk_entry_list_set_person        (MkEntryList *self,
                                              gint64       person_id);
void         mk_entry_list_set_category      (MkEntryList *self,
                                              gint64       category_id);
void         mk_entry_list_set_source        (MkEntryList *self,
                                              gint64       batch_id);
void         mk_entry_list_set_range         (MkEntryList *self,
                                              const char  *from,
                                              const char  *to);
void         mk_entry_list_set_search        (MkEntryList *self,
                                              const char  *text);
void         mk_entry_list_set_sort          (MkEntryList *self,
                                              MkEntrySort  sort,
                                              gboolean     descending);
void         mk_entry_list_set_async         (MkEntryList *self,
                                              gboolean     async);
gboolean     mk_entry_list_get_busy          (MkEntryList *self);
MkEntryListChange mk_entry_list_get_change   (MkEntryList *self);
gint64       mk_entry_list_get_total_minutes (MkEntryList *self);
const GError *mk_entry_list_get_error        (MkEntryList *self);
gboolean     mk_entry_list_holds             (MkEntryList *self,
                                              gint64       entry_id);
void         mk_entry_list_refresh           (MkEntryList *self);
void         mk_entry_list_catch_up          (MkEntryList *self);

G_END_DECLS
