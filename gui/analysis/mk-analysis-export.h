/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-analysis-export.h — the analysis report to a file, chosen by the user. */
#pragma once

#include <gtk/gtk.h>

#include "mk-analysis.h"
#include "mk-report.h"

G_BEGIN_DECLS

void     mk_analysis_export_choose (GtkWindow           *parent,
                                    MkAnalysis          *analysis,
                                    MkReportFormat       format);
void     mk_analysis_export_async  (MkAnalysis          *analysis,
                                    MkReportFormat       format,
                                    GFile               *file,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
gboolean mk_analysis_export_finish (GAsyncResult        *result,
                                    GError             **error);

G_END_DECLS
