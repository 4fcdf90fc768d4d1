/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-store-lengths.c — the entry-length histograms kept in day_total.
 *
 * Each day_total row (person, day, category) carries in its `lengths`
 * column how many of its entries have each length, the input of the
 * analysis's median entry lengths.  The histogram is a BLOB of unsigned
 * LEB128 varints: minutes, count, minutes, count …, minutes strictly
 * ascending and every count above zero.  That encoding is canonical: two
 * histograms are equal exactly when their blobs are, which is what
 * mk_store_check() compares.
 *
 * One row per (person, day, category) instead of one per distinct length
 * keeps the rollups as small as the day totals themselves: a million
 * imported entries of random lengths made half a million length rows,
 * the largest cost of an import after the entries.
 *
 * The connection gets three SQL functions so that statements keep the
 * histogram exact in the same statement that updates the totals:
 *   mk_lengths_add (blob, minutes, delta)  the histogram with delta entries
 *                                          of that length added (or removed);
 *   mk_lengths_merge (blob, blob)          the sum of two histograms;
 *   mk_lengths_of (minutes [, count])      aggregate: the histogram of a group.
 * A malformed blob makes them fail with an error instead of guessing.
 */
#define G_LOG_DOMAIN "mk-store"

#include "config.h"

#include <string.h>

#include "mk-store-private.h"

#define MAX_MINUTES 1440

/* A dense histogram, for the aggregate: counts by minutes. */
typedef struct {
  gint64   counts[MAX_MINUTES + 1];
  int      min;
  int      max;
  gboolean started;
  gboolean bad;
} Dense;

static void
put_varint (GByteArray *out,
            guint64     value)
{
  guint8 byte;

  do
    {
      byte = value & 0x7f;
      value >>= 7;
      if (value != 0)
        byte |= 0x80;
      g_byte_array_append (out, &byte, 1);
    }
  while (value != 0);
}

