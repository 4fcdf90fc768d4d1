/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-color.h — core's colours ("#3584e4") and the text colour as GdkRGBA. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void mk_color_parse      (const char *color,
                          GdkRGBA    *rgba);
void mk_color_foreground (GtkWidget  *widget,
                          double      alpha,
                          GdkRGBA    *rgba);

G_END_DECLS
