/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-store-open.c — opening a database: new, existing, read-only, damaged, busy.
 *
 * mk_store_open_full() takes a path and a mode and gives a store whose
 * schema is this Minutka's, or an error that says what is wrong with the
 * file and what to do.  Invariants:
 *
 *  - What is not a regular file (a folder, a named pipe, a device, a
 *    socket, a link to nothing) is refused before anything opens it: a
 *    named pipe given as --db cannot hang the program.
 *  - A new database is built under a hidden name beside it
 *    (".NAME.new-XXXXXX", mode 0600, its folder made 0700 if missing) with
 *    a rollback journal, switched to the write-ahead log, and appears under
 *    its own name only once its schema is committed and its connection
 *    closed: renamed without replacing anything
 *    (RENAME_NOREPLACE, or a hard link).  A kill during creation leaves
 *    only such a temporary, whose lock (flock) then is free: the next
 *    creation in that folder removes it.  Of two processes creating the
 *    same database at once, the first rename wins and the other drops its
 *    own and opens the winner's: both use one good database.
 *  - An existing file is looked at before SQLite writes a byte: it must be
 *    an SQLite file with Minutka's application_id, or an SQLite file with
 *    no tables (an empty file left by an older Minutka killed while it
 *    created it), which MK_STORE_OPEN_CREATE completes in place in one
 *    transaction.  A foreign file, one of a newer Minutka, or one whose
 *    version no Minutka writes (a negative one) is refused and left as it
 *    was.  A file whose header is Minutka's but that SQLite cannot read is
 *    called damaged, with what is wrong: cut short, or SQLite's words.
 *  - MK_STORE_OPEN_EXISTING and MK_STORE_OPEN_READ_ONLY never create a
 *    file or a folder; MK_STORE_OPEN_READ_ONLY never writes (no migration,
 *    no change of journal mode).
 *  - A database whose folder cannot be written (the write-ahead log needs
 *    its -shm file beside it) is opened read-only: as immutable when no
 *    -wal file is there, as usual when both -wal and -shm are; a -wal
 *    without its -shm in a read-only folder cannot be read as it is, and
 *    the message says so.  A read-only store refuses every change with
 *    MK_STORE_ERROR_READ_ONLY and says why it is read-only.
 *  - Lock waits.  A change made in write-ahead-log mode takes
 *    milliseconds, so a store waits for a lock up to BUSY_TIMEOUT_MS, then
 *    fails with MK_STORE_ERROR_BUSY.  A big import runs with a rollback
 *    journal (mk-store-bulk.c) and holds the file as long as it runs:
 *    while that journal is there, a store waits however long it takes and
 *    says why, once per wait (mk_store_set_wait_notify()).  The waits
 *    sleep through the VFS (sqlite3_sleep()), as SQLite's own busy timeout
 *    does.
 */
#define _GNU_SOURCE
#define G_LOG_DOMAIN "mk-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mk-error.h"
#include "mk-paths.h"
#include "mk-store-private.h"

/* "MNTK": marks a file as Minutka's in PRAGMA application_id. */
#define MK_APPLICATION_ID 0x4d4e544b

/* How long a lock held by anything but a big import is waited for. */
#define BUSY_TIMEOUT_MS 10000
/* How long a wait for an import goes on before the user is told why. */
#define WAIT_NOTICE_MS 1000

#define TEMP_INFIX ".new-"

G_LOCK_DEFINE_STATIC (wait_notify);
static MkStoreWaitFunc notify_func;
static gpointer        notify_data;

/* Who hears of a wait on this thread, before the process-wide notifier:
 * the worker of mk_store_open_async(), which also stops waiting when it
 * is cancelled. */
typedef struct {
  MkStoreWaitFunc func;
  gpointer        data;
  GCancellable   *cancellable;
} Waiter;

static GPrivate thread_waiter;

/* The first 100 bytes of a database file, as far as they say anything. */
typedef struct {
  gint64  size;       /* of the file */
  gboolean sqlite;    /* empty, or SQLite's magic string */
  guint32 app_id;
  guint32 user_version;  /* as the file says; its write-ahead log may hold a newer one */
  gint64  page_size;
  gint64  n_pages;    /* as the header counts them */
} Header;

/* mk_fold(text): the text case-folded the Unicode way, for searches that
 * ignore case in every language (SQLite's LIKE folds ASCII only). */
static void
fold_func (sqlite3_context *context,
           int              argc,
           sqlite3_value  **argv)
{
  const char *text = (const char *) sqlite3_value_text (argv[0]);

  if (text == NULL)
    {
      sqlite3_result_null (context);
      return;
    }
  sqlite3_result_text (context, g_utf8_casefold (text, -1), -1, g_free);
}

/**
 * mk_store_set_wait_notify:
 * @func: (nullable): called with a message when a store starts waiting for
 *   a big import, or %NULL to print the message on standard error
 * @user_data: passed to @func
 *
 * Says how the user is told that a store waits for an import in another
 * process (see mk_store_open_full()).  @func may be called from any thread
 * that uses a store, the opening included; it must not use that store.
 */
