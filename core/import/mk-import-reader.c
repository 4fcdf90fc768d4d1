/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-import-reader.c — a timesheet file as a stream of CSV records.
 *
 * Design notes.
 *
 * Bytes → MkDecoder (UTF-8, a byte-order mark dropped) → libcsv → records.
 *
 * Quotes are read as Excel, LibreOffice and Python's csv read them: only a
 * field that starts with a quote is quoted; a quote anywhere else is a
 * character (`Звонок ООО "Ромашка"`), and text after the closing quote of
 * a quoted field joins the field (`"West" Coast` is `West Coast`).  libcsv
 * runs in strict mode so that it stops at both cases; parse_text() then
 * sets its state to what that reading wants and lets it go on.
 *
 * A quoted field that never closes swallows the rest of the file: the run
 * fails at the end, naming the line it started on.  The caller may then
 * mark that line broken (mk_import_reader_add_broken_line()) and run again:
 * the text of a broken line is kept from libcsv, and the line is handed
 * over as a record with @broken set and no fields, so that the other rows
 * are read as they are.  A field longer than MK_IMPORT_READER_MAX_FIELD is
 * refused with the numbers; one that has swallowed line breaks on the way
 * is taken for a quote never closed.  Space trimming is turned off (TAB
 * may be the delimiter, and the importer trims values itself).
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
  GArray    *broken;        /* guint64 lines whose quote is never closed, ascending */
  guint64    unclosed_line; /* the line of the last run's unclosed quote, or 0 */
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
  guint64         text_line;   /* line of the next character handed to libcsv */
  gboolean        text_cr;     /* the last character handed to libcsv was CR */
  guint           next_broken; /* index of the next broken line ahead */
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

/* Refuses what is not a regular file, saying what it is: opening a FIFO
 * would wait for a writer for ever, and a device never ends. */
static gboolean
check_regular (MkImportReader  *self,
               mode_t           mode,
               GError         **error)
{
  if (S_ISREG (mode))
    return TRUE;
  if (S_ISDIR (mode))
    g_set_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_IO,
                 _("%s is a folder, not a CSV file; choose a file inside it"), self->name);
  else if (S_ISFIFO (mode))
    g_set_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_IO,
                 _("%s is a named pipe (FIFO), not a CSV file; save the data to a file "
                   "and import that"), self->name);
  else if (S_ISCHR (mode) || S_ISBLK (mode))
    g_set_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_IO,
                 _("%s is a device, not a CSV file"), self->name);
  else
    g_set_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_IO,
                 _("%s is not a regular file"), self->name);
  return FALSE;
}

/* Opens the file for reading: refused before opening when it is not a
 * regular file, and checked again on the open descriptor (opened without
 * waiting, in case a FIFO took its place in between). */
static gboolean
open_file (MkImportReader  *self,
           int             *fd,
           GError         **error)
{
  GStatBuf st;

  if (g_stat (self->path, &st) == 0 && !check_regular (self, st.st_mode, error))
    return FALSE;
  *fd = g_open (self->path, O_RDONLY | O_CLOEXEC | O_NONBLOCK, 0);
  if (*fd < 0)
    {
      int saved = errno;

      g_set_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_IO,
                   _("%s could not be opened: %s"), self->name, g_strerror (saved));
      return FALSE;
    }
  if (fstat (*fd, &st) != 0 || !check_regular (self, st.st_mode, error))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_IO,
                     _("%s is not a regular file"), self->name);
      close (*fd);
      *fd = -1;
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
  if (fstat (fd, &st) != 0)
    {
      int saved = errno;

      g_set_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_IO,
                   _("%s could not be read: %s"), self->name, g_strerror (saved));
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
  g_clear_pointer (&self->broken, g_array_unref);
  g_free (self);
}

/**
 * mk_import_reader_add_broken_line:
 * @self: a reader
 * @line: a line where a quoted field starts and is never closed
 *
 * From the next run on, the text of @line is not parsed: the line is
 * handed over as one record with @broken set, and the lines after it are
 * read as they are.
 *
 * Returns: %TRUE when @line was not marked yet (another run can read past
 *   it); %FALSE when it was, and a run failed on it all the same.
 */
