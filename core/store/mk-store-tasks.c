/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-store-tasks.c — what the time went on, kept in day_total.
 *
 * Each day_total row (person, day, category) carries in its `tasks` column
 * the minutes and entries of every task text of its entries, folded by
 * mk_task_fold_into() (core/analysis/mk-task-fold.c) so that "CRM entry
 * for Acme" and "CRM entry for Initech" are one item.  The analysis reads
 * these instead of the entries, so "what the time went on" costs people ×
 * days × categories × folded texts, not entries.
 *
 * The blob is a list of items in ascending byte order of their keys, each:
 * varint key length, key bytes, varint label length (0: the label is the
 * key), label bytes, varint minutes, varint entries; minutes and entries
 * above zero, keys distinct.  The key is canonical; the label (how the key
 * reads: "CRM entry" for "crm entry") is the first in byte order of the
 * labels added, and stays when its entry goes, so two blobs of the same
 * entries may differ in labels only: mk_store_check() compares them with
 * mk_tasks_equal().
 *
 * The connection gets these SQL functions, as for the lengths
 * (mk-store-lengths.c):
 *   mk_tasks_add (blob, task, minutes, delta)  the list with delta entries of
 *                                              @minutes and text @task added
 *                                              (or removed, delta < 0);
 *   mk_tasks_merge (blob, blob)                the sum of two lists;
 *   mk_tasks_of (task, minutes)                aggregate: the list of a group;
 *   mk_tasks_equal (blob, blob)                1 when the two lists have the
 *                                              same items, labels aside.
 * A malformed blob makes them fail with an error instead of guessing;
 * removing what is not there leaves the list as it is (mk_store_check()
 * finds that).
 */
#define G_LOG_DOMAIN "mk-store"

#include "config.h"

#include <string.h>

#include "mk-store-private.h"
#include "mk-task-fold.h"

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

static void
task_item_clear (gpointer data)
{
  MkStoreTask *item = data;

  g_free (item->key);
  g_free (item->label);
}

/**
 * mk_store_tasks_new:
 *
 * Returns: (transfer full): an empty array of #MkStoreTask that frees its
 *   items' texts.
 */
GArray *
mk_store_tasks_new (void)
{
  GArray *items = g_array_new (FALSE, TRUE, sizeof (MkStoreTask));

  g_array_set_clear_func (items, task_item_clear);
  return items;
}

/**
 * mk_store_tasks_decode:
 * @blob: (nullable): a task list; %NULL is the empty list
 * @size: its size in bytes
 * @items: an array from mk_store_tasks_new() the items are appended to
 *
 * Returns: %FALSE if @blob is not a task list (then @items may have some
 *   of its items).
 */
gboolean
mk_store_tasks_decode (const void *blob,
                       gsize       size,
                       GArray     *items)
{
  const guint8 *p = blob;
  const guint8 *end = p + size;
  const char *last = NULL;
  gsize last_len = 0;

  if (blob == NULL)
    return size == 0;
  while (p < end)
    {
      MkStoreTask item = { 0 };
      guint64 key_len, label_len, minutes, entries;
      const guint8 *key;

      if (!get_varint (&p, end, &key_len) || key_len > (guint64) (end - p))
        return FALSE;
      key = p;
      p += key_len;
      if (!get_varint (&p, end, &label_len) || label_len > (guint64) (end - p))
        return FALSE;
      if (!g_utf8_validate_len ((const char *) key, key_len, NULL)
          || !g_utf8_validate_len ((const char *) p, label_len, NULL))
        return FALSE;
      /* Keys ascend strictly: compare with the one before. */
      if (last != NULL)
        {
          int cmp = memcmp (last, key, MIN (last_len, key_len));

          if (cmp > 0 || (cmp == 0 && last_len >= key_len))
            return FALSE;
        }
      item.key = g_strndup ((const char *) key, key_len);
      item.label = label_len > 0 ? g_strndup ((const char *) p, label_len) : NULL;
      p += label_len;
      if (!get_varint (&p, end, &minutes) || !get_varint (&p, end, &entries)
          || minutes == 0 || entries == 0 || minutes > G_MAXINT32 || entries > G_MAXINT32)
        {
          task_item_clear (&item);
          return FALSE;
        }
      item.minutes = (gint64) minutes;
      item.entries = (gint64) entries;
      g_array_append_val (items, item);
      last = (const char *) key;
      last_len = key_len;
    }
  return TRUE;
}

/* Whether @len bytes are UTF-8; most task texts are ASCII, seen at once. */
static gboolean
valid_text (const guint8 *text,
            guint64       len)
{
  for (guint64 i = 0; i < len; i++)
    if (text[i] >= 0x80)
      return g_utf8_validate_len ((const char *) text + i, (gsize) (len - i), NULL);
  return TRUE;
}

/**
 * mk_store_tasks_read:
 * @p: (inout): where the next item starts; moved past it
 * @end: the end of the list
 * @key: (out): the item's key, nul-terminated in @buffer
 * @label: (out): its label (the key when the list has none), in @buffer
 * @minutes: (out): its minutes
 * @entries: (out): its entries
 * @buffer: where the texts are copied (emptied first)
 *
 * Reads one item without allocating per item, for reading many lists
 * fast; the caller stops at @end.  Unlike mk_store_tasks_decode() it does
 * not check the order of the keys.
 *
 * Returns: %FALSE when the item is malformed.
 */
