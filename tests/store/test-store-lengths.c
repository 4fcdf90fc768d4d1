/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-store-lengths.c — the entry-length histograms kept in day_total
 * (core/store/mk-store-lengths.c): the canonical blob and its round trip,
 * malformed blobs refused, the SQL functions the statements use, and the
 * histogram following every change to the entries.
 */
#include "config.h"

#include <sqlite3.h>

#include "mk-error.h"
#include "mk-store-private.h"
#include "store-test-utils.h"

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

static void
length_cb (gint64 person_id, gint64 category_id, int minutes, int count, gpointer user_data)
{
  *(int *) user_data += minutes * count;
}

static void
test_entries_length_histogram (void)
{
  g_autoptr(MkStore) store = mk_test_store_new ();
  gint64 anna = mk_test_person (store, "Anna");
  int weighted = 0;

  mk_test_add_entry (store, anna, "2026-11-23", 600, 10, "calls", "a");
  mk_test_add_entry (store, anna, "2026-11-23", 610, 10, "calls", "b");
  mk_test_add_entry (store, anna, "2026-11-24", 610, 25, "calls", "c");
  g_assert_true (mk_store_foreach_length (store, "2026-11-23", "2026-11-24", length_cb,
                                          &weighted, NULL));
  g_assert_cmpint (weighted, ==, 45);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/lengths/round-trip", test_lengths_round_trip);
  g_test_add_func ("/store/lengths/refuse-malformed", test_lengths_refuse_malformed);
  g_test_add_func ("/store/lengths/sql-functions", test_lengths_sql_functions);
  g_test_add_func ("/store/entries/length-histogram", test_entries_length_histogram);

  return g_test_run ();
}
