/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-wrap-box.h — a row of widgets that wraps onto more lines when narrow. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MK_TYPE_WRAP_BOX (mk_wrap_box_get_type ())
G_DECLARE_FINAL_TYPE (MkWrapBox, mk_wrap_box, MK, WRAP_BOX, GtkWidget)

GtkWidget *mk_wrap_box_new    (void);
void       mk_wrap_box_append (MkWrapBox *self,
                               GtkWidget *child);

G_END_DECLS
