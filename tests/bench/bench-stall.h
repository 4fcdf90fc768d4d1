/* SPDX-License-Identifier: GPL-3.0-or-later */
/* bench-stall.h — the longest main-loop stall of an action, for the GUI benches.
 *
 * A stall is the time the main thread spends between two polls of the
 * default main context: while it lasts, no input is read and no frame is
 * drawn.  bench_stall_init() puts a poll function on the default context
 * that notes the longest gap between one poll's return and the next poll;
 * whatever the bench calls itself between iterations counts too.
 *
 *   bench_stall_init ();
 *   bench_stall_reset ();
 *   do_the_action ();
 *   while (!done) g_main_context_iteration (NULL, TRUE);
 *   ms = bench_stall_worst ();
 *
 * On a machine that runs other work the wall-clock gap includes the time
 * the main thread waited for a CPU; bench_stall_worst_cpu() gives the most
 * CPU time the main thread used in one gap, which a busy machine does not
 * inflate.  With BENCH_GAPS set in the environment every gap that used
 * more than 15 ms of CPU is printed as it ends, with its start and end on
 * the monotonic clock in seconds, as `perf report --time` takes them (with
 * `perf record -k CLOCK_MONOTONIC`).
 */
#pragma once

#include <glib.h>
#include <time.h>

static gint64 bench_stall_last_return;  /* when the last poll returned, µs */
static gint64 bench_stall_last_cpu;     /* the thread's CPU time then, µs */
static gint64 bench_stall_max;          /* the longest gap since the reset, µs */
static gint64 bench_stall_max_cpu;      /* the most CPU time in one gap, µs */
static gboolean bench_stall_gaps;       /* print the long gaps (BENCH_GAPS) */

static inline gint64
bench_stall_thread_cpu (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static inline gint
bench_stall_poll (GPollFD *fds,
                  guint    n_fds,
                  gint     timeout)
{
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = bench_stall_thread_cpu ();
  gint result;

  if (bench_stall_last_return > 0)
    {
      bench_stall_max = MAX (bench_stall_max, now - bench_stall_last_return);
      bench_stall_max_cpu = MAX (bench_stall_max_cpu, cpu - bench_stall_last_cpu);
      if (bench_stall_gaps && cpu - bench_stall_last_cpu > 15000)
        g_print ("    gap %.1f ms cpu  (at %" G_GINT64_FORMAT ".%06" G_GINT64_FORMAT
                 ",%" G_GINT64_FORMAT ".%06" G_GINT64_FORMAT ")\n",
                 (cpu - bench_stall_last_cpu) / 1000.0,
                 bench_stall_last_return / G_USEC_PER_SEC, bench_stall_last_return % G_USEC_PER_SEC,
                 now / G_USEC_PER_SEC, now % G_USEC_PER_SEC);
    }
  result = g_poll (fds, n_fds, timeout);
  bench_stall_last_return = g_get_monotonic_time ();
  bench_stall_last_cpu = bench_stall_thread_cpu ();
  return result;
}

static inline void
bench_stall_init (void)
{
  bench_stall_gaps = g_getenv ("BENCH_GAPS") != NULL;
  g_main_context_set_poll_func (NULL, bench_stall_poll);
}

static inline void
bench_stall_reset (void)
{
  bench_stall_last_return = g_get_monotonic_time ();
  bench_stall_last_cpu = bench_stall_thread_cpu ();
  bench_stall_max = 0;
  bench_stall_max_cpu = 0;
}

/* The longest stall since the reset, in ms, the one running now included. */
static inline double
bench_stall_worst (void)
{
  gint64 now = g_get_monotonic_time ();

  return MAX (bench_stall_max, now - bench_stall_last_return) / 1000.0;
}

/* The most CPU time the main thread used in one stall since the reset, ms. */
static inline double
bench_stall_worst_cpu (void)
{
  return MAX (bench_stall_max_cpu, bench_stall_thread_cpu () - bench_stall_last_cpu) / 1000.0;
}
