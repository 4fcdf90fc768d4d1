/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-team-server.c — the team's PostgreSQL database: its schema, its
 * roles and row-level security, and the connection to it.
 *
 * Design notes.
 *
 * Everything lives in the schema `minutka` of a database the team's owner
 * chose; the owner (who runs --team-setup) owns every object.  The schema
 * is versioned in minutka.meta (schema_version); setup creates or upgrades
 * it in one transaction, under an advisory lock so that two setups do not
 * race, and refuses a newer one.
 *
 * Tables (schema version 6): person, category, alias, setting, study, entry
 * (each row with the server's revision, who changed it and when),
 * entry_history (versions a later change overwrote), entry_moved (version
 * 5: entries given to another person, for the person who had them), meta,
 * secret (the salt of the anonymous totals; no member may read it), and
 * the view team_totals (version 2).  Entries have no foreign keys (version
 * 3, see schema_v3_sql); their revisions have a B-tree index (version 4).
 *
 * Revisions.  Every change of a row takes a new revision from the one
 * sequence minutka.revision: an INSERT by the column's default, an UPDATE
 * by the row trigger `stamp` (which also records changed_by and
 * changed_at).  Members may not write those columns (column privileges),
 * so a revision is never forged.  A desktop receives the rows whose
 * revision is above the last it received; that is only safe if revisions
 * become visible in their order.  So every statement that writes a team
 * table first takes one transaction-scoped advisory lock (the statement
 * trigger `lock_revisions`): writers commit one after another, and a row
 * committed later always has a higher revision than every row a reader can
 * see.  A reader takes the highest revision visible in its snapshot
 * (minutka.max_revision()) as its new position.
 *
 * Deleting an entry leaves a tombstone (trigger `tombstone`: a DELETE
 * becomes deleted = true), so that every desktop learns of it.
 *
 * Every version of an entry records which desktop wrote it (`origin`, from
 * the transaction's setting minutka.origin, which a syncing desktop sets to
 * its own identity; NULL when written another way, such as psql): a
 * desktop does not receive back what it sent, and tells its own earlier
 * version from another's when it looks for conflicts (mk-team-sync.c).
 *
 * Who may do what (row-level security; the owner bypasses it):
 *  - a supervisor (person.supervisor of the login) reads and writes every
 *    row;
 *  - a manager reads and writes the entries and history of the person
 *    linked to their login, reads their own person row, and reads
 *    categories, aliases, settings and the study; team_totals (a view that
 *    runs as the owner) gives everyone the per-person-day, per-category
 *    totals under anonymous member keys;
 *  - nobody but the owner changes logins or who is a supervisor.
 * The policies compare with (SELECT minutka.person_of (current_user)): a
 * sub-select is evaluated once per statement, not once per row.  Those
 * functions answer only for the asking login (version 6).
 *
 * NOTIFY minutka_team is sent once per writing transaction, after it
 * commits, so that running windows can receive at once; its payload is the
 * writing desktop's identity (empty when written another way), so that a
 * desktop can ignore its own (MkTeamSession).
 *
 * Connection strings, passwords and TLS are libpq's (~/.pgpass, PGPASSFILE,
 * service files, sslmode).  A connection string that carries a password
 * is refused where Minutka would store it (mk-team-link.c), and none is
 * ever printed (mk_team_describe_server()).
 */
#define G_LOG_DOMAIN "mk-team"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <poll.h>
#include <string.h>
#include <sys/random.h>

#include "mk-team-private.h"
#include "mk-team-server.h"

G_DEFINE_QUARK (mk-team-error-quark, mk_team_error)

/* Seconds to wait for a server that does not answer. */
#define CONNECT_TIMEOUT "10"
/* A connection the server refused this soon is asked again with verbose
 * errors, for the server's error code (mk_team_connect()). */
#define VERBOSE_RETRY_WITHIN_US (3 * G_USEC_PER_SEC)
#define VERBOSE_RETRY_TIMEOUT_MS 5000

