/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-day-switcher.c — which day the Today page shows: back, forward, a calendar.
 *
 * Holds the day as "YYYY-MM-DD" (the "day" property), today when made.
 * The arrows activate the page's actions (so Alt+Left/Right do the same),
 * which call mk_day_switcher_move(); the page's Today button calls
 * _go_today() and is a separate widget, so that on a narrow window it can
 * go to the next line.  The calendar pop-over sets the day directly.  Any
 * day may be chosen: logging for a past day is allowed.
 */
#define G_LOG_DOMAIN "mk-day-switcher"

#include "config.h"

#include <glib/gi18n.h>

#include "mk-day.h"
#include "mk-day-switcher.h"

struct _MkDaySwitcher
{
  GtkWidget      parent_instance;

  char          *day;

  GtkWidget     *box;
  GtkMenuButton *day_button;
  GtkPopover    *calendar_popover;
  GtkCalendar   *calendar;
};

G_DEFINE_FINAL_TYPE (MkDaySwitcher, mk_day_switcher, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DAY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  FUTURE_REFUSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Local noon of @day: a GtkCalendar and a date format want a GDateTime. */
static GDateTime *
day_to_date_time (const char *day)
{
  GDateTime *date_time = mk_day_to_date_time (day);

  return date_time != NULL ? date_time : g_date_time_new_now_local ();
}

static void
update_widgets (MkDaySwitcher *self)
{
  g_autoptr(GDateTime) day = day_to_date_time (self->day);
  g_autofree char *label = NULL;

  /* Translators: the day shown on the Today page, a GDateTime format: "Thursday, 26 November". */
  label = g_date_time_format (day, _("%A, %-d %B"));
  gtk_menu_button_set_label (self->day_button, label);
  /* calendar_day_selected_cb ignores the day already shown. */
  gtk_calendar_select_day (self->calendar, day);
}

/**
 * mk_day_switcher_get_day:
 * @self: the switcher
 *
 * Returns: (transfer none): the day, "YYYY-MM-DD".
 */
const char *
mk_day_switcher_get_day (MkDaySwitcher *self)
{
  g_return_val_if_fail (MK_IS_DAY_SWITCHER (self), NULL);

  return self->day;
}

/**
 * mk_day_switcher_shows_today:
 * @self: the switcher
 *
 * Returns: %TRUE if the day is today's date (local time).
 */
gboolean
mk_day_switcher_shows_today (MkDaySwitcher *self)
{
  g_autofree char *today = mk_day_today ();

  g_return_val_if_fail (MK_IS_DAY_SWITCHER (self), FALSE);

  return g_strcmp0 (today, self->day) == 0;
}

/**
 * mk_day_switcher_set_day:
 * @self: the switcher
 * @day: "YYYY-MM-DD"
 */
void
mk_day_switcher_set_day (MkDaySwitcher *self,
                         const char    *day)
{
  g_return_if_fail (MK_IS_DAY_SWITCHER (self));
  g_return_if_fail (day != NULL);

  if (g_strcmp0 (self->day, day) == 0)
    return;
  g_free (self->day);
  self->day = g_strdup (day);
  update_widgets (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DAY]);
}

/**
 * mk_day_switcher_move:
 * @self: the switcher
 * @days: how many days forward (negative: back)
 */
void
mk_day_switcher_move (MkDaySwitcher *self,
                      int            days)
{
  g_autofree char *moved = NULL;

  g_return_if_fail (MK_IS_DAY_SWITCHER (self));

  moved = mk_day_add (self->day, days);
  if (moved != NULL && days > 0 && !mk_day_check_has_come (moved, NULL))
    g_signal_emit (self, signals[FUTURE_REFUSED], 0, moved);
  else if (moved != NULL)
    mk_day_switcher_set_day (self, moved);
}

/**
 * mk_day_switcher_go_today:
 * @self: the switcher
 */
void
mk_day_switcher_go_today (MkDaySwitcher *self)
{
  g_autofree char *today = mk_day_today ();

  g_return_if_fail (MK_IS_DAY_SWITCHER (self));

  mk_day_switcher_set_day (self, today);
}

static void
calendar_day_selected_cb (MkDaySwitcher *self)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->calendar);
  g_autofree char *day = mk_day_from_date_time (date);

  if (g_strcmp0 (day, self->day) == 0)
    return;
  gtk_popover_popdown (self->calendar_popover);
  if (!mk_day_check_has_come (day, NULL))
    {
      update_widgets (self);   /* the calendar shows the day shown again */
      g_signal_emit (self, signals[FUTURE_REFUSED], 0, day);
      return;
    }
  mk_day_switcher_set_day (self, day);
}

static void
mk_day_switcher_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MkDaySwitcher *self = MK_DAY_SWITCHER (object);

  switch (prop_id)
    {
    case PROP_DAY:
      g_value_set_string (value, self->day);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mk_day_switcher_dispose (GObject *object)
{
  MkDaySwitcher *self = MK_DAY_SWITCHER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MK_TYPE_DAY_SWITCHER);
  g_clear_pointer (&self->day, g_free);

  G_OBJECT_CLASS (mk_day_switcher_parent_class)->dispose (object);
}

static void
mk_day_switcher_class_init (MkDaySwitcherClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = mk_day_switcher_get_property;
  object_class->dispose = mk_day_switcher_dispose;

  properties[PROP_DAY] =
    g_param_spec_string ("day", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MkDaySwitcher::future-refused:
   * @day: the day asked for, "YYYY-MM-DD"
   *
   * The person asked for a day after today (the next day from today, or a
   * later day in the calendar); the switcher stayed where it was.
   */
  signals[FUTURE_REFUSED] =
    g_signal_new ("future-refused", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/mk-day-switcher.ui");
  gtk_widget_class_bind_template_child (widget_class, MkDaySwitcher, box);
  gtk_widget_class_bind_template_child (widget_class, MkDaySwitcher, day_button);
  gtk_widget_class_bind_template_child (widget_class, MkDaySwitcher, calendar_popover);
  gtk_widget_class_bind_template_child (widget_class, MkDaySwitcher, calendar);
  gtk_widget_class_bind_template_callback (widget_class, calendar_day_selected_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "mk-day-switcher");
}

static void
mk_day_switcher_init (MkDaySwitcher *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->day = mk_day_today ();
  update_widgets (self);
}
