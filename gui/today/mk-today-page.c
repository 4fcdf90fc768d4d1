/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-today-page.c — the Today page: log the day from the keyboard.
 *
 * What a manager touches while the phone rings: a quick entry parsed by
 * core (mk_quick_entry_parse) with a line under it saying how it was
 * understood, a category drop-down and minutes for the mouse, a timer kept
 * in the database (MkTodayTimer), the day's entries, a summary bar
 * (MkDayBar), day navigation and undo.
 *
 * The day's entries come from one MkEntryList, refiltered by person and
 * day, which refreshes itself on the store's "changed" signal; MkDayList
 * shows it.  Changes to entries go through core's MkEntryHistory, which
 * makes each one a transaction and remembers how to undo it.
 *
 * Invariants.  Every change goes through MkStore and is committed before
 * the page shows it: the list and the summary are redrawn from the store's
 * "changed" signal, never patched by hand.  A failed write leaves the typed
 * line in the entry with the store's message under it.  The page holds no
 * SQL and parses nothing itself.  One level of undo: the last add, edit or
 * delete, from the toast's button or Ctrl+Z.
 *
 * Narrow windows (down to 360 px): the rows of controls are MkWrapBoxes,
 * one line when wide, folding onto a second line when they do not fit.
 * A long name of the person logging is cut with an ellipsis, in the person
 * chooser and in the summary (where the minutes stay in view), whole in
 * their tooltips.
 *
 * A manager's desktop in a team (mk_team_get_role(): a local read of one
 * row, not a supervisor's login) logs as the person linked to its login: the person
 * chooser is hidden and "Who is logging?" is never asked; the summary
 * still names the person.  The page reads the status again on every change
 * of the store, so joining or leaving while the window is open follows.
 *
 * Actions (prefix "today."): add, focus-entry, toggle-timer, previous-day,
 * next-day, go-today, undo, undo-change (u: a toast's change), delete-entry
 * (x), edit-entry (x: opens the one entry editor, gui/widgets/mk-entry-editor.c,
 * which the Entries page opens too), update-entry ((xiixs): start, minutes,
 * category and task, the day kept).
 */
#define G_LOG_DOMAIN "mk-today-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "mk-day.h"
#include "mk-day-bar.h"
#include "mk-day-list.h"
#include "mk-day-switcher.h"
#include "mk-entry-editor.h"
#include "mk-entry-history.h"
#include "mk-entry-list.h"
#include "mk-entry-words.h"
#include "mk-error.h"
#include "mk-format.h"
#include "mk-person-chooser.h"
#include "mk-quick-entry-row.h"
#include "mk-team.h"
#include "mk-today-page.h"
#include "mk-today-timer.h"
#include "mk-window.h"
#include "mk-wrap-box.h"

struct _MkTodayPage
{
  GtkWidget        parent_instance;

  MkStore         *store;
  gulong           changed_id;
  MkEntryList     *entries;
  GListModel      *categories;
  MkEntryHistory  *history;
  AdwToast        *undo_toast;   /* weak: the last toast with Undo, while it lives */
  GSettings       *settings;

  GtkWidget       *main_box;
  MkDaySwitcher   *day_switcher;
  GtkLabel        *study_label;
  MkPersonChooser *person_chooser;
  gboolean         team_person;  /* the person is the manager's login's; no chooser */
  gboolean         asked_person; /* the chooser opened by itself for this store */
  MkQuickEntryRow *quick_row;
  MkTodayTimer    *timer;
  MkEntryEditor   *editor;          /* weak: the entry editor while it is open */
  GtkLabel        *summary_label;
  MkDayBar        *day_bar;
  GtkStack        *list_stack;
  MkDayList       *day_list;
  GtkWidget       *demo_button;

  char            *teach_word;      /* the word the quick entry offers to teach */
  gint64           teach_entry_id;  /* the entry it came with */
  gint64           added_id;        /* the entry the hint says was added, or 0 */
};

G_DEFINE_FINAL_TYPE (MkTodayPage, mk_today_page, GTK_TYPE_WIDGET)

static void mk_today_page_reload (MkTodayPage *self);

/* With nothing to undo, Ctrl+Z goes on to the entry's own undo. */
static void
update_undo_action (MkTodayPage *self)
{
  gboolean can_undo = mk_entry_history_can_undo (self->history);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "today.undo", can_undo);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "today.undo-change", can_undo);
}

static GListModel *
rows (MkTodayPage *self)
{
  return mk_day_list_get_rows (self->day_list);
}

static const char *
shown_day (MkTodayPage *self)
{
  return mk_day_switcher_get_day (self->day_switcher);
}

static AdwToastOverlay *
get_toast_overlay (MkTodayPage *self)
{
  return ADW_TOAST_OVERLAY (gtk_widget_get_ancestor (GTK_WIDGET (self),
                                                     ADW_TYPE_TOAST_OVERLAY));
}

/* A toast's Undo.  The toast lives in the window's overlay, outside the
 * page, where the page's "today." actions cannot be found (an action name
 * on the toast left its button insensitive): the button calls the page. */
