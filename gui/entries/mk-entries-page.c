/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-entries-page.c — the Entries page: every entry, filtered, corrected, re-categorised.
 *
 * A GtkColumnView over core's MkEntryList, which pages from SQLite and
 * sorts there: the header clicks are forwarded to mk_entry_list_set_sort()
 * and the filters (period, person, category, search) to its setters, so
 * nothing here ever holds more than the rows on screen.  The footer shows
 * the count and minutes of what the filters let through, from the list's
 * own totals.  The selection is an MkEntrySelection: it keeps the selected
 * entries by id, so a commit made here or by another program (the window
 * checks every 2 s) or a new sort leaves the same entries selected at
 * their new rows, and rows that leave the filtered list (deleted, moved to
 * another category) leave the selection; a new filter clears it.  See
 * there why not GtkMultiSelection.
 *
 * While the page is hidden (another page of the window is shown) it
 * does not follow the store: a change only marks it stale, and it reads
 * its list again when it is shown.  Counting a million entries and binding
 * the hidden rows on every entry added on Today cost 0.28 s an entry.
 *
 * Changes (edit, delete, move to another category) go through core's
 * MkEntryHistory, one transaction each, and the view follows the store's
 * "changed" signal.  A
 * refused write shows core's message and leaves everything as it was: an
 * edit's message stands in the editor (gui/widgets/mk-entry-editor.c, the
 * editor Today opens too), which stays open with what was typed; others
 * go to mk_window_show_error().  One
 * level of undo (the toast's button or Ctrl+Z) puts the entries back as
 * they were, as one transaction.
 *
 * Moving entries may offer to save an alias: core finds the word the moved
 * tasks share and no alias knows (mk_entry_words_common_unknown()).
 *
 * In a supervisor's window (the database in a team with the supervisor's
 * login, a local read on every change) the table shows which team login
 * sent each entry (MkEntry's sent-by, which the sync records).
 *
 * Actions (prefix "entries."): edit, delete-selected, move-selected (x),
 * undo, select-all, search, save-alias, dismiss-alias.  The filter bar
 * (MkEntriesFilters) has its own.
 */
#define G_LOG_DOMAIN "mk-entries-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "mk-format.h"
#include "mk-entries-columns.h"
#include "mk-entries-page.h"
#include "mk-entry-editor.h"
#include "mk-entries-filters.h"
#include "mk-entry-history.h"
#include "mk-entry-selection.h"
#include "mk-entry-words.h"
#include "mk-team.h"
#include "mk-window.h"

/* The most entries one delete or move may change: the selection's entries
 * are read page by page, and the history keeps a copy of each for undo. */
#define MAX_CHANGE 10000

struct _MkEntriesPage
{
  GtkWidget         parent_instance;

  MkStore          *store;
  gulong            changed_id;
  gboolean          paused;       /* hidden: the list does not follow the store */
  gboolean          stale;        /* the store changed while paused */
  MkEntryList      *entries;
  MkEntrySelection *selection;
  MkEntryHistory   *history;
  AdwToast         *undo_toast;  /* weak: the last toast with Undo, while it lives */
  char             *alias_word;
  guint             alias_generation;  /* the history's generation after the move offering it */
  gint64            alias_category_id;
  char             *totals;
  double            scroll_value;  /* before a whole-list refresh */
  guint             restore_id;
  guint             restore_frames;
  gboolean          replacing;     /* between "replacing" and the old rows' removal */
  guint             laid_out_id;   /* a tick callback: the rows changed, not yet drawn */
  guint             laid_out_frames;
  MkEntryEditor  *editor;       /* weak */
  gboolean          narrow;       /* the table shows its narrow columns */
  guint             narrow_id;    /* an idle that switches them */

  GtkStack         *stack;
  MkEntriesFilters *filters;
  GtkRevealer      *alias_revealer;
  GtkLabel         *alias_label;
  GtkStack         *list_stack;
  GtkColumnView    *column_view;
  GtkLabel         *totals_label;
  GtkLabel         *totals_short_label;
  GtkWidget        *busy_spinner;
  GtkWidget        *selection_box;
  GtkLabel         *selection_label;
  GtkWidget        *edit_button;
  GtkBox           *move_box;
  GtkPopover       *move_popover;
};

G_DEFINE_FINAL_TYPE (MkEntriesPage, mk_entries_page, GTK_TYPE_WIDGET)

/**
 * mk_entries_page_new:
 *
 * Returns: (transfer floating): a page without a store; it takes the
 *   window's store when it is first shown.
 */
GtkWidget *
mk_entries_page_new (void)
{
  return g_object_new (MK_TYPE_ENTRIES_PAGE, NULL);
}

static MkWindow *
get_window (MkEntriesPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return MK_IS_WINDOW (root) ? MK_WINDOW (root) : NULL;
}

static void
show_error (MkEntriesPage *self,
            const char    *heading,
            const GError  *error)
{
  MkWindow *window = get_window (self);

  if (window != NULL)
    mk_window_show_error (window, heading, error);
  else
    g_warning ("%s: %s", heading, error->message);
}

/* Totals and states */

static void
update_totals (MkEntriesPage *self)
{
  guint n = self->entries ? g_list_model_get_n_items (G_LIST_MODEL (self->entries)) : 0;
  gint64 minutes = self->entries ? mk_entry_list_get_total_minutes (self->entries) : 0;
  g_autofree char *count = mk_format_count (n);
  g_autofree char *duration = mk_format_minutes ((int) MIN (minutes, G_MAXINT));
  g_autofree char *entries = NULL;

  /* Translators: the count in the Entries footer, "1 234 entries"; %s is the number. */
  entries = g_strdup_printf (ngettext ("%s entry", "%s entries", n), count);
  g_free (self->totals);
  /* Translators: the Entries footer: "1 234 entries · 312 h 5 min". */
  self->totals = g_strdup_printf (_("%s · %s"), entries, duration);
  gtk_label_set_text (self->totals_label, self->totals);
  /* Where one line does not fit: the count above the time, no dot. */
  {
    g_autofree char *lines = g_strdup_printf ("%s\n%s", entries, duration);

    gtk_label_set_text (self->totals_short_label, lines);
  }

  gtk_stack_set_visible_child_name (self->stack,
                                    self->store && !mk_store_is_empty (self->store)
                                    ? "list" : "empty");
  gtk_stack_set_visible_child_name (self->list_stack, n > 0 ? "view" : "no-match");
}

static void
update_selection (MkEntriesPage *self)
{
  guint n = self->selection ? mk_entry_selection_get_n_selected (self->selection) : 0;
  g_autofree char *text = NULL;

  /* Translators: how many rows of the Entries table are selected. */
  text = g_strdup_printf (ngettext ("%'u selected", "%'u selected", n), n);
  gtk_label_set_text (self->selection_label, text);
  gtk_widget_set_visible (self->selection_box, n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "entries.edit", n == 1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "entries.delete-selected", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "entries.move-selected", n > 0);
}

static void
update_undo (MkEntriesPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "entries.undo",
                                 mk_entry_history_can_undo (self->history));
}

