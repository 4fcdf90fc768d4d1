/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-person-chooser.h — who is logging: pick a name or add yours. */
#pragma once

#include <gtk/gtk.h>

#include "mk-store.h"

G_BEGIN_DECLS

#define MK_TYPE_PERSON_CHOOSER (mk_person_chooser_get_type ())
G_DECLARE_FINAL_TYPE (MkPersonChooser, mk_person_chooser, MK, PERSON_CHOOSER, GtkWidget)

GtkWidget *mk_person_chooser_new        (void);
void       mk_person_chooser_set_store  (MkPersonChooser *self,
                                         MkStore         *store);
MkPerson  *mk_person_chooser_get_person (MkPersonChooser *self);
void       mk_person_chooser_set_person (MkPersonChooser *self,
                                         MkPerson        *person);
gboolean   mk_person_chooser_add_name   (MkPersonChooser *self,
                                         const char      *name,
                                         GError         **error);
void       mk_person_chooser_popup      (MkPersonChooser *self);

G_END_DECLS
