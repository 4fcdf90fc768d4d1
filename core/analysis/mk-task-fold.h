/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-task-fold.h — one key for the task texts that describe the same work.
 *
 * "CRM entry for Acme" and "CRM entry for Initech" are the same kind of
 * work; "Звонок ООО «Гранит»: не дозвонился" and "Звонок АО «Волга-Пром»:
 * не дозвонился" too.  mk_task_fold() turns a task text into the key under
 * which the analysis adds up "what the time went on".  The rules are in
 * mk-task-fold.c; the key is stored in the day totals (mk-store-tasks.c),
 * so changing the rules needs a migration that recomputes them
 * (MK_TASK_FOLD_VERSION says which rules a database was folded with).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Bump when the rules change the key of any text. */
#define MK_TASK_FOLD_VERSION 1

/* Keys are cut to this many characters (at a word, with "…"). */
#define MK_TASK_KEY_MAX_CHARS 80

void  mk_task_fold_into (const char *text,
                         gssize      length,
                         GString    *key,
                         GString    *label);
char *mk_task_fold      (const char *text);

G_END_DECLS
