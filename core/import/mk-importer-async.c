/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-importer-async.c — mk_importer_run() in a worker thread.
 *
 * Design notes.
 *
 * The worker opens its own MkStore on the caller's database file (an
 * SQLite connection belongs to one thread at a time) and runs the same
 * mk_importer_run() as the command line.  Progress is forwarded to the
 * caller's thread-default main context, at most ten times a second; the
 * task's callback runs on the same context after every progress call, so
 * the progress data outlives them.  The progress data is let go on that
 * context too, whichever thread frees the task (a window let go on the
 * worker crashed GTK).  Both go through an idle source on the caller's
 * context, never g_main_context_invoke(), which may run them on the worker.
 * When a batch was committed, mk_importer_run_finish() emits "changed" on
 * the caller's store, whose views would not otherwise know about the other
 * connection's commit.
 */
#define G_LOG_DOMAIN "mk-importer"

#include "config.h"

#include "mk-importer.h"

/* The asynchronous run. */
typedef struct {
  char                 *db_path;
  char                 *path;
  MkImportOptions       options;
  GStrv                 maps;
  char                 *person;
  char                 *category_column;
  char                 *person_column;
  char                 *duration_column;
  char                 *task_column;
  char                 *date_column;
  char                 *start_column;
  char                 *end_column;
  GMainContext         *context;
  MkImportProgressFunc  progress;
  gpointer              progress_data;
  GDestroyNotify        progress_notify;
  gint64                last_progress;
} AsyncData;

typedef struct {
  MkImportResult *result;
  GError         *error;
} AsyncOutcome;

typedef struct {
  AsyncData *data;
  guint64    rows;
  guint64    bytes;
  guint64    total;
} ProgressCall;

typedef struct {
  GDestroyNotify notify;
  gpointer       data;
} ProgressRelease;

/* Runs @func on @context's own thread, later.  Not g_main_context_invoke():
 * a worker without a thread-default context of its own runs the function
 * itself whenever it can acquire the global default context, which is
 * free between two iterations of the application's loop. */
static void
run_on_context (GMainContext   *context,
                GSourceFunc     func,
                gpointer        data,
                GDestroyNotify  notify)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, data, notify);
  g_source_set_static_name (source, "[minutka] import progress");
  g_source_attach (source, context);
}

static gboolean
release_in_main_cb (gpointer user_data)
{
  ProgressRelease *release = user_data;

  release->notify (release->data);
  return G_SOURCE_REMOVE;
}

static void
async_data_free (gpointer p)
{
  AsyncData *data = p;

  /* The progress data belongs to the caller's thread (a window, say), but
   * the task, and this with it, is freed by whichever thread drops it
   * last, often the worker: the data is let go on the caller's context. */
  if (data->progress_notify != NULL && g_main_context_is_owner (data->context))
    data->progress_notify (data->progress_data);
  else if (data->progress_notify != NULL)
    {
      ProgressRelease *release = g_new (ProgressRelease, 1);

      release->notify = data->progress_notify;
      release->data = data->progress_data;
      run_on_context (data->context, release_in_main_cb, release, g_free);
    }
  g_free (data->db_path);
  g_free (data->path);
  g_strfreev (data->maps);
  g_free (data->person);
  g_free (data->category_column);
  g_free (data->person_column);
  g_free (data->duration_column);
  g_free (data->task_column);
  g_free (data->date_column);
  g_free (data->start_column);
  g_free (data->end_column);
  g_main_context_unref (data->context);
  g_free (data);
}

static void
async_outcome_free (gpointer p)
{
  AsyncOutcome *outcome = p;

  mk_import_result_free (outcome->result);
  g_clear_error (&outcome->error);
  g_free (outcome);
}

static gboolean
progress_in_main_cb (gpointer user_data)
{
  ProgressCall *call = user_data;

  call->data->progress (call->rows, call->bytes, call->total, call->data->progress_data);
  return G_SOURCE_REMOVE;
}

