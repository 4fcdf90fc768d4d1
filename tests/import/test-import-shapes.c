/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-import-shapes.c — one timesheet, written in every shape Minutka
 * reads, imports to the same minutes per person and category each time.
 *
 * The timesheet is the table below: three people over two days of a short
 * study (2 and 3 March 2026: slashed dates fit both orders, so the closest
 * order is what reads them), starts on every entry, lengths in quarters of
 * an hour so that decimal hours are exact.  Each writer puts it in one
 * tool's shape, with the header, separators, date and duration spellings
 * that tool writes (tests/data/README names the source of each shape; the
 * corpus there has one hand-written file per shape as well).  Every shape
 * is imported into a fresh database and must give the table's minutes per
 * person and category, and its days.
 */
#include "config.h"

#include <string.h>

#include "mk-importer.h"
#include "store-test-utils.h"

typedef struct {
  const char *first;
  const char *last;
  int         day;        /* 2 or 3 (March 2026) */
  int         start;      /* minutes after midnight */
  int         minutes;    /* a multiple of 15 */
  const char *category;   /* the category's key */
} Row;

static const Row rows[] = {
  { "Anna", "Petrova", 2, 9 * 60, 90, "calls" },
  { "Anna", "Petrova", 2, 11 * 60, 30, "admin" },
  { "Anna", "Petrova", 3, 9 * 60 + 30, 45, "follow_up" },
  { "Anna", "Petrova", 3, 14 * 60, 60, "meetings" },
  { "Boris", "Orlov", 2, 10 * 60, 120, "calls" },
  { "Boris", "Orlov", 3, 8 * 60 + 15, 15, "admin" },
  { "Boris", "Orlov", 3, 16 * 60, 75, "calls" },
  { "Chris", "Lee", 2, 13 * 60, 45, "meetings" },
  { "Chris", "Lee", 3, 9 * 60, 105, "follow_up" },
};

/* What each tool's users call the category, in English and Russian. */
static const char *
category_text (const Row *row,
               gboolean   russian)
{
  static const struct { const char *key, *en, *ru; } words[] = {
    { "calls", "Calls", "Звонки" }, { "admin", "Admin", "Документы" },
    { "follow_up", "Follow-up", "КП" }, { "meetings", "Meeting", "Совещание" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (words); i++)
    if (strcmp (row->category, words[i].key) == 0)
      return russian ? words[i].ru : words[i].en;
  g_assert_not_reached ();
}

static char *
full_name (const Row *row)
{
  return g_strdup_printf ("%s %s", row->first, row->last);
}

static char *
clock_text (int minutes,
       gboolean seconds)
{
  return seconds ? g_strdup_printf ("%02d:%02d:00", minutes / 60, minutes % 60)
                 : g_strdup_printf ("%02d:%02d", minutes / 60, minutes % 60);
}

static char *
twelve_hour (int minutes)
{
  int h = minutes / 60;

  return g_strdup_printf ("%02d:%02d:00 %s", h % 12 == 0 ? 12 : h % 12, minutes % 60,
                          h < 12 ? "AM" : "PM");
}

/* Decimal hours with two decimals and @point. */
static char *
hours (int  minutes,
       char point)
{
  return g_strdup_printf ("%d%c%02d", minutes / 60, point, minutes % 60 * 100 / 60);
}

/* One shape: writes the whole file into @out. */
typedef void (*Writer) (GString *out);

static void
write_toggl (GString *out)
{
  /* Toggl Track, Reports → Detailed → Export CSV. */
  g_string_append (out, "User,Email,Client,Project,Task,Description,Billable,Start date,"
                        "Start time,End date,End time,Duration,Tags,Amount (USD)\n");
  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      const Row *r = &rows[i];
      g_autofree char *name = full_name (r);
      g_autofree char *start = clock_text (r->start, TRUE);
      g_autofree char *end = clock_text (r->start + r->minutes, TRUE);
      g_autofree char *length = clock_text (r->minutes, TRUE);

      g_string_append_printf (out, "%s,%s@example.com,Acme,%s,,Work,No,2026-03-%02d,%s,"
                                   "2026-03-%02d,%s,%s,,\n", name, r->first,
                              category_text (r, FALSE), r->day, start, r->day, end, length);
    }
}

