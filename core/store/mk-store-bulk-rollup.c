/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-store-bulk-rollup.c — a bulk's rollups, summed in memory.
 *
 * Every entry of a bulk adds to the day total of its (person, day,
 * category) and to the count of its length there.  Entry lengths are
 * counted per (person, day, category, minutes); a big import has hundreds
 * of thousands of such keys, so they are packed into 64-bit keys (a dense
 * person index, a dense day index, the category id, the minutes) and
 * counted in one flat open-addressing table of 12 bytes a slot, at most
 * 70% full, instead of a hash table of allocated nodes.  The day totals are
 * an array, found through a second such table keyed by the same keys
 * without the minutes.  Each day total keeps its task texts, folded
 * (mk-task-fold.h; a run of rows with the same text is folded once), in a
 * small hash table.  At commit, mk_bulk_rollups_prepare() turns them into
 * day_total rows with their histograms and task lists (no database: it runs
 * while SQLite rebuilds the entry index) and mk_bulk_rollups_write() writes
 * them.  That is for small bulks and a sync's: a big import sums its rows
 * up at commit from the table instead (mk_bulk_rollups_from_entries(), at
 * the end of this file), holding one person-day at a time.
 */
#define G_LOG_DOMAIN "mk-store-bulk"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mk-error.h"

#include "mk-store-bulk-rollup.h"
#include "mk-store-bulk-writer.h"
#include "mk-store-private.h"
#include "mk-task-fold.h"

#define LEN_DAY_SHIFT     (LEN_CATEGORY_BITS + LEN_MINUTE_BITS)
#define LEN_PERSON_SHIFT  (LEN_DAY_BITS + LEN_DAY_SHIFT)

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

/* The rollups of a bulk */

void
mk_bulk_rollups_init (MkBulkRollups *r)
{
  memset (r, 0, sizeof *r);
  r->totals = g_array_new (FALSE, FALSE, sizeof (MkBulkTotal));
  mk_length_table_init (&r->cells);
  mk_length_table_init (&r->lengths);
  r->person_index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  r->person_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  r->day_index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  r->days = g_array_new (FALSE, FALSE, sizeof (gint64));
  r->task_key = g_string_new (NULL);
  r->task_label = g_string_new (NULL);
}

static void
bulk_task_free (gpointer data)
{
  MkBulkTask *task = data;

  g_free (task->label);
  g_free (task);
}

void
mk_bulk_rollups_clear (MkBulkRollups *r)
{
  for (guint i = 0; r->totals != NULL && i < r->totals->len; i++)
    g_clear_pointer (&g_array_index (r->totals, MkBulkTotal, i).tasks, g_hash_table_unref);
  g_clear_pointer (&r->totals, g_array_unref);
  if (r->last_task != NULL)
    g_string_free (g_steal_pointer (&r->last_task), TRUE);
  if (r->task_key != NULL)
    g_string_free (g_steal_pointer (&r->task_key), TRUE);
  if (r->task_label != NULL)
    g_string_free (g_steal_pointer (&r->task_label), TRUE);
  mk_length_table_clear (&r->cells);
  mk_length_table_clear (&r->lengths);
  g_clear_pointer (&r->person_index, g_hash_table_unref);
  g_clear_pointer (&r->person_ids, g_array_unref);
  g_clear_pointer (&r->day_index, g_hash_table_unref);
  g_clear_pointer (&r->days, g_array_unref);
}

static guint
dense_index (GHashTable *index,
             GArray     *values,
             gint64      value)
{
  gpointer found = g_hash_table_lookup (index, &value);

  if (found == NULL)
    {
      g_array_append_val (values, value);
      found = GUINT_TO_POINTER (values->len);
      g_hash_table_insert (index, g_memdup2 (&value, sizeof value), found);
    }
  return GPOINTER_TO_UINT (found) - 1;
}

/* Whether @person_id was added already; its dense index in @index. */
gboolean
mk_bulk_rollups_find_person (MkBulkRollups *r,
                             gint64         person_id,
                             guint         *index)
{
  gpointer found = g_hash_table_lookup (r->person_index, &person_id);

  if (found == NULL)
    return FALSE;
  *index = GPOINTER_TO_UINT (found) - 1;
  return TRUE;
}

/* Returns: the dense index of @person_id, new if need be. */
guint
mk_bulk_rollups_add_person (MkBulkRollups *r,
                            gint64         person_id)
{
  return dense_index (r->person_index, r->person_ids, person_id);
}

/* The packed length key of an entry of @person (a dense index from
 * mk_bulk_rollups_add_person()) on @day_no (YYYYMMDD).  It also starts
 * fetching the key's slot: the table is far bigger than the CPU's caches,
 * and mk_bulk_rollups_add() comes a little later. */
