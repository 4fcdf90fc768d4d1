/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-analysis-export.c — the analysis report to a file, chosen by the user.
 *
 * "Export Report as PDF…/CSV…": a native file chooser names the file, then
 * core's report writer (mk_report_write) writes it in a worker thread, so
 * a big team's PDF never blocks the window; a toast says where it went and
 * offers to open it (the desktop's app for the file's type, through
 * gtk_show_uri_full(): GtkFileLauncher is GTK 4.10), a dialog says why it
 * was not saved or cannot be opened.
 *
 * Invariants.  The GUI formats nothing itself: the bytes are core's.  The
 * analysis is immutable, so the worker may read it while the page shows
 * it.  mk_report_write writes the whole file or reports an error.
 */
#define G_LOG_DOMAIN "mk-analysis-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "mk-analysis-export.h"
#include "mk-window.h"

typedef struct {
  MkAnalysis     *analysis;
  MkReportFormat  format;
  GFile          *file;
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_clear_object (&job->analysis);
  g_clear_object (&job->file);
  g_free (job);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportJob *job = task_data;
  g_autofree char *path = g_file_get_path (job->file);
  GError *error = NULL;

  if (path == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("The report can only be saved to a local folder."));
      return;
    }
  if (!mk_report_write (job->analysis, job->format, path, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * mk_analysis_export_async:
 * @analysis: (nullable): the analysis to write
 * @format: the report's format
 * @file: where to write it
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the main context when done
 * @user_data: data for @callback
 *
 * Writes the report of @analysis to @file in a worker thread.
 */
void
mk_analysis_export_async (MkAnalysis          *analysis,
                          MkReportFormat       format,
                          GFile               *file,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ExportJob *job;

  g_return_if_fail (analysis == NULL || MK_IS_ANALYSIS (analysis));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mk_analysis_export_async);
  if (analysis == NULL || mk_analysis_is_empty (analysis))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("There is nothing to export: nobody logged time in the period."));
      return;
    }

  job = g_new0 (ExportJob, 1);
  job->analysis = g_object_ref (analysis);
  job->format = format;
  job->file = g_object_ref (file);
  g_task_set_task_data (task, job, export_job_free);
  g_task_run_in_thread (task, export_thread);
}

/**
 * mk_analysis_export_finish:
 * @result: the result passed to the callback
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the report was written, else %FALSE with @error set.
 */
gboolean
mk_analysis_export_finish (GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* What the chooser's export needs to tell the user afterwards. */
typedef struct {
  GtkWindow *parent;
  GFile     *file;
} Reply;

static void
reply_free (Reply *reply)
{
  g_clear_object (&reply->parent);
  g_clear_object (&reply->file);
  g_free (reply);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reply, reply_free)

static void
open_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GtkWindow) parent = user_data;
  g_autoptr(GError) error = NULL;

  if (gtk_show_uri_full_finish (parent, result, &error))
    return;
  g_debug ("the report was not opened: %s", error->message);
  if (MK_IS_WINDOW (parent))
    {
      g_autoptr(GError) shown = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                                                     _("No app to open it is installed. The "
                                                       "report is saved: open it from the "
                                                       "folder it was saved in."));

      mk_window_show_error (MK_WINDOW (parent), _("The Report Cannot Be Opened"), shown);
    }
}

/* The toast's Open: the saved report in the desktop's app for its type. */
static void
open_clicked_cb (AdwToast  *toast,
                 GtkWindow *parent)
{
  GFile *file = g_object_get_data (G_OBJECT (toast), "mk-file");
  g_autofree char *uri = file ? g_file_get_uri (file) : NULL;

  if (uri == NULL)
    return;
  gtk_show_uri_full (parent, uri, GDK_CURRENT_TIME, NULL, open_done_cb, g_object_ref (parent));
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Reply) reply = user_data;
  g_autoptr(GError) error = NULL;
  GtkWindow *parent = reply->parent;
  GFile *file = reply->file;

  if (!mk_analysis_export_finish (result, &error))
    {
      if (MK_IS_WINDOW (parent))
        mk_window_show_error (MK_WINDOW (parent), _("The Report Was Not Saved"), error);
      else
        g_warning ("The report was not saved: %s", error->message);
      return;
    }

  if (MK_IS_WINDOW (parent) && file != NULL)
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *text = g_strdup_printf (_("Report saved as “%s”"), name);
      AdwToast *toast = adw_toast_new (text);

      adw_toast_set_button_label (toast, _("_Open"));
      g_object_set_data_full (G_OBJECT (toast), "mk-file", g_object_ref (file), g_object_unref);
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (open_clicked_cb), parent, 0);
      mk_window_show_toast (MK_WINDOW (parent), toast);
    }
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  MkAnalysis *analysis = g_object_get_data (G_OBJECT (chooser), "analysis");
  MkReportFormat format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "format"));
  GtkWindow *parent = gtk_native_dialog_get_transient_for (chooser);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        {
          Reply *reply = g_new0 (Reply, 1);

          reply->parent = parent ? g_object_ref (parent) : NULL;
          reply->file = g_object_ref (file);
          mk_analysis_export_async (analysis, format, file, NULL, export_done_cb, reply);
        }
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

/**
 * mk_analysis_export_choose:
 * @parent: (nullable): the window the chooser belongs to
 * @analysis: the analysis to export
 * @format: %MK_REPORT_FORMAT_PDF or %MK_REPORT_FORMAT_CSV
 *
 * Asks where to save the report, then writes it and tells the user.
 */
void
mk_analysis_export_choose (GtkWindow      *parent,
                           MkAnalysis     *analysis,
                           MkReportFormat  format)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;
  const char *ext = format == MK_REPORT_FORMAT_CSV ? "csv" : "pdf";

  g_return_if_fail (MK_IS_ANALYSIS (analysis));

  chooser = gtk_file_chooser_native_new (format == MK_REPORT_FORMAT_CSV
                                         ? _("Export Report as CSV") : _("Export Report as PDF"),
                                         parent, GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (format == MK_REPORT_FORMAT_CSV)
    {
      gtk_file_filter_set_name (filter, _("CSV files"));
      gtk_file_filter_add_mime_type (filter, "text/csv");
      gtk_file_filter_add_suffix (filter, "csv");
    }
  else
    {
      gtk_file_filter_set_name (filter, _("PDF documents"));
      gtk_file_filter_add_mime_type (filter, "application/pdf");
      gtk_file_filter_add_suffix (filter, "pdf");
    }
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  /* TRANSLATORS: the suggested file name; %s are the first and last day. */
  name = g_strdup_printf (_("minutka-report-%s-%s.%s"), mk_analysis_get_from (analysis),
                          mk_analysis_get_to (analysis), ext);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  g_object_set_data_full (G_OBJECT (chooser), "analysis", g_object_ref (analysis),
                          g_object_unref);
  g_object_set_data (G_OBJECT (chooser), "format", GINT_TO_POINTER (format));
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), NULL);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
