/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-team-totals.c — the team's anonymous totals, as an analysis input.
 *
 * A manager may read only their own entries, but the view
 * minutka.team_totals (mk-team-server.c) gives every member the minutes
 * per person, day and category of the whole team, each person under an
 * anonymous key.  Built into an MkAnalysisInput with the local database's
 * categories (the team's, received with each sync), they give the same
 * team medians the supervisor's analysis computes from the entries: "my
 * day against the team's" without anybody's name.  The prime-hour minutes
 * are not in the totals (they depend on the start times), so findings of
 * timing are not made from them.
 */
#define G_LOG_DOMAIN "mk-team"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "mk-team-private.h"
#include "mk-team-server.h"
#include "mk-team-totals.h"

/**
 * mk_team_read_totals:
 * @store: a store in a team
 * @password: (nullable): the login's password, or %NULL to let libpq find it
 * @from: the first day, "YYYY-MM-DD"
 * @to: the last day
 * @error: return location for a #GError
 *
 * Reads the team's anonymous totals of the period from the server.  The
 * people of the input are "Member 1", "Member 2", … in the order of their
 * anonymous keys.
 *
 * Returns: (transfer full) (nullable): the input, or %NULL with @error set.
 */
MkAnalysisInput *
mk_team_read_totals (MkStore    *store,
                     const char *password,
                     const char *from,
                     const char *to,
                     GError    **error)
{
  g_autoptr(MkTeamLink) link = NULL;
  g_autoptr(PGconn) conn = NULL;
  g_autoptr(PGresult) rows = NULL;
  g_autoptr(GListModel) categories = NULL;
  g_autoptr(MkAnalysisInput) input = NULL;
  g_autoptr(GHashTable) members = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *values[] = { from, to };

  g_return_val_if_fail (MK_IS_STORE (store), NULL);
  g_return_val_if_fail (from != NULL && to != NULL, NULL);

  link = mk_team_link_read (store, error);
  if (link == NULL)
    return NULL;
  conn = mk_team_connect (link->conninfo, password, error);
  if (conn == NULL || !mk_team_check_schema (conn, NULL, error))
    return NULL;
  rows = mk_team_query (conn,
                        "SELECT member, to_char (day, 'YYYY-MM-DD'), category, minutes, entries, "
                        "timed_minutes FROM minutka.team_totals "
                        "WHERE day BETWEEN $1::date AND $2::date ORDER BY member, day, category",
                        2, values, _("reading the team's totals"), error);
  if (rows == NULL)
    return NULL;

  input = mk_analysis_input_new (from, to);
  categories = mk_store_list_categories (store, TRUE);
  for (guint i = 0; i < g_list_model_get_n_items (categories); i++)
    {
      g_autoptr(MkCategory) c = g_list_model_get_item (categories, i);

      mk_analysis_input_add_category (input, mk_category_get_key (c), mk_category_get_name (c),
                                      mk_category_get_color (c), mk_category_get_kind (c),
                                      mk_category_get_target_min (c),
                                      mk_category_get_target_max (c));
    }
  for (int i = 0; i < PQntuples (rows); i++)
    {
      const char *member = PQgetvalue (rows, i, 0);
      int category = mk_analysis_input_find_category (input, PQgetvalue (rows, i, 2));
      gpointer person;

      if (category < 0)
        continue;
      if (!g_hash_table_lookup_extended (members, member, NULL, &person))
        {
          g_autofree char *name =
            g_strdup_printf (_("Member %u"), g_hash_table_size (members) + 1);

          person = GUINT_TO_POINTER (mk_analysis_input_add_person (input, name, NULL,
                                                                   MK_LEVEL_NONE));
          g_hash_table_insert (members, g_strdup (member), person);
        }
      mk_analysis_input_add_day (input, GPOINTER_TO_UINT (person), PQgetvalue (rows, i, 1),
                                 (guint) category, atoi (PQgetvalue (rows, i, 3)),
                                 atoi (PQgetvalue (rows, i, 4)), 0,
                                 atoi (PQgetvalue (rows, i, 5)));
    }
  return g_steal_pointer (&input);
}
