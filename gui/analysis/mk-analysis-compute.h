/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-analysis-compute.h — an MkAnalysis of the store, in a worker thread. */
#pragma once

#include <gio/gio.h>

#include "mk-analysis.h"
#include "mk-store.h"

G_BEGIN_DECLS

/**
 * MkAnalysisPeriod:
 * @MK_ANALYSIS_PERIOD_STUDY: the active study, else the last three logged days
 * @MK_ANALYSIS_PERIOD_LAST_DAYS: the last three days with logged time
 * @MK_ANALYSIS_PERIOD_WEEK: this week, Monday to Sunday
 * @MK_ANALYSIS_PERIOD_CUSTOM: a range the user picked
 */
typedef enum {
  MK_ANALYSIS_PERIOD_STUDY,
  MK_ANALYSIS_PERIOD_LAST_DAYS,
  MK_ANALYSIS_PERIOD_WEEK,
  MK_ANALYSIS_PERIOD_CUSTOM,
} MkAnalysisPeriod;

/**
 * MkAnalysisComputed:
 * @analysis: (nullable): the analysis, %NULL when nothing is logged at all
 * @study_name: (nullable): the study's name when the period is a study
 * @nothing_logged: the database holds no time at all
 * @usec: how long the computation took
 */
typedef struct {
  MkAnalysis *analysis;
  char       *study_name;
  gboolean    nothing_logged;
  gint64      usec;
} MkAnalysisComputed;

void                mk_analysis_compute_async  (const char          *db_path,
                                                MkAnalysisPeriod     period,
                                                const char          *from,
                                                const char          *to,
                                                MkPeerMode           mode,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
MkAnalysisComputed *mk_analysis_compute_finish (GAsyncResult        *result,
                                                GError             **error);
void                mk_analysis_computed_free  (MkAnalysisComputed  *computed);
void                mk_analysis_week_range     (char               **from,
                                                char               **to);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MkAnalysisComputed, mk_analysis_computed_free)

G_END_DECLS
