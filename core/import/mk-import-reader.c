/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-import-reader.c — a timesheet file as a stream of CSV records.
 *
 * Design notes.
 *
 * Bytes → MkDecoder (UTF-8, a byte-order mark dropped) → libcsv → records.
 * libcsv runs in strict mode with strict finish, so a stray quote or a
 * quoted field that never closes is an error, not a silently swallowed
 * file.  Its space trimming is turned off (TAB may be the delimiter, and
 * the importer trims values itself).
 *
 * libcsv reports no positions, so lines are counted here.  With
 * CSV_REPALL_NL it calls the row callback for every unquoted CR or LF; a
 * record starts on the line after the previous terminator, an LF right
 * after a CR terminator (nothing between) is the second half of CRLF, and
 * line breaks inside quoted fields are counted from the field text.
 *
 * SHA-256 of the whole file is computed on the way, on the first run.
 */
#define G_LOG_DOMAIN "mk-import-reader"

#include "config.h"

#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "mk-error.h"
#include "mk-import-reader.h"

struct _MkImportReader {
  char      *path;          /* NULL when reading from @bytes */
  GBytes    *bytes;
  char      *name;
  guint64    size;
  guint64    position;
  MkEncoding encoding;
  gboolean   forced;        /* the user chose the encoding (no guessing) */
  gboolean   skip_bom;
  MkDialect  dialect;
  char      *sha256;
  GBytes    *head;          /* the first chunk, to sniff again after an override */
};

/* The state of one run.  The current record's fields are copied into one
 * arena, NUL-separated, with their offsets and lengths in plain arrays:
 * nothing is allocated per field once the arrays have grown. */
typedef struct {
  MkImportReader *reader;
  MkRecordFunc    func;
  gpointer        user_data;
  char           *arena;
  gsize           arena_len;
  gsize           arena_size;
  gsize          *offsets;
  gsize          *lengths;
  const char    **pointers;
  guint           n_fields;
  guint64         line;        /* line the current record starts on */
  guint64         breaks;      /* line breaks inside the current record's fields */
  gboolean        last_was_cr; /* the last callback was a CR terminator */
  gboolean        stop;
  GError         *error;
} Run;

static int
no_spaces (unsigned char c)
{
  return 0;
}

static gboolean
read_all (int       fd,
          guint8   *buf,
          gsize     want,
          gsize    *got,
          GError  **error,
          const char *name)
{
  gsize n = 0;

  while (n < want)
    {
      gssize r = read (fd, buf + n, want - n);

      if (r < 0 && errno == EINTR)
        continue;
      if (r < 0)
        {
          int saved = errno;

          g_set_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_IO,
                       _("%s could not be read: %s"), name, g_strerror (saved));
          return FALSE;
        }
      if (r == 0)
        break;
      n += (gsize) r;
    }
  *got = n;
  return TRUE;
}

