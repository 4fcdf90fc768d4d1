/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-analysis-page.h — the Analysis page: where the team's day goes. */
#pragma once

#include <gtk/gtk.h>

#include "mk-analysis.h"
#include "mk-store.h"

G_BEGIN_DECLS

#define MK_TYPE_ANALYSIS_PAGE (mk_analysis_page_get_type ())
G_DECLARE_FINAL_TYPE (MkAnalysisPage, mk_analysis_page, MK, ANALYSIS_PAGE, GtkWidget)

GtkWidget  *mk_analysis_page_new               (void);
void        mk_analysis_page_set_store         (MkAnalysisPage   *self,
                                                MkStore          *store);
MkAnalysis *mk_analysis_page_get_analysis      (MkAnalysisPage   *self);
gboolean    mk_analysis_page_get_busy          (MkAnalysisPage   *self);
void        mk_analysis_page_set_period        (MkAnalysisPage   *self,
                                                MkAnalysisPeriod  period,
                                                const char       *from,
                                                const char       *to);
void        mk_analysis_page_set_peer_mode     (MkAnalysisPage   *self,
                                                MkPeerMode        mode);
gboolean    mk_analysis_page_show_manager      (MkAnalysisPage   *self,
                                                const char       *name);
void        mk_analysis_page_show_person       (MkAnalysisPage   *self,
                                                const char       *name_or_id);
const char *mk_analysis_page_get_shown_manager (MkAnalysisPage   *self);

G_END_DECLS
