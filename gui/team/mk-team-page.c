/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-team-page.c — Preferences → Team: joining a team, its status, leaving.
 *
 * Design notes.
 *
 * In no team the page is a form: a connection string (or, behind a switch,
 * the server, database and login as separate fields, which core puts
 * together: mk_team_conninfo_from_parts()), and the login's password.
 * "Test Connection" asks the server who the login is (mk_team_check_async(),
 * a worker thread) and says it in a row under the form: connected as whom,
 * manager or supervisor — or the server's words and what to do.  "Join
 * Team" checks the same way, keeps the password in the desktop keyring
 * (mk-team-password.c, under the server and login core reports, the same
 * item the window's sync looks up), then joins (mk_team_join_async(), a
 * worker thread, one local transaction).  The window's store then announces
 * the change: this page shows the status rows and the window's
 * MkTeamController finds the team and starts syncing.  An empty password
 * field leaves the password to libpq (~/.pgpass); nothing is kept then.
 *
 * Nothing typed is lost on an error: the fields are only read, never
 * cleared, until the join succeeds (then the password field is emptied).
 *
 * In a team: status rows read from the local database only
 * (mk_team_get_status(), no network): the server, the role (manager or
 * supervisor, and the person linked to the login), when it last synced, and
 * how many changes wait to be sent — read again on every "changed" of the
 * store, so they follow the sync.  "Leave Team…" asks first (an
 * AdwMessageDialog saying what leaving means), leaves in a worker
 * (mk_team_leave_async()) and forgets the password in the keyring.
 */
#define G_LOG_DOMAIN "mk-team"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mk-team-async.h"
#include "mk-team-page.h"
#include "mk-team-password.h"
#include "mk-team.h"

struct _MkTeamPage
{
  AdwPreferencesPage   parent_instance;

  MkStore             *store;
  gulong               changed_id;
  GCancellable        *cancellable;
  gboolean             busy;
  gboolean             joined;

  /* In a team */
  AdwPreferencesGroup *group;
  AdwActionRow        *server_row;
  AdwActionRow        *role_row;
  AdwActionRow        *last_sync_row;
  AdwActionRow        *waiting_row;
  AdwPreferencesGroup *leave_group;
  GtkButton           *leave_button;
  AdwActionRow        *leave_result_row;

  /* In no team: the form */
  AdwPreferencesGroup *join_group;
  AdwEntryRow         *conninfo_row;
  AdwExpanderRow      *parts_row;
  AdwEntryRow         *host_row;
  AdwEntryRow         *database_row;
  AdwEntryRow         *login_row;
  AdwEntryRow         *password_row;
  AdwActionRow        *result_row;
  GtkImage            *result_icon;
  GtkButton           *test_button;
  GtkButton           *join_button;
  GtkSpinner          *spinner;

  /* While joining */
  char                *join_conninfo;
  char                *join_password;
};

G_DEFINE_FINAL_TYPE (MkTeamPage, mk_team_page, ADW_TYPE_PREFERENCES_PAGE)

/* Showing what happened */

/* What to do after an error of core's (its message holds the server's
 * words). */
static const char *
what_to_do (const GError *error)
{
  if (error->domain != MK_TEAM_ERROR)
    return _("Nothing was changed; try again.");
  switch (error->code)
    {
    case MK_TEAM_ERROR_PASSWORD:
      return _("Check the password (capital letters count) and try again.");
    case MK_TEAM_ERROR_CONNECT:
      return _("Check the server’s name and this computer’s network connection, then try "
               "again.");
    case MK_TEAM_ERROR_REFUSED:
      return _("Ask the team’s supervisor to give your login the team’s rights.");
    case MK_TEAM_ERROR_NOT_SET_UP:
      return _("Check the database’s name with your supervisor.");
    default:
      /* The message says what to do already. */
      return NULL;
    }
}

