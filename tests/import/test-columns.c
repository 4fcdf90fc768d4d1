/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-columns.c — header names to roles, presets, and the column map. */
#include "config.h"

#include "mk-columns.h"
#include "mk-error.h"

static MkColumnMap *
map_ok (const char * const *headers,
        MkPreset            preset,
        const char         *category_column,
        gboolean            person_given)
{
  g_autoptr(GError) error = NULL;
  MkColumnOptions options = { preset, category_column, person_given };
  guint n = g_strv_length ((char **) headers);
  MkColumnMap *map = mk_column_map_new (headers, n, &options, &error);

  g_assert_no_error (error);
  g_assert_nonnull (map);
  return map;
}

static char *
map_fails (const char * const *headers,
           MkPreset            preset,
           const char         *category_column)
{
  g_autoptr(GError) error = NULL;
  MkColumnOptions options = { preset, category_column, FALSE };
  guint n = g_strv_length ((char **) headers);
  MkColumnMap *map = mk_column_map_new (headers, n, &options, &error);

  g_assert_null (map);
  g_assert_error (error, MK_IMPORT_ERROR, MK_IMPORT_ERROR_COLUMNS);
  return g_strdup (error->message);
}

static void
test_roles (void)
{
  MkDurationUnit unit = MK_DURATION_UNIT_AUTO;

  g_assert_cmpint (mk_column_role_for_header ("Date", NULL), ==, MK_COLUMN_DATE);
  g_assert_cmpint (mk_column_role_for_header ("\xEF\xBB\xBF  ДАТА ", NULL), ==, MK_COLUMN_DATE);
  g_assert_cmpint (mk_column_role_for_header ("Менеджер", NULL), ==, MK_COLUMN_PERSON);
  g_assert_cmpint (mk_column_role_for_header ("Вид  работы", NULL), ==, MK_COLUMN_CATEGORY);
  g_assert_cmpint (mk_column_role_for_header ("Start Time", NULL), ==, MK_COLUMN_START);
  g_assert_cmpint (mk_column_role_for_header ("Amount (USD)", NULL), ==, MK_COLUMN_NONE);

  g_assert_cmpint (mk_column_role_for_header ("Часы", &unit), ==, MK_COLUMN_HOURS);
  g_assert_cmpint (unit, ==, MK_DURATION_UNIT_HOURS);
  g_assert_cmpint (mk_column_role_for_header ("Минуты", &unit), ==, MK_COLUMN_MINUTES);
  g_assert_cmpint (unit, ==, MK_DURATION_UNIT_MINUTES);
  g_assert_cmpint (mk_column_role_for_header ("Duration (decimal)", &unit), ==, MK_COLUMN_HOURS);
  g_assert_cmpint (unit, ==, MK_DURATION_UNIT_HOURS);
  /* "(h)": a bare number is hours ("01:30:00" still says its own unit). */
  g_assert_cmpint (mk_column_role_for_header ("Duration (h)", &unit), ==, MK_COLUMN_HOURS);
  g_assert_cmpint (unit, ==, MK_DURATION_UNIT_HOURS);
  g_assert_cmpint (mk_column_role_for_header ("Time Spent (h)", &unit), ==, MK_COLUMN_HOURS);
  g_assert_cmpint (mk_column_role_for_header ("Timespent", &unit), ==, MK_COLUMN_DURATION);
  g_assert_cmpint (mk_column_role_for_header ("Hr. Spent", &unit), ==, MK_COLUMN_HOURS);
  g_assert_cmpint (mk_column_role_for_header ("Log Date & Time", NULL), ==, MK_COLUMN_START);
  g_assert_cmpint (mk_column_role_for_header ("Длительность, мин", &unit), ==,
                   MK_COLUMN_MINUTES);
  g_assert_cmpint (mk_column_role_for_header ("Time spent (seconds)", &unit), ==,
                   MK_COLUMN_DURATION);
  g_assert_cmpint (unit, ==, MK_DURATION_UNIT_SECONDS);
}

