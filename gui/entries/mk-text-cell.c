/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-text-cell.c — one line of text in a cell of the Entries table.
 *
 * GTK 4.8's list view keeps some 200 rows instantiated whatever is on
 * screen, and a new sort or search binds them all.  A GtkLabel given new
 * text shapes it (Pango) when measured, and again when allocated, for every
 * one of those rows, though only the two dozen on screen are drawn: that
 * was most of a sort's stall on the main thread (docs/gui.md, "Nothing
 * waits on the main thread").  This cell is measured without shaping:
 *
 *  - its height is the font's line height, the same for every text, worked
 *    out once per font (a change of font or text scaling is a new font);
 *  - its width keeps room for @min_chars characters and asks for up to
 *    @max_chars, as a label with width-chars and max-width-chars does;
 *    with @fit_text it asks for the width of its text between the two,
 *    each text's width measured once per font and kept in a table of its
 *    @group (the cells of one column), so a column of a few dozen names,
 *    categories or figures measures each of them once;
 *  - the text is laid out, ellipsized, only when the cell is drawn, that
 *    is for the rows on screen.
 *
 * It takes its colour, font and opacity from CSS like a label (its CSS
 * name is "label"; "numeric" gives tabular figures), follows the text
 * direction, and tells assistive technologies its text as a label's.
 */
#define G_LOG_DOMAIN "mk-text-cell"

#include "config.h"

#include "mk-color.h"
#include "mk-text-cell.h"

/* What one font's cells need to know, per group of cells. */
typedef struct {
  PangoFontDescription *font;        /* the font the figures are for */
  double                resolution;  /* and its resolution (text scaling) */
  int                   char_width;  /* Pango units, as a label counts a character */
  int                   height;      /* pixels */
  int                   baseline;    /* pixels */
  GHashTable           *widths;      /* text → its width in Pango units */
} Group;

/* A group keeps at most this many texts' widths, then starts again. */
#define MAX_WIDTHS 4096

struct _MkTextCell
{
  GtkWidget           parent_instance;
  char               *text;
  Group              *group;
  int                 min_chars;
  int                 max_chars;
  gboolean            fit_text;
  gboolean            numeric;
  float               xalign;
  PangoEllipsizeMode  ellipsize;
  PangoLayout        *layout;        /* only once drawn; dropped on style changes */
  int                 layout_width;
};

G_DEFINE_FINAL_TYPE (MkTextCell, mk_text_cell, GTK_TYPE_WIDGET)

static GHashTable *groups;  /* name → Group, for the life of the process */

static void
group_free (gpointer data)
{
  Group *group = data;

  g_clear_pointer (&group->font, pango_font_description_free);
  g_clear_pointer (&group->widths, g_hash_table_unref);
  g_free (group);
}

static Group *
group_lookup (const char *name)
{
  Group *group;

  if (groups == NULL)
    groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, group_free);
  group = g_hash_table_lookup (groups, name);
  if (group == NULL)
    {
      group = g_new0 (Group, 1);
      group->widths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_insert (groups, g_strdup (name), group);
    }
  return group;
}

static PangoLayout *
new_layout (MkTextCell *self,
            const char *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);

  /* One line, as the label's single-line mode gave: a task or a name with
   * a line break in it (a quoted CSV field) shows the break as a symbol. */
  pango_layout_set_single_paragraph_mode (layout, TRUE);

  if (self->numeric)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  return layout;
}

/* The group's figures for the cell's font, worked out again when the font
 * (or its resolution: text scaling) is not the one they were for. */
