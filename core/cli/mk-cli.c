/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-cli.c — the option table, parsing, the rules, --help, and dispatch.
 *
 * Design notes.
 *
 * The table below is the whole command line: a row per option, in the order
 * and under the headings --help shows them.  A row that has a run function is
 * a command; a command line names at most one.  Every other option says which
 * commands it goes with, and is refused (exit 2) with any other command or
 * with none, so that an option never opens the window by accident and never
 * silently does nothing.  Only --db (and --help) go with everything.
 *
 * GLib's GOptionContext splits the arguments, but every option is a callback
 * that files its values here, so that a value given twice, an empty value or
 * a value that is really the next option ("--output --report") is refused
 * instead of silently taken.  GApplication is never given the options: its
 * parser exits 1 on an unknown option, where ours exits 2 and names it.
 *
 * Messages go to standard error as "minutka: …", with control characters
 * from file names and values escaped (mk_safe_text), since they come from
 * whoever typed the command or made the file.
 */
#define G_LOG_DOMAIN "mk-cli"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "mk-cli.h"
#include "mk-cli-database.h"
#include "mk-cli-import.h"
#include "mk-cli-report.h"
#include "mk-cli-team.h"
#include "mk-paths.h"
#include "mk-safe-text.h"
#include "mk-version.h"

/* --help lays options out in two columns and wraps at this width. */
#define HELP_WIDTH        80
#define HELP_NAME_COLUMN  28

static int run_version (const MkCliArgs *args);

/* The command line.  Keep rows under the heading they belong to: the --help
 * text is this table, in this order. */
