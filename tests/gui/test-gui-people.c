/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-gui-people.c — Preferences → People under a real display server.
 *
 * Starts the real application on a database holding the demo team, opens
 * Preferences on the People page and drives it through its widgets and
 * actions: adds a person with Add Person… (and sees a name or email already
 * known refused in the form, with nothing written and nothing destructive
 * offered), edits a person's details, merges a duplicate spelling after the
 * confirmation dialog, and shows a person with an 80-character name in a
 * window 360 px wide; with eighty people, sees Preferences open in steps and
 * the list come a few rows at a time with a spinner under it, and a change
 * elsewhere (a target) or to one person leave the other rows as they are.  After each step the database is read through a second
 * connection, as another program would.  A screenshot of each step goes to
 * MINUTKA_SCREENSHOT_DIR (the -ru run takes them in Russian).
 */
#include "config.h"

#include <string.h>

#include "mk-entry-list.h"
#include "mk-format.h"
#include "mk-people-page.h"
#include "mk-person-editor.h"
#include "mk-preferences-window.h"
#include "mk-store.h"
#include "mk-window.h"
#include "gui-test-input.h"
#include "gui-test-utils.h"

/* 81 characters, with the hyphens and spaces such names have. */
#define LONG_NAME \
  "Констанция-Александрина Вильгельмовна Преображенская-Святополк-Мирская-Оболенская"

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
  g_autofree char *file = g_strdup_printf ("people-%s%s.png", name, russian () ? "-ru" : "");

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

static guint
count_people (MkStore *store)
{
  g_autoptr(GListModel) people = mk_store_list_people (store, TRUE, NULL);

  return g_list_model_get_n_items (people);
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

/* Whether any message dialog is open: a refused add explains itself in the
 * form and asks nothing. */
static gboolean
any_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return TRUE;
    }
  return FALSE;
}

static GtkWidget *
person_row (AdwPreferencesWindow *prefs,
            gint64                id)
{
  g_autofree char *name = g_strdup_printf ("person-%" G_GINT64_FORMAT, id);

  return mk_gui_test_find_by_name (mk_gui_test_child_of_type (prefs, MK_TYPE_PEOPLE_PAGE), name);
}

/* Opens the empty form through the page's Add Person… button. */
static GtkWidget *
open_add_form (AdwPreferencesWindow *prefs)
{
  GtkWidget *page = mk_gui_test_child_of_type (prefs, MK_TYPE_PEOPLE_PAGE);
  GtkWidget *button = mk_gui_test_child (page, "add_button");
  GtkWidget *editor;

  g_assert_true (gtk_widget_get_mapped (button));
  g_signal_emit_by_name (button, "clicked");
  mk_gui_test_wait_frames (GTK_WIDGET (prefs), 3);
  editor = mk_gui_test_child_of_type (prefs, MK_TYPE_PERSON_EDITOR);
  g_assert_true (gtk_widget_get_mapped (editor));
  return editor;
}

static void
type_into (GtkWidget  *editor,
           const char *row,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (mk_gui_test_child (editor, row)), text);
}

/* Adding with Add: the form asks for a name first, writes the person with
 * their details in one go, closes, and the list shows them at once. */
