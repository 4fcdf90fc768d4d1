/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-columns.c — which column of a timesheet says what.
 *
 * Design notes.
 *
 * A header is normalised (byte-order mark dropped, spaces trimmed and
 * collapsed, casefolded) and looked up in one table of names, English and
 * Russian.  Each name gives a role and a priority (0 best): "Category"
 * beats "Activity" beats "Type" for the category role; "Hours" beats
 * "Hours Rounded".  A name not in the table may be a duration name with a
 * unit note: "Duration (decimal)", "Длительность, мин", "Time spent (s)".
 *
 * A preset (the table and its sources are in mk-column-presets.c) is
 * recognised when every header of its signature is present; it then
 * names, per part of an entry, the headers to use in order of preference,
 * and may say what a bare number in its duration column means.  Parts a
 * preset leaves open (and a person column it names but the file lacks),
 * and every part for the generic mapping, take the best-priority column of
 * their role.
 *
 * Which column gives the category: --category-column, else the preset's,
 * else the first of category/activity, project, task, tags.  The task text
 * is the description, else the task column — also when it gives the
 * category, having no other text to give.  The duration: a duration column, else minutes, else hours, else the
 * span from start to end.
 */
#define G_LOG_DOMAIN "mk-columns"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mk-columns-private.h"
#include "mk-error.h"

typedef struct {
  const char     *name;
  MkColumnRole    role;
  int             priority;
} HeaderName;

/* Duration names of this priority or worse are vague ("Time"). */
#define VAGUE_PRIORITY 3

/* English and Russian, and the words the timesheet tools' own translations
 * use in German, French, Spanish, Italian, Polish, Czech and Ukrainian
 * (Kimai's translations/messages.LANG.xlf, Redmine's config/locales/LANG.yml; see
 * mk-column-presets.c).  Words that name something else as often as a
 * column of theirs ("Von", "De", "A") are not here: only a preset reads
 * them.  A bare "Name" is the last choice for the person: in a CRM export
 * it is the activity's title, and Owner, User or Assignee is the person. */
