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
 *                                                   crossing midnight allowed
 *
 * The category is looked up through the caller's MkAliasLookupFunc, two
 * words before one ("follow up" before "follow"), casefolded.  A category
 * before the duration must be known, or the line has no duration; a word
 * after it that names no category stays in the task, and the result has
 * no category (the caller picks the last used one and says so).
 *
 * Invariants of a parsed MkQuickEntry: 1 ≤ minutes ≤ 1440; start is -1 or
 * 0 … 1439; task is never NULL.  Every refused line raises MK_PARSE_ERROR
 * with a translated sentence that says what to write instead.
 *
 * Only the duration forms a person types into one line live here; the
 * importer's column parsing (h:mm:ss, "1 h 30 m" cells, locale-specific
 * dates) is mk-duration's job.
 */
#define G_LOG_DOMAIN "mk-quick-entry"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "mk-error.h"
#include "mk-quick-entry.h"

#define MINUTES_PER_DAY 1440
/* Numbers are saturated here, so "99999999999" is "too long", not an overflow. */
#define NUMBER_CAP      10000000

typedef enum {
  UNIT_NONE,
  UNIT_MINUTES,
  UNIT_HOURS,
  UNIT_UNKNOWN,
} Unit;

typedef enum {
  SCAN_NOT_NUMBER,   /* the word does not start with a digit */
  SCAN_OK,
  SCAN_BAD,          /* starts with a digit but is no duration; error set */
} ScanResult;

typedef struct {
  double   minutes;
  gboolean decimal;   /* had a fraction, so a bare number means hours */
  gboolean clock;     /* h:mm */
  Unit     unit;
} Quantity;

static const char * const minute_units[] = {
  "m", "min", "mins", "minute", "minutes",
  "м", "мин", "минута", "минуты", "минут", "минуту", "минутка", "минутки",
  NULL
};

static const char * const hour_units[] = {
  "h", "hr", "hrs", "hour", "hours",
  "ч", "час", "часа", "часов", "часик",
  NULL
};

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

static Unit
unit_from_text (const char *text,
                gssize      len)
{
  g_autofree char *folded = NULL;
  gsize n;

  if (len < 0)
    len = strlen (text);
  if (len == 0)
    return UNIT_NONE;

  folded = g_utf8_casefold (text, len);
  /* "мин." and "ч." are the usual Russian abbreviations; "30, call" has a comma. */
  n = strlen (folded);
  while (n > 0 && strchr (".,;:", folded[n - 1]) != NULL)
    folded[--n] = '\0';
  if (n == 0)
    return UNIT_NONE;

  if (g_strv_contains (minute_units, folded))
    return UNIT_MINUTES;
  if (g_strv_contains (hour_units, folded))
    return UNIT_HOURS;
  return UNIT_UNKNOWN;
}

/* Reads digits at *p, saturating at NUMBER_CAP; returns how many were read. */
static int
read_digits (const char **p,
             gint64      *value)
{
  int n = 0;

  *value = 0;
  while (g_ascii_isdigit (**p))
    {
      if (*value < NUMBER_CAP)
        *value = *value * 10 + (**p - '0');
      (*p)++;
      n++;
    }
  return n;
}

/* Reads "12", "12.5" or "12,5" at *p. */
static void
read_number (const char **p,
             double      *value,
             gboolean    *decimal)
{
  gint64 whole;

  read_digits (p, &whole);
  *value = whole;
  *decimal = FALSE;

  if ((**p == '.' || **p == ',') && g_ascii_isdigit ((*p)[1]))
    {
      double scale = 0.1;

      (*p)++;
      *decimal = TRUE;
      for (; g_ascii_isdigit (**p); (*p)++, scale /= 10)
        *value += (**p - '0') * scale;
    }
}

static void
set_not_duration_error (GError    **error,
                        const char *word)
{
  g_set_error (error, MK_PARSE_ERROR, MK_PARSE_ERROR_DURATION,
               /* Translators: %s is what the user typed, e.g. "3x". */
               _("“%s” is not a duration: write minutes (30), hours and minutes (1:30) "
                 "or hours (1,5h)"),
               word);
}