static const MkCliOption options[] = {
  { NULL, 0, NULL, NULL, NULL,
    N_("Commands (one at a time; without a command the window opens):") },
  { "import", MK_CLI_FILES, mk_cli_import_run, NULL, N_("FILE…"),
    N_("Import the timesheet FILE (CSV or TSV; more files may follow), each file "
       "all or nothing, and print what happened") },
  { "report", MK_CLI_FLAG, mk_cli_report_run, NULL, NULL,
    N_("Print the analysis of the period (the active study, else the last three "
       "logged days)") },
  { "export", MK_CLI_FILE, mk_cli_export_run, NULL, N_("FILE"),
    N_("Write the entries of the period to FILE as Minutka's own CSV, which "
       "imports back exactly (“-” is standard output)") },
  { "imports", MK_CLI_FLAG, mk_cli_imports_run, NULL, NULL,
    N_("List the imports, newest first, with their numbers, files and what is left of "
       "them") },
  { "remove-import", MK_CLI_STRING, mk_cli_remove_import_run, NULL, N_("N"),
    N_("Take import N back: every entry that came with it goes, all or nothing") },
  { "demo", MK_CLI_FLAG, mk_cli_demo_run, NULL, NULL,
    N_("Fill a database without entries with the demo team sample") },
  { "check", MK_CLI_FLAG, mk_cli_check_run, NULL, NULL,
    N_("Check the database file and that its totals match the entries") },
  { "version", MK_CLI_FLAG, run_version, NULL, NULL,
    N_("Show the version of Minutka") },

  { NULL, 0, NULL, NULL, NULL, N_("With --import:") },
  { "preset", MK_CLI_STRING, NULL, "import", N_("PRESET"),
    N_("The tool that wrote the file: auto (the default), toggl, clockify, kimai, "
       "harvest, hamster, tempo, minutka or generic") },
  { "person", MK_CLI_STRING, NULL, "import", N_("NAME"),
    N_("Import every row as the work of NAME (for files without a person column)") },
  { "date-format", MK_CLI_STRING, NULL, "import", N_("ORDER"),
    N_("Order of day, month and year in the file's dates: dmy, mdy or ymd") },
  { "category-column", MK_CLI_STRING, NULL, "import", N_("NAME"),
    N_("Take the category from the column named NAME") },
  { "map", MK_CLI_STRINGS, NULL, "import", N_("TEXT=KEY"),
    N_("Count the category text TEXT as the category KEY (calls, follow_up, admin, "
       "meetings, travel, training, other) from now on; may be repeated") },
  { "column", MK_CLI_STRINGS, NULL, "import", N_("ROLE=HEADER"),
    N_("Read ROLE from the column named HEADER instead of guessing: date, person, "
       "category, task, duration (its unit from its header), minutes, hours, start or "
       "end; an empty HEADER reads none; may be repeated") },
  { "skip-invalid", MK_CLI_FLAG, NULL, "import", NULL,
    N_("Import the valid rows and list the invalid ones, instead of refusing the file") },
  { "dry-run", MK_CLI_FLAG, NULL, "import", NULL,
    N_("Check the files and print what would be imported, without writing anything") },

  { NULL, 0, NULL, NULL, NULL, N_("With --report or --export:") },
  { "from", MK_CLI_STRING, NULL, "report export", N_("DATE"),
    N_("First day of the period, as YYYY-MM-DD") },
  { "to", MK_CLI_STRING, NULL, "report export", N_("DATE"),
    N_("Last day of the period, as YYYY-MM-DD") },

  { NULL, 0, NULL, NULL, NULL, N_("With --report:") },
  { "format", MK_CLI_STRING, NULL, "report", N_("FORMAT"),
    N_("text (the default), json, csv or pdf") },
  { "output", MK_CLI_FILE, NULL, "report", N_("FILE"),
    N_("Write the report to FILE, replacing it only once the report is complete, "
       "instead of to standard output (“-”)") },

  { NULL, 0, NULL, NULL, NULL,
    N_("A team on one PostgreSQL server (one command at a time, like the others):") },
  { "team-setup", MK_CLI_FLAG, mk_cli_team_setup_run, NULL, NULL,
    N_("Create the team's tables in the database --team names, or bring them up to date "
       "(run by the database's owner; running it again changes nothing)") },
  { "team-add-person", MK_CLI_STRING, mk_cli_team_add_person_run, NULL, N_("NAME"),
    N_("Link the person NAME to the login role --login (a new role gets a password, "
       "shown once)") },
  { "team-join", MK_CLI_FLAG, mk_cli_team_join_run, NULL, NULL,
    N_("Join this database to the team at --team (one team per database)") },
  { "team-leave", MK_CLI_FLAG, mk_cli_team_leave_run, NULL, NULL,
    N_("Take this database out of its team; its entries stay") },
  { "team-status", MK_CLI_FLAG, mk_cli_team_status_run, NULL, NULL,
    N_("Show this database's team: the server, the login, the last sync and the changes "
       "waiting") },
  { "sync", MK_CLI_FLAG, mk_cli_sync_run, NULL, NULL,
    N_("Send what changed here to the team and receive what changed there") },

  { NULL, 0, NULL, NULL, NULL, N_("With the team commands:") },
  { "team", MK_CLI_STRING, NULL,
    "team-setup team-add-person team-join team-leave team-status sync", N_("URI"),
    N_("The team's database as a libpq URI or connection string, e.g. "
       "postgresql://anna@sales.example/minutka; the password comes from ~/.pgpass, "
       "PGPASSFILE or a service file, never from Minutka") },
  { "login", MK_CLI_STRING, NULL, "team-add-person", N_("LOGIN"),
    N_("The PostgreSQL login role of the person (used as it is if it exists)") },
  { "email", MK_CLI_STRING, NULL, "team-add-person", N_("ADDRESS"),
    N_("The person's e-mail, by which the desktops find them among their people") },
  { "supervisor", MK_CLI_FLAG, NULL, "team-add-person", NULL,
    N_("The person is the team's supervisor, who sees and changes everything") },

  { NULL, 0, NULL, NULL, NULL, N_("With any command, or to open the window:") },
  { "db", MK_CLI_FILE, NULL, NULL, N_("PATH"),
    N_("Use the database at PATH instead of ~/.local/share/minutka/minutka.db") },
  { "help", MK_CLI_FLAG, NULL, NULL, NULL,
    N_("Show this help") },
};

struct _MkCliArgs
{
  GHashTable *values;    /* option name → GPtrArray of values (NULL-terminated) */
  GPtrArray  *given;     /* the MkCliOption rows, in the order first given */
  char      **files;     /* arguments that are not options */
};

