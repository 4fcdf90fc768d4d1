/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-store-batches.c — reading import batches by id, for lists of entries.
 *
 * A list of entries shows where each imported entry came from: the file's
 * name and the time of its import.  Thousands of rows share one batch, and
 * a list binds rows while it scrolls, so a batch is read from SQLite once
 * and then kept: a row costs one hash lookup, never a query.
 *
 * Invariants:
 *  - A committed batch's file name, preset and time never change (the
 *    importer writes them when it begins; only the counts are updated
 *    after), and a batch is deleted only with every entry that points at
 *    it (mk_store_remove_import()), so a cached batch is never stale: once
 *    removed, no entry asks for it again.  The cache holds batches that exist
 *    only, read outside transactions (a batch seen inside one could still
 *    be rolled back): an id not found is asked again next time (another
 *    connection may have committed it since).
 *  - The cache is object data on the store and goes with it; its statement
 *    is in the store's table.  A batch that cannot be read (a lock held too
 *    long, a damaged page) is not cached, and a warning says why.
 *  - MkImportBatch pointers handed out stay valid as long as the store.
 */
#define G_LOG_DOMAIN "mk-store"

#include "config.h"

#include "mk-store-batches.h"
#include "mk-store-private.h"

typedef struct {
  GHashTable   *batches;  /* gint64 id → MkImportBatch */
} BatchCache;

static GQuark
batch_cache_quark (void)
{
  static GQuark quark;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("mk-store-batch-cache");
  return quark;
}

static void
import_batch_free (gpointer data)
{
  MkImportBatch *batch = data;

  g_free ((char *) batch->file_name);
  g_free ((char *) batch->preset);
  g_clear_pointer (&batch->imported_at, g_date_time_unref);
  g_free (batch);
}

static void
batch_cache_free (gpointer data)
{
  BatchCache *cache = data;

  g_clear_pointer (&cache->batches, g_hash_table_unref);
  g_free (cache);
}

static BatchCache *
batch_cache (MkStore *self)
{
  BatchCache *cache = g_object_get_qdata (G_OBJECT (self), batch_cache_quark ());

  if (cache != NULL)
    return cache;

  cache = g_new0 (BatchCache, 1);
  cache->batches = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, import_batch_free);
  g_object_set_qdata_full (G_OBJECT (self), batch_cache_quark (), cache, batch_cache_free);
  return cache;
}

/* The batch's row, or NULL when there is none or it cannot be read now
 * (a warning says why). */
static MkImportBatch *
read_batch (MkStore *self,
            gint64   batch_id)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = mk_store_stmt (self, STMT_BATCH_GET, &error);
  MkImportBatch *batch;
  const char *file_name;
  const char *preset;
  const char *created;

  if (stmt != NULL)
    sqlite3_bind_int64 (stmt, 1, batch_id);
  if (stmt == NULL || mk_store_step (self, stmt, &error) != MK_STORE_ROW)
    {
      if (error != NULL)
        g_warning ("%s", error->message);
      return NULL;
    }
  file_name = (const char *) sqlite3_column_text (stmt, 0);
  preset = (const char *) sqlite3_column_text (stmt, 1);
  created = (const char *) sqlite3_column_text (stmt, 2);
  batch = g_new0 (MkImportBatch, 1);
  batch->id = batch_id;
  batch->file_name = g_strdup (file_name ? file_name : "");
  batch->preset = g_strdup (preset);
  /* "YYYY-MM-DDTHH:MM:SSZ", as the schema's default writes it. */
  batch->imported_at = created ? g_date_time_new_from_iso8601 (created, NULL) : NULL;
  if (batch->imported_at == NULL)
    g_warning ("Import batch %" G_GINT64_FORMAT " has an unreadable time '%s'",
               batch_id, created ? created : "");
  sqlite3_reset (stmt);
  return batch;
}

/**
 * mk_store_get_import_batch:
 * @self: a store
 * @batch_id: an import batch's id (mk_entry_get_batch_id())
 *
 * Reads what a batch was — the file's name, its format, the time of the
 * import — once, then answers from memory: calling it for every row of a
 * list costs a hash lookup.
 *
 * Returns: (transfer none) (nullable): the batch, valid as long as @self;
 *   %NULL when no committed batch has that id, or inside a transaction
 *   for a batch not read before.  Its @imported_at is %NULL only for a
 *   damaged row (a warning is logged).
 */
const MkImportBatch *
mk_store_get_import_batch (MkStore *self,
                           gint64   batch_id)
{
  BatchCache *cache;
  MkImportBatch *batch;

  g_return_val_if_fail (MK_IS_STORE (self), NULL);

  if (batch_id <= 0)
    return NULL;

  cache = batch_cache (self);
  batch = g_hash_table_lookup (cache->batches, &batch_id);
  /* Inside a transaction a batch may be one that is rolled back later. */
  if (batch == NULL && sqlite3_get_autocommit (self->db))
    {
      batch = read_batch (self, batch_id);
      if (batch != NULL)
        g_hash_table_insert (cache->batches, &batch->id, batch);
    }
  return batch;
}