/* Version 1: the tables, revisions, tombstones and row-level security. */
static const char schema_v1_sql[] =
  "CREATE SCHEMA minutka;"
  "CREATE TABLE minutka.meta (key text PRIMARY KEY, value text NOT NULL);"
  "CREATE TABLE minutka.secret (key text PRIMARY KEY, value text NOT NULL);"
  "CREATE SEQUENCE minutka.revision;"
  "CREATE FUNCTION minutka.lock_revisions () RETURNS trigger LANGUAGE plpgsql AS $f$"
  "BEGIN"
  "  PERFORM pg_advisory_xact_lock (1296979019, 1);"
  "  RETURN NULL;"
  "END $f$;"
  "CREATE FUNCTION minutka.stamp () RETURNS trigger LANGUAGE plpgsql AS $f$"
  "BEGIN"
  "  NEW.revision := nextval ('minutka.revision');"
  "  NEW.changed_by := current_user;"
  "  NEW.changed_at := now ();"
  "  IF TG_TABLE_NAME = 'entry' THEN"
  "    NEW.origin := nullif (current_setting ('minutka.origin', true), '')::uuid;"
  "  END IF;"
  "  RETURN NEW;"
  "END $f$;"
  "CREATE FUNCTION minutka.notify () RETURNS trigger LANGUAGE plpgsql AS $f$"
  "BEGIN"
  "  PERFORM pg_notify ('minutka_team',"
  "                     coalesce (current_setting ('minutka.origin', true), ''));"
  "  RETURN NULL;"
  "END $f$;"
  "CREATE TABLE minutka.person ("
  "  uuid uuid PRIMARY KEY,"
  "  name text NOT NULL CHECK (length (btrim (name)) > 0),"
  "  email text,"
  "  level text NOT NULL DEFAULT '' CHECK (level IN ('', 'junior', 'middle', 'senior')),"
  "  team text,"
  "  archived boolean NOT NULL DEFAULT false,"
  "  login name UNIQUE,"
  "  supervisor boolean NOT NULL DEFAULT false,"
  "  revision bigint NOT NULL DEFAULT nextval ('minutka.revision'),"
  "  changed_by name NOT NULL DEFAULT current_user,"
  "  changed_at timestamptz NOT NULL DEFAULT now ()"
  ");"
  "CREATE UNIQUE INDEX person_email ON minutka.person (lower (email)) WHERE email IS NOT NULL;"
  "CREATE TABLE minutka.category ("
  "  uuid uuid PRIMARY KEY,"
  "  key text NOT NULL UNIQUE,"
  "  name text,"
  "  color text NOT NULL,"
  "  class text NOT NULL CHECK (class IN ('selling', 'supporting', 'non_selling')),"
  "  target_min double precision NOT NULL DEFAULT -1,"
  "  target_max double precision NOT NULL DEFAULT -1,"
  "  sort_order integer NOT NULL DEFAULT 0,"
  "  archived boolean NOT NULL DEFAULT false,"
  "  revision bigint NOT NULL DEFAULT nextval ('minutka.revision'),"
  "  changed_by name NOT NULL DEFAULT current_user,"
  "  changed_at timestamptz NOT NULL DEFAULT now ()"
  ");"
  "CREATE TABLE minutka.alias ("
  "  alias text PRIMARY KEY,"
  "  category uuid NOT NULL REFERENCES minutka.category (uuid),"
  "  deleted boolean NOT NULL DEFAULT false,"
  "  revision bigint NOT NULL DEFAULT nextval ('minutka.revision'),"
  "  changed_by name NOT NULL DEFAULT current_user,"
  "  changed_at timestamptz NOT NULL DEFAULT now ()"
  ");"
  "CREATE TABLE minutka.setting ("
  "  key text PRIMARY KEY,"
  "  value text NOT NULL,"
  "  revision bigint NOT NULL DEFAULT nextval ('minutka.revision'),"
  "  changed_by name NOT NULL DEFAULT current_user,"
  "  changed_at timestamptz NOT NULL DEFAULT now ()"
  ");"
  "CREATE TABLE minutka.study ("
  "  id integer PRIMARY KEY CHECK (id = 1),"
  "  name text NOT NULL DEFAULT '',"
  "  day_from date,"
  "  day_to date CHECK (day_to >= day_from),"
  "  active boolean NOT NULL DEFAULT false,"
  "  revision bigint NOT NULL DEFAULT nextval ('minutka.revision'),"
  "  changed_by name NOT NULL DEFAULT current_user,"
  "  changed_at timestamptz NOT NULL DEFAULT now ()"
  ");"
  "CREATE TABLE minutka.entry ("
  "  uuid uuid PRIMARY KEY,"
  "  person uuid NOT NULL REFERENCES minutka.person (uuid),"
  "  day date NOT NULL,"
  "  start smallint CHECK (start BETWEEN 0 AND 1439),"
  "  minutes smallint NOT NULL CHECK (minutes BETWEEN 1 AND 1440),"
  "  category uuid NOT NULL REFERENCES minutka.category (uuid),"
  "  task text NOT NULL DEFAULT '',"
  "  source smallint NOT NULL DEFAULT 0,"
  "  deleted boolean NOT NULL DEFAULT false,"
  "  origin uuid DEFAULT nullif (current_setting ('minutka.origin', true), '')::uuid,"
  "  revision bigint NOT NULL DEFAULT nextval ('minutka.revision'),"
  "  changed_by name NOT NULL DEFAULT current_user,"
  "  changed_at timestamptz NOT NULL DEFAULT now ()"
  ");"
  "CREATE INDEX entry_revision ON minutka.entry (revision);"
  "CREATE TABLE minutka.entry_history ("
  "  id bigserial PRIMARY KEY,"
  "  uuid uuid NOT NULL,"
  "  person uuid NOT NULL,"
  "  day date NOT NULL,"
  "  start smallint,"
  "  minutes smallint NOT NULL,"
  "  category uuid NOT NULL,"
  "  task text NOT NULL,"
  "  source smallint NOT NULL,"
  "  deleted boolean NOT NULL,"
  "  origin uuid,"
  "  revision bigint NOT NULL,"
  "  changed_by name NOT NULL,"
  "  changed_at timestamptz NOT NULL,"
  "  overwritten_by name NOT NULL DEFAULT current_user,"
  "  overwritten_at timestamptz NOT NULL DEFAULT now ()"
  ");"
  "CREATE FUNCTION minutka.entry_tombstone () RETURNS trigger LANGUAGE plpgsql AS $f$"
  "BEGIN"
  "  UPDATE minutka.entry SET deleted = true WHERE uuid = OLD.uuid AND NOT deleted;"
  "  RETURN NULL;"
  "END $f$;"
  "CREATE TRIGGER tombstone BEFORE DELETE ON minutka.entry"
  "  FOR EACH ROW EXECUTE FUNCTION minutka.entry_tombstone ();"
  /* The functions the policies ask, as the owner (the person table has
   * policies of its own, which must not ask themselves). */
  "CREATE FUNCTION minutka.person_of (login name) RETURNS uuid LANGUAGE sql STABLE"
  "  SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$"
  "  SELECT uuid FROM minutka.person WHERE person.login = $1"
  "$f$;"
  "CREATE FUNCTION minutka.is_supervisor (login name) RETURNS boolean LANGUAGE sql STABLE"
  "  SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$"
  "  SELECT coalesce ((SELECT supervisor FROM minutka.person WHERE person.login = $1), false)"
  "$f$;"
  "CREATE FUNCTION minutka.max_revision () RETURNS bigint LANGUAGE sql STABLE"
  "  SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$"
  "  SELECT greatest ((SELECT max (revision) FROM minutka.entry),"
  "                   (SELECT max (revision) FROM minutka.person),"
  "                   (SELECT max (revision) FROM minutka.category),"
  "                   (SELECT max (revision) FROM minutka.alias),"
  "                   (SELECT max (revision) FROM minutka.setting),"
  "                   (SELECT max (revision) FROM minutka.study), 0)"
  "$f$;"
  "ALTER TABLE minutka.entry ENABLE ROW LEVEL SECURITY;"
  "CREATE POLICY supervisor ON minutka.entry"
  "  USING ((SELECT minutka.is_supervisor (current_user)))"
  "  WITH CHECK ((SELECT minutka.is_supervisor (current_user)));"
  "CREATE POLICY own ON minutka.entry"
  "  USING (person = (SELECT minutka.person_of (current_user)))"
  "  WITH CHECK (person = (SELECT minutka.person_of (current_user)));"
  "ALTER TABLE minutka.entry_history ENABLE ROW LEVEL SECURITY;"
  "CREATE POLICY supervisor ON minutka.entry_history"
  "  USING ((SELECT minutka.is_supervisor (current_user)))"
  "  WITH CHECK ((SELECT minutka.is_supervisor (current_user)));"
  "CREATE POLICY own ON minutka.entry_history"
  "  USING (person = (SELECT minutka.person_of (current_user)))"
  "  WITH CHECK (person = (SELECT minutka.person_of (current_user)));"
  "ALTER TABLE minutka.person ENABLE ROW LEVEL SECURITY;"
  "CREATE POLICY supervisor ON minutka.person"
  "  USING ((SELECT minutka.is_supervisor (current_user)))"
  "  WITH CHECK ((SELECT minutka.is_supervisor (current_user)));"
  "CREATE POLICY own ON minutka.person FOR SELECT USING (login = current_user);"
  "ALTER TABLE minutka.category ENABLE ROW LEVEL SECURITY;"
  "CREATE POLICY everyone ON minutka.category FOR SELECT USING (true);"
  "CREATE POLICY supervisor ON minutka.category"
  "  USING ((SELECT minutka.is_supervisor (current_user)))"
  "  WITH CHECK ((SELECT minutka.is_supervisor (current_user)));"
  "ALTER TABLE minutka.alias ENABLE ROW LEVEL SECURITY;"
  "CREATE POLICY everyone ON minutka.alias FOR SELECT USING (true);"
  "CREATE POLICY supervisor ON minutka.alias"
  "  USING ((SELECT minutka.is_supervisor (current_user)))"
  "  WITH CHECK ((SELECT minutka.is_supervisor (current_user)));"
  "ALTER TABLE minutka.setting ENABLE ROW LEVEL SECURITY;"
  "CREATE POLICY everyone ON minutka.setting FOR SELECT USING (true);"
  "CREATE POLICY supervisor ON minutka.setting"
  "  USING ((SELECT minutka.is_supervisor (current_user)))"
  "  WITH CHECK ((SELECT minutka.is_supervisor (current_user)));"
  "ALTER TABLE minutka.study ENABLE ROW LEVEL SECURITY;"
  "CREATE POLICY everyone ON minutka.study FOR SELECT USING (true);"
  "CREATE POLICY supervisor ON minutka.study"
  "  USING ((SELECT minutka.is_supervisor (current_user)))"
  "  WITH CHECK ((SELECT minutka.is_supervisor (current_user)));";

