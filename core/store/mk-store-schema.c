/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-store-schema.c — the database schema, its migrations and the seed data.
 *
 * Schema version 6 (PRAGMA user_version = 6, PRAGMA application_id =
 * MK_APPLICATION_ID):
 *
 *   person(id, name, name_key, email, level, team, archived, uuid)
 *       name_key is the name trimmed, with runs of spaces collapsed and
 *       case-folded; email (lower-case) is the key when present.
 *   category(id, key, name, color, class, target_min, target_max, sort_order, archived,
 *            uuid)
 *       name is NULL for the built-in categories until the user renames one,
 *       so that each user sees the name in their own language.
 *   category_alias(alias, category_id)   alias is mk_store_alias_key(text)
 *   import_batch(id, file_name, sha256, preset, rows_read, imported,
 *                duplicates, skipped, rejected, created, uuid)
 *   entry(id, person_id, day, start, minutes, category_id, task, source,
 *         batch_id, fingerprint, created, updated, uuid)
 *       created is NULL for imported entries: their batch's `created` says
 *       when they came.  One index, entry_day_person (day, person_id),
 *       serves a person's day, a period, and the list in time order (the
 *       lists sort each day by start themselves; a start column in the
 *       index would cost a big import a fifth more time to build it).
 *   day_total(person_id, day, category_id, minutes, entries, prime_minutes,
 *             timed_minutes, lengths)
 *       lengths is the histogram of the entries' lengths (mk-store-lengths.c).
 *   day_task(day, person_id, category_id, tasks)
 *       what the time went on: the minutes and entries of each folded task
 *       text of the day total with the same key (mk-store-tasks.c).  A table
 *       of its own, so that the day totals, which the window scans often,
 *       stay as small as they were; a trigger deletes a row with its
 *       day_total.
 *   study(id, name, day_from, day_to, active)
 *   setting(key, value)
 *   timer(id = 1, person_id, category_id, task, started_at)
 *   team_link(id = 1, …), team_outbox(uuid, base, seq)
 *       the team this database is in, and the entries changed since they
 *       were last sent to it (core/team/mk-team-link.c owns both, and the
 *       triggers it adds while the database is in a team).
 *   team_sender(uuid, login)
 *       which team login sent each entry received from the team's server
 *       (core/team/mk-team-sync.c writes it; the Entries page shows it).
 *
 * Invariant: for every (person, day, category), day_total holds exactly the
 * sum of minutes, the count of entries, the minutes of entries with a start
 * time, the minutes inside the prime hours and the histogram of lengths of
 * the entries in `entry`, and day_task their task list.  Rows that drop to zero entries are deleted.
 * Every change to `entry` updates day_total in the same transaction.
 * mk_store_check() recomputes it to prove it.
 *
 * A new file is created at version 1 and migrated like an old one, so the
 * migrations run on every new database, not only on old files.  Migrations
 * run in one transaction: either the whole schema of the new version is
 * there, or the file is as it was.
 *
 * Version 2 (from 1): entry_length(person_id, day, category_id, minutes, n)
 * became day_total.lengths; entry.created may be NULL; the two entry indexes
 * (person_id, day) and (day, start) became one.  Each halved the work of a
 * big import.
 *
 * Version 3 (from 2): every person, category, import batch and entry has a
 * uuid (16 bytes, NOT NULL, unique index; mk-uuid.c), given at creation and
 * never changed.  The migration gives the rows that exist one: version 7 in
 * row order, and the built-in categories their fixed name-based identities
 * (mk_store_category_uuid()).  The four tables are copied (SQLite cannot add
 * a NOT NULL column without a default), with foreign-key enforcement off
 * for the copy, as SQLite's documented way of changing a table demands;
 * PRAGMA foreign_key_check then proves nothing points nowhere before the
 * transaction commits.
 *
 * Version 4 (from 3): day_task, what the time went on, computed from the
 * entries (the task texts folded by the rules of MK_TASK_FOLD_VERSION 1).
 * Rules that fold differently need a migration that computes it again.
 *
 * Version 5 (from 4): team_link and team_outbox, empty until the database
 * joins a team.
 * Version 6 (from 5): team_sender, empty until entries come from a team.
 */
#define G_LOG_DOMAIN "mk-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mk-error.h"
#include "mk-store-private.h"

