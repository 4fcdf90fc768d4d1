/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-team-link.c — a local database in a team: joining, leaving, status,
 * and the change log.
 *
 * Design notes.
 *
 * A local database is in at most one team: the one row of team_link (the
 * connection string as given — never with a password in it —, the team's
 * identity, this database's own identity as a sender, the login, the
 * person linked to it, whether it is the supervisor's, the last revision
 * received, when it last synced).
 *
 * The change log.  While the database is in a team, triggers record every
 * change of an entry in team_outbox in the change's own transaction, by
 * whatever writes it (the window, an import, the command line, even the
 * sqlite3 shell): one row per entry changed since it was last sent, with
 * `base`, the last revision this desktop had received when the entry was
 * first changed (how the server tells a conflict, mk-team-sync.c), and
 * `seq`, a counter that grows with every change (so that a change made
 * while a sync was sending is not taken for sent).  Deleting an entry is
 * recorded the same way: its identity with no entry left is a tombstone.
 * Changes that a sync receives are not recorded: the receiving transaction
 * sets team_link.receiving, which the triggers' WHEN clauses read (the flag
 * is never committed set).
 *
 * What the team owns (mk-team-owned.c): on the supervisor's database, a
 * change of a category, alias, setting or the study marks
 * team_link.owned_changed (a counter), and the next sync sends them; on a manager's
 * database, triggers refuse such a change ("minutka-team-owned", which the
 * store turns into MK_STORE_ERROR_TEAM_OWNED and a message).
 *
 * Joining matches the team's people with the local ones (by e-mail, then by
 * name, case and spacing ignored) and gives the local ones the team's
 * identities, matches categories by identity and key, records every local
 * entry as a change waiting to be sent, and adds the triggers — all in one
 * local transaction.  Leaving drops the triggers, the link and the log; the
 * entries stay.
 */
#define G_LOG_DOMAIN "mk-team"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mk-store-private.h"
#include "mk-team-async.h"
#include "mk-team-private.h"
#include "mk-team-server.h"

/* Recording changes of entries (see the top). */
static const char entry_triggers_sql[] =
  "CREATE TRIGGER team_entry_insert AFTER INSERT ON entry "
  "WHEN (SELECT receiving FROM team_link) = 0 BEGIN"
  "  UPDATE team_link SET change_seq = change_seq + 1;"
  "  INSERT INTO team_outbox (uuid, base, seq)"
  "    SELECT new.uuid, last_revision, change_seq FROM team_link WHERE true"
  "    ON CONFLICT (uuid) DO UPDATE SET seq = excluded.seq;"
  "END;"
  "CREATE TRIGGER team_entry_update AFTER UPDATE OF person_id, day, start, minutes, "
  "category_id, task ON entry WHEN (SELECT receiving FROM team_link) = 0 BEGIN"
  "  UPDATE team_link SET change_seq = change_seq + 1;"
  "  INSERT INTO team_outbox (uuid, base, seq)"
  "    SELECT new.uuid, last_revision, change_seq FROM team_link WHERE true"
  "    ON CONFLICT (uuid) DO UPDATE SET seq = excluded.seq;"
  "END;"
  "CREATE TRIGGER team_entry_delete AFTER DELETE ON entry "
  "WHEN (SELECT receiving FROM team_link) = 0 BEGIN"
  "  UPDATE team_link SET change_seq = change_seq + 1;"
  "  INSERT INTO team_outbox (uuid, base, seq)"
  "    SELECT old.uuid, last_revision, change_seq FROM team_link WHERE true"
  "    ON CONFLICT (uuid) DO UPDATE SET seq = excluded.seq;"
  "END;";

/* The tables the team owns, and what a change of them does on the
 * supervisor's database (marks them to be sent) and on a manager's (is
 * refused).  Written out: no SQL is made from names. */
