/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-text-cell.h — one line of text in a cell of the Entries table, measured without shaping it. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MK_TYPE_TEXT_CELL (mk_text_cell_get_type ())
G_DECLARE_FINAL_TYPE (MkTextCell, mk_text_cell, MK, TEXT_CELL, GtkWidget)

GtkWidget  *mk_text_cell_new         (const char         *group,
                                      int                 min_chars,
                                      int                 max_chars,
                                      gboolean            fit_text,
                                      float               xalign,
                                      PangoEllipsizeMode  ellipsize);
void        mk_text_cell_set_numeric (MkTextCell         *self);
void        mk_text_cell_set_text    (MkTextCell         *self,
                                      const char         *text);
const char *mk_text_cell_get_text    (MkTextCell         *self);

G_END_DECLS
