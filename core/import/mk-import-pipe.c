/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-import-pipe.c — reading and writing an import on two threads.
 *
 * Design notes.
 *
 * N_BATCHES batches of BATCH_ROWS rows circulate between two GAsyncQueues:
 * the reading thread takes an empty batch from `empty`, fills it (the
 * strings of its rows copied into the batch's own arena) and pushes it to
 * `full`; the caller pops it from `full`, walks it, and gives it back to
 * `empty`.  So at most N_BATCHES batches exist, and a slow database makes
 * the reader wait instead of piling rows up.  The last batch the reader
 * pushes is marked `last`; the reader's outcome (an error, if any) is
 * written before that push, and the queue orders the two.
 *
 * Stopping early (a refused file has listed enough problems, the store
 * failed, the user cancelled) sets `stop`, which the reader checks on every
 * record; mk_import_pipe_finish() then drains the queue up to the last
 * batch and joins the thread.  The converter is shared: the reader uses
 * only its parsing half, the caller only its resolving half.
 */
#define G_LOG_DOMAIN "mk-import-pipe"

#include "config.h"

#include <string.h>

#include "mk-import-pipe.h"

#define BATCH_ROWS 2048
#define N_BATCHES 12
#define NO_TEXT G_MAXUINT32

typedef struct {
  MkRowStatus status;
  guint64     line;
  char        day[MK_DATE_ISO_LEN];
  int         start;
  int         minutes;
  guint32     person;
  guint32     email;
  guint32     category;
  guint32     task;
  guint32     uuid;
  guint32     problem;
  guint8      notes;
  guint8      unit;
} QueuedRow;

typedef struct {
  QueuedRow rows[BATCH_ROWS];
  guint     n;
  GString  *arena;
  guint64   bytes;
  gboolean  last;
} Batch;

struct _MkImportPipe {
  MkImportReader    *reader;
  MkImportConverter *converter;
  guint64            header_line;
  GCancellable      *cancellable;
  GThread           *thread;
  GAsyncQueue       *empty;
  GAsyncQueue       *full;
  gint               stop;

  /* The reader thread's side. */
  Batch             *filling;

  /* The caller's side. */
  Batch             *reading;
  guint              next;
  gboolean           ended;

  /* Set by the reader thread before it pushes the last batch. */
  gboolean           ok;
  GError            *error;
};

static Batch *
batch_new (void)
{
  Batch *batch = g_new0 (Batch, 1);

  batch->arena = g_string_sized_new (BATCH_ROWS * 64);
  return batch;
}

static void
batch_free (Batch *batch)
{
  g_string_free (batch->arena, TRUE);
  g_free (batch);
}

static guint32
keep (Batch      *batch,
      const char *text)
{
  guint32 offset;

  if (text == NULL)
    return NO_TEXT;
  offset = (guint32) batch->arena->len;
  /* With its NUL, in one call. */
  g_string_append_len (batch->arena, text, (gssize) strlen (text) + 1);
  return offset;
}

static void
push_filling (MkImportPipe *pipe,
              gboolean      last)
{
  pipe->filling->bytes = mk_import_reader_get_position (pipe->reader);
  pipe->filling->last = last;
  g_async_queue_push (pipe->full, pipe->filling);
  pipe->filling = last ? NULL : g_async_queue_pop (pipe->empty);
}

static gboolean
record_cb (const MkRecord  *record,
           gpointer         user_data,
           GError         **error)
{
  MkImportPipe *pipe = user_data;
  g_autoptr(GError) problem = NULL;
  Batch *batch;
  QueuedRow *q;
  MkImportRow row;

  if (g_atomic_int_get (&pipe->stop))
    return FALSE;
  if (record->line <= pipe->header_line)
    return TRUE;

  batch = pipe->filling;
  q = &batch->rows[batch->n];
  memset (q, 0, sizeof *q);
  q->line = record->line;
  q->person = q->email = q->category = q->task = q->uuid = q->problem = NO_TEXT;
  if (record->n_fields == 0 && !record->broken)
    q->status = MK_ROW_SKIPPED;
  else
    {
      q->status = mk_import_converter_parse (pipe->converter, record, &row, &problem);
      if (q->status == MK_ROW_OK)
        {
          memcpy (q->day, row.day, sizeof q->day);
          q->start = row.input.start;
          q->minutes = row.input.minutes;
          q->person = keep (batch, row.person);
          q->email = keep (batch, row.email);
          q->category = keep (batch, row.category_text);
          q->task = keep (batch, row.task);
          if (row.input.uuid[0] != '\0')
            q->uuid = keep (batch, row.input.uuid);
          q->notes = (guint8) row.notes;
          q->unit = (guint8) row.unit;
        }
      else if (q->status == MK_ROW_INVALID)
        q->problem = keep (batch, problem->message);
    }
  if (++batch->n == BATCH_ROWS)
    push_filling (pipe, FALSE);
  return TRUE;
}

static gpointer
read_thread (gpointer data)
{
  MkImportPipe *pipe = data;

  pipe->filling = g_async_queue_pop (pipe->empty);
  pipe->ok = mk_import_reader_run (pipe->reader, record_cb, pipe, pipe->cancellable,
                                   &pipe->error);
  push_filling (pipe, TRUE);
  return NULL;
}

/**
 * mk_import_pipe_start:
 * @reader: the reader; the pipe's thread uses it until the pipe is finished
 * @converter: the converter; its parsing half runs in the pipe's thread
 * @header_line: records up to this line are skipped (the header)
 * @cancellable: (nullable): stops the reader
 *
 * Returns: (transfer full): the pipe, to be ended with
 *   mk_import_pipe_finish().
 */
MkImportPipe *
mk_import_pipe_start (MkImportReader    *reader,
                      MkImportConverter *converter,
                      guint64            header_line,
                      GCancellable      *cancellable)
{
  MkImportPipe *pipe = g_new0 (MkImportPipe, 1);

  pipe->reader = reader;
  pipe->converter = converter;
  pipe->header_line = header_line;
  pipe->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  pipe->empty = g_async_queue_new_full ((GDestroyNotify) batch_free);
  pipe->full = g_async_queue_new_full ((GDestroyNotify) batch_free);
  for (guint i = 0; i < N_BATCHES; i++)
    g_async_queue_push (pipe->empty, batch_new ());
  pipe->thread = g_thread_new ("mk-import-read", read_thread, pipe);
  return pipe;
}

static const char *
text_at (Batch   *batch,
         guint32  offset)
{
  return offset == NO_TEXT ? NULL : batch->arena->str + offset;
}

static void
give_back (MkImportPipe *pipe)
{
  Batch *batch = g_steal_pointer (&pipe->reading);

  if (batch == NULL)
    return;
  if (batch->last)
    pipe->ended = TRUE;
  batch->n = 0;
  batch->last = FALSE;
  g_string_truncate (batch->arena, 0);
  g_async_queue_push (pipe->empty, batch);
}

/**
 * mk_import_pipe_next:
 * @pipe: a pipe
 * @row: (out caller-allocates): the next row; its strings stay valid until
 *   the next call
 *
 * Returns: %TRUE with the next row, %FALSE at the end of the file (or
 *   after mk_import_pipe_stop()).
 */
gboolean
mk_import_pipe_next (MkImportPipe *pipe,
                     MkPipedRow   *row)
{
  const QueuedRow *q;
  Batch *batch;

  while (pipe->reading == NULL || pipe->next >= pipe->reading->n)
    {
      give_back (pipe);
      if (pipe->ended)
        return FALSE;
      pipe->reading = g_async_queue_pop (pipe->full);
      pipe->next = 0;
    }
  batch = pipe->reading;
  q = &batch->rows[pipe->next++];

  memset (row, 0, sizeof *row);
  row->status = q->status;
  row->line = q->line;
  row->bytes = batch->bytes;
  row->problem = text_at (batch, q->problem);
  if (q->status == MK_ROW_OK)
    {
      memcpy (row->row.day, q->day, sizeof q->day);
      row->row.input.day = row->row.day;
      row->row.input.start = q->start;
      row->row.input.minutes = q->minutes;
      row->row.input.source = MK_ENTRY_SOURCE_IMPORT;
      row->row.person = text_at (batch, q->person);
      row->row.email = text_at (batch, q->email);
      row->row.category_text = text_at (batch, q->category);
      row->row.task = text_at (batch, q->task);
      row->row.input.task = row->row.task;
      if (q->uuid != NO_TEXT)
        g_strlcpy (row->row.input.uuid, text_at (batch, q->uuid), sizeof row->row.input.uuid);
      row->row.notes = q->notes;
      row->row.unit = (MkDurationUnit) q->unit;
    }
  return TRUE;
}

/**
 * mk_import_pipe_stop:
 * @pipe: a pipe
 *
 * Asks the reader to stop at the next record; mk_import_pipe_next() then
 * returns what is queued and FALSE.
 */
void
mk_import_pipe_stop (MkImportPipe *pipe)
{
  g_atomic_int_set (&pipe->stop, 1);
}

/**
 * mk_import_pipe_finish:
 * @pipe: (transfer full): a pipe; freed
 * @error: return location for the reader's error
 *
 * Waits for the reader thread to end.
 *
 * Returns: %TRUE when the reader read the whole file (or was stopped);
 *   %FALSE with its error (a syntax error, an encoding error, a cancel).
 */
gboolean
mk_import_pipe_finish (MkImportPipe  *pipe,
                       GError       **error)
{
  gboolean ok;

  mk_import_pipe_stop (pipe);
  while (!pipe->ended)
    {
      give_back (pipe);
      if (pipe->ended)
        break;
      pipe->reading = g_async_queue_pop (pipe->full);
    }
  g_thread_join (pipe->thread);
  ok = pipe->ok;
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&pipe->error));
  g_clear_error (&pipe->error);
  g_async_queue_unref (pipe->empty);
  g_async_queue_unref (pipe->full);
  g_clear_object (&pipe->cancellable);
  g_free (pipe);
  return ok;
}
