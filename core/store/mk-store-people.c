/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-store-people.c — the people whose time is logged.
 *
 * People are matched by email when one is known, else by their name key
 * (trimmed, spaces collapsed, case-folded), so "Anna  Smirnova" and
 * "anna smirnova" are one person; two different emails are two people
 * whatever their names.  Adding, editing and merging each run in one
 * change (mk_store_change()); merging moves the entries, the rollups and a
 * running timer.  Categories are in mk-store-categories.c.
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

/* Reads the person a statement of the table finds by @text (or, when
 * %NULL, by @number) into @person: %NULL when there is none. */
static gboolean
person_query (MkStore     *self,
              MkStmt       id,
              const char  *text,
              gint64       number,
              MkPerson   **person,
              GError     **error)
{
  sqlite3_stmt *stmt = mk_store_stmt (self, id, error);
  MkStoreStep step;

  *person = NULL;
  if (stmt == NULL)
    return FALSE;
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, 1, number);
  step = mk_store_step (self, stmt, error);
  if (step == MK_STORE_ROW)
    {
      *person = person_from_row (stmt);
      sqlite3_reset (stmt);
    }
  return step != MK_STORE_FAILED;
}

/* Runs a statement of the table whose values are the ids ?1 and ?2. */
static gboolean
run_with_ids (MkStore *self,
              MkStmt   id,
              gint64   first,
              gint64   second,
              GError **error)
{
  sqlite3_stmt *stmt = mk_store_stmt (self, id, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, first);
  if (sqlite3_bind_parameter_count (stmt) > 1)
    sqlite3_bind_int64 (stmt, 2, second);
  return mk_store_step_done (self, stmt, error);
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

/* mk_store_find_person(), with read failures told apart from "nobody". */
static gboolean
find_person (MkStore     *self,
             const char  *name,
             const char  *email,
             MkPerson   **found,
             GError     **error)
{
  g_autofree char *email_k = email_key (email);
  g_autoptr(MkPerson) person = NULL;

  *found = NULL;
  if (email_k != NULL && !person_query (self, STMT_PERSON_BY_EMAIL, email_k, 0, &person, error))
    return FALSE;
  if (person == NULL && name != NULL)
    {
      g_autofree char *name_k = mk_store_name_key (name);

      if (*name_k != '\0' &&
          !person_query (self, STMT_PERSON_BY_NAME_KEY, name_k, 0, &person, error))
        return FALSE;
      /* Two different emails are two different people, whatever their names. */
      if (person != NULL && email_k != NULL && mk_person_get_email (person) != NULL)
        g_clear_object (&person);
    }
  *found = g_steal_pointer (&person);
  return TRUE;
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
 * Returns: (transfer full) (nullable): the person, or %NULL if there is
 *   none (or the database cannot be read: a warning says why).
 */
MkPerson *
mk_store_find_person (MkStore    *self,
                      const char *name,
                      const char *email)
{
  g_autoptr(GError) error = NULL;
  MkPerson *person = NULL;

  g_return_val_if_fail (MK_IS_STORE (self), NULL);

  if (!find_person (self, name, email, &person, &error))
    g_warning ("%s", error->message);
  return person;
}

typedef struct {
  const char *name;
  const char *email;
  MkPerson   *person;   /* out */
  gboolean    changed;  /* out: a row was written */
} EnsurePerson;

static gboolean
ensure_person_change (MkStore  *self,
                      gpointer  user_data,
                      GError  **error)
{
  EnsurePerson *ensure = user_data;
  g_autofree char *email_k = email_key (ensure->email);
  g_autofree char *name_k = NULL;
  g_autofree char *shown = NULL;
  g_autoptr(MkPerson) person = NULL;
  sqlite3_stmt *stmt;

  if (!find_person (self, ensure->name, ensure->email, &person, error))
    return FALSE;
  if (person != NULL)
    {
      gint64 id = mk_person_get_id (person);

      /* Learn the email of a person first known by name only. */
      if (email_k == NULL || mk_person_get_email (person) != NULL)
        {
          ensure->person = g_steal_pointer (&person);
          return TRUE;
        }
      stmt = mk_store_stmt (self, STMT_PERSON_SET_EMAIL, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, email_k, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, id);
      if (!mk_store_step_done (self, stmt, error))
        return FALSE;
      ensure->changed = TRUE;
      return person_query (self, STMT_PERSON_BY_ID, NULL, id, &ensure->person, error);
    }

  shown = ensure->name ? g_strstrip (g_strdup (ensure->name)) : NULL;
  if (shown == NULL || *shown == '\0')
    {
      if (email_k == NULL)
        {
          g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_INVALID,
                       _("A person needs a name. Type the manager's name."));
          return FALSE;
        }
      /* Known by email only: show the part before the @. */
      g_free (shown);
      shown = g_strndup (email_k, strcspn (email_k, "@"));
    }
  name_k = mk_store_name_key (shown);

  stmt = mk_store_stmt (self, STMT_PERSON_INSERT, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, shown, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, name_k, -1, SQLITE_TRANSIENT);
  if (email_k != NULL)
    sqlite3_bind_text (stmt, 3, email_k, -1, SQLITE_TRANSIENT);
  mk_store_bind_uuid (stmt, 4, NULL, NULL);
  if (!mk_store_step_done (self, stmt, error))
    return FALSE;
  ensure->changed = TRUE;
  return person_query (self, STMT_PERSON_BY_ID, NULL, sqlite3_last_insert_rowid (self->db),
                       &ensure->person, error);
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
 *   MK_STORE_ERROR_INVALID when neither a name nor an email is given, or
 *   another store error when the database cannot be read or written.
 */
MkPerson *
mk_store_ensure_person (MkStore    *self,
                        const char *name,
                        const char *email,
                        GError    **error)
{
  EnsurePerson ensure = { name, email, NULL, FALSE };
  g_autoptr(MkPerson) known = NULL;

  g_return_val_if_fail (MK_IS_STORE (self), NULL);

  /* Someone already there, as they are, costs no write transaction. */
  if (!self->in_transaction)
    {
      g_autofree char *email_k = email_key (email);

      if (!find_person (self, name, email, &known, error))
        return NULL;
      if (known != NULL && (email_k == NULL || mk_person_get_email (known) != NULL))
        return g_steal_pointer (&known);
    }
  if (!mk_store_change (self, ensure_person_change, &ensure, error))
    {
      g_clear_object (&ensure.person);
      return NULL;
    }
  return ensure.person;
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

typedef struct {
  const char *shown;
  const char *name_k;
  const char *email_k;
  MkLevel     level;
  const char *team;
  gint64      id;
  gboolean    archived;
} PersonRow;

/* Writes the person's row: a new one (@row->id 0, which is set) or over
 * @row->id, whose email must belong to nobody else. */
static gboolean
person_write_change (MkStore  *self,
                     gpointer  user_data,
                     GError  **error)
{
  PersonRow *row = user_data;
  sqlite3_stmt *stmt;

  if (row->id == 0)
    {
      g_autoptr(MkPerson) existing = NULL;

      if (!find_person (self, row->shown, row->email_k, &existing, error))
        return FALSE;
      if (existing != NULL)
        {
          set_exists_error (existing, row->email_k, error);
          return FALSE;
        }
      stmt = mk_store_stmt (self, STMT_PERSON_INSERT, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, row->shown, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, row->name_k, -1, SQLITE_TRANSIENT);
      if (row->email_k != NULL)
        sqlite3_bind_text (stmt, 3, row->email_k, -1, SQLITE_TRANSIENT);
      mk_store_bind_uuid (stmt, 4, NULL, NULL);
      if (!mk_store_step_done (self, stmt, error))
        return FALSE;
      row->id = sqlite3_last_insert_rowid (self->db);
    }
  else if (row->email_k != NULL)
    {
      g_autoptr(MkPerson) other = NULL;

      if (!person_query (self, STMT_PERSON_BY_EMAIL, row->email_k, 0, &other, error))
        return FALSE;
      if (other != NULL && mk_person_get_id (other) != row->id)
        {
          g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_EXISTS,
                       _("%s already belongs to %s. Merge the two people instead."),
                       row->email_k, mk_person_get_name (other));
          return FALSE;
        }
    }

  stmt = mk_store_stmt (self, STMT_PERSON_UPDATE, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, row->shown, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, row->name_k, -1, SQLITE_TRANSIENT);
  if (row->email_k != NULL)
    sqlite3_bind_text (stmt, 3, row->email_k, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, mk_level_to_string (row->level), -1, SQLITE_STATIC);
  if (row->team != NULL && *row->team != '\0')
    sqlite3_bind_text (stmt, 5, row->team, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 6, row->archived ? 1 : 0);
  sqlite3_bind_int64 (stmt, 7, row->id);
  if (!mk_store_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_NOT_FOUND,
                   _("This person is no longer in the database; reload the list."));
      return FALSE;
    }
  return TRUE;
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
  PersonRow row = { 0 };

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

  row = (PersonRow) { shown, name_k, email_k, level, team_shown, 0, FALSE };
  if (!mk_store_change (self, person_write_change, &row, error))
    return NULL;
  return mk_store_get_person (self, row.id, error);
}

/**
 * mk_store_get_person:
 * @self: a store
 * @id: a person id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the person, or %NULL with
 *   MK_STORE_ERROR_NOT_FOUND, or another store error when the database
 *   cannot be read.
 */
MkPerson *
mk_store_get_person (MkStore *self,
                     gint64   id,
                     GError **error)
{
  MkPerson *person = NULL;

  g_return_val_if_fail (MK_IS_STORE (self), NULL);

  if (!person_query (self, STMT_PERSON_BY_ID, NULL, id, &person, error))
    return NULL;
  if (person == NULL)
    g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_NOT_FOUND,
                 _("This person is no longer in the database; reload the list."));
  return person;
}

