/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-cli-import.c — `minutka --import` and `minutka --export`.
 *
 * One summary per file: what the file was understood as (preset, encoding,
 * delimiter), what happened to its rows, which category texts had no alias
 * and went to `other`, and the invalid rows as FILE:LINE: reason.  Every
 * file is imported on its own (one transaction each); the exit status is
 * 1 when any file was refused.  Text is collected in GStrings so that
 * tests can read it; the _main functions print it.
 */
#define G_LOG_DOMAIN "mk-cli-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "mk-cli-import.h"
#include "mk-date.h"
#include "mk-error.h"
#include "mk-exporter.h"
#include "mk-file-writer.h"
#include "mk-paths.h"
#include "mk-safe-text.h"
#include "mk-store-batches.h"

/* Fewer unmapped texts are listed; the rest are counted. */
#define MAX_UNMAPPED_SHOWN 10

/* Files the --column ROLE=HEADER values into @options; FALSE after
 * printing why one is not valid (an unknown role, a role given twice). */
static gboolean
parse_columns (const char * const *columns,
               MkImportOptions    *options)
{
  static const char *roles[] = {
    "date", "person", "category", "task", "duration", "minutes", "hours", "start", "end",
  };
  const char **slots[] = {
    &options->date_column, &options->person_column, &options->category_column,
    &options->task_column, &options->duration_column, &options->duration_column,
    &options->duration_column, &options->start_column, &options->end_column,
  };
  static const MkDurationUnit units[] = {
    MK_DURATION_UNIT_AUTO, MK_DURATION_UNIT_AUTO, MK_DURATION_UNIT_AUTO,
    MK_DURATION_UNIT_AUTO, MK_DURATION_UNIT_AUTO, MK_DURATION_UNIT_MINUTES,
    MK_DURATION_UNIT_HOURS, MK_DURATION_UNIT_AUTO, MK_DURATION_UNIT_AUTO,
  };

  for (gsize i = 0; columns != NULL && columns[i] != NULL; i++)
    {
      const char *eq = strchr (columns[i], '=');
      g_autofree char *role = eq ? g_strstrip (g_strndup (columns[i],
                                                          (gsize) (eq - columns[i])))
                                 : NULL;
      gsize r;

      for (r = 0; role != NULL && r < G_N_ELEMENTS (roles); r++)
        if (g_ascii_strcasecmp (role, roles[r]) == 0)
          break;
      if (role == NULL || r == G_N_ELEMENTS (roles))
        {
          g_autofree char *message =
            g_strdup_printf (_("--column '%s' should look like ROLE=HEADER, with ROLE one of "
                               "date, person, category, task, duration, minutes, hours, start "
                               "and end, e.g. --column person=Owner."), columns[i]);

          mk_cli_print_message (message);
          return FALSE;
        }
      if (*slots[r] != NULL)
        {
          g_autofree char *message =
            g_strdup_printf (_("--column gives the %s column twice ('%s'); give it once."),
                             role, columns[i]);

          mk_cli_print_message (message);
          return FALSE;
        }
      *slots[r] = eq + 1;
      options->duration_unit = units[r] != MK_DURATION_UNIT_AUTO ? units[r]
                                                                   : options->duration_unit;
    }
  return TRUE;
}

/**
 * mk_cli_import_parse_args:
 * @args: the option values as given
 * @options: (out caller-allocates): the import options; its strings point
 *   into @args
 *
 * Returns: 0, or 2 after printing why an option value is not valid.
 */
int
mk_cli_import_parse_args (const MkCliImportArgs *args,
                          MkImportOptions       *options)
{
  mk_import_options_init (options);
  if (args->preset != NULL && !mk_preset_from_string (args->preset, &options->preset))
    {
      g_autofree char *message =
        g_strdup_printf (_("unknown preset '%s'; use auto, toggl, clockify, kimai, harvest, "
                           "hamster, tempo, minutka or generic."), args->preset);

      mk_cli_print_message (message);
      return MK_EXIT_USAGE;
    }
  if (args->date_format != NULL
      && (!mk_date_order_from_string (args->date_format, &options->date_order)))
    {
      g_autofree char *message =
        g_strdup_printf (_("unknown date format '%s'; use dmy, mdy or ymd."), args->date_format);

      mk_cli_print_message (message);
      return MK_EXIT_USAGE;
    }
  for (gsize i = 0; args->maps != NULL && args->maps[i] != NULL; i++)
    {
      const char *eq = strrchr (args->maps[i], '=');

      if (eq == NULL || eq == args->maps[i] || eq[1] == '\0')
        {
          g_autofree char *message =
            g_strdup_printf (_("--map '%s' should look like TEXT=KEY, e.g. "
                               "\"Перезвоны=follow_up\"."), args->maps[i]);

          mk_cli_print_message (message);
          return MK_EXIT_USAGE;
        }
    }
  if (args->person != NULL && *args->person == '\0')
    {
      mk_cli_print_message (_("--person needs a name."));
      return MK_EXIT_USAGE;
    }
  if (!parse_columns (args->columns, options))
    return MK_EXIT_USAGE;
  if (args->category_column != NULL && options->category_column != NULL)
    {
      mk_cli_print_message (_("--category-column and --column category= name the same "
                              "thing; give one of them."));
      return MK_EXIT_USAGE;
    }
  options->person = args->person;
  if (args->category_column != NULL)
    options->category_column = args->category_column;
  options->maps = args->maps;
  options->skip_invalid = args->skip_invalid;
  options->dry_run = args->dry_run;
  return MK_EXIT_OK;
}

