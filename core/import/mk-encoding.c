/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-encoding.c — the bytes of a timesheet file turned into UTF-8 text:
 * the decoder.
 *
 * Design notes.
 *
 * Detection (mk-encoding-detect.c) decides from the first chunk; it and
 * the decoder share the vote between UTF-8 and Windows-1251 described
 * there.
 *
 * A file whose first chunk is plain ASCII is called UTF-8 but is not
 * settled: the decoder settles it at the first non-ASCII byte, wherever it
 * is, by the same vote over the bytes at hand (the rest of the chunk, or
 * up to the end of the sniffed size if that byte lies in it, so that the
 * sniffing and every later run agree).  ASCII means the same in both
 * encodings, so nothing read before is lost and the file is read once.
 *
 * After that nothing is guessed, and text that contradicts the choice is
 * an error naming the line, so that no name is ever written garbled:
 * settled UTF-8 refuses a byte that is not UTF-8; Windows-1251 refuses a
 * run of three or more non-ASCII bytes that is whole UTF-8 characters (a
 * UTF-8 word, which Russian in Windows-1251 never is).  An encoding the
 * user chose (mk_decoder_new_full()) is read as told: strict UTF-8,
 * unchecked Windows-1251.
 *
 * The decoder appends UTF-8 to the caller's GString and never emits a NUL
 * (NUL in the data is refused) nor a byte-order mark.  It keeps at most
 * three bytes between chunks (a split UTF-8 character, or a UTF-16 unit
 * and a high surrogate), so memory is constant.  It counts line breaks
 * (LF, CRLF, lone CR) in what it emitted so that its errors can name a line.
 */
#define G_LOG_DOMAIN "mk-encoding"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mk-encoding-private.h"
#include "mk-error.h"

/* Windows-1251 bytes 0x80 … 0xFF as Unicode; 0x98 is unassigned. */
static const guint16 cp1251_high[128] = {
  0x0402, 0x0403, 0x201A, 0x0453, 0x201E, 0x2026, 0x2020, 0x2021,
  0x20AC, 0x2030, 0x0409, 0x2039, 0x040A, 0x040C, 0x040B, 0x040F,
  0x0452, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0xFFFD, 0x2122, 0x0459, 0x203A, 0x045A, 0x045C, 0x045B, 0x045F,
  0x00A0, 0x040E, 0x045E, 0x0408, 0x00A4, 0x0490, 0x00A6, 0x00A7,
  0x0401, 0x00A9, 0x0404, 0x00AB, 0x00AC, 0x00AD, 0x00AE, 0x0407,
  0x00B0, 0x00B1, 0x0406, 0x0456, 0x0491, 0x00B5, 0x00B6, 0x00B7,
  0x0451, 0x2116, 0x0454, 0x00BB, 0x0458, 0x0405, 0x0455, 0x0457,
  0x0410, 0x0411, 0x0412, 0x0413, 0x0414, 0x0415, 0x0416, 0x0417,
  0x0418, 0x0419, 0x041A, 0x041B, 0x041C, 0x041D, 0x041E, 0x041F,
  0x0420, 0x0421, 0x0422, 0x0423, 0x0424, 0x0425, 0x0426, 0x0427,
  0x0428, 0x0429, 0x042A, 0x042B, 0x042C, 0x042D, 0x042E, 0x042F,
  0x0430, 0x0431, 0x0432, 0x0433, 0x0434, 0x0435, 0x0436, 0x0437,
  0x0438, 0x0439, 0x043A, 0x043B, 0x043C, 0x043D, 0x043E, 0x043F,
  0x0440, 0x0441, 0x0442, 0x0443, 0x0444, 0x0445, 0x0446, 0x0447,
  0x0448, 0x0449, 0x044A, 0x044B, 0x044C, 0x044D, 0x044E, 0x044F,
};

struct _MkDecoder {
  MkEncoding encoding;
  char      *file_name;
  guint8     carry[4];
  guint      n_carry;
  guint8     before_carry;     /* unsettled UTF-8: the ASCII byte before the carry */
  gunichar   high_surrogate;   /* UTF-16: a pending high surrogate, or 0 */
  guint      bom_left;         /* bytes of the byte-order mark still to skip */
  gboolean   forced;           /* the user chose the encoding: no guess, no check */
  gboolean   settled;          /* UTF-8: the first non-ASCII byte has been judged */
  guint64    cp1251_line;      /* Windows-1251: line of the first non-ASCII byte */
  gboolean   prev_cr;          /* the last emitted character was CR */
  guint64    line;             /* 1-based line of the next emitted character */
  guint64    offset;           /* bytes of input consumed */
};