/* The triggers every team table has (see the top); the table names are
 * this list's, never data. */
static const char *const revised_tables[] = {
  "person", "category", "alias", "setting", "study", "entry",
};

/* Version 2: the anonymous totals, and the history found by entry. */
static const char schema_v2_sql[] =
  "CREATE INDEX entry_history_uuid ON minutka.entry_history (uuid);"
  "INSERT INTO minutka.secret (key, value) VALUES ('member_salt', gen_random_uuid ()::text)"
  "  ON CONFLICT (key) DO NOTHING;"
  "CREATE VIEW minutka.team_totals AS"
  "  SELECT encode (sha256 (convert_to (e.person::text || s.value, 'UTF8')), 'hex') AS member,"
  "         e.day, c.key AS category, sum (e.minutes)::integer AS minutes,"
  "         count (*)::integer AS entries,"
  "         sum (CASE WHEN e.start IS NULL THEN 0 ELSE e.minutes END)::integer AS timed_minutes"
  "  FROM minutka.entry e"
  "  JOIN minutka.category c ON c.uuid = e.category"
  "  JOIN minutka.secret s ON s.key = 'member_salt'"
  "  WHERE NOT e.deleted"
  "  GROUP BY 1, e.day, c.key;";

/* Version 3: entries without foreign keys, and a block-range index of
 * revisions.  Checking both references of every row took two thirds of
 * the time of sending a million entries; the sync statement checks them
 * against the people and categories in one pass instead (mk-team-sync.c),
 * and people and categories are never deleted, only archived.  The
 * revisions of new rows grow with the table, which a BRIN index follows at
 * almost no cost. */
static const char schema_v3_sql[] =
  "ALTER TABLE minutka.entry DROP CONSTRAINT IF EXISTS entry_person_fkey,"
  "  DROP CONSTRAINT IF EXISTS entry_category_fkey;"
  "DROP INDEX minutka.entry_revision;"
  "CREATE INDEX entry_revision ON minutka.entry USING brin (revision)"
  "  WITH (pages_per_range = 16);";

/* Version 4: a B-tree index of revisions again.  A block-range index
 * serves no max() and, without fresh statistics, no range either: every
 * sync read the whole entry table three times (max_revision(), the count
 * and the COPY of what came after its position), about 0.4 s each with a
 * million entries on a loaded machine, however little had changed.  The
 * revisions of new rows are the highest, so a B-tree grows at its right
 * edge, which costs a bulk send little. */
static const char schema_v4_sql[] =
  "DROP INDEX minutka.entry_revision;"
  "CREATE INDEX entry_revision ON minutka.entry (revision);";

/* Version 5: what a manager needs when the supervisor gives one of her
 * entries to another person (merging two people, editing the entry's
 * person, or in psql).  Row-level security hides the entry from her from
 * then on, so she would never learn of the move and would keep a stale
 * copy; and a change she made to it would be an INSERT of an identity the
 * server has (the primary key ignores the policies), refusing her whole
 * send.  So:
 *  - every change of an entry's person leaves a row in entry_moved with
 *    the person who had it and the revision of the change (the entry's
 *    new one, so max_revision() covers it); she reads her own rows and
 *    drops those entries as if deleted (mk-team-sync.c);
 *  - existing_entries() tells which of the given identities the server
 *    has, whoever's they are, so that her send can leave out, entry by
 *    entry, what is no longer hers.  It says no more than the refused
 *    INSERT would have said. */
static const char schema_v5_sql[] =
  "CREATE TABLE minutka.entry_moved ("
  "  uuid uuid NOT NULL,"
  "  person uuid NOT NULL,"
  "  revision bigint NOT NULL"
  ");"
  "CREATE INDEX entry_moved_revision ON minutka.entry_moved (revision);"
  "ALTER TABLE minutka.entry_moved ENABLE ROW LEVEL SECURITY;"
  "CREATE POLICY own ON minutka.entry_moved FOR SELECT"
  "  USING (person = (SELECT minutka.person_of (current_user)));"
  "CREATE FUNCTION minutka.record_move () RETURNS trigger LANGUAGE plpgsql"
  "  SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$"
  "BEGIN"
  "  INSERT INTO minutka.entry_moved (uuid, person, revision)"
  "    VALUES (OLD.uuid, OLD.person, NEW.revision);"
  "  RETURN NULL;"
  "END $f$;"
  "CREATE TRIGGER moved AFTER UPDATE OF person ON minutka.entry FOR EACH ROW"
  "  WHEN (OLD.person IS DISTINCT FROM NEW.person)"
  "  EXECUTE FUNCTION minutka.record_move ();"
  "CREATE FUNCTION minutka.existing_entries (uuids uuid[]) RETURNS SETOF uuid LANGUAGE sql"
  "  STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$"
  "  SELECT e.uuid FROM minutka.entry e WHERE e.uuid = ANY ($1)"
  "$f$;";

/* Version 6: the functions the policies ask answer only for the asking
 * login.  They run as the owner (so that the person table's own policies
 * do not ask themselves), and anyone may call them: until version 5 a
 * manager could call person_of ('boris') and is_supervisor ('olga') in
 * psql and learn another login's person identity and who supervises.  A
 * policy passes current_user, which is the session's login or a role the
 * login may SET ROLE to; so a login is answered only when the session's
 * user is a member of it (a superuser is a member of every role); a name
 * that is no role gets nothing, not an error.  The
 * check costs once per statement: the policies ask through a
 * sub-select. */
