/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mk-analysis.h"

G_BEGIN_DECLS

gboolean mk_analysis_print (GtkWindow               *parent,
                            MkAnalysis              *analysis,
                            GtkPrintOperationAction  action,
                            const char              *export_filename,
                            GError                 **error);

G_END_DECLS