static void
toast_undo_cb (AdwToast    *toast,
               MkTodayPage *self)
{
  guint generation = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (toast), "generation"));

  gtk_widget_activate_action (GTK_WIDGET (self), "today.undo-change", "u", generation);
}

static void
show_toast (MkTodayPage *self,
            const char  *title,
            gboolean     with_undo)
{
  AdwToastOverlay *overlay = get_toast_overlay (self);
  AdwToast *toast;

  /* No adw_toast_dismiss() of the previous toast: libadwaita 1.2 can crash
   * when a toast is dismissed while its overlay animates, so toasts queue
   * and time out.  Each toast's Undo names its change (the generation), so
   * a toast still showing after a newer change cannot undo the newer one. */
  if (overlay == NULL)
    return;

  toast = adw_toast_new (title);
  if (with_undo)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      g_object_set_data (G_OBJECT (toast), "generation",
                         GUINT_TO_POINTER (mk_entry_history_get_generation (self->history)));
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (toast_undo_cb), self, 0);
      if (self->undo_toast != NULL)
        g_object_remove_weak_pointer (G_OBJECT (self->undo_toast),
                                      (gpointer *) &self->undo_toast);
      self->undo_toast = toast;
      g_object_add_weak_pointer (G_OBJECT (toast), (gpointer *) &self->undo_toast);
    }
  adw_toast_overlay_add_toast (overlay, toast);
}

static void
set_hint (MkTodayPage *self,
          const char  *text,
          gboolean     is_error)
{
  self->added_id = 0;
  mk_quick_entry_row_set_hint (self->quick_row, text, is_error);
}

/* Teaching a word */

static MkCategory *
lookup_alias_cb (const char *text,
                 gpointer    user_data)
{
  MkCategory *category = mk_store_lookup_alias (MK_STORE (user_data), text);

  return category != NULL ? g_object_ref (category) : NULL;
}

/* Offers to teach the word of @task that names no category, for the entry
 * @id: to remember under @category (the person's choice), or, when it is
 * NULL, to pick one (the entry went to Other). */
static void
offer_word (MkTodayPage *self,
            gint64       id,
            const char  *task,
            MkCategory  *category)
{
  const char *tasks[] = { task };
  g_autofree char *word = mk_entry_words_common_unknown (tasks, 1, lookup_alias_cb, self->store);

  g_clear_pointer (&self->teach_word, g_free);
  if (word == NULL)
    {
      mk_quick_entry_row_hide_offer (self->quick_row);
      return;
    }
  self->teach_word = g_steal_pointer (&word);
  self->teach_entry_id = id;
  mk_quick_entry_row_offer_word (self->quick_row, self->teach_word, category,
                                 mk_store_get_category_by_key (self->store, "other"));
}

/* today.teach-word (x): the word now names the category, and the entry
 * that brought it up goes there (one undoable move) if it is elsewhere. */
static void
teach_word_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  MkTodayPage *self = MK_TODAY_PAGE (widget);
  gint64 category_id = g_variant_get_int64 (param);
  g_autoptr(MkEntry) entry = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *done = NULL;
  MkCategory *category;

  if (self->store == NULL || self->teach_word == NULL)
    return;
  category = mk_store_get_category (self->store, category_id);
  if (category == NULL || !mk_store_add_alias (self->store, self->teach_word, category_id, &error))
    {
      set_hint (self, error ? error->message : _("That category no longer exists"), TRUE);
      return;
    }
  entry = mk_store_get_entry (self->store, self->teach_entry_id, NULL);
  if (entry != NULL && mk_category_get_id (mk_entry_get_category (entry)) != category_id
      && !mk_entry_history_move (self->history, &self->teach_entry_id, 1, category_id, &error))
    {
      set_hint (self, error->message, TRUE);
      return;
    }
  /* Translators: after teaching a word: "“demo” now means Calls". */
  done = g_strdup_printf (_("“%s” now means %s"), self->teach_word,
                          mk_category_get_name (category));
  set_hint (self, done, FALSE);
  g_clear_pointer (&self->teach_word, g_free);
  mk_quick_entry_row_hide_offer (self->quick_row);
}

static void
dismiss_word_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  MkTodayPage *self = MK_TODAY_PAGE (widget);

  g_clear_pointer (&self->teach_word, g_free);
  mk_quick_entry_row_hide_offer (self->quick_row);
}

/* Quick entry */

static gboolean
ensure_person (MkTodayPage *self)
{
  if (mk_person_chooser_get_person (self->person_chooser) != NULL)
    return TRUE;
  if (self->team_person)
    {
      /* The join brings the person along; this only happens when the
       * team's server unlinked the login since. */
      set_hint (self, _("Your login is linked to nobody in the team. Ask the team’s supervisor "
                        "to link it; your line stays here."), TRUE);
      return FALSE;
    }
  set_hint (self, _("First choose who is logging: pick your name or add it"), TRUE);
  mk_person_chooser_popup (self->person_chooser);
  return FALSE;
}

