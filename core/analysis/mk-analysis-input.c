/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-analysis-input.c — what the analysis is computed from.
 *
 * An MkAnalysisInput holds, for one period, the categories (with class and
 * target band), the people (with level), and per person × category the sums
 * of the day_total rollup, a histogram of entry lengths and the minutes per
 * folded task text (mk-task-fold.h).  Days logged
 * are kept as a set per person.  Invariants: indexes handed out by the
 * add_* functions stay valid for the life of the input; minutes and counts
 * only grow; adding the same day twice counts it once.
 */
#define G_LOG_DOMAIN "mk-analysis"

#include "config.h"

#include <string.h>

#include "mk-analysis-private.h"

void
mk_analysis_category_free (gpointer data)
{
  MkInCategory *c = data;

  g_free (c->key);
  g_free (c->name);
  g_free (c->color);
  g_free (c);
}

static void
in_cell_free (gpointer data)
{
  MkInCell *cell = data;

  if (cell == NULL)
    return;
  g_clear_pointer (&cell->lengths, g_array_unref);
  g_clear_pointer (&cell->tasks, g_hash_table_unref);
  g_free (cell);
}

static void
in_person_free (gpointer data)
{
  MkInPerson *p = data;

  g_free (p->name);
  g_free (p->email);
  g_hash_table_unref (p->days);
  g_ptr_array_unref (p->cells);
  g_free (p);
}

/**
 * mk_analysis_input_new:
 * @from: (nullable): the first day of the period, "YYYY-MM-DD"
 * @to: (nullable): the last day of the period
 *
 * Returns: (transfer full): an empty input; free with mk_analysis_input_free().
 */
MkAnalysisInput *
mk_analysis_input_new (const char *from,
                       const char *to)
{
  MkAnalysisInput *input = g_new0 (MkAnalysisInput, 1);

  input->from = g_strdup (from);
  input->to = g_strdup (to);
  input->categories = g_ptr_array_new_with_free_func (mk_analysis_category_free);
  input->people = g_ptr_array_new_with_free_func (in_person_free);

  return input;
}

/**
 * mk_analysis_input_free:
 * @input: (nullable): an input
 *
 * Frees @input and everything in it.
 */
void
mk_analysis_input_free (MkAnalysisInput *input)
{
  if (input == NULL)
    return;

  g_free (input->from);
  g_free (input->to);
  g_ptr_array_unref (input->categories);
  g_ptr_array_unref (input->people);
  g_free (input);
}

/**
 * mk_analysis_input_set_period:
 * @input: the input
 * @from: (nullable): the first day of the period, "YYYY-MM-DD"
 * @to: (nullable): the last day of the period
 *
 * Sets the period the rollups cover; the analysis only reports it.
 */
void
mk_analysis_input_set_period (MkAnalysisInput *input,
                              const char      *from,
                              const char      *to)
{
  g_return_if_fail (input != NULL);

  g_free (input->from);
  g_free (input->to);
  input->from = g_strdup (from);
  input->to = g_strdup (to);
}

/**
 * mk_analysis_input_add_category:
 * @input: the input
 * @key: the stable key (`calls`, `admin`, …)
 * @name: the display name
 * @color: (nullable): "#rrggbb"
 * @klass: selling, supporting or non-selling
 * @target_min: the lowest share wanted (0..1), negative for none
 * @target_max: the highest share wanted (0..1), negative for none
 *
 * Returns: the index of the category in @input.
 */
guint
mk_analysis_input_add_category (MkAnalysisInput *input,
                                const char      *key,
                                const char      *name,
                                const char      *color,
                                MkCategoryKind  klass,
                                double           target_min,
                                double           target_max)
{
  MkInCategory *c;

  g_return_val_if_fail (input != NULL, 0);
  g_return_val_if_fail (key != NULL, 0);

  c = g_new0 (MkInCategory, 1);
  c->key = g_strdup (key);
  c->name = g_strdup (name != NULL ? name : key);
  c->color = g_strdup (color != NULL ? color : MK_CATEGORY_FALLBACK_COLOR);
  c->klass = klass;
  mk_target_band_normalize (&target_min, &target_max);
  c->target_min = target_min;
  c->target_max = target_max;
  g_ptr_array_add (input->categories, c);

  return input->categories->len - 1;
}

/**
 * mk_analysis_input_add_person:
 * @input: the input
 * @name: the display name
 * @email: (nullable): the e-mail address
 * @level: the level, or %MK_LEVEL_NONE
 *
 * Returns: the index of the person in @input.
 */
