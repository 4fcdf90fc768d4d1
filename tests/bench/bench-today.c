/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-today.c — the Today page's budgets on a big database (DESIGN.md, "Budgets").
 *
 *   bench-today DB PERSON DAY [N_ADDS [page-only]]
 *
 * Runs the real application on DB (made by gen-db) under a display server
 * (with "page-only": the Today page alone in a window, without the other
 * pages, to tell its own cost from theirs) and prints, in milliseconds:
 *   first-frame   process start → the window's first painted frame, with
 *                 PERSON remembered as the one logging (budget 500);
 *   open-day      showing PERSON's DAY (a full day) after the window is up;
 *   add           per entry typed and activated on that day: the commit and
 *                 the list and summary update, synchronous (budget 16);
 *   add (cpu)     the main thread's CPU time for the same, which a busy
 *                 machine does not inflate;
 *   add+frame     the same up to the next painted frame;
 *   (all cpu)     the CPU time of all the process' threads meanwhile: the
 *                 main thread, workers, and llvmpipe's when GL renders;
 *   stall         the longest main-loop stall over the adds (bench-stall.h:
 *                 the longest time the main thread went without polling
 *                 for input; budget 50), and over showing every page;
 *   frames        the frames painted meanwhile and where their time went on
 *                 the main thread: layout (styles, sizes) and paint
 *                 (snapshot and render; with GL under Xvfb, llvmpipe's
 *                 software rendering, which runs in threads of its own).
 * Without "page-only" the adds run twice: as the window opens (only Today
 * shown yet), then again after every page has been shown once, the way a
 * supervisor works (the hidden pages now hold their store and listen).
 * The adds are real entries: run it on a copy of the database.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "bench-stall.h"
#include "mk-analysis-page.h"
#include "mk-application.h"
#include "mk-store.h"
#include "mk-today-page.h"
#include "mk-version.h"
#include "mk-window.h"

static gint64 process_start;
static gint64 first_frame = -1;
static gint64 first_frame_cpu = -1;
static const char *person;
static const char *day;
static guint n_adds = 50;

/* CPU time of this thread, in µs: the work done, whatever else the machine runs. */
static gint64
thread_cpu_time (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
print_stats (const char *name,
             double     *ms,
             guint       n)
{
  qsort (ms, n, sizeof *ms, compare_doubles);
  g_print ("%-12s median %7.2f ms   p95 %7.2f ms   max %7.2f ms   (%u runs)\n", name,
           ms[n / 2], ms[MIN (n - 1, n * 95 / 100)], ms[n - 1], n);
}

static gint64
process_cpu_time (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static void
after_paint_cb (GdkFrameClock *clock,
                gint64        *painted)
{
  if (*painted < 0)
    *painted = g_get_monotonic_time ();
  if (painted == &first_frame && first_frame_cpu < 0)
    first_frame_cpu = process_cpu_time ();
}

/* Frames painted and where a frame's time goes, on the main thread: from
 * "before-paint" to the end of "layout" (updates, styles, sizes), then to
 * the end of "paint" (snapshot and render). */
static guint n_painted;
static guint n_changed;
static gint64 phase_start;
static gint64 layout_end;
static double layout_ms_sum;
static double paint_ms_sum;

static void
before_paint_cb (GdkFrameClock *clock)
{
  phase_start = layout_end = g_get_monotonic_time ();
}

static void
layout_cb (GdkFrameClock *clock)
{
  layout_end = g_get_monotonic_time ();
  layout_ms_sum += (layout_end - phase_start) / 1000.0;
}

static void
paint_cb (GdkFrameClock *clock)
{
  n_painted++;
  paint_ms_sum += (g_get_monotonic_time () - layout_end) / 1000.0;
}

static gboolean
count_changed_hook (GSignalInvocationHint *hint,
                    guint                  n_param_values,
                    const GValue          *param_values,
                    gpointer               user_data)
{
  n_changed++;
  return TRUE;
}

/* Iterates until the window has painted one more frame. */
static void
wait_painted (GtkWidget *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  gint64 painted = -1;
  gulong id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);

  gtk_widget_queue_draw (window);
  while (painted < 0)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, id);
}

