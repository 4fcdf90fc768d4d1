/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-entry-history.c — changes to entries, undone and redone, each as one transaction. */
#include "config.h"

#include "mk-entry-history.h"
#include "mk-entry-list.h"
#include "mk-error.h"
#include "store-test-utils.h"

typedef struct {
  MkStore        *store;
  MkEntryHistory *history;
  gint64          anna;
  gint64          boris;
  gint64          calls;
  gint64          admin;
  int             changed;   /* the store's "changed" signals: one per transaction */
} Fixture;

static void
count_changed (MkStore *store,
               gpointer user_data)
{
  ((Fixture *) user_data)->changed++;
}

static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MkPerson) anna = NULL;
  g_autoptr(MkPerson) boris = NULL;

  f->store = mk_test_store_new ();
  anna = mk_store_ensure_person (f->store, "Anna", NULL, &error);
  g_assert_no_error (error);
  boris = mk_store_ensure_person (f->store, "Boris", NULL, &error);
  g_assert_no_error (error);
  f->anna = mk_person_get_id (anna);
  f->boris = mk_person_get_id (boris);
  f->calls = mk_category_get_id (mk_store_get_category_by_key (f->store, "calls"));
  f->admin = mk_category_get_id (mk_store_get_category_by_key (f->store, "admin"));
  f->history = mk_entry_history_new (GPOINTER_TO_UINT (data) ? GPOINTER_TO_UINT (data) : 10);
  mk_entry_history_set_store (f->history, f->store);
  g_signal_connect (f->store, "changed", G_CALLBACK (count_changed), f);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  mk_test_assert_consistent (f->store);
  g_clear_object (&f->history);
  g_clear_object (&f->store);
}

static MkEntryInput
input (gint64      person_id,
       gint64      category_id,
       const char *day,
       int         start,
       int         minutes,
       const char *task)
{
  MkEntryInput input = { 0 };

  input.person_id = person_id;
  input.category_id = category_id;
  input.day = day;
  input.start = start;
  input.minutes = minutes;
  input.task = task;
  return input;
}

/* Adds an entry directly in the store, outside the history. */
static gint64
add (Fixture      *f,
     MkEntryInput  in)
{
  g_autoptr(GError) error = NULL;
  gint64 id = mk_store_add_entry (f->store, &in, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* The entry with @task, or %NULL if there is none. */
static MkEntry *
find_task (Fixture    *f,
           const char *task)
{
  g_autoptr(MkEntryList) list = mk_entry_list_new (f->store);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MkEntry) entry = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (g_strcmp0 (mk_entry_get_task (entry), task) == 0)
        return g_steal_pointer (&entry);
    }
  return NULL;
}

static int
minutes_of (Fixture    *f,
           gint64      person_id,
           gint64      category_id)
{
  int total = 0;
  g_autoptr(MkEntryList) list = mk_entry_list_new (f->store);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MkEntry) entry = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (mk_entry_get_person_id (entry) == person_id
          && mk_category_get_id (mk_entry_get_category (entry)) == category_id)
        total += mk_entry_get_minutes (entry);
    }
  return total;
}

/* Undoes (@forward FALSE) or redoes the newest change, and checks that it
 * was one transaction that left the rollups exact. */
static void
step (Fixture  *f,
      gboolean  forward)
{
  g_autoptr(GError) error = NULL;
  int changed = f->changed;

  if (forward)
    {
      g_assert_true (mk_entry_history_can_redo (f->history));
      g_assert_true (mk_entry_history_redo (f->history, &error));
    }
  else
    {
      g_assert_true (mk_entry_history_can_undo (f->history));
      g_assert_true (mk_entry_history_undo (f->history, &error));
    }
  g_assert_no_error (error);
  g_assert_cmpint (f->changed, ==, changed + 1);
  mk_test_assert_consistent (f->store);
}

static void
undo (Fixture *f)
{
  step (f, FALSE);
}

static void
redo (Fixture *f)
{
  step (f, TRUE);
}

