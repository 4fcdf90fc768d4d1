/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-store-categories.c — categories and the aliases that map words to them.
 *
 * Categories are few, so the store keeps them all in a cache (id →
 * MkCategory) that is rebuilt after every change to a category.  Aliases
 * are stored by mk_store_alias_key(): trimmed, case-folded, spaces
 * collapsed, "ё" read as "е".  A word also matches a category by its key
 * or its shown name, so "Calls" works without an alias.
 */
#define G_LOG_DOMAIN "mk-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mk-error.h"
#include "mk-store-private.h"

static double
column_or (sqlite3_stmt *stmt,
           int           column,
           double        fallback)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL
         ? fallback : sqlite3_column_double (stmt, column);
}

/**
 * mk_store_reload_categories:
 * @self: a store
 * @error: return location for a #GError
 *
 * Rebuilds the category cache from the database.  When it cannot be read,
 * the cache stays as it was.
 *
 * Returns: %TRUE once the cache holds what the database holds.
 */
gboolean
mk_store_reload_categories (MkStore *self,
                            GError **error)
{
  g_autoptr(GHashTable) categories = NULL;
  sqlite3_stmt *stmt = mk_store_stmt (self, STMT_CATEGORY_LIST, error);
  MkStoreStep step;

  if (stmt == NULL)
    return FALSE;
  categories = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  while ((step = mk_store_step (self, stmt, error)) == MK_STORE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 1);
      const char *name = (const char *) sqlite3_column_text (stmt, 2);
      MkCategoryKind klass = MK_CATEGORY_KIND_NON_SELLING;
      MkCategory *category;
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (name == NULL)
        name = mk_store_builtin_category_name (key);
      mk_category_kind_from_string ((const char *) sqlite3_column_text (stmt, 4), &klass);
      category = mk_category_new (id, key, name ? name : key,
                                  (const char *) sqlite3_column_text (stmt, 3), klass,
                                  column_or (stmt, 5, -1), column_or (stmt, 6, -1),
                                  sqlite3_column_int (stmt, 7),
                                  sqlite3_column_int (stmt, 8) != 0);
      g_hash_table_insert (categories, g_memdup2 (&id, sizeof id), category);
    }
  if (step == MK_STORE_FAILED)
    return FALSE;
  /* Swapped in whole: pointers handed out stay valid until the next change
   * to the categories, as mk_store_get_category() promises. */
  g_clear_pointer (&self->categories, g_hash_table_unref);
  self->categories = g_steal_pointer (&categories);
  return TRUE;
}

static int
compare_categories (gconstpointer a,
                    gconstpointer b)
{
  MkCategory *ca = *(MkCategory **) a;
  MkCategory *cb = *(MkCategory **) b;
  int oa = mk_category_get_sort_order (ca);
  int ob = mk_category_get_sort_order (cb);

  if (oa != ob)
    return oa < ob ? -1 : 1;
  return mk_category_get_id (ca) < mk_category_get_id (cb) ? -1 : 1;
}

/**
 * mk_store_list_categories:
 * @self: a store
 * @include_archived: whether archived categories are listed too
 *
 * Returns: (transfer full): a list of #MkCategory in the user's order.
 */
GListModel *
mk_store_list_categories (MkStore  *self,
                          gboolean  include_archived)
{
  GListStore *list = g_list_store_new (MK_TYPE_CATEGORY);
  g_autoptr(GPtrArray) all = NULL;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (MK_IS_STORE (self), G_LIST_MODEL (list));

  mk_store_sync_external (self);
  all = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, self->categories);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (include_archived || !mk_category_get_archived (value))
      g_ptr_array_add (all, value);
  g_ptr_array_sort (all, compare_categories);
  g_list_store_splice (list, 0, 0, all->pdata, all->len);
  return G_LIST_MODEL (list);
}

/**
 * mk_store_get_category:
 * @self: a store
 * @id: a category id
 *
 * Returns: (transfer none) (nullable): the category, or %NULL if unknown.
 *   It stays valid until the next change to the categories; take a
 *   reference to keep it longer.
 */
MkCategory *
mk_store_get_category (MkStore *self,
                       gint64   id)
{
  g_return_val_if_fail (MK_IS_STORE (self), NULL);
  return g_hash_table_lookup (self->categories, &id);
}