static gboolean
open_file (MkImportReader  *self,
           int             *fd,
           GError         **error)
{
  *fd = g_open (self->path, O_RDONLY | O_CLOEXEC, 0);
  if (*fd < 0)
    {
      int saved = errno;

      g_set_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_IO,
                   _("%s could not be opened: %s"), self->name, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

static gboolean
implies_bom (MkEncoding encoding)
{
  return encoding == MK_ENCODING_UTF8_BOM || encoding == MK_ENCODING_UTF16LE
         || encoding == MK_ENCODING_UTF16BE;
}

/* A decoder for a run: a detected encoding is checked as the file goes
 * (and plain ASCII may turn out to be Windows-1251), a chosen one is read
 * as told. */
static MkDecoder *
new_decoder (MkImportReader *self)
{
  if (self->forced)
    return mk_decoder_new_full (self->encoding, self->name, self->skip_bom);
  g_assert (self->skip_bom == implies_bom (self->encoding));
  return mk_decoder_new (self->encoding, self->name);
}

/* Decodes the first chunk with the reader's encoding and sniffs the
 * dialect from it. */
static gboolean
sniff_dialect (MkImportReader  *self,
               GError         **error)
{
  g_autoptr(MkDecoder) decoder = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  gsize len;
  const guint8 *head = g_bytes_get_data (self->head, &len);
  gboolean complete = len >= self->size;

  decoder = new_decoder (self);
  if (!mk_decoder_feed (decoder, head, len, text, error))
    return FALSE;
  if (complete && !mk_decoder_finish (decoder, text, error))
    return FALSE;
  /* A chunk that looked like UTF-8 may have turned out to be Windows-1251. */
  self->encoding = mk_decoder_get_encoding (decoder);
  mk_dialect_sniff (text->str, text->len, complete, &self->dialect);
  return TRUE;
}

/* Decides encoding and dialect from the first chunk. */
static gboolean
sniff (MkImportReader  *self,
       const guint8    *head,
       gsize            len,
       GError         **error)
{
  gboolean complete = len >= self->size;

  self->head = g_bytes_new (head, len);
  if (!mk_encoding_detect (self->name, head, len, complete, &self->encoding, error))
    return FALSE;
  self->skip_bom = implies_bom (self->encoding);
  return sniff_dialect (self, error);
}

/**
 * mk_import_reader_override:
 * @self: a reader
 * @set_encoding: whether to read in @encoding instead of the detected one
 * @encoding: the encoding the user chose; a byte-order mark of that
 *   encoding at the start is still skipped
 * @delimiter: the delimiter the user chose, or 0 to keep the sniffed one
 * @error: return location for an error
 *
 * Applies the user's choices from the import dialog.
 *
 * Returns: %TRUE on success; fails like mk_import_reader_new() when the
 *   first chunk cannot be decoded in @encoding.
 */
gboolean
mk_import_reader_override (MkImportReader  *self,
                           gboolean         set_encoding,
                           MkEncoding       encoding,
                           char             delimiter,
                           GError         **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (set_encoding)
    {
      gsize len;
      const guint8 *head = g_bytes_get_data (self->head, &len);
      gboolean utf8_bom = len >= 3 && memcmp (head, "\xEF\xBB\xBF", 3) == 0;

      switch (encoding)
        {
        case MK_ENCODING_UTF8:
        case MK_ENCODING_UTF8_BOM:
          self->encoding = utf8_bom ? MK_ENCODING_UTF8_BOM : MK_ENCODING_UTF8;
          self->skip_bom = utf8_bom;
          break;
        case MK_ENCODING_UTF16LE:
          self->encoding = encoding;
          self->skip_bom = len >= 2 && head[0] == 0xFF && head[1] == 0xFE;
          break;
        case MK_ENCODING_UTF16BE:
          self->encoding = encoding;
          self->skip_bom = len >= 2 && head[0] == 0xFE && head[1] == 0xFF;
          break;
        case MK_ENCODING_WINDOWS_1251:
        default:
          self->encoding = MK_ENCODING_WINDOWS_1251;
          self->skip_bom = FALSE;
          break;
        }
      self->forced = TRUE;
      if (!sniff_dialect (self, error))
        return FALSE;
    }
  if (delimiter != 0)
    self->dialect.delimiter = delimiter;
  return TRUE;
}

static MkImportReader *
reader_new (const char *display_name)
{
  MkImportReader *self = g_new0 (MkImportReader, 1);

  self->name = g_strdup (display_name);
  return self;
}

/**
 * mk_import_reader_new:
 * @path: the file to read
 * @display_name: (nullable): the name for messages; the basename of @path
 *   when %NULL
 * @error: return location for an error
 *
 * Opens @path and decides its encoding and dialect from its first chunk.
 *
 * Returns: (transfer full) (nullable): the reader, or %NULL with an error in
 *   MK_IMPORT_ERROR (IO, EMPTY, NOT_TEXT, ENCODING).
 */
MkImportReader *
mk_import_reader_new (const char  *path,
                      const char  *display_name,
                      GError     **error)
{
  g_autoptr(MkImportReader) self = NULL;
  g_autofree char *base = NULL;
  g_autofree guint8 *head = NULL;
  GStatBuf st;
  gsize got = 0;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  base = g_path_get_basename (path);
  self = reader_new (display_name ? display_name : base);
  self->path = g_strdup (path);
  if (!open_file (self, &fd, error))
    return NULL;
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_IO,
                   _("%s is not a regular file"), self->name);
      close (fd);
      return NULL;
    }
  self->size = (guint64) st.st_size;
  head = g_malloc (MK_ENCODING_SNIFF_SIZE);
  if (!read_all (fd, head, MK_ENCODING_SNIFF_SIZE, &got, error, self->name))
    {
      close (fd);
      return NULL;
    }
  close (fd);
  if (got < MK_ENCODING_SNIFF_SIZE)
    self->size = got;
  if (!sniff (self, head, got, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * mk_import_reader_new_for_bytes:
 * @bytes: the whole file in memory
 * @display_name: the name for messages
 * @error: return location for an error
 *
 * Like mk_import_reader_new(), for data already in memory (tests, fuzzing).
 *
 * Returns: (transfer full) (nullable): the reader.
 */
MkImportReader *
mk_import_reader_new_for_bytes (GBytes      *bytes,
                                const char  *display_name,
                                GError     **error)
{
  g_autoptr(MkImportReader) self = NULL;
  gsize len;
  const guint8 *data;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);

  self = reader_new (display_name);
  self->bytes = g_bytes_ref (bytes);
  data = g_bytes_get_data (bytes, &len);
  self->size = len;
  if (!sniff (self, data, MIN (len, MK_ENCODING_SNIFF_SIZE), error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * mk_import_reader_free:
 * @self: (transfer full) (nullable): a reader
 */
void
mk_import_reader_free (MkImportReader *self)
{
  if (self == NULL)
    return;
  g_free (self->path);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->head, g_bytes_unref);
  g_free (self->name);
  g_free (self->sha256);
  g_free (self);
}

MkEncoding
mk_import_reader_get_encoding (MkImportReader *self)
{
  return self->encoding;
}

const MkDialect *
mk_import_reader_get_dialect (MkImportReader *self)
{
  return &self->dialect;
}

const char *
mk_import_reader_get_name (MkImportReader *self)
{
  return self->name;
}

/* The file's size in bytes, for progress. */
guint64
mk_import_reader_get_size (MkImportReader *self)
{
  return self->size;
}

/* Bytes read so far in the current run, for progress. */
guint64
mk_import_reader_get_position (MkImportReader *self)
{
  return self->position;
}

/* The file's SHA-256 in hex, known after a complete run; else NULL. */
const char *
mk_import_reader_get_sha256 (MkImportReader *self)
{
  return self->sha256;
}

static void
field_cb (void   *data,
          size_t  len,
          void   *user_data)
{
  Run *run = user_data;
  const char *text = data;

  if (run->stop)
    return;
  if (run->n_fields >= MK_IMPORT_READER_MAX_FIELDS)
    {
      g_set_error (&run->error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_SYNTAX,
                   _("%s:%llu: the line has more than %d fields"),
                   run->reader->name, (unsigned long long) run->line,
                   MK_IMPORT_READER_MAX_FIELDS);
      run->stop = TRUE;
      return;
    }
  if (run->arena_len + len + 1 > run->arena_size)
    {
      run->arena_size = MAX (run->arena_size * 2, run->arena_len + len + 1);
      run->arena = g_realloc (run->arena, run->arena_size);
    }
  /* (libcsv may hand an empty field without a buffer.) */
  if (len > 0)
    memcpy (run->arena + run->arena_len, text, len);
  /* Only a quoted field holds line breaks; CRLF counts once.  (Both are
   * control characters: one comparison per byte for the rest.) */
  for (gsize i = 0; i < len; i++)
    if (G_UNLIKELY ((guchar) text[i] <= '\r') &&
        (text[i] == '\r' || (text[i] == '\n' && (i == 0 || text[i - 1] != '\r'))))
      run->breaks++;
  run->offsets[run->n_fields] = run->arena_len;
  run->lengths[run->n_fields] = len;
  run->n_fields++;
  run->arena_len += len;
  run->arena[run->arena_len++] = '\0';
  run->last_was_cr = FALSE;
}

static void
deliver (Run *run)
{
  MkRecord record;

  for (guint i = 0; i < run->n_fields; i++)
    run->pointers[i] = run->arena + run->offsets[i];
  record.fields = run->pointers;
  record.lengths = run->lengths;
  record.n_fields = run->n_fields;
  record.line = run->line;
  if (!run->func (&record, run->user_data, &run->error))
    run->stop = TRUE;
}

static void
row_cb (int   c,
        void *user_data)
{
  Run *run = user_data;
  gboolean empty = run->n_fields == 0;

  if (run->stop)
    return;
  if (empty && c == '\n' && run->last_was_cr)
    {
      /* The LF of a CRLF. */
      run->last_was_cr = FALSE;
      return;
    }
  if (!(empty && c == -1))
    deliver (run);

  run->line += run->breaks + 1;
  run->breaks = 0;
  run->last_was_cr = c == '\r';
  run->arena_len = 0;
  run->n_fields = 0;
}

static void
run_clear (Run *run)
{
  g_free (run->arena);
  g_free (run->offsets);
  g_free (run->lengths);
  g_free (run->pointers);
  g_clear_error (&run->error);
}

static gboolean
syntax_error (Run            *run,
              GError        **error,
              gboolean        at_end)
{
  if (at_end)
    g_set_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_SYNTAX,
                 _("%s:%llu: a quoted field starts here and is never closed"),
                 run->reader->name, (unsigned long long) run->line);
  else
    g_set_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_SYNTAX,
                 _("%s:%llu: a stray quote; a field with quotes must be "
                   "wholly in quotes, with each quote inside doubled"),
                 run->reader->name, (unsigned long long) (run->line + run->breaks));
  return FALSE;
}

/* Parses one piece of decoded text. */
static gboolean
parse_text (Run                *run,
            struct csv_parser  *parser,
            const char         *text,
            gsize               len,
            GError            **error)
{
  gsize done = csv_parse (parser, text, len, field_cb, row_cb, run);

  if (run->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&run->error));
      return FALSE;
    }
  if (done != len)
    {
      if (csv_error (parser) == CSV_EPARSE)
        return syntax_error (run, error, FALSE);
      g_set_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_IO,
                   _("%s: out of memory while reading"), run->reader->name);
      return FALSE;
    }
  if (parser->entry_pos > MK_IMPORT_READER_MAX_FIELD)
    {
      g_set_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_SYNTAX,
                   _("%s:%llu: a field longer than 1 MB starts here; "
                     "probably a quote is never closed"), run->reader->name,
                   (unsigned long long) run->line);
      return FALSE;
    }
  return TRUE;
}

