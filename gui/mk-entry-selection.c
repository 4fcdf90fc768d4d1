/* mk-entry-selection.c — a multiple selection by position, for paged models.
 *
 * GtkMultiSelection (GTK 4.8) remembers the selected items themselves so
 * that a selection survives a reordering: selecting a range asks the model
 * for every item in it, and an "items-changed" that replaces the whole list
 * makes it read every new item looking for the old ones.  Over an
 * MkEntryList of 1,000,000 entries that means reading every page from
 * SQLite: Ctrl+A would freeze the window for minutes.
 *
 * This selection keeps positions only (a GtkBitset): selecting all is one
 * range, and nothing is read from the model.  Invariant: when the model
 * changes, positions inside the changed range are dropped from the
 * selection and later ones shift; an MkEntryList refresh replaces the
 * whole list, so it clears the selection, which is what a person expects
 * after the rows they selected were deleted or moved.
 *
 * The list view has the same habit as GtkMultiSelection: when the rows it
 * shows are replaced, it looks for them among all the new items, reading
 * every page.  So a change of the whole list is passed on as two: all
 * items removed (while the selection reports itself empty), then all
 * added.  The view then starts afresh at the top; the page puts the
 * scroll position back where that is wanted.
 */
#define G_LOG_DOMAIN "mk-entry-selection"

#include "config.h"

#include <glib/gi18n.h>

#include "mk-entry-selection.h"

struct _MkEntrySelection
{
  GObject     parent_instance;

  GListModel *model;
  GtkBitset  *selected;
  gboolean    emptied;   /* between the two halves of a whole-list change */
};

static void list_model_iface_init (GListModelInterface *iface);
static void selection_model_iface_init (GtkSelectionModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MkEntrySelection, mk_entry_selection, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init)
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SELECTION_MODEL,
                                                      selection_model_iface_init))

static GType
get_item_type (GListModel *list)
{
  MkEntrySelection *self = MK_ENTRY_SELECTION (list);

  return g_list_model_get_item_type (self->model);
}

static guint
get_n_items (GListModel *list)
{
  MkEntrySelection *self = MK_ENTRY_SELECTION (list);

  return self->emptied ? 0 : g_list_model_get_n_items (self->model);
}

static gpointer
get_item (GListModel *list,
          guint       position)
{
  MkEntrySelection *self = MK_ENTRY_SELECTION (list);

  return self->emptied ? NULL : g_list_model_get_item (self->model, position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static gboolean
is_selected (GtkSelectionModel *model,
             guint              position)
{
  return gtk_bitset_contains (MK_ENTRY_SELECTION (model)->selected, position);
}

static GtkBitset *
get_selection_in_range (GtkSelectionModel *model,
                        guint              position,
                        guint              n_items)
{
  return gtk_bitset_ref (MK_ENTRY_SELECTION (model)->selected);
}

static gboolean
set_selection (GtkSelectionModel *model,
               GtkBitset         *selected,
               GtkBitset         *mask)
{
  MkEntrySelection *self = MK_ENTRY_SELECTION (model);
  g_autoptr(GtkBitset) changes = NULL;
  guint n_items = g_list_model_get_n_items (self->model);
  guint min;
  guint max;

  /* changes = (self->selected XOR selected) AND mask, limited to the items. */
  changes = gtk_bitset_copy (self->selected);
  gtk_bitset_difference (changes, selected);
  gtk_bitset_intersect (changes, mask);
  if (n_items < G_MAXUINT)
    gtk_bitset_remove_range_closed (changes, n_items, G_MAXUINT);
  if (gtk_bitset_is_empty (changes))
    return TRUE;

  min = gtk_bitset_get_minimum (changes);
  max = gtk_bitset_get_maximum (changes);
  gtk_bitset_difference (self->selected, changes);
  gtk_selection_model_selection_changed (model, min, max - min + 1);
  return TRUE;
}

static void
selection_model_iface_init (GtkSelectionModelInterface *iface)
{
  iface->is_selected = is_selected;
  iface->get_selection_in_range = get_selection_in_range;
  iface->set_selection = set_selection;
}

static void
items_changed_cb (GListModel       *model,
                  guint             position,
                  guint             removed,
                  guint             added,
                  MkEntrySelection *self)
{
  gtk_bitset_splice (self->selected, position, removed, added);
  if (position == 0 && removed > 0 && added > 0 &&
      added == g_list_model_get_n_items (self->model))
    {
      self->emptied = TRUE;
      g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);
      self->emptied = FALSE;
      g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, added);
      return;
    }
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
mk_entry_selection_dispose (GObject *object)
{
  MkEntrySelection *self = MK_ENTRY_SELECTION (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, items_changed_cb, self);
  g_clear_object (&self->model);
  g_clear_pointer (&self->selected, gtk_bitset_unref);

  G_OBJECT_CLASS (mk_entry_selection_parent_class)->dispose (object);
}

static void
mk_entry_selection_class_init (MkEntrySelectionClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = mk_entry_selection_dispose;
}

static void
mk_entry_selection_init (MkEntrySelection *self)
{
  self->selected = gtk_bitset_new_empty ();
}

/**
 * mk_entry_selection_new:
 * @model: the list to select from
 *
 * Returns: (transfer full): a selection over @model with nothing selected.
 */
MkEntrySelection *
mk_entry_selection_new (GListModel *model)
{
  MkEntrySelection *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);

  self = g_object_new (MK_TYPE_ENTRY_SELECTION, NULL);
  self->model = g_object_ref (model);
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), self);
  return self;
}

/**
 * mk_entry_selection_get_model:
 * @self: a selection
 *
 * Returns: (transfer none): the list it selects from.
 */
GListModel *
mk_entry_selection_get_model (MkEntrySelection *self)
{
  g_return_val_if_fail (MK_IS_ENTRY_SELECTION (self), NULL);

  return self->model;
}

/**
 * mk_entry_selection_get_n_selected:
 * @self: a selection
 *
 * Returns: how many items are selected.
 */
guint
mk_entry_selection_get_n_selected (MkEntrySelection *self)
{
  g_return_val_if_fail (MK_IS_ENTRY_SELECTION (self), 0);

  return (guint) gtk_bitset_get_size (self->selected);
}

/**
 * mk_entry_selection_get_selected:
 * @self: a selection
 * @max: the most items to hand out
 * @error: return location for a #GError
 *
 * Reads the selected items from the model, in list order.
 *
 * Returns: (transfer full) (element-type GObject) (nullable): the items,
 *   or %NULL with @error set when more than @max are selected.
 */
GPtrArray *
mk_entry_selection_get_selected (MkEntrySelection *self,
                                 guint             max,
                                 GError          **error)
{
  GPtrArray *items;
  GtkBitsetIter iter;
  guint position;

  g_return_val_if_fail (MK_IS_ENTRY_SELECTION (self), NULL);

  if (gtk_bitset_get_size (self->selected) > max)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   /* Translators: %d is a number such as 10000. */
                   _("At most %d entries can be changed at once. Narrow the list with the "
                     "filters, or select fewer rows."), (int) max);
      return NULL;
    }
  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (gboolean more = gtk_bitset_iter_init_first (&iter, self->selected, &position); more;
       more = gtk_bitset_iter_next (&iter, &position))
    {
      gpointer item = g_list_model_get_item (self->model, position);

      if (item != NULL)
        g_ptr_array_add (items, item);
    }
  return items;
}