static const HeaderName header_names[] = {
  { "date", MK_COLUMN_DATE, 0 }, { "дата", MK_COLUMN_DATE, 0 },
  { "work date", MK_COLUMN_DATE, 0 }, { "day", MK_COLUMN_DATE, 1 },
  { "день", MK_COLUMN_DATE, 1 }, { "start date", MK_COLUMN_DATE, 1 },
  { "дата начала", MK_COLUMN_DATE, 1 }, { "spent date", MK_COLUMN_DATE, 1 },
  { "log date", MK_COLUMN_DATE, 1 }, { "worklog date", MK_COLUMN_DATE, 1 },
  { "datum", MK_COLUMN_DATE, 0 }, { "fecha", MK_COLUMN_DATE, 0 },
  { "data", MK_COLUMN_DATE, 1 },

  { "person", MK_COLUMN_PERSON, 0 }, { "manager", MK_COLUMN_PERSON, 0 },
  { "full name", MK_COLUMN_PERSON, 0 }, { "employee", MK_COLUMN_PERSON, 1 },
  { "user", MK_COLUMN_PERSON, 1 }, { "worker", MK_COLUMN_PERSON, 1 },
  { "owner", MK_COLUMN_PERSON, 1 }, { "assignee", MK_COLUMN_PERSON, 1 },
  { "username", MK_COLUMN_PERSON, 2 }, { "member", MK_COLUMN_PERSON, 2 },
  { "assigned to", MK_COLUMN_PERSON, 2 }, { "worklog author", MK_COLUMN_PERSON, 2 },
  { "author", MK_COLUMN_PERSON, 3 }, { "name", MK_COLUMN_PERSON, 4 },
  { "менеджер", MK_COLUMN_PERSON, 0 }, { "сотрудник", MK_COLUMN_PERSON, 0 },
  { "фио", MK_COLUMN_PERSON, 0 }, { "пользователь", MK_COLUMN_PERSON, 1 },
  { "исполнитель", MK_COLUMN_PERSON, 1 }, { "работник", MK_COLUMN_PERSON, 1 },
  { "ответственный", MK_COLUMN_PERSON, 1 }, { "автор", MK_COLUMN_PERSON, 3 },
  { "mitarbeiter", MK_COLUMN_PERSON, 0 }, { "benutzer", MK_COLUMN_PERSON, 1 },
  { "utilisateur", MK_COLUMN_PERSON, 1 }, { "usuario", MK_COLUMN_PERSON, 1 },
  { "utente", MK_COLUMN_PERSON, 1 }, { "użytkownik", MK_COLUMN_PERSON, 1 },
  { "uživatel", MK_COLUMN_PERSON, 1 }, { "člen", MK_COLUMN_PERSON, 2 },
  { "користувач", MK_COLUMN_PERSON, 1 }, { "працівник", MK_COLUMN_PERSON, 0 },
  { "співробітник", MK_COLUMN_PERSON, 0 },

  { "first name", MK_COLUMN_FIRST_NAME, 0 }, { "firstname", MK_COLUMN_FIRST_NAME, 0 },
  { "имя", MK_COLUMN_FIRST_NAME, 0 }, { "vorname", MK_COLUMN_FIRST_NAME, 0 },
  { "prénom", MK_COLUMN_FIRST_NAME, 0 },
  { "last name", MK_COLUMN_LAST_NAME, 0 }, { "lastname", MK_COLUMN_LAST_NAME, 0 },
  { "surname", MK_COLUMN_LAST_NAME, 0 }, { "фамилия", MK_COLUMN_LAST_NAME, 0 },
  { "nachname", MK_COLUMN_LAST_NAME, 0 }, { "nom de famille", MK_COLUMN_LAST_NAME, 0 },

  { "email", MK_COLUMN_EMAIL, 0 }, { "e-mail", MK_COLUMN_EMAIL, 0 },
  { "email address", MK_COLUMN_EMAIL, 0 }, { "user email", MK_COLUMN_EMAIL, 0 },
  { "mail", MK_COLUMN_EMAIL, 1 }, { "почта", MK_COLUMN_EMAIL, 0 },
  { "эл. почта", MK_COLUMN_EMAIL, 0 }, { "электронная почта", MK_COLUMN_EMAIL, 0 },
  { "courriel", MK_COLUMN_EMAIL, 0 }, { "correo electrónico", MK_COLUMN_EMAIL, 0 },
  { "ел.пошта", MK_COLUMN_EMAIL, 0 },

  { "category", MK_COLUMN_CATEGORY, 0 }, { "категория", MK_COLUMN_CATEGORY, 0 },
  { "activity", MK_COLUMN_CATEGORY, 1 }, { "activity name", MK_COLUMN_CATEGORY, 1 },
  { "вид работы", MK_COLUMN_CATEGORY, 1 }, { "вид деятельности", MK_COLUMN_CATEGORY, 1 },
  { "тип работы", MK_COLUMN_CATEGORY, 1 }, { "деятельность", MK_COLUMN_CATEGORY, 1 },
  { "work type", MK_COLUMN_CATEGORY, 2 }, { "type", MK_COLUMN_CATEGORY, 2 },
  { "тип", MK_COLUMN_CATEGORY, 2 },
  { "kategorie", MK_COLUMN_CATEGORY, 0 }, { "catégorie", MK_COLUMN_CATEGORY, 0 },
  { "categoría", MK_COLUMN_CATEGORY, 0 }, { "categoria", MK_COLUMN_CATEGORY, 0 },
  { "kategoria", MK_COLUMN_CATEGORY, 0 }, { "категорія", MK_COLUMN_CATEGORY, 0 },
  { "tätigkeit", MK_COLUMN_CATEGORY, 1 }, { "aktivität", MK_COLUMN_CATEGORY, 1 },
  { "activité", MK_COLUMN_CATEGORY, 1 }, { "actividad", MK_COLUMN_CATEGORY, 1 },
  { "attività", MK_COLUMN_CATEGORY, 1 }, { "aktywność", MK_COLUMN_CATEGORY, 1 },
  { "aktivita", MK_COLUMN_CATEGORY, 1 }, { "aktivity", MK_COLUMN_CATEGORY, 1 },
  { "діяльність", MK_COLUMN_CATEGORY, 1 },
  { "вид діяльності", MK_COLUMN_CATEGORY, 1 },

  { "project", MK_COLUMN_PROJECT, 0 }, { "project name", MK_COLUMN_PROJECT, 0 },
  { "проект", MK_COLUMN_PROJECT, 0 }, { "projekt", MK_COLUMN_PROJECT, 0 },
  { "projet", MK_COLUMN_PROJECT, 0 }, { "proyecto", MK_COLUMN_PROJECT, 0 },
  { "progetto", MK_COLUMN_PROJECT, 0 }, { "проєкт", MK_COLUMN_PROJECT, 0 },

  { "task", MK_COLUMN_TASK, 0 }, { "задача", MK_COLUMN_TASK, 0 },
  { "issue summary", MK_COLUMN_TASK, 1 }, { "summary", MK_COLUMN_TASK, 2 },
  { "aufgabe", MK_COLUMN_TASK, 0 }, { "ticket", MK_COLUMN_TASK, 1 },
  { "tâche", MK_COLUMN_TASK, 0 }, { "tarea", MK_COLUMN_TASK, 0 },
  { "zadanie", MK_COLUMN_TASK, 0 }, { "úkol", MK_COLUMN_TASK, 0 },
  { "завдання", MK_COLUMN_TASK, 0 },

  { "description", MK_COLUMN_DESCRIPTION, 0 }, { "notes", MK_COLUMN_DESCRIPTION, 0 },
  { "note", MK_COLUMN_DESCRIPTION, 0 }, { "comment", MK_COLUMN_DESCRIPTION, 0 },
  { "comments", MK_COLUMN_DESCRIPTION, 0 }, { "work description", MK_COLUMN_DESCRIPTION, 0 },
  { "worklog comment", MK_COLUMN_DESCRIPTION, 0 },
  { "details", MK_COLUMN_DESCRIPTION, 1 }, { "описание", MK_COLUMN_DESCRIPTION, 0 },
  { "комментарий", MK_COLUMN_DESCRIPTION, 0 }, { "примечание", MK_COLUMN_DESCRIPTION, 0 },
  { "что сделано", MK_COLUMN_DESCRIPTION, 0 },
  { "beschreibung", MK_COLUMN_DESCRIPTION, 0 }, { "kommentar", MK_COLUMN_DESCRIPTION, 0 },
  { "commentaire", MK_COLUMN_DESCRIPTION, 0 }, { "descripción", MK_COLUMN_DESCRIPTION, 0 },
  { "comentario", MK_COLUMN_DESCRIPTION, 0 }, { "descrizione", MK_COLUMN_DESCRIPTION, 0 },
  { "commento", MK_COLUMN_DESCRIPTION, 0 }, { "opis", MK_COLUMN_DESCRIPTION, 0 },
  { "komentarz", MK_COLUMN_DESCRIPTION, 0 }, { "popis", MK_COLUMN_DESCRIPTION, 0 },
  { "komentář", MK_COLUMN_DESCRIPTION, 0 }, { "poznámka", MK_COLUMN_DESCRIPTION, 1 },
  { "опис", MK_COLUMN_DESCRIPTION, 0 }, { "коментар", MK_COLUMN_DESCRIPTION, 0 },

  { "tags", MK_COLUMN_TAGS, 0 }, { "tag", MK_COLUMN_TAGS, 0 }, { "labels", MK_COLUMN_TAGS, 1 },
  { "метки", MK_COLUMN_TAGS, 0 }, { "теги", MK_COLUMN_TAGS, 0 }, { "тег", MK_COLUMN_TAGS, 0 },
  { "schlagworte", MK_COLUMN_TAGS, 0 }, { "étiquettes", MK_COLUMN_TAGS, 0 },
  { "etiquetas", MK_COLUMN_TAGS, 0 }, { "мітки", MK_COLUMN_TAGS, 0 },

  { "start", MK_COLUMN_START, 0 }, { "start time", MK_COLUMN_START, 0 },
  { "from", MK_COLUMN_START, 0 }, { "begin", MK_COLUMN_START, 1 },
  { "started", MK_COLUMN_START, 1 }, { "начало", MK_COLUMN_START, 0 },
  { "время начала", MK_COLUMN_START, 0 }, { "log date & time", MK_COLUMN_START, 1 },
  { "beginn", MK_COLUMN_START, 0 }, { "début", MK_COLUMN_START, 0 },
  { "inicio", MK_COLUMN_START, 0 }, { "inizio", MK_COLUMN_START, 0 },
  { "początek", MK_COLUMN_START, 0 }, { "začátek", MK_COLUMN_START, 0 },
  { "початок", MK_COLUMN_START, 0 },

  { "end", MK_COLUMN_END, 0 }, { "end time", MK_COLUMN_END, 0 }, { "to", MK_COLUMN_END, 0 },
  { "finish", MK_COLUMN_END, 1 }, { "stop", MK_COLUMN_END, 1 }, { "конец", MK_COLUMN_END, 0 },
  { "окончание", MK_COLUMN_END, 0 }, { "время окончания", MK_COLUMN_END, 0 },
  { "ende", MK_COLUMN_END, 0 }, { "fin", MK_COLUMN_END, 0 }, { "final", MK_COLUMN_END, 1 },
  { "fine", MK_COLUMN_END, 0 }, { "koniec", MK_COLUMN_END, 0 }, { "konec", MK_COLUMN_END, 0 },
  { "кінець", MK_COLUMN_END, 0 },

  { "end date", MK_COLUMN_END_DATE, 0 }, { "дата окончания", MK_COLUMN_END_DATE, 0 },

  { "minutes", MK_COLUMN_MINUTES, 0 }, { "mins", MK_COLUMN_MINUTES, 0 },
  { "min", MK_COLUMN_MINUTES, 0 }, { "duration min", MK_COLUMN_MINUTES, 0 },
  { "минуты", MK_COLUMN_MINUTES, 0 }, { "минут", MK_COLUMN_MINUTES, 0 },
  { "мин", MK_COLUMN_MINUTES, 0 }, { "длительность мин", MK_COLUMN_MINUTES, 0 },
  { "duration minutes", MK_COLUMN_MINUTES, 0 },
  { "длительность в минутах", MK_COLUMN_MINUTES, 0 },
  { "minuten", MK_COLUMN_MINUTES, 0 }, { "minutos", MK_COLUMN_MINUTES, 0 },
  { "minuti", MK_COLUMN_MINUTES, 0 }, { "minuty", MK_COLUMN_MINUTES, 0 },
  { "хвилини", MK_COLUMN_MINUTES, 0 },

  { "hours", MK_COLUMN_HOURS, 0 }, { "hrs", MK_COLUMN_HOURS, 1 },
  { "часы", MK_COLUMN_HOURS, 0 }, { "часов", MK_COLUMN_HOURS, 0 },
  { "hours rounded", MK_COLUMN_HOURS, 5 }, { "billable hours", MK_COLUMN_HOURS, 6 },
  { "billed hours", MK_COLUMN_HOURS, 6 }, { "external hours", MK_COLUMN_HOURS, 7 },
  { "hr. spent", MK_COLUMN_HOURS, 1 }, { "hrs spent", MK_COLUMN_HOURS, 1 },
  { "hours spent", MK_COLUMN_HOURS, 0 },
  { "stunden", MK_COLUMN_HOURS, 0 }, { "heures", MK_COLUMN_HOURS, 0 },
  { "horas", MK_COLUMN_HOURS, 0 }, { "ore", MK_COLUMN_HOURS, 0 },
  { "godziny", MK_COLUMN_HOURS, 0 }, { "hodiny", MK_COLUMN_HOURS, 0 },
  { "години", MK_COLUMN_HOURS, 0 },

  { "duration", MK_COLUMN_DURATION, 0 }, { "длительность", MK_COLUMN_DURATION, 0 },
  { "продолжительность", MK_COLUMN_DURATION, 0 }, { "time spent", MK_COLUMN_DURATION, 0 },
  { "timespent", MK_COLUMN_DURATION, 0 },
  { "затрачено", MK_COLUMN_DURATION, 1 }, { "потрачено", MK_COLUMN_DURATION, 1 },
  { "dauer", MK_COLUMN_DURATION, 0 }, { "durée", MK_COLUMN_DURATION, 0 },
  { "duración", MK_COLUMN_DURATION, 0 }, { "durata", MK_COLUMN_DURATION, 0 },
  { "czas trwania", MK_COLUMN_DURATION, 0 }, { "doba trvání", MK_COLUMN_DURATION, 0 },
  { "trvání", MK_COLUMN_DURATION, 0 }, { "тривалість", MK_COLUMN_DURATION, 0 },
  { "spent", MK_COLUMN_DURATION, 2 },
  /* Vague: "Время" is as often a time of day as a length (see
   * is_vague_duration()). */
  { "время", MK_COLUMN_DURATION, 3 }, { "time", MK_COLUMN_DURATION, 3 },
  { "zeit", MK_COLUMN_DURATION, 3 }, { "час", MK_COLUMN_DURATION, 3 },
  /* Polish "Czas": Kimai's messages.pl.xlf translates its "time" so. */
  { "czas", MK_COLUMN_DURATION, 3 },
};

