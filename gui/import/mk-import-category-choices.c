/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-import-category-choices.c — a Minutka category for each text of a file that has no alias.
 *
 * A group of drop-downs, one per category text the preview found no alias
 * for ("Презентации", "Lunch"), each offering "Other" and the categories.
 * The choices are kept by text, so they survive a new preview (another
 * column, another encoding), and are handed to the importer as "TEXT=KEY"
 * maps: it saves them as aliases inside the import's transaction, so a
 * cancelled import leaves no alias behind either.  "changed" is emitted
 * when the user picks something.
 */
#define G_LOG_DOMAIN "mk-import-category-choices"

#include "config.h"

#include <glib/gi18n.h>

#include "mk-format.h"
#include "mk-domain.h"
#include "mk-import-category-choices.h"
#include "mk-importer.h"

struct _MkImportCategoryChoices
{
  AdwPreferencesGroup  parent_instance;

  GListModel          *categories;  /* MkCategory */
  GtkStringList       *names;       /* "Other (leave unmapped)", then the categories */
  GHashTable          *choices;     /* text → category key */
  GPtrArray           *rows;        /* AdwComboRow, one per text shown */
  GPtrArray           *maps;        /* "TEXT=KEY", NULL-terminated */
};

G_DEFINE_FINAL_TYPE (MkImportCategoryChoices, mk_import_category_choices,
                     ADW_TYPE_PREFERENCES_GROUP)

enum { CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

static void
rebuild_maps (MkImportCategoryChoices *self)
{
  GHashTableIter iter;
  gpointer text, key;

  g_ptr_array_set_size (self->maps, 0);
  g_hash_table_iter_init (&iter, self->choices);
  while (g_hash_table_iter_next (&iter, &text, &key))
    g_ptr_array_add (self->maps, g_strdup_printf ("%s=%s", (char *) text, (char *) key));
  g_ptr_array_add (self->maps, NULL);
}

/* The position of @key in the drop-down: 0 for Other, else 1 + its index. */
static guint
position_of_key (MkImportCategoryChoices *self,
                 const char              *key)
{
  for (guint i = 0; key != NULL && i < g_list_model_get_n_items (self->categories); i++)
    {
      g_autoptr(MkCategory) category = g_list_model_get_item (self->categories, i);

      if (g_strcmp0 (mk_category_get_key (category), key) == 0)
        return i + 1;
    }
  return 0;
}

static void
selected_cb (AdwComboRow             *row,
             GParamSpec              *pspec,
             MkImportCategoryChoices *self)
{
  const char *text = g_object_get_data (G_OBJECT (row), "mk-text");
  guint selected = adw_combo_row_get_selected (row);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    g_hash_table_remove (self->choices, text);
  else
    {
      g_autoptr(MkCategory) category = g_list_model_get_item (self->categories, selected - 1);

      if (category == NULL)
        return;
      g_hash_table_insert (self->choices, g_strdup (text),
                           g_strdup (mk_category_get_key (category)));
    }
  rebuild_maps (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
mk_import_category_choices_finalize (GObject *object)
{
  MkImportCategoryChoices *self = MK_IMPORT_CATEGORY_CHOICES (object);

  g_clear_object (&self->categories);
  g_clear_object (&self->names);
  g_clear_pointer (&self->choices, g_hash_table_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->maps, g_ptr_array_unref);

  G_OBJECT_CLASS (mk_import_category_choices_parent_class)->finalize (object);
}

static void
mk_import_category_choices_class_init (MkImportCategoryChoicesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mk_import_category_choices_finalize;

  /**
   * MkImportCategoryChoices::changed:
   *
   * The user chose a category for a text (or went back to Other).
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
mk_import_category_choices_init (MkImportCategoryChoices *self)
{
  self->categories = G_LIST_MODEL (g_list_store_new (MK_TYPE_CATEGORY));
  self->names = gtk_string_list_new (NULL);
  self->choices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->rows = g_ptr_array_new ();
  self->maps = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (self->maps, NULL);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Unknown Categories"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self),
                                         _("Minutka does not know these values yet. Choose a "
                                           "category for each; it is remembered for the next "
                                           "imports."));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

/**
 * mk_import_category_choices_reset:
 * @self: the group
 * @categories: (element-type MkCategory): the categories to offer
 *
 * Forgets every choice and every row, for a new file.
 */
void
mk_import_category_choices_reset (MkImportCategoryChoices *self,
                                  GListModel              *categories)
{
  g_return_if_fail (MK_IS_IMPORT_CATEGORY_CHOICES (self));
  g_return_if_fail (G_IS_LIST_MODEL (categories));

  mk_import_category_choices_show (self, NULL);
  g_hash_table_remove_all (self->choices);
  rebuild_maps (self);
  g_set_object (&self->categories, categories);
  gtk_string_list_splice (self->names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->names)), NULL);
  gtk_string_list_append (self->names, _("Other (leave unmapped)"));
  for (guint i = 0; i < g_list_model_get_n_items (categories); i++)
    {
      g_autoptr(MkCategory) category = g_list_model_get_item (categories, i);

      gtk_string_list_append (self->names, mk_category_get_name (category));
    }
}

/**
 * mk_import_category_choices_show:
 * @self: the group
 * @unmapped: (nullable) (element-type MkUnmappedValue): the texts with no
 *   alias, as the preview found them; %NULL to show none
 *
 * Shows one drop-down per text, set to the choice made before, if any.
 * The group hides itself when there is nothing to choose.
 */
void
mk_import_category_choices_show (MkImportCategoryChoices *self,
                                 GPtrArray               *unmapped)
{
  g_return_if_fail (MK_IS_IMPORT_CATEGORY_CHOICES (self));

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), self->rows->pdata[i]);
  g_ptr_array_set_size (self->rows, 0);

