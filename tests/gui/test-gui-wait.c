/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-wait.c — Minutka started while an import holds its database.
 *
 * Before the application starts, the test takes the database the way a big
 * import does (rollback journal, exclusive lock, its own connection).  The
 * window must not fail after a fixed time nor hang without a word: a small
 * window says that an import is writing and Minutka goes on when it is
 * done; once the "import" commits, the main window comes with the data.
 */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "gui-test-utils.h"
#include "mk-application.h"
#include "mk-store.h"
#include "mk-window.h"

static MkApplication *app;
static char *db_path;
static sqlite3 *importer;

static gboolean
russian (void)
{
  return g_strcmp0 (g_getenv ("MINUTKA_TEST_LANG"), "ru") == 0;
}

static GtkWindow *
waiting_window (void)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (g_strcmp0 (gtk_widget_get_name (l->data), "waiting-window") == 0)
      return l->data;
  return NULL;
}

static GtkWindow *
main_window (void)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l; l = l->next)
    if (MK_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

static void
test_waits_for_import (void)
{
  GtkWindow *waiting = NULL;
  GtkWidget *message;
  MkStore *store;

  /* Held: a window that says why, and no main window yet. */
  g_assert_true (mk_gui_test_wait_for ((waiting = waiting_window ()) != NULL));
  g_assert_true (mk_gui_test_wait_mapped (GTK_WIDGET (waiting)));
  g_assert_null (main_window ());
  message = mk_gui_test_find_by_name (GTK_WIDGET (waiting), "waiting-message");
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (message)), db_path));
  if (!russian ())
    g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (message)), "import"));
  mk_gui_test_wait_frames (GTK_WIDGET (waiting), 2);
  mk_gui_test_screenshot (GTK_WIDGET (waiting), russian () ? "wait-import-ru.png"
                                                           : "wait-import.png");

  /* The import commits: the main window comes, with what it wrote. */
  g_assert_cmpint (sqlite3_exec (importer, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (importer);
  importer = NULL;
  g_assert_true (mk_gui_test_wait_for (main_window () != NULL));
  g_assert_true (mk_gui_test_wait_for (waiting_window () == NULL));
  store = mk_application_get_store (app);
  g_assert_nonnull (store);
  g_assert_cmpint (mk_store_count_entries (store), ==, 1);
}

/* The user's database, then the "import" that holds it. */
static void
hold_database (void)
{
  g_autoptr(MkStore) store = NULL;
  g_autoptr(MkPerson) anna = NULL;
  g_autoptr(GError) error = NULL;
  MkEntryInput input = { 0, "2026-11-23", 600, 45, 0, "Acme", 0, 0, 0 };

  db_path = g_build_filename (mk_gui_test_tmpdir (), "held.db", NULL);
  store = mk_store_open (db_path, &error);
  g_assert_no_error (error);
  anna = mk_store_ensure_person (store, "Anna", NULL, &error);
  input.person_id = mk_person_get_id (anna);
  input.category_id = mk_category_get_id (mk_store_get_category_by_key (store, "calls"));
  g_assert_cmpint (mk_store_add_entry (store, &input, &error), >, 0);
  g_clear_object (&store);

  g_assert_cmpint (sqlite3_open (db_path, &importer), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (importer, "PRAGMA journal_mode = DELETE; BEGIN EXCLUSIVE; "
                                 "INSERT INTO setting VALUES ('importing', '1')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
}

int
main (int   argc,
      char *argv[])
{
  mk_gui_test_init (&argc, &argv);
  hold_database ();

  g_test_add_func ("/gui/wait/import-holds-database", test_waits_for_import);

  app = mk_gui_test_app_new (db_path);
  return mk_gui_test_run (app);
}