gboolean
mk_import_reader_add_broken_line (MkImportReader *self,
                                  guint64         line)
{
  guint i;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (line > 0, FALSE);

  if (self->broken == NULL)
    self->broken = g_array_new (FALSE, FALSE, sizeof (guint64));
  for (i = 0; i < self->broken->len; i++)
    {
      guint64 at = g_array_index (self->broken, guint64, i);

      if (at == line)
        return FALSE;
      if (at > line)
        break;
    }
  g_array_insert_val (self->broken, i, line);
  return TRUE;
}

/**
 * mk_import_reader_get_n_broken_lines:
 * @self: a reader
 *
 * Returns: how many lines have been marked broken.
 */
guint
mk_import_reader_get_n_broken_lines (MkImportReader *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->broken ? self->broken->len : 0;
}

/**
 * mk_import_reader_get_unclosed_line:
 * @self: a reader
 *
 * Returns: the line where the quoted field that made the last run fail
 *   starts, when it failed on a quote never closed; else 0.
 */
guint64
mk_import_reader_get_unclosed_line (MkImportReader *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->unclosed_line;
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

/* A field longer than the limit, of @len bytes so far. */
static void
too_long (Run     *run,
          GError **error,
          gsize    len)
{
  g_set_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_SYNTAX,
               _("%s:%llu: a field of %llu bytes or more starts here; the longest field "
                 "Minutka reads is %llu bytes (1 MiB)"), run->reader->name,
               (unsigned long long) (run->line + run->breaks), (unsigned long long) len,
               (unsigned long long) MK_IMPORT_READER_MAX_FIELD);
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
  if (G_UNLIKELY (len > MK_IMPORT_READER_MAX_FIELD))
    {
      too_long (run, &run->error, len);
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

/* A line that holds only a DOS end-of-file mark (Ctrl-Z, as old DOS and
 * Windows tools end a text file), spaces aside: no record at all. */
static gboolean
is_eof_mark (const Run *run)
{
  const char *p;
  gsize len;
  gboolean mark = FALSE;

  if (run->n_fields != 1)
    return FALSE;
  p = run->arena + run->offsets[0];
  len = run->lengths[0];
  for (gsize i = 0; i < len; i++)
    {
      if (p[i] == '\x1a' && !mark)
        mark = TRUE;
      else if (p[i] != ' ' && p[i] != '\t' && p[i] != '\r')
        return FALSE;
    }
  return mark;
}

static void
deliver (Run *run)
{
  MkRecord record;

  if (G_UNLIKELY (run->n_fields == 1) && is_eof_mark (run))
    return;
  for (guint i = 0; i < run->n_fields; i++)
    run->pointers[i] = run->arena + run->offsets[i];
  record.fields = run->pointers;
  record.lengths = run->lengths;
  record.n_fields = run->n_fields;
  record.line = run->line;
  record.broken = FALSE;
  if (G_UNLIKELY (run->reader->broken != NULL))
    {
      GArray *broken = run->reader->broken;

      while (run->next_broken < broken->len
             && g_array_index (broken, guint64, run->next_broken) < record.line)
        run->next_broken++;
      if (run->next_broken < broken->len
          && g_array_index (broken, guint64, run->next_broken) == record.line)
        {
          record.broken = TRUE;
          record.n_fields = 0;
          run->next_broken++;
        }
    }
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

/* A quoted field that starts on @line and is never closed. */
static gboolean
unclosed_error (Run      *run,
                guint64   line,
                GError  **error)
{
  run->reader->unclosed_line = line;
  g_set_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_SYNTAX,
               _("%s:%llu: a quoted field starts here and is never closed"),
               run->reader->name, (unsigned long long) line);
  return FALSE;
}

/* libcsv's parser states (libcsv.c), which parse_text() steps past
 * where the lenient reading of quotes differs from libcsv's strict one. */
#define LIBCSV_FIELD_BEGUN            2
#define LIBCSV_FIELD_MIGHT_HAVE_ENDED 3

/* Parses one piece of decoded text, reading quotes leniently. */
static gboolean
parse_text (Run                *run,
            struct csv_parser  *parser,
            const char         *text,
            gsize               len,
            GError            **error)
{
  gsize at = 0;

  while (at < len)
    {
      gsize done = at + csv_parse (parser, text + at, len - at, field_cb, row_cb, run);

      if (run->error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&run->error));
          return FALSE;
        }
      if (done == len)
        break;
      if (csv_error (parser) != CSV_EPARSE)
        {
          g_set_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_IO,
                       _("%s: out of memory while reading"), run->reader->name);
          return FALSE;
        }
      /* libcsv stopped at text[done] and left room for one more byte. */
      parser->status = 0;
      if (parser->pstate == LIBCSV_FIELD_BEGUN && !parser->quoted)
        {
          /* A quote inside a field that did not start with one: a
           * character like any other. */
          parser->entry_buf[parser->entry_pos++] = (unsigned char) text[done];
          at = done + 1;
        }
      else if (parser->pstate == LIBCSV_FIELD_MIGHT_HAVE_ENDED && parser->entry_pos > 0)
        {
          /* Text after the closing quote of a quoted field: the quote
           * (the last byte kept) closed it, the text joins it. */
          parser->entry_pos--;
          parser->quoted = 0;
          parser->pstate = LIBCSV_FIELD_BEGUN;
          parser->spaces = 0;
          at = done;
        }
      else
        {
          g_set_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_SYNTAX,
                       _("%s:%llu: the CSV structure cannot be read here"),
                       run->reader->name, (unsigned long long) (run->line + run->breaks));
          return FALSE;
        }
    }
  if (G_UNLIKELY (parser->entry_pos > MK_IMPORT_READER_MAX_FIELD))
    {
      /* A field that went on over line breaks is a quote never closed;
       * one on a single line is just too long. */
      if (memchr (parser->entry_buf, '\n', parser->entry_pos) != NULL
          || memchr (parser->entry_buf, '\r', parser->entry_pos) != NULL)
        return unclosed_error (run, run->line + run->breaks, error);
      too_long (run, error, parser->entry_pos);
      return FALSE;
    }
  return TRUE;
}