gboolean
mk_store_tasks_read (const guint8 **p,
                     const guint8  *end,
                     const char   **key,
                     const char   **label,
                     gint64        *minutes,
                     gint64        *entries,
                     GString       *buffer)
{
  guint64 key_len, label_len, m, n;
  const guint8 *key_bytes;
  const guint8 *label_bytes;

  if (!get_varint (p, end, &key_len) || key_len > (guint64) (end - *p))
    return FALSE;
  key_bytes = *p;
  *p += key_len;
  if (!get_varint (p, end, &label_len) || label_len > (guint64) (end - *p))
    return FALSE;
  label_bytes = *p;
  *p += label_len;
  if (!get_varint (p, end, &m) || !get_varint (p, end, &n) || m == 0 || n == 0
      || m > G_MAXINT32 || n > G_MAXINT32)
    return FALSE;
  if (!valid_text (key_bytes, key_len) || !valid_text (label_bytes, label_len))
    return FALSE;

  g_string_truncate (buffer, 0);
  g_string_append_len (buffer, (const char *) key_bytes, (gssize) key_len);
  g_string_append_c (buffer, '\0');
  g_string_append_len (buffer, (const char *) label_bytes, (gssize) label_len);
  *key = buffer->str;
  *label = label_len > 0 ? buffer->str + key_len + 1 : buffer->str;
  *minutes = (gint64) m;
  *entries = (gint64) n;
  return TRUE;
}

/**
 * mk_store_tasks_encode:
 * @items: #MkStoreTask with keys in ascending byte order
 * @out: where the list is appended; items with no minutes or entries left
 *   are left out
 */
void
mk_store_tasks_encode (GArray     *items,
                       GByteArray *out)
{
  for (guint i = 0; i < items->len; i++)
    {
      const MkStoreTask *item = &g_array_index (items, MkStoreTask, i);
      gsize key_len = strlen (item->key);
      gboolean own_label = item->label != NULL && strcmp (item->label, item->key) != 0;
      gsize label_len = own_label ? strlen (item->label) : 0;

      if (item->minutes <= 0 || item->entries <= 0)
        continue;
      put_varint (out, key_len);
      g_byte_array_append (out, (const guint8 *) item->key, (guint) key_len);
      put_varint (out, label_len);
      if (own_label)
        g_byte_array_append (out, (const guint8 *) item->label, (guint) label_len);
      put_varint (out, (guint64) item->minutes);
      put_varint (out, (guint64) item->entries);
    }
}

/* The index of @key in @items (sorted), or where it would go (~index). */
static gint
find_key (GArray     *items,
          const char *key)
{
  guint lo = 0;
  guint hi = items->len;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;
      int cmp = strcmp (g_array_index (items, MkStoreTask, mid).key, key);

      if (cmp == 0)
        return (gint) mid;
      if (cmp < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return ~(gint) lo;
}

static const char *
label_of (const MkStoreTask *item)
{
  return item->label != NULL ? item->label : item->key;
}

/* Keeps the first label in byte order, so the order of adding does not
 * matter. */
static void
keep_label (MkStoreTask *item,
            const char  *label)
{
  if (label != NULL && strcmp (label, label_of (item)) < 0)
    {
      g_free (item->label);
      item->label = g_strdup (label);
    }
}

/**
 * mk_store_tasks_add:
 * @items: a sorted array from mk_store_tasks_new()
 * @key: a folded task text
 * @label: (nullable): how it reads, or %NULL for @key itself
 * @minutes: minutes to add (negative to take away)
 * @entries: entries to add (negative to take away)
 *
 * Adds to the item of @key, making it when it is new; an item left with
 * no entries goes.  Taking away what is not there does nothing.
 */
void
mk_store_tasks_add (GArray     *items,
                    const char *key,
                    const char *label,
                    gint64      minutes,
                    gint64      entries)
{
  gint i = find_key (items, key);
  MkStoreTask *item;

  if (i < 0)
    {
      MkStoreTask fresh = { 0 };

      if (entries <= 0)
        return;
      fresh.key = g_strdup (key);
      fresh.label = label != NULL && strcmp (label, key) != 0 ? g_strdup (label) : NULL;
      i = ~i;
      g_array_insert_val (items, (guint) i, fresh);
      item = &g_array_index (items, MkStoreTask, i);
    }
  else
    {
      item = &g_array_index (items, MkStoreTask, i);
      if (entries > 0)
        keep_label (item, label);
    }
  item->minutes += minutes;
  item->entries += entries;
  if (item->entries <= 0 || item->minutes <= 0)
    g_array_remove_index (items, (guint) i);
}

static void
result_items (sqlite3_context *context,
              GArray          *items)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();

  mk_store_tasks_encode (items, out);
  if (out->len == 0)
    sqlite3_result_null (context);
  else
    sqlite3_result_blob (context, out->data, (int) out->len, SQLITE_TRANSIENT);
}

