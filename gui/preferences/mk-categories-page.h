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

G_END_DECLS
