/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-team-async.c — Test Connection, Join Team and Leave Team for the
 * window: mk_team_check(), mk_team_join() and mk_team_leave() in a GTask
 * worker thread, since each waits on the network or the database.
 *
 * Joining and leaving work on an MkStore of their own, opened on the
 * window's file in the worker (the window's store belongs to the main
 * thread); each is one local transaction, committed before the callback
 * runs.  The finish functions then tell the window's store
 * (mk_store_check_external()), whose "changed" carries the new state to
 * every page and to the window's sync.  The password is copied for the
 * worker only and wiped after use.
 */
#define G_LOG_DOMAIN "mk-team"

#include "config.h"

#include <string.h>

#include "mk-team-async.h"

typedef struct {
  char *db_path;
  char *conninfo;
  char *password;
} TaskData;

static void
wipe (char **secret)
{
  if (*secret != NULL)
    memset (*secret, 0, strlen (*secret));
  g_clear_pointer (secret, g_free);
}

static void
task_data_free (gpointer p)
{
  TaskData *data = p;

  g_free (data->db_path);
  g_free (data->conninfo);
  wipe (&data->password);
  g_free (data);
}

static GTask *
new_task (gpointer             source,
          gpointer             tag,
          MkStore             *store,
          const char          *conninfo,
          const char          *password,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  GTask *task = g_task_new (source, cancellable, callback, user_data);
  TaskData *data = g_new0 (TaskData, 1);

  g_task_set_source_tag (task, tag);
  /* A join that was done is reported, cancelled or not. */
  g_task_set_check_cancellable (task, FALSE);
  data->db_path = store != NULL ? g_strdup (mk_store_get_path (store)) : NULL;
  data->conninfo = g_strdup (conninfo);
  data->password = password != NULL && *password != '\0' ? g_strdup (password) : NULL;
  g_task_set_task_data (task, data, task_data_free);
  return task;
}

/**
 * mk_team_conninfo_from_parts:
 * @host: (nullable): the server, "host" or "host:port"
 * @database: (nullable): the team's database
 * @login: (nullable): the login role
 *
 * Returns: (transfer full): a libpq connection string with what was given
 *   (empty parts left out, values quoted as libpq reads them).
 */
char *
mk_team_conninfo_from_parts (const char *host,
                             const char *database,
                             const char *login)
{
  g_autofree char *host_only = NULL;
  const char *port = NULL;
  GString *out = g_string_new (NULL);
  struct { const char *key; const char *value; } parts[4];

  if (host != NULL)
    {
      const char *colon = strrchr (host, ':');

      /* "host:5433"; an IPv6 address alone has more than one colon. */
      if (colon != NULL && strchr (host, ':') == colon && colon[1] != '\0' &&
          strspn (colon + 1, "0123456789") == strlen (colon + 1))
        {
          host_only = g_strndup (host, colon - host);
          port = colon + 1;
        }
      else
        host_only = g_strdup (host);
      g_strstrip (host_only);
    }
  parts[0].key = "host", parts[0].value = host_only;
  parts[1].key = "port", parts[1].value = port;
  parts[2].key = "dbname", parts[2].value = database;
  parts[3].key = "user", parts[3].value = login;
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autofree char *value = g_strstrip (g_strdup (parts[i].value ? parts[i].value : ""));

      if (*value == '\0')
        continue;
      g_string_append_printf (out, "%s%s='", out->len ? " " : "", parts[i].key);
      for (const char *c = value; *c; c++)
        {
          if (*c == '\'' || *c == '\\')
            g_string_append_c (out, '\\');
          g_string_append_c (out, *c);
        }
      g_string_append_c (out, '\'');
    }
  return g_string_free (out, FALSE);
}

/* Test Connection */

static void
check_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  TaskData *data = task_data;
  GError *error = NULL;
  MkTeamCheck *check = mk_team_check (data->conninfo, data->password, &error);

  wipe (&data->password);
  if (check == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, check, (GDestroyNotify) mk_team_check_free);
}

/**
 * mk_team_check_async:
 * @conninfo: the team's database, without a password
 * @password: (nullable): the login's password, or %NULL for libpq to find
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the thread-default main context when done
 * @user_data: for @callback
 *
 * mk_team_check() in a worker thread.
 */
