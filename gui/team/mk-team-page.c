/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-team-page.c — Preferences → Team: the team this database is in.
 *
 * Status rows read from the local database only (mk_team_get_status(), no
 * network): the server, the role (manager or supervisor, and the person
 * linked to the login), when it last synced, and how many changes wait to
 * be sent.  Read again on every "changed" of the store, so the rows follow
 * the sync.  In no team the page says how to join (for now with the
 * command line; joining from this page is still to come).
 */
#define G_LOG_DOMAIN "mk-team"

#include "config.h"

#include <glib/gi18n.h>

#include "mk-team-page.h"
#include "mk-team.h"

struct _MkTeamPage
{
  AdwPreferencesPage  parent_instance;

  MkStore            *store;
  gulong              changed_id;

  AdwPreferencesGroup *group;
  AdwActionRow        *server_row;
  AdwActionRow        *role_row;
  AdwActionRow        *last_sync_row;
  AdwActionRow        *waiting_row;
};

G_DEFINE_FINAL_TYPE (MkTeamPage, mk_team_page, ADW_TYPE_PREFERENCES_PAGE)

/* "2026-11-24T09:30:00Z" as the user's local date and time. */
static char *
format_last_sync (const char *iso)
{
  g_autoptr(GDateTime) utc = iso ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup (_("Not yet"));
  local = g_date_time_to_local (utc);
  /* Translators: a date and time, see g_date_time_format(). */
  return g_date_time_format (local, _("%e %B %Y, %H:%M"));
}

static void
reload (MkTeamPage *self)
{
  g_autoptr(MkTeamStatus) status = NULL;
  g_autofree char *role = NULL;
  g_autofree char *last = NULL;
  g_autofree char *waiting = NULL;
  gboolean joined;

  status = self->store ? mk_team_get_status (self->store, NULL) : NULL;
  joined = status != NULL;
  gtk_widget_set_visible (GTK_WIDGET (self->server_row), joined);
  gtk_widget_set_visible (GTK_WIDGET (self->role_row), joined);
  gtk_widget_set_visible (GTK_WIDGET (self->last_sync_row), joined);
  gtk_widget_set_visible (GTK_WIDGET (self->waiting_row), joined);
  if (!joined)
    {
      adw_preferences_group_set_description (self->group,
        _("This database is in no team. A team keeps everyone’s entries on one PostgreSQL "
          "server; ask your supervisor for the connection and your login."));
      return;
    }
  adw_preferences_group_set_description (self->group,
    _("Entries are sent to the team’s server by themselves after each change and every "
      "minute; without a connection they wait here."));
  adw_action_row_set_subtitle (self->server_row, status->server);
  if (status->person != NULL)
    /* Translators: a role and the person linked to the login. */
    role = g_strdup_printf (status->supervisor ? _("Supervisor, %s") : _("Manager, %s"),
                            status->person);
  else
    role = g_strdup (status->supervisor ? _("Supervisor") : _("Manager"));
  adw_action_row_set_subtitle (self->role_row, role);
  last = format_last_sync (status->last_sync);
  adw_action_row_set_subtitle (self->last_sync_row, last);
  waiting = g_strdup_printf ("%" G_GUINT64_FORMAT, status->waiting);
  adw_action_row_set_subtitle (self->waiting_row, waiting);
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
  reload (self);
}

static AdwActionRow *
add_row (MkTeamPage *self,
         const char *name,
         const char *title)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

  gtk_widget_set_name (GTK_WIDGET (row), name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_group_add (self->group, GTK_WIDGET (row));
  return row;
}

static void
mk_team_page_dispose (GObject *object)
{
  MkTeamPage *self = MK_TEAM_PAGE (object);

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (mk_team_page_parent_class)->dispose (object);
}

static void
mk_team_page_class_init (MkTeamPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = mk_team_page_dispose;
}

static void
mk_team_page_init (MkTeamPage *self)
{
  adw_preferences_page_set_name (ADW_PREFERENCES_PAGE (self), "team");
  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (self), _("Team"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (self), "system-users-symbolic");

  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _("Team"));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (self), self->group);
  self->server_row = add_row (self, "team_server_row", _("Server"));
  self->role_row = add_row (self, "team_role_row", _("Role"));
  self->last_sync_row = add_row (self, "team_last_sync_row", _("Last Sync"));
  self->waiting_row = add_row (self, "team_waiting_row", _("Changes Waiting"));
}