/* How many bytes at @p are ASCII other than NUL, eight at a time while
 * they last. */
static gsize
ascii_prefix (const guint8 *p,
              gsize         len)
{
  const guint64 high = G_GUINT64_CONSTANT (0x8080808080808080);
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  gsize i = 0;

  for (; i + 8 <= len; i += 8)
    {
      guint64 w;

      memcpy (&w, p + i, 8);
      /* A byte >= 0x80, or (none being) a NUL byte. */
      if ((w & high) != 0 || ((w - ones) & ~w & high) != 0)
        break;
    }
  while (i < len && p[i] != 0 && p[i] < 0x80)
    i++;
  return i;
}

/**
 * mk_decoder_new_full:
 * @encoding: the encoding to decode
 * @file_name: the file's name, for messages
 * @skip_bom: whether the data starts with a byte-order mark to drop (2
 *   bytes for UTF-16, 3 for UTF-8)
 *
 * For an encoding chosen by the user rather than detected: the data may or
 * may not start with a byte-order mark, and it is read as told, without
 * the guessing and checks of mk_decoder_new(): UTF-8 refuses any byte that
 * is not UTF-8, Windows-1251 reads every byte.
 *
 * Returns: (transfer full): a decoder positioned at the start of the file.
 */
MkDecoder *
mk_decoder_new_full (MkEncoding  encoding,
                     const char *file_name,
                     gboolean    skip_bom)
{
  MkDecoder *self = g_new0 (MkDecoder, 1);

  self->encoding = encoding;
  self->file_name = g_strdup (file_name ? file_name : "");
  self->line = 1;
  self->forced = TRUE;
  if (skip_bom)
    {
      switch (encoding)
        {
        case MK_ENCODING_UTF8:
        case MK_ENCODING_UTF8_BOM:
          self->bom_left = 3;
          break;
        case MK_ENCODING_UTF16LE:
        case MK_ENCODING_UTF16BE:
          self->bom_left = 2;
          break;
        case MK_ENCODING_WINDOWS_1251:
        default:
          break;
        }
    }
  return self;
}

/**
 * mk_decoder_new:
 * @encoding: the encoding from mk_encoding_detect()
 * @file_name: the file's name, for messages
 *
 * A detected %MK_ENCODING_UTF8 is settled at the first non-ASCII byte and
 * may turn into Windows-1251 there; a detected Windows-1251 refuses UTF-8
 * words later on (see the design notes).
 *
 * Returns: (transfer full): a decoder positioned at the start of the file
 *   (the byte-order mark that @encoding implies is skipped).
 */
MkDecoder *
mk_decoder_new (MkEncoding  encoding,
                const char *file_name)
{
  MkDecoder *self = mk_decoder_new_full (encoding, file_name,
                                         encoding == MK_ENCODING_UTF8_BOM
                                         || encoding == MK_ENCODING_UTF16LE
                                         || encoding == MK_ENCODING_UTF16BE);

  self->forced = FALSE;
  return self;
}

/**
 * mk_decoder_free:
 * @self: (transfer full) (nullable): a decoder
 */
void
mk_decoder_free (MkDecoder *self)
{
  if (self == NULL)
    return;
  g_free (self->file_name);
  g_free (self);
}

/**
 * mk_decoder_get_encoding:
 * @self: a decoder
 *
 * Returns: the encoding in use; a file that started as plain ASCII and
 *   turned out to be Windows-1251 reports Windows-1251 from then on.
 */
MkEncoding
mk_decoder_get_encoding (MkDecoder *self)
{
  g_return_val_if_fail (self != NULL, MK_ENCODING_UTF8);
  return self->encoding;
}

/* Counts the line breaks in freshly emitted text, CRLF as one. */
static void
count_lines (MkDecoder  *self,
             const char *text,
             gsize       len)
{
  const char *end = text + len;

  if (len == 0)
    return;
  if (memchr (text, '\r', len) == NULL)
    {
      /* The usual case: LF only, counted with memchr. */
      for (const char *p = text; (p = memchr (p, '\n', (gsize) (end - p))) != NULL; p++)
        if (!(p == text && self->prev_cr))
          self->line++;
      self->prev_cr = FALSE;
      return;
    }
  for (const char *p = text; p < end; p++)
    {
      if (*p == '\n')
        {
          if (!self->prev_cr)
            self->line++;
          self->prev_cr = FALSE;
        }
      else if (*p == '\r')
        {
          self->line++;
          self->prev_cr = TRUE;
        }
      else
        self->prev_cr = FALSE;
    }
}