guint64
mk_bulk_rollups_key (MkBulkRollups      *r,
                     const MkEntryInput *input,
                     gint32              day_no,
                     guint               person)
{
  guint64 key;
  guint day;

  /* Rows of one file mostly share a few days. */
  if (day_no != r->last_day)
    {
      r->last_day = day_no;
      r->last_day_index = dense_index (r->day_index, r->days, day_no);
    }
  day = r->last_day_index;

  g_assert (person < (1u << LEN_PERSON_BITS) && day < (1u << LEN_DAY_BITS));
  g_assert (input->category_id < (1 << LEN_CATEGORY_BITS));
  key = ((guint64) person << (LEN_DAY_BITS + LEN_CATEGORY_BITS + LEN_MINUTE_BITS))
        | ((guint64) day << (LEN_CATEGORY_BITS + LEN_MINUTE_BITS))
        | ((guint64) input->category_id << LEN_MINUTE_BITS)
        | (guint64) input->minutes;
#if defined(__GNUC__)
  {
    gsize j = length_slot (key, r->lengths.mask);

    __builtin_prefetch (&r->lengths.keys[j], 1);
    __builtin_prefetch (&r->lengths.counts[j], 1);
  }
#endif
  return key;
}

/* Adds the entry's task text, folded, to its day total's task list. */
static void
add_task (MkBulkRollups      *r,
          MkBulkTotal        *total,
          const MkEntryInput *input)
{
  const char *text = input->task != NULL ? input->task : "";
  MkBulkTask *task;

  /* Rows of a file often repeat the text of the row before. */
  if (r->last_task == NULL || strcmp (r->last_task->str, text) != 0)
    {
      if (r->last_task == NULL)
        r->last_task = g_string_new (NULL);
      g_string_assign (r->last_task, text);
      mk_task_fold_into (text, -1, r->task_key, r->task_label);
    }
  if (total->tasks == NULL)
    total->tasks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, bulk_task_free);
  task = g_hash_table_lookup (total->tasks, r->task_key->str);
  if (task == NULL)
    {
      task = g_new0 (MkBulkTask, 1);
      task->label = g_strdup (r->task_label->str);
      g_hash_table_insert (total->tasks, g_strdup (r->task_key->str), task);
    }
  else if (strcmp (r->task_label->str, task->label) < 0)
    {
      g_free (task->label);
      task->label = g_strdup (r->task_label->str);
    }
  task->minutes += input->minutes;
  task->entries++;
}

static int
compare_task_keys (gconstpointer a,
                   gconstpointer b)
{
  return strcmp (((const MkStoreTask *) a)->key, ((const MkStoreTask *) b)->key);
}

/* Appends the task list of @total to @out and frees its table. */
static void
encode_tasks (MkBulkTotal *total,
              GByteArray  *out)
{
  g_autoptr(GArray) items = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (total->tasks == NULL)
    return;
  /* The items borrow the table's strings: no clear function. */
  items = g_array_sized_new (FALSE, TRUE, sizeof (MkStoreTask),
                             g_hash_table_size (total->tasks));
  g_hash_table_iter_init (&iter, total->tasks);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const MkBulkTask *task = value;
      MkStoreTask item = { key, task->label, task->minutes, task->entries };

      g_array_append_val (items, item);
    }
  g_array_sort (items, compare_task_keys);
  mk_store_tasks_encode (items, out);
  g_clear_pointer (&items, g_array_unref);
  g_clear_pointer (&total->tasks, g_hash_table_unref);
}

/* Counts one entry on @day_no with its length key from
 * mk_bulk_rollups_key(). */
void
mk_bulk_rollups_add (MkBulkRollups      *r,
                     const MkSettings   *settings,
                     const MkEntryInput *input,
                     gint32              day_no,
                     guint64             key)
{
  MkBulkTotal *total;
  guint32 *cell;

  mk_length_table_add (&r->lengths, key, 1);

  /* The cell key is the length key without the minutes; a category id is
   * above zero, so it is never zero either. */
  cell = mk_length_table_slot (&r->cells, key >> LEN_MINUTE_BITS);
  if (*cell == 0)
    {
      MkBulkTotal zero = { input->person_id, input->category_id, day_no, 0, 0, 0, 0, NULL };

      g_array_append_val (r->totals, zero);
      *cell = r->totals->len;
    }
  total = &g_array_index (r->totals, MkBulkTotal, *cell - 1);
  total->minutes += input->minutes;
  total->entries += 1;
  total->prime += mk_store_prime_overlap (settings, input->start, input->minutes);
  total->timed += input->start >= 0 ? input->minutes : 0;
  add_task (r, total, input);
}

static int
compare_keys (const void *a,
              const void *b)
{
  guint64 x = *(const guint64 *) a;
  guint64 y = *(const guint64 *) b;

  return (x > y) - (x < y);
}

/* A day total ready to be written: its histogram is blob[offset, +size),
 * its task list blob[tasks_offset, +tasks_size). */
typedef struct {
  gint64 person_id;
  gint64 category_id;
  gint32 day;
  guint32 offset;
  guint32 size;
  guint32 tasks_offset;
  guint32 tasks_size;
  const MkBulkTotal *total;
} PreparedTotal;

struct _MkBulkPrepared {
  GArray     *totals;  /* PreparedTotal, in day_total's key order */
  GByteArray *blobs;
};

/* Frees what mk_bulk_rollups_prepare() made. */
void
mk_bulk_prepared_free (MkBulkPrepared *prepared)
{
  g_array_unref (prepared->totals);
  g_byte_array_unref (prepared->blobs);
  g_free (prepared);
}

/* Every entry added one packed length key, so the keys, grouped by their
 * (person, day, category) part, give every day total with its histogram.
 * The dense person and day indexes of the keys are replaced by their ranks
 * in id and date order, then the keys are sorted, so that day_total's
 * b-tree (person, day, category) is filled from left to right.  Each pair
 * is (key, count); the length tables are emptied on the way.  Touches no
 * database, so it can run while SQLite builds the index.
 * Returns: (transfer full): the day totals, for mk_bulk_rollups_write(). */
