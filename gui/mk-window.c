/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-window.c — Minutka's main window.
 *
 * A header bar with a view switcher over three pages (Today, Entries,
 * Analysis) and the primary menu.  The visible page is a window action,
 * "win.page", so menus, shortcuts and tests all switch pages the same way.
 * A page that sends the user to another page with something chosen does
 * it through a window action too, never by reaching into the other page:
 * "win.my-analysis" (s: a person) opens a manager's analysis,
 * "win.show-entries" (a{sv}) the Entries page with its filters set.
 * The window size is kept in GSettings and restored on the next start.
 *
 * Other programs write to the same database (`minutka --import`, another
 * Minutka, an import's worker).  While the window is shown it asks the
 * store every EXTERNAL_CHECK_SECONDS, and whenever it becomes the active
 * window, whether another connection has committed
 * (mk_store_check_external(): one prepared PRAGMA, no table read); if so
 * the store emits "changed" and every page refreshes the way it does after
 * the window's own changes, keeping its open editors and scroll position.
 *
 * The demo (win.try-demo, "Try the Demo") never touches the user's
 * database: core makes the demo team a database of its own in a temporary
 * folder (mk_store_open_demo()), and a second MkWindow shows it, labelled
 * in its title and by a banner with "Leave the Demo" (win.leave-demo).
 * While it is open the user's window is hidden; leaving or closing the
 * demo shows the user's window again and drops the demo's store, whose
 * folder core removes.  The demo window keeps its GSettings in memory, so
 * nothing chosen in the demo (the person logging, the size) is remembered.
 */
#define G_LOG_DOMAIN "mk-window"

#include "config.h"

#define G_SETTINGS_ENABLE_BACKEND
#include <gio/gsettingsbackend.h>
#include <glib/gi18n.h>

#include "mk-analysis-page.h"
#include "mk-entries-page.h"
#include "mk-error-dialog.h"
#include "mk-import-dialog.h"
#include "mk-preferences-window.h"
#include "mk-team-banner.h"
#include "mk-team-controller.h"
#include "mk-team-indicator.h"
#include "mk-today-page.h"
#include "mk-window.h"

#define EXTERNAL_CHECK_SECONDS 2

struct _MkWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  guint                 external_id;  /* the check's timeout while mapped */
  guint                 compact_id;   /* the team indicator's narrow mode, after layout */

  /* The demo: in the demo's window, its own store and the user's window
   * (weak); in the user's window, the open demo window (weak). */
  MkStore              *demo_store;
  GtkWindow            *user_window;
  GtkWindow            *demo_window;

  AdwViewStack         *stack;
  AdwToastOverlay      *toast_overlay;
  AdwViewSwitcherTitle *switcher_title;
  GtkWidget            *demo_banner;
  MkAnalysisPage       *analysis_page;
  MkTeamIndicator      *team_indicator;
  MkTeamBanner         *team_banner;
  MkTeamController     *team;           /* the sync, once the window is shown */
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

  if (self->demo_store != NULL)
    return self->demo_store;
  app = gtk_window_get_application (GTK_WINDOW (self));
  return app ? mk_application_get_store (MK_APPLICATION (app)) : NULL;
}

/**
 * mk_window_get_settings:
 * @self: the window
 *
 * Returns: (transfer none): where the window's pages remember what the
 *   user chose (the person logging); in memory only for the demo.
 */
GSettings *
mk_window_get_settings (MkWindow *self)
{
  g_return_val_if_fail (MK_IS_WINDOW (self), NULL);

  return self->settings;
}

/**
 * mk_window_is_demo:
 * @self: the window
 *
 * Returns: whether the window shows the demo team's temporary database.
 */
gboolean
mk_window_is_demo (MkWindow *self)
{
  g_return_val_if_fail (MK_IS_WINDOW (self), FALSE);

  return self->demo_store != NULL;
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
  g_return_if_fail (MK_IS_WINDOW (self));

  mk_show_error (GTK_WIDGET (self), heading, error);
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

  if (store != NULL)
    mk_preferences_window_open (store, GTK_WINDOW (self), NULL);
}

/* "Sync Now": what the minute's timer and the server's notice also do. */
static void
team_sync_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  MkWindow *self = MK_WINDOW (widget);

  if (self->team != NULL)
    mk_team_controller_sync_now (self->team);
}

/* "Enter Password…" in the team's banner. */
static void
team_password_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  MkWindow *self = MK_WINDOW (widget);

  if (self->team != NULL)
    mk_team_controller_ask_password (self->team, GTK_WINDOW (self));
}

