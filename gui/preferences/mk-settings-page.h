/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mk-store.h"

G_BEGIN_DECLS

#define MK_TYPE_SETTINGS_PAGE (mk_settings_page_get_type ())

G_DECLARE_FINAL_TYPE (MkSettingsPage, mk_settings_page, MK, SETTINGS_PAGE, AdwPreferencesPage)

void mk_settings_page_set_store (MkSettingsPage *self,
                                 MkStore        *store);

G_END_DECLS