static void
selection_changed_cb (MkEntriesPage *self)
{
  update_selection (self);
}

static void
entries_changed_cb (MkEntriesPage *self)
{
  update_totals (self);
  update_selection (self);
}

static void rebuild_move_menu (MkEntriesPage *self);

/* While a worker reads a search or a sort, the rows shown are the old ones:
 * dimmed, beside a spinner. */
static void
busy_changed_cb (MkEntriesPage *self)
{
  gboolean busy = self->entries != NULL && mk_entry_list_get_busy (self->entries);

  gtk_widget_set_visible (self->busy_spinner, busy);
  gtk_spinner_set_spinning (GTK_SPINNER (self->busy_spinner), busy);
  gtk_widget_set_opacity (GTK_WIDGET (self->column_view), busy ? 0.55 : 1.0);
}

static GtkAdjustment *
vadjustment (MkEntriesPage *self)
{
  return gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view));
}

/* A new filter or sort shows the top of its list. */
static void
scroll_to_top (MkEntriesPage *self)
{
  if (vadjustment (self) != NULL)
    gtk_adjustment_set_value (vadjustment (self), 0);
}

/* Puts the rows back where they were, once the view has laid out the new
 * list (the second frame after it). */
static gboolean
restore_scroll_cb (GtkWidget     *widget,
                   GdkFrameClock *clock,
                   gpointer       user_data)
{
  MkEntriesPage *self = user_data;
  GtkAdjustment *adj = vadjustment (self);

  if (++self->restore_frames < 2)
    return G_SOURCE_CONTINUE;
  self->restore_id = 0;
  if (adj != NULL)
    gtk_adjustment_set_value (adj, MIN (self->scroll_value, gtk_adjustment_get_upper (adj) -
                                                            gtk_adjustment_get_page_size (adj)));
  return G_SOURCE_REMOVE;
}

/* The list view inside the column view: its "list.scroll-to-item" moves
 * the rows it shows. */
static GtkWidget *
inner_list_view (MkEntriesPage *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      return child;
  return NULL;
}

