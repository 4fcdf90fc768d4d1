/* mk-store-bulk-rollup.c — the compact tables behind a bulk's rollups.
 *
 * Entry lengths are counted per (person, day, category, minutes); a big
 * import has hundreds of thousands of such keys, so they are packed into
 * 64-bit keys (see mk-store-bulk.c) and counted in one flat open-addressing
 * table of 12 bytes a slot, at most 70% full, instead of a hash table of
 * allocated nodes.  Ranking helpers turn the dense person and day indexes
 * into id and date order for writing in key order.
 */
#define G_LOG_DOMAIN "mk-store-bulk"

#include "config.h"

#include <stdlib.h>

#include "mk-store-bulk-rollup.h"

static void length_table_grow (MkLengthTable *t);

static inline gsize
length_slot (guint64 key,
             gsize   mask)
{
  key ^= key >> 31;
  key *= G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  key ^= key >> 29;
  return (gsize) key & mask;
}

/* An empty table. */
void
mk_length_table_init (MkLengthTable *t)
{
  t->mask = 4095;
  t->n = 0;
  t->keys = g_new0 (guint64, t->mask + 1);
  t->counts = g_new0 (guint32, t->mask + 1);
}

/* Frees the table's arrays. */
void
mk_length_table_clear (MkLengthTable *t)
{
  g_clear_pointer (&t->keys, g_free);
  g_clear_pointer (&t->counts, g_free);
}

static void
length_table_grow (MkLengthTable *t)
{
  MkLengthTable old = *t;

  t->mask = (old.mask + 1) * 2 - 1;
  t->n = 0;
  t->keys = g_new0 (guint64, t->mask + 1);
  t->counts = g_new0 (guint32, t->mask + 1);
  for (gsize i = 0; i <= old.mask; i++)
    if (old.keys[i] != 0)
      mk_length_table_add (t, old.keys[i], old.counts[i]);
  mk_length_table_clear (&old);
}

/* The count of @key (not zero), added with count 0 if it was not there;
 * valid until the next call. */
guint32 *
mk_length_table_slot (MkLengthTable *t,
                      guint64        key)
{
  gsize j;

  if ((t->n + 1) * 10 > (t->mask + 1) * 7)
    length_table_grow (t);
  j = length_slot (key, t->mask);
  while (t->keys[j] != 0 && t->keys[j] != key)
    j = (j + 1) & t->mask;
  if (t->keys[j] == 0)
    {
      t->keys[j] = key;
      t->n++;
    }
  return &t->counts[j];
}

/* Adds @count to the count of @key (not zero), growing the table as needed. */
void
mk_length_table_add (MkLengthTable *t,
                     guint64        key,
                     guint32        count)
{
  *mk_length_table_slot (t, key) += count;
}

static int
compare_int64 (const void *a,
               const void *b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* (transfer full): @values (gint64) in ascending order. */
GArray *
mk_bulk_sorted_copy (GArray *values)
{
  GArray *copy = g_array_sized_new (FALSE, FALSE, sizeof (gint64), values->len);

  g_array_append_vals (copy, values->data, values->len);
  g_array_sort (copy, compare_int64);
  return copy;
}

/* For each value, its position in ascending order (values are distinct). */
guint *
mk_bulk_rank_values (GArray *values)
{
  g_autoptr(GArray) sorted = mk_bulk_sorted_copy (values);
  guint *rank = g_new (guint, values->len + 1);

  for (guint i = 0; i < values->len; i++)
    {
      gint64 v = g_array_index (values, gint64, i);
      const gint64 *found = bsearch (&v, sorted->data, sorted->len, sizeof (gint64),
                                     compare_int64);

      rank[i] = (guint) (found - (const gint64 *) (gconstpointer) sorted->data);
    }
  return rank;
}

