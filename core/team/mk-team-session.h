/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-team-session.h — a desktop's team as the window uses it: syncs in a
 * worker thread with progress and state, and the server's NOTIFY heard on
 * a thread of its own (mk-team-session.c).  No libpq in this header. */
#pragma once

#include <gio/gio.h>

#include "mk-team.h"

G_BEGIN_DECLS

/**
 * MkTeamSessionState:
 * @MK_TEAM_SESSION_IDLE: not syncing; the last sync (if any) succeeded
 * @MK_TEAM_SESSION_SYNCING: a sync is running
 * @MK_TEAM_SESSION_OFFLINE: the last sync could not reach the server
 *   (logging goes on; the next sync sends everything)
 * @MK_TEAM_SESSION_FAILED: the last sync was refused or failed otherwise
 *   (mk_team_session_get_message() says why)
 */
typedef enum {
  MK_TEAM_SESSION_IDLE,
  MK_TEAM_SESSION_SYNCING,
  MK_TEAM_SESSION_OFFLINE,
  MK_TEAM_SESSION_FAILED,
} MkTeamSessionState;

#define MK_TYPE_TEAM_SESSION_STATE (mk_team_session_state_get_type ())
GType mk_team_session_state_get_type (void);

#define MK_TYPE_TEAM_SESSION (mk_team_session_get_type ())
G_DECLARE_FINAL_TYPE (MkTeamSession, mk_team_session, MK, TEAM_SESSION, GObject)

MkTeamSession      *mk_team_session_new            (MkStore             *store);
const char         *mk_team_session_get_db_path    (MkTeamSession       *self);
void                mk_team_session_set_password   (MkTeamSession       *self,
                                                    const char          *password);
MkTeamSessionState  mk_team_session_get_state      (MkTeamSession       *self);
double              mk_team_session_get_progress   (MkTeamSession       *self);
const char         *mk_team_session_get_message    (MkTeamSession       *self);
gboolean            mk_team_session_get_listening  (MkTeamSession       *self);

void                mk_team_session_sync_async     (MkTeamSession       *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean            mk_team_session_sync_finish    (MkTeamSession       *self,
                                                    GAsyncResult        *result,
                                                    MkTeamSyncResult    *sync_result,
                                                    GError             **error);
void                mk_team_session_listen         (MkTeamSession       *self);
void                mk_team_session_stop_listening (MkTeamSession       *self);

G_END_DECLS
