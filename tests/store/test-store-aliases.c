/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-store-aliases.c — listing and removing category aliases, and moving
 * categories up and down the user's list. */
#include "config.h"

#include "mk-error.h"
#include "mk-store-aliases.h"
#include "mk-store-order.h"
#include "store-test-utils.h"

static void
test_aliases_list_builtin (void)
{
  g_autoptr(MkStore) store = mk_test_store_new ();
  g_auto(GStrv) calls = mk_store_list_aliases (store, mk_test_category (store, "calls"), NULL);
  g_auto(GStrv) admin = mk_store_list_aliases (store, mk_test_category (store, "admin"), NULL);
  g_auto(GStrv) none = mk_store_list_aliases (store, 999999, NULL);

  /* Both languages ship, stored case-folded, "ё" read as "е". */
  g_assert_true (g_strv_contains ((const char * const *) calls, "звонки"));
  g_assert_true (g_strv_contains ((const char * const *) calls, "cold call"));
  g_assert_false (g_strv_contains ((const char * const *) calls, "crm"));
  g_assert_true (g_strv_contains ((const char * const *) admin, "crm"));
  g_assert_true (g_strv_contains ((const char * const *) admin, "отчет"));
  g_assert_nonnull (none);
  g_assert_cmpuint (g_strv_length (none), ==, 0);

  /* Sorted, so the list reads the same every time. */
  for (guint i = 1; calls[i] != NULL; i++)
    g_assert_cmpint (strcmp (calls[i - 1], calls[i]), <, 0);
}

