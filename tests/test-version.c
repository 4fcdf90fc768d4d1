/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-version.c — the version helpers and the error domains of core. */
#include "config.h"

#include "mk-error.h"
#include "mk-paths.h"
#include "mk-version.h"

static void
test_version_string (void)
{
  g_assert_cmpstr (mk_version_string (), ==, PACKAGE_VERSION);
}

static void
test_version_check (void)
{
  g_assert_true (mk_version_check (0, 0, 0));
  g_assert_true (mk_version_check (0, 1, 0));
  g_assert_false (mk_version_check (0, 1, 1000));
  g_assert_false (mk_version_check (1000, 0, 0));
}

static void
test_error_domains_distinct (void)
{
  g_assert_cmpuint (MK_STORE_ERROR, !=, 0);
  g_assert_cmpuint (MK_STORE_ERROR, !=, MK_IMPORT_ERROR);
  g_assert_cmpuint (MK_IMPORT_ERROR, !=, MK_PARSE_ERROR);
  g_assert_cmpstr (g_quark_to_string (MK_STORE_ERROR), ==, "mk-store-error-quark");
}

static void
test_paths_default_db (void)
{
  g_autofree char *path = mk_paths_default_db ();
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "minutka",
                                                "minutka.db", NULL);

  g_assert_cmpstr (path, ==, expected);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/version/string", test_version_string);
  g_test_add_func ("/version/check", test_version_check);
  g_test_add_func ("/error/domains-distinct", test_error_domains_distinct);
  g_test_add_func ("/paths/default-db-in-user-data-dir", test_paths_default_db);

  return g_test_run ();
}
