/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-day-timeline.c — a manager's days on a clock, prime hours shaded.
 *
 * One row per day that has entries with a start time; each such entry is a
 * block from its start for its minutes, in its category's colour, on an
 * hour axis from 08:00 to 18:00 (widened to fit the earliest and latest
 * entry).  The prime selling hours from the analysis settings are shaded
 * behind the blocks, so admin put in the best hours for calls shows at a
 * glance.  Entries without a start time cannot be placed and are only
 * counted (mk_day_timeline_get_n_untimed()).
 *
 * Invariants.  The widget copies what it draws out of the entries when they
 * are set, so it never touches the store while drawing.  Hovering a block
 * shows its time, category and task; the same list is the accessible
 * description.
 */
#define G_LOG_DOMAIN "mk-day-timeline"

#include "config.h"

#include <glib/gi18n.h>

#include "mk-color.h"
#include "mk-day.h"
#include "mk-format.h"
#include "mk-day-timeline.h"

#define AXIS_HEIGHT 20
#define ROW_HEIGHT  28
#define BAR_HEIGHT  18
#define LABEL_GAP   10
#define RIGHT_PAD   16

typedef struct {
  guint    day;        /* index into days */
  int      start;
  int      minutes;
  GdkRGBA  color;
  char    *category;
  char    *task;
} Block;

struct _MkDayTimeline
{
  GtkWidget     parent_instance;

  GArray       *blocks;
  GPtrArray    *days;       /* "YYYY-MM-DD" */
  GPtrArray    *labels;     /* "Mon 23 Nov" */
  MkPrimeRange  prime[MK_MAX_PRIME_RANGES];
  guint         n_prime;
  guint         n_untimed;
  int           first_hour;
  int           last_hour;
};

G_DEFINE_FINAL_TYPE (MkDayTimeline, mk_day_timeline, GTK_TYPE_WIDGET)

static void
block_clear (gpointer data)
{
  Block *block = data;

  g_free (block->category);
  g_free (block->task);
}

static int
label_width (MkDayTimeline *self)
{
  int widest = 0;

  for (guint i = 0; i < self->labels->len; i++)
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self),
                                                                      self->labels->pdata[i]);
      int w;

      pango_layout_get_pixel_size (layout, &w, NULL);
      widest = MAX (widest, w);
    }
  return widest;
}

static void
get_track (MkDayTimeline *self,
           double        *x,
           double        *width)
{
  *x = label_width (self) + LABEL_GAP;
  *width = MAX (gtk_widget_get_width (GTK_WIDGET (self)) - *x - RIGHT_PAD, 10);
}

static double
minute_x (MkDayTimeline *self,
          double         track_x,
          double         track_width,
          int            minute)
{
  int from = self->first_hour * 60;
  int to = self->last_hour * 60;

  return track_x + track_width * (CLAMP (minute, from, to) - from) / (double) (to - from);
}

