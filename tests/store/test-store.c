/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-store.c — the SQLite store: opening, people, categories, aliases,
 * entries and their rollups, settings, study, timer, the demo (the bulk,
 * the length histograms and the entry list have programs of their own). */
#include "config.h"

#include <sqlite3.h>
#include <sys/stat.h>

#include "mk-error.h"
#include "store-test-utils.h"

static char *
file_digest (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
}

/* Opening and migrations */

static void
test_open_creates_private_file (void)
{
  g_autofree char *path = mk_test_db_path ("sub/dir/new.db");
  g_autoptr(MkStore) store = NULL;
  g_autoptr(GError) error = NULL;
  struct stat st;

  store = mk_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (mk_test_query_int (path, "PRAGMA user_version"), ==, MK_STORE_SCHEMA_VERSION);
  g_assert_cmpint (mk_test_query_int (path, "PRAGMA journal_mode = wal") , >=, 0);
  g_assert_true (mk_store_is_empty (store));
}

static void
test_open_default_path (void)
{
  g_autoptr(MkStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "minutka",
                                                "minutka.db", NULL);

  store = mk_store_open (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mk_store_get_path (store), ==, expected);
  g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));
}

static void
test_open_reopen_keeps_data (void)
{
  g_autofree char *path = mk_test_db_path ("reopen.db");
  g_autoptr(GError) error = NULL;
  MkStore *store;

  g_unlink (path);
  store = mk_store_open (path, &error);
  g_assert_no_error (error);
  mk_test_add_entry (store, mk_test_person (store, "Anna"), "2026-11-23", 600, 30, "calls", "Acme");
  g_object_unref (store);

  store = mk_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mk_store_count_entries (store), ==, 1);
  mk_test_assert_consistent (store);
  g_object_unref (store);
}

static void
assert_refused (const char *path,
                int         code,
                const char *words)
{
  g_autofree char *before = file_digest (path);
  g_autofree char *after = NULL;
  g_autoptr(MkStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = mk_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, MK_STORE_ERROR, code);
  g_assert_nonnull (strstr (error->message, words));
  after = file_digest (path);
  g_assert_cmpstr (before, ==, after);
}

static void
test_open_refuses_png (void)
{
  static const guchar png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13,
                                'I', 'H', 'D', 'R', 0, 0, 0, 1, 0, 0, 0, 1 };
  g_autofree char *path = mk_test_db_path ("picture.png");

  g_assert_true (g_file_set_contents (path, (const char *) png, sizeof png, NULL));
  assert_refused (path, MK_STORE_ERROR_NOT_MINUTKA, "not an SQLite file");
}

static void
test_open_refuses_other_sqlite (void)
{
  g_autofree char *path = mk_test_db_path ("other.db");
  sqlite3 *db = NULL;

  g_unlink (path);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE invoices (n)", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  sqlite3_close (db);
  assert_refused (path, MK_STORE_ERROR_NOT_MINUTKA, "another program");
}

static void
test_open_refuses_newer (void)
{
  g_autofree char *path = mk_test_db_path ("newer.db");
  sqlite3 *db = NULL;

  g_unlink (path);
  g_object_unref (mk_store_open (path, NULL));
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 42",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  assert_refused (path, MK_STORE_ERROR_TOO_NEW, "newer Minutka");
}