/**
 * mk_store_list_people:
 * @self: a store
 * @include_archived: whether archived people are listed too
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): a list of #MkPerson sorted by name,
 *   or %NULL with @error set when the database cannot be read.
 */
GListModel *
mk_store_list_people (MkStore  *self,
                      gboolean  include_archived,
                      GError  **error)
{
  g_autoptr(GListStore) list = g_list_store_new (MK_TYPE_PERSON);
  sqlite3_stmt *stmt;
  MkStoreStep step;

  g_return_val_if_fail (MK_IS_STORE (self), NULL);

  stmt = mk_store_stmt (self, STMT_PERSON_LIST, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, include_archived);
  while ((step = mk_store_step (self, stmt, error)) == MK_STORE_ROW)
    {
      g_autoptr(MkPerson) person = person_from_row (stmt);

      g_list_store_append (list, person);
    }
  if (step == MK_STORE_FAILED)
    return NULL;
  return G_LIST_MODEL (g_steal_pointer (&list));
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
  PersonRow row;

  g_return_val_if_fail (MK_IS_STORE (self), FALSE);

  if (shown == NULL || *shown == '\0')
    {
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_INVALID,
                   _("A person needs a name. Type the manager's name."));
      return FALSE;
    }
  if (id <= 0)
    {
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_NOT_FOUND,
                   _("This person is no longer in the database; reload the list."));
      return FALSE;
    }
  name_k = mk_store_name_key (shown);

  row = (PersonRow) { shown, name_k, email_k, level, team, id, archived };
  return mk_store_change (self, person_write_change, &row, error);
}

