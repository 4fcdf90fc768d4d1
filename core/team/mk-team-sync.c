/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-team-sync.c — the sync protocol: sending what changed here, receiving
 * what changed on the server.
 *
 * Design notes.
 *
 * A sync sends first, then receives; each half is one server transaction
 * and one local transaction, and each can be cut at any moment (kill -9,
 * the server restarting) without harm: the next sync finishes the job.
 *
 * Sending.  The entries in team_outbox (mk-team-link.c) are read in one
 * statement — one snapshot — and streamed with COPY (binary) into a
 * temporary table on the server, under the writers' lock; one statement keeps the versions
 * they will overwrite in minutka.entry_history when those are conflicts,
 * one updates the entries the server has, one inserts those it has not
 * (keyed on the identity, so sending twice changes nothing).  The people
 * and categories the rows name are checked against the server's as they
 * are streamed (entries have no foreign keys, mk-team-server.c).  A conflict is an entry whose server version is newer
 * than the last revision this desktop had received when it changed the
 * entry (the outbox's `base`), written by another desktop, and different:
 * the change that reaches the server last wins, the other is kept.  A
 * version the same as this one is no change (that is how an interrupted
 * send is finished without doubling or a false conflict).  Every row the
 * server writes carries this desktop's identity (`origin`, from the
 * transaction's setting minutka.origin).  Once the
 * server committed, one local transaction forgets the sent changes: those
 * with a `seq` up to the highest read — a change made meanwhile has a
 * higher one and waits for the next sync.  It runs before anything
 * received is applied; when there is nothing to apply (the everyday sync
 * of a few entries), it is the one transaction that ends the sync, with
 * the new position and the time, so that such a sync writes to the disk
 * once.  Cut before it, the next sync sends the same versions again, which
 * changes nothing on the server.  A manager sends only the
 * entries of the person linked to the login; the others stay in the log,
 * are named in the result, and are never dropped.  The supervisor also
 * sends the people, and the team's settings when they changed
 * (mk-team-owned.c).
 *
 * What a sync has just sent is not read back: the revisions above the
 * highest before the send (read under the writers' lock) that the sending
 * transaction sees are all its own; receiving starts after them when
 * nothing else came before, or leaves them out of the entries it reads
 * after a big send (see send_changes()).
 *
 * Receiving.  In one REPEATABLE READ transaction on the server: the
 * highest revision visible (minutka.max_revision(): revisions become
 * visible in order, see mk-team-server.c), then everything above the last
 * revision received and up to it — people, the team's settings, and the
 * entries, streamed with COPY, without those whose current version this
 * desktop wrote itself.  They are applied in one local transaction, which
 * also stores the new last revision; the change log does not record them
 * (team_link.receiving).  When only this desktop's own changes came after
 * its position, nothing is applied and the position is stored with the
 * end of the sync.  An entry changed here and not yet sent keeps the
 * local version: it reaches the server later, and wins there.
 *
 * Entries the supervisor gave to another person (team schema version 5,
 * mk-team-server.c).  Row-level security hides them from the manager who
 * had them.  Receiving, she reads her rows of minutka.entry_moved in the
 * range whose entry is not hers again, and drops those entries here as if
 * deleted, with any change of them in the log.  Sending, a change of one
 * made before she received the move is an INSERT of an identity the
 * server has: under a savepoint, the identities the server has and she
 * cannot see are taken out of what is sent (insert_own_entries()), the
 * rest goes, and those entries are dropped here and counted (n_taken).
 *
 * Entries are sent in COPY's binary format (copy_out_changes()) and
 * received in its text format (copy_split()), with DateStyle set to ISO
 * for the receiving transaction, so that days come as YYYY-MM-DD whatever
 * the server's setting; the supervisor's people go as escaped text.
 */
#define G_LOG_DOMAIN "mk-team"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mk-key-set.h"
#include "mk-store-bulk.h"
#include "mk-store-private.h"
#include "mk-team-private.h"
#include "mk-team-server.h"

#define PROGRESS_EVERY 4096
/* From how many entries on a receive goes through the store's bulk path. */
#define BULK_RECEIVE 10000
#define COPY_CHUNK (256 * 1024)

void
mk_team_sync_result_clear (MkTeamSyncResult *result)
{
  if (result == NULL)
    return;
  g_clear_pointer (&result->refused, g_ptr_array_unref);
  memset (result, 0, sizeof *result);
}

/* COPY text format */

static void
copy_append_text (GString    *line,
                  const char *text)
{
  if (text == NULL)
    {
      g_string_append (line, "\\N");
      return;
    }
  for (const char *p = text; *p != '\0'; p++)
    switch (*p)
      {
      case '\\': g_string_append (line, "\\\\"); break;
      case '\t': g_string_append (line, "\\t"); break;
      case '\n': g_string_append (line, "\\n"); break;
      case '\r': g_string_append (line, "\\r"); break;
      default: g_string_append_c (line, *p);
      }
}

/* Splits one line of COPY text output into its fields, unescaped in
 * place; a NULL field is %NULL.  Returns the number of fields. */
static guint
copy_split (char   *line,
            char  **fields,
            guint   max_fields)
{
  guint n = 0;
  char *p = line;

  while (n < max_fields)
    {
      char *start = p, *out = p;

      while (*p != '\0' && *p != '\t' && *p != '\n')
        {
          if (*p != '\\' || p[1] == '\0')
            {
              *out++ = *p++;
              continue;
            }
          p++;
          switch (*p)
            {
            case 'b': *out++ = '\b'; p++; break;
            case 'f': *out++ = '\f'; p++; break;
            case 'n': *out++ = '\n'; p++; break;
            case 'r': *out++ = '\r'; p++; break;
            case 't': *out++ = '\t'; p++; break;
            case 'v': *out++ = '\v'; p++; break;
            case 'N': *out++ = '\\'; *out++ = 'N'; p++; break;
            case 'x':
              if (g_ascii_isxdigit (p[1]))
                {
                  int v = g_ascii_xdigit_value (*++p);

                  if (g_ascii_isxdigit (p[1]))
                    v = v * 16 + g_ascii_xdigit_value (*++p);
                  *out++ = (char) v;
                  p++;
                }
              else
                *out++ = *p++;
              break;
            default:
              if (*p >= '0' && *p <= '7')
                {
                  int v = 0;

                  for (int i = 0; i < 3 && *p >= '0' && *p <= '7'; i++)
                    v = v * 8 + (*p++ - '0');
                  *out++ = (char) v;
                }
              else
                *out++ = *p++;
            }
        }
      {
        char end = *p;

        *out = '\0';
        fields[n++] = (out - start == 2 && start[0] == '\\' && start[1] == 'N') ? NULL : start;
        if (end != '\t')
          break;
        p++;
      }
    }
  return n;
}

/* Reads the results still due on @conn, clearing *@result first. */
static void
drain_results (PGconn    *conn,
               PGresult **result)
{
  g_clear_pointer (result, PQclear);
  while ((*result = PQgetResult (conn)) != NULL)
    g_clear_pointer (result, PQclear);
}

static gboolean
query_count (MkStore    *store,
             const char *sql,
             gint64     *value,
             GError    **error)
{
  sqlite3_stmt *stmt = mk_store_stmt_for_sql (store, sql, error);

  if (stmt == NULL || mk_store_step (store, stmt, error) != MK_STORE_ROW)
    return FALSE;
  *value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

/* Sending */

typedef struct {
  MkStore          *store;
  MkTeamLink       *link;
  PGconn           *conn;
  MkTeamSyncResult *result;
  MkTeamProgressFunc progress;
  gpointer          progress_data;
  GCancellable     *cancellable;
  gint64            max_seq;      /* the highest seq read */
  GArray           *kept;         /* KeptChange: refused, to stay in the log */
  GArray           *taken;        /* MkUuid: another person's now, dropped here */
  GHashTable       *refused;      /* person's name → entries refused */
  GHashTable       *people;       /* MkUuid the server has */
  GHashTable       *categories;
  gint64            owned_mark;   /* team_link.owned_changed as it was sent */
  gboolean          forget;       /* the server has what was sent: forget it here */
  gint64            position;     /* > 0: the new last revision, nothing to apply */
  gint64            sent_from;    /* this sync's own revisions: above sent_from, */
  gint64            sent_until;   /* … up to sent_until (see send_changes()) */
} Sync;

typedef struct {
  MkUuid  uuid;
  gint64  base;
  gint64  seq;
} KeptChange;

static void
report (Sync    *sync,
        guint64  done,
        guint64  total,
        gboolean receiving)
{
  if (sync->progress != NULL)
    sync->progress (done, total, receiving, sync->progress_data);
}

static gboolean delete_entry (MkStore *store, gint64 id, GError **error);
static gboolean record_sender (MkStore *store, const MkUuid *uuid, const char *login,
                               GError **error);

/* Counts a refused entry under its person's name. */
static void
count_refused (Sync         *sync,
               sqlite3_stmt *stmt)
{
  const char *name = (const char *) sqlite3_column_text (stmt, 12);
  gpointer n = g_hash_table_lookup (sync->refused, name ? name : "");

  g_hash_table_insert (sync->refused, g_strdup (name ? name : ""),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (n) + 1));
  sync->result->n_refused++;
}

static gboolean
put_copy (Sync     *sync,
          GString  *buf,
          gboolean  flush,
          GError  **error)
{
  if (buf->len == 0 || (!flush && buf->len < COPY_CHUNK))
    return TRUE;
  if (PQputCopyData (sync->conn, buf->str, (int) buf->len) != 1)
    {
      mk_team_set_error (error, sync->conn, NULL, _("sending the entries"));
      return FALSE;
    }
  g_string_truncate (buf, 0);
  return TRUE;
}

/* COPY's binary format (the staging table's columns, in network byte
 * order): the server reads identities, days and numbers without parsing
 * text, and this side writes them without formatting it — the staging
 * COPY of a million entries took the server 1.2 s of parsing. */
static const char copy_binary_header[] = "PGCOPY\n\377\r\n\0\0\0\0\0\0\0\0\0";

static void
put_i16 (GString *buf,
         gint16   v)
{
  guint16 be = GUINT16_TO_BE ((guint16) v);

  g_string_append_len (buf, (const char *) &be, sizeof be);
}

static void
put_i32 (GString *buf,
         gint32   v)
{
  guint32 be = GUINT32_TO_BE ((guint32) v);

  g_string_append_len (buf, (const char *) &be, sizeof be);
}

static void
put_i64 (GString *buf,
         gint64   v)
{
  guint64 be = GUINT64_TO_BE ((guint64) v);

  g_string_append_len (buf, (const char *) &be, sizeof be);
}

static void
put_null (GString *buf)
{
  put_i32 (buf, -1);
}

static void
put_bytes (GString    *buf,
           const void *bytes,
           gsize       len)
{
  put_i32 (buf, (gint32) len);
  g_string_append_len (buf, bytes, (gssize) len);
}

/* A day YYYY-MM-DD (the store's, checked when written) as PostgreSQL's
 * binary date: days since 2000-01-01.  FALSE for anything else. */
static gboolean
put_date (GString    *buf,
          const char *day)
{
  int y, m, d;
  gint64 days;

  if (day == NULL || strlen (day) != 10 || !mk_store_valid_day (day))
    return FALSE;
  y = atoi (day);
  m = atoi (day + 5);
  d = atoi (day + 8);
  /* Days from the civil date (the proleptic Gregorian calendar). */
  y -= m <= 2;
  {
    gint64 era = (y >= 0 ? y : y - 399) / 400;
    gint64 yoe = y - era * 400;
    gint64 doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    gint64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

    days = era * 146097 + doe - 719468;   /* since 1970-01-01 */
  }
  put_i32 (buf, 4);
  put_i32 (buf, (gint32) (days - 10957)); /* 2000-01-01 */
  return TRUE;
}

/* Whether @column of @stmt is one of the identities in @known. */
static gboolean
is_known (GHashTable   *known,
          sqlite3_stmt *stmt,
          int           column)
{
  return sqlite3_column_bytes (stmt, column) == sizeof (MkUuid) &&
         g_hash_table_contains (known, sqlite3_column_blob (stmt, column));
}

/* Streams the log's entries into the server's staging table. */
static gboolean
copy_out_changes (Sync     *sync,
                  guint64  *n_staged,
                  GError  **error)
{
  g_autoptr(GString) buf = g_string_sized_new (COPY_CHUNK + 4096);
  g_autoptr(PGresult) result = NULL;
  MkStore *store = sync->store;
  sqlite3_stmt *stmt;
  MkStoreStep step;
  MkUuid me;
  guint64 n = 0, read = 0, total = 0;

  mk_uuid_parse (sync->link->person_uuid, &me);
  if (!query_count (store, "SELECT count(*) FROM team_outbox", (gint64 *) &total, error))
    return FALSE;

  result = PQexec (sync->conn, "COPY pg_temp.staging FROM STDIN (FORMAT binary)");
  if (PQresultStatus (result) != PGRES_COPY_IN)
    {
      mk_team_set_error (error, sync->conn, result, _("sending the entries"));
      return FALSE;
    }
  g_string_append_len (buf, copy_binary_header, sizeof copy_binary_header - 1);

  /* One statement: one snapshot of the log and the entries. */
  stmt = mk_store_stmt_for_sql (store,
                                "SELECT o.uuid, o.base, o.seq, e.id, p.uuid, e.day, e.start, "
                                "e.minutes, c.uuid, e.task, e.source, e.task, p.name "
                                "FROM team_outbox o LEFT JOIN entry e ON e.uuid = o.uuid "
                                "LEFT JOIN person p ON p.id = e.person_id "
                                "LEFT JOIN category c ON c.id = e.category_id", error);
  if (stmt == NULL)
    goto fail;
  while ((step = mk_store_step (store, stmt, error)) == MK_STORE_ROW)
    {
      gint64 seq = sqlite3_column_int64 (stmt, 2);
      gboolean gone = sqlite3_column_type (stmt, 3) == SQLITE_NULL;

      sync->max_seq = MAX (sync->max_seq, seq);
      read++;
      if (!gone && !sync->link->supervisor &&
          (sqlite3_column_bytes (stmt, 4) != sizeof me.bytes ||
           memcmp (sqlite3_column_blob (stmt, 4), me.bytes, sizeof me.bytes) != 0))
        {
          /* Another person's entry: this login may not send it. */
          KeptChange kept;

          memcpy (kept.uuid.bytes, sqlite3_column_blob (stmt, 0), sizeof kept.uuid.bytes);
          kept.base = sqlite3_column_int64 (stmt, 1);
          kept.seq = seq;
          g_array_append_val (sync->kept, kept);
          count_refused (sync, stmt);
          continue;
        }
      if (sqlite3_column_bytes (stmt, 0) != sizeof (MkUuid))
        {
          /* Not an identity: nothing the server could key.  Passed over,
           * it would leave the log with the rest, never sent. */
          g_set_error (error, MK_TEAM_ERROR, MK_TEAM_ERROR_FAILED,
                       _("A change waiting to be sent has no valid identity, so nothing was "
                         "sent. Check the database with “minutka --check”."));
          goto fail;
        }

      put_i16 (buf, 10);
      put_bytes (buf, sqlite3_column_blob (stmt, 0), sizeof (MkUuid));
      if (gone)
        {
          for (int i = 0; i < 7; i++)
            put_null (buf);
          put_bytes (buf, "\1", 1);
        }
      else
        {
          if (!is_known (sync->people, stmt, 4) || !is_known (sync->categories, stmt, 8))
            {
              /* No sync makes one (the supervisor's people and categories
               * go first); should it happen, nothing is sent. */
              g_set_error (error, MK_TEAM_ERROR, MK_TEAM_ERROR_REFUSED,
                           _("An entry of %s names a person or category the team does not "
                             "have, so nothing was sent. Ask the supervisor to sync first, "
                             "then sync again."), sqlite3_column_text (stmt, 12));
              goto fail;
            }
          put_bytes (buf, sqlite3_column_blob (stmt, 4), sizeof (MkUuid));
          if (!put_date (buf, (const char *) sqlite3_column_text (stmt, 5)))
            {
              g_set_error (error, MK_TEAM_ERROR, MK_TEAM_ERROR_FAILED,
                           _("An entry of %s has a day Minutka cannot read, so nothing was "
                             "sent."), sqlite3_column_text (stmt, 12));
              goto fail;
            }
          if (sqlite3_column_type (stmt, 6) == SQLITE_NULL)
            put_null (buf);
          else
            {
              put_i32 (buf, 2);
              put_i16 (buf, (gint16) sqlite3_column_int (stmt, 6));
            }
          put_i32 (buf, 2);
          put_i16 (buf, (gint16) sqlite3_column_int (stmt, 7));
          put_bytes (buf, sqlite3_column_blob (stmt, 8), sizeof (MkUuid));
          if (sqlite3_column_type (stmt, 9) == SQLITE_NULL)
            put_null (buf);
          else
            {
              const char *task = (const char *) sqlite3_column_text (stmt, 9);

              put_bytes (buf, task, (gsize) sqlite3_column_bytes (stmt, 9));
            }
          put_i32 (buf, 2);
          put_i16 (buf, (gint16) sqlite3_column_int (stmt, 10));
          put_bytes (buf, "\0", 1);
        }
      put_i32 (buf, 8);
      put_i64 (buf, sqlite3_column_int64 (stmt, 1));
      n++;
      if (!put_copy (sync, buf, FALSE, error))
        goto fail;
      if (read % PROGRESS_EVERY == 0)
        {
          report (sync, read, total, FALSE);
          if (g_cancellable_set_error_if_cancelled (sync->cancellable, error))
            goto fail;
        }
    }
  put_i16 (buf, -1);
  if (step == MK_STORE_FAILED || !put_copy (sync, buf, TRUE, error))
    goto fail;
  if (PQputCopyEnd (sync->conn, NULL) != 1)
    {
      mk_team_set_error (error, sync->conn, NULL, _("sending the entries"));
      return FALSE;
    }
  g_clear_pointer (&result, PQclear);
  result = PQgetResult (sync->conn);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    {
      mk_team_set_error (error, sync->conn, result, _("sending the entries"));
      return FALSE;
    }
  drain_results (sync->conn, &result);
  *n_staged = n;
  return TRUE;

fail:
  sqlite3_reset (stmt);
  PQputCopyEnd (sync->conn, "cancelled");
  drain_results (sync->conn, &result);
  return FALSE;
}

/* The versions the staged entries will overwrite that another desktop
 * wrote after this one last received: conflicts, kept (see the top). */
static const char keep_conflicts_sql[] =
  "INSERT INTO minutka.entry_history (uuid, person, day, start, minutes, category, task,"
  "  source, deleted, origin, revision, changed_by, changed_at)"
  "SELECT e.uuid, e.person, e.day, e.start, e.minutes, e.category, e.task, e.source,"
  "       e.deleted, e.origin, e.revision, e.changed_by, e.changed_at"
  "  FROM pg_temp.staging s JOIN minutka.entry e ON e.uuid = s.uuid"
  " WHERE e.revision > s.base AND e.origin IS DISTINCT FROM $1::uuid"
  "   AND (e.person, e.day, e.start, e.minutes, e.category, e.task, e.deleted)"
  "       IS DISTINCT FROM (coalesce (s.person, e.person), coalesce (s.day, e.day),"
  "         CASE WHEN s.deleted THEN e.start ELSE s.start END,"
  "         coalesce (s.minutes, e.minutes), coalesce (s.category, e.category),"
  "         coalesce (s.task, e.task), s.deleted)";

/* The staged entries the server has, changed (a tombstone keeps the
 * values); the same version again changes nothing. */
static const char update_entries_sql[] =
  "UPDATE minutka.entry e SET person = coalesce (s.person, e.person),"
  "  day = coalesce (s.day, e.day), start = CASE WHEN s.deleted THEN e.start ELSE s.start END,"
  "  minutes = coalesce (s.minutes, e.minutes), category = coalesce (s.category, e.category),"
  "  task = coalesce (s.task, e.task), source = coalesce (s.source, e.source),"
  "  deleted = s.deleted"
  "  FROM pg_temp.staging s"
  " WHERE e.uuid = s.uuid"
  "   AND (e.person, e.day, e.start, e.minutes, e.category, e.task, e.deleted)"
  "       IS DISTINCT FROM (coalesce (s.person, e.person), coalesce (s.day, e.day),"
  "         CASE WHEN s.deleted THEN e.start ELSE s.start END,"
  "         coalesce (s.minutes, e.minutes), coalesce (s.category, e.category),"
  "         coalesce (s.task, e.task), s.deleted)";

/* The staged entries the server does not have yet; a tombstone of an
 * entry it never had is no entry.  Plain INSERT, not ON CONFLICT (which
 * costs a speculative insertion per row): the transaction holds the
 * writers' lock, so nobody adds one of these meanwhile. */
static const char insert_entries_sql[] =
  "INSERT INTO minutka.entry (uuid, person, day, start, minutes, category, task, source,"
  "  deleted, origin)"
  "SELECT s.uuid, s.person, s.day, s.start, s.minutes, s.category, s.task, s.source, false,"
  "       $1::uuid"
  "  FROM pg_temp.staging s"
  " WHERE NOT s.deleted AND NOT EXISTS (SELECT 1 FROM minutka.entry e WHERE e.uuid = s.uuid)";

/* A manager's staged entries that the server has but this login cannot
 * see: another person's now (the supervisor gave them to someone else,
 * mk-team-server.c).  They are taken out of what is sent. */
static const char take_out_others_sql[] =
  "DELETE FROM pg_temp.staging WHERE uuid IN (SELECT * FROM minutka.existing_entries (array ("
  "  SELECT s.uuid FROM pg_temp.staging s"
  "   WHERE NOT EXISTS (SELECT 1 FROM minutka.entry e WHERE e.uuid = s.uuid))))"
  " RETURNING uuid";

/* The supervisor's people: every local person, so that their entries can
 * be sent; a person whose values are the same keeps the revision.  They
 * are streamed with COPY into a staging table and written with one
 * statement (keyed on the identity, so sending twice changes nothing): one
 * statement per person cost a round trip each, half a second for a team of
 * five hundred, on every sync of the supervisor's. */
static const char upsert_people_sql[] =
  "INSERT INTO minutka.person AS p (uuid, name, email, level, team, archived)"
  "  SELECT uuid, name, email, level, team, archived FROM pg_temp.people_staging "
  "ON CONFLICT (uuid) DO UPDATE SET name = excluded.name, "
  "email = excluded.email, level = excluded.level, "
  "team = excluded.team, archived = excluded.archived "
  "WHERE (p.name, p.email, p.level, p.team, p.archived) IS DISTINCT "
  "FROM (excluded.name, excluded.email, excluded.level, "
  "excluded.team, excluded.archived)";

static gboolean
send_people (Sync    *sync,
             GError **error)
{
  g_autoptr(GString) buf = g_string_new (NULL);
  g_autoptr(PGresult) result = NULL;
  sqlite3_stmt *stmt;
  MkStoreStep step;

  if (!mk_team_exec (sync->conn,
                     "CREATE TEMP TABLE people_staging (uuid uuid, name text, email text, "
                     "level text, team text, archived boolean) ON COMMIT DROP",
                     _("sending the people"), error))
    return FALSE;
  stmt = mk_store_stmt_for_sql (sync->store,
                                "SELECT uuid, name, email, level, team, archived FROM person",
                                error);
  if (stmt == NULL)
    return FALSE;
  result = PQexec (sync->conn, "COPY pg_temp.people_staging FROM STDIN");
  if (PQresultStatus (result) != PGRES_COPY_IN)
    {
      mk_team_set_error (error, sync->conn, result, _("sending the people"));
      return FALSE;
    }
  while ((step = mk_store_step (sync->store, stmt, error)) == MK_STORE_ROW)
    {
      char uuid[MK_UUID_TEXT_LEN + 1];

      mk_store_column_uuid (stmt, 0, uuid);
      g_string_append (buf, uuid);
      for (int i = 1; i <= 4; i++)
        {
          g_string_append_c (buf, '\t');
          copy_append_text (buf, (const char *) sqlite3_column_text (stmt, i));
        }
      g_string_append (buf, sqlite3_column_int (stmt, 5) ? "\tt\n" : "\tf\n");
      if (!put_copy (sync, buf, FALSE, error))
        break;
    }
  if (step != MK_STORE_DONE || !put_copy (sync, buf, TRUE, error))
    {
      sqlite3_reset (stmt);
      PQputCopyEnd (sync->conn, "cancelled");
      drain_results (sync->conn, &result);
      if (error != NULL && *error == NULL)
        mk_team_set_error (error, sync->conn, NULL, _("sending the people"));
      return FALSE;
    }
  if (PQputCopyEnd (sync->conn, NULL) != 1)
    {
      mk_team_set_error (error, sync->conn, NULL, _("sending the people"));
      return FALSE;
    }
  g_clear_pointer (&result, PQclear);
  result = PQgetResult (sync->conn);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    {
      mk_team_set_error (error, sync->conn, result, _("sending the people"));
      drain_results (sync->conn, &result);
      return FALSE;
    }
  drain_results (sync->conn, &result);
  return mk_team_exec (sync->conn, upsert_people_sql, _("sending the people"), error);
}

/* A manager's new entries.  Row-level security hides another person's
 * entries, so an identity the server holds as someone else's (an entry
 * the supervisor gave to another person after this desktop received it)
 * looks new here, and its INSERT hits the primary key, which would refuse
 * the whole send.  When that happens, those entries are taken out of what
 * is sent, entry by entry (sync->taken; they are dropped here, see
 * drop_taken()), and the rest is inserted.  The savepoint costs nothing
 * in the everyday send. */
static PGresult *
insert_own_entries (Sync               *sync,
                    const char * const *values,
                    GError            **error)
{
  g_autoptr(PGresult) taken = NULL;
  PGresult *result;

  if (!mk_team_exec (sync->conn, "SAVEPOINT own_entries", _("sending the entries"), error))
    return NULL;
  result = PQexecParams (sync->conn, insert_entries_sql, 1, NULL, values, NULL, NULL, 0);
  if (PQresultStatus (result) == PGRES_COMMAND_OK)
    return result;
  if (g_strcmp0 (PQresultErrorField (result, PG_DIAG_SQLSTATE), "23505") != 0)
    {
      mk_team_set_error (error, sync->conn, result, _("sending the entries"));
      PQclear (result);
      return NULL;
    }
  PQclear (result);
  if (!mk_team_exec (sync->conn, "ROLLBACK TO SAVEPOINT own_entries", _("sending the entries"),
                     error))
    return NULL;
  taken = mk_team_query (sync->conn, take_out_others_sql, 0, NULL, _("sending the entries"),
                         error);
  if (taken == NULL)
    return NULL;
  for (int i = 0; i < PQntuples (taken); i++)
    {
      MkUuid uuid;

      if (mk_uuid_parse (PQgetvalue (taken, i, 0), &uuid))
        g_array_append_val (sync->taken, uuid);
    }
  sync->result->n_taken = sync->taken->len;
  return mk_team_query (sync->conn, insert_entries_sql, 1, values, _("sending the entries"),
                        error);
}

/* Drops the local copy of an entry that is another person's now (and any
 * change of it waiting in the log), as if it had been deleted: not
 * recorded in the log (team_link.receiving).  The caller is in a local
 * transaction. */
static gboolean
drop_taken (MkStore      *store,
            const MkUuid *uuid,
            gboolean     *dropped,
            GError      **error)
{
  char text[MK_UUID_TEXT_LEN + 1];
  g_autoptr(GError) local = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  *dropped = FALSE;
  mk_uuid_format (uuid, text);
  id = mk_store_find_entry (store, text, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (id != 0)
    {
      if (!delete_entry (store, id, error))
        return FALSE;
      *dropped = TRUE;
    }
  stmt = mk_store_stmt_for_sql (store, "DELETE FROM team_outbox WHERE uuid = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_blob (stmt, 1, uuid->bytes, sizeof uuid->bytes, SQLITE_TRANSIENT);
  return mk_store_step_done (store, stmt, error) && record_sender (store, uuid, NULL, error);
}

static gboolean
forget_sent_change (MkStore  *store,
                    gpointer  user_data,
                    GError  **error)
{
  Sync *sync = user_data;
  sqlite3_stmt *stmt;

  /* What the server holds as another person's now is dropped here. */
  if (sync->taken->len > 0)
    {
      if (!mk_store_exec (store, "UPDATE team_link SET receiving = 1", _("receiving"), error))
        return FALSE;
      for (guint i = 0; i < sync->taken->len; i++)
        {
          gboolean dropped;

          if (!drop_taken (store, &g_array_index (sync->taken, MkUuid, i), &dropped, error))
            return FALSE;
        }
      if (!mk_store_exec (store, "UPDATE team_link SET receiving = 0", _("receiving"), error))
        return FALSE;
    }

  stmt = mk_store_stmt_for_sql (store, "DELETE FROM team_outbox WHERE seq <= ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, sync->max_seq);
  if (!mk_store_step_done (store, stmt, error))
    return FALSE;
  /* The entries this login may not send stay in the log. */
  for (guint i = 0; i < sync->kept->len; i++)
    {
      KeptChange *kept = &g_array_index (sync->kept, KeptChange, i);

      stmt = mk_store_stmt_for_sql (store,
                                    "INSERT OR IGNORE INTO team_outbox (uuid, base, seq) "
                                    "VALUES (?, ?, ?)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_blob (stmt, 1, kept->uuid.bytes, sizeof kept->uuid.bytes, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, kept->base);
      sqlite3_bind_int64 (stmt, 3, kept->seq);
      if (!mk_store_step_done (store, stmt, error))
        return FALSE;
    }
  /* Settings changed while they were being sent are sent next time. */
  stmt = mk_store_stmt_for_sql (store,
                                "UPDATE team_link SET owned_changed = 0 WHERE owned_changed = ?",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, sync->owned_mark);
  return mk_store_step_done (store, stmt, error);
}

static guint
uuid_hash (gconstpointer key)
{
  return (guint) mk_uuid_key (key);
}

static gboolean
uuid_equal (gconstpointer a,
            gconstpointer b)
{
  return memcmp (a, b, sizeof (MkUuid)) == 0;
}

/* The people and categories the server has (MkUuid keys), in one round
 * trip. */
static gboolean
read_known (Sync    *sync,
            GError **error)
{
  g_autoptr(PGresult) rows =
    mk_team_query (sync->conn, "SELECT uuid, true FROM minutka.person UNION ALL "
                   "SELECT uuid, false FROM minutka.category", 0, NULL,
                   _("sending the entries"), error);

  if (rows == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (rows); i++)
    {
      MkUuid uuid;

      if (mk_uuid_parse (PQgetvalue (rows, i, 0), &uuid))
        g_hash_table_add (g_str_equal (PQgetvalue (rows, i, 1), "t") ? sync->people
                          : sync->categories, g_memdup2 (&uuid, sizeof uuid));
    }
  return TRUE;
}

static gboolean
send_changes (Sync    *sync,
              GError **error)
{
  g_autoptr(PGresult) result = NULL;
  guint64 staged = 0;
  const char *values[] = { sync->link->desktop_uuid };
  gint64 t0, t1, t2 = 0, t3;
  gint64 before, after = 0;

  if (!query_count (sync->store, "SELECT owned_changed FROM team_link", &sync->owned_mark, error))
    return FALSE;
  if (!mk_team_exec (sync->conn, "BEGIN", _("sending the entries"), error))
    return FALSE;
  {
    /* What this transaction writes is this desktop's (mk-team-server.c);
     * the writers' lock is taken now, before anything is read, so that
     * what the statements below see stays true until the commit. */
    g_autoptr(PGresult) origin =
      mk_team_query (sync->conn, "SELECT set_config ('minutka.origin', $1, true), "
                     "pg_advisory_xact_lock (1296979019, 1)", 1, values,
                     _("sending the entries"), error);

    if (origin == NULL)
      return FALSE;
  }
  /* The highest revision before this transaction writes anything (under
   * the lock: nobody else writes until it commits). */
  {
    g_autoptr(PGresult) rows = mk_team_query (sync->conn, "SELECT minutka.max_revision ()", 0,
                                              NULL, _("sending the entries"), error);

    if (rows == NULL)
      return FALSE;
    before = g_ascii_strtoll (PQgetvalue (rows, 0, 0), NULL, 10);
  }
  if (sync->link->supervisor)
    {
      if (!send_people (sync, error))
        return FALSE;
      if (sync->owned_mark != 0)
        {
          g_autoptr(MkTeamOwned) owned = mk_team_owned_read_local (sync->store, error);

          if (owned == NULL || !mk_team_owned_send (sync->conn, owned, error))
            return FALSE;
          sync->result->settings_sent = TRUE;
        }
    }
  /* The people and categories the entries may name. */
  if (!read_known (sync, error))
    return FALSE;
  t0 = g_get_monotonic_time ();
  if (!mk_team_exec (sync->conn,
                     "CREATE TEMP TABLE staging (uuid uuid, person uuid, day date, "
                     "start smallint, minutes smallint, category uuid, task text, "
                     "source smallint, deleted boolean, base bigint) ON COMMIT DROP",
                     _("sending the entries"), error) ||
      !copy_out_changes (sync, &staged, error))
    return FALSE;
  t1 = t2 = g_get_monotonic_time ();
  if (staged > 0)
    {
      g_autoptr(PGresult) kept = NULL;
      g_autoptr(PGresult) updated = NULL;

      /* The planner knows nothing of the temporary table: many staged rows
       * are joined by hashing, not looked up one at a time. */
      if (staged > 10000 &&
          !mk_team_exec (sync->conn, "SET LOCAL enable_nestloop = off", _("sending the entries"),
                         error))
        return FALSE;
      kept = mk_team_query (sync->conn, keep_conflicts_sql, 1, values, _("sending the entries"),
                            error);
      if (kept == NULL)
        return FALSE;
      sync->result->conflicts = g_ascii_strtoull (PQcmdTuples (kept), NULL, 10);
      t2 = g_get_monotonic_time ();
      updated = mk_team_query (sync->conn, update_entries_sql, 0, NULL,
                               _("sending the entries"), error);
      if (updated == NULL)
        return FALSE;
      if (sync->link->supervisor)
        result = mk_team_query (sync->conn, insert_entries_sql, 1, values,
                                _("sending the entries"), error);
      else
        result = insert_own_entries (sync, values, error);
      if (result == NULL)
        return FALSE;
      sync->result->sent = staged - sync->taken->len;
    }
  t3 = g_get_monotonic_time ();
  /* Every revision above `before` that this transaction sees is its own:
   * the writers' lock was taken before `before` was read.  When this
   * desktop had received everything up to `before`, it has everything up
   * to `after` once this commits, and receiving starts from there instead
   * of reading back what it has just sent (a few round trips saved on the
   * everyday sync).  Otherwise, after a big send, receiving still skips
   * that range when it reads the entries (they are all this desktop's,
   * left out by origin anyway): a first send of a million entries read
   * them all back. */
  if (before <= sync->link->last_revision || staged >= BULK_RECEIVE)
    {
      g_autoptr(PGresult) rows = mk_team_query (sync->conn, "SELECT minutka.max_revision ()", 0,
                                                NULL, _("sending the entries"), error);

      if (rows == NULL)
        return FALSE;
      after = g_ascii_strtoll (PQgetvalue (rows, 0, 0), NULL, 10);
    }
  if (!mk_team_exec (sync->conn, "COMMIT", _("sending the entries"), error))
    return FALSE;
  if (after > before)
    {
      sync->sent_from = before;
      sync->sent_until = after;
    }
  g_debug ("sent %" G_GUINT64_FORMAT ": staging %.2f s, conflicts %.2f s, writing %.2f s, "
           "commit %.2f s", staged, (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6,
           (g_get_monotonic_time () - t3) / 1e6);
  /* The server has them: they are forgotten here before anything is
   * received, or with the end of the sync when nothing is (one local
   * transaction, one write to the disk, for the everyday sync). */
  sync->forget = TRUE;
  return TRUE;
}

/* Forgets what was sent, if it was not yet. */
static gboolean
forget_now (Sync    *sync,
            GError **error)
{
  if (!sync->forget)
    return TRUE;
  if (!mk_store_change (sync->store, forget_sent_change, sync, error))
    return FALSE;
  sync->forget = FALSE;
  return TRUE;
}

/* Receiving */

/* The last few identities looked up in a table of ids, by their text:
 * each received entry names a person and a category, a few hundred at
 * most, and hashing both 36-character texts for every entry of a million
 * took a tenth of the receiving thread. */
#define ID_CACHE_SLOTS 64

typedef struct {
  char    text[ID_CACHE_SLOTS][MK_UUID_TEXT_LEN];
  gint64  id[ID_CACHE_SLOTS];
} IdCache;

/* Who sent a received entry, for team_sender.  A bulk writes them a batch
 * at a time: every statement of the store's waits until the bulk's writer
 * thread is done with its chunk, so that a statement per entry kept the
 * receiving thread waiting for the writer (mk-store-bulk-writer.c) the
 * whole time. */
typedef struct {
  MkUuid  uuid;
  guint   login;
} SenderRow;

#define SENDERS_FLUSH 65536
#define SENDERS_PER_STATEMENT 64

typedef struct {
  Sync         *sync;
  gint64        since;
  gint64        until;
  guint64       expected;      /* entries the server will send */
  MkTeamOwned  *owned;
  PGresult     *people;
  PGresult     *moved;         /* entries given to another person (a manager's) */
  GHashTable   *person_ids;    /* uuid text → gint64 id */
  GHashTable   *category_ids;  /* uuid text → gint64 id */
  MkKeySet      pending;       /* identities in the change log (keys) */
  MkStoreBulk  *bulk;          /* many entries: the store's bulk path */
  GArray       *senders;       /* SenderRow: who sent them, to write (a bulk's) */
  GPtrArray    *logins;        /* … the logins they name */
  GHashTable   *login_index;   /* login → its index in logins + 1 */
  IdCache       person_cache;  /* the last ids found in person_ids, */
  IdCache       category_cache; /* … category_ids */
  const char   *range;         /* which entries to read, as SQL (numbers only) */
} Receive;

static GHashTable *
read_ids (MkStore    *store,
          const char *sql,
          GError    **error)
{
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt = mk_store_stmt_for_sql (store, sql, error);
  MkStoreStep step;

  if (stmt == NULL)
    return NULL;
  while ((step = mk_store_step (store, stmt, error)) == MK_STORE_ROW)
    {
      char uuid[MK_UUID_TEXT_LEN + 1];

      mk_store_column_uuid (stmt, 0, uuid);
      g_hash_table_insert (ids, g_strdup (uuid), g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 1) }, sizeof (gint64)));
    }
  if (step == MK_STORE_FAILED)
    return NULL;
  return g_steal_pointer (&ids);
}

static gboolean
apply_people (Receive *r,
              GError **error)
{
  MkStore *store = r->sync->store;

  for (int i = 0; i < PQntuples (r->people); i++)
    {
      const char *uuid_text = PQgetvalue (r->people, i, 0);
      const char *name = PQgetvalue (r->people, i, 1);
      const char *email = PQgetisnull (r->people, i, 2) ? NULL : PQgetvalue (r->people, i, 2);
      MkLevel level = MK_LEVEL_NONE;
      gint64 *known = g_hash_table_lookup (r->person_ids, uuid_text);
      gint64 id;
      sqlite3_stmt *stmt;
      MkUuid uuid;

      mk_level_from_string (PQgetvalue (r->people, i, 3), &level);
      if (!mk_uuid_parse (uuid_text, &uuid))
        continue;
      if (known != NULL)
        id = *known;
      else
        {
          g_autoptr(MkPerson) person = mk_store_find_person (store, name, email);

          if (person == NULL)
            person = mk_store_ensure_person (store, name, email, error);
          if (person == NULL)
            return FALSE;
          id = mk_person_get_id (person);
        }
      stmt = mk_store_stmt_for_sql (store,
                                    "UPDATE person SET uuid = ?1, name = ?2, name_key = ?3, "
                                    "email = ?4, level = ?5, team = ?6, archived = ?7 "
                                    "WHERE id = ?8", error);
      if (stmt == NULL)
        return FALSE;
      {
        g_autofree char *key = mk_store_name_key (name);
        g_autofree char *mail = email ? g_ascii_strdown (email, -1) : NULL;

        sqlite3_bind_blob (stmt, 1, uuid.bytes, sizeof uuid.bytes, SQLITE_TRANSIENT);
        sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text (stmt, 3, key, -1, SQLITE_TRANSIENT);
        if (mail != NULL)
          sqlite3_bind_text (stmt, 4, mail, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text (stmt, 5, mk_level_to_string (level), -1, SQLITE_STATIC);
        if (!PQgetisnull (r->people, i, 4))
          sqlite3_bind_text (stmt, 6, PQgetvalue (r->people, i, 4), -1, SQLITE_TRANSIENT);
        sqlite3_bind_int (stmt, 7, g_str_equal (PQgetvalue (r->people, i, 5), "t"));
        sqlite3_bind_int64 (stmt, 8, id);
        if (!mk_store_step_done (store, stmt, error))
          return FALSE;
      }
      g_hash_table_insert (r->person_ids, g_strdup (uuid_text),
                           g_memdup2 (&id, sizeof id));
    }
  return TRUE;
}

/* The id of @text in @ids (uuid text → gint64 id), or %NULL. */
static const gint64 *
lookup_id (IdCache    *cache,
           GHashTable *ids,
           const char *text)
{
  const gint64 *id;
  guint slot;

  if (text == NULL || strlen (text) != MK_UUID_TEXT_LEN)
    return NULL;
  /* The last hexadecimal digits tell identities apart (the first of
   * time-ordered ones do not). */
  slot = (guint) (g_ascii_xdigit_value (text[34]) * 16 + g_ascii_xdigit_value (text[35]))
         % ID_CACHE_SLOTS;
  if (cache->id[slot] != 0 && memcmp (cache->text[slot], text, MK_UUID_TEXT_LEN) == 0)
    return &cache->id[slot];
  id = g_hash_table_lookup (ids, text);
  if (id != NULL)
    {
      memcpy (cache->text[slot], text, MK_UUID_TEXT_LEN);
      cache->id[slot] = *id;
    }
  return id;
}

/* Whether the change log holds @uuid: changed here and not yet sent. */
static gboolean
is_pending (Receive      *r,
            const MkUuid *uuid,
            gboolean     *pending,
            GError      **error)
{
  MkStore *store = r->sync->store;
  sqlite3_stmt *stmt;
  MkStoreStep step;

  *pending = FALSE;
  if (!mk_key_set_contains (&r->pending, mk_uuid_key (uuid)))
    return TRUE;
  stmt = mk_store_stmt_for_sql (store, "SELECT 1 FROM team_outbox WHERE uuid = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_blob (stmt, 1, uuid->bytes, sizeof uuid->bytes, SQLITE_TRANSIENT);
  step = mk_store_step (store, stmt, error);
  if (step == MK_STORE_ROW)
    {
      *pending = TRUE;
      sqlite3_reset (stmt);
    }
  return step != MK_STORE_FAILED;
}

/* The local entry with @uuid, or 0. */
static gint64
find_entry (Receive      *r,
            const MkUuid *uuid,
            GError      **error)
{
  char text[MK_UUID_TEXT_LEN + 1];

  if (r->bulk != NULL)
    return mk_store_bulk_find (r->bulk, uuid, error);
  mk_uuid_format (uuid, text);
  return mk_store_find_entry (r->sync->store, text, error);
}

/* Reads entry @id's values into @old (its strings into @day and @task). */
static gboolean
read_old (MkStore       *store,
          gint64         id,
          MkEntryInput  *old,
          char         **day,
          char         **task,
          GError       **error)
{
  sqlite3_stmt *stmt = mk_store_stmt_for_sql (store,
                                              "SELECT person_id, day, start, minutes, "
                                              "category_id, task FROM entry WHERE id = ?",
                                              error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (mk_store_step (store, stmt, error) != MK_STORE_ROW)
    return FALSE;
  memset (old, 0, sizeof *old);
  old->person_id = sqlite3_column_int64 (stmt, 0);
  *day = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  old->day = *day;
  old->start = sqlite3_column_type (stmt, 2) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 2);
  old->minutes = sqlite3_column_int (stmt, 3);
  old->category_id = sqlite3_column_int64 (stmt, 4);
  *task = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  old->task = *task;
  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
delete_entry (MkStore *store,
              gint64   id,
              GError **error)
{
  g_autofree char *day = NULL, *task = NULL;
  MkEntryInput old;
  sqlite3_stmt *stmt;

  if (!read_old (store, id, &old, &day, &task, error))
    return FALSE;
  stmt = mk_store_stmt (store, STMT_ENTRY_DELETE, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return mk_store_step_done (store, stmt, error) && mk_store_rollup_add (store, &old, -1, error);
}

/* Makes entry @id what @now says; *@changed when it was different. */
static gboolean
update_entry (MkStore            *store,
              gint64              id,
              const MkEntryInput *now,
              gboolean           *changed,
              GError            **error)
{
  g_autofree char *day = NULL, *task = NULL;
  MkEntryInput old;
  sqlite3_stmt *stmt;

  if (!read_old (store, id, &old, &day, &task, error))
    return FALSE;
  if (old.person_id == now->person_id && g_strcmp0 (old.day, now->day) == 0 &&
      old.start == now->start && old.minutes == now->minutes &&
      old.category_id == now->category_id && g_strcmp0 (old.task, now->task) == 0)
    return TRUE;
  stmt = mk_store_stmt (store, STMT_ENTRY_UPDATE, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now->person_id);
  sqlite3_bind_text (stmt, 2, now->day, 10, SQLITE_TRANSIENT);
  if (now->start >= 0)
    sqlite3_bind_int (stmt, 3, now->start);
  sqlite3_bind_int (stmt, 4, now->minutes);
  sqlite3_bind_int64 (stmt, 5, now->category_id);
  sqlite3_bind_text (stmt, 6, now->task, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 7, id);
  *changed = TRUE;
  return mk_store_step_done (store, stmt, error) &&
         mk_store_rollup_add (store, &old, -1, error) &&
         mk_store_rollup_add (store, now, +1, error);
}

/* A new entry: through the bulk when there is one. */
static gboolean
insert_entry (Receive            *r,
              const MkEntryInput *now,
              gboolean           *changed,
              GError            **error)
{
  MkStore *store = r->sync->store;
  gboolean present = FALSE;

  *changed = TRUE;
  if (r->bulk == NULL)
    return mk_store_insert_entry_row (store, now, NULL, error) &&
           mk_store_rollup_add (store, now, +1, error);
  if (!mk_store_bulk_add (r->bulk, now, &present, error))
    return FALSE;
  if (present)
    {
      /* The bulk knew the identity after all: it is an update. */
      MkUuid uuid;
      gint64 id;

      g_autoptr(GError) local = NULL;

      *changed = FALSE;
      mk_uuid_parse (now->uuid, &uuid);
      id = mk_store_bulk_find (r->bulk, &uuid, &local);
      if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      if (id != 0)
        return update_entry (store, id, now, changed, error);
      /* Two identities the bulk could not tell apart (a chance of 2⁻⁶⁴). */
      *changed = TRUE;
      return mk_store_insert_entry_row (store, now, NULL, error) &&
             mk_store_rollup_add (store, now, +1, error);
    }
  return TRUE;
}

/* Which login sent the version received (the Entries page says it). */
static gboolean
record_sender (MkStore       *store,
               const MkUuid  *uuid,
               const char    *login,
               GError       **error)
{
  sqlite3_stmt *stmt;

  stmt = mk_store_stmt_for_sql (store, login != NULL
                                ? "INSERT OR REPLACE INTO team_sender (uuid, login) VALUES (?1, ?2)"
                                : "DELETE FROM team_sender WHERE uuid = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_blob (stmt, 1, uuid->bytes, sizeof uuid->bytes, SQLITE_TRANSIENT);
  if (login != NULL)
    sqlite3_bind_text (stmt, 2, login, -1, SQLITE_TRANSIENT);
  return mk_store_step_done (store, stmt, error);
}

/* Writes the senders a bulk's entries came from (see SenderRow). */
static gboolean
flush_senders (Receive *r,
               GError **error)
{
  MkStore *store = r->sync->store;
  g_autoptr(GString) sql = NULL;
  guint i = 0;

  if (r->senders == NULL || r->senders->len == 0)
    return TRUE;
  sql = g_string_new ("INSERT OR REPLACE INTO team_sender (uuid, login) VALUES (?, ?)");
  for (int k = 1; k < SENDERS_PER_STATEMENT; k++)
    g_string_append (sql, ", (?, ?)");
  for (; i + SENDERS_PER_STATEMENT <= r->senders->len; i += SENDERS_PER_STATEMENT)
    {
      sqlite3_stmt *stmt = mk_store_stmt_for_sql (store, sql->str, error);

      if (stmt == NULL)
        return FALSE;
      for (int k = 0; k < SENDERS_PER_STATEMENT; k++)
        {
          SenderRow *row = &g_array_index (r->senders, SenderRow, i + k);

          sqlite3_bind_blob (stmt, 2 * k + 1, row->uuid.bytes, sizeof row->uuid.bytes,
                             SQLITE_STATIC);
          sqlite3_bind_text (stmt, 2 * k + 2, g_ptr_array_index (r->logins, row->login), -1,
                             SQLITE_STATIC);
        }
      if (!mk_store_step_done (store, stmt, error))
        return FALSE;
    }
  for (; i < r->senders->len; i++)
    {
      SenderRow *row = &g_array_index (r->senders, SenderRow, i);

      if (!record_sender (store, &row->uuid, g_ptr_array_index (r->logins, row->login), error))
        return FALSE;
    }
  g_array_set_size (r->senders, 0);
  return TRUE;
}

/* Records who sent @uuid: at once, or a batch at a time in a bulk. */
static gboolean
received_from (Receive      *r,
               const MkUuid *uuid,
               const char   *login,
               GError      **error)
{
  SenderRow row;
  gpointer index;

  if (r->bulk == NULL || login == NULL)
    return record_sender (r->sync->store, uuid, login, error);
  if (r->senders == NULL)
    {
      r->senders = g_array_sized_new (FALSE, FALSE, sizeof (SenderRow), SENDERS_FLUSH);
      r->logins = g_ptr_array_new_with_free_func (g_free);
      r->login_index = g_hash_table_new (g_str_hash, g_str_equal);
    }
  index = g_hash_table_lookup (r->login_index, login);
  if (index == NULL)
    {
      g_ptr_array_add (r->logins, g_strdup (login));
      index = GUINT_TO_POINTER (r->logins->len);
      g_hash_table_insert (r->login_index, g_ptr_array_index (r->logins, r->logins->len - 1),
                           index);
    }
  row.uuid = *uuid;
  row.login = GPOINTER_TO_UINT (index) - 1;
  g_array_append_val (r->senders, row);
  return r->senders->len < SENDERS_FLUSH || flush_senders (r, error);
}

/* One received entry: added, changed, deleted or (changed here and not yet
 * sent, or the same) left alone; *@changed says whether it changed
 * anything. */
static gboolean
apply_entry (Receive  *r,
             char    **f,
             gboolean *changed,
             GError  **error)
{
  MkStore *store = r->sync->store;
  const gint64 *person = lookup_id (&r->person_cache, r->person_ids, f[1]);
  const gint64 *category = lookup_id (&r->category_cache, r->category_ids, f[5]);
  gboolean deleted = f[8] != NULL && g_str_equal (f[8], "t");
  g_autoptr(GError) local = NULL;
  MkEntryInput now = { 0 };
  gboolean pending;
  MkUuid uuid;
  gint64 id = 0;

  *changed = FALSE;
  if (f[0] == NULL || !mk_uuid_parse (f[0], &uuid))
    return TRUE;
  /* Changed here and not sent yet: this version will be sent, and win. */
  if (!is_pending (r, &uuid, &pending, error))
    return FALSE;
  if (pending)
    return TRUE;

  if (deleted)
    {
      id = find_entry (r, &uuid, &local);
      if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      if (id == 0)
        return TRUE;
      *changed = TRUE;
      return delete_entry (store, id, error);
    }

  if (person == NULL || category == NULL || f[2] == NULL || f[4] == NULL)
    {
      g_warning ("Entry %s names a person or category this database does not know; skipped",
                 f[0]);
      return TRUE;
    }
  now.person_id = *person;
  now.day = f[2];
  now.start = f[3] != NULL ? atoi (f[3]) : -1;
  now.minutes = atoi (f[4]);
  now.category_id = *category;
  now.task = f[6] != NULL ? f[6] : "";
  now.source = f[7] != NULL ? (MkEntrySource) CLAMP (atoi (f[7]), 0, 2) : MK_ENTRY_SOURCE_MANUAL;
  g_strlcpy (now.uuid, f[0], sizeof now.uuid);
  if (!mk_store_valid_day (now.day) || now.minutes < 1 || now.minutes > 1440 ||
      now.start < -1 || now.start > 1439)
    {
      g_warning ("Entry %s has values this Minutka refuses; skipped", f[0]);
      return TRUE;
    }
  if (!received_from (r, &uuid, f[10], error))
    return FALSE;
  /* In a bulk, the bulk tells a new identity from a known one. */
  if (r->bulk != NULL)
    return insert_entry (r, &now, changed, error);
  id = find_entry (r, &uuid, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (id == 0)
    return insert_entry (r, &now, changed, error);
  return update_entry (store, id, &now, changed, error);
}

/* The part of receiving that happens in the local transaction (a change,
 * or a bulk's): people, the team's settings, the entries streamed from the
 * server, the new last revision. */
static gboolean
receive_into_store (Receive *r,
                    GError **error)
{
  MkStore *store = r->sync->store;
  Sync *sync = r->sync;
  g_autoptr(PGresult) result = NULL;
  sqlite3_stmt *stmt;
  MkStoreStep step;
  guint64 n = 0;
  char *line = NULL;
  int len;

  if (!mk_store_exec (store, "UPDATE team_link SET receiving = 1", _("receiving"), error) ||
      !apply_people (r, error) ||
      !mk_team_owned_apply (store, r->owned, error))
    return FALSE;
  if (!mk_store_reload_categories (store, error))
    return FALSE;
  /* The entries the supervisor gave to another person: gone from here, as
   * if deleted, with any change of them made here (which the server would
   * not take).  Before the entries: one given back later comes with them. */
  for (int i = 0; r->moved != NULL && i < PQntuples (r->moved); i++)
    {
      gboolean dropped = FALSE;
      MkUuid uuid;

      if (!mk_uuid_parse (PQgetvalue (r->moved, i, 0), &uuid))
        continue;
      if (!drop_taken (store, &uuid, &dropped, error))
        return FALSE;
      if (dropped)
        sync->result->received++;
    }
  r->category_ids = read_ids (store, "SELECT uuid, id FROM category", error);
  if (r->category_ids == NULL)
    return FALSE;
  /* The identities changed here and not sent yet. */
  stmt = mk_store_stmt_for_sql (store, "SELECT uuid FROM team_outbox", error);
  if (stmt == NULL)
    return FALSE;
  while ((step = mk_store_step (store, stmt, error)) == MK_STORE_ROW)
    if (sqlite3_column_bytes (stmt, 0) == sizeof (MkUuid))
      mk_key_set_add (&r->pending, mk_uuid_key (sqlite3_column_blob (stmt, 0)));
  if (step == MK_STORE_FAILED)
    return FALSE;

  {
    g_autoptr(GString) sql =
      g_string_new ("COPY (SELECT uuid, person, day, start, minutes, category, task, source, "
                    "deleted, revision, changed_by FROM minutka.entry WHERE ");

    g_string_append (sql, r->range);
    g_string_append (sql, ") TO STDOUT");
    result = PQexec (sync->conn, sql->str);
  }
  if (PQresultStatus (result) != PGRES_COPY_OUT)
    {
      mk_team_set_error (error, sync->conn, result, _("receiving the entries"));
      return FALSE;
    }
  while ((len = PQgetCopyData (sync->conn, &line, FALSE)) > 0)
    {
      char *f[11] = { NULL, };
      gboolean changed = FALSE;
      gboolean ok;

      ok = copy_split (line, f, G_N_ELEMENTS (f)) == G_N_ELEMENTS (f) &&
           apply_entry (r, f, &changed, error);
      PQfreemem (line);
      if (!ok)
        {
          if (error != NULL && *error == NULL)
            g_set_error (error, MK_TEAM_ERROR, MK_TEAM_ERROR_FAILED,
                         _("The team's server sent an entry Minutka cannot read."));
          goto drain;
        }
      if (changed)
        sync->result->received++;
      if (++n % PROGRESS_EVERY == 0)
        {
          report (sync, n, r->expected, TRUE);
          if (g_cancellable_set_error_if_cancelled (sync->cancellable, error))
            goto drain;
        }
    }
  if (len == -2)
    {
      mk_team_set_error (error, sync->conn, NULL, _("receiving the entries"));
      return FALSE;
    }
  g_clear_pointer (&result, PQclear);
  result = PQgetResult (sync->conn);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    {
      mk_team_set_error (error, sync->conn, result, _("receiving the entries"));
      return FALSE;
    }
  drain_results (sync->conn, &result);
  if (!flush_senders (r, error))
    return FALSE;

  stmt = mk_store_stmt_for_sql (store,
                                "UPDATE team_link SET receiving = 0, last_revision = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, r->until);
  return mk_store_step_done (store, stmt, error);

drain:
  /* The rest of the rows, so the connection is usable for the rollback. */
  while ((len = PQgetCopyData (sync->conn, &line, FALSE)) > 0)
    PQfreemem (line);
  drain_results (sync->conn, &result);
  return FALSE;
}

static gboolean
receive_change (MkStore  *store,
                gpointer  user_data,
                GError  **error)
{
  return receive_into_store (user_data, error);
}

/* Many entries: one bulk transaction (mk-store-bulk.c), as an import. */
static gboolean
receive_in_bulk (Receive *r,
                 GError **error)
{
  MkStore *store = r->sync->store;
  gboolean ok;

  r->bulk = mk_store_bulk_begin_received (store, error);
  if (r->bulk == NULL)
    return FALSE;
  mk_store_bulk_set_cancellable (r->bulk, r->sync->cancellable);
  if (!mk_store_bulk_expect_rows (r->bulk, r->expected, error) ||
      !receive_into_store (r, error))
    {
      mk_store_bulk_abort (g_steal_pointer (&r->bulk));
      return FALSE;
    }
  ok = mk_store_bulk_commit (g_steal_pointer (&r->bulk), NULL, error);
  /* The bulk reads categories back only for itself; a change does it. */
  if (ok && !mk_store_reload_categories (store, error))
    return FALSE;
  return ok;
}

static gboolean
receive_changes (Sync    *sync,
                 GError **error)
{
  g_autoptr(PGresult) until = NULL;
  g_autoptr(PGresult) set = NULL;
  g_autoptr(MkTeamOwned) owned = NULL;
  g_autofree char *since_text = NULL;
  g_autoptr(GString) range = NULL;
  Receive r = { 0, };
  gboolean ok;

  r.sync = sync;
  /* What this sync has just sent is not read back (send_changes()). */
  r.since = sync->link->last_revision;
  if (sync->sent_until > r.since && sync->sent_from <= r.since)
    r.since = sync->sent_until;
  since_text = g_strdup_printf ("%" G_GINT64_FORMAT, r.since);
  if (!mk_team_exec (sync->conn, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
                     _("receiving"), error))
    return FALSE;
  until = mk_team_query (sync->conn, "SELECT minutka.max_revision ()", 0, NULL, _("receiving"),
                         error);
  if (until == NULL)
    return FALSE;
  r.until = g_ascii_strtoll (PQgetvalue (until, 0, 0), NULL, 10);
  if (r.until <= r.since)
    {
      /* Nothing new, or only what this sync sent: the position is stored
       * with the end of the sync (finish_change()). */
      if (r.since > sync->link->last_revision)
        sync->position = r.since;
      return mk_team_exec (sync->conn, "COMMIT", _("receiving"), error);
    }
  {
    g_autofree char *until_text = g_strdup_printf ("%" G_GINT64_FORMAT, r.until);
    const char *values[] = { since_text, until_text, sync->link->desktop_uuid };

    set = mk_team_query (sync->conn,
                         "SELECT set_config ('minutka.since', $1, true), "
                         "set_config ('minutka.until', $2, true), "
                         "set_config ('minutka.origin', $3, true), "
                         "set_config ('DateStyle', 'ISO, YMD', true)",
                         3, values, _("receiving"), error);
    if (set == NULL)
      return FALSE;
  }
  /* The entries to read: the range of their revisions written out as
   * numbers (the planner then knows how much of the table it is), without
   * what this sync has just sent when that is inside it (send_changes());
   * this desktop's identity in a sub-select, evaluated once (a
   * current_setting() per row cost the count of a million entries 0.8 s
   * of its 1.1). */
  range = g_string_new (NULL);
  if (sync->sent_until > sync->sent_from && sync->sent_from > r.since)
    g_string_append_printf (range, "(revision > %" G_GINT64_FORMAT " AND revision <= %"
                            G_GINT64_FORMAT " OR revision > %" G_GINT64_FORMAT
                            " AND revision <= %" G_GINT64_FORMAT ")",
                            r.since, sync->sent_from, sync->sent_until, r.until);
  else
    g_string_append_printf (range, "revision > %" G_GINT64_FORMAT " AND revision <= %"
                            G_GINT64_FORMAT, r.since, r.until);
  g_string_append (range, " AND origin IS DISTINCT FROM "
                   "(SELECT current_setting ('minutka.origin')::uuid)");
  r.range = range->str;
  owned = mk_team_owned_fetch (sync->conn, r.since, error);
  if (owned == NULL)
    return FALSE;
  {
    const char *values[] = { since_text };

    r.people = mk_team_query (sync->conn,
                              "SELECT uuid, name, email, level, team, archived FROM minutka.person "
                              "WHERE revision > $1", 1, values, _("receiving the people"), error);
    if (r.people == NULL)
      return FALSE;
  }
  if (!sync->link->supervisor)
    {
      /* Her entries the supervisor gave to another person since she last
       * received, and that are not hers again (mk-team-server.c). */
      r.moved = mk_team_query (sync->conn,
                               "SELECT DISTINCT m.uuid FROM minutka.entry_moved m "
                               "WHERE m.revision > current_setting ('minutka.since')::bigint "
                               "AND m.revision <= current_setting ('minutka.until')::bigint "
                               "AND NOT EXISTS (SELECT 1 FROM minutka.entry e "
                               "WHERE e.uuid = m.uuid)", 0, NULL, _("receiving the entries"),
                               error);
      if (r.moved == NULL)
        {
          g_clear_pointer (&r.people, PQclear);
          return FALSE;
        }
    }
  {
    g_autoptr(GString) sql = g_string_new ("SELECT count (*) FROM minutka.entry WHERE ");
    g_autoptr(PGresult) count = NULL;

    g_string_append (sql, r.range);
    count = mk_team_query (sync->conn, sql->str, 0, NULL, _("receiving the entries"), error);

    if (count == NULL)
      {
        g_clear_pointer (&r.people, PQclear);
        g_clear_pointer (&r.moved, PQclear);
        return FALSE;
      }
    r.expected = g_ascii_strtoull (PQgetvalue (count, 0, 0), NULL, 10);
  }
  r.owned = owned;
  sync->result->settings_received = !mk_team_owned_is_empty (owned);
  if (r.expected == 0 && PQntuples (r.people) == 0 && mk_team_owned_is_empty (owned) &&
      (r.moved == NULL || PQntuples (r.moved) == 0))
    {
      /* Only this desktop's own changes came after the last position:
       * nothing to apply; the new position is stored with the end of the
       * sync (finish_change()). */
      g_clear_pointer (&r.people, PQclear);
      g_clear_pointer (&r.moved, PQclear);
      sync->position = r.until;
      return mk_team_exec (sync->conn, "COMMIT", _("receiving"), error);
    }
  mk_key_set_init (&r.pending);
  r.person_ids = read_ids (sync->store, "SELECT uuid, id FROM person", error);
  if (r.person_ids == NULL || !forget_now (sync, error))
    ok = FALSE;
  else if (r.expected >= BULK_RECEIVE)
    ok = receive_in_bulk (&r, error);
  else
    ok = mk_store_change (sync->store, receive_change, &r, error);
  mk_key_set_clear (&r.pending);
  g_clear_pointer (&r.people, PQclear);
  g_clear_pointer (&r.moved, PQclear);
  g_clear_pointer (&r.person_ids, g_hash_table_unref);
  g_clear_pointer (&r.category_ids, g_hash_table_unref);
  g_clear_pointer (&r.senders, g_array_unref);
  g_clear_pointer (&r.login_index, g_hash_table_unref);
  g_clear_pointer (&r.logins, g_ptr_array_unref);
  if (!ok)
    return FALSE;
  return mk_team_exec (sync->conn, "COMMIT", _("receiving"), error);
}

/* The end of a sync, in one local transaction: what was sent is forgotten
 * (unless receiving did it), the new position stored (when receiving had
 * nothing to apply), and the time recorded. */
static gboolean
finish_change (MkStore  *store,
               gpointer  user_data,
               GError  **error)
{
  Sync *sync = user_data;

  if (sync->forget && !forget_sent_change (store, sync, error))
    return FALSE;
  if (sync->position > 0)
    {
      sqlite3_stmt *stmt =
        mk_store_stmt_for_sql (store, "UPDATE team_link SET last_revision = ? "
                               "WHERE last_revision < ?1", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, sync->position);
      if (!mk_store_step_done (store, stmt, error))
        return FALSE;
    }
  return mk_store_exec (store,
                        "UPDATE team_link SET last_sync = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')",
                        _("recording the sync"), error);
}

static int
compare_texts (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (*(const char * const *) a, *(const char * const *) b);
}

/**
 * mk_team_sync:
 * @store: a store in a team
 * @password: (nullable): the login's password for this sync only (never
 *   stored), or %NULL to let libpq find it
 * @result: (out caller-allocates): what the sync did; clear it with
 *   mk_team_sync_result_clear()
 * @progress: (nullable) (scope call): called every few thousand entries
 * @progress_data: for @progress
 * @cancellable: (nullable): stops the sync at the next few thousand
 *   entries; what was committed stays, the rest is rolled back
 * @error: return location for a #GError
 *
 * Sends what changed here, then receives what changed on the server (see
 * the top).  When the server cannot be reached or refuses, nothing changes
 * locally and @error holds the server's words.
 *
 * Returns: %TRUE when both halves are done.
 */
gboolean
mk_team_sync (MkStore            *store,
              const char         *password,
              MkTeamSyncResult   *result,
              MkTeamProgressFunc  progress,
              gpointer            progress_data,
              GCancellable       *cancellable,
              GError            **error)
{
  return mk_team_sync_full (store, password, NULL, NULL, NULL, result, progress, progress_data,
                            cancellable, error);
}

/* Whether a lent connection can be lent again: open, and outside any
 * transaction (a sync that failed half-way may have left one open). */
static gboolean
reusable (PGconn *conn)
{
  if (PQstatus (conn) != CONNECTION_OK)
    return FALSE;
  if (PQtransactionStatus (conn) == PQTRANS_INTRANS ||
      PQtransactionStatus (conn) == PQTRANS_INERROR)
    {
      g_autoptr(PGresult) result = PQexec (conn, "ROLLBACK");

      (void) result;
    }
  return PQstatus (conn) == CONNECTION_OK && PQtransactionStatus (conn) == PQTRANS_IDLE;
}

/* Gives a lent connection back, or NULL (and closes it) when it cannot be
 * lent again. */
static void
give_back_conn (MkTeamGiveBackFunc  give_back,
                gpointer            lender,
                PGconn             *conn)
{
  if (!reusable (conn))
    g_clear_pointer (&conn, PQfinish);
  give_back (conn, lender);
}

/* The connection a sync runs on: the lender's when it has one (the
 * window's listening connection, already logged in: logging in again cost
 * most of an everyday sync), else a new one.  A lent connection that turns
 * out to be lost (the server restarted meanwhile) is given back as lost and
 * a new one made.  *lent says whose it is. */
static PGconn *
connect_for_sync (MkTeamLink         *link,
                  const char         *password,
                  MkTeamBorrowFunc    borrow,
                  MkTeamGiveBackFunc  give_back,
                  gpointer            lender,
                  char              **team_uuid,
                  gboolean           *lent,
                  GError            **error)
{
  PGconn *conn = borrow != NULL ? borrow (link->conninfo, lender) : NULL;

  *lent = conn != NULL;
  if (conn != NULL)
    {
      g_autoptr(GError) local = NULL;
      gboolean lost;

      if (mk_team_check_schema (conn, team_uuid, &local))
        return conn;
      *lent = FALSE;
      lost = PQstatus (conn) != CONNECTION_OK;
      give_back_conn (give_back, lender, conn);
      if (!lost)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
      g_debug ("the listening connection was lost: a new one for the sync");
    }
  conn = mk_team_connect (link->conninfo, password, error);
  if (conn != NULL && !mk_team_check_schema (conn, team_uuid, error))
    g_clear_pointer (&conn, PQfinish);
  return conn;
}

/* The sync itself, on @conn (see the top). */
static gboolean
run_sync (MkStore            *store,
          MkTeamLink         *link,
          PGconn             *conn,
          const char         *team_uuid,
          MkTeamSyncResult   *result,
          MkTeamProgressFunc  progress,
          gpointer            progress_data,
          GCancellable       *cancellable,
          GError            **error)
{
  g_autoptr(PGresult) me = NULL;
  Sync sync = { 0, };
  gboolean ok;

  if (g_strcmp0 (team_uuid, link->team_uuid) != 0)
    {
      g_set_error (error, MK_TEAM_ERROR, MK_TEAM_ERROR_OTHER_TEAM,
                   _("The database at %s holds another team than the one this database "
                     "joined. Leave the team with --team-leave and join the new one."),
                   link->server);
      return FALSE;
    }
  /* Who the login is now: the owner may have made it a supervisor. */
  me = mk_team_query (conn, "SELECT coalesce ((SELECT supervisor FROM minutka.person "
                      "WHERE login = current_user), false)", 0, NULL, _("syncing"), error);
  if (me == NULL)
    return FALSE;
  link->supervisor = g_str_equal (PQgetvalue (me, 0, 0), "t");

  sync.store = store;
  sync.link = link;
  sync.conn = conn;
  sync.result = result;
  sync.progress = progress;
  sync.progress_data = progress_data;
  sync.cancellable = cancellable;
  sync.kept = g_array_new (FALSE, FALSE, sizeof (KeptChange));
  sync.taken = g_array_new (FALSE, FALSE, sizeof (MkUuid));
  sync.refused = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sync.people = g_hash_table_new_full (uuid_hash, uuid_equal, g_free, NULL);
  sync.categories = g_hash_table_new_full (uuid_hash, uuid_equal, g_free, NULL);
  ok = send_changes (&sync, error) && receive_changes (&sync, error) &&
       mk_store_change (store, finish_change, &sync, error);
  if (!ok && sync.forget)
    {
      /* Receiving failed after the server took what was sent: forget it
       * all the same (else the next sync sends it again, which changes
       * nothing on the server but costs the time). */
      mk_store_change (store, forget_sent_change, &sync, NULL);
    }
  {
    GHashTableIter iter;
    gpointer name, n;

    g_hash_table_iter_init (&iter, sync.refused);
    while (g_hash_table_iter_next (&iter, &name, &n))
      g_ptr_array_add (result->refused, g_strdup_printf ("%s (%u)", (const char *) name,
                                                          GPOINTER_TO_UINT (n)));
    g_ptr_array_sort (result->refused, compare_texts);
  }
  g_hash_table_unref (sync.refused);
  g_hash_table_unref (sync.people);
  g_hash_table_unref (sync.categories);
  g_array_unref (sync.kept);
  g_array_unref (sync.taken);
  return ok;
}

/**
 * mk_team_sync_full:
 * @store: a store in a team
 * @password: (nullable): as for mk_team_sync()
 * @borrow: (nullable): lends the sync an open connection (mk-team-private.h)
 * @give_back: (nullable): takes it back at the end
 * @lender: for @borrow and @give_back
 * @result: (out caller-allocates): as for mk_team_sync()
 * @progress: (nullable) (scope call): as for mk_team_sync()
 * @progress_data: for @progress
 * @cancellable: (nullable): as for mk_team_sync()
 * @error: return location for a #GError
 *
 * mk_team_sync() on a connection @borrow lends, when it lends one.
 *
 * Returns: %TRUE when both halves are done.
 */
gboolean
mk_team_sync_full (MkStore            *store,
                   const char         *password,
                   MkTeamBorrowFunc    borrow,
                   MkTeamGiveBackFunc  give_back,
                   gpointer            lender,
                   MkTeamSyncResult   *result,
                   MkTeamProgressFunc  progress,
                   gpointer            progress_data,
                   GCancellable       *cancellable,
                   GError            **error)
{
  g_autoptr(MkTeamLink) link = NULL;
  g_autoptr(PGconn) conn = NULL;
  g_autofree char *team_uuid = NULL;
  gboolean lent = FALSE;
  gboolean ok;

  g_return_val_if_fail (MK_IS_STORE (store), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail ((borrow == NULL) == (give_back == NULL), FALSE);

  memset (result, 0, sizeof *result);
  result->refused = g_ptr_array_new_with_free_func (g_free);
  link = mk_team_link_read (store, error);
  if (link == NULL)
    return FALSE;
  conn = connect_for_sync (link, password, borrow, give_back, lender, &team_uuid, &lent, error);
  if (conn == NULL)
    return FALSE;
  ok = run_sync (store, link, conn, team_uuid, result, progress, progress_data, cancellable,
                 error);
  if (lent)
    give_back_conn (give_back, lender, g_steal_pointer (&conn));
  return ok;
}