/**
 * mk_store_get_category_by_key:
 * @self: a store
 * @key: a stable key such as "calls"
 *
 * Returns: (transfer none) (nullable): the category, or %NULL.
 */
MkCategory *
mk_store_get_category_by_key (MkStore    *self,
                              const char *key)
{
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (MK_IS_STORE (self), NULL);

  mk_store_sync_external (self);
  g_hash_table_iter_init (&iter, self->categories);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (g_strcmp0 (mk_category_get_key (value), key) == 0)
      return value;
  return NULL;
}

/**
 * mk_store_lookup_alias:
 * @self: a store
 * @text: a word or two as typed or imported ("Звонки", "follow up", "CRM")
 *
 * Looks @text up in the alias table, then among the categories' keys and
 * shown names.
 *
 * Returns: (transfer none) (nullable): the category, or %NULL when the
 *   word is not known (when the alias table cannot be read, a warning says
 *   why and only the keys and names are looked at).
 */
MkCategory *
mk_store_lookup_alias (MkStore    *self,
                       const char *text)
{
  g_autofree char *key = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  MkStoreStep step;
  MkCategory *found = NULL;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (MK_IS_STORE (self), NULL);

  if (text == NULL)
    return NULL;
  mk_store_sync_external (self);
  key = mk_store_alias_key (text);
  if (*key == '\0')
    return NULL;

  stmt = mk_store_stmt (self, STMT_ALIAS_LOOKUP, &error);
  if (stmt != NULL)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
      step = mk_store_step (self, stmt, &error);
      if (step == MK_STORE_ROW)
        {
          found = mk_store_get_category (self, sqlite3_column_int64 (stmt, 0));
          sqlite3_reset (stmt);
        }
    }
  if (error != NULL)
    g_warning ("%s", error->message);
  if (found != NULL)
    return found;

  g_hash_table_iter_init (&iter, self->categories);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      g_autofree char *k = mk_store_alias_key (mk_category_get_key (value));
      g_autofree char *n = mk_store_alias_key (mk_category_get_name (value));

      if (g_strcmp0 (k, key) == 0 || g_strcmp0 (n, key) == 0)
        return value;
    }
  return NULL;
}

typedef struct {
  const char *key;
  gint64      category_id;
} AliasRow;

static gboolean
alias_change (MkStore  *self,
              gpointer  user_data,
              GError  **error)
{
  AliasRow *row = user_data;
  sqlite3_stmt *stmt = mk_store_stmt (self, STMT_ALIAS_UPSERT, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, row->key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, row->category_id);
  return mk_store_step_done (self, stmt, error);
}

/**
 * mk_store_add_alias:
 * @self: a store
 * @text: the word to map ("Перезвоны")
 * @category_id: the category it means
 * @error: return location for a #GError
 *
 * Adds or re-points an alias.  Inside a bulk import this joins the import's
 * transaction.
 *
 * Returns: %TRUE once committed.
 */
gboolean
mk_store_add_alias (MkStore    *self,
                    const char *text,
                    gint64      category_id,
                    GError    **error)
{
  g_return_val_if_fail (MK_IS_STORE (self), FALSE);

  return mk_store_add_aliases (self, &text, &category_id, 1, error);
}

typedef struct {
  const char *const *texts;
  const gint64      *category_ids;
  guint              n;
} AliasRows;

