/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-preferences.c — Preferences under a real display server.
 *
 * Starts the real application on a database holding the demo team, opens
 * Preferences through "win.preferences" and drives its pages through their
 * widgets and actions: adds a category and an alias, changes a target band
 * (and sees a band the wrong way round refused in a dialog), starts and
 * ends a study, changes the workday and the prime hours, and makes the
 * window 360 px wide (the narrowest libadwaita allows) on every page.  The
 * People page has its own program, test-gui-people.c.  After each step the
 * database is read through a second connection, as another program would,
 * and the Analysis page of the main window, visible behind Preferences, is
 * checked to follow each change at once.
 * A screenshot of every page and editor goes to MINUTKA_SCREENSHOT_DIR
 * (the -ru run takes them in Russian).
 */
#include "config.h"

#include "mk-analysis-page.h"
#include "mk-categories-page.h"
#include "mk-category-editor.h"
#include "mk-preferences-window.h"
#include "mk-settings-page.h"
#include "mk-store.h"
#include "mk-window.h"
#include "gui-test-input.h"
#include "gui-test-utils.h"

static MkApplication *app;
static char *db_path;

static gboolean
russian (void)
{
  return g_strcmp0 (g_getenv ("MINUTKA_TEST_LANG"), "ru") == 0;
}

static void
screenshot (GtkWidget  *widget,
            const char *name)
{
  g_autofree char *file = g_strdup_printf ("preferences-%s%s.png", name,
                                           russian () ? "-ru" : "");

  mk_gui_test_screenshot (widget, file);
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

static MkAnalysisPage *
get_analysis_page (void)
{
  GtkWidget *page = mk_gui_test_child_of_type (mk_gui_test_get_window (), MK_TYPE_ANALYSIS_PAGE);

  g_assert_nonnull (page);
  return MK_ANALYSIS_PAGE (page);
}

typedef gboolean (*AnalysisCheck) (MkAnalysis *analysis,
                                   gconstpointer data);

/* Waits until the Analysis page, done computing, shows an analysis that
 * passes @check (any analysis when @check is NULL), and returns it (a new
 * reference), or %NULL after failing the test.  The page computes behind
 * Preferences on its own schedule, so the test waits for what the user
 * would see rather than for one signal. */
static gboolean
analysis_shown (MkAnalysisPage *page,
                AnalysisCheck   check,
                gconstpointer   data)
{
  MkAnalysis *analysis = mk_analysis_page_get_analysis (page);

  return !mk_analysis_page_get_busy (page) && analysis != NULL
         && (check == NULL || check (analysis, data));
}

static MkAnalysis *
analysis_where (AnalysisCheck check,
                gconstpointer data)
{
  MkAnalysisPage *page = get_analysis_page ();

  if (!mk_gui_test_wait_for (analysis_shown (page, check, data)))
    {
      g_test_message ("the Analysis page did not follow a change made in Preferences");
      return NULL;
    }
  return g_object_ref (mk_analysis_page_get_analysis (page));
}

/* Like analysis_where(), for when only the wait matters. */
static void
wait_for_analysis (AnalysisCheck check,
                   gconstpointer data)
{
  MkAnalysis *analysis = analysis_where (check, data);

  g_clear_object (&analysis);
}

static gboolean
admin_max_is (MkAnalysis    *analysis,
              gconstpointer  data)
{
  int index = mk_analysis_find_category (analysis, "admin");

  return index >= 0 &&
         G_APPROX_VALUE (mk_analysis_get_category_target_max (analysis, index),
                         *(const double *) data, 1e-9);
}

/* The analysis that already counts the entry just logged: right after the
 * write the page may still show the analysis from before it. */
static gboolean
has_category_minutes (MkAnalysis    *analysis,
                      gconstpointer  data)
{
  const int *minutes = data;
  int index = mk_analysis_find_category (analysis, "demo_prep");
  MkManagerResult *result = mk_analysis_find_manager (analysis, "Emily Watson");

  return index >= 0 && result != NULL &&
         mk_manager_result_get_category_minutes (result, index) == *minutes;
}

static gboolean
starts_on (MkAnalysis    *analysis,
           gconstpointer  day)
{
  return g_strcmp0 (mk_analysis_get_from (analysis), day) == 0;
}

static gboolean
workday_is (MkAnalysis    *analysis,
            gconstpointer  minutes)
{
  return mk_analysis_get_settings (analysis)->workday_minutes == GPOINTER_TO_INT (minutes);
}

static guint
count_findings (MkAnalysis    *analysis,
                MkFindingKind  kind,
                const char    *category_key)
{
  GListModel *findings = mk_analysis_get_findings (analysis);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(MkFinding) finding = g_list_model_get_item (findings, i);

      if (mk_finding_get_kind (finding) == kind &&
          g_strcmp0 (mk_finding_get_category_key (finding), category_key) == 0)
        n++;
    }
  return n;
}

