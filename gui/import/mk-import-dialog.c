/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-import-dialog.c — Import CSV…: preview, correct and import timesheet files.
 *
 * A modal window over the main window, one file at a time: the preview
 * page (MkImportPreviewPage) shows how the file will be read and takes
 * the user's corrections; "Import" runs mk_importer_run_async() with a
 * progress page and a Stop button; the result page says what came in,
 * lists the rejected rows with their line numbers (selectable, copyable)
 * and offers "Show in Analysis" and the next file.  A file that cannot be
 * read at all gets the error page with the importer's message.
 *
 * Invariants:
 *   - the main loop never waits on a file: previews and imports run in
 *     worker threads, each on its own store connection;
 *   - an import is all or nothing (the importer's rule): Stop or closing
 *     the window cancels it and the database stays as it was;
 *   - the pages are a GtkStack named "loading", "preview", "error",
 *     "progress" and "result"; mk_import_dialog_get_page() tells which one
 *     shows, for tests.
 */
#define G_LOG_DOMAIN "mk-import-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "mk-format.h"
#include "mk-analysis-format.h"
#include "mk-error.h"
#include "mk-import-dialog.h"
#include "mk-import-preview-page.h"
#include "mk-importer.h"
#include "mk-store-batches.h"

struct _MkImportDialog
{
  AdwWindow            parent_instance;

  AdwWindowTitle      *window_title;
  GtkWidget           *close_button;
  GtkWidget           *import_button;
  GtkStack            *stack;
  GtkSpinner          *loading_spinner;
  MkImportPreviewPage *preview_page;
  AdwStatusPage       *error_page;
  GtkLabel            *error_label;
  GtkWidget           *error_next_button;
  AdwStatusPage       *progress_page;
  GtkProgressBar      *progress_bar;
  GtkLabel            *progress_label;
  GtkImage            *result_icon;
  GtkLabel            *result_title;
  GtkLabel            *result_description;
  GtkLabel            *imported_label;
  GtkLabel            *duplicates_label;
  GtkLabel            *skipped_label;
  GtkLabel            *rejected_label;
  GtkWidget           *problems_group;
  GtkLabel            *problems_view;
  GtkWidget           *retry_button;
  GtkWidget           *undo_button;
  GtkWidget           *analysis_button;
  GtkButton           *next_button;

  MkWindow            *parent;
  MkStore             *store;
  GListModel          *files;
  guint                index;
  GCancellable        *cancellable;
  gboolean             running;
  gboolean             closing;
  guint64              imported_total;
  gint64               undo_batch_id;    /* the import Undo takes back, or 0 */
  char                *undo_file_name;
};

G_DEFINE_FINAL_TYPE (MkImportDialog, mk_import_dialog, ADW_TYPE_WINDOW)

static gboolean
has_next_file (MkImportDialog *self)
{
  return self->files != NULL && self->index + 1 < g_list_model_get_n_items (self->files);
}

static void
update_actions (MkImportDialog *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  gboolean on_preview = g_strcmp0 (page, "preview") == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.start",
                                 on_preview && !self->running
                                 && mk_import_preview_page_get_ready (self->preview_page));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.cancel", self->running);
  gtk_widget_set_visible (self->import_button, on_preview || g_strcmp0 (page, "loading") == 0);
  /* Before an import "Cancel" says that nothing happens; after one, "Close". */
  gtk_button_set_label (GTK_BUTTON (self->close_button),
                        g_strcmp0 (page, "result") == 0 || g_strcmp0 (page, "error") == 0
                        ? _("_Close") : _("_Cancel"));
  /* After the last file, "Done" is the one way out. */
  gtk_widget_set_visible (self->close_button,
                          g_strcmp0 (page, "result") != 0 || has_next_file (self));
}

static void
show_page (MkImportDialog *self,
           const char     *name)
{
  gtk_stack_set_visible_child_name (self->stack, name);
  gtk_spinner_set_spinning (self->loading_spinner, g_strcmp0 (name, "loading") == 0);
  update_actions (self);
}

/* ngettext() takes an unsigned long: keep the last digits, which decide
 * the plural form in every language. */
static unsigned long
plural_n (guint64 n)
{
  return n > G_MAXUINT32 ? (unsigned long) (n % 1000000) + 1000000 : (unsigned long) n;
}

/* The preview of the current file. */

