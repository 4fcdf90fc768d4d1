/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-today-edits.c — the Today page's changes to entries, and their undo.
 *
 * Every change is one MkStore call, committed when it returns.  The last
 * change can be undone once: an add by deleting the entry, a delete by
 * adding the same fields back (the entry gets a new id), an edit by
 * writing the old fields back.  The record is taken before the undo runs,
 * so a failing undo cannot be repeated by accident.  "can-undo" tells the
 * page when to enable its undo action; the generation tells an old toast
 * that its change is no longer the one undo would take back.
 */
#define G_LOG_DOMAIN "mk-today-edits"

#include "config.h"

#include <string.h>

#include "mk-today-edits.h"

typedef enum {
  UNDO_NONE,
  UNDO_ADD,      /* delete entry_id */
  UNDO_DELETE,   /* add input back */
  UNDO_UPDATE,   /* put input back on entry_id */
} UndoKind;

typedef struct {
  UndoKind      kind;
  gint64        entry_id;
  MkEntryInput  input;    /* its strings are the two below */
  char         *day;
  char         *task;
} Undo;

struct _MkTodayEdits
{
  GObject   parent_instance;

  MkStore  *store;
  Undo      undo;
  guint     generation;   /* counts the changes remembered */
};

G_DEFINE_FINAL_TYPE (MkTodayEdits, mk_today_edits, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_UNDO,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
undo_clear (Undo *undo)
{
  g_clear_pointer (&undo->day, g_free);
  g_clear_pointer (&undo->task, g_free);
  memset (undo, 0, sizeof *undo);
}

/* Remembers how to take back a change; @entry is the entry before it. */
static void
remember (MkTodayEdits *self,
          UndoKind      kind,
          gint64        entry_id,
          MkEntry      *entry)
{
  gboolean could = self->undo.kind != UNDO_NONE;

  undo_clear (&self->undo);
  self->generation++;
  self->undo.kind = kind;
  self->undo.entry_id = entry_id;
  if (entry != NULL)
    {
      mk_entry_to_input (entry, &self->undo.input);
      self->undo.day = g_strdup (self->undo.input.day);
      self->undo.task = g_strdup (self->undo.input.task);
      self->undo.input.day = self->undo.day;
      self->undo.input.task = self->undo.task;
    }
  if (could != (kind != UNDO_NONE))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
}

/**
 * mk_today_edits_new:
 *
 * Returns: (transfer full): an edit history with nothing to undo.
 */
MkTodayEdits *
mk_today_edits_new (void)
{
  return g_object_new (MK_TYPE_TODAY_EDITS, NULL);
}

/**
 * mk_today_edits_set_store:
 * @self: the edits
 * @store: (nullable): the store changes go to; forgets what could be undone
 */
void
mk_today_edits_set_store (MkTodayEdits *self,
                          MkStore      *store)
{
  g_return_if_fail (MK_IS_TODAY_EDITS (self));

  g_set_object (&self->store, store);
  remember (self, UNDO_NONE, 0, NULL);
}

/**
 * mk_today_edits_added:
 * @self: the edits
 * @entry_id: an entry just added (from the quick entry or the timer)
 *
 * Makes the add the change that undo takes back.
 */
void
mk_today_edits_added (MkTodayEdits *self,
                      gint64        entry_id)
{
  g_return_if_fail (MK_IS_TODAY_EDITS (self));

  remember (self, UNDO_ADD, entry_id, NULL);
}

/**
 * mk_today_edits_delete:
 * @self: the edits, with a store
 * @entry_id: the entry to delete
 * @error: return location for an error
 *
 * Returns: %TRUE once the delete is committed; fails with the store's error.
 */
gboolean
mk_today_edits_delete (MkTodayEdits *self,
                       gint64        entry_id,
                       GError      **error)
{
  g_autoptr(MkEntry) entry = NULL;

  g_return_val_if_fail (MK_IS_TODAY_EDITS (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  entry = mk_store_get_entry (self->store, entry_id, error);
  if (entry == NULL || !mk_store_delete_entry (self->store, entry_id, error))
    return FALSE;
  remember (self, UNDO_DELETE, entry_id, entry);
  return TRUE;
}

/**
 * mk_today_edits_update:
 * @self: the edits, with a store
 * @entry_id: the entry to change
 * @start: the new start, minutes after midnight, or -1
 * @minutes: the new length, 1 … 1440
 * @category_id: the new category
 * @task: (nullable): the new task
 * @error: return location for an error
 *
 * Changes an entry; its person and day stay.
 *
 * Returns: %TRUE once the change is committed; fails with the store's error.
 */
gboolean
mk_today_edits_update (MkTodayEdits *self,
                       gint64        entry_id,
                       int           start,
                       int           minutes,
                       gint64        category_id,
                       const char   *task,
                       GError      **error)
{
  g_autoptr(MkEntry) before = NULL;
  MkEntryInput input;

  g_return_val_if_fail (MK_IS_TODAY_EDITS (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  before = mk_store_get_entry (self->store, entry_id, error);
  if (before == NULL)
    return FALSE;
  mk_entry_to_input (before, &input);
  input.start = start;
  input.minutes = minutes;
  input.category_id = category_id;
  input.task = task;
  if (!mk_store_update_entry (self->store, entry_id, &input, error))
    return FALSE;
  remember (self, UNDO_UPDATE, entry_id, before);
  return TRUE;
}

/**
 * mk_today_edits_can_undo:
 * @self: the edits
 *
 * Returns: %TRUE if there is a change to take back.
 */
gboolean
mk_today_edits_can_undo (MkTodayEdits *self)
{
  g_return_val_if_fail (MK_IS_TODAY_EDITS (self), FALSE);

  return self->undo.kind != UNDO_NONE;
}

/**
 * mk_today_edits_get_generation:
 * @self: the edits
 *
 * Returns: a number that changes with every change remembered, so that a
 *   toast offering undo can tell whether its change is still the last one.
 */
guint
mk_today_edits_get_generation (MkTodayEdits *self)
{
  g_return_val_if_fail (MK_IS_TODAY_EDITS (self), 0);

  return self->generation;
}

/**
 * mk_today_edits_undo:
 * @self: the edits, with a store
 * @error: return location for an error
 *
 * Takes back the last change, once.
 *
 * Returns: %TRUE once the undo is committed (or when there was nothing to
 *   undo); fails with the store's error, and then nothing is left to undo.
 */
gboolean
mk_today_edits_undo (MkTodayEdits *self,
                     GError      **error)
{
  Undo undo;
  gboolean ok = TRUE;

  g_return_val_if_fail (MK_IS_TODAY_EDITS (self), FALSE);

  if (self->store == NULL || self->undo.kind == UNDO_NONE)
    return TRUE;

  undo = self->undo;
  memset (&self->undo, 0, sizeof self->undo);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);

  switch (undo.kind)
    {
    case UNDO_ADD:
      ok = mk_store_delete_entry (self->store, undo.entry_id, error);
      break;
    case UNDO_DELETE:
      ok = mk_store_add_entry (self->store, &undo.input, error) > 0;
      break;
    case UNDO_UPDATE:
      ok = mk_store_update_entry (self->store, undo.entry_id, &undo.input, error);
      break;
    case UNDO_NONE:
    default:
      g_assert_not_reached ();
    }
  undo_clear (&undo);
  return ok;
}

static void
mk_today_edits_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MkTodayEdits *self = MK_TODAY_EDITS (object);

  switch (prop_id)
    {
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, mk_today_edits_can_undo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mk_today_edits_finalize (GObject *object)
{
  MkTodayEdits *self = MK_TODAY_EDITS (object);

  undo_clear (&self->undo);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (mk_today_edits_parent_class)->finalize (object);
}

static void
mk_today_edits_class_init (MkTodayEditsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = mk_today_edits_get_property;
  object_class->finalize = mk_today_edits_finalize;

  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mk_today_edits_init (MkTodayEdits *self)
{
}