/* Version 3 → 4: the task lists, from the entries of each day total. */
static const char migrate_v4[] =
  "CREATE TABLE day_task ("
  "  day TEXT NOT NULL,"
  "  person_id INTEGER NOT NULL,"
  "  category_id INTEGER NOT NULL,"
  "  tasks BLOB,"
  "  PRIMARY KEY (day, person_id, category_id)"
  ") WITHOUT ROWID;"
  "INSERT INTO day_task (day, person_id, category_id, tasks) "
  "  SELECT day, person_id, category_id, mk_tasks_of (task, minutes) FROM entry "
  "  GROUP BY day, person_id, category_id;"
  "CREATE TRIGGER day_total_gone AFTER DELETE ON day_total BEGIN "
  "  DELETE FROM day_task WHERE day = old.day AND person_id = old.person_id "
  "  AND category_id = old.category_id; "
  "END;";

/* Version 1, as first released; every new file starts here (see above). */
const char mk_store_schema_v1_sql[] =
  "CREATE TABLE person ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL CHECK (length(trim(name)) > 0),"
  "  name_key TEXT NOT NULL,"
  "  email TEXT,"
  "  level TEXT NOT NULL DEFAULT '' CHECK (level IN ('', 'junior', 'middle', 'senior')),"
  "  team TEXT,"
  "  archived INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE UNIQUE INDEX person_email ON person (email) WHERE email IS NOT NULL;"
  "CREATE INDEX person_name_key ON person (name_key);"
  "CREATE TABLE category ("
  "  id INTEGER PRIMARY KEY,"
  "  key TEXT NOT NULL UNIQUE,"
  "  name TEXT,"
  "  color TEXT NOT NULL,"
  "  class TEXT NOT NULL CHECK (class IN ('selling', 'supporting', 'non_selling')),"
  "  target_min REAL NOT NULL DEFAULT -1,"
  "  target_max REAL NOT NULL DEFAULT -1,"
  "  sort_order INTEGER NOT NULL,"
  "  archived INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE category_alias ("
  "  alias TEXT PRIMARY KEY,"
  "  category_id INTEGER NOT NULL REFERENCES category (id) ON DELETE CASCADE"
  ") WITHOUT ROWID;"
  "CREATE TABLE import_batch ("
  "  id INTEGER PRIMARY KEY,"
  "  file_name TEXT NOT NULL,"
  "  sha256 TEXT,"
  "  preset TEXT,"
  "  rows_read INTEGER NOT NULL DEFAULT 0,"
  "  imported INTEGER NOT NULL DEFAULT 0,"
  "  duplicates INTEGER NOT NULL DEFAULT 0,"
  "  skipped INTEGER NOT NULL DEFAULT 0,"
  "  rejected INTEGER NOT NULL DEFAULT 0,"
  "  created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"
  ");"
  "CREATE TABLE entry ("
  "  id INTEGER PRIMARY KEY,"
  "  person_id INTEGER NOT NULL REFERENCES person (id),"
  "  day TEXT NOT NULL CHECK (length(day) = 10),"
  "  start INTEGER CHECK (start IS NULL OR start BETWEEN 0 AND 1439),"
  "  minutes INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 1440),"
  "  category_id INTEGER NOT NULL REFERENCES category (id),"
  "  task TEXT NOT NULL DEFAULT '',"
  "  source INTEGER NOT NULL DEFAULT 0,"
  "  batch_id INTEGER REFERENCES import_batch (id),"
  "  fingerprint INTEGER,"
  "  created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
  "  updated TEXT"
  ");"
  "CREATE INDEX entry_person_day ON entry (person_id, day);"
  "CREATE INDEX entry_day ON entry (day, start);"
  "CREATE TABLE day_total ("
  "  person_id INTEGER NOT NULL,"
  "  day TEXT NOT NULL,"
  "  category_id INTEGER NOT NULL,"
  "  minutes INTEGER NOT NULL,"
  "  entries INTEGER NOT NULL,"
  "  prime_minutes INTEGER NOT NULL,"
  "  timed_minutes INTEGER NOT NULL,"
  "  PRIMARY KEY (person_id, day, category_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX day_total_day ON day_total (day);"
  "CREATE TABLE entry_length ("
  "  person_id INTEGER NOT NULL,"
  "  day TEXT NOT NULL,"
  "  category_id INTEGER NOT NULL,"
  "  minutes INTEGER NOT NULL,"
  "  n INTEGER NOT NULL,"
  "  PRIMARY KEY (person_id, day, category_id, minutes)"
  ") WITHOUT ROWID;"
  "CREATE TABLE study ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL,"
  "  day_from TEXT NOT NULL,"
  "  day_to TEXT NOT NULL CHECK (day_to >= day_from),"
  "  active INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE setting ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ") WITHOUT ROWID;"
  "CREATE TABLE timer ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  person_id INTEGER NOT NULL REFERENCES person (id),"
  "  category_id INTEGER NOT NULL REFERENCES category (id),"
  "  task TEXT NOT NULL DEFAULT '',"
  "  started_at TEXT NOT NULL"
  ");";