static GtkWidget *
find_child_of_type (GtkWidget *widget,
                    GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_child_of_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
set_true_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop for @ms milliseconds: what is due after a change
 * (debounced refreshes, the analysis' warm-up) runs before the next adds. */
static void
iterate_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, set_true_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* N_ADDS entries typed on @page, each timed to its commit and to the next
 * painted frame. */
static void
measure_adds (GtkWidget  *window,
              GtkWidget  *page,
              const char *customer)
{
  g_autofree double *adds = g_new0 (double, n_adds);
  g_autofree double *frames = g_new0 (double, n_adds);
  g_autofree double *cpu = g_new0 (double, n_adds);
  g_autofree double *frames_cpu = g_new0 (double, n_adds);

  n_painted = n_changed = 0;
  layout_ms_sum = paint_ms_sum = 0;
  bench_stall_reset ();
  for (guint i = 0; i < n_adds; i++)
    {
      g_autofree char *line = g_strdup_printf ("%u call %s %u", 5 + i % 40, customer, i);
      gint64 start = g_get_monotonic_time ();
      gint64 cpu_start = thread_cpu_time ();
      gint64 process_cpu_start = process_cpu_time ();

      if (!mk_today_page_submit (MK_TODAY_PAGE (page), line))
        g_error ("bench-today: the entry “%s” was not added", line);
      adds[i] = (g_get_monotonic_time () - start) / 1000.0;
      cpu[i] = (thread_cpu_time () - cpu_start) / 1000.0;
      wait_painted (window);
      frames[i] = (g_get_monotonic_time () - start) / 1000.0;
      frames_cpu[i] = (process_cpu_time () - process_cpu_start) / 1000.0;
    }
  print_stats ("add", adds, n_adds);
  print_stats ("add (cpu)", cpu, n_adds);
  print_stats ("add+frame", frames, n_adds);
  print_stats ("(all cpu)", frames_cpu, n_adds);
  g_print ("stall        %7.2f ms   (cpu %.2f ms; longest main-loop stall over the adds)\n",
           bench_stall_worst (), bench_stall_worst_cpu ());
  g_print ("frames       %u painted; mean layout %.2f ms, paint %.2f ms (main thread); "
           "\"changed\" %u times; window %d × %d px\n", n_painted,
           layout_ms_sum / MAX (n_painted, 1), paint_ms_sum / MAX (n_painted, 1), n_changed,
           gtk_widget_get_width (window), gtk_widget_get_height (window));
}

/* Shows the Entries page, then the Analysis page until its analysis is
 * computed and shown, then Today again. */
static void
show_every_page (GtkWidget *window)
{
  GtkWidget *analysis = find_child_of_type (window, MK_TYPE_ANALYSIS_PAGE);
  gint64 t0 = g_get_monotonic_time ();

  bench_stall_reset ();
  g_action_group_activate_action (G_ACTION_GROUP (window), "page",
                                  g_variant_new_string ("entries"));
  for (guint i = 0; i < 3; i++)
    wait_painted (window);
  g_action_group_activate_action (G_ACTION_GROUP (window), "page",
                                  g_variant_new_string ("analysis"));
  wait_painted (window);
  while (analysis != NULL && (mk_analysis_page_get_busy (MK_ANALYSIS_PAGE (analysis)) ||
                              mk_analysis_page_get_analysis (MK_ANALYSIS_PAGE (analysis)) == NULL))
    g_main_context_iteration (NULL, TRUE);
  wait_painted (window);
  g_action_group_activate_action (G_ACTION_GROUP (window), "page",
                                  g_variant_new_string ("today"));
  wait_painted (window);
  iterate_for (500);
  g_print ("== after showing Entries and Analysis once (%.0f ms, longest stall %.1f ms), "
           "back on Today\n", (g_get_monotonic_time () - t0) / 1000.0, bench_stall_worst ());
}

static void
measure (GtkWidget *window,
         gboolean   whole_window)
{
  GtkWidget *page;
  GdkFrameClock *clock;
  gint64 t0;

  while (first_frame < 0)
    g_main_context_iteration (NULL, TRUE);
  g_print ("first-frame  %7.2f ms   (cpu %.2f ms)\n", (first_frame - process_start) / 1000.0,
           first_frame_cpu / 1000.0);
  /* Under Xvfb, GL is llvmpipe: software rendering on the same CPUs. */
  g_print ("renderer     %s\n", G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (window))));
  g_signal_add_emission_hook (g_signal_lookup ("changed", MK_TYPE_STORE), 0, count_changed_hook,
                              NULL, NULL);

  page = find_child_of_type (window, MK_TYPE_TODAY_PAGE);
  g_assert (page != NULL);
  if (mk_today_page_get_person (MK_TODAY_PAGE (page)) == NULL)
    g_printerr ("bench-today: %s is not in the database\n", person);

  /* After GTK's own handlers, connected when the window was realized. */
  clock = gtk_widget_get_frame_clock (window);
  g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), NULL);
  g_signal_connect_after (clock, "layout", G_CALLBACK (layout_cb), NULL);
  g_signal_connect_after (clock, "paint", G_CALLBACK (paint_cb), NULL);

  t0 = g_get_monotonic_time ();
  mk_today_page_set_day (MK_TODAY_PAGE (page), day);
  wait_painted (window);
  g_print ("open-day     %7.2f ms   (%u entries that day)\n",
           (g_get_monotonic_time () - t0) / 1000.0,
           g_list_model_get_n_items (mk_today_page_get_entries (MK_TODAY_PAGE (page))));

  measure_adds (window, page, "Bench customer");
  if (whole_window)
    {
      show_every_page (window);
      measure_adds (window, page, "Second customer");
    }
}

