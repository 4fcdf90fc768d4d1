/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-store-external.c — noticing what other connections have committed.
 *
 * Several connections share one database file: the window's store, an
 * import's worker store, `minutka --import` or a second Minutka in another
 * process.  A store emits "changed" after its own commits only, so a window
 * would not show another connection's work until its own next change.
 *
 * SQLite's PRAGMA data_version is the signal: on one connection, its value
 * moves on when another connection has committed, and stays the same for
 * the connection's own commits.  mk_store_check_external() compares it with
 * the value the store's listeners were last told about (the watermark) and,
 * when it moved, re-reads the store's cached settings and categories
 * (mk_store_sync_external()) and emits "changed".
 *
 * Invariants:
 *  - The watermark moves on at every "changed" emission, whoever emits it:
 *    an emission hook reads data_version before any handler runs.  So a
 *    change that was already announced — an import's worker commits on its
 *    own connection and mk_importer_run_finish() emits "changed" on the
 *    window's store — is not announced a second time by the next check,
 *    and a commit that lands while handlers run is announced by the next
 *    check, never lost.
 *  - Nothing is checked inside a transaction: its snapshot is its own.
 *  - The watermark is object data on the store, made by the first check;
 *    stores never checked (a worker's) pay nothing but a lookup per
 *    emission.  The PRAGMA is in the store's statement table.
 */
#define G_LOG_DOMAIN "mk-store"

#include "config.h"

#include "mk-store-private.h"

typedef struct {
  gint64 watermark;    /* data_version when listeners were last told */
} ExternalWatch;

static GQuark
external_watch_quark (void)
{
  static GQuark quark;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("mk-store-external-watch");
  return quark;
}

/* Reads PRAGMA data_version on the store's connection.  Returns FALSE when
 * it cannot be read (a busy or closed file); @version is untouched then. */
static gboolean
read_data_version (MkStore *self,
                   gint64  *version)
{
  return mk_store_query_int64 (self, STMT_DATA_VERSION, version, NULL);
}

static gboolean
changed_emission_hook (GSignalInvocationHint *hint,
                       guint                  n_param_values,
                       const GValue          *param_values,
                       gpointer               user_data)
{
  MkStore *self = g_value_get_object (&param_values[0]);
  ExternalWatch *watch = g_object_get_qdata (G_OBJECT (self), external_watch_quark ());

  if (watch != NULL && !self->in_transaction)
    read_data_version (self, &watch->watermark);
  return TRUE;
}

static ExternalWatch *
external_watch (MkStore *self)
{
  static gsize hook_installed;
  ExternalWatch *watch = g_object_get_qdata (G_OBJECT (self), external_watch_quark ());

  if (watch != NULL)
    return watch;

  if (g_once_init_enter (&hook_installed))
    {
      guint signal_id = g_signal_lookup ("changed", MK_TYPE_STORE);

      g_signal_add_emission_hook (signal_id, 0, changed_emission_hook, NULL, NULL);
      g_once_init_leave (&hook_installed, 1);
    }

  watch = g_new0 (ExternalWatch, 1);
  /* What the caches and the first readers saw: the version at opening, or
   * at the caches' last refresh. */
  watch->watermark = self->data_version;
  g_object_set_qdata_full (G_OBJECT (self), external_watch_quark (), watch, g_free);
  return watch;
}

/**
 * mk_store_check_external:
 * @self: a store
 *
 * Looks whether another connection (another window or process, an import's
 * worker, the command line) has committed to the database since this
 * store's listeners were last told of a change.  If so, the cached settings
 * and categories are read again and "changed" is emitted, so that every
 * view following the store shows the new data.  The first call compares
 * with the state the store read when it was opened.
 *
 * Cheap (one prepared PRAGMA, no table read): a window may call it every
 * few seconds and whenever it gets the focus.  Inside a transaction it
 * does nothing and returns %FALSE.  A file that cannot be read at the
 * moment counts as unchanged; a later call sees the change.
 *
 * Returns: %TRUE when another connection's change was found and "changed"
 *   was emitted.
 */
gboolean
mk_store_check_external (MkStore *self)
{
  ExternalWatch *watch;
  gint64 version = 0;

  g_return_val_if_fail (MK_IS_STORE (self), FALSE);

  if (self->in_transaction || self->db == NULL || !sqlite3_get_autocommit (self->db))
    return FALSE;

  watch = external_watch (self);
  if (!read_data_version (self, &version) || version == watch->watermark)
    return FALSE;

  mk_store_sync_external (self);
  watch->watermark = version;
  mk_store_emit_changed (self);
  return TRUE;
}
