/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gui-test-input.c — real pointer and keyboard input through XTEST.
 *
 * Each helper sends its input to the test's own X server (Xvfb, GDK's X11
 * backend) and then waits until GTK has dispatched the event it made: a
 * legacy controller in the capture phase of the receiving window counts the
 * events of that kind as they come in (it never handles them, so the
 * widgets see them as usual).  Dispatching runs the widgets' handlers
 * synchronously, so once the count is reached whatever the event was going
 * to change has changed.
 */
#include "config.h"

#include <gdk/x11/gdkx.h>
#include <X11/XKBlib.h>
#include <X11/extensions/XTest.h>

#include "gui-test-input.h"
#include "gui-test-utils.h"

typedef struct {
  GdkEventType type;
  guint        seen;
} EventCount;

static gboolean
count_event_cb (GtkEventControllerLegacy *controller,
                GdkEvent                 *event,
                EventCount               *count)
{
  if (gdk_event_get_event_type (event) == count->type)
    count->seen++;
  return GDK_EVENT_PROPAGATE;
}

/* Starts counting events of @type that reach @widget's window; key events,
 * which go to the focus wherever it is (a pop-over has a surface of its
 * own), where they pass through @widget on their way to the focus. */
static GtkEventController *
count_begin (GtkWidget    *widget,
             GdkEventType  type,
             EventCount   *count)
{
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_native (widget));
  GtkEventController *controller = gtk_event_controller_legacy_new ();

  if (type == GDK_KEY_PRESS || type == GDK_KEY_RELEASE)
    window = widget;
  count->type = type;
  count->seen = 0;
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect (controller, "event", G_CALLBACK (count_event_cb), count);
  gtk_widget_add_controller (window, controller);
  return controller;
}

static void
count_end (GtkEventController *controller,
           EventCount         *count,
           guint               wanted)
{
  GtkWidget *window = gtk_event_controller_get_widget (controller);

  mk_gui_test_wait_for (count->seen >= wanted);
  gtk_widget_remove_controller (window, controller);
  mk_gui_test_settle ();
}

static Display *
x_display (GtkWidget *widget)
{
  GdkDisplay *display = gtk_widget_get_display (widget);

  g_assert_true (GDK_IS_X11_DISPLAY (display));
  return gdk_x11_display_get_xdisplay (display);
}

/* @x, @y in @widget's coordinates, on the X screen. */
static void
root_point (GtkWidget *widget,
            double     x,
            double     y,
            int       *root_x,
            int       *root_y)
{
  GtkNative *native = gtk_widget_get_native (widget);
  GdkSurface *surface = gtk_native_get_surface (native);
  Display *dpy = x_display (widget);
  graphene_point_t point;
  double sx;
  double sy;
  Window child;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native),
                                           &GRAPHENE_POINT_INIT (x, y), &point));
  gtk_native_get_surface_transform (native, &sx, &sy);
  XTranslateCoordinates (dpy, gdk_x11_surface_get_xid (surface), DefaultRootWindow (dpy),
                         (int) (point.x + sx), (int) (point.y + sy), root_x, root_y, &child);
}

/**
 * mk_gui_test_pointer_to:
 * @widget: a mapped widget
 * @x: a point in @widget's coordinates
 * @y: a point in @widget's coordinates
 *
 * Moves the pointer over @widget, as a hand on the mouse does.
 */
void
mk_gui_test_pointer_to (GtkWidget *widget,
                        double     x,
                        double     y)
{
  Display *dpy = x_display (widget);
  EventCount count;
  GtkEventController *controller;
  int rx;
  int ry;

  g_assert_true (mk_gui_test_wait_mapped (widget));
  root_point (widget, x, y, &rx, &ry);
  /* From elsewhere first, so that the move is a motion even if the
   * pointer happened to be there already. */
  XTestFakeMotionEvent (dpy, -1, rx > 0 ? rx - 1 : rx + 1, ry, CurrentTime);
  controller = count_begin (widget, GDK_MOTION_NOTIFY, &count);
  XTestFakeMotionEvent (dpy, -1, rx, ry, CurrentTime);
  XFlush (dpy);
  count_end (controller, &count, 1);
}

static void
modifier_keys (Display         *dpy,
               GdkModifierType  modifiers,
               gboolean         press)
{
  if (modifiers & GDK_SHIFT_MASK)
    XTestFakeKeyEvent (dpy, XKeysymToKeycode (dpy, XK_Shift_L), press, CurrentTime);
  if (modifiers & GDK_CONTROL_MASK)
    XTestFakeKeyEvent (dpy, XKeysymToKeycode (dpy, XK_Control_L), press, CurrentTime);
  if (modifiers & GDK_ALT_MASK)
    XTestFakeKeyEvent (dpy, XKeysymToKeycode (dpy, XK_Alt_L), press, CurrentTime);
}