static const char schema_v6_sql[] =
  "CREATE OR REPLACE FUNCTION minutka.person_of (login name) RETURNS uuid LANGUAGE sql STABLE"
  "  SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$"
  "  SELECT uuid FROM minutka.person"
  "  WHERE person.login = $1"
  "    AND CASE WHEN EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = $1)"
  "        THEN pg_has_role (session_user, $1, 'MEMBER') ELSE false END"
  "$f$;"
  "CREATE OR REPLACE FUNCTION minutka.is_supervisor (login name) RETURNS boolean"
  "  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $f$"
  "  SELECT coalesce ((SELECT supervisor FROM minutka.person"
  "                    WHERE person.login = $1"
  "                      AND CASE WHEN EXISTS (SELECT FROM pg_catalog.pg_roles"
  "                                            WHERE rolname = $1)"
  "                          THEN pg_has_role (session_user, $1, 'MEMBER') ELSE false END),"
  "                   false)"
  "$f$;";

/* What a member may do, granted to each login (the objects are the
 * owner's).  Revision, changed_by and changed_at are never a member's to
 * write; nor are login and supervisor. */
static const char *const member_grants[] = {
  "GRANT USAGE ON SCHEMA minutka TO ",
  "GRANT SELECT ON minutka.meta, minutka.person, minutka.category, minutka.alias, "
  "minutka.setting, minutka.study, minutka.entry, minutka.entry_history TO ",
  "GRANT USAGE ON SEQUENCE minutka.revision, minutka.entry_history_id_seq TO ",
  "GRANT INSERT (uuid, person, day, start, minutes, category, task, source, deleted, origin), "
  "UPDATE (person, day, start, minutes, category, task, source, deleted), DELETE "
  "ON minutka.entry TO ",
  "GRANT INSERT (uuid, person, day, start, minutes, category, task, source, deleted, origin, "
  "revision, changed_by, changed_at) ON minutka.entry_history TO ",
  "GRANT INSERT (uuid, name, email, level, team, archived), "
  "UPDATE (name, email, level, team, archived) ON minutka.person TO ",
  "GRANT INSERT (uuid, key, name, color, class, target_min, target_max, sort_order, archived), "
  "UPDATE (key, name, color, class, target_min, target_max, sort_order, archived) "
  "ON minutka.category TO ",
  "GRANT INSERT (alias, category, deleted), UPDATE (category, deleted) ON minutka.alias TO ",
  "GRANT INSERT (key, value), UPDATE (value) ON minutka.setting TO ",
  "GRANT INSERT (id, name, day_from, day_to, active), UPDATE (name, day_from, day_to, active) "
  "ON minutka.study TO ",
  /* Version 2 */
  "GRANT SELECT ON minutka.team_totals TO ",
  /* Version 5 */
  "GRANT SELECT ON minutka.entry_moved TO ",
};

/* Connecting */

/**
 * mk_team_conninfo_has_password:
 * @conninfo: a libpq connection string or URI
 *
 * Returns: %TRUE if @conninfo holds a password (which Minutka must not
 *   store), or cannot be read at all.
 */
gboolean
mk_team_conninfo_has_password (const char *conninfo)
{
  PQconninfoOption *options = PQconninfoParse (conninfo, NULL);
  gboolean has = FALSE;

  if (options == NULL)
    return TRUE;
  for (PQconninfoOption *o = options; o->keyword != NULL; o++)
    if (g_str_equal (o->keyword, "password") && o->val != NULL && *o->val != '\0')
      has = TRUE;
  PQconninfoFree (options);
  return has;
}

/**
 * mk_team_conninfo_check:
 * @conninfo: a connection string or URI the user gave
 * @error: return location for a #GError
 *
 * Returns: %TRUE when @conninfo can be read and holds no password (Minutka
 *   keeps it in its database); else %FALSE with MK_TEAM_ERROR_INVALID and
 *   what to write instead.
 */
gboolean
mk_team_conninfo_check (const char  *conninfo,
                        GError     **error)
{
  PQconninfoOption *options = PQconninfoParse (conninfo, NULL);

  if (options == NULL)
    {
      g_set_error (error, MK_TEAM_ERROR, MK_TEAM_ERROR_INVALID,
                   _("Minutka cannot read the connection string “%s”. Write it as "
                     "postgresql://LOGIN@SERVER/DATABASE, for example "
                     "postgresql://anna@sales.example.com/minutka."), conninfo);
      return FALSE;
    }
  PQconninfoFree (options);
  if (mk_team_conninfo_has_password (conninfo))
    {
      g_set_error (error, MK_TEAM_ERROR, MK_TEAM_ERROR_INVALID,
                   _("The connection string holds a password, and Minutka keeps the "
                     "connection string in its database. Take the password out of it: in "
                     "the window, type it in the Password field; on the command line, give "
                     "it through ~/.pgpass or PGPASSFILE."));
      return FALSE;
    }
  return TRUE;
}

/**
 * mk_team_describe_server:
 * @conninfo: a libpq connection string or URI
 *
 * Returns: (transfer full): the server as a person reads it,
 *   "login@host:port/database", with what the string leaves out as libpq
 *   would fill it in; never a password.
 */
char *
mk_team_describe_server (const char *conninfo)
{
  PQconninfoOption *options = PQconninfoParse (conninfo, NULL);
  PQconninfoOption *defaults = PQconndefaults ();
  const char *user = NULL, *host = NULL, *port = NULL, *dbname = NULL, *service = NULL;
  GString *out = g_string_new (NULL);

  for (PQconninfoOption *o = options; o != NULL && o->keyword != NULL; o++)
    {
      if (o->val == NULL || *o->val == '\0')
        continue;
      if (g_str_equal (o->keyword, "user"))
        user = o->val;
      else if (g_str_equal (o->keyword, "host"))
        host = o->val;
      else if (g_str_equal (o->keyword, "port"))
        port = o->val;
      else if (g_str_equal (o->keyword, "dbname"))
        dbname = o->val;
      else if (g_str_equal (o->keyword, "service"))
        service = o->val;
    }
  for (PQconninfoOption *o = defaults; o != NULL && o->keyword != NULL; o++)
    {
      if (o->val == NULL || *o->val == '\0')
        continue;
      if (user == NULL && g_str_equal (o->keyword, "user"))
        user = o->val;
      else if (host == NULL && g_str_equal (o->keyword, "host"))
        host = o->val;
      else if (port == NULL && g_str_equal (o->keyword, "port"))
        port = o->val;
    }
  if (service != NULL && host == NULL)
    g_string_append_printf (out, "service=%s", service);
  else
    {
      g_string_append_printf (out, "%s@%s", user ? user : "?", host ? host : "localhost");
      if (port != NULL)
        g_string_append_printf (out, ":%s", port);
      g_string_append_printf (out, "/%s", dbname ? dbname : (user ? user : "?"));
    }
  if (options != NULL)
    PQconninfoFree (options);
  if (defaults != NULL)
    PQconninfoFree (defaults);
  return g_string_free (out, FALSE);
}