typedef struct {
  gint64 keep_id;
  gint64 merge_id;
} MergePeople;

static gboolean
merge_change (MkStore  *self,
              gpointer  user_data,
              GError  **error)
{
  MergePeople *merge = user_data;

  /* Rollups are keyed by person: drop both people's rows, move the entries,
   * then recompute the kept person's rows from the entries. */
  return run_with_ids (self, STMT_DAY_TOTAL_DELETE_PERSON, merge->keep_id, merge->merge_id,
                       error) &&
         run_with_ids (self, STMT_PERSON_MOVE_ENTRIES, merge->keep_id, merge->merge_id, error) &&
         mk_store_rebuild_rollups (self, merge->keep_id, error) &&
         run_with_ids (self, STMT_TIMER_MOVE, merge->keep_id, merge->merge_id, error) &&
         run_with_ids (self, STMT_PERSON_DELETE, merge->merge_id, 0, error);
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
  MergePeople ids = { keep_id, merge_id };

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
  return mk_store_change (self, merge_change, &ids, error);
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
  sqlite3_stmt *stmt = mk_store_stmt (self, STMT_PERSON_SET_LEVEL, error);

  g_assert (self->in_transaction);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, mk_level_to_string (level), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, id);
  return mk_store_step_done (self, stmt, error);
}