/* Version 1 → 2.  The entry table is copied to change `created`, the
 * column order staying the same. */
static const char migrate_v2[] =
  "CREATE TABLE entry_v2 ("
  "  id INTEGER PRIMARY KEY,"
  "  person_id INTEGER NOT NULL REFERENCES person (id),"
  "  day TEXT NOT NULL CHECK (length(day) = 10),"
  "  start INTEGER CHECK (start IS NULL OR start BETWEEN 0 AND 1439),"
  "  minutes INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 1440),"
  "  category_id INTEGER NOT NULL REFERENCES category (id),"
  "  task TEXT NOT NULL DEFAULT '',"
  "  source INTEGER NOT NULL DEFAULT 0,"
  "  batch_id INTEGER REFERENCES import_batch (id),"
  "  fingerprint INTEGER,"
  "  created TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
  "  updated TEXT"
  ");"
  "INSERT INTO entry_v2 SELECT * FROM entry;"
  "DROP TABLE entry;"
  "ALTER TABLE entry_v2 RENAME TO entry;"
  "CREATE INDEX entry_day_person ON entry (day, person_id);"
  "ALTER TABLE day_total ADD COLUMN lengths BLOB;"
  "UPDATE day_total SET lengths = (SELECT mk_lengths_of (l.minutes, l.n) FROM entry_length l "
  "  WHERE l.person_id = day_total.person_id AND l.day = day_total.day "
  "  AND l.category_id = day_total.category_id);"
  "DROP TABLE entry_length;";

/* Version 2 → 3.  Each table is copied with a uuid column at its end
 * (mk_uuid() and mk_category_uuid() exist only while the migration runs). */
