/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-dialect.c — how a CSV file is written: its delimiter and line ends.
 *
 * Design notes.
 *
 * For each candidate delimiter the sample is split into records the way
 * libcsv will split it: a quote opens a quoted field only at the start of
 * a field, "" inside a quoted field is a quote, and CR, LF or CRLF outside
 * quotes ends a record.  Blank lines are not records.  When the sample is
 * only the start of the file, its last record may be cut short and is not
 * counted.
 *
 * A candidate scores by the share of records with as many fields as the
 * header, then by the header's field count; a delimiter that leaves the
 * header in one piece scores nothing.  The header decides because it has
 * no decimal commas: "Дата;Часы" / "05.03.2024;7,5" splits 2 and 2 on ";"
 * but 1 and 2 on ",".  Ties go to the order "," ";" TAB "|".
 *
 * An Excel "sep=X" first line (optionally quoted) names the delimiter and
 * is not part of the data; skip_bytes and skip_lines say how to step over
 * it.
 */
#define G_LOG_DOMAIN "mk-dialect"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mk-dialect.h"

static const char candidates[] = { ',', ';', '\t', '|' };

typedef struct {
  guint n_records;
  guint header_fields;
  guint consistent;
} Tally;

/* Splits @text into at most MK_DIALECT_SNIFF_RECORDS records with
 * @delimiter and tallies their field counts. */
static void
tally (const char *text,
       gsize       len,
       gboolean    complete,
       char        delimiter,
       Tally      *t)
{
  gsize i = 0;
  guint fields = 1;
  gboolean in_quotes = FALSE;
  gboolean field_start = TRUE;
  gboolean record_empty = TRUE;

  memset (t, 0, sizeof *t);
  while (i < len && t->n_records < MK_DIALECT_SNIFF_RECORDS)
    {
      char c = text[i];

      if (in_quotes)
        {
          if (c == '"')
            {
              if (i + 1 < len && text[i + 1] == '"')
                i++;
              else
                in_quotes = FALSE;
            }
          i++;
          continue;
        }

      if (c == '\r' || c == '\n')
        {
          if (!record_empty)
            {
              if (t->n_records == 0)
                t->header_fields = fields;
              if (fields == t->header_fields)
                t->consistent++;
              t->n_records++;
            }
          fields = 1;
          field_start = TRUE;
          record_empty = TRUE;
          i++;
          continue;
        }

      record_empty = FALSE;
      if (c == delimiter)
        {
          fields++;
          field_start = TRUE;
        }
      else if (c == '"' && field_start)
        {
          in_quotes = TRUE;
          field_start = FALSE;
        }
      else if (c != ' ')
        field_start = FALSE;
      i++;
    }

  /* The last record counts only if the sample is the whole file. */
  if (complete && !record_empty && !in_quotes && t->n_records < MK_DIALECT_SNIFF_RECORDS)
    {
      if (t->n_records == 0)
        t->header_fields = fields;
      if (fields == t->header_fields)
        t->consistent++;
      t->n_records++;
    }
}

/* Reads an Excel "sep=X" line at the start of @text; returns its length
 * with the line end, or 0. */
static gsize
read_sep_line (const char *text,
               gsize       len,
               char       *delimiter)
{
  gsize i = 0;
  gboolean quoted = FALSE;

  if (len > 0 && text[0] == '"')
    {
      quoted = TRUE;
      i++;
    }
  if (len < i + 5 || g_ascii_strncasecmp (text + i, "sep=", 4) != 0)
    return 0;
  i += 4;
  if (text[i] == '\r' || text[i] == '\n' || text[i] == '"' || text[i] == ' '
      || (guchar) text[i] >= 0x80)
    return 0;
  *delimiter = text[i++];
  if (quoted)
    {
      if (i >= len || text[i] != '"')
        return 0;
      i++;
    }
  if (i < len && text[i] == '\r')
    i++;
  if (i < len && text[i] == '\n')
    i++;
  else if (i < len && text[i - 1] != '\r')
    return 0;
  return i;
}