/**
 * mk_cli_get_options:
 * @n_options: (out): the number of rows
 *
 * Returns: (transfer none) (array length=n_options): the option table,
 *   headings included (rows whose name is %NULL).
 */
const MkCliOption *
mk_cli_get_options (guint *n_options)
{
  g_return_val_if_fail (n_options != NULL, NULL);

  *n_options = G_N_ELEMENTS (options);
  return options;
}

static const MkCliOption *
find_option (const char *name)
{
  if (g_str_equal (name, "-h"))
    name = "help";
  while (*name == '-')
    name++;
  for (guint i = 0; i < G_N_ELEMENTS (options); i++)
    if (options[i].name != NULL && g_str_equal (options[i].name, name))
      return &options[i];
  return NULL;
}

static gboolean
takes_value (const MkCliOption *option)
{
  return option->kind != MK_CLI_FLAG;
}

static gboolean
repeatable (const MkCliOption *option)
{
  return option->kind == MK_CLI_STRINGS || option->kind == MK_CLI_FILES;
}

/* "--name ARG" as --help and messages show it. */
static char *
option_usage (const MkCliOption *option)
{
  if (option->arg_description == NULL)
    return g_strdup_printf ("--%s", option->name);
  return g_strdup_printf ("--%s %s", option->name, _(option->arg_description));
}

/* "--report or --export", from a goes_with list. */
static char *
command_list (const char *goes_with)
{
  g_auto(GStrv) names = g_strsplit (goes_with, " ", -1);
  g_autoptr(GString) list = g_string_new (NULL);
  guint n = g_strv_length (names);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("--%s", names[i]);

      if (i == 0)
        g_string_append (list, name);
      else if (i + 1 < n)
        g_string_append_printf (list, ", %s", name);
      else
        /* Translators: the last of a list of options: "--report or --export". */
        g_string_append_printf (list, _(" or %s"), name);
    }
  return g_string_free (g_steal_pointer (&list), FALSE);
}

static gboolean
goes_with (const MkCliOption *option,
           const MkCliOption *command)
{
  g_auto(GStrv) names = NULL;

  if (option->goes_with == NULL)
    return TRUE;
  names = g_strsplit (option->goes_with, " ", -1);
  return command != NULL && g_strv_contains ((const char * const *) names, command->name);
}

static gboolean
option_cb (const char  *option_name,
           const char  *value,
           gpointer     data,
           GError     **error)
{
  MkCliArgs *args = data;
  const MkCliOption *option = find_option (option_name);
  GPtrArray *values;

  g_assert (option != NULL);
  values = g_hash_table_lookup (args->values, option->name);

  if (takes_value (option))
    {
      g_autofree char *usage = option_usage (option);
      g_autofree char *shown = mk_safe_text (value);

      /* GOptionContext takes the next argument as the value even when it is
       * the next option: "--output --report" is a missing file name. */
      if (g_str_has_prefix (value, "--") && find_option (value) != NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("%s is missing its value (it was followed by %s); write %s."),
                       option_name, shown, usage);
          return FALSE;
        }
      if (*value == '\0')
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("%s was given an empty value; write %s."), option_name, usage);
          return FALSE;
        }
      if (values != NULL && !repeatable (option))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("%s was given twice; give it once."), option_name);
          return FALSE;
        }
    }

  if (values == NULL)
    {
      values = g_ptr_array_new_null_terminated (1, g_free, TRUE);
      g_hash_table_insert (args->values, (gpointer) option->name, values);
      g_ptr_array_add (args->given, (gpointer) option);
    }
  if (takes_value (option))
    g_ptr_array_add (values, g_strdup (value));
  return TRUE;
}

/* GOptionContext drops the value of "--demo=yes" and runs the demo. */
static gboolean
check_flags_have_no_values (const char * const  *argv,
                            GError             **error)
{
  for (guint i = 1; argv[i] != NULL && !g_str_equal (argv[i], "--"); i++)
    {
      const char *eq = strchr (argv[i], '=');
      g_autofree char *name = NULL;
      const MkCliOption *option;

      if (!g_str_has_prefix (argv[i], "--") || eq == NULL)
        continue;
      name = g_strndup (argv[i], eq - argv[i]);
      option = find_option (name);
      if (option != NULL && !takes_value (option))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("%s takes no value; write just %s."), name, name);
          return FALSE;
        }
    }
  return TRUE;
}

