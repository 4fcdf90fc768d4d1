/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-team-totals.h — the team's anonymous totals as an analysis input
 * (mk-team-totals.c). */
#pragma once

#include "mk-analysis.h"
#include "mk-store.h"

G_BEGIN_DECLS

MkAnalysisInput *mk_team_read_totals (MkStore    *store,
                                      const char *password,
                                      const char *from,
                                      const char *to,
                                      GError    **error);

G_END_DECLS
