/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-application.c — the Minutka application object.
 *
 * Owns the application-wide actions (about, preferences, quit), the
 * keyboard accelerators and the command-line options.  Options that ask for
 * work without a window (--version, and later --import, --report …) are
 * answered in handle-local-options, before GTK is initialised, so they work
 * without a display.
 */
#define G_LOG_DOMAIN "mk-application"

#include "config.h"

#include <glib/gi18n.h>

#include "mk-application.h"
#include "mk-cli-import.h"
#include "mk-cli-report.h"
#include "mk-store.h"
#include "mk-version.h"
#include "mk-window.h"

struct _MkApplication
{
  AdwApplication  parent_instance;

  char           *db_path;
  MkStore        *store;
};

G_DEFINE_FINAL_TYPE (MkApplication, mk_application, ADW_TYPE_APPLICATION)

/**
 * mk_application_new:
 *
 * Returns: (transfer full): a new Minutka application.
 */
MkApplication *
mk_application_new (void)
{
  return g_object_new (MK_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "resource-base-path", RESOURCE_BASE_PATH,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}

/**
 * mk_application_get_db_path:
 * @self: the application
 *
 * Returns: (transfer none) (nullable): the database path given with --db,
 *   or %NULL for the default database.
 */
const char *
mk_application_get_db_path (MkApplication *self)
{
  g_return_val_if_fail (MK_IS_APPLICATION (self), NULL);

  return self->db_path;
}

/**
 * mk_application_get_store:
 * @self: the application
 *
 * Returns: (transfer none) (nullable): the open database, or %NULL if it
 *   could not be opened (the window then says why).
 */
MkStore *
mk_application_get_store (MkApplication *self)
{
  g_return_val_if_fail (MK_IS_APPLICATION (self), NULL);

  return self->store;
}

/* Command-line modes.  Each opens the database itself, prints one clear
 * line per problem on stderr and returns the exit status: 0 done, 1 bad
 * input or nothing to do, 2 usage. */

static void
print_error (const GError *error)
{
  g_printerr ("minutka: %s\n", error->message);
}

static int
run_check (MkStore *store)
{
  g_autoptr(GString) report = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  gboolean ok = mk_store_check (store, report, &error);

  g_print ("%s", report->str);
  if (!ok)
    {
      print_error (error);
      return 1;
    }
  g_print (_("The database is sound and its totals match the entries.\n"));
  return 0;
}

static int
run_demo (MkStore *store)
{
  g_autoptr(GError) error = NULL;

  if (!mk_store_load_demo (store, NULL, &error))
    {
      print_error (error);
      return 1;
    }
  g_print (_("Loaded the demo team sample: %d entries. Open Minutka or run "
             "“minutka --report” to see the analysis.\n"),
           (int) mk_store_count_entries (store));
  return 0;
}

static int
mk_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  MkApplication *self = MK_APPLICATION (app);
  g_autoptr(MkStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *db_path = NULL;
  gboolean check = g_variant_dict_contains (options, "check");
  gboolean demo = g_variant_dict_contains (options, "demo");

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("minutka %s\n", mk_version_string ());
      return 0;
    }

  if (g_variant_dict_lookup (options, "db", "^&ay", &db_path))
    {
      g_free (self->db_path);
      self->db_path = g_strdup (db_path);
    }

  /* --import and --export (issue 4): the commands live in
   * core/cli/mk-cli-import.c; this block only hands over the option values. */
  {
    g_autofree const char **import_files = NULL;
    g_autofree const char **rest = NULL;
    g_autofree const char **maps = NULL;
    const char *export_path = NULL;

    g_variant_dict_lookup (options, "import", "^a&ay", &import_files);
    g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &rest);
    g_variant_dict_lookup (options, "export", "^&ay", &export_path);
    if (import_files != NULL && export_path != NULL)
      {
        g_printerr ("minutka: %s\n", _("--import and --export cannot be used together."));
        return 2;
      }
    if (import_files != NULL)
      {
        g_autoptr(GPtrArray) files = g_ptr_array_new ();
        MkCliImportArgs args = { NULL, };

        for (gsize i = 0; import_files[i] != NULL; i++)
          g_ptr_array_add (files, (gpointer) import_files[i]);
        for (gsize i = 0; rest != NULL && rest[i] != NULL; i++)
          g_ptr_array_add (files, (gpointer) rest[i]);
        g_ptr_array_add (files, NULL);
        g_variant_dict_lookup (options, "preset", "&s", &args.preset);
        g_variant_dict_lookup (options, "person", "&s", &args.person);
        g_variant_dict_lookup (options, "date-format", "&s", &args.date_format);
        g_variant_dict_lookup (options, "category-column", "&s", &args.category_column);
        g_variant_dict_lookup (options, "map", "^a&s", &maps);
        args.files = (const char * const *) files->pdata;
        args.maps = maps;
        args.skip_invalid = g_variant_dict_contains (options, "skip-invalid");
        args.dry_run = g_variant_dict_contains (options, "dry-run");
        return mk_cli_import_main (self->db_path, &args);
      }
    if (export_path != NULL)
      {
        const char *from = NULL, *to = NULL;

        g_variant_dict_lookup (options, "from", "&s", &from);
        g_variant_dict_lookup (options, "to", "&s", &to);
        return mk_cli_export_main (self->db_path, export_path, from, to);
      }
    if (rest != NULL && rest[0] != NULL)
      {
        g_printerr ("minutka: ");
        g_printerr (_("unexpected argument '%s'; to import files use --import FILE…"), rest[0]);
        g_printerr ("\n");
        return 2;
      }
  }

  /* --report: the whole command lives in core/cli/mk-cli-report.c. */
  if (g_variant_dict_contains (options, "report"))
    {
      const char *from = NULL, *to = NULL, *format = NULL, *output = NULL;

      if (check || demo)
        {
          g_printerr ("minutka: %s\n", _("--report cannot be used with --check or --demo."));
          return 2;
        }
      g_variant_dict_lookup (options, "from", "&s", &from);
      g_variant_dict_lookup (options, "to", "&s", &to);
      g_variant_dict_lookup (options, "format", "&s", &format);
      g_variant_dict_lookup (options, "output", "^&ay", &output);
      return mk_cli_report_main (self->db_path, from, to, format, output);
    }

  if (!check && !demo)
    return -1;

  if (check && demo)
    {
      g_printerr ("minutka: %s\n", _("--check and --demo cannot be used together."));
      return 2;
    }

  store = mk_store_open (self->db_path, &error);
  if (store == NULL)
    {
      print_error (error);
      return 1;
    }
  if (check)
    return run_check (store);
  return run_demo (store);
}