static void
test_aliases_add_then_remove (void)
{
  g_autoptr(MkStore) store = mk_test_store_new ();
  g_autoptr(GError) error = NULL;
  gint64 follow = mk_test_category (store, "follow_up");
  guint changed = 0;
  g_auto(GStrv) before = mk_store_list_aliases (store, follow, NULL);
  g_auto(GStrv) added = NULL;
  g_auto(GStrv) removed = NULL;

  mk_test_count_changed (store, &changed);

  g_assert_true (mk_store_add_alias (store, "  Дожим  ", follow, &error));
  g_assert_no_error (error);
  added = mk_store_list_aliases (store, follow, NULL);
  g_assert_cmpuint (g_strv_length (added), ==, g_strv_length (before) + 1);
  g_assert_true (g_strv_contains ((const char * const *) added, "дожим"));
  g_assert_true (mk_store_lookup_alias (store, "дожим") ==
                 mk_store_get_category (store, follow));

  /* Removed by the word in another case; the word no longer maps. */
  changed = 0;
  g_assert_true (mk_store_remove_alias (store, "ДОЖИМ", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);
  g_assert_null (mk_store_lookup_alias (store, "дожим"));
  removed = mk_store_list_aliases (store, follow, NULL);
  g_assert_cmpstrv (removed, before);
  mk_test_assert_consistent (store);
}

static void
test_aliases_remove_unknown (void)
{
  g_autoptr(MkStore) store = mk_test_store_new ();
  g_autoptr(GError) error = NULL;
  guint changed = 0;

  mk_test_count_changed (store, &changed);
  g_assert_false (mk_store_remove_alias (store, "no such word", &error));
  g_assert_error (error, MK_STORE_ERROR, MK_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no such word"));
  g_clear_error (&error);
  g_assert_false (mk_store_remove_alias (store, "", &error));
  g_assert_error (error, MK_STORE_ERROR, MK_STORE_ERROR_NOT_FOUND);
  g_assert_cmpuint (changed, ==, 0);

  /* A category's own name still maps when no alias says so. */
  g_clear_error (&error);
  g_assert_true (mk_store_remove_alias (store, "calls", &error));
  g_assert_true (mk_store_lookup_alias (store, "Calls") ==
                 mk_store_get_category_by_key (store, "calls"));

  /* The store is usable after a refused removal. */
  g_assert_true (mk_store_add_alias (store, "no such word", mk_test_category (store, "admin"),
                                     &error));
  g_assert_no_error (error);
}

static void
test_aliases_removal_persists (void)
{
  g_autofree char *path = mk_test_db_path ("persist.db");
  g_autoptr(GError) error = NULL;
  MkStore *store;

  g_unlink (path);
  store = mk_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (mk_store_remove_alias (store, "планёрка", &error));
  g_assert_no_error (error);
  g_object_unref (store);

  store = mk_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_null (mk_store_lookup_alias (store, "планерка"));
  g_assert_nonnull (mk_store_lookup_alias (store, "планёрки"));
  g_object_unref (store);
}

static char *
order_of (MkStore *store)
{
  g_autoptr(GListModel) all = mk_store_list_categories (store, TRUE);
  GString *keys = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(MkCategory) category = g_list_model_get_item (all, i);

      g_string_append_printf (keys, "%s%s", i ? " " : "", mk_category_get_key (category));
    }
  return g_string_free (keys, FALSE);
}

static void
test_order_move_up_and_down (void)
{
  g_autoptr(MkStore) store = mk_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *start = order_of (store);
  g_autofree char *up = NULL;
  g_autofree char *top = NULL;
  g_autofree char *bottom = NULL;
  guint changed = 0;

  g_assert_cmpstr (start, ==, "calls follow_up admin meetings travel training other");
  mk_test_count_changed (store, &changed);

  g_assert_true (mk_store_move_category (store, mk_test_category (store, "admin"), -1, &error));
  g_assert_no_error (error);
  up = order_of (store);
  g_assert_cmpstr (up, ==, "calls admin follow_up meetings travel training other");
  g_assert_cmpuint (changed, ==, 1);

  /* Past the top stops at the top; already there changes nothing. */
  g_assert_true (mk_store_move_category (store, mk_test_category (store, "admin"), -5, &error));
  g_assert_true (mk_store_move_category (store, mk_test_category (store, "admin"), -1, &error));
  top = order_of (store);
  g_assert_cmpstr (top, ==, "admin calls follow_up meetings travel training other");
  g_assert_cmpuint (changed, ==, 2);

  g_assert_true (mk_store_move_category (store, mk_test_category (store, "calls"), 10, &error));
  bottom = order_of (store);
  g_assert_cmpstr (bottom, ==, "admin follow_up meetings travel training other calls");
  g_assert_no_error (error);
}

static void
test_order_counts_archived_and_new (void)
{
  g_autofree char *path = mk_test_db_path ("order.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(MkCategory) demo = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *reopened = NULL;
  MkCategory *travel;
  MkStore *store;

  g_unlink (path);
  store = mk_store_open (path, &error);
  g_assert_no_error (error);

  travel = mk_store_get_category_by_key (store, "travel");
  g_assert_true (mk_store_update_category (store, mk_category_get_id (travel),
                                           mk_category_get_name (travel),
                                           mk_category_get_color (travel),
                                           mk_category_get_kind (travel), -1, -1,
                                           mk_category_get_sort_order (travel), TRUE, &error));
  g_assert_no_error (error);
  demo = mk_store_add_category (store, "demo_prep", "Demo prep", "#33d17a",
                                MK_CATEGORY_KIND_SELLING, &error);
  g_assert_no_error (error);

  /* The archived category keeps its place and is stepped over like any other. */
  g_assert_true (mk_store_move_category (store, mk_category_get_id (demo), -3, &error));
  g_assert_no_error (error);
  moved = order_of (store);
  g_assert_cmpstr (moved, ==,
                   "calls follow_up admin meetings demo_prep travel training other");
  g_assert_true (mk_store_get_category_by_key (store, "travel") != NULL);
  g_assert_true (mk_category_get_archived (mk_store_get_category_by_key (store, "travel")));
  mk_test_assert_consistent (store);
  g_object_unref (store);

  store = mk_store_open (path, &error);
  g_assert_no_error (error);
  reopened = order_of (store);
  g_assert_cmpstr (reopened, ==, moved);

  g_assert_false (mk_store_move_category (store, 424242, 1, &error));
  g_assert_error (error, MK_STORE_ERROR, MK_STORE_ERROR_NOT_FOUND);
  g_object_unref (store);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/aliases/list-builtin", test_aliases_list_builtin);
  g_test_add_func ("/store/aliases/add-then-remove", test_aliases_add_then_remove);
  g_test_add_func ("/store/aliases/remove-unknown", test_aliases_remove_unknown);
  g_test_add_func ("/store/aliases/removal-persists", test_aliases_removal_persists);
  g_test_add_func ("/store/categories/move-up-and-down", test_order_move_up_and_down);
  g_test_add_func ("/store/categories/move-counts-archived-and-new",
                   test_order_counts_archived_and_new);

  return g_test_run ();
}
