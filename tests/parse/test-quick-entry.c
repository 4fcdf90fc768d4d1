/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-quick-entry.c — the Today page's one-line parser, in English and Russian.
 *
 * The alias table is a small stand-in for the store's: the parser only sees
 * a lookup callback, so these tests need no database.
 */
#include "config.h"

#include <locale.h>

#include "mk-error.h"
#include "mk-quick-entry.h"

typedef struct {
  const char *alias;
  const char *key;
} Alias;

static const Alias aliases[] = {
  { "call", "calls" }, { "calls", "calls" }, { "звонок", "calls" }, { "звонки", "calls" },
  { "follow-up", "follow_up" }, { "follow up", "follow_up" }, { "перезвон", "follow_up" },
  { "кп", "follow_up" },
  { "admin", "admin" }, { "crm", "admin" }, { "отчёт", "admin" }, { "отчет", "admin" },
  { "почта", "admin" },
  { "meeting", "meetings" }, { "планёрка", "meetings" }, { "планерка", "meetings" },
  { "travel", "travel" }, { "дорога", "travel" },
  { "training", "training" },
};

static const char *
key_name (const char *key)
{
  static const char *names[][2] = {
    { "calls", "Calls" }, { "follow_up", "Follow-ups" }, { "admin", "Admin" },
    { "meetings", "Meetings" }, { "travel", "Travel" }, { "training", "Training" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (names[i][0], key))
      return names[i][1];
  g_assert_not_reached ();
}

/* Counts the calls and remembers the keys it was asked, to check casefolding. */
static GPtrArray *asked;

static MkCategory *
lookup_cb (const char *text,
           gpointer    user_data)
{
  if (asked != NULL)
    g_ptr_array_add (asked, g_strdup (text));

  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (g_str_equal (aliases[i].alias, text))
      return mk_category_new (i + 1, aliases[i].key, key_name (aliases[i].key), "#3584e4",
                              MK_CATEGORY_KIND_SELLING, 0, 100, 0, FALSE);
  return NULL;
}

typedef struct {
  const char *path;
  const char *line;
  int         start;
  int         minutes;
  const char *key;            /* NULL: no category */
  const char *category_text;
  const char *task;
  const char *unknown;        /* the word to teach, when no category */
} Good;

static const Good good[] = {
  /* Issue 17: the task keeps every word but the duration and the time range;
   * a line that names no known category says which word is new. */
  { "/quick-entry/ru/issue17-hours-word-task", "2 часа отчет", -1, 120, "admin", "отчет",
    "отчет" },
  { "/quick-entry/ru/issue17-hours-minutes-words-task", "1 ч 5 мин почта", -1, 65, "admin",
    "почта", "почта" },
  { "/quick-entry/ru/issue17-range-task", "9:15-9:45 планерка", 555, 30, "meetings",
    "планерка", "планерка" },
  { "/quick-entry/ru/issue17-whole-task", "2ч отчет для руководителя", -1, 120, "admin",
    "отчет", "отчет для руководителя" },
  { "/quick-entry/en/issue17-unknown-word", "14:00-15:00 demo Initech", 840, 60, NULL, NULL,
    "demo Initech", "demo" },
  /* The examples of issue 1. */
  { "/quick-entry/en/minutes-category-task", "30 call Acme intro", -1, 30, "calls", "call",
    "call Acme intro" },
  { "/quick-entry/en/h-mm", "1:30 admin weekly report", -1, 90, "admin", "admin",
    "admin weekly report" },
  { "/quick-entry/ru/hours-comma-suffix", "1,5ч звонки Ромашка", -1, 90, "calls", "звонки",
    "звонки Ромашка" },
  { "/quick-entry/en/m-suffix-hyphenated-alias", "45m follow-up send proposal", -1, 45,
    "follow_up", "follow-up", "follow-up send proposal" },
  { "/quick-entry/en/range", "9:15-9:45 meeting stand-up", 555, 30, "meetings", "meeting",
    "meeting stand-up" },
  { "/quick-entry/ru/category-first", "перезвон 20 ООО Вектор", -1, 20, "follow_up",
    "перезвон", "перезвон ООО Вектор" },
  { "/quick-entry/ru/unit-word", "30 мин звонок", -1, 30, "calls", "звонок", "звонок" },
  { "/quick-entry/en/hours-dot-suffix", "1.5h calls", -1, 90, "calls", "calls", "calls" },
  { "/quick-entry/ru/hours-suffix-abbreviation-alias", "2ч КП Ромашка", -1, 120, "follow_up",
    "КП", "КП Ромашка" },
  /* More English. */
  { "/quick-entry/en/two-word-alias-after", "30 follow up Acme", -1, 30, "follow_up",
    "follow up", "follow up Acme" },
  { "/quick-entry/en/two-word-alias-before", "follow up 20 Acme", -1, 20, "follow_up",
    "follow up", "follow up Acme" },
  { "/quick-entry/en/hours-minutes-one-word", "1h30 admin", -1, 90, "admin", "admin", "admin" },
  { "/quick-entry/en/hours-minutes-two-words", "1h 30m admin CRM clean-up", -1, 90, "admin",
    "admin", "admin CRM clean-up" },
  { "/quick-entry/en/hours-minutes-four-words", "1 h 30 min calls", -1, 90, "calls", "calls",
    "calls" },
  { "/quick-entry/en/hours-word", "2 hours training product", -1, 120, "training", "training",
    "training product" },
  { "/quick-entry/en/bare-decimal-is-hours", "0.5 admin", -1, 30, "admin", "admin", "admin" },
  { "/quick-entry/en/decimal-hours-rounded", "1.55h calls", -1, 93, "calls", "calls", "calls" },
  { "/quick-entry/en/min-suffix", "30min call", -1, 30, "calls", "call", "call" },
  { "/quick-entry/en/mins-word", "30 mins call", -1, 30, "calls", "call", "call" },
  { "/quick-entry/en/range-crosses-midnight", "23:30-0:30 travel night train", 1410, 60,
    "travel", "travel", "travel night train" },
  { "/quick-entry/en/range-spaced", "9:15 - 9:45 meeting", 555, 30, "meetings", "meeting",
    "meeting" },
  { "/quick-entry/en/range-whole-hours", "9-10 meeting", 540, 60, "meetings", "meeting",
    "meeting" },
  { "/quick-entry/en/range-to-midnight", "23:00-24:00 admin", 1380, 60, "admin", "admin", "admin" },
  { "/quick-entry/en/whole-day", "24h travel", -1, 1440, "travel", "travel", "travel" },
  { "/quick-entry/en/unknown-category-stays-in-task", "30 Acme intro", -1, 30, NULL, NULL,
    "Acme intro", "Acme" },
  { "/quick-entry/en/duration-only", "30", -1, 30, NULL, NULL, "" },
  { "/quick-entry/en/case-insensitive", "30 CALL Acme", -1, 30, "calls", "CALL", "CALL Acme" },
  { "/quick-entry/en/colon-after-category", "30 calls: Acme", -1, 30, "calls", "calls",
    "calls: Acme" },
  { "/quick-entry/en/dash-after-category", "30 calls - Acme", -1, 30, "calls", "calls",
    "calls - Acme" },
  { "/quick-entry/en/comma-after-duration", "30, call Acme", -1, 30, "calls", "call", "call Acme" },
  { "/quick-entry/en/extra-spaces", "  30   call \t Acme   intro  ", -1, 30, "calls", "call",
    "call Acme intro" },
  { "/quick-entry/en/numbers-in-task", "30 call Acme 2 offices", -1, 30, "calls", "call",
    "call Acme 2 offices" },
  /* More Russian. */
  { "/quick-entry/ru/hours-minutes-words", "1 час 30 минут планёрка", -1, 90, "meetings",
    "планёрка", "планёрка" },
  { "/quick-entry/ru/hours-minutes-one-word", "1ч30м отчёт за неделю", -1, 90, "admin",
    "отчёт", "отчёт за неделю" },
  { "/quick-entry/ru/hours-genitive", "2 часа дорога к клиенту", -1, 120, "travel", "дорога",
    "дорога к клиенту" },
  { "/quick-entry/ru/minutes-with-dot", "45 мин. CRM", -1, 45, "admin", "CRM", "CRM" },
  { "/quick-entry/ru/minutes-suffix-with-dot", "45мин. CRM", -1, 45, "admin", "CRM", "CRM" },
  { "/quick-entry/ru/range-en-dash-dots", "10.00–11.30 планёрка", 600, 90, "meetings",
    "планёрка", "планёрка" },
  { "/quick-entry/ru/uppercase-cyrillic", "30 ЗВОНОК Ромашка", -1, 30, "calls", "ЗВОНОК",
    "ЗВОНОК Ромашка" },
  { "/quick-entry/ru/bare-decimal-comma", "1,5 звонки", -1, 90, "calls", "звонки", "звонки" },
  { "/quick-entry/ru/unknown-category", "20 обед", -1, 20, NULL, NULL, "обед", "обед" },
  { "/quick-entry/ru/preposition-is-not-seconds", "30 с клиентом", -1, 30, NULL, NULL,
    "с клиентом", "клиентом" },
  { "/quick-entry/ru/bare-minutes-after-hours", "1ч 30 звонки", -1, 90, "calls", "звонки",
    "звонки" },
  { "/quick-entry/ru/hours-minutes-suffixes-apart", "1ч 30мин звонки", -1, 90, "calls",
    "звонки", "звонки" },
};

typedef struct {
  const char *path;
  const char *line;
  int         code;
  const char *message;
} Bad;

static const Bad bad[] = {
  { "/quick-entry/error/empty", "", MK_PARSE_ERROR_EMPTY,
    "Write how long it took, for example “30 call Acme”" },
  { "/quick-entry/error/blank", "  \t ", MK_PARSE_ERROR_EMPTY,
    "Write how long it took, for example “30 call Acme”" },
  { "/quick-entry/error/no-duration", "call Acme", MK_PARSE_ERROR_NO_DURATION,
    "Write how long it took, for example “30 call Acme”" },
  { "/quick-entry/error/no-duration-ru", "звонок Ромашка", MK_PARSE_ERROR_NO_DURATION,
    "Write how long it took, for example “30 call Acme”" },
  { "/quick-entry/error/number-after-unknown-word", "Acme 30 call",
    MK_PARSE_ERROR_NO_DURATION,
    "Write how long it took, for example “30 call Acme”" },
  { "/quick-entry/error/zero", "0 call", MK_PARSE_ERROR_RANGE,
    "0 minutes — nothing to log" },
  { "/quick-entry/error/zero-clock", "0:00 call", MK_PARSE_ERROR_RANGE,
    "0 minutes — nothing to log" },
  { "/quick-entry/error/rounds-to-zero", "0,001ч звонок", MK_PARSE_ERROR_RANGE,
    "0 minutes — nothing to log" },
  { "/quick-entry/error/empty-range", "9:00-9:00 meeting", MK_PARSE_ERROR_RANGE,
    "0 minutes — nothing to log" },
  { "/quick-entry/error/more-than-a-day-hours", "25h admin", MK_PARSE_ERROR_RANGE,
    "25 hours is longer than a day" },
  { "/quick-entry/error/more-than-a-day-minutes", "1500 calls", MK_PARSE_ERROR_RANGE,
    "25 hours is longer than a day" },
  { "/quick-entry/error/more-than-a-day-clock", "24:30 admin", MK_PARSE_ERROR_RANGE,
    "24 h 30 min is longer than a day" },
  { "/quick-entry/error/huge-number", "99999999999999 calls", MK_PARSE_ERROR_RANGE,
    "16666666 h 40 min is longer than a day" },
  { "/quick-entry/error/minutes-over-59", "1:75 admin", MK_PARSE_ERROR_DURATION,
    "Duration '1:75' has 75 minutes" },
  { "/quick-entry/error/bad-range-start", "25:00-26:00 meeting", MK_PARSE_ERROR_TIME,
    "Time '25:00' has hour 25" },
  { "/quick-entry/error/bad-range-end", "9:15-9:75 meeting", MK_PARSE_ERROR_TIME,
    "Time '9:75' has 75 minutes" },
  { "/quick-entry/error/unknown-unit", "3x calls", MK_PARSE_ERROR_DURATION,
    "'3x' is not a duration (write minutes, h:mm or decimal hours)" },
  { "/quick-entry/error/unknown-unit-ru", "3д звонки", MK_PARSE_ERROR_DURATION,
    "'3д' is not a duration (write minutes, h:mm or decimal hours)" },
  { "/quick-entry/error/negative", "-30 calls", MK_PARSE_ERROR_DURATION,
    "“-30”: write how long it took without a sign, for example “30”" },
  { "/quick-entry/error/bad-duration-after-category", "перезвон 1:99 Вектор",
    MK_PARSE_ERROR_DURATION, "Duration '1:99' has 99 minutes" },
  { "/quick-entry/error/invalid-utf8", "30 call \xff\xfe", MK_PARSE_ERROR_DURATION,
    "The text is not valid UTF-8" },
};

static void
test_good (gconstpointer data)
{
  const Good *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MkQuickEntry) entry = NULL;

  entry = mk_quick_entry_parse (c->line, lookup_cb, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (entry);
  g_assert_cmpint (entry->start, ==, c->start);
  g_assert_cmpint (entry->minutes, ==, c->minutes);
  if (c->key == NULL)
    g_assert_null (entry->category);
  else
    {
      g_assert_nonnull (entry->category);
      g_assert_cmpstr (mk_category_get_key (entry->category), ==, c->key);
    }
  g_assert_cmpstr (entry->category_text, ==, c->category_text);
  g_assert_cmpstr (entry->task, ==, c->task);
  g_assert_cmpstr (entry->unknown_word, ==, c->unknown);
}

static void
test_bad (gconstpointer data)
{
  const Bad *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MkQuickEntry) entry = NULL;

  entry = mk_quick_entry_parse (c->line, lookup_cb, NULL, &error);
  g_assert_null (entry);
  g_assert_error (error, MK_PARSE_ERROR, c->code);
  g_assert_cmpstr (error->message, ==, c->message);
}

