/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-entries.c — the Entries page over a million entries (a benchmark, not a test).
 *
 *   bench-entries [N]        (run it under Xvfb: meson test --benchmark entries)
 *
 * Builds (once, then reuses) a database of N entries (default 1,000,000)
 * with the store's bulk insert, starts the real application on it and
 * prints how long these take, each up to the first frame drawn after it:
 *   - the window's first frame after start-up;
 *   - switching to the Entries page (counting the rows and reading the
 *     first page);
 *   - scrolling to the end of the list, then to the middle;
 *   - adding an entry (another part of the window would) while the list
 *     shows its middle: the list is counted again in its worker and stays
 *     where it was (the first frame comes before the new rows);
 *   - sorting by minutes, searching the tasks, filtering by one person.
 * Then, for each action a person takes on this database, the longest
 * main-loop stall (bench-stall.h: the longest time the main thread went
 * without polling for input, budget 50 ms) and the time until its result
 * is shown: an entry added and deleted again while the list shows its
 * middle, a search, a sort by every column, a filter, opening
 * Preferences and each of its pages, and changing a category's target
 * (with Analysis, then Today, then Entries behind Preferences), and
 * switching between Entries and Today three times, and opening "Who is
 * logging?" twice.
 * The entry added is deleted again, so the database stays as built.
 * The figures are printed, not judged: the budgets are in DESIGN.md.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "bench-entries-gen.h"
#include "bench-stall.h"
#include "gui-test-utils.h"
#include "mk-analysis-page.h"
#include "mk-application.h"
#include "mk-entries-page.h"
#include "mk-entry-list.h"
#include "mk-people-page.h"
#include "mk-preferences-window.h"
#include "mk-window.h"

static MkApplication *app;
static gint64 start_time;
static gint64 first_paint_time;
static gint64 last_paint_time;

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  last_paint_time = g_get_monotonic_time ();
  if (first_paint_time == 0)
    first_paint_time = last_paint_time;
}

static void
activate_cb (GApplication *application,
             gpointer      user_data)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));
  GdkFrameClock *clock = window ? gtk_widget_get_frame_clock (GTK_WIDGET (window)) : NULL;

  if (clock != NULL && first_paint_time == 0)
    g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
}

/* Runs @what and returns the milliseconds until the first frame painted after it. */
static double
until_painted (GtkWidget *widget,
               void     (*what) (gpointer data),
               gpointer   data)
{
  gint64 begin = g_get_monotonic_time ();
  gint64 end = begin + 60 * G_USEC_PER_SEC;

  last_paint_time = 0;
  what (data);
  gtk_widget_queue_draw (widget);
  while (last_paint_time == 0 && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  return (last_paint_time - begin) / 1000.0;
}

static MkWindow *
window (void)
{
  return MK_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));
}

static MkEntriesPage *
page (void)
{
  return MK_ENTRIES_PAGE (mk_gui_test_find_by_type (GTK_WIDGET (window ()),
                                                    MK_TYPE_ENTRIES_PAGE));
}

static GtkAdjustment *
vadjustment (void)
{
  GtkWidget *view = mk_gui_test_find_by_name (GTK_WIDGET (page ()), "column_view");

  return gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
}

static void
show_entries (gpointer data)
{
  g_action_group_activate_action (G_ACTION_GROUP (window ()), "page",
                                  g_variant_new_string ("entries"));
}

static void
scroll_to (gpointer data)
{
  GtkAdjustment *adj = vadjustment ();
  double fraction = *(double *) data;
  double value = (gtk_adjustment_get_upper (adj) - gtk_adjustment_get_page_size (adj)) * fraction;

  gtk_adjustment_set_value (adj, value);
}

static void
scroll_to_top_of_list (void)
{
  gtk_adjustment_set_value (vadjustment (), 0);
}

static void
sort_by_minutes (gpointer data)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (mk_gui_test_find_by_name (GTK_WIDGET (page ()),
                                                                   "column_view"));
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (g_object_get_data (G_OBJECT (column), "mk-column-id"), data) == 0)
        gtk_column_view_sort_by_column (view, column, GTK_SORT_DESCENDING);
    }
}

static void
search (gpointer data)
{
  mk_entries_filters_set_search (mk_entries_page_get_filters (page ()), data);
}

static void
add_entry (gpointer data)
{
  MkEntryInput *input = data;
  g_autoptr(GError) error = NULL;

  input->fingerprint = 0;
  input->batch_id = 0;
  input->source = MK_ENTRY_SOURCE_MANUAL;
  if (mk_store_add_entry (mk_window_get_store (window ()), input, &error) <= 0)
    g_error ("bench-entries: %s", error->message);
}

/* The entry add_entry() added: the newest manual one, at the top of its
 * day in the time order. */
