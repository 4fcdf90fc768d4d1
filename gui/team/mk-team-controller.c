/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-team-controller.c — the sync running by itself for one window.
 *
 * Design notes.
 *
 * While the window's database is in a team (mk_team_get_status(), a local
 * read), the controller syncs it: CHANGE_DELAY_MS after each change the
 * window's store announces (a burst of changes makes one sync), every
 * PERIOD_SECONDS, and on mk_team_controller_sync_now() ("Sync Now", and
 * what a notification from the server calls).  A sync never runs on the
 * main thread: core's MkTeamSession (core/team/mk-team-session.c) runs it
 * in a worker on a connection of its own to the same database file, and
 * LISTENs for the server's notices on a thread of its own: another
 * desktop's change ("server-changed") starts a sync at once.  At most one
 * runs; a request meanwhile runs one more when it ends.
 *
 * The password: looked up in the desktop keyring (mk-team-password.c) when
 * the team is found and handed to the session; without one libpq finds it
 * itself (~/.pgpass).  When the server wants one (MK_TEAM_ERROR_PASSWORD or
 * a refused login), the banner offers "Enter Password…" (win.team-password),
 * which asks once, keeps it in the keyring and syncs.
 *
 * What the user sees follows the result: "Syncing…" while it runs, then
 * in sync with the number still waiting, or offline (the server cannot be
 * reached: a quiet state, no dialog; the changes wait and go with the next
 * sync, with no click), or refused (any other server error: the window's
 * banner shows the server's words and what to do).  A sync that went well
 * may still have something to say in the banner: entries changed here that
 * the supervisor gave to someone else meanwhile (removed here), and entries
 * this login may not send (see notice_message() for when each shows and
 * goes).  When the sync received
 * anything, the session asks the window's store at once whether another
 * connection committed (mk_store_check_external()), so every page
 * refreshes the way it does after the window's own changes, without
 * waiting for the window's two-second check; the "changed" that call emits
 * is not taken for a new local change.
 *
 * Nothing typed is ever at risk here: every change is committed locally
 * before the store announces it, and the change log that sync sends is
 * written in the same transaction (core/team/mk-team-link.c).  Leaving the
 * window cancels a sync that runs; its local transaction rolls back.
 */
#define G_LOG_DOMAIN "mk-team"

#include "config.h"

#include <glib/gi18n.h>

#include "mk-team-controller.h"
#include "mk-team-password.h"
#include "mk-team-session.h"
#include "mk-team.h"

#define CHANGE_DELAY_MS 300
#define PERIOD_SECONDS 60

struct _MkTeamController
{
  GObject          parent_instance;

  MkStore         *store;
  MkTeamSession   *session;     /* while in a team */
  char            *server;      /* the keyring's attributes for the password */
  char            *login;
  MkTeamIndicator *indicator;   /* weak */
  MkTeamBanner    *banner;      /* weak */
  gulong           changed_id;
  gboolean         joined;
  gboolean         checking;    /* our own check_external: not a local change */

  guint            change_id;
  guint            period_id;
  GCancellable    *cancellable;
  gboolean         running;
  gboolean         again;
  gboolean         deaf;        /* the session's listening connection was lost */
  guint            n_syncs;

  /* What the last syncs left for the user to read (see show_notice()). */
  guint64          n_taken_unread;
  guint64          n_refused;
  char            *refused;
  gboolean         refused_unread;
  gboolean         notice_shown;  /* the banner shows the notice, not an error */
};

G_DEFINE_FINAL_TYPE (MkTeamController, mk_team_controller, G_TYPE_OBJECT)

static void start_sync (MkTeamController *self);

/* The session's listening connection went: a sync says at once whether
 * the server is still there (offline shows now, not at the next minute's
 * sync); it came back: a sync takes what other desktops did while nobody
 * listened (their notices were lost). */
static void
listening_cb (MkTeamController *self)
{
  if (!mk_team_session_get_listening (self->session))
    self->deaf = TRUE;
  else if (self->deaf)
    self->deaf = FALSE;
  else
    return;
  start_sync (self);
}

static guint64
local_waiting (MkTeamController *self)
{
  g_autoptr(MkTeamStatus) status = mk_team_get_status (self->store, NULL);

  return status != NULL ? status->waiting + (status->settings_waiting ? 1 : 0) : 0;
}

static void
show_state (MkTeamController *self,
            MkTeamState       state,
            guint64           waiting)
{
  if (self->indicator != NULL)
    mk_team_indicator_set_state (self->indicator, state, waiting);
}

/* Syncing */

/* What the banner says for a refusal: the server's words (in the error's
 * message) and what to do. */
static char *
refusal_message (const GError *error)
{
  const char *advice;

  if (error->domain != MK_TEAM_ERROR)
    advice = _("Minutka tries again by itself; nothing typed here is lost.");
  else
    switch (error->code)
      {
      case MK_TEAM_ERROR_TOO_NEW:
        advice = _("Update Minutka on this computer to go on syncing; until then your "
                   "entries stay here and nothing is lost.");
        break;
      case MK_TEAM_ERROR_NOT_SET_UP:
      case MK_TEAM_ERROR_OTHER_TEAM:
      case MK_TEAM_ERROR_NO_PERSON:
        advice = _("Ask the team’s supervisor to check the team on the server. Your entries "
                   "stay here.");
        break;
      case MK_TEAM_ERROR_REFUSED:
        advice = _("Ask the team’s supervisor about your login’s rights. Your entries stay "
                   "here and are sent once the server takes them.");
        break;
      default:
        advice = _("Minutka tries again by itself; nothing typed here is lost.");
        break;
      }
  return g_strconcat (error->message, " ", advice, NULL);
}

/* What a sync did that the user did not ask for.
 *
 * Entries taken: the supervisor gave entries that were changed here to
 * another person meanwhile, so the change was not sent and the entries
 * were removed from this desktop.  That happens once, in the sync that
 * finds it, and nothing else would ever tell the user where the entries
 * went, so the notice stays until the user closes it: a later sync that
 * has nothing to say, or a new entry typed, does not hide it.  A manager
 * types in the quick entry without looking at the top of the window, and
 * the window may sit behind another one for the whole minute; a message
 * that went away by itself would be a message nobody read.  (GNOME's
 * banners do the same: they go when their cause goes or when closed, and
 * the cause here — entries gone — does not go.)  Entries taken in later
 * syncs before it is closed add to the count.
 *
 * Entries refused: entries of another person's that this login may not
 * send; they stay here and are refused again at every sync.  The notice
 * shows when they first appear or when who or how many changes, not again
 * every minute once closed; it goes when none are left.
 *
 * Errors (a password to enter, a refusal) take the banner while they
 * last; the notice comes back after them until it is closed. */
static char *
notice_message (MkTeamController *self)
{
  g_autoptr(GString) message = g_string_new (NULL);

  if (self->n_taken_unread > 0)
    g_string_append_printf (message,
                            g_dngettext (GETTEXT_PACKAGE,
                                         "%llu entry you changed was not sent: your supervisor "
                                         "has given it to another person in the team, so it "
                                         "was removed from this computer. If your change still "
                                         "matters, tell your supervisor.",
                                         "%llu entries you changed were not sent: your "
                                         "supervisor has given them to other people in the "
                                         "team, so they were removed from this computer. If "
                                         "your changes still matter, tell your supervisor.",
                                         self->n_taken_unread),
                            (unsigned long long) self->n_taken_unread);
  if (self->refused_unread && self->n_refused > 0)
    {
      if (message->len > 0)
        g_string_append_c (message, ' ');
      /* Translators: %s is whose they are, as "Boris Orlov (2), Galina
       * Sokolova (1)". */
      g_string_append_printf (message,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%llu entry here belongs to someone else — %s — so "
                                           "your login may not send it to the team; it stays "
                                           "on this computer. Ask your supervisor what to do "
                                           "with it.",
                                           "%llu entries here belong to someone else — %s — so "
                                           "your login may not send them to the team; they "
                                           "stay on this computer. Ask your supervisor what "
                                           "to do with them.",
                                           self->n_refused),
                              (unsigned long long) self->n_refused,
                              self->refused != NULL ? self->refused : "");
    }
  return message->len > 0 ? g_string_free (g_steal_pointer (&message), FALSE) : NULL;
}