/**
 * mk_window_get_team_controller:
 * @self: the window
 *
 * Returns: (transfer none) (nullable): what syncs the window's database
 *   with its team, once the window has been shown.
 */
MkTeamController *
mk_window_get_team_controller (MkWindow *self)
{
  g_return_val_if_fail (MK_IS_WINDOW (self), NULL);

  return self->team;
}

/* The team's state in the header bar opens the team's status:
 * Preferences → Team. */
static void
team_status_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  MkStore *store = mk_window_get_store (MK_WINDOW (widget));

  if (store != NULL)
    mk_preferences_window_open (store, GTK_WINDOW (widget), "team");
}

/**
 * mk_window_get_team_indicator:
 * @self: the window
 *
 * Returns: (transfer none): the team's sync state in the header bar.
 */
MkTeamIndicator *
mk_window_get_team_indicator (MkWindow *self)
{
  g_return_val_if_fail (MK_IS_WINDOW (self), NULL);

  return self->team_indicator;
}

/**
 * mk_window_get_team_banner:
 * @self: the window
 *
 * Returns: (transfer none): the strip under the header bar that says what
 *   the team server refused.
 */
MkTeamBanner *
mk_window_get_team_banner (MkWindow *self)
{
  g_return_val_if_fail (MK_IS_WINDOW (self), NULL);

  return self->team_banner;
}

/* A narrow window (the view switcher gives way to the title) has room for
 * the team state's icon and number only.  The title's visibility changes
 * while the header bar is being laid out, when no widget may change its
 * size: the indicator follows it once the layout is done. */
static gboolean
apply_compact_cb (gpointer user_data)
{
  MkWindow *self = user_data;

  self->compact_id = 0;
  mk_team_indicator_set_compact (self->team_indicator,
                                 adw_view_switcher_title_get_title_visible (self->switcher_title));
  return G_SOURCE_REMOVE;
}

static void
title_visible_changed_cb (MkWindow *self)
{
  if (self->compact_id == 0)
    self->compact_id = g_idle_add (apply_compact_cb, self);
}

static void
import_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  mk_import_dialog_choose_files (MK_WINDOW (widget));
}

/* The demo */

static MkWindow *
mk_window_new_demo (MkWindow *user_window,
                    MkStore  *demo_store)
{
  g_autoptr(GSettingsBackend) memory = g_memory_settings_backend_new ();
  MkWindow *self = g_object_new (MK_TYPE_WINDOW, NULL);
  int width;
  int height;

  /* The store before the application: the pages look for the window's
   * store once it has an application. */
  self->demo_store = g_object_ref (demo_store);
  gtk_window_set_application (GTK_WINDOW (self),
                              gtk_window_get_application (GTK_WINDOW (user_window)));
  self->user_window = GTK_WINDOW (user_window);
  g_object_add_weak_pointer (G_OBJECT (user_window), (gpointer *) &self->user_window);
  g_clear_object (&self->settings);
  self->settings = g_settings_new_with_backend (BASE_APP_ID, memory);

  /* Labelled as the demo in the title bar and under it, and it opens on
   * what it is there to show. */
  gtk_window_set_title (GTK_WINDOW (self), _("Minutka Demo"));
  adw_view_switcher_title_set_subtitle (self->switcher_title,
                                        _("A sample team, not your data"));
  gtk_widget_set_visible (self->demo_banner, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "demo");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.try-demo", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.leave-demo", TRUE);
  adw_view_stack_set_visible_child_name (self->stack, "analysis");

  gtk_window_get_default_size (GTK_WINDOW (user_window), &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  return self;
}

static void
try_demo_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  MkWindow *self = MK_WINDOW (widget);
  g_autoptr(MkStore) demo_store = NULL;
  g_autoptr(GError) error = NULL;
  MkWindow *demo;

  if (self->demo_window != NULL)
    {
      gtk_window_present (self->demo_window);
      return;
    }
  demo_store = mk_store_open_demo (&error);
  if (demo_store == NULL)
    {
      mk_window_show_error (self, _("The Demo Cannot Start"), error);
      return;
    }
  demo = mk_window_new_demo (self, demo_store);
  self->demo_window = GTK_WINDOW (demo);
  g_object_add_weak_pointer (G_OBJECT (demo), (gpointer *) &self->demo_window);
  gtk_window_present (GTK_WINDOW (demo));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

static void
leave_demo_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  gtk_window_close (GTK_WINDOW (widget));
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

/* win.show-entries (a{sv}): the Entries page, showing what the keys say:
 * "person" (x, a person's id), "category" (x), "from" and "to" (s, days as
 * "YYYY-MM-DD") and "search" (s).  A filter the parameter does not name is
 * cleared, so the page shows exactly what was asked for. */
