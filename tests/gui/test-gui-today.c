/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-today.c — the Today page under a real display server.
 *
 * Drives the real window: types lines into the quick entry and activates
 * it, edits, deletes and undoes through the page's actions, starts and
 * stops the timer, switches days, and after each step reads the database
 * through a second connection, as another program would.  One test runs
 * this program twice more as children: the first starts a timer and is
 * killed with SIGKILL, the second starts on the same database and must
 * show the timer still running from its true start.  Screenshots of the
 * page, empty and filled, light and dark, and of the window 360 px wide
 * (also with a 40-character category of the user's, made before the window
 * opens, chosen in the quick entry), go to MINUTKA_SCREENSHOT_DIR.
 */
#include "config.h"

#include <glib/gi18n.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mk-analysis-page.h"
#include "mk-application.h"
#include "mk-day-bar.h"
#include "mk-entry-editor.h"
#include "mk-entry-row.h"
#include "mk-format.h"
#include "mk-quick-entry.h"
#include "mk-store.h"
#include "mk-today-page.h"
#include "mk-window.h"
#include "gui-test-utils.h"

static MkApplication *app;
static char *db_path;

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

/* The database as another program sees it. */
static MkStore *
open_db (void)
{
  g_autoptr(GError) error = NULL;
  MkStore *store = mk_store_open (db_path, &error);

  g_assert_no_error (error);
  return store;
}

static gint64
db_count (void)
{
  g_autoptr(MkStore) store = open_db ();

  return mk_store_count_entries (store);
}

static MkEntry *
db_entry (gint64 id)
{
  g_autoptr(MkStore) store = open_db ();
  g_autoptr(GError) error = NULL;
  MkEntry *entry = mk_store_get_entry (store, id, &error);

  g_assert_no_error (error);
  return entry;
}

static MkEntry *
shown_entry (MkTodayPage *page,
             guint        position)
{
  GListModel *entries = mk_today_page_get_entries (page);

  g_assert_nonnull (entries);
  g_assert_cmpuint (g_list_model_get_n_items (entries), >, position);
  return g_list_model_get_item (entries, position);
}

/* The shown entry whose task is @task. */
static MkEntry *
shown_task (MkTodayPage *page,
            const char  *task)
{
  GListModel *entries = mk_today_page_get_entries (page);

  for (guint i = 0; entries && i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(MkEntry) entry = g_list_model_get_item (entries, i);

      if (g_strcmp0 (mk_entry_get_task (entry), task) == 0)
        return g_steal_pointer (&entry);
    }
  g_assert_not_reached ();
}

static guint
n_shown (MkTodayPage *page)
{
  GListModel *entries = mk_today_page_get_entries (page);

  return entries ? g_list_model_get_n_items (entries) : 0;
}

static void
type_line (MkTodayPage *page,
           const char  *line)
{
  GtkWidget *entry = mk_gui_test_child (page, "quick_entry");

  gtk_widget_grab_focus (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), line);
  mk_gui_test_wait_frames (GTK_WIDGET (page), 1);
  g_signal_emit_by_name (entry, "activate");
  mk_gui_test_wait_frames (GTK_WIDGET (page), 2);
}

static void
screenshot (MkTodayPage *page,
            const char  *name)
{
  const char *lang = g_getenv ("MINUTKA_TEST_LANG");
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autofree char *light = g_strdup_printf ("today-%s%s%s.png", name, lang ? "-" : "",
                                            lang ? lang : "");
  g_autofree char *dark = g_strdup_printf ("today-%s-dark%s%s.png", name, lang ? "-" : "",
                                           lang ? lang : "");

  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  mk_gui_test_wait_frames (GTK_WIDGET (page), 3);
  mk_gui_test_screenshot (GTK_WIDGET (mk_gui_test_get_window ()), light);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  mk_gui_test_wait_frames (GTK_WIDGET (page), 3);
  mk_gui_test_screenshot (GTK_WIDGET (mk_gui_test_get_window ()), dark);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_LIGHT);
  mk_gui_test_wait_frames (GTK_WIDGET (page), 2);
}

static void
test_today_empty (void)
{
  MkTodayPage *page = get_page ();
  GtkStack *stack = GTK_STACK (mk_gui_test_child (page, "list_stack"));
  GtkActionable *demo_button;

  g_assert_nonnull (mk_today_page_get_store (page));
  g_assert_null (mk_today_page_get_person (page));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  /* The whole database is empty, so the demo data is offered. */
  g_assert_true (gtk_widget_get_visible (mk_gui_test_child (page, "demo_button")));
  demo_button = GTK_ACTIONABLE (mk_gui_test_child (page, "demo_button"));
  g_assert_cmpstr (gtk_actionable_get_action_name (demo_button), ==, "win.try-demo");
  screenshot (page, "empty");
}

static void
test_today_person (void)
{
  MkTodayPage *page = get_page ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);
  g_autofree char *remembered = NULL;
  g_autoptr(MkStore) store = NULL;
  g_autoptr(MkPerson) person = NULL;

  /* Without a person nothing can be logged, and the page says so. */
  type_line (page, "30 call Acme intro");
  g_assert_cmpint (db_count (), ==, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (mk_gui_test_child (page, "quick_entry"))),
                   ==, "30 call Acme intro");

  g_assert_true (mk_today_page_set_person_name (page, "Anna Petrova", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (mk_person_get_name (mk_today_page_get_person (page)), ==, "Anna Petrova");
  remembered = g_settings_get_string (settings, "current-person");
  g_assert_cmpstr (remembered, ==, "Anna Petrova");

  store = open_db ();
  person = mk_store_find_person (store, "anna  petrova", NULL);
  g_assert_nonnull (person);
}

/* "My Analysis" opens the same detail the supervisor sees, for the person
 * who is logging. */
static void
test_today_my_analysis (void)
{
  MkTodayPage *page = get_page ();
  MkWindow *window = mk_gui_test_get_window ();
  GtkWidget *button = mk_gui_test_child (page, "my_analysis_button");
  AdwViewStack *stack = ADW_VIEW_STACK (mk_gui_test_find_by_type (GTK_WIDGET (window),
                                                                   ADW_TYPE_VIEW_STACK));
  MkAnalysisPage *analysis = MK_ANALYSIS_PAGE (adw_view_stack_get_child_by_name (stack,
                                                                                "analysis"));

  g_assert_nonnull (mk_today_page_get_person (page));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  mk_gui_test_wait_frames (GTK_WIDGET (window), 3);
  g_assert_cmpstr (mk_window_get_visible_page (window), ==, "analysis");
  g_assert_cmpstr (mk_analysis_page_get_shown_manager (analysis), ==,
                   mk_person_get_name (mk_today_page_get_person (page)));

  g_action_group_activate_action (G_ACTION_GROUP (window), "page",
                                  g_variant_new_string ("today"));
  mk_gui_test_wait_frames (GTK_WIDGET (window), 2);
}

static gboolean
hint_says_added (MkTodayPage *page)
{
  /* "Added: %s" as translated, up to the summary. */
  const char *format = _("Added: %s");
  g_autofree char *prefix = g_strndup (format, (gsize) (strstr (format, "%s") - format));

  return g_str_has_prefix (hint (page), prefix);
}

/* "Added: …" speaks of the entry just added; once it is gone — undone, or
 * deleted elsewhere (the Entries page, another program, a team sync that
 * gave it to another person) — the hint no longer names it, and the offer
 * to teach its word goes too. */
static void
test_today_added_hint_follows (void)
{
  MkTodayPage *page = get_page ();
  g_autoptr(MkEntry) added = NULL;
  gint64 before = db_count ();

  type_line (page, "20 call Globex renewal");
  g_assert_cmpint (db_count (), ==, before + 1);
  g_assert_true (hint_says_added (page));
  gtk_widget_activate_action (GTK_WIDGET (page), "today.undo", NULL);
  mk_gui_test_wait_for (!hint_says_added (page));
  g_assert_cmpint (db_count (), ==, before);

  /* Another program deletes it: the page's check of the database finds
   * the change. */
  type_line (page, "15 Globex demo");
  g_assert_true (hint_says_added (page));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (mk_gui_test_child (page,
                                                                             "teach_revealer"))));
  added = shown_task (page, "Globex demo");
  g_assert_nonnull (added);
  {
    g_autoptr(MkStore) other = open_db ();
    g_autoptr(GError) error = NULL;

    g_assert_true (mk_store_delete_entry (other, mk_entry_get_id (added), &error));
    g_assert_no_error (error);
  }
  mk_gui_test_wait_for (!hint_says_added (page));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (mk_gui_test_child (page,
                                                                              "teach_revealer"))));
  g_assert_cmpint (db_count (), ==, before);
}