void
mk_store_set_wait_notify (MkStoreWaitFunc func,
                          gpointer        user_data)
{
  G_LOCK (wait_notify);
  notify_func = func;
  notify_data = user_data;
  G_UNLOCK (wait_notify);
}

static void
notify_waiting (const char *message)
{
  Waiter *waiter = g_private_get (&thread_waiter);
  MkStoreWaitFunc func;
  gpointer data;

  if (waiter != NULL && waiter->func != NULL)
    {
      waiter->func (message, waiter->data);
      return;
    }
  G_LOCK (wait_notify);
  func = notify_func;
  data = notify_data;
  G_UNLOCK (wait_notify);
  if (func != NULL)
    func (message, data);
  else
    g_printerr ("%s\n", message);
}

/* How long a lock held by anything but an import is waited for.  Tests
 * shorten it, to show that an import is waited for past it. */
static int
busy_timeout_ms (void)
{
  const char *env = g_getenv ("MINUTKA_BUSY_TIMEOUT_MS");
  int value = env != NULL ? atoi (env) : 0;

  return value > 0 ? value : BUSY_TIMEOUT_MS;
}

static gboolean
import_holds_file (MkStore *self)
{
  g_autofree char *journal = g_strconcat (self->path, "-journal", NULL);

  return g_file_test (journal, G_FILE_TEST_EXISTS);
}

static char *
waiting_message (MkStore *self)
{
  g_autofree char *name = g_filename_display_name (self->path);

  return g_strdup_printf (_("Waiting for %s: an import is writing to it. Minutka goes on as "
                            "soon as the import is done."), name);
}

static int
busy_cb (void *data,
         int   n_calls)
{
  static const int delays[] = { 1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100 };
  MkStore *self = data;
  Waiter *waiter = g_private_get (&thread_waiter);
  gint64 now = g_get_monotonic_time ();
  gint64 waited;

  if (n_calls == 0)
    {
      self->busy_since = now;
      self->told_waiting = FALSE;
    }
  if (waiter != NULL && g_cancellable_is_cancelled (waiter->cancellable))
    return 0;
  if (self->no_wait && import_holds_file (self))
    {
      self->import_held = TRUE;
      return 0;
    }
  waited = (now - self->busy_since) / 1000;
  if (waited >= MIN (WAIT_NOTICE_MS, busy_timeout_ms ()) && import_holds_file (self))
    {
      if (!self->told_waiting)
        {
          g_autofree char *message = waiting_message (self);

          self->told_waiting = TRUE;
          notify_waiting (message);
        }
    }
  else if (waited >= busy_timeout_ms ())
    return 0;
  sqlite3_sleep (delays[MIN (n_calls, (int) G_N_ELEMENTS (delays) - 1)]);
  return 1;
}

/* Paths */

static const char *
file_kind (mode_t mode)
{
  if (S_ISFIFO (mode))
    return _("a named pipe");
  if (S_ISSOCK (mode))
    return _("a socket");
  if (S_ISCHR (mode) || S_ISBLK (mode))
    return _("a device");
  return _("not a file");
}

/* Sets @exists; refuses what cannot be a database file without opening it. */
static gboolean
check_path (const char *path,
            gboolean   *exists,
            GError    **error)
{
  g_autofree char *name = g_filename_display_name (path);
  GStatBuf st;
  int saved;

  *exists = FALSE;
  if (g_stat (path, &st) == 0)
    {
      if (S_ISDIR (st.st_mode))
        {
          g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_OPEN,
                       _("%s is a folder. Give the name of a database file inside it, "
                         "for example %s/minutka.db."), name, name);
          return FALSE;
        }
      if (!S_ISREG (st.st_mode))
        {
          g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_NOT_MINUTKA,
                       _("%s is not a regular file (it is %s), so it cannot hold a Minutka "
                         "database. It was left alone; give the path of a database file with "
                         "--db."), name, file_kind (st.st_mode));
          return FALSE;
        }
      *exists = TRUE;
      return TRUE;
    }
  saved = errno;
  if (saved == ENOENT && g_lstat (path, &st) == 0 && S_ISLNK (st.st_mode))
    {
      g_autofree char *target = g_file_read_link (path, NULL);

      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_OPEN,
                   _("%s is a symbolic link to %s, which does not exist. Give the path of "
                     "the database file itself with --db."), name, target ? target : "?");
      return FALSE;
    }
  if (saved == ELOOP)
    {
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_OPEN,
                   _("%s is a symbolic link that leads round in a circle. Give the path of "
                     "the database file itself with --db."), name);
      return FALSE;
    }
  /* ENOTDIR: nothing can be there; creating it says why. */
  if (saved == ENOENT || saved == ENOTDIR)
    return TRUE;
  g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_OPEN,
               _("%s cannot be opened (%s). Check the path and its permissions."),
               name, g_strerror (saved));
  return FALSE;
}

static guint32
read_be (const guchar *p,
         guint         n)
{
  guint32 v = 0;

  for (guint i = 0; i < n; i++)
    v = (v << 8) | p[i];
  return v;
}