static void
write_clockify (GString *out,
                gboolean month_first,
                char     delimiter)
{
  /* Clockify, Reports → Detailed → Export CSV, in a US workspace (month
   * first, 12-hour times) or a European one (day first, ";"). */
  g_autofree char *header = g_strdup ("Project,Client,Description,Task,User,Group,Email,Tags,"
                                      "Billable,Start Date,Start Time,End Date,End Time,"
                                      "Duration (h),Duration (decimal),Billable Rate (USD),"
                                      "Billable Amount (USD)\r\n");

  g_strdelimit (header, ",", delimiter);
  g_string_append (out, header);
  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      const Row *r = &rows[i];
      g_autofree char *name = full_name (r);
      g_autofree char *date = month_first ? g_strdup_printf ("03/%02d/2026", r->day)
                                          : g_strdup_printf ("%02d/03/2026", r->day);
      g_autofree char *start = month_first ? twelve_hour (r->start) : clock_text (r->start, TRUE);
      g_autofree char *end = month_first ? twelve_hour (r->start + r->minutes)
                                         : clock_text (r->start + r->minutes, TRUE);
      g_autofree char *length = clock_text (r->minutes, TRUE);
      g_autofree char *decimal = hours (r->minutes, delimiter == ',' ? '.' : ',');
      g_autofree char *line = g_strdup_printf ("%s|Acme|Work||%s|Sales|%s@example.com||Yes|"
                                               "%s|%s|%s|%s|%s|%s|0|0\r\n",
                                               category_text (r, FALSE), name, r->first, date,
                                               start, date, end, length, decimal);

      g_strdelimit (line, "|", delimiter);
      g_string_append (out, line);
    }
}

static void
write_clockify_us (GString *out)
{
  write_clockify (out, TRUE, ',');
}

static void
write_clockify_eu (GString *out)
{
  write_clockify (out, FALSE, ';');
}

static void
write_kimai (GString *out,
             int      variant)
{
  /* Kimai's export: English with decimal hours, its timesheet CSV with
   * seconds, German and Russian titles (messages.de.xlf, messages.ru.xlf). */
  static const char *headers[] = {
    "Date,From,To,Duration,Rate,User,Customer,Project,Activity,Description,Exported,Tags\n",
    "Date,From,To,Duration,Rate,User,Customer,Project,Activity,Description,Exported,Tags\n",
    "Datum,Von,Bis,Dauer,Name,Benutzer,Kunde,Projekt,Tätigkeit,Beschreibung\n",
    "Дата,С,До,Продолжительность,Пользователь,Клиент,Проект,Активность,Описание\n",
  };

  g_string_append (out, headers[variant]);
  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      const Row *r = &rows[i];
      g_autofree char *name = full_name (r);
      g_autofree char *from = clock_text (r->start, FALSE);
      g_autofree char *to = clock_text (r->start + r->minutes, FALSE);
      g_autofree char *decimal = hours (r->minutes, '.');
      g_autofree char *hm = g_strdup_printf ("%d:%02d", r->minutes / 60, r->minutes % 60);

      switch (variant)
        {
        case 0:
          g_string_append_printf (out, "2026-03-%02d,%s,%s,%s,0,%s,Acme,Sales,%s,Work,no,\n",
                                  r->day, from, to, decimal, name, category_text (r, FALSE));
          break;
        case 1:
          g_string_append_printf (out, "2026-03-%02d,%s,%s,%d,0,%s,Acme,Sales,%s,Work,no,\n",
                                  r->day, from, to, r->minutes * 60, name,
                                  category_text (r, FALSE));
          break;
        case 2:
          g_string_append_printf (out, "2026-03-%02d,%s,%s,%s,%s,%s,Acme,Vertrieb,%s,Arbeit\n",
                                  r->day, from, to, decimal, name, r->first,
                                  category_text (r, FALSE));
          break;
        default:
          g_string_append_printf (out, "2026-03-%02d,%s,%s,%s,%s,Acme,Продажи,%s,Работа\n",
                                  r->day, from, to, hm, name, category_text (r, TRUE));
          break;
        }
    }
}

static void write_kimai_en (GString *out) { write_kimai (out, 0); }
static void write_kimai_seconds (GString *out) { write_kimai (out, 1); }
static void write_kimai_de (GString *out) { write_kimai (out, 2); }
static void write_kimai_ru (GString *out) { write_kimai (out, 3); }

