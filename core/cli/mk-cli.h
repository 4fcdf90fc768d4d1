/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-cli.h — the command line: every option, which go together, what runs.
 *
 * The application hands its arguments to mk_cli_main() before anything
 * else; when that returns MK_CLI_NO_COMMAND the window opens (on the
 * database given with --db), otherwise the process exits with the status
 * returned.  Everything else about the command line lives in core/cli/: the
 * option table (mk-cli.c), the --help text made from it, the rules about
 * which options go together, and one module per command.  Adding an option
 * is one row in that table (and, for a command, its run function).
 *
 * Exit codes (DESIGN.md): 0 done, 1 bad input or nothing to do (the message
 * says why and what to do), 2 a usage mistake (unknown option, missing or
 * bad value, options that do not go together).
 */
#pragma once

#include <glib.h>

#include "mk-store.h"

G_BEGIN_DECLS

#define MK_EXIT_OK         0
#define MK_EXIT_BAD_INPUT  1
#define MK_EXIT_USAGE      2

/* Not an exit status: no command was given, so the window should open. */
#define MK_CLI_NO_COMMAND  (-1)

typedef struct _MkCliArgs MkCliArgs;

/**
 * MkCliKind:
 * @MK_CLI_FLAG: takes no value (--dry-run)
 * @MK_CLI_STRING: one text value (--from DATE)
 * @MK_CLI_FILE: one file name, kept in the file system's encoding
 * @MK_CLI_STRINGS: a text value, and the option may be repeated (--map)
 * @MK_CLI_FILES: a file name, repeatable, and more file names may follow
 *   the options (--import a.csv b.csv); only for a command
 */
typedef enum {
  MK_CLI_FLAG,
  MK_CLI_STRING,
  MK_CLI_FILE,
  MK_CLI_STRINGS,
  MK_CLI_FILES,
} MkCliKind;

typedef int (*MkCliRunFunc) (const MkCliArgs *args);

/**
 * MkCliOption:
 * @name: the long name without "--"; %NULL makes the row a heading of
 *   the --help text
 * @kind: what value the option takes
 * @run: (nullable): for a command, what it does; %NULL for an option that
 *   changes how commands work
 * @goes_with: (nullable): for an option that is not a command, the commands
 *   it goes with, separated by spaces ("report export"); %NULL when it goes
 *   with anything, the window included (--db)
 * @arg_description: (nullable): the value's placeholder in --help, e.g.
 *   N_("DATE") (translatable)
 * @help: what the option does, or the heading (translatable)
 *
 * One row of the option table.  A command line names at most one command.
 */
typedef struct {
  const char   *name;
  MkCliKind     kind;
  MkCliRunFunc  run;
  const char   *goes_with;
  const char   *arg_description;
  const char   *help;
} MkCliOption;

const MkCliOption   *mk_cli_get_options      (guint               *n_options);
char                *mk_cli_help             (void);

MkCliArgs           *mk_cli_parse            (const char * const  *argv,
                                              GError             **error);
void                 mk_cli_args_free        (MkCliArgs           *args);
const char          *mk_cli_args_get_command (const MkCliArgs     *args);
gboolean             mk_cli_args_has         (const MkCliArgs     *args,
                                              const char          *name);
const char          *mk_cli_args_get         (const MkCliArgs     *args,
                                              const char          *name);
const char * const  *mk_cli_args_get_all     (const MkCliArgs     *args,
                                              const char          *name);
const char * const  *mk_cli_args_get_files   (const MkCliArgs     *args);

gboolean             mk_cli_check_period     (const char          *from,
                                              const char          *to,
                                              GError             **error);
MkStore             *mk_cli_open_store       (const MkCliArgs     *args,
                                              MkStoreOpenMode      mode);
void                 mk_cli_print_error      (const GError        *error);
void                 mk_cli_print_message    (const char          *message);
void                 mk_cli_append_message   (GString             *err,
                                              const char          *message);
void                 mk_cli_print_lines      (const char          *text);

int                  mk_cli_run              (const MkCliArgs     *args);
int                  mk_cli_main             (const char * const  *argv,
                                              char               **window_db_path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MkCliArgs, mk_cli_args_free)

G_END_DECLS
