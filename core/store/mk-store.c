/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-store.c — the store object, and how its modules reach SQLite.
 *
 * One MkStore is one SQLite connection on one file (opened in
 * mk-store-open.c).  This module owns what every other store module uses
 * (mk-store-private.h): the kept statements, the checked steps, the
 * translation of SQLite's failures into MK_STORE_ERROR messages, and
 * mk_store_change(), the one transaction helper.
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
  g_clear_pointer (&self->assembled, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_clear_pointer (&self->categories, g_hash_table_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->read_only_reason, g_free);

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
finalize_stmt (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
mk_store_init (MkStore *self)
{
  self->categories = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  self->assembled = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_stmt);
  mk_settings_init_defaults (&self->settings);
}

/* Private helpers shared by the store's modules (mk-store-private.h) */

/* Resets a kept statement for its next use; its values are unbound. */
static sqlite3_stmt *
ready (sqlite3_stmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return stmt;
}

/* Waits until a big import's writing thread has let go of the connection:
 * everything that reaches SQLite goes through here first. */
static void
wait_for_writer (MkStore *self)
{
  if (G_UNLIKELY (self->bulk_writer != NULL))
    mk_bulk_writer_wait (self->bulk_writer);
}

/**
 * mk_store_stmt:
 * @self: a store
 * @id: a statement of the table
 * @error: return location for a #GError
 *
 * Returns: (transfer none) (nullable): the statement, reset and unbound,
 *   prepared on first use and kept for the life of the connection; %NULL
 *   with @error set when it cannot be prepared (a locked or damaged
 *   schema).
 */
sqlite3_stmt *
mk_store_stmt (MkStore *self,
               MkStmt   id,
               GError **error)
{
  g_assert (id < N_STMTS && mk_store_statement_sql[id] != NULL);

  wait_for_writer (self);
  if (self->stmts[id] != NULL)
    return ready (self->stmts[id]);
  if (sqlite3_prepare_v3 (self->db, mk_store_statement_sql[id], -1,
                          SQLITE_PREPARE_PERSISTENT, &self->stmts[id], NULL) != SQLITE_OK)
    {
      mk_store_set_error (self, error, _("reading the database"));
      g_clear_pointer (&self->stmts[id], sqlite3_finalize);
      return NULL;
    }
  return self->stmts[id];
}

/**
 * mk_store_stmt_for_sql:
 * @self: a store
 * @sql: a statement assembled from constant fragments (never from data)
 * @error: return location for a #GError
 *
 * Like mk_store_stmt() for a statement that is not in the table because it
 * is put together at run time; kept by its text.
 *
 * Returns: (transfer none) (nullable): the statement, reset and unbound,
 *   or %NULL with @error set.
 */
sqlite3_stmt *
mk_store_stmt_for_sql (MkStore    *self,
                       const char *sql,
                       GError    **error)
{
  sqlite3_stmt *stmt;

  wait_for_writer (self);
  stmt = g_hash_table_lookup (self->assembled, sql);
  if (stmt != NULL)
    return ready (stmt);
  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL)
      != SQLITE_OK)
    {
      mk_store_set_error (self, error, _("reading the database"));
      sqlite3_finalize (stmt);
      return NULL;
    }
  g_hash_table_insert (self->assembled, g_strdup (sql), stmt);
  return stmt;
}

/**
 * mk_store_step:
 * @self: a store
 * @stmt: a statement that reads
 * @error: return location for a #GError
 *
 * One step of a read.  The end of the rows and a failure to read them are
 * told apart: a damaged page, a disk error or a lock held too long is a
 * failure, never the end.  At the end and on failure the statement is
 * reset, so that it holds no read lock; after a row the caller resets it
 * when it stops early.
 *
 * Returns: %MK_STORE_ROW, %MK_STORE_DONE, or %MK_STORE_FAILED with @error set.
 */
MkStoreStep
mk_store_step (MkStore      *self,
               sqlite3_stmt *stmt,
               GError      **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return MK_STORE_ROW;
  if (rc != SQLITE_DONE)
    mk_store_set_error (self, error, _("reading the database"));
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE ? MK_STORE_DONE : MK_STORE_FAILED;
}

/**
 * mk_store_step_done:
 * @self: a store
 * @stmt: (nullable): a statement that writes, or %NULL when it could not be
 *   prepared (@error is set already)
 * @error: return location for a #GError
 *
 * Runs a statement that returns no rows, and resets it.
 *
 * Returns: %TRUE when it ran to its end.
 */