guint
mk_analysis_input_add_person (MkAnalysisInput *input,
                              const char      *name,
                              const char      *email,
                              MkLevel          level)
{
  MkInPerson *p;

  g_return_val_if_fail (input != NULL, 0);
  g_return_val_if_fail (name != NULL, 0);

  p = g_new0 (MkInPerson, 1);
  p->name = g_strdup (name);
  p->email = g_strdup (email);
  p->level = level;
  p->days = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  p->cells = g_ptr_array_new_with_free_func (in_cell_free);
  g_ptr_array_add (input->people, p);

  return input->people->len - 1;
}

static MkInCell *
ensure_cell (MkAnalysisInput *input,
             guint            person,
             guint            category)
{
  MkInPerson *p = g_ptr_array_index (input->people, person);

  if (p->cells->len <= category)
    g_ptr_array_set_size (p->cells, category + 1);
  if (g_ptr_array_index (p->cells, category) == NULL)
    g_ptr_array_index (p->cells, category) = g_new0 (MkInCell, 1);

  return g_ptr_array_index (p->cells, category);
}

/**
 * mk_analysis_input_add_day:
 * @input: the input
 * @person: a person index from mk_analysis_input_add_person()
 * @day: the day, "YYYY-MM-DD"
 * @category: a category index from mk_analysis_input_add_category()
 * @minutes: minutes logged that day in that category
 * @n_entries: how many entries they came from
 * @prime_minutes: how many of the timed minutes fall inside the prime hours
 * @timed_minutes: how many of @minutes have a start time
 *
 * Adds one row of the day_total rollup.  A day counts as logged for the
 * person when any row with minutes > 0 names it.
 */
void
mk_analysis_input_add_day (MkAnalysisInput *input,
                           guint            person,
                           const char      *day,
                           guint            category,
                           int              minutes,
                           int              n_entries,
                           int              prime_minutes,
                           int              timed_minutes)
{
  MkInPerson *p;
  MkInCell *cell;

  g_return_if_fail (input != NULL);
  g_return_if_fail (person < input->people->len);
  g_return_if_fail (category < input->categories->len);
  g_return_if_fail (day != NULL);

  if (minutes <= 0)
    return;

  p = g_ptr_array_index (input->people, person);
  if (!g_hash_table_contains (p->days, day))
    g_hash_table_add (p->days, g_strdup (day));

  cell = ensure_cell (input, person, category);
  cell->minutes += minutes;
  cell->entries += MAX (n_entries, 0);
  cell->prime_minutes += CLAMP (prime_minutes, 0, minutes);
  cell->timed_minutes += CLAMP (timed_minutes, 0, minutes);
}

/**
 * mk_analysis_input_add_length:
 * @input: the input
 * @person: a person index
 * @category: a category index
 * @minutes: an entry length in minutes
 * @count: how many entries of @person in @category have that length
 *
 * Adds one bin of the entry-length histogram used for median entry lengths.
 */
void
mk_analysis_input_add_length (MkAnalysisInput *input,
                              guint            person,
                              guint            category,
                              int              minutes,
                              int              count)
{
  MkInCell *cell;
  MkLengthBin bin = { minutes, count };

  g_return_if_fail (input != NULL);
  g_return_if_fail (person < input->people->len);
  g_return_if_fail (category < input->categories->len);

  if (minutes <= 0 || count <= 0)
    return;

  cell = ensure_cell (input, person, category);
  if (cell->lengths == NULL)
    cell->lengths = g_array_new (FALSE, FALSE, sizeof (MkLengthBin));
  g_array_append_val (cell->lengths, bin);
}

/**
 * mk_analysis_input_add_task:
 * @input: the input
 * @person: a person index
 * @category: a category index
 * @key: the folded task text (mk_task_fold()), "" for no description
 * @label: (nullable): how the key reads (mk_task_fold_into()), or %NULL
 *   for the key itself
 * @minutes: minutes of @person's entries in @category with that key
 * @entries: how many entries they are
 *
 * Adds to "what the time went on".  The same key added again adds up; the
 * label kept is the first in byte order, so "CRM entry" wins over "crm
 * entry" whatever the order of the calls.
 */
void
mk_analysis_input_add_task (MkAnalysisInput *input,
                            guint            person,
                            guint            category,
                            const char      *key,
                            const char      *label,
                            int              minutes,
                            int              entries)
{
  MkInCell *cell;
  MkTopTask *task;

  g_return_if_fail (input != NULL);
  g_return_if_fail (person < input->people->len);
  g_return_if_fail (category < input->categories->len);
  g_return_if_fail (key != NULL);

  if (minutes <= 0)
    return;
  if (label == NULL)
    label = key;

  cell = ensure_cell (input, person, category);
  if (cell->tasks == NULL)
    cell->tasks = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, mk_top_task_free);
  task = g_hash_table_lookup (cell->tasks, key);
  if (task == NULL)
    {
      task = g_new0 (MkTopTask, 1);
      task->key = g_strdup (key);
      task->label = g_strdup (label);
      g_hash_table_insert (cell->tasks, task->key, task);
    }
  else if (strcmp (label, task->label) < 0)
    {
      g_free (task->label);
      task->label = g_strdup (label);
    }
  task->minutes += minutes;
  task->entries += MAX (entries, 0);
}

