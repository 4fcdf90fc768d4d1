/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-import-row.c — one CSV record into one entry.
 *
 * Design notes.
 *
 * Rules for a record, in order:
 *   1. every value trimmed (spaces, tabs, no-break spaces, line breaks);
 *   2. all values empty: a blank row, skipped;
 *   3. the first non-empty value is "Total", "Итого", "Всего", "Sum" … or
 *      the row has no date and holds only numbers: a totals row, skipped;
 *   4. the day comes from the date column (or from the start column when
 *      it holds date and time); the start from the start column; the
 *      duration from the duration column, else from start and end (with
 *      dates on both, their difference, zones taken into account; with
 *      times only, an end before the start is on the next day when that
 *      makes at most 12 hours, else the row is invalid).  When both are
 *      there the duration is checked against start and end: a bare number
 *      is read in the unit that agrees (seconds, minutes or hours, and
 *      later bare numbers of the file in that unit too), and a duration
 *      that agrees in no unit gives way to start and end (the row is
 *      noted, and counted in the summary);
 *   5. less than half a minute is an empty entry (a timer started and
 *      stopped at once), skipped and counted, never an error;
 *   6. the person is --person, else the person column, else first and
 *      last name, else the e-mail; the e-mail column, when present, goes
 *      with it;
 *   7. the category text is looked up in the alias table; a list ("calls,
 *      crm") is tried item by item, then the text's words ("Telephone
 *      calls", "Звонок клиенту") when they name one category only; no
 *      match goes to `other` and is counted as unmapped.
 * A violated rule makes the row invalid with a message naming the value.
 * People and categories are cached by their text, so the store is asked
 * once per distinct name, not once per row.
 */
#define G_LOG_DOMAIN "mk-import-row"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mk-duration.h"
#include "mk-error.h"
#include "mk-import-row.h"

struct _MkImportConverter {
  MkStore               *store;
  gboolean               write_people;
  const MkColumnMap     *map;
  const MkImportOptions *options;
  MkDateOrder            order;
  int                    date_column;
  MkDurationUnit         learned_unit; /* what start and end said a bare number is */
  MkCategory            *other;
  GHashTable            *people;      /* "name\nemail" casefolded → gint64 id */
  GHashTable            *categories;  /* text → MkCategory (borrowed) or NULL */
  GHashTable            *overrides;   /* text casefolded → MkCategory (borrowed) */
  GHashTable            *unmapped;    /* text → count (guint64 in a pointer-size box) */
  GString               *arena;
  GPtrArray             *values;
  GString               *person_buf;
  GString               *key_buf;
  GArray                *offsets;
};

static const char * const total_words[] = {
  "total", "totals", "grand total", "subtotal", "sum", "итого", "итог", "всего", "сумма",
  "общий итог", "промежуточный итог",
};

/* The column the day comes from: the date column, else the start column. */
int
mk_import_date_source (const MkColumnMap *map)
{
  return map->date >= 0 ? map->date : map->start;
}

MkImportConverter *
mk_import_converter_new (MkStore               *store,
                         gboolean               write_people,
                         const MkColumnMap     *map,
                         const MkImportOptions *options,
                         MkDateOrder            order)
{
  MkImportConverter *self = g_new0 (MkImportConverter, 1);

  self->store = store;
  self->write_people = write_people;
  self->map = map;
  self->options = options;
  self->order = order;
  self->date_column = mk_import_date_source (map);
  self->other = store ? mk_store_get_category_by_key (store, "other") : NULL;
  self->people = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->categories = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->overrides = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->unmapped = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->arena = g_string_sized_new (256);
  self->values = g_ptr_array_new ();
  self->person_buf = g_string_sized_new (64);
  self->key_buf = g_string_sized_new (64);
  self->offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  return self;
}

void
mk_import_converter_free (MkImportConverter *self)
{
  if (self == NULL)
    return;
  g_hash_table_unref (self->people);
  g_hash_table_unref (self->categories);
  g_hash_table_unref (self->overrides);
  g_hash_table_unref (self->unmapped);
  g_string_free (self->arena, TRUE);
  g_ptr_array_unref (self->values);
  g_string_free (self->person_buf, TRUE);
  g_string_free (self->key_buf, TRUE);
  g_array_unref (self->offsets);
  g_free (self);
}

/* A --map that is not (yet) in the store: a preview or a dry run's view. */
void
mk_import_converter_add_override (MkImportConverter *self,
                                  const char        *text,
                                  MkCategory        *category)
{
  g_hash_table_replace (self->overrides, g_utf8_casefold (text, -1), category);
  g_hash_table_remove_all (self->categories);
}

static gboolean
is_blank_byte (const char *p)
{
  return *p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'
         || ((guchar) p[0] == 0xC2 && (guchar) p[1] == 0xA0);
}

/* The record's values, trimmed.  A value with nothing to trim is the
 * record's own text (NUL-terminated by the reader); the others are copied
 * into the arena.  Pointers into the arena are made once it stops growing. */
static void
trim_values (MkImportConverter *self,
             const MkRecord    *record)
{
  GArray *offsets = self->offsets;
  guint n = MAX (record->n_fields, self->map->n_columns);

  g_string_truncate (self->arena, 0);
  g_ptr_array_set_size (self->values, n);
  g_array_set_size (offsets, n);
  for (guint i = 0; i < n; i++)
    {
      const char *text = i < record->n_fields ? record->fields[i] : "";
      const char *start = text;
      const char *end = start + (i < record->n_fields ? record->lengths[i] : 0);
      const char *field_end = end;

      while (start < end && is_blank_byte (start))
        start += ((guchar) *start == 0xC2) ? 2 : 1;
      while (end > start && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'
                             || end[-1] == '\n'
                             || (end - start >= 2 && (guchar) end[-2] == 0xC2
                                 && (guchar) end[-1] == 0xA0)))
        end -= ((guchar) end[-1] == 0xA0 && end - start >= 2 && (guchar) end[-2] == 0xC2)
               ? 2 : 1;
      /* Minutka's own export neutralises formulas with one apostrophe. */
      if (self->map->preset == MK_PRESET_MINUTKA && start < end && *start == '\'')
        start++;
      if (start == text && end == field_end)
        {
          g_ptr_array_index (self->values, i) = (gpointer) text;
          g_array_index (offsets, gsize, i) = G_MAXSIZE;
          continue;
        }
      g_array_index (offsets, gsize, i) = self->arena->len;
      g_string_append_len (self->arena, start, end - start);
      g_string_append_c (self->arena, '\0');
    }
  for (guint i = 0; i < n; i++)
    if (g_array_index (offsets, gsize, i) != G_MAXSIZE)
      g_ptr_array_index (self->values, i) = self->arena->str + g_array_index (offsets, gsize, i);
}

