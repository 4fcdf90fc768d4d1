/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mk-application.h"
#include "mk-team-banner.h"
#include "mk-team-controller.h"
#include "mk-team-indicator.h"

G_BEGIN_DECLS

#define MK_TYPE_WINDOW (mk_window_get_type ())

G_DECLARE_FINAL_TYPE (MkWindow, mk_window, MK, WINDOW, AdwApplicationWindow)

MkWindow   *mk_window_new              (MkApplication *application);
const char *mk_window_get_visible_page (MkWindow      *self);
MkStore    *mk_window_get_store        (MkWindow      *self);
GSettings  *mk_window_get_settings     (MkWindow      *self);
gboolean    mk_window_is_demo          (MkWindow      *self);
void        mk_window_show_toast       (MkWindow      *self,
                                        AdwToast      *toast);
void        mk_window_show_error       (MkWindow      *self,
                                        const char    *heading,
                                        const GError  *error);

MkTeamIndicator *mk_window_get_team_indicator (MkWindow *self);
MkTeamBanner    *mk_window_get_team_banner    (MkWindow *self);
MkTeamController *mk_window_get_team_controller (MkWindow *self);

G_END_DECLS
