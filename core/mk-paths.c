/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-paths.c — where Minutka keeps its files.
 */
#define G_LOG_DOMAIN "mk-paths"

#include "config.h"

#include "mk-paths.h"

/**
 * mk_paths_default_db:
 *
 * The database used when --db is not given:
 * `$XDG_DATA_HOME/minutka/minutka.db`.  The folder is not created here;
 * the store creates it when it opens the database.
 *
 * Returns: (transfer full): the path of the default database.
 */
char *
mk_paths_default_db (void)
{
  return g_build_filename (g_get_user_data_dir (), "minutka", "minutka.db", NULL);
}
