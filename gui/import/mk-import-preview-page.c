/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-import-preview-page.c — how one CSV file will be imported, and the user's corrections.
 *
 * The page asks core for a preview of the file (mk_importer_preview(), in a
 * worker thread on a store of its own, so a big file never blocks the
 * window) and shows it: what was detected (format, encoding, delimiter,
 * date order, which column is what), the first rows as they will be
 * imported with the problems of bad rows, and the category texts Minutka
 * has no alias for.  Every drop-down is an override: changing one re-runs
 * the preview with the new options.
 *
 * Invariants:
 *   - the options the page hands out (mk_import_preview_page_get_options())
 *     are exactly the ones the visible preview was made with, plus the
 *     user's choices for unknown category texts as "TEXT=KEY" maps, which
 *     the importer saves as aliases inside the import's transaction;
 *   - only the latest preview is shown: a preview that finishes after a
 *     newer one was asked for is dropped (generation counter);
 *   - no SQL and no parsing here: the store is only asked for categories.
 */
#define G_LOG_DOMAIN "mk-import-preview-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "mk-import-category-choices.h"
#include "mk-format.h"
#include "mk-import-columns.h"
#include "mk-import-preview-page.h"
#include "mk-import-row-item.h"

/* Rows parsed for the preview (the table and the unknown categories). */
#define PREVIEW_ROWS 500

/* The first entries of every column drop-down; the headers follow. */
enum { COLUMN_AUTO, COLUMN_NONE, COLUMN_FIRST_HEADER };

typedef enum {
  ROLE_PERSON,
  ROLE_CATEGORY,
  ROLE_DURATION,
  ROLE_TASK,
  N_ROLES,
} Role;

struct _MkImportPreviewPage
{
  GtkWidget        parent_instance;

  GtkWidget       *scroller;
  GtkWidget       *problem_box;
  GtkLabel        *problem_label;
  GtkWidget       *notes_box;
  GtkLabel        *notes_label;
  AdwComboRow     *preset_row;
  AdwComboRow     *encoding_row;
  AdwComboRow     *delimiter_row;
  AdwComboRow     *date_order_row;
  AdwComboRow     *column_rows[N_ROLES];
  GtkWidget       *person_group;
  AdwEntryRow     *person_row;
  GtkSwitch       *skip_invalid_switch;
  MkImportCategoryChoices *unmapped_group;
  AdwPreferencesGroup *rows_group;
  GtkColumnView   *rows_view;

  MkStore         *store;
  char            *db_path;
  char            *path;
  GListStore      *rows;
  GListModel      *categories;
  GStrv            headers;
  char            *column_names[N_ROLES];
  char            *person;

  gboolean         loading;
  gboolean         ready;
  gboolean         updating;
  gboolean         needs_person;
  gboolean         skip_touched;   /* the user set Skip Invalid Rows */
  gboolean         skip_setting;   /* the page is setting it */
  char            *problem;
  GError          *error;
  guint            generation;
  GCancellable    *cancellable;
};

G_DEFINE_FINAL_TYPE (MkImportPreviewPage, mk_import_preview_page, GTK_TYPE_WIDGET)

enum { PROP_0, PROP_LOADING, PROP_READY, N_PROPS };
enum { LOADED, N_SIGNALS };

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const MkPreset presets[] = {
  MK_PRESET_AUTO, MK_PRESET_GENERIC, MK_PRESET_TOGGL, MK_PRESET_CLOCKIFY, MK_PRESET_KIMAI,
  MK_PRESET_HARVEST, MK_PRESET_HAMSTER, MK_PRESET_TEMPO, MK_PRESET_MINUTKA,
};
static const MkEncoding encodings[] = {
  MK_ENCODING_UTF8, MK_ENCODING_UTF8_BOM, MK_ENCODING_UTF16LE, MK_ENCODING_UTF16BE,
  MK_ENCODING_WINDOWS_1251,
};
static const char delimiters[] = { ',', ';', '\t', '|' };
static const MkDateOrder date_orders[] = {
  MK_DATE_ORDER_UNKNOWN, MK_DATE_ORDER_YMD, MK_DATE_ORDER_DMY, MK_DATE_ORDER_MDY,
};

