/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-day-bar.c — one day's minutes as a bar in category colours.
 *
 * The bar is the workday: each category takes a part of it as wide as its
 * minutes, in the category's colour, so the filled length is the progress
 * towards the workday and the colours are the split.  A day longer than
 * the workday scales the bar to the day.  The same numbers are the
 * widget's accessible label and tooltip, so they can be read, not only
 * seen.  Segments are kept in the order they were added (the caller passes
 * categories in their sort order).
 */
#define G_LOG_DOMAIN "mk-day-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "mk-color.h"
#include "mk-day-bar.h"
#include "mk-domain.h"
#include "mk-format.h"
#include "mk-store.h"

#define BAR_HEIGHT 10
#define GAP        1.0f

typedef struct {
  char    *name;
  GdkRGBA  color;
  int      minutes;
} Segment;

struct _MkDayBar
{
  GtkWidget  parent_instance;

  GArray    *segments;
  int        workday;
  int        total;
  char      *text;
};

G_DEFINE_FINAL_TYPE (MkDayBar, mk_day_bar, GTK_TYPE_WIDGET)

static void
segment_clear (gpointer data)
{
  Segment *segment = data;

  g_free (segment->name);
}

static void
mk_day_bar_update_text (MkDayBar *self)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *total = mk_format_minutes (self->total);
  g_autofree char *workday = mk_format_minutes (self->workday);

  /* Translators: "1 h 50 min of 8 h logged". */
  g_string_append_printf (text, _("%s of %s logged"), total, workday);
  for (guint i = 0; i < self->segments->len; i++)
    {
      const Segment *segment = &g_array_index (self->segments, Segment, i);
      g_autofree char *minutes = mk_format_minutes (segment->minutes);

      g_string_append_printf (text, i == 0 ? ": %s %s" : ", %s %s", segment->name, minutes);
    }

  /* The same words (a commit that changed no minutes of the day): the
   * colours may have changed, the words and numbers not — and setting a
   * tooltip on a shown widget asks the X server where the pointer is. */
  if (g_strcmp0 (self->text, text->str) == 0)
    {
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }
  g_free (self->text);
  self->text = g_string_free (g_steal_pointer (&text), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->text,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_MAX, (double) self->workday,
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_NOW,
                                  (double) MIN (self->total, self->workday),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, self->text,
                                  -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), self->text);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * mk_day_bar_new:
 *
 * Returns: (transfer floating): an empty bar for an 8-hour workday.
 */
GtkWidget *
mk_day_bar_new (void)
{
  return g_object_new (MK_TYPE_DAY_BAR, NULL);
}

/**
 * mk_day_bar_clear:
 * @self: a day bar
 *
 * Removes every segment.
 */
void
mk_day_bar_clear (MkDayBar *self)
{
  g_return_if_fail (MK_IS_DAY_BAR (self));

  g_array_set_size (self->segments, 0);
  self->total = 0;
  mk_day_bar_update_text (self);
}

/**
 * mk_day_bar_add:
 * @self: a day bar
 * @name: the category's name, for the text
 * @color: the category's colour, "#rrggbb"; a colour GDK cannot read is grey
 * @minutes: the category's minutes that day, > 0
 *
 * Appends a segment.
 */
void
mk_day_bar_add (MkDayBar   *self,
                const char *name,
                const char *color,
                int         minutes)
{
  Segment segment = { 0 };

  g_return_if_fail (MK_IS_DAY_BAR (self));
  g_return_if_fail (name != NULL);

  if (minutes <= 0)
    return;
  segment.name = g_strdup (name);
  mk_color_parse (color, &segment.color);
  segment.minutes = minutes;
  g_array_append_val (self->segments, segment);
  self->total += minutes;
  mk_day_bar_update_text (self);
}

/**
 * mk_day_bar_set_entries:
 * @self: a day bar
 * @entries: the day's entries (MkEntry items)
 * @categories: the categories (MkCategory items), in the order to draw them
 *
 * Shows the minutes of @entries per category.
 */
