/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-cli-database.c — `minutka --check` and `minutka --demo`.
 *
 * Each opens the database given with --db (or the default one), prints what
 * it found or did on standard output and any problem on standard error, and
 * returns the exit status: 0 done, 1 a problem (the message says what to do).
 */
#define G_LOG_DOMAIN "mk-cli"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mk-cli-database.h"
#include "mk-error.h"
#include "mk-store.h"

/**
 * mk_cli_check_run:
 * @args: the command line (--check, --db)
 *
 * Checks the database file and that its rollups match the entries.
 *
 * Returns: 0 when the database is sound, 1 otherwise.
 */
int
mk_cli_check_run (const MkCliArgs *args)
{
  g_autoptr(MkStore) store = NULL;
  g_autoptr(GString) report = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  store = mk_cli_open_store (args, MK_STORE_OPEN_EXISTING);
  if (store == NULL)
    return MK_EXIT_BAD_INPUT;
  if (!mk_store_check (store, report, &error))
    {
      mk_cli_print_lines (report->str);
      mk_cli_print_error (error);
      return MK_EXIT_BAD_INPUT;
    }
  mk_cli_print_lines (report->str);
  g_print (_("The database is sound and its totals match the entries.\n"));
  return MK_EXIT_OK;
}

/**
 * mk_cli_demo_run:
 * @args: the command line (--demo, --db)
 *
 * Loads the demo team sample, only into a database without entries (core
 * refuses any other, and the message says where the demo can go instead).
 *
 * Returns: 0 when loaded, 1 otherwise.
 */
int
mk_cli_demo_run (const MkCliArgs *args)
{
  g_autoptr(MkStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = mk_cli_open_store (args, MK_STORE_OPEN_CREATE);
  if (store == NULL)
    return MK_EXIT_BAD_INPUT;
  if (!mk_store_load_demo (store, NULL, &error))
    {
      mk_cli_print_error (error);
      /* The demo never mixes with somebody's entries: say where it can go. */
      if (g_error_matches (error, MK_STORE_ERROR, MK_STORE_ERROR_EXISTS))
        g_printerr (_("To try the demo, give it a database of its own, for example: "
                      "minutka --db /tmp/minutka-demo.db --demo\n"));
      return MK_EXIT_BAD_INPUT;
    }
  g_print (_("Loaded the demo team sample: %d entries. Open Minutka or run "
             "“minutka --report” to see the analysis.\n"),
           (int) mk_store_count_entries (store));
  return MK_EXIT_OK;
}
