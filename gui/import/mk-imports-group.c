/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-imports-group.c — Preferences → Data → Imports: each imported file, and Remove.
 *
 * The group asks core for the imports (mk_store_list_imports_async(): it
 * counts what is left of each, which reads every entry, so it runs in a
 * worker thread) and shows a row per import: the file, when it came in,
 * how many of its entries are left and their time, and a Remove button.
 * Remove asks first (nothing of it can be undone), then takes the import
 * back in a worker thread (mk_store_remove_import_async(), one
 * transaction) and says what went in a toast.
 *
 * Invariants:
 *   - the list is read again whenever the store says "changed", so an
 *     import made or removed elsewhere shows at once; only the latest read
 *     is shown (an older one is cancelled);
 *   - no SQL here: core lists and removes.
 */
#define G_LOG_DOMAIN "mk-imports-group"

#include "config.h"

#include <glib/gi18n.h>

#include "mk-format.h"
#include "mk-analysis-format.h"
#include "mk-imports-group.h"
#include "mk-store-batches.h"

struct _MkImportsGroup
{
  AdwPreferencesGroup parent_instance;

  GtkListBox   *list;

  MkStore      *store;
  gulong        changed_id;
  GCancellable *cancellable;
  gboolean      loading;
  guint         n_imports;
};

G_DEFINE_FINAL_TYPE (MkImportsGroup, mk_imports_group, ADW_TYPE_PREFERENCES_GROUP)

static void reload (MkImportsGroup *self);

/* ngettext() takes an unsigned long: keep the last digits, which decide
 * the plural form in every language. */
static unsigned long
plural_n (guint64 n)
{
  return n > G_MAXUINT32 ? (unsigned long) (n % 1000000) + 1000000 : (unsigned long) n;
}

static char *
describe (const MkImportSummary *s)
{
  g_autoptr(GDateTime) local = s->imported_at ? g_date_time_to_local (s->imported_at) : NULL;
  /* Translators: when an import came in, as GDateTime formats it. */
  g_autofree char *when = local ? g_date_time_format (local, _("%-d %b %Y, %H:%M"))
                                : g_strdup ("");
  g_autofree char *number = mk_format_count ((gint64) s->entries);
  g_autofree char *entries = g_strdup_printf (ngettext ("%s entry", "%s entries",
                                                        plural_n (s->entries)), number);
  g_autofree char *minutes = mk_format_minutes ((double) s->minutes);

  /* Translators: "7 Dec 2026, 14:05 · 120 entries · 45 h 10 min". */
  return g_strdup_printf (_("%s · %s · %s"), when, entries, minutes);
}

typedef struct {
  MkImportsGroup *self;
  gint64          batch_id;
  char           *file_name;
} RemoveCall;

static void
remove_call_free (RemoveCall *call)
{
  g_object_unref (call->self);
  g_free (call->file_name);
  g_free (call);
}

static void
removed_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  RemoveCall *call = user_data;
  MkImportsGroup *self = call->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  guint64 entries = 0;

  if (!mk_store_remove_import_finish (MK_STORE (source), result, &entries, NULL, &error))
    message = g_strdup (error->message);
  else
    {
      g_autofree char *number = mk_format_count ((gint64) entries);

      /* Translators: "march.csv removed: 120 entries". */
      message = g_strdup_printf (ngettext ("%s removed: %s entry", "%s removed: %s entries",
                                           plural_n (entries)), call->file_name, number);
    }
  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (message));
  reload (self);
  remove_call_free (call);
}

/**
 * mk_imports_group_remove:
 * @self: the group
 * @batch_id: an import it shows
 *
 * Takes the import back without asking (Remove asks first, then calls
 * this); a toast says what went.
 */
void
mk_imports_group_remove (MkImportsGroup *self,
                         gint64          batch_id)
{
  const MkImportBatch *batch;
  RemoveCall *call;

  g_return_if_fail (MK_IS_IMPORTS_GROUP (self));
  g_return_if_fail (self->store != NULL);

  batch = mk_store_get_import_batch (self->store, batch_id);
  call = g_new0 (RemoveCall, 1);
  call->self = g_object_ref (self);
  call->batch_id = batch_id;
  call->file_name = g_strdup (batch ? batch->file_name : "");
  mk_store_remove_import_async (self->store, batch_id, removed_cb, call);
}

static void
confirm_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  MkImportsGroup *self = MK_IMPORTS_GROUP (user_data);

  if (g_strcmp0 (response, "remove") == 0)
    mk_imports_group_remove (self, GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog),
                                                                       "batch-id")));
}

