/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-store-bulk-writer.c — a bulk's rows on their way into `entry`.
 *
 * Design notes.
 *
 * Two chunks take turns: the importer fills one while the other is being
 * written.  Without a thread (small imports, the demo, the tests of single
 * rows) a full chunk is written at once by the caller.  With a thread (big
 * imports, see mk_store_bulk_expect_rows()), the caller hands a full chunk
 * over as `pending` and goes on filling the other; the thread writes it
 * and clears `pending`.  The hand-over waits while the previous chunk is
 * still pending, so at most two chunks exist and a slow disk slows the
 * reader down instead of piling rows up.
 *
 * The connection is used by one thread at a time: the writer only between
 * taking `pending` and clearing it, everybody else only while `pending` is
 * NULL.  The store's mk_store_stmt() — the way every store call reaches
 * SQLite — waits for that (store->bulk_writer), so a person created in the
 * middle of a big import gets its own row id from sqlite3_last_insert_rowid()
 * and not an entry's.
 *
 * The thread's first failure is kept and reported by the next hand-over
 * or by mk_bulk_writer_finish(); later chunks are dropped, since the bulk
 * will be rolled back anyway.
 */
#define G_LOG_DOMAIN "mk-store-bulk"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "mk-store-bulk-writer.h"
#include "mk-store-private.h"

/* The columns of one row; every row in the statement's VALUES has them. */
#define ROW_PARAMS 10
#define ROWS_PER_INSERT 64

static const char insert_columns[] =
  "INSERT INTO entry (person_id, day, start, minutes, category_id, task, source, batch_id, "
  "fingerprint, uuid, created) VALUES ";

struct _MkBulkWriter
{
  MkStore      *store;    /* not a reference: the bulk holds one */
  sqlite3_stmt *insert;   /* one row */
  sqlite3_stmt *insert_many; /* ROWS_PER_INSERT rows */
  gint64        batch_id;
  MkBulkChunk   chunks[2];
  MkBulkChunk  *filling;
  guint64      *keys;       /* sorting: keys and their copy, rows' order and its copy */
  guint32      *order;
  guint32      *order_tmp;

  MkBulkRuns   *runs;       /* not owned: sorted runs for the rollups, or NULL */

  GThread      *thread;
  GMutex        lock;
  GCond         cond;
  MkBulkChunk  *pending;
  gboolean      quit;
  GError       *error;
};

/**
 * mk_bulk_day_text:
 * @number: a day as YYYYMMDD
 * @out: where its ISO text goes
 */
void
mk_bulk_day_text (gint32 number,
                  char   out[11])
{
  int year = number / 10000;
  int month = number / 100 % 100;
  int day = number % 100;

  out[0] = (char) ('0' + year / 1000 % 10);
  out[1] = (char) ('0' + year / 100 % 10);
  out[2] = (char) ('0' + year / 10 % 10);
  out[3] = (char) ('0' + year % 10);
  out[4] = '-';
  out[5] = (char) ('0' + month / 10);
  out[6] = (char) ('0' + month % 10);
  out[7] = '-';
  out[8] = (char) ('0' + day / 10);
  out[9] = (char) ('0' + day % 10);
  out[10] = '\0';
}

/* The entry index's order: day, person, start. */
static int
compare_rows (const void *a,
              const void *b)
{
  const MkBulkRow *x = a;
  const MkBulkRow *y = b;

  if (x->day != y->day)
    return x->day < y->day ? -1 : 1;
  if (x->person_id != y->person_id)
    return x->person_id < y->person_id ? -1 : 1;
  return (x->start > y->start) - (x->start < y->start);
}

/* The same order as one number: day (YYYYMMDD < 2^27), person id (< 2^24)
 * and start + 1 (< 2^12); FALSE if a person id does not fit. */
static gboolean
sort_key (const MkBulkRow *row,
          guint64         *key)
{
  if (row->person_id < 0 || row->person_id >= (1 << 24) || row->day < 0)
    return FALSE;
  *key = (guint64) row->day << 36 | (guint64) row->person_id << 12 | (guint64) (row->start + 1);
  return TRUE;
}

