/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-analysis-format.h — the analysis's numbers as the window writes them. */
#pragma once

#include <glib.h>

#include "mk-analysis.h"
#include "mk-format.h"

G_BEGIN_DECLS

char       *mk_format_median          (MkManagerResult  *manager,
                                       double            median);
char       *mk_format_period_title    (MkAnalysis       *analysis,
                                       MkAnalysisPeriod  period,
                                       const char       *study_name);
char       *mk_format_team_profile    (MkAnalysis       *analysis);
void        mk_analysis_get_profile_percents (MkAnalysis *analysis,
                                              int        *selling,
                                              int        *supporting,
                                              int        *non_selling);
char       *mk_format_finding         (MkFinding        *finding);
const char *mk_severity_icon_name     (MkSeverity        severity);
char       *mk_format_manager_tooltip (MkManagerResult  *manager);
char       *mk_format_segment_tooltip (MkAnalysis       *analysis,
                                       MkManagerResult  *manager,
                                       guint             category);
char       *mk_format_chart_table     (MkAnalysis       *analysis);

G_END_DECLS
