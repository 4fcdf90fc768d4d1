/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-store-rollup.c — reading the rollups, and proving them right.
 *
 * Analysis reads only day_total (totals and entry-length histograms, see
 * mk-store-lengths.c), so its cost follows
 * people × days × categories, not the number of entries.  mk_store_check()
 * is the proof that the rollups are exact: it recomputes them from `entry`
 * and compares, after SQLite's own integrity check.
 */
#define G_LOG_DOMAIN "mk-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mk-error.h"
#include "mk-store-private.h"

/**
 * mk_store_foreach_day_total:
 * @self: a store
 * @from: first day, "YYYY-MM-DD"
 * @to: last day, "YYYY-MM-DD"
 * @func: called for each (person, day, category) with logged time
 * @user_data: passed to @func
 * @error: return location for a #GError
 *
 * Returns: %TRUE if every row was read.
 */
gboolean
mk_store_foreach_day_total (MkStore       *self,
                            const char    *from,
                            const char    *to,
                            MkDayTotalFunc func,
                            gpointer       user_data,
                            GError       **error)
{
  sqlite3_stmt *stmt;
  MkStoreStep step;

  g_return_val_if_fail (MK_IS_STORE (self), FALSE);
  g_return_val_if_fail (from != NULL && to != NULL && func != NULL, FALSE);

  stmt = mk_store_stmt (self, STMT_DAY_TOTAL_RANGE, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_TRANSIENT);
  while ((step = mk_store_step (self, stmt, error)) == MK_STORE_ROW)
    func (sqlite3_column_int64 (stmt, 0), (const char *) sqlite3_column_text (stmt, 1),
          sqlite3_column_int64 (stmt, 2), sqlite3_column_int (stmt, 3),
          sqlite3_column_int (stmt, 4), sqlite3_column_int (stmt, 5),
          sqlite3_column_int (stmt, 6), user_data);
  return step == MK_STORE_DONE;
}

/**
 * mk_store_foreach_length:
 * @self: a store
 * @from: first day
 * @to: last day
 * @func: called for each (person, category, entry length) with its count
 * @user_data: passed to @func
 * @error: return location for a #GError
 *
 * The histogram of entry lengths, from which median entry lengths come.
 *
 * Returns: %TRUE if every row was read.
 */
gboolean
mk_store_foreach_length (MkStore      *self,
                         const char   *from,
                         const char   *to,
                         MkLengthFunc  func,
                         gpointer      user_data,
                         GError      **error)
{
  g_autoptr(GArray) bins = g_array_new (FALSE, FALSE, sizeof (MkStoreLengthBin));
  gint64 counts[1441] = { 0 };
  gint64 person = 0;
  gint64 category = 0;
  int lo = 1441;
  int hi = 0;
  gboolean ok = TRUE;
  sqlite3_stmt *stmt;
  MkStoreStep step = MK_STORE_DONE;

  g_return_val_if_fail (MK_IS_STORE (self), FALSE);
  g_return_val_if_fail (from != NULL && to != NULL && func != NULL, FALSE);

  /* Rows come by (person, category); the days of one pair are summed in
   * @counts (between @lo and @hi) and handed on, by length, when the pair
   * changes. */
  stmt = mk_store_stmt (self, STMT_LENGTH_RANGE, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_TRANSIENT);
  for (;;)
    {
      gboolean more = ok && (step = mk_store_step (self, stmt, error)) == MK_STORE_ROW;
      gint64 p = more ? sqlite3_column_int64 (stmt, 0) : 0;
      gint64 c = more ? sqlite3_column_int64 (stmt, 1) : 0;

      if (person != 0 && (!more || p != person || c != category))
        {
          for (int m = lo; m <= hi; m++)
            if (counts[m] > 0)
              {
                func (person, category, m, (int) MIN (counts[m], G_MAXINT), user_data);
                counts[m] = 0;
              }
          lo = 1441;
          hi = 0;
        }
      if (!more)
        break;
      person = p;
      category = c;
      g_array_set_size (bins, 0);
      ok = mk_store_lengths_decode (sqlite3_column_blob (stmt, 2),
                                    (gsize) sqlite3_column_bytes (stmt, 2), bins);
      for (guint i = 0; i < bins->len; i++)
        {
          const MkStoreLengthBin *bin = &g_array_index (bins, MkStoreLengthBin, i);

          counts[bin->minutes] += bin->count;
          lo = MIN (lo, bin->minutes);
          hi = MAX (hi, bin->minutes);
        }
    }
  if (!ok)
    {
      sqlite3_reset (stmt);
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_CORRUPT,
                   _("The entry lengths in the database are damaged. Run “minutka --check” "
                     "and restore the database from a backup copy."));
      return FALSE;
    }
  return step == MK_STORE_DONE;
}

