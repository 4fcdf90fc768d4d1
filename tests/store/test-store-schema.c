/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-store-schema.c — schema version 2: length histograms, the migration
 * from version 1, and the big-import path of the bulk. */
#include "config.h"

#include <sqlite3.h>

#include "mk-error.h"
#include "mk-store-bulk.h"
#include "mk-store-private.h"
#include "store-test-utils.h"

/* Histograms */

static GByteArray *
encode (const MkStoreLengthBin *bins,
        guint                   n)
{
  GByteArray *out = g_byte_array_new ();

  mk_store_lengths_encode (bins, n, out);
  return out;
}

static void
test_lengths_round_trip (void)
{
  MkStoreLengthBin bins[] = { { 1, 1 }, { 15, 3 }, { 127, 200 }, { 128, 1 }, { 1440, 70000 } };
  g_autoptr(GByteArray) blob = encode (bins, G_N_ELEMENTS (bins));
  g_autoptr(GArray) back = g_array_new (FALSE, FALSE, sizeof (MkStoreLengthBin));

  g_assert_true (mk_store_lengths_decode (blob->data, blob->len, back));
  g_assert_cmpuint (back->len, ==, G_N_ELEMENTS (bins));
  for (guint i = 0; i < back->len; i++)
    {
      g_assert_cmpint (g_array_index (back, MkStoreLengthBin, i).minutes, ==, bins[i].minutes);
      g_assert_cmpint (g_array_index (back, MkStoreLengthBin, i).count, ==, bins[i].count);
    }
  /* A byte up to 127, two up to 16383, three for 70000. */
  g_assert_cmpuint (blob->len, ==, (1 + 1) + (1 + 1) + (1 + 2) + (2 + 1) + (2 + 3));
}

static void
test_lengths_refuse_malformed (void)
{
  /* Descending minutes, zero count, minutes over a day, a cut varint. */
  const guint8 descending[] = { 20, 1, 10, 1 };
  const guint8 zero[] = { 10, 0 };
  const guint8 too_long[] = { 0xa1, 0x0b, 1 };  /* 1441 */
  const guint8 cut[] = { 10, 0x81 };
  g_autoptr(GArray) bins = g_array_new (FALSE, FALSE, sizeof (MkStoreLengthBin));

  g_assert_false (mk_store_lengths_decode (descending, sizeof descending, bins));
  g_assert_false (mk_store_lengths_decode (zero, sizeof zero, bins));
  g_assert_false (mk_store_lengths_decode (too_long, sizeof too_long, bins));
  g_assert_false (mk_store_lengths_decode (cut, sizeof cut, bins));
  g_array_set_size (bins, 0);
  g_assert_true (mk_store_lengths_decode (NULL, 0, bins));
  g_assert_cmpuint (bins->len, ==, 0);
}

/* Runs @sql on a bare connection with the functions and returns the blob's
 * hex, or "NULL", or "error". */
static char *
sql_hex (sqlite3    *db,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *hex;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    hex = g_strdup ("error");
  else if (sqlite3_column_type (stmt, 0) == SQLITE_NULL)
    hex = g_strdup ("NULL");
  else
    {
      const guint8 *b = sqlite3_column_blob (stmt, 0);
      GString *s = g_string_new (NULL);

      for (int i = 0; i < sqlite3_column_bytes (stmt, 0); i++)
        g_string_append_printf (s, "%02x", b[i]);
      hex = g_string_free (s, FALSE);
    }
  sqlite3_finalize (stmt);
  return hex;
}

static void
assert_sql (sqlite3    *db,
            const char *sql,
            const char *want)
{
  g_autofree char *got = sql_hex (db, sql);

  g_assert_cmpstr (got, ==, want);
}

