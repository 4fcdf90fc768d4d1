/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-cli-report.h — `minutka --report` on the command line.
 *
 * The command line (mk-cli.c) calls mk_cli_report_run(); tests and tools
 * that already hold a store call mk_cli_report().  Exit codes
 * follow DESIGN.md: 0 success, 1 bad input or nothing to report (the
 * message says why), 2 usage (a bad option value).
 */
#pragma once

#include "mk-cli.h"
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

int mk_cli_report      (MkStore               *store,
                        const MkReportOptions *opts,
                        GError               **error);
int mk_cli_report_run  (const MkCliArgs       *args);

G_END_DECLS
