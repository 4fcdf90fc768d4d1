/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-import-row-item.h — one previewed CSV row, as the Import dialog's table shows it. */
#pragma once

#include <glib-object.h>

#include "mk-importer.h"

G_BEGIN_DECLS

#define MK_TYPE_IMPORT_ROW_ITEM (mk_import_row_item_get_type ())

G_DECLARE_FINAL_TYPE (MkImportRowItem, mk_import_row_item, MK, IMPORT_ROW_ITEM, GObject)

MkImportRowItem *mk_import_row_item_new           (const MkPreviewRow *row,
                                                   const char         *category_name);
guint64          mk_import_row_item_get_line      (MkImportRowItem    *self);
const char      *mk_import_row_item_get_day       (MkImportRowItem    *self);
const char      *mk_import_row_item_get_person    (MkImportRowItem    *self);
const char      *mk_import_row_item_get_category  (MkImportRowItem    *self);
int              mk_import_row_item_get_minutes   (MkImportRowItem    *self);
const char      *mk_import_row_item_get_task      (MkImportRowItem    *self);
const char      *mk_import_row_item_get_problem   (MkImportRowItem    *self);
gboolean         mk_import_row_item_get_skipped   (MkImportRowItem    *self);
gboolean         mk_import_row_item_get_empty     (MkImportRowItem    *self);

G_END_DECLS
