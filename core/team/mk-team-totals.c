/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-team-totals.c — the team's anonymous totals, as an analysis input.
 *
 * A manager may read only their own entries, but the view
 * minutka.team_totals (mk-team-server.c) gives every member the minutes
 * per person, day and category of the whole team, each person under an
 * anonymous key.  Built into an MkAnalysisInput with the local database's
 * categories (the team's, received with each sync), they give the same
 * team medians the supervisor's analysis computes from the entries: "my
 * day against the team's" without anybody's name.  The prime-hour minutes
 * are not in the totals (they depend on the start times), so findings of
 * timing are not made from them.
 */
#define G_LOG_DOMAIN "mk-team"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mk-team-private.h"
#include "mk-team-server.h"
#include "mk-team-totals.h"

/* The manager's own anonymous key: the member whose totals are exactly the
 * login's own entries summed the same way, read in the same snapshot.  Two
 * members with the same totals are the same to the medians, so either
 * will do.  NULL when the login has no time in the period. */
static char *
my_member (PGconn      *conn,
           PGresult    *totals,
           const char  *from,
           const char  *to,
           GError     **error)
{
  g_autoptr(PGresult) mine = NULL;
  g_autoptr(GString) signature = g_string_new (NULL);
  g_autoptr(GString) member = g_string_new (NULL);
  const char *values[] = { from, to };
  int n = PQntuples (totals);

  mine = mk_team_query (conn,
                        "SELECT to_char (e.day, 'YYYY-MM-DD'), c.key, sum (e.minutes)::integer "
                        "FROM minutka.entry e JOIN minutka.category c ON c.uuid = e.category "
                        "WHERE NOT e.deleted AND e.person = minutka.person_of (current_user) "
                        "AND e.day BETWEEN $1::date AND $2::date "
                        "GROUP BY e.day, c.key ORDER BY e.day, c.key",
                        2, values, _("reading the team's totals"), error);
  if (mine == NULL)
    return NULL;
  for (int i = 0; i < PQntuples (mine); i++)
    g_string_append_printf (signature, "%s|%s|%s;", PQgetvalue (mine, i, 0),
                            PQgetvalue (mine, i, 1), PQgetvalue (mine, i, 2));
  if (signature->len == 0)
    return NULL;

  for (int i = 0; i < n; i++)
    {
      const char *key = PQgetvalue (totals, i, 0);

      g_string_append_printf (member, "%s|%s|%s;", PQgetvalue (totals, i, 1),
                              PQgetvalue (totals, i, 2), PQgetvalue (totals, i, 3));
      if (i + 1 == n || strcmp (key, PQgetvalue (totals, i + 1, 0)) != 0)
        {
          if (g_str_equal (member->str, signature->str))
            return g_strdup (key);
          g_string_truncate (member, 0);
        }
    }
  return NULL;
}

static MkAnalysisInput *
read_totals (MkStore     *store,
             const char  *password,
             const char  *from,
             const char  *to,
             gboolean     without_me,
             GError     **error)
{
  g_autoptr(MkTeamLink) link = NULL;
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(PGresult) rows = NULL;
  g_autoptr(GListModel) categories = NULL;
  g_autoptr(MkAnalysisInput) input = NULL;
  g_autoptr(GHashTable) members = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *me = NULL;
  const char *values[] = { from, to };

  link = mk_team_link_read (store, error);
  if (link == NULL)
    return NULL;
  conn = mk_team_connect (link->conninfo, password, error);
  if (conn == NULL || !mk_team_check_schema (conn, NULL, error))
    return NULL;
  /* The totals and the login's own entries from one snapshot. */
  if (without_me &&
      !mk_team_exec (conn, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
                     _("reading the team's totals"), error))
    return NULL;
  rows = mk_team_query (conn,
                        "SELECT member, to_char (day, 'YYYY-MM-DD'), category, minutes, entries, "
                        "timed_minutes FROM minutka.team_totals "
                        "WHERE day BETWEEN $1::date AND $2::date ORDER BY member, day, category",
                        2, values, _("reading the team's totals"), error);
  if (rows == NULL)
    return NULL;
  if (without_me)
    {
      GError *local = NULL;

      me = my_member (conn, rows, from, to, &local);
      if (local != NULL)
        {
          g_propagate_error (error, local);
          return NULL;
        }
      if (!mk_team_exec (conn, "COMMIT", _("reading the team's totals"), error))
        return NULL;
    }

  input = mk_analysis_input_new (from, to);
  categories = mk_store_list_categories (store, TRUE);
  for (guint i = 0; i < g_list_model_get_n_items (categories); i++)
    {
      g_autoptr(MkCategory) c = g_list_model_get_item (categories, i);

      mk_analysis_input_add_category (input, mk_category_get_key (c), mk_category_get_name (c),
                                      mk_category_get_color (c), mk_category_get_kind (c),
                                      mk_category_get_target_min (c),
                                      mk_category_get_target_max (c));
    }
  for (int i = 0; i < PQntuples (rows); i++)
    {
      const char *member = PQgetvalue (rows, i, 0);
      int category = mk_analysis_input_find_category (input, PQgetvalue (rows, i, 2));
      gpointer person;

      if (category < 0 || g_strcmp0 (member, me) == 0)
        continue;
      if (!g_hash_table_lookup_extended (members, member, NULL, &person))
        {
          g_autofree char *name =
            g_strdup_printf (_("Member %u"), g_hash_table_size (members) + 1);

          person = GUINT_TO_POINTER (mk_analysis_input_add_person (input, name, NULL,
                                                                   MK_LEVEL_NONE));
          g_hash_table_insert (members, g_strdup (member), person);
        }
      mk_analysis_input_add_day (input, GPOINTER_TO_UINT (person), PQgetvalue (rows, i, 1),
                                 (guint) category, atoi (PQgetvalue (rows, i, 3)),
                                 atoi (PQgetvalue (rows, i, 4)), 0,
                                 atoi (PQgetvalue (rows, i, 5)));
    }
  return g_steal_pointer (&input);
}

/**
 * mk_team_read_totals:
 * @store: a store in a team
 * @password: (nullable): the login's password, or %NULL to let libpq find it
 * @from: the first day, "YYYY-MM-DD"
 * @to: the last day
 * @error: return location for a #GError
 *
 * Reads the team's anonymous totals of the period from the server.  The
 * people of the input are "Member 1", "Member 2", … in the order of their
 * anonymous keys.
 *
 * Returns: (transfer full) (nullable): the input, or %NULL with @error set.
 */
MkAnalysisInput *
mk_team_read_totals (MkStore    *store,
                     const char *password,
                     const char *from,
                     const char *to,
                     GError    **error)
{
  g_return_val_if_fail (MK_IS_STORE (store), NULL);
  g_return_val_if_fail (from != NULL && to != NULL, NULL);

  return read_totals (store, password, from, to, FALSE, error);
}

/**
 * mk_team_analyse_mine:
 * @store: a manager's store in a team
 * @password: (nullable): the login's password, or %NULL to let libpq find it
 * @period: which period (resolved on @store, mk_analysis_resolve_period())
 * @from: (nullable): the first day of a custom period
 * @to: (nullable): the last day of a custom period
 * @study_name: (out) (transfer full) (optional) (nullable): the study's name
 *   when the period is the active study
 * @error: return location for a #GError
 *
 * "My analysis": the manager's own entries (from @store, with what waits
 * to be sent) against the rest of the team's anonymous totals, read from
 * the server without the login's own (mk_analysis_input_new_mine()), in
 * team mode.  The manager is the person linked to the login; the others
 * are "Member N" and never named.  With nothing logged here at all the
 * analysis is empty and has no period, as mk_analysis_new_for_period().
 *
 * Returns: (transfer full) (nullable): the analysis, or %NULL with @error
 *   (MK_TEAM_ERROR_CONNECT when the server cannot be reached).
 */
MkAnalysis *
mk_team_analyse_mine (MkStore           *store,
                      const char        *password,
                      MkAnalysisPeriod   period,
                      const char        *from,
                      const char        *to,
                      char             **study_name,
                      GError           **error)
{
  g_autoptr(MkTeamStatus) status = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autoptr(MkAnalysisInput) mine = NULL;
  g_autoptr(MkAnalysisInput) team = NULL;
  g_autoptr(MkAnalysisInput) input = NULL;
  MkSettings settings;

  g_return_val_if_fail (MK_IS_STORE (store), NULL);

  status = mk_team_get_status (store, error);
  if (status == NULL)
    return NULL;
  if (status->person == NULL)
    {
      g_set_error (error, MK_TEAM_ERROR, MK_TEAM_ERROR_NO_PERSON,
                   _("The login %s is linked to no person of the team."), status->login);
      return NULL;
    }
  mk_store_get_settings (store, &settings);
  if (!mk_analysis_resolve_period (store, period, from, to, &first, &last, study_name))
    {
      g_autoptr(MkAnalysisInput) nothing = mk_analysis_input_new (NULL, NULL);

      return mk_analysis_new (nothing, &settings, MK_PEER_MODE_TEAM);
    }
  mine = mk_analysis_input_new_from_store (store, first, last, error);
  if (mine == NULL)
    return NULL;
  team = read_totals (store, password, first, last, TRUE, error);
  if (team == NULL)
    return NULL;
  input = mk_analysis_input_new_mine (mine, status->person, team);
  return mk_analysis_new (input, &settings, MK_PEER_MODE_TEAM);
}

typedef struct {
  char             *path;
  char             *password;
  MkAnalysisPeriod  period;
  char             *from;
  char             *to;
  char             *study_name;  /* the result's, set by the worker */
} MineRequest;

static void
mine_request_free (gpointer data)
{
  MineRequest *request = data;

  g_free (request->path);
  if (request->password != NULL)
    memset (request->password, 0, strlen (request->password));
  g_free (request->password);
  g_free (request->from);
  g_free (request->to);
  g_free (request->study_name);
  g_free (request);
}

static void
analyse_mine_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  MineRequest *request = task_data;
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
  analysis = mk_team_analyse_mine (worker, request->password, request->period, request->from,
                                   request->to, &request->study_name, &error);
  if (analysis == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, analysis, g_object_unref);
}