/* Adds the line as an entry; with @use_fields (the Add button) a line
 * without a duration takes the minutes field's. */
static gboolean
add_from_line (MkTodayPage *self,
               gboolean     use_fields)
{
  g_autoptr(MkQuickEntry) parsed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  MkEntryInput input = { 0 };
  MkCategory *category = NULL;
  gboolean chosen;
  gint64 id;

  if (self->store == NULL || !ensure_person (self))
    return FALSE;
  parsed = mk_quick_entry_row_read (self->quick_row, use_fields, &category);
  if (parsed == NULL)
    return FALSE;

  input.person_id = mk_person_get_id (mk_person_chooser_get_person (self->person_chooser));
  input.day = shown_day (self);
  input.start = parsed->start;
  input.minutes = parsed->minutes;
  input.category_id = mk_category_get_id (category);
  input.task = parsed->task;
  input.source = MK_ENTRY_SOURCE_MANUAL;

  chosen = mk_quick_entry_row_get_category_chosen (self->quick_row);
  summary = mk_quick_entry_describe (parsed, category, chosen);
  id = mk_entry_history_add (self->history, &input, &error);
  if (id <= 0)
    {
      /* Nothing is lost: the line stays in the field, the reason under it. */
      set_hint (self, error->message, TRUE);
      return FALSE;
    }

  mk_quick_entry_row_done (self->quick_row, summary);
  self->added_id = id;
  /* A line that named no category Minutka knows: teach it the word. */
  if (parsed->category == NULL && parsed->unknown_word != NULL)
    offer_word (self, id, parsed->task, chosen ? category : NULL);
  else
    dismiss_word_action_cb (GTK_WIDGET (self), NULL, NULL);
  return TRUE;
}

static void
quick_row_submit_cb (MkTodayPage *self)
{
  add_from_line (self, FALSE);
}

static void
add_action_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  add_from_line (MK_TODAY_PAGE (widget), TRUE);
}

/**
 * mk_today_page_submit:
 * @self: the page
 * @line: a quick-entry line
 *
 * Does what typing @line and pressing Enter does.
 *
 * Returns: %TRUE if an entry was added; otherwise the hint says why.
 */
gboolean
mk_today_page_submit (MkTodayPage *self,
                      const char  *line)
{
  g_return_val_if_fail (MK_IS_TODAY_PAGE (self), FALSE);
  g_return_val_if_fail (line != NULL, FALSE);

  mk_quick_entry_row_set_text (self->quick_row, line);
  return add_from_line (self, FALSE);
}

static void
focus_entry_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  MkTodayPage *self = MK_TODAY_PAGE (widget);

  gtk_widget_activate_action (widget, "win.page", "s", "today");
  mk_quick_entry_row_focus (self->quick_row);
}

/* Entries: delete, update, undo */

static void
delete_entry_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  MkTodayPage *self = MK_TODAY_PAGE (widget);
  g_autoptr(GError) error = NULL;
  gint64 id = g_variant_get_int64 (param);

  if (self->store == NULL)
    return;
  if (!mk_entry_history_delete (self->history, &id, 1, &error))
    show_toast (self, error->message, FALSE);
  else
    show_toast (self, _("Entry deleted"), TRUE);
}

static void
update_entry_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  MkTodayPage *self = MK_TODAY_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(MkEntry) entry = NULL;
  MkEntryInput input;
  gint64 id;

  if (self->store == NULL)
    return;
  /* The person and the day stay. */
  g_variant_get (param, "(xiix&s)", &id, NULL, NULL, NULL, NULL);
  entry = mk_store_get_entry (self->store, id, &error);
  if (entry != NULL)
    {
      mk_entry_to_input (entry, &input);
      g_variant_get (param, "(xiix&s)", NULL, &input.start, &input.minutes,
                     &input.category_id, &input.task);
    }
  if (entry == NULL || !mk_entry_history_edit (self->history, id, &input, &error))
    {
      show_toast (self, error->message, FALSE);
      return;
    }
  show_toast (self, _("Entry changed"), TRUE);
  /* Moved to another category by hand: the word that should have put it
   * there may be worth remembering, as on the Entries page. */
  if (input.category_id != mk_category_get_id (mk_entry_get_category (entry)))
    offer_word (self, id, input.task, mk_store_get_category (self->store, input.category_id));
}

/* The editor's Save: one undoable change, or the store's reason in the
 * editor, which stays open with what was typed.  A new day moves the entry
 * out of this day's list, as it would from any other list of that day. */
static void
editor_save_cb (MkEntryEditor *editor,
                MkTodayPage   *self)
{
  g_autoptr(GError) error = NULL;
  MkEntry *entry = mk_entry_editor_get_entry (editor);
  MkEntryInput input;

  if (self->store == NULL || !mk_entry_editor_get_input (editor, &input, &error))
    return;
  if (!mk_entry_history_edit (self->history, mk_entry_get_id (entry), &input, &error))
    {
      mk_entry_editor_show_error (editor, error->message);
      return;
    }
  show_toast (self, _("Entry changed"), TRUE);
  if (input.category_id != mk_category_get_id (mk_entry_get_category (entry)))
    offer_word (self, mk_entry_get_id (entry), input.task,
                mk_store_get_category (self->store, input.category_id));
  gtk_window_destroy (GTK_WINDOW (editor));
}

