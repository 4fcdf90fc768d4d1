/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-findings-view.c — the analysis's findings, grouped by manager.
 *
 * First, when there are any, what the whole team shares (team findings:
 * a target the team's median misses, too little selling) in a group of
 * its own.  Then one boxed group per manager who has findings, in the engine's ranking
 * (the most selling time to win back first); the group's description says
 * how much, its rows are the findings, most severe first, each with a
 * severity icon and the engine's sentence.  A row or the group's button
 * opens the manager's detail (action "analysis.open-manager").  Managers
 * with nothing to report are named in one line at the end.
 *
 * Invariants.  The sentences are the engine's, only stripped of the
 * manager's name that the group title already shows.  A big team does not
 * stall the page: the first GROUPS_AT_ONCE groups are built, then
 * GROUPS_MORE more each time the user asks for them; and they are built
 * one per frame (a tick callback), so that no frame builds and lays out
 * more than one group's wrapped sentences — ten groups built and laid out
 * at once took 150 ms of the main thread.  A new analysis replaces the
 * groups shown one by one, in place, so the list does not collapse and
 * the scroll position holds; the "more" button and the line of quiet
 * managers follow when the last group is built.  The first group waits a
 * frame, which lays out the rest of the page's new analysis, and as many
 * more as the page asks (mk_findings_view_delay(): what the team's time
 * went on is built first, one category a frame).
 * mk_findings_view_get_complete() says whether it is.
 */
#define G_LOG_DOMAIN "mk-findings-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "mk-analysis-format.h"
#include "mk-findings-view.h"
#include "mk-wrapped-label.h"

#define GROUPS_AT_ONCE 10
#define GROUPS_MORE    25

struct _MkFindingsView
{
  GtkWidget   parent_instance;

  MkAnalysis *analysis;
  GtkWidget  *more_button;
  GtkWidget  *quiet_label;
  guint       n_built;      /* ranking items looked at so far */
  guint       n_groups;     /* groups built */
  guint       to_build;     /* groups still to build, one per frame */
  gboolean    team_pending; /* the team's group is still to build */
  guint       skip_frames;  /* frames left for the rest of the page first */
  GPtrArray  *old_groups;   /* the last analysis's groups, replaced one by one */
  guint       build_id;     /* tick callback building the next group */
};

G_DEFINE_FINAL_TYPE (MkFindingsView, mk_findings_view, GTK_TYPE_WIDGET)

/* Puts @group where the next of the last analysis's groups is, and
 * drops that one. */
static void
insert_group (MkFindingsView *self,
              GtkWidget      *group)
{
  GtkWidget *old = self->old_groups->len > 0 ? self->old_groups->pdata[0] : NULL;

  gtk_widget_insert_before (group, GTK_WIDGET (self), old != NULL ? old : self->more_button);
  if (old != NULL)
    {
      gtk_widget_unparent (old);
      g_ptr_array_remove_index (self->old_groups, 0);
    }
}

static const char *
severity_label (MkSeverity severity)
{
  switch (severity)
    {
    case MK_SEVERITY_CRITICAL:
      return _("Serious");
    case MK_SEVERITY_WARNING:
      return _("Warning");
    case MK_SEVERITY_INFO:
    default:
      return _("Note");
    }
}

/**
 * mk_findings_row_new:
 * @finding: a finding
 * @strip_name: whether to drop the "Name: " the sentence starts with
 *
 * Returns: (transfer full): a list row with the severity icon and the
 *   finding's sentence (also its title, for searches and tests).
 *
 * The row looks as an AdwActionRow with a prefix does (its margins,
 * height and spacing), but its icon and sentence are an MkWrappedLabel: an
 * AdwActionRow's wrapping title costs some 50 layouts of the sentence at
 * every new allocation of its row (mk-wrapped-label.c).
 */
GtkWidget *
mk_findings_row_new (MkFinding *finding,
                     gboolean   strip_name)
{
  MkSeverity severity = mk_finding_get_severity (finding);
  g_autofree char *text = strip_name ? mk_format_finding (finding)
                                     : g_strdup (mk_finding_get_message (finding));
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *content = mk_wrapped_label_new (text);
  GtkWidget *title = GTK_WIDGET (mk_wrapped_label_get_label (MK_WRAPPED_LABEL (content)));
  GtkWidget *icon = gtk_image_new_from_icon_name (mk_severity_icon_name (severity));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  /* As libadwaita 1.2 styles "row > box.header" and its "box.title". */
  gtk_widget_set_margin_start (content, 12);
  gtk_widget_set_margin_end (content, 12);
  gtk_widget_set_size_request (content, -1, 50);
  gtk_widget_set_margin_top (title, 6);
  gtk_widget_set_margin_bottom (title, 6);
  gtk_widget_add_css_class (title, "title");
  gtk_widget_add_css_class (icon, severity == MK_SEVERITY_CRITICAL ? "error"
                                  : severity == MK_SEVERITY_WARNING ? "warning" : "accent");
  gtk_widget_set_tooltip_text (icon, severity_label (severity));
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, severity_label (severity), -1);
  mk_wrapped_label_set_prefix (MK_WRAPPED_LABEL (content), icon, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), content);
  return row;
}