/* MkEntrySelection passes a refresh of the whole list on as the new rows
 * added before the old ones, "replacing", then the old ones removed.  In
 * the middle the view is moved to the first new row, so that it binds the
 * row widgets it has to the new rows instead of making new ones (see
 * mk-entry-selection.c).  After a change in the store (an edit, an
 * import) it goes back to where it was, once the view has laid out the
 * new rows.  A new filter or sort has scrolled to the top before, so it
 * stays there. */
static void
selection_replacing_cb (MkEntriesPage *self)
{
  GtkAdjustment *adj = vadjustment (self);
  GtkWidget *list_view = inner_list_view (self);

  self->replacing = TRUE;
  if (adj != NULL)
    self->scroll_value = gtk_adjustment_get_value (adj);
  if (list_view != NULL)
    gtk_widget_activate_action (list_view, "list.scroll-to-item", "u", 0);
}

/* The rows changed at the last frame are laid out and drawn once the
 * next frame begins (mk_entries_page_get_settled()). */
static gboolean
laid_out_cb (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       user_data)
{
  MkEntriesPage *self = user_data;

  if (++self->laid_out_frames < 2)
    return G_SOURCE_CONTINUE;
  self->laid_out_id = 0;
  return G_SOURCE_REMOVE;
}

static void
selection_items_changed_cb (MkEntriesPage *self,
                            guint          position,
                            guint          removed,
                            guint          added)
{
  GtkAdjustment *adj = vadjustment (self);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->selection));
  gboolean replaced = self->replacing && removed > 0 && added == 0;

  self->laid_out_frames = 0;
  if (self->laid_out_id == 0)
    self->laid_out_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), laid_out_cb, self,
                                                      NULL);

  if (replaced)
    self->replacing = FALSE;
  if (adj == NULL)
    return;
  /* Every row gone (nothing matches any more): the view is at the top. */
  if (position == 0 && removed > 0 && added == 0 && n == 0)
    {
      self->scroll_value = gtk_adjustment_get_value (adj);
      gtk_adjustment_set_value (adj, 0);
    }
  else if ((replaced || (position == 0 && removed == 0 && added > 0 && added == n)) &&
           self->scroll_value > 0 && self->restore_id == 0)
    {
      self->restore_frames = 0;
      self->restore_id = gtk_widget_add_tick_callback (GTK_WIDGET (self->column_view),
                                                       restore_scroll_cb, self, NULL);
    }
}

static void
categories_changed_cb (MkEntriesPage *self)
{
  rebuild_move_menu (self);
}

/* The Sent By column, in a supervisor's window. */
static void
update_sent_by (MkEntriesPage *self)
{
  gboolean supervisor = self->store != NULL &&
                        mk_team_get_role (self->store, NULL) == MK_TEAM_ROLE_SUPERVISOR;

  mk_entries_columns_set_sent_by (self->column_view, supervisor, self->narrow);
}

static void
store_changed_cb (MkEntriesPage *self)
{
  update_sent_by (self);
  if (self->paused)
    {
      self->stale = TRUE;
      return;
    }
  mk_entries_filters_update (self->filters);
  mk_entries_columns_set_one_person (self->column_view,
                                     mk_entries_filters_get_one_person (self->filters),
                                     self->narrow);
  update_totals (self);
}

/* Hidden: the list stops refreshing itself on the store's "changed" (its
 * own handler, connected by core with the list as its data, is blocked). */
static void
pause_list (MkEntriesPage *self)
{
  if (self->store == NULL || self->paused)
    return;
  g_signal_handlers_block_matched (self->store, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL,
                                   self->entries);
  self->paused = TRUE;
}

/* Shown again: the list follows the store again and catches up once. */
static void
resume_list (MkEntriesPage *self)
{
  if (!self->paused)
    return;
  g_signal_handlers_unblock_matched (self->store, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL,
                                     self->entries);
  self->paused = FALSE;
  if (self->stale)
    {
      self->stale = FALSE;
      /* Re-reads the list, keeping the selected entries it still holds. */
      mk_entry_selection_catch_up (self->selection);
      store_changed_cb (self);
    }
}

static gint64 *
entry_ids (GPtrArray *entries)
{
  gint64 *ids = g_new (gint64, MAX (entries->len, 1));

  for (guint i = 0; i < entries->len; i++)
    ids[i] = mk_entry_get_id (g_ptr_array_index (entries, i));
  return ids;
}

/* Undo and toasts */

/* A move undone takes back the offer to file its word under the category
 * it went to: @generation is the history's before the undo. */
static void
withdraw_alias_offer (MkEntriesPage *self,
                      guint          generation)
{
  if (self->alias_word != NULL && self->alias_generation == generation)
    gtk_revealer_set_reveal_child (self->alias_revealer, FALSE);
}