/**
 * mk_analysis_input_get_n_people:
 * @input: the input
 *
 * Returns: how many people were added.
 */
guint
mk_analysis_input_get_n_people (MkAnalysisInput *input)
{
  g_return_val_if_fail (input != NULL, 0);

  return input->people->len;
}

/**
 * mk_analysis_input_find_category:
 * @input: the input
 * @key: a category key
 *
 * Returns: the index of the category with @key, or -1.
 */
int
mk_analysis_input_find_category (MkAnalysisInput *input,
                                 const char      *key)
{
  g_return_val_if_fail (input != NULL, -1);

  for (guint i = 0; i < input->categories->len; i++)
    {
      MkInCategory *c = g_ptr_array_index (input->categories, i);

      if (g_strcmp0 (c->key, key) == 0)
        return (int) i;
    }

  return -1;
}

/**
 * mk_analysis_input_find_person:
 * @input: the input
 * @name: a display name, compared exactly
 *
 * Returns: the index of the person called @name, or -1.
 */
int
mk_analysis_input_find_person (MkAnalysisInput *input,
                               const char      *name)
{
  g_return_val_if_fail (input != NULL, -1);

  for (guint i = 0; i < input->people->len; i++)
    {
      MkInPerson *p = g_ptr_array_index (input->people, i);

      if (g_strcmp0 (p->name, name) == 0)
        return (int) i;
    }

  return -1;
}

const MkInCell *
mk_analysis_input_peek_cell (const MkAnalysisInput *input,
                             guint                  person,
                             guint                  category)
{
  MkInPerson *p = g_ptr_array_index (input->people, person);

  if (category >= p->cells->len)
    return NULL;

  return g_ptr_array_index (p->cells, category);
}

void
mk_top_task_free (gpointer data)
{
  MkTopTask *task = data;

  g_free (task->key);
  g_free (task->label);
  g_free (task);
}

static int
compare_tasks (gconstpointer a,
               gconstpointer b)
{
  const MkTopTask *x = *(MkTopTask * const *) a;
  const MkTopTask *y = *(MkTopTask * const *) b;

  if (x->minutes != y->minutes)
    return x->minutes < y->minutes ? 1 : -1;
  return strcmp (x->key, y->key);
}

/* The MK_ANALYSIS_TOP_TASKS tasks of @tasks (key → MkTopTask) with the most
 * minutes, ties by key, each with its share of @category_minutes.
 * Returns: (transfer full): a new array of copies. */
GPtrArray *
mk_top_tasks_pick (GHashTable *tasks,
                   gint64      category_minutes)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  GPtrArray *top = g_ptr_array_new_with_free_func (mk_top_task_free);
  GHashTableIter iter;
  gpointer value;

  if (tasks == NULL)
    return top;
  g_hash_table_iter_init (&iter, tasks);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (all, value);
  g_ptr_array_sort (all, compare_tasks);

  for (guint i = 0; i < all->len && i < MK_ANALYSIS_TOP_TASKS; i++)
    {
      const MkTopTask *src = g_ptr_array_index (all, i);
      MkTopTask *copy = g_new0 (MkTopTask, 1);

      copy->key = g_strdup (src->key);
      copy->label = g_strdup (src->label);
      copy->minutes = src->minutes;
      copy->entries = src->entries;
      copy->share = category_minutes > 0 ? (double) src->minutes / (double) category_minutes : 0;
      g_ptr_array_add (top, copy);
    }
  return top;
}

static int
compare_bins (gconstpointer a,
              gconstpointer b)
{
  const MkLengthBin *x = a;
  const MkLengthBin *y = b;

  return (x->minutes > y->minutes) - (x->minutes < y->minutes);
}

/* The value below which half of the entries lie, averaging the two middle
 * entries when the count is even; 0 for no entries.  Sorts @bins. */