static const char migrate_v3[] =
  "CREATE TABLE person_v3 ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL CHECK (length(trim(name)) > 0),"
  "  name_key TEXT NOT NULL,"
  "  email TEXT,"
  "  level TEXT NOT NULL DEFAULT '' CHECK (level IN ('', 'junior', 'middle', 'senior')),"
  "  team TEXT,"
  "  archived INTEGER NOT NULL DEFAULT 0,"
  "  uuid BLOB NOT NULL CHECK (length(uuid) = 16)"
  ");"
  "INSERT INTO person_v3 SELECT *, mk_uuid () FROM person ORDER BY id;"
  "DROP TABLE person;"
  "ALTER TABLE person_v3 RENAME TO person;"
  "CREATE UNIQUE INDEX person_email ON person (email) WHERE email IS NOT NULL;"
  "CREATE INDEX person_name_key ON person (name_key);"
  "CREATE UNIQUE INDEX person_uuid ON person (uuid);"
  "CREATE TABLE category_v3 ("
  "  id INTEGER PRIMARY KEY,"
  "  key TEXT NOT NULL UNIQUE,"
  "  name TEXT,"
  "  color TEXT NOT NULL,"
  "  class TEXT NOT NULL CHECK (class IN ('selling', 'supporting', 'non_selling')),"
  "  target_min REAL NOT NULL DEFAULT -1,"
  "  target_max REAL NOT NULL DEFAULT -1,"
  "  sort_order INTEGER NOT NULL,"
  "  archived INTEGER NOT NULL DEFAULT 0,"
  "  uuid BLOB NOT NULL CHECK (length(uuid) = 16)"
  ");"
  "INSERT INTO category_v3 SELECT *, mk_category_uuid (key) FROM category ORDER BY id;"
  "DROP TABLE category;"
  "ALTER TABLE category_v3 RENAME TO category;"
  "CREATE UNIQUE INDEX category_uuid ON category (uuid);"
  "CREATE TABLE import_batch_v3 ("
  "  id INTEGER PRIMARY KEY,"
  "  file_name TEXT NOT NULL,"
  "  sha256 TEXT,"
  "  preset TEXT,"
  "  rows_read INTEGER NOT NULL DEFAULT 0,"
  "  imported INTEGER NOT NULL DEFAULT 0,"
  "  duplicates INTEGER NOT NULL DEFAULT 0,"
  "  skipped INTEGER NOT NULL DEFAULT 0,"
  "  rejected INTEGER NOT NULL DEFAULT 0,"
  "  created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
  "  uuid BLOB NOT NULL CHECK (length(uuid) = 16)"
  ");"
  "INSERT INTO import_batch_v3 SELECT *, mk_uuid () FROM import_batch ORDER BY id;"
  "DROP TABLE import_batch;"
  "ALTER TABLE import_batch_v3 RENAME TO import_batch;"
  "CREATE UNIQUE INDEX import_batch_uuid ON import_batch (uuid);"
  "CREATE TABLE entry_v3 ("
  "  id INTEGER PRIMARY KEY,"
  "  person_id INTEGER NOT NULL REFERENCES person (id),"
  "  day TEXT NOT NULL CHECK (length(day) = 10),"
  "  start INTEGER CHECK (start IS NULL OR start BETWEEN 0 AND 1439),"
  "  minutes INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 1440),"
  "  category_id INTEGER NOT NULL REFERENCES category (id),"
  "  task TEXT NOT NULL DEFAULT '',"
  "  source INTEGER NOT NULL DEFAULT 0,"
  "  batch_id INTEGER REFERENCES import_batch (id),"
  "  fingerprint INTEGER,"
  "  created TEXT DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
  "  updated TEXT,"
  "  uuid BLOB NOT NULL CHECK (length(uuid) = 16)"
  ");"
  "INSERT INTO entry_v3 SELECT *, mk_uuid () FROM entry ORDER BY id;"
  "DROP TABLE entry;"
  "ALTER TABLE entry_v3 RENAME TO entry;"
  "CREATE INDEX entry_day_person ON entry (day, person_id);"
  "CREATE UNIQUE INDEX entry_uuid ON entry (uuid);";

/* Version 4 → 5: the team (core/team/mk-team-link.c). */
static const char migrate_v5[] =
  "CREATE TABLE team_link ("
  "  id INTEGER PRIMARY KEY CHECK (id = 1),"
  "  conninfo TEXT NOT NULL,"
  "  server TEXT NOT NULL,"
  "  team_uuid TEXT NOT NULL,"
  "  desktop_uuid TEXT NOT NULL,"
  "  login TEXT NOT NULL,"
  "  person_uuid BLOB,"
  "  supervisor INTEGER NOT NULL,"
  "  last_revision INTEGER NOT NULL DEFAULT 0,"
  "  last_sync TEXT,"
  "  joined TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),"
  "  receiving INTEGER NOT NULL DEFAULT 0,"
  "  owned_changed INTEGER NOT NULL DEFAULT 0,"
  "  change_seq INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE team_outbox ("
  "  uuid BLOB PRIMARY KEY,"
  "  base INTEGER NOT NULL,"
  "  seq INTEGER NOT NULL"
  ") WITHOUT ROWID;";

/* Version 5 → 6: which team login sent each entry received from the
 * team's server (the server's changed_by of the version received;
 * core/team/mk-team-sync.c), keyed by the entry's identity.  Entries made
 * on this desktop have no row. */
static const char migrate_v6[] =
  "CREATE TABLE team_sender ("
  "  uuid BLOB PRIMARY KEY,"
  "  login TEXT NOT NULL"
  ") WITHOUT ROWID;";

typedef struct {
  const char *key;
  const char *name;
  const char *color;
  const char *klass;
  double      target_min;
  double      target_max;
} BuiltinCategory;

/* Target bands follow the time-and-motion studies in DESIGN.md: at least a
 * third of the day on calls, admin kept to a fifth. */
