/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-entries-filters.c — the Entries page's filter bar.
 *
 * Period (a pop-over with the "Study" and "All Time" presets and a
 * calendar that sets the first, then the last day), person, category,
 * source (all, typed or timed, or one import) and a text search.  Each
 * control hands its value straight to the page's MkEntryList, which
 * filters in SQLite.  The bar is one line when there is room for it and two
 * in a narrow window (the source and the search share the second); the
 * drop-downs and the period button cut their text short with an ellipsis
 * rather than make the window wider.
 *
 * The person and category drop-downs list "Everyone" / "All Categories"
 * first (an MkPerson / MkCategory with id 0), then the store's rows; they
 * are rebuilt only when the store's people or categories really changed,
 * keeping the chosen one by id.  A filter whose person or category went
 * away falls back to everyone / all.
 *
 * Action (prefix "filters."): period (s: "study" or "all").
 */
#define G_LOG_DOMAIN "mk-entries-filters"

#include "config.h"

#include <glib/gi18n.h>

#include <string.h>

#include "mk-format.h"
#include "mk-entries-filters.h"
#include "mk-store-batches.h"

struct _MkEntriesFilters
{
  GtkWidget         parent_instance;

  MkStore          *store;
  MkEntryList      *list;
  GListStore       *people;       /* "Everyone", then MkPerson */
  GListStore       *categories;   /* "All Categories", then MkCategory */
  GListModel       *category_rows; /* MkCategory as the store lists them */
  char             *from;
  char             *to;
  gboolean          updating;
  gboolean          one_person;   /* nobody else's entries: no person to choose */

  GtkMenuButton    *period_button;
  GtkLabel         *period_label;
  GtkPopover       *period_popover;
  GtkWidget        *study_button;
  GtkToggleButton  *from_toggle;
  GtkToggleButton  *to_toggle;
  GtkCalendar      *calendar;
  GtkDropDown      *person_dropdown;
  GtkDropDown      *category_dropdown;
  GtkDropDown      *source_dropdown;
  GArray           *source_ids;   /* gint64 per source row: -1 all, 0 typed, batch ids */
  GtkSearchEntry   *search_entry;
};

G_DEFINE_FINAL_TYPE (MkEntriesFilters, mk_entries_filters, GTK_TYPE_WIDGET)

