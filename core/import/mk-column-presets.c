/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-column-presets.c — the timesheet exports Minutka recognises, and how
 * each names its columns.
 *
 * Design notes.
 *
 * A preset is recognised when every header of one of its signatures is
 * present (after mk_column_normalize_header(): no byte-order mark, spaces
 * collapsed, casefolded), so extra columns, other column orders and the
 * optional columns of an export do not matter.  The first preset whose
 * signature matches wins, so a signature must not be a subset of an
 * earlier one's.  An export whose tool translates its headers has one
 * entry per language found.
 *
 * The comment before each entry says where its header was checked (the
 * tool's own source and translations where public, else public files and
 * parsers of real exports) and what could not be checked.  The corpus in
 * tests/data/import/ has a file per entry written with that header line.
 */
#define G_LOG_DOMAIN "mk-columns"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mk-columns-private.h"

static const MkPresetSpec presets[] = {
  /* Minutka's own export: MK_EXPORT_HEADER in core/report/mk-exporter.h, ISO dates,
   * HH:MM starts, whole minutes. */
  { MK_PRESET_MINUTKA,
    { "date", "start", "minutes", "category", "person", "email", "task" },
    { "date" }, { "person" }, { "category" }, { "task" }, { "start" }, { NULL }, { NULL },
    { "minutes" }, MK_DURATION_UNIT_MINUTES },

  /* Toggl Track, Reports → Detailed → Export → CSV.  Header seen in public
   * parsers of real exports: github.com/7pairs/toggl2html
   * (toggl2html/tests/test_detail.py, an export from 2014, "Amount ()"),
   * github.com/maliaoreta/toggl-to-harvest (README.md, "Amount (USD)"), and
   * further converters and tests: "User,Email,Client,Project,Task,
   * Description,Billable,Start date,Start time,End date,End time,Duration,
   * Tags,Amount (…)".  Duration is hh:mm:ss; dates ISO; times hh:mm:ss.
   * The headers stay English in other languages (the 2014 file has Japanese
   * values under English headers); no Russian variant was found. */
  { MK_PRESET_TOGGL,
    { "user", "email", "project", "description", "start date", "start time", "duration" },
    { "start date" }, { "user" }, { "project" }, { "description" }, { "start time" },
    { "end time" }, { "end date" }, { "duration" }, MK_DURATION_UNIT_AUTO },

  /* Clockify, Reports → Detailed → Export → CSV.  Header seen in several
   * public importers and tests of real exports (one cites
   * clockify.me/help/reports/exporting-reports): "Project,Client,
   * Description,Task,User,Group,Email,Tags,Billable,Start Date,Start Time,
   * End Date,End Time,Duration (h),Duration (decimal),Billable Rate (USD),
   * Billable Amount (USD)", some with cost and profit columns after; dates
   * follow the workspace format (ISO, MM/DD/YYYY or DD/MM/YYYY), times may
   * have AM/PM.  "Duration (h)" follows the workspace's duration format
   * (clockify.me/help/track-time-and-expenses/duration-format: hh:mm:ss,
   * h:mm or decimal h.hh), so a bare number in it is hours. */
  { MK_PRESET_CLOCKIFY,
    { "project", "description", "user", "email", "start date", "start time", "duration (h)" },
    { "start date" }, { "user" }, { "project" }, { "description" }, { "start time" },
    { "end time" }, { "end date" }, { "duration (h)", "duration (decimal)" },
    MK_DURATION_UNIT_HOURS },

  /* Kimai 2, Export → CSV.  Kimai's source (github.com/kimai/kimai):
   * src/Export/DefaultTemplate.php lists the columns date, begin, end,
   * duration_decimal, currency, rate, internal_rate, hourly_rate,
   * fixed_rate, user.alias, user.name, user.email, user.account_number,
   * customer.name, project.name, activity.name, description, billable,
   * tags, type, category, …; src/Export/ColumnConverter.php titles them
   * with the translation keys date, begin, end, duration, …, alias,
   * username, email, …, customer, project, activity, description, …, and
   * translations/messages.en.xlf gives "Date", "From", "To", "Duration",
   * "Name" (alias: the display name), "User" (the login), "E-mail",
   * "Customer", "Project", "Activity", "Description".  The CSV renderer
   * (src/Export/Base/CsvRenderer.php) writes dates Y-m-d, times H:i and
   * the duration in decimal hours with two decimals and a dot
   * (DurationDecimalFormatter) — a whole hour comes out as "1", so a bare
   * number is hours.  Older Kimai (src/Export/Base/
   * AbstractSpreadsheetRenderer.php) titled its columns with the keys
   * label.date, label.begin, label.end, label.duration (values as
   * [hh]:mm), label.rate, label.user, label.customer, label.project,
   * label.activity, label.description, label.exported, label.tags; that
   * their English was Date, From, To, … like today's (as kimai-export.csv
   * in the corpus assumes) was not checked. */
  { MK_PRESET_KIMAI,
    { "date", "from", "to", "duration", "customer", "project", "activity" },
    { "date" }, { "name", "user", "username" }, { "activity" }, { "description" },
    { "from" }, { "to" }, { NULL }, { "duration" }, MK_DURATION_UNIT_HOURS },

  /* Kimai in Russian: translations/messages.ru.xlf of kimai/kimai (the
   * version with label.* keys used by AbstractSpreadsheetRenderer) gives
   * "Дата", "С", "До", "Продолжительность", "Пользователь", "Клиент",
   * "Проект", "Активность", "Описание", and "Имя" for the alias. */
  { MK_PRESET_KIMAI,
    { "дата", "с", "до", "продолжительность", "клиент", "проект", "активность" },
    { "дата" }, { "имя", "пользователь" }, { "активность" }, { "описание" },
    { "с" }, { "до" }, { NULL }, { "продолжительность" }, MK_DURATION_UNIT_HOURS },

  /* Kimai in German, French, Spanish, Italian and Polish: the titles of
   * the export's columns in kimai/kimai translations/messages.de.xlf
   * (label.date "Datum", label.begin "Von", label.end "Bis", label.duration
   * "Dauer", label.alias "Name", label.user "Benutzer", label.activity
   * "Tätigkeit", label.description "Beschreibung"), messages.fr.xlf ("Date",
   * "De", "À", "Durée", "Nom", "Utilisateur", "Activité", "Description"),
   * messages.es.xlf ("Fecha", "De", "Para", "Duración", "Nombre",
   * "Usuario", "Actividad", "Descripción"), messages.it.xlf (date "Data",
   * begin "Da", end "A", duration "Durata", name "Nome", user "Utente",
   * activity "Attività", description "Descrizione") and messages.pl.xlf
   * ("Data", "Od", "Do", "Czas trwania", "Nazwa", "Użytkownik",
   * "Aktywność", "Opis").  The customer's and project's titles are left out
   * of the signatures, so that a shorter export still matches.  Czech and
   * Ukrainian Kimai are read by the generic names (their begin and end
   * titles, "Začít"/"Ukončit", were found but not their date and duration
   * titles in the same version). */
  { MK_PRESET_KIMAI,
    { "datum", "von", "bis", "dauer", "tätigkeit" },
    { "datum" }, { "name", "benutzer" }, { "tätigkeit" }, { "beschreibung" },
    { "von" }, { "bis" }, { NULL }, { "dauer" }, MK_DURATION_UNIT_HOURS },
  { MK_PRESET_KIMAI,
    { "date", "de", "à", "durée", "activité" },
    { "date" }, { "nom", "utilisateur", "identifiant" }, { "activité" }, { "description" },
    { "de" }, { "à" }, { NULL }, { "durée" }, MK_DURATION_UNIT_HOURS },
  { MK_PRESET_KIMAI,
    { "fecha", "de", "para", "duración", "actividad" },
    { "fecha" }, { "nombre", "usuario", "nombre de usuario" }, { "actividad" },
    { "descripción" }, { "de" }, { "para" }, { NULL }, { "duración" },
    MK_DURATION_UNIT_HOURS },
  { MK_PRESET_KIMAI,
    { "data", "da", "a", "durata", "attività" },
    { "data" }, { "nome", "utente" }, { "attività" }, { "descrizione" },
    { "da" }, { "a" }, { NULL }, { "durata" }, MK_DURATION_UNIT_HOURS },
  { MK_PRESET_KIMAI,
    { "data", "od", "do", "czas trwania", "aktywność" },
    { "data" }, { "nazwa", "użytkownik" }, { "aktywność" }, { "opis" },
    { "od" }, { "do" }, { NULL }, { "czas trwania" }, MK_DURATION_UNIT_HOURS },

  /* Harvest, Reports → Detailed time → Export → CSV.  Checked only
   * against public code that writes Harvest-shaped files, not against
   * Harvest itself: one writes "Date,Client,Project,Task,Notes,Hours,
   * First Name,Last Name" for its Harvest format, another (a sheet of
   * hours) Date, Client, Project, Hours, Hours Rounded, Billable?,
   * Invoiced?, First Name, Last Name.  Hours are decimal; the person is
   * First Name + Last Name. */
  { MK_PRESET_HARVEST,
    { "date", "client", "project", "task", "notes", "hours", "first name", "last name" },
    { "date" }, { NULL }, { "task" }, { "notes" }, { NULL }, { NULL }, { NULL },
    { "hours" }, MK_DURATION_UNIT_HOURS },

  /* Hamster (GNOME time tracker), Save report… → TSV.  Its source
   * (github.com/projecthamster/hamster, src/hamster/reports.py, TSVWriter)
   * writes the translated titles activity, start time, end time, duration
   * minutes, category, description, tags, with start and end as
   * "%Y-%m-%d %H:%M:%S" and whole minutes.  One person's timesheet: the
   * person comes from --person. */
  { MK_PRESET_HAMSTER,
    { "activity", "start time", "end time", "duration minutes", "category" },
    { NULL }, { NULL }, { "category" }, { "activity" }, { "start time" }, { "end time" },
    { NULL }, { "duration minutes" }, MK_DURATION_UNIT_MINUTES },

  /* Hamster in Russian: po/ru.po of projecthamster/hamster translates
   * those column titles as занятие, время начала, время окончания,
   * длительность в минутах, категория, описание, метки. */
  { MK_PRESET_HAMSTER,
    { "занятие", "время начала", "время окончания", "длительность в минутах", "категория" },
    { NULL }, { NULL }, { "категория" }, { "занятие" }, { "время начала" },
    { "время окончания" }, { NULL }, { "длительность в минутах" }, MK_DURATION_UNIT_MINUTES },

  /* Jira Tempo Timesheets, worklogs exported from a report.  Only part of
   * the header could be checked: a public script reading such exports
   * uses the columns "Work date", "Hours", "Work Description",
   * "Billed Hours" and "Parent Key", spelled so.  The other columns named
   * here (Issue Key, Issue summary, Username, Full name, Account Name,
   * Activity Name) are Tempo Server's usual ones, not verified; the
   * signature therefore asks only for the checked three, and a person
   * column the export names otherwise is found by the generic names. */
  { MK_PRESET_TEMPO,
    { "work date", "hours", "work description" },
    { "work date" }, { "full name", "username", "user" },
    { "activity name", "account name", "project name" },
    { "work description", "issue summary" }, { NULL }, { NULL }, { NULL }, { "hours" },
    MK_DURATION_UNIT_HOURS },
};

