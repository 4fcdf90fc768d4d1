/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-import-encoding.c — long timesheets whose encoding shows itself
 * late: after the first 64 KB the importer sniffs, or across the edge of
 * a chunk it reads.  Each file is generated here and imported through
 * mk_importer_run(); what is checked is what a supervisor would see: the
 * names and minutes in the database, or a refusal naming the file and the
 * line, with nothing written.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "mk-encoding.h"
#include "mk-error.h"
#include "mk-import-reader.h"
#include "mk-importer.h"
#include "mk-store.h"

typedef struct {
  char    *dir;
  char    *path;
  MkStore *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;

  f->dir = g_dir_make_tmp ("minutka-import-encoding-XXXXXX", &error);
  g_assert_no_error (error);
  db = g_build_filename (f->dir, "test.db", NULL);
  f->path = g_build_filename (f->dir, "long.csv", NULL);
  f->store = mk_store_open (db, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  g_clear_object (&f->store);
  for (gsize i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *db = g_strdup_printf ("%s/test.db%s", f->dir, suffixes[i]);

      g_unlink (db);
    }
  g_unlink (f->path);
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* Windows-1251 for the few Russian words these files use. */
static void
append_1251 (GString    *out,
             const char *utf8)
{
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  g_autofree char *bytes = g_convert (utf8, -1, "WINDOWS-1251", "UTF-8", NULL, &len, &error);

  g_assert_no_error (error);
  g_string_append_len (out, bytes, (gssize) len);
}

/* The day of row @i when rows fill days 40 at a time from 1 January 2024
 * (40 rows of 30 minutes: no person-day over 24 hours), as "YYYY-MM-DD"
 * or, with @dotted, "DD.MM.YYYY": always 10 bytes. */
static char *
day_of_row (guint    i,
            gboolean dotted)
{
  g_autoptr(GDate) date = g_date_new_dmy (1, G_DATE_JANUARY, 2024);
  char buf[16];

  g_date_add_days (date, i / 40);
  g_date_strftime (buf, sizeof buf, dotted ? "%d.%m.%Y" : "%Y-%m-%d", date);
  return g_strdup (buf);
}

/* @n rows of plain ASCII, 30 minutes each, 40 to a day. */
static void
append_ascii_rows (GString *out,
                   guint    n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *day = day_of_row (i, FALSE);

      g_string_append_printf (out, "%s,Anna Smith,calls,30,Call %05u to a client\n", day, i);
    }
}

/* Pads @out with ASCII rows so that it ends @at bytes into the file; no
 * task longer than the importer takes. */
static void
pad_to (GString *out,
        gsize    at)
{
  const char *start = "2024-03-05,Anna Smith,calls,1,";

  g_assert_cmpuint (out->len + strlen (start) + 2, <=, at);
  while (out->len < at)
    {
      gsize end = MIN (at, out->len + 5000);

      if (at - end < strlen (start) + 2)
        end = at;
      g_string_append (out, start);
      while (out->len < end - 1)
        g_string_append_c (out, 'p');
      g_string_append_c (out, '\n');
    }
}

static void
write_file (Fixture *f,
            GString *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (f->path, text->str, (gssize) text->len, &error));
  g_assert_no_error (error);
}

/* "NAME=MINUTES" per person over the database, sorted, ';'-joined. */
typedef struct {
  MkStore    *store;
  GHashTable *minutes;
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
  const char *name;

  g_assert_nonnull (person);
  name = mk_person_get_name (person);
  g_hash_table_replace (t->minutes, g_strdup (name),
                        GINT_TO_POINTER (GPOINTER_TO_INT (g_hash_table_lookup (t->minutes, name))
                                         + minutes));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

static char *
minutes_per_person (MkStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) minutes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  Totals t = { store, minutes };
  GHashTableIter iter;
  gpointer key, value;

  g_assert_true (mk_store_foreach_day_total (store, "1900-01-01", "2199-12-31", total_cb, &t,
                                             &error));
  g_assert_no_error (error);
  g_hash_table_iter_init (&iter, minutes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_INT (value) != 0)
      g_ptr_array_add (items, g_strdup_printf ("%s=%d", (char *) key, GPOINTER_TO_INT (value)));
  g_ptr_array_sort (items, compare_strings);
  g_ptr_array_add (items, NULL);
  return g_strjoinv (";", (char **) items->pdata);
}