enum {
  SIGNAL_CATEGORIES_CHANGED,
  SIGNAL_FILTERING,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Period */

static char *
period_text (const char *from,
             const char *to)
{
  g_autofree char *first = from ? mk_day_format_short (from) : NULL;
  g_autofree char *last = to ? mk_day_format_short (to) : NULL;

  if (from == NULL && to == NULL)
    return g_strdup (_("All Time"));
  if (g_strcmp0 (from, to) == 0)
    return g_steal_pointer (&first);
  if (to == NULL)
    /* Translators: a period open at its end: "From 23 Nov 2026". */
    return g_strdup_printf (_("From %s"), first);
  if (from == NULL)
    /* Translators: a period open at its start: "Until 25 Nov 2026". */
    return g_strdup_printf (_("Until %s"), last);
  /* Translators: a period: "23 Nov 2026 – 25 Nov 2026". */
  return g_strdup_printf (_("%s – %s"), first, last);
}

static void
update_period_widgets (MkEntriesFilters *self)
{
  g_autofree char *label = period_text (self->from, self->to);
  g_autofree char *first = self->from ? mk_day_format_short (self->from) : g_strdup (_("any day"));
  g_autofree char *last = self->to ? mk_day_format_short (self->to) : g_strdup (_("any day"));
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *accessible = NULL;
  gboolean has_study = self->store && mk_store_get_study (self->store, NULL, NULL, NULL);

  gtk_label_set_text (self->period_label, label);
  /* Translators: how a screen reader reads the period button: "Period: All Time". */
  accessible = g_strdup_printf (_("Period: %s"), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->period_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  /* Translators: the first day of the period in its pop-over: "From: 23 Nov 2026". */
  from_text = g_strdup_printf (_("From: %s"), first);
  /* Translators: the last day of the period in its pop-over: "To: 25 Nov 2026". */
  to_text = g_strdup_printf (_("To: %s"), last);
  gtk_button_set_label (GTK_BUTTON (self->from_toggle), from_text);
  gtk_button_set_label (GTK_BUTTON (self->to_toggle), to_text);
  gtk_widget_set_sensitive (self->study_button, has_study);
}

/**
 * mk_entries_filters_set_period:
 * @self: the filter bar
 * @from: (nullable): the first day shown, "YYYY-MM-DD", or %NULL
 * @to: (nullable): the last day shown, or %NULL
 */
void
mk_entries_filters_set_period (MkEntriesFilters *self,
                               const char       *from,
                               const char       *to)
{
  g_return_if_fail (MK_IS_ENTRIES_FILTERS (self));

  if (from != self->from)
    {
      g_free (self->from);
      self->from = g_strdup (from);
    }
  if (to != self->to)
    {
      g_free (self->to);
      self->to = g_strdup (to);
    }
  if (self->list != NULL)
    {
      g_signal_emit (self, signals[SIGNAL_FILTERING], 0);
      mk_entry_list_set_range (self->list, self->from, self->to);
    }
  update_period_widgets (self);
}

static void
calendar_day_selected_cb (MkEntriesFilters *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->calendar);
  g_autofree char *day = mk_day_from_date_time (date);
  g_autofree char *from = g_strdup (self->from);
  g_autofree char *to = g_strdup (self->to);

  /* The first click sets the first day, the next one the last day. */
  if (gtk_toggle_button_get_active (self->from_toggle))
    {
      g_free (from);
      from = g_strdup (day);
      if (to != NULL && g_strcmp0 (to, from) < 0)
        {
          g_free (to);
          to = g_strdup (from);
        }
      gtk_toggle_button_set_active (self->to_toggle, TRUE);
    }
  else
    {
      g_free (to);
      to = g_strdup (day);
      if (from != NULL && g_strcmp0 (from, to) > 0)
        {
          g_free (from);
          from = g_strdup (to);
        }
    }
  mk_entries_filters_set_period (self, from, to);
}

static void
period_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  MkEntriesFilters *self = MK_ENTRIES_FILTERS (widget);
  const char *which = g_variant_get_string (param, NULL);
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  if (g_str_equal (which, "study") && self->store != NULL)
    mk_store_get_study (self->store, NULL, &from, &to);
  mk_entries_filters_set_period (self, from, to);
  gtk_toggle_button_set_active (self->from_toggle, TRUE);
  gtk_popover_popdown (self->period_popover);
}

/* Person, category, search */

static gint64
selected_id (GtkDropDown *dropdown)
{
  GObject *item = gtk_drop_down_get_selected_item (dropdown);

  if (MK_IS_PERSON (item))
    return mk_person_get_id (MK_PERSON (item));
  if (MK_IS_CATEGORY (item))
    return mk_category_get_id (MK_CATEGORY (item));
  return 0;
}

static gint64
item_id (GObject *item)
{
  return MK_IS_PERSON (item) ? mk_person_get_id (MK_PERSON (item))
                             : mk_category_get_id (MK_CATEGORY (item));
}

static void
select_id (GtkDropDown *dropdown,
           gint64       id)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);
  guint n = model ? g_list_model_get_n_items (model) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (item_id (item) == id)
        {
          gtk_drop_down_set_selected (dropdown, i);
          return;
        }
    }
  gtk_drop_down_set_selected (dropdown, 0);
}

static void
person_selected_cb (MkEntriesFilters *self)
{
  if (self->list != NULL && !self->updating)
    {
      g_signal_emit (self, signals[SIGNAL_FILTERING], 0);
      mk_entry_list_set_person (self->list, selected_id (self->person_dropdown));
    }
}

static void
category_selected_cb (MkEntriesFilters *self)
{
  if (self->list != NULL && !self->updating)
    {
      g_signal_emit (self, signals[SIGNAL_FILTERING], 0);
      mk_entry_list_set_category (self->list, selected_id (self->category_dropdown));
    }
}

static gint64
selected_source (MkEntriesFilters *self)
{
  guint i = gtk_drop_down_get_selected (self->source_dropdown);

  return self->source_ids != NULL && i < self->source_ids->len
         ? g_array_index (self->source_ids, gint64, i) : -1;
}

