/* mk-store-bulk.c — many entries in one transaction, for the importer.
 *
 * A bulk holds the store's write transaction from mk_store_bulk_begin() to
 * mk_store_bulk_commit() or mk_store_bulk_abort().  Invariants:
 *  - nothing is visible to other connections before the commit, and an
 *    abort or a crash leaves the file exactly as before (one transaction);
 *  - the rollups are summed in memory and written once at commit, so they
 *    equal the entries the moment the transaction commits;
 *  - a row whose fingerprint already exists for its (person, day) is a
 *    duplicate and is not inserted; the fingerprints of a (person, day)
 *    are read from the database the first time the batch touches it.
 */
#define G_LOG_DOMAIN "mk-store-bulk"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mk-error.h"
#include "mk-store-bulk.h"
#include "mk-store-private.h"

typedef struct {
  gint64 person_id;
  gint64 category_id;   /* 0 for a (person, day) key */
  int    minutes;       /* entry length for histogram keys, 0 otherwise */
  char   day[11];
} BulkKey;

typedef struct {
  gint64 minutes;
  gint64 entries;
  gint64 prime;
  gint64 timed;
} BulkTotal;

struct _MkStoreBulk
{
  MkStore    *store;
  gint64      batch_id;
  GHashTable *fingerprints;  /* BulkKey (person, day) → GHashTable of gint64 */
  GHashTable *totals;        /* BulkKey (person, day, category) → BulkTotal */
  GHashTable *lengths;       /* BulkKey (person, day, category, minutes) → count */
};

static guint
bulk_key_hash (gconstpointer p)
{
  const BulkKey *k = p;
  guint h = g_str_hash (k->day);

  h = h * 31 + (guint) k->person_id;
  h = h * 31 + (guint) k->category_id;
  return h * 31 + (guint) k->minutes;
}

static gboolean
bulk_key_equal (gconstpointer a,
                gconstpointer b)
{
  const BulkKey *ka = a;
  const BulkKey *kb = b;

  return ka->person_id == kb->person_id && ka->category_id == kb->category_id &&
         ka->minutes == kb->minutes && memcmp (ka->day, kb->day, 10) == 0;
}

static BulkKey *
bulk_key_new (gint64      person_id,
              const char *day,
              gint64      category_id,
              int         minutes)
{
  BulkKey *key = g_new0 (BulkKey, 1);

  key->person_id = person_id;
  memcpy (key->day, day, 10);
  key->category_id = category_id;
  key->minutes = minutes;
  return key;
}

static void
bulk_free (MkStoreBulk *bulk)
{
  g_clear_pointer (&bulk->fingerprints, g_hash_table_unref);
  g_clear_pointer (&bulk->totals, g_hash_table_unref);
  g_clear_pointer (&bulk->lengths, g_hash_table_unref);
  g_clear_object (&bulk->store);
  g_free (bulk);
}

/**
 * mk_store_bulk_begin:
 * @store: a store with no transaction open
 * @file_name: the imported file's name, recorded in the batch
 * @sha256: (nullable): the file's SHA-256 in hex
 * @preset: (nullable): the detected preset ("toggl", "generic", …)
 * @error: return location for a #GError
 *
 * Opens the write transaction and records the import batch in it.
 *
 * Returns: (transfer full) (nullable): the bulk, to be ended with
 *   mk_store_bulk_commit() or mk_store_bulk_abort().
 */
MkStoreBulk *
mk_store_bulk_begin (MkStore    *store,
                     const char *file_name,
                     const char *sha256,
                     const char *preset,
                     GError    **error)
{
  MkStoreBulk *bulk;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (MK_IS_STORE (store), NULL);
  g_return_val_if_fail (file_name != NULL, NULL);

  if (!mk_store_begin (store, error))
    return NULL;

  stmt = mk_store_stmt (store, STMT_BATCH_INSERT);
  sqlite3_bind_text (stmt, 1, file_name, -1, SQLITE_TRANSIENT);
  if (sha256 != NULL)
    sqlite3_bind_text (stmt, 2, sha256, -1, SQLITE_TRANSIENT);
  if (preset != NULL)
    sqlite3_bind_text (stmt, 3, preset, -1, SQLITE_TRANSIENT);
  if (!mk_store_step_done (store, stmt, error))
    {
      mk_store_rollback (store);
      return NULL;
    }

  bulk = g_new0 (MkStoreBulk, 1);
  bulk->store = g_object_ref (store);
  bulk->batch_id = sqlite3_last_insert_rowid (store->db);
  bulk->fingerprints = g_hash_table_new_full (bulk_key_hash, bulk_key_equal, g_free,
                                              (GDestroyNotify) g_hash_table_unref);
  bulk->totals = g_hash_table_new_full (bulk_key_hash, bulk_key_equal, g_free, g_free);
  bulk->lengths = g_hash_table_new_full (bulk_key_hash, bulk_key_equal, g_free, NULL);
  return bulk;
}

