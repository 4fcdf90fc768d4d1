/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-supervisor-note.c — the team's settings read-only on a manager's
 * desktop.
 *
 * A desktop in a team with a manager's login (mk_team_get_status(), a local
 * read: not the supervisor) gets its categories (with their words and
 * targets), analysis settings, prime hours and study period from the team;
 * core refuses to change them locally (MK_STORE_ERROR_TEAM_OWNED).  So
 * Preferences does not offer it: on such a page every group is greyed
 * (insensitive: still readable) and a note on top says that the team's
 * supervisor sets these.  The note is one group put before the page's
 * first group; it and the greying follow the store (a join or a leave
 * while Preferences is open).
 */
#define G_LOG_DOMAIN "mk-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "mk-supervisor-note.h"
#include "mk-team.h"

#define NOTE_KEY "mk-supervisor-note"

/**
 * mk_supervisor_note_is_team_owned:
 * @store: (nullable): a store
 *
 * Returns: whether @store is in a team with a manager's login, so that the
 *   team's settings are the supervisor's to change.
 */
gboolean
mk_supervisor_note_is_team_owned (MkStore *store)
{
  g_autoptr(MkTeamStatus) status = store != NULL ? mk_team_get_status (store, NULL) : NULL;

  return status != NULL && !status->supervisor;
}

static GtkWidget *
new_note (void)
{
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("system-users-symbolic");

  gtk_widget_set_name (group, "supervisor_note");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 _("The team’s supervisor sets these"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               _("They come to this desktop with each sync. To change them, "
                                 "ask your supervisor."));
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
  return group;
}

/* Greys every group under @widget but @note (groups are not searched
 * inside). */
static void
set_groups_sensitive (GtkWidget *widget,
                      GtkWidget *note,
                      gboolean   sensitive,
                      GtkWidget **first)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (child == note)
        continue;
      if (ADW_IS_PREFERENCES_GROUP (child))
        {
          if (*first == NULL)
            *first = child;
          gtk_widget_set_sensitive (child, sensitive);
        }
      else
        set_groups_sensitive (child, note, sensitive, first);
    }
}

/**
 * mk_supervisor_note_apply:
 * @page: a page of Preferences holding team settings
 * @owned: whether they are the supervisor's (see
 *   mk_supervisor_note_is_team_owned())
 *
 * Greys the page's groups and shows the note on top, or the other way
 * round.
 */
void
mk_supervisor_note_apply (AdwPreferencesPage *page,
                          gboolean            owned)
{
  GtkWidget *note = g_object_get_data (G_OBJECT (page), NOTE_KEY);
  GtkWidget *first = NULL;
  GtkRoot *root;
  GtkWidget *focus;

  g_return_if_fail (ADW_IS_PREFERENCES_PAGE (page));

  if (note == NULL && !owned)
    return;
  /* GTK 4.8's text fields miss their focus-out when greyed while they
   * have the keyboard: it leaves them first. */
  root = gtk_widget_get_root (GTK_WIDGET (page));
  focus = GTK_IS_WINDOW (root) ? gtk_window_get_focus (GTK_WINDOW (root)) : NULL;
  if (owned && focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (page)))
    gtk_window_set_focus (GTK_WINDOW (root), NULL);

  set_groups_sensitive (GTK_WIDGET (page), note, !owned, &first);
  if (note == NULL && first != NULL)
    {
      note = new_note ();
      gtk_widget_insert_before (note, gtk_widget_get_parent (first), first);
      g_object_set_data (G_OBJECT (page), NOTE_KEY, note);
    }
  if (note != NULL)
    gtk_widget_set_visible (note, owned);
}
