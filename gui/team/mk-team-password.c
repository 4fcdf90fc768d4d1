/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-team-password.c — the team password: asked once, kept in the desktop
 * keyring.
 *
 * Design notes.
 *
 * Minutka never keeps a password in its database, its settings or a
 * connection string.  The window asks for the team login's password once
 * (mk_team_password_ask_async(): a dialog with one password field) and
 * keeps it in the desktop keyring through libsecret, under the schema
 * "io.github.minutka.Minutka.Team" with two attributes: "server" (the
 * server as core describes it, "login@host:port/database") and "login".  A
 * second desktop database joined to the same server with the same login
 * finds the same item.  The user may prefer libpq's own password file
 * (~/.pgpass) instead; then nothing is stored here and libpq finds the
 * password itself.
 *
 * The keyring is a D-Bus service (GNOME Keyring, KWallet, KeePassXC): it
 * may be missing, locked or refuse.  Every failure comes back as
 * MK_TEAM_PASSWORD_ERROR_KEYRING with a message that says what to do (use
 * the password file); a missing item is not a failure (lookup returns
 * %NULL and no error).  Lookups run on the main context (the _async
 * calls) or, for the sync worker, on its own thread
 * (mk_team_password_lookup_sync()); libsecret is safe for both.
 *
 * Passwords are handed out in memory libsecret wipes when freed: free them
 * with mk_team_password_free(), never g_free().
 */
#define G_LOG_DOMAIN "mk-team"

#include "config.h"

#include <glib/gi18n.h>
#include <libsecret/secret.h>
#include <string.h>

#include "mk-team-password.h"

G_DEFINE_QUARK (mk-team-password-error-quark, mk_team_password_error)

