/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-team-owned.c — what belongs to the team: categories, aliases, the
 * analysis settings and the study period.
 *
 * Design notes.
 *
 * These are small (tens of rows), so they travel whole: the supervisor's
 * desktop reads its own (mk_team_owned_read_local()) and sends them all
 * whenever one of them changed (team_link.owned_changed); the server keeps
 * a row's revision unless its values really differ, so only what changed
 * reaches the others.  Receiving fetches the rows above the desktop's last
 * revision and writes them into the local tables in the receiving
 * transaction (mk_team_owned_apply()).  Categories are matched by their
 * identity — the built-in ones have the same everywhere (mk-uuid.c) — and
 * aliases by their text; an alias removed by the supervisor travels as a
 * tombstone.  A new team starts with what a new local database has
 * (mk_team_owned_new_defaults()), so there is one list of built-in
 * categories, aliases and settings: the store's.
 */
#define G_LOG_DOMAIN "mk-team"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "mk-store-private.h"
#include "mk-team-private.h"
#include "mk-team-server.h"

static void
category_clear (gpointer data)
{
  MkTeamCategory *c = data;

  g_free (c->key);
  g_free (c->name);
  g_free (c->color);
  g_free (c->klass);
}

static void
alias_clear (gpointer data)
{
  g_free (((MkTeamAlias *) data)->alias);
}

static void
setting_clear (gpointer data)
{
  MkTeamSetting *s = data;

  g_free (s->key);
  g_free (s->value);
}

MkTeamOwned *
mk_team_owned_new (void)
{
  MkTeamOwned *owned = g_new0 (MkTeamOwned, 1);

  owned->categories = g_array_new (FALSE, TRUE, sizeof (MkTeamCategory));
  g_array_set_clear_func (owned->categories, category_clear);
  owned->aliases = g_array_new (FALSE, TRUE, sizeof (MkTeamAlias));
  g_array_set_clear_func (owned->aliases, alias_clear);
  owned->settings = g_array_new (FALSE, TRUE, sizeof (MkTeamSetting));
  g_array_set_clear_func (owned->settings, setting_clear);
  return owned;
}

void
mk_team_owned_free (MkTeamOwned *owned)
{
  if (owned == NULL)
    return;
  g_array_unref (owned->categories);
  g_array_unref (owned->aliases);
  g_array_unref (owned->settings);
  g_free (owned->study_name);
  g_free (owned->study_from);
  g_free (owned->study_to);
  g_free (owned);
}

gboolean
mk_team_owned_is_empty (const MkTeamOwned *owned)
{
  return owned->categories->len == 0 && owned->aliases->len == 0 &&
         owned->settings->len == 0 && !owned->has_study;
}

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL
         ? NULL : g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

/* The local side */

/**
 * mk_team_owned_read_local:
 * @store: a store
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the categories, aliases, settings
 *   and active study of @store.
 */
