/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-team-sync.c — one entry logged and synced, in one process
 * (build-aux/bench-team).
 *
 *   bench-team-sync DB RUNS
 *
 * DB is a local database already in a team, whose login is linked to a
 * person.  RUNS times each, two ways:
 *  - the window's: an MkTeamSession listens (as the window's does), and
 *    each run adds one entry for that person (one store transaction, as
 *    the Today page does) and syncs with mk_team_session_sync_async()
 *    (in its thread, on the listening connection), until the result is
 *    back on the main context;
 *  - without a window: the same add, then mk_team_sync() (connect, send
 *    the change, receive), as `minutka --sync` does.
 * Prints the median and the slowest of the add, the sync and both, in
 * milliseconds, and exits 1 when a sync fails or sends other than one.
 */
#define G_LOG_DOMAIN "bench-team-sync"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "mk-store.h"
#include "mk-team.h"
#include "mk-team-session.h"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
print_times (const char *what,
             GArray     *times)
{
  g_array_sort (times, compare_doubles);
  printf ("%s: median %.2f ms, slowest %.2f ms\n", what,
          g_array_index (times, double, times->len / 2),
          g_array_index (times, double, times->len - 1));
}

typedef struct {
  MkStore       *store;
  MkTeamSession *session;     /* NULL: without a window */
  MkPerson      *person;
  MkCategory    *category;
  GArray        *adds, *syncs, *totals;
  gboolean       done;
  MkTeamSyncResult result;
  GError        *error;
} Run;

static void
synced_cb (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  Run *run = user_data;

  mk_team_session_sync_finish (MK_TEAM_SESSION (source), res, &run->result, &run->error);
  run->done = TRUE;
}

static void
one_run (Run *run,
         int  i)
{
  MkEntryInput input = { 0, };
  gint64 t0, t1, t2;
  double ms;

  input.person_id = mk_person_get_id (run->person);
  input.day = "2026-03-02";
  input.start = -1;
  input.minutes = 1 + i % 30;
  input.category_id = mk_category_get_id (run->category);
  input.task = "Call Acme";
  input.source = MK_ENTRY_SOURCE_MANUAL;
  t0 = g_get_monotonic_time ();
  if (mk_store_add_entry (run->store, &input, &run->error) <= 0)
    g_error ("adding: %s", run->error->message);
  t1 = g_get_monotonic_time ();
  if (run->session != NULL)
    {
      run->done = FALSE;
      mk_team_session_sync_async (run->session, NULL, synced_cb, run);
      while (!run->done)
        g_main_context_iteration (NULL, TRUE);
    }
  else
    mk_team_sync (run->store, NULL, &run->result, NULL, NULL, NULL, &run->error);
  t2 = g_get_monotonic_time ();
  if (run->error != NULL)
    g_error ("syncing: %s", run->error->message);
  if (run->result.sent != 1)
    g_error ("the sync sent %" G_GUINT64_FORMAT " entries, not 1", run->result.sent);
  mk_team_sync_result_clear (&run->result);
  ms = (t1 - t0) / 1000.0;
  g_array_append_val (run->adds, ms);
  ms = (t2 - t1) / 1000.0;
  g_array_append_val (run->syncs, ms);
  ms = (t2 - t0) / 1000.0;
  g_array_append_val (run->totals, ms);
}

static void
runs (Run        *run,
      int         n,
      const char *way)
{
  run->adds = g_array_new (FALSE, FALSE, sizeof (double));
  run->syncs = g_array_new (FALSE, FALSE, sizeof (double));
  run->totals = g_array_new (FALSE, FALSE, sizeof (double));
  for (int i = 0; i < n; i++)
    one_run (run, i);
  printf ("%s:\n", way);
  print_times ("  add", run->adds);
  print_times ("  sync", run->syncs);
  print_times ("  add and sync", run->totals);
  g_clear_pointer (&run->adds, g_array_unref);
  g_clear_pointer (&run->syncs, g_array_unref);
  g_clear_pointer (&run->totals, g_array_unref);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MkStore) store = NULL;
  g_autoptr(MkTeamStatus) status = NULL;
  g_autoptr(MkPerson) person = NULL;
  g_autoptr(GError) error = NULL;
  Run run = { 0, };
  gint64 end;
  int n;

  if (argc != 3 || (n = atoi (argv[2])) < 1)
    {
      fprintf (stderr, "usage: bench-team-sync DB RUNS\n");
      return 2;
    }
  store = mk_store_open_full (argv[1], MK_STORE_OPEN_EXISTING, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  status = mk_team_get_status (store, &error);
  if (status == NULL || status->person == NULL)
    g_error ("%s: in no team, or the login has no person", argv[1]);
  person = mk_store_find_person (store, status->person, NULL);
  run.store = store;
  run.person = person;
  run.category = mk_store_get_category_by_key (store, "calls");
  if (person == NULL || run.category == NULL)
    g_error ("%s: no person %s or no category calls", argv[1], status->person);

  run.session = mk_team_session_new (store);
  mk_team_session_listen (run.session);
  end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (!mk_team_session_get_listening (run.session) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  if (!mk_team_session_get_listening (run.session))
    g_error ("the session did not connect to listen in 30 s");
  runs (&run, n, "in the window (a listening session, its sync thread)");
  mk_team_session_stop_listening (run.session);
  g_clear_object (&run.session);

  runs (&run, n, "without a window (mk_team_sync: a connection each time)");
  return 0;
}
