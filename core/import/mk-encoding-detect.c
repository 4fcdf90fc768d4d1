/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-encoding-detect.c — which encoding a timesheet file is in, from its
 * first bytes, and whether it is text at all.
 *
 * Design notes.
 *
 * Detection looks at the first chunk only (MK_ENCODING_SNIFF_SIZE bytes):
 *   1. a byte-order mark decides UTF-8 or UTF-16 (UTF-32 is refused);
 *   2. a known binary signature (ZIP/xlsx, old Excel, PNG, PDF, …), a NUL
 *      byte or many control characters refuse the file as not text (the
 *      last not in a file that starts with Minutka's export header: names
 *      and tasks keep what they were typed with, and an export holds
 *      little else);
 *   3. bytes that are valid UTF-8 (a character cut by the chunk's end
 *      allowed) are UTF-8; otherwise the runs of non-ASCII bytes vote: a
 *      run that is whole UTF-8 characters is one vote for UTF-8, a run
 *      that reads as Cyrillic words in Windows-1251 (letters and the
 *      punctuation Russian and Ukrainian text uses, not glued to Latin
 *      letters) one vote for Windows-1251, and any other run is damage
 *      that votes for neither; Windows-1251 needs more votes.  Russian in
 *      Windows-1251 almost never forms UTF-8 (its letters are 0xC0 …
 *      0xFF, UTF-8 continuation bytes are 0x80 … 0xBF), Russian in UTF-8
 *      always does, and a stray byte in a Latin name ("Anna\xED\x80",
 *      "Bad\xFFName") reads as no Cyrillic word.  So a UTF-8 file with one
 *      damaged byte, even in an otherwise ASCII file, stays UTF-8 and that
 *      byte is refused with its line, never read as Windows-1251 and
 *      written garbled.
 *
 * The decision is checked against the rest of the file as it is read
 * (mk-encoding.c): bytes that contradict it anywhere refuse the file with
 * the lines of both, so every byte of the file is evidence and nothing is
 * written on a guess the file disproves.
 *
 * The vote (mk_encoding_vote()) is shared with the decoder, which settles
 * a file that was plain ASCII in its first chunk the same way.
 */
#define G_LOG_DOMAIN "mk-encoding"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mk-encoding-private.h"
#include "mk-error.h"

/* The columns MK_EXPORT_HEADER (core/report/mk-exporter.h) starts with. */
#define MINUTKA_EXPORT_HEAD "date,start,minutes,category,person,email,task,"

/**
 * mk_encoding_to_string:
 * @encoding: an encoding
 *
 * Returns: (transfer none): the encoding's name as a person knows it:
 *   "UTF-8", "UTF-8 with BOM", "UTF-16LE", "UTF-16BE", "Windows-1251".
 */
const char *
mk_encoding_to_string (MkEncoding encoding)
{
  switch (encoding)
    {
    case MK_ENCODING_UTF8:
      return "UTF-8";
    case MK_ENCODING_UTF8_BOM:
      return "UTF-8 with BOM";
    case MK_ENCODING_UTF16LE:
      return "UTF-16LE";
    case MK_ENCODING_UTF16BE:
      return "UTF-16BE";
    case MK_ENCODING_WINDOWS_1251:
      return "Windows-1251";
    default:
      g_return_val_if_reached ("unknown");
    }
}

static gboolean
has_prefix (const guint8 *head,
            gsize         len,
            const char   *magic,
            gsize         magic_len)
{
  return len >= magic_len && memcmp (head, magic, magic_len) == 0;
}

/* Says what a binary file is, or returns FALSE if it has no known
 * signature.  The messages tell the person what to do instead. */
static gboolean
refuse_signature (const char   *name,
                  const guint8 *head,
                  gsize         len,
                  GError      **error)
{
  if (has_prefix (head, len, "PK\3\4", 4) || has_prefix (head, len, "PK\5\6", 4))
    g_set_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_NOT_TEXT,
                 _("%s is a ZIP archive or an Excel workbook, not a CSV file; "
                   "in Excel use File → Save As → CSV"), name);
  else if (has_prefix (head, len, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))
    g_set_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_NOT_TEXT,
                 _("%s is an Excel 97–2003 workbook, not a CSV file; "
                   "in Excel use File → Save As → CSV"), name);
  else if (has_prefix (head, len, "\x89PNG", 4))
    g_set_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_NOT_TEXT,
                 _("%s is a PNG image, not a CSV file"), name);
  else if (has_prefix (head, len, "\xFF\xD8\xFF", 3))
    g_set_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_NOT_TEXT,
                 _("%s is a JPEG image, not a CSV file"), name);
  else if (has_prefix (head, len, "GIF8", 4))
    g_set_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_NOT_TEXT,
                 _("%s is a GIF image, not a CSV file"), name);
  else if (has_prefix (head, len, "%PDF", 4))
    g_set_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_NOT_TEXT,
                 _("%s is a PDF document, not a CSV file"), name);
  else if (has_prefix (head, len, "\x1F\x8B", 2))
    g_set_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_NOT_TEXT,
                 _("%s is compressed with gzip; decompress it and import the CSV inside"),
                 name);
  else if (has_prefix (head, len, "7z\xBC\xAF\x27\x1C", 6) || has_prefix (head, len, "Rar!", 4))
    g_set_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_NOT_TEXT,
                 _("%s is an archive; extract it and import the CSV inside"), name);
  else if (has_prefix (head, len, "SQLite format 3", 16))
    g_set_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_NOT_TEXT,
                 _("%s is an SQLite database, not a CSV file; "
                   "to use a Minutka database, open it with --db"), name);
  else if (has_prefix (head, len, "\x7F" "ELF", 4) || has_prefix (head, len, "MZ", 2))
    g_set_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_NOT_TEXT,
                 _("%s is a program, not a CSV file"), name);
  else
    return FALSE;
  return TRUE;
}

