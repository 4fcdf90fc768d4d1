/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-chart-legend.h — the key to the team chart's colours and marks. */
#pragma once

#include <gtk/gtk.h>

#include "mk-analysis.h"

G_BEGIN_DECLS

#define MK_TYPE_CHART_LEGEND (mk_chart_legend_get_type ())
G_DECLARE_FINAL_TYPE (MkChartLegend, mk_chart_legend, MK, CHART_LEGEND, GtkWidget)

GtkWidget *mk_chart_legend_new          (void);
void       mk_chart_legend_set_analysis (MkChartLegend *self,
                                         MkAnalysis    *analysis);

G_END_DECLS