/**
 * mk_store_foreach_detail:
 * @self: a store
 * @from: first day
 * @to: last day
 * @length_func: (nullable): called for each length bin of each day total:
 *   (person, category, entry length, count)
 * @task_func: (nullable): called for each task of each day total:
 *   (person, category, folded task text, label, minutes, entries)
 * @user_data: passed to both
 * @error: return location for a #GError
 *
 * The details of the day totals of a period, in no particular order and
 * not added up over the days (the caller does that): the entry-length
 * histograms (mk-store-lengths.c) and what the time went on, the task
 * lists of day_task (mk-store-tasks.c).  Unordered scans cost the analysis
 * of a million entries far less than ones sorted by person and category.
 *
 * Returns: %TRUE if every row was read; %FALSE with MK_STORE_ERROR_CORRUPT
 *   for a damaged histogram or list.
 */
gboolean
mk_store_foreach_detail (MkStore      *self,
                         const char   *from,
                         const char   *to,
                         MkLengthFunc  length_func,
                         MkTaskFunc    task_func,
                         gpointer      user_data,
                         GError      **error)
{
  g_autoptr(GString) buffer = g_string_new (NULL);
  g_autoptr(GArray) bins = g_array_new (FALSE, FALSE, sizeof (MkStoreLengthBin));
  sqlite3_stmt *stmt = NULL;
  MkStoreStep step = MK_STORE_DONE;
  gboolean ok = TRUE;

  g_return_val_if_fail (MK_IS_STORE (self), FALSE);
  g_return_val_if_fail (from != NULL && to != NULL, FALSE);

  for (int pass = 0; ok && pass < 2; pass++)
    {
      gboolean lengths = pass == 0;

      if ((lengths && length_func == NULL) || (!lengths && task_func == NULL))
        continue;
      stmt = mk_store_stmt (self, lengths ? STMT_DETAIL_LENGTHS : STMT_DETAIL_TASKS, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, from, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, to, -1, SQLITE_TRANSIENT);
      while (ok && (step = mk_store_step (self, stmt, error)) == MK_STORE_ROW)
        {
          gint64 person = sqlite3_column_int64 (stmt, 0);
          gint64 category = sqlite3_column_int64 (stmt, 1);
          const guint8 *p = sqlite3_column_blob (stmt, 2);
          const guint8 *end = p + sqlite3_column_bytes (stmt, 2);

          if (lengths)
            {
              g_array_set_size (bins, 0);
              ok = mk_store_lengths_decode (p, (gsize) (end - p), bins);
              for (guint i = 0; ok && i < bins->len; i++)
                {
                  const MkStoreLengthBin *bin = &g_array_index (bins, MkStoreLengthBin, i);

                  length_func (person, category, bin->minutes,
                               (int) MIN (bin->count, G_MAXINT), user_data);
                }
              continue;
            }
          while (ok && p < end)
            {
              const char *key, *label;
              gint64 minutes, entries;

              ok = mk_store_tasks_read (&p, end, &key, &label, &minutes, &entries, buffer);
              if (ok)
                task_func (person, category, key, label, (int) minutes, (int) entries,
                           user_data);
            }
        }
      if (step == MK_STORE_FAILED)
        return FALSE;
    }
  if (!ok)
    {
      sqlite3_reset (stmt);
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_CORRUPT,
                   _("The day totals in the database are damaged. Run “minutka --check” "
                     "and restore the database from a backup copy."));
      return FALSE;
    }
  return step != MK_STORE_FAILED;
}

/**
 * mk_store_last_logged_days:
 * @self: a store
 * @n_days: how many
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the last @n_days days with any
 *   logged time, oldest first ("YYYY-MM-DD"); empty when nothing is
 *   logged; %NULL with @error set when the database cannot be read.
 */
char **
mk_store_last_logged_days (MkStore *self,
                           guint    n_days,
                           GError **error)
{
  g_autoptr(GStrvBuilder) days = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  MkStoreStep step;

  g_return_val_if_fail (MK_IS_STORE (self), NULL);

  stmt = mk_store_stmt (self, STMT_LAST_DAYS, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, (int) n_days);
  while ((step = mk_store_step (self, stmt, error)) == MK_STORE_ROW)
    g_strv_builder_add (days, (const char *) sqlite3_column_text (stmt, 0));
  if (step == MK_STORE_FAILED)
    return NULL;
  return g_strv_builder_end (days);
}

typedef struct {
  gint64 person_id;
  gint64 category_id;
  char   day[11];
} RollupKey;

static guint
rollup_key_hash (gconstpointer p)
{
  const RollupKey *k = p;

  return g_str_hash (k->day) ^ (guint) (k->person_id * 2654435761u) ^ (guint) k->category_id;
}

static gboolean
rollup_key_equal (gconstpointer a,
                  gconstpointer b)
{
  const RollupKey *ka = a;
  const RollupKey *kb = b;

  return ka->person_id == kb->person_id && ka->category_id == kb->category_id &&
         g_str_equal (ka->day, kb->day);
}

static RollupKey *
rollup_key_new (sqlite3_stmt *stmt)
{
  RollupKey *key = g_new0 (RollupKey, 1);

  key->person_id = sqlite3_column_int64 (stmt, 0);
  g_strlcpy (key->day, (const char *) sqlite3_column_text (stmt, 1), sizeof key->day);
  key->category_id = sqlite3_column_int64 (stmt, 2);
  return key;
}

