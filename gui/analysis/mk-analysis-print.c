/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-analysis-print.c — printing the analysis report.
 *
 * "Print Report…" runs a GtkPrintOperation whose pages are the PDF report's
 * pages: core draws page N onto the print context's cairo_t
 * (mk_report_pdf_draw_page), scaled from A4 points to the chosen paper, so
 * what comes out of the printer is what "Export Report as PDF…" writes.
 * The GUI draws nothing of its own.  The analysis is immutable, so the page
 * count asked when printing begins stays true for every page.
 */
#define G_LOG_DOMAIN "mk-analysis-page"

#include "config.h"

#include <glib/gi18n.h>

#include "mk-analysis-print.h"
#include "mk-report.h"

#define A4_WIDTH_PT  595.276
#define A4_HEIGHT_PT 841.890

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                MkAnalysis        *analysis)
{
  gtk_print_operation_set_n_pages (operation, MAX (mk_report_pdf_count_pages (analysis), 1));
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              MkAnalysis        *analysis)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double scale = MIN (gtk_print_context_get_width (context) / A4_WIDTH_PT,
                      gtk_print_context_get_height (context) / A4_HEIGHT_PT);

  cairo_save (cr);
  cairo_scale (cr, scale, scale);
  mk_report_pdf_draw_page (analysis, cr, page);
  cairo_restore (cr);
}

/**
 * mk_analysis_print:
 * @parent: (nullable): the window the print dialog belongs to
 * @analysis: the analysis to print
 * @action: GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG to ask the user, or
 *   GTK_PRINT_OPERATION_ACTION_EXPORT to write @export_filename
 * @export_filename: (nullable): the PDF to write with the export action
 * @error: return location for a #GError
 *
 * Prints the report's pages.
 *
 * Returns: %FALSE with @error set when printing failed; %TRUE when it was
 *   done or the user cancelled the dialog.
 */
gboolean
mk_analysis_print (GtkWindow               *parent,
                   MkAnalysis              *analysis,
                   GtkPrintOperationAction  action,
                   const char              *export_filename,
                   GError                 **error)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autofree char *title = NULL;

  g_return_val_if_fail (MK_IS_ANALYSIS (analysis), FALSE);

  /* Translators: the print job's name; %s are the first and last day. */
  title = g_strdup_printf (_("Minutka report %s – %s"), mk_analysis_get_from (analysis),
                           mk_analysis_get_to (analysis));
  gtk_print_operation_set_job_name (operation, title);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  if (export_filename != NULL)
    gtk_print_operation_set_export_filename (operation, export_filename);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), analysis);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), analysis);

  return gtk_print_operation_run (operation, action, parent, error) !=
         GTK_PRINT_OPERATION_RESULT_ERROR;
}
