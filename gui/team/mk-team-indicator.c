/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-team-indicator.c — the team's sync state in the header bar.
 *
 * A flat button with an icon and a few words: "In sync", "Sending…",
 * "Offline · 3 waiting", "Not synced · 3 waiting".  Pressing it runs
 * "win.team-status", which opens Preferences → Team with the full status.
 * The state is set from outside (MkTeamController); the widget only shows
 * it.  Offline is a quiet state: a dimmed icon and words, no colour of
 * alarm; only a refusal by the server (MK_TEAM_STATE_ERROR, explained by
 * the window's banner) is drawn in the warning colour.  The tooltip and
 * the accessible label say the whole sentence.  In no team the widget is
 * hidden.  Compact (a narrow window, where the header bar has room for
 * little) it shows the icon and the number waiting only.
 */
#define G_LOG_DOMAIN "mk-team"

#include "config.h"

#include <glib/gi18n.h>

#include "mk-team-indicator.h"

struct _MkTeamIndicator
{
  GtkWidget    parent_instance;

  MkTeamState  state;
  guint64      waiting;
  gboolean     compact;

  GtkWidget   *button;
  GtkImage    *icon;
  GtkLabel    *label;
  GtkLabel    *compact_label;
};

G_DEFINE_FINAL_TYPE (MkTeamIndicator, mk_team_indicator, GTK_TYPE_WIDGET)

static const char *state_classes[] = { "team-in-sync", "team-sending", "team-offline",
                                       "team-error" };

/**
 * mk_team_indicator_new:
 *
 * Returns: (transfer floating): an indicator in no team (hidden).
 */
GtkWidget *
mk_team_indicator_new (void)
{
  return g_object_new (MK_TYPE_TEAM_INDICATOR, NULL);
}

/* The words of the everyday round — a change made ("1 waiting"), the
 * sync ("Syncing…"), done ("In sync") — take one width: the widest of
 * them.  Otherwise the header bar's title got a little more or less room
 * with every change and sync, and at some window widths the view switcher
 * went from wide to narrow and back each time, animating. */
static void
reserve_everyday_width (MkTeamIndicator *self,
                        unsigned long    n)
{
  g_autofree char *waiting = NULL;
  const char *texts[3];
  int widest = 0;

  n = MAX (n, 1);
  waiting = g_strdup_printf (ngettext ("%lu waiting", "%lu waiting", n), n);
  texts[0] = _("In sync");
  texts[1] = _("Syncing…");
  texts[2] = waiting;
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self->label),
                                                                      texts[i]);
      int width;

      pango_layout_get_pixel_size (layout, &width, NULL);
      widest = MAX (widest, width);
    }
  gtk_widget_set_size_request (GTK_WIDGET (self->label), widest, -1);
}

static void
update (MkTeamIndicator *self)
{
  unsigned long n = (unsigned long) self->waiting;
  g_autofree char *text = NULL;
  g_autofree char *tooltip = NULL;
  const char *icon = NULL;

  switch (self->state)
    {
    case MK_TEAM_STATE_IN_SYNC:
      icon = "emblem-ok-symbolic";
      if (n == 0)
        {
          text = g_strdup (_("In sync"));
          tooltip = g_strdup (_("In sync with the team. Open the team’s status."));
        }
      else
        {
          /* Translators: changes made on this computer, to be sent soon. */
          text = g_strdup_printf (ngettext ("%lu waiting", "%lu waiting", n), n);
          tooltip = g_strdup_printf (ngettext ("%lu change waits to be sent to the team.",
                                               "%lu changes wait to be sent to the team.", n),
                                     n);
        }
      break;
    case MK_TEAM_STATE_SENDING:
      icon = "emblem-synchronizing-symbolic";
      text = g_strdup (_("Syncing…"));
      tooltip = g_strdup (_("Sending changes to the team and receiving theirs."));
      break;
    case MK_TEAM_STATE_OFFLINE:
      icon = "network-offline-symbolic";
      if (n == 0)
        text = g_strdup (_("Offline"));
      else
        /* Translators: the team server cannot be reached; N changes wait. */
        text = g_strdup_printf (ngettext ("Offline · %lu waiting", "Offline · %lu waiting", n),
                                n);
      tooltip = g_strdup_printf (ngettext ("The team server cannot be reached. %lu change "
                                           "waits and is sent as soon as it can be.",
                                           "The team server cannot be reached. %lu changes "
                                           "wait and are sent as soon as it can be.", n), n);
      break;
    case MK_TEAM_STATE_ERROR:
      icon = "dialog-warning-symbolic";
      if (n == 0)
        text = g_strdup (_("Not synced"));
      else
        text = g_strdup_printf (ngettext ("Not synced · %lu waiting",
                                          "Not synced · %lu waiting", n), n);
      tooltip = g_strdup (_("The team server refused the sync. The message under the title "
                            "bar says what to do; nothing typed here is lost."));
      break;
    case MK_TEAM_STATE_NONE:
    default:
      break;
    }

  for (guint i = 0; i < G_N_ELEMENTS (state_classes); i++)
    gtk_widget_remove_css_class (self->button, state_classes[i]);
  gtk_widget_set_visible (GTK_WIDGET (self), self->state != MK_TEAM_STATE_NONE);
  if (self->state == MK_TEAM_STATE_NONE)
    return;

  gtk_widget_add_css_class (self->button, state_classes[self->state - 1]);
  gtk_image_set_from_icon_name (self->icon, icon);
  gtk_label_set_label (self->label, text);
  reserve_everyday_width (self, n);
  if (self->compact)
    {
      g_autofree char *number = n > 0 ? g_strdup_printf ("%lu", n) : NULL;

      gtk_label_set_label (self->compact_label, number);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->label), !self->compact);
  gtk_widget_set_visible (GTK_WIDGET (self->compact_label), self->compact && n > 0);
  gtk_widget_set_tooltip_text (self->button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
}

