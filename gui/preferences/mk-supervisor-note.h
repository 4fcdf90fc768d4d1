/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mk-store.h"

G_BEGIN_DECLS

gboolean mk_supervisor_note_is_team_owned (MkStore            *store);
void     mk_supervisor_note_apply         (AdwPreferencesPage *page,
                                           gboolean            owned);

G_END_DECLS