/* Reads the header without waiting on what is not a regular file. */
static gboolean
read_header (const char *path,
             Header     *header,
             GError    **error)
{
  g_autofree char *name = g_filename_display_name (path);
  guchar bytes[100] = { 0 };
  GStatBuf st;
  gssize got;
  int fd;

  memset (header, 0, sizeof *header);
  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC, 0);
  if (fd < 0 || fstat (fd, &st) != 0)
    {
      int saved = errno;

      if (fd >= 0)
        close (fd);
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_OPEN,
                   _("%s cannot be opened (%s). Check the path and its permissions."),
                   name, g_strerror (saved));
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_NOT_MINUTKA,
                   _("%s is not a regular file (it is %s), so it cannot hold a Minutka "
                     "database. It was left alone; give the path of a database file with "
                     "--db."), name, file_kind (st.st_mode));
      return FALSE;
    }
  got = pread (fd, bytes, sizeof bytes, 0);
  close (fd);

  header->size = st.st_size;
  if (got == 0)
    {
      header->sqlite = TRUE;
      return TRUE;
    }
  if (got < 16 || memcmp (bytes, "SQLite format 3", 16) != 0)
    {
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_NOT_MINUTKA,
                   _("%s is not a Minutka database (it is not an SQLite file). It was left "
                     "unchanged; choose a Minutka database or a new file name with --db."),
                   name);
      return FALSE;
    }
  header->sqlite = TRUE;
  if (got < (gssize) sizeof bytes)
    {
      g_autofree char *what = g_strdup_printf (_("the file ends after %d bytes, inside its "
                                                 "header"), (int) got);

      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_CORRUPT,
                   _("%s is damaged (%s). Restore it from a backup copy."), name, what);
      return FALSE;
    }
  header->page_size = read_be (bytes + 16, 2);
  if (header->page_size == 1)
    header->page_size = 65536;
  /* The size in the header counts only when the change counter matches
   * the version it was written for. */
  if (memcmp (bytes + 24, bytes + 92, 4) == 0)
    header->n_pages = read_be (bytes + 28, 4);
  header->user_version = read_be (bytes + 60, 4);
  header->app_id = read_be (bytes + 68, 4);
  return TRUE;
}

/* What is visibly wrong with the file's size ("the file ends after 12 KB of
 * the 40 KB …"), or NULL.  (SQLite refuses such a file at its first read.) */
static char *
describe_damage (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *have = NULL;
  g_autofree char *want = NULL;
  Header header;

  if (!read_header (path, &header, &error))
    return error->domain == MK_STORE_ERROR && error->code == MK_STORE_ERROR_CORRUPT
           ? g_strdup (error->message) : NULL;
  if (header.page_size == 0 || header.n_pages == 0 ||
      header.size >= header.page_size * header.n_pages)
    return NULL;
  have = g_format_size (header.size);
  want = g_format_size (header.page_size * header.n_pages);
  return g_strdup_printf (_("the file ends after %s of the %s its header gives: its end is "
                            "missing"), have, want);
}

/* The error for a file SQLite cannot read: damaged when it says it is
 * Minutka's, not Minutka's otherwise. */
static void
set_unreadable_error (MkStore      *self,
                      const Header *header,
                      GError      **error)
{
  g_autofree char *name = g_filename_display_name (self->path);
  g_autofree char *what = NULL;

  if (header->app_id != MK_APPLICATION_ID)
    {
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_NOT_MINUTKA,
                   _("%s is not a Minutka database (SQLite cannot read it). It was left "
                     "unchanged; choose a Minutka database or a new file name with --db."),
                   name);
      return;
    }
  what = describe_damage (self->path);
  g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_CORRUPT,
               _("%s is damaged (%s). Restore it from a backup copy."), name,
               what != NULL ? what : sqlite3_errmsg (self->db));
}

static gboolean
folder_writable (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  return g_access (dir, W_OK) == 0;
}

static gboolean
side_file_exists (const char *path,
                  const char *suffix)
{
  g_autofree char *side = g_strconcat (path, suffix, NULL);

  return g_file_test (side, G_FILE_TEST_EXISTS);
}

/* Reads one number of the table (a pragma, a count). */
static gboolean
read_int (MkStore *self,
          MkStmt   id,
          int     *value,
          GError **error)
{
  gint64 v = 0;

  if (!mk_store_query_int64 (self, id, &v, error))
    return FALSE;
  *value = (int) CLAMP (v, G_MININT, G_MAXINT);
  return TRUE;
}

/* Brings the schema up to date, inside the change's transaction.  The
 * version is read again under the write lock: another process may have
 * created or migrated the file since it was first read. */
static gboolean
migrate_change (MkStore  *self,
                gpointer  user_data,
                GError  **error)
{
  g_autofree char *set_id = g_strdup_printf ("PRAGMA application_id = %d", MK_APPLICATION_ID);
  int version = 0;

  if (!read_int (self, STMT_USER_VERSION, &version, error))
    return FALSE;
  if (version >= MK_STORE_SCHEMA_VERSION)
    return TRUE;
  return mk_store_migrate (self, version, error) &&
         mk_store_exec (self, set_id, _("creating the database"), error);
}

/* Opens the SQLite connection on self->path: read-only when @read_only or
 * when the folder cannot be written. */
