/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-store-order.h — moving a category up or down the user's list. */
#pragma once

#include "mk-store.h"

G_BEGIN_DECLS

gboolean mk_store_move_category (MkStore  *self,
                                 gint64    category_id,
                                 int       delta,
                                 GError  **error);

G_END_DECLS
