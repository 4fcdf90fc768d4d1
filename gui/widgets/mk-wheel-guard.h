/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-wheel-guard.h — the mouse wheel scrolls the page, not the control under it. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void mk_wheel_guard_install (void);
void mk_wheel_guard_attach  (GtkWidget *control);

G_END_DECLS
