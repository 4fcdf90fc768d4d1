/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-window.c — Minutka's main window.
 *
 * A header bar with a view switcher over three pages (Today, Entries,
 * Analysis) and the primary menu.  The visible page is a window action,
 * "win.page", so menus, shortcuts and tests all switch pages the same way.
 * The window size is kept in GSettings and restored on the next start.
 *
 * Other programs write to the same database (`minutka --import`, another
 * Minutka, an import's worker).  While the window is shown it asks the
 * store every EXTERNAL_CHECK_SECONDS, and whenever it becomes the active
 * window, whether another connection has committed
 * (mk_store_check_external(): one prepared PRAGMA, no table read); if so
 * the store emits "changed" and every page refreshes the way it does after
 * the window's own changes, keeping its open editors and scroll position.
 */
#define G_LOG_DOMAIN "mk-window"

#include "config.h"

#include <glib/gi18n.h>

#include "mk-analysis-page.h"
#include "mk-entries-page.h"
#include "mk-import-dialog.h"
#include "mk-preferences-window.h"
#include "mk-today-page.h"
#include "mk-window.h"

#define EXTERNAL_CHECK_SECONDS 2

struct _MkWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  guint                 external_id;  /* the check's timeout while mapped */

  AdwViewStack         *stack;
  AdwToastOverlay      *toast_overlay;
  MkAnalysisPage       *analysis_page;
};

G_DEFINE_FINAL_TYPE (MkWindow, mk_window, ADW_TYPE_APPLICATION_WINDOW)

/**
 * mk_window_new:
 * @application: the application the window belongs to
 *
 * Returns: (transfer none): a new main window, owned by @application.
 */
MkWindow *
mk_window_new (MkApplication *application)
{
  return g_object_new (MK_TYPE_WINDOW, "application", application, NULL);
}

/**
 * mk_window_get_store:
 * @self: the window
 *
 * Returns: (transfer none): the database the window shows.
 */
MkStore *
mk_window_get_store (MkWindow *self)
{
  GtkApplication *app;

  g_return_val_if_fail (MK_IS_WINDOW (self), NULL);

  app = gtk_window_get_application (GTK_WINDOW (self));
  return app ? mk_application_get_store (MK_APPLICATION (app)) : NULL;
}

/**
 * mk_window_show_toast:
 * @self: the window
 * @toast: (transfer full): the toast to show
 */
void
mk_window_show_toast (MkWindow *self,
                      AdwToast *toast)
{
  g_return_if_fail (MK_IS_WINDOW (self));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * mk_window_show_error:
 * @self: the window
 * @heading: what failed, as a short title ("The Entry Was Not Saved")
 * @error: why; its message is shown as it is
 *
 * Shows a dialog that tells the user what went wrong and what to do.
 */
void
mk_window_show_error (MkWindow     *self,
                      const char   *heading,
                      const GError *error)
{
  GtkWidget *dialog;

  g_return_if_fail (MK_IS_WINDOW (self));

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, error ? error->message : NULL);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * mk_window_get_visible_page:
 * @self: the window
 *
 * Returns: (transfer none): the name of the visible page: "today",
 *   "entries" or "analysis".
 */
const char *
mk_window_get_visible_page (MkWindow *self)
{
  g_return_val_if_fail (MK_IS_WINDOW (self), NULL);

  return adw_view_stack_get_visible_child_name (self->stack);
}

static void
preferences_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  MkWindow *self = MK_WINDOW (widget);
  MkStore *store = mk_window_get_store (self);
  MkPreferencesWindow *prefs;

  if (store == NULL)
    return;
  prefs = mk_preferences_window_new (store);
  gtk_window_set_transient_for (GTK_WINDOW (prefs), GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
import_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  mk_import_dialog_choose_files (MK_WINDOW (widget));
}

static void
load_demo_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  MkWindow *self = MK_WINDOW (widget);
  MkStore *store = mk_window_get_store (self);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (store == NULL)
    return;
  if (!mk_store_load_demo (store, NULL, &error))
    {
      mk_window_show_error (self, _("The Demo Sample Was Not Loaded"), error);
      return;
    }
  message = g_strdup_printf (_("Loaded the demo team: %d entries"),
                             (int) mk_store_count_entries (store));
  mk_window_show_toast (self, adw_toast_new (message));
}

