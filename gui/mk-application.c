/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-application.c — the Minutka application object.
 *
 * Owns the application-wide actions (about, preferences, quit) and the
 * keyboard accelerators.  The command line belongs to core (mk-cli.h):
 * local_command_line hands it the arguments before GTK is initialised, and
 * opens the window only when core says no command was given.
 */
#define G_LOG_DOMAIN "mk-application"

#include "config.h"

#include <glib/gi18n.h>

#include "mk-application.h"
#include "mk-cli.h"
#include "mk-store.h"
#include "mk-version.h"
#include "mk-wheel-guard.h"
#include "mk-window.h"

struct _MkApplication
{
  AdwApplication  parent_instance;

  char           *db_path;
  MkStore        *store;
};

G_DEFINE_FINAL_TYPE (MkApplication, mk_application, ADW_TYPE_APPLICATION)

/**
 * mk_application_new:
 *
 * Returns: (transfer full): a new Minutka application.
 */
MkApplication *
mk_application_new (void)
{
  return g_object_new (MK_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "resource-base-path", RESOURCE_BASE_PATH,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}

/**
 * mk_application_get_db_path:
 * @self: the application
 *
 * Returns: (transfer none) (nullable): the database path given with --db,
 *   or %NULL for the default database.
 */
const char *
mk_application_get_db_path (MkApplication *self)
{
  g_return_val_if_fail (MK_IS_APPLICATION (self), NULL);

  return self->db_path;
}

/**
 * mk_application_get_store:
 * @self: the application
 *
 * Returns: (transfer none) (nullable): the open database, or %NULL if it
 *   could not be opened (the window then says why).
 */
MkStore *
mk_application_get_store (MkApplication *self)
{
  g_return_val_if_fail (MK_IS_APPLICATION (self), NULL);

  return self->store;
}

/* The command line is core's (core/cli/mk-cli.c): it reads every option and
 * runs any command before GApplication sees the arguments, so a command
 * needs no display and a usage mistake exits 2.  Only when no command was
 * given does the window open, on the database named with --db. */
static gboolean
mk_application_local_command_line (GApplication   *app,
                                   char         ***arguments,
                                   int            *exit_status)
{
  MkApplication *self = MK_APPLICATION (app);
  g_autofree char *db_path = NULL;
  int status = mk_cli_main ((const char * const *) *arguments, &db_path);

  if (status != MK_CLI_NO_COMMAND)
    {
      *exit_status = status;
      return TRUE;
    }
  g_free (self->db_path);
  self->db_path = g_steal_pointer (&db_path);
  for (guint i = 1; (*arguments)[i] != NULL; i++)
    g_clear_pointer (&(*arguments)[i], g_free);
  return G_APPLICATION_CLASS (mk_application_parent_class)->local_command_line (app, arguments,
                                                                              exit_status);
}

static void
open_error_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        GApplication     *app)
{
  g_application_release (app);
}

static void
mk_application_activate (GApplication *app)
{
  MkApplication *self = MK_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_autoptr(GError) error = NULL;

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  if (self->store == NULL)
    self->store = mk_store_open (self->db_path, &error);

  if (self->store == NULL)
    {
      GtkWidget *dialog = adw_message_dialog_new (NULL, _("Minutka Cannot Open Its Database"),
                                                  error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      g_application_hold (app);
      g_signal_connect (dialog, "response", G_CALLBACK (open_error_response_cb), app);
      gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (app));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  window = GTK_WINDOW (mk_window_new (self));
  gtk_window_present (window);
}

static void
about_action_cb (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (app);
  static const char *developers[] = { "Minutka developers", NULL };
  AdwAboutWindow *about;

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  adw_about_window_set_application_name (about, _("Minutka"));
  adw_about_window_set_application_icon (about, APP_ID);
  adw_about_window_set_version (about, mk_version_string ());
  adw_about_window_set_developer_name (about, _("Minutka developers"));
  adw_about_window_set_developers (about, developers);
  adw_about_window_set_comments (about,
                                 _("See where a sales team's working day goes: log tasks "
                                   "and minutes for a few days, then compare the team and "
                                   "find the time that could go back to selling."));
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  adw_about_window_set_copyright (about, "© 2026 Minutka developers");
  /* Translators: put your names here, one per line. */
  adw_about_window_set_translator_credits (about, _("translator-credits"));
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (about), parent);
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action_cb (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  GApplication *app = G_APPLICATION (user_data);
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  /* Closing the windows lets each save its state before the app exits. */
  for (GList *l = windows; l != NULL; l = windows)
    {
      windows = l->next;
      gtk_window_close (GTK_WINDOW (l->data));
    }
}

static const GActionEntry app_actions[] = {
  { "about", about_action_cb },
  { "quit", quit_action_cb },
};

static void
mk_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *prefs_accels[] = { "<Control>comma", NULL };
  static const char *import_accels[] = { "<Control>o", NULL };
  static const char *today_accels[] = { "<Alt>1", NULL };
  static const char *entries_accels[] = { "<Alt>2", NULL };
  static const char *analysis_accels[] = { "<Alt>3", NULL };

  G_APPLICATION_CLASS (mk_application_parent_class)->startup (app);

  /* Scrolling a page never changes a value: only a focused control takes the wheel. */
  mk_wheel_guard_install ();

  g_action_map_add_action_entries (G_ACTION_MAP (app),
                                   app_actions, G_N_ELEMENTS (app_actions),
                                   app);

  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.preferences",
                                         prefs_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.import", import_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.page::today",
                                         today_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.page::entries",
                                         entries_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.page::analysis",
                                         analysis_accels);
}

static void
mk_application_finalize (GObject *object)
{
  MkApplication *self = MK_APPLICATION (object);

  g_clear_pointer (&self->db_path, g_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (mk_application_parent_class)->finalize (object);
}

static void
mk_application_class_init (MkApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = mk_application_finalize;

  app_class->local_command_line = mk_application_local_command_line;
  app_class->activate = mk_application_activate;
  app_class->startup = mk_application_startup;
}

static void
mk_application_init (MkApplication *self)
{
}
