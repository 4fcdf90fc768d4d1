/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-words.c — which category a quick-entry line goes to, and its task.
 *
 * Issue 17, items 4 and 5, in the real window.  A line that names no
 * category Minutka knows goes to Other — not to the category of the last
 * entry — unless the person chose a category in the drop-down for that
 * line; either way the quick entry offers to teach the new word, and
 * teaching it files the entry there too.  Ctrl+T on an empty line times
 * Other.  The task keeps every word typed but the duration and the time
 * range ("2 часа отчет" is Admin with the task "отчет").  Each step is
 * checked in the database through a second connection; screenshots of the
 * offers go to MINUTKA_SCREENSHOT_DIR.
 */
#include "config.h"

#include <glib/gi18n.h>

#include "gui-test-input.h"
#include "gui-test-utils.h"
#include "mk-store.h"
#include "mk-today-page.h"
#include "mk-window.h"

static char *db_path;

static gboolean
russian (void)
{
  return g_strcmp0 (g_getenv ("MINUTKA_TEST_LANG"), "ru") == 0;
}

static void
screenshot (const char *name)
{
  g_autofree char *file = g_strdup_printf ("words-%s%s.png", name, russian () ? "-ru" : "");

  mk_gui_test_screenshot (GTK_WIDGET (mk_gui_test_get_window ()), file);
}

static MkStore *
open_db (void)
{
  g_autoptr(GError) error = NULL;
  MkStore *store = mk_store_open (db_path, &error);

  g_assert_no_error (error);
  return store;
}

static MkTodayPage *
get_page (void)
{
  return MK_TODAY_PAGE (mk_gui_test_show_page (GTK_WIDGET (mk_gui_test_get_window ()), "today",
                                               MK_TYPE_TODAY_PAGE));
}

static const char *
hint (MkTodayPage *page)
{
  return gtk_label_get_text (GTK_LABEL (mk_gui_test_child (page, "hint_label")));
}

/* Types @line into the quick entry and presses Enter, with real keys for
 * the Enter so that the entry's own activation runs. */
static MkEntry *
log_line (MkTodayPage *page,
          const char  *line)
{
  GtkWidget *entry = mk_gui_test_child (page, "quick_entry");
  GListModel *rows = mk_today_page_get_entries (page);
  guint before = g_list_model_get_n_items (rows);
  g_autoptr(MkStore) store = NULL;
  g_autoptr(MkEntry) newest = NULL;
  gint64 newest_id = 0;

  gtk_widget_grab_focus (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), line);
  mk_gui_test_key (entry, GDK_KEY_Return, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, before + 1);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(MkEntry) row = g_list_model_get_item (rows, i);

      newest_id = MAX (newest_id, mk_entry_get_id (row));
    }
  store = open_db ();
  return mk_store_get_entry (store, newest_id, NULL);
}

static const char *
key_of (MkEntry *entry)
{
  return mk_category_get_key (mk_entry_get_category (entry));
}

static const char *
category_name (const char *key)
{
  return mk_category_get_name (mk_store_get_category_by_key (
                                 mk_window_get_store (mk_gui_test_get_window ()), key));
}

static gint64
category_id (const char *key)
{
  return mk_category_get_id (mk_store_get_category_by_key (
                               mk_window_get_store (mk_gui_test_get_window ()), key));
}

static const char *
offer (MkTodayPage *page)
{
  GtkRevealer *revealer = GTK_REVEALER (mk_gui_test_child (page, "teach_revealer"));

  if (!gtk_revealer_get_reveal_child (revealer))
    return NULL;
  return gtk_label_get_text (GTK_LABEL (mk_gui_test_child (page, "teach_label")));
}

/* The alias @word leads to the category @key in the database. */
static void
assert_alias (const char *word,
              const char *key)
{
  g_autoptr(MkStore) store = open_db ();
  MkCategory *category = mk_store_lookup_alias (store, word);

  g_assert_nonnull (category);
  g_assert_cmpstr (mk_category_get_key (category), ==, key);
}

