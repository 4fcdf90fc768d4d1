/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-store-settings.c — analysis settings, the study period and the timer.
 *
 * Settings live in the database (table `setting`, text values written with
 * the C locale) so that they travel with the data.  A study is the named
 * sample period analysis defaults to; at most one is active.  The running
 * timer is a single row, so that it survives a restart or a crash and keeps
 * counting from its true start.
 */
#define G_LOG_DOMAIN "mk-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mk-error.h"
#include "mk-store-private.h"

/**
 * mk_settings_init_defaults:
 * @settings: (out caller-allocates): the settings to fill
 *
 * A 480-minute workday, findings at ≥ 10 points and ≥ 2 robust deviations
 * from the median, an adequate sample of ≥ 2 days and ≥ 60% coverage,
 * "other" flagged above 10%, prime selling hours 10:00–12:00 and 14:00–17:00.
 */
void
mk_settings_init_defaults (MkSettings *settings)
{
  g_return_if_fail (settings != NULL);

  *settings = (MkSettings) {
    .workday_minutes = 480,
    .over_points = 10.0,
    .over_deviations = 2.0,
    .min_days = 2,
    .min_coverage = 0.60,
    .uncategorised_share = 0.10,
    .n_prime = 2,
    .prime = { { 10 * 60, 12 * 60 }, { 14 * 60, 17 * 60 } },
  };
}

/**
 * mk_store_parse_setting:
 * @settings: settings to change
 * @key: a key of the setting table
 * @value: its value as stored
 *
 * Reads one stored setting into @settings, as opening the file does: an
 * unknown key changes nothing, a value out of range is clamped or left out.
 */
void
mk_store_parse_setting (MkSettings *settings,
                        const char *key,
                        const char *value)
{
  MkSettings *s = settings;

  if (key == NULL || value == NULL)
    return;
  if (g_strcmp0 (key, "workday_minutes") == 0)
    s->workday_minutes = CLAMP (atoi (value), 60, 1440);
  else if (g_strcmp0 (key, "over_points") == 0)
    s->over_points = g_ascii_strtod (value, NULL);
  else if (g_strcmp0 (key, "over_deviations") == 0)
    s->over_deviations = g_ascii_strtod (value, NULL);
  else if (g_strcmp0 (key, "min_days") == 0)
    s->min_days = CLAMP (atoi (value), 1, 31);
  else if (g_strcmp0 (key, "min_coverage") == 0)
    s->min_coverage = g_ascii_strtod (value, NULL);
  else if (g_strcmp0 (key, "uncategorised_share") == 0)
    s->uncategorised_share = g_ascii_strtod (value, NULL);
  else if (g_strcmp0 (key, "prime_hours") == 0)
    {
      g_auto(GStrv) ranges = g_strsplit (value, ",", MK_MAX_PRIME_RANGES);

      s->n_prime = 0;
      for (guint i = 0; ranges[i] != NULL && i < MK_MAX_PRIME_RANGES; i++)
        {
          int a, b;

          if (sscanf (ranges[i], "%d-%d", &a, &b) == 2 && 0 <= a && a < b && b <= 1440)
            {
              s->prime[s->n_prime].start = a;
              s->prime[s->n_prime].end = b;
              s->n_prime++;
            }
        }
    }
}

/**
 * mk_store_load_settings:
 * @self: a store
 * @error: return location for a #GError
 *
 * Reads the settings into the store's cache; unknown keys are ignored and
 * missing ones keep their defaults.  When they cannot be read the cache
 * stays as it was.
 *
 * Returns: %TRUE once read.
 */
gboolean
mk_store_load_settings (MkStore *self,
                        GError **error)
{
  sqlite3_stmt *stmt = mk_store_stmt (self, STMT_SETTING_GET_ALL, error);
  MkSettings read;
  MkSettings *s = &read;
  MkStoreStep step;

  if (stmt == NULL)
    return FALSE;
  mk_settings_init_defaults (s);
  while ((step = mk_store_step (self, stmt, error)) == MK_STORE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);
      const char *value = (const char *) sqlite3_column_text (stmt, 1);

      mk_store_parse_setting (s, key, value);
    }
  if (step == MK_STORE_FAILED)
    return FALSE;
  self->settings = read;
  return TRUE;
}

