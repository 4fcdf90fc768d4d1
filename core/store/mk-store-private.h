/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-store-private.h — what the store's own modules share.
 *
 * One MkStore is one SQLite connection.  The modules of core/store/
 * (mk-store-open.c opens it; mk-store.c owns what is below; -schema,
 * -people, -categories, -aliases, -order, -entries, -settings, -rollup,
 * -lengths, -tasks, -batches, -imports, -external, -demo and the bulk path
 * -bulk, -bulk-writer, -bulk-rollup), the paging list mk-entry-list.c and
 * the exporter use the connection only through what is declared here:
 *
 *  - statements: every fixed statement is in one table (MkStmt, its text
 *    in mk-store-statements.c), prepared on first use and kept for the life
 *    of the connection: mk_store_stmt().  A statement assembled at run time
 *    from constant fragments (the entry list's filters, the bulk insert of
 *    many rows) is kept the same way, by its text: mk_store_stmt_for_sql().
 *    Neither ever aborts: a statement that cannot be prepared (a damaged or
 *    locked schema) is a GError;
 *  - steps: mk_store_step() for reads tells a row, the end and a failure
 *    apart (a read error is never taken for the end of the rows);
 *    mk_store_step_done() for writes;
 *  - changes: mk_store_change() runs a function in one write transaction
 *    and commits it, or rolls everything back; the only other transaction
 *    is a bulk import's (mk-store-bulk.c), which spans many calls and uses
 *    mk_store_begin() / mk_store_end();
 *  - every failure becomes a MK_STORE_ERROR through mk_store_set_error(),
 *    with a message that says what happened and what to do.
 */
#pragma once

#include <sqlite3.h>

#include "mk-store.h"

G_BEGIN_DECLS

/* Where an entry `e` stands within its day — the one order of Today, Entries
 * and the CSV export (docs/store.md, "The order of a day"): at its start;
 * an entry without a start after every entry with one, and those among
 * themselves by id, the order in which they were added.  Sorted by this,
 * then by id. */
#define MK_ENTRY_PLACE_SQL "coalesce(e.start, 1440)"

/* Every fixed statement the store runs, written once in
 * mk-store-statements.c. */
typedef enum {
  STMT_BEGIN,
  STMT_COMMIT,
  STMT_ROLLBACK,
  STMT_SAVEPOINT,
  STMT_RELEASE,
  STMT_ROLLBACK_TO,
  STMT_APPLICATION_ID,
  STMT_USER_VERSION,
  STMT_SCHEMA_COUNT,
  STMT_DATA_VERSION,
  STMT_JOURNAL_MODE_DELETE,
  STMT_CACHE_SIZE,
  STMT_INTEGRITY_CHECK,
  STMT_FOREIGN_KEY_COUNT,
  STMT_PERSON_BY_ID,
  STMT_PERSON_BY_EMAIL,
  STMT_PERSON_BY_NAME_KEY,
  STMT_PERSON_INSERT,
  STMT_PERSON_SET_EMAIL,
  STMT_PERSON_SET_LEVEL,
  STMT_PERSON_UPDATE,
  STMT_PERSON_LIST,
  STMT_PERSON_MOVE_ENTRIES,
  STMT_PERSON_DELETE,
  STMT_DAY_TOTAL_DELETE_PERSON,
  STMT_TIMER_MOVE,
  STMT_ENTRY_OF_PERSON,
  STMT_CATEGORY_LIST,
  STMT_CATEGORY_INSERT,
  STMT_CATEGORY_SEED,
  STMT_CATEGORY_UPDATE,
  STMT_CATEGORY_MAX_ORDER,
  STMT_CATEGORY_SET_ORDER,
  STMT_ALIAS_LOOKUP,
  STMT_ALIAS_UPSERT,
  STMT_ALIAS_SEED,
  STMT_ALIAS_LIST,
  STMT_ALIAS_DELETE,
  STMT_ENTRY_INSERT,
  STMT_ENTRY_UPDATE,
  STMT_ENTRY_DELETE,
  STMT_ENTRY_GET,
  STMT_ENTRY_BY_UUID,
  STMT_ENTRY_COUNT,
  STMT_ENTRY_ANY,
  STMT_ENTRY_MAX_ID,
  STMT_ENTRY_FINGERPRINTS,
  STMT_ENTRY_ALL_FINGERPRINTS,
  STMT_ENTRY_ALL_UUIDS,
  STMT_ENTRY_INDEXES,
  STMT_DAY_TOTAL_ADD,
  STMT_DAY_TOTAL_MERGE,
  STMT_DAY_TASK_ADD,
  STMT_DAY_TASK_MERGE,
  STMT_ENTRY_NEW_BY_DAY,
  STMT_DAY_TOTAL_PRUNE,
  STMT_DAY_TOTAL_RANGE,
  STMT_LENGTH_RANGE,
  STMT_DETAIL_LENGTHS,
  STMT_DETAIL_TASKS,
  STMT_LAST_DAYS,
  STMT_CHECK_TOTALS,
  STMT_CHECK_LENGTHS,
  STMT_CHECK_TASKS,
  STMT_CHECK_PRIME_ENTRIES,
  STMT_CHECK_PRIME_TOTALS,
  STMT_SETTING_GET_ALL,
  STMT_SETTING_SET,
  STMT_STUDY_ACTIVE,
  STMT_STUDY_DEACTIVATE,
  STMT_STUDY_INSERT,
  STMT_TIMER_GET,
  STMT_TIMER_SET,
  STMT_TIMER_CLEAR,
  STMT_BATCH_INSERT,
  STMT_BATCH_FINISH,
  STMT_BATCH_SET_SHA,
  STMT_BATCH_BY_SHA,
  STMT_BATCH_GET,
  N_STMTS
} MkStmt;