/* The server's own words: its message, with the detail and hint. */
static char *
server_words (PGconn   *conn,
              PGresult *result)
{
  GString *words = g_string_new (NULL);

  if (result != NULL && PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY) != NULL)
    {
      const char *detail = PQresultErrorField (result, PG_DIAG_MESSAGE_DETAIL);
      const char *hint = PQresultErrorField (result, PG_DIAG_MESSAGE_HINT);

      g_string_append (words, PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY));
      if (detail != NULL)
        g_string_append_printf (words, " (%s)", detail);
      if (hint != NULL)
        g_string_append_printf (words, " %s", hint);
    }
  else if (conn != NULL)
    g_string_append (words, PQerrorMessage (conn));
  /* libpq ends its messages with line breaks, some with two lines (the
   * second indented with a tab). */
  g_strstrip (words->str);
  for (char *p = words->str; *p; p++)
    if (*p == '\n' || *p == '\t')
      *p = ' ';
  return g_string_free (words, FALSE);
}

/**
 * mk_team_set_error:
 * @error: return location for a #GError
 * @conn: (nullable): the connection
 * @result: (nullable): the failed result, if any
 * @doing: what Minutka was doing, e.g. "sending the entries"
 *
 * Sets a MK_TEAM_ERROR with the server's words: _CONNECT when the
 * connection is gone, else _REFUSED.
 */
void
mk_team_set_error (GError    **error,
                   PGconn     *conn,
                   PGresult   *result,
                   const char *doing)
{
  g_autofree char *words = server_words (conn, result);

  if (conn == NULL || PQstatus (conn) != CONNECTION_OK)
    g_set_error (error, MK_TEAM_ERROR, MK_TEAM_ERROR_CONNECT,
                 _("The team's server went away while %s: %s. Nothing was changed on this "
                   "computer; try again when the server is back."), doing, words);
  else
    g_set_error (error, MK_TEAM_ERROR, MK_TEAM_ERROR_REFUSED,
                 _("The team's server refused %s: %s"), doing, words);
}

/* Drives a connection started with PQconnectStartParams() to its end, for
 * at most @timeout_ms.  FALSE when the time ran out. */
static gboolean
wait_connected (PGconn *conn,
                int     timeout_ms)
{
  PostgresPollingStatusType status = PGRES_POLLING_WRITING;
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (status != PGRES_POLLING_OK && status != PGRES_POLLING_FAILED)
    {
      struct pollfd fd = {
        .fd = PQsocket (conn),
        .events = status == PGRES_POLLING_READING ? POLLIN : POLLOUT,
      };
      gint64 left_ms = (deadline - g_get_monotonic_time ()) / 1000;
      int ready;

      if (left_ms <= 0)
        return FALSE;
      ready = poll (&fd, 1, (int) left_ms);
      if (ready < 0 && errno == EINTR)
        continue;
      /* Ready, or a poll() that failed: libpq finds out which, and says so. */
      if (ready != 0)
        status = PQconnectPoll (conn);
    }
  return TRUE;
}

/* The server's error code in a verbose connection error, or "". */
static void
connect_error_code (PGconn *conn,
                    char    code[6])
{
  const char *message = PQerrorMessage (conn);
  const char *p;

  code[0] = '\0';
  /* "SEVERITY:  CODE: text": five digits or capitals between ":  " and ": ". */
  for (p = strstr (message, ":  "); p != NULL; p = strstr (p + 1, ":  "))
    {
      const char *c = p + 3;
      int i;

      for (i = 0; i < 5 && (g_ascii_isdigit (c[i]) || g_ascii_isupper (c[i])); i++)
        ;
      if (i == 5 && c[5] == ':' && c[6] == ' ')
        {
          memcpy (code, c, 5);
          code[5] = '\0';
          return;
        }
    }
}

/* Why a connection failed, in the user's words where the server's code
 * says (a wrong password, a database that is not there, a login not let
 * in) — those need no English from the server — else with its words. */
static void
set_connect_error (GError    **error,
                   PGconn     *conn,
                   const char *conninfo,
                   const char *code)
{
  g_autofree char *server = mk_team_describe_server (conninfo);
  g_autofree char *words = NULL;
  const char *login = conn != NULL && PQuser (conn) != NULL ? PQuser (conn) : "";

  if (conn == NULL)
    {
      g_set_error (error, MK_TEAM_ERROR, MK_TEAM_ERROR_CONNECT,
                   _("Cannot reach the team's server %s: out of memory."), server);
      return;
    }
  words = server_words (conn, NULL);
  if (PQconnectionNeedsPassword (conn))
    g_set_error (error, MK_TEAM_ERROR, MK_TEAM_ERROR_PASSWORD,
                 _("The team's server %s asks for the password of the login “%s”."), server,
                 login);
  else if (g_str_equal (code, "28P01"))
    g_set_error (error, MK_TEAM_ERROR, MK_TEAM_ERROR_PASSWORD,
                 _("The team's server %s did not take the password of the login “%s”."), server,
                 login);
  else if (g_str_equal (code, "3D000"))
    g_set_error (error, MK_TEAM_ERROR, MK_TEAM_ERROR_NOT_SET_UP,
                 _("The team's server %s has no database named “%s”."), server,
                 PQdb (conn) != NULL ? PQdb (conn) : "");
  else if (g_str_has_prefix (code, "28"))
    g_set_error (error, MK_TEAM_ERROR, MK_TEAM_ERROR_REFUSED,
                 _("The team's server %s does not let the login “%s” in: %s"), server, login,
                 words);
  else
    g_set_error (error, MK_TEAM_ERROR, MK_TEAM_ERROR_CONNECT,
                 _("Cannot reach the team's server %s: %s"), server, words);
}

/**
 * mk_team_connect:
 * @conninfo: a libpq connection string or URI
 * @password: (nullable): the login's password, when the caller has it (the
 *   window, from the desktop's keyring); %NULL lets libpq find it in
 *   ~/.pgpass, PGPASSFILE or a service file
 * @error: return location for a #GError
 *
 * Connects as libpq does (TLS as sslmode says), waiting at most 10 seconds
 * for a server that does not answer unless @conninfo says otherwise.  The
 * password is given to libpq only, never kept.
 *
 * Returns: (transfer full) (nullable): the connection, or %NULL with
 *   MK_TEAM_ERROR_CONNECT and the server's words.
 */
