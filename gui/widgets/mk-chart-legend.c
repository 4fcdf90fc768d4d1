/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-chart-legend.c — the key to the team chart's colours and marks.
 *
 * One swatch and name per category that has time in the analysis, then the
 * two marks the chart uses: the triangle for the peer median and the
 * hatching of a weak sample.  Items flow onto as many lines as the width
 * needs, so the legend reads in a narrow window too.  Text uses the
 * widget's CSS colour (light and dark styles); the names are also the
 * accessible description.
 */
#define G_LOG_DOMAIN "mk-team-chart"

#include "config.h"

#include <glib/gi18n.h>

#include "mk-chart-legend.h"
#include "mk-color.h"

#define SWATCH         12
#define LEGEND_SPACING 18

struct _MkChartLegend
{
  GtkWidget   parent_instance;

  MkAnalysis *analysis;
};

G_DEFINE_FINAL_TYPE (MkChartLegend, mk_chart_legend, GTK_TYPE_WIDGET)

/* Lays out (and, with a snapshot, draws) the legend; returns its height
 * for @width. */
static int
legend_pass (MkChartLegend *self,
             int            width,
             GtkSnapshot   *snapshot)
{
  GtkWidget *widget = GTK_WIDGET (self);
  guint n = self->analysis ? mk_analysis_get_n_categories (self->analysis) : 0;
  int x = 0;
  int line_height = 0;
  int y = 0;
  GdkRGBA fg;

  if (n == 0)
    return 0;

  mk_color_foreground (widget, 1.0, &fg);
  for (guint c = 0; c <= n + 1; c++)
    {
      g_autoptr(PangoLayout) layout = NULL;
      const char *text;
      int tw, th, item;

      if (c < n)
        {
          if (mk_analysis_get_team_minutes (self->analysis, c) <= 0)
            continue;
          text = mk_analysis_get_category_name (self->analysis, c);
        }
      else if (c == n)
        text = _("where the segment would end at the peer median");
      else
        text = _("faded and hatched: weak sample");

      layout = gtk_widget_create_pango_layout (widget, text);
      pango_layout_get_pixel_size (layout, &tw, &th);
      item = SWATCH + 6 + tw;
      line_height = MAX (line_height, MAX (th, SWATCH));
      if (x > 0 && x + item > width)
        {
          x = 0;
          y += line_height + 6;
        }

      if (snapshot != NULL)
        {
          graphene_rect_t swatch = GRAPHENE_RECT_INIT (x, y + (th - SWATCH) / 2.0,
                                                       SWATCH, SWATCH);
          GdkRGBA color;

          if (c < n)
            {
              GskRoundedRect rounded;

              mk_color_parse (mk_analysis_get_category_color (self->analysis, c), &color);
              gsk_rounded_rect_init_from_rect (&rounded, &swatch, 3);
              gtk_snapshot_push_rounded_clip (snapshot, &rounded);
              gtk_snapshot_append_color (snapshot, &color, &swatch);
              gtk_snapshot_pop (snapshot);
            }
          else
            {
              cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &swatch);

              gdk_cairo_set_source_rgba (cr, &fg);
              if (c == n)
                {
                  cairo_move_to (cr, x + SWATCH / 2.0, swatch.origin.y + 2);
                  cairo_line_to (cr, x + SWATCH - 1, swatch.origin.y + SWATCH - 1);
                  cairo_line_to (cr, x + 1, swatch.origin.y + SWATCH - 1);
                  cairo_close_path (cr);
                  cairo_fill (cr);
                }
              else
                {
                  cairo_set_line_width (cr, 1.2);
                  for (int k = -SWATCH; k < SWATCH; k += 4)
                    {
                      cairo_move_to (cr, x + k, swatch.origin.y + SWATCH);
                      cairo_line_to (cr, x + k + SWATCH, swatch.origin.y);
                    }
                  cairo_rectangle (cr, x, swatch.origin.y, SWATCH, SWATCH);
                  cairo_clip (cr);
                  cairo_stroke (cr);
                }
              cairo_destroy (cr);
            }

          gtk_snapshot_save (snapshot);
          gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x + SWATCH + 6, y));
          gtk_snapshot_append_layout (snapshot, layout, &fg);
          gtk_snapshot_restore (snapshot);
        }
      x += item + LEGEND_SPACING;
    }
  y += line_height;

  return y;
}

static void
mk_chart_legend_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  legend_pass (MK_CHART_LEGEND (widget), gtk_widget_get_width (widget), snapshot);
}

static GtkSizeRequestMode
mk_chart_legend_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
mk_chart_legend_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  MkChartLegend *self = MK_CHART_LEGEND (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 120;
      *natural = 600;
    }
  else
    *minimum = *natural = legend_pass (self, for_size > 0 ? for_size : 600, NULL);
}

/**
 * mk_chart_legend_set_analysis:
 * @self: the legend
 * @analysis: (nullable): the analysis whose categories to name
 */
void
mk_chart_legend_set_analysis (MkChartLegend *self,
                              MkAnalysis    *analysis)
{
  g_autoptr(GString) names = g_string_new (NULL);

  g_return_if_fail (MK_IS_CHART_LEGEND (self));

  if (!g_set_object (&self->analysis, analysis))
    return;

  for (guint c = 0; analysis != NULL && c < mk_analysis_get_n_categories (analysis); c++)
    if (mk_analysis_get_team_minutes (analysis, c) > 0)
      g_string_append_printf (names, "%s%s", names->len ? ", " : "",
                              mk_analysis_get_category_name (analysis, c));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, names->str, -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
mk_chart_legend_finalize (GObject *object)
{
  g_clear_object (&MK_CHART_LEGEND (object)->analysis);

  G_OBJECT_CLASS (mk_chart_legend_parent_class)->finalize (object);
}

static void
mk_chart_legend_class_init (MkChartLegendClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = mk_chart_legend_finalize;
  widget_class->snapshot = mk_chart_legend_snapshot;
  widget_class->measure = mk_chart_legend_measure;
  widget_class->get_request_mode = mk_chart_legend_get_request_mode;

  gtk_widget_class_set_css_name (widget_class, "chartlegend");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
mk_chart_legend_init (MkChartLegend *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Chart legend"), -1);
}

/**
 * mk_chart_legend_new:
 *
 * Returns: (transfer full): a new, empty legend.
 */
GtkWidget *
mk_chart_legend_new (void)
{
  return g_object_new (MK_TYPE_CHART_LEGEND, NULL);
}