static void
test_add_person (void)
{
  AdwPreferencesWindow *prefs = open_preferences ("people");
  g_autoptr(MkStore) db = open_db ();
  g_autoptr(MkPerson) vera = NULL;
  guint before = count_people (db);
  GtkWidget *editor;
  GtkWidget *row;

  screenshot (GTK_WIDGET (prefs), "page");
  editor = open_add_form (prefs);
  /* An empty form, nothing to merge or archive, and no Add without a name. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (mk_gui_test_child (editor, "name_row"))),
                   ==, "");
  g_assert_false (gtk_widget_get_visible (mk_gui_test_child (editor, "merge_group")));
  g_assert_false (gtk_widget_get_visible (mk_gui_test_child (editor, "archived_row")));
  g_assert_false (gtk_widget_get_sensitive (mk_gui_test_child (editor, "add_button")));
  type_into (editor, "name_row", "   ");
  g_assert_false (gtk_widget_get_sensitive (mk_gui_test_child (editor, "add_button")));

  type_into (editor, "name_row", "Вера Иванова");
  type_into (editor, "email_row", "Vera.Ivanova@example.com");
  adw_combo_row_set_selected (ADW_COMBO_ROW (mk_gui_test_child (editor, "level_row")),
                              MK_LEVEL_JUNIOR);
  type_into (editor, "team_row", "Юг");
  g_assert_true (gtk_widget_get_sensitive (mk_gui_test_child (editor, "add_button")));
  /* Choosing a level writes nothing before Add. */
  g_assert_cmpuint (count_people (db), ==, before);
  screenshot (GTK_WIDGET (prefs), "add-form");

  g_signal_emit_by_name (mk_gui_test_child (editor, "add_button"), "clicked");
  mk_gui_test_wait_frames (GTK_WIDGET (prefs), 3);

  /* Committed, with every detail. */
  g_assert_cmpuint (count_people (db), ==, before + 1);
  vera = mk_store_find_person (db, NULL, "vera.ivanova@example.com");
  g_assert_nonnull (vera);
  g_assert_cmpstr (mk_person_get_name (vera), ==, "Вера Иванова");
  g_assert_cmpint (mk_person_get_level (vera), ==, MK_LEVEL_JUNIOR);
  g_assert_cmpstr (mk_person_get_team (vera), ==, "Юг");

  /* The form is gone and the list shows her, focused. */
  g_assert_null (mk_gui_test_find_by_type (GTK_WIDGET (prefs), MK_TYPE_PERSON_EDITOR));
  row = person_row (prefs, mk_person_get_id (vera));
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_mapped (row));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Вера Иванова");
  g_assert_true (gtk_widget_has_focus (row));
  screenshot (GTK_WIDGET (prefs), "after-add");
}

/* A name or an email already known is refused in the form, saying who has
 * it; nothing is written and nothing else is offered. */
static void
test_add_person_refused (void)
{
  AdwPreferencesWindow *prefs = open_preferences ("people");
  g_autoptr(MkStore) db = open_db ();
  g_autoptr(MkPerson) anna = mk_store_find_person (db, NULL, "anna.smirnova@example.com");
  g_autoptr(MkPerson) boris = mk_store_find_person (db, NULL, "boris.petrov@example.com");
  g_autofree char *anna_lower = g_utf8_strdown (mk_person_get_name (anna), -1);
  guint before = count_people (db);
  GtkWidget *editor = open_add_form (prefs);
  GtkLabel *error_label = GTK_LABEL (mk_gui_test_child (editor, "error_label"));

  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (error_label)));

  /* Anna's name, typed in lower case, Enter in the name field. */
  type_into (editor, "name_row", anna_lower);
  g_signal_emit_by_name (mk_gui_test_child (editor, "name_row"), "entry-activated");
  mk_gui_test_wait_frames (GTK_WIDGET (prefs), 2);
  g_test_message ("refused: %s", gtk_label_get_text (error_label));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_nonnull (strstr (gtk_label_get_text (error_label), mk_person_get_name (anna)));
  g_assert_nonnull (strstr (gtk_label_get_text (error_label), "anna.smirnova@example.com"));
  g_assert_true (gtk_widget_has_css_class (mk_gui_test_child (editor, "name_row"), "error"));
  g_assert_false (gtk_widget_has_css_class (mk_gui_test_child (editor, "email_row"), "error"));
  g_assert_true (gtk_widget_get_mapped (editor));
  g_assert_false (any_dialog ());
  screenshot (GTK_WIDGET (prefs), "add-refused-name");

  /* Typing again clears the complaint. */
  type_into (editor, "name_row", "Григорий Новиков");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_false (gtk_widget_has_css_class (mk_gui_test_child (editor, "name_row"), "error"));

  /* Boris's email under a new name. */
  type_into (editor, "email_row", "BORIS.PETROV@example.com");
  g_signal_emit_by_name (mk_gui_test_child (editor, "add_button"), "clicked");
  mk_gui_test_wait_frames (GTK_WIDGET (prefs), 2);
  g_test_message ("refused: %s", gtk_label_get_text (error_label));
  g_assert_nonnull (strstr (gtk_label_get_text (error_label), mk_person_get_name (boris)));
  g_assert_true (gtk_widget_has_css_class (mk_gui_test_child (editor, "email_row"), "error"));
  g_assert_false (gtk_widget_has_css_class (mk_gui_test_child (editor, "name_row"), "error"));
  g_assert_false (any_dialog ());
  screenshot (GTK_WIDGET (prefs), "add-refused-email");

  /* Not an address at all. */
  type_into (editor, "email_row", "Григорий");
  g_signal_emit_by_name (mk_gui_test_child (editor, "add_button"), "clicked");
  mk_gui_test_wait_frames (GTK_WIDGET (prefs), 2);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  g_assert_true (gtk_widget_has_css_class (mk_gui_test_child (editor, "email_row"), "error"));

  /* Nothing was written, and Boris and Anna are as they were. */
  g_assert_cmpuint (count_people (db), ==, before);
  g_assert_null (mk_store_find_person (db, "Григорий Новиков", NULL));
  {
    g_autoptr(MkPerson) still = mk_store_get_person (db, mk_person_get_id (boris), NULL);

    g_assert_cmpstr (mk_person_get_name (still), ==, mk_person_get_name (boris));
    g_assert_cmpstr (mk_person_get_email (still), ==, "boris.petrov@example.com");
  }

  /* Back leaves without adding. */
  gtk_widget_activate_action (editor, "editor.back", NULL);
  mk_gui_test_wait_frames (GTK_WIDGET (prefs), 3);
  g_assert_cmpuint (count_people (db), ==, before);
}

