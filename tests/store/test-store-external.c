/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-store-external.c — a store notices other connections' commits, and
 * tells where imported entries came from.
 *
 * Two MkStore objects on one file stand for the window and another program
 * (`minutka --import`, a second window).  What a user would notice: the
 * window refreshes once after the other program's change, not at all when
 * nothing happened or when it made the change itself, and its cached
 * categories follow.  Import batches: the file's name and the import time
 * for an entry's batch id, read once for the many rows of one file.
 */
#include "config.h"

#include "mk-entry-list.h"
#include "mk-importer.h"
#include "mk-store-batches.h"
#include "store-test-utils.h"

typedef struct {
  char    *path;
  MkStore *window;  /* the store a window would hold */
  MkStore *other;   /* another program's connection */
  guint    changed; /* "changed" emissions on window */
} Fixture;

static void
count_changed_cb (MkStore *store,
                  gpointer user_data)
{
  ((Fixture *) user_data)->changed++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->path = mk_test_db_path ("external.db");
  g_unlink (f->path);
  f->window = mk_store_open (f->path, &error);
  g_assert_no_error (error);
  f->other = mk_store_open (f->path, &error);
  g_assert_no_error (error);
  g_signal_connect (f->window, "changed", G_CALLBACK (count_changed_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->other);
  g_clear_object (&f->window);
  g_unlink (f->path);
  g_free (f->path);
}

static gint64
add_entry (MkStore    *store,
           const char *person,
           const char *task,
           int         minutes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MkPerson) who = mk_store_ensure_person (store, person, NULL, &error);
  MkEntryInput input = {
    .day = "2026-03-02",
    .start = -1,
    .minutes = minutes,
    .category_id = mk_category_get_id (mk_store_get_category_by_key (store, "calls")),
    .task = task,
    .source = MK_ENTRY_SOURCE_MANUAL,
  };
  gint64 id;

  g_assert_no_error (error);
  input.person_id = mk_person_get_id (who);
  id = mk_store_add_entry (store, &input, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
test_external_write_seen (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(MkEntry) seen = NULL;
  gint64 id;

  /* Nothing has happened yet: no refresh. */
  g_assert_false (mk_store_check_external (f->window));
  g_assert_cmpuint (f->changed, ==, 0);

  id = add_entry (f->other, "Anna Petrova", "Intro call", 30);

  /* The window hears of it once, and can read the new entry then. */
  g_assert_true (mk_store_check_external (f->window));
  g_assert_cmpuint (f->changed, ==, 1);
  g_assert_cmpint (mk_store_count_entries (f->window), ==, 1);
  seen = mk_store_get_entry (f->window, id, NULL);
  g_assert_nonnull (seen);
  g_assert_cmpstr (mk_entry_get_task (seen), ==, "Intro call");

  /* Asking again without another change does not refresh again. */
  g_assert_false (mk_store_check_external (f->window));
  g_assert_false (mk_store_check_external (f->window));
  g_assert_cmpuint (f->changed, ==, 1);

  /* Two commits before the next look are one refresh. */
  add_entry (f->other, "Anna Petrova", "Follow-up", 15);
  add_entry (f->other, "Boris Ivanov", "Call", 20);
  g_assert_true (mk_store_check_external (f->window));
  g_assert_false (mk_store_check_external (f->window));
  g_assert_cmpuint (f->changed, ==, 2);
  g_assert_cmpint (mk_store_count_entries (f->window), ==, 3);
}

static void
test_external_first_check (Fixture       *f,
                           gconstpointer  data)
{
  /* A change between opening and the first look is not missed. */
  add_entry (f->other, "Anna Petrova", "Intro call", 30);
  g_assert_true (mk_store_check_external (f->window));
  g_assert_cmpuint (f->changed, ==, 1);
  g_assert_false (mk_store_check_external (f->window));
}

static void
test_external_own_writes (Fixture       *f,
                          gconstpointer  data)
{
  guint own;

  g_assert_false (mk_store_check_external (f->window));

  /* The window's own changes (a new person, an entry) emit "changed" from
   * the store itself; the check adds nothing. */
  add_entry (f->window, "Anna Petrova", "Intro call", 30);
  own = f->changed;
  g_assert_cmpuint (own, >=, 1);
  g_assert_false (mk_store_check_external (f->window));
  g_assert_cmpuint (f->changed, ==, own);

  /* The other connection sees the window's change, once. */
  g_assert_true (mk_store_check_external (f->other));
  g_assert_false (mk_store_check_external (f->other));
}

static void
test_external_announced_once (Fixture       *f,
                              gconstpointer  data)
{
  g_assert_false (mk_store_check_external (f->window));

  /* An import's worker commits on its own connection, then the window's
   * store is told ("changed" emitted by mk_importer_run_finish()): the next
   * check must not refresh a second time. */
  add_entry (f->other, "Anna Petrova", "Intro call", 30);
  g_signal_emit_by_name (f->window, "changed");
  g_assert_cmpuint (f->changed, ==, 1);
  g_assert_false (mk_store_check_external (f->window));
  g_assert_cmpuint (f->changed, ==, 1);
}

static void
test_external_categories_follow (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  MkCategory *calls = mk_store_get_category_by_key (f->other, "calls");
  g_autoptr(GListModel) categories = NULL;
  gboolean found = FALSE;

  g_assert_false (mk_store_check_external (f->window));
  g_assert_true (mk_store_update_category (f->other, mk_category_get_id (calls), "Phone calls",
                                           "#ff0000", mk_category_get_kind (calls),
                                           mk_category_get_target_min (calls),
                                           mk_category_get_target_max (calls),
                                           mk_category_get_sort_order (calls), FALSE, &error));
  g_assert_no_error (error);

  /* By the time the window's pages hear "changed", the cached categories
   * already have the new name. */
  g_assert_true (mk_store_check_external (f->window));
  categories = mk_store_list_categories (f->window, FALSE);
  for (guint i = 0; i < g_list_model_get_n_items (categories); i++)
    {
      g_autoptr(MkCategory) category = g_list_model_get_item (categories, i);

      if (g_strcmp0 (mk_category_get_key (category), "calls") == 0)
        {
          g_assert_cmpstr (mk_category_get_name (category), ==, "Phone calls");
          g_assert_cmpstr (mk_category_get_color (category), ==, "#ff0000");
          found = TRUE;
        }
    }
  g_assert_true (found);
}

/* Reads the settings on the window in a "changed" handler, as the Analysis
 * page does, to see what the handlers see. */
static void
read_workday_cb (MkStore *store,
                 gpointer user_data)
{
  MkSettings settings;

  mk_store_get_settings (store, &settings);
  *(int *) user_data = settings.workday_minutes;
}

static void
test_external_settings_follow (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  MkSettings settings;
  int workday = 0;

  g_signal_connect (f->window, "changed", G_CALLBACK (read_workday_cb), &workday);
  mk_store_get_settings (f->other, &settings);
  settings.workday_minutes = 420;
  g_assert_true (mk_store_set_settings (f->other, &settings, &error));
  g_assert_no_error (error);

  g_assert_true (mk_store_check_external (f->window));
  g_assert_cmpint (workday, ==, 420);
}

/* Import batches */

static const char timesheet_csv[] =
  "date,start,minutes,category,person,email,task\n"
  "2026-03-02,09:00,30,calls,Anna Petrova,anna@example.com,Intro call\n"
  "2026-03-02,09:30,15,admin,Anna Petrova,anna@example.com,CRM\n"
  "2026-03-03,10:00,45,calls,Boris Ivanov,,Demo\n";

static gint64
import_csv (MkStore    *store,
            const char *display_name,
            const char *text)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  g_autoptr(MkImportResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (mk_importer_run_bytes (store, bytes, display_name, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpint (result->batch_id, >, 0);
  return result->batch_id;
}

static void
test_batches_name_and_time (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GDateTime) before = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) after = NULL;
  g_autoptr(GDateTime) before_second = NULL;
  g_autoptr(GListModel) entries = NULL;
  const MkImportBatch *batch;
  const MkImportBatch *second;
  gint64 id;

  /* Seconds are what the database keeps. */
  /* In whole microseconds: the seconds as a double (x / 1e6) could leave a
   * sliver of a microsecond above the whole second, and the test failed
   * now and then. */
  before_second = g_date_time_add (before, -(GTimeSpan) g_date_time_get_microsecond (before));
  id = import_csv (f->other, "timesheet-march.csv", timesheet_csv);
  after = g_date_time_new_now_utc ();

  batch = mk_store_get_import_batch (f->window, id);
  g_assert_nonnull (batch);
  g_assert_cmpint (batch->id, ==, id);
  g_assert_cmpstr (batch->file_name, ==, "timesheet-march.csv");
  g_assert_nonnull (batch->imported_at);
  g_assert_cmpint (g_date_time_compare (batch->imported_at, before_second), >=, 0);
  g_assert_cmpint (g_date_time_compare (batch->imported_at, after), <=, 0);

  /* The same answer, the same memory, for every row of the file. */
  g_assert_true (mk_store_get_import_batch (f->window, id) == batch);

  /* Every imported entry names that batch. */
  entries = G_LIST_MODEL (mk_entry_list_new (f->window));
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(MkEntry) entry = g_list_model_get_item (entries, i);

      g_assert_cmpint (mk_entry_get_source (entry), ==, MK_ENTRY_SOURCE_IMPORT);
      g_assert_true (mk_store_get_import_batch (f->window, mk_entry_get_batch_id (entry)) ==
                     batch);
    }

  /* A second file is told apart from the first. */
  second = mk_store_get_import_batch (f->window,
                                      import_csv (f->other, "april.csv",
                                                  "date,minutes,category,person,task\n"
                                                  "2026-04-01,60,meetings,Anna Petrova,Team\n"));
  g_assert_nonnull (second);
  g_assert_cmpstr (second->file_name, ==, "april.csv");
  g_assert_cmpstr (batch->file_name, ==, "timesheet-march.csv");
}

static void
test_batches_unknown (Fixture       *f,
                      gconstpointer  data)
{
  gint64 id;

  g_assert_null (mk_store_get_import_batch (f->window, 0));
  g_assert_null (mk_store_get_import_batch (f->window, -3));
  g_assert_null (mk_store_get_import_batch (f->window, 1));

  /* Not found once is not "never": a batch committed later is found. */
  id = import_csv (f->other, "late.csv", timesheet_csv);
  g_assert_cmpint (id, ==, 1);
  g_assert_nonnull (mk_store_get_import_batch (f->window, id));
  g_assert_cmpstr (mk_store_get_import_batch (f->window, id)->file_name, ==, "late.csv");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/store/external/other-write-seen-once", test_external_write_seen);
  ADD ("/store/external/change-before-first-check", test_external_first_check);
  ADD ("/store/external/own-writes-not-external", test_external_own_writes);
  ADD ("/store/external/announced-change-not-repeated", test_external_announced_once);
  ADD ("/store/external/categories-follow", test_external_categories_follow);
  ADD ("/store/external/settings-follow", test_external_settings_follow);
  ADD ("/store/batches/file-name-and-time", test_batches_name_and_time);
  ADD ("/store/batches/unknown-id", test_batches_unknown);

#undef ADD

  return g_test_run ();
}