static const char supervisor_triggers_sql[] =
  "CREATE TRIGGER team_owned_category_i AFTER INSERT ON category "
  "WHEN (SELECT receiving FROM team_link) = 0 BEGIN UPDATE team_link SET owned_changed = owned_changed + 1; END;"
  "CREATE TRIGGER team_owned_category_u AFTER UPDATE ON category "
  "WHEN (SELECT receiving FROM team_link) = 0 BEGIN UPDATE team_link SET owned_changed = owned_changed + 1; END;"
  "CREATE TRIGGER team_owned_category_d AFTER DELETE ON category "
  "WHEN (SELECT receiving FROM team_link) = 0 BEGIN UPDATE team_link SET owned_changed = owned_changed + 1; END;"
  "CREATE TRIGGER team_owned_alias_i AFTER INSERT ON category_alias "
  "WHEN (SELECT receiving FROM team_link) = 0 BEGIN UPDATE team_link SET owned_changed = owned_changed + 1; END;"
  "CREATE TRIGGER team_owned_alias_u AFTER UPDATE ON category_alias "
  "WHEN (SELECT receiving FROM team_link) = 0 BEGIN UPDATE team_link SET owned_changed = owned_changed + 1; END;"
  "CREATE TRIGGER team_owned_alias_d AFTER DELETE ON category_alias "
  "WHEN (SELECT receiving FROM team_link) = 0 BEGIN UPDATE team_link SET owned_changed = owned_changed + 1; END;"
  "CREATE TRIGGER team_owned_setting_i AFTER INSERT ON setting "
  "WHEN (SELECT receiving FROM team_link) = 0 BEGIN UPDATE team_link SET owned_changed = owned_changed + 1; END;"
  "CREATE TRIGGER team_owned_setting_u AFTER UPDATE ON setting "
  "WHEN (SELECT receiving FROM team_link) = 0 BEGIN UPDATE team_link SET owned_changed = owned_changed + 1; END;"
  "CREATE TRIGGER team_owned_setting_d AFTER DELETE ON setting "
  "WHEN (SELECT receiving FROM team_link) = 0 BEGIN UPDATE team_link SET owned_changed = owned_changed + 1; END;"
  "CREATE TRIGGER team_owned_study_i AFTER INSERT ON study "
  "WHEN (SELECT receiving FROM team_link) = 0 BEGIN UPDATE team_link SET owned_changed = owned_changed + 1; END;"
  "CREATE TRIGGER team_owned_study_u AFTER UPDATE ON study "
  "WHEN (SELECT receiving FROM team_link) = 0 BEGIN UPDATE team_link SET owned_changed = owned_changed + 1; END;"
  "CREATE TRIGGER team_owned_study_d AFTER DELETE ON study "
  "WHEN (SELECT receiving FROM team_link) = 0 BEGIN UPDATE team_link SET owned_changed = owned_changed + 1; END;";

static const char manager_triggers_sql[] =
  "CREATE TRIGGER team_owned_category_i BEFORE INSERT ON category "
  "WHEN (SELECT receiving FROM team_link) = 0 BEGIN SELECT RAISE (ABORT, 'minutka-team-owned'); END;"
  "CREATE TRIGGER team_owned_category_u BEFORE UPDATE ON category "
  "WHEN (SELECT receiving FROM team_link) = 0 BEGIN SELECT RAISE (ABORT, 'minutka-team-owned'); END;"
  "CREATE TRIGGER team_owned_category_d BEFORE DELETE ON category "
  "WHEN (SELECT receiving FROM team_link) = 0 BEGIN SELECT RAISE (ABORT, 'minutka-team-owned'); END;"
  "CREATE TRIGGER team_owned_alias_i BEFORE INSERT ON category_alias "
  "WHEN (SELECT receiving FROM team_link) = 0 BEGIN SELECT RAISE (ABORT, 'minutka-team-owned'); END;"
  "CREATE TRIGGER team_owned_alias_u BEFORE UPDATE ON category_alias "
  "WHEN (SELECT receiving FROM team_link) = 0 BEGIN SELECT RAISE (ABORT, 'minutka-team-owned'); END;"
  "CREATE TRIGGER team_owned_alias_d BEFORE DELETE ON category_alias "
  "WHEN (SELECT receiving FROM team_link) = 0 BEGIN SELECT RAISE (ABORT, 'minutka-team-owned'); END;"
  "CREATE TRIGGER team_owned_setting_i BEFORE INSERT ON setting "
  "WHEN (SELECT receiving FROM team_link) = 0 BEGIN SELECT RAISE (ABORT, 'minutka-team-owned'); END;"
  "CREATE TRIGGER team_owned_setting_u BEFORE UPDATE ON setting "
  "WHEN (SELECT receiving FROM team_link) = 0 BEGIN SELECT RAISE (ABORT, 'minutka-team-owned'); END;"
  "CREATE TRIGGER team_owned_setting_d BEFORE DELETE ON setting "
  "WHEN (SELECT receiving FROM team_link) = 0 BEGIN SELECT RAISE (ABORT, 'minutka-team-owned'); END;"
  "CREATE TRIGGER team_owned_study_i BEFORE INSERT ON study "
  "WHEN (SELECT receiving FROM team_link) = 0 BEGIN SELECT RAISE (ABORT, 'minutka-team-owned'); END;"
  "CREATE TRIGGER team_owned_study_u BEFORE UPDATE ON study "
  "WHEN (SELECT receiving FROM team_link) = 0 BEGIN SELECT RAISE (ABORT, 'minutka-team-owned'); END;"
  "CREATE TRIGGER team_owned_study_d BEFORE DELETE ON study "
  "WHEN (SELECT receiving FROM team_link) = 0 BEGIN SELECT RAISE (ABORT, 'minutka-team-owned'); END;";