static AdwPreferencesWindow *
open_preferences (const char *page)
{
  static GtkWindow *prefs;

  if (prefs == NULL)
    {
      /* Subpages slide in and out; without animations a test never opens
       * one while the last is still leaving. */
      g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
      /* The Analysis page stays in view behind Preferences, as a user would
       * keep it to watch the effect of a change. */
      g_action_group_activate_action (G_ACTION_GROUP (mk_gui_test_get_window ()), "page",
                                      g_variant_new_string ("analysis"));
      wait_for_analysis (NULL, NULL);
      gtk_widget_activate_action (GTK_WIDGET (mk_gui_test_get_window ()), "win.preferences", NULL);
      prefs = mk_gui_test_wait_window (MK_TYPE_PREFERENCES_WINDOW);
      g_assert_nonnull (prefs);
      g_object_add_weak_pointer (G_OBJECT (prefs), (gpointer *) &prefs);
    }
  adw_preferences_window_close_subpage (ADW_PREFERENCES_WINDOW (prefs));
  mk_gui_test_wait_frames (GTK_WIDGET (prefs), 2);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (prefs), page);
  mk_gui_test_wait_frames (GTK_WIDGET (prefs), 3);
  return ADW_PREFERENCES_WINDOW (prefs);
}

/* The message under the group of @row (gui/widgets/mk-field-error.c). */
static GtkWidget *
field_error (GtkWidget *row)
{
  return mk_gui_test_child (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP),
                            "field-error");
}

/* A refused value is explained where it was typed (issue 17, item 10): no
 * dialog; @row is marked and core's message stands under its group.
 * Returns the message. */
static char *
inline_error (GtkWidget *row)
{
  GtkWidget *label;

  mk_gui_test_settle ();
  g_assert_null (mk_gui_test_find_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  label = field_error (row);
  g_assert_true (gtk_widget_get_mapped (label));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), !=, "");
  g_test_message ("inline: %s", gtk_label_get_text (GTK_LABEL (label)));
  return g_strdup (gtk_label_get_text (GTK_LABEL (label)));
}

/* Scrolls the page so that @widget is in the middle of the view, for a
 * screenshot that shows it. */
static void
scroll_to (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment;
  double x;
  double y;

  g_assert_nonnull (scrolled);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  g_assert_true (gtk_widget_translate_coordinates (widget, scrolled, 0, 0, &x, &y));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + y -
                            gtk_adjustment_get_page_size (adjustment) / 3);
  mk_gui_test_wait_frames (widget, 2);
}

/* Once the value is put right, neither the mark nor the message stay. */
static void
assert_no_error (GtkWidget *row)
{
  mk_gui_test_settle ();
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  g_assert_false (gtk_widget_get_visible (field_error (row)));
}

static void
test_pages (void)
{
  static const struct {
    const char *name;
    const char *title_en;
    const char *title_ru;
  } pages[] = {
    { "categories", "Categories", "Категории" },
    { "people", "People", "Люди" },
    { "analysis", "Analysis", "Анализ" },
    { "data", "Data", "Данные" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      AdwPreferencesWindow *prefs = open_preferences (pages[i].name);
      AdwPreferencesPage *page = adw_preferences_window_get_visible_page (prefs);

      g_assert_cmpstr (adw_preferences_page_get_title (page), ==,
                       russian () ? pages[i].title_ru : pages[i].title_en);
      screenshot (GTK_WIDGET (prefs), pages[i].name);

      /* The end of a long page too. */
      {
        GtkWidget *scrolled = mk_gui_test_child_of_type (page, GTK_TYPE_SCROLLED_WINDOW);
        GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
        g_autofree char *name = g_strdup_printf ("%s-end", pages[i].name);

        if (gtk_adjustment_get_upper (adj) > gtk_adjustment_get_page_size (adj) + 1)
          {
            gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
            mk_gui_test_wait_frames (GTK_WIDGET (prefs), 3);
            screenshot (GTK_WIDGET (prefs), name);
            gtk_adjustment_set_value (adj, 0);
          }
      }
    }
}

/* The classes a category can have, as @row's drop-down offers them: core's
 * words (mk_category_kind_label()), in the order of MkCategoryKind.
 * Chooses @kind in the drop-down as a click would. */
static void
choose_kind (AdwPreferencesWindow *prefs,
             GtkWidget            *row,
             MkCategoryKind        kind,
             const char           *name)
{
  static const char *const en[] = { "Selling", "Supporting", "Non-selling", NULL };
  static const char *const ru[] = { "Продающая", "Вспомогательная", "Непродающая", NULL };
  GtkPopover *popover = mk_gui_test_combo_popup (ADW_COMBO_ROW (row));
  GtkWidget *list = mk_gui_test_find_by_type (GTK_WIDGET (popover), GTK_TYPE_LIST_VIEW);
  g_auto(GStrv) shown = mk_gui_test_label_texts (list);

  g_assert_cmpstrv (shown, russian () ? ru : en);
  screenshot (GTK_WIDGET (popover), name);
  /* A click on the item, as a hand would. */
  {
    GtkWidget *item = mk_gui_test_find_label (list, shown[kind]);

    g_assert_nonnull (item);
    mk_gui_test_click (item, gtk_widget_get_width (item) / 2.0,
                       gtk_widget_get_height (item) / 2.0, 0);
  }
  g_assert_true (mk_gui_test_wait_for (!gtk_widget_get_visible (GTK_WIDGET (popover))));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, kind);
  mk_gui_test_wait_frames (GTK_WIDGET (prefs), 2);
}

