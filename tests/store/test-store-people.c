/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-store-people.c — adding people by hand (mk_store_add_person).
 *
 * A supervisor adds the team before anyone logs.  Each test checks what the
 * People list would show afterwards, through the same connection and through
 * a second one, as another program would: the person with their details when
 * the add succeeded, and nobody new, with a message naming who is already
 * there, when it was refused.
 */
#include "config.h"

#include <string.h>

#include "mk-error.h"
#include "mk-store.h"
#include "store-test-utils.h"

static guint
count_people (MkStore *store)
{
  g_autoptr(GListModel) people = mk_store_list_people (store, TRUE, NULL);

  return g_list_model_get_n_items (people);
}

static void
test_add_with_details (void)
{
  g_autoptr(MkStore) store = mk_test_store_new ();
  g_autoptr(MkStore) other = NULL;
  g_autoptr(MkPerson) anna = NULL;
  g_autoptr(MkPerson) seen = NULL;
  g_autoptr(MkPerson) same = NULL;
  g_autoptr(GError) error = NULL;
  guint changed = 0;

  mk_test_count_changed (store, &changed);
  anna = mk_store_add_person (store, "  Анна Смирнова ", " Anna.Smirnova@Example.com ",
                              MK_LEVEL_MIDDLE, " Север ", &error);
  g_assert_no_error (error);
  g_assert_nonnull (anna);
  g_assert_cmpstr (mk_person_get_name (anna), ==, "Анна Смирнова");
  g_assert_cmpstr (mk_person_get_email (anna), ==, "anna.smirnova@example.com");
  g_assert_cmpint (mk_person_get_level (anna), ==, MK_LEVEL_MIDDLE);
  g_assert_cmpstr (mk_person_get_team (anna), ==, "Север");
  g_assert_false (mk_person_get_archived (anna));
  g_assert_cmpuint (changed, ==, 1);

  /* Committed: another connection sees all of it. */
  other = mk_store_open (mk_store_get_path (store), &error);
  g_assert_no_error (error);
  seen = mk_store_get_person (other, mk_person_get_id (anna), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mk_person_get_team (seen), ==, "Север");
  g_assert_cmpint (mk_person_get_level (seen), ==, MK_LEVEL_MIDDLE);
  g_assert_cmpuint (count_people (other), ==, 1);

  /* Logging under the name later finds the person added by hand. */
  same = mk_store_ensure_person (store, "анна  смирнова", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mk_person_get_id (same), ==, mk_person_get_id (anna));
  mk_test_assert_consistent (store);
}

static void
test_add_minimal (void)
{
  g_autoptr(MkStore) store = mk_test_store_new ();
  g_autoptr(MkPerson) vera = NULL;
  g_autoptr(GError) error = NULL;

  vera = mk_store_add_person (store, "Vera", "", MK_LEVEL_NONE, "  ", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mk_person_get_name (vera), ==, "Vera");
  g_assert_null (mk_person_get_email (vera));
  g_assert_null (mk_person_get_team (vera));
  g_assert_cmpint (mk_person_get_level (vera), ==, MK_LEVEL_NONE);
}

static void
test_add_refuses_same_name (void)
{
  g_autoptr(MkStore) store = mk_test_store_new ();
  g_autoptr(MkPerson) anna = NULL;
  g_autoptr(MkPerson) again = NULL;
  g_autoptr(MkPerson) with_email = NULL;
  g_autoptr(GError) error = NULL;

  anna = mk_store_ensure_person (store, "Anna Smirnova", NULL, &error);
  g_assert_no_error (error);

  /* Case and spacing do not make another person. */
  again = mk_store_add_person (store, " anna   SMIRNOVA", NULL, MK_LEVEL_SENIOR, "North", &error);
  g_assert_null (again);
  g_assert_error (error, MK_STORE_ERROR, MK_STORE_ERROR_EXISTS);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "Anna Smirnova"));
  g_clear_error (&error);

  /* With an email too: core would take them for Anna, who has none yet. */
  with_email = mk_store_add_person (store, "Anna Smirnova", "anna@example.com", MK_LEVEL_NONE,
                                    NULL, &error);
  g_assert_null (with_email);
  g_assert_error (error, MK_STORE_ERROR, MK_STORE_ERROR_EXISTS);
  g_clear_error (&error);

  /* Nothing was written: Anna is alone and unchanged. */
  g_assert_cmpuint (count_people (store), ==, 1);
  g_clear_object (&anna);
  anna = mk_store_find_person (store, "Anna Smirnova", NULL);
  g_assert_null (mk_person_get_email (anna));
  g_assert_null (mk_person_get_team (anna));
  g_assert_cmpint (mk_person_get_level (anna), ==, MK_LEVEL_NONE);
}

