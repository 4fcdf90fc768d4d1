/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-encoding.c — bytes of timesheet files turned into UTF-8 text, chunk
 * by chunk, with the lines that contradict the detected encoding named
 * (which encoding a file is in: test-encoding-detect.c). */
#include "config.h"

#include <string.h>

#include "mk-encoding.h"
#include "mk-error.h"

/* "Дата;Менеджер\r\n" in Windows-1251. */
static const char cp1251_header[] = "\xC4\xE0\xF2\xE0;\xCC\xE5\xED\xE5\xE4\xE6\xE5\xF0\r\n";

/* Decodes @len bytes fed in pieces of @step bytes. */
static char *
decode_in_steps (MkEncoding  encoding,
                 const char *bytes,
                 gsize       len,
                 gsize       step)
{
  g_autoptr(MkDecoder) decoder = mk_decoder_new (encoding, "t.csv");
  g_autoptr(GError) error = NULL;
  GString *out = g_string_new (NULL);

  for (gsize i = 0; i < len; i += step)
    g_assert_true (mk_decoder_feed (decoder, (const guint8 *) bytes + i, MIN (step, len - i),
                                    out, &error));
  g_assert_true (mk_decoder_finish (decoder, out, &error));
  g_assert_no_error (error);
  return g_string_free (out, FALSE);
}

static void
test_utf8_split_chunks (void)
{
  const char *text = "Дата;Менеджер\r\n05.03.2024;Борис Ёлкин\r\n";

  for (gsize step = 1; step <= 7; step++)
    {
      g_autofree char *out = decode_in_steps (MK_ENCODING_UTF8, text, strlen (text), step);
      g_assert_cmpstr (out, ==, text);
    }
}

static void
test_utf8_bom_stripped (void)
{
  g_autofree char *out = decode_in_steps (MK_ENCODING_UTF8_BOM, "\xEF\xBB\xBF" "Date\n", 8, 1);

  g_assert_cmpstr (out, ==, "Date\n");
}

static void
test_utf16le_split_chunks (void)
{
  /* BOM, "Дa\t😀\r\n" in UTF-16LE: the emoji is a surrogate pair. */
  const char bytes[] = "\xFF\xFE\x14\x04" "a\0" "\t\0" "\x3D\xD8\x00\xDE" "\r\0\n\0";

  for (gsize step = 1; step <= 5; step++)
    {
      g_autofree char *out = decode_in_steps (MK_ENCODING_UTF16LE, bytes, sizeof bytes - 1, step);
      g_assert_cmpstr (out, ==, "Дa\t😀\r\n");
    }
}

static void
test_utf16be (void)
{
  const char bytes[] = "\xFE\xFF\x04\x14\0a";
  g_autofree char *out = decode_in_steps (MK_ENCODING_UTF16BE, bytes, sizeof bytes - 1, 3);

  g_assert_cmpstr (out, ==, "Дa");
}

static void
test_windows_1251 (void)
{
  g_autofree char *out = decode_in_steps (MK_ENCODING_WINDOWS_1251, cp1251_header,
                                          sizeof cp1251_header - 1, 4);
  g_autofree char *yo = decode_in_steps (MK_ENCODING_WINDOWS_1251, "\xA8\xB8\xB9", 3, 1);

  g_assert_cmpstr (out, ==, "Дата;Менеджер\r\n");
  g_assert_cmpstr (yo, ==, "Ёё№");
}

static void
test_ascii_then_1251 (void)
{
  /* The first chunk is plain ASCII, so the file is taken for UTF-8; the
   * second has Russian in Windows-1251: the decoder switches without loss. */
  g_autoptr(MkDecoder) decoder = mk_decoder_new (MK_ENCODING_UTF8, "t.csv");
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (mk_decoder_feed (decoder, (const guint8 *) "Date;Who\n", 9, out, &error));
  g_assert_true (mk_decoder_feed (decoder, (const guint8 *) "1;\xC1\xEE\xF0\xE8\xF1\n", 8,
                                  out, &error));
  g_assert_true (mk_decoder_finish (decoder, out, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (out->str, ==, "Date;Who\n1;Борис\n");
  g_assert_cmpint (mk_decoder_get_encoding (decoder), ==, MK_ENCODING_WINDOWS_1251);
}

static void
test_utf8_then_garbage (void)
{
  g_autoptr(MkDecoder) decoder = mk_decoder_new (MK_ENCODING_UTF8, "t.csv");
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  const char *text = "Дата\r\n1\r2\n3\xC4\xE0\n";

  g_assert_false (mk_decoder_feed (decoder, (const guint8 *) text, strlen (text), out, &error));
  g_assert_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_ENCODING);
  g_assert_true (g_str_has_prefix (error->message, "t.csv:4: the bytes are not valid UTF-8"));
}

static void
test_nul_in_later_chunk (void)
{
  g_autoptr(MkDecoder) decoder = mk_decoder_new (MK_ENCODING_UTF8, "t.csv");
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (mk_decoder_feed (decoder, (const guint8 *) "a\nb\n", 4, out, &error));
  g_assert_false (mk_decoder_feed (decoder, (const guint8 *) "c\0d", 3, out, &error));
  g_assert_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_NOT_TEXT);
  g_assert_cmpstr (error->message, ==,
                   "t.csv:3: a NUL byte: the file is binary, not a CSV file");
}