static char *
describe (const char *line,
          MkCategory *fallback,
          gboolean    chosen)
{
  g_autoptr(MkQuickEntry) entry = mk_quick_entry_parse (line, lookup_cb, NULL, NULL);

  g_assert_nonnull (entry);
  return mk_quick_entry_describe (entry, fallback, chosen);
}

static void
test_describe (void)
{
  g_autoptr(MkCategory) calls = lookup_cb ("calls", NULL);
  g_autoptr(MkCategory) other = mk_category_new (99, "other", "Other", "#9a9996",
                                                 MK_CATEGORY_KIND_NON_SELLING, 0, 100, 0, FALSE);
  g_autofree char *plain = describe ("30 call Acme intro", other, FALSE);
  g_autofree char *range = describe ("9:15-9:45 meeting stand-up", other, FALSE);
  g_autofree char *hours = describe ("1,5ч звонки Ромашка", NULL, FALSE);
  g_autofree char *chosen = describe ("45 Acme", calls, TRUE);
  g_autofree char *new_word = describe ("14:00-15:00 demo Initech", other, FALSE);
  g_autofree char *other_plain = describe ("45", other, FALSE);
  g_autofree char *nothing = describe ("45", NULL, FALSE);
  g_autofree char *night = describe ("23:30-0:30 travel", NULL, FALSE);

  g_assert_cmpstr (plain, ==, "30 min · Calls · call Acme intro");
  g_assert_cmpstr (range, ==, "9:15–9:45 · 30 min · Meetings · meeting stand-up");
  g_assert_cmpstr (hours, ==, "90 min · Calls · звонки Ромашка");
  g_assert_cmpstr (chosen, ==, "45 min · Calls (chosen) · Acme");
  g_assert_cmpstr (new_word, ==, "14:00–15:00 · 60 min · Other (“demo” is a new word) · "
                                 "demo Initech");
  g_assert_cmpstr (other_plain, ==, "45 min · Other");
  g_assert_cmpstr (nothing, ==, "45 min · no category");
  g_assert_cmpstr (night, ==, "23:30–0:30 · 60 min · Travel · travel");
}

