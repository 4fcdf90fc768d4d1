/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-store-aliases.h — listing and removing the words that mean a category.
 *
 * Adding and looking up aliases is in mk-store.h (mk_store_add_alias,
 * mk_store_lookup_alias); this header adds what Preferences needs to show
 * and prune them.
 */
#pragma once

#include "mk-store.h"

G_BEGIN_DECLS

char     **mk_store_list_aliases  (MkStore     *self,
                                   gint64       category_id,
                                   GError     **error);
gboolean   mk_store_remove_alias  (MkStore     *self,
                                   const char  *text,
                                   GError     **error);

G_END_DECLS