/**
 * mk_store_get_settings:
 * @self: a store
 * @settings: (out caller-allocates): filled with the stored settings
 */
void
mk_store_get_settings (MkStore    *self,
                       MkSettings *settings)
{
  g_return_if_fail (MK_IS_STORE (self));
  g_return_if_fail (settings != NULL);

  mk_store_sync_external (self);
  *settings = self->settings;
}

static gboolean
set_one (MkStore    *self,
         const char *key,
         const char *value,
         GError    **error)
{
  sqlite3_stmt *stmt = mk_store_stmt (self, STMT_SETTING_SET, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  return mk_store_step_done (self, stmt, error);
}

static gboolean
set_double (MkStore    *self,
            const char *key,
            double      value,
            GError    **error)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  return set_one (self, key, g_ascii_dtostr (buf, sizeof buf, value), error);
}

/**
 * mk_store_write_settings:
 *
 * Writes @settings inside the caller's transaction and caches them.
 */
gboolean
mk_store_write_settings (MkStore          *self,
                         const MkSettings *settings,
                         GError          **error)
{
  g_autofree char *workday = g_strdup_printf ("%d", settings->workday_minutes);
  g_autofree char *min_days = g_strdup_printf ("%d", settings->min_days);
  g_autoptr(GString) prime = g_string_new (NULL);

  for (guint i = 0; i < settings->n_prime; i++)
    g_string_append_printf (prime, "%s%d-%d", i ? "," : "",
                            settings->prime[i].start, settings->prime[i].end);

  if (!set_one (self, "workday_minutes", workday, error) ||
      !set_double (self, "over_points", settings->over_points, error) ||
      !set_double (self, "over_deviations", settings->over_deviations, error) ||
      !set_one (self, "min_days", min_days, error) ||
      !set_double (self, "min_coverage", settings->min_coverage, error) ||
      !set_double (self, "uncategorised_share", settings->uncategorised_share, error) ||
      !set_one (self, "prime_hours", prime->str, error))
    return FALSE;

  self->settings = *settings;
  return TRUE;
}

static gboolean
validate_settings (const MkSettings *s,
                   GError          **error)
{
  if (s->workday_minutes < 60 || s->workday_minutes > 1440)
    {
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_INVALID,
                   _("A workday must be between 1 and 24 hours long."));
      return FALSE;
    }
  if (s->over_points < 0 || s->over_points > 100 || s->over_deviations < 0 ||
      s->over_deviations > 20)
    {
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_INVALID,
                   _("The difference from the team median must be between 0 and 100 points "
                     "and between 0 and 20 deviations."));
      return FALSE;
    }
  if (s->min_days < 1 || s->min_days > 31 || s->min_coverage < 0 || s->min_coverage > 1 ||
      s->uncategorised_share < 0 || s->uncategorised_share > 1)
    {
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_INVALID,
                   _("The minimum sample must be 1 to 31 days and the shares between "
                     "0%% and 100%%."));
      return FALSE;
    }
  if (s->n_prime > MK_MAX_PRIME_RANGES)
    {
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_INVALID,
                   _("At most %d ranges of prime selling hours can be set."),
                   MK_MAX_PRIME_RANGES);
      return FALSE;
    }
  for (guint i = 0; i < s->n_prime; i++)
    if (s->prime[i].start < 0 || s->prime[i].start >= s->prime[i].end ||
        s->prime[i].end > 1440)
      {
        g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_INVALID,
                     _("Each range of prime selling hours must start before it ends, "
                       "within one day."));
        return FALSE;
      }
  for (guint i = 0; i < s->n_prime; i++)
    for (guint j = i + 1; j < s->n_prime; j++)
      if (s->prime[i].start < s->prime[j].end && s->prime[j].start < s->prime[i].end)
        {
          g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_INVALID,
                       _("Two ranges of prime selling hours overlap; the minutes in both "
                         "would count twice. Join them into one range."));
          return FALSE;
        }
  return TRUE;
}