/**
 * mk_column_normalize_header:
 * @header: a header cell as read
 *
 * Returns: (transfer full): @header without a byte-order mark, trimmed,
 *   inner spaces collapsed to one, casefolded: "\ufeff  Start  Date " is
 *   "start date".
 */
char *
mk_column_normalize_header (const char *header)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *folded = NULL;
  gboolean space = FALSE;

  g_return_val_if_fail (header != NULL, NULL);

  if (!g_utf8_validate (header, -1, NULL))
    return g_strdup ("");
  for (const char *p = header; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0xFEFF || c == 0x200B)
        continue;
      if (g_unichar_isspace (c) || c == 0xA0 || c == 0x202F)
        {
          space = out->len > 0;
          continue;
        }
      if (space)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_unichar (out, c);
    }
  folded = g_utf8_casefold (out->str, -1);
  return g_steal_pointer (&folded);
}

/* Looks up a normalised header; *priority is set on a match. */
static MkColumnRole
lookup_name (const char *name,
             int        *priority)
{
  for (gsize i = 0; i < G_N_ELEMENTS (header_names); i++)
    if (strcmp (name, header_names[i].name) == 0)
      {
        *priority = header_names[i].priority;
        return header_names[i].role;
      }
  return MK_COLUMN_NONE;
}

