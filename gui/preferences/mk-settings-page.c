/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-settings-page.c — the Analysis page of Preferences: the study period
 * and the analysis settings.
 *
 * The study is the sample period Analysis and Today default to: the page
 * shows the active one with a button that ends it, and starts a new one
 * from a name and two days.  The settings (workday, prime selling hours,
 * the thresholds of findings, the minimum sample) are written through
 * mk_store_set_settings() whenever a field changes; core validates them.  A
 * refused value (prime hours that end before they start) is explained at
 * its row, not in a dialog (mk_field_error_show()): the value stays for the
 * user to correct, the store keeps the last settings it took, and the
 * message goes as soon as a change is taken.  A study the store refuses is
 * explained the same way, at the day at fault, until a field changes.
 *
 * The prime-hour rows are made once (MK_MAX_PRIME_RANGES of them) and
 * shown or hidden, so that a save — which re-reads the settings — never
 * destroys the spin button the user is holding.  While the fields are being
 * filled (`syncing`) nothing is written.
 *
 * The page fits a 360 px window (libadwaita's narrowest Preferences): long
 * texts are row subtitles and group descriptions, which wrap, and a prime
 * range's "to [12:00]" goes under its "From [9:00]" when both do not fit on
 * one line.
 */
#define G_LOG_DOMAIN "mk-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "mk-date.h"
#include "mk-day.h"
#include "mk-duration.h"
#include "mk-error-dialog.h"
#include "mk-field-error.h"
#include "mk-format.h"
#include "mk-settings-page.h"
#include "mk-wrap-box.h"

typedef struct {
  GtkWidget     *row;
  GtkSpinButton *start;
  GtkSpinButton *end;
} PrimeRow;

struct _MkSettingsPage
{
  AdwPreferencesPage  parent_instance;

  MkStore            *store;
  gulong              changed_id;
  gboolean            syncing;
  GtkWidget          *error_row;   /* the row a refused setting is shown at */
  guint               n_prime;
  PrimeRow            prime[MK_MAX_PRIME_RANGES];

  AdwActionRow       *current_study_row;
  AdwEntryRow        *study_name_row;
  AdwEntryRow        *study_from_row;
  AdwEntryRow        *study_to_row;
  GtkSpinButton      *workday_spin;
  GtkListBox         *prime_list;
  GtkSpinButton      *over_points_spin;
  GtkSpinButton      *over_deviations_spin;
  GtkSpinButton      *uncategorised_spin;
  GtkSpinButton      *min_days_spin;
  GtkSpinButton      *min_coverage_spin;
};

G_DEFINE_FINAL_TYPE (MkSettingsPage, mk_settings_page, ADW_TYPE_PREFERENCES_PAGE)

/* Spin buttons that hold minutes show them as a clock, "8:00". */
static gboolean
clock_output_cb (GtkSpinButton *spin,
                 gpointer       user_data)
{
  int minutes = (int) (gtk_spin_button_get_value (spin) + 0.5);
  g_autofree char *text = mk_format_time (minutes);

  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

/* A time of day as people write it: "10", "10:30", "2 PM". */
static int
time_input_cb (GtkSpinButton *spin,
               double        *value,
               gpointer       user_data)
{
  int minutes = 0;

  if (!mk_time_of_day_parse (gtk_editable_get_text (GTK_EDITABLE (spin)), &minutes, NULL))
    return GTK_INPUT_ERROR;
  *value = minutes;
  return TRUE;
}

/* A length as people write it: "8" (hours), "7:30", "7h 30m", "7,5". */
static int
workday_input_cb (GtkSpinButton *spin,
                  double        *value,
                  gpointer       user_data)
{
  int minutes = 0;

  if (!mk_duration_parse (gtk_editable_get_text (GTK_EDITABLE (spin)), MK_DURATION_UNIT_HOURS,
                          &minutes, NULL))
    return GTK_INPUT_ERROR;
  *value = minutes;
  return TRUE;
}

static void
sync_study (MkSettingsPage *self)
{
  g_autofree char *name = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  if (mk_store_get_study (self->store, &name, &from, &to))
    {
      g_autofree char *days = mk_format_period (from, to);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->current_study_row), name);
      adw_action_row_set_subtitle (self->current_study_row, days);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "settings.end-study", TRUE);
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->current_study_row),
                                     _("No Study"));
      adw_action_row_set_subtitle (self->current_study_row,
                                   _("Analysis uses the last three logged days"));
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "settings.end-study", FALSE);
    }
}

