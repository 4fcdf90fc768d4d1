/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-uuid.h — the identity every entry, person, category and import batch
 * carries from its creation (see mk-uuid.c).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* 36 characters: 8-4-4-4-12 lower-case hexadecimal digits. */
#define MK_UUID_TEXT_LEN 36

/**
 * MkUuid:
 * @bytes: the 16 bytes, in the order RFC 9562 writes them
 */
typedef struct {
  guint8 bytes[16];
} MkUuid;

void      mk_uuid_generate   (MkUuid       *uuid);
void      mk_uuid_for_name   (const char   *name,
                              MkUuid       *uuid);
gboolean  mk_uuid_parse      (const char   *text,
                              MkUuid       *uuid);
void      mk_uuid_format     (const MkUuid *uuid,
                              char          text[MK_UUID_TEXT_LEN + 1]);
gboolean  mk_uuid_is_valid   (const char   *text);
guint64   mk_uuid_key        (const MkUuid *uuid);

G_END_DECLS
