/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-team-server.h — the connection to the team's server (private to
 * core/team: nothing outside it includes libpq). */
#pragma once

#include <libpq-fe.h>

#include "mk-team.h"

G_BEGIN_DECLS

/* The advisory lock every writer of the team schema holds until it commits
 * (mk-team-server.c: why revisions follow commit order). */
#define MK_TEAM_LOCK_CLASS 1296979019   /* "MNTK" */
#define MK_TEAM_LOCK_REVISIONS 1

/* The channel NOTIFY speaks on after every change (payload: the revision). */
#define MK_TEAM_CHANNEL "minutka_team"

PGconn   *mk_team_connect          (const char   *conninfo,
                                    const char   *password,
                                    GError      **error);
void      mk_team_set_error        (GError      **error,
                                    PGconn       *conn,
                                    PGresult     *result,
                                    const char   *doing);
gboolean  mk_team_exec             (PGconn       *conn,
                                    const char   *sql,
                                    const char   *doing,
                                    GError      **error);
PGresult *mk_team_query            (PGconn       *conn,
                                    const char   *sql,
                                    int           n_params,
                                    const char * const *values,
                                    const char   *doing,
                                    GError      **error);
gboolean  mk_team_check_schema     (PGconn       *conn,
                                    char        **team_uuid,
                                    GError      **error);
gboolean  mk_team_conninfo_has_password (const char *conninfo);
gboolean  mk_team_conninfo_check        (const char *conninfo,
                                         GError    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGconn, PQfinish)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

G_END_DECLS
