/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-entry-history.c — changes to entries, with undo and redo.
 *
 * Today's pop-over and the Entries page change entries through one
 * MkEntryHistory each: it makes the change through MkStore and remembers
 * how to take it back and make it again.  A change is one add, one edit,
 * or a delete or move of any number of entries; it keeps, for every entry
 * it touched, a snapshot of its fields before and after (no snapshot
 * before an add, none after a delete).
 *
 * Invariants.
 * - Every change, undo and redo is one MkStore call, so one transaction:
 *   it is committed whole when the call returns TRUE, and nothing of it is
 *   written when it fails.  A failed undo or redo leaves the history as it
 *   was, so trying again is safe.
 * - Undo takes back the newest change not yet taken back; redo makes the
 *   newest undone change again; a new change forgets what could be redone.
 *   At most `depth` changes are kept; the oldest is forgotten first.
 * - Putting a deleted entry back adds it under a new id (SQLite gives the
 *   id).  The changes do not hold ids but EntryRefs, one per entry the
 *   history knows of, shared by every change that touched the entry; when
 *   an entry comes back under a new id its EntryRef takes the new id, so
 *   older changes still find it.  `live` maps the id of every entry the
 *   history knows to exist to its EntryRef; an EntryRef leaves it when its
 *   entry is deleted, so a later entry given the same id by SQLite is a
 *   different entry to the history.
 * - The generation changes with every change made, undone or redone: a
 *   toast that offers to undo its own change keeps the generation and may
 *   undo only while it is still the current one.
 */
#define G_LOG_DOMAIN "mk-entry-history"

#include "config.h"

#include "mk-entry-history.h"

typedef struct {
  gint64      id;     /* while live, the entry's id in the store */
  gboolean    live;   /* in the history's `live` table */
  GHashTable *table;  /* weak: the history's `live` table */
} EntryRef;

/* An entry's fields at one moment; input's strings point to day and task. */
typedef struct {
  MkEntryInput input;
  char        *day;
  char        *task;
} Snapshot;

typedef struct {
  EntryRef *ref;
  Snapshot *before;  /* NULL: the change added the entry */
  Snapshot *after;   /* NULL: the change deleted the entry */
} Item;

typedef struct {
  MkEntryChangeKind kind;
  GArray           *items;  /* Item */
} Change;

struct _MkEntryHistory
{
  GObject     parent_instance;

  MkStore    *store;
  guint       depth;
  GQueue      undo;        /* Change, newest first */
  GQueue      redo;        /* Change, newest undone first */
  GHashTable *live;        /* gint64 id → EntryRef (weak) */
  guint       generation;
};

