/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-entries-columns.c — the columns of the Entries page's table.
 *
 * Date, start, person, category (a colour swatch and the name), minutes,
 * task and source, each cell an MkTextCell (mk-text-cell.c: one line of
 * text, measured without shaping it) bound to the MkEntry of its row.
 *
 * Narrow (mk_entries_columns_set_narrow(), a window of about 360 px): the
 * start, person and source step aside and the date is written short
 * ("23 Nov", a column of its own, "date-short"), so that the date,
 * category, minutes and task are in view without scrolling sideways.  Each
 * column keeps room for a few characters at least and asks for more: the
 * widths give way, by ellipsis, before the table scrolls.
 * Rows are recycled while scrolling, so a cell shows only what its last
 * bind set and keeps no reference to the entry.
 *
 * Sent By (only in a supervisor's window, mk_entries_columns_set_sent_by())
 * is the team login that sent an entry received from the team's server;
 * empty for an entry made on this desktop.  It steps aside when narrow.
 *
 * Source says how the entry came: "Manual", "Timer", or for an import the
 * file's name, with the time of the import in its tooltip.  The batch is
 * asked of the window's store, which reads each batch once and keeps it
 * (mk_store_get_import_batch()), so binding a row never queries SQLite.
 *
 * Sorting: the model sorts in SQLite (mk_entry_list_set_sort()), so the
 * column sorters never sort anything; they only let a header be clicked.
 * GTK 4.8 has no getter for the column view's primary sort column, so
 * mk_entries_columns_get_sort() asks the view's sorter to compare two
 * objects: the first column sorter it consults records its column, and
 * the sign of the result tells the direction.
 */
#define G_LOG_DOMAIN "mk-entries-columns"

#include "config.h"

#include <glib/gi18n.h>

#include "mk-color.h"
#include "mk-entries-columns.h"
#include "mk-format.h"
#include "mk-store-batches.h"
#include "mk-text-cell.h"
#include "mk-window.h"

typedef enum {
  COLUMN_DATE,
  COLUMN_START,
  COLUMN_PERSON,
  COLUMN_CATEGORY,
  COLUMN_MINUTES,
  COLUMN_TASK,
  COLUMN_SOURCE,
  COLUMN_DATE_SHORT,
  COLUMN_SENT_BY,
  N_COLUMNS
} Column;

/* A category's colour as a small rounded square. */
#define MK_TYPE_ENTRIES_SWATCH (mk_entries_swatch_get_type ())
G_DECLARE_FINAL_TYPE (MkEntriesSwatch, mk_entries_swatch, MK, ENTRIES_SWATCH, GtkWidget)

struct _MkEntriesSwatch
{
  GtkWidget parent_instance;
  GdkRGBA   color;
};

G_DEFINE_FINAL_TYPE (MkEntriesSwatch, mk_entries_swatch, GTK_TYPE_WIDGET)

static void
mk_entries_swatch_snapshot (GtkWidget   *widget,
                    GtkSnapshot *snapshot)
{
  MkEntriesSwatch *self = MK_ENTRIES_SWATCH (widget);
  float width = gtk_widget_get_width (widget);
  float height = gtk_widget_get_height (widget);
  GskRoundedRect rect;

  gsk_rounded_rect_init_from_rect (&rect, &GRAPHENE_RECT_INIT (0, 0, width, height),
                                   MIN (width, height) / 2);
  gtk_snapshot_push_rounded_clip (snapshot, &rect);
  gtk_snapshot_append_color (snapshot, &self->color, &rect.bounds);
  gtk_snapshot_pop (snapshot);
}

static void
mk_entries_swatch_class_init (MkEntriesSwatchClass *klass)
{
  GTK_WIDGET_CLASS (klass)->snapshot = mk_entries_swatch_snapshot;
  gtk_widget_class_set_css_name (GTK_WIDGET_CLASS (klass), "swatch");
}

static void
mk_entries_swatch_init (MkEntriesSwatch *self)
{
  gtk_widget_add_css_class (GTK_WIDGET (self), "category-swatch");
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
}

static void
mk_entries_swatch_set_color (MkEntriesSwatch *self,
                             const char      *color)
{
  GdkRGBA rgba;

  mk_color_parse (color, &rgba);
  if (!gdk_rgba_equal (&rgba, &self->color))
    {
      self->color = rgba;
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

/* Cells */

/* The source cell's text and, for an import, its tooltip.  @store may be
 * NULL (a view outside a window): an import is then told by its number. */
static char *
source_text (MkEntry  *entry,
             MkStore  *store,
             char    **tooltip)
{
  const MkImportBatch *batch;

  *tooltip = NULL;
  switch (mk_entry_get_source (entry))
    {
    case MK_ENTRY_SOURCE_TIMER:
      return g_strdup (_("Timer"));
    case MK_ENTRY_SOURCE_IMPORT:
      batch = store ? mk_store_get_import_batch (store, mk_entry_get_batch_id (entry)) : NULL;
      if (batch != NULL && *batch->file_name != '\0')
        {
          if (batch->imported_at != NULL)
            {
              g_autoptr(GDateTime) local = g_date_time_to_local (batch->imported_at);
              /* Translators: when a file was imported, in the Entries list's tooltip;
               * see g_date_time_format() for the codes: "26 Nov 2026, 14:05". */
              g_autofree char *when = g_date_time_format (local, _("%-d %b %Y, %H:%M"));

              /* Translators: tooltip of an imported entry's source: the file, then the time. */
              *tooltip = g_strdup_printf (_("Imported from “%s” on %s"), batch->file_name,
                                          when ? when : "");
            }
          return g_strdup (batch->file_name);
        }
      else if (mk_entry_get_batch_id (entry) <= 0)
        {
          /* Received from the team: imported on another desktop, whose file
           * and import this one never had ("Import #0" said nothing). */
          *tooltip = g_strdup (_("Imported on another computer of the team"));
          return g_strdup (_("Imported"));
        }
      else
        {
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                     mk_entry_get_batch_id (entry));

          /* Translators: the source of an imported entry: "Import #3" (the third import). */
          return g_strdup_printf (_("Import #%s"), number);
        }
    case MK_ENTRY_SOURCE_MANUAL:
    default:
      return g_strdup (_("Manual"));
    }
}

/* Each column keeps room for at least this many characters (then the
 * table scrolls sideways) and asks for up to the second number; between
 * the two a cell's text ends in an ellipsis. */
static const int column_chars[N_COLUMNS][2] = {
  [COLUMN_DATE] = { 15, 15 },
  [COLUMN_DATE_SHORT] = { 6, 6 },
  [COLUMN_START] = { 5, 5 },
  [COLUMN_PERSON] = { 8, 16 },
  [COLUMN_CATEGORY] = { 4, 12 },
  [COLUMN_MINUTES] = { 7, 9 },
  [COLUMN_TASK] = { 8, 40 },
  [COLUMN_SOURCE] = { 6, 12 },
  [COLUMN_SENT_BY] = { 8, 16 },
};

/* The cells' names, by which the cells of a column share the widths of
 * the texts they have measured (mk-text-cell.c). */
static const char *const column_ids[N_COLUMNS] = {
  [COLUMN_DATE] = "date",
  [COLUMN_DATE_SHORT] = "date-short",
  [COLUMN_START] = "start",
  [COLUMN_PERSON] = "person",
  [COLUMN_CATEGORY] = "category",
  [COLUMN_MINUTES] = "minutes",
  [COLUMN_TASK] = "task",
  [COLUMN_SOURCE] = "source",
  [COLUMN_SENT_BY] = "sent-by",
};

/* A cell of text, measured without shaping it (mk-text-cell.c): GTK 4.8
 * keeps some 200 rows bound, and labels shaped the text of them all.  A
 * column asks for the width of its longest text, but the task, which
 * takes the room left anyway, asks for its most. */
static GtkWidget *
new_label (Column             column,
           float              xalign,
           PangoEllipsizeMode ellipsize)
{
  return mk_text_cell_new (column_ids[column], column_chars[column][0], column_chars[column][1],
                           column != COLUMN_TASK, xalign, ellipsize);
}

/* gtk_widget_set_tooltip_text() asks the display where the pointer is, a
 * round trip to the X server, and a new sort or search binds some 200 rows
 * at once (docs/gui.md, "Nothing waits on the main thread").  So the
 * task's tooltip is made when the pointer rests on the cell, from the
 * task kept on the label; the source's is set only when it differs from
 * the one the label has (most rows have none, or their import's). */
static gboolean
task_query_tooltip_cb (GtkWidget  *label,
                       int         x,
                       int         y,
                       gboolean    keyboard,
                       GtkTooltip *tooltip,
                       gpointer    user_data)
{
  const char *task = g_object_get_data (G_OBJECT (label), "mk-task");

  if (task == NULL || *task == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, task);
  return TRUE;
}

static void
set_text (GtkWidget  *label,
          const char *text)
{
  mk_text_cell_set_text (MK_TEXT_CELL (label), text);
}

/* The day as the list writes it; the rows of a day come together in the
 * time order, so the last one is kept. */
static char *
format_day (Column      column,
            const char *day)
{
  static char *last_day[2];
  static char *last_text[2];
  guint i = column == COLUMN_DATE ? 0 : 1;

  if (g_strcmp0 (last_day[i], day) != 0)
    {
      g_free (last_day[i]);
      g_free (last_text[i]);
      last_day[i] = g_strdup (day);
      last_text[i] = column == COLUMN_DATE ? mk_day_format (day) : mk_day_format_compact (day);
    }
  return g_strdup (last_text[i]);
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  GtkWidget *child;

  switch (column)
    {
    case COLUMN_CATEGORY:
      child = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gtk_box_append (GTK_BOX (child), g_object_new (MK_TYPE_ENTRIES_SWATCH, NULL));
      gtk_box_append (GTK_BOX (child), new_label (column, 0, PANGO_ELLIPSIZE_END));
      break;
    case COLUMN_START:
    case COLUMN_MINUTES:
      child = new_label (column, 1, PANGO_ELLIPSIZE_END);
      mk_text_cell_set_numeric (MK_TEXT_CELL (child));
      break;
    case COLUMN_DATE:
    case COLUMN_DATE_SHORT:
    case COLUMN_PERSON:
    case COLUMN_SENT_BY:
    case COLUMN_TASK:
    default:
      child = new_label (column, 0, PANGO_ELLIPSIZE_END);
      break;
    case COLUMN_SOURCE:
      /* A file's name keeps its start and its extension: "timesh…rch.csv". */
      child = new_label (column, 0, PANGO_ELLIPSIZE_MIDDLE);
      gtk_widget_add_css_class (child, "dim-label");
      break;
    }
  if (column == COLUMN_TASK)
    {
      gtk_widget_set_has_tooltip (child, TRUE);
      g_signal_connect (child, "query-tooltip", G_CALLBACK (task_query_tooltip_cb), NULL);
    }
  gtk_list_item_set_child (item, child);
  /* In GTK 4.8 a column view's cell selects on a click as its row does, so
   * a Ctrl+click toggled the row twice and changed nothing: the row alone
   * selects. */
  gtk_list_item_set_selectable (item, FALSE);
}

/* The store of the window the view is in: the rows are bound once the
 * page has its store, which it takes from the window when it is shown. */
static MkStore *
view_store (GtkColumnView *view)
{
  GtkWidget *window = gtk_widget_get_ancestor (GTK_WIDGET (view), MK_TYPE_WINDOW);

  return window ? mk_window_get_store (MK_WINDOW (window)) : NULL;
}

static void
bind_source_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                GtkColumnView            *view)
{
  MkEntry *entry = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  g_autofree char *tooltip = NULL;
  g_autofree char *text = NULL;

  if (entry == NULL)
    return;
  text = source_text (entry, view_store (view), &tooltip);
  set_text (label, text);
  if (g_strcmp0 (gtk_widget_get_tooltip_text (label), tooltip) != 0)
    gtk_widget_set_tooltip_text (label, tooltip);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (user_data);
  MkEntry *entry = gtk_list_item_get_item (item);
  GtkWidget *child = gtk_list_item_get_child (item);
  g_autofree char *text = NULL;
  const char *task;

  if (entry == NULL)
    return;

  switch (column)
    {
    case COLUMN_DATE:
      text = format_day (column, mk_entry_get_day (entry));
      break;
    case COLUMN_DATE_SHORT:
      text = format_day (column, mk_entry_get_day (entry));
      if (gtk_widget_get_has_tooltip (child))
        gtk_widget_set_tooltip_text (child, NULL);
      break;
    case COLUMN_START:
      text = mk_entry_get_start (entry) >= 0
             ? mk_format_time (mk_entry_get_start (entry)) : g_strdup ("");
      break;
    case COLUMN_PERSON:
      text = g_strdup (mk_entry_get_person_name (entry));
      break;
    case COLUMN_SENT_BY:
      text = g_strdup (mk_entry_get_sent_by (entry) ? mk_entry_get_sent_by (entry) : "");
      break;
    case COLUMN_CATEGORY:
      {
        MkCategory *category = mk_entry_get_category (entry);

        mk_entries_swatch_set_color (MK_ENTRIES_SWATCH (gtk_widget_get_first_child (child)),
                             category ? mk_category_get_color (category) : NULL);
        child = gtk_widget_get_last_child (child);
        text = g_strdup (category ? mk_category_get_name (category) : "");
      }
      break;
    case COLUMN_MINUTES:
      text = mk_format_minutes (mk_entry_get_minutes (entry));
      break;
    case COLUMN_TASK:
      task = mk_entry_get_task (entry);
      text = g_strdup (task ? task : "");
      g_object_set_data_full (G_OBJECT (child), "mk-task", g_strdup (task), g_free);
      break;
    case COLUMN_SOURCE:
    default:
      g_assert_not_reached ();
    }
  set_text (child, text);
}

/* Sorting */

typedef struct {
  GtkColumnViewColumn *column;  /* not owned: the column owns its sorter, which owns this */
  GtkColumnViewColumn **probe;  /* where the consulted column is written */
} SortProbe;

static int
probe_compare_cb (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  SortProbe *probe = user_data;

  *probe->probe = probe->column;
  return GTK_ORDERING_SMALLER;
}

/**
 * mk_entries_columns_get_sort:
 * @view: a column view set up by mk_entries_columns_add()
 * @sort: (out): the store's order for the column the user sorted by
 * @descending: (out): whether largest or latest first
 * @column: (out) (optional) (transfer none): that column
 *
 * Returns: %TRUE when a column is sorted; otherwise the outputs are untouched.
 */
gboolean
mk_entries_columns_get_sort (GtkColumnView        *view,
                             MkEntrySort          *sort,
                             gboolean             *descending,
                             GtkColumnViewColumn **column)
{
  GtkColumnViewColumn **probe = g_object_get_data (G_OBJECT (view), "mk-sort-probe");
  g_autoptr(GObject) a = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(GObject) b = g_object_new (G_TYPE_OBJECT, NULL);
  GtkOrdering order;

  g_return_val_if_fail (probe != NULL, FALSE);

  /* Two distinct objects: a sorter may call any object equal to itself. */
  *probe = NULL;
  order = gtk_sorter_compare (gtk_column_view_get_sorter (view), a, b);
  if (*probe == NULL || order == GTK_ORDERING_EQUAL)
    return FALSE;
  *sort = (MkEntrySort) GPOINTER_TO_INT (g_object_get_data (G_OBJECT (*probe), "mk-sort"));
  *descending = order == GTK_ORDERING_LARGER;
  if (column != NULL)
    *column = *probe;
  return TRUE;
}

/**
 * mk_entries_columns_sort_by_one:
 * @view: a column view set up by mk_entries_columns_add()
 * @column: the column it is sorted by
 *
 * The store sorts by one column, but GTK keeps the columns clicked before
 * as secondary ones and leaves their arrows in the headers.  Taking each
 * other column's sorter away and giving it back drops it from the sort and
 * redraws its header.  The view's sorter emits "changed" meanwhile.
 */
void
mk_entries_columns_sort_by_one (GtkColumnView       *view,
                                GtkColumnViewColumn *column)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) other = g_list_model_get_item (columns, i);
      g_autoptr(GtkSorter) sorter = NULL;

      if (other == column || gtk_column_view_column_get_sorter (other) == NULL)
        continue;
      sorter = g_object_ref (gtk_column_view_column_get_sorter (other));
      gtk_column_view_column_set_sorter (other, NULL);
      gtk_column_view_column_set_sorter (other, sorter);
    }
}