static const char drop_triggers_sql[] =
  "DROP TRIGGER IF EXISTS team_entry_insert;"
  "DROP TRIGGER IF EXISTS team_entry_update;"
  "DROP TRIGGER IF EXISTS team_entry_delete;"
  "DROP TRIGGER IF EXISTS team_owned_category_i;"
  "DROP TRIGGER IF EXISTS team_owned_category_u;"
  "DROP TRIGGER IF EXISTS team_owned_category_d;"
  "DROP TRIGGER IF EXISTS team_owned_alias_i;"
  "DROP TRIGGER IF EXISTS team_owned_alias_u;"
  "DROP TRIGGER IF EXISTS team_owned_alias_d;"
  "DROP TRIGGER IF EXISTS team_owned_setting_i;"
  "DROP TRIGGER IF EXISTS team_owned_setting_u;"
  "DROP TRIGGER IF EXISTS team_owned_setting_d;"
  "DROP TRIGGER IF EXISTS team_owned_study_i;"
  "DROP TRIGGER IF EXISTS team_owned_study_u;"
  "DROP TRIGGER IF EXISTS team_owned_study_d;";

void
mk_team_link_free (MkTeamLink *link)
{
  if (link == NULL)
    return;
  g_free (link->conninfo);
  g_free (link->server);
  g_free (link->team_uuid);
  g_free (link->desktop_uuid);
  g_free (link->login);
  g_free (link);
}

/**
 * mk_team_link_read:
 * @store: a store
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the team @store is in, or %NULL with
 *   MK_TEAM_ERROR_NOT_JOINED (or a store error).
 */
MkTeamLink *
mk_team_link_read (MkStore *store,
                   GError **error)
{
  g_autoptr(MkTeamLink) link = NULL;
  sqlite3_stmt *stmt;
  MkStoreStep step;

  stmt = mk_store_stmt_for_sql (store,
                                "SELECT conninfo, server, team_uuid, desktop_uuid, login, "
                                "person_uuid, supervisor, last_revision, owned_changed "
                                "FROM team_link WHERE id = 1", error);
  if (stmt == NULL)
    return NULL;
  step = mk_store_step (store, stmt, error);
  if (step == MK_STORE_FAILED)
    return NULL;
  if (step == MK_STORE_DONE)
    {
      g_autofree char *name = g_filename_display_name (mk_store_get_path (store));

      g_set_error (error, MK_TEAM_ERROR, MK_TEAM_ERROR_NOT_JOINED,
                   _("%s is in no team. Join one with “minutka --db %s --team URI "
                     "--team-join”."), name, name);
      return NULL;
    }
  link = g_new0 (MkTeamLink, 1);
  link->conninfo = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  link->server = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  link->team_uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  link->desktop_uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  link->login = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  mk_store_column_uuid (stmt, 5, link->person_uuid);
  link->supervisor = sqlite3_column_int (stmt, 6) != 0;
  link->last_revision = sqlite3_column_int64 (stmt, 7);
  link->owned_changed = sqlite3_column_int (stmt, 8) != 0;
  sqlite3_reset (stmt);
  return g_steal_pointer (&link);
}