static gint64
added_entry (void)
{
  GListModel *entries = G_LIST_MODEL (mk_entries_page_get_entries (page ()));

  for (guint i = 0; i < g_list_model_get_n_items (entries) && i < 1000; i++)
    {
      g_autoptr(MkEntry) entry = g_list_model_get_item (entries, i);

      if (mk_entry_get_source (entry) == MK_ENTRY_SOURCE_MANUAL)
        return mk_entry_get_id (entry);
    }
  return 0;
}

static void
delete_entry (gpointer data)
{
  g_autoptr(GError) error = NULL;

  if (!mk_store_delete_entry (mk_window_get_store (window ()), *(gint64 *) data, &error))
    g_printerr ("bench-entries: the added entry was not deleted again: %s\n", error->message);
}

static void
filter_person (gpointer data)
{
  mk_entries_filters_set_person (mk_entries_page_get_filters (page ()), *(gint64 *) data);
}

/* Scrolling can take a few frames to settle: the list view re-estimates
 * its height once the rows at the new place are measured. */
static void
settle (void)
{
  /* A search or a sort is read in a worker: its rows first. */
  mk_gui_test_wait_for (!mk_entry_list_get_busy (mk_entries_page_get_entries (page ())));
  mk_gui_test_wait_frames (GTK_WIDGET (window ()), 3);
}

/* Stalls */

static gboolean
list_ready (gpointer data)
{
  return !mk_entry_list_get_busy (mk_entries_page_get_entries (page ()));
}

static gboolean
analysis_ready (gpointer data)
{
  MkAnalysisPage *analysis = MK_ANALYSIS_PAGE (mk_gui_test_find_by_type (GTK_WIDGET (window ()),
                                                                         MK_TYPE_ANALYSIS_PAGE));

  return analysis == NULL || !mk_analysis_page_get_busy (analysis);
}

/* The Today page has nothing to wait for: its first frames are its result. */
static gboolean
always_ready (gpointer data)
{
  return TRUE;
}

static void
open_people (gpointer data)
{
  gtk_menu_button_popup (GTK_MENU_BUTTON (data));
}

static gboolean
people_shown (gpointer data)
{
  GtkWidget *popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (data)));

  return gtk_widget_get_mapped (popover);
}

/* Runs @what, iterates until @ready and three more frames are painted, and
 * prints the longest stall meanwhile and when the result was there. */
static void
stall_of (const char *name,
          void      (*what) (gpointer data),
          gpointer    data,
          gboolean  (*ready) (gpointer data),
          GtkWidget  *shown)
{
  gint64 begin = g_get_monotonic_time ();
  gint64 end = begin + 120 * G_USEC_PER_SEC;
  double result;

  bench_stall_reset ();
  what (data);
  while (!ready (data) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  result = (g_get_monotonic_time () - begin) / 1000.0;
  mk_gui_test_wait_frames (shown, 3);
  g_print ("stall %-30s %8.1f ms  (cpu %7.1f ms)  result after %8.1f ms%s\n", name,
           bench_stall_worst (), bench_stall_worst_cpu (), result,
           bench_stall_worst_cpu () >= 50 ? "   OVER 50 ms" : "");
}

static void
open_preferences (gpointer data)
{
  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.preferences", NULL);
}

static GtkWindow *
preferences (void)
{
  g_autoptr(GList) windows = gtk_window_list_toplevels ();

  for (GList *l = windows; l != NULL; l = l->next)
    if (MK_IS_PREFERENCES_WINDOW (l->data))
      return l->data;
  return NULL;
}

static gboolean
preferences_shown (gpointer data)
{
  return preferences () != NULL && gtk_widget_get_mapped (GTK_WIDGET (preferences ()));
}

/* The People page, once shown, adds the rest of its rows a few at a time. */
static gboolean
page_ready (gpointer data)
{
  GtkWidget *people = mk_gui_test_find_by_type (GTK_WIDGET (preferences ()), MK_TYPE_PEOPLE_PAGE);

  return people == NULL || !mk_people_page_get_busy (MK_PEOPLE_PAGE (people));
}

static void
preferences_page (gpointer data)
{
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences ()), data);
}

/* A new upper bound of the admin target, as its editor saves it. */
static void
change_target (gpointer data)
{
  MkStore *store = mk_window_get_store (window ());
  MkCategory *admin = mk_store_get_category_by_key (store, "admin");
  g_autoptr(GError) error = NULL;
  g_autofree char *name = admin ? g_strdup (mk_category_get_name (admin)) : NULL;
  g_autofree char *color = admin ? g_strdup (mk_category_get_color (admin)) : NULL;

  if (admin == NULL ||
      !mk_store_update_category (store, mk_category_get_id (admin), name,
                                 color, mk_category_get_kind (admin),
                                 mk_category_get_target_min (admin), *(double *) data,
                                 mk_category_get_sort_order (admin),
                                 mk_category_get_archived (admin), &error))
    g_printerr ("bench-entries: the target was not changed: %s\n",
                error ? error->message : "no admin category");
}

