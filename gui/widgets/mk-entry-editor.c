/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-entry-editor.c — the one editor of an entry, for Today and Entries.
 *
 * Day (a calendar), start, minutes, category and task of one entry, with
 * Cancel and Save in the header bar; the group's title names whose entry it
 * is.  Both pages open this dialog (Today from a row's pencil or Enter,
 * Entries from a row's Enter, a double click or Edit), so an entry has the
 * same fields and the same rules wherever it is changed.
 *
 * The editor writes nothing: Save checks what core can check without the
 * database (the start is read by mk_time_of_day_parse_start(): blank is no
 * start, "24:00" is an end and never a start) and emits "save"; the page
 * commits through its MkEntryHistory and closes the editor only when the
 * store said yes.  A refused change stays on screen with everything typed:
 * the page hands the store's message back with mk_entry_editor_show_error().
 *
 * Errors are inline (docs/ux.md, "Errors where they are made"): the row
 * concerned gets the "error" style and the message stands under the group.
 * A start that cannot be read clears itself as soon as the start is one
 * again; a message of the store's clears at the next change of any field,
 * since it was about the values that were there.  The person is not
 * editable here: an entry moves between people by merging them.
 */
#define G_LOG_DOMAIN "mk-entry-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "mk-format.h"
#include "mk-duration.h"
#include "mk-entry-editor.h"

struct _MkEntryEditor
{
  AdwWindow      parent_instance;

  MkEntry       *entry;
  GListModel    *categories;
  char          *day;
  char          *task;      /* the text handed out by get_input() */

  AdwPreferencesGroup *group;
  GtkMenuButton *day_button;
  GtkCalendar   *calendar;
  AdwEntryRow   *start_row;
  GtkSpinButton *minutes_spin;
  AdwComboRow   *category_row;
  AdwEntryRow   *task_row;
  GtkLabel      *error_label;
  GtkWidget     *error_row;   /* the row the shown error is about, or NULL */
};

G_DEFINE_FINAL_TYPE (MkEntryEditor, mk_entry_editor, ADW_TYPE_WINDOW)

enum {
  SIGNAL_SAVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
clear_error (MkEntryEditor *self)
{
  if (self->error_row != NULL)
    gtk_widget_remove_css_class (self->error_row, "error");
  self->error_row = NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

static void
set_error (MkEntryEditor *self,
           GtkWidget     *row,
           const char    *message)
{
  clear_error (self);
  self->error_row = row;
  if (row != NULL)
    gtk_widget_add_css_class (row, "error");
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

/* Any change of a field: a message of the store's was about the old values;
 * an unreadable start is cleared once the start reads. */
static void
field_changed_cb (MkEntryEditor *self)
{
  int start;

  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return;
  if (self->error_row == GTK_WIDGET (self->start_row) &&
      !mk_time_of_day_parse_start (gtk_editable_get_text (GTK_EDITABLE (self->start_row)),
                                   &start, NULL))
    return;
  clear_error (self);
}

/**
 * mk_entry_editor_show_error:
 * @self: an editor
 * @message: what went wrong and what to do (the store's message)
 *
 * Shows @message under the fields, as the page's answer to "save" when
 * the store refused the change; it goes at the next change of a field.
 */
void
mk_entry_editor_show_error (MkEntryEditor *self,
                            const char    *message)
{
  g_return_if_fail (MK_IS_ENTRY_EDITOR (self));
  g_return_if_fail (message != NULL);

  set_error (self, NULL, message);
}

static void
set_day (MkEntryEditor *self,
         const char      *day)
{
  g_autofree char *label = mk_day_format (day);
  g_autofree char *accessible = NULL;

  g_free (self->day);
  self->day = g_strdup (day);
  gtk_menu_button_set_label (self->day_button, label);
  /* Translators: how a screen reader reads the day button: "Day: Mon 23 Nov 2026". */
  accessible = g_strdup_printf (_("Day: %s"), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->day_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static void
calendar_day_selected_cb (MkEntryEditor *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->calendar);
  g_autofree char *day = mk_day_from_date_time (date);
  g_autoptr(GError) error = NULL;

  gtk_menu_button_popdown (self->day_button);
  if (!mk_day_check_has_come (day, &error))
    {
      /* The day stays what it was, and the calendar shows it again. */
      g_autoptr(GDateTime) shown = mk_day_to_date_time (self->day);

      g_signal_handlers_block_by_func (self->calendar, calendar_day_selected_cb, self);
      gtk_calendar_select_day (self->calendar, shown);
      g_signal_handlers_unblock_by_func (self->calendar, calendar_day_selected_cb, self);
      set_error (self, GTK_WIDGET (self->day_button), error->message);
      return;
    }
  set_day (self, day);
  field_changed_cb (self);
}

static void
select_category (MkEntryEditor *self,
                 gint64           id)
{
  guint n = g_list_model_get_n_items (self->categories);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MkCategory) category = g_list_model_get_item (self->categories, i);

      if (mk_category_get_id (category) == id)
        {
          adw_combo_row_set_selected (self->category_row, i);
          return;
        }
    }
}

/**
 * mk_entry_editor_set_values:
 * @self: an editor
 * @day: (nullable): a day as "YYYY-MM-DD", or %NULL to keep it
 * @start: (nullable): the start as typed ("9:30", "" for none), or %NULL to keep it
 * @minutes: minutes, or 0 to keep them
 * @category_id: a category, or 0 to keep it
 * @task: (nullable): the task, or %NULL to keep it
 *
 * Fills the fields as if the user had typed the values (a value that fixes
 * a shown error clears it).
 */
void
mk_entry_editor_set_values (MkEntryEditor *self,
                              const char      *day,
                              const char      *start,
                              int              minutes,
                              gint64           category_id,
                              const char      *task)
{
  g_return_if_fail (MK_IS_ENTRY_EDITOR (self));

  if (day != NULL)
    {
      g_autoptr(GDateTime) date = mk_day_to_date_time (day);

      set_day (self, day);
      if (date != NULL)
        {
          g_signal_handlers_block_by_func (self->calendar, calendar_day_selected_cb, self);
          gtk_calendar_select_day (self->calendar, date);
          g_signal_handlers_unblock_by_func (self->calendar, calendar_day_selected_cb, self);
        }
    }
  if (start != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->start_row), start);
  if (minutes > 0)
    gtk_spin_button_set_value (self->minutes_spin, minutes);
  if (category_id > 0)
    select_category (self, category_id);
  if (task != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->task_row), task);
}

/**
 * mk_entry_editor_get_entry:
 * @self: an editor
 *
 * Returns: (transfer none): the entry as it was when the editor opened.
 */
MkEntry *
mk_entry_editor_get_entry (MkEntryEditor *self)
{
  g_return_val_if_fail (MK_IS_ENTRY_EDITOR (self), NULL);

  return self->entry;
}

/**
 * mk_entry_editor_get_input:
 * @self: an editor
 * @input: (out caller-allocates): the entry as edited; its strings belong
 *   to the editor and stay valid until the next call or the editor's end
 * @error: return location for a #GError
 *
 * Reads the fields.  The person, source and import batch stay the entry's.
 *
 * Returns: %TRUE when the fields can be read (the store still validates);
 *   otherwise @error says which field is wrong (MK_PARSE_ERROR).
 */
gboolean
mk_entry_editor_get_input (MkEntryEditor *self,
                             MkEntryInput    *input,
                             GError         **error)
{
  MkCategory *category;
  int start;

  g_return_val_if_fail (MK_IS_ENTRY_EDITOR (self), FALSE);
  g_return_val_if_fail (input != NULL, FALSE);

  if (!mk_time_of_day_parse_start (gtk_editable_get_text (GTK_EDITABLE (self->start_row)), &start,
                                   error))
    return FALSE;

  mk_entry_to_input (self->entry, input);
  gtk_spin_button_update (self->minutes_spin);
  category = adw_combo_row_get_selected_item (self->category_row);
  g_free (self->task);
  self->task = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->task_row)));

  input->day = self->day;
  input->start = start;
  input->minutes = gtk_spin_button_get_value_as_int (self->minutes_spin);
  if (category != NULL)
    input->category_id = mk_category_get_id (category);
  input->task = self->task;
  return TRUE;
}