static void
test_cut_at_end (void)
{
  g_autoptr(MkDecoder) decoder = mk_decoder_new (MK_ENCODING_UTF8, "t.csv");
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (mk_decoder_feed (decoder, (const guint8 *) "Д\xD0", 3, out, &error));
  g_assert_false (mk_decoder_finish (decoder, out, &error));
  g_assert_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_ENCODING);
}

/* Feeds @pieces (NULL-terminated) to a decoder for @encoding; returns the
 * text, or NULL with @error set by the feed or the finish that failed. */
static char *
decode_pieces (MkDecoder          *decoder,
               const char * const *pieces,
               GError            **error)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (gsize i = 0; pieces[i] != NULL; i++)
    if (!mk_decoder_feed (decoder, (const guint8 *) pieces[i], strlen (pieces[i]), out, error))
      return NULL;
  if (!mk_decoder_finish (decoder, out, error))
    return NULL;
  return g_strdup (out->str);
}

static void
test_ascii_then_1251_split (void)
{
  /* The first Windows-1251 byte ("И", 0xC8, a UTF-8 lead byte) ends one
   * chunk and "рина" starts the next. */
  const char *pieces[] = { "Date;Who\n1;\xC8", "\xF0\xE8\xED\xE0\n", NULL };
  g_autoptr(MkDecoder) decoder = mk_decoder_new (MK_ENCODING_UTF8, "t.csv");
  g_autoptr(GError) error = NULL;
  g_autofree char *out = decode_pieces (decoder, pieces, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, "Date;Who\n1;Ирина\n");
  g_assert_cmpint (mk_decoder_get_encoding (decoder), ==, MK_ENCODING_WINDOWS_1251);
}

static void
test_ascii_then_1251_looking_like_utf8 (void)
{
  /* "Пётр" starts with a valid UTF-8 pair (0xCF 0xB8). */
  const char *pieces[] = { "Date;Who\n", "1;\xCF\xB8\xF2\xF0\n2;\xD4\xB8\xE4\xEE\xF0\n", NULL };
  g_autoptr(MkDecoder) decoder = mk_decoder_new (MK_ENCODING_UTF8, "t.csv");
  g_autoptr(GError) error = NULL;
  g_autofree char *out = decode_pieces (decoder, pieces, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, "Date;Who\n1;Пётр\n2;Фёдор\n");
}

static void
test_ascii_then_damaged_utf8 (void)
{
  /* Plain ASCII, then UTF-8 names with one damaged byte on line 3. */
  const char *pieces[] = { "Date;Who\n", "1;Иван\n2;Ол\xFFга\n3;Пётр\n", NULL };
  g_autoptr(MkDecoder) decoder = mk_decoder_new (MK_ENCODING_UTF8, "t.csv");
  g_autoptr(GError) error = NULL;
  g_autofree char *out = decode_pieces (decoder, pieces, &error);

  g_assert_null (out);
  g_assert_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_ENCODING);
  g_assert_true (g_str_has_prefix (error->message, "t.csv:3: the bytes are not valid UTF-8"));
}

static void
test_1251_then_utf8_word (void)
{
  /* Windows-1251 on line 2, a UTF-8 name on line 4: refused, both named. */
  const char *pieces[] = { "Date;Who\n1;\xC1\xEE\xF0\xE8\xF1\n", "2;x\n3;Иван\n", NULL };
  g_autoptr(MkDecoder) decoder = mk_decoder_new (MK_ENCODING_UTF8, "t.csv");
  g_autoptr(GError) error = NULL;
  g_autofree char *out = decode_pieces (decoder, pieces, &error);

  g_assert_null (out);
  g_assert_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_ENCODING);
  g_assert_cmpstr (error->message, ==,
                   "t.csv:4: this line is UTF-8 text, but line 2 is Windows-1251: the file "
                   "mixes two encodings; save it again as CSV in UTF-8");
}

static void
test_1251_then_utf8_at_end (void)
{
  /* The UTF-8 word is the last thing in the chunk, with no line end. */
  const char *pieces[] = { cp1251_header, "Ким", NULL };
  g_autoptr(MkDecoder) decoder = mk_decoder_new (MK_ENCODING_WINDOWS_1251, "t.csv");
  g_autoptr(GError) error = NULL;
  g_autofree char *out = decode_pieces (decoder, pieces, &error);

  g_assert_null (out);
  g_assert_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_ENCODING);
  g_assert_true (g_str_has_prefix (error->message, "t.csv:2: this line is UTF-8 text, "
                                                   "but line 1 is Windows-1251"));
}