static void
load_current_file (MkImportDialog *self)
{
  g_autoptr(GFile) file = g_list_model_get_item (self->files, self->index);
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *subtitle = NULL;
  guint n = g_list_model_get_n_items (self->files);

  if (n > 1)
    /* Translators: the import dialog's subtitle: "File 1 of 3: toggl.csv". */
    subtitle = g_strdup_printf (_("File %u of %u: %s"), self->index + 1, n, name);
  else
    subtitle = g_strdup (name);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  show_page (self, "loading");
  mk_import_preview_page_load (self->preview_page, self->store, file);
}

static void
preview_loaded_cb (MkImportDialog *self)
{
  const GError *error = mk_import_preview_page_get_error (self->preview_page);
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  /* A file that cannot be read at all: the error page.  Later failures
   * (after an override) stay on the preview, so the user can undo them. */
  if (error != NULL && g_strcmp0 (page, "loading") == 0)
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_button_set_label (GTK_BUTTON (self->error_next_button),
                            has_next_file (self) ? _("_Next File") : _("_Close"));
      show_page (self, "error");
      gtk_widget_grab_focus (self->error_next_button);
      return;
    }
  show_page (self, "preview");
}

static void
preview_state_cb (MkImportDialog *self)
{
  update_actions (self);
}

/* The import. */

static void
progress_cb (guint64  rows,
             guint64  bytes,
             guint64  total_bytes,
             gpointer user_data)
{
  MkImportDialog *self = user_data;
  double fraction = total_bytes > 0 ? (double) bytes / (double) total_bytes : 0;
  g_autofree char *percent = NULL;
  g_autofree char *number = NULL;
  g_autofree char *label = NULL;

  if (self->closing)
    return;
  fraction = CLAMP (fraction, 0, 1);
  /* Translators: the import's progress in per cent; "%%" is the sign. */
  percent = g_strdup_printf (_("%d %%"), (int) (fraction * 100));
  number = mk_format_count ((gint64) rows);
  /* Translators: %s is a number of rows. */
  label = g_strdup_printf (ngettext ("%s row read", "%s rows read", plural_n (rows)), number);
  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  gtk_progress_bar_set_text (self->progress_bar, percent);
  gtk_label_set_text (self->progress_label, label);
}

static void
set_count (GtkLabel *label,
           guint64   count)
{
  g_autofree char *text = mk_format_count ((gint64) count);

  gtk_label_set_text (label, text);
}

static void
show_problems (MkImportDialog *self,
               MkImportResult *result)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; result != NULL && i < result->problems->len; i++)
    {
      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, g_ptr_array_index (result->problems, i));
    }
  if (result != NULL && result->n_problems > result->problems->len)
    {
      guint64 more = result->n_problems - result->problems->len;
      g_autofree char *number = mk_format_count ((gint64) more);

      g_string_append_c (text, '\n');
      /* Translators: %s is a number of rows not listed above. */
      g_string_append_printf (text, ngettext ("… and %s more row", "… and %s more rows",
                                              plural_n (more)), number);
    }
  gtk_label_set_text (self->problems_view, text->str);
  gtk_widget_set_visible (self->problems_group, text->len > 0);
}

