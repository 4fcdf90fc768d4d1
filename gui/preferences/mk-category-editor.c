/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-category-editor.c — one category's details, a subpage of Preferences.
 *
 * Name, class, colour, archived, the target band and the aliases of one
 * category.  Each change is written through core at once: the name when
 * it is applied (Enter or the apply button), the other fields when they
 * change.  A refused value (an empty or taken name, a band the wrong way
 * round, a word that cannot be an alias) stays in its field, marked, with
 * core's message under its group (mk_field_error_show()), never in a
 * dialog; it goes as soon as the value is changed or the store takes it.
 *
 * Invariant: while the fields are being filled from the database
 * (`syncing`), their change handlers write nothing, so showing a value never
 * writes it back.
 */
#define G_LOG_DOMAIN "mk-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "mk-category-editor.h"
#include "mk-color.h"
#include "mk-error-dialog.h"
#include "mk-field-error.h"
#include "mk-format.h"
#include "mk-label-models.h"
#include "mk-store-aliases.h"

struct _MkCategoryEditor
{
  GtkBox          parent_instance;

  MkStore        *store;
  gint64          category_id;
  gulong          changed_id;
  GtkStringList  *aliases;
  gboolean        syncing;

  AdwWindowTitle *window_title;
  AdwEntryRow    *name_row;
  AdwComboRow    *kind_row;
  GtkColorButton *color_button;
  GtkSwitch      *archived_switch;
  GtkSpinButton  *min_spin;
  GtkSpinButton  *max_spin;
  AdwEntryRow    *alias_row;
  GtkListBox     *alias_list;
};

G_DEFINE_FINAL_TYPE (MkCategoryEditor, mk_category_editor, GTK_TYPE_BOX)

static char *
color_to_string (GtkColorButton *button)
{
  GdkRGBA rgba;

  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (button), &rgba);
  return g_strdup_printf ("#%02x%02x%02x", (int) (rgba.red * 255 + 0.5),
                          (int) (rgba.green * 255 + 0.5), (int) (rgba.blue * 255 + 0.5));
}

/* Fills the fields from the database.  The name is filled only when asked,
 * so that a name being typed is not overwritten by another field's save. */
static void
sync_from_store (MkCategoryEditor *self,
                 gboolean          with_name)
{
  MkCategory *category = mk_store_get_category (self->store, self->category_id);
  g_auto(GStrv) aliases = NULL;
  g_autoptr(GError) error = NULL;
  GdkRGBA rgba;
  double lo;
  double hi;

  if (category == NULL)
    return;

  self->syncing = TRUE;
  adw_window_title_set_title (self->window_title, mk_category_get_name (category));
  adw_window_title_set_subtitle (self->window_title,
                                 mk_category_kind_label (mk_category_get_kind (category)));
  if (with_name)
    gtk_editable_set_text (GTK_EDITABLE (self->name_row), mk_category_get_name (category));
  adw_combo_row_set_selected (self->kind_row, mk_category_get_kind (category));
  mk_color_parse (mk_category_get_color (category), &rgba);
  gtk_color_chooser_set_rgba (GTK_COLOR_CHOOSER (self->color_button), &rgba);
  gtk_switch_set_active (self->archived_switch, mk_category_get_archived (category));
  lo = mk_category_get_target_min (category);
  hi = mk_category_get_target_max (category);
  gtk_spin_button_set_value (self->min_spin, lo < 0 ? 0 : lo * 100);
  gtk_spin_button_set_value (self->max_spin, hi < 0 ? 100 : hi * 100);
  /* The fields show what the store holds: a refusal of the band or the
   * other fields goes; the name's only when the name is filled in too. */
  mk_field_error_clear_group (GTK_WIDGET (self->min_spin));
  mk_field_error_clear (GTK_WIDGET (self->kind_row));
  if (with_name)
    mk_field_error_clear (GTK_WIDGET (self->name_row));

  aliases = mk_store_list_aliases (self->store, self->category_id, &error);
  if (aliases != NULL)
    gtk_string_list_splice (self->aliases, 0,
                            g_list_model_get_n_items (G_LIST_MODEL (self->aliases)),
                            (const char * const *) aliases);
  else
    g_warning ("%s", error->message);
  self->syncing = FALSE;
}

/* Writes every field, @name when it was applied.  A refusal is shown at
 * @row, the row of the value that was changed, which keeps that value. */
static gboolean
save (MkCategoryEditor *self,
      const char       *name,
      GtkWidget        *row)
{
  MkCategory *category = mk_store_get_category (self->store, self->category_id);
  g_autoptr(GError) error = NULL;
  g_autofree char *color = color_to_string (self->color_button);
  double lo = gtk_spin_button_get_value (self->min_spin) / 100.0;
  double hi = gtk_spin_button_get_value (self->max_spin) / 100.0;

  if (category == NULL)
    return FALSE;

  if (!mk_store_update_category (self->store, self->category_id,
                                 name ? name : mk_category_get_name (category), color,
                                 (MkCategoryKind) adw_combo_row_get_selected (self->kind_row),
                                 lo, hi, mk_category_get_sort_order (category),
                                 gtk_switch_get_active (self->archived_switch), &error))
    {
      mk_field_error_show (row, error->message);
      return FALSE;
    }
  mk_field_error_clear (row);
  return TRUE;
}

static void
field_changed_cb (MkCategoryEditor *self)
{
  if (self->syncing || self->store == NULL)
    return;
  save (self, NULL, GTK_WIDGET (self->kind_row));
}

