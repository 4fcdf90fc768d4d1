/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-store-demo.c — filling a database with the demo team sample.
 *
 * The sample (data/demo-team.tsv, installed in the package data folder) is
 * eight managers over three working days.  It is loaded as one import batch
 * in one transaction, with fingerprints; its days become the active study.
 *
 * The demo never mixes with anybody's own entries: mk_store_load_demo()
 * refuses a database that holds any entry (checked inside its transaction),
 * and the window's "Try the Demo" opens a database of its own in a private
 * temporary folder (mk_store_open_demo()), removed with everything in it
 * when the last reference to that store goes.
 *
 * Format: UTF-8, tab-separated, '#' starts a comment line:
 *   person  email  level  day  start(HH:MM)  minutes  category-key  task
 */
#define G_LOG_DOMAIN "mk-store-demo"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "minutka-core-resources.h"
#include "mk-error.h"
#include "mk-store-bulk.h"
#include "mk-store-private.h"

#define DEMO_RESOURCE "/io/github/minutka/Minutka/core/demo-team.tsv"

/* The sample is compiled into core, so --demo works installed or not. */
static char *
read_demo (const char *path,
           GError    **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  char *contents = NULL;

  if (path != NULL)
    {
      if (!g_file_get_contents (path, &contents, NULL, &local_error))
        g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_NOT_FOUND,
                     _("The demo sample cannot be read (%s)."), local_error->message);
      return contents;
    }
  bytes = g_resource_lookup_data (mk_core_get_resource (), DEMO_RESOURCE, 0, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_NOT_FOUND,
                   _("The demo sample cannot be read (%s); reinstall Minutka."),
                   local_error->message);
      return NULL;
    }
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static gboolean
parse_hhmm (const char *text,
            int        *minutes)
{
  if (strlen (text) != 5 || text[2] != ':' || !g_ascii_isdigit (text[0]) ||
      !g_ascii_isdigit (text[1]) || !g_ascii_isdigit (text[3]) || !g_ascii_isdigit (text[4]))
    return FALSE;
  *minutes = atoi (text) * 60 + atoi (text + 3);
  return atoi (text) < 24 && atoi (text + 3) < 60;
}

static gint64
demo_fingerprint (const char *line,
                  guint       line_no)
{
  g_autofree char *salted = g_strdup_printf ("demo:%u:%s", line_no, line);
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize len = sizeof digest;
  gint64 fp = 0;

  g_checksum_update (sum, (const guchar *) salted, -1);
  g_checksum_get_digest (sum, digest, &len);
  memcpy (&fp, digest, sizeof fp);
  return fp != 0 ? fp : 1;
}

static gboolean
load_line (MkStore     *self,
           MkStoreBulk *bulk,
           const char  *path,
           guint        line_no,
           const char  *line,
           char       **first_day,
           char       **last_day,
           guint64     *added,
           GError     **error)
{
  g_auto(GStrv) f = g_strsplit (line, "\t", -1);
  g_autoptr(MkPerson) person = NULL;
  MkEntryInput input = { 0 };
  MkCategory *category;
  MkLevel level;
  gboolean duplicate = FALSE;
  char *end = NULL;

  if (g_strv_length (f) != 8 || !mk_level_from_string (f[2], &level) ||
      !parse_hhmm (f[4], &input.start) ||
      (input.minutes = (int) strtol (f[5], &end, 10), end == f[5] || *end != '\0') ||
      (category = mk_store_get_category_by_key (self, f[6])) == NULL)
    {
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_INVALID,
                   _("%s:%u: this line of the demo sample is malformed; reinstall Minutka."),
                   path, line_no);
      return FALSE;
    }

  person = mk_store_ensure_person (self, f[0], f[1], error);
  if (person == NULL)
    return FALSE;
  if (level != MK_LEVEL_NONE && mk_person_get_level (person) == MK_LEVEL_NONE &&
      !mk_store_write_person_level (self, mk_person_get_id (person), level, error))
    return FALSE;

  input.person_id = mk_person_get_id (person);
  input.day = f[3];
  input.category_id = mk_category_get_id (category);
  input.task = f[7];
  input.fingerprint = demo_fingerprint (line, line_no);
  if (!mk_store_bulk_add (bulk, &input, &duplicate, error))
    {
      g_prefix_error (error, "%s:%u: ", path, line_no);
      return FALSE;
    }
  if (!duplicate)
    (*added)++;
  if (*first_day == NULL || strcmp (f[3], *first_day) < 0)
    {
      g_free (*first_day);
      *first_day = g_strdup (f[3]);
    }
  if (*last_day == NULL || strcmp (f[3], *last_day) > 0)
    {
      g_free (*last_day);
      *last_day = g_strdup (f[3]);
    }
  return TRUE;
}