static gboolean
contains_any (const char         *text,
              const char * const *words)
{
  for (gsize i = 0; words[i] != NULL; i++)
    if (strstr (text, words[i]) != NULL)
      return TRUE;
  return FALSE;
}

static MkDurationUnit
unit_for_role (MkColumnRole role)
{
  switch (role)
    {
    case MK_COLUMN_MINUTES:
      return MK_DURATION_UNIT_MINUTES;
    case MK_COLUMN_HOURS:
      return MK_DURATION_UNIT_HOURS;
    default:
      return MK_DURATION_UNIT_AUTO;
    }
}

/* Like mk_column_role_for_header() on a normalised name, with priority. */
static MkColumnRole
role_for_normalized (const char     *name,
                     MkDurationUnit *unit,
                     int            *priority)
{
  static const char * const decimal_words[] = { "decimal", "десятич", NULL };
  static const char * const minute_words[] = { "min", "мин", NULL };
  static const char * const second_words[] = { "sec", "сек", "(s)", NULL };
  static const char * const hour_words[] = { "hour", "hrs", "час", "(ч)", ", ч", "(h)",
                                             "stunden", "heures", "horas", "godz", "hodin",
                                             "годин", NULL };
  g_autofree char *base = NULL;
  const char *note;
  MkColumnRole role;

  *priority = 0;
  role = lookup_name (name, priority);
  if (role != MK_COLUMN_NONE)
    {
      *unit = unit_for_role (role);
      return role;
    }

  /* "Duration (decimal)", "Длительность, мин", "Time spent (s)": a
   * duration name and a note on its unit. */
  note = strpbrk (name, "(,");
  if (note == NULL)
    {
      *unit = MK_DURATION_UNIT_AUTO;
      return MK_COLUMN_NONE;
    }
  base = g_strstrip (g_strndup (name, (gsize) (note - name)));
  role = lookup_name (base, priority);
  if (role != MK_COLUMN_DURATION && role != MK_COLUMN_MINUTES && role != MK_COLUMN_HOURS)
    {
      *unit = MK_DURATION_UNIT_AUTO;
      return MK_COLUMN_NONE;
    }
  if (contains_any (note, decimal_words) || contains_any (note, hour_words))
    {
      *unit = MK_DURATION_UNIT_HOURS;
      return MK_COLUMN_HOURS;
    }
  if (contains_any (note, minute_words))
    {
      *unit = MK_DURATION_UNIT_MINUTES;
      return MK_COLUMN_MINUTES;
    }
  if (contains_any (note, second_words))
    {
      *unit = MK_DURATION_UNIT_SECONDS;
      return MK_COLUMN_DURATION;
    }
  /* "Duration (h)" holds "01:30:00": the values say their own unit. */
  *unit = unit_for_role (role);
  return role;
}

