/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-safe-text.c — control characters from data are shown, never obeyed. */
#include "config.h"

#include <locale.h>

#include "mk-safe-text.h"

static void
check (const char *text,
       const char *expected)
{
  g_autofree char *safe = mk_safe_text (text);

  g_assert_cmpstr (safe, ==, expected);
  g_assert_true (g_utf8_validate (safe, -1, NULL));
}

static void
test_controls_escaped (void)
{
  /* A title change, a bell, a screen clear and a colour. */
  check ("Eve\x1b]0;owned\x07\x1b[2J\x1b[31m", "Eve\\x1b]0;owned\\x07\\x1b[2J\\x1b[31m");
  /* Line breaks cannot draw a line of their own. */
  check ("Mallory\n  1. Fake", "Mallory\\x0a  1. Fake");
  check ("a\rb\tc\x7f", "a\\x0db\\x09c\\x7f");
  /* C1 controls (U+009B is a CSI to some terminals), separators, bidi. */
  check ("x\xc2\x9b" "2Jy", "x\\u009b2Jy");
  check ("one\xe2\x80\xa8two", "one\\u2028two");
  check ("\xe2\x80\xae" "cba", "\\u202ecba");
  check ("\xe2\x81\xa6" "iso\xe2\x81\xa9", "\\u2066iso\\u2069");
}

static void
test_text_kept (void)
{
  check ("Анна Смирнова", "Анна Смирнова");
  check ("C:\\Users\\anna", "C:\\Users\\anna");
  check ("«Медиаплюс» — 30 min · ≈", "«Медиаплюс» — 30 min · ≈");
  check ("", "");
  g_assert_null (mk_safe_text (NULL));
}

static void
test_not_utf8 (void)
{
  /* Bytes that are not UTF-8 (a 0x9B alone is a CSI in 8-bit terminals). */
  check ("Anna\xff\x9b", "Anna\\xff\\x9b");
  check ("\xd0", "\\xd0");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/safe-text/controls-escaped", test_controls_escaped);
  g_test_add_func ("/safe-text/text-kept", test_text_kept);
  g_test_add_func ("/safe-text/not-utf8", test_not_utf8);

  return g_test_run ();
}