static gboolean
connect (MkStore  *self,
         gboolean  read_only,
         GError  **error)
{
  g_autofree char *name = g_filename_display_name (self->path);
  g_autofree char *uri = NULL;
  g_autofree char *escaped = NULL;
  int flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI;
  gboolean immutable = FALSE;

  if (!self->building && !folder_writable (self->path))
    {
      g_autofree char *dir = g_path_get_dirname (self->path);
      g_autofree char *dir_name = g_filename_display_name (dir);

      read_only = TRUE;
      g_free (self->read_only_reason);
      self->read_only_reason = g_strdup_printf (_("its folder %s cannot be written"), dir_name);
      if (side_file_exists (self->path, "-wal") && !side_file_exists (self->path, "-shm"))
        {
          g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_READ_ONLY,
                       _("%s cannot be read: its last changes are still in %s-wal, and SQLite "
                         "needs to create %s-shm beside it to read them, but the folder %s "
                         "cannot be written. Make the folder writable, or copy the database "
                         "together with its -wal file to a folder you can write to."),
                       name, name, name, dir_name);
          return FALSE;
        }
      /* Without a log nobody can be writing (a writer needs a journal or a
       * log in the folder): the file is read as it is, without locks. */
      immutable = !side_file_exists (self->path, "-wal");
    }
  else if (read_only)
    {
      g_free (self->read_only_reason);
      self->read_only_reason = g_strdup (_("it was opened for reading only"));
    }
  flags |= read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
  escaped = g_uri_escape_string (self->path, "/", FALSE);
  uri = g_strconcat ("file:", escaped, immutable ? "?immutable=1" : "", NULL);
  if (sqlite3_open_v2 (uri, &self->db, flags, NULL) != SQLITE_OK)
    {
      mk_store_set_error (self, error, _("opening the database"));
      return FALSE;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_handler (self->db, busy_cb, self);
  sqlite3_create_function_v2 (self->db, "mk_fold", 1,
                              SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
                              fold_func, NULL, NULL, NULL);
  mk_store_register_length_functions (self->db);
  mk_store_register_task_functions (self->db);
  /* A file that cannot be written is opened read-only by SQLite itself. */
  if (!read_only && sqlite3_db_readonly (self->db, "main") == 1)
    {
      read_only = TRUE;
      g_free (self->read_only_reason);
      self->read_only_reason = g_strdup (_("the file cannot be written"));
    }
  self->read_only = read_only;
  return TRUE;
}

static gboolean
open_connection (MkStore         *self,
                 MkStoreOpenMode  mode,
                 const Header    *header,
                 GError         **error)
{
  g_autofree char *name = g_filename_display_name (self->path);
  g_autoptr(GError) local = NULL;
  int app_id = 0;
  int version = 0;
  int n_tables = 0;

  if (!connect (self, mode == MK_STORE_OPEN_READ_ONLY, error))
    return FALSE;

  /* Read before writing anything, so that a foreign or newer file stays as it was. */
  if (!read_int (self, STMT_APPLICATION_ID, &app_id, &local) ||
      !read_int (self, STMT_USER_VERSION, &version, &local) ||
      !read_int (self, STMT_SCHEMA_COUNT, &n_tables, &local))
    {
      int rc = sqlite3_errcode (self->db);

      if (rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT)
        set_unreadable_error (self, header, error);
      else
        g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }

  if (app_id != MK_APPLICATION_ID && !(app_id == 0 && n_tables == 0))
    {
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_NOT_MINUTKA,
                   _("%s is an SQLite database of another program, not Minutka's. It was "
                     "left unchanged; choose a Minutka database or a new file name with --db."),
                   name);
      return FALSE;
    }
  if (version > MK_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_TOO_NEW,
                   _("%s was written by a newer Minutka (database version %d; this Minutka "
                     "understands up to %d). It was left unchanged; update Minutka to open it."),
                   name, version, MK_STORE_SCHEMA_VERSION);
      return FALSE;
    }
  if (version < 0)
    {
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_NOT_MINUTKA,
                   _("%s says it is version %d of a Minutka database, which no Minutka "
                     "writes: it was changed by another program or is damaged. It was left "
                     "unchanged; restore it from a backup copy."), name, version);
      return FALSE;
    }
  if (n_tables == 0 && mode != MK_STORE_OPEN_CREATE)
    {
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_NOT_FOUND,
                   _("%s is empty: no Minutka database was ever finished in it. Check the "
                     "path given with --db."), name);
      return FALSE;
    }

  if (self->read_only)
    {
      if (version < MK_STORE_SCHEMA_VERSION)
        {
          g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_READ_ONLY,
                       _("%s was written by an older Minutka and must be brought up to date "
                         "before it can be read, but %s. Open it once where it can be "
                         "written."), name, self->read_only_reason);
          return FALSE;
        }
      return mk_store_exec (self, "PRAGMA foreign_keys = ON; PRAGMA cache_size = -16000;",
                            _("preparing the database"), error);
    }

  /* A new file is built with a rollback journal, so that nothing but the
   * file itself has to move (see create_database()).  Foreign keys are
   * enforced once the schema is current: a migration copies tables that
   * others point at (mk-store-schema.c). */
  if (!mk_store_exec (self,
                      self->building ? "PRAGMA synchronous = FULL;"
                                       "PRAGMA foreign_keys = OFF;"
                                     : "PRAGMA journal_mode = WAL;"
                                       "PRAGMA synchronous = FULL;"
                                       "PRAGMA foreign_keys = OFF;"
                                       "PRAGMA cache_size = -16000;",
                      _("preparing the database"), error))
    return FALSE;

  /* An empty file (an older Minutka was stopped while it created it) is
   * made a database in place, private like a new one. */
  if (n_tables == 0 && !self->building)
    g_chmod (self->path, 0600);
  if (version < MK_STORE_SCHEMA_VERSION && !mk_store_change (self, migrate_change, NULL, error))
    return FALSE;
  return mk_store_exec (self, "PRAGMA foreign_keys = ON", _("preparing the database"), error);
}