/**
 * mk_column_role_for_header:
 * @header: a header cell: "Date", "Дата", "Duration (decimal)", "Часы"
 * @unit: (out) (optional): for duration roles, what a bare number means
 *
 * Returns: the role the header names, or %MK_COLUMN_NONE.
 */
MkColumnRole
mk_column_role_for_header (const char     *header,
                           MkDurationUnit *unit)
{
  g_autofree char *name = NULL;
  MkDurationUnit local_unit;
  int priority;

  g_return_val_if_fail (header != NULL, MK_COLUMN_NONE);

  name = mk_column_normalize_header (header);
  return role_for_normalized (name, unit ? unit : &local_unit, &priority);
}

/* The mapping under construction. */
typedef struct {
  guint          n;
  char         **normalized;
  MkColumnRole  *role;
  int           *priority;
  MkDurationUnit *unit;
} Analysis;

static void
analysis_clear (Analysis *a)
{
  g_strfreev (a->normalized);
  g_free (a->role);
  g_free (a->priority);
  g_free (a->unit);
}

static int
find_header (const Analysis *a,
             const char     *name)
{
  for (guint i = 0; i < a->n; i++)
    if (strcmp (a->normalized[i], name) == 0)
      return (int) i;
  return -1;
}

static int
best_of_role (const Analysis *a,
              MkColumnRole    role)
{
  int best = -1;

  for (guint i = 0; i < a->n; i++)
    if (a->role[i] == role && (best < 0 || a->priority[i] < a->priority[best]))
      best = (int) i;
  return best;
}

/* The first of @names present, or the generic best of @role if the preset
 * leaves the part open; -1 if the preset names headers none of which is
 * there. */
static int
choose (const Analysis     *a,
        const char * const *names,
        gsize               n_names,
        MkColumnRole        role)
{
  if (names != NULL && names[0] != NULL)
    {
      for (gsize i = 0; i < n_names && names[i] != NULL; i++)
        {
          int column = find_header (a, names[i]);

          if (column >= 0)
            return column;
        }
      return -1;
    }
  return role != MK_COLUMN_NONE ? best_of_role (a, role) : -1;
}

static gboolean
matches_signature (const Analysis     *a,
                   const MkPresetSpec *spec,
                   const char        **missing)
{
  for (gsize i = 0; i < G_N_ELEMENTS (spec->signature) && spec->signature[i] != NULL; i++)
    if (find_header (a, spec->signature[i]) < 0)
      {
        if (missing != NULL)
          *missing = spec->signature[i];
        return FALSE;
      }
  return TRUE;
}

static char *
list_headers (const MkColumnMap *map)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < map->n_columns; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      g_string_append_printf (out, "'%s'", map->headers[i]);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Sets *@column to the column named @name ("" for none), or fails listing
 * the headers. */
static gboolean
override_column (const MkColumnMap  *map,
                 const Analysis     *a,
                 const char         *name,
                 int                *column,
                 GError            **error)
{
  g_autofree char *wanted = mk_column_normalize_header (name);

  if (*wanted == '\0')
    {
      *column = -1;
      return TRUE;
    }
  *column = find_header (a, wanted);
  if (*column < 0)
    {
      g_autofree char *list = list_headers (map);

      g_set_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_COLUMNS,
                   _("there is no column named '%s'; the columns are %s"), name, list);
      return FALSE;
    }
  return TRUE;
}

/* Refuses a header that names a column it would read twice: which of
 * the two holds the value is anyone's guess. */
static gboolean
refuse_duplicates (const MkColumnMap  *map,
                   const Analysis     *a,
                   GError            **error)
{
  for (guint i = 0; i < a->n; i++)
    for (guint j = i + 1; j < a->n; j++)
      if (*a->normalized[i] != '\0' && a->role[i] != MK_COLUMN_NONE
          && strcmp (a->normalized[i], a->normalized[j]) == 0)
        {
          g_set_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_COLUMNS,
                       _("the header has two columns named '%s' (columns %u and %u); "
                         "rename one of them so that it is clear which to read"),
                       map->headers[i], i + 1, j + 1);
          return FALSE;
        }
  return TRUE;
}