MkBulkPrepared *
mk_bulk_rollups_prepare (MkBulkRollups *r)
{
  MkBulkPrepared *prepared = g_new0 (MkBulkPrepared, 1);
  g_autofree guint64 *pairs = g_new (guint64, r->lengths.n * 2 + 2);
  g_autofree guint *person_rank = mk_bulk_rank_values (r->person_ids);
  g_autofree guint *day_rank = mk_bulk_rank_values (r->days);
  g_autoptr(GArray) persons = mk_bulk_sorted_copy (r->person_ids);
  g_autoptr(GArray) days = mk_bulk_sorted_copy (r->days);
  g_autoptr(GArray) bins = g_array_new (FALSE, FALSE, sizeof (MkStoreLengthBin));
  gsize n = 0;

  for (gsize i = 0; i <= r->lengths.mask; i++)
    if (r->lengths.keys[i] != 0)
      {
        guint64 k = r->lengths.keys[i];
        guint person = (guint) (k >> LEN_PERSON_SHIFT);
        guint day_i = (guint) (k >> LEN_DAY_SHIFT) & ((1u << LEN_DAY_BITS) - 1);

        guint32 cell = *mk_length_table_slot (&r->cells, k >> LEN_MINUTE_BITS);

        k &= (G_GUINT64_CONSTANT (1) << LEN_DAY_SHIFT) - 1;
        k |= (guint64) day_rank[day_i] << LEN_DAY_SHIFT;
        k |= (guint64) person_rank[person] << LEN_PERSON_SHIFT;
        pairs[n * 2] = k;
        /* The count, and which day total the key belongs to. */
        pairs[n * 2 + 1] = (guint64) r->lengths.counts[i] | (guint64) cell << 32;
        n++;
      }
  mk_length_table_clear (&r->lengths);
  mk_length_table_clear (&r->cells);
  qsort (pairs, n, 2 * sizeof (guint64), compare_keys);

  prepared->totals = g_array_new (FALSE, FALSE, sizeof (PreparedTotal));
  prepared->blobs = g_byte_array_sized_new ((guint) MIN (n * 3, G_MAXUINT32 / 2));
  for (gsize i = 0; i < n; i++)
    {
      guint64 k = pairs[i * 2];
      MkStoreLengthBin bin = { (int) (k & ((1u << LEN_MINUTE_BITS) - 1)),
                               (gint64) (pairs[i * 2 + 1] & G_MAXUINT32) };

      g_array_append_val (bins, bin);
      if (i + 1 == n || (pairs[(i + 1) * 2] >> LEN_MINUTE_BITS) != (k >> LEN_MINUTE_BITS))
        {
          guint person = (guint) (k >> LEN_PERSON_SHIFT);
          guint day_i = (guint) (k >> LEN_DAY_SHIFT) & ((1u << LEN_DAY_BITS) - 1);
          PreparedTotal t;

          t.person_id = g_array_index (persons, gint64, person);
          t.day = (gint32) g_array_index (days, gint64, day_i);
          t.category_id = (gint64) ((k >> LEN_MINUTE_BITS) & ((1u << LEN_CATEGORY_BITS) - 1));
          t.total = &g_array_index (r->totals, MkBulkTotal, (pairs[i * 2 + 1] >> 32) - 1);
          g_assert (t.total->person_id == t.person_id && t.total->day == t.day &&
                    t.total->category_id == t.category_id);
          t.offset = prepared->blobs->len;
          mk_store_lengths_encode ((const MkStoreLengthBin *) (void *) bins->data, bins->len,
                                   prepared->blobs);
          t.size = prepared->blobs->len - t.offset;
          t.tasks_offset = prepared->blobs->len;
          encode_tasks ((MkBulkTotal *) t.total, prepared->blobs);
          t.tasks_size = prepared->blobs->len - t.tasks_offset;
          g_array_append_val (prepared->totals, t);
          g_array_set_size (bins, 0);
        }
    }
  return prepared;
}

/* Writes the day totals, each with the histogram of its lengths, in the
 * store's open transaction. */