static void
test_open_refuses_unwritable_place (void)
{
  g_autofree char *file = mk_test_db_path ("a-plain-file");
  g_autofree char *path = g_build_filename (file, "minutka.db", NULL);
  g_autoptr(MkStore) store = NULL;
  g_autoptr(GError) error = NULL;

  /* Nobody, root included, can create a file under a regular file (ENOTDIR),
   * on any machine; a chmod-ed folder would not stop root. */
  g_assert_true (g_file_set_contents (file, "not a folder\n", -1, NULL));
  store = mk_store_open (path, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  g_assert_true (error->domain == MK_STORE_ERROR);
  g_assert_nonnull (strstr (error->message, "--db"));
}

/* SQLite's busy timeout sleeps through the VFS (xSleep) between tries for
 * a lock.  A copy of the default VFS whose xSleep first says so lets a test
 * release a lock once a connection is really waiting for it: no guess at
 * how long "a moment" is. */
static struct {
  sqlite3_vfs  vfs;
  sqlite3_vfs *real;
  GMutex       lock;
  GCond        cond;
  gboolean     slept;
} waiting;

static int
waiting_sleep (sqlite3_vfs *vfs,
               int          usec)
{
  g_mutex_lock (&waiting.lock);
  waiting.slept = TRUE;
  g_cond_broadcast (&waiting.cond);
  g_mutex_unlock (&waiting.lock);
  return waiting.real->xSleep (waiting.real, usec);
}

static void
waiting_vfs_install (void)
{
  waiting.real = sqlite3_vfs_find (NULL);
  waiting.vfs = *waiting.real;
  waiting.vfs.zName = "minutka-test-waiting";
  waiting.vfs.xSleep = waiting_sleep;
  g_assert_cmpint (sqlite3_vfs_register (&waiting.vfs, 1), ==, SQLITE_OK);
}

static void
waiting_vfs_remove (void)
{
  g_assert_cmpint (sqlite3_vfs_register (waiting.real, 1), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_vfs_unregister (&waiting.vfs), ==, SQLITE_OK);
}

/* Commits the lock holder's transaction once another connection sleeps
 * waiting for it (a minute only if nobody ever waits: a hang). */
static gpointer
release_lock_when_waited_for (gpointer data)
{
  gint64 end = g_get_monotonic_time () + 60 * G_TIME_SPAN_SECOND;
  gboolean slept;

  g_mutex_lock (&waiting.lock);
  while (!waiting.slept && g_cond_wait_until (&waiting.cond, &waiting.lock, end))
    ;
  slept = waiting.slept;
  g_mutex_unlock (&waiting.lock);
  sqlite3_exec (data, "COMMIT", NULL, NULL, NULL);
  return GINT_TO_POINTER (slept);
}

static void
test_open_two_handles_wait (void)
{
  g_autofree char *path = mk_test_db_path ("shared.db");
  g_autoptr(MkStore) a = NULL;
  g_autoptr(MkStore) b = NULL;
  g_autoptr(GError) error = NULL;
  GThread *releaser;
  sqlite3 *db = NULL;
  gint64 anna;

  g_unlink (path);
  waiting_vfs_install ();
  a = mk_store_open (path, &error);
  g_assert_no_error (error);
  b = mk_store_open (path, &error);
  g_assert_no_error (error);
  anna = mk_test_person (a, "Anna");
  mk_test_add_entry (a, anna, "2026-11-23", 600, 30, "calls", "from the window");
  mk_test_add_entry (b, anna, "2026-11-23", 630, 15, "admin", "from the command line");

  /* Another program holds the write lock until the store has waited for
   * it (busy timeout): the store waits instead of failing. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN IMMEDIATE; INSERT INTO setting VALUES ('x', '1')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_mutex_lock (&waiting.lock);
  waiting.slept = FALSE;
  g_mutex_unlock (&waiting.lock);
  releaser = g_thread_new ("release", release_lock_when_waited_for, db);
  mk_test_add_entry (a, anna, "2026-11-23", 700, 20, "calls", "while locked");
  g_assert_true (GPOINTER_TO_INT (g_thread_join (releaser)));
  sqlite3_close (db);
  waiting_vfs_remove ();

  g_assert_cmpint (mk_store_count_entries (b), ==, 3);
  mk_test_assert_consistent (b);
}

static void
test_open_sees_other_connections (void)
{
  g_autofree char *path = mk_test_db_path ("two.db");
  g_autoptr(MkStore) a = NULL;
  g_autoptr(MkStore) b = NULL;
  g_autoptr(MkCategory) added = NULL;
  g_autoptr(GError) error = NULL;
  MkSettings settings;

  g_unlink (path);
  a = mk_store_open (path, &error);
  b = mk_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_null (mk_store_get_category_by_key (b, "demos"));

  /* Preferences in one window, analysis on another connection. */
  added = mk_store_add_category (a, "demos", "Demos", "#33d17a", MK_CATEGORY_KIND_SELLING, &error);
  mk_store_get_settings (a, &settings);
  settings.workday_minutes = 420;
  g_assert_true (mk_store_set_settings (a, &settings, &error));
  g_assert_no_error (error);

  g_assert_nonnull (mk_store_get_category_by_key (b, "demos"));
  g_assert_nonnull (mk_store_lookup_alias (b, "Demos"));
  mk_store_get_settings (b, &settings);
  g_assert_cmpint (settings.workday_minutes, ==, 420);
}

/* People */

static void
test_people_match_names_loosely (void)
{
  g_autoptr(MkStore) store = mk_test_store_new ();
  gint64 a = mk_test_person (store, "Анна Смирнова");
  g_autoptr(GListModel) people = NULL;

  g_assert_cmpint (mk_test_person (store, "  анна   СМИРНОВА "), ==, a);
  g_assert_cmpint (mk_test_person (store, "Anna Smirnova"), !=, a);
  people = mk_store_list_people (store, FALSE, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (people), ==, 2);
}

static void
test_people_email_is_the_key (void)
{
  g_autoptr(MkStore) store = mk_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MkPerson) by_name = mk_store_ensure_person (store, "Boris", NULL, &error);
  g_autoptr(MkPerson) learned = NULL;
  g_autoptr(MkPerson) by_email = NULL;
  g_autoptr(MkPerson) other_boris = NULL;

  /* First seen by name, then with an email: the same person learns it. */
  learned = mk_store_ensure_person (store, "boris", "Boris@Example.com ", &error);
  g_assert_no_error (error);
  g_assert_cmpint (mk_person_get_id (learned), ==, mk_person_get_id (by_name));
  g_assert_cmpstr (mk_person_get_email (learned), ==, "boris@example.com");

  /* The email finds him under another spelling of the name. */
  by_email = mk_store_ensure_person (store, "Petrov Boris", "BORIS@example.com", &error);
  g_assert_cmpint (mk_person_get_id (by_email), ==, mk_person_get_id (by_name));

  /* Another Boris with another email is another person. */
  other_boris = mk_store_ensure_person (store, "Boris", "boris.k@example.com", &error);
  g_assert_no_error (error);
  g_assert_cmpint (mk_person_get_id (other_boris), !=, mk_person_get_id (by_name));
}