/**
 * mk_store_load_demo:
 * @self: a store
 * @path: (nullable): the sample file, or %NULL for the installed one
 * @error: return location for a #GError
 *
 * Loads the demo team sample in one transaction and makes its days the
 * active study "Demo sample".  Only into a database without entries: the
 * sample's eight managers must never mix with a team's own log.
 *
 * Returns: %TRUE once committed; %FALSE with MK_STORE_ERROR_EXISTS when the
 *   database already holds entries (nothing was added), or another error
 *   when the file is missing or malformed (nothing was added).
 */
gboolean
mk_store_load_demo (MkStore    *self,
                    const char *path,
                    GError    **error)
{
  g_autofree char *file = g_strdup (path ? path : "demo-team.tsv");
  g_autofree char *contents = NULL;
  g_autofree char *first_day = NULL;
  g_autofree char *last_day = NULL;
  g_autofree char *basename = NULL;
  g_auto(GStrv) lines = NULL;
  MkImportCounts counts = { 0 };
  MkStoreBulk *bulk;

  g_return_val_if_fail (MK_IS_STORE (self), FALSE);

  contents = read_demo (path, error);
  if (contents == NULL)
    return FALSE;

  basename = g_path_get_basename (file);
  bulk = mk_store_bulk_begin (self, basename, NULL, "demo", error);
  if (bulk == NULL)
    return FALSE;
  /* Inside the transaction, so that no entry can come in between. */
  if (!mk_store_is_empty (self))
    {
      mk_store_bulk_abort (bulk);
      g_set_error_literal (error, MK_STORE_ERROR, MK_STORE_ERROR_EXISTS,
                           _("This database already holds entries, and the demo team would "
                             "mix with them; nothing was added. Try the demo in a database "
                             "of its own."));
      return FALSE;
    }

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strchomp (lines[i]);
      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      counts.rows_read++;
      if (!load_line (self, bulk, file, i + 1, lines[i], &first_day, &last_day,
                      &counts.imported, error))
        {
          mk_store_bulk_abort (bulk);
          return FALSE;
        }
    }
  counts.duplicates = counts.rows_read - counts.imported;

  if (counts.imported == 0)
    {
      mk_store_bulk_abort (bulk);
      g_set_error_literal (error, MK_STORE_ERROR, MK_STORE_ERROR_INVALID,
                           _("The demo sample is empty; reinstall Minutka."));
      return FALSE;
    }
  if (!mk_store_write_study (self, _("Demo sample"), first_day, last_day, error))
    {
      mk_store_bulk_abort (bulk);
      return FALSE;
    }
  return mk_store_bulk_commit (bulk, &counts, error);
}

/**
 * mk_store_open_demo:
 * @error: return location for a #GError
 *
 * Creates a database of its own for the demo team, in a new private
 * temporary folder (mode 0700), and loads the sample into it.  The folder
 * and the database go when the last reference to the store is dropped, so
 * nothing of the demo stays behind and no other database is touched.
 *
 * Returns: (transfer full) (nullable): the demo's store, or %NULL with
 *   @error set when the folder cannot be made or the sample cannot be
 *   loaded (nothing is left behind then either).
 */
MkStore *
mk_store_open_demo (GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(MkStore) store = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  store = mk_store_open_temporary ("demo", &local_error);
  if (store == NULL)
    {
      if (local_error->domain == G_FILE_ERROR)
        g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_OPEN,
                     _("The demo needs a temporary folder, which cannot be made (%s)."),
                     local_error->message);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (!mk_store_load_demo (store, NULL, error))
    return NULL;
  return g_steal_pointer (&store);
}