/* The rules: one command at most, every option with a command it goes with,
 * loose file names only after an option that takes several. */
static gboolean
check_rules (MkCliArgs  *args,
             GError    **error)
{
  const MkCliOption *command = NULL;

  for (guint i = 0; i < args->given->len; i++)
    {
      const MkCliOption *option = g_ptr_array_index (args->given, i);

      if (option->run == NULL)
        continue;
      if (command != NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                       _("--%s and --%s cannot be used together: run one command at a "
                         "time."), command->name, option->name);
          return FALSE;
        }
      command = option;
    }

  for (guint i = 0; i < args->given->len; i++)
    {
      const MkCliOption *option = g_ptr_array_index (args->given, i);
      g_autofree char *list = NULL;

      if (option->run != NULL || goes_with (option, command))
        continue;
      list = command_list (option->goes_with);
      if (command == NULL)
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                     _("--%s works only with %s."), option->name, list);
      else
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                     _("--%s does not go with --%s, only with %s."),
                     option->name, command->name, list);
      return FALSE;
    }

  if (args->files != NULL && args->files[0] != NULL
      && (command == NULL || command->kind != MK_CLI_FILES))
    {
      g_autofree char *shown = mk_safe_text (args->files[0]);

      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("unexpected argument '%s'; to import files use --import FILE…"), shown);
      return FALSE;
    }
  return TRUE;
}

/**
 * mk_cli_parse:
 * @argv: (array zero-terminated=1): the arguments, the program's name first
 * @error: return location for a #GError
 *
 * Reads the command line and checks which options go together.  When --help
 * is given the other options are read but not checked.
 *
 * Returns: (transfer full) (nullable): the options given, or %NULL with a
 *   G_OPTION_ERROR whose message says what is wrong (a usage mistake).
 */
MkCliArgs *
mk_cli_parse (const char * const  *argv,
              GError             **error)
{
  g_autoptr(MkCliArgs) args = g_new0 (MkCliArgs, 1);
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GArray) entries = g_array_new (TRUE, TRUE, sizeof (GOptionEntry));
  g_auto(GStrv) copy = g_strdupv ((char **) argv);
  GOptionGroup *group;

  g_return_val_if_fail (argv != NULL && argv[0] != NULL, NULL);

  args->values = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                        (GDestroyNotify) g_ptr_array_unref);
  args->given = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (options); i++)
    {
      GOptionEntry entry = { NULL, };

      if (options[i].name == NULL)
        continue;
      entry.long_name = options[i].name;
      entry.short_name = g_str_equal (options[i].name, "help") ? 'h' : 0;
      entry.arg = G_OPTION_ARG_CALLBACK;
      entry.arg_data = (gpointer) option_cb;
      if (!takes_value (&options[i]))
        entry.flags |= G_OPTION_FLAG_NO_ARG;
      if (options[i].kind == MK_CLI_FILE || options[i].kind == MK_CLI_FILES)
        entry.flags |= G_OPTION_FLAG_FILENAME;
      g_array_append_val (entries, entry);
    }
  {
    GOptionEntry rest = { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY,
                          &args->files, NULL, NULL };

    g_array_append_val (entries, rest);
  }

  group = g_option_group_new ("minutka", "", "", args, NULL);
  g_option_group_add_entries (group, (const GOptionEntry *) (gpointer) entries->data);
  g_option_context_set_main_group (context, group);
  g_option_context_set_help_enabled (context, FALSE);

  if (!check_flags_have_no_values (argv, error)
      || !g_option_context_parse_strv (context, &copy, error))
    return NULL;
  if (!mk_cli_args_has (args, "help") && !check_rules (args, error))
    return NULL;
  return g_steal_pointer (&args);
}

/**
 * mk_cli_args_free:
 * @args: (transfer full) (nullable): parsed options
 */
