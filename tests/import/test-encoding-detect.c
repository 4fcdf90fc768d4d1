/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-encoding-detect.c — which encoding a timesheet file is in, from its
 * first chunk (core/import/mk-encoding-detect.c): byte-order marks, UTF-8
 * against Windows-1251 by the runs of non-ASCII bytes (a damaged byte in
 * UTF-8 stays UTF-8, Russian in Windows-1251 that looks like UTF-8 does
 * not fool it), a character cut by the chunk's end, and files that are not
 * text refused with what to do.
 */
#include "config.h"

#include <string.h>

#include "mk-encoding.h"
#include "mk-error.h"

/* "Дата;Менеджер\r\n" in Windows-1251. */
static const char cp1251_header[] = "\xC4\xE0\xF2\xE0;\xCC\xE5\xED\xE5\xE4\xE6\xE5\xF0\r\n";

static MkEncoding
detect_ok (const char *bytes,
           gsize       len)
{
  g_autoptr(GError) error = NULL;
  MkEncoding encoding = 99;

  g_assert_true (mk_encoding_detect ("t.csv", (const guint8 *) bytes, len, TRUE,
                                     &encoding, &error));
  g_assert_no_error (error);
  return encoding;
}

static char *
detect_fails (const char *bytes,
              gsize       len,
              int         code)
{
  g_autoptr(GError) error = NULL;
  MkEncoding encoding;

  g_assert_false (mk_encoding_detect ("t.csv", (const guint8 *) bytes, len, TRUE,
                                      &encoding, &error));
  g_assert_error (error, MK_IMPORT_ERROR, code);
  return g_strdup (error->message);
}

static void
test_detect_text (void)
{
  g_assert_cmpint (detect_ok ("Date,Minutes\n", 13), ==, MK_ENCODING_UTF8);
  g_assert_cmpint (detect_ok ("Дата;Минуты\n", strlen ("Дата;Минуты\n")), ==, MK_ENCODING_UTF8);
  g_assert_cmpint (detect_ok ("\xEF\xBB\xBF" "Date\n", 8), ==, MK_ENCODING_UTF8_BOM);
  g_assert_cmpint (detect_ok ("\xFF\xFE" "D\0a\0", 6), ==, MK_ENCODING_UTF16LE);
  g_assert_cmpint (detect_ok ("\xFE\xFF\0D\0a", 6), ==, MK_ENCODING_UTF16BE);
  g_assert_cmpint (detect_ok (cp1251_header, sizeof cp1251_header - 1), ==,
                   MK_ENCODING_WINDOWS_1251);
}

static void
test_detect_cut_character (void)
{
  /* A first chunk that ends inside "Д" is still UTF-8. */
  g_autoptr(GError) error = NULL;
  MkEncoding encoding = 99;

  g_assert_true (mk_encoding_detect ("t.csv", (const guint8 *) "ab\xD0", 3, FALSE,
                                     &encoding, &error));
  g_assert_cmpint (encoding, ==, MK_ENCODING_UTF8);
}

static void
test_refuse_zip (void)
{
  g_autofree char *message = detect_fails ("PK\3\4\x14\0\0\0", 8, MK_IMPORT_ERROR_NOT_TEXT);

  g_assert_cmpstr (message, ==,
                   "t.csv is a ZIP archive or an Excel workbook, not a CSV file; "
                   "in Excel use File → Save As → CSV");
}

static void
test_refuse_binaries (void)
{
  g_autofree char *png = detect_fails ("\x89PNG\r\n\x1a\n\0\0", 10, MK_IMPORT_ERROR_NOT_TEXT);
  g_autofree char *xls = detect_fails ("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8,
                                       MK_IMPORT_ERROR_NOT_TEXT);
  g_autofree char *pdf = detect_fails ("%PDF-1.7\n", 9, MK_IMPORT_ERROR_NOT_TEXT);
  g_autofree char *nul = detect_fails ("Date,Minutes\n\0\x01\x02\x03", 17,
                                       MK_IMPORT_ERROR_NOT_TEXT);
  g_autofree char *utf32 = detect_fails ("\xFF\xFE\0\0D\0\0\0", 8, MK_IMPORT_ERROR_ENCODING);
  g_autofree char *empty = detect_fails ("", 0, MK_IMPORT_ERROR_EMPTY);

  g_assert_cmpstr (png, ==, "t.csv is a PNG image, not a CSV file");
  g_assert_nonnull (strstr (xls, "Excel 97–2003 workbook"));
  g_assert_cmpstr (pdf, ==, "t.csv is a PDF document, not a CSV file");
  g_assert_cmpstr (nul, ==, "t.csv contains NUL bytes: it is a binary file, not a CSV file");
  g_assert_nonnull (strstr (utf32, "UTF-32"));
  g_assert_cmpstr (empty, ==, "t.csv is empty");
}

