/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-error-dialog.c — core's error message in a dialog over the window it concerns.
 *
 * A write core refused is explained where it was made: a dialog over the
 * window of the widget that made it (the main window, Preferences, an
 * editor), titled with what failed and saying core's message as it is —
 * core's messages already say what happened and what to do.  Every page,
 * editor and Preferences page shows errors through this one function.
 */
#define G_LOG_DOMAIN "mk-error-dialog"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "mk-error-dialog.h"

/**
 * mk_show_error:
 * @from: any widget of the window the error concerns
 * @heading: what failed, as a short title ("The Category Was Not Added")
 * @error: (nullable): why: core's message, shown as it is
 *
 * Shows a modal message dialog with one Close button.
 */
void
mk_show_error (GtkWidget    *from,
               const char   *heading,
               const GError *error)
{
  GtkRoot *root;
  GtkWidget *dialog;

  g_return_if_fail (GTK_IS_WIDGET (from));
  g_return_if_fail (heading != NULL);

  root = gtk_widget_get_root (from);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   error != NULL ? error->message : NULL);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}
