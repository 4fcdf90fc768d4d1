/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-person-chooser.c — who is logging: pick a name or add yours.
 *
 * A button with the current person's name; its pop-over lists the people
 * in the store (archived ones left out) and has a field to add a new name.
 * Adding goes through mk_store_ensure_person(), so "anna petrova" typed on
 * one computer and "Anna Petrova" on another are the same person.  The
 * chooser only says who was chosen (the "person" property); the page
 * remembers it in GSettings.
 *
 * A long name never widens the window: the button cuts it with an ellipsis
 * (the whole name is in its tooltip) and the pop-over's list wraps it.
 *
 * Once the person picks or adds a name, the pop-over closes and "chosen"
 * is emitted, so that the page can put the focus where the next keys
 * belong (the quick entry) rather than leave it on this button, where
 * Enter would open the pop-over again.  With nobody to list, the pop-over
 * shows only "Add your name" and its field: the empty list takes no room.
 * Each opening reads the people again; when they are the ones listed last
 * time (same ids and names, in order), the rows made then stay.
 */
#define G_LOG_DOMAIN "mk-person-chooser"

#include "config.h"

#include <glib/gi18n.h>

#include "mk-person-chooser.h"

struct _MkPersonChooser
{
  GtkWidget      parent_instance;

  MkStore       *store;
  MkPerson      *person;

  GtkMenuButton *button;
  GtkLabel      *button_label;
  GtkPopover    *popover;
  GtkWidget     *list_scroller;
  GtkListBox    *list;
  GtkEntry      *name_entry;
  GtkLabel      *error_label;

  gboolean       chosen;  /* a name was picked or added; the pop-over is closing */
};

G_DEFINE_FINAL_TYPE (MkPersonChooser, mk_person_chooser, GTK_TYPE_WIDGET)

enum {
  CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_PERSON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * mk_person_chooser_new:
 *
 * Returns: (transfer floating): a chooser with nobody chosen.
 */
GtkWidget *
mk_person_chooser_new (void)
{
  return g_object_new (MK_TYPE_PERSON_CHOOSER, NULL);
}

/**
 * mk_person_chooser_set_store:
 * @self: a chooser
 * @store: the store to list and add people in
 */
void
mk_person_chooser_set_store (MkPersonChooser *self,
                             MkStore         *store)
{
  g_return_if_fail (MK_IS_PERSON_CHOOSER (self));

  g_set_object (&self->store, store);
}

/**
 * mk_person_chooser_get_person:
 * @self: a chooser
 *
 * Returns: (transfer none) (nullable): who is logging.
 */
MkPerson *
mk_person_chooser_get_person (MkPersonChooser *self)
{
  g_return_val_if_fail (MK_IS_PERSON_CHOOSER (self), NULL);

  return self->person;
}

/**
 * mk_person_chooser_set_person:
 * @self: a chooser
 * @person: (nullable): who is logging
 */
void
mk_person_chooser_set_person (MkPersonChooser *self,
                              MkPerson        *person)
{
  g_autofree char *tooltip = NULL;

  g_return_if_fail (MK_IS_PERSON_CHOOSER (self));

  if (self->person != NULL && person != NULL
      && mk_person_get_id (self->person) == mk_person_get_id (person))
    return;
  if (!g_set_object (&self->person, person))
    return;
  if (person != NULL)
    gtk_popover_popdown (self->popover);

  gtk_label_set_text (self->button_label,
                      person ? mk_person_get_name (person) : _("Who Is Logging?"));
  tooltip = person ? g_strdup_printf (_("Logging as %s — click to switch"),
                                      mk_person_get_name (person))
                   : g_strdup (_("Choose your name"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), tooltip);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERSON]);
}

/**
 * mk_person_chooser_add_name:
 * @self: a chooser with a store
 * @name: a person's name as typed
 * @error: return location for an error
 *
 * Finds or creates the person called @name and chooses them.
 *
 * Returns: %TRUE on success; fails with the store's error (an empty name,
 *   a database that cannot be written).
 */
gboolean
mk_person_chooser_add_name (MkPersonChooser *self,
                            const char      *name,
                            GError         **error)
{
  g_autoptr(MkPerson) person = NULL;

  g_return_val_if_fail (MK_IS_PERSON_CHOOSER (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  person = mk_store_ensure_person (self->store, name, NULL, error);
  if (person == NULL)
    return FALSE;
  mk_person_chooser_set_person (self, person);
  return TRUE;
}

/**
 * mk_person_chooser_popup:
 * @self: a chooser
 *
 * Opens the list of people.
 */
void
mk_person_chooser_popup (MkPersonChooser *self)
{
  g_return_if_fail (MK_IS_PERSON_CHOOSER (self));

  gtk_menu_button_popup (self->button);
}

/* Whether the list's rows are @people's, in order, with the same names. */
static gboolean
rows_match (MkPersonChooser *self,
            GListModel      *people)
{
  guint n = g_list_model_get_n_items (people);
  guint i = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list)); row != NULL;
       row = gtk_widget_get_next_sibling (row), i++)
    {
      g_autoptr(MkPerson) person = NULL;
      MkPerson *shown = g_object_get_data (G_OBJECT (row), "mk-person");

      if (i >= n || shown == NULL)
        return FALSE;
      person = g_list_model_get_item (people, i);
      if (mk_person_get_id (person) != mk_person_get_id (shown)
          || g_strcmp0 (mk_person_get_name (person), mk_person_get_name (shown)) != 0)
        return FALSE;
    }
  return i == n;
}

