/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-quick-entry-row.c — the Today page's one-line entry and the line under it.
 *
 * The entry, a category drop-down and a minutes field for the mouse, the
 * Add button, and the hint under them.  As the person types, core reads
 * the line (mk_quick_entry_parse, with the store's alias table) and the
 * hint says how it was understood, or why it cannot be.  A line that names
 * no category Minutka knows goes to Other — unless the person chose a
 * category in the drop-down for this line (`category_chosen`, set by the
 * person's choice only, cleared when the line is added), and the hint says
 * which.  Under the hint, the row can offer to teach Minutka a new word of
 * the line ("demo" → Calls): a label, a Remember button for the category
 * the entry went to, or a menu of categories when it went to Other, and a
 * close button; the page owns the word and the actions (today.teach-word,
 * today.dismiss-word).  This widget never writes: Enter emits "submit", the Add button
 * activates "today.add", and the page asks mk_quick_entry_row_read() for
 * the line, adds it, and calls mk_quick_entry_row_done().  A line that was
 * not added stays in the field.  On a narrow window the drop-down, the
 * minutes and Add go under the entry (an MkWrapBox).  The drop-down's button
 * is as wide whichever category is chosen, so the entry beside it never
 * moves: it asks for the width of the longest name of the list (20
 * characters at most, a longer one ends in an ellipsis) and can be given as
 * little as five characters when the window is at its narrowest
 * (button_setup_cb).  Its list wraps each name whole and marks the chosen
 * one (that factory is in the .ui).
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
  GtkRevealer   *teach_revealer;
  GtkLabel      *teach_label;
  GtkWidget     *teach_button;
  GtkMenuButton *teach_menu_button;

  gboolean       category_chosen;  /* the person chose the drop-down's for this line */
  gboolean       selecting;        /* the drop-down is being set, not chosen */
};

G_DEFINE_FINAL_TYPE (MkQuickEntryRow, mk_quick_entry_row, GTK_TYPE_WIDGET)

enum {
  SUBMIT,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void show_category (MkQuickEntryRow *self,
                           gint64           category_id);

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

/* The category of a line that names none: the one chosen for it, else Other. */
static MkCategory *
fallback_category (MkQuickEntryRow *self)
{
  if (self->category_chosen)
    return gtk_drop_down_get_selected_item (self->category_dropdown);
  return self->store != NULL ? mk_store_get_category_by_key (self->store, "other") : NULL;
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
  summary = mk_quick_entry_describe (parsed, fallback_category (self), self->category_chosen);
  mk_quick_entry_row_set_hint (self, summary, FALSE);
}

/* The person chose a category in the drop-down: it is this line's. */
static void
category_selected_cb (MkQuickEntryRow *self)
{
  if (!self->selecting)
    self->category_chosen = TRUE;
  update_hint (self);
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

/* The drop-down's button holds, in a stack as wide as its widest child, the
 * chosen name and, never shown, every name of the list one a line (the
 * factory's "mk-names").
 * Both labels end in an ellipsis: the button asks for the width of the
 * longest name (up to 20 characters) whichever is chosen, and can be
 * given five characters. */
static void
button_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 gpointer                  user_data)
{
  const char *names = g_object_get_data (G_OBJECT (factory), "mk-names");
  GtkWidget *stack = gtk_stack_new ();
  GtkWidget *labels[2];

  gtk_stack_set_hhomogeneous (GTK_STACK (stack), TRUE);
  gtk_stack_set_vhomogeneous (GTK_STACK (stack), FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      labels[i] = gtk_label_new (i == 1 ? names : NULL);
      gtk_label_set_xalign (GTK_LABEL (labels[i]), 0);
      gtk_label_set_ellipsize (GTK_LABEL (labels[i]), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (labels[i]), 5);
      gtk_label_set_max_width_chars (GTK_LABEL (labels[i]), 20);
      gtk_stack_add_child (GTK_STACK (stack), labels[i]);
    }
  gtk_stack_set_visible_child (GTK_STACK (stack), labels[0]);
  gtk_list_item_set_child (item, stack);
}

static void
button_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  MkCategory *category = gtk_list_item_get_item (item);
  GtkWidget *stack = gtk_list_item_get_child (item);

  gtk_label_set_text (GTK_LABEL (gtk_stack_get_visible_child (GTK_STACK (stack))),
                      category != NULL ? mk_category_get_name (category) : "");
}

static void
set_button_factory (MkQuickEntryRow *self)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GString) names = g_string_new (NULL);
  guint n = self->categories != NULL ? g_list_model_get_n_items (self->categories) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MkCategory) category = g_list_model_get_item (self->categories, i);

      if (i > 0)
        g_string_append_c (names, '\n');
      g_string_append (names, mk_category_get_name (category));
    }
  g_object_set_data_full (G_OBJECT (factory), "mk-names",
                          g_string_free (g_steal_pointer (&names), FALSE), g_free);
  g_signal_connect (factory, "setup", G_CALLBACK (button_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (button_bind_cb), NULL);
  gtk_drop_down_set_factory (self->category_dropdown, factory);
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
   * shown category shown, and chosen if it was. */
  selected = gtk_drop_down_get_selected_item (self->category_dropdown);
  selected_id = selected != NULL ? mk_category_get_id (selected) : 0;
  if (g_set_object (&self->categories, categories))
    {
      self->selecting = TRUE;
      set_button_factory (self);
      gtk_drop_down_set_model (self->category_dropdown, categories);
      self->selecting = FALSE;
      if (selected_id != 0)
        show_category (self, selected_id);
      else
        mk_quick_entry_row_reset_category (self);
    }
  update_hint (self);
}