static void
set_nul_error (MkDecoder  *self,
               GError    **error)
{
  g_set_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_NOT_TEXT,
               _("%s:%llu: a NUL byte: the file is binary, not a CSV file"),
               self->file_name, (unsigned long long) self->line);
}

static void
append_unichar (GString  *out,
                gunichar  c)
{
  char buf[6];
  int n = g_unichar_to_utf8 (c, buf);

  g_string_append_len (out, buf, n);
}

/* Brings the line count up to the text emitted before @upto, which
 * *@counted marks the end of what was counted so far. */
static void
count_lines_upto (MkDecoder  *self,
                  GString    *out,
                  gsize      *counted,
                  const char *upto)
{
  gsize pos = (gsize) (upto - out->str);

  count_lines (self, out->str + *counted, pos - *counted);
  *counted = pos;
}

static void
set_mixed_error (MkDecoder  *self,
                 GError    **error)
{
  g_set_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_ENCODING,
               _("%s:%llu: this line is UTF-8 text, but line %llu is Windows-1251: the "
                 "file mixes two encodings; save it again as CSV in UTF-8"),
               self->file_name, (unsigned long long) self->line,
               (unsigned long long) self->cp1251_line);
}

/* Decodes Windows-1251.  Unless the user chose it, a run of three or more
 * non-ASCII bytes that is whole UTF-8 characters stops the decoding: it
 * is a UTF-8 word in a file read as Windows-1251. */
static gboolean
decode_1251 (MkDecoder     *self,
             const guint8  *data,
             gsize          len,
             GString       *out,
             GError       **error)
{
  gsize start = out->len;
  gsize counted = start;
  gsize run = 0;
  char *run_out = NULL;
  char *w;

  g_string_set_size (out, start + len * 3);
  w = out->str + start;
  for (gsize i = 0; i < len; i++)
    {
      guint8 b = data[i];

      if (b < 0x80)
        {
          if (G_UNLIKELY (run >= 3) && !self->forced
              && mk_utf8_run_is_whole (data + i - run, run, FALSE))
            goto mixed;
          run = 0;
          if (G_UNLIKELY (b == 0))
            {
              g_string_set_size (out, (gsize) (w - out->str));
              count_lines (self, out->str + counted, out->len - counted);
              set_nul_error (self, error);
              return FALSE;
            }
          *w++ = (char) b;
        }
      else
        {
          if (G_UNLIKELY (self->cp1251_line == 0))
            {
              count_lines_upto (self, out, &counted, w);
              self->cp1251_line = self->line;
            }
          if (run++ == 0)
            run_out = w;
          w += g_unichar_to_utf8 (cp1251_high[b - 0x80], w);
        }
    }
  if (run >= 3 && !self->forced && mk_utf8_run_is_whole (data + len - run, run, FALSE))
    goto mixed;
  g_string_set_size (out, (gsize) (w - out->str));
  count_lines (self, out->str + counted, out->len - counted);
  return TRUE;

mixed:
  count_lines_upto (self, out, &counted, run_out);
  g_string_set_size (out, counted);
  set_mixed_error (self, error);
  return FALSE;
}

static void
set_invalid_error (MkDecoder  *self,
                   GError    **error)
{
  g_set_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_ENCODING,
               _("%s:%llu: the bytes are not valid UTF-8, although the file "
                 "started as UTF-8; save it again as CSV in UTF-8"),
               self->file_name, (unsigned long long) self->line);
}

/* Decodes UTF-8 whose encoding is settled: a byte that is not UTF-8 is an
 * error. */
