/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-today-edits.h — the Today page's changes to entries, and their undo. */
#pragma once

#include <glib-object.h>

#include "mk-store.h"

G_BEGIN_DECLS

#define MK_TYPE_TODAY_EDITS (mk_today_edits_get_type ())
G_DECLARE_FINAL_TYPE (MkTodayEdits, mk_today_edits, MK, TODAY_EDITS, GObject)

MkTodayEdits *mk_today_edits_new       (void);
void          mk_today_edits_set_store (MkTodayEdits *self,
                                        MkStore      *store);
void          mk_today_edits_added     (MkTodayEdits *self,
                                        gint64        entry_id);
gboolean      mk_today_edits_delete    (MkTodayEdits *self,
                                        gint64        entry_id,
                                        GError      **error);
gboolean      mk_today_edits_update    (MkTodayEdits *self,
                                        gint64        entry_id,
                                        int           start,
                                        int           minutes,
                                        gint64        category_id,
                                        const char   *task,
                                        GError      **error);
gboolean      mk_today_edits_can_undo  (MkTodayEdits *self);
guint         mk_today_edits_get_generation (MkTodayEdits *self);
gboolean      mk_today_edits_undo      (MkTodayEdits *self,
                                        GError      **error);

G_END_DECLS