void
mk_team_check_async (const char          *conninfo,
                     const char          *password,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (conninfo != NULL);

  task = new_task (NULL, mk_team_check_async, NULL, conninfo, password, cancellable, callback,
                   user_data);
  g_task_run_in_thread (task, check_thread);
}

/**
 * mk_team_check_finish:
 * @result: the result given to the callback
 * @error: return location for a #GError (MK_TEAM_ERROR)
 *
 * Returns: (transfer full) (nullable): what the server showed.
 */
MkTeamCheck *
mk_team_check_finish (GAsyncResult  *result,
                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Join Team */

static void
join_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  TaskData *data = task_data;
  g_autoptr(MkStore) store = NULL;
  GError *error = NULL;
  MkTeamStatus *status = NULL;

  store = mk_store_open_full (data->db_path, MK_STORE_OPEN_EXISTING, &error);
  if (store == NULL || !mk_team_join (store, data->conninfo, data->password, &status, &error))
    {
      wipe (&data->password);
      g_task_return_error (task, error);
      return;
    }
  wipe (&data->password);
  g_task_return_pointer (task, status, (GDestroyNotify) mk_team_status_free);
}

/**
 * mk_team_join_async:
 * @store: the window's store, in no team
 * @conninfo: the team's database, without a password
 * @password: (nullable): the login's password for this connection only
 *   (never stored), or %NULL for libpq to find
 * @cancellable: (nullable): a #GCancellable (a join once done is reported)
 * @callback: called on the thread-default main context when done
 * @user_data: for @callback
 *
 * mk_team_join() in a worker thread, on a store of its own on @store's
 * file.
 */
void
mk_team_join_async (MkStore             *store,
                    const char          *conninfo,
                    const char          *password,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MK_IS_STORE (store));
  g_return_if_fail (conninfo != NULL);

  task = new_task (store, mk_team_join_async, store, conninfo, password, cancellable, callback,
                   user_data);
  g_task_run_in_thread (task, join_thread);
}

/**
 * mk_team_join_finish:
 * @store: the store given to mk_team_join_async()
 * @result: the result given to the callback
 * @error: return location for a #GError (MK_TEAM_ERROR, MK_STORE_ERROR)
 *
 * Ends a join; @store is told at once (its "changed" follows).
 *
 * Returns: (transfer full) (nullable): the team as joined.
 */
MkTeamStatus *
mk_team_join_finish (MkStore       *store,
                     GAsyncResult  *result,
                     GError       **error)
{
  MkTeamStatus *status;

  g_return_val_if_fail (MK_IS_STORE (store), NULL);
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  status = g_task_propagate_pointer (G_TASK (result), error);
  if (status != NULL)
    mk_store_check_external (store);
  return status;
}

/* Leave Team */

static void
leave_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  TaskData *data = task_data;
  g_autoptr(MkStore) store = NULL;
  GError *error = NULL;

  store = mk_store_open_full (data->db_path, MK_STORE_OPEN_EXISTING, &error);
  if (store == NULL || !mk_team_leave (store, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * mk_team_leave_async:
 * @store: the window's store, in a team
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the thread-default main context when done
 * @user_data: for @callback
 *
 * mk_team_leave() in a worker thread: the entries stay, the link and the
 * changes not yet sent go.
 */
void
mk_team_leave_async (MkStore             *store,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MK_IS_STORE (store));

  task = new_task (store, mk_team_leave_async, store, NULL, NULL, cancellable, callback,
                   user_data);
  g_task_run_in_thread (task, leave_thread);
}

/**
 * mk_team_leave_finish:
 * @store: the store given to mk_team_leave_async()
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE once left; @store is told at once.
 */
gboolean
mk_team_leave_finish (MkStore       *store,
                      GAsyncResult  *result,
                      GError       **error)
{
  gboolean ok;

  g_return_val_if_fail (MK_IS_STORE (store), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  ok = g_task_propagate_boolean (G_TASK (result), error);
  if (ok)
    mk_store_check_external (store);
  return ok;
}
