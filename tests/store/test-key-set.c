/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-key-set.c — MkKeySet, the flat set of 64-bit keys behind the
 * importer's occurrence numbers and the bulk insert's "already there".
 *
 * What the importer relies on: a key added once is there, a second add
 * says so, nothing is lost when the array grows or when keys fall on the
 * same slot (probing, also across the end of the array), and a set sized
 * for N keys takes them without growing.
 */
#include "config.h"

#include "mk-key-set.h"

/* The slot mk-key-set.c gives @key in an array of mask + 1 slots (the same
 * mix, so that the test can make keys collide on purpose). */
static gsize
slot_of (guint64 key,
         gsize   mask)
{
  key ^= key >> 33;
  key *= G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
  key ^= key >> 33;
  return (gsize) key & mask;
}

/* The first @n keys from 1 up whose slot is @slot in a set of @mask. */
static void
keys_in_slot (gsize    slot,
              gsize    mask,
              guint64 *keys,
              guint    n)
{
  guint found = 0;

  for (guint64 key = 1; found < n; key++)
    if (slot_of (key, mask) == slot)
      keys[found++] = key;
}

static void
test_add_once (void)
{
  MkKeySet set;

  mk_key_set_init (&set);
  g_assert_false (mk_key_set_contains (&set, 42));
  g_assert_true (mk_key_set_add (&set, 42));
  g_assert_false (mk_key_set_add (&set, 42));
  g_assert_true (mk_key_set_contains (&set, 42));
  g_assert_false (mk_key_set_contains (&set, 43));
  g_assert_cmpuint (set.n, ==, 1);
  /* Zero marks an empty slot: never a member. */
  g_assert_false (mk_key_set_contains (&set, 0));
  mk_key_set_clear (&set);
}

/* The slot mix is checked against the set itself: keys the test computes
 * to share a slot really do (they land one after another). */
static void
test_same_slot (void)
{
  MkKeySet set;
  guint64 keys[4];
  gsize mask;

  mk_key_set_init (&set);
  mask = set.mask;
  keys_in_slot (100, mask, keys, G_N_ELEMENTS (keys));
  for (guint i = 0; i < 3; i++)
    g_assert_true (mk_key_set_add (&set, keys[i]));
  g_assert_true (set.slots[100] == keys[0]);
  g_assert_true (set.slots[101] == keys[1]);
  g_assert_true (set.slots[102] == keys[2]);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_true (mk_key_set_contains (&set, keys[i]));
      g_assert_false (mk_key_set_add (&set, keys[i]));
    }
  /* A fourth key of the same slot, not added, is not found past the run. */
  g_assert_false (mk_key_set_contains (&set, keys[3]));
  g_assert_cmpuint (set.n, ==, 3);
  mk_key_set_clear (&set);
}

/* Keys of the last slot go on at the start of the array. */
static void
test_probe_wraps (void)
{
  MkKeySet set;
  guint64 keys[3];

  mk_key_set_init (&set);
  keys_in_slot (set.mask, set.mask, keys, G_N_ELEMENTS (keys));
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_true (mk_key_set_add (&set, keys[i]));
  g_assert_true (set.slots[set.mask] == keys[0]);
  g_assert_true (set.slots[0] == keys[1]);
  g_assert_true (set.slots[1] == keys[2]);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_true (mk_key_set_contains (&set, keys[i]));
  mk_key_set_clear (&set);
}

/* Growing keeps every key: sequential keys, keys that differ only in their
 * high bits, and hashes, 200,000 of them from a set of 1,024 slots. */
static void
test_grows_keeping_keys (void)
{
  MkKeySet set;
  const guint n = 200000;
  gsize first_size;

  mk_key_set_init (&set);
  first_size = set.mask + 1;
  for (guint i = 1; i <= n; i++)
    {
      g_assert_true (mk_key_set_add (&set, i));
      g_assert_true (mk_key_set_add (&set, (guint64) i << 40));
      g_assert_true (mk_key_set_add (&set, G_GUINT64_CONSTANT (0x9e3779b97f4a7c15) * i
                                           + G_MAXUINT32));
    }
  g_assert_cmpuint (set.n, ==, 3 * (gsize) n);
  g_assert_cmpuint (set.mask + 1, >, first_size);
  /* Never more than 70 % full. */
  g_assert_cmpuint (set.n * 10, <=, (set.mask + 1) * 7);
  for (guint i = 1; i <= n; i++)
    {
      g_assert_true (mk_key_set_contains (&set, i));
      g_assert_true (mk_key_set_contains (&set, (guint64) i << 40));
      g_assert_false (mk_key_set_add (&set, (guint64) i << 40));
      g_assert_false (mk_key_set_contains (&set, (guint64) (n + i)));
    }
  mk_key_set_clear (&set);
}

/* A set sized for a file's rows takes them all without copying itself. */
static void
test_sized_does_not_grow (void)
{
  MkKeySet set;
  const gsize expected = 100000;
  guint64 *slots;

  mk_key_set_init_sized (&set, expected);
  slots = set.slots;
  for (gsize i = 1; i <= expected; i++)
    g_assert_true (mk_key_set_add (&set, i * 7919));
  g_assert_true (set.slots == slots);
  g_assert_cmpuint (set.n, ==, expected);

  /* Sized for nothing, it starts at the smallest size. */
  mk_key_set_clear (&set);
  mk_key_set_init_sized (&set, 0);
  g_assert_cmpuint (set.mask + 1, ==, 1024);
  mk_key_set_clear (&set);
}

/* After clear the set holds nothing and frees its array. */
static void
test_clear (void)
{
  MkKeySet set;

  mk_key_set_init (&set);
  g_assert_true (mk_key_set_add (&set, 7));
  mk_key_set_clear (&set);
  g_assert_null (set.slots);
  g_assert_cmpuint (set.n, ==, 0);
  g_assert_false (mk_key_set_contains (&set, 7));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/key-set/add-once", test_add_once);
  g_test_add_func ("/key-set/same-slot-probes", test_same_slot);
  g_test_add_func ("/key-set/probe-wraps-around", test_probe_wraps);
  g_test_add_func ("/key-set/grows-keeping-keys", test_grows_keeping_keys);
  g_test_add_func ("/key-set/sized-does-not-grow", test_sized_does_not_grow);
  g_test_add_func ("/key-set/clear-empties", test_clear);

  return g_test_run ();
}