static void
test_today_quick_entry (void)
{
  MkTodayPage *page = get_page ();
  g_autoptr(MkEntry) first = NULL;
  g_autoptr(MkEntry) stored = NULL;
  g_autoptr(MkEntry) range = NULL;
  GtkEntry *entry = GTK_ENTRY (mk_gui_test_child (page, "quick_entry"));
  g_autofree char *thirty = NULL;
  GtkStack *list_stack;

  /* While typing, the line under the entry says how it was understood. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "30 call Acme intro");
  thirty = mk_format_minutes (30);
  g_assert_true (g_str_has_prefix (hint (page), thirty));
  g_assert_nonnull (strstr (hint (page), "Acme intro"));

  type_line (page, "30 call Acme intro");
  g_assert_cmpint (db_count (), ==, 1);
  g_assert_cmpuint (n_shown (page), ==, 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  first = shown_entry (page, 0);
  stored = db_entry (mk_entry_get_id (first));
  g_assert_cmpint (mk_entry_get_minutes (stored), ==, 30);
  g_assert_cmpstr (mk_category_get_key (mk_entry_get_category (stored)), ==, "calls");
  g_assert_cmpstr (mk_entry_get_task (stored), ==, "call Acme intro");
  g_assert_cmpstr (mk_entry_get_day (stored), ==, mk_today_page_get_day (page));
  list_stack = GTK_STACK (mk_gui_test_child (page, "list_stack"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (list_stack), ==, "list");

  /* A wrong line shows why, adds nothing and stays in the field. */
  type_line (page, "call Acme");
  g_assert_cmpint (db_count (), ==, 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "call Acme");
  g_assert_true (gtk_widget_has_css_class (mk_gui_test_child (page, "hint_label"), "error"));
  type_line (page, "25h admin");
  g_assert_cmpint (db_count (), ==, 1);

  /* Russian, a range, hours with a comma. */
  type_line (page, "9:15-9:45 meeting stand-up");
  type_line (page, "1,5ч звонки Ромашка");
  type_line (page, "перезвон 20 ООО Вектор");
  g_assert_cmpint (db_count (), ==, 4);
  g_assert_cmpuint (n_shown (page), ==, 4);
  range = shown_task (page, "meeting stand-up");
  g_assert_cmpint (mk_entry_get_start (range), ==, 9 * 60 + 15);
  g_assert_cmpint (mk_entry_get_minutes (range), ==, 30);

  /* A line that names no known category goes to Other, and the hint says
   * which word is new. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "10 Acme");
  g_assert_nonnull (strstr (hint (page), "("));
  type_line (page, "10 Acme");
  g_assert_cmpint (db_count (), ==, 5);

  /* The summary bar counts the day: 30 + 30 + 90 + 20 + 10 minutes. */
  g_assert_cmpint (mk_day_bar_get_total (MK_DAY_BAR (mk_gui_test_child (page, "day_bar"))), ==,
                   180);
  screenshot (page, "filled");
}

static void
test_today_edit_delete_undo (void)
{
  MkTodayPage *page = get_page ();
  g_autoptr(MkEntry) entry = shown_task (page, "meeting stand-up");
  g_autoptr(MkEntry) edited = NULL;
  g_autoptr(MkEntry) restored = NULL;
  gint64 id = mk_entry_get_id (entry);
  gint64 calls = 0;
  gint64 count = db_count ();
  guint generation;

  {
    g_autoptr(MkStore) store = open_db ();

    calls = mk_category_get_id (mk_store_get_category_by_key (store, "calls"));
  }

  gtk_widget_activate_action (GTK_WIDGET (page), "today.update-entry", "(xiixs)", id, 10 * 60,
                              45, calls, "stand-up, longer");
  mk_gui_test_wait_frames (GTK_WIDGET (page), 2);
  edited = db_entry (id);
  g_assert_cmpint (mk_entry_get_minutes (edited), ==, 45);
  g_assert_cmpint (mk_entry_get_start (edited), ==, 600);
  g_assert_cmpstr (mk_entry_get_task (edited), ==, "stand-up, longer");
  g_assert_cmpstr (mk_category_get_key (mk_entry_get_category (edited)), ==, "calls");

  gtk_widget_activate_action (GTK_WIDGET (page), "today.undo", NULL);
  mk_gui_test_wait_frames (GTK_WIDGET (page), 2);
  restored = db_entry (id);
  g_assert_cmpint (mk_entry_get_minutes (restored), ==, 30);
  g_assert_cmpint (mk_entry_get_start (restored), ==, 555);
  g_assert_cmpstr (mk_entry_get_task (restored), ==, "meeting stand-up");

  gtk_widget_activate_action (GTK_WIDGET (page), "today.delete-entry", "x", id);
  mk_gui_test_wait_frames (GTK_WIDGET (page), 2);
  g_assert_cmpint (db_count (), ==, count - 1);
  g_assert_cmpuint (n_shown (page), ==, count - 1);

  gtk_widget_activate_action (GTK_WIDGET (page), "today.undo", NULL);
  mk_gui_test_wait_frames (GTK_WIDGET (page), 2);
  g_assert_cmpint (db_count (), ==, count);
  g_assert_cmpuint (n_shown (page), ==, count);

  /* Undo of an add removes it again. */
  type_line (page, "5 admin CRM");
  g_assert_cmpint (db_count (), ==, count + 1);
  gtk_widget_activate_action (GTK_WIDGET (page), "today.undo", NULL);
  mk_gui_test_wait_frames (GTK_WIDGET (page), 2);
  g_assert_cmpint (db_count (), ==, count);

  /* A toast left from an older change cannot undo a newer one.  (Undoing the
   * delete above added the entry back under a new id.) */
  g_clear_object (&entry);
  entry = shown_task (page, "meeting stand-up");
  gtk_widget_activate_action (GTK_WIDGET (page), "today.delete-entry", "x",
                              mk_entry_get_id (entry));
  generation = mk_today_page_get_undo_generation (page);
  type_line (page, "5 admin CRM");
  g_assert_cmpint (db_count (), ==, count);
  gtk_widget_activate_action (GTK_WIDGET (page), "today.undo-change", "u", generation);
  mk_gui_test_wait_frames (GTK_WIDGET (page), 2);
  g_assert_cmpint (db_count (), ==, count);
  g_assert_true (gtk_widget_has_css_class (mk_gui_test_child (page, "hint_label"), "error"));
  gtk_widget_activate_action (GTK_WIDGET (page), "today.undo-change", "u",
                              mk_today_page_get_undo_generation (page));
  mk_gui_test_wait_frames (GTK_WIDGET (page), 2);
  g_assert_cmpint (db_count (), ==, count - 1);
}

