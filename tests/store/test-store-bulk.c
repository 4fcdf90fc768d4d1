/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-store-bulk.c — many entries in one transaction
 * (core/store/mk-store-bulk*.c): duplicates skipped by fingerprint, an
 * abort or a cancel leaving nothing, a big import alone or beside other
 * connections, rows for a person the database does not have refused.
 */
#include "config.h"

#include "mk-error.h"
#include "mk-store-bulk.h"
#include "store-test-utils.h"

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

/* Adds @n rows of varied task texts, starts and categories over three
 * days of two people, in a bulk told to expect them when @expect. */
static void
bulk_varied_rows (MkStore *store,
                  guint    n,
                  guint    first,
                  gboolean expect)
{
  static const char *const tasks[] = {
    "Call Acme about the renewal", "CRM entry for Initech", "", "CRM entry for Acme",
    "Звонок ООО «Ромашка»: не дозвонился", "crm ENTRY", "Weekly Meeting with Boris", "#12",
  };
  g_autoptr(GError) error = NULL;
  gint64 people[2] = { mk_test_person (store, "Anna"), mk_test_person (store, "Boris") };
  const char *keys[3] = { "calls", "admin", "meetings" };
  MkStoreBulk *bulk = mk_store_bulk_begin (store, "varied.csv", NULL, "generic", &error);

  g_assert_no_error (error);
  if (expect)
    g_assert_true (mk_store_bulk_expect_rows (bulk, n, &error));
  for (guint i = first; i < first + n; i++)
    {
      MkEntryInput in = { 0 };
      MkCategory *category = mk_store_get_category_by_key (store, keys[i % 3]);
      char day[11];

      g_assert_nonnull (category);
      g_snprintf (day, sizeof day, "2026-11-%02u", 20 + (i / 7) % 3);
      in.person_id = people[(i / 5) % 2];
      in.day = day;
      in.start = i % 4 == 0 ? -1 : (int) (i * 37 % 1400);
      in.minutes = 1 + (int) (i * 13 % 40);
      in.category_id = mk_category_get_id (category);
      in.task = tasks[i % G_N_ELEMENTS (tasks)];
      in.fingerprint = (gint64) i + 1;
      g_assert_true (mk_store_bulk_add (bulk, &in, NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_true (mk_store_bulk_commit (bulk, NULL, &error));
  g_assert_no_error (error);
}

/* A big import sums its rollups up from its rows at commit: into person-days
 * that already have totals, histograms and task lists, it adds exactly what
 * its rows add, and a big import of rows that are all there adds nothing. */
static void
test_bulk_big_import_onto_rollups (void)
{
  g_autoptr(MkStore) store = mk_test_store_new ();

  bulk_varied_rows (store, 3000, 0, FALSE);
  mk_test_assert_consistent (store);
  bulk_varied_rows (store, 24000, 1500, TRUE);
  g_assert_cmpint (mk_store_count_entries (store), ==, 25500);
  mk_test_assert_consistent (store);
  bulk_varied_rows (store, 25500, 0, TRUE);
  g_assert_cmpint (mk_store_count_entries (store), ==, 25500);
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

static void
test_bulk_dedupes_and_aborts (void)
{
  g_autoptr(MkStore) store = mk_test_store_new ();
  g_autoptr(GError) error = NULL;
  gint64 anna = mk_test_person (store, "Anna");
  gint64 calls = mk_category_get_id (mk_store_get_category_by_key (store, "calls"));
  MkImportCounts counts = { 0 };
  MkStoreBulk *bulk;
  gboolean dup = FALSE;

  bulk = mk_store_bulk_begin (store, "a.csv", "abc", "generic", &error);
  g_assert_no_error (error);
  for (int i = 0; i < 100; i++)
    {
      MkEntryInput in = { anna, "2026-11-23", 480 + i, 5, calls, "row", 0, 0, 1000 + i };

      g_assert_true (mk_store_bulk_add (bulk, &in, &dup, &error));
      g_assert_false (dup);
    }
  counts.rows_read = counts.imported = 100;
  g_assert_true (mk_store_bulk_commit (bulk, &counts, &error));
  g_assert_cmpint (mk_store_count_entries (store), ==, 100);
  mk_test_assert_consistent (store);

  /* The same rows again (overlapping export) are duplicates. */
  bulk = mk_store_bulk_begin (store, "b.csv", "def", "generic", &error);
  for (int i = 50; i < 150; i++)
    {
      MkEntryInput in = { anna, "2026-11-23", 480 + i, 5, calls, "row", 0, 0, 1000 + i };

      g_assert_true (mk_store_bulk_add (bulk, &in, &dup, &error));
      g_assert_true (dup == (i < 100));
    }
  g_assert_true (mk_store_bulk_commit (bulk, NULL, &error));
  g_assert_cmpint (mk_store_count_entries (store), ==, 150);

  /* An aborted bulk leaves nothing behind, not even its batch. */
  bulk = mk_store_bulk_begin (store, "c.csv", "ghi", "generic", &error);
  for (int i = 0; i < 10; i++)
    {
      MkEntryInput in = { anna, "2026-11-25", 480 + i, 5, calls, "row", 0, 0, 5000 + i };

      g_assert_true (mk_store_bulk_add (bulk, &in, &dup, &error));
    }
  {
    MkEntryInput bad = { anna, "2026-11-25", 480, 0, calls, "row", 0, 0, 9 };

    g_assert_false (mk_store_bulk_add (bulk, &bad, &dup, &error));
    g_assert_error (error, MK_STORE_ERROR, MK_STORE_ERROR_INVALID);
    g_clear_error (&error);
  }
  mk_store_bulk_abort (bulk);
  g_assert_cmpint (mk_store_count_entries (store), ==, 150);
  mk_test_assert_consistent (store);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/bulk/big-import-alone", test_bulk_big_import_alone);
  g_test_add_func ("/store/bulk/big-import-shared", test_bulk_big_import_shared);
  g_test_add_func ("/store/bulk/big-import-onto-rollups", test_bulk_big_import_onto_rollups);
  g_test_add_func ("/store/bulk/refuses-unknown-person", test_bulk_refuses_unknown_person);
  g_test_add_func ("/store/bulk/cancel-at-commit-rolls-back",
                   test_bulk_cancel_at_commit_rolls_back);
  g_test_add_func ("/store/bulk/dedupes-and-aborts", test_bulk_dedupes_and_aborts);

  return g_test_run ();
}