/**
 * mk_team_get_role:
 * @store: a store
 * @person: (out) (optional) (transfer full) (nullable): the name of the
 *   person linked to the login, when there is one
 *
 * Whether @store is in a team and with which role: one local read of one
 * row, cheap enough for a page to ask on every change of the store (unlike
 * mk_team_get_status(), which counts the changes waiting).
 *
 * Returns: the role; %MK_TEAM_ROLE_NONE also when the database cannot be read.
 */
MkTeamRole
mk_team_get_role (MkStore  *store,
                  char    **person)
{
  sqlite3_stmt *stmt;
  MkTeamRole role = MK_TEAM_ROLE_NONE;

  g_return_val_if_fail (MK_IS_STORE (store), MK_TEAM_ROLE_NONE);

  if (person != NULL)
    *person = NULL;
  stmt = mk_store_stmt_for_sql (store,
                                "SELECT l.supervisor, p.name FROM team_link l "
                                "LEFT JOIN person p ON p.uuid = l.person_uuid WHERE l.id = 1",
                                NULL);
  if (stmt == NULL)
    return MK_TEAM_ROLE_NONE;
  if (mk_store_step (store, stmt, NULL) == MK_STORE_ROW)
    {
      role = sqlite3_column_int (stmt, 0) != 0 ? MK_TEAM_ROLE_SUPERVISOR : MK_TEAM_ROLE_MANAGER;
      if (person != NULL && sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        *person = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  return role;
}

void
mk_team_status_free (MkTeamStatus *status)
{
  if (status == NULL)
    return;
  g_free (status->server);
  g_free (status->conninfo);
  g_free (status->login);
  g_free (status->person);
  g_free (status->last_sync);
  g_free (status);
}

/**
 * mk_team_get_status:
 * @store: a store
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): what @store knows of its team, or
 *   %NULL with MK_TEAM_ERROR_NOT_JOINED.
 */
MkTeamStatus *
mk_team_get_status (MkStore *store,
                    GError **error)
{
  g_autoptr(MkTeamLink) link = NULL;
  g_autoptr(MkTeamStatus) status = NULL;
  sqlite3_stmt *stmt;
  MkStoreStep step;

  g_return_val_if_fail (MK_IS_STORE (store), NULL);

  link = mk_team_link_read (store, error);
  if (link == NULL)
    return NULL;
  status = g_new0 (MkTeamStatus, 1);
  status->server = g_strdup (link->server);
  status->conninfo = g_strdup (link->conninfo);
  status->login = g_strdup (link->login);
  status->supervisor = link->supervisor;
  status->last_revision = link->last_revision;
  status->settings_waiting = link->owned_changed;

  stmt = mk_store_stmt_for_sql (store,
                                "SELECT (SELECT last_sync FROM team_link), "
                                "(SELECT count(*) FROM team_outbox), "
                                "(SELECT p.name FROM person p JOIN team_link l "
                                " ON p.uuid = l.person_uuid)", error);
  if (stmt == NULL || (step = mk_store_step (store, stmt, error)) != MK_STORE_ROW)
    return NULL;
  status->last_sync = sqlite3_column_type (stmt, 0) == SQLITE_NULL
                      ? NULL : g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  status->waiting = (guint64) sqlite3_column_int64 (stmt, 1);
  status->person = sqlite3_column_type (stmt, 2) == SQLITE_NULL
                   ? NULL : g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  sqlite3_reset (stmt);

  /* A manager's sync leaves other people's entries in the log (it may not
   * send them, mk-team-sync.c): they are not waiting to be sent, and
   * counting them so said "3 waiting" after every sync, for ever. */
  if (!link->supervisor && status->waiting > 0)
    {
      MkUuid me;

      stmt = mk_store_stmt_for_sql (store,
                                    "SELECT count(*) FROM team_outbox o "
                                    "JOIN entry e ON e.uuid = o.uuid "
                                    "JOIN person p ON p.id = e.person_id "
                                    "WHERE p.uuid IS NOT ?", error);
      if (stmt == NULL)
        return NULL;
      if (mk_uuid_parse (link->person_uuid, &me))
        sqlite3_bind_blob (stmt, 1, me.bytes, sizeof me.bytes, SQLITE_TRANSIENT);
      if ((step = mk_store_step (store, stmt, error)) != MK_STORE_ROW)
        return NULL;
      status->kept = (guint64) sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      status->waiting -= MIN (status->kept, status->waiting);
    }
  return g_steal_pointer (&status);
}

/* Joining */

typedef struct {
  char     uuid[MK_UUID_TEXT_LEN + 1];
  char    *name;
  char    *email;
} TeamPerson;

static void
team_person_clear (gpointer data)
{
  TeamPerson *p = data;

  g_free (p->name);
  g_free (p->email);
}

typedef struct {
  const char   *conninfo;
  char         *server;
  char         *team_uuid;
  char         *login;
  TeamPerson    me;
  gboolean      supervisor;
  GArray       *people;      /* TeamPerson: the team's, as the login sees them */
  GHashTable   *category_keys; /* key → uuid text, the team's categories */
  GPtrArray    *missing;     /* local category keys the team lacks */
} Join;

static void
join_clear (Join *join)
{
  g_free (join->server);
  g_free (join->team_uuid);
  g_free (join->login);
  team_person_clear (&join->me);
  g_clear_pointer (&join->people, g_array_unref);
  g_clear_pointer (&join->category_keys, g_hash_table_unref);
  g_clear_pointer (&join->missing, g_ptr_array_unref);
}

/* Gives the local person who is @p (by e-mail, then by name) @p's
 * identity; with @create, adds them when there is none.  Returns the local
 * id, or 0 (none, or @error set). */
static gint64
match_person (MkStore          *store,
              const TeamPerson *p,
              gboolean          create,
              GError          **error)
{
  g_autoptr(MkPerson) person = mk_store_find_person (store, p->name, p->email);
  sqlite3_stmt *stmt;
  MkUuid uuid;

  if (person == NULL && !create)
    return 0;
  if (person == NULL)
    {
      person = mk_store_ensure_person (store, p->name, p->email, error);
      if (person == NULL)
        return 0;
    }
  if (!mk_uuid_parse (p->uuid, &uuid))
    return mk_person_get_id (person);
  /* Another local person holding this identity (from an earlier join)
   * gives it up first. */
  stmt = mk_store_stmt_for_sql (store,
                                "UPDATE person SET uuid = ?1 WHERE id <> ?2 AND uuid = ?3", error);
  if (stmt == NULL)
    return 0;
  {
    MkUuid fresh;

    mk_uuid_generate (&fresh);
    sqlite3_bind_blob (stmt, 1, fresh.bytes, sizeof fresh.bytes, SQLITE_TRANSIENT);
    sqlite3_bind_int64 (stmt, 2, mk_person_get_id (person));
    sqlite3_bind_blob (stmt, 3, uuid.bytes, sizeof uuid.bytes, SQLITE_TRANSIENT);
    if (!mk_store_step_done (store, stmt, error))
      return 0;
  }
  stmt = mk_store_stmt_for_sql (store, "UPDATE person SET uuid = ?1 WHERE id = ?2", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_blob (stmt, 1, uuid.bytes, sizeof uuid.bytes, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, mk_person_get_id (person));
  if (!mk_store_step_done (store, stmt, error))
    return 0;
  return mk_person_get_id (person);
}

static gboolean
join_change (MkStore  *store,
             gpointer  user_data,
             GError  **error)
{
  Join *join = user_data;
  sqlite3_stmt *stmt;
  MkStoreStep step;
  MkUuid desktop, person_uuid;
  char desktop_text[MK_UUID_TEXT_LEN + 1];

  /* People: every one the login sees; the login's own is added if the
   * database does not have them yet. */
  for (guint i = 0; i < join->people->len; i++)
    if (match_person (store, &g_array_index (join->people, TeamPerson, i), FALSE, error) == 0 &&
        error != NULL && *error != NULL)
      return FALSE;
  if (match_person (store, &join->me, TRUE, error) == 0)
    return FALSE;

  /* Categories: the team's identity for a local category of the same key. */
  stmt = mk_store_stmt_for_sql (store, "SELECT key FROM category ORDER BY sort_order, id", error);
  if (stmt == NULL)
    return FALSE;
  while ((step = mk_store_step (store, stmt, error)) == MK_STORE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);

      if (!g_hash_table_contains (join->category_keys, key))
        g_ptr_array_add (join->missing, g_strdup (key));
    }
  if (step == MK_STORE_FAILED)
    return FALSE;
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, join->category_keys);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        MkUuid uuid;

        if (!mk_uuid_parse (value, &uuid))
          continue;
        stmt = mk_store_stmt_for_sql (store, "UPDATE category SET uuid = ?1 WHERE key = ?2",
                                      error);
        if (stmt == NULL)
          return FALSE;
        sqlite3_bind_blob (stmt, 1, uuid.bytes, sizeof uuid.bytes, SQLITE_TRANSIENT);
        sqlite3_bind_text (stmt, 2, key, -1, SQLITE_TRANSIENT);
        if (!mk_store_step_done (store, stmt, error))
          return FALSE;
      }
  }

  mk_uuid_generate (&desktop);
  mk_uuid_format (&desktop, desktop_text);
  mk_uuid_parse (join->me.uuid, &person_uuid);
  stmt = mk_store_stmt_for_sql (store,
                                "INSERT INTO team_link (id, conninfo, server, team_uuid, "
                                "desktop_uuid, login, person_uuid, supervisor) "
                                "VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, join->conninfo, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, join->server, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, join->team_uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, desktop_text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, join->login, -1, SQLITE_TRANSIENT);
  sqlite3_bind_blob (stmt, 6, person_uuid.bytes, sizeof person_uuid.bytes, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 7, join->supervisor);
  if (!mk_store_step_done (store, stmt, error))
    return FALSE;

  /* Every entry there is waits to be sent; from now on the triggers keep
   * the log. */
  return mk_store_exec (store,
                        "INSERT INTO team_outbox (uuid, base, seq) SELECT uuid, 0, 0 FROM entry",
                        _("joining the team"), error) &&
         mk_store_exec (store, entry_triggers_sql, _("joining the team"), error) &&
         mk_store_exec (store, join->supervisor ? supervisor_triggers_sql : manager_triggers_sql,
                        _("joining the team"), error);
}

