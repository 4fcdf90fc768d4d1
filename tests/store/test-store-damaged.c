/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-store-damaged.c — a read that fails is reported, never taken for
 * the end of the rows.
 *
 * Each test writes a real database through the store, closes it, overwrites
 * the root page of one table with garbage (as a failing disk or a stray
 * write would), opens it again and reads that table: the store must answer
 * with MK_STORE_ERROR_CORRUPT and a message that says so, not with an empty
 * list, "nobody", or a short export.
 */
#include "config.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include "mk-entry-list.h"
#include "mk-error.h"
#include "mk-exporter.h"
#include "mk-store-aliases.h"
#include "store-test-utils.h"

/* A database with two people, a few days of entries and an alias. */
static char *
make_database (const char *name)
{
  g_autofree char *path = mk_test_db_path (name);
  g_autoptr(MkStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 calls;

  g_unlink (path);
  store = mk_store_open (path, &error);
  g_assert_no_error (error);
  calls = mk_category_get_id (mk_store_get_category_by_key (store, "calls"));
  g_assert_true (mk_store_add_alias (store, "Прозвон клиентов", calls, &error));
  g_assert_no_error (error);
  for (guint p = 0; p < 2; p++)
    {
      g_autoptr(MkPerson) person =
        mk_store_ensure_person (store, p == 0 ? "Anna" : "Boris", NULL, &error);

      g_assert_no_error (error);
      for (guint d = 0; d < 20; d++)
        {
          g_autofree char *day = g_strdup_printf ("2026-11-%02u", d + 1);
          MkEntryInput input = {
            .person_id = mk_person_get_id (person),
            .day = day,
            .start = 600,
            .minutes = 30,
            .category_id = calls,
            .task = "Acme",
          };

          g_assert_cmpint (mk_store_add_entry (store, &input, &error), >, 0);
          g_assert_no_error (error);
        }
    }
  return g_steal_pointer (&path);
}

/* Overwrites the root page of @table with bytes no b-tree page starts with. */
static void
damage_table (const char *path,
              const char *table)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autofree guchar *garbage = NULL;
  gint64 root = 0;
  gint64 page_size = 0;
  int fd;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT rootpage, (SELECT page_size FROM "
                                       "pragma_page_size) FROM sqlite_schema WHERE name = ?",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  root = sqlite3_column_int64 (stmt, 0);
  page_size = sqlite3_column_int64 (stmt, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpint (root, >, 1);

  garbage = g_malloc (page_size);
  memset (garbage, 0xab, page_size);
  fd = g_open (path, O_WRONLY, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (pwrite (fd, garbage, page_size, (root - 1) * page_size), ==, page_size);
  g_assert_cmpint (fsync (fd), ==, 0);
  close (fd);
}

static MkStore *
open_damaged (const char *name,
              const char *table)
{
  g_autofree char *path = make_database (name);
  g_autoptr(GError) error = NULL;
  MkStore *store;

  damage_table (path, table);
  /* Opening reads the settings and the categories only: it succeeds. */
  store = mk_store_open (path, &error);
  g_assert_no_error (error);
  return store;
}

static void
assert_damaged (const GError *error)
{
  g_assert_error (error, MK_STORE_ERROR, MK_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "is damaged"));
  g_assert_nonnull (strstr (error->message, "backup"));
}

static void
test_people (void)
{
  g_autoptr(MkStore) store = open_damaged ("people.db", "person");
  g_autoptr(GListModel) people = NULL;
  g_autoptr(MkPerson) person = NULL;
  g_autoptr(GError) error = NULL;

  /* Not an empty team. */
  people = mk_store_list_people (store, TRUE, &error);
  g_assert_null (people);
  assert_damaged (error);
  g_clear_error (&error);

  /* Not "this person is no longer in the database". */
  person = mk_store_get_person (store, 1, &error);
  g_assert_null (person);
  assert_damaged (error);
  g_clear_error (&error);

  /* Not a new person beside the one that cannot be read. */
  person = mk_store_ensure_person (store, "Anna", NULL, &error);
  g_assert_null (person);
  assert_damaged (error);
}

static void
count_row_cb (gint64      person_id,
              const char *day,
              gint64      category_id,
              int         minutes,
              int         n_entries,
              int         prime_minutes,
              int         timed_minutes,
              gpointer    user_data)
{
  guint *rows = user_data;

  (*rows)++;
}

static void
test_day_totals (void)
{
  g_autoptr(MkStore) store = open_damaged ("totals.db", "day_total_day");
  g_auto(GStrv) days = NULL;
  g_autoptr(GError) error = NULL;
  guint rows = 0;

  /* Not "nothing logged yet" (the days come from the day index). */
  days = mk_store_last_logged_days (store, 3, &error);
  g_assert_null (days);
  assert_damaged (error);
  g_clear_error (&error);

  g_assert_false (mk_store_foreach_day_total (store, "2026-11-01", "2026-11-30", count_row_cb,
                                              &rows, &error));
  assert_damaged (error);
  g_assert_cmpuint (rows, ==, 0);
}

static void
test_aliases (void)
{
  g_autoptr(MkStore) store = open_damaged ("aliases.db", "category_alias");
  g_auto(GStrv) aliases = NULL;
  g_autoptr(GError) error = NULL;
  gint64 calls = mk_category_get_id (mk_store_get_category_by_key (store, "calls"));

  /* Not "no aliases". */
  aliases = mk_store_list_aliases (store, calls, &error);
  g_assert_null (aliases);
  assert_damaged (error);
}

static void
error_notified_cb (GObject    *list,
                   GParamSpec *pspec,
                   guint      *count)
{
  (*count)++;
}

static void
test_entry_list (void)
{
  g_autoptr(MkStore) store = open_damaged ("entries.db", "entry");
  g_autoptr(MkEntryList) list = mk_entry_list_new (store);
  g_autoptr(GObject) item = NULL;
  g_autoptr(GError) error = NULL;
  guint notified = 0;

  /* The count comes from the day totals, which are whole. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 40);
  g_assert_null (mk_entry_list_get_error (list));
  g_signal_connect (list, "notify::error", G_CALLBACK (error_notified_cb), &notified);

  /* A page that cannot be read is an error the view hears of, not a list
   * that ends early without a word. */
  g_test_expect_message ("mk-entry-list", G_LOG_LEVEL_WARNING, "*is damaged*");
  item = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_test_assert_expected_messages ();
  g_assert_null (item);
  g_assert_cmpuint (notified, ==, 1);
  assert_damaged (mk_entry_list_get_error (list));
  g_object_get (list, "error", &error, NULL);
  assert_damaged (error);
}

static void
test_check (void)
{
  g_autoptr(MkStore) store = open_damaged ("check.db", "entry");
  g_autoptr(GString) report = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  g_assert_false (mk_store_check (store, report, &error));
  g_assert_error (error, MK_STORE_ERROR, MK_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "backup"));
}

static void
test_export (void)
{
  g_autoptr(MkStore) store = open_damaged ("export.db", "entry");
  g_autofree char *out = mk_test_db_path ("export.csv");
  g_autoptr(GError) error = NULL;
  guint64 n = 0;

  g_unlink (out);
  /* A failure, not a file with a header and no entries that would
   * re-import as an empty "backup". */
  g_assert_false (mk_exporter_write (store, out, NULL, NULL, &n, &error));
  assert_damaged (error);
  g_assert_cmpuint (n, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/damaged/people", test_people);
  g_test_add_func ("/store/damaged/day-totals", test_day_totals);
  g_test_add_func ("/store/damaged/aliases", test_aliases);
  g_test_add_func ("/store/damaged/entry-list", test_entry_list);
  g_test_add_func ("/store/damaged/check", test_check);
  g_test_add_func ("/store/damaged/export", test_export);

  return g_test_run ();
}
