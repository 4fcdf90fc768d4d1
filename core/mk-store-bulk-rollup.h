/* mk-store-bulk-rollup.h — compact tables for a bulk's rollups (private). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Packed keys → counts; zero is not a key. */
typedef struct {
  guint64 *keys;
  guint32 *counts;
  gsize    mask;
  gsize    n;
} MkLengthTable;

void    mk_length_table_init  (MkLengthTable *t);
void    mk_length_table_clear (MkLengthTable *t);
guint32 *mk_length_table_slot (MkLengthTable *t,
                               guint64        key);
void    mk_length_table_add   (MkLengthTable *t,
                               guint64        key,
                               guint32        count);
GArray *mk_bulk_sorted_copy   (GArray        *values);
guint  *mk_bulk_rank_values   (GArray        *values);

G_END_DECLS