static void
mk_day_timeline_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  MkDayTimeline *self = MK_DAY_TIMELINE (widget);
  double track_x;
  double track_width;
  double rows_height = self->days->len * ROW_HEIGHT;
  int hours = self->last_hour - self->first_hour;
  int step;
  GdkRGBA fg;
  GdkRGBA dim;
  GdkRGBA grid;
  GdkRGBA prime;

  if (self->days->len == 0)
    return;

  get_track (self, &track_x, &track_width);
  mk_color_foreground (widget, 1.0, &fg);
  mk_color_foreground (widget, 0.7, &dim);
  mk_color_foreground (widget, 0.15, &grid);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), "accent_color",
                                       &prime))
    gdk_rgba_parse (&prime, "#3584e4");
  G_GNUC_END_IGNORE_DEPRECATIONS
  prime.alpha = 0.18;

  /* Prime hours behind everything. */
  for (guint i = 0; i < self->n_prime; i++)
    {
      double x0 = minute_x (self, track_x, track_width, self->prime[i].start);
      double x1 = minute_x (self, track_x, track_width, self->prime[i].end);

      gtk_snapshot_append_color (snapshot, &prime,
                                 &GRAPHENE_RECT_INIT (x0, AXIS_HEIGHT, x1 - x0, rows_height));
    }

  /* Hour axis: a label every one, two or three hours, whatever fits. */
  step = 1;
  while (step < 4 && track_width / hours * step < 44)
    step++;
  for (int h = self->first_hour; h <= self->last_hour; h++)
    {
      double x = minute_x (self, track_x, track_width, h * 60);

      gtk_snapshot_append_color (snapshot, &grid,
                                 &GRAPHENE_RECT_INIT (x - 0.5, AXIS_HEIGHT, 1, rows_height));
      if ((h - self->first_hour) % step == 0)
        {
          g_autofree char *text = g_strdup_printf ("%02d:00", h);
          g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text);
          int tw, th;

          pango_layout_get_pixel_size (layout, &tw, &th);
          gtk_snapshot_save (snapshot);
          gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (
            CLAMP (x - tw / 2.0, track_x, gtk_widget_get_width (widget) - tw),
            AXIS_HEIGHT - th - 2));
          gtk_snapshot_append_layout (snapshot, layout, &dim);
          gtk_snapshot_restore (snapshot);
        }
    }

  for (guint d = 0; d < self->days->len; d++)
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget,
                                                                      self->labels->pdata[d]);
      double y = AXIS_HEIGHT + d * ROW_HEIGHT;
      int th;

      pango_layout_get_pixel_size (layout, NULL, &th);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, y + (ROW_HEIGHT - th) / 2.0));
      gtk_snapshot_append_layout (snapshot, layout, &fg);
      gtk_snapshot_restore (snapshot);
    }

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = &g_array_index (self->blocks, Block, i);
      double y = AXIS_HEIGHT + block->day * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2.0;
      double x0 = minute_x (self, track_x, track_width, block->start);
      double x1 = minute_x (self, track_x, track_width, block->start + block->minutes);

      gtk_snapshot_append_color (snapshot, &block->color,
                                 &GRAPHENE_RECT_INIT (x0, y, MAX (x1 - x0 - 1, 1), BAR_HEIGHT));
    }
}

static void
mk_day_timeline_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  MkDayTimeline *self = MK_DAY_TIMELINE (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = label_width (self) + LABEL_GAP + 160 + RIGHT_PAD;
      *natural = label_width (self) + LABEL_GAP + 560 + RIGHT_PAD;
    }
  else
    *minimum = *natural = self->days->len > 0 ? AXIS_HEIGHT + self->days->len * ROW_HEIGHT : 0;
}

static char *
format_block (Block *block)
{
  g_autofree char *range = mk_format_time_range (block->start, block->start + block->minutes);

  if (block->task != NULL && block->task[0] != '\0')
    return g_strdup_printf ("%s %s: %s", range, block->category, block->task);
  return g_strdup_printf ("%s %s", range, block->category);
}

static gboolean
mk_day_timeline_query_tooltip (GtkWidget  *widget,
                               int         x,
                               int         y,
                               gboolean    keyboard_mode,
                               GtkTooltip *tooltip)
{
  MkDayTimeline *self = MK_DAY_TIMELINE (widget);
  double track_x;
  double track_width;
  int day;

  if (y < AXIS_HEIGHT)
    return FALSE;
  day = (y - AXIS_HEIGHT) / ROW_HEIGHT;
  get_track (self, &track_x, &track_width);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = &g_array_index (self->blocks, Block, i);
      double x0 = minute_x (self, track_x, track_width, block->start);
      double x1 = minute_x (self, track_x, track_width, block->start + block->minutes);

      if ((int) block->day == day && x >= x0 && x < MAX (x1, x0 + 2))
        {
          g_autofree char *text = format_block (block);

          gtk_tooltip_set_text (tooltip, text);
          gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) {
            (int) x0, AXIS_HEIGHT + day * ROW_HEIGHT, MAX ((int) (x1 - x0), 2), ROW_HEIGHT });
          return TRUE;
        }
    }
  return FALSE;
}

static char *
day_label (const char *day)
{
  g_autoptr(GDateTime) date = mk_day_to_date_time (day);

  if (date == NULL)
    return g_strdup (day);
  /* TRANSLATORS: a day in the timeline, g_date_time_format(): "Mon 23 Nov". */
  return g_date_time_format (date, _("%a %-d %b"));
}

static void
update_accessible (MkDayTimeline *self)
{
  GString *text = g_string_new (_("Entries with a start time, by day."));
  int last_day = -1;

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = &g_array_index (self->blocks, Block, i);
      g_autofree char *line = format_block (block);

      if ((int) block->day != last_day)
        {
          g_string_append_printf (text, "\n%s:", (char *) self->labels->pdata[block->day]);
          last_day = block->day;
        }
      g_string_append_printf (text, " %s;", line);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Day timelines"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text->str,
                                  -1);
  g_string_free (text, TRUE);
}

