/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-team-sync.c — one entry logged and synced, in one process
 * (build-aux/bench-team).
 *
 *   bench-team-sync DB RUNS
 *
 * DB is a local database already in a team, whose login is linked to a
 * person.  RUNS times: adds one entry for that person (one store
 * transaction, as the Today page does) and runs mk_team_sync() (connect,
 * send the change, receive), as the window's sync does after a change.
 * Prints the median and the slowest of the add, the sync and both, in
 * milliseconds, and exits 1 when a sync fails or sends other than one.
 */
#define G_LOG_DOMAIN "bench-team-sync"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "mk-store.h"
#include "mk-team.h"

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

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MkStore) store = NULL;
  g_autoptr(MkTeamStatus) status = NULL;
  g_autoptr(MkPerson) person = NULL;
  MkCategory *category;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) adds = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) syncs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) totals = g_array_new (FALSE, FALSE, sizeof (double));
  int runs;

  if (argc != 3 || (runs = atoi (argv[2])) < 1)
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
  category = mk_store_get_category_by_key (store, "calls");
  if (person == NULL || category == NULL)
    g_error ("%s: no person %s or no category calls", argv[1], status->person);

  for (int i = 0; i < runs; i++)
    {
      MkEntryInput input = { 0, };
      MkTeamSyncResult result;
      gint64 t0, t1, t2;
      double ms;

      input.person_id = mk_person_get_id (person);
      input.day = "2026-03-02";
      input.start = -1;
      input.minutes = 1 + i % 30;
      input.category_id = mk_category_get_id (category);
      input.task = "Call Acme";
      input.source = MK_ENTRY_SOURCE_MANUAL;
      t0 = g_get_monotonic_time ();
      if (mk_store_add_entry (store, &input, &error) <= 0)
        g_error ("adding: %s", error->message);
      t1 = g_get_monotonic_time ();
      if (!mk_team_sync (store, NULL, &result, NULL, NULL, NULL, &error))
        g_error ("syncing: %s", error->message);
      t2 = g_get_monotonic_time ();
      if (result.sent != 1)
        g_error ("the sync sent %" G_GUINT64_FORMAT " entries, not 1", result.sent);
      mk_team_sync_result_clear (&result);
      ms = (t1 - t0) / 1000.0;
      g_array_append_val (adds, ms);
      ms = (t2 - t1) / 1000.0;
      g_array_append_val (syncs, ms);
      ms = (t2 - t0) / 1000.0;
      g_array_append_val (totals, ms);
    }
  print_times ("add", adds);
  print_times ("sync", syncs);
  print_times ("add and sync", totals);
  return 0;
}
