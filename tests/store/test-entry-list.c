/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-entry-list.c — MkEntryList, the Entries page's list model over the
 * store (core/store/mk-entry-list.c): pages and filters, every sort order
 * read from either end, search that ignores case, and whether the list
 * holds a given entry.
 */
#include "config.h"

#include "mk-entry-list.h"
#include "mk-store-bulk.h"
#include "store-test-utils.h"

static void
test_entry_list_pages_and_filters (void)
{
  g_autoptr(MkStore) store = mk_test_store_new ();
  g_autoptr(MkEntryList) all = NULL;
  g_autoptr(MkEntryList) day = NULL;
  g_autoptr(GError) error = NULL;
  gint64 anna = mk_test_person (store, "Anna");
  gint64 boris = mk_test_person (store, "Boris");
  MkStoreBulk *bulk = mk_store_bulk_begin (store, "x.csv", NULL, NULL, &error);
  gint64 calls = mk_category_get_id (mk_store_get_category_by_key (store, "calls"));
  gint64 admin = mk_category_get_id (mk_store_get_category_by_key (store, "admin"));

  for (int i = 0; i < 1000; i++)
    {
      char day_s[11];
      MkEntryInput in = { i % 2 ? anna : boris, day_s, (i * 7) % 1440, 1 + i % 60,
                          i % 3 ? calls : admin, i % 10 ? "call" : "100% sure", 0, 0, 0 };

      g_snprintf (day_s, sizeof day_s, "2026-11-%02d", 1 + i % 28);
      g_assert_true (mk_store_bulk_add (bulk, &in, NULL, &error));
    }
  g_assert_true (mk_store_bulk_commit (bulk, NULL, &error));

  all = mk_entry_list_new (store);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (all)), ==, 1000);
  {
    g_autoptr(MkEntry) first = g_list_model_get_item (G_LIST_MODEL (all), 0);
    g_autoptr(MkEntry) last = g_list_model_get_item (G_LIST_MODEL (all), 999);
    g_autoptr(MkEntry) again = g_list_model_get_item (G_LIST_MODEL (all), 0);

    g_assert_cmpstr (mk_entry_get_day (first), ==, "2026-11-01");
    g_assert_cmpstr (mk_entry_get_day (last), ==, "2026-11-28");
    g_assert_true (first == again);
    g_assert_null (g_list_model_get_item (G_LIST_MODEL (all), 1000));
  }

  mk_entry_list_set_person (all, anna);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (all)), ==, 500);
  mk_entry_list_set_category (all, admin);
  mk_entry_list_set_search (all, "100%");
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (all)); i++)
    {
      g_autoptr(MkEntry) e = g_list_model_get_item (G_LIST_MODEL (all), i);

      g_assert_cmpstr (mk_entry_get_task (e), ==, "100% sure");
      g_assert_cmpint (mk_entry_get_person_id (e), ==, anna);
    }
  mk_entry_list_set_search (all, NULL);
  mk_entry_list_set_category (all, 0);
  mk_entry_list_set_sort (all, MK_ENTRY_SORT_MINUTES, TRUE);
  {
    g_autoptr(MkEntry) longest = g_list_model_get_item (G_LIST_MODEL (all), 0);

    g_assert_cmpint (mk_entry_get_minutes (longest), ==, 60);
  }

  day = mk_entry_list_new_for_day (store, anna, "2026-11-02");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (day)), >, 0);
  {
    guint before = g_list_model_get_n_items (G_LIST_MODEL (day));
    gint64 minutes = mk_entry_list_get_total_minutes (day);

    mk_test_add_entry (store, anna, "2026-11-02", 100, 15, "calls", "new");
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (day)), ==, before + 1);
    g_assert_cmpint (mk_entry_list_get_total_minutes (day), ==, minutes + 15);
  }
}

/* Pages of the second half are read from the end: every sort must give the
 * same sequence whichever page is read first, with no row missing or twice. */
/* Rows for the paging test: pages in the middle of the time order are read
 * a day at a time, 16 pages away from either end. */
