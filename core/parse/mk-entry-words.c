/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-entry-words.c — the words that entries' tasks have in common.
 *
 * A word is a run of letters and digits, with inner hyphens kept
 * ("follow-up", "Дельта-Снаб"); everything else separates words.  Words
 * are compared by their key: NFKC-normalised, case-folded, "ё" read as "е"
 * (the way mk_store_alias_key() compares aliases).  Numbers and the short
 * function words of English and Russian ("the", "with", "с", "по") never
 * count as shared: they say nothing about a category.
 *
 * Invariant: mk_entry_words_common_unknown() returns a word that occurs in
 * every task given, as spelled in the first task, and that the lookup maps
 * to no category; or NULL when there is none.
 */
#define G_LOG_DOMAIN "mk-entry-words"

#include "config.h"

#include <string.h>

#include "mk-entry-words.h"

static const char *const stop_words[] = {
  /* English */
  "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "into", "is", "it",
  "of", "on", "or", "our", "per", "re", "the", "their", "this", "that", "to", "up", "via",
  "vs", "was", "with", "my", "me", "we",
  /* Russian */
  "а", "без", "в", "во", "да", "для", "до", "же", "за", "и", "из", "или", "к", "ко", "ли",
  "на", "над", "не", "но", "о", "об", "от", "по", "под", "после", "при", "про", "с", "со",
  "у", "что", "как", "это",
};

/**
 * mk_entry_words_key:
 * @word: a word as written
 *
 * Returns: (transfer full): the key two spellings of one word share:
 *   normalised, case-folded, with "ё" as "е".
 */
char *
mk_entry_words_key (const char *word)
{
  g_autofree char *normal = NULL;
  g_autofree char *folded = NULL;
  GString *key;

  g_return_val_if_fail (word != NULL, NULL);

  normal = g_utf8_normalize (word, -1, G_NORMALIZE_NFKC);
  if (normal == NULL)
    return g_strdup ("");
  folded = g_utf8_casefold (normal, -1);
  key = g_string_sized_new (strlen (folded));
  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_string_append_unichar (key, c == 0x0451 ? 0x0435 : c);
    }
  return g_string_free (key, FALSE);
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

/**
 * mk_entry_words_split:
 * @task: (nullable): a task text; need not be valid UTF-8
 *
 * Returns: (transfer full): the words of @task in order, as written; an
 *   empty vector for %NULL, empty or invalid text.
 */
char **
mk_entry_words_split (const char *task)
{
  GPtrArray *words = g_ptr_array_new ();
  const char *p = task;

  if (task == NULL || !g_utf8_validate (task, -1, NULL))
    p = "";

  while (*p != '\0')
    {
      const char *start;
      const char *end;

      while (*p != '\0' && !is_word_char (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (*p == '\0')
        break;

      start = p;
      end = p;
      while (*p != '\0')
        {
          gunichar c = g_utf8_get_char (p);

          if (is_word_char (c))
            {
              p = g_utf8_next_char (p);
              end = p;
            }
          else if (c == '-' && is_word_char (g_utf8_get_char (g_utf8_next_char (p))))
            p = g_utf8_next_char (p);
          else
            break;
        }
      g_ptr_array_add (words, g_strndup (start, (gsize) (end - start)));
    }
  g_ptr_array_add (words, NULL);
  return (char **) g_ptr_array_free (words, FALSE);
}

static gboolean
says_nothing (const char *key)
{
  gboolean digits = TRUE;

  for (const char *p = key; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isdigit (g_utf8_get_char (p)))
      digits = FALSE;
  if (digits)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (stop_words); i++)
    if (strcmp (key, stop_words[i]) == 0)
      return TRUE;
  return FALSE;
}

/* The keys of @task's words, as a set. */
static GHashTable *
key_set (const char *task)
{
  g_auto(GStrv) words = mk_entry_words_split (task);
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; words[i] != NULL; i++)
    g_hash_table_add (set, mk_entry_words_key (words[i]));
  return set;
}

/**
 * mk_entry_words_common_unknown:
 * @tasks: (array length=n_tasks) (nullable): the tasks of the entries;
 *   an element may be %NULL (an entry without text)
 * @n_tasks: how many
 * @lookup: resolves a key to a category, like mk_store_lookup_alias()
 * @user_data: passed to @lookup
 *
 * Finds the first word of the first task that every task contains and
 * that @lookup maps to no category, leaving out numbers and short function
 * words.  An entry without text shares no word.
 *
 * Returns: (transfer full) (nullable): the word as the first task spells
 *   it, or %NULL when the tasks share no unknown word.
 */
char *
mk_entry_words_common_unknown (const char * const *tasks,
                               guint               n_tasks,
                               MkAliasLookupFunc   lookup,
                               gpointer            user_data)
{
  g_autoptr(GPtrArray) sets = NULL;
  g_auto(GStrv) words = NULL;

  g_return_val_if_fail (tasks != NULL || n_tasks == 0, NULL);
  g_return_val_if_fail (lookup != NULL, NULL);

  if (n_tasks == 0)
    return NULL;

  sets = g_ptr_array_new_with_free_func ((GDestroyNotify) g_hash_table_unref);
  for (guint i = 1; i < n_tasks; i++)
    g_ptr_array_add (sets, key_set (tasks[i]));

  words = mk_entry_words_split (tasks[0]);
  for (guint w = 0; words[w] != NULL; w++)
    {
      g_autofree char *key = mk_entry_words_key (words[w]);
      gboolean shared = TRUE;
      MkCategory *category;

      if (says_nothing (key))
        continue;
      for (guint i = 0; i < sets->len && shared; i++)
        shared = g_hash_table_contains (g_ptr_array_index (sets, i), key);
      if (!shared)
        continue;

      category = lookup (key, user_data);
      if (category == NULL)
        return g_strdup (words[w]);
      g_object_unref (category);
    }
  return NULL;
}