static const BuiltinCategory builtin_categories[] = {
  { "calls",     N_("Calls"),      "#3584e4", "selling",     0.35, -1 },
  { "follow_up", N_("Follow-ups"), "#2ec27e", "selling",     0.15, -1 },
  { "admin",     N_("Admin"),      "#e66100", "non_selling", -1,   0.20 },
  { "meetings",  N_("Meetings"),   "#9141ac", "supporting",  -1,   0.15 },
  { "travel",    N_("Travel"),     "#f5c211", "supporting",  -1,   -1 },
  { "training",  N_("Training"),   "#986a44", "supporting",  -1,   -1 },
  { "other",     N_("Other"),      "#77767b", "non_selling", -1,   -1 },
};

/* Aliases that ship with Minutka, English and Russian, singular and plural.
 * They are stored through mk_store_alias_key(), so case, spaces and ё/е do
 * not matter. */
static const struct {
  const char *alias;
  const char *key;
} builtin_aliases[] = {
  { "calls", "calls" }, { "call", "calls" }, { "phone", "calls" }, { "phone call", "calls" },
  { "phone calls", "calls" }, { "cold call", "calls" }, { "cold calls", "calls" },
  { "cold calling", "calls" }, { "dial", "calls" }, { "dialing", "calls" },
  { "sales call", "calls" }, { "sales calls", "calls" }, { "prospecting", "calls" },
  { "calling", "calls" }, { "telephone", "calls" }, { "telephone calls", "calls" },
  { "звонок", "calls" }, { "звонки", "calls" }, { "звонков", "calls" }, { "звонить", "calls" },
  { "холодный звонок", "calls" }, { "холодные звонки", "calls" }, { "прозвон", "calls" },
  { "обзвон", "calls" }, { "телефон", "calls" }, { "переговоры", "calls" },
  { "follow_up", "follow_up" }, { "follow-up", "follow_up" }, { "follow-ups", "follow_up" },
  { "follow up", "follow_up" }, { "follow ups", "follow_up" }, { "followup", "follow_up" },
  { "followups", "follow_up" }, { "callback", "follow_up" }, { "callbacks", "follow_up" },
  { "call back", "follow_up" }, { "proposal", "follow_up" }, { "proposals", "follow_up" },
  { "quote", "follow_up" }, { "quotes", "follow_up" }, { "email", "follow_up" },
  { "emails", "follow_up" }, { "e-mail", "follow_up" }, { "e-mails", "follow_up" },
  { "перезвон", "follow_up" }, { "перезвоны", "follow_up" },
  { "перезвонить", "follow_up" }, { "кп", "follow_up" },
  { "коммерческое предложение", "follow_up" },
  { "письмо", "follow_up" }, { "письма", "follow_up" }, { "повторный контакт", "follow_up" },
  { "повторные контакты", "follow_up" }, { "фоллоу-ап", "follow_up" },
  { "admin", "admin" }, { "administration", "admin" }, { "crm", "admin" },
  { "paperwork", "admin" }, { "report", "admin" }, { "reports", "admin" },
  { "reporting", "admin" }, { "invoice", "admin" }, { "invoices", "admin" },
  { "contract", "admin" }, { "contracts", "admin" }, { "data entry", "admin" },
  { "администрирование", "admin" }, { "админ", "admin" }, { "админка", "admin" },
  { "срм", "admin" }, { "отчёт", "admin" }, { "отчёты", "admin" }, { "отчетность", "admin" },
  { "документы", "admin" }, { "договор", "admin" }, { "договоры", "admin" },
  { "счёт", "admin" }, { "счета", "admin" }, { "бумаги", "admin" }, { "почта", "admin" },
  { "meetings", "meetings" }, { "meeting", "meetings" }, { "stand-up", "meetings" },
  { "standup", "meetings" }, { "1:1", "meetings" }, { "one-on-one", "meetings" },
  { "team meeting", "meetings" }, { "встреча", "meetings" }, { "встречи", "meetings" },
  { "совещание", "meetings" }, { "совещания", "meetings" }, { "планёрка", "meetings" },
  { "планёрки", "meetings" }, { "летучка", "meetings" }, { "собрание", "meetings" },
  { "созвон", "meetings" },
  { "travel", "travel" }, { "travelling", "travel" }, { "traveling", "travel" },
  { "trip", "travel" }, { "commute", "travel" }, { "drive", "travel" }, { "дорога", "travel" },
  { "поездка", "travel" }, { "поездки", "travel" }, { "в пути", "travel" },
  { "командировка", "travel" }, { "выезд", "travel" },
  { "training", "training" }, { "trainings", "training" }, { "learning", "training" },
  { "course", "training" }, { "coaching", "training" }, { "webinar", "training" },
  { "обучение", "training" }, { "тренинг", "training" }, { "тренинги", "training" },
  { "вебинар", "training" }, { "курс", "training" }, { "учёба", "training" },
  { "other", "other" }, { "misc", "other" }, { "miscellaneous", "other" }, { "break", "other" },
  { "другое", "other" }, { "прочее", "other" }, { "разное", "other" }, { "перерыв", "other" },
};