static const char *
delimiter_display_name (char delimiter)
{
  switch (delimiter)
    {
    case ',':
      return _("Comma");
    case ';':
      return _("Semicolon");
    case '\t':
      return _("Tab");
    case '|':
      return _("Vertical bar");
    default:
      return "?";
    }
}

static const char *
date_order_display_name (MkDateOrder order)
{
  switch (order)
    {
    case MK_DATE_ORDER_YMD:
      return _("Year first (2024-03-31)");
    case MK_DATE_ORDER_DMY:
      return _("Day first (31.03.2024)");
    case MK_DATE_ORDER_MDY:
      return _("Month first (03/31/2024)");
    case MK_DATE_ORDER_UNKNOWN:
    default:
      return _("Automatic");
    }
}

/* Options and the preview job. */

/* The options the visible state stands for; strings stay owned by @self. */
void
mk_import_preview_page_get_options (MkImportPreviewPage *self,
                                    MkImportOptions     *options)
{
  guint i;

  g_return_if_fail (MK_IS_IMPORT_PREVIEW_PAGE (self));
  g_return_if_fail (options != NULL);

  mk_import_options_init (options);
  options->preset = presets[adw_combo_row_get_selected (self->preset_row)];
  i = adw_combo_row_get_selected (self->encoding_row);
  if (i > 0 && i <= G_N_ELEMENTS (encodings))
    {
      options->encoding_given = TRUE;
      options->encoding = encodings[i - 1];
    }
  i = adw_combo_row_get_selected (self->delimiter_row);
  if (i > 0 && i <= G_N_ELEMENTS (delimiters))
    options->delimiter = delimiters[i - 1];
  i = adw_combo_row_get_selected (self->date_order_row);
  if (i < G_N_ELEMENTS (date_orders))
    options->date_order = date_orders[i];
  options->person_column = self->column_names[ROLE_PERSON];
  options->category_column = self->column_names[ROLE_CATEGORY];
  options->duration_column = self->column_names[ROLE_DURATION];
  options->task_column = self->column_names[ROLE_TASK];
  options->person = self->needs_person && self->person && *self->person ? self->person : NULL;
  options->skip_invalid = gtk_switch_get_active (self->skip_invalid_switch);
  options->maps = mk_import_category_choices_get_maps (self->unmapped_group);
}

typedef struct {
  char            *db_path;
  char            *path;
  MkImportOptions  options;
  char            *strings[N_ROLES + 1];
} PreviewJob;

static void
preview_job_free (gpointer data)
{
  PreviewJob *job = data;

  g_free (job->db_path);
  g_free (job->path);
  for (guint i = 0; i < G_N_ELEMENTS (job->strings); i++)
    g_free (job->strings[i]);
  g_free (job);
}

static void
preview_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  PreviewJob *job = task_data;
  g_autoptr(MkStore) store = NULL;
  MkImportPreview *preview;
  GError *error = NULL;

  store = mk_store_open (job->db_path, &error);
  if (store == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  preview = mk_importer_preview (store, job->path, &job->options, PREVIEW_ROWS, &error);
  if (preview == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, preview, (GDestroyNotify) mk_import_preview_free);
}

static void apply_preview (MkImportPreviewPage *self,
                           MkImportPreview     *preview);

static void
set_loading (MkImportPreviewPage *self,
             gboolean             loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
set_ready (MkImportPreviewPage *self,
           gboolean             ready)
{
  if (self->ready == ready)
    return;
  self->ready = ready;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READY]);
}

static void
preview_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(MkImportPreviewPage) self = user_data;
  g_autoptr(MkImportPreview) preview = NULL;
  g_autoptr(GError) error = NULL;

  preview = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
      || GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (result), "generation"))
         != self->generation)
    return;

  g_clear_error (&self->error);
  if (preview == NULL)
    self->error = g_steal_pointer (&error);
  apply_preview (self, preview);
  set_loading (self, FALSE);
  g_signal_emit (self, signals[LOADED], 0);
}

