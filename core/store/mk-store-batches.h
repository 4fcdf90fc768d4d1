/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-store-batches.h — what an import batch was: its file and its time;
 * the imports a database holds, and taking one back.
 *
 * Entries that came from a CSV import carry the id of their batch
 * (mk_entry_get_batch_id()); this header turns that id into what a person
 * recognises, the file's name and when it was imported
 * (mk-store-batches.c), lists the imports and removes one with all its
 * entries (mk-store-imports.c).
 */
#pragma once

#include "mk-store.h"

G_BEGIN_DECLS

/**
 * MkImportBatch:
 * @id: the batch's id, as entries carry it
 * @file_name: the imported file's name as the user saw it ("timesheet-march.csv")
 * @preset: (nullable): the format it was read as ("toggl", "generic", …)
 * @imported_at: when the import was committed, in UTC
 *
 * One import of one file.  Owned by the store.
 */
struct _MkImportBatch {
  gint64      id;
  const char *file_name;
  const char *preset;
  GDateTime  *imported_at;
};

/**
 * MkImportSummary:
 * @id: the batch's id, as entries carry it
 * @file_name: the imported file's name
 * @preset: (nullable): the format it was read as
 * @imported_at: (nullable): when the import was committed, in UTC
 * @entries: how many of its entries are still in the database
 * @minutes: their minutes
 *
 * One import as a list of imports shows it (mk-store-imports.c).
 */
typedef struct {
  gint64     id;
  char      *file_name;
  char      *preset;
  GDateTime *imported_at;
  guint64    entries;
  guint64    minutes;
} MkImportSummary;

const MkImportBatch *mk_store_get_import_batch (MkStore *self,
                                                gint64   batch_id);

GPtrArray           *mk_store_list_imports     (MkStore  *self,
                                                GError  **error);
GPtrArray           *mk_store_list_import_names (MkStore *self,
                                                 GError **error);
gboolean             mk_store_remove_import    (MkStore  *self,
                                                gint64    batch_id,
                                                guint64  *entries,
                                                guint64  *minutes,
                                                GError  **error);
void                 mk_store_list_imports_async (MkStore             *self,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
GPtrArray           *mk_store_list_imports_finish (MkStore            *self,
                                                   GAsyncResult       *result,
                                                   GError            **error);
void                 mk_store_remove_import_async (MkStore             *self,
                                                   gint64               batch_id,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean             mk_store_remove_import_finish (MkStore            *self,
                                                    GAsyncResult       *result,
                                                    guint64            *entries,
                                                    guint64            *minutes,
                                                    GError            **error);
void                 mk_import_summary_free    (MkImportSummary *summary);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MkImportSummary, mk_import_summary_free)

G_END_DECLS