static GtkColumnViewColumn *
add_column (GtkColumnView *view,
            Column         column,
            const char    *title,
            int            sort,
            const char    *id)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *col;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), GINT_TO_POINTER (column));
  if (column == COLUMN_SOURCE)
    g_signal_connect (factory, "bind", G_CALLBACK (bind_source_cb), view);
  else
    g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), GINT_TO_POINTER (column));
  col = gtk_column_view_column_new (title, factory);
  g_object_set_data (G_OBJECT (col), "mk-column-id", (gpointer) id);
  gtk_column_view_column_set_resizable (col, TRUE);
  if (sort >= 0)
    {
      SortProbe *probe = g_new0 (SortProbe, 1);
      g_autoptr(GtkSorter) sorter = NULL;

      probe->column = col;
      probe->probe = g_object_get_data (G_OBJECT (view), "mk-sort-probe");
      g_object_set_data (G_OBJECT (col), "mk-sort", GINT_TO_POINTER (sort));
      sorter = GTK_SORTER (gtk_custom_sorter_new (probe_compare_cb, probe, g_free));
      gtk_column_view_column_set_sorter (col, sorter);
    }
  gtk_column_view_append_column (view, col);
  g_object_unref (col);
  return col;
}

/**
 * mk_entries_columns_add:
 * @view: an empty column view over MkEntry items
 *
 * Adds the columns, each with its header title and, where the store can
 * sort by it, a sorter.  The view's items are sorted by date by default,
 * latest first.
 */