static const SecretSchema *
team_schema (void)
{
  static const SecretSchema schema = {
    "io.github.minutka.Minutka.Team", SECRET_SCHEMA_NONE,
    {
      { "server", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "login", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

/* libsecret's errors name D-Bus objects; the user needs to know that the
 * keyring failed and what to do instead. */
static void
propagate_keyring_error (GError **error,
                         GError  *keyring_error)
{
  if (g_error_matches (keyring_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, keyring_error);
      return;
    }
  g_set_error (error, MK_TEAM_PASSWORD_ERROR, MK_TEAM_PASSWORD_ERROR_KEYRING,
               _("The desktop keyring cannot keep the password (%s). Choose “Password "
                 "file” to keep it in libpq’s password file instead, or unlock the "
                 "keyring and try again."), keyring_error->message);
  g_error_free (keyring_error);
}

/**
 * mk_team_password_free:
 * @password: (nullable): a password this module returned
 *
 * Wipes and frees @password.
 */
void
mk_team_password_free (char *password)
{
  if (password != NULL)
    secret_password_free (password);
}

/* Storing */

static void
store_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!secret_password_store_finish (result, &error))
    {
      GError *shown = NULL;

      propagate_keyring_error (&shown, error);
      g_task_return_error (task, shown);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/**
 * mk_team_password_store_async:
 * @server: the server, "login@host:port/database"
 * @login: the login role
 * @password: the password to keep
 * @cancellable: (nullable): to stop waiting
 * @callback: called on the calling thread's main context when done
 * @user_data: for @callback
 *
 * Keeps @password in the default keyring collection, replacing any kept
 * for the same @server and @login.
 */
void
mk_team_password_store_async (const char          *server,
                              const char          *login,
                              const char          *password,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  /* Translators: the label of the password in the desktop keyring (Seahorse
   * shows it); the first %s is the login, the second the server. */
  g_autofree char *label = g_strdup_printf (_("Minutka team password for %s on %s"),
                                            login, server);

  g_return_if_fail (server != NULL && login != NULL && password != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mk_team_password_store_async);
  secret_password_store (team_schema (), SECRET_COLLECTION_DEFAULT, label, password,
                         cancellable, store_done_cb, g_steal_pointer (&task),
                         "server", server, "login", login, NULL);
}

/**
 * mk_team_password_store_finish:
 * @result: what the callback got
 * @error: return location for a #GError
 *
 * Returns: whether the password is in the keyring;
 *   MK_TEAM_PASSWORD_ERROR_KEYRING when the keyring failed.
 */
gboolean
mk_team_password_store_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Looking up */

static void
lookup_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  char *password = secret_password_lookup_finish (result, &error);

  if (error != NULL)
    {
      GError *shown = NULL;

      propagate_keyring_error (&shown, error);
      g_task_return_error (task, shown);
      return;
    }
  g_task_return_pointer (task, password, (GDestroyNotify) secret_password_free);
}

/**
 * mk_team_password_lookup_async:
 * @server: the server, "login@host:port/database"
 * @login: the login role
 * @cancellable: (nullable): to stop waiting
 * @callback: called on the calling thread's main context when done
 * @user_data: for @callback
 *
 * Looks for the password kept for @login on @server.
 */
void
mk_team_password_lookup_async (const char          *server,
                               const char          *login,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (server != NULL && login != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mk_team_password_lookup_async);
  secret_password_lookup (team_schema (), cancellable, lookup_done_cb, task,
                          "server", server, "login", login, NULL);
}

/**
 * mk_team_password_lookup_finish:
 * @result: what the callback got
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the password (free it with
 *   mk_team_password_free()), or %NULL: with no error when none is kept,
 *   with MK_TEAM_PASSWORD_ERROR_KEYRING when the keyring failed.
 */
char *
mk_team_password_lookup_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * mk_team_password_lookup_sync:
 * @server: the server, "login@host:port/database"
 * @login: the login role
 * @cancellable: (nullable): to stop waiting
 * @error: return location for a #GError
 *
 * The same as mk_team_password_lookup_async(), blocking: for a worker
 * thread only, never the main one.
 *
 * Returns: (transfer full) (nullable): as mk_team_password_lookup_finish().
 */
char *
mk_team_password_lookup_sync (const char    *server,
                              const char    *login,
                              GCancellable  *cancellable,
                              GError       **error)
{
  GError *keyring_error = NULL;
  char *password;

  g_return_val_if_fail (server != NULL && login != NULL, NULL);

  password = secret_password_lookup_sync (team_schema (), cancellable, &keyring_error,
                                          "server", server, "login", login, NULL);
  if (keyring_error != NULL)
    {
      propagate_keyring_error (error, keyring_error);
      return NULL;
    }
  return password;
}

/* Forgetting */

static void
forget_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  /* FALSE with no error: there was nothing to forget, which is fine. */
  secret_password_clear_finish (result, &error);
  if (error != NULL)
    {
      GError *shown = NULL;

      propagate_keyring_error (&shown, error);
      g_task_return_error (task, shown);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/**
 * mk_team_password_forget_async:
 * @server: the server, "login@host:port/database"
 * @login: the login role
 * @cancellable: (nullable): to stop waiting
 * @callback: called on the calling thread's main context when done
 * @user_data: for @callback
 *
 * Removes the password kept for @login on @server, if any (Leave Team).
 */
void
mk_team_password_forget_async (const char          *server,
                               const char          *login,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (server != NULL && login != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mk_team_password_forget_async);
  secret_password_clear (team_schema (), cancellable, forget_done_cb, task,
                         "server", server, "login", login, NULL);
}

/**
 * mk_team_password_forget_finish:
 * @result: what the callback got
 * @error: return location for a #GError
 *
 * Returns: whether no password is kept any more.
 */
gboolean
mk_team_password_forget_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Asking */

static void
entry_changed_cb (GtkEditable      *entry,
                  AdwMessageDialog *dialog)
{
  adw_message_dialog_set_response_enabled (dialog, "connect",
                                           *gtk_editable_get_text (entry) != '\0');
}

static void
ask_response_cb (AdwMessageDialog *dialog,
                 const char       *response,
                 gpointer          user_data)
{
  g_autoptr(GTask) task = user_data;
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  SecretValue *value;
  gsize length = 0;

  /* One answer per dialog (closing after a response answers again). */
  g_signal_handlers_disconnect_by_func (dialog, ask_response_cb, user_data);
  if (g_strcmp0 (response, "connect") != 0)
    {
      g_task_return_new_error (task, MK_TEAM_PASSWORD_ERROR, MK_TEAM_PASSWORD_ERROR_CANCELLED,
                               _("No password was given."));
      return;
    }
  /* Into memory libsecret wipes, so that every password this module hands
   * out is freed the same way; the field is emptied at once. */
  value = secret_value_new (gtk_editable_get_text (entry), -1, "text/plain");
  g_task_return_pointer (task, secret_value_unref_to_password (value, &length),
                         (GDestroyNotify) secret_password_free);
  gtk_editable_set_text (entry, "");
}

/**
 * mk_team_password_ask_async:
 * @parent: the window to put the dialog over
 * @server: the server, as the user reads it
 * @login: the login role
 * @why: (nullable): a line saying why it is asked again (the server's
 *   words when it refused the password)
 * @cancellable: (nullable): closes the dialog
 * @callback: called when the user answered
 * @user_data: for @callback
 *
 * Asks for the password of @login on @server in a dialog over @parent.
 */
void
mk_team_password_ask_async (GtkWindow           *parent,
                            const char          *server,
                            const char          *login,
                            const char          *why,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;
  GtkWidget *dialog;
  GtkWidget *entry;
  g_autofree char *body = NULL;

  g_return_if_fail (server != NULL && login != NULL);

  if (strchr (server, '@') != NULL)
    /* Translators: %s is the login at its server ("anna@sales.example.com/minutka"). */
    body = g_strdup_printf (_("Type the password of the team login %s. Minutka asks once and "
                              "keeps it in this computer’s keyring."), server);
  else
    /* Translators: a login name, then the team's server ("service=sales"). */
    body = g_strdup_printf (_("Type the password of the login %s for the team at %s. Minutka "
                              "asks once and keeps it in this computer’s keyring."), login,
                            server);
  if (why != NULL)
    {
      char *both = g_strconcat (why, "\n\n", body, NULL);

      g_free (body);
      body = both;
    }
  dialog = adw_message_dialog_new (parent, _("Team Password"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "connect", _("C_onnect"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "connect",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "connect");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "connect", FALSE);

  /* A GtkEntry that hides what is typed rather than GtkPasswordEntry: GTK
   * 4.8's password entry touches itself after it is freed when its dialog
   * closes. */
  entry = gtk_entry_new ();
  gtk_entry_set_visibility (GTK_ENTRY (entry), FALSE);
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_PASSWORD);
  gtk_widget_set_name (entry, "team_password_entry");
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Password"), -1);
  g_signal_connect (entry, "changed", G_CALLBACK (entry_changed_cb), dialog);
  /* Enter answers "connect" (the default response) once something is typed. */
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mk_team_password_ask_async);
  g_signal_connect (dialog, "response", G_CALLBACK (ask_response_cb), task);
  if (cancellable != NULL)
    g_signal_connect_object (cancellable, "cancelled", G_CALLBACK (gtk_window_close), dialog,
                             G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/**
 * mk_team_password_ask_finish:
 * @result: what the callback got
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the password typed (free it with
 *   mk_team_password_free()), or %NULL with MK_TEAM_PASSWORD_ERROR_CANCELLED
 *   when the dialog was closed.
 */
char *
mk_team_password_ask_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