/* New databases */

/* Removes the temporaries of creations that were killed: those whose lock
 * nobody holds. */
static void
remove_stale_temporaries (const char *dir,
                          const char *base)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autofree char *prefix = g_strconcat (".", base, TEMP_INFIX, NULL);
  const char *entry;

  if (listing == NULL)
    return;
  while ((entry = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = NULL;
      int fd;

      if (!g_str_has_prefix (entry, prefix) || strlen (entry) != strlen (prefix) + 6)
        continue;
      path = g_build_filename (dir, entry, NULL);
      fd = g_open (path, O_RDWR | O_NONBLOCK | O_CLOEXEC | O_NOFOLLOW, 0);
      if (fd < 0)
        continue;
      if (flock (fd, LOCK_EX | LOCK_NB) == 0)
        {
          static const char *const sides[] = { "-journal", "-wal", "-shm" };

          for (guint i = 0; i < G_N_ELEMENTS (sides); i++)
            {
              g_autofree char *side = g_strconcat (path, sides[i], NULL);

              g_unlink (side);
            }
          g_unlink (path);
          g_debug ("removed %s, left by a creation that was stopped", path);
        }
      close (fd);
    }
}

/* Puts @from at @to unless something is there already (EEXIST). */
static int
rename_no_replace (const char *from,
                   const char *to)
{
  if (renameat2 (AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
    return 0;
  if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
    return errno;
  /* A file system without RENAME_NOREPLACE: a hard link does the same. */
  if (link (from, to) == 0)
    {
      g_unlink (from);
      return 0;
    }
  return errno;
}

static void
sync_folder (const char *dir)
{
  int fd = g_open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/* Creates the temporary that a new database is built in, from @temp (a
 * template ending in XXXXXX, which is filled in) and returns it locked, or
 * -1 with errno set.  The lock is held until the file is in place: a
 * temporary whose lock is free was left by a creation that was stopped.
 * Between the creation and the lock another process cleaning up may take
 * the new file for such a one and remove it; then it is made again. */
static int
make_locked_temporary (char *temp)
{
  g_autofree char *template = g_strdup (temp);

  for (guint attempt = 0; attempt < 10; attempt++)
    {
      GStatBuf named;
      struct stat held;
      int fd;

      strcpy (temp, template);
      fd = g_mkstemp_full (temp, O_RDWR | O_CLOEXEC, 0600);
      if (fd < 0)
        return -1;
      if (flock (fd, LOCK_EX) == 0 && fstat (fd, &held) == 0 &&
          g_lstat (temp, &named) == 0 &&
          named.st_dev == held.st_dev && named.st_ino == held.st_ino)
        return fd;
      close (fd);
    }
  errno = EBUSY;
  return -1;
}

/* Builds a database at @path (which did not exist) under a temporary name
 * and renames it into place.  Also TRUE when another process put one
 * there first: the caller opens whichever is there. */
static gboolean
create_database (const char *path,
                 GError    **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *name = g_filename_display_name (path);
  g_autofree char *temp = g_strconcat (dir, G_DIR_SEPARATOR_S ".", base, TEMP_INFIX, "XXXXXX",
                                       NULL);
  g_autoptr(MkStore) building = NULL;
  Header empty = { 0 };
  int fd;
  int rc;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_READ_ONLY,
                   _("The folder for %s cannot be created (%s). Choose a place you can "
                     "write to with --db."), name, g_strerror (saved));
      return FALSE;
    }
  remove_stale_temporaries (dir, base);
  fd = make_locked_temporary (temp);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, MK_STORE_ERROR,
                   saved == EACCES || saved == EROFS || saved == EPERM
                   ? MK_STORE_ERROR_READ_ONLY : MK_STORE_ERROR_OPEN,
                   _("%s cannot be created (%s). Choose a place you can write to "
                     "with --db."), name, g_strerror (saved));
      return FALSE;
    }
  building = g_object_new (MK_TYPE_STORE, NULL);
  building->path = g_strdup (temp);
  building->building = TRUE;
  if (!open_connection (building, MK_STORE_OPEN_CREATE, &empty, error))
    {
      g_clear_object (&building);
      g_unlink (temp);
      close (fd);
      return FALSE;
    }
  /* Switched to the log before it is in place: a file that arrives in
   * rollback-journal mode would have every process that opens it at once
   * try to switch it, and all but one give up on the lock they need.  The
   * switch and the close of the only connection leave no -wal or -shm. */
  if (!mk_store_exec (building, "PRAGMA journal_mode = WAL", _("creating the database"), error))
    {
      g_clear_object (&building);
      g_unlink (temp);
      close (fd);
      return FALSE;
    }
  g_clear_object (&building);

  rc = fsync (fd) == 0 ? rename_no_replace (temp, path) : errno;
  if (rc != 0)
    {
      g_unlink (temp);
      close (fd);
      /* Another process put its new database there first: it is used. */
      if (rc == EEXIST)
        return TRUE;
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_OPEN,
                   _("%s cannot be created (%s). Choose a place you can write to "
                     "with --db."), name, g_strerror (rc));
      return FALSE;
    }
  sync_folder (dir);
  close (fd);
  g_debug ("created %s", path);
  return TRUE;
}

