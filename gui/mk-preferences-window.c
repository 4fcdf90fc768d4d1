/* mk-preferences-window.c — Minutka's preferences.
 *
 * Shows where the data lives.  Categories, people, the study period and the
 * analysis thresholds are stored in the database and get their own pages as
 * the store grows.
 */
#define G_LOG_DOMAIN "mk-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "mk-paths.h"
#include "mk-preferences-window.h"

struct _MkPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  char                 *db_path;

  AdwActionRow         *db_row;
};

G_DEFINE_FINAL_TYPE (MkPreferencesWindow, mk_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/**
 * mk_preferences_window_new:
 * @db_path: (nullable): the database given on the command line, or %NULL
 *
 * Returns: (transfer full): a new preferences window.
 */
MkPreferencesWindow *
mk_preferences_window_new (const char *db_path)
{
  MkPreferencesWindow *self = g_object_new (MK_TYPE_PREFERENCES_WINDOW, NULL);
  g_autofree char *shown = NULL;

  self->db_path = db_path ? g_strdup (db_path) : mk_paths_default_db ();
  shown = g_filename_display_name (self->db_path);
  adw_action_row_set_subtitle (self->db_row, shown);

  return self;
}

static void
open_folder_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  MkPreferencesWindow *self = MK_PREFERENCES_WINDOW (widget);
  g_autoptr(GFile) file = g_file_new_for_path (self->db_path);
  g_autoptr(GFile) folder = g_file_get_parent (file);
  g_autofree char *uri = g_file_get_uri (folder);

  gtk_show_uri (GTK_WINDOW (self), uri, GDK_CURRENT_TIME);
}

static void
mk_preferences_window_finalize (GObject *object)
{
  MkPreferencesWindow *self = MK_PREFERENCES_WINDOW (object);

  g_clear_pointer (&self->db_path, g_free);

  G_OBJECT_CLASS (mk_preferences_window_parent_class)->finalize (object);
}

static void
mk_preferences_window_class_init (MkPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = mk_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/mk-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MkPreferencesWindow, db_row);
  gtk_widget_class_install_action (widget_class, "prefs.open-folder", NULL,
                                   open_folder_action_cb);
}

static void
mk_preferences_window_init (MkPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