void
mk_cli_args_free (MkCliArgs *args)
{
  if (args == NULL)
    return;
  g_clear_pointer (&args->values, g_hash_table_unref);
  g_clear_pointer (&args->given, g_ptr_array_unref);
  g_clear_pointer (&args->files, g_strfreev);
  g_free (args);
}

/**
 * mk_cli_args_get_command:
 * @args: parsed options
 *
 * Returns: (nullable): the command's name ("report"), or %NULL when no
 *   command was given.
 */
const char *
mk_cli_args_get_command (const MkCliArgs *args)
{
  g_return_val_if_fail (args != NULL, NULL);

  for (guint i = 0; i < args->given->len; i++)
    {
      const MkCliOption *option = g_ptr_array_index (args->given, i);

      if (option->run != NULL)
        return option->name;
    }
  return NULL;
}

/**
 * mk_cli_args_has:
 * @args: parsed options
 * @name: an option's long name, without "--"
 *
 * Returns: whether the option was given.
 */
gboolean
mk_cli_args_has (const MkCliArgs *args,
                 const char      *name)
{
  g_return_val_if_fail (args != NULL, FALSE);
  g_return_val_if_fail (find_option (name) != NULL, FALSE);

  return g_hash_table_contains (args->values, name);
}

/**
 * mk_cli_args_get:
 * @args: parsed options
 * @name: the long name of an option that takes a value
 *
 * Returns: (nullable): the option's value (the first, for a repeatable
 *   option), or %NULL when it was not given.  Never an empty string.
 */
const char *
mk_cli_args_get (const MkCliArgs *args,
                 const char      *name)
{
  GPtrArray *values;

  g_return_val_if_fail (args != NULL, NULL);
  g_return_val_if_fail (find_option (name) != NULL, NULL);

  values = g_hash_table_lookup (args->values, name);
  return values != NULL && values->len > 0 ? g_ptr_array_index (values, 0) : NULL;
}

/**
 * mk_cli_args_get_all:
 * @args: parsed options
 * @name: the long name of an option that takes a value
 *
 * Returns: (nullable) (array zero-terminated=1): every value given, in
 *   order, or %NULL when the option was not given.
 */
const char * const *
mk_cli_args_get_all (const MkCliArgs *args,
                     const char      *name)
{
  GPtrArray *values;

  g_return_val_if_fail (args != NULL, NULL);
  g_return_val_if_fail (find_option (name) != NULL, NULL);

  values = g_hash_table_lookup (args->values, name);
  return values != NULL ? (const char * const *) values->pdata : NULL;
}

/**
 * mk_cli_args_get_files:
 * @args: parsed options
 *
 * Returns: (nullable) (array zero-terminated=1): the arguments that are
 *   not options (the files that follow --import FILE), or %NULL.
 */
const char * const *
mk_cli_args_get_files (const MkCliArgs *args)
{
  g_return_val_if_fail (args != NULL, NULL);

  return (const char * const *) args->files;
}

/* --help */

/* Appends @text wrapped to HELP_WIDTH, every line after the first indented
 * by @indent columns, the first starting at column @column. */
static void
append_wrapped (GString    *out,
                const char *text,
                guint       column,
                guint       indent)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);

  for (guint i = 0; words[i] != NULL; i++)
    {
      guint len = (guint) g_utf8_strlen (words[i], -1);

      if (i > 0 && column + 1 + len > HELP_WIDTH)
        {
          g_string_append_c (out, '\n');
          for (column = 0; column < indent; column++)
            g_string_append_c (out, ' ');
        }
      else if (i > 0)
        {
          g_string_append_c (out, ' ');
          column++;
        }
      g_string_append (out, words[i]);
      column += len;
    }
  g_string_append_c (out, '\n');
}

/**
 * mk_cli_help:
 *
 * Returns: (transfer full): the --help text: usage, every option of the
 *   table under its heading, and the exit codes.
 */
