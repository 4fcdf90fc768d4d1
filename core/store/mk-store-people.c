/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-store-people.c — people, categories and category aliases.
 *
 * People are matched by email when one is known, else by their name key
 * (trimmed, spaces collapsed, case-folded), so "Anna  Smirnova" and
 * "anna smirnova" are one person.  Categories keep a stable key; the
 * built-in ones show a translated name until the user renames them.  The
 * store caches categories by id (they are few and read on every entry).
 */
#define G_LOG_DOMAIN "mk-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mk-error.h"
#include "mk-store-private.h"

static MkPerson *
person_from_row (sqlite3_stmt *stmt)
{
  MkLevel level = MK_LEVEL_NONE;

  mk_level_from_string ((const char *) sqlite3_column_text (stmt, 3), &level);
  return mk_person_new (sqlite3_column_int64 (stmt, 0),
                        (const char *) sqlite3_column_text (stmt, 1),
                        (const char *) sqlite3_column_text (stmt, 2),
                        level,
                        (const char *) sqlite3_column_text (stmt, 4),
                        sqlite3_column_int (stmt, 5) != 0);
}

static MkPerson *
person_query (MkStore    *self,
              MkStmt      id,
              const char *text,
              gint64      number)
{
  sqlite3_stmt *stmt = mk_store_stmt (self, id);
  MkPerson *person = NULL;

  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, 1, number);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    person = person_from_row (stmt);
  sqlite3_reset (stmt);
  return person;
}

static char *
email_key (const char *email)
{
  g_autofree char *trimmed = NULL;

  if (email == NULL)
    return NULL;
  trimmed = g_strstrip (g_strdup (email));
  if (*trimmed == '\0')
    return NULL;
  return g_utf8_strdown (trimmed, -1);
}

/**
 * mk_store_find_person:
 * @self: a store
 * @name: (nullable): a name as typed or imported
 * @email: (nullable): an email address
 *
 * Finds a person by email when @email is given and known, else by name
 * (case and spacing do not matter).
 *
 * Returns: (transfer full) (nullable): the person, or %NULL if there is none.
 */
MkPerson *
mk_store_find_person (MkStore    *self,
                      const char *name,
                      const char *email)
{
  g_autofree char *email_k = email_key (email);
  g_autofree char *name_k = NULL;
  MkPerson *person = NULL;

  g_return_val_if_fail (MK_IS_STORE (self), NULL);

  if (email_k != NULL)
    person = person_query (self, STMT_PERSON_BY_EMAIL, email_k, 0);
  if (person == NULL && name != NULL)
    {
      name_k = mk_store_name_key (name);
      if (*name_k != '\0')
        person = person_query (self, STMT_PERSON_BY_NAME_KEY, name_k, 0);
      /* Two different emails are two different people, whatever their names. */
      if (person != NULL && email_k != NULL && mk_person_get_email (person) != NULL)
        g_clear_object (&person);
    }
  return person;
}

static MkPerson *
ensure_person_in_transaction (MkStore    *self,
                              const char *name,
                              const char *email,
                              gboolean   *changed,
                              GError    **error)
{
  g_autofree char *email_k = email_key (email);
  g_autofree char *name_k = NULL;
  g_autofree char *shown = NULL;
  MkPerson *person;
  sqlite3_stmt *stmt;

  person = mk_store_find_person (self, name, email);
  if (person != NULL)
    {
      /* Learn the email of a person first known by name only. */
      if (email_k != NULL && mk_person_get_email (person) == NULL)
        {
          gint64 id = mk_person_get_id (person);

          stmt = mk_store_stmt (self, STMT_PERSON_SET_EMAIL);
          sqlite3_bind_text (stmt, 1, email_k, -1, SQLITE_TRANSIENT);
          sqlite3_bind_int64 (stmt, 2, id);
          g_object_unref (person);
          if (!mk_store_step_done (self, stmt, error))
            return NULL;
          *changed = TRUE;
          person = person_query (self, STMT_PERSON_BY_ID, NULL, id);
        }
      return person;
    }

  shown = name ? g_strstrip (g_strdup (name)) : NULL;
  if (shown == NULL || *shown == '\0')
    {
      if (email_k == NULL)
        {
          g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_INVALID,
                       _("A person needs a name. Type the manager's name."));
          return NULL;
        }
      /* Known by email only: show the part before the @. */
      g_free (shown);
      shown = g_strndup (email_k, strcspn (email_k, "@"));
    }
  name_k = mk_store_name_key (shown);

  stmt = mk_store_stmt (self, STMT_PERSON_INSERT);
  sqlite3_bind_text (stmt, 1, shown, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, name_k, -1, SQLITE_TRANSIENT);
  if (email_k != NULL)
    sqlite3_bind_text (stmt, 3, email_k, -1, SQLITE_TRANSIENT);
  if (!mk_store_step_done (self, stmt, error))
    return NULL;
  *changed = TRUE;
  return person_query (self, STMT_PERSON_BY_ID, NULL, sqlite3_last_insert_rowid (self->db));
}