static const struct {
  MkPreset    preset;
  const char *key;
  const char *display;
} preset_names[] = {
  { MK_PRESET_AUTO, "auto", N_("recognised from the header") },
  { MK_PRESET_GENERIC, "generic", N_("generic spreadsheet") },
  { MK_PRESET_TOGGL, "toggl", N_("Toggl Track detailed export") },
  { MK_PRESET_CLOCKIFY, "clockify", N_("Clockify detailed report") },
  { MK_PRESET_KIMAI, "kimai", N_("Kimai export") },
  { MK_PRESET_HARVEST, "harvest", N_("Harvest detailed time report") },
  { MK_PRESET_HAMSTER, "hamster", N_("Hamster export") },
  { MK_PRESET_TEMPO, "tempo", N_("Jira Tempo worklogs") },
  { MK_PRESET_MINUTKA, "minutka", N_("Minutka export") },
};

/**
 * mk_column_presets:
 * @n_presets: (out): how many entries the table has
 *
 * Returns: (transfer none) (array length=n_presets): every known way an
 *   export names its columns, in the order they are tried.
 */
const MkPresetSpec *
mk_column_presets (gsize *n_presets)
{
  *n_presets = G_N_ELEMENTS (presets);
  return presets;
}

/**
 * mk_preset_to_string:
 * @preset: a preset
 *
 * Returns: (transfer none): its key for --preset: "auto", "toggl", …
 */
const char *
mk_preset_to_string (MkPreset preset)
{
  for (gsize i = 0; i < G_N_ELEMENTS (preset_names); i++)
    if (preset_names[i].preset == preset)
      return preset_names[i].key;
  g_return_val_if_reached ("generic");
}

/**
 * mk_preset_from_string:
 * @text: a key as given to --preset (any case)
 * @preset: (out): the preset
 *
 * Returns: %TRUE if @text names a preset.
 */
gboolean
mk_preset_from_string (const char *text,
                       MkPreset   *preset)
{
  g_return_val_if_fail (preset != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (preset_names); i++)
    if (g_ascii_strcasecmp (text, preset_names[i].key) == 0)
      {
        *preset = preset_names[i].preset;
        return TRUE;
      }
  return FALSE;
}

/**
 * mk_preset_get_display_name:
 * @preset: a preset
 *
 * Returns: (transfer none): its name for people, untranslated (pass it
 *   through _()): "Toggl Track detailed export".
 */
const char *
mk_preset_get_display_name (MkPreset preset)
{
  for (gsize i = 0; i < G_N_ELEMENTS (preset_names); i++)
    if (preset_names[i].preset == preset)
      return preset_names[i].display;
  g_return_val_if_reached ("");
}
