/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-error-dialog.h — core's error message in a dialog over the window it concerns. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void mk_show_error (GtkWidget    *from,
                    const char   *heading,
                    const GError *error);

G_END_DECLS