/* Item 4: after an Admin entry, a line with an unknown word goes to Other. */
static void
test_words_unknown_goes_to_other (void)
{
  MkTodayPage *page = get_page ();
  GtkMenuButton *menu_button;
  GMenuModel *menu;
  g_autoptr(GError) error = NULL;
  g_autoptr(MkEntry) admin = NULL;
  g_autoptr(MkEntry) demo = NULL;
  g_autofree char *expected_hint = NULL;
  g_autofree char *expected_offer = NULL;
  gboolean calls_offered = FALSE;

  /* The offer slides in; the screenshots show it in place. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  g_assert_true (mk_today_page_set_person_name (page, "Anna Petrova", &error));
  g_assert_no_error (error);
  admin = log_line (page, "30 admin CRM update");
  g_assert_cmpstr (key_of (admin), ==, "admin");

  /* The line under the entry says where it goes, and why. */
  gtk_editable_set_text (GTK_EDITABLE (mk_gui_test_child (page, "quick_entry")),
                         "14:00-15:00 demo Initech");
  expected_hint = g_strdup_printf (_("%s (“%s” is a new word)"), category_name ("other"),
                                   "demo");
  g_assert_nonnull (strstr (hint (page), expected_hint));
  demo = log_line (page, "14:00-15:00 demo Initech");
  g_assert_cmpstr (key_of (demo), ==, "other");
  g_assert_cmpstr (mk_entry_get_task (demo), ==, "demo Initech");
  g_assert_cmpint (mk_entry_get_start (demo), ==, 14 * 60);

  /* The quick entry offers to teach the word, with every other category. */
  expected_offer = g_strdup_printf (_("“%s” is new to Minutka, so the entry went to %s. Which "
                                      "category does it mean?"), "demo",
                                    category_name ("other"));
  g_assert_cmpstr (offer (page), ==, expected_offer);
  menu_button = GTK_MENU_BUTTON (mk_gui_test_child (page, "teach_menu_button"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (menu_button)));
  menu = gtk_menu_button_get_menu_model (menu_button);
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *label = NULL;
      gint64 target = 0;

      g_assert_true (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_LABEL, "s",
                                                      &label));
      g_assert_true (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_TARGET, "x",
                                                      &target));
      g_assert_cmpint (target, !=, category_id ("other"));
      if (target == category_id ("calls"))
        calls_offered = g_str_equal (label, category_name ("calls"));
    }
  g_assert_true (calls_offered);
  screenshot ("new-word");

  /* Teaching it: "demo" means Calls from now on, and this entry is a call. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (menu_button), "today.teach-word", "x",
                                             category_id ("calls")));
  mk_gui_test_settle ();
  assert_alias ("demo", "calls");
  g_clear_object (&demo);
  {
    g_autoptr(MkStore) store = open_db ();
    GListModel *rows = mk_today_page_get_entries (page);

    for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
      {
        g_autoptr(MkEntry) row = g_list_model_get_item (rows, i);

        if (g_strcmp0 (mk_entry_get_task (row), "demo Initech") == 0)
          demo = mk_store_get_entry (store, mk_entry_get_id (row), NULL);
      }
  }
  g_assert_nonnull (demo);
  g_assert_cmpstr (key_of (demo), ==, "calls");
  g_assert_null (offer (page));
  g_clear_object (&demo);
  demo = log_line (page, "15 demo Globex");
  g_assert_cmpstr (key_of (demo), ==, "calls");

  /* Ctrl+T on an empty line times Other, not the last entry's category. */
  {
    g_autoptr(MkStore) store = NULL;
    gint64 timed = 0;

    gtk_editable_set_text (GTK_EDITABLE (mk_gui_test_child (page, "quick_entry")), "");
    mk_gui_test_key (GTK_WIDGET (page), GDK_KEY_t, GDK_CONTROL_MASK);
    store = open_db ();
    g_assert_true (mk_store_get_timer (store, NULL, &timed, NULL, NULL));
    g_assert_cmpint (timed, ==, category_id ("other"));
    g_assert_true (mk_store_cancel_timer (store, NULL));
    mk_store_check_external (mk_window_get_store (mk_gui_test_get_window ()));
    mk_gui_test_settle ();
  }
}

