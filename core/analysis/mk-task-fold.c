/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-task-fold.c — one key for the task texts that describe the same work.
 *
 * The rules, in order (English and Russian; every rule is tested in
 * tests/analysis/test-task-fold.c):
 *  1. The text is split at white space; punctuation around a word is kept
 *     aside: quotes and brackets mark a quoted name, a trailing ":", "," or
 *     ";" is a separator that stays in the key, ". ! ?" end a sentence.
 *  2. Numbers go: any word with a digit ("4521", "#12", "Q3", "9:15"), and
 *     "№" or "#" alone.
 *  3. Client and people names go where the words say so:
 *     - a quoted name: «Ромашка», "Acme", “Acme Corp”;
 *     - a legal form and the name after it: ООО, АО, ИП, LLC, Inc, Ltd, GmbH…;
 *     - a capitalised word that does not start a sentence ("for Acme",
 *       "Звонок Иванову", "Call Soylent Foods: …").  English titles are
 *       often written in Title Case ("Weekly Sales Report"): in a text whose
 *       every other English word is capitalised, capitals mark a name only
 *       right after a word that leads into one ("Weekly Meeting with
 *       Boris").  Words in capitals (CRM, КП, РОП) are not names;
 *     - a preposition or "and" right before a removed name goes with it
 *       ("CRM entry for Acme" → "CRM entry", "Встреча с Ивановым" →
 *       "встреча"), and one left dangling at the end goes too.
 *  4. Case and spacing fold: the key is lower case, "ё" reads "е", words
 *     are joined by one space.  A separator of a removed word moves to the
 *     word before it ("Call Initech: pricing" → "call: pricing").  Beside
 *     the key comes a label to show, the same words with runs of two to
 *     four capitals kept (CRM, КП), so "crm entry" and "CRM entry" are one
 *     key that reads "CRM entry".
 *  5. A text that is nothing but numbers and names keeps its numbers
 *     ("1:1 с Ольгой" → "1:1"), else its names ("Acme"), rather than
 *     joining the texts without a description.
 *  6. The key is at most MK_TASK_KEY_MAX_CHARS characters, cut at a word.
 * An empty key means "no description".  The key is stable: the same text
 * always gives the same key and label, whatever came before it.
 */
#define G_LOG_DOMAIN "mk-analysis"

#include "config.h"

#include <string.h>

#include "mk-task-fold.h"

typedef enum {
  TOKEN_WORD,
  TOKEN_NUMBER,
  TOKEN_PUNCT,
} TokenKind;

typedef enum {
  SHAPE_LOWER,      /* starts with a small letter, or a lone capital */
  SHAPE_CAP,        /* a capital, then a small letter: a name candidate */
  SHAPE_UPPER,      /* capitals only: CRM, КП */
} TokenShape;

/* What a word is, looked up once per word (see word_flags()). */
enum {
  WORD_LEADS_INTO_NAME = 1 << 0,   /* "for", "с": goes with the name after it */
  WORD_DANGLES         = 1 << 1,   /* never ends a key */
  WORD_TITLE_SMALL     = 1 << 2,   /* stays small in English Title Case */
  WORD_LEGAL_FORM      = 1 << 3,   /* ООО, LLC: a company name follows */
  WORD_NOT_NAME        = 1 << 4,   /* capitalised, yet no name: December */
};

typedef struct {
  const char *start;      /* the word without the punctuation around it */
  gsize       len;
  gsize       lower;      /* offset of the lower-cased word in the scratch */
  gsize       lower_len;
  guint       chars;      /* characters in the word */
  guint       flags;
  TokenKind   kind;
  TokenShape  shape;
  gboolean    has_upper;
  gboolean    cyrillic;
  gboolean    latin;
  gboolean    quoted;
  gboolean    sentence_start;
  gboolean    name;
  char        sep;        /* ':', ',', ';' or 0 */
} Token;

#define MAX_TOKENS 128

typedef struct {
  Token    tokens[MAX_TOKENS];
  guint    n;
  GString *scratch;       /* the lower-cased words, each ending in a nul */
} Text;

static const struct {
  const char *word;
  guint       flags;
} known_words[] = {
#define LEAD (WORD_LEADS_INTO_NAME | WORD_DANGLES)
  { "for", LEAD | WORD_TITLE_SMALL }, { "with", LEAD | WORD_TITLE_SMALL },
  { "to", LEAD | WORD_TITLE_SMALL }, { "at", LEAD | WORD_TITLE_SMALL },
  { "from", LEAD | WORD_TITLE_SMALL }, { "by", LEAD | WORD_TITLE_SMALL },
  { "via", LEAD | WORD_TITLE_SMALL }, { "re", LEAD | WORD_TITLE_SMALL },
  { "and", LEAD | WORD_TITLE_SMALL }, { "&", LEAD }, { "of", LEAD | WORD_TITLE_SMALL },
  { "the", WORD_DANGLES | WORD_TITLE_SMALL }, { "a", WORD_DANGLES | WORD_TITLE_SMALL },
  { "an", WORD_DANGLES | WORD_TITLE_SMALL }, { "on", WORD_DANGLES | WORD_TITLE_SMALL },
  { "in", WORD_DANGLES | WORD_TITLE_SMALL }, { "or", WORD_DANGLES | WORD_TITLE_SMALL },
  { "about", WORD_DANGLES | WORD_TITLE_SMALL }, { "vs", WORD_TITLE_SMALL },
  { "per", WORD_TITLE_SMALL },
  { "для", LEAD }, { "с", LEAD }, { "со", LEAD }, { "у", LEAD }, { "к", LEAD },
  { "ко", LEAD }, { "от", LEAD }, { "в", LEAD }, { "во", LEAD }, { "на", LEAD },
  { "по", LEAD }, { "и", LEAD }, { "за", WORD_DANGLES }, { "о", WORD_DANGLES },
  { "об", WORD_DANGLES }, { "про", WORD_DANGLES },
#undef LEAD
  { "ооо", WORD_LEGAL_FORM }, { "оао", WORD_LEGAL_FORM }, { "зао", WORD_LEGAL_FORM },
  { "пао", WORD_LEGAL_FORM }, { "ао", WORD_LEGAL_FORM }, { "нко", WORD_LEGAL_FORM },
  { "ип", WORD_LEGAL_FORM }, { "тоо", WORD_LEGAL_FORM }, { "чп", WORD_LEGAL_FORM },
  { "llc", WORD_LEGAL_FORM }, { "inc", WORD_LEGAL_FORM }, { "ltd", WORD_LEGAL_FORM },
  { "gmbh", WORD_LEGAL_FORM }, { "corp", WORD_LEGAL_FORM }, { "plc", WORD_LEGAL_FORM },
  { "llp", WORD_LEGAL_FORM }, { "co", WORD_LEGAL_FORM }, { "ag", WORD_LEGAL_FORM },
  { "sa", WORD_LEGAL_FORM },
  { "january", WORD_NOT_NAME }, { "february", WORD_NOT_NAME }, { "march", WORD_NOT_NAME },
  { "april", WORD_NOT_NAME }, { "may", WORD_NOT_NAME }, { "june", WORD_NOT_NAME },
  { "july", WORD_NOT_NAME }, { "august", WORD_NOT_NAME }, { "september", WORD_NOT_NAME },
  { "october", WORD_NOT_NAME }, { "november", WORD_NOT_NAME },
  { "december", WORD_NOT_NAME }, { "monday", WORD_NOT_NAME }, { "tuesday", WORD_NOT_NAME },
  { "wednesday", WORD_NOT_NAME }, { "thursday", WORD_NOT_NAME },
  { "friday", WORD_NOT_NAME }, { "saturday", WORD_NOT_NAME }, { "sunday", WORD_NOT_NAME },
};

/* The flags of a lower-cased word; built once, read from any thread. */
static guint
word_flags (const char *lower,
            gsize       len)
{
  static GHashTable *table;

  if (len > 12)
    return 0;
  if (g_once_init_enter (&table))
    {
      GHashTable *t = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < G_N_ELEMENTS (known_words); i++)
        g_hash_table_insert (t, (gpointer) known_words[i].word,
                             GUINT_TO_POINTER (known_words[i].flags));
      g_once_init_leave (&table, t);
    }
  return GPOINTER_TO_UINT (g_hash_table_lookup (table, lower));
}

