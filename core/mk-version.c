/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-version.c — version helpers and gettext set-up shared by the GUI,
 * the command line and the tests.
 */
#define G_LOG_DOMAIN "mk-version"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "mk-version.h"

/**
 * mk_version_string:
 *
 * Returns: (transfer none): the version of this build, e.g. "0.1.0".
 */
const char *
mk_version_string (void)
{
  return PACKAGE_VERSION;
}

/**
 * mk_version_check:
 * @major: the wanted major version
 * @minor: the wanted minor version
 * @micro: the wanted micro version
 *
 * Returns: %TRUE if this build is at least @major.@minor.@micro.
 */
gboolean
mk_version_check (guint major,
                  guint minor,
                  guint micro)
{
  guint have[3] = { 0, 0, 0 };

  if (sscanf (PACKAGE_VERSION, "%u.%u.%u", &have[0], &have[1], &have[2]) < 1)
    return FALSE;

  if (have[0] != major)
    return have[0] > major;
  if (have[1] != minor)
    return have[1] > minor;
  return have[2] >= micro;
}

/**
 * mk_core_init_i18n:
 *
 * Sets the locale from the environment and binds Minutka's message
 * catalogue, so that core's messages and the GUI's come out translated.
 * A developer build or a test may point MINUTKA_LOCALEDIR at the build
 * folder's compiled catalogues.
 */
void
mk_core_init_i18n (void)
{
  const char *localedir = g_getenv ("MINUTKA_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
