/* mk-exporter.c — entries out as Minutka's own CSV.
 *
 * Design notes.
 *
 * Entries are read through an MkEntryList sorted by day and start, a page
 * at a time, so memory stays small for a million entries.  The file is
 * written to a temporary file beside the target and renamed over it when
 * complete (g_file_replace), so a failed export never leaves half a file.
 *
 * Formula injection: a cell that starts with "=", "+", "-", "@", TAB or CR
 * is prefixed with an apostrophe, which spreadsheets show as text.  A cell
 * that already starts with an apostrophe gets one too, so that the
 * importer can always strip exactly one and the round trip stays exact
 * (see mk-import-row.c, Minutka preset).
 */
#define G_LOG_DOMAIN "mk-exporter"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mk-domain.h"
#include "mk-entry-list.h"
#include "mk-error.h"
#include "mk-exporter.h"

#define FLUSH_SIZE (64 * 1024)

/**
 * mk_exporter_format_cell:
 * @text: (nullable): a cell's text
 *
 * Returns: (transfer full): @text as one CSV cell: neutralised against
 *   formulas, quoted when it holds a comma, a quote, a line break or
 *   spaces at its ends, quotes doubled.
 */
char *
mk_exporter_format_cell (const char *text)
{
  g_autoptr(GString) cell = g_string_new (NULL);
  gsize len;

  if (text == NULL || *text == '\0')
    return g_strdup ("");
  if (strchr ("=+-@\t\r'", text[0]) != NULL)
    g_string_append_c (cell, '\'');
  g_string_append (cell, text);
  len = strlen (text);
  if (strpbrk (cell->str, ",\"\r\n") != NULL || text[0] == ' ' || text[len - 1] == ' ')
    {
      g_autoptr(GString) quoted = g_string_new ("\"");

      for (const char *p = cell->str; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (quoted, '"');
          g_string_append_c (quoted, *p);
        }
      g_string_append_c (quoted, '"');
      return g_string_free (g_steal_pointer (&quoted), FALSE);
    }
  return g_string_free (g_steal_pointer (&cell), FALSE);
}

static void
append_cell (GString    *line,
             const char *text)
{
  g_autofree char *cell = mk_exporter_format_cell (text);

  g_string_append (line, cell);
}

/* Closes @stream with a cancelled cancellable: the temporary file is
 * dropped and the target keeps its old contents. */
static gboolean
abandon (GFileOutputStream *stream)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  g_cancellable_cancel (cancellable);
  g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, NULL);
  return FALSE;
}

/**
 * mk_exporter_write:
 * @store: the store
 * @path: the file to write; replaced when complete
 * @from: (nullable): the first day, "YYYY-MM-DD", or %NULL for no limit
 * @to: (nullable): the last day, or %NULL for no limit
 * @n_entries: (out) (optional): how many entries were written
 * @error: return location for an error
 *
 * Writes the entries of the range as Minutka's own CSV.
 *
 * Returns: %TRUE when the file is complete; fails with a G_IO_ERROR when
 *   the file cannot be written (the old file, if any, is left as it was).
 */
gboolean
mk_exporter_write (MkStore     *store,
                   const char  *path,
                   const char  *from,
                   const char  *to,
                   guint64     *n_entries,
                   GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(MkEntryList) list = NULL;
  g_autoptr(GHashTable) emails = NULL;
  g_autoptr(GString) buf = g_string_sized_new (FLUSH_SIZE + 1024);
  guint n;

  g_return_val_if_fail (MK_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  file = g_file_new_for_path (path);
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, error);
  if (stream == NULL)
    return FALSE;

  list = mk_entry_list_new (store);
  mk_entry_list_set_range (list, from, to);
  mk_entry_list_set_sort (list, MK_ENTRY_SORT_TIME, FALSE);
  emails = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  g_string_append (buf, MK_EXPORT_HEADER "\n");
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MkEntry) entry = g_list_model_get_item (G_LIST_MODEL (list), i);
      gint64 person_id = mk_entry_get_person_id (entry);
      const char *email;
      int start = mk_entry_get_start (entry);

      if (!g_hash_table_contains (emails, &person_id))
        {
          g_autoptr(MkPerson) person = mk_store_get_person (store, person_id, NULL);

          g_hash_table_insert (emails, g_memdup2 (&person_id, sizeof person_id),
                               g_strdup (person ? mk_person_get_email (person) : NULL));
        }
      email = g_hash_table_lookup (emails, &person_id);

      g_string_append (buf, mk_entry_get_day (entry));
      g_string_append_c (buf, ',');
      if (start >= 0)
        g_string_append_printf (buf, "%02d:%02d", start / 60, start % 60);
      g_string_append_printf (buf, ",%d,", mk_entry_get_minutes (entry));
      append_cell (buf, mk_category_get_key (mk_entry_get_category (entry)));
      g_string_append_c (buf, ',');
      append_cell (buf, mk_entry_get_person_name (entry));
      g_string_append_c (buf, ',');
      append_cell (buf, email);
      g_string_append_c (buf, ',');
      append_cell (buf, mk_entry_get_task (entry));
      g_string_append_c (buf, '\n');

      if (buf->len >= FLUSH_SIZE)
        {
          if (!g_output_stream_write_all (G_OUTPUT_STREAM (stream), buf->str, buf->len, NULL,
                                          NULL, error))
            return abandon (stream);
          g_string_truncate (buf, 0);
        }
    }
  if (!g_output_stream_write_all (G_OUTPUT_STREAM (stream), buf->str, buf->len, NULL, NULL,
                                  error))
    return abandon (stream);
  if (!g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error))
    return FALSE;
  if (n_entries != NULL)
    *n_entries = n;
  return TRUE;
}
