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
 *      duration from the duration column, else from start and end (an end
 *      before the start is on the next day; with dates on both, their
 *      difference);
 *   5. the person is --person, else the person column, else first and
 *      last name, else the e-mail; the e-mail column, when present, goes
 *      with it;
 *   6. the category text is looked up in the alias table; a list ("calls,
 *      crm") is tried item by item; no match goes to `other` and is
 *      counted as unmapped.
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

/* Reads a start or end value: a time of day, or a date and time.  *days is
 * set when the value has a date, else -1. */
static gboolean
parse_moment (MkImportConverter *self,
              const char        *text,
              int               *seconds,
              gint64            *days,
              MkDateValue       *date,
              GError           **error)
{
  g_autoptr(GError) date_error = NULL;
  MkDateValue local;

  if (date == NULL)
    date = &local;
  *days = -1;
  if (mk_time_of_day_parse_seconds (text, seconds, NULL))
    return TRUE;
  if (!mk_date_parse (text, self->order, date, &date_error))
    {
      if (g_error_matches (date_error, MK_PARSE_ERROR, MK_PARSE_ERROR_TIME))
        g_propagate_error (error, g_steal_pointer (&date_error));
      else
        g_set_error (error, MK_PARSE_ERROR, MK_PARSE_ERROR_TIME,
                     _("'%s' is not a time of day (write HH:MM)"), text);
      return FALSE;
    }
  if (date->seconds < 0)
    {
      g_set_error (error, MK_PARSE_ERROR, MK_PARSE_ERROR_TIME,
                   _("'%s' has a date but no time"), text);
      return FALSE;
    }
  *seconds = date->seconds;
  *days = mk_date_value_to_days (date);
  return TRUE;
}

static gboolean
convert_day_and_time (MkImportConverter *self,
                      MkImportRow       *row,
                      GError           **error)
{
  const MkColumnMap *map = self->map;
  const char *start_text = value (self, map->start);
  const char *end_text = value (self, map->end);
  const char *duration_text = value (self, map->duration);
  int start_seconds = -1;
  gint64 start_days = -1;
  MkDateValue date = { 0, 0, 0, -1 };

  /* The day. */
  if (map->date >= 0)
    {
      const char *text = value (self, map->date);

      if (*text == '\0')
        {
          g_set_error (error, MK_PARSE_ERROR, MK_PARSE_ERROR_EMPTY,
                       _("no date: column '%s' is empty"), header (self, map->date));
          return FALSE;
        }
      if (!mk_date_parse (text, self->order, &date, error))
        return FALSE;
      mk_date_value_to_iso (&date, row->day);
    }

  /* The start, which may carry the day. */
  if (map->start >= 0 && *start_text != '\0')
    {
      MkDateValue start_date;

      if (!parse_moment (self, start_text, &start_seconds, &start_days, &start_date, error))
        return FALSE;
      if (start_seconds >= 86400)
        {
          g_set_error (error, MK_PARSE_ERROR, MK_PARSE_ERROR_TIME,
                       _("start '%s' is not a time of day"), start_text);
          return FALSE;
        }
      if (map->date < 0)
        mk_date_value_to_iso (&start_date, row->day);
      row->input.start = start_seconds / 60;
    }
  else if (map->date < 0)
    {
      g_set_error (error, MK_PARSE_ERROR, MK_PARSE_ERROR_EMPTY,
                   _("no date: column '%s' is empty"), header (self, map->start));
      return FALSE;
    }
  else if (date.seconds > 0)
    row->input.start = date.seconds / 60;

  if (map->date < 0 && start_days < 0)
    {
      g_set_error (error, MK_PARSE_ERROR, MK_PARSE_ERROR_DATE,
                   _("no date: start '%s' has no date"), start_text);
      return FALSE;
    }

  /* The duration. */
  if (map->duration >= 0 && *duration_text != '\0')
    return mk_duration_parse (duration_text, map->duration_unit, &row->input.minutes, error);

  if (start_seconds >= 0 && map->end >= 0 && *end_text != '\0')
    {
      g_autofree char *span = g_strdup_printf ("%s–%s", start_text, end_text);
      int end_seconds;
      gint64 end_days;
      gint64 seconds;

      if (!parse_moment (self, end_text, &end_seconds, &end_days, NULL, error))
        return FALSE;
      if (map->end_date >= 0 && end_days < 0 && *value (self, map->end_date) != '\0'
          && start_days < 0 && map->date >= 0)
        {
          MkDateValue end_date;

          if (!mk_date_parse (value (self, map->end_date), self->order, &end_date, error))
            return FALSE;
          start_days = mk_date_value_to_days (&date);
          end_days = mk_date_value_to_days (&end_date);
        }
      if (start_days >= 0 && end_days >= 0)
        seconds = (end_days - start_days) * 86400 + end_seconds - start_seconds;
      else
        seconds = mk_seconds_between_times (start_seconds, end_seconds);
      return mk_duration_check_seconds (span, seconds, &row->input.minutes, error);
    }

  if (map->duration >= 0)
    g_set_error (error, MK_PARSE_ERROR, MK_PARSE_ERROR_EMPTY,
                 _("no duration: column '%s' is empty"), header (self, map->duration));
  else
    g_set_error (error, MK_PARSE_ERROR, MK_PARSE_ERROR_EMPTY,
                 _("no duration: start or end is empty"));
  return FALSE;
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
 * Returns: %MK_ROW_OK, %MK_ROW_SKIPPED for blank and totals rows, or
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

  memset (row, 0, sizeof *row);
  row->input.start = -1;
  row->input.day = row->day;
  row->input.source = MK_ENTRY_SOURCE_IMPORT;

  trim_values (self, record);
  for (guint i = 0; blank && i < self->values->len; i++)
    {
      const char *value = g_ptr_array_index (self->values, i);

      /* A DOS end-of-file mark (Ctrl-Z) on a line of its own is no row. */
      blank = value[0] == '\0' || (value[0] == '\x1a' && value[1] == '\0');
    }
  if (blank || is_totals_row (self))
    return MK_ROW_SKIPPED;

  if (!convert_day_and_time (self, row, error) || !convert_person (self, row, error))
    return MK_ROW_INVALID;

  row->category_text = value (self, map->category);
  row->task = map->task >= 0 && *value (self, map->task) != '\0' ? value (self, map->task)
                                                                 : NULL;
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