static void
edit_entry_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  MkTodayPage *self = MK_TODAY_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(MkEntry) entry = NULL;

  if (self->store == NULL || self->categories == NULL)
    return;
  entry = mk_store_get_entry (self->store, g_variant_get_int64 (param), &error);
  if (entry == NULL)
    {
      show_toast (self, error->message, FALSE);
      return;
    }
  if (self->editor != NULL)
    gtk_window_destroy (GTK_WINDOW (self->editor));
  self->editor = mk_entry_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, entry,
                                      self->categories);
  g_object_add_weak_pointer (G_OBJECT (self->editor), (gpointer *) &self->editor);
  g_signal_connect_object (self->editor, "save", G_CALLBACK (editor_save_cb), self, 0);
  gtk_window_present (GTK_WINDOW (self->editor));
}

static void
undo_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  MkTodayPage *self = MK_TODAY_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (self->store == NULL || !mk_entry_history_can_undo (self->history))
    return;
  /* From a toast: only while its change is still the last one. */
  if (param != NULL
      && g_variant_get_uint32 (param) != mk_entry_history_get_generation (self->history))
    {
      set_hint (self, _("Only the last change can be undone"), TRUE);
      return;
    }
  if (!mk_entry_history_undo (self->history, &error))
    show_toast (self, error->message, FALSE);
  else
    {
      set_hint (self, _("Undone"), FALSE);
      /* Ctrl+Z: the change's toast would still say "Entry deleted" and
       * offer Undo.  It says what happened instead, without its button.
       * (Not adw_toast_dismiss(): libadwaita 1.2 crashes when a toast is
       * dismissed while it slides in.)  From the toast's own button, the
       * toast goes by itself. */
      if (param == NULL && self->undo_toast != NULL)
        {
          adw_toast_set_title (self->undo_toast, _("Undone"));
          adw_toast_set_button_label (self->undo_toast, NULL);
          g_object_remove_weak_pointer (G_OBJECT (self->undo_toast),
                                        (gpointer *) &self->undo_toast);
          self->undo_toast = NULL;
        }
    }
}

/* Timer */

static void
toggle_timer_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  MkTodayPage *self = MK_TODAY_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;

  if (mk_today_timer_is_running (self->timer))
    {
      gint64 id = mk_today_timer_stop (self->timer, &error);

      if (id <= 0)
        {
          show_toast (self, error->message, FALSE);
          return;
        }
      /* The entry is logged even if it cannot be remembered for undo. */
      show_toast (self, _("Timer stopped and logged"),
                  mk_entry_history_added (self->history, id, NULL));
    }
  else
    {
      g_autoptr(MkQuickEntry) parsed = NULL;
      MkCategory *category = NULL;
      MkPerson *person;

      if (!ensure_person (self))
        return;
      parsed = mk_quick_entry_row_read_task (self->quick_row, &category);
      if (category == NULL)
        {
          set_hint (self, _("Choose a category for the timer"), TRUE);
          return;
        }
      person = mk_person_chooser_get_person (self->person_chooser);
      if (!mk_today_timer_start (self->timer, mk_person_get_id (person),
                                 mk_category_get_id (category), parsed->task, &error))
        {
          set_hint (self, error->message, TRUE);
          return;
        }
      mk_quick_entry_row_done (self->quick_row, NULL);
    }
}

/* Day, person and summary */

/* The summary names the person before the minutes: a name longer than
 * this is cut with an ellipsis there, so the minutes stay in view. */
#define SUMMARY_NAME_CHARS 24

static char *
summary_name (const char *name)
{
  g_autofree char *cut = NULL;
  char *end;

  if (g_utf8_strlen (name, -1) <= SUMMARY_NAME_CHARS)
    return g_strdup (name);
  cut = g_utf8_substring (name, 0, SUMMARY_NAME_CHARS - 1);
  /* "Констанция-…", not "Констанция- …" or "Anna …". */
  end = cut + strlen (cut);
  while (end > cut && (end[-1] == ' ' || end[-1] == '-'))
    *--end = '\0';
  return g_strconcat (cut, "…", NULL);
}