static void
show_page (gpointer data)
{
  g_action_group_activate_action (G_ACTION_GROUP (window ()), "page",
                                  g_variant_new_string (data));
}

static void
bench_stalls (void)
{
  static const char *const columns[] = { "person", "category", "minutes", "task", "date" };
  static const char *const pages[] = { "people", "analysis", "data", "team", "categories" };
  GtkWidget *win = GTK_WIDGET (window ());
  double targets[] = { 0.15, 0.20 };
  GtkWindow *prefs;

  g_print ("== longest main-loop stall of each action (budget 50 ms)\n");
  /* An entry added elsewhere (Today, a timer, another program) while the
   * list shows its middle, then deleted again. */
  {
    GListModel *entries = G_LIST_MODEL (mk_entries_page_get_entries (page ()));
    g_autoptr(MkEntry) some = g_list_model_get_item (entries, 10);
    double middle = 0.5;
    MkEntryInput input;
    gint64 added;

    scroll_to (&middle);
    settle ();
    mk_entry_to_input (some, &input);
    input.uuid[0] = '\0';
    stall_of ("add an entry, Entries shown", add_entry, &input, list_ready, win);
    added = added_entry ();
    if (added != 0)
      stall_of ("delete it, Entries shown", delete_entry, &added, list_ready, win);
    else
      g_printerr ("bench-entries: the added entry was not found\n");
    scroll_to_top_of_list ();
    settle ();
  }
  stall_of ("search \"crm\"", search, (gpointer) "crm", list_ready, win);
  stall_of ("search \"помощь\"", search, (gpointer) "помощь", list_ready, win);
  stall_of ("clear the search", search, NULL, list_ready, win);
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autofree char *name = g_strdup_printf ("sort by %s", columns[i]);

      stall_of (name, sort_by_minutes, (gpointer) columns[i], list_ready, win);
    }
  {
    g_autoptr(MkEntry) first = g_list_model_get_item (G_LIST_MODEL (mk_entries_page_get_entries (page ())), 0);
    gint64 person = mk_entry_get_person_id (first);
    gint64 everyone = 0;

    stall_of ("filter by one person", filter_person, &person, list_ready, win);
    stall_of ("filter by everyone", filter_person, &everyone, list_ready, win);
  }
  stall_of ("show Analysis", show_page, (gpointer) "analysis", analysis_ready, win);
  stall_of ("open Preferences", open_preferences, NULL, preferences_shown, win);
  prefs = preferences ();
  if (prefs == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *name = g_strdup_printf ("Preferences → %s", pages[i]);

      stall_of (name, preferences_page, (gpointer) pages[i], page_ready, GTK_WIDGET (prefs));
    }
  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    stall_of ("change the admin target", change_target, &targets[i], analysis_ready,
              GTK_WIDGET (prefs));
  /* The same commit with Today, then Entries, behind Preferences. */
  show_page ((gpointer) "today");
  mk_gui_test_wait_frames (win, 3);
  stall_of ("change it, Today shown", change_target, &targets[0], analysis_ready,
            GTK_WIDGET (prefs));
  /* The page catches up with the commit it missed. */
  stall_of ("show Entries (after a commit)", show_page, (gpointer) "entries", list_ready, win);
  stall_of ("change it, Entries shown", change_target, &targets[1], list_ready,
            GTK_WIDGET (prefs));
  gtk_window_destroy (prefs);
  show_page ((gpointer) "today");
  mk_gui_test_wait_frames (win, 3);
  /* Back and forth between the two pages a person keeps switching. */
  for (guint i = 0; i < 3; i++)
    {
      stall_of ("show Entries", show_page, (gpointer) "entries", list_ready, win);
      stall_of ("show Today", show_page, (gpointer) "today", always_ready, win);
    }
  /* "Who is logging?" with two hundred people, twice: the second time
   * keeps the rows of the first. */
  for (guint i = 0; i < 2; i++)
    {
      GtkWidget *button = mk_gui_test_find_by_name (win, "person_button");

      stall_of ("open \"Who is logging?\"", open_people, button, people_shown, win);
      gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
      mk_gui_test_wait_frames (win, 3);
    }
}