/**
 * mk_team_indicator_set_state:
 * @self: the indicator
 * @state: the sync's state
 * @waiting: local changes not sent yet
 */
void
mk_team_indicator_set_state (MkTeamIndicator *self,
                             MkTeamState      state,
                             guint64          waiting)
{
  g_return_if_fail (MK_IS_TEAM_INDICATOR (self));

  if (self->state == state && self->waiting == waiting)
    return;
  self->state = state;
  self->waiting = waiting;
  update (self);
}

/**
 * mk_team_indicator_set_compact:
 * @self: the indicator
 * @compact: whether to show the icon and the number waiting only
 */
void
mk_team_indicator_set_compact (MkTeamIndicator *self,
                               gboolean         compact)
{
  g_return_if_fail (MK_IS_TEAM_INDICATOR (self));

  self->compact = !!compact;
  update (self);
}

/**
 * mk_team_indicator_get_state:
 * @self: the indicator
 *
 * Returns: the state shown.
 */
MkTeamState
mk_team_indicator_get_state (MkTeamIndicator *self)
{
  g_return_val_if_fail (MK_IS_TEAM_INDICATOR (self), MK_TEAM_STATE_NONE);

  return self->state;
}

/**
 * mk_team_indicator_get_waiting:
 * @self: the indicator
 *
 * Returns: the number of waiting changes shown.
 */
guint64
mk_team_indicator_get_waiting (MkTeamIndicator *self)
{
  g_return_val_if_fail (MK_IS_TEAM_INDICATOR (self), 0);

  return self->waiting;
}

/**
 * mk_team_indicator_get_text:
 * @self: the indicator
 *
 * Returns: (transfer none): the words shown beside the icon.
 */
const char *
mk_team_indicator_get_text (MkTeamIndicator *self)
{
  g_return_val_if_fail (MK_IS_TEAM_INDICATOR (self), NULL);

  return gtk_label_get_label (self->label);
}

static void
mk_team_indicator_dispose (GObject *object)
{
  MkTeamIndicator *self = MK_TEAM_INDICATOR (object);

  g_clear_pointer (&self->button, gtk_widget_unparent);

  G_OBJECT_CLASS (mk_team_indicator_parent_class)->dispose (object);
}

static void
mk_team_indicator_class_init (MkTeamIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mk_team_indicator_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "teamindicator");
}

static void
mk_team_indicator_init (MkTeamIndicator *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  self->icon = GTK_IMAGE (gtk_image_new ());
  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->label), "numeric");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->icon));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->label));
  self->compact_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->compact_label), "numeric");
  gtk_widget_set_visible (GTK_WIDGET (self->compact_label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->compact_label));

  self->button = gtk_button_new ();
  gtk_widget_set_name (self->button, "team_indicator_button");
  gtk_button_set_child (GTK_BUTTON (self->button), box);
  gtk_widget_add_css_class (self->button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->button), "win.team-status");
  gtk_widget_set_parent (self->button, GTK_WIDGET (self));

  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}
