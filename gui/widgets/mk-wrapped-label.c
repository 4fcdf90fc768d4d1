/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-wrapped-label.c — a wrapping label, and what goes before it, measured once.
 *
 * A GtkLabel that wraps, put beside another widget in a horizontal GtkBox
 * (a list row's icon and its sentence), costs GTK 4.8 some 25 layouts of
 * its text each time the box is measured or allocated anew: the box
 * searches for the label's width by its height and the label searches for
 * its own width for a height, each by halving.  The findings' rows took
 * 15–18 ms of the main thread a group, the manager detail's about 20 ms.
 *
 * This lays out the label and an optional prefix (an icon) itself: the
 * prefix at its natural width, then @spacing, then the label in all the
 * width left; its width asked for no particular height (the longest word,
 * the whole text on one line), its height for the width it gets.  Three
 * or four layouts of the text, each measure cached by GTK as usual.
 *
 * mk_wrapped_label_stand_in() puts one in place of a libadwaita widget's
 * own wrapping label (an expander row's subtitle, a preferences group's
 * description), which costs the same dozens of layouts there.
 */
#define G_LOG_DOMAIN "mk-wrapped-label"

#include "config.h"

#include "mk-wrapped-label.h"

struct _MkWrappedLabel
{
  GtkWidget  parent_instance;

  GtkWidget *prefix;
  int        spacing;
  GtkWidget *label;
};

G_DEFINE_FINAL_TYPE (MkWrappedLabel, mk_wrapped_label, GTK_TYPE_WIDGET)

static GtkSizeRequestMode
mk_wrapped_label_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

/* The prefix's width and the space after it, or 0. */
static int
prefix_width (MkWrappedLabel *self)
{
  int width = 0;

  if (self->prefix == NULL || !gtk_widget_get_visible (self->prefix))
    return 0;
  gtk_widget_measure (self->prefix, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &width, NULL, NULL);
  return width + self->spacing;
}

static void
mk_wrapped_label_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  MkWrappedLabel *self = MK_WRAPPED_LABEL (widget);
  int before = prefix_width (self);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      gtk_widget_measure (self->label, orientation, -1, minimum, natural, NULL, NULL);
      *minimum += before;
      *natural += before;
    }
  else
    {
      int prefix_min = 0;
      int prefix_nat = 0;

      gtk_widget_measure (self->label, orientation, for_size < 0 ? -1 : MAX (0, for_size - before),
                          minimum, natural, NULL, NULL);
      if (before > 0)
        {
          gtk_widget_measure (self->prefix, orientation, -1, &prefix_min, &prefix_nat, NULL, NULL);
          *minimum = MAX (*minimum, prefix_min);
          *natural = MAX (*natural, prefix_nat);
        }
    }
}

static void
mk_wrapped_label_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  MkWrappedLabel *self = MK_WRAPPED_LABEL (widget);
  int before = prefix_width (self);
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int label_width = MAX (0, width - before);

  if (before > 0)
    {
      GskTransform *at = gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (
                                                    rtl ? width - before + self->spacing : 0, 0));

      gtk_widget_allocate (self->prefix, before - self->spacing, height, -1, at);
    }
  gtk_widget_allocate (self->label, label_width, height, -1,
                       gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (rtl ? 0 : before, 0)));
}

static void
mk_wrapped_label_dispose (GObject *object)
{
  MkWrappedLabel *self = MK_WRAPPED_LABEL (object);

  g_clear_pointer (&self->prefix, gtk_widget_unparent);
  g_clear_pointer (&self->label, gtk_widget_unparent);

  G_OBJECT_CLASS (mk_wrapped_label_parent_class)->dispose (object);
}

static void
mk_wrapped_label_class_init (MkWrappedLabelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mk_wrapped_label_dispose;
  widget_class->get_request_mode = mk_wrapped_label_get_request_mode;
  widget_class->measure = mk_wrapped_label_measure;
  widget_class->size_allocate = mk_wrapped_label_size_allocate;

  gtk_widget_class_set_css_name (widget_class, "wrappedlabel");
}

static void
mk_wrapped_label_init (MkWrappedLabel *self)
{
  self->label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (self->label), 0);
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));
}

/**
 * mk_wrapped_label_new:
 * @text: (nullable): the text
 *
 * Returns: (transfer full): a new label that wraps at word boundaries
 *   (inside a word only when one is longer than the width), aligned to
 *   the start, centred in the height it gets.
 */