static void
save_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  MkEntryEditor *self = MK_ENTRY_EDITOR (widget);
  g_autoptr(GError) error = NULL;
  MkEntryInput input;

  if (!mk_entry_editor_get_input (self, &input, &error))
    {
      set_error (self, GTK_WIDGET (self->start_row), error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->start_row));
      return;
    }
  clear_error (self);
  g_signal_emit (self, signals[SIGNAL_SAVE], 0);
}

/* A spin button cannot activate the default widget in GTK 4.8; its text can. */
static void
minutes_activate_cb (MkEntryEditor *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "editor.save", NULL);
}

static void
mk_entry_editor_dispose (GObject *object)
{
  MkEntryEditor *self = MK_ENTRY_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MK_TYPE_ENTRY_EDITOR);
  g_clear_object (&self->entry);
  g_clear_object (&self->categories);
  g_clear_pointer (&self->day, g_free);
  g_clear_pointer (&self->task, g_free);

  G_OBJECT_CLASS (mk_entry_editor_parent_class)->dispose (object);
}

static void
mk_entry_editor_class_init (MkEntryEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mk_entry_editor_dispose;

  /**
   * MkEntryEditor::save:
   *
   * The user asked to save and the fields can be read: the handler commits
   * mk_entry_editor_get_input() and closes the editor when that worked.
   */
  signals[SIGNAL_SAVE] = g_signal_new ("save", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                       0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/mk-entry-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, MkEntryEditor, group);
  gtk_widget_class_bind_template_child (widget_class, MkEntryEditor, day_button);
  gtk_widget_class_bind_template_child (widget_class, MkEntryEditor, calendar);
  gtk_widget_class_bind_template_child (widget_class, MkEntryEditor, start_row);
  gtk_widget_class_bind_template_child (widget_class, MkEntryEditor, minutes_spin);
  gtk_widget_class_bind_template_child (widget_class, MkEntryEditor, category_row);
  gtk_widget_class_bind_template_child (widget_class, MkEntryEditor, task_row);
  gtk_widget_class_bind_template_child (widget_class, MkEntryEditor, error_label);
  gtk_widget_class_bind_template_callback (widget_class, calendar_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
mk_entry_editor_init (MkEntryEditor *self)
{
  g_autoptr(GtkExpression) name = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  name = gtk_property_expression_new (MK_TYPE_CATEGORY, NULL, "name");
  adw_combo_row_set_expression (self->category_row, name);
  g_signal_connect_swapped (gtk_editable_get_delegate (GTK_EDITABLE (self->minutes_spin)),
                            "activate", G_CALLBACK (minutes_activate_cb), self);
  g_signal_connect_swapped (self->minutes_spin, "value-changed", G_CALLBACK (field_changed_cb),
                            self);
}

/**
 * mk_entry_editor_new:
 * @parent: the window it belongs to
 * @entry: the entry to change
 * @categories: the categories to offer (MkCategory items)
 *
 * Returns: (transfer none): a new editor filled from @entry, not yet
 *   shown; it is destroyed when closed.
 */
MkEntryEditor *
mk_entry_editor_new (GtkWindow  *parent,
                       MkEntry    *entry,
                       GListModel *categories)
{
  MkEntryEditor *self;
  g_autofree char *start = NULL;
  g_autofree char *title = NULL;

  g_return_val_if_fail (MK_IS_ENTRY (entry), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (categories), NULL);

  self = g_object_new (MK_TYPE_ENTRY_EDITOR, "transient-for", parent,
                       "destroy-with-parent", TRUE, NULL);
  self->entry = g_object_ref (entry);
  self->categories = g_object_ref (categories);
  adw_combo_row_set_model (self->category_row, categories);

  /* Translators: the editor's group title: whose entry it is. */
  title = g_strdup_printf (_("Entry of %s"), mk_entry_get_person_name (entry));
  adw_preferences_group_set_title (self->group, title);

  start = mk_entry_get_start (entry) >= 0 ? mk_format_time (mk_entry_get_start (entry))
                                          : g_strdup ("");
  mk_entry_editor_set_values (self, mk_entry_get_day (entry), start,
                                mk_entry_get_minutes (entry),
                                mk_category_get_id (mk_entry_get_category (entry)),
                                mk_entry_get_task (entry) ? mk_entry_get_task (entry) : "");
  return self;
}
