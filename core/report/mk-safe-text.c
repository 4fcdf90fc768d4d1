/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-safe-text.c — control characters shown, never obeyed.
 *
 * What is escaped, and how: the C0 controls (U+0000–U+001F, TAB, CR and LF
 * included) and DEL as "\x1b"; the C1 controls (U+0080–U+009F, which some
 * terminals obey as ESC sequences), the line and paragraph separators and
 * the bidirectional overrides and isolates (which reorder what follows on
 * the line) as "\u202e"; a byte that is not UTF-8 as "\xff".  Everything
 * else, Cyrillic and backslashes included, is kept as it is, so ordinary
 * names read exactly as typed.
 */
#define G_LOG_DOMAIN "mk-safe-text"

#include "config.h"

#include <string.h>

#include "mk-safe-text.h"

static gboolean
is_unsafe_char (gunichar c)
{
  return c < 0x20 || c == 0x7f
         || (c >= 0x80 && c <= 0x9f)
         || c == 0x2028 || c == 0x2029
         || (c >= 0x202a && c <= 0x202e)
         || (c >= 0x2066 && c <= 0x2069);
}

/**
 * mk_safe_text_append:
 * @out: where to append
 * @text: (nullable): text from data; %NULL appends nothing
 *
 * Appends @text with its control characters escaped (see the module note).
 */
void
mk_safe_text_append (GString    *out,
                     const char *text)
{
  const char *p = text;

  g_return_if_fail (out != NULL);

  if (text == NULL)
    return;
  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (out, "\\x%02x", (guchar) *p);
          p++;
          continue;
        }
      if (c < 0x80 && is_unsafe_char (c))
        g_string_append_printf (out, "\\x%02x", c);
      else if (is_unsafe_char (c))
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      p = g_utf8_next_char (p);
    }
}

/**
 * mk_safe_text:
 * @text: (nullable): text from data
 *
 * Returns: (transfer full) (nullable): @text with its control characters
 *   escaped, or %NULL for %NULL.
 */
char *
mk_safe_text (const char *text)
{
  GString *out;

  if (text == NULL)
    return NULL;
  out = g_string_sized_new (strlen (text));
  mk_safe_text_append (out, text);
  return g_string_free (out, FALSE);
}