void
mk_entries_columns_add (GtkColumnView *view)
{
  GtkColumnViewColumn *date;
  GtkColumnViewColumn *short_date;
  GtkColumnViewColumn *task;
  GtkColumnViewColumn *sent_by;

  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));

  g_object_set_data_full (G_OBJECT (view), "mk-sort-probe", g_new0 (GtkColumnViewColumn *, 1),
                          g_free);

  /* Translators: column headers of the Entries table. */
  date = add_column (view, COLUMN_DATE, _("Date"), MK_ENTRY_SORT_TIME, "date");
  short_date = add_column (view, COLUMN_DATE_SHORT, _("Date"), MK_ENTRY_SORT_TIME, "date-short");
  gtk_column_view_column_set_visible (short_date, FALSE);
  add_column (view, COLUMN_START, _("Start"), MK_ENTRY_SORT_TIME, "start");
  add_column (view, COLUMN_PERSON, _("Person"), MK_ENTRY_SORT_PERSON, "person");
  add_column (view, COLUMN_CATEGORY, _("Category"), MK_ENTRY_SORT_CATEGORY, "category");
  add_column (view, COLUMN_MINUTES, _("Minutes"), MK_ENTRY_SORT_MINUTES, "minutes");
  task = add_column (view, COLUMN_TASK, _("Task"), MK_ENTRY_SORT_TASK, "task");
  add_column (view, COLUMN_SOURCE, _("Source"), -1, "source");
  /* Translators: the column with the team login that sent an entry. */
  sent_by = add_column (view, COLUMN_SENT_BY, _("Sent By"), -1, "sent-by");
  gtk_column_view_column_set_visible (sent_by, FALSE);

  gtk_column_view_column_set_expand (task, TRUE);
  gtk_column_view_sort_by_column (view, date, GTK_SORT_DESCENDING);
}

