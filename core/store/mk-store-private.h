/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-store-private.h — what the store's own modules share.
 *
 * mk-store.c (open, migrate, people, categories, settings, study, timer),
 * mk-store-entries.c (entries and their rollups), mk-store-bulk.c (the
 * importer's path) and mk-entry-list.c (the paging list model) all use the
 * one connection and the one table of prepared statements kept here.
 */
#pragma once

#include <sqlite3.h>

#include "mk-store.h"

G_BEGIN_DECLS

/* Every statement the store runs, written once in mk-store.c. */
typedef enum {
  STMT_BEGIN,
  STMT_COMMIT,
  STMT_ROLLBACK,
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
  STMT_CATEGORY_UPDATE,
  STMT_CATEGORY_MAX_ORDER,
  STMT_ALIAS_LOOKUP,
  STMT_ALIAS_UPSERT,
  STMT_ENTRY_INSERT,
  STMT_ENTRY_UPDATE,
  STMT_ENTRY_DELETE,
  STMT_ENTRY_GET,
  STMT_ENTRY_COUNT,
  STMT_ENTRY_ANY,
  STMT_ENTRY_FINGERPRINTS,
  STMT_DAY_TOTAL_ADD,
  STMT_DAY_TOTAL_MERGE,
  STMT_DAY_TOTAL_PRUNE,
  STMT_DAY_TOTAL_RANGE,
  STMT_LENGTH_RANGE,
  STMT_LAST_DAYS,
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
  STMT_BATCH_BY_SHA,
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

  MkSettings     settings;
  GHashTable    *categories;   /* id → MkCategory, refreshed on every category change */
  int            data_version; /* PRAGMA data_version when the caches were read */
  struct _MkBulkWriter *bulk_writer; /* writing on its own thread: wait before using db */
  guint          in_transaction : 1;
};

sqlite3_stmt *mk_store_stmt              (MkStore      *self,
                                          MkStmt        id);
gboolean      mk_store_step_done         (MkStore      *self,
                                          sqlite3_stmt *stmt,
                                          GError      **error);
void          mk_store_set_error         (MkStore      *self,
                                          GError      **error,
                                          const char   *doing);
gboolean      mk_store_begin             (MkStore      *self,
                                          GError      **error);
gboolean      mk_store_commit            (MkStore      *self,
                                          GError      **error);
void          mk_store_rollback          (MkStore      *self);
gboolean      mk_store_finish            (MkStore      *self,
                                          gboolean      ok,
                                          GError      **error);
void          mk_store_emit_changed      (MkStore      *self);
void          mk_store_sync_external     (MkStore      *self);
void          mk_store_reload_categories (MkStore      *self);
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
char         *mk_store_name_key          (const char   *name);
char         *mk_store_alias_key         (const char   *text);
gboolean      mk_store_valid_day         (const char   *day);
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

G_END_DECLS