void
mk_day_bar_set_entries (MkDayBar   *self,
                        GListModel *entries,
                        GListModel *categories)
{
  g_autoptr(GHashTable) sums = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint n;

  g_return_if_fail (MK_IS_DAY_BAR (self));
  g_return_if_fail (G_IS_LIST_MODEL (entries));
  g_return_if_fail (G_IS_LIST_MODEL (categories));

  n = g_list_model_get_n_items (entries);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MkEntry) entry = g_list_model_get_item (entries, i);
      gint64 id = mk_category_get_id (mk_entry_get_category (entry));
      int sum = GPOINTER_TO_INT (g_hash_table_lookup (sums, &id));

      g_hash_table_insert (sums, g_memdup2 (&id, sizeof id),
                           GINT_TO_POINTER (sum + mk_entry_get_minutes (entry)));
    }

  g_array_set_size (self->segments, 0);
  self->total = 0;
  n = g_list_model_get_n_items (categories);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MkCategory) category = g_list_model_get_item (categories, i);
      gint64 id = mk_category_get_id (category);
      int sum = GPOINTER_TO_INT (g_hash_table_lookup (sums, &id));
      Segment segment = { 0 };

      if (sum <= 0)
        continue;
      segment.name = g_strdup (mk_category_get_name (category));
      mk_color_parse (mk_category_get_color (category), &segment.color);
      segment.minutes = sum;
      g_array_append_val (self->segments, segment);
      self->total += sum;
    }
  mk_day_bar_update_text (self);
}

/**
 * mk_day_bar_set_workday:
 * @self: a day bar
 * @minutes: the length of a workday, > 0 (core's default until set)
 */
void
mk_day_bar_set_workday (MkDayBar *self,
                        int       minutes)
{
  g_return_if_fail (MK_IS_DAY_BAR (self));
  g_return_if_fail (minutes > 0);

  self->workday = minutes;
  mk_day_bar_update_text (self);
}

/**
 * mk_day_bar_get_total:
 * @self: a day bar
 *
 * Returns: the minutes of all segments.
 */
int
mk_day_bar_get_total (MkDayBar *self)
{
  g_return_val_if_fail (MK_IS_DAY_BAR (self), 0);

  return self->total;
}

/**
 * mk_day_bar_get_text:
 * @self: a day bar
 *
 * Returns: (transfer none): what the bar shows, in words: "1 h 50 min of
 *   8 h logged: Calls 1 h 30 min, Admin 20 min".
 */
const char *
mk_day_bar_get_text (MkDayBar *self)
{
  g_return_val_if_fail (MK_IS_DAY_BAR (self), NULL);

  return self->text;
}

static void
mk_day_bar_measure (GtkWidget      *widget,
                    GtkOrientation  orientation,
                    int             for_size,
                    int            *minimum,
                    int            *natural,
                    int            *minimum_baseline,
                    int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 60;
      *natural = 240;
    }
  else
    *minimum = *natural = BAR_HEIGHT;
}

static void
mk_day_bar_snapshot (GtkWidget   *widget,
                     GtkSnapshot *snapshot)
{
  MkDayBar *self = MK_DAY_BAR (widget);
  float width = gtk_widget_get_width (widget);
  float height = gtk_widget_get_height (widget);
  float scale = width / MAX (self->workday, self->total);
  GskRoundedRect clip;
  GdkRGBA track;
  float x = 0;

  if (width <= 0 || height <= 0)
    return;

  /* The track is the text colour, faint, so it reads in light and dark. */
  mk_color_foreground (widget, 0.15, &track);

  gsk_rounded_rect_init_from_rect (&clip, &GRAPHENE_RECT_INIT (0, 0, width, height),
                                   height / 2);
  gtk_snapshot_push_rounded_clip (snapshot, &clip);
  gtk_snapshot_append_color (snapshot, &track, &GRAPHENE_RECT_INIT (0, 0, width, height));

  for (guint i = 0; i < self->segments->len; i++)
    {
      const Segment *segment = &g_array_index (self->segments, Segment, i);
      float w = segment->minutes * scale;
      float drawn = i + 1 < self->segments->len ? MAX (w - GAP, 1.0f) : w;

      gtk_snapshot_append_color (snapshot, &segment->color,
                                 &GRAPHENE_RECT_INIT (x, 0, drawn, height));
      x += w;
    }

  gtk_snapshot_pop (snapshot);
}

static void
mk_day_bar_finalize (GObject *object)
{
  MkDayBar *self = MK_DAY_BAR (object);

  g_clear_pointer (&self->segments, g_array_unref);
  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (mk_day_bar_parent_class)->finalize (object);
}

static void
mk_day_bar_class_init (MkDayBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = mk_day_bar_finalize;
  widget_class->measure = mk_day_bar_measure;
  widget_class->snapshot = mk_day_bar_snapshot;

  gtk_widget_class_set_css_name (widget_class, "mk-day-bar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PROGRESS_BAR);
}

static void
mk_day_bar_init (MkDayBar *self)
{
  MkSettings defaults;

  mk_settings_init_defaults (&defaults);
  self->segments = g_array_new (FALSE, TRUE, sizeof (Segment));
  g_array_set_clear_func (self->segments, segment_clear);
  self->workday = defaults.workday_minutes;
  mk_day_bar_update_text (self);
}
