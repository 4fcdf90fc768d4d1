/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-store-imports.c — the imports a database holds, and taking one back.
 *
 * Design notes.
 *
 * An import is one import_batch row and the entries that carry its id.
 * mk_store_list_imports() says, per batch, how many of its entries are
 * still there and their minutes: one pass over the entries, grouped by
 * batch (there is no index on entry.batch_id: a big import would pay for
 * it row by row, and listing imports is rare), so callers with a window
 * run it in a worker thread.
 *
 * mk_store_remove_import() takes an import back in one transaction
 * (mk_store_change()): every entry that came with it, also those edited
 * since, is deleted, each entry's minutes are taken out of its day total
 * (with its length's count and its prime and timed minutes, as deleting
 * one entry does), and the batch row goes last.  A failure or a kill at
 * any point leaves the import as it was: all or nothing.  The entries are
 * read before anything is written (the rollup statements must not run
 * while a cursor on `entry` is open), 24 bytes each.
 *
 * The _async twins run the same in a worker thread on a store of their
 * own, opened on the caller's database file; a removal then emits
 * "changed" on the caller's store, whose views would not otherwise hear
 * of the other connection's commit.
 */
#define G_LOG_DOMAIN "mk-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mk-error.h"
#include "mk-store-batches.h"
#include "mk-store-private.h"

static const char list_sql[] =
  "SELECT b.id, b.file_name, b.preset, b.created, coalesce (e.n, 0), coalesce (e.m, 0) "
  "FROM import_batch b LEFT JOIN "
  "(SELECT batch_id, count(*) AS n, sum(minutes) AS m FROM entry "
  " WHERE batch_id IS NOT NULL GROUP BY batch_id) e ON e.batch_id = b.id "
  "ORDER BY b.id DESC";
static const char names_sql[] =
  "SELECT id, file_name, preset, created, 0, 0 FROM import_batch ORDER BY id DESC";
static const char exists_sql[] = "SELECT 1 FROM import_batch WHERE id = ?1";
static const char entries_sql[] =
  "SELECT person_id, day, start, minutes, category_id, task FROM entry WHERE batch_id = ?1";
static const char delete_entries_sql[] = "DELETE FROM entry WHERE batch_id = ?1";
static const char delete_batch_sql[] = "DELETE FROM import_batch WHERE id = ?1";

static GPtrArray *list_imports (MkStore    *self,
                                const char *sql,
                                GError    **error);

/**
 * mk_import_summary_free:
 * @summary: (transfer full) (nullable): a summary
 */
void
mk_import_summary_free (MkImportSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->file_name);
  g_free (summary->preset);
  g_clear_pointer (&summary->imported_at, g_date_time_unref);
  g_free (summary);
}

/**
 * mk_store_list_imports:
 * @self: a store
 * @error: return location for a #GError
 *
 * Lists the imports, newest first, with what is left of each.  Reads every
 * entry once: call it from a worker thread when a window waits.
 *
 * Returns: (transfer full) (element-type MkImportSummary) (nullable): the
 *   imports, or %NULL with @error set.
 */
GPtrArray *
mk_store_list_imports (MkStore *self,
                       GError **error)
{
  g_return_val_if_fail (MK_IS_STORE (self), NULL);
  return list_imports (self, list_sql, error);
}

/**
 * mk_store_list_import_names:
 * @self: a store
 * @error: return location for a #GError
 *
 * Like mk_store_list_imports() without counting what is left of each (the
 * @entries and @minutes of the summaries are 0): it reads the batches
 * alone, so a filter's drop-down can call it on the main thread.
 *
 * Returns: (transfer full) (element-type MkImportSummary) (nullable): the
 *   imports, newest first, or %NULL with @error set.
 */
GPtrArray *
mk_store_list_import_names (MkStore *self,
                            GError **error)
{
  g_return_val_if_fail (MK_IS_STORE (self), NULL);
  return list_imports (self, names_sql, error);
}