/* Opening */

/* Removes a temporary store's folder and what the store left in it (the
 * database, its -wal, -shm or -journal); runs once the store has closed
 * its database. */
static void
remove_temporary_folder (gpointer data)
{
  g_autofree char *folder = data;
  g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (folder, name, NULL);

      g_unlink (path);
    }
  if (g_rmdir (folder) != 0)
    g_warning ("The temporary folder %s was not removed: %s", folder, g_strerror (errno));
}

/* A new private temporary folder (mode 0700) `minutka-NAME-XXXXXX` and
 * the path of `NAME.db` in it. */
static char *
make_temporary_folder (const char  *name,
                       char       **path,
                       GError     **error)
{
  g_autofree char *template = g_strdup_printf ("minutka-%s-XXXXXX", name);
  g_autofree char *file = g_strconcat (name, ".db", NULL);
  char *folder = g_dir_make_tmp (template, error);

  if (folder != NULL)
    *path = g_build_filename (folder, file, NULL);
  return folder;
}

/* The folder goes when the store does: object data is dropped after the
 * store's own finalize has closed the database, so the folder goes with
 * its last file. */
static MkStore *
store_owns_folder (MkStore *store,
                   char    *folder)
{
  g_object_set_data_full (G_OBJECT (store), "mk-temporary-folder", folder,
                          remove_temporary_folder);
  return store;
}

/* Copies the database at @path, as SQLite reads it (its write-ahead log
 * included), to @copy: SQLite's online backup, from a read-only
 * connection, so not a byte of @path changes. */
static gboolean
copy_database (const char  *path,
               const char  *copy,
               GError     **error)
{
  g_autofree char *name = g_filename_display_name (path);
  sqlite3 *from = NULL, *to = NULL;
  sqlite3_backup *backup;
  int rc;

  rc = sqlite3_open_v2 (path, &from, SQLITE_OPEN_READONLY, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_busy_timeout (from, busy_timeout_ms ());
      rc = sqlite3_open_v2 (copy, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    }
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (to, "main", from, "main");
      if (backup == NULL)
        rc = sqlite3_errcode (to);
      else
        {
          rc = sqlite3_backup_step (backup, -1);
          if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
          sqlite3_backup_finish (backup);
        }
    }
  if (rc != SQLITE_OK)
    g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_OPEN,
                 _("%s could not be copied to try this on the copy (%s); it was left "
                   "unchanged. Check that the disk with the temporary folder is not full, "
                   "and try again."), name, sqlite3_errstr (rc));
  sqlite3_close (from);
  sqlite3_close (to);
  return rc == SQLITE_OK;
}

/* MK_STORE_OPEN_UNCHANGED (see MkStoreOpenMode). */
static MkStore *
open_unchanged (const char      *path,
                MkStoreOpenMode  no_wait,
                GError         **error)
{
  g_autofree char *default_path = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *copy = NULL;
  g_autoptr(GError) local = NULL;
  gboolean exists = FALSE;
  MkStore *store;
  Header header;

  if (path == NULL)
    path = default_path = mk_paths_default_db ();
  /* Only a Minutka database of an older version would be written on
   * opening; anything else opens (or is refused) as with _EXISTING, which
   * then writes nothing.  The header's version may be older than the one
   * in the write-ahead log, never newer: at worst a current database is
   * copied. */
  if (*path == '\0' || !check_path (path, &exists, NULL) || !exists ||
      !read_header (path, &header, NULL) || header.app_id != MK_APPLICATION_ID ||
      header.user_version < 1 || header.user_version >= MK_STORE_SCHEMA_VERSION)
    return mk_store_open_full (path, MK_STORE_OPEN_EXISTING | no_wait, error);

  folder = make_temporary_folder ("dry-run", &copy, error);
  if (folder == NULL)
    return NULL;
  if (!copy_database (path, copy, error))
    {
      remove_temporary_folder (g_steal_pointer (&folder));
      return NULL;
    }
  g_chmod (copy, 0600);
  store = mk_store_open_full (copy, MK_STORE_OPEN_EXISTING | no_wait, &local);
  if (store == NULL)
    {
      g_autofree char *name = g_filename_display_name (path);

      remove_temporary_folder (g_steal_pointer (&folder));
      g_set_error (error, MK_STORE_ERROR, local->code,
                   _("%s was written by an older Minutka, and a copy of it could not be "
                     "brought up to date to try this on: %s"), name, local->message);
      return NULL;
    }
  return store_owns_folder (store, g_steal_pointer (&folder));
}