/**
 * mk_gui_test_click:
 * @widget: a mapped widget
 * @x: a point in @widget's coordinates
 * @y: a point in @widget's coordinates
 * @modifiers: keys held during the click (Shift, Control, Alt)
 *
 * Clicks the first mouse button at that point.
 */
void
mk_gui_test_click (GtkWidget       *widget,
                   double           x,
                   double           y,
                   GdkModifierType  modifiers)
{
  Display *dpy = x_display (widget);
  EventCount count;
  GtkEventController *controller;

  mk_gui_test_pointer_to (widget, x, y);
  modifier_keys (dpy, modifiers, TRUE);
  controller = count_begin (widget, GDK_BUTTON_RELEASE, &count);
  XTestFakeButtonEvent (dpy, 1, True, CurrentTime);
  XTestFakeButtonEvent (dpy, 1, False, CurrentTime);
  XFlush (dpy);
  count_end (controller, &count, 1);
  modifier_keys (dpy, modifiers, FALSE);
  XFlush (dpy);
  mk_gui_test_settle ();
}

/**
 * mk_gui_test_wheel:
 * @widget: a mapped widget, under the pointer
 * @steps: wheel clicks: positive down, negative up
 *
 * Turns the mouse wheel with the pointer where it is (see
 * mk_gui_test_pointer_to()).
 */
void
mk_gui_test_wheel (GtkWidget *widget,
                   int        steps)
{
  Display *dpy = x_display (widget);
  unsigned int button = steps > 0 ? 5 : 4;
  EventCount count;
  GtkEventController *controller;

  controller = count_begin (widget, GDK_SCROLL, &count);
  for (int i = 0; i < ABS (steps); i++)
    {
      XTestFakeButtonEvent (dpy, button, True, CurrentTime);
      XTestFakeButtonEvent (dpy, button, False, CurrentTime);
    }
  XFlush (dpy);
  count_end (controller, &count, ABS (steps));
}

/* Gives @widget's window the keyboard, as clicking its title bar would. */
static void
focus_window (GtkWidget *widget)
{
  GtkWindow *window = GTK_WINDOW (gtk_widget_get_root (widget));
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  Display *dpy = x_display (widget);

  if (gtk_window_is_active (window))
    return;
  XSetInputFocus (dpy, gdk_x11_surface_get_xid (surface), RevertToParent, CurrentTime);
  XFlush (dpy);
  mk_gui_test_wait_for (gtk_window_is_active (window));
}

static void
press_keysym (GtkWidget *widget,
              KeySym     keysym,
              gboolean   shift)
{
  Display *dpy = x_display (widget);
  KeyCode code = XKeysymToKeycode (dpy, keysym);
  EventCount count;
  GtkEventController *controller;

  g_assert_cmpint (code, !=, 0);
  if (shift)
    XTestFakeKeyEvent (dpy, XKeysymToKeycode (dpy, XK_Shift_L), True, CurrentTime);
  controller = count_begin (widget, GDK_KEY_PRESS, &count);
  XTestFakeKeyEvent (dpy, code, True, CurrentTime);
  XTestFakeKeyEvent (dpy, code, False, CurrentTime);
  if (shift)
    XTestFakeKeyEvent (dpy, XKeysymToKeycode (dpy, XK_Shift_L), False, CurrentTime);
  XFlush (dpy);
  count_end (controller, &count, 1);
}

/**
 * mk_gui_test_key:
 * @widget: the widget with the keyboard focus, or one of its ancestors
 * @keyval: the key, e.g. GDK_KEY_Return
 * @modifiers: keys held (Shift, Control, Alt)
 *
 * Presses and releases a key in @widget's window, wherever its focus is,
 * and waits until the press has passed through @widget.
 */
void
mk_gui_test_key (GtkWidget       *widget,
                 guint            keyval,
                 GdkModifierType  modifiers)
{
  Display *dpy = x_display (widget);

  focus_window (widget);
  modifier_keys (dpy, modifiers, TRUE);
  press_keysym (widget, keyval, FALSE);
  modifier_keys (dpy, modifiers, FALSE);
  XFlush (dpy);
  mk_gui_test_settle ();
}

/**
 * mk_gui_test_type:
 * @widget: the widget with the keyboard focus, or one of its ancestors
 * @text: ASCII text
 *
 * Types @text key by key into whatever has the focus in @widget's window.
 */
void
mk_gui_test_type (GtkWidget  *widget,
                  const char *text)
{
  Display *dpy = x_display (widget);

  focus_window (widget);
  for (const char *p = text; *p != '\0'; p++)
    {
      KeySym keysym = gdk_unicode_to_keyval ((guchar) *p);
      KeyCode code;

      g_assert_true (g_ascii_isprint (*p));
      code = XKeysymToKeycode (dpy, keysym);
      g_assert_cmpint (code, !=, 0);
      press_keysym (widget, keysym, XkbKeycodeToKeysym (dpy, code, 0, 0) != keysym);
    }
}
