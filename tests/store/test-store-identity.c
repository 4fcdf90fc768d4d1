/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-store-identity.c — every entry, person, category and import batch
 * has an identity (a UUID) from its creation: the migration of a real
 * version 2 file, new rows, edits and undo, and duplicates in a bulk. */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "mk-error.h"
#include "mk-store-bulk.h"
#include "mk-store-private.h"
#include "mk-uuid.h"
#include "store-test-utils.h"

/* What a version 2 file holds, column by column (no identities). */
static const char *const v2_contents[] = {
  "SELECT id, name, name_key, email, level, team, archived FROM person ORDER BY id",
  "SELECT id, key, name, color, class, target_min, target_max, sort_order, archived "
  "FROM category ORDER BY id",
  "SELECT alias, category_id FROM category_alias ORDER BY alias",
  "SELECT id, file_name, sha256, preset, rows_read, imported, duplicates, skipped, rejected, "
  "created FROM import_batch ORDER BY id",
  "SELECT id, person_id, day, start, minutes, category_id, task, source, batch_id, "
  "fingerprint, created, updated FROM entry ORDER BY id",
  "SELECT person_id, day, category_id, minutes, entries, prime_minutes, timed_minutes, "
  "hex(lengths) FROM day_total ORDER BY person_id, day, category_id",
  "SELECT * FROM study ORDER BY id",
  "SELECT * FROM setting ORDER BY key",
  "SELECT * FROM timer",
};

/* Per table with identities: its rows, and its rows with a distinct one. */
static const char *const identified_counts[][2] = {
  { "SELECT count(*) FROM person",
    "SELECT count(DISTINCT uuid) FROM person WHERE length(uuid) = 16" },
  { "SELECT count(*) FROM category",
    "SELECT count(DISTINCT uuid) FROM category WHERE length(uuid) = 16" },
  { "SELECT count(*) FROM import_batch",
    "SELECT count(DISTINCT uuid) FROM import_batch WHERE length(uuid) = 16" },
  { "SELECT count(*) FROM entry",
    "SELECT count(DISTINCT uuid) FROM entry WHERE length(uuid) = 16" },
};

static sqlite3 *
open_raw (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  return db;
}

/* Every row of @sql, each value quoted, one row a line. */
static char *
dump (sqlite3    *db,
      const char *sql)
{
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        g_string_append_printf (out, "%s%s", i ? "|" : "",
                                sqlite3_column_type (stmt, i) == SQLITE_NULL
                                ? "NULL" : (const char *) sqlite3_column_text (stmt, i));
      g_string_append_c (out, '\n');
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
dump_all (const char *path)
{
  sqlite3 *db = open_raw (path);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (v2_contents); i++)
    {
      g_autofree char *part = dump (db, v2_contents[i]);

      g_string_append (out, part);
      g_string_append (out, "--\n");
    }
  sqlite3_close (db);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static gint64
query_path (const char *path,
            const char *sql)
{
  sqlite3 *db = open_raw (path);
  gint64 value = query_int (db, sql);

  sqlite3_close (db);
  return value;
}

/* A copy of the version 2 file that Minutka 0.1 wrote (tests/data/README). */
static char *
copy_v2_file (const char *name)
{
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "data", "store",
                                                   "v2-demo.db", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  char *path = mk_test_db_path (name);
  gsize len = 0;

  g_assert_true (g_file_get_contents (source, &contents, &len, &error));
  g_assert_no_error (error);
  g_unlink (path);
  g_assert_true (g_file_set_contents_full (path, contents, (gssize) len,
                                           G_FILE_SET_CONTENTS_NONE, 0600, &error));
  g_assert_no_error (error);
  return path;
}

/* "Every row has a 16-byte identity, and no two share one." */
static void
assert_identified (sqlite3 *db)
{
  for (guint i = 0; i < G_N_ELEMENTS (identified_counts); i++)
    {
      gint64 n = query_int (db, identified_counts[i][0]);

      g_assert_cmpint (n, >, 0);
      g_assert_cmpint (query_int (db, identified_counts[i][1]), ==, n);
    }
}

/* The identity a category key has in every Minutka database, as hex. */
static char *
builtin_hex (const char *key)
{
  g_autofree char *name = g_strconcat ("category:", key, NULL);
  g_autoptr(GString) hex = g_string_new (NULL);
  MkUuid uuid;

  mk_uuid_for_name (name, &uuid);
  for (guint i = 0; i < sizeof uuid.bytes; i++)
    g_string_append_printf (hex, "%02X", uuid.bytes[i]);
  return g_string_free (g_steal_pointer (&hex), FALSE);
}

static void
assert_builtin_identities (sqlite3 *db)
{
  static const char *const keys[] = {
    "calls", "follow_up", "admin", "meetings", "travel", "training", "other",
  };

  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT hex(uuid) FROM category WHERE key = ?", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autofree char *want = builtin_hex (keys[i]);

      sqlite3_bind_text (stmt, 1, keys[i], -1, SQLITE_STATIC);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, want);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
}