/* The time to win back against the peers, as every page says it; none
 * for a weak sample. */
static char *
group_description (MkManagerResult *manager)
{
  return mk_manager_result_describe_reclaim (manager);
}

/* Sets @group's description, shown by an MkWrappedLabel in place of the
 * group's own label, which GTK 4.8 laid out some 30 times at each new
 * allocation beside the header's button (mk-wrapped-label.c). */
static void
describe_group (GtkWidget  *group,
                const char *description)
{
  GtkWidget *stand_in;

  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);
  stand_in = mk_wrapped_label_stand_in (group, "dim-label", description);
  if (stand_in != NULL)
    gtk_widget_set_visible (gtk_widget_get_prev_sibling (stand_in), FALSE);
}

/* What the whole team shares, before the managers. */
static void
add_team_group (MkFindingsView *self)
{
  GListModel *team = mk_analysis_get_team_findings (self->analysis);
  guint n = g_list_model_get_n_items (team);
  GtkWidget *group;

  if (n == 0)
    return;
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("The Whole Team"));
  describe_group (group, _("Most of the team shares these: a matter of how the "
                           "work is organised rather than of one person."));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MkFinding) finding = g_list_model_get_item (team, i);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 mk_findings_row_new (finding, FALSE));
    }
  gtk_widget_set_name (group, "team_findings");
  insert_group (self, group);
}

static void
add_group (MkFindingsView  *self,
           MkManagerResult *manager)
{
  GListModel *findings = mk_manager_result_get_findings (manager);
  g_autofree char *title = g_markup_escape_text (mk_manager_result_get_name (manager), -1);
  g_autofree char *description = group_description (manager);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *button;
  GVariant *target = g_variant_new_string (mk_manager_result_get_name (manager));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);

  button = gtk_button_new_with_mnemonic (_("_Details"));
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "analysis.open-manager");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), target);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), button);
  if (description != NULL)
    describe_group (group, description);

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(MkFinding) finding = g_list_model_get_item (findings, i);
      GtkWidget *row = mk_findings_row_new (finding, TRUE);

      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "analysis.open-manager");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), target);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }

  insert_group (self, group);
  self->n_groups++;
}

/* Builds the next manager's group; FALSE when the ranking has no more. */
static gboolean
build_next (MkFindingsView *self)
{
  GListModel *ranking = mk_analysis_get_ranking (self->analysis);
  guint n = g_list_model_get_n_items (ranking);

  for (; self->n_built < n; self->n_built++)
    {
      g_autoptr(MkManagerResult) manager = g_list_model_get_item (ranking, self->n_built);

      if (g_list_model_get_n_items (mk_manager_result_get_findings (manager)) == 0)
        continue;
      add_group (self, manager);
      self->n_built++;
      return TRUE;
    }
  return FALSE;
}

