/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-store.c — opening the database, and everything in it but entries.
 *
 * One MkStore is one SQLite connection on one file.  Opening:
 *  - a missing file is created with mode 0600 (its folder with 0700);
 *  - an existing file must be an SQLite database with Minutka's
 *    application_id (or a brand-new empty SQLite file); anything else is
 *    refused before SQLite writes a byte, so a wrong --db never damages a
 *    file;
 *  - a file whose user_version is newer than this program is refused and
 *    left untouched;
 *  - WAL journal, foreign keys on, synchronous FULL, a busy timeout so that
 *    the GUI and the command line can share a file.
 *
 * Every public function that changes data runs in one transaction (BEGIN
 * IMMEDIATE … COMMIT) and returns only after the commit, then emits
 * "changed".  No SQL text is built from data: each statement is written
 * once in mk-store-statements.c and values are bound.
 */
#define G_LOG_DOMAIN "mk-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "mk-error.h"
#include "mk-paths.h"
#include "mk-store-bulk-writer.h"
#include "mk-store-private.h"

/* "MNTK": marks a file as Minutka's in PRAGMA application_id. */
#define MK_APPLICATION_ID 0x4d4e544b

#define BUSY_TIMEOUT_MS 10000

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (MkStore, mk_store, G_TYPE_OBJECT)

static void
mk_store_finalize (GObject *object)
{
  MkStore *self = MK_STORE (object);

  for (guint i = 0; i < N_STMTS; i++)
    g_clear_pointer (&self->stmts[i], sqlite3_finalize);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_clear_pointer (&self->categories, g_hash_table_unref);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (mk_store_parent_class)->finalize (object);
}

static void
mk_store_class_init (MkStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mk_store_finalize;

  /* SQLite's memory statistics cost a global lock on every allocation,
   * which an import makes millions of; Minutka never reads them.  Takes
   * effect only before SQLite's first use, which this is. */
  sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);

  /**
   * MkStore::changed:
   *
   * Emitted after a change to the data has been committed.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
mk_store_init (MkStore *self)
{
  self->categories = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  mk_settings_init_defaults (&self->settings);
}

/* Private helpers shared by the store's modules */

sqlite3_stmt *
mk_store_stmt (MkStore *self,
               MkStmt   id)
{
  g_assert (id < N_STMTS);

  /* During a big import the connection may be busy on the writing thread. */
  if (G_UNLIKELY (self->bulk_writer != NULL))
    mk_bulk_writer_wait (self->bulk_writer);
  if (self->stmts[id] == NULL)
    {
      int rc = sqlite3_prepare_v3 (self->db, mk_store_statement_sql[id], -1, SQLITE_PREPARE_PERSISTENT,
                                   &self->stmts[id], NULL);
      if (rc != SQLITE_OK)
        g_error ("Statement %u does not compile: %s", id, sqlite3_errmsg (self->db));
    }
  else
    {
      sqlite3_reset (self->stmts[id]);
      sqlite3_clear_bindings (self->stmts[id]);
    }
  return self->stmts[id];
}

/**
 * mk_store_set_error:
 * @self: the store
 * @error: return location for a #GError
 * @doing: what the store was doing, e.g. "saving the entry"
 *
 * Turns the connection's last SQLite error into a MK_STORE_ERROR with a
 * message that says what failed and what to do.
 */
