/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-day-list.c — the entries of one day, as a list with keyboard editing.
 *
 * A GtkListView of MkEntryRow over a GListStore that follows the source
 * model (the page's MkEntryList) with the smallest splice: entries whose id
 * and fields did not change keep their objects, so adding one entry builds
 * one row instead of the whole day again (the source replaces all its
 * items on every refresh).  Enter opens the selected row's editor, Delete
 * deletes it through "today.delete-entry"; the rows' own buttons do the
 * same with the mouse.
 */
#define G_LOG_DOMAIN "mk-day-list"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "mk-day-list.h"
#include "mk-entry-row.h"

struct _MkDayList
{
  GtkWidget           parent_instance;

  GListModel         *source;
  GListStore         *rows;
  GtkSingleSelection *selection;

  GtkWidget          *scrolled;
  GtkListView        *list_view;
};

G_DEFINE_FINAL_TYPE (MkDayList, mk_day_list, GTK_TYPE_WIDGET)

static gboolean
same_entry (MkEntry *a,
            MkEntry *b)
{
  return mk_entry_get_id (a) == mk_entry_get_id (b)
         && mk_entry_get_start (a) == mk_entry_get_start (b)
         && mk_entry_get_minutes (a) == mk_entry_get_minutes (b)
         && mk_category_get_id (mk_entry_get_category (a))
            == mk_category_get_id (mk_entry_get_category (b))
         && g_strcmp0 (mk_entry_get_task (a), mk_entry_get_task (b)) == 0
         && g_strcmp0 (mk_entry_get_day (a), mk_entry_get_day (b)) == 0;
}

/* Makes rows equal to source with one splice: the unchanged entries at
 * both ends keep their objects, so their rows are not rebuilt. */
static void
sync_rows (MkDayList *self)
{
  GListModel *old = G_LIST_MODEL (self->rows);
  g_autoptr(GPtrArray) fresh = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_old = g_list_model_get_n_items (old);
  guint n_new = self->source ? g_list_model_get_n_items (self->source) : 0;
  guint head = 0;
  guint tail = 0;

  for (guint i = 0; i < n_new; i++)
    g_ptr_array_add (fresh, g_list_model_get_item (self->source, i));

  while (head < MIN (n_old, n_new))
    {
      g_autoptr(MkEntry) a = g_list_model_get_item (old, head);

      if (!same_entry (a, g_ptr_array_index (fresh, head)))
        break;
      head++;
    }
  while (tail < MIN (n_old, n_new) - head)
    {
      g_autoptr(MkEntry) a = g_list_model_get_item (old, n_old - 1 - tail);

      if (!same_entry (a, g_ptr_array_index (fresh, n_new - 1 - tail)))
        break;
      tail++;
    }

  if (head + tail == n_old && n_old == n_new)
    return;
  g_list_store_splice (self->rows, head, n_old - head - tail,
                       fresh->pdata + head, n_new - head - tail);
}

/**
 * mk_day_list_set_source:
 * @self: a day list
 * @entries: (nullable): the entries to show (MkEntry items); followed as it changes
 */
void
mk_day_list_set_source (MkDayList  *self,
                        GListModel *entries)
{
  g_return_if_fail (MK_IS_DAY_LIST (self));
  g_return_if_fail (entries == NULL || G_IS_LIST_MODEL (entries));

  if (self->source != entries)
    {
      if (self->source != NULL)
        g_signal_handlers_disconnect_by_func (self->source, sync_rows, self);
      g_set_object (&self->source, entries);
      if (entries != NULL)
        g_signal_connect_object (entries, "items-changed", G_CALLBACK (sync_rows), self,
                                 G_CONNECT_SWAPPED);
    }
  sync_rows (self);
}

/**
 * mk_day_list_get_rows:
 * @self: a day list
 *
 * Returns: (transfer none): the entries shown, in order (MkEntry items).
 */
GListModel *
mk_day_list_get_rows (MkDayList *self)
{
  g_return_val_if_fail (MK_IS_DAY_LIST (self), NULL);

  return G_LIST_MODEL (self->rows);
}

static MkEntryRow *
find_row_for (GtkWidget *widget,
              MkEntry   *entry)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      MkEntryRow *row;

      if (MK_IS_ENTRY_ROW (child) && mk_entry_row_get_entry (MK_ENTRY_ROW (child)) == entry)
        return MK_ENTRY_ROW (child);
      if ((row = find_row_for (child, entry)) != NULL)
        return row;
    }
  return NULL;
}

static void
activate_cb (MkDayList *self,
             guint      position)
{
  g_autoptr(MkEntry) entry = g_list_model_get_item (G_LIST_MODEL (self->rows), position);
  MkEntryRow *row = entry ? find_row_for (GTK_WIDGET (self->list_view), entry) : NULL;

  if (row != NULL)
    mk_entry_row_edit (row);
}

static gboolean
key_pressed_cb (MkDayList       *self,
                guint            keyval,
                guint            keycode,
                GdkModifierType  state)
{
  MkEntry *entry;

  if (keyval != GDK_KEY_Delete && keyval != GDK_KEY_KP_Delete)
    return FALSE;
  entry = gtk_single_selection_get_selected_item (self->selection);
  if (entry == NULL)
    return FALSE;
  gtk_widget_activate_action (GTK_WIDGET (self), "today.delete-entry", "x",
                              mk_entry_get_id (entry));
  return TRUE;
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              MkDayList                *self)
{
  gtk_list_item_set_child (item, mk_entry_row_new ());
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             MkDayList                *self)
{
  MkEntryRow *row = MK_ENTRY_ROW (gtk_list_item_get_child (item));

  mk_entry_row_set_entry (row, gtk_list_item_get_item (item));
}

static void
mk_day_list_dispose (GObject *object)
{
  MkDayList *self = MK_DAY_LIST (object);

  if (self->source != NULL)
    g_signal_handlers_disconnect_by_func (self->source, sync_rows, self);
  g_clear_pointer (&self->scrolled, gtk_widget_unparent);
  g_clear_object (&self->selection);
  g_clear_object (&self->rows);
  g_clear_object (&self->source);

  G_OBJECT_CLASS (mk_day_list_parent_class)->dispose (object);
}

static void
mk_day_list_class_init (MkDayListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mk_day_list_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "mk-day-list");
}

static void
mk_day_list_init (MkDayList *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkWidget *clamp = adw_clamp_scrollable_new ();

  self->rows = g_list_store_new (MK_TYPE_ENTRY);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->rows)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_object_ref (self->selection);
  self->list_view = GTK_LIST_VIEW (gtk_list_view_new (GTK_SELECTION_MODEL (self->selection),
                                                      factory));
  gtk_widget_set_name (GTK_WIDGET (self->list_view), "list_view");
  gtk_widget_add_css_class (GTK_WIDGET (self->list_view), "card");
  gtk_widget_set_margin_start (GTK_WIDGET (self->list_view), 12);
  gtk_widget_set_margin_end (GTK_WIDGET (self->list_view), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->list_view), 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Entries of the day"), -1);
  g_signal_connect_swapped (self->list_view, "activate", G_CALLBACK (activate_cb), self);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->list_view), keys);

  adw_clamp_scrollable_set_maximum_size (ADW_CLAMP_SCROLLABLE (clamp), 900);
  adw_clamp_scrollable_set_tightening_threshold (ADW_CLAMP_SCROLLABLE (clamp), 600);
  adw_clamp_scrollable_set_child (ADW_CLAMP_SCROLLABLE (clamp), GTK_WIDGET (self->list_view));

  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), clamp);
  gtk_widget_set_parent (self->scrolled, GTK_WIDGET (self));
}
