/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-team.c — a team on a real PostgreSQL server (with-postgres.sh):
 * setting it up, people and logins, row-level security seen from plain SQL,
 * three desktops syncing, the server going away, conflicts, the team's
 * settings, entries given to another person, and kill -9 or a restart of
 * the server in the middle of sending and of receiving. */
#include "config.h"

#include <unistd.h>

#include "mk-analysis.h"
#include "mk-entry-list.h"
#include "mk-error.h"
#include "mk-store-private.h"
#include "mk-team-async.h"
#include "mk-team-private.h"
#include "mk-team-session.h"
#include "mk-team-totals.h"
#include "store-test-utils.h"
#include "team-test-utils.h"

typedef struct {
  char *db;
  char *owner;
} Team;

static void
team_free (Team *team)
{
  g_free (team->db);
  g_free (team->owner);
  g_free (team);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Team, team_free)

static guint team_counter;

/* A new database, set up as a team by its owner. */
static Team *
team_new (void)
{
  Team *team = g_new0 (Team, 1);
  g_autoptr(GError) error = NULL;
  gboolean created = FALSE;

  team->db = g_strdup_printf ("team%u", ++team_counter);
  pg_create_team_db (team->db);
  team->owner = pg_conninfo (TEAM_OWNER, team->db);
  g_assert_true (mk_team_setup (team->owner, &created, &error));
  g_assert_no_error (error);
  g_assert_true (created);
  return team;
}

/* Links @name to a new @login; its password goes to .pgpass.  Returns the
 * login's connection string. */
static char *
add_person (Team       *team,
            const char *name,
            const char *email,
            const char *login,
            gboolean    supervisor)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *password = NULL;

  g_assert_true (mk_team_add_person (team->owner, name, email, login, supervisor, &password,
                                     &error));
  g_assert_no_error (error);
  if (password != NULL)
    pg_remember_password (login, password);
  return pg_conninfo (login, team->db);
}

static MkStore *
desktop (const char *file)
{
  g_autofree char *path = mk_test_db_path (file);
  g_autoptr(GError) error = NULL;
  MkStore *store;

  g_unlink (path);
  store = mk_store_open (path, &error);
  g_assert_no_error (error);
  return store;
}

static gint64
log_entry (MkStore    *store,
           const char *person,
           const char *email,
           const char *day,
           int         start,
           int         minutes,
           const char *category,
           const char *task)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MkPerson) p = mk_store_ensure_person (store, person, email, &error);
  MkEntryInput in = { 0 };
  gint64 id;

  g_assert_no_error (error);
  in.person_id = mk_person_get_id (p);
  in.day = day;
  in.start = start;
  in.minutes = minutes;
  in.category_id = mk_category_get_id (mk_store_get_category_by_key (store, category));
  in.task = task;
  id = mk_store_add_entry (store, &in, &error);
  g_assert_no_error (error);
  return id;
}

