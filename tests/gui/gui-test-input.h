/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gui-test-input.h — real pointer and keyboard input for GUI tests.
 *
 * The X server's XTEST extension makes input the way a mouse and a keyboard
 * do: GTK receives it through XInput2 like any other, picks the widget under
 * the pointer, runs the capture and bubble phases and the widgets' own
 * controllers.  A test of "the wheel over a spin button" or "Ctrl+click in
 * a list" so goes through the very code a user's hand does, which emitting
 * a signal would skip.  Each call waits (bounded, see mk_gui_test_wait_for)
 * until GTK has handled the event it made.
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void mk_gui_test_pointer_to   (GtkWidget       *widget,
                               double           x,
                               double           y);
void mk_gui_test_click        (GtkWidget       *widget,
                               double           x,
                               double           y,
                               GdkModifierType  modifiers);
void mk_gui_test_wheel        (GtkWidget       *widget,
                               int              steps);
void mk_gui_test_key          (GtkWidget       *widget,
                               guint            keyval,
                               GdkModifierType  modifiers);
void mk_gui_test_type         (GtkWidget       *widget,
                               const char      *text);

G_END_DECLS