/* The text of each statement (mk-store-statements.c). */
extern const char *const mk_store_statement_sql[N_STMTS];

struct _MkStore
{
  GObject        parent_instance;

  sqlite3       *db;
  char          *path;
  sqlite3_stmt  *stmts[N_STMTS];
  GHashTable    *assembled;    /* SQL text → sqlite3_stmt (mk_store_stmt_for_sql) */

  MkSettings     settings;
  GHashTable    *categories;   /* id → MkCategory, refreshed on every category change */
  gint64         data_version; /* PRAGMA data_version when the caches were read */
  struct _MkBulkWriter *bulk_writer; /* writing on its own thread: wait before using db */
  char          *read_only_reason; /* why, when read_only */
  gint64         busy_since;   /* monotonic µs: when the current lock wait began */
  guint          in_transaction : 1;
  guint          categories_changed : 1; /* reload them when the change commits */
  guint          entries_untouched : 1;  /* the change being written leaves the entries'
                                          * rows as they were (mk_store_change_leaves_entries) */
  guint          emitting_untouched : 1; /* "changed" is being emitted for such a change */
  guint          read_only : 1;
  guint          building : 1;     /* a new file under its temporary name */
  guint          told_waiting : 1; /* the user heard why the current wait lasts */
  guint          no_wait : 1;      /* MK_STORE_OPEN_NO_WAIT */
  guint          import_held : 1;  /* … and it gave up because an import held the file */
};

/**
 * MkStoreStep:
 * @MK_STORE_FAILED: the step failed; the error is set and the statement reset
 * @MK_STORE_DONE: no more rows; the statement is reset
 * @MK_STORE_ROW: a row is there to read
 *
 * What one step of a read gave (mk_store_step()).
 */
typedef enum {
  MK_STORE_FAILED = -1,
  MK_STORE_DONE = 0,
  MK_STORE_ROW = 1,
} MkStoreStep;

/**
 * MkStoreChangeFunc:
 * @self: the store, inside the change's transaction
 * @user_data: what the caller gave mk_store_change()
 * @error: return location for a #GError
 *
 * Writes one change.  Returns: %TRUE when every write succeeded; %FALSE
 * with @error set rolls the whole change back.
 */
typedef gboolean (*MkStoreChangeFunc) (MkStore  *self,
                                       gpointer  user_data,
                                       GError  **error);

sqlite3_stmt *mk_store_stmt              (MkStore      *self,
                                          MkStmt        id,
                                          GError      **error);
sqlite3_stmt *mk_store_stmt_for_sql      (MkStore      *self,
                                          const char   *sql,
                                          GError      **error);
MkStoreStep   mk_store_step              (MkStore      *self,
                                          sqlite3_stmt *stmt,
                                          GError      **error);
gboolean      mk_store_step_done         (MkStore      *self,
                                          sqlite3_stmt *stmt,
                                          GError      **error);
gboolean      mk_store_exec              (MkStore      *self,
                                          const char   *sql,
                                          const char   *doing,
                                          GError      **error);