/* The list row showing the entry @id. */
static GtkWidget *
find_row (GtkWidget *root,
          gint64     id)
{
  if (MK_IS_ENTRY_ROW (root) && mk_entry_row_get_entry (MK_ENTRY_ROW (root)) != NULL
      && mk_entry_get_id (mk_entry_row_get_entry (MK_ENTRY_ROW (root))) == id)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, id);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The pencil of a row opens the entry editor (the one Entries opens too);
 * Save changes the entry in the database. */
static void
test_today_edit_with_editor (void)
{
  MkTodayPage *page = get_page ();
  g_autoptr(MkEntry) entry = shown_task (page, "call Acme intro");
  g_autoptr(MkEntry) stored = NULL;
  GtkWidget *row;
  GtkWindow *editor;
  GtkWidget *spin;
  GtkWidget *start;

  row = find_row (GTK_WIDGET (page), mk_entry_get_id (entry));
  g_assert_nonnull (row);

  g_signal_emit_by_name (mk_gui_test_child (row, "edit_button"), "clicked");
  editor = mk_gui_test_wait_window (MK_TYPE_ENTRY_EDITOR);
  g_assert_nonnull (editor);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  g_assert_true (mk_entry_get_id (mk_entry_editor_get_entry (MK_ENTRY_EDITOR (editor))) ==
                 mk_entry_get_id (entry));
  spin = mk_gui_test_child (editor, "minutes_spin");
  start = mk_gui_test_child (editor, "start_row");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)), ==, 30);

  /* A start that is not a time of day is refused in the editor. */
  gtk_editable_set_text (GTK_EDITABLE (start), "25:99");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  mk_gui_test_settle ();
  g_assert_true (gtk_widget_get_visible (mk_gui_test_child (editor, "error_label")));
  stored = db_entry (mk_entry_get_id (entry));
  g_assert_cmpint (mk_entry_get_start (stored), ==, -1);
  g_clear_object (&stored);

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 35);
  gtk_editable_set_text (GTK_EDITABLE (start), "8:05");
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  mk_gui_test_settle ();
  stored = db_entry (mk_entry_get_id (entry));
  g_assert_cmpint (mk_entry_get_minutes (stored), ==, 35);
  g_assert_cmpint (mk_entry_get_start (stored), ==, 8 * 60 + 5);
  g_assert_cmpstr (mk_entry_get_task (stored), ==, "call Acme intro");
  /* Saved: the editor is gone. */
  g_assert_null (editor);

  gtk_widget_activate_action (GTK_WIDGET (page), "today.undo", NULL);
  mk_gui_test_wait_frames (GTK_WIDGET (page), 2);
  g_clear_object (&stored);
  stored = db_entry (mk_entry_get_id (entry));
  g_assert_cmpint (mk_entry_get_minutes (stored), ==, 30);
  g_assert_cmpint (mk_entry_get_start (stored), ==, -1);
}

static void
test_today_timer (void)
{
  MkTodayPage *page = get_page ();
  gint64 count = db_count ();
  g_autoptr(MkStore) store = NULL;
  g_autoptr(MkEntry) logged = NULL;
  g_autofree char *task = NULL;
  gint64 category_id = 0;
  GListModel *entries;
  AdwViewStack *stack;
  GtkLabel *timer_label;

  gtk_editable_set_text (GTK_EDITABLE (mk_gui_test_child (page, "quick_entry")),
                         "call Acme follow-up");
  gtk_widget_activate_action (GTK_WIDGET (page), "today.toggle-timer", NULL);
  mk_gui_test_wait_frames (GTK_WIDGET (page), 2);

  store = open_db ();
  g_assert_true (mk_store_get_timer (store, NULL, &category_id, &task, NULL));
  g_assert_cmpstr (task, ==, "call Acme follow-up");
  g_assert_cmpstr (mk_category_get_key (mk_store_get_category (store, category_id)), ==,
                   "calls");
  timer_label = GTK_LABEL (mk_gui_test_child (page, "timer_label"));
  g_assert_nonnull (strstr (gtk_label_get_text (timer_label), "call Acme follow-up"));
  /* The Today tab in the header is marked while the timer runs. */
  stack = ADW_VIEW_STACK (gtk_widget_get_parent (GTK_WIDGET (page)));
  g_assert_true (adw_view_stack_page_get_needs_attention (
                   adw_view_stack_get_page (stack, GTK_WIDGET (page))));

  gtk_widget_activate_action (GTK_WIDGET (page), "today.toggle-timer", NULL);
  mk_gui_test_wait_frames (GTK_WIDGET (page), 2);
  g_assert_false (mk_store_get_timer (store, NULL, NULL, NULL, NULL));
  g_assert_cmpint (mk_store_count_entries (store), ==, count + 1);
  g_assert_false (adw_view_stack_page_get_needs_attention (
                    adw_view_stack_get_page (stack, GTK_WIDGET (page))));

  entries = mk_today_page_get_entries (page);
  g_assert_cmpuint (g_list_model_get_n_items (entries), ==, count + 1);
  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      g_autoptr(MkEntry) entry = g_list_model_get_item (entries, i);

      if (mk_entry_get_source (entry) == MK_ENTRY_SOURCE_TIMER)
        logged = g_object_ref (entry);
    }
  g_assert_nonnull (logged);
  g_assert_cmpint (mk_entry_get_minutes (logged), >=, 1);
  g_assert_cmpstr (mk_entry_get_task (logged), ==, "call Acme follow-up");
}

static void
test_today_days (void)
{
  MkTodayPage *page = get_page ();
  g_autofree char *today = g_strdup (mk_today_page_get_day (page));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) yesterday_dt = g_date_time_add_days (now, -1);
  g_autofree char *yesterday = g_date_time_format (yesterday_dt, "%Y-%m-%d");
  guint today_count = n_shown (page);
  g_autoptr(MkEntry) logged = NULL;
  g_autoptr(MkEntry) stored = NULL;
  GtkStack *list_stack;

  gtk_widget_activate_action (GTK_WIDGET (page), "today.previous-day", NULL);
  mk_gui_test_wait_frames (GTK_WIDGET (page), 2);
  g_assert_cmpstr (mk_today_page_get_day (page), ==, yesterday);
  g_assert_cmpuint (n_shown (page), ==, 0);
  list_stack = GTK_STACK (mk_gui_test_child (page, "list_stack"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (list_stack), ==, "empty");
  /* The database has entries now, so no demo data is offered. */
  g_assert_false (gtk_widget_get_visible (mk_gui_test_child (page, "demo_button")));

  /* Logging for a past day is allowed. */
  type_line (page, "2ч КП Ромашка");
  g_assert_cmpuint (n_shown (page), ==, 1);
  logged = shown_entry (page, 0);
  stored = db_entry (mk_entry_get_id (logged));
  g_assert_cmpstr (mk_entry_get_day (stored), ==, yesterday);
  g_assert_cmpint (mk_entry_get_minutes (stored), ==, 120);

  gtk_widget_activate_action (GTK_WIDGET (page), "today.next-day", NULL);
  mk_gui_test_wait_frames (GTK_WIDGET (page), 2);
  g_assert_cmpstr (mk_today_page_get_day (page), ==, today);
  g_assert_cmpuint (n_shown (page), ==, today_count);

  gtk_widget_activate_action (GTK_WIDGET (page), "today.previous-day", NULL);
  gtk_widget_activate_action (GTK_WIDGET (page), "today.go-today", NULL);
  mk_gui_test_wait_frames (GTK_WIDGET (page), 2);
  g_assert_cmpstr (mk_today_page_get_day (page), ==, today);
  g_assert_false (gtk_widget_get_sensitive (mk_gui_test_child (page, "today_button")));
}