/* Fills @order with the chunk's row numbers in the entry index's order: a
 * radix sort of the keys, a byte at a time, skipping the bytes every key
 * shares (most of the day's, most of the person's); qsort if a key does
 * not fit.  Sorted rows make the index SQLite rebuilds after a big import
 * much cheaper to build. */
static void
sort_chunk (MkBulkWriter *self,
            MkBulkChunk  *chunk,
            guint32      *order)
{
  guint n = chunk->n_rows;
  guint64 *keys = self->keys;
  guint64 *keys_tmp = self->keys + MK_BULK_CHUNK_ROWS;
  guint32 *order_tmp = self->order_tmp;

  if (n == 0)
    return;
  for (guint i = 0; i < n; i++)
    {
      order[i] = i;
      if (!sort_key (&chunk->rows[i], &keys[i]))
        {
          qsort (chunk->rows, n, sizeof (MkBulkRow), compare_rows);
          for (guint j = 0; j < n; j++)
            order[j] = j;
          return;
        }
    }
  for (guint shift = 0; shift < 64; shift += 8)
    {
      guint counts[257] = { 0 };
      guint8 first = (guint8) (keys[0] >> shift);
      gboolean same = TRUE;

      for (guint i = 0; i < n; i++)
        {
          guint8 digit = (guint8) (keys[i] >> shift);

          counts[digit + 1]++;
          same = same && digit == first;
        }
      if (same)
        continue;
      for (guint d = 1; d < 257; d++)
        counts[d] += counts[d - 1];
      for (guint i = 0; i < n; i++)
        {
          guint pos = counts[(guint8) (keys[i] >> shift)]++;

          keys_tmp[pos] = keys[i];
          order_tmp[pos] = order[i];
        }
      memcpy (keys, keys_tmp, n * sizeof *keys);
      memcpy (order, order_tmp, n * sizeof *order);
    }
}

static void
chunk_empty (MkBulkChunk *chunk)
{
  chunk->n_rows = 0;
  g_string_truncate (chunk->tasks, 0);
}

/* Binds @row as the @group-th row of a (multi-row) insert. */
static void
bind_row (sqlite3_stmt      *stmt,
          guint              group,
          const MkBulkChunk *chunk,
          const MkBulkRow   *row,
          gint64             batch_id)
{
  int base = (int) group * ROW_PARAMS;
  char day[11];

  mk_bulk_day_text (row->day, day);
  sqlite3_bind_int64 (stmt, base + 1, row->person_id);
  sqlite3_bind_text (stmt, base + 2, day, 10, SQLITE_TRANSIENT);
  if (row->start >= 0)
    sqlite3_bind_int (stmt, base + 3, row->start);
  else
    sqlite3_bind_null (stmt, base + 3);
  sqlite3_bind_int (stmt, base + 4, row->minutes);
  sqlite3_bind_int64 (stmt, base + 5, row->category_id);
  sqlite3_bind_text (stmt, base + 6, chunk->tasks->str + row->task, (int) row->task_len,
                     SQLITE_STATIC);
  sqlite3_bind_int (stmt, base + 7, row->source);
  if (batch_id > 0)
    sqlite3_bind_int64 (stmt, base + 8, batch_id);
  else
    sqlite3_bind_null (stmt, base + 8);
  if (row->fingerprint != 0)
    sqlite3_bind_int64 (stmt, base + 9, row->fingerprint);
  else
    sqlite3_bind_null (stmt, base + 9);
  sqlite3_bind_blob (stmt, base + 10, row->uuid.bytes, sizeof row->uuid.bytes, SQLITE_STATIC);
}

/* New identities are made in the order the rows go in, so that they
 * ascend with the row ids and the entry_uuid index grows at its end. */
static void
give_identity (MkBulkRow *row)
{
  if (!row->has_uuid)
    mk_uuid_generate (&row->uuid);
}

/* Inserts the chunk's rows sorted, ROWS_PER_INSERT at a time (one
 * statement's overhead for several rows), the rest one by one. */
