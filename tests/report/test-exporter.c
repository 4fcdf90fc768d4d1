/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-exporter.c — Minutka's own CSV out of the store
 * (core/report/mk-exporter.c): the cells, the rows in order with their
 * identities, a period, a file big enough to be written in several pieces,
 * and an empty period refused before the file is touched.  That the file
 * imports back to the same entries is test-importer's round trip; the
 * command line's export is test-cli's.
 */
#include "config.h"

#include <string.h>

#include "mk-error.h"
#include "mk-exporter.h"
#include "store-test-utils.h"

/* Each cell: neutralised against formulas, quoted when it must be. */
static void
test_cells (void)
{
  const struct { const char *in; const char *out; } cases[] = {
    { "plain", "plain" },
    { "=1+2", "'=1+2" },
    { "+7 900 000", "'+7 900 000" },
    { "-5% off", "'-5% off" },
    { "@here", "'@here" },
    { "\ttab", "'\ttab" },
    { "'quoted", "''quoted" },
    { "a,b", "\"a,b\"" },
    { "say \"hi\"", "\"say \"\"hi\"\"\"" },
    { "=a,b", "\"'=a,b\"" },
    { "two\nlines", "\"two\nlines\"" },
    { " padded ", "\" padded \"" },
    { "\rreturn", "\"'\rreturn\"" },
    { "", "" },
    { NULL, "" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *cell = mk_exporter_format_cell (cases[i].in);

      g_assert_cmpstr (cell, ==, cases[i].out);
    }
}

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  return text;
}

static const char *
uuid_of (MkStore *store,
         gint64   id)
{
  g_autoptr(MkEntry) entry = mk_store_get_entry (store, id, NULL);
  static char uuid[MK_UUID_TEXT_LEN + 1];

  g_assert_nonnull (entry);
  g_strlcpy (uuid, mk_entry_get_uuid (entry), sizeof uuid);
  g_assert_cmpuint (strlen (uuid), ==, MK_UUID_TEXT_LEN);
  return uuid;
}

/* By day, then person (in the order they were added), then the day's one
 * order (by start, an entry without one after those with one; docs/store.md);
 * each line ends with the entry's identity. */