gboolean      mk_store_query_int64       (MkStore      *self,
                                          MkStmt        id,
                                          gint64       *value,
                                          GError      **error);
void          mk_store_set_error         (MkStore      *self,
                                          GError      **error,
                                          const char   *doing);
gboolean      mk_store_change            (MkStore          *self,
                                          MkStoreChangeFunc func,
                                          gpointer          user_data,
                                          GError          **error);
gboolean      mk_store_begin             (MkStore      *self,
                                          GError      **error);
gboolean      mk_store_end               (MkStore      *self,
                                          gboolean      commit,
                                          GError      **error);
void          mk_store_emit_changed      (MkStore      *self);
gboolean      mk_store_load_settings     (MkStore      *self,
                                          GError      **error);
void          mk_store_sync_external     (MkStore      *self);
gboolean      mk_store_reload_categories (MkStore      *self,
                                          GError      **error);
/* The first schema, which migrations start from (mk-store-schema.c). */
extern const char mk_store_schema_v1_sql[];

/* Entry-length histograms (mk-store-lengths.c). */
typedef struct {
  int    minutes;
  gint64 count;
} MkStoreLengthBin;

void          mk_store_register_length_functions (sqlite3 *db);
gboolean      mk_store_lengths_decode    (const void   *blob,
                                          gsize         size,
                                          GArray       *bins);
void          mk_store_lengths_encode    (const MkStoreLengthBin *bins,
                                          guint         n_bins,
                                          GByteArray   *out);
/* Task lists, what the time went on (mk-store-tasks.c). */
typedef struct {
  char   *key;        /* mk_task_fold() of the entries' texts */
  char   *label;      /* how the key reads, or NULL for the key itself */
  gint64  minutes;
  gint64  entries;
} MkStoreTask;

void          mk_store_register_task_functions (sqlite3 *db);
GArray       *mk_store_tasks_new         (void);
gboolean      mk_store_tasks_decode      (const void   *blob,
                                          gsize         size,
                                          GArray       *items);
gboolean      mk_store_tasks_read        (const guint8 **p,
                                          const guint8  *end,
                                          const char   **key,
                                          const char   **label,
                                          gint64        *minutes,
                                          gint64        *entries,
                                          GString       *buffer);
void          mk_store_tasks_encode      (GArray       *items,
                                          GByteArray   *out);
void          mk_store_tasks_add         (GArray       *items,
                                          const char   *key,
                                          const char   *label,
                                          gint64        minutes,
                                          gint64        entries);
char         *mk_store_name_key          (const char   *name);
char         *mk_store_alias_key         (const char   *text);
gboolean      mk_store_valid_day         (const char   *day);
void          mk_store_parse_setting     (MkSettings       *settings,
                                          const char       *key,
                                          const char       *value);
gboolean      mk_store_write_settings    (MkStore          *self,
                                          const MkSettings *settings,
                                          GError          **error);
gboolean      mk_store_write_study       (MkStore          *self,
                                          const char       *name,
                                          const char       *from,
                                          const char       *to,
                                          GError          **error);
gboolean      mk_store_write_person_level (MkStore         *self,
                                          gint64            id,
                                          MkLevel           level,
                                          GError          **error);
int           mk_store_prime_overlap     (const MkSettings *settings,
                                          int           start,
                                          int           minutes);

/* mk-store-entries.c */
gboolean      mk_store_rollup_add        (MkStore            *self,
                                          const MkEntryInput *input,
                                          int                 sign,
                                          GError            **error);
gboolean      mk_store_insert_entry_row  (MkStore            *self,
                                          const MkEntryInput *input,
                                          gint64             *id,
                                          GError            **error);
gboolean      mk_store_rebuild_rollups   (MkStore            *self,
                                          gint64              person_id,
                                          GError            **error);

/* mk-store-schema.c */
gboolean      mk_store_migrate           (MkStore      *self,
                                          int           from_version,
                                          GError      **error);
const char   *mk_store_builtin_category_name (const char *key);
void          mk_store_category_uuid     (const char   *key,
                                          MkUuid       *uuid);
void          mk_store_bind_uuid         (sqlite3_stmt *stmt,
                                          int           index,
                                          const char   *text,
                                          MkUuid       *uuid);
void          mk_store_column_uuid       (sqlite3_stmt *stmt,
                                          int           column,
                                          char          text[MK_UUID_TEXT_LEN + 1]);

G_END_DECLS