/* During an active study the page says which day of it is shown. */
static void
test_today_study_day (void)
{
  MkTodayPage *page = get_page ();
  MkStore *store = mk_today_page_get_store (page);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) before = g_date_time_add_days (now, -1);
  g_autoptr(GDateTime) after = g_date_time_add_days (now, 1);
  g_autofree char *from = g_date_time_format (before, "%Y-%m-%d");
  g_autofree char *to = g_date_time_format (after, "%Y-%m-%d");
  g_autofree char *expected = g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, "Day %d of %d"),
                                               2, 3);
  g_autoptr(GError) error = NULL;
  GtkWidget *label = mk_gui_test_child (page, "study_label");

  g_assert_false (gtk_widget_get_visible (label));
  g_assert_true (mk_store_set_study (store, "Pilot", from, to, &error));
  g_assert_no_error (error);
  mk_gui_test_wait_frames (GTK_WIDGET (page), 2);
  g_assert_true (gtk_widget_get_visible (label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, expected);

  g_assert_true (mk_store_clear_study (store, &error));
  mk_gui_test_wait_frames (GTK_WIDGET (page), 2);
  g_assert_false (gtk_widget_get_visible (label));
}

/* Whether the widgets @a and @b of the page are side by side on one line. */
static gboolean
same_line (MkTodayPage *page,
           const char  *a,
           const char  *b)
{
  graphene_rect_t bounds_a;
  graphene_rect_t bounds_b;

  g_assert_true (gtk_widget_compute_bounds (mk_gui_test_child (page, a), GTK_WIDGET (page),
                                            &bounds_a));
  g_assert_true (gtk_widget_compute_bounds (mk_gui_test_child (page, b), GTK_WIDGET (page),
                                            &bounds_b));
  return bounds_a.origin.y < bounds_b.origin.y + bounds_b.size.height
         && bounds_b.origin.y < bounds_a.origin.y + bounds_a.size.height;
}

/* The width of the page's widget @name, with its padding and border. */
static float
width_of (MkTodayPage *page,
          const char  *name)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (mk_gui_test_child (page, name), GTK_WIDGET (page),
                                            &bounds));
  return bounds.size.width;
}

/* An 81-character name, with the hyphens and spaces such names have. */
#define LONG_NAME \
  "Констанция-Александрина Вильгельмовна Преображенская-Святополк-Мирская-Оболенская"

/* Phones and tiled halves: the page, and so the window, work at 360 px wide.
 * The rows of controls fold onto more lines instead, and a long name of the
 * person logging is cut with an ellipsis (the whole name in a tooltip). */
static void
test_today_narrow (void)
{
  static const char *long_days[] = { "2026-09-30", "2026-09-27" };
  MkTodayPage *page = get_page ();
  g_autofree char *today = g_strdup (mk_today_page_get_day (page));
  g_autofree char *logging = g_strdup (mk_person_get_name (mk_today_page_get_person (page)));
  g_autoptr(GError) error = NULL;
  GtkDropDown *dropdown;
  guint category;
  GtkWindow *window = GTK_WINDOW (mk_gui_test_get_window ());
  GtkSettings *settings = gtk_widget_get_settings (GTK_WIDGET (window));
  g_autofree char *layout = NULL;
  GtkWidget *stack;
  int frame;
  int min = 0;
  int width = 0;
  int height = 0;

  /* Someone with a very long name logs. */
  g_assert_true (mk_today_page_set_person_name (page, LONG_NAME, &error));
  g_assert_no_error (error);
  mk_gui_test_wait_frames (GTK_WIDGET (page), 2);
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (mk_gui_test_child (page, "person_button")),
                            LONG_NAME));

  /* Also on the days with the longest names: "Wednesday, 30 September",
   * "Воскресенье, 27 сентября". */
  for (guint i = 0; i < G_N_ELEMENTS (long_days); i++)
    {
      mk_today_page_set_day (page, long_days[i]);
      gtk_widget_measure (GTK_WIDGET (page), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL,
                          NULL);
      g_test_message ("%s: the page is %d px wide at least", long_days[i], min);
      g_assert_cmpint (min, <=, 360);
    }
  mk_today_page_set_day (page, today);
  gtk_widget_measure (GTK_WIDGET (page), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  g_assert_cmpint (min, <=, 360);
  gtk_widget_measure (mk_gui_test_child (page, "person_chooser"), GTK_ORIENTATION_HORIZONTAL, -1,
                      &min, NULL, NULL, NULL);
  g_test_message ("the person chooser is %d px wide at least", min);
  g_assert_cmpint (min, <, 100);
  /* Back to the person with entries, for the entries' layout below. */
  g_assert_true (mk_today_page_set_person_name (page, logging, &error));
  g_assert_no_error (error);
  mk_gui_test_wait_frames (GTK_WIDGET (page), 2);

  /* Every page fits a 360 px window, or the window cannot get that narrow. */
  stack = gtk_widget_get_parent (GTK_WIDGET (page));
  frame = gdk_surface_get_width (gtk_native_get_surface (GTK_NATIVE (window)))
          - gtk_widget_get_width (stack);
  for (GtkWidget *other = gtk_widget_get_first_child (stack); other != NULL;
       other = gtk_widget_get_next_sibling (other))
    {
      int other_min = 0;

      if (other == GTK_WIDGET (page) || !gtk_widget_get_visible (other))
        continue;
      gtk_widget_measure (other, GTK_ORIENTATION_HORIZONTAL, -1, &other_min, NULL, NULL, NULL);
      if (other_min + frame > 360)
        g_test_message ("%s is %d px wide at least", G_OBJECT_TYPE_NAME (other), other_min);
      g_assert_cmpint (other_min + frame, <=, 360);
    }

  /* GNOME's title-bar buttons (a close button only): with the X server's
   * default minimize, maximize and close, the header bar alone is wider. */
  g_object_get (settings, "gtk-decoration-layout", &layout, NULL);
  g_object_set (settings, "gtk-decoration-layout", "appmenu:close", NULL);
  gtk_window_get_default_size (window, &width, &height);
  mk_gui_test_resize (window, 360, height);
  g_assert_cmpint (gdk_surface_get_width (gtk_native_get_surface (GTK_NATIVE (window))), ==,
                   360);

  /* Folded: the quick entry has the whole width and Add goes under it;
   * Today goes under the day; a listed entry's task under its minutes. */
  g_assert_cmpfloat (width_of (page, "quick_entry"), ==, width_of (page, "quick_row"));
  g_assert_false (same_line (page, "quick_entry", "add_button"));
  g_assert_false (same_line (page, "day_button", "today_button"));
  g_assert_true (same_line (page, "category_dropdown", "add_button"));
  g_assert_false (same_line (page, "minutes_label", "task_label"));
  screenshot (page, "narrow");

  /* The long name is cut, not the window.  A person new to the page gets
   * another category chosen; the same one as before is chosen again, so that
   * only the name differs (the category's own width is not this check's). */
  dropdown = GTK_DROP_DOWN (mk_gui_test_child (page, "category_dropdown"));
  category = gtk_drop_down_get_selected (dropdown);
  g_assert_true (mk_today_page_set_person_name (page, LONG_NAME, &error));
  g_assert_no_error (error);
  gtk_drop_down_set_selected (dropdown, category);
  mk_gui_test_wait_frames (GTK_WIDGET (page), 4);
  g_assert_cmpint (gdk_surface_get_width (gtk_native_get_surface (GTK_NATIVE (window))), ==,
                   360);
  g_assert_cmpfloat (width_of (page, "person_chooser"), <=, width_of (page, "quick_row"));
  g_assert_true (pango_layout_is_ellipsized (
                   gtk_label_get_layout (GTK_LABEL (mk_gui_test_child (page, "person_label")))));
  /* The summary cuts the name, not the minutes, and has it whole in its tooltip. */
  {
    GtkWidget *summary = mk_gui_test_child (page, "summary_label");
    const char *text = gtk_label_get_text (GTK_LABEL (summary));

    g_test_message ("summary: %s", text);
    g_assert_nonnull (strstr (text, "…"));
    g_assert_null (strstr (text, LONG_NAME));
    g_assert_true (g_str_has_prefix (text, "Констанция-Александрина"));
    g_assert_nonnull (strstr (text, "0"));
    g_assert_cmpstr (gtk_widget_get_tooltip_text (summary), ==, LONG_NAME);
  }
  screenshot (page, "narrow-long-name");

  /* The list of people wraps the name instead of growing past the window. */
  {
    GtkMenuButton *button = GTK_MENU_BUTTON (mk_gui_test_child (page, "person_button"));
    GtkWidget *popover = GTK_WIDGET (gtk_menu_button_get_popover (button));
    const char *lang = g_getenv ("MINUTKA_TEST_LANG");
    g_autofree char *file = g_strdup_printf ("today-people-popover%s%s.png", lang ? "-" : "",
                                             lang ? lang : "");

    gtk_menu_button_popup (GTK_MENU_BUTTON (mk_gui_test_child (page, "person_button")));
    g_assert_true (mk_gui_test_wait_mapped (popover));
    mk_gui_test_wait_frames (popover, 3);
    g_test_message ("the people pop-over is %d px wide", gtk_widget_get_width (popover));
    g_assert_cmpint (gtk_widget_get_width (popover), <=, 360);
    mk_gui_test_screenshot (popover, file);
    gtk_popover_popdown (GTK_POPOVER (popover));
    mk_gui_test_wait_frames (GTK_WIDGET (page), 2);
  }
  g_assert_true (mk_today_page_set_person_name (page, logging, &error));
  g_assert_no_error (error);

  /* Wide again: one line each, as before. */
  g_object_set (settings, "gtk-decoration-layout", layout, NULL);
  mk_gui_test_resize (window, MAX (width, 800), height);
  g_assert_true (same_line (page, "quick_entry", "add_button"));
  g_assert_true (same_line (page, "day_button", "today_button"));
  g_assert_true (same_line (page, "day_button", "person_chooser"));
  g_assert_true (same_line (page, "minutes_label", "task_label"));
  mk_gui_test_resize (window, width, height);
}