static void
toast_undo_cb (AdwToast      *toast,
               MkEntriesPage *self)
{
  guint generation = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (toast), "mk-undo"));
  g_autoptr(GError) error = NULL;

  /* Only the toast of the change that can still be undone undoes it.  The
   * toast going away says it is done: a new toast added while this one is
   * dismissed crashes libadwaita 1.2 (its hide and show animations end on
   * a freed toast), so no "Undone" toast here, unlike Ctrl+Z. */
  if (self->store == NULL || generation != mk_entry_history_get_generation (self->history)
      || !mk_entry_history_can_undo (self->history))
    return;
  if (!mk_entry_history_undo (self->history, &error))
    show_error (self, _("The Change Was Not Undone"), error);
  else
    withdraw_alias_offer (self, generation);
}

static void
show_toast (MkEntriesPage *self,
            const char    *title,
            gboolean       with_undo)
{
  MkWindow *window = get_window (self);
  AdwToast *toast;

  if (window == NULL)
    return;
  toast = adw_toast_new (title);
  if (with_undo)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      g_object_set_data (G_OBJECT (toast), "mk-undo",
                         GUINT_TO_POINTER (mk_entry_history_get_generation (self->history)));
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (toast_undo_cb), self, 0);
      if (self->undo_toast != NULL)
        g_object_remove_weak_pointer (G_OBJECT (self->undo_toast),
                                      (gpointer *) &self->undo_toast);
      self->undo_toast = toast;
      g_object_add_weak_pointer (G_OBJECT (toast), (gpointer *) &self->undo_toast);
    }
  mk_window_show_toast (window, toast);
}

static void
undo_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  MkEntriesPage *self = MK_ENTRIES_PAGE (widget);
  g_autoptr(GError) error = NULL;
  guint generation;

  if (self->store == NULL || !mk_entry_history_can_undo (self->history))
    return;
  generation = mk_entry_history_get_generation (self->history);
  if (!mk_entry_history_undo (self->history, &error))
    {
      show_error (self, _("The Change Was Not Undone"), error);
      return;
    }
  withdraw_alias_offer (self, generation);
  if (self->undo_toast != NULL
      && GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (self->undo_toast), "mk-undo"))
         == generation)
    {
      /* The change's toast would still say "Entry deleted" and offer an
       * Undo that does nothing now, with "Undone" queued behind it: it says
       * what happened instead, without its button (as on Today; not
       * adw_toast_dismiss(), which crashes libadwaita 1.2 while the toast
       * slides in). */
      adw_toast_set_title (self->undo_toast, _("Undone"));
      adw_toast_set_button_label (self->undo_toast, NULL);
      g_object_remove_weak_pointer (G_OBJECT (self->undo_toast),
                                    (gpointer *) &self->undo_toast);
      self->undo_toast = NULL;
    }
  else
    show_toast (self, _("Undone"), FALSE);
}

/* Edit */

static void
editor_save_cb (MkEntryEditor *editor,
                MkEntriesPage *self)
{
  g_autoptr(GError) error = NULL;
  MkEntry *entry = mk_entry_editor_get_entry (editor);
  MkEntryInput input;

  if (self->store == NULL || !mk_entry_editor_get_input (editor, &input, &error))
    return;
  if (!mk_entry_history_edit (self->history, mk_entry_get_id (entry), &input, &error))
    {
      /* The editor stays open with what was typed, the reason under it. */
      mk_entry_editor_show_error (editor, error->message);
      return;
    }
  show_toast (self, _("Entry changed"), TRUE);
  gtk_window_destroy (GTK_WINDOW (editor));
}

static void
open_editor (MkEntriesPage *self,
             MkEntry       *entry)
{
  GtkWindow *parent = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
  GListModel *categories = mk_entries_filters_get_categories (self->filters);

  g_clear_handle_id (&self->narrow_id, g_source_remove);
  if (self->editor != NULL)
    gtk_window_destroy (GTK_WINDOW (self->editor));
  if (categories == NULL)
    return;
  self->editor = mk_entry_editor_new (parent, entry, categories);
  g_object_add_weak_pointer (G_OBJECT (self->editor), (gpointer *) &self->editor);
  g_signal_connect_object (self->editor, "save", G_CALLBACK (editor_save_cb), self, 0);
  gtk_window_present (GTK_WINDOW (self->editor));
}

/**
 * mk_entries_page_edit:
 * @self: the page
 * @position: a row of the list
 *
 * Opens the editor on that row's entry, as Enter or a double click does.
 */
void
mk_entries_page_edit (MkEntriesPage *self,
                      guint          position)
{
  g_autoptr(MkEntry) entry = NULL;

  g_return_if_fail (MK_IS_ENTRIES_PAGE (self));

  if (self->entries != NULL)
    entry = g_list_model_get_item (G_LIST_MODEL (self->entries), position);
  if (entry != NULL)
    open_editor (self, entry);
}