static void
test_people_bad_input (void)
{
  g_autoptr(MkStore) store = mk_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MkPerson) nobody = mk_store_ensure_person (store, "   ", NULL, &error);
  gint64 a = mk_test_person (store, "Anna");
  gint64 b = mk_test_person (store, "Boris");

  g_assert_null (nobody);
  g_assert_error (error, MK_STORE_ERROR, MK_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "name"));
  g_clear_error (&error);

  g_assert_false (mk_store_update_person (store, a, "", NULL, MK_LEVEL_NONE, NULL, FALSE, &error));
  g_assert_error (error, MK_STORE_ERROR, MK_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (mk_store_update_person (store, a, "Anna S.", "anna@example.com",
                                         MK_LEVEL_SENIOR, "North", FALSE, &error));
  g_assert_false (mk_store_update_person (store, b, "Boris", "ANNA@example.com",
                                          MK_LEVEL_NONE, NULL, FALSE, &error));
  g_assert_error (error, MK_STORE_ERROR, MK_STORE_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "Anna S."));
  g_clear_error (&error);

  g_assert_false (mk_store_merge_people (store, a, a, &error));
  g_assert_error (error, MK_STORE_ERROR, MK_STORE_ERROR_INVALID);
}

static void
test_people_merge_moves_entries (void)
{
  g_autoptr(MkStore) store = mk_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) people = NULL;
  gint64 a = mk_test_person (store, "Anna Smirnova");
  gint64 b = mk_test_person (store, "Smirnova Anna");

  mk_test_add_entry (store, a, "2026-11-23", 600, 30, "calls", "Acme");
  mk_test_add_entry (store, b, "2026-11-23", 640, 20, "calls", "Globex");
  mk_test_add_entry (store, b, "2026-11-24", 700, 45, "admin", "CRM");

  g_assert_true (mk_store_merge_people (store, a, b, &error));
  g_assert_no_error (error);
  people = mk_store_list_people (store, TRUE, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (people), ==, 1);
  g_assert_cmpint (mk_store_count_entries (store), ==, 3);
  mk_test_assert_consistent (store);
}