static void
print_summary (GString              *out,
               MkStore              *store,
               const MkImportResult *result)
{
  const MkImportCounts *c = &result->counts;
  g_autofree char *file_name = mk_safe_text (result->file_name);

  /* Translators: "toggl.csv: Toggl Track detailed export, UTF-8, comma". */
  g_string_append_printf (out, _("%s: %s, %s, %s"), file_name,
                          _(mk_preset_get_display_name (result->preset)),
                          mk_encoding_to_string (result->encoding),
                          mk_dialect_delimiter_name (result->dialect.delimiter));
  g_string_append_c (out, '\n');
  g_string_append (out, "  ");
  g_string_append_printf (out, _("rows read %llu, imported %llu (%llu min), duplicates %llu, "
                                 "skipped %llu, rejected %llu"),
                          (unsigned long long) c->rows_read, (unsigned long long) c->imported,
                          (unsigned long long) result->minutes,
                          (unsigned long long) c->duplicates, (unsigned long long) c->skipped,
                          (unsigned long long) c->rejected);
  if (result->dry_run)
    g_string_append_printf (out, " — %s", _("dry run, nothing was written"));
  g_string_append_c (out, '\n');

  {
    g_autoptr(GPtrArray) notes = mk_import_notes_describe (&result->notes);

    /* Notes name the file's columns, which come from the file. */
    for (guint i = 0; i < notes->len; i++)
      {
        g_string_append (out, "  ");
        mk_safe_text_append (out, g_ptr_array_index (notes, i));
        g_string_append_c (out, '\n');
      }
  }

  if (result->notes.no_category)
    {
      /* Every row's text is "": the list of texts would say nothing. */
      g_string_append (out, "  ");
      g_string_append (out, _("if a column of the file holds the category, name it with "
                              "--column category=HEADER"));
      g_string_append_c (out, '\n');
    }
  else if (result->unmapped != NULL && result->unmapped->len > 0)
    {
      g_string_append (out, "  ");
      g_string_append (out, _("category texts with no alias, counted as “other”:"));
      for (guint i = 0; i < result->unmapped->len && i < MAX_UNMAPPED_SHOWN; i++)
        {
          const MkUnmappedValue *v = g_ptr_array_index (result->unmapped, i);

          g_autofree char *text = mk_safe_text (v->text);

          g_string_append_printf (out, "%s “%s” ×%" G_GUINT64_FORMAT, i ? "," : "",
                                  *text ? text : _("(empty)"), v->count);
        }
      if (result->unmapped->len > MAX_UNMAPPED_SHOWN)
        g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, " and %u more",
                                                  " and %u more",
                                                  result->unmapped->len - MAX_UNMAPPED_SHOWN),
                                result->unmapped->len - MAX_UNMAPPED_SHOWN);
      g_string_append_c (out, '\n');
      g_string_append (out, "  ");
      {
        g_autoptr(GListModel) categories = mk_store_list_categories (store, FALSE);
        g_autoptr(GString) keys = g_string_new (NULL);

        for (guint i = 0; i < g_list_model_get_n_items (categories); i++)
          {
            g_autoptr(MkCategory) category = g_list_model_get_item (categories, i);

            if (i > 0)
              g_string_append (keys, ", ");
            g_string_append (keys, mk_category_get_key (category));
          }
        /* Translators: the keys are the database's categories' keys. */
        g_string_append_printf (out, _("map a text to a category with --map \"TEXT=KEY\" "
                                       "(keys: %s)"), keys->str);
        g_string_append_c (out, '\n');
      }
    }
}

