/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-categories-page.c — the Categories page of Preferences.
 *
 * Lists every category, archived ones too, in the user's order, each with
 * its colour, class, target band and number of aliases, and buttons that
 * move it up or down.  Activating a row opens the category's editor
 * (mk-category-editor) as a subpage.  A second group adds a category.
 *
 * The list follows the store: on every "changed" it is read again, so a
 * change made anywhere (the editor, an import, another window) shows here;
 * only the rows that show something else are made again (mk-list-fill),
 * so a commit elsewhere — an entry, another category's target — does not
 * rebuild the page.
 * The page only forwards the user's intent to core; core validates and its
 * messages are shown as they are.  A name core refuses (empty, taken) is
 * marked in its field with the message under it (mk_field_error_show()),
 * not in a dialog, until the name is changed.
 */
#define G_LOG_DOMAIN "mk-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "mk-categories-page.h"
#include "mk-category-editor.h"
#include "mk-color.h"
#include "mk-error-dialog.h"
#include "mk-field-error.h"
#include "mk-format.h"
#include "mk-label-models.h"
#include "mk-list-fill.h"
#include "mk-store-aliases.h"
#include "mk-store-order.h"

/* A new category gets the first of these colours (GNOME palette) that no
 * category has yet. */
static const char *palette[] = {
  "#e01b24", "#f6d32d", "#9141ac", "#2ec27e", "#1c71d8", "#ff7800", "#986a44", "#c061cb",
  "#26a269", "#e5a50a", "#613583", "#63452c",
};

struct _MkCategoriesPage
{
  AdwPreferencesPage  parent_instance;

  MkStore            *store;
  gulong              changed_id;
  GListStore         *categories;
  MkListFill         *fill;
  guint               n_categories;  /* in the list once filled */

  GtkListBox         *list_box;
  AdwEntryRow        *new_name_row;
  AdwComboRow        *new_kind_row;
  GtkColorButton     *new_color_button;
};

G_DEFINE_FINAL_TYPE (MkCategoriesPage, mk_categories_page, ADW_TYPE_PREFERENCES_PAGE)

/* One line about @category: its class, target band, number of aliases and
 * whether it is archived. */
static char *
category_describe (MkStore    *store,
                      MkCategory *category)
{
  GString *text = g_string_new (mk_category_kind_label (mk_category_get_kind (category)));
  g_autofree char *target = mk_format_target (mk_category_get_target_min (category),
                                              mk_category_get_target_max (category));
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) aliases = mk_store_list_aliases (store, mk_category_get_id (category), &error);
  guint n_aliases = aliases != NULL ? g_strv_length (aliases) : 0;

  g_string_append (text, " · ");
  g_string_append (text, target != NULL ? target : _("no target"));

  g_string_append (text, " · ");
  g_string_append_printf (text, ngettext ("%u alias", "%u aliases", n_aliases), n_aliases);

  if (mk_category_get_archived (category))
    {
      g_string_append (text, " · ");
      g_string_append (text, _("archived"));
    }
  return g_string_free (text, FALSE);
}

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  const char *color = g_object_get_data (G_OBJECT (area), "color");
  GdkRGBA rgba;
  double size = MIN (width, height);

  mk_color_parse (color, &rgba);
  gdk_cairo_set_source_rgba (cr, &rgba);
  cairo_arc (cr, width / 2.0, height / 2.0, size / 2.0, 0, 2 * G_PI);
  cairo_fill (cr);
}

/* A small round dot in @color ("#rrggbb"). */
static GtkWidget *
category_swatch_new (const char *color)
{
  GtkWidget *area = gtk_drawing_area_new ();

  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (area), 14);
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 14);
  gtk_widget_set_valign (area, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (area), "color", g_strdup (color), g_free);
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_swatch, NULL, NULL);
  return area;
}

/* Everything the row of the category at @position of @n shows: two
 * categories with the same signature get the same row. */