static void
write_harvest (GString *out)
{
  /* Harvest, Reports → Detailed time → Export CSV. */
  g_string_append (out, "Date,Client,Project,Project Code,Task,Notes,Hours,Hours Rounded,"
                        "Billable?,Invoiced?,Approved?,First Name,Last Name,Roles,Employee?\n");
  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      const Row *r = &rows[i];
      g_autofree char *decimal = hours (r->minutes, '.');

      g_string_append_printf (out, "2026-03-%02d,Acme,Q1,,%s,Work,%s,%s,Yes,No,No,%s,%s,"
                                   "Sales,Yes\n", r->day, category_text (r, FALSE), decimal,
                              decimal, r->first, r->last);
    }
}

static void
write_tempo (GString *out)
{
  /* Jira Tempo worklogs. */
  g_string_append (out, "Issue Key,Issue summary,Hours,Work date,Username,Full name,Period,"
                        "Account Key,Account Name,Activity Name,Work Description\n");
  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      const Row *r = &rows[i];
      g_autofree char *name = full_name (r);
      g_autofree char *decimal = hours (r->minutes, '.');

      g_string_append_printf (out, "S-%zu,Deal,%s,2026-03-%02d 00:00,%s,%s,2026-03,A,Sales,"
                                   "%s,Work\n", i, decimal, r->day, r->first, name,
                              category_text (r, FALSE));
    }
}

static void
write_jira (GString *out)
{
  /* A Jira worklog report: "Mar 2, 2026, 9:00 AM", Jira's own durations. */
  static const char *months[] = { "Mar" };

  g_string_append (out, "Issue Key,Issue Summary,Author,Log Date & Time,Timespent,"
                        "Work Description\n");
  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      const Row *r = &rows[i];
      g_autofree char *name = full_name (r);
      int h = r->start / 60;
      g_autofree char *spent = r->minutes >= 60
                               ? g_strdup_printf ("%dh %dm", r->minutes / 60, r->minutes % 60)
                               : g_strdup_printf ("%dm", r->minutes);

      g_string_append_printf (out, "S-%zu,%s,%s,\"%s %d, 2026, %d:%02d %s\",%s,\n", i,
                              category_text (r, FALSE), name, months[0], r->day,
                              h % 12 == 0 ? 12 : h % 12, r->start % 60, h < 12 ? "AM" : "PM",
                              spent);
    }
}

static void
write_redmine_cs (GString *out)
{
  /* Redmine's time entries in Czech (config/locales/cs.yml). */
  g_string_append (out, "\xEF\xBB\xBFProjekt;Datum;Uživatel;Aktivita;Úkol;Komentář;Hodiny\r\n");
  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      const Row *r = &rows[i];
      g_autofree char *name = full_name (r);
      g_autofree char *decimal = hours (r->minutes, ',');

      g_string_append_printf (out, "Prodej;%02d.03.2026;%s;%s;;Práce;%s\r\n", r->day, name,
                              category_text (r, FALSE), decimal);
    }
}

static void
write_minutka (GString *out)
{
  /* Minutka's own export (uuid column left empty, as an older export). */
  g_string_append (out, "date,start,minutes,category,person,email,task\n");
  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      const Row *r = &rows[i];
      g_autofree char *name = full_name (r);
      g_autofree char *start = clock_text (r->start, FALSE);

      g_string_append_printf (out, "2026-03-%02d,%s,%d,%s,%s,,Work\n", r->day, start,
                              r->minutes, r->category, name);
    }
}

static void
write_excel_ru (GString *out,
                const char *encoding)
{
  /* Russian Excel: ";", dd.mm.yyyy, hours with a decimal comma; saved as
   * "CSV" (Windows-1251) or "Unicode text" (UTF-16LE, TAB). */
  gboolean tab = g_strcmp0 (encoding, "UTF-16LE") == 0;
  g_autoptr(GString) text = g_string_new (tab ? "Дата\tМенеджер\tВид работы\tЧасы\r\n"
                                              : "Дата;Менеджер;Вид работы;Часы\r\n");
  g_autoptr(GError) error = NULL;
  g_autofree char *bytes = NULL;
  gsize len = 0;

  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      const Row *r = &rows[i];
      g_autofree char *name = full_name (r);
      g_autofree char *decimal = hours (r->minutes, ',');

      g_string_append_printf (text, tab ? "%02d.03.2026\t%s\t%s\t%s\r\n"
                                        : "%02d.03.2026;%s;%s;%s\r\n",
                              r->day, name, category_text (r, TRUE), decimal);
    }
  bytes = g_convert (text->str, (gssize) text->len, encoding, "UTF-8", NULL, &len, &error);
  g_assert_no_error (error);
  if (tab)
    g_string_append_len (out, "\xFF\xFE", 2);
  g_string_append_len (out, bytes, (gssize) len);
}

