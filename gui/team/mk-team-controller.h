/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mk-store.h"
#include "mk-team-banner.h"
#include "mk-team-indicator.h"

G_BEGIN_DECLS

#define MK_TYPE_TEAM_CONTROLLER (mk_team_controller_get_type ())

G_DECLARE_FINAL_TYPE (MkTeamController, mk_team_controller, MK, TEAM_CONTROLLER, GObject)

MkTeamController *mk_team_controller_new          (MkStore          *store,
                                                   MkTeamIndicator  *indicator,
                                                   MkTeamBanner     *banner);
void              mk_team_controller_reload       (MkTeamController *self);
void              mk_team_controller_sync_now     (MkTeamController *self);
void              mk_team_controller_ask_password (MkTeamController *self,
                                                   GtkWindow        *parent);
gboolean          mk_team_controller_is_joined    (MkTeamController *self);
gboolean          mk_team_controller_is_syncing   (MkTeamController *self);
guint             mk_team_controller_get_n_syncs  (MkTeamController *self);
void              mk_team_controller_shutdown     (MkTeamController *self);

G_END_DECLS