static void
test_chosen_encoding_read_as_told (void)
{
  const char *ascii_then_1251[] = { "Date;Who\n", "1;\xC1\xEE\xF0\xE8\xF1\n", NULL };
  const char *utf8[] = { "\xC8\xEC\xFF\n", "Иван\n", NULL };
  g_autoptr(MkDecoder) as_utf8 = mk_decoder_new_full (MK_ENCODING_UTF8, "t.csv", FALSE);
  g_autoptr(MkDecoder) as_1251 = mk_decoder_new_full (MK_ENCODING_WINDOWS_1251, "t.csv",
                                                      FALSE);
  g_autoptr(GError) error = NULL;
  g_autofree char *out_utf8 = decode_pieces (as_utf8, ascii_then_1251, &error);
  g_autofree char *out_1251 = NULL;

  /* UTF-8 chosen: no switch to Windows-1251. */
  g_assert_null (out_utf8);
  g_assert_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_ENCODING);
  g_clear_error (&error);

  /* Windows-1251 chosen: UTF-8 bytes are read as Windows-1251, as asked. */
  out_1251 = decode_pieces (as_1251, utf8, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (out_1251, ==, "Имя\nР\uFFFDР\u0406Р°Р\u0405\n");
}

static void
test_ascii_then_lone_byte_at_end (void)
{
  /* The file's last byte could start a UTF-8 character but nothing
   * follows: after plain ASCII it is Windows-1251 ("И"). */
  const char *pieces[] = { "Date;Who\n1;\xC8", NULL };
  g_autoptr(MkDecoder) decoder = mk_decoder_new (MK_ENCODING_UTF8, "t.csv");
  g_autoptr(GError) error = NULL;
  g_autofree char *out = decode_pieces (decoder, pieces, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, "Date;Who\n1;И");
}

static void
test_lone_byte_in_latin_name_at_end (void)
{
  /* The same byte glued to a Latin name is a UTF-8 character cut short. */
  const char *pieces[] = { "Date;Who\n1;Anna\xED", NULL };
  g_autoptr(MkDecoder) decoder = mk_decoder_new (MK_ENCODING_UTF8, "t.csv");
  g_autoptr(GError) error = NULL;
  g_autofree char *out = decode_pieces (decoder, pieces, &error);

  g_assert_null (out);
  g_assert_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_ENCODING);
  g_assert_cmpstr (error->message, ==, "t.csv:2: the file ends in the middle of a character; "
                                       "it may be cut short");
}

static void
test_utf16_odd_length (void)
{
  /* "A\n" and half of the next character. */
  const char pieces_data[] = "A\0\n\0B";
  g_autoptr(MkDecoder) decoder = mk_decoder_new_full (MK_ENCODING_UTF16LE, "u.txt", FALSE);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (mk_decoder_feed (decoder, (const guint8 *) pieces_data, 5, out, &error));
  g_assert_false (mk_decoder_finish (decoder, out, &error));
  g_assert_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_ENCODING);
  g_assert_cmpstr (error->message, ==, "u.txt:2: the file ends in the middle of a character "
                                       "(UTF-16 text needs an even number of bytes); it may be "
                                       "cut short");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/encoding/decode/lone-byte-in-latin-name-at-end",
                   test_lone_byte_in_latin_name_at_end);
  g_test_add_func ("/encoding/decode/utf16-odd-length", test_utf16_odd_length);
  g_test_add_func ("/encoding/decode/utf8-split-chunks", test_utf8_split_chunks);
  g_test_add_func ("/encoding/decode/utf8-bom-stripped", test_utf8_bom_stripped);
  g_test_add_func ("/encoding/decode/utf16le-split-chunks", test_utf16le_split_chunks);
  g_test_add_func ("/encoding/decode/utf16be", test_utf16be);
  g_test_add_func ("/encoding/decode/windows-1251", test_windows_1251);
  g_test_add_func ("/encoding/decode/ascii-then-windows-1251", test_ascii_then_1251);
  g_test_add_func ("/encoding/decode/utf8-then-garbage-names-line", test_utf8_then_garbage);
  g_test_add_func ("/encoding/decode/nul-in-later-chunk", test_nul_in_later_chunk);
  g_test_add_func ("/encoding/decode/cut-at-end", test_cut_at_end);
  g_test_add_func ("/encoding/decode/ascii-then-1251-split-between-chunks",
                   test_ascii_then_1251_split);
  g_test_add_func ("/encoding/decode/ascii-then-1251-with-yo",
                   test_ascii_then_1251_looking_like_utf8);
  g_test_add_func ("/encoding/decode/ascii-then-damaged-utf8-names-line",
                   test_ascii_then_damaged_utf8);
  g_test_add_func ("/encoding/decode/1251-then-utf8-word-names-both-lines",
                   test_1251_then_utf8_word);
  g_test_add_func ("/encoding/decode/1251-then-utf8-word-at-chunk-end",
                   test_1251_then_utf8_at_end);
  g_test_add_func ("/encoding/decode/chosen-encoding-read-as-told",
                   test_chosen_encoding_read_as_told);
  g_test_add_func ("/encoding/decode/ascii-then-lone-byte-at-end",
                   test_ascii_then_lone_byte_at_end);

  return g_test_run ();
}