static void
open_error_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        GApplication     *app)
{
  g_application_release (app);
}

static void
mk_application_activate (GApplication *app)
{
  MkApplication *self = MK_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));
  g_autoptr(GError) error = NULL;

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  if (self->store == NULL)
    self->store = mk_store_open (self->db_path, &error);

  if (self->store == NULL)
    {
      GtkWidget *dialog = adw_message_dialog_new (NULL, _("Minutka Cannot Open Its Database"),
                                                  error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      g_application_hold (app);
      g_signal_connect (dialog, "response", G_CALLBACK (open_error_response_cb), app);
      gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (app));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  window = GTK_WINDOW (mk_window_new (self));
  gtk_window_present (window);
}

static void
about_action_cb (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWindow *parent = gtk_application_get_active_window (app);
  static const char *developers[] = { "Minutka developers", NULL };
  AdwAboutWindow *about;

  about = ADW_ABOUT_WINDOW (adw_about_window_new ());
  adw_about_window_set_application_name (about, _("Minutka"));
  adw_about_window_set_application_icon (about, APP_ID);
  adw_about_window_set_version (about, mk_version_string ());
  adw_about_window_set_developer_name (about, _("Minutka developers"));
  adw_about_window_set_developers (about, developers);
  adw_about_window_set_comments (about,
                                 _("See where a sales team's working day goes: log tasks "
                                   "and minutes for a few days, then compare the team and "
                                   "find the time that could go back to selling."));
  adw_about_window_set_license_type (about, GTK_LICENSE_GPL_3_0);
  adw_about_window_set_copyright (about, "© 2026 Minutka developers");
  /* Translators: put your names here, one per line. */
  adw_about_window_set_translator_credits (about, _("translator-credits"));
  if (parent != NULL)
    gtk_window_set_transient_for (GTK_WINDOW (about), parent);
  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action_cb (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  GApplication *app = G_APPLICATION (user_data);
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  /* Closing the windows lets each save its state before the app exits. */
  for (GList *l = windows; l != NULL; l = windows)
    {
      windows = l->next;
      gtk_window_close (GTK_WINDOW (l->data));
    }
}

static const GActionEntry app_actions[] = {
  { "about", about_action_cb },
  { "quit", quit_action_cb },
};

static void
mk_application_startup (GApplication *app)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *prefs_accels[] = { "<Control>comma", NULL };
  static const char *import_accels[] = { "<Control>o", NULL };
  static const char *today_accels[] = { "<Alt>1", NULL };
  static const char *entries_accels[] = { "<Alt>2", NULL };
  static const char *analysis_accels[] = { "<Alt>3", NULL };

  G_APPLICATION_CLASS (mk_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app),
                                   app_actions, G_N_ELEMENTS (app_actions),
                                   app);

  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.preferences",
                                         prefs_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.import", import_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.page::today",
                                         today_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.page::entries",
                                         entries_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.page::analysis",
                                         analysis_accels);
}

