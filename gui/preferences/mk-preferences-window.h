/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mk-store.h"

G_BEGIN_DECLS

#define MK_TYPE_PREFERENCES_WINDOW (mk_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (MkPreferencesWindow, mk_preferences_window, MK, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

MkPreferencesWindow *mk_preferences_window_new        (MkStore             *store);
void                 mk_preferences_window_open       (MkStore             *store,
                                                       GtkWindow           *parent,
                                                       const char          *page_name);
MkStore             *mk_preferences_window_get_store  (MkPreferencesWindow *self);

G_END_DECLS