void
mk_store_set_error (MkStore    *self,
                    GError    **error,
                    const char *doing)
{
  int rc = self->db ? sqlite3_extended_errcode (self->db) : SQLITE_CANTOPEN;
  const char *detail = self->db ? sqlite3_errmsg (self->db) : "";
  g_autofree char *name = g_filename_display_name (self->path ? self->path : "");

  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_BUSY,
                   _("%s: another program kept the database busy while %s. Close other "
                     "Minutka windows or imports and try again."), name, doing);
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_READ_ONLY,
                   _("%s cannot be written while %s (%s). Check that the file and its "
                     "folder are writable, or choose another file with --db."),
                   name, doing, detail);
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_CORRUPT,
                   _("%s is damaged (%s). Restore it from a backup copy."), name, detail);
      break;
    case SQLITE_FULL:
    case SQLITE_IOERR:
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_FAILED,
                   _("The disk failed while %s (%s). Free some space and try again; "
                     "nothing was changed."), doing, detail);
      break;
    case SQLITE_CONSTRAINT:
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_INVALID,
                   _("The database refused a value while %s (%s)."), doing, detail);
      break;
    default:
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_FAILED,
                   _("The database failed while %s (%s)."), doing, detail);
    }
}

gboolean
mk_store_step_done (MkStore      *self,
                    sqlite3_stmt *stmt,
                    GError      **error)
{
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      mk_store_set_error (self, error, _("saving"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
mk_store_begin (MkStore *self,
                GError **error)
{
  g_return_val_if_fail (!self->in_transaction, FALSE);

  if (sqlite3_step (mk_store_stmt (self, STMT_BEGIN)) != SQLITE_DONE)
    {
      mk_store_set_error (self, error, _("starting a change"));
      return FALSE;
    }
  self->in_transaction = TRUE;
  return TRUE;
}

gboolean
mk_store_commit (MkStore *self,
                 GError **error)
{
  g_return_val_if_fail (self->in_transaction, FALSE);

  if (sqlite3_step (mk_store_stmt (self, STMT_COMMIT)) != SQLITE_DONE)
    {
      mk_store_set_error (self, error, _("saving the change"));
      mk_store_rollback (self);
      return FALSE;
    }
  self->in_transaction = FALSE;
  return TRUE;
}

void
mk_store_rollback (MkStore *self)
{
  if (!self->in_transaction)
    return;
  /* A statement that failed may still be active; reset them all first. */
  for (guint i = 0; i < N_STMTS; i++)
    if (self->stmts[i] != NULL)
      sqlite3_reset (self->stmts[i]);
  if (sqlite3_get_autocommit (self->db) == 0)
    sqlite3_step (mk_store_stmt (self, STMT_ROLLBACK));
  self->in_transaction = FALSE;
}

/**
 * mk_store_finish:
 * @self: a store inside the transaction of one change
 * @ok: whether every step of the change succeeded
 * @error: return location for a #GError (already set when @ok is %FALSE)
 *
 * Ends a change: commits it and emits "changed" when @ok, rolls it back
 * otherwise.
 *
 * Returns: %TRUE once committed.
 */
gboolean
mk_store_finish (MkStore  *self,
                 gboolean  ok,
                 GError  **error)
{
  if (!ok)
    {
      mk_store_rollback (self);
      return FALSE;
    }
  if (!mk_store_commit (self, error))
    return FALSE;
  mk_store_emit_changed (self);
  return TRUE;
}

void
mk_store_emit_changed (MkStore *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

/**
 * mk_store_name_key:
 * @name: a person's name as typed or imported
 *
 * Returns: (transfer full): the key names are matched by: trimmed, runs of
 *   white space collapsed to one space, case-folded.
 */
char *
mk_store_name_key (const char *name)
{
  g_autoptr(GString) collapsed = g_string_new (NULL);
  g_autofree char *normal = NULL;
  gboolean space = FALSE;

  for (const char *p = name; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0xa0)
        {
          space = collapsed->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (collapsed, ' ');
      space = FALSE;
      g_string_append_unichar (collapsed, c);
    }
  normal = g_utf8_normalize (collapsed->str, -1, G_NORMALIZE_NFKC);
  return g_utf8_casefold (normal ? normal : "", -1);
}

/**
 * mk_store_alias_key:
 * @text: a category word as typed or imported
 *
 * Returns: (transfer full): the name key of @text with "ё" read as "е", the
 *   way Russian is often typed.
 */
char *
mk_store_alias_key (const char *text)
{
  g_autofree char *key = mk_store_name_key (text);
  GString *out = g_string_sized_new (strlen (key));

  for (const char *p = key; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_string_append_unichar (out, c == 0x0451 ? 0x0435 : c);
    }
  return g_string_free (out, FALSE);
}

/**
 * mk_store_valid_day:
 * @day: (nullable): a day as "YYYY-MM-DD"
 *
 * Returns: %TRUE if @day is written exactly so and exists in the calendar.
 */
gboolean
mk_store_valid_day (const char *day)
{
  guint y, m, d;

  if (day == NULL || strlen (day) != 10 || day[4] != '-' || day[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (day[i]))
      return FALSE;
  /* The digits are checked: no atoi needed (it is called for every
   * imported row). */
  y = (guint) ((day[0] - '0') * 1000 + (day[1] - '0') * 100 + (day[2] - '0') * 10 + day[3] - '0');
  m = (guint) ((day[5] - '0') * 10 + day[6] - '0');
  d = (guint) ((day[8] - '0') * 10 + day[9] - '0');
  return y >= 1900 && y <= 2999 && g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y);
}

/**
 * mk_store_prime_overlap:
 * @settings: the prime selling hours
 * @start: minutes after midnight, or -1
 * @minutes: the entry's length
 *
 * Returns: how many of the entry's minutes fall inside the prime hours;
 *   an entry that runs past midnight counts into the next morning too.
 */
int
mk_store_prime_overlap (const MkSettings *settings,
                        int               start,
                        int               minutes)
{
  int total = 0;

  if (start < 0)
    return 0;

  for (int offset = 0; offset <= 1440; offset += 1440)
    for (guint i = 0; i < settings->n_prime; i++)
      {
        int lo = MAX (start, settings->prime[i].start + offset);
        int hi = MIN (start + minutes, settings->prime[i].end + offset);

        if (hi > lo)
          total += hi - lo;
      }
  return total;
}

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

/* Opening */

static gboolean
refuse_foreign_file (const char *path,
                     GError    **error)
{
  g_autofree char *name = g_filename_display_name (path);
  char header[16] = { 0 };
  ssize_t got;
  int fd;

  fd = g_open (path, O_RDONLY, 0);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_OPEN,
                   _("%s cannot be opened (%s). Check the path and its permissions."),
                   name, g_strerror (saved));
      return FALSE;
    }
  got = read (fd, header, sizeof header);
  close (fd);

  if (got == 0)
    {
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_NOT_MINUTKA,
                   _("%s is an empty file, not a Minutka database. Give a new file name "
                     "with --db to create a database, or delete the empty file."), name);
      return FALSE;
    }
  if (got != sizeof header || memcmp (header, "SQLite format 3", 16) != 0)
    {
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_NOT_MINUTKA,
                   _("%s is not a Minutka database (it is not an SQLite file). It was left "
                     "unchanged; choose a Minutka database or a new file name with --db."),
                   name);
      return FALSE;
    }
  return TRUE;
}