#define CHOOSE(field, role) choose (&a, spec ? spec->field : NULL, \
                                    spec ? G_N_ELEMENTS (spec->field) : 0, role)

/* Jira's "Summary" and "Issue Summary": the title. */
static gboolean
is_summary (const char *normalized)
{
  return g_strcmp0 (normalized, "summary") == 0 || g_strcmp0 (normalized, "issue summary") == 0;
}

/* The column headed only "Name", or -1. */
static int
bare_name_column (const Analysis *a)
{
  for (guint i = 0; i < a->n; i++)
    if (g_strcmp0 (a->normalized[i], "name") == 0)
      return (int) i;
  return -1;
}

/**
 * mk_column_map_new:
 * @headers: (array length=n_headers): the header row as read
 * @n_headers: how many cells it has
 * @options: (nullable): the preset, category column and whether the
 *   person is given; %NULL for automatic everything
 * @error: return location for an error
 *
 * Decides where each part of an entry comes from.
 *
 * Returns: (transfer full): the map, or %NULL with %MK_IMPORT_ERROR_COLUMNS
 *   when a needed column is missing (date, duration, person unless given),
 *   the forced preset does not match, or the category column named in
 *   @options does not exist.  The message says what to do.
 */
MkColumnMap *
mk_column_map_new (const char * const    *headers,
                   guint                  n_headers,
                   const MkColumnOptions *options,
                   GError               **error)
{
  static const MkColumnOptions defaults = { MK_PRESET_AUTO, };
  g_autoptr(MkColumnMap) map = NULL;
  const MkPresetSpec *spec = NULL;
  gsize n_presets;
  const MkPresetSpec *presets = mk_column_presets (&n_presets);
  gboolean preset_duration = FALSE;
  Analysis a = { 0, };
  MkColumnRole category_roles[] = {
    MK_COLUMN_CATEGORY, MK_COLUMN_PROJECT, MK_COLUMN_TASK, MK_COLUMN_TAGS,
  };

  g_return_val_if_fail (headers != NULL || n_headers == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    options = &defaults;

  map = g_new0 (MkColumnMap, 1);
  map->n_columns = n_headers;
  map->headers = g_new0 (char *, n_headers + 1);
  a.n = n_headers;
  a.normalized = g_new0 (char *, n_headers + 1);
  a.role = g_new0 (MkColumnRole, n_headers);
  a.priority = g_new0 (int, n_headers);
  a.unit = g_new0 (MkDurationUnit, n_headers);
  for (guint i = 0; i < n_headers; i++)
    {
      g_autofree char *trimmed = g_strdup (headers[i] ? headers[i] : "");

      if (g_str_has_prefix (trimmed, "\xEF\xBB\xBF"))
        memmove (trimmed, trimmed + 3, strlen (trimmed + 3) + 1);
      map->headers[i] = g_strdup (g_strstrip (trimmed));
      a.normalized[i] = mk_column_normalize_header (map->headers[i]);
      a.role[i] = role_for_normalized (a.normalized[i], &a.unit[i], &a.priority[i]);
    }

  if (!refuse_duplicates (map, &a, error))
    {
      analysis_clear (&a);
      return NULL;
    }

  /* The preset. */
  if (options->preset == MK_PRESET_AUTO)
    {
      map->preset = MK_PRESET_GENERIC;
      for (gsize i = 0; i < n_presets; i++)
        if (matches_signature (&a, &presets[i], NULL))
          {
            spec = &presets[i];
            map->preset = spec->preset;
            break;
          }
    }
  else if (options->preset == MK_PRESET_GENERIC)
    map->preset = MK_PRESET_GENERIC;
  else
    {
      const char *missing = NULL;

      for (gsize i = 0; i < n_presets; i++)
        if (presets[i].preset == options->preset && matches_signature (&a, &presets[i], NULL))
          spec = &presets[i];
      if (spec == NULL)
        {
          for (gsize i = 0; i < n_presets; i++)
            if (presets[i].preset == options->preset)
              {
                matches_signature (&a, &presets[i], &missing);
                break;
              }
          g_set_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_COLUMNS,
                       _("the header does not look like a %s: it has no column '%s'"),
                       _(mk_preset_get_display_name (options->preset)), missing);
          analysis_clear (&a);
          return NULL;
        }
      map->preset = options->preset;
    }

  map->date = CHOOSE (date, MK_COLUMN_DATE);
  map->person = CHOOSE (person, MK_COLUMN_PERSON);
  if (map->person < 0)
    map->person = best_of_role (&a, MK_COLUMN_PERSON);
  map->first_name = best_of_role (&a, MK_COLUMN_FIRST_NAME);
  if (map->first_name == map->person)
    map->first_name = -1;
  map->last_name = best_of_role (&a, MK_COLUMN_LAST_NAME);
  map->email = best_of_role (&a, MK_COLUMN_EMAIL);
  map->start = CHOOSE (start, MK_COLUMN_START);
  map->end = CHOOSE (end, MK_COLUMN_END);
  map->end_date = CHOOSE (end_date, MK_COLUMN_END_DATE);
  if ((options->date_column != NULL
       && !override_column (map, &a, options->date_column, &map->date, error))
      || (options->start_column != NULL
          && !override_column (map, &a, options->start_column, &map->start, error))
      || (options->end_column != NULL
          && !override_column (map, &a, options->end_column, &map->end, error)))
    {
      analysis_clear (&a);
      return NULL;
    }
  /* Minutka's own export carries each entry's identity (mk-exporter.h). */
  map->uuid = -1;
  if (map->preset == MK_PRESET_MINUTKA)
    for (guint i = 0; i < a.n && map->uuid < 0; i++)
      if (g_strcmp0 (a.normalized[i], "uuid") == 0)
        map->uuid = (int) i;

  /* A lone "Имя" or "First name" is the person's name. */
  if (map->person < 0 && map->first_name >= 0 && map->last_name < 0)
    {
      map->person = map->first_name;
      map->first_name = -1;
    }

  /* The category. */
  map->category = -1;
  if (options->category_column != NULL)
    {
      if (!override_column (map, &a, options->category_column, &map->category, error))
        {
          analysis_clear (&a);
          return NULL;
        }
    }
  else
    {
      if (spec != NULL)
        map->category = CHOOSE (category, MK_COLUMN_NONE);
      for (gsize i = 0; map->category < 0 && i < G_N_ELEMENTS (category_roles); i++)
        map->category = best_of_role (&a, category_roles[i]);
    }

  /* The task text. */
  if (options->task_column != NULL)
    {
      if (!override_column (map, &a, options->task_column, &map->task, error))
        {
          analysis_clear (&a);
          return NULL;
        }
    }
  else
    {
      map->task = spec != NULL ? CHOOSE (task, MK_COLUMN_NONE) : -1;
      if (map->task < 0)
        map->task = best_of_role (&a, MK_COLUMN_DESCRIPTION);
      if (map->task < 0)
        {
          int task = best_of_role (&a, MK_COLUMN_TASK);

          if (task != map->category)
            map->task = task;
        }
      if (map->task == map->category)
        map->task = -1;
      /* Jira's Summary names the task even where it also gives the
       * category (a worklog report with no Work Description column). */
      if (map->task < 0)
        {
          int title = best_of_role (&a, MK_COLUMN_TASK);

          if (title >= 0 && is_summary (a.normalized[title]))
            map->task = title;
        }
      /* A bare "Name" beside the person's own column is the activity's
       * title (a CRM export: Name, Type, Owner): the task when there is
       * no other. */
      if (map->task < 0 && map->person >= 0 && map->first_name < 0 && map->last_name < 0)
        {
          int name = bare_name_column (&a);

          if (name >= 0 && name != map->person && name != map->category)
            map->task = name;
        }
      /* A task column that also gives the category (the file has no
       * category or project column) still names the task: its text is
       * the task as well.  A hand-made sheet (Дата, Сотрудник, Минуты,
       * Задача) lost every task to the category. */
      if (map->task < 0 && map->category >= 0 && a.role[map->category] == MK_COLUMN_TASK)
        map->task = map->category;
    }
  /* A description column may be empty where the task's own title is
   * not: Jira's Work description and Summary. */
  map->task_fallback = -1;
  if (map->task >= 0 && a.role[map->task] == MK_COLUMN_DESCRIPTION)
    {
      int title = best_of_role (&a, MK_COLUMN_TASK);

      /* Also when the title gives the category: it is still the task's
       * best name. */
      if (title != map->task)
        map->task_fallback = title;
    }

  /* The duration. */
  if (options->duration_column != NULL)
    {
      if (!override_column (map, &a, options->duration_column, &map->duration, error))
        {
          analysis_clear (&a);
          return NULL;
        }
    }
  else
    {
      map->duration = spec != NULL ? CHOOSE (duration, MK_COLUMN_NONE) : -1;
      preset_duration = map->duration >= 0;
      if (map->duration < 0)
        map->duration = best_of_role (&a, MK_COLUMN_DURATION);
      if (map->duration < 0)
        map->duration = best_of_role (&a, MK_COLUMN_MINUTES);
      if (map->duration < 0)
        map->duration = best_of_role (&a, MK_COLUMN_HOURS);
    }
  map->duration_unit = map->duration >= 0 ? a.unit[map->duration] : MK_DURATION_UNIT_AUTO;
  map->duration_vague = map->duration >= 0 && a.role[map->duration] == MK_COLUMN_DURATION
                        && a.priority[map->duration] >= VAGUE_PRIORITY;
  /* The export knows better than the header's words: Kimai's "Duration"
   * is decimal hours ("1" is an hour), Clockify's "Duration (h)" hours. */
  if (preset_duration && spec->unit != MK_DURATION_UNIT_AUTO)
    map->duration_unit = spec->unit;
  /* And the user knows best of all (--column minutes=Timespent). */
  if (options->duration_unit != MK_DURATION_UNIT_AUTO && map->duration >= 0)
    map->duration_unit = options->duration_unit;

  /* The person. */
  if (options->person_column != NULL)
    {
      if (!override_column (map, &a, options->person_column, &map->person, error))
        {
          analysis_clear (&a);
          return NULL;
        }
      if (*options->person_column == '\0')
        map->first_name = map->last_name = map->email = -1;
    }

  analysis_clear (&a);

  if (map->date < 0 && map->start < 0)
    {
      g_set_error_literal (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_COLUMNS,
                           _("no date column: the header needs a column such as "
                             "Date or Дата"));
      return NULL;
    }
  if (map->duration < 0 && (map->start < 0 || map->end < 0))
    {
      g_set_error_literal (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_COLUMNS,
                           _("no duration column: the header needs Minutes, Hours or "
                             "Duration (Минуты, Часы, Длительность), or Start and End"));
      return NULL;
    }
  if (!options->person_given && map->person < 0 && map->first_name < 0
      && map->last_name < 0 && map->email < 0)
    {
      g_set_error_literal (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_COLUMNS,
                           _("no person column (such as Manager, User or Сотрудник); "
                             "for one person's timesheet give the name with --person"));
      return NULL;
    }
  return g_steal_pointer (&map);
}