#define N_ROWS 5501

/* Where an entry sorts within its day (docs/store.md): its start, and after
 * every start (1440) when it has none. */
static int
order_key (MkEntry *e)
{
  return mk_entry_get_start (e) >= 0 ? mk_entry_get_start (e) : 24 * 60;
}

/* The time order: day, then the key above, then id. */
static int
time_order (MkEntry *x,
            MkEntry *y)
{
  int c = strcmp (mk_entry_get_day (x), mk_entry_get_day (y));

  if (c == 0)
    c = (order_key (x) > order_key (y)) - (order_key (x) < order_key (y));
  if (c == 0)
    c = (mk_entry_get_id (x) > mk_entry_get_id (y)) - (mk_entry_get_id (x) < mk_entry_get_id (y));
  return c;
}

static void
test_entry_list_every_order_every_page (void)
{
  g_autoptr(MkStore) store = mk_test_store_new ();
  g_autoptr(GError) error = NULL;
  gint64 people[3] = {
    mk_test_person (store, "Anna"), mk_test_person (store, "Boris"), mk_test_person (store, "Vera"),
  };
  g_autoptr(GListModel) categories = mk_store_list_categories (store, FALSE);
  MkStoreBulk *bulk = mk_store_bulk_begin (store, "x.csv", NULL, NULL, &error);

  for (int i = 0; i < N_ROWS; i++)
    {
      char day_s[11];
      g_autoptr(MkCategory) category = g_list_model_get_item (categories, i % 5);
      g_autofree char *task = g_strdup_printf ("task %d", (i * 37) % 101);
      MkEntryInput in = { people[i % 3], day_s, i % 7 ? (i * 13) % 1440 : -1, 1 + (i * 11) % 90,
                          mk_category_get_id (category), task, 0, 0, i + 1 };

      g_snprintf (day_s, sizeof day_s, "2026-10-%02d", 1 + (i * 5) % 31);
      g_assert_true (mk_store_bulk_add (bulk, &in, NULL, &error));
    }
  g_assert_true (mk_store_bulk_commit (bulk, NULL, &error));

  for (int sort = MK_ENTRY_SORT_TIME; sort <= MK_ENTRY_SORT_TASK; sort++)
    for (int descending = 0; descending < 2; descending++)
      {
        g_autoptr(MkEntryList) forward = mk_entry_list_new (store);
        g_autoptr(MkEntryList) backward = mk_entry_list_new (store);
        g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                            NULL);
        guint n;

        mk_entry_list_set_sort (forward, sort, descending);
        mk_entry_list_set_sort (backward, sort, descending);
        n = g_list_model_get_n_items (G_LIST_MODEL (forward));
        g_assert_cmpuint (n, ==, N_ROWS);
        for (guint i = n; i > 0; i--)
          {
            g_autoptr(MkEntry) b = g_list_model_get_item (G_LIST_MODEL (backward), i - 1);

            g_assert_nonnull (b);
          }
        for (guint i = 0; i < n; i++)
          {
            g_autoptr(MkEntry) a = g_list_model_get_item (G_LIST_MODEL (forward), i);
            g_autoptr(MkEntry) b = g_list_model_get_item (G_LIST_MODEL (backward), i);
            gint64 id = mk_entry_get_id (a);

            g_assert_cmpint (id, ==, mk_entry_get_id (b));
            g_assert_false (g_hash_table_contains (seen, &id));
            g_hash_table_add (seen, g_memdup2 (&id, sizeof id));
            if (sort == MK_ENTRY_SORT_TIME && i > 0)
              {
                g_autoptr(MkEntry) prev = g_list_model_get_item (G_LIST_MODEL (forward), i - 1);
                int order = time_order (prev, a);

                /* Pages away from the ends are read a day at a time. */
                g_assert_cmpint (descending ? -order : order, <, 0);
              }
            if (sort == MK_ENTRY_SORT_MINUTES && i > 0)
              {
                g_autoptr(MkEntry) prev = g_list_model_get_item (G_LIST_MODEL (forward), i - 1);

                if (descending)
                  g_assert_cmpint (mk_entry_get_minutes (prev), >=, mk_entry_get_minutes (a));
                else
                  g_assert_cmpint (mk_entry_get_minutes (prev), <=, mk_entry_get_minutes (a));
              }
          }
        g_assert_cmpuint (g_hash_table_size (seen), ==, n);
      }

  /* The entries of a period, in time order, read from the middle first:
   * as many rows as the count says, in order. */
  for (int descending = 0; descending < 2; descending++)
    {
      g_autoptr(MkEntryList) list = mk_entry_list_new (store);
      guint n;

      mk_entry_list_set_range (list, "2026-10-03", "2026-10-28");
      mk_entry_list_set_sort (list, MK_ENTRY_SORT_TIME, descending);
      n = g_list_model_get_n_items (G_LIST_MODEL (list));
      /* Enough rows for pages read a day at a time (16 pages from either end). */
      g_assert_cmpuint (n, >, 33 * 128);
      for (guint i = n / 2; i < n / 2 + 1; i++)
        {
          g_autoptr(MkEntry) middle = g_list_model_get_item (G_LIST_MODEL (list), i);

          g_assert_nonnull (middle);
        }
      for (guint i = 1; i < n; i++)
        {
          g_autoptr(MkEntry) prev = g_list_model_get_item (G_LIST_MODEL (list), i - 1);
          g_autoptr(MkEntry) a = g_list_model_get_item (G_LIST_MODEL (list), i);
          int order = time_order (prev, a);

          g_assert_nonnull (a);
          g_assert_cmpstr (mk_entry_get_day (a), >=, "2026-10-03");
          g_assert_cmpstr (mk_entry_get_day (a), <=, "2026-10-28");
          g_assert_cmpint (descending ? -order : order, <, 0);
        }
    }
}

