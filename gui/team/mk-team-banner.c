/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-team-banner.c — what the team server refused, under the title bar.
 *
 * libadwaita 1.2 has no AdwBanner (1.3), so this is its shape: a strip
 * under the header bar that slides in with one message — the server's
 * words and what to do — and at most one button that runs a window action
 * ("Enter Password…", "Team Settings…").  It never takes the keyboard
 * from what the user is typing and never blocks the window: the user may
 * go on logging, and nothing typed is lost while it shows.  The close
 * button hides it until the next message and emits "closed", so that the
 * controller knows the user has read it.
 */
#define G_LOG_DOMAIN "mk-team"

#include "config.h"

#include <glib/gi18n.h>

#include "mk-team-banner.h"

struct _MkTeamBanner
{
  GtkWidget    parent_instance;

  GtkRevealer *revealer;
  GtkLabel    *label;
  GtkButton   *button;
};

G_DEFINE_FINAL_TYPE (MkTeamBanner, mk_team_banner, GTK_TYPE_WIDGET)

enum {
  CLOSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/**
 * mk_team_banner_new:
 *
 * Returns: (transfer floating): a hidden banner.
 */
GtkWidget *
mk_team_banner_new (void)
{
  return g_object_new (MK_TYPE_TEAM_BANNER, NULL);
}

/**
 * mk_team_banner_show:
 * @self: the banner
 * @message: what happened and what to do, whole sentences
 * @button_label: (nullable): the button's label, with a mnemonic
 * @action_name: (nullable): the action the button runs
 */
void
mk_team_banner_show (MkTeamBanner *self,
                     const char   *message,
                     const char   *button_label,
                     const char   *action_name)
{
  g_return_if_fail (MK_IS_TEAM_BANNER (self));
  g_return_if_fail (message != NULL);

  gtk_label_set_label (self->label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->button), button_label != NULL);
  if (button_label != NULL)
    {
      gtk_button_set_label (self->button, button_label);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->button), action_name);
    }
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  gtk_revealer_set_reveal_child (self->revealer, TRUE);
}

/**
 * mk_team_banner_hide:
 * @self: the banner
 */
void
mk_team_banner_hide (MkTeamBanner *self)
{
  g_return_if_fail (MK_IS_TEAM_BANNER (self));

  gtk_revealer_set_reveal_child (self->revealer, FALSE);
}

/**
 * mk_team_banner_is_shown:
 * @self: the banner
 *
 * Returns: whether the banner shows (or is sliding in).
 */
gboolean
mk_team_banner_is_shown (MkTeamBanner *self)
{
  g_return_val_if_fail (MK_IS_TEAM_BANNER (self), FALSE);

  return gtk_revealer_get_reveal_child (self->revealer);
}

/**
 * mk_team_banner_get_message:
 * @self: the banner
 *
 * Returns: (transfer none): the message last shown.
 */
const char *
mk_team_banner_get_message (MkTeamBanner *self)
{
  g_return_val_if_fail (MK_IS_TEAM_BANNER (self), NULL);

  return gtk_label_get_label (self->label);
}

static void
close_clicked_cb (MkTeamBanner *self)
{
  mk_team_banner_hide (self);
  g_signal_emit (self, signals[CLOSED], 0);
}

/* Hidden once it has slid away, so it takes no room. */
static void
child_revealed_cb (MkTeamBanner *self)
{
  if (!gtk_revealer_get_child_revealed (self->revealer) &&
      !gtk_revealer_get_reveal_child (self->revealer))
    gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

static void
mk_team_banner_dispose (GObject *object)
{
  MkTeamBanner *self = MK_TEAM_BANNER (object);

  g_clear_pointer ((GtkWidget **) &self->revealer, gtk_widget_unparent);

  G_OBJECT_CLASS (mk_team_banner_parent_class)->dispose (object);
}

static void
mk_team_banner_class_init (MkTeamBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mk_team_banner_dispose;

  /**
   * MkTeamBanner::closed:
   *
   * The user closed the banner (its close button): they have read it.
   */
  signals[CLOSED] = g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "teambanner");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_ALERT);
}

static void
mk_team_banner_init (MkTeamBanner *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *close = gtk_button_new_from_icon_name ("window-close-symbolic");

  gtk_widget_add_css_class (box, "team-banner");

  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_name (GTK_WIDGET (self->label), "team_banner_label");
  gtk_widget_set_hexpand (GTK_WIDGET (self->label), TRUE);
  gtk_label_set_xalign (self->label, 0);
  gtk_label_set_wrap (self->label, TRUE);
  gtk_label_set_wrap_mode (self->label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (self->label, TRUE);
  gtk_widget_set_focusable (GTK_WIDGET (self->label), FALSE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->label));

  self->button = GTK_BUTTON (gtk_button_new ());
  gtk_widget_set_name (GTK_WIDGET (self->button), "team_banner_button");
  gtk_button_set_use_underline (self->button, TRUE);
  gtk_widget_set_valign (GTK_WIDGET (self->button), GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->button));

  gtk_widget_set_valign (close, GTK_ALIGN_CENTER);
  gtk_widget_set_name (close, "team_banner_close");
  gtk_widget_add_css_class (close, "flat");
  gtk_widget_set_tooltip_text (close, _("Hide"));
  g_signal_connect_swapped (close, "clicked", G_CALLBACK (close_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), close);

  self->revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_child (self->revealer, box);
  g_signal_connect_swapped (self->revealer, "notify::child-revealed",
                            G_CALLBACK (child_revealed_cb), self);
  gtk_widget_set_parent (GTK_WIDGET (self->revealer), GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}
