/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-parse-private.h — what core's small text parsers (durations, times of
 * day, dates) share: error helpers that build nothing when the caller does
 * not want the error, and the scanning of spaces and word characters as
 * people and spreadsheets write them.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Errors are often not wanted (a caller trying one reading after another):
 * then neither the message nor the quoted text is built. */
#define SET_ERROR(err, ...) \
  G_STMT_START { if ((err) != NULL) g_set_error ((err), __VA_ARGS__); } G_STMT_END
#define SET_ERROR_LITERAL(err, ...) \
  G_STMT_START { if ((err) != NULL) g_set_error_literal ((err), __VA_ARGS__); } G_STMT_END
/* The text as quoted in a message: trimmed, made only when needed.  Needs
 * `text` and a `char *shown` (freed by the caller) in scope. */
#define SHOWN (shown != NULL ? shown : (shown = g_strstrip (g_strdup (text))))

/* Skips ASCII blanks, the no-break space and the narrow no-break space. */
static inline const char *
mk_parse_skip_spaces (const char *p)
{
  for (;;)
    {
      if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
        p++;
      else if ((guchar) p[0] == 0xC2 && (guchar) p[1] == 0xA0)
        p += 2;
      else if ((guchar) p[0] == 0xE2 && (guchar) p[1] == 0x80 && (guchar) p[2] == 0xAF)
        p += 3;
      else
        return p;
    }
}

/* Whether @p starts with a letter, a digit or "_", in any script. */
static inline gboolean
mk_parse_is_word_char (const char *p)
{
  gunichar c;

  if (*p == '\0')
    return FALSE;
  if ((guchar) *p < 0x80)
    return g_ascii_isalnum (*p) || *p == '_';
  c = g_utf8_get_char_validated (p, -1);
  if (c == (gunichar) -1 || c == (gunichar) -2)
    return FALSE;
  return g_unichar_isalnum (c);
}

G_END_DECLS