/* TRUE if most odd (or even) bytes are NUL: UTF-16 without a byte-order
 * mark, which cannot be told apart from binary reliably and is refused. */
static gboolean
looks_like_bomless_utf16 (const guint8 *head,
                          gsize         len)
{
  gsize zeros[2] = { 0, 0 };
  gsize n = MIN (len, 4096) & ~(gsize) 1;

  if (n < 8)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (head[i] == 0)
      zeros[i & 1]++;
  return zeros[0] * 10 >= n / 2 * 9 || zeros[1] * 10 >= n / 2 * 9;
}

/* TRUE if @p … @p+@len is a valid start of a UTF-8 character that was cut
 * short by the end of the chunk. */
gboolean
mk_utf8_is_prefix (const guint8 *p,
                   gsize         len)
{
  gsize need;

  if (len == 0 || len > 3)
    return FALSE;
  if ((p[0] & 0xE0) == 0xC0 && p[0] >= 0xC2)
    need = 2;
  else if ((p[0] & 0xF0) == 0xE0)
    need = 3;
  else if ((p[0] & 0xF8) == 0xF0 && p[0] <= 0xF4)
    need = 4;
  else
    return FALSE;
  if (len >= need)
    return FALSE;
  for (gsize i = 1; i < len; i++)
    if ((p[i] & 0xC0) != 0x80)
      return FALSE;
  return TRUE;
}

/* TRUE if the run of non-ASCII bytes @p … @p+@len is whole UTF-8
 * characters; with @cut, a run ended by the end of the buffer may also end
 * in the start of a character. */
gboolean
mk_utf8_run_is_whole (const guint8 *p,
                      gsize         len,
                      gboolean      cut)
{
  const char *end;

  /* The usual answer for Russian in Windows-1251: two letters in a row,
   * the second no continuation byte. */
  if (len >= 2 && (p[1] & 0xC0) != 0x80)
    return FALSE;
  if (g_utf8_validate_len ((const char *) p, len, &end))
    return TRUE;
  return cut && (const guint8 *) end > p
         && mk_utf8_is_prefix ((const guint8 *) end, len - (gsize) ((const guint8 *) end - p));
}

/* Whether byte @b is a Cyrillic letter in Windows-1251 (Russian,
 * Ukrainian, Belarusian). */
static gboolean
is_1251_letter (guint8 b)
{
  return b >= 0xC0 || b == 0xA8 || b == 0xB8 || b == 0xB2 || b == 0xB3 || b == 0xAA
         || b == 0xBA || b == 0xAF || b == 0xBF || b == 0xA5 || b == 0xB4 || b == 0xA1
         || b == 0xA2;
}

/* Whether byte @b is punctuation Cyrillic text in Windows-1251 uses: the
 * ellipsis, quotes, dashes, bullet, no-break space, «», №, §, °. */
static gboolean
is_1251_punctuation (guint8 b)
{
  return b == 0x85 || (b >= 0x91 && b <= 0x97) || b == 0xA0 || b == 0xAB || b == 0xBB
         || b == 0xB9 || b == 0xA7 || b == 0xB0;
}

/* Whether the run of non-ASCII bytes @p[start … end) reads as Cyrillic
 * text in Windows-1251: letters and its punctuation only, at least one
 * letter, and not glued to a Latin letter on either side. */
gboolean
mk_encoding_reads_as_1251 (const guint8 *p,
                           gsize         len,
                           gsize         start,
                           gsize         end)
{
  gboolean letter = FALSE;

  if ((start > 0 && g_ascii_isalpha (p[start - 1])) || (end < len && g_ascii_isalpha (p[end])))
    return FALSE;
  for (gsize i = start; i < end; i++)
    {
      if (is_1251_letter (p[i]))
        letter = TRUE;
      else if (!is_1251_punctuation (p[i]))
        return FALSE;
    }
  return letter;
}

/* The vote of the design notes: counts, over @p … @p+@len, the runs of
 * non-ASCII bytes that are whole UTF-8 characters (@utf8) and those that
 * read as Cyrillic words in Windows-1251 (@other).  Other runs, and a lone
 * character cut by the end of the buffer, count for neither. */