static int
pragma_int (MkStore    *self,
            const char *sql,
            int        *value)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *value = sqlite3_column_int (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);
  return rc;
}

static gboolean
open_connection (MkStore  *self,
                 gboolean  created,
                 GError  **error)
{
  g_autofree char *name = g_filename_display_name (self->path);
  int app_id = 0;
  int version = 0;
  int n_tables = 0;

  if (sqlite3_open_v2 (self->path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                       NULL) != SQLITE_OK)
    {
      mk_store_set_error (self, error, _("opening the database"));
      return FALSE;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, BUSY_TIMEOUT_MS);
  sqlite3_create_function_v2 (self->db, "mk_fold", 1,
                              SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL,
                              fold_func, NULL, NULL, NULL);
  mk_store_register_length_functions (self->db);

  /* Read before writing anything, so that a foreign or newer file stays as it was. */
  if (pragma_int (self, "PRAGMA application_id", &app_id) != SQLITE_OK ||
      pragma_int (self, "PRAGMA user_version", &version) != SQLITE_OK ||
      pragma_int (self, "SELECT count(*) FROM sqlite_schema", &n_tables) != SQLITE_OK)
    {
      int rc = sqlite3_errcode (self->db);

      if (rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT)
        g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_NOT_MINUTKA,
                     _("%s is not a Minutka database (SQLite cannot read it). It was left "
                       "unchanged; choose a Minutka database or a new file name with --db."),
                     name);
      else
        mk_store_set_error (self, error, _("reading the database"));
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

  if (sqlite3_exec (self->db,
                    "PRAGMA journal_mode = WAL;"
                    "PRAGMA synchronous = FULL;"
                    "PRAGMA foreign_keys = ON;"
                    "PRAGMA cache_size = -16000;",
                    NULL, NULL, NULL) != SQLITE_OK)
    {
      mk_store_set_error (self, error, _("preparing the database"));
      return FALSE;
    }

  if (version < MK_STORE_SCHEMA_VERSION)
    {
      g_autofree char *set_id = g_strdup_printf ("PRAGMA application_id = %d",
                                                 MK_APPLICATION_ID);

      if (!mk_store_begin (self, error))
        return FALSE;
      if (!mk_store_migrate (self, version, error) ||
          sqlite3_exec (self->db, set_id, NULL, NULL, NULL) != SQLITE_OK)
        {
          if (error && *error == NULL)
            mk_store_set_error (self, error, _("creating the database"));
          mk_store_rollback (self);
          return FALSE;
        }
      if (!mk_store_commit (self, error))
        return FALSE;
      if (created)
        g_debug ("Created %s", self->path);
    }

  return TRUE;
}