/* One order for a day, in Today and in Entries: an entry with a start at its
 * start, the ones without after them in the order they were added; giving
 * an entry a start moves it to that start, and taking the start away puts
 * it back among the untimed ones where it was added. */
static void
test_entry_list_untimed_where_added (void)
{
  g_autoptr(MkStore) store = mk_test_store_new ();
  g_autoptr(MkEntryList) day = NULL;
  g_autoptr(MkEntryList) all = NULL;
  g_autoptr(GError) error = NULL;
  gint64 anna = mk_test_person (store, "Anna");
  gint64 boris = mk_test_person (store, "Boris");
  gint64 first = mk_test_add_entry (store, anna, "2026-11-23", -1, 10, "admin", "mail");
  gint64 call = mk_test_add_entry (store, anna, "2026-11-23", 9 * 60, 30, "calls", "Acme");
  gint64 report = mk_test_add_entry (store, anna, "2026-11-23", -1, 20, "admin", "report");
  gint64 meeting = mk_test_add_entry (store, anna, "2026-11-23", 8 * 60, 60, "meetings", "plan");
  gint64 notes = mk_test_add_entry (store, anna, "2026-11-23", -1, 5, "admin", "notes");
  gint64 late = mk_test_add_entry (store, anna, "2026-11-23", 11 * 60, 15, "calls", "Initech");
  gint64 other = mk_test_add_entry (store, boris, "2026-11-23", -1, 5, "admin", "Boris");
  const gint64 expected[] = { meeting, call, late, first, report, notes };
  const gint64 moved[] = { meeting, call, late, report, first, notes };
  MkEntryInput input;

  day = mk_entry_list_new_for_day (store, anna, "2026-11-23");
  all = mk_entry_list_new (store);
  mk_entry_list_set_person (all, anna);
  for (guint l = 0; l < 2; l++)
    {
      GListModel *list = G_LIST_MODEL (l ? all : day);

      g_assert_cmpuint (g_list_model_get_n_items (list), ==, G_N_ELEMENTS (expected));
      for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
        {
          g_autoptr(MkEntry) e = g_list_model_get_item (list, i);

          g_assert_cmpint (mk_entry_get_id (e), ==, expected[i]);
        }
    }

  /* With everyone's entries, Boris's untimed one is the last of the day. */
  mk_entry_list_set_person (all, 0);
  {
    g_autoptr(MkEntry) e = g_list_model_get_item (G_LIST_MODEL (all), 6);

    g_assert_cmpint (mk_entry_get_id (e), ==, other);
  }

  /* The report gets a start: it moves to 11:30, after the 11:00 call. */
  {
    g_autoptr(MkEntry) e = mk_store_get_entry (store, report, &error);

    g_assert_nonnull (e);
    mk_entry_to_input (e, &input);
    input.start = 11 * 60 + 30;
    g_assert_true (mk_store_update_entry (store, report, &input, &error));
  }
  for (guint i = 0; i < G_N_ELEMENTS (moved); i++)
    {
      g_autoptr(MkEntry) e = g_list_model_get_item (G_LIST_MODEL (day), i);

      g_assert_cmpint (mk_entry_get_id (e), ==, moved[i]);
    }

  /* Its start taken away again, it is back where it was added. */
  {
    g_autoptr(MkEntry) e = mk_store_get_entry (store, report, &error);

    mk_entry_to_input (e, &input);
    input.start = -1;
    g_assert_true (mk_store_update_entry (store, report, &input, &error));
  }
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(MkEntry) e = g_list_model_get_item (G_LIST_MODEL (day), i);

      g_assert_cmpint (mk_entry_get_id (e), ==, expected[i]);
    }
}

