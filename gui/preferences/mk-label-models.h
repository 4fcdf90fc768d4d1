/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

GtkStringList *mk_level_model_new         (void);
GtkStringList *mk_category_kind_model_new (void);

G_END_DECLS
