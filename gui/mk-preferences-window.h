#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MK_TYPE_PREFERENCES_WINDOW (mk_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (MkPreferencesWindow, mk_preferences_window, MK, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

MkPreferencesWindow *mk_preferences_window_new (const char *db_path);

G_END_DECLS