/* Writes the settings; new prime hours change the prime minutes of every
 * day total.  (mk_store_change() puts the cached settings back if this
 * fails.) */
static gboolean
settings_change (MkStore  *self,
                 gpointer  user_data,
                 GError  **error)
{
  const MkSettings *settings = user_data;
  gboolean prime_changed =
    self->settings.n_prime != settings->n_prime ||
    memcmp (self->settings.prime, settings->prime,
            sizeof (MkPrimeRange) * settings->n_prime) != 0;

  return mk_store_write_settings (self, settings, error) &&
         (!prime_changed || mk_store_rebuild_rollups (self, 0, error));
}

/**
 * mk_store_set_settings:
 * @self: a store
 * @settings: the new settings
 * @error: return location for a #GError
 *
 * Stores the settings.  When the prime hours change, the prime-hour minutes
 * of the rollups are recomputed in the same transaction.
 *
 * Returns: %TRUE once committed; %FALSE with MK_STORE_ERROR_INVALID and a
 *   message naming the bad value.
 */
gboolean
mk_store_set_settings (MkStore          *self,
                       const MkSettings *settings,
                       GError          **error)
{
  g_return_val_if_fail (MK_IS_STORE (self), FALSE);
  g_return_val_if_fail (settings != NULL, FALSE);

  if (!validate_settings (settings, error))
    return FALSE;

  return mk_store_change (self, settings_change, (gpointer) settings, error);
}

/**
 * mk_store_get_study:
 * @self: a store
 * @name: (out) (optional) (transfer full): the study's name
 * @from: (out) (optional) (transfer full): its first day
 * @to: (out) (optional) (transfer full): its last day
 *
 * Returns: %TRUE if a study is active; %FALSE when none is, or when the
 *   database cannot be read (a warning says why).
 */
gboolean
mk_store_get_study (MkStore *self,
                    char   **name,
                    char   **from,
                    char   **to)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (MK_IS_STORE (self), FALSE);

  stmt = mk_store_stmt (self, STMT_STUDY_ACTIVE, &error);
  if (stmt == NULL || mk_store_step (self, stmt, &error) != MK_STORE_ROW)
    {
      if (error != NULL)
        g_warning ("%s", error->message);
      return FALSE;
    }
  if (name)
    *name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  if (from)
    *from = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  if (to)
    *to = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  sqlite3_reset (stmt);
  return TRUE;
}

typedef struct {
  const char *name;
  const char *from;
  const char *to;
} StudyRow;

static gboolean
study_change (MkStore  *self,
              gpointer  user_data,
              GError  **error)
{
  StudyRow *study = user_data;

  return mk_store_write_study (self, study->name, study->from, study->to, error);
}

/**
 * mk_store_set_study:
 * @self: a store
 * @name: the study's name ("November sample")
 * @from: first day, "YYYY-MM-DD"
 * @to: last day, "YYYY-MM-DD", not before @from
 * @error: return location for a #GError
 *
 * Makes a new study the active one.
 *
 * Returns: %TRUE once committed.
 */
gboolean
mk_store_set_study (MkStore    *self,
                    const char *name,
                    const char *from,
                    const char *to,
                    GError    **error)
{
  g_autofree char *shown = name ? g_strstrip (g_strdup (name)) : NULL;
  StudyRow study;

  g_return_val_if_fail (MK_IS_STORE (self), FALSE);

  if (!mk_store_valid_day (from) || !mk_store_valid_day (to))
    {
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_INVALID,
                   _("A study needs a first and a last day written as YYYY-MM-DD."));
      return FALSE;
    }
  if (g_strcmp0 (from, to) > 0)
    {
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_INVALID,
                   _("The study ends (%s) before it starts (%s)."), to, from);
      return FALSE;
    }
  if (shown == NULL || *shown == '\0')
    {
      g_free (shown);
      shown = g_strdup (_("Sample"));
    }

  study = (StudyRow) { shown, from, to };
  return mk_store_change (self, study_change, &study, error);
}