/* Runs the preview again with the options the widgets show. */
static void
reload (MkImportPreviewPage *self)
{
  g_autoptr(GTask) task = NULL;
  PreviewJob *job;

  if (self->path == NULL || self->updating)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->generation++;

  job = g_new0 (PreviewJob, 1);
  job->db_path = g_strdup (self->db_path);
  job->path = g_strdup (self->path);
  mk_import_preview_page_get_options (self, &job->options);
  /* The preview shows the file's own categories: the user's choices for
   * unknown texts are shown by the page, not applied as maps. */
  job->options.maps = NULL;
  job->options.skip_invalid = FALSE;
  job->strings[0] = g_strdup (job->options.person);
  job->options.person = job->strings[0];
  job->strings[1] = g_strdup (job->options.person_column);
  job->options.person_column = job->strings[1];
  job->strings[2] = g_strdup (job->options.category_column);
  job->options.category_column = job->strings[2];
  job->strings[3] = g_strdup (job->options.duration_column);
  job->options.duration_column = job->strings[3];
  job->strings[4] = g_strdup (job->options.task_column);
  job->options.task_column = job->strings[4];

  set_ready (self, FALSE);
  set_loading (self, TRUE);
  task = g_task_new (NULL, self->cancellable, preview_done_cb, g_object_ref (self));
  g_object_set_data (G_OBJECT (task), "generation", GUINT_TO_POINTER (self->generation));
  g_task_set_task_data (task, job, preview_job_free);
  g_task_run_in_thread (task, preview_thread);
}

/* Showing a preview. */

static MkCategory *
category_for_key (MkImportPreviewPage *self,
                  const char          *key)
{
  guint n = g_list_model_get_n_items (self->categories);

  for (guint i = 0; key != NULL && i < n; i++)
    {
      g_autoptr(MkCategory) category = g_list_model_get_item (self->categories, i);

      if (g_strcmp0 (mk_category_get_key (category), key) == 0)
        return category;
    }
  return NULL;
}

static char *
category_name_for_row (MkImportPreviewPage *self,
                       const MkPreviewRow  *row)
{
  const char *key = mk_import_category_choices_lookup (self->unmapped_group,
                                                       row->category_text);
  MkCategory *category;

  if (key == NULL)
    key = row->category_key;
  category = category_for_key (self, key);
  return g_strdup (category ? mk_category_get_name (category) : key);
}

static void
set_column_model (MkImportPreviewPage *self,
                  char               **headers)
{
  g_autoptr(GtkStringList) list = NULL;

  if (self->headers != NULL && headers != NULL
      && g_strv_equal ((const char * const *) headers, (const char * const *) self->headers))
    return;
  g_strfreev (self->headers);
  self->headers = g_strdupv (headers);

  for (guint r = 0; r < N_ROLES; r++)
    {
      guint selected = COLUMN_AUTO;

      list = gtk_string_list_new (NULL);
      gtk_string_list_append (list, _("Automatic"));
      gtk_string_list_append (list, _("None"));
      for (guint i = 0; headers != NULL && headers[i] != NULL; i++)
        {
          gtk_string_list_append (list, headers[i]);
          if (g_strcmp0 (headers[i], self->column_names[r]) == 0)
            selected = COLUMN_FIRST_HEADER + i;
        }
      if (g_strcmp0 (self->column_names[r], "") == 0)
        selected = COLUMN_NONE;
      else if (selected == COLUMN_AUTO)
        g_clear_pointer (&self->column_names[r], g_free);
      adw_combo_row_set_model (self->column_rows[r], G_LIST_MODEL (list));
      adw_combo_row_set_selected (self->column_rows[r], selected);
      g_clear_object (&list);
    }
}

static void
set_column_subtitle (MkImportPreviewPage *self,
                     Role                 role,
                     const MkColumnMap   *map,
                     int                  column)
{
  g_autofree char *text = NULL;

  if (map == NULL)
    text = g_strdup ("");
  else if (column >= 0 && (guint) column < map->n_columns)
    text = g_strdup_printf (_("Reads column “%s”"), map->headers[column]);
  else
    text = g_strdup (_("Not read"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->column_rows[role]), text);
}

static gboolean
preview_needs_person (MkImportPreview *preview)
{
  const MkColumnMap *map = preview->map;
  MkColumnOptions options = { MK_PRESET_AUTO, NULL, TRUE };
  g_autoptr(MkColumnMap) with_person = NULL;

  if (map != NULL)
    return map->person < 0 && map->first_name < 0 && map->last_name < 0 && map->email < 0;
  if (preview->headers == NULL)
    return FALSE;
  /* The columns do not fit: would a name for every row make them fit? */
  with_person = mk_column_map_new ((const char * const *) preview->headers,
                                   g_strv_length (preview->headers), &options, NULL);
  return with_person != NULL;
}