/* A category the user made, named at length: 40 characters. */
#define LONG_CATEGORY_EN "Follow-up calls after the May trade fair"
#define LONG_CATEGORY_RU "Звонки по итогам выставки «Продэкспо-26»"

static const char *
long_category (void)
{
  return g_strcmp0 (g_getenv ("MINUTKA_TEST_LANG"), "ru") == 0 ? LONG_CATEGORY_RU
                                                               : LONG_CATEGORY_EN;
}

/* Made before the window opens, as by an earlier session.  This runs
 * before any test, so a failure stops the program. */
static void
add_long_category (void)
{
  g_autoptr(MkStore) store = open_db ();
  g_autoptr(GError) error = NULL;

  if (g_utf8_strlen (long_category (), -1) != 40)
    g_error ("the long category name is not 40 characters long");
  if (mk_store_add_category (store, "fair_calls", long_category (), "#e66100",
                             MK_CATEGORY_KIND_SELLING, &error) == NULL)
    g_error ("could not add the long category: %s", error->message);
}

/* The first label shown under @widget, depth first (a drop-down also has a
 * "(None)" label, shown when nothing is chosen). */
static GtkLabel *
shown_label (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *label;

      if (!gtk_widget_get_child_visible (child) || !gtk_widget_get_visible (child))
        continue;
      if (GTK_IS_LABEL (child))
        return GTK_LABEL (child);
      if ((label = shown_label (child)) != NULL)
        return label;
    }
  return NULL;
}

/* Every widget under @root, depth first. */
static void
add_descendants (GtkWidget *root,
                 GPtrArray *all)
{
  for (GtkWidget *w = gtk_widget_get_first_child (root); w != NULL;
       w = gtk_widget_get_next_sibling (w))
    {
      g_ptr_array_add (all, w);
      add_descendants (w, all);
    }
}

static GPtrArray *
descendants (GtkWidget *root)
{
  GPtrArray *all = g_ptr_array_new ();

  add_descendants (root, all);
  return all;
}

/* The quick entry's category drop-down ends a long name in an ellipsis
 * instead of widening the page, and its list wraps the name whole: the page
 * stays within a 360 px window with the built-in Other ("Прочее") and with a
 * 40-character category chosen. */