/* Reads one word as a quantity: "30", "1:30", "1,5ч", "45m", "1h30", "1ч30м". */
static ScanResult
scan_quantity (const char *word,
               Quantity   *q,
               GError    **error)
{
  const char *p = word;
  const char *unit_start;
  double value;

  memset (q, 0, sizeof *q);
  if (!g_ascii_isdigit (*p))
    return SCAN_NOT_NUMBER;

  read_number (&p, &value, &q->decimal);

  if (*p == ':' && !q->decimal)
    {
      gint64 mins;
      int n_digits;

      p++;
      n_digits = read_digits (&p, &mins);
      if (n_digits == 0 || *p != '\0')
        {
          set_not_duration_error (error, word);
          return SCAN_BAD;
        }
      if (mins > 59)
        {
          g_set_error (error, MK_PARSE_ERROR, MK_PARSE_ERROR_DURATION,
                       /* Translators: "“1:75” has 75 minutes after the colon; …" */
                       _("“%s” has %d minutes after the colon; write at most 59"),
                       word, (int) mins);
          return SCAN_BAD;
        }
      q->clock = TRUE;
      q->minutes = value * 60 + mins;
      return SCAN_OK;
    }

  unit_start = p;
  while (*p != '\0' && !g_ascii_isdigit (*p))
    p = g_utf8_next_char (p);
  q->unit = unit_from_text (unit_start, p - unit_start);
  if (q->unit == UNIT_UNKNOWN)
    {
      set_not_duration_error (error, word);
      return SCAN_BAD;
    }
  q->minutes = q->unit == UNIT_HOURS ? value * 60 : value;
  if (q->unit == UNIT_NONE)
    q->minutes = q->decimal ? value * 60 : value;

  if (*p != '\0')
    {
      /* "1h30", "1ч30м": whole hours followed by minutes in one word. */
      gint64 mins;
      Unit tail_unit;

      read_digits (&p, &mins);
      tail_unit = unit_from_text (p, -1);
      if (q->unit != UNIT_HOURS || q->decimal
          || (tail_unit != UNIT_NONE && tail_unit != UNIT_MINUTES))
        {
          set_not_duration_error (error, word);
          return SCAN_BAD;
        }
      if (mins > 59)
        {
          g_set_error (error, MK_PARSE_ERROR, MK_PARSE_ERROR_DURATION,
                       _("“%s” has %d minutes after the hours; write at most 59"),
                       word, (int) mins);
          return SCAN_BAD;
        }
      q->minutes += mins;
    }

  return SCAN_OK;
}

/* Reads a time of day, "9", "9:15", "09.15" or "24:00", into minutes after
 * midnight; -1 when @text is not one. */
static int
parse_time_of_day (const char *text,
                   gssize      len)
{
  const char *p = text;
  const char *end = text + (len < 0 ? (gssize) strlen (text) : len);
  gint64 hours = 0;
  gint64 mins = 0;
  int n;

  n = 0;
  while (p < end && g_ascii_isdigit (*p))
    {
      hours = hours * 10 + (*p++ - '0');
      if (++n > 2)
        return -1;
    }
  if (n == 0)
    return -1;

  if (p < end && (*p == ':' || *p == '.'))
    {
      p++;
      n = 0;
      while (p < end && g_ascii_isdigit (*p))
        {
          mins = mins * 10 + (*p++ - '0');
          if (++n > 2)
            return -1;
        }
      if (n != 2)
        return -1;
    }
  if (p != end || mins > 59 || hours > 24 || (hours == 24 && mins > 0))
    return -1;

  return hours * 60 + mins;
}