/* Categories and aliases */

static void
test_categories_builtin (void)
{
  static const char *keys[] = { "calls", "follow_up", "admin", "meetings", "travel",
                                "training", "other" };
  g_autoptr(MkStore) store = mk_test_store_new ();
  g_autoptr(GListModel) list = mk_store_list_categories (store, FALSE);

  g_assert_cmpuint (g_list_model_get_n_items (list), ==, G_N_ELEMENTS (keys));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autoptr(MkCategory) c = g_list_model_get_item (list, i);

      g_assert_cmpstr (mk_category_get_key (c), ==, keys[i]);
      g_assert_cmpuint (strlen (mk_category_get_color (c)), ==, 7);
    }
  g_assert_cmpstr (mk_category_get_name (mk_store_get_category_by_key (store, "follow_up")), ==,
                   "Follow-ups");
  g_assert_cmpfloat (mk_category_get_target_min (mk_store_get_category_by_key (store, "calls")),
                     ==, 0.35);
  g_assert_cmpfloat (mk_category_get_target_max (mk_store_get_category_by_key (store, "admin")),
                     ==, 0.20);
  g_assert_cmpint (mk_category_get_kind (mk_store_get_category_by_key (store, "admin")), ==,
                   MK_CATEGORY_KIND_NON_SELLING);
}

static void
test_aliases_both_languages (void)
{
  static const struct { const char *word; const char *key; } cases[] = {
    { "calls", "calls" }, { "Call", "calls" }, { "PHONE", "calls" }, { "звонок", "calls" },
    { "Звонки", "calls" }, { "follow-up", "follow_up" }, { "Follow Up", "follow_up" },
    { "callback", "follow_up" }, { "перезвон", "follow_up" }, { "перезвоны", "follow_up" },
    { "КП", "follow_up" }, { "admin", "admin" }, { "CRM", "admin" }, { "report", "admin" },
    { "отчёт", "admin" }, { "отчет", "admin" }, { "администрирование", "admin" },
    { "meeting", "meetings" }, { "встреча", "meetings" }, { "совещание", "meetings" },
    { "планёрка", "meetings" }, { "планерка", "meetings" }, { "Meetings", "meetings" },
    { "  follow   up ", "follow_up" }, { "Follow-ups", "follow_up" }, { "other", "other" },
  };
  g_autoptr(MkStore) store = mk_test_store_new ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      MkCategory *c = mk_store_lookup_alias (store, cases[i].word);

      g_assert_nonnull (c);
      g_assert_cmpstr (mk_category_get_key (c), ==, cases[i].key);
    }
  g_assert_null (mk_store_lookup_alias (store, "Перезвоны клиентам Q4"));
  g_assert_null (mk_store_lookup_alias (store, ""));
}

