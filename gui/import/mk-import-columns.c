/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-import-columns.c — the columns of the Import dialog's table of previewed rows.
 *
 * Line, date, person, category, minutes, task and problem of each
 * MkImportRowItem, as plain labels.  A row with a problem is drawn in the
 * error colour, a skipped (blank or totals) row dimmed, so bad rows stand
 * out without reading every line.
 */
#define G_LOG_DOMAIN "mk-import-columns"

#include "config.h"

#include <glib/gi18n.h>

#include "mk-import-columns.h"
#include "mk-import-row-item.h"


typedef enum {
  CELL_LINE,
  CELL_DAY,
  CELL_PERSON,
  CELL_CATEGORY,
  CELL_MINUTES,
  CELL_TASK,
  CELL_PROBLEM,
} Cell;

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  Cell cell = GPOINTER_TO_INT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), cell == CELL_LINE || cell == CELL_MINUTES ? 1 : 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), cell == CELL_PROBLEM ? 60 : 28);
  if (cell == CELL_LINE || cell == CELL_MINUTES)
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  Cell cell = GPOINTER_TO_INT (user_data);
  MkImportRowItem *row = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  const char *problem = mk_import_row_item_get_problem (row);
  g_autofree char *text = NULL;

  switch (cell)
    {
    case CELL_LINE:
      text = g_strdup_printf ("%" G_GUINT64_FORMAT, mk_import_row_item_get_line (row));
      break;
    case CELL_DAY:
      text = g_strdup (mk_import_row_item_get_day (row));
      break;
    case CELL_PERSON:
      text = g_strdup (mk_import_row_item_get_person (row));
      break;
    case CELL_CATEGORY:
      text = g_strdup (mk_import_row_item_get_category (row));
      break;
    case CELL_MINUTES:
      if (mk_import_row_item_get_minutes (row) > 0)
        text = g_strdup_printf ("%d", mk_import_row_item_get_minutes (row));
      break;
    case CELL_TASK:
      text = g_strdup (mk_import_row_item_get_task (row));
      break;
    case CELL_PROBLEM:
    default:
      if (problem != NULL)
        text = g_strdup (problem);
      else if (mk_import_row_item_get_empty (row))
        text = g_strdup (_("Skipped: empty entry, less than half a minute"));
      else if (mk_import_row_item_get_skipped (row))
        text = g_strdup (_("Skipped: blank or totals row"));
      break;
    }
  gtk_label_set_text (GTK_LABEL (label), text ? text : "");
  gtk_widget_set_tooltip_text (label, cell == CELL_PROBLEM ? text : NULL);
  if (problem != NULL)
    gtk_widget_add_css_class (label, "error");
  else
    gtk_widget_remove_css_class (label, "error");
  if (mk_import_row_item_get_skipped (row))
    gtk_widget_add_css_class (label, "dim-label");
  else
    gtk_widget_remove_css_class (label, "dim-label");
}

static void
add_column (GtkColumnView       *view,
            Cell                 cell,
            const char          *title,
            gboolean             expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), GINT_TO_POINTER (cell));
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), GINT_TO_POINTER (cell));
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  gtk_column_view_append_column (view, column);
  g_object_unref (column);
}

/**
 * mk_import_columns_add:
 * @view: a column view over #MkImportRowItem
 *
 * Adds the table's columns to @view.
 */
void
mk_import_columns_add (GtkColumnView *view)
{
  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));

  /* Translators: columns of the import preview table. */
  add_column (view, CELL_LINE, _("Line"), FALSE);
  add_column (view, CELL_DAY, _("Date"), FALSE);
  add_column (view, CELL_PERSON, _("Person"), FALSE);
  add_column (view, CELL_CATEGORY, _("Category"), FALSE);
  add_column (view, CELL_MINUTES, _("Minutes"), FALSE);
  add_column (view, CELL_TASK, _("Task"), TRUE);
  add_column (view, CELL_PROBLEM, _("Problem"), TRUE);
}