static void
test_rows_in_order (void)
{
  g_autoptr(MkStore) store = mk_test_store_new ();
  g_autofree char *path = mk_test_db_path ("export.csv");
  g_autofree char *text = NULL;
  g_autoptr(GString) expected = g_string_new (MK_EXPORT_HEADER "\n");
  g_autoptr(GError) error = NULL;
  gint64 anna = mk_test_person (store, "Anna Petrova");
  gint64 boris = mk_test_person (store, "Boris Ivanov");
  gint64 late, early, untimed, other_day;
  guint64 n = 0;

  late = mk_test_add_entry (store, anna, "2026-11-23", 14 * 60 + 5, 30, "calls", "Acme, again");
  other_day = mk_test_add_entry (store, boris, "2026-11-22", 9 * 60, 45, "admin", "=CRM");
  early = mk_test_add_entry (store, boris, "2026-11-23", 8 * 60, 15, "follow_up", "Globex");
  untimed = mk_test_add_entry (store, anna, "2026-11-23", -1, 20, "admin", "report");

  g_assert_true (mk_exporter_write (store, path, NULL, NULL, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 4);
  g_string_append_printf (expected, "2026-11-22,09:00,45,admin,Boris Ivanov,,'=CRM,%s\n",
                          uuid_of (store, other_day));
  g_string_append_printf (expected, "2026-11-23,14:05,30,calls,Anna Petrova,,\"Acme, again\",%s\n",
                          uuid_of (store, late));
  g_string_append_printf (expected, "2026-11-23,,20,admin,Anna Petrova,,report,%s\n",
                          uuid_of (store, untimed));
  g_string_append_printf (expected, "2026-11-23,08:00,15,follow_up,Boris Ivanov,,Globex,%s\n",
                          uuid_of (store, early));
  text = read_text (path);
  g_assert_cmpstr (text, ==, expected->str);
}

/* --from and --to are inclusive; either may be left open. */
static void
test_period (void)
{
  g_autoptr(MkStore) store = mk_test_store_new ();
  g_autofree char *path = mk_test_db_path ("period.csv");
  g_autoptr(GError) error = NULL;
  gint64 anna = mk_test_person (store, "Anna");
  const char *days[] = { "2026-11-20", "2026-11-21", "2026-11-22", "2026-11-23" };
  guint64 n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    mk_test_add_entry (store, anna, days[i], 600, 10, "calls", "call");

  g_assert_true (mk_exporter_write (store, path, "2026-11-21", "2026-11-22", &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  {
    g_autofree char *text = read_text (path);

    g_assert_null (strstr (text, "2026-11-20"));
    g_assert_nonnull (strstr (text, "2026-11-21"));
    g_assert_nonnull (strstr (text, "2026-11-22"));
    g_assert_null (strstr (text, "2026-11-23"));
  }
  g_assert_true (mk_exporter_write (store, path, "2026-11-22", NULL, &n, &error));
  g_assert_cmpuint (n, ==, 2);
  g_assert_true (mk_exporter_write (store, path, NULL, "2026-11-20", &n, &error));
  g_assert_cmpuint (n, ==, 1);
  /* The period of the last export does not stay behind for the next. */
  g_assert_true (mk_exporter_write (store, path, NULL, NULL, &n, &error));
  g_assert_cmpuint (n, ==, 4);
}

/* A period without entries: refused, saying so, and an existing file with
 * that name keeps its contents. */
static void
test_empty_period_refused (void)
{
  g_autoptr(MkStore) store = mk_test_store_new ();
  g_autofree char *path = mk_test_db_path ("keep.csv");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  guint64 n = 99;

  g_assert_true (g_file_set_contents (path, "the only backup\n", -1, NULL));
  g_assert_false (mk_exporter_write (store, path, NULL, NULL, &n, &error));
  g_assert_error (error, MK_STORE_ERROR, MK_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "keep.csv"));
  g_assert_cmpuint (n, ==, 0);
  g_clear_error (&error);

  mk_test_add_entry (store, mk_test_person (store, "Anna"), "2026-11-23", 600, 10, "calls", "x");
  g_assert_false (mk_exporter_write (store, path, "2020-01-01", "2020-01-31", &n, &error));
  g_assert_error (error, MK_STORE_ERROR, MK_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "2020-01-01"));
  text = read_text (path);
  g_assert_cmpstr (text, ==, "the only backup\n");
}

/* More than the writer's buffer (64 KB): every row arrives, in order. */
static void
test_many_rows (void)
{
  g_autoptr(MkStore) store = mk_test_store_new ();
  g_autofree char *path = mk_test_db_path ("many.csv");
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  gint64 anna = mk_test_person (store, "Anna Petrova");
  gint64 calls = mk_test_category (store, "calls");
  const guint n_rows = 3000;
  g_autofree MkEntryInput *inputs = g_new0 (MkEntryInput, n_rows);
  g_autoptr(GPtrArray) tasks = g_ptr_array_new_with_free_func (g_free);
  guint64 n = 0;

  for (guint i = 0; i < n_rows; i++)
    {
      g_ptr_array_add (tasks, g_strdup_printf ("call number %04u to a client", i));
      inputs[i].person_id = anna;
      inputs[i].category_id = calls;
      inputs[i].day = "2026-11-23";
      inputs[i].start = i % 1440;
      inputs[i].minutes = 1 + i % 50;
      inputs[i].task = g_ptr_array_index (tasks, i);
      inputs[i].source = MK_ENTRY_SOURCE_MANUAL;
    }
  g_assert_true (mk_store_add_entries (store, inputs, n_rows, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (mk_exporter_write (store, path, NULL, NULL, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, n_rows);
  text = read_text (path);
  g_assert_cmpuint (strlen (text), >, 64 * 1024);
  lines = g_strsplit (text, "\n", -1);
  /* The header, one line a row, and nothing after the last line end. */
  g_assert_cmpuint (g_strv_length (lines), ==, n_rows + 2);
  g_assert_cmpstr (lines[n_rows + 1], ==, "");
  g_assert_true (g_str_has_prefix (lines[1], "2026-11-23,00:00,1,calls,Anna Petrova,,"
                                             "call number 0000 to a client,"));
  g_assert_true (g_str_has_prefix (lines[n_rows], "2026-11-23,23:59,"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/exporter/cells-neutralised-and-quoted", test_cells);
  g_test_add_func ("/exporter/rows-in-order-with-identity", test_rows_in_order);
  g_test_add_func ("/exporter/period-inclusive", test_period);
  g_test_add_func ("/exporter/empty-period-refused-file-kept", test_empty_period_refused);
  g_test_add_func ("/exporter/many-rows-all-written", test_many_rows);

  return g_test_run ();
}