static void
remove_clicked_cb (GtkButton      *button,
                   MkImportsGroup *self)
{
  const MkImportSummary *s = g_object_get_data (G_OBJECT (button), "summary");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *number = mk_format_count ((gint64) s->entries);
  g_autofree char *minutes = mk_format_minutes ((double) s->minutes);
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  /* Translators: the question before an import is removed; "120 entries
   * from march.csv (45 h 10 min)". */
  body = g_strdup_printf (ngettext ("The %s entry that came from %s (%s) will be removed, "
                                    "also if it was edited since. This cannot be undone; "
                                    "the file can be imported again.",
                                    "The %s entries that came from %s (%s) will be removed, "
                                    "also those edited since. This cannot be undone; the "
                                    "file can be imported again.",
                                    plural_n (s->entries)), number, s->file_name, minutes);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                            : NULL,
                                                       _("Remove This Import?"), body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "batch-id", GSIZE_TO_POINTER ((gsize) s->id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
row_new (MkImportsGroup  *self,
         MkImportSummary *summary)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");
  g_autofree char *subtitle = describe (summary);
  g_autofree char *tooltip = g_strdup_printf (_("Remove the import of %s"), summary->file_name);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), summary->file_name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tooltip, -1);
  g_object_set_data_full (G_OBJECT (button), "summary", summary,
                          (GDestroyNotify) mk_import_summary_free);
  g_signal_connect (button, "clicked", G_CALLBACK (remove_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static void
listed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(MkImportsGroup) self = user_data;
  g_autoptr(GPtrArray) imports = NULL;
  g_autoptr(GError) error = NULL;
  GtkListBoxRow *row;

  imports = mk_store_list_imports_finish (MK_STORE (source), result, &error);
  /* A newer read was asked for (the older one's task reports the cancel). */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->loading = FALSE;
  while ((row = gtk_list_box_get_row_at_index (self->list, 0)) != NULL)
    gtk_list_box_remove (self->list, GTK_WIDGET (row));
  if (imports == NULL)
    {
      g_warning ("%s", error->message);
      return;
    }
  /* Each row keeps its summary. */
  g_ptr_array_set_free_func (imports, NULL);
  self->n_imports = imports->len;
  for (guint i = 0; i < imports->len; i++)
    gtk_list_box_append (self->list, row_new (self, g_ptr_array_index (imports, i)));
}

static void
reload (MkImportsGroup *self)
{
  if (self->store == NULL)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->loading = TRUE;
  mk_store_list_imports_async (self->store, self->cancellable, listed_cb, g_object_ref (self));
}

/**
 * mk_imports_group_set_store:
 * @self: the group
 * @store: the database whose imports it shows
 */
void
mk_imports_group_set_store (MkImportsGroup *self,
                            MkStore        *store)
{
  g_return_if_fail (MK_IS_IMPORTS_GROUP (self));
  g_return_if_fail (MK_IS_STORE (store));

  g_clear_signal_handler (&self->changed_id, self->store);
  g_set_object (&self->store, store);
  self->changed_id = g_signal_connect_swapped (store, "changed", G_CALLBACK (reload), self);
  reload (self);
}

/**
 * mk_imports_group_get_loading:
 * @self: the group
 *
 * Returns: %TRUE while the list is being read (for tests).
 */
gboolean
mk_imports_group_get_loading (MkImportsGroup *self)
{
  g_return_val_if_fail (MK_IS_IMPORTS_GROUP (self), FALSE);
  return self->loading;
}

/**
 * mk_imports_group_get_n_imports:
 * @self: the group
 *
 * Returns: how many imports the group shows.
 */
guint
mk_imports_group_get_n_imports (MkImportsGroup *self)
{
  g_return_val_if_fail (MK_IS_IMPORTS_GROUP (self), 0);
  return self->n_imports;
}

static void
mk_imports_group_dispose (GObject *object)
{
  MkImportsGroup *self = MK_IMPORTS_GROUP (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), MK_TYPE_IMPORTS_GROUP);

  G_OBJECT_CLASS (mk_imports_group_parent_class)->dispose (object);
}

static void
mk_imports_group_class_init (MkImportsGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mk_imports_group_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/mk-imports-group.ui");
  gtk_widget_class_bind_template_child (widget_class, MkImportsGroup, list);
}

static void
mk_imports_group_init (MkImportsGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
