/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-safe-text.h — data made safe to show as text for people.
 *
 * Names, tasks, file names and cells come from whoever made the file.
 * Written raw to a terminal, an ESC or a CSI can set the title, clear the
 * screen or move the cursor, and a CR or LF can draw a fake line of the
 * report.  Everything Minutka writes as text for people (the text report,
 * the command line's summaries and messages) passes data through
 * mk_safe_text(); the database, JSON and CSV keep the text as it is.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *mk_safe_text        (const char *text);
void  mk_safe_text_append (GString    *out,
                           const char *text);

G_END_DECLS
