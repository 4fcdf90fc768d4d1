/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store-test-utils.h — a fresh database per test. */
#pragma once

#include <glib/gstdio.h>

#include "mk-store.h"

/* A path in the test's own temporary folder (G_TEST_OPTION_ISOLATE_DIRS). */
static inline char *
mk_test_db_path (const char *name)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "mk-test", NULL);

  g_mkdir_with_parents (dir, 0700);
  return g_build_filename (dir, name, NULL);
}

static inline MkStore *
mk_test_store_new (void)
{
  g_autofree char *path = mk_test_db_path ("test.db");
  g_autoptr(GError) error = NULL;
  MkStore *store;

  g_unlink (path);
  store = mk_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static inline void
mk_test_assert_consistent (MkStore *store)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (mk_store_check (store, NULL, &error));
  g_assert_no_error (error);
}