static void
test_add_refuses_taken_email (void)
{
  g_autoptr(MkStore) store = mk_test_store_new ();
  g_autoptr(MkPerson) boris = NULL;
  g_autoptr(MkPerson) vera = NULL;
  g_autoptr(GError) error = NULL;

  boris = mk_store_ensure_person (store, "Boris Petrov", "boris@example.com", &error);
  g_assert_no_error (error);

  vera = mk_store_add_person (store, "Vera", " BORIS@example.com", MK_LEVEL_NONE, NULL, &error);
  g_assert_null (vera);
  g_assert_error (error, MK_STORE_ERROR, MK_STORE_ERROR_EXISTS);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "boris@example.com"));
  g_assert_nonnull (strstr (error->message, "Boris Petrov"));
  g_assert_cmpuint (count_people (store), ==, 1);
  g_assert_null (mk_store_find_person (store, "Vera", NULL));
}

/* Two emails are two people, whatever their names (DESIGN: the email is the
 * key when present); without an email the name cannot tell them apart. */
static void
test_add_same_name_other_email (void)
{
  g_autoptr(MkStore) store = mk_test_store_new ();
  g_autoptr(MkPerson) boris = NULL;
  g_autoptr(MkPerson) nameless = NULL;
  g_autoptr(MkPerson) other = NULL;
  g_autoptr(GError) error = NULL;

  boris = mk_store_ensure_person (store, "Boris", "boris@example.com", &error);
  g_assert_no_error (error);

  nameless = mk_store_add_person (store, "Boris", NULL, MK_LEVEL_NONE, NULL, &error);
  g_assert_null (nameless);
  g_assert_error (error, MK_STORE_ERROR, MK_STORE_ERROR_EXISTS);
  g_test_message ("%s", error->message);
  /* The message shows which Boris is there, so the user can tell them apart. */
  g_assert_nonnull (strstr (error->message, "boris@example.com"));
  g_clear_error (&error);

  other = mk_store_add_person (store, "Boris", "boris.k@example.com", MK_LEVEL_JUNIOR, NULL,
                               &error);
  g_assert_no_error (error);
  g_assert_cmpint (mk_person_get_id (other), !=, mk_person_get_id (boris));
  g_assert_cmpuint (count_people (store), ==, 2);
  mk_test_assert_consistent (store);
}

static void
test_add_archived_says_so (void)
{
  g_autoptr(MkStore) store = mk_test_store_new ();
  g_autoptr(MkPerson) gleb = NULL;
  g_autoptr(MkPerson) again = NULL;
  g_autoptr(GError) error = NULL;

  gleb = mk_store_add_person (store, "Gleb", NULL, MK_LEVEL_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (mk_store_update_person (store, mk_person_get_id (gleb), "Gleb", NULL,
                                         MK_LEVEL_NONE, NULL, TRUE, &error));
  g_assert_no_error (error);

  again = mk_store_add_person (store, "gleb", NULL, MK_LEVEL_NONE, NULL, &error);
  g_assert_null (again);
  g_assert_error (error, MK_STORE_ERROR, MK_STORE_ERROR_EXISTS);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "Archived"));
  g_assert_cmpuint (count_people (store), ==, 1);
}

static void
test_add_bad_input (void)
{
  static const struct {
    const char *name;
    const char *email;
  } bad[] = {
    { NULL, "anna@example.com" },
    { "", NULL },
    { "  \t ", "anna@example.com" },
    { "Anna", "Anna Smirnova" },
    { "Anna", "anna@" },
    { "Anna", "@example.com" },
    { "Anna", "anna@@example.com" },
  };
  g_autoptr(MkStore) store = mk_test_store_new ();
  guint changed = 0;

  mk_test_count_changed (store, &changed);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MkPerson) person = mk_store_add_person (store, bad[i].name, bad[i].email,
                                                        MK_LEVEL_NONE, NULL, &error);

      g_test_message ("“%s” <%s>: %s", bad[i].name, bad[i].email, error ? error->message : "");
      g_assert_null (person);
      g_assert_error (error, MK_STORE_ERROR, MK_STORE_ERROR_INVALID);
    }
  g_assert_cmpuint (count_people (store), ==, 0);
  g_assert_cmpuint (changed, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/store/people/add/with-details", test_add_with_details);
  g_test_add_func ("/store/people/add/name-only", test_add_minimal);
  g_test_add_func ("/store/people/add/refuses-same-name", test_add_refuses_same_name);
  g_test_add_func ("/store/people/add/refuses-taken-email", test_add_refuses_taken_email);
  g_test_add_func ("/store/people/add/same-name-other-email", test_add_same_name_other_email);
  g_test_add_func ("/store/people/add/archived-says-so", test_add_archived_says_so);
  g_test_add_func ("/store/people/add/bad-input", test_add_bad_input);

  return g_test_run ();
}