gboolean
mk_store_step_done (MkStore      *self,
                    sqlite3_stmt *stmt,
                    GError      **error)
{
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    mk_store_set_error (self, error, _("saving"));
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}

/**
 * mk_store_exec:
 * @self: a store
 * @sql: statements without values (schema work, pragmas)
 * @doing: what they do, for the message: "creating the database tables"
 * @error: return location for a #GError
 *
 * Returns: %TRUE when every statement ran.
 */
gboolean
mk_store_exec (MkStore    *self,
               const char *sql,
               const char *doing,
               GError    **error)
{
  wait_for_writer (self);
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      mk_store_set_error (self, error, doing);
      return FALSE;
    }
  return TRUE;
}

/**
 * mk_store_query_int64:
 * @self: a store
 * @id: a statement of the table without values that returns one number
 * @value: (out): the number
 * @error: return location for a #GError
 *
 * Returns: %TRUE with @value set; %FALSE with @error set when the
 *   statement fails or returns no row.
 */
gboolean
mk_store_query_int64 (MkStore *self,
                      MkStmt   id,
                      gint64  *value,
                      GError **error)
{
  sqlite3_stmt *stmt = mk_store_stmt (self, id, error);

  if (stmt == NULL)
    return FALSE;
  switch (mk_store_step (self, stmt, error))
    {
    case MK_STORE_ROW:
      *value = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      return TRUE;
    case MK_STORE_DONE:
      {
        g_autofree char *name = g_filename_display_name (self->path);

        g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_CORRUPT,
                     _("%s is damaged (%s). Restore it from a backup copy."), name,
                     "a query of its own tables returned nothing");
        return FALSE;
      }
    case MK_STORE_FAILED:
    default:
      return FALSE;
    }
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
      /* The guard a team adds to a manager's database (mk-team-link.c). */
      if (rc == SQLITE_CONSTRAINT_TRIGGER && g_strcmp0 (detail, "minutka-team-owned") == 0)
        g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_TEAM_OWNED,
                     _("This database is in a team: its categories, category words, targets, "
                       "prime hours and study period are set by the team's supervisor and "
                       "come with each sync. Nothing was changed; ask the supervisor."));
      else
        g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_INVALID,
                     _("The database refused a value while %s (%s)."), doing, detail);
      break;
    default:
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_FAILED,
                   _("The database failed while %s (%s)."), doing, detail);
    }
}

/**
 * mk_store_begin:
 * @self: a store with no transaction open
 * @error: return location for a #GError
 *
 * Opens a write transaction (BEGIN IMMEDIATE: the write lock is taken now,
 * so a change never fails half-way for want of it).  Only for a bulk
 * import, which spans many calls; a change of its own uses
 * mk_store_change().
 *
 * Returns: %TRUE once the transaction is open.
 */
gboolean
mk_store_begin (MkStore *self,
                GError **error)
{
  g_return_val_if_fail (!self->in_transaction, FALSE);

  if (!mk_store_step_done (self, mk_store_stmt (self, STMT_BEGIN, error), error))
    return FALSE;
  self->in_transaction = TRUE;
  return TRUE;
}

/* Rolls back whatever is open; statements that failed may still be active,
 * so they are all reset first. */
static void
rollback (MkStore *self)
{
  GHashTableIter iter;
  gpointer stmt;

  for (guint i = 0; i < N_STMTS; i++)
    if (self->stmts[i] != NULL)
      sqlite3_reset (self->stmts[i]);
  g_hash_table_iter_init (&iter, self->assembled);
  while (g_hash_table_iter_next (&iter, NULL, &stmt))
    sqlite3_reset (stmt);
  if (sqlite3_get_autocommit (self->db) == 0)
    mk_store_step_done (self, mk_store_stmt (self, STMT_ROLLBACK, NULL), NULL);
  self->in_transaction = FALSE;
  self->categories_changed = FALSE;
}

/**
 * mk_store_end:
 * @self: a store inside mk_store_begin()'s transaction
 * @commit: %TRUE to commit, %FALSE to roll back
 * @error: return location for a #GError
 *
 * Ends the transaction.  A commit that fails is rolled back.  Emits
 * nothing: the caller emits "changed" once the connection is as the
 * store keeps it.
 *
 * Returns: %TRUE once committed; %FALSE after a rollback.
 */
gboolean
mk_store_end (MkStore  *self,
              gboolean  commit,
              GError  **error)
{
  g_return_val_if_fail (self->in_transaction, FALSE);

  if (!commit)
    {
      rollback (self);
      return FALSE;
    }
  if (!mk_store_step_done (self, mk_store_stmt (self, STMT_COMMIT, error), error))
    {
      rollback (self);
      return FALSE;
    }
  self->in_transaction = FALSE;
  return TRUE;
}