/* An 80-character name fits a 360 px window: cut with an ellipsis in the
 * list, the whole name in the row's tooltip. */
static void
test_long_name_narrow (void)
{
  MkStore *store = mk_window_get_store (mk_gui_test_get_window ());
  g_autoptr(GError) error = NULL;
  g_autoptr(MkPerson) person = NULL;
  AdwPreferencesWindow *prefs;
  GtkWidget *page;
  GtkWidget *row;
  int width = 0;
  int height = 0;
  int min = 0;

  GtkSettings *settings = gtk_settings_get_default ();
  g_autofree char *layout = NULL;

  g_assert_cmpint (g_utf8_strlen (LONG_NAME, -1), >=, 80);
  person = mk_store_add_person (store, LONG_NAME, "k.preobrazhenskaya@example.com",
                                MK_LEVEL_SENIOR, "Северо-Западный федеральный округ", &error);
  g_assert_no_error (error);

  prefs = open_preferences ("people");
  /* GNOME's title-bar buttons (a close button only): with the X server's
   * default minimize, maximize and close, the header bar alone is wider. */
  g_object_get (settings, "gtk-decoration-layout", &layout, NULL);
  g_object_set (settings, "gtk-decoration-layout", "appmenu:close", NULL);
  gtk_window_get_default_size (GTK_WINDOW (prefs), &width, &height);
  mk_gui_test_resize (GTK_WINDOW (prefs), 360, height);
  /* The window follows its widest page, which need not be People (the
   * Analysis settings are 372 px at least in November 2026): this test
   * holds People and the person's editor to 360 px. */
  g_test_message ("Preferences is %d px wide",
                  gdk_surface_get_width (gtk_native_get_surface (GTK_NATIVE (prefs))));

  page = mk_gui_test_child_of_type (prefs, MK_TYPE_PEOPLE_PAGE);
  gtk_widget_measure (page, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  g_test_message ("the People page is %d px wide at least", min);
  g_assert_cmpint (min, <=, 360);

  row = person_row (prefs, mk_person_get_id (person));
  g_assert_nonnull (row);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (row), ==, LONG_NAME);
  g_assert_cmpint (adw_action_row_get_title_lines (ADW_ACTION_ROW (row)), ==, 1);
  g_assert_cmpint (gtk_widget_get_width (row), <=,
                   gdk_surface_get_width (gtk_native_get_surface (GTK_NATIVE (prefs))));
  screenshot (GTK_WIDGET (prefs), "narrow");
  gtk_widget_grab_focus (row);
  mk_gui_test_wait_frames (GTK_WIDGET (prefs), 3);
  screenshot (GTK_WIDGET (prefs), "long-name-narrow");

  /* Their editor fits too. */
  gtk_widget_activate (row);
  mk_gui_test_wait_frames (GTK_WIDGET (prefs), 3);
  gtk_widget_measure (mk_gui_test_child_of_type (prefs, MK_TYPE_PERSON_EDITOR),
                      GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  g_test_message ("their editor is %d px wide at least", min);
  g_assert_cmpint (min, <=, 360);
  screenshot (GTK_WIDGET (prefs), "long-name-editor-narrow");

  adw_preferences_window_close_subpage (prefs);
  g_object_set (settings, "gtk-decoration-layout", layout, NULL);
  mk_gui_test_resize (GTK_WINDOW (prefs), width, height);
}

#define N_TWIN_ENTRIES 1002

static void
test_merge_people (void)
{
  MkStore *store = mk_window_get_store (mk_gui_test_get_window ());
  g_autoptr(GError) error = NULL;
  g_autoptr(MkPerson) anna = mk_store_find_person (store, NULL, "anna.smirnova@example.com");
  g_autoptr(MkPerson) twin = NULL;
  g_autoptr(MkEntryList) anna_entries = NULL;
  g_autoptr(MkStore) db = NULL;
  g_autofree char *row_name = NULL;
  AdwPreferencesWindow *prefs;
  GtkWindow *dialog;
  GtkWidget *page;
  GtkWidget *editor;
  guint before;
  gint64 twin_id;

  /* The same manager imported under a second spelling, with 1,002 entries
   * (ten minutes each, fifty a day over three weeks of November): the
   * counts are written with their digits grouped (issue 17, item 13). */
  g_assert_nonnull (anna);
  twin = mk_store_ensure_person (store, "Смирнова Анна", NULL, &error);
  g_assert_no_error (error);
  twin_id = mk_person_get_id (twin);
  {
    g_autoptr(GArray) inputs = g_array_new (FALSE, TRUE, sizeof (MkEntryInput));
    g_autoptr(GPtrArray) days = g_ptr_array_new_with_free_func (g_free);

    for (guint i = 0; i < N_TWIN_ENTRIES; i++)
      {
        MkEntryInput input = {
          .person_id = twin_id, .start = -1, .minutes = 10,
          .category_id = mk_category_get_id (mk_store_get_category_by_key (store, "calls")),
          .task = "Acme", .source = MK_ENTRY_SOURCE_IMPORT,
        };

        g_ptr_array_add (days, g_strdup_printf ("2026-11-%02u", 2 + i / 50));
        input.day = g_ptr_array_index (days, days->len - 1);
        g_array_append_val (inputs, input);
      }
    g_assert_true (mk_store_add_entries (store, (MkEntryInput *) (void *) inputs->data,
                                         inputs->len, NULL, &error));
    g_assert_no_error (error);
  }
  anna_entries = mk_entry_list_new (store);
  mk_entry_list_set_person (anna_entries, mk_person_get_id (anna));
  before = g_list_model_get_n_items (G_LIST_MODEL (anna_entries));
  g_assert_cmpuint (before, >, 0);

  prefs = open_preferences ("people");
  page = mk_gui_test_child_of_type (prefs, MK_TYPE_PEOPLE_PAGE);
  screenshot (GTK_WIDGET (prefs), "people-with-duplicate");
  row_name = g_strdup_printf ("person-%" G_GINT64_FORMAT, mk_person_get_id (anna));
  gtk_widget_activate (mk_gui_test_child (page, row_name));
  mk_gui_test_wait_frames (GTK_WIDGET (prefs), 3);
  editor = mk_gui_test_child_of_type (prefs, MK_TYPE_PERSON_EDITOR);
  g_assert_true (gtk_widget_get_mapped (editor));
  /* The spelling with the same words is offered first. */
  {
    AdwComboRow *row = ADW_COMBO_ROW (mk_gui_test_child (editor, "duplicate_row"));
    GtkStringObject *item = adw_combo_row_get_selected_item (row);

    g_assert_nonnull (item);
    g_assert_cmpstr (gtk_string_object_get_string (item), ==, "Смирнова Анна");
  }
  screenshot (GTK_WIDGET (prefs), "person-editor");

  /* The dialog says how many entries move; Cancel changes nothing. */
  gtk_widget_activate_action (editor, "editor.merge", NULL);
  dialog = mk_gui_test_wait_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  {
    g_autofree char *count = mk_format_count (N_TWIN_ENTRIES);
    const char *text = adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog));

    g_test_message ("%s", text);
    /* "1,002", "1 002" (a narrow no-break space): never a bare "1002". */
    g_assert_cmpstr (count, !=, "1002");
    g_assert_cmpuint (strlen (count), >, 4);
    g_assert_true (g_str_has_prefix (text, count));
  }
  screenshot (GTK_WIDGET (dialog), "merge-dialog");
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_destroy (dialog);
  mk_gui_test_settle ();
  db = open_db ();
  g_assert_nonnull (mk_store_get_person (db, twin_id, NULL));
  g_clear_object (&db);

  gtk_widget_activate_action (editor, "editor.merge", NULL);
  dialog = mk_gui_test_wait_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  /* A click on a response also closes the dialog; here the test closes it. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "merge");
  gtk_window_destroy (dialog);
  mk_gui_test_settle ();
  /* The toast says how many moved, the digits grouped too. */
  {
    g_autofree char *count = mk_format_count (N_TWIN_ENTRIES);
    g_autofree char *toast = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "Merged: %s entry moved to %s",
                                                           "Merged: %s entries moved to %s",
                                                           N_TWIN_ENTRIES),
                                              count, mk_person_get_name (anna));

    g_assert_true (mk_gui_test_wait_for (mk_gui_test_find_label (GTK_WIDGET (prefs), toast)
                                         != NULL));
    screenshot (GTK_WIDGET (prefs), "merged");
  }

  db = open_db ();
  {
    g_autoptr(MkPerson) gone = mk_store_get_person (db, twin_id, NULL);
    g_autoptr(MkEntryList) moved = mk_entry_list_new (db);

    g_assert_null (gone);
    mk_entry_list_set_person (moved, mk_person_get_id (anna));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (moved)), ==,
                      before + N_TWIN_ENTRIES);
    g_assert_true (mk_store_check (db, NULL, &error));
    g_assert_no_error (error);
  }
  /* The duplicate is gone from the editor's list of candidates too. */
  {
    AdwComboRow *duplicate_row = ADW_COMBO_ROW (mk_gui_test_child (editor, "duplicate_row"));
    GListModel *names = adw_combo_row_get_model (duplicate_row);

    for (guint i = 0; i < g_list_model_get_n_items (names); i++)
      {
        g_autoptr(GtkStringObject) item = g_list_model_get_item (names, i);

        g_assert_false (g_str_has_prefix (gtk_string_object_get_string (item), "Смирнова Анна"));
      }
  }
}