static gboolean
load_settings (MkStore *self,
               GError **error)
{
  sqlite3_stmt *stmt = mk_store_stmt (self, STMT_SETTING_GET_ALL);
  MkSettings *s = &self->settings;
  int rc;

  mk_settings_init_defaults (s);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);
      const char *value = (const char *) sqlite3_column_text (stmt, 1);

      if (g_strcmp0 (key, "workday_minutes") == 0)
        s->workday_minutes = CLAMP (atoi (value), 60, 1440);
      else if (g_strcmp0 (key, "over_points") == 0)
        s->over_points = g_ascii_strtod (value, NULL);
      else if (g_strcmp0 (key, "over_deviations") == 0)
        s->over_deviations = g_ascii_strtod (value, NULL);
      else if (g_strcmp0 (key, "min_days") == 0)
        s->min_days = CLAMP (atoi (value), 1, 31);
      else if (g_strcmp0 (key, "min_coverage") == 0)
        s->min_coverage = g_ascii_strtod (value, NULL);
      else if (g_strcmp0 (key, "uncategorised_share") == 0)
        s->uncategorised_share = g_ascii_strtod (value, NULL);
      else if (g_strcmp0 (key, "prime_hours") == 0)
        {
          g_auto(GStrv) ranges = g_strsplit (value, ",", MK_MAX_PRIME_RANGES);

          s->n_prime = 0;
          for (guint i = 0; ranges[i] != NULL && i < MK_MAX_PRIME_RANGES; i++)
            {
              int a, b;

              if (sscanf (ranges[i], "%d-%d", &a, &b) == 2 && 0 <= a && a < b && b <= 1440)
                {
                  s->prime[s->n_prime].start = a;
                  s->prime[s->n_prime].end = b;
                  s->n_prime++;
                }
            }
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      mk_store_set_error (self, error, _("reading the settings"));
      return FALSE;
    }
  return TRUE;
}

/**
 * mk_store_sync_external:
 * @self: a store
 *
 * The store caches the settings and the categories.  When another
 * connection (the Preferences of another window, an import's worker, the
 * command line) has committed since they were read, PRAGMA data_version has
 * moved on: read them again.  Cheap enough to call before each cached read
 * that is not in a per-row loop.
 */