/**
 * mk_store_change:
 * @self: a store
 * @func: writes the change
 * @user_data: passed to @func
 * @error: return location for a #GError
 *
 * The one way a change is written: @func runs in one write transaction,
 * which is committed when it returns %TRUE and rolled back — with the
 * store's cached settings — when it or the commit fails.  After the commit
 * the categories are read again if @func marked them changed, then
 * "changed" is emitted.
 *
 * Inside another transaction (a person or an alias added by a bulk
 * import), @func runs in a savepoint of it: a failure undoes the change
 * alone, a success becomes part of the outer transaction and nothing is
 * emitted until that commits.
 *
 * Returns: %TRUE once committed (or, nested, once part of the outer
 *   transaction); %FALSE with @error set, nothing changed.
 */
gboolean
mk_store_change (MkStore          *self,
                 MkStoreChangeFunc func,
                 gpointer          user_data,
                 GError          **error)
{
  MkSettings settings = self->settings;
  /* Said by the caller for this change only (mk_store_update_category()). */
  gboolean untouched = self->entries_untouched;
  gboolean ok;

  self->entries_untouched = FALSE;
  if (self->read_only)
    {
      g_autofree char *name = g_filename_display_name (self->path);

      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_READ_ONLY,
                   _("%s can only be read: %s. The change was not saved."), name,
                   self->read_only_reason);
      return FALSE;
    }
  if (self->in_transaction)
    {
      if (!mk_store_step_done (self, mk_store_stmt (self, STMT_SAVEPOINT, error), error))
        return FALSE;
      ok = func (self, user_data, error);
      if (!ok)
        {
          mk_store_step_done (self, mk_store_stmt (self, STMT_ROLLBACK_TO, NULL), NULL);
          self->settings = settings;
        }
      /* RELEASE after ROLLBACK TO only closes the savepoint. */
      if (!mk_store_step_done (self, mk_store_stmt (self, STMT_RELEASE, ok ? error : NULL),
                               ok ? error : NULL))
        ok = FALSE;
      return ok;
    }

  if (!mk_store_begin (self, error))
    return FALSE;
  ok = func (self, user_data, error);
  if (!mk_store_end (self, ok, ok ? error : NULL))
    {
      self->settings = settings;
      return FALSE;
    }
  if (self->categories_changed)
    {
      g_autoptr(GError) local = NULL;

      self->categories_changed = FALSE;
      /* Committed: a failure to read them back leaves the old cache until
       * the next change or mk_store_sync_external(). */
      if (!mk_store_reload_categories (self, &local))
        g_warning ("%s", local->message);
    }
  self->emitting_untouched = untouched;
  mk_store_emit_changed (self);
  self->emitting_untouched = FALSE;
  return TRUE;
}

/**
 * mk_store_change_leaves_entries:
 * @self: a store
 *
 * Asked in a handler of "changed": whether the change just committed left
 * every entry, and everything a list of entries shows of them, as it was
 * — a category's target band or class, say.  A list of entries need not
 * read itself again then (at a million entries that is a count of the
 * whole table).  %FALSE whenever that is not known, so a list that reads
 * itself again is never wrong.
 *
 * Returns: %TRUE when the entries' rows are as they were
 */
gboolean
mk_store_change_leaves_entries (MkStore *self)
{
  g_return_val_if_fail (MK_IS_STORE (self), FALSE);

  return self->emitting_untouched;
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
  g_autoptr(GError) error = NULL;
  gint64 version = 0;

  /* Unreadable now (a lock held too long): the caches stay as they are and
   * the next call tries again. */
  if (self->in_transaction || !mk_store_query_int64 (self, STMT_DATA_VERSION, &version, NULL))
    return;
  if (version == self->data_version)
    return;
  if (!mk_store_load_settings (self, &error) || !mk_store_reload_categories (self, &error))
    {
      g_warning ("%s", error->message);
      return;
    }
  self->data_version = version;
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
  g_autoptr(GError) error = NULL;
  gint64 any = 0;

  g_return_val_if_fail (MK_IS_STORE (self), TRUE);

  if (!mk_store_query_int64 (self, STMT_ENTRY_ANY, &any, &error))
    {
      /* Unreadable is not empty: the views that read it say what failed. */
      g_warning ("%s", error->message);
      return FALSE;
    }
  return any == 0;
}
