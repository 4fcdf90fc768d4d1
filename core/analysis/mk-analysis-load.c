/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-analysis-load.c — fills an MkAnalysisInput from the store.
 *
 * Reads only the rollups (day_total with its entry-length histograms and
 * task lists) for the period, plus the people and categories, so loading
 * costs people × days × categories × folded task texts whatever the number
 * of entries.  Every category (archived ones
 * too, since old entries may use them) is in the input, in the store's sort
 * order; a person is in it only when they logged time in the period, in the
 * store's name order.
 */
#define G_LOG_DOMAIN "mk-analysis"

#include "config.h"

#include "mk-analysis.h"

typedef struct {
  MkStore         *store;
  MkAnalysisInput *input;
  GHashTable      *people;       /* person id → MkPerson (borrowed from the list) */
  GHashTable      *person_index; /* person id → index + 1 */
  GHashTable      *categories;   /* category id → index + 1 */
  /* The last (person, category) a task came for, and their indexes: the
   * items of one day total come one after the other. */
  gint64           last_person_id;
  gint64           last_category_id;
  guint            last_person;
  int              last_category;
} Loader;

static guint
person_for (Loader *loader,
            gint64  person_id)
{
  gpointer found = g_hash_table_lookup (loader->person_index, &person_id);
  MkPerson *person;
  gint64 *key;
  guint index;

  if (found != NULL)
    return GPOINTER_TO_UINT (found) - 1;

  person = g_hash_table_lookup (loader->people, &person_id);
  if (person != NULL)
    index = mk_analysis_input_add_person (loader->input, mk_person_get_name (person),
                                          mk_person_get_email (person),
                                          mk_person_get_level (person));
  else
    {
      /* A row whose person vanished cannot happen with foreign keys on;
       * keep the minutes rather than drop them silently. */
      g_autofree char *name = g_strdup_printf ("#%" G_GINT64_FORMAT, person_id);

      index = mk_analysis_input_add_person (loader->input, name, NULL, MK_LEVEL_NONE);
    }

  key = g_new (gint64, 1);
  *key = person_id;
  g_hash_table_insert (loader->person_index, key, GUINT_TO_POINTER (index + 1));
  return index;
}

static gboolean
category_for (Loader *loader,
              gint64  category_id,
              guint  *index)
{
  gpointer found = g_hash_table_lookup (loader->categories, &category_id);

  if (found == NULL)
    return FALSE;
  *index = GPOINTER_TO_UINT (found) - 1;
  return TRUE;
}

static void
day_total_cb (gint64      person_id,
              const char *day,
              gint64      category_id,
              int         minutes,
              int         n_entries,
              int         prime_minutes,
              int         timed_minutes,
              gpointer    user_data)
{
  Loader *loader = user_data;
  guint category;

  if (!category_for (loader, category_id, &category))
    return;
  mk_analysis_input_add_day (loader->input, person_for (loader, person_id), day, category,
                             minutes, n_entries, prime_minutes, timed_minutes);
}

/* The indexes of a (person, category) of the details, looked up once for
 * the items of a day total, which come one after the other.  Returns
 * FALSE for a category the input does not have. */
static gboolean
resolve (Loader *loader,
         gint64  person_id,
         gint64  category_id,
         guint  *person,
         guint  *category)
{
  if (person_id != loader->last_person_id || category_id != loader->last_category_id)
    {
      guint index;

      loader->last_person_id = person_id;
      loader->last_category_id = category_id;
      loader->last_person = person_for (loader, person_id);
      loader->last_category = category_for (loader, category_id, &index) ? (int) index : -1;
    }
  *person = loader->last_person;
  *category = (guint) loader->last_category;
  return loader->last_category >= 0;
}

static void
length_cb (gint64   person_id,
           gint64   category_id,
           int      minutes,
           int      count,
           gpointer user_data)
{
  Loader *loader = user_data;
  guint person, category;

  if (resolve (loader, person_id, category_id, &person, &category))
    mk_analysis_input_add_length (loader->input, person, category, minutes, count);
}

static void
task_cb (gint64      person_id,
         gint64      category_id,
         const char *key,
         const char *label,
         int         minutes,
         int         entries,
         gpointer    user_data)
{
  Loader *loader = user_data;
  guint person, category;

  if (resolve (loader, person_id, category_id, &person, &category))
    mk_analysis_input_add_task (loader->input, person, category, key, label, minutes, entries);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  MkPerson *x = *(MkPerson **) a;
  MkPerson *y = *(MkPerson **) b;

  return g_utf8_collate (mk_person_get_name (x), mk_person_get_name (y));
}

