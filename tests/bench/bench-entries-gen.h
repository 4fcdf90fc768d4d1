/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-entries-gen.h — the database behind the Entries page benchmark. */
#pragma once

#include "mk-store.h"

G_BEGIN_DECLS

gboolean bench_entries_generate (const char *path,
                                 gint64      n_entries,
                                 GError    **error);

G_END_DECLS