static void
print_problems (GString              *err,
                const MkImportResult *result)
{
  for (guint i = 0; i < result->problems->len; i++)
    {
      mk_safe_text_append (err, g_ptr_array_index (result->problems, i));
      g_string_append_c (err, '\n');
    }
  if (result->n_problems > result->problems->len)
    {
      g_string_append_printf (err, g_dngettext (GETTEXT_PACKAGE,
                                                "… and %llu more invalid row",
                                                "… and %llu more invalid rows",
                                                result->n_problems - result->problems->len),
                              (unsigned long long) (result->n_problems - result->problems->len));
      g_string_append_c (err, '\n');
    }
}

/**
 * mk_cli_import:
 * @store: the store
 * @args: the command line's import options
 * @out: the summaries are appended here
 * @err: problems are appended here
 *
 * Imports each file of @args, each in its own transaction.
 *
 * Returns: 0 when every file was imported, 1 when a file was refused,
 *   2 when an option value is not valid.
 */
int
mk_cli_import (MkStore               *store,
               const MkCliImportArgs *args,
               GString               *out,
               GString               *err)
{
  MkImportOptions options;
  int status;

  g_return_val_if_fail (MK_IS_STORE (store), MK_EXIT_USAGE);
  g_return_val_if_fail (args != NULL, MK_EXIT_USAGE);

  status = mk_cli_import_parse_args (args, &options);
  if (status != MK_EXIT_OK)
    return status;
  if (args->files == NULL || args->files[0] == NULL)
    {
      g_string_append_printf (err, "minutka: %s\n", _("--import needs at least one file."));
      return MK_EXIT_USAGE;
    }

  for (gsize i = 0; args->files[i] != NULL; i++)
    {
      g_autoptr(MkImportResult) result = NULL;
      g_autoptr(GError) error = NULL;

      if (mk_importer_run (store, args->files[i], &options, NULL, NULL, NULL, &result, &error))
        {
          print_summary (out, store, result);
          print_problems (err, result);
          continue;
        }
      status = MK_EXIT_BAD_INPUT;
      if (result != NULL && result->counts.rows_read > 0)
        print_summary (out, store, result);
      mk_cli_append_message (err, error->message);
      if (result != NULL)
        print_problems (err, result);
      if (g_error_matches (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_INVALID_ROWS)
          && !args->skip_invalid)
        g_string_append_printf (err, "minutka: %s\n",
                                _("fix those rows, or import the others with --skip-invalid."));
    }
  return status;
}

static int
print_and_return (GString *out,
                  GString *err,
                  int      status)
{
  fputs (out->str, stdout);
  fflush (stdout);
  fputs (err->str, stderr);
  return status;
}

/* The store a dry run reads: the database when it exists (it is not
 * written: an older one is tried on an up-to-date copy, which opening it
 * would have made of the file itself), else a new one in a private
 * temporary folder that goes with the store, so that a dry run creates
 * nothing where --db points — and says the same as it would with a new
 * database there. */
static MkStore *
open_dry_run_store (const MkCliArgs *args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *default_db = NULL;
  const char *db = mk_cli_args_get (args, "db");
  struct stat st;
  MkStore *store;

  if (db == NULL)
    db = default_db = mk_paths_default_db ();
  /* Anything there, a broken link included, is opened (or refused) as
   * the other commands do. */
  if (*db == '\0' || lstat (db, &st) == 0)
    return mk_cli_open_store (args, MK_STORE_OPEN_UNCHANGED);
  store = mk_store_open_temporary ("dry-run", &error);
  if (store == NULL)
    mk_cli_print_error (error);
  return store;
}

/**
 * mk_cli_import_run:
 * @args: the command line (--import and its options, --db)
 *
 * Returns: the exit status; see mk_cli_import().
 */
