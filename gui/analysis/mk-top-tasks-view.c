/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-top-tasks-view.c — what the team's time went on.
 *
 * A boxed list with an expander row per category the team logged time in,
 * in the categories' order: the title is the category, the subtitle its
 * share of the team's time and its largest task texts; opened, a row per
 * task text (folded by core, mk-task-fold.h) with its time and its share
 * of the category.  Categories with a team finding are opened at first,
 * so the items behind the finding are in sight.
 *
 * Invariants.  Every text and number comes from the MkAnalysis
 * (mk_analysis_get_top_task()); this widget only lays them out, in the
 * wording of mk-analysis-format.c.  A category's task rows are built when
 * it is first opened: a closed expander row still lays out the rows it
 * hides, and every category's rows laid out in the frame after a new
 * analysis cost the main thread 30 ms at a million entries.  The
 * categories themselves are built one per frame (a tick callback), each
 * in place of the last analysis's row, after a first frame left to the
 * rest of the page: together they took another 30 ms in one frame.
 * mk_top_tasks_view_get_n_pending() says how many are still to come.
 * The subtitle is an MkWrappedLabel standing in for the expander row's
 * own label, which GTK 4.8 laid out some 60 times an allocation.
 */
#define G_LOG_DOMAIN "mk-top-tasks-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "mk-analysis-format.h"
#include "mk-top-tasks-view.h"
#include "mk-wrapped-label.h"

struct _MkTopTasksView
{
  GtkWidget   parent_instance;

  GtkWidget  *list;
  guint       n_rows;
  MkAnalysis *analysis;     /* the one being built */
  guint       next;         /* the next category to look at */
  gboolean    skip_frame;   /* the first frame is the rest of the page's */
  GPtrArray  *old_rows;     /* the last analysis's rows, replaced one by one */
  guint       build_id;     /* tick callback building the next row */
};

G_DEFINE_FINAL_TYPE (MkTopTasksView, mk_top_tasks_view, GTK_TYPE_WIDGET)

static GtkWidget *
task_row (const char *text,
          int         minutes,
          double      share)
{
  g_autofree char *label = mk_analysis_top_task_label (text);
  g_autofree char *time = mk_format_minutes (minutes);
  g_autofree char *percent = mk_format_percent (share);
  g_autofree char *amount = g_strdup_printf ("%s · %s", time, percent);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *suffix = gtk_label_new (amount);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 2);
  gtk_widget_add_css_class (suffix, "dim-label");
  gtk_widget_add_css_class (suffix, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), suffix);
  return row;
}

/* Builds the task rows of the category an expander row stands for, the
 * first time it opens. */
static void
fill_tasks (GtkWidget *row)
{
  MkAnalysis *analysis = g_object_get_data (G_OBJECT (row), "mk-analysis");
  guint c = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "mk-category"));

  if (analysis == NULL || !adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)))
    return;
  for (guint i = 0; i < mk_analysis_get_n_top_tasks (analysis, c); i++)
    {
      int minutes = 0;
      double task_share = 0;
      const char *text = mk_analysis_get_top_task (analysis, c, i, &minutes, &task_share);

      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), task_row (text, minutes, task_share));
    }
  /* Once: the rows stay. */
  g_object_set_data (G_OBJECT (row), "mk-analysis", NULL);
  g_signal_handlers_disconnect_by_func (row, fill_tasks, NULL);
}

/* @c's expander row, or NULL when the team logged nothing in it. */
/* Whether category @c has a row: tasks, and time of the team's on it. */
static gboolean
has_row (MkAnalysis *analysis,
         guint       c)
{
  return mk_analysis_get_n_top_tasks (analysis, c) > 0
         && mk_analysis_get_team_minutes (analysis, c) > 0;
}

static GtkWidget *
category_row (MkAnalysis *analysis,
              guint       c)
{
  guint n = mk_analysis_get_n_top_tasks (analysis, c);
  g_autofree char *share = NULL;
  g_autofree char *time = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);
  GtkWidget *row;

  if (!has_row (analysis, c))
    return NULL;
  share = mk_format_percent (mk_analysis_get_team_share (analysis, c));
  time = mk_format_minutes (mk_analysis_get_team_minutes (analysis, c));
  /* Translators: a category's share of the team's time and its minutes,
   * e.g. "20% of the team's time, 33 h 20 min". */
  g_string_printf (subtitle, _("%s of the team’s time, %s"), share, time);
  for (guint i = 0; i < n && i < 2; i++)
    {
      double task_share = 0;
      const char *text = mk_analysis_get_top_task (analysis, c, i, NULL, &task_share);
      g_autofree char *label = mk_analysis_top_task_label (text);
      g_autofree char *percent = mk_format_percent (task_share);

      g_string_append_printf (subtitle, "%s%s %s", i == 0 ? " · " : ", ", label, percent);
    }

  row = adw_expander_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 mk_analysis_get_category_name (analysis, c));
  /* The row's own subtitle label would be laid out some 60 times at each
   * new allocation (mk-wrapped-label.c), 16–18 ms of a frame. */
  if (mk_wrapped_label_stand_in (row, "subtitle", subtitle->str) == NULL)
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle->str);
  g_object_set_data_full (G_OBJECT (row), "mk-analysis", g_object_ref (analysis),
                          g_object_unref);
  g_object_set_data (G_OBJECT (row), "mk-category", GUINT_TO_POINTER (c));
  g_signal_connect (row, "notify::expanded", G_CALLBACK (fill_tasks), NULL);
  /* The items behind a team finding are open from the start. */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row),
                                 mk_analysis_find_team_finding (
                                   analysis, MK_FINDING_TEAM_TARGET,
                                   mk_analysis_get_category_key (analysis, c)) != NULL);
  return row;
}