static void
test_add_category_and_alias (void)
{
  AdwPreferencesWindow *prefs = open_preferences ("categories");
  GtkWidget *page = mk_gui_test_child_of_type (prefs, MK_TYPE_CATEGORIES_PAGE);
  g_autoptr(MkStore) db = NULL;
  g_autofree char *body = NULL;
  MkCategory *added;
  GtkWidget *editor;
  GtkWidget *row;

  /* A category with no name is refused, with core's message in place. */
  gtk_editable_set_text (GTK_EDITABLE (mk_gui_test_child (page, "new_name_row")), "   ");
  gtk_widget_activate_action (page, "categories.add", NULL);
  body = inline_error (mk_gui_test_child (page, "new_name_row"));
  scroll_to (field_error (mk_gui_test_child (page, "new_name_row")));
  screenshot (GTK_WIDGET (prefs), "inline-error-name");

  /* Typing a name takes the mark away at once. */
  gtk_editable_set_text (GTK_EDITABLE (mk_gui_test_child (page, "new_name_row")), "Demo prep");
  assert_no_error (mk_gui_test_child (page, "new_name_row"));
  choose_kind (prefs, mk_gui_test_child (page, "new_kind_row"), MK_CATEGORY_KIND_SELLING,
               "new-class");
  gtk_widget_activate_action (page, "categories.add", NULL);
  mk_gui_test_wait_frames (GTK_WIDGET (prefs), 2);

  db = open_db ();
  added = mk_store_get_category_by_key (db, "demo_prep");
  g_assert_nonnull (added);
  g_assert_cmpstr (mk_category_get_name (added), ==, "Demo prep");
  g_assert_cmpint (mk_category_get_kind (added), ==, MK_CATEGORY_KIND_SELLING);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (mk_gui_test_child (page, "new_name_row"))),
                   ==, "");

  /* The list shows it at the end; open its editor from its row. */
  row = mk_gui_test_child (page, "category-demo_prep");
  g_assert_true (gtk_widget_get_mapped (row));
  g_assert_false (gtk_widget_get_sensitive (mk_gui_test_child (row, "move-down")));
  gtk_widget_activate (row);
  mk_gui_test_wait_frames (GTK_WIDGET (prefs), 3);
  editor = mk_gui_test_child_of_type (prefs, MK_TYPE_CATEGORY_EDITOR);
  g_assert_true (gtk_widget_get_mapped (editor));

  gtk_editable_set_text (GTK_EDITABLE (mk_gui_test_child (editor, "alias_row")), "Демо");
  g_signal_emit_by_name (mk_gui_test_child (editor, "alias_row"), "apply");
  mk_gui_test_wait_frames (GTK_WIDGET (prefs), 2);
  g_clear_object (&db);
  db = open_db ();
  g_assert_true (mk_store_lookup_alias (db, "демо") ==
                 mk_store_get_category_by_key (db, "demo_prep"));
  g_assert_true (gtk_widget_get_mapped (mk_gui_test_child (editor, "alias-демо")));
  screenshot (GTK_WIDGET (prefs), "category-editor");

  /* Its class is changed from the editor's drop-down, and kept. */
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (mk_gui_test_child (editor,
                                                                                  "kind_row"))),
                    ==, MK_CATEGORY_KIND_SELLING);
  choose_kind (prefs, mk_gui_test_child (editor, "kind_row"), MK_CATEGORY_KIND_SUPPORTING,
               "class");
  g_clear_object (&db);
  db = open_db ();
  g_assert_cmpint (mk_category_get_kind (mk_store_get_category_by_key (db, "demo_prep")), ==,
                   MK_CATEGORY_KIND_SUPPORTING);

  /* A manager logs "30 демо Acme": the word finds the new category, and the
   * Analysis page shows the new category's minutes at once. */
  {
    MkStore *store = mk_window_get_store (mk_gui_test_get_window ());
    g_autoptr(MkPerson) emily = mk_store_find_person (store, "Emily Watson", NULL);
    g_autoptr(MkAnalysis) after = NULL;
    g_autoptr(GError) error = NULL;
    MkCategory *word = mk_store_lookup_alias (store, "Демо");
    MkEntryInput input = {
      .day = "2026-11-24", .start = 18 * 60, .minutes = 30, .task = "Acme",
      .source = MK_ENTRY_SOURCE_MANUAL,
    };
    MkManagerResult *result;
    int index;

    g_assert_nonnull (emily);
    g_assert_nonnull (word);
    g_assert_cmpstr (mk_category_get_key (word), ==, "demo_prep");
    input.person_id = mk_person_get_id (emily);
    input.category_id = mk_category_get_id (word);
    g_assert_cmpint (mk_store_add_entry (store, &input, &error), >, 0);
    g_assert_no_error (error);

    after = analysis_where (has_category_minutes, &(int) { 30 });
    if (after != NULL)
      {
        index = mk_analysis_find_category (after, "demo_prep");
        g_assert_cmpstr (mk_analysis_get_category_name (after, index), ==, "Demo prep");
        result = mk_analysis_find_manager (after, "Emily Watson");
        g_assert_nonnull (result);
        g_assert_cmpint (mk_manager_result_get_category_minutes (result, index), ==, 30);
      }
  }

  /* Move it up one place from the list. */
  adw_preferences_window_close_subpage (prefs);
  mk_gui_test_wait_frames (GTK_WIDGET (prefs), 2);
  row = mk_gui_test_child (page, "category-demo_prep");
  g_signal_emit_by_name (mk_gui_test_child (row, "move-up"), "clicked");
  mk_gui_test_wait_frames (GTK_WIDGET (prefs), 2);
  {
    g_autoptr(MkStore) again = open_db ();
    g_autoptr(GListModel) all = mk_store_list_categories (again, TRUE);
    guint n = g_list_model_get_n_items (all);
    g_autoptr(MkCategory) before_last = g_list_model_get_item (all, n - 2);

    g_assert_cmpstr (mk_category_get_key (before_last), ==, "demo_prep");
  }
  /* The keyboard stays on the category that moved. */
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (prefs));

    g_assert_nonnull (focus);
    g_assert_cmpstr (gtk_widget_get_name (focus), ==, "move-up");
    g_assert_true (gtk_widget_is_ancestor (focus, mk_gui_test_child (page, "category-demo_prep")));
  }
}