static void
test_today_narrow_long_category (void)
{
  MkTodayPage *page = get_page ();
  GtkWindow *window = GTK_WINDOW (mk_gui_test_get_window ());
  GtkSettings *settings = gtk_widget_get_settings (GTK_WIDGET (window));
  GtkDropDown *dropdown = GTK_DROP_DOWN (mk_gui_test_child (page, "category_dropdown"));
  GListModel *model = gtk_drop_down_get_model (dropdown);
  GtkWidget *stack = gtk_widget_get_parent (GTK_WIDGET (page));
  guint before = gtk_drop_down_get_selected (dropdown);
  guint chosen[2] = { GTK_INVALID_LIST_POSITION, GTK_INVALID_LIST_POSITION };
  g_autofree char *layout = NULL;
  GtkLabel *shown;
  GtkWidget *popover;
  int frame;
  int width = 0;
  int height = 0;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(MkCategory) category = g_list_model_get_item (model, i);

      if (g_strcmp0 (mk_category_get_key (category), "other") == 0)
        chosen[0] = i;
      if (g_strcmp0 (mk_category_get_name (category), long_category ()) == 0)
        chosen[1] = i;
    }
  g_assert_cmpuint (chosen[0], !=, GTK_INVALID_LIST_POSITION);
  g_assert_cmpuint (chosen[1], !=, GTK_INVALID_LIST_POSITION);

  /* The window's frame: what it has beside the page. */
  frame = gdk_surface_get_width (gtk_native_get_surface (GTK_NATIVE (window)))
          - gtk_widget_get_width (stack);
  for (guint i = 0; i < G_N_ELEMENTS (chosen); i++)
    {
      int min = 0;

      gtk_drop_down_set_selected (dropdown, chosen[i]);
      mk_gui_test_wait_frames (GTK_WIDGET (page), 2);
      gtk_widget_measure (GTK_WIDGET (page), GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL,
                          NULL);
      g_test_message ("with %s chosen the page is %d px wide at least, %d px with the frame",
                      gtk_label_get_text (shown_label (GTK_WIDGET (dropdown))), min, min + frame);
      g_assert_cmpint (min + frame, <=, 360);
      gtk_widget_measure (mk_gui_test_child (page, "quick_row"), GTK_ORIENTATION_HORIZONTAL, -1,
                          &min, NULL, NULL, NULL);
      g_test_message ("the quick entry is %d px wide at least", min);
    }

  /* GNOME's title-bar buttons (a close button only), as in the test above. */
  g_object_get (settings, "gtk-decoration-layout", &layout, NULL);
  g_object_set (settings, "gtk-decoration-layout", "appmenu:close", NULL);
  gtk_window_get_default_size (window, &width, &height);
  mk_gui_test_resize (window, 360, height);
  g_assert_cmpint (gdk_surface_get_width (gtk_native_get_surface (GTK_NATIVE (window))), ==,
                   360);

  /* The button shows the start of the name and an ellipsis, within the row. */
  shown = shown_label (GTK_WIDGET (dropdown));
  g_assert_nonnull (shown);
  g_assert_cmpstr (gtk_label_get_text (shown), ==, long_category ());
  g_assert_true (pango_layout_is_ellipsized (gtk_label_get_layout (shown)));
  g_assert_cmpfloat (width_of (page, "category_dropdown"), <, width_of (page, "quick_row"));
  g_assert_true (same_line (page, "category_dropdown", "add_button"));
  screenshot (page, "narrow-long-category");

  /* The list shows the whole name on more lines, within the window, with a
   * check mark at the chosen category. */
  g_signal_emit_by_name (dropdown, "activate");
  popover = mk_gui_test_find_by_type (GTK_WIDGET (dropdown), GTK_TYPE_POPOVER);
  g_assert_nonnull (popover);
  g_assert_true (mk_gui_test_wait_mapped (popover));
  mk_gui_test_wait_frames (popover, 3);
  g_test_message ("the category list is %d px wide", gtk_widget_get_width (popover));
  g_assert_cmpint (gtk_widget_get_width (popover), <=, 360);
  {
    const char *lang = g_getenv ("MINUTKA_TEST_LANG");
    g_autofree char *file = g_strdup_printf ("today-category-popover%s%s.png", lang ? "-" : "",
                                             lang ? lang : "");
    g_autoptr(GPtrArray) all = descendants (popover);
    GtkLabel *whole = NULL;
    guint checks = 0;

    for (guint i = 0; i < all->len; i++)
      {
        GtkWidget *w = g_ptr_array_index (all, i);

        if (GTK_IS_LABEL (w) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (w)),
                                           long_category ()) == 0)
          whole = GTK_LABEL (w);
        if (GTK_IS_IMAGE (w) && gtk_widget_get_visible (w)
            && g_strcmp0 (gtk_image_get_icon_name (GTK_IMAGE (w)), "object-select-symbolic") == 0)
          checks++;
      }
    g_assert_nonnull (whole);
    g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (whole)));
    g_assert_cmpint (pango_layout_get_line_count (gtk_label_get_layout (whole)), >, 1);
    g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (whole)), <, gtk_widget_get_width (popover));
    g_assert_cmpuint (checks, ==, 1);
    /* Eight categories fit without scrolling: the wrapped name is not cut
     * at the bottom of the list. */
    {
      GtkWidget *scrolled = mk_gui_test_find_by_type (popover, GTK_TYPE_SCROLLED_WINDOW);
      GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

      g_assert_cmpuint (g_list_model_get_n_items (model), ==, 8);
      g_assert_cmpfloat (gtk_adjustment_get_upper (adj), <=, gtk_adjustment_get_page_size (adj));
    }
    mk_gui_test_screenshot (popover, file);
  }
  /* No tooltip over the open list: the drop-down gets it back once the
   * list closes (issue 17, item 13). */
  g_assert_false (gtk_widget_get_has_tooltip (GTK_WIDGET (dropdown)));
  gtk_popover_popdown (GTK_POPOVER (popover));
  mk_gui_test_wait_frames (GTK_WIDGET (page), 2);
  g_assert_true (gtk_widget_get_has_tooltip (GTK_WIDGET (dropdown)));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (dropdown)), !=, NULL);

  /* Wide again: the name still ends in an ellipsis, so the entry keeps most
   * of the line. */
  g_object_set (settings, "gtk-decoration-layout", layout, NULL);
  mk_gui_test_resize (window, MAX (width, 800), height);
  g_assert_true (same_line (page, "quick_entry", "category_dropdown"));
  g_assert_cmpfloat (width_of (page, "category_dropdown"), <, width_of (page, "quick_entry"));
  g_assert_true (pango_layout_is_ellipsized (gtk_label_get_layout (shown)));
  screenshot (page, "long-category");

  gtk_drop_down_set_selected (dropdown, before);
  mk_gui_test_resize (window, width, height);
}

/* The category drop-down is as wide whichever category is chosen («Админ»
 * then «Прочее», the 40-character one, back to Other): the entry beside it
 * does not move or change its width (issue 17, item 13). */
static void
test_today_category_width (void)
{
  MkTodayPage *page = get_page ();
  GtkWindow *window = GTK_WINDOW (mk_gui_test_get_window ());
  GtkWidget *dropdown = mk_gui_test_child (page, "category_dropdown");
  GListModel *model = gtk_drop_down_get_model (GTK_DROP_DOWN (dropdown));
  guint before = gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown));
  guint n = g_list_model_get_n_items (model);
  int width = 0;
  int height = 0;
  int natural[2] = { -1, -1 };
  float shown[2] = { -1, -1 };
  float entry = -1;

  gtk_window_get_default_size (window, &width, &height);
  mk_gui_test_resize (window, MAX (width, 800), height);
  g_assert_true (same_line (page, "quick_entry", "category_dropdown"));
  g_assert_cmpuint (n, >, 2);
  for (guint i = 0; i <= n; i++)
    {
      g_autoptr(MkCategory) category = g_list_model_get_item (model, i % n);
      int min = 0;
      int nat = 0;

      gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), i % n);
      mk_gui_test_wait_frames (GTK_WIDGET (page), 2);
      g_assert_cmpstr (gtk_label_get_text (shown_label (dropdown)), ==,
                       mk_category_get_name (category));
      gtk_widget_measure (dropdown, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
      g_test_message ("%s: the drop-down asks for %d px, %d px at least, and has %.0f px",
                      mk_category_get_name (category), nat, min, width_of (page,
                                                                         "category_dropdown"));
      if (i == 0)
        {
          natural[0] = min;
          natural[1] = nat;
          shown[0] = width_of (page, "category_dropdown");
          entry = width_of (page, "quick_entry");
        }
      g_assert_cmpint (min, ==, natural[0]);
      g_assert_cmpint (nat, ==, natural[1]);
      shown[1] = width_of (page, "category_dropdown");
      g_assert_cmpfloat (shown[1], ==, shown[0]);
      g_assert_cmpfloat (width_of (page, "quick_entry"), ==, entry);
      if (g_strcmp0 (mk_category_get_key (category), "admin") == 0)
        screenshot (page, "category-admin");
      else if (g_strcmp0 (mk_category_get_key (category), "other") == 0)
        screenshot (page, "category-other");
    }

  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), before);
  mk_gui_test_resize (window, width, height);
}