/**
 * mk_store_builtin_category_name:
 * @key: a category key
 *
 * Returns: (transfer none) (nullable): the translated default name of a
 *   built-in category, or %NULL if @key is not built in.
 */
const char *
mk_store_builtin_category_name (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (builtin_categories); i++)
    if (g_strcmp0 (builtin_categories[i].key, key) == 0)
      return _(builtin_categories[i].name);
  return NULL;
}

/**
 * mk_store_category_uuid:
 * @key: a category key
 * @uuid: (out caller-allocates): the identity of a new category with @key:
 *   for a built-in key, the one every Minutka database gives it; else a new
 *   one
 */
void
mk_store_category_uuid (const char *key,
                        MkUuid     *uuid)
{
  for (guint i = 0; i < G_N_ELEMENTS (builtin_categories); i++)
    if (g_strcmp0 (builtin_categories[i].key, key) == 0)
      {
        g_autofree char *name = g_strconcat ("category:", key, NULL);

        mk_uuid_for_name (name, uuid);
        return;
      }
  mk_uuid_generate (uuid);
}

/**
 * mk_store_bind_uuid:
 * @stmt: a statement
 * @index: the parameter
 * @text: (nullable): an identity as text, or %NULL or "" for a new one
 * @uuid: (out caller-allocates) (optional): the identity bound
 *
 * Binds an identity as the 16-byte blob the schema keeps.  @text must be
 * valid (mk_uuid_is_valid()) when given.
 */
void
mk_store_bind_uuid (sqlite3_stmt *stmt,
                    int           index,
                    const char   *text,
                    MkUuid       *uuid)
{
  MkUuid value;

  if (text == NULL || *text == '\0' || !mk_uuid_parse (text, &value))
    {
      g_assert (text == NULL || *text == '\0');
      mk_uuid_generate (&value);
    }
  sqlite3_bind_blob (stmt, index, value.bytes, sizeof value.bytes, SQLITE_TRANSIENT);
  if (uuid != NULL)
    *uuid = value;
}

/**
 * mk_store_column_uuid:
 * @stmt: a statement with a row
 * @column: the column of a uuid blob
 * @text: (out caller-allocates): its text, or "" when the value is not one
 */
void
mk_store_column_uuid (sqlite3_stmt *stmt,
                      int           column,
                      char          text[MK_UUID_TEXT_LEN + 1])
{
  MkUuid uuid;

  if (sqlite3_column_bytes (stmt, column) != sizeof uuid.bytes)
    {
      text[0] = '\0';
      return;
    }
  memcpy (uuid.bytes, sqlite3_column_blob (stmt, column), sizeof uuid.bytes);
  mk_uuid_format (&uuid, text);
}

/* mk_uuid(): a new identity; mk_category_uuid(key): a category's. */
static void
uuid_func (sqlite3_context *context,
           int              argc,
           sqlite3_value  **argv)
{
  MkUuid uuid;

  if (argc == 1)
    mk_store_category_uuid ((const char *) sqlite3_value_text (argv[0]), &uuid);
  else
    mk_uuid_generate (&uuid);
  sqlite3_result_blob (context, uuid.bytes, sizeof uuid.bytes, SQLITE_TRANSIENT);
}