static void
test_preset_toggl (void)
{
  const char *headers[] = { "User", "Email", "Client", "Project", "Task", "Description",
                            "Billable", "Start date", "Start time", "End date", "End time",
                            "Duration", "Tags", "Amount (USD)", NULL };
  g_autoptr(MkColumnMap) map = map_ok (headers, MK_PRESET_AUTO, NULL, FALSE);

  g_assert_cmpint (map->preset, ==, MK_PRESET_TOGGL);
  g_assert_cmpint (map->person, ==, 0);
  g_assert_cmpint (map->email, ==, 1);
  g_assert_cmpint (map->category, ==, 3);
  g_assert_cmpint (map->task, ==, 5);
  g_assert_cmpint (map->date, ==, 7);
  g_assert_cmpint (map->start, ==, 8);
  g_assert_cmpint (map->end_date, ==, 9);
  g_assert_cmpint (map->end, ==, 10);
  g_assert_cmpint (map->duration, ==, 11);
  g_assert_cmpint (map->duration_unit, ==, MK_DURATION_UNIT_AUTO);
}

static void
test_preset_clockify_prefers_exact_duration (void)
{
  const char *headers[] = { "Project", "Client", "Description", "Task", "User", "Group",
                            "Email", "Tags", "Billable", "Start Date", "Start Time",
                            "End Date", "End Time", "Duration (h)", "Duration (decimal)",
                            "Billable Rate (USD)", "Billable Amount (USD)", NULL };
  g_autoptr(MkColumnMap) map = map_ok (headers, MK_PRESET_AUTO, NULL, FALSE);

  g_assert_cmpint (map->preset, ==, MK_PRESET_CLOCKIFY);
  g_assert_cmpint (map->duration, ==, 13);
  g_assert_cmpint (map->category, ==, 0);
  g_assert_cmpint (map->task, ==, 2);
}

static void
test_preset_harvest (void)
{
  const char *headers[] = { "Date", "Client", "Project", "Project Code", "Task", "Notes",
                            "Hours", "Hours Rounded", "Billable?", "Invoiced?", "First Name",
                            "Last Name", "Roles", "Employee?", NULL };
  g_autoptr(MkColumnMap) map = map_ok (headers, MK_PRESET_AUTO, NULL, FALSE);

  g_assert_cmpint (map->preset, ==, MK_PRESET_HARVEST);
  g_assert_cmpint (map->category, ==, 4);
  g_assert_cmpint (map->task, ==, 5);
  g_assert_cmpint (map->duration, ==, 6);
  g_assert_cmpint (map->duration_unit, ==, MK_DURATION_UNIT_HOURS);
  g_assert_cmpint (map->first_name, ==, 10);
  g_assert_cmpint (map->last_name, ==, 11);
  g_assert_cmpint (map->person, ==, -1);
}

static void
test_preset_hamster_needs_person (void)
{
  /* The TSV header of projecthamster/hamster's reports.py. */
  const char *headers[] = { "activity", "start time", "end time", "duration minutes",
                            "category", "description", "tags", NULL };
  g_autofree char *message = map_fails (headers, MK_PRESET_AUTO, NULL);
  g_autoptr(MkColumnMap) map = map_ok (headers, MK_PRESET_AUTO, NULL, TRUE);

  g_assert_cmpstr (message, ==, "no person column (such as Manager, User or Сотрудник); "
                   "for one person's timesheet give the name with --person");
  g_assert_cmpint (map->preset, ==, MK_PRESET_HAMSTER);
  g_assert_cmpint (map->date, ==, -1);
  g_assert_cmpint (map->start, ==, 1);
  g_assert_cmpint (map->category, ==, 4);
  g_assert_cmpint (map->task, ==, 0);
  g_assert_cmpint (map->duration_unit, ==, MK_DURATION_UNIT_MINUTES);
}

static void
test_preset_kimai_tempo_minutka (void)
{
  const char *kimai[] = { "Date", "From", "To", "Duration", "Rate", "User", "Customer",
                          "Project", "Activity", "Description", "Exported", "Tags", NULL };
  const char *tempo[] = { "Issue Key", "Issue summary", "Hours", "Work date", "Username",
                          "Full name", "Activity Name", "Work Description", NULL };
  const char *own[] = { "date", "start", "minutes", "category", "person", "email", "task",
                        NULL };
  g_autoptr(MkColumnMap) k = map_ok (kimai, MK_PRESET_AUTO, NULL, FALSE);
  g_autoptr(MkColumnMap) t = map_ok (tempo, MK_PRESET_AUTO, NULL, FALSE);
  g_autoptr(MkColumnMap) m = map_ok (own, MK_PRESET_AUTO, NULL, FALSE);

  g_assert_cmpint (k->preset, ==, MK_PRESET_KIMAI);
  g_assert_cmpint (k->category, ==, 8);
  g_assert_cmpint (k->person, ==, 5);
  g_assert_cmpint (t->preset, ==, MK_PRESET_TEMPO);
  g_assert_cmpint (t->person, ==, 5);
  g_assert_cmpint (t->category, ==, 6);
  g_assert_cmpint (t->task, ==, 7);
  g_assert_cmpint (t->date, ==, 3);
  g_assert_cmpint (m->preset, ==, MK_PRESET_MINUTKA);
  g_assert_cmpint (m->duration_unit, ==, MK_DURATION_UNIT_MINUTES);
}

