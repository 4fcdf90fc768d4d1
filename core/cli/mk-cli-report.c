/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-cli-report.c — `minutka --report`: period, analysis, report, exit code.
 *
 * Owns the command-line rules of the report: the period defaults to the
 * active study, else the last three logged days; a missing --from or --to
 * is taken from that default; dates are ISO (YYYY-MM-DD) and real; an
 * empty period is "nothing to report" (exit 1), not an empty report.
 * Messages go to standard error prefixed with "minutka: ".
 */
#define G_LOG_DOMAIN "mk-report"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <unistd.h>

#include "mk-cli-report.h"
#include "mk-error.h"
#include "mk-file-writer.h"

/**
 * mk_cli_report:
 * @store: the store to report on
 * @opts: period, format, output
 * @error: return location for a #GError
 *
 * Analyses the period and writes the report.
 *
 * Returns: %MK_EXIT_OK when the report was written; %MK_EXIT_USAGE for a
 *   bad date or a period that ends before it starts; %MK_EXIT_BAD_INPUT
 *   when there is nothing to report or the report cannot be written.
 *   @error is set whenever the result is not %MK_EXIT_OK.
 */
int
mk_cli_report (MkStore               *store,
               const MkReportOptions *opts,
               GError               **error)
{
  g_autofree char *default_from = NULL;
  g_autofree char *default_to = NULL;
  g_autoptr(MkAnalysis) analysis = NULL;
  const char *from;
  const char *to;

  g_return_val_if_fail (MK_IS_STORE (store), MK_EXIT_BAD_INPUT);
  g_return_val_if_fail (opts != NULL, MK_EXIT_BAD_INPUT);

  if (!mk_cli_check_period (opts->from, opts->to, error))
    return MK_EXIT_USAGE;

  mk_analysis_default_period (store, &default_from, &default_to);
  from = opts->from != NULL ? opts->from : default_from;
  to = opts->to != NULL ? opts->to : default_to;
  if (from == NULL && to == NULL)
    {
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_NOT_FOUND,
                   _("Nothing is logged yet, so there is nothing to report. Log some days, "
                     "import a timesheet (--import) or load the demo team (--demo)."));
      return MK_EXIT_BAD_INPUT;
    }
  /* Only one end given and the default lies on the wrong side of it:
   * report that single day rather than an inverted period. */
  if (from == NULL || (opts->to != NULL && opts->from == NULL && strcmp (from, to) > 0))
    from = to;
  if (to == NULL || (opts->from != NULL && opts->to == NULL && strcmp (from, to) > 0))
    to = from;

  analysis = mk_analysis_new_for_store (store, from, to, opts->peer_mode, error);
  if (analysis == NULL)
    return MK_EXIT_BAD_INPUT;
  if (mk_analysis_is_empty (analysis))
    {
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_NOT_FOUND,
                   _("Nobody logged any time between %s and %s; choose another period "
                     "with --from and --to."), from, to);
      return MK_EXIT_BAD_INPUT;
    }

  if (!mk_report_write (analysis, opts->format, opts->output, error))
    return MK_EXIT_BAD_INPUT;

  return MK_EXIT_OK;
}

/**
 * mk_cli_report_run:
 * @args: the command line (--report, --from, --to, --format, --output, --db)
 *
 * Everything `minutka --report` does: checks the options, opens the
 * database, writes the report, and prints any error to standard error.
 *
 * Returns: the process exit code.
 */
int
mk_cli_report_run (const MkCliArgs *args)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MkStore) store = NULL;
  const char *format = mk_cli_args_get (args, "format");
  MkReportOptions opts = { mk_cli_args_get (args, "from"), mk_cli_args_get (args, "to"),
                           MK_REPORT_FORMAT_TEXT, mk_cli_args_get (args, "output"),
                           MK_PEER_MODE_LEVEL };
  int status;

  if (format != NULL && !mk_report_format_from_string (format, &opts.format))
    {
      g_autofree char *message =
        g_strdup_printf (_("unknown report format '%s'; use text, json, csv or pdf."), format);

      mk_cli_print_message (message);
      return MK_EXIT_USAGE;
    }
  if (opts.format == MK_REPORT_FORMAT_PDF
      && (opts.output == NULL || mk_file_path_is_stdout (opts.output))
      && isatty (STDOUT_FILENO))
    {
      mk_cli_print_message (_("a PDF report needs a file: add --output FILE.pdf."));
      return MK_EXIT_USAGE;
    }

  store = mk_cli_open_store (args, MK_STORE_OPEN_EXISTING);
  if (store == NULL)
    return MK_EXIT_BAD_INPUT;

  status = mk_cli_report (store, &opts, &error);
  if (status != MK_EXIT_OK)
    mk_cli_print_message (error != NULL ? error->message : _("the report failed."));

  return status;
}
