/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-entry-words.c — the word a selection of entries shares. */
#include "config.h"

#include "mk-entry-words.h"
#include "mk-version.h"

/* A lookup that knows the words in the NULL-terminated array it is given. */
static MkCategory *
lookup_cb (const char *text,
           gpointer    user_data)
{
  const char * const *known = user_data;

  for (guint i = 0; known != NULL && known[i] != NULL; i++)
    if (g_strcmp0 (known[i], text) == 0)
      return mk_category_new (1, "admin", "Admin", "#9a9996", MK_CATEGORY_KIND_NON_SELLING,
                              0, 20, 0, FALSE);
  return NULL;
}

static char *
common (const char * const *tasks,
        guint               n_tasks,
        const char * const *known)
{
  return mk_entry_words_common_unknown (tasks, n_tasks, lookup_cb, (gpointer) known);
}

static void
test_shared_unknown_word (void)
{
  const char *tasks[] = { "CRM update after calls", "Cleaning up the crm", "crm: duplicates" };
  g_autofree char *word = common (tasks, G_N_ELEMENTS (tasks), NULL);

  /* As the first task spells it. */
  g_assert_cmpstr (word, ==, "CRM");
}

static void
test_skips_known_words (void)
{
  const char *tasks[] = { "call Acme intro", "Call ACME again" };
  const char *known[] = { "call", NULL };
  const char *known_both[] = { "call", "acme", NULL };
  g_autofree char *word = common (tasks, G_N_ELEMENTS (tasks), known);
  g_autofree char *none = common (tasks, G_N_ELEMENTS (tasks), known_both);

  g_assert_cmpstr (word, ==, "Acme");
  g_assert_null (none);
}

static void
test_none_when_nothing_shared (void)
{
  const char *tasks[] = { "Laptop update", "Looking for a contract template" };
  g_autofree char *word = common (tasks, G_N_ELEMENTS (tasks), NULL);

  g_assert_null (word);
}

static void
test_skips_stop_words_and_numbers (void)
{
  const char *ru[] = { "Помощь коллеге с презентацией 2", "помощь с отчётом, 2 часа" };
  const char *en[] = { "Meeting with the 3 leads", "with the team: 3 slides" };
  const char *known[] = { "помощь", NULL };
  g_autofree char *word = common (ru, G_N_ELEMENTS (ru), NULL);
  g_autofree char *none_ru = common (ru, G_N_ELEMENTS (ru), known);
  g_autofree char *none_en = common (en, G_N_ELEMENTS (en), NULL);

  g_assert_cmpstr (word, ==, "Помощь");
  /* "с" and "2" are shared too, but say nothing about a category. */
  g_assert_null (none_ru);
  g_assert_null (none_en);
}

static void
test_case_and_yo_insensitive (void)
{
  const char *tasks[] = { "Отчёт для руководителя", "ОТЧЕТ за неделю" };
  g_autofree char *word = common (tasks, G_N_ELEMENTS (tasks), NULL);

  g_assert_cmpstr (word, ==, "Отчёт");
}

static void
test_lookup_sees_the_key (void)
{
  const char *tasks[] = { "ОТЧЁТ в CRM", "отчет" };
  const char *known[] = { "отчет", NULL };
  g_autofree char *word = common (tasks, G_N_ELEMENTS (tasks), known);

  /* The lookup is asked with the folded key, so it recognises the word. */
  g_assert_null (word);
}

static void
test_hyphenated_words (void)
{
  const char *tasks[] = { "КП ООО «Дельта-Снаб»: пересчёт", "Звонок «Дельта-Снаб» — перезвон" };
  const char *known[] = { "кп", NULL };
  g_autofree char *word = common (tasks, G_N_ELEMENTS (tasks), known);
  g_auto(GStrv) words = mk_entry_words_split ("follow-up -- e-mail - x-");

  g_assert_cmpstr (word, ==, "Дельта-Снаб");
  g_assert_cmpuint (g_strv_length (words), ==, 3);
  g_assert_cmpstr (words[0], ==, "follow-up");
  g_assert_cmpstr (words[1], ==, "e-mail");
  g_assert_cmpstr (words[2], ==, "x");
}

static void
test_empty_tasks_share_nothing (void)
{
  const char *with_null[] = { "crm update", NULL };
  const char *blank[] = { "  ,;  ", "crm" };
  const char *bad_utf8[] = { "crm \xff\xfe", "crm" };
  const char *single[] = { "Printer jam again" };
  g_autofree char *a = common (with_null, G_N_ELEMENTS (with_null), NULL);
  g_autofree char *b = common (blank, G_N_ELEMENTS (blank), NULL);
  g_autofree char *c = common (bad_utf8, G_N_ELEMENTS (bad_utf8), NULL);
  g_autofree char *d = common (NULL, 0, NULL);
  g_autofree char *e = common (single, G_N_ELEMENTS (single), NULL);

  g_assert_null (a);
  g_assert_null (b);
  g_assert_null (c);
  g_assert_null (d);
  /* One entry: its first telling word. */
  g_assert_cmpstr (e, ==, "Printer");
}

static void
test_key (void)
{
  g_autofree char *a = mk_entry_words_key ("Ёлка");
  g_autofree char *b = mk_entry_words_key ("ЕЛКА");
  g_autofree char *c = mk_entry_words_key ("ＣＲＭ");

  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (c, ==, "crm");
}

int
main (int   argc,
      char *argv[])
{
  mk_core_init_i18n ();
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/entry-words/common/shared-unknown-word", test_shared_unknown_word);
  g_test_add_func ("/entry-words/common/skips-known-words", test_skips_known_words);
  g_test_add_func ("/entry-words/common/none-when-nothing-shared", test_none_when_nothing_shared);
  g_test_add_func ("/entry-words/common/skips-stop-words-and-numbers",
                   test_skips_stop_words_and_numbers);
  g_test_add_func ("/entry-words/common/case-and-yo-insensitive", test_case_and_yo_insensitive);
  g_test_add_func ("/entry-words/common/lookup-sees-the-key", test_lookup_sees_the_key);
  g_test_add_func ("/entry-words/split/hyphenated-words", test_hyphenated_words);
  g_test_add_func ("/entry-words/common/empty-tasks-share-nothing",
                   test_empty_tasks_share_nothing);
  g_test_add_func ("/entry-words/key/case-yo-width", test_key);

  return g_test_run ();
}