static void
test_add_undo_redo (Fixture      *f,
                    gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MkEntry) back = NULL;
  g_autoptr(MkEntry) first = NULL;
  MkEntryInput in = input (f->anna, f->calls, "2026-11-23", 9 * 60, 30, "call Acme");
  guint n = 0;
  gint64 id;

  g_assert_false (mk_entry_history_can_undo (f->history));
  id = mk_entry_history_add (f->history, &in, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (f->changed, ==, 1);
  first = mk_store_get_entry (f->store, id, &error);
  g_assert_true (mk_uuid_is_valid (mk_entry_get_uuid (first)));
  g_assert_cmpint (mk_entry_history_get_undo_kind (f->history, &n), ==, MK_ENTRY_CHANGE_ADD);
  g_assert_cmpuint (n, ==, 1);

  undo (f);
  g_assert_cmpint (mk_store_count_entries (f->store), ==, 0);
  g_assert_false (mk_entry_history_can_undo (f->history));
  g_assert_cmpint (mk_entry_history_get_redo_kind (f->history, NULL), ==, MK_ENTRY_CHANGE_ADD);

  redo (f);
  g_assert_cmpint (mk_store_count_entries (f->store), ==, 1);
  back = find_task (f, "call Acme");
  g_assert_nonnull (back);
  g_assert_cmpint (mk_entry_get_minutes (back), ==, 30);
  g_assert_cmpint (mk_entry_get_start (back), ==, 9 * 60);
  g_assert_cmpstr (mk_entry_get_day (back), ==, "2026-11-23");
  g_assert_cmpint (minutes_of (f, f->anna, f->calls), ==, 30);
  /* The same entry came back, not a new one like it (mk-uuid.c). */
  g_assert_cmpstr (mk_entry_get_uuid (back), ==, mk_entry_get_uuid (first));

  /* The redone add is undone again, under its new id. */
  undo (f);
  g_assert_cmpint (mk_store_count_entries (f->store), ==, 0);
}

static void
test_added_elsewhere (Fixture      *f,
                      gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = add (f, input (f->anna, f->calls, "2026-11-23", -1, 25, "timer"));

  g_assert_true (mk_entry_history_added (f->history, id, &error));
  g_assert_no_error (error);
  undo (f);
  g_assert_cmpint (mk_store_count_entries (f->store), ==, 0);
  redo (f);
  g_assert_cmpint (mk_store_count_entries (f->store), ==, 1);

  /* An entry that is not there is not remembered. */
  g_assert_false (mk_entry_history_added (f->history, 9999, &error));
  g_assert_error (error, MK_STORE_ERROR, MK_STORE_ERROR_NOT_FOUND);
  g_assert_cmpint (mk_entry_history_get_undo_kind (f->history, NULL), ==, MK_ENTRY_CHANGE_ADD);
}

static void
test_edit_undo_redo (Fixture      *f,
                     gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MkEntry) before = NULL;
  g_autoptr(MkEntry) after = NULL;
  g_autoptr(MkEntry) again = NULL;
  gint64 id = add (f, input (f->anna, f->calls, "2026-11-23", 9 * 60, 30, "stand-up"));
  MkEntryInput in = input (f->boris, f->admin, "2026-11-24", 10 * 60, 45, "stand-up, longer");

  g_assert_true (mk_entry_history_edit (f->history, id, &in, &error));
  g_assert_no_error (error);
  g_assert_cmpint (f->changed, ==, 2);
  g_assert_cmpint (minutes_of (f, f->boris, f->admin), ==, 45);
  g_assert_cmpint (minutes_of (f, f->anna, f->calls), ==, 0);

  undo (f);
  before = mk_store_get_entry (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mk_entry_get_person_id (before), ==, f->anna);
  g_assert_cmpstr (mk_entry_get_day (before), ==, "2026-11-23");
  g_assert_cmpint (mk_entry_get_start (before), ==, 9 * 60);
  g_assert_cmpint (mk_entry_get_minutes (before), ==, 30);
  g_assert_cmpstr (mk_entry_get_task (before), ==, "stand-up");
  g_assert_cmpint (mk_category_get_id (mk_entry_get_category (before)), ==, f->calls);

  redo (f);
  after = mk_store_get_entry (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mk_entry_get_person_id (after), ==, f->boris);
  g_assert_cmpint (mk_entry_get_minutes (after), ==, 45);
  g_assert_cmpstr (mk_entry_get_task (after), ==, "stand-up, longer");
  g_assert_cmpint (minutes_of (f, f->boris, f->admin), ==, 45);

  /* A start that was unknown comes back unknown. */
  in = input (f->anna, f->calls, "2026-11-23", -1, 30, "stand-up");
  g_assert_true (mk_entry_history_edit (f->history, id, &in, &error));
  undo (f);
  again = mk_store_get_entry (f->store, id, &error);
  g_assert_cmpint (mk_entry_get_start (again), ==, 10 * 60);
}