static void
source_selected_cb (MkEntriesFilters *self)
{
  if (self->list != NULL && !self->updating)
    {
      g_signal_emit (self, signals[SIGNAL_FILTERING], 0);
      mk_entry_list_set_source (self->list, selected_source (self));
    }
}

/* The sources: all, typed or timed, then each import (newest first), the
 * chosen one kept by id.  Only rebuilt when the imports changed. */
static void
update_sources (MkEntriesFilters *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) imports = mk_store_list_import_names (self->store, &error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  gint64 chosen = selected_source (self);
  gint64 all = -1;
  gint64 typed = 0;
  guint selected = 0;

  if (imports == NULL)
    {
      g_warning ("%s", error->message);
      return;
    }
  g_array_append_val (ids, all);
  gtk_string_list_append (names, _("All Sources"));
  g_array_append_val (ids, typed);
  gtk_string_list_append (names, _("Typed or Timed"));
  for (guint i = 0; i < imports->len; i++)
    {
      const MkImportSummary *s = g_ptr_array_index (imports, i);

      g_array_append_val (ids, s->id);
      gtk_string_list_append (names, s->file_name);
    }
  if (self->source_ids != NULL && self->source_ids->len == ids->len
      && memcmp (self->source_ids->data, ids->data, ids->len * sizeof (gint64)) == 0)
    return;
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == chosen)
      selected = i;
  g_clear_pointer (&self->source_ids, g_array_unref);
  self->source_ids = g_steal_pointer (&ids);
  gtk_drop_down_set_model (self->source_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->source_dropdown, selected);
}

