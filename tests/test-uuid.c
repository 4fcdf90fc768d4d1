/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-uuid.c — identities: text both ways, version 7 ascending, version 5
 * fixed, keys for sets. */
#include "config.h"

#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mk-uuid.h"

static void
test_text_round_trip (void)
{
  const char *text = "0190a6b2-7c1e-7d3a-9f00-2b4c6d8e0a1c";
  char back[MK_UUID_TEXT_LEN + 1];
  MkUuid uuid, upper;

  g_assert_true (mk_uuid_parse (text, &uuid));
  g_assert_cmpuint (uuid.bytes[0], ==, 0x01);
  g_assert_cmpuint (uuid.bytes[15], ==, 0x1c);
  mk_uuid_format (&uuid, back);
  g_assert_cmpstr (back, ==, text);
  /* Capitals read the same (a spreadsheet may write them). */
  g_assert_true (mk_uuid_parse ("0190A6B2-7C1E-7D3A-9F00-2B4C6D8E0A1C", &upper));
  g_assert_cmpmem (upper.bytes, 16, uuid.bytes, 16);
}

static void
test_refuses_other_text (void)
{
  const char *const bad[] = {
    "", "0190a6b2", "0190a6b27c1e7d3a9f002b4c6d8e0a1c", "{0190a6b2-7c1e-7d3a-9f00-2b4c6d8e0a1c}",
    " 0190a6b2-7c1e-7d3a-9f00-2b4c6d8e0a1c", "0190a6b2-7c1e-7d3a-9f00-2b4c6d8e0a1g",
    "0190a6b2+7c1e-7d3a-9f00-2b4c6d8e0a1c", "0190a6b2-7c1e-7d3a-9f00-2b4c6d8e0a1c0",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (mk_uuid_is_valid (bad[i]));
  g_assert_false (mk_uuid_is_valid (NULL));
}

static int
compare (const MkUuid *a,
         const MkUuid *b)
{
  return memcmp (a->bytes, b->bytes, sizeof a->bytes);
}

static void
test_new_ones_ascend (void)
{
  gint64 now_ms = g_get_real_time () / 1000;
  MkUuid previous, uuid;
  guint64 ms = 0;

  mk_uuid_generate (&previous);
  /* Many in the same millisecond: each greater than the one before. */
  for (guint i = 0; i < 100000; i++)
    {
      mk_uuid_generate (&uuid);
      g_assert_cmpint (compare (&previous, &uuid), <, 0);
      g_assert_cmpuint (uuid.bytes[6] >> 4, ==, 7);           /* version 7 */
      g_assert_cmpuint (uuid.bytes[8] & 0xc0, ==, 0x80);      /* RFC variant */
      previous = uuid;
    }
  /* The time in front is now (within a minute of this machine's clock). */
  for (guint i = 0; i < 6; i++)
    ms = ms << 8 | uuid.bytes[i];
  g_assert_cmpint ((gint64) ms, >=, now_ms);
  g_assert_cmpint ((gint64) ms, <, now_ms + 60000);
}

static gpointer
generate_many (gpointer data)
{
  MkUuid *out = data;

  for (guint i = 0; i < 20000; i++)
    mk_uuid_generate (&out[i]);
  return NULL;
}

static int
compare_qsort (gconstpointer a,
               gconstpointer b)
{
  return compare (a, b);
}

static void
test_threads_never_share_one (void)
{
  g_autofree MkUuid *all = g_new (MkUuid, 80000);
  GThread *threads[4];

  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    threads[t] = g_thread_new ("uuids", generate_many, all + t * 20000);
  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    g_thread_join (threads[t]);
  qsort (all, 80000, sizeof (MkUuid), compare_qsort);
  for (guint i = 1; i < 80000; i++)
    g_assert_cmpint (compare (&all[i - 1], &all[i]), <, 0);
}

static void
test_name_based_is_fixed (void)
{
  char text[MK_UUID_TEXT_LEN + 1];
  MkUuid a, b, c;

  mk_uuid_for_name ("category:calls", &a);
  mk_uuid_for_name ("category:calls", &b);
  mk_uuid_for_name ("category:admin", &c);
  g_assert_cmpint (compare (&a, &b), ==, 0);
  g_assert_cmpint (compare (&a, &c), !=, 0);
  g_assert_cmpuint (a.bytes[6] >> 4, ==, 5);
  g_assert_cmpuint (a.bytes[8] & 0xc0, ==, 0x80);
  /* Fixed for good: databases and team servers agree on it (RFC 9562
   * version 5, as Python's uuid.uuid5 makes it too). */
  mk_uuid_format (&a, text);
  g_assert_cmpstr (text, ==, "c86b909a-97fd-52cc-af9b-a8421ccaddf3");
}

static void
test_keys (void)
{
  MkUuid a, b;

  mk_uuid_parse ("0190a6b2-7c1e-7d3a-9f00-2b4c6d8e0a1c", &a);
  mk_uuid_parse ("0190a6b2-7c1e-7d3a-9f00-2b4c6d8e0a1d", &b);
  g_assert_cmpuint (mk_uuid_key (&a), !=, 0);
  g_assert_cmpuint (mk_uuid_key (&a), ==, mk_uuid_key (&a));
  g_assert_cmpuint (mk_uuid_key (&a), !=, mk_uuid_key (&b));
}

/* Two children of one process, each making identities in the same
 * milliseconds, never make the same one: each starts the generator and the
 * last identity again (they went on from the parent's, and two creators of
 * one database made the same person's identity). */
static void
test_forked_children_never_share_one (void)
{
  enum { N = 200 };
  MkUuid made[2][N];
  MkUuid first;
  int pipes[2][2];

  mk_uuid_generate (&first);
  for (int c = 0; c < 2; c++)
    {
      pid_t pid;

      g_assert_cmpint (pipe (pipes[c]), ==, 0);
      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          MkUuid mine[N];

          for (int i = 0; i < N; i++)
            mk_uuid_generate (&mine[i]);
          _exit (write (pipes[c][1], mine, sizeof mine) == sizeof mine ? 0 : 1);
        }
      close (pipes[c][1]);
    }
  for (int c = 0; c < 2; c++)
    {
      gsize got = 0;
      int status;

      while (got < sizeof made[c])
        {
          gssize n = read (pipes[c][0], (char *) made[c] + got, sizeof made[c] - got);

          g_assert_cmpint (n, >, 0);
          got += (gsize) n;
        }
      close (pipes[c][0]);
      g_assert_cmpint (wait (&status), >, 0);
      g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
    }
  for (int i = 0; i < N; i++)
    for (int j = 0; j < N; j++)
      g_assert_true (memcmp (&made[0][i], &made[1][j], sizeof (MkUuid)) != 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/uuid/text-round-trip", test_text_round_trip);
  g_test_add_func ("/uuid/refuses-other-text", test_refuses_other_text);
  g_test_add_func ("/uuid/new-ones-ascend", test_new_ones_ascend);
  g_test_add_func ("/uuid/threads-never-share-one", test_threads_never_share_one);
  g_test_add_func ("/uuid/forked-children-never-share-one", test_forked_children_never_share_one);
  g_test_add_func ("/uuid/name-based-is-fixed", test_name_based_is_fixed);
  g_test_add_func ("/uuid/keys", test_keys);
  return g_test_run ();
}