/* Reads what joining needs from the server: the login, its person, the
 * people it sees and the team's categories. */
static gboolean
read_team (PGconn  *conn,
           Join    *join,
           GError **error)
{
  g_autoptr(PGresult) me = NULL;
  g_autoptr(PGresult) people = NULL;
  g_autoptr(PGresult) categories = NULL;

  if (!mk_team_check_schema (conn, &join->team_uuid, error))
    return FALSE;
  me = mk_team_query (conn,
                      "SELECT current_user, p.uuid, p.name, p.email, p.supervisor "
                      "FROM (SELECT 1) one LEFT JOIN minutka.person p ON p.login = current_user",
                      0, NULL, _("reading who you are in the team"), error);
  if (me == NULL)
    return FALSE;
  join->login = g_strdup (PQgetvalue (me, 0, 0));
  if (PQgetisnull (me, 0, 1))
    {
      g_set_error (error, MK_TEAM_ERROR, MK_TEAM_ERROR_NO_PERSON,
                   _("The login %s is linked to no person of the team. The team's owner links "
                     "it with “minutka --team URI --team-add-person NAME --login %s”."),
                   join->login, join->login);
      return FALSE;
    }
  g_strlcpy (join->me.uuid, PQgetvalue (me, 0, 1), sizeof join->me.uuid);
  join->me.name = g_strdup (PQgetvalue (me, 0, 2));
  join->me.email = PQgetisnull (me, 0, 3) ? NULL : g_strdup (PQgetvalue (me, 0, 3));
  join->supervisor = g_str_equal (PQgetvalue (me, 0, 4), "t");

  people = mk_team_query (conn, "SELECT uuid, name, email FROM minutka.person", 0, NULL,
                          _("reading the team's people"), error);
  if (people == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (people); i++)
    {
      TeamPerson p = { { 0 }, };

      g_strlcpy (p.uuid, PQgetvalue (people, i, 0), sizeof p.uuid);
      p.name = g_strdup (PQgetvalue (people, i, 1));
      p.email = PQgetisnull (people, i, 2) ? NULL : g_strdup (PQgetvalue (people, i, 2));
      g_array_append_val (join->people, p);
    }

  categories = mk_team_query (conn, "SELECT key, uuid FROM minutka.category", 0, NULL,
                              _("reading the team's categories"), error);
  if (categories == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (categories); i++)
    g_hash_table_insert (join->category_keys, g_strdup (PQgetvalue (categories, i, 0)),
                         g_strdup (PQgetvalue (categories, i, 1)));
  return TRUE;
}

