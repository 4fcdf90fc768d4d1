/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mk-store.h"

G_BEGIN_DECLS

#define MK_TYPE_CATEGORY_EDITOR (mk_category_editor_get_type ())

G_DECLARE_FINAL_TYPE (MkCategoryEditor, mk_category_editor, MK, CATEGORY_EDITOR, GtkBox)

MkCategoryEditor *mk_category_editor_new (MkStore *store,
                                          gint64   category_id);

G_END_DECLS