/* "4 rows, 1 with a problem" under the table's title. */
static void
show_rows_summary (MkImportPreviewPage *self,
                   MkImportPreview     *preview)
{
  guint n_rows = preview ? preview->rows->len : 0;
  guint n_bad = 0;
  g_autofree char *count = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; i < n_rows; i++)
    if (((MkPreviewRow *) g_ptr_array_index (preview->rows, i))->problem != NULL)
      n_bad++;
  count = mk_format_count (n_rows);
  /* Translators: the number of rows in the import preview, its digits
   * grouped ("1,200 rows"). */
  rows = g_strdup_printf (ngettext ("%s row", "%s rows", n_rows), count);
  if (n_bad > 0)
    {
      g_autofree char *bad = mk_format_count (n_bad);

      /* Translators: "1,200 rows, 3 with a problem". */
      text = g_strdup_printf (ngettext ("%s, %s with a problem", "%s, %s with a problem", n_bad),
                              rows, bad);
    }
  adw_preferences_group_set_description (self->rows_group, text ? text : rows);
}

/* How the file is read (which column gives the person, what is
 * skipped, why the dates read as they do) and, when a line's quote never
 * closes, that the other rows can still come in: Skip Invalid Rows is
 * turned on for that, unless the user has set it. */
static void
show_notes (MkImportPreviewPage *self,
            MkImportPreview     *preview)
{
  g_autoptr(GPtrArray) lines = mk_import_notes_describe (&preview->notes);
  g_autoptr(GString) text = g_string_new (NULL);

  if (preview->broken_lines > 0)
    {
      g_autofree char *count = mk_format_count (preview->broken_lines);

      /* Translators: %s is a count with its digits grouped ("1,002"). */
      g_ptr_array_insert (lines, 0,
                          g_strdup_printf (ngettext ("%s line has a quoted field that is never "
                                                     "closed, so it cannot be read (it is "
                                                     "marked below); the other rows are read "
                                                     "as they are. With Skip Invalid Rows on, "
                                                     "Import brings them in.",
                                                     "%s lines have a quoted field that is "
                                                     "never closed, so they cannot be read "
                                                     "(they are marked below); the other rows "
                                                     "are read as they are. With Skip Invalid "
                                                     "Rows on, Import brings them in.",
                                                     preview->broken_lines),
                                           count));
      if (!self->skip_touched)
        {
          self->skip_setting = TRUE;
          gtk_switch_set_active (self->skip_invalid_switch, TRUE);
          self->skip_setting = FALSE;
        }
    }
  for (guint i = 0; i < lines->len; i++)
    {
      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, g_ptr_array_index (lines, i));
    }
  gtk_label_set_text (self->notes_label, text->str);
  gtk_widget_set_visible (self->notes_box, text->len > 0);
}