/**
 * mk_entries_columns_set_narrow:
 * @view: a column view with the columns of mk_entries_columns_add()
 * @narrow: whether the table has about 360 px
 *
 * Narrow, the table shows the short date, category, minutes and task; wide,
 * every column.  The sort stays as it is.
 */
void
mk_entries_columns_set_narrow (GtkColumnView *view,
                               gboolean       narrow)
{
  static const char *const wide_only[] = { "date", "start", "person", "source" };
  GListModel *columns;

  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));

  columns = gtk_column_view_get_columns (view);
  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      const char *id = g_object_get_data (G_OBJECT (column), "mk-column-id");
      gboolean visible = TRUE;

      if (g_strcmp0 (id, "date-short") == 0)
        visible = narrow;
      if (g_strcmp0 (id, "sent-by") == 0)
        visible = !narrow && g_object_get_data (G_OBJECT (view), "mk-sent-by") != NULL;
      for (guint w = 0; w < G_N_ELEMENTS (wide_only); w++)
        if (g_strcmp0 (id, wide_only[w]) == 0)
          visible = !narrow;
      if (g_strcmp0 (id, "person") == 0 && g_object_get_data (G_OBJECT (view), "mk-one-person"))
        visible = FALSE;
      gtk_column_view_column_set_visible (column, visible);
    }
}