static void
test_migrate_v2_file (void)
{
  g_autofree char *path = copy_v2_file ("v2.db");
  g_autofree char *before = dump_all (path);
  g_autofree char *after = NULL;
  g_autofree char *uuids = NULL;
  g_autofree char *uuids_again = NULL;
  g_autoptr(MkStore) store = NULL;
  g_autoptr(MkEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;
  gint64 n_entries;

  g_assert_cmpint (query_path (path, "PRAGMA user_version"), ==, 2);
  n_entries = query_path (path, "SELECT count(*) FROM entry");
  g_assert_cmpint (n_entries, ==, 549);

  store = mk_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mk_store_count_entries (store), ==, n_entries);
  mk_test_assert_consistent (store);

  /* Everything that was there is there, value for value. */
  after = dump_all (path);
  g_assert_cmpstr (after, ==, before);

  db = open_raw (path);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, MK_STORE_SCHEMA_VERSION);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM pragma_integrity_check "
                                  "WHERE integrity_check <> 'ok'"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
  assert_identified (db);
  assert_builtin_identities (db);
  /* New identities are version 7; the user's own category is not built in. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM entry WHERE substr(hex(uuid), 13, 1) "
                                  "= '7'"), ==, n_entries);
  g_assert_cmpint (query_int (db, "SELECT substr(hex(uuid), 13, 1) = '7' FROM category "
                                  "WHERE key = 'demos'"), ==, 1);
  /* An identity is required, and unique. */
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO person (name, name_key) VALUES ('X', 'x')",
                                 NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO entry (person_id, day, minutes, category_id, "
                                 "uuid) SELECT person_id, day, 5, category_id, uuid FROM entry "
                                 "LIMIT 1", NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);
  uuids = dump (db, "SELECT id, hex(uuid) FROM entry ORDER BY id");
  sqlite3_close (db);

  /* The store reads them, finds entries by them, and the file keeps them. */
  entry = mk_store_get_entry (store, 549, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mk_entry_get_task (entry), ==, "=demo for Initech");
  g_assert_true (mk_uuid_is_valid (mk_entry_get_uuid (entry)));
  g_assert_cmpint (mk_store_find_entry (store, mk_entry_get_uuid (entry), NULL), ==, 549);
  g_clear_object (&store);
  store = mk_store_open (path, &error);
  g_assert_no_error (error);
  db = open_raw (path);
  uuids_again = dump (db, "SELECT id, hex(uuid) FROM entry ORDER BY id");
  sqlite3_close (db);
  g_assert_cmpstr (uuids_again, ==, uuids);
}

/* The migration is one transaction: when a step of it fails, the file
 * stays the version 2 file it was. */
