/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-entry-words.h — the words that entries' tasks have in common.
 *
 * When a person moves a handful of entries to another category, the tasks
 * often share the word that should have put them there ("CRM", "перезвон").
 * This module finds such a word so that the Entries page can offer to save
 * it as an alias.  Pure: no database, no GTK; the caller hands in the alias
 * lookup.
 */
#pragma once

#include <glib.h>

#include "mk-quick-entry.h"

G_BEGIN_DECLS

char  *mk_entry_words_common_unknown (const char * const *tasks,
                                      guint               n_tasks,
                                      MkAliasLookupFunc   lookup,
                                      gpointer            user_data);
char **mk_entry_words_split          (const char         *task);
char  *mk_entry_words_key            (const char         *word);

G_END_DECLS
