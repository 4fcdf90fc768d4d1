/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-team-chart.c — one horizontal bar per manager, split by category.
 *
 * The chart shows an MkAnalysis as it is: one row per manager in the
 * engine's ranking (the most time to win back first), the bar spanning
 * 100% of the time that manager logged, one segment per category in the
 * category's colour.  Under each segment a small triangle marks where the
 * segment would end if it had the peer median's share, so a segment that
 * runs past its triangle is above the median and one that stops short is
 * below.  Weak samples are faded and hatched.  MkChartLegend, under the
 * chart, names the colours and the marks.
 *
 * Invariants.  The widget computes no statistic: every share, median and
 * minute comes from the analysis.  Text and axes use the widget's CSS
 * colour, so the chart reads in the light and the dark style; only the
 * segments use the category colours.  The same numbers are in the
 * accessible description as a text table, for screen readers.
 *
 * Interaction (mk-team-chart-input.c): hovering a segment shows a tooltip
 * with minutes, share, median and target; a click on a bar, or Enter on
 * the focused bar (Up and Down move the focus), emits
 * MkTeamChart::manager-activated.
 */
#define G_LOG_DOMAIN "mk-team-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "mk-analysis-format.h"
#include "mk-color.h"
#include "mk-team-chart-private.h"

G_DEFINE_FINAL_TYPE (MkTeamChart, mk_team_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ANALYSIS,
  N_PROPS
};

enum {
  MANAGER_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
category_color (MkAnalysis *analysis,
                guint       category,
                GdkRGBA    *color)
{
  mk_color_parse (mk_analysis_get_category_color (analysis, category), color);
}

static int
measure_label_width (MkTeamChart *self)
{
  if (self->label_width >= 0)
    return self->label_width;

  self->label_width = 0;
  for (guint i = 0; i < self->rows->len; i++)
    {
      g_autoptr(PangoLayout) layout = NULL;
      int w;

      layout = gtk_widget_create_pango_layout (GTK_WIDGET (self),
                                               mk_manager_result_get_name (self->rows->pdata[i]));
      pango_layout_get_pixel_size (layout, &w, NULL);
      self->label_width = MAX (self->label_width, w);
    }
  return self->label_width;
}

/* Where the names end and the bars start for a chart @width wide. */
void
mk_team_chart_get_geometry (MkTeamChart         *self,
                            int                  width,
                            MkTeamChartGeometry *geo)
{
  double label = measure_label_width (self);

  /* Names take at most 40% of the width; longer ones are ellipsized. */
  geo->label_width = MIN (label, width * 0.4);
  geo->bar_x = geo->label_width + LABEL_GAP;
  geo->bar_width = MAX (width - geo->bar_x - RIGHT_PAD, 10);
}

/* A manager's share of a category, 0 when there is none. */
double
mk_team_chart_share_of (MkManagerResult *manager,
                        guint            category)
{
  double share = mk_manager_result_get_share (manager, category);

  return isnan (share) || share < 0 ? 0 : share;
}

static void
draw_hatching (GtkSnapshot           *snapshot,
               const graphene_rect_t *bar,
               const GdkRGBA         *fg)
{
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, bar);
  double x0 = bar->origin.x;
  double y0 = bar->origin.y;
  double h = bar->size.height;

  cairo_rectangle (cr, x0, y0, bar->size.width, h);
  cairo_clip (cr);
  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.45);
  cairo_set_line_width (cr, 1.5);
  for (double x = x0 - h; x < x0 + bar->size.width; x += 7)
    {
      cairo_move_to (cr, x, y0 + h);
      cairo_line_to (cr, x + h, y0);
    }
  cairo_stroke (cr);
  cairo_destroy (cr);
}