GtkWidget *
mk_wrapped_label_new (const char *text)
{
  MkWrappedLabel *self = g_object_new (MK_TYPE_WRAPPED_LABEL, NULL);

  gtk_label_set_text (GTK_LABEL (self->label), text);
  return GTK_WIDGET (self);
}

/**
 * mk_wrapped_label_get_label:
 * @self: the wrapped label
 *
 * Returns: (transfer none): the label inside, for its text and style.
 */
GtkLabel *
mk_wrapped_label_get_label (MkWrappedLabel *self)
{
  g_return_val_if_fail (MK_IS_WRAPPED_LABEL (self), NULL);
  return GTK_LABEL (self->label);
}

/**
 * mk_wrapped_label_set_prefix:
 * @self: the wrapped label
 * @prefix: (transfer floating): a widget to put before the text, at its
 *   natural width and in the whole height (an image centres itself)
 * @spacing: pixels between @prefix and the text
 */
void
mk_wrapped_label_set_prefix (MkWrappedLabel *self,
                             GtkWidget      *prefix,
                             int             spacing)
{
  g_return_if_fail (MK_IS_WRAPPED_LABEL (self));
  g_return_if_fail (GTK_IS_WIDGET (prefix));

  self->spacing = spacing;
  if (prefix == self->prefix)
    {
      /* Unparenting it would free it. */
      gtk_widget_queue_resize (GTK_WIDGET (self));
      return;
    }
  g_clear_pointer (&self->prefix, gtk_widget_unparent);
  self->prefix = prefix;
  gtk_widget_insert_before (prefix, GTK_WIDGET (self), self->label);
}

/* The first GtkLabel under @widget (depth first, @widget included) with
 * the style class @css_class. */
static GtkLabel *
find_label (GtkWidget  *widget,
            const char *css_class)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, css_class))
    return GTK_LABEL (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label (child, css_class);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/**
 * mk_wrapped_label_stand_in:
 * @widget: a libadwaita widget that lays out a wrapping label of its own
 *   in a vertical box: an AdwExpanderRow or AdwActionRow (its subtitle,
 *   class "subtitle"), an AdwPreferencesGroup (its description, class
 *   "dim-label")
 * @css_class: the style class that finds that label: the first label
 *   under @widget that has it
 * @text: the text for the stand-in
 *
 * Puts a wrapped label with @text right after that label, in the same
 * box, with its style classes, alignment and wrapping, so that it looks
 * the same; the caller leaves the widget's own label empty or hides it.
 * The rows' header describes itself by the stand-in.
 *
 * Returns: (transfer none) (nullable): the stand-in, or %NULL when
 *   @widget has no such label (its libadwaita is not the one this was
 *   written for; the caller then keeps the widget's own label).
 */
GtkWidget *
mk_wrapped_label_stand_in (GtkWidget  *widget,
                           const char *css_class,
                           const char *text)
{
  GtkLabel *own;
  GtkWidget *stand_in;
  GtkLabel *label;
  g_auto(GStrv) classes = NULL;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  own = find_label (widget, css_class);
  if (own == NULL || !GTK_IS_BOX (gtk_widget_get_parent (GTK_WIDGET (own))))
    return NULL;
  stand_in = mk_wrapped_label_new (text);
  label = mk_wrapped_label_get_label (MK_WRAPPED_LABEL (stand_in));
  classes = gtk_widget_get_css_classes (GTK_WIDGET (own));
  gtk_widget_set_css_classes (GTK_WIDGET (label), (const char **) classes);
  gtk_label_set_xalign (label, gtk_label_get_xalign (own));
  gtk_label_set_wrap_mode (label, gtk_label_get_wrap_mode (own));
  gtk_widget_insert_after (stand_in, gtk_widget_get_parent (GTK_WIDGET (own)), GTK_WIDGET (own));

  /* An action row is described by its subtitle. */
  for (GtkWidget *row = GTK_WIDGET (own); row != NULL && row != gtk_widget_get_parent (widget);
       row = gtk_widget_get_parent (row))
    if (GTK_IS_LIST_BOX_ROW (row))
      {
        gtk_accessible_update_relation (GTK_ACCESSIBLE (row),
                                        GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, label, NULL, -1);
        break;
      }
  return stand_in;
}