static Group *
current_group (MkTextCell *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  const PangoFontDescription *font = pango_context_get_font_description (context);
  double resolution = pango_cairo_context_get_resolution (context);
  Group *group = self->group;

  if (group->font == NULL || group->resolution != resolution
      || !pango_font_description_equal (group->font, font))
    {
      g_autoptr(PangoLayout) layout = new_layout (self, "");
      PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);
      PangoRectangle logical;

      g_clear_pointer (&group->font, pango_font_description_free);
      group->font = pango_font_description_copy (font);
      group->resolution = resolution;
      group->char_width = MAX (pango_font_metrics_get_approximate_char_width (metrics),
                               pango_font_metrics_get_approximate_digit_width (metrics));
      pango_font_metrics_unref (metrics);
      /* An empty line is as high as any line of the font. */
      pango_layout_get_extents (layout, NULL, &logical);
      group->height = PANGO_PIXELS_CEIL (logical.height);
      group->baseline = pango_layout_get_baseline (layout) / PANGO_SCALE;
      g_hash_table_remove_all (group->widths);
    }
  return group;
}

static int
text_width (MkTextCell *self,
            Group      *group)
{
  gpointer width;

  if (self->text == NULL || *self->text == '\0')
    return 0;
  if (!g_hash_table_lookup_extended (group->widths, self->text, NULL, &width))
    {
      g_autoptr(PangoLayout) layout = new_layout (self, self->text);
      PangoRectangle logical;

      pango_layout_get_extents (layout, NULL, &logical);
      width = GINT_TO_POINTER (logical.width);
      if (g_hash_table_size (group->widths) >= MAX_WIDTHS)
        g_hash_table_remove_all (group->widths);
      g_hash_table_insert (group->widths, g_strdup (self->text), width);
    }
  return GPOINTER_TO_INT (width);
}

static void
mk_text_cell_measure (GtkWidget      *widget,
                      GtkOrientation  orientation,
                      int             for_size,
                      int            *minimum,
                      int            *natural,
                      int            *minimum_baseline,
                      int            *natural_baseline)
{
  MkTextCell *self = MK_TEXT_CELL (widget);
  Group *group = current_group (self);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int least = group->char_width * self->min_chars;
      int most = MAX (least, group->char_width * self->max_chars);
      int wanted = self->fit_text ? CLAMP (text_width (self, group), least, most) : most;

      *minimum = PANGO_PIXELS_CEIL (least);
      *natural = PANGO_PIXELS_CEIL (wanted);
    }
  else
    {
      *minimum = *natural = group->height;
      *minimum_baseline = *natural_baseline = group->baseline;
    }
}

static void
mk_text_cell_snapshot (GtkWidget   *widget,
                       GtkSnapshot *snapshot)
{
  MkTextCell *self = MK_TEXT_CELL (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  PangoRectangle logical;
  GdkRGBA color;
  float xalign = self->xalign;
  int baseline;
  float x, y;

  if (self->text == NULL || *self->text == '\0' || width <= 0)
    return;
  if (self->layout == NULL)
    {
      self->layout = new_layout (self, self->text);
      pango_layout_set_ellipsize (self->layout, self->ellipsize);
      self->layout_width = -1;
    }
  if (self->layout_width != width)
    {
      pango_layout_set_width (self->layout, width * PANGO_SCALE);
      self->layout_width = width;
    }

  /* As a label places its text. */
  if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
    xalign = 1 - xalign;
  pango_layout_get_pixel_extents (self->layout, NULL, &logical);
  x = floorf (xalign * (width - logical.width) - logical.x);
  baseline = gtk_widget_get_allocated_baseline (widget);
  if (baseline != -1)
    y = baseline - pango_layout_get_baseline (self->layout) / PANGO_SCALE;
  else
    y = floorf ((height - logical.height) / 2.0f) - logical.y;

  mk_color_foreground (widget, 1.0, &color);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, self->layout, &color);
  gtk_snapshot_restore (snapshot);
}

/* A new font, colour or direction: the layout is made again when drawn
 * (the size is checked against the font at the next measure). */
static void
mk_text_cell_css_changed (GtkWidget         *widget,
                          GtkCssStyleChange *change)
{
  MkTextCell *self = MK_TEXT_CELL (widget);

  GTK_WIDGET_CLASS (mk_text_cell_parent_class)->css_changed (widget, change);
  g_clear_object (&self->layout);
}

