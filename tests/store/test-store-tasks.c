/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-store-tasks.c — what the time went on, kept in day_task: the
 * task texts folded (mk-task-fold.h) with their minutes and entries, exact
 * after every add, edit, delete, bulk import and person merge, proved by
 * mk_store_check(), which also finds a damaged list.
 */
#include "config.h"

#include <sqlite3.h>

#include "mk-error.h"
#include "mk-store-bulk.h"
#include "store-test-utils.h"

/* The store's task lists of a period as "key|label|minutes|entries" lines,
 * added up over the days, sorted. */
static void
collect_cb (gint64      person_id,
            gint64      category_id,
            const char *key,
            const char *label,
            int         minutes,
            int         entries,
            gpointer    user_data)
{
  GHashTable *sums = user_data;
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "/%s|%s",
                                         person_id, category_id, key, label);
  gint64 *sum = g_hash_table_lookup (sums, id);

  if (sum == NULL)
    {
      sum = g_new0 (gint64, 2);
      g_hash_table_insert (sums, g_steal_pointer (&id), sum);
    }
  sum[0] += minutes;
  sum[1] += entries;
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

static char *
task_lists (MkStore *store)
{
  g_autoptr(GHashTable) sums = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key, value;

  g_assert_true (mk_store_foreach_detail (store, "2026-01-01", "2026-12-31", NULL, collect_cb,
                                          sums, &error));
  g_assert_no_error (error);
  g_hash_table_iter_init (&iter, sums);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const gint64 *sum = value;
      const char *text = strchr (key, '/') + 1;

      text = strchr (text, '/') + 1;
      g_ptr_array_add (lines, g_strdup_printf ("%s|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT, text,
                                               sum[0], sum[1]));
    }
  g_ptr_array_sort (lines, compare_lines);
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

static MkEntryInput
entry (gint64      person_id,
       gint64      category_id,
       const char *day,
       int         minutes,
       const char *task)
{
  MkEntryInput input = { 0 };

  input.person_id = person_id;
  input.category_id = category_id;
  input.day = day;
  input.start = -1;
  input.minutes = minutes;
  input.task = task;
  return input;
}

static void
test_add_edit_delete (void)
{
  g_autoptr(MkStore) store = mk_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MkPerson) anna = mk_store_ensure_person (store, "Anna", NULL, &error);
  gint64 admin = mk_category_get_id (mk_store_get_category_by_key (store, "admin"));
  gint64 person = mk_person_get_id (anna);
  MkEntryInput a = entry (person, admin, "2026-11-23", 30, "crm entry for Acme");
  MkEntryInput b = entry (person, admin, "2026-11-23", 20, "CRM entry for Initech");
  MkEntryInput c = entry (person, admin, "2026-11-23", 15, "Weekly report");
  MkEntryInput edited;
  gint64 id_a, id_b, id_c;
  g_autofree char *lists = NULL;

  id_a = mk_store_add_entry (store, &a, &error);
  g_assert_no_error (error);
  id_b = mk_store_add_entry (store, &b, &error);
  g_assert_no_error (error);
  id_c = mk_store_add_entry (store, &c, &error);
  g_assert_no_error (error);
  /* One task for both clients, read "CRM entry" whatever was added first. */
  lists = task_lists (store);
  g_assert_cmpstr (lists, ==, "crm entry|CRM entry|50|2\nweekly report|weekly report|15|1");
  mk_test_assert_consistent (store);

  /* A new text moves the minutes to its task. */
  edited = entry (person, admin, "2026-11-23", 25, "Weekly report");
  g_assert_true (mk_store_update_entry (store, id_b, &edited, &error));
  g_assert_no_error (error);
  g_clear_pointer (&lists, g_free);
  lists = task_lists (store);
  g_assert_cmpstr (lists, ==, "crm entry|CRM entry|30|1\nweekly report|weekly report|40|2");
  mk_test_assert_consistent (store);

  /* The last entry of a task takes it away. */
  g_assert_true (mk_store_delete_entry (store, id_a, &error));
  g_assert_no_error (error);
  g_clear_pointer (&lists, g_free);
  lists = task_lists (store);
  g_assert_cmpstr (lists, ==, "weekly report|weekly report|40|2");
  mk_test_assert_consistent (store);

  /* A day without entries keeps no list (the check counts one left). */
  g_assert_true (mk_store_delete_entry (store, id_b, &error));
  g_assert_true (mk_store_delete_entry (store, id_c, &error));
  g_assert_no_error (error);
  g_clear_pointer (&lists, g_free);
  lists = task_lists (store);
  g_assert_cmpstr (lists, ==, "");
  mk_test_assert_consistent (store);
}