static void
test_generic_russian (void)
{
  const char *headers[] = { "Дата", "Сотрудник", "Проект", "Вид работы", "Описание", "Часы",
                            NULL };
  g_autoptr(MkColumnMap) map = map_ok (headers, MK_PRESET_AUTO, NULL, FALSE);

  g_assert_cmpint (map->preset, ==, MK_PRESET_GENERIC);
  g_assert_cmpint (map->date, ==, 0);
  g_assert_cmpint (map->person, ==, 1);
  /* An explicit activity column beats the project. */
  g_assert_cmpint (map->category, ==, 3);
  g_assert_cmpint (map->task, ==, 4);
  g_assert_cmpint (map->duration_unit, ==, MK_DURATION_UNIT_HOURS);
}

static void
test_category_precedence (void)
{
  const char *project_task[] = { "Date", "User", "Task", "Project", "Minutes", NULL };
  const char *task_tags[] = { "Date", "User", "Tags", "Task", "Minutes", NULL };
  const char *tags_only[] = { "Date", "User", "Tags", "Minutes", NULL };
  g_autoptr(MkColumnMap) a = map_ok (project_task, MK_PRESET_GENERIC, NULL, FALSE);
  g_autoptr(MkColumnMap) b = map_ok (task_tags, MK_PRESET_GENERIC, NULL, FALSE);
  g_autoptr(MkColumnMap) c = map_ok (tags_only, MK_PRESET_GENERIC, NULL, FALSE);

  g_assert_cmpint (a->category, ==, 3);
  g_assert_cmpint (a->task, ==, 2);
  g_assert_cmpint (b->category, ==, 3);
  /* With no other text, the task column that gives the category is the
   * task too. */
  g_assert_cmpint (b->task, ==, 3);
  g_assert_cmpint (c->category, ==, 2);
}

static void
test_category_column_override (void)
{
  const char *headers[] = { "User", "Email", "Project", "Description", "Start date",
                            "Start time", "Duration", "Tags", NULL };
  g_autoptr(MkColumnMap) map = map_ok (headers, MK_PRESET_AUTO, " tags", FALSE);
  g_autofree char *message = map_fails (headers, MK_PRESET_AUTO, "Kind");

  g_assert_cmpint (map->preset, ==, MK_PRESET_TOGGL);
  g_assert_cmpint (map->category, ==, 7);
  g_assert_true (g_str_has_prefix (message, "there is no column named 'Kind'; the columns are "
                                   "'User', 'Email', 'Project'"));
}

static void
test_start_end_without_duration (void)
{
  const char *headers[] = { "Date", "Manager", "Start", "End", "Category", NULL };
  g_autoptr(MkColumnMap) map = map_ok (headers, MK_PRESET_AUTO, NULL, FALSE);

  g_assert_cmpint (map->duration, ==, -1);
  g_assert_cmpint (map->start, ==, 2);
  g_assert_cmpint (map->end, ==, 3);
}

static void
test_missing_columns (void)
{
  const char *no_date[] = { "Manager", "Minutes", NULL };
  const char *no_duration[] = { "Date", "Manager", "Start", NULL };
  g_autofree char *a = map_fails (no_date, MK_PRESET_AUTO, NULL);
  g_autofree char *b = map_fails (no_duration, MK_PRESET_AUTO, NULL);

  g_assert_cmpstr (a, ==, "no date column: the header needs a column such as Date or Дата");
  g_assert_true (g_str_has_prefix (b, "no duration column"));
}

static void
test_forced_preset_mismatch (void)
{
  const char *headers[] = { "Date", "Manager", "Minutes", NULL };
  g_autofree char *message = map_fails (headers, MK_PRESET_TOGGL, NULL);

  g_assert_cmpstr (message, ==, "the header does not look like a Toggl Track detailed export: "
                   "it has no column 'user'");
}