/**
 * mk_store_write_study:
 *
 * Makes a new study the active one inside the caller's transaction; the
 * days are valid and ordered.
 */
gboolean
mk_store_write_study (MkStore    *self,
                      const char *name,
                      const char *from,
                      const char *to,
                      GError    **error)
{
  sqlite3_stmt *stmt;

  g_assert (self->in_transaction);

  if (!mk_store_step_done (self, mk_store_stmt (self, STMT_STUDY_DEACTIVATE, error), error))
    return FALSE;
  stmt = mk_store_stmt (self, STMT_STUDY_INSERT, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, to, -1, SQLITE_TRANSIENT);
  return mk_store_step_done (self, stmt, error);
}

/* Runs the statement of the table @user_data (an MkStmt without values). */
static gboolean
run_change (MkStore  *self,
            gpointer  user_data,
            GError  **error)
{
  MkStmt id = (MkStmt) GPOINTER_TO_INT (user_data);

  return mk_store_step_done (self, mk_store_stmt (self, id, error), error);
}

/**
 * mk_store_clear_study:
 * @self: a store
 * @error: return location for a #GError
 *
 * Ends the active study; analysis then uses the last logged days.
 *
 * Returns: %TRUE once committed.
 */
gboolean
mk_store_clear_study (MkStore *self,
                      GError **error)
{
  g_return_val_if_fail (MK_IS_STORE (self), FALSE);

  return mk_store_change (self, run_change, GINT_TO_POINTER (STMT_STUDY_DEACTIVATE), error);
}

/**
 * mk_store_get_timer:
 * @self: a store
 * @person_id: (out) (optional): whose timer it is
 * @category_id: (out) (optional): its category
 * @task: (out) (optional) (transfer full): its task
 * @started_at: (out) (optional) (transfer full): when it started
 *
 * Returns: %TRUE if a timer is running; %FALSE when none is, or when the
 *   database cannot be read (a warning says why).
 */
gboolean
mk_store_get_timer (MkStore    *self,
                    gint64     *person_id,
                    gint64     *category_id,
                    char      **task,
                    GDateTime **started_at)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) at = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (MK_IS_STORE (self), FALSE);

  stmt = mk_store_stmt (self, STMT_TIMER_GET, &error);
  if (stmt == NULL || mk_store_step (self, stmt, &error) != MK_STORE_ROW)
    {
      if (error != NULL)
        g_warning ("%s", error->message);
      return FALSE;
    }
  at = g_date_time_new_from_iso8601 ((const char *) sqlite3_column_text (stmt, 3), NULL);
  if (person_id)
    *person_id = sqlite3_column_int64 (stmt, 0);
  if (category_id)
    *category_id = sqlite3_column_int64 (stmt, 1);
  if (task)
    *task = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  sqlite3_reset (stmt);
  if (started_at)
    *started_at = at != NULL ? g_date_time_ref (at) : NULL;
  return at != NULL;
}

typedef struct {
  gint64      person_id;
  gint64      category_id;
  const char *task;
  const char *when;
} TimerRow;

static gboolean
timer_change (MkStore  *self,
              gpointer  user_data,
              GError  **error)
{
  TimerRow *timer = user_data;
  sqlite3_stmt *stmt = mk_store_stmt (self, STMT_TIMER_SET, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, timer->person_id);
  sqlite3_bind_int64 (stmt, 2, timer->category_id);
  sqlite3_bind_text (stmt, 3, timer->task ? timer->task : "", -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, timer->when, -1, SQLITE_TRANSIENT);
  return mk_store_step_done (self, stmt, error);
}

/**
 * mk_store_start_timer:
 * @self: a store
 * @person_id: who is working
 * @category_id: on what kind of work
 * @task: (nullable): what exactly
 * @started_at: when it started
 * @error: return location for a #GError
 *
 * Starts (or replaces) the running timer.  It is in the database at once, so
 * a restart or a crash keeps it running from @started_at.
 *
 * Returns: %TRUE once committed.
 */
