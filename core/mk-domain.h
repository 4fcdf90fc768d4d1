/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-domain.h — Minutka's domain objects: people, categories and entries.
 *
 * They are small immutable GObjects (snapshots of a database row) with
 * read-only properties, so that list models and GtkExpressions can show them.
 * Change data through MkStore, never through these objects.
 */
#pragma once

#include <glib-object.h>

#include "mk-types.h"
#include "mk-uuid.h"

G_BEGIN_DECLS

/* The colour of a category whose own colour is unknown or unreadable: a
 * neutral grey, readable in light and dark styles. */
#define MK_CATEGORY_FALLBACK_COLOR "#9a9996"

/**
 * MkCategoryKind:
 * @MK_CATEGORY_KIND_SELLING: time with customers: calls, follow-ups.
 * @MK_CATEGORY_KIND_SUPPORTING: needed for selling, but not selling (meetings, travel).
 * @MK_CATEGORY_KIND_NON_SELLING: admin and the rest.
 */
typedef enum {
  MK_CATEGORY_KIND_SELLING,
  MK_CATEGORY_KIND_SUPPORTING,
  MK_CATEGORY_KIND_NON_SELLING,
} MkCategoryKind;

typedef enum {
  MK_ENTRY_SOURCE_MANUAL,
  MK_ENTRY_SOURCE_TIMER,
  MK_ENTRY_SOURCE_IMPORT,
} MkEntrySource;

typedef enum {
  MK_LEVEL_NONE,
  MK_LEVEL_JUNIOR,
  MK_LEVEL_MIDDLE,
  MK_LEVEL_SENIOR,
} MkLevel;

const char      *mk_category_kind_to_string (MkCategoryKind  klass);
gboolean         mk_category_kind_from_string (const char    *text,
                                                MkCategoryKind *klass);
const char      *mk_level_to_string          (MkLevel          level);
gboolean         mk_level_from_string        (const char      *text,
                                              MkLevel         *level);
const char      *mk_entry_source_to_string   (MkEntrySource    source);

#define MK_TYPE_PERSON (mk_person_get_type ())
G_DECLARE_FINAL_TYPE (MkPerson, mk_person, MK, PERSON, GObject)

MkPerson   *mk_person_new          (gint64      id,
                                    const char *name,
                                    const char *email,
                                    MkLevel     level,
                                    const char *team,
                                    gboolean    archived);
gint64      mk_person_get_id       (MkPerson *self);
const char *mk_person_get_name     (MkPerson *self);
const char *mk_person_get_email    (MkPerson *self);
MkLevel     mk_person_get_level    (MkPerson *self);
const char *mk_person_get_team     (MkPerson *self);
gboolean    mk_person_get_archived (MkPerson *self);

#define MK_TYPE_CATEGORY (mk_category_get_type ())
G_DECLARE_FINAL_TYPE (MkCategory, mk_category, MK, CATEGORY, GObject)

void            mk_target_band_normalize   (double         *target_min,
                                            double         *target_max);

MkCategory     *mk_category_new            (gint64          id,
                                            const char     *key,
                                            const char     *name,
                                            const char     *color,
                                            MkCategoryKind klass,
                                            double          target_min,
                                            double          target_max,
                                            int             sort_order,
                                            gboolean        archived);
gint64          mk_category_get_id         (MkCategory *self);
const char     *mk_category_get_key        (MkCategory *self);
const char     *mk_category_get_name       (MkCategory *self);
const char     *mk_category_get_color      (MkCategory *self);
MkCategoryKind mk_category_get_kind      (MkCategory *self);
double          mk_category_get_target_min (MkCategory *self);
double          mk_category_get_target_max (MkCategory *self);
int             mk_category_get_sort_order (MkCategory *self);
gboolean        mk_category_get_archived   (MkCategory *self);

/**
 * MkEntryInput:
 * @person_id: the person the time belongs to
 * @day: the day, "YYYY-MM-DD"
 * @start: minutes after midnight when the work started, or -1 when unknown
 * @minutes: how long, 1 … 1440
 * @category_id: the category
 * @task: (nullable): what was done
 * @source: manual, timer or import
 * @batch_id: the import batch, or 0
 * @fingerprint: the importer's identity of the row, or 0
 * @uuid: the entry's identity as text, or "" for a new one (the store makes
 *   it); kept in the struct, so a copy of an input stands alone
 *
 * What is needed to add or change an entry.  The store validates it.  An
 * entry keeps its identity when it is changed; adding an input with the
 * identity of a deleted entry (undo) brings that entry back.
 */
typedef struct {
  gint64         person_id;
  const char    *day;
  int            start;
  int            minutes;
  gint64         category_id;
  const char    *task;
  MkEntrySource  source;
  gint64         batch_id;
  gint64         fingerprint;
  char           uuid[MK_UUID_TEXT_LEN + 1];
} MkEntryInput;

#define MK_TYPE_ENTRY (mk_entry_get_type ())
G_DECLARE_FINAL_TYPE (MkEntry, mk_entry, MK, ENTRY, GObject)

MkEntry      *mk_entry_new                (gint64              id,
                                           const MkEntryInput *input,
                                           const char         *person_name,
                                           MkCategory         *category);
gint64        mk_entry_get_id             (MkEntry *self);
gint64        mk_entry_get_person_id      (MkEntry *self);
const char   *mk_entry_get_person_name    (MkEntry *self);
const char   *mk_entry_get_day            (MkEntry *self);
int           mk_entry_get_start          (MkEntry *self);
int           mk_entry_get_minutes        (MkEntry *self);
MkCategory   *mk_entry_get_category       (MkEntry *self);
const char   *mk_entry_get_task           (MkEntry *self);
MkEntrySource mk_entry_get_source         (MkEntry *self);
gint64        mk_entry_get_batch_id       (MkEntry *self);
const char   *mk_entry_get_uuid           (MkEntry *self);
const char   *mk_entry_get_sent_by        (MkEntry *self);
void          mk_entry_set_sent_by        (MkEntry      *self,
                                           const char   *login);
void          mk_entry_to_input           (MkEntry      *self,
                                           MkEntryInput *input);

G_END_DECLS
