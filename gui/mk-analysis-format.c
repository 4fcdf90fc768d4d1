/* mk-analysis-format.c — the analysis's numbers as the pages write them.
 *
 * The chart's tooltips, its accessible table, the findings list and the
 * manager detail all say "47%", "median 16%", "target ≤ 20%" and
 * "23–25 Nov 2026" the same way; this module is where those words live.
 * It formats numbers core computed and computes nothing itself.  A number
 * that does not apply (NAN, a negative bound) comes out as a dash or not at
 * all, never as "nan%".
 */
#define G_LOG_DOMAIN "mk-analysis-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "mk-analysis-format.h"

/**
 * mk_format_percent:
 * @share: a fraction, 0..1, or NAN
 *
 * Returns: (transfer full): "47%", or "—" when @share is not a number.
 */
char *
mk_format_percent (double share)
{
  if (isnan (share))
    return g_strdup ("—");
  /* TRANSLATORS: a share of time, e.g. "47%". */
  return g_strdup_printf (_("%.0f%%"), share * 100.0);
}

/**
 * mk_format_minutes:
 * @minutes: a duration in minutes
 *
 * Returns: (transfer full): "45 min" below two hours, else "3 h 20 min".
 */
char *
mk_format_minutes (double minutes)
{
  int total = (int) lround (minutes);

  if (isnan (minutes))
    return g_strdup ("—");
  if (total < 120)
    return g_strdup_printf (_("%d min"), total);
  if (total % 60 == 0)
    return g_strdup_printf (_("%d h"), total / 60);
  return g_strdup_printf (_("%d h %d min"), total / 60, total % 60);
}

/**
 * mk_format_target:
 * @target_min: the lowest share wanted, or negative for none
 * @target_max: the highest share wanted, or negative for none
 *
 * Returns: (transfer full) (nullable): "target ≤ 20%", "target ≥ 35%",
 *   "target 10–15%", or %NULL when the category has no target.
 */
char *
mk_format_target (double target_min,
                  double target_max)
{
  gboolean has_min = !isnan (target_min) && target_min >= 0;
  gboolean has_max = !isnan (target_max) && target_max >= 0 && target_max < 1.0;

  if (has_min && target_min <= 0)
    has_min = FALSE;
  if (has_min && has_max)
    return g_strdup_printf (_("target %.0f–%.0f%%"), target_min * 100, target_max * 100);
  if (has_max)
    return g_strdup_printf (_("target ≤ %.0f%%"), target_max * 100);
  if (has_min)
    return g_strdup_printf (_("target ≥ %.0f%%"), target_min * 100);
  return NULL;
}

/**
 * mk_format_median:
 * @manager: (nullable): the manager the median is compared with, or %NULL
 *   for the whole team
 * @median: the median share
 *
 * Names the peer group the way the engine chose it for @manager.
 *
 * Returns: (transfer full): "team median 16%" or "level median 16%".
 */
char *
mk_format_median (MkManagerResult *manager,
                  double           median)
{
  g_autofree char *percent = mk_format_percent (median);

  if (manager != NULL && mk_manager_result_get_peer_is_level (manager))
    return g_strdup_printf (_("level median %s"), percent);
  return g_strdup_printf (_("team median %s"), percent);
}

static GDateTime *
parse_day (const char *day)
{
  int y, m, d;

  if (day == NULL || sscanf (day, "%d-%d-%d", &y, &m, &d) != 3)
    return NULL;
  return g_date_time_new_local (y, m, d, 0, 0, 0);
}

/**
 * mk_format_period:
 * @from: (nullable): the first day, "YYYY-MM-DD"
 * @to: (nullable): the last day, "YYYY-MM-DD"
 *
 * Returns: (transfer full): the period in the user's locale, e.g.
 *   "23 Nov 2026 – 25 Nov 2026", or one date when both are the same.
 */
char *
mk_format_period (const char *from,
                  const char *to)
{
  g_autoptr(GDateTime) a = parse_day (from);
  g_autoptr(GDateTime) b = parse_day (to);
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  if (a == NULL || b == NULL)
    return g_strdup (_("No period"));
  /* TRANSLATORS: a day in a period, strftime format: "23 Nov 2026". */
  first = g_date_time_format (a, _("%e %b %Y"));
  last = g_date_time_format (b, _("%e %b %Y"));
  g_strstrip (first);
  g_strstrip (last);
  if (g_strcmp0 (from, to) == 0)
    return g_steal_pointer (&first);
  return g_strdup_printf ("%s – %s", first, last);
}

/**
 * mk_format_finding:
 * @finding: a finding
 *
 * The engine's sentence without the "Name: " it starts with, for a list
 * that is already grouped under the manager's name.
 *
 * Returns: (transfer full): the sentence, first letter capitalised.
 */
char *
mk_format_finding (MkFinding *finding)
{
  const char *message = mk_finding_get_message (finding);
  const char *name = mk_finding_get_person_name (finding);
  gsize len = name != NULL ? strlen (name) : 0;
  GString *text;
  gunichar first;

  if (message == NULL)
    return g_strdup ("");
  if (len > 0 && strncmp (message, name, len) == 0 && message[len] == ':' && message[len + 1] == ' ')
    message += len + 2;

  text = g_string_new (NULL);
  first = g_utf8_get_char (message);
  g_string_append_unichar (text, g_unichar_toupper (first));
  g_string_append (text, g_utf8_next_char (message));
  return g_string_free (text, FALSE);
}

/**
 * mk_severity_icon_name:
 * @severity: a severity
 *
 * Returns: the symbolic icon shown beside a finding of @severity.
 */
const char *
mk_severity_icon_name (MkSeverity severity)
{
  switch (severity)
    {
    case MK_SEVERITY_CRITICAL:
      return "dialog-error-symbolic";
    case MK_SEVERITY_WARNING:
      return "dialog-warning-symbolic";
    case MK_SEVERITY_INFO:
    default:
      return "dialog-information-symbolic";
    }
}