/* Counts the day totals whose prime-hour minutes are not what their
 * entries and the settings make them. */
static gboolean
check_prime (MkStore *self,
             gint64  *bad,
             GError **error)
{
  g_autoptr(GHashTable) expected = g_hash_table_new_full (rollup_key_hash, rollup_key_equal,
                                                          g_free, NULL);
  sqlite3_stmt *stmt;
  MkStoreStep step;

  *bad = 0;
  stmt = mk_store_stmt (self, STMT_CHECK_PRIME_ENTRIES, error);
  if (stmt == NULL)
    return FALSE;
  while ((step = mk_store_step (self, stmt, error)) == MK_STORE_ROW)
    {
      RollupKey *key = rollup_key_new (stmt);
      int prime = mk_store_prime_overlap (&self->settings, sqlite3_column_int (stmt, 3),
                                          sqlite3_column_int (stmt, 4));
      gpointer old = NULL;

      if (g_hash_table_lookup_extended (expected, key, NULL, &old))
        g_hash_table_replace (expected, key, GINT_TO_POINTER (GPOINTER_TO_INT (old) + prime));
      else
        g_hash_table_insert (expected, key, GINT_TO_POINTER (prime));
    }
  if (step == MK_STORE_FAILED)
    return FALSE;

  stmt = mk_store_stmt (self, STMT_CHECK_PRIME_TOTALS, error);
  if (stmt == NULL)
    return FALSE;
  while ((step = mk_store_step (self, stmt, error)) == MK_STORE_ROW)
    {
      g_autofree RollupKey *key = rollup_key_new (stmt);
      int want = GPOINTER_TO_INT (g_hash_table_lookup (expected, key));

      if (want != sqlite3_column_int (stmt, 3))
        (*bad)++;
    }
  return step == MK_STORE_DONE;
}

/**
 * mk_store_check:
 * @self: a store
 * @report: (nullable): where to append what was checked, one line each
 * @error: return location for a #GError
 *
 * Runs SQLite's integrity check and recomputes the rollups from the
 * entries.
 *
 * Returns: %TRUE if the file is sound and the rollups exact; %FALSE with
 *   MK_STORE_ERROR_CORRUPT saying what is wrong.
 */
gboolean
mk_store_check (MkStore *self,
                GString *report,
                GError **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GString) integrity = g_string_new (NULL);
  gint64 bad_totals = 0;
  gint64 bad_lengths = 0;
  gint64 bad_tasks = 0;
  gint64 bad_prime = 0;
  gint64 n_fk = 0;
  gint64 n_entries = 0;
  MkStoreStep step;

  g_return_val_if_fail (MK_IS_STORE (self), FALSE);

  stmt = mk_store_stmt (self, STMT_INTEGRITY_CHECK, error);
  if (stmt == NULL)
    return FALSE;
  while ((step = mk_store_step (self, stmt, error)) == MK_STORE_ROW)
    g_string_append_printf (integrity, "%s%s", integrity->len ? "; " : "",
                            (const char *) sqlite3_column_text (stmt, 0));
  if (step == MK_STORE_FAILED)
    return FALSE;
  if (report)
    g_string_append_printf (report, "integrity_check: %s\n", integrity->str);
  if (g_strcmp0 (integrity->str, "ok") != 0)
    {
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_CORRUPT,
                   _("SQLite found damage in the database: %s. Restore it from a backup copy."),
                   integrity->str);
      return FALSE;
    }

  if (!mk_store_query_int64 (self, STMT_FOREIGN_KEY_COUNT, &n_fk, error) ||
      !mk_store_query_int64 (self, STMT_CHECK_TOTALS, &bad_totals, error) ||
      !mk_store_query_int64 (self, STMT_CHECK_LENGTHS, &bad_lengths, error) ||
      !mk_store_query_int64 (self, STMT_CHECK_TASKS, &bad_tasks, error) ||
      !check_prime (self, &bad_prime, error) ||
      !mk_store_query_int64 (self, STMT_ENTRY_COUNT, &n_entries, error))
    return FALSE;
  if (report)
    g_string_append_printf (report,
                            "foreign keys: %" G_GINT64_FORMAT " broken\n"
                            "day totals: %" G_GINT64_FORMAT " wrong\n"
                            "entry lengths: %" G_GINT64_FORMAT " wrong\n"
                            "task lists: %" G_GINT64_FORMAT " wrong\n"
                            "prime-hour minutes: %" G_GINT64_FORMAT " wrong\n"
                            "entries: %" G_GINT64_FORMAT "\n",
                            n_fk, bad_totals, bad_lengths, bad_tasks, bad_prime, n_entries);
  if (n_fk || bad_totals || bad_lengths || bad_tasks || bad_prime)
    {
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_CORRUPT,
                   _("The day totals do not match the entries (%d wrong rows, %d broken "
                     "links). The analysis would be wrong; please report this."),
                   (int) MIN (bad_totals + bad_lengths + bad_tasks + bad_prime, G_MAXINT),
                   (int) MIN (n_fk, G_MAXINT));
      return FALSE;
    }
  return TRUE;
}
