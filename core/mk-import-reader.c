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
  MkDialect  dialect;
  char      *sha256;
};

/* The state of one run. */
typedef struct {
  MkImportReader *reader;
  MkRecordFunc    func;
  gpointer        user_data;
  GString        *arena;       /* the current record's fields, NUL-separated */
  GArray         *offsets;     /* gsize: where each field starts in @arena */
  GArray         *lengths;     /* gsize */
  GPtrArray      *pointers;
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

/* Reads the first chunk and decides encoding and dialect. */
static gboolean
sniff (MkImportReader  *self,
       const guint8    *head,
       gsize            len,
       GError         **error)
{
  g_autoptr(MkDecoder) decoder = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean complete = len >= self->size;

  if (!mk_encoding_detect (self->name, head, len, complete, &self->encoding, error))
    return FALSE;
  decoder = mk_decoder_new (self->encoding, self->name);
  if (!mk_decoder_feed (decoder, head, len, text, error))
    return FALSE;
  if (complete && !mk_decoder_finish (decoder, text, error))
    return FALSE;
  /* A chunk that looked like UTF-8 may have turned out to be Windows-1251. */
  self->encoding = mk_decoder_get_encoding (decoder);
  mk_dialect_sniff (text->str, text->len, complete, &self->dialect);
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

static guint64
count_breaks (const char *text,
              gsize       len)
{
  guint64 n = 0;

  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == '\n')
        n++;
      else if (text[i] == '\r')
        {
          n++;
          if (i + 1 < len && text[i + 1] == '\n')
            i++;
        }
    }
  return n;
}

static void
field_cb (void   *data,
          size_t  len,
          void   *user_data)
{
  Run *run = user_data;
  gsize offset = run->arena->len;

  if (run->stop)
    return;
  if (run->offsets->len >= MK_IMPORT_READER_MAX_FIELDS)
    {
      g_set_error (&run->error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_SYNTAX,
                   _("%s:%" G_GUINT64_FORMAT ": the line has more than %d fields"),
                   run->reader->name, run->line, MK_IMPORT_READER_MAX_FIELDS);
      run->stop = TRUE;
      return;
    }
  if (len > 0)
    {
      g_string_append_len (run->arena, data, (gssize) len);
      if (memchr (data, '\n', len) != NULL || memchr (data, '\r', len) != NULL)
        run->breaks += count_breaks (data, len);
    }
  g_string_append_c (run->arena, '\0');
  g_array_append_val (run->offsets, offset);
  g_array_append_val (run->lengths, len);
  run->last_was_cr = FALSE;
}

static void
deliver (Run *run)
{
  MkRecord record;

  g_ptr_array_set_size (run->pointers, 0);
  for (guint i = 0; i < run->offsets->len; i++)
    g_ptr_array_add (run->pointers,
                     run->arena->str + g_array_index (run->offsets, gsize, i));
  record.fields = (const char * const *) run->pointers->pdata;
  record.lengths = (const gsize *) (gpointer) run->lengths->data;
  record.n_fields = run->offsets->len;
  record.line = run->line;
  if (!run->func (&record, run->user_data, &run->error))
    run->stop = TRUE;
}

static void
row_cb (int   c,
        void *user_data)
{
  Run *run = user_data;
  gboolean empty = run->offsets->len == 0;

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
  g_string_truncate (run->arena, 0);
  g_array_set_size (run->offsets, 0);
  g_array_set_size (run->lengths, 0);
}

static void
run_clear (Run *run)
{
  g_string_free (run->arena, TRUE);
  g_array_unref (run->offsets);
  g_array_unref (run->lengths);
  g_ptr_array_unref (run->pointers);
  g_clear_error (&run->error);
}

static gboolean
syntax_error (Run            *run,
              GError        **error,
              gboolean        at_end)
{
  if (at_end)
    g_set_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_SYNTAX,
                 _("%s:%" G_GUINT64_FORMAT ": a quoted field starts here and is never closed"),
                 run->reader->name, run->line);
  else
    g_set_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_SYNTAX,
                 _("%s:%" G_GUINT64_FORMAT ": a stray quote; a field with quotes must be "
                   "wholly in quotes, with each quote inside doubled"),
                 run->reader->name, run->line + run->breaks);
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
                   _("%s:%" G_GUINT64_FORMAT ": a field longer than 1 MB starts here; "
                     "probably a quote is never closed"), run->reader->name, run->line);
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
  run.arena = g_string_sized_new (1024);
  run.offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  run.lengths = g_array_new (FALSE, FALSE, sizeof (gsize));
  run.pointers = g_ptr_array_new ();
  run.line = 1 + self->dialect.skip_lines;

  decoder = mk_decoder_new (self->encoding, self->name);
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