/**
 * mk_team_check_free:
 * @check: (nullable): what mk_team_check() returned
 */
void
mk_team_check_free (MkTeamCheck *check)
{
  if (check == NULL)
    return;
  g_free (check->server);
  g_free (check->login);
  g_free (check->person);
  g_free (check);
}

/**
 * mk_team_check:
 * @conninfo: the team's database, as for mk_team_join()
 * @password: (nullable): the login's password for this connection only
 * @error: return location for a #GError
 *
 * Connects as joining would and reads who the login is in the team,
 * changing nothing anywhere: "Test Connection".
 *
 * Returns: (transfer full) (nullable): what the server showed, or %NULL
 *   with the error joining would give (the server's words).
 */
MkTeamCheck *
mk_team_check (const char  *conninfo,
               const char  *password,
               GError     **error)
{
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(PGresult) me = NULL;
  MkTeamCheck *check;

  g_return_val_if_fail (conninfo != NULL, NULL);

  if (!mk_team_conninfo_check (conninfo, error))
    return NULL;
  conn = mk_team_connect (conninfo, password, error);
  if (conn == NULL || !mk_team_check_schema (conn, NULL, error))
    return NULL;
  me = mk_team_query (conn,
                      "SELECT current_user, p.name, p.supervisor "
                      "FROM (SELECT 1) one LEFT JOIN minutka.person p ON p.login = current_user",
                      0, NULL, _("reading who you are in the team"), error);
  if (me == NULL)
    return NULL;
  if (PQgetisnull (me, 0, 1))
    {
      const char *login = PQgetvalue (me, 0, 0);

      g_set_error (error, MK_TEAM_ERROR, MK_TEAM_ERROR_NO_PERSON,
                   _("The login %s is linked to no person of the team. The team's owner links "
                     "it with “minutka --team URI --team-add-person NAME --login %s”."),
                   login, login);
      return NULL;
    }
  check = g_new0 (MkTeamCheck, 1);
  check->server = mk_team_describe_server (conninfo);
  check->login = g_strdup (PQgetvalue (me, 0, 0));
  check->person = g_strdup (PQgetvalue (me, 0, 1));
  check->supervisor = g_str_equal (PQgetvalue (me, 0, 2), "t");
  return check;
}