static void
test_today_shortcuts_listed (void)
{
  static const char *accels[] = {
    "<Control>n", "<Control>t", "<Alt>Left", "<Alt>Right", "<Control>z",
  };
  g_autoptr(GBytes) bytes = NULL;
  const char *ui;

  g_assert_nonnull (gtk_application_window_get_help_overlay (
                      GTK_APPLICATION_WINDOW (mk_gui_test_get_window ())));
  bytes = g_resources_lookup_data (RESOURCE_BASE_PATH "/gtk/help-overlay.ui", 0, NULL);
  g_assert_nonnull (bytes);
  ui = g_bytes_get_data (bytes, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    {
      g_autofree char *escaped = g_markup_escape_text (accels[i], -1);

      g_assert_nonnull (strstr (ui, escaped));
    }
}

/* The page binds its keys to its actions, for the whole window. */
static void
test_today_shortcuts_bound (void)
{
  static const struct {
    const char *trigger;
    const char *action;
  } keys[] = {
    { "<Control>n", "today.focus-entry" }, { "<Control>t", "today.toggle-timer" },
    { "<Alt>Left", "today.previous-day" }, { "<Alt>Right", "today.next-day" },
    { "<Control>z", "today.undo" },
  };
  MkTodayPage *page = get_page ();
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (page));
  guint found = 0;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      g_assert_cmpint (gtk_shortcut_controller_get_scope (GTK_SHORTCUT_CONTROLLER (controller)),
                       ==, GTK_SHORTCUT_SCOPE_MANAGED);
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *trigger = gtk_shortcut_trigger_to_string (
                                       gtk_shortcut_get_trigger (shortcut));
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
            if (g_str_equal (trigger, keys[k].trigger) && GTK_IS_NAMED_ACTION (action)
                && g_str_equal (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)),
                                keys[k].action))
              found |= 1u << k;
        }
    }
  g_assert_cmpuint (found, ==, (1u << G_N_ELEMENTS (keys)) - 1);
}

/* The page's shortcuts run its actions wherever the focus is. */
static void
test_today_shortcuts_work (void)
{
  MkTodayPage *page = get_page ();
  g_autofree char *today = g_strdup (mk_today_page_get_day (page));
  GtkWidget *window = GTK_WIDGET (mk_gui_test_get_window ());
  GtkWidget *focus;

  /* Focus somewhere else than the entry first. */
  gtk_widget_grab_focus (mk_gui_test_child (page, "previous_button"));
  gtk_widget_activate_action (GTK_WIDGET (page), "today.previous-day", NULL);
  g_assert_cmpstr (mk_today_page_get_day (page), !=, today);
  gtk_widget_activate_action (GTK_WIDGET (page), "today.focus-entry", NULL);
  mk_gui_test_wait_frames (GTK_WIDGET (page), 1);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (focus == mk_gui_test_child (page, "quick_entry")
                 || gtk_widget_is_ancestor (focus, mk_gui_test_child (page, "quick_entry")));
  gtk_widget_activate_action (GTK_WIDGET (page), "today.go-today", NULL);
  g_assert_cmpstr (mk_today_page_get_day (page), ==, today);
}

/* Child processes for the restart test. */

static gboolean
child_start_timer_cb (gpointer user_data)
{
  MkTodayPage *page = get_page ();
  g_autoptr(MkStore) store = NULL;
  g_autoptr(GDateTime) started = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (mk_today_page_set_person_name (page, "Boris", &error));
  gtk_editable_set_text (GTK_EDITABLE (mk_gui_test_child (page, "quick_entry")),
                         "admin weekly report");
  gtk_widget_activate_action (GTK_WIDGET (page), "today.toggle-timer", NULL);
  store = open_db ();
  g_assert_true (mk_store_get_timer (store, NULL, NULL, NULL, &started));
  g_print ("STARTED=%" G_GINT64_FORMAT "\n", g_date_time_to_unix (started));
  fflush (stdout);
  /* As a crash or a power cut would: no clean-up at all. */
  kill (getpid (), SIGKILL);
  return G_SOURCE_REMOVE;
}

static gboolean
child_resume_timer_cb (gpointer user_data)
{
  MkTodayPage *page = get_page ();
  const char *label = gtk_label_get_text (GTK_LABEL (mk_gui_test_child (page, "timer_label")));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  /* What the label shows, and when it was read: the parent checks that it
   * counts from the first start. */
  g_print ("TIMER=%s\nNOW=%" G_GINT64_FORMAT "\n", label, g_date_time_to_unix (now));
  gtk_widget_activate_action (GTK_WIDGET (page), "today.toggle-timer", NULL);
  g_application_release (G_APPLICATION (app));
  g_application_quit (G_APPLICATION (app));
  return G_SOURCE_REMOVE;
}

static void
child_activate_cb (GApplication *application,
                   gpointer      user_data)
{
  g_application_hold (application);
  g_idle_add (user_data, NULL);
}

static int
run_child (const char *mode)
{
  char **argv;
  int status;

  app = mk_gui_test_app_new (db_path);
  argv = g_object_get_data (G_OBJECT (app), "test-argv");
  g_signal_connect_after (app, "activate", G_CALLBACK (child_activate_cb),
                          g_str_equal (mode, "start") ? child_start_timer_cb
                                                      : child_resume_timer_cb);
  status = g_application_run (G_APPLICATION (app), g_strv_length (argv), argv);
  g_object_unref (app);
  return status;
}

static void
spawn_child (const char  *mode,
             const char  *path,
             char       **out,
             int         *status)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  const char *argv[] = { g_test_get_filename (G_TEST_BUILT, "test-gui-today", NULL), NULL };

  envp = g_environ_setenv (envp, "MINUTKA_TODAY_CHILD", mode, TRUE);
  envp = g_environ_setenv (envp, "MINUTKA_TODAY_DB", path, TRUE);
  g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL, out, NULL, status,
                &error);
  g_assert_no_error (error);
}

