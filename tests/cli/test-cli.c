/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-cli.c — every command-line entry point, through the real `minutka`.
 *
 * Each test runs the installed-to-be binary (MINUTKA_BIN) without a display,
 * on real SQLite files in the test's own folder, and checks what a user
 * sees: the exit status, standard output and standard error, and the
 * database or file afterwards.  The rules about which options go together
 * are checked for every row of the option table, so a new option is tested
 * the moment it is added.
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mk-cli.h"
#include "mk-exporter.h"
#include "mk-store.h"
#include "mk-store-private.h"
#include "mk-version.h"

typedef struct {
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static char *
test_dir (void)
{
  char *dir = g_build_filename (g_get_user_data_dir (), "cli", NULL);

  g_mkdir_with_parents (dir, 0700);
  return dir;
}

static char *
test_path (const char *name)
{
  g_autofree char *dir = test_dir ();

  return g_build_filename (dir, name, NULL);
}

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "import", name, NULL);
}

/* Runs minutka with @argv (without the program name) in the test folder,
 * with no display and English messages. */
static void
run_argv_in (Run                *run,
             const char         *language,
             const char * const *argv)
{
  g_autoptr(GPtrArray) full = g_ptr_array_new_null_terminated (8, NULL, TRUE);
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_dir ();
  const char *bin = g_getenv ("MINUTKA_BIN");
  int wait_status;

  g_assert_nonnull (bin);
  g_ptr_array_add (full, (gpointer) bin);
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (full, (gpointer) argv[i]);
  env = g_environ_unsetenv (env, "DISPLAY");
  env = g_environ_unsetenv (env, "WAYLAND_DISPLAY");
  env = g_environ_setenv (env, "LANGUAGE", language, TRUE);
  env = g_environ_setenv (env, "LC_ALL", "C.UTF-8", TRUE);

  run_clear (run);
  g_spawn_sync (dir, (char **) full->pdata, env, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
  g_test_message ("minutka %s → %d\n%s%s", argv[0] ? argv[0] : "", run->status, run->out,
                  run->err);
}

static void
run_argv (Run                *run,
          const char * const *argv)
{
  run_argv_in (run, "C", argv);
}

#define RUN(run, ...) \
  G_STMT_START { \
    const char *argv_[] = { __VA_ARGS__, NULL }; \
    run_argv ((run), argv_); \
  } G_STMT_END

static gint64
count_entries (const char *db)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MkStore) store = mk_store_open (db, &error);

  g_assert_no_error (error);
  return mk_store_count_entries (store);
}

/* A usage mistake: exit 2, nothing on standard output, a message that says
 * what to do, and no attempt at a window. */
static void
assert_usage (const Run  *run,
              const char *says)
{
  g_assert_cmpint (run->status, ==, MK_EXIT_USAGE);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_true (g_str_has_prefix (run->err, "minutka: "));
  g_assert_nonnull (strstr (run->err, "minutka --help"));
  g_assert_null (strstr (run->err, "display"));
  if (says != NULL && strstr (run->err, says) == NULL)
    g_error ("expected “%s” in: %s", says, run->err);
}

/* Appends "--name" and, when it takes one, a value to @argv. */
static void
add_option (GPtrArray         *argv,
            const MkCliOption *option)
{
  g_ptr_array_add (argv, g_strdup_printf ("--%s", option->name));
  if (option->kind != MK_CLI_FLAG)
    g_ptr_array_add (argv, g_strdup ("x"));
}

/* --help and --version */

static void
test_help_lists_every_option (void)
{
  g_auto(Run) run = { 0, };
  guint n;
  const MkCliOption *options = mk_cli_get_options (&n);
  g_autofree char *flat = NULL;
  g_auto(GStrv) words = NULL;

  RUN (&run, "--help");
  g_assert_cmpint (run.status, ==, MK_EXIT_OK);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_true (g_str_has_prefix (run.out, "Usage:"));
  g_assert_nonnull (strstr (run.out, "Exit status: 0"));

  /* Every option and every heading, with its whole help (wrapped). */
  words = g_regex_split_simple ("\\s+", run.out, 0, 0);
  flat = g_strjoinv (" ", words);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("--%s", options[i].name);
      g_auto(GStrv) help_words = g_regex_split_simple ("\\s+", options[i].help, 0, 0);
      g_autofree char *help = g_strjoinv (" ", help_words);

      if (options[i].name != NULL && strstr (run.out, name) == NULL)
        g_error ("--help does not list %s", name);
      if (strstr (flat, help) == NULL)
        g_error ("--help does not say “%s”", help);
      if (options[i].arg_description != NULL)
        {
          g_autofree char *usage = g_strdup_printf ("--%s %s", options[i].name,
                                                    options[i].arg_description);

          g_assert_nonnull (strstr (run.out, usage));
        }
    }
  /* No line is wider than a terminal. */
  {
    g_auto(GStrv) lines = g_strsplit (run.out, "\n", -1);

    for (guint i = 0; lines[i] != NULL; i++)
      g_assert_cmpint (g_utf8_strlen (lines[i], -1), <=, 80);
  }

  /* -h is --help, and --help wins over anything else given. */
  {
    g_auto(Run) short_run = { 0, };
    g_auto(Run) mixed = { 0, };

    RUN (&short_run, "-h");
    g_assert_cmpint (short_run.status, ==, MK_EXIT_OK);
    g_assert_cmpstr (short_run.out, ==, run.out);
    RUN (&mixed, "--demo", "--check", "--help", "--frm");
    g_assert_cmpint (mixed.status, ==, MK_EXIT_USAGE);
    RUN (&mixed, "--demo", "--check", "--help");
    g_assert_cmpint (mixed.status, ==, MK_EXIT_OK);
    g_assert_cmpstr (mixed.out, ==, run.out);
  }
}

