/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-import-remove.c — an import taken back: its entries go, all of them
 * or none, the day totals follow, other imports and typed entries stay;
 * the command line's --imports and --remove-import; and kill -9 in the
 * middle of a removal leaves the import whole.
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mk-cli-import.h"
#include "mk-entry-list.h"
#include "mk-error.h"
#include "mk-importer.h"
#include "mk-store-batches.h"
#include "mk-store-bulk.h"
#include "store-test-utils.h"

static char *
corpus_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "import", name, NULL);
}

static gint64
import_file (MkStore    *store,
             const char *name)
{
  g_autofree char *path = corpus_path (name);
  g_autoptr(MkImportResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (mk_importer_run (store, path, NULL, NULL, NULL, NULL, &result, &error));
  g_assert_no_error (error);
  return result->batch_id;
}

/* The minutes of the whole database, from the day totals. */
static void
sum_cb (gint64      person_id,
        const char *day,
        gint64      category_id,
        int         minutes,
        int         n_entries,
        int         prime_minutes,
        int         timed_minutes,
        gpointer    user_data)
{
  *(gint64 *) user_data += minutes;
}

static gint64
total_minutes (MkStore *store)
{
  g_autoptr(GError) error = NULL;
  gint64 total = 0;

  g_assert_true (mk_store_foreach_day_total (store, "1900-01-01", "2199-12-31", sum_cb, &total,
                                             &error));
  g_assert_no_error (error);
  return total;
}

static void
test_takes_back_one_import (void)
{
  g_autoptr(MkStore) store = mk_test_store_new ();
  g_autoptr(GPtrArray) imports = NULL;
  g_autoptr(GError) error = NULL;
  MkImportSummary *newest;
  gint64 toggl, kimai;
  guint64 entries = 0;
  guint64 minutes = 0;
  MkEntryInput typed = { 0 };

  typed.person_id = mk_test_person (store, "Anna Petrova");
  typed.day = "2024-03-05";
  typed.start = -1;
  typed.minutes = 25;
  typed.category_id = mk_category_get_id (mk_store_get_category_by_key (store, "calls"));
  g_assert_cmpint (mk_store_add_entry (store, &typed, &error), >, 0);
  g_assert_no_error (error);
  toggl = import_file (store, "toggl-detailed.csv");
  kimai = import_file (store, "kimai-export.csv");
  g_assert_cmpint (total_minutes (store), ==, 25 + 191 + 165);

  /* Newest first, with what is left of each. */
  imports = mk_store_list_imports (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (imports->len, ==, 2);
  newest = g_ptr_array_index (imports, 0);
  g_assert_cmpint (newest->id, ==, kimai);
  g_assert_cmpstr (newest->file_name, ==, "kimai-export.csv");
  g_assert_cmpuint (newest->entries, ==, 3);
  g_assert_cmpuint (newest->minutes, ==, 165);
  g_assert_nonnull (newest->imported_at);

  /* One import goes, with exactly its entries and minutes. */
  g_assert_true (mk_store_remove_import (store, toggl, &entries, &minutes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (entries, ==, 4);
  g_assert_cmpuint (minutes, ==, 191);
  g_assert_cmpint (mk_store_count_entries (store), ==, 1 + 3);
  g_assert_cmpint (total_minutes (store), ==, 25 + 165);
  mk_test_assert_consistent (store);
  g_clear_pointer (&imports, g_ptr_array_unref);
  imports = mk_store_list_imports (store, &error);
  g_assert_cmpuint (imports->len, ==, 1);

  /* Gone is gone: asked again, nothing happens and the message says so. */
  g_assert_false (mk_store_remove_import (store, toggl, NULL, NULL, &error));
  g_assert_error (error, MK_STORE_ERROR, MK_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (mk_store_count_entries (store), ==, 4);

  /* The same file imported again comes back whole. */
  import_file (store, "toggl-detailed.csv");
  g_assert_cmpint (total_minutes (store), ==, 25 + 191 + 165);
  mk_test_assert_consistent (store);
}

static void
test_edited_entries_go_too (void)
{
  g_autoptr(MkStore) store = mk_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MkEntryList) list = NULL;
  g_autoptr(MkEntry) first = NULL;
  gint64 batch = import_file (store, "toggl-detailed.csv");
  gint64 meetings = mk_category_get_id (mk_store_get_category_by_key (store, "meetings"));
  gint64 id;

  /* An imported entry moved to another category since: its minutes are
   * taken from the category it is in now. */
  list = mk_entry_list_new (store);
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  id = mk_entry_get_id (first);
  g_assert_true (mk_store_recategorise_entries (store, &id, 1, meetings, &error));
  g_assert_no_error (error);
  g_assert_true (mk_store_remove_import (store, batch, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mk_store_count_entries (store), ==, 0);
  g_assert_cmpint (total_minutes (store), ==, 0);
  mk_test_assert_consistent (store);
}

static void
test_entries_by_source (void)
{
  g_autoptr(MkStore) store = mk_test_store_new ();
  g_autoptr(MkEntryList) list = mk_entry_list_new (store);
  g_autoptr(GError) error = NULL;
  MkEntryInput typed = { 0 };
  gint64 toggl, kimai;

  typed.person_id = mk_test_person (store, "Anna Petrova");
  typed.day = "2024-03-05";
  typed.start = -1;
  typed.minutes = 25;
  typed.category_id = mk_category_get_id (mk_store_get_category_by_key (store, "calls"));
  g_assert_cmpint (mk_store_add_entry (store, &typed, &error), >, 0);
  toggl = import_file (store, "toggl-detailed.csv");
  kimai = import_file (store, "kimai-export.csv");

  /* One import, what was typed, everything; the count and minutes follow. */
  mk_entry_list_set_source (list, toggl);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 4);
  g_assert_cmpint (mk_entry_list_get_total_minutes (list), ==, 191);
  mk_entry_list_set_source (list, kimai);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  mk_entry_list_set_source (list, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_cmpint (mk_entry_list_get_total_minutes (list), ==, 25);
  mk_entry_list_set_source (list, -1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 8);
  /* With another filter at the same time. */
  mk_entry_list_set_source (list, toggl);
  mk_entry_list_set_person (list, typed.person_id);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
}

static void
test_cli (void)
{
  g_autoptr(MkStore) store = mk_test_store_new ();
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) err = g_string_new (NULL);
  g_autofree char *number = NULL;
  gint64 batch;

  g_assert_cmpint (mk_cli_imports (store, out, err), ==, 0);
  g_assert_cmpstr (out->str, ==, "No imports: every entry was typed or timed.\n");
  batch = import_file (store, "kimai-export.csv");
  g_string_truncate (out, 0);
  g_assert_cmpint (mk_cli_imports (store, out, err), ==, 0);
  g_assert_nonnull (strstr (out->str, "  3 entries, 165 min  kimai-export.csv\n"));

  number = g_strdup_printf ("%" G_GINT64_FORMAT, batch);
  g_string_truncate (out, 0);
  g_assert_cmpint (mk_cli_remove_import (store, number, out, err), ==, 0);
  {
    g_autofree char *want = g_strdup_printf ("Removed import %s (kimai-export.csv): "
                                             "3 entries, 165 min.\n", number);

    g_assert_cmpstr (out->str, ==, want);
  }
  g_assert_cmpint (mk_store_count_entries (store), ==, 0);
  /* Not there any more: bad input (1); not a number: a usage mistake (2). */
  g_assert_cmpint (mk_cli_remove_import (store, number, out, err), ==, 1);
  g_assert_cmpint (mk_cli_remove_import (store, "three", out, err), ==, 2);
  g_assert_cmpint (mk_cli_remove_import (store, "0", out, err), ==, 2);
  g_assert_nonnull (strstr (err->str, "not 'three'"));
}

/* kill -9: a child adds a bulk import and takes it back, again and again,
 * telling the parent on a pipe when a removal starts and when it is
 * committed; the parent kills it during a removal, at a random moment. */

#define CRASH_ROWS 30000

static void
write_value (int    fd,
             gint64 value)
{
  if (write (fd, &value, sizeof value) != sizeof value)
    _exit (3);
}

static G_NORETURN void
child_add_and_remove (const char *path,
                      int         fd)
{
  g_autoptr(MkStore) store = mk_store_open (path, NULL);
  gint64 person;
  gint64 category;

  if (store == NULL)
    _exit (2);
  person = mk_person_get_id (mk_store_ensure_person (store, "Boris", NULL, NULL));
  category = mk_category_get_id (mk_store_get_category_by_key (store, "admin"));
  for (guint round = 0;; round++)
    {
      MkStoreBulk *bulk = mk_store_bulk_begin (store, "crash.csv", NULL, NULL, NULL);
      gint64 batch;

      if (bulk == NULL)
        _exit (4);
      batch = mk_store_bulk_get_batch_id (bulk);
      for (int i = 0; i < CRASH_ROWS; i++)
        {
          char day[11];
          MkEntryInput in = { person, day, i % 1440, 1 + i % 40, category, "crash", 0, 0, 0 };

          /* 30 rows a day of at most 40 minutes, over 1000 days. */
          g_snprintf (day, sizeof day, "%04d-%02d-%02d", 2020 + (i / 30) / 336,
                      1 + (i / 30) / 28 % 12, 1 + (i / 30) % 28);
          in.fingerprint = (gint64) round * CRASH_ROWS + i + 1;
          if (!mk_store_bulk_add (bulk, &in, NULL, NULL))
            _exit (5);
        }
      if (!mk_store_bulk_commit (bulk, NULL, NULL))
        _exit (6);
      write_value (fd, -batch);
      if (!mk_store_remove_import (store, batch, NULL, NULL, NULL))
        _exit (7);
      write_value (fd, batch);
    }
}

static void
test_kill_9 (void)
{
  g_autofree char *path = mk_test_db_path ("remove-crash.db");
  guint n_whole = 0;

  g_unlink (path);
  g_object_unref (mk_store_open (path, NULL));
  for (guint round = 0; round < 8; round++)
    {
      g_autoptr(MkStore) store = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) imports = NULL;
      gint64 value = 0;
      gint64 removing = 0;
      int fds[2];
      pid_t pid;
      int status;

      g_assert_cmpint (pipe (fds), ==, 0);
      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          close (fds[0]);
          child_add_and_remove (path, fds[1]);
        }
      close (fds[1]);
      /* Wait (on the pipe, no timing) until a removal starts, then kill
       * the child somewhere inside it. */
      while (removing == 0 && read (fds[0], &value, sizeof value) == sizeof value)
        if (value < 0)
          removing = -value;
      g_assert_cmpint (removing, >, 0);
      g_usleep ((gulong) g_random_int_range (0, 300) * 1000);
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status));
      close (fds[0]);

      /* The import is there whole, or gone whole; the totals match. */
      store = mk_store_open (path, &error);
      g_assert_no_error (error);
      mk_test_assert_consistent (store);
      imports = mk_store_list_imports (store, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (imports->len, <=, 1);
      if (imports->len == 1)
        {
          MkImportSummary *s = g_ptr_array_index (imports, 0);

          g_assert_cmpint (s->id, ==, removing);
          g_assert_cmpuint (s->entries, ==, CRASH_ROWS);
          g_assert_cmpint (mk_store_count_entries (store), ==, CRASH_ROWS);
          n_whole++;
          /* Taken back now, for the next round. */
          g_assert_true (mk_store_remove_import (store, s->id, NULL, NULL, &error));
        }
      g_assert_cmpint (mk_store_count_entries (store), ==, 0);
    }
  g_test_message ("the import was still whole after %u of 8 kills", n_whole);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/import-remove/takes-back-one-import", test_takes_back_one_import);
  g_test_add_func ("/import-remove/edited-entries-go-too", test_edited_entries_go_too);
  g_test_add_func ("/import-remove/command-line", test_cli);
  g_test_add_func ("/import-remove/entries-by-source", test_entries_by_source);
  g_test_add_func ("/import-remove/kill-9-all-or-nothing", test_kill_9);

  return g_test_run ();
}
