/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-import-category-choices.h — a Minutka category for each text of a file that has no alias. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MK_TYPE_IMPORT_CATEGORY_CHOICES (mk_import_category_choices_get_type ())

G_DECLARE_FINAL_TYPE (MkImportCategoryChoices, mk_import_category_choices, MK,
                      IMPORT_CATEGORY_CHOICES, AdwPreferencesGroup)

void                mk_import_category_choices_reset      (MkImportCategoryChoices *self,
                                                           GListModel              *categories);
void                mk_import_category_choices_show       (MkImportCategoryChoices *self,
                                                           GPtrArray               *unmapped);
const char         *mk_import_category_choices_lookup     (MkImportCategoryChoices *self,
                                                           const char              *text);
const char * const *mk_import_category_choices_get_maps   (MkImportCategoryChoices *self);
gboolean            mk_import_category_choices_choose     (MkImportCategoryChoices *self,
                                                           const char              *text,
                                                           const char              *key);

G_END_DECLS