static const char *
value (MkImportConverter *self,
       int                column)
{
  if (column < 0 || (guint) column >= self->values->len)
    return "";
  return g_ptr_array_index (self->values, column);
}

static const char *
header (MkImportConverter *self,
        int                column)
{
  return self->map->headers[column];
}

/* A number or a duration: what a totals row holds besides its label. */
static gboolean
looks_numeric (const char *text)
{
  int minutes;
  gboolean digit = FALSE;
  const char *p;

  for (p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digit = TRUE;
      else if (strchr (" .,:-+%", *p) == NULL)
        break;
    }
  if (*p == '\0')
    return digit;
  return mk_duration_parse (text, MK_DURATION_UNIT_AUTO, &minutes, NULL);
}

static gboolean
is_totals_row (MkImportConverter *self)
{
  const char *first = NULL;

  for (guint i = 0; first == NULL && i < self->values->len; i++)
    {
      const char *v = g_ptr_array_index (self->values, i);

      if (*v != '\0')
        first = v;
    }
  if (first == NULL)
    return FALSE;
  /* Only a word can start a totals label: skip the casefold for the
   * usual first cell, a date or a number. */
  if (!g_ascii_isdigit (*first))
    {
      g_autofree char *folded = g_utf8_casefold (first, -1);
      gsize len = strlen (folded);

      while (len > 0 && (folded[len - 1] == ':' || folded[len - 1] == '.'))
        folded[--len] = '\0';
      for (gsize i = 0; i < G_N_ELEMENTS (total_words); i++)
        if (strcmp (folded, total_words[i]) == 0
            || (g_str_has_prefix (folded, total_words[i])
                && folded[strlen (total_words[i])] == ' '))
          return TRUE;
    }
  if (*value (self, self->date_column) != '\0')
    return FALSE;
  for (guint i = 0; i < self->values->len; i++)
    {
      const char *v = g_ptr_array_index (self->values, i);

      if (*v != '\0' && !looks_numeric (v))
        return FALSE;
    }
  return TRUE;
}

