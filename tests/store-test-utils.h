/* SPDX-License-Identifier: GPL-3.0-or-later */
/* store-test-utils.h — what core tests need again and again: a fresh
 * database per test, people, categories and entries in one line, a count
 * of "changed" signals, one value read straight from the file.  Each helper
 * asserts that its step worked, so a test reads as what it checks.  See
 * docs/testing.md.
 */
#pragma once

#include <glib/gstdio.h>
#include <sqlite3.h>

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

/* The id of the person named @name, added if new. */
static inline gint64
mk_test_person (MkStore    *store,
                const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MkPerson) person = mk_store_ensure_person (store, name, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (person);
  return mk_person_get_id (person);
}

/* The id of the category with @key ("calls", "admin", …), which must exist. */
static inline gint64
mk_test_category (MkStore    *store,
                  const char *key)
{
  MkCategory *category = mk_store_get_category_by_key (store, key);

  g_assert_nonnull (category);
  return mk_category_get_id (category);
}

/* Adds an entry (@start in minutes after midnight, -1 for none) and returns
 * its id. */
static inline gint64
mk_test_add_entry (MkStore    *store,
                   gint64      person_id,
                   const char *day,
                   int         start,
                   int         minutes,
                   const char *key,
                   const char *task)
{
  g_autoptr(GError) error = NULL;
  MkEntryInput input = {
    .person_id = person_id,
    .day = day,
    .start = start,
    .minutes = minutes,
    .category_id = mk_test_category (store, key),
    .task = task,
    .source = MK_ENTRY_SOURCE_MANUAL,
  };
  gint64 id = mk_store_add_entry (store, &input, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static inline void
mk_test_count_cb (MkStore *store,
                  guint   *count)
{
  (*count)++;
}

/* Counts @store's "changed" signals in @count (which must outlive it or
 * the store). */
static inline void
mk_test_count_changed (MkStore *store,
                       guint   *count)
{
  g_signal_connect (store, "changed", G_CALLBACK (mk_test_count_cb), count);
}

/* The integer the query @sql gives, read from the file at @path on a
 * connection of its own (read-only), or -1 when it gives no row. */
static inline gint64
mk_test_query_int (const char *path,
                   const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}