static gboolean
value_items (sqlite3_value *value,
             GArray        *items)
{
  if (sqlite3_value_type (value) == SQLITE_NULL)
    return TRUE;
  if (sqlite3_value_type (value) != SQLITE_BLOB)
    return FALSE;
  return mk_store_tasks_decode (sqlite3_value_blob (value), (gsize) sqlite3_value_bytes (value),
                                items);
}

static void
bad_list (sqlite3_context *context)
{
  sqlite3_result_error (context, "malformed task list", -1);
}

/* mk_tasks_add (blob, task, minutes, delta) */
static void
add_func (sqlite3_context *context,
          int              argc,
          sqlite3_value  **argv)
{
  g_autoptr(GArray) items = mk_store_tasks_new ();
  g_autoptr(GString) key = g_string_new (NULL);
  g_autoptr(GString) label = g_string_new (NULL);
  gint64 minutes = sqlite3_value_int64 (argv[2]);
  gint64 delta = sqlite3_value_int64 (argv[3]);

  const char *task = (const char *) sqlite3_value_text (argv[1]);

  if (!value_items (argv[0], items))
    {
      bad_list (context);
      return;
    }
  /* Text first, then its size: asking for the text may convert the value. */
  mk_task_fold_into (task, sqlite3_value_bytes (argv[1]), key, label);
  mk_store_tasks_add (items, key->str, label->str, minutes * delta, delta);
  result_items (context, items);
}

/* mk_tasks_merge (blob, blob) */
static void
merge_func (sqlite3_context *context,
            int              argc,
            sqlite3_value  **argv)
{
  g_autoptr(GArray) a = mk_store_tasks_new ();
  g_autoptr(GArray) b = mk_store_tasks_new ();

  if (!value_items (argv[0], a) || !value_items (argv[1], b))
    {
      bad_list (context);
      return;
    }
  for (guint i = 0; i < b->len; i++)
    {
      const MkStoreTask *item = &g_array_index (b, MkStoreTask, i);

      mk_store_tasks_add (a, item->key, label_of (item), item->minutes, item->entries);
    }
  result_items (context, a);
}

/* mk_tasks_equal (blob, blob) */
static void
equal_func (sqlite3_context *context,
            int              argc,
            sqlite3_value  **argv)
{
  g_autoptr(GArray) a = mk_store_tasks_new ();
  g_autoptr(GArray) b = mk_store_tasks_new ();
  gboolean same;

  if (!value_items (argv[0], a) || !value_items (argv[1], b))
    {
      sqlite3_result_int (context, 0);
      return;
    }
  same = a->len == b->len;
  for (guint i = 0; same && i < a->len; i++)
    {
      const MkStoreTask *x = &g_array_index (a, MkStoreTask, i);
      const MkStoreTask *y = &g_array_index (b, MkStoreTask, i);

      same = strcmp (x->key, y->key) == 0 && x->minutes == y->minutes
             && x->entries == y->entries;
    }
  sqlite3_result_int (context, same);
}

/* mk_tasks_of (task, minutes): aggregate step and final.  The aggregate's
 * context holds the array being built. */
static void
of_step (sqlite3_context *context,
         int              argc,
         sqlite3_value  **argv)
{
  GArray **items = sqlite3_aggregate_context (context, sizeof (GArray *));
  g_autoptr(GString) key = g_string_new (NULL);
  g_autoptr(GString) label = g_string_new (NULL);

  if (items == NULL)
    {
      sqlite3_result_error_nomem (context);
      return;
    }
  const char *task = (const char *) sqlite3_value_text (argv[0]);

  if (*items == NULL)
    *items = mk_store_tasks_new ();
  mk_task_fold_into (task, sqlite3_value_bytes (argv[0]), key, label);
  mk_store_tasks_add (*items, key->str, label->str, sqlite3_value_int64 (argv[1]), 1);
}

static void
of_final (sqlite3_context *context)
{
  GArray **items = sqlite3_aggregate_context (context, 0);

  if (items == NULL || *items == NULL)
    {
      sqlite3_result_null (context);
      return;
    }
  result_items (context, *items);
  g_clear_pointer (items, g_array_unref);
}

/**
 * mk_store_register_task_functions:
 * @db: a connection
 *
 * Makes mk_tasks_add(), mk_tasks_merge(), mk_tasks_of() and
 * mk_tasks_equal() known to @db; done when the store opens.
 */
void
mk_store_register_task_functions (sqlite3 *db)
{
  int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;

  sqlite3_create_function_v2 (db, "mk_tasks_add", 4, flags, NULL, add_func, NULL, NULL, NULL);
  sqlite3_create_function_v2 (db, "mk_tasks_merge", 2, flags, NULL, merge_func, NULL, NULL, NULL);
  sqlite3_create_function_v2 (db, "mk_tasks_equal", 2, flags, NULL, equal_func, NULL, NULL, NULL);
  sqlite3_create_function_v2 (db, "mk_tasks_of", 2, flags, NULL, NULL, of_step, of_final, NULL);
}