/* The "more" button, for the groups not built yet. */
static void
update_more (MkFindingsView *self)
{
  GListModel *ranking = mk_analysis_get_ranking (self->analysis);
  guint n = g_list_model_get_n_items (ranking);
  guint left = 0;

  for (guint i = self->n_built; i < n; i++)
    {
      g_autoptr(MkManagerResult) manager = g_list_model_get_item (ranking, i);

      if (g_list_model_get_n_items (mk_manager_result_get_findings (manager)) > 0)
        left++;
    }

  if (left > 0)
    {
      guint more = MIN (left, GROUPS_MORE);
      g_autofree char *label = g_strdup_printf (ngettext ("Show %u More Manager",
                                                          "Show %u More Managers", more), more);

      gtk_button_set_label (GTK_BUTTON (self->more_button), label);
    }
  gtk_widget_set_visible (self->more_button, left > 0);
}

static void update_quiet (MkFindingsView *self);

/* One group a frame: the team's first, then the managers' in the
 * ranking; after the last, the old groups left go and the "more" button
 * and the quiet managers show. */
static gboolean
build_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  MkFindingsView *self = MK_FINDINGS_VIEW (widget);

  if (self->skip_frames > 0)
    {
      self->skip_frames--;
      return G_SOURCE_CONTINUE;
    }
  if (self->team_pending)
    {
      self->team_pending = FALSE;
      add_team_group (self);
      if (self->to_build > 0)
        return G_SOURCE_CONTINUE;
    }
  else if (self->to_build > 0 && build_next (self))
    {
      if (--self->to_build > 0)
        return G_SOURCE_CONTINUE;
    }
  self->to_build = 0;
  while (self->old_groups->len > 0)
    {
      gtk_widget_unparent (self->old_groups->pdata[0]);
      g_ptr_array_remove_index (self->old_groups, 0);
    }
  update_more (self);
  update_quiet (self);
  self->build_id = 0;
  return G_SOURCE_REMOVE;
}

/* Builds @limit more groups, one per frame from the next one on. */
static void
build_groups (MkFindingsView *self,
              guint           limit)
{
  self->to_build += limit;
  gtk_widget_set_visible (self->more_button, FALSE);
  if (self->build_id == 0)
    self->build_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), build_tick_cb, NULL, NULL);
}

static void
more_clicked_cb (MkFindingsView *self)
{
  if (self->analysis != NULL)
    build_groups (self, GROUPS_MORE);
}

static void
update_quiet (MkFindingsView *self)
{
  GListModel *ranking = mk_analysis_get_ranking (self->analysis);
  guint n = g_list_model_get_n_items (ranking);
  g_autoptr(GString) names = g_string_new (NULL);
  guint quiet = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MkManagerResult) manager = g_list_model_get_item (ranking, i);

      if (g_list_model_get_n_items (mk_manager_result_get_findings (manager)) > 0)
        continue;
      /* The first 20 names; no separator for the others either: a run of
       * ", , , " cannot be broken (no line break before a comma), so 500
       * quiet managers made the label, the page and the window 4,000 px
       * wide at least. */
      if (quiet > 0 && quiet < 20)
        g_string_append (names, ", ");
      if (quiet < 20)
        g_string_append (names, mk_manager_result_get_name (manager));
      quiet++;
    }

  if (quiet == 0)
    gtk_widget_set_visible (self->quiet_label, FALSE);
  else
    {
      g_autofree char *text = NULL;

      /* "…, Manager 0019 and 515 more." */
      if (quiet > 20)
        g_string_append_printf (names, ngettext (" and %u more", " and %u more", quiet - 20),
                                quiet - 20);
      if (self->n_groups == 0 && self->n_built >= n)
        text = g_strdup (_("Nothing stands out: every manager's time looks like the team's."));
      else
        text = g_strdup_printf (ngettext ("Nothing stands out for %u manager: %s.",
                                          "Nothing stands out for %u managers: %s.", quiet),
                                quiet, names->str);
      gtk_label_set_text (GTK_LABEL (self->quiet_label), text);
      gtk_widget_set_visible (self->quiet_label, TRUE);
    }
}

/**
 * mk_findings_view_set_analysis:
 * @self: the view
 * @analysis: (nullable): the analysis to list, or %NULL for nothing
 */
