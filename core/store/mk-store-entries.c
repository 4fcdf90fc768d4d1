/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-store-entries.c — entries and their rollups.
 *
 * Invariant (see mk-store-schema.c): day_total, with its entry-length
 * histograms, always equals what `entry` adds up to.  Each function here that changes `entry`
 * changes the rollups in the same transaction, by adding the entry with
 * sign +1 or -1; rows that drop to zero entries are pruned.
 * mk_store_check() recomputes everything from `entry` to prove it.
 */
#define G_LOG_DOMAIN "mk-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mk-error.h"
#include "mk-store-private.h"

/**
 * mk_store_validate_entry:
 * @self: a store
 * @input: the entry to check
 * @error: return location for a #GError
 *
 * Checks an entry without writing it: a known person and category, a real
 * day, 1 to 1440 minutes, a start time within the day.
 *
 * Returns: %TRUE if valid; %FALSE with MK_STORE_ERROR_INVALID and a message
 *   that says what to fix.
 */
gboolean
mk_store_validate_entry (MkStore            *self,
                         const MkEntryInput *input,
                         GError            **error)
{
  g_autoptr(MkPerson) person = NULL;

  g_return_val_if_fail (MK_IS_STORE (self), FALSE);

  if (input == NULL)
    {
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_INVALID, _("Nothing to save."));
      return FALSE;
    }
  if (input->minutes < 1)
    {
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_INVALID,
                   _("An entry needs at least 1 minute; %d minutes cannot be logged."),
                   input->minutes);
      return FALSE;
    }
  if (input->minutes > 1440)
    {
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_INVALID,
                   _("%d minutes is longer than a day; split the work into entries of at "
                     "most 24 hours."), input->minutes);
      return FALSE;
    }
  if (!mk_store_valid_day (input->day))
    {
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_INVALID,
                   _("“%s” is not a date in the calendar; write it as YYYY-MM-DD."),
                   input->day ? input->day : "");
      return FALSE;
    }
  if (input->start < -1 || input->start > 1439)
    {
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_INVALID,
                   _("The start time must be between 00:00 and 23:59."));
      return FALSE;
    }
  if (input->uuid[0] != '\0' && !mk_uuid_is_valid (input->uuid))
    {
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_INVALID,
                   _("“%s” is not an entry's identity (a UUID such as "
                     "0190a6b2-7c1e-7d3a-9f00-2b4c6d8e0a1c)."), input->uuid);
      return FALSE;
    }
  if (mk_store_get_category (self, input->category_id) == NULL)
    {
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_INVALID,
                   _("The entry's category does not exist; choose one of the list."));
      return FALSE;
    }
  person = mk_store_get_person (self, input->person_id, NULL);
  if (person == NULL)
    {
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_INVALID,
                   _("The entry's person does not exist; choose who did the work."));
      return FALSE;
    }
  return TRUE;
}

gboolean
mk_store_insert_entry_row (MkStore            *self,
                           const MkEntryInput *input,
                           gint64             *id,
                           GError            **error)
{
  sqlite3_stmt *stmt = mk_store_stmt (self, STMT_ENTRY_INSERT, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, input->person_id);
  sqlite3_bind_text (stmt, 2, input->day, 10, SQLITE_TRANSIENT);
  if (input->start >= 0)
    sqlite3_bind_int (stmt, 3, input->start);
  sqlite3_bind_int (stmt, 4, input->minutes);
  sqlite3_bind_int64 (stmt, 5, input->category_id);
  sqlite3_bind_text (stmt, 6, input->task ? input->task : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 7, input->source);
  if (input->batch_id > 0)
    sqlite3_bind_int64 (stmt, 8, input->batch_id);
  if (input->fingerprint != 0)
    sqlite3_bind_int64 (stmt, 9, input->fingerprint);
  mk_store_bind_uuid (stmt, 10, input->uuid, NULL);
  if (!mk_store_step_done (self, stmt, error))
    return FALSE;
  if (id != NULL)
    *id = sqlite3_last_insert_rowid (self->db);
  return TRUE;
}

/**
 * mk_store_rollup_add:
 * @self: a store inside a write transaction
 * @input: an entry being added (@sign +1) or removed (@sign -1)
 * @sign: +1 or -1
 * @error: return location for a #GError
 *
 * Keeps day_total (with its entry-length histogram) and day_task (the task
 * list) equal to what `entry` adds up to.
 */