static void
show_prime_rows (MkSettingsPage *self,
                 guint           n)
{
  self->n_prime = n;
  for (guint i = 0; i < MK_MAX_PRIME_RANGES; i++)
    gtk_widget_set_visible (self->prime[i].row, i < n);
  gtk_widget_set_visible (GTK_WIDGET (self->prime_list), n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "settings.add-range",
                                 n < MK_MAX_PRIME_RANGES);
}

static void
sync_settings (MkSettingsPage *self)
{
  MkSettings s;

  mk_store_get_settings (self->store, &s);

  self->syncing = TRUE;
  gtk_spin_button_set_value (self->workday_spin, s.workday_minutes);
  gtk_spin_button_set_value (self->over_points_spin, s.over_points);
  gtk_spin_button_set_value (self->over_deviations_spin, s.over_deviations);
  gtk_spin_button_set_value (self->uncategorised_spin, s.uncategorised_share * 100);
  gtk_spin_button_set_value (self->min_days_spin, s.min_days);
  gtk_spin_button_set_value (self->min_coverage_spin, s.min_coverage * 100);
  /* The values shown are the stored ones again: no refusal stands. */
  if (self->error_row != NULL)
    mk_field_error_clear (g_steal_pointer (&self->error_row));
  for (guint i = 0; i < s.n_prime && i < MK_MAX_PRIME_RANGES; i++)
    {
      gtk_spin_button_set_value (self->prime[i].start, s.prime[i].start);
      gtk_spin_button_set_value (self->prime[i].end, s.prime[i].end);
    }
  show_prime_rows (self, MIN (s.n_prime, MK_MAX_PRIME_RANGES));
  self->syncing = FALSE;
}

/* Saves every field.  A refusal (prime hours that end before they start
 * or overlap) is shown at the row of the value that made it, which keeps
 * what the user set so that it can be corrected; the store keeps the last
 * settings it took.  The next change that the store takes clears it. */
static void
save_settings (MkSettingsPage *self,
               GtkWidget      *changed)
{
  g_autoptr(GError) error = NULL;
  MkSettings s;

  if (self->syncing || self->store == NULL)
    return;

  mk_store_get_settings (self->store, &s);
  s.workday_minutes = gtk_spin_button_get_value_as_int (self->workday_spin);
  s.over_points = gtk_spin_button_get_value (self->over_points_spin);
  s.over_deviations = gtk_spin_button_get_value (self->over_deviations_spin);
  s.uncategorised_share = gtk_spin_button_get_value (self->uncategorised_spin) / 100.0;
  s.min_days = gtk_spin_button_get_value_as_int (self->min_days_spin);
  s.min_coverage = gtk_spin_button_get_value (self->min_coverage_spin) / 100.0;
  s.n_prime = self->n_prime;
  for (guint i = 0; i < self->n_prime; i++)
    {
      s.prime[i].start = gtk_spin_button_get_value_as_int (self->prime[i].start);
      s.prime[i].end = gtk_spin_button_get_value_as_int (self->prime[i].end);
    }

  if (!mk_store_set_settings (self->store, &s, &error))
    {
      GtkWidget *row = changed != NULL
                       ? gtk_widget_get_ancestor (changed, ADW_TYPE_PREFERENCES_ROW) : NULL;

      /* The row that first went wrong keeps the message until it is put
       * right; with no row to point at, the prime hours are the likely
       * cause (every other field is held to its range by its control). */
      if (self->error_row == NULL)
        self->error_row = row != NULL ? row : GTK_WIDGET (self->prime[0].row);
      mk_field_error_show (self->error_row, error->message);
      return;
    }
  if (self->error_row != NULL)
    mk_field_error_clear (g_steal_pointer (&self->error_row));
}

static void
field_changed_cb (GtkWidget      *widget,
                  MkSettingsPage *self)
{
  save_settings (self, widget);
}

static void
remove_range_clicked_cb (GtkButton      *button,
                         MkSettingsPage *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));

  if (index >= self->n_prime)
    return;

  /* Close the gap, then save one range fewer. */
  self->syncing = TRUE;
  for (guint i = index; i + 1 < self->n_prime; i++)
    {
      gtk_spin_button_set_value (self->prime[i].start,
                                 gtk_spin_button_get_value (self->prime[i + 1].start));
      gtk_spin_button_set_value (self->prime[i].end,
                                 gtk_spin_button_get_value (self->prime[i + 1].end));
    }
  self->syncing = FALSE;
  show_prime_rows (self, self->n_prime - 1);
  save_settings (self, NULL);
}