static MkCategoryEditor *
open_category_editor (AdwPreferencesWindow *prefs,
                      const char           *key)
{
  GtkWidget *page = mk_gui_test_child_of_type (prefs, MK_TYPE_CATEGORIES_PAGE);
  g_autofree char *row = g_strdup_printf ("category-%s", key);

  gtk_widget_activate (mk_gui_test_child (page, row));
  mk_gui_test_wait_frames (GTK_WIDGET (prefs), 3);
  return MK_CATEGORY_EDITOR (mk_gui_test_child_of_type (prefs, MK_TYPE_CATEGORY_EDITOR));
}

static void
test_target_band (void)
{
  AdwPreferencesWindow *prefs = open_preferences ("categories");
  MkCategoryEditor *editor = open_category_editor (prefs, "admin");
  GtkSpinButton *min_spin = GTK_SPIN_BUTTON (mk_gui_test_child (editor, "min_spin"));
  GtkSpinButton *max_spin = GTK_SPIN_BUTTON (mk_gui_test_child (editor, "max_spin"));
  g_autofree char *body = NULL;
  g_autoptr(MkAnalysis) before = NULL;
  g_autoptr(MkAnalysis) after = NULL;
  MkCategory *admin;
  GtkWidget *categories;
  GtkWidget *calls_row;
  GtkWidget *admin_row;
  guint targets;
  MkStore *db;

  /* The demo's admin target is at most 20%; most of the team is under it. */
  before = analysis_where (admin_max_is, &(double) { 0.20 });
  g_assert_nonnull (before);
  targets = count_findings (before, MK_FINDING_TARGET, "admin");

  /* The Categories page makes only the changed category's row again. */
  categories = mk_gui_test_child_of_type (prefs, MK_TYPE_CATEGORIES_PAGE);
  calls_row = mk_gui_test_child (categories, "category-calls");
  admin_row = mk_gui_test_child (categories, "category-admin");
  g_object_add_weak_pointer (G_OBJECT (calls_row), (gpointer *) &calls_row);
  g_object_add_weak_pointer (G_OBJECT (admin_row), (gpointer *) &admin_row);

  gtk_spin_button_set_value (max_spin, 15);
  gtk_spin_button_set_value (min_spin, 5);
  mk_gui_test_wait_frames (GTK_WIDGET (prefs), 2);
  g_assert_true (mk_gui_test_child (categories, "category-calls") == calls_row);
  g_assert_null (admin_row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (
                              ADW_ACTION_ROW (mk_gui_test_child (categories, "category-admin"))),
                            "15"));
  g_object_remove_weak_pointer (G_OBJECT (calls_row), (gpointer *) &calls_row);
  db = open_db ();
  admin = mk_store_get_category_by_key (db, "admin");
  g_assert_cmpfloat_with_epsilon (mk_category_get_target_max (admin), 0.15, 1e-9);
  g_assert_cmpfloat_with_epsilon (mk_category_get_target_min (admin), 0.05, 1e-9);
  g_object_unref (db);
  screenshot (GTK_WIDGET (prefs), "target-band");

  /* At 15% most of the team is over the band, and Analysis says so. */
  after = analysis_where (admin_max_is, &(double) { 0.15 });
  if (after != NULL)
    g_assert_cmpuint (count_findings (after, MK_FINDING_TARGET, "admin"), >, targets);

  /* A band the wrong way round is refused at the bound just moved, which
   * keeps the value to be corrected; the store keeps the band it had. */
  gtk_spin_button_set_value (min_spin, 30);
  body = inline_error (gtk_widget_get_ancestor (GTK_WIDGET (min_spin), ADW_TYPE_PREFERENCES_ROW));
  g_assert_nonnull (strstr (body, "%"));
  g_assert_cmpfloat (gtk_spin_button_get_value (min_spin), ==, 30);
  db = open_db ();
  admin = mk_store_get_category_by_key (db, "admin");
  g_assert_cmpfloat_with_epsilon (mk_category_get_target_min (admin), 0.05, 1e-9);
  g_object_unref (db);
  scroll_to (field_error (gtk_widget_get_ancestor (GTK_WIDGET (min_spin),
                                                   ADW_TYPE_PREFERENCES_ROW)));
  screenshot (GTK_WIDGET (prefs), "inline-error-band");
  /* Put right, it is saved and the mark goes. */
  gtk_spin_button_set_value (min_spin, 10);
  assert_no_error (gtk_widget_get_ancestor (GTK_WIDGET (min_spin), ADW_TYPE_PREFERENCES_ROW));
  db = open_db ();
  admin = mk_store_get_category_by_key (db, "admin");
  g_assert_cmpfloat_with_epsilon (mk_category_get_target_min (admin), 0.10, 1e-9);
  g_object_unref (db);

  /* Archiving keeps the category (and its entries) but marks it. */
  gtk_switch_set_active (GTK_SWITCH (mk_gui_test_child (editor, "archived_switch")), TRUE);
  db = open_db ();
  admin = mk_store_get_category_by_key (db, "admin");
  g_assert_true (mk_category_get_archived (admin));
  g_assert_cmpfloat_with_epsilon (mk_category_get_target_max (admin), 0.15, 1e-9);
  g_object_unref (db);
  gtk_switch_set_active (GTK_SWITCH (mk_gui_test_child (editor, "archived_switch")), FALSE);

  /* 0% is no lower bound at all. */
  gtk_spin_button_set_value (min_spin, 0);
  db = open_db ();
  admin = mk_store_get_category_by_key (db, "admin");
  g_assert_cmpfloat (mk_category_get_target_min (admin), <, 0);
  g_object_unref (db);
}