static void
join (MkStore    *store,
      const char *conninfo)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (mk_team_join (store, conninfo, NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
sync_ok (MkStore          *store,
         MkTeamSyncResult *result)
{
  g_autoptr(GError) error = NULL;

  mk_team_sync_result_clear (result);
  g_assert_true (mk_team_sync (store, NULL, result, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  mk_test_assert_consistent (store);
}

/* "name/category=minutes;…" of every entry of @store (of @person only,
 * when given), sorted. */
static char *
local_minutes (MkStore    *store,
               const char *person)
{
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3_stmt *stmt = mk_store_stmt_for_sql (store,
                                              "SELECT p.name, c.key, sum (e.minutes), count (*) "
                                              "FROM entry e JOIN person p ON p.id = e.person_id "
                                              "JOIN category c ON c.id = e.category_id "
                                              "WHERE ?1 IS NULL OR p.name = ?1 "
                                              "GROUP BY p.name, c.key ORDER BY p.name, c.key",
                                              NULL);

  g_assert_nonnull (stmt);
  if (person != NULL)
    sqlite3_bind_text (stmt, 1, person, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s/%s=%d×%d;", sqlite3_column_text (stmt, 0),
                            sqlite3_column_text (stmt, 1), sqlite3_column_int (stmt, 2),
                            sqlite3_column_int (stmt, 3));
  sqlite3_reset (stmt);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The same over the server's entries (as its owner). */
static char *
server_minutes (Team       *team,
                const char *person)
{
  PGconn *conn = pg_connect (TEAM_OWNER, team->db);
  const char *values[] = { person };
  PGresult *result = PQexecParams (conn,
                                   "SELECT p.name, c.key, sum (e.minutes), count (*) "
                                   "FROM minutka.entry e JOIN minutka.person p ON p.uuid = e.person "
                                   "JOIN minutka.category c ON c.uuid = e.category "
                                   "WHERE NOT e.deleted AND ($1::text IS NULL OR p.name = $1) "
                                   "GROUP BY p.name, c.key ORDER BY p.name COLLATE \"C\", c.key "
                                   "COLLATE \"C\"", 1, NULL, values, NULL, NULL, 0);
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  for (int i = 0; i < PQntuples (result); i++)
    g_string_append_printf (out, "%s/%s=%s×%s;", PQgetvalue (result, i, 0),
                            PQgetvalue (result, i, 1), PQgetvalue (result, i, 2),
                            PQgetvalue (result, i, 3));
  PQclear (result);
  PQfinish (conn);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Every entry of @person (all when %NULL), one line each with its
 * identity: what "both sides are equal" compares. */
static char *
local_entries (MkStore    *store,
               const char *person)
{
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3_stmt *stmt = mk_store_stmt_for_sql (store,
                                              "SELECT lower (hex (e.uuid)), e.day, "
                                              "coalesce (e.start, -1), e.minutes, c.key, e.task "
                                              "FROM entry e JOIN person p ON p.id = e.person_id "
                                              "JOIN category c ON c.id = e.category_id "
                                              "WHERE ?1 IS NULL OR p.name = ?1 "
                                              "ORDER BY e.uuid", NULL);

  g_assert_nonnull (stmt);
  if (person != NULL)
    sqlite3_bind_text (stmt, 1, person, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s %s %d %d %s %s\n", sqlite3_column_text (stmt, 0),
                            sqlite3_column_text (stmt, 1), sqlite3_column_int (stmt, 2),
                            sqlite3_column_int (stmt, 3), sqlite3_column_text (stmt, 4),
                            sqlite3_column_text (stmt, 5));
  sqlite3_reset (stmt);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
server_entries (Team       *team,
                const char *person)
{
  PGconn *conn = pg_connect (TEAM_OWNER, team->db);
  const char *values[] = { person };
  PGresult *result = PQexecParams (conn,
                                   "SELECT replace (e.uuid::text, '-', ''), "
                                   "to_char (e.day, 'YYYY-MM-DD'), coalesce (e.start, -1), "
                                   "e.minutes, c.key, e.task "
                                   "FROM minutka.entry e JOIN minutka.person p ON p.uuid = e.person "
                                   "JOIN minutka.category c ON c.uuid = e.category "
                                   "WHERE NOT e.deleted AND ($1::text IS NULL OR p.name = $1) "
                                   "ORDER BY e.uuid", 1, NULL, values, NULL, NULL, 0);
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  for (int i = 0; i < PQntuples (result); i++)
    g_string_append_printf (out, "%s %s %s %s %s %s\n", PQgetvalue (result, i, 0),
                            PQgetvalue (result, i, 1), PQgetvalue (result, i, 2),
                            PQgetvalue (result, i, 3), PQgetvalue (result, i, 4),
                            PQgetvalue (result, i, 5));
  PQclear (result);
  PQfinish (conn);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gint64
waiting (MkStore *store)
{
  g_autoptr(MkTeamStatus) status = mk_team_get_status (store, NULL);

  if (status == NULL)
    g_error ("the desktop is in no team");
  return (gint64) status->waiting;
}

/* Setup */

static gint64
count_objects (Team *team)
{
  g_autofree char *n = pg_value (TEAM_OWNER, team->db,
                                 "SELECT (SELECT count (*) FROM pg_class WHERE relnamespace = "
                                 "'minutka'::regnamespace) + (SELECT count (*) FROM pg_trigger t "
                                 "JOIN pg_class c ON c.oid = t.tgrelid WHERE c.relnamespace = "
                                 "'minutka'::regnamespace) + (SELECT count (*) FROM pg_policy)");

  return g_ascii_strtoll (n, NULL, 10);
}

static void
test_setup_twice_is_a_no_op (void)
{
  g_autoptr(Team) team = team_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *version = NULL;
  g_autofree char *categories = NULL;
  g_autofree char *revision = NULL;
  g_autofree char *revision_after = NULL;
  gboolean created = TRUE;
  gint64 objects = count_objects (team);

  revision = pg_value (TEAM_OWNER, team->db, "SELECT minutka.max_revision ()");
  g_assert_true (mk_team_setup (team->owner, &created, &error));
  g_assert_no_error (error);
  g_assert_false (created);
  g_assert_cmpint (count_objects (team), ==, objects);
  revision_after = pg_value (TEAM_OWNER, team->db, "SELECT minutka.max_revision ()");
  g_assert_cmpstr (revision_after, ==, revision);
  version = pg_value (TEAM_OWNER, team->db,
                      "SELECT value FROM minutka.meta WHERE key = 'schema_version'");
  g_assert_cmpstr (version, ==, "6");
  /* A new team has the categories a new local database has, with the same
   * identities (mk-uuid.c). */
  categories = pg_value (TEAM_OWNER, team->db,
                         "SELECT string_agg (key || '=' || uuid, ',' ORDER BY sort_order) "
                         "FROM minutka.category");
  g_assert_true (g_str_has_prefix (categories, "calls=c86b909a-97fd-52cc-af9b-a8421ccaddf3,"));
  g_assert_nonnull (strstr (categories, "follow_up="));
  g_assert_nonnull (strstr (categories, "other="));
}

static void
test_setup_upgrades_an_older_team (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *version = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *m1 = NULL;
  gboolean created = FALSE;

  pg_create_team_db ("team_old");
  owner = pg_conninfo (TEAM_OWNER, "team_old");
  g_assert_true (mk_team_setup_to_version (owner, 1, &created, &error));
  g_assert_no_error (error);
  version = pg_value (TEAM_OWNER, "team_old",
                      "SELECT value FROM minutka.meta WHERE key = 'schema_version'");
  g_assert_cmpstr (version, ==, "1");
  before = pg_value (TEAM_OWNER, "team_old", "SELECT to_regclass ('minutka.team_totals')");
  g_assert_cmpstr (before, ==, "");

  /* A person linked to a login by the older Minutka, with the rights of
   * version 1. */
  pg_exec ("postgres", "postgres", "CREATE ROLE old_manager LOGIN PASSWORD 'old-secret-1'");
  pg_remember_password ("old_manager", "old-secret-1");
  pg_exec (TEAM_OWNER, "team_old",
           "INSERT INTO minutka.person (uuid, name, login) VALUES "
           "('0190a6b2-7c1e-7d3a-9f00-000000000001', 'Old Manager', 'old_manager');"
           "GRANT USAGE ON SCHEMA minutka TO old_manager;"
           "GRANT SELECT ON minutka.meta TO old_manager");
  m1 = pg_value ("old_manager", "team_old", "SELECT count (*) FROM minutka.team_totals");
  g_assert_true (g_str_has_prefix (m1, "ERROR"));

  /* Joining is refused until the owner upgrades, saying so. */
  {
    g_autoptr(MkStore) store = desktop ("old.db");
    g_autofree char *conninfo = pg_conninfo ("old_manager", "team_old");

    g_assert_false (mk_team_join (store, conninfo, NULL, NULL, &error));
    g_assert_error (error, MK_TEAM_ERROR, MK_TEAM_ERROR_NOT_SET_UP);
    g_assert_nonnull (strstr (error->message, "older Minutka"));
    g_clear_error (&error);
  }

  g_assert_true (mk_team_setup (owner, &created, &error));
  g_assert_no_error (error);
  g_assert_true (created);
  g_clear_pointer (&version, g_free);
  version = pg_value (TEAM_OWNER, "team_old",
                      "SELECT value FROM minutka.meta WHERE key = 'schema_version'");
  g_assert_cmpstr (version, ==, "6");
  /* Version 3: no foreign keys on the entries; version 4: a B-tree index
   * of revisions (max_revision() and what came after a position are read
   * from it, not from the whole table). */
  {
    g_autofree char *keys = pg_value (TEAM_OWNER, "team_old",
                                      "SELECT count (*) FROM pg_constraint WHERE conrelid = "
                                      "'minutka.entry'::regclass AND contype = 'f'");
    g_autofree char *method = pg_value (TEAM_OWNER, "team_old",
                                        "SELECT am.amname FROM pg_class c JOIN pg_am am "
                                        "ON am.oid = c.relam WHERE c.oid = "
                                        "'minutka.entry_revision'::regclass");

    g_assert_cmpstr (keys, ==, "0");
    g_assert_cmpstr (method, ==, "btree");
  }
  after = pg_value (TEAM_OWNER, "team_old", "SELECT to_regclass ('minutka.team_totals')");
  g_assert_cmpstr (after, ==, "minutka.team_totals");
  /* The login of version 1 has the rights of version 2 too. */
  g_clear_pointer (&m1, g_free);
  m1 = pg_value ("old_manager", "team_old", "SELECT count (*) FROM minutka.team_totals");
  g_assert_cmpstr (m1, ==, "0");
  /* … and of version 5: the entries given to another person. */
  g_clear_pointer (&m1, g_free);
  m1 = pg_value ("old_manager", "team_old", "SELECT count (*) FROM minutka.entry_moved");
  g_assert_cmpstr (m1, ==, "0");

  /* From version 4, with entries: a move is recorded from then on, for the
   * person who had the entry. */
  {
    g_autofree char *owner4 = NULL;
    g_autofree char *v = NULL;
    g_autofree char *moved = NULL;

    pg_create_team_db ("team_v4");
    owner4 = pg_conninfo (TEAM_OWNER, "team_v4");
    g_assert_true (mk_team_setup_to_version (owner4, 4, &created, &error));
    g_assert_no_error (error);
    pg_exec (TEAM_OWNER, "team_v4",
             "INSERT INTO minutka.person (uuid, name) VALUES "
             "('0190a6b2-7c1e-7d3a-9f00-000000000004', 'Four'),"
             "('0190a6b2-7c1e-7d3a-9f00-000000000005', 'Five');"
             "INSERT INTO minutka.entry (uuid, person, day, minutes, category) "
             "SELECT '0190a6b2-7c1e-7d3a-9f00-0000000000e4', "
             "'0190a6b2-7c1e-7d3a-9f00-000000000004', '2026-11-23', 30, uuid "
             "FROM minutka.category WHERE key = 'calls'");
    v = pg_value (TEAM_OWNER, "team_v4", "SELECT to_regclass ('minutka.entry_moved')");
    g_assert_cmpstr (v, ==, "");
    g_assert_true (mk_team_setup (owner4, &created, &error));
    g_assert_no_error (error);
    g_assert_true (created);
    g_clear_pointer (&v, g_free);
    v = pg_value (TEAM_OWNER, "team_v4",
                  "SELECT value FROM minutka.meta WHERE key = 'schema_version'");
    g_assert_cmpstr (v, ==, "6");
    pg_exec (TEAM_OWNER, "team_v4",
             "UPDATE minutka.entry SET person = '0190a6b2-7c1e-7d3a-9f00-000000000005';"
             "UPDATE minutka.entry SET minutes = 35");
    moved = pg_value (TEAM_OWNER, "team_v4",
                      "SELECT m.person || ' ' || (m.revision < e.revision)::text "
                      "FROM minutka.entry_moved m JOIN minutka.entry e USING (uuid)");
    g_assert_cmpstr (moved, ==, "0190a6b2-7c1e-7d3a-9f00-000000000004 true");
    g_clear_pointer (&v, g_free);
    v = pg_value (TEAM_OWNER, "team_v4", "SELECT count (*) FROM minutka.entry_moved");
    g_assert_cmpstr (v, ==, "1");
  }
}

static void
test_setup_refuses_a_newer_team (void)
{
  g_autoptr(Team) team = team_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MkStore) store = desktop ("newer.db");
  g_autofree char *anna = add_person (team, "Anna", NULL, "newer_anna", FALSE);
  g_autofree char *version = NULL;
  gint64 objects;

  pg_exec (TEAM_OWNER, team->db,
           "UPDATE minutka.meta SET value = '99' WHERE key = 'schema_version'");
  objects = count_objects (team);
  g_assert_false (mk_team_setup (team->owner, NULL, &error));
  g_assert_error (error, MK_TEAM_ERROR, MK_TEAM_ERROR_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer Minutka"));
  g_clear_error (&error);
  g_assert_cmpint (count_objects (team), ==, objects);
  version = pg_value (TEAM_OWNER, team->db,
                      "SELECT value FROM minutka.meta WHERE key = 'schema_version'");
  g_assert_cmpstr (version, ==, "99");

  g_assert_false (mk_team_join (store, anna, NULL, NULL, &error));
  g_assert_error (error, MK_TEAM_ERROR, MK_TEAM_ERROR_TOO_NEW);
}

/* People and logins */

static void
test_people_logins_and_passwords (void)
{
  g_autoptr(Team) team = team_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MkStore) store = desktop ("logins.db");
  g_autofree char *password = NULL;
  g_autofree char *who = NULL;
  g_autofree char *people = NULL;
  g_autofree char *with_password = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *anna = NULL;

  /* A new login gets a password that works (here from .pgpass). */
  g_assert_true (mk_team_add_person (team->owner, "Anna Petrova", "Anna@Example.com",
                                     "anna_p", FALSE, &password, &error));
  g_assert_no_error (error);
  g_assert_nonnull (password);
  g_assert_cmpint (strlen (password), ==, 20);
  pg_remember_password ("anna_p", password);
  who = pg_value ("anna_p", team->db, "SELECT current_user");
  g_assert_cmpstr (who, ==, "anna_p");

  /* An existing role is used as it is: no new password. */
  pg_exec ("postgres", "postgres", "CREATE ROLE existing_sv LOGIN PASSWORD 'sv-secret-2'");
  pg_remember_password ("existing_sv", "sv-secret-2");
  g_clear_pointer (&password, g_free);
  g_assert_true (mk_team_add_person (team->owner, "Sveta", NULL, "existing_sv", TRUE, &password,
                                     &error));
  g_assert_no_error (error);
  g_assert_null (password);
  people = pg_value (TEAM_OWNER, team->db,
                     "SELECT string_agg (name || ':' || coalesce (email, '') || ':' || login || "
                     "':' || supervisor, ',' ORDER BY name) FROM minutka.person");
  g_assert_cmpstr (people, ==, "Anna Petrova:anna@example.com:anna_p:false,"
                               "Sveta::existing_sv:true");

  /* Only the owner adds people. */
  anna = pg_conninfo ("anna_p", team->db);
  g_assert_false (mk_team_add_person (anna, "Mallory", NULL, "mallory", TRUE, NULL, &error));
  g_assert_error (error, MK_TEAM_ERROR, MK_TEAM_ERROR_REFUSED);
  g_clear_error (&error);

  /* A password in the connection string is never stored: refused. */
  with_password = g_strconcat (anna, " password=whatever", NULL);
  g_assert_false (mk_team_join (store, with_password, NULL, NULL, &error));
  g_assert_error (error, MK_TEAM_ERROR, MK_TEAM_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "~/.pgpass"));
  g_clear_error (&error);

  /* A server and database without the URI's scheme cannot be read: said
   * so, with the form to write, not taken for a password. */
  g_assert_false (mk_team_join (store, "sales.example.com/sales", NULL, NULL, &error));
  g_assert_error (error, MK_TEAM_ERROR, MK_TEAM_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "cannot read the connection string"));
  g_assert_null (strstr (error->message, "password"));
  g_clear_error (&error);

  /* A login linked to nobody is told what to ask for. */
  pg_exec ("postgres", "postgres", "CREATE ROLE stranger LOGIN PASSWORD 'stranger-3'");
  pg_remember_password ("stranger", "stranger-3");
  {
    g_autofree char *stranger = pg_conninfo ("stranger", team->db);

    g_assert_false (mk_team_join (store, stranger, NULL, NULL, &error));
    g_assert_error (error, MK_TEAM_ERROR, MK_TEAM_ERROR_REFUSED);
    g_clear_error (&error);
    pg_exec (TEAM_OWNER, team->db, "GRANT USAGE ON SCHEMA minutka TO stranger;"
             "GRANT SELECT ON minutka.meta, minutka.person TO stranger");
    g_assert_false (mk_team_join (store, stranger, NULL, NULL, &error));
    g_assert_error (error, MK_TEAM_ERROR, MK_TEAM_ERROR_NO_PERSON);
    g_assert_nonnull (strstr (error->message, "--team-add-person"));
    g_clear_error (&error);
  }

  join (store, anna);
  {
    g_autoptr(MkTeamStatus) status = mk_team_get_status (store, NULL);

    if (status == NULL)
      g_error ("the desktop is in no team");
    stored = g_strdup (status->conninfo);
  }
  g_assert_null (strstr (stored, "password"));
}

/* Three desktops */

typedef struct {
  Team    *team;
  MkStore *anna;
  MkStore *boris;
  MkStore *sv;
  char    *anna_login;
  char    *boris_login;
  char    *sv_login;
} Three;

static void
three_clear (Three *t)
{
  g_clear_object (&t->anna);
  g_clear_object (&t->boris);
  g_clear_object (&t->sv);
  g_clear_pointer (&t->team, team_free);
  g_free (t->anna_login);
  g_free (t->boris_login);
  g_free (t->sv_login);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Three, three_clear)

/* Two managers and a supervisor, each with a desktop in the team; the
 * managers have logged a few entries before joining. */
static void
three_set_up (Three      *t,
              const char *tag)
{
  g_autofree char *a = g_strdup_printf ("anna_%s", tag);
  g_autofree char *b = g_strdup_printf ("boris_%s", tag);
  g_autofree char *s = g_strdup_printf ("sv_%s", tag);
  g_autofree char *fa = g_strdup_printf ("anna-%s.db", tag);
  g_autofree char *fb = g_strdup_printf ("boris-%s.db", tag);
  g_autofree char *fs = g_strdup_printf ("sv-%s.db", tag);

  t->team = team_new ();
  t->anna_login = add_person (t->team, "Anna Petrova", "anna@example.com", a, FALSE);
  t->boris_login = add_person (t->team, "Boris Orlov", "boris@example.com", b, FALSE);
  t->sv_login = add_person (t->team, "Sveta Kim", NULL, s, TRUE);

  t->anna = desktop (fa);
  /* Known locally by e-mail under another spelling: matched. */
  log_entry (t->anna, "anna petrova", "ANNA@example.com", "2026-11-23", 9 * 60, 30, "calls",
             "Intro call");
  log_entry (t->anna, "anna petrova", "anna@example.com", "2026-11-23", -1, 45, "admin", "CRM");
  log_entry (t->anna, "anna petrova", "anna@example.com", "2026-11-24", 600, 20, "calls",
             "Follow-up call");
  join (t->anna, t->anna_login);

  t->boris = desktop (fb);
  /* Known by name only, spaced differently: matched. */
  log_entry (t->boris, "Boris  Orlov", NULL, "2026-11-23", 10 * 60, 60, "meetings", "Stand-up");
  log_entry (t->boris, "Boris  Orlov", NULL, "2026-11-24", 11 * 60, 15, "follow_up", "Quote");
  join (t->boris, t->boris_login);

  t->sv = desktop (fs);
  join (t->sv, t->sv_login);
}

static void
test_sync_three_desktops (void)
{
  g_auto(Three) t = { 0, };
  MkTeamSyncResult r = { 0, };
  g_autofree char *want = NULL;
  g_autofree char *got = NULL;
  g_autofree char *anna_sees = NULL;
  g_autofree char *boris_uuid = NULL;

  three_set_up (&t, "three");
  g_assert_cmpint (waiting (t.anna), ==, 3);

  sync_ok (t.anna, &r);
  g_assert_cmpuint (r.sent, ==, 3);
  g_assert_cmpuint (r.received, ==, 0);
  g_assert_cmpuint (r.conflicts, ==, 0);
  g_assert_cmpint (waiting (t.anna), ==, 0);
  sync_ok (t.boris, &r);
  g_assert_cmpuint (r.sent, ==, 2);
  sync_ok (t.sv, &r);
  g_assert_cmpuint (r.received, ==, 5);

  /* The supervisor has exactly the union, under the team's names. */
  want = g_strdup ("Anna Petrova/admin=45×1;Anna Petrova/calls=50×2;"
                   "Boris Orlov/follow_up=15×1;Boris Orlov/meetings=60×1;");
  got = local_minutes (t.sv, NULL);
  g_assert_cmpstr (got, ==, want);
  g_clear_pointer (&got, g_free);
  got = server_minutes (t.team, NULL);
  g_assert_cmpstr (got, ==, want);

  /* Syncing again moves nothing: nothing is doubled. */
  sync_ok (t.anna, &r);
  g_assert_cmpuint (r.sent + r.received, ==, 0);
  sync_ok (t.sv, &r);
  g_assert_cmpuint (r.sent + r.received, ==, 0);
  g_clear_pointer (&got, g_free);
  got = local_minutes (t.sv, NULL);
  g_assert_cmpstr (got, ==, want);

  /* A manager receives nobody else's entries. */
  g_clear_pointer (&got, g_free);
  got = local_minutes (t.anna, NULL);
  g_assert_cmpstr (got, ==, "Anna Petrova/admin=45×1;Anna Petrova/calls=50×2;");

  /* Row-level security, in plain SQL as Anna: Boris's entries are not
   * there to read, and UPDATE or DELETE of them changes nothing. */
  {
    const char *anna_role = "anna_three";
    g_autofree char *n = pg_value (anna_role, t.team->db, "SELECT count (*) FROM minutka.entry");
    g_autofree char *updated = NULL;
    g_autofree char *deleted = NULL;
    g_autofree char *inserted = NULL;
    g_autofree char *forged = NULL;
    g_autofree char *secret = NULL;
    g_autofree char *people = NULL;
    g_autofree char *asked = NULL;

    g_assert_cmpstr (n, ==, "3");
    boris_uuid = pg_value (TEAM_OWNER, t.team->db,
                           "SELECT uuid FROM minutka.person WHERE name = 'Boris Orlov'");
    updated = pg_value (anna_role, t.team->db,
                        "UPDATE minutka.entry SET minutes = 1 WHERE person = (SELECT uuid "
                        "FROM minutka.person WHERE name = 'Boris Orlov')");
    g_assert_cmpstr (updated, ==, "0");
    deleted = pg_value (anna_role, t.team->db,
                        "DELETE FROM minutka.entry WHERE person = (SELECT uuid "
                        "FROM minutka.person WHERE name = 'Boris Orlov')");
    g_assert_cmpstr (deleted, ==, "0");
    people = pg_value (anna_role, t.team->db, "SELECT string_agg (name, ',') FROM minutka.person");
    g_assert_cmpstr (people, ==, "Anna Petrova");
    /* Nor can she write an entry in Boris's name, forge a revision, or
     * read the salt of the anonymous totals. */
    inserted = pg_value_with (anna_role, t.team->db,
                              "INSERT INTO minutka.entry (uuid, person, day, minutes, category) "
                              "SELECT gen_random_uuid (), $1::uuid, '2026-11-25', 5, uuid "
                              "FROM minutka.category WHERE key = 'calls'", boris_uuid);
    g_assert_true (g_str_has_prefix (inserted, "ERROR"));
    g_assert_nonnull (strstr (inserted, "row-level security"));
    forged = pg_value (anna_role, t.team->db, "UPDATE minutka.entry SET revision = 0");
    g_assert_true (g_str_has_prefix (forged, "ERROR"));
    secret = pg_value (anna_role, t.team->db, "SELECT count (*) FROM minutka.secret");
    g_assert_true (g_str_has_prefix (secret, "ERROR"));
    /* The functions the policies ask answer for her own login only: she
     * learns neither Boris's identity nor who supervises. */
    asked = pg_value (anna_role, t.team->db,
                      "SELECT coalesce (minutka.person_of ('boris_three')::text, 'none') || ' ' "
                      "|| minutka.is_supervisor ('sv_three')::text || ' ' "
                      "|| (minutka.person_of (current_user) IS NOT NULL)::text");
    g_assert_cmpstr (asked, ==, "none false true");
    /* A name that is no role: nothing, not an error. */
    g_clear_pointer (&asked, g_free);
    asked = pg_value (anna_role, t.team->db,
                      "SELECT coalesce (minutka.person_of ('nobody_at_all')::text, 'none') || ' ' "
                      "|| minutka.is_supervisor ('nobody_at_all')::text");
    g_assert_cmpstr (asked, ==, "none false");
  }
  g_clear_pointer (&got, g_free);
  got = server_minutes (t.team, NULL);
  g_assert_cmpstr (got, ==, want);

  /* Her own entry deleted by plain SQL becomes a tombstone the supervisor
   * receives. */
  anna_sees = pg_value ("anna_three", t.team->db,
                        "DELETE FROM minutka.entry WHERE task = 'CRM'");
  g_assert_cmpstr (anna_sees, ==, "0");   /* a tombstone: the DELETE itself removed nothing */
  sync_ok (t.sv, &r);
  g_assert_cmpuint (r.received, ==, 1);
  g_clear_pointer (&got, g_free);
  got = local_minutes (t.sv, "Anna Petrova");
  g_assert_cmpstr (got, ==, "Anna Petrova/calls=50×2;");
  /* … and Anna, who did not write it from her desktop, too. */
  sync_ok (t.anna, &r);
  g_assert_cmpuint (r.received, ==, 1);
  g_clear_pointer (&got, g_free);
  got = local_minutes (t.anna, NULL);
  g_assert_cmpstr (got, ==, "Anna Petrova/calls=50×2;");
}

/* The anonymous totals give a manager the team medians the supervisor's
 * analysis has. */
static void
test_sync_anonymous_totals (void)
{
  g_auto(Three) t = { 0, };
  MkTeamSyncResult r = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(MkAnalysisInput) from_totals = NULL;
  g_autoptr(MkAnalysisInput) from_entries = NULL;
  g_autoptr(MkAnalysis) manager_view = NULL;
  g_autoptr(MkAnalysis) supervisor_view = NULL;
  MkSettings settings;
  const char *keys[] = { "calls", "follow_up", "admin", "meetings", "other" };

  three_set_up (&t, "totals");
  /* A few more days so that both managers have adequate samples. */
  for (int d = 25; d <= 27; d++)
    {
      g_autofree char *day = g_strdup_printf ("2026-11-%02d", d);

      log_entry (t.anna, "Anna Petrova", NULL, day, 9 * 60, 200, "calls", "calls");
      log_entry (t.anna, "Anna Petrova", NULL, day, 13 * 60, 90 + d, "admin", "crm");
      log_entry (t.anna, "Anna Petrova", NULL, day, 15 * 60, 100, "follow_up", "quotes");
      log_entry (t.boris, "Boris Orlov", NULL, day, 9 * 60, 150, "calls", "calls");
      log_entry (t.boris, "Boris Orlov", NULL, day, 12 * 60, 200, "meetings", "meeting");
      log_entry (t.boris, "Boris Orlov", NULL, day, 16 * 60, 40 + d, "other", "misc");
    }
  sync_ok (t.anna, &r);
  sync_ok (t.boris, &r);
  sync_ok (t.sv, &r);

  /* The supervisor's list says which login sent each entry. */
  {
    g_autoptr(MkEntryList) list = mk_entry_list_new (t.sv);
    guint n = g_list_model_get_n_items (G_LIST_MODEL (list));

    g_assert_cmpuint (n, >, 0);
    for (guint i = 0; i < n; i++)
      {
        g_autoptr(MkEntry) entry = g_list_model_get_item (G_LIST_MODEL (list), i);

        g_assert_cmpstr (mk_entry_get_sent_by (entry), ==,
                         g_str_equal (mk_entry_get_person_name (entry), "Anna Petrova")
                         ? "anna_totals" : "boris_totals");
      }
  }

  from_totals = mk_team_read_totals (t.anna, NULL, "2026-11-23", "2026-11-27", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mk_analysis_input_get_n_people (from_totals), ==, 2);
  g_assert_cmpint (mk_analysis_input_find_person (from_totals, "Boris Orlov"), <, 0);
  from_entries = mk_analysis_input_new_from_store (t.sv, "2026-11-23", "2026-11-27", &error);
  g_assert_no_error (error);
  mk_store_get_settings (t.sv, &settings);
  manager_view = mk_analysis_new (from_totals, &settings, MK_PEER_MODE_TEAM);
  supervisor_view = mk_analysis_new (from_entries, &settings, MK_PEER_MODE_TEAM);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      int a = mk_analysis_find_category (manager_view, keys[i]);
      int b = mk_analysis_find_category (supervisor_view, keys[i]);

      g_assert_cmpint (a, >=, 0);
      g_assert_cmpint (b, >=, 0);
      g_assert_cmpfloat_with_epsilon (mk_analysis_get_team_median (manager_view, a),
                                      mk_analysis_get_team_median (supervisor_view, b), 1e-12);
      g_assert_cmpint (mk_analysis_get_team_minutes (manager_view, a), ==,
                       mk_analysis_get_team_minutes (supervisor_view, b));
    }
}

static void
test_sync_server_down_then_back (void)
{
  g_auto(Three) t = { 0, };
  MkTeamSyncResult r = { 0, };
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *got = NULL;
  g_autofree char *want = NULL;
  g_auto(CliRun) run = { 0, };

  three_set_up (&t, "down");
  sync_ok (t.anna, &r);
  sync_ok (t.sv, &r);

  pg_server (FALSE);
  /* Logging works without the server… */
  log_entry (t.anna, "Anna Petrova", NULL, "2026-11-25", 9 * 60, 25, "calls", "Offline call");
  log_entry (t.anna, "Anna Petrova", NULL, "2026-11-25", 10 * 60, 35, "admin", "Offline CRM");
  before = local_entries (t.anna, NULL);
  g_assert_cmpint (waiting (t.anna), ==, 2);
  /* … and a sync fails with the server's words, changing nothing here. */
  g_assert_false (mk_team_sync (t.anna, NULL, &r, NULL, NULL, NULL, &error));
  g_assert_error (error, MK_TEAM_ERROR, MK_TEAM_ERROR_CONNECT);
  g_assert_nonnull (strstr (error->message, "Cannot reach the team's server"));
  g_clear_error (&error);
  g_assert_cmpint (waiting (t.anna), ==, 2);
  got = local_entries (t.anna, NULL);
  g_assert_cmpstr (got, ==, before);
  {
    const char *argv[] = { "--db", mk_store_get_path (t.anna), "--sync", NULL };

    cli_run (&run, argv);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "Cannot reach the team's server"));
    g_assert_cmpstr (run.out, ==, "");
  }
  pg_server (TRUE);

  /* Back: everything arrives, once. */
  sync_ok (t.anna, &r);
  g_assert_cmpuint (r.sent, ==, 2);
  sync_ok (t.anna, &r);
  g_assert_cmpuint (r.sent, ==, 0);
  sync_ok (t.sv, &r);
  g_assert_cmpuint (r.received, ==, 2);
  want = local_minutes (t.anna, NULL);
  g_clear_pointer (&got, g_free);
  got = local_minutes (t.sv, "Anna Petrova");
  g_assert_cmpstr (got, ==, want);
  g_clear_pointer (&got, g_free);
  got = server_minutes (t.team, "Anna Petrova");
  g_assert_cmpstr (got, ==, want);
}

static void
test_sync_conflict (void)
{
  g_auto(Three) t = { 0, };
  MkTeamSyncResult r = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(MkEntry) mine = NULL;
  g_autoptr(MkEntry) theirs = NULL;
  g_autofree char *history = NULL;
  g_autofree char *server = NULL;
  g_autofree char *a = NULL;
  g_autofree char *s = NULL;
  MkEntryInput in;
  gint64 id;

  three_set_up (&t, "conflict");
  id = log_entry (t.anna, "Anna Petrova", NULL, "2026-11-25", 9 * 60, 30, "calls", "Acme");
  sync_ok (t.anna, &r);
  sync_ok (t.sv, &r);

  /* The supervisor corrects the entry and syncs first… */
  mine = mk_store_get_entry (t.anna, id, &error);
  theirs = mk_store_get_entry (t.sv, mk_store_find_entry (t.sv, mk_entry_get_uuid (mine), NULL),
                               &error);
  g_assert_no_error (error);
  mk_entry_to_input (theirs, &in);
  in.minutes = 45;
  g_assert_true (mk_store_update_entry (t.sv, mk_entry_get_id (theirs), &in, &error));
  sync_ok (t.sv, &r);
  g_assert_cmpuint (r.sent, ==, 1);
  g_assert_cmpuint (r.conflicts, ==, 0);

  /* … then Anna, who had not received it, changes it too: her change
   * reaches the server last and wins; the supervisor's is kept. */
  mk_entry_to_input (mine, &in);
  in.minutes = 50;
  in.task = "Acme, longer";
  g_assert_true (mk_store_update_entry (t.anna, id, &in, &error));
  sync_ok (t.anna, &r);
  g_assert_cmpuint (r.sent, ==, 1);
  g_assert_cmpuint (r.conflicts, ==, 1);
  history = pg_value (TEAM_OWNER, t.team->db,
                      "SELECT string_agg (minutes || ' ' || task || ' by ' || changed_by, ',') "
                      "FROM minutka.entry_history");
  g_assert_cmpstr (history, ==, "45 Acme by sv_conflict");
  server = pg_value (TEAM_OWNER, t.team->db,
                     "SELECT minutes || ' ' || task FROM minutka.entry WHERE task LIKE 'Acme%'");
  g_assert_cmpstr (server, ==, "50 Acme, longer");

  /* Both sides end equal; nothing is doubled. */
  sync_ok (t.sv, &r);
  g_assert_cmpuint (r.received, ==, 1);
  sync_ok (t.anna, &r);
  a = local_entries (t.anna, NULL);
  s = local_entries (t.sv, "Anna Petrova");
  g_assert_cmpstr (a, ==, s);
  g_clear_pointer (&s, g_free);
  s = server_entries (t.team, "Anna Petrova");
  g_assert_cmpstr (a, ==, s);
}

static void
test_sync_team_settings (void)
{
  g_auto(Three) t = { 0, };
  MkTeamSyncResult r = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(MkCategory) added = NULL;
  g_autofree char *name = NULL, *from = NULL, *to = NULL;
  MkCategory *admin;
  MkSettings settings;

  three_set_up (&t, "settings");
  sync_ok (t.anna, &r);

  /* A manager may not change what the team owns. */
  admin = mk_store_get_category_by_key (t.anna, "admin");
  g_assert_false (mk_store_update_category (t.anna, mk_category_get_id (admin), "Paperwork",
                                            "#e66100", MK_CATEGORY_KIND_NON_SELLING, -1, 0.5,
                                            mk_category_get_sort_order (admin), FALSE, &error));
  g_assert_error (error, MK_STORE_ERROR, MK_STORE_ERROR_TEAM_OWNED);
  g_assert_nonnull (strstr (error->message, "supervisor"));
  g_clear_error (&error);
  g_assert_false (mk_store_set_study (t.anna, "Mine", "2026-11-01", "2026-11-05", &error));
  g_assert_error (error, MK_STORE_ERROR, MK_STORE_ERROR_TEAM_OWNED);
  g_clear_error (&error);
  mk_store_get_settings (t.anna, &settings);
  settings.workday_minutes = 400;
  g_assert_false (mk_store_set_settings (t.anna, &settings, &error));
  g_assert_error (error, MK_STORE_ERROR, MK_STORE_ERROR_TEAM_OWNED);
  g_clear_error (&error);
  g_assert_false (mk_store_add_alias (t.anna, "бумаги для банка", mk_category_get_id (admin),
                                      &error));
  g_assert_error (error, MK_STORE_ERROR, MK_STORE_ERROR_TEAM_OWNED);
  g_clear_error (&error);

  /* The supervisor may, and everyone receives it. */
  admin = mk_store_get_category_by_key (t.sv, "admin");
  g_assert_true (mk_store_update_category (t.sv, mk_category_get_id (admin), "Paperwork",
                                           "#e66100", MK_CATEGORY_KIND_NON_SELLING, -1, 0.25,
                                           mk_category_get_sort_order (admin), FALSE, &error));
  added = mk_store_add_category (t.sv, "demos", "Demos", "#123456", MK_CATEGORY_KIND_SELLING,
                                 &error);
  g_assert_no_error (error);
  g_assert_true (mk_store_add_alias (t.sv, "демо", mk_category_get_id (added), &error));
  g_assert_true (mk_store_set_study (t.sv, "November", "2026-11-23", "2026-11-27", &error));
  mk_store_get_settings (t.sv, &settings);
  settings.workday_minutes = 420;
  settings.n_prime = 1;
  settings.prime[0].start = 9 * 60;
  settings.prime[0].end = 12 * 60;
  g_assert_true (mk_store_set_settings (t.sv, &settings, &error));
  g_assert_no_error (error);
  sync_ok (t.sv, &r);
  g_assert_true (r.settings_sent);

  sync_ok (t.anna, &r);
  g_assert_true (r.settings_received);
  admin = mk_store_get_category_by_key (t.anna, "admin");
  g_assert_cmpstr (mk_category_get_name (admin), ==, "Paperwork");
  g_assert_cmpfloat (mk_category_get_target_max (admin), ==, 0.25);
  g_assert_nonnull (mk_store_get_category_by_key (t.anna, "demos"));
  {
    MkCategory *found = mk_store_lookup_alias (t.anna, "Демо");

    g_assert_nonnull (found);
    g_assert_cmpstr (mk_category_get_key (found), ==, "demos");
  }
  g_assert_true (mk_store_get_study (t.anna, &name, &from, &to));
  g_assert_cmpstr (name, ==, "November");
  g_assert_cmpstr (from, ==, "2026-11-23");
  g_assert_cmpstr (to, ==, "2026-11-27");
  mk_store_get_settings (t.anna, &settings);
  g_assert_cmpint (settings.workday_minutes, ==, 420);
  g_assert_cmpuint (settings.n_prime, ==, 1);
  g_assert_cmpint (settings.prime[0].end, ==, 12 * 60);
  /* The new prime hours counted Anna's entries again (rollups checked in
   * sync_ok), and her change log stayed empty. */
  g_assert_cmpint (waiting (t.anna), ==, 0);

  /* The supervisor's change was not his to send again. */
  sync_ok (t.sv, &r);
  g_assert_false (r.settings_sent);
}

static void
test_sync_other_peoples_entries_stay (void)
{
  g_auto(Three) t = { 0, };
  MkTeamSyncResult r = { 0, };
  g_autofree char *server = NULL;
  g_autofree char *path = NULL;
  g_auto(CliRun) run = { 0, };

  three_set_up (&t, "others");
  /* Anna's desktop holds a colleague's timesheet too. */
  log_entry (t.anna, "Carl Nobody", NULL, "2026-11-23", -1, 40, "calls", "not mine");
  log_entry (t.anna, "Carl Nobody", NULL, "2026-11-24", -1, 20, "admin", "not mine either");
  sync_ok (t.anna, &r);
  g_assert_cmpuint (r.sent, ==, 3);
  g_assert_cmpuint (r.n_refused, ==, 2);
  g_assert_cmpuint (r.refused->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (r.refused, 0), ==, "Carl Nobody (2)");
  /* They stay, here and in the log, and are named again next time; they
   * are not "waiting" (no sync of hers can send them) but kept. */
  g_assert_cmpint (waiting (t.anna), ==, 0);
  {
    g_autoptr(MkTeamStatus) status = mk_team_get_status (t.anna, NULL);

    g_assert_cmpuint (status->kept, ==, 2);
  }
  log_entry (t.anna, "Anna Petrova", NULL, "2026-11-25", -1, 10, "calls", "mine, new");
  g_assert_cmpint (waiting (t.anna), ==, 1);
  server = server_minutes (t.team, NULL);
  g_assert_null (strstr (server, "Carl"));
  path = g_strdup (mk_store_get_path (t.anna));
  g_clear_object (&t.anna);
  {
    const char *argv[] = { "--db", path, "--sync", NULL };

    cli_run (&run, argv);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_str_has_prefix (run.out, "sent 1, received 0, conflicts 0\n"));
    g_assert_nonnull (strstr (run.out, "2 entries are other people's"));
    g_assert_nonnull (strstr (run.out, "  Carl Nobody (2)\n"));
  }
  {
    const char *argv[] = { "--db", path, "--team-status", NULL };

    cli_run (&run, argv);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "Changes waiting: 0 entries\n"));
    g_assert_nonnull (strstr (run.out, "Kept here: 2 changes of other people's entries"));
  }
}