static char *
category_signature (MkStore    *store,
                    MkCategory *category,
                    guint       position,
                    guint       n)
{
  g_autofree char *description = category_describe (store, category);

  return g_strdup_printf ("%" G_GINT64_FORMAT "\x1f%s\x1f%s\x1f%s\x1f%s\x1f%d\x1f%d\x1f%d",
                          mk_category_get_id (category), mk_category_get_key (category),
                          mk_category_get_name (category), mk_category_get_color (category),
                          description, mk_category_get_archived (category), position > 0,
                          position + 1 < n);
}

static void
reload (MkCategoriesPage *self)
{
  g_autoptr(GListModel) all = mk_store_list_categories (self->store, TRUE);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) signatures = g_ptr_array_new_with_free_func (g_free);
  guint n = g_list_model_get_n_items (all);

  for (guint i = 0; i < n; i++)
    {
      MkCategory *category = g_list_model_get_item (all, i);

      g_ptr_array_add (items, category);
      g_ptr_array_add (signatures, category_signature (self->store, category, i, n));
    }
  self->n_categories = n;
  mk_list_fill_set (self->fill, items, signatures);
}

static void
store_changed_cb (MkCategoriesPage *self)
{
  reload (self);
}

static void
focus_move_button (MkCategoriesPage *self,
                   gint64            id,
                   int               delta)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->categories));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MkCategory) category = g_list_model_get_item (G_LIST_MODEL (self->categories), i);
      GtkListBoxRow *row;
      GtkWidget *up;
      GtkWidget *down;

      if (mk_category_get_id (category) != id)
        continue;
      row = gtk_list_box_get_row_at_index (self->list_box, (int) i);
      up = g_object_get_data (G_OBJECT (row), "move-up");
      down = g_object_get_data (G_OBJECT (row), "move-down");
      if (delta < 0)
        gtk_widget_grab_focus (gtk_widget_get_sensitive (up) ? up : down);
      else
        gtk_widget_grab_focus (gtk_widget_get_sensitive (down) ? down : up);
      return;
    }
}

static void
move_clicked_cb (GtkButton        *button,
                 MkCategoriesPage *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (button), "category-id");
  int delta = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "delta"));
  g_autoptr(GError) error = NULL;

  if (!mk_store_move_category (self->store, id, delta, &error))
    {
      mk_show_error (GTK_WIDGET (self), _("The Category Was Not Moved"), error);
      return;
    }
  /* The list was rebuilt; keep the keyboard on the category that moved. */
  focus_move_button (self, id, delta);
}

static GtkWidget *
move_button_new (MkCategoriesPage *self,
                 MkCategory       *category,
                 int               delta,
                 gboolean          sensitive)
{
  GtkWidget *button = gtk_button_new_from_icon_name (delta < 0 ? "go-up-symbolic"
                                                               : "go-down-symbolic");
  gint64 id = mk_category_get_id (category);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_sensitive (button, sensitive);
  gtk_widget_set_name (button, delta < 0 ? "move-up" : "move-down");
  /* Set while hidden: on a visible widget GTK 4.8 asks the X server where
   * the pointer is at every tooltip set. */
  gtk_widget_set_visible (button, FALSE);
  gtk_widget_set_tooltip_text (button, delta < 0 ? _("Move Up") : _("Move Down"));
  gtk_widget_set_visible (button, TRUE);
  g_object_set_data_full (G_OBJECT (button), "category-id", g_memdup2 (&id, sizeof id), g_free);
  g_object_set_data (G_OBJECT (button), "delta", GINT_TO_POINTER (delta));
  g_signal_connect (button, "clicked", G_CALLBACK (move_clicked_cb), self);
  return button;
}