static void
add_range_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  MkSettingsPage *self = MK_SETTINGS_PAGE (widget);
  guint n = self->n_prime;
  int start = 9 * 60;

  if (n >= MK_MAX_PRIME_RANGES)
    return;

  /* The new hours begin where the last ones end. */
  if (n > 0)
    start = MIN (gtk_spin_button_get_value_as_int (self->prime[n - 1].end), 1440 - 60);
  self->syncing = TRUE;
  gtk_spin_button_set_value (self->prime[n].start, start);
  gtk_spin_button_set_value (self->prime[n].end, MIN (start + 60, 1440));
  self->syncing = FALSE;
  show_prime_rows (self, n + 1);
  save_settings (self, GTK_WIDGET (self->prime[n].row));
}

static GtkSpinButton *
time_spin_new (MkSettingsPage *self,
               const char     *name)
{
  GtkAdjustment *adjustment = gtk_adjustment_new (0, 0, 1440, 15, 60, 0);
  GtkWidget *spin = gtk_spin_button_new (adjustment, 1, 0);

  gtk_widget_set_name (spin, name);
  gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 5);
  g_signal_connect (spin, "input", G_CALLBACK (time_input_cb), NULL);
  g_signal_connect (spin, "output", G_CALLBACK (clock_output_cb), NULL);
  g_signal_connect (spin, "value-changed", G_CALLBACK (field_changed_cb), self);
  return GTK_SPIN_BUTTON (spin);
}

/* "From [9:00]" or "to [12:00]": the word names the spin button for screen
 * readers too.  It keeps to the right of its line when the pair wraps, so
 * that the two times stay one above the other (it expands within the wrap
 * box, which itself does not expand). */
static GtkWidget *
labelled_time (const char    *word,
               GtkSpinButton *spin)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (word);

  gtk_widget_set_hexpand (box, TRUE);
  gtk_widget_set_halign (box, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (spin));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  label, NULL, -1);
  return box;
}

static void
build_prime_rows (MkSettingsPage *self)
{
  for (guint i = 0; i < MK_MAX_PRIME_RANGES; i++)
    {
      PrimeRow *p = &self->prime[i];
      GtkWidget *times = mk_wrap_box_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *row_name = g_strdup_printf ("prime-%u", i);
      g_autofree char *start_name = g_strdup_printf ("prime-%u-start", i);
      g_autofree char *end_name = g_strdup_printf ("prime-%u-end", i);

      p->row = adw_action_row_new ();
      gtk_widget_set_name (p->row, row_name);
      p->start = time_spin_new (self, start_name);
      p->end = time_spin_new (self, end_name);
      gtk_widget_set_name (remove, "remove-range");
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Remove These Hours"));
      g_object_set_data (G_OBJECT (remove), "index", GUINT_TO_POINTER (i));
      g_signal_connect (remove, "clicked", G_CALLBACK (remove_range_clicked_cb), self);

      /* "From [9:00] to [12:00]" on one line where it fits; in a narrow
       * window "to [12:00]" goes under the start instead of widening the
       * window.  The words are in the row rather than its title, which would
       * be squeezed to a letter a line beside the times. */
      g_object_set (times, "spacing", 6, "line-spacing", 6, NULL);
      gtk_widget_set_hexpand (times, FALSE);
      gtk_widget_set_valign (times, GTK_ALIGN_CENTER);
      gtk_widget_set_margin_top (times, 6);
      gtk_widget_set_margin_bottom (times, 6);
      mk_wrap_box_append (MK_WRAP_BOX (times), labelled_time (_("From"), p->start));
      mk_wrap_box_append (MK_WRAP_BOX (times), labelled_time (_("to"), p->end));

      adw_action_row_add_prefix (ADW_ACTION_ROW (p->row), times);
      adw_action_row_add_suffix (ADW_ACTION_ROW (p->row), remove);
      gtk_list_box_append (self->prime_list, p->row);
    }
}

/* A day as typed: ISO, or day first as in Russia and most of Europe. */
static char *
study_day (AdwEntryRow *row)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));
  char iso[MK_DATE_ISO_LEN];
  MkDateValue value;

  if (mk_date_parse (text, MK_DATE_ORDER_DMY, &value, NULL))
    {
      mk_date_value_to_iso (&value, iso);
      return g_strdup (iso);
    }
  return g_strstrip (g_strdup (text));
}

/* A refused study was about what the fields said then. */
static void
study_changed_cb (MkSettingsPage *self)
{
  mk_field_error_clear_group (GTK_WIDGET (self->study_to_row));
}