/**
 * mk_quick_entry_row_read:
 * @self: the row, with a store
 * @use_fields: take the minutes from the minutes field when the line names
 *   none (the Add button); Enter does not
 * @category: (out) (transfer none): the category to log to: the line's;
 *   when it names none, the one chosen for it in the drop-down, else Other
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

  *category = parsed->category ? parsed->category : fallback_category (self);
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
 *   the one chosen for it in the drop-down, else Other
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
  *category = parsed->category ? parsed->category : fallback_category (self);
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
  /* The next line starts over: Other unless the person chooses again. */
  mk_quick_entry_row_reset_category (self);
  if (summary != NULL)
    {
      /* Translators: shown under the entry after Enter, e.g. "Added: 30 min · Calls · Acme". */
      done = g_strdup_printf (_("Added: %s"), summary);
      mk_quick_entry_row_set_hint (self, done, FALSE);
    }
}

static void
show_category (MkQuickEntryRow *self,
               gint64           category_id)
{
  guint n = self->categories ? g_list_model_get_n_items (self->categories) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MkCategory) category = g_list_model_get_item (self->categories, i);

      if (mk_category_get_id (category) == category_id)
        {
          self->selecting = TRUE;
          gtk_drop_down_set_selected (self->category_dropdown, i);
          self->selecting = FALSE;
          return;
        }
    }
}

/**
 * mk_quick_entry_row_select_category:
 * @self: the row
 * @category_id: the category for this line, as if the person chose it
 */
void
mk_quick_entry_row_select_category (MkQuickEntryRow *self,
                                    gint64           category_id)
{
  g_return_if_fail (MK_IS_QUICK_ENTRY_ROW (self));

  show_category (self, category_id);
  self->category_chosen = TRUE;
  update_hint (self);
}

/**
 * mk_quick_entry_row_reset_category:
 * @self: the row
 *
 * Shows Other in the drop-down, as nobody's choice: a line that names no
 * category goes there until the person chooses another for it.
 */
void
mk_quick_entry_row_reset_category (MkQuickEntryRow *self)
{
  MkCategory *other;

  g_return_if_fail (MK_IS_QUICK_ENTRY_ROW (self));

  other = self->store ? mk_store_get_category_by_key (self->store, "other") : NULL;
  if (other != NULL)
    show_category (self, mk_category_get_id (other));
  self->category_chosen = FALSE;
  update_hint (self);
}

/**
 * mk_quick_entry_row_refresh_hint:
 * @self: the row
 *
 * Says again how the line is understood, in place of what the hint said
 * after an add (when that entry is gone).
 */
void
mk_quick_entry_row_refresh_hint (MkQuickEntryRow *self)
{
  g_return_if_fail (MK_IS_QUICK_ENTRY_ROW (self));

  update_hint (self);
}

/**
 * mk_quick_entry_row_get_category_chosen:
 * @self: the row
 *
 * Returns: whether the person chose the drop-down's category for the line.
 */
gboolean
mk_quick_entry_row_get_category_chosen (MkQuickEntryRow *self)
{
  g_return_val_if_fail (MK_IS_QUICK_ENTRY_ROW (self), FALSE);

  return self->category_chosen;
}

