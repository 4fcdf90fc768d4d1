/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-store-entries.c — adding several entries as one change. */
#include "config.h"

#include "mk-error.h"
#include "store-test-utils.h"

static MkEntryInput
entry (gint64      person_id,
       gint64      category_id,
       const char *day,
       int         start,
       int         minutes)
{
  MkEntryInput input = { 0 };

  input.person_id = person_id;
  input.category_id = category_id;
  input.day = day;
  input.start = start;
  input.minutes = minutes;
  input.task = "Call back";
  return input;
}

static void
test_add_entries_all_at_once (void)
{
  g_autoptr(MkStore) store = mk_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MkPerson) anna = mk_store_ensure_person (store, "Anna", NULL, &error);
  gint64 calls = mk_category_get_id (mk_store_get_category_by_key (store, "calls"));
  MkEntryInput inputs[3];
  guint changed = 0;

  inputs[0] = entry (mk_person_get_id (anna), calls, "2026-11-23", 540, 30);
  inputs[1] = entry (mk_person_get_id (anna), calls, "2026-11-23", -1, 15);
  inputs[2] = entry (mk_person_get_id (anna), calls, "2026-11-24", 600, 45);
  mk_test_count_changed (store, &changed);

  g_assert_true (mk_store_add_entries (store, inputs, 3, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mk_store_count_entries (store), ==, 3);
  /* One change, told once. */
  g_assert_cmpint (changed, ==, 1);
  mk_test_assert_consistent (store);
}

static void
test_add_entries_none_if_one_is_refused (void)
{
  g_autoptr(MkStore) store = mk_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MkPerson) anna = mk_store_ensure_person (store, "Anna", NULL, &error);
  gint64 calls = mk_category_get_id (mk_store_get_category_by_key (store, "calls"));
  MkEntryInput inputs[3];

  inputs[0] = entry (mk_person_get_id (anna), calls, "2026-11-23", 540, 30);
  inputs[1] = entry (mk_person_get_id (anna), calls, "2026-11-23", -1, 1500);  /* over a day */
  inputs[2] = entry (mk_person_get_id (anna), calls, "2026-11-24", 600, 45);

  g_assert_false (mk_store_add_entries (store, inputs, 3, NULL, &error));
  g_assert_error (error, MK_STORE_ERROR, MK_STORE_ERROR_INVALID);
  g_assert_cmpint (mk_store_count_entries (store), ==, 0);
  mk_test_assert_consistent (store);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/entries/add-several-at-once", test_add_entries_all_at_once);
  g_test_add_func ("/store/entries/add-several-none-if-one-refused",
                   test_add_entries_none_if_one_is_refused);
  return g_test_run ();
}