static gint64
person_id_for (MkImportConverter *self,
               const char        *name,
               const char        *email,
               GError           **error)
{
  g_autoptr(MkPerson) person = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *folded_key = NULL;
  gint64 *cached;
  gint64 id = 0;

  /* First by the text as written (no allocation), then by its casefolded
   * form, so "ANNA" and "Anna" are one person and one query. */
  g_string_truncate (self->key_buf, 0);
  g_string_append (self->key_buf, name);
  g_string_append_c (self->key_buf, '\n');
  if (email != NULL)
    g_string_append (self->key_buf, email);
  cached = g_hash_table_lookup (self->people, self->key_buf->str);
  if (cached != NULL)
    return *cached;

  folded = g_utf8_casefold (name, -1);
  folded_key = g_strconcat ("\x01", folded, "\n", email ? email : "", NULL);
  cached = g_hash_table_lookup (self->people, folded_key);
  if (cached != NULL)
    id = *cached;
  else if (self->store != NULL)
    {
      if (self->write_people)
        {
          person = mk_store_ensure_person (self->store, name, email, error);
          if (person == NULL)
            return -1;
        }
      else
        person = mk_store_find_person (self->store, name, email);
      if (person != NULL)
        id = mk_person_get_id (person);
    }
  g_hash_table_insert (self->people, g_steal_pointer (&folded_key),
                       g_memdup2 (&id, sizeof id));
  g_hash_table_insert (self->people, g_strdup (self->key_buf->str),
                       g_memdup2 (&id, sizeof id));
  return id;
}

static MkCategory *
lookup_one (MkImportConverter *self,
            const char        *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  MkCategory *category = g_hash_table_lookup (self->overrides, folded);

  if (category == NULL && self->store != NULL)
    category = mk_store_lookup_alias (self->store, text);
  return category;
}

/* The category that the words of @text name, when they name one and only
 * one: "Telephone calls", "E-mail follow-up", "Звонок клиенту".  Pairs of
 * words are tried before single words ("cold calls", "data entry"); a text
 * whose words name two categories ("Call about the report") names none. */
