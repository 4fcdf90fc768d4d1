/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-import.c — libFuzzer harness for the CSV reader and the importer.
 *
 * Each input is imported as a file, in a dry run, into one database (a
 * temporary file, removed at exit) kept for the whole session, with the
 * options derived
 * from the input's first byte (skip-invalid, a preset, a person), so that
 * every path of the importer is reached.  A dry run rolls back, so every
 * input meets the same database.  Any crash, leak or sanitizer report is a
 * bug.  Built with -Dfuzzing=true and clang; see tests/fuzz/meson.build.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdint.h>
#include <stdlib.h>

#include "mk-importer.h"
#include "mk-store.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static MkStore *store;
static char *store_dir;

static void
remove_store (void)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  g_clear_object (&store);
  for (gsize i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (store_dir, "/fuzz.db", suffixes[i], NULL);
      g_unlink (path);
    }
  g_rmdir (store_dir);
}

static MkStore *
get_store (void)
{
  if (store == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = NULL;

      g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL);
      store_dir = g_dir_make_tmp ("minutka-fuzz-XXXXXX", &error);
      if (store_dir == NULL)
        g_error ("cannot make a folder for the database: %s", error->message);
      path = g_build_filename (store_dir, "fuzz.db", NULL);
      store = mk_store_open (path, &error);
      if (store == NULL)
        g_error ("cannot open the database: %s", error->message);
      atexit (remove_store);
    }
  return store;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const MkPreset presets[] = {
    MK_PRESET_AUTO, MK_PRESET_GENERIC, MK_PRESET_HAMSTER, MK_PRESET_TOGGL,
  };
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(MkImportResult) result = NULL;
  g_autoptr(GError) error = NULL;
  MkImportOptions options;
  guint8 flags = size > 0 ? data[0] : 0;

  mk_import_options_init (&options);
  options.dry_run = TRUE;
  options.skip_invalid = (flags & 1) != 0;
  options.preset = presets[(flags >> 1) & 3];
  if (flags & 8)
    options.person = "Fuzz";
  if (flags & 16)
    options.date_order = MK_DATE_ORDER_MDY;

  bytes = g_bytes_new (data, size);
  mk_importer_run_bytes (get_store (), bytes, "fuzz.csv", &options, &result, &error);
  return 0;
}