static void
test_lone_first_name_is_person (void)
{
  const char *headers[] = { "Дата", "Имя", "Минуты", NULL };
  g_autoptr(MkColumnMap) map = map_ok (headers, MK_PRESET_AUTO, NULL, FALSE);

  g_assert_cmpint (map->person, ==, 1);
  g_assert_cmpint (mk_column_map_get_role (map, 1), ==, MK_COLUMN_PERSON);
  g_assert_cmpint (mk_column_map_get_role (map, 2), ==, MK_COLUMN_MINUTES);
}

static void
test_preset_strings (void)
{
  MkPreset preset = MK_PRESET_AUTO;

  g_assert_true (mk_preset_from_string ("Clockify", &preset));
  g_assert_cmpint (preset, ==, MK_PRESET_CLOCKIFY);
  g_assert_false (mk_preset_from_string ("excel", &preset));
  g_assert_cmpstr (mk_preset_to_string (MK_PRESET_TEMPO), ==, "tempo");
}

static void
test_preset_kimai2_default_template (void)
{
  /* The header of Kimai 2's default CSV export template. */
  const char *headers[] = { "Date", "From", "To", "Duration", "Currency", "Price",
                            "Internal price", "Hourly price", "Fixed price", "Name", "User",
                            "E-mail", "Staff number", "Customer", "Project", "Activity",
                            "Description", "Billable", "Tags", "Type", "Category", "Account",
                            "Project number", "VAT-ID", "Order number", NULL };
  g_autoptr(MkColumnMap) map = map_ok (headers, MK_PRESET_AUTO, NULL, FALSE);

  g_assert_cmpint (map->preset, ==, MK_PRESET_KIMAI);
  /* The display name, not the login. */
  g_assert_cmpint (map->person, ==, 9);
  g_assert_cmpint (map->email, ==, 11);
  /* The activity, not Kimai's timesheet category ("work"). */
  g_assert_cmpint (map->category, ==, 15);
  g_assert_cmpint (map->task, ==, 16);
  g_assert_cmpint (map->start, ==, 1);
  g_assert_cmpint (map->end, ==, 2);
  /* Decimal hours: "1" is an hour, not a minute. */
  g_assert_cmpint (map->duration, ==, 3);
  g_assert_cmpint (map->duration_unit, ==, MK_DURATION_UNIT_HOURS);
}

static void
test_preset_kimai_russian (void)
{
  const char *headers[] = { "Дата", "С", "До", "Продолжительность", "Заработная плата",
                            "Пользователь", "Клиент", "Проект", "Активность", "Описание",
                            NULL };
  g_autoptr(MkColumnMap) map = map_ok (headers, MK_PRESET_AUTO, NULL, FALSE);

  g_assert_cmpint (map->preset, ==, MK_PRESET_KIMAI);
  g_assert_cmpint (map->person, ==, 5);
  g_assert_cmpint (map->category, ==, 8);
  g_assert_cmpint (map->task, ==, 9);
  g_assert_cmpint (map->start, ==, 1);
  g_assert_cmpint (map->end, ==, 2);
  g_assert_cmpint (map->duration, ==, 3);
}

static void
test_preset_hamster_russian (void)
{
  const char *headers[] = { "занятие", "время начала", "время окончания",
                            "длительность в минутах", "категория", "описание", "метки", NULL };
  g_autoptr(MkColumnMap) map = map_ok (headers, MK_PRESET_AUTO, NULL, TRUE);

  g_assert_cmpint (map->preset, ==, MK_PRESET_HAMSTER);
  g_assert_cmpint (map->start, ==, 1);
  g_assert_cmpint (map->end, ==, 2);
  g_assert_cmpint (map->duration, ==, 3);
  g_assert_cmpint (map->duration_unit, ==, MK_DURATION_UNIT_MINUTES);
  g_assert_cmpint (map->category, ==, 4);
  g_assert_cmpint (map->task, ==, 0);
}