static void
progress_from_thread_cb (guint64  rows,
                         guint64  bytes,
                         guint64  total,
                         gpointer user_data)
{
  GTask *task = user_data;
  AsyncData *data = g_task_get_task_data (task);
  gint64 now = g_get_monotonic_time ();
  ProgressCall *call;

  /* At most ten updates a second, and always the last one. */
  if (now - data->last_progress < G_USEC_PER_SEC / 10 && bytes < total)
    return;
  data->last_progress = now;
  call = g_new0 (ProgressCall, 1);
  call->data = data;
  call->rows = rows;
  call->bytes = bytes;
  call->total = total;
  /* The task, and with it @data, outlives every call: the task's callback
   * runs on the same context, after these. */
  run_on_context (data->context, progress_in_main_cb, call, g_free);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  AsyncData *data = task_data;
  AsyncOutcome *outcome = g_new0 (AsyncOutcome, 1);
  g_autoptr(MkStore) store = mk_store_open (data->db_path, &outcome->error);

  if (store != NULL)
    mk_importer_run (store, data->path, &data->options, cancellable,
                     data->progress ? progress_from_thread_cb : NULL, task,
                     &outcome->result, &outcome->error);
  g_task_return_pointer (task, outcome, async_outcome_free);
}

/**
 * mk_importer_run_async:
 * @store: the store; the import runs on a store of its own, opened in the
 *   worker thread on the same file
 * @path: the CSV file
 * @options: (nullable): how to import; copied
 * @cancellable: (nullable): cancelling rolls the import back
 * @progress: (nullable): called on the thread-default main context of the
 *   caller, at most ten times a second
 * @progress_data: data for @progress
 * @progress_notify: (nullable): frees @progress_data when the run is over
 * @callback: called when the import is over
 * @user_data: data for @callback
 *
 * Imports a file in a worker thread; see mk_importer_run().
 */
void
mk_importer_run_async (MkStore                *store,
                       const char             *path,
                       const MkImportOptions  *options,
                       GCancellable           *cancellable,
                       MkImportProgressFunc    progress,
                       gpointer                progress_data,
                       GDestroyNotify          progress_notify,
                       GAsyncReadyCallback     callback,
                       gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  AsyncData *data;

  g_return_if_fail (MK_IS_STORE (store));
  g_return_if_fail (path != NULL);

  data = g_new0 (AsyncData, 1);
  data->db_path = g_strdup (mk_store_get_path (store));
  data->path = g_strdup (path);
  if (options != NULL)
    data->options = *options;
  else
    mk_import_options_init (&data->options);
  data->maps = g_strdupv ((char **) data->options.maps);
  data->person = g_strdup (data->options.person);
  data->category_column = g_strdup (data->options.category_column);
  data->options.maps = (const char * const *) data->maps;
  data->options.person = data->person;
  data->options.category_column = data->category_column;
  data->person_column = g_strdup (data->options.person_column);
  data->duration_column = g_strdup (data->options.duration_column);
  data->task_column = g_strdup (data->options.task_column);
  data->options.person_column = data->person_column;
  data->options.duration_column = data->duration_column;
  data->options.task_column = data->task_column;
  data->date_column = g_strdup (data->options.date_column);
  data->start_column = g_strdup (data->options.start_column);
  data->end_column = g_strdup (data->options.end_column);
  data->options.date_column = data->date_column;
  data->options.start_column = data->start_column;
  data->options.end_column = data->end_column;
  data->context = g_main_context_ref_thread_default ();
  data->progress = progress;
  data->progress_data = progress_data;
  data->progress_notify = progress_notify;

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, mk_importer_run_async);
  /* The outcome is what the worker did: a cancel that comes after the
   * commit must not be reported as "nothing was imported". */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, data, async_data_free);
  g_task_run_in_thread (task, run_thread);
}

/**
 * mk_importer_run_finish:
 * @store: the store given to mk_importer_run_async()
 * @result: the #GAsyncResult
 * @import_result: (out) (optional) (transfer full): what happened, also on
 *   failure when the file could be opened
 * @error: return location for an error
 *
 * Returns: %TRUE when the file was imported; fails like mk_importer_run().
 */
gboolean
mk_importer_run_finish (MkStore        *store,
                        GAsyncResult   *result,
                        MkImportResult **import_result,
                        GError        **error)
{
  AsyncOutcome *outcome;
  gboolean ok;

  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  if (import_result != NULL)
    *import_result = NULL;
  outcome = g_task_propagate_pointer (G_TASK (result), error);
  if (outcome == NULL)
    return FALSE;
  ok = outcome->error == NULL;
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&outcome->error));
  /* The worker committed on its own connection: tell this one's views. */
  if (outcome->result != NULL && outcome->result->batch_id != 0)
    g_signal_emit_by_name (store, "changed");
  if (import_result != NULL)
    *import_result = g_steal_pointer (&outcome->result);
  async_outcome_free (outcome);
  return ok;
}