/* "My analysis": the Analysis page's detail of one person (name or id). */
static void
my_analysis_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  MkWindow *self = MK_WINDOW (widget);

  adw_view_stack_set_visible_child_name (self->stack, "analysis");
  mk_analysis_page_show_person (self->analysis_page, g_variant_get_string (param, NULL));
}

static void
mk_window_save_size (MkWindow *self)
{
  int width = 0;
  int height = 0;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_apply (self->settings);
}

/* Other programs' changes */

static void
check_external (MkWindow *self)
{
  MkStore *store = mk_window_get_store (self);

  if (store != NULL)
    mk_store_check_external (store);
}

static gboolean
external_timeout_cb (gpointer user_data)
{
  MkWindow *self = user_data;
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (self));

  /* A minimized window catches up when it is shown and activated again. */
  if (surface != NULL && GDK_IS_TOPLEVEL (surface) &&
      (gdk_toplevel_get_state (GDK_TOPLEVEL (surface)) & GDK_TOPLEVEL_STATE_MINIMIZED) != 0)
    return G_SOURCE_CONTINUE;
  check_external (self);
  return G_SOURCE_CONTINUE;
}

static void
is_active_changed_cb (MkWindow *self)
{
  if (gtk_window_is_active (GTK_WINDOW (self)))
    check_external (self);
}

static void
mk_window_map (GtkWidget *widget)
{
  MkWindow *self = MK_WINDOW (widget);

  GTK_WIDGET_CLASS (mk_window_parent_class)->map (widget);

  check_external (self);
  if (self->external_id == 0)
    self->external_id = g_timeout_add_seconds (EXTERNAL_CHECK_SECONDS, external_timeout_cb, self);
}

static void
mk_window_unmap (GtkWidget *widget)
{
  MkWindow *self = MK_WINDOW (widget);

  g_clear_handle_id (&self->external_id, g_source_remove);

  GTK_WIDGET_CLASS (mk_window_parent_class)->unmap (widget);
}

static gboolean
mk_window_close_request (GtkWindow *window)
{
  mk_window_save_size (MK_WINDOW (window));

  return GTK_WINDOW_CLASS (mk_window_parent_class)->close_request (window);
}

static void
mk_window_dispose (GObject *object)
{
  MkWindow *self = MK_WINDOW (object);

  g_clear_handle_id (&self->external_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), MK_TYPE_WINDOW);

  G_OBJECT_CLASS (mk_window_parent_class)->dispose (object);
}

static void
mk_window_finalize (GObject *object)
{
  MkWindow *self = MK_WINDOW (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (mk_window_parent_class)->finalize (object);
}

static void
mk_window_class_init (MkWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = mk_window_dispose;
  object_class->finalize = mk_window_finalize;
  widget_class->map = mk_window_map;
  widget_class->unmap = mk_window_unmap;
  window_class->close_request = mk_window_close_request;

  /* The pages named in mk-window.ui. */
  g_type_ensure (MK_TYPE_TODAY_PAGE);
  g_type_ensure (MK_TYPE_ENTRIES_PAGE);
  g_type_ensure (MK_TYPE_ANALYSIS_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/mk-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MkWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, MkWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MkWindow, analysis_page);

  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action_cb);
  gtk_widget_class_install_action (widget_class, "win.load-demo", NULL, load_demo_action_cb);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action_cb);
  gtk_widget_class_install_action (widget_class, "win.my-analysis", "s", my_analysis_action_cb);
}

static void
mk_window_init (MkWindow *self)
{
  g_autoptr(GPropertyAction) page_action = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  self->settings = g_settings_new (BASE_APP_ID);
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  page_action = g_property_action_new ("page", self->stack, "visible-child-name");
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (page_action));

  /* Timesheet files dropped on the window open the Import dialog. */
  mk_import_dialog_add_drop_target (self);

  g_signal_connect (self, "notify::is-active", G_CALLBACK (is_active_changed_cb), NULL);
}
