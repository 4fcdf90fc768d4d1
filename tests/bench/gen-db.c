/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gen-db.c — builds a Minutka database of a given size for the benchmarks.
 *
 *   gen-db DB ENTRIES MANAGERS DAYS [RAW.tsv]
 *
 * Adds MANAGERS people and ENTRIES entries spread evenly over MANAGERS ×
 * DAYS working days from 2026-03-02, through the store's bulk insert (so
 * the rollups are kept exactly as an import would keep them).  Each
 * manager gets a fixed mix of categories with some managers heavier on
 * admin, start times from 09:00, lengths that fill about a working day,
 * task texts in English and Russian that name clients and numbers (so
 * that "what the time went on" folds them, as it would real ones).
 * With RAW.tsv, the same rows are also written as text (person, day,
 * category, minutes) for the sqlite3 shell's GROUP BY baseline.
 * Deterministic: the same arguments give the same database.
 */
#define G_LOG_DOMAIN "gen-db"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "mk-store-bulk.h"

/* Task texts per category (calls … other): a client name where %s is,
 * a number where %d is (never both). */
static const char *const task_texts[][4] = {
  { "Call %s: pricing discussion", "Cold call %s", "Звонок ООО «%s»: обсуждение КП",
    "Call %s: no answer" },
  { "Recap email to %s", "Send proposal to %s", "Письмо по итогам звонка: ООО «%s»",
    "Перезвон ООО «%s»: уточнить решение" },
  { "CRM entry for %s", "Weekly sales report", "Invoice #%d", "Отчёт за неделю для РОП" },
  { "Weekly sales meeting", "1:1 with sales lead", "Планёрка отдела продаж",
    "Meeting at %s: presentation" },
  { "Drive to %s", "Дорога к клиенту: ООО «%s»", "Drive back from %s", "Taxi to the airport" },
  { "Product training", "Онлайн-курс: переговоры", "Webinar: new product line",
    "Training: objection handling" },
  { "Misc", "Printer did not print", "Разное", "Expense report #%d" },
};

static const char *const clients[] = {
  "Acme", "Initech", "Hooli", "Globex", "Stark Supplies", "Ромашка", "Гранит", "Вектор",
};