static gboolean
is_opening (gunichar c)
{
  switch (c)
    {
    case 0x00ab:   /* « */
    case 0x201c:   /* “ */
    case 0x201e:   /* „ */
    case 0x2018:   /* ‘ */
    case '"':
    case '\'':
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
is_closing (gunichar c)
{
  switch (c)
    {
    case 0x00bb:   /* » */
    case 0x201d:   /* ” */
    case 0x201c:   /* “ closes „ */
    case 0x2019:   /* ’ */
    case '"':
    case '\'':
      return TRUE;
    default:
      return FALSE;
    }
}

/* Punctuation that may stand before a word and is not part of it. */
static gboolean
is_leading_punct (gunichar c)
{
  return is_opening (c) || c == '(' || c == '[' || c == '{' || c == '#' || c == 0x2116 /* № */
         || c == '-' || c == 0x2013 || c == 0x2014 || c == '*' || c == '/' || c == 0x2022;
}

static gboolean
is_trailing_punct (gunichar c)
{
  return is_closing (c) || c == ')' || c == ']' || c == '}' || c == ',' || c == '.'
         || c == ':' || c == ';' || c == '!' || c == '?' || c == 0x2026 /* … */
         || c == '-' || c == 0x2013 || c == 0x2014 || c == '*' || c == '/';
}

static inline gboolean
is_space (const char *p)
{
  guchar b = (guchar) *p;

  if (b < 0x80)
    return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == '\v';
  /* The other spaces are U+0085, U+00A0 and U+1680 … U+3000. */
  if (b == 0xc2)
    return (guchar) p[1] == 0x85 || (guchar) p[1] == 0xa0;
  if (b >= 0xe1 && b <= 0xe3)
    return g_unichar_isspace (g_utf8_get_char (p));
  return FALSE;
}

static inline void
append_unichar (GString  *s,
                gunichar  c)
{
  char buf[6];
  int len = g_unichar_to_utf8 (c, buf);

  g_string_append_len (s, buf, len);
}

/* Reads the letters of the word once: its shape, script, whether it holds
 * a digit, and its lower-cased form (ё as е) into the scratch. */
static void
classify (Text  *text,
          Token *t)
{
  GString *scratch = text->scratch;
  const char *p = t->start;
  const char *end = t->start + t->len;
  guint letters = 0;
  gboolean digit = FALSE;
  gboolean any_lower = FALSE;
  gunichar first = 0;
  gboolean second_lower = FALSE;
  guint position = 0;

  t->lower = scratch->len;
  while (p < end)
    {
      guchar b = (guchar) *p;

      if (b < 0x80)
        {
          if (g_ascii_isdigit (b))
            digit = TRUE;
          else if (g_ascii_isalpha (b))
            {
              if (letters++ == 0)
                first = b;
              if (g_ascii_islower (b))
                {
                  any_lower = TRUE;
                  if (position == 1)
                    second_lower = TRUE;
                }
              else
                t->has_upper = TRUE;
            }
          g_string_append_c (scratch, g_ascii_tolower (b));
          p++;
        }
      else if (b == 0xd0 || b == 0xd1)
        {
          /* Russian letters, U+0400 … U+047F, without the tables. */
          gunichar c = g_utf8_get_char (p);
          gunichar lower = c;

          if (c <= 0x045f)
            {
              if (letters++ == 0)
                first = c;
              if (c >= 0x0430)
                {
                  any_lower = TRUE;
                  if (position == 1)
                    second_lower = TRUE;
                }
              else
                {
                  t->has_upper = TRUE;
                  lower = c >= 0x0410 ? c + 0x20 : c + 0x50;
                }
            }
          else
            letters++;
          if (lower == 0x0451)   /* ё */
            lower = 0x0435;
          append_unichar (scratch, lower);
          p += 2;
        }
      else
        {
          gunichar c = g_utf8_get_char (p);
          gunichar lower = c;

          if (g_unichar_isdigit (c))
            digit = TRUE;
          else if (g_unichar_isalpha (c))
            {
              if (letters++ == 0)
                first = c;
              if (g_unichar_islower (c))
                {
                  any_lower = TRUE;
                  if (position == 1)
                    second_lower = TRUE;
                }
              else if (g_unichar_isupper (c))
                {
                  t->has_upper = TRUE;
                  lower = g_unichar_tolower (c);
                }
            }
          if (lower == 0x0451)   /* ё */
            lower = 0x0435;
          append_unichar (scratch, lower);
          p = g_utf8_next_char (p);
        }
      position++;
    }
  t->chars = position;
  t->lower_len = scratch->len - t->lower;
  g_string_append_c (scratch, '\0');

  if (digit)
    t->kind = TOKEN_NUMBER;
  else if (letters == 0)
    t->kind = TOKEN_PUNCT;
  else
    {
      t->kind = TOKEN_WORD;
      t->cyrillic = first >= 0x0400 && first <= 0x04ff;
      t->latin = first < 0x250;
      if (letters >= 2 && !any_lower)
        t->shape = SHAPE_UPPER;
      else if (t->has_upper && second_lower
               && (first < 0x80 ? g_ascii_isupper (first) : g_unichar_isupper (first)))
        t->shape = SHAPE_CAP;
      else
        t->shape = SHAPE_LOWER;
      t->flags = word_flags (scratch->str + t->lower, t->lower_len);
      /* A legal form is written with a capital: "co" is no company. */
      if ((t->flags & WORD_LEGAL_FORM) && !t->has_upper)
        t->flags &= ~WORD_LEGAL_FORM;
    }
}

/* Splits @start … @end into words. */
static void
tokenize (Text       *text,
          const char *start,
          const char *end)
{
  const char *p = start;
  gboolean in_quote = FALSE;
  gboolean sentence_start = TRUE;

  text->n = 0;
  g_string_truncate (text->scratch, 0);
  while (p < end && text->n < MAX_TOKENS)
    {
      const char *word_end;
      const char *core_start;
      const char *core_end;
      gboolean opened = FALSE;
      gboolean closed = FALSE;
      gboolean ends_sentence = FALSE;
      Token *t;

      while (p < end && is_space (p))
        p = g_utf8_next_char (p);
      if (p >= end)
        break;
      word_end = p;
      while (word_end < end && !is_space (word_end))
        word_end = g_utf8_next_char (word_end);

      t = &text->tokens[text->n];
      memset (t, 0, sizeof *t);

      core_start = p;
      while (core_start < word_end && is_leading_punct (g_utf8_get_char (core_start)))
        {
          if (is_opening (g_utf8_get_char (core_start)))
            opened = TRUE;
          core_start = g_utf8_next_char (core_start);
        }

      core_end = word_end;
      while (core_end > core_start)
        {
          const char *prev = g_utf8_prev_char (core_end);
          gunichar c = g_utf8_get_char (prev);

          if (!is_trailing_punct (c))
            break;
          if (is_closing (c))
            closed = TRUE;
          else if (c == ':' || c == ',' || c == ';')
            t->sep = t->sep ? t->sep : (char) c;
          else if (c == '.' || c == '!' || c == '?' || c == 0x2026)
            ends_sentence = TRUE;
          core_end = prev;
        }

      t->start = core_start;
      t->len = (gsize) (core_end - core_start);
      if (t->len == 0)
        t->kind = TOKEN_PUNCT;
      else
        classify (text, t);

      if (opened)
        in_quote = TRUE;
      t->quoted = in_quote && t->kind != TOKEN_PUNCT;
      if (closed)
        in_quote = FALSE;

      if (t->kind == TOKEN_WORD)
        {
          t->sentence_start = sentence_start;
          sentence_start = FALSE;
        }
      if (ends_sentence)
        sentence_start = TRUE;

      text->n++;
      p = word_end;
    }
}

/* Whether token @i follows a word that leads into a name ("for", "с"),
 * or continues a run of capitalised words that does ("for Soylent Foods"). */
static gboolean
after_name_lead (const Token *tokens,
                 guint        i)
{
  while (i > 0)
    {
      const Token *prev = &tokens[i - 1];

      if (prev->kind != TOKEN_WORD || prev->sep)
        return FALSE;
      if (prev->flags & WORD_LEADS_INTO_NAME)
        return TRUE;
      if (prev->shape != SHAPE_CAP)
        return FALSE;
      i--;
    }
  return FALSE;
}

/* English words in Title Case, such as "Weekly Sales Report": capitals
 * there do not mark names, except after a word that leads into one
 * ("Weekly Meeting with Boris"). */
static gboolean
is_title_case (const Text *text)
{
  guint caps = 0;
  guint small = 0;

  for (guint i = 0; i < text->n; i++)
    {
      const Token *t = &text->tokens[i];

      if (t->kind != TOKEN_WORD || !t->latin || t->sentence_start || t->quoted
          || t->shape == SHAPE_UPPER || (t->flags & WORD_TITLE_SMALL)
          || after_name_lead (text->tokens, i))
        continue;
      if (t->shape == SHAPE_CAP)
        caps++;
      else
        small++;
    }
  return caps > 0 && small == 0;
}

static void
mark_names (Text *text)
{
  Token *tokens = text->tokens;
  guint n = text->n;
  gboolean title_case = is_title_case (text);

  for (guint i = 0; i < n; i++)
    {
      Token *t = &tokens[i];

      if (t->kind != TOKEN_WORD)
        continue;
      if (t->quoted)
        t->name = TRUE;
      else if (t->flags & WORD_LEGAL_FORM)
        {
          t->name = TRUE;
          /* "ИП Соколова", "ООО РОМАШКА": the name after the form. */
          if (i + 1 < n && tokens[i + 1].kind == TOKEN_WORD && !tokens[i + 1].quoted
              && tokens[i + 1].shape != SHAPE_LOWER)
            tokens[i + 1].name = TRUE;
        }
      else if (t->shape == SHAPE_CAP && !t->sentence_start
               && (t->cyrillic || !title_case || after_name_lead (tokens, i))
               && !(t->flags & WORD_NOT_NAME))
        t->name = TRUE;
    }
}

/* Appends the word to @key lower-cased, and to @label lower-cased except
 * runs of 2–4 capitals; ё reads е in both. */
static void
append_word (const Text  *text,
             const Token *t,
             GString     *key,
             GString     *label)
{
  const char *end = t->start + t->len;
  const char *p = t->start;

  g_string_append_len (key, text->scratch->str + t->lower, (gssize) t->lower_len);
  if (!t->has_upper)
    {
      g_string_append_len (label, text->scratch->str + t->lower, (gssize) t->lower_len);
      return;
    }

  while (p < end)
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isupper (c))
        {
          /* The run of capitals this one starts. */
          const char *q = p;
          guint run = 0;

          while (q < end && g_unichar_isupper (g_utf8_get_char (q)))
            {
              run++;
              q = g_utf8_next_char (q);
            }
          for (; p < q; p = g_utf8_next_char (p))
            {
              gunichar u = g_utf8_get_char (p);

              if (run >= 2 && run <= 4)
                append_unichar (label, u == 0x0401 ? 0x0415 : u);
              else
                append_unichar (label, u == 0x0401 ? 0x0435 : g_unichar_tolower (u));
            }
          continue;
        }
      append_unichar (label, c == 0x0451 ? 0x0435 : c);
      p = g_utf8_next_char (p);
    }
}