static void
test_refuse_bomless_utf16 (void)
{
  const char bytes[] = "D\0a\0t\0e\0,\0M\0i\0n\0\n\0";
  g_autofree char *message = detect_fails (bytes, sizeof bytes - 1, MK_IMPORT_ERROR_NOT_TEXT);

  g_assert_nonnull (strstr (message, "UTF-16 text without a byte-order mark"));
}

static void
test_refuse_control_characters (void)
{
  char bytes[200];

  for (gsize i = 0; i < sizeof bytes; i++)
    bytes[i] = (char) (i % 2 ? 'a' : 0x03);
  g_autofree char *message = detect_fails (bytes, sizeof bytes, MK_IMPORT_ERROR_NOT_TEXT);
  g_assert_nonnull (strstr (message, "control characters"));
}

/* Minutka's own export holds tasks as they came, control characters and
 * all, and little else: its header says it is text. */
static void
test_own_export_with_control_characters (void)
{
  g_autoptr(GString) text = g_string_new ("date,start,minutes,category,person,email,task,uuid\n");
  g_autoptr(GString) other = NULL;

  for (int i = 0; i < 10; i++)
    g_string_append (text, "2026-11-02,,30,other,Anna,,\x01\x02\x03\x04\x05,\n");
  g_assert_cmpint (detect_ok (text->str, text->len), ==, MK_ENCODING_UTF8);

  /* The same rows under another header are still refused. */
  other = g_string_new (text->str);
  g_string_overwrite (other, 0, "Date");
  g_free (detect_fails (other->str, other->len, MK_IMPORT_ERROR_NOT_TEXT));
}

static void
test_detect_damaged_utf8 (void)
{
  /* UTF-8 names and one damaged byte: still UTF-8, so that the decoder
   * refuses the byte instead of reading every name as Windows-1251. */
  const char text[] = "Дата;Менеджер\nИван Петров;\xFF\nОльга Ким;1\n";

  g_assert_cmpint (detect_ok (text, sizeof text - 1), ==, MK_ENCODING_UTF8);
}

static void
test_detect_1251_looking_like_utf8 (void)
{
  /* "Пётр;Фёдор\n" in Windows-1251: "Пё" and "Фё" are valid UTF-8 pairs, the
   * words are not. */
  const char text[] = "\xCF\xB8\xF2\xF0;\xD4\xB8\xE4\xEE\xF0\n";

  g_assert_cmpint (detect_ok (text, sizeof text - 1), ==, MK_ENCODING_WINDOWS_1251);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/encoding/detect/text", test_detect_text);
  g_test_add_func ("/encoding/detect/cut-character-in-first-chunk", test_detect_cut_character);
  g_test_add_func ("/encoding/refuse/zip-says-save-as-csv", test_refuse_zip);
  g_test_add_func ("/encoding/refuse/binaries-named", test_refuse_binaries);
  g_test_add_func ("/encoding/refuse/bomless-utf16", test_refuse_bomless_utf16);
  g_test_add_func ("/encoding/refuse/control-characters", test_refuse_control_characters);
  g_test_add_func ("/encoding/own-export-with-control-characters",
                   test_own_export_with_control_characters);
  g_test_add_func ("/encoding/detect/damaged-utf8-stays-utf8", test_detect_damaged_utf8);
  g_test_add_func ("/encoding/detect/windows-1251-with-yo", test_detect_1251_looking_like_utf8);

  return g_test_run ();
}
