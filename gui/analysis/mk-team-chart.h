/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-team-chart.h — one bar per manager, split by category. */
#pragma once

#include <gtk/gtk.h>

#include "mk-analysis.h"

G_BEGIN_DECLS

#define MK_TYPE_TEAM_CHART (mk_team_chart_get_type ())
G_DECLARE_FINAL_TYPE (MkTeamChart, mk_team_chart, MK, TEAM_CHART, GtkWidget)

GtkWidget  *mk_team_chart_new                 (void);
void        mk_team_chart_set_analysis        (MkTeamChart *self,
                                               MkAnalysis  *analysis);
MkAnalysis *mk_team_chart_get_analysis        (MkTeamChart *self);
guint       mk_team_chart_get_n_bars          (MkTeamChart *self);
const char *mk_team_chart_get_bar_name        (MkTeamChart *self,
                                               guint        bar);
gboolean    mk_team_chart_get_bar_area        (MkTeamChart     *self,
                                               guint            bar,
                                               graphene_rect_t *area);
char       *mk_team_chart_describe            (MkTeamChart *self);

G_END_DECLS