/* Shows the notice, or hides the banner when there is none. */
static void
show_notice (MkTeamController *self)
{
  g_autofree char *message = notice_message (self);

  self->notice_shown = message != NULL;
  if (self->banner == NULL)
    return;
  if (message != NULL)
    mk_team_banner_show (self->banner, message, NULL, NULL);
  else
    mk_team_banner_hide (self->banner);
}

static void
show_error (MkTeamController *self,
            const char       *message,
            const char       *button_label,
            const char       *action_name)
{
  self->notice_shown = FALSE;
  if (self->banner != NULL)
    mk_team_banner_show (self->banner, message, button_label, action_name);
}

/* The user closed the banner: if it was the notice, they have read it. */
static void
banner_closed_cb (MkTeamController *self)
{
  if (!self->notice_shown)
    return;
  self->notice_shown = FALSE;
  self->n_taken_unread = 0;
  self->refused_unread = FALSE;
}

static void
take_result (MkTeamController       *self,
             const MkTeamSyncResult *result)
{
  g_autoptr(GString) names = g_string_new (NULL);
  g_autofree char *refused = NULL;

  self->n_taken_unread += result->n_taken;
  for (guint i = 0; result->refused != NULL && i < result->refused->len; i++)
    {
      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, g_ptr_array_index (result->refused, i));
    }
  if (names->len > 0)
    refused = g_strdup (names->str);
  if (result->n_refused != self->n_refused || g_strcmp0 (refused, self->refused) != 0)
    {
      self->n_refused = result->n_refused;
      g_free (self->refused);
      self->refused = g_steal_pointer (&refused);
      self->refused_unread = self->n_refused > 0;
    }
}

