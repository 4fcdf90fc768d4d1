/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-wheel-guard.c — the mouse wheel scrolls the page, not the control under it.
 *
 * A spin button or a scale changes its value when the wheel turns over it.
 * On a page that scrolls, that is how a setting gets changed and saved by
 * someone who only meant to scroll past it (issue 17: prime hours went from
 * 12:00 to 10:15).  The rule: scrolling a page never changes a value; only
 * a control that has the keyboard focus takes the wheel.
 *
 * How: while a guarded control does not contain the focus, its own scroll
 * controllers are switched off (GTK_PHASE_NONE), so the wheel event goes on
 * up to the scrolled window around it, which scrolls as it would anywhere
 * else; once the control (or its text field) has the focus they are back in
 * their phase.  mk_wheel_guard_install() guards every spin button and scale
 * of the application as it is realized (an emission hook on
 * GtkWidget::realize), so a control added later cannot forget the rule.
 * Scrollbars are GtkRanges but not scales, and stay as they are.
 */
#define G_LOG_DOMAIN "mk-wheel-guard"

#include "config.h"

#include "mk-wheel-guard.h"

#define GUARD_KEY "mk-wheel-guard"
#define PHASE_KEY "mk-wheel-guard-phase"

static void
update_controllers (GtkEventControllerFocus *focus,
                    GParamSpec              *pspec,
                    GtkWidget               *control)
{
  gboolean focused = gtk_event_controller_focus_contains_focus (focus);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (control);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);
      gpointer phase;

      if (!GTK_IS_EVENT_CONTROLLER_SCROLL (controller))
        continue;
      /* The phase the control gave it, kept the first time it is switched off. */
      phase = g_object_get_data (G_OBJECT (controller), PHASE_KEY);
      if (phase == NULL)
        {
          phase = GINT_TO_POINTER (gtk_event_controller_get_propagation_phase (controller) + 1);
          g_object_set_data (G_OBJECT (controller), PHASE_KEY, phase);
        }
      gtk_event_controller_set_propagation_phase (controller,
                                                  focused ? GPOINTER_TO_INT (phase) - 1
                                                          : GTK_PHASE_NONE);
    }
}

/**
 * mk_wheel_guard_attach:
 * @control: a spin button, a scale, or another control that takes the wheel
 *
 * Makes @control take the wheel only while it contains the keyboard focus;
 * otherwise the wheel scrolls what is around it.  Attaching twice does
 * nothing more.
 */
void
mk_wheel_guard_attach (GtkWidget *control)
{
  GtkEventController *focus;

  g_return_if_fail (GTK_IS_WIDGET (control));

  if (g_object_get_data (G_OBJECT (control), GUARD_KEY) != NULL)
    return;
  focus = gtk_event_controller_focus_new ();
  gtk_event_controller_set_name (focus, GUARD_KEY);
  g_signal_connect_object (focus, "notify::contains-focus", G_CALLBACK (update_controllers),
                           control, 0);
  gtk_widget_add_controller (control, focus);
  g_object_set_data (G_OBJECT (control), GUARD_KEY, focus);
  update_controllers (GTK_EVENT_CONTROLLER_FOCUS (focus), NULL, control);
}

static gboolean
realize_hook_cb (GSignalInvocationHint *hint,
                 guint                  n_values,
                 const GValue          *values,
                 gpointer               user_data)
{
  GObject *widget = g_value_get_object (&values[0]);

  if (GTK_IS_SPIN_BUTTON (widget) || GTK_IS_SCALE (widget))
    mk_wheel_guard_attach (GTK_WIDGET (widget));
  return TRUE;
}

/**
 * mk_wheel_guard_install:
 *
 * Guards every spin button and scale of the process from now on, each when
 * it is realized.  Called once, at application start-up; calling it again
 * does nothing.
 */
void
mk_wheel_guard_install (void)
{
  static gsize installed;

  if (g_once_init_enter (&installed))
    {
      /* A signal is known once its class is. */
      GTypeClass *widget_class = g_type_class_ref (GTK_TYPE_WIDGET);
      guint signal_id = g_signal_lookup ("realize", GTK_TYPE_WIDGET);

      g_signal_add_emission_hook (signal_id, 0, realize_hook_cb, NULL, NULL);
      g_type_class_unref (widget_class);
      g_once_init_leave (&installed, 1);
    }
}