int
mk_cli_import_run (const MkCliArgs *args)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) err = g_string_new (NULL);
  g_autoptr(MkStore) store = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_null_terminated (4, NULL, TRUE);
  const char * const *imports = mk_cli_args_get_all (args, "import");
  const char * const *rest = mk_cli_args_get_files (args);
  MkCliImportArgs import_args = { NULL, };
  MkImportOptions options;

  for (gsize i = 0; imports != NULL && imports[i] != NULL; i++)
    g_ptr_array_add (files, (gpointer) imports[i]);
  for (gsize i = 0; rest != NULL && rest[i] != NULL; i++)
    g_ptr_array_add (files, (gpointer) rest[i]);
  import_args.files = (const char * const *) files->pdata;
  import_args.preset = mk_cli_args_get (args, "preset");
  import_args.person = mk_cli_args_get (args, "person");
  import_args.date_format = mk_cli_args_get (args, "date-format");
  import_args.category_column = mk_cli_args_get (args, "category-column");
  import_args.maps = mk_cli_args_get_all (args, "map");
  import_args.columns = mk_cli_args_get_all (args, "column");
  import_args.skip_invalid = mk_cli_args_has (args, "skip-invalid");
  import_args.dry_run = mk_cli_args_has (args, "dry-run");

  if (mk_cli_import_parse_args (&import_args, &options) != MK_EXIT_OK)
    return MK_EXIT_USAGE;
  if (import_args.dry_run)
    {
      int status;

      store = open_dry_run_store (args);
      if (store == NULL)
        return MK_EXIT_BAD_INPUT;
      status = mk_cli_import (store, &import_args, out, err);
      /* A temporary store's folder goes with it, before the words are out. */
      g_clear_object (&store);
      return print_and_return (out, err, status);
    }
  store = mk_cli_open_store (args, MK_STORE_OPEN_CREATE);
  if (store == NULL)
    return MK_EXIT_BAD_INPUT;
  return print_and_return (out, err, mk_cli_import (store, &import_args, out, err));
}

/**
 * mk_cli_export:
 * @store: the store
 * @path: the file to write
 * @from: (nullable): --from, "YYYY-MM-DD"
 * @to: (nullable): --to
 * @out: the summary is appended here
 * @err: problems are appended here
 *
 * Returns: 0 when written, 1 when the file could not be written or there
 *   was nothing to export, 2 when a date is not valid.
 */
int
mk_cli_export (MkStore    *store,
               const char *path,
               const char *from,
               const char *to,
               GString    *out,
               GString    *err)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *safe_path = NULL;
  guint64 n = 0;

  g_return_val_if_fail (MK_IS_STORE (store), MK_EXIT_USAGE);

  if (!mk_cli_check_period (from, to, &error))
    {
      mk_cli_append_message (err, error->message);
      return MK_EXIT_USAGE;
    }
  if (path == NULL || *path == '\0')
    {
      g_string_append_printf (err, "minutka: %s\n", _("--export needs a file name."));
      return MK_EXIT_USAGE;
    }
  if (!mk_exporter_write (store, path, from, to, &n, &error))
    {
      mk_cli_append_message (err, error->message);
      return MK_EXIT_BAD_INPUT;
    }
  /* Beside a CSV on standard output, the summary goes with the messages. */
  if (mk_file_path_is_stdout (path))
    out = err;
  safe_path = g_str_equal (path, "-") ? g_strdup (_("standard output")) : mk_safe_text (path);
  g_string_append_printf (out,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "%s: %llu entry exported",
                                       "%s: %llu entries exported", n),
                          safe_path, (unsigned long long) n);
  g_string_append_c (out, '\n');
  return MK_EXIT_OK;
}

/**
 * mk_cli_export_run:
 * @args: the command line (--export, --from, --to, --db)
 *
 * Returns: the exit status; see mk_cli_export().
 */
int
mk_cli_export_run (const MkCliArgs *args)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) err = g_string_new (NULL);
  g_autoptr(MkStore) store = NULL;

  store = mk_cli_open_store (args, MK_STORE_OPEN_EXISTING);
  if (store == NULL)
    return MK_EXIT_BAD_INPUT;
  return print_and_return (out, err,
                           mk_cli_export (store, mk_cli_args_get (args, "export"),
                                          mk_cli_args_get (args, "from"),
                                          mk_cli_args_get (args, "to"), out, err));
}

/**
 * mk_cli_imports:
 * @store: the store
 * @out: the list is appended here
 * @err: problems are appended here
 *
 * Lists the imports, newest first: the number --remove-import takes, when,
 * the file, and how many entries and minutes of it are still there.
 *
 * Returns: 0, or 1 when the database cannot be read.
 */