void
mk_store_sync_external (MkStore *self)
{
  int version = 0;

  if (self->in_transaction || pragma_int (self, "PRAGMA data_version", &version) != SQLITE_OK)
    return;
  if (version == self->data_version)
    return;
  self->data_version = version;
  load_settings (self, NULL);
  mk_store_reload_categories (self);
}

/**
 * mk_store_open:
 * @path: (nullable): the database file, or %NULL for the default one
 *   (`$XDG_DATA_HOME/minutka/minutka.db`)
 * @error: return location for a #GError
 *
 * Opens the database, creating it (mode 0600) if it does not exist and
 * bringing its schema up to date.  A file that is not a Minutka database,
 * or one from a newer Minutka, is refused and left untouched.
 *
 * Returns: (transfer full) (nullable): the store, or %NULL with @error set
 *   (MK_STORE_ERROR_OPEN, _NOT_MINUTKA, _TOO_NEW, _READ_ONLY, _CORRUPT).
 */
MkStore *
mk_store_open (const char *path,
               GError    **error)
{
  g_autoptr(MkStore) self = g_object_new (MK_TYPE_STORE, NULL);
  gboolean created = FALSE;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self->path = path ? g_strdup (path) : mk_paths_default_db ();

  if (g_file_test (self->path, G_FILE_TEST_IS_DIR))
    {
      g_autofree char *name = g_filename_display_name (self->path);

      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_OPEN,
                   _("%s is a folder. Give the name of a database file inside it, "
                     "for example %s/minutka.db."), name, name);
      return NULL;
    }

  if (!g_file_test (self->path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *dir = g_path_get_dirname (self->path);
      g_autofree char *name = g_filename_display_name (self->path);
      int fd;

      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved = errno;

          g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_READ_ONLY,
                       _("The folder for %s cannot be created (%s). Choose a place you can "
                         "write to with --db."), name, g_strerror (saved));
          return NULL;
        }
      fd = g_open (self->path, O_WRONLY | O_CREAT | O_EXCL, 0600);
      if (fd < 0)
        {
          int saved = errno;

          g_set_error (error, MK_STORE_ERROR,
                       saved == EACCES || saved == EROFS || saved == EPERM
                       ? MK_STORE_ERROR_READ_ONLY : MK_STORE_ERROR_OPEN,
                       _("%s cannot be created (%s). Choose a place you can write to "
                         "with --db."), name, g_strerror (saved));
          return NULL;
        }
      close (fd);
      created = TRUE;
    }
  else if (!refuse_foreign_file (self->path, error))
    return NULL;

  if (!open_connection (self, created, error) || !load_settings (self, error))
    {
      g_clear_pointer (&self->db, sqlite3_close_v2);
      /* A file made a moment ago and refused is ours to remove. */
      if (created)
        g_unlink (self->path);
      return NULL;
    }

  mk_store_reload_categories (self);
  pragma_int (self, "PRAGMA data_version", &self->data_version);
  return g_steal_pointer (&self);
}

/**
 * mk_store_get_path:
 * @self: a store
 *
 * Returns: (transfer none): the database file's path.
 */
const char *
mk_store_get_path (MkStore *self)
{
  g_return_val_if_fail (MK_IS_STORE (self), NULL);
  return self->path;
}

/**
 * mk_store_is_empty:
 * @self: a store
 *
 * Returns: %TRUE when no entry has been logged or imported yet.
 */
gboolean
mk_store_is_empty (MkStore *self)
{
  sqlite3_stmt *stmt;
  gboolean any = FALSE;

  g_return_val_if_fail (MK_IS_STORE (self), TRUE);

  stmt = mk_store_stmt (self, STMT_ENTRY_ANY);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    any = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  return !any;
}
