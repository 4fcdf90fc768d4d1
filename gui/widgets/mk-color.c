/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-color.c — core's colours ("#3584e4") as GdkRGBA.
 *
 * Core keeps colours as strings; every widget that draws a category turns
 * them into a GdkRGBA here.  A colour that is missing or cannot be read is
 * drawn in core's neutral grey (MK_CATEGORY_FALLBACK_COLOR) rather than not
 * at all, the same everywhere.
 */
#define G_LOG_DOMAIN "mk-color"

#include "config.h"

#include "mk-color.h"
#include "mk-domain.h"

/**
 * mk_color_parse:
 * @color: (nullable): a colour as core keeps it, "#rrggbb"
 * @rgba: (out caller-allocates): the colour, or the fallback grey
 */
void
mk_color_parse (const char *color,
                GdkRGBA    *rgba)
{
  g_return_if_fail (rgba != NULL);

  if (color == NULL || !gdk_rgba_parse (rgba, color))
    gdk_rgba_parse (rgba, MK_CATEGORY_FALLBACK_COLOR);
}
