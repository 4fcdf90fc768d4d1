/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-store-open.c — new, damaged, read-only and busy databases.
 *
 * Real files and real processes: a child killed (SIGKILL) in the middle of
 * creating a database, several children creating the same database at
 * once, a reader started while another process holds the file the way a
 * big import does, a reader without the right to write the folder.  A
 * child is stopped at an exact moment by a VFS that, at a chosen write,
 * tells the parent on a pipe and waits: no test sleeps or guesses a time.
 */
#define _GNU_SOURCE
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mk-error.h"
#include "store-test-utils.h"

/* A VFS that stops a process at its Nth write to any file.  The files are
 * the real VFS's; their method tables (one for the database, one for the
 * journals) are copied with another xWrite. */
#define N_TABLES 4

static struct {
  sqlite3_vfs               vfs;
  sqlite3_vfs              *real;
  sqlite3_io_methods        io[N_TABLES];
  const sqlite3_io_methods *real_io[N_TABLES];
  int                       writes_left;  /* stop at the write that makes it 0 */
  int                       notify_fd;    /* told "w" when stopped */
  int                       resume_fd;    /* a byte read here lets it go on */
} stopper;

static int
stopper_write (sqlite3_file *file,
               const void   *data,
               int           amount,
               sqlite3_int64 offset)
{
  guint t = 0;

  while (file->pMethods != &stopper.io[t])
    t++;
  if (stopper.writes_left > 0 && --stopper.writes_left == 0)
    {
      char c = 'w';

      if (write (stopper.notify_fd, &c, 1) != 1 || read (stopper.resume_fd, &c, 1) != 1)
        _exit (9);
    }
  return stopper.real_io[t]->xWrite (file, data, amount, offset);
}

static int
stopper_open (sqlite3_vfs  *vfs,
              const char   *name,
              sqlite3_file *file,
              int           flags,
              int          *out_flags)
{
  int rc = stopper.real->xOpen (stopper.real, name, file, flags, out_flags);

  if (rc == SQLITE_OK && file->pMethods != NULL)
    {
      guint t = 0;

      while (stopper.real_io[t] != NULL && stopper.real_io[t] != file->pMethods)
        t++;
      g_assert_cmpuint (t, <, N_TABLES);
      if (stopper.real_io[t] == NULL)
        {
          stopper.real_io[t] = file->pMethods;
          stopper.io[t] = *file->pMethods;
          stopper.io[t].xWrite = stopper_write;
        }
      file->pMethods = &stopper.io[t];
    }
  return rc;
}

/* In a child: stop at the @n-th write, tell @notify_fd, go on when a byte
 * comes on @resume_fd. */
static void
stopper_install (int n,
                 int notify_fd,
                 int resume_fd)
{
  stopper.real = sqlite3_vfs_find (NULL);
  stopper.vfs = *stopper.real;
  stopper.vfs.zName = "mk-test-stopper";
  stopper.vfs.xOpen = stopper_open;
  stopper.writes_left = n;
  stopper.notify_fd = notify_fd;
  stopper.resume_fd = resume_fd;
  g_assert_cmpint (sqlite3_vfs_register (&stopper.vfs, 1), ==, SQLITE_OK);
}

/* Reads one byte, or returns 0 when the writer is gone. */
static char
read_byte (int fd)
{
  char c = 0;

  return read (fd, &c, 1) == 1 ? c : 0;
}

static int
exit_status (pid_t pid)
{
  int status = 0;

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -WTERMSIG (status);
}

/* The hidden temporaries of creations, in @dir. */
static guint
count_temporaries (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *entry;
  guint n = 0;

  g_assert_nonnull (listing);
  while ((entry = g_dir_read_name (listing)) != NULL)
    if (entry[0] == '.' && strstr (entry, ".new-") != NULL)
      n++;
  return n;
}

static char *
fresh_folder (const char *name)
{
  g_autofree char *dir = mk_test_db_path (name);

  g_mkdir_with_parents (dir, 0700);
  return g_steal_pointer (&dir);
}