static void
update_summary (MkTodayPage *self)
{
  g_autofree char *total_text = NULL;
  g_autofree char *workday_text = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *study_from = NULL;
  g_autofree char *study_to = NULL;
  MkPerson *person = mk_person_chooser_get_person (self->person_chooser);
  MkSettings settings;
  gint64 total;

  if (self->store == NULL)
    return;

  mk_store_get_settings (self->store, &settings);
  mk_day_bar_set_workday (self->day_bar, MAX (settings.workday_minutes, 1));
  mk_day_bar_set_entries (self->day_bar, rows (self), self->categories);
  total = mk_day_bar_get_total (self->day_bar);

  total_text = mk_format_minutes (total);
  workday_text = mk_format_minutes (settings.workday_minutes);
  if (person == NULL)
    {
      summary = g_strdup (_("Choose who is logging to see the day"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->summary_label), NULL);
    }
  else
    {
      g_autofree char *name = summary_name (mk_person_get_name (person));

      /* Translators: "Anna: 1 h 50 min of 8 h logged". */
      summary = g_strdup_printf (_("%s: %s of %s logged"), name, total_text, workday_text);
      /* The whole name, when the summary shows it cut. */
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->summary_label),
                                   g_strcmp0 (name, mk_person_get_name (person)) != 0
                                   ? mk_person_get_name (person) : NULL);
    }
  gtk_label_set_text (self->summary_label, summary);

  gtk_widget_set_visible (GTK_WIDGET (self->study_label), FALSE);
  if (mk_store_get_study (self->store, NULL, &study_from, &study_to)
      && study_from != NULL && study_to != NULL
      && g_strcmp0 (shown_day (self), study_from) >= 0
      && g_strcmp0 (shown_day (self), study_to) <= 0)
    {
      int index = mk_day_days_between (study_from, shown_day (self)) + 1;
      int length = mk_day_days_between (study_from, study_to) + 1;
      g_autofree char *text = NULL;

      /* Translators: the place of the shown day in the study, "Day 2 of 3". */
      text = g_strdup_printf (_("Day %d of %d"), index, length);
      gtk_label_set_text (self->study_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->study_label), TRUE);
    }
}

static void
update_list_state (MkTodayPage *self)
{
  guint n = g_list_model_get_n_items (rows (self));

  gtk_stack_set_visible_child_name (self->list_stack, n > 0 ? "list" : "empty");
  gtk_widget_set_visible (self->demo_button,
                          self->store != NULL && mk_store_is_empty (self->store));
}

/* A running timer marks the Today tab in the header's view switcher, so it
 * is seen from the other pages too. */
static void
update_header_mark (MkTodayPage *self)
{
  GtkWidget *stack = gtk_widget_get_parent (GTK_WIDGET (self));
  AdwViewStackPage *page;

  if (!ADW_IS_VIEW_STACK (stack))
    return;
  page = adw_view_stack_get_page (ADW_VIEW_STACK (stack), GTK_WIDGET (self));
  if (page != NULL)
    adw_view_stack_page_set_needs_attention (page, mk_today_timer_is_running (self->timer));
}

static gboolean
same_categories (GListModel *a,
                 GListModel *b)
{
  guint n = g_list_model_get_n_items (a);

  if (n != g_list_model_get_n_items (b))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MkCategory) x = g_list_model_get_item (a, i);
      g_autoptr(MkCategory) y = g_list_model_get_item (b, i);

      if (mk_category_get_id (x) != mk_category_get_id (y) ||
          g_strcmp0 (mk_category_get_name (x), mk_category_get_name (y)) != 0 ||
          g_strcmp0 (mk_category_get_color (x), mk_category_get_color (y)) != 0)
        return FALSE;
    }
  return TRUE;
}

/* A category added, renamed, recoloured, reordered or archived in
 * Preferences shows in the drop-down and the editors at once. */
static void
refresh_categories (MkTodayPage *self)
{
  g_autoptr(GListModel) categories = mk_store_list_categories (self->store, FALSE);

  if (self->categories != NULL && same_categories (self->categories, categories))
    return;
  g_set_object (&self->categories, categories);
  mk_quick_entry_row_set_store (self->quick_row, self->store, categories);
}

/* A manager in a team logs as the person linked to the login: the chooser
 * goes, the person is set.  Returns whether the person changed. */
static gboolean
update_team_person (MkTodayPage *self)
{
  g_autofree char *name = NULL;
  g_autoptr(MkPerson) person = NULL;
  MkPerson *current = mk_person_chooser_get_person (self->person_chooser);

  self->team_person = self->store != NULL &&
                      mk_team_get_role (self->store, &name) == MK_TEAM_ROLE_MANAGER;
  gtk_widget_set_visible (GTK_WIDGET (self->person_chooser), !self->team_person);
  if (!self->team_person || name == NULL)
    return FALSE;
  person = mk_store_find_person (self->store, name, NULL);
  if (person == NULL ||
      (current != NULL && mk_person_get_id (current) == mk_person_get_id (person)))
    return FALSE;
  mk_person_chooser_set_person (self->person_chooser, person);
  return TRUE;
}

/* The hint and the offer to teach a word speak of the entry just added:
 * once it is gone (undone, deleted on the Entries page, or removed by a
 * team sync) they no longer say "Added: …" of it nor offer to move it. */
static gboolean
entry_exists (MkTodayPage *self,
              gint64       id)
{
  g_autoptr(MkEntry) entry = mk_store_get_entry (self->store, id, NULL);

  return entry != NULL;
}