static gboolean
decode_utf8 (MkDecoder     *self,
             const guint8  *data,
             gsize          len,
             GString       *out,
             GError       **error)
{
  while (self->n_carry > 0 && len > 0)
    {
      /* Complete the character split by the previous chunk, one byte at a
       * time; it is at most four bytes long. */
      const char *end;

      self->carry[self->n_carry++] = *data++;
      len--;
      self->offset++;
      if (g_utf8_validate_len ((const char *) self->carry, self->n_carry, &end))
        {
          g_string_append_len (out, (const char *) self->carry, self->n_carry);
          self->n_carry = 0;
        }
      else if (!mk_utf8_is_prefix (self->carry, self->n_carry))
        {
          set_invalid_error (self, error);
          return FALSE;
        }
    }

  while (len > 0)
    {
      const char *end = NULL;
      gsize valid;

      if (g_utf8_validate_len ((const char *) data, len, &end))
        valid = len;
      else
        valid = (gsize) ((const guint8 *) end - data);

      g_string_append_len (out, (const char *) data, valid);
      count_lines (self, (const char *) data, valid);
      self->offset += valid;
      data += valid;
      len -= valid;
      if (len == 0)
        break;

      if (data[0] == 0)
        {
          set_nul_error (self, error);
          return FALSE;
        }
      if (mk_utf8_is_prefix (data, len))
        {
          memcpy (self->carry, data, len);
          self->n_carry = len;
          self->offset += len;
          return TRUE;
        }
      set_invalid_error (self, error);
      return FALSE;
    }
  return TRUE;
}

/* Decodes a detected UTF-8 file that has been plain ASCII so far: at the
 * first non-ASCII byte the vote of the design notes settles the encoding,
 * over the bytes at hand. */
static gboolean
decode_unsettled (MkDecoder     *self,
                  const guint8  *data,
                  gsize          len,
                  GString       *out,
                  GError       **error)
{
  gsize ascii;
  gsize window;
  gsize utf8, other;

  if (self->n_carry > 0)
    {
      /* A lone character start kept from the previous chunk: judge it
       * together with this one. */
      gsize n = self->n_carry;
      g_autofree guint8 *joined = g_malloc (n + len);

      memcpy (joined, self->carry, n);
      memcpy (joined + n, data, len);
      self->n_carry = 0;
      self->offset -= n;
      return decode_unsettled (self, joined, n + len, out, error);
    }

  ascii = ascii_prefix (data, len);
  g_string_append_len (out, (const char *) data, ascii);
  count_lines (self, (const char *) data, ascii);
  self->offset += ascii;
  data += ascii;
  len -= ascii;
  if (len == 0)
    return TRUE;
  if (data[0] == 0)
    {
      set_nul_error (self, error);
      return FALSE;
    }

  /* Within the sniffed size, the vote ends where mk_encoding_detect()'s
   * did, so that both agree. */
  window = len;
  if (self->offset < MK_ENCODING_SNIFF_SIZE)
    window = MIN (len, MAX (MK_ENCODING_SNIFF_SIZE - self->offset, 4));
  mk_encoding_vote (data, window, &utf8, &other);
  if (other > utf8)
    {
      g_debug ("%s: Windows-1251 from line %" G_GUINT64_FORMAT ", byte %" G_GUINT64_FORMAT,
               self->file_name, self->line, self->offset);
      self->encoding = MK_ENCODING_WINDOWS_1251;
      self->offset += len;
      return decode_1251 (self, data, len, out, error);
    }
  if (utf8 == 0 && window == len && mk_utf8_is_prefix (data, len))
    {
      /* Only the start of a character so far: wait for the rest. */
      if (ascii > 0)
        self->before_carry = data[-1];
      memcpy (self->carry, data, len);
      self->n_carry = len;
      self->offset += len;
      return TRUE;
    }
  self->settled = TRUE;
  return decode_utf8 (self, data, len, out, error);
}

static gboolean
decode_utf16 (MkDecoder     *self,
              const guint8  *data,
              gsize          len,
              GString       *out,
              GError       **error)
{
  gboolean big_endian = self->encoding == MK_ENCODING_UTF16BE;
  gsize start = out->len;
  gsize i = 0;

  while (i < len)
    {
      guint unit;

      if (self->n_carry == 0 && i + 1 < len)
        {
          unit = big_endian ? (guint) (data[i] << 8 | data[i + 1])
                            : (guint) (data[i] | data[i + 1] << 8);
          i += 2;
        }
      else if (self->n_carry == 1)
        {
          unit = big_endian ? (guint) (self->carry[0] << 8 | data[i])
                            : (guint) (self->carry[0] | data[i] << 8);
          self->n_carry = 0;
          i++;
        }
      else
        {
          self->carry[0] = data[i];
          self->n_carry = 1;
          i++;
          break;
        }

      if (self->high_surrogate != 0)
        {
          gunichar high = self->high_surrogate;

          self->high_surrogate = 0;
          if (unit >= 0xDC00 && unit <= 0xDFFF)
            {
              append_unichar (out, 0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00));
              continue;
            }
          append_unichar (out, 0xFFFD);
        }
      if (unit >= 0xD800 && unit <= 0xDBFF)
        self->high_surrogate = unit;
      else if (unit >= 0xDC00 && unit <= 0xDFFF)
        append_unichar (out, 0xFFFD);
      else if (unit == 0)
        {
          count_lines (self, out->str + start, out->len - start);
          set_nul_error (self, error);
          return FALSE;
        }
      else if (unit < 0x80)
        g_string_append_c (out, (char) unit);
      else
        append_unichar (out, unit);
    }
  self->offset += len;
  count_lines (self, out->str + start, out->len - start);
  return TRUE;
}

