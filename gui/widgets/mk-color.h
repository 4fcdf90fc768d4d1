/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-color.h — core's colours ("#3584e4") as GdkRGBA. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void mk_color_parse (const char *color,
                     GdkRGBA    *rgba);

G_END_DECLS
