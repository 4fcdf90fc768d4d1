/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-field-error.h — a refused value shown where it was typed. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void        mk_field_error_show    (GtkWidget  *row,
                                    const char *message);
void        mk_field_error_clear   (GtkWidget  *row);
void        mk_field_error_clear_group (GtkWidget *widget);
gboolean    mk_field_error_shown   (GtkWidget  *row);
GtkLabel   *mk_field_error_label   (GtkWidget  *row);

G_END_DECLS
