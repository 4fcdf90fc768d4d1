/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-encoding.h — the bytes of a timesheet file turned into UTF-8 text.
 *
 * The importer reads a file in chunks: it decides the encoding from the
 * first chunk with mk_encoding_detect(), then pushes every chunk through an
 * MkDecoder, which carries a character split between chunks over to the
 * next one.  Memory stays constant whatever the file size.  Files that are
 * not text (a PNG, an xlsx workbook, a zip) are refused up front with a
 * message saying what they look like.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * MkEncoding:
 * @MK_ENCODING_UTF8: UTF-8 without a byte-order mark (plain ASCII too)
 * @MK_ENCODING_UTF8_BOM: UTF-8 with a byte-order mark (Excel "CSV UTF-8")
 * @MK_ENCODING_UTF16LE: UTF-16 little-endian with a byte-order mark (Excel
 *   "Unicode text")
 * @MK_ENCODING_UTF16BE: UTF-16 big-endian with a byte-order mark
 * @MK_ENCODING_WINDOWS_1251: Windows-1251 (Russian Excel's "CSV")
 */
typedef enum {
  MK_ENCODING_UTF8,
  MK_ENCODING_UTF8_BOM,
  MK_ENCODING_UTF16LE,
  MK_ENCODING_UTF16BE,
  MK_ENCODING_WINDOWS_1251,
} MkEncoding;

/* How many bytes mk_encoding_detect() wants to see, if the file has them. */
#define MK_ENCODING_SNIFF_SIZE 65536

const char *mk_encoding_to_string (MkEncoding    encoding);
gboolean    mk_encoding_detect    (const char   *file_name,
                                   const guint8 *head,
                                   gsize         len,
                                   gboolean      complete,
                                   MkEncoding   *encoding,
                                   GError      **error);

typedef struct _MkDecoder MkDecoder;

MkDecoder  *mk_decoder_new          (MkEncoding    encoding,
                                     const char   *file_name);
MkDecoder  *mk_decoder_new_full     (MkEncoding    encoding,
                                     const char   *file_name,
                                     gboolean      skip_bom);
void        mk_decoder_free         (MkDecoder    *self);
gboolean    mk_decoder_feed         (MkDecoder    *self,
                                     const guint8 *data,
                                     gsize         len,
                                     GString      *out,
                                     GError      **error);
gboolean    mk_decoder_finish       (MkDecoder    *self,
                                     GString      *out,
                                     GError      **error);
MkEncoding  mk_decoder_get_encoding (MkDecoder    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MkDecoder, mk_decoder_free)

G_END_DECLS