/**
 * mk_day_timeline_set_entries:
 * @self: the timeline
 * @entries: (nullable): MkEntry items in time order (day, start)
 * @settings: (nullable): the analysis settings, for the prime hours
 *
 * Copies the entries that have a start time into the timeline.
 */
void
mk_day_timeline_set_entries (MkDayTimeline    *self,
                             GListModel       *entries,
                             const MkSettings *settings)
{
  guint n = entries != NULL ? g_list_model_get_n_items (entries) : 0;
  int first = 8 * 60;
  int last = 18 * 60;

  g_return_if_fail (MK_IS_DAY_TIMELINE (self));

  g_array_set_size (self->blocks, 0);
  g_ptr_array_set_size (self->days, 0);
  g_ptr_array_set_size (self->labels, 0);
  self->n_untimed = 0;
  self->n_prime = settings != NULL ? MIN (settings->n_prime, MK_MAX_PRIME_RANGES) : 0;
  for (guint i = 0; i < self->n_prime; i++)
    self->prime[i] = settings->prime[i];

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MkEntry) entry = g_list_model_get_item (entries, i);
      MkCategory *category = mk_entry_get_category (entry);
      const char *day = mk_entry_get_day (entry);
      Block block = { 0 };

      if (mk_entry_get_start (entry) < 0)
        {
          self->n_untimed++;
          continue;
        }
      if (self->days->len == 0
          || g_strcmp0 (self->days->pdata[self->days->len - 1], day) != 0)
        {
          g_ptr_array_add (self->days, g_strdup (day));
          g_ptr_array_add (self->labels, day_label (day));
        }
      block.day = self->days->len - 1;
      block.start = mk_entry_get_start (entry);
      block.minutes = mk_entry_get_minutes (entry);
      mk_color_parse (category != NULL ? mk_category_get_color (category) : NULL,
                      &block.color);
      block.category = g_strdup (category != NULL ? mk_category_get_name (category) : "");
      block.task = g_strdup (mk_entry_get_task (entry));
      g_array_append_val (self->blocks, block);

      first = MIN (first, block.start);
      last = MAX (last, block.start + block.minutes);
    }

  self->first_hour = first / 60;
  self->last_hour = MIN ((last + 59) / 60, 24);
  if (self->last_hour <= self->first_hour)
    self->last_hour = self->first_hour + 1;

  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/**
 * mk_day_timeline_get_n_days:
 * @self: the timeline
 *
 * Returns: how many days have at least one entry with a start time.
 */
guint
mk_day_timeline_get_n_days (MkDayTimeline *self)
{
  g_return_val_if_fail (MK_IS_DAY_TIMELINE (self), 0);
  return self->days->len;
}

/**
 * mk_day_timeline_get_n_untimed:
 * @self: the timeline
 *
 * Returns: how many entries had no start time and are not drawn.
 */
guint
mk_day_timeline_get_n_untimed (MkDayTimeline *self)
{
  g_return_val_if_fail (MK_IS_DAY_TIMELINE (self), 0);
  return self->n_untimed;
}

static void
mk_day_timeline_finalize (GObject *object)
{
  MkDayTimeline *self = MK_DAY_TIMELINE (object);

  g_clear_pointer (&self->blocks, g_array_unref);
  g_clear_pointer (&self->days, g_ptr_array_unref);
  g_clear_pointer (&self->labels, g_ptr_array_unref);

  G_OBJECT_CLASS (mk_day_timeline_parent_class)->finalize (object);
}

static void
mk_day_timeline_class_init (MkDayTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = mk_day_timeline_finalize;
  widget_class->snapshot = mk_day_timeline_snapshot;
  widget_class->measure = mk_day_timeline_measure;
  widget_class->query_tooltip = mk_day_timeline_query_tooltip;

  gtk_widget_class_set_css_name (widget_class, "daytimeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
mk_day_timeline_init (MkDayTimeline *self)
{
  self->blocks = g_array_new (FALSE, TRUE, sizeof (Block));
  g_array_set_clear_func (self->blocks, block_clear);
  self->days = g_ptr_array_new_with_free_func (g_free);
  self->labels = g_ptr_array_new_with_free_func (g_free);
  self->first_hour = 8;
  self->last_hour = 18;
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
}

/**
 * mk_day_timeline_new:
 *
 * Returns: (transfer full): a new, empty timeline.
 */
GtkWidget *
mk_day_timeline_new (void)
{
  return g_object_new (MK_TYPE_DAY_TIMELINE, NULL);
}
