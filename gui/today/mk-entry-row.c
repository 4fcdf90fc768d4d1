/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-entry-row.c — one entry in the Today page's list, with its editor.
 *
 * Shows start, minutes, the category's colour and name, and the task.  The
 * pencil (and Enter on the row) activates the page's "today.edit-entry"
 * with the entry's id: the page opens the one entry editor the Entries
 * page opens too (gui/widgets/mk-entry-editor.c).  The trash button
 * activates "today.delete-entry".  Neither touches the database, so the
 * page commits, refreshes and offers undo in one place.
 * Rows are recycled by the list view: everything shown comes from the
 * entry set last.  When the list is too narrow for one line, the task and
 * the buttons go on a second line (an MkWrapBox).
 */
#define G_LOG_DOMAIN "mk-entry-row"

#include "config.h"

#include <glib/gi18n.h>

#include "mk-color.h"
#include "mk-entry-row.h"
#include "mk-format.h"
#include "mk-wrap-box.h"

struct _MkEntryRow
{
  GtkWidget       parent_instance;

  MkEntry        *entry;

  GtkWidget      *box;
  GtkLabel       *start_label;
  GtkLabel       *minutes_label;
  GtkDrawingArea *dot;
  GtkLabel       *category_label;
  GtkLabel       *task_label;
  GtkButton      *edit_button;
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
  mk_color_parse (category != NULL ? mk_category_get_color (category) : NULL, &color);

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
          ? mk_format_time (mk_entry_get_start (entry)) : g_strdup ("");
  minutes = mk_format_minutes (mk_entry_get_minutes (entry));

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
 * mk_entry_row_edit:
 * @self: a row
 *
 * Asks the page to open the entry's editor ("today.edit-entry").
 */
void
mk_entry_row_edit (MkEntryRow *self)
{
  g_return_if_fail (MK_IS_ENTRY_ROW (self));

  if (self->entry == NULL)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "today.edit-entry", "x",
                              mk_entry_get_id (self->entry));
}

static void
edit_clicked_cb (MkEntryRow *self)
{
  mk_entry_row_edit (self);
}

static void
mk_entry_row_dispose (GObject *object)
{
  MkEntryRow *self = MK_ENTRY_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MK_TYPE_ENTRY_ROW);
  g_clear_object (&self->entry);

  G_OBJECT_CLASS (mk_entry_row_parent_class)->dispose (object);
}

static void
mk_entry_row_class_init (MkEntryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mk_entry_row_dispose;

  g_type_ensure (MK_TYPE_WRAP_BOX);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/mk-entry-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MkEntryRow, box);
  gtk_widget_class_bind_template_child (widget_class, MkEntryRow, start_label);
  gtk_widget_class_bind_template_child (widget_class, MkEntryRow, minutes_label);
  gtk_widget_class_bind_template_child (widget_class, MkEntryRow, dot);
  gtk_widget_class_bind_template_child (widget_class, MkEntryRow, category_label);
  gtk_widget_class_bind_template_child (widget_class, MkEntryRow, task_label);
  gtk_widget_class_bind_template_child (widget_class, MkEntryRow, edit_button);
  gtk_widget_class_bind_template_child (widget_class, MkEntryRow, delete_button);
  gtk_widget_class_bind_template_callback (widget_class, edit_clicked_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "mk-entry-row");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
mk_entry_row_init (MkEntryRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_drawing_area_set_draw_func (self->dot, draw_dot_cb, self, NULL);
}