#undef CHOOSE

/**
 * mk_column_map_describe_person:
 * @map: a map
 *
 * Returns: (transfer full) (nullable): where the person comes from, for a
 *   summary: "column 'Owner'", "columns 'First Name' and 'Last Name'",
 *   "column 'Email'", or %NULL when the map reads no person.
 */
char *
mk_column_map_describe_person (const MkColumnMap *map)
{
  g_return_val_if_fail (map != NULL, NULL);

  if (map->person >= 0)
    return g_strdup_printf (_("column '%s'"), map->headers[map->person]);
  if (map->first_name >= 0 && map->last_name >= 0)
    return g_strdup_printf (_("columns '%s' and '%s'"), map->headers[map->first_name],
                            map->headers[map->last_name]);
  if (map->first_name >= 0 || map->last_name >= 0)
    return g_strdup_printf (_("column '%s'"),
                            map->headers[map->first_name >= 0 ? map->first_name
                                                              : map->last_name]);
  if (map->email >= 0)
    return g_strdup_printf (_("column '%s'"), map->headers[map->email]);
  return NULL;
}

/**
 * mk_column_map_free:
 * @map: (transfer full) (nullable): a map
 */
void
mk_column_map_free (MkColumnMap *map)
{
  if (map == NULL)
    return;
  g_strfreev (map->headers);
  g_free (map);
}