/* Writes the kept words into @key; numbers and names stay when asked. */
static void
build_key (Text     *text,
           gboolean  keep_numbers,
           gboolean  keep_names,
           GString  *key,
           GString  *label)
{
  Token *tokens = text->tokens;
  guint kept[MAX_TOKENS];
  char seps[MAX_TOKENS];
  guint n_kept = 0;
  glong chars = 0;

  g_string_truncate (key, 0);
  g_string_truncate (label, 0);
  for (guint i = 0; i < text->n; i++)
    {
      Token *t = &tokens[i];
      char sep = t->sep;
      gboolean drop = (t->kind == TOKEN_NUMBER && !keep_numbers) || t->kind == TOKEN_PUNCT
                      || (t->name && !keep_names);

      if (!drop)
        {
          seps[n_kept] = sep;
          kept[n_kept++] = i;
          continue;
        }
      /* "for Acme": the preposition goes with the name. */
      if (t->kind == TOKEN_WORD && n_kept > 0 && kept[n_kept - 1] == i - 1
          && !seps[n_kept - 1] && (tokens[i - 1].flags & WORD_LEADS_INTO_NAME))
        n_kept--;
      /* A removed word's separator moves to the word before it. */
      if (sep && n_kept > 0 && !seps[n_kept - 1])
        seps[n_kept - 1] = sep;
    }

  /* Nothing dangles at the end. */
  while (n_kept > 0 && (tokens[kept[n_kept - 1]].flags & WORD_DANGLES))
    n_kept--;

  for (guint k = 0; k < n_kept; k++)
    {
      const Token *t = &tokens[kept[k]];
      gsize before = key->len;
      gsize label_before = label->len;

      if (k > 0)
        {
          g_string_append_c (key, ' ');
          g_string_append_c (label, ' ');
        }
      append_word (text, t, key, label);
      if (seps[k] && k + 1 < n_kept)
        {
          g_string_append_c (key, seps[k]);
          g_string_append_c (label, seps[k]);
        }
      chars += (glong) t->chars + (k > 0) + (seps[k] && k + 1 < n_kept);
      if (chars > MK_TASK_KEY_MAX_CHARS)
        {
          g_string_truncate (key, before);
          g_string_truncate (label, label_before);
          g_string_append (key, "…");
          g_string_append (label, "…");
          break;
        }
    }
}

