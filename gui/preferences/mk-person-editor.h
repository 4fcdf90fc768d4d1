/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mk-store.h"

G_BEGIN_DECLS

#define MK_TYPE_PERSON_EDITOR (mk_person_editor_get_type ())

G_DECLARE_FINAL_TYPE (MkPersonEditor, mk_person_editor, MK, PERSON_EDITOR, GtkBox)

MkPersonEditor *mk_person_editor_new            (MkStore *store,
                                                 gint64   person_id);
MkPersonEditor *mk_person_editor_new_for_adding (MkStore *store);

G_END_DECLS
