/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-import-row.h — one CSV record into one entry (private to the importer).
 *
 * The converter knows the column map, the date order and the options; it
 * trims the record's values, skips blank and totals rows, parses the date,
 * start, end and duration, finds the person and the category (with caches,
 * so the store is asked once per distinct name), and says precisely why a
 * row is invalid.  It also counts category texts that have no alias.
 */
#pragma once

#include "mk-columns.h"
#include "mk-date.h"
#include "mk-import-reader.h"
#include "mk-importer.h"
#include "mk-key-set.h"

G_BEGIN_DECLS

/* The longest person name, in characters. */
#define MK_IMPORT_MAX_NAME_CHARS 200
/* The longest task text, in characters. */
#define MK_IMPORT_MAX_TASK_CHARS 10000

/**
 * MkRowStatus:
 * @MK_ROW_OK: an entry
 * @MK_ROW_SKIPPED: a blank or totals row
 * @MK_ROW_EMPTY: an entry of less than half a minute: no time to log
 * @MK_ROW_INVALID: a row that cannot be read, with the reason
 * @MK_ROW_FAILED: the store failed
 */
typedef enum {
  MK_ROW_OK,
  MK_ROW_SKIPPED,
  MK_ROW_EMPTY,
  MK_ROW_INVALID,
  MK_ROW_FAILED,
} MkRowStatus;

/**
 * MkRowNotes:
 * @MK_ROW_NOTE_FROM_COLUMN: the minutes came from the duration column
 * @MK_ROW_NOTE_SPAN_USED: the duration column disagreed with start and
 *   end in every unit, and start and end were trusted
 *
 * What a summary may want to know about how a row was read.
 */
typedef enum {
  MK_ROW_NOTE_FROM_COLUMN = 1 << 0,
  MK_ROW_NOTE_SPAN_USED   = 1 << 1,
} MkRowNotes;

/**
 * MkImportRow:
 * @input: the entry; person_id is 0 when people are only looked up (a
 *   preview) and the person is new
 * @day: storage for @input.day
 * @person: the person's name
 * @email: (nullable): the person's e-mail
 * @category_text: the text the category came from (trimmed)
 * @category: (nullable): the category; %NULL only without a store
 * @task: (nullable): the task text
 * @notes: #MkRowNotes
 * @unit: the unit a bare number in the duration column was read in, or
 *   %MK_DURATION_UNIT_AUTO when the value said its own or there was none
 *
 * A converted row.  Strings stay valid until the next conversion.
 */
typedef struct {
  MkEntryInput    input;
  char            day[MK_DATE_ISO_LEN];
  const char     *person;
  const char     *email;
  const char     *category_text;
  MkCategory     *category;
  const char     *task;
  guint           notes;
  MkDurationUnit  unit;
} MkImportRow;

typedef struct _MkImportConverter MkImportConverter;

MkImportConverter *mk_import_converter_new          (MkStore               *store,
                                                     gboolean               write_people,
                                                     const MkColumnMap     *map,
                                                     const MkImportOptions *options,
                                                     MkDateOrder            order);
void               mk_import_converter_free         (MkImportConverter     *self);
void               mk_import_converter_add_override (MkImportConverter     *self,
                                                     const char            *text,
                                                     MkCategory            *category);
MkRowStatus        mk_import_converter_parse        (MkImportConverter     *self,
                                                     const MkRecord        *record,
                                                     MkImportRow           *row,
                                                     GError               **error);
MkRowStatus        mk_import_converter_resolve      (MkImportConverter     *self,
                                                     MkImportRow           *row,
                                                     GError               **error);
MkRowStatus        mk_import_converter_convert      (MkImportConverter     *self,
                                                     const MkRecord        *record,
                                                     MkImportRow           *row,
                                                     GError               **error);
GPtrArray         *mk_import_converter_take_unmapped (MkImportConverter    *self);
void               mk_import_converter_count_category (MkImportConverter   *self,
                                                       const char          *text);
MkDurationUnit     mk_import_converter_get_learned_unit (MkImportConverter *self);
int                mk_import_date_source            (const MkColumnMap     *map);

guint64            mk_import_row_hash               (const MkImportRow     *row);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MkImportConverter, mk_import_converter_free)

G_END_DECLS
