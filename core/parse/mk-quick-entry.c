/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-quick-entry.c — the one-line parser behind the Today page's quick entry.
 *
 * Grammar, in words.  A line is split at white space into words.  It holds
 * one duration, either first or after a category of one or two words:
 *
 *   [category] DURATION [category] [task …]
 *
 *   DURATION  30 · 30m · 30 min · 45мин · 30 мин   minutes
 *             1:30                                  hours and minutes
 *             1.5 · 1,5 · 1.5h · 1,5ч · 2 часа      hours (a bare decimal is hours)
 *             1h30 · 1h 30m · 1ч30м · 1 ч 30 мин    hours and minutes
 *             9:15-9:45 · 9.15–9.45 · 9:15 - 9:45   a range: start and minutes,
 *             9-10                                  crossing midnight allowed
 *
 * The category is looked up through the caller's MkAliasLookupFunc, two
 * words before one ("follow up" before "follow"), casefolded.  A category
 * before the duration must be known, or the line has no duration.  When no
 * word names a category the result has none, and unknown_word is the first
 * word of the task the lookup does not know ("demo" in "14:00-15:00 demo
 * Initech"): the caller files the line under Other, or under the category
 * the person chose for it, and may offer to teach the word.
 *
 * The task is every word the person typed except the duration and the time
 * range: "2 часа отчет" is Admin with the task "отчет", "перезвон 20 ООО
 * Вектор" is Follow-ups with "перезвон ООО Вектор".  Words of punctuation
 * only at either end of it ("30, call", "30 - call") are left out.
 *
 * Invariants of a parsed MkQuickEntry: 1 ≤ minutes ≤ 1440; start is -1 or
 * 0 … 1439; task is never NULL.  Every refused line raises MK_PARSE_ERROR
 * with a translated sentence that says what to write instead.
 *
 * The spellings of a duration and of a time of day are mk-duration's, so
 * that "1ч 30м" means the same in a quick entry and in an imported file;
 * this module adds what only a line needs: ranges, the category words, the
 * task, and messages that say what to type instead.
 */
#define G_LOG_DOMAIN "mk-quick-entry"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mk-duration.h"
#include "mk-entry-words.h"
#include "mk-error.h"
#include "mk-format.h"
#include "mk-quick-entry.h"

#define MINUTES_PER_DAY MK_DURATION_MAX_MINUTES

static gboolean
is_dash (gunichar c)
{
  return c == '-' || c == 0x2010 || c == 0x2012 || c == 0x2013 || c == 0x2014 || c == 0x2212;
}

static gboolean
is_dash_word (const char *word)
{
  gunichar c = g_utf8_get_char (word);

  return is_dash (c) && *g_utf8_next_char (word) == '\0';
}

/* A word of punctuation only: "-", "—", ":", ",". */
static gboolean
is_punctuation_word (const char *word)
{
  for (const char *p = word; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_ispunct (g_utf8_get_char (p)))
      return FALSE;
  return *word != '\0';
}

/* Core's parse errors are written to follow "line 17: "; under the entry
 * they stand alone, so they start with a capital letter. */
static void
propagate_capitalised (GError **dest,
                       GError  *src)
{
  const char *rest = g_utf8_next_char (src->message);
  gunichar first = g_unichar_totitle (g_utf8_get_char (src->message));
  char buf[8] = { 0 };

  g_unichar_to_utf8 (first, buf);
  g_set_error (dest, src->domain, src->code, "%s%s", buf, rest);
  g_error_free (src);
}

/* Splits "9:15-9:45" at its dash; FALSE when @word has no dash followed by a digit. */
static gboolean
split_range (const char  *word,
             const char **dash,
             const char **after)
{
  for (const char *p = word; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (p != word && is_dash (g_utf8_get_char (p))
          && g_ascii_isdigit (*g_utf8_next_char (p)))
        {
          *dash = p;
          *after = g_utf8_next_char (p);
          return TRUE;
        }
    }
  return FALSE;
}

/* Reads one end of a range; "9" is 9:00. */
static gboolean
parse_clock (const char *text,
             gssize      len,
             int        *minute_of_day,
             GError    **error)
{
  g_autofree char *word = len < 0 ? g_strdup (text) : g_strndup (text, len);
  g_autofree char *padded = NULL;
  GError *local_error = NULL;
  gsize n = strlen (word);

  if (n >= 1 && n <= 2 && g_ascii_isdigit (word[0]) && g_ascii_isdigit (word[n - 1]))
    padded = g_strconcat (word, ":00", NULL);

  if (!mk_time_of_day_parse (padded != NULL ? padded : word, minute_of_day, &local_error))
    {
      propagate_capitalised (error, local_error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_range (const char *from,
             gssize      from_len,
             const char *to,
             int        *start,
             int        *minutes,
             GError    **error)
{
  int a;
  int b;

  if (!parse_clock (from, from_len, &a, error) || !parse_clock (to, -1, &b, error))
    return FALSE;

  *start = a % MINUTES_PER_DAY;
  *minutes = ((b - a) % MINUTES_PER_DAY + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  return TRUE;
}

static gboolean
check_minutes (int     minutes,
               GError **error)
{
  if (minutes > MINUTES_PER_DAY)
    {
      if (minutes % 60 == 0)
        g_set_error (error, MK_PARSE_ERROR, MK_PARSE_ERROR_RANGE,
                     ngettext ("%d hour is longer than a day",
                               "%d hours is longer than a day", minutes / 60),
                     minutes / 60);
      else
        {
          g_autofree char *text = mk_format_minutes (minutes);

          g_set_error (error, MK_PARSE_ERROR, MK_PARSE_ERROR_RANGE,
                       /* Translators: %s is a duration, e.g. "24 h 30 min". */
                       _("%s is longer than a day"), text);
        }
      return FALSE;
    }
  if (minutes < 1)
    {
      g_set_error_literal (error, MK_PARSE_ERROR, MK_PARSE_ERROR_RANGE,
                           _("0 minutes — nothing to log"));
      return FALSE;
    }
  return TRUE;
}

static char **
split_words (const char *line,
             guint      *n_words)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  const char *p = line;

  while (*p != '\0')
    {
      const char *start;

      while (*p != '\0' && g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      start = p;
      while (*p != '\0' && !g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (p > start)
        g_ptr_array_add (words, g_strndup (start, p - start));
    }

  if (n_words != NULL)
    *n_words = words->len;
  g_ptr_array_add (words, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&words), FALSE);
}

typedef enum {
  SCAN_NOT_NUMBER,   /* the word does not start with a digit */
  SCAN_OK,
  SCAN_BAD,          /* starts with a digit but is no duration; error set */
} ScanResult;

/* Tries to read a duration starting at words[i].  Returns SCAN_NOT_NUMBER
 * when words[i] does not start one; on SCAN_OK sets *rest to the words
 * after the duration. */
static ScanResult
scan_duration (char   **words,
               guint    i,
               guint    n_words,
               int     *start,
               int     *minutes,
               char  ***rest,
               GError **error)
{
  const char *word = words[i];
  const char *dash;
  const char *after;
  g_autofree char *joined = NULL;
  const char *end = NULL;

  *start = -1;
  if (!g_ascii_isdigit (*word))
    return SCAN_NOT_NUMBER;

  /* "9:15-9:45" in one word, or "9:15 - 9:45" in three. */
  if (split_range (word, &dash, &after))
    {
      if (!parse_range (word, dash - word, after, start, minutes, error)
          || !check_minutes (*minutes, error))
        return SCAN_BAD;
      *rest = g_strdupv (words + i + 1);
      return SCAN_OK;
    }
  if (i + 2 < n_words && is_dash_word (words[i + 1]) && g_ascii_isdigit (*words[i + 2]))
    {
      if (!parse_range (word, -1, words[i + 2], start, minutes, error)
          || !check_minutes (*minutes, error))
        return SCAN_BAD;
      *rest = g_strdupv (words + i + 3);
      return SCAN_OK;
    }

  /* Durations may span words ("1 ч 30 мин"), so read from the joined rest. */
  joined = g_strjoinv (" ", words + i);
  if (!mk_duration_parse_prefix (joined, MK_DURATION_UNIT_AUTO, minutes, &end))
    {
      GError *local_error = NULL;
      int ignored;

      /* mk_duration_parse() on the word alone says what is wrong with it. */
      if (mk_duration_parse (word, MK_DURATION_UNIT_AUTO, &ignored, &local_error))
        g_set_error (error, MK_PARSE_ERROR, MK_PARSE_ERROR_DURATION,
                     _("“%s” is not a duration: write minutes (30), hours and minutes (1:30) "
                       "or hours (1,5h)"),
                     word);
      else
        propagate_capitalised (error, local_error);
      return SCAN_BAD;
    }
  if (!check_minutes (*minutes, error))
    return SCAN_BAD;

  *rest = split_words (end, NULL);
  return SCAN_OK;
}

/* Joins words[0 … n-1] with single spaces, without the punctuation people
 * put after a category ("calls:", "КП,"); NULL when nothing is left. */
static char *
join_category_words (char **words,
                     guint  n)
{
  g_autoptr(GString) s = g_string_new (NULL);

  for (guint k = 0; k < n; k++)
    g_string_append_printf (s, k > 0 ? " %s" : "%s", words[k]);
  while (s->len > 0 && strchr (":,;", s->str[s->len - 1]) != NULL)
    g_string_truncate (s, s->len - 1);
  if (s->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&s), FALSE);
}

/* Looks up words[0 … n-1] as a category; on success sets *text to the words as typed. */
static MkCategory *
lookup_words (char              **words,
              guint               n,
              MkAliasLookupFunc   lookup,
              gpointer            user_data,
              char              **text)
{
  g_autofree char *joined = NULL;
  g_autofree char *normal = NULL;
  g_autofree char *key = NULL;
  MkCategory *category;

  if (lookup == NULL || n == 0)
    return NULL;
  joined = join_category_words (words, n);
  if (joined == NULL)
    return NULL;

  normal = g_utf8_normalize (joined, -1, G_NORMALIZE_NFC);
  key = g_utf8_casefold (normal, -1);
  category = lookup (key, user_data);
  if (category != NULL)
    *text = g_steal_pointer (&joined);
  return category;
}

/* The task: the words before the duration (a category named first) and
 * the words after it, without words of punctuation only at either end. */
static char *
join_task (char **before,
           guint  n_before,
           char **after)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new ();
  guint first = 0;
  guint last;

  for (guint i = 0; i < n_before; i++)
    g_ptr_array_add (words, before[i]);
  for (guint i = 0; after != NULL && after[i] != NULL; i++)
    g_ptr_array_add (words, after[i]);

  last = words->len;
  while (first < last && is_punctuation_word (g_ptr_array_index (words, first)))
    first++;
  while (last > first && is_punctuation_word (g_ptr_array_index (words, last - 1)))
    last--;
  g_ptr_array_remove_range (words, last, words->len - last);
  g_ptr_array_remove_range (words, 0, first);
  g_ptr_array_add (words, NULL);
  return g_strjoinv (" ", (char **) words->pdata);
}

/* For a line that names no category: the word to teach, if the lookup
 * knows none of the task's words. */
static void
find_unknown_word (MkQuickEntry      *self,
                   MkAliasLookupFunc  lookup,
                   gpointer           user_data)
{
  const char *tasks[] = { self->task };

  if (self->category == NULL && lookup != NULL)
    self->unknown_word = mk_entry_words_common_unknown (tasks, 1, lookup, user_data);
}

/**
 * mk_quick_entry_parse:
 * @line: what the person typed, UTF-8
 * @lookup: (nullable): resolves a casefolded word to a category (a wrapper
 *   around mk_store_lookup_alias()); %NULL when no category is known
 * @user_data: data for @lookup
 * @error: return location for a #GError
 *
 * Reads one quick-entry line: "30 call Acme intro", "1,5ч звонки Ромашка",
 * "9:15-9:45 meeting stand-up", "перезвон 20 ООО Вектор".
 *
 * Returns: (transfer full) (nullable): how the line was understood, or
 *   %NULL with @error set in %MK_PARSE_ERROR: %MK_PARSE_ERROR_EMPTY for a
 *   blank line, %MK_PARSE_ERROR_NO_DURATION when the line names no duration
 *   ("call Acme"), %MK_PARSE_ERROR_DURATION when a duration is malformed,
 *   %MK_PARSE_ERROR_TIME for a bad start or end of a range,
 *   %MK_PARSE_ERROR_RANGE for 0 minutes or more than a day.
 */
MkQuickEntry *
mk_quick_entry_parse (const char         *line,
                      MkAliasLookupFunc   lookup,
                      gpointer            user_data,
                      GError            **error)
{
  g_autoptr(MkQuickEntry) self = NULL;
  g_auto(GStrv) words = NULL;
  g_auto(GStrv) rest = NULL;
  guint n_words = 0;
  guint n_rest;
  guint k = 0;
  guint duration_at = 0;
  ScanResult result = SCAN_NOT_NUMBER;

  g_return_val_if_fail (line != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_utf8_validate (line, -1, NULL))
    {
      g_set_error_literal (error, MK_PARSE_ERROR, MK_PARSE_ERROR_DURATION,
                           _("The text is not valid UTF-8"));
      return NULL;
    }

  words = split_words (line, &n_words);
  if (n_words == 0)
    {
      g_set_error_literal (error, MK_PARSE_ERROR, MK_PARSE_ERROR_EMPTY,
                           _("Write how long it took, for example “30 call Acme”"));
      return NULL;
    }

  self = g_new0 (MkQuickEntry, 1);
  self->start = -1;

  if ((is_dash (g_utf8_get_char (words[0])) || *words[0] == '+')
      && g_ascii_isdigit (*g_utf8_next_char (words[0])))
    {
      g_set_error (error, MK_PARSE_ERROR, MK_PARSE_ERROR_DURATION,
                   _("“%s”: write how long it took without a sign, for example “30”"),
                   words[0]);
      return NULL;
    }

  /* The duration is the first word, or comes after a known category of one
   * or two words ("перезвон 20 ООО Вектор", "follow up 20 Acme"). */
  for (guint at = 0; at < MIN (n_words, 3) && result == SCAN_NOT_NUMBER; at++)
    {
      duration_at = at;
      if (at > 0)
        {
          if (!g_ascii_isdigit (*words[at]))
            continue;
          g_clear_object (&self->category);
          g_clear_pointer (&self->category_text, g_free);
          self->category = lookup_words (words, at, lookup, user_data, &self->category_text);
          if (self->category == NULL)
            continue;
        }
      result = scan_duration (words, at, n_words, &self->start, &self->minutes, &rest, error);
      if (result == SCAN_BAD)
        return NULL;
    }

  if (result != SCAN_OK)
    {
      g_set_error_literal (error, MK_PARSE_ERROR, MK_PARSE_ERROR_NO_DURATION,
                           _("Write how long it took, for example “30 call Acme”"));
      return NULL;
    }

  /* A category right after the duration: "30 call Acme", "30, follow up: Acme". */
  n_rest = g_strv_length (rest);
  while (k < n_rest && is_punctuation_word (rest[k]))
    k++;
  if (self->category == NULL && k < n_rest)
    {
      for (guint n = MIN (2, n_rest - k); n > 0 && self->category == NULL; n--)
        self->category = lookup_words (rest + k, n, lookup, user_data, &self->category_text);
    }

  /* Every word but the duration: the category words before it stay too. */
  self->task = join_task (words, duration_at, rest);
  find_unknown_word (self, lookup, user_data);

  g_assert (self->minutes >= 1 && self->minutes <= MINUTES_PER_DAY);
  g_assert (self->start >= -1 && self->start < MINUTES_PER_DAY);

  return g_steal_pointer (&self);
}

/**
 * mk_quick_entry_parse_task:
 * @line: what the person typed, UTF-8, without a duration ("call Acme")
 * @lookup: (nullable): resolves a casefolded word to a category
 * @user_data: data for @lookup
 *
 * Reads a line that names what is being done but not for how long, as when
 * a timer starts or the minutes come from a separate field: a category of
 * one or two words (first) and the task, every word.  "call Acme" gives
 * Calls and "call Acme"; "Acme" gives no category, "Acme" and the unknown
 * word "Acme".
 *
 * Returns: (transfer full): the category and task; minutes is 0 and start
 *   is -1.  Never fails: an unknown or missing category is %NULL.
 */
MkQuickEntry *
mk_quick_entry_parse_task (const char        *line,
                           MkAliasLookupFunc  lookup,
                           gpointer           user_data)
{
  MkQuickEntry *self;
  g_auto(GStrv) words = NULL;
  guint n_words = 0;

  g_return_val_if_fail (line != NULL, NULL);

  self = g_new0 (MkQuickEntry, 1);
  self->start = -1;
  if (!g_utf8_validate (line, -1, NULL))
    {
      self->task = g_strdup ("");
      return self;
    }

  words = split_words (line, &n_words);
  for (guint n = MIN (2, n_words); n > 0 && self->category == NULL; n--)
    self->category = lookup_words (words, n, lookup, user_data, &self->category_text);
  self->task = join_task (NULL, 0, words);
  find_unknown_word (self, lookup, user_data);
  return self;
}

/**
 * mk_quick_entry_free:
 * @self: (nullable): a parsed line
 *
 * Frees @self and drops its reference on the category.
 */
void
mk_quick_entry_free (MkQuickEntry *self)
{
  if (self == NULL)
    return;

  g_clear_object (&self->category);
  g_free (self->category_text);
  g_free (self->unknown_word);
  g_free (self->task);
  g_free (self);
}

/**
 * mk_quick_entry_describe:
 * @self: a parsed line
 * @fallback: (nullable): the category used when the line names none: the
 *   one the person chose for it, else Other; or %NULL
 * @chosen: whether the person chose @fallback for this line
 *
 * Says how the line was understood, for the line under the entry:
 * "30 min · Calls · call Acme intro", "9:15–9:45 · 30 min · Meetings ·
 * meeting stand-up", "45 min · Calls (chosen) · Acme", "45 min · Other
 * (“Acme” is a new word) · Acme".
 *
 * Returns: (transfer full): the summary, translated.
 */
char *
mk_quick_entry_describe (const MkQuickEntry *self,
                         MkCategory         *fallback,
                         gboolean            chosen)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (fallback == NULL || MK_IS_CATEGORY (fallback), NULL);

  if (self->start >= 0)
    {
      g_ptr_array_add (parts, mk_format_time_range (self->start, self->start + self->minutes));
    }
  g_ptr_array_add (parts, mk_format_minutes (self->minutes));

  if (self->category != NULL)
    g_ptr_array_add (parts, g_strdup (mk_category_get_name (self->category)));
  else if (fallback != NULL && chosen)
    /* Translators: %s is the category the person chose for the line, e.g.
     * "Calls (chosen)". */
    g_ptr_array_add (parts, g_strdup_printf (_("%s (chosen)"),
                                             mk_category_get_name (fallback)));
  else if (fallback != NULL && self->unknown_word != NULL)
    /* Translators: the line names no category Minutka knows, e.g.
     * "Other (“demo” is a new word)". */
    g_ptr_array_add (parts, g_strdup_printf (_("%s (“%s” is a new word)"),
                                             mk_category_get_name (fallback),
                                             self->unknown_word));
  else if (fallback != NULL)
    g_ptr_array_add (parts, g_strdup (mk_category_get_name (fallback)));
  else
    g_ptr_array_add (parts, g_strdup (_("no category")));

  if (self->task[0] != '\0')
    g_ptr_array_add (parts, g_strdup (self->task));

  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}
