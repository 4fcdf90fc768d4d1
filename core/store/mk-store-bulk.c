/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-store-bulk.c — many entries in one transaction, for the importer.
 *
 * A bulk holds the store's write transaction from mk_store_bulk_begin() to
 * mk_store_bulk_commit() or mk_store_bulk_abort().  Invariants:
 *  - nothing is visible to other connections before the commit, and an
 *    abort or a crash leaves the file exactly as before (one transaction);
 *  - the day totals (with their length histograms and task lists) are
 *    written once at commit, so they equal the entries the moment the
 *    transaction commits: summed in memory row by row for a small bulk,
 *    read back from the new rows (ids above the table's highest before
 *    the bulk) a person-day at a time for a big import or a big sync's
 *    (from the sorted runs the writer keeps; a sync's without them is
 *    summed row by row, see mk_store_bulk_expect_rows());
 *  - a row whose fingerprint already exists in the database for its
 *    (person, day) is a duplicate and is not inserted; the fingerprints of
 *    a (person, day) are read the first time the bulk touches it.  Within
 *    one bulk, fingerprints are expected to be distinct (the importer makes
 *    them so by numbering identical rows);
 *  - a row that carries an identity (a UUID: Minutka's own CSV) which is
 *    already in the database, or earlier in the same bulk, is a duplicate
 *    too, whatever its values say: importing Minutka's export where it
 *    already is adds nothing.  The bulk remembers the identities as 64-bit
 *    keys (mk_uuid_key(); two identities share one with a chance of 2⁻⁶⁴,
 *    as two fingerprints do); the database is asked through the entry_uuid
 *    index, or, once a big import has dropped it, all its identities are
 *    read in one scan the first time a row carries one.  A row without one
 *    gets a new one;
 *  - every person and category is checked to exist the first time the bulk
 *    sees it, so SQLite's own foreign-key checks, switched off for the
 *    bulk's transaction, would find nothing.
 *
 * Speed (the import budget of DESIGN.md, measured by build-aux/bench-import):
 *  - rows are buffered and inserted a chunk at a time, sorted by (day,
 *    person, start), the order of the entry index, several rows to a
 *    statement; for a big import on a thread of their own
 *    (mk-store-bulk-writer.c) while the next rows are read and checked;
 *  - an import at least as big as the table drops the entry index (once it
 *    has a chunk of new rows) and builds it again at commit, in one sorted
 *    pass; it also runs with a
 *    rollback journal instead of the write-ahead log when no other
 *    connection has the file open, so that each new page is written once
 *    instead of twice (log, then checkpoint) — the journal holds only the
 *    pages that existed before, and a crash still rolls everything back;
 *  - no per-row foreign-key lookups (see above), no per-row creation time
 *    (the batch has it);
 *  - a big import keeps no rollups in memory while it reads (a million
 *    rows' totals, histograms and task lists took 180 MB): the writer
 *    thread appends each sorted chunk to a file of runs
 *    (mk-store-bulk-rollup.c), which a thread merges and sums up a
 *    person-day at a time at commit while the index is built; without
 *    that file, mk_bulk_rollups_from_entries() reads the rows back in the
 *    index's order once it is built;
 *  - a small bulk keeps them in compact tables: entry lengths as packed
 *    64-bit keys (person, day, category, minutes) in one flat array, day
 *    totals in an array found through the same keys without the minutes,
 *    written sorted at commit as one histogram per day total;
 *  - nothing is allocated per row.
 */
#define G_LOG_DOMAIN "mk-store-bulk"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mk-error.h"
#include "mk-key-set.h"
#include "mk-store-bulk.h"
#include "mk-store-bulk-rollup.h"
#include "mk-store-bulk-writer.h"
#include "mk-store-private.h"

struct _MkStoreBulk
{
  MkStore      *store;
  gint64        batch_id;
  char         *file_name;
  char         *preset;
  char         *sha256;
  gboolean      journal_switched; /* running with a rollback journal */
  GCancellable *cancellable;

  MkBulkWriter *writer;
  guint64       n_rows;        /* added so far */

  GHashTable   *loaded_pairs;  /* (person, day) whose fingerprints were read */
  MkKeySet      db_fingerprints;
  gboolean      all_loaded;    /* every fingerprint of the table was read */
  MkKeySet      uuid_keys;     /* identities of this bulk's rows (and all, once loaded) */
  gboolean      uuids_loaded;  /* every identity of the table was read */
  gboolean      rows_with_uuid; /* a row came with its identity */
  gboolean      received;      /* a sync's: no batch, sources and entry_uuid kept */
  int           saved_cache;   /* PRAGMA cache_size to restore, or 0 */
  GPtrArray    *index_sql;     /* indexes of `entry` a big import drops (name, sql …) */
  gboolean      indexes_dropped; /* … once its first chunk of new rows is written */
  gboolean      sum_at_commit; /* a big import: rollups read back from its rows */
  gint64        last_old_id;   /* … the entries above this id */
  MkBulkRuns   *runs;          /* … from the sorted runs the writer keeps, if it can */

  MkBulkRollups rollups;
};

static gint32
day_number (const char *day)
{
  return (day[0] - '0') * 10000000 + (day[1] - '0') * 1000000 + (day[2] - '0') * 100000
         + (day[3] - '0') * 10000 + (day[5] - '0') * 1000 + (day[6] - '0') * 100
         + (day[8] - '0') * 10 + (day[9] - '0');
}

static void
bulk_free (MkStoreBulk *bulk)
{
  g_clear_pointer (&bulk->writer, mk_bulk_writer_free);
  g_clear_pointer (&bulk->runs, mk_bulk_runs_free);
  g_clear_pointer (&bulk->loaded_pairs, g_hash_table_unref);
  g_clear_pointer (&bulk->index_sql, g_ptr_array_unref);
  mk_key_set_clear (&bulk->db_fingerprints);
  mk_key_set_clear (&bulk->uuid_keys);
  mk_bulk_rollups_clear (&bulk->rollups);
  g_free (bulk->sha256);
  g_free (bulk->file_name);
  g_free (bulk->preset);
  g_clear_object (&bulk->cancellable);
  g_clear_object (&bulk->store);
  g_free (bulk);
}

static gboolean end_transaction (MkStoreBulk *bulk,
                                 gboolean     commit,
                                 GError     **error);

/* Opens the write transaction, foreign-key checks off (they cannot change
 * inside one), and records the batch in it. */
static gboolean
start_transaction (MkStoreBulk *bulk,
                   GError     **error)
{
  MkStore *store = bulk->store;
  sqlite3_stmt *stmt;

  if (!mk_store_exec (store, "PRAGMA foreign_keys = OFF", _("preparing the import"), error))
    return FALSE;
  if (!mk_store_begin (store, error))
    {
      mk_store_exec (store, "PRAGMA foreign_keys = ON", _("preparing the import"), NULL);
      return FALSE;
    }
  /* Entries received from a team are nobody's import. */
  if (bulk->file_name == NULL)
    return TRUE;
  stmt = mk_store_stmt (store, STMT_BATCH_INSERT, error);
  if (stmt == NULL)
    {
      end_transaction (bulk, FALSE, NULL);
      return FALSE;
    }
  sqlite3_bind_text (stmt, 1, bulk->file_name, -1, SQLITE_TRANSIENT);
  if (bulk->sha256 != NULL)
    sqlite3_bind_text (stmt, 2, bulk->sha256, -1, SQLITE_TRANSIENT);
  if (bulk->preset != NULL)
    sqlite3_bind_text (stmt, 3, bulk->preset, -1, SQLITE_TRANSIENT);
  mk_store_bind_uuid (stmt, 4, NULL, NULL);
  if (!mk_store_step_done (store, stmt, error))
    {
      end_transaction (bulk, FALSE, NULL);
      return FALSE;
    }
  bulk->batch_id = sqlite3_last_insert_rowid (store->db);
  return TRUE;
}

/* Commits (@commit) or rolls back, then puts the connection back as the
 * store keeps it: foreign keys checked, write-ahead log. */
static gboolean
end_transaction (MkStoreBulk *bulk,
                 gboolean     commit,
                 GError     **error)
{
  MkStore *store = bulk->store;
  g_autoptr(GError) local = NULL;
  gboolean ok;

  /* Not open when starting it again failed (restart_with_rollback_journal). */
  ok = store->in_transaction && mk_store_end (store, commit, commit ? error : NULL);
  /* Foreign keys are switched on again whatever happened: outside a
   * transaction the pragma cannot fail but for a closed connection. */
  if (!mk_store_exec (store, "PRAGMA foreign_keys = ON", _("preparing the import"), &local))
    g_warning ("%s", local->message);
  if (bulk->journal_switched)
    {
      g_clear_error (&local);
      /* Fails only if another connection opened the file meanwhile; the
       * next opening of the store switches it then. */
      if (!mk_store_exec (store, "PRAGMA journal_mode = WAL", _("preparing the import"), &local))
        g_debug ("the database stays in rollback-journal mode until it is opened again: %s",
                 local->message);
      bulk->journal_switched = FALSE;
    }
  return ok;
}

/* For a big import: starts the (still empty) transaction again with a
 * rollback journal, if no other connection has the file open — then SQLite
 * switches; otherwise it stays in WAL mode and so does the import. */
static gboolean
restart_with_rollback_journal (MkStoreBulk *bulk,
                               GError     **error)
{
  MkStore *store = bulk->store;
  sqlite3_stmt *stmt;

  end_transaction (bulk, FALSE, NULL);
  /* SQLite answers with the mode it is in: "wal" when it could not switch. */
  stmt = mk_store_stmt (store, STMT_JOURNAL_MODE_DELETE, error);
  if (stmt == NULL)
    return FALSE;
  if (mk_store_step (store, stmt, NULL) == MK_STORE_ROW)
    {
      bulk->journal_switched =
        g_ascii_strcasecmp ((const char *) sqlite3_column_text (stmt, 0), "delete") == 0;
      sqlite3_reset (stmt);
    }
  g_debug ("big import with %s", bulk->journal_switched ? "a rollback journal" : "the WAL");
  if (!start_transaction (bulk, error))
    return FALSE;
  mk_bulk_writer_free (bulk->writer);
  bulk->writer = mk_bulk_writer_new (bulk->store, bulk->batch_id, error);
  return bulk->writer != NULL;
}

/**
 * mk_store_bulk_begin:
 * @store: a store with no transaction open
 * @file_name: the imported file's name, recorded in the batch
 * @sha256: (nullable): the file's SHA-256 in hex, if known already (see
 *   mk_store_bulk_set_sha256())
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

  g_return_val_if_fail (MK_IS_STORE (store), NULL);
  g_return_val_if_fail (file_name != NULL, NULL);

  bulk = g_new0 (MkStoreBulk, 1);
  bulk->store = g_object_ref (store);
  bulk->file_name = g_strdup (file_name);
  bulk->sha256 = g_strdup (sha256);
  bulk->preset = g_strdup (preset);
  bulk->loaded_pairs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  mk_key_set_init (&bulk->db_fingerprints);
  mk_key_set_init (&bulk->uuid_keys);
  mk_bulk_rollups_init (&bulk->rollups);
  if (!start_transaction (bulk, error))
    {
      bulk_free (bulk);
      return NULL;
    }
  bulk->writer = mk_bulk_writer_new (store, bulk->batch_id, error);
  if (bulk->writer == NULL)
    {
      end_transaction (bulk, FALSE, NULL);
      bulk_free (bulk);
      return NULL;
    }
  return bulk;
}

/**
 * mk_store_bulk_begin_received:
 * @store: a store with no transaction open
 * @error: return location for a #GError
 *
 * Opens the write transaction of a bulk of entries that a sync receives
 * (core/team): no import batch is recorded, every row keeps the source and
 * the identity it comes with, and the entry_uuid index is kept (the rows
 * of one sender come with ascending identities, and the sync looks entries
 * up by them, mk_store_bulk_find()).
 *
 * Returns: (transfer full) (nullable): the bulk.
 */
MkStoreBulk *
mk_store_bulk_begin_received (MkStore *store,
                              GError **error)
{
  MkStoreBulk *bulk;

  g_return_val_if_fail (MK_IS_STORE (store), NULL);

  bulk = g_new0 (MkStoreBulk, 1);
  bulk->store = g_object_ref (store);
  bulk->received = TRUE;
  bulk->loaded_pairs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  mk_key_set_init (&bulk->db_fingerprints);
  mk_key_set_init (&bulk->uuid_keys);
  mk_bulk_rollups_init (&bulk->rollups);
  if (!start_transaction (bulk, error))
    {
      bulk_free (bulk);
      return NULL;
    }
  bulk->writer = mk_bulk_writer_new (store, 0, error);
  if (bulk->writer == NULL)
    {
      end_transaction (bulk, FALSE, NULL);
      bulk_free (bulk);
      return NULL;
    }
  return bulk;
}

/**
 * mk_store_bulk_find:
 * @bulk: a bulk of received entries (mk_store_bulk_begin_received())
 * @uuid: an entry's identity
 * @error: return location for a #GError
 *
 * Returns: the row id of the entry with @uuid written before this bulk or
 *   by it (once its chunk is in), or 0 when there is none or with @error
 *   set.
 */
gint64
mk_store_bulk_find (MkStoreBulk  *bulk,
                    const MkUuid *uuid,
                    GError      **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;

  g_return_val_if_fail (bulk != NULL && bulk->received, 0);

  stmt = mk_store_stmt (bulk->store, STMT_ENTRY_BY_UUID, error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_blob (stmt, 1, uuid->bytes, sizeof uuid->bytes, SQLITE_TRANSIENT);
  if (mk_store_step (bulk->store, stmt, error) == MK_STORE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }
  return id;
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

/**
 * mk_store_bulk_set_sha256:
 * @bulk: a bulk
 * @sha256: (nullable): the file's SHA-256 in hex
 *
 * Records the file's checksum in the batch at commit; for an importer that
 * learns it only after reading the whole file.
 */
void
mk_store_bulk_set_sha256 (MkStoreBulk *bulk,
                          const char  *sha256)
{
  g_return_if_fail (bulk != NULL);

  g_free (bulk->sha256);
  bulk->sha256 = g_strdup (sha256);
}

/**
 * mk_store_bulk_set_cancellable:
 * @bulk: a bulk
 * @cancellable: (nullable): cancelled → mk_store_bulk_commit() rolls back
 *
 * Lets a cancel that comes while the commit builds the index and the
 * totals still undo the whole bulk: the cancellable is looked at just
 * before the transaction commits.
 */
void
mk_store_bulk_set_cancellable (MkStoreBulk  *bulk,
                               GCancellable *cancellable)
{
  g_return_if_fail (bulk != NULL);

  g_set_object (&bulk->cancellable, cancellable);
}

/* Runs one statement of the bulk's own (no values: schema work). */
static gboolean
exec_sql (MkStoreBulk  *bulk,
          const char   *sql,
          GError      **error)
{
  return mk_store_exec (bulk->store, sql, _("reorganising the entry table for the import"),
                        error);
}

/**
 * mk_store_bulk_expect_rows:
 * @bulk: a bulk with no rows added yet
 * @n_rows: about how many rows will be added
 * @error: return location for a #GError
 *
 * Tells the bulk how big the import is.  When it is at least as big as the
 * entry table already is, the table's indexes are dropped when the first
 * chunk of new rows goes in, and built again, in one sorted pass each, at
 * commit (inside the same transaction, so an abort restores them):
 * inserting a million rows into indexed b-trees at random costs many times
 * more.  (A file whose rows are all there already drops nothing.)  The fingerprints of
 * the existing entries are then read in one scan.  Such a big import also
 * runs with a rollback journal when no other connection has the file open
 * (the transaction is started again for that), and writes its rows on a
 * thread of its own (mk-store-bulk-writer.c).
 *
 * Returns: %TRUE on success (also when nothing changes).
 */
gboolean
mk_store_bulk_expect_rows (MkStoreBulk  *bulk,
                           guint64       n_rows,
                           GError      **error)
{
  MkStore *store;
  sqlite3_stmt *stmt;
  gint64 existing = 0;
  gint64 cache = 0;
  MkStoreStep step;

  g_return_val_if_fail (bulk != NULL, FALSE);
  g_return_val_if_fail (bulk->n_rows == 0 && bulk->index_sql == NULL, FALSE);

  store = bulk->store;
  if (n_rows < 10000)
    return TRUE;
  if (!mk_store_query_int64 (store, STMT_ENTRY_MAX_ID, &existing, error))
    return FALSE;
  if ((guint64) existing > n_rows)
    return TRUE;
  if (!restart_with_rollback_journal (bulk, error))
    return FALSE;
  /* An import's rows are summed up at commit, from the writer's sorted
   * runs or else from the table.  A sync's bulk changes or deletes rows
   * with a rollup change of their own each (core/team): the rows the bulk
   * added (above last_old_id) only when the server sends one identity
   * twice, which it never does, or two identities share a key (2⁻⁶⁴).
   * Summed from the runs — the rows as the bulk wrote them — that still
   * adds up, so a sync's bulk sums at commit only with runs; without
   * them, row by row. */
  bulk->sum_at_commit = !bulk->received;
  bulk->last_old_id = existing;
  if ((bulk->sum_at_commit || bulk->received) && store->path != NULL)
    {
      bulk->runs = mk_bulk_runs_new (store->path);
      if (bulk->runs != NULL)
        {
          mk_bulk_writer_set_runs (bulk->writer, bulk->runs);
          bulk->sum_at_commit = TRUE;
        }
    }

  /* Appending rows to unindexed tables needs little cache; the memory
   * goes to the importer's tables until the commit builds the indexes.
   * Set before the scan below, so that the scan does not fill the larger
   * cache first. */
  if (!mk_store_query_int64 (store, STMT_CACHE_SIZE, &cache, error))
    return FALSE;
  bulk->saved_cache = (int) CLAMP (cache, G_MININT, G_MAXINT);
  if (bulk->saved_cache != 0 && !exec_sql (bulk, "PRAGMA cache_size = -2000", error))
    return FALSE;

  /* Every fingerprint, in one scan, before the index that finds them by
   * (person, day) goes away; the set sized for them at once, since a set
   * that grows needs three times its size for a moment. */
  mk_key_set_clear (&bulk->db_fingerprints);
  mk_key_set_init_sized (&bulk->db_fingerprints, (gsize) existing);
  stmt = mk_store_stmt (store, STMT_ENTRY_ALL_FINGERPRINTS, error);
  if (stmt == NULL)
    return FALSE;
  while ((step = mk_store_step (store, stmt, error)) == MK_STORE_ROW)
    {
      gint64 fp = sqlite3_column_int64 (stmt, 0);

      if (fp != 0)
        mk_key_set_add (&bulk->db_fingerprints, (guint64) fp);
    }
  if (step == MK_STORE_FAILED)
    return FALSE;
  bulk->all_loaded = TRUE;

  /* The indexes' own definitions, to build them again as they were. */
  bulk->index_sql = g_ptr_array_new_with_free_func (g_free);
  stmt = mk_store_stmt (store, STMT_ENTRY_INDEXES, error);
  if (stmt == NULL)
    return FALSE;
  while ((step = mk_store_step (store, stmt, error)) == MK_STORE_ROW)
    {
      g_ptr_array_add (bulk->index_sql, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (bulk->index_sql, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  if (step == MK_STORE_FAILED)
    return FALSE;
  /* The rows go in on a thread of their own while the next are read. */
  mk_bulk_writer_start_thread (bulk->writer);
  g_debug ("import of ~%" G_GUINT64_FORMAT " rows into %" G_GINT64_FORMAT
           ": %u indexes dropped once a chunk of new rows is written", n_rows, existing,
           bulk->index_sql->len / 2);
  return TRUE;
}

/* Drops the entry indexes before the first chunk of a big import's new
 * rows goes in (on this thread: the writer has had no chunk yet).  An
 * import whose rows were all there already, or that adds fewer than a
 * chunk, never drops them and has nothing to rebuild. */
static gboolean
drop_indexes (MkStoreBulk *bulk,
              GError     **error)
{
  if (bulk->index_sql == NULL || bulk->indexes_dropped)
    return TRUE;
  for (guint i = 0; i < bulk->index_sql->len;)
    {
      const char *name = g_ptr_array_index (bulk->index_sql, i);
      char *drop;
      gboolean ok;

      /* The identities the rows get ascend (mk-uuid.c): appended to their
       * index at its end they cost half of building it again.  Identities
       * that came with the rows go anywhere: then it goes too. */
      if (g_strcmp0 (name, "entry_uuid") == 0 && (!bulk->rows_with_uuid || bulk->received))
        {
          g_ptr_array_remove_range (bulk->index_sql, i, 2);
          continue;
        }
      /* The name comes from the schema, quoted as an identifier. */
      drop = sqlite3_mprintf ("DROP INDEX \"%w\"", name);
      ok = exec_sql (bulk, drop, error);
      sqlite3_free (drop);
      if (!ok)
        return FALSE;
      i += 2;
    }
  bulk->indexes_dropped = TRUE;
  return TRUE;
}

/* Gives the connection its page cache back. */
static void
restore_cache (MkStoreBulk *bulk)
{
  g_autofree char *sql = NULL;

  if (bulk->saved_cache == 0)
    return;
  /* A pragma of the connection alone: it cannot fail while it is open. */
  sql = g_strdup_printf ("PRAGMA cache_size = %d", bulk->saved_cache);
  mk_store_exec (bulk->store, sql, _("preparing the import"), NULL);
  bulk->saved_cache = 0;
}

/* Reads the fingerprints of (person, day) the first time it is touched. */
static gboolean
load_fingerprints (MkStoreBulk *bulk,
                   gint64       person_id,
                   const char  *day,
                   gint32       day_no,
                   GError     **error)
{
  gint64 pair = person_id * 100000000 + day_no;
  sqlite3_stmt *stmt;
  MkStoreStep step;

  if (bulk->all_loaded)
    return TRUE;
  if (g_hash_table_contains (bulk->loaded_pairs, &pair))
    return TRUE;
  g_hash_table_add (bulk->loaded_pairs, g_memdup2 (&pair, sizeof pair));

  stmt = mk_store_stmt (bulk->store, STMT_ENTRY_FINGERPRINTS, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person_id);
  sqlite3_bind_text (stmt, 2, day, 10, SQLITE_TRANSIENT);
  while ((step = mk_store_step (bulk->store, stmt, error)) == MK_STORE_ROW)
    {
      gint64 fp = sqlite3_column_int64 (stmt, 0);

      if (fp != 0)
        mk_key_set_add (&bulk->db_fingerprints, (guint64) fp);
    }
  return step == MK_STORE_DONE;
}

/* Whether an entry with @uuid is in the table or earlier in this bulk
 * (see the top of this file). */
static gboolean
uuid_present (MkStoreBulk  *bulk,
              const MkUuid *uuid,
              gboolean     *present,
              GError      **error)
{
  MkStore *store = bulk->store;
  guint64 key = mk_uuid_key (uuid);
  sqlite3_stmt *stmt;
  MkStoreStep step;

  *present = mk_key_set_contains (&bulk->uuid_keys, key);
  if (*present || bulk->uuids_loaded)
    return TRUE;
  if (!bulk->all_loaded)
    {
      /* The entry_uuid index is there: a big import has not dropped it. */
      stmt = mk_store_stmt (store, STMT_ENTRY_BY_UUID, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_blob (stmt, 1, uuid->bytes, sizeof uuid->bytes, SQLITE_TRANSIENT);
      step = mk_store_step (store, stmt, error);
      if (step == MK_STORE_ROW)
        sqlite3_reset (stmt);
      *present = step == MK_STORE_ROW;
      return step != MK_STORE_FAILED;
    }

  /* Every identity, in one scan (rows of this bulk already written are
   * read again: they are in the set anyway). */
  stmt = mk_store_stmt (store, STMT_ENTRY_ALL_UUIDS, error);
  if (stmt == NULL)
    return FALSE;
  while ((step = mk_store_step (store, stmt, error)) == MK_STORE_ROW)
    if (sqlite3_column_bytes (stmt, 0) == sizeof uuid->bytes)
      mk_key_set_add (&bulk->uuid_keys, mk_uuid_key (sqlite3_column_blob (stmt, 0)));
  if (step == MK_STORE_FAILED)
    return FALSE;
  bulk->uuids_loaded = TRUE;
  *present = mk_key_set_contains (&bulk->uuid_keys, key);
  return TRUE;
}

/**
 * mk_store_bulk_add:
 * @bulk: a bulk
 * @input: the entry (its batch id and source are set from the bulk)
 * @duplicate: (out) (optional): set to %TRUE when the row was already there
 *   and was skipped
 * @error: return location for a #GError
 *
 * Validates and adds one entry, or skips it as a duplicate (its
 * fingerprint or its identity is there already).  The entry reaches the
 * table in a later chunk; it is committed with the bulk.  On error the
 * caller decides: skip the row, or abort the whole bulk.
 *
 * Returns: %TRUE if the row was added or skipped as a duplicate; %FALSE
 *   with %MK_STORE_ERROR_INVALID for an entry the store refuses, or
 *   another store error.
 */
gboolean
mk_store_bulk_add (MkStoreBulk        *bulk,
                   const MkEntryInput *input,
                   gboolean           *duplicate,
                   GError            **error)
{
  MkStore *store;
  MkBulkChunk *chunk;
  MkBulkRow *row;
  MkUuid uuid;
  gboolean has_uuid;
  gint32 day_no;
  guint person;
  guint64 key;

  g_return_val_if_fail (bulk != NULL && input != NULL, FALSE);

  store = bulk->store;
  if (duplicate)
    *duplicate = FALSE;

  /* The person came from mk_store_ensure_person() in this transaction; the
   * rest is checked here, without a query per row. */
  if (input->minutes < 1 || input->minutes > 1440 || !mk_store_valid_day (input->day) ||
      input->start < -1 || input->start > 1439 ||
      input->category_id <= 0 || input->category_id >= MK_BULK_MAX_CATEGORY_ID ||
      mk_store_get_category (store, input->category_id) == NULL || input->person_id <= 0 ||
      (input->task != NULL && strlen (input->task) >= G_MAXUINT32 / 2))
    return mk_store_validate_entry (store, input, error);
  has_uuid = input->uuid[0] != '\0';
  if (has_uuid && !mk_uuid_parse (input->uuid, &uuid))
    return mk_store_validate_entry (store, input, error);

  /* A person seen for the first time is looked up once: foreign keys are
   * not checked by SQLite during a bulk. */
  if (!mk_bulk_rollups_find_person (&bulk->rollups, input->person_id, &person))
    {
      if (!mk_store_validate_entry (store, input, error))
        return FALSE;
      person = mk_bulk_rollups_add_person (&bulk->rollups, input->person_id);
    }

  if (has_uuid)
    {
      gboolean present;

      if (!uuid_present (bulk, &uuid, &present, error))
        return FALSE;
      if (present)
        {
          if (duplicate)
            *duplicate = TRUE;
          return TRUE;
        }
    }

  day_no = day_number (input->day);
  key = bulk->sum_at_commit ? 0 : mk_bulk_rollups_key (&bulk->rollups, input, day_no, person);
  if (input->fingerprint != 0)
    {
      if (!load_fingerprints (bulk, input->person_id, input->day, day_no, error))
        return FALSE;
      if (mk_key_set_contains (&bulk->db_fingerprints, (guint64) input->fingerprint))
        {
          if (duplicate)
            *duplicate = TRUE;
          return TRUE;
        }
    }

  chunk = mk_bulk_writer_chunk (bulk->writer);
  if (chunk->n_rows == MK_BULK_CHUNK_ROWS)
    {
      if (!drop_indexes (bulk, error) || !mk_bulk_writer_flush (bulk->writer, error))
        return FALSE;
      chunk = mk_bulk_writer_chunk (bulk->writer);
    }
  row = &chunk->rows[chunk->n_rows++];
  row->has_uuid = has_uuid;
  row->source = bulk->received ? (gint32) input->source : MK_ENTRY_SOURCE_IMPORT;
  if (has_uuid)
    {
      row->uuid = uuid;
      mk_key_set_add (&bulk->uuid_keys, mk_uuid_key (&uuid));
      bulk->rows_with_uuid = TRUE;
    }
  row->person_id = input->person_id;
  row->fingerprint = input->fingerprint;
  row->category_id = input->category_id;
  row->day = day_no;
  row->start = (gint16) input->start;
  row->minutes = (gint16) input->minutes;
  row->task = (guint32) chunk->tasks->len;
  row->task_len = input->task != NULL ? (guint32) strlen (input->task) : 0;
  g_string_append_len (chunk->tasks, input->task, row->task_len);
  g_string_append_c (chunk->tasks, '\0');
  bulk->n_rows++;

  if (!bulk->sum_at_commit)
    mk_bulk_rollups_add (&bulk->rollups, &store->settings, input, day_no, key);
  return TRUE;
}

/* Sums the rollups up (no database: it runs while the index is built). */
static gpointer
prepare_rollups (gpointer data)
{
  MkStoreBulk *bulk = data;

  return mk_bulk_rollups_prepare (&bulk->rollups);
}

/* Writes the new pages of the file out to the disk while SQLite builds the
 * index on the other core, so that the commit's own sync has only the
 * index's pages left to wait for (a million entries: 0.23 s → a few
 * hundredths).  It is SQLite's own sync of the file (the VFS's xSync: an
 * fdatasync() of its descriptor), called early and from another thread:
 * both are only system calls on the same descriptor; it changes nothing
 * about what is durable when (the commit still syncs, after it). */
static gpointer
flush_thread (gpointer data)
{
  sqlite3_file *file = data;

  file->pMethods->xSync (file, SQLITE_SYNC_NORMAL | SQLITE_SYNC_DATAONLY);
  return NULL;
}

/* Builds the dropped indexes again.  SQLite's sorter keeps a cache's worth
 * of keys in memory before it spills a sorted run to a temporary file; a
 * 6 MB cache sorts a million keys as fast as 16 MB and peaks 20 MB lower.
 * (PRAGMA threads would let the sorter use the other core, but each of its
 * threads keeps such a buffer too.) */
static gboolean
rebuild_indexes (MkStoreBulk *bulk,
                 GError     **error)
{
  sqlite3_file *file = NULL;
  GThread *flushing = NULL;
  gboolean ok = TRUE;

  if (!bulk->indexes_dropped)
    return TRUE;
  if (bulk->saved_cache != 0 && !exec_sql (bulk, "PRAGMA cache_size = -6000", error))
    return FALSE;
  if (sqlite3_file_control (bulk->store->db, "main", SQLITE_FCNTL_FILE_POINTER, &file)
      == SQLITE_OK && file != NULL && file->pMethods != NULL)
    flushing = g_thread_try_new ("mk-import-flush", flush_thread, file, NULL);
  for (guint i = 1; ok && i < bulk->index_sql->len; i += 2)
    ok = exec_sql (bulk, g_ptr_array_index (bulk->index_sql, i), error);
  if (flushing != NULL)
    g_thread_join (flushing);
  return ok;
}

/* The calling thread's processor time in seconds, for the debug log: on a
 * busy machine the wall-clock times of a commit's steps say little. */
static double
thread_cpu (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
    return 0;
  return (double) ts.tv_sec + (double) ts.tv_nsec / 1e9;
}

/**
 * mk_store_bulk_commit:
 * @bulk: (transfer full): a bulk; freed whatever happens
 * @counts: (nullable): what happened to the file's rows, recorded in the batch
 * @error: return location for a #GError
 *
 * Inserts the last rows, writes the rollups and the batch's counts and
 * commits everything.  On failure everything is rolled back.
 *
 * Returns: %TRUE once committed.
 */
gboolean
mk_store_bulk_commit (MkStoreBulk          *bulk,
                      const MkImportCounts *counts,
                      GError              **error)
{
  MkStore *store;
  GThread *preparing = NULL;
  MkBulkPrepared *prepared = NULL;
  gboolean ok;
  gint64 t0, t1, t2;
  double c0, c1, c2;
  gboolean summing;

  g_return_val_if_fail (bulk != NULL, FALSE);

  store = bulk->store;
  /* No more rows: the fingerprints' memory goes to the rollups and the
   * index builds. */
  mk_key_set_clear (&bulk->db_fingerprints);
  mk_key_set_clear (&bulk->uuid_keys);
  g_hash_table_remove_all (bulk->loaded_pairs);
  t0 = g_get_monotonic_time ();
  c0 = thread_cpu ();
  ok = mk_bulk_writer_finish (bulk->writer, error);
  /* The rollups are summed up on another thread while the index is built. */
  if (ok && bulk->indexes_dropped && !bulk->sum_at_commit)
    preparing = g_thread_try_new ("mk-import-sum", prepare_rollups, bulk, NULL);
  /* The runs are summed up on another thread while the index is built. */
  summing = ok && bulk->runs != NULL && mk_bulk_runs_ok (bulk->runs)
            && mk_bulk_runs_start (bulk->runs, &store->settings);
  t1 = g_get_monotonic_time ();
  c1 = thread_cpu ();
  ok = ok && rebuild_indexes (bulk, error);
  if (bulk->sum_at_commit)
    {
      t2 = g_get_monotonic_time ();
      c2 = thread_cpu ();
      if (summing)
        ok = mk_bulk_runs_write (bulk->runs, store, ok, error) && ok;
      else
        /* The rollups from the rows, through the index just built. */
        ok = ok && mk_bulk_rollups_from_entries (store, bulk->last_old_id, error);
      restore_cache (bulk);
    }
  else
    {
      restore_cache (bulk);
      prepared = preparing != NULL ? g_thread_join (preparing)
                 : ok ? prepare_rollups (bulk) : NULL;
      t2 = g_get_monotonic_time ();
      c2 = thread_cpu ();
      ok = ok && mk_bulk_rollups_write (store, prepared, error);
    }
  if (ok && counts != NULL)
    {
      sqlite3_stmt *stmt = mk_store_stmt (store, STMT_BATCH_FINISH, error);

      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, (gint64) counts->rows_read);
          sqlite3_bind_int64 (stmt, 2, (gint64) counts->imported);
          sqlite3_bind_int64 (stmt, 3, (gint64) counts->duplicates);
          sqlite3_bind_int64 (stmt, 4, (gint64) counts->skipped);
          sqlite3_bind_int64 (stmt, 5, (gint64) counts->rejected);
          sqlite3_bind_int64 (stmt, 6, bulk->batch_id);
          ok = mk_store_step_done (store, stmt, error);
        }
    }
  if (ok && bulk->sha256 != NULL)
    {
      sqlite3_stmt *stmt = mk_store_stmt (store, STMT_BATCH_SET_SHA, error);

      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_text (stmt, 1, bulk->sha256, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (stmt, 2, bulk->batch_id);
          ok = mk_store_step_done (store, stmt, error);
        }
    }
  /* The last moment a cancel can still undo everything. */
  if (ok && g_cancellable_set_error_if_cancelled (bulk->cancellable, error))
    ok = FALSE;
  ok = end_transaction (bulk, ok, error) && ok;
  g_clear_pointer (&prepared, mk_bulk_prepared_free);
  g_debug ("commit: last rows %.2f s, indexes %.2f s, rollups and commit %.2f s "
           "(processor time on this thread: before %.2f s, %.2f s, %.2f s, %.2f s)",
           (t1 - t0) / 1e6, (t2 - t1) / 1e6, (g_get_monotonic_time () - t2) / 1e6,
           c0, c1 - c0, c2 - c1, thread_cpu () - c2);

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

  g_clear_pointer (&bulk->writer, mk_bulk_writer_free);
  end_transaction (bulk, FALSE, NULL);
  restore_cache (bulk);
  bulk_free (bulk);
}
