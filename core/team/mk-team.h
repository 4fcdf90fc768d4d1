/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-team.h — a team on one PostgreSQL server: setting it up, people and
 * their logins, joining a local database to it, and syncing.
 *
 * See mk-team-server.c (the server's schema, roles and row-level security),
 * mk-team-link.c (the local side: the link, the change log, joining) and
 * mk-team-sync.c (the protocol).  Nothing here includes libpq: the window
 * uses the team through this header and MkTeamSync (mk-team-sync-task.h).
 * Every function blocks on the network; the window runs them in a worker
 * thread (MkTeamSync), the command line directly.
 */
#pragma once

#include <gio/gio.h>

#include "mk-store.h"

G_BEGIN_DECLS

#define MK_TEAM_ERROR (mk_team_error_quark ())

/**
 * MkTeamError:
 * @MK_TEAM_ERROR_CONNECT: the server cannot be reached; the message holds
 *   libpq's words
 * @MK_TEAM_ERROR_PASSWORD: the server wants the login's password and none
 *   was given, or the one given was wrong: ask for it
 * @MK_TEAM_ERROR_REFUSED: the server refused a statement (a permission, a
 *   constraint); the message holds the server's words
 * @MK_TEAM_ERROR_NOT_SET_UP: the database has no team schema yet
 * @MK_TEAM_ERROR_TOO_NEW: the team schema is newer than this Minutka
 * @MK_TEAM_ERROR_NOT_JOINED: the local database is in no team
 * @MK_TEAM_ERROR_JOINED: the local database is in a team already
 * @MK_TEAM_ERROR_NO_PERSON: the login is linked to no person of the team
 * @MK_TEAM_ERROR_INVALID: a value given is not usable (a connection string
 *   with a password in it, an empty name)
 * @MK_TEAM_ERROR_OTHER_TEAM: the server is another team than the one the
 *   local database joined
 * @MK_TEAM_ERROR_FAILED: anything else (the local database failed)
 */
typedef enum {
  MK_TEAM_ERROR_CONNECT,
  MK_TEAM_ERROR_REFUSED,
  MK_TEAM_ERROR_NOT_SET_UP,
  MK_TEAM_ERROR_TOO_NEW,
  MK_TEAM_ERROR_NOT_JOINED,
  MK_TEAM_ERROR_JOINED,
  MK_TEAM_ERROR_NO_PERSON,
  MK_TEAM_ERROR_INVALID,
  MK_TEAM_ERROR_OTHER_TEAM,
  MK_TEAM_ERROR_FAILED,
  MK_TEAM_ERROR_PASSWORD,
} MkTeamError;

/* The version of the team schema this Minutka writes (meta.schema_version). */
#define MK_TEAM_SCHEMA_VERSION 6

/**
 * MkTeamStatus:
 * @server: the server as "login@host:port/database" (never a password)
 * @conninfo: the connection string the database was joined with
 * @login: the login role
 * @person: (nullable): the name of the person linked to the login
 * @supervisor: whether the login is the team's supervisor
 * @last_sync: (nullable): when the last sync finished, ISO 8601 UTC
 * @last_revision: the last server revision received
 * @waiting: local entry changes not yet sent (and that this login may send)
 * @kept: local changes of other people's entries, which a manager's login
 *   may not send: they stay here and in the change log (only the
 *   supervisor's login can send them); not counted in @waiting
 * @settings_waiting: whether team settings changed locally wait to be sent
 *
 * What the local database knows of its team, without asking the server.
 */
typedef struct {
  char     *server;
  char     *conninfo;
  char     *login;
  char     *person;
  gboolean  supervisor;
  char     *last_sync;
  gint64    last_revision;
  guint64   waiting;
  guint64   kept;
  gboolean  settings_waiting;
} MkTeamStatus;

/**
 * MkTeamRole:
 * @MK_TEAM_ROLE_NONE: the database is in no team (or cannot be read)
 * @MK_TEAM_ROLE_MANAGER: joined with a manager's login
 * @MK_TEAM_ROLE_SUPERVISOR: joined with the supervisor's login
 */
typedef enum {
  MK_TEAM_ROLE_NONE,
  MK_TEAM_ROLE_MANAGER,
  MK_TEAM_ROLE_SUPERVISOR,
} MkTeamRole;

/**
 * MkTeamSyncResult:
 * @sent: entries the server took
 * @received: entries received and applied
 * @conflicts: entries another desktop had changed since this one last
 *   received them: the later change (this one) won, the other is in the
 *   server's history
 * @n_refused: entries the login may not send (another person's); they
 *   stay in the local database and its change log
 * @refused: (element-type utf8): whose they are, as "Name (N)", one per
 *   person
 * @n_taken: entries changed here that the server holds as another
 *   person's now (the supervisor gave them to someone else): the change
 *   was not sent, and the entries were removed here
 * @settings_sent: whether team settings went to the server
 * @settings_received: whether team settings came from the server
 */
typedef struct {
  guint64    sent;
  guint64    received;
  guint64    conflicts;
  guint64    n_refused;
  GPtrArray *refused;
  guint64    n_taken;
  gboolean   settings_sent;
  gboolean   settings_received;
} MkTeamSyncResult;

/**
 * MkTeamProgressFunc:
 * @done: entries sent or received so far
 * @total: how many there are (0 when not known yet)
 * @receiving: %FALSE while sending, %TRUE while receiving
 * @user_data: what the caller gave
 *
 * Called from the thread that syncs, every few thousand entries.
 */
typedef void (*MkTeamProgressFunc) (guint64   done,
                                    guint64   total,
                                    gboolean  receiving,
                                    gpointer  user_data);

GQuark            mk_team_error_quark        (void);

gboolean          mk_team_setup              (const char         *conninfo,
                                              gboolean           *created,
                                              GError            **error);
gboolean          mk_team_add_person         (const char         *conninfo,
                                              const char         *name,
                                              const char         *email,
                                              const char         *login,
                                              gboolean            supervisor,
                                              char              **new_password,
                                              GError            **error);

gboolean          mk_team_join               (MkStore            *store,
                                              const char         *conninfo,
                                              const char         *password,
                                              MkTeamStatus      **status,
                                              GError            **error);
gboolean          mk_team_leave              (MkStore            *store,
                                              GError            **error);
MkTeamStatus     *mk_team_get_status         (MkStore            *store,
                                              GError            **error);
void              mk_team_status_free        (MkTeamStatus       *status);
MkTeamRole        mk_team_get_role           (MkStore            *store,
                                              char              **person);
gboolean          mk_team_sync               (MkStore            *store,
                                              const char         *password,
                                              MkTeamSyncResult   *result,
                                              MkTeamProgressFunc  progress,
                                              gpointer            progress_data,
                                              GCancellable       *cancellable,
                                              GError            **error);
void              mk_team_sync_result_clear  (MkTeamSyncResult   *result);
char             *mk_team_describe_server    (const char         *conninfo);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MkTeamStatus, mk_team_status_free)

G_END_DECLS
