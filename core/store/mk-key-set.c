/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-key-set.c — a set of 64-bit keys in one flat array.
 *
 * Open addressing with linear probing; the slot is a mixed hash of the key
 * (fingerprints are hashes already, but other keys may not be).  The array
 * doubles when it would be more than 70% full.
 */
#define G_LOG_DOMAIN "mk-key-set"

#include "config.h"

#include "mk-key-set.h"


/* An empty set. */
void
mk_key_set_init (MkKeySet *set)
{
  mk_key_set_init_sized (set, 0);
}

/* An empty set with room for about @expected keys without growing: a set
 * that grows copies itself, and for a moment needs three times its size. */
void
mk_key_set_init_sized (MkKeySet *set,
                       gsize     expected)
{
  gsize size = 1024;

  while (size * 7 / 10 < expected && size < (G_MAXSIZE >> 4))
    size *= 2;
  set->mask = size - 1;
  set->n = 0;
  set->slots = g_new0 (guint64, size);
}

/* Frees the set's array; the set is empty and must be initialised again
 * before use. */
void
mk_key_set_clear (MkKeySet *set)
{
  g_clear_pointer (&set->slots, g_free);
  set->n = 0;
  set->mask = 0;
}

static inline gsize
key_slot (guint64 key,
          gsize   mask)
{
  key ^= key >> 33;
  key *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  key ^= key >> 33;
  return (gsize) key & mask;
}

static void
key_set_grow (MkKeySet *set)
{
  gsize old_size = set->mask + 1;
  guint64 *old = set->slots;

  set->mask = old_size * 2 - 1;
  set->slots = g_new0 (guint64, set->mask + 1);
  for (gsize i = 0; i < old_size; i++)
    if (old[i] != 0)
      {
        gsize j = key_slot (old[i], set->mask);

        while (set->slots[j] != 0)
          j = (j + 1) & set->mask;
        set->slots[j] = old[i];
      }
  g_free (old);
}

/* Adds @key (not zero).  Returns FALSE if it was there already. */
gboolean
mk_key_set_add (MkKeySet *set,
                guint64   key)
{
  gsize j;

  g_assert (key != 0);
  if ((set->n + 1) * 10 > (set->mask + 1) * 7)
    key_set_grow (set);
  j = key_slot (key, set->mask);
  while (set->slots[j] != 0)
    {
      if (set->slots[j] == key)
        return FALSE;
      j = (j + 1) & set->mask;
    }
  set->slots[j] = key;
  set->n++;
  return TRUE;
}

/* Returns TRUE if @key is in the set. */
gboolean
mk_key_set_contains (const MkKeySet *set,
                     guint64         key)
{
  gsize j;

  if (set->slots == NULL)
    return FALSE;
  j = key_slot (key, set->mask);
  while (set->slots[j] != 0)
    {
      if (set->slots[j] == key)
        return TRUE;
      j = (j + 1) & set->mask;
    }
  return FALSE;
}
