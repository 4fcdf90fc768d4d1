/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-exporter.h — entries out as Minutka's own CSV.
 *
 * The format: UTF-8 without a byte-order mark, LF line ends, a header
 * "date,start,minutes,category,person,email,task,uuid", ISO dates, HH:MM
 * starts (empty when unknown), whole minutes, category keys and each
 * entry's identity.  Importing the file into an empty database gives the
 * same entries (with the same identities) and rollups; importing it where
 * its entries are adds nothing.
 * Cells that a spreadsheet would run as a formula are neutralised.
 */
#pragma once

#include <gio/gio.h>

#include "mk-store.h"

G_BEGIN_DECLS

#define MK_EXPORT_HEADER "date,start,minutes,category,person,email,task,uuid"

gboolean  mk_exporter_write        (MkStore       *store,
                                    const char    *path,
                                    const char    *from,
                                    const char    *to,
                                    guint64       *n_entries,
                                    GError       **error);
char     *mk_exporter_format_cell  (const char    *text);

G_END_DECLS
