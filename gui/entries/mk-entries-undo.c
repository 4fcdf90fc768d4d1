/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-entries-undo.c — the Entries page's one level of undo.
 *
 * Holds the entries as they were before the last change, as MkEntry
 * objects (immutable snapshots of their rows, read before the change), and
 * knows how to put them back through the store: an edit is undone by
 * writing the old fields (mk_entry_to_input()) over the entry, a delete by
 * adding the old entries again, a move by moving each entry back to its
 * old category.
 *
 * Invariants.  After a successful undo nothing is left to undo.  When an
 * undo fails half-way (the store refuses one entry), the entries already
 * put back are dropped from the record and the rest stay, so trying again
 * does not put anything back twice.  The generation changes with every
 * change recorded or undone, so that an old toast's Undo button can tell
 * it no longer applies.
 */
#define G_LOG_DOMAIN "mk-entries-undo"

#include "config.h"

#include "mk-entries-undo.h"

typedef enum {
  UNDO_NONE,
  UNDO_UPDATE,
  UNDO_DELETE,
  UNDO_MOVE,
} UndoKind;

struct _MkEntriesUndo
{
  UndoKind   kind;
  GPtrArray *entries;    /* MkEntry, as they were */
  guint      generation;
};

/**
 * mk_entries_undo_new:
 *
 * Returns: (transfer full): a record with nothing to undo.
 */
MkEntriesUndo *
mk_entries_undo_new (void)
{
  MkEntriesUndo *self = g_new0 (MkEntriesUndo, 1);

  self->entries = g_ptr_array_new_with_free_func (g_object_unref);
  return self;
}

/**
 * mk_entries_undo_free:
 * @self: (transfer full): a record
 */
void
mk_entries_undo_free (MkEntriesUndo *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->entries);
  g_free (self);
}

/**
 * mk_entries_undo_can_undo:
 * @self: a record
 *
 * Returns: whether there is a change to undo.
 */
gboolean
mk_entries_undo_can_undo (MkEntriesUndo *self)
{
  return self->kind != UNDO_NONE && self->entries->len > 0;
}

/**
 * mk_entries_undo_get_generation:
 * @self: a record
 *
 * Returns: a number that changes with every change recorded or undone.
 */
guint
mk_entries_undo_get_generation (MkEntriesUndo *self)
{
  return self->generation;
}

static void
record (MkEntriesUndo *self,
        UndoKind       kind,
        MkEntry      **entries,
        guint          n_entries)
{
  g_ptr_array_set_size (self->entries, 0);
  for (guint i = 0; i < n_entries; i++)
    g_ptr_array_add (self->entries, g_object_ref (entries[i]));
  self->kind = kind;
  self->generation++;
}

/**
 * mk_entries_undo_set_update:
 * @self: a record
 * @before: the entry as read before it was changed
 */
void
mk_entries_undo_set_update (MkEntriesUndo *self,
                            MkEntry       *before)
{
  g_return_if_fail (MK_IS_ENTRY (before));

  record (self, UNDO_UPDATE, &before, 1);
}

/**
 * mk_entries_undo_set_delete:
 * @self: a record
 * @entries: (element-type MkEntry): the entries deleted, as they were
 */
void
mk_entries_undo_set_delete (MkEntriesUndo *self,
                            GPtrArray     *entries)
{
  record (self, UNDO_DELETE, (MkEntry **) entries->pdata, entries->len);
}

/**
 * mk_entries_undo_set_move:
 * @self: a record
 * @entries: (element-type MkEntry): the entries moved, with their old category
 */
void
mk_entries_undo_set_move (MkEntriesUndo *self,
                          GPtrArray     *entries)
{
  record (self, UNDO_MOVE, (MkEntry **) entries->pdata, entries->len);
}

static gboolean
undo_update (MkEntriesUndo *self,
             MkStore       *store,
             GError       **error)
{
  MkEntry *before = g_ptr_array_index (self->entries, 0);
  MkEntryInput input;

  mk_entry_to_input (before, &input);
  if (!mk_store_update_entry (store, mk_entry_get_id (before), &input, error))
    return FALSE;
  g_ptr_array_set_size (self->entries, 0);
  return TRUE;
}

static gboolean
undo_delete (MkEntriesUndo *self,
             MkStore       *store,
             GError       **error)
{
  g_autofree MkEntryInput *inputs = g_new0 (MkEntryInput, self->entries->len + 1);

  /* One transaction: the deletion comes back whole or not at all. */
  for (guint i = 0; i < self->entries->len; i++)
    mk_entry_to_input (g_ptr_array_index (self->entries, i), &inputs[i]);
  if (!mk_store_add_entries (store, inputs, self->entries->len, error))
    return FALSE;
  g_ptr_array_set_size (self->entries, 0);
  return TRUE;
}

static gboolean
undo_move (MkEntriesUndo *self,
           MkStore       *store,
           GError       **error)
{
  /* One transaction per old category: usually they all came from one. */
  while (self->entries->len > 0)
    {
      MkEntry *first = g_ptr_array_index (self->entries, 0);
      gint64 category_id = mk_category_get_id (mk_entry_get_category (first));
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

      for (guint i = 0; i < self->entries->len; i++)
        {
          MkEntry *entry = g_ptr_array_index (self->entries, i);

          if (mk_category_get_id (mk_entry_get_category (entry)) == category_id)
            {
              gint64 id = mk_entry_get_id (entry);

              g_array_append_val (ids, id);
            }
        }
      if (!mk_store_recategorise_entries (store, (const gint64 *) ids->data, ids->len,
                                          category_id, error))
        return FALSE;
      for (guint i = self->entries->len; i > 0; i--)
        {
          MkEntry *entry = g_ptr_array_index (self->entries, i - 1);

          if (mk_category_get_id (mk_entry_get_category (entry)) == category_id)
            g_ptr_array_remove_index (self->entries, i - 1);
        }
    }
  return TRUE;
}

/**
 * mk_entries_undo_run:
 * @self: a record with something to undo
 * @store: the store the change was made in
 * @error: return location for a #GError from the store
 *
 * Puts the entries back as they were.
 *
 * Returns: %TRUE when everything was put back; otherwise the part not yet
 *   put back can be tried again.
 */
gboolean
mk_entries_undo_run (MkEntriesUndo *self,
                     MkStore       *store,
                     GError       **error)
{
  gboolean ok;

  g_return_val_if_fail (MK_IS_STORE (store), FALSE);

  switch (self->kind)
    {
    case UNDO_UPDATE:
      ok = undo_update (self, store, error);
      break;
    case UNDO_DELETE:
      ok = undo_delete (self, store, error);
      break;
    case UNDO_MOVE:
      ok = undo_move (self, store, error);
      break;
    case UNDO_NONE:
    default:
      return TRUE;
    }
  if (self->entries->len == 0)
    self->kind = UNDO_NONE;
  self->generation++;
  return ok;
}
