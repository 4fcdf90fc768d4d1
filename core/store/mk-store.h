/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-store.h — the SQLite store: everything Minutka knows, in one file.
 *
 * The schema and its invariants are in mk-store-schema.c; how a file is
 * opened in mk-store-open.c; the whole store in docs/store.md.  Every
 * function that changes data runs in one transaction and has committed it
 * when it returns TRUE.  Errors are in MK_STORE_ERROR with a message a
 * person can act on.  A store is used from one thread at a time; a worker
 * thread (the importer) opens its own MkStore on the same file.
 */
#pragma once

#include <gio/gio.h>

#include "mk-domain.h"
#include "mk-types.h"

G_BEGIN_DECLS

#define MK_STORE_SCHEMA_VERSION 6

/**
 * MkPrimeRange:
 * @start: minutes after midnight, inclusive
 * @end: minutes after midnight, exclusive
 */
typedef struct {
  int start;
  int end;
} MkPrimeRange;

#define MK_MAX_PRIME_RANGES 4

/**
 * MkSettings:
 *
 * The analysis settings, stored in the database so they travel with the data.
 */
struct _MkSettings {
  int          workday_minutes;      /* 480 */
  double       over_points;          /* 10.0: percentage points from the median */
  double       over_deviations;      /* 2.0: robust deviations (MAD) from the median */
  int          min_days;             /* 2 */
  double       min_coverage;         /* 0.60 */
  double       uncategorised_share;  /* 0.10 */
  guint        n_prime;              /* 2 */
  MkPrimeRange prime[MK_MAX_PRIME_RANGES]; /* 10:00–12:00, 14:00–17:00 */
};

/**
 * MkStoreOpenMode:
 * @MK_STORE_OPEN_CREATE: a missing database is created (the window, an
 *   import, the demo)
 * @MK_STORE_OPEN_EXISTING: the database must exist; its schema is brought
 *   up to date (commands that only read: a report, an export, a check)
 * @MK_STORE_OPEN_READ_ONLY: the database must exist and is never written
 * @MK_STORE_OPEN_UNCHANGED: the database must exist, and the file stays as
 *   it is: for work whose changes are all rolled back (a dry run).  A
 *   database of this Minutka's version is opened as with _EXISTING; an
 *   older one, which opening would bring up to date, is copied into a
 *   private temporary folder that goes with the store, and the copy is
 *   brought up to date instead
 * @MK_STORE_OPEN_NO_WAIT: or-ed with one of the above: while a big import
 *   holds the file, fail at once with %MK_STORE_ERROR_BUSY instead of
 *   waiting for it (the window then waits in mk_store_open_async(), where
 *   it can show why)
 *
 * How mk_store_open_full() treats the file.
 */
typedef enum {
  MK_STORE_OPEN_CREATE,
  MK_STORE_OPEN_EXISTING,
  MK_STORE_OPEN_READ_ONLY,
  MK_STORE_OPEN_UNCHANGED,
  MK_STORE_OPEN_NO_WAIT = 1 << 4,
} MkStoreOpenMode;

/**
 * MkStoreWaitFunc:
 * @message: why the store waits, a sentence for the user
 * @user_data: what mk_store_set_wait_notify() was given
 */
typedef void (*MkStoreWaitFunc) (const char *message,
                                 gpointer    user_data);

#define MK_TYPE_STORE (mk_store_get_type ())
G_DECLARE_FINAL_TYPE (MkStore, mk_store, MK, STORE, GObject)

MkStore    *mk_store_open                 (const char    *path,
                                           GError       **error);
MkStore    *mk_store_open_full            (const char    *path,
                                           MkStoreOpenMode mode,
                                           GError       **error);
MkStore    *mk_store_open_temporary       (const char    *name,
                                           GError       **error);
void        mk_store_open_async           (const char    *path,
                                           MkStoreOpenMode mode,
                                           MkStoreWaitFunc wait_func,
                                           gpointer       wait_data,
                                           GCancellable  *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer       user_data);
MkStore    *mk_store_open_finish          (GAsyncResult  *result,
                                           GError       **error);
gboolean    mk_store_is_read_only         (MkStore       *self,
                                           const char   **reason);
void        mk_store_set_wait_notify      (MkStoreWaitFunc func,
                                           gpointer       user_data);
const char *mk_store_get_path             (MkStore       *self);
gboolean    mk_store_change_leaves_entries (MkStore      *self);
gboolean    mk_store_check                (MkStore       *self,
                                           GString       *report,
                                           GError       **error);
gboolean    mk_store_is_empty             (MkStore       *self);
gboolean    mk_store_check_external       (MkStore       *self);

/* People */
MkPerson   *mk_store_find_person          (MkStore       *self,
                                           const char    *name,
                                           const char    *email);
MkPerson   *mk_store_ensure_person        (MkStore       *self,
                                           const char    *name,
                                           const char    *email,
                                           GError       **error);
MkPerson   *mk_store_add_person           (MkStore       *self,
                                           const char    *name,
                                           const char    *email,
                                           MkLevel        level,
                                           const char    *team,
                                           GError       **error);
MkPerson   *mk_store_get_person           (MkStore       *self,
                                           gint64         id,
                                           GError       **error);
GListModel *mk_store_list_people          (MkStore       *self,
                                           gboolean       include_archived,
                                           GError       **error);
gboolean    mk_store_update_person        (MkStore       *self,
                                           gint64         id,
                                           const char    *name,
                                           const char    *email,
                                           MkLevel        level,
                                           const char    *team,
                                           gboolean       archived,
                                           GError       **error);
gboolean    mk_store_merge_people         (MkStore       *self,
                                           gint64         keep_id,
                                           gint64         merge_id,
                                           GError       **error);