char *
mk_cli_help (void)
{
  g_autoptr(GString) out = g_string_new (NULL);

  g_string_append_printf (out, "%s\n  minutka [--db %s]\n  minutka [--db %s] %s\n\n",
                          _("Usage:"), _("PATH"), _("PATH"), _("COMMAND [OPTION…]"));
  append_wrapped (out, _("Minutka shows where a sales team's working day goes. Without a "
                         "command it opens the window; a command works without one and "
                         "exits."), 0, 0);

  for (guint i = 0; i < G_N_ELEMENTS (options); i++)
    {
      const MkCliOption *option = &options[i];
      g_autofree char *usage = NULL;
      guint width;

      if (option->name == NULL)
        {
          g_string_append_printf (out, "\n%s\n", _(option->help));
          continue;
        }
      if (g_str_equal (option->name, "help"))
        usage = g_strdup ("-h, --help");
      else
        usage = option_usage (option);
      width = 2 + (guint) g_utf8_strlen (usage, -1);
      g_string_append_printf (out, "  %s", usage);
      if (width + 2 > HELP_NAME_COLUMN)
        {
          g_string_append_c (out, '\n');
          width = 0;
        }
      for (; width < HELP_NAME_COLUMN; width++)
        g_string_append_c (out, ' ');
      append_wrapped (out, _(option->help), HELP_NAME_COLUMN, HELP_NAME_COLUMN);
    }

  g_string_append_c (out, '\n');
  append_wrapped (out, _("Exit status: 0 done; 1 bad input or nothing to do (the message "
                         "says why and what to do); 2 a usage mistake, such as an unknown "
                         "option or options that do not go together."), 0, 0);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* What commands share */

/**
 * mk_cli_print_message:
 * @message: a message for the user, maybe holding data
 *
 * Prints "minutka: @message" on standard error, its control characters
 * escaped so that it stays one line.
 */
void
mk_cli_print_message (const char *message)
{
  g_autofree char *safe = mk_safe_text (message);

  g_printerr ("minutka: %s\n", safe);
}

/**
 * mk_cli_append_message:
 * @err: where to append
 * @message: a message for the user, maybe holding data
 *
 * Appends "minutka: @message" and a line end to @err, its control
 * characters escaped so that it stays one line.
 */
void
mk_cli_append_message (GString    *err,
                       const char *message)
{
  g_string_append (err, "minutka: ");
  mk_safe_text_append (err, message);
  g_string_append_c (err, '\n');
}

/**
 * mk_cli_print_error:
 * @error: what went wrong
 *
 * Prints the error's message as mk_cli_print_message() does.
 */
void
mk_cli_print_error (const GError *error)
{
  g_return_if_fail (error != NULL);

  mk_cli_print_message (error->message);
}

/**
 * mk_cli_print_lines:
 * @text: lines for standard output, each ending in "\n"
 *
 * Prints @text with the control characters of each line escaped.
 */
void
mk_cli_print_lines (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      mk_safe_text_append (out, lines[i]);
      if (lines[i + 1] != NULL)
        g_string_append_c (out, '\n');
    }
  fputs (out->str, stdout);
  fflush (stdout);
}

static gboolean
is_iso_date (const char *text)
{
  unsigned int y, m, d;
  char tail;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  if (sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &tail) != 3)
    return FALSE;
  return g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y);
}

/**
 * mk_cli_check_period:
 * @from: (nullable): --from as given
 * @to: (nullable): --to as given
 * @error: return location for a #GError
 *
 * Returns: %TRUE when each day given is a real YYYY-MM-DD day and the period
 *   does not end before it starts; else %FALSE with a G_OPTION_ERROR that
 *   says how to write it (a usage mistake).
 */
gboolean
mk_cli_check_period (const char  *from,
                     const char  *to,
                     GError     **error)
{
  if (from != NULL && !is_iso_date (from))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--from '%s' is not a date; write it as YYYY-MM-DD, e.g. 2026-03-02."),
                   from);
      return FALSE;
    }
  if (to != NULL && !is_iso_date (to))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--to '%s' is not a date; write it as YYYY-MM-DD, e.g. 2026-03-04."), to);
      return FALSE;
    }
  if (from != NULL && to != NULL && strcmp (from, to) > 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("The period ends (%s) before it starts (%s)."), to, from);
      return FALSE;
    }
  return TRUE;
}

/* A --db that is a symbolic link to nothing, or round a circle of links,
 * would be reported by the store as a file that "cannot be created (File
 * exists)". */
