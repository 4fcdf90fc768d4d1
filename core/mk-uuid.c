/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-uuid.c — identities that survive export, import and sync.
 *
 * Design notes.
 *
 * Every entry, person, category and import batch gets a UUID (RFC 9562)
 * when it is created; it never changes, and it is how two copies of the
 * same row are known to be one: Minutka's own CSV carries it, the importer
 * skips a row whose UUID is already there, and the team database (core/team)
 * is keyed on it.
 *  - New identities are version 7: 48 bits of Unix time in milliseconds,
 *    then 74 random bits (GLib's generator, seeded from the system's), and
 *    within one process each is greater than the one before (RFC 9562's
 *    "monotonic random": in the same millisecond the last one plus one).
 *    Rows made one after another get ascending keys, so a UUID index in
 *    SQLite or PostgreSQL grows at its end instead of at random pages (a
 *    version 4 UUID, as g_uuid_string_random() makes, would touch a random
 *    page of the index for every row of a big import or sync); a big
 *    import keeps the index and appends to it (mk-store-bulk.c).
 *  - The built-in categories get version 5 (name-based, SHA-1) identities
 *    from their key, so that every Minutka agrees that "calls" is one
 *    category, whichever database it was made in.
 *  - The text form is the one PostgreSQL prints: 36 characters, lower-case.
 *    Upper-case digits are read too (a spreadsheet may change the case).
 *  - In SQLite a UUID is a 16-byte BLOB (half the size of its text).
 */
#define G_LOG_DOMAIN "mk-uuid"

#include "config.h"

#include <string.h>
#include <unistd.h>

#include "mk-uuid.h"

/* The namespace of Minutka's name-based identities (itself a random UUID). */
static const MkUuid minutka_namespace = { {
  0xc0, 0xbb, 0xe0, 0x4d, 0xc5, 0xbd, 0x40, 0x62,
  0x9e, 0x5b, 0xd9, 0x11, 0x91, 0xff, 0xaa, 0xfb,
} };

static void
set_version (MkUuid *uuid,
             guint   version)
{
  uuid->bytes[6] = (guint8) ((uuid->bytes[6] & 0x0f) | (version << 4));
  uuid->bytes[8] = (guint8) ((uuid->bytes[8] & 0x3f) | 0x80);   /* the RFC variant */
}

/* The last identity made, as two big-endian halves without the version
 * and variant bits: 48 bits of time and 12 random in `hi`, 62 random in
 * `lo`; and the generator of the random bits.  Both belong to one process:
 * a child of fork() starts them again (it would otherwise go on from its
 * parent's and make the same identities as its sibling in the same
 * millisecond — two creators of one database collided on a person's). */
static GMutex last_lock;
static guint64 last_hi, last_lo;
static GRand *generator;
static pid_t generator_pid;

/**
 * mk_uuid_generate:
 * @uuid: (out caller-allocates): a new identity (version 7), greater than
 *   every one this process made before
 *
 * Safe to call from any thread.
 */
void
mk_uuid_generate (MkUuid *uuid)
{
  guint64 ms = (guint64) (g_get_real_time () / 1000);
  guint64 hi, lo;

  g_return_if_fail (uuid != NULL);

  g_mutex_lock (&last_lock);
  if (generator == NULL || generator_pid != getpid ())
    {
      /* Seeded from /dev/urandom (g_rand_new()). */
      g_clear_pointer (&generator, g_rand_free);
      generator = g_rand_new ();
      generator_pid = getpid ();
      last_hi = last_lo = 0;
    }
  hi = ms << 12 | (g_rand_int (generator) & 0xfff);
  lo = ((guint64) g_rand_int (generator) << 32 | g_rand_int (generator))
       & G_GUINT64_CONSTANT (0x3fffffffffffffff);
  if (hi < last_hi || (hi == last_hi && lo <= last_lo))
    {
      /* The same millisecond (or the clock went back): one more than the
       * last, carrying into the time when the 62 bits run over. */
      hi = last_hi;
      lo = last_lo + 1;
      if (lo > G_GUINT64_CONSTANT (0x3fffffffffffffff))
        {
          lo = 0;
          hi++;
        }
    }
  last_hi = hi;
  last_lo = lo;
  g_mutex_unlock (&last_lock);

  /* hi: 48 bits of time, the version, 12 bits; lo: the variant, 62 bits. */
  hi = (hi >> 12) << 16 | 0x7000 | (hi & 0xfff);
  lo |= G_GUINT64_CONSTANT (0x8000000000000000);
  for (guint i = 0; i < 8; i++)
    {
      uuid->bytes[i] = (guint8) (hi >> (56 - 8 * i));
      uuid->bytes[8 + i] = (guint8) (lo >> (56 - 8 * i));
    }
}