/**
 * mk_store_bulk_get_batch_id:
 * @bulk: a bulk
 *
 * Returns: the id of the import batch the entries will belong to.
 */
gint64
mk_store_bulk_get_batch_id (MkStoreBulk *bulk)
{
  g_return_val_if_fail (bulk != NULL, 0);
  return bulk->batch_id;
}

static GHashTable *
fingerprints_for (MkStoreBulk *bulk,
                  gint64       person_id,
                  const char  *day,
                  GError     **error)
{
  BulkKey lookup = { .person_id = person_id };
  GHashTable *set;
  sqlite3_stmt *stmt;
  int rc;

  memcpy (lookup.day, day, 10);
  set = g_hash_table_lookup (bulk->fingerprints, &lookup);
  if (set != NULL)
    return set;

  set = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  stmt = mk_store_stmt (bulk->store, STMT_ENTRY_FINGERPRINTS);
  sqlite3_bind_int64 (stmt, 1, person_id);
  sqlite3_bind_text (stmt, 2, day, 10, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 fp = sqlite3_column_int64 (stmt, 0);

      g_hash_table_add (set, g_memdup2 (&fp, sizeof fp));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_hash_table_unref (set);
      mk_store_set_error (bulk->store, error, _("looking for entries imported before"));
      return NULL;
    }
  g_hash_table_insert (bulk->fingerprints, bulk_key_new (person_id, day, 0, 0), set);
  return set;
}

/**
 * mk_store_bulk_add:
 * @bulk: a bulk
 * @input: the entry (its batch id is set from the bulk)
 * @duplicate: (out) (optional): set to %TRUE when the row was already there
 *   and was skipped
 * @error: return location for a #GError
 *
 * Validates and inserts one entry, or skips it as a duplicate.  On error the
 * caller decides: skip the row, or abort the whole bulk.
 *
 * Returns: %TRUE if the row was inserted or skipped as a duplicate.
 */
gboolean
mk_store_bulk_add (MkStoreBulk        *bulk,
                   const MkEntryInput *input,
                   gboolean           *duplicate,
                   GError            **error)
{
  MkStore *store;
  MkEntryInput row;
  BulkTotal *total;
  BulkKey lookup = { 0 };
  gpointer count;

  g_return_val_if_fail (bulk != NULL && input != NULL, FALSE);

  store = bulk->store;
  if (duplicate)
    *duplicate = FALSE;

  /* The person came from mk_store_ensure_person() in this transaction; the
   * rest is checked here, without a query per row. */
  if (input->minutes < 1 || input->minutes > 1440 || !mk_store_valid_day (input->day) ||
      input->start < -1 || input->start > 1439 ||
      mk_store_get_category (store, input->category_id) == NULL || input->person_id <= 0)
    return mk_store_validate_entry (store, input, error);

  if (input->fingerprint != 0)
    {
      GHashTable *set = fingerprints_for (bulk, input->person_id, input->day, error);

      if (set == NULL)
        return FALSE;
      if (g_hash_table_contains (set, &input->fingerprint))
        {
          if (duplicate)
            *duplicate = TRUE;
          return TRUE;
        }
      g_hash_table_add (set, g_memdup2 (&input->fingerprint, sizeof input->fingerprint));
    }

  row = *input;
  row.batch_id = bulk->batch_id;
  row.source = MK_ENTRY_SOURCE_IMPORT;
  if (!mk_store_insert_entry_row (store, &row, NULL, error))
    return FALSE;

  lookup.person_id = row.person_id;
  lookup.category_id = row.category_id;
  memcpy (lookup.day, row.day, 10);
  total = g_hash_table_lookup (bulk->totals, &lookup);
  if (total == NULL)
    {
      total = g_new0 (BulkTotal, 1);
      g_hash_table_insert (bulk->totals,
                           bulk_key_new (row.person_id, row.day, row.category_id, 0), total);
    }
  total->minutes += row.minutes;
  total->entries += 1;
  total->prime += mk_store_prime_overlap (&store->settings, row.start, row.minutes);
  total->timed += row.start >= 0 ? row.minutes : 0;

  lookup.minutes = row.minutes;
  if (g_hash_table_lookup_extended (bulk->lengths, &lookup, NULL, &count))
    g_hash_table_replace (bulk->lengths,
                          bulk_key_new (row.person_id, row.day, row.category_id, row.minutes),
                          GINT_TO_POINTER (GPOINTER_TO_INT (count) + 1));
  else
    g_hash_table_insert (bulk->lengths,
                         bulk_key_new (row.person_id, row.day, row.category_id, row.minutes),
                         GINT_TO_POINTER (1));
  return TRUE;
}

