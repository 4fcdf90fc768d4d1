/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-error.h — the error domains of Minutka's core.
 *
 * Each domain has codes a caller can switch on.  The message of every GError
 * raised by core is a sentence a person can act on ("line 17: duration
 * '1:75' has 75 minutes"), already translated.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MK_STORE_ERROR  (mk_store_error_quark ())
#define MK_IMPORT_ERROR (mk_import_error_quark ())
#define MK_PARSE_ERROR  (mk_parse_error_quark ())

/**
 * MkStoreError:
 * @MK_STORE_ERROR_OPEN: the database file could not be opened or created.
 * @MK_STORE_ERROR_NOT_MINUTKA: the file is not a Minutka database.
 * @MK_STORE_ERROR_TOO_NEW: the database was written by a newer Minutka.
 * @MK_STORE_ERROR_CORRUPT: SQLite reports the file as damaged.
 * @MK_STORE_ERROR_BUSY: another program holds the database for too long.
 * @MK_STORE_ERROR_READ_ONLY: the file or its folder cannot be written.
 * @MK_STORE_ERROR_INVALID: a value given to the store is not valid.
 * @MK_STORE_ERROR_NOT_FOUND: the row asked for does not exist.
 * @MK_STORE_ERROR_EXISTS: a row with the same key already exists.
 * @MK_STORE_ERROR_FAILED: any other database failure.
 * @MK_STORE_ERROR_TEAM_OWNED: the database is in a team as a manager's, and
 *   the change is of what the team's supervisor sets (categories, category
 *   words, settings, the study period).
 */
typedef enum {
  MK_STORE_ERROR_OPEN,
  MK_STORE_ERROR_NOT_MINUTKA,
  MK_STORE_ERROR_TOO_NEW,
  MK_STORE_ERROR_CORRUPT,
  MK_STORE_ERROR_BUSY,
  MK_STORE_ERROR_READ_ONLY,
  MK_STORE_ERROR_INVALID,
  MK_STORE_ERROR_NOT_FOUND,
  MK_STORE_ERROR_EXISTS,
  MK_STORE_ERROR_FAILED,
  MK_STORE_ERROR_TEAM_OWNED,
} MkStoreError;

/**
 * MkImportError:
 * @MK_IMPORT_ERROR_NOT_TEXT: the file is binary (an image, an archive, a workbook).
 * @MK_IMPORT_ERROR_EMPTY: the file has no rows.
 * @MK_IMPORT_ERROR_ENCODING: the bytes are in no supported encoding.
 * @MK_IMPORT_ERROR_SYNTAX: the CSV structure is broken (an unterminated quote).
 * @MK_IMPORT_ERROR_COLUMNS: a needed column (date, duration, person) is missing.
 * @MK_IMPORT_ERROR_AMBIGUOUS_DATES: the date order cannot be decided from the data.
 * @MK_IMPORT_ERROR_INVALID_ROWS: some rows are invalid and the import was refused.
 * @MK_IMPORT_ERROR_CANCELLED: the user cancelled; nothing was written.
 * @MK_IMPORT_ERROR_IO: the file could not be read.
 * @MK_IMPORT_ERROR_MAPPING: a --map "TEXT=KEY" names no category.
 */
typedef enum {
  MK_IMPORT_ERROR_NOT_TEXT,
  MK_IMPORT_ERROR_EMPTY,
  MK_IMPORT_ERROR_ENCODING,
  MK_IMPORT_ERROR_SYNTAX,
  MK_IMPORT_ERROR_COLUMNS,
  MK_IMPORT_ERROR_AMBIGUOUS_DATES,
  MK_IMPORT_ERROR_INVALID_ROWS,
  MK_IMPORT_ERROR_CANCELLED,
  MK_IMPORT_ERROR_IO,
  MK_IMPORT_ERROR_MAPPING,
} MkImportError;

/**
 * MkParseError:
 * @MK_PARSE_ERROR_EMPTY: nothing was given.
 * @MK_PARSE_ERROR_DURATION: the duration is missing or malformed.
 * @MK_PARSE_ERROR_RANGE: a value is outside what it may be (0 minutes, 25 hours).
 * @MK_PARSE_ERROR_DATE: the date is malformed or does not exist.
 * @MK_PARSE_ERROR_TIME: the time of day is malformed.
 * @MK_PARSE_ERROR_NO_DURATION: a quick-entry line has text but names no
 *   duration at all ("call Acme"), so the caller may take it from elsewhere.
 * @MK_PARSE_ERROR_UUID: an entry's identity is not a UUID.
 */
typedef enum {
  MK_PARSE_ERROR_EMPTY,
  MK_PARSE_ERROR_DURATION,
  MK_PARSE_ERROR_RANGE,
  MK_PARSE_ERROR_DATE,
  MK_PARSE_ERROR_TIME,
  MK_PARSE_ERROR_NO_DURATION,
  MK_PARSE_ERROR_UUID,
} MkParseError;

GQuark mk_store_error_quark  (void);
GQuark mk_import_error_quark (void);
GQuark mk_parse_error_quark  (void);

G_END_DECLS
