/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-import-preview-page.h — how one CSV file will be imported, and the user's corrections. */
#pragma once

#include <gtk/gtk.h>

#include "mk-importer.h"
#include "mk-store.h"

G_BEGIN_DECLS

#define MK_TYPE_IMPORT_PREVIEW_PAGE (mk_import_preview_page_get_type ())

G_DECLARE_FINAL_TYPE (MkImportPreviewPage, mk_import_preview_page, MK, IMPORT_PREVIEW_PAGE,
                      GtkWidget)

void          mk_import_preview_page_load          (MkImportPreviewPage *self,
                                                    MkStore             *store,
                                                    GFile               *file);
gboolean      mk_import_preview_page_get_loading   (MkImportPreviewPage *self);
gboolean      mk_import_preview_page_get_ready     (MkImportPreviewPage *self);
const GError *mk_import_preview_page_get_error     (MkImportPreviewPage *self);
const char   *mk_import_preview_page_get_path      (MkImportPreviewPage *self);
const char   *mk_import_preview_page_get_problem   (MkImportPreviewPage *self);
GListModel   *mk_import_preview_page_get_rows      (MkImportPreviewPage *self);
void          mk_import_preview_page_get_options   (MkImportPreviewPage *self,
                                                    MkImportOptions     *options);
void          mk_import_preview_page_set_skip_invalid (MkImportPreviewPage *self,
                                                       gboolean             skip_invalid);
gboolean      mk_import_preview_page_choose_category (MkImportPreviewPage *self,
                                                      const char          *text,
                                                      const char          *key);

G_END_DECLS