/* The local entry with @task of @store, or 0. */
static gint64
entry_by_task (MkStore    *store,
               const char *task)
{
  sqlite3_stmt *stmt = mk_store_stmt_for_sql (store, "SELECT id FROM entry WHERE task = ?",
                                              NULL);
  gint64 id = 0;

  g_assert_nonnull (stmt);
  sqlite3_bind_text (stmt, 1, task, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_reset (stmt);
  return id;
}

/* The supervisor gives entries of Anna's to Boris (in the window, and in
 * psql): Anna's desktop drops them as if deleted; a change she made to a
 * stale copy is refused for that entry only, the rest of her send arrives. */
static void
test_sync_moved_to_another (void)
{
  g_auto(Three) t = { 0, };
  MkTeamSyncResult r = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(MkEntry) entry = NULL;
  g_autoptr(MkPerson) boris = NULL;
  g_autofree char *anna_path = NULL;
  g_autofree char *got = NULL;
  g_autofree char *want = NULL;
  g_autofree char *n = NULL;
  g_auto(CliRun) run = { 0, };
  MkEntryInput in;
  gint64 id;

  three_set_up (&t, "moved");
  sync_ok (t.anna, &r);
  sync_ok (t.boris, &r);
  sync_ok (t.sv, &r);

  /* The supervisor edits the entry's person. */
  id = entry_by_task (t.sv, "Intro call");
  g_assert_cmpint (id, !=, 0);
  entry = mk_store_get_entry (t.sv, id, &error);
  g_assert_no_error (error);
  boris = mk_store_find_person (t.sv, "Boris Orlov", NULL);
  g_assert_nonnull (boris);
  mk_entry_to_input (entry, &in);
  in.person_id = mk_person_get_id (boris);
  g_assert_true (mk_store_update_entry (t.sv, id, &in, &error));
  g_assert_no_error (error);
  sync_ok (t.sv, &r);
  g_assert_cmpuint (r.sent, ==, 1);

  /* Anna's desktop drops it, as if it had been deleted. */
  sync_ok (t.anna, &r);
  g_assert_cmpuint (r.received, ==, 1);
  g_assert_cmpint (entry_by_task (t.anna, "Intro call"), ==, 0);
  g_assert_cmpint (waiting (t.anna), ==, 0);
  sync_ok (t.boris, &r);
  g_assert_cmpint (entry_by_task (t.boris, "Intro call"), !=, 0);
  for (guint i = 0; i < 2; i++)
    {
      MkStore *store = i == 0 ? t.boris : t.sv;

      g_clear_pointer (&got, g_free);
      g_clear_pointer (&want, g_free);
      got = local_entries (store, "Boris Orlov");
      want = server_entries (t.team, "Boris Orlov");
      g_assert_cmpstr (got, ==, want);
    }
  g_clear_pointer (&got, g_free);
  got = local_minutes (t.sv, "Boris Orlov");
  g_assert_nonnull (strstr (got, "Boris Orlov/calls=30×1;"));
  g_clear_pointer (&got, g_free);
  g_clear_pointer (&want, g_free);
  got = local_entries (t.anna, NULL);
  want = server_entries (t.team, "Anna Petrova");
  g_assert_cmpstr (got, ==, want);

  /* In psql, the supervisor gives Boris another; Anna, not knowing, edits
   * her stale copy and logs a new entry before she syncs. */
  n = pg_value (TEAM_OWNER, t.team->db,
                "UPDATE minutka.entry SET person = (SELECT uuid FROM minutka.person "
                "WHERE name = 'Boris Orlov') WHERE task = 'CRM'");
  g_assert_cmpstr (n, ==, "1");
  g_clear_object (&entry);
  id = entry_by_task (t.anna, "CRM");
  entry = mk_store_get_entry (t.anna, id, &error);
  g_assert_no_error (error);
  mk_entry_to_input (entry, &in);
  in.minutes = 50;
  g_assert_true (mk_store_update_entry (t.anna, id, &in, &error));
  g_assert_no_error (error);
  log_entry (t.anna, "Anna Petrova", NULL, "2026-11-25", 9 * 60, 25, "calls", "New call");
  g_assert_cmpint (waiting (t.anna), ==, 2);
  anna_path = g_strdup (mk_store_get_path (t.anna));
  g_clear_object (&t.anna);
  {
    const char *argv[] = { "--db", anna_path, "--sync", NULL };

    cli_run (&run, argv);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_str_has_prefix (run.out, "sent 1, received 0, conflicts 0\n"));
    g_assert_nonnull (strstr (run.out, "1 entry changed here was not sent"));
    g_assert_nonnull (strstr (run.out, "supervisor"));
  }
  t.anna = mk_store_open (anna_path, &error);
  g_assert_no_error (error);
  mk_test_assert_consistent (t.anna);
  g_assert_cmpint (entry_by_task (t.anna, "CRM"), ==, 0);
  g_assert_cmpint (entry_by_task (t.anna, "New call"), !=, 0);
  g_assert_cmpint (waiting (t.anna), ==, 0);
  g_clear_pointer (&got, g_free);
  g_clear_pointer (&want, g_free);
  got = local_entries (t.anna, NULL);
  want = server_entries (t.team, "Anna Petrova");
  g_assert_cmpstr (got, ==, want);
  /* Boris's CRM is the supervisor's version, not Anna's refused one. */
  g_clear_pointer (&n, g_free);
  n = pg_value (TEAM_OWNER, t.team->db, "SELECT minutes FROM minutka.entry WHERE task = 'CRM'");
  g_assert_cmpstr (n, ==, "45");
  sync_ok (t.anna, &r);
  g_assert_cmpuint (r.sent, ==, 0);
  g_assert_cmpuint (r.n_taken, ==, 0);
  sync_ok (t.boris, &r);
  sync_ok (t.sv, &r);
  for (guint i = 0; i < 2; i++)
    {
      MkStore *store = i == 0 ? t.boris : t.sv;

      g_clear_pointer (&got, g_free);
      g_clear_pointer (&want, g_free);
      got = local_entries (store, "Boris Orlov");
      want = server_entries (t.team, "Boris Orlov");
      g_assert_cmpstr (got, ==, want);
    }
  g_assert_cmpint (entry_by_task (t.sv, "CRM"), !=, 0);
}