static void
draw_row (MkTeamChart               *self,
          GtkSnapshot               *snapshot,
          const MkTeamChartGeometry *geo,
          guint                      row,
          double                     y,
          int                        width)
{
  GtkWidget *widget = GTK_WIDGET (self);
  MkManagerResult *manager = self->rows->pdata[row];
  gboolean weak = mk_manager_result_get_weak_sample (manager);
  guint n = mk_analysis_get_n_categories (self->analysis);
  g_autoptr(PangoLayout) name = NULL;
  graphene_rect_t bar;
  GskRoundedRect rounded;
  double x;
  double start;
  GdkRGBA fg;
  int th;

  mk_color_foreground (widget, weak ? 0.7 : 1.0, &fg);

  if ((int) row == self->hover_row
      || ((int) row == self->focus_row && gtk_widget_has_focus (widget)))
    {
      GdkRGBA tint;

      mk_color_foreground (widget, 0.07, &tint);
      gtk_snapshot_append_color (snapshot, &tint,
                                 &GRAPHENE_RECT_INIT (0, y, width, ROW_HEIGHT));
    }
  if ((int) row == self->focus_row && gtk_widget_has_visible_focus (widget))
    {
      GskRoundedRect outline;
      GdkRGBA accent;
      float widths[4] = { 2, 2, 2, 2 };

      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), "accent_color",
                                           &accent))
        gdk_rgba_parse (&accent, "#3584e4");
      G_GNUC_END_IGNORE_DEPRECATIONS
      gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (1, y + 1, width - 2,
                                                                      ROW_HEIGHT - 2), 4);
      gtk_snapshot_append_border (snapshot, &outline, widths,
                                  (GdkRGBA[4]) { accent, accent, accent, accent });
    }

  name = gtk_widget_create_pango_layout (widget, mk_manager_result_get_name (manager));
  pango_layout_set_width (name, (int) geo->label_width * PANGO_SCALE);
  pango_layout_set_ellipsize (name, PANGO_ELLIPSIZE_END);
  pango_layout_get_pixel_size (name, NULL, &th);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot,
                          &GRAPHENE_POINT_INIT (0, y + BAR_TOP + (BAR_HEIGHT - th) / 2.0));
  gtk_snapshot_append_layout (snapshot, name, &fg);
  gtk_snapshot_restore (snapshot);

  bar = GRAPHENE_RECT_INIT (geo->bar_x, y + BAR_TOP, geo->bar_width, BAR_HEIGHT);
  gsk_rounded_rect_init_from_rect (&rounded, &bar, 4);
  gtk_snapshot_push_rounded_clip (snapshot, &rounded);
  if (weak)
    gtk_snapshot_push_opacity (snapshot, 0.45);
  x = geo->bar_x;
  for (guint c = 0; c < n; c++)
    {
      double w = mk_team_chart_share_of (manager, c) * geo->bar_width;
      GdkRGBA color;

      if (w <= 0)
        continue;
      category_color (self->analysis, c, &color);
      /* A hairline gap keeps neighbours of similar colour apart. */
      gtk_snapshot_append_color (snapshot, &color,
                                 &GRAPHENE_RECT_INIT (x, bar.origin.y, w > 2 ? w - 1 : w,
                                                      BAR_HEIGHT));
      x += w;
    }
  if (weak)
    gtk_snapshot_pop (snapshot);
  if (weak)
    draw_hatching (snapshot, &bar, &fg);
  gtk_snapshot_pop (snapshot);

  /* The median marks: a triangle under the bar, in the category colour,
   * where the segment would end at the peer median.  Each is the upper
   * half of a diamond (a square turned 45°), so the chart needs no cairo
   * drawing per row and stays cheap for the GL renderer. */
  start = 0;
  for (guint c = 0; c < n; c++)
    {
      double median = mk_manager_result_get_peer_median (manager, c);
      double side = MARK_HEIGHT * G_SQRT2;
      double top = bar.origin.y + BAR_HEIGHT + 1;
      graphene_rect_t square = GRAPHENE_RECT_INIT (-side / 2, -side / 2, side, side);
      GskRoundedRect outline;
      GdkRGBA color;
      GdkRGBA edge = fg;
      double mx;

      if (!isnan (median) && median > 0.005)
        {
          mx = geo->bar_x + MIN (start + median, 1.0) * geo->bar_width;
          category_color (self->analysis, c, &color);
          edge.alpha *= 0.8;
          gsk_rounded_rect_init_from_rect (&outline, &square, 0);

          gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (mx - MARK_HEIGHT - 1, top,
                                                                 2 * MARK_HEIGHT + 2,
                                                                 MARK_HEIGHT));
          gtk_snapshot_save (snapshot);
          gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (mx, top + MARK_HEIGHT));
          gtk_snapshot_rotate (snapshot, 45);
          gtk_snapshot_append_color (snapshot, &color, &square);
          gtk_snapshot_append_border (snapshot, &outline, (float[4]) { 1, 1, 1, 1 },
                                      (GdkRGBA[4]) { edge, edge, edge, edge });
          gtk_snapshot_restore (snapshot);
          gtk_snapshot_pop (snapshot);
        }
      start += mk_team_chart_share_of (manager, c);
    }
}

