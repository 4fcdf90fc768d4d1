/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-store-bulk-rollup.h — a bulk's rollups, summed in memory (private). */
#pragma once

#include <glib.h>

#include "mk-store.h"

G_BEGIN_DECLS

/* Bits of a packed entry-length key: person index, day index, category,
 * minutes (1 … 1440 fits 11 bits). */
#define LEN_MINUTE_BITS   11
#define LEN_CATEGORY_BITS 17
#define LEN_DAY_BITS      16
#define LEN_PERSON_BITS   20

/* Category ids a bulk can count (they must fit their bits). */
#define MK_BULK_MAX_CATEGORY_ID (1 << LEN_CATEGORY_BITS)

/* Packed keys → counts; zero is not a key. */
typedef struct {
  guint64 *keys;
  guint32 *counts;
  gsize    mask;
  gsize    n;
} MkLengthTable;

void    mk_length_table_init  (MkLengthTable *t);
void    mk_length_table_clear (MkLengthTable *t);
guint32 *mk_length_table_slot (MkLengthTable *t,
                               guint64        key);
void    mk_length_table_add   (MkLengthTable *t,
                               guint64        key,
                               guint32        count);
GArray *mk_bulk_sorted_copy   (GArray        *values);
guint  *mk_bulk_rank_values   (GArray        *values);

typedef struct {
  gint64      person_id;
  gint64      category_id;
  gint32      day;
  gint64      minutes;
  gint64      entries;
  gint64      prime;
  gint64      timed;
  GHashTable *tasks;            /* folded task text → MkBulkTask, or NULL */
} MkBulkTotal;

/* The minutes and entries of one folded task text in a day total. */
typedef struct {
  char   *label;
  gint64  minutes;
  gint64  entries;
} MkBulkTask;

typedef struct {
  GArray        *totals;        /* MkBulkTotal */
  MkLengthTable  cells;         /* packed (person, day, category) → totals index + 1 */
  MkLengthTable  lengths;       /* packed (person, day, category, minutes) → count */
  GHashTable    *person_index;  /* person id → dense index + 1 */
  GArray        *person_ids;
  GHashTable    *day_index;     /* YYYYMMDD → dense index + 1 */
  GArray        *days;
  gint32         last_day;      /* the day of the last entry, and its dense index */
  guint          last_day_index;
  GString       *last_task;     /* the last task text, and its key and label */
  GString       *task_key;
  GString       *task_label;
} MkBulkRollups;

typedef struct _MkBulkPrepared MkBulkPrepared;

void            mk_bulk_rollups_init        (MkBulkRollups      *r);
void            mk_bulk_rollups_clear       (MkBulkRollups      *r);
gboolean        mk_bulk_rollups_find_person (MkBulkRollups      *r,
                                             gint64              person_id,
                                             guint              *index);
guint           mk_bulk_rollups_add_person  (MkBulkRollups      *r,
                                             gint64              person_id);
guint64         mk_bulk_rollups_key         (MkBulkRollups      *r,
                                             const MkEntryInput *input,
                                             gint32              day_no,
                                             guint               person);
void            mk_bulk_rollups_add         (MkBulkRollups      *r,
                                             const MkSettings   *settings,
                                             const MkEntryInput *input,
                                             gint32              day_no,
                                             guint64             key);
MkBulkPrepared *mk_bulk_rollups_prepare     (MkBulkRollups      *r);
gboolean        mk_bulk_rollups_write       (MkStore            *store,
                                             MkBulkPrepared     *prepared,
                                             GError            **error);
void            mk_bulk_prepared_free       (MkBulkPrepared     *prepared);
gboolean        mk_bulk_rollups_from_entries (MkStore           *store,
                                              gint64             after_id,
                                              GError           **error);

/* Sorted runs of a big import's rows, summed up at commit on a thread. */
typedef struct _MkBulkRuns MkBulkRuns;

MkBulkRuns *mk_bulk_runs_new       (const char       *db_path);
gboolean    mk_bulk_runs_ok        (MkBulkRuns       *runs);
gboolean    mk_bulk_runs_start     (MkBulkRuns       *runs,
                                    const MkSettings *settings);
gboolean    mk_bulk_runs_write     (MkBulkRuns       *runs,
                                    MkStore          *store,
                                    gboolean          write,
                                    GError          **error);
void        mk_bulk_runs_free      (MkBulkRuns       *runs);

G_END_DECLS