/**
 * mk_team_join:
 * @store: a store in no team
 * @conninfo: the team's database, as a libpq connection string or URI,
 *   without a password (give it through ~/.pgpass, PGPASSFILE or a service
 *   file)
 * @password: (nullable): the login's password for this connection only
 *   (never stored), or %NULL to let libpq find it
 * @status: (out) (optional) (transfer full): the team as joined
 * @error: return location for a #GError
 *
 * Links @store to the team, in one local transaction (see the top); sends
 * and receives nothing — the next sync does.  The supervisor's categories
 * that the team lacks are added to the team at once, so that their entries
 * can be sent; a manager whose entries use a category the team lacks is
 * refused, naming it.
 *
 * Returns: %TRUE once joined.
 */
gboolean
mk_team_join (MkStore       *store,
              const char    *conninfo,
              const char    *password,
              MkTeamStatus **status,
              GError       **error)
{
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(GError) not_joined = NULL;
  g_autoptr(MkTeamLink) link = NULL;
  Join join = { 0, };
  gboolean ok = FALSE;

  g_return_val_if_fail (MK_IS_STORE (store), FALSE);
  g_return_val_if_fail (conninfo != NULL, FALSE);

  if (!mk_team_conninfo_check (conninfo, error))
    return FALSE;
  link = mk_team_link_read (store, &not_joined);
  if (link != NULL)
    {
      g_set_error (error, MK_TEAM_ERROR, MK_TEAM_ERROR_JOINED,
                   _("This database is already in the team at %s. Leave it first with "
                     "--team-leave."), link->server);
      return FALSE;
    }
  if (!g_error_matches (not_joined, MK_TEAM_ERROR, MK_TEAM_ERROR_NOT_JOINED))
    {
      g_propagate_error (error, g_steal_pointer (&not_joined));
      return FALSE;
    }

  conn = mk_team_connect (conninfo, password, error);
  if (conn == NULL)
    return FALSE;
  join.conninfo = conninfo;
  join.server = mk_team_describe_server (conninfo);
  join.people = g_array_new (FALSE, TRUE, sizeof (TeamPerson));
  g_array_set_clear_func (join.people, team_person_clear);
  join.category_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  join.missing = g_ptr_array_new_with_free_func (g_free);
  if (!mk_team_exec (conn, "BEGIN", _("joining the team"), error) || !read_team (conn, &join, error))
    goto out;

  if (!mk_store_change (store, join_change, &join, error))
    goto out;

  if (join.missing->len > 0)
    {
      g_autoptr(MkTeamOwned) owned = mk_team_owned_read_local (store, error);
      g_autoptr(GString) keys = g_string_new (NULL);

      if (owned == NULL)
        goto out;
      if (!join.supervisor)
        {
          /* Only the keys used by the manager's own entries matter. */
          sqlite3_stmt *stmt = mk_store_stmt_for_sql (store,
                                                      "SELECT count(*) FROM entry e "
                                                      "JOIN category c ON c.id = e.category_id "
                                                      "JOIN person p ON p.id = e.person_id "
                                                      "JOIN team_link l ON p.uuid = l.person_uuid "
                                                      "WHERE c.key = ?", error);
          if (stmt == NULL)
            goto out;
          for (guint i = 0; i < join.missing->len; i++)
            {
              const char *key = g_ptr_array_index (join.missing, i);

              sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
              if (mk_store_step (store, stmt, error) != MK_STORE_ROW)
                goto out;
              if (sqlite3_column_int64 (stmt, 0) > 0)
                g_string_append_printf (keys, "%s%s", keys->len ? ", " : "", key);
              sqlite3_reset (stmt);
            }
          if (keys->len > 0)
            {
              mk_team_leave (store, NULL);
              g_set_error (error, MK_TEAM_ERROR, MK_TEAM_ERROR_INVALID,
                           _("Your entries use categories the team does not have (%s). Ask the "
                             "supervisor to add them, or move those entries to one of the "
                             "team's categories, then join again."), keys->str);
              goto out;
            }
        }
      else
        {
          /* The supervisor's own categories join the team now. */
          g_autoptr(MkTeamOwned) missing = mk_team_owned_new ();

          for (guint i = 0; i < owned->categories->len; i++)
            {
              MkTeamCategory *c = &g_array_index (owned->categories, MkTeamCategory, i);

              if (!g_ptr_array_find_with_equal_func (join.missing, c->key, g_str_equal, NULL))
                continue;
              g_array_append_val (missing->categories, *c);
              /* The copy owns the strings now. */
              memset (c, 0, sizeof *c);
            }
          if (!mk_team_owned_send (conn, missing, error))
            {
              mk_team_leave (store, NULL);
              goto out;
            }
        }
    }
  if (!mk_team_exec (conn, "COMMIT", _("joining the team"), error))
    {
      mk_team_leave (store, NULL);
      goto out;
    }
  if (status != NULL)
    *status = mk_team_get_status (store, NULL);
  ok = TRUE;

out:
  join_clear (&join);
  return ok;
}

static gboolean
leave_change (MkStore  *store,
              gpointer  user_data,
              GError  **error)
{
  return mk_store_exec (store, drop_triggers_sql, _("leaving the team"), error) &&
         mk_store_exec (store, "DELETE FROM team_outbox; DELETE FROM team_sender; DELETE FROM team_link",
                        _("leaving the team"), error);
}

/**
 * mk_team_leave:
 * @store: a store in a team
 * @error: return location for a #GError
 *
 * Unlinks @store from its team, in one transaction: the link, the log of
 * changes not yet sent and the triggers go; the entries stay.
 *
 * Returns: %TRUE once left; MK_TEAM_ERROR_NOT_JOINED when in no team.
 */
gboolean
mk_team_leave (MkStore *store,
               GError **error)
{
  g_autoptr(MkTeamLink) link = NULL;

  g_return_val_if_fail (MK_IS_STORE (store), FALSE);

  link = mk_team_link_read (store, error);
  if (link == NULL)
    return FALSE;
  return mk_store_change (store, leave_change, NULL, error);
}
