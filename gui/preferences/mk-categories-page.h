/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mk-store.h"

G_BEGIN_DECLS

#define MK_TYPE_CATEGORIES_PAGE (mk_categories_page_get_type ())

G_DECLARE_FINAL_TYPE (MkCategoriesPage, mk_categories_page, MK, CATEGORIES_PAGE,
                      AdwPreferencesPage)

void mk_categories_page_set_store     (MkCategoriesPage *self,
                                       MkStore          *store);
void mk_categories_page_edit_category (MkCategoriesPage *self,
                                       gint64            category_id);

/* Shared with the category editor. */
const char *mk_category_kind_label     (MkCategoryKind kind);
char       *mk_category_describe       (MkStore        *store,
                                        MkCategory     *category);
GtkWidget  *mk_category_swatch_new     (const char     *color);

G_END_DECLS