gboolean
mk_bulk_rollups_write (MkStore        *store,
                       MkBulkPrepared *prepared,
                       GError        **error)
{
  for (guint i = 0; i < prepared->totals->len; i++)
    {
      const PreparedTotal *p = &g_array_index (prepared->totals, PreparedTotal, i);
      sqlite3_stmt *stmt = mk_store_stmt (store, STMT_DAY_TOTAL_MERGE, error);
      char day[11];

      if (stmt == NULL)
        return FALSE;
      mk_bulk_day_text (p->day, day);
      sqlite3_bind_int64 (stmt, 1, p->person_id);
      sqlite3_bind_text (stmt, 2, day, 10, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, p->category_id);
      sqlite3_bind_int64 (stmt, 4, p->total->minutes);
      sqlite3_bind_int64 (stmt, 5, p->total->entries);
      sqlite3_bind_int64 (stmt, 6, p->total->prime);
      sqlite3_bind_int64 (stmt, 7, p->total->timed);
      sqlite3_bind_blob (stmt, 8, prepared->blobs->data + p->offset, (int) p->size,
                         SQLITE_STATIC);
      if (!mk_store_step_done (store, stmt, error))
        return FALSE;
      if (p->tasks_size == 0)
        continue;
      stmt = mk_store_stmt (store, STMT_DAY_TASK_MERGE, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, day, 10, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, p->person_id);
      sqlite3_bind_int64 (stmt, 3, p->category_id);
      sqlite3_bind_blob (stmt, 4, prepared->blobs->data + p->tasks_offset, (int) p->tasks_size,
                         SQLITE_STATIC);
      if (!mk_store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* The rollups of a big import, read back from its entries */

/* One (person, day, category) of the person-day being summed up. */
typedef struct {
  gint64  category_id;
  gint64  minutes;
  gint64  entries;
  gint64  prime;
  gint64  timed;
  GArray *lengths;   /* int: the entries' minutes */
  GArray *tasks;     /* MkStoreTask, sorted (mk_store_tasks_add()) */
} DayCell;

typedef struct _DaySums DaySums;

/* Does something with a summed-up cell of @sums: its encoded histogram in
 * sums->lengths, its task list in sums->tasks. */
typedef gboolean (*EmitCell) (DaySums       *sums,
                              const DayCell *cell,
                              GError       **error);

struct _DaySums {
  MkStore    *store;
  EmitCell    emit;
  gpointer    emit_data;
  GArray     *cells;       /* DayCell; the first n_cells are this person-day's */
  guint       n_cells;
  char        day[11];
  gint32      day_no;      /* the same as YYYYMMDD (runs only) */
  gint64      person_id;
  GArray     *bins;        /* MkStoreLengthBin, scratch */
  GByteArray *lengths;     /* encoded, scratch */
  GByteArray *tasks;
  gboolean    folded;      /* a text was folded: */
  GString    *last_task;   /* the last task text, and its key and label */
  GString    *task_key;
  GString    *task_label;
};

static int
compare_ints (const void *a,
              const void *b)
{
  int x = *(const int *) a;
  int y = *(const int *) b;

  return (x > y) - (x < y);
}

/* Merges one cell into day_total and day_task. */
static gboolean
write_cell (DaySums       *sums,
            const DayCell *cell,
            GError       **error)
{
  MkStore *store = sums->store;
  sqlite3_stmt *stmt;

  stmt = mk_store_stmt (store, STMT_DAY_TOTAL_MERGE, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, sums->person_id);
  sqlite3_bind_text (stmt, 2, sums->day, 10, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, cell->category_id);
  sqlite3_bind_int64 (stmt, 4, cell->minutes);
  sqlite3_bind_int64 (stmt, 5, cell->entries);
  sqlite3_bind_int64 (stmt, 6, cell->prime);
  sqlite3_bind_int64 (stmt, 7, cell->timed);
  sqlite3_bind_blob (stmt, 8, sums->lengths->data, (int) sums->lengths->len, SQLITE_STATIC);
  if (!mk_store_step_done (store, stmt, error))
    return FALSE;
  if (sums->tasks->len == 0)
    return TRUE;
  stmt = mk_store_stmt (store, STMT_DAY_TASK_MERGE, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, sums->day, 10, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, sums->person_id);
  sqlite3_bind_int64 (stmt, 3, cell->category_id);
  sqlite3_bind_blob (stmt, 4, sums->tasks->data, (int) sums->tasks->len, SQLITE_STATIC);
  return mk_store_step_done (store, stmt, error);
}

/* Encodes the cells of the person-day in @sums, hands each to
 * sums->emit, and empties it. */
static gboolean
write_person_day (DaySums *sums,
                  GError **error)
{
  for (guint i = 0; i < sums->n_cells; i++)
    {
      DayCell *cell = &g_array_index (sums->cells, DayCell, i);
      const int *m = (const int *) (void *) cell->lengths->data;

      qsort (cell->lengths->data, cell->lengths->len, sizeof (int), compare_ints);
      g_array_set_size (sums->bins, 0);
      for (guint j = 0; j < cell->lengths->len;)
        {
          MkStoreLengthBin bin = { m[j], 0 };

          while (j < cell->lengths->len && m[j] == bin.minutes)
            {
              bin.count++;
              j++;
            }
          g_array_append_val (sums->bins, bin);
        }
      g_byte_array_set_size (sums->lengths, 0);
      mk_store_lengths_encode ((const MkStoreLengthBin *) (void *) sums->bins->data,
                               sums->bins->len, sums->lengths);
      g_byte_array_set_size (sums->tasks, 0);
      mk_store_tasks_encode (cell->tasks, sums->tasks);
      if (!sums->emit (sums, cell, error))
        return FALSE;
      cell->minutes = cell->entries = cell->prime = cell->timed = 0;
      g_array_set_size (cell->lengths, 0);
      g_array_set_size (cell->tasks, 0);
    }
  sums->n_cells = 0;
  return TRUE;
}

/* Adds an entry to its cell of the person-day in @sums. */
static void
add_entry (DaySums          *sums,
           const MkSettings *settings,
           gint64            category_id,
           int               start,
           int               minutes,
           const char       *task,
           gsize             task_len)
{
  DayCell *cell = NULL;

  for (guint i = 0; i < sums->n_cells && cell == NULL; i++)
    if (g_array_index (sums->cells, DayCell, i).category_id == category_id)
      cell = &g_array_index (sums->cells, DayCell, i);
  if (cell == NULL)
    {
      if (sums->n_cells == sums->cells->len)
        {
          DayCell fresh = { 0 };

          fresh.lengths = g_array_new (FALSE, FALSE, sizeof (int));
          fresh.tasks = mk_store_tasks_new ();
          g_array_append_val (sums->cells, fresh);
        }
      cell = &g_array_index (sums->cells, DayCell, sums->n_cells++);
      cell->category_id = category_id;
    }
  cell->minutes += minutes;
  cell->entries++;
  cell->prime += mk_store_prime_overlap (settings, start, minutes);
  cell->timed += start >= 0 ? minutes : 0;
  g_array_append_val (cell->lengths, minutes);

  if (task == NULL)
    {
      task = "";
      task_len = 0;
    }
  /* Rows of a person-day often repeat the text of the row before. */
  if (!sums->folded || sums->last_task->len != task_len
      || memcmp (sums->last_task->str, task, task_len) != 0)
    {
      sums->folded = TRUE;
      g_string_truncate (sums->last_task, 0);
      g_string_append_len (sums->last_task, task, (gssize) task_len);
      mk_task_fold_into (sums->last_task->str, (gssize) task_len, sums->task_key,
                         sums->task_label);
    }
  mk_store_tasks_add (cell->tasks, sums->task_key->str, sums->task_label->str, minutes, 1);
}

static void
day_sums_init (DaySums *sums)
{
  sums->cells = g_array_new (FALSE, FALSE, sizeof (DayCell));
  sums->bins = g_array_new (FALSE, FALSE, sizeof (MkStoreLengthBin));
  sums->lengths = g_byte_array_new ();
  sums->tasks = g_byte_array_new ();
  sums->last_task = g_string_new (NULL);
  sums->task_key = g_string_new (NULL);
  sums->task_label = g_string_new (NULL);
}

static void
day_sums_clear (DaySums *sums)
{
  for (guint i = 0; i < sums->cells->len; i++)
    {
      DayCell *cell = &g_array_index (sums->cells, DayCell, i);

      g_array_unref (cell->lengths);
      g_array_unref (cell->tasks);
    }
  g_array_unref (sums->cells);
  g_array_unref (sums->bins);
  g_byte_array_unref (sums->lengths);
  g_byte_array_unref (sums->tasks);
  g_string_free (sums->last_task, TRUE);
  g_string_free (sums->task_key, TRUE);
  g_string_free (sums->task_label, TRUE);
}

/**
 * mk_bulk_rollups_from_entries:
 * @store: a store in a big import's transaction, its entry index built
 * @after_id: the highest entry id before the import
 * @error: return location for a #GError
 *
 * Adds the entries with ids above @after_id to day_total (minutes,
 * entries, prime and timed minutes, the length histogram) and day_task
 * (the folded task list), one person-day at a time, in the order of the
 * entry index: nothing is held but one person-day, whatever the size of
 * the import.  The sums are those mk_store_rollup_add() would make entry
 * by entry, merged into rows that may be there already.
 *
 * Returns: %TRUE once written (in the open transaction).
 */
gboolean
mk_bulk_rollups_from_entries (MkStore *store,
                              gint64   after_id,
                              GError **error)
{
  DaySums sums = { 0 };
  sqlite3_stmt *stmt;
  MkStoreStep step;
  gboolean ok = TRUE;

  stmt = mk_store_stmt (store, STMT_ENTRY_NEW_BY_DAY, error);
  if (stmt == NULL)
    return FALSE;
  sums.store = store;
  sums.emit = write_cell;
  day_sums_init (&sums);

  sqlite3_bind_int64 (stmt, 1, after_id);
  while ((step = mk_store_step (store, stmt, error)) == MK_STORE_ROW)
    {
      /* The schema keeps a day ten characters long (CHECK). */
      char day[11] = { 0 };
      gint64 person_id = sqlite3_column_int64 (stmt, 1);

      if (sqlite3_column_text (stmt, 0) != NULL)
        g_strlcpy (day, (const char *) sqlite3_column_text (stmt, 0), sizeof day);
      if (sums.n_cells > 0 && (person_id != sums.person_id || strcmp (day, sums.day) != 0)
          && !write_person_day (&sums, error))
        {
          ok = FALSE;
          break;
        }
      if (sums.n_cells == 0)
        {
          memcpy (sums.day, day, sizeof day);
          sums.person_id = person_id;
        }
      add_entry (&sums, &store->settings, sqlite3_column_int64 (stmt, 2),
                 sqlite3_column_type (stmt, 3) == SQLITE_NULL ? -1
                 : sqlite3_column_int (stmt, 3),
                 sqlite3_column_int (stmt, 4), (const char *) sqlite3_column_text (stmt, 5),
                 (gsize) sqlite3_column_bytes (stmt, 5));
    }
  if (!ok)
    sqlite3_reset (stmt);
  else if (step == MK_STORE_FAILED)
    ok = FALSE;
  else
    ok = write_person_day (&sums, error);

  day_sums_clear (&sums);
  return ok;
}

/* The rollups of a big import, from sorted runs of its rows
 *
 * The writer thread writes each chunk of rows, sorted by (day, person), to
 * `entry` and then to a file of its own (mk_bulk_runs_add_chunk()): one
 * sorted run per chunk.  At commit a thread merges the runs by (day,
 * person), folds the task texts and sums each person-day up — while SQLite
 * builds the entry index on the importing thread — and hands the summed
 * cells over in batches; the importing thread merges them into day_total
 * and day_task (mk_bulk_runs_write()).  The same sums as
 * mk_bulk_rollups_from_entries(), which the bulk uses when the file cannot
 * be written.  The file is unlinked as soon as it is made: it goes with
 * the process, whatever happens.
 */

/* A row in a run, followed by its task text. */
typedef struct {
  gint64  person_id;
  gint64  category_id;
  gint32  day;
  gint16  start;
  gint16  minutes;
  guint32 task_len;
  guint32 zero;
} RunRecord;

#define RUN_BUFFER (256 * 1024)
#define BATCH_CELLS 4096
#define N_BATCHES 4

typedef struct {
  gint64  person_id;
  gint64  category_id;
  gint64  minutes;
  gint64  entries;
  gint64  prime;
  gint64  timed;
  char    day[11];
  guint32 lengths_offset;
  guint32 lengths_size;
  guint32 tasks_offset;
  guint32 tasks_size;
} SummedCell;

typedef struct {
  GArray     *cells;     /* SummedCell */
  GByteArray *blobs;
  gboolean    last;
  GError     *error;
} RunBatch;

typedef struct {
  guint64  offset;       /* next byte to read in the file */
  guint64  end;
  guint8  *buffer;
  gsize    size;         /* bytes in the buffer */
  gsize    pos;          /* the current record */
  gsize    capacity;
  RunRecord head;        /* the current record */
  const char *task;
} RunCursor;

struct _MkBulkRuns {
  int          fd;
  gboolean     failed;
  guint64      length;   /* bytes written */
  GByteArray  *out;      /* waiting to be written */
  GArray      *runs;     /* guint64 pairs: start, end */
  MkSettings   settings;

  GThread     *thread;
  GAsyncQueue *full;
  GAsyncQueue *empty;
  RunBatch    *filling;
  gint         stop;
};

static void
run_batch_free (RunBatch *batch)
{
  g_array_unref (batch->cells);
  g_byte_array_unref (batch->blobs);
  g_clear_error (&batch->error);
  g_free (batch);
}

/* A file for the runs next to the database (not in a RAM-backed /tmp),
 * unlinked at once; NULL when it cannot be made. */
MkBulkRuns *
mk_bulk_runs_new (const char *db_path)
{
  g_autofree char *dir = g_path_get_dirname (db_path);
  g_autofree char *name = g_build_filename (dir, ".minutka-import-XXXXXX", NULL);
  MkBulkRuns *runs;
  int fd = g_mkstemp_full (name, O_RDWR, 0600);

  if (fd < 0)
    {
      g_debug ("no file for the import's runs (%s): rollups from the table", g_strerror (errno));
      return NULL;
    }
  g_unlink (name);
  runs = g_new0 (MkBulkRuns, 1);
  runs->fd = fd;
  runs->out = g_byte_array_sized_new (RUN_BUFFER + 4096);
  runs->runs = g_array_new (FALSE, FALSE, sizeof (guint64));
  return runs;
}

static gboolean
runs_write_out (MkBulkRuns *runs)
{
  gsize done = 0;

  while (done < runs->out->len)
    {
      gssize n = pwrite (runs->fd, runs->out->data + done, runs->out->len - done,
                         (off_t) (runs->length + done));

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          g_debug ("writing the import's runs: %s", g_strerror (errno));
          runs->failed = TRUE;
          return FALSE;
        }
      done += (gsize) n;
    }
  runs->length += done;
  g_byte_array_set_size (runs->out, 0);
  return TRUE;
}

/* Appends @chunk's rows, in @order, as a run (on the writer's thread). */
void
mk_bulk_runs_add_chunk (MkBulkRuns        *runs,
                        const MkBulkChunk *chunk,
                        const guint32     *order)
{
  guint64 start = runs->length;

  if (runs->failed || chunk->n_rows == 0)
    return;
  for (guint i = 0; i < chunk->n_rows; i++)
    {
      const MkBulkRow *row = &chunk->rows[order[i]];
      RunRecord r = { row->person_id, row->category_id, row->day, row->start, row->minutes,
                      row->task_len, 0 };

      g_byte_array_append (runs->out, (const guint8 *) &r, sizeof r);
      g_byte_array_append (runs->out, (const guint8 *) chunk->tasks->str + row->task,
                           row->task_len);
      if (runs->out->len >= RUN_BUFFER && !runs_write_out (runs))
        return;
    }
  if (!runs_write_out (runs))
    return;
  g_array_append_val (runs->runs, start);
  g_array_append_val (runs->runs, runs->length);
}

/* Whether every chunk went into the runs. */
gboolean
mk_bulk_runs_ok (MkBulkRuns *runs)
{
  return !runs->failed;
}

/* Reads the cursor's next record; FALSE at its end or on failure (then
 * *@failed). */
static gboolean
cursor_next (MkBulkRuns *runs,
             RunCursor  *c,
             gboolean   *failed)
{
  gsize need;

  if (c->pos < c->size)
    {
      /* Past the current record. */
      c->pos += sizeof (RunRecord) + c->head.task_len;
    }
  for (;;)
    {
      gsize left = c->size - c->pos;

      need = sizeof (RunRecord);
      if (left >= need)
        {
          memcpy (&c->head, c->buffer + c->pos, sizeof c->head);
          need += c->head.task_len;
          if (left >= need)
            {
              c->task = (const char *) c->buffer + c->pos + sizeof (RunRecord);
              return TRUE;
            }
        }
      if (c->offset >= c->end)
        {
          if (left != 0)
            *failed = TRUE;
          c->pos = c->size = 0;
          return FALSE;
        }
      /* Keep what is left of the record, make room for it, read more. */
      memmove (c->buffer, c->buffer + c->pos, left);
      c->size = left;
      c->pos = 0;
      if (need > c->capacity)
        {
          c->capacity = need;
          c->buffer = g_realloc (c->buffer, c->capacity);
        }
      while (c->size < c->capacity && c->offset < c->end)
        {
          gssize n = pread (runs->fd, c->buffer + c->size,
                            (gsize) MIN ((guint64) (c->capacity - c->size), c->end - c->offset),
                            (off_t) c->offset);

          if (n < 0 && errno == EINTR)
            continue;
          if (n <= 0)
            {
              *failed = TRUE;
              return FALSE;
            }
          c->size += (gsize) n;
          c->offset += (guint64) n;
        }
    }
}

static inline gboolean
cursor_before (const RunCursor *a,
               const RunCursor *b)
{
  if (a->head.day != b->head.day)
    return a->head.day < b->head.day;
  return a->head.person_id < b->head.person_id;
}

/* Restores the heap of cursors from position @i down. */
static void
heap_down (RunCursor **heap,
           guint       n,
           guint       i)
{
  for (;;)
    {
      guint l = 2 * i + 1, r = l + 1, m = i;
      RunCursor *t;

      if (l < n && cursor_before (heap[l], heap[m]))
        m = l;
      if (r < n && cursor_before (heap[r], heap[m]))
        m = r;
      if (m == i)
        return;
      t = heap[i];
      heap[i] = heap[m];
      heap[m] = t;
      i = m;
    }
}

/* sums->emit on the summing thread: the cell goes into the batch being
 * filled, and a full batch to the importing thread. */
static gboolean
emit_to_batch (DaySums       *sums,
               const DayCell *cell,
               GError       **error)
{
  MkBulkRuns *runs = sums->emit_data;
  RunBatch *batch = runs->filling;
  SummedCell c = { sums->person_id, cell->category_id, cell->minutes, cell->entries,
                   cell->prime, cell->timed, { 0 }, 0, 0, 0, 0 };

  memcpy (c.day, sums->day, sizeof c.day);
  c.lengths_offset = batch->blobs->len;
  c.lengths_size = sums->lengths->len;
  g_byte_array_append (batch->blobs, sums->lengths->data, sums->lengths->len);
  c.tasks_offset = batch->blobs->len;
  c.tasks_size = sums->tasks->len;
  g_byte_array_append (batch->blobs, sums->tasks->data, sums->tasks->len);
  g_array_append_val (batch->cells, c);
  if (batch->cells->len >= BATCH_CELLS)
    {
      g_async_queue_push (runs->full, batch);
      runs->filling = g_async_queue_pop (runs->empty);
      if (g_atomic_int_get (&runs->stop))
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "stopped");
          return FALSE;
        }
    }
  return TRUE;
}