static void
test_preset_clockify_hours (void)
{
  /* "Duration (h)" follows the workspace's duration format: "01:30:00",
   * "1:30" or "1.50"; a bare number there is hours. */
  const char *headers[] = { "Project", "Client", "Description", "Task", "User", "Group",
                            "Email", "Tags", "Billable", "Start Date", "Start Time",
                            "End Date", "End Time", "Duration (h)", "Duration (decimal)", NULL };
  g_autoptr(MkColumnMap) map = map_ok (headers, MK_PRESET_AUTO, NULL, FALSE);

  g_assert_cmpint (map->preset, ==, MK_PRESET_CLOCKIFY);
  g_assert_cmpint (map->duration, ==, 13);
  g_assert_cmpint (map->duration_unit, ==, MK_DURATION_UNIT_HOURS);
}

static void
test_preset_tempo_checked_columns (void)
{
  /* Only the checked spellings, and a person column Tempo's preset does
   * not name: it is found by the generic names. */
  const char *headers[] = { "Parent Key", "Work date", "Hours", "Billed Hours",
                            "Work Description", "Author", NULL };
  g_autoptr(MkColumnMap) map = map_ok (headers, MK_PRESET_AUTO, NULL, FALSE);

  g_assert_cmpint (map->preset, ==, MK_PRESET_TEMPO);
  g_assert_cmpint (map->date, ==, 1);
  g_assert_cmpint (map->duration, ==, 2);
  g_assert_cmpint (map->duration_unit, ==, MK_DURATION_UNIT_HOURS);
  g_assert_cmpint (map->task, ==, 4);
  g_assert_cmpint (map->person, ==, 5);
}

static void
test_person_column_before_name (void)
{
  /* A CRM timesheet: "Name" is the activity's title, "Owner" the person. */
  const char *crm[] = { "Name", "Date", "Duration", "Owner", "Type", NULL };
  const char *ru[] = { "Название", "Дата", "Минуты", "Ответственный", NULL };
  const char *jira[] = { "Issue Key", "Summary", "Author", "Started", "Time Spent (h)",
                         "Work Description", NULL };
  g_autoptr(MkColumnMap) a = map_ok (crm, MK_PRESET_AUTO, NULL, FALSE);
  g_autoptr(MkColumnMap) b = map_ok (ru, MK_PRESET_AUTO, NULL, FALSE);
  g_autoptr(MkColumnMap) c = map_ok (jira, MK_PRESET_AUTO, NULL, FALSE);
  g_autofree char *source = mk_column_map_describe_person (a);

  g_assert_cmpint (a->person, ==, 3);
  g_assert_cmpstr (source, ==, "column 'Owner'");
  g_assert_cmpint (b->person, ==, 3);
  /* Jira: the person from Author, the task from Work description and,
   * where that is empty, from Summary; decimal hours. */
  g_assert_cmpint (c->person, ==, 2);
  g_assert_cmpint (c->task, ==, 5);
  g_assert_cmpint (c->task_fallback, ==, 1);
  g_assert_cmpint (c->start, ==, 3);
  g_assert_cmpint (c->duration, ==, 4);
  g_assert_cmpint (c->duration_unit, ==, MK_DURATION_UNIT_HOURS);
}

static void
test_duplicate_columns_refused (void)
{
  const char *headers[] = { "Date", "Date", "Person", "Minutes", "Minutes", NULL };
  const char *unused[] = { "Date", "Person", "Minutes", "Amount", "Amount", NULL };
  g_autofree char *message = map_fails (headers, MK_PRESET_AUTO, NULL);
  g_autoptr(MkColumnMap) map = map_ok (unused, MK_PRESET_AUTO, NULL, FALSE);

  g_assert_cmpstr (message, ==, "the header has two columns named 'Date' (columns 1 and 2); "
                                "rename one of them so that it is clear which to read");
  /* Two columns with the same name that nothing reads are no problem. */
  g_assert_nonnull (map);
}

static void
test_vague_duration (void)
{
  /* An access-control log: "Время" is a time of day there. */
  const char *log[] = { "Дата", "Время", "Сотрудник", "Вход/Выход", NULL };
  const char *plain[] = { "Date", "Duration", "User", NULL };
  g_autoptr(MkColumnMap) a = map_ok (log, MK_PRESET_AUTO, NULL, FALSE);
  g_autoptr(MkColumnMap) b = map_ok (plain, MK_PRESET_AUTO, NULL, FALSE);

  g_assert_cmpint (a->duration, ==, 1);
  g_assert_true (a->duration_vague);
  g_assert_false (b->duration_vague);
}

/* Headers as Kimai's and Redmine's translations title them (see
 * mk-column-presets.c for the files). */