/**
 * mk_quick_entry_row_offer_word:
 * @self: the row
 * @word: a word of the last entry that names no category
 * @category: (nullable): the category the entry went to by the person's
 *   choice, to remember @word for; %NULL when it went to Other, and the
 *   person picks one from a menu
 * @other: (nullable): Other, named in the offer when @category is %NULL
 *
 * Offers to teach Minutka @word, under the hint.  The offer's buttons
 * activate today.teach-word (x: a category id) and today.dismiss-word.
 */
void
mk_quick_entry_row_offer_word (MkQuickEntryRow *self,
                               const char      *word,
                               MkCategory      *category,
                               MkCategory      *other)
{
  g_autofree char *text = NULL;

  g_return_if_fail (MK_IS_QUICK_ENTRY_ROW (self));
  g_return_if_fail (word != NULL);

  if (category != NULL)
    {
      /* Translators: the offer after a line with a new word went where the
       * person chose, e.g. "“demo” is new to Minutka. File it under Calls
       * from now on?" */
      text = g_strdup_printf (_("“%s” is new to Minutka. File it under %s from now on?"),
                              word, mk_category_get_name (category));
      gtk_actionable_set_action_target (GTK_ACTIONABLE (self->teach_button), "x",
                                        mk_category_get_id (category));
    }
  else
    {
      GMenu *menu = g_menu_new ();
      guint n = self->categories ? g_list_model_get_n_items (self->categories) : 0;

      /* Translators: the offer after a line with a new word went to Other,
       * e.g. "“demo” is new to Minutka, so the entry went to Other. Which
       * category does it mean?" */
      text = g_strdup_printf (_("“%s” is new to Minutka, so the entry went to %s. Which "
                                "category does it mean?"),
                              word, other ? mk_category_get_name (other) : "");
      for (guint i = 0; i < n; i++)
        {
          g_autoptr(MkCategory) c = g_list_model_get_item (self->categories, i);
          g_autoptr(GMenuItem) item = NULL;

          if (other != NULL && mk_category_get_id (c) == mk_category_get_id (other))
            continue;
          item = g_menu_item_new (mk_category_get_name (c), NULL);
          g_menu_item_set_action_and_target (item, "today.teach-word", "x",
                                             mk_category_get_id (c));
          g_menu_append_item (menu, item);
        }
      gtk_menu_button_set_menu_model (self->teach_menu_button, G_MENU_MODEL (menu));
      g_object_unref (menu);
    }
  gtk_label_set_text (self->teach_label, text);
  gtk_widget_set_visible (self->teach_button, category != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->teach_menu_button), category == NULL);
  gtk_revealer_set_reveal_child (self->teach_revealer, TRUE);
}

/**
 * mk_quick_entry_row_hide_offer:
 * @self: the row
 */
void
mk_quick_entry_row_hide_offer (MkQuickEntryRow *self)
{
  g_return_if_fail (MK_IS_QUICK_ENTRY_ROW (self));

  gtk_revealer_set_reveal_child (self->teach_revealer, FALSE);
}

/**
 * mk_quick_entry_row_get_offer:
 * @self: the row
 *
 * Returns: (transfer none) (nullable): the offer's text while it is shown.
 */
const char *
mk_quick_entry_row_get_offer (MkQuickEntryRow *self)
{
  g_return_val_if_fail (MK_IS_QUICK_ENTRY_ROW (self), NULL);

  return gtk_revealer_get_reveal_child (self->teach_revealer)
         ? gtk_label_get_text (self->teach_label) : NULL;
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
  gtk_widget_class_bind_template_child (widget_class, MkQuickEntryRow, teach_revealer);
  gtk_widget_class_bind_template_child (widget_class, MkQuickEntryRow, teach_label);
  gtk_widget_class_bind_template_child (widget_class, MkQuickEntryRow, teach_button);
  gtk_widget_class_bind_template_child (widget_class, MkQuickEntryRow, teach_menu_button);
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
  set_button_factory (self);

  name = gtk_property_expression_new (MK_TYPE_CATEGORY, NULL, "name");
  gtk_drop_down_set_expression (self->category_dropdown, name);
  g_signal_connect_swapped (self->category_dropdown, "notify::selected",
                            G_CALLBACK (category_selected_cb), self);
}