/* kill -9 */

/* Starts `minutka --sync` on @path in a process of its own, quietly. */
static GPid
spawn_sync (const char *path)
{
  const char *argv[] = { g_getenv ("MINUTKA_BIN"), "--db", path, "--sync", NULL };
  g_autoptr(GError) error = NULL;
  GPid pid;

  g_spawn_async (NULL, (char **) argv, NULL,
                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL |
                 G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  return pid;
}

/* Runs `minutka --sync` on @path and kills it after a random part of
 * @max_us: any moment of a sync, from connecting to committing. */
static void
sync_killed (const char *path,
             gulong      max_us)
{
  GPid pid = spawn_sync (path);
  int status;

  g_usleep (g_random_int_range (0, (gint32) max_us));
  kill (pid, SIGKILL);
  waitpid (pid, &status, 0);
  g_spawn_close_pid (pid);
}

/* Runs `minutka --sync` on @path and, after a random part of @max_us,
 * stops the server (fast: every connection is cut) and starts it again;
 * the sync either finished before or fails with the server's words, never
 * crashes. */
static void
sync_server_restarted (const char *path,
                       gulong      max_us)
{
  GPid pid = spawn_sync (path);
  int status;

  g_usleep (g_random_int_range (0, (gint32) max_us));
  pg_server (FALSE);
  pg_server (TRUE);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), <=, 1);
  g_test_message ("the sync %s", WEXITSTATUS (status) == 0 ? "finished" : "was cut");
}