static void
column_view_activate_cb (MkEntriesPage *self,
                         guint          position)
{
  mk_entries_page_edit (self, position);
}

static void
edit_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  MkEntriesPage *self = MK_ENTRIES_PAGE (widget);
  g_autoptr(GPtrArray) selected = NULL;

  if (self->selection == NULL)
    return;
  /* The selected entry, wherever its row is now (by id, not position). */
  selected = mk_entry_selection_get_selected (self->selection, 1, NULL);
  if (selected != NULL && selected->len == 1)
    open_editor (self, g_ptr_array_index (selected, 0));
}

/* Delete */

static void
delete_selected_action_cb (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *param)
{
  MkEntriesPage *self = MK_ENTRIES_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree gint64 *ids = NULL;
  g_autofree char *title = NULL;

  if (self->store == NULL)
    return;
  entries = mk_entry_selection_get_selected (self->selection, MAX_CHANGE, &error);
  if (entries == NULL)
    {
      show_error (self, _("The Entries Were Not Deleted"), error);
      return;
    }
  if (entries->len == 0)
    return;
  ids = entry_ids (entries);
  if (!mk_entry_history_delete (self->history, ids, entries->len, &error))
    {
      show_error (self, _("The Entries Were Not Deleted"), error);
      return;
    }
  title = g_strdup_printf (ngettext ("%'u entry deleted", "%'u entries deleted", entries->len),
                           entries->len);
  show_toast (self, title, TRUE);
}

/* Move to another category, and the alias offer */

static MkCategory *
lookup_alias_cb (const char *text,
                 gpointer    user_data)
{
  MkCategory *category = mk_store_lookup_alias (MK_STORE (user_data), text);

  return category ? g_object_ref (category) : NULL;
}

static void
offer_alias (MkEntriesPage *self,
             GPtrArray     *entries,
             MkCategory    *category)
{
  g_autofree const char **tasks = g_new0 (const char *, entries->len + 1);
  g_autofree char *word = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; i < entries->len; i++)
    tasks[i] = mk_entry_get_task (g_ptr_array_index (entries, i));
  word = mk_entry_words_common_unknown (tasks, entries->len, lookup_alias_cb, self->store);
  g_clear_pointer (&self->alias_word, g_free);
  if (word == NULL)
    {
      gtk_revealer_set_reveal_child (self->alias_revealer, FALSE);
      return;
    }

  if (entries->len == 1)
    /* Translators: the alias offer after moving one entry; "CRM", "Admin". */
    text = g_strdup_printf (_("The moved entry mentions “%s”. File this word under %s from "
                              "now on?"), word, mk_category_get_name (category));
  else
    /* Translators: the alias offer after moving entries; "CRM", "Admin". */
    text = g_strdup_printf (_("Every moved entry mentions “%s”. File this word under %s from "
                              "now on?"), word, mk_category_get_name (category));
  gtk_label_set_text (self->alias_label, text);
  self->alias_word = g_steal_pointer (&word);
  self->alias_category_id = mk_category_get_id (category);
  self->alias_generation = mk_entry_history_get_generation (self->history);
  gtk_revealer_set_reveal_child (self->alias_revealer, TRUE);
}

/**
 * mk_entries_page_get_alias_offer:
 * @self: the page
 *
 * Returns: (nullable): the word the page offers to save as an alias, or
 *   %NULL when it offers none.
 */
const char *
mk_entries_page_get_alias_offer (MkEntriesPage *self)
{
  g_return_val_if_fail (MK_IS_ENTRIES_PAGE (self), NULL);

  return gtk_revealer_get_reveal_child (self->alias_revealer) ? self->alias_word : NULL;
}

static void
move_selected_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  MkEntriesPage *self = MK_ENTRIES_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree gint64 *ids = NULL;
  g_autofree char *title = NULL;
  MkCategory *category;

  gtk_popover_popdown (self->move_popover);
  if (self->store == NULL)
    return;
  category = mk_store_get_category (self->store, g_variant_get_int64 (param));
  entries = mk_entry_selection_get_selected (self->selection, MAX_CHANGE, &error);
  if (entries == NULL)
    {
      show_error (self, _("The Entries Were Not Moved"), error);
      return;
    }
  if (entries->len == 0)
    return;
  ids = entry_ids (entries);
  if (!mk_entry_history_move (self->history, ids, entries->len, g_variant_get_int64 (param),
                              &error))
    {
      show_error (self, _("The Entries Were Not Moved"), error);
      return;
    }
  /* Translators: after moving entries: "Moved 14 entries to Follow-ups". */
  title = g_strdup_printf (ngettext ("Moved %'u entry to %s", "Moved %'u entries to %s",
                                     entries->len),
                           entries->len, category ? mk_category_get_name (category) : "");
  show_toast (self, title, TRUE);
  if (category != NULL)
    offer_alias (self, entries, category);
}

