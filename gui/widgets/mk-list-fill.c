/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-list-fill.c — a list store brought to a new content a few rows at a time.
 *
 * The Preferences lists (people, categories) are GtkListBoxes bound to a
 * GListStore (mk_list_fill_new() binds them): every item put in the store
 * becomes a row at once, and a row costs its widgets and, at the next
 * frame, its measuring.  Two hundred people replaced at once kept the main
 * thread for a fifth of a second (docs/gui.md, "Nothing waits on the main
 * thread").  So a page
 * hands the new content to mk_list_fill_set() with one signature per
 * item — a string of everything its row shows — and the store is changed
 * only where the signatures differ: the rows before the first difference
 * and after the last stay as they are.  The rest is replaced at most
 * MK_LIST_FILL_STEP rows at a time, the first step at once (so a short
 * list, and a change of one row, is shown before mk_list_fill_set()
 * returns), the others one a frame (the box's tick asks for an idle, which
 * runs once that frame is drawn, so each frame lays out the rows of one
 * step only), and only while the list box is on screen: rows nobody sees
 * wait until their page is shown, so that opening Preferences does not
 * make the two hundred rows of a page still hidden.  The page is told when
 * the list starts and stops having rows to come (busy_changed), to show
 * that the list is still coming.
 *
 * Invariants: the signatures kept are those of the items in the store, in
 * its order; the store's items are only ever changed here.
 */
#define G_LOG_DOMAIN "mk-list-fill"

#include "config.h"

#include "mk-list-fill.h"

/* Rows added (and as many removed) in one step: about 10 ms of widgets and
 * 10 ms of measuring on the machine the budgets are measured on. */
#define MK_LIST_FILL_STEP 24

struct _MkListFill
{
  GtkWidget  *box;         /* weak */
  gulong      map_id;
  GListStore *store;
  GPtrArray  *shown;       /* char *: the signatures of the store's items */
  GPtrArray  *items;       /* GObject *: the content wanted */
  GPtrArray  *signatures;  /* char *: theirs */
  guint       idle_id;
  guint       tick_id;     /* on the box: the next step after its frame */
  gboolean    waiting;     /* for the box to be mapped, with rows to come */
  void      (*busy_changed) (gpointer user_data);
  gpointer    user_data;
};

static void box_mapped_cb (GtkWidget  *box,
                           MkListFill *self);

/**
 * mk_list_fill_new:
 * @box: the list box that shows @store: bound to it here, with @create_row
 * @store: the store the list shows; the fill keeps a reference
 * @create_row: makes the row of an item, called with @user_data
 * @busy_changed: (nullable): called as void (*) (gpointer user_data) when
 *   mk_list_fill_get_busy() changes
 * @user_data: data for @create_row and @busy_changed
 *
 * What the store holds already is replaced by the first fill.
 *
 * Returns: (transfer full): a new fill, freed with mk_list_fill_free().
 */
MkListFill *
mk_list_fill_new (GtkListBox                 *box,
                  GListStore                 *store,
                  GtkListBoxCreateWidgetFunc  create_row,
                  GCallback                   busy_changed,
                  gpointer                    user_data)
{
  MkListFill *self;

  g_return_val_if_fail (GTK_IS_LIST_BOX (box), NULL);
  g_return_val_if_fail (G_IS_LIST_STORE (store), NULL);
  g_return_val_if_fail (create_row != NULL, NULL);

  self = g_new0 (MkListFill, 1);
  self->store = g_object_ref (store);
  self->shown = g_ptr_array_new_with_free_func (g_free);
  self->busy_changed = (void (*) (gpointer)) busy_changed;
  self->user_data = user_data;
  /* Whatever the store holds now has no signature: it differs from any. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (store)); i++)
    g_ptr_array_add (self->shown, NULL);
  gtk_list_box_bind_model (box, G_LIST_MODEL (store), create_row, user_data, NULL);
  self->box = GTK_WIDGET (box);
  g_object_add_weak_pointer (G_OBJECT (box), (gpointer *) &self->box);
  self->map_id = g_signal_connect (box, "map", G_CALLBACK (box_mapped_cb), self);
  return self;
}

/* One step: the first differing rows replaced.  Returns whether the store
 * now shows what was asked. */
static gboolean
step (MkListFill *self)
{
  guint n_shown = self->shown->len;
  guint n_wanted = self->items->len;
  guint prefix = 0;
  guint suffix = 0;
  guint n_remove;
  guint n_add;

  while (prefix < n_shown && prefix < n_wanted &&
         g_strcmp0 (self->shown->pdata[prefix], self->signatures->pdata[prefix]) == 0 &&
         self->shown->pdata[prefix] != NULL)
    prefix++;
  while (suffix < n_shown - prefix && suffix < n_wanted - prefix &&
         self->shown->pdata[n_shown - 1 - suffix] != NULL &&
         g_strcmp0 (self->shown->pdata[n_shown - 1 - suffix],
                    self->signatures->pdata[n_wanted - 1 - suffix]) == 0)
    suffix++;

  n_remove = MIN (n_shown - prefix - suffix, MK_LIST_FILL_STEP);
  n_add = MIN (n_wanted - prefix - suffix, MK_LIST_FILL_STEP);
  if (n_remove == 0 && n_add == 0)
    return TRUE;

  g_ptr_array_remove_range (self->shown, prefix, n_remove);
  for (guint i = 0; i < n_add; i++)
    g_ptr_array_insert (self->shown, (int) (prefix + i),
                        g_strdup (self->signatures->pdata[prefix + i]));
  g_list_store_splice (self->store, prefix, n_remove, self->items->pdata + prefix, n_add);

  return n_remove == n_shown - prefix - suffix && n_add == n_wanted - prefix - suffix;
}

static void
finish (MkListFill *self)
{
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->signatures, g_ptr_array_unref);
}

static gboolean step_cb (gpointer data);

/* Whether rows are to come: in an idle, or once the box is mapped. */
static gboolean
pending (MkListFill *self)
{
  return self->idle_id != 0 || self->tick_id != 0 || self->waiting;
}

static void
cancel (MkListFill *self)
{
  g_clear_handle_id (&self->idle_id, g_source_remove);
  if (self->tick_id != 0 && self->box != NULL)
    gtk_widget_remove_tick_callback (self->box, self->tick_id);
  self->tick_id = 0;
}

/* A frame of the box is being drawn: the next step once it is. */
static gboolean
tick_cb (GtkWidget     *box,
         GdkFrameClock *clock,
         gpointer       data)
{
  MkListFill *self = data;

  self->tick_id = 0;
  if (self->idle_id == 0)
    {
      self->idle_id = g_idle_add (step_cb, self);
      g_source_set_name_by_id (self->idle_id, "[minutka] list fill");
    }
  return G_SOURCE_REMOVE;
}

static void
schedule (MkListFill *self)
{
  if (self->box == NULL)
    return;
  if (!gtk_widget_get_mapped (self->box))
    {
      cancel (self);
      self->waiting = TRUE;
      return;
    }
  self->waiting = FALSE;
  if (self->idle_id == 0 && self->tick_id == 0)
    self->tick_id = gtk_widget_add_tick_callback (self->box, tick_cb, self, NULL);
}

static gboolean
step_cb (gpointer data)
{
  MkListFill *self = data;

  self->idle_id = 0;
  if (self->box != NULL && !gtk_widget_get_mapped (self->box))
    {
      schedule (self);
      return G_SOURCE_REMOVE;
    }
  if (!step (self))
    {
      schedule (self);
      return G_SOURCE_REMOVE;
    }

  finish (self);
  if (self->busy_changed != NULL)
    self->busy_changed (self->user_data);
  return G_SOURCE_REMOVE;
}

static void
box_mapped_cb (GtkWidget  *box,
               MkListFill *self)
{
  if (self->waiting)
    schedule (self);
}

/**
 * mk_list_fill_set:
 * @self: the fill
 * @items: (element-type GObject): the new content, in order; the fill
 *   keeps a reference to the array
 * @signatures: (element-type utf8): for each item, everything its row
 *   shows (two items with the same signature get the same row); the fill
 *   keeps a reference to the array
 *
 * Brings the store to @items: the first step at once, the rest in idles.
 * A fill still under way is replaced by this one.
 */
void
mk_list_fill_set (MkListFill *self,
                  GPtrArray  *items,
                  GPtrArray  *signatures)
{
  gboolean was_busy;

  g_return_if_fail (self != NULL);
  g_return_if_fail (items != NULL && signatures != NULL);
  g_return_if_fail (items->len == signatures->len);

  was_busy = mk_list_fill_get_busy (self);
  finish (self);
  self->items = g_ptr_array_ref (items);
  self->signatures = g_ptr_array_ref (signatures);

  if (step (self))
    {
      cancel (self);
      self->waiting = FALSE;
      finish (self);
    }
  else
    schedule (self);

  if (was_busy != mk_list_fill_get_busy (self) && self->busy_changed != NULL)
    self->busy_changed (self->user_data);
}

/**
 * mk_list_fill_get_busy:
 * @self: the fill
 *
 * Returns: whether rows are still to be added or removed (in the next
 *   idles, or once the list box is shown).
 */
gboolean
mk_list_fill_get_busy (MkListFill *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return pending (self);
}

/**
 * mk_list_fill_free:
 * @self: (nullable): the fill
 *
 * Stops filling; the store keeps what it holds.
 */
void
mk_list_fill_free (MkListFill *self)
{
  if (self == NULL)
    return;
  cancel (self);
  if (self->box != NULL)
    {
      g_clear_signal_handler (&self->map_id, self->box);
      g_object_remove_weak_pointer (G_OBJECT (self->box), (gpointer *) &self->box);
    }
  finish (self);
  g_clear_pointer (&self->shown, g_ptr_array_unref);
  g_clear_object (&self->store);
  g_free (self);
}
