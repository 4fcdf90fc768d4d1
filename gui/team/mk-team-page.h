/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mk-store.h"

G_BEGIN_DECLS

#define MK_TYPE_TEAM_PAGE (mk_team_page_get_type ())

G_DECLARE_FINAL_TYPE (MkTeamPage, mk_team_page, MK, TEAM_PAGE, AdwPreferencesPage)

void mk_team_page_set_store (MkTeamPage *self,
                             MkStore    *store);

G_END_DECLS