G_DEFINE_FINAL_TYPE (MkEntryHistory, mk_entry_history, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Entry references */

static void
ref_unlink (EntryRef *ref)
{
  if (ref->live && g_hash_table_lookup (ref->table, &ref->id) == ref)
    g_hash_table_remove (ref->table, &ref->id);
  ref->live = FALSE;
}

static void
ref_link (EntryRef *ref,
          gint64    id)
{
  EntryRef *old;

  ref_unlink (ref);
  /* An entry the history thought alive under this id was deleted behind
   * its back (another window), and SQLite gave its id to a new entry. */
  old = g_hash_table_lookup (ref->table, &id);
  if (old != NULL)
    ref_unlink (old);
  ref->id = id;
  ref->live = TRUE;
  g_hash_table_insert (ref->table, &ref->id, ref);
}

static void
ref_clear (gpointer data)
{
  ref_unlink (data);
}

static void
ref_release (EntryRef *ref)
{
  g_rc_box_release_full (ref, ref_clear);
}

static EntryRef *
ref_new (MkEntryHistory *self)
{
  EntryRef *ref = g_rc_box_new0 (EntryRef);

  ref->table = self->live;
  return ref;
}

/* The reference for an entry that exists now, with id @id. */
static EntryRef *
ref_for_id (MkEntryHistory *self,
            gint64          id)
{
  EntryRef *ref = g_hash_table_lookup (self->live, &id);

  if (ref != NULL)
    return g_rc_box_acquire (ref);
  ref = ref_new (self);
  ref_link (ref, id);
  return ref;
}

/* Snapshots, items, changes */

static Snapshot *
snapshot_new (const MkEntryInput *input)
{
  Snapshot *snapshot = g_new0 (Snapshot, 1);

  snapshot->input = *input;
  snapshot->day = g_strdup (input->day);
  snapshot->task = g_strdup (input->task ? input->task : "");
  snapshot->input.day = snapshot->day;
  snapshot->input.task = snapshot->task;
  return snapshot;
}

static Snapshot *
snapshot_new_from_entry (MkEntry *entry)
{
  MkEntryInput input;

  mk_entry_to_input (entry, &input);
  return snapshot_new (&input);
}

static void
snapshot_free (Snapshot *snapshot)
{
  if (snapshot == NULL)
    return;
  g_free (snapshot->day);
  g_free (snapshot->task);
  g_free (snapshot);
}

static void
item_clear (gpointer data)
{
  Item *item = data;

  g_clear_pointer (&item->ref, ref_release);
  g_clear_pointer (&item->before, snapshot_free);
  g_clear_pointer (&item->after, snapshot_free);
}

static Change *
change_new (MkEntryChangeKind kind,
            guint             n_items)
{
  Change *change = g_new0 (Change, 1);

  change->kind = kind;
  change->items = g_array_sized_new (FALSE, TRUE, sizeof (Item), n_items);
  g_array_set_clear_func (change->items, item_clear);
  return change;
}

static void
change_add_item (Change   *change,
                 EntryRef *ref,
                 Snapshot *before,
                 Snapshot *after)
{
  Item item = { ref, before, after };

  g_array_append_val (change->items, item);
}

static void
change_free (Change *change)
{
  g_array_unref (change->items);
  g_free (change);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Change, change_free)

/* Makes @change in the store (@forward) or takes it back, in one
 * transaction.  Every item of a change has the same shape (all added, all
 * deleted or all edited), so it is one add, delete or update of them all. */
static gboolean
apply (MkEntryHistory *self,
       Change         *change,
       gboolean        forward,
       GError        **error)
{
  guint n = change->items->len;
  Item *first = &g_array_index (change->items, Item, 0);
  gboolean from_nothing = (forward ? first->before : first->after) == NULL;
  gboolean to_nothing = (forward ? first->after : first->before) == NULL;
  g_autofree gint64 *ids = g_new0 (gint64, n);
  g_autofree MkEntryInput *inputs = g_new0 (MkEntryInput, n);

  g_assert (n > 0);
  for (guint i = 0; i < n; i++)
    {
      Item *item = &g_array_index (change->items, Item, i);
      Snapshot *target = forward ? item->after : item->before;

      g_assert (((forward ? item->before : item->after) == NULL) == from_nothing);
      g_assert ((target == NULL) == to_nothing);
      ids[i] = item->ref->id;
      if (target != NULL)
        inputs[i] = target->input;
    }

  if (to_nothing)
    {
      if (!mk_store_delete_entries (self->store, ids, n, error))
        return FALSE;
      for (guint i = 0; i < n; i++)
        ref_unlink (g_array_index (change->items, Item, i).ref);
      return TRUE;
    }
  if (from_nothing)
    {
      if (!mk_store_add_entries (self->store, inputs, n, ids, error))
        return FALSE;
      for (guint i = 0; i < n; i++)
        ref_link (g_array_index (change->items, Item, i).ref, ids[i]);
      return TRUE;
    }
  return mk_store_update_entries (self->store, ids, inputs, n, error);
}

/* Tells whoever watches can-undo and can-redo what changed since
 * @could_undo and @could_redo. */
static void
changed (MkEntryHistory *self,
         gboolean        could_undo,
         gboolean        could_redo)
{
  self->generation++;
  if (could_undo != mk_entry_history_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (could_redo != mk_entry_history_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);
}

static void
clear_queue (GQueue *queue)
{
  Change *change;

  while ((change = g_queue_pop_head (queue)) != NULL)
    change_free (change);
}

/* Remembers a change just made: it is the one undo takes back. */
static void
push (MkEntryHistory *self,
      Change         *change)
{
  gboolean could_undo = mk_entry_history_can_undo (self);
  gboolean could_redo = mk_entry_history_can_redo (self);

  clear_queue (&self->redo);
  g_queue_push_head (&self->undo, change);
  while (self->undo.length > self->depth)
    change_free (g_queue_pop_tail (&self->undo));
  changed (self, could_undo, could_redo);
}

/* Reads the entries as they are now, for a change's before. */
static Change *
read_entries (MkEntryHistory    *self,
              MkEntryChangeKind  kind,
              const gint64      *ids,
              guint              n_ids,
              GError           **error)
{
  g_autoptr(Change) change = change_new (kind, n_ids);

  for (guint i = 0; i < n_ids; i++)
    {
      g_autoptr(MkEntry) entry = mk_store_get_entry (self->store, ids[i], error);

      if (entry == NULL)
        return NULL;
      change_add_item (change, ref_for_id (self, ids[i]), snapshot_new_from_entry (entry), NULL);
    }
  return g_steal_pointer (&change);
}

/* Makes a change and remembers it, or forgets it when the store refuses. */
static gboolean
make (MkEntryHistory *self,
      Change         *change,
      GError        **error)
{
  if (!apply (self, change, TRUE, error))
    {
      change_free (change);
      return FALSE;
    }
  push (self, change);
  return TRUE;
}

/**
 * mk_entry_history_new:
 * @depth: how many changes undo can take back, at least 1
 *
 * Returns: (transfer full): a history without a store and with nothing to
 *   undo or redo.
 */
MkEntryHistory *
mk_entry_history_new (guint depth)
{
  MkEntryHistory *self;

  g_return_val_if_fail (depth >= 1, NULL);

  self = g_object_new (MK_TYPE_ENTRY_HISTORY, NULL);
  self->depth = depth;
  return self;
}

/**
 * mk_entry_history_set_store:
 * @self: a history
 * @store: (nullable): the store changes go to
 *
 * Forgets every change: they were made in another database.
 */
void
mk_entry_history_set_store (MkEntryHistory *self,
                            MkStore        *store)
{
  gboolean could_undo;
  gboolean could_redo;

  g_return_if_fail (MK_IS_ENTRY_HISTORY (self));
  g_return_if_fail (store == NULL || MK_IS_STORE (store));

  could_undo = mk_entry_history_can_undo (self);
  could_redo = mk_entry_history_can_redo (self);
  g_set_object (&self->store, store);
  clear_queue (&self->undo);
  clear_queue (&self->redo);
  changed (self, could_undo, could_redo);
}

/**
 * mk_entry_history_get_store:
 * @self: a history
 *
 * Returns: (transfer none) (nullable): the store changes go to.
 */
MkStore *
mk_entry_history_get_store (MkEntryHistory *self)
{
  g_return_val_if_fail (MK_IS_ENTRY_HISTORY (self), NULL);

  return self->store;
}

/**
 * mk_entry_history_add:
 * @self: a history with a store
 * @input: the entry
 * @error: return location for a #GError from the store
 *
 * Adds an entry (mk_store_add_entry()) and remembers the add.
 *
 * Returns: the new entry's id once committed, or 0 with @error set and
 *   nothing written or remembered.
 */
gint64
mk_entry_history_add (MkEntryHistory     *self,
                      const MkEntryInput *input,
                      GError            **error)
{
  Snapshot *after;
  Change *change;
  EntryRef *ref;

  g_return_val_if_fail (MK_IS_ENTRY_HISTORY (self), 0);
  g_return_val_if_fail (self->store != NULL, 0);
  g_return_val_if_fail (input != NULL, 0);

  change = change_new (MK_ENTRY_CHANGE_ADD, 1);
  ref = ref_new (self);
  after = snapshot_new (input);
  /* The identity is given now, so that a redo brings back the same entry. */
  if (after->input.uuid[0] == '\0')
    {
      MkUuid uuid;

      mk_uuid_generate (&uuid);
      mk_uuid_format (&uuid, after->input.uuid);
    }
  change_add_item (change, ref, NULL, after);
  if (!make (self, change, error))
    return 0;
  return ref->id;
}

/**
 * mk_entry_history_added:
 * @self: a history with a store
 * @id: an entry just added by another part of core (stopping the timer)
 * @error: return location for a #GError from the store
 *
 * Remembers an add made elsewhere, so that undo takes it back.
 *
 * Returns: %TRUE once remembered; %FALSE with MK_STORE_ERROR_NOT_FOUND
 *   when the entry is not in the store.
 */
gboolean
mk_entry_history_added (MkEntryHistory *self,
                        gint64          id,
                        GError        **error)
{
  g_autoptr(MkEntry) entry = NULL;
  Change *change;
  EntryRef *ref;

  g_return_val_if_fail (MK_IS_ENTRY_HISTORY (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  entry = mk_store_get_entry (self->store, id, error);
  if (entry == NULL)
    return FALSE;
  ref = ref_new (self);
  ref_link (ref, id);
  change = change_new (MK_ENTRY_CHANGE_ADD, 1);
  change_add_item (change, ref, NULL, snapshot_new_from_entry (entry));
  push (self, change);
  return TRUE;
}

/**
 * mk_entry_history_edit:
 * @self: a history with a store
 * @id: the entry to change
 * @input: its new fields (its source, import batch and fingerprint stay)
 * @error: return location for a #GError from the store
 *
 * Changes an entry (mk_store_update_entry()) and remembers how it was.
 *
 * Returns: %TRUE once committed; %FALSE with @error set and nothing
 *   written or remembered.
 */
gboolean
mk_entry_history_edit (MkEntryHistory     *self,
                       gint64              id,
                       const MkEntryInput *input,
                       GError            **error)
{
  Change *change;
  Item *item;
  Snapshot *after;

  g_return_val_if_fail (MK_IS_ENTRY_HISTORY (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);
  g_return_val_if_fail (input != NULL, FALSE);

  change = read_entries (self, MK_ENTRY_CHANGE_EDIT, &id, 1, error);
  if (change == NULL)
    return FALSE;
  item = &g_array_index (change->items, Item, 0);
  after = snapshot_new (input);
  after->input.source = item->before->input.source;
  after->input.batch_id = item->before->input.batch_id;
  after->input.fingerprint = item->before->input.fingerprint;
  item->after = after;
  return make (self, change, error);
}

/**
 * mk_entry_history_delete:
 * @self: a history with a store
 * @ids: (array length=n_ids): the entries to delete
 * @n_ids: how many (none is nothing to do)
 * @error: return location for a #GError from the store
 *
 * Deletes the entries in one transaction (mk_store_delete_entries()) and
 * remembers them: undo puts them all back, as one change.
 *
 * Returns: %TRUE once committed; %FALSE with @error set and nothing
 *   deleted or remembered.
 */
gboolean
mk_entry_history_delete (MkEntryHistory *self,
                         const gint64   *ids,
                         guint           n_ids,
                         GError        **error)
{
  Change *change;

  g_return_val_if_fail (MK_IS_ENTRY_HISTORY (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);
  g_return_val_if_fail (ids != NULL || n_ids == 0, FALSE);

  if (n_ids == 0)
    return TRUE;
  change = read_entries (self, MK_ENTRY_CHANGE_DELETE, ids, n_ids, error);
  return change != NULL && make (self, change, error);
}

/**
 * mk_entry_history_move:
 * @self: a history with a store
 * @ids: (array length=n_ids): the entries to move
 * @n_ids: how many (none is nothing to do)
 * @category_id: their new category
 * @error: return location for a #GError from the store
 *
 * Moves the entries to @category_id in one transaction and remembers
 * where each was: undo puts each back in its own category, as one change.
 *
 * Returns: %TRUE once committed; %FALSE with @error set and nothing
 *   moved or remembered.
 */
gboolean
mk_entry_history_move (MkEntryHistory *self,
                       const gint64   *ids,
                       guint           n_ids,
                       gint64          category_id,
                       GError        **error)
{
  Change *change;

  g_return_val_if_fail (MK_IS_ENTRY_HISTORY (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);
  g_return_val_if_fail (ids != NULL || n_ids == 0, FALSE);

  if (n_ids == 0)
    return TRUE;
  change = read_entries (self, MK_ENTRY_CHANGE_MOVE, ids, n_ids, error);
  if (change == NULL)
    return FALSE;
  for (guint i = 0; i < n_ids; i++)
    {
      Item *item = &g_array_index (change->items, Item, i);

      item->after = snapshot_new (&item->before->input);
      item->after->input.category_id = category_id;
    }
  return make (self, change, error);
}

/**
 * mk_entry_history_can_undo:
 * @self: a history
 *
 * Returns: %TRUE if there is a change to take back.
 */
gboolean
mk_entry_history_can_undo (MkEntryHistory *self)
{
  g_return_val_if_fail (MK_IS_ENTRY_HISTORY (self), FALSE);

  return !g_queue_is_empty (&self->undo);
}

/**
 * mk_entry_history_can_redo:
 * @self: a history
 *
 * Returns: %TRUE if there is an undone change to make again.
 */
gboolean
mk_entry_history_can_redo (MkEntryHistory *self)
{
  g_return_val_if_fail (MK_IS_ENTRY_HISTORY (self), FALSE);

  return !g_queue_is_empty (&self->redo);
}

static MkEntryChangeKind
describe (Change *change,
          guint  *n_entries)
{
  if (n_entries != NULL)
    *n_entries = change != NULL ? change->items->len : 0;
  return change != NULL ? change->kind : MK_ENTRY_CHANGE_NONE;
}

/**
 * mk_entry_history_get_undo_kind:
 * @self: a history
 * @n_entries: (out) (optional): how many entries the change touched
 *
 * Returns: what undo would take back, or %MK_ENTRY_CHANGE_NONE.
 */
MkEntryChangeKind
mk_entry_history_get_undo_kind (MkEntryHistory *self,
                                guint          *n_entries)
{
  g_return_val_if_fail (MK_IS_ENTRY_HISTORY (self), MK_ENTRY_CHANGE_NONE);

  return describe (g_queue_peek_head (&self->undo), n_entries);
}

/**
 * mk_entry_history_get_redo_kind:
 * @self: a history
 * @n_entries: (out) (optional): how many entries the change touched
 *
 * Returns: what redo would make again, or %MK_ENTRY_CHANGE_NONE.
 */
MkEntryChangeKind
mk_entry_history_get_redo_kind (MkEntryHistory *self,
                                guint          *n_entries)
{
  g_return_val_if_fail (MK_IS_ENTRY_HISTORY (self), MK_ENTRY_CHANGE_NONE);

  return describe (g_queue_peek_head (&self->redo), n_entries);
}

/**
 * mk_entry_history_get_generation:
 * @self: a history
 *
 * Returns: a number that changes with every change made, undone or redone,
 *   so that a toast offering undo can tell whether its change is still the
 *   one undo takes back.
 */
guint
mk_entry_history_get_generation (MkEntryHistory *self)
{
  g_return_val_if_fail (MK_IS_ENTRY_HISTORY (self), 0);

  return self->generation;
}

/* Moves the newest change of @from to @to once it is applied. */
static gboolean
step (MkEntryHistory *self,
      GQueue         *from,
      GQueue         *to,
      gboolean        forward,
      GError        **error)
{
  gboolean could_undo = mk_entry_history_can_undo (self);
  gboolean could_redo = mk_entry_history_can_redo (self);
  Change *change = g_queue_peek_head (from);

  if (self->store == NULL || change == NULL)
    return TRUE;
  if (!apply (self, change, forward, error))
    return FALSE;
  g_queue_push_head (to, g_queue_pop_head (from));
  changed (self, could_undo, could_redo);
  return TRUE;
}

/**
 * mk_entry_history_undo:
 * @self: a history
 * @error: return location for a #GError from the store
 *
 * Takes back the newest change, in one transaction: an add by deleting the
 * entry, an edit or move by writing the old fields back, a delete by adding
 * the entries back (under new ids).
 *
 * Returns: %TRUE once committed, or when there is nothing to undo; %FALSE
 *   with @error set, and then nothing changed and undo may be tried again.
 */
gboolean
mk_entry_history_undo (MkEntryHistory *self,
                       GError        **error)
{
  g_return_val_if_fail (MK_IS_ENTRY_HISTORY (self), FALSE);

  return step (self, &self->undo, &self->redo, FALSE, error);
}

/**
 * mk_entry_history_redo:
 * @self: a history
 * @error: return location for a #GError from the store
 *
 * Makes the newest undone change again, in one transaction.
 *
 * Returns: %TRUE once committed, or when there is nothing to redo; %FALSE
 *   with @error set, and then nothing changed and redo may be tried again.
 */
gboolean
mk_entry_history_redo (MkEntryHistory *self,
                       GError        **error)
{
  g_return_val_if_fail (MK_IS_ENTRY_HISTORY (self), FALSE);

  return step (self, &self->redo, &self->undo, TRUE, error);
}

static void
mk_entry_history_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MkEntryHistory *self = MK_ENTRY_HISTORY (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, mk_entry_history_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, mk_entry_history_can_redo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mk_entry_history_finalize (GObject *object)
{
  MkEntryHistory *self = MK_ENTRY_HISTORY (object);

  /* The changes first: their references leave the table as they go. */
  clear_queue (&self->undo);
  clear_queue (&self->redo);
  g_assert (g_hash_table_size (self->live) == 0);
  g_clear_pointer (&self->live, g_hash_table_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (mk_entry_history_parent_class)->finalize (object);
}

static void
mk_entry_history_class_init (MkEntryHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = mk_entry_history_get_property;
  object_class->finalize = mk_entry_history_finalize;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mk_entry_history_init (MkEntryHistory *self)
{
  self->depth = 1;
  g_queue_init (&self->undo);
  g_queue_init (&self->redo);
  self->live = g_hash_table_new (g_int64_hash, g_int64_equal);
}