static gpointer
sum_runs_thread (gpointer data)
{
  MkBulkRuns *runs = data;
  guint n_runs = runs->runs->len / 2;
  RunCursor *cursors = g_new0 (RunCursor, MAX (n_runs, 1));
  RunCursor **heap = g_new0 (RunCursor *, MAX (n_runs, 1));
  /* Memory for reading: at most 4 MB for all runs together. */
  gsize capacity = CLAMP ((gsize) (4 * 1024 * 1024) / MAX (n_runs, 1), 16 * 1024, 256 * 1024);
  GError *error = NULL;
  gboolean failed = FALSE;
  DaySums sums = { 0 };
  guint n = 0;

  day_sums_init (&sums);
  sums.emit = emit_to_batch;
  sums.emit_data = runs;
  runs->filling = g_async_queue_pop (runs->empty);
  for (guint i = 0; i < n_runs; i++)
    {
      RunCursor *c = &cursors[i];

      c->offset = g_array_index (runs->runs, guint64, 2 * i);
      c->end = g_array_index (runs->runs, guint64, 2 * i + 1);
      c->capacity = capacity;
      c->buffer = g_malloc (capacity);
      if (cursor_next (runs, c, &failed))
        heap[n++] = c;
    }
  for (guint i = n / 2; i-- > 0;)
    heap_down (heap, n, i);

  while (n > 0 && !failed && error == NULL)
    {
      RunCursor *c = heap[0];

      if (sums.n_cells > 0 && (c->head.person_id != sums.person_id
                               || c->head.day != sums.day_no)
          && !write_person_day (&sums, &error))
        break;
      if (sums.n_cells == 0)
        {
          mk_bulk_day_text (c->head.day, sums.day);
          sums.day_no = c->head.day;
          sums.person_id = c->head.person_id;
        }
      add_entry (&sums, &runs->settings, c->head.category_id, c->head.start, c->head.minutes,
                 c->task, c->head.task_len);
      if (!cursor_next (runs, c, &failed))
        heap[0] = heap[--n];
      heap_down (heap, n, 0);
    }
  if (!failed && error == NULL)
    write_person_day (&sums, &error);
  if (failed && error == NULL)
    g_set_error_literal (&error, MK_STORE_ERROR, MK_STORE_ERROR_FAILED,
                         _("The import could not read back its temporary file next to the "
                           "database. Check that the disk is not full or failing, and import "
                           "the file again."));

  runs->filling->last = TRUE;
  runs->filling->error = error;
  g_async_queue_push (runs->full, g_steal_pointer (&runs->filling));
  for (guint i = 0; i < n_runs; i++)
    g_free (cursors[i].buffer);
  g_free (cursors);
  g_free (heap);
  day_sums_clear (&sums);
  return NULL;
}

