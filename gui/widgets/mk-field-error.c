/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-field-error.c — a refused value shown where it was typed.
 *
 * A value core refuses in a form (an empty category name, prime hours
 * that end before they start, an address someone else has) is not a
 * reason for a dialog: the row that holds it gets the "error" style and
 * core's message stands under the row's group, in a label made on first
 * use ("field-error", the group's last child, wrapped, read by screen
 * readers as the row's description).  One message per group: showing
 * another row's error moves it there.
 *
 * The caller clears it as soon as the value is fixed — on the next change
 * of the row, or once the store takes the value — so no row stays red
 * after the user corrected it.  docs/ux.md, "Errors where they are made".
 */
#define G_LOG_DOMAIN "mk-field-error"

#include "config.h"

#include <adwaita.h>

#include "mk-field-error.h"

#define LABEL_KEY "mk-field-error-label"
#define ROW_KEY "mk-field-error-row"

static GtkWidget *
group_of (GtkWidget *row)
{
  return gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);
}

/**
 * mk_field_error_label:
 * @row: a row inside an AdwPreferencesGroup
 *
 * Returns: (transfer none) (nullable): the label that shows the errors of
 *   @row's group, or %NULL if none was shown yet.
 */
GtkLabel *
mk_field_error_label (GtkWidget *row)
{
  GtkWidget *group;

  g_return_val_if_fail (GTK_IS_WIDGET (row), NULL);

  group = group_of (row);
  return group != NULL ? g_object_get_data (G_OBJECT (group), LABEL_KEY) : NULL;
}

/**
 * mk_field_error_show:
 * @row: the row that holds the refused value, inside an AdwPreferencesGroup
 * @message: why, as core says it
 *
 * Marks @row with the "error" style and shows @message under its group.
 */
void
mk_field_error_show (GtkWidget  *row,
                     const char *message)
{
  GtkWidget *group;
  GtkWidget *label;
  GtkWidget *previous;

  g_return_if_fail (GTK_IS_WIDGET (row));
  g_return_if_fail (message != NULL);

  group = group_of (row);
  g_return_if_fail (group != NULL);

  label = g_object_get_data (G_OBJECT (group), LABEL_KEY);
  if (label == NULL)
    {
      label = gtk_label_new (NULL);
      gtk_widget_set_name (label, "field-error");
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_add_css_class (label, "error");
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), label);
      g_object_set_data (G_OBJECT (group), LABEL_KEY, label);
    }
  previous = g_object_get_data (G_OBJECT (label), ROW_KEY);
  if (previous != NULL && previous != row)
    gtk_widget_remove_css_class (previous, "error");
  g_object_set_data (G_OBJECT (label), ROW_KEY, row);

  gtk_widget_add_css_class (row, "error");
  gtk_label_set_text (GTK_LABEL (label), message);
  gtk_widget_set_visible (label, TRUE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                  label, NULL, -1);
}

/**
 * mk_field_error_shown:
 * @row: a row
 *
 * Returns: whether @row shows an error now.
 */
gboolean
mk_field_error_shown (GtkWidget *row)
{
  GtkLabel *label;

  g_return_val_if_fail (GTK_IS_WIDGET (row), FALSE);

  label = mk_field_error_label (row);
  return label != NULL && gtk_widget_get_visible (GTK_WIDGET (label)) &&
         g_object_get_data (G_OBJECT (label), ROW_KEY) == row;
}

/**
 * mk_field_error_clear:
 * @row: a row
 *
 * Takes the error of @row away, if it shows one: the style and the message.
 */
void
mk_field_error_clear (GtkWidget *row)
{
  GtkLabel *label;

  g_return_if_fail (GTK_IS_WIDGET (row));

  gtk_widget_remove_css_class (row, "error");
  label = mk_field_error_label (row);
  if (label == NULL || g_object_get_data (G_OBJECT (label), ROW_KEY) != row)
    return;
  g_object_set_data (G_OBJECT (label), ROW_KEY, NULL);
  gtk_widget_set_visible (GTK_WIDGET (label), FALSE);
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_RELATION_DESCRIBED_BY);
}

/**
 * mk_field_error_clear_group:
 * @widget: a widget inside an AdwPreferencesGroup
 *
 * Takes away the error the group of @widget shows, whichever row it is on.
 */
void
mk_field_error_clear_group (GtkWidget *widget)
{
  GtkLabel *label;
  GtkWidget *row;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  label = mk_field_error_label (widget);
  row = label != NULL ? g_object_get_data (G_OBJECT (label), ROW_KEY) : NULL;
  if (row != NULL)
    mk_field_error_clear (row);
}
