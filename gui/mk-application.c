/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-application.c — the Minutka application object.
 *
 * Owns the application-wide actions (about, preferences, quit) and the
 * keyboard accelerators.  The command line belongs to core (mk-cli.h):
 * local_command_line hands it the arguments before GTK is initialised, and
 * opens the window only when core says no command was given.
 *
 * The database is opened when the application activates, without waiting:
 * while a big import in another process holds the file (for minutes), a
 * small window says so and the store is opened on a worker thread
 * (mk_store_open_async()); the main window comes when it is open.  Closing
 * the waiting window stops the wait and quits.
 */
#define G_LOG_DOMAIN "mk-application"

#include "config.h"

#include <glib/gi18n.h>

#include "mk-application.h"
#include "mk-cli.h"
#include "mk-error.h"
#include "mk-store.h"
#include "mk-version.h"
#include "mk-menu-tooltips.h"
#include "mk-wheel-guard.h"
#include "mk-window.h"

struct _MkApplication
{
  AdwApplication  parent_instance;

  char           *db_path;
  MkStore        *store;
  GtkWindow      *waiting;     /* shown while an import holds the database */
  GtkLabel       *waiting_label;
  GCancellable   *opening;     /* the opening on a worker, while it lasts */
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

static void show_store (MkApplication *self,
                        GError        *error);

static void
waiting_message_cb (const char *message,
                    gpointer    user_data)
{
  MkApplication *self = user_data;

  if (self->waiting_label != NULL)
    gtk_label_set_label (self->waiting_label, message);
}

static gboolean
waiting_close_cb (GtkWindow     *window,
                  MkApplication *self)
{
  g_cancellable_cancel (self->opening);
  return FALSE;
}

/* A window that says why Minutka is not there yet; closing it gives up. */
static void
show_waiting (MkApplication *self,
              const char    *message)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *status = adw_status_page_new ();
  GtkWidget *label = gtk_label_new (message);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "document-open-recent-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("Waiting for an Import"));
  adw_status_page_set_child (ADW_STATUS_PAGE (status), label);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), status);
  gtk_widget_set_vexpand (status, TRUE);
  gtk_widget_add_css_class (status, "compact");
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_set_title (GTK_WINDOW (window), _("Minutka"));
  gtk_window_set_default_size (GTK_WINDOW (window), 460, 400);
  gtk_widget_set_name (window, "waiting-window");
  gtk_widget_set_name (label, "waiting-message");
  gtk_window_set_application (GTK_WINDOW (window), GTK_APPLICATION (self));
  g_signal_connect (window, "close-request", G_CALLBACK (waiting_close_cb), self);
  self->waiting = GTK_WINDOW (window);
  self->waiting_label = GTK_LABEL (label);
  gtk_window_present (GTK_WINDOW (window));
}

static void
store_opened_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MkApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkWindow *waiting = g_steal_pointer (&self->waiting);

  self->store = mk_store_open_finish (result, &error);
  g_clear_object (&self->opening);
  self->waiting_label = NULL;
  if (self->store != NULL || !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_store (self, error);
  if (waiting != NULL)
    gtk_window_destroy (waiting);
  g_application_release (G_APPLICATION (self));
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
  if (self->opening != NULL)
    return;

  if (self->store == NULL)
    self->store = mk_store_open_full (self->db_path,
                                      MK_STORE_OPEN_CREATE | MK_STORE_OPEN_NO_WAIT, &error);
  /* An import holds the file: wait for it where the wait can be seen. */
  if (self->store == NULL && g_error_matches (error, MK_STORE_ERROR, MK_STORE_ERROR_BUSY))
    {
      self->opening = g_cancellable_new ();
      g_application_hold (app);
      show_waiting (self, error->message);
      mk_store_open_async (self->db_path, MK_STORE_OPEN_CREATE, waiting_message_cb, self,
                           self->opening, store_opened_cb, g_object_ref (self));
      return;
    }
  show_store (self, error);
}

/* The main window, or why the database cannot be opened. */
static void
show_store (MkApplication *self,
            GError        *error)
{
  GApplication *app = G_APPLICATION (self);
  GtkWindow *window;

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
  /* No tooltip over an open menu. */
  mk_menu_tooltips_install ();

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

  g_clear_object (&self->opening);
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