static void
test_study (void)
{
  AdwPreferencesWindow *prefs = open_preferences ("analysis");
  GtkWidget *page = mk_gui_test_child_of_type (prefs, MK_TYPE_SETTINGS_PAGE);
  g_autofree char *name = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *body = NULL;
  g_autoptr(MkAnalysis) after = NULL;
  MkStore *db;

  /* The last day before the first is refused; nothing is stored. */
  db = open_db ();
  g_assert_true (mk_store_clear_study (db, NULL));
  g_object_unref (db);
  gtk_editable_set_text (GTK_EDITABLE (mk_gui_test_child (page, "study_name_row")), "Ноябрь");
  gtk_editable_set_text (GTK_EDITABLE (mk_gui_test_child (page, "study_from_row")), "2026-11-25");
  gtk_editable_set_text (GTK_EDITABLE (mk_gui_test_child (page, "study_to_row")), "2026-11-23");
  gtk_widget_activate_action (page, "settings.start-study", NULL);
  body = inline_error (mk_gui_test_child (page, "study_to_row"));
  g_assert_nonnull (strstr (body, "2026-11-23"));
  db = open_db ();
  g_assert_false (mk_store_get_study (db, NULL, NULL, NULL));
  g_object_unref (db);

  /* Day first, as typed in Russia, is read too; a change takes the mark away. */
  gtk_editable_set_text (GTK_EDITABLE (mk_gui_test_child (page, "study_from_row")), "24.11.2026");
  assert_no_error (mk_gui_test_child (page, "study_to_row"));
  gtk_editable_set_text (GTK_EDITABLE (mk_gui_test_child (page, "study_to_row")), "2026-11-25");
  gtk_widget_activate_action (page, "settings.start-study", NULL);
  mk_gui_test_wait_frames (GTK_WIDGET (prefs), 2);
  db = open_db ();
  g_assert_true (mk_store_get_study (db, &name, &from, &to));
  g_assert_cmpstr (name, ==, "Ноябрь");
  g_assert_cmpstr (from, ==, "2026-11-24");
  g_assert_cmpstr (to, ==, "2026-11-25");
  g_object_unref (db);

  /* Analysis now covers the study's two days. */
  after = analysis_where (starts_on, "2026-11-24");
  if (after != NULL)
    g_assert_cmpstr (mk_analysis_get_to (after), ==, "2026-11-25");
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (mk_gui_test_child (page,
                                                                           "current_study_row"))),
                   ==, "Ноябрь");
  screenshot (GTK_WIDGET (prefs), "study");

  /* End it, then start it again for the rest of the run. */
  gtk_widget_activate_action (page, "settings.end-study", NULL);
  db = open_db ();
  g_assert_false (mk_store_get_study (db, NULL, NULL, NULL));
  g_object_unref (db);
  gtk_editable_set_text (GTK_EDITABLE (mk_gui_test_child (page, "study_name_row")), "Ноябрь");
  gtk_widget_activate_action (page, "settings.start-study", NULL);
  db = open_db ();
  g_assert_true (mk_store_get_study (db, NULL, NULL, NULL));
  g_object_unref (db);
}

