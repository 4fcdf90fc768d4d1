/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-report.h — the analysis as text, JSON, CSV or PDF.
 *
 * Every writer takes a finished MkAnalysis and never touches the store.
 * Text and PDF are for people and translated; JSON and CSV are for
 * programs: their keys and columns are stable (README, "Report JSON
 * format") and only the "message" and "summary" strings are translated.
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "mk-analysis.h"

G_BEGIN_DECLS

/**
 * MkReportFormat:
 * @MK_REPORT_FORMAT_TEXT: readable in a terminal.
 * @MK_REPORT_FORMAT_JSON: the documented JSON contract.
 * @MK_REPORT_FORMAT_CSV: one row per manager × category.
 * @MK_REPORT_FORMAT_PDF: a printable A4 report.
 */
typedef enum {
  MK_REPORT_FORMAT_TEXT,
  MK_REPORT_FORMAT_JSON,
  MK_REPORT_FORMAT_CSV,
  MK_REPORT_FORMAT_PDF,
} MkReportFormat;

#define MK_REPORT_JSON_VERSION 1

gboolean  mk_report_format_from_string (const char     *text,
                                        MkReportFormat *format);
char     *mk_report_text               (MkAnalysis     *analysis);
char     *mk_report_json               (MkAnalysis     *analysis);
char     *mk_report_csv                (MkAnalysis     *analysis);
GBytes   *mk_report_pdf                (MkAnalysis     *analysis,
                                        GError        **error);
int       mk_report_pdf_count_pages    (MkAnalysis     *analysis);
void      mk_report_pdf_draw_page      (MkAnalysis     *analysis,
                                        cairo_t        *cr,
                                        int             page);
gboolean  mk_report_write              (MkAnalysis     *analysis,
                                        MkReportFormat  format,
                                        const char     *path,
                                        GError        **error);

G_END_DECLS
