/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-person-days.h — the minutes of each person-day of one imported file
 * (private to the importer).
 *
 * A day has 24 hours: the importer adds every row's minutes to its
 * person-day here and refuses the row that would take a person-day past
 * MK_DURATION_MAX_MINUTES.  One flat open-addressing table of 12 bytes a
 * slot, at most 70% full, keyed by a 64-bit hash of (person, day): a
 * million rows over 180,000 person-days take 3 MB.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  guint64 *keys;
  guint32 *minutes;
  gsize    mask;
  gsize    n;
} MkPersonDays;

void     mk_person_days_init  (MkPersonDays *days);
void     mk_person_days_clear (MkPersonDays *days);
guint64  mk_person_days_key   (gint64        person_id,
                               const char   *person_name,
                               const char   *day);
guint32  mk_person_days_get   (MkPersonDays *days,
                               guint64       key);
void     mk_person_days_add   (MkPersonDays *days,
                               guint64       key,
                               guint32       minutes);

G_END_DECLS
