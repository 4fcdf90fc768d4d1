/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-entries-gen.c — the database behind the Entries page benchmark.
 *
 * Fills a new database with N entries through the store's bulk insert, so
 * the rollups are kept exactly as an import keeps them: 200 managers, each
 * with a working day of short entries (5 … 60 minutes from 09:00) in the
 * seven categories, days going back from 2026-11-27 as far as N needs.  A
 * task text is on every entry, so a search has something to read.
 * Deterministic: the same N gives the same database.
 */
#define G_LOG_DOMAIN "bench-entries"

#include "config.h"

#include "bench-entries-gen.h"
#include "mk-store-bulk.h"

#define N_MANAGERS 200

static const char *tasks[] = {
  "Call Acme about the renewal",
  "Follow-up e-mail to Vector",
  "CRM update after calls",
  "Weekly planning meeting",
  "Drive to the client's office",
  "Product training",
  "Looking for a contract template",
  "Звонок ООО «Ромашка»",
  "КП для «Дельта-Снаб»",
  "Отчёт в CRM",
};

/**
 * bench_entries_generate:
 * @path: where to create the database; must not exist yet
 * @n_entries: how many entries to add
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the database holds @n_entries entries.
 */
gboolean
bench_entries_generate (const char *path,
                        gint64      n_entries,
                        GError    **error)
{
  g_autoptr(MkStore) store = NULL;
  g_autoptr(GListModel) categories = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261127);
  g_autoptr(GDateTime) last_day = g_date_time_new_utc (2026, 11, 27, 0, 0, 0);
  gint64 people[N_MANAGERS];
  gint64 category_ids[16];
  guint n_categories;
  MkImportCounts counts = { 0 };
  MkStoreBulk *bulk;
  gint64 added = 0;
  int day_index = 0;

  store = mk_store_open (path, error);
  if (store == NULL)
    return FALSE;

  categories = mk_store_list_categories (store, FALSE);
  n_categories = MIN (g_list_model_get_n_items (categories), G_N_ELEMENTS (category_ids));
  for (guint i = 0; i < n_categories; i++)
    {
      g_autoptr(MkCategory) category = g_list_model_get_item (categories, i);

      category_ids[i] = mk_category_get_id (category);
    }
  if (n_categories == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "The store has no categories");
      return FALSE;
    }

  for (guint i = 0; i < N_MANAGERS; i++)
    {
      g_autofree char *name = g_strdup_printf ("Manager %03u", i + 1);
      g_autoptr(MkPerson) person = mk_store_ensure_person (store, name, NULL, error);

      if (person == NULL)
        return FALSE;
      people[i] = mk_person_get_id (person);
    }

  bulk = mk_store_bulk_begin (store, "bench-entries", NULL, "generic", error);
  if (bulk == NULL)
    return FALSE;

  while (added < n_entries)
    {
      g_autoptr(GDateTime) date = g_date_time_add_days (last_day, -day_index);
      g_autofree char *day = g_date_time_format (date, "%Y-%m-%d");

      for (guint p = 0; p < N_MANAGERS && added < n_entries; p++)
        {
          int start = 9 * 60;

          while (start < 18 * 60 && added < n_entries)
            {
              MkEntryInput input = { 0 };
              gboolean duplicate = FALSE;

              input.person_id = people[p];
              input.day = day;
              input.start = start;
              input.minutes = g_rand_int_range (rand, 5, 61);
              input.category_id = category_ids[g_rand_int_range (rand, 0, (int) n_categories)];
              input.task = tasks[g_rand_int_range (rand, 0, G_N_ELEMENTS (tasks))];
              input.source = MK_ENTRY_SOURCE_IMPORT;
              input.batch_id = mk_store_bulk_get_batch_id (bulk);
              input.fingerprint = added + 1;
              if (!mk_store_bulk_add (bulk, &input, &duplicate, error))
                {
                  mk_store_bulk_abort (bulk);
                  return FALSE;
                }
              start += input.minutes;
              added++;
            }
        }
      day_index++;
    }

  counts.rows_read = counts.imported = (guint64) added;
  return mk_store_bulk_commit (bulk, &counts, error);
}