static void write_excel_1251 (GString *out) { write_excel_ru (out, "WINDOWS-1251"); }
static void write_excel_utf16 (GString *out) { write_excel_ru (out, "UTF-16LE"); }

static void
write_start_end_iso (GString *out)
{
  /* A spreadsheet of ISO moments with their zones, no date or duration
   * column: the day comes from the start. */
  g_string_append (out, "Person,Category,Start,End\n");
  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      const Row *r = &rows[i];
      g_autofree char *name = full_name (r);
      g_autofree char *start = clock_text (r->start, TRUE);
      g_autofree char *end = clock_text (r->start + r->minutes, TRUE);

      g_string_append_printf (out, "%s,%s,2026-03-%02dT%s+03:00,2026-03-%02dT%s+03:00\n",
                              name, category_text (r, FALSE), r->day, start, r->day, end);
    }
}

static void
write_ukrainian (GString *out)
{
  /* Ukrainian titles (Kimai's messages.uk.xlf words), h:mm durations. */
  g_string_append (out, "Дата;Користувач;Категорія;Тривалість\r\n");
  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      const Row *r = &rows[i];
      g_autofree char *name = full_name (r);

      g_string_append_printf (out, "%02d.03.2026;%s;%s;%d:%02d\r\n", r->day, name,
                              category_text (r, FALSE), r->minutes / 60, r->minutes % 60);
    }
}

static void
write_hamster (GString    *out,
               const char *first)
{
  /* Hamster's TSV, one person's: the person comes from --person. */
  g_string_append (out, "activity\tstart time\tend time\tduration minutes\tcategory\t"
                        "description\ttags\n");
  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      const Row *r = &rows[i];
      g_autofree char *start = clock_text (r->start, TRUE);
      g_autofree char *end = clock_text (r->start + r->minutes, TRUE);

      if (strcmp (r->first, first) != 0)
        continue;
      g_string_append_printf (out, "Work\t2026-03-%02d %s\t2026-03-%02d %s\t%d\t%s\t\t\n",
                              r->day, start, r->day, end, r->minutes, category_text (r, FALSE));
    }
}

typedef struct {
  const char *name;
  Writer      write;
} Shape;

static const Shape shapes[] = {
  { "toggl.csv", write_toggl },
  { "clockify-us.csv", write_clockify_us },
  { "clockify-eu.csv", write_clockify_eu },
  { "kimai.csv", write_kimai_en },
  { "kimai-seconds.csv", write_kimai_seconds },
  { "kimai-de.csv", write_kimai_de },
  { "kimai-ru.csv", write_kimai_ru },
  { "harvest.csv", write_harvest },
  { "tempo.csv", write_tempo },
  { "jira.csv", write_jira },
  { "redmine-cs.csv", write_redmine_cs },
  { "minutka.csv", write_minutka },
  { "excel-1251.csv", write_excel_1251 },
  { "excel-unicode.txt", write_excel_utf16 },
  { "iso-start-end.csv", write_start_end_iso },
  { "ukrainian.csv", write_ukrainian },
};

/* "PERSON/KEY=MINUTES;…" sorted, and the days, over the whole database. */
typedef struct {
  MkStore    *store;
  GHashTable *minutes;
  GHashTable *days;
} Totals;