static void
save_alias_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  MkEntriesPage *self = MK_ENTRIES_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  MkCategory *category;

  if (self->store == NULL || self->alias_word == NULL)
    return;
  if (!mk_store_add_alias (self->store, self->alias_word, self->alias_category_id, &error))
    {
      show_error (self, _("The Alias Was Not Saved"), error);
      return;
    }
  category = mk_store_get_category (self->store, self->alias_category_id);
  /* Translators: after saving an alias: "“CRM” now means Admin". */
  title = g_strdup_printf (_("“%s” now means %s"), self->alias_word,
                           category ? mk_category_get_name (category) : "");
  show_toast (self, title, FALSE);
  gtk_revealer_set_reveal_child (self->alias_revealer, FALSE);
}

static void
dismiss_alias_action_cb (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *param)
{
  MkEntriesPage *self = MK_ENTRIES_PAGE (widget);

  gtk_revealer_set_reveal_child (self->alias_revealer, FALSE);
}

static void
rebuild_move_menu (MkEntriesPage *self)
{
  GtkWidget *child;
  GListModel *categories = mk_entries_filters_get_categories (self->filters);
  guint n = categories ? g_list_model_get_n_items (categories) : 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->move_box))) != NULL)
    gtk_box_remove (self->move_box, child);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MkCategory) category = g_list_model_get_item (categories, i);
      GtkWidget *button;

      if (mk_category_get_archived (category))
        continue;
      button = gtk_button_new_with_label (mk_category_get_name (category));
      gtk_widget_add_css_class (button, "flat");
      gtk_label_set_xalign (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), 0);
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button),
                                              g_variant_new_int64 (mk_category_get_id (category)));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "entries.move-selected");
      gtk_box_append (self->move_box, button);
    }
}

/* Other actions */

static void
select_all_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  MkEntriesPage *self = MK_ENTRIES_PAGE (widget);

  if (self->selection != NULL)
    gtk_selection_model_select_all (GTK_SELECTION_MODEL (self->selection));
}

static void
search_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  MkEntriesPage *self = MK_ENTRIES_PAGE (widget);

  mk_entries_filters_focus_search (self->filters);
}

/* Narrow and wide */

/* Below this width of the table's view, its narrow columns: the date, the
 * category, the minutes and the task fit about 360 px. */
#define NARROW_WIDTH 560

static gboolean
apply_narrow_cb (gpointer user_data)
{
  MkEntriesPage *self = user_data;

  self->narrow_id = 0;
  mk_entries_columns_set_narrow (self->column_view, self->narrow);
  return G_SOURCE_REMOVE;
}

/* The view's width is known once the table is allocated; the columns
 * change after that allocation, not during it. */
static void
view_width_changed_cb (GtkAdjustment *adjustment,
                       MkEntriesPage *self)
{
  double width = gtk_adjustment_get_page_size (adjustment);
  gboolean narrow = width > 0 && width < NARROW_WIDTH;

  if (narrow == self->narrow)
    return;
  self->narrow = narrow;
  if (self->narrow_id == 0)
    self->narrow_id = g_idle_add (apply_narrow_cb, self);
}

static void
sorter_changed_cb (MkEntriesPage *self)
{
  GtkSorter *sorter = gtk_column_view_get_sorter (self->column_view);
  GtkColumnViewColumn *column = NULL;
  MkEntrySort sort = MK_ENTRY_SORT_TIME;
  gboolean descending = TRUE;

  if (!mk_entries_columns_get_sort (self->column_view, &sort, &descending, &column))
    {
      sort = MK_ENTRY_SORT_TIME;
      descending = TRUE;
    }
  else
    {
      g_signal_handlers_block_by_func (sorter, sorter_changed_cb, self);
      mk_entries_columns_sort_by_one (self->column_view, column);
      g_signal_handlers_unblock_by_func (sorter, sorter_changed_cb, self);
    }
  if (self->entries != NULL)
    {
      scroll_to_top (self);
      /* The same entries in another order: they stay selected. */
      mk_entry_selection_set_reordering (self->selection, TRUE);
      mk_entry_list_set_sort (self->entries, sort, descending);
      mk_entry_selection_set_reordering (self->selection, FALSE);
    }
}

/* Public */

/**
 * mk_entries_page_set_store:
 * @self: the page
 * @store: the database to show
 */