static void
apply_preview (MkImportPreviewPage *self,
               MkImportPreview     *preview)
{
  g_autofree char *subtitle = NULL;
  g_autoptr(GPtrArray) items = NULL;
  const MkColumnMap *map;
  gboolean ambiguous;

  g_clear_pointer (&self->problem, g_free);
  g_list_store_remove_all (self->rows);
  if (preview == NULL)
    {
      self->problem = g_strdup (self->error->message);
      gtk_label_set_text (self->problem_label, self->problem);
      gtk_widget_set_visible (self->problem_box, TRUE);
      gtk_widget_set_visible (self->notes_box, FALSE);
      mk_import_category_choices_show (self->unmapped_group, NULL);
      show_rows_summary (self, NULL);
      set_ready (self, FALSE);
      return;
    }

  self->updating = TRUE;
  map = preview->map;
  set_column_model (self, preview->headers ? preview->headers : map ? map->headers : NULL);

  subtitle = map ? g_strdup_printf (_("Detected: %s"), _(mk_preset_get_display_name (map->preset)))
                 : g_strdup ("");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->preset_row), subtitle);
  g_free (subtitle);
  subtitle = g_strdup_printf (_("Detected: %s"), mk_encoding_to_string (preview->encoding));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->encoding_row), subtitle);
  g_free (subtitle);
  subtitle = g_strdup_printf (_("Detected: %s"),
                              delimiter_display_name (preview->dialect.delimiter));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->delimiter_row), subtitle);
  g_free (subtitle);
  if (preview->date_order == MK_DATE_ORDER_UNKNOWN)
    subtitle = g_strdup ("");
  else if (preview->date_order == MK_DATE_ORDER_AMBIGUOUS)
    subtitle = g_strdup (_("The dates fit both orders: choose one"));
  else if (preview->notes.date_basis == MK_DATE_BASIS_CLOSEST)
    /* Translators: "Detected: Month first (03/31/2024), where the days lie closest
     * together". */
    subtitle = g_strdup_printf (_("Detected: %s, where the days lie closest together"),
                                date_order_display_name (preview->date_order));
  else
    subtitle = g_strdup_printf (_("Detected: %s"),
                                date_order_display_name (preview->date_order));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->date_order_row), subtitle);

  set_column_subtitle (self, ROLE_PERSON, map, map ? map->person : -1);
  set_column_subtitle (self, ROLE_CATEGORY, map, map ? map->category : -1);
  set_column_subtitle (self, ROLE_DURATION, map, map ? map->duration : -1);
  set_column_subtitle (self, ROLE_TASK, map, map ? map->task : -1);

  self->needs_person = preview_needs_person (preview);
  gtk_widget_set_visible (self->person_group, self->needs_person);
  self->updating = FALSE;

  ambiguous = preview->date_order == MK_DATE_ORDER_AMBIGUOUS
              && adw_combo_row_get_selected (self->date_order_row) == 0;
  /* The dialog's own words first: the importer's messages name the
   * command line's options. */
  if (self->needs_person && (self->person == NULL || *self->person == '\0'))
    self->problem = g_strdup (_("The file has no person column. Type whose timesheet "
                                "it is."));
  else if (preview->columns_problem != NULL)
    self->problem = g_strdup (preview->columns_problem);
  else if (ambiguous)
    self->problem = g_strdup (_("Every date fits both day/month and month/day order. "
                                "Choose the date order below."));
  gtk_label_set_text (self->problem_label, self->problem ? self->problem : "");
  gtk_widget_set_visible (self->problem_box, self->problem != NULL);
  show_notes (self, preview);

  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < preview->rows->len; i++)
    {
      const MkPreviewRow *row = g_ptr_array_index (preview->rows, i);
      g_autofree char *name = row->problem || row->skipped ? NULL
                                                           : category_name_for_row (self, row);

      g_ptr_array_add (items, mk_import_row_item_new (row, name));
    }
  g_list_store_splice (self->rows, 0, 0, items->pdata, items->len);
  show_rows_summary (self, preview);
  mk_import_category_choices_show (self->unmapped_group, preview->unmapped);

  set_ready (self, self->problem == NULL && map != NULL);
}

/* The user's overrides. */

static void
override_changed_cb (MkImportPreviewPage *self)
{
  for (guint r = 0; r < N_ROLES && !self->updating; r++)
    {
      guint selected = adw_combo_row_get_selected (self->column_rows[r]);

      g_clear_pointer (&self->column_names[r], g_free);
      if (selected == COLUMN_NONE)
        self->column_names[r] = g_strdup ("");
      else if (selected >= COLUMN_FIRST_HEADER && self->headers != NULL
               && selected - COLUMN_FIRST_HEADER < g_strv_length (self->headers))
        self->column_names[r] = g_strdup (self->headers[selected - COLUMN_FIRST_HEADER]);
    }
  reload (self);
}

static void
skip_invalid_changed_cb (MkImportPreviewPage *self)
{
  if (!self->skip_setting)
    self->skip_touched = TRUE;
}

static void
person_changed_cb (MkImportPreviewPage *self)
{
  g_free (self->person);
  self->person = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->person_row))));
  reload (self);
}

/* GObject. */

static void
mk_import_preview_page_dispose (GObject *object)
{
  MkImportPreviewPage *self = MK_IMPORT_PREVIEW_PAGE (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), MK_TYPE_IMPORT_PREVIEW_PAGE);

  G_OBJECT_CLASS (mk_import_preview_page_parent_class)->dispose (object);
}