int
mk_cli_imports (MkStore *store,
                GString *out,
                GString *err)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) imports = NULL;

  g_return_val_if_fail (MK_IS_STORE (store), MK_EXIT_USAGE);

  imports = mk_store_list_imports (store, &error);
  if (imports == NULL)
    {
      mk_cli_append_message (err, error->message);
      return MK_EXIT_BAD_INPUT;
    }
  if (imports->len == 0)
    {
      g_string_append_printf (out, "%s\n", _("No imports: every entry was typed or timed."));
      return MK_EXIT_OK;
    }
  for (guint i = 0; i < imports->len; i++)
    {
      const MkImportSummary *s = g_ptr_array_index (imports, i);
      g_autoptr(GDateTime) local = s->imported_at ? g_date_time_to_local (s->imported_at)
                                                  : NULL;
      g_autofree char *when = local ? g_date_time_format (local, "%Y-%m-%d %H:%M")
                                    : g_strdup ("?");
      g_autofree char *file_name = mk_safe_text (s->file_name);

      /* Translators: one import in "minutka --imports": its number, when,
       * its entries and minutes still in the database, and the file. */
      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                                                "%5lld  %s  %llu entry, %llu min  %s",
                                                "%5lld  %s  %llu entries, %llu min  %s",
                                                s->entries),
                              (long long) s->id, when, (unsigned long long) s->entries,
                              (unsigned long long) s->minutes, file_name);
      g_string_append_c (out, '\n');
    }
  return MK_EXIT_OK;
}

/**
 * mk_cli_imports_run:
 * @args: the command line (--imports, --db)
 *
 * Returns: the exit status; see mk_cli_imports().
 */
int
mk_cli_imports_run (const MkCliArgs *args)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) err = g_string_new (NULL);
  g_autoptr(MkStore) store = mk_cli_open_store (args, MK_STORE_OPEN_EXISTING);

  if (store == NULL)
    return MK_EXIT_BAD_INPUT;
  return print_and_return (out, err, mk_cli_imports (store, out, err));
}

/* Reads the number --remove-import was given; FALSE after saying why it
 * is not one. */
static gboolean
parse_import_number (const char *number,
                     guint64    *id,
                     GString    *err)
{
  g_autofree char *shown = NULL;
  g_autofree char *message = NULL;

  if (number != NULL && g_ascii_string_to_unsigned (number, 10, 1, G_MAXINT64, id, NULL))
    return TRUE;
  shown = mk_safe_text (number ? number : "");
  message = g_strdup_printf (_("--remove-import needs the number of an import as "
                               "“minutka --imports” lists it, not '%s'."), shown);
  mk_cli_append_message (err, message);
  return FALSE;
}

/**
 * mk_cli_remove_import:
 * @store: the store
 * @number: the import's number as --imports lists it, as given
 * @out: the summary is appended here
 * @err: problems are appended here
 *
 * Takes an import back, all or nothing.
 *
 * Returns: 0 when removed, 1 when there is no such import or the database
 *   failed, 2 when @number is not a number.
 */
int
mk_cli_remove_import (MkStore    *store,
                      const char *number,
                      GString    *out,
                      GString    *err)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *file_name = NULL;
  const MkImportBatch *batch;
  guint64 entries = 0;
  guint64 minutes = 0;
  guint64 id = 0;

  g_return_val_if_fail (MK_IS_STORE (store), MK_EXIT_USAGE);

  if (!parse_import_number (number, &id, err))
    return MK_EXIT_USAGE;
  batch = mk_store_get_import_batch (store, (gint64) id);
  file_name = mk_safe_text (batch ? batch->file_name : "");
  if (!mk_store_remove_import (store, (gint64) id, &entries, &minutes, &error))
    {
      mk_cli_append_message (err, error->message);
      return MK_EXIT_BAD_INPUT;
    }
  /* Translators: "Removed import 3 (march.csv): 120 entries, 5400 min." */
  g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE,
                                            "Removed import %llu (%s): %llu entry, %llu min.",
                                            "Removed import %llu (%s): %llu entries, %llu min.",
                                            entries),
                          (unsigned long long) id, file_name, (unsigned long long) entries,
                          (unsigned long long) minutes);
  g_string_append_c (out, '\n');
  return MK_EXIT_OK;
}

/**
 * mk_cli_remove_import_run:
 * @args: the command line (--remove-import N, --db)
 *
 * Returns: the exit status; see mk_cli_remove_import().
 */
int
mk_cli_remove_import_run (const MkCliArgs *args)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) err = g_string_new (NULL);
  g_autoptr(MkStore) store = NULL;
  const char *number = mk_cli_args_get (args, "remove-import");
  guint64 id;

  /* A mistyped number is a usage mistake: say so before opening anything. */
  if (!parse_import_number (number, &id, err))
    return print_and_return (out, err, MK_EXIT_USAGE);
  store = mk_cli_open_store (args, MK_STORE_OPEN_EXISTING);
  if (store == NULL)
    return MK_EXIT_BAD_INPUT;
  return print_and_return (out, err, mk_cli_remove_import (store, number, out, err));
}
