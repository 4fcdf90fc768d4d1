/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-cli-import.h — `minutka --import`, `--export`, `--imports` and
 * `--remove-import`.
 *
 * The command line (mk-cli.c) calls the _run functions; tests call
 * mk_cli_import(), mk_cli_export(), mk_cli_imports() and
 * mk_cli_remove_import() with a store they hold.  Exit codes follow
 * DESIGN.md: 0 success, 1 bad input or nothing to do (the message says
 * why), 2 usage (a bad option value).  Summaries go to standard output,
 * problems to standard error.
 */
#pragma once

#include "mk-cli.h"
#include "mk-importer.h"
#include "mk-store.h"

G_BEGIN_DECLS

/**
 * MkCliImportArgs:
 * @files: (array zero-terminated=1): the files to import
 * @preset: (nullable): --preset as given
 * @person: (nullable): --person
 * @date_format: (nullable): --date-format as given
 * @category_column: (nullable): --category-column
 * @maps: (nullable) (array zero-terminated=1): the --map values
 * @columns: (nullable) (array zero-terminated=1): the --column values,
 *   "ROLE=HEADER"
 * @skip_invalid: --skip-invalid
 * @dry_run: --dry-run
 */
typedef struct {
  const char * const *files;
  const char         *preset;
  const char         *person;
  const char         *date_format;
  const char         *category_column;
  const char * const *maps;
  const char * const *columns;
  gboolean            skip_invalid;
  gboolean            dry_run;
} MkCliImportArgs;

int   mk_cli_import_parse_args  (const MkCliImportArgs *args,
                                 MkImportOptions       *options);
int   mk_cli_import             (MkStore               *store,
                                 const MkCliImportArgs *args,
                                 GString               *out,
                                 GString               *err);
int   mk_cli_import_run         (const MkCliArgs       *args);
int   mk_cli_export             (MkStore               *store,
                                 const char            *path,
                                 const char            *from,
                                 const char            *to,
                                 GString               *out,
                                 GString               *err);
int   mk_cli_export_run         (const MkCliArgs       *args);
int   mk_cli_imports            (MkStore               *store,
                                 GString               *out,
                                 GString               *err);
int   mk_cli_imports_run        (const MkCliArgs       *args);
int   mk_cli_remove_import      (MkStore               *store,
                                 const char            *number,
                                 GString               *out,
                                 GString               *err);
int   mk_cli_remove_import_run  (const MkCliArgs       *args);

G_END_DECLS
