/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-dialect.c — delimiters and line ends sniffed from the first lines. */
#include "config.h"

#include <string.h>

#include "mk-dialect.h"

static MkDialect
sniff (const char *text,
       gboolean    complete)
{
  MkDialect dialect;

  mk_dialect_sniff (text, strlen (text), complete, &dialect);
  return dialect;
}

static void
test_comma (void)
{
  MkDialect d = sniff ("Date,User,Minutes\n2024-03-05,Anna,30\n2024-03-05,Boris,45\n", TRUE);

  g_assert_cmpint (d.delimiter, ==, ',');
  g_assert_cmpuint (d.header_fields, ==, 3);
  g_assert_true (d.confident);
  g_assert_cmpint (d.line_ending, ==, MK_LINE_ENDING_LF);
  g_assert_cmpuint (d.skip_bytes, ==, 0);
}

static void
test_semicolon_with_decimal_commas (void)
{
  MkDialect d = sniff ("Дата;Менеджер;Часы\r\n05.03.2024;Анна;7,5\r\n05.03.2024;Борис;1,25\r\n",
                       TRUE);

  g_assert_cmpint (d.delimiter, ==, ';');
  g_assert_cmpuint (d.header_fields, ==, 3);
  g_assert_cmpint (d.line_ending, ==, MK_LINE_ENDING_CRLF);
}

static void
test_tab (void)
{
  MkDialect d = sniff ("activity\tstart time\tend time\tduration min\tcategory\n"
                       "Call, Acme\t2024-03-05 09:00\t2024-03-05 09:30\t30\tCalls\n", TRUE);

  g_assert_cmpint (d.delimiter, ==, '\t');
  g_assert_cmpuint (d.header_fields, ==, 5);
}

static void
test_pipe (void)
{
  MkDialect d = sniff ("date|person|minutes|category\n2024-03-05|Anna|30|calls\n", TRUE);

  g_assert_cmpint (d.delimiter, ==, '|');
  g_assert_cmpuint (d.header_fields, ==, 4);
}

static void
test_quotes_respected (void)
{
  /* The descriptions are full of semicolons and a newline, inside quotes:
   * commas still split every record into four fields. */
  MkDialect d = sniff ("Date,User,Description,Minutes\n"
                       "2024-03-05,Anna,\"call; then; notes\",30\n"
                       "2024-03-05,Boris,\"two\nlines; \"\"quoted\"\"\",45\n"
                       "2024-03-06,Anna,\"a;b;c;d;e\",15\n", TRUE);

  g_assert_cmpint (d.delimiter, ==, ',');
  g_assert_true (d.confident);
}

static void
test_excel_sep_line (void)
{
  MkDialect d = sniff ("sep=;\r\nDate;Minutes\r\n2024-03-05;30\r\n", TRUE);
  MkDialect quoted = sniff ("\"sep=|\"\nDate|Minutes\n", TRUE);

  g_assert_cmpint (d.delimiter, ==, ';');
  g_assert_true (d.from_sep_line);
  g_assert_cmpuint (d.skip_bytes, ==, 7);
  g_assert_cmpuint (d.skip_lines, ==, 1);
  g_assert_cmpuint (d.header_fields, ==, 2);
  g_assert_cmpint (quoted.delimiter, ==, '|');
  g_assert_cmpuint (quoted.skip_bytes, ==, 8);
}

static void
test_sep_word_in_header_is_not_sep_line (void)
{
  MkDialect d = sniff ("separator,Minutes\nx,30\n", TRUE);

  g_assert_false (d.from_sep_line);
  g_assert_cmpuint (d.skip_bytes, ==, 0);
}

static void
test_lone_cr (void)
{
  MkDialect d = sniff ("Date;Minutes\r2024-03-05;30\r2024-03-06;45\r", TRUE);

  g_assert_cmpint (d.delimiter, ==, ';');
  g_assert_cmpint (d.line_ending, ==, MK_LINE_ENDING_CR);
  g_assert_true (d.confident);
}

static void
test_cut_sample (void)
{
  /* The sample ends mid-record: that record must not spoil consistency. */
  MkDialect d = sniff ("Date;User;Minutes\n2024-03-05;Anna;30\n2024-03-05;Bo", FALSE);

  g_assert_cmpint (d.delimiter, ==, ';');
  g_assert_true (d.confident);
}

static void
test_blank_lines_ignored (void)
{
  MkDialect d = sniff ("\nDate;Minutes\n\n2024-03-05;30\n\n", TRUE);

  g_assert_cmpint (d.delimiter, ==, ';');
  g_assert_true (d.confident);
}

static void
test_one_column (void)
{
  MkDialect d = sniff ("Minutes\n30\n45\n", TRUE);

  g_assert_cmpint (d.delimiter, ==, ',');
  g_assert_false (d.confident);
  g_assert_cmpuint (d.header_fields, ==, 1);
}

static void
test_bom_skipped (void)
{
  MkDialect d = sniff ("\xEF\xBB\xBF" "sep=;\nDate;Minutes\n", TRUE);

  g_assert_true (d.from_sep_line);
  g_assert_cmpuint (d.skip_bytes, ==, 9);
}

static void
test_names (void)
{
  g_assert_cmpstr (mk_dialect_delimiter_name (';'), ==, "semicolon");
  g_assert_cmpstr (mk_dialect_delimiter_name ('\t'), ==, "tab");
  g_assert_cmpstr (mk_dialect_line_ending_name (MK_LINE_ENDING_CRLF), ==, "CRLF");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dialect/comma", test_comma);
  g_test_add_func ("/dialect/semicolon-with-decimal-commas", test_semicolon_with_decimal_commas);
  g_test_add_func ("/dialect/tab", test_tab);
  g_test_add_func ("/dialect/pipe", test_pipe);
  g_test_add_func ("/dialect/quotes-respected", test_quotes_respected);
  g_test_add_func ("/dialect/excel-sep-line", test_excel_sep_line);
  g_test_add_func ("/dialect/sep-word-in-header-is-not-sep-line",
                   test_sep_word_in_header_is_not_sep_line);
  g_test_add_func ("/dialect/lone-cr", test_lone_cr);
  g_test_add_func ("/dialect/cut-sample", test_cut_sample);
  g_test_add_func ("/dialect/blank-lines-ignored", test_blank_lines_ignored);
  g_test_add_func ("/dialect/one-column", test_one_column);
  g_test_add_func ("/dialect/bom-skipped", test_bom_skipped);
  g_test_add_func ("/dialect/names", test_names);

  return g_test_run ();
}
