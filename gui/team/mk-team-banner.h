/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MK_TYPE_TEAM_BANNER (mk_team_banner_get_type ())

G_DECLARE_FINAL_TYPE (MkTeamBanner, mk_team_banner, MK, TEAM_BANNER, GtkWidget)

GtkWidget  *mk_team_banner_new         (void);
void        mk_team_banner_show        (MkTeamBanner *self,
                                        const char   *message,
                                        const char   *button_label,
                                        const char   *action_name);
void        mk_team_banner_hide        (MkTeamBanner *self);
gboolean    mk_team_banner_is_shown    (MkTeamBanner *self);
const char *mk_team_banner_get_message (MkTeamBanner *self);

G_END_DECLS