static void
show_result (MkImportDialog *self,
             MkImportResult *result,
             const GError   *error)
{
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  gboolean cancelled = g_error_matches (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_CANCELLED)
                       || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  gboolean refused = g_error_matches (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_INVALID_ROWS);
  MkImportCounts counts = { 0, };

  if (result != NULL)
    counts = result->counts;
  /* Undo takes back this file's import, if it brought anything in. */
  self->undo_batch_id = 0;
  if (cancelled)
    {
      title = g_strdup (_("Import Stopped"));
      description = g_strdup (_("Nothing was imported: the database is as it was before."));
      gtk_image_set_from_icon_name (self->result_icon, "process-stop-symbolic");
    }
  else if (error != NULL)
    {
      title = g_strdup (_("Nothing Was Imported"));
      description = g_strdup (error->message);
      gtk_image_set_from_icon_name (self->result_icon, "dialog-warning-symbolic");
    }
  else
    {
      g_autofree char *entries = mk_format_count ((gint64) counts.imported);
      g_autofree char *minutes = mk_format_minutes ((double) result->minutes);
      g_autoptr(GPtrArray) notes = mk_import_notes_describe (&result->notes);
      g_autoptr(GString) text = g_string_new (NULL);

      if (counts.imported == 0 && counts.duplicates > 0)
        {
          /* Everything is here already (a backup imported back): nothing
           * was added and no import was recorded. */
          title = g_strdup (_("Nothing New"));
          /* Translators: "backup.csv: every entry in it is already in
           * Minutka; nothing was added." */
          g_string_printf (text, _("%s: every entry in it is already in Minutka; nothing was "
                                   "added."), result->file_name);
        }
      else
        {
          /* Translators: %s is a number of entries. */
          title = g_strdup_printf (ngettext ("Imported %s Entry", "Imported %s Entries",
                                             plural_n (counts.imported)), entries);
          /* Translators: "toggl.csv: 3 h 11 min of work came in." */
          g_string_printf (text, _("%s: %s of work came in."), result->file_name, minutes);
        }
      for (guint i = 0; i < notes->len; i++)
        g_string_append_printf (text, "\n%s", (const char *) g_ptr_array_index (notes, i));
      description = g_string_free (g_steal_pointer (&text), FALSE);
      gtk_image_set_from_icon_name (self->result_icon, "emblem-ok-symbolic");
      self->imported_total += counts.imported;
      if (counts.imported > 0 && result->batch_id > 0)
        {
          self->undo_batch_id = result->batch_id;
          g_free (self->undo_file_name);
          self->undo_file_name = g_strdup (result->file_name);
        }
    }
  gtk_label_set_text (self->result_title, title);
  gtk_label_set_text (self->result_description, description);
  set_count (self->imported_label, error ? 0 : counts.imported);
  set_count (self->duplicates_label, error ? 0 : counts.duplicates);
  set_count (self->skipped_label, counts.skipped);
  set_count (self->rejected_label, result ? MAX (counts.rejected, result->n_problems) : 0);
  show_problems (self, cancelled ? NULL : result);

  gtk_widget_set_visible (self->retry_button, refused);
  gtk_widget_set_visible (self->undo_button, error == NULL && self->undo_batch_id > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.undo", TRUE);
  gtk_widget_set_visible (self->analysis_button, self->imported_total > 0);
  gtk_button_set_label (self->next_button, has_next_file (self) ? _("_Next File") : _("_Done"));
  show_page (self, "result");
  gtk_widget_grab_focus (GTK_WIDGET (self->next_button));
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *res,
                gpointer      user_data)
{
  g_autoptr(MkImportDialog) self = user_data;
  g_autoptr(MkImportResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mk_importer_run_finish (MK_STORE (source), res, &result, &error);
  self->running = FALSE;
  g_clear_object (&self->cancellable);
  if (self->closing)
    return;
  show_result (self, result, error);
}

static void
start_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  MkImportDialog *self = MK_IMPORT_DIALOG (widget);
  MkImportOptions options;
  const char *path = mk_import_preview_page_get_path (self->preview_page);

  if (self->running || path == NULL || !mk_import_preview_page_get_ready (self->preview_page))
    return;
  mk_import_preview_page_get_options (self->preview_page, &options);
  self->running = TRUE;
  self->cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, NULL);
  gtk_label_set_text (self->progress_label, "");
  adw_status_page_set_description (self->progress_page,
                                   adw_window_title_get_subtitle (self->window_title));
  show_page (self, "progress");
  mk_importer_run_async (self->store, path, &options, self->cancellable, progress_cb,
                         g_object_ref (self), g_object_unref, import_done_cb,
                         g_object_ref (self));
}

static void
cancel_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  MkImportDialog *self = MK_IMPORT_DIALOG (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static void
undone_cb (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  g_autoptr(MkImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *number = NULL;
  g_autofree char *description = NULL;
  guint64 entries = 0;

  /* The removal is committed (or not) either way; a closed window has
   * nothing left to say it in. */
  mk_store_remove_import_finish (MK_STORE (source), res, &entries, NULL, &error);
  if (self->closing || self->store == NULL)
    return;
  if (error != NULL)
    {
      gtk_label_set_text (self->result_description, error->message);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.undo", TRUE);
      return;
    }
  number = mk_format_count ((gint64) entries);
  /* Translators: after Undo Import; "120 entries from march.csv were …". */
  description = g_strdup_printf (ngettext ("%s entry from %s was removed: the database is as "
                                           "it was before this import.",
                                           "%s entries from %s were removed: the database is "
                                           "as it was before this import.",
                                           plural_n (entries)),
                                 number, self->undo_file_name);
  gtk_label_set_text (self->result_title, _("Import Taken Back"));
  gtk_label_set_text (self->result_description, description);
  gtk_image_set_from_icon_name (self->result_icon, "edit-undo-symbolic");
  set_count (self->imported_label, 0);
  self->imported_total -= MIN (self->imported_total, entries);
  self->undo_batch_id = 0;
  gtk_widget_set_visible (self->undo_button, FALSE);
  gtk_widget_set_visible (self->analysis_button, self->imported_total > 0);
}

/* Undo Import: the file's entries go again, in one transaction. */
static void
undo_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  MkImportDialog *self = MK_IMPORT_DIALOG (widget);

  if (self->undo_batch_id <= 0)
    return;
  gtk_widget_action_set_enabled (widget, "import.undo", FALSE);
  mk_store_remove_import_async (self->store, self->undo_batch_id, undone_cb,
                                g_object_ref (self));
}

static void
retry_valid_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  MkImportDialog *self = MK_IMPORT_DIALOG (widget);

  mk_import_preview_page_set_skip_invalid (self->preview_page, TRUE);
  show_page (self, "preview");
  gtk_widget_activate_action (widget, "import.start", NULL);
}

