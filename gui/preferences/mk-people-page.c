/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-people-page.c — the People page of Preferences.
 *
 * Lists everyone in the database, archived people too, with their email,
 * level and team.  Activating a row opens the person's editor
 * (mk-person-editor) as a subpage, where the details are changed and a
 * duplicate is merged; "people.add" (Add Person…) opens the same editor
 * empty, for someone new.  The list is read again on every "changed" of the
 * store, so a person added shows at once; the page then focuses their row.
 * Only the rows whose person changed are made again (mk-list-fill): a
 * change elsewhere (a target, an entry) leaves the list as it is, and a
 * long list comes a few rows at a time while the page is shown, with a
 * spinner under it until it is whole, so that opening Preferences with two
 * hundred people keeps the window answering (docs/gui.md, "Nothing waits
 * on the main thread").
 * A long name is cut to one line with an ellipsis, the whole name in the
 * row's tooltip, so the rows never widen the window.
 */
#define G_LOG_DOMAIN "mk-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "mk-format.h"
#include "mk-list-fill.h"
#include "mk-people-page.h"
#include "mk-person-editor.h"

struct _MkPeoplePage
{
  AdwPreferencesPage  parent_instance;

  MkStore            *store;
  gulong              changed_id;
  GListStore         *people;
  MkListFill         *fill;

  GtkListBox         *list_box;
  AdwStatusPage      *empty_page;
  GtkSpinner         *fill_spinner;
};

G_DEFINE_FINAL_TYPE (MkPeoplePage, mk_people_page, ADW_TYPE_PREFERENCES_PAGE)

/* Everything a person's row shows: two people with the same signature
 * get the same row. */
static char *
person_signature (MkPerson *person)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT "\x1f%s\x1f%s\x1f%d\x1f%s\x1f%d",
                          mk_person_get_id (person), mk_person_get_name (person),
                          mk_person_get_email (person) ? mk_person_get_email (person) : "",
                          (int) mk_person_get_level (person),
                          mk_person_get_team (person) ? mk_person_get_team (person) : "",
                          mk_person_get_archived (person));
}

static void
reload (MkPeoplePage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) all = mk_store_list_people (self->store, TRUE, &error);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) signatures = g_ptr_array_new_with_free_func (g_free);

  if (all == NULL)
    {
      /* The list stays as it was. */
      g_warning ("%s", error->message);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      MkPerson *person = g_list_model_get_item (all, i);

      g_ptr_array_add (items, person);
      g_ptr_array_add (signatures, person_signature (person));
    }
  mk_list_fill_set (self->fill, items, signatures);
  gtk_widget_set_visible (GTK_WIDGET (self->list_box), items->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_page), items->len == 0);
}

static void
fill_busy_cb (gpointer data)
{
  MkPeoplePage *self = data;
  gboolean busy = mk_list_fill_get_busy (self->fill);

  gtk_widget_set_visible (GTK_WIDGET (self->fill_spinner), busy);
  gtk_spinner_set_spinning (self->fill_spinner, busy);
}

static void
store_changed_cb (MkPeoplePage *self)
{
  reload (self);
}