static void
test_workday_and_prime_hours (void)
{
  AdwPreferencesWindow *prefs = open_preferences ("analysis");
  GtkWidget *page = mk_gui_test_child_of_type (prefs, MK_TYPE_SETTINGS_PAGE);
  GtkSpinButton *workday = GTK_SPIN_BUTTON (mk_gui_test_child (page, "workday_spin"));
  MkSettings s;
  MkStore *db;
  GtkSpinButton *end_button;

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (workday)), ==, "8:00");

  /* Typed as people write it: "7:30" is 450 minutes. */
  gtk_editable_set_text (GTK_EDITABLE (workday), "7:30");
  gtk_spin_button_update (workday);
  db = open_db ();
  mk_store_get_settings (db, &s);
  g_assert_cmpint (s.workday_minutes, ==, 450);
  g_object_unref (db);

  gtk_spin_button_set_value (workday, 420);
  wait_for_analysis (workday_is, GINT_TO_POINTER (420));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (mk_gui_test_child (page, "over_points_spin")), 12);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (mk_gui_test_child (page, "min_coverage_spin")), 50);
  db = open_db ();
  mk_store_get_settings (db, &s);
  g_assert_cmpint (s.workday_minutes, ==, 420);
  g_assert_cmpfloat_with_epsilon (s.over_points, 12, 1e-9);
  g_assert_cmpfloat_with_epsilon (s.min_coverage, 0.5, 1e-9);
  g_assert_cmpuint (s.n_prime, ==, 2);
  g_object_unref (db);

  /* A third range of prime hours starts where the last one ends. */
  gtk_widget_activate_action (page, "settings.add-range", NULL);
  mk_gui_test_wait_frames (GTK_WIDGET (prefs), 2);
  db = open_db ();
  mk_store_get_settings (db, &s);
  g_assert_cmpuint (s.n_prime, ==, 3);
  g_assert_cmpint (s.prime[2].start, ==, 17 * 60);
  g_assert_cmpint (s.prime[2].end, ==, 18 * 60);
  g_object_unref (db);
  screenshot (GTK_WIDGET (prefs), "analysis-changed");

  /* A range that ends before it starts is refused at its row, which keeps
   * what was set; the store keeps the hours it had. */
  end_button = GTK_SPIN_BUTTON (mk_gui_test_child (page, "prime-2-end"));
  gtk_spin_button_set_value (end_button, 16 * 60);
  g_free (inline_error (mk_gui_test_child (page, "prime-2")));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (end_button), ==, 16 * 60);
  db = open_db ();
  mk_store_get_settings (db, &s);
  g_assert_cmpint (s.prime[2].end, ==, 18 * 60);
  g_object_unref (db);
  scroll_to (field_error (mk_gui_test_child (page, "prime-2")));
  screenshot (GTK_WIDGET (prefs), "inline-error-prime");
  /* Put right, it is saved and the mark goes. */
  gtk_spin_button_set_value (end_button, 18 * 60 + 30);
  assert_no_error (mk_gui_test_child (page, "prime-2"));
  db = open_db ();
  mk_store_get_settings (db, &s);
  g_assert_cmpint (s.prime[2].end, ==, 18 * 60 + 30);
  g_object_unref (db);

  g_signal_emit_by_name (mk_gui_test_child (mk_gui_test_child (page, "prime-2"), "remove-range"),
                         "clicked");
  db = open_db ();
  mk_store_get_settings (db, &s);
  g_assert_cmpuint (s.n_prime, ==, 2);
  g_object_unref (db);
}

/* The top of @name relative to @root, to tell which line it is on. */
static double
top_of (GtkWidget  *root,
        const char *name)
{
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (mk_gui_test_child (root, name), root, &bounds));
  return bounds.origin.y;
}

/* A study named at length, as people do. */
#define LONG_STUDY "Весенняя проверка отдела продаж Северо-Западного федерального округа"

/* Phones and tiled halves: Preferences itself gets 360 px narrow, whatever
 * page is shown, with three ranges of prime hours and a long study name.
 * libadwaita holds a preferences window to 360 px at least (its leaflet's
 * width-request), so 360 is as narrow as it gets; on the Xvfb server the
 * surface is 10 px wider than the window, the frame GTK draws where no
 * compositor draws shadows. */