/**
 * mk_uuid_for_name:
 * @name: a name that means one thing in every Minutka database, such as
 *   "category:calls"
 * @uuid: (out caller-allocates): its identity (version 5 in Minutka's
 *   namespace): the same for the same name, always
 */
void
mk_uuid_for_name (const char *name,
                  MkUuid     *uuid)
{
  g_autoptr(GChecksum) sha1 = g_checksum_new (G_CHECKSUM_SHA1);
  guint8 digest[20];
  gsize len = sizeof digest;

  g_return_if_fail (name != NULL && uuid != NULL);

  g_checksum_update (sha1, minutka_namespace.bytes, sizeof minutka_namespace.bytes);
  g_checksum_update (sha1, (const guchar *) name, -1);
  g_checksum_get_digest (sha1, digest, &len);
  memcpy (uuid->bytes, digest, sizeof uuid->bytes);
  set_version (uuid, 5);
}

/**
 * mk_uuid_parse:
 * @text: (nullable): a UUID written 8-4-4-4-12 in hexadecimal digits
 * @uuid: (out caller-allocates) (optional): its bytes
 *
 * Returns: %TRUE if @text is exactly one UUID (no spaces, no braces).
 */
gboolean
mk_uuid_parse (const char *text,
               MkUuid     *uuid)
{
  MkUuid out;
  guint n = 0;

  if (text == NULL || strlen (text) != MK_UUID_TEXT_LEN)
    return FALSE;
  for (guint i = 0; i < MK_UUID_TEXT_LEN; i++)
    {
      int hi, lo;

      if (i == 8 || i == 13 || i == 18 || i == 23)
        {
          if (text[i] != '-')
            return FALSE;
          continue;
        }
      hi = g_ascii_xdigit_value (text[i]);
      lo = g_ascii_xdigit_value (text[i + 1]);
      if (hi < 0 || lo < 0)
        return FALSE;
      out.bytes[n++] = (guint8) (hi << 4 | lo);
      i++;
    }
  g_assert (n == sizeof out.bytes);
  if (uuid != NULL)
    *uuid = out;
  return TRUE;
}

/**
 * mk_uuid_is_valid:
 * @text: (nullable): a text
 *
 * Returns: %TRUE if mk_uuid_parse() reads @text.
 */
gboolean
mk_uuid_is_valid (const char *text)
{
  return mk_uuid_parse (text, NULL);
}

/**
 * mk_uuid_format:
 * @uuid: an identity
 * @text: (out caller-allocates): 37 bytes for its text and a NUL
 */
void
mk_uuid_format (const MkUuid *uuid,
                char          text[MK_UUID_TEXT_LEN + 1])
{
  static const char digits[] = "0123456789abcdef";
  char *p = text;

  g_return_if_fail (uuid != NULL && text != NULL);

  for (guint i = 0; i < sizeof uuid->bytes; i++)
    {
      if (i == 4 || i == 6 || i == 8 || i == 10)
        *p++ = '-';
      *p++ = digits[uuid->bytes[i] >> 4];
      *p++ = digits[uuid->bytes[i] & 0xf];
    }
  *p = '\0';
}

/**
 * mk_uuid_key:
 * @uuid: an identity
 *
 * Returns: a 64-bit key (never 0) for sets of identities such as MkKeySet:
 *   both halves mixed, so the time prefix of version 7 does not cluster
 *   them.  Two identities share a key with a chance of 2⁻⁶⁴.
 */
guint64
mk_uuid_key (const MkUuid *uuid)
{
  guint64 hi, lo, key;

  memcpy (&hi, uuid->bytes, 8);
  memcpy (&lo, uuid->bytes + 8, 8);
  /* splitmix64's finaliser over the two halves. */
  key = hi ^ (lo * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15));
  key ^= key >> 30;
  key *= G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  key ^= key >> 27;
  key *= G_GUINT64_CONSTANT (0x94d049bb133111eb);
  key ^= key >> 31;
  return key != 0 ? key : 1;
}