static void
forget_gone_entries (MkTodayPage *self)
{
  if (self->added_id != 0 && !entry_exists (self, self->added_id))
    {
      self->added_id = 0;
      mk_quick_entry_row_refresh_hint (self->quick_row);
    }
  if (self->teach_word != NULL && !entry_exists (self, self->teach_entry_id))
    dismiss_word_action_cb (GTK_WIDGET (self), NULL, NULL);
}

static void
store_changed_cb (MkTodayPage *self)
{
  /* Joined or left meanwhile; a new person reloads the page. */
  update_team_person (self);
  refresh_categories (self);
  /* The entry list refreshed itself on the same signal, connected earlier. */
  update_list_state (self);
  update_summary (self);
  mk_today_timer_update (self->timer);
  update_header_mark (self);
  forget_gone_entries (self);
}

/* Shows the chosen person's chosen day. */
static void
mk_today_page_reload (MkTodayPage *self)
{
  MkPerson *person = mk_person_chooser_get_person (self->person_chooser);
  /* A person id of -1 matches nobody, so a page without a person is empty. */
  gint64 person_id = person ? mk_person_get_id (person) : -1;

  if (self->store == NULL)
    return;

  if (self->entries == NULL)
    {
      self->entries = mk_entry_list_new_for_day (self->store, person_id, shown_day (self));
      mk_day_list_set_source (self->day_list, G_LIST_MODEL (self->entries));
    }
  else
    {
      mk_entry_list_set_person (self->entries, person_id);
      mk_entry_list_set_range (self->entries, shown_day (self), shown_day (self));
    }

  update_list_state (self);
  update_summary (self);
  mk_quick_entry_row_reset_category (self->quick_row);
}

static void
day_action_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  MkTodayPage *self = MK_TODAY_PAGE (widget);

  if (g_str_equal (action_name, "today.previous-day"))
    mk_day_switcher_move (self->day_switcher, -1);
  else if (g_str_equal (action_name, "today.next-day"))
    mk_day_switcher_move (self->day_switcher, 1);
  else
    mk_day_switcher_go_today (self->day_switcher);
}

/* Today goes to today: nothing to do when it is shown.  The next day is
 * none from today: days to come cannot be logged yet. */
static void
update_today_action (MkTodayPage *self)
{
  g_autofree char *today = mk_day_today ();

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "today.go-today",
                                 !mk_day_switcher_shows_today (self->day_switcher));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "today.next-day",
                                 g_strcmp0 (shown_day (self), today) < 0);
}

static void
future_refused_cb (MkTodayPage   *self,
                   const char    *day,
                   MkDaySwitcher *switcher)
{
  g_autoptr(GError) error = NULL;

  if (!mk_day_check_has_come (day, &error))
    set_hint (self, error->message, TRUE);
}

static void
day_changed_cb (MkTodayPage *self)
{
  update_today_action (self);
  mk_today_page_reload (self);
}

static void
person_changed_cb (MkTodayPage *self)
{
  MkPerson *person = mk_person_chooser_get_person (self->person_chooser);

  if (person != NULL && self->settings != NULL)
    g_settings_set_string (self->settings, "current-person", mk_person_get_name (person));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "today.my-analysis", person != NULL);
  mk_today_page_reload (self);
}

/* A name picked or added: the next keys are the first line of the day. */
static void
person_chosen_cb (MkTodayPage *self)
{
  mk_quick_entry_row_focus (self->quick_row);
}

/* The manager sees exactly the detail the supervisor sees about them. */
static void
my_analysis_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  MkTodayPage *self = MK_TODAY_PAGE (widget);
  MkPerson *person = mk_person_chooser_get_person (self->person_chooser);
  g_autofree char *id = NULL;

  if (person == NULL)
    return;
  id = g_strdup_printf ("%" G_GINT64_FORMAT, mk_person_get_id (person));
  gtk_widget_activate_action (widget, "win.my-analysis", "s", id);
}

/* Public API */

/**
 * mk_today_page_new:
 *
 * Returns: (transfer floating): a Today page without a store.
 */
GtkWidget *
mk_today_page_new (void)
{
  return g_object_new (MK_TYPE_TODAY_PAGE, NULL);
}

/**
 * mk_today_page_set_store:
 * @self: the page
 * @store: the store to log into
 *
 * Shows @store: the person remembered in GSettings, today's entries, a
 * running timer.  The window calls it; without it the page takes the store
 * of its MkWindow when first shown.
 */