/* Drops the text of broken lines from @text (their line ends stay, so
 * that libcsv still sees the line), counting lines as the reader does:
 * CRLF is one line end, and so is a lone CR. */
static void
drop_broken_lines (Run     *run,
                   GString *text)
{
  GArray *broken = run->reader->broken;
  guint next = 0;
  gsize w = 0;

  while (next < broken->len && g_array_index (broken, guint64, next) < run->text_line)
    next++;
  for (gsize i = 0; i < text->len; i++)
    {
      char c = text->str[i];
      gboolean on_broken = next < broken->len
                           && g_array_index (broken, guint64, next) == run->text_line;

      if (c == '\n')
        {
          if (!run->text_cr)
            run->text_line++;
          run->text_cr = FALSE;
        }
      else if (c == '\r')
        {
          run->text_line++;
          run->text_cr = TRUE;
        }
      else
        {
          run->text_cr = FALSE;
          if (on_broken)
            continue;
        }
      text->str[w++] = c;
      while (next < broken->len && g_array_index (broken, guint64, next) < run->text_line)
        next++;
    }
  g_string_truncate (text, w);
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
  run.text_line = run.line;
  self->unclosed_line = 0;

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
      if (G_UNLIKELY (self->broken != NULL))
        drop_broken_lines (&run, text);
      if (!parse_text (&run, &parser, text->str, text->len, error))
        goto out;
    }

  if (!run.stop)
    {
      if (csv_fini (&parser, field_cb, row_cb, &run) != 0)
        {
          unclosed_error (&run, run.line, error);
          goto out;
        }
      if (run.error == NULL && !run.stop && self->broken != NULL
          && run.next_broken < self->broken->len
          && g_array_index (self->broken, guint64, run.next_broken) == run.line)
        {
          /* A broken last line without a line end. */
          run.n_fields = 0;
          deliver (&run);
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