static void
test_today_restart_with_timer (void)
{
  g_autofree char *path = g_build_filename (mk_gui_test_tmpdir (), "restart.db", NULL);
  g_autofree char *started_out = NULL;
  g_autofree char *resumed_out = NULL;
  g_autoptr(MkStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) started = NULL;
  g_autoptr(GDateTime) earlier = NULL;
  g_autofree char *task = NULL;
  gint64 person_id = 0;
  gint64 category_id = 0;
  g_autoptr(GListModel) people = NULL;
  gint64 started_unix;
  int status = 0;

  spawn_child ("start", path, &started_out, &status);
  g_assert_true (WIFSIGNALED (status));
  g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
  g_assert_nonnull (strstr (started_out, "STARTED="));
  started_unix = g_ascii_strtoll (strstr (started_out, "STARTED=") + 8, NULL, 10);
  g_assert_cmpint (started_unix, >, 0);

  /* Killed: the timer is in the database, from its true start. */
  store = mk_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (mk_store_get_timer (store, &person_id, &category_id, &task, &started));
  g_assert_cmpint (g_date_time_to_unix (started), ==, started_unix);
  /* Moved an hour back, so that counting from the restart instead of the
   * start in the database could not pass for right. */
  earlier = g_date_time_add_hours (started, -1);
  g_assert_true (mk_store_start_timer (store, person_id, category_id, task, earlier, &error));
  g_assert_no_error (error);
  started_unix -= 3600;
  g_clear_object (&store);

  spawn_child ("resume", path, &resumed_out, &status);
  g_assert_true (WIFEXITED (status));
  /* The restarted page shows it running, counted from the start in the
   * database: the seconds it shows are those from that start to when the
   * label was read (whole seconds of both, hence up to two more). */
  g_test_message ("%s", resumed_out);
  g_assert_nonnull (strstr (resumed_out, "TIMER="));
  g_assert_nonnull (strstr (resumed_out, "NOW="));
  g_assert_nonnull (strstr (resumed_out, "weekly report"));
  {
    const char *timer = strstr (resumed_out, "TIMER=") + strlen ("TIMER=");
    gint64 now = g_ascii_strtoll (strstr (resumed_out, "NOW=") + strlen ("NOW="), NULL, 10);
    int h = 0, m = 0, sec = 0;

    g_assert_cmpint (sscanf (timer, "%d:%d:%d", &h, &m, &sec), ==, 3);
    g_assert_cmpint (now - started_unix - (h * 3600 + m * 60 + sec), >=, 0);
    g_assert_cmpint (now - started_unix - (h * 3600 + m * 60 + sec), <=, 2);
  }

  store = mk_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_false (mk_store_get_timer (store, NULL, NULL, NULL, NULL));
  g_assert_cmpint (mk_store_count_entries (store), ==, 1);
  people = mk_store_list_people (store, FALSE, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (people), ==, 1);
  {
    g_autoptr(GString) report = g_string_new (NULL);

    g_assert_true (mk_store_check (store, report, &error));
    g_assert_no_error (error);
  }
}

/* A category added in Preferences shows in the quick entry's drop-down at
 * once (not after a restart), and the chosen category stays chosen. */
static void
test_today_new_category_shows (void)
{
  MkTodayPage *page = get_page ();
  GtkDropDown *dropdown = GTK_DROP_DOWN (mk_gui_test_child (page, "category_dropdown"));
  MkStore *store = mk_window_get_store (mk_gui_test_get_window ());
  g_autoptr(GError) error = NULL;
  g_autoptr(MkCategory) added = NULL;
  MkCategory *chosen;
  gint64 chosen_id;
  guint before;

  before = g_list_model_get_n_items (gtk_drop_down_get_model (dropdown));
  gtk_drop_down_set_selected (dropdown, 1);
  chosen = gtk_drop_down_get_selected_item (dropdown);
  chosen_id = mk_category_get_id (chosen);

  added = mk_store_add_category (store, "site_visits", "Site visits", "#26a269",
                                 MK_CATEGORY_KIND_SELLING, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (dropdown)), ==,
                    before + 1);
  chosen = gtk_drop_down_get_selected_item (dropdown);
  g_assert_cmpint (mk_category_get_id (chosen), ==, chosen_id);

  g_assert_true (mk_store_update_category (store, mk_category_get_id (added), "Site visits",
                                           "#26a269", MK_CATEGORY_KIND_SELLING, -1, -1,
                                           mk_category_get_sort_order (added), TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (dropdown)), ==, before);
}

/* Days to come cannot be logged: from today there is no next day, and a
 * later day chosen in the calendar is refused with a note under the entry
 * (issue 17, item 13). */
static void
test_today_future_days (void)
{
  MkTodayPage *page = get_page ();
  GtkCalendar *calendar = GTK_CALENDAR (mk_gui_test_child (page, "calendar"));
  GtkWidget *next = mk_gui_test_child (page, "next_button");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) later = g_date_time_add_days (now, 3);
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  gtk_widget_activate_action (GTK_WIDGET (page), "today.go-today", NULL);
  mk_gui_test_wait_frames (GTK_WIDGET (page), 2);
  g_assert_cmpstr (mk_today_page_get_day (page), ==, today);
  g_assert_false (gtk_widget_is_sensitive (next));
  gtk_widget_activate_action (GTK_WIDGET (page), "today.next-day", NULL);
  g_assert_cmpstr (mk_today_page_get_day (page), ==, today);

  gtk_calendar_select_day (calendar, later);
  g_signal_emit_by_name (calendar, "day-selected");
  mk_gui_test_wait_frames (GTK_WIDGET (page), 2);
  g_assert_cmpstr (mk_today_page_get_day (page), ==, today);
  g_assert_cmpstr (hint (page), ==, _("Only days that have come can be logged: this one can "
                                       "be logged when it comes."));
  screenshot (page, "future-day");

  /* A day back, the next day is there again. */
  gtk_widget_activate_action (GTK_WIDGET (page), "today.previous-day", NULL);
  mk_gui_test_wait_frames (GTK_WIDGET (page), 2);
  g_assert_true (gtk_widget_is_sensitive (next));
  gtk_widget_activate_action (GTK_WIDGET (page), "today.go-today", NULL);
  mk_gui_test_wait_frames (GTK_WIDGET (page), 2);
}

int
main (int   argc,
      char *argv[])
{
  const char *child_mode = g_getenv ("MINUTKA_TODAY_CHILD");

  mk_gui_test_init (&argc, &argv);

  if (child_mode != NULL)
    {
      db_path = g_strdup (g_getenv ("MINUTKA_TODAY_DB"));
      return run_child (child_mode);
    }

  db_path = g_build_filename (mk_gui_test_tmpdir (), "today.db", NULL);
  add_long_category ();
  g_test_add_func ("/gui/today/empty", test_today_empty);
  g_test_add_func ("/gui/today/person", test_today_person);
  g_test_add_func ("/gui/today/quick-entry", test_today_quick_entry);
  g_test_add_func ("/gui/today/added-hint-follows", test_today_added_hint_follows);
  g_test_add_func ("/gui/today/edit-delete-undo", test_today_edit_delete_undo);
  g_test_add_func ("/gui/today/future-days", test_today_future_days);
  g_test_add_func ("/gui/today/my-analysis", test_today_my_analysis);
  g_test_add_func ("/gui/today/edit-with-editor", test_today_edit_with_editor);
  g_test_add_func ("/gui/today/timer", test_today_timer);
  g_test_add_func ("/gui/today/days", test_today_days);
  g_test_add_func ("/gui/today/study-day", test_today_study_day);
  g_test_add_func ("/gui/today/narrow", test_today_narrow);
  g_test_add_func ("/gui/today/narrow-long-category", test_today_narrow_long_category);
  g_test_add_func ("/gui/today/category-width", test_today_category_width);
  g_test_add_func ("/gui/today/new-category-shows", test_today_new_category_shows);
  g_test_add_func ("/gui/today/shortcuts-listed", test_today_shortcuts_listed);
  g_test_add_func ("/gui/today/shortcuts-bound", test_today_shortcuts_bound);
  g_test_add_func ("/gui/today/focus-and-days", test_today_shortcuts_work);
  g_test_add_func ("/gui/today/restart-with-running-timer", test_today_restart_with_timer);

  app = mk_gui_test_app_new (db_path);
  return mk_gui_test_run (app);
}
