/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/**
 * MkTeamState:
 * @MK_TEAM_STATE_NONE: the database is in no team: nothing is shown
 * @MK_TEAM_STATE_IN_SYNC: the last sync sent and received everything
 * @MK_TEAM_STATE_SENDING: a sync is running
 * @MK_TEAM_STATE_OFFLINE: the server cannot be reached; changes wait
 * @MK_TEAM_STATE_ERROR: the server refused (a password, a permission, a
 *   newer team schema); the window's banner says what to do
 */
typedef enum {
  MK_TEAM_STATE_NONE,
  MK_TEAM_STATE_IN_SYNC,
  MK_TEAM_STATE_SENDING,
  MK_TEAM_STATE_OFFLINE,
  MK_TEAM_STATE_ERROR,
} MkTeamState;

#define MK_TYPE_TEAM_INDICATOR (mk_team_indicator_get_type ())

G_DECLARE_FINAL_TYPE (MkTeamIndicator, mk_team_indicator, MK, TEAM_INDICATOR, GtkWidget)

GtkWidget   *mk_team_indicator_new         (void);
void         mk_team_indicator_set_state   (MkTeamIndicator *self,
                                            MkTeamState      state,
                                            guint64          waiting);
void         mk_team_indicator_set_compact (MkTeamIndicator *self,
                                            gboolean         compact);
MkTeamState  mk_team_indicator_get_state   (MkTeamIndicator *self);
guint64      mk_team_indicator_get_waiting (MkTeamIndicator *self);
const char  *mk_team_indicator_get_text    (MkTeamIndicator *self);

G_END_DECLS