static void
start_study_action_cb (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  MkSettingsPage *self = MK_SETTINGS_PAGE (widget);
  g_autofree char *from = study_day (self->study_from_row);
  g_autofree char *to = study_day (self->study_to_row);
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  if (!mk_store_set_study (self->store, gtk_editable_get_text (GTK_EDITABLE (self->study_name_row)),
                           from, to, &error))
    {
      g_autoptr(GDateTime) first = mk_day_to_date_time (from);

      /* At the day that cannot be read, else at the last day (it is before
       * the first); it goes when one of the fields changes. */
      mk_field_error_show (GTK_WIDGET (first == NULL ? self->study_from_row
                                                     : self->study_to_row),
                           error->message);
      return;
    }
  mk_field_error_clear_group (GTK_WIDGET (self->study_to_row));
  gtk_editable_set_text (GTK_EDITABLE (self->study_name_row), "");
  mk_store_get_study (self->store, &name, NULL, NULL);
  message = g_strdup_printf (_("Study “%s” started"), name);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (gtk_widget_get_root (widget)),
                                    adw_toast_new (message));
}

static void
end_study_action_cb (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  MkSettingsPage *self = MK_SETTINGS_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (self->store != NULL && !mk_store_clear_study (self->store, &error))
    mk_show_error (widget, _("The Study Was Not Ended"), error);
}

static void
store_changed_cb (MkSettingsPage *self)
{
  sync_study (self);
  sync_settings (self);
}

/**
 * mk_settings_page_set_store:
 * @self: the page
 * @store: the database whose settings it shows
 */
void
mk_settings_page_set_store (MkSettingsPage *self,
                            MkStore        *store)
{
  g_return_if_fail (MK_IS_SETTINGS_PAGE (self));
  g_return_if_fail (MK_IS_STORE (store));

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_set_object (&self->store, store);
  self->changed_id = g_signal_connect_swapped (store, "changed",
                                               G_CALLBACK (store_changed_cb), self);
  store_changed_cb (self);
}

static void
mk_settings_page_dispose (GObject *object)
{
  MkSettingsPage *self = MK_SETTINGS_PAGE (object);

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_id, self->store);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), MK_TYPE_SETTINGS_PAGE);

  G_OBJECT_CLASS (mk_settings_page_parent_class)->dispose (object);
}

static void
mk_settings_page_class_init (MkSettingsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mk_settings_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/mk-settings-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MkSettingsPage, current_study_row);
  gtk_widget_class_bind_template_child (widget_class, MkSettingsPage, study_name_row);
  gtk_widget_class_bind_template_child (widget_class, MkSettingsPage, study_from_row);
  gtk_widget_class_bind_template_child (widget_class, MkSettingsPage, study_to_row);
  gtk_widget_class_bind_template_child (widget_class, MkSettingsPage, workday_spin);
  gtk_widget_class_bind_template_child (widget_class, MkSettingsPage, prime_list);
  gtk_widget_class_bind_template_child (widget_class, MkSettingsPage, over_points_spin);
  gtk_widget_class_bind_template_child (widget_class, MkSettingsPage, over_deviations_spin);
  gtk_widget_class_bind_template_child (widget_class, MkSettingsPage, uncategorised_spin);
  gtk_widget_class_bind_template_child (widget_class, MkSettingsPage, min_days_spin);
  gtk_widget_class_bind_template_child (widget_class, MkSettingsPage, min_coverage_spin);
  gtk_widget_class_bind_template_callback (widget_class, clock_output_cb);
  gtk_widget_class_bind_template_callback (widget_class, workday_input_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, study_changed_cb);
  gtk_widget_class_install_action (widget_class, "settings.start-study", NULL,
                                   start_study_action_cb);
  gtk_widget_class_install_action (widget_class, "settings.end-study", NULL,
                                   end_study_action_cb);
  gtk_widget_class_install_action (widget_class, "settings.add-range", NULL,
                                   add_range_action_cb);
}

static void
mk_settings_page_init (MkSettingsPage *self)
{
  g_autofree char *from = mk_day_today ();
  g_autofree char *to = mk_day_add (from, 2);

  self->syncing = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  build_prime_rows (self);
  self->syncing = FALSE;

  /* A typical sample: three working days from today. */
  gtk_editable_set_text (GTK_EDITABLE (self->study_from_row), from);
  gtk_editable_set_text (GTK_EDITABLE (self->study_to_row), to);
}
