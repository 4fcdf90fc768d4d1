/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-team-async.h — checking a connection, joining and leaving from the
 * window: the blocking calls of mk-team.h run in a worker thread
 * (mk-team-async.c).  No libpq in this header. */
#pragma once

#include <gio/gio.h>

#include "mk-team.h"

G_BEGIN_DECLS

/**
 * MkTeamCheck:
 * @server: the server as "login@host:port/database"
 * @login: the login role the server took
 * @person: the name of the person linked to the login
 * @supervisor: whether the login is the team's supervisor
 *
 * What a connection to a team's server showed, before joining.
 */
typedef struct {
  char     *server;
  char     *login;
  char     *person;
  gboolean  supervisor;
} MkTeamCheck;

void          mk_team_check_free          (MkTeamCheck         *check);
MkTeamCheck  *mk_team_check               (const char          *conninfo,
                                           const char          *password,
                                           GError             **error);
char         *mk_team_conninfo_from_parts (const char          *host,
                                           const char          *database,
                                           const char          *login);

void          mk_team_check_async         (const char          *conninfo,
                                           const char          *password,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
MkTeamCheck  *mk_team_check_finish        (GAsyncResult        *result,
                                           GError             **error);
void          mk_team_join_async          (MkStore             *store,
                                           const char          *conninfo,
                                           const char          *password,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
MkTeamStatus *mk_team_join_finish         (MkStore             *store,
                                           GAsyncResult        *result,
                                           GError             **error);
void          mk_team_leave_async         (MkStore             *store,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean      mk_team_leave_finish        (MkStore             *store,
                                           GAsyncResult        *result,
                                           GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MkTeamCheck, mk_team_check_free)

G_END_DECLS
