/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-analysis-print.c — printing the analysis report.
 *
 * "Print Report…" runs a GtkPrintOperation whose pages are the PDF report's
 * pages: core draws page N onto the print context's cairo_t
 * (mk_report_pdf_draw_page), scaled from A4 points to the chosen paper, so
 * what comes out of the printer is what "Export Report as PDF…" writes.
 * The GUI draws nothing of its own.  The analysis is immutable, so the page
 * count asked when printing begins stays true for every page.
 *
 * Preview: GTK hands the pages to the desktop's previewer (the
 * gtk-print-preview-command setting, Evince on GNOME).  Where it is not
 * installed, the print dialog's Preview did nothing at all; instead a
 * message says so and what to do (issue 17, item 13).
 */
#define G_LOG_DOMAIN "mk-analysis-page"

#include "config.h"

#include <adwaita.h>
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

/* Whether the program of gtk-print-preview-command is installed. */
static gboolean
previewer_installed (void)
{
  g_autofree char *command = NULL;
  g_auto(GStrv) argv = NULL;
  g_autofree char *program = NULL;

  g_object_get (gtk_settings_get_default (), "gtk-print-preview-command", &command, NULL);
  if (command == NULL || !g_shell_parse_argv (command, NULL, &argv, NULL) || argv[0] == NULL)
    return FALSE;
  program = g_find_program_in_path (argv[0]);
  return program != NULL;
}

static void
preview_ready_cb (GtkPrintOperationPreview *preview,
                  GtkPrintContext          *context,
                  gpointer                  user_data)
{
  gtk_print_operation_preview_end_preview (preview);
}

static gboolean
preview_cb (GtkPrintOperation        *operation,
            GtkPrintOperationPreview *preview,
            GtkPrintContext          *context,
            GtkWindow                *parent,
            gpointer                  user_data)
{
  GtkWidget *dialog;

  if (previewer_installed ())
    return FALSE;   /* GTK's own preview */

  dialog = adw_message_dialog_new (parent, _("No Print Preview"),
                                   _("No app to show a print preview is installed. Print the "
                                     "report, or export it as PDF and open it in any PDF "
                                     "viewer."));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_widget_set_name (dialog, "no-preview-dialog");
  gtk_window_present (GTK_WINDOW (dialog));
  /* No page is drawn: the preview ends once it is set up.  GTK wants a
   * cairo context to set it up with; a one-pixel one will do. */
  {
    cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
    cairo_t *cr = cairo_create (surface);

    gtk_print_context_set_cairo_context (context, cr, 72, 72);
    g_object_set_data_full (G_OBJECT (preview), "mk-cairo", cr,
                            (GDestroyNotify) cairo_destroy);
    cairo_surface_destroy (surface);
  }
  g_signal_connect (preview, "ready", G_CALLBACK (preview_ready_cb), NULL);
  return TRUE;
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
  g_signal_connect (operation, "preview", G_CALLBACK (preview_cb), NULL);

  return gtk_print_operation_run (operation, action, parent, error) !=
         GTK_PRINT_OPERATION_RESULT_ERROR;
}