static void
next_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  MkImportDialog *self = MK_IMPORT_DIALOG (widget);

  if (!has_next_file (self))
    {
      gtk_window_close (GTK_WINDOW (self));
      return;
    }
  self->index++;
  load_current_file (self);
}

static void
show_analysis_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  MkImportDialog *self = MK_IMPORT_DIALOG (widget);

  if (self->parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->parent), "win.page", "s", "analysis");
  gtk_window_close (GTK_WINDOW (self));
}

static void
copy_problems_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  MkImportDialog *self = MK_IMPORT_DIALOG (widget);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget),
                          gtk_label_get_text (self->problems_view));
}

/* GObject. */

static gboolean
mk_import_dialog_close_request (GtkWindow *window)
{
  MkImportDialog *self = MK_IMPORT_DIALOG (window);

  /* Closing while importing stops the import; it rolls back. */
  self->closing = TRUE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (mk_import_dialog_parent_class)->close_request (window);
}

static void
mk_import_dialog_dispose (GObject *object)
{
  MkImportDialog *self = MK_IMPORT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MK_TYPE_IMPORT_DIALOG);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->files);
  g_clear_object (&self->store);
  g_clear_weak_pointer (&self->parent);
  g_clear_pointer (&self->undo_file_name, g_free);

  G_OBJECT_CLASS (mk_import_dialog_parent_class)->dispose (object);
}

