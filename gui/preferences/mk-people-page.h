/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mk-store.h"

G_BEGIN_DECLS

#define MK_TYPE_PEOPLE_PAGE (mk_people_page_get_type ())

G_DECLARE_FINAL_TYPE (MkPeoplePage, mk_people_page, MK, PEOPLE_PAGE, AdwPreferencesPage)

void     mk_people_page_set_store   (MkPeoplePage *self,
                                     MkStore      *store);
gboolean mk_people_page_get_busy    (MkPeoplePage *self);
void     mk_people_page_edit_person (MkPeoplePage *self,
                                     gint64        person_id);

G_END_DECLS