/**
 * mk_store_open_full:
 * @path: (nullable): the database file, or %NULL for the default one
 *   (`$XDG_DATA_HOME/minutka/minutka.db`)
 * @mode: whether a missing database is created, and whether the store may
 *   write
 * @error: return location for a #GError
 *
 * Opens the database and, unless @mode is %MK_STORE_OPEN_READ_ONLY, brings
 * its schema up to date.  With %MK_STORE_OPEN_CREATE a missing database is
 * created (mode 0600): built under a temporary name and put in place
 * whole.  A file that is not a Minutka database, or one from a newer
 * Minutka, is refused and left untouched; a damaged one is called damaged.
 * A database in a folder that cannot be written is opened read-only (see
 * mk_store_is_read_only()).  While a big import in another process holds
 * the file, opening waits for it and says why (mk_store_set_wait_notify()).
 *
 * Returns: (transfer full) (nullable): the store, or %NULL with @error set:
 *   MK_STORE_ERROR_OPEN (no such file with _EXISTING or _READ_ONLY, not a
 *   file, cannot be created), _NOT_FOUND (an empty file with _EXISTING or
 *   _READ_ONLY), _NOT_MINUTKA, _TOO_NEW, _CORRUPT, _READ_ONLY, _BUSY.
 */
MkStore *
mk_store_open_full (const char      *path,
                    MkStoreOpenMode  mode,
                    GError         **error)
{
  g_autoptr(MkStore) self = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *name = NULL;
  gboolean exists = FALSE;
  Header header;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);
  g_return_val_if_fail ((mode & ~MK_STORE_OPEN_NO_WAIT) <= MK_STORE_OPEN_UNCHANGED, NULL);

  if ((mode & ~MK_STORE_OPEN_NO_WAIT) == MK_STORE_OPEN_UNCHANGED)
    return open_unchanged (path, mode & MK_STORE_OPEN_NO_WAIT, error);

  self = g_object_new (MK_TYPE_STORE, NULL);
  self->no_wait = (mode & MK_STORE_OPEN_NO_WAIT) != 0;
  mode &= ~MK_STORE_OPEN_NO_WAIT;
  self->path = path ? g_strdup (path) : mk_paths_default_db ();
  name = g_filename_display_name (self->path);
  if (*self->path == '\0')
    {
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_OPEN,
                   _("No database file was named. Give the path of a database file with "
                     "--db."));
      return NULL;
    }
  if (!check_path (self->path, &exists, error))
    return NULL;
  if (!exists && mode != MK_STORE_OPEN_CREATE)
    {
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_OPEN,
                   _("%s does not exist. Check the path given with --db; a new database is "
                     "made by importing a file (--import), by loading the demo (--demo) or by "
                     "opening Minutka."),
                   name);
      return NULL;
    }
  if (!exists && (!create_database (self->path, error) ||
                  !check_path (self->path, &exists, error)))
    return NULL;
  if (!read_header (self->path, &header, error))
    return NULL;

  if (!open_connection (self, mode, &header, &local) ||
      !mk_store_load_settings (self, &local) ||
      !mk_store_reload_categories (self, &local) ||
      !mk_store_query_int64 (self, STMT_DATA_VERSION, &self->data_version, &local))
    {
      /* Not "kept busy": the caller asked not to wait for the import. */
      if (self->import_held && g_error_matches (local, MK_STORE_ERROR, MK_STORE_ERROR_BUSY))
        {
          g_autofree char *message = waiting_message (self);

          g_clear_error (&local);
          g_set_error_literal (&local, MK_STORE_ERROR, MK_STORE_ERROR_BUSY, message);
        }
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  return g_steal_pointer (&self);
}

/**
 * mk_store_open_temporary:
 * @name: what the database is for ("demo", "dry-run"): the folder is
 *   `minutka-NAME-XXXXXX` in the temporary directory, the file `NAME.db`
 * @error: return location for a #GError
 *
 * Creates a new, empty database in a new private temporary folder (mode
 * 0700).  The folder and everything in it go when the last reference to
 * the store is dropped, so nothing of it stays behind and no other
 * database is touched.
 *
 * Returns: (transfer full) (nullable): the store, or %NULL with @error set:
 *   a #G_FILE_ERROR when the folder cannot be made, else as
 *   mk_store_open_full() (nothing is left behind then either).
 */
MkStore *
mk_store_open_temporary (const char  *name,
                         GError     **error)
{
  g_autofree char *folder = NULL;
  g_autofree char *path = NULL;
  MkStore *store;

  g_return_val_if_fail (name != NULL, NULL);

  folder = make_temporary_folder (name, &path, error);
  if (folder == NULL)
    return NULL;
  store = mk_store_open_full (path, MK_STORE_OPEN_CREATE, error);
  if (store == NULL)
    {
      remove_temporary_folder (g_steal_pointer (&folder));
      return NULL;
    }
  return store_owns_folder (store, g_steal_pointer (&folder));
}