static gboolean
write_chunk (MkBulkWriter *self,
             MkBulkChunk  *chunk,
             GError      **error)
{
  guint32 *order = self->order;
  guint i = 0;

  sort_chunk (self, chunk, order);
  while (i < chunk->n_rows)
    {
      gboolean many = chunk->n_rows - i >= ROWS_PER_INSERT;
      sqlite3_stmt *stmt = many ? self->insert_many : self->insert;
      guint n = many ? ROWS_PER_INSERT : 1;
      int rc;

      for (guint g = 0; g < n; g++)
        {
          give_identity (&chunk->rows[order[i + g]]);
          bind_row (stmt, g, chunk, &chunk->rows[order[i + g]], self->batch_id);
        }
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        {
          mk_store_set_error (self->store, error, _("adding the imported entries"));
          chunk_empty (chunk);
          return FALSE;
        }
      i += n;
    }
  if (self->runs != NULL)
    mk_bulk_runs_add_chunk (self->runs, chunk, order);
  chunk_empty (chunk);
  return TRUE;
}

/**
 * mk_bulk_writer_set_runs:
 * @self: a writer with no rows written yet
 * @runs: (nullable): where each written chunk also goes, sorted, for the
 *   rollups (owned by the bulk, which outlives the writer's thread)
 */
void
mk_bulk_writer_set_runs (MkBulkWriter *self,
                         MkBulkRuns   *runs)
{
  self->runs = runs;
}

static gpointer
writer_thread (gpointer data)
{
  MkBulkWriter *self = data;

  g_mutex_lock (&self->lock);
  for (;;)
    {
      MkBulkChunk *chunk;
      GError *error = NULL;
      gboolean failed;

      while (self->pending == NULL && !self->quit)
        g_cond_wait (&self->cond, &self->lock);
      if (self->pending == NULL)
        break;
      chunk = self->pending;
      failed = self->error != NULL;
      g_mutex_unlock (&self->lock);

      if (failed)
        chunk_empty (chunk);
      else
        write_chunk (self, chunk, &error);

      g_mutex_lock (&self->lock);
      if (error != NULL && self->error == NULL)
        self->error = error;
      else
        g_clear_error (&error);
      self->pending = NULL;
      g_cond_broadcast (&self->cond);
    }
  g_mutex_unlock (&self->lock);
  return NULL;
}

/* The statement that inserts @n_rows rows, kept by the store. */
static sqlite3_stmt *
prepare_insert (MkStore *store,
                guint    n_rows,
                GError **error)
{
  g_autoptr(GString) sql = g_string_new (insert_columns);

  for (guint r = 0; r < n_rows; r++)
    {
      int b = (int) r * ROW_PARAMS;

      g_string_append_printf (sql, "%s(?%d, ?%d, ?%d, ?%d, ?%d, ?%d, ?%d, ?%d, ?%d, ?%d, NULL)",
                              r ? ", " : "", b + 1, b + 2, b + 3, b + 4, b + 5, b + 6, b + 7,
                              b + 8, b + 9, b + 10);
    }
  return mk_store_stmt_for_sql (store, sql->str, error);
}

/**
 * mk_bulk_writer_new:
 * @store: the bulk's store
 * @batch_id: the batch the rows belong to
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a writer without a thread, or
 *   %NULL if its statements do not prepare.
 */
MkBulkWriter *
mk_bulk_writer_new (MkStore *store,
                    gint64   batch_id,
                    GError **error)
{
  MkBulkWriter *self;
  sqlite3_stmt *insert = prepare_insert (store, 1, error);
  sqlite3_stmt *insert_many = insert ? prepare_insert (store, ROWS_PER_INSERT, error) : NULL;

  if (insert_many == NULL)
    return NULL;
  self = g_new0 (MkBulkWriter, 1);
  self->store = store;
  self->insert = insert;
  self->insert_many = insert_many;
  self->batch_id = batch_id;
  for (guint i = 0; i < G_N_ELEMENTS (self->chunks); i++)
    {
      self->chunks[i].rows = g_new (MkBulkRow, MK_BULK_CHUNK_ROWS);
      self->chunks[i].tasks = g_string_sized_new (MK_BULK_CHUNK_ROWS * 32);
    }
  self->filling = &self->chunks[0];
  self->keys = g_new (guint64, 2 * MK_BULK_CHUNK_ROWS);
  self->order = g_new (guint32, MK_BULK_CHUNK_ROWS);
  self->order_tmp = g_new (guint32, MK_BULK_CHUNK_ROWS);
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  return self;
}