/* Starts summing the runs up on a thread of its own (at commit, once every
 * chunk is in). */
gboolean
mk_bulk_runs_start (MkBulkRuns       *runs,
                    const MkSettings *settings)
{
  g_autoptr(GError) error = NULL;

  if (runs->failed)
    return FALSE;
  runs->settings = *settings;
  runs->full = g_async_queue_new ();
  runs->empty = g_async_queue_new ();
  for (guint i = 0; i < N_BATCHES; i++)
    {
      RunBatch *batch = g_new0 (RunBatch, 1);

      batch->cells = g_array_sized_new (FALSE, FALSE, sizeof (SummedCell), BATCH_CELLS);
      batch->blobs = g_byte_array_new ();
      g_async_queue_push (runs->empty, batch);
    }
  runs->thread = g_thread_try_new ("mk-import-sum", sum_runs_thread, runs, &error);
  if (runs->thread == NULL)
    {
      g_debug ("summing the rollups from the table: %s", error->message);
      runs->failed = TRUE;
      return FALSE;
    }
  return TRUE;
}

/* Merges one summed cell into day_total and day_task. */
static gboolean
write_summed (MkStore          *store,
              const RunBatch   *batch,
              const SummedCell *c,
              GError          **error)
{
  sqlite3_stmt *stmt = mk_store_stmt (store, STMT_DAY_TOTAL_MERGE, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, c->person_id);
  sqlite3_bind_text (stmt, 2, c->day, 10, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, c->category_id);
  sqlite3_bind_int64 (stmt, 4, c->minutes);
  sqlite3_bind_int64 (stmt, 5, c->entries);
  sqlite3_bind_int64 (stmt, 6, c->prime);
  sqlite3_bind_int64 (stmt, 7, c->timed);
  sqlite3_bind_blob (stmt, 8, batch->blobs->data + c->lengths_offset, (int) c->lengths_size,
                     SQLITE_STATIC);
  if (!mk_store_step_done (store, stmt, error))
    return FALSE;
  if (c->tasks_size == 0)
    return TRUE;
  stmt = mk_store_stmt (store, STMT_DAY_TASK_MERGE, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, c->day, 10, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, c->person_id);
  sqlite3_bind_int64 (stmt, 3, c->category_id);
  sqlite3_bind_blob (stmt, 4, batch->blobs->data + c->tasks_offset, (int) c->tasks_size,
                     SQLITE_STATIC);
  return mk_store_step_done (store, stmt, error);
}

