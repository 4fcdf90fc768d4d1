/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-entry-editor.c — the pop-over that edits one entry.
 *
 * Minutes, category, task and start of one entry.  Save does not touch the
 * database: it activates "today.update-entry" with the entry's id and the
 * new values, so the page commits and offers undo.  A start that is not a
 * time of day is refused here, with core's message, and nothing is sent.
 * Rows create their editor only when it is first opened, so that a list
 * rebuilt after every change stays cheap.
 */
#define G_LOG_DOMAIN "mk-entry-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "mk-duration.h"
#include "mk-entry-editor.h"
#include "mk-format.h"

struct _MkEntryEditor
{
  GtkPopover     parent_instance;

  MkEntry       *entry;
  GListModel    *categories;

  GtkSpinButton *minutes_spin;
  GtkDropDown   *category_dropdown;
  GtkEntry      *task_entry;
  GtkEntry      *start_entry;
  GtkLabel      *error_label;
};

G_DEFINE_FINAL_TYPE (MkEntryEditor, mk_entry_editor, GTK_TYPE_POPOVER)

/**
 * mk_entry_editor_new:
 *
 * Returns: (transfer floating): an editor; give it an entry before showing it.
 */
GtkWidget *
mk_entry_editor_new (void)
{
  return g_object_new (MK_TYPE_ENTRY_EDITOR, NULL);
}

/**
 * mk_entry_editor_set_entry:
 * @self: an editor
 * @entry: the entry to edit
 * @categories: (nullable): the categories offered (MkCategory items)
 */
void
mk_entry_editor_set_entry (MkEntryEditor *self,
                           MkEntry       *entry,
                           GListModel    *categories)
{
  g_return_if_fail (MK_IS_ENTRY_EDITOR (self));
  g_return_if_fail (MK_IS_ENTRY (entry));

  g_set_object (&self->entry, entry);
  if (g_set_object (&self->categories, categories))
    gtk_drop_down_set_model (self->category_dropdown, categories);
}

static void
show_cb (MkEntryEditor *self)
{
  g_autofree char *start = NULL;
  const char *task;

  if (self->entry == NULL)
    return;

  task = mk_entry_get_task (self->entry);
  start = mk_entry_get_start (self->entry) >= 0
          ? mk_format_time (mk_entry_get_start (self->entry)) : g_strdup ("");
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
save_cb (MkEntryEditor *self)
{
  g_autoptr(GError) error = NULL;
  const char *start_text = gtk_editable_get_text (GTK_EDITABLE (self->start_entry));
  MkCategory *category = gtk_drop_down_get_selected_item (self->category_dropdown);
  int start;
  int minutes;

  if (self->entry == NULL)
    return;

  gtk_spin_button_update (self->minutes_spin);
  minutes = gtk_spin_button_get_value_as_int (self->minutes_spin);
  if (!mk_time_of_day_parse_start (start_text, &start, &error))
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  if (category == NULL)
    category = mk_entry_get_category (self->entry);

  gtk_popover_popdown (GTK_POPOVER (self));
  gtk_widget_activate_action (GTK_WIDGET (self), "today.update-entry", "(xiixs)",
                              mk_entry_get_id (self->entry), start, minutes,
                              mk_category_get_id (category),
                              gtk_editable_get_text (GTK_EDITABLE (self->task_entry)));
}

static void
mk_entry_editor_dispose (GObject *object)
{
  MkEntryEditor *self = MK_ENTRY_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MK_TYPE_ENTRY_EDITOR);
  g_clear_object (&self->entry);
  g_clear_object (&self->categories);

  G_OBJECT_CLASS (mk_entry_editor_parent_class)->dispose (object);
}

static void
mk_entry_editor_class_init (MkEntryEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mk_entry_editor_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/mk-entry-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, MkEntryEditor, minutes_spin);
  gtk_widget_class_bind_template_child (widget_class, MkEntryEditor, category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MkEntryEditor, task_entry);
  gtk_widget_class_bind_template_child (widget_class, MkEntryEditor, start_entry);
  gtk_widget_class_bind_template_child (widget_class, MkEntryEditor, error_label);
  gtk_widget_class_bind_template_callback (widget_class, show_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_cb);
}

static void
mk_entry_editor_init (MkEntryEditor *self)
{
  g_autoptr(GtkExpression) name = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  name = gtk_property_expression_new (MK_TYPE_CATEGORY, NULL, "name");
  gtk_drop_down_set_expression (self->category_dropdown, name);
}
