/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-team-totals.h — the team's anonymous totals as an analysis input, and
 * a manager's own analysis against them (mk-team-totals.c). */
#pragma once

#include "mk-analysis.h"
#include "mk-store.h"

G_BEGIN_DECLS

MkAnalysisInput *mk_team_read_totals (MkStore    *store,
                                      const char *password,
                                      const char *from,
                                      const char *to,
                                      GError    **error);

MkAnalysis      *mk_team_analyse_mine        (MkStore             *store,
                                              const char          *password,
                                              MkAnalysisPeriod     period,
                                              const char          *from,
                                              const char          *to,
                                              char               **study_name,
                                              GError             **error);
void             mk_team_analyse_mine_async  (MkStore             *store,
                                              const char          *password,
                                              MkAnalysisPeriod     period,
                                              const char          *from,
                                              const char          *to,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
MkAnalysis      *mk_team_analyse_mine_finish (GAsyncResult        *result,
                                              char               **study_name,
                                              GError             **error);

G_END_DECLS