static gboolean
aliases_change (MkStore  *self,
                gpointer  user_data,
                GError  **error)
{
  AliasRows *rows = user_data;

  for (guint i = 0; i < rows->n; i++)
    {
      g_autofree char *key = mk_store_alias_key (rows->texts[i]);
      AliasRow row = { key, rows->category_ids[i] };

      if (!alias_change (self, &row, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * mk_store_add_aliases:
 * @self: a store
 * @texts: (array length=n): the words to map
 * @category_ids: (array length=n): the category each means
 * @n: how many
 * @error: return location for a #GError
 *
 * mk_store_add_alias() for each word, all in one transaction: all are
 * added or none.
 *
 * Returns: %TRUE once committed.
 */
gboolean
mk_store_add_aliases (MkStore           *self,
                      const char *const *texts,
                      const gint64      *category_ids,
                      guint              n,
                      GError           **error)
{
  AliasRows rows = { texts, category_ids, n };

  g_return_val_if_fail (MK_IS_STORE (self), FALSE);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *key = texts[i] ? mk_store_alias_key (texts[i]) : g_strdup ("");

      if (*key == '\0')
        {
          g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_INVALID,
                       _("An alias needs a word. Type the word that should mean this "
                         "category."));
          return FALSE;
        }
      if (mk_store_get_category (self, category_ids[i]) == NULL)
        {
          g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_NOT_FOUND,
                       _("The category of the alias “%s” does not exist."), texts[i]);
          return FALSE;
        }
    }
  return n == 0 || mk_store_change (self, aliases_change, &rows, error);
}

static gboolean
valid_color (const char *color)
{
  if (color == NULL || strlen (color) != 7 || color[0] != '#')
    return FALSE;
  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (color[i]))
      return FALSE;
  return TRUE;
}

static gboolean
valid_key (const char *key)
{
  if (key == NULL || *key == '\0' || strlen (key) > 32)
    return FALSE;
  for (const char *p = key; *p; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '_')
      return FALSE;
  return TRUE;
}

typedef struct {
  gint64         id;          /* 0 for a new one, which sets it */
  const char    *key;
  const char    *name;        /* NULL: the built-in name, following the language */
  const char    *color;
  MkCategoryKind klass;
  double         target_min;
  double         target_max;
  int            sort_order;
  gboolean       archived;
} CategoryRow;

static gboolean
category_insert_change (MkStore  *self,
                        gpointer  user_data,
                        GError  **error)
{
  CategoryRow *row = user_data;
  sqlite3_stmt *stmt;
  gint64 order = 0;
  MkUuid uuid;

  if (!mk_store_query_int64 (self, STMT_CATEGORY_MAX_ORDER, &order, error))
    return FALSE;
  stmt = mk_store_stmt (self, STMT_CATEGORY_INSERT, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, row->key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, row->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, row->color, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, mk_category_kind_to_string (row->klass), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 5, (int) order + 1);
  mk_store_category_uuid (row->key, &uuid);
  sqlite3_bind_blob (stmt, 6, uuid.bytes, sizeof uuid.bytes, SQLITE_TRANSIENT);
  if (!mk_store_step_done (self, stmt, error))
    return FALSE;
  row->id = sqlite3_last_insert_rowid (self->db);
  self->categories_changed = TRUE;
  return TRUE;
}

static gboolean
category_update_change (MkStore  *self,
                        gpointer  user_data,
                        GError  **error)
{
  CategoryRow *row = user_data;
  sqlite3_stmt *stmt = mk_store_stmt (self, STMT_CATEGORY_UPDATE, error);

  if (stmt == NULL)
    return FALSE;
  if (row->name != NULL)
    sqlite3_bind_text (stmt, 1, row->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, row->color, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, mk_category_kind_to_string (row->klass), -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 4, row->target_min < 0 ? -1 : row->target_min);
  sqlite3_bind_double (stmt, 5, row->target_max < 0 ? -1 : row->target_max);
  sqlite3_bind_int (stmt, 6, row->sort_order);
  sqlite3_bind_int (stmt, 7, row->archived ? 1 : 0);
  sqlite3_bind_int64 (stmt, 8, row->id);
  if (!mk_store_step_done (self, stmt, error))
    return FALSE;
  self->categories_changed = TRUE;
  return TRUE;
}

/**
 * mk_store_add_category:
 * @self: a store
 * @key: a stable key: lower-case letters, digits and "_" ("demo_prep")
 * @name: the shown name
 * @color: "#rrggbb"
 * @klass: selling, supporting or non-selling
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the new category, or %NULL with
 *   MK_STORE_ERROR_INVALID or _EXISTS.
 */