static void
test_no_lookup (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MkQuickEntry) entry = mk_quick_entry_parse ("30 call Acme", NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (entry->minutes, ==, 30);
  g_assert_null (entry->category);
  g_assert_cmpstr (entry->task, ==, "call Acme");
}

static void
test_lookup_casefolded_two_words_first (void)
{
  g_autoptr(MkQuickEntry) entry = NULL;

  asked = g_ptr_array_new_with_free_func (g_free);
  entry = mk_quick_entry_parse ("30 Follow Up ACME", lookup_cb, NULL, NULL);
  g_assert_cmpstr (mk_category_get_key (entry->category), ==, "follow_up");
  g_assert_cmpstr (entry->category_text, ==, "Follow Up");
  g_assert_cmpstr (entry->task, ==, "Follow Up ACME");
  /* The longer name is asked first, casefolded; once found, nothing else is. */
  g_assert_cmpuint (asked->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (asked, 0), ==, "follow up");
  g_clear_pointer (&asked, g_ptr_array_unref);
}

static void
test_parse_task (void)
{
  g_autoptr(MkQuickEntry) call = mk_quick_entry_parse_task ("call Acme", lookup_cb, NULL);
  g_autoptr(MkQuickEntry) two = mk_quick_entry_parse_task ("перезвон: ООО Вектор", lookup_cb,
                                                           NULL);
  g_autoptr(MkQuickEntry) unknown = mk_quick_entry_parse_task ("Acme intro", lookup_cb, NULL);
  g_autoptr(MkQuickEntry) empty = mk_quick_entry_parse_task ("  ", lookup_cb, NULL);

  g_assert_cmpstr (mk_category_get_key (call->category), ==, "calls");
  g_assert_cmpstr (call->task, ==, "call Acme");
  g_assert_null (call->unknown_word);
  g_assert_cmpint (call->minutes, ==, 0);
  g_assert_cmpint (call->start, ==, -1);
  g_assert_cmpstr (mk_category_get_key (two->category), ==, "follow_up");
  g_assert_cmpstr (two->task, ==, "перезвон: ООО Вектор");
  g_assert_null (unknown->category);
  g_assert_cmpstr (unknown->task, ==, "Acme intro");
  g_assert_cmpstr (unknown->unknown_word, ==, "Acme");
  g_assert_null (empty->category);
  g_assert_cmpstr (empty->task, ==, "");
  g_assert_null (empty->unknown_word);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_test_add_data_func (good[i].path, &good[i], test_good);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_test_add_data_func (bad[i].path, &bad[i], test_bad);
  g_test_add_func ("/quick-entry/describe/summary-line", test_describe);
  g_test_add_func ("/quick-entry/lookup/none-given", test_no_lookup);
  g_test_add_func ("/quick-entry/task-only/category-and-task", test_parse_task);
  g_test_add_func ("/quick-entry/lookup/casefolded-two-words-first",
                   test_lookup_casefolded_two_words_first);

  return g_test_run ();
}