static void
mk_import_preview_page_finalize (GObject *object)
{
  MkImportPreviewPage *self = MK_IMPORT_PREVIEW_PAGE (object);

  g_clear_object (&self->store);
  g_free (self->db_path);
  g_free (self->path);
  g_clear_object (&self->rows);
  g_clear_object (&self->categories);
  g_strfreev (self->headers);
  for (guint r = 0; r < N_ROLES; r++)
    g_free (self->column_names[r]);
  g_free (self->person);
  g_free (self->problem);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (mk_import_preview_page_parent_class)->finalize (object);
}

static void
mk_import_preview_page_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  MkImportPreviewPage *self = MK_IMPORT_PREVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    case PROP_READY:
      g_value_set_boolean (value, self->ready);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mk_import_preview_page_class_init (MkImportPreviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mk_import_preview_page_dispose;
  object_class->finalize = mk_import_preview_page_finalize;
  object_class->get_property = mk_import_preview_page_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_READY] =
    g_param_spec_boolean ("ready", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MkImportPreviewPage::loaded:
   *
   * A preview finished: shown, or failed (see get_error()).
   */
  signals[LOADED] = g_signal_new ("loaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (MK_TYPE_IMPORT_CATEGORY_CHOICES);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH
                                               "/mk-import-preview-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MkImportPreviewPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, MkImportPreviewPage, problem_box);
  gtk_widget_class_bind_template_child (widget_class, MkImportPreviewPage, problem_label);
  gtk_widget_class_bind_template_child (widget_class, MkImportPreviewPage, notes_box);
  gtk_widget_class_bind_template_child (widget_class, MkImportPreviewPage, notes_label);
  gtk_widget_class_bind_template_child (widget_class, MkImportPreviewPage, preset_row);
  gtk_widget_class_bind_template_child (widget_class, MkImportPreviewPage, encoding_row);
  gtk_widget_class_bind_template_child (widget_class, MkImportPreviewPage, delimiter_row);
  gtk_widget_class_bind_template_child (widget_class, MkImportPreviewPage, date_order_row);
  gtk_widget_class_bind_template_child_full (widget_class, "person_column_row", FALSE,
                                             G_STRUCT_OFFSET (MkImportPreviewPage,
                                                              column_rows[ROLE_PERSON]));
  gtk_widget_class_bind_template_child_full (widget_class, "category_column_row", FALSE,
                                             G_STRUCT_OFFSET (MkImportPreviewPage,
                                                              column_rows[ROLE_CATEGORY]));
  gtk_widget_class_bind_template_child_full (widget_class, "duration_column_row", FALSE,
                                             G_STRUCT_OFFSET (MkImportPreviewPage,
                                                              column_rows[ROLE_DURATION]));
  gtk_widget_class_bind_template_child_full (widget_class, "task_column_row", FALSE,
                                             G_STRUCT_OFFSET (MkImportPreviewPage,
                                                              column_rows[ROLE_TASK]));
  gtk_widget_class_bind_template_child (widget_class, MkImportPreviewPage, person_group);
  gtk_widget_class_bind_template_child (widget_class, MkImportPreviewPage, person_row);
  gtk_widget_class_bind_template_child (widget_class, MkImportPreviewPage, skip_invalid_switch);
  gtk_widget_class_bind_template_child (widget_class, MkImportPreviewPage, unmapped_group);
  gtk_widget_class_bind_template_child (widget_class, MkImportPreviewPage, rows_group);
  gtk_widget_class_bind_template_child (widget_class, MkImportPreviewPage, rows_view);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static GListModel *
string_model (const char * const *strings,
              guint               n)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; i < n; i++)
    gtk_string_list_append (list, strings[i]);
  return G_LIST_MODEL (list);
}