static void
assert_sound (const char *path)
{
  g_autoptr(MkStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = mk_store_open_full (path, MK_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  mk_test_assert_consistent (store);
  g_assert_nonnull (mk_store_get_category_by_key (store, "calls"));
}

/* Creation killed at the @n-th write: FALSE when the child finished first. */
static gboolean
kill_creation_at (const char *path,
                  int         n)
{
  int to_parent[2];
  int to_child[2];
  pid_t pid;
  gboolean stopped;

  g_assert_cmpint (pipe (to_parent), ==, 0);
  g_assert_cmpint (pipe (to_child), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      MkStore *store;

      close (to_parent[0]);
      close (to_child[1]);
      stopper_install (n, to_parent[1], to_child[0]);
      store = mk_store_open (path, NULL);
      _exit (store != NULL ? 0 : 1);
    }
  close (to_parent[1]);
  close (to_child[0]);
  stopped = read_byte (to_parent[0]) == 'w';
  if (stopped)
    kill (pid, SIGKILL);
  close (to_parent[0]);
  close (to_child[1]);
  g_assert_cmpint (exit_status (pid), ==, stopped ? -SIGKILL : 0);
  return stopped;
}

static void
test_kill_during_creation (void)
{
  g_autofree char *dir = fresh_folder ("killed");
  g_autofree char *path = g_build_filename (dir, "minutka.db", NULL);
  int n = 1;

  /* At ever later writes, until the creation ends before the stop. */
  while (kill_creation_at (path, n))
    {
      /* Either nothing is there under the database's name but a hidden
       * temporary, or a whole database (the kill came after it was put in
       * place): never an empty or half-made file. */
      if (g_file_test (path, G_FILE_TEST_EXISTS))
        assert_sound (path);
      else
        g_assert_cmpuint (count_temporaries (dir), >=, 1);

      /* The next start makes (or opens) a good database and clears what
       * the killed one left. */
      g_object_unref (mk_store_open (path, NULL));
      g_assert_cmpuint (count_temporaries (dir), ==, 0);
      assert_sound (path);
      g_assert_cmpint (g_unlink (path), ==, 0);

      n++;
    }
  g_test_message ("creation ran through after %d writes", n);
  g_assert_cmpint (n, >, 10);
  assert_sound (path);
}

static void
test_kill_completing_empty_file (void)
{
  g_autofree char *dir = fresh_folder ("empty-killed");
  g_autofree char *path = g_build_filename (dir, "minutka.db", NULL);
  GStatBuf st;

  /* What an older Minutka left when it was stopped while creating the
   * file in place: an empty file (here 0644), then a log of the
   * transaction that was never committed. */
  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  g_assert_true (kill_creation_at (path, 3));

  /* Not "an empty file, delete it": the next start finishes the database
   * in place. */
  g_object_unref (mk_store_open (path, NULL));
  assert_sound (path);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_two_creators (void)
{
  g_autofree char *dir = fresh_folder ("race");
  g_autofree char *path = g_build_filename (dir, "minutka.db", NULL);
  g_autoptr(MkStore) store = NULL;
  g_autoptr(GListModel) people = NULL;
  g_autoptr(GError) error = NULL;
  enum { N = 3 };
  pid_t pids[N];
  int to_parent[2];
  int to_child[2];

  g_assert_cmpint (pipe (to_parent), ==, 0);
  g_assert_cmpint (pipe (to_child), ==, 0);
  for (guint i = 0; i < N; i++)
    {
      pids[i] = fork ();
      g_assert_cmpint (pids[i], >=, 0);
      if (pids[i] == 0)
        {
          g_autofree char *name = g_strdup_printf ("Creator %u", i);
          g_autoptr(MkPerson) person = NULL;
          MkStore *mine;
          GError *failed = NULL;

          close (to_parent[0]);
          close (to_child[1]);
          /* Every child stops in the middle of building its database. */
          stopper_install (1, to_parent[1], to_child[0]);
          mine = mk_store_open (path, &failed);
          if (mine == NULL)
            {
              /* Said on the pipe too, so that the parent does not wait. */
              g_printerr ("%s\n", failed->message);
              if (write (to_parent[1], "f", 1) != 1)
                _exit (3);
              _exit (1);
            }
          person = mk_store_ensure_person (mine, name, NULL, &failed);
          if (person == NULL)
            g_printerr ("%s: %s\n", name, failed->message);
          _exit (person != NULL ? 0 : 2);
        }
    }
  close (to_parent[1]);
  close (to_child[0]);

  /* All of them are creating at once; then they go on together. */
  for (guint i = 0; i < N; i++)
    g_assert_cmpint (read_byte (to_parent[0]), ==, 'w');
  g_assert_cmpint (write (to_child[1], "ggg", N), ==, N);
  for (guint i = 0; i < N; i++)
    g_assert_cmpint (exit_status (pids[i]), ==, 0);
  close (to_parent[0]);
  close (to_child[1]);

  /* One database, with what each of them wrote, and nothing left over. */
  store = mk_store_open_full (path, MK_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  mk_test_assert_consistent (store);
  people = mk_store_list_people (store, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (people), ==, N);
  g_assert_cmpuint (count_temporaries (dir), ==, 0);
}

static void
test_new_database_is_private (void)
{
  g_autofree char *dir = fresh_folder ("private");
  g_autofree char *path = g_build_filename (dir, "sub", "minutka.db", NULL);
  g_autofree char *sub = g_path_get_dirname (path);
  g_autoptr(MkStore) store = mk_store_open (path, NULL);
  GStatBuf st;

  g_assert_nonnull (store);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (sub, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpuint (count_temporaries (sub), ==, 0);
}

static void
test_existing_mode_never_creates (void)
{
  g_autofree char *dir = fresh_folder ("missing");
  g_autofree char *path = g_build_filename (dir, "not", "there", "minutka.db", NULL);
  g_autofree char *empty = g_build_filename (dir, "empty.db", NULL);
  g_autofree char *not_dir = g_build_filename (dir, "not", NULL);
  g_autoptr(GError) error = NULL;
  MkStore *store;

  for (MkStoreOpenMode mode = MK_STORE_OPEN_EXISTING; mode <= MK_STORE_OPEN_READ_ONLY; mode++)
    {
      store = mk_store_open_full (path, mode, &error);
      g_assert_null (store);
      g_assert_error (error, MK_STORE_ERROR, MK_STORE_ERROR_OPEN);
      g_assert_nonnull (strstr (error->message, "does not exist"));
      g_clear_error (&error);
      g_assert_false (g_file_test (not_dir, G_FILE_TEST_EXISTS));

      /* An empty file is no database either, and stays empty. */
      g_assert_true (g_file_set_contents (empty, "", 0, NULL));
      store = mk_store_open_full (empty, mode, &error);
      g_assert_null (store);
      g_assert_error (error, MK_STORE_ERROR, MK_STORE_ERROR_NOT_FOUND);
      g_assert_nonnull (strstr (error->message, "empty"));
      g_clear_error (&error);
      g_assert_true (g_file_test (empty, G_FILE_TEST_IS_REGULAR));
      {
        GStatBuf st;

        g_assert_cmpint (g_stat (empty, &st), ==, 0);
        g_assert_cmpint (st.st_size, ==, 0);
      }
    }
}

static void
assert_refused_unchanged (const char *path,
                          int         code,
                          const char *words)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  gsize len = 0;
  g_autoptr(GError) error = NULL;
  MkStore *store;

  g_assert_true (g_file_get_contents (path, &before, &len, NULL));
  store = mk_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, MK_STORE_ERROR, code);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, words));
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_true (memcmp (before, after, len) == 0);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_negative_version (void)
{
  g_autofree char *path = mk_test_db_path ("negative.db");
  sqlite3 *db = NULL;

  g_unlink (path);
  g_object_unref (mk_store_open (path, NULL));
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = DELETE; PRAGMA user_version = -1",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  /* Refused with a message (it was an assertion abort, exit 134). */
  assert_refused_unchanged (path, MK_STORE_ERROR_NOT_MINUTKA, "version -1");
}

static char *
database_with_entries (const char *name)
{
  g_autofree char *path = mk_test_db_path (name);
  g_autoptr(MkStore) store = NULL;
  g_autoptr(MkPerson) anna = NULL;
  gint64 calls;

  g_unlink (path);
  store = mk_store_open (path, NULL);
  anna = mk_store_ensure_person (store, "Anna", NULL, NULL);
  calls = mk_category_get_id (mk_store_get_category_by_key (store, "calls"));
  for (guint i = 0; i < 200; i++)
    {
      MkEntryInput input = { mk_person_get_id (anna), "2026-11-23", (int) i, 5, calls,
                             "a task long enough to fill some pages of the entry table",
                             0, 0, 0 };

      g_assert_cmpint (mk_store_add_entry (store, &input, NULL), >, 0);
    }
  return g_steal_pointer (&path);
}

static void
test_truncated_is_damaged (void)
{
  g_autofree char *path = database_with_entries ("truncated.db");
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (truncate (path, 3 * 4096), ==, 0);
  /* Not "not a Minutka database": it is one, cut short. */
  assert_refused_unchanged (path, MK_STORE_ERROR_CORRUPT, "is damaged");
  {
    g_autoptr(GError) error = NULL;
    MkStore *store = mk_store_open_full (path, MK_STORE_OPEN_READ_ONLY, &error);

    g_assert_null (store);
    g_assert_error (error, MK_STORE_ERROR, MK_STORE_ERROR_CORRUPT);
    g_assert_nonnull (strstr (error->message, "its end is missing"));
    g_assert_nonnull (strstr (error->message, "backup"));
  }
}

static void
test_overwritten_is_damaged (void)
{
  g_autofree char *path = database_with_entries ("overwritten.db");
  g_autofree char *contents = NULL;
  gsize len = 0;

  /* Page 1 after its header (the schema) overwritten, as by a stray write. */
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  memset (contents + 100, 0x5a, 4096 - 100);
  g_assert_true (g_file_set_contents (path, contents, (gssize) len, NULL));
  assert_refused_unchanged (path, MK_STORE_ERROR_CORRUPT, "is damaged");
}

static void
test_refuses_fifo (void)
{
  g_autofree char *path = mk_test_db_path ("pipe.db");
  g_autoptr(GError) error = NULL;
  MkStore *store;

  g_unlink (path);
  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  /* Refused before anything opens it: opening a named pipe with no writer
   * would wait for ever. */
  for (MkStoreOpenMode mode = MK_STORE_OPEN_CREATE; mode <= MK_STORE_OPEN_READ_ONLY; mode++)
    {
      store = mk_store_open_full (path, mode, &error);
      g_assert_null (store);
      g_assert_error (error, MK_STORE_ERROR, MK_STORE_ERROR_NOT_MINUTKA);
      g_assert_nonnull (strstr (error->message, "named pipe"));
      g_clear_error (&error);
    }
  store = mk_store_open ("/dev/null", &error);
  g_assert_null (store);
  g_assert_nonnull (strstr (error->message, "a device"));
}

static void
test_bad_paths (void)
{
  g_autofree char *link = mk_test_db_path ("dangling.db");
  g_autofree char *loop = mk_test_db_path ("loop.db");
  g_autoptr(GError) error = NULL;
  MkStore *store;

  store = mk_store_open ("", &error);
  g_assert_null (store);
  g_assert_nonnull (strstr (error->message, "--db"));
  g_clear_error (&error);

  g_unlink (link);
  g_assert_cmpint (symlink ("nowhere/minutka.db", link), ==, 0);
  store = mk_store_open (link, &error);
  g_assert_null (store);
  g_assert_nonnull (strstr (error->message, "does not exist"));
  g_clear_error (&error);

  g_unlink (loop);
  g_assert_cmpint (symlink (loop, loop), ==, 0);
  store = mk_store_open (loop, &error);
  g_assert_null (store);
  g_assert_nonnull (strstr (error->message, "circle"));
}

/* A reader started while another process holds the file with a rollback
 * journal, as a big import does: it waits past its lock timeout, says why,
 * and reads the data once the import is done. */
static void
waited_cb (const char *message,
           gpointer    user_data)
{
  int fd = GPOINTER_TO_INT (user_data);
  gsize len = strlen (message);

  if (write (fd, message, len) != (gssize) len)
    _exit (8);
  /* Past the short timeout already: the usual one from here on. */
  g_unsetenv ("MINUTKA_BUSY_TIMEOUT_MS");
}

static void
test_waits_for_import (void)
{
  g_autofree char *path = database_with_entries ("import.db");
  char message[512] = { 0 };
  sqlite3 *importer = NULL;
  gssize got;
  int to_parent[2];
  int to_child[2];
  pid_t pid;

  /* The reader is started first: SQLite's connections must not cross a
   * fork.  It opens the file once the import holds it. */
  g_assert_cmpint (pipe (to_parent), ==, 0);
  g_assert_cmpint (pipe (to_child), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autoptr(MkStore) store = NULL;
      GError *error = NULL;
      gint64 n;

      close (to_parent[0]);
      close (to_child[1]);
      if (read_byte (to_child[0]) != 'g')
        _exit (3);
      /* Any other lock would be given up after 50 ms. */
      g_setenv ("MINUTKA_BUSY_TIMEOUT_MS", "50", TRUE);
      mk_store_set_wait_notify (waited_cb, GINT_TO_POINTER (to_parent[1]));
      store = mk_store_open_full (path, MK_STORE_OPEN_EXISTING, &error);
      if (store == NULL)
        {
          waited_cb (error->message, GINT_TO_POINTER (to_parent[1]));
          _exit (1);
        }
      n = mk_store_count_entries (store);
      _exit (n == 200 ? 0 : 2);
    }
  close (to_parent[1]);
  close (to_child[0]);

  /* The import: rollback journal, the exclusive lock held. */
  g_assert_cmpint (sqlite3_open (path, &importer), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (importer, "PRAGMA journal_mode = DELETE; BEGIN EXCLUSIVE; "
                                 "INSERT INTO setting VALUES ('imported', '1')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (write (to_child[1], "g", 1), ==, 1);
  close (to_child[1]);

  /* The reader says why it waits (an error would come here too). */
  got = read (to_parent[0], message, sizeof message - 1);
  g_assert_cmpint (got, >, 0);
  g_test_message ("%s", message);
  g_assert_nonnull (strstr (message, "Waiting for"));
  g_assert_nonnull (strstr (message, "import"));

  /* The import commits: the reader goes on and reads everything. */
  g_assert_cmpint (sqlite3_exec (importer, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (importer);
  memset (message, 0, sizeof message);
  if (exit_status (pid) != 0 && read (to_parent[0], message, sizeof message - 1) > 0)
    g_error ("the reader failed: %s", message);
  close (to_parent[0]);
}

/* The window's way: without waiting (an import holds the file: told at
 * once), then on a worker that says why it waits and can be stopped. */
static void
async_waited_cb (const char *message,
                 gpointer    user_data)
{
  char **told = user_data;

  g_free (*told);
  *told = g_strdup (message);
}

static void
async_opened_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static void
test_no_wait_and_async (void)
{
  g_autofree char *path = database_with_entries ("async.db");
  g_autofree char *told = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(MkStore) store = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *importer = NULL;

  g_assert_cmpint (sqlite3_open (path, &importer), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (importer, "PRAGMA journal_mode = DELETE; BEGIN EXCLUSIVE; "
                                 "INSERT INTO setting VALUES ('imported', '1')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  /* Told at once, not after a timeout. */
  store = mk_store_open_full (path, MK_STORE_OPEN_CREATE | MK_STORE_OPEN_NO_WAIT, &error);
  g_assert_null (store);
  g_assert_error (error, MK_STORE_ERROR, MK_STORE_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "an import is writing"));
  g_clear_error (&error);

  /* On a worker: it says why it waits, and a cancel stops the wait. */
  mk_store_open_async (path, MK_STORE_OPEN_CREATE, async_waited_cb, &told, cancellable,
                       async_opened_cb, &result);
  while (told == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (strstr (told, "Waiting for"));
  g_cancellable_cancel (cancellable);
  store = mk_store_open_finish (wait_for_result (&result), &error);
  g_assert_null (store);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_object (&result);

  /* Once the import is done, the worker's store is the caller's. */
  g_clear_pointer (&told, g_free);
  mk_store_open_async (path, MK_STORE_OPEN_CREATE, async_waited_cb, &told, NULL,
                       async_opened_cb, &result);
  while (told == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (sqlite3_exec (importer, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (importer);
  store = mk_store_open_finish (wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (mk_store_count_entries (store), ==, 200);
  mk_test_assert_consistent (store);
}

/* A lock held by anything else is still given up, with a message. */
static void
test_other_lock_times_out (void)
{
  g_autofree char *path = database_with_entries ("locked.db");
  g_autoptr(MkStore) store = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *holder = NULL;
  MkSettings settings;

  store = mk_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_open (path, &holder), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (holder, "BEGIN IMMEDIATE; INSERT INTO setting VALUES "
                                 "('held', '1')", NULL, NULL, NULL), ==, SQLITE_OK);
  g_setenv ("MINUTKA_BUSY_TIMEOUT_MS", "50", TRUE);
  mk_store_get_settings (store, &settings);
  g_assert_false (mk_store_set_settings (store, &settings, &error));
  g_unsetenv ("MINUTKA_BUSY_TIMEOUT_MS");
  g_assert_error (error, MK_STORE_ERROR, MK_STORE_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "busy"));
  sqlite3_close (holder);
}

/* Runs @func in a child that cannot write @dir (as nobody when root). */
static void
in_read_only_folder (const char *dir,
                     void      (*func) (const char *dir))
{
  pid_t pid;

  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
  /* Nobody must be able to reach it. */
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      if (geteuid () == 0 && (setresgid (65534, 65534, 65534) != 0 ||
                              setresuid (65534, 65534, 65534) != 0))
        _exit (5);
      if (g_access (dir, W_OK) == 0)
        _exit (6);
      func (dir);
      _exit (0);
    }
  g_assert_cmpint (exit_status (pid), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
}

/* A folder with a database that another user (nobody) may read. */
static char *
shared_folder_with_database (const char *name)
{
  g_autofree char *dir = g_dir_make_tmp ("mk-test-ro-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(MkStore) store = NULL;
  g_autoptr(MkPerson) anna = NULL;
  MkEntryInput input = { 0, "2026-11-23", 600, 45, 0, "Acme", 0, 0, 0 };

  g_assert_nonnull (dir);
  store = mk_store_open (path, NULL);
  anna = mk_store_ensure_person (store, "Anna", NULL, NULL);
  input.person_id = mk_person_get_id (anna);
  input.category_id = mk_category_get_id (mk_store_get_category_by_key (store, "calls"));
  g_assert_cmpint (mk_store_add_entry (store, &input, NULL), >, 0);
  g_clear_object (&store);
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  if (geteuid () == 0)
    g_assert_cmpint (chown (path, 65534, 65534), ==, 0);
  return g_steal_pointer (&dir);
}

static void
read_only_reads (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "minutka.db", NULL);
  g_autoptr(MkStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *reason = NULL;
  MkEntryInput input = { 1, "2026-11-24", 600, 10, 1, "more", 0, 0, 0 };

  store = mk_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (mk_store_is_read_only (store, &reason));
  g_assert_nonnull (strstr (reason, "cannot be written"));
  g_assert_cmpint (mk_store_count_entries (store), ==, 1);
  mk_test_assert_consistent (store);

  /* A change says why it cannot be saved. */
  g_assert_cmpint (mk_store_add_entry (store, &input, &error), ==, 0);
  g_assert_error (error, MK_STORE_ERROR, MK_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "can only be read"));
  g_assert_nonnull (strstr (error->message, dir));
}

static void
remove_folder (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *entry;

  while (listing != NULL && (entry = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, entry, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
test_read_only_folder (void)
{
  g_autofree char *dir = shared_folder_with_database ("minutka.db");
  g_autofree char *shm = g_build_filename (dir, "minutka.db-shm", NULL);

  in_read_only_folder (dir, read_only_reads);
  g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
  remove_folder (dir);
}

static void
unread_log_refused (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "minutka.db", NULL);
  g_autoptr(GError) error = NULL;
  MkStore *store;

  store = mk_store_open_full (path, MK_STORE_OPEN_READ_ONLY, &error);
  g_assert_null (store);
  g_assert_error (error, MK_STORE_ERROR, MK_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "-wal"));
  g_assert_nonnull (strstr (error->message, "folder"));
}

static void
test_read_only_folder_with_log (void)
{
  g_autofree char *dir = shared_folder_with_database ("minutka.db");
  g_autofree char *path = g_build_filename (dir, "minutka.db", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  sqlite3 *db = NULL;

  /* Committed changes still in the log, whose index (-shm) is gone. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO setting VALUES ('late', '1')", NULL, NULL,
                                 NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_unlink (shm);
  if (geteuid () == 0)
    g_assert_cmpint (chown (wal, 65534, 65534), ==, 0);
  in_read_only_folder (dir, unread_log_refused);
  remove_folder (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/open/new/private", test_new_database_is_private);
  g_test_add_func ("/store/open/new/kill-9-during-creation", test_kill_during_creation);
  g_test_add_func ("/store/open/new/kill-9-completing-empty-file",
                   test_kill_completing_empty_file);
  g_test_add_func ("/store/open/new/two-creators-at-once", test_two_creators);
  g_test_add_func ("/store/open/existing/never-creates", test_existing_mode_never_creates);
  g_test_add_func ("/store/open/refuses/negative-version", test_negative_version);
  g_test_add_func ("/store/open/refuses/fifo-and-devices", test_refuses_fifo);
  g_test_add_func ("/store/open/refuses/bad-paths", test_bad_paths);
  g_test_add_func ("/store/open/damaged/truncated", test_truncated_is_damaged);
  g_test_add_func ("/store/open/damaged/overwritten", test_overwritten_is_damaged);
  g_test_add_func ("/store/open/busy/waits-for-import", test_waits_for_import);
  g_test_add_func ("/store/open/busy/other-lock-times-out", test_other_lock_times_out);
  g_test_add_func ("/store/open/busy/no-wait-and-async", test_no_wait_and_async);
  g_test_add_func ("/store/open/read-only/folder", test_read_only_folder);
  g_test_add_func ("/store/open/read-only/folder-with-log", test_read_only_folder_with_log);

  return g_test_run ();
}