/* The help is translated, every row of it: no option's English help shows
 * in the Russian one. */
static void
test_help_russian (void)
{
  g_auto(Run) run = { 0, };
  g_auto(Run) english = { 0, };
  const char *argv[] = { "--help", NULL };
  guint n;
  const MkCliOption *options = mk_cli_get_options (&n);

  run_argv_in (&english, "C", argv);
  run_argv_in (&run, "ru", argv);
  g_assert_cmpint (run.status, ==, MK_EXIT_OK);
  g_assert_cmpstr (run.out, !=, english.out);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *start = g_strndup (options[i].help, 24);

      if (options[i].name != NULL)
        g_assert_nonnull (strstr (run.out, options[i].name));
      if (strstr (run.out, start) != NULL)
        g_error ("not translated: %s", options[i].help);
    }
}

static void
test_version (void)
{
  g_auto(Run) run = { 0, };
  g_autofree char *expected = g_strdup_printf ("minutka %s\n", mk_version_string ());

  RUN (&run, "--version");
  g_assert_cmpint (run.status, ==, MK_EXIT_OK);
  g_assert_cmpstr (run.out, ==, expected);
  g_assert_cmpstr (run.err, ==, "");
}

/* Usage mistakes */

static void
test_usage_unknown_and_missing (void)
{
  g_auto(Run) run = { 0, };
  g_autofree char *db = test_path ("usage.db");

  RUN (&run, "--frm", "2026-01-01");
  assert_usage (&run, "--frm");
  RUN (&run, "--report", "--from");
  assert_usage (&run, "--from");
  /* The next option is not a value. */
  RUN (&run, "--report", "--output", "--format", "json");
  assert_usage (&run, "--output is missing its value");
  RUN (&run, "--report", "--format", "json", "--format", "csv");
  assert_usage (&run, "--format was given twice");
  RUN (&run, "--report", "--db", "");
  assert_usage (&run, "--db was given an empty value");
  RUN (&run, "--report", "--db=", "--format", "json");
  assert_usage (&run, "--db was given an empty value");
  RUN (&run, "--demo=yes");
  assert_usage (&run, "--demo takes no value");
  RUN (&run, "--db", db, "notes.csv");
  assert_usage (&run, "unexpected argument 'notes.csv'; to import files use --import");
  RUN (&run, "--db", db, "--report", "notes.csv");
  assert_usage (&run, "unexpected argument 'notes.csv'");
  /* None of these touched the database. */
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
}

/* Any two commands clash, in either order, and neither runs. */
static void
test_usage_two_commands (void)
{
  g_autofree char *db = test_path ("clash.db");
  guint n;
  const MkCliOption *options = mk_cli_get_options (&n);

  for (guint i = 0; i < n; i++)
    for (guint j = 0; j < n; j++)
      {
        g_autoptr(GPtrArray) argv = g_ptr_array_new_null_terminated (8, g_free, TRUE);
        g_autofree char *said = NULL;
        g_auto(Run) run = { 0, };

        if (i == j || options[i].run == NULL || options[j].run == NULL)
          continue;
        g_ptr_array_add (argv, g_strdup ("--db"));
        g_ptr_array_add (argv, g_strdup (db));
        add_option (argv, &options[i]);
        add_option (argv, &options[j]);
        run_argv (&run, (const char * const *) argv->pdata);
        said = g_strdup_printf ("--%s and --%s cannot be used together",
                                options[i].name, options[j].name);
        assert_usage (&run, said);
      }
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
}

/* Every option that is not a command needs a command it goes with: alone
 * it never opens the window, and with another command it is refused. */
static void
test_usage_option_needs_its_command (void)
{
  guint n;
  const MkCliOption *options = mk_cli_get_options (&n);
  g_autofree char *db = test_path ("alone.db");

  for (guint i = 0; i < n; i++)
    {
      const MkCliOption *option = &options[i];
      g_auto(GStrv) goes_with = NULL;

      if (option->name == NULL || option->run != NULL || option->goes_with == NULL)
        continue;
      goes_with = g_strsplit (option->goes_with, " ", -1);

      /* Alone (with --db): refused, naming the command it needs. */
      {
        g_autoptr(GPtrArray) argv = g_ptr_array_new_null_terminated (4, g_free, TRUE);
        g_autofree char *said = g_strdup_printf ("--%s works only with --%s", option->name,
                                                 goes_with[0]);
        g_auto(Run) run = { 0, };

        g_ptr_array_add (argv, g_strdup ("--db"));
        g_ptr_array_add (argv, g_strdup (db));
        add_option (argv, option);
        run_argv (&run, (const char * const *) argv->pdata);
        assert_usage (&run, said);
      }

      /* With each command it does not go with: refused, naming both. */
      for (guint j = 0; j < n; j++)
        {
          g_autoptr(GPtrArray) argv = g_ptr_array_new_null_terminated (6, g_free, TRUE);
          g_autofree char *said = NULL;
          g_auto(Run) run = { 0, };

          if (options[j].run == NULL
              || g_strv_contains ((const char * const *) goes_with, options[j].name))
            continue;
          g_ptr_array_add (argv, g_strdup ("--db"));
          g_ptr_array_add (argv, g_strdup (db));
          add_option (argv, &options[j]);
          add_option (argv, option);
          run_argv (&run, (const char * const *) argv->pdata);
          said = g_strdup_printf ("--%s does not go with --%s, only with", option->name,
                                  options[j].name);
          assert_usage (&run, said);
        }
    }
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));
}

