/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-task-fold.c — task texts folded into the key of the work they
 * describe: case, spacing, numbers and client names, English and Russian.
 * Most texts are those of the demo team (data/demo-team.tsv) and of the
 * timesheets in tests/data/import.
 */
#include "config.h"

#include <locale.h>

#include "mk-task-fold.h"

/* A text, the label it shows as; the key is the label in lower case. */
typedef struct {
  const char *text;
  const char *label;
} Case;

static void
check_cases (const Case *cases,
             guint       n)
{
  g_autoptr(GString) key = g_string_new (NULL);
  g_autoptr(GString) label = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *want_key = g_utf8_strdown (cases[i].label, -1);
      g_autofree char *plain = mk_task_fold (cases[i].text);

      mk_task_fold_into (cases[i].text, -1, key, label);
      if (g_strcmp0 (label->str, cases[i].label) != 0)
        g_error ("'%s' reads '%s', want '%s'", cases[i].text, label->str, cases[i].label);
      if (g_strcmp0 (key->str, want_key) != 0)
        g_error ("'%s' folded to '%s', want '%s'", cases[i].text, key->str, want_key);
      g_assert_cmpstr (plain, ==, key->str);
    }
}

static void
test_case_and_spacing (void)
{
  static const Case cases[] = {
    { "Weekly report", "weekly report" },
    { "  weekly   REPORT ", "weekly report" },
    { "WEEKLY REPORT", "weekly report" },
    { "Email triage, plan the day", "email triage, plan the day" },
    { "Обновление CRM по итогам дня", "обновление CRM по итогам дня" },
    { "обновление crm по итогам дня", "обновление crm по итогам дня" },
    { "Отчёт за неделю для РОП", "отчет за неделю для РОП" },
    { "ОТЧЁТ", "отчет" },
    { "Обновление CRM-системы", "обновление CRM-системы" },
    { "", "" },
    { "   ", "" },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_numbers (void)
{
  static const Case cases[] = {
    { "Invoice #4521", "invoice" },
    { "Invoice 4522", "invoice" },
    { "Task 17 for client 80412", "task for client" },
    { "Q3 report", "report" },
    { "Meeting at 10:00", "meeting" },
    { "Отчёт за 3 квартал", "отчет за квартал" },
    { "Счёт № 15 от 12.05", "счет" },
    { "1:1 с Ольгой Лебедевой", "1:1" },
    { "Call Hooli: volumes for December", "call: volumes for december" },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_names_english (void)
{
  static const Case cases[] = {
    { "CRM entry for Acme", "CRM entry" },
    { "CRM entry for Initech", "CRM entry" },
    { "crm entry for Stark Supplies", "crm entry" },
    { "Call Initech: pricing discussion", "call: pricing discussion" },
    { "Call Soylent Foods: no answer, left voicemail",
      "call: no answer, left voicemail" },
    { "Cold call Acme Corp", "cold call" },
    { "Call Acme about the renewal", "call about the renewal" },
    { "Meeting with Boris", "meeting" },
    { "Proposal to \"Acme Widgets\"", "proposal" },
    { "Demo for Acme and Initech", "demo" },
    /* Title Case: capitals are no names. */
    { "Weekly Sales Report", "weekly sales report" },
    { "Update Deal Stages in CRM", "update deal stages in CRM" },
    /* Only a name: it stays. */
    { "Acme", "acme" },
    { "ООО «Ромашка»", "ООО ромашка" },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
}

static void
test_names_russian (void)
{
  static const Case cases[] = {
    { "Звонок ООО «Полимер-Групп»: обсуждение КП", "звонок: обсуждение КП" },
    { "Звонок АО «Северсталь-Трейд»: обсуждение КП", "звонок: обсуждение КП" },
    { "Холодный звонок ООО «Зерно-Юг»", "холодный звонок" },
    { "Счёт на оплату: ООО «Гранит»", "счет на оплату" },
    { "Заявка на отгрузку: ИП Соколова", "заявка на отгрузку" },
    { "Договор ООО «Медиаплюс»: правки юриста", "договор: правки юриста" },
    { "Переписка с бухгалтерией по оплате: АО «Волга-Пром»",
      "переписка с бухгалтерией по оплате" },
    { "Звонок Иванову", "звонок" },
    { "Встреча с Ивановым", "встреча" },
    { "Звонок клиенту Петрову", "звонок клиенту" },
    { "КП для «Дельта-Снаб»", "КП" },
    { "Звонок ООО \"Ромашка\"", "звонок" },
    { "Разбор почты, план на день", "разбор почты, план на день" },
  };

  check_cases (cases, G_N_ELEMENTS (cases));
}

/* The same work written differently gets one key. */
static void
test_same_work_one_key (void)
{
  g_autofree char *a = mk_task_fold ("CRM entry for Acme");
  g_autofree char *b = mk_task_fold ("crm  entry for Initech");
  g_autofree char *c = mk_task_fold ("Внесение звонков в CRM");
  g_autofree char *d = mk_task_fold ("внесение  звонков в crm ");
  g_autofree char *e = mk_task_fold ("Отчёт для РОП");
  g_autofree char *f = mk_task_fold ("отчет для роп");

  g_assert_cmpstr (a, ==, "crm entry");
  g_assert_cmpstr (b, ==, a);
  g_assert_cmpstr (c, ==, d);
  g_assert_cmpstr (e, ==, f);
}

static void
test_long_and_bad_text (void)
{
  GString *text = g_string_new (NULL);
  g_autofree char *key = NULL;
  g_autofree char *bad = NULL;

  for (guint i = 0; i < 1000; i++)
    g_string_append (text, "word ");
  key = mk_task_fold (text->str);
  g_assert_cmpint (g_utf8_strlen (key, -1), <=, MK_TASK_KEY_MAX_CHARS + 1);
  g_assert_true (g_str_has_suffix (key, "…"));
  g_assert_true (g_str_has_prefix (key, "word word"));
  g_string_free (text, TRUE);

  /* A name of 5,000 characters is cut too. */
  text = g_string_new ("Call ");
  for (guint i = 0; i < 5000; i++)
    g_string_append_c (text, 'x');
  g_free (key);
  key = mk_task_fold (text->str);
  g_assert_cmpint (g_utf8_strlen (key, -1), <=, MK_TASK_KEY_MAX_CHARS + 1);
  g_string_free (text, TRUE);

  bad = mk_task_fold ("Call \xff\xfe Acme report");
  g_assert_true (g_utf8_validate (bad, -1, NULL));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/task-fold/case-and-spacing", test_case_and_spacing);
  g_test_add_func ("/task-fold/numbers", test_numbers);
  g_test_add_func ("/task-fold/names-english", test_names_english);
  g_test_add_func ("/task-fold/names-russian", test_names_russian);
  g_test_add_func ("/task-fold/same-work-one-key", test_same_work_one_key);
  g_test_add_func ("/task-fold/long-and-invalid-text", test_long_and_bad_text);

  return g_test_run ();
}
