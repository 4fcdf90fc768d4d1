/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-cli-database.h — `minutka --check` and `minutka --demo`. */
#pragma once

#include "mk-cli.h"

G_BEGIN_DECLS

int  mk_cli_check_run (const MkCliArgs *args);
int  mk_cli_demo_run  (const MkCliArgs *args);

G_END_DECLS
