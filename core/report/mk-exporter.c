/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-exporter.c — entries out as Minutka's own CSV.
 *
 * Design notes.
 *
 * Entries are read with one statement, by day, then person, then start
 * (the entry_day_person index gives the first two; SQLite sorts only each
 * person's day by start), and written as they come, so a million entries
 * take one pass and little memory.  The file is written through
 * mk_file_writer_open() (a temporary beside the target, mode 0600, renamed
 * over it when complete), so a failed or killed export never leaves half a
 * file, and a period without entries is refused before the file is touched.
 *
 * The last column is the entry's identity (mk-uuid.c), so that importing
 * the file where its entries already are adds nothing, and importing it
 * elsewhere gives them the same identities.
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

#include "mk-error.h"
#include "mk-exporter.h"
#include "mk-file-writer.h"
#include "mk-store-private.h"

#define FLUSH_SIZE (64 * 1024)

static const char select_sql[] =
  "SELECT e.day, e.start, e.minutes, c.key, p.name, p.email, e.task, e.uuid "
  "FROM entry e JOIN person p ON p.id = e.person_id JOIN category c ON c.id = e.category_id "
  "WHERE (?1 IS NULL OR e.day >= ?1) AND (?2 IS NULL OR e.day <= ?2) "
  "ORDER BY e.day, e.person_id, " MK_ENTRY_PLACE_SQL ", e.id";

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

/**
 * mk_exporter_write:
 * @store: the store
 * @path: the file to write, replaced when complete; "-" for standard output
 * @from: (nullable): the first day, "YYYY-MM-DD", or %NULL for no limit
 * @to: (nullable): the last day, or %NULL for no limit
 * @n_entries: (out) (optional): how many entries were written
 * @error: return location for an error
 *
 * Writes the entries of the range as Minutka's own CSV.
 *
 * Returns: %TRUE when the file is complete.  Fails, leaving the old file
 *   (if any) as it was, with MK_STORE_ERROR_NOT_FOUND when the range has no
 *   entries, a G_FILE_ERROR naming the file when it cannot be written, or
 *   an MK_STORE_ERROR when the entries cannot be read.
 */
gboolean
mk_exporter_write (MkStore     *store,
                   const char  *path,
                   const char  *from,
                   const char  *to,
                   guint64     *n_entries,
                   GError     **error)
{
  g_autoptr(MkFileWriter) writer = NULL;
  g_autoptr(GString) buf = g_string_sized_new (FLUSH_SIZE + 1024);
  sqlite3_stmt *stmt;
  MkStoreStep step;
  char uuid[MK_UUID_TEXT_LEN + 1];
  guint64 n = 0;

  g_return_val_if_fail (MK_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (n_entries != NULL)
    *n_entries = 0;
  stmt = mk_store_stmt_for_sql (store, select_sql, error);
  if (stmt == NULL)
    return FALSE;
  /* The statement is kept between exports: no bound day of the last one
   * may stay. */
  sqlite3_clear_bindings (stmt);
  if (from != NULL)
    sqlite3_bind_text (stmt, 1, from, -1, SQLITE_TRANSIENT);
  if (to != NULL)
    sqlite3_bind_text (stmt, 2, to, -1, SQLITE_TRANSIENT);

  /* An empty period is decided before the file is touched. */
  step = mk_store_step (store, stmt, error);
  if (step == MK_STORE_FAILED)
    return FALSE;
  if (step == MK_STORE_DONE)
    {
      if (from == NULL && to == NULL)
        g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_NOT_FOUND,
                     _("The database has no entries, so nothing was exported and “%s” was "
                       "not touched."), path);
      else
        g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_NOT_FOUND,
                     _("There are no entries between %s and %s, so nothing was exported and "
                       "“%s” was not touched; choose another period with --from and --to."),
                     from != NULL ? from : _("the first day"),
                     to != NULL ? to : _("the last day"), path);
      return FALSE;
    }
  writer = mk_file_writer_open (path, error);
  if (writer == NULL)
    {
      sqlite3_reset (stmt);
      return FALSE;
    }

  g_string_append (buf, MK_EXPORT_HEADER "\n");
  for (; step == MK_STORE_ROW; step = mk_store_step (store, stmt, error))
    {
      g_string_append (buf, (const char *) sqlite3_column_text (stmt, 0));
      g_string_append_c (buf, ',');
      if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        {
          int start = sqlite3_column_int (stmt, 1);

          g_string_append_printf (buf, "%02d:%02d", start / 60, start % 60);
        }
      g_string_append_printf (buf, ",%d,", sqlite3_column_int (stmt, 2));
      append_cell (buf, (const char *) sqlite3_column_text (stmt, 3));
      g_string_append_c (buf, ',');
      append_cell (buf, (const char *) sqlite3_column_text (stmt, 4));
      g_string_append_c (buf, ',');
      append_cell (buf, (const char *) sqlite3_column_text (stmt, 5));
      g_string_append_c (buf, ',');
      append_cell (buf, (const char *) sqlite3_column_text (stmt, 6));
      g_string_append_c (buf, ',');
      mk_store_column_uuid (stmt, 7, uuid);
      g_string_append (buf, uuid);
      g_string_append_c (buf, '\n');
      n++;

      if (buf->len >= FLUSH_SIZE)
        {
          if (!mk_file_writer_write (writer, buf->str, buf->len, error))
            {
              sqlite3_reset (stmt);
              return FALSE;
            }
          g_string_truncate (buf, 0);
        }
    }
  if (step == MK_STORE_FAILED)
    return FALSE;
  if (!mk_file_writer_write (writer, buf->str, buf->len, error)
      || !mk_file_writer_commit (writer, error))
    return FALSE;
  if (n_entries != NULL)
    *n_entries = n;
  return TRUE;
}
