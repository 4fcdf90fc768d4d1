/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-today-page.h — the Today page: log the day from the keyboard. */
#pragma once

#include <gtk/gtk.h>

#include "mk-store.h"

G_BEGIN_DECLS

#define MK_TYPE_TODAY_PAGE (mk_today_page_get_type ())
G_DECLARE_FINAL_TYPE (MkTodayPage, mk_today_page, MK, TODAY_PAGE, GtkWidget)

GtkWidget  *mk_today_page_new             (void);
void        mk_today_page_set_store       (MkTodayPage *self,
                                           MkStore     *store);
MkStore    *mk_today_page_get_store       (MkTodayPage *self);
const char *mk_today_page_get_day         (MkTodayPage *self);
void        mk_today_page_set_day         (MkTodayPage *self,
                                           const char  *day);
MkPerson   *mk_today_page_get_person      (MkTodayPage *self);
gboolean    mk_today_page_set_person_name (MkTodayPage *self,
                                           const char  *name,
                                           GError     **error);
GListModel *mk_today_page_get_entries     (MkTodayPage *self);
gboolean    mk_today_page_submit          (MkTodayPage *self,
                                           const char  *line);
guint       mk_today_page_get_undo_generation (MkTodayPage *self);

G_END_DECLS
