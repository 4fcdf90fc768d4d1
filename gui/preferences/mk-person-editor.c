/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-person-editor.c — one person's details, a subpage of Preferences.
 *
 * Name, email, level, team and archived, each written through core when it
 * is applied or changed; and merging a duplicate spelling of the person
 * into this one, after a dialog that says how many entries will move.
 *
 * The same form adds a new person (mk_person_editor_new_for_adding()):
 * then nothing is written field by field; Add (or Enter in a field) hands
 * name, email, level and team to mk_store_add_person() at once.  A refusal
 * (no name, a name or email already known) is shown under the fields, the
 * field at fault is marked, and the form stays for the user to correct.
 * Editing a person refuses the same way — never in a dialog — and the
 * mark and the message go as soon as a field is changed again.
 *
 * Invariants: a field is saved on its own (applying the email does not
 * save a name still being typed); while the fields are filled from the
 * database (`syncing`) nothing is written.  If the person disappears (merged
 * into someone else elsewhere) the subpage closes.  An adding form has
 * person_id 0 and never writes anything but the one new person.
 */
#define G_LOG_DOMAIN "mk-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "mk-entry-list.h"
#include "mk-error.h"
#include "mk-error-dialog.h"
#include "mk-format.h"
#include "mk-label-models.h"
#include "mk-person-editor.h"

typedef enum {
  FIELD_NONE,
  FIELD_NAME,
  FIELD_EMAIL,
  FIELD_TEAM,
} Field;

struct _MkPersonEditor
{
  GtkBox          parent_instance;

  MkStore        *store;
  gint64          person_id;
  gulong          changed_id;
  GArray         *duplicate_ids;   /* gint64, in the order of duplicate_names */
  gboolean        syncing;

  AdwWindowTitle *window_title;
  AdwEntryRow    *name_row;
  AdwEntryRow    *email_row;
  AdwComboRow    *level_row;
  AdwEntryRow    *team_row;
  GtkSwitch      *archived_switch;
  AdwActionRow   *archived_row;
  GtkButton      *add_button;
  GtkLabel       *error_label;
  AdwPreferencesGroup *merge_group;
  AdwComboRow    *duplicate_row;
  GtkStringList  *duplicate_names;
};

G_DEFINE_FINAL_TYPE (MkPersonEditor, mk_person_editor, GTK_TYPE_BOX)

enum {
  PERSON_ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
adding (MkPersonEditor *self)
{
  return self->person_id == 0;
}

static void
close_subpage (MkPersonEditor *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_close_subpage (ADW_PREFERENCES_WINDOW (root));
}

/* How many words two names share, case aside: "Смирнова Анна" and
 * "Анна Смирнова" share two, so the likely duplicate is offered first. */
static guint
shared_words (const char *a,
              const char *b)
{
  g_autofree char *fa = g_utf8_casefold (a, -1);
  g_autofree char *fb = g_utf8_casefold (b, -1);
  g_auto(GStrv) wa = g_strsplit_set (fa, " \t.,", -1);
  g_auto(GStrv) wb = g_strsplit_set (fb, " \t.,", -1);
  guint n = 0;

  for (guint i = 0; wa[i] != NULL; i++)
    if (*wa[i] != '\0' && g_strv_contains ((const char * const *) wb, wa[i]))
      n++;
  return n;
}

/* Lists everyone else as a possible duplicate.  The choice survives a
 * refresh; the first time, the person sharing most words of the name is
 * chosen. */
static void
sync_duplicates (MkPersonEditor *self,
                 const char     *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) people = mk_store_list_people (self->store, TRUE, &error);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;
  guint n;
  guint selected = adw_combo_row_get_selected (self->duplicate_row);
  gint64 chosen = 0;
  guint best = 0;
  guint best_score = 0;

  if (people == NULL)
    {
      g_warning ("%s", error->message);
      return;
    }
  n = g_list_model_get_n_items (people);

  if (self->duplicate_ids->len > 0 && selected < self->duplicate_ids->len)
    chosen = g_array_index (self->duplicate_ids, gint64, selected);

  g_array_set_size (self->duplicate_ids, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MkPerson) person = g_list_model_get_item (people, i);
      gint64 id = mk_person_get_id (person);
      const char *email = mk_person_get_email (person);
      guint score;

      if (id == self->person_id)
        continue;
      score = id == chosen ? G_MAXUINT : shared_words (name, mk_person_get_name (person));
      if (score > best_score)
        {
          best_score = score;
          best = self->duplicate_ids->len;
        }
      g_array_append_val (self->duplicate_ids, id);
      if (email != NULL && *email != '\0')
        {
          g_autofree char *shown = g_strdup_printf ("%s <%s>", mk_person_get_name (person), email);

          g_strv_builder_add (names, shown);
        }
      else
        g_strv_builder_add (names, mk_person_get_name (person));
    }
  strv = g_strv_builder_end (names);
  gtk_string_list_splice (self->duplicate_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->duplicate_names)),
                          (const char * const *) strv);
  if (self->duplicate_ids->len > 0)
    adw_combo_row_set_selected (self->duplicate_row, best);
  gtk_widget_set_sensitive (GTK_WIDGET (self->merge_group), self->duplicate_ids->len > 0);
}