static void
forget_notice (MkTeamController *self)
{
  self->n_taken_unread = 0;
  self->n_refused = 0;
  g_clear_pointer (&self->refused, g_free);
  self->refused_unread = FALSE;
  self->notice_shown = FALSE;
}

static void
sync_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(MkTeamController) self = user_data;
  g_autoptr(GError) error = NULL;
  MkTeamSyncResult sync_result = { 0 };
  gboolean ok;

  /* Finishing tells the window's store what came; that "changed" is the
   * team's, not a local change to send. */
  self->checking = TRUE;
  ok = mk_team_session_sync_finish (MK_TEAM_SESSION (source), result, &sync_result, &error);
  self->checking = FALSE;
  if (ok)
    take_result (self, &sync_result);
  mk_team_sync_result_clear (&sync_result);
  self->running = FALSE;
  self->n_syncs++;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->store == NULL)
    return;

  if (ok)
    {
      show_state (self, MK_TEAM_STATE_IN_SYNC, local_waiting (self));
      show_notice (self);
    }
  else if (g_error_matches (error, MK_TEAM_ERROR, MK_TEAM_ERROR_CONNECT))
    {
      /* Offline is normal: say so quietly, and try again later. */
      g_debug ("offline: %s", error->message);
      show_state (self, MK_TEAM_STATE_OFFLINE, local_waiting (self));
      show_notice (self);
    }
  else if (g_error_matches (error, MK_TEAM_ERROR, MK_TEAM_ERROR_NOT_JOINED))
    {
      /* Left the team meanwhile (the command line, Preferences). */
      mk_team_controller_reload (self);
      return;
    }
  else if (g_error_matches (error, MK_TEAM_ERROR, MK_TEAM_ERROR_PASSWORD))
    {
      g_autofree char *message = g_strconcat (error->message, " ",
                                              _("Enter the password of your team login; "
                                                "nothing typed here is lost meanwhile."),
                                              NULL);

      show_state (self, MK_TEAM_STATE_ERROR, local_waiting (self));
      show_error (self, message, _("_Enter Password…"), "win.team-password");
    }
  else
    {
      g_autofree char *message = refusal_message (error);

      show_state (self, MK_TEAM_STATE_ERROR, local_waiting (self));
      show_error (self, message, _("_Team Status"), "win.team-status");
    }

  if (self->again)
    {
      self->again = FALSE;
      start_sync (self);
    }
}

static void
start_sync (MkTeamController *self)
{
  if (!self->joined || self->session == NULL)
    return;
  if (self->running)
    {
      self->again = TRUE;
      return;
    }
  self->running = TRUE;
  show_state (self, MK_TEAM_STATE_SENDING, local_waiting (self));
  mk_team_session_sync_async (self->session, self->cancellable, sync_done_cb,
                              g_object_ref (self));
}

/* The password */

static void
password_found_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(MkTeamController) self = user_data;
  g_autoptr(GError) error = NULL;
  char *password = mk_team_password_lookup_finish (result, &error);

  /* A keyring that cannot answer is no reason not to sync: libpq may find
   * the password in its own file. */
  if (error != NULL)
    g_debug ("no password from the keyring: %s", error->message);
  self->running = FALSE;
  if (self->session == NULL)
    {
      mk_team_password_free (password);
      return;
    }
  if (password != NULL)
    mk_team_session_set_password (self->session, password);
  mk_team_password_free (password);
  start_sync (self);
}

