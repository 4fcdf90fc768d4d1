/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-store-aliases.c — listing and removing category aliases.
 *
 * The alias table (category_alias: alias → category_id) is written by
 * mk-store-categories.c; this module reads one category's aliases and
 * deletes single aliases.  Aliases are stored as mk_store_alias_key() of
 * the word (trimmed, case-folded, spaces collapsed, "ё" read as "е"), so
 * they are listed in that form and removal accepts the word in any case.
 *
 * Its two statements are prepared once per store and kept on the store as
 * object data (the store's own statement table belongs to mk-store.c); they
 * are finalized when the store goes away, and SQLite closes the connection
 * once the last of them is gone.
 */
#define G_LOG_DOMAIN "mk-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mk-error.h"
#include "mk-store-aliases.h"
#include "mk-store-private.h"

typedef enum {
  ALIAS_STMT_LIST,
  ALIAS_STMT_DELETE,
  N_ALIAS_STMTS
} AliasStmt;

static const char *alias_sql[N_ALIAS_STMTS] = {
  [ALIAS_STMT_LIST] =
    "SELECT alias FROM category_alias WHERE category_id = ? ORDER BY alias",
  [ALIAS_STMT_DELETE] = "DELETE FROM category_alias WHERE alias = ?",
};

typedef struct {
  sqlite3_stmt *stmts[N_ALIAS_STMTS];
} AliasStmts;

static void
alias_stmts_free (gpointer data)
{
  AliasStmts *cache = data;

  for (guint i = 0; i < N_ALIAS_STMTS; i++)
    g_clear_pointer (&cache->stmts[i], sqlite3_finalize);
  g_free (cache);
}

static sqlite3_stmt *
alias_stmt (MkStore   *self,
            AliasStmt  id)
{
  static GQuark quark;
  AliasStmts *cache;

  if (quark == 0)
    quark = g_quark_from_static_string ("mk-store-alias-statements");

  cache = g_object_get_qdata (G_OBJECT (self), quark);
  if (cache == NULL)
    {
      cache = g_new0 (AliasStmts, 1);
      g_object_set_qdata_full (G_OBJECT (self), quark, cache, alias_stmts_free);
    }

  if (cache->stmts[id] == NULL)
    {
      int rc = sqlite3_prepare_v3 (self->db, alias_sql[id], -1, SQLITE_PREPARE_PERSISTENT,
                                   &cache->stmts[id], NULL);
      if (rc != SQLITE_OK)
        g_error ("Alias statement %u does not compile: %s", id, sqlite3_errmsg (self->db));
    }
  else
    {
      sqlite3_reset (cache->stmts[id]);
      sqlite3_clear_bindings (cache->stmts[id]);
    }
  return cache->stmts[id];
}

/**
 * mk_store_list_aliases:
 * @self: a store
 * @category_id: a category
 *
 * Lists the words that map to @category_id, in the form they are stored
 * and matched (case-folded), sorted.  The category's own key and name are
 * matched too but are not aliases, so they are not listed.
 *
 * Returns: (transfer full) (array zero-terminated=1): the aliases; empty
 *   (never %NULL) when the category has none or does not exist.
 */
char **
mk_store_list_aliases (MkStore *self,
                       gint64   category_id)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (MK_IS_STORE (self), NULL);

  stmt = alias_stmt (self, ALIAS_STMT_LIST);
  sqlite3_bind_int64 (stmt, 1, category_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return g_strv_builder_end (builder);
}

/**
 * mk_store_remove_alias:
 * @self: a store
 * @text: the alias, as listed or as typed ("КП", "Follow up")
 * @error: return location for a #GError
 *
 * Removes one alias, so that the word no longer maps to its category (it
 * still maps when it is a category's key or name).  Entries already filed
 * under the category stay there.
 *
 * Returns: %TRUE once committed; %FALSE with MK_STORE_ERROR_NOT_FOUND when
 *   no such alias exists, or another MK_STORE_ERROR when the database
 *   fails (nothing is changed then).
 */
gboolean
mk_store_remove_alias (MkStore    *self,
                       const char *text,
                       GError    **error)
{
  g_autofree char *key = NULL;
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (MK_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  key = text ? mk_store_alias_key (text) : g_strdup ("");
  if (!mk_store_begin (self, error))
    return FALSE;
  stmt = alias_stmt (self, ALIAS_STMT_DELETE);
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  ok = mk_store_step_done (self, stmt, error);
  if (ok && sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_NOT_FOUND,
                   _("“%s” is not an alias of any category; reload the list."),
                   text ? text : "");
      ok = FALSE;
    }
  return mk_store_finish (self, ok, error);
}