static void
set_text (AdwEntryRow *row,
          const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

/* Fills the fields from the database: all three text fields for
 * FIELD_NONE (on opening), else only the text field named by @refill. */
static void
sync_from_store (MkPersonEditor *self,
                 Field           refill)
{
  g_autoptr(MkPerson) person = mk_store_get_person (self->store, self->person_id, NULL);

  if (person == NULL)
    {
      close_subpage (self);
      return;
    }

  self->syncing = TRUE;
  adw_window_title_set_title (self->window_title, mk_person_get_name (person));
  adw_window_title_set_subtitle (self->window_title, mk_level_label (mk_person_get_level (person)));
  /* The title is cut short for a long name; the tooltip has all of it. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->window_title), mk_person_get_name (person));
  if (refill == FIELD_NONE || refill == FIELD_NAME)
    set_text (self->name_row, mk_person_get_name (person));
  if (refill == FIELD_NONE || refill == FIELD_EMAIL)
    set_text (self->email_row, mk_person_get_email (person));
  if (refill == FIELD_NONE || refill == FIELD_TEAM)
    set_text (self->team_row, mk_person_get_team (person));
  adw_combo_row_set_selected (self->level_row, mk_person_get_level (person));
  gtk_switch_set_active (self->archived_switch, mk_person_get_archived (person));
  sync_duplicates (self, mk_person_get_name (person));
  self->syncing = FALSE;
}

static void clear_refusal (MkPersonEditor *self);

static void
save (MkPersonEditor *self,
      Field           field)
{
  g_autoptr(MkPerson) person = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  const char *email;
  const char *team;
  AdwEntryRow *row = NULL;

  if (self->syncing || self->store == NULL || adding (self))
    return;
  person = mk_store_get_person (self->store, self->person_id, NULL);
  if (person == NULL)
    return;

  name = mk_person_get_name (person);
  email = mk_person_get_email (person);
  team = mk_person_get_team (person);
  switch (field)
    {
    case FIELD_NAME:
      row = self->name_row;
      name = gtk_editable_get_text (GTK_EDITABLE (row));
      break;
    case FIELD_EMAIL:
      row = self->email_row;
      email = gtk_editable_get_text (GTK_EDITABLE (row));
      break;
    case FIELD_TEAM:
      row = self->team_row;
      team = gtk_editable_get_text (GTK_EDITABLE (row));
      break;
    case FIELD_NONE:
    default:
      break;
    }

  if (!mk_store_update_person (self->store, self->person_id, name, email,
                               (MkLevel) adw_combo_row_get_selected (self->level_row), team,
                               gtk_switch_get_active (self->archived_switch), &error))
    {
      /* The refused text stays for the user to correct; the rest goes back. */
      if (row == NULL)
        sync_from_store (self, FIELD_NONE);
      clear_refusal (self);
      if (row != NULL)
        gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }
  clear_refusal (self);
}

static void
name_apply_cb (MkPersonEditor *self)
{
  save (self, FIELD_NAME);
}

static void
email_apply_cb (MkPersonEditor *self)
{
  save (self, FIELD_EMAIL);
}

static void
team_apply_cb (MkPersonEditor *self)
{
  save (self, FIELD_TEAM);
}

static void
field_changed_cb (MkPersonEditor *self)
{
  save (self, FIELD_NONE);
}

static void
store_changed_cb (MkPersonEditor *self)
{
  g_autoptr(MkPerson) person = NULL;

  if (adding (self))
    return;
  person = mk_store_get_person (self->store, self->person_id, NULL);
  if (person == NULL)
    {
      close_subpage (self);
      return;
    }
  self->syncing = TRUE;
  adw_window_title_set_title (self->window_title, mk_person_get_name (person));
  adw_window_title_set_subtitle (self->window_title, mk_level_label (mk_person_get_level (person)));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->window_title), mk_person_get_name (person));
  adw_combo_row_set_selected (self->level_row, mk_person_get_level (person));
  gtk_switch_set_active (self->archived_switch, mk_person_get_archived (person));
  sync_duplicates (self, mk_person_get_name (person));
  self->syncing = FALSE;
}

/* Adding */