  for (guint i = 0; unmapped != NULL && i < unmapped->len; i++)
    {
      const MkUnmappedValue *value = g_ptr_array_index (unmapped, i);
      g_autofree char *number = NULL;
      g_autofree char *count = NULL;
      AdwComboRow *row;

      /* An empty cell cannot be an alias: those rows stay Other. */
      if (value->text == NULL || *value->text == '\0')
        continue;
      row = ADW_COMBO_ROW (adw_combo_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), value->text);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      number = mk_format_count ((gint64) value->count);
      /* Translators: %s is a number of rows of the file's first rows. */
      count = g_strdup_printf (ngettext ("%s row in the preview", "%s rows in the preview",
                                         (unsigned long) MIN (value->count, G_MAXUINT32)),
                               number);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), count);
      adw_combo_row_set_model (row, G_LIST_MODEL (self->names));
      adw_combo_row_set_selected (row, position_of_key (self, g_hash_table_lookup (self->choices,
                                                                                   value->text)));
      g_object_set_data_full (G_OBJECT (row), "mk-text", g_strdup (value->text), g_free);
      g_signal_connect (row, "notify::selected", G_CALLBACK (selected_cb), self);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), GTK_WIDGET (row));
      g_ptr_array_add (self->rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self), self->rows->len > 0);
}

/**
 * mk_import_category_choices_lookup:
 * @self: the group
 * @text: a category text of the file
 *
 * Returns: (nullable): the key of the category chosen for @text, or %NULL.
 */
const char *
mk_import_category_choices_lookup (MkImportCategoryChoices *self,
                                   const char              *text)
{
  g_return_val_if_fail (MK_IS_IMPORT_CATEGORY_CHOICES (self), NULL);

  return text ? g_hash_table_lookup (self->choices, text) : NULL;
}

/**
 * mk_import_category_choices_get_maps:
 * @self: the group
 *
 * Returns: (nullable) (transfer none): the choices as "TEXT=KEY" for
 *   MkImportOptions.maps, or %NULL when there are none; valid until the
 *   next change.
 */
const char * const *
mk_import_category_choices_get_maps (MkImportCategoryChoices *self)
{
  g_return_val_if_fail (MK_IS_IMPORT_CATEGORY_CHOICES (self), NULL);

  return self->maps->len > 1 ? (const char * const *) self->maps->pdata : NULL;
}

/**
 * mk_import_category_choices_choose:
 * @self: the group
 * @text: a text shown in the group
 * @key: (nullable): the key of the category it goes to; %NULL for Other
 *
 * Does what picking a category in the text's drop-down does.
 *
 * Returns: %TRUE when @text is shown and @key names a category.
 */
gboolean
mk_import_category_choices_choose (MkImportCategoryChoices *self,
                                   const char              *text,
                                   const char              *key)
{
  guint position;

  g_return_val_if_fail (MK_IS_IMPORT_CATEGORY_CHOICES (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  position = position_of_key (self, key);
  if (key != NULL && position == 0)
    return FALSE;
  for (guint i = 0; i < self->rows->len; i++)
    {
      AdwComboRow *row = g_ptr_array_index (self->rows, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "mk-text"), text) == 0)
        {
          adw_combo_row_set_selected (row, position);
          return TRUE;
        }
    }
  return FALSE;
}