static MkLineEnding
first_line_ending (const char *text,
                   gsize       len)
{
  gboolean in_quotes = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == '"')
        in_quotes = !in_quotes;
      else if (!in_quotes && text[i] == '\n')
        return MK_LINE_ENDING_LF;
      else if (!in_quotes && text[i] == '\r')
        {
          if (i + 1 < len && text[i + 1] == '\n')
            return MK_LINE_ENDING_CRLF;
          if (i + 1 < len)
            return MK_LINE_ENDING_CR;
        }
    }
  return MK_LINE_ENDING_NONE;
}

/**
 * mk_dialect_sniff:
 * @text: (array length=len): the start of the decoded file, UTF-8
 * @len: its length in bytes
 * @complete: %TRUE if @text is the whole file
 * @dialect: (out caller-allocates): the dialect found
 *
 * Decides the delimiter and line ends from the first
 * %MK_DIALECT_SNIFF_RECORDS records.  Never fails: with nothing to go by
 * the delimiter is "," and @dialect->confident is %FALSE.
 */
void
mk_dialect_sniff (const char *text,
                  gsize       len,
                  gboolean    complete,
                  MkDialect  *dialect)
{
  Tally best = { 0, };
  char sep = 0;

  g_return_if_fail (text != NULL || len == 0);
  g_return_if_fail (dialect != NULL);

  memset (dialect, 0, sizeof *dialect);
  dialect->delimiter = ',';

  if (len >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    {
      dialect->skip_bytes = 3;
      text += 3;
      len -= 3;
    }

  dialect->line_ending = first_line_ending (text, len);
  {
    gsize sep_len = read_sep_line (text, len, &sep);

    if (sep_len > 0)
      {
        Tally t;

        dialect->delimiter = sep;
        dialect->from_sep_line = TRUE;
        dialect->skip_bytes += sep_len;
        dialect->skip_lines = 1;
        text += sep_len;
        len -= sep_len;
        tally (text, len, complete, sep, &t);
        dialect->header_fields = t.header_fields;
        dialect->confident = TRUE;
        return;
      }
  }

  for (gsize c = 0; c < G_N_ELEMENTS (candidates); c++)
    {
      Tally t;
      gboolean better;

      tally (text, len, complete, candidates[c], &t);
      if (t.n_records == 0 || t.header_fields < 2)
        continue;
      if (best.n_records == 0)
        better = TRUE;
      else
        {
          /* Compare consistent/n_records as cross products. */
          guint64 mine = (guint64) t.consistent * best.n_records;
          guint64 theirs = (guint64) best.consistent * t.n_records;

          better = mine > theirs || (mine == theirs && t.header_fields > best.header_fields);
        }
      if (better)
        {
          best = t;
          dialect->delimiter = candidates[c];
        }
    }

  if (best.n_records == 0)
    {
      Tally t;

      tally (text, len, complete, ',', &t);
      dialect->header_fields = t.header_fields;
      dialect->confident = FALSE;
      return;
    }
  dialect->header_fields = best.header_fields;
  dialect->confident = best.consistent == best.n_records;
}

/**
 * mk_dialect_delimiter_name:
 * @delimiter: a delimiter
 *
 * Returns: (transfer none): the delimiter's name for a summary, translated
 *   ("comma", "semicolon", "tab", "vertical bar"), or a quoted character.
 */
const char *
mk_dialect_delimiter_name (char delimiter)
{
  switch (delimiter)
    {
    case ',':
      return _("comma");
    case ';':
      return _("semicolon");
    case '\t':
      return _("tab");
    case '|':
      return _("vertical bar");
    default:
      return _("other character");
    }
}

/**
 * mk_dialect_line_ending_name:
 * @line_ending: a line ending
 *
 * Returns: (transfer none): "LF", "CRLF", "CR" or "none".
 */
const char *
mk_dialect_line_ending_name (MkLineEnding line_ending)
{
  switch (line_ending)
    {
    case MK_LINE_ENDING_LF:
      return "LF";
    case MK_LINE_ENDING_CRLF:
      return "CRLF";
    case MK_LINE_ENDING_CR:
      return "CR";
    case MK_LINE_ENDING_NONE:
    default:
      return _("none");
    }
}
