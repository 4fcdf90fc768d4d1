/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-menu-tooltips.h — no tooltip over an open menu. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void mk_menu_tooltips_install (void);

G_END_DECLS
