/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-top-tasks-view.h — what the team's time went on. */
#pragma once

#include <gtk/gtk.h>

#include "mk-analysis.h"

G_BEGIN_DECLS

#define MK_TYPE_TOP_TASKS_VIEW (mk_top_tasks_view_get_type ())
G_DECLARE_FINAL_TYPE (MkTopTasksView, mk_top_tasks_view, MK, TOP_TASKS_VIEW, GtkWidget)

GtkWidget *mk_top_tasks_view_new          (void);
void       mk_top_tasks_view_set_analysis (MkTopTasksView *self,
                                           MkAnalysis     *analysis);
guint      mk_top_tasks_view_get_n_rows   (MkTopTasksView *self);
guint      mk_top_tasks_view_get_n_pending (MkTopTasksView *self);

G_END_DECLS