static void
mk_application_finalize (GObject *object)
{
  MkApplication *self = MK_APPLICATION (object);

  g_clear_pointer (&self->db_path, g_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (mk_application_parent_class)->finalize (object);
}

static void
mk_application_class_init (MkApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = mk_application_finalize;

  app_class->handle_local_options = mk_application_handle_local_options;
  app_class->activate = mk_application_activate;
  app_class->startup = mk_application_startup;
}

static void
mk_application_init (MkApplication *self)
{
  static const GOptionEntry options[] = {
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Show the version of Minutka and exit"), NULL },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Use the database at PATH instead of the default one"), N_("PATH") },
    { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Fill the database with the demo team sample and exit"), NULL },
    { "check", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Check the database file and its totals and exit"), NULL },
    { "report", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Print the analysis of the period and exit"), NULL },
    { "from", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("First day of the period (YYYY-MM-DD)"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Last day of the period (YYYY-MM-DD)"), N_("DATE") },
    { "format", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Report format: text, json, csv or pdf"), N_("FORMAT") },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Write the report to FILE instead of the terminal"), N_("FILE") },
    /* --import and --export (issue 4). */
    { "import", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL,
      N_("Import the timesheet CSV FILE (more files may follow) and exit"), N_("FILE…") },
    { "preset", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Import format: auto, toggl, clockify, kimai, harvest, hamster, tempo, minutka "
         "or generic"), N_("PRESET") },
    { "person", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Import every row as the work of NAME"), N_("NAME") },
    { "date-format", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Order of day, month and year in the file: dmy, mdy or ymd"), N_("ORDER") },
    { "category-column", 0, 0, G_OPTION_ARG_STRING, NULL,
      N_("Take the category from the column named NAME"), N_("NAME") },
    { "map", 0, 0, G_OPTION_ARG_STRING_ARRAY, NULL,
      N_("Add the alias TEXT for the category KEY before importing (repeatable)"),
      N_("TEXT=KEY") },
    { "skip-invalid", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Import the valid rows and list the invalid ones, instead of refusing the file"),
      NULL },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, NULL,
      N_("Check the files and print what would be imported, without writing"), NULL },
    { "export", 0, 0, G_OPTION_ARG_FILENAME, NULL,
      N_("Export the entries (of --from … --to) to FILE as CSV and exit"), N_("FILE") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, NULL, NULL, N_("[FILE…]") },
    { NULL }
  };

  g_application_add_main_option_entries (G_APPLICATION (self), options);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Minutka shows where a sales team's working "
                                              "day goes. Without options it opens the window."));
}
