/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-imports-group.h — Preferences → Data → Imports: each imported file, and Remove. */
#pragma once

#include <adwaita.h>

#include "mk-store.h"

G_BEGIN_DECLS

#define MK_TYPE_IMPORTS_GROUP (mk_imports_group_get_type ())

G_DECLARE_FINAL_TYPE (MkImportsGroup, mk_imports_group, MK, IMPORTS_GROUP, AdwPreferencesGroup)

void     mk_imports_group_set_store   (MkImportsGroup *self,
                                       MkStore        *store);
gboolean mk_imports_group_get_loading (MkImportsGroup *self);
guint    mk_imports_group_get_n_imports (MkImportsGroup *self);
void     mk_imports_group_remove      (MkImportsGroup *self,
                                       gint64          batch_id);

G_END_DECLS