/**
 * mk_decoder_feed:
 * @self: a decoder
 * @data: (array length=len): the next bytes of the file
 * @len: how many
 * @out: text is appended here, as UTF-8 without NUL bytes
 * @error: return location for an error
 *
 * Decodes the next chunk.  A character split at the end of @data is kept
 * and finished by the next call.
 *
 * Returns: %TRUE on success.  Fails with %MK_IMPORT_ERROR_NOT_TEXT on a NUL
 *   byte and with %MK_IMPORT_ERROR_ENCODING on bytes that are not UTF-8
 *   after UTF-8 text, or a UTF-8 word in text read as Windows-1251; the
 *   message names the file and the line.
 */
gboolean
mk_decoder_feed (MkDecoder     *self,
                 const guint8  *data,
                 gsize          len,
                 GString       *out,
                 GError       **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  while (self->bom_left > 0 && len > 0)
    {
      self->bom_left--;
      data++;
      len--;
      self->offset++;
    }
  if (len == 0)
    return TRUE;

  switch (self->encoding)
    {
    case MK_ENCODING_UTF8:
      if (!self->settled && !self->forced)
        return decode_unsettled (self, data, len, out, error);
      return decode_utf8 (self, data, len, out, error);
    case MK_ENCODING_UTF8_BOM:
      return decode_utf8 (self, data, len, out, error);
    case MK_ENCODING_UTF16LE:
    case MK_ENCODING_UTF16BE:
      return decode_utf16 (self, data, len, out, error);
    case MK_ENCODING_WINDOWS_1251:
    default:
      self->offset += len;
      return decode_1251 (self, data, len, out, error);
    }
}

/**
 * mk_decoder_finish:
 * @self: a decoder
 * @out: any last text is appended here
 * @error: return location for an error
 *
 * Ends the file: a character cut short by the end of the file is an error
 * for UTF-8 (after plain ASCII, unless it reads as a Cyrillic letter in
 * Windows-1251 there, as the vote of mk-encoding-detect.c would say), and
 * for UTF-16 an odd last byte or a lone high surrogate at the end is an
 * error too (it used to become U+FFFD and then a baffling "'�' is not a
 * date").
 *
 * Returns: %TRUE on success; fails with %MK_IMPORT_ERROR_ENCODING.
 */
gboolean
mk_decoder_finish (MkDecoder  *self,
                   GString    *out,
                   GError    **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (self->encoding == MK_ENCODING_UTF16LE || self->encoding == MK_ENCODING_UTF16BE)
    {
      gboolean cut = self->n_carry > 0 || self->high_surrogate != 0;

      self->n_carry = 0;
      self->high_surrogate = 0;
      if (cut)
        {
          g_set_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_ENCODING,
                       _("%s:%llu: the file ends in the middle of a character (UTF-16 text "
                         "needs an even number of bytes); it may be cut short"),
                       self->file_name, (unsigned long long) self->line);
          return FALSE;
        }
      return TRUE;
    }
  if (self->n_carry > 0 && self->encoding == MK_ENCODING_UTF8 && !self->settled
      && !self->forced)
    {
      /* Plain ASCII, then the start of a character at the very end: read
       * as Windows-1251 when it reads as a Cyrillic word there (after a
       * delimiter, not glued to a Latin letter), as the vote would. */
      guint8 last[5];
      gsize n = self->n_carry;

      last[0] = self->before_carry;
      memcpy (last + 1, self->carry, n);
      if (mk_encoding_reads_as_1251 (last, n + 1, 1, n + 1))
        {
          self->n_carry = 0;
          self->encoding = MK_ENCODING_WINDOWS_1251;
          return decode_1251 (self, last + 1, n, out, error);
        }
    }
  if (self->n_carry > 0)
    {
      self->n_carry = 0;
      g_set_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_ENCODING,
                   _("%s:%llu: the file ends in the middle of a character; "
                     "it may be cut short"), self->file_name, (unsigned long long) self->line);
      return FALSE;
    }
  return TRUE;
}