gboolean
mk_store_rollup_add (MkStore            *self,
                     const MkEntryInput *input,
                     int                 sign,
                     GError            **error)
{
  sqlite3_stmt *stmt;
  int prime = mk_store_prime_overlap (&self->settings, input->start, input->minutes);
  int timed = input->start >= 0 ? input->minutes : 0;

  g_assert (sign == 1 || sign == -1);
  g_assert (self->in_transaction);

  stmt = mk_store_stmt (self, STMT_DAY_TOTAL_ADD, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, input->person_id);
  sqlite3_bind_text (stmt, 2, input->day, 10, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, input->category_id);
  sqlite3_bind_int (stmt, 4, sign * input->minutes);
  sqlite3_bind_int (stmt, 5, sign);
  sqlite3_bind_int (stmt, 6, sign * prime);
  sqlite3_bind_int (stmt, 7, sign * timed);
  sqlite3_bind_int (stmt, 8, input->minutes);
  if (!mk_store_step_done (self, stmt, error))
    return FALSE;

  stmt = mk_store_stmt (self, STMT_DAY_TASK_ADD, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, input->day, 10, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, input->person_id);
  sqlite3_bind_int64 (stmt, 3, input->category_id);
  sqlite3_bind_text (stmt, 4, input->task != NULL ? input->task : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 5, input->minutes);
  sqlite3_bind_int (stmt, 6, sign);
  if (!mk_store_step_done (self, stmt, error))
    return FALSE;

  if (sign < 0)
    {
      stmt = mk_store_stmt (self, STMT_DAY_TOTAL_PRUNE, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, input->person_id);
      sqlite3_bind_text (stmt, 2, input->day, 10, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, input->category_id);
      if (!mk_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

typedef struct {
  const MkEntryInput *inputs;
  guint               n_inputs;
  gint64             *ids;     /* out, n_inputs of them */
} AddEntries;

static gboolean
add_entries_change (MkStore  *self,
                    gpointer  user_data,
                    GError  **error)
{
  AddEntries *add = user_data;

  for (guint i = 0; i < add->n_inputs; i++)
    if (!mk_store_insert_entry_row (self, &add->inputs[i], &add->ids[i], error) ||
        !mk_store_rollup_add (self, &add->inputs[i], +1, error))
      return FALSE;
  return TRUE;
}

/**
 * mk_store_add_entry:
 * @self: a store
 * @input: the entry
 * @error: return location for a #GError
 *
 * Validates and adds one entry with its rollups, in one transaction.
 *
 * Returns: the new entry's id (> 0) once committed, or 0 with @error set.
 */
gint64
mk_store_add_entry (MkStore            *self,
                    const MkEntryInput *input,
                    GError            **error)
{
  gint64 id = 0;
  AddEntries add = { input, 1, &id };

  g_return_val_if_fail (MK_IS_STORE (self), 0);

  if (!mk_store_validate_entry (self, input, error) ||
      !mk_store_change (self, add_entries_change, &add, error))
    return 0;
  return id;
}

/**
 * mk_store_add_entries:
 * @self: a store
 * @inputs: (array length=n_inputs): the entries
 * @n_inputs: how many
 * @ids: (out caller-allocates) (array length=n_inputs) (optional): where to
 *   write the new entries' ids, in the order of @inputs
 * @error: return location for a #GError
 *
 * Validates and adds several entries with their rollups in one transaction
 * (undoing the deletion of a selection puts it back as one change): all of
 * them or, if one is refused, none.
 *
 * Returns: %TRUE once committed.
 */
gboolean
mk_store_add_entries (MkStore            *self,
                      const MkEntryInput *inputs,
                      guint               n_inputs,
                      gint64             *ids,
                      GError            **error)
{
  g_autofree gint64 *new_ids = NULL;
  AddEntries add = { inputs, n_inputs, ids };

  g_return_val_if_fail (MK_IS_STORE (self), FALSE);
  g_return_val_if_fail (inputs != NULL || n_inputs == 0, FALSE);

  for (guint i = 0; i < n_inputs; i++)
    if (!mk_store_validate_entry (self, &inputs[i], error))
      return FALSE;
  if (n_inputs == 0)
    return TRUE;
  if (ids == NULL)
    add.ids = new_ids = g_new (gint64, n_inputs);
  return mk_store_change (self, add_entries_change, &add, error);
}

static void
set_entry_gone (GError **error)
{
  g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_NOT_FOUND,
               _("This entry is no longer in the database; it may have been deleted "
                 "in another window."));
}

/* Reads one entry row into @input; @day, @task and @person_name keep its
 * strings.  An entry that is not there is MK_STORE_ERROR_NOT_FOUND. */
static gboolean
read_entry (MkStore      *self,
            gint64        id,
            MkEntryInput *input,
            char        **day,
            char        **task,
            char        **person_name,
            GError      **error)
{
  sqlite3_stmt *stmt = mk_store_stmt (self, STMT_ENTRY_GET, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  switch (mk_store_step (self, stmt, error))
    {
    case MK_STORE_FAILED:
      return FALSE;
    case MK_STORE_DONE:
      set_entry_gone (error);
      return FALSE;
    case MK_STORE_ROW:
    default:
      break;
    }
  *day = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  *task = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
  if (person_name)
    *person_name = g_strdup ((const char *) sqlite3_column_text (stmt, 10));
  input->person_id = sqlite3_column_int64 (stmt, 1);
  input->day = *day;
  input->start = sqlite3_column_type (stmt, 3) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 3);
  input->minutes = sqlite3_column_int (stmt, 4);
  input->category_id = sqlite3_column_int64 (stmt, 5);
  input->task = *task;
  input->source = (MkEntrySource) CLAMP (sqlite3_column_int (stmt, 7), 0, 2);
  input->batch_id = sqlite3_column_int64 (stmt, 8);
  input->fingerprint = sqlite3_column_int64 (stmt, 9);
  mk_store_column_uuid (stmt, 11, input->uuid);
  sqlite3_reset (stmt);
  return TRUE;
}

/**
 * mk_store_get_entry:
 * @self: a store
 * @id: an entry id
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the entry, or %NULL with
 *   MK_STORE_ERROR_NOT_FOUND.
 */
MkEntry *
mk_store_get_entry (MkStore *self,
                    gint64   id,
                    GError **error)
{
  g_autofree char *day = NULL;
  g_autofree char *task = NULL;
  g_autofree char *person_name = NULL;
  MkEntryInput input = { 0 };
  MkCategory *category;

  g_return_val_if_fail (MK_IS_STORE (self), NULL);

  if (!read_entry (self, id, &input, &day, &task, &person_name, error))
    return NULL;
  category = mk_store_get_category (self, input.category_id);
  if (category == NULL)
    {
      set_entry_gone (error);
      return NULL;
    }
  return mk_entry_new (id, &input, person_name, category);
}

/* Writes @input's values over entry @id, keeping its source, batch and
 * fingerprint. */
static gboolean
write_entry (MkStore            *self,
             gint64              id,
             const MkEntryInput *input,
             GError            **error)
{
  sqlite3_stmt *stmt = mk_store_stmt (self, STMT_ENTRY_UPDATE, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, input->person_id);
  sqlite3_bind_text (stmt, 2, input->day, 10, SQLITE_TRANSIENT);
  if (input->start >= 0)
    sqlite3_bind_int (stmt, 3, input->start);
  sqlite3_bind_int (stmt, 4, input->minutes);
  sqlite3_bind_int64 (stmt, 5, input->category_id);
  sqlite3_bind_text (stmt, 6, input->task ? input->task : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 7, id);
  return mk_store_step_done (self, stmt, error);
}

typedef struct {
  const gint64       *ids;
  guint               n_ids;
  const MkEntryInput *inputs;      /* update: the new values, one per id */
  gint64              category_id; /* recategorise: the new category */
} EntryChange;

static gboolean
update_change (MkStore  *self,
               gpointer  user_data,
               GError  **error)
{
  EntryChange *change = user_data;

  for (guint i = 0; i < change->n_ids; i++)
    {
      g_autofree char *day = NULL;
      g_autofree char *task = NULL;
      MkEntryInput old = { 0 };

      if (!read_entry (self, change->ids[i], &old, &day, &task, NULL, error) ||
          !write_entry (self, change->ids[i], &change->inputs[i], error) ||
          !mk_store_rollup_add (self, &old, -1, error) ||
          !mk_store_rollup_add (self, &change->inputs[i], +1, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * mk_store_find_entry:
 * @self: a store
 * @uuid: an entry's identity (mk_entry_get_uuid())
 * @error: return location for a #GError
 *
 * Returns: the id of the entry with @uuid; 0 when there is none (or @uuid
 *   is not a UUID), or with @error set when the database cannot be read.
 */
gint64
mk_store_find_entry (MkStore    *self,
                     const char *uuid,
                     GError    **error)
{
  sqlite3_stmt *stmt;
  MkUuid value;
  gint64 id = 0;

  g_return_val_if_fail (MK_IS_STORE (self), 0);

  if (!mk_uuid_parse (uuid, &value))
    return 0;
  stmt = mk_store_stmt (self, STMT_ENTRY_BY_UUID, error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_blob (stmt, 1, value.bytes, sizeof value.bytes, SQLITE_TRANSIENT);
  if (mk_store_step (self, stmt, error) == MK_STORE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }
  return id;
}

/**
 * mk_store_update_entry:
 * @self: a store
 * @id: the entry to change
 * @input: its new values (source, batch, fingerprint and identity are kept)
 * @error: return location for a #GError
 *
 * Returns: %TRUE once committed.
 */
gboolean
mk_store_update_entry (MkStore            *self,
                       gint64              id,
                       const MkEntryInput *input,
                       GError            **error)
{
  return mk_store_update_entries (self, &id, input, 1, error);
}

/**
 * mk_store_update_entries:
 * @self: a store
 * @ids: (array length=n): the entries to change
 * @inputs: (array length=n): their new values, in the order of @ids (source,
 *   batch and fingerprint are kept)
 * @n: how many
 * @error: return location for a #GError
 *
 * Changes all the entries in one transaction, or none (undoing a move of
 * entries from several categories puts each back in its own).
 *
 * Returns: %TRUE once committed.
 */
gboolean
mk_store_update_entries (MkStore            *self,
                         const gint64       *ids,
                         const MkEntryInput *inputs,
                         guint               n,
                         GError            **error)
{
  EntryChange change = { ids, n, inputs, 0 };

  g_return_val_if_fail (MK_IS_STORE (self), FALSE);
  g_return_val_if_fail ((ids != NULL && inputs != NULL) || n == 0, FALSE);

  for (guint i = 0; i < n; i++)
    if (!mk_store_validate_entry (self, &inputs[i], error))
      return FALSE;
  if (n == 0)
    return TRUE;
  return mk_store_change (self, update_change, &change, error);
}

static gboolean
delete_change (MkStore  *self,
               gpointer  user_data,
               GError  **error)
{
  EntryChange *change = user_data;

  for (guint i = 0; i < change->n_ids; i++)
    {
      g_autofree char *day = NULL;
      g_autofree char *task = NULL;
      MkEntryInput old = { 0 };
      sqlite3_stmt *stmt;

      if (!read_entry (self, change->ids[i], &old, &day, &task, NULL, error))
        return FALSE;
      stmt = mk_store_stmt (self, STMT_ENTRY_DELETE, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, change->ids[i]);
      if (!mk_store_step_done (self, stmt, error) ||
          !mk_store_rollup_add (self, &old, -1, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * mk_store_delete_entry:
 * @self: a store
 * @id: the entry
 * @error: return location for a #GError
 *
 * Deletes one entry.  To undo, add mk_entry_to_input() of the entry you
 * read before deleting it.
 *
 * Returns: %TRUE once committed.
 */
gboolean
mk_store_delete_entry (MkStore *self,
                       gint64   id,
                       GError **error)
{
  return mk_store_delete_entries (self, &id, 1, error);
}

/**
 * mk_store_delete_entries:
 * @self: a store
 * @ids: (array length=n_ids): the entries
 * @n_ids: how many
 * @error: return location for a #GError
 *
 * Deletes all the entries or none.
 *
 * Returns: %TRUE once committed.
 */
gboolean
mk_store_delete_entries (MkStore      *self,
                         const gint64 *ids,
                         guint         n_ids,
                         GError      **error)
{
  EntryChange change = { ids, n_ids, NULL, 0 };

  g_return_val_if_fail (MK_IS_STORE (self), FALSE);
  g_return_val_if_fail (ids != NULL || n_ids == 0, FALSE);

  return mk_store_change (self, delete_change, &change, error);
}

static gboolean
recategorise_change (MkStore  *self,
                     gpointer  user_data,
                     GError  **error)
{
  EntryChange *change = user_data;

  for (guint i = 0; i < change->n_ids; i++)
    {
      g_autofree char *day = NULL;
      g_autofree char *task = NULL;
      MkEntryInput entry = { 0 };

      if (!read_entry (self, change->ids[i], &entry, &day, &task, NULL, error) ||
          !mk_store_rollup_add (self, &entry, -1, error))
        return FALSE;
      entry.category_id = change->category_id;
      if (!write_entry (self, change->ids[i], &entry, error) ||
          !mk_store_rollup_add (self, &entry, +1, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * mk_store_recategorise_entries:
 * @self: a store
 * @ids: (array length=n_ids): the entries
 * @n_ids: how many
 * @category_id: their new category
 * @error: return location for a #GError
 *
 * Moves all the entries to @category_id, or none.
 *
 * Returns: %TRUE once committed.
 */
gboolean
mk_store_recategorise_entries (MkStore      *self,
                               const gint64 *ids,
                               guint         n_ids,
                               gint64        category_id,
                               GError      **error)
{
  EntryChange change = { ids, n_ids, NULL, category_id };

  g_return_val_if_fail (MK_IS_STORE (self), FALSE);
  g_return_val_if_fail (ids != NULL || n_ids == 0, FALSE);

  if (mk_store_get_category (self, category_id) == NULL)
    {
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_INVALID,
                   _("The category does not exist; choose one of the list."));
      return FALSE;
    }
  return mk_store_change (self, recategorise_change, &change, error);
}

/**
 * mk_store_count_entries:
 * @self: a store
 *
 * Returns: how many entries the database holds; 0 when it cannot be read
 *   (a warning says why).
 */
gint64
mk_store_count_entries (MkStore *self)
{
  g_autoptr(GError) error = NULL;
  gint64 n = 0;

  g_return_val_if_fail (MK_IS_STORE (self), 0);

  if (!mk_store_query_int64 (self, STMT_ENTRY_COUNT, &n, &error))
    g_warning ("%s", error->message);
  return n;
}

/**
 * mk_store_rebuild_rollups:
 * @self: a store inside a write transaction
 * @person_id: one person, or 0 for everyone
 * @error: return location for a #GError
 *
 * Recomputes the rollups of @person_id (or all) from the entries: used
 * after merging people and after the prime hours change.
 */
gboolean
mk_store_rebuild_rollups (MkStore *self,
                          gint64   person_id,
                          GError **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (MkEntryInput));
  g_autoptr(GStringChunk) days = g_string_chunk_new (4096);
  g_autoptr(GStringChunk) tasks = g_string_chunk_new (4096);
  sqlite3_stmt *stmt;
  MkStoreStep step;

  g_assert (self->in_transaction);

  stmt = mk_store_stmt (self, STMT_DAY_TOTAL_DELETE_PERSON, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person_id);
  sqlite3_bind_int64 (stmt, 2, person_id);
  if (!mk_store_step_done (self, stmt, error))
    return FALSE;

  /* Read first, then write: the rollup statements must not run while the
   * entry cursor is open on the same connection's tables. */
  stmt = mk_store_stmt (self, STMT_ENTRY_OF_PERSON, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person_id);
  while ((step = mk_store_step (self, stmt, error)) == MK_STORE_ROW)
    {
      MkEntryInput row = { 0 };

      row.person_id = sqlite3_column_int64 (stmt, 0);
      row.day = g_string_chunk_insert_const (days, (const char *) sqlite3_column_text (stmt, 1));
      row.start = sqlite3_column_type (stmt, 2) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 2);
      row.minutes = sqlite3_column_int (stmt, 3);
      row.category_id = sqlite3_column_int64 (stmt, 4);
      row.task = g_string_chunk_insert_const (tasks, (const char *) sqlite3_column_text (stmt, 5));
      g_array_append_val (rows, row);
    }
  if (step == MK_STORE_FAILED)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    if (!mk_store_rollup_add (self, &g_array_index (rows, MkEntryInput, i), +1, error))
      return FALSE;
  return TRUE;
}