static void
search_changed_cb (MkEntriesFilters *self)
{
  if (self->list != NULL)
    {
      g_signal_emit (self, signals[SIGNAL_FILTERING], 0);
      mk_entry_list_set_search (self->list,
                                gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
    }
}

/**
 * mk_entries_filters_set_person:
 * @self: the filter bar
 * @person_id: a person, or 0 for everyone
 */
void
mk_entries_filters_set_person (MkEntriesFilters *self,
                               gint64            person_id)
{
  g_return_if_fail (MK_IS_ENTRIES_FILTERS (self));

  select_id (self->person_dropdown, person_id);
}

/**
 * mk_entries_filters_set_category:
 * @self: the filter bar
 * @category_id: a category, or 0 for all
 */
void
mk_entries_filters_set_category (MkEntriesFilters *self,
                                 gint64            category_id)
{
  g_return_if_fail (MK_IS_ENTRIES_FILTERS (self));

  select_id (self->category_dropdown, category_id);
}

/**
 * mk_entries_filters_set_search:
 * @self: the filter bar
 * @text: (nullable): words the task must contain
 *
 * Does what typing in the search entry does, without its delay.
 */
void
mk_entries_filters_set_search (MkEntriesFilters *self,
                               const char       *text)
{
  g_return_if_fail (MK_IS_ENTRIES_FILTERS (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text ? text : "");
  search_changed_cb (self);
}

/**
 * mk_entries_filters_focus_search:
 * @self: the filter bar
 */
void
mk_entries_filters_focus_search (MkEntriesFilters *self)
{
  g_return_if_fail (MK_IS_ENTRIES_FILTERS (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/**
 * mk_entries_filters_get_categories:
 * @self: the filter bar
 *
 * Returns: (transfer none) (nullable): the store's categories, archived
 *   ones too, as last read (MkCategory items).
 */
GListModel *
mk_entries_filters_get_categories (MkEntriesFilters *self)
{
  g_return_val_if_fail (MK_IS_ENTRIES_FILTERS (self), NULL);

  return self->category_rows;
}

/* Following the store */

static gboolean
same_item (GObject *a,
           GObject *b)
{
  if (a == b)
    return TRUE;
  if (G_OBJECT_TYPE (a) != G_OBJECT_TYPE (b) || item_id (a) != item_id (b))
    return FALSE;
  if (MK_IS_PERSON (a))
    return g_strcmp0 (mk_person_get_name (MK_PERSON (a)), mk_person_get_name (MK_PERSON (b))) == 0;
  return g_strcmp0 (mk_category_get_name (MK_CATEGORY (a)),
                    mk_category_get_name (MK_CATEGORY (b))) == 0 &&
         g_strcmp0 (mk_category_get_color (MK_CATEGORY (a)),
                    mk_category_get_color (MK_CATEGORY (b))) == 0 &&
         mk_category_get_archived (MK_CATEGORY (a)) == mk_category_get_archived (MK_CATEGORY (b));
}

/* Whether @list holds the same rows as @items after its first item. */
static gboolean
same_items (GListStore *list,
            GListModel *items)
{
  guint n = g_list_model_get_n_items (items);

  if (g_list_model_get_n_items (G_LIST_MODEL (list)) != n + 1)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) a = g_list_model_get_item (G_LIST_MODEL (list), i + 1);
      g_autoptr(GObject) b = g_list_model_get_item (items, i);

      if (!same_item (a, b))
        return FALSE;
    }
  return TRUE;
}

static void
replace_items (GListStore  *list,
               GListModel  *items,
               GtkDropDown *dropdown)
{
  g_autoptr(GPtrArray) array = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 id = selected_id (dropdown);
  guint n = g_list_model_get_n_items (items);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (array, g_list_model_get_item (items, i));
  g_list_store_splice (list, 1, g_list_model_get_n_items (G_LIST_MODEL (list)) - 1,
                       array->pdata, array->len);
  select_id (dropdown, id);
}

/* Re-reads people, categories and the study; @apply: every filter is
 * given to the list again, else only one whose choice changed. */
static void
update (MkEntriesFilters *self,
        gboolean          apply)
{
  g_autoptr(GListModel) people = NULL;
  g_autoptr(GListModel) categories = NULL;
  g_autoptr(GError) error = NULL;
  gboolean categories_changed = FALSE;
  gint64 person = selected_id (self->person_dropdown);
  gint64 category = selected_id (self->category_dropdown);
  gint64 source = selected_source (self);

  if (self->store == NULL)
    return;
  people = mk_store_list_people (self->store, TRUE, &error);
  if (people == NULL)
    {
      /* The lists stay as they were; the entry list says what failed. */
      g_warning ("%s", error->message);
      return;
    }
  categories = mk_store_list_categories (self->store, TRUE);

  self->updating = TRUE;
  update_sources (self);
  if (!same_items (self->people, people))
    replace_items (self->people, people, self->person_dropdown);
  /* One person in the database (a manager's desktop in a team, or one
   * person logging alone): "Everyone" would be her, and so would the
   * Person column; both step aside until there is another. */
  self->one_person = g_list_model_get_n_items (people) <= 1;
  if (self->one_person)
    gtk_drop_down_set_selected (self->person_dropdown, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->person_dropdown), !self->one_person);
  if (!same_items (self->categories, categories))
    {
      replace_items (self->categories, categories, self->category_dropdown);
      g_set_object (&self->category_rows, categories);
      categories_changed = TRUE;
    }
  self->updating = FALSE;

  /* A person or category that went away falls back to everyone / all.
   * One still there is not applied again: "filtering" would move the
   * table to its top at every commit. */
  if (apply || selected_id (self->person_dropdown) != person)
    person_selected_cb (self);
  if (apply || selected_id (self->category_dropdown) != category)
    category_selected_cb (self);
  if (apply || selected_source (self) != source)
    source_selected_cb (self);
  update_period_widgets (self);
  if (categories_changed)
    g_signal_emit (self, signals[SIGNAL_CATEGORIES_CHANGED], 0);
}

/**
 * mk_entries_filters_update:
 * @self: the filter bar
 *
 * Re-reads people, categories and the study from the store; call it when
 * the store changed.  A filter whose choice went away (a person or an
 * import deleted) falls back to all and is applied.
 */
void
mk_entries_filters_update (MkEntriesFilters *self)
{
  g_return_if_fail (MK_IS_ENTRIES_FILTERS (self));

  update (self, FALSE);
}

/**
 * mk_entries_filters_get_one_person:
 * @self: the filter bar
 *
 * Returns: whether the database has one person only (the person's
 *   drop-down is hidden then)
 */
gboolean
mk_entries_filters_get_one_person (MkEntriesFilters *self)
{
  g_return_val_if_fail (MK_IS_ENTRIES_FILTERS (self), FALSE);

  return self->one_person;
}

/**
 * mk_entries_filters_set_list:
 * @self: the filter bar
 * @store: the store the list reads
 * @list: the list to filter
 *
 * From now on the controls filter @list; their current values apply at once.
 */
void
mk_entries_filters_set_list (MkEntriesFilters *self,
                             MkStore          *store,
                             MkEntryList      *list)
{
  g_return_if_fail (MK_IS_ENTRIES_FILTERS (self));
  g_return_if_fail (MK_IS_STORE (store));
  g_return_if_fail (MK_IS_ENTRY_LIST (list));

  g_set_object (&self->store, store);
  g_set_object (&self->list, list);
  mk_entry_list_set_range (list, self->from, self->to);
  search_changed_cb (self);
  update (self, TRUE);
}

/* Layout: one line, or two with the search on the second */

#define SPACING 6
#define MARGIN 6
/* The controls, the search last.  One line when they all fit; else the
 * first FIRST_LINE share the first line and the rest (the source and the
 * search) the second. */
#define N_CONTROLS 5
#define SEARCH (N_CONTROLS - 1)
#define FIRST_LINE 3

static GtkWidget *
nth_child (MkEntriesFilters *self,
           guint             n)
{
  GtkWidget *widgets[N_CONTROLS] = {
    GTK_WIDGET (self->period_button), GTK_WIDGET (self->person_dropdown),
    GTK_WIDGET (self->category_dropdown), GTK_WIDGET (self->source_dropdown),
    GTK_WIDGET (self->search_entry),
  };

  return widgets[n];
}

static void
measure_children (MkEntriesFilters *self,
                  GtkOrientation    orientation,
                  int               for_size,
                  int               min[N_CONTROLS],
                  int               nat[N_CONTROLS])
{
  for (guint i = 0; i < N_CONTROLS; i++)
    gtk_widget_measure (nth_child (self, i), orientation, for_size, &min[i], &nat[i], NULL, NULL);
}

/* The sum of @sizes[from … to) with the spacing between them; a hidden
 * control (the person's drop-down with one person) measures 0 and takes
 * no spacing. */
static int
span (const int *sizes,
      guint      from,
      guint      to)
{
  int sum = 0;
  guint n = 0;

  for (guint i = from; i < to; i++)
    if (sizes[i] > 0)
      {
        sum += sizes[i];
        n++;
      }
  return sum + (int) (n > 0 ? n - 1 : 0) * SPACING;
}

/* Whether all the controls fit on one line of @width: the buttons at their
 * natural width, the search at least at its natural width. */
static gboolean
fits_one_line (MkEntriesFilters *self,
               int               width)
{
  int min[N_CONTROLS];
  int nat[N_CONTROLS];

  measure_children (self, GTK_ORIENTATION_HORIZONTAL, -1, min, nat);
  return width - 2 * MARGIN >= span (nat, 0, N_CONTROLS);
}

static GtkSizeRequestMode
mk_entries_filters_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
mk_entries_filters_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  MkEntriesFilters *self = MK_ENTRIES_FILTERS (widget);
  int min[N_CONTROLS];
  int nat[N_CONTROLS];

  measure_children (self, orientation, -1, min, nat);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MAX (span (min, 0, FIRST_LINE), span (min, FIRST_LINE, N_CONTROLS))
                 + 2 * MARGIN;
      *natural = span (nat, 0, N_CONTROLS) + 2 * MARGIN;
    }
  else
    {
      int first = 0;
      int second = 0;

      for (guint i = 0; i < N_CONTROLS; i++)
        {
          if (i < FIRST_LINE)
            first = MAX (first, min[i]);
          else
            second = MAX (second, min[i]);
        }
      *minimum = (for_size >= 0 && fits_one_line (self, for_size)
                  ? MAX (first, second) : first + SPACING + second)
                 + 2 * MARGIN;
      *natural = *minimum;
    }
}

