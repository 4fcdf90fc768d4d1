/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-today-timer.c — the Today page's timer: a button and the time running.
 *
 * The timer lives in the database (mk_store_*_timer), not in this widget:
 * the widget only shows what the store says, once a second while one runs,
 * so a restart or a crash shows the same timer counting from its true
 * start.  The button activates the page's "today.toggle-timer", which
 * decides the category and task and calls start or stop here.
 */
#define G_LOG_DOMAIN "mk-today-timer"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "mk-today-timer.h"

struct _MkTodayTimer
{
  GtkWidget         parent_instance;

  MkStore          *store;
  guint             tick_id;

  GtkWidget        *box;
  AdwButtonContent *button_content;
  GtkLabel         *label;
};

G_DEFINE_FINAL_TYPE (MkTodayTimer, mk_today_timer, GTK_TYPE_WIDGET)

static gboolean
tick_cb (gpointer user_data)
{
  MkTodayTimer *self = user_data;
  g_autoptr(GDateTime) started = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *task = NULL;
  g_autofree char *text = NULL;
  gint64 category_id = 0;
  gint64 seconds;
  MkCategory *category;

  if (self->store == NULL
      || !mk_store_get_timer (self->store, NULL, &category_id, &task, &started))
    {
      self->tick_id = 0;
      return G_SOURCE_REMOVE;
    }

  now = g_date_time_new_now_local ();
  seconds = MAX (0, g_date_time_difference (now, started) / G_TIME_SPAN_SECOND);
  category = mk_store_get_category (self->store, category_id);
  /* "0:12:04 · Calls · Acme intro" */
  text = g_strdup_printf ("%d:%02d:%02d · %s%s%s",
                          (int) (seconds / 3600), (int) (seconds / 60 % 60), (int) (seconds % 60),
                          category ? mk_category_get_name (category) : "",
                          task && *task ? " · " : "", task ? task : "");
  gtk_label_set_text (self->label, text);
  return G_SOURCE_CONTINUE;
}

/**
 * mk_today_timer_is_running:
 * @self: the timer
 *
 * Returns: %TRUE if the store has a running timer.
 */
gboolean
mk_today_timer_is_running (MkTodayTimer *self)
{
  g_return_val_if_fail (MK_IS_TODAY_TIMER (self), FALSE);

  return self->store != NULL && mk_store_get_timer (self->store, NULL, NULL, NULL, NULL);
}

/**
 * mk_today_timer_update:
 * @self: the timer
 *
 * Shows the store's timer as it is now.
 */
void
mk_today_timer_update (MkTodayTimer *self)
{
  gboolean running;

  g_return_if_fail (MK_IS_TODAY_TIMER (self));

  running = mk_today_timer_is_running (self);
  adw_button_content_set_label (self->button_content,
                                running ? _("Stop Timer") : _("Start Timer"));
  adw_button_content_set_icon_name (self->button_content,
                                    running ? "media-playback-stop-symbolic"
                                            : "media-playback-start-symbolic");
  if (running)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->label), "accent");
      tick_cb (self);
      if (self->tick_id == 0)
        self->tick_id = g_timeout_add_seconds (1, tick_cb, self);
    }
  else
    {
      g_clear_handle_id (&self->tick_id, g_source_remove);
      gtk_widget_remove_css_class (GTK_WIDGET (self->label), "accent");
      gtk_label_set_text (self->label,
                          _("Or start a timer: the category and task come from the line above"));
    }
}

/**
 * mk_today_timer_set_store:
 * @self: the timer
 * @store: (nullable): the store that keeps the timer
 */
void
mk_today_timer_set_store (MkTodayTimer *self,
                          MkStore      *store)
{
  g_return_if_fail (MK_IS_TODAY_TIMER (self));

  g_set_object (&self->store, store);
  mk_today_timer_update (self);
}

/**
 * mk_today_timer_start:
 * @self: the timer
 * @person_id: who is timed
 * @category_id: the category the time will go to
 * @task: (nullable): what is being done
 * @error: return location for an error
 *
 * Starts the timer now (replacing a running one) and shows it.
 *
 * Returns: %TRUE once the timer is in the database; fails with the store's error.
 */
gboolean
mk_today_timer_start (MkTodayTimer *self,
                      gint64        person_id,
                      gint64        category_id,
                      const char   *task,
                      GError      **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_return_val_if_fail (MK_IS_TODAY_TIMER (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  if (!mk_store_start_timer (self->store, person_id, category_id, task, now, error))
    return FALSE;
  mk_today_timer_update (self);
  return TRUE;
}

/**
 * mk_today_timer_stop:
 * @self: the timer
 * @error: return location for an error
 *
 * Stops the running timer and turns it into an entry.
 *
 * Returns: the new entry's id, or 0 with the store's error (no timer, a
 *   timer forgotten for more than a day, a database that cannot be written).
 */
gint64
mk_today_timer_stop (MkTodayTimer *self,
                     GError      **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  gint64 id;

  g_return_val_if_fail (MK_IS_TODAY_TIMER (self), 0);
  g_return_val_if_fail (self->store != NULL, 0);

  id = mk_store_stop_timer (self->store, now, error);
  mk_today_timer_update (self);
  return id;
}

static void
mk_today_timer_dispose (GObject *object)
{
  MkTodayTimer *self = MK_TODAY_TIMER (object);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (mk_today_timer_parent_class)->dispose (object);
}

static void
mk_today_timer_class_init (MkTodayTimerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mk_today_timer_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "mk-today-timer");
}

static void
mk_today_timer_init (MkTodayTimer *self)
{
  GtkWidget *button = gtk_button_new ();

  self->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->button_content = ADW_BUTTON_CONTENT (adw_button_content_new ());
  gtk_button_set_child (GTK_BUTTON (button), GTK_WIDGET (self->button_content));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "today.toggle-timer");
  gtk_widget_set_name (button, "timer_button");
  gtk_box_append (GTK_BOX (self->box), button);

  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_name (GTK_WIDGET (self->label), "timer_label");
  gtk_label_set_xalign (self->label, 0);
  /* On a narrow window the text takes two lines before it is cut short. */
  gtk_label_set_wrap (self->label, TRUE);
  gtk_label_set_wrap_mode (self->label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (self->label, 2);
  gtk_label_set_ellipsize (self->label, PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (GTK_WIDGET (self->label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->label), "numeric");
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->label));

  mk_today_timer_update (self);
}