void
mk_entries_page_set_store (MkEntriesPage *self,
                           MkStore       *store)
{
  g_return_if_fail (MK_IS_ENTRIES_PAGE (self));
  g_return_if_fail (MK_IS_STORE (store));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  mk_entry_history_set_store (self->history, store);
  self->entries = mk_entry_list_new (store);
  /* A search or a sort by another column than the date reads the whole
   * table: in a worker, while the spinner turns (docs/gui.md). */
  mk_entry_list_set_async (self->entries, TRUE);
  g_signal_connect_swapped (self->entries, "notify::busy", G_CALLBACK (busy_changed_cb), self);
  self->selection = mk_entry_selection_new (store, G_LIST_MODEL (self->entries));
  g_signal_connect_swapped (self->selection, "selection-changed",
                            G_CALLBACK (selection_changed_cb), self);
  g_signal_connect_swapped (self->entries, "items-changed", G_CALLBACK (entries_changed_cb),
                            self);
  mk_entries_filters_set_list (self->filters, store, self->entries);
  sorter_changed_cb (self);
  /* Before the view: it must be at the top when it hears of a refresh. */
  g_signal_connect_swapped (self->selection, "items-changed",
                            G_CALLBACK (selection_items_changed_cb), self);
  g_signal_connect_swapped (self->selection, "replacing",
                            G_CALLBACK (selection_replacing_cb), self);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  /* After the list's own handler: the list has refreshed when this runs. */
  self->changed_id = g_signal_connect_swapped (store, "changed", G_CALLBACK (store_changed_cb),
                                               self);
  store_changed_cb (self);
  update_selection (self);
}

/**
 * mk_entries_page_get_filters:
 * @self: the page
 *
 * Returns: (transfer none): the page's filter bar.
 */
MkEntriesFilters *
mk_entries_page_get_filters (MkEntriesPage *self)
{
  g_return_val_if_fail (MK_IS_ENTRIES_PAGE (self), NULL);

  return self->filters;
}

/**
 * mk_entries_page_get_entries:
 * @self: the page
 *
 * Returns: (transfer none) (nullable): the entries shown, as filtered.
 */
MkEntryList *
mk_entries_page_get_entries (MkEntriesPage *self)
{
  g_return_val_if_fail (MK_IS_ENTRIES_PAGE (self), NULL);

  return self->entries;
}

/**
 * mk_entries_page_get_totals:
 * @self: the page
 *
 * Returns: (transfer none): the footer's text, "540 entries · 60 h 30 min".
 */
const char *
mk_entries_page_get_totals (MkEntriesPage *self)
{
  g_return_val_if_fail (MK_IS_ENTRIES_PAGE (self), NULL);

  return self->totals ? self->totals : "";
}

/**
 * mk_entries_page_get_settled:
 * @self: the page
 *
 * Whether the page shows what its list holds now: no worker is reading
 * the list, the rows it last took are laid out and drawn, and the scroll
 * position a commit keeps is put back.  Tests wait for it after a change
 * instead of counting frames.
 *
 * Returns: %TRUE when nothing is pending
 */
gboolean
mk_entries_page_get_settled (MkEntriesPage *self)
{
  g_return_val_if_fail (MK_IS_ENTRIES_PAGE (self), FALSE);

  return self->entries != NULL && !mk_entry_list_get_busy (self->entries) &&
         self->laid_out_id == 0 && self->restore_id == 0;
}

/* GObject */

static void
mk_entries_page_map (GtkWidget *widget)
{
  MkEntriesPage *self = MK_ENTRIES_PAGE (widget);
  MkWindow *window = get_window (self);

  GTK_WIDGET_CLASS (mk_entries_page_parent_class)->map (widget);

  if (self->store == NULL && window != NULL && mk_window_get_store (window) != NULL)
    mk_entries_page_set_store (self, mk_window_get_store (window));
  resume_list (self);
}

static void
mk_entries_page_unmap (GtkWidget *widget)
{
  pause_list (MK_ENTRIES_PAGE (widget));

  GTK_WIDGET_CLASS (mk_entries_page_parent_class)->unmap (widget);
}

static void
mk_entries_page_dispose (GObject *object)
{
  MkEntriesPage *self = MK_ENTRIES_PAGE (object);

  if (self->editor != NULL)
    gtk_window_destroy (GTK_WINDOW (self->editor));
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  /* The list may outlive the page: it follows the store again, unrefreshed. */
  self->stale = FALSE;
  resume_list (self);
  if (self->column_view != NULL)
    {
      /* Removing the columns changes the sorter: not a sort to follow. */
      g_signal_handlers_disconnect_by_func (gtk_column_view_get_sorter (self->column_view),
                                            sorter_changed_cb, self);
      gtk_column_view_set_model (self->column_view, NULL);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), MK_TYPE_ENTRIES_PAGE);
  g_clear_object (&self->selection);
  g_clear_object (&self->entries);
  g_clear_object (&self->store);
  g_clear_object (&self->history);
  if (self->undo_toast != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->undo_toast), (gpointer *) &self->undo_toast);
  self->undo_toast = NULL;
  g_clear_pointer (&self->alias_word, g_free);
  g_clear_pointer (&self->totals, g_free);

  G_OBJECT_CLASS (mk_entries_page_parent_class)->dispose (object);
}