static gboolean
has_text (AdwEntryRow *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

static void
clear_refusal (MkPersonEditor *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->name_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->email_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->team_row), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

/* Marks the field core refused and says why under the fields.  The email
 * is at fault when it is not an address or belongs to someone; else the
 * name is. */
static void
show_refusal (MkPersonEditor *self,
              const GError   *error)
{
  const char *email = gtk_editable_get_text (GTK_EDITABLE (self->email_row));
  AdwEntryRow *row = self->name_row;

  if (has_text (self->name_row) && has_text (self->email_row))
    {
      g_autoptr(MkPerson) owner = mk_store_find_person (self->store, NULL, email);

      if (g_error_matches (error, MK_STORE_ERROR, MK_STORE_ERROR_INVALID) ||
          (owner != NULL && mk_person_get_email (owner) != NULL))
        row = self->email_row;
    }
  gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  gtk_label_set_text (self->error_label, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (row));
}

static void
add_person (MkPersonEditor *self)
{
  g_autoptr(MkPerson) person = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (!adding (self) || self->store == NULL)
    return;

  clear_refusal (self);
  person = mk_store_add_person (self->store,
                                gtk_editable_get_text (GTK_EDITABLE (self->name_row)),
                                gtk_editable_get_text (GTK_EDITABLE (self->email_row)),
                                (MkLevel) adw_combo_row_get_selected (self->level_row),
                                gtk_editable_get_text (GTK_EDITABLE (self->team_row)),
                                &error);
  if (person == NULL)
    {
      show_refusal (self, error);
      return;
    }

  g_signal_emit (self, signals[PERSON_ADDED], 0, mk_person_get_id (person));
  /* Translators: a toast once a person was added in Preferences → People. */
  message = g_strdup_printf (_("%s was added"), mk_person_get_name (person));
  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (message));
  close_subpage (self);
}

static void
add_action_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  add_person (MK_PERSON_EDITOR (widget));
}

/* Enter in a field of the adding form adds, as in a dialog. */
static void
entry_activated_cb (MkPersonEditor *self)
{
  if (adding (self) && has_text (self->name_row))
    add_person (self);
}

static void
text_changed_cb (MkPersonEditor *self)
{
  /* A refusal was about the text as it was. */
  clear_refusal (self);
  if (!adding (self))
    return;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.add", has_text (self->name_row));
}

static void
merge_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   MkPersonEditor   *self)
{
  gint64 merge_id = *(gint64 *) g_object_get_data (G_OBJECT (dialog), "merge-id");
  guint moved = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "moved"));
  g_autoptr(MkPerson) keep = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *count = NULL;
  GtkRoot *root;

  if (g_strcmp0 (response, "merge") != 0 || self->store == NULL)
    return;

  if (!mk_store_merge_people (self->store, self->person_id, merge_id, &error))
    {
      mk_show_error (GTK_WIDGET (self), _("The People Were Not Merged"), error);
      return;
    }
  keep = mk_store_get_person (self->store, self->person_id, NULL);
  count = mk_format_count (moved);
  /* Translators: %s are a count with its digits grouped ("1,002") and a name. */
  message = g_strdup_printf (ngettext ("Merged: %s entry moved to %s",
                                       "Merged: %s entries moved to %s", moved),
                             count, keep ? mk_person_get_name (keep) : "");
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (root), adw_toast_new (message));
}