PGconn *
mk_team_connect (const char  *conninfo,
                 const char  *password,
                 GError     **error)
{
  /* Keywords before "dbname" are overridden by what the string says; the
   * password (which the string never holds) comes after.  TCP keepalives:
   * the window keeps its listening connection for hours and lends it to
   * syncs; one dropped silently on the way (a NAT, a firewall, a laptop's
   * sleep) is found within a minute or two instead of the system's two
   * hours, and a sync never waits on it for long. */
  const char *const keywords[] = {
    "connect_timeout", "fallback_application_name", "keepalives_idle", "keepalives_interval",
    "keepalives_count", "tcp_user_timeout", "dbname", password ? "password" : NULL, NULL,
  };
  const char *const values[] = {
    CONNECT_TIMEOUT, "minutka", "60", "10", "3", "60000", conninfo, password, NULL,
  };
  PGconn *conn;
  char code[6] = "";
  gint64 start = g_get_monotonic_time ();

  g_return_val_if_fail (conninfo != NULL, NULL);

  /* libpq's own loop: each host and address gets its connect_timeout. */
  conn = PQconnectdbParams (keywords, values, TRUE);
  if (conn != NULL && PQstatus (conn) == CONNECTION_OK)
    return conn;
  if (conn != NULL && !PQconnectionNeedsPassword (conn) &&
      g_get_monotonic_time () - start < VERBOSE_RETRY_WITHIN_US)
    {
      /* The server answered at once and refused.  Its error code tells a
       * wrong password from a missing database, and libpq gives it only
       * in a verbose message ("FATAL:  28P01: …"), whose verbosity can be
       * set only on a connection still being made: asked once more so. */
      PGconn *verbose = PQconnectStartParams (keywords, values, TRUE);

      if (verbose != NULL && PQstatus (verbose) != CONNECTION_BAD)
        {
          PQsetErrorVerbosity (verbose, PQERRORS_VERBOSE);
          wait_connected (verbose, VERBOSE_RETRY_TIMEOUT_MS);
        }
      if (verbose != NULL && PQstatus (verbose) == CONNECTION_OK)
        {
          /* It let us in this time (the server was starting, say). */
          PQfinish (conn);
          PQsetErrorVerbosity (verbose, PQERRORS_DEFAULT);
          return verbose;
        }
      if (verbose != NULL)
        {
          connect_error_code (verbose, code);
          PQfinish (verbose);
        }
    }
  set_connect_error (error, conn, conninfo, code);
  if (conn != NULL)
    PQfinish (conn);
  return NULL;
}

/**
 * mk_team_query:
 * @conn: a connection
 * @sql: one statement with $1… parameters
 * @n_params: how many
 * @values: (array length=n_params) (nullable): their values as text, %NULL
 *   for NULL
 * @doing: what it does, for the message
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the result (rows or a command), or
 *   %NULL with the server's words.
 */
PGresult *
mk_team_query (PGconn             *conn,
               const char         *sql,
               int                 n_params,
               const char * const *values,
               const char         *doing,
               GError            **error)
{
  PGresult *result = PQexecParams (conn, sql, n_params, NULL, values, NULL, NULL, 0);
  ExecStatusType status = PQresultStatus (result);

  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
    {
      mk_team_set_error (error, conn, result, doing);
      PQclear (result);
      return NULL;
    }
  return result;
}

/**
 * mk_team_exec:
 * @conn: a connection
 * @sql: statements without parameters (schema, BEGIN, COMMIT)
 * @doing: what they do, for the message
 * @error: return location for a #GError
 *
 * Returns: %TRUE when every statement succeeded.
 */
gboolean
mk_team_exec (PGconn      *conn,
              const char  *sql,
              const char  *doing,
              GError     **error)
{
  g_autoptr(PGresult) result = PQexec (conn, sql);
  ExecStatusType status = PQresultStatus (result);

  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
    {
      mk_team_set_error (error, conn, result, doing);
      return FALSE;
    }
  return TRUE;
}

/* The schema version of the server, or 0 when it has no team schema. */
static gboolean
read_version (PGconn  *conn,
              int     *version,
              char   **team_uuid,
              GError **error)
{
  g_autoptr(PGresult) exists = NULL;
  g_autoptr(PGresult) meta = NULL;

  *version = 0;
  exists = mk_team_query (conn, "SELECT to_regclass ('minutka.meta') IS NOT NULL", 0, NULL,
                          _("reading the team's version"), error);
  if (exists == NULL)
    return FALSE;
  if (!g_str_equal (PQgetvalue (exists, 0, 0), "t"))
    return TRUE;
  meta = mk_team_query (conn,
                        "SELECT (SELECT value FROM minutka.meta WHERE key = 'schema_version'),"
                        "       (SELECT value FROM minutka.meta WHERE key = 'team')",
                        0, NULL, _("reading the team's version"), error);
  if (meta == NULL)
    return FALSE;
  *version = atoi (PQgetvalue (meta, 0, 0));
  if (team_uuid != NULL)
    *team_uuid = g_strdup (PQgetvalue (meta, 0, 1));
  return TRUE;
}

/**
 * mk_team_check_schema:
 * @conn: a connection
 * @team_uuid: (out) (optional) (transfer full): the team's identity
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the server has the team schema this Minutka writes;
 *   else MK_TEAM_ERROR_NOT_SET_UP or _TOO_NEW, saying what to do.
 */
gboolean
mk_team_check_schema (PGconn  *conn,
                      char   **team_uuid,
                      GError **error)
{
  int version = 0;

  if (!read_version (conn, &version, team_uuid, error))
    return FALSE;
  if (version == 0)
    {
      g_set_error (error, MK_TEAM_ERROR, MK_TEAM_ERROR_NOT_SET_UP,
                   _("The database %s holds no Minutka team yet. Its owner sets it up with "
                     "“minutka --team URI --team-setup”."), PQdb (conn));
      return FALSE;
    }
  if (version > MK_TEAM_SCHEMA_VERSION)
    {
      g_set_error (error, MK_TEAM_ERROR, MK_TEAM_ERROR_TOO_NEW,
                   _("The team's database was set up by a newer Minutka (team version %d; "
                     "this Minutka understands up to %d). Update Minutka to use it."),
                   version, MK_TEAM_SCHEMA_VERSION);
      return FALSE;
    }
  if (version < MK_TEAM_SCHEMA_VERSION)
    {
      g_set_error (error, MK_TEAM_ERROR, MK_TEAM_ERROR_NOT_SET_UP,
                   _("The team's database was set up by an older Minutka (team version %d). "
                     "Its owner updates it with “minutka --team URI --team-setup”."), version);
      return FALSE;
    }
  return TRUE;
}

/* Setup */

/* Grants a member's rights to @login (quoted by libpq). */
static gboolean
grant_member (PGconn     *conn,
              const char *login,
              GError    **error)
{
  char *quoted = PQescapeIdentifier (conn, login, strlen (login));

  if (quoted == NULL)
    {
      mk_team_set_error (error, conn, NULL, _("naming the login"));
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (member_grants); i++)
    {
      g_autoptr(GString) sql = g_string_new (member_grants[i]);

      g_string_append (sql, quoted);
      if (!mk_team_exec (conn, sql->str, _("giving the login its rights"), error))
        {
          PQfreemem (quoted);
          return FALSE;
        }
    }
  PQfreemem (quoted);
  return TRUE;
}