static void
allocate (GtkWidget *child,
          int        x,
          int        y,
          int        width,
          int        height)
{
  gtk_widget_size_allocate (child, &(GtkAllocation) { x, y, width, height }, -1);
}

/* Lays @n @sizes out on one line at @y: each gets its minimum, then the
 * rest goes towards the natural widths; what is left after that goes to
 * the last (the search) when @last_takes_rest, else is shared. */
static void
allocate_line (GtkRequestedSize *sizes,
               guint             n,
               int               width,
               int               y,
               int               height,
               gboolean          last_takes_rest)
{
  guint shown = 0;
  int extra;
  int x = MARGIN;

  for (guint i = 0; i < n; i++)
    shown += gtk_widget_get_visible (sizes[i].data);
  extra = width - 2 * MARGIN - (int) (shown > 0 ? shown - 1 : 0) * SPACING;
  for (guint i = 0; i < n; i++)
    extra -= sizes[i].minimum_size;
  extra = gtk_distribute_natural_allocation (MAX (extra, 0), n, sizes);
  if (last_takes_rest)
    sizes[n - 1].minimum_size += extra;
  else
    for (guint i = 0, k = 0; i < n; i++)
      if (gtk_widget_get_visible (sizes[i].data))
        {
          sizes[i].minimum_size += extra / (int) shown + (k < (guint) extra % shown ? 1 : 0);
          k++;
        }
  for (guint i = 0; i < n; i++)
    {
      if (!gtk_widget_get_visible (sizes[i].data))
        continue;
      allocate (sizes[i].data, x, y, sizes[i].minimum_size, height);
      x += sizes[i].minimum_size + SPACING;
    }
}