/**
 * mk_import_reader_run:
 * @self: a reader
 * @func: called for every record, the header and blank lines included
 * @user_data: data for @func
 * @cancellable: (nullable): checked between chunks
 * @error: return location for an error
 *
 * Streams the file from its start.  Can be called more than once.
 *
 * Returns: %TRUE when the whole file was read or @func asked to stop
 *   without an error.  Fails with what @func set, with
 *   %MK_IMPORT_ERROR_SYNTAX (a stray quote, an unclosed quote, a giant
 *   field), %MK_IMPORT_ERROR_IO, %MK_IMPORT_ERROR_ENCODING or
 *   %MK_IMPORT_ERROR_CANCELLED.
 */
gboolean
mk_import_reader_run (MkImportReader  *self,
                      MkRecordFunc     func,
                      gpointer         user_data,
                      GCancellable    *cancellable,
                      GError         **error)
{
  g_autoptr(MkDecoder) decoder = NULL;
  g_autoptr(GString) text = NULL;
  g_autoptr(GChecksum) checksum = NULL;
  g_autofree guint8 *buf = NULL;
  struct csv_parser parser;
  gsize skip;
  gboolean ok = FALSE;
  gboolean eof = FALSE;
  int fd = -1;
  Run run = { 0, };

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (self->path != NULL && !open_file (self, &fd, error))
    return FALSE;
  if (csv_init (&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL) != 0)
    {
      if (fd >= 0)
        close (fd);
      g_set_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_IO,
                   _("%s: out of memory while reading"), self->name);
      return FALSE;
    }
  csv_set_delim (&parser, (unsigned char) self->dialect.delimiter);
  csv_set_space_func (&parser, no_spaces);

  run.reader = self;
  run.func = func;
  run.user_data = user_data;
  run.arena_size = 4096;
  run.arena = g_malloc (run.arena_size);
  run.offsets = g_new (gsize, MK_IMPORT_READER_MAX_FIELDS);
  run.lengths = g_new (gsize, MK_IMPORT_READER_MAX_FIELDS);
  run.pointers = g_new (const char *, MK_IMPORT_READER_MAX_FIELDS);
  run.line = 1 + self->dialect.skip_lines;

  decoder = new_decoder (self);
  text = g_string_sized_new (MK_IMPORT_READER_CHUNK + 16);
  if (self->sha256 == NULL)
    checksum = g_checksum_new (G_CHECKSUM_SHA256);
  if (self->path != NULL)
    buf = g_malloc (MK_IMPORT_READER_CHUNK);
  skip = self->dialect.skip_bytes;
  self->position = 0;

  while (!eof && !run.stop)
    {
      const guint8 *chunk;
      gsize got = 0;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
      if (self->path != NULL)
        {
          if (!read_all (fd, buf, MK_IMPORT_READER_CHUNK, &got, error, self->name))
            goto out;
          chunk = buf;
          eof = got < MK_IMPORT_READER_CHUNK;
        }
      else
        {
          gsize len;
          const guint8 *data = g_bytes_get_data (self->bytes, &len);

          chunk = data + self->position;
          got = MIN (MK_IMPORT_READER_CHUNK, len - self->position);
          eof = self->position + got >= len;
        }
      self->position += got;
      if (checksum != NULL)
        g_checksum_update (checksum, chunk, (gssize) got);

      g_string_truncate (text, 0);
      if (!mk_decoder_feed (decoder, chunk, got, text, error))
        goto out;
      if (eof && !mk_decoder_finish (decoder, text, error))
        goto out;
      if (skip > 0)
        {
          gsize n = MIN (skip, text->len);

          g_string_erase (text, 0, (gssize) n);
          skip -= n;
        }
      if (!parse_text (&run, &parser, text->str, text->len, error))
        goto out;
    }

  if (!run.stop)
    {
      if (csv_fini (&parser, field_cb, row_cb, &run) != 0)
        {
          syntax_error (&run, error, TRUE);
          goto out;
        }
      if (run.error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&run.error));
          goto out;
        }
      if (checksum != NULL)
        self->sha256 = g_strdup (g_checksum_get_string (checksum));
      /* Plain ASCII at the start may have turned out to be Windows-1251
       * further on; later runs and callers see the encoding as read. */
      self->encoding = mk_decoder_get_encoding (decoder);
    }
  else if (run.error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&run.error));
      goto out;
    }
  ok = TRUE;

out:
  if (g_error_matches (error ? *error : NULL, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_clear_error (error);
      g_set_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_CANCELLED,
                   _("The import of %s was cancelled; nothing was written."), self->name);
    }
  csv_free (&parser);
  if (fd >= 0)
    close (fd);
  run_clear (&run);
  return ok;
}