static void
test_lengths_sql_functions (void)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  mk_store_register_length_functions (db);

  /* Adding to nothing, adding at the front, the middle and the end. */
  assert_sql (db, "SELECT mk_lengths_add (NULL, 10, 1)", "0a01");
  assert_sql (db, "SELECT mk_lengths_add (x'0a01', 5, 2)", "05020a01");
  assert_sql (db, "SELECT mk_lengths_add (x'05020a01', 7, 1)", "050207010a01");
  assert_sql (db, "SELECT mk_lengths_add (x'0a01', 10, 1)", "0a02");
  /* Removing the last entry of a length drops the bin; of all, gives NULL. */
  assert_sql (db, "SELECT mk_lengths_add (x'05020a01', 10, -1)", "0502");
  assert_sql (db, "SELECT mk_lengths_add (x'0a01', 10, -1)", "NULL");
  /* Merging sums counts and keeps the order. */
  assert_sql (db, "SELECT mk_lengths_merge (x'05020a01', x'0a0214ff01')", "05020a0314ff01");
  assert_sql (db, "SELECT mk_lengths_merge (NULL, x'0a01')", "0a01");
  /* The aggregate gives the same canonical blob whatever the row order. */
  assert_sql (db, "SELECT mk_lengths_of (m) FROM (SELECT 10 AS m UNION ALL SELECT 5 "
                  "UNION ALL SELECT 10)", "05010a02");
  assert_sql (db, "SELECT mk_lengths_of (m, n) FROM (SELECT 10 AS m, 2 AS n UNION ALL "
                  "SELECT 5, 1)", "05010a02");
  /* A damaged histogram is an error, not a guess. */
  assert_sql (db, "SELECT mk_lengths_add (x'0a010501', 7, 1)", "error");
  assert_sql (db, "SELECT mk_lengths_merge ('text', x'0a01')", "error");
  assert_sql (db, "SELECT mk_lengths_add (NULL, 1441, 1)", "error");
  sqlite3_close (db);
}

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

/* Big imports */