double
mk_length_bins_median (GArray *bins)
{
  gint64 total = 0;
  gint64 lo;
  gint64 hi;
  gint64 seen = 0;
  double lo_value = 0;
  double hi_value = 0;
  gboolean have_lo = FALSE;

  if (bins == NULL || bins->len == 0)
    return 0;

  g_array_sort (bins, compare_bins);
  for (guint i = 0; i < bins->len; i++)
    total += g_array_index (bins, MkLengthBin, i).count;
  if (total == 0)
    return 0;

  /* 0-based positions of the middle entries. */
  lo = (total - 1) / 2;
  hi = total / 2;
  for (guint i = 0; i < bins->len; i++)
    {
      const MkLengthBin *bin = &g_array_index (bins, MkLengthBin, i);

      seen += bin->count;
      if (!have_lo && seen > lo)
        {
          lo_value = bin->minutes;
          have_lo = TRUE;
        }
      if (seen > hi)
        {
          hi_value = bin->minutes;
          break;
        }
    }

  return (lo_value + hi_value) / 2.0;
}

/* Copies person @person of @from into @into, the categories matched by
 * key (a category @into does not have is left out). */
static void
copy_person (MkAnalysisInput       *into,
             const MkAnalysisInput *from,
             guint                  person)
{
  MkInPerson *p = g_ptr_array_index (from->people, person);
  guint to_person = mk_analysis_input_add_person (into, p->name, p->email, p->level);
  MkInPerson *q = g_ptr_array_index (into->people, to_person);
  GHashTableIter iter;
  gpointer day;

  g_hash_table_iter_init (&iter, p->days);
  while (g_hash_table_iter_next (&iter, &day, NULL))
    g_hash_table_add (q->days, g_strdup (day));

  for (guint c = 0; c < p->cells->len; c++)
    {
      const MkInCell *cell = g_ptr_array_index (p->cells, c);
      MkInCategory *category = g_ptr_array_index (from->categories, c);
      int to_category;
      MkInCell *copy;

      if (cell == NULL)
        continue;
      to_category = mk_analysis_input_find_category (into, category->key);
      if (to_category < 0)
        continue;
      copy = ensure_cell (into, to_person, (guint) to_category);
      copy->minutes += cell->minutes;
      copy->entries += cell->entries;
      copy->prime_minutes += cell->prime_minutes;
      copy->timed_minutes += cell->timed_minutes;
      for (guint i = 0; cell->lengths != NULL && i < cell->lengths->len; i++)
        {
          MkLengthBin *bin = &g_array_index (cell->lengths, MkLengthBin, i);

          mk_analysis_input_add_length (into, to_person, (guint) to_category, bin->minutes,
                                        bin->count);
        }
      if (cell->tasks != NULL)
        {
          GHashTableIter tasks;
          gpointer value;

          g_hash_table_iter_init (&tasks, cell->tasks);
          while (g_hash_table_iter_next (&tasks, NULL, &value))
            {
              MkTopTask *task = value;

              mk_analysis_input_add_task (into, to_person, (guint) to_category, task->key,
                                          task->label, (int) task->minutes,
                                          (int) task->entries);
            }
        }
    }
}

/**
 * mk_analysis_input_new_mine:
 * @mine: what a manager's own database holds (mk_analysis_input_new_from_store())
 * @me: the manager's name in @mine
 * @team: (nullable): the rest of the team, without the manager: the
 *   anonymous totals (mk_team_read_totals())
 *
 * "My analysis": one input with the manager's own numbers (entries,
 * lengths, what the time went on, prime hours, from @mine) and everybody
 * else from @team, over @mine's period and categories (a category of @team
 * @mine does not have is left out).  Analysed in team mode it gives the
 * manager's result against the team's medians — the same medians the
 * supervisor's analysis computes from everybody's entries — and the
 * findings the supervisor sees about the manager.  Other people of @mine
 * (a database used before joining) are left out.
 *
 * Returns: (transfer full): the input.
 */
MkAnalysisInput *
mk_analysis_input_new_mine (const MkAnalysisInput *mine,
                            const char            *me,
                            const MkAnalysisInput *team)
{
  MkAnalysisInput *input;
  int person;

  g_return_val_if_fail (mine != NULL, NULL);
  g_return_val_if_fail (me != NULL, NULL);

  input = mk_analysis_input_new (mine->from, mine->to);
  for (guint i = 0; i < mine->categories->len; i++)
    {
      MkInCategory *c = g_ptr_array_index (mine->categories, i);

      mk_analysis_input_add_category (input, c->key, c->name, c->color, c->klass,
                                      c->target_min, c->target_max);
    }
  person = mk_analysis_input_find_person ((MkAnalysisInput *) mine, me);
  if (person >= 0)
    copy_person (input, mine, (guint) person);
  for (guint i = 0; team != NULL && i < team->people->len; i++)
    copy_person (input, team, i);
  return input;
}
