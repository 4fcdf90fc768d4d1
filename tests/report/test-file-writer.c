/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-file-writer.c — files appear whole or not at all, on real files.
 *
 * Each test works in its own folder and checks what a user would find
 * there afterwards: the target's contents and mode, and that no temporary
 * is left, also after a write that fails and after a process killed in the
 * middle of one (a forked child that writes half and kills itself).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mk-file-writer.h"

static char *
new_folder (void)
{
  g_autofree char *base = g_build_filename (g_get_user_data_dir (), "writer", NULL);
  char *dir;

  g_mkdir_with_parents (base, 0700);
  dir = g_build_filename (base, "XXXXXX", NULL);
  g_assert_nonnull (g_mkdtemp (dir));
  return dir;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names in @dir, sorted, joined by spaces. */
static char *
list_folder (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_null_terminated (8, g_free, TRUE);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  return g_strjoinv (" ", (char **) names->pdata);
}

static char *
read_file (const char *path)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

static void
test_new_file_whole_and_private (void)
{
  g_autofree char *dir = new_folder ();
  g_autofree char *path = g_build_filename (dir, "report.txt", NULL);
  g_autofree char *listed = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MkFileWriter) writer = NULL;
  struct stat st;

  umask (022);
  writer = mk_file_writer_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (mk_file_writer_write (writer, "first, ", 7, &error));
  /* Nothing under the name until the commit. */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (mk_file_writer_write (writer, "second\n", 7, &error));
  g_assert_true (mk_file_writer_commit (writer, &error));
  g_assert_no_error (error);

  contents = read_file (path);
  g_assert_cmpstr (contents, ==, "first, second\n");
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  listed = list_folder (dir);
  g_assert_cmpstr (listed, ==, "report.txt");
}