static void
mk_import_preview_page_init (MkImportPreviewPage *self)
{
  g_autoptr(GListModel) preset_model = NULL;
  g_autoptr(GListModel) encoding_model = NULL;
  g_autoptr(GListModel) delimiter_model = NULL;
  g_autoptr(GListModel) order_model = NULL;
  g_autoptr(GtkNoSelection) selection = NULL;
  const char *preset_names[G_N_ELEMENTS (presets)];
  const char *encoding_names[G_N_ELEMENTS (encodings) + 1];
  const char *delimiter_names[G_N_ELEMENTS (delimiters) + 1];
  const char *order_names[G_N_ELEMENTS (date_orders)];

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->skip_invalid_switch, "notify::active",
                            G_CALLBACK (skip_invalid_changed_cb), self);

  self->rows = g_list_store_new (MK_TYPE_IMPORT_ROW_ITEM);
  self->categories = G_LIST_MODEL (g_list_store_new (MK_TYPE_CATEGORY));

  preset_names[0] = _("Automatic");
  for (guint i = 1; i < G_N_ELEMENTS (presets); i++)
    preset_names[i] = _(mk_preset_get_display_name (presets[i]));
  encoding_names[0] = _("Automatic");
  for (guint i = 0; i < G_N_ELEMENTS (encodings); i++)
    encoding_names[i + 1] = mk_encoding_to_string (encodings[i]);
  delimiter_names[0] = _("Automatic");
  for (guint i = 0; i < G_N_ELEMENTS (delimiters); i++)
    delimiter_names[i + 1] = delimiter_display_name (delimiters[i]);
  for (guint i = 0; i < G_N_ELEMENTS (date_orders); i++)
    order_names[i] = date_order_display_name (date_orders[i]);

  preset_model = string_model (preset_names, G_N_ELEMENTS (preset_names));
  encoding_model = string_model (encoding_names, G_N_ELEMENTS (encoding_names));
  delimiter_model = string_model (delimiter_names, G_N_ELEMENTS (delimiter_names));
  order_model = string_model (order_names, G_N_ELEMENTS (order_names));
  adw_combo_row_set_model (self->preset_row, preset_model);
  adw_combo_row_set_model (self->encoding_row, encoding_model);
  adw_combo_row_set_model (self->delimiter_row, delimiter_model);
  adw_combo_row_set_model (self->date_order_row, order_model);
  set_column_model (self, NULL);

  g_signal_connect_swapped (self->preset_row, "notify::selected",
                            G_CALLBACK (override_changed_cb), self);
  g_signal_connect_swapped (self->encoding_row, "notify::selected",
                            G_CALLBACK (override_changed_cb), self);
  g_signal_connect_swapped (self->delimiter_row, "notify::selected",
                            G_CALLBACK (override_changed_cb), self);
  g_signal_connect_swapped (self->date_order_row, "notify::selected",
                            G_CALLBACK (override_changed_cb), self);
  for (guint r = 0; r < N_ROLES; r++)
    g_signal_connect_swapped (self->column_rows[r], "notify::selected",
                              G_CALLBACK (override_changed_cb), self);
  g_signal_connect_swapped (self->person_row, "changed", G_CALLBACK (person_changed_cb), self);
  /* Read the preview again so that the table shows the chosen category. */
  g_signal_connect_swapped (self->unmapped_group, "changed", G_CALLBACK (reload), self);

  mk_import_columns_add (self->rows_view);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->rows)));
  gtk_column_view_set_model (self->rows_view, GTK_SELECTION_MODEL (selection));
}

/* Public API. */

/**
 * mk_import_preview_page_load:
 * @self: the page
 * @store: the database the file will go into
 * @file: the CSV file; must have a local path
 *
 * Forgets the previous file and its overrides and previews @file in the
 * background; #MkImportPreviewPage::loaded tells when it is shown.
 */
void
mk_import_preview_page_load (MkImportPreviewPage *self,
                             MkStore             *store,
                             GFile               *file)
{
  g_autoptr(GListModel) categories = NULL;

  g_return_if_fail (MK_IS_IMPORT_PREVIEW_PAGE (self));
  g_return_if_fail (MK_IS_STORE (store));
  g_return_if_fail (G_IS_FILE (file));

  g_set_object (&self->store, store);
  g_free (self->db_path);
  self->db_path = g_strdup (mk_store_get_path (store));
  g_free (self->path);
  self->path = g_file_get_path (file);
  g_clear_error (&self->error);

  /* The categories the unknown texts can go to. */
  categories = mk_store_list_categories (store, FALSE);
  g_set_object (&self->categories, categories);
  mk_import_category_choices_reset (self->unmapped_group, categories);

  /* A new file starts from what is detected. */
  self->updating = TRUE;
  adw_combo_row_set_selected (self->preset_row, 0);
  adw_combo_row_set_selected (self->encoding_row, 0);
  adw_combo_row_set_selected (self->delimiter_row, 0);
  adw_combo_row_set_selected (self->date_order_row, 0);
  for (guint r = 0; r < N_ROLES; r++)
    g_clear_pointer (&self->column_names[r], g_free);
  g_clear_pointer (&self->headers, g_strfreev);
  set_column_model (self, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->person_row), "");
  g_clear_pointer (&self->person, g_free);
  self->skip_setting = TRUE;
  gtk_switch_set_active (self->skip_invalid_switch, FALSE);
  self->skip_setting = FALSE;
  self->skip_touched = FALSE;
  self->updating = FALSE;

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (
                              GTK_SCROLLED_WINDOW (self->scroller)), 0);
  if (self->path == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      self->generation++;
      g_set_error (&self->error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("%s is not a local file; copy it to this computer first"), name);
      apply_preview (self, NULL);
      g_signal_emit (self, signals[LOADED], 0);
      return;
    }
  reload (self);
}