static MkCategory *
category_by_words (MkImportConverter *self,
                   const char        *text)
{
  g_autoptr(GPtrArray) words = g_ptr_array_new_with_free_func (g_free);
  MkCategory *named = NULL;
  const char *p = text;

  /* Words: letters and digits, with hyphens and apostrophes inside. */
  while (*p != '\0')
    {
      const char *start;

      while (*p != '\0' && !g_unichar_isalnum (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      start = p;
      while (*p != '\0' && (g_unichar_isalnum (g_utf8_get_char (p))
                            || ((*p == '-' || *p == '\'') && g_unichar_isalnum (
                                  g_utf8_get_char (p + 1)))))
        p = g_utf8_next_char (p);
      if (p > start)
        g_ptr_array_add (words, g_strndup (start, (gsize) (p - start)));
      if (words->len > 12)
        return NULL;
    }
  if (words->len < 2)
    return NULL;
  for (guint i = 0; i < words->len; i++)
    {
      MkCategory *category = NULL;

      if (i + 1 < words->len)
        {
          g_autofree char *pair = g_strconcat (g_ptr_array_index (words, i), " ",
                                               g_ptr_array_index (words, i + 1), NULL);

          category = lookup_one (self, pair);
          if (category != NULL)
            i++;
        }
      if (category == NULL)
        category = lookup_one (self, g_ptr_array_index (words, i));
      if (category == NULL || category == self->other)
        continue;
      if (named != NULL && named != category)
        return NULL;
      named = category;
    }
  return named;
}

static MkCategory *
category_for (MkImportConverter *self,
              const char        *text,
              gboolean          *found)
{
  gpointer cached;

  if (g_hash_table_lookup_extended (self->categories, text, NULL, &cached))
    {
      *found = cached != NULL;
      return cached ? cached : self->other;
    }
  cached = *text != '\0' ? lookup_one (self, text) : NULL;
  if (cached == NULL && strpbrk (text, ",;") != NULL)
    {
      g_auto(GStrv) parts = g_strsplit_set (text, ",;", -1);

      for (guint i = 0; cached == NULL && parts[i] != NULL; i++)
        {
          g_strstrip (parts[i]);
          if (*parts[i] != '\0')
            cached = lookup_one (self, parts[i]);
        }
    }
  if (cached == NULL)
    cached = category_by_words (self, text);
  g_hash_table_insert (self->categories, g_strdup (text), cached);
  *found = cached != NULL;
  return cached ? cached : self->other;
}

static void
count_unmapped (MkImportConverter *self,
                const char        *text)
{
  guint64 *count = g_hash_table_lookup (self->unmapped, text);

  if (count == NULL)
    {
      count = g_new0 (guint64, 1);
      g_hash_table_insert (self->unmapped, g_strdup (text), count);
    }
  (*count)++;
}

static gint
compare_unmapped (gconstpointer a,
                  gconstpointer b)
{
  const MkUnmappedValue *ua = *(const MkUnmappedValue * const *) a;
  const MkUnmappedValue *ub = *(const MkUnmappedValue * const *) b;

  if (ua->count != ub->count)
    return ua->count > ub->count ? -1 : 1;
  return g_strcmp0 (ua->text, ub->text);
}

static void
unmapped_value_free (gpointer data)
{
  MkUnmappedValue *v = data;

  g_free (v->text);
  g_free (v);
}

/* Counts @text as unmapped when no alias maps it, without asking for a
 * person: what a refused file's summary needs of its later rows. */
void
mk_import_converter_count_category (MkImportConverter *self,
                                    const char        *text)
{
  gboolean found;

  category_for (self, text ? text : "", &found);
  if (!found)
    count_unmapped (self, text ? text : "");
}

/* The unit start and end times showed bare numbers of the duration column
 * to be in, when it is not the one its header says; else AUTO.  Read it
 * once the rows are parsed. */
MkDurationUnit
mk_import_converter_get_learned_unit (MkImportConverter *self)
{
  return self->learned_unit;
}

/* The texts that went to `other`, most frequent first. */
GPtrArray *
mk_import_converter_take_unmapped (MkImportConverter *self)
{
  GPtrArray *list = g_ptr_array_new_with_free_func (unmapped_value_free);
  GHashTableIter iter;
  gpointer key;
  gpointer count;

  g_hash_table_iter_init (&iter, self->unmapped);
  while (g_hash_table_iter_next (&iter, &key, &count))
    {
      MkUnmappedValue *v = g_new0 (MkUnmappedValue, 1);

      v->text = g_strdup (key);
      v->count = *(guint64 *) count;
      g_ptr_array_add (list, v);
    }
  g_ptr_array_sort (list, compare_unmapped);
  g_hash_table_remove_all (self->unmapped);
  return list;
}

/* A start or end cell, read. */
typedef struct {
  int       seconds;     /* after midnight */
  gint64    days;        /* the day's number when the cell had a date, else -1 */
  gboolean  has_offset;
  int       offset;      /* seconds east of UTC, when has_offset */
  MkDateValue date;
} Moment;

/* Whether @text looks like it holds a date: a date separator, a month
 * name, a "T" between digits.  A cell that does is never told to be a
 * time of day. */
static gboolean
looks_like_date (const char *text)
{
  int letters = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '/' || *p == '-' || (*p == 'T' && p > text && g_ascii_isdigit (p[-1])))
        return TRUE;
      if (g_ascii_isalpha (*p))
        {
          if (++letters >= 3)
            return TRUE;
        }
      else
        letters = 0;
    }
  return strchr (text, '.') != strrchr (text, '.');
}