/* Writes the cells the summing thread hands over, until its last batch,
 * and lets the thread go.  On a failure the rest are let go unwritten. */
gboolean
mk_bulk_runs_write (MkBulkRuns *runs,
                    MkStore    *store,
                    gboolean    write,
                    GError    **error)
{
  gboolean ok = write;

  g_return_val_if_fail (runs->thread != NULL, FALSE);

  if (!ok)
    g_atomic_int_set (&runs->stop, 1);
  for (;;)
    {
      RunBatch *batch = g_async_queue_pop (runs->full);
      gboolean last = batch->last;

      if (ok && batch->error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&batch->error));
          ok = FALSE;
        }
      for (guint i = 0; ok && i < batch->cells->len; i++)
        ok = write_summed (store, batch, &g_array_index (batch->cells, SummedCell, i), error);
      if (!ok)
        g_atomic_int_set (&runs->stop, 1);
      g_array_set_size (batch->cells, 0);
      g_byte_array_set_size (batch->blobs, 0);
      g_clear_error (&batch->error);
      g_async_queue_push (runs->empty, batch);
      if (last)
        break;
    }
  g_thread_join (g_steal_pointer (&runs->thread));
  return ok;
}

void
mk_bulk_runs_free (MkBulkRuns *runs)
{
  RunBatch *batch;

  if (runs->thread != NULL)
    mk_bulk_runs_write (runs, NULL, FALSE, NULL);
  if (runs->full != NULL)
    {
      while ((batch = g_async_queue_try_pop (runs->full)) != NULL)
        run_batch_free (batch);
      while ((batch = g_async_queue_try_pop (runs->empty)) != NULL)
        run_batch_free (batch);
      g_async_queue_unref (runs->full);
      g_async_queue_unref (runs->empty);
    }
  g_byte_array_unref (runs->out);
  g_array_unref (runs->runs);
  close (runs->fd);
  g_free (runs);
}
