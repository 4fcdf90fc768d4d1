/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-preferences-window.c — Minutka's preferences.
 *
 * Four pages over one MkStore: Categories (mk-categories-page), People
 * (mk-people-page), Analysis with the study period (mk-settings-page) and
 * Data (where the database lives, in this file's template, and the imports
 * with Remove, mk-imports-group).  Everything the
 * pages change is written to the database through core at once — there is
 * no Apply button — and the store's "changed" signal carries it to the
 * other pages and to the main window.  Detail editors (one category, one
 * person) open as subpages of this window.
 */
#define G_LOG_DOMAIN "mk-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "mk-categories-page.h"
#include "mk-imports-group.h"
#include "mk-people-page.h"
#include "mk-preferences-window.h"
#include "mk-settings-page.h"
#include "mk-supervisor-note.h"
#include "mk-team-page.h"

struct _MkPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  MkStore              *store;
  gulong                changed_id;

  MkCategoriesPage     *categories_page;
  MkPeoplePage         *people_page;
  MkSettingsPage       *settings_page;
  AdwActionRow         *db_row;
  MkImportsGroup       *imports_group;
};

G_DEFINE_FINAL_TYPE (MkPreferencesWindow, mk_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* A manager's desktop in a team: the team's settings are the supervisor's
 * (mk-supervisor-note.c). */
static void
store_changed_cb (MkPreferencesWindow *self)
{
  gboolean owned = mk_supervisor_note_is_team_owned (self->store);

  mk_supervisor_note_apply (ADW_PREFERENCES_PAGE (self->categories_page), owned);
  mk_supervisor_note_apply (ADW_PREFERENCES_PAGE (self->settings_page), owned);
}

/**
 * mk_preferences_window_new:
 * @store: the database the preferences belong to
 *
 * Returns: (transfer full): a new preferences window.
 */
MkPreferencesWindow *
mk_preferences_window_new (MkStore *store)
{
  MkPreferencesWindow *self;
  MkTeamPage *team_page;
  g_autofree char *shown = NULL;

  g_return_val_if_fail (MK_IS_STORE (store), NULL);

  self = g_object_new (MK_TYPE_PREFERENCES_WINDOW, NULL);
  self->store = g_object_ref (store);
  mk_categories_page_set_store (self->categories_page, store);
  mk_people_page_set_store (self->people_page, store);
  mk_settings_page_set_store (self->settings_page, store);
  team_page = g_object_new (MK_TYPE_TEAM_PAGE, NULL);
  mk_team_page_set_store (team_page, store);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (team_page));
  mk_imports_group_set_store (self->imports_group, store);
  self->changed_id = g_signal_connect_swapped (store, "changed", G_CALLBACK (store_changed_cb),
                                               self);
  store_changed_cb (self);

  shown = g_filename_display_name (mk_store_get_path (store));
  adw_action_row_set_subtitle (self->db_row, shown);

  return self;
}

/**
 * mk_preferences_window_get_store:
 * @self: the preferences window
 *
 * Returns: (transfer none): the database the window edits.
 */
MkStore *
mk_preferences_window_get_store (MkPreferencesWindow *self)
{
  g_return_val_if_fail (MK_IS_PREFERENCES_WINDOW (self), NULL);
  return self->store;
}

static void
open_folder_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  MkPreferencesWindow *self = MK_PREFERENCES_WINDOW (widget);
  g_autoptr(GFile) file = g_file_new_for_path (mk_store_get_path (self->store));
  g_autoptr(GFile) folder = g_file_get_parent (file);
  g_autofree char *uri = g_file_get_uri (folder);

  gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
}

static void
mk_preferences_window_dispose (GObject *object)
{
  MkPreferencesWindow *self = MK_PREFERENCES_WINDOW (object);

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  gtk_widget_dispose_template (GTK_WIDGET (object), MK_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (mk_preferences_window_parent_class)->dispose (object);
}

static void
mk_preferences_window_finalize (GObject *object)
{
  MkPreferencesWindow *self = MK_PREFERENCES_WINDOW (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (mk_preferences_window_parent_class)->finalize (object);
}

static void
mk_preferences_window_class_init (MkPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mk_preferences_window_dispose;
  object_class->finalize = mk_preferences_window_finalize;

  g_type_ensure (MK_TYPE_CATEGORIES_PAGE);
  g_type_ensure (MK_TYPE_PEOPLE_PAGE);
  g_type_ensure (MK_TYPE_SETTINGS_PAGE);
  g_type_ensure (MK_TYPE_IMPORTS_GROUP);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/mk-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MkPreferencesWindow, categories_page);
  gtk_widget_class_bind_template_child (widget_class, MkPreferencesWindow, people_page);
  gtk_widget_class_bind_template_child (widget_class, MkPreferencesWindow, settings_page);
  gtk_widget_class_bind_template_child (widget_class, MkPreferencesWindow, db_row);
  gtk_widget_class_bind_template_child (widget_class, MkPreferencesWindow, imports_group);
  gtk_widget_class_install_action (widget_class, "prefs.open-folder", NULL,
                                   open_folder_action_cb);
}

static void
mk_preferences_window_init (MkPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
