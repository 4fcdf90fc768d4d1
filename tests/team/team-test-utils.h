/* SPDX-License-Identifier: GPL-3.0-or-later */
/* team-test-utils.h — a real PostgreSQL server for the team tests.
 *
 * tests/team/with-postgres.sh starts a throw-away cluster and says where it
 * is in MINUTKA_TEST_PG_*; these helpers make a team database on it (owned
 * by a role that is not a superuser, as a real team's owner would be),
 * connect as any role, keep the roles' passwords in the .pgpass file
 * (PGPASSFILE) the way a user would, stop and start the server, and run the
 * command line.
 */
#pragma once

#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include "mk-store.h"

#define TEAM_OWNER "teamowner"
#define TEAM_OWNER_PASSWORD "owner-secret-7"

static inline const char *
pg_env (const char *name)
{
  const char *value = g_getenv (name);

  g_assert_nonnull (value);
  return value;
}

/* "host=… port=… user=@user dbname=@db" */
static inline char *
pg_conninfo (const char *user,
             const char *db)
{
  return g_strdup_printf ("host=%s port=%s user=%s dbname=%s", pg_env ("MINUTKA_TEST_PG_HOST"),
                          pg_env ("MINUTKA_TEST_PG_PORT"), user, db);
}

static inline PGconn *
pg_connect (const char *user,
            const char *db)
{
  g_autofree char *conninfo = pg_conninfo (user, db);
  PGconn *conn = PQconnectdb (conninfo);

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("connecting as %s to %s: %s", user, db, PQerrorMessage (conn));
  return conn;
}

/* Runs @sql as @user on @db; fails the test unless it succeeds. */
static inline void
pg_exec (const char *user,
         const char *db,
         const char *sql)
{
  PGconn *conn = pg_connect (user, db);
  PGresult *result = PQexec (conn, sql);
  ExecStatusType status = PQresultStatus (result);

  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  PQclear (result);
  PQfinish (conn);
}

/* The first value of @sql as @user, or "ERROR: …" when it fails. */
static inline char *
pg_value (const char *user,
          const char *db,
          const char *sql)
{
  PGconn *conn = pg_connect (user, db);
  PGresult *result = PQexec (conn, sql);
  ExecStatusType status = PQresultStatus (result);
  char *value;

  if (status == PGRES_TUPLES_OK && PQntuples (result) > 0)
    value = g_strdup (PQgetvalue (result, 0, 0));
  else if (status == PGRES_COMMAND_OK)
    value = g_strdup (PQcmdTuples (result));
  else if (status == PGRES_TUPLES_OK)
    value = g_strdup ("");
  else
    value = g_strdup_printf ("ERROR: %s", PQresultErrorMessage (result));
  PQclear (result);
  PQfinish (conn);
  return value;
}

/* pg_value() with one parameter, $1. */
static inline char *
pg_value_with (const char *user,
               const char *db,
               const char *sql,
               const char *param)
{
  PGconn *conn = pg_connect (user, db);
  const char *values[] = { param };
  PGresult *result = PQexecParams (conn, sql, 1, NULL, values, NULL, NULL, 0);
  ExecStatusType status = PQresultStatus (result);
  char *value;

  if (status == PGRES_TUPLES_OK && PQntuples (result) > 0)
    value = g_strdup (PQgetvalue (result, 0, 0));
  else if (status == PGRES_COMMAND_OK)
    value = g_strdup (PQcmdTuples (result));
  else if (status == PGRES_TUPLES_OK)
    value = g_strdup ("");
  else
    value = g_strdup_printf ("ERROR: %s", PQresultErrorMessage (result));
  PQclear (result);
  PQfinish (conn);
  return value;
}

/* Remembers @user's password in the .pgpass file, as the person would. */
static inline void
pg_remember_password (const char *user,
                      const char *password)
{
  g_autofree char *line = g_strdup_printf ("%s:%s:*:%s:%s\n", pg_env ("MINUTKA_TEST_PG_HOST"),
                                           pg_env ("MINUTKA_TEST_PG_PORT"), user, password);
  FILE *f = fopen (pg_env ("PGPASSFILE"), "a");

  g_assert_nonnull (f);
  fputs (line, f);
  fclose (f);
}