static void
show_result (MkTeamPage   *self,
             AdwActionRow *row,
             gboolean      ok,
             const char   *title,
             const char   *words)
{
  GtkWidget *icon = g_object_get_data (G_OBJECT (row), "mk-icon");

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (row, words);
  gtk_image_set_from_icon_name (GTK_IMAGE (icon),
                                ok ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
  gtk_widget_remove_css_class (icon, ok ? "warning" : "success");
  gtk_widget_add_css_class (icon, ok ? "success" : "warning");
  gtk_widget_set_visible (GTK_WIDGET (row), TRUE);
}

static void
show_error (MkTeamPage   *self,
            AdwActionRow *row,
            const char   *title,
            const GError *error)
{
  const char *advice = what_to_do (error);
  gsize len = strlen (error->message);
  /* libpq's words end without a full stop. */
  gboolean stop = len > 0 && strchr (".!?…", error->message[len - 1]) == NULL;
  g_autofree char *words = advice ? g_strconcat (error->message, stop ? ". " : " ", advice, NULL)
                                  : g_strdup (error->message);

  show_result (self, row, FALSE, title, words);
}

static char *
describe_role (gboolean    supervisor,
               const char *person)
{
  if (person != NULL)
    /* Translators: a role and the person linked to the login. */
    return g_strdup_printf (supervisor ? _("Supervisor, %s") : _("Manager, %s"), person);
  return g_strdup (supervisor ? _("Supervisor") : _("Manager"));
}

static void
set_busy (MkTeamPage *self,
          gboolean    busy)
{
  self->busy = busy;
  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->join_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->leave_button), !busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
}

/* The status */

/* "2026-11-24T09:30:00Z" as the user's local date and time. */
static char *
format_last_sync (const char *iso)
{
  g_autoptr(GDateTime) utc = iso ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup (_("Not yet"));
  local = g_date_time_to_local (utc);
  /* Translators: a date and time, see g_date_time_format(); %e pads a
   * day below 10 with a space, which is taken off. */
  return g_strstrip (g_date_time_format (local, _("%e %B %Y, %H:%M")));
}

static void
reload (MkTeamPage *self)
{
  g_autoptr(MkTeamStatus) status = NULL;
  g_autofree char *role = NULL;
  g_autofree char *last = NULL;
  g_autofree char *waiting = NULL;

  status = self->store ? mk_team_get_status (self->store, NULL) : NULL;
  if (self->joined != (status != NULL))
    {
      /* Joined or left: what was said about the other state is over. */
      gtk_widget_set_visible (GTK_WIDGET (self->result_row), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->leave_result_row), FALSE);
    }
  self->joined = status != NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->group), self->joined);
  gtk_widget_set_visible (GTK_WIDGET (self->leave_group), self->joined);
  gtk_widget_set_visible (GTK_WIDGET (self->join_group), !self->joined);
  if (!self->joined)
    return;

  adw_action_row_set_subtitle (self->server_row, status->server);
  role = describe_role (status->supervisor, status->person);
  adw_action_row_set_subtitle (self->role_row, role);
  last = format_last_sync (status->last_sync);
  adw_action_row_set_subtitle (self->last_sync_row, last);
  if (status->kept > 0)
    /* Translators: changes waiting to be sent, then other people's
     * entries a manager's login may not send. */
    waiting = g_strdup_printf (ngettext ("%lu, and %lu change of another person’s entry that "
                                         "stays on this computer (only the supervisor can send "
                                         "it)",
                                         "%lu, and %lu changes of other people’s entries that "
                                         "stay on this computer (only the supervisor can send "
                                         "them)", (gulong) status->kept),
                               (gulong) status->waiting, (gulong) status->kept);
  else
    waiting = g_strdup_printf ("%" G_GUINT64_FORMAT, status->waiting);
  adw_action_row_set_subtitle (self->waiting_row, waiting);
}

/* The form */

/* The connection string the form describes (empty when nothing is typed). */
static char *
form_conninfo (MkTeamPage *self)
{
  if (adw_expander_row_get_enable_expansion (self->parts_row))
    return mk_team_conninfo_from_parts (gtk_editable_get_text (GTK_EDITABLE (self->host_row)),
                                        gtk_editable_get_text (GTK_EDITABLE (self->database_row)),
                                        gtk_editable_get_text (GTK_EDITABLE (self->login_row)));
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->conninfo_row))));
}