/**
 * mk_store_ensure_person:
 * @self: a store
 * @name: (nullable): the person's name; may be %NULL when @email is given
 * @email: (nullable): the person's email
 * @error: return location for a #GError
 *
 * Finds the person (see mk_store_find_person()) or adds them.  When the
 * person is known by name only and @email is new, the email is recorded.
 * Inside a bulk import this joins the import's transaction.
 *
 * Returns: (transfer full) (nullable): the person, or %NULL with
 *   MK_STORE_ERROR_INVALID when neither a name nor an email is given.
 */
MkPerson *
mk_store_ensure_person (MkStore    *self,
                        const char *name,
                        const char *email,
                        GError    **error)
{
  gboolean own_transaction;
  gboolean changed = FALSE;
  MkPerson *person;

  g_return_val_if_fail (MK_IS_STORE (self), NULL);

  own_transaction = !self->in_transaction;
  if (own_transaction && !mk_store_begin (self, error))
    return NULL;

  person = ensure_person_in_transaction (self, name, email, &changed, error);

  if (own_transaction)
    {
      if (person == NULL)
        mk_store_rollback (self);
      else if (!mk_store_commit (self, error))
        g_clear_object (&person);
      else if (changed)
        mk_store_emit_changed (self);
    }
  return person;
}

/* Whether @email_k (already trimmed and lower-cased) looks like an address:
 * one "@" with text on both sides and no white space.  Only a new person's
 * email is checked, to catch a name typed into the email field. */
static gboolean
email_looks_valid (const char *email_k)
{
  const char *at = strchr (email_k, '@');

  return at != NULL && at != email_k && at[1] != '\0' && strchr (at + 1, '@') == NULL &&
         strpbrk (email_k, " \t\r\n") == NULL;
}

/* The message for adding someone core already knows as @existing, whom
 * mk_store_find_person() found by @email_k (when it matches) or by name. */
static void
set_exists_error (MkPerson   *existing,
                  const char *email_k,
                  GError    **error)
{
  const char *name = mk_person_get_name (existing);
  const char *known_email = mk_person_get_email (existing);
  g_autofree char *why = NULL;

  if (email_k != NULL && g_strcmp0 (known_email, email_k) == 0)
    why = g_strdup_printf (_("%s already belongs to %s."), email_k, name);
  else if (known_email != NULL)
    why = g_strdup_printf (_("%s is already in the list, with the email %s. If this is another "
                             "person with the same name, type their email too."),
                           name, known_email);
  else
    why = g_strdup_printf (_("%s is already in the list. Open them there to change their "
                             "details."), name);

  if (mk_person_get_archived (existing))
    g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_EXISTS, "%s %s", why,
                 _("They are archived: open them in the list and turn Archived off."));
  else
    g_set_error_literal (error, MK_STORE_ERROR, MK_STORE_ERROR_EXISTS, why);
}

/**
 * mk_store_add_person:
 * @self: a store
 * @name: the person's name; it must not be empty
 * @email: (nullable): their email; empty means none
 * @level: their level, or %MK_LEVEL_NONE
 * @team: (nullable): their team; empty means none
 * @error: return location for a #GError
 *
 * Adds someone new, as a supervisor does before the study starts, in one
 * transaction.  Unlike mk_store_ensure_person() it never hands back a
 * person already known: whoever mk_store_find_person() would take for the
 * same person (the same email, or the same name when either of the two has
 * no email) is refused, and nothing is written.
 *
 * Returns: (transfer full) (nullable): the new person, or %NULL with
 *   MK_STORE_ERROR_INVALID (no name, an email that is not an address),
 *   MK_STORE_ERROR_EXISTS (the message names who is already there), or
 *   another store error when the database cannot be written.
 */