static GPtrArray *
list_imports (MkStore    *self,
              const char *sql,
              GError    **error)
{
  g_autoptr(GPtrArray) list = NULL;
  sqlite3_stmt *stmt;
  MkStoreStep step;

  stmt = mk_store_stmt_for_sql (self, sql, error);
  if (stmt == NULL)
    return NULL;
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) mk_import_summary_free);
  while ((step = mk_store_step (self, stmt, error)) == MK_STORE_ROW)
    {
      MkImportSummary *s = g_new0 (MkImportSummary, 1);
      const char *created = (const char *) sqlite3_column_text (stmt, 3);

      s->id = sqlite3_column_int64 (stmt, 0);
      s->file_name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      s->preset = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      s->imported_at = created ? g_date_time_new_from_iso8601 (created, NULL) : NULL;
      s->entries = (guint64) sqlite3_column_int64 (stmt, 4);
      s->minutes = (guint64) sqlite3_column_int64 (stmt, 5);
      g_ptr_array_add (list, s);
    }
  if (step == MK_STORE_FAILED)
    return NULL;
  return g_steal_pointer (&list);
}

/* One entry of the import, as its day total needs it. */
typedef struct {
  gint64      person_id;
  gint64      category_id;
  gint32      day;        /* YYYYMMDD */
  gint16      start;      /* minutes after midnight, or -1 */
  gint16      minutes;
  const char *task;       /* in the change's string chunk: its task list needs it */
} RemovedEntry;

typedef struct {
  gint64  batch_id;
  guint64 entries;
  guint64 minutes;
} RemoveChange;

static gboolean
run_with_batch (MkStore    *self,
                const char *sql,
                gint64      batch_id,
                GError    **error)
{
  sqlite3_stmt *stmt = mk_store_stmt_for_sql (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, batch_id);
  return mk_store_step_done (self, stmt, error);
}

static gboolean
remove_change (MkStore  *self,
               gpointer  user_data,
               GError  **error)
{
  RemoveChange *change = user_data;
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (RemovedEntry));
  g_autoptr(GStringChunk) tasks = g_string_chunk_new (4096);
  sqlite3_stmt *stmt;
  MkStoreStep step;

  stmt = mk_store_stmt_for_sql (self, exists_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, change->batch_id);
  step = mk_store_step (self, stmt, error);
  sqlite3_reset (stmt);
  if (step == MK_STORE_FAILED)
    return FALSE;
  if (step != MK_STORE_ROW)
    {
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_NOT_FOUND,
                   _("Import %lld is not in the database (it may have been removed "
                     "already); list the imports again."), (long long) change->batch_id);
      return FALSE;
    }

  stmt = mk_store_stmt_for_sql (self, entries_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, change->batch_id);
  while ((step = mk_store_step (self, stmt, error)) == MK_STORE_ROW)
    {
      const char *day = (const char *) sqlite3_column_text (stmt, 1);
      RemovedEntry e;

      e.person_id = sqlite3_column_int64 (stmt, 0);
      e.day = (gint32) (g_ascii_strtoll (day, NULL, 10) * 10000
                        + g_ascii_strtoll (day + 5, NULL, 10) * 100
                        + g_ascii_strtoll (day + 8, NULL, 10));
      e.start = (gint16) (sqlite3_column_type (stmt, 2) == SQLITE_NULL
                          ? -1 : sqlite3_column_int (stmt, 2));
      e.minutes = (gint16) sqlite3_column_int (stmt, 3);
      e.category_id = sqlite3_column_int64 (stmt, 4);
      e.task = g_string_chunk_insert_const (tasks, (const char *) sqlite3_column_text (stmt, 5));
      g_array_append_val (entries, e);
    }
  if (step == MK_STORE_FAILED)
    return FALSE;

  if (!run_with_batch (self, delete_entries_sql, change->batch_id, error))
    return FALSE;
  for (guint i = 0; i < entries->len; i++)
    {
      const RemovedEntry *e = &g_array_index (entries, RemovedEntry, i);
      char day[11];
      MkEntryInput input = { 0 };

      g_snprintf (day, sizeof day, "%04d-%02d-%02d", e->day / 10000, e->day / 100 % 100,
                  e->day % 100);
      input.person_id = e->person_id;
      input.day = day;
      input.start = e->start;
      input.minutes = e->minutes;
      input.category_id = e->category_id;
      input.task = e->task;
      if (!mk_store_rollup_add (self, &input, -1, error))
        return FALSE;
      change->minutes += (guint64) e->minutes;
    }
  change->entries = entries->len;
  return run_with_batch (self, delete_batch_sql, change->batch_id, error);
}