/**
 * mk_bulk_writer_start_thread:
 * @self: a writer without a thread, with no rows yet
 *
 * From now on full chunks are written on a thread of their own.
 *
 * Returns: %TRUE if the thread runs (else rows are written as before).
 */
gboolean
mk_bulk_writer_start_thread (MkBulkWriter *self)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (self->thread == NULL, FALSE);

  self->thread = g_thread_try_new ("mk-import-write", writer_thread, self, &error);
  if (self->thread == NULL)
    {
      g_debug ("writing on the importing thread: %s", error->message);
      return FALSE;
    }
  self->store->bulk_writer = self;
  return TRUE;
}

/**
 * mk_bulk_writer_chunk:
 * @self: a writer
 *
 * Returns: (transfer none): the chunk to add rows to; when it has
 *   %MK_BULK_CHUNK_ROWS rows, call mk_bulk_writer_flush() first.
 */
MkBulkChunk *
mk_bulk_writer_chunk (MkBulkWriter *self)
{
  return self->filling;
}

/**
 * mk_bulk_writer_wait:
 * @self: a writer
 *
 * Returns once the connection is free: no chunk is being written.
 */
void
mk_bulk_writer_wait (MkBulkWriter *self)
{
  if (self->thread == NULL)
    return;
  g_mutex_lock (&self->lock);
  while (self->pending != NULL)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);
}

/**
 * mk_bulk_writer_flush:
 * @self: a writer
 * @error: return location for a #GError
 *
 * Writes the filling chunk, or hands it to the thread and gives back the
 * other one, empty.
 *
 * Returns: %FALSE if writing (this chunk, or an earlier one on the thread)
 *   failed.
 */
gboolean
mk_bulk_writer_flush (MkBulkWriter *self,
                      GError      **error)
{
  gboolean ok = TRUE;

  if (self->filling->n_rows == 0)
    return TRUE;
  if (self->thread == NULL)
    return write_chunk (self, self->filling, error);

  g_mutex_lock (&self->lock);
  while (self->pending != NULL)
    g_cond_wait (&self->cond, &self->lock);
  if (self->error != NULL)
    {
      g_propagate_error (error, g_error_copy (self->error));
      chunk_empty (self->filling);
      ok = FALSE;
    }
  else
    {
      self->pending = self->filling;
      self->filling = self->filling == &self->chunks[0] ? &self->chunks[1] : &self->chunks[0];
      g_cond_broadcast (&self->cond);
    }
  g_mutex_unlock (&self->lock);
  return ok;
}

static void
stop_thread (MkBulkWriter *self)
{
  if (self->thread == NULL)
    return;
  g_mutex_lock (&self->lock);
  self->quit = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
  g_thread_join (g_steal_pointer (&self->thread));
  self->store->bulk_writer = NULL;
}

/**
 * mk_bulk_writer_finish:
 * @self: a writer
 * @error: return location for a #GError
 *
 * Writes every row still waiting and stops the thread.
 *
 * Returns: %FALSE if any chunk failed.
 */
gboolean
mk_bulk_writer_finish (MkBulkWriter *self,
                       GError      **error)
{
  gboolean ok = mk_bulk_writer_flush (self, error);

  stop_thread (self);
  if (ok && self->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->error));
      ok = FALSE;
    }
  return ok;
}

/**
 * mk_bulk_writer_free:
 * @self: (transfer full): a writer; its thread is stopped first
 */
void
mk_bulk_writer_free (MkBulkWriter *self)
{
  stop_thread (self);
  for (guint i = 0; i < G_N_ELEMENTS (self->chunks); i++)
    {
      g_free (self->chunks[i].rows);
      g_string_free (self->chunks[i].tasks, TRUE);
    }
  g_free (self->keys);
  g_free (self->order);
  g_free (self->order_tmp);
  /* The statements are the store's (mk_store_stmt_for_sql()). */
  g_clear_error (&self->error);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self);
}
