/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-analysis-period.c — which days an analysis looks at, and an analysis of
 * the store in a worker thread.
 *
 * The period rules, once: the default period is the active study, else the
 * last MK_ANALYSIS_DEFAULT_DAYS days with logged time; "this week" is Monday
 * to Sunday of the week of the local day.  When nothing is logged at all,
 * there is no period, and the analysis of it is empty with no days
 * (mk_analysis_get_from() returns %NULL): that is how a caller tells
 * "nothing logged yet" from "nothing logged in this period".
 *
 * mk_analysis_new_for_period() is the synchronous call; its _async twin
 * runs the same code in a GTask thread.  A store is used from one thread at
 * a time, so the worker never touches the caller's MkStore: it opens its
 * own connection to the same file and closes it when done.  A fresh
 * connection every time also matters because an MkStore caches the
 * categories and settings it loaded and would not see what another
 * connection (Preferences, an import) committed since.  Reading commits
 * nothing; the result is immutable and safe to hand to the main thread.
 */
#define G_LOG_DOMAIN "mk-analysis"

#include "config.h"

#include "mk-analysis.h"

/**
 * mk_analysis_week_range:
 * @day: a local date and time
 * @from: (out) (transfer full): the Monday of @day's week, "YYYY-MM-DD"
 * @to: (out) (transfer full): the Sunday of @day's week
 */
void
mk_analysis_week_range (GDateTime  *day,
                        char      **from,
                        char      **to)
{
  g_autoptr(GDateTime) monday = NULL;
  g_autoptr(GDateTime) sunday = NULL;

  g_return_if_fail (day != NULL);
  g_return_if_fail (from != NULL && to != NULL);

  monday = g_date_time_add_days (day, 1 - g_date_time_get_day_of_week (day));
  sunday = g_date_time_add_days (monday, 6);
  *from = g_date_time_format (monday, "%Y-%m-%d");
  *to = g_date_time_format (sunday, "%Y-%m-%d");
}

static gboolean
last_logged_days (MkStore  *store,
                  char    **from,
                  char    **to)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) days = mk_store_last_logged_days (store, MK_ANALYSIS_DEFAULT_DAYS, &error);
  guint n = days != NULL ? g_strv_length (days) : 0;

  /* Unreadable: the analysis that follows fails on the same file and says why. */
  if (days == NULL)
    g_warning ("%s", error->message);
  if (n == 0)
    return FALSE;
  *from = g_strdup (days[0]);
  *to = g_strdup (days[n - 1]);
  return TRUE;
}

/**
 * mk_analysis_resolve_period:
 * @store: the store
 * @period: which period
 * @from: (nullable): the first day ("YYYY-MM-DD") of a custom period
 * @to: (nullable): the last day of a custom period
 * @out_from: (out) (transfer full) (nullable): the first day of the period
 * @out_to: (out) (transfer full) (nullable): the last day of the period
 * @study_name: (out) (transfer full) (optional) (nullable): the study's name
 *   when the period is the active study, else %NULL
 *
 * Turns a period into days.
 *
 * Returns: %FALSE (and %NULL days) when nothing is logged at all, so there
 *   is no period to look at.
 */
gboolean
mk_analysis_resolve_period (MkStore           *store,
                            MkAnalysisPeriod   period,
                            const char        *from,
                            const char        *to,
                            char             **out_from,
                            char             **out_to,
                            char             **study_name)
{
  g_return_val_if_fail (MK_IS_STORE (store), FALSE);
  g_return_val_if_fail (out_from != NULL && out_to != NULL, FALSE);
  g_return_val_if_fail (period != MK_ANALYSIS_PERIOD_CUSTOM || (from != NULL && to != NULL),
                        FALSE);

  *out_from = NULL;
  *out_to = NULL;
  if (study_name != NULL)
    *study_name = NULL;
  if (mk_store_is_empty (store))
    return FALSE;

  switch (period)
    {
    case MK_ANALYSIS_PERIOD_STUDY:
      {
        g_autofree char *name = NULL;

        if (mk_store_get_study (store, &name, out_from, out_to)
            && *out_from != NULL && *out_to != NULL)
          {
            if (study_name != NULL)
              *study_name = g_steal_pointer (&name);
            return TRUE;
          }
        g_clear_pointer (out_from, g_free);
        g_clear_pointer (out_to, g_free);
        return last_logged_days (store, out_from, out_to);
      }
    case MK_ANALYSIS_PERIOD_LAST_DAYS:
      return last_logged_days (store, out_from, out_to);
    case MK_ANALYSIS_PERIOD_WEEK:
      {
        g_autoptr(GDateTime) now = g_date_time_new_now_local ();

        mk_analysis_week_range (now, out_from, out_to);
        return TRUE;
      }
    case MK_ANALYSIS_PERIOD_CUSTOM:
    default:
      *out_from = g_strdup (from);
      *out_to = g_strdup (to);
      return TRUE;
    }
}

