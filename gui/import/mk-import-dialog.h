/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-import-dialog.h — Import CSV…: preview, correct and import timesheet files. */
#pragma once

#include <adwaita.h>

#include "mk-window.h"

G_BEGIN_DECLS

#define MK_TYPE_IMPORT_DIALOG (mk_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (MkImportDialog, mk_import_dialog, MK, IMPORT_DIALOG, AdwWindow)

MkImportDialog *mk_import_dialog_new              (MkWindow       *parent);
void            mk_import_dialog_open_files       (MkImportDialog *self,
                                                   GListModel     *files);
const char     *mk_import_dialog_get_page         (MkImportDialog *self);
void            mk_import_dialog_choose_files     (MkWindow       *parent);
void            mk_import_dialog_add_drop_target  (MkWindow       *window);

G_END_DECLS