static void
password_kept_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(MkTeamController) self = user_data;
  g_autoptr(GError) error = NULL;

  /* Kept or not, this session has it; a keyring that failed says so. */
  if (!mk_team_password_store_finish (result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_error (self, error->message, NULL, NULL);
}

static void
password_asked_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(MkTeamController) self = user_data;
  g_autoptr(GError) error = NULL;
  char *password = mk_team_password_ask_finish (result, &error);

  if (password == NULL || self->session == NULL)
    {
      mk_team_password_free (password);
      return;
    }
  mk_team_session_set_password (self->session, password);
  mk_team_password_store_async (self->server, self->login, password, self->cancellable,
                                password_kept_cb, g_object_ref (self));
  mk_team_password_free (password);
  if (self->banner != NULL)
    mk_team_banner_hide (self->banner);
  start_sync (self);
}

/**
 * mk_team_controller_ask_password:
 * @self: the controller
 * @parent: the window to ask over
 *
 * Asks for the team login's password once, keeps it in the desktop keyring
 * and syncs with it.
 */
void
mk_team_controller_ask_password (MkTeamController *self,
                                 GtkWindow        *parent)
{
  g_return_if_fail (MK_IS_TEAM_CONTROLLER (self));

  if (self->session == NULL || self->server == NULL)
    return;
  mk_team_password_ask_async (parent, self->server, self->login,
                              mk_team_session_get_message (self->session), self->cancellable,
                              password_asked_cb, g_object_ref (self));
}

/* When */

static gboolean
change_timeout_cb (gpointer user_data)
{
  MkTeamController *self = user_data;

  self->change_id = 0;
  start_sync (self);
  return G_SOURCE_REMOVE;
}

static gboolean
period_timeout_cb (gpointer user_data)
{
  start_sync (user_data);
  return G_SOURCE_CONTINUE;
}

static void
store_changed_cb (MkStore          *store,
                  MkTeamController *self)
{
  if (self->checking)
    return;
  if (!self->joined)
    {
      /* Joined by another program meanwhile? A local read tells. */
      mk_team_controller_reload (self);
      return;
    }
  if (self->indicator != NULL && !self->running)
    show_state (self, mk_team_indicator_get_state (self->indicator), local_waiting (self));
  g_clear_handle_id (&self->change_id, g_source_remove);
  self->change_id = g_timeout_add (CHANGE_DELAY_MS, change_timeout_cb, self);
}

static void
drop_session (MkTeamController *self)
{
  if (self->session == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->session, self);
  mk_team_session_stop_listening (self->session);
  g_clear_object (&self->session);
}

/**
 * mk_team_controller_reload:
 * @self: the controller
 *
 * Reads again whether the database is in a team (after joining or
 * leaving) and starts or stops syncing.
 */
void
mk_team_controller_reload (MkTeamController *self)
{
  g_autoptr(MkTeamStatus) status = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (MK_IS_TEAM_CONTROLLER (self));

  status = self->store ? mk_team_get_status (self->store, &error) : NULL;
  self->joined = status != NULL;
  if (!self->joined)
    {
      drop_session (self);
      g_clear_handle_id (&self->period_id, g_source_remove);
      g_clear_handle_id (&self->change_id, g_source_remove);
      show_state (self, MK_TEAM_STATE_NONE, 0);
      forget_notice (self);
      if (self->banner != NULL)
        mk_team_banner_hide (self->banner);
      return;
    }
  if (self->period_id == 0)
    self->period_id = g_timeout_add_seconds (PERIOD_SECONDS, period_timeout_cb, self);
  if (self->session != NULL)
    {
      start_sync (self);
      return;
    }

  self->session = mk_team_session_new (self->store);
  g_signal_connect_swapped (self->session, "server-changed", G_CALLBACK (start_sync), self);
  g_signal_connect_swapped (self->session, "notify::listening", G_CALLBACK (listening_cb), self);
  mk_team_session_listen (self->session);
  g_free (self->server);
  self->server = g_strdup (status->server);
  g_free (self->login);
  self->login = g_strdup (status->login);
  /* The first sync once the keyring has answered (with a password or not). */
  self->running = TRUE;
  show_state (self, MK_TEAM_STATE_SENDING, status->waiting);
  mk_team_password_lookup_async (self->server, self->login, self->cancellable,
                                 password_found_cb, g_object_ref (self));
}