/* The form's connection string, or NULL having said what is missing. */
static char *
form_conninfo_or_say (MkTeamPage *self,
                      const char *title)
{
  g_autofree char *conninfo = form_conninfo (self);

  if (*conninfo != '\0')
    return g_steal_pointer (&conninfo);
  show_result (self, self->result_row, FALSE, title,
               adw_expander_row_get_enable_expansion (self->parts_row)
               ? _("Enter the server, the database and your login, as your supervisor gave "
                   "them.")
               : _("Enter the connection string your supervisor gave you, or switch on "
                   "“Server, Database and Login” to enter them one by one."));
  return NULL;
}

static void
check_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(MkTeamPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MkTeamCheck) check = mk_team_check_finish (result, &error);
  g_autofree char *words = NULL;
  g_autofree char *role = NULL;

  if (self->store == NULL)
    return;
  set_busy (self, FALSE);
  if (check == NULL)
    {
      show_error (self, self->result_row, _("Not Connected"), error);
      return;
    }
  role = describe_role (check->supervisor, check->person);
  /* Translators: the login, then its role with the person linked to it,
   * e.g. "Connected as anna: Manager, Anna Petrova." */
  words = g_strdup_printf (_("Connected as %s: %s. Join Team links this database to the "
                             "team."), check->login, role);
  show_result (self, self->result_row, TRUE, _("Connection Works"), words);
}

static void
test_clicked_cb (MkTeamPage *self)
{
  g_autofree char *conninfo = form_conninfo_or_say (self, _("Not Connected"));

  if (conninfo == NULL || self->busy)
    return;
  set_busy (self, TRUE);
  mk_team_check_async (conninfo, gtk_editable_get_text (GTK_EDITABLE (self->password_row)),
                       self->cancellable, check_done_cb, g_object_ref (self));
}

static void
join_clear (MkTeamPage *self)
{
  g_clear_pointer (&self->join_conninfo, g_free);
  if (self->join_password != NULL)
    memset (self->join_password, 0, strlen (self->join_password));
  g_clear_pointer (&self->join_password, g_free);
}

static void
joined_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(MkTeamPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MkTeamStatus) status = mk_team_join_finish (MK_STORE (source), result, &error);
  const char *keyring_words = g_object_get_data (G_OBJECT (self), "mk-keyring-words");
  g_autofree char *words = NULL;
  g_autofree char *role = NULL;

  join_clear (self);
  if (self->store == NULL)
    return;
  set_busy (self, FALSE);
  if (status == NULL)
    {
      show_error (self, self->result_row, _("Not Joined"), error);
      return;
    }
  /* The password is in the keyring (or libpq's file): not in the form. */
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  reload (self);
  role = describe_role (status->supervisor, status->person);
  /* Translators: the login, then its role with the person linked to it. */
  words = g_strdup_printf (_("Joined as %s: %s. Your entries go to the team with every "
                             "sync."), status->login, role);
  if (keyring_words != NULL)
    {
      g_autofree char *both = g_strconcat (words, " ", keyring_words, NULL);

      show_result (self, self->leave_result_row, FALSE, _("Joined"), both);
    }
  else
    show_result (self, self->leave_result_row, TRUE, _("Joined"), words);
  g_object_set_data (G_OBJECT (self), "mk-keyring-words", NULL);
}

static void
join_now (MkTeamPage *self)
{
  mk_team_join_async (self->store, self->join_conninfo, self->join_password, self->cancellable,
                      joined_cb, g_object_ref (self));
}

static void
password_kept_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(MkTeamPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!mk_team_password_store_finish (result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->store == NULL)
        {
          join_clear (self);
          return;
        }
      /* Joining goes on; the sync asks for the password when it needs it. */
      g_object_set_data_full (G_OBJECT (self), "mk-keyring-words",
                              g_strdup (error->message), g_free);
    }
  join_now (self);
}