MkPerson *
mk_store_add_person (MkStore    *self,
                     const char *name,
                     const char *email,
                     MkLevel     level,
                     const char *team,
                     GError    **error)
{
  g_autofree char *shown = name ? g_strstrip (g_strdup (name)) : NULL;
  g_autofree char *team_shown = team ? g_strstrip (g_strdup (team)) : NULL;
  g_autofree char *email_k = email_key (email);
  g_autofree char *name_k = NULL;
  g_autoptr(MkPerson) existing = NULL;
  sqlite3_stmt *stmt;
  gboolean ok;
  gint64 id;

  g_return_val_if_fail (MK_IS_STORE (self), NULL);
  g_return_val_if_fail (level >= MK_LEVEL_NONE && level <= MK_LEVEL_SENIOR, NULL);

  if (shown == NULL || *shown == '\0')
    {
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_INVALID,
                   _("A person needs a name. Type the manager's name."));
      return NULL;
    }
  if (email_k != NULL && !email_looks_valid (email_k))
    {
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_INVALID,
                   _("“%s” is not an email address. Type it like anna@example.com, "
                     "or leave the email empty."), email_k);
      return NULL;
    }
  name_k = mk_store_name_key (shown);

  if (!mk_store_begin (self, error))
    return NULL;

  existing = mk_store_find_person (self, shown, email_k);
  if (existing != NULL)
    {
      mk_store_rollback (self);
      set_exists_error (existing, email_k, error);
      return NULL;
    }

  stmt = mk_store_stmt (self, STMT_PERSON_INSERT);
  sqlite3_bind_text (stmt, 1, shown, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, name_k, -1, SQLITE_TRANSIENT);
  if (email_k != NULL)
    sqlite3_bind_text (stmt, 3, email_k, -1, SQLITE_TRANSIENT);
  ok = mk_store_step_done (self, stmt, error);
  id = sqlite3_last_insert_rowid (self->db);
  if (ok)
    {
      /* The level and team, with the statement that edits a person. */
      stmt = mk_store_stmt (self, STMT_PERSON_UPDATE);
      sqlite3_bind_text (stmt, 1, shown, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, name_k, -1, SQLITE_TRANSIENT);
      if (email_k != NULL)
        sqlite3_bind_text (stmt, 3, email_k, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, mk_level_to_string (level), -1, SQLITE_STATIC);
      if (team_shown != NULL && *team_shown != '\0')
        sqlite3_bind_text (stmt, 5, team_shown, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 6, 0);
      sqlite3_bind_int64 (stmt, 7, id);
      ok = mk_store_step_done (self, stmt, error);
    }
  if (!mk_store_finish (self, ok, error))
    return NULL;
  return person_query (self, STMT_PERSON_BY_ID, NULL, id);
}

/**
 * mk_store_get_person:
 * @self: a store
 * @id: a person id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the person, or %NULL with
 *   MK_STORE_ERROR_NOT_FOUND.
 */
MkPerson *
mk_store_get_person (MkStore *self,
                     gint64   id,
                     GError **error)
{
  MkPerson *person;

  g_return_val_if_fail (MK_IS_STORE (self), NULL);

  person = person_query (self, STMT_PERSON_BY_ID, NULL, id);
  if (person == NULL)
    g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_NOT_FOUND,
                 _("This person is no longer in the database; reload the list."));
  return person;
}

/**
 * mk_store_list_people:
 * @self: a store
 * @include_archived: whether archived people are listed too
 *
 * Returns: (transfer full): a list of #MkPerson sorted by name.
 */
GListModel *
mk_store_list_people (MkStore  *self,
                      gboolean  include_archived)
{
  GListStore *list = g_list_store_new (MK_TYPE_PERSON);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (MK_IS_STORE (self), G_LIST_MODEL (list));

  stmt = mk_store_stmt (self, STMT_PERSON_LIST);
  sqlite3_bind_int (stmt, 1, include_archived);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(MkPerson) person = person_from_row (stmt);

      g_list_store_append (list, person);
    }
  sqlite3_reset (stmt);
  return G_LIST_MODEL (list);
}

/**
 * mk_store_update_person:
 * @self: a store
 * @id: the person
 * @name: the new display name (not empty)
 * @email: (nullable): the new email
 * @level: the new level
 * @team: (nullable): the new team
 * @archived: whether the person is archived (hidden from pickers)
 * @error: return location for a #GError
 *
 * Returns: %TRUE once committed; %FALSE with MK_STORE_ERROR_INVALID (empty
 *   name), _EXISTS (the email belongs to someone else) or _NOT_FOUND.
 */