static void
test_migrate_failure_leaves_file (void)
{
  g_autofree char *path = copy_v2_file ("v2-blocked.db");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(MkStore) store = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db = open_raw (path);

  /* The entry table's copy cannot be made: the three tables copied before
   * it must come back as they were. */
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE entry_v3 (x)", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  sqlite3_close (db);
  before = dump_all (path);

  store = mk_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, MK_STORE_ERROR, MK_STORE_ERROR_FAILED);

  after = dump_all (path);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (query_path (path, "PRAGMA user_version"), ==, 2);
  g_assert_cmpint (query_path (path, "SELECT count(*) FROM pragma_table_info ('person') "
                                     "WHERE name = 'uuid'"), ==, 0);
  g_assert_cmpint (query_path (path, "SELECT count(*) FROM sqlite_schema WHERE name = "
                                     "'person_v3'"), ==, 0);
}

static MkEntryInput
calls_input (MkStore    *store,
             MkPerson   *person,
             const char *day)
{
  MkEntryInput in = { 0 };

  in.person_id = mk_person_get_id (person);
  in.day = day;
  in.start = 9 * 60;
  in.minutes = 20;
  in.category_id = mk_category_get_id (mk_store_get_category_by_key (store, "calls"));
  in.task = "call";
  return in;
}

static void
test_new_rows_have_one (void)
{
  g_autofree char *path = mk_test_db_path ("new.db");
  g_autoptr(MkStore) store = NULL;
  g_autoptr(MkPerson) anna = NULL;
  g_autoptr(MkPerson) boris = NULL;
  g_autoptr(MkCategory) demos = NULL;
  g_autoptr(GError) error = NULL;
  MkStoreBulk *bulk;
  MkEntryInput in;
  sqlite3 *db;

  g_unlink (path);
  store = mk_store_open (path, &error);
  g_assert_no_error (error);
  anna = mk_store_ensure_person (store, "Anna", NULL, &error);
  boris = mk_store_add_person (store, "Boris", "boris@example.com", MK_LEVEL_SENIOR, NULL,
                               &error);
  demos = mk_store_add_category (store, "demos", "Demos", "#123456", MK_CATEGORY_KIND_SELLING,
                                 &error);
  g_assert_no_error (error);
  in = calls_input (store, anna, "2026-11-23");
  g_assert_cmpint (mk_store_add_entry (store, &in, &error), >, 0);
  in = calls_input (store, boris, "2026-11-23");
  g_assert_true (mk_store_add_entries (store, &in, 1, NULL, &error));
  bulk = mk_store_bulk_begin (store, "a.csv", NULL, "generic", &error);
  g_assert_true (mk_store_bulk_add (bulk, &in, NULL, &error));
  g_assert_true (mk_store_bulk_commit (bulk, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mk_store_count_entries (store), ==, 3);

  db = open_raw (path);
  assert_identified (db);
  /* A new database gives the built-in categories the identities every
   * Minutka gives them (the migrated version 2 file above has the same). */
  assert_builtin_identities (db);
  sqlite3_close (db);
}

static void
test_kept_through_edit_and_undo (void)
{
  g_autoptr(MkStore) store = mk_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MkPerson) anna = mk_store_ensure_person (store, "Anna", NULL, &error);
  g_autoptr(MkEntry) before = NULL;
  g_autoptr(MkEntry) edited = NULL;
  g_autoptr(MkEntry) back = NULL;
  MkEntryInput in = calls_input (store, anna, "2026-11-23");
  MkEntryInput again;
  gint64 id, id_back;

  id = mk_store_add_entry (store, &in, &error);
  g_assert_no_error (error);
  before = mk_store_get_entry (store, id, &error);
  g_assert_true (mk_uuid_is_valid (mk_entry_get_uuid (before)));

  /* An edit keeps the identity, whatever the input says. */
  mk_entry_to_input (before, &in);
  in.minutes = 45;
  g_strlcpy (in.uuid, "0190a6b2-7c1e-7d3a-9f00-2b4c6d8e0a1c", sizeof in.uuid);
  g_assert_true (mk_store_update_entry (store, id, &in, &error));
  edited = mk_store_get_entry (store, id, &error);
  g_assert_cmpstr (mk_entry_get_uuid (edited), ==, mk_entry_get_uuid (before));
  g_assert_cmpint (mk_entry_get_minutes (edited), ==, 45);

  /* Deleted and put back (undo): the same entry, under a new row id. */
  g_assert_true (mk_store_delete_entry (store, id, &error));
  g_assert_cmpint (mk_store_find_entry (store, mk_entry_get_uuid (before), NULL), ==, 0);
  mk_entry_to_input (edited, &again);
  id_back = mk_store_add_entry (store, &again, &error);
  g_assert_no_error (error);
  back = mk_store_get_entry (store, id_back, &error);
  g_assert_cmpstr (mk_entry_get_uuid (back), ==, mk_entry_get_uuid (before));
  g_assert_cmpint (mk_store_find_entry (store, mk_entry_get_uuid (before), NULL), ==, id_back);

  /* One identity is one entry: adding it twice is refused, nothing added. */
  g_assert_cmpint (mk_store_add_entry (store, &again, &error), ==, 0);
  g_assert_error (error, MK_STORE_ERROR, MK_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (mk_store_count_entries (store), ==, 1);
  mk_test_assert_consistent (store);

  /* Text that is no identity is refused with what it should look like. */
  in = calls_input (store, anna, "2026-11-24");
  g_strlcpy (in.uuid, "entry-1", sizeof in.uuid);
  g_assert_cmpint (mk_store_add_entry (store, &in, &error), ==, 0);
  g_assert_error (error, MK_STORE_ERROR, MK_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "“entry-1” is not an entry's identity"));
  g_assert_cmpint (mk_store_count_entries (store), ==, 1);
}