static void
test_replace_keeps_old_until_commit (void)
{
  g_autofree char *dir = new_folder ();
  g_autofree char *path = g_build_filename (dir, "export.csv", NULL);
  g_autofree char *listed = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "old\n", -1, NULL));
  g_chmod (path, 0644);

  /* Abandoned: the old file stays, nothing else appears. */
  {
    g_autoptr(MkFileWriter) writer = mk_file_writer_open (path, &error);
    g_autofree char *contents = NULL;

    g_assert_no_error (error);
    g_assert_true (mk_file_writer_write (writer, "new but unfinished", 18, &error));
    contents = read_file (path);
    g_assert_cmpstr (contents, ==, "old\n");
  }
  {
    g_autofree char *contents = read_file (path);

    g_assert_cmpstr (contents, ==, "old\n");
  }
  listed = list_folder (dir);
  g_assert_cmpstr (listed, ==, "export.csv");

  /* Committed: replaced whole, and private like the database. */
  g_assert_true (mk_file_write_contents (path, "new\n", 4, &error));
  g_assert_no_error (error);
  {
    g_autofree char *contents = read_file (path);
    struct stat st;

    g_assert_cmpstr (contents, ==, "new\n");
    g_assert_cmpint (g_stat (path, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }
}

static void
test_symlinks_written_through (void)
{
  g_autofree char *dir = new_folder ();
  g_autofree char *real = g_build_filename (dir, "real.json", NULL);
  g_autofree char *link = g_build_filename (dir, "link.json", NULL);
  g_autofree char *chain = g_build_filename (dir, "chain.json", NULL);
  g_autofree char *dangling = g_build_filename (dir, "dangling.json", NULL);
  g_autofree char *made = g_build_filename (dir, "made.json", NULL);
  g_autofree char *loop_a = g_build_filename (dir, "loop-a", NULL);
  g_autofree char *loop_b = g_build_filename (dir, "loop-b", NULL);
  g_autofree char *target = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (real, "old", -1, NULL));
  g_assert_cmpint (symlink ("real.json", link), ==, 0);
  g_assert_cmpint (symlink (link, chain), ==, 0);

  g_assert_true (mk_file_write_contents (chain, "through two links", 17, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  g_assert_true (g_file_test (chain, G_FILE_TEST_IS_SYMLINK));
  target = read_file (real);
  g_assert_cmpstr (target, ==, "through two links");

  /* A link to a file not there yet makes the file, as the shell does. */
  g_assert_cmpint (symlink ("made.json", dangling), ==, 0);
  g_assert_true (mk_file_write_contents (dangling, "made", 4, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (dangling, G_FILE_TEST_IS_SYMLINK));
  g_clear_pointer (&target, g_free);
  target = read_file (made);
  g_assert_cmpstr (target, ==, "made");

  /* A loop is refused with a message that says so. */
  g_assert_cmpint (symlink ("loop-b", loop_a), ==, 0);
  g_assert_cmpint (symlink ("loop-a", loop_b), ==, 0);
  g_assert_false (mk_file_write_contents (loop_a, "x", 1, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_LOOP);
  g_assert_nonnull (strstr (error->message, "loop-a"));
  g_assert_nonnull (strstr (error->message, "circle"));
  g_clear_error (&error);

  {
    g_autofree char *listed = list_folder (dir);

    g_assert_cmpstr (listed, ==, "chain.json dangling.json link.json loop-a loop-b made.json "
                                 "real.json");
  }
}

/* What is not a regular file is never opened (a FIFO would wait for a
 * reader forever) and never replaced. */
static void
test_refuses_what_is_not_a_file (void)
{
  g_autofree char *dir = new_folder ();
  g_autofree char *fifo = g_build_filename (dir, "pipe", NULL);
  g_autofree char *sub = g_build_filename (dir, "folder", NULL);
  g_autofree char *file = g_build_filename (dir, "file", NULL);
  g_autofree char *hard = g_build_filename (dir, "hard", NULL);
  g_autofree char *to_null = g_build_filename (dir, "to-null", NULL);
  g_autoptr(GError) error = NULL;
  struct stat st;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_false (mk_file_write_contents (fifo, "x", 1, &error));
  g_assert_nonnull (strstr (error->message, "is a named pipe, not a file"));
  g_assert_nonnull (strstr (error->message, "“-” for standard output"));
  g_clear_error (&error);
  g_assert_cmpint (lstat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));

  g_assert_false (mk_file_write_contents ("/dev/null", "x", 1, &error));
  g_assert_nonnull (strstr (error->message, "“/dev/null” is a device"));
  g_clear_error (&error);
  g_assert_cmpint (symlink ("/dev/null", to_null), ==, 0);
  g_assert_false (mk_file_write_contents (to_null, "x", 1, &error));
  g_assert_nonnull (strstr (error->message, "is a device"));
  g_clear_error (&error);
  g_assert_cmpint (stat ("/dev/null", &st), ==, 0);
  g_assert_true (S_ISCHR (st.st_mode));

  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  g_assert_false (mk_file_write_contents (sub, "x", 1, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR);
  g_clear_error (&error);

  /* A file with another name (a hard link) would be split from it. */
  g_assert_true (g_file_set_contents (file, "shared", -1, NULL));
  g_assert_cmpint (link (file, hard), ==, 0);
  g_assert_false (mk_file_write_contents (hard, "x", 1, &error));
  g_assert_nonnull (strstr (error->message, "hard links"));
  g_clear_error (&error);
  {
    g_autofree char *contents = read_file (file);

    g_assert_cmpstr (contents, ==, "shared");
  }

  /* A folder that is not there. */
  {
    g_autofree char *missing = g_build_filename (dir, "nowhere", "x.csv", NULL);

    g_assert_false (mk_file_write_contents (missing, "x", 1, &error));
    g_assert_nonnull (strstr (error->message, "does not exist"));
    g_clear_error (&error);
  }
  g_assert_false (mk_file_write_contents ("", "x", 1, &error));
  g_clear_error (&error);

  {
    g_autofree char *listed = list_folder (dir);

    g_assert_cmpstr (listed, ==, "file folder hard pipe to-null");
  }
}

/* A database (or its write-ahead log) is never replaced by a report or an
 * export: "--export minutka.db" would destroy the data. */
static void
test_refuses_a_database (void)
{
  g_autofree char *dir = new_folder ();
  g_autofree char *db = g_build_filename (dir, "minutka.db", NULL);
  g_autofree char *wal = g_build_filename (dir, "minutka.db-wal", NULL);
  g_autoptr(GError) error = NULL;
  const char header[] = "SQLite format 3\0 and the rest of the first page";

  g_assert_true (g_file_set_contents (db, header, sizeof header, NULL));
  g_assert_true (g_file_set_contents (wal, "log", -1, NULL));
  g_assert_false (mk_file_write_contents (db, "x", 1, &error));
  g_assert_nonnull (strstr (error->message, "is a database"));
  g_clear_error (&error);
  g_assert_false (mk_file_write_contents (wal, "x", 1, &error));
  g_assert_nonnull (strstr (error->message, "is a database"));
  g_clear_error (&error);
  {
    g_autofree char *contents = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (db, &contents, &length, NULL));
    g_assert_cmpmem (contents, length, header, sizeof header);
  }
}

/* A read-only file is not replaced behind the user's back (root may write
 * anything, so there is nothing to check as root). */
static void
test_read_only_target (void)
{
  g_autofree char *dir = new_folder ();
  g_autofree char *path = g_build_filename (dir, "locked.csv", NULL);
  g_autoptr(GError) error = NULL;

  if (geteuid () == 0)
    {
      g_test_skip ("root may replace a read-only file");
      return;
    }
  g_assert_true (g_file_set_contents (path, "keep", -1, NULL));
  g_chmod (path, 0400);
  g_assert_false (mk_file_write_contents (path, "x", 1, &error));
  g_assert_nonnull (strstr (error->message, "cannot be replaced"));
}

/* "-" and any path naming our standard output write to it. */
static void
test_standard_output (void)
{
  g_autofree char *dir = new_folder ();
  g_autofree char *path = g_build_filename (dir, "stdout.txt", NULL);
  int saved = dup (STDOUT_FILENO);
  int fd = open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  g_assert_cmpint (fd, >=, 0);
  fflush (stdout);
  g_assert_cmpint (dup2 (fd, STDOUT_FILENO), ==, STDOUT_FILENO);
  g_assert_true (mk_file_path_is_stdout ("-"));
  g_assert_true (mk_file_path_is_stdout ("/dev/stdout"));
  g_assert_true (mk_file_write_contents ("-", "dash ", 5, &error));
  g_assert_true (mk_file_write_contents ("/dev/stdout", "dev ", 4, &error));
  g_assert_true (mk_file_write_contents (path, "path\n", 5, &error));
  g_assert_no_error (error);
  dup2 (saved, STDOUT_FILENO);
  close (saved);
  close (fd);

  contents = read_file (path);
  g_assert_cmpstr (contents, ==, "dash dev path\n");
  {
    g_autofree char *listed = list_folder (dir);

    g_assert_cmpstr (listed, ==, "stdout.txt");
  }
}

/* In a child: writes half of a file and is killed (SIGKILL), or writes
 * past a file size limit and fails (as on a full disk). */
static void
child_write (const char *path,
             gboolean    named,
             gboolean    limit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MkFileWriter) writer = NULL;
  char block[4096];

  mk_file_writer_set_named_temporaries (named);
  if (limit)
    {
      struct rlimit rl = { 8192, 8192 };

      signal (SIGXFSZ, SIG_IGN);
      setrlimit (RLIMIT_FSIZE, &rl);
    }
  memset (block, 'x', sizeof block);
  writer = mk_file_writer_open (path, &error);
  if (writer == NULL)
    _exit (3);
  for (int i = 0; i < 8; i++)
    if (!mk_file_writer_write (writer, block, sizeof block, &error))
      {
        if (strstr (error->message, path) == NULL)
          _exit (4);
        mk_file_writer_free (g_steal_pointer (&writer));
        _exit (1);
      }
  if (!limit)
    kill (getpid (), SIGKILL);
  _exit (5);
}

static int
run_child (const char *path,
           gboolean    named,
           gboolean    limit)
{
  pid_t pid = fork ();
  int status;

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    child_write (path, named, limit);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  return status;
}

static void
test_killed_or_failed (gconstpointer data)
{
  gboolean named = GPOINTER_TO_INT (data);
  g_autofree char *dir = new_folder ();
  g_autofree char *path = g_build_filename (dir, "export.csv", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *listed = NULL;
  int status;

  g_assert_true (g_file_set_contents (path, "the last good export\n", -1, NULL));

  /* Killed half-way. */
  status = run_child (path, named, FALSE);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
  contents = read_file (path);
  g_assert_cmpstr (contents, ==, "the last good export\n");
  listed = list_folder (dir);
  if (named)
    {
      /* The named temporary outlives its writer, until the next write
       * into the folder. */
      g_assert_true (g_str_has_prefix (listed, ".export.csv.minutka-tmp-"));
      g_assert_cmpuint (mk_file_writer_clean_stale (dir), ==, 1);
    }
  g_clear_pointer (&listed, g_free);
  listed = list_folder (dir);
  g_assert_cmpstr (listed, ==, "export.csv");

  /* A write that fails (the file size limit, as a full disk would). */
  status = run_child (path, named, TRUE);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 1);
  g_clear_pointer (&contents, g_free);
  contents = read_file (path);
  g_assert_cmpstr (contents, ==, "the last good export\n");
  g_clear_pointer (&listed, g_free);
  listed = list_folder (dir);
  g_assert_cmpstr (listed, ==, "export.csv");
}

/* A stale temporary goes with the next write into its folder; one that a
 * live writer holds stays. */
static void
test_stale_cleaned_live_kept (void)
{
  g_autofree char *dir = new_folder ();
  g_autofree char *path = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *other = g_build_filename (dir, "other.pdf", NULL);
  g_autofree char *stranger = g_build_filename (dir, ".notes.minutka-backup", NULL);
  g_autoptr(MkFileWriter) live = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *listed = NULL;
  int status;

  /* A killed writer's temporary, and a file of someone else's. */
  status = run_child (path, TRUE, FALSE);
  g_assert_true (WIFSIGNALED (status));
  g_assert_true (g_file_set_contents (stranger, "not ours", -1, NULL));

  mk_file_writer_set_named_temporaries (TRUE);
  live = mk_file_writer_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (mk_file_writer_write (live, "live", 4, &error));
  listed = list_folder (dir);
  /* The killed one is gone; the live one and the stranger stay. */
  g_assert_cmpint (strlen (listed), ==, strlen (".notes.minutka-backup .report.pdf.minutka-tmp-XXXXXX"));

  g_assert_true (mk_file_write_contents (other, "other", 5, &error));
  g_assert_no_error (error);
  g_assert_true (mk_file_writer_commit (live, &error));
  g_assert_no_error (error);
  mk_file_writer_set_named_temporaries (FALSE);

  g_clear_pointer (&listed, g_free);
  listed = list_folder (dir);
  g_assert_cmpstr (listed, ==, ".notes.minutka-backup other.pdf report.pdf");
  {
    g_autofree char *contents = read_file (path);

    g_assert_cmpstr (contents, ==, "live");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/file-writer/new-file-whole-and-private", test_new_file_whole_and_private);
  g_test_add_func ("/file-writer/replace-keeps-old-until-commit",
                   test_replace_keeps_old_until_commit);
  g_test_add_func ("/file-writer/symlinks-written-through", test_symlinks_written_through);
  g_test_add_func ("/file-writer/refuses-what-is-not-a-file", test_refuses_what_is_not_a_file);
  g_test_add_func ("/file-writer/refuses-a-database", test_refuses_a_database);
  g_test_add_func ("/file-writer/read-only-target", test_read_only_target);
  g_test_add_func ("/file-writer/standard-output", test_standard_output);
  g_test_add_data_func ("/file-writer/killed-or-failed/unnamed-temporary", GINT_TO_POINTER (0),
                        test_killed_or_failed);
  g_test_add_data_func ("/file-writer/killed-or-failed/named-temporary", GINT_TO_POINTER (1),
                        test_killed_or_failed);
  g_test_add_func ("/file-writer/stale-cleaned-live-kept", test_stale_cleaned_live_kept);

  return g_test_run ();
}