static void
join_checked_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MkTeamPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MkTeamCheck) check = mk_team_check_finish (result, &error);

  if (self->store == NULL)
    {
      join_clear (self);
      return;
    }
  if (check == NULL)
    {
      join_clear (self);
      set_busy (self, FALSE);
      show_error (self, self->result_row, _("Not Joined"), error);
      return;
    }
  g_object_set_data (G_OBJECT (self), "mk-keyring-words", NULL);
  if (self->join_password == NULL)
    {
      join_now (self);
      return;
    }
  /* Kept under what core will report as the team's server and login:
   * the item the window's sync looks up. */
  mk_team_password_store_async (check->server, check->login, self->join_password,
                                self->cancellable, password_kept_cb, g_object_ref (self));
}

static void
join_clicked_cb (MkTeamPage *self)
{
  g_autofree char *conninfo = form_conninfo_or_say (self, _("Not Joined"));
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  if (conninfo == NULL || self->busy || self->store == NULL)
    return;
  set_busy (self, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->result_row), FALSE);
  join_clear (self);
  self->join_conninfo = g_steal_pointer (&conninfo);
  self->join_password = *password != '\0' ? g_strdup (password) : NULL;
  mk_team_check_async (self->join_conninfo, self->join_password, self->cancellable,
                       join_checked_cb, g_object_ref (self));
}

/* Leaving */

typedef struct {
  char *server;
  char *login;
} Leaving;

static void
leaving_free (gpointer p)
{
  Leaving *leaving = p;

  g_free (leaving->server);
  g_free (leaving->login);
  g_free (leaving);
}

static void
forgotten_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* Left either way; a keyring that cannot answer keeps an unused item. */
  if (!mk_team_password_forget_finish (result, &error))
    g_debug ("password not forgotten: %s", error->message);
}

static void
left_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(MkTeamPage) self = user_data;
  g_autoptr(GError) error = NULL;
  Leaving *leaving = g_object_get_data (G_OBJECT (self), "mk-leaving");

  if (!mk_team_leave_finish (MK_STORE (source), result, &error))
    {
      if (self->store != NULL)
        {
          set_busy (self, FALSE);
          show_error (self, self->leave_result_row, _("Still in the Team"), error);
        }
      return;
    }
  if (leaving != NULL)
    mk_team_password_forget_async (leaving->server, leaving->login, NULL, forgotten_cb, NULL);
  g_object_set_data (G_OBJECT (self), "mk-leaving", NULL);
  if (self->store == NULL)
    return;
  set_busy (self, FALSE);
  reload (self);
  show_result (self, self->result_row, TRUE, _("Left the Team"),
               _("This database is in no team now. Its entries stay on this computer. To "
                 "join a team again, fill in this form."));
}

static void
leave_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   MkTeamPage       *self)
{
  g_autoptr(MkTeamStatus) status = NULL;
  Leaving *leaving;

  if (!g_str_equal (response, "leave") || self->store == NULL || self->busy)
    return;
  status = mk_team_get_status (self->store, NULL);
  if (status == NULL)
    {
      reload (self);
      return;
    }
  leaving = g_new0 (Leaving, 1);
  leaving->server = g_strdup (status->server);
  leaving->login = g_strdup (status->login);
  g_object_set_data_full (G_OBJECT (self), "mk-leaving", leaving, leaving_free);
  set_busy (self, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->leave_result_row), FALSE);
  mk_team_leave_async (self->store, self->cancellable, left_cb, g_object_ref (self));
}