static void
test_person_details (void)
{
  MkStore *store = mk_window_get_store (mk_gui_test_get_window ());
  g_autoptr(MkPerson) boris = mk_store_find_person (store, NULL, "boris.petrov@example.com");
  g_autofree char *row_name = NULL;
  g_autofree char *body = NULL;
  AdwPreferencesWindow *prefs = open_preferences ("people");
  GtkWidget *editor;
  MkStore *db;
  GtkWidget *people_page;

  row_name = g_strdup_printf ("person-%" G_GINT64_FORMAT, mk_person_get_id (boris));
  people_page = mk_gui_test_child_of_type (prefs, MK_TYPE_PEOPLE_PAGE);
  gtk_widget_activate (mk_gui_test_child (people_page, row_name));
  mk_gui_test_wait_frames (GTK_WIDGET (prefs), 3);
  editor = mk_gui_test_child_of_type (prefs, MK_TYPE_PERSON_EDITOR);

  gtk_editable_set_text (GTK_EDITABLE (mk_gui_test_child (editor, "team_row")), "Север");
  g_signal_emit_by_name (mk_gui_test_child (editor, "team_row"), "apply");
  /* The levels are core's words (mk_level_label()), in the order of
   * MkLevel; Senior is chosen as a click would. */
  {
    static const char *const en[] = { "No level", "Junior", "Middle", "Senior", NULL };
    static const char *const ru[] = { "Без уровня", "Младший", "Средний", "Старший", NULL };
    AdwComboRow *level_row = ADW_COMBO_ROW (mk_gui_test_child (editor, "level_row"));
    GtkPopover *popover = mk_gui_test_combo_popup (level_row);
    GtkWidget *list = mk_gui_test_find_by_type (GTK_WIDGET (popover), GTK_TYPE_LIST_VIEW);
    g_auto(GStrv) shown = mk_gui_test_label_texts (list);
    GtkWidget *item;

    g_assert_cmpstrv (shown, russian () ? ru : en);
    screenshot (GTK_WIDGET (popover), "level");
    item = mk_gui_test_find_label (list, shown[MK_LEVEL_SENIOR]);
    g_assert_nonnull (item);
    mk_gui_test_click (item, gtk_widget_get_width (item) / 2.0,
                       gtk_widget_get_height (item) / 2.0, 0);
    g_assert_true (mk_gui_test_wait_for (!gtk_widget_get_visible (GTK_WIDGET (popover))));
    g_assert_cmpuint (adw_combo_row_get_selected (level_row), ==, MK_LEVEL_SENIOR);
  }
  db = open_db ();
  {
    g_autoptr(MkPerson) saved = mk_store_get_person (db, mk_person_get_id (boris), NULL);

    g_assert_cmpstr (mk_person_get_team (saved), ==, "Север");
    g_assert_cmpint (mk_person_get_level (saved), ==, MK_LEVEL_SENIOR);
    g_assert_cmpstr (mk_person_get_email (saved), ==, "boris.petrov@example.com");
  }
  g_object_unref (db);

  /* Archived: kept with their entries, hidden from the pickers. */
  gtk_switch_set_active (GTK_SWITCH (mk_gui_test_child (editor, "archived_switch")), TRUE);
  db = open_db ();
  {
    g_autoptr(MkPerson) saved = mk_store_get_person (db, mk_person_get_id (boris), NULL);
    g_autoptr(GListModel) shown = mk_store_list_people (db, FALSE, NULL);

    g_assert_true (mk_person_get_archived (saved));
    g_assert_cmpstr (mk_person_get_team (saved), ==, "Север");
    for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
      {
        g_autoptr(MkPerson) person = g_list_model_get_item (shown, i);

        g_assert_cmpint (mk_person_get_id (person), !=, mk_person_get_id (boris));
      }
  }
  g_object_unref (db);
  gtk_switch_set_active (GTK_SWITCH (mk_gui_test_child (editor, "archived_switch")), FALSE);

  /* Someone else's email is refused with core's message naming the owner. */
  gtk_editable_set_text (GTK_EDITABLE (mk_gui_test_child (editor, "email_row")),
                         "olga.lebedeva@example.com");
  g_signal_emit_by_name (mk_gui_test_child (editor, "email_row"), "apply");
  mk_gui_test_settle ();
  /* In the form, not in a dialog (issue 17, item 10). */
  g_assert_false (any_dialog ());
  g_assert_true (gtk_widget_get_mapped (mk_gui_test_child (editor, "error_label")));
  body = g_strdup (gtk_label_get_text (GTK_LABEL (mk_gui_test_child (editor, "error_label"))));
  g_assert_nonnull (strstr (body, "Ольга Лебедева"));
  g_assert_true (gtk_widget_has_css_class (mk_gui_test_child (editor, "email_row"), "error"));
  /* Corrected, the mark and the message go at once. */
  gtk_editable_set_text (GTK_EDITABLE (mk_gui_test_child (editor, "email_row")),
                         "boris.new@example.com");
  g_assert_false (gtk_widget_has_css_class (mk_gui_test_child (editor, "email_row"), "error"));
  g_assert_false (gtk_widget_get_visible (mk_gui_test_child (editor, "error_label")));
}