static void
mk_import_dialog_class_init (MkImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = mk_import_dialog_dispose;
  window_class->close_request = mk_import_dialog_close_request;

  g_type_ensure (MK_TYPE_IMPORT_PREVIEW_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH
                                               "/mk-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MkImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, MkImportDialog, close_button);
  gtk_widget_class_bind_template_child (widget_class, MkImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, MkImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, MkImportDialog, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, MkImportDialog, preview_page);
  gtk_widget_class_bind_template_child (widget_class, MkImportDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, MkImportDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, MkImportDialog, error_next_button);
  gtk_widget_class_bind_template_child (widget_class, MkImportDialog, progress_page);
  gtk_widget_class_bind_template_child (widget_class, MkImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, MkImportDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, MkImportDialog, result_icon);
  gtk_widget_class_bind_template_child (widget_class, MkImportDialog, result_title);
  gtk_widget_class_bind_template_child (widget_class, MkImportDialog, result_description);
  gtk_widget_class_bind_template_child (widget_class, MkImportDialog, imported_label);
  gtk_widget_class_bind_template_child (widget_class, MkImportDialog, duplicates_label);
  gtk_widget_class_bind_template_child (widget_class, MkImportDialog, skipped_label);
  gtk_widget_class_bind_template_child (widget_class, MkImportDialog, rejected_label);
  gtk_widget_class_bind_template_child (widget_class, MkImportDialog, problems_group);
  gtk_widget_class_bind_template_child (widget_class, MkImportDialog, problems_view);
  gtk_widget_class_bind_template_child (widget_class, MkImportDialog, retry_button);
  gtk_widget_class_bind_template_child (widget_class, MkImportDialog, undo_button);
  gtk_widget_class_bind_template_child (widget_class, MkImportDialog, analysis_button);
  gtk_widget_class_bind_template_child (widget_class, MkImportDialog, next_button);

  gtk_widget_class_install_action (widget_class, "import.start", NULL, start_action_cb);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, cancel_action_cb);
  gtk_widget_class_install_action (widget_class, "import.retry-valid", NULL,
                                   retry_valid_action_cb);
  gtk_widget_class_install_action (widget_class, "import.next", NULL, next_action_cb);
  gtk_widget_class_install_action (widget_class, "import.undo", NULL, undo_action_cb);
  gtk_widget_class_install_action (widget_class, "import.show-analysis", NULL,
                                   show_analysis_action_cb);
  gtk_widget_class_install_action (widget_class, "import.copy-problems", NULL,
                                   copy_problems_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
mk_import_dialog_init (MkImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_swapped (self->preview_page, "loaded", G_CALLBACK (preview_loaded_cb), self);
  g_signal_connect_swapped (self->preview_page, "notify::ready",
                            G_CALLBACK (preview_state_cb), self);
  g_signal_connect_swapped (self->preview_page, "notify::loading",
                            G_CALLBACK (preview_state_cb), self);
  update_actions (self);
}

/* Public API. */

/**
 * mk_import_dialog_new:
 * @parent: the main window; the dialog is modal over it and imports into
 *   its database
 *
 * Returns: (transfer none): a new dialog, not shown yet; it destroys itself
 *   when closed.
 */
MkImportDialog *
mk_import_dialog_new (MkWindow *parent)
{
  MkImportDialog *self;

  g_return_val_if_fail (MK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (mk_window_get_store (parent) != NULL, NULL);

  self = g_object_new (MK_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  g_set_weak_pointer (&self->parent, parent);
  self->store = g_object_ref (mk_window_get_store (parent));
  return self;
}

/**
 * mk_import_dialog_open_files:
 * @self: the dialog
 * @files: (element-type GFile): the files to import, in this order
 *
 * Shows the dialog and starts with the preview of the first file.  This is
 * what the file chooser and a drop on the window end in.
 */
void
mk_import_dialog_open_files (MkImportDialog *self,
                             GListModel     *files)
{
  g_return_if_fail (MK_IS_IMPORT_DIALOG (self));
  g_return_if_fail (G_IS_LIST_MODEL (files));
  g_return_if_fail (g_list_model_get_n_items (files) > 0);

  g_set_object (&self->files, files);
  self->index = 0;
  self->imported_total = 0;
  load_current_file (self);
  gtk_window_present (GTK_WINDOW (self));
}

/**
 * mk_import_dialog_get_page:
 * @self: the dialog
 *
 * Returns: the page shown: "loading", "preview", "error", "progress" or
 *   "result".
 */
const char *
mk_import_dialog_get_page (MkImportDialog *self)
{
  g_return_val_if_fail (MK_IS_IMPORT_DIALOG (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

/* Entry points: the file chooser and a drop on the main window. */

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  g_autoptr(MkWindow) parent = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      if (g_list_model_get_n_items (files) > 0)
        mk_import_dialog_open_files (mk_import_dialog_new (parent), files);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

/**
 * mk_import_dialog_choose_files:
 * @parent: the main window
 *
 * Asks for one or more CSV files with the desktop's file chooser, then
 * opens the Import dialog on them.
 */
void
mk_import_dialog_choose_files (MkWindow *parent)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  g_return_if_fail (MK_IS_WINDOW (parent));

  chooser = gtk_file_chooser_native_new (_("Import Timesheets"), GTK_WINDOW (parent),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_filter_set_name (csv, _("CSV and Text Files"));
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_add_mime_type (csv, "text/tab-separated-values");
  gtk_file_filter_add_mime_type (csv, "text/plain");
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_filter_add_suffix (csv, "tsv");
  gtk_file_filter_add_suffix (csv, "txt");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb),
                    g_object_ref (parent));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         gpointer       user_data)
{
  MkWindow *window = MK_WINDOW (user_data);
  GdkFileList *list = g_value_get_boxed (value);
  g_autoptr(GListStore) files = g_list_store_new (G_TYPE_FILE);
  GSList *items;

  if (list == NULL)
    return FALSE;
  items = gdk_file_list_get_files (list);
  for (GSList *l = items; l != NULL; l = l->next)
    g_list_store_append (files, l->data);
  g_slist_free (items);
  if (g_list_model_get_n_items (G_LIST_MODEL (files)) == 0)
    return FALSE;
  mk_import_dialog_open_files (mk_import_dialog_new (window), G_LIST_MODEL (files));
  return TRUE;
}

/**
 * mk_import_dialog_add_drop_target:
 * @window: the main window
 *
 * Makes files dropped on @window open the Import dialog.
 */
void
mk_import_dialog_add_drop_target (MkWindow *window)
{
  GtkDropTarget *target;

  g_return_if_fail (MK_IS_WINDOW (window));

  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (target, "drop", G_CALLBACK (drop_cb), window);
  gtk_widget_add_controller (GTK_WIDGET (window), GTK_EVENT_CONTROLLER (target));
}