/* "At least" or "at most": a band the wrong way round is shown at the bound
 * just moved, and goes once the band is right again. */
static void
band_changed_cb (GtkSpinButton    *spin,
                 MkCategoryEditor *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (spin), ADW_TYPE_PREFERENCES_ROW);

  if (self->syncing || self->store == NULL)
    return;
  if (save (self, NULL, row))
    mk_field_error_clear_group (row);
}

static void
name_apply_cb (MkCategoryEditor *self)
{
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));

  if (self->syncing || self->store == NULL)
    return;
  save (self, name, GTK_WIDGET (self->name_row));
}

/* A refused name or alias was about the text as it was. */
static void
text_changed_cb (AdwEntryRow      *row,
                 MkCategoryEditor *self)
{
  mk_field_error_clear (GTK_WIDGET (row));
}

static void
alias_apply_cb (MkCategoryEditor *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->alias_row));
  MkCategory *owner = mk_store_lookup_alias (self->store, text);
  g_autoptr(GError) error = NULL;

  if (!mk_store_add_alias (self->store, text, self->category_id, &error))
    {
      mk_field_error_show (GTK_WIDGET (self->alias_row), error->message);
      return;
    }
  mk_field_error_clear (GTK_WIDGET (self->alias_row));

  /* Re-pointing a word is allowed, but say so. */
  if (owner != NULL && mk_category_get_id (owner) != self->category_id)
    {
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("“%s” now means this category instead of %s"), text,
                                 mk_category_get_name (owner));
      adw_preferences_window_add_toast (
        ADW_PREFERENCES_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
        adw_toast_new (message));
    }
  gtk_editable_set_text (GTK_EDITABLE (self->alias_row), "");
}

static void
remove_alias_clicked_cb (GtkButton        *button,
                         MkCategoryEditor *self)
{
  const char *alias = g_object_get_data (G_OBJECT (button), "alias");
  g_autoptr(GError) error = NULL;

  if (!mk_store_remove_alias (self->store, alias, &error))
    mk_show_error (GTK_WIDGET (self), _("The Alias Was Not Removed"), error);
}

static GtkWidget *
create_alias_row (gpointer item,
                  gpointer user_data)
{
  MkCategoryEditor *self = user_data;
  const char *alias = gtk_string_object_get_string (item);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *name = g_strdup_printf ("alias-%s", alias);
  g_autofree char *tooltip = g_strdup_printf (_("Remove “%s”"), alias);

  gtk_widget_set_name (row, name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), alias);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  g_object_set_data_full (G_OBJECT (button), "alias", g_strdup (alias), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (remove_alias_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static void
store_changed_cb (MkCategoryEditor *self)
{
  sync_from_store (self, FALSE);
}

static void
back_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_close_subpage (ADW_PREFERENCES_WINDOW (root));
}

/**
 * mk_category_editor_new:
 * @store: the database
 * @category_id: the category to edit; it must exist
 *
 * Returns: (transfer floating): an editor for the category, to be shown
 *   with adw_preferences_window_present_subpage().
 */
MkCategoryEditor *
mk_category_editor_new (MkStore *store,
                        gint64   category_id)
{
  MkCategoryEditor *self;

  g_return_val_if_fail (MK_IS_STORE (store), NULL);

  self = g_object_new (MK_TYPE_CATEGORY_EDITOR, NULL);
  self->store = g_object_ref (store);
  self->category_id = category_id;
  self->changed_id = g_signal_connect_swapped (store, "changed",
                                               G_CALLBACK (store_changed_cb), self);
  sync_from_store (self, TRUE);
  return self;
}

static void
mk_category_editor_dispose (GObject *object)
{
  MkCategoryEditor *self = MK_CATEGORY_EDITOR (object);

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), MK_TYPE_CATEGORY_EDITOR);

  G_OBJECT_CLASS (mk_category_editor_parent_class)->dispose (object);
}

static void
mk_category_editor_finalize (GObject *object)
{
  MkCategoryEditor *self = MK_CATEGORY_EDITOR (object);

  g_clear_object (&self->aliases);

  G_OBJECT_CLASS (mk_category_editor_parent_class)->finalize (object);
}

static void
mk_category_editor_class_init (MkCategoryEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mk_category_editor_dispose;
  object_class->finalize = mk_category_editor_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/mk-category-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, MkCategoryEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, MkCategoryEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, MkCategoryEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, MkCategoryEditor, color_button);
  gtk_widget_class_bind_template_child (widget_class, MkCategoryEditor, archived_switch);
  gtk_widget_class_bind_template_child (widget_class, MkCategoryEditor, min_spin);
  gtk_widget_class_bind_template_child (widget_class, MkCategoryEditor, max_spin);
  gtk_widget_class_bind_template_child (widget_class, MkCategoryEditor, alias_row);
  gtk_widget_class_bind_template_child (widget_class, MkCategoryEditor, alias_list);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, band_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, text_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, name_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, alias_apply_cb);
  gtk_widget_class_install_action (widget_class, "editor.back", NULL, back_action_cb);
}

static void
mk_category_editor_init (MkCategoryEditor *self)
{
  g_autoptr(GtkStringList) kinds = mk_category_kind_model_new ();

  self->syncing = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  self->syncing = FALSE;

  self->aliases = gtk_string_list_new (NULL);
  gtk_list_box_bind_model (self->alias_list, G_LIST_MODEL (self->aliases), create_alias_row,
                           self, NULL);
}