static void
test_entry_list_search_ignores_case (void)
{
  g_autoptr(MkStore) store = mk_test_store_new ();
  g_autoptr(MkEntryList) list = NULL;
  gint64 anna = mk_test_person (store, "Anna");

  mk_test_add_entry (store, anna, "2026-11-23", 600, 30, "calls", "Помощь коллеге с КП");
  mk_test_add_entry (store, anna, "2026-11-23", 640, 20, "admin", "CRM: Acme Corp");
  mk_test_add_entry (store, anna, "2026-11-23", 700, 15, "admin", "отчёт");
  list = mk_entry_list_new (store);

  mk_entry_list_set_search (list, "помощь");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  mk_entry_list_set_search (list, "ПОМОЩЬ КОЛЛЕГЕ");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  mk_entry_list_set_search (list, "acme");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_cmpint (mk_entry_list_get_total_minutes (list), ==, 20);
  mk_entry_list_set_search (list, "кп");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  mk_entry_list_set_search (list, "нет такого");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
}

/* One entry at a time, with the list's filters: what a selection kept by id
 * asks after a commit. */
static void
test_entry_list_holds (void)
{
  g_autoptr(MkStore) store = mk_test_store_new ();
  g_autoptr(MkEntryList) list = NULL;
  g_autoptr(GError) error = NULL;
  gint64 anna = mk_test_person (store, "Anna");
  gint64 boris = mk_test_person (store, "Boris");
  gint64 call = mk_test_add_entry (store, anna, "2026-11-23", 600, 30, "calls", "Помощь коллеге");
  gint64 admin = mk_test_add_entry (store, anna, "2026-11-24", 640, 20, "admin", "CRM: Acme Corp");
  gint64 other = mk_test_add_entry (store, boris, "2026-11-23", 700, 15, "calls", "Помощь Анне");

  list = mk_entry_list_new (store);
  g_assert_true (mk_entry_list_holds (list, call));
  g_assert_true (mk_entry_list_holds (list, other));
  g_assert_false (mk_entry_list_holds (list, other + 1000));

  mk_entry_list_set_person (list, anna);
  g_assert_true (mk_entry_list_holds (list, call));
  g_assert_true (mk_entry_list_holds (list, admin));
  g_assert_false (mk_entry_list_holds (list, other));
  mk_entry_list_set_search (list, "помощь");
  g_assert_true (mk_entry_list_holds (list, call));
  g_assert_false (mk_entry_list_holds (list, admin));
  mk_entry_list_set_search (list, NULL);
  mk_entry_list_set_range (list, "2026-11-24", "2026-11-24");
  g_assert_false (mk_entry_list_holds (list, call));
  g_assert_true (mk_entry_list_holds (list, admin));
  mk_entry_list_set_range (list, NULL, NULL);
  mk_entry_list_set_category (list, mk_category_get_id (mk_store_get_category_by_key (store,
                                                                                      "admin")));
  g_assert_false (mk_entry_list_holds (list, call));
  g_assert_true (mk_entry_list_holds (list, admin));

  g_assert_true (mk_store_delete_entry (store, admin, &error));
  g_assert_no_error (error);
  g_assert_false (mk_entry_list_holds (list, admin));
}