static void
test_other_languages (void)
{
  const struct {
    const char *headers[9];
    MkPreset    preset;
    int         person;
    int         category;
  } cases[] = {
    /* Kimai, German: Name (the alias) is the person, not Benutzer. */
    { { "Datum", "Von", "Bis", "Dauer", "Name", "Benutzer", "Tätigkeit", "Beschreibung" },
      MK_PRESET_KIMAI, 4, 6 },
    { { "Date", "De", "À", "Durée", "Nom", "Utilisateur", "Activité", "Description" },
      MK_PRESET_KIMAI, 4, 6 },
    { { "Fecha", "De", "Para", "Duración", "Nombre", "Usuario", "Actividad", "Descripción" },
      MK_PRESET_KIMAI, 4, 6 },
    { { "Data", "Da", "A", "Durata", "Nome", "Utente", "Attività", "Descrizione" },
      MK_PRESET_KIMAI, 4, 6 },
    { { "Data", "Od", "Do", "Czas trwania", "Nazwa", "Użytkownik", "Aktywność", "Opis" },
      MK_PRESET_KIMAI, 4, 6 },
    /* Redmine's time entries, Czech and German. */
    { { "Projekt", "Datum", "Uživatel", "Aktivita", "Úkol", "Komentář", "Hodiny", NULL },
      MK_PRESET_GENERIC, 2, 3 },
    { { "Projekt", "Datum", "Benutzer", "Aktivität", "Ticket", "Kommentar", "Stunden", NULL },
      MK_PRESET_GENERIC, 2, 3 },
    /* Ukrainian and Spanish, generic. */
    { { "Дата", "Користувач", "Діяльність", "Тривалість", "Опис", NULL },
      MK_PRESET_GENERIC, 1, 2 },
    { { "Fecha", "Usuario", "Proyecto", "Horas", NULL }, MK_PRESET_GENERIC, 1, 2 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MkColumnMap) map = map_ok (cases[i].headers, MK_PRESET_AUTO, NULL, FALSE);

      g_assert_cmpint (map->preset, ==, cases[i].preset);
      g_assert_cmpint (map->person, ==, cases[i].person);
      g_assert_cmpint (map->category, ==, cases[i].category);
      g_assert_cmpint (map->date, >=, 0);
      g_assert_cmpint (map->duration, >=, 0);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/columns/roles-english-russian-units", test_roles);
  g_test_add_func ("/columns/preset/toggl", test_preset_toggl);
  g_test_add_func ("/columns/preset/clockify-prefers-exact-duration",
                   test_preset_clockify_prefers_exact_duration);
  g_test_add_func ("/columns/preset/harvest", test_preset_harvest);
  g_test_add_func ("/columns/preset/hamster-needs-person", test_preset_hamster_needs_person);
  g_test_add_func ("/columns/preset/kimai-tempo-minutka", test_preset_kimai_tempo_minutka);
  g_test_add_func ("/columns/preset/kimai2-default-template-decimal-hours",
                   test_preset_kimai2_default_template);
  g_test_add_func ("/columns/preset/kimai-russian", test_preset_kimai_russian);
  g_test_add_func ("/columns/preset/hamster-russian", test_preset_hamster_russian);
  g_test_add_func ("/columns/preset/clockify-duration-h-is-hours", test_preset_clockify_hours);
  g_test_add_func ("/columns/preset/tempo-checked-columns-person-by-generic-name",
                   test_preset_tempo_checked_columns);
  g_test_add_func ("/columns/generic/russian", test_generic_russian);
  g_test_add_func ("/columns/generic/category-precedence", test_category_precedence);
  g_test_add_func ("/columns/category-column-override", test_category_column_override);
  g_test_add_func ("/columns/start-end-without-duration", test_start_end_without_duration);
  g_test_add_func ("/columns/missing-columns-named", test_missing_columns);
  g_test_add_func ("/columns/forced-preset-mismatch", test_forced_preset_mismatch);
  g_test_add_func ("/columns/lone-first-name-is-person", test_lone_first_name_is_person);
  g_test_add_func ("/columns/preset-strings", test_preset_strings);
  g_test_add_func ("/columns/person-column-before-bare-name", test_person_column_before_name);
  g_test_add_func ("/columns/duplicate-columns-refused", test_duplicate_columns_refused);
  g_test_add_func ("/columns/vague-time-column", test_vague_duration);
  g_test_add_func ("/columns/other-languages", test_other_languages);

  return g_test_run ();
}