static void
test_delete_undo_redo (Fixture      *f,
                       gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MkEntry) back = NULL;
  gint64 id = add (f, input (f->anna, f->calls, "2026-11-23", 9 * 60, 30, "call Acme"));

  add (f, input (f->anna, f->admin, "2026-11-23", -1, 15, "CRM"));
  g_assert_true (mk_entry_history_delete (f->history, &id, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mk_store_count_entries (f->store), ==, 1);

  undo (f);
  g_assert_cmpint (mk_store_count_entries (f->store), ==, 2);
  back = find_task (f, "call Acme");
  g_assert_cmpint (mk_entry_get_start (back), ==, 9 * 60);
  g_assert_cmpint (minutes_of (f, f->anna, f->calls), ==, 30);

  /* Redo deletes the entry that came back, though its id is new. */
  redo (f);
  g_assert_cmpint (mk_store_count_entries (f->store), ==, 1);
  g_assert_null (find_task (f, "call Acme"));
}

static void
test_delete_many_undo_redo (Fixture      *f,
                            gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MkEntry) last = NULL;
  gint64 ids[4];

  ids[0] = add (f, input (f->anna, f->calls, "2026-11-23", 9 * 60, 30, "a"));
  ids[1] = add (f, input (f->anna, f->admin, "2026-11-23", -1, 15, "b"));
  ids[2] = add (f, input (f->boris, f->calls, "2026-11-24", 600, 45, "c"));
  ids[3] = add (f, input (f->boris, f->calls, "2026-11-25", 600, 50, "d"));
  f->changed = 0;

  g_assert_true (mk_entry_history_delete (f->history, ids, 3, &error));
  g_assert_no_error (error);
  g_assert_cmpint (f->changed, ==, 1);
  g_assert_cmpint (mk_store_count_entries (f->store), ==, 1);
  g_assert_cmpint (mk_entry_history_get_undo_kind (f->history, NULL), ==,
                   MK_ENTRY_CHANGE_DELETE);

  undo (f);
  g_assert_cmpint (mk_store_count_entries (f->store), ==, 4);
  g_assert_cmpint (minutes_of (f, f->anna, f->calls), ==, 30);
  g_assert_cmpint (minutes_of (f, f->anna, f->admin), ==, 15);
  g_assert_cmpint (minutes_of (f, f->boris, f->calls), ==, 95);

  redo (f);
  g_assert_cmpint (mk_store_count_entries (f->store), ==, 1);
  last = mk_store_get_entry (f->store, ids[3], &error);
  g_assert_no_error (error);
  g_assert_cmpint (minutes_of (f, f->boris, f->calls), ==, 50);
}

/* Undo puts back all the entries or none: with one of them no longer
 * possible (its person was merged away), none comes back. */
static void
test_delete_many_undo_all_or_nothing (Fixture      *f,
                                      gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MkPerson) carl = mk_store_ensure_person (f->store, "Carl", NULL, &error);
  gint64 ids[2];
  guint generation;

  ids[0] = add (f, input (f->anna, f->calls, "2026-11-23", 9 * 60, 30, "a"));
  ids[1] = add (f, input (mk_person_get_id (carl), f->calls, "2026-11-23", -1, 15, "b"));
  g_assert_true (mk_entry_history_delete (f->history, ids, 2, &error));
  g_assert_true (mk_store_merge_people (f->store, f->boris, mk_person_get_id (carl), &error));
  g_assert_no_error (error);
  generation = mk_entry_history_get_generation (f->history);

  g_assert_false (mk_entry_history_undo (f->history, &error));
  g_assert_error (error, MK_STORE_ERROR, MK_STORE_ERROR_INVALID);
  g_assert_cmpint (mk_store_count_entries (f->store), ==, 0);
  /* Nothing changed, so the undo is still there to try again. */
  g_assert_true (mk_entry_history_can_undo (f->history));
  g_assert_false (mk_entry_history_can_redo (f->history));
  g_assert_cmpuint (mk_entry_history_get_generation (f->history), ==, generation);
}