/**
 * mk_analysis_input_new_from_store:
 * @store: the store
 * @from: the first day of the period, "YYYY-MM-DD"
 * @to: the last day of the period, "YYYY-MM-DD"
 * @error: return location for a #GError
 *
 * Reads the rollups of the period.  People appear in name order; those who
 * logged nothing in the period are left out.
 *
 * Returns: (transfer full) (nullable): the input, or %NULL with @error set
 *   (MK_STORE_ERROR) when the database cannot be read.
 */
MkAnalysisInput *
mk_analysis_input_new_from_store (MkStore     *store,
                                  const char  *from,
                                  const char  *to,
                                  GError     **error)
{
  g_autoptr(MkAnalysisInput) input = NULL;
  g_autoptr(GListModel) categories = NULL;
  g_autoptr(GListModel) people = NULL;
  g_autoptr(GPtrArray) sorted = NULL;
  g_autoptr(GHashTable) people_by_id = NULL;
  g_autoptr(GHashTable) person_index = NULL;
  g_autoptr(GHashTable) category_index = NULL;
  Loader loader;
  guint n;

  g_return_val_if_fail (MK_IS_STORE (store), NULL);
  g_return_val_if_fail (from != NULL && to != NULL, NULL);

  input = mk_analysis_input_new (from, to);
  category_index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  people_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  person_index = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  categories = mk_store_list_categories (store, TRUE);
  n = g_list_model_get_n_items (categories);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MkCategory) cat = g_list_model_get_item (categories, i);
      gint64 *key = g_new (gint64, 1);
      guint index;

      index = mk_analysis_input_add_category (input, mk_category_get_key (cat),
                                              mk_category_get_name (cat),
                                              mk_category_get_color (cat),
                                              mk_category_get_kind (cat),
                                              mk_category_get_target_min (cat),
                                              mk_category_get_target_max (cat));
      *key = mk_category_get_id (cat);
      g_hash_table_insert (category_index, key, GUINT_TO_POINTER (index + 1));
    }

  /* Add people in name order up front, so the report lists them sorted;
   * the ones without time in the period get no result. */
  people = mk_store_list_people (store, TRUE, error);
  if (people == NULL)
    return NULL;
  n = g_list_model_get_n_items (people);
  sorted = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      MkPerson *person = g_list_model_get_item (people, i);
      gint64 *key = g_new (gint64, 1);

      *key = mk_person_get_id (person);
      g_hash_table_insert (people_by_id, key, person);
      g_ptr_array_add (sorted, person);
    }
  g_ptr_array_sort (sorted, compare_names);

  loader = (Loader) { store, input, people_by_id, person_index, category_index, 0, 0, 0, -1 };
  for (guint i = 0; i < sorted->len; i++)
    person_for (&loader, mk_person_get_id (g_ptr_array_index (sorted, i)));

  if (!mk_store_foreach_day_total (store, from, to, day_total_cb, &loader, error))
    return NULL;
  if (!mk_store_foreach_detail (store, from, to, length_cb, task_cb, &loader, error))
    return NULL;

  return g_steal_pointer (&input);
}

/**
 * mk_analysis_new_for_store:
 * @store: the store
 * @from: (nullable): the first day, or %NULL for the default period
 * @to: (nullable): the last day, or %NULL for the default period
 * @mode: whole team, or by level
 * @error: return location for a #GError
 *
 * Reads the period's rollups and the store's settings and analyses them:
 * what the command line needs in one call (the Analysis page asks for a
 * period: mk_analysis_new_for_period_async()).  When either day is %NULL,
 * both come from mk_analysis_default_period(); with nothing logged at all
 * the analysis is empty (mk_analysis_is_empty()) and has no period.
 *
 * Returns: (transfer full) (nullable): the analysis, or %NULL with @error
 *   (MK_STORE_ERROR) when the database cannot be read.
 */
MkAnalysis *
mk_analysis_new_for_store (MkStore     *store,
                           const char  *from,
                           const char  *to,
                           MkPeerMode   mode,
                           GError     **error)
{
  g_autofree char *default_from = NULL;
  g_autofree char *default_to = NULL;
  g_autoptr(MkAnalysisInput) input = NULL;
  MkSettings settings;

  g_return_val_if_fail (MK_IS_STORE (store), NULL);

  if (from == NULL || to == NULL)
    {
      if (mk_analysis_default_period (store, &default_from, &default_to))
        {
          from = default_from;
          to = default_to;
        }
      else
        {
          /* Nothing logged: an empty analysis of no particular period. */
          input = mk_analysis_input_new (NULL, NULL);
        }
    }

  if (input == NULL)
    input = mk_analysis_input_new_from_store (store, from, to, error);
  if (input == NULL)
    return NULL;

  mk_store_get_settings (store, &settings);
  return mk_analysis_new (input, &settings, mode);
}