static void
count_items_changed_cb (GListModel *model,
                        guint       position,
                        guint       removed,
                        guint       added,
                        guint      *n)
{
  (*n)++;
}

static void
note_leaves_cb (MkStore  *store,
                gboolean *leaves)
{
  *leaves = mk_store_change_leaves_entries (store);
}

/* A change that leaves the entries' rows as they were (a category's target
 * band or class) does not make a list of entries read itself again — at a
 * million entries that was a count of the whole table on every target
 * change; a change of what the rows show (the category's name) does. */
static void
test_entry_list_not_reread_for_targets (void)
{
  g_autoptr(MkStore) store = mk_test_store_new ();
  g_autoptr(MkEntryList) list = NULL;
  g_autoptr(GError) error = NULL;
  gint64 anna = mk_test_person (store, "Anna");
  MkCategory *admin = mk_store_get_category_by_key (store, "admin");
  gint64 admin_id = mk_category_get_id (admin);
  g_autofree char *name = g_strdup (mk_category_get_name (admin));
  g_autofree char *color = g_strdup (mk_category_get_color (admin));
  int order = mk_category_get_sort_order (admin);
  gboolean leaves = TRUE;
  guint n_changed = 0;

  mk_test_add_entry (store, anna, "2026-11-23", 600, 30, "calls", "a");
  mk_test_add_entry (store, anna, "2026-11-23", 640, 20, "admin", "b");
  list = mk_entry_list_new (store);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);
  g_signal_connect (list, "items-changed", G_CALLBACK (count_items_changed_cb), &n_changed);
  g_signal_connect (store, "changed", G_CALLBACK (note_leaves_cb), &leaves);

  g_assert_true (mk_store_update_category (store, admin_id, name, color,
                                           MK_CATEGORY_KIND_NON_SELLING, -1, 0.15, order, FALSE,
                                           &error));
  g_assert_no_error (error);
  g_assert_true (leaves);
  g_assert_cmpuint (n_changed, ==, 0);
  /* Asked after the emission, it says no more. */
  g_assert_false (mk_store_change_leaves_entries (store));

  /* A new name is shown in the rows. */
  g_assert_true (mk_store_update_category (store, admin_id, "Paperwork", color,
                                           MK_CATEGORY_KIND_NON_SELLING, -1, 0.15, order, FALSE,
                                           &error));
  g_assert_no_error (error);
  g_assert_false (leaves);
  g_assert_cmpuint (n_changed, ==, 1);

  /* An entry's change after a target's: read again, the flag gone. */
  mk_test_add_entry (store, anna, "2026-11-24", 600, 10, "calls", "c");
  g_assert_false (leaves);
  g_assert_cmpuint (n_changed, ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
}

/* During "items-changed": why the list says it changed. */
static void
note_change_cb (GListModel        *model,
                guint              position,
                guint              removed,
                guint              added,
                MkEntryListChange *change)
{
  *change = mk_entry_list_get_change (MK_ENTRY_LIST (model));
}

