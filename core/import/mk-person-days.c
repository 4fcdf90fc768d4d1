/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-person-days.c — the minutes of each person-day of one imported file.
 *
 * Design notes.
 *
 * Keys are 64-bit hashes of the person (the store's id, or the name as
 * written when the person is not in the store yet: a preview) and the day;
 * two person-days sharing a hash is a chance of one in 2^64 per pair, and
 * would only make the check stricter.  Zero marks an empty slot, so a key
 * of zero is stored as one.  The table doubles when 70% full.
 */
#define G_LOG_DOMAIN "mk-importer"

#include "config.h"

#include <string.h>

#include "mk-person-days.h"

static inline guint64
mix (guint64 h)
{
  h ^= h >> 33;
  h *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  h ^= h >> 33;
  h *= G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);
  h ^= h >> 33;
  return h;
}

/* An empty table. */
void
mk_person_days_init (MkPersonDays *days)
{
  days->mask = 1023;
  days->n = 0;
  days->keys = g_new0 (guint64, days->mask + 1);
  days->minutes = g_new0 (guint32, days->mask + 1);
}

/* Frees the table's arrays; the table may be initialised again. */
void
mk_person_days_clear (MkPersonDays *days)
{
  g_clear_pointer (&days->keys, g_free);
  g_clear_pointer (&days->minutes, g_free);
  days->n = 0;
}

/**
 * mk_person_days_key:
 * @person_id: the person's id in the store, or 0 when not known yet
 * @person_name: the name as written, used when @person_id is 0
 * @day: "YYYY-MM-DD"
 *
 * Returns: the key of the person-day, never 0.
 */
guint64
mk_person_days_key (gint64      person_id,
                    const char *person_name,
                    const char *day)
{
  guint64 h;

  if (person_id > 0)
    h = mix ((guint64) person_id);
  else
    {
      /* FNV-1a over the name, marked apart from ids. */
      h = G_GUINT64_CONSTANT (0xcbf29ce484222325);
      for (const char *p = person_name; p != NULL && *p != '\0'; p++)
        {
          h ^= (guchar) *p;
          h *= G_GUINT64_CONSTANT (0x100000001b3);
        }
      h = mix (h ^ G_GUINT64_CONSTANT (0x8000000000000000));
    }
  for (int i = 0; i < 10 && day[i] != '\0'; i++)
    h = (h ^ (guchar) day[i]) * G_GUINT64_CONSTANT (0x100000001b3);
  h = mix (h);
  return h != 0 ? h : 1;
}

static gsize
find_slot (const MkPersonDays *days,
           guint64             key)
{
  gsize i = (gsize) mix (key) & days->mask;

  while (days->keys[i] != 0 && days->keys[i] != key)
    i = (i + 1) & days->mask;
  return i;
}

static void
grow (MkPersonDays *days)
{
  MkPersonDays old = *days;

  days->mask = (old.mask + 1) * 2 - 1;
  days->keys = g_new0 (guint64, days->mask + 1);
  days->minutes = g_new0 (guint32, days->mask + 1);
  for (gsize i = 0; i <= old.mask; i++)
    if (old.keys[i] != 0)
      {
        gsize j = find_slot (days, old.keys[i]);

        days->keys[j] = old.keys[i];
        days->minutes[j] = old.minutes[i];
      }
  g_free (old.keys);
  g_free (old.minutes);
}

/* The minutes of the person-day @key so far; 0 when it has none. */
guint32
mk_person_days_get (MkPersonDays *days,
                    guint64       key)
{
  gsize i = find_slot (days, key);

  return days->keys[i] == key ? days->minutes[i] : 0;
}

/* Adds @minutes to the person-day @key. */
void
mk_person_days_add (MkPersonDays *days,
                    guint64       key,
                    guint32       minutes)
{
  gsize i;

  if ((days->n + 1) * 10 > (days->mask + 1) * 7)
    grow (days);
  i = find_slot (days, key);
  if (days->keys[i] == 0)
    {
      days->keys[i] = key;
      days->n++;
    }
  days->minutes[i] = MIN ((guint64) days->minutes[i] + minutes, G_MAXUINT32);
}
