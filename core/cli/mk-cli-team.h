/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-cli-team.h — the team commands of the command line (mk-cli-team.c). */
#pragma once

#include "mk-cli.h"

G_BEGIN_DECLS

int mk_cli_team_setup_run      (const MkCliArgs *args);
int mk_cli_team_add_person_run (const MkCliArgs *args);
int mk_cli_team_join_run       (const MkCliArgs *args);
int mk_cli_team_leave_run      (const MkCliArgs *args);
int mk_cli_team_status_run     (const MkCliArgs *args);
int mk_cli_sync_run            (const MkCliArgs *args);

G_END_DECLS
