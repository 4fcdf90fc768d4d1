/* mk-entry-row.c — one entry in the Today page's list, with its editor.
 *
 * Shows start, minutes, the category's colour and name, and the task.  The
 * pencil opens an editor in a popover (minutes, category, task, start);
 * Save and the trash button do not touch the database themselves: they
 * activate the page's actions "today.update-entry" and
 * "today.delete-entry" with the entry's id, so the page commits, refreshes
 * and offers undo in one place.  Rows are recycled by the list view:
 * everything shown comes from the entry set last.
 */
#define G_LOG_DOMAIN "mk-entry-row"

#include "config.h"

#include <glib/gi18n.h>

#include "mk-duration.h"
#include "mk-entry-row.h"
#include "mk-quick-entry.h"

struct _MkEntryRow
{
  GtkWidget       parent_instance;

  MkEntry        *entry;
  GListModel     *categories;

  GtkWidget      *box;
  GtkLabel       *start_label;
  GtkLabel       *minutes_label;
  GtkDrawingArea *dot;
  GtkLabel       *category_label;
  GtkLabel       *task_label;
  GtkMenuButton  *edit_button;
  GtkPopover     *edit_popover;
  GtkSpinButton  *minutes_spin;
  GtkDropDown    *category_dropdown;
  GtkEntry       *task_entry;
  GtkEntry       *start_entry;
  GtkLabel       *error_label;
  GtkButton      *delete_button;
};

G_DEFINE_FINAL_TYPE (MkEntryRow, mk_entry_row, GTK_TYPE_WIDGET)

/**
 * mk_entry_row_new:
 *
 * Returns: (transfer floating): an empty row.
 */
GtkWidget *
mk_entry_row_new (void)
{
  return g_object_new (MK_TYPE_ENTRY_ROW, NULL);
}

static void
draw_dot_cb (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  MkEntryRow *self = user_data;
  MkCategory *category;
  GdkRGBA color;

  if (self->entry == NULL)
    return;
  category = mk_entry_get_category (self->entry);
  if (category == NULL || !gdk_rgba_parse (&color, mk_category_get_color (category)))
    gdk_rgba_parse (&color, "#9a9996");

  gdk_cairo_set_source_rgba (cr, &color);
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0, 0, 2 * G_PI);
  cairo_fill (cr);
}

/**
 * mk_entry_row_set_entry:
 * @self: a row
 * @entry: (nullable): the entry to show
 */
void
mk_entry_row_set_entry (MkEntryRow *self,
                        MkEntry    *entry)
{
  g_autofree char *start = NULL;
  g_autofree char *minutes = NULL;
  g_autofree char *label = NULL;
  MkCategory *category;
  const char *task;

  g_return_if_fail (MK_IS_ENTRY_ROW (self));

  if (!g_set_object (&self->entry, entry) || entry == NULL)
    return;

  category = mk_entry_get_category (entry);
  task = mk_entry_get_task (entry) ? mk_entry_get_task (entry) : "";
  start = mk_entry_get_start (entry) >= 0
          ? mk_quick_entry_format_time (mk_entry_get_start (entry)) : g_strdup ("");
  minutes = mk_quick_entry_format_minutes (mk_entry_get_minutes (entry));

  gtk_label_set_text (self->start_label, start);
  gtk_label_set_text (self->minutes_label, minutes);
  gtk_label_set_text (self->category_label, category ? mk_category_get_name (category) : "");
  gtk_label_set_text (self->task_label, task);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->task_label), *task ? task : NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self->dot));

  /* The target first: the action takes an id and must never see none. */
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->delete_button),
                                          g_variant_new_int64 (mk_entry_get_id (entry)));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->delete_button), "today.delete-entry");

  /* What a screen reader says for the row: "9:15, 30 min, Calls, Acme intro". */
  {
    const char *parts[5] = { NULL };
    guint n = 0;

    if (*start != '\0')
      parts[n++] = start;
    parts[n++] = minutes;
    if (category != NULL)
      parts[n++] = mk_category_get_name (category);
    if (*task != '\0')
      parts[n++] = task;
    label = g_strjoinv (", ", (char **) parts);
  }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  label, -1);
}

/**
 * mk_entry_row_get_entry:
 * @self: a row
 *
 * Returns: (transfer none) (nullable): the entry shown.
 */
MkEntry *
mk_entry_row_get_entry (MkEntryRow *self)
{
  g_return_val_if_fail (MK_IS_ENTRY_ROW (self), NULL);

  return self->entry;
}

/**
 * mk_entry_row_set_categories:
 * @self: a row
 * @categories: (nullable): the categories the editor offers (MkCategory items)
 */
