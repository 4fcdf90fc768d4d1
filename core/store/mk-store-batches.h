/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-store-batches.h — what an import batch was: its file and its time.
 *
 * Entries that came from a CSV import carry the id of their batch
 * (mk_entry_get_batch_id()); this header turns that id into what a person
 * recognises, the file's name and when it was imported.
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

const MkImportBatch *mk_store_get_import_batch (MkStore *self,
                                                gint64   batch_id);

G_END_DECLS