static void
test_narrow (void)
{
  static const char *pages[] = { "categories", "people", "analysis", "data" };
  AdwPreferencesWindow *prefs = open_preferences ("analysis");
  GtkWidget *page = mk_gui_test_child_of_type (prefs, MK_TYPE_SETTINGS_PAGE);
  GtkSettings *settings = gtk_settings_get_default ();
  GtkWidget *scrolled = mk_gui_test_child_of_type (page, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  g_autofree char *layout = NULL;
  g_autofree char *name = NULL;
  MkSettings s;
  MkStore *db;
  int width = 0;
  int height = 0;

  gtk_editable_set_text (GTK_EDITABLE (mk_gui_test_child (page, "study_name_row")), LONG_STUDY);
  gtk_editable_set_text (GTK_EDITABLE (mk_gui_test_child (page, "study_from_row")), "2026-11-24");
  gtk_editable_set_text (GTK_EDITABLE (mk_gui_test_child (page, "study_to_row")), "2026-11-25");
  gtk_widget_activate_action (page, "settings.start-study", NULL);
  gtk_widget_activate_action (page, "settings.add-range", NULL);
  db = open_db ();
  g_assert_true (mk_store_get_study (db, &name, NULL, NULL));
  g_assert_cmpstr (name, ==, LONG_STUDY);
  mk_store_get_settings (db, &s);
  g_assert_cmpuint (s.n_prime, ==, 3);
  g_object_unref (db);

  /* GNOME's title-bar buttons (a close button only): with the X server's
   * default minimize, maximize and close, the header bar alone is wider. */
  g_object_get (settings, "gtk-decoration-layout", &layout, NULL);
  g_object_set (settings, "gtk-decoration-layout", "appmenu:close", NULL);
  gtk_window_get_default_size (GTK_WINDOW (prefs), &width, &height);
  mk_gui_test_resize (GTK_WINDOW (prefs), 360, height);

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *shown;
      int min = 0;

      adw_preferences_window_set_visible_page_name (prefs, pages[i]);
      mk_gui_test_wait_frames (GTK_WIDGET (prefs), 3);
      shown = GTK_WIDGET (adw_preferences_window_get_visible_page (prefs));
      gtk_widget_measure (shown, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
      g_test_message ("the %s page is %d px wide at least", pages[i], min);
      g_assert_cmpint (min, <=, 360);
      g_test_message ("Preferences on %s: %d px wide (its surface %d px)", pages[i],
                      gtk_widget_get_width (GTK_WIDGET (prefs)),
                      gdk_surface_get_width (gtk_native_get_surface (GTK_NATIVE (prefs))));
      g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (prefs)), ==, 360);
      g_assert_cmpint (gtk_widget_get_width (shown), <=, 360);
    }

  /* Folded: a range's end goes under its start, the trash button stays in
   * the row; the long study name wraps inside its row. */
  adw_preferences_window_set_visible_page_name (prefs, "analysis");
  mk_gui_test_wait_frames (GTK_WIDGET (prefs), 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *row = g_strdup_printf ("prime-%u", i);
      g_autofree char *start = g_strdup_printf ("prime-%u-start", i);
      g_autofree char *end = g_strdup_printf ("prime-%u-end", i);

      g_assert_cmpfloat (top_of (page, end), >, top_of (page, start));
      GtkWidget *range = mk_gui_test_child (page, row);

      g_assert_true (gtk_widget_get_mapped (mk_gui_test_child (range, "remove-range")));
    }
  {
    GtkWidget *study_row = mk_gui_test_child (page, "current_study_row");
    GtkWidget *title = NULL;

    for (GtkWidget *label = mk_gui_test_find_by_type (study_row, GTK_TYPE_LABEL); label != NULL;
         label = gtk_widget_get_next_sibling (label))
      if (GTK_IS_LABEL (label) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)),
                                             LONG_STUDY) == 0)
        title = label;
    g_assert_nonnull (title);
    g_assert_cmpint (pango_layout_get_line_count (gtk_label_get_layout (GTK_LABEL (title))), >,
                     1);
    g_assert_cmpint (gtk_widget_get_width (study_row), <=, 360);
  }
  screenshot (GTK_WIDGET (prefs), "analysis-narrow");
  gtk_adjustment_set_value (adj, top_of (page, "prime-0") - 150);
  mk_gui_test_wait_frames (GTK_WIDGET (prefs), 3);
  screenshot (GTK_WIDGET (prefs), "analysis-narrow-hours");
  gtk_adjustment_set_value (adj, gtk_adjustment_get_upper (adj));
  mk_gui_test_wait_frames (GTK_WIDGET (prefs), 3);
  screenshot (GTK_WIDGET (prefs), "analysis-narrow-end");
  gtk_adjustment_set_value (adj, 0);

  /* Wide again: "From 9:00 to 12:00" on one line, as before. */
  g_object_set (settings, "gtk-decoration-layout", layout, NULL);
  mk_gui_test_resize (GTK_WINDOW (prefs), MAX (width, 640), height);
  g_assert_cmpfloat (top_of (page, "prime-0-end"), ==, top_of (page, "prime-0-start"));
  gtk_adjustment_set_value (adj, top_of (page, "prime-0") - 150);
  mk_gui_test_wait_frames (GTK_WIDGET (prefs), 3);
  screenshot (GTK_WIDGET (prefs), "analysis-hours");
  gtk_adjustment_set_value (adj, 0);

  g_signal_emit_by_name (mk_gui_test_child (mk_gui_test_child (page, "prime-2"), "remove-range"),
                         "clicked");
  mk_gui_test_resize (GTK_WINDOW (prefs), width, height);
}