void
mk_entry_row_set_categories (MkEntryRow *self,
                             GListModel *categories)
{
  g_return_if_fail (MK_IS_ENTRY_ROW (self));

  if (g_set_object (&self->categories, categories))
    gtk_drop_down_set_model (self->category_dropdown, categories);
}

/**
 * mk_entry_row_edit:
 * @self: a row
 *
 * Opens the editor, with the focus on the minutes.
 */
void
mk_entry_row_edit (MkEntryRow *self)
{
  g_return_if_fail (MK_IS_ENTRY_ROW (self));

  gtk_menu_button_popup (self->edit_button);
}

static void
edit_popover_show_cb (MkEntryRow *self)
{
  g_autofree char *start = NULL;
  const char *task;

  if (self->entry == NULL)
    return;

  task = mk_entry_get_task (self->entry);
  start = mk_entry_get_start (self->entry) >= 0
          ? mk_quick_entry_format_time (mk_entry_get_start (self->entry)) : g_strdup ("");
  gtk_spin_button_set_value (self->minutes_spin, mk_entry_get_minutes (self->entry));
  gtk_editable_set_text (GTK_EDITABLE (self->task_entry), task ? task : "");
  gtk_editable_set_text (GTK_EDITABLE (self->start_entry), start);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);

  if (self->categories != NULL)
    {
      gint64 id = mk_category_get_id (mk_entry_get_category (self->entry));
      guint n = g_list_model_get_n_items (self->categories);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(MkCategory) category = g_list_model_get_item (self->categories, i);

          if (mk_category_get_id (category) == id)
            {
              gtk_drop_down_set_selected (self->category_dropdown, i);
              break;
            }
        }
    }
  gtk_widget_grab_focus (GTK_WIDGET (self->minutes_spin));
}

static void
save_cb (MkEntryRow *self)
{
  g_autoptr(GError) error = NULL;
  const char *start_text = gtk_editable_get_text (GTK_EDITABLE (self->start_entry));
  MkCategory *category = gtk_drop_down_get_selected_item (self->category_dropdown);
  int start = -1;
  int minutes;

  if (self->entry == NULL)
    return;

  gtk_spin_button_update (self->minutes_spin);
  minutes = gtk_spin_button_get_value_as_int (self->minutes_spin);
  if (*start_text != '\0' && !mk_time_of_day_parse (start_text, &start, &error))
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  if (start >= 24 * 60)
    start = 0;
  if (category == NULL)
    category = mk_entry_get_category (self->entry);

  gtk_popover_popdown (self->edit_popover);
  gtk_widget_activate_action (GTK_WIDGET (self), "today.update-entry", "(xiixs)",
                              mk_entry_get_id (self->entry), start, minutes,
                              mk_category_get_id (category),
                              gtk_editable_get_text (GTK_EDITABLE (self->task_entry)));
}

static void
mk_entry_row_dispose (GObject *object)
{
  MkEntryRow *self = MK_ENTRY_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MK_TYPE_ENTRY_ROW);
  g_clear_object (&self->entry);
  g_clear_object (&self->categories);

  G_OBJECT_CLASS (mk_entry_row_parent_class)->dispose (object);
}

static void
mk_entry_row_class_init (MkEntryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mk_entry_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/mk-entry-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MkEntryRow, box);
  gtk_widget_class_bind_template_child (widget_class, MkEntryRow, start_label);
  gtk_widget_class_bind_template_child (widget_class, MkEntryRow, minutes_label);
  gtk_widget_class_bind_template_child (widget_class, MkEntryRow, dot);
  gtk_widget_class_bind_template_child (widget_class, MkEntryRow, category_label);
  gtk_widget_class_bind_template_child (widget_class, MkEntryRow, task_label);
  gtk_widget_class_bind_template_child (widget_class, MkEntryRow, edit_button);
  gtk_widget_class_bind_template_child (widget_class, MkEntryRow, edit_popover);
  gtk_widget_class_bind_template_child (widget_class, MkEntryRow, minutes_spin);
  gtk_widget_class_bind_template_child (widget_class, MkEntryRow, category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MkEntryRow, task_entry);
  gtk_widget_class_bind_template_child (widget_class, MkEntryRow, start_entry);
  gtk_widget_class_bind_template_child (widget_class, MkEntryRow, error_label);
  gtk_widget_class_bind_template_child (widget_class, MkEntryRow, delete_button);
  gtk_widget_class_bind_template_callback (widget_class, edit_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "mk-entry-row");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
mk_entry_row_init (MkEntryRow *self)
{
  g_autoptr(GtkExpression) name = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  name = gtk_property_expression_new (MK_TYPE_CATEGORY, NULL, "name");
  gtk_drop_down_set_expression (self->category_dropdown, name);
  gtk_drawing_area_set_draw_func (self->dot, draw_dot_cb, self, NULL);
}
