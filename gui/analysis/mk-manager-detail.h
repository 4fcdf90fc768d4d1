/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-manager-detail.h — one manager's analysis, in detail. */
#pragma once

#include <gtk/gtk.h>

#include "mk-analysis.h"
#include "mk-store.h"

G_BEGIN_DECLS

#define MK_TYPE_MANAGER_DETAIL (mk_manager_detail_get_type ())
G_DECLARE_FINAL_TYPE (MkManagerDetail, mk_manager_detail, MK, MANAGER_DETAIL, GtkWidget)

GtkWidget  *mk_manager_detail_new         (void);
void        mk_manager_detail_show        (MkManagerDetail *self,
                                           MkStore         *store,
                                           MkAnalysis      *analysis,
                                           const char      *name);
const char *mk_manager_detail_get_name    (MkManagerDetail *self);
gboolean    mk_manager_detail_has_result  (MkManagerDetail *self);
gboolean    mk_manager_detail_get_days_loading (MkManagerDetail *self);
void        mk_manager_detail_set_can_go_back  (MkManagerDetail *self,
                                                gboolean         can_go_back);

G_END_DECLS