static void
mk_text_cell_direction_changed (GtkWidget        *widget,
                                GtkTextDirection  previous)
{
  MkTextCell *self = MK_TEXT_CELL (widget);

  GTK_WIDGET_CLASS (mk_text_cell_parent_class)->direction_changed (widget, previous);
  g_clear_object (&self->layout);
}

static void
mk_text_cell_system_setting_changed (GtkWidget        *widget,
                                     GtkSystemSetting  setting)
{
  MkTextCell *self = MK_TEXT_CELL (widget);

  GTK_WIDGET_CLASS (mk_text_cell_parent_class)->system_setting_changed (widget, setting);
  g_clear_object (&self->layout);
  gtk_widget_queue_resize (widget);
}

static void
mk_text_cell_finalize (GObject *object)
{
  MkTextCell *self = MK_TEXT_CELL (object);

  g_clear_object (&self->layout);
  g_free (self->text);
  G_OBJECT_CLASS (mk_text_cell_parent_class)->finalize (object);
}

static void
mk_text_cell_class_init (MkTextCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = mk_text_cell_finalize;
  widget_class->measure = mk_text_cell_measure;
  widget_class->snapshot = mk_text_cell_snapshot;
  widget_class->css_changed = mk_text_cell_css_changed;
  widget_class->direction_changed = mk_text_cell_direction_changed;
  widget_class->system_setting_changed = mk_text_cell_system_setting_changed;
  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
mk_text_cell_init (MkTextCell *self)
{
}

/**
 * mk_text_cell_new:
 * @group: the name of the cells that share one table of text widths (a column)
 * @min_chars: the characters it keeps room for
 * @max_chars: the characters it asks room for at most
 * @fit_text: whether it asks for its text's width (between the two) or
 *   always for @max_chars
 * @xalign: 0 at the start, 1 at the end (mirrored right to left)
 * @ellipsize: where a text too long loses characters
 *
 * Returns: (transfer floating): a cell with no text
 */
GtkWidget *
mk_text_cell_new (const char         *group,
                  int                 min_chars,
                  int                 max_chars,
                  gboolean            fit_text,
                  float               xalign,
                  PangoEllipsizeMode  ellipsize)
{
  MkTextCell *self;

  g_return_val_if_fail (group != NULL, NULL);

  self = g_object_new (MK_TYPE_TEXT_CELL, NULL);

  self->min_chars = min_chars;
  self->max_chars = max_chars;
  self->fit_text = fit_text && min_chars < max_chars;
  self->xalign = xalign;
  self->ellipsize = ellipsize;
  self->group = group_lookup (group);
  return GTK_WIDGET (self);
}

/**
 * mk_text_cell_set_numeric:
 * @self: a cell with no text yet
 *
 * Figures of one width each ("tnum"), as the "numeric" style class gives a
 * label, so that a column of numbers lines up.
 */
void
mk_text_cell_set_numeric (MkTextCell *self)
{
  g_return_if_fail (MK_IS_TEXT_CELL (self));

  self->numeric = TRUE;
  gtk_widget_add_css_class (GTK_WIDGET (self), "numeric");
  g_clear_object (&self->layout);
}

/**
 * mk_text_cell_set_text:
 * @self: a cell
 * @text: (nullable): its text, one line
 *
 * Sets the text.  A cell whose width does not depend on its text is only
 * drawn again; otherwise it is measured again (from its group's table).
 */
void
mk_text_cell_set_text (MkTextCell *self,
                       const char *text)
{
  g_return_if_fail (MK_IS_TEXT_CELL (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;
  g_free (self->text);
  self->text = g_strdup (text);
  if (self->layout != NULL)
    pango_layout_set_text (self->layout, text ? text : "", -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  text ? text : "", -1);
  if (self->fit_text)
    gtk_widget_queue_resize (GTK_WIDGET (self));
  else
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * mk_text_cell_get_text:
 * @self: a cell
 *
 * Returns: (transfer none): its text, "" when none
 */
const char *
mk_text_cell_get_text (MkTextCell *self)
{
  g_return_val_if_fail (MK_IS_TEXT_CELL (self), NULL);

  return self->text ? self->text : "";
}