static gulong
timed_sync_us (const char *path)
{
  g_auto(CliRun) run = { 0, };
  const char *argv[] = { "--db", path, "--sync", NULL };
  gint64 t0 = g_get_monotonic_time ();

  cli_run (&run, argv);
  g_assert_cmpint (run.status, ==, 0);
  return (gulong) (g_get_monotonic_time () - t0);
}

/* Many entries of Anna's, in one transaction. */
static void
bulk_log (MkStore *store,
          guint    n,
          guint    salt)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MkPerson) anna = mk_store_ensure_person (store, "Anna Petrova", NULL, &error);
  g_autofree MkEntryInput *inputs = g_new0 (MkEntryInput, n);
  g_autoptr(GPtrArray) days = g_ptr_array_new_with_free_func (g_free);
  const char *keys[] = { "calls", "follow_up", "admin", "meetings" };

  for (guint i = 0; i < n; i++)
    {
      char *day = g_strdup_printf ("2026-%02u-%02u", 1 + i % 12, 1 + (i / 12) % 28);

      g_ptr_array_add (days, day);
      inputs[i].person_id = mk_person_get_id (anna);
      inputs[i].day = day;
      inputs[i].start = -1;
      inputs[i].minutes = 1 + (int) ((i + salt) % 40);
      inputs[i].category_id =
        mk_category_get_id (mk_store_get_category_by_key (store, keys[(i + salt) % 4]));
      inputs[i].task = "bulk";
    }
  g_assert_true (mk_store_add_entries (store, inputs, n, NULL, &error));
  g_assert_no_error (error);
}