/**
 * mk_store_remove_import:
 * @self: a store
 * @batch_id: the import (MkImportSummary's @id, mk_entry_get_batch_id())
 * @entries: (out) (optional): how many entries went with it
 * @minutes: (out) (optional): their minutes
 * @error: return location for a #GError
 *
 * Takes an import back: its entries (also those edited since it came in)
 * and its batch go, the day totals with them, all in one transaction.
 *
 * Returns: %TRUE once committed; %FALSE with %MK_STORE_ERROR_NOT_FOUND when
 *   there is no such import, or another MK_STORE_ERROR, nothing changed.
 */
gboolean
mk_store_remove_import (MkStore  *self,
                        gint64    batch_id,
                        guint64  *entries,
                        guint64  *minutes,
                        GError  **error)
{
  RemoveChange change = { batch_id, 0, 0 };

  g_return_val_if_fail (MK_IS_STORE (self), FALSE);

  if (entries != NULL)
    *entries = 0;
  if (minutes != NULL)
    *minutes = 0;
  if (!mk_store_change (self, remove_change, &change, error))
    return FALSE;
  if (entries != NULL)
    *entries = change.entries;
  if (minutes != NULL)
    *minutes = change.minutes;
  return TRUE;
}

/* The asynchronous twins. */

typedef struct {
  char    *db_path;
  gint64   batch_id;
  guint64  entries;
  guint64  minutes;
} ImportsJob;

static void
imports_job_free (gpointer data)
{
  ImportsJob *job = data;

  g_free (job->db_path);
  g_free (job);
}

static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ImportsJob *job = task_data;
  g_autoptr(MkStore) store = NULL;
  GPtrArray *list;
  GError *error = NULL;

  store = mk_store_open (job->db_path, &error);
  list = store ? mk_store_list_imports (store, &error) : NULL;
  if (list == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, list, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * mk_store_list_imports_async:
 * @self: a store
 * @cancellable: (nullable): to cancel
 * @callback: called on the caller's main context with the list
 * @user_data: data for @callback
 *
 * mk_store_list_imports() in a worker thread, so that a window does not
 * wait while a million entries are counted.
 */
void
mk_store_list_imports_async (MkStore             *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportsJob *job;

  g_return_if_fail (MK_IS_STORE (self));

  job = g_new0 (ImportsJob, 1);
  job->db_path = g_strdup (mk_store_get_path (self));
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mk_store_list_imports_async);
  g_task_set_task_data (task, job, imports_job_free);
  g_task_run_in_thread (task, list_thread);
}

/**
 * mk_store_list_imports_finish:
 * @self: the store
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type MkImportSummary) (nullable): the
 *   imports, newest first.
 */
GPtrArray *
mk_store_list_imports_finish (MkStore       *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
remove_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportsJob *job = task_data;
  g_autoptr(MkStore) store = NULL;
  GError *error = NULL;

  store = mk_store_open (job->db_path, &error);
  if (store == NULL
      || !mk_store_remove_import (store, job->batch_id, &job->entries, &job->minutes, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * mk_store_remove_import_async:
 * @self: a store
 * @batch_id: the import
 * @callback: called on the caller's main context when it is done
 * @user_data: data for @callback
 *
 * mk_store_remove_import() in a worker thread.  Not cancellable: a removal
 * is one transaction, and once asked for it goes through or fails whole.
 */
void
mk_store_remove_import_async (MkStore             *self,
                              gint64               batch_id,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportsJob *job;

  g_return_if_fail (MK_IS_STORE (self));

  job = g_new0 (ImportsJob, 1);
  job->db_path = g_strdup (mk_store_get_path (self));
  job->batch_id = batch_id;
  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, mk_store_remove_import_async);
  g_task_set_task_data (task, job, imports_job_free);
  g_task_run_in_thread (task, remove_thread);
}

/**
 * mk_store_remove_import_finish:
 * @self: the store
 * @result: the result given to the callback
 * @entries: (out) (optional): how many entries went
 * @minutes: (out) (optional): their minutes
 * @error: return location for a #GError
 *
 * Emits "changed" on @self when the import was removed.
 *
 * Returns: %TRUE once committed.
 */
gboolean
mk_store_remove_import_finish (MkStore       *self,
                               GAsyncResult  *result,
                               guint64       *entries,
                               guint64       *minutes,
                               GError       **error)
{
  ImportsJob *job;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  job = g_task_get_task_data (G_TASK (result));
  if (entries != NULL)
    *entries = job->entries;
  if (minutes != NULL)
    *minutes = job->minutes;
  g_signal_emit_by_name (self, "changed");
  return TRUE;
}