static gboolean
seed_v1 (MkStore *self,
         GError **error)
{
  MkSettings defaults;

  for (guint i = 0; i < G_N_ELEMENTS (builtin_categories); i++)
    {
      const BuiltinCategory *c = &builtin_categories[i];
      sqlite3_stmt *stmt = mk_store_stmt (self, STMT_CATEGORY_SEED, error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, c->key, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, c->color, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, c->klass, -1, SQLITE_STATIC);
      sqlite3_bind_double (stmt, 4, c->target_min);
      sqlite3_bind_double (stmt, 5, c->target_max);
      sqlite3_bind_int (stmt, 6, (int) i);
      if (!mk_store_step_done (self, stmt, error))
        return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (builtin_aliases); i++)
    {
      g_autofree char *alias = mk_store_alias_key (builtin_aliases[i].alias);
      sqlite3_stmt *stmt = mk_store_stmt (self, STMT_ALIAS_SEED, error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, alias, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, builtin_aliases[i].key, -1, SQLITE_STATIC);
      if (!mk_store_step_done (self, stmt, error))
        return FALSE;
    }

  /* The defaults are written out, so the file says what it was analysed with. */
  mk_settings_init_defaults (&defaults);
  return mk_store_write_settings (self, &defaults, error);
}

/* PRAGMA foreign_key_check: every reference points at a row. */
static gboolean
foreign_keys_hold (MkStore *self,
                   GError **error)
{
  gint64 dangling = 0;

  if (!mk_store_query_int64 (self, STMT_FOREIGN_KEY_COUNT, &dangling, error))
    return FALSE;
  if (dangling > 0)
    {
      g_autofree char *name = g_filename_display_name (self->path);

      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_CORRUPT,
                   _("%s is damaged (an entry points at a person, category or import that "
                     "is not there). It was left unchanged; restore it from a backup copy."),
                   name);
      return FALSE;
    }
  return TRUE;
}

/**
 * mk_store_migrate:
 * @self: a store inside an open write transaction
 * @from_version: the file's current PRAGMA user_version
 * @error: return location for a #GError
 *
 * Brings the schema from @from_version to MK_STORE_SCHEMA_VERSION.  The
 * caller commits (or rolls back) the transaction, and has foreign-key
 * enforcement off until then (see the top of this file).
 *
 * Returns: %TRUE on success.
 */
gboolean
mk_store_migrate (MkStore *self,
                  int      from_version,
                  GError **error)
{
  g_autofree char *pragma = NULL;

  g_assert (from_version >= 0 && from_version < MK_STORE_SCHEMA_VERSION);

  if (from_version < 1)
    {
      if (!mk_store_exec (self, mk_store_schema_v1_sql, _("creating the database tables"),
                          error) ||
          !seed_v1 (self, error))
        return FALSE;
    }

  if (from_version < 2 &&
      !mk_store_exec (self, migrate_v2, _("updating the database to this version of Minutka"),
                      error))
    return FALSE;

  if (from_version < 3)
    {
      gboolean ok;

      sqlite3_create_function_v2 (self->db, "mk_uuid", 0, SQLITE_UTF8, NULL, uuid_func,
                                  NULL, NULL, NULL);
      sqlite3_create_function_v2 (self->db, "mk_category_uuid", 1, SQLITE_UTF8, NULL,
                                  uuid_func, NULL, NULL, NULL);
      ok = mk_store_exec (self, migrate_v3,
                          _("updating the database to this version of Minutka"), error);
      sqlite3_create_function_v2 (self->db, "mk_uuid", 0, SQLITE_UTF8, NULL, NULL, NULL, NULL,
                                  NULL);
      sqlite3_create_function_v2 (self->db, "mk_category_uuid", 1, SQLITE_UTF8, NULL, NULL,
                                  NULL, NULL, NULL);
      if (!ok)
        return FALSE;
    }

  if (from_version < 4 &&
      !mk_store_exec (self, migrate_v4, _("updating the database to this version of Minutka"),
                      error))
    return FALSE;

  if (from_version < 5 &&
      !mk_store_exec (self, migrate_v5, _("updating the database to this version of Minutka"),
                      error))
    return FALSE;

  if (from_version < 6 &&
      !mk_store_exec (self, migrate_v6, _("updating the database to this version of Minutka"),
                      error))
    return FALSE;

  /* The copies above run with foreign keys unenforced (see the top). */
  if (!foreign_keys_hold (self, error))
    return FALSE;

  pragma = g_strdup_printf ("PRAGMA user_version = %d", MK_STORE_SCHEMA_VERSION);
  return mk_store_exec (self, pragma, _("updating the database to this version of Minutka"), error);
}
