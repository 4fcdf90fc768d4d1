/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-findings-view.h — the analysis's findings, grouped by manager. */
#pragma once

#include <gtk/gtk.h>

#include "mk-analysis.h"

G_BEGIN_DECLS

#define MK_TYPE_FINDINGS_VIEW (mk_findings_view_get_type ())
G_DECLARE_FINAL_TYPE (MkFindingsView, mk_findings_view, MK, FINDINGS_VIEW, GtkWidget)

GtkWidget *mk_findings_view_new          (void);
void       mk_findings_view_set_analysis (MkFindingsView *self,
                                          MkAnalysis     *analysis);
guint      mk_findings_view_get_n_groups (MkFindingsView *self);
gboolean   mk_findings_view_get_complete (MkFindingsView *self);
void       mk_findings_view_delay        (MkFindingsView *self,
                                          guint           frames);
GtkWidget *mk_findings_row_new           (MkFinding      *finding,
                                          gboolean        strip_name);

G_END_DECLS