void
mk_today_page_set_store (MkTodayPage *self,
                         MkStore     *store)
{
  g_autofree char *name = NULL;
  g_autoptr(MkPerson) person = NULL;

  g_return_if_fail (MK_IS_TODAY_PAGE (self));
  g_return_if_fail (store == NULL || MK_IS_STORE (store));

  if (self->store == store)
    return;
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_set_object (&self->store, store);
  self->asked_person = FALSE;
  mk_day_list_set_source (self->day_list, NULL);
  g_clear_object (&self->entries);
  mk_entry_history_set_store (self->history, store);
  mk_person_chooser_set_store (self->person_chooser, store);
  mk_today_timer_set_store (self->timer, store);
  if (store == NULL)
    return;

  g_clear_object (&self->categories);
  refresh_categories (self);

  /* The person remembered on this computer, if the database knows them. */
  name = g_settings_get_string (self->settings, "current-person");
  if (*name != '\0')
    person = mk_store_find_person (store, name, NULL);
  g_signal_handlers_block_by_func (self->person_chooser, person_changed_cb, self);
  mk_person_chooser_set_person (self->person_chooser, person);
  update_team_person (self);
  g_signal_handlers_unblock_by_func (self->person_chooser, person_changed_cb, self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "today.my-analysis",
                                 mk_person_chooser_get_person (self->person_chooser) != NULL);

  self->changed_id = g_signal_connect_object (store, "changed", G_CALLBACK (store_changed_cb),
                                              self, G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  mk_today_page_reload (self);
}

/**
 * mk_today_page_get_store:
 * @self: the page
 *
 * Returns: (transfer none) (nullable): the store shown.
 */
MkStore *
mk_today_page_get_store (MkTodayPage *self)
{
  g_return_val_if_fail (MK_IS_TODAY_PAGE (self), NULL);

  return self->store;
}

/**
 * mk_today_page_get_day:
 * @self: the page
 *
 * Returns: (transfer none): the day shown, "YYYY-MM-DD".
 */
const char *
mk_today_page_get_day (MkTodayPage *self)
{
  g_return_val_if_fail (MK_IS_TODAY_PAGE (self), NULL);

  return shown_day (self);
}

/**
 * mk_today_page_set_day:
 * @self: the page
 * @day: "YYYY-MM-DD"; past and future days may be logged too
 */
void
mk_today_page_set_day (MkTodayPage *self,
                       const char  *day)
{
  g_return_if_fail (MK_IS_TODAY_PAGE (self));
  g_return_if_fail (day != NULL);

  mk_day_switcher_set_day (self->day_switcher, day);
}

/**
 * mk_today_page_get_person:
 * @self: the page
 *
 * Returns: (transfer none) (nullable): who is logging.
 */
MkPerson *
mk_today_page_get_person (MkTodayPage *self)
{
  g_return_val_if_fail (MK_IS_TODAY_PAGE (self), NULL);

  return mk_person_chooser_get_person (self->person_chooser);
}

/**
 * mk_today_page_set_person_name:
 * @self: the page, with a store
 * @name: a person's name; created when the store does not know it
 * @error: return location for an error
 *
 * Does what choosing or adding a name in the person pop-over does.
 *
 * Returns: %TRUE on success.
 */
gboolean
mk_today_page_set_person_name (MkTodayPage *self,
                               const char  *name,
                               GError     **error)
{
  g_return_val_if_fail (MK_IS_TODAY_PAGE (self), FALSE);
  g_return_val_if_fail (self->store != NULL, FALSE);

  return mk_person_chooser_add_name (self->person_chooser, name, error);
}

/**
 * mk_today_page_get_entries:
 * @self: the page
 *
 * Returns: (transfer none): the entries shown (MkEntry items).
 */
GListModel *
mk_today_page_get_entries (MkTodayPage *self)
{
  g_return_val_if_fail (MK_IS_TODAY_PAGE (self), NULL);

  return rows (self);
}

/**
 * mk_today_page_get_undo_generation:
 * @self: the page
 *
 * Returns: the number that "today.undo-change" takes to undo the last
 *   change, as the toast of that change carries it.
 */
guint
mk_today_page_get_undo_generation (MkTodayPage *self)
{
  g_return_val_if_fail (MK_IS_TODAY_PAGE (self), 0);

  return mk_entry_history_get_generation (self->history);
}

/* GObject */

static void
mk_today_page_map (GtkWidget *widget)
{
  MkTodayPage *self = MK_TODAY_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  GTK_WIDGET_CLASS (mk_today_page_parent_class)->map (widget);

  if (self->store == NULL && MK_IS_WINDOW (root) && mk_window_get_store (MK_WINDOW (root)))
    {
      /* The window says where the person logging is remembered: nowhere
       * lasting in the demo's window. */
      g_set_object (&self->settings, mk_window_get_settings (MK_WINDOW (root)));
      mk_today_page_set_store (self, mk_window_get_store (MK_WINDOW (root)));
    }
  update_header_mark (self);
  /* Nobody chosen: the chooser opens once for a database, not at every
   * switch back to this page (a supervisor who never logs would have it in
   * the way each time, and the main thread would build its list again);
   * adding a line without a name opens it again. */
  if (self->store != NULL && !self->team_person && !self->asked_person &&
      mk_person_chooser_get_person (self->person_chooser) == NULL)
    {
      self->asked_person = TRUE;
      mk_person_chooser_popup (self->person_chooser);
    }
  else
    mk_quick_entry_row_focus (self->quick_row);
}

static void
mk_today_page_dispose (GObject *object)
{
  MkTodayPage *self = MK_TODAY_PAGE (object);

  if (self->editor != NULL)
    gtk_window_destroy (GTK_WINDOW (self->editor));
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  if (self->undo_toast != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->undo_toast), (gpointer *) &self->undo_toast);
  self->undo_toast = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), MK_TYPE_TODAY_PAGE);
  g_clear_object (&self->entries);
  g_clear_object (&self->history);
  g_clear_object (&self->categories);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->teach_word, g_free);

  G_OBJECT_CLASS (mk_today_page_parent_class)->dispose (object);
}