/* The rows the scrolled window shows (all of them outside one), so that a
 * team of hundreds costs a screenful of rows per frame, not hundreds. */
static void
visible_rows (MkTeamChart *self,
              guint       *first,
              guint       *last)
{
  GtkWidget *viewport = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_VIEWPORT);
  graphene_rect_t bounds;
  double top, bottom;

  *first = 0;
  *last = self->rows->len;
  if (viewport == NULL || !gtk_widget_compute_bounds (viewport, GTK_WIDGET (self), &bounds))
    return;

  top = (bounds.origin.y - AXIS_HEIGHT) / ROW_HEIGHT - 1;
  bottom = (bounds.origin.y + bounds.size.height - AXIS_HEIGHT) / ROW_HEIGHT + 1;
  *first = (guint) CLAMP (top, 0, self->rows->len);
  *last = (guint) CLAMP (bottom, *first, self->rows->len);
}

static void
scrolled_cb (MkTeamChart *self)
{
  guint first, last;

  /* The viewport only moves the drawn rows; new ones need drawing. */
  visible_rows (self, &first, &last);
  if (first != self->drawn_first || last != self->drawn_last)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
mk_team_chart_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  MkTeamChart *self = MK_TEAM_CHART (widget);
  int width = gtk_widget_get_width (widget);
  guint first, last;
  MkTeamChartGeometry geo;
  GdkRGBA fg;
  GdkRGBA grid;

  if (self->analysis == NULL || self->rows->len == 0)
    return;

  mk_team_chart_get_geometry (self, width, &geo);
  mk_color_foreground (widget, 0.7, &fg);
  mk_color_foreground (widget, 0.15, &grid);

  for (int t = 0; t <= 4; t++)
    {
      g_autofree char *text = mk_format_percent (t / 4.0);
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
      double x = geo.bar_x + geo.bar_width * t / 4.0;
      int tw, th;

      pango_layout_get_pixel_size (layout, &tw, &th);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot,
                              &GRAPHENE_POINT_INIT (CLAMP (x - tw / 2.0, geo.bar_x,
                                                           width - tw), AXIS_HEIGHT - th - 2));
      gtk_snapshot_append_layout (snapshot, layout, &fg);
      gtk_snapshot_restore (snapshot);
      gtk_snapshot_append_color (snapshot, &grid,
                                 &GRAPHENE_RECT_INIT (x - 0.5, AXIS_HEIGHT, 1,
                                                      self->rows->len * ROW_HEIGHT));
    }

  visible_rows (self, &first, &last);
  self->drawn_first = first;
  self->drawn_last = last;
  for (guint i = first; i < last; i++)
    draw_row (self, snapshot, &geo, i, AXIS_HEIGHT + i * ROW_HEIGHT, width);
}

static void
mk_team_chart_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  MkTeamChart *self = MK_TEAM_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int label = MIN (measure_label_width (self), 160);

      *minimum = label + LABEL_GAP + MIN_BAR_WIDTH + RIGHT_PAD;
      *natural = MAX (*minimum, measure_label_width (self) + LABEL_GAP + 480 + RIGHT_PAD);
    }
  else
    {
      int height = 0;

      if (self->analysis != NULL && self->rows->len > 0)
        height = AXIS_HEIGHT + self->rows->len * ROW_HEIGHT;
      *minimum = *natural = height;
    }
}