static void
leave_clicked_cb (MkTeamPage *self)
{
  g_autoptr(MkTeamStatus) status = NULL;
  g_autofree char *body = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  if (self->store == NULL || self->busy)
    return;
  status = mk_team_get_status (self->store, NULL);
  if (status == NULL)
    {
      reload (self);
      return;
    }
  if (status->waiting > 0)
    body = g_strdup_printf (ngettext ("This desktop stops syncing with the team at %s. Every "
                                      "entry stays on this computer, but %lu change not sent "
                                      "yet will not reach the team. You can join again later.",
                                      "This desktop stops syncing with the team at %s. Every "
                                      "entry stays on this computer, but %lu changes not sent "
                                      "yet will not reach the team. You can join again later.",
                                      (gulong) status->waiting),
                            status->server, (gulong) status->waiting);
  else
    body = g_strdup_printf (_("This desktop stops syncing with the team at %s. Every entry "
                              "stays on this computer, and the team keeps what it has "
                              "received. You can join again later."), status->server);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Leave the Team?"), body);
  gtk_widget_set_name (dialog, "team_leave_dialog");
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "leave", _("_Leave Team"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "leave",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (leave_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * mk_team_page_set_store:
 * @self: the page
 * @store: the database whose team it shows
 */
void
mk_team_page_set_store (MkTeamPage *self,
                        MkStore    *store)
{
  g_return_if_fail (MK_IS_TEAM_PAGE (self));

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_set_object (&self->store, store);
  if (store != NULL)
    self->changed_id = g_signal_connect_swapped (store, "changed", G_CALLBACK (reload), self);
  self->joined = FALSE;
  reload (self);
}

/* Building the page */

static AdwActionRow *
add_row (AdwPreferencesGroup *group,
         const char          *name,
         const char          *title)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

  gtk_widget_set_name (GTK_WIDGET (row), name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_group_add (group, GTK_WIDGET (row));
  return row;
}

/* A row that says what happened, in the server's words (no markup). */
static AdwActionRow *
add_result_row (AdwPreferencesGroup *group,
                const char          *name)
{
  AdwActionRow *row = add_row (group, name, "");
  GtkWidget *icon = gtk_image_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (row, icon);
  g_object_set_data (G_OBJECT (row), "mk-icon", icon);
  gtk_widget_set_visible (GTK_WIDGET (row), FALSE);
  return row;
}

static AdwEntryRow *
new_entry_row (const char *name,
               const char *title,
               GType       type)
{
  GtkWidget *row = g_object_new (type, "title", title, NULL);

  gtk_widget_set_name (row, name);
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (row), TRUE);
  return ADW_ENTRY_ROW (row);
}

static GtkButton *
new_button (const char *name,
            const char *label,
            const char *style)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);
  GtkWidget *text = gtk_button_get_child (GTK_BUTTON (button));

  gtk_widget_set_name (button, name);
  /* Two lines rather than wider than a phone (360 px, longer languages). */
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_justify (GTK_LABEL (text), GTK_JUSTIFY_CENTER);
  if (style != NULL)
    gtk_widget_add_css_class (button, style);
  return GTK_BUTTON (button);
}

static void
parts_toggled_cb (MkTeamPage *self)
{
  /* One or the other: the string goes while the fields are used (hidden
   * rather than greyed: GTK 4.8's text field misses its focus-out when
   * greyed while it has the keyboard). */
  gtk_widget_set_visible (GTK_WIDGET (self->conninfo_row),
                          !adw_expander_row_get_enable_expansion (self->parts_row));
}