static void
test_move_undo_redo (Fixture      *f,
                     gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 other = mk_category_get_id (mk_store_get_category_by_key (f->store, "other"));
  gint64 ids[3];
  guint n = 0;

  ids[0] = add (f, input (f->anna, f->calls, "2026-11-23", 9 * 60, 30, "a"));
  ids[1] = add (f, input (f->anna, f->admin, "2026-11-23", -1, 15, "b"));
  ids[2] = add (f, input (f->anna, other, "2026-11-24", 600, 45, "c"));
  f->changed = 0;

  g_assert_true (mk_entry_history_move (f->history, ids, 3, f->calls, &error));
  g_assert_no_error (error);
  g_assert_cmpint (f->changed, ==, 1);
  g_assert_cmpint (minutes_of (f, f->anna, f->calls), ==, 90);
  g_assert_cmpint (mk_entry_history_get_undo_kind (f->history, &n), ==, MK_ENTRY_CHANGE_MOVE);
  g_assert_cmpuint (n, ==, 3);

  /* Each goes back to its own category, in one transaction. */
  undo (f);
  g_assert_cmpint (minutes_of (f, f->anna, f->calls), ==, 30);
  g_assert_cmpint (minutes_of (f, f->anna, f->admin), ==, 15);
  g_assert_cmpint (minutes_of (f, f->anna, other), ==, 45);

  redo (f);
  g_assert_cmpint (minutes_of (f, f->anna, f->calls), ==, 90);
  g_assert_cmpint (minutes_of (f, f->anna, f->admin), ==, 0);
}

/* An entry edited, then deleted: undoing both finds it under its new id. */
static void
test_undo_follows_new_id (Fixture      *f,
                          gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MkEntry) back = NULL;
  gint64 id = add (f, input (f->anna, f->calls, "2026-11-23", 9 * 60, 30, "first"));
  MkEntryInput in = input (f->anna, f->calls, "2026-11-23", 9 * 60, 40, "second");

  /* Something after it, so that SQLite does not give its id out again. */
  add (f, input (f->anna, f->admin, "2026-11-23", -1, 5, "other"));
  g_assert_true (mk_entry_history_edit (f->history, id, &in, &error));
  g_assert_true (mk_entry_history_delete (f->history, &id, 1, &error));
  g_assert_no_error (error);

  undo (f);
  undo (f);
  back = find_task (f, "first");
  g_assert_nonnull (back);
  g_assert_cmpint (mk_entry_get_id (back), !=, id);
  g_assert_cmpint (mk_entry_get_minutes (back), ==, 30);
  g_assert_null (find_task (f, "second"));

  redo (f);
  redo (f);
  g_assert_null (find_task (f, "first"));
  g_assert_null (find_task (f, "second"));
  g_assert_cmpint (mk_store_count_entries (f->store), ==, 1);
}

/* A new entry that SQLite gives the id of an entry the history deleted is
 * not that entry. */
static void
test_reused_id_is_another_entry (Fixture      *f,
                                 gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MkEntry) first = NULL;
  g_autoptr(MkEntry) added = NULL;
  gint64 id = add (f, input (f->anna, f->calls, "2026-11-23", 9 * 60, 30, "first"));
  gint64 reused;
  MkEntryInput in = input (f->anna, f->calls, "2026-11-23", 9 * 60, 40, "new");

  g_assert_true (mk_entry_history_delete (f->history, &id, 1, &error));
  reused = mk_entry_history_add (f->history, &in, &error);
  g_assert_no_error (error);
  g_assert_cmpint (reused, ==, id);   /* the highest id is handed out again */

  undo (f);   /* the add */
  undo (f);   /* the delete: "first" comes back */
  first = find_task (f, "first");
  g_assert_nonnull (first);
  redo (f);   /* deletes "first" again */
  redo (f);   /* adds "new" again */
  g_assert_null (find_task (f, "first"));
  added = find_task (f, "new");
  g_assert_nonnull (added);
  g_assert_cmpint (mk_store_count_entries (f->store), ==, 1);
}

