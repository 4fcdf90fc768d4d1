/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-menu-tooltips.c — no tooltip over an open menu.
 *
 * A menu button, a drop-down or a day button keeps its tooltip while its
 * pop-over is open, and GTK shows it over the menu the person is reading
 * (issue 17, item 13).  The rule: while a pop-over is shown, the widget it
 * belongs to has no tooltip; it gets it back when the pop-over closes.
 *
 * How: mk_menu_tooltips_install() adds an emission hook on GtkWidget::map;
 * when a GtkPopover maps, its parent (the button, the drop-down) loses its
 * tooltip until the pop-over unmaps.  Every pop-over of the application
 * is covered, including those made later.
 */
#define G_LOG_DOMAIN "mk-menu-tooltips"

#include "config.h"

#include "mk-menu-tooltips.h"

#define HIDDEN_KEY "mk-menu-tooltips-hidden"

static void
popover_unmap_cb (GtkWidget *popover,
                  gpointer   user_data)
{
  GtkWidget *owner = gtk_widget_get_parent (popover);

  g_signal_handlers_disconnect_by_func (popover, popover_unmap_cb, user_data);
  if (owner == NULL || g_object_get_data (G_OBJECT (owner), HIDDEN_KEY) == NULL)
    return;
  g_object_set_data (G_OBJECT (owner), HIDDEN_KEY, NULL);
  gtk_widget_set_has_tooltip (owner, TRUE);
}

static gboolean
map_hook_cb (GSignalInvocationHint *hint,
             guint                  n_values,
             const GValue          *values,
             gpointer               user_data)
{
  GObject *object = g_value_get_object (&values[0]);
  GtkWidget *owner;

  if (!GTK_IS_POPOVER (object))
    return TRUE;
  owner = gtk_widget_get_parent (GTK_WIDGET (object));
  if (owner == NULL || !gtk_widget_get_has_tooltip (owner) ||
      g_object_get_data (G_OBJECT (owner), HIDDEN_KEY) != NULL)
    return TRUE;
  g_object_set_data (G_OBJECT (owner), HIDDEN_KEY, GINT_TO_POINTER (1));
  /* Hides a tooltip already shown, too. */
  gtk_widget_set_has_tooltip (owner, FALSE);
  g_signal_connect (object, "unmap", G_CALLBACK (popover_unmap_cb), NULL);
  return TRUE;
}

/**
 * mk_menu_tooltips_install:
 *
 * From now on, the widget a pop-over belongs to shows no tooltip while the
 * pop-over is open.  Called once, at application start-up; calling it
 * again does nothing.
 */
void
mk_menu_tooltips_install (void)
{
  static gsize installed;

  if (g_once_init_enter (&installed))
    {
      GTypeClass *widget_class = g_type_class_ref (GTK_TYPE_WIDGET);

      g_signal_add_emission_hook (g_signal_lookup ("map", GTK_TYPE_WIDGET), 0, map_hook_cb,
                                  NULL, NULL);
      g_type_class_unref (widget_class);
      g_once_init_leave (&installed, 1);
    }
}