static void
mk_entries_filters_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  MkEntriesFilters *self = MK_ENTRIES_FILTERS (widget);
  gboolean one_line = fits_one_line (self, width);
  GtkRequestedSize sizes[N_CONTROLS];
  int first_height = 0;
  int second_height = 0;

  for (guint i = 0; i < N_CONTROLS; i++)
    {
      int min_h;

      sizes[i].data = nth_child (self, i);
      gtk_widget_measure (sizes[i].data, GTK_ORIENTATION_HORIZONTAL, -1,
                          &sizes[i].minimum_size, &sizes[i].natural_size, NULL, NULL);
      gtk_widget_measure (sizes[i].data, GTK_ORIENTATION_VERTICAL, -1, &min_h, NULL, NULL, NULL);
      if (i < FIRST_LINE || one_line)
        first_height = MAX (first_height, min_h);
      else
        second_height = MAX (second_height, min_h);
    }
  if (one_line)
    allocate_line (sizes, N_CONTROLS, width, MARGIN, first_height, TRUE);
  else
    {
      allocate_line (sizes, FIRST_LINE, width, MARGIN, first_height, FALSE);
      allocate_line (sizes + FIRST_LINE, N_CONTROLS - FIRST_LINE, width,
                     MARGIN + first_height + SPACING, second_height, TRUE);
    }
}

/* The drop-downs show the chosen name cut short when space is tight; their
 * lists show whole names. */
static void
setup_name_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  ellipsize)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (ellipsize != NULL)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), 6);
    }
  gtk_list_item_set_child (item, label);
}

static void
bind_name_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GObject *object = gtk_list_item_get_item (item);
  const char *name = MK_IS_PERSON (object) ? mk_person_get_name (MK_PERSON (object))
                     : GTK_IS_STRING_OBJECT (object)
                     ? gtk_string_object_get_string (GTK_STRING_OBJECT (object))
                     : mk_category_get_name (MK_CATEGORY (object));

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), name);
}

static void
set_factories (GtkDropDown *dropdown)
{
  for (guint i = 0; i < 2; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

      g_signal_connect (factory, "setup", G_CALLBACK (setup_name_cb),
                        i == 0 ? GINT_TO_POINTER (1) : NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_name_cb), NULL);
      if (i == 0)
        gtk_drop_down_set_factory (dropdown, factory);
      else
        gtk_drop_down_set_list_factory (dropdown, factory);
      g_object_unref (factory);
    }
}

/* GObject */