/* Puts @widget in the middle of the view of @scrolled. */
static void
scroll_to_middle (GtkScrolledWindow *scrolled,
                  GtkWidget         *widget)
{
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (scrolled);
  GtkWidget *viewport = gtk_scrolled_window_get_child (scrolled);
  GtkWidget *content = gtk_viewport_get_child (GTK_VIEWPORT (viewport));
  graphene_rect_t bounds;

  /* Relative to the content, so the same wherever the view is scrolled. */
  g_assert_true (gtk_widget_compute_bounds (widget, content, &bounds));
  gtk_adjustment_set_value (adj, bounds.origin.y - gtk_adjustment_get_page_size (adj) / 2);
  mk_gui_test_wait_frames (widget, 2);
}

/* Issue 17, item 2: scrolling the page with the pointer over a spin button
 * scrolls the page; the value and the stored setting stay.  Only a spin
 * button that has the keyboard focus takes the wheel.  Real wheel clicks
 * (XTEST), so GTK picks the widget under the pointer as it does for a hand. */
static void
test_wheel_scrolls_page (void)
{
  AdwPreferencesWindow *prefs = open_preferences ("analysis");
  GtkWidget *page = mk_gui_test_child_of_type (prefs, MK_TYPE_SETTINGS_PAGE);
  GtkWidget *scrolled = mk_gui_test_child_of_type (page, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  const char *spins[] = { "prime-0-start", "prime-1-end", "workday_spin" };
  g_autoptr(MkStore) db = open_db ();
  MkSettings before;
  MkSettings after;

  mk_store_get_settings (db, &before);
  for (guint i = 0; i < G_N_ELEMENTS (spins); i++)
    {
      GtkWidget *spin = mk_gui_test_child (page, spins[i]);
      double value = gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin));

      for (int step = 0; step < 3; step++)
        {
          double scrolled_to;

          /* The spin button in the middle of the view, not focused. */
          gtk_window_set_focus (GTK_WINDOW (prefs), NULL);
          scroll_to_middle (GTK_SCROLLED_WINDOW (scrolled), spin);
          scrolled_to = gtk_adjustment_get_value (adj);
          mk_gui_test_pointer_to (spin, gtk_widget_get_width (spin) / 4.0,
                                  gtk_widget_get_height (spin) / 2.0);
          mk_gui_test_wheel (spin, step % 2 == 0 ? 1 : -1);

          /* The value did not move; the page scrolled. */
          g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, value);
          if (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)) != value)
            break;
          g_assert_true (mk_gui_test_wait_for (gtk_adjustment_get_value (adj) != scrolled_to));
        }
    }
  g_clear_object (&db);
  db = open_db ();
  mk_store_get_settings (db, &after);
  g_assert_cmpint (after.workday_minutes, ==, before.workday_minutes);
  g_assert_cmpuint (after.n_prime, ==, before.n_prime);
  for (guint i = 0; i < before.n_prime; i++)
    {
      g_assert_cmpint (after.prime[i].start, ==, before.prime[i].start);
      g_assert_cmpint (after.prime[i].end, ==, before.prime[i].end);
    }

  /* A focused spin button takes the wheel: 15 minutes a click. */
  {
    GtkWidget *spin = mk_gui_test_child (page, "prime-0-start");
    double value = gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin));

    scroll_to_middle (GTK_SCROLLED_WINDOW (scrolled), spin);
    gtk_widget_grab_focus (spin);
    mk_gui_test_pointer_to (spin, gtk_widget_get_width (spin) / 4.0,
                            gtk_widget_get_height (spin) / 2.0);
    mk_gui_test_wheel (spin, -1);
    g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, value + 15);
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
    gtk_window_set_focus (GTK_WINDOW (prefs), NULL);
  }
  g_clear_object (&db);
  db = open_db ();
  mk_store_get_settings (db, &after);
  g_assert_cmpint (after.prime[0].start, ==, before.prime[0].start);
  gtk_adjustment_set_value (adj, 0);
}

static void
load_demo (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MkStore) store = NULL;

  db_path = g_build_filename (mk_gui_test_tmpdir (), "prefs.db", NULL);
  store = mk_store_open (db_path, &error);
  g_assert_no_error (error);
  g_assert_true (mk_store_load_demo (store, NULL, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  mk_gui_test_init (&argc, &argv);
  load_demo ();

  g_test_add_func ("/gui/preferences/pages", test_pages);
  g_test_add_func ("/gui/preferences/add-category-and-alias", test_add_category_and_alias);
  g_test_add_func ("/gui/preferences/target-band", test_target_band);
  g_test_add_func ("/gui/preferences/study", test_study);
  g_test_add_func ("/gui/preferences/workday-and-prime-hours", test_workday_and_prime_hours);
  g_test_add_func ("/gui/preferences/narrow", test_narrow);
  g_test_add_func ("/gui/preferences/wheel-scrolls-page", test_wheel_scrolls_page);

  app = mk_gui_test_app_new (db_path);
  return mk_gui_test_run (app);
}
