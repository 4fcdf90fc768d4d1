/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gui-test-keyring.h — a real GNOME Keyring for one GUI test, on the
 * test's private D-Bus session (build-aux/xvfb-test.sh runs each GUI test
 * in dbus-run-session), its files in the test's folder and unlocked at
 * once (a locked one would ask the desktop's prompter).  The same steps as
 * test-gui-team-password.c; docs/team-window.md says why. */
#pragma once

#include <signal.h>

#include "gui-test-utils.h"

static GSubprocess *test_keyring;
static gboolean test_keyring_up;

static void
test_keyring_appeared_cb (GDBusConnection *connection,
                          const char      *name,
                          const char      *owner,
                          gpointer         user_data)
{
  test_keyring_up = TRUE;
}

/* Starts GNOME Keyring for this test only; FALSE when it is not installed. */
static inline gboolean
mk_gui_test_start_keyring (void)
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
  data_dir = g_build_filename (mk_gui_test_tmpdir (), "data", NULL);
  runtime_dir = g_build_filename (mk_gui_test_tmpdir (), "run", NULL);
  g_assert_cmpint (g_mkdir_with_parents (runtime_dir, 0700), ==, 0);
  g_setenv ("XDG_DATA_HOME", data_dir, TRUE);
  g_setenv ("XDG_RUNTIME_DIR", runtime_dir, TRUE);

  /* It prints its variables on standard output, which is the test's TAP. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE
                                        | G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");
  g_subprocess_launcher_unsetenv (launcher, "MALLOC_CHECK_");
  g_subprocess_launcher_unsetenv (launcher, "MALLOC_PERTURB_");
  test_keyring = g_subprocess_launcher_spawn (launcher, &error, daemon, "--foreground",
                                              "--unlock", "--components=secrets", NULL);
  g_assert_no_error (error);
  input = g_subprocess_get_stdin_pipe (test_keyring);
  g_output_stream_write_all (input, "keyring-of-the-test", 19, NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (input, NULL, &error);
  g_assert_no_error (error);

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  watch = g_bus_watch_name_on_connection (bus, "org.freedesktop.secrets",
                                          G_BUS_NAME_WATCHER_FLAGS_NONE,
                                          test_keyring_appeared_cb, NULL, NULL, NULL);
  mk_gui_test_wait_for (test_keyring_up);
  g_bus_unwatch_name (watch);
  return test_keyring_up;
}

static inline void
mk_gui_test_stop_keyring (void)
{
  if (test_keyring == NULL)
    return;
  g_subprocess_send_signal (test_keyring, SIGTERM);
  g_subprocess_wait (test_keyring, NULL, NULL);
  g_clear_object (&test_keyring);
}