gboolean
mk_store_start_timer (MkStore    *self,
                      gint64      person_id,
                      gint64      category_id,
                      const char *task,
                      GDateTime  *started_at,
                      GError    **error)
{
  g_autoptr(MkPerson) person = NULL;
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *when = NULL;
  TimerRow timer;

  g_return_val_if_fail (MK_IS_STORE (self), FALSE);
  g_return_val_if_fail (started_at != NULL, FALSE);

  person = mk_store_get_person (self, person_id, error);
  if (person == NULL)
    return FALSE;
  if (mk_store_get_category (self, category_id) == NULL)
    {
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_INVALID,
                   _("Choose a category for the timer."));
      return FALSE;
    }

  utc = g_date_time_to_utc (started_at);
  when = g_date_time_format_iso8601 (utc);

  timer = (TimerRow) { person_id, category_id, task, when };
  return mk_store_change (self, timer_change, &timer, error);
}

typedef struct {
  const MkEntryInput *input;
  gint64              id;     /* out: the new entry's */
} StopTimer;

static gboolean
stop_timer_change (MkStore  *self,
                   gpointer  user_data,
                   GError  **error)
{
  StopTimer *stop = user_data;

  return mk_store_insert_entry_row (self, stop->input, &stop->id, error) &&
         mk_store_rollup_add (self, stop->input, +1, error) &&
         mk_store_step_done (self, mk_store_stmt (self, STMT_TIMER_CLEAR, error), error);
}

/**
 * mk_store_stop_timer:
 * @self: a store
 * @stopped_at: when the work stopped
 * @error: return location for a #GError
 *
 * Turns the running timer into an entry (day and start from the local time
 * it started, minutes rounded, at least 1) and removes the timer, in one
 * transaction.
 *
 * Returns: the new entry's id, or 0 with MK_STORE_ERROR_NOT_FOUND (no timer)
 *   or MK_STORE_ERROR_INVALID (it ran longer than a day: cancel it and log
 *   the time by hand).
 */
gint64
mk_store_stop_timer (MkStore   *self,
                     GDateTime *stopped_at,
                     GError   **error)
{
  g_autoptr(GDateTime) started = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *task = NULL;
  g_autofree char *day = NULL;
  MkEntryInput input = { 0 };
  gint64 person_id = 0;
  gint64 category_id = 0;
  StopTimer stop = { NULL, 0 };
  double seconds;

  g_return_val_if_fail (MK_IS_STORE (self), 0);
  g_return_val_if_fail (stopped_at != NULL, 0);

  if (!mk_store_get_timer (self, &person_id, &category_id, &task, &started))
    {
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_NOT_FOUND,
                   _("No timer is running."));
      return 0;
    }
  seconds = g_date_time_difference (stopped_at, started) / (double) G_TIME_SPAN_SECOND;
  if (seconds > 24 * 3600)
    {
      g_set_error (error, MK_STORE_ERROR, MK_STORE_ERROR_INVALID,
                   _("The timer ran for more than a day; it was probably forgotten. "
                     "Cancel it and log the time by hand."));
      return 0;
    }

  local = g_date_time_to_local (started);
  day = g_date_time_format (local, "%Y-%m-%d");
  input.person_id = person_id;
  input.day = day;
  input.start = g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local);
  input.minutes = CLAMP ((int) lround (seconds / 60.0), 1, 1440);
  input.category_id = category_id;
  input.task = task;
  input.source = MK_ENTRY_SOURCE_TIMER;

  stop.input = &input;
  if (!mk_store_validate_entry (self, &input, error) ||
      !mk_store_change (self, stop_timer_change, &stop, error))
    return 0;
  return stop.id;
}

/**
 * mk_store_cancel_timer:
 * @self: a store
 * @error: return location for a #GError
 *
 * Stops the running timer without logging anything.
 *
 * Returns: %TRUE once committed.
 */
gboolean
mk_store_cancel_timer (MkStore *self,
                       GError **error)
{
  g_return_val_if_fail (MK_IS_STORE (self), FALSE);

  return mk_store_change (self, run_change, GINT_TO_POINTER (STMT_TIMER_CLEAR), error);
}