static void
build_form (MkTeamPage *self)
{
  GtkWidget *buttons;

  self->join_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  gtk_widget_set_name (GTK_WIDGET (self->join_group), "team_join_group");
  adw_preferences_group_set_title (self->join_group, _("Join a Team"));
  adw_preferences_group_set_description (self->join_group,
    _("This database is in no team. A team keeps everyone’s entries on one PostgreSQL "
      "server; ask your supervisor for the connection and your login. The password is kept "
      "in this computer’s keyring; leave it empty if it is in your password file "
      "(~/.pgpass)."));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), self->join_group);

  self->conninfo_row = new_entry_row ("team_conninfo_row", _("_Connection String"),
                                      ADW_TYPE_ENTRY_ROW);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->conninfo_row),
                               _("For example postgresql://anna@sales.example.com/team"));
  adw_preferences_group_add (self->join_group, GTK_WIDGET (self->conninfo_row));

  self->parts_row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  gtk_widget_set_name (GTK_WIDGET (self->parts_row), "team_parts_row");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->parts_row),
                                 _("Server, Database and Login"));
  adw_expander_row_set_subtitle (self->parts_row, _("Instead of a connection string"));
  adw_expander_row_set_show_enable_switch (self->parts_row, TRUE);
  adw_expander_row_set_enable_expansion (self->parts_row, FALSE);
  adw_preferences_group_add (self->join_group, GTK_WIDGET (self->parts_row));
  self->host_row = new_entry_row ("team_host_row", _("_Server"), ADW_TYPE_ENTRY_ROW);
  adw_expander_row_add_row (self->parts_row, GTK_WIDGET (self->host_row));
  self->database_row = new_entry_row ("team_database_row", _("_Database"), ADW_TYPE_ENTRY_ROW);
  adw_expander_row_add_row (self->parts_row, GTK_WIDGET (self->database_row));
  self->login_row = new_entry_row ("team_login_row", _("_Login"), ADW_TYPE_ENTRY_ROW);
  adw_expander_row_add_row (self->parts_row, GTK_WIDGET (self->login_row));
  g_signal_connect_swapped (self->parts_row, "notify::enable-expansion",
                            G_CALLBACK (parts_toggled_cb), self);

  self->password_row = new_entry_row ("team_password_row", _("_Password"),
                                      ADW_TYPE_PASSWORD_ENTRY_ROW);
  adw_preferences_group_add (self->join_group, GTK_WIDGET (self->password_row));
  self->result_row = add_result_row (self->join_group, "team_result_row");

  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_halign (buttons, GTK_ALIGN_END);
  gtk_widget_set_margin_top (buttons, 12);
  self->spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->spinner));
  self->test_button = new_button ("team_test_button", _("_Test Connection"), NULL);
  g_signal_connect_swapped (self->test_button, "clicked", G_CALLBACK (test_clicked_cb), self);
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->test_button));
  self->join_button = new_button ("team_join_button", _("_Join Team"), "suggested-action");
  g_signal_connect_swapped (self->join_button, "clicked", G_CALLBACK (join_clicked_cb), self);
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->join_button));
  adw_preferences_group_add (self->join_group, buttons);
}

static void
build_status (MkTeamPage *self)
{
  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _("Team"));
  adw_preferences_group_set_description (self->group,
    _("Entries are sent to the team’s server by themselves after each change and every "
      "minute; without a connection they wait here."));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), self->group);
  self->server_row = add_row (self->group, "team_server_row", _("Server"));
  self->role_row = add_row (self->group, "team_role_row", _("Role"));
  self->last_sync_row = add_row (self->group, "team_last_sync_row", _("Last Sync"));
  self->waiting_row = add_row (self->group, "team_waiting_row", _("Changes Waiting"));

  self->leave_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), self->leave_group);
  self->leave_result_row = add_result_row (self->leave_group, "team_leave_result_row");
  self->leave_button = new_button ("team_leave_button", _("_Leave Team…"),
                                   "destructive-action");
  gtk_widget_set_halign (GTK_WIDGET (self->leave_button), GTK_ALIGN_END);
  gtk_widget_set_margin_top (GTK_WIDGET (self->leave_button), 12);
  g_signal_connect_swapped (self->leave_button, "clicked", G_CALLBACK (leave_clicked_cb), self);
  adw_preferences_group_add (self->leave_group, GTK_WIDGET (self->leave_button));
}

static void
mk_team_page_dispose (GObject *object)
{
  MkTeamPage *self = MK_TEAM_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (mk_team_page_parent_class)->dispose (object);
}

static void
mk_team_page_finalize (GObject *object)
{
  MkTeamPage *self = MK_TEAM_PAGE (object);

  join_clear (self);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (mk_team_page_parent_class)->finalize (object);
}

static void
mk_team_page_class_init (MkTeamPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mk_team_page_dispose;
  object_class->finalize = mk_team_page_finalize;
}

static void
mk_team_page_init (MkTeamPage *self)
{
  self->cancellable = g_cancellable_new ();
  adw_preferences_page_set_name (ADW_PREFERENCES_PAGE (self), "team");
  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (self), _("Team"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (self), "system-users-symbolic");

  build_status (self);
  build_form (self);
}