/* The team's owner: may create roles and databases, is no superuser. */
static inline void
pg_ensure_owner (void)
{
  g_autofree char *exists = pg_value ("postgres", "postgres",
                                      "SELECT count(*) FROM pg_roles WHERE rolname = 'teamowner'");

  if (g_str_equal (exists, "1"))
    return;
  pg_exec ("postgres", "postgres",
           "CREATE ROLE teamowner LOGIN CREATEROLE CREATEDB PASSWORD '" TEAM_OWNER_PASSWORD "'");
  pg_remember_password (TEAM_OWNER, TEAM_OWNER_PASSWORD);
}

/* A new, empty database @name owned by the team's owner. */
static inline void
pg_create_team_db (const char *name)
{
  PGconn *conn;
  char *quoted;
  g_autoptr(GString) sql = g_string_new ("CREATE DATABASE ");

  pg_ensure_owner ();
  conn = pg_connect ("postgres", "postgres");
  quoted = PQescapeIdentifier (conn, name, strlen (name));
  g_string_append (sql, quoted);
  g_string_append (sql, " OWNER teamowner");
  PQfreemem (quoted);
  PQfinish (conn);
  pg_exec ("postgres", "postgres", sql->str);
}

/* pg_ctl stop (fast) or start, as the server's own user. */
static inline void
pg_server (gboolean start)
{
  g_autofree char *pg_ctl = g_build_filename (pg_env ("MINUTKA_TEST_PG_BINDIR"), "pg_ctl", NULL);
  g_autofree char *log = g_build_filename (pg_env ("MINUTKA_TEST_PG_HOST"), "server.log", NULL);
  g_autofree char *options = g_strdup_printf ("-k %s -p %s -c listen_addresses='' -c fsync=off "
                                              "-c max_connections=150",
                                              pg_env ("MINUTKA_TEST_PG_HOST"),
                                              pg_env ("MINUTKA_TEST_PG_PORT"));
  const char *runas = g_getenv ("MINUTKA_TEST_PG_RUNAS");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  if (runas != NULL && *runas != '\0')
    {
      g_ptr_array_add (argv, "runuser");
      g_ptr_array_add (argv, "-u");
      g_ptr_array_add (argv, (gpointer) runas);
      g_ptr_array_add (argv, "--");
    }
  g_ptr_array_add (argv, pg_ctl);
  g_ptr_array_add (argv, "-D");
  g_ptr_array_add (argv, (gpointer) pg_env ("MINUTKA_TEST_PG_DATA"));
  g_ptr_array_add (argv, "-w");
  g_ptr_array_add (argv, "-t");
  g_ptr_array_add (argv, "60");
  if (start)
    {
      g_ptr_array_add (argv, "-l");
      g_ptr_array_add (argv, log);
      g_ptr_array_add (argv, "-o");
      g_ptr_array_add (argv, options);
      g_ptr_array_add (argv, "start");
    }
  else
    {
      g_ptr_array_add (argv, "-m");
      g_ptr_array_add (argv, "fast");
      g_ptr_array_add (argv, "stop");
    }
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL,
                G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
}

typedef struct {
  int   status;
  char *out;
  char *err;
} CliRun;

static inline void
cli_run_clear (CliRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

/* Runs the real binary (MINUTKA_BIN) with @argv, in English. */
static inline void
cli_run (CliRun             *run,
         const char * const *argv)
{
  g_autoptr(GPtrArray) full = g_ptr_array_new ();
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  cli_run_clear (run);
  g_ptr_array_add (full, (gpointer) pg_env ("MINUTKA_BIN"));
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (full, (gpointer) argv[i]);
  g_ptr_array_add (full, NULL);
  env = g_environ_unsetenv (env, "DISPLAY");
  env = g_environ_setenv (env, "LANGUAGE", "C", TRUE);
  env = g_environ_setenv (env, "LC_ALL", "C.UTF-8", TRUE);
  g_spawn_sync (NULL, (char **) full->pdata, env, G_SPAWN_DEFAULT, NULL, NULL, &run->out,
                &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
  if (*run->err != '\0')
    g_test_message ("minutka said: %s", run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliRun, cli_run_clear)
