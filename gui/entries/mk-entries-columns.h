/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-entries-columns.h — the columns of the Entries page's table. */
#pragma once

#include <gtk/gtk.h>

#include "mk-entry-list.h"

G_BEGIN_DECLS

void     mk_entries_columns_add      (GtkColumnView        *view);
void     mk_entries_columns_set_narrow (GtkColumnView      *view,
                                        gboolean            narrow);
void     mk_entries_columns_set_sent_by (GtkColumnView     *view,
                                         gboolean           shown,
                                         gboolean           narrow);
void     mk_entries_columns_set_one_person (GtkColumnView  *view,
                                            gboolean        one_person,
                                            gboolean        narrow);
gboolean mk_entries_columns_get_sort (GtkColumnView        *view,
                                      MkEntrySort          *sort,
                                      gboolean             *descending,
                                      GtkColumnViewColumn **column);
void     mk_entries_columns_sort_by_one (GtkColumnView       *view,
                                         GtkColumnViewColumn *column);

G_END_DECLS