void
mk_findings_view_set_analysis (MkFindingsView *self,
                               MkAnalysis     *analysis)
{
  GtkWidget *child;

  g_return_if_fail (MK_IS_FINDINGS_VIEW (self));

  g_set_object (&self->analysis, analysis);

  /* The groups shown stay until new ones take their places. */
  g_ptr_array_set_size (self->old_groups, 0);
  for (child = gtk_widget_get_first_child (GTK_WIDGET (self)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (ADW_IS_PREFERENCES_GROUP (child))
      g_ptr_array_add (self->old_groups, child);
  self->n_built = 0;
  self->n_groups = 0;
  self->to_build = 0;
  self->team_pending = FALSE;
  gtk_widget_set_visible (self->more_button, FALSE);
  gtk_widget_set_visible (self->quiet_label, FALSE);

  if (analysis == NULL)
    {
      if (self->build_id != 0)
        gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->build_id);
      self->build_id = 0;
      while (self->old_groups->len > 0)
        {
          gtk_widget_unparent (self->old_groups->pdata[0]);
          g_ptr_array_remove_index (self->old_groups, 0);
        }
      return;
    }
  self->team_pending = g_list_model_get_n_items (mk_analysis_get_team_findings (analysis)) > 0;
  /* The frame after a new analysis lays out the page's new chart and
   * labels; the first group waits for the next (and longer when the page
   * says so: mk_findings_view_delay()). */
  self->skip_frames = 1;
  build_groups (self, GROUPS_AT_ONCE);
}

/**
 * mk_findings_view_delay:
 * @self: the view
 * @frames: how many more frames to wait
 *
 * Makes the groups of the analysis just set wait @frames more frames,
 * for other widgets to lay out theirs first.
 */
void
mk_findings_view_delay (MkFindingsView *self,
                        guint           frames)
{
  g_return_if_fail (MK_IS_FINDINGS_VIEW (self));
  if (self->build_id != 0)
    self->skip_frames += frames;
}

/**
 * mk_findings_view_get_complete:
 * @self: the view
 *
 * Returns: %TRUE when every group built is shown; %FALSE while some wait
 *   for their frame.
 */
gboolean
mk_findings_view_get_complete (MkFindingsView *self)
{
  g_return_val_if_fail (MK_IS_FINDINGS_VIEW (self), FALSE);
  return self->build_id == 0;
}

/**
 * mk_findings_view_get_n_groups:
 * @self: the view
 *
 * Returns: how many managers' groups are shown.
 */
guint
mk_findings_view_get_n_groups (MkFindingsView *self)
{
  g_return_val_if_fail (MK_IS_FINDINGS_VIEW (self), 0);
  return self->n_groups;
}

static void
mk_findings_view_dispose (GObject *object)
{
  MkFindingsView *self = MK_FINDINGS_VIEW (object);
  GtkWidget *child;

  if (self->build_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->build_id);
  self->build_id = 0;
  g_clear_pointer (&self->old_groups, g_ptr_array_unref);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->more_button = NULL;
  self->quiet_label = NULL;
  g_clear_object (&self->analysis);

  G_OBJECT_CLASS (mk_findings_view_parent_class)->dispose (object);
}

static void
mk_findings_view_class_init (MkFindingsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mk_findings_view_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "findingsview");
}

static void
mk_findings_view_init (MkFindingsView *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  self->old_groups = g_ptr_array_new ();

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 18);

  self->more_button = gtk_button_new ();
  gtk_widget_set_halign (self->more_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->more_button, "pill");
  gtk_widget_set_visible (self->more_button, FALSE);
  g_signal_connect_swapped (self->more_button, "clicked", G_CALLBACK (more_clicked_cb), self);
  gtk_widget_set_parent (self->more_button, GTK_WIDGET (self));

  self->quiet_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->quiet_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->quiet_label), 0);
  gtk_widget_add_css_class (self->quiet_label, "dim-label");
  gtk_widget_set_visible (self->quiet_label, FALSE);
  gtk_widget_set_parent (self->quiet_label, GTK_WIDGET (self));
}

/**
 * mk_findings_view_new:
 *
 * Returns: (transfer full): a new, empty findings view.
 */
GtkWidget *
mk_findings_view_new (void)
{
  return g_object_new (MK_TYPE_FINDINGS_VIEW, NULL);
}