static void
row_activated_cb (AdwActionRow     *row,
                  MkCategoriesPage *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (row), "category-id");

  mk_categories_page_edit_category (self, id);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  MkCategoriesPage *self = user_data;
  MkCategory *category = item;
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = category_describe (self->store, category);
  g_autofree char *name = g_strdup_printf ("category-%s", mk_category_get_key (category));
  guint position = 0;
  /* A row is made at the place it keeps once the list is filled. */
  guint n = self->n_categories;
  gint64 id = mk_category_get_id (category);
  GtkWidget *up;
  GtkWidget *down;

  g_list_store_find (self->categories, category, &position);

  gtk_widget_set_name (row, name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), mk_category_get_name (category));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                             category_swatch_new (mk_category_get_color (category)));
  up = move_button_new (self, category, -1, position > 0);
  down = move_button_new (self, category, +1, position + 1 < n);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), up);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), down);
  g_object_set_data (G_OBJECT (row), "move-up", up);
  g_object_set_data (G_OBJECT (row), "move-down", down);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  if (mk_category_get_archived (category))
    gtk_widget_add_css_class (row, "dim-label");

  g_object_set_data_full (G_OBJECT (row), "category-id", g_memdup2 (&id, sizeof id), g_free);
  g_signal_connect (row, "activated", G_CALLBACK (row_activated_cb), self);
  return row;
}

/* A stable key from the name: Latin letters and digits kept, the rest "_";
 * a name with none (Cyrillic) becomes "custom".  A number is added until
 * the key is free. */
static char *
key_for_name (MkStore    *store,
              const char *name)
{
  g_autofree char *ascii = g_str_to_ascii (name, "C");
  g_autoptr(GString) key = g_string_new (NULL);
  g_autofree char *base = NULL;
  char *candidate;

  for (const char *p = ascii; *p && key->len < 24; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (key, g_ascii_tolower (*p));
      else if (key->len > 0 && key->str[key->len - 1] != '_')
        g_string_append_c (key, '_');
    }
  while (key->len > 0 && key->str[key->len - 1] == '_')
    g_string_truncate (key, key->len - 1);
  if (key->len == 0 || g_ascii_isdigit (key->str[0]))
    g_string_prepend (key, key->len ? "custom_" : "custom");

  base = g_strdup (key->str);
  candidate = g_strdup (base);
  for (guint i = 2; mk_store_get_category_by_key (store, candidate) != NULL; i++)
    {
      g_free (candidate);
      candidate = g_strdup_printf ("%s_%u", base, i);
    }
  return candidate;
}

static void
pick_next_colour (MkCategoriesPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->categories));
  const char *color = palette[n % G_N_ELEMENTS (palette)];
  GdkRGBA rgba;

  for (guint i = 0; i < G_N_ELEMENTS (palette); i++)
    {
      gboolean used = FALSE;

      for (guint j = 0; j < n && !used; j++)
        {
          g_autoptr(MkCategory) category = g_list_model_get_item (G_LIST_MODEL (self->categories),
                                                                  j);

          used = g_ascii_strcasecmp (mk_category_get_color (category), palette[i]) == 0;
        }
      if (!used)
        {
          color = palette[i];
          break;
        }
    }
  mk_color_parse (color, &rgba);
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (self->new_color_button), &rgba);
}

static void
add_action_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  MkCategoriesPage *self = MK_CATEGORIES_PAGE (widget);
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->new_name_row));
  g_autoptr(GError) error = NULL;
  g_autoptr(MkCategory) category = NULL;
  g_autofree char *key = NULL;
  g_autofree char *color = NULL;
  g_autofree char *message = NULL;
  MkCategoryKind kind;
  GdkRGBA rgba;

  if (self->store == NULL)
    return;

  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (self->new_color_button), &rgba);
  color = g_strdup_printf ("#%02x%02x%02x", (int) (rgba.red * 255 + 0.5),
                           (int) (rgba.green * 255 + 0.5), (int) (rgba.blue * 255 + 0.5));
  key = key_for_name (self->store, name);
  kind = (MkCategoryKind) adw_combo_row_get_selected (self->new_kind_row);
  category = mk_store_add_category (self->store, key, name, color, kind, &error);
  if (category == NULL)
    {
      mk_field_error_show (GTK_WIDGET (self->new_name_row), error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->new_name_row));
      return;
    }

  mk_field_error_clear (GTK_WIDGET (self->new_name_row));
  gtk_editable_set_text (GTK_EDITABLE (self->new_name_row), "");
  pick_next_colour (self);
  message = g_strdup_printf (_("Added “%s”"), mk_category_get_name (category));
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (gtk_widget_get_root (widget)),
                                    adw_toast_new (message));
}

