/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-color.c — core's colours ("#3584e4") and the text colour as GdkRGBA.
 *
 * Core keeps colours as strings; every widget that draws a category turns
 * them into a GdkRGBA here.  A colour that is missing or cannot be read is
 * drawn in core's neutral grey (MK_CATEGORY_FALLBACK_COLOR) rather than not
 * at all, the same everywhere.  What a drawing widget draws besides the
 * categories (text, axes, grids, tracks) is its own text colour, fainter
 * where it should recede, so it reads in the light and the dark style.
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

/**
 * mk_color_foreground:
 * @widget: a widget being drawn
 * @alpha: how much of the colour: 1.0 the text itself, less for a fainter line
 * @rgba: (out caller-allocates): @widget's text colour with its alpha times @alpha
 */
void
mk_color_foreground (GtkWidget *widget,
                     double     alpha,
                     GdkRGBA   *rgba)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (rgba != NULL);

  /* gtk_widget_get_color() replaces this from GTK 4.10; Minutka needs 4.8. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), rgba);
  G_GNUC_END_IGNORE_DEPRECATIONS
  rgba->alpha *= alpha;
}