static void
popover_show_cb (MkPersonChooser *self)
{
  g_autoptr(GListModel) people = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  guint n;

  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), "");

  if (self->store == NULL)
    {
      while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
        gtk_list_box_remove (self->list, child);
      return;
    }
  people = mk_store_list_people (self->store, FALSE, &error);
  if (people == NULL)
    {
      while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
        gtk_list_box_remove (self->list, child);
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  n = g_list_model_get_n_items (people);
  /* The same people as the last time: the rows made then, already
   * measured, stay (two hundred made and laid out again took 13–25 ms). */
  if (n > 0 && rows_match (self, people))
    {
      gtk_list_box_unselect_all (self->list);
      gtk_widget_set_visible (self->list_scroller, TRUE);
      return;
    }
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MkPerson) person = g_list_model_get_item (people, i);
      GtkWidget *label = gtk_label_new (mk_person_get_name (person));
      GtkWidget *row = gtk_list_box_row_new ();

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
      gtk_widget_set_margin_start (label, 6);
      gtk_widget_set_margin_end (label, 6);
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      g_object_set_data_full (G_OBJECT (row), "mk-person", g_object_ref (person),
                              g_object_unref);
      gtk_list_box_append (self->list, row);
    }
  gtk_widget_set_visible (self->list_scroller, n > 0);
  if (n == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
}

static void
row_activated_cb (MkPersonChooser *self,
                  GtkListBoxRow   *row)
{
  self->chosen = TRUE;
  mk_person_chooser_set_person (self, g_object_get_data (G_OBJECT (row), "mk-person"));
  gtk_popover_popdown (self->popover);
}

/* After GTK has given the focus back to the button (the pop-over's closing
 * does), the page takes it where the person goes on typing. */
static void
popover_closed_cb (MkPersonChooser *self)
{
  if (!self->chosen)
    return;
  self->chosen = FALSE;
  g_signal_emit (self, signals[CHOSEN], 0);
}

static void
name_activate_cb (MkPersonChooser *self)
{
  g_autoptr(GError) error = NULL;
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_entry));

  if (self->store == NULL)
    return;
  self->chosen = TRUE;
  if (!mk_person_chooser_add_name (self, name, &error))
    {
      self->chosen = FALSE;
      gtk_widget_add_css_class (GTK_WIDGET (self->name_entry), "error");
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  gtk_popover_popdown (self->popover);
}

/* A refused name was about the text as it was: the mark and the message go
 * at the next key. */
static void
name_changed_cb (MkPersonChooser *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->name_entry), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

static void
mk_person_chooser_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MkPersonChooser *self = MK_PERSON_CHOOSER (object);

  switch (prop_id)
    {
    case PROP_PERSON:
      g_value_set_object (value, self->person);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mk_person_chooser_dispose (GObject *object)
{
  MkPersonChooser *self = MK_PERSON_CHOOSER (object);

  g_clear_pointer ((GtkWidget **) &self->button, gtk_widget_unparent);
  g_clear_object (&self->store);
  g_clear_object (&self->person);

  G_OBJECT_CLASS (mk_person_chooser_parent_class)->dispose (object);
}

static void
mk_person_chooser_class_init (MkPersonChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = mk_person_chooser_get_property;
  object_class->dispose = mk_person_chooser_dispose;

  properties[PROP_PERSON] =
    g_param_spec_object ("person", NULL, NULL, MK_TYPE_PERSON,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MkPersonChooser::chosen:
   *
   * The person picked or added a name in the pop-over, which has closed.
   */
  signals[CHOSEN] = g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "mk-person-chooser");
}

static void
mk_person_chooser_init (MkPersonChooser *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *heading = gtk_label_new (_("Add your name"));
  GtkWidget *button_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  /* The button's own label would not ellipsize in GTK 4.8, so the button
   * gets a label that does, and draws its arrow beside it. */
  self->button_label = GTK_LABEL (gtk_label_new (_("Who Is Logging?")));
  gtk_label_set_ellipsize (self->button_label, PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (self->button_label, 32);
  gtk_label_set_xalign (self->button_label, 0);
  gtk_widget_set_hexpand (GTK_WIDGET (self->button_label), TRUE);
  gtk_box_append (GTK_BOX (button_box), GTK_WIDGET (self->button_label));
  gtk_box_append (GTK_BOX (button_box), gtk_image_new_from_icon_name ("pan-down-symbolic"));

  gtk_widget_set_name (GTK_WIDGET (self->button_label), "person_label");

  self->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_widget_set_name (GTK_WIDGET (self->button), "person_button");
  gtk_menu_button_set_child (self->button, button_box);
  gtk_widget_set_parent (GTK_WIDGET (self->button), GTK_WIDGET (self));

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("People"), -1);
  g_signal_connect_swapped (self->list, "row-activated", G_CALLBACK (row_activated_cb), self);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 300);

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");

  self->name_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (self->name_entry, _("Your name, e.g. Anna Petrova"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->name_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("New person’s name"), -1);
  g_signal_connect_swapped (self->name_entry, "activate", G_CALLBACK (name_activate_cb), self);
  g_signal_connect_swapped (self->name_entry, "changed", G_CALLBACK (name_changed_cb), self);

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);

  self->list_scroller = scrolled;
  gtk_box_append (GTK_BOX (box), scrolled);
  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->name_entry));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->error_label));

  self->popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_child (self->popover, box);
  gtk_widget_set_size_request (box, 240, -1);
  g_signal_connect_swapped (self->popover, "show", G_CALLBACK (popover_show_cb), self);
  g_signal_connect_swapped (self->popover, "closed", G_CALLBACK (popover_closed_cb), self);
  gtk_menu_button_set_popover (self->button, GTK_WIDGET (self->popover));

  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), _("Choose your name"));
}
