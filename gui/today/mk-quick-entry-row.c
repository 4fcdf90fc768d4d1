/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-quick-entry-row.c — the Today page's one-line entry and the line under it.
 *
 * The entry, a category drop-down and a minutes field for the mouse, the
 * Add button, and the hint under them.  As the person types, core reads
 * the line (mk_quick_entry_parse, with the store's alias table) and the
 * hint says how it was understood, or why it cannot be; the drop-down's
 * category is the one used when the line names none, and the hint says
 * so.  This widget never writes: Enter emits "submit", the Add button
 * activates "today.add", and the page asks mk_quick_entry_row_read() for
 * the line, adds it, and calls mk_quick_entry_row_done().  A line that was
 * not added stays in the field.  On a narrow window the drop-down, the
 * minutes and Add go under the entry (an MkWrapBox).  The drop-down's button
 * ends a long category name in an ellipsis (about 20 characters at most,
 * five when the window is at its narrowest); its list wraps each name whole
 * and marks the chosen one (both factories are in the .ui).
 */
#define G_LOG_DOMAIN "mk-quick-entry-row"

#include "config.h"

#include <glib/gi18n.h>

#include "mk-error.h"
#include "mk-quick-entry-row.h"
#include "mk-wrap-box.h"

struct _MkQuickEntryRow
{
  GtkWidget      parent_instance;

  MkStore       *store;
  GListModel    *categories;

  GtkWidget     *box;
  GtkEntry      *quick_entry;
  GtkDropDown   *category_dropdown;
  GtkSpinButton *minutes_spin;
  GtkLabel      *hint_label;
};

G_DEFINE_FINAL_TYPE (MkQuickEntryRow, mk_quick_entry_row, GTK_TYPE_WIDGET)

enum {
  SUBMIT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static MkCategory *
lookup_alias_cb (const char *text,
                 gpointer    user_data)
{
  MkCategory *category = mk_store_lookup_alias (MK_STORE (user_data), text);

  return category != NULL ? g_object_ref (category) : NULL;
}

/**
 * mk_quick_entry_row_set_hint:
 * @self: the row
 * @text: (nullable): what to say under the entry
 * @is_error: whether it says why a line cannot be added
 */
void
mk_quick_entry_row_set_hint (MkQuickEntryRow *self,
                             const char      *text,
                             gboolean         is_error)
{
  g_return_if_fail (MK_IS_QUICK_ENTRY_ROW (self));

  gtk_label_set_text (self->hint_label, text != NULL ? text : "");
  if (is_error)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->hint_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->hint_label), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->hint_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->hint_label), "dim-label");
    }
}

static void
update_hint (MkQuickEntryRow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->quick_entry));
  g_autoptr(MkQuickEntry) parsed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;

  if (self->store == NULL)
    return;
  if (*text == '\0')
    {
      mk_quick_entry_row_set_hint (self, _("Type minutes, a category and what you did, then "
                                           "press Enter"), FALSE);
      return;
    }

  parsed = mk_quick_entry_parse (text, lookup_alias_cb, self->store, &error);
  if (parsed == NULL)
    {
      mk_quick_entry_row_set_hint (self, error->message, TRUE);
      return;
    }
  summary = mk_quick_entry_describe (parsed,
                                     gtk_drop_down_get_selected_item (self->category_dropdown));
  mk_quick_entry_row_set_hint (self, summary, FALSE);
}

static void
quick_entry_changed_cb (MkQuickEntryRow *self)
{
  update_hint (self);
}

static void
quick_entry_activate_cb (MkQuickEntryRow *self)
{
  g_signal_emit (self, signals[SUBMIT], 0);
}

/**
 * mk_quick_entry_row_set_store:
 * @self: the row
 * @store: (nullable): the store whose aliases name categories
 * @categories: (nullable): the categories of the drop-down
 */
void
mk_quick_entry_row_set_store (MkQuickEntryRow *self,
                              MkStore         *store,
                              GListModel      *categories)
{
  MkCategory *selected;
  gint64 selected_id;

  g_return_if_fail (MK_IS_QUICK_ENTRY_ROW (self));

  g_set_object (&self->store, store);
  /* A new list (a category added or renamed in Preferences) keeps the
   * chosen category chosen. */
  selected = gtk_drop_down_get_selected_item (self->category_dropdown);
  selected_id = selected != NULL ? mk_category_get_id (selected) : 0;
  if (g_set_object (&self->categories, categories))
    {
      gtk_drop_down_set_model (self->category_dropdown, categories);
      if (selected_id != 0)
        mk_quick_entry_row_select_category (self, selected_id);
    }
  update_hint (self);
}

/**
 * mk_quick_entry_row_read:
 * @self: the row, with a store
 * @use_fields: take the minutes from the minutes field when the line names
 *   none (the Add button); Enter does not
 * @category: (out) (transfer none): the category to log to: the line's, or
 *   the drop-down's when the line names none
 *
 * Reads the line.  When it cannot be added, the hint says why.
 *
 * Returns: (transfer full) (nullable): the line as understood, or %NULL.
 */
