/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-store-aliases.c — listing and removing category aliases.
 *
 * The alias table (category_alias: alias → category_id) is written by
 * mk-store-categories.c; this module reads one category's aliases and
 * deletes single aliases.  Aliases are stored as mk_store_alias_key() of
 * the word (trimmed, case-folded, spaces collapsed, "ё" read as "е"), so
 * they are listed in that form and removal accepts the word in any case.
 * Its statements are in the store's table (mk-store-statements.c).
 */
#define G_LOG_DOMAIN "mk-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mk-error.h"
#include "mk-store-aliases.h"
#include "mk-store-private.h"

/**
 * mk_store_list_aliases:
 * @self: a store
 * @category_id: a category
 * @error: return location for a #GError
 *
 * Lists the words that map to @category_id, in the form they are stored
 * and matched (case-folded), sorted.  The category's own key and name are
 * matched too but are not aliases, so they are not listed.
 *
 * Returns: (transfer full) (array zero-terminated=1) (nullable): the
 *   aliases, empty when the category has none or does not exist; %NULL
 *   with @error set when the database cannot be read.
 */
char **
mk_store_list_aliases (MkStore *self,
                       gint64   category_id,
                       GError **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  MkStoreStep step;

  g_return_val_if_fail (MK_IS_STORE (self), NULL);

  stmt = mk_store_stmt (self, STMT_ALIAS_LIST, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, category_id);
  while ((step = mk_store_step (self, stmt, error)) == MK_STORE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  if (step == MK_STORE_FAILED)
    return NULL;
  return g_strv_builder_end (builder);
}

/* Removes the alias stored as @user_data[0]; @user_data[1] is the word as
 * the user wrote it. */
static gboolean
remove_alias_change (MkStore  *self,
                     gpointer  user_data,
                     GError  **error)
{
  const char *const *words = user_data;
  sqlite3_stmt *stmt = mk_store_stmt (self, STMT_ALIAS_DELETE, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, words[0], -1, SQLITE_TRANSIENT);
  if (!mk_store_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_NOT_FOUND,
                   _("“%s” is not an alias of any category; reload the list."), words[1]);
      return FALSE;
    }
  return TRUE;
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
  const char *words[2];

  g_return_val_if_fail (MK_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  key = mk_store_alias_key (text ? text : "");
  words[0] = key;
  words[1] = text ? text : "";
  return mk_store_change (self, remove_alias_change, words, error);
}