/**
 * mk_column_map_get_role:
 * @map: a map
 * @column: a 0-based column
 *
 * Returns: what the importer reads from @column, for a preview: the role
 *   the map gave it, or %MK_COLUMN_NONE when it is not read.
 */
MkColumnRole
mk_column_map_get_role (const MkColumnMap *map,
                        int                column)
{
  g_return_val_if_fail (map != NULL, MK_COLUMN_NONE);

  if (column < 0)
    return MK_COLUMN_NONE;
  if (column == map->date)
    return MK_COLUMN_DATE;
  if (column == map->person)
    return MK_COLUMN_PERSON;
  if (column == map->first_name)
    return MK_COLUMN_FIRST_NAME;
  if (column == map->last_name)
    return MK_COLUMN_LAST_NAME;
  if (column == map->email)
    return MK_COLUMN_EMAIL;
  if (column == map->category)
    return MK_COLUMN_CATEGORY;
  if (column == map->task)
    return MK_COLUMN_DESCRIPTION;
  if (column == map->start)
    return MK_COLUMN_START;
  if (column == map->end)
    return MK_COLUMN_END;
  if (column == map->end_date)
    return MK_COLUMN_END_DATE;
  if (column == map->duration)
    {
      switch (map->duration_unit)
        {
        case MK_DURATION_UNIT_MINUTES:
          return MK_COLUMN_MINUTES;
        case MK_DURATION_UNIT_HOURS:
          return MK_COLUMN_HOURS;
        default:
          return MK_COLUMN_DURATION;
        }
    }
  return MK_COLUMN_NONE;
}

/**
 * mk_column_role_to_string:
 * @role: a role
 *
 * Returns: (transfer none): the role's name for a preview, translated.
 */
const char *
mk_column_role_to_string (MkColumnRole role)
{
  switch (role)
    {
    case MK_COLUMN_DATE:
      return _("date");
    case MK_COLUMN_PERSON:
      return _("person");
    case MK_COLUMN_FIRST_NAME:
      return _("first name");
    case MK_COLUMN_LAST_NAME:
      return _("last name");
    case MK_COLUMN_EMAIL:
      return _("e-mail");
    case MK_COLUMN_CATEGORY:
      return _("category");
    case MK_COLUMN_PROJECT:
      return _("project");
    case MK_COLUMN_TASK:
      return _("task");
    case MK_COLUMN_DESCRIPTION:
      return _("description");
    case MK_COLUMN_TAGS:
      return _("tags");
    case MK_COLUMN_START:
      return _("start");
    case MK_COLUMN_END:
      return _("end");
    case MK_COLUMN_END_DATE:
      return _("end date");
    case MK_COLUMN_MINUTES:
      return _("minutes");
    case MK_COLUMN_HOURS:
      return _("hours");
    case MK_COLUMN_DURATION:
      return _("duration");
    case MK_COLUMN_NONE:
    case MK_COLUMN_N_ROLES:
    default:
      return _("not used");
    }
}
