/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-import-columns.h — the columns of the Import dialog's table of previewed rows. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void mk_import_columns_add (GtkColumnView *view);

G_END_DECLS