MkTeamOwned *
mk_team_owned_read_local (MkStore *store,
                          GError **error)
{
  g_autoptr(MkTeamOwned) owned = mk_team_owned_new ();
  sqlite3_stmt *stmt;
  MkStoreStep step;

  stmt = mk_store_stmt_for_sql (store,
                                "SELECT uuid, key, name, color, class, target_min, target_max, "
                                "sort_order, archived FROM category ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  while ((step = mk_store_step (store, stmt, error)) == MK_STORE_ROW)
    {
      MkTeamCategory c = { { 0 }, };

      mk_store_column_uuid (stmt, 0, c.uuid);
      c.key = column_text (stmt, 1);
      c.name = column_text (stmt, 2);
      c.color = column_text (stmt, 3);
      c.klass = column_text (stmt, 4);
      c.target_min = sqlite3_column_double (stmt, 5);
      c.target_max = sqlite3_column_double (stmt, 6);
      c.sort_order = sqlite3_column_int (stmt, 7);
      c.archived = sqlite3_column_int (stmt, 8) != 0;
      g_array_append_val (owned->categories, c);
    }
  if (step == MK_STORE_FAILED)
    return NULL;

  stmt = mk_store_stmt_for_sql (store,
                                "SELECT a.alias, c.uuid FROM category_alias a "
                                "JOIN category c ON c.id = a.category_id ORDER BY a.alias", error);
  if (stmt == NULL)
    return NULL;
  while ((step = mk_store_step (store, stmt, error)) == MK_STORE_ROW)
    {
      MkTeamAlias a = { 0, };

      a.alias = column_text (stmt, 0);
      mk_store_column_uuid (stmt, 1, a.category);
      g_array_append_val (owned->aliases, a);
    }
  if (step == MK_STORE_FAILED)
    return NULL;

  stmt = mk_store_stmt_for_sql (store, "SELECT key, value FROM setting ORDER BY key", error);
  if (stmt == NULL)
    return NULL;
  while ((step = mk_store_step (store, stmt, error)) == MK_STORE_ROW)
    {
      MkTeamSetting s = { column_text (stmt, 0), column_text (stmt, 1) };

      g_array_append_val (owned->settings, s);
    }
  if (step == MK_STORE_FAILED)
    return NULL;

  owned->has_study = TRUE;
  owned->study_active = mk_store_get_study (store, &owned->study_name, &owned->study_from,
                                            &owned->study_to);
  return g_steal_pointer (&owned);
}

/**
 * mk_team_owned_new_defaults:
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): what a new local database starts
 *   with (read from one, made in a private temporary folder).
 */
MkTeamOwned *
mk_team_owned_new_defaults (GError **error)
{
  g_autofree char *dir = g_dir_make_tmp ("minutka-team-XXXXXX", error);
  g_autofree char *path = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;
  MkTeamOwned *owned = NULL;
  MkStore *store;

  if (dir == NULL)
    return NULL;
  path = g_build_filename (dir, "defaults.db", NULL);
  store = mk_store_open (path, error);
  if (store != NULL)
    {
      owned = mk_team_owned_read_local (store, error);
      g_object_unref (store);
    }
  wal = g_strconcat (path, "-wal", NULL);
  shm = g_strconcat (path, "-shm", NULL);
  g_unlink (wal);
  g_unlink (shm);
  g_unlink (path);
  g_rmdir (dir);
  return owned;
}

typedef struct {
  const MkTeamOwned *owned;
} ApplyData;

static gboolean
apply_category (MkStore              *store,
                const MkTeamCategory *c,
                GError              **error)
{
  sqlite3_stmt *stmt;
  MkUuid uuid;
  gint64 id = 0;
  MkStoreStep step;

  if (!mk_uuid_parse (c->uuid, &uuid))
    return TRUE;
  /* By identity, else by key (a category the desktop made before it
   * joined, with the same key as the team's). */
  stmt = mk_store_stmt_for_sql (store,
                                "SELECT id FROM category WHERE uuid = ?1 "
                                "UNION ALL SELECT id FROM category WHERE key = ?2 LIMIT 1",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_blob (stmt, 1, uuid.bytes, sizeof uuid.bytes, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, c->key, -1, SQLITE_TRANSIENT);
  step = mk_store_step (store, stmt, error);
  if (step == MK_STORE_FAILED)
    return FALSE;
  if (step == MK_STORE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }

  if (id != 0)
    stmt = mk_store_stmt_for_sql (store,
                                  "UPDATE category SET uuid = ?1, key = ?2, name = ?3, color = ?4, "
                                  "class = ?5, target_min = ?6, target_max = ?7, sort_order = ?8, "
                                  "archived = ?9 WHERE id = ?10", error);
  else
    stmt = mk_store_stmt_for_sql (store,
                                  "INSERT INTO category (uuid, key, name, color, class, target_min, "
                                  "target_max, sort_order, archived) "
                                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_blob (stmt, 1, uuid.bytes, sizeof uuid.bytes, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, c->key, -1, SQLITE_TRANSIENT);
  if (c->name != NULL)
    sqlite3_bind_text (stmt, 3, c->name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, c->color, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, c->klass, -1, SQLITE_TRANSIENT);
  sqlite3_bind_double (stmt, 6, c->target_min);
  sqlite3_bind_double (stmt, 7, c->target_max);
  sqlite3_bind_int (stmt, 8, c->sort_order);
  sqlite3_bind_int (stmt, 9, c->archived);
  if (id != 0)
    sqlite3_bind_int64 (stmt, 10, id);
  return mk_store_step_done (store, stmt, error);
}

static gboolean
apply_alias (MkStore           *store,
             const MkTeamAlias *a,
             GError           **error)
{
  sqlite3_stmt *stmt;
  MkUuid uuid;

  if (a->deleted)
    {
      stmt = mk_store_stmt_for_sql (store, "DELETE FROM category_alias WHERE alias = ?", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, a->alias, -1, SQLITE_TRANSIENT);
      return mk_store_step_done (store, stmt, error);
    }
  if (!mk_uuid_parse (a->category, &uuid))
    return TRUE;
  stmt = mk_store_stmt_for_sql (store,
                                "INSERT INTO category_alias (alias, category_id) "
                                "SELECT ?1, id FROM category WHERE uuid = ?2 "
                                "ON CONFLICT (alias) DO UPDATE SET category_id = excluded.category_id",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, a->alias, -1, SQLITE_TRANSIENT);
  sqlite3_bind_blob (stmt, 2, uuid.bytes, sizeof uuid.bytes, SQLITE_TRANSIENT);
  return mk_store_step_done (store, stmt, error);
}

static gboolean
apply_study (MkStore           *store,
             const MkTeamOwned *owned,
             GError           **error)
{
  g_autofree char *name = NULL, *from = NULL, *to = NULL;
  gboolean active = mk_store_get_study (store, &name, &from, &to);
  sqlite3_stmt *stmt;

  if (owned->study_active)
    {
      if (active && g_strcmp0 (name, owned->study_name) == 0 &&
          g_strcmp0 (from, owned->study_from) == 0 && g_strcmp0 (to, owned->study_to) == 0)
        return TRUE;
      return mk_store_write_study (store, owned->study_name, owned->study_from,
                                   owned->study_to, error);
    }
  if (!active)
    return TRUE;
  stmt = mk_store_stmt (store, STMT_STUDY_DEACTIVATE, error);
  return stmt != NULL && mk_store_step_done (store, stmt, error);
}

/**
 * mk_team_owned_apply:
 * @store: a store inside the receiving transaction
 * @owned: what the server sent
 * @error: return location for a #GError
 *
 * Writes the team's categories, aliases, settings and study into @store;
 * new prime hours recompute the prime minutes of every day total.
 *
 * Returns: %TRUE on success.
 */
gboolean
mk_team_owned_apply (MkStore           *store,
                     const MkTeamOwned *owned,
                     GError           **error)
{
  g_assert (store->in_transaction);

  for (guint i = 0; i < owned->categories->len; i++)
    if (!apply_category (store, &g_array_index (owned->categories, MkTeamCategory, i), error))
      return FALSE;
  if (owned->categories->len > 0)
    store->categories_changed = TRUE;
  for (guint i = 0; i < owned->aliases->len; i++)
    if (!apply_alias (store, &g_array_index (owned->aliases, MkTeamAlias, i), error))
      return FALSE;
  if (owned->settings->len > 0)
    {
      MkSettings settings = store->settings;
      gboolean prime_changed;

      for (guint i = 0; i < owned->settings->len; i++)
        {
          MkTeamSetting *s = &g_array_index (owned->settings, MkTeamSetting, i);

          mk_store_parse_setting (&settings, s->key, s->value);
        }
      prime_changed = store->settings.n_prime != settings.n_prime ||
                      memcmp (store->settings.prime, settings.prime,
                              sizeof (MkPrimeRange) * settings.n_prime) != 0;
      if (!mk_store_write_settings (store, &settings, error) ||
          (prime_changed && !mk_store_rebuild_rollups (store, 0, error)))
        return FALSE;
    }
  return !owned->has_study || apply_study (store, owned, error);
}

/* The server side */

static char *
double_text (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_dtostr (buf, sizeof buf, value));
}

/**
 * mk_team_owned_send:
 * @conn: a connection inside a transaction, as the owner or a supervisor
 * @owned: everything the team owns, as one desktop has it
 * @error: return location for a #GError
 *
 * Makes the server's categories, aliases, settings and study what @owned
 * says; rows whose values are the same keep their revision.
 *
 * Returns: %TRUE on success.
 */
gboolean
mk_team_owned_send (PGconn            *conn,
                    const MkTeamOwned *owned,
                    GError           **error)
{
  g_autoptr(GHashTable) local_aliases = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(PGresult) server_aliases = NULL;

  for (guint i = 0; i < owned->categories->len; i++)
    {
      MkTeamCategory *c = &g_array_index (owned->categories, MkTeamCategory, i);
      g_autofree char *tmin = double_text (c->target_min);
      g_autofree char *tmax = double_text (c->target_max);
      g_autofree char *order = g_strdup_printf ("%d", c->sort_order);
      const char *values[] = { c->uuid, c->key, c->name, c->color, c->klass, tmin, tmax, order,
                               c->archived ? "t" : "f" };
      g_autoptr(PGresult) result =
        mk_team_query (conn,
                       "INSERT INTO minutka.category AS c (uuid, key, name, color, class, "
                       "target_min, target_max, sort_order, archived) "
                       "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
                       "ON CONFLICT (uuid) DO UPDATE SET key = excluded.key, name = excluded.name, "
                       "color = excluded.color, class = excluded.class, "
                       "target_min = excluded.target_min, target_max = excluded.target_max, "
                       "sort_order = excluded.sort_order, archived = excluded.archived "
                       "WHERE (c.key, c.name, c.color, c.class, c.target_min, c.target_max, "
                       "c.sort_order, c.archived) IS DISTINCT FROM (excluded.key, excluded.name, "
                       "excluded.color, excluded.class, excluded.target_min, excluded.target_max, "
                       "excluded.sort_order, excluded.archived)",
                       G_N_ELEMENTS (values), values, _("sending the categories"), error);

      if (result == NULL)
        return FALSE;
    }

  for (guint i = 0; i < owned->aliases->len; i++)
    {
      MkTeamAlias *a = &g_array_index (owned->aliases, MkTeamAlias, i);
      const char *values[] = { a->alias, a->category };
      g_autoptr(PGresult) result =
        mk_team_query (conn,
                       "INSERT INTO minutka.alias AS a (alias, category) VALUES ($1, $2) "
                       "ON CONFLICT (alias) DO UPDATE SET category = excluded.category, "
                       "deleted = false WHERE a.category <> excluded.category OR a.deleted",
                       2, values, _("sending the category words"), error);

      if (result == NULL)
        return FALSE;
      g_hash_table_add (local_aliases, a->alias);
    }
  /* The aliases this desktop removed become tombstones. */
  server_aliases = mk_team_query (conn, "SELECT alias FROM minutka.alias WHERE NOT deleted", 0,
                                  NULL, _("sending the category words"), error);
  if (server_aliases == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (server_aliases); i++)
    {
      const char *values[] = { PQgetvalue (server_aliases, i, 0) };
      g_autoptr(PGresult) result = NULL;

      if (g_hash_table_contains (local_aliases, values[0]))
        continue;
      result = mk_team_query (conn, "UPDATE minutka.alias SET deleted = true WHERE alias = $1", 1,
                              values, _("sending the category words"), error);
      if (result == NULL)
        return FALSE;
    }

  for (guint i = 0; i < owned->settings->len; i++)
    {
      MkTeamSetting *s = &g_array_index (owned->settings, MkTeamSetting, i);
      const char *values[] = { s->key, s->value };
      g_autoptr(PGresult) result =
        mk_team_query (conn,
                       "INSERT INTO minutka.setting AS s (key, value) VALUES ($1, $2) "
                       "ON CONFLICT (key) DO UPDATE SET value = excluded.value "
                       "WHERE s.value <> excluded.value",
                       2, values, _("sending the settings"), error);

      if (result == NULL)
        return FALSE;
    }

  if (owned->has_study)
    {
      const char *values[] = { owned->study_active ? "t" : "f",
                               owned->study_active ? owned->study_name : "",
                               owned->study_active ? owned->study_from : NULL,
                               owned->study_active ? owned->study_to : NULL };
      g_autoptr(PGresult) result =
        mk_team_query (conn,
                       "INSERT INTO minutka.study AS s (id, active, name, day_from, day_to) "
                       "VALUES (1, $1, $2, $3, $4) ON CONFLICT (id) DO UPDATE SET "
                       "active = excluded.active, name = excluded.name, "
                       "day_from = excluded.day_from, day_to = excluded.day_to "
                       "WHERE (s.active, s.name, s.day_from, s.day_to) IS DISTINCT FROM "
                       "(excluded.active, excluded.name, excluded.day_from, excluded.day_to)",
                       4, values, _("sending the study period"), error);

      if (result == NULL)
        return FALSE;
    }
  return TRUE;
}

static char *
value_or_null (PGresult *result,
               int       row,
               int       column)
{
  return PQgetisnull (result, row, column) ? NULL
                                           : g_strdup (PQgetvalue (result, row, column));
}

/**
 * mk_team_owned_fetch:
 * @conn: a connection inside the receiving transaction
 * @since: the last revision the desktop received
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the team's categories, aliases,
 *   settings and study that changed after @since.
 */
MkTeamOwned *
mk_team_owned_fetch (PGconn  *conn,
                     gint64   since,
                     GError **error)
{
  g_autoptr(MkTeamOwned) owned = mk_team_owned_new ();
  g_autofree char *since_text = g_strdup_printf ("%" G_GINT64_FORMAT, since);
  const char *values[] = { since_text };
  g_autoptr(PGresult) categories = NULL;
  g_autoptr(PGresult) aliases = NULL;
  g_autoptr(PGresult) settings = NULL;
  g_autoptr(PGresult) study = NULL;

  categories = mk_team_query (conn,
                              "SELECT uuid, key, name, color, class, target_min, target_max, "
                              "sort_order, archived FROM minutka.category WHERE revision > $1 "
                              "ORDER BY sort_order, key", 1, values,
                              _("receiving the categories"), error);
  if (categories == NULL)
    return NULL;
  for (int i = 0; i < PQntuples (categories); i++)
    {
      MkTeamCategory c = { { 0 }, };

      g_strlcpy (c.uuid, PQgetvalue (categories, i, 0), sizeof c.uuid);
      c.key = value_or_null (categories, i, 1);
      c.name = value_or_null (categories, i, 2);
      c.color = value_or_null (categories, i, 3);
      c.klass = value_or_null (categories, i, 4);
      c.target_min = g_ascii_strtod (PQgetvalue (categories, i, 5), NULL);
      c.target_max = g_ascii_strtod (PQgetvalue (categories, i, 6), NULL);
      c.sort_order = atoi (PQgetvalue (categories, i, 7));
      c.archived = g_str_equal (PQgetvalue (categories, i, 8), "t");
      g_array_append_val (owned->categories, c);
    }

  aliases = mk_team_query (conn, "SELECT alias, category, deleted FROM minutka.alias "
                           "WHERE revision > $1", 1, values,
                           _("receiving the category words"), error);
  if (aliases == NULL)
    return NULL;
  for (int i = 0; i < PQntuples (aliases); i++)
    {
      MkTeamAlias a = { 0, };

      a.alias = value_or_null (aliases, i, 0);
      g_strlcpy (a.category, PQgetvalue (aliases, i, 1), sizeof a.category);
      a.deleted = g_str_equal (PQgetvalue (aliases, i, 2), "t");
      g_array_append_val (owned->aliases, a);
    }

  settings = mk_team_query (conn, "SELECT key, value FROM minutka.setting WHERE revision > $1",
                            1, values, _("receiving the settings"), error);
  if (settings == NULL)
    return NULL;
  for (int i = 0; i < PQntuples (settings); i++)
    {
      MkTeamSetting s = { value_or_null (settings, i, 0), value_or_null (settings, i, 1) };

      g_array_append_val (owned->settings, s);
    }

  study = mk_team_query (conn, "SELECT active, name, day_from, day_to FROM minutka.study "
                         "WHERE revision > $1", 1, values, _("receiving the study period"),
                         error);
  if (study == NULL)
    return NULL;
  if (PQntuples (study) > 0)
    {
      owned->has_study = TRUE;
      owned->study_active = g_str_equal (PQgetvalue (study, 0, 0), "t") &&
                            !PQgetisnull (study, 0, 2) && !PQgetisnull (study, 0, 3);
      owned->study_name = value_or_null (study, 0, 1);
      owned->study_from = value_or_null (study, 0, 2);
      owned->study_to = value_or_null (study, 0, 3);
    }
  return g_steal_pointer (&owned);
}
