/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-analysis-compute.c — an MkAnalysis of the store, in a worker thread.
 *
 * The Analysis page asks for a period and a peer group; this module turns
 * the period into days (the study, the last three logged days, or the days
 * given), reads the rollups and runs the engine, all in a GTask thread.
 *
 * Invariants.  A store is used from one thread at a time, so the worker
 * never touches the window's MkStore: each computation opens its own
 * connection to the same file and closes it when done.  A fresh connection
 * every time matters: an MkStore caches the categories and settings it
 * loaded, and would not see those another connection (Preferences, an
 * import) committed since.  Reading commits nothing.  The result is
 * immutable and safe to hand to the main thread.
 */
#define G_LOG_DOMAIN "mk-analysis-page"

#include "config.h"

#include "mk-analysis-compute.h"

typedef struct {
  char             *path;
  MkAnalysisPeriod  period;
  char             *from;
  char             *to;
  MkPeerMode        mode;
} Request;

static void
request_free (gpointer data)
{
  Request *request = data;

  g_free (request->path);
  g_free (request->from);
  g_free (request->to);
  g_free (request);
}

/**
 * mk_analysis_computed_free:
 * @computed: (nullable): a result of mk_analysis_compute_finish()
 */
void
mk_analysis_computed_free (MkAnalysisComputed *computed)
{
  if (computed == NULL)
    return;
  g_clear_object (&computed->analysis);
  g_free (computed->study_name);
  g_free (computed);
}

/* The days a period covers, read through the worker's connection. */
static void
resolve_period (Request            *request,
                MkStore            *worker,
                MkAnalysisComputed *result,
                char              **from,
                char              **to)
{
  switch (request->period)
    {
    case MK_ANALYSIS_PERIOD_STUDY:
      if (!mk_store_get_study (worker, &result->study_name, from, to)
          || *from == NULL || *to == NULL)
        {
          g_clear_pointer (&result->study_name, g_free);
          g_clear_pointer (from, g_free);
          g_clear_pointer (to, g_free);
          mk_analysis_default_period (worker, from, to);
        }
      break;
    case MK_ANALYSIS_PERIOD_LAST_DAYS:
      {
        g_auto(GStrv) days = mk_store_last_logged_days (worker, 3);
        guint n = days != NULL ? g_strv_length (days) : 0;

        if (n > 0)
          {
            *from = g_strdup (days[0]);
            *to = g_strdup (days[n - 1]);
          }
      }
      break;
    case MK_ANALYSIS_PERIOD_WEEK:
    case MK_ANALYSIS_PERIOD_CUSTOM:
    default:
      *from = g_strdup (request->from);
      *to = g_strdup (request->to);
      break;
    }
}

static void
compute_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Request *request = task_data;
  g_autoptr(MkAnalysisComputed) result = g_new0 (MkAnalysisComputed, 1);
  g_autoptr(MkStore) worker = NULL;
  g_autoptr(MkAnalysisInput) input = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  GError *error = NULL;
  MkSettings settings;
  gint64 start = g_get_monotonic_time ();

  worker = mk_store_open (request->path, &error);
  if (worker == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (!mk_store_is_empty (worker))
    resolve_period (request, worker, result, &from, &to);
  if (from == NULL || to == NULL)
    {
      result->nothing_logged = TRUE;
      g_task_return_pointer (task, g_steal_pointer (&result),
                             (GDestroyNotify) mk_analysis_computed_free);
      return;
    }

  input = mk_analysis_input_new_from_store (worker, from, to, &error);
  if (input == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  mk_store_get_settings (worker, &settings);
  result->analysis = mk_analysis_new (input, &settings, request->mode);
  result->usec = g_get_monotonic_time () - start;

  g_task_return_pointer (task, g_steal_pointer (&result),
                         (GDestroyNotify) mk_analysis_computed_free);
}

/**
 * mk_analysis_compute_async:
 * @db_path: the database file
 * @period: which period to analyse
 * @from: (nullable): the first day ("YYYY-MM-DD") for a week or a custom range
 * @to: (nullable): the last day for a week or a custom range
 * @mode: whom each manager is compared with
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the main context with the result
 * @user_data: data for @callback
 *
 * Computes the analysis in a worker thread, on a connection of its own.
 */
void
mk_analysis_compute_async (const char          *db_path,
                           MkAnalysisPeriod     period,
                           const char          *from,
                           const char          *to,
                           MkPeerMode           mode,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Request *request;

  g_return_if_fail (db_path != NULL);

  request = g_new0 (Request, 1);
  request->path = g_strdup (db_path);
  request->period = period;
  request->from = g_strdup (from);
  request->to = g_strdup (to);
  request->mode = mode;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mk_analysis_compute_async);
  g_task_set_task_data (task, request, request_free);
  g_task_run_in_thread (task, compute_thread);
}

/**
 * mk_analysis_compute_finish:
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the computed analysis, or %NULL
 *   with @error set (MK_STORE_ERROR) when the database could not be read.
 */
MkAnalysisComputed *
mk_analysis_compute_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * mk_analysis_week_range:
 * @from: (out) (transfer full): this week's Monday, "YYYY-MM-DD"
 * @to: (out) (transfer full): this week's Sunday
 */
void
mk_analysis_week_range (char **from,
                        char **to)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) monday = g_date_time_add_days (now,
                                                      1 - g_date_time_get_day_of_week (now));
  g_autoptr(GDateTime) sunday = g_date_time_add_days (monday, 6);

  *from = g_date_time_format (monday, "%Y-%m-%d");
  *to = g_date_time_format (sunday, "%Y-%m-%d");
}