static void
show_entries_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  MkWindow *self = MK_WINDOW (widget);
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (param);
  GtkWidget *page = adw_view_stack_get_child_by_name (self->stack, "entries");
  MkEntriesFilters *filters;
  gint64 person_id = 0;
  gint64 category_id = 0;
  const char *from = NULL;
  const char *to = NULL;
  const char *search = NULL;

  g_return_if_fail (MK_IS_ENTRIES_PAGE (page));

  g_variant_dict_lookup (&dict, "person", "x", &person_id);
  g_variant_dict_lookup (&dict, "category", "x", &category_id);
  g_variant_dict_lookup (&dict, "from", "&s", &from);
  g_variant_dict_lookup (&dict, "to", "&s", &to);
  g_variant_dict_lookup (&dict, "search", "&s", &search);

  /* Shown first: the page reads the store only when it is first mapped. */
  adw_view_stack_set_visible_child_name (self->stack, "entries");
  filters = mk_entries_page_get_filters (MK_ENTRIES_PAGE (page));
  mk_entries_filters_set_person (filters, person_id);
  mk_entries_filters_set_category (filters, category_id);
  mk_entries_filters_set_period (filters, from, to);
  mk_entries_filters_set_search (filters, search);
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
  /* The sync runs while the window lives, shown or minimized. */
  if (self->team == NULL && mk_window_get_store (self) != NULL)
    self->team = mk_team_controller_new (mk_window_get_store (self), self->team_indicator,
                                         self->team_banner);
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
  MkWindow *self = MK_WINDOW (window);

  /* Leaving the demo goes back to the user's own window. */
  if (self->demo_store != NULL)
    {
      if (self->user_window != NULL)
        gtk_window_present (self->user_window);
      return GTK_WINDOW_CLASS (mk_window_parent_class)->close_request (window);
    }
  mk_window_save_size (self);

  return GTK_WINDOW_CLASS (mk_window_parent_class)->close_request (window);
}

static void
mk_window_dispose (GObject *object)
{
  MkWindow *self = MK_WINDOW (object);

  g_clear_handle_id (&self->external_id, g_source_remove);
  g_clear_handle_id (&self->compact_id, g_source_remove);
  if (self->team != NULL)
    mk_team_controller_shutdown (self->team);
  g_clear_object (&self->team);
  if (self->user_window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->user_window), (gpointer *) &self->user_window);
  self->user_window = NULL;
  if (self->demo_window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->demo_window), (gpointer *) &self->demo_window);
  self->demo_window = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), MK_TYPE_WINDOW);

  G_OBJECT_CLASS (mk_window_parent_class)->dispose (object);
}

static void
mk_window_finalize (GObject *object)
{
  MkWindow *self = MK_WINDOW (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->demo_store);

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
  g_type_ensure (MK_TYPE_TEAM_INDICATOR);
  g_type_ensure (MK_TYPE_TEAM_BANNER);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/mk-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MkWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, MkWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MkWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, MkWindow, demo_banner);
  gtk_widget_class_bind_template_child (widget_class, MkWindow, analysis_page);
  gtk_widget_class_bind_template_child (widget_class, MkWindow, team_indicator);
  gtk_widget_class_bind_template_child (widget_class, MkWindow, team_banner);

  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action_cb);
  gtk_widget_class_install_action (widget_class, "win.try-demo", NULL, try_demo_action_cb);
  gtk_widget_class_install_action (widget_class, "win.leave-demo", NULL, leave_demo_action_cb);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action_cb);
  gtk_widget_class_install_action (widget_class, "win.team-status", NULL, team_status_action_cb);
  gtk_widget_class_install_action (widget_class, "win.team-sync", NULL, team_sync_action_cb);
  gtk_widget_class_install_action (widget_class, "win.team-password", NULL,
                                   team_password_action_cb);
  gtk_widget_class_install_action (widget_class, "win.my-analysis", "s", my_analysis_action_cb);
  gtk_widget_class_install_action (widget_class, "win.show-entries", "a{sv}",
                                   show_entries_action_cb);
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

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.leave-demo", FALSE);

  page_action = g_property_action_new ("page", self->stack, "visible-child-name");
  g_action_map_add_action (G_ACTION_MAP (self), G_ACTION (page_action));

  /* Timesheet files dropped on the window open the Import dialog. */
  mk_import_dialog_add_drop_target (self);

  g_signal_connect (self, "notify::is-active", G_CALLBACK (is_active_changed_cb), NULL);
  g_signal_connect_object (self->switcher_title, "notify::title-visible",
                           G_CALLBACK (title_visible_changed_cb), self, G_CONNECT_SWAPPED);
}
