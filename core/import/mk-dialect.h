/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-dialect.h — how a CSV file is written: its delimiter and line ends.
 *
 * Decided from the first lines of the decoded text (a chunk is enough):
 * the delimiter among "," ";" TAB "|" that splits the header and the
 * lines after it into the same number of fields, quotes respected; an
 * Excel "sep=;" first line overrides the guess.  Pure: no I/O.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * MkLineEnding:
 * @MK_LINE_ENDING_NONE: the sample has a single line
 * @MK_LINE_ENDING_LF: Unix line ends
 * @MK_LINE_ENDING_CRLF: Windows line ends
 * @MK_LINE_ENDING_CR: old Mac line ends (a lone CR)
 */
typedef enum {
  MK_LINE_ENDING_NONE,
  MK_LINE_ENDING_LF,
  MK_LINE_ENDING_CRLF,
  MK_LINE_ENDING_CR,
} MkLineEnding;

/**
 * MkDialect:
 * @delimiter: the field delimiter: ',', ';', '\t' or '|' (or what a
 *   "sep=" line names)
 * @line_ending: the first line end seen
 * @skip_bytes: bytes of text before the header (the "sep=" line), 0 if none
 * @skip_lines: lines before the header (1 after a "sep=" line, else 0)
 * @header_fields: how many fields the header has with @delimiter
 * @from_sep_line: %TRUE when a "sep=" line named the delimiter
 * @confident: %TRUE when the delimiter split the sample into two or more
 *   fields on every line; %FALSE when it is a fallback guess (a file with
 *   one column, or lines of different lengths)
 */
typedef struct {
  char         delimiter;
  MkLineEnding line_ending;
  gsize        skip_bytes;
  guint        skip_lines;
  guint        header_fields;
  gboolean     from_sep_line;
  gboolean     confident;
} MkDialect;

/* How many records of the sample the sniffer looks at. */
#define MK_DIALECT_SNIFF_RECORDS 50

void        mk_dialect_sniff              (const char      *text,
                                           gsize            len,
                                           gboolean         complete,
                                           MkDialect       *dialect);
const char *mk_dialect_delimiter_name     (char             delimiter);
const char *mk_dialect_line_ending_name   (MkLineEnding     line_ending);

G_END_DECLS