static gboolean
get_varint (const guint8 **p,
            const guint8  *end,
            guint64       *value)
{
  guint64 v = 0;

  for (guint shift = 0; shift < 64; shift += 7)
    {
      guint8 byte;

      if (*p >= end)
        return FALSE;
      byte = *(*p)++;
      v |= (guint64) (byte & 0x7f) << shift;
      if ((byte & 0x80) == 0)
        {
          *value = v;
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * mk_store_lengths_decode:
 * @blob: (nullable): a histogram blob; %NULL is the empty histogram
 * @size: its size in bytes
 * @bins: a #GArray of #MkStoreLengthBin the bins are appended to
 *
 * Returns: %FALSE if @blob is not a canonical histogram (then @bins may
 *   have some of its bins).
 */
gboolean
mk_store_lengths_decode (const void *blob,
                         gsize       size,
                         GArray     *bins)
{
  const guint8 *p = blob;
  const guint8 *end = p + size;
  guint64 last = 0;

  if (blob == NULL)
    return size == 0;
  while (p < end)
    {
      MkStoreLengthBin bin;
      guint64 minutes;
      guint64 count;

      if (!get_varint (&p, end, &minutes) || !get_varint (&p, end, &count) ||
          minutes <= last || minutes > MAX_MINUTES || count == 0 || count > G_MAXINT32)
        return FALSE;
      bin.minutes = (int) minutes;
      bin.count = (gint64) count;
      g_array_append_val (bins, bin);
      last = minutes;
    }
  return TRUE;
}

/**
 * mk_store_lengths_encode:
 * @bins: bins with minutes strictly ascending
 * @n_bins: how many
 * @out: where the blob is appended; bins with a count of zero or less are left out
 */
void
mk_store_lengths_encode (const MkStoreLengthBin *bins,
                         guint                   n_bins,
                         GByteArray             *out)
{
  for (guint i = 0; i < n_bins; i++)
    if (bins[i].count > 0)
      {
        g_assert (i == 0 || bins[i].minutes > bins[i - 1].minutes);
        put_varint (out, (guint64) bins[i].minutes);
        put_varint (out, (guint64) bins[i].count);
      }
}

/* Sets the function's result to @bins as a blob, or NULL when empty. */
static void
result_bins (sqlite3_context *context,
             GArray          *bins)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();

  mk_store_lengths_encode ((const MkStoreLengthBin *) (void *) bins->data, bins->len, out);
  if (out->len == 0)
    sqlite3_result_null (context);
  else
    sqlite3_result_blob (context, out->data, (int) out->len, SQLITE_TRANSIENT);
}

static gboolean
value_bins (sqlite3_value *value,
            GArray        *bins)
{
  if (sqlite3_value_type (value) == SQLITE_NULL)
    return TRUE;
  if (sqlite3_value_type (value) != SQLITE_BLOB)
    return FALSE;
  return mk_store_lengths_decode (sqlite3_value_blob (value),
                                  (gsize) sqlite3_value_bytes (value), bins);
}

static void
bad_histogram (sqlite3_context *context)
{
  sqlite3_result_error (context, "malformed entry-length histogram", -1);
}

/* mk_lengths_add (blob, minutes, delta) */
static void
add_func (sqlite3_context *context,
          int              argc,
          sqlite3_value  **argv)
{
  g_autoptr(GArray) bins = g_array_new (FALSE, FALSE, sizeof (MkStoreLengthBin));
  gint64 minutes = sqlite3_value_int64 (argv[1]);
  gint64 delta = sqlite3_value_int64 (argv[2]);
  MkStoreLengthBin bin = { (int) minutes, delta };
  guint i;

  if (!value_bins (argv[0], bins) || minutes < 1 || minutes > MAX_MINUTES)
    {
      bad_histogram (context);
      return;
    }
  for (i = 0; i < bins->len; i++)
    if (g_array_index (bins, MkStoreLengthBin, i).minutes >= minutes)
      break;
  if (i < bins->len && g_array_index (bins, MkStoreLengthBin, i).minutes == minutes)
    g_array_index (bins, MkStoreLengthBin, i).count += delta;
  else
    g_array_insert_val (bins, i, bin);
  result_bins (context, bins);
}

/* mk_lengths_merge (blob, blob) */
static void
merge_func (sqlite3_context *context,
            int              argc,
            sqlite3_value  **argv)
{
  g_autoptr(GArray) a = g_array_new (FALSE, FALSE, sizeof (MkStoreLengthBin));
  g_autoptr(GArray) b = g_array_new (FALSE, FALSE, sizeof (MkStoreLengthBin));
  g_autoptr(GArray) sum = NULL;
  guint i = 0;
  guint j = 0;

  if (!value_bins (argv[0], a) || !value_bins (argv[1], b))
    {
      bad_histogram (context);
      return;
    }
  sum = g_array_sized_new (FALSE, FALSE, sizeof (MkStoreLengthBin), a->len + b->len);
  while (i < a->len || j < b->len)
    {
      MkStoreLengthBin *x = i < a->len ? &g_array_index (a, MkStoreLengthBin, i) : NULL;
      MkStoreLengthBin *y = j < b->len ? &g_array_index (b, MkStoreLengthBin, j) : NULL;
      MkStoreLengthBin bin;

      if (y == NULL || (x != NULL && x->minutes < y->minutes))
        bin = *x, i++;
      else if (x == NULL || y->minutes < x->minutes)
        bin = *y, j++;
      else
        {
          bin.minutes = x->minutes;
          bin.count = x->count + y->count;
          i++, j++;
        }
      g_array_append_val (sum, bin);
    }
  result_bins (context, sum);
}

/* mk_lengths_of (minutes [, count]): aggregate step and final. */
static void
of_step (sqlite3_context *context,
         int              argc,
         sqlite3_value  **argv)
{
  Dense *dense = sqlite3_aggregate_context (context, sizeof (Dense));
  gint64 minutes;
  gint64 count;

  if (dense == NULL)
    {
      sqlite3_result_error_nomem (context);
      return;
    }
  if (!dense->started)
    {
      dense->started = TRUE;
      dense->min = MAX_MINUTES + 1;
    }
  minutes = sqlite3_value_int64 (argv[0]);
  count = argc > 1 ? sqlite3_value_int64 (argv[1]) : 1;
  if (minutes < 1 || minutes > MAX_MINUTES)
    {
      dense->bad = TRUE;
      return;
    }
  dense->counts[minutes] += count;
  dense->min = MIN (dense->min, (int) minutes);
  dense->max = MAX (dense->max, (int) minutes);
}

static void
of_final (sqlite3_context *context)
{
  Dense *dense = sqlite3_aggregate_context (context, 0);
  g_autoptr(GArray) bins = g_array_new (FALSE, FALSE, sizeof (MkStoreLengthBin));

  if (dense == NULL || !dense->started)
    {
      sqlite3_result_null (context);
      return;
    }
  if (dense->bad)
    {
      sqlite3_result_error (context, "entry length out of range", -1);
      return;
    }
  for (int m = dense->min; m <= dense->max; m++)
    if (dense->counts[m] != 0)
      {
        MkStoreLengthBin bin = { m, dense->counts[m] };

        g_array_append_val (bins, bin);
      }
  result_bins (context, bins);
}

/**
 * mk_store_register_length_functions:
 * @db: a connection
 *
 * Makes mk_lengths_add(), mk_lengths_merge() and mk_lengths_of() known to
 * @db; done when the store opens, before any statement is prepared.
 */
void
mk_store_register_length_functions (sqlite3 *db)
{
  int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;

  sqlite3_create_function_v2 (db, "mk_lengths_add", 3, flags, NULL, add_func, NULL, NULL, NULL);
  sqlite3_create_function_v2 (db, "mk_lengths_merge", 2, flags, NULL, merge_func, NULL, NULL,
                              NULL);
  sqlite3_create_function_v2 (db, "mk_lengths_of", 1, flags, NULL, NULL, of_step, of_final,
                              NULL);
  sqlite3_create_function_v2 (db, "mk_lengths_of", 2, flags, NULL, NULL, of_step, of_final,
                              NULL);
}