/* Tells the page that @row's bar was clicked or activated. */
void
mk_team_chart_activate_row (MkTeamChart *self,
                            int          row)
{
  if (row < 0 || row >= (int) self->rows->len)
    return;
  g_signal_emit (self, signals[MANAGER_ACTIVATED], 0,
                 mk_manager_result_get_name (self->rows->pdata[row]));
}

/**
 * mk_team_chart_describe:
 * @self: the chart
 *
 * The chart's numbers as a text table, one line per manager; this is the
 * chart's accessible description.
 *
 * Returns: (transfer full): the table, empty when there is no analysis.
 */
char *
mk_team_chart_describe (MkTeamChart *self)
{
  g_return_val_if_fail (MK_IS_TEAM_CHART (self), NULL);

  return self->analysis ? mk_format_chart_table (self->analysis) : g_strdup ("");
}

static void
update_accessible (MkTeamChart *self)
{
  g_autofree char *description = mk_team_chart_describe (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Team chart"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
}

/**
 * mk_team_chart_set_analysis:
 * @self: the chart
 * @analysis: (nullable): the analysis to draw, or %NULL for nothing
 */
void
mk_team_chart_set_analysis (MkTeamChart *self,
                            MkAnalysis  *analysis)
{
  GListModel *ranking;

  g_return_if_fail (MK_IS_TEAM_CHART (self));
  g_return_if_fail (analysis == NULL || MK_IS_ANALYSIS (analysis));

  if (!g_set_object (&self->analysis, analysis))
    return;

  g_ptr_array_set_size (self->rows, 0);
  if (analysis != NULL)
    {
      ranking = mk_analysis_get_ranking (analysis);
      for (guint i = 0; i < g_list_model_get_n_items (ranking); i++)
        g_ptr_array_add (self->rows, g_list_model_get_item (ranking, i));
    }
  self->label_width = -1;
  self->hover_row = self->hover_category = -1;
  if (self->focus_row >= (int) self->rows->len)
    self->focus_row = (int) self->rows->len - 1;

  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ANALYSIS]);
}

/**
 * mk_team_chart_get_analysis:
 * @self: the chart
 *
 * Returns: (transfer none) (nullable): the analysis drawn.
 */
MkAnalysis *
mk_team_chart_get_analysis (MkTeamChart *self)
{
  g_return_val_if_fail (MK_IS_TEAM_CHART (self), NULL);
  return self->analysis;
}

/**
 * mk_team_chart_get_n_bars:
 * @self: the chart
 *
 * Returns: how many bars (managers) the chart draws.
 */
guint
mk_team_chart_get_n_bars (MkTeamChart *self)
{
  g_return_val_if_fail (MK_IS_TEAM_CHART (self), 0);
  return self->rows->len;
}

/**
 * mk_team_chart_get_bar_name:
 * @self: the chart
 * @bar: a bar, from the top
 *
 * Returns: (transfer none) (nullable): the manager drawn in @bar.
 */
const char *
mk_team_chart_get_bar_name (MkTeamChart *self,
                            guint        bar)
{
  g_return_val_if_fail (MK_IS_TEAM_CHART (self), NULL);
  if (bar >= self->rows->len)
    return NULL;
  return mk_manager_result_get_name (self->rows->pdata[bar]);
}

/**
 * mk_team_chart_get_bar_area:
 * @self: the chart
 * @bar: a bar, from the top
 * @area: (out): where the bar is drawn, in the chart's coordinates
 *
 * Returns: %FALSE when there is no such bar.
 */
gboolean
mk_team_chart_get_bar_area (MkTeamChart     *self,
                            guint            bar,
                            graphene_rect_t *area)
{
  MkTeamChartGeometry geo;

  g_return_val_if_fail (MK_IS_TEAM_CHART (self), FALSE);
  if (bar >= self->rows->len)
    return FALSE;
  mk_team_chart_get_geometry (self, gtk_widget_get_width (GTK_WIDGET (self)), &geo);
  graphene_rect_init (area, geo.bar_x, AXIS_HEIGHT + bar * ROW_HEIGHT + BAR_TOP,
                      geo.bar_width, BAR_HEIGHT);
  return TRUE;
}