/* Changes a slice of Anna's entries: moves some, deletes some. */
static void
churn (MkStore *store,
       guint    round)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = mk_store_stmt_for_sql (store,
                                              "SELECT id FROM entry WHERE id % 7 = ? ORDER BY id",
                                              NULL);
  const char *keys[] = { "calls", "follow_up", "admin", "meetings" };

  sqlite3_bind_int (stmt, 1, (int) (round % 7));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  g_assert_true (mk_store_recategorise_entries (
    store, (gint64 *) (gpointer) ids->data, ids->len,
    mk_category_get_id (mk_store_get_category_by_key (store, keys[round % 4])), &error));
  g_assert_no_error (error);
  g_assert_true (mk_store_delete_entries (store, (gint64 *) (gpointer) ids->data,
                                          MIN (ids->len, 5), &error));
  g_assert_no_error (error);
}

static void
test_sync_kill_9 (void)
{
  g_auto(Three) t = { 0, };
  MkTeamSyncResult r = { 0, };
  g_autofree char *anna_path = NULL;
  g_autofree char *sv_path = NULL;
  g_autofree char *a = NULL;
  g_autofree char *s = NULL;
  g_autofree char *server = NULL;
  gulong full;

  three_set_up (&t, "kill");
  bulk_log (t.anna, 6000, 0);
  anna_path = g_strdup (mk_store_get_path (t.anna));
  sv_path = g_strdup (mk_store_get_path (t.sv));
  g_clear_object (&t.anna);
  g_clear_object (&t.sv);

  /* Sending, killed at 20 random moments, with changes in between. */
  full = timed_sync_us (anna_path);
  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(MkStore) anna = mk_store_open (anna_path, NULL);

      bulk_log (anna, 600, i + 1);
      churn (anna, i);
      g_clear_object (&anna);
      sync_killed (anna_path, full + full / 2);
      anna = mk_store_open (anna_path, NULL);
      mk_test_assert_consistent (anna);
    }
  t.anna = mk_store_open (anna_path, NULL);
  sync_ok (t.anna, &r);
  g_assert_cmpint (waiting (t.anna), ==, 0);
  a = local_entries (t.anna, NULL);
  server = server_entries (t.team, "Anna Petrova");
  g_assert_cmpstr (a, ==, server);

  /* Receiving, killed at 20 random moments, with new changes to receive. */
  full = timed_sync_us (sv_path);
  for (guint i = 0; i < 20; i++)
    {
      churn (t.anna, i + 3);
      bulk_log (t.anna, 300, i + 7);
      sync_ok (t.anna, &r);
      sync_killed (sv_path, full + full / 2);
      {
        g_autoptr(MkStore) sv = mk_store_open (sv_path, NULL);

        mk_test_assert_consistent (sv);
      }
    }
  t.sv = mk_store_open (sv_path, NULL);
  sync_ok (t.sv, &r);
  g_clear_pointer (&a, g_free);
  g_clear_pointer (&server, g_free);
  a = local_entries (t.anna, NULL);
  s = local_entries (t.sv, "Anna Petrova");
  server = server_entries (t.team, "Anna Petrova");
  g_assert_cmpstr (a, ==, server);
  g_assert_cmpstr (s, ==, server);
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = strchr (text, '\n'); p != NULL; p = strchr (p + 1, '\n'))
    n++;
  return n;
}

/* The server restarted at random moments of sending and of receiving: the
 * next sync finishes the job, both sides equal, nothing doubled. */
static void
test_sync_server_restart (void)
{
  g_auto(Three) t = { 0, };
  MkTeamSyncResult r = { 0, };
  g_autofree char *anna_path = NULL;
  g_autofree char *sv_path = NULL;
  g_autofree char *a = NULL;
  g_autofree char *s = NULL;
  g_autofree char *server = NULL;
  gulong full;
  guint logged = 3 + 6000;   /* Anna's: three_set_up()'s, then bulk_log()'s */

  three_set_up (&t, "restart");
  bulk_log (t.anna, 6000, 0);
  anna_path = g_strdup (mk_store_get_path (t.anna));
  sv_path = g_strdup (mk_store_get_path (t.sv));
  g_clear_object (&t.anna);
  g_clear_object (&t.sv);

  /* Sending. */
  full = timed_sync_us (anna_path);
  for (guint i = 0; i < 6; i++)
    {
      g_autoptr(MkStore) anna = mk_store_open (anna_path, NULL);

      bulk_log (anna, 2000, i + 1);
      churn (anna, i);
      logged += 2000 - 5;
      g_clear_object (&anna);
      sync_server_restarted (anna_path, full);
      anna = mk_store_open (anna_path, NULL);
      mk_test_assert_consistent (anna);
    }
  t.anna = mk_store_open (anna_path, NULL);
  sync_ok (t.anna, &r);
  g_assert_cmpint (waiting (t.anna), ==, 0);
  a = local_entries (t.anna, NULL);
  server = server_entries (t.team, "Anna Petrova");
  g_assert_cmpstr (a, ==, server);

  /* Receiving. */
  full = timed_sync_us (sv_path);
  for (guint i = 0; i < 6; i++)
    {
      churn (t.anna, i + 3);
      bulk_log (t.anna, 2000, i + 7);
      logged += 2000 - 5;
      sync_ok (t.anna, &r);
      sync_server_restarted (sv_path, full);
      {
        g_autoptr(MkStore) sv = mk_store_open (sv_path, NULL);

        mk_test_assert_consistent (sv);
      }
    }
  t.sv = mk_store_open (sv_path, NULL);
  sync_ok (t.sv, &r);
  sync_ok (t.anna, &r);
  g_assert_cmpint (waiting (t.anna), ==, 0);
  g_clear_pointer (&a, g_free);
  g_clear_pointer (&server, g_free);
  a = local_entries (t.anna, NULL);
  s = local_entries (t.sv, "Anna Petrova");
  server = server_entries (t.team, "Anna Petrova");
  g_assert_cmpstr (a, ==, server);
  g_assert_cmpstr (s, ==, server);
  /* Each once: as many as were logged and not deleted. */
  g_assert_cmpuint (count_lines (server), ==, logged);
}

/* A receive of many entries goes through the store's bulk path: new ones,
 * changed ones, tombstones and a change made here not yet sent, in one
 * transaction. */
