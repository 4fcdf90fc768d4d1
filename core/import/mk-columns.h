/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-columns.h — which column of a timesheet says what.
 *
 * Header names in English and Russian ("Date", "Дата", "Менеджер",
 * "Duration (decimal)") become roles; presets recognise the exports of
 * Toggl Track, Clockify, Kimai, Harvest, Hamster, Jira Tempo and Minutka
 * itself by their headers.  The result, an MkColumnMap, tells the importer
 * which column to read for each part of an entry.  Pure: no I/O.
 */
#pragma once

#include <glib.h>

#include "mk-duration.h"

G_BEGIN_DECLS

/**
 * MkColumnRole:
 * @MK_COLUMN_NONE: not used
 * @MK_COLUMN_DATE: the day ("Date", "Дата", "Start date")
 * @MK_COLUMN_PERSON: who ("Manager", "User", "Сотрудник")
 * @MK_COLUMN_FIRST_NAME: first name ("First name", "Имя")
 * @MK_COLUMN_LAST_NAME: last name ("Last name", "Фамилия")
 * @MK_COLUMN_EMAIL: e-mail address
 * @MK_COLUMN_CATEGORY: an explicit category or activity
 * @MK_COLUMN_PROJECT: a project
 * @MK_COLUMN_TASK: a task ("Task", "Задача")
 * @MK_COLUMN_DESCRIPTION: free text ("Description", "Notes", "Описание")
 * @MK_COLUMN_TAGS: tags
 * @MK_COLUMN_START: start time, or date and time
 * @MK_COLUMN_END: end time, or date and time
 * @MK_COLUMN_END_DATE: the day the work ended, when separate
 * @MK_COLUMN_MINUTES: a duration in minutes
 * @MK_COLUMN_HOURS: a duration in hours
 * @MK_COLUMN_DURATION: a duration whose unit the header or value tells
 */
typedef enum {
  MK_COLUMN_NONE,
  MK_COLUMN_DATE,
  MK_COLUMN_PERSON,
  MK_COLUMN_FIRST_NAME,
  MK_COLUMN_LAST_NAME,
  MK_COLUMN_EMAIL,
  MK_COLUMN_CATEGORY,
  MK_COLUMN_PROJECT,
  MK_COLUMN_TASK,
  MK_COLUMN_DESCRIPTION,
  MK_COLUMN_TAGS,
  MK_COLUMN_START,
  MK_COLUMN_END,
  MK_COLUMN_END_DATE,
  MK_COLUMN_MINUTES,
  MK_COLUMN_HOURS,
  MK_COLUMN_DURATION,
  MK_COLUMN_N_ROLES,
} MkColumnRole;

/**
 * MkPreset:
 * @MK_PRESET_AUTO: recognise the preset from the headers
 * @MK_PRESET_GENERIC: any spreadsheet, by header names
 * @MK_PRESET_TOGGL: Toggl Track detailed export
 * @MK_PRESET_CLOCKIFY: Clockify detailed report
 * @MK_PRESET_KIMAI: Kimai 2 export
 * @MK_PRESET_HARVEST: Harvest detailed time report
 * @MK_PRESET_HAMSTER: Hamster TSV export (one person, needs --person)
 * @MK_PRESET_TEMPO: Jira Tempo worklogs
 * @MK_PRESET_MINUTKA: Minutka's own export
 */
typedef enum {
  MK_PRESET_AUTO,
  MK_PRESET_GENERIC,
  MK_PRESET_TOGGL,
  MK_PRESET_CLOCKIFY,
  MK_PRESET_KIMAI,
  MK_PRESET_HARVEST,
  MK_PRESET_HAMSTER,
  MK_PRESET_TEMPO,
  MK_PRESET_MINUTKA,
} MkPreset;

/**
 * MkColumnMap:
 * @preset: the preset in use (never %MK_PRESET_AUTO)
 * @n_columns: how many columns the header has
 * @headers: (array length=n_columns): the header names, trimmed
 * @date: column of the day, or -1 when the day comes from @start
 * @person: column of the person's name, or -1
 * @first_name: column of the first name, or -1
 * @last_name: column of the last name, or -1
 * @email: column of the e-mail, or -1
 * @category: column whose text is looked up as a category, or -1
 * @task: column of the task text, or -1
 * @start: column of the start time (or date and time), or -1
 * @end: column of the end time (or date and time), or -1
 * @end_date: column of the end day, or -1
 * @duration: column of the duration, or -1 when it comes from @start and @end
 * @duration_unit: what a bare number in @duration means
 * @uuid: column of the entry's identity (Minutka's own export only), or -1
 * @duration_vague: the duration column's header is a word like "Time" or
 *   "Время" that names a time of day as often as a length
 * @task_fallback: column of the task text when @task is empty in a row
 *   (Jira's Summary beside an empty Work description), or -1
 *
 * Where each part of an entry comes from.  Columns are 0-based.
 */
typedef struct {
  MkPreset        preset;
  guint           n_columns;
  char          **headers;
  int             date;
  int             person;
  int             first_name;
  int             last_name;
  int             email;
  int             category;
  int             task;
  int             start;
  int             end;
  int             end_date;
  int             duration;
  MkDurationUnit  duration_unit;
  int             uuid;
  gboolean        duration_vague;
  int             task_fallback;
} MkColumnMap;

/**
 * MkColumnOptions:
 * @preset: the preset to use, or %MK_PRESET_AUTO
 * @category_column: (nullable): the header of the column that gives the
 *   category, overriding the preset and the precedence rule; "" for none
 *   (every row goes to `other`)
 * @person_given: %TRUE when the caller names the person for every row
 *   (--person), so the file needs no person column
 * @person_column: (nullable): the header of the person column; "" for none
 *   (only with @person_given)
 * @duration_column: (nullable): the header of the duration column; its unit
 *   comes from the header ("" for none: start and end then)
 * @task_column: (nullable): the header of the task column; "" for none
 * @date_column: (nullable): the header of the date column; "" for none
 *   (the start column then holds date and time)
 * @start_column: (nullable): the header of the start column; "" for none
 * @end_column: (nullable): the header of the end column; "" for none
 * @duration_unit: what a bare number in the duration column means, or
 *   %MK_DURATION_UNIT_AUTO to let its header (or the preset) say
 *
 * The caller's choices; %NULL means automatic.  A name that is no header
 * fails with %MK_IMPORT_ERROR_COLUMNS.
 */
typedef struct {
  MkPreset        preset;
  const char     *category_column;
  gboolean        person_given;
  const char     *person_column;
  const char     *duration_column;
  const char     *task_column;
  const char     *date_column;
  const char     *start_column;
  const char     *end_column;
  MkDurationUnit  duration_unit;
} MkColumnOptions;

MkColumnRole  mk_column_role_for_header   (const char            *header,
                                           MkDurationUnit        *unit);
MkColumnMap  *mk_column_map_new           (const char * const    *headers,
                                           guint                  n_headers,
                                           const MkColumnOptions *options,
                                           GError               **error);
void          mk_column_map_free          (MkColumnMap           *map);
MkColumnRole  mk_column_map_get_role      (const MkColumnMap     *map,
                                           int                    column);
char         *mk_column_normalize_header  (const char            *header);
char         *mk_column_map_describe_person (const MkColumnMap   *map);

const char   *mk_preset_to_string         (MkPreset               preset);
gboolean      mk_preset_from_string       (const char            *text,
                                           MkPreset              *preset);
const char   *mk_preset_get_display_name  (MkPreset               preset);
const char   *mk_column_role_to_string    (MkColumnRole           role);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MkColumnMap, mk_column_map_free)

G_END_DECLS