static void
row_activated_cb (AdwActionRow *row,
                  MkPeoplePage *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (row), "person-id");

  mk_people_page_edit_person (self, id);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  MkPeoplePage *self = user_data;
  MkPerson *person = item;
  GtkWidget *row = adw_action_row_new ();
  g_autoptr(GPtrArray) parts = g_ptr_array_new ();
  g_autofree char *subtitle = NULL;
  g_autofree char *name = NULL;
  gint64 id = mk_person_get_id (person);
  const char *email = mk_person_get_email (person);
  const char *team = mk_person_get_team (person);

  if (email != NULL && *email != '\0')
    g_ptr_array_add (parts, (gpointer) email);
  if (mk_person_get_level (person) != MK_LEVEL_NONE)
    g_ptr_array_add (parts, (gpointer) mk_level_label (mk_person_get_level (person)));
  if (team != NULL && *team != '\0')
    g_ptr_array_add (parts, (gpointer) team);
  if (mk_person_get_archived (person))
    g_ptr_array_add (parts, (gpointer) _("archived"));
  g_ptr_array_add (parts, NULL);
  subtitle = g_strjoinv (" · ", (char **) parts->pdata);

  name = g_strdup_printf ("person-%" G_GINT64_FORMAT, id);
  gtk_widget_set_name (row, name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), mk_person_get_name (person));
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
  /* Set while the row is hidden: on a visible widget GTK 4.8 asks the X
   * server where the pointer is at every tooltip set, a round trip a row. */
  gtk_widget_set_visible (row, FALSE);
  gtk_widget_set_tooltip_text (row, mk_person_get_name (person));
  gtk_widget_set_visible (row, TRUE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("avatar-default-symbolic"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  if (mk_person_get_archived (person))
    gtk_widget_add_css_class (row, "dim-label");

  g_object_set_data_full (G_OBJECT (row), "person-id", g_memdup2 (&id, sizeof id), g_free);
  g_signal_connect (row, "activated", G_CALLBACK (row_activated_cb), self);
  return row;
}

/**
 * mk_people_page_set_store:
 * @self: the page
 * @store: the database whose people it shows
 */
void
mk_people_page_set_store (MkPeoplePage *self,
                          MkStore      *store)
{
  g_return_if_fail (MK_IS_PEOPLE_PAGE (self));
  g_return_if_fail (MK_IS_STORE (store));

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_set_object (&self->store, store);
  self->changed_id = g_signal_connect_swapped (store, "changed",
                                               G_CALLBACK (store_changed_cb), self);
  reload (self);
}

/**
 * mk_people_page_get_busy:
 * @self: the page
 *
 * Returns: whether rows of the list are still to come (a spinner says so
 *   under it).
 */
gboolean
mk_people_page_get_busy (MkPeoplePage *self)
{
  g_return_val_if_fail (MK_IS_PEOPLE_PAGE (self), FALSE);
  return mk_list_fill_get_busy (self->fill);
}

/**
 * mk_people_page_edit_person:
 * @self: the page
 * @person_id: the person to edit
 *
 * Opens the person's editor as a subpage of the preferences window.
 */
void
mk_people_page_edit_person (MkPeoplePage *self,
                            gint64        person_id)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(MkPerson) person = NULL;

  g_return_if_fail (MK_IS_PEOPLE_PAGE (self));

  if (!ADW_IS_PREFERENCES_WINDOW (root))
    return;
  person = mk_store_get_person (self->store, person_id, NULL);
  if (person == NULL)
    return;
  adw_preferences_window_present_subpage (ADW_PREFERENCES_WINDOW (root),
                                          GTK_WIDGET (mk_person_editor_new (self->store,
                                                                            person_id)));
}

/* Shows the row of the person just added: the list was already read again
 * on the store's "changed". */
static void
person_added_cb (MkPersonEditor *editor,
                 gint64          person_id,
                 MkPeoplePage   *self)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list_box)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      gpointer id = g_object_get_data (G_OBJECT (row), "person-id");

      if (id != NULL && *(gint64 *) id == person_id)
        {
          gtk_widget_grab_focus (row);
          break;
        }
    }
}

static void
add_action_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  MkPeoplePage *self = MK_PEOPLE_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  MkPersonEditor *editor;

  if (!ADW_IS_PREFERENCES_WINDOW (root) || self->store == NULL)
    return;
  editor = mk_person_editor_new_for_adding (self->store);
  g_signal_connect_object (editor, "person-added", G_CALLBACK (person_added_cb), self, 0);
  adw_preferences_window_present_subpage (ADW_PREFERENCES_WINDOW (root), GTK_WIDGET (editor));
}

static void
mk_people_page_dispose (GObject *object)
{
  MkPeoplePage *self = MK_PEOPLE_PAGE (object);

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);
  g_clear_pointer (&self->fill, mk_list_fill_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), MK_TYPE_PEOPLE_PAGE);

  G_OBJECT_CLASS (mk_people_page_parent_class)->dispose (object);
}

static void
mk_people_page_finalize (GObject *object)
{
  MkPeoplePage *self = MK_PEOPLE_PAGE (object);

  g_clear_object (&self->people);

  G_OBJECT_CLASS (mk_people_page_parent_class)->finalize (object);
}

static void
mk_people_page_class_init (MkPeoplePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mk_people_page_dispose;
  object_class->finalize = mk_people_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/mk-people-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MkPeoplePage, list_box);
  gtk_widget_class_bind_template_child (widget_class, MkPeoplePage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, MkPeoplePage, fill_spinner);
  gtk_widget_class_install_action (widget_class, "people.add", NULL, add_action_cb);
}

static void
mk_people_page_init (MkPeoplePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->people = g_list_store_new (MK_TYPE_PERSON);
  self->fill = mk_list_fill_new (self->list_box, self->people, create_row,
                                G_CALLBACK (fill_busy_cb), self);
}