static void
test_sync_big_receive (void)
{
  g_auto(Three) t = { 0, };
  MkTeamSyncResult r = { 0, };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(MkEntry) mine = NULL;
  g_autofree char *a = NULL;
  g_autofree char *s = NULL;
  g_autofree char *server = NULL;
  MkEntryInput in;
  sqlite3_stmt *stmt;
  gint64 sv_entries;

  three_set_up (&t, "big");
  bulk_log (t.anna, 200, 1);
  sync_ok (t.anna, &r);
  sync_ok (t.sv, &r);
  g_assert_cmpuint (r.received, ==, 203);

  /* Anna adds many, moves some the supervisor has and deletes others. */
  bulk_log (t.anna, 12000, 2);
  stmt = mk_store_stmt_for_sql (t.anna, "SELECT id FROM entry ORDER BY id LIMIT 30", NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  g_assert_true (mk_store_recategorise_entries (
    t.anna, (gint64 *) (gpointer) ids->data, 20,
    mk_category_get_id (mk_store_get_category_by_key (t.anna, "training")), &error));
  g_assert_true (mk_store_delete_entries (t.anna, &g_array_index (ids, gint64, 20), 10, &error));
  g_assert_no_error (error);
  sync_ok (t.anna, &r);

  /* The supervisor changed one of the moved entries meanwhile, unsent. */
  mine = mk_store_get_entry (t.anna, g_array_index (ids, gint64, 0), &error);
  g_assert_no_error (error);
  {
    gint64 there = mk_store_find_entry (t.sv, mk_entry_get_uuid (mine), NULL);
    g_autoptr(MkEntry) theirs = mk_store_get_entry (t.sv, there, &error);

    mk_entry_to_input (theirs, &in);
    in.minutes = 59;
    g_assert_true (mk_store_update_entry (t.sv, there, &in, &error));
  }
  sv_entries = mk_store_count_entries (t.sv);

  sync_ok (t.sv, &r);
  /* 12000 new, 19 moved (the 20th was the supervisor's to send, and won),
   * 10 deleted. */
  g_assert_cmpuint (r.received, ==, 12000 + 19 + 10);
  g_assert_cmpuint (r.sent, ==, 1);
  g_assert_cmpuint (r.conflicts, ==, 1);
  g_assert_cmpint (mk_store_count_entries (t.sv), ==, sv_entries + 12000 - 10);
  /* Received entries are nobody's import, and keep where they came from. */
  {
    sqlite3_stmt *sources = mk_store_stmt_for_sql (t.sv,
                                                   "SELECT count (*) FROM entry "
                                                   "WHERE batch_id IS NOT NULL OR source <> 0",
                                                   NULL);

    g_assert_cmpint (sqlite3_step (sources), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (sources, 0), ==, 0);
    sqlite3_reset (sources);
  }

  sync_ok (t.anna, &r);
  g_assert_cmpuint (r.received, ==, 1);
  a = local_entries (t.anna, NULL);
  s = local_entries (t.sv, "Anna Petrova");
  server = server_entries (t.team, "Anna Petrova");
  g_assert_cmpstr (a, ==, server);
  g_assert_cmpstr (s, ==, server);
}

/* The window's session: syncs in a thread, NOTIFY heard */

typedef struct {
  MkTeamSession    *session;
  guint             server_changed;
  guint             store_changed;
  gboolean          done;
  gboolean          ok;
  GError           *error;
  MkTeamSyncResult  result;
  GArray           *states;       /* MkTeamSessionState, as notified */
  guint             progress_calls;
  GThread          *main_thread;  /* where every signal must come */
} Window;

/* The session's news come on the context it was made on, whichever
 * thread caused them. */
static void
assert_on_main (Window *w)
{
  g_assert_true (g_thread_self () == w->main_thread);
}

/* Runs the main context until @check holds; only a hang reaches the limit.
 * Between two iterations the context is left free for a millisecond, as a
 * busy window's is between frames: a thread of the session that took it
 * then to run its news itself (g_main_context_invoke() does) would emit
 * them on the wrong thread, which assert_on_main() catches. */
static void
wait_until (gboolean (*check) (Window *),
            Window    *w,
            const char *what)
{
  gint64 limit = g_get_monotonic_time () + 90 * G_USEC_PER_SEC;

  while (!check (w))
    {
      if (g_get_monotonic_time () > limit)
        g_error ("waited 90 s for %s", what);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

static void
listening_notify_cb (MkTeamSession *session,
                     GParamSpec    *pspec,
                     Window        *w)
{
  assert_on_main (w);
}

static gboolean is_listening (Window *w) { return mk_team_session_get_listening (w->session); }
static gboolean is_deaf (Window *w) { return !mk_team_session_get_listening (w->session); }
static gboolean is_done (Window *w) { return w->done; }
static gboolean heard_one (Window *w) { return w->server_changed >= 1; }
static gboolean heard_two (Window *w) { return w->server_changed >= 2; }

static void
server_changed_cb (MkTeamSession *session,
                   Window        *w)
{
  assert_on_main (w);
  w->server_changed++;
}

static void
store_changed_cb (MkStore *store,
                  Window  *w)
{
  w->store_changed++;
}

static void
state_cb (MkTeamSession *session,
          GParamSpec    *pspec,
          Window        *w)
{
  MkTeamSessionState state = mk_team_session_get_state (session);

  assert_on_main (w);
  g_array_append_val (w->states, state);
}

static void
progress_notify_cb (MkTeamSession *session,
                    GParamSpec    *pspec,
                    Window        *w)
{
  double p = mk_team_session_get_progress (session);

  assert_on_main (w);
  g_assert_cmpfloat (p, >=, 0.0);
  g_assert_cmpfloat (p, <=, 1.0);
  w->progress_calls++;
}

static void
synced_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Window *w = user_data;

  mk_team_sync_result_clear (&w->result);
  g_clear_error (&w->error);
  w->ok = mk_team_session_sync_finish (MK_TEAM_SESSION (source), result, &w->result, &w->error);
  w->done = TRUE;
}

static void
window_sync (Window *w)
{
  w->done = FALSE;
  mk_team_session_sync_async (w->session, NULL, synced_cb, w);
  g_assert_cmpint (mk_team_session_get_state (w->session), ==, MK_TEAM_SESSION_SYNCING);
  wait_until (is_done, w, "the sync");
}

/* A window's session on @store, listening. */
static void
window_open (Window  *w,
             MkStore *store)
{
  w->states = g_array_new (FALSE, FALSE, sizeof (MkTeamSessionState));
  w->main_thread = g_thread_self ();
  w->session = mk_team_session_new (store);
  g_signal_connect (w->session, "notify::listening", G_CALLBACK (listening_notify_cb), w);
  g_signal_connect (w->session, "server-changed", G_CALLBACK (server_changed_cb), w);
  g_signal_connect (w->session, "notify::state", G_CALLBACK (state_cb), w);
  g_signal_connect (w->session, "notify::progress", G_CALLBACK (progress_notify_cb), w);
  mk_team_session_listen (w->session);
  wait_until (is_listening, w, "the listener to connect");
}

static void
window_close (Window *w)
{
  mk_team_session_stop_listening (w->session);
  g_assert_false (mk_team_session_get_listening (w->session));
  g_clear_object (&w->session);
  mk_team_sync_result_clear (&w->result);
  g_clear_error (&w->error);
  g_clear_pointer (&w->states, g_array_unref);
}

static void
test_session (void)
{
  g_auto(Three) t = { 0, };
  MkTeamSyncResult r = { 0, };
  g_autofree char *got = NULL;
  Window w = { 0, };

  three_set_up (&t, "session");
  sync_ok (t.anna, &r);
  sync_ok (t.sv, &r);

  g_signal_connect (t.anna, "changed", G_CALLBACK (store_changed_cb), &w);
  window_open (&w, t.anna);

  /* The supervisor logs an entry for Anna: her window hears of it… */
  log_entry (t.sv, "Anna Petrova", NULL, "2026-11-26", 9 * 60, 33, "calls",
             "logged by the supervisor");
  sync_ok (t.sv, &r);
  wait_until (heard_one, &w, "the NOTIFY");

  /* … syncs in a thread, and the window's store shows it. */
  window_sync (&w);
  g_assert_no_error (w.error);
  g_assert_true (w.ok);
  g_assert_cmpuint (w.result.received, ==, 1);
  g_assert_cmpint (mk_team_session_get_state (w.session), ==, MK_TEAM_SESSION_IDLE);
  g_assert_cmpfloat (mk_team_session_get_progress (w.session), ==, 1.0);
  g_assert_cmpuint (w.store_changed, >=, 1);
  got = local_minutes (t.anna, NULL);
  g_assert_nonnull (strstr (got, "Anna Petrova/calls=83×3;"));
  g_assert_cmpint (g_array_index (w.states, MkTeamSessionState, 0), ==,
                   MK_TEAM_SESSION_SYNCING);
  g_assert_cmpint (g_array_index (w.states, MkTeamSessionState, w.states->len - 1), ==,
                   MK_TEAM_SESSION_IDLE);

  /* Its own sync is not news to it: the next notification it hears is
   * the supervisor's, which comes after. */
  log_entry (t.anna, "Anna Petrova", NULL, "2026-11-26", 11 * 60, 12, "admin", "own");
  window_sync (&w);
  g_assert_cmpuint (w.result.sent, ==, 1);
  log_entry (t.sv, "Anna Petrova", NULL, "2026-11-27", 9 * 60, 7, "calls", "again");
  sync_ok (t.sv, &r);
  wait_until (heard_two, &w, "the second NOTIFY");
  g_assert_cmpuint (w.server_changed, ==, 2);

  /* The server goes away: the listener notices, a sync says offline… */
  pg_server (FALSE);
  wait_until (is_deaf, &w, "the listener to lose the server");
  window_sync (&w);
  g_assert_false (w.ok);
  g_assert_error (w.error, MK_TEAM_ERROR, MK_TEAM_ERROR_CONNECT);
  g_assert_cmpint (mk_team_session_get_state (w.session), ==, MK_TEAM_SESSION_OFFLINE);
  g_assert_nonnull (strstr (mk_team_session_get_message (w.session), "Cannot reach"));
  /* … and when it is back, both come back. */
  pg_server (TRUE);
  wait_until (is_listening, &w, "the listener to come back");
  window_sync (&w);
  g_assert_true (w.ok);
  g_assert_cmpuint (w.result.received, ==, 1);
  g_assert_cmpint (mk_team_session_get_state (w.session), ==, MK_TEAM_SESSION_IDLE);
  g_assert_null (mk_team_session_get_message (w.session));

  /* A wrong password (from the keyring, say) is told apart. */
  mk_team_session_set_password (w.session, "not the password");
  window_sync (&w);
  g_assert_error (w.error, MK_TEAM_ERROR, MK_TEAM_ERROR_PASSWORD);
  g_assert_cmpint (mk_team_session_get_state (w.session), ==, MK_TEAM_SESSION_FAILED);
  mk_team_session_set_password (w.session, NULL);

  g_signal_handlers_disconnect_by_data (t.anna, &w);
  window_close (&w);
}

/* The window's syncs run on the listening connection, logged in already:
 * with the password gone from .pgpass the window still syncs, where a
 * desktop connecting afresh could not; the connection is the listener's
 * again after each sync; a server restart under it costs nothing but a new
 * connection. */
static void
test_session_lends (void)
{
  g_auto(Three) t = { 0, };
  MkTeamSyncResult r = { 0, };
  g_autofree char *saved = NULL;
  g_autoptr(GError) error = NULL;
  const char *pgpass = pg_env ("PGPASSFILE");
  Window w = { 0, };

  three_set_up (&t, "lends");
  sync_ok (t.anna, &r);
  sync_ok (t.sv, &r);
  window_open (&w, t.anna);

  g_assert_true (g_file_get_contents (pgpass, &saved, NULL, NULL));
  g_assert_true (g_file_set_contents_full (pgpass, "", 0, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                           NULL));
  for (int i = 0; i < 2; i++)
    {
      log_entry (t.anna, "Anna Petrova", NULL, "2026-11-26", 9 * 60 + i, 5, "calls", "lent");
      window_sync (&w);
      g_assert_no_error (w.error);
      g_assert_true (w.ok);
      g_assert_cmpuint (w.result.sent, ==, 1);
    }
  g_assert_true (mk_team_session_get_listening (w.session));
  g_assert_false (mk_team_sync (t.anna, NULL, &r, NULL, NULL, NULL, &error));
  g_assert_error (error, MK_TEAM_ERROR, MK_TEAM_ERROR_PASSWORD);
  g_clear_error (&error);
  mk_team_sync_result_clear (&r);
  g_assert_true (g_file_set_contents_full (pgpass, saved, -1, G_FILE_SET_CONTENTS_CONSISTENT,
                                           0600, NULL));

  /* The server restarts under the listener, which may not know yet. */
  pg_server (FALSE);
  pg_server (TRUE);
  log_entry (t.anna, "Anna Petrova", NULL, "2026-11-26", 10 * 60, 5, "calls", "after");
  window_sync (&w);
  g_assert_no_error (w.error);
  g_assert_true (w.ok);
  g_assert_cmpuint (w.result.sent, ==, 1);
  wait_until (is_listening, &w, "the listener to come back");
  sync_ok (t.sv, &r);
  g_assert_cmpuint (r.received, ==, 3);

  mk_team_sync_result_clear (&r);
  window_close (&w);
}

/* The command line */

static void
test_cli_commands (void)
{
  g_autoptr(Team) team = team_new ();
  g_autofree char *db = mk_test_db_path ("cli.db");
  g_autofree char *anna = NULL;
  g_auto(CliRun) run = { 0, };

  g_unlink (db);
  {
    const char *argv[] = { "--team", team->owner, "--team-setup", NULL };

    cli_run (&run, argv);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "already up to date; nothing was changed"));
  }
  {
    const char *argv[] = { "--team", team->owner, "--team-add-person", "Anna Petrova",
                           "--login", "anna_cli", "--email", "anna@example.com", NULL };

    cli_run (&run, argv);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "Anna Petrova is in the team, with the login anna_cli."));
    g_assert_nonnull (strstr (run.out, "its password is "));
    {
      const char *p = strstr (run.out, "its password is ") + strlen ("its password is ");
      g_autofree char *password = g_strndup (p, 20);

      pg_remember_password ("anna_cli", password);
    }
  }
  anna = pg_conninfo ("anna_cli", team->db);
  {
    const char *argv[] = { "--db", db, "--sync", NULL };

    cli_run (&run, argv);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "does not exist"));
  }
  {
    const char *argv[] = { "--db", db, "--team", anna, "--team-join", NULL };

    cli_run (&run, argv);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "Joined the team."));
    g_assert_nonnull (strstr (run.out, "Login: anna_cli, manager Anna Petrova"));
  }
  {
    const char *argv[] = { "--db", db, "--team", anna, "--team-join", NULL };

    cli_run (&run, argv);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "already in the team"));
  }
  {
    const char *argv[] = { "--db", db, "--sync", NULL };

    cli_run (&run, argv);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, "sent 0, received 0, conflicts 0\n"
                                  "The team's settings were updated.\n");
  }
  {
    const char *argv[] = { "--db", db, "--team-status", NULL };

    cli_run (&run, argv);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "Server: anna_cli@"));
    g_assert_nonnull (strstr (run.out, "Last sync: 20"));
    g_assert_nonnull (strstr (run.out, "Changes waiting: 0 entries"));
    g_assert_null (strstr (run.out, "password"));
  }
  {
    const char *argv[] = { "--login", "x", "--sync", NULL };

    cli_run (&run, argv);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "--login does not go with --sync"));
  }
  {
    const char *argv[] = { "--db", db, "--team-leave", NULL };

    cli_run (&run, argv);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "Left the team at anna_cli@"));
  }
  {
    const char *argv[] = { "--db", db, "--team-status", NULL };

    cli_run (&run, argv);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "is in no team"));
  }
}

