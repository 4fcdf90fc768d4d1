/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-share-bar.c — one category's share against its median and target.
 *
 * A thin track from 0 to @scale (the same scale for every row of a manager's
 * breakdown, so the rows compare), the target band shaded on the track, the
 * share as a bar in the category colour and the peer median as an upright
 * tick in the text colour; faint marks cross the track at every step of
 * the scale.  The row it sits in says the same numbers in words, so the bar
 * itself is hidden from screen readers (role presentation).
 *
 * mk_share_bar_new_axis() makes the scale itself: the same width, with the
 * percentages of the marks written under them ("0%  10%  20% …"), to put
 * above the bars it reads for.
 */
#define G_LOG_DOMAIN "mk-share-bar"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "mk-color.h"
#include "mk-format.h"
#include "mk-share-bar.h"

#define BAR_HEIGHT  10
#define TICK_HEIGHT 18

struct _MkShareBar
{
  GtkWidget parent_instance;

  GdkRGBA   color;
  double    share;
  double    median;
  double    target_min;
  double    target_max;
  double    scale;
  gboolean  axis;
};

G_DEFINE_FINAL_TYPE (MkShareBar, mk_share_bar, GTK_TYPE_WIDGET)

/* The step between the marks: 10 points up to 50%, else 25. */
static double
scale_step (double scale)
{
  return scale <= 0.5 + 1e-9 ? 0.1 : 0.25;
}

static void
snapshot_axis (MkShareBar  *self,
               GtkSnapshot *snapshot)
{
  GtkWidget *widget = GTK_WIDGET (self);
  double width = gtk_widget_get_width (widget);
  double step = scale_step (self->scale);
  GdkRGBA fg;

  mk_color_foreground (widget, 0.6, &fg);

  for (double v = 0; v <= self->scale + 1e-9; v += step)
    {
      g_autofree char *text = mk_format_percent (v);
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
      double x = width * v / self->scale;
      int w, h;

      pango_layout_get_pixel_size (layout, &w, &h);
      /* The first label starts at the mark, the last ends at it. */
      x = CLAMP (x - w / 2.0, 0, width - w);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, 0));
      gtk_snapshot_append_layout (snapshot, layout, &fg);
      gtk_snapshot_restore (snapshot);
    }
}

static void
mk_share_bar_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  MkShareBar *self = MK_SHARE_BAR (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double y = (height - BAR_HEIGHT) / 2.0;
  graphene_rect_t track = GRAPHENE_RECT_INIT (0, y, width, BAR_HEIGHT);
  GskRoundedRect rounded;
  GdkRGBA fg;
  GdkRGBA faint;
  GdkRGBA mark;

  if (self->axis)
    {
      snapshot_axis (self, snapshot);
      return;
    }

  mk_color_foreground (widget, 1.0, &fg);
  faint = fg;
  faint.alpha *= 0.1;
  mark = fg;
  mark.alpha *= 0.25;

  gsk_rounded_rect_init_from_rect (&rounded, &track, BAR_HEIGHT / 2.0);
  gtk_snapshot_push_rounded_clip (snapshot, &rounded);
  gtk_snapshot_append_color (snapshot, &faint, &track);

  if (self->target_min > 0 || (self->target_max >= 0 && self->target_max < 1))
    {
      double lo = self->target_min > 0 ? self->target_min : 0;
      double hi = self->target_max >= 0 && self->target_max < 1 ? self->target_max : self->scale;
      GdkRGBA band = fg;

      band.alpha *= 0.16;
      gtk_snapshot_append_color (snapshot, &band,
                                 &GRAPHENE_RECT_INIT (width * lo / self->scale, y,
                                                      width * (MIN (hi, self->scale) - lo)
                                                      / self->scale, BAR_HEIGHT));
    }
  if (!isnan (self->share) && self->share > 0)
    gtk_snapshot_append_color (snapshot, &self->color,
                               &GRAPHENE_RECT_INIT (0, y, width * MIN (self->share, self->scale)
                                                    / self->scale, BAR_HEIGHT));
  gtk_snapshot_pop (snapshot);

  /* The marks of the scale, across the track. */
  for (double v = scale_step (self->scale); v < self->scale - 1e-9; v += scale_step (self->scale))
    gtk_snapshot_append_color (snapshot, &mark,
                               &GRAPHENE_RECT_INIT (width * v / self->scale - 0.5, y - 2, 1,
                                                    BAR_HEIGHT + 4));

  if (!isnan (self->median) && self->median >= 0)
    {
      double x = width * MIN (self->median, self->scale) / self->scale;

      gtk_snapshot_append_color (snapshot, &fg,
                                 &GRAPHENE_RECT_INIT (CLAMP (x - 1, 0, width - 2),
                                                      (height - TICK_HEIGHT) / 2.0, 2,
                                                      TICK_HEIGHT));
    }
}

static void
mk_share_bar_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  MkShareBar *self = MK_SHARE_BAR (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 60;
      *natural = 240;
    }
  else if (self->axis)
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, "0%");
      int w, h;

      pango_layout_get_pixel_size (layout, &w, &h);
      *minimum = *natural = h;
    }
  else
    *minimum = *natural = TICK_HEIGHT + 2;
}

static void
mk_share_bar_class_init (MkShareBarClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->snapshot = mk_share_bar_snapshot;
  widget_class->measure = mk_share_bar_measure;

  gtk_widget_class_set_css_name (widget_class, "sharebar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

static void
mk_share_bar_init (MkShareBar *self)
{
}

/**
 * mk_share_bar_new:
 * @color: the category colour, "#rrggbb"
 * @share: the manager's share, 0..1 (NAN for none)
 * @median: the peer median, 0..1 (NAN for none)
 * @target_min: the lowest share wanted, negative for none
 * @target_max: the highest share wanted, negative for none
 * @scale: the share drawn at the full width, > 0
 *
 * Returns: (transfer full): a new bar.
 */
GtkWidget *
mk_share_bar_new (const char *color,
                  double      share,
                  double      median,
                  double      target_min,
                  double      target_max,
                  double      scale)
{
  MkShareBar *self = g_object_new (MK_TYPE_SHARE_BAR, NULL);

  mk_color_parse (color, &self->color);
  self->share = share;
  self->median = median;
  self->target_min = target_min;
  self->target_max = target_max;
  self->scale = scale > 0 ? scale : 1.0;

  return GTK_WIDGET (self);
}

/**
 * mk_share_bar_new_axis:
 * @scale: the share at the full width, as given to the bars it reads for
 *
 * Returns: (transfer full): the scale of a column of bars: their marks'
 *   percentages; screen readers hear it as "Scale: 0 to 50%".
 */
GtkWidget *
mk_share_bar_new_axis (double scale)
{
  MkShareBar *self = g_object_new (MK_TYPE_SHARE_BAR,
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_IMG, NULL);
  g_autofree char *label = NULL;

  self->axis = TRUE;
  self->scale = scale > 0 ? scale : 1.0;
  self->share = NAN;
  self->median = NAN;
  gtk_widget_add_css_class (GTK_WIDGET (self), "caption");
  label = g_strdup_printf (_("Scale: 0 to %.0f%% of logged time"), self->scale * 100);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  return GTK_WIDGET (self);
}
