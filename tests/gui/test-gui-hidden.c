/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-hidden.c — a hidden page waits; shown again, it is up to date.
 *
 * Entries typed on Today must not make the Entries page count and re-read
 * its list while it is hidden (over a million entries that cost 0.28 s an
 * entry), yet the moment it is shown it has every change: the new rows and
 * the footer's totals.
 */
#include "config.h"

#include "mk-application.h"
#include "mk-entries-page.h"
#include "mk-store.h"
#include "mk-window.h"
#include "gui-test-utils.h"

static MkApplication *app;
static char *db_path;

static void
show_page (const char *name)
{
  MkWindow *window = mk_gui_test_get_window ();

  g_action_group_activate_action (G_ACTION_GROUP (window), "page",
                                  g_variant_new_string (name));
  mk_gui_test_wait_frames (GTK_WIDGET (window), 2);
  g_assert_cmpstr (mk_window_get_visible_page (window), ==, name);
}

/* What Today's quick entry does: one entry, committed, "changed" emitted. */
static void
add_entry (MkStore    *store,
           const char *task)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MkPerson) person = mk_store_ensure_person (store, "Olga Smirnova", NULL, &error);
  MkEntryInput input = {
    .day = "2026-03-02",
    .start = -1,
    .minutes = 25,
    .category_id = mk_category_get_id (mk_store_get_category_by_key (store, "calls")),
    .task = task,
    .source = MK_ENTRY_SOURCE_MANUAL,
  };

  g_assert_no_error (error);
  input.person_id = mk_person_get_id (person);
  g_assert_cmpint (mk_store_add_entry (store, &input, &error), >, 0);
  g_assert_no_error (error);
}

static void
count_items_changed_cb (GListModel *model,
                        guint       position,
                        guint       removed,
                        guint       added,
                        guint      *count)
{
  (*count)++;
}

static void
test_entries_catches_up_when_shown (void)
{
  MkWindow *window = mk_gui_test_get_window ();
  MkStore *store = mk_window_get_store (window);
  MkEntriesPage *page;
  GListModel *list;
  g_autofree char *totals_before = NULL;
  guint n_before;
  guint reads = 0;
  gulong id;

  add_entry (store, "Call before");
  show_page ("entries");
  page = MK_ENTRIES_PAGE (mk_gui_test_find_by_type (GTK_WIDGET (window), MK_TYPE_ENTRIES_PAGE));
  g_assert_nonnull (page);
  list = G_LIST_MODEL (mk_entries_page_get_entries (page));
  g_assert_nonnull (list);
  n_before = g_list_model_get_n_items (list);
  totals_before = g_strdup (mk_entries_page_get_totals (page));
  g_assert_cmpuint (n_before, >=, 1);

  /* Hidden: three entries come in; the page reads nothing. */
  show_page ("today");
  id = g_signal_connect (list, "items-changed", G_CALLBACK (count_items_changed_cb), &reads);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *task = g_strdup_printf ("Call while hidden %u", i);

      add_entry (store, task);
      mk_gui_test_wait_frames (GTK_WIDGET (window), 1);
    }
  g_assert_cmpuint (reads, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, n_before);

  /* Shown: every new entry is there, and the footer counts them (the
   * list catches up in its worker, the page showing the old rows until
   * then). */
  show_page ("entries");
  mk_gui_test_wait_for (mk_entries_page_get_settled (page));
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, n_before + 3);
  g_assert_cmpstr (mk_entries_page_get_totals (page), !=, totals_before);
  g_assert_cmpuint (reads, >, 0);
  mk_gui_test_screenshot (GTK_WIDGET (window), "hidden-entries-caught-up.png");

  /* Shown, it follows each change again (counted in its worker, as a
   * moment after the commit). */
  reads = 0;
  add_entry (store, "Call while shown");
  mk_gui_test_wait_for (mk_entries_page_get_settled (page));
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, n_before + 4);
  g_assert_cmpuint (reads, >, 0);
  g_signal_handler_disconnect (list, id);
}

int
main (int   argc,
      char *argv[])
{
  mk_gui_test_init (&argc, &argv);

  db_path = g_build_filename (mk_gui_test_tmpdir (), "hidden.db", NULL);
  g_test_add_func ("/gui/hidden/entries-catches-up-when-shown",
                   test_entries_catches_up_when_shown);

  app = mk_gui_test_app_new (db_path);
  return mk_gui_test_run (app);
}
