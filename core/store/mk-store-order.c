/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-store-order.c — the order of the categories in every list.
 *
 * Categories are listed by (sort_order, id), archived ones included, so
 * that an archived category keeps its place when it comes back.  Moving a
 * category renumbers the whole list 0, 1, 2 … in the new order, in one
 * transaction; ties and gaps left by older versions or by imports vanish on
 * the first move.
 */
#define G_LOG_DOMAIN "mk-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mk-error.h"
#include "mk-store-order.h"
#include "mk-store-private.h"

/* Numbers the categories of @user_data (a GPtrArray in the new order). */
static gboolean
order_change (MkStore  *self,
              gpointer  user_data,
              GError  **error)
{
  GPtrArray *order = user_data;

  for (guint i = 0; i < order->len; i++)
    {
      MkCategory *category = g_ptr_array_index (order, i);
      sqlite3_stmt *stmt;

      if (mk_category_get_sort_order (category) == (int) i)
        continue;
      stmt = mk_store_stmt (self, STMT_CATEGORY_SET_ORDER, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int (stmt, 1, (int) i);
      sqlite3_bind_int64 (stmt, 2, mk_category_get_id (category));
      if (!mk_store_step_done (self, stmt, error))
        return FALSE;
    }
  self->categories_changed = TRUE;
  return TRUE;
}

/**
 * mk_store_move_category:
 * @self: a store
 * @category_id: the category to move
 * @delta: how many places to move it: negative is up (earlier), positive
 *   is down; a move past either end stops there
 * @error: return location for a #GError
 *
 * Moves a category within the user's order of categories (archived ones
 * count too) and renumbers the list, in one transaction.
 *
 * Returns: %TRUE once committed, or when the category is already at that
 *   end; %FALSE with MK_STORE_ERROR_NOT_FOUND for an unknown category or
 *   another MK_STORE_ERROR when the database fails (nothing changes then).
 */
gboolean
mk_store_move_category (MkStore  *self,
                        gint64    category_id,
                        int       delta,
                        GError  **error)
{
  g_autoptr(GListModel) all = NULL;
  g_autoptr(GPtrArray) order = NULL;
  guint n;
  guint from = G_MAXUINT;
  int to;

  g_return_val_if_fail (MK_IS_STORE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  all = mk_store_list_categories (self, TRUE);
  n = g_list_model_get_n_items (all);
  order = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      MkCategory *category = g_list_model_get_item (all, i);

      if (mk_category_get_id (category) == category_id)
        from = i;
      g_ptr_array_add (order, category);
    }
  if (from == G_MAXUINT)
    {
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_NOT_FOUND,
                   _("This category is no longer in the database; reload the list."));
      return FALSE;
    }

  to = CLAMP ((int) from + delta, 0, (int) n - 1);
  if (to == (int) from)
    return TRUE;

  {
    gpointer moving = g_ptr_array_steal_index (order, from);

    g_ptr_array_insert (order, to, moving);
  }

  return mk_store_change (self, order_change, order, error);
}
