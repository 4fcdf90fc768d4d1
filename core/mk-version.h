/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-version.h — what version of Minutka this is, and core's set-up.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *mk_version_string      (void);
gboolean    mk_version_check       (guint major,
                                    guint minor,
                                    guint micro);
void        mk_core_init_i18n      (void);

G_END_DECLS
