/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-share-bar.h — one category's share against its median and target. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MK_TYPE_SHARE_BAR (mk_share_bar_get_type ())
G_DECLARE_FINAL_TYPE (MkShareBar, mk_share_bar, MK, SHARE_BAR, GtkWidget)

GtkWidget *mk_share_bar_new (const char *color,
                             double      share,
                             double      median,
                             double      target_min,
                             double      target_max,
                             double      scale);

GtkWidget *mk_share_bar_new_axis (double scale);

G_END_DECLS