/**
 * mk_analysis_default_period:
 * @store: the store
 * @from: (out) (transfer full): the first day
 * @to: (out) (transfer full): the last day
 *
 * The period the analysis looks at when none is given: the active study,
 * else the last three days with logged time.
 *
 * Returns: %FALSE (and %NULL days) when nothing is logged.
 */
gboolean
mk_analysis_default_period (MkStore  *store,
                            char    **from,
                            char    **to)
{
  return mk_analysis_resolve_period (store, MK_ANALYSIS_PERIOD_STUDY, NULL, NULL, from, to,
                                     NULL);
}

/**
 * mk_analysis_new_for_period:
 * @store: the store
 * @period: which period
 * @from: (nullable): the first day ("YYYY-MM-DD") of a custom period
 * @to: (nullable): the last day of a custom period
 * @mode: whole team, or by level
 * @study_name: (out) (transfer full) (optional) (nullable): the study's name
 *   when the period is the active study
 * @error: return location for a #GError
 *
 * Resolves the period (mk_analysis_resolve_period()) and analyses it
 * (mk_analysis_new_for_store()).  With nothing logged at all the analysis
 * is empty and has no period.
 *
 * Returns: (transfer full) (nullable): the analysis, or %NULL with @error
 *   (MK_STORE_ERROR) when the database cannot be read.
 */
MkAnalysis *
mk_analysis_new_for_period (MkStore           *store,
                            MkAnalysisPeriod   period,
                            const char        *from,
                            const char        *to,
                            MkPeerMode         mode,
                            char             **study_name,
                            GError           **error)
{
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autoptr(MkAnalysisInput) nothing = NULL;
  MkSettings settings;

  g_return_val_if_fail (MK_IS_STORE (store), NULL);

  if (mk_analysis_resolve_period (store, period, from, to, &first, &last, study_name))
    return mk_analysis_new_for_store (store, first, last, mode, error);

  nothing = mk_analysis_input_new (NULL, NULL);
  mk_store_get_settings (store, &settings);
  return mk_analysis_new (nothing, &settings, mode);
}

/* The async twin */

typedef struct {
  char             *path;
  MkAnalysisPeriod  period;
  char             *from;
  char             *to;
  MkPeerMode        mode;
  char             *study_name;  /* the result's, set by the worker */
} Request;

static void
request_free (gpointer data)
{
  Request *request = data;

  g_free (request->path);
  g_free (request->from);
  g_free (request->to);
  g_free (request->study_name);
  g_free (request);
}

static void
new_for_period_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  Request *request = task_data;
  g_autoptr(MkStore) worker = NULL;
  MkAnalysis *analysis;
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  worker = mk_store_open (request->path, &error);
  if (worker == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  analysis = mk_analysis_new_for_period (worker, request->period, request->from, request->to,
                                         request->mode, &request->study_name, &error);
  if (analysis == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, analysis, g_object_unref);
}

/**
 * mk_analysis_new_for_period_async:
 * @store: the store; the worker reads the same file on a connection of its own
 * @period: which period
 * @from: (nullable): the first day ("YYYY-MM-DD") of a custom period
 * @to: (nullable): the last day of a custom period
 * @mode: whole team, or by level
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's thread-default main context with the result
 * @user_data: data for @callback
 *
 * Does what mk_analysis_new_for_period() does, in a worker thread.
 */
void
mk_analysis_new_for_period_async (MkStore             *store,
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

  g_return_if_fail (MK_IS_STORE (store));
  g_return_if_fail (period != MK_ANALYSIS_PERIOD_CUSTOM || (from != NULL && to != NULL));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  request = g_new0 (Request, 1);
  request->path = g_strdup (mk_store_get_path (store));
  request->period = period;
  request->from = g_strdup (from);
  request->to = g_strdup (to);
  request->mode = mode;

  /* No source object: the caller's store must not be touched, nor its
   * last reference dropped, in the worker. */
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mk_analysis_new_for_period_async);
  g_task_set_task_data (task, request, request_free);
  g_task_run_in_thread (task, new_for_period_thread);
}

/**
 * mk_analysis_new_for_period_finish:
 * @result: the result passed to the callback
 * @study_name: (out) (transfer full) (optional) (nullable): the study's name
 *   when the period is the active study
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the analysis, or %NULL with @error
 *   set: G_IO_ERROR_CANCELLED when cancelled, MK_STORE_ERROR when the
 *   database could not be read.
 */
MkAnalysis *
mk_analysis_new_for_period_finish (GAsyncResult  *result,
                                   char         **study_name,
                                   GError       **error)
{
  MkAnalysis *analysis;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == mk_analysis_new_for_period_async, NULL);

  analysis = g_task_propagate_pointer (G_TASK (result), error);
  if (study_name != NULL)
    {
      Request *request = g_task_get_task_data (G_TASK (result));

      *study_name = analysis != NULL ? g_strdup (request->study_name) : NULL;
    }
  return analysis;
}