/**
 * mk_entries_columns_set_one_person:
 * @view: a column view with the columns of mk_entries_columns_add()
 * @one_person: whether the database has one person only (the Person
 *   column would say the same on every row, so it steps aside)
 * @narrow: whether the table is narrow
 */
void
mk_entries_columns_set_one_person (GtkColumnView *view,
                                   gboolean       one_person,
                                   gboolean       narrow)
{
  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));

  if (!g_object_get_data (G_OBJECT (view), "mk-one-person") == !one_person)
    return;
  g_object_set_data (G_OBJECT (view), "mk-one-person", one_person ? GINT_TO_POINTER (1) : NULL);
  mk_entries_columns_set_narrow (view, narrow);
}

/**
 * mk_entries_columns_set_sent_by:
 * @view: a column view with the columns of mk_entries_columns_add()
 * @shown: whether the Sent By column is wanted (a supervisor's window)
 * @narrow: whether the table is narrow (the column then steps aside)
 */
void
mk_entries_columns_set_sent_by (GtkColumnView *view,
                                gboolean       shown,
                                gboolean       narrow)
{
  g_return_if_fail (GTK_IS_COLUMN_VIEW (view));

  g_object_set_data (G_OBJECT (view), "mk-sent-by", shown ? GINT_TO_POINTER (1) : NULL);
  mk_entries_columns_set_narrow (view, narrow);
}