/* A commit every page follows (a category's target) leaves the row as it
 * is; a change to one person makes only theirs again. */
static void
change_admin_target (MkStore *store,
                     double   max)
{
  MkCategory *admin = mk_store_get_category_by_key (store, "admin");
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup (mk_category_get_name (admin));
  g_autofree char *color = g_strdup (mk_category_get_color (admin));

  g_assert_true (mk_store_update_category (store, mk_category_get_id (admin), name, color,
                                           mk_category_get_kind (admin),
                                           mk_category_get_target_min (admin), max,
                                           mk_category_get_sort_order (admin),
                                           mk_category_get_archived (admin), &error));
  g_assert_no_error (error);
}

/* Eighty people: Preferences opens in steps (the main window's cursor says
 * it is busy), the People page hidden behind Categories makes its first
 * rows only; shown, the rest comes a few rows at a time, a spinner under
 * the list until it is whole, then every person has a row in the store's
 * order.  Rows are made again only for a person who changed. */
static void
test_long_list (void)
{
  MkStore *store = mk_window_get_store (mk_gui_test_get_window ());
  g_autoptr(GListModel) people = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MkPerson) first = NULL;
  g_autoptr(MkPerson) last = NULL;
  g_autoptr(MkPerson) kept_person = NULL;
  g_autoptr(MkPerson) renamed_person = NULL;
  g_autofree char *new_name = NULL;
  AdwPreferencesWindow *prefs;
  GtkWidget *page;
  GtkWidget *list_box;
  GtkWidget *spinner;
  GtkWidget *kept;
  GtkWidget *renamed;
  GtkWidget *row;
  GdkCursor *cursor;
  GtkWindow *staged;
  GListModel *toplevels;
  guint n_windows;
  guint n;
  guint i;

  for (i = 0; i < 80; i++)
    {
      g_autofree char *name = g_strdup_printf ("Сотрудник %02u", i);
      g_autoptr(MkPerson) person = mk_store_add_person (store, name, NULL, MK_LEVEL_NONE, NULL,
                                                        &error);

      g_assert_no_error (error);
    }
  people = mk_store_list_people (store, TRUE, &error);
  g_assert_no_error (error);
  n = g_list_model_get_n_items (people);
  first = g_list_model_get_item (people, 0);
  last = g_list_model_get_item (people, n - 1);

  /* Preferences is made in steps, the main window showing that it is busy;
   * meanwhile a second Preferences is not started. */
  while ((prefs = ADW_PREFERENCES_WINDOW (mk_gui_test_find_window (MK_TYPE_PREFERENCES_WINDOW))))
    gtk_window_destroy (GTK_WINDOW (prefs));
  gtk_widget_activate_action (GTK_WIDGET (mk_gui_test_get_window ()), "win.preferences", NULL);
  gtk_widget_activate_action (GTK_WIDGET (mk_gui_test_get_window ()), "win.preferences", NULL);
  cursor = gtk_widget_get_cursor (GTK_WIDGET (mk_gui_test_get_window ()));
  g_assert_nonnull (cursor);
  g_assert_cmpstr (gdk_cursor_get_name (cursor), ==, "progress");
  staged = mk_gui_test_find_window (MK_TYPE_PREFERENCES_WINDOW);
  g_assert_true (staged == NULL || !gtk_widget_get_mapped (GTK_WIDGET (staged)));
  prefs = ADW_PREFERENCES_WINDOW (mk_gui_test_wait_window (MK_TYPE_PREFERENCES_WINDOW));
  g_assert_nonnull (prefs);
  g_assert_null (gtk_widget_get_cursor (GTK_WIDGET (mk_gui_test_get_window ())));
  n_windows = 0;
  toplevels = gtk_window_get_toplevels ();
  for (i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      n_windows += MK_IS_PREFERENCES_WINDOW (window);
    }
  g_assert_cmpuint (n_windows, ==, 1);

  /* The People page is hidden behind Categories: it has made the first rows
   * only, and the rest wait for it to be shown. */
  page = mk_gui_test_child_of_type (prefs, MK_TYPE_PEOPLE_PAGE);
  spinner = mk_gui_test_child (page, "fill_spinner");
  list_box = mk_gui_test_child (page, "list_box");
  g_assert_cmpstr (adw_preferences_window_get_visible_page_name (prefs), ==, "categories");
  mk_gui_test_wait_frames (GTK_WIDGET (prefs), 3);
  g_assert_true (mk_people_page_get_busy (MK_PEOPLE_PAGE (page)));
  g_assert_true (gtk_widget_get_visible (spinner));
  g_assert_nonnull (person_row (prefs, mk_person_get_id (first)));
  g_assert_null (person_row (prefs, mk_person_get_id (last)));

  adw_preferences_window_set_visible_page_name (prefs, "people");
  g_assert_true (mk_gui_test_wait_for (!mk_people_page_get_busy (MK_PEOPLE_PAGE (page))));
  g_assert_false (gtk_widget_get_visible (spinner));
  for (i = 0, row = gtk_widget_get_first_child (list_box); row != NULL;
       i++, row = gtk_widget_get_next_sibling (row))
    {
      g_autoptr(MkPerson) person = i < n ? g_list_model_get_item (people, i) : NULL;
      g_autofree char *name = NULL;

      g_assert_nonnull (person);
      name = g_strdup_printf ("person-%" G_GINT64_FORMAT, mk_person_get_id (person));
      g_assert_cmpstr (gtk_widget_get_name (row), ==, name);
    }
  g_assert_cmpuint (i, ==, n);
  mk_gui_test_wait_frames (GTK_WIDGET (prefs), 3);
  screenshot (GTK_WIDGET (prefs), "long-list");

  kept_person = g_list_model_get_item (people, n / 2);
  renamed_person = g_list_model_get_item (people, n / 2 + 1);
  kept = person_row (prefs, mk_person_get_id (kept_person));
  renamed = person_row (prefs, mk_person_get_id (renamed_person));
  g_object_add_weak_pointer (G_OBJECT (kept), (gpointer *) &kept);
  g_object_add_weak_pointer (G_OBJECT (renamed), (gpointer *) &renamed);

  change_admin_target (store, 0.25);
  mk_gui_test_wait_frames (GTK_WIDGET (prefs), 2);
  g_assert_false (mk_people_page_get_busy (MK_PEOPLE_PAGE (page)));
  g_assert_true (person_row (prefs, mk_person_get_id (kept_person)) == kept);
  g_assert_true (person_row (prefs, mk_person_get_id (renamed_person)) == renamed);

  /* A name that keeps its place in the list. */
  new_name = g_strdup_printf ("%s (Петрова)", mk_person_get_name (renamed_person));
  g_assert_true (mk_store_update_person (store, mk_person_get_id (renamed_person), new_name,
                                         NULL, MK_LEVEL_SENIOR, NULL, FALSE, &error));
  g_assert_no_error (error);
  mk_gui_test_wait_frames (GTK_WIDGET (prefs), 2);
  g_assert_true (person_row (prefs, mk_person_get_id (kept_person)) == kept);
  g_assert_null (renamed);
  row = person_row (prefs, mk_person_get_id (renamed_person));
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, new_name);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                            mk_level_label (MK_LEVEL_SENIOR)));

  g_object_remove_weak_pointer (G_OBJECT (kept), (gpointer *) &kept);
  gtk_window_destroy (GTK_WINDOW (prefs));
}

static void
load_demo (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MkStore) store = NULL;

  db_path = g_build_filename (mk_gui_test_tmpdir (), "people.db", NULL);
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

  g_test_add_func ("/gui/people/add-person", test_add_person);
  g_test_add_func ("/gui/people/add-person-refused", test_add_person_refused);
  g_test_add_func ("/gui/people/merge-people", test_merge_people);
  g_test_add_func ("/gui/people/person-details", test_person_details);
  g_test_add_func ("/gui/people/long-name-narrow", test_long_name_narrow);
  g_test_add_func ("/gui/people/long-list", test_long_list);

  app = mk_gui_test_app_new (db_path);
  return mk_gui_test_run (app);
}