/**
 * mk_team_controller_sync_now:
 * @self: the controller
 *
 * Syncs at once (or once more after the sync that runs).
 */
void
mk_team_controller_sync_now (MkTeamController *self)
{
  g_return_if_fail (MK_IS_TEAM_CONTROLLER (self));

  g_clear_handle_id (&self->change_id, g_source_remove);
  start_sync (self);
}

/**
 * mk_team_controller_is_joined:
 * @self: the controller
 *
 * Returns: whether the window's database is in a team.
 */
gboolean
mk_team_controller_is_joined (MkTeamController *self)
{
  g_return_val_if_fail (MK_IS_TEAM_CONTROLLER (self), FALSE);

  return self->joined;
}

/**
 * mk_team_controller_is_syncing:
 * @self: the controller
 *
 * Returns: whether a sync runs or is about to (a change waits for it).
 */
gboolean
mk_team_controller_is_syncing (MkTeamController *self)
{
  g_return_val_if_fail (MK_IS_TEAM_CONTROLLER (self), FALSE);

  return self->running || self->change_id != 0;
}

/**
 * mk_team_controller_get_n_syncs:
 * @self: the controller
 *
 * Returns: how many syncs have ended (for tests and the status).
 */
guint
mk_team_controller_get_n_syncs (MkTeamController *self)
{
  g_return_val_if_fail (MK_IS_TEAM_CONTROLLER (self), 0);

  return self->n_syncs;
}

/**
 * mk_team_controller_shutdown:
 * @self: the controller
 *
 * Stops syncing: the window goes away.  A sync that runs is cancelled.
 */
void
mk_team_controller_shutdown (MkTeamController *self)
{
  g_return_if_fail (MK_IS_TEAM_CONTROLLER (self));

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->change_id, g_source_remove);
  g_clear_handle_id (&self->period_id, g_source_remove);
  g_clear_signal_handler (&self->changed_id, self->store);
  drop_session (self);
  g_clear_object (&self->store);
  self->joined = FALSE;
}

/**
 * mk_team_controller_new:
 * @store: the window's database
 * @indicator: the window's header-bar state
 * @banner: the window's banner
 *
 * Returns: (transfer full): a controller that syncs @store while it is in
 *   a team, and shows how it goes in @indicator and @banner.
 */
MkTeamController *
mk_team_controller_new (MkStore         *store,
                        MkTeamIndicator *indicator,
                        MkTeamBanner    *banner)
{
  MkTeamController *self;

  g_return_val_if_fail (MK_IS_STORE (store), NULL);

  self = g_object_new (MK_TYPE_TEAM_CONTROLLER, NULL);
  self->store = g_object_ref (store);
  g_set_weak_pointer ((GtkWidget **) &self->indicator, GTK_WIDGET (indicator));
  g_set_weak_pointer ((GtkWidget **) &self->banner, GTK_WIDGET (banner));
  self->changed_id = g_signal_connect (store, "changed", G_CALLBACK (store_changed_cb), self);
  if (banner != NULL)
    g_signal_connect_object (banner, "closed", G_CALLBACK (banner_closed_cb), self,
                             G_CONNECT_SWAPPED);
  mk_team_controller_reload (self);
  return self;
}

static void
mk_team_controller_dispose (GObject *object)
{
  MkTeamController *self = MK_TEAM_CONTROLLER (object);

  mk_team_controller_shutdown (self);
  g_clear_weak_pointer (&self->indicator);
  g_clear_weak_pointer (&self->banner);

  G_OBJECT_CLASS (mk_team_controller_parent_class)->dispose (object);
}

static void
mk_team_controller_finalize (GObject *object)
{
  MkTeamController *self = MK_TEAM_CONTROLLER (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->server, g_free);
  g_clear_pointer (&self->login, g_free);
  g_clear_pointer (&self->refused, g_free);

  G_OBJECT_CLASS (mk_team_controller_parent_class)->finalize (object);
}

static void
mk_team_controller_class_init (MkTeamControllerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mk_team_controller_dispose;
  object_class->finalize = mk_team_controller_finalize;
}

static void
mk_team_controller_init (MkTeamController *self)
{
  self->cancellable = g_cancellable_new ();
}