static void
mk_team_chart_map (GtkWidget *widget)
{
  MkTeamChart *self = MK_TEAM_CHART (widget);
  GtkWidget *viewport;

  GTK_WIDGET_CLASS (mk_team_chart_parent_class)->map (widget);

  viewport = gtk_widget_get_ancestor (widget, GTK_TYPE_VIEWPORT);
  if (viewport != NULL)
    {
      self->vadjustment = g_object_ref (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (viewport)));
      self->scrolled_id = g_signal_connect_swapped (self->vadjustment, "value-changed",
                                                    G_CALLBACK (scrolled_cb), self);
      self->resized_id = g_signal_connect_swapped (self->vadjustment, "changed",
                                                   G_CALLBACK (scrolled_cb), self);
    }
}

static void
mk_team_chart_unmap (GtkWidget *widget)
{
  MkTeamChart *self = MK_TEAM_CHART (widget);

  if (self->vadjustment != NULL)
    {
      g_clear_signal_handler (&self->scrolled_id, self->vadjustment);
      g_clear_signal_handler (&self->resized_id, self->vadjustment);
    }
  g_clear_object (&self->vadjustment);

  GTK_WIDGET_CLASS (mk_team_chart_parent_class)->unmap (widget);
}

static void
mk_team_chart_css_changed (GtkWidget         *widget,
                           GtkCssStyleChange *change)
{
  MkTeamChart *self = MK_TEAM_CHART (widget);

  GTK_WIDGET_CLASS (mk_team_chart_parent_class)->css_changed (widget, change);
  /* The font may have changed: measure the names again. */
  self->label_width = -1;
  gtk_widget_queue_resize (widget);
}

static void
mk_team_chart_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  MkTeamChart *self = MK_TEAM_CHART (object);

  switch (prop_id)
    {
    case PROP_ANALYSIS:
      g_value_set_object (value, self->analysis);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mk_team_chart_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  MkTeamChart *self = MK_TEAM_CHART (object);

  switch (prop_id)
    {
    case PROP_ANALYSIS:
      mk_team_chart_set_analysis (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mk_team_chart_finalize (GObject *object)
{
  MkTeamChart *self = MK_TEAM_CHART (object);

  g_clear_object (&self->analysis);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (mk_team_chart_parent_class)->finalize (object);
}

static void
mk_team_chart_class_init (MkTeamChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = mk_team_chart_finalize;
  object_class->get_property = mk_team_chart_get_property;
  object_class->set_property = mk_team_chart_set_property;

  widget_class->snapshot = mk_team_chart_snapshot;
  widget_class->measure = mk_team_chart_measure;
  widget_class->query_tooltip = mk_team_chart_query_tooltip;
  widget_class->css_changed = mk_team_chart_css_changed;
  widget_class->map = mk_team_chart_map;
  widget_class->unmap = mk_team_chart_unmap;

  properties[PROP_ANALYSIS] =
    g_param_spec_object ("analysis", NULL, NULL, MK_TYPE_ANALYSIS,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MkTeamChart::manager-activated:
   * @self: the chart
   * @name: the manager whose bar was clicked or activated
   */
  signals[MANAGER_ACTIVATED] =
    g_signal_new ("manager-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_css_name (widget_class, "teamchart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
mk_team_chart_init (MkTeamChart *self)
{
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->label_width = -1;
  self->hover_row = self->hover_category = -1;
  self->focus_row = -1;
  self->press_row = -1;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "pointer");

  mk_team_chart_add_controllers (self);

  update_accessible (self);
}

/**
 * mk_team_chart_new:
 *
 * Returns: (transfer full): a new, empty chart.
 */
GtkWidget *
mk_team_chart_new (void)
{
  return g_object_new (MK_TYPE_TEAM_CHART, NULL);
}
