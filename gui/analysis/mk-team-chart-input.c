/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-team-chart-input.c — the team chart under the pointer and the keyboard.
 *
 * Hit-testing a point to a bar and a segment, the tooltip of a segment
 * (minutes, share, peer median, target) or of a name (the sample and the
 * time to win back), hover highlighting, a click on a bar, and the keys:
 * Up/Down/Home/End move the focused bar and keep it in view, Enter or Space
 * opens it.  Everything said comes from mk-analysis-format.
 */
#define G_LOG_DOMAIN "mk-team-chart"

#include "config.h"

#include "mk-analysis-format.h"
#include "mk-team-chart-private.h"

/* Which bar and which segment (or -1) lie under (@x, @y). */
static int
hit_test (MkTeamChart *self,
          double       x,
          double       y,
          int         *category)
{
  MkTeamChartGeometry geo;
  MkManagerResult *manager;
  guint n;
  double start = 0;
  int row;

  *category = -1;
  if (self->analysis == NULL || y < AXIS_HEIGHT)
    return -1;
  row = (int) ((y - AXIS_HEIGHT) / ROW_HEIGHT);
  if (row < 0 || row >= (int) self->rows->len)
    return -1;

  mk_team_chart_get_geometry (self, gtk_widget_get_width (GTK_WIDGET (self)), &geo);
  if (x < geo.bar_x || x > geo.bar_x + geo.bar_width)
    return row;

  manager = self->rows->pdata[row];
  n = mk_analysis_get_n_categories (self->analysis);
  for (guint c = 0; c < n; c++)
    {
      double share = mk_team_chart_share_of (manager, c);

      if (share > 0 && x < geo.bar_x + (start + share) * geo.bar_width)
        {
          *category = c;
          break;
        }
      start += share;
    }
  return row;
}

gboolean
mk_team_chart_query_tooltip (GtkWidget  *widget,
                             int         x,
                             int         y,
                             gboolean    keyboard_mode,
                             GtkTooltip *tooltip)
{
  MkTeamChart *self = MK_TEAM_CHART (widget);
  g_autofree char *markup = NULL;
  int category = -1;
  int row;

  if (keyboard_mode)
    row = self->focus_row;
  else
    row = hit_test (self, x, y, &category);
  if (row < 0 || row >= (int) self->rows->len)
    return FALSE;

  markup = category >= 0
           ? mk_format_segment_tooltip (self->analysis, self->rows->pdata[row], category)
           : mk_format_manager_tooltip (self->rows->pdata[row]);
  gtk_tooltip_set_markup (tooltip, markup);
  /* A new tooltip as soon as the pointer crosses into another segment. */
  if (category >= 0)
    {
      MkTeamChartGeometry geo;
      MkManagerResult *manager = self->rows->pdata[row];
      double start = 0;

      mk_team_chart_get_geometry (self, gtk_widget_get_width (widget), &geo);
      for (int c = 0; c < category; c++)
        start += mk_team_chart_share_of (manager, c);
      gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) {
        (int) (geo.bar_x + start * geo.bar_width), AXIS_HEIGHT + row * ROW_HEIGHT,
        MAX ((int) (mk_team_chart_share_of (manager, category) * geo.bar_width), 1), ROW_HEIGHT });
    }
  else
    gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { 0, AXIS_HEIGHT + row * ROW_HEIGHT,
                                                         gtk_widget_get_width (widget),
                                                         ROW_HEIGHT });
  return TRUE;
}

static void
motion_cb (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           MkTeamChart              *self)
{
  int category;
  int row = hit_test (self, x, y, &category);

  if (row != self->hover_row || category != self->hover_category)
    {
      self->hover_row = row;
      self->hover_category = category;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
leave_cb (GtkEventControllerMotion *motion,
          MkTeamChart              *self)
{
  self->hover_row = -1;
  self->hover_category = -1;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
pressed_cb (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            MkTeamChart     *self)
{
  int category;

  self->press_row = hit_test (self, x, y, &category);
  if (self->press_row >= 0)
    {
      self->focus_row = self->press_row;
      gtk_widget_grab_focus (GTK_WIDGET (self));
    }
}

static void
released_cb (GtkGestureClick *gesture,
             int              n_press,
             double           x,
             double           y,
             MkTeamChart     *self)
{
  int category;
  int row = hit_test (self, x, y, &category);

  if (row >= 0 && row == self->press_row)
    mk_team_chart_activate_row (self, row);
  self->press_row = -1;
}

/* Keeps the focused bar in view when the keyboard moves it. */
static void
scroll_to_row (MkTeamChart *self,
               int          row)
{
  GtkWidget *viewport = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_VIEWPORT);
  graphene_point_t top;
  double value, page;

  if (viewport == NULL || self->vadjustment == NULL
      || !gtk_widget_compute_point (GTK_WIDGET (self), viewport,
                                    &GRAPHENE_POINT_INIT (0, AXIS_HEIGHT + row * ROW_HEIGHT),
                                    &top))
    return;

  value = gtk_adjustment_get_value (self->vadjustment);
  page = gtk_adjustment_get_page_size (self->vadjustment);
  if (top.y < 0)
    gtk_adjustment_set_value (self->vadjustment, value + top.y);
  else if (top.y + ROW_HEIGHT > page)
    gtk_adjustment_set_value (self->vadjustment, value + top.y + ROW_HEIGHT - page);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *key,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                MkTeamChart           *self)
{
  int n = (int) self->rows->len;
  int row = self->focus_row;

  if (n == 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      if (row <= 0)
        return FALSE;   /* let focus leave the chart upwards */
      row--;
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      if (row >= n - 1)
        return FALSE;
      row = row < 0 ? 0 : row + 1;
      break;
    case GDK_KEY_Home:
      row = 0;
      break;
    case GDK_KEY_End:
      row = n - 1;
      break;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_space:
      mk_team_chart_activate_row (self, MAX (row, 0));
      return TRUE;
    default:
      return FALSE;
    }

  self->focus_row = row;
  scroll_to_row (self, row);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

static void
focus_changed_cb (MkTeamChart *self)
{
  if (self->focus_row < 0 && self->rows->len > 0)
    self->focus_row = 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Puts the pointer, click, key and focus controllers on the chart. */
void
mk_team_chart_add_controllers (MkTeamChart *self)
{
  GtkEventController *motion;
  GtkEventController *key;
  GtkEventController *focus;
  GtkGesture *click;

  motion = gtk_event_controller_motion_new ();
  g_signal_connect (motion, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (motion, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (pressed_cb), self);
  g_signal_connect (click, "released", G_CALLBACK (released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  key = gtk_event_controller_key_new ();
  g_signal_connect (key, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (focus_changed_cb), self);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (gtk_widget_queue_draw), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
}
