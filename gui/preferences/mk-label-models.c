/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-label-models.c — the choices of Preferences' drop-downs, in core's words.
 *
 * A person's level and a category's class are chosen from a drop-down whose
 * item at position n is the enum value n (MkLevel, MkCategoryKind).  The
 * labels are core's (mk_level_label(), mk_category_kind_label()), the same
 * that the rows' subtitles, Analysis and the reports show, so each is
 * written and translated once.
 */
#define G_LOG_DOMAIN "mk-preferences"

#include "config.h"

#include "mk-domain.h"
#include "mk-format.h"
#include "mk-label-models.h"

/**
 * mk_level_model_new:
 *
 * Returns: (transfer full): "No level", "Junior", "Middle", "Senior",
 *   translated, at the positions of their MkLevel values
 */
GtkStringList *
mk_level_model_new (void)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (MkLevel level = MK_LEVEL_NONE; level <= MK_LEVEL_SENIOR; level++)
    gtk_string_list_append (list, mk_level_label (level));
  return list;
}

/**
 * mk_category_kind_model_new:
 *
 * Returns: (transfer full): "Selling", "Supporting", "Non-selling",
 *   translated, at the positions of their MkCategoryKind values
 */
GtkStringList *
mk_category_kind_model_new (void)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (MkCategoryKind kind = MK_CATEGORY_KIND_SELLING; kind <= MK_CATEGORY_KIND_NON_SELLING;
       kind++)
    gtk_string_list_append (list, mk_category_kind_label (kind));
  return list;
}