static void
wait_idle (MkEntryList *list)
{
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (mk_entry_list_get_busy (list) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (mk_entry_list_get_busy (list));
}

static void
assert_same_rows (MkEntryList *a,
                  MkEntryList *b)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (a));

  g_assert_cmpuint (n, ==, g_list_model_get_n_items (G_LIST_MODEL (b)));
  g_assert_cmpint (mk_entry_list_get_total_minutes (a), ==, mk_entry_list_get_total_minutes (b));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MkEntry) x = g_list_model_get_item (G_LIST_MODEL (a), i);
      g_autoptr(MkEntry) y = g_list_model_get_item (G_LIST_MODEL (b), i);

      g_assert_nonnull (x);
      g_assert_nonnull (y);
      g_assert_cmpint (mk_entry_get_id (x), ==, mk_entry_get_id (y));
    }
}

/* An asynchronous list reads searches, unindexed orders and new filters
 * in a worker: the caller never waits, the list keeps its rows meanwhile,
 * and the result is the synchronous list's, told as a reorder, a commit or
 * new filters.  More than 4,096 rows, so that the middle of the time order
 * is read a day at a time, by the days the worker counted. */
static void
test_entry_list_async (void)
{
  g_autoptr(MkStore) store = mk_test_store_new ();
  g_autoptr(GError) error = NULL;
  gint64 anna = mk_test_person (store, "Anna");
  gint64 boris = mk_test_person (store, "Борис");
  gint64 calls = mk_category_get_id (mk_store_get_category_by_key (store, "calls"));
  MkStoreBulk *bulk = mk_store_bulk_begin (store, "x.csv", NULL, NULL, &error);
  g_autoptr(MkEntryList) sync = NULL;
  g_autoptr(MkEntryList) async = NULL;
  MkEntryListChange change = MK_ENTRY_LIST_CHANGE_NONE;
  guint before;

  for (int i = 0; i < 5000; i++)
    {
      char day_s[11];
      g_autofree char *task = g_strdup_printf (i % 4 ? "Call Acme %d" : "Отчёт %d", i % 97);
      MkEntryInput in = { i % 2 ? anna : boris, day_s, i % 5 ? (i * 17) % 1440 : -1,
                          1 + (i * 7) % 120, calls, task, 0, 0, i + 1 };

      g_snprintf (day_s, sizeof day_s, "2026-09-%02d", 1 + i % 30);
      g_assert_true (mk_store_bulk_add (bulk, &in, NULL, &error));
    }
  g_assert_true (mk_store_bulk_commit (bulk, NULL, &error));

  sync = mk_entry_list_new (store);
  async = mk_entry_list_new (store);
  mk_entry_list_set_async (async, TRUE);
  g_signal_connect (async, "items-changed", G_CALLBACK (note_change_cb), &change);
  before = g_list_model_get_n_items (G_LIST_MODEL (async));
  g_assert_cmpuint (before, ==, 5000);

  for (int sort = MK_ENTRY_SORT_TIME; sort <= MK_ENTRY_SORT_TASK; sort++)
    for (int descending = 0; descending < 2; descending++)
      {
        mk_entry_list_set_sort (sync, sort, descending);
        mk_entry_list_set_sort (async, sort, descending);
        if (sort != MK_ENTRY_SORT_TIME)
          g_assert_true (mk_entry_list_get_busy (async));
        wait_idle (async);
        if (sort != MK_ENTRY_SORT_TIME || descending)   /* the first is no change */
          g_assert_cmpint (change, ==, MK_ENTRY_LIST_CHANGE_REORDER);
        assert_same_rows (sync, async);
      }

  /* A search: busy at once, the old rows kept until the worker is done. */
  mk_entry_list_set_search (sync, "отчёт");
  mk_entry_list_set_search (async, "acme");
  mk_entry_list_set_search (async, "отчёт");   /* the first request is dropped */
  g_assert_true (mk_entry_list_get_busy (async));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (async)), ==, 5000);
  wait_idle (async);
  g_assert_cmpint (change, ==, MK_ENTRY_LIST_CHANGE_FILTER);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (async)), ==, 1250);
  assert_same_rows (sync, async);

  /* A commit: read again, told as a commit. */
  mk_test_add_entry (store, anna, "2026-09-02", 100, 15, "calls", "Отчёт для руководителя");
  wait_idle (async);
  g_assert_cmpint (change, ==, MK_ENTRY_LIST_CHANGE_COMMIT);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (async)), ==, 1251);
  assert_same_rows (sync, async);

  /* Back to the time order without a search: counted in the worker too,
   * told as new filters (the larger of the two changes asked for). */
  mk_entry_list_set_search (sync, NULL);
  mk_entry_list_set_search (async, NULL);
  mk_entry_list_set_sort (sync, MK_ENTRY_SORT_TIME, FALSE);
  mk_entry_list_set_sort (async, MK_ENTRY_SORT_TIME, FALSE);
  g_assert_true (mk_entry_list_get_busy (async));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (async)), ==, 1251);
  wait_idle (async);
  g_assert_cmpint (change, ==, MK_ENTRY_LIST_CHANGE_FILTER);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (async)), ==, 5001);
  assert_same_rows (sync, async);

  /* One person, then everyone again: in the worker as well. */
  mk_entry_list_set_person (sync, anna);
  mk_entry_list_set_person (async, anna);
  g_assert_true (mk_entry_list_get_busy (async));
  wait_idle (async);
  g_assert_cmpint (change, ==, MK_ENTRY_LIST_CHANGE_FILTER);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (async)), ==, 2501);
  assert_same_rows (sync, async);
  mk_entry_list_set_person (sync, 0);
  mk_entry_list_set_person (async, 0);
  wait_idle (async);
  assert_same_rows (sync, async);

  /* A commit in the time order is counted in the worker too, the old
   * rows held meanwhile, then told as a commit. */
  change = MK_ENTRY_LIST_CHANGE_NONE;
  mk_test_add_entry (store, boris, "2026-09-03", 200, 20, "calls", "Звонок");
  g_assert_true (mk_entry_list_get_busy (async));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (async)), ==, 5001);
  g_assert_cmpint (change, ==, MK_ENTRY_LIST_CHANGE_NONE);
  wait_idle (async);
  g_assert_cmpint (change, ==, MK_ENTRY_LIST_CHANGE_COMMIT);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (async)), ==, 5002);
  assert_same_rows (sync, async);

  /* Commits it did not follow (a hidden page blocks its handler): caught
   * up in the worker, told as a commit, the old rows kept meanwhile. */
  g_signal_handlers_block_matched (store, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, async);
  mk_test_add_entry (store, anna, "2026-09-04", 300, 25, "calls", "Звонок пропущенный");
  mk_test_add_entry (store, boris, "2026-09-05", 310, 5, "calls", "Ещё один");
  g_signal_handlers_unblock_matched (store, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, async);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (async)), ==, 5002);
  mk_entry_list_catch_up (async);
  g_assert_true (mk_entry_list_get_busy (async));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (async)), ==, 5002);
  wait_idle (async);
  g_assert_cmpint (change, ==, MK_ENTRY_LIST_CHANGE_COMMIT);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (async)), ==, 5004);
  assert_same_rows (sync, async);
  /* A synchronous list catches up at once. */
  mk_entry_list_catch_up (sync);
  g_assert_false (mk_entry_list_get_busy (sync));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (sync)), ==, 5004);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/entry-list/every-order-every-page",
                   test_entry_list_every_order_every_page);
  g_test_add_func ("/store/entry-list/untimed-where-added", test_entry_list_untimed_where_added);
  g_test_add_func ("/store/entry-list/pages-and-filters", test_entry_list_pages_and_filters);
  g_test_add_func ("/store/entry-list/search-ignores-case", test_entry_list_search_ignores_case);
  g_test_add_func ("/store/entry-list/holds", test_entry_list_holds);
  g_test_add_func ("/store/entry-list/not-reread-for-targets",
                   test_entry_list_not_reread_for_targets);
  g_test_add_func ("/store/entry-list/async", test_entry_list_async);

  return g_test_run ();
}