static gboolean
run_cb (gpointer user_data)
{
  GApplication *app = G_APPLICATION (user_data);
  GtkWidget *window = GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (app)));

  measure (window, TRUE);
  gtk_window_destroy (GTK_WINDOW (window));
  g_application_release (app);
  return G_SOURCE_REMOVE;
}

/* The Today page alone in a window, on its own store. */
static int
run_page_only (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MkStore) store = NULL;
  GtkWidget *window;
  GtkWidget *overlay;
  GtkWidget *page;

  adw_init ();
  store = mk_store_open (path, &error);
  if (store == NULL)
    {
      g_printerr ("bench-today: %s\n", error->message);
      return 1;
    }
  /* An AdwWindow like the real one: its client-side decorations cost the
   * same in both modes (under Xvfb with GL, most of a frame's time). */
  window = adw_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 960, 680);
  overlay = adw_toast_overlay_new ();
  page = mk_today_page_new ();
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), page);
  adw_window_set_content (ADW_WINDOW (window), overlay);
  mk_today_page_set_store (MK_TODAY_PAGE (page), store);
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (after_paint_cb), &first_frame);
  measure (window, FALSE);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}

static void
activate_cb (GApplication *app,
             gpointer      user_data)
{
  GtkWidget *window = GTK_WIDGET (gtk_application_get_active_window (GTK_APPLICATION (app)));

  g_application_hold (app);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (after_paint_cb), &first_frame);
  g_idle_add (run_cb, app);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MkApplication) app = NULL;
  g_autoptr(GSettings) settings = NULL;
  char *app_argv[] = { (char *) "minutka", (char *) "--db", NULL, NULL };

  process_start = g_get_monotonic_time ();
  if (argc < 4)
    {
      g_printerr ("usage: bench-today DB PERSON DAY [N_ADDS [page-only]]\n");
      return 2;
    }
  person = argv[2];
  day = argv[3];
  if (argc > 4)
    n_adds = MAX (1, atoi (argv[4]));

  mk_core_init_i18n ();
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  bench_stall_init ();
  settings = g_settings_new (BASE_APP_ID);
  g_settings_set_string (settings, "current-person", person);
  if (argc > 5 && g_str_equal (argv[5], "page-only"))
    return run_page_only (argv[1]);

  app = mk_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "activate", G_CALLBACK (activate_cb), NULL);
  app_argv[2] = argv[1];
  return g_application_run (G_APPLICATION (app), 3, app_argv);
}