static gboolean
create_triggers (PGconn  *conn,
                 GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (revised_tables); i++)
    {
      const char *t = revised_tables[i];
      g_autoptr(GString) sql = g_string_new (NULL);

      /* Names from the list above, not from data. */
      g_string_append (sql, "CREATE TRIGGER lock_revisions BEFORE INSERT OR UPDATE OR DELETE ON ");
      g_string_append_printf (sql, "minutka.%s FOR EACH STATEMENT EXECUTE FUNCTION "
                              "minutka.lock_revisions ();", t);
      g_string_append (sql, "CREATE TRIGGER stamp BEFORE UPDATE ON ");
      g_string_append_printf (sql, "minutka.%s FOR EACH ROW EXECUTE FUNCTION "
                              "minutka.stamp ();", t);
      g_string_append (sql, "CREATE TRIGGER notify AFTER INSERT OR UPDATE OR DELETE ON ");
      g_string_append_printf (sql, "minutka.%s FOR EACH STATEMENT EXECUTE FUNCTION "
                              "minutka.notify ();", t);
      if (!mk_team_exec (conn, sql->str, _("creating the team's tables"), error))
        return FALSE;
    }
  return TRUE;
}

/* Version 1, and what a new team starts with: the built-in categories,
 * aliases and settings of a new local database (one source for both). */
static gboolean
create_v1 (PGconn  *conn,
           GError **error)
{
  g_autoptr(MkTeamOwned) owned = NULL;

  if (!mk_team_exec (conn, schema_v1_sql, _("creating the team's tables"), error) ||
      !create_triggers (conn, error) ||
      !mk_team_exec (conn,
                     "INSERT INTO minutka.meta (key, value) VALUES"
                     "  ('schema_version', '1'), ('team', gen_random_uuid ()::text)",
                     _("creating the team's tables"), error))
    return FALSE;
  owned = mk_team_owned_new_defaults (error);
  return owned != NULL && mk_team_owned_send (conn, owned, error);
}

/* The logins of an older version get what the new one grants too. */
static gboolean
grant_every_member (PGconn  *conn,
                    GError **error)
{
  g_autoptr(PGresult) logins = NULL;

  logins = mk_team_query (conn, "SELECT login FROM minutka.person WHERE login IS NOT NULL", 0,
                          NULL, _("updating the team's tables"), error);
  if (logins == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (logins); i++)
    if (!grant_member (conn, PQgetvalue (logins, i, 0), error))
      return FALSE;
  return TRUE;
}

static gboolean
upgrade_v2 (PGconn  *conn,
            GError **error)
{
  return mk_team_exec (conn, schema_v2_sql, _("updating the team's tables"), error);
}

static gboolean
upgrade_v3 (PGconn  *conn,
            GError **error)
{
  return mk_team_exec (conn, schema_v3_sql, _("updating the team's tables"), error);
}

static gboolean
upgrade_v4 (PGconn  *conn,
            GError **error)
{
  return mk_team_exec (conn, schema_v4_sql, _("updating the team's tables"), error);
}

static gboolean
upgrade_v5 (PGconn  *conn,
            GError **error)
{
  return mk_team_exec (conn, schema_v5_sql, _("updating the team's tables"), error);
}

static gboolean
upgrade_v6 (PGconn  *conn,
            GError **error)
{
  return mk_team_exec (conn, schema_v6_sql, _("updating the team's tables"), error);
}

/**
 * mk_team_setup_to_version:
 * @conninfo: the team's database, connected to as its owner
 * @version: the schema version to stop at (1 for the upgrade test; else
 *   MK_TEAM_SCHEMA_VERSION)
 * @created: (out) (optional): whether anything was created or upgraded
 * @error: return location for a #GError
 *
 * mk_team_setup(), stopping at @version.
 */
gboolean
mk_team_setup_to_version (const char *conninfo,
                          int         version,
                          gboolean   *created,
                          GError    **error)
{
  g_autoptr(PGconn) conn = NULL;
  g_autofree char *stamp = NULL;
  int current = 0;

  g_return_val_if_fail (version >= 1 && version <= MK_TEAM_SCHEMA_VERSION, FALSE);

  if (created != NULL)
    *created = FALSE;
  conn = mk_team_connect (conninfo, NULL, error);
  if (conn == NULL)
    return FALSE;
  if (!mk_team_exec (conn, "BEGIN", _("setting up the team"), error) ||
      !mk_team_exec (conn, "SELECT pg_advisory_xact_lock (1296979019, 2)",
                     _("setting up the team"), error) ||
      !read_version (conn, &current, NULL, error))
    return FALSE;
  if (current > MK_TEAM_SCHEMA_VERSION)
    {
      g_set_error (error, MK_TEAM_ERROR, MK_TEAM_ERROR_TOO_NEW,
                   _("The team's database was set up by a newer Minutka (team version %d; "
                     "this Minutka understands up to %d). It was left unchanged; update "
                     "Minutka to use it."), current, MK_TEAM_SCHEMA_VERSION);
      return FALSE;
    }
  if (current >= version)
    return mk_team_exec (conn, "ROLLBACK", _("setting up the team"), error);

  if ((current < 1 && !create_v1 (conn, error)) ||
      (current < 2 && version >= 2 && !upgrade_v2 (conn, error)) ||
      (current < 3 && version >= 3 && !upgrade_v3 (conn, error)) ||
      (current < 4 && version >= 4 && !upgrade_v4 (conn, error)) ||
      (current < 5 && version >= 5 && !upgrade_v5 (conn, error)) ||
      (current < 6 && version >= 6 && !upgrade_v6 (conn, error)) ||
      (current >= 1 && !grant_every_member (conn, error)))
    return FALSE;
  stamp = g_strdup_printf ("%d", version);
  {
    const char *values[] = { stamp };
    g_autoptr(PGresult) result =
      mk_team_query (conn, "UPDATE minutka.meta SET value = $1 WHERE key = 'schema_version'", 1,
                     values, _("setting up the team"), error);

    if (result == NULL)
      return FALSE;
  }
  if (!mk_team_exec (conn, "COMMIT", _("setting up the team"), error))
    return FALSE;
  if (created != NULL)
    *created = TRUE;
  return TRUE;
}

/**
 * mk_team_setup:
 * @conninfo: the team's database (a libpq connection string or URI),
 *   connected to as its owner
 * @created: (out) (optional): %TRUE when the schema was created or
 *   upgraded, %FALSE when it was current already (nothing was done)
 * @error: return location for a #GError
 *
 * Creates the team schema, or upgrades an older one, in one transaction; a
 * newer one is refused and left as it is.
 *
 * Returns: %TRUE once committed (or when there was nothing to do).
 */
gboolean
mk_team_setup (const char *conninfo,
               gboolean   *created,
               GError    **error)
{
  return mk_team_setup_to_version (conninfo, MK_TEAM_SCHEMA_VERSION, created, error);
}

/* People */

/* 20 letters and digits from the system's random source. */
static char *
random_password (GError **error)
{
  static const char alphabet[] =
    "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  guint8 bytes[20];
  char *out = g_malloc (sizeof bytes + 1);

  if (getrandom (bytes, sizeof bytes, 0) != sizeof bytes)
    {
      g_free (out);
      g_set_error (error, MK_TEAM_ERROR, MK_TEAM_ERROR_FAILED,
                   _("This computer gave no random numbers for a password; try again."));
      return NULL;
    }
  for (guint i = 0; i < sizeof bytes; i++)
    out[i] = alphabet[bytes[i] % (sizeof alphabet - 1)];
  out[sizeof bytes] = '\0';
  return out;
}