/* Adds @n rows to a bulk, the i-th with identity @uuids[i] (or none). */
static void
bulk_with_identities (MkStore     *store,
                      MkPerson    *person,
                      guint        n,
                      gboolean     big,
                      const char *(*uuid_of) (guint, char *),
                      guint64     *added,
                      guint64     *duplicates)
{
  g_autoptr(GError) error = NULL;
  MkStoreBulk *bulk = mk_store_bulk_begin (store, "ids.csv", NULL, "minutka", &error);

  *added = *duplicates = 0;
  if (big)
    g_assert_true (mk_store_bulk_expect_rows (bulk, n, &error));
  for (guint i = 0; i < n; i++)
    {
      MkEntryInput in = calls_input (store, person, i % 2 ? "2026-11-23" : "2026-11-24");
      char buf[MK_UUID_TEXT_LEN + 1];
      const char *uuid = uuid_of (i, buf);
      gboolean duplicate = FALSE;

      in.minutes = 1 + (int) (i % 300);
      in.start = (int) (i % 1000);
      if (uuid != NULL)
        g_strlcpy (in.uuid, uuid, sizeof in.uuid);
      g_assert_true (mk_store_bulk_add (bulk, &in, &duplicate, &error));
      g_assert_no_error (error);
      if (duplicate)
        (*duplicates)++;
      else
        (*added)++;
    }
  g_assert_true (mk_store_bulk_commit (bulk, NULL, &error));
  g_assert_no_error (error);
}

/* Identity i / 2: every identity twice in a row. */
static const char *
pairs (guint  i,
       char  *buf)
{
  g_snprintf (buf, MK_UUID_TEXT_LEN + 1, "0190a6b2-7c1e-7d3a-9f00-%012x", i / 2);
  return buf;
}

/* No identities: the bulk gives them. */
static const char *
none (guint  i,
      char  *buf)
{
  return NULL;
}

/* Identities 0 … 29999, then every other row none. */
static const char *
first_then_none (guint  i,
                 char  *buf)
{
  if (i >= 30000 && i % 2)
    return NULL;
  g_snprintf (buf, MK_UUID_TEXT_LEN + 1, "0190a6b2-7c1e-7d3a-9f00-%012x", i);
  return buf;
}