static void
text_free (gpointer data)
{
  Text *text = data;

  g_string_free (text->scratch, TRUE);
  g_free (text);
}

/**
 * mk_task_fold_into:
 * @text: a task text, UTF-8
 * @length: its length in bytes, or -1 when nul-terminated
 * @key: where the key is written (it is emptied first)
 * @label: (nullable): where the label is written (emptied first)
 *
 * Folds @text into the key of the work it describes and the label that
 * shows it; see the rules above.  Invalid UTF-8 is read as if the bad
 * bytes were replaced.  Words past the 128th are not read.
 */
void
mk_task_fold_into (const char *text,
                   gssize      length,
                   GString    *key,
                   GString    *label)
{
  static GPrivate scratch_key = G_PRIVATE_INIT (text_free);
  g_autoptr(GString) own_label = NULL;
  g_autofree char *valid = NULL;
  Text *words;
  const char *end;

  g_return_if_fail (key != NULL);

  if (label == NULL)
    label = own_label = g_string_new (NULL);
  g_string_truncate (key, 0);
  g_string_truncate (label, 0);
  if (text == NULL)
    return;
  if (length < 0)
    length = (gssize) strlen (text);
  if (!g_utf8_validate_len (text, (gsize) length, NULL))
    {
      valid = g_utf8_make_valid (text, length);
      text = valid;
      length = (gssize) strlen (valid);
    }
  end = text + length;

  /* The token table is big; each thread keeps one. */
  words = g_private_get (&scratch_key);
  if (words == NULL)
    {
      words = g_new0 (Text, 1);
      words->scratch = g_string_sized_new (256);
      g_private_set (&scratch_key, words);
    }

  tokenize (words, text, end);
  mark_names (words);
  build_key (words, FALSE, FALSE, key, label);
  /* Nothing but numbers and names: the numbers say what it was
   * ("1:1 с Ольгой"), else the names do ("Acme"). */
  if (key->len == 0)
    build_key (words, TRUE, FALSE, key, label);
  if (key->len == 0)
    build_key (words, FALSE, TRUE, key, label);
}

/**
 * mk_task_fold:
 * @text: (nullable): a task text
 *
 * Returns: (transfer full): the key of @text, "" for a text that says
 *   nothing (empty, or only numbers).
 */
char *
mk_task_fold (const char *text)
{
  GString *key = g_string_new (NULL);

  mk_task_fold_into (text, -1, key, NULL);
  return g_string_free (key, FALSE);
}
