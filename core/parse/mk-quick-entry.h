/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-quick-entry.h — the one-line parser behind the Today page's quick entry.
 *
 * "30 call Acme intro", "1,5ч звонки Ромашка", "9:15-9:45 meeting stand-up",
 * "перезвон 20 ООО Вектор": one line becomes a start (optional), a number of
 * minutes, a category (through the caller's alias lookup) and a task.  Pure:
 * no database, no GTK; the caller hands in the alias lookup.
 */
#pragma once

#include <glib-object.h>

#include "mk-domain.h"
#include "mk-types.h"

G_BEGIN_DECLS

/**
 * MkAliasLookupFunc:
 * @text: one or two words, casefolded ("follow up", "звонки")
 * @user_data: the data given to mk_quick_entry_parse()
 *
 * Resolves a word to a category, the way mk_store_lookup_alias() does.
 *
 * Returns: (transfer full) (nullable): the category, or %NULL when @text
 *   names none.
 */
typedef MkCategory *(*MkAliasLookupFunc) (const char *text,
                                          gpointer    user_data);

/**
 * MkQuickEntry:
 * @start: minutes after midnight when the work started (from a range such
 *   as "9:15-9:45"), or -1 when the line gave no start
 * @minutes: how long, 1 … 1440 (0 from mk_quick_entry_parse_task())
 * @category: (nullable): the category the line named, or %NULL when it
 *   named none that the lookup knows; the caller then files it under the
 *   category the person chose for the line, else Other, and says so
 * @category_text: (nullable): the words that named @category, as typed
 * @unknown_word: (nullable): when @category is %NULL, the first word of the
 *   task that the lookup knows not (not a number nor a short function
 *   word), as typed: the word the caller may offer to teach
 * @task: what was done: every word typed but the duration and the time
 *   range, trimmed; never %NULL, may be empty
 *
 * How a quick-entry line was understood.
 */
typedef struct {
  int         start;
  int         minutes;
  MkCategory *category;
  char       *category_text;
  char       *unknown_word;
  char       *task;
} MkQuickEntry;

MkQuickEntry *mk_quick_entry_parse          (const char        *line,
                                             MkAliasLookupFunc  lookup,
                                             gpointer           user_data,
                                             GError           **error);
MkQuickEntry *mk_quick_entry_parse_task     (const char        *line,
                                             MkAliasLookupFunc  lookup,
                                             gpointer           user_data);
void          mk_quick_entry_free           (MkQuickEntry      *self);
char         *mk_quick_entry_describe       (const MkQuickEntry *self,
                                             MkCategory        *fallback,
                                             gboolean           chosen);
char         *mk_quick_entry_format_time    (int                minute_of_day);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MkQuickEntry, mk_quick_entry_free)

G_END_DECLS
