/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-store-schema.c — migrations: a version 1 database keeps everything
 * it had (length histograms: test-store-lengths.c; big imports:
 * test-store-bulk.c). */
#include "config.h"

#include <sqlite3.h>

#include "mk-store-private.h"
#include "store-test-utils.h"

/* Migration from version 1 */

static void
exec_ok (sqlite3    *db,
         const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

typedef struct {
  int calls_10;
  int calls_25;
  int admin_5;
  int other;
} Lengths;

static void
count_length (gint64 person_id, gint64 category_id, int minutes, int count, gpointer user_data)
{
  Lengths *l = user_data;

  if (category_id == 1 && minutes == 10)
    l->calls_10 += count;
  else if (category_id == 1 && minutes == 25)
    l->calls_25 += count;
  else if (category_id == 3 && minutes == 5)
    l->admin_5 += count;
  else
    l->other += count;
}

static void
test_migrate_from_v1_keeps_everything (void)
{
  g_autofree char *path = mk_test_db_path ("v1.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(MkStore) store = NULL;
  g_autoptr(MkEntry) entry = NULL;
  Lengths lengths = { 0 };
  sqlite3 *db = NULL;

  /* A version 1 file as the first Minutka left it: two days of one person. */
  g_unlink (path);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  exec_ok (db, "BEGIN");
  exec_ok (db, mk_store_schema_v1_sql);
  exec_ok (db,
           "INSERT INTO category (id, key, color, class, sort_order) VALUES "
           "(1, 'calls', '#3584e4', 'selling', 0), (2, 'follow_up', '#2ec27e', 'selling', 1), "
           "(3, 'admin', '#e66100', 'non_selling', 2), (7, 'other', '#77767b', 'non_selling', 6);"
           "INSERT INTO person (id, name, name_key) VALUES (1, 'Anna', 'anna');"
           "INSERT INTO entry (id, person_id, day, start, minutes, category_id, task, created) "
           "VALUES (1, 1, '2026-11-23', 600, 10, 1, 'a', '2026-11-23T10:00:00Z'),"
           "(2, 1, '2026-11-23', 610, 10, 1, 'b', '2026-11-23T10:10:00Z'),"
           "(3, 1, '2026-11-23', NULL, 5, 3, 'c', '2026-11-23T11:00:00Z'),"
           "(4, 1, '2026-11-24', 610, 25, 1, 'd', '2026-11-24T10:10:00Z');"
           "INSERT INTO day_total VALUES (1, '2026-11-23', 1, 20, 2, 20, 20),"
           "(1, '2026-11-23', 3, 5, 1, 0, 0), (1, '2026-11-24', 1, 25, 1, 25, 25);"
           "INSERT INTO entry_length VALUES (1, '2026-11-23', 1, 10, 2),"
           "(1, '2026-11-23', 3, 5, 1), (1, '2026-11-24', 1, 25, 1);"
           "PRAGMA application_id = 1296979019;"  /* "MNTK" */
           "PRAGMA user_version = 1;");
  exec_ok (db, "COMMIT");
  sqlite3_close (db);

  store = mk_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mk_test_query_int (path, "PRAGMA user_version"), ==, MK_STORE_SCHEMA_VERSION);
  g_assert_cmpint (mk_test_query_int (path, "SELECT count(*) FROM sqlite_schema WHERE name = "
                                            "'entry_length'"), ==, 0);
  /* (day, person) since version 2, the identity since version 3. */
  g_assert_cmpint (mk_test_query_int (path, "SELECT count(*) FROM sqlite_schema "
                                            "WHERE type = 'index' AND tbl_name = 'entry'"), ==, 2);
  g_assert_cmpint (mk_store_count_entries (store), ==, 4);
  entry = mk_store_get_entry (store, 4, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mk_entry_get_task (entry), ==, "d");
  g_assert_cmpint (mk_entry_get_minutes (entry), ==, 25);

  /* The histograms came over exactly, and the rollups prove right. */
  g_assert_true (mk_store_foreach_length (store, "2026-11-23", "2026-11-24", count_length,
                                          &lengths, &error));
  g_assert_cmpint (lengths.calls_10, ==, 2);
  g_assert_cmpint (lengths.calls_25, ==, 1);
  g_assert_cmpint (lengths.admin_5, ==, 1);
  g_assert_cmpint (lengths.other, ==, 0);
  mk_test_assert_consistent (store);

  /* And they keep following changes. */
  g_assert_true (mk_store_delete_entry (store, 1, &error));
  g_assert_no_error (error);
  mk_test_assert_consistent (store);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/migrate/from-v1-keeps-everything",
                   test_migrate_from_v1_keeps_everything);
  return g_test_run ();
}