/* Reads a start or end cell: a time of day, or a date and time. */
static gboolean
parse_moment (MkImportConverter *self,
              const char        *what,
              const char        *text,
              Moment            *moment,
              GError           **error)
{
  g_autoptr(GError) time_error = NULL;
  g_autoptr(GError) date_error = NULL;

  memset (moment, 0, sizeof *moment);
  moment->days = -1;
  if (mk_time_of_day_parse_seconds (text, &moment->seconds, &time_error))
    return TRUE;
  if (!mk_date_parse (text, self->order, &moment->date, &date_error))
    {
      if (!looks_like_date (text))
        g_propagate_prefixed_error (error, g_steal_pointer (&time_error), "%s: ", what);
      else
        g_propagate_prefixed_error (error, g_steal_pointer (&date_error), "%s: ", what);
      return FALSE;
    }
  if (moment->date.seconds < 0)
    {
      g_set_error (error, MK_PARSE_ERROR, MK_PARSE_ERROR_TIME,
                   _("%s '%s' has a date but no time"), what, text);
      return FALSE;
    }
  moment->seconds = moment->date.seconds;
  moment->days = mk_date_value_to_days (&moment->date);
  moment->has_offset = moment->date.has_offset;
  moment->offset = moment->date.offset;
  return TRUE;
}

/* Spans that cross midnight with nothing but two times to say so are
 * taken for work past midnight only up to this long: 23:30–00:30 is an
 * hour, 10:00–09:00 is an end before its start, not 23 hours. */
#define MAX_MIDNIGHT_SPAN (12 * 3600)

/* The seconds from start to end, or -1 when the row has not both; fails
 * when the end is before the start. */
static gboolean
read_span (MkImportConverter *self,
           const Moment      *start,
           const char        *start_text,
           MkImportRow       *row,
           gint64            *span,
           GError           **error)
{
  const MkColumnMap *map = self->map;
  const char *end_text = value (self, map->end);
  Moment end;
  gint64 start_days = start->days;
  gint64 seconds;

  *span = -1;
  if (map->end < 0 || *end_text == '\0' || start_text == NULL)
    return TRUE;
  if (!parse_moment (self, _("end"), end_text, &end, error))
    return FALSE;
  if (map->end_date >= 0 && end.days < 0 && start_days < 0 && map->date >= 0
      && *value (self, map->end_date) != '\0')
    {
      MkDateValue day;
      MkDateValue end_day;

      if (!mk_date_parse (value (self, map->date), self->order, &day, error)
          || !mk_date_parse (value (self, map->end_date), self->order, &end_day, error))
        return FALSE;
      start_days = mk_date_value_to_days (&day);
      end.days = mk_date_value_to_days (&end_day);
    }
  if (start_days >= 0 && end.days >= 0)
    {
      seconds = (end.days - start_days) * 86400 + end.seconds - start->seconds;
      /* Two moments in different zones: the same instant is the
       * difference of their offsets apart on the clocks. */
      if (start->has_offset && end.has_offset)
        seconds -= end.offset - start->offset;
      if (seconds < 0)
        {
          g_set_error (error, MK_PARSE_ERROR, MK_PARSE_ERROR_RANGE,
                       _("end '%s' is before start '%s'"), end_text, start_text);
          return FALSE;
        }
    }
  else
    {
      seconds = mk_seconds_between_times (start->seconds, end.seconds);
      if (end.seconds < start->seconds && seconds > MAX_MIDNIGHT_SPAN)
        {
          g_set_error (error, MK_PARSE_ERROR, MK_PARSE_ERROR_RANGE,
                       _("end '%s' is before start '%s'; if the work went on past midnight, "
                         "give the end with its date"), end_text, start_text);
          return FALSE;
        }
    }
  *span = seconds;
  return TRUE;
}

/* Whether a duration of @ms agrees with a span of @span seconds, allowing
 * for the rounding of either: a minute and 1 %. */
static gboolean
agrees (gint64 ms,
        gint64 span)
{
  gint64 diff = ms - span * 1000;

  return ABS (diff) <= 60000 + span * 10;
}

/* Reads the duration column, checked against the span from start to end
 * when there is one: a bare number is read in the unit that agrees with
 * it (Kimai writes seconds where the header says nothing), and a value
 * that agrees in no unit gives way to the span. */