static void
bulk_rows (MkStore *store,
           guint    n,
           gboolean expect)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MkPerson) anna = mk_store_ensure_person (store, "Anna", NULL, &error);
  g_autoptr(MkPerson) boris = mk_store_ensure_person (store, "Boris", NULL, &error);
  MkCategory *calls = mk_store_get_category_by_key (store, "calls");
  MkCategory *admin = mk_store_get_category_by_key (store, "admin");
  MkStoreBulk *bulk = mk_store_bulk_begin (store, "big.csv", NULL, "generic", &error);

  g_assert_no_error (error);
  if (expect)
    g_assert_true (mk_store_bulk_expect_rows (bulk, n, &error));
  for (guint i = 0; i < n; i++)
    {
      MkEntryInput in = { 0 };
      char day[11];

      g_snprintf (day, sizeof day, "2026-11-%02u", 20 + i % 3);
      in.person_id = mk_person_get_id (i % 2 ? anna : boris);
      in.day = day;
      in.start = (int) (i % 600);
      in.minutes = 1 + (int) (i % 90);
      in.category_id = mk_category_get_id (i % 5 ? calls : admin);
      in.task = "Call";
      in.fingerprint = (gint64) i + 1;
      g_assert_true (mk_store_bulk_add (bulk, &in, NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_true (mk_store_bulk_commit (bulk, NULL, &error));
  g_assert_no_error (error);
}

static void
test_bulk_big_import_alone (void)
{
  g_autofree char *path = mk_test_db_path ("big.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(MkStore) store = NULL;

  g_unlink (path);
  store = mk_store_open (path, &error);
  g_assert_no_error (error);
  bulk_rows (store, 30000, TRUE);
  g_assert_cmpint (mk_store_count_entries (store), ==, 30000);
  mk_test_assert_consistent (store);
  g_clear_object (&store);

  /* Back in WAL mode, with its index, and imported entries carry no time
   * of their own. */
  g_assert_cmpint (mk_test_query_int (path, "SELECT journal_mode = 'wal' FROM pragma_journal_mode"),
                   ==, 1);
  g_assert_cmpint (mk_test_query_int (path, "SELECT count(*) FROM sqlite_schema "
                                            "WHERE type = 'index' AND name = 'entry_day_person'"),
                   ==, 1);
  g_assert_cmpint (mk_test_query_int (path, "SELECT count(*) FROM entry WHERE created IS NULL"), ==,
                   30000);
  /* One batch, though the transaction was started again with the journal. */
  g_assert_cmpint (mk_test_query_int (path, "SELECT count(*) FROM import_batch"), ==, 1);
}

static void
test_bulk_big_import_shared (void)
{
  g_autofree char *path = mk_test_db_path ("shared.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(MkStore) store = NULL;
  g_autoptr(MkStore) other = NULL;

  g_unlink (path);
  store = mk_store_open (path, &error);
  g_assert_no_error (error);
  /* Another window has the file open: the import stays in WAL mode, and the
   * other connection reads the result. */
  other = mk_store_open (path, &error);
  g_assert_no_error (error);
  bulk_rows (store, 20000, TRUE);
  g_assert_cmpint (mk_store_count_entries (other), ==, 20000);
  mk_test_assert_consistent (other);
  /* The same rows again are all duplicates, found without the index. */
  bulk_rows (store, 20000, TRUE);
  g_assert_cmpint (mk_store_count_entries (store), ==, 20000);
  mk_test_assert_consistent (store);
}

static void
test_bulk_refuses_unknown_person (void)
{
  g_autoptr(MkStore) store = mk_test_store_new ();
  g_autoptr(GError) error = NULL;
  MkStoreBulk *bulk = mk_store_bulk_begin (store, "x.csv", NULL, NULL, &error);
  MkEntryInput in = { 0 };

  /* Foreign keys are not checked by SQLite during a bulk: the bulk checks. */
  in.person_id = 4242;
  in.day = "2026-11-23";
  in.start = -1;
  in.minutes = 10;
  in.category_id = mk_category_get_id (mk_store_get_category_by_key (store, "calls"));
  g_assert_false (mk_store_bulk_add (bulk, &in, NULL, &error));
  g_assert_error (error, MK_STORE_ERROR, MK_STORE_ERROR_INVALID);
  mk_store_bulk_abort (bulk);
  g_assert_cmpint (mk_store_count_entries (store), ==, 0);
  mk_test_assert_consistent (store);
}

static void
test_bulk_cancel_at_commit_rolls_back (void)
{
  g_autoptr(MkStore) store = mk_test_store_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MkPerson) anna = mk_store_ensure_person (store, "Anna", NULL, &error);
  MkStoreBulk *bulk = mk_store_bulk_begin (store, "x.csv", NULL, NULL, &error);
  MkEntryInput in = { 0 };

  /* The rows are in and the index is being built when the user presses
   * Stop: the commit still rolls everything back. */
  mk_store_bulk_set_cancellable (bulk, cancellable);
  g_assert_true (mk_store_bulk_expect_rows (bulk, 20000, &error));
  in.person_id = mk_person_get_id (anna);
  in.day = "2026-11-23";
  in.start = -1;
  in.category_id = mk_category_get_id (mk_store_get_category_by_key (store, "calls"));
  for (int i = 0; i < 20000; i++)
    {
      in.minutes = 1 + i % 60;
      in.fingerprint = i + 1;
      g_assert_true (mk_store_bulk_add (bulk, &in, NULL, &error));
    }
  g_cancellable_cancel (cancellable);
  g_assert_false (mk_store_bulk_commit (bulk, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (mk_store_count_entries (store), ==, 0);
  mk_test_assert_consistent (store);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/lengths/round-trip", test_lengths_round_trip);
  g_test_add_func ("/store/lengths/refuse-malformed", test_lengths_refuse_malformed);
  g_test_add_func ("/store/lengths/sql-functions", test_lengths_sql_functions);
  g_test_add_func ("/store/migrate/from-v1-keeps-everything",
                   test_migrate_from_v1_keeps_everything);
  g_test_add_func ("/store/bulk/big-import-alone", test_bulk_big_import_alone);
  g_test_add_func ("/store/bulk/big-import-shared", test_bulk_big_import_shared);
  g_test_add_func ("/store/bulk/refuses-unknown-person", test_bulk_refuses_unknown_person);
  g_test_add_func ("/store/bulk/cancel-at-commit-rolls-back",
                   test_bulk_cancel_at_commit_rolls_back);
  return g_test_run ();
}