/* A big import whose rows come without identities keeps the entry_uuid
 * index and appends to it: the identities it gives ascend with the rows. */
static void
test_bulk_identities_ascend (void)
{
  g_autofree char *path = mk_test_db_path ("ascend.db");
  g_autoptr(MkStore) store = NULL;
  g_autoptr(MkPerson) anna = NULL;
  g_autoptr(GError) error = NULL;
  guint64 added, duplicates;
  sqlite3 *db;

  g_unlink (path);
  store = mk_store_open (path, &error);
  anna = mk_store_ensure_person (store, "Anna", NULL, &error);
  bulk_with_identities (store, anna, 30000, TRUE, none, &added, &duplicates);
  g_assert_cmpuint (added, ==, 30000);
  bulk_with_identities (store, anna, 30000, TRUE, none, &added, &duplicates);
  g_assert_cmpint (mk_store_count_entries (store), ==, 60000);
  mk_test_assert_consistent (store);
  g_clear_object (&store);

  db = open_raw (path);
  assert_identified (db);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM entry a JOIN entry b ON b.id = a.id + 1 "
                                  "WHERE b.uuid <= a.uuid"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sqlite_schema WHERE name = "
                                  "'entry_uuid'"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM pragma_integrity_check "
                                  "WHERE integrity_check <> 'ok'"), ==, 0);
  sqlite3_close (db);
}

static void
test_bulk_duplicates (void)
{
  g_autofree char *path = mk_test_db_path ("bulk.db");
  g_autoptr(MkStore) store = NULL;
  g_autoptr(MkPerson) anna = NULL;
  g_autoptr(GError) error = NULL;
  guint64 added, duplicates;
  sqlite3 *db;

  g_unlink (path);
  store = mk_store_open (path, &error);
  anna = mk_store_ensure_person (store, "Anna", NULL, &error);

  /* A small bulk (the index is asked): each identity once. */
  bulk_with_identities (store, anna, 1000, FALSE, pairs, &added, &duplicates);
  g_assert_cmpuint (added, ==, 500);
  g_assert_cmpuint (duplicates, ==, 500);
  g_assert_cmpint (mk_store_count_entries (store), ==, 500);

  /* A big one that drops the indexes: the 500 from before and the pairs
   * within it are duplicates; rows without an identity get new ones. */
  bulk_with_identities (store, anna, 40000, TRUE, first_then_none, &added, &duplicates);
  g_assert_cmpuint (duplicates, ==, 500);
  g_assert_cmpuint (added, ==, 40000 - 500);
  g_assert_cmpint (mk_store_count_entries (store), ==, 40000);
  mk_test_assert_consistent (store);

  /* And the same again: all duplicates but the rows without identity,
   * which the bulk does not know (the importer gives them fingerprints). */
  bulk_with_identities (store, anna, 40000, TRUE, first_then_none, &added, &duplicates);
  g_assert_cmpuint (added, ==, 5000);
  g_assert_cmpint (mk_store_count_entries (store), ==, 45000);
  mk_test_assert_consistent (store);
  g_clear_object (&store);

  db = open_raw (path);
  assert_identified (db);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sqlite_schema WHERE name = "
                                  "'entry_uuid'"), ==, 1);
  sqlite3_close (db);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/identity/migrate-v2-file", test_migrate_v2_file);
  g_test_add_func ("/store/identity/migrate-failure-leaves-file",
                   test_migrate_failure_leaves_file);
  g_test_add_func ("/store/identity/new-rows-have-one", test_new_rows_have_one);
  g_test_add_func ("/store/identity/kept-through-edit-and-undo",
                   test_kept_through_edit_and_undo);
  g_test_add_func ("/store/identity/bulk-duplicates", test_bulk_duplicates);
  g_test_add_func ("/store/identity/bulk-identities-ascend", test_bulk_identities_ascend);
  return g_test_run ();
}