static void
import_ok (Fixture    *f,
           const char *expected_minutes)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *minutes = NULL;

  g_assert_true (mk_importer_run (f->store, f->path, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  minutes = minutes_per_person (f->store);
  g_assert_cmpstr (minutes, ==, expected_minutes);
}

static void
import_refused (Fixture    *f,
                const char *expected_message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *minutes = NULL;

  g_assert_false (mk_importer_run (f->store, f->path, NULL, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_ENCODING);
  g_assert_cmpstr (error->message, ==, expected_message);
  minutes = minutes_per_person (f->store);
  g_assert_cmpstr (minutes, ==, "");
}

static void
test_1251_after_sniffed_size (Fixture       *f,
                              gconstpointer  data)
{
  /* A long Russian Excel export whose Russian names start after the first
   * 64 KB, all ASCII: read as UTF-8 until then, Windows-1251 from there. */
  g_autoptr(GString) text = g_string_new ("Date,Manager,Category,Minutes,Task\n");

  append_ascii_rows (text, 2000);
  g_assert_cmpuint (text->len, >, MK_ENCODING_SNIFF_SIZE);
  for (guint i = 0; i < 4; i++)
    append_1251 (text, "2024-03-06,Иван Петров,звонки,15,Звонок клиенту\n");
  append_1251 (text, "2024-03-06,Пётр Фёдоров,звонки,20,Звонок\n");
  write_file (f, text);

  import_ok (f, "Anna Smith=60000;Иван Петров=60;Пётр Фёдоров=20");
}

static void
test_1251_split_between_chunks (Fixture       *f,
                                gconstpointer  data)
{
  /* The first Windows-1251 letter is the last byte of the reader's first
   * chunk; the rest of the name is in the second. */
  g_autoptr(GString) text = g_string_new ("Date,Manager,Category,Minutes,Task\n");
  const char *row_start = "2024-03-06,";

  append_ascii_rows (text, 4000);
  g_string_truncate (text, MK_IMPORT_READER_CHUNK - 300);
  g_string_truncate (text, (gsize) (strrchr (text->str, '\n') - text->str) + 1);
  pad_to (text, MK_IMPORT_READER_CHUNK - 1 - strlen (row_start));
  g_string_append (text, row_start);
  g_assert_cmpuint (text->len, ==, MK_IMPORT_READER_CHUNK - 1);
  append_1251 (text, "Ирина Смирнова,звонки,15,Звонок\n");
  write_file (f, text);

  /* Every ASCII row but the padding ones has 30 minutes. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *minutes = NULL;

    g_assert_true (mk_importer_run (f->store, f->path, NULL, NULL, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    minutes = minutes_per_person (f->store);
    g_assert_true (g_str_has_suffix (minutes, ";Ирина Смирнова=15"));
    g_assert_true (g_str_has_prefix (minutes, "Anna Smith="));
  }
}

static void
test_damaged_utf8_after_sniffed_size (Fixture       *f,
                                      gconstpointer  data)
{
  /* A UTF-8 file, ASCII for the first 64 KB, then UTF-8 names with one
   * damaged byte on line 2004: refused at that line, nothing written. */
  g_autoptr(GString) text = g_string_new ("Date,Manager,Category,Minutes,Task\n");

  append_ascii_rows (text, 2000);
  g_string_append (text, "2024-03-06,Иван Петров,звонки,15,Звонок\n");
  g_string_append (text, "2024-03-06,Ольга Ким,звонки,15,Звонок\n");
  g_string_append (text, "2024-03-06,Ольга К\xFFм,звонки,15,Звонок\n");
  g_string_append (text, "2024-03-06,Ольга Ким,звонки,15,Звонок\n");
  write_file (f, text);

  import_refused (f, "long.csv:2004: the bytes are not valid UTF-8, although the file started "
                     "as UTF-8; save it again as CSV in UTF-8");
}

static void
test_damaged_utf8_in_sniffed_size (Fixture       *f,
                                   gconstpointer  data)
{
  /* UTF-8 names from line 2, a damaged byte on line 30: the file is not
   * taken for Windows-1251 (which would write every name garbled). */
  g_autoptr(GString) text = g_string_new ("Дата,Менеджер,Категория,Минуты\n");

  for (guint i = 0; i < 40; i++)
    g_string_append (text, i == 28 ? "05.03.2024,Ольга К\xE8м,звонки,30\n"
                                   : "05.03.2024,Ольга Ким,звонки,30\n");
  write_file (f, text);

  import_refused (f, "long.csv:30: the bytes are not valid UTF-8, although the file started "
                     "as UTF-8; save it again as CSV in UTF-8");
}

static void
test_stray_byte_then_utf8 (Fixture       *f,
                           gconstpointer  data)
{
  /* ASCII, one stray non-UTF-8 byte in a Latin name on line 2002, and
   * UTF-8 names 300 KB later: the stray byte reads as no Cyrillic word, so
   * the file is UTF-8 with a damaged byte, refused on its line. */
  g_autoptr(GString) text = g_string_new ("Date,Manager,Category,Minutes,Task\n");

  append_ascii_rows (text, 2000);
  g_string_append (text, "2024-03-06,Bad\xFFName,calls,15,x\n");
  append_ascii_rows (text, 5000);
  g_string_append (text, "2024-03-08,Иван Петров,звонки,15,Звонок\n");
  write_file (f, text);

  import_refused (f, "long.csv:2002: the bytes are not valid UTF-8, although the file started "
                     "as UTF-8; save it again as CSV in UTF-8");
}

static void
test_stray_byte_alone (Fixture       *f,
                       gconstpointer  data)
{
  /* An ASCII file whose only other byte is the first half of a UTF-8
   * character cut short ("Anna\xED\x80"): it once turned the whole file
   * into Windows-1251 ("AnnaнЂ"); now refused on its line, whether the
   * byte comes in the first 64 KB or after them. */
  g_autoptr(GString) text = g_string_new ("Date,Manager,Category,Minutes,Task\n");

  g_string_append (text, "2024-03-06,Anna\xED\x80,calls,15,x\n");
  append_ascii_rows (text, 10);
  write_file (f, text);
  import_refused (f, "long.csv:2: the bytes are not valid UTF-8, although the file started "
                     "as UTF-8; save it again as CSV in UTF-8");

  g_string_truncate (text, strlen ("Date,Manager,Category,Minutes,Task\n"));
  append_ascii_rows (text, 2000);
  g_string_append (text, "2024-03-06,Anna\xED\x80,calls,15,x\n");
  write_file (f, text);
  import_refused (f, "long.csv:2002: the bytes are not valid UTF-8, although the file started "
                     "as UTF-8; save it again as CSV in UTF-8");
}

static void
test_1251_then_utf8 (Fixture       *f,
                     gconstpointer  data)
{
  /* A Windows-1251 file with a UTF-8 row pasted in after 64 KB. */
  g_autoptr(GString) text = g_string_new (NULL);

  append_1251 (text, "Дата;Менеджер;Категория;Минуты\n");
  for (guint i = 0; i < 3000; i++)
    {
      g_autofree char *day = day_of_row (i, TRUE);
      g_autofree char *row = g_strdup_printf ("%s;Ольга Ким;звонки;30\n", day);

      append_1251 (text, row);
    }
  g_assert_cmpuint (text->len, >, MK_ENCODING_SNIFF_SIZE);
  g_string_append (text, "06.03.2024;Иван Петров;звонки;15\n");
  write_file (f, text);

  import_refused (f, "long.csv:3002: this line is UTF-8 text, but line 1 is Windows-1251: "
                     "the file mixes two encodings; save it again as CSV in UTF-8");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/import-encoding/windows-1251-after-first-64k", Fixture, NULL, fixture_set_up,
              test_1251_after_sniffed_size, fixture_tear_down);
  g_test_add ("/import-encoding/windows-1251-split-between-chunks", Fixture, NULL,
              fixture_set_up, test_1251_split_between_chunks, fixture_tear_down);
  g_test_add ("/import-encoding/damaged-utf8-after-first-64k-refused", Fixture, NULL,
              fixture_set_up, test_damaged_utf8_after_sniffed_size, fixture_tear_down);
  g_test_add ("/import-encoding/damaged-utf8-in-first-64k-refused-not-garbled", Fixture, NULL,
              fixture_set_up, test_damaged_utf8_in_sniffed_size, fixture_tear_down);
  g_test_add ("/import-encoding/stray-byte-then-utf8-refused", Fixture, NULL, fixture_set_up,
              test_stray_byte_then_utf8, fixture_tear_down);
  g_test_add ("/import-encoding/windows-1251-then-utf8-refused", Fixture, NULL, fixture_set_up,
              test_1251_then_utf8, fixture_tear_down);
  g_test_add ("/import-encoding/stray-byte-in-ascii-refused-not-1251", Fixture, NULL,
              fixture_set_up, test_stray_byte_alone, fixture_tear_down);

  return g_test_run ();
}
