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
 *
 * Opening it in one go kept the main thread for 0.15-0.25 s: five pages of
 * widgets made, then measured (the pages' stack is homogeneous, so every
 * page is measured before the window first shows, most of it shaping
 * wrapped text).  The main window opens it with mk_preferences_window_open(),
 * which does the same work over several main-loop iterations — the window
 * with four pages, then the Team page, then each page's width and its
 * height at the window's width, one per iteration (GTK keeps the sizes,
 * so the present does not measure them again), then the present —
 * with the "progress" cursor over the main window meanwhile.
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
  AdwPreferencesPage   *data_page;
  MkTeamPage           *team_page;
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

/* The window with every page but Team. */
static MkPreferencesWindow *
create (MkStore *store)
{
  MkPreferencesWindow *self = g_object_new (MK_TYPE_PREFERENCES_WINDOW, NULL);
  g_autofree char *shown = NULL;

  self->store = g_object_ref (store);
  mk_categories_page_set_store (self->categories_page, store);
  mk_people_page_set_store (self->people_page, store);
  mk_settings_page_set_store (self->settings_page, store);
  mk_imports_group_set_store (self->imports_group, store);
  self->changed_id = g_signal_connect_swapped (store, "changed", G_CALLBACK (store_changed_cb),
                                               self);
  store_changed_cb (self);

  shown = g_filename_display_name (mk_store_get_path (store));
  adw_action_row_set_subtitle (self->db_row, shown);
  return self;
}

static void
add_team_page (MkPreferencesWindow *self)
{
  self->team_page = g_object_new (MK_TYPE_TEAM_PAGE, NULL);
  mk_team_page_set_store (self->team_page, self->store);
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self),
                              ADW_PREFERENCES_PAGE (self->team_page));
}

/**
 * mk_preferences_window_new:
 * @store: the database the preferences belong to
 *
 * Makes the whole window at once; mk_preferences_window_open() makes it
 * in steps and shows it.
 *
 * Returns: (transfer full): a new preferences window.
 */
MkPreferencesWindow *
mk_preferences_window_new (MkStore *store)
{
  MkPreferencesWindow *self;

  g_return_val_if_fail (MK_IS_STORE (store), NULL);

  self = create (store);
  add_team_page (self);
  return self;
}

/* Opening in steps */

typedef struct {
  MkPreferencesWindow *window;
  GtkWindow           *parent;     /* weak */
  char                *page_name;
  guint                stage;
} Opening;

static void
opening_free (gpointer data)
{
  Opening *opening = data;

  if (opening->parent != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (opening->parent), (gpointer *) &opening->parent);
      g_object_set_data (G_OBJECT (opening->parent), "mk-preferences-opening", NULL);
      gtk_widget_set_cursor (GTK_WIDGET (opening->parent), NULL);
    }
  g_clear_object (&opening->window);
  g_free (opening->page_name);
  g_free (opening);
}

/* Measures @page as the window will: its width, or its height at the
 * window's width.  GTK keeps both until the page changes. */
static void
measure_page (MkPreferencesWindow *self,
              gpointer             page,
              GtkOrientation       orientation)
{
  int width = 0;
  int height = 0;
  int min = 0;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  gtk_widget_measure (GTK_WIDGET (page), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  if (orientation == GTK_ORIENTATION_VERTICAL)
    gtk_widget_measure (GTK_WIDGET (page), GTK_ORIENTATION_VERTICAL, MAX (width, min), NULL,
                        NULL, NULL, NULL);
}

static gboolean
opening_step_cb (gpointer data)
{
  Opening *opening = data;
  MkPreferencesWindow *self = opening->window;
  gpointer pages[] = { self->categories_page, self->people_page, self->settings_page,
                       self->data_page, self->team_page };

  if (opening->parent == NULL)
    {
      /* The main window went meanwhile. */
      gtk_window_destroy (GTK_WINDOW (self));
      return G_SOURCE_REMOVE;
    }

  if (opening->stage == 0)
    {
      add_team_page (self);
      if (opening->page_name != NULL)
        adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (self),
                                                      opening->page_name);
    }
  else if (opening->stage <= 2 * G_N_ELEMENTS (pages))
    {
      /* A page's width, then its height, in two iterations. */
      measure_page (self, pages[(opening->stage - 1) / 2],
                    opening->stage % 2 == 1 ? GTK_ORIENTATION_HORIZONTAL
                                            : GTK_ORIENTATION_VERTICAL);
    }
  else
    {
      gtk_window_present (GTK_WINDOW (self));
      return G_SOURCE_REMOVE;
    }
  opening->stage++;
  return G_SOURCE_CONTINUE;
}

/**
 * mk_preferences_window_open:
 * @store: the database the preferences belong to
 * @parent: the main window, which Preferences is transient for
 * @page_name: (nullable): the page to show ("team"), or %NULL for the first
 *
 * Makes Preferences over several main-loop iterations, none of them long,
 * and presents it; meanwhile @parent shows the "progress" cursor.  A second
 * call while one is under way for the same @parent does nothing.
 */
void
mk_preferences_window_open (MkStore    *store,
                            GtkWindow  *parent,
                            const char *page_name)
{
  Opening *opening;
  guint id;

  g_return_if_fail (MK_IS_STORE (store));
  g_return_if_fail (GTK_IS_WINDOW (parent));

  if (g_object_get_data (G_OBJECT (parent), "mk-preferences-opening") != NULL)
    return;

  opening = g_new0 (Opening, 1);
  opening->window = g_object_ref_sink (create (store));
  opening->parent = parent;
  opening->page_name = g_strdup (page_name);
  g_object_add_weak_pointer (G_OBJECT (parent), (gpointer *) &opening->parent);
  g_object_set_data (G_OBJECT (parent), "mk-preferences-opening", opening);
  gtk_window_set_transient_for (GTK_WINDOW (opening->window), parent);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (parent), "progress");

  id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, opening_step_cb, opening, opening_free);
  g_source_set_name_by_id (id, "[minutka] open preferences");
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
  gtk_widget_class_bind_template_child (widget_class, MkPreferencesWindow, data_page);
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