void
mk_encoding_vote (const guint8 *p,
                  gsize         len,
                  gsize        *utf8,
                  gsize        *other)
{
  gsize i = 0;

  *utf8 = 0;
  *other = 0;
  while (i < len)
    {
      gsize start;

      if (p[i] < 0x80)
        {
          i++;
          continue;
        }
      start = i;
      while (i < len && p[i] >= 0x80)
        i++;
      if (mk_utf8_run_is_whole (p + start, i - start, i == len))
        (*utf8)++;
      else if (!(i == len && mk_utf8_is_prefix (p + start, i - start))
               && mk_encoding_reads_as_1251 (p, len, start, i))
        (*other)++;
    }
}

/**
 * mk_encoding_detect:
 * @file_name: the file's name for messages (its basename is enough)
 * @head: (array length=len): the first bytes of the file
 * @len: how many; up to %MK_ENCODING_SNIFF_SIZE are looked at
 * @complete: %TRUE if @head is the whole file
 * @encoding: (out): the encoding to decode the file with
 * @error: return location for an error
 *
 * Decides how to read a file from its first bytes.
 *
 * Returns: %TRUE on success.  Fails with %MK_IMPORT_ERROR_NOT_TEXT for
 *   binary files (the message says what the file looks like),
 *   %MK_IMPORT_ERROR_ENCODING for UTF-32, %MK_IMPORT_ERROR_EMPTY for a file
 *   with no bytes at all.
 */
gboolean
mk_encoding_detect (const char    *file_name,
                    const guint8  *head,
                    gsize          len,
                    gboolean       complete,
                    MkEncoding    *encoding,
                    GError       **error)
{
  const char *end = NULL;
  gsize n_control = 0;

  g_return_val_if_fail (file_name != NULL, FALSE);
  g_return_val_if_fail (head != NULL || len == 0, FALSE);
  g_return_val_if_fail (encoding != NULL, FALSE);

  len = MIN (len, MK_ENCODING_SNIFF_SIZE);
  if (len == 0)
    {
      g_set_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_EMPTY,
                   _("%s is empty"), file_name);
      return FALSE;
    }

  if (has_prefix (head, len, "\xFF\xFE\0\0", 4) || has_prefix (head, len, "\0\0\xFE\xFF", 4))
    {
      g_set_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_ENCODING,
                   _("%s is UTF-32 text, which Minutka does not read; "
                     "save it as CSV in UTF-8"), file_name);
      return FALSE;
    }
  if (has_prefix (head, len, "\xEF\xBB\xBF", 3))
    {
      *encoding = MK_ENCODING_UTF8_BOM;
      return TRUE;
    }
  if (has_prefix (head, len, "\xFF\xFE", 2))
    {
      *encoding = MK_ENCODING_UTF16LE;
      return TRUE;
    }
  if (has_prefix (head, len, "\xFE\xFF", 2))
    {
      *encoding = MK_ENCODING_UTF16BE;
      return TRUE;
    }

  if (refuse_signature (file_name, head, len, error))
    return FALSE;

  if (memchr (head, '\0', len) != NULL)
    {
      if (looks_like_bomless_utf16 (head, len))
        g_set_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_NOT_TEXT,
                     _("%s looks like UTF-16 text without a byte-order mark; "
                       "save it as CSV in UTF-8"), file_name);
      else
        g_set_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_NOT_TEXT,
                     _("%s contains NUL bytes: it is a binary file, not a CSV file"),
                     file_name);
      return FALSE;
    }

  /* Minutka's own export keeps names and tasks as they were typed or
   * imported, control characters and all: with the other columns of the
   * file it came from gone, they may be more than one byte in a hundred.
   * A file that starts with its header is text whatever it holds. */
  if (has_prefix (head, len, MINUTKA_EXPORT_HEAD, strlen (MINUTKA_EXPORT_HEAD)))
    n_control = 0;
  else
    for (gsize i = 0; i < len; i++)
      if (head[i] < 0x20 && head[i] != '\t' && head[i] != '\n' && head[i] != '\r'
          && head[i] != '\f' && head[i] != 0x1A)
        n_control++;
  if (n_control > 8 && n_control * 100 > len)
    {
      g_set_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_NOT_TEXT,
                   _("%s is full of control characters: it is a binary file, not a CSV file"),
                   file_name);
      return FALSE;
    }

  if (g_utf8_validate_len ((const char *) head, len, &end)
      || (!complete && mk_utf8_is_prefix ((const guint8 *) end,
                                       len - (gsize) ((const guint8 *) end - head))))
    *encoding = MK_ENCODING_UTF8;
  else
    {
      gsize utf8, other;

      mk_encoding_vote (head, len, &utf8, &other);
      *encoding = other > utf8 ? MK_ENCODING_WINDOWS_1251 : MK_ENCODING_UTF8;
    }
  return TRUE;
}