/**
 * mk_team_analyse_mine_async:
 * @store: the store; the worker reads the same file on a connection of its own
 * @password: (nullable): the login's password (copied, wiped when done)
 * @period: which period
 * @from: (nullable): the first day of a custom period
 * @to: (nullable): the last day of a custom period
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's thread-default main context
 * @user_data: data for @callback
 *
 * Does what mk_team_analyse_mine() does, in a worker thread.
 */
void
mk_team_analyse_mine_async (MkStore             *store,
                            const char          *password,
                            MkAnalysisPeriod     period,
                            const char          *from,
                            const char          *to,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  MineRequest *request;

  g_return_if_fail (MK_IS_STORE (store));
  g_return_if_fail (period != MK_ANALYSIS_PERIOD_CUSTOM || (from != NULL && to != NULL));

  request = g_new0 (MineRequest, 1);
  request->path = g_strdup (mk_store_get_path (store));
  request->password = g_strdup (password);
  request->period = period;
  request->from = g_strdup (from);
  request->to = g_strdup (to);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mk_team_analyse_mine_async);
  g_task_set_task_data (task, request, mine_request_free);
  g_task_run_in_thread (task, analyse_mine_thread);
}

/**
 * mk_team_analyse_mine_finish:
 * @result: the result passed to the callback
 * @study_name: (out) (transfer full) (optional) (nullable): the study's name
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the analysis, or %NULL with @error.
 */
MkAnalysis *
mk_team_analyse_mine_finish (GAsyncResult  *result,
                             char         **study_name,
                             GError       **error)
{
  MkAnalysis *analysis;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mk_team_analyse_mine_async,
                        NULL);

  analysis = g_task_propagate_pointer (G_TASK (result), error);
  if (study_name != NULL)
    {
      MineRequest *request = g_task_get_task_data (G_TASK (result));

      *study_name = analysis != NULL ? g_strdup (request->study_name) : NULL;
    }
  return analysis;
}