static void
merge_action_cb (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  MkPersonEditor *self = MK_PERSON_EDITOR (widget);
  guint selected = adw_combo_row_get_selected (self->duplicate_row);
  g_autoptr(MkPerson) keep = NULL;
  g_autoptr(MkPerson) merge = NULL;
  g_autoptr(MkEntryList) entries = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *count = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;
  gint64 merge_id;
  guint moved;

  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->duplicate_ids->len)
    return;
  merge_id = g_array_index (self->duplicate_ids, gint64, selected);
  keep = mk_store_get_person (self->store, self->person_id, NULL);
  merge = mk_store_get_person (self->store, merge_id, NULL);
  if (keep == NULL || merge == NULL)
    return;

  entries = mk_entry_list_new (self->store);
  mk_entry_list_set_person (entries, merge_id);
  moved = g_list_model_get_n_items (G_LIST_MODEL (entries));

  heading = g_strdup_printf (_("Merge “%s” Into “%s”?"), mk_person_get_name (merge),
                             mk_person_get_name (keep));
  count = mk_format_count (moved);
  /* Translators: the first %s is a count with its digits grouped ("1,002"). */
  body = g_strdup_printf (ngettext ("%s entry of “%s” will move to “%s”, and “%s” will be "
                                    "removed. This cannot be undone.",
                                    "%s entries of “%s” will move to “%s”, and “%s” will be "
                                    "removed. This cannot be undone.", moved),
                          count, mk_person_get_name (merge), mk_person_get_name (keep),
                          mk_person_get_name (merge));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "merge", _("_Merge"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "merge",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "merge-id", g_memdup2 (&merge_id, sizeof merge_id),
                          g_free);
  g_object_set_data (G_OBJECT (dialog), "moved", GUINT_TO_POINTER (moved));
  g_signal_connect_object (dialog, "response", G_CALLBACK (merge_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
back_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  close_subpage (MK_PERSON_EDITOR (widget));
}

/**
 * mk_person_editor_new:
 * @store: the database
 * @person_id: the person to edit; they must exist
 *
 * Returns: (transfer floating): an editor for the person, to be shown with
 *   adw_preferences_window_present_subpage().
 */
MkPersonEditor *
mk_person_editor_new (MkStore *store,
                      gint64   person_id)
{
  MkPersonEditor *self;

  g_return_val_if_fail (MK_IS_STORE (store), NULL);

  self = g_object_new (MK_TYPE_PERSON_EDITOR, NULL);
  self->store = g_object_ref (store);
  self->person_id = person_id;
  self->changed_id = g_signal_connect_swapped (store, "changed",
                                               G_CALLBACK (store_changed_cb), self);
  sync_from_store (self, FIELD_NONE);
  return self;
}

/**
 * mk_person_editor_new_for_adding:
 * @store: the database
 *
 * The same form, empty, for adding someone new: Add writes the person at
 * once through mk_store_add_person(), emits #MkPersonEditor::person-added
 * and closes the subpage; a refused name or email is explained in the form.
 *
 * Returns: (transfer floating): an editor for a new person, to be shown with
 *   adw_preferences_window_present_subpage().
 */
MkPersonEditor *
mk_person_editor_new_for_adding (MkStore *store)
{
  MkPersonEditor *self;

  g_return_val_if_fail (MK_IS_STORE (store), NULL);

  self = g_object_new (MK_TYPE_PERSON_EDITOR, NULL);
  self->store = g_object_ref (store);
  self->person_id = 0;
  adw_window_title_set_title (self->window_title, _("Add Person"));
  gtk_widget_set_visible (GTK_WIDGET (self->add_button), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->archived_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->merge_group), FALSE);
  adw_entry_row_set_show_apply_button (self->name_row, FALSE);
  adw_entry_row_set_show_apply_button (self->email_row, FALSE);
  adw_entry_row_set_show_apply_button (self->team_row, FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->email_row), _("Email (optional)"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->team_row), _("Team (optional)"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.add", FALSE);
  return self;
}

static void
mk_person_editor_dispose (GObject *object)
{
  MkPersonEditor *self = MK_PERSON_EDITOR (object);

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), MK_TYPE_PERSON_EDITOR);

  G_OBJECT_CLASS (mk_person_editor_parent_class)->dispose (object);
}

static void
mk_person_editor_finalize (GObject *object)
{
  MkPersonEditor *self = MK_PERSON_EDITOR (object);

  g_clear_pointer (&self->duplicate_ids, g_array_unref);

  G_OBJECT_CLASS (mk_person_editor_parent_class)->finalize (object);
}

static void
mk_person_editor_class_init (MkPersonEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mk_person_editor_dispose;
  object_class->finalize = mk_person_editor_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/mk-person-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, MkPersonEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, MkPersonEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, MkPersonEditor, email_row);
  gtk_widget_class_bind_template_child (widget_class, MkPersonEditor, level_row);
  gtk_widget_class_bind_template_child (widget_class, MkPersonEditor, team_row);
  gtk_widget_class_bind_template_child (widget_class, MkPersonEditor, archived_switch);
  gtk_widget_class_bind_template_child (widget_class, MkPersonEditor, archived_row);
  gtk_widget_class_bind_template_child (widget_class, MkPersonEditor, add_button);
  gtk_widget_class_bind_template_child (widget_class, MkPersonEditor, error_label);
  gtk_widget_class_bind_template_child (widget_class, MkPersonEditor, merge_group);
  gtk_widget_class_bind_template_child (widget_class, MkPersonEditor, duplicate_row);
  gtk_widget_class_bind_template_child (widget_class, MkPersonEditor, duplicate_names);
  gtk_widget_class_bind_template_callback (widget_class, name_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, email_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, team_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, text_changed_cb);
  gtk_widget_class_install_action (widget_class, "editor.back", NULL, back_action_cb);
  gtk_widget_class_install_action (widget_class, "editor.merge", NULL, merge_action_cb);
  gtk_widget_class_install_action (widget_class, "editor.add", NULL, add_action_cb);

  /**
   * MkPersonEditor::person-added:
   * @self: an editor made by mk_person_editor_new_for_adding()
   * @person_id: the id of the person just added (committed)
   */
  signals[PERSON_ADDED] = g_signal_new ("person-added", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
mk_person_editor_init (MkPersonEditor *self)
{
  g_autoptr(GtkStringList) levels = mk_level_model_new ();

  self->syncing = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  adw_combo_row_set_model (self->level_row, G_LIST_MODEL (levels));
  self->syncing = FALSE;
  self->duplicate_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
}