/* Item 4: a category chosen in the drop-down is that line's, and only its. */
static void
test_words_chosen_for_the_line (void)
{
  MkTodayPage *page = get_page ();
  GtkDropDown *dropdown = GTK_DROP_DOWN (mk_gui_test_child (page, "category_dropdown"));
  GtkWidget *remember = mk_gui_test_child (page, "teach_button");
  g_autoptr(MkEntry) chosen = NULL;
  g_autoptr(MkEntry) next = NULL;
  g_autofree char *expected_offer = NULL;
  GListModel *categories = gtk_drop_down_get_model (dropdown);

  /* The person picks Follow-ups for a line about "тендер". */
  for (guint i = 0; i < g_list_model_get_n_items (categories); i++)
    {
      g_autoptr(MkCategory) c = g_list_model_get_item (categories, i);

      if (g_str_equal (mk_category_get_key (c), "follow_up"))
        gtk_drop_down_set_selected (dropdown, i);
    }
  chosen = log_line (page, "40 тендер Ромашка");
  g_assert_cmpstr (key_of (chosen), ==, "follow_up");
  g_assert_cmpstr (mk_entry_get_task (chosen), ==, "тендер Ромашка");

  /* It offers to remember the word for that category. */
  expected_offer = g_strdup_printf (_("“%s” is new to Minutka. File it under %s from now on?"),
                                    "тендер", category_name ("follow_up"));
  g_assert_cmpstr (offer (page), ==, expected_offer);
  g_assert_true (gtk_widget_get_visible (remember));
  g_assert_false (gtk_widget_get_visible (mk_gui_test_child (page, "teach_menu_button")));
  screenshot ("remember");
  mk_gui_test_click (remember, gtk_widget_get_width (remember) / 2.0,
                     gtk_widget_get_height (remember) / 2.0, 0);
  assert_alias ("тендер", "follow_up");
  g_assert_null (offer (page));

  /* The next line starts over: Other, not Follow-ups. */
  {
    g_autoptr(MkCategory) shown = g_object_ref (gtk_drop_down_get_selected_item (dropdown));

    g_assert_cmpstr (mk_category_get_key (shown), ==, "other");
  }
  next = log_line (page, "20 обед");
  g_assert_cmpstr (key_of (next), ==, "other");
}

/* Item 5: the task keeps every word but the duration and the time range. */
static void
test_words_task_keeps_every_word (void)
{
  MkTodayPage *page = get_page ();
  static const struct {
    const char *line;
    const char *key;
    const char *task;
    int         minutes;
  } lines[] = {
    { "2 часа отчет", "admin", "отчет", 120 },
    { "1 ч 5 мин почта", "admin", "почта", 65 },
    { "9:15-9:45 планерка", "meetings", "планерка", 30 },
    { "2ч отчет для руководителя", "admin", "отчет для руководителя", 120 },
    { "30 call Acme intro", "calls", "call Acme intro", 30 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_autoptr(MkEntry) entry = log_line (page, lines[i].line);

      g_assert_cmpstr (key_of (entry), ==, lines[i].key);
      g_assert_cmpstr (mk_entry_get_task (entry), ==, lines[i].task);
      g_assert_cmpint (mk_entry_get_minutes (entry), ==, lines[i].minutes);
    }
  screenshot ("tasks");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MkApplication) app = NULL;

  mk_gui_test_init (&argc, &argv);
  db_path = g_build_filename (mk_gui_test_tmpdir (), "words.db", NULL);

  g_test_add_func ("/gui/words/unknown-goes-to-other", test_words_unknown_goes_to_other);
  g_test_add_func ("/gui/words/chosen-for-the-line", test_words_chosen_for_the_line);
  g_test_add_func ("/gui/words/task-keeps-every-word", test_words_task_keeps_every_word);

  app = mk_gui_test_app_new (db_path);
  return mk_gui_test_run (g_steal_pointer (&app));
}