static void
bench_entries (void)
{
  MkWindow *win = window ();
  GListModel *entries;
  GtkAdjustment *adj;
  gint64 person = 0;
  double end = 1.0;
  double middle = 0.5;
  double ms;

  g_assert_true (mk_gui_test_wait_mapped (GTK_WIDGET (win)));
  g_print ("window first frame after start:     %8.1f ms\n",
           (first_paint_time - start_time) / 1000.0);

  ms = until_painted (GTK_WIDGET (win), show_entries, NULL);
  entries = G_LIST_MODEL (mk_entries_page_get_entries (page ()));
  g_print ("Entries page first frame:           %8.1f ms  (%u entries)\n", ms,
           g_list_model_get_n_items (entries));
  settle ();

  ms = until_painted (GTK_WIDGET (win), scroll_to, &end);
  settle ();
  adj = vadjustment ();
  /* The estimate of the height may grow once the end is measured: go there again. */
  if (gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj) <
      gtk_adjustment_get_upper (adj) - 1)
    {
      ms += until_painted (GTK_WIDGET (win), scroll_to, &end);
      settle ();
    }
  g_print ("scroll to the end, first frame:     %8.1f ms  (at %.0f of %.0f px)\n", ms,
           gtk_adjustment_get_value (adj) + gtk_adjustment_get_page_size (adj),
           gtk_adjustment_get_upper (adj));

  ms = until_painted (GTK_WIDGET (win), scroll_to, &middle);
  settle ();
  g_print ("scroll to the middle, first frame:  %8.1f ms\n", ms);

  {
    g_autoptr(MkEntry) some = g_list_model_get_item (entries, 10);
    g_autoptr(GError) error = NULL;
    double before = gtk_adjustment_get_value (adj);
    MkEntryInput input;
    gint64 added;

    mk_entry_to_input (some, &input);
    input.uuid[0] = '\0';   /* a new entry like it, not the same one again */
    ms = until_painted (GTK_WIDGET (win), add_entry, &input);
    settle ();
    g_print ("add an entry, in the middle:        %8.1f ms  (scrolled %.0f px → %.0f px)\n", ms,
             before, gtk_adjustment_get_value (adj));
    added = added_entry ();
    if (added == 0 || !mk_store_delete_entry (mk_window_get_store (win), added, &error))
      g_printerr ("bench-entries: the added entry was not deleted again\n");
    settle ();
  }

  ms = until_painted (GTK_WIDGET (win), sort_by_minutes, (gpointer) "minutes");
  settle ();
  g_print ("sort by minutes, first frame:       %8.1f ms\n", ms);
  ms = until_painted (GTK_WIDGET (win), scroll_to, &end);
  settle ();
  g_print ("  then scroll to the end:           %8.1f ms\n", ms);
  ms = until_painted (GTK_WIDGET (win), sort_by_minutes, (gpointer) "date");
  settle ();

  ms = until_painted (GTK_WIDGET (win), search, (gpointer) "crm");
  settle ();
  g_print ("search \"crm\", first frame:          %8.1f ms  (%u entries)\n", ms,
           g_list_model_get_n_items (entries));
  ms = until_painted (GTK_WIDGET (win), search, NULL);
  settle ();

  {
    g_autoptr(MkEntry) first = g_list_model_get_item (entries, 0);

    person = mk_entry_get_person_id (first);
  }
  ms = until_painted (GTK_WIDGET (win), filter_person, &person);
  settle ();
  g_print ("filter by one person, first frame:  %8.1f ms  (%u entries)\n", ms,
           g_list_model_get_n_items (entries));
  ms = until_painted (GTK_WIDGET (win), filter_person, &(gint64) { 0 });
  settle ();

  bench_stalls ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  gint64 n_entries = 1000000;

  start_time = g_get_monotonic_time ();
  mk_gui_test_init (&argc, &argv);
  if (argc > 1)
    n_entries = g_ascii_strtoll (argv[1], NULL, 10);

  /* The database is kept between runs: building it takes a while. */
  name = g_strdup_printf ("minutka-bench-entries-%" G_GINT64_FORMAT ".db", n_entries);
  path = g_build_filename (g_get_tmp_dir (), name, NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      gint64 begin = g_get_monotonic_time ();
      g_autofree char *partial = g_strconcat (path, ".partial", NULL);

      g_unlink (partial);
      if (!bench_entries_generate (partial, n_entries, &error))
        {
          g_printerr ("bench-entries: %s\n", error->message);
          return 1;
        }
      if (g_rename (partial, path) != 0)
        {
          g_printerr ("bench-entries: cannot rename %s\n", partial);
          return 1;
        }
      g_print ("built %s in %.1f s\n", path, (g_get_monotonic_time () - begin) / 1e6);
      start_time = g_get_monotonic_time ();
    }
  g_print ("database: %s (%" G_GINT64_FORMAT " entries)\n", path, n_entries);

  bench_stall_init ();
  g_test_add_func ("/bench/entries", bench_entries);
  app = mk_gui_test_app_new (path);
  g_signal_connect_after (app, "activate", G_CALLBACK (activate_cb), NULL);
  return mk_gui_test_run (app);
}
