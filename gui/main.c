/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "minutka"

#include "config.h"

#include <glib/gi18n.h>

#include "mk-application.h"
#include "mk-version.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MkApplication) app = NULL;

  mk_core_init_i18n ();
  g_set_application_name (_("Minutka"));

  app = mk_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
