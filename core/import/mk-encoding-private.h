/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-encoding-private.h — what detection and the decoder share: the tests
 * on UTF-8 byte runs behind the vote between UTF-8 and Windows-1251 (see
 * mk-encoding-detect.c).
 */
#pragma once

#include "mk-encoding.h"

G_BEGIN_DECLS

gboolean mk_utf8_is_prefix    (const guint8 *p,
                               gsize         len);
gboolean mk_utf8_run_is_whole (const guint8 *p,
                               gsize         len,
                               gboolean      cut);
gboolean mk_encoding_reads_as_1251 (const guint8 *p,
                                    gsize         len,
                                    gsize         start,
                                    gsize         end);
void     mk_encoding_vote     (const guint8 *p,
                               gsize         len,
                               gsize        *utf8,
                               gsize        *other);

G_END_DECLS