static gboolean
unref_idle_cb (gpointer data)
{
  g_object_unref (data);
  return G_SOURCE_REMOVE;
}

/* Removes an old row.  A row never opened holds its analysis, often the
 * last reference to it: that goes in an idle of its own, as the page's
 * analyses replaced do (freeing 500 managers' results is a few ms a frame
 * can do without). */
static void
remove_old_row (MkTopTasksView *self,
                GtkWidget      *row)
{
  gpointer analysis = g_object_steal_data (G_OBJECT (row), "mk-analysis");

  if (analysis != NULL)
    g_idle_add (unref_idle_cb, analysis);
  gtk_list_box_remove (GTK_LIST_BOX (self->list), row);
}

static void
drop_old_rows (MkTopTasksView *self)
{
  for (guint i = 0; i < self->old_rows->len; i++)
    remove_old_row (self, self->old_rows->pdata[i]);
  g_ptr_array_set_size (self->old_rows, 0);
}

static void
stop_building (MkTopTasksView *self)
{
  if (self->build_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->build_id);
  self->build_id = 0;
  g_clear_object (&self->analysis);
}

/* One category a frame, in place of the last analysis's row there. */
static gboolean
build_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  MkTopTasksView *self = MK_TOP_TASKS_VIEW (widget);

  if (self->skip_frame)
    {
      self->skip_frame = FALSE;
      return G_SOURCE_CONTINUE;
    }
  while (self->next < mk_analysis_get_n_categories (self->analysis))
    {
      GtkWidget *row = category_row (self->analysis, self->next++);

      if (row == NULL)
        continue;
      gtk_list_box_insert (GTK_LIST_BOX (self->list), row, (int) self->n_rows);
      self->n_rows++;
      if (self->old_rows->len > 0)
        {
          remove_old_row (self, self->old_rows->pdata[0]);
          g_ptr_array_remove_index (self->old_rows, 0);
        }
      gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
      return G_SOURCE_CONTINUE;
    }
  drop_old_rows (self);
  gtk_widget_set_visible (GTK_WIDGET (self), self->n_rows > 0);
  self->build_id = 0;
  g_clear_object (&self->analysis);
  return G_SOURCE_REMOVE;
}

/**
 * mk_top_tasks_view_set_analysis:
 * @self: the view
 * @analysis: (nullable): the analysis to show, or %NULL for nothing
 *
 * Shows @analysis's categories, built one per frame from the frame after
 * next; the rows shown stay until new ones take their places.
 */
void
mk_top_tasks_view_set_analysis (MkTopTasksView *self,
                                MkAnalysis     *analysis)
{
  g_return_if_fail (MK_IS_TOP_TASKS_VIEW (self));

  stop_building (self);
  g_ptr_array_set_size (self->old_rows, 0);
  for (GtkWidget *child = gtk_widget_get_first_child (self->list); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (ADW_IS_EXPANDER_ROW (child))
      g_ptr_array_add (self->old_rows, child);
  self->n_rows = 0;
  self->next = 0;

  if (analysis == NULL || mk_analysis_is_empty (analysis))
    {
      drop_old_rows (self);
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return;
    }
  self->analysis = g_object_ref (analysis);
  self->skip_frame = TRUE;
  self->build_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), build_tick_cb, NULL, NULL);
}

/**
 * mk_top_tasks_view_get_n_pending:
 * @self: the view
 *
 * Returns: how many frames the view still builds in, one category each
 *   (0 when the view is whole).
 */
guint
mk_top_tasks_view_get_n_pending (MkTopTasksView *self)
{
  guint n = 0;

  g_return_val_if_fail (MK_IS_TOP_TASKS_VIEW (self), 0);

  if (self->analysis == NULL)
    return 0;
  /* A frame for each category with a row (those without are passed over
   * in the frame of the next one), and the frame that drops the old rows
   * left. */
  for (guint c = self->next; c < mk_analysis_get_n_categories (self->analysis); c++)
    n += has_row (self->analysis, c);
  return n + 1;
}

/**
 * mk_top_tasks_view_get_n_rows:
 * @self: the view
 *
 * Returns: how many categories are listed.
 */
guint
mk_top_tasks_view_get_n_rows (MkTopTasksView *self)
{
  g_return_val_if_fail (MK_IS_TOP_TASKS_VIEW (self), 0);
  return self->n_rows;
}

static void
mk_top_tasks_view_dispose (GObject *object)
{
  MkTopTasksView *self = MK_TOP_TASKS_VIEW (object);

  stop_building (self);
  g_clear_pointer (&self->old_rows, g_ptr_array_unref);
  g_clear_pointer (&self->list, gtk_widget_unparent);

  G_OBJECT_CLASS (mk_top_tasks_view_parent_class)->dispose (object);
}

static void
mk_top_tasks_view_class_init (MkTopTasksViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mk_top_tasks_view_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "toptasksview");
}

static void
mk_top_tasks_view_init (MkTopTasksView *self)
{
  self->old_rows = g_ptr_array_new ();
  self->list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("What the time went on"), -1);
  gtk_widget_set_parent (self->list, GTK_WIDGET (self));
}

/**
 * mk_top_tasks_view_new:
 *
 * Returns: (transfer full): a new, empty view.
 */
GtkWidget *
mk_top_tasks_view_new (void)
{
  return g_object_new (MK_TYPE_TOP_TASKS_VIEW, NULL);
}