MkQuickEntry *
mk_quick_entry_row_read (MkQuickEntryRow  *self,
                         gboolean          use_fields,
                         MkCategory      **category)
{
  const char *line = gtk_editable_get_text (GTK_EDITABLE (self->quick_entry));
  g_autoptr(MkQuickEntry) parsed = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (MK_IS_QUICK_ENTRY_ROW (self), NULL);
  g_return_val_if_fail (self->store != NULL, NULL);

  parsed = mk_quick_entry_parse (line, lookup_alias_cb, self->store, &error);
  if (parsed == NULL && use_fields
      && (g_error_matches (error, MK_PARSE_ERROR, MK_PARSE_ERROR_NO_DURATION)
          || g_error_matches (error, MK_PARSE_ERROR, MK_PARSE_ERROR_EMPTY)))
    {
      g_clear_error (&error);
      parsed = mk_quick_entry_parse_task (line, lookup_alias_cb, self->store);
      gtk_spin_button_update (self->minutes_spin);
      parsed->minutes = gtk_spin_button_get_value_as_int (self->minutes_spin);
    }
  if (parsed == NULL)
    {
      mk_quick_entry_row_set_hint (self, error->message, TRUE);
      gtk_widget_error_bell (GTK_WIDGET (self->quick_entry));
      return NULL;
    }

  *category = parsed->category ? parsed->category
                               : gtk_drop_down_get_selected_item (self->category_dropdown);
  if (*category == NULL)
    {
      mk_quick_entry_row_set_hint (self, _("Choose a category for this entry"), TRUE);
      return NULL;
    }
  return g_steal_pointer (&parsed);
}

/**
 * mk_quick_entry_row_read_task:
 * @self: the row, with a store
 * @category: (out) (transfer none) (nullable): the line's category, else
 *   the drop-down's
 *
 * Reads the line as a timer does: a category and a task, any duration
 * ignored.
 *
 * Returns: (transfer full): the line as understood.
 */
MkQuickEntry *
mk_quick_entry_row_read_task (MkQuickEntryRow  *self,
                              MkCategory      **category)
{
  const char *line = gtk_editable_get_text (GTK_EDITABLE (self->quick_entry));
  MkQuickEntry *parsed;

  g_return_val_if_fail (MK_IS_QUICK_ENTRY_ROW (self), NULL);
  g_return_val_if_fail (self->store != NULL, NULL);

  parsed = mk_quick_entry_parse (line, lookup_alias_cb, self->store, NULL);
  if (parsed == NULL)
    parsed = mk_quick_entry_parse_task (line, lookup_alias_cb, self->store);
  *category = parsed->category ? parsed->category
                               : gtk_drop_down_get_selected_item (self->category_dropdown);
  return parsed;
}

/**
 * mk_quick_entry_row_done:
 * @self: the row
 * @summary: (nullable): what was added, for the hint
 *
 * Empties the line after it was added.
 */
void
mk_quick_entry_row_done (MkQuickEntryRow *self,
                         const char      *summary)
{
  g_autofree char *done = NULL;

  g_return_if_fail (MK_IS_QUICK_ENTRY_ROW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->quick_entry), "");
  if (summary != NULL)
    {
      /* Translators: shown under the entry after Enter, e.g. "Added: 30 min · Calls · Acme". */
      done = g_strdup_printf (_("Added: %s"), summary);
      mk_quick_entry_row_set_hint (self, done, FALSE);
    }
}

/**
 * mk_quick_entry_row_select_category:
 * @self: the row
 * @category_id: the category for lines that name none
 */
void
mk_quick_entry_row_select_category (MkQuickEntryRow *self,
                                    gint64           category_id)
{
  guint n;

  g_return_if_fail (MK_IS_QUICK_ENTRY_ROW (self));

  n = self->categories ? g_list_model_get_n_items (self->categories) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MkCategory) category = g_list_model_get_item (self->categories, i);

      if (mk_category_get_id (category) == category_id)
        {
          gtk_drop_down_set_selected (self->category_dropdown, i);
          return;
        }
    }
}

/**
 * mk_quick_entry_row_set_text:
 * @self: the row
 * @text: a line, as if typed
 */
void
mk_quick_entry_row_set_text (MkQuickEntryRow *self,
                             const char      *text)
{
  g_return_if_fail (MK_IS_QUICK_ENTRY_ROW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->quick_entry), text);
}

/**
 * mk_quick_entry_row_focus:
 * @self: the row
 *
 * Puts the keyboard focus in the line.
 */
void
mk_quick_entry_row_focus (MkQuickEntryRow *self)
{
  g_return_if_fail (MK_IS_QUICK_ENTRY_ROW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->quick_entry));
}

static void
mk_quick_entry_row_dispose (GObject *object)
{
  MkQuickEntryRow *self = MK_QUICK_ENTRY_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MK_TYPE_QUICK_ENTRY_ROW);
  g_clear_object (&self->store);
  g_clear_object (&self->categories);

  G_OBJECT_CLASS (mk_quick_entry_row_parent_class)->dispose (object);
}

static void
mk_quick_entry_row_class_init (MkQuickEntryRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mk_quick_entry_row_dispose;

  /**
   * MkQuickEntryRow::submit:
   *
   * Enter was pressed in the line.
   */
  signals[SUBMIT] = g_signal_new ("submit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (MK_TYPE_WRAP_BOX);
  g_type_ensure (MK_TYPE_CATEGORY);  /* the drop-down's factories look up its name */
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/mk-quick-entry-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MkQuickEntryRow, box);
  gtk_widget_class_bind_template_child (widget_class, MkQuickEntryRow, quick_entry);
  gtk_widget_class_bind_template_child (widget_class, MkQuickEntryRow, category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MkQuickEntryRow, minutes_spin);
  gtk_widget_class_bind_template_child (widget_class, MkQuickEntryRow, hint_label);
  gtk_widget_class_bind_template_callback (widget_class, quick_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, quick_entry_activate_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "mk-quick-entry-row");
}

static void
mk_quick_entry_row_init (MkQuickEntryRow *self)
{
  g_autoptr(GtkExpression) name = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  name = gtk_property_expression_new (MK_TYPE_CATEGORY, NULL, "name");
  gtk_drop_down_set_expression (self->category_dropdown, name);
  g_signal_connect_swapped (self->category_dropdown, "notify::selected",
                            G_CALLBACK (update_hint), self);
}