typedef struct {
  char           *path;
  MkStoreOpenMode mode;
  MkStoreWaitFunc wait_func;
  gpointer        wait_data;
  GMainContext   *context;   /* where wait_func is called */
} OpenData;

static void
open_data_free (gpointer data)
{
  OpenData *open = data;

  g_free (open->path);
  g_main_context_unref (open->context);
  g_free (open);
}

typedef struct {
  GTask *task;
  char  *message;
} Relay;

static void
relay_free (gpointer data)
{
  Relay *relay = data;

  g_object_unref (relay->task);
  g_free (relay->message);
  g_free (relay);
}

/* On the caller's context: the wait is told, unless the opening ended. */
static gboolean
relay_wait_cb (gpointer data)
{
  Relay *relay = data;
  OpenData *open = g_task_get_task_data (relay->task);

  if (!g_task_get_completed (relay->task))
    open->wait_func (relay->message, open->wait_data);
  return G_SOURCE_REMOVE;
}

/* On the worker: hands the message to the caller's context. */
static void
relay_wait (const char *message,
            gpointer    user_data)
{
  GTask *task = user_data;
  OpenData *open = g_task_get_task_data (task);
  Relay *relay = g_new0 (Relay, 1);

  GSource *source = g_idle_source_new ();

  relay->task = g_object_ref (task);
  relay->message = g_strdup (message);
  /* A source, not g_main_context_invoke(): that would call it here, on
   * the worker, whenever no thread holds the caller's context. */
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, relay_wait_cb, relay, relay_free);
  g_source_attach (source, open->context);
  g_source_unref (source);
}

static void
open_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OpenData *open = task_data;
  Waiter waiter = { open->wait_func != NULL ? relay_wait : NULL, task, cancellable };
  GError *error = NULL;
  MkStore *store;

  g_private_set (&thread_waiter, &waiter);
  store = mk_store_open_full (open->path, open->mode, &error);
  g_private_set (&thread_waiter, NULL);
  if (store == NULL)
    {
      if (g_cancellable_is_cancelled (cancellable))
        {
          g_clear_error (&error);
          g_cancellable_set_error_if_cancelled (cancellable, &error);
        }
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, store, g_object_unref);
}

/**
 * mk_store_open_async:
 * @path: (nullable): the database file, or %NULL for the default one
 * @mode: as for mk_store_open_full()
 * @wait_func: (nullable): called on the thread-default main context of the
 *   caller, with a sentence for the user, when the opening waits for a big
 *   import in another process (instead of mk_store_set_wait_notify()'s)
 * @wait_data: passed to @wait_func; it must live until @callback runs
 * @cancellable: (nullable): stops the opening, also while it waits
 * @callback: called on the caller's thread-default main context
 * @user_data: passed to @callback
 *
 * mk_store_open_full() on a worker thread, for a window that must stay
 * alive (and say why) while an import holds the file.  The store it gives
 * is then used on the caller's thread.
 */
void
mk_store_open_async (const char         *path,
                     MkStoreOpenMode     mode,
                     MkStoreWaitFunc     wait_func,
                     gpointer            wait_data,
                     GCancellable       *cancellable,
                     GAsyncReadyCallback callback,
                     gpointer            user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  OpenData *open = g_new0 (OpenData, 1);

  open->path = g_strdup (path);
  open->mode = mode;
  open->wait_func = wait_func;
  open->wait_data = wait_data;
  open->context = g_main_context_ref_thread_default ();
  g_task_set_source_tag (task, mk_store_open_async);
  g_task_set_task_data (task, open, open_data_free);
  g_task_run_in_thread (task, open_thread);
}

/**
 * mk_store_open_finish:
 * @result: the result given to mk_store_open_async()'s callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the store, or %NULL with @error set
 *   (G_IO_ERROR_CANCELLED when cancelled).
 */
MkStore *
mk_store_open_finish (GAsyncResult *result,
                      GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mk_store_open_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * mk_store_open:
 * @path: (nullable): the database file, or %NULL for the default one
 * @error: return location for a #GError
 *
 * mk_store_open_full() with %MK_STORE_OPEN_CREATE: the database is created
 * if it does not exist.
 *
 * Returns: (transfer full) (nullable): the store, or %NULL with @error set.
 */
MkStore *
mk_store_open (const char *path,
               GError    **error)
{
  return mk_store_open_full (path, MK_STORE_OPEN_CREATE, error);
}

/**
 * mk_store_is_read_only:
 * @self: a store
 * @reason: (out) (optional) (transfer none): why, when it is: "its folder
 *   … cannot be written"
 *
 * Returns: %TRUE when the store can only read (every change fails with
 *   MK_STORE_ERROR_READ_ONLY).
 */
gboolean
mk_store_is_read_only (MkStore     *self,
                       const char **reason)
{
  g_return_val_if_fail (MK_IS_STORE (self), TRUE);

  if (reason != NULL)
    *reason = self->read_only ? self->read_only_reason : NULL;
  return self->read_only;
}