static void
test_aliases_added_by_user (void)
{
  g_autoptr(MkStore) store = mk_test_store_new ();
  g_autoptr(GError) error = NULL;
  MkCategory *follow = mk_store_get_category_by_key (store, "follow_up");

  g_assert_true (mk_store_add_alias (store, "Дожим", mk_category_get_id (follow), &error));
  g_assert_no_error (error);
  g_assert_true (mk_store_lookup_alias (store, "дожим") == follow);
  g_assert_false (mk_store_add_alias (store, "  ", mk_category_get_id (follow), &error));
  g_assert_error (error, MK_STORE_ERROR, MK_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (mk_store_add_alias (store, "x", 9999, &error));
  g_assert_error (error, MK_STORE_ERROR, MK_STORE_ERROR_NOT_FOUND);
}

static void
test_categories_add_and_update (void)
{
  g_autoptr(MkStore) store = mk_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MkCategory) demo = NULL;
  g_autoptr(MkCategory) bad = NULL;
  MkCategory *reread;

  demo = mk_store_add_category (store, "demo_prep", "Demo prep", "#33d17a",
                                MK_CATEGORY_KIND_SUPPORTING, &error);
  g_assert_no_error (error);
  g_assert_true (mk_store_lookup_alias (store, "demo prep") ==
                 mk_store_get_category_by_key (store, "demo_prep"));

  bad = mk_store_add_category (store, "Demo Prep!", "x", "#33d17a", MK_CATEGORY_KIND_SELLING,
                               &error);
  g_assert_null (bad);
  g_assert_error (error, MK_STORE_ERROR, MK_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (mk_store_add_category (store, "calls", "Calls again", "#000000",
                                        MK_CATEGORY_KIND_SELLING, &error));
  g_assert_error (error, MK_STORE_ERROR, MK_STORE_ERROR_EXISTS);
  g_clear_error (&error);

  g_assert_true (mk_store_update_category (store, mk_category_get_id (demo), "Demos", "#ff7800",
                                           MK_CATEGORY_KIND_SELLING, 0.05, 0.25, 3, FALSE,
                                           &error));
  reread = mk_store_get_category (store, mk_category_get_id (demo));
  g_assert_cmpstr (mk_category_get_name (reread), ==, "Demos");
  g_assert_cmpfloat (mk_category_get_target_max (reread), ==, 0.25);
  g_assert_false (mk_store_update_category (store, mk_category_get_id (demo), "Demos", "red",
                                            MK_CATEGORY_KIND_SELLING, -1, -1, 3, FALSE, &error));
  g_assert_error (error, MK_STORE_ERROR, MK_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (mk_store_update_category (store, mk_category_get_id (demo), "Demos", "#ff7800",
                                            MK_CATEGORY_KIND_SELLING, 0.5, 0.2, 3, FALSE, &error));
  g_assert_error (error, MK_STORE_ERROR, MK_STORE_ERROR_INVALID);
}

/* Entries */

static void
test_entries_validation_messages (void)
{
  g_autoptr(MkStore) store = mk_test_store_new ();
  gint64 anna = mk_test_person (store, "Anna");
  gint64 calls = mk_category_get_id (mk_store_get_category_by_key (store, "calls"));
  const struct {
    MkEntryInput input;
    const char *words;
  } cases[] = {
    { { anna, "2026-11-23", 600, 0, calls, "t" }, "at least 1 minute" },
    { { anna, "2026-11-23", 600, 1441, calls, "t" }, "longer than a day" },
    { { anna, "2026-02-31", 600, 30, calls, "t" }, "not a date" },
    { { anna, "31.01.2026", 600, 30, calls, "t" }, "YYYY-MM-DD" },
    { { anna, NULL, 600, 30, calls, "t" }, "not a date" },
    { { anna, "2026-11-23", 1440, 30, calls, "t" }, "start time" },
    { { anna, "2026-11-23", 600, 30, 9999, "t" }, "category" },
    { { 9999, "2026-11-23", 600, 30, calls, "t" }, "person" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (mk_store_add_entry (store, &cases[i].input, &error), ==, 0);
      g_assert_error (error, MK_STORE_ERROR, MK_STORE_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, cases[i].words));
    }
  {
    g_autoptr(GError) error = NULL;

    g_assert_cmpint (mk_store_add_entry (store, NULL, &error), ==, 0);
    g_assert_error (error, MK_STORE_ERROR, MK_STORE_ERROR_INVALID);
  }
  g_assert_cmpint (mk_store_count_entries (store), ==, 0);
  mk_test_assert_consistent (store);
}

typedef struct {
  int minutes;
  int entries;
  int prime;
  int timed;
} Totals;

static void
sum_cb (gint64 person_id, const char *day, gint64 category_id, int minutes, int n_entries,
        int prime_minutes, int timed_minutes, gpointer user_data)
{
  Totals *t = user_data;

  t->minutes += minutes;
  t->entries += n_entries;
  t->prime += prime_minutes;
  t->timed += timed_minutes;
}

static void
test_entries_rollups_follow_every_change (void)
{
  g_autoptr(MkStore) store = mk_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MkEntry) entry = NULL;
  gint64 anna = mk_test_person (store, "Anna");
  gint64 admin = mk_category_get_id (mk_store_get_category_by_key (store, "admin"));
  gint64 e1, e2, e3;
  MkEntryInput input;
  Totals t = { 0 };

  /* 30 minutes in prime time, then none. */
  e1 = mk_test_add_entry (store, anna, "2026-11-23", 9 * 60 + 30, 60, "calls", "Acme");
  e2 = mk_test_add_entry (store, anna, "2026-11-23", 13 * 60, 30, "admin", "CRM");
  e3 = mk_test_add_entry (store, anna, "2026-11-24", -1, 45, "calls", "no start time");
  mk_test_assert_consistent (store);
  g_assert_true (mk_store_foreach_day_total (store, "2026-11-01", "2026-11-30", sum_cb, &t,
                                             &error));
  g_assert_cmpint (t.minutes, ==, 135);
  g_assert_cmpint (t.entries, ==, 3);
  g_assert_cmpint (t.prime, ==, 30);
  g_assert_cmpint (t.timed, ==, 90);

  /* Edit: move the admin block into prime time and make it longer. */
  entry = mk_store_get_entry (store, e2, &error);
  mk_entry_to_input (entry, &input);
  input.start = 14 * 60 + 30;
  input.minutes = 50;
  g_assert_true (mk_store_update_entry (store, e2, &input, &error));
  g_assert_no_error (error);
  mk_test_assert_consistent (store);

  g_assert_true (mk_store_recategorise_entries (store, (gint64[]) { e1, e3 }, 2, admin, &error));
  mk_test_assert_consistent (store);

  g_assert_true (mk_store_delete_entry (store, e1, &error));
  mk_test_assert_consistent (store);
  g_assert_false (mk_store_delete_entry (store, e1, &error));
  g_assert_error (error, MK_STORE_ERROR, MK_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Undo the delete the way the GUI does. */
  {
    g_autoptr(MkEntry) gone = mk_store_get_entry (store, e3, &error);

    mk_entry_to_input (gone, &input);
    g_assert_true (mk_store_delete_entries (store, &e3, 1, &error));
    g_assert_cmpint (mk_store_add_entry (store, &input, &error), >, 0);
  }
  memset (&t, 0, sizeof t);
  g_assert_true (mk_store_foreach_day_total (store, "2026-11-01", "2026-11-30", sum_cb, &t,
                                             &error));
  g_assert_cmpint (t.minutes, ==, 95);
  g_assert_cmpint (t.entries, ==, 2);
  g_assert_cmpint (t.prime, ==, 50);
  mk_test_assert_consistent (store);
}

static void
test_entries_prime_hours_change_recomputes (void)
{
  g_autoptr(MkStore) store = mk_test_store_new ();
  g_autoptr(GError) error = NULL;
  gint64 anna = mk_test_person (store, "Anna");
  MkSettings settings;
  Totals t = { 0 };

  mk_test_add_entry (store, anna, "2026-11-23", 9 * 60, 120, "admin", "CRM");   /* 09:00–11:00 */
  mk_store_get_settings (store, &settings);
  settings.n_prime = 1;
  settings.prime[0].start = 9 * 60;
  settings.prime[0].end = 10 * 60;
  g_assert_true (mk_store_set_settings (store, &settings, &error));
  g_assert_no_error (error);
  g_assert_true (mk_store_foreach_day_total (store, "2026-11-23", "2026-11-23", sum_cb, &t,
                                             &error));
  g_assert_cmpint (t.prime, ==, 60);
  mk_test_assert_consistent (store);
}

/* Settings, study, timer */

static void
test_settings_round_trip (void)
{
  g_autofree char *path = mk_test_db_path ("settings.db");
  g_autoptr(GError) error = NULL;
  MkSettings s, back;
  MkStore *store;

  g_unlink (path);
  store = mk_store_open (path, &error);
  mk_store_get_settings (store, &s);
  g_assert_cmpint (s.workday_minutes, ==, 480);
  g_assert_cmpuint (s.n_prime, ==, 2);
  s.workday_minutes = 450;
  s.over_points = 12.5;
  s.min_coverage = 0.5;
  g_assert_true (mk_store_set_settings (store, &s, &error));
  s.workday_minutes = 20;
  g_assert_false (mk_store_set_settings (store, &s, &error));
  g_assert_error (error, MK_STORE_ERROR, MK_STORE_ERROR_INVALID);
  g_clear_error (&error);
  s.workday_minutes = 450;
  s.prime[1].start = 11 * 60;   /* 10:00–12:00 and 11:00–17:00 overlap */
  g_assert_false (mk_store_set_settings (store, &s, &error));
  g_assert_error (error, MK_STORE_ERROR, MK_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "overlap"));
  g_clear_error (&error);
  s.prime[1].start = 14 * 60;
  g_object_unref (store);

  store = mk_store_open (path, &error);
  mk_store_get_settings (store, &back);
  g_assert_cmpint (back.workday_minutes, ==, 450);
  g_assert_cmpfloat (back.over_points, ==, 12.5);
  g_assert_cmpfloat (back.min_coverage, ==, 0.5);
  g_assert_cmpint (back.prime[1].end, ==, 17 * 60);
  g_object_unref (store);
}

static void
test_study (void)
{
  g_autoptr(MkStore) store = mk_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL, *from = NULL, *to = NULL;

  g_assert_false (mk_store_get_study (store, NULL, NULL, NULL));
  g_assert_false (mk_store_set_study (store, "x", "2026-11-25", "2026-11-23", &error));
  g_assert_error (error, MK_STORE_ERROR, MK_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (mk_store_set_study (store, "November", "2026-11-23", "2026-11-25", &error));
  g_assert_true (mk_store_get_study (store, &name, &from, &to));
  g_assert_cmpstr (name, ==, "November");
  g_assert_cmpstr (from, ==, "2026-11-23");
  g_assert_cmpstr (to, ==, "2026-11-25");
  g_assert_true (mk_store_clear_study (store, &error));
  g_assert_false (mk_store_get_study (store, NULL, NULL, NULL));
}

static void
test_timer_survives_reopen (void)
{
  g_autofree char *path = mk_test_db_path ("timer.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) start = g_date_time_new_local (2026, 11, 23, 10, 5, 0);
  g_autoptr(GDateTime) stop = g_date_time_add_minutes (start, 42);
  g_autoptr(GDateTime) started = NULL;
  g_autoptr(MkEntry) entry = NULL;
  g_autofree char *task = NULL;
  MkStore *store;
  gint64 anna, id, calls;

  g_unlink (path);
  store = mk_store_open (path, &error);
  anna = mk_test_person (store, "Anna");
  calls = mk_category_get_id (mk_store_get_category_by_key (store, "calls"));
  g_assert_true (mk_store_start_timer (store, anna, calls, "Acme", start, &error));
  g_object_unref (store);

  store = mk_store_open (path, &error);
  g_assert_true (mk_store_get_timer (store, NULL, NULL, &task, &started));
  g_assert_cmpstr (task, ==, "Acme");
  g_assert_true (g_date_time_equal (started, start));
  id = mk_store_stop_timer (store, stop, &error);
  g_assert_no_error (error);
  entry = mk_store_get_entry (store, id, &error);
  g_assert_cmpstr (mk_entry_get_day (entry), ==, "2026-11-23");
  g_assert_cmpint (mk_entry_get_start (entry), ==, 10 * 60 + 5);
  g_assert_cmpint (mk_entry_get_minutes (entry), ==, 42);
  g_assert_cmpint (mk_entry_get_source (entry), ==, MK_ENTRY_SOURCE_TIMER);
  g_assert_false (mk_store_get_timer (store, NULL, NULL, NULL, NULL));
  g_assert_cmpint (mk_store_stop_timer (store, stop, &error), ==, 0);
  g_assert_error (error, MK_STORE_ERROR, MK_STORE_ERROR_NOT_FOUND);
  mk_test_assert_consistent (store);
  g_object_unref (store);
}

static void
test_demo_loads_once (void)
{
  g_autoptr(MkStore) store = mk_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) people = NULL;
  g_autofree char *from = NULL, *to = NULL;

  g_assert_true (mk_store_load_demo (store, NULL, &error));
  g_assert_no_error (error);
  people = mk_store_list_people (store, FALSE, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (people), ==, 8);
  g_assert_cmpint (mk_store_count_entries (store), >, 300);
  g_assert_true (mk_store_get_study (store, NULL, &from, &to));
  g_assert_cmpstr (from, ==, "2026-11-23");
  g_assert_cmpstr (to, ==, "2026-11-25");
  mk_test_assert_consistent (store);

  g_assert_false (mk_store_load_demo (store, NULL, &error));
  g_assert_error (error, MK_STORE_ERROR, MK_STORE_ERROR_EXISTS);
}

/* Issue 17: the demo never goes into a database that holds somebody's entries. */
static void
test_demo_refuses_entries (void)
{
  g_autoptr(MkStore) store = mk_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) people = NULL;

  mk_test_add_entry (store, mk_test_person (store, "Anna Petrova"), "2026-03-02", -1, 30, "calls",
                     "Acme");
  g_assert_false (mk_store_load_demo (store, NULL, &error));
  g_assert_error (error, MK_STORE_ERROR, MK_STORE_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "already holds entries"));
  g_assert_cmpint (mk_store_count_entries (store), ==, 1);
  people = mk_store_list_people (store, FALSE, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (people), ==, 1);
  g_assert_false (mk_store_get_study (store, NULL, NULL, NULL));
  mk_test_assert_consistent (store);
}