static void
mk_entries_filters_dispose (GObject *object)
{
  MkEntriesFilters *self = MK_ENTRIES_FILTERS (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MK_TYPE_ENTRIES_FILTERS);
  g_clear_object (&self->list);
  g_clear_object (&self->store);
  g_clear_object (&self->people);
  g_clear_object (&self->categories);
  g_clear_object (&self->category_rows);
  g_clear_pointer (&self->source_ids, g_array_unref);
  g_clear_pointer (&self->from, g_free);
  g_clear_pointer (&self->to, g_free);

  G_OBJECT_CLASS (mk_entries_filters_parent_class)->dispose (object);
}

static void
mk_entries_filters_class_init (MkEntriesFiltersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mk_entries_filters_dispose;
  widget_class->get_request_mode = mk_entries_filters_get_request_mode;
  widget_class->measure = mk_entries_filters_measure;
  widget_class->size_allocate = mk_entries_filters_size_allocate;

  /**
   * MkEntriesFilters::categories-changed:
   *
   * The store's categories were added, renamed, recoloured or archived;
   * mk_entries_filters_get_categories() has the new list.
   */
  signals[SIGNAL_CATEGORIES_CHANGED] =
    g_signal_new ("categories-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * MkEntriesFilters::filtering:
   *
   * A filter is about to be handed to the list (it may be the same as
   * before); the page shows the top of the list for a new filter.
   */
  signals[SIGNAL_FILTERING] =
    g_signal_new ("filtering", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/mk-entries-filters.ui");
  gtk_widget_class_bind_template_child (widget_class, MkEntriesFilters, period_button);
  gtk_widget_class_bind_template_child (widget_class, MkEntriesFilters, period_popover);
  gtk_widget_class_bind_template_child (widget_class, MkEntriesFilters, study_button);
  gtk_widget_class_bind_template_child (widget_class, MkEntriesFilters, from_toggle);
  gtk_widget_class_bind_template_child (widget_class, MkEntriesFilters, to_toggle);
  gtk_widget_class_bind_template_child (widget_class, MkEntriesFilters, calendar);
  gtk_widget_class_bind_template_child (widget_class, MkEntriesFilters, person_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MkEntriesFilters, category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MkEntriesFilters, source_dropdown);
  gtk_widget_class_bind_template_child (widget_class, MkEntriesFilters, search_entry);
  gtk_widget_class_bind_template_callback (widget_class, calendar_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, person_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, category_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, source_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);

  gtk_widget_class_install_action (widget_class, "filters.period", "s", period_action_cb);

  gtk_widget_class_set_css_name (widget_class, "mk-entries-filters");
}

static GListStore *
new_filter_list (GType        type,
                 gpointer     first,
                 GtkDropDown *dropdown)
{
  GListStore *list = g_list_store_new (type);
  g_autoptr(GtkExpression) name = gtk_property_expression_new (type, NULL, "name");

  g_list_store_append (list, first);
  g_object_unref (first);
  gtk_drop_down_set_expression (dropdown, name);
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (list));
  return list;
}

static void
mk_entries_filters_init (MkEntriesFilters *self)
{
  GtkWidget *box;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* A label of our own, so that a long period can be cut short. */
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  self->period_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_ellipsize (self->period_label, PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (self->period_label, 6);
  gtk_widget_set_hexpand (GTK_WIDGET (self->period_label), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->period_label));
  gtk_box_append (GTK_BOX (box), gtk_image_new_from_icon_name ("pan-down-symbolic"));
  gtk_menu_button_set_child (self->period_button, box);
  set_factories (self->person_dropdown);
  set_factories (self->category_dropdown);
  set_factories (self->source_dropdown);

  self->people = new_filter_list (MK_TYPE_PERSON,
                                  mk_person_new (0, _("Everyone"), NULL, MK_LEVEL_NONE, NULL,
                                                 FALSE),
                                  self->person_dropdown);
  self->categories = new_filter_list (MK_TYPE_CATEGORY,
                                      mk_category_new (0, "", _("All Categories"), NULL,
                                                       MK_CATEGORY_KIND_SELLING, 0, 100, 0,
                                                       FALSE),
                                      self->category_dropdown);
  update_period_widgets (self);
}