/* A bulk import keeps the same lists as one entry at a time. */
static void
test_bulk_same_as_single (void)
{
  static const char *texts[] = {
    "Звонок ООО «Гранит»: обсуждение КП", "Звонок АО «Волга-Пром»: обсуждение КП",
    "Call Initech: pricing", "Call Hooli: pricing", "", "Invoice #4521", "Invoice 77",
  };
  g_autofree char *single_path = mk_test_db_path ("single.db");
  g_autofree char *bulk_path = mk_test_db_path ("bulk.db");
  g_autoptr(MkStore) single = mk_store_open (single_path, NULL);
  g_autoptr(MkStore) bulk_store = mk_store_open (bulk_path, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *single_lists = NULL;
  g_autofree char *bulk_lists = NULL;
  MkStoreBulk *bulk;
  MkImportCounts counts = { 0 };
  const char *days[] = { "2026-11-23", "2026-11-24" };

  bulk = mk_store_bulk_begin (bulk_store, "test.csv", NULL, "generic", &error);
  g_assert_no_error (error);
  for (guint d = 0; d < G_N_ELEMENTS (days); d++)
    for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
      {
        g_autoptr(MkPerson) p1 = mk_store_ensure_person (single, "Anna", NULL, &error);
        g_autoptr(MkPerson) p2 = mk_store_ensure_person (bulk_store, "Anna", NULL, &error);
        const char *key = i < 4 ? "calls" : "admin";
        MkEntryInput one = entry (mk_person_get_id (p1),
                                  mk_category_get_id (mk_store_get_category_by_key (single, key)),
                                  days[d], 10 + (int) i, texts[i]);
        MkEntryInput two = entry (mk_person_get_id (p2),
                                  mk_category_get_id (mk_store_get_category_by_key (bulk_store,
                                                                                    key)),
                                  days[d], 10 + (int) i, texts[i]);

        mk_store_add_entry (single, &one, &error);
        g_assert_no_error (error);
        g_assert_true (mk_store_bulk_add (bulk, &two, NULL, &error));
        g_assert_no_error (error);
        counts.rows_read++;
        counts.imported++;
      }
  g_assert_true (mk_store_bulk_commit (bulk, &counts, &error));
  g_assert_no_error (error);

  single_lists = task_lists (single);
  bulk_lists = task_lists (bulk_store);
  g_assert_cmpstr (bulk_lists, ==, single_lists);
  g_assert_nonnull (strstr (bulk_lists, "звонок: обсуждение кп|звонок: обсуждение КП|42|4"));
  g_assert_nonnull (strstr (bulk_lists, "invoice|invoice|62|4"));
  mk_test_assert_consistent (single);
  mk_test_assert_consistent (bulk_store);
}

/* A list that does not add up to the entries is found, and named. */
static void
test_check_finds_damage (void)
{
  g_autoptr(MkStore) store = mk_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MkPerson) anna = mk_store_ensure_person (store, "Anna", NULL, &error);
  g_autoptr(GString) report = g_string_new (NULL);
  gint64 admin = mk_category_get_id (mk_store_get_category_by_key (store, "admin"));
  MkEntryInput a = entry (mk_person_get_id (anna), admin, "2026-11-23", 30, "Weekly report");
  g_autofree char *path = g_strdup (mk_store_get_path (store));
  sqlite3 *db = NULL;

  mk_store_add_entry (store, &a, &error);
  g_assert_no_error (error);
  mk_test_assert_consistent (store);

  /* Another program writes a list for another text into the file. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE day_task SET tasks = x'046d697363001e01'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  g_assert_false (mk_store_check (store, report, &error));
  g_assert_error (error, MK_STORE_ERROR, MK_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (report->str, "task lists: 1 wrong"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/tasks/add-edit-delete", test_add_edit_delete);
  g_test_add_func ("/store/tasks/bulk-same-as-single", test_bulk_same_as_single);
  g_test_add_func ("/store/tasks/check-finds-damage", test_check_finds_damage);

  return g_test_run ();
}