static gboolean
read_duration_cell (MkImportConverter *self,
                    const char        *text,
                    gint64             span,
                    MkImportRow       *row,
                    gint64            *ms,
                    GError           **error)
{
  static const MkDurationUnit units[] = {
    MK_DURATION_UNIT_SECONDS, MK_DURATION_UNIT_MINUTES, MK_DURATION_UNIT_HOURS,
  };
  MkDurationUnit hint = self->learned_unit != MK_DURATION_UNIT_AUTO ? self->learned_unit
                                                                      : self->map->duration_unit;
  gboolean bare = FALSE;

  if (!mk_duration_parse_ms (text, hint, ms, &bare, error))
    return FALSE;
  row->notes |= MK_ROW_NOTE_FROM_COLUMN;
  if (bare)
    row->unit = hint;
  if (span < 0 || agrees (*ms, span))
    return TRUE;
  if (bare)
    for (gsize i = 0; i < G_N_ELEMENTS (units); i++)
      {
        gint64 other;

        if (units[i] != hint && mk_duration_parse_ms (text, units[i], &other, NULL, NULL)
            && agrees (other, span))
          {
            *ms = other;
            row->unit = self->learned_unit = units[i];
            return TRUE;
          }
      }
  *ms = span * 1000;
  row->notes = (row->notes & ~MK_ROW_NOTE_FROM_COLUMN) | MK_ROW_NOTE_SPAN_USED;
  row->unit = MK_DURATION_UNIT_AUTO;
  return TRUE;
}

/* The day, the start and the length of a row.  Returns MK_ROW_OK,
 * MK_ROW_EMPTY for less than half a minute, or MK_ROW_INVALID. */
static MkRowStatus
convert_day_and_time (MkImportConverter *self,
                      MkImportRow       *row,
                      GError           **error)
{
  const MkColumnMap *map = self->map;
  const char *start_text = value (self, map->start);
  const char *duration_text = value (self, map->duration);
  Moment start = { -1, -1, };
  MkDateValue date = { 0, 0, 0, -1, 0, FALSE };
  gint64 span = -1;
  gint64 ms;

  /* The day. */
  if (map->date >= 0)
    {
      const char *text = value (self, map->date);

      if (*text == '\0')
        {
          g_set_error (error, MK_PARSE_ERROR, MK_PARSE_ERROR_EMPTY,
                       _("no date: column '%s' is empty"), header (self, map->date));
          return MK_ROW_INVALID;
        }
      if (!mk_date_parse (text, self->order, &date, error))
        return MK_ROW_INVALID;
      mk_date_value_to_iso (&date, row->day);
    }

  /* The start, which may carry the day. */
  if (map->start >= 0 && *start_text != '\0')
    {
      if (!parse_moment (self, _("start"), start_text, &start, error))
        return MK_ROW_INVALID;
      if (start.seconds >= 86400)
        {
          g_set_error (error, MK_PARSE_ERROR, MK_PARSE_ERROR_TIME,
                       _("start '%s' is not a time of day"), start_text);
          return MK_ROW_INVALID;
        }
      if (map->date < 0)
        {
          if (start.days < 0)
            {
              g_set_error (error, MK_PARSE_ERROR, MK_PARSE_ERROR_DATE,
                           _("no date: start '%s' has no date"), start_text);
              return MK_ROW_INVALID;
            }
          mk_date_value_to_iso (&start.date, row->day);
        }
      row->input.start = start.seconds / 60;
      if (!read_span (self, &start, start_text, row, &span, error))
        return MK_ROW_INVALID;
    }
  else if (map->date < 0)
    {
      g_set_error (error, MK_PARSE_ERROR, MK_PARSE_ERROR_EMPTY,
                   _("no date: column '%s' is empty"), header (self, map->start));
      return MK_ROW_INVALID;
    }
  else if (date.seconds > 0)
    row->input.start = date.seconds / 60;

  /* The length. */
  if (map->duration >= 0 && *duration_text != '\0')
    {
      if (!read_duration_cell (self, duration_text, span, row, &ms, error))
        return MK_ROW_INVALID;
    }
  else if (span >= 0)
    ms = span * 1000;
  else
    {
      if (map->duration >= 0)
        g_set_error (error, MK_PARSE_ERROR, MK_PARSE_ERROR_EMPTY,
                     _("no duration: column '%s' is empty"), header (self, map->duration));
      else
        g_set_error (error, MK_PARSE_ERROR, MK_PARSE_ERROR_EMPTY,
                     _("no duration: start or end is empty"));
      return MK_ROW_INVALID;
    }

  /* A timer started and stopped at once carries no time. */
  if (ms < 30000)
    return MK_ROW_EMPTY;
  if (row->notes & MK_ROW_NOTE_FROM_COLUMN)
    {
      if (!mk_duration_check_ms (duration_text, ms, &row->input.minutes, error))
        return MK_ROW_INVALID;
    }
  else
    {
      g_autofree char *shown = g_strdup_printf ("%s–%s", start_text, value (self, map->end));

      if (!mk_duration_check_ms (shown, ms, &row->input.minutes, error))
        return MK_ROW_INVALID;
    }
  return MK_ROW_OK;
}

