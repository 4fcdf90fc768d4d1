/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-team-password.c — the team password in a real desktop keyring.
 *
 * The test starts its own GNOME Keyring (gnome-keyring-daemon, secrets
 * only) on the test's private D-Bus session, with its keyring files in the
 * test's temporary folder, unlocked with a password given on its standard
 * input: the real Secret Service, never the user's own keyring.  It checks
 * that a password is kept, found from the main thread and from a worker,
 * replaced, kept apart per login, and forgotten; and the dialog that asks
 * for it once.  Skipped, saying which package to install, where GNOME
 * Keyring is missing.
 */
#include "config.h"

#include <signal.h>

#include "mk-team-password.h"
#include "gui-test-utils.h"

#define SERVER "sales.example:5432/team"

static GSubprocess *keyring;
static gboolean keyring_up;

static void
name_appeared_cb (GDBusConnection *connection,
                  const char      *name,
                  const char      *owner,
                  gpointer         user_data)
{
  keyring_up = TRUE;
}

/* Starts GNOME Keyring for this test only; FALSE when it is not installed. */
static gboolean
start_keyring (void)
{
  g_autofree char *daemon = g_find_program_in_path ("gnome-keyring-daemon");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data_dir = NULL;
  g_autofree char *runtime_dir = NULL;
  GOutputStream *input;
  guint watch;

  if (daemon == NULL)
    return FALSE;

  /* Its files in the test's folder, whatever the environment says. */
  data_dir = g_build_filename (mk_gui_test_tmpdir (), "data", NULL);
  runtime_dir = g_build_filename (mk_gui_test_tmpdir (), "run", NULL);
  g_assert_cmpint (g_mkdir_with_parents (runtime_dir, 0700), ==, 0);
  g_setenv ("XDG_DATA_HOME", data_dir, TRUE);
  g_setenv ("XDG_RUNTIME_DIR", runtime_dir, TRUE);

  /* Not with the test's own debugging: a warning of the daemon's is no
   * reason for it to abort. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");
  g_subprocess_launcher_unsetenv (launcher, "MALLOC_CHECK_");
  g_subprocess_launcher_unsetenv (launcher, "MALLOC_PERTURB_");
  keyring = g_subprocess_launcher_spawn (launcher, &error, daemon, "--foreground", "--unlock",
                                         "--components=secrets", NULL);
  g_assert_no_error (error);
  input = g_subprocess_get_stdin_pipe (keyring);
  g_output_stream_write_all (input, "keyring-of-the-test", 19, NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (input, NULL, &error);
  g_assert_no_error (error);

  /* Ready once it owns the Secret Service's name on our bus. */
  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  watch = g_bus_watch_name_on_connection (bus, "org.freedesktop.secrets",
                                          G_BUS_NAME_WATCHER_FLAGS_NONE,
                                          name_appeared_cb, NULL, NULL, NULL);
  mk_gui_test_wait_for (keyring_up);
  g_bus_unwatch_name (watch);
  return keyring_up;
}

static void
stop_keyring (void)
{
  if (keyring == NULL)
    return;
  g_subprocess_send_signal (keyring, SIGTERM);
  g_subprocess_wait (keyring, NULL, NULL);
  g_clear_object (&keyring);
}

static void
result_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
store (const char *login,
       const char *password)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  mk_team_password_store_async (SERVER, login, password, NULL, result_cb, &result);
  mk_gui_test_wait_for (result != NULL);
  ok = mk_team_password_store_finish (result, &error);
  g_assert_no_error (error);
  return ok;
}

static char *
lookup (const char *login)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *password;

  mk_team_password_lookup_async (SERVER, login, NULL, result_cb, &result);
  mk_gui_test_wait_for (result != NULL);
  password = mk_team_password_lookup_finish (result, &error);
  g_assert_no_error (error);
  return password;
}

static void
lookup_in_thread (GTask        *task,
                  gpointer      source,
                  gpointer      login,
                  GCancellable *cancellable)
{
  GError *error = NULL;
  char *password = mk_team_password_lookup_sync (SERVER, login, cancellable, &error);

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, password, (GDestroyNotify) mk_team_password_free);
}

