/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-key-set.h — a set of 64-bit keys in one flat array.
 *
 * 8 bytes a slot, no allocation per key, at most 70% full: a million
 * fingerprints take 16 MB.  The importer numbers identical rows with it and
 * the bulk insert remembers the fingerprints already in the database.  Zero
 * is not a valid key.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  guint64 *slots;
  gsize    mask;
  gsize    n;
} MkKeySet;

void      mk_key_set_init     (MkKeySet       *set);
void      mk_key_set_init_sized (MkKeySet     *set,
                                 gsize         expected);
void      mk_key_set_clear    (MkKeySet       *set);
gboolean  mk_key_set_add      (MkKeySet       *set,
                               guint64         key);
gboolean  mk_key_set_contains (const MkKeySet *set,
                               guint64         key);

G_END_DECLS