/** mk_import_preview_page_get_loading: Returns: %TRUE while a preview is being read. */
gboolean
mk_import_preview_page_get_loading (MkImportPreviewPage *self)
{
  g_return_val_if_fail (MK_IS_IMPORT_PREVIEW_PAGE (self), FALSE);
  return self->loading;
}

/** mk_import_preview_page_get_ready: Returns: %TRUE when the file can be imported as shown. */
gboolean
mk_import_preview_page_get_ready (MkImportPreviewPage *self)
{
  g_return_val_if_fail (MK_IS_IMPORT_PREVIEW_PAGE (self), FALSE);
  return self->ready && !self->loading;
}

/**
 * mk_import_preview_page_get_error:
 * @self: the page
 *
 * Returns: (nullable) (transfer none): why the last preview could not be made
 *   (the file is not text, is empty, has a broken quote …), or %NULL.
 */
const GError *
mk_import_preview_page_get_error (MkImportPreviewPage *self)
{
  g_return_val_if_fail (MK_IS_IMPORT_PREVIEW_PAGE (self), NULL);
  return self->error;
}

/** mk_import_preview_page_get_path: Returns: (nullable): the file's path. */
const char *
mk_import_preview_page_get_path (MkImportPreviewPage *self)
{
  g_return_val_if_fail (MK_IS_IMPORT_PREVIEW_PAGE (self), NULL);
  return self->path;
}

/**
 * mk_import_preview_page_get_problem:
 * @self: the page
 *
 * Returns: (nullable): what stops the import as shown (a missing column,
 *   dates of unknown order, no person), or %NULL.
 */
const char *
mk_import_preview_page_get_problem (MkImportPreviewPage *self)
{
  g_return_val_if_fail (MK_IS_IMPORT_PREVIEW_PAGE (self), NULL);
  return self->problem;
}

/** mk_import_preview_page_get_rows: Returns: (transfer none): the #MkImportRowItem shown. */
GListModel *
mk_import_preview_page_get_rows (MkImportPreviewPage *self)
{
  g_return_val_if_fail (MK_IS_IMPORT_PREVIEW_PAGE (self), NULL);
  return G_LIST_MODEL (self->rows);
}

/**
 * mk_import_preview_page_set_skip_invalid:
 * @self: the page
 * @skip_invalid: whether to import the valid rows of a file with bad rows
 */
void
mk_import_preview_page_set_skip_invalid (MkImportPreviewPage *self,
                                         gboolean             skip_invalid)
{
  g_return_if_fail (MK_IS_IMPORT_PREVIEW_PAGE (self));
  gtk_switch_set_active (self->skip_invalid_switch, skip_invalid);
}

/**
 * mk_import_preview_page_choose_category:
 * @self: the page
 * @text: a category text of the file that Minutka does not know
 * @key: (nullable): the key of the category it goes to; %NULL for Other
 *
 * Does what picking a category in the text's drop-down does.
 *
 * Returns: %TRUE when @text is listed and @key names a category.
 */
gboolean
mk_import_preview_page_choose_category (MkImportPreviewPage *self,
                                        const char          *text,
                                        const char          *key)
{
  g_return_val_if_fail (MK_IS_IMPORT_PREVIEW_PAGE (self), FALSE);

  return mk_import_category_choices_choose (self->unmapped_group, text, key);
}