/* Splits "9:15-9:45" at its dash; FALSE when @word has no dash inside. */
static gboolean
split_range (const char  *word,
             const char **dash,
             const char **after)
{
  for (const char *p = word; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (p != word && is_dash (g_utf8_get_char (p)))
        {
          *dash = p;
          *after = g_utf8_next_char (p);
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
parse_range (const char *from,
             gssize      from_len,
             const char *to,
             int        *start,
             int        *minutes,
             GError    **error)
{
  int a = parse_time_of_day (from, from_len);
  int b = parse_time_of_day (to, -1);

  if (a < 0 || b < 0)
    {
      g_autofree char *bad = a < 0 ? g_strndup (from, from_len) : g_strdup (to);

      g_set_error (error, MK_PARSE_ERROR, MK_PARSE_ERROR_TIME,
                   /* Translators: %s is what the user typed as a start or end time. */
                   _("“%s” is not a time of day; write it like 9:15 or 14:30"), bad);
      return FALSE;
    }

  *start = a % MINUTES_PER_DAY;
  *minutes = ((b - a) % MINUTES_PER_DAY + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  return TRUE;
}

static gboolean
check_minutes (double  value,
               int    *minutes,
               GError **error)
{
  if (value > MINUTES_PER_DAY + 0.5)
    {
      int whole = value >= NUMBER_CAP ? NUMBER_CAP : (int) lround (value);

      if (whole % 60 == 0)
        g_set_error (error, MK_PARSE_ERROR, MK_PARSE_ERROR_RANGE,
                     ngettext ("%d hour is longer than a day",
                               "%d hours is longer than a day", whole / 60),
                     whole / 60);
      else
        {
          g_autofree char *text = mk_quick_entry_format_minutes (whole);

          g_set_error (error, MK_PARSE_ERROR, MK_PARSE_ERROR_RANGE,
                       /* Translators: %s is a duration, e.g. "24 h 30 min". */
                       _("%s is longer than a day"), text);
        }
      return FALSE;
    }

  *minutes = (int) lround (value);
  if (*minutes < 1)
    {
      g_set_error_literal (error, MK_PARSE_ERROR, MK_PARSE_ERROR_RANGE,
                           _("0 minutes — nothing to log"));
      return FALSE;
    }
  return TRUE;
}

/* Tries to read a duration starting at words[i].  Returns SCAN_NOT_NUMBER
 * when words[i] does not start one; on SCAN_OK sets *consumed to the number
 * of words it used. */
static ScanResult
scan_duration (char  **words,
               guint   i,
               guint   n_words,
               int    *start,
               int    *minutes,
               guint  *consumed,
               GError **error)
{
  const char *word = words[i];
  const char *dash;
  const char *after;
  Quantity q;
  ScanResult result;

  *start = -1;
  if (!g_ascii_isdigit (*word))
    return SCAN_NOT_NUMBER;

  /* "9:15-9:45" in one word, or "9:15 - 9:45" in three. */
  if (split_range (word, &dash, &after))
    {
      *consumed = 1;
      if (!parse_range (word, dash - word, after, start, minutes, error))
        return SCAN_BAD;
      return check_minutes (*minutes, minutes, error) ? SCAN_OK : SCAN_BAD;
    }
  if (i + 2 < n_words && is_dash_word (words[i + 1]) && g_ascii_isdigit (*words[i + 2]))
    {
      *consumed = 3;
      if (!parse_range (word, -1, words[i + 2], start, minutes, error))
        return SCAN_BAD;
      return check_minutes (*minutes, minutes, error) ? SCAN_OK : SCAN_BAD;
    }

  result = scan_quantity (word, &q, error);
  if (result != SCAN_OK)
    return result;
  *consumed = 1;

  /* "30 мин", "1,5 h", "2 часа": the unit as a word of its own. */
  if (q.unit == UNIT_NONE && !q.clock && i + 1 < n_words)
    {
      Unit unit = unit_from_text (words[i + 1], -1);

      if (unit == UNIT_MINUTES || unit == UNIT_HOURS)
        {
          double value = q.decimal ? q.minutes / 60 : q.minutes;

          q.unit = unit;
          q.minutes = unit == UNIT_HOURS ? value * 60 : value;
          *consumed = 2;
        }
    }

  /* "1h 30m", "1 ч 30 мин": minutes after whole hours. */
  if (q.unit == UNIT_HOURS && !q.decimal && i + *consumed < n_words)
    {
      const char *next = words[i + *consumed];
      Quantity tail;
      g_autoptr(GError) tail_error = NULL;

      if (scan_quantity (next, &tail, &tail_error) == SCAN_OK && !tail.clock && !tail.decimal)
        {
          if (tail.unit == UNIT_MINUTES)
            {
              q.minutes += tail.minutes;
              *consumed += 1;
            }
          else if (tail.unit == UNIT_NONE && i + *consumed + 1 < n_words
                   && unit_from_text (words[i + *consumed + 1], -1) == UNIT_MINUTES)
            {
              q.minutes += tail.minutes;
              *consumed += 2;
            }
        }
    }

  return check_minutes (q.minutes, minutes, error) ? SCAN_OK : SCAN_BAD;
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

  *n_words = words->len;
  g_ptr_array_add (words, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&words), FALSE);
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
 *   blank line, %MK_PARSE_ERROR_DURATION when no duration can be read,
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
  g_autoptr(GString) task = NULL;
  guint n_words = 0;
  guint at = 0;
  guint consumed = 0;
  guint rest;
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

  /* The duration is the first word, or comes after a known category of one
   * or two words ("перезвон 20 ООО Вектор", "follow up 20 Acme"). */
  for (at = 0; at < MIN (n_words, 3); at++)
    {
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
      else if ((is_dash (g_utf8_get_char (words[0])) || *words[0] == '+')
               && g_ascii_isdigit (*g_utf8_next_char (words[0])))
        {
          g_set_error (error, MK_PARSE_ERROR, MK_PARSE_ERROR_DURATION,
                       _("“%s”: write how long it took without a sign, for example “30”"),
                       words[0]);
          return NULL;
        }

      result = scan_duration (words, at, n_words, &self->start, &self->minutes,
                              &consumed, error);
      if (result == SCAN_BAD)
        return NULL;
      if (result == SCAN_OK)
        break;
    }

  if (result != SCAN_OK)
    {
      g_set_error_literal (error, MK_PARSE_ERROR, MK_PARSE_ERROR_DURATION,
                           _("Write how long it took, for example “30 call Acme”"));
      return NULL;
    }

  rest = at + consumed;
  if (self->category == NULL && rest < n_words)
    {
      for (guint n = MIN (2, n_words - rest); n > 0 && self->category == NULL; n--)
        {
          self->category = lookup_words (words + rest, n, lookup, user_data,
                                         &self->category_text);
          if (self->category != NULL)
            rest += n;
        }
    }

  /* A dash or colon between category and task is punctuation, not task. */
  if (rest < n_words && (is_dash_word (words[rest]) || g_str_equal (words[rest], ":")))
    rest++;

  task = g_string_new (NULL);
  for (guint k = rest; k < n_words; k++)
    g_string_append_printf (task, task->len > 0 ? " %s" : "%s", words[k]);
  self->task = g_string_free (g_steal_pointer (&task), FALSE);

  g_assert (self->minutes >= 1 && self->minutes <= MINUTES_PER_DAY);
  g_assert (self->start >= -1 && self->start < MINUTES_PER_DAY);

  return g_steal_pointer (&self);
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
  g_free (self->task);
  g_free (self);
}

/**
 * mk_quick_entry_format_minutes:
 * @minutes: a duration in minutes, ≥ 0
 *
 * Returns: (transfer full): @minutes as a person reads it: "30 min",
 *   "2 h", "1 h 30 min", translated.
 */
char *
mk_quick_entry_format_minutes (int minutes)
{
  if (minutes < 60)
    /* Translators: a short duration, e.g. "30 min". */
    return g_strdup_printf (_("%d min"), minutes);
  if (minutes % 60 == 0)
    /* Translators: a whole number of hours, e.g. "2 h". */
    return g_strdup_printf (_("%d h"), minutes / 60);
  /* Translators: hours and minutes, e.g. "1 h 30 min". */
  return g_strdup_printf (_("%d h %d min"), minutes / 60, minutes % 60);
}

/**
 * mk_quick_entry_format_time:
 * @minute_of_day: minutes after midnight, 0 … 1439
 *
 * Returns: (transfer full): the time of day as "9:05" or "14:30".
 */
char *
mk_quick_entry_format_time (int minute_of_day)
{
  g_return_val_if_fail (minute_of_day >= 0, g_strdup (""));

  minute_of_day %= MINUTES_PER_DAY;
  return g_strdup_printf ("%d:%02d", minute_of_day / 60, minute_of_day % 60);
}

/**
 * mk_quick_entry_describe:
 * @self: a parsed line
 * @fallback: (nullable): the category used when the line named none (the
 *   last used one), or %NULL
 *
 * Says how the line was understood, for the line under the entry:
 * "30 min · Calls · Acme intro", "9:15–9:45 · 30 min · Meetings · stand-up",
 * "45 min · Calls (last used) · Acme".
 *
 * Returns: (transfer full): the summary, translated.
 */
char *
mk_quick_entry_describe (const MkQuickEntry *self,
                         MkCategory         *fallback)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (fallback == NULL || MK_IS_CATEGORY (fallback), NULL);

  if (self->start >= 0)
    {
      g_autofree char *from = mk_quick_entry_format_time (self->start);
      g_autofree char *to = mk_quick_entry_format_time (self->start + self->minutes);

      g_ptr_array_add (parts, g_strdup_printf ("%s–%s", from, to));
    }
  g_ptr_array_add (parts, mk_quick_entry_format_minutes (self->minutes));

  if (self->category != NULL)
    g_ptr_array_add (parts, g_strdup (mk_category_get_name (self->category)));
  else if (fallback != NULL)
    g_ptr_array_add (parts, g_strdup_printf (/* Translators: %s is a category, e.g. "Calls (last used)". */
                                             _("%s (last used)"),
                                             mk_category_get_name (fallback)));
  else
    g_ptr_array_add (parts, g_strdup (_("no category")));

  if (self->task[0] != '\0')
    g_ptr_array_add (parts, g_strdup (self->task));

  g_ptr_array_add (parts, NULL);
  return g_strjoinv (" · ", (char **) parts->pdata);
}
