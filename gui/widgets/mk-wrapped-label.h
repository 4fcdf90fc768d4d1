/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-wrapped-label.h — a wrapping label, and what goes before it, measured once. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MK_TYPE_WRAPPED_LABEL (mk_wrapped_label_get_type ())
G_DECLARE_FINAL_TYPE (MkWrappedLabel, mk_wrapped_label, MK, WRAPPED_LABEL, GtkWidget)

GtkWidget *mk_wrapped_label_new        (const char     *text);
GtkLabel  *mk_wrapped_label_get_label  (MkWrappedLabel *self);
void       mk_wrapped_label_set_prefix (MkWrappedLabel *self,
                                        GtkWidget      *prefix,
                                        int             spacing);
GtkWidget *mk_wrapped_label_stand_in   (GtkWidget      *widget,
                                        const char     *css_class,
                                        const char     *text);

G_END_DECLS