/* The window's demo: a database of its own, gone with its last reference. */
static void
test_demo_own_database (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  MkStore *demo = mk_store_open_demo (&error);

  g_assert_no_error (error);
  g_assert_nonnull (demo);
  g_assert_cmpint (mk_store_count_entries (demo), >, 300);
  mk_test_assert_consistent (demo);
  dir = g_path_get_dirname (mk_store_get_path (demo));
  base = g_path_get_basename (dir);
  g_assert_true (g_str_has_prefix (base, "minutka-demo-"));
  g_assert_true (g_file_test (mk_store_get_path (demo), G_FILE_TEST_IS_REGULAR));
  {
    GStatBuf st;

    g_assert_cmpint (g_stat (dir, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  }
  g_object_unref (demo);
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/open/creates-private-file", test_open_creates_private_file);
  g_test_add_func ("/store/open/default-path", test_open_default_path);
  g_test_add_func ("/store/open/reopen-keeps-data", test_open_reopen_keeps_data);
  g_test_add_func ("/store/open/refuses-png", test_open_refuses_png);
  g_test_add_func ("/store/open/refuses-other-sqlite", test_open_refuses_other_sqlite);
  g_test_add_func ("/store/migrate/refuses-newer", test_open_refuses_newer);
  g_test_add_func ("/store/open/refuses-unwritable-place", test_open_refuses_unwritable_place);
  g_test_add_func ("/store/open/two-handles-wait", test_open_two_handles_wait);
  g_test_add_func ("/store/open/sees-other-connections", test_open_sees_other_connections);
  g_test_add_func ("/store/people/match-names-loosely", test_people_match_names_loosely);
  g_test_add_func ("/store/people/email-is-the-key", test_people_email_is_the_key);
  g_test_add_func ("/store/people/bad-input", test_people_bad_input);
  g_test_add_func ("/store/people/merge-moves-entries", test_people_merge_moves_entries);
  g_test_add_func ("/store/categories/builtin", test_categories_builtin);
  g_test_add_func ("/store/categories/add-and-update", test_categories_add_and_update);
  g_test_add_func ("/store/aliases/both-languages", test_aliases_both_languages);
  g_test_add_func ("/store/aliases/added-by-user", test_aliases_added_by_user);
  g_test_add_func ("/store/entries/validation-messages", test_entries_validation_messages);
  g_test_add_func ("/store/entries/rollups-follow-every-change",
                   test_entries_rollups_follow_every_change);
  g_test_add_func ("/store/entries/prime-hours-change-recomputes",
                   test_entries_prime_hours_change_recomputes);
  g_test_add_func ("/store/settings/round-trip", test_settings_round_trip);
  g_test_add_func ("/store/study/set-and-clear", test_study);
  g_test_add_func ("/store/timer/survives-reopen", test_timer_survives_reopen);
  g_test_add_func ("/store/demo/loads-once", test_demo_loads_once);
  g_test_add_func ("/store/demo/refuses-entries", test_demo_refuses_entries);
  g_test_add_func ("/store/demo/own-database", test_demo_own_database);

  return g_test_run ();
}