gboolean
mk_store_update_person (MkStore    *self,
                        gint64      id,
                        const char *name,
                        const char *email,
                        MkLevel     level,
                        const char *team,
                        gboolean    archived,
                        GError    **error)
{
  g_autofree char *shown = name ? g_strstrip (g_strdup (name)) : NULL;
  g_autofree char *name_k = NULL;
  g_autofree char *email_k = email_key (email);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (MK_IS_STORE (self), FALSE);

  if (shown == NULL || *shown == '\0')
    {
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_INVALID,
                   _("A person needs a name. Type the manager's name."));
      return FALSE;
    }
  name_k = mk_store_name_key (shown);

  if (!mk_store_begin (self, error))
    return FALSE;

  if (email_k != NULL)
    {
      g_autoptr(MkPerson) other = person_query (self, STMT_PERSON_BY_EMAIL, email_k, 0);

      if (other != NULL && mk_person_get_id (other) != id)
        {
          mk_store_rollback (self);
          g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_EXISTS,
                       _("%s already belongs to %s. Merge the two people instead."),
                       email_k, mk_person_get_name (other));
          return FALSE;
        }
    }

  stmt = mk_store_stmt (self, STMT_PERSON_UPDATE);
  sqlite3_bind_text (stmt, 1, shown, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, name_k, -1, SQLITE_TRANSIENT);
  if (email_k != NULL)
    sqlite3_bind_text (stmt, 3, email_k, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, mk_level_to_string (level), -1, SQLITE_STATIC);
  if (team != NULL && *team != '\0')
    sqlite3_bind_text (stmt, 5, team, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 6, archived ? 1 : 0);
  sqlite3_bind_int64 (stmt, 7, id);
  if (!mk_store_step_done (self, stmt, error))
    {
      mk_store_rollback (self);
      return FALSE;
    }
  if (sqlite3_changes (self->db) == 0)
    {
      mk_store_rollback (self);
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_NOT_FOUND,
                   _("This person is no longer in the database; reload the list."));
      return FALSE;
    }
  if (!mk_store_commit (self, error))
    return FALSE;
  mk_store_emit_changed (self);
  return TRUE;
}

/**
 * mk_store_merge_people:
 * @self: a store
 * @keep_id: the person who stays
 * @merge_id: the person whose entries move to @keep_id and who is removed
 * @error: return location for a #GError
 *
 * Merges two spellings of one person: entries, rollups and a running timer
 * move to @keep_id, in one transaction.
 *
 * Returns: %TRUE once committed.
 */
gboolean
mk_store_merge_people (MkStore *self,
                       gint64   keep_id,
                       gint64   merge_id,
                       GError **error)
{
  g_autoptr(MkPerson) keep = NULL;
  g_autoptr(MkPerson) merge = NULL;
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (MK_IS_STORE (self), FALSE);

  if (keep_id == merge_id)
    {
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_INVALID,
                   _("Choose two different people to merge."));
      return FALSE;
    }
  keep = mk_store_get_person (self, keep_id, error);
  if (keep == NULL)
    return FALSE;
  merge = mk_store_get_person (self, merge_id, error);
  if (merge == NULL)
    return FALSE;

  if (!mk_store_begin (self, error))
    return FALSE;

  /* Rollups are keyed by person: drop both people's rows, move the entries,
   * then recompute the kept person's rows from the entries. */
  stmt = mk_store_stmt (self, STMT_DAY_TOTAL_DELETE_PERSON);
  sqlite3_bind_int64 (stmt, 1, keep_id);
  sqlite3_bind_int64 (stmt, 2, merge_id);
  ok = mk_store_step_done (self, stmt, error);
  if (ok)
    {
      stmt = mk_store_stmt (self, STMT_PERSON_MOVE_ENTRIES);
      sqlite3_bind_int64 (stmt, 1, keep_id);
      sqlite3_bind_int64 (stmt, 2, merge_id);
      ok = mk_store_step_done (self, stmt, error);
    }
  ok = ok && mk_store_rebuild_rollups (self, keep_id, error);
  if (ok)
    {
      stmt = mk_store_stmt (self, STMT_TIMER_MOVE);
      sqlite3_bind_int64 (stmt, 1, keep_id);
      sqlite3_bind_int64 (stmt, 2, merge_id);
      ok = mk_store_step_done (self, stmt, error);
    }
  if (ok)
    {
      stmt = mk_store_stmt (self, STMT_PERSON_DELETE);
      sqlite3_bind_int64 (stmt, 1, merge_id);
      ok = mk_store_step_done (self, stmt, error);
    }

  return mk_store_finish (self, ok, error);
}

/**
 * mk_store_write_person_level:
 *
 * Sets a person's level inside the caller's transaction (the demo sample
 * and imports carry levels).
 */
gboolean
mk_store_write_person_level (MkStore *self,
                             gint64   id,
                             MkLevel  level,
                             GError **error)
{
  sqlite3_stmt *stmt = mk_store_stmt (self, STMT_PERSON_SET_LEVEL);

  g_assert (self->in_transaction);

  sqlite3_bind_text (stmt, 1, mk_level_to_string (level), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, id);
  return mk_store_step_done (self, stmt, error);
}