/* Creates the login role @login with a new password (sent as a SCRAM hash,
 * never as text) unless it exists; *@password is set when it was created. */
static gboolean
ensure_role (PGconn     *conn,
             const char *login,
             char      **password,
             GError    **error)
{
  const char *values[] = { login };
  g_autoptr(PGresult) exists = NULL;
  g_autofree char *secret = NULL;
  g_autoptr(GString) sql = NULL;
  char *quoted, *hash, *literal;
  gboolean ok;

  exists = mk_team_query (conn, "SELECT 1 FROM pg_roles WHERE rolname = $1", 1, values,
                          _("looking for the login"), error);
  if (exists == NULL)
    return FALSE;
  if (PQntuples (exists) > 0)
    return TRUE;

  secret = random_password (error);
  if (secret == NULL)
    return FALSE;
  hash = PQencryptPasswordConn (conn, secret, login, NULL);
  if (hash == NULL)
    {
      mk_team_set_error (error, conn, NULL, _("making the password"));
      return FALSE;
    }
  quoted = PQescapeIdentifier (conn, login, strlen (login));
  literal = PQescapeLiteral (conn, hash, strlen (hash));
  PQfreemem (hash);
  if (quoted == NULL || literal == NULL)
    {
      mk_team_set_error (error, conn, NULL, _("naming the login"));
      PQfreemem (quoted);
      PQfreemem (literal);
      return FALSE;
    }
  sql = g_string_new ("CREATE ROLE ");
  g_string_append (sql, quoted);
  g_string_append (sql, " LOGIN PASSWORD ");
  g_string_append (sql, literal);
  PQfreemem (quoted);
  PQfreemem (literal);
  ok = mk_team_exec (conn, sql->str, _("creating the login"), error);
  if (ok)
    *password = g_steal_pointer (&secret);
  return ok;
}

/**
 * mk_team_add_person:
 * @conninfo: the team's database, connected to as its owner
 * @name: the person's name
 * @email: (nullable): their e-mail, by which desktops match their people
 * @login: the login role; created with a random password if it does not
 *   exist, used as it is if it does
 * @supervisor: %TRUE for the team's supervisor, who reads and writes
 *   everything; %FALSE for a manager
 * @new_password: (out) (optional) (transfer full): the new role's
 *   password, to be shown once; %NULL when the role existed
 * @error: return location for a #GError
 *
 * Links a person (found by e-mail, then by name, or added) to a login, in
 * one transaction.
 *
 * Returns: %TRUE once committed.
 */
gboolean
mk_team_add_person (const char  *conninfo,
                    const char  *name,
                    const char  *email,
                    const char  *login,
                    gboolean     supervisor,
                    char       **new_password,
                    GError     **error)
{
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(PGresult) found = NULL;
  g_autoptr(PGresult) done = NULL;
  g_autoptr(PGresult) owner = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (name ? name : ""));
  g_autofree char *mail = email && *email ? g_strstrip (g_ascii_strdown (email, -1))
                                          : NULL;
  g_autofree char *password = NULL;
  char uuid[MK_UUID_TEXT_LEN + 1];

  g_return_val_if_fail (conninfo != NULL && login != NULL, FALSE);

  if (new_password != NULL)
    *new_password = NULL;
  if (*trimmed == '\0')
    {
      g_set_error (error, MK_TEAM_ERROR, MK_TEAM_ERROR_INVALID,
                   _("A person needs a name. Give the manager's name."));
      return FALSE;
    }
  if (*login == '\0')
    {
      g_set_error (error, MK_TEAM_ERROR, MK_TEAM_ERROR_INVALID,
                   _("A person needs a login. Give one with --login."));
      return FALSE;
    }
  conn = mk_team_connect (conninfo, NULL, error);
  if (conn == NULL || !mk_team_check_schema (conn, NULL, error))
    return FALSE;
  owner = mk_team_query (conn,
                         "SELECT pg_has_role (current_user, (SELECT nspowner FROM "
                         "pg_namespace WHERE nspname = 'minutka'), 'USAGE')",
                         0, NULL, _("adding the person"), error);
  if (owner == NULL)
    return FALSE;
  if (!g_str_equal (PQgetvalue (owner, 0, 0), "t"))
    {
      g_set_error (error, MK_TEAM_ERROR, MK_TEAM_ERROR_REFUSED,
                   _("Only the owner of the team's database adds people; connect as the role "
                     "that ran --team-setup."));
      return FALSE;
    }
  if (!mk_team_exec (conn, "BEGIN", _("adding the person"), error) ||
      !ensure_role (conn, login, &password, error) ||
      !grant_member (conn, login, error))
    return FALSE;

  /* The person with this e-mail, else with this name, else a new one. */
  {
    const char *values[] = { mail, trimmed };

    found = mk_team_query (conn,
                           "SELECT uuid FROM minutka.person "
                           "WHERE ($1::text IS NOT NULL AND lower (email) = $1) "
                           "   OR lower (regexp_replace (btrim (name), '\\s+', ' ', 'g')) = "
                           "      lower (regexp_replace ($2, '\\s+', ' ', 'g')) "
                           "ORDER BY (lower (email) = $1) IS TRUE DESC LIMIT 1",
                           2, values, _("adding the person"), error);
  }
  if (found == NULL)
    return FALSE;
  if (PQntuples (found) > 0)
    g_strlcpy (uuid, PQgetvalue (found, 0, 0), sizeof uuid);
  else
    {
      MkUuid fresh;

      mk_uuid_generate (&fresh);
      mk_uuid_format (&fresh, uuid);
    }
  {
    const char *values[] = { uuid, login };
    g_autoptr(PGresult) freed = NULL;

    /* Another person with this login loses it: one login, one person. */
    freed = mk_team_query (conn,
                           "UPDATE minutka.person SET login = NULL "
                           "WHERE login = $2 AND uuid <> $1::uuid",
                           2, values, _("adding the person"), error);
    if (freed == NULL)
      return FALSE;
  }
  {
    const char *values[] = { uuid, trimmed, mail, login, supervisor ? "t" : "f" };

    done = mk_team_query (conn,
                          "INSERT INTO minutka.person (uuid, name, email, login, supervisor) "
                          "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (uuid) DO UPDATE SET "
                          "  email = coalesce (excluded.email, person.email), "
                          "  login = excluded.login, supervisor = excluded.supervisor",
                          5, values, _("adding the person"), error);
  }
  if (done == NULL || !mk_team_exec (conn, "COMMIT", _("adding the person"), error))
    return FALSE;
  if (new_password != NULL)
    *new_password = g_steal_pointer (&password);
  return TRUE;
}