static void
test_refused_change_is_not_remembered (Fixture      *f,
                                       gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  MkEntryInput in = input (f->anna, f->calls, "2026-11-23", -1, 0, "nothing");
  gint64 missing = 4242;
  guint generation = mk_entry_history_get_generation (f->history);

  g_assert_cmpint (mk_entry_history_add (f->history, &in, &error), ==, 0);
  g_assert_error (error, MK_STORE_ERROR, MK_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (mk_entry_history_delete (f->history, &missing, 1, &error));
  g_assert_error (error, MK_STORE_ERROR, MK_STORE_ERROR_NOT_FOUND);
  g_assert_false (mk_entry_history_can_undo (f->history));
  g_assert_cmpuint (mk_entry_history_get_generation (f->history), ==, generation);
  g_assert_cmpint (f->changed, ==, 0);
}

static void
test_new_change_forgets_redo (Fixture      *f,
                              gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  MkEntryInput a = input (f->anna, f->calls, "2026-11-23", -1, 10, "a");
  MkEntryInput b = input (f->anna, f->calls, "2026-11-23", -1, 20, "b");

  mk_entry_history_add (f->history, &a, &error);
  undo (f);
  g_assert_true (mk_entry_history_can_redo (f->history));
  mk_entry_history_add (f->history, &b, &error);
  g_assert_no_error (error);
  g_assert_false (mk_entry_history_can_redo (f->history));
  /* Nothing to redo is nothing to do. */
  g_assert_true (mk_entry_history_redo (f->history, &error));
  g_assert_cmpint (mk_store_count_entries (f->store), ==, 1);
}

static void
test_depth (Fixture      *f,
            gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  guint generation = mk_entry_history_get_generation (f->history);

  /* Set up with depth 2: three adds, two undos. */
  for (int i = 1; i <= 3; i++)
    {
      MkEntryInput in = input (f->anna, f->calls, "2026-11-23", -1, i * 10, "x");

      g_assert_cmpint (mk_entry_history_add (f->history, &in, &error), >, 0);
      g_assert_cmpuint (mk_entry_history_get_generation (f->history), !=, generation);
      generation = mk_entry_history_get_generation (f->history);
    }
  undo (f);
  undo (f);
  g_assert_false (mk_entry_history_can_undo (f->history));
  g_assert_cmpint (mk_store_count_entries (f->store), ==, 1);
  g_assert_cmpint (minutes_of (f, f->anna, f->calls), ==, 10);
}

static void
notified (GObject    *object,
          GParamSpec *pspec,
          gpointer    user_data)
{
  (*(int *) user_data)++;
}

static void
test_set_store_forgets (Fixture      *f,
                        gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  MkEntryInput in = input (f->anna, f->calls, "2026-11-23", -1, 10, "a");
  int notifications = 0;

  g_signal_connect (f->history, "notify::can-undo", G_CALLBACK (notified), &notifications);
  mk_entry_history_add (f->history, &in, &error);
  g_assert_cmpint (notifications, ==, 1);
  mk_entry_history_set_store (f->history, f->store);
  g_assert_cmpint (notifications, ==, 2);
  g_assert_false (mk_entry_history_can_undo (f->history));
  g_assert_true (mk_entry_history_undo (f->history, &error));
  g_assert_cmpint (mk_store_count_entries (f->store), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func, depth) \
  g_test_add ("/entry-history/" path, Fixture, GUINT_TO_POINTER (depth), \
              fixture_set_up, func, fixture_tear_down)
  ADD ("add-undo-redo", test_add_undo_redo, 0);
  ADD ("added-elsewhere", test_added_elsewhere, 0);
  ADD ("edit-undo-redo", test_edit_undo_redo, 0);
  ADD ("delete-undo-redo", test_delete_undo_redo, 0);
  ADD ("delete-many-undo-redo", test_delete_many_undo_redo, 0);
  ADD ("delete-many-undo-all-or-nothing", test_delete_many_undo_all_or_nothing, 0);
  ADD ("move-undo-redo", test_move_undo_redo, 0);
  ADD ("undo-follows-new-id", test_undo_follows_new_id, 0);
  ADD ("reused-id-is-another-entry", test_reused_id_is_another_entry, 0);
  ADD ("refused-change-not-remembered", test_refused_change_is_not_remembered, 0);
  ADD ("new-change-forgets-redo", test_new_change_forgets_redo, 0);
  ADD ("depth", test_depth, 2);
  ADD ("set-store-forgets", test_set_store_forgets, 0);
#undef ADD
  return g_test_run ();
}
