/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-team-chart-private.h — the team chart's insides, shared by its
 * drawing (mk-team-chart.c) and its input handling (mk-team-chart-input.c). */
#pragma once

#include "mk-team-chart.h"

G_BEGIN_DECLS

#define AXIS_HEIGHT    22
#define ROW_HEIGHT     34
#define BAR_TOP        5
#define BAR_HEIGHT     18
#define MARK_HEIGHT    6
#define LABEL_GAP      12
#define RIGHT_PAD      14
#define MIN_BAR_WIDTH  120

struct _MkTeamChart
{
  GtkWidget   parent_instance;

  MkAnalysis *analysis;
  GPtrArray  *rows;          /* MkManagerResult, in ranking order */
  int         label_width;   /* widest name in pixels, -1 until measured */

  int         hover_row;
  int         hover_category;
  int         focus_row;
  int         press_row;
  guint       drawn_first;   /* rows drawn in the last snapshot */
  guint       drawn_last;
  GtkAdjustment *vadjustment; /* of the viewport the chart scrolls in */
  gulong      scrolled_id;
  gulong      resized_id;
};

typedef struct {
  double label_width;
  double bar_x;
  double bar_width;
} MkTeamChartGeometry;

void     mk_team_chart_get_geometry    (MkTeamChart         *self,
                                        int                  width,
                                        MkTeamChartGeometry *geo);
double   mk_team_chart_share_of        (MkManagerResult     *manager,
                                        guint                category);
void     mk_team_chart_activate_row    (MkTeamChart         *self,
                                        int                  row);
void     mk_team_chart_add_controllers (MkTeamChart         *self);
gboolean mk_team_chart_query_tooltip   (GtkWidget           *widget,
                                        int                  x,
                                        int                  y,
                                        gboolean             keyboard_mode,
                                        GtkTooltip          *tooltip);

G_END_DECLS