MkCategory *
mk_store_add_category (MkStore        *self,
                       const char     *key,
                       const char     *name,
                       const char     *color,
                       MkCategoryKind klass,
                       GError        **error)
{
  g_autofree char *shown = name ? g_strstrip (g_strdup (name)) : NULL;
  CategoryRow row = { 0 };
  MkCategory *category;

  g_return_val_if_fail (MK_IS_STORE (self), NULL);

  if (!valid_key (key))
    {
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_INVALID,
                   _("The key “%s” may only use small Latin letters, digits and “_”."),
                   key ? key : "");
      return NULL;
    }
  if (shown == NULL || *shown == '\0')
    {
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_INVALID,
                   _("A category needs a name."));
      return NULL;
    }
  if (!valid_color (color))
    {
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_INVALID,
                   _("The colour “%s” is not a colour like #3584e4."), color ? color : "");
      return NULL;
    }
  if (mk_store_get_category_by_key (self, key) != NULL)
    {
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_EXISTS,
                   _("A category with the key “%s” already exists."), key);
      return NULL;
    }

  row = (CategoryRow) { .key = key, .name = shown, .color = color, .klass = klass };
  if (!mk_store_change (self, category_insert_change, &row, error))
    return NULL;
  /* Committed; the cache was read back, unless that failed (a warning said
   * why): then once more, to say why here. */
  category = mk_store_get_category (self, row.id);
  if (category == NULL && !mk_store_reload_categories (self, error))
    return NULL;
  category = mk_store_get_category (self, row.id);
  if (category == NULL)
    {
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_NOT_FOUND,
                   _("This category is no longer in the database; reload the list."));
      return NULL;
    }
  return g_object_ref (category);
}

/**
 * mk_store_update_category:
 * @self: a store
 * @id: the category
 * @name: the shown name
 * @color: "#rrggbb"
 * @klass: the class
 * @target_min: lowest healthy share 0..1, or negative for none
 * @target_max: highest healthy share 0..1, or negative for none
 * @sort_order: position in lists
 * @archived: hidden from pickers (its entries stay)
 * @error: return location for a #GError
 *
 * Returns: %TRUE once committed.
 */
gboolean
mk_store_update_category (MkStore        *self,
                          gint64          id,
                          const char     *name,
                          const char     *color,
                          MkCategoryKind klass,
                          double          target_min,
                          double          target_max,
                          int             sort_order,
                          gboolean        archived,
                          GError        **error)
{
  g_autofree char *shown = name ? g_strstrip (g_strdup (name)) : NULL;
  MkCategory *category;
  const char *builtin;
  CategoryRow row;

  g_return_val_if_fail (MK_IS_STORE (self), FALSE);

  category = mk_store_get_category (self, id);
  if (category == NULL)
    {
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_NOT_FOUND,
                   _("This category is no longer in the database; reload the list."));
      return FALSE;
    }
  if (shown == NULL || *shown == '\0')
    {
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_INVALID,
                   _("A category needs a name."));
      return FALSE;
    }
  if (!valid_color (color))
    {
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_INVALID,
                   _("The colour “%s” is not a colour like #3584e4."), color ? color : "");
      return FALSE;
    }
  if (target_min > 1 || target_max > 1 ||
      (target_min >= 0 && target_max >= 0 && target_min > target_max))
    {
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_INVALID,
                   _("The target band of %s must run from a lower to a higher share "
                     "between 0%% and 100%%."), shown);
      return FALSE;
    }
  /* 0 % below and 100 % above are no bound, stored as none. */
  mk_target_band_normalize (&target_min, &target_max);

  /* A built-in category keeps following the language until it is renamed. */
  builtin = mk_store_builtin_category_name (mk_category_get_key (category));
  row = (CategoryRow) {
    .id = id,
    .name = builtin == NULL || g_strcmp0 (builtin, shown) != 0 ? shown : NULL,
    .color = color,
    .klass = klass,
    .target_min = target_min,
    .target_max = target_max,
    .sort_order = sort_order,
    .archived = archived,
  };
  /* Only its class, target band or both: what a list of entries shows of
   * them (name, colour, order, whether archived) stays. */
  self->entries_untouched = g_strcmp0 (shown, mk_category_get_name (category)) == 0
                            && g_ascii_strcasecmp (color, mk_category_get_color (category)) == 0
                            && sort_order == mk_category_get_sort_order (category)
                            && !archived == !mk_category_get_archived (category);
  return mk_store_change (self, category_update_change, &row, error);
}