static void
mk_today_page_class_init (MkTodayPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mk_today_page_dispose;
  widget_class->map = mk_today_page_map;

  g_type_ensure (MK_TYPE_DAY_BAR);
  g_type_ensure (MK_TYPE_PERSON_CHOOSER);
  g_type_ensure (MK_TYPE_TODAY_TIMER);
  g_type_ensure (MK_TYPE_DAY_LIST);
  g_type_ensure (MK_TYPE_DAY_SWITCHER);
  g_type_ensure (MK_TYPE_QUICK_ENTRY_ROW);
  g_type_ensure (MK_TYPE_WRAP_BOX);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/mk-today-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MkTodayPage, main_box);
  gtk_widget_class_bind_template_child (widget_class, MkTodayPage, day_switcher);
  gtk_widget_class_bind_template_child (widget_class, MkTodayPage, study_label);
  gtk_widget_class_bind_template_child (widget_class, MkTodayPage, person_chooser);
  gtk_widget_class_bind_template_child (widget_class, MkTodayPage, quick_row);
  gtk_widget_class_bind_template_child (widget_class, MkTodayPage, timer);
  gtk_widget_class_bind_template_child (widget_class, MkTodayPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, MkTodayPage, day_bar);
  gtk_widget_class_bind_template_child (widget_class, MkTodayPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, MkTodayPage, day_list);
  gtk_widget_class_bind_template_child (widget_class, MkTodayPage, demo_button);
  gtk_widget_class_bind_template_callback (widget_class, quick_row_submit_cb);
  gtk_widget_class_bind_template_callback (widget_class, day_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, future_refused_cb);
  gtk_widget_class_bind_template_callback (widget_class, person_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, person_chosen_cb);

  gtk_widget_class_install_action (widget_class, "today.add", NULL, add_action_cb);
  gtk_widget_class_install_action (widget_class, "today.focus-entry", NULL,
                                   focus_entry_action_cb);
  gtk_widget_class_install_action (widget_class, "today.toggle-timer", NULL,
                                   toggle_timer_action_cb);
  gtk_widget_class_install_action (widget_class, "today.previous-day", NULL, day_action_cb);
  gtk_widget_class_install_action (widget_class, "today.next-day", NULL, day_action_cb);
  gtk_widget_class_install_action (widget_class, "today.go-today", NULL, day_action_cb);
  gtk_widget_class_install_action (widget_class, "today.my-analysis", NULL,
                                   my_analysis_action_cb);
  gtk_widget_class_install_action (widget_class, "today.undo", NULL, undo_action_cb);
  gtk_widget_class_install_action (widget_class, "today.undo-change", "u", undo_action_cb);
  gtk_widget_class_install_action (widget_class, "today.delete-entry", "x",
                                   delete_entry_action_cb);
  gtk_widget_class_install_action (widget_class, "today.edit-entry", "x", edit_entry_action_cb);
  gtk_widget_class_install_action (widget_class, "today.update-entry", "(xiixs)",
                                   update_entry_action_cb);
  gtk_widget_class_install_action (widget_class, "today.teach-word", "x", teach_word_action_cb);
  gtk_widget_class_install_action (widget_class, "today.dismiss-word", NULL,
                                   dismiss_word_action_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "mk-today-page");
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
mk_today_page_init (MkTodayPage *self)
{
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (BASE_APP_ID);
  self->history = mk_entry_history_new (1);
  g_signal_connect_object (self->history, "notify::can-undo", G_CALLBACK (update_undo_action),
                           self, G_CONNECT_SWAPPED);

  /* The page's shortcuts work wherever the focus is in the window (managed
   * scope), and before the entry's own Ctrl+Z (capture phase). */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                     GTK_SHORTCUT_SCOPE_MANAGED);
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  add_shortcut (shortcuts, GDK_KEY_n, GDK_CONTROL_MASK, "today.focus-entry");
  add_shortcut (shortcuts, GDK_KEY_t, GDK_CONTROL_MASK, "today.toggle-timer");
  add_shortcut (shortcuts, GDK_KEY_Left, GDK_ALT_MASK, "today.previous-day");
  add_shortcut (shortcuts, GDK_KEY_Right, GDK_ALT_MASK, "today.next-day");
  add_shortcut (shortcuts, GDK_KEY_z, GDK_CONTROL_MASK, "today.undo");
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  update_undo_action (self);
  update_today_action (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "today.my-analysis", FALSE);
}