/* Categories and aliases */
GListModel *mk_store_list_categories      (MkStore       *self,
                                           gboolean       include_archived);
MkCategory *mk_store_get_category         (MkStore       *self,
                                           gint64         id);
MkCategory *mk_store_get_category_by_key  (MkStore       *self,
                                           const char    *key);
MkCategory *mk_store_lookup_alias         (MkStore       *self,
                                           const char    *text);
gboolean    mk_store_add_alias            (MkStore       *self,
                                           const char    *text,
                                           gint64         category_id,
                                           GError       **error);
gboolean    mk_store_add_aliases          (MkStore           *self,
                                           const char *const *texts,
                                           const gint64      *category_ids,
                                           guint              n,
                                           GError           **error);
MkCategory *mk_store_add_category         (MkStore       *self,
                                           const char    *key,
                                           const char    *name,
                                           const char    *color,
                                           MkCategoryKind klass,
                                           GError       **error);
gboolean    mk_store_update_category      (MkStore       *self,
                                           gint64         id,
                                           const char    *name,
                                           const char    *color,
                                           MkCategoryKind klass,
                                           double         target_min,
                                           double         target_max,
                                           int            sort_order,
                                           gboolean       archived,
                                           GError       **error);

/* Entries */
gboolean    mk_store_validate_entry       (MkStore            *self,
                                           const MkEntryInput *input,
                                           GError            **error);
gint64      mk_store_add_entry            (MkStore            *self,
                                           const MkEntryInput *input,
                                           GError            **error);
gboolean    mk_store_add_entries          (MkStore            *self,
                                           const MkEntryInput *inputs,
                                           guint               n_inputs,
                                           gint64             *ids,
                                           GError            **error);
gboolean    mk_store_update_entry         (MkStore            *self,
                                           gint64              id,
                                           const MkEntryInput *input,
                                           GError            **error);
gboolean    mk_store_update_entries       (MkStore            *self,
                                           const gint64       *ids,
                                           const MkEntryInput *inputs,
                                           guint               n,
                                           GError            **error);
gboolean    mk_store_delete_entry         (MkStore            *self,
                                           gint64              id,
                                           GError            **error);
gboolean    mk_store_delete_entries       (MkStore            *self,
                                           const gint64       *ids,
                                           guint               n_ids,
                                           GError            **error);
gboolean    mk_store_recategorise_entries (MkStore            *self,
                                           const gint64       *ids,
                                           guint               n_ids,
                                           gint64              category_id,
                                           GError            **error);
MkEntry    *mk_store_get_entry            (MkStore            *self,
                                           gint64              id,
                                           GError            **error);
gint64      mk_store_count_entries        (MkStore            *self);
gint64      mk_store_find_entry           (MkStore            *self,
                                           const char         *uuid,
                                           GError            **error);

/* Settings and study */
void        mk_store_get_settings         (MkStore       *self,
                                           MkSettings    *settings);
gboolean    mk_store_set_settings         (MkStore       *self,
                                           const MkSettings *settings,
                                           GError       **error);
void        mk_settings_init_defaults     (MkSettings    *settings);
gboolean    mk_store_get_study            (MkStore       *self,
                                           char         **name,
                                           char         **from,
                                           char         **to);
gboolean    mk_store_set_study            (MkStore       *self,
                                           const char    *name,
                                           const char    *from,
                                           const char    *to,
                                           GError       **error);
gboolean    mk_store_clear_study          (MkStore       *self,
                                           GError       **error);

/* Timer */
gboolean    mk_store_get_timer            (MkStore       *self,
                                           gint64        *person_id,
                                           gint64        *category_id,
                                           char         **task,
                                           GDateTime    **started_at);
gboolean    mk_store_start_timer          (MkStore       *self,
                                           gint64         person_id,
                                           gint64         category_id,
                                           const char    *task,
                                           GDateTime     *started_at,
                                           GError       **error);
gint64      mk_store_stop_timer           (MkStore       *self,
                                           GDateTime     *stopped_at,
                                           GError       **error);
gboolean    mk_store_cancel_timer         (MkStore       *self,
                                           GError       **error);

/* Rollups for analysis: cost follows people × days × categories. */
typedef void (*MkDayTotalFunc) (gint64      person_id,
                                const char *day,
                                gint64      category_id,
                                int         minutes,
                                int         n_entries,
                                int         prime_minutes,
                                int         timed_minutes,
                                gpointer    user_data);
typedef void (*MkLengthFunc)   (gint64      person_id,
                                gint64      category_id,
                                int         minutes,
                                int         count,
                                gpointer    user_data);
typedef void (*MkTaskFunc)     (gint64      person_id,
                                gint64      category_id,
                                const char *key,
                                const char *label,
                                int         minutes,
                                int         entries,
                                gpointer    user_data);

gboolean    mk_store_foreach_day_total    (MkStore       *self,
                                           const char    *from,
                                           const char    *to,
                                           MkDayTotalFunc func,
                                           gpointer       user_data,
                                           GError       **error);
gboolean    mk_store_foreach_length       (MkStore       *self,
                                           const char    *from,
                                           const char    *to,
                                           MkLengthFunc   func,
                                           gpointer       user_data,
                                           GError       **error);
gboolean    mk_store_foreach_detail       (MkStore       *self,
                                           const char    *from,
                                           const char    *to,
                                           MkLengthFunc   length_func,
                                           MkTaskFunc     task_func,
                                           gpointer       user_data,
                                           GError       **error);
char      **mk_store_last_logged_days     (MkStore       *self,
                                           guint          n_days,
                                           GError       **error);

/* Demo data */
gboolean    mk_store_load_demo            (MkStore       *self,
                                           const char    *path,
                                           GError       **error);
MkStore    *mk_store_open_demo            (GError       **error);

G_END_DECLS
