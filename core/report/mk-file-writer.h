/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-file-writer.h — every file Minutka writes appears whole or not at all.
 *
 * Reports in any format and exports are written through an MkFileWriter:
 * open it on the path the user gave, write, then commit.  Until the commit
 * the old file (if any) is untouched; a failure, a cancel, or a kill leaves
 * it as it was and leaves no temporary behind.  "-" is standard output.
 * See mk-file-writer.c for the rules.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _MkFileWriter MkFileWriter;

MkFileWriter *mk_file_writer_open      (const char    *path,
                                        GError       **error);
gboolean      mk_file_writer_write     (MkFileWriter  *writer,
                                        const void    *data,
                                        gsize          size,
                                        GError       **error);
gboolean      mk_file_writer_commit    (MkFileWriter  *writer,
                                        GError       **error);
void          mk_file_writer_free      (MkFileWriter  *writer);

gboolean      mk_file_write_contents   (const char    *path,
                                        const void    *data,
                                        gsize          size,
                                        GError       **error);
guint         mk_file_writer_clean_stale (const char  *folder);
gboolean      mk_file_path_is_stdout   (const char    *path);
void          mk_file_writer_set_named_temporaries (gboolean named);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MkFileWriter, mk_file_writer_free)

G_END_DECLS
