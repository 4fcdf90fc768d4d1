/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-cli-report.h — `minutka --report` on the command line.
 *
 * The application's handle-local-options calls mk_cli_report_main(); tests
 * and tools that already hold a store call mk_cli_report().  Exit codes
 * follow DESIGN.md: 0 success, 1 bad input or nothing to report (the
 * message says why), 2 usage (a bad option value).
 */
#pragma once

#include "mk-report.h"
#include "mk-store.h"

G_BEGIN_DECLS

/**
 * MkReportOptions:
 * @from: (nullable): the first day, "YYYY-MM-DD"; %NULL for the default period
 * @to: (nullable): the last day; %NULL for the default period
 * @format: the report format
 * @output: (nullable): the file to write, %NULL for standard output
 * @peer_mode: whole team, or by level where a level has three adequate samples
 */
typedef struct {
  const char     *from;
  const char     *to;
  MkReportFormat  format;
  const char     *output;
  MkPeerMode      peer_mode;
} MkReportOptions;

#define MK_EXIT_OK        0
#define MK_EXIT_BAD_INPUT 1
#define MK_EXIT_USAGE     2

int mk_cli_report      (MkStore               *store,
                        const MkReportOptions *opts,
                        GError               **error);
int mk_cli_report_main (const char            *db_path,
                        const char            *from,
                        const char            *to,
                        const char            *format,
                        const char            *output);

G_END_DECLS