static void
total_cb (gint64      person_id,
          const char *day,
          gint64      category_id,
          int         minutes,
          int         n_entries,
          int         prime_minutes,
          int         timed_minutes,
          gpointer    user_data)
{
  Totals *t = user_data;
  g_autoptr(MkPerson) person = mk_store_get_person (t->store, person_id, NULL);
  MkCategory *category = mk_store_get_category (t->store, category_id);
  char *key = g_strdup_printf ("%s/%s", mk_person_get_name (person),
                               mk_category_get_key (category));

  g_hash_table_replace (t->minutes, key,
                        GINT_TO_POINTER (GPOINTER_TO_INT (g_hash_table_lookup (t->minutes, key))
                                         + minutes));
  g_hash_table_add (t->days, g_strdup (day));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static char *
joined_keys (GHashTable *table,
             gboolean    with_values)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_ptr_array_add (items, with_values ? g_strdup_printf ("%s=%d", (char *) key,
                                                           GPOINTER_TO_INT (value))
                                        : g_strdup (key));
  g_ptr_array_sort (items, compare_strings);
  g_ptr_array_add (items, NULL);
  return g_strjoinv (";", (char **) items->pdata);
}

static void
database_totals (MkStore  *store,
                 char    **minutes,
                 char    **days)
{
  g_autoptr(GError) error = NULL;
  Totals t = { store, g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
               g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL) };

  g_assert_true (mk_store_foreach_day_total (store, "1900-01-01", "2199-12-31", total_cb, &t,
                                             &error));
  g_assert_no_error (error);
  *minutes = joined_keys (t.minutes, TRUE);
  *days = joined_keys (t.days, FALSE);
  g_hash_table_unref (t.minutes);
  g_hash_table_unref (t.days);
}

/* The table's own totals, as database_totals() writes them. */
static void
expected_totals (char **minutes,
                 char **days)
{
  g_autoptr(GHashTable) m = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) d = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      char *key = g_strdup_printf ("%s %s/%s", rows[i].first, rows[i].last, rows[i].category);

      g_hash_table_replace (m, key, GINT_TO_POINTER (GPOINTER_TO_INT (g_hash_table_lookup (m, key))
                                                     + rows[i].minutes));
      g_hash_table_add (d, g_strdup_printf ("2026-03-%02d", rows[i].day));
    }
  *minutes = joined_keys (m, TRUE);
  *days = joined_keys (d, FALSE);
}

static void
import_into (MkStore         *store,
             const char      *name,
             GString         *text,
             const char      *person)
{
  g_autofree char *path = mk_test_db_path (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(MkImportResult) result = NULL;
  MkImportOptions options;

  g_assert_true (g_file_set_contents (path, text->str, (gssize) text->len, &error));
  mk_import_options_init (&options);
  options.person = person;
  if (!mk_importer_run (store, path, &options, NULL, NULL, NULL, &result, &error))
    g_error ("%s: %s%s%s", name, error->message, result && result->problems->len ? "\n" : "",
             result && result->problems->len ? (char *) g_ptr_array_index (result->problems, 0)
                                             : "");
  g_assert_cmpuint (result->counts.rejected, ==, 0);
}

static void
test_every_shape_same_minutes (void)
{
  g_autofree char *want_minutes = NULL;
  g_autofree char *want_days = NULL;
  const char *hamster_people[] = { "Anna", "Boris", "Chris" };

  expected_totals (&want_minutes, &want_days);
  for (gsize s = 0; s <= G_N_ELEMENTS (shapes); s++)
    {
      g_autoptr(MkStore) store = mk_test_store_new ();
      g_autofree char *minutes = NULL;
      g_autofree char *days = NULL;
      const char *name = s < G_N_ELEMENTS (shapes) ? shapes[s].name : "hamster.tsv";

      if (s < G_N_ELEMENTS (shapes))
        {
          g_autoptr(GString) text = g_string_new (NULL);

          shapes[s].write (text);
          import_into (store, name, text, NULL);
        }
      else
        /* Hamster: one file per person, each with --person. */
        for (gsize p = 0; p < G_N_ELEMENTS (hamster_people); p++)
          {
            g_autoptr(GString) text = g_string_new (NULL);
            g_autofree char *person = NULL;

            write_hamster (text, hamster_people[p]);
            for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
              if (person == NULL && strcmp (rows[i].first, hamster_people[p]) == 0)
                person = full_name (&rows[i]);
            import_into (store, name, text, person);
          }
      database_totals (store, &minutes, &days);
      if (g_strcmp0 (minutes, want_minutes) != 0 || g_strcmp0 (days, want_days) != 0)
        g_test_fail_printf ("%s: got %s (%s), want %s (%s)", name, minutes, days, want_minutes,
                            want_days);
      else
        g_test_message ("%s: %s", name, minutes);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/import-shapes/every-shape-same-minutes", test_every_shape_same_minutes);

  return g_test_run ();
}