static void
test_password_kept (void)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *password;

  if (keyring == NULL)
    {
      g_test_skip ("GNOME Keyring is not installed (apt-get install gnome-keyring)");
      return;
    }

  g_assert_null (lookup ("anna"));

  /* Kept, and found again from the main thread and from a worker. */
  g_assert_true (store ("anna", "Пароль с пробелом: ü"));
  password = lookup ("anna");
  g_assert_cmpstr (password, ==, "Пароль с пробелом: ü");
  mk_team_password_free (password);

  task = g_task_new (NULL, NULL, result_cb, &result);
  g_task_set_task_data (task, g_strdup ("anna"), g_free);
  g_task_run_in_thread (task, (GTaskThreadFunc) lookup_in_thread);
  mk_gui_test_wait_for (result != NULL);
  password = g_task_propagate_pointer (G_TASK (result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (password, ==, "Пароль с пробелом: ü");
  mk_team_password_free (password);

  /* One per login; storing again replaces. */
  g_assert_true (store ("boris", "other"));
  g_assert_true (store ("anna", "changed"));
  password = lookup ("anna");
  g_assert_cmpstr (password, ==, "changed");
  mk_team_password_free (password);
  password = lookup ("boris");
  g_assert_cmpstr (password, ==, "other");
  mk_team_password_free (password);

  /* Forgotten (Leave Team); forgetting again is no failure. */
  g_clear_object (&result);
  mk_team_password_forget_async (SERVER, "anna", NULL, result_cb, &result);
  mk_gui_test_wait_for (result != NULL);
  g_assert_true (mk_team_password_forget_finish (result, &error));
  g_assert_no_error (error);
  g_assert_null (lookup ("anna"));
  g_clear_object (&result);
  mk_team_password_forget_async (SERVER, "anna", NULL, result_cb, &result);
  mk_gui_test_wait_for (result != NULL);
  g_assert_true (mk_team_password_forget_finish (result, &error));
  g_assert_no_error (error);
  password = lookup ("boris");
  g_assert_cmpstr (password, ==, "other");
  mk_team_password_free (password);
}

static void
test_password_asked (void)
{
  MkWindow *window = mk_gui_test_get_window ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *entry;
  char *password;

  g_assert_true (mk_gui_test_wait_mapped (GTK_WIDGET (window)));

  mk_team_password_ask_async (GTK_WINDOW (window), SERVER, "anna",
                              "The server refused the password.", NULL, result_cb, &result);
  dialog = ADW_MESSAGE_DIALOG (mk_gui_test_wait_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  entry = adw_message_dialog_get_extra_child (dialog);
  g_assert_true (GTK_IS_ENTRY (entry));
  g_assert_false (gtk_entry_get_visibility (GTK_ENTRY (entry)));
  /* The field has the keyboard: the user only types and presses Enter. */
  mk_gui_test_wait_for (gtk_window_get_focus (GTK_WINDOW (dialog)) != NULL &&
                        gtk_widget_is_ancestor (gtk_window_get_focus (GTK_WINDOW (dialog)),
                                                entry));

  /* Nothing to connect with until something is typed. */
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "connect"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "s3cret");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "connect"));
  mk_gui_test_screenshot (GTK_WIDGET (dialog), "team-password-dialog.png");

  /* Enter in the field, as the user would. */
  g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (entry)), "activate");
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  mk_gui_test_wait_for (result != NULL);
  password = mk_team_password_ask_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (password, ==, "s3cret");
  mk_team_password_free (password);
  /* The dialog, and the password typed in it, are gone. */
  mk_gui_test_wait_for (dialog == NULL);

  /* Closed: no password, and it says so. */
  g_clear_object (&result);
  mk_team_password_ask_async (GTK_WINDOW (window), SERVER, "anna", NULL, NULL,
                              result_cb, &result);
  dialog = ADW_MESSAGE_DIALOG (mk_gui_test_wait_window (ADW_TYPE_MESSAGE_DIALOG));
  gtk_window_close (GTK_WINDOW (dialog));   /* Escape, or the close button */
  mk_gui_test_wait_for (result != NULL);
  g_assert_null (mk_team_password_ask_finish (result, &error));
  g_assert_error (error, MK_TEAM_PASSWORD_ERROR, MK_TEAM_PASSWORD_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  MkApplication *app;
  int status;

  mk_gui_test_init (&argc, &argv);

  g_test_add_func ("/gui/team/password/kept-in-keyring", test_password_kept);
  g_test_add_func ("/gui/team/password/asked-once", test_password_asked);

  app = mk_gui_test_app_new (NULL);
  if (!start_keyring ())
    g_test_message ("gnome-keyring-daemon not found: install gnome-keyring");
  status = mk_gui_test_run (app);
  stop_keyring ();
  return status;
}