/* A refused name was about the text as it was. */
static void
new_name_changed_cb (MkCategoriesPage *self)
{
  mk_field_error_clear (GTK_WIDGET (self->new_name_row));
}

static void
new_name_activated_cb (MkCategoriesPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "categories.add", NULL);
}

/**
 * mk_categories_page_set_store:
 * @self: the page
 * @store: the database whose categories it shows
 */
void
mk_categories_page_set_store (MkCategoriesPage *self,
                              MkStore          *store)
{
  g_return_if_fail (MK_IS_CATEGORIES_PAGE (self));
  g_return_if_fail (MK_IS_STORE (store));

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_set_object (&self->store, store);
  self->changed_id = g_signal_connect_swapped (store, "changed",
                                               G_CALLBACK (store_changed_cb), self);
  reload (self);
  pick_next_colour (self);
}

/**
 * mk_categories_page_edit_category:
 * @self: the page
 * @category_id: the category to edit
 *
 * Opens the category's editor as a subpage of the preferences window.
 */
void
mk_categories_page_edit_category (MkCategoriesPage *self,
                                  gint64            category_id)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *editor;

  g_return_if_fail (MK_IS_CATEGORIES_PAGE (self));

  if (!ADW_IS_PREFERENCES_WINDOW (root) || mk_store_get_category (self->store, category_id) == NULL)
    return;
  editor = GTK_WIDGET (mk_category_editor_new (self->store, category_id));
  adw_preferences_window_present_subpage (ADW_PREFERENCES_WINDOW (root), editor);
}

static void
mk_categories_page_dispose (GObject *object)
{
  MkCategoriesPage *self = MK_CATEGORIES_PAGE (object);

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);
  g_clear_pointer (&self->fill, mk_list_fill_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), MK_TYPE_CATEGORIES_PAGE);

  G_OBJECT_CLASS (mk_categories_page_parent_class)->dispose (object);
}

static void
mk_categories_page_finalize (GObject *object)
{
  MkCategoriesPage *self = MK_CATEGORIES_PAGE (object);

  g_clear_object (&self->categories);

  G_OBJECT_CLASS (mk_categories_page_parent_class)->finalize (object);
}

static void
mk_categories_page_class_init (MkCategoriesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mk_categories_page_dispose;
  object_class->finalize = mk_categories_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/mk-categories-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MkCategoriesPage, list_box);
  gtk_widget_class_bind_template_child (widget_class, MkCategoriesPage, new_name_row);
  gtk_widget_class_bind_template_child (widget_class, MkCategoriesPage, new_kind_row);
  gtk_widget_class_bind_template_child (widget_class, MkCategoriesPage, new_color_button);
  gtk_widget_class_bind_template_callback (widget_class, new_name_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, new_name_changed_cb);
  gtk_widget_class_install_action (widget_class, "categories.add", NULL, add_action_cb);
}

static void
mk_categories_page_init (MkCategoriesPage *self)
{
  g_autoptr(GtkStringList) kinds = mk_category_kind_model_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  adw_combo_row_set_model (self->new_kind_row, G_LIST_MODEL (kinds));
  /* Most categories a team adds are admin-like chores. */
  adw_combo_row_set_selected (self->new_kind_row, MK_CATEGORY_KIND_NON_SELLING);

  self->categories = g_list_store_new (MK_TYPE_CATEGORY);
  self->fill = mk_list_fill_new (self->list_box, self->categories, create_row, NULL, self);
}