static gboolean
convert_person (MkImportConverter *self,
                MkImportRow       *row,
                GError           **error)
{
  const MkColumnMap *map = self->map;
  const char *email = value (self, map->email);

  row->email = strchr (email, '@') != NULL ? email : NULL;
  g_string_truncate (self->person_buf, 0);
  if (self->options->person != NULL)
    g_string_append (self->person_buf, self->options->person);
  else if (map->person >= 0 && *value (self, map->person) != '\0')
    g_string_append (self->person_buf, value (self, map->person));
  else if (*value (self, map->first_name) != '\0' || *value (self, map->last_name) != '\0')
    {
      g_string_append (self->person_buf, value (self, map->first_name));
      if (*value (self, map->first_name) != '\0' && *value (self, map->last_name) != '\0')
        g_string_append_c (self->person_buf, ' ');
      g_string_append (self->person_buf, value (self, map->last_name));
    }
  else if (row->email != NULL)
    g_string_append (self->person_buf, row->email);

  if (self->person_buf->len == 0)
    {
      if (map->person >= 0)
        g_set_error (error, MK_PARSE_ERROR, MK_PARSE_ERROR_EMPTY,
                     _("no person: column '%s' is empty"), header (self, map->person));
      else
        g_set_error_literal (error, MK_PARSE_ERROR, MK_PARSE_ERROR_EMPTY,
                             _("no person: the name columns are empty"));
      return FALSE;
    }
  row->person = self->person_buf->str;
  if (self->person_buf->len > MK_IMPORT_MAX_NAME_CHARS)
    {
      glong chars = g_utf8_strlen (row->person, -1);

      if (chars > MK_IMPORT_MAX_NAME_CHARS)
        {
          g_set_error (error, MK_PARSE_ERROR, MK_PARSE_ERROR_RANGE,
                       _("the person's name is %ld characters long; a name may have at "
                         "most %d"), chars, MK_IMPORT_MAX_NAME_CHARS);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * mk_import_converter_parse:
 * @self: a converter
 * @record: a data record (not the header)
 * @row: (out caller-allocates): the row, without person id and category
 * @error: return location for the reason a row is invalid (MK_PARSE_ERROR,
 *   no file or line in it)
 *
 * The half of a conversion that needs no store: values, day, start,
 * duration, the person's name, the category text and the task.  Safe to
 * run in another thread than mk_import_converter_resolve() (they share no
 * state), but not in two threads at once.
 *
 * Returns: %MK_ROW_OK, %MK_ROW_SKIPPED for blank and totals rows,
 *   %MK_ROW_EMPTY for an entry shorter than half a minute, or
 *   %MK_ROW_INVALID with @error set.
 */
MkRowStatus
mk_import_converter_parse (MkImportConverter *self,
                           const MkRecord    *record,
                           MkImportRow       *row,
                           GError           **error)
{
  const MkColumnMap *map = self->map;
  gboolean blank = TRUE;

  MkRowStatus status;

  memset (row, 0, sizeof *row);
  row->input.start = -1;
  row->input.day = row->day;
  row->input.source = MK_ENTRY_SOURCE_IMPORT;

  if (record->broken)
    {
      g_set_error_literal (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_SYNTAX,
                           _("a quoted field starts here and is never closed"));
      return MK_ROW_INVALID;
    }
  trim_values (self, record);
  for (guint i = 0; blank && i < self->values->len; i++)
    {
      const char *value = g_ptr_array_index (self->values, i);

      blank = value[0] == '\0';
    }
  if (blank || is_totals_row (self))
    return MK_ROW_SKIPPED;

  status = convert_day_and_time (self, row, error);
  if (status != MK_ROW_OK)
    return status;
  if (!convert_person (self, row, error))
    return MK_ROW_INVALID;

  row->category_text = value (self, map->category);
  row->task = map->task >= 0 && *value (self, map->task) != '\0' ? value (self, map->task)
                                                                 : NULL;
  if (row->task == NULL && map->task_fallback >= 0 && *value (self, map->task_fallback) != '\0')
    row->task = value (self, map->task_fallback);
  if (row->task != NULL && strlen (row->task) > MK_IMPORT_MAX_TASK_CHARS)
    {
      glong chars = g_utf8_strlen (row->task, -1);

      if (chars > MK_IMPORT_MAX_TASK_CHARS)
        {
          g_set_error (error, MK_PARSE_ERROR, MK_PARSE_ERROR_RANGE,
                       _("the task text is %ld characters long; a task may have at most %d"),
                       chars, MK_IMPORT_MAX_TASK_CHARS);
          return MK_ROW_INVALID;
        }
    }
  row->input.task = row->task;
  if (*value (self, map->uuid) != '\0')
    {
      const char *uuid = value (self, map->uuid);

      if (!mk_uuid_is_valid (uuid))
        {
          g_set_error (error, MK_PARSE_ERROR, MK_PARSE_ERROR_UUID,
                       _("'%s' in column '%s' is not an entry's identity (a UUID such as "
                         "0190a6b2-7c1e-7d3a-9f00-2b4c6d8e0a1c)"), uuid, header (self, map->uuid));
          return MK_ROW_INVALID;
        }
      g_strlcpy (row->input.uuid, uuid, sizeof row->input.uuid);
    }
  return MK_ROW_OK;
}

/**
 * mk_import_converter_resolve:
 * @self: a converter
 * @row: a row from mk_import_converter_parse() (its strings may live
 *   elsewhere by now)
 * @error: return location for a store failure
 *
 * The half of a conversion that asks the store: the person's id (created
 * when the converter writes people) and the category, counting texts with
 * no alias.
 *
 * Returns: %MK_ROW_OK, or %MK_ROW_FAILED when the store failed.
 */
MkRowStatus
mk_import_converter_resolve (MkImportConverter *self,
                             MkImportRow       *row,
                             GError           **error)
{
  gboolean found;
  gint64 person_id;

  person_id = person_id_for (self, row->person, row->email, error);
  if (person_id < 0)
    return MK_ROW_FAILED;
  row->input.person_id = person_id;

  row->category = category_for (self, row->category_text, &found);
  if (!found)
    count_unmapped (self, row->category_text);
  row->input.category_id = row->category ? mk_category_get_id (row->category) : 0;
  return MK_ROW_OK;
}

/**
 * mk_import_converter_convert:
 * @self: a converter
 * @record: a data record (not the header)
 * @row: (out caller-allocates): the row
 * @error: return location for the reason a row is invalid or for a store
 *   failure
 *
 * mk_import_converter_parse() and mk_import_converter_resolve() in one.
 *
 * Returns: %MK_ROW_OK, %MK_ROW_SKIPPED, %MK_ROW_INVALID or %MK_ROW_FAILED.
 */
MkRowStatus
mk_import_converter_convert (MkImportConverter *self,
                             const MkRecord    *record,
                             MkImportRow       *row,
                             GError           **error)
{
  MkRowStatus status = mk_import_converter_parse (self, record, row, error);

  if (status != MK_ROW_OK)
    return status;
  return mk_import_converter_resolve (self, row, error);
}

/* FNV-1a over the identity of a row, without its occurrence number. */
static guint64
fnv (guint64     h,
     const void *data,
     gsize       len)
{
  const guint8 *p = data;

  for (gsize i = 0; i < len; i++)
    {
      h ^= p[i];
      h *= G_GUINT64_CONSTANT (0x100000001b3);
    }
  return h;
}

/**
 * mk_import_row_hash:
 * @row: a converted row
 *
 * Returns: a 64-bit hash of (person, day, start, minutes, category, task);
 *   the importer mixes the occurrence number in to make the fingerprint.
 */
guint64
mk_import_row_hash (const MkImportRow *row)
{
  guint64 h = G_GUINT64_CONSTANT (0xcbf29ce484222325);
  gint64 numbers[4] = { row->input.person_id, row->input.start, row->input.minutes,
                        row->input.category_id };
  const char *task = row->task ? row->task : "";

  h = fnv (h, numbers, sizeof numbers);
  h = fnv (h, row->day, 10);
  h = fnv (h, task, strlen (task) + 1);
  return h;
}