static gboolean
check_link (const char  *path,
            GError     **error)
{
  struct stat st;

  if (lstat (path, &st) != 0 || !S_ISLNK (st.st_mode) || stat (path, &st) == 0)
    return TRUE;
  if (errno == ELOOP)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_LOOP,
                   _("The database “%s” is a symbolic link that leads round in a circle; "
                     "give the path of the database file itself with --db."), path);
      return FALSE;
    }
  if (errno == ENOENT)
    {
      g_autofree char *target = g_file_read_link (path, NULL);

      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                   _("The database “%s” is a symbolic link to “%s”, which does not exist; "
                     "give the path of an existing database, or of a new file for a new "
                     "one, with --db."), path, target != NULL ? target : "?");
      return FALSE;
    }
  return TRUE;
}

/**
 * mk_cli_open_store:
 * @args: the command line
 * @mode: %MK_STORE_OPEN_CREATE for the commands that write (an import, the
 *   demo); %MK_STORE_OPEN_EXISTING for those that only read, which must
 *   not create a database (or its folders) where there is none
 *
 * Opens the database given with --db, or the default one.
 *
 * Returns: (transfer full) (nullable): the store, or %NULL after printing
 *   why it cannot be opened.
 */
MkStore *
mk_cli_open_store (const MkCliArgs *args,
                   MkStoreOpenMode  mode)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *default_db = NULL;
  const char *path = mk_cli_args_get (args, "db");
  MkStore *store;

  if (path == NULL)
    path = default_db = mk_paths_default_db ();
  if (!check_link (path, &error))
    {
      mk_cli_print_error (error);
      return NULL;
    }
  store = mk_store_open_full (path, mode, &error);
  if (store == NULL)
    mk_cli_print_error (error);
  return store;
}

/* Commands */

static int
run_version (const MkCliArgs *args)
{
  g_print ("minutka %s\n", mk_version_string ());
  return MK_EXIT_OK;
}

/**
 * mk_cli_run:
 * @args: options that mk_cli_parse() accepted
 *
 * Runs the command given, or prints the help when --help was given.
 *
 * Returns: the exit status, or %MK_CLI_NO_COMMAND when no command was
 *   given (the window should open).
 */
int
mk_cli_run (const MkCliArgs *args)
{
  g_return_val_if_fail (args != NULL, MK_EXIT_USAGE);

  if (mk_cli_args_has (args, "help"))
    {
      g_autofree char *help = mk_cli_help ();

      fputs (help, stdout);
      return fflush (stdout) == 0 ? MK_EXIT_OK : MK_EXIT_BAD_INPUT;
    }
  for (guint i = 0; i < args->given->len; i++)
    {
      const MkCliOption *option = g_ptr_array_index (args->given, i);

      if (option->run != NULL)
        return option->run (args);
    }
  return MK_CLI_NO_COMMAND;
}

/**
 * mk_cli_main:
 * @argv: (array zero-terminated=1): the program's arguments, its name first
 * @window_db_path: (out) (optional) (nullable): when no command was given,
 *   the database to open in the window (--db), or %NULL for the default
 *
 * Everything the command line does: reads the options, refuses a usage
 * mistake with a message on standard error, prints --help, runs the command.
 *
 * Returns: the exit status, or %MK_CLI_NO_COMMAND when the window should
 *   open.
 */
int
mk_cli_main (const char * const  *argv,
             char               **window_db_path)
{
  g_autoptr(MkCliArgs) args = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_return_val_if_fail (argv != NULL && argv[0] != NULL, MK_EXIT_USAGE);

  if (window_db_path != NULL)
    *window_db_path = NULL;
  args = mk_cli_parse (argv, &error);
  if (args == NULL)
    {
      mk_cli_print_error (error);
      g_printerr ("%s\n", _("Run “minutka --help” to see the options."));
      return MK_EXIT_USAGE;
    }
  status = mk_cli_run (args);
  if (status == MK_CLI_NO_COMMAND && window_db_path != NULL)
    *window_db_path = g_strdup (mk_cli_args_get (args, "db"));
  return status;
}
