/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-analysis-period.c — the analysis's periods, and the analysis of the
 * store in a worker thread giving what the synchronous call gives. */
#include "config.h"

#include "mk-analysis.h"
#include "store-test-utils.h"

/* Anna logs 60 minutes of calls on each of four days. */
static MkStore *
four_days_store (void)
{
  static const char *days[] = { "2026-11-20", "2026-11-23", "2026-11-24", "2026-11-25" };
  g_autoptr(GError) error = NULL;
  MkStore *store = mk_test_store_new ();
  g_autoptr(MkPerson) anna = mk_store_ensure_person (store, "Anna", NULL, &error);
  gint64 calls = mk_category_get_id (mk_store_get_category_by_key (store, "calls"));
  MkEntryInput inputs[G_N_ELEMENTS (days)] = { { 0 } };

  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      inputs[i].person_id = mk_person_get_id (anna);
      inputs[i].category_id = calls;
      inputs[i].day = days[i];
      inputs[i].start = -1;
      inputs[i].minutes = 60;
    }
  g_assert_true (mk_store_add_entries (store, inputs, G_N_ELEMENTS (days), NULL, &error));
  g_assert_no_error (error);
  return store;
}

static void
assert_resolves (MkStore          *store,
                 MkAnalysisPeriod  period,
                 const char       *from,
                 const char       *to,
                 const char       *want_from,
                 const char       *want_to,
                 const char       *want_study)
{
  g_autofree char *got_from = NULL;
  g_autofree char *got_to = NULL;
  g_autofree char *study = NULL;
  gboolean resolved = mk_analysis_resolve_period (store, period, from, to, &got_from, &got_to,
                                                  &study);

  g_assert_cmpint (resolved, ==, want_from != NULL);
  g_assert_cmpstr (got_from, ==, want_from);
  g_assert_cmpstr (got_to, ==, want_to);
  g_assert_cmpstr (study, ==, want_study);
}

static void
test_week_range (void)
{
  static const struct { int d; const char *from; const char *to; } cases[] = {
    { 23, "2026-11-23", "2026-11-29" },   /* a Monday */
    { 25, "2026-11-23", "2026-11-29" },   /* a Wednesday */
    { 29, "2026-11-23", "2026-11-29" },   /* a Sunday belongs to the week before it */
    { 30, "2026-11-30", "2026-12-06" },   /* across a month */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) day = g_date_time_new_local (2026, 11, cases[i].d, 23, 59, 0);
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;

      mk_analysis_week_range (day, &from, &to);
      g_assert_cmpstr (from, ==, cases[i].from);
      g_assert_cmpstr (to, ==, cases[i].to);
    }
}

static void
test_resolve (void)
{
  g_autoptr(MkStore) store = four_days_store ();
  g_autoptr(GError) error = NULL;

  /* Without a study, the default period is the last three logged days. */
  assert_resolves (store, MK_ANALYSIS_PERIOD_STUDY, NULL, NULL,
                   "2026-11-23", "2026-11-25", NULL);
  assert_resolves (store, MK_ANALYSIS_PERIOD_LAST_DAYS, NULL, NULL,
                   "2026-11-23", "2026-11-25", NULL);
  assert_resolves (store, MK_ANALYSIS_PERIOD_CUSTOM, "2026-11-01", "2026-11-30",
                   "2026-11-01", "2026-11-30", NULL);

  /* With one, the study, with its name; the last days stay the last days. */
  g_assert_true (mk_store_set_study (store, "Pilot", "2026-11-20", "2026-11-24", &error));
  g_assert_no_error (error);
  assert_resolves (store, MK_ANALYSIS_PERIOD_STUDY, NULL, NULL,
                   "2026-11-20", "2026-11-24", "Pilot");
  assert_resolves (store, MK_ANALYSIS_PERIOD_LAST_DAYS, NULL, NULL,
                   "2026-11-23", "2026-11-25", NULL);
}

/* Nothing logged at all: no period, whichever is asked, even with a study. */
static void
test_resolve_nothing_logged (void)
{
  g_autoptr(MkStore) store = mk_test_store_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MkAnalysis) analysis = NULL;

  g_assert_true (mk_store_set_study (store, "Pilot", "2026-11-20", "2026-11-24", &error));
  for (MkAnalysisPeriod p = MK_ANALYSIS_PERIOD_STUDY; p <= MK_ANALYSIS_PERIOD_CUSTOM; p++)
    assert_resolves (store, p, "2026-11-01", "2026-11-30", NULL, NULL, NULL);

  analysis = mk_analysis_new_for_period (store, MK_ANALYSIS_PERIOD_WEEK, NULL, NULL,
                                         MK_PEER_MODE_TEAM, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (mk_analysis_is_empty (analysis));
  g_assert_null (mk_analysis_get_from (analysis));
}

typedef struct {
  GMainLoop  *loop;
  MkAnalysis *analysis;
  char       *study_name;
  GError     *error;
} Wait;

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Wait *wait = user_data;

  g_assert_null (source);
  wait->analysis = mk_analysis_new_for_period_finish (result, &wait->study_name, &wait->error);
  g_main_loop_quit (wait->loop);
}