/* --demo and --check */

static void
test_demo_then_check (void)
{
  g_autofree char *db = test_path ("demo.db");
  g_auto(Run) run = { 0, };

  g_unlink (db);
  RUN (&run, "--db", db, "--demo");
  g_assert_cmpint (run.status, ==, MK_EXIT_OK);
  g_assert_nonnull (strstr (run.out, "Loaded the demo team sample: 540 entries."));
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (count_entries (db), ==, 540);

  /* A second time: nothing added, and the message says so. */
  RUN (&run, "--db", db, "--demo");
  g_assert_cmpint (run.status, ==, MK_EXIT_BAD_INPUT);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_nonnull (strstr (run.err, "already holds entries"));
  g_assert_cmpint (count_entries (db), ==, 540);

  RUN (&run, "--check", "--db", db);
  g_assert_cmpint (run.status, ==, MK_EXIT_OK);
  g_assert_nonnull (strstr (run.out, "integrity_check: ok"));
  g_assert_nonnull (strstr (run.out, "The database is sound and its totals match the entries."));
  g_assert_cmpstr (run.err, ==, "");
}

/* Issue 17: the demo never goes into a database with somebody's entries;
 * the message says why and where it can go, in English and Russian. */
static void
test_demo_refuses_entries (void)
{
  g_autofree char *db = test_path ("mine.db");
  g_autofree char *toggl = fixture ("toggl-detailed.csv");
  const char *argv[] = { "--db", db, "--demo", NULL };
  g_auto(Run) run = { 0, };
  g_auto(Run) russian = { 0, };

  g_unlink (db);
  RUN (&run, "--db", db, "--import", toggl);
  g_assert_cmpint (run.status, ==, MK_EXIT_OK);
  g_assert_cmpint (count_entries (db), ==, 4);

  run_argv_in (&run, "C", argv);
  g_assert_cmpint (run.status, ==, MK_EXIT_BAD_INPUT);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_nonnull (strstr (run.err, "already holds entries"));
  g_assert_nonnull (strstr (run.err, "nothing was added"));
  g_assert_nonnull (strstr (run.err, "minutka --db /tmp/minutka-demo.db --demo"));
  g_assert_cmpint (count_entries (db), ==, 4);

  run_argv_in (&russian, "ru", argv);
  g_assert_cmpint (russian.status, ==, MK_EXIT_BAD_INPUT);
  g_assert_nonnull (strstr (russian.err, "уже есть записи"));
  g_assert_nonnull (strstr (russian.err, "minutka --db /tmp/minutka-demo.db --demo"));
  g_assert_cmpint (count_entries (db), ==, 4);
}

static void
test_check_not_a_database (void)
{
  g_autofree char *db = test_path ("notes.txt");
  g_auto(Run) run = { 0, };
  const char text[] = "This is not a database, it is someone's notes.\n";

  g_assert_true (g_file_set_contents (db, text, -1, NULL));
  RUN (&run, "--check", "--db", db);
  g_assert_cmpint (run.status, ==, MK_EXIT_BAD_INPUT);
  g_assert_true (g_str_has_prefix (run.err, "minutka: "));
  g_assert_null (strstr (run.out, "sound"));
  /* The file is left as it was. */
  {
    g_autofree char *after = NULL;

    g_assert_true (g_file_get_contents (db, &after, NULL, NULL));
    g_assert_cmpstr (after, ==, text);
  }
}

/* Commands that only read never make a database where there is none (nor
 * its folders); they say that it does not exist. */
static void
test_reading_commands_never_create (void)
{
  g_autofree char *dir = test_path ("never-made");
  g_autofree char *db = g_build_filename (dir, "minutka.db", NULL);
  g_autofree char *out = test_path ("never-made.csv");
  const char *const commands[][3] = {
    { "--check", NULL, NULL },
    { "--report", NULL, NULL },
    { "--export", out, NULL },
    { "--imports", NULL, NULL },
    { "--remove-import", "1", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(Run) run = { 0, };

      if (commands[i][1] != NULL)
        RUN (&run, commands[i][0], commands[i][1], "--db", db);
      else
        RUN (&run, commands[i][0], "--db", db);
      g_assert_cmpint (run.status, ==, MK_EXIT_BAD_INPUT);
      g_assert_nonnull (strstr (run.err, "does not exist"));
      g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
      g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
    }
}

/* --report */

static char *
demo_db (const char *name)
{
  char *db = test_path (name);
  g_auto(Run) run = { 0, };

  if (!g_file_test (db, G_FILE_TEST_EXISTS))
    {
      RUN (&run, "--db", db, "--demo");
      g_assert_cmpint (run.status, ==, MK_EXIT_OK);
    }
  return db;
}

static void
test_report_formats (void)
{
  g_autofree char *db = demo_db ("report.db");
  g_autofree char *pdf = test_path ("report.pdf");
  g_autofree char *json = test_path ("report.json");
  g_autofree char *contents = NULL;
  g_auto(Run) run = { 0, };

  RUN (&run, "--report", "--db", db);
  g_assert_cmpint (run.status, ==, MK_EXIT_OK);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_true (g_str_has_prefix (run.out, "Minutka report"));
  g_assert_nonnull (strstr (run.out, "Борис Петров"));
  g_assert_nonnull (strstr (run.out, "23 Nov 2026"));

  RUN (&run, "--report", "--db", db, "--format", "json", "--from", "2026-11-24",
       "--to", "2026-11-24");
  g_assert_cmpint (run.status, ==, MK_EXIT_OK);
  g_assert_true (g_str_has_prefix (run.out, "{"));
  g_assert_nonnull (strstr (run.out, "\"from\":\"2026-11-24\""));

  RUN (&run, "--report", "--db", db, "--format", "CSV");
  g_assert_cmpint (run.status, ==, MK_EXIT_OK);
  g_assert_true (g_str_has_prefix (run.out, "manager,"));

  RUN (&run, "--report", "--db", db, "--format", "pdf", "--output", pdf);
  g_assert_cmpint (run.status, ==, MK_EXIT_OK);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpstr (run.err, ==, "");
  g_assert_true (g_file_get_contents (pdf, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));

  RUN (&run, "--db", db, "--output", json, "--format", "json", "--report");
  g_assert_cmpint (run.status, ==, MK_EXIT_OK);
  g_assert_cmpstr (run.out, ==, "");
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (json, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\"managers\""));
}

