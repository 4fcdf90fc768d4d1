/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-crash.c — kill -9 at random moments never loses or half-writes data.
 *
 * A child process writes entries (one transaction each, or one bulk insert
 * of 100,000 entries) and reports on a pipe every state it has committed.
 * The parent SIGKILLs it at a random moment, reopens the database and checks
 * that SQLite's integrity check passes, that the rollups match the entries,
 * and that the number of entries is one the child had committed or was
 * committing — never a part of a bulk insert.
 */
#include "config.h"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mk-store-bulk.h"
#include "store-test-utils.h"

#define BULK_ROWS 100000

static void
write_count (int    fd,
             gint64 count)
{
  if (write (fd, &count, sizeof count) != sizeof count)
    _exit (3);
}

static G_NORETURN void
child_single_writes (const char *path,
                     int         fd)
{
  g_autoptr(MkStore) store = mk_store_open (path, NULL);
  g_autoptr(MkPerson) anna = NULL;
  MkCategory *calls;
  gint64 n;

  if (store == NULL)
    _exit (2);
  anna = mk_store_ensure_person (store, "Anna", NULL, NULL);
  calls = mk_store_get_category_by_key (store, "calls");
  n = mk_store_count_entries (store);
  for (guint i = 0; ; i++)
    {
      MkEntryInput in = { mk_person_get_id (anna), "2026-11-23", (int) (i % 1440),
                          1 + (int) (i % 90), mk_category_get_id (calls), "loop", 0, 0, 0 };

      if (mk_store_add_entry (store, &in, NULL) <= 0)
        _exit (4);
      write_count (fd, ++n);
    }
}

static G_NORETURN void
child_bulk (const char *path,
            int         fd)
{
  g_autoptr(MkStore) store = mk_store_open (path, NULL);
  g_autoptr(MkPerson) boris = NULL;
  MkStoreBulk *bulk;
  MkCategory *admin;
  guint round = 0;
  gint64 n;

  if (store == NULL)
    _exit (2);
  boris = mk_store_ensure_person (store, "Boris", NULL, NULL);
  admin = mk_store_get_category_by_key (store, "admin");
  for (;;)
    {
      n = mk_store_count_entries (store);
      write_count (fd, n);
      bulk = mk_store_bulk_begin (store, "crash.csv", NULL, NULL, NULL);
      if (bulk == NULL)
        _exit (4);
      /* Every other bulk takes the big-import path: index dropped and
       * rebuilt, rollback journal, rows written on a thread of their own. */
      if (round++ % 2 == 0 && !mk_store_bulk_expect_rows (bulk, (guint64) n + BULK_ROWS, NULL))
        _exit (7);
      for (int i = 0; i < BULK_ROWS; i++)
        {
          char day[11];
          MkEntryInput in = { mk_person_get_id (boris), day, i % 1440, 1 + i % 120,
                              mk_category_get_id (admin), "bulk", 0, 0, 0 };

          g_snprintf (day, sizeof day, "2026-%02d-%02d", 1 + (i / 28) % 12, 1 + i % 28);
          if (!mk_store_bulk_add (bulk, &in, NULL, NULL))
            _exit (5);
        }
      /* Both states are possible once commit starts. */
      write_count (fd, -(n + BULK_ROWS));
      if (!mk_store_bulk_commit (bulk, NULL, NULL))
        _exit (6);
      write_count (fd, n + BULK_ROWS);
    }
}

static void
kill_and_check (const char *path,
                gboolean    bulk,
                guint       max_delay_ms)
{
  g_autoptr(MkStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 last = -1;
  gint64 pending = -1;
  gint64 value;
  gint64 count;
  int fds[2];
  pid_t pid;
  int status;

  g_assert_cmpint (pipe (fds), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      close (fds[0]);
      if (bulk)
        child_bulk (path, fds[1]);
      child_single_writes (path, fds[1]);
    }
  close (fds[1]);

  g_usleep ((gulong) g_random_int_range (20, (gint32) max_delay_ms) * 1000);
  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFSIGNALED (status));

  while (read (fds[0], &value, sizeof value) == sizeof value)
    {
      if (value < 0)
        pending = -value;
      else
        {
          last = value;
          pending = -1;
        }
    }
  close (fds[0]);

  store = mk_store_open (path, &error);
  g_assert_no_error (error);
  mk_test_assert_consistent (store);
  count = mk_store_count_entries (store);
  if (bulk)
    {
      /* Before or after a whole bulk: never in the middle of one. */
      if (last >= 0)
        g_assert_true (count == last || count == pending || count % BULK_ROWS == 0);
      g_assert_cmpint (count % BULK_ROWS, ==, 0);
    }
  else if (last >= 0)
    g_assert_true (count == last || count == last + 1);
  g_test_message ("killed %s writer: %" G_GINT64_FORMAT " entries committed",
                  bulk ? "bulk" : "single", count);
}

static void
test_crash_single_writes (void)
{
  g_autofree char *path = mk_test_db_path ("crash-single.db");

  g_unlink (path);
  g_object_unref (mk_store_open (path, NULL));
  for (guint i = 0; i < 20; i++)
    kill_and_check (path, FALSE, 400);
}

static void
test_crash_bulk (void)
{
  g_autofree char *path = mk_test_db_path ("crash-bulk.db");

  g_unlink (path);
  g_object_unref (mk_store_open (path, NULL));
  for (guint i = 0; i < 20; i++)
    kill_and_check (path, TRUE, 2500);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/crash/kill-9/single-writes", test_crash_single_writes);
  g_test_add_func ("/crash/kill-9/bulk-insert", test_crash_bulk);

  return g_test_run ();
}