static void
mk_entries_page_class_init (MkEntriesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mk_entries_page_dispose;
  widget_class->map = mk_entries_page_map;
  widget_class->unmap = mk_entries_page_unmap;

  g_type_ensure (MK_TYPE_ENTRIES_FILTERS);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/mk-entries-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MkEntriesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, MkEntriesPage, filters);
  gtk_widget_class_bind_template_child (widget_class, MkEntriesPage, alias_revealer);
  gtk_widget_class_bind_template_child (widget_class, MkEntriesPage, alias_label);
  gtk_widget_class_bind_template_child (widget_class, MkEntriesPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, MkEntriesPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, MkEntriesPage, totals_label);
  gtk_widget_class_bind_template_child (widget_class, MkEntriesPage, totals_short_label);
  gtk_widget_class_bind_template_child (widget_class, MkEntriesPage, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, MkEntriesPage, selection_box);
  gtk_widget_class_bind_template_child (widget_class, MkEntriesPage, selection_label);
  gtk_widget_class_bind_template_child (widget_class, MkEntriesPage, edit_button);
  gtk_widget_class_bind_template_child (widget_class, MkEntriesPage, move_box);
  gtk_widget_class_bind_template_child (widget_class, MkEntriesPage, move_popover);
  gtk_widget_class_bind_template_callback (widget_class, column_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, categories_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, scroll_to_top);

  gtk_widget_class_install_action (widget_class, "entries.edit", NULL, edit_action_cb);
  gtk_widget_class_install_action (widget_class, "entries.delete-selected", NULL,
                                   delete_selected_action_cb);
  gtk_widget_class_install_action (widget_class, "entries.move-selected", "x",
                                   move_selected_action_cb);
  gtk_widget_class_install_action (widget_class, "entries.undo", NULL, undo_action_cb);
  gtk_widget_class_install_action (widget_class, "entries.select-all", NULL,
                                   select_all_action_cb);
  gtk_widget_class_install_action (widget_class, "entries.search", NULL, search_action_cb);
  gtk_widget_class_install_action (widget_class, "entries.save-alias", NULL,
                                   save_alias_action_cb);
  gtk_widget_class_install_action (widget_class, "entries.dismiss-alias", NULL,
                                   dismiss_alias_action_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "mk-entries-page");
}

static void
add_shortcut (GtkEventController *controller,
              guint               key,
              GdkModifierType     mods,
              const char         *action)
{
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (key, mods),
                                                          gtk_named_action_new (action)));
}

static void
mk_entries_page_init (MkEntriesPage *self)
{
  GtkEventController *shortcuts;
  GtkEventController *capture;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->history = mk_entry_history_new (1);
  g_signal_connect_object (self->history, "notify::can-undo", G_CALLBACK (update_undo), self,
                           G_CONNECT_SWAPPED);
  mk_entries_columns_add (self->column_view);
  g_signal_connect_object (gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (self->column_view)),
                           "changed", G_CALLBACK (view_width_changed_cb), self, 0);
  g_signal_connect_swapped (gtk_column_view_get_sorter (self->column_view), "changed",
                            G_CALLBACK (sorter_changed_cb), self);

  /* Delete, Ctrl+A and Ctrl+Z act on the list only when the focused widget
   * (a text field) did not want the key first: bubble phase. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                     GTK_SHORTCUT_SCOPE_MANAGED);
  add_shortcut (shortcuts, GDK_KEY_Delete, 0, "entries.delete-selected");
  add_shortcut (shortcuts, GDK_KEY_KP_Delete, 0, "entries.delete-selected");
  add_shortcut (shortcuts, GDK_KEY_z, GDK_CONTROL_MASK, "entries.undo");
  add_shortcut (shortcuts, GDK_KEY_a, GDK_CONTROL_MASK, "entries.select-all");
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  capture = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (capture),
                                     GTK_SHORTCUT_SCOPE_MANAGED);
  gtk_event_controller_set_propagation_phase (capture, GTK_PHASE_CAPTURE);
  add_shortcut (capture, GDK_KEY_f, GDK_CONTROL_MASK, "entries.search");
  gtk_widget_add_controller (GTK_WIDGET (self), capture);

  update_totals (self);
  update_selection (self);
  update_undo (self);
}