static void
test_report_exit_codes (void)
{
  g_autofree char *db = demo_db ("report-codes.db");
  g_autofree char *empty = test_path ("report-empty.db");
  g_autofree char *out = test_path ("nothing.json");
  g_auto(Run) run = { 0, };

  RUN (&run, "--report", "--db", db, "--format", "xml");
  g_assert_cmpint (run.status, ==, MK_EXIT_USAGE);
  g_assert_nonnull (strstr (run.err, "unknown report format 'xml'; use text, json, csv or pdf."));

  RUN (&run, "--report", "--db", db, "--from", "2026-02-30");
  g_assert_cmpint (run.status, ==, MK_EXIT_USAGE);
  g_assert_nonnull (strstr (run.err, "--from '2026-02-30' is not a date"));

  RUN (&run, "--report", "--db", db, "--from", "2026-11-25", "--to", "2026-11-23");
  g_assert_cmpint (run.status, ==, MK_EXIT_USAGE);
  g_assert_nonnull (strstr (run.err, "ends (2026-11-23) before it starts (2026-11-25)"));

  /* Nothing logged in the period: exit 1, and no file. */
  RUN (&run, "--report", "--db", db, "--from", "2026-01-01", "--to", "2026-01-31",
       "--format", "json", "--output", out);
  g_assert_cmpint (run.status, ==, MK_EXIT_BAD_INPUT);
  g_assert_nonnull (strstr (run.err, "Nobody logged any time between 2026-01-01 and "
                                     "2026-01-31"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

  /* Nothing logged at all: the message says how to get something. */
  RUN (&run, "--report", "--db", empty);
  g_assert_cmpint (run.status, ==, MK_EXIT_BAD_INPUT);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_nonnull (strstr (run.err, "--demo"));
}

/* --import */

static void
test_import (void)
{
  g_autofree char *db = test_path ("import.db");
  g_autofree char *toggl = fixture ("toggl-detailed.csv");
  g_autofree char *clockify = fixture ("clockify-detailed.csv");
  g_autofree char *bad = fixture ("bad-rows.csv");
  g_auto(Run) run = { 0, };

  g_unlink (db);
  /* A dry run writes nothing. */
  RUN (&run, "--db", db, "--import", toggl, "--dry-run");
  g_assert_cmpint (run.status, ==, MK_EXIT_OK);
  g_assert_nonnull (strstr (run.out, "toggl-detailed.csv: Toggl Track"));
  g_assert_nonnull (strstr (run.out, "dry run, nothing was written"));
  g_assert_cmpint (count_entries (db), ==, 0);

  /* Files may follow the first. */
  RUN (&run, "--db", db, "--import", toggl, clockify);
  g_assert_cmpint (run.status, ==, MK_EXIT_OK);
  g_assert_nonnull (strstr (run.out, "imported 4"));
  g_assert_nonnull (strstr (run.out, "imported 3"));
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (count_entries (db), ==, 7);

  /* A file with invalid rows is refused whole, each row named. */
  RUN (&run, "--db", db, "--import", bad);
  g_assert_cmpint (run.status, ==, MK_EXIT_BAD_INPUT);
  g_assert_nonnull (strstr (run.err, "bad-rows.csv:4: duration '1:75' has 75 minutes"));
  g_assert_nonnull (strstr (run.err, "--skip-invalid"));
  g_assert_cmpint (count_entries (db), ==, 7);

  RUN (&run, "--db", db, "--import", bad, "--skip-invalid");
  g_assert_cmpint (run.status, ==, MK_EXIT_OK);
  g_assert_nonnull (strstr (run.out, "imported 2"));
  g_assert_cmpint (count_entries (db), ==, 9);

  /* Bad option values are usage mistakes, checked before the files. */
  RUN (&run, "--db", db, "--import", toggl, "--preset", "excel");
  g_assert_cmpint (run.status, ==, MK_EXIT_USAGE);
  g_assert_nonnull (strstr (run.err, "unknown preset 'excel'"));
  RUN (&run, "--db", db, "--import", toggl, "--date-format", "ddmmyy");
  g_assert_cmpint (run.status, ==, MK_EXIT_USAGE);
  RUN (&run, "--db", db, "--import", toggl, "--map", "Calls");
  g_assert_cmpint (run.status, ==, MK_EXIT_USAGE);
  g_assert_nonnull (strstr (run.err, "should look like TEXT=KEY"));

  /* A file that is not there. */
  RUN (&run, "--db", db, "--import", "missing.csv");
  g_assert_cmpint (run.status, ==, MK_EXIT_BAD_INPUT);
  g_assert_nonnull (strstr (run.err, "missing.csv"));
  g_assert_cmpint (count_entries (db), ==, 9);
}

/* Entries of the temporary folder named like a dry run's. */
static guint
count_dry_run_folders (void)
{
  g_autoptr(GDir) dir = g_dir_open (g_get_tmp_dir (), 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    n += g_str_has_prefix (name, "minutka-dry-run-");
  return n;
}

/* Issue 13: a dry run with --db where there is no database created the
 * folder and a database while saying "nothing was written".  It creates
 * nothing, and says what it says with a new database there. */
static void
test_import_dry_run_creates_nothing (void)
{
  g_autofree char *folder = test_path ("fresh");
  g_autofree char *db = g_build_filename (folder, "dr.db", NULL);
  g_autofree char *lone = test_path ("dr-lone.db");
  g_autofree char *existing = test_path ("dr-existing.db");
  g_autofree char *toggl = fixture ("toggl-detailed.csv");
  g_autofree char *bad = fixture ("bad-rows.csv");
  g_autofree char *out_existing = NULL;
  g_autofree char *err_existing = NULL;
  g_autoptr(MkStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0, };
  guint folders = count_dry_run_folders ();

  g_unlink (existing);
  store = mk_store_open (existing, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  RUN (&run, "--db", existing, "--import", toggl, bad, "--dry-run");
  g_assert_cmpint (run.status, ==, MK_EXIT_BAD_INPUT);
  g_assert_nonnull (strstr (run.out, "imported 4 (191 min)"));
  g_assert_nonnull (strstr (run.out, "dry run, nothing was written"));
  out_existing = g_strdup (run.out);
  err_existing = g_strdup (run.err);
  g_assert_cmpint (count_entries (existing), ==, 0);

  RUN (&run, "--db", db, "--import", toggl, bad, "--dry-run");
  g_assert_cmpint (run.status, ==, MK_EXIT_BAD_INPUT);
  g_assert_cmpstr (run.out, ==, out_existing);
  g_assert_cmpstr (run.err, ==, err_existing);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));

  g_unlink (lone);
  RUN (&run, "--db", lone, "--import", toggl, "--dry-run");
  g_assert_cmpint (run.status, ==, MK_EXIT_OK);
  g_assert_nonnull (strstr (run.out, "dry run, nothing was written"));
  g_assert_false (g_file_test (lone, G_FILE_TEST_EXISTS));
  /* The private database is gone too. */
  g_assert_cmpuint (count_dry_run_folders (), ==, folders);
}

/* A dry run on a database of an older Minutka brought it up to date —
 * written while saying "nothing was written".  It runs on an up-to-date
 * copy; the file stays byte for byte as it was. */
static void
test_import_dry_run_leaves_older_database (void)
{
  g_autofree char *db = test_path ("dr-v1.db");
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *toggl = fixture ("toggl-detailed.csv");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize n_before = 0, n_after = 0;
  guint folders = count_dry_run_folders ();
  g_auto(Run) run = { 0, };
  sqlite3 *sdb = NULL;

  g_unlink (db);
  g_assert_cmpint (sqlite3_open (db, &sdb), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (sdb, mk_store_schema_v1_sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (sdb,
                                 "INSERT INTO category (id, key, color, class, sort_order) "
                                 "VALUES (1, 'calls', '#3584e4', 'selling', 0),"
                                 "(7, 'other', '#77767b', 'non_selling', 6);"
                                 "INSERT INTO person (id, name, name_key) VALUES (1, 'Anna', 'anna');"
                                 "INSERT INTO entry (id, person_id, day, start, minutes, "
                                 "category_id, task, created) VALUES (1, 1, '2026-11-23', 600, "
                                 "10, 1, 'a', '2026-11-23T10:00:00Z');"
                                 "INSERT INTO day_total VALUES (1, '2026-11-23', 1, 10, 1, 10, 10);"
                                 "INSERT INTO entry_length VALUES (1, '2026-11-23', 1, 10, 1);"
                                 "PRAGMA application_id = 1296979019;"
                                 "PRAGMA user_version = 1;", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (sdb);
  g_assert_true (g_file_get_contents (db, &before, &n_before, NULL));

  RUN (&run, "--db", db, "--import", toggl, "--dry-run");
  g_assert_cmpint (run.status, ==, MK_EXIT_OK);
  g_assert_nonnull (strstr (run.out, "imported 4 (191 min)"));
  g_assert_nonnull (strstr (run.out, "dry run, nothing was written"));
  g_assert_true (g_file_get_contents (db, &after, &n_after, NULL));
  g_assert_cmpuint (n_after, ==, n_before);
  g_assert_true (memcmp (before, after, n_before) == 0);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  /* The copy went with it. */
  g_assert_cmpuint (count_dry_run_folders (), ==, folders);

  /* The real import brings it up to date and adds to it. */
  RUN (&run, "--db", db, "--import", toggl);
  g_assert_cmpint (run.status, ==, MK_EXIT_OK);
  g_assert_cmpint (count_entries (db), ==, 5);
}

/* --export */

static void
test_export (void)
{
  g_autofree char *db = demo_db ("export.db");
  g_autofree char *csv = test_path ("export.csv");
  g_autofree char *contents = NULL;
  g_auto(Run) run = { 0, };
  g_auto(GStrv) lines = NULL;

  RUN (&run, "--db", db, "--export", csv, "--from", "2026-11-24", "--to", "2026-11-24");
  g_assert_cmpint (run.status, ==, MK_EXIT_OK);
  g_assert_nonnull (strstr (run.out, "entries exported"));
  g_assert_cmpstr (run.err, ==, "");
  g_assert_true (g_file_get_contents (csv, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, MK_EXPORT_HEADER "\n"));
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 1; lines[i] != NULL && *lines[i] != '\0'; i++)
    g_assert_true (g_str_has_prefix (lines[i], "2026-11-24,"));

  RUN (&run, "--db", db, "--export", csv, "--from", "24.11.2026");
  g_assert_cmpint (run.status, ==, MK_EXIT_USAGE);
  g_assert_nonnull (strstr (run.err, "'24.11.2026' is not a date"));
}

/* Files Minutka writes */

static char *
read_text (const char *path)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

/* No temporary of Minutka's (nor of GIO's) in the test folder. */
static void
assert_no_temporaries (void)
{
  g_autofree char *dir = test_dir ();
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    if (strstr (name, ".minutka-tmp-") != NULL || strstr (name, ".goutputstream") != NULL)
      g_error ("a temporary was left behind: %s", name);
}

static void
test_report_output_targets (void)
{
  g_autofree char *db = demo_db ("targets.db");
  g_autofree char *real = test_path ("real.json");
  g_autofree char *link = test_path ("link.json");
  g_autofree char *fifo = test_path ("report.fifo");
  g_autofree char *dir = test_dir ();
  g_autofree char *contents = NULL;
  g_auto(Run) run = { 0, };
  struct stat st;

  /* Through a symbolic link to the file it names; the link stays. */
  g_assert_true (g_file_set_contents (real, "old", -1, NULL));
  g_unlink (link);
  g_assert_cmpint (symlink ("real.json", link), ==, 0);
  RUN (&run, "--report", "--db", db, "--format", "json", "--output", link);
  g_assert_cmpint (run.status, ==, MK_EXIT_OK);
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  contents = read_text (real);
  g_assert_true (g_str_has_prefix (contents, "{\"format\":\"minutka-report\""));
  g_assert_cmpint (g_stat (real, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* A FIFO is refused at once (opening it would wait for a reader). */
  g_unlink (fifo);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  RUN (&run, "--report", "--db", db, "--output", fifo);
  g_assert_cmpint (run.status, ==, MK_EXIT_BAD_INPUT);
  g_assert_nonnull (strstr (run.err, "is a named pipe, not a file"));
  g_assert_cmpint (lstat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));

  /* A device is never replaced, as root neither. */
  RUN (&run, "--report", "--db", db, "--output", "/dev/null");
  g_assert_cmpint (run.status, ==, MK_EXIT_BAD_INPUT);
  g_assert_nonnull (strstr (run.err, "“/dev/null” is a device"));
  g_assert_cmpint (stat ("/dev/null", &st), ==, 0);
  g_assert_true (S_ISCHR (st.st_mode));

  RUN (&run, "--report", "--db", db, "--output", dir);
  g_assert_cmpint (run.status, ==, MK_EXIT_BAD_INPUT);
  g_assert_nonnull (strstr (run.err, "is a folder"));

  /* Standard output, as "-" or by its name. */
  RUN (&run, "--report", "--db", db, "--format", "csv", "--output", "-");
  g_assert_cmpint (run.status, ==, MK_EXIT_OK);
  g_assert_true (g_str_has_prefix (run.out, "manager,"));
  RUN (&run, "--report", "--db", db, "--format", "csv", "--output", "/dev/stdout");
  g_assert_cmpint (run.status, ==, MK_EXIT_OK);
  g_assert_true (g_str_has_prefix (run.out, "manager,"));
  g_assert_cmpstr (run.err, ==, "");

  g_unlink (fifo);
  assert_no_temporaries ();
}

/* The child of a failing export: its files may grow to 40 KiB only (the
 * export is 70 KiB), as if the disk were full. */
static void
limit_file_size (gpointer user_data)
{
  struct rlimit rl = { 40960, 40960 };

  signal (SIGXFSZ, SIG_IGN);
  setrlimit (RLIMIT_FSIZE, &rl);
}

static void
test_export_safety (void)
{
  g_autofree char *db = demo_db ("export-safety.db");
  g_autofree char *csv = test_path ("backup.csv");
  g_autofree char *fifo = test_path ("export.fifo");
  g_autofree char *contents = NULL;
  g_auto(Run) run = { 0, };
  struct stat st;
  const char old[] = "date,start,minutes,category,person,email,task\n"
                     "2026-01-05,09:00,30,calls,Anna,,the only backup\n";

  /* A period with no entries: refused before the file is touched. */
  g_assert_true (g_file_set_contents (csv, old, -1, NULL));
  RUN (&run, "--db", db, "--export", csv, "--from", "2020-01-01", "--to", "2020-01-31");
  g_assert_cmpint (run.status, ==, MK_EXIT_BAD_INPUT);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_nonnull (strstr (run.err, "no entries between 2020-01-01 and 2020-01-31"));
  g_assert_nonnull (strstr (run.err, "backup.csv"));
  contents = read_text (csv);
  g_assert_cmpstr (contents, ==, old);

  /* A write that fails half-way leaves the old file whole and no
   * temporary; the message names the file. */
  {
    const char *argv[] = { g_getenv ("MINUTKA_BIN"), "--db", db, "--export", csv, NULL };
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autoptr(GError) error = NULL;
    int wait_status;

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, limit_file_size, NULL,
                  &out, &err, &wait_status, &error);
    g_assert_no_error (error);
    g_assert_true (WIFEXITED (wait_status));
    g_assert_cmpint (WEXITSTATUS (wait_status), ==, MK_EXIT_BAD_INPUT);
    g_assert_nonnull (strstr (err, "backup.csv"));
    g_assert_nonnull (strstr (err, "could not be written"));
  }
  g_clear_pointer (&contents, g_free);
  contents = read_text (csv);
  g_assert_cmpstr (contents, ==, old);
  assert_no_temporaries ();

  /* A good export replaces it whole, private like the database. */
  RUN (&run, "--db", db, "--export", csv);
  g_assert_cmpint (run.status, ==, MK_EXIT_OK);
  g_assert_nonnull (strstr (run.out, "backup.csv: 540 entries exported"));
  g_assert_cmpint (g_stat (csv, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (st.st_size, >, 40960);

  /* An existing FIFO as the target: refused, not waited on. */
  g_unlink (fifo);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  RUN (&run, "--db", db, "--export", fifo);
  g_assert_cmpint (run.status, ==, MK_EXIT_BAD_INPUT);
  g_assert_nonnull (strstr (run.err, "export.fifo"));
  g_assert_nonnull (strstr (run.err, "named pipe"));
  g_unlink (fifo);

  /* Over the database itself: refused, and the database is still sound. */
  RUN (&run, "--db", db, "--export", db);
  g_assert_cmpint (run.status, ==, MK_EXIT_BAD_INPUT);
  g_assert_nonnull (strstr (run.err, "is a database"));
  RUN (&run, "--db", db, "--report", "--output", db);
  g_assert_cmpint (run.status, ==, MK_EXIT_BAD_INPUT);
  RUN (&run, "--db", db, "--check");
  g_assert_cmpint (run.status, ==, MK_EXIT_OK);
  g_assert_cmpint (count_entries (db), ==, 540);

  /* To standard output, the summary goes to standard error. */
  RUN (&run, "--db", db, "--export", "-", "--from", "2026-11-24", "--to", "2026-11-24");
  g_assert_cmpint (run.status, ==, MK_EXIT_OK);
  g_assert_true (g_str_has_prefix (run.out, MK_EXPORT_HEADER "\n"));
  g_assert_nonnull (strstr (run.err, "standard output: 191 entries exported"));
  assert_no_temporaries ();
}

static gint64
count_batches (const char *db)
{
  sqlite3 *conn = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_open_v2 (db, &conn, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (conn, "SELECT count(*) FROM import_batch", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (conn);
  return n;
}

static void
test_import_skip_invalid_nothing (void)
{
  g_autofree char *db = test_path ("skip-nothing.db");
  g_autofree char *bad = fixture ("all-rows-invalid.csv");
  g_auto(Run) run = { 0, };

  g_unlink (db);
  RUN (&run, "--db", db, "--import", bad, "--skip-invalid");
  g_assert_cmpint (run.status, ==, MK_EXIT_BAD_INPUT);
  g_assert_nonnull (strstr (run.err, "none of its 3 rows is valid, so nothing was imported"));
  g_assert_nonnull (strstr (run.err, "all-rows-invalid.csv:2: duration '1:75' has 75 minutes"));
  g_assert_null (strstr (run.err, "import the others with --skip-invalid"));
  g_assert_cmpint (count_entries (db), ==, 0);
  g_assert_cmpint (count_batches (db), ==, 0);
}

/* Minutka's own export imported back into the database it came from adds
 * nothing: a success (exit 0) that says so and records no import. */
static void
test_import_adds_nothing (void)
{
  g_autofree char *db = demo_db ("adds-nothing.db");
  g_autofree char *csv = test_path ("adds-nothing.csv");
  g_auto(Run) run = { 0, };
  gint64 n, batches;

  RUN (&run, "--db", db, "--export", csv);
  g_assert_cmpint (run.status, ==, MK_EXIT_OK);
  n = count_entries (db);
  batches = count_batches (db);
  RUN (&run, "--db", db, "--import", csv);
  g_assert_cmpint (run.status, ==, MK_EXIT_OK);
  g_assert_nonnull (strstr (run.out, "imported 0 (0 min)"));
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (count_entries (db), ==, n);
  g_assert_cmpint (count_batches (db), ==, batches);
  RUN (&run, "--db", db, "--imports");
  g_assert_cmpint (run.status, ==, MK_EXIT_OK);
  g_assert_null (strstr (run.out, "adds-nothing.csv"));
}

static void
test_db_links (void)
{
  g_autofree char *loop_a = test_path ("loop-a.db");
  g_autofree char *loop_b = test_path ("loop-b.db");
  g_autofree char *dangling = test_path ("dangling.db");
  g_auto(Run) run = { 0, };

  g_unlink (loop_a);
  g_unlink (loop_b);
  g_unlink (dangling);
  g_assert_cmpint (symlink ("loop-b.db", loop_a), ==, 0);
  g_assert_cmpint (symlink ("loop-a.db", loop_b), ==, 0);
  g_assert_cmpint (symlink ("nowhere/minutka.db", dangling), ==, 0);

  RUN (&run, "--check", "--db", loop_a);
  g_assert_cmpint (run.status, ==, MK_EXIT_BAD_INPUT);
  g_assert_nonnull (strstr (run.err, "leads round in a circle"));
  g_assert_null (strstr (run.err, "File exists"));
  RUN (&run, "--report", "--db", dangling);
  g_assert_cmpint (run.status, ==, MK_EXIT_BAD_INPUT);
  g_assert_nonnull (strstr (run.err, "is a symbolic link to “nowhere/minutka.db”, which does "
                                     "not exist"));
}

/* Text for people never carries raw control characters from data. */
static void
assert_no_controls (const char *text)
{
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    if ((*p < 0x20 && *p != '\n') || *p == 0x7f)
      g_error ("raw control character 0x%02x in: %s", *p, text);
}

static void
test_control_characters (void)
{
  g_autofree char *db = test_path ("hostile.db");
  g_autofree char *csv = test_path ("hostile.csv");
  g_autofree char *weird = test_path ("no\x1b]0;owned\x07such.csv");
  g_auto(Run) run = { 0, };
  const char hostile[] =
    "Date,Manager,Minutes,Category,Task\n"
    "2026-03-02,\"Eve\x1b]0;owned\x07\x1b[2J\",240,calls,\"x\ry\"\n"
    "2026-03-02,\"Mallory\n  1. Fake Leader — 480 min/day\",240,admin,z\n"
    "2026-03-02,\"Trent\r\",240,meetings,\"\x1b[31mred\"\n"
    "2026-03-03,\"Eve\x1b]0;owned\x07\x1b[2J\",200,admin,a\n"
    "2026-03-03,\"Mallory\n  1. Fake Leader — 480 min/day\",300,calls,b\n"
    "2026-03-03,\"Trent\r\",240,calls,c\n";

  g_unlink (db);
  g_assert_true (g_file_set_contents (csv, hostile, -1, NULL));
  RUN (&run, "--db", db, "--import", csv);
  g_assert_cmpint (run.status, ==, MK_EXIT_OK);
  assert_no_controls (run.out);
  assert_no_controls (run.err);

  /* The text report shows the names with their controls escaped. */
  RUN (&run, "--db", db, "--report");
  g_assert_cmpint (run.status, ==, MK_EXIT_OK);
  assert_no_controls (run.out);
  g_assert_nonnull (strstr (run.out, "Eve\\x1b]0;owned\\x07\\x1b[2J"));
  g_assert_nonnull (strstr (run.out, "Mallory\\x0a  1. Fake Leader"));
  g_assert_null (strstr (run.out, "\n  1. Fake Leader"));

  /* The database and the JSON keep the names as they are (JSON escaped). */
  RUN (&run, "--db", db, "--report", "--format", "json");
  g_assert_cmpint (run.status, ==, MK_EXIT_OK);
  g_assert_nonnull (strstr (run.out, "\"Eve\\u001b]0;owned\\u0007\\u001b[2J\""));

  /* The import's notes name the file's columns, escaped as well. */
  {
    g_autofree char *columns = test_path ("hostile-columns.csv");

    g_assert_true (g_file_set_contents (columns, "Date,\"Wh\x1b]0;x\x07o\",Minutes,Category\n"
                                                 "2026-03-02,Anna,30,calls\n", -1, NULL));
    RUN (&run, "--db", db, "--import", columns, "--column", "person=Wh\x1b]0;x\x07o",
         "--dry-run");
    g_assert_cmpint (run.status, ==, MK_EXIT_OK);
    assert_no_controls (run.out);
    g_assert_nonnull (strstr (run.out, "'Wh\\x1b]0;x\\x07o'"));
  }

  /* Messages escape what the user typed, too. */
  RUN (&run, "--db", db, "--import", weird);
  g_assert_cmpint (run.status, ==, MK_EXIT_BAD_INPUT);
  assert_no_controls (run.err);
  g_assert_nonnull (strstr (run.err, "no\\x1b]0;owned\\x07such.csv"));
  RUN (&run, "--db", db, "--report", "--format", "\x1b[2Jxml");
  g_assert_cmpint (run.status, ==, MK_EXIT_USAGE);
  assert_no_controls (run.err);
  RUN (&run, "--db", db, "--frm\x1b[2J");
  assert_usage (&run, "Unknown option --frm\\x1b[2J");
  assert_no_controls (run.err);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli/help/lists-every-option", test_help_lists_every_option);
  g_test_add_func ("/cli/help/russian", test_help_russian);
  g_test_add_func ("/cli/version", test_version);
  g_test_add_func ("/cli/usage/unknown-missing-twice-empty", test_usage_unknown_and_missing);
  g_test_add_func ("/cli/usage/two-commands", test_usage_two_commands);
  g_test_add_func ("/cli/usage/option-needs-its-command", test_usage_option_needs_its_command);
  g_test_add_func ("/cli/demo/then-check", test_demo_then_check);
  g_test_add_func ("/cli/demo/refuses-entries", test_demo_refuses_entries);
  g_test_add_func ("/cli/check/not-a-database", test_check_not_a_database);
  g_test_add_func ("/cli/database/reading-commands-never-create",
                   test_reading_commands_never_create);
  g_test_add_func ("/cli/report/formats", test_report_formats);
  g_test_add_func ("/cli/report/exit-codes", test_report_exit_codes);
  g_test_add_func ("/cli/import/files-dry-run-invalid", test_import);
  g_test_add_func ("/cli/import/dry-run-creates-nothing", test_import_dry_run_creates_nothing);
  g_test_add_func ("/cli/import/dry-run-leaves-older-database",
                   test_import_dry_run_leaves_older_database);
  g_test_add_func ("/cli/export/period", test_export);
  g_test_add_func ("/cli/files/report-output-targets", test_report_output_targets);
  g_test_add_func ("/cli/files/export-safety", test_export_safety);
  g_test_add_func ("/cli/import/skip-invalid-imports-nothing", test_import_skip_invalid_nothing);
  g_test_add_func ("/cli/import/adds-nothing-records-no-batch", test_import_adds_nothing);
  g_test_add_func ("/cli/messages/db-links", test_db_links);
  g_test_add_func ("/cli/messages/control-characters", test_control_characters);

  return g_test_run ();
}