static void
async_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static void
count_changed (MkStore *store,
               guint   *n)
{
  (*n)++;
}

/* What the window's Preferences → Team does, in worker threads. */
static void
test_window_check_join_leave (void)
{
  g_autoptr(Team) team = team_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MkStore) store = desktop ("window-join.db");
  g_autofree char *conninfo = add_person (team, "Anna Petrova", NULL, "anna_w", FALSE);
  g_autofree char *host = g_strdup_printf ("%s:%s", pg_env ("MINUTKA_TEST_PG_HOST"),
                                           pg_env ("MINUTKA_TEST_PG_PORT"));
  g_autofree char *parts = NULL;
  g_autofree char *quoted = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MkTeamCheck) check = NULL;
  g_autoptr(MkTeamStatus) status = NULL;
  guint changed = 0;

  /* The fields of the form, as libpq reads them. */
  parts = mk_team_conninfo_from_parts (host, team->db, " anna_w ");
  quoted = mk_team_conninfo_from_parts ("db.example", "it's", NULL);
  g_assert_cmpstr (quoted, ==, "host='db.example' dbname='it\\'s'");

  /* Test Connection: who the login is, nothing changed. */
  check = mk_team_check (parts, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (check->login, ==, "anna_w");
  g_assert_cmpstr (check->person, ==, "Anna Petrova");
  g_assert_false (check->supervisor);
  g_assert_nonnull (strstr (check->server, "anna_w@"));
  g_clear_pointer (&check, mk_team_check_free);

  /* A wrong password: asked again, in the user's words (no English from
   * the server, no code). */
  mk_team_check_async (conninfo, "not-the-password", NULL, async_cb, &result);
  check = mk_team_check_finish (wait_result (&result), &error);
  g_assert_null (check);
  g_assert_error (error, MK_TEAM_ERROR, MK_TEAM_ERROR_PASSWORD);
  g_assert_nonnull (strstr (error->message, "did not take the password of the login “anna_w”"));
  g_assert_null (strstr (error->message, "FATAL"));
  g_assert_null (strstr (error->message, "28P01"));
  g_clear_error (&error);
  g_clear_object (&result);

  /* A database with no team. */
  {
    g_autofree char *other = g_strdup_printf ("host=%s port=%s user=anna_w dbname=postgres",
                                              pg_env ("MINUTKA_TEST_PG_HOST"),
                                              pg_env ("MINUTKA_TEST_PG_PORT"));

    g_assert_null (mk_team_check (other, NULL, &error));
    g_assert_error (error, MK_TEAM_ERROR, MK_TEAM_ERROR_NOT_SET_UP);
    g_clear_error (&error);
  }

  /* A database name mistyped is not a password problem, right password
   * or not. */
  {
    g_autofree char *typo = g_strdup_printf ("host=%s port=%s user=anna_w dbname=salez",
                                             pg_env ("MINUTKA_TEST_PG_HOST"),
                                             pg_env ("MINUTKA_TEST_PG_PORT"));

    g_assert_null (mk_team_check (typo, NULL, &error));
    g_assert_error (error, MK_TEAM_ERROR, MK_TEAM_ERROR_NOT_SET_UP);
    g_assert_nonnull (strstr (error->message, "has no database named “salez”"));
    g_clear_error (&error);
  }

  /* A login with no password anywhere: asked for one, not told it is
   * wrong. */
  {
    g_autofree char *nobody = g_strdup_printf ("host=%s port=%s user=no_such_login dbname=%s",
                                               pg_env ("MINUTKA_TEST_PG_HOST"),
                                               pg_env ("MINUTKA_TEST_PG_PORT"), "postgres");

    g_assert_null (mk_team_check (nobody, NULL, &error));
    g_assert_error (error, MK_TEAM_ERROR, MK_TEAM_ERROR_PASSWORD);
    g_assert_nonnull (strstr (error->message, "asks for the password of the login "
                                              "“no_such_login”"));
    g_clear_error (&error);
  }

  /* Joining in a worker: the window's store hears it at once. */
  g_signal_connect (store, "changed", G_CALLBACK (count_changed), &changed);
  mk_team_join_async (store, parts, NULL, NULL, async_cb, &result);
  status = mk_team_join_finish (store, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (status);
  g_assert_cmpstr (status->login, ==, "anna_w");
  g_assert_cmpuint (changed, >=, 1);
  g_clear_pointer (&status, mk_team_status_free);
  g_clear_object (&result);
  status = mk_team_get_status (store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (status);
  g_clear_pointer (&status, mk_team_status_free);

  /* Joined already: said so. */
  mk_team_join_async (store, parts, NULL, NULL, async_cb, &result);
  g_assert_null (mk_team_join_finish (store, wait_result (&result), &error));
  g_assert_error (error, MK_TEAM_ERROR, MK_TEAM_ERROR_JOINED);
  g_clear_error (&error);
  g_clear_object (&result);

  /* Leaving: the link goes, the store hears it. */
  changed = 0;
  mk_team_leave_async (store, NULL, async_cb, &result);
  g_assert_true (mk_team_leave_finish (store, wait_result (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, >=, 1);
  g_assert_null (mk_team_get_status (store, &error));
  g_assert_error (error, MK_TEAM_ERROR, MK_TEAM_ERROR_NOT_JOINED);
  g_signal_handlers_disconnect_by_func (store, count_changed, &changed);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/team/setup/twice-is-a-no-op", test_setup_twice_is_a_no_op);
  g_test_add_func ("/team/setup/upgrades-an-older-team", test_setup_upgrades_an_older_team);
  g_test_add_func ("/team/setup/refuses-a-newer-team", test_setup_refuses_a_newer_team);
  g_test_add_func ("/team/people/logins-and-passwords", test_people_logins_and_passwords);
  g_test_add_func ("/team/sync/three-desktops", test_sync_three_desktops);
  g_test_add_func ("/team/sync/anonymous-totals", test_sync_anonymous_totals);
  g_test_add_func ("/team/sync/server-down-then-back", test_sync_server_down_then_back);
  g_test_add_func ("/team/sync/conflict", test_sync_conflict);
  g_test_add_func ("/team/sync/team-settings", test_sync_team_settings);
  g_test_add_func ("/team/sync/other-peoples-entries-stay", test_sync_other_peoples_entries_stay);
  g_test_add_func ("/team/sync/moved-to-another", test_sync_moved_to_another);
  g_test_add_func ("/team/sync/big-receive", test_sync_big_receive);
  g_test_add_func ("/team/sync/kill-9", test_sync_kill_9);
  g_test_add_func ("/team/sync/server-restart", test_sync_server_restart);
  g_test_add_func ("/team/session/thread-notify-offline", test_session);
  g_test_add_func ("/team/session/lends-its-connection", test_session_lends);
  g_test_add_func ("/team/cli/commands", test_cli_commands);
  g_test_add_func ("/team/window/check-join-leave", test_window_check_join_leave);
  return g_test_run ();
}