/* Runs the async call to its end on a main loop of the test's own. */
static void
run_async (MkStore          *store,
           MkAnalysisPeriod  period,
           const char       *from,
           const char       *to,
           GCancellable     *cancellable,
           Wait             *wait)
{
  g_autoptr(GMainContext) context = g_main_context_new ();

  g_main_context_push_thread_default (context);
  wait->loop = g_main_loop_new (context, FALSE);
  mk_analysis_new_for_period_async (store, period, from, to, MK_PEER_MODE_TEAM, cancellable,
                                    done_cb, wait);
  g_main_loop_run (wait->loop);
  g_main_loop_unref (wait->loop);
  g_main_context_pop_thread_default (context);
}

static void
wait_clear (Wait *wait)
{
  g_clear_object (&wait->analysis);
  g_clear_pointer (&wait->study_name, g_free);
  g_clear_error (&wait->error);
}

static void
test_async_gives_what_sync_gives (void)
{
  g_autoptr(MkStore) store = four_days_store ();
  g_autoptr(GError) error = NULL;
  static const MkAnalysisPeriod periods[] = {
    MK_ANALYSIS_PERIOD_STUDY, MK_ANALYSIS_PERIOD_LAST_DAYS, MK_ANALYSIS_PERIOD_CUSTOM,
  };

  g_assert_true (mk_store_set_study (store, "Pilot", "2026-11-20", "2026-11-24", &error));
  for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
    {
      g_autofree char *study_name = NULL;
      g_autoptr(MkAnalysis) sync = mk_analysis_new_for_period (store, periods[i], "2026-11-24",
                                                               "2026-11-25", MK_PEER_MODE_TEAM,
                                                               &study_name, &error);
      Wait wait = { 0 };

      g_assert_no_error (error);
      run_async (store, periods[i], "2026-11-24", "2026-11-25", NULL, &wait);
      g_assert_no_error (wait.error);
      g_assert_nonnull (wait.analysis);
      g_assert_cmpstr (mk_analysis_get_from (wait.analysis), ==, mk_analysis_get_from (sync));
      g_assert_cmpstr (mk_analysis_get_to (wait.analysis), ==, mk_analysis_get_to (sync));
      g_assert_cmpint (mk_analysis_get_total_minutes (wait.analysis), ==,
                       mk_analysis_get_total_minutes (sync));
      g_assert_cmpuint (mk_analysis_get_total_days (wait.analysis), ==,
                        mk_analysis_get_total_days (sync));
      g_assert_cmpstr (wait.study_name, ==, study_name);
      wait_clear (&wait);
    }

  /* The study's three days hold 180 minutes. */
  {
    Wait wait = { 0 };

    run_async (store, MK_ANALYSIS_PERIOD_STUDY, NULL, NULL, NULL, &wait);
    g_assert_cmpstr (wait.study_name, ==, "Pilot");
    g_assert_cmpint (mk_analysis_get_total_minutes (wait.analysis), ==, 180);
    wait_clear (&wait);
  }
}

/* The worker reads on a connection of its own, so it sees settings another
 * connection committed after the caller's store cached its own. */
static void
test_async_sees_other_connections (void)
{
  g_autoptr(MkStore) store = four_days_store ();
  g_autoptr(MkStore) other = NULL;
  g_autoptr(GError) error = NULL;
  MkSettings settings;
  Wait wait = { 0 };

  other = mk_store_open (mk_store_get_path (store), &error);
  g_assert_no_error (error);
  mk_store_get_settings (other, &settings);
  settings.workday_minutes = 420;
  g_assert_true (mk_store_set_settings (other, &settings, &error));
  g_assert_no_error (error);

  run_async (store, MK_ANALYSIS_PERIOD_LAST_DAYS, NULL, NULL, NULL, &wait);
  g_assert_no_error (wait.error);
  g_assert_cmpint (mk_analysis_get_settings (wait.analysis)->workday_minutes, ==, 420);
  wait_clear (&wait);
}

static void
test_async_nothing_logged (void)
{
  g_autoptr(MkStore) store = mk_test_store_new ();
  Wait wait = { 0 };

  run_async (store, MK_ANALYSIS_PERIOD_STUDY, NULL, NULL, NULL, &wait);
  g_assert_no_error (wait.error);
  g_assert_true (mk_analysis_is_empty (wait.analysis));
  g_assert_null (mk_analysis_get_from (wait.analysis));
  g_assert_null (wait.study_name);
  wait_clear (&wait);
}

static void
test_async_cancelled (void)
{
  g_autoptr(MkStore) store = four_days_store ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Wait wait = { 0 };

  g_cancellable_cancel (cancellable);
  run_async (store, MK_ANALYSIS_PERIOD_STUDY, NULL, NULL, cancellable, &wait);
  g_assert_error (wait.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (wait.analysis);
  g_assert_null (wait.study_name);
  wait_clear (&wait);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/analysis-period/week-range", test_week_range);
  g_test_add_func ("/analysis-period/resolve", test_resolve);
  g_test_add_func ("/analysis-period/resolve-nothing-logged", test_resolve_nothing_logged);
  g_test_add_func ("/analysis-period/async-gives-what-sync-gives",
                   test_async_gives_what_sync_gives);
  g_test_add_func ("/analysis-period/async-sees-other-connections",
                   test_async_sees_other_connections);
  g_test_add_func ("/analysis-period/async-nothing-logged", test_async_nothing_logged);
  g_test_add_func ("/analysis-period/async-cancelled", test_async_cancelled);
  return g_test_run ();
}