static gboolean
write_rollups (MkStoreBulk *bulk,
               GError     **error)
{
  MkStore *store = bulk->store;
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  g_hash_table_iter_init (&iter, bulk->totals);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const BulkKey *k = key;
      const BulkTotal *t = value;
      sqlite3_stmt *stmt = mk_store_stmt (store, STMT_DAY_TOTAL_ADD);

      sqlite3_bind_int64 (stmt, 1, k->person_id);
      sqlite3_bind_text (stmt, 2, k->day, 10, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, k->category_id);
      sqlite3_bind_int64 (stmt, 4, t->minutes);
      sqlite3_bind_int64 (stmt, 5, t->entries);
      sqlite3_bind_int64 (stmt, 6, t->prime);
      sqlite3_bind_int64 (stmt, 7, t->timed);
      if (!mk_store_step_done (store, stmt, error))
        return FALSE;
    }

  g_hash_table_iter_init (&iter, bulk->lengths);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const BulkKey *k = key;
      sqlite3_stmt *stmt = mk_store_stmt (store, STMT_LENGTH_ADD);

      sqlite3_bind_int64 (stmt, 1, k->person_id);
      sqlite3_bind_text (stmt, 2, k->day, 10, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 3, k->category_id);
      sqlite3_bind_int (stmt, 4, k->minutes);
      sqlite3_bind_int (stmt, 5, GPOINTER_TO_INT (value));
      if (!mk_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * mk_store_bulk_commit:
 * @bulk: (transfer full): a bulk; freed whatever happens
 * @counts: (nullable): what happened to the file's rows, recorded in the batch
 * @error: return location for a #GError
 *
 * Writes the rollups and the batch's counts and commits everything.  On
 * failure everything is rolled back.
 *
 * Returns: %TRUE once committed.
 */
gboolean
mk_store_bulk_commit (MkStoreBulk          *bulk,
                      const MkImportCounts *counts,
                      GError              **error)
{
  MkStore *store;
  gboolean ok;

  g_return_val_if_fail (bulk != NULL, FALSE);

  store = bulk->store;
  ok = write_rollups (bulk, error);
  if (ok && counts != NULL)
    {
      sqlite3_stmt *stmt = mk_store_stmt (store, STMT_BATCH_FINISH);

      sqlite3_bind_int64 (stmt, 1, (gint64) counts->rows_read);
      sqlite3_bind_int64 (stmt, 2, (gint64) counts->imported);
      sqlite3_bind_int64 (stmt, 3, (gint64) counts->duplicates);
      sqlite3_bind_int64 (stmt, 4, (gint64) counts->skipped);
      sqlite3_bind_int64 (stmt, 5, (gint64) counts->rejected);
      sqlite3_bind_int64 (stmt, 6, bulk->batch_id);
      ok = mk_store_step_done (store, stmt, error);
    }
  if (ok)
    ok = mk_store_commit (store, error);
  else
    mk_store_rollback (store);

  if (ok)
    mk_store_emit_changed (store);
  bulk_free (bulk);
  return ok;
}

/**
 * mk_store_bulk_abort:
 * @bulk: (transfer full): a bulk; freed
 *
 * Rolls everything back: the file is as it was before mk_store_bulk_begin().
 */
void
mk_store_bulk_abort (MkStoreBulk *bulk)
{
  g_return_if_fail (bulk != NULL);

  mk_store_rollback (bulk->store);
  bulk_free (bulk);
}