/* @text with its %s (a client) or %d (a number) filled in. */
static void
fill_task (char       *task,
           gsize       size,
           const char *text,
           GRand      *rand)
{
  const char *mark = strchr (text, '%');
  char value[32];

  if (mark == NULL)
    {
      g_strlcpy (task, text, size);
      return;
    }
  if (mark[1] == 's')
    g_strlcpy (value, clients[g_rand_int_range (rand, 0, G_N_ELEMENTS (clients))], sizeof value);
  else
    g_snprintf (value, sizeof value, "%d", g_rand_int_range (rand, 1000, 10000));
  g_snprintf (task, size, "%.*s%s%s", (int) (mark - text), text, value, mark + 2);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MkStore) store = NULL;
  g_autoptr(GListModel) categories = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260302);
  g_autofree gint64 *people = NULL;
  g_autofree gint64 *category_ids = NULL;
  g_autofree const char **category_keys = NULL;
  g_autofree char **names = NULL;
  FILE *raw = NULL;
  MkImportCounts counts = { 0 };
  MkStoreBulk *bulk;
  gint64 n_entries;
  guint n_managers, n_days, n_categories;
  /* Weights of calls, follow_up, admin, meetings, travel, training, other. */
  static const int mix[] = { 40, 16, 16, 10, 6, 4, 8 };

  if (argc < 5 || argc > 6)
    {
      g_printerr ("usage: gen-db DB ENTRIES MANAGERS DAYS [RAW.tsv]\n");
      return 2;
    }
  n_entries = g_ascii_strtoll (argv[2], NULL, 10);
  n_managers = (guint) atoi (argv[3]);
  n_days = (guint) atoi (argv[4]);
  if (n_entries <= 0 || n_managers == 0 || n_days == 0 || n_days > 28)
    {
      g_printerr ("gen-db: ENTRIES, MANAGERS and DAYS (1 … 28) must be positive\n");
      return 2;
    }

  store = mk_store_open (argv[1], &error);
  if (store == NULL)
    {
      g_printerr ("gen-db: %s\n", error->message);
      return 1;
    }
  if (argc == 6 && (raw = fopen (argv[5], "w")) == NULL)
    {
      g_printerr ("gen-db: cannot write %s\n", argv[5]);
      return 1;
    }

  categories = mk_store_list_categories (store, FALSE);
  n_categories = MIN (g_list_model_get_n_items (categories), G_N_ELEMENTS (mix));
  category_ids = g_new0 (gint64, n_categories);
  category_keys = g_new0 (const char *, n_categories);
  for (guint c = 0; c < n_categories; c++)
    {
      g_autoptr(MkCategory) cat = g_list_model_get_item (categories, c);

      category_ids[c] = mk_category_get_id (cat);
      category_keys[c] = g_intern_string (mk_category_get_key (cat));
    }

  people = g_new0 (gint64, n_managers);
  names = g_new0 (char *, n_managers + 1);
  for (guint p = 0; p < n_managers; p++)
    {
      g_autoptr(MkPerson) person = NULL;

      names[p] = g_strdup_printf ("Manager %04u", p + 1);
      person = mk_store_ensure_person (store, names[p], NULL, &error);
      if (person == NULL)
        {
          g_printerr ("gen-db: %s\n", error->message);
          return 1;
        }
      people[p] = mk_person_get_id (person);
    }

  bulk = mk_store_bulk_begin (store, "gen-db", NULL, "bench", &error);
  if (bulk == NULL)
    {
      g_printerr ("gen-db: %s\n", error->message);
      return 1;
    }

  for (guint p = 0; p < n_managers; p++)
    for (guint d = 0; d < n_days; d++)
      {
        guint slot = p * n_days + d;
        gint64 first = n_entries * slot / (n_managers * n_days);
        gint64 last = n_entries * (slot + 1) / (n_managers * n_days);
        gint64 count = last - first;
        int length = count > 0 ? (int) MAX (1, 470 / count) : 1;
        int start = 9 * 60;
        g_autoptr(GDate) date = g_date_new_dmy (2, G_DATE_MARCH, 2026);
        char day[11];

        /* Weekdays from Monday 2026-03-02, skipping weekends (28 of them
         * run into April). */
        g_date_add_days (date, d + 2 * (d / 5));
        g_snprintf (day, sizeof day, "%04u-%02u-%02u", g_date_get_year (date),
                    g_date_get_month (date), g_date_get_day (date));
        for (gint64 i = 0; i < count; i++)
          {
            int pick = g_rand_int_range (rand, 0, 100);
            guint c = 0;
            MkEntryInput input = { 0 };
            char task[128];
            const char *text;
            gboolean duplicate = FALSE;

            /* Every seventh manager is heavy on admin. */
            if (p % 7 == 3 && pick < 30)
              c = 2;
            else
              for (int acc = mix[0]; c + 1 < n_categories && pick >= acc; acc += mix[++c])
                ;
            input.person_id = people[p];
            input.day = day;
            input.start = start < 1440 ? start : -1;
            input.minutes = CLAMP (length + g_rand_int_range (rand, -length / 3,
                                                              length / 3 + 1), 1, 1440);
            input.category_id = category_ids[c];
            input.source = MK_ENTRY_SOURCE_IMPORT;
            text = task_texts[MIN (c, G_N_ELEMENTS (task_texts) - 1)][g_rand_int_range (rand, 0, 4)];
            fill_task (task, sizeof task, text, rand);
            input.task = task;
            start += input.minutes;

            if (!mk_store_bulk_add (bulk, &input, &duplicate, &error))
              {
                g_printerr ("gen-db: %s\n", error->message);
                mk_store_bulk_abort (bulk);
                return 1;
              }
            counts.rows_read++;
            counts.imported++;
            if (raw != NULL)
              fprintf (raw, "%s\t%s\t%s\t%d\n", names[p], day, category_keys[c], input.minutes);
          }
      }

  if (!mk_store_bulk_commit (bulk, &counts, &error))
    {
      g_printerr ("gen-db: %s\n", error->message);
      return 1;
    }
  if (raw != NULL && fclose (raw) != 0)
    {
      g_printerr ("gen-db: cannot write %s\n", argv[5]);
      return 1;
    }
  g_strfreev (g_steal_pointer (&names));

  g_print ("%s: %" G_GINT64_FORMAT " entries, %u managers, %u days\n", argv[1],
           mk_store_count_entries (store), n_managers, n_days);
  return 0;
}
