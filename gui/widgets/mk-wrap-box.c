/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-wrap-box.c — a row of widgets that wraps onto more lines when narrow.
 *
 * Lays its children out left to right like a horizontal GtkBox as long as
 * their minimum widths fit; a child that does not fit any more starts a new
 * line.  So at any width where a GtkBox would fit, the result is exactly
 * the GtkBox's (one line, extra space up to the natural widths, then to
 * the children that expand), and below it the row folds instead of making
 * the window wider: the box's minimum width is that of its widest child.
 * Each line shares its width on its own; a line is as tall as its tallest
 * child.  Hidden children take no place.  Children added in a .ui file go
 * in order, as in a GtkBox.
 *
 * Invariant: the same width always gives the same lines, in measure() and
 * in size_allocate(), so the height asked for is the height used.
 */
#define G_LOG_DOMAIN "mk-wrap-box"

#include "config.h"

#include "mk-wrap-box.h"

struct _MkWrapBox
{
  GtkWidget parent_instance;

  int       spacing;
  int       line_spacing;
};

static void mk_wrap_box_buildable_init (GtkBuildableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MkWrapBox, mk_wrap_box, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_BUILDABLE,
                                                      mk_wrap_box_buildable_init))

enum {
  PROP_0,
  PROP_SPACING,
  PROP_LINE_SPACING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
static GtkBuildableIface *parent_buildable_iface;

/* Where one shown child goes for a given width. */
typedef struct
{
  GtkWidget *child;
  guint      line;
  int        x;
  int        width;
} Place;

/* Shares @width among the children @start … @end - 1 of one line: first up
 * to their natural widths, then what is left to those that expand. */
static void
share_line (MkWrapBox        *self,
            Place            *places,
            GtkRequestedSize *sizes,
            guint             start,
            guint             end,
            guint             line,
            int               width)
{
  guint n = end - start;
  guint n_expand = 0;
  int extra = width - (int) (n - 1) * self->spacing;
  int x = 0;

  for (guint i = start; i < end; i++)
    {
      extra -= sizes[i].minimum_size;
      if (gtk_widget_compute_expand (places[i].child, GTK_ORIENTATION_HORIZONTAL))
        n_expand++;
    }
  extra = gtk_distribute_natural_allocation (MAX (extra, 0), n, sizes + start);

  for (guint i = start; i < end; i++)
    {
      int child_width = sizes[i].minimum_size;

      if (n_expand > 0 && gtk_widget_compute_expand (places[i].child,
                                                     GTK_ORIENTATION_HORIZONTAL))
        {
          /* Equal shares; the last expanding child gets what division leaves. */
          int share = extra / (int) n_expand--;

          child_width += share;
          extra -= share;
        }
      places[i].line = line;
      places[i].x = x;
      places[i].width = child_width;
      x += child_width + self->spacing;
    }
}

/* Breaks the shown children into lines for @width (-1: all on one line).
 * Returns the number of lines; @places gets one Place per shown child. */
static guint
place_children (MkWrapBox *self,
                int        width,
                GArray    *places)
{
  g_autoptr(GArray) sizes = g_array_new (FALSE, TRUE, sizeof (GtkRequestedSize));
  GtkRequestedSize *size;
  guint line = 0;
  guint start = 0;
  int used = 0;
  int total = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      Place place = { child, 0, 0, 0 };
      GtkRequestedSize request = { child, 0, 0 };

      if (!gtk_widget_should_layout (child))
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1,
                          &request.minimum_size, &request.natural_size, NULL, NULL);
      g_array_append_val (places, place);
      g_array_append_val (sizes, request);
      total += request.natural_size + (places->len > 1 ? self->spacing : 0);
    }
  if (places->len == 0)
    return 0;
  if (width < 0)
    width = total;

  size = (GtkRequestedSize *) sizes->data;
  for (guint i = 0; i < places->len; i++)
    {
      if (i > start && used + self->spacing + size[i].minimum_size > width)
        {
          share_line (self, (Place *) places->data, size, start, i, line++, width);
          start = i;
          used = size[i].minimum_size;
        }
      else
        used += (i > start ? self->spacing : 0) + size[i].minimum_size;
    }
  share_line (self, (Place *) places->data, size, start, places->len, line++, width);
  return line;
}

/* The minimum and natural height of each line, into zeroed arrays. */
static void
measure_lines (GArray *places,
               int    *line_min,
               int    *line_nat)
{
  for (guint i = 0; i < places->len; i++)
    {
      Place *place = &g_array_index (places, Place, i);
      int min = 0;
      int nat = 0;

      gtk_widget_measure (place->child, GTK_ORIENTATION_VERTICAL, place->width,
                          &min, &nat, NULL, NULL);
      line_min[place->line] = MAX (line_min[place->line], min);
      line_nat[place->line] = MAX (line_nat[place->line], nat);
    }
}

static GtkSizeRequestMode
mk_wrap_box_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
mk_wrap_box_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  MkWrapBox *self = MK_WRAP_BOX (widget);

  *minimum = 0;
  *natural = 0;
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      guint n = 0;

      /* Narrowest: every child on a line of its own; widest: all on one. */
      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
           child = gtk_widget_get_next_sibling (child))
        {
          int min = 0;
          int nat = 0;

          if (!gtk_widget_should_layout (child))
            continue;
          gtk_widget_measure (child, orientation, -1, &min, &nat, NULL, NULL);
          *minimum = MAX (*minimum, min);
          *natural += nat + (n++ > 0 ? self->spacing : 0);
        }
    }
  else
    {
      g_autoptr(GArray) places = g_array_new (FALSE, TRUE, sizeof (Place));
      guint n_lines = place_children (self, for_size, places);
      g_autofree int *line_min = g_new0 (int, MAX (n_lines, 1));
      g_autofree int *line_nat = g_new0 (int, MAX (n_lines, 1));

      measure_lines (places, line_min, line_nat);
      for (guint i = 0; i < n_lines; i++)
        {
          *minimum += line_min[i] + (i > 0 ? self->line_spacing : 0);
          *natural += line_nat[i] + (i > 0 ? self->line_spacing : 0);
        }
    }
}

static void
mk_wrap_box_size_allocate (GtkWidget *widget,
                           int        width,
                           int        height,
                           int        baseline)
{
  MkWrapBox *self = MK_WRAP_BOX (widget);
  g_autoptr(GArray) places = g_array_new (FALSE, TRUE, sizeof (Place));
  guint n_lines = place_children (self, width, places);
  g_autofree int *line_min = g_new0 (int, MAX (n_lines, 1));
  g_autofree int *line_nat = g_new0 (int, MAX (n_lines, 1));
  g_autofree int *line_y = g_new (int, MAX (n_lines, 1));
  gboolean rtl = gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL;
  int *line_height;
  int total_nat = 0;
  int y = 0;

  measure_lines (places, line_min, line_nat);
  for (guint i = 0; i < n_lines; i++)
    total_nat += line_nat[i] + (i > 0 ? self->line_spacing : 0);
  /* Given less than the natural height, the lines take their minimum. */
  line_height = height >= total_nat ? line_nat : line_min;
  for (guint i = 0; i < n_lines; i++)
    {
      line_y[i] = y;
      y += line_height[i] + self->line_spacing;
    }

  for (guint i = 0; i < places->len; i++)
    {
      Place *place = &g_array_index (places, Place, i);
      GtkAllocation allocation = {
        rtl ? width - place->x - place->width : place->x,
        line_y[place->line],
        place->width,
        line_height[place->line],
      };

      gtk_widget_size_allocate (place->child, &allocation, -1);
    }
}

/**
 * mk_wrap_box_new:
 *
 * Returns: (transfer floating): an empty wrap box.
 */
GtkWidget *
mk_wrap_box_new (void)
{
  return g_object_new (MK_TYPE_WRAP_BOX, NULL);
}

/**
 * mk_wrap_box_append:
 * @self: a wrap box
 * @child: a widget without a parent
 *
 * Adds @child after the others.
 */
void
mk_wrap_box_append (MkWrapBox *self,
                    GtkWidget *child)
{
  g_return_if_fail (MK_IS_WRAP_BOX (self));
  g_return_if_fail (GTK_IS_WIDGET (child));
  g_return_if_fail (gtk_widget_get_parent (child) == NULL);

  gtk_widget_set_parent (child, GTK_WIDGET (self));
}

static void
mk_wrap_box_buildable_add_child (GtkBuildable *buildable,
                                 GtkBuilder   *builder,
                                 GObject      *child,
                                 const char   *type)
{
  if (GTK_IS_WIDGET (child))
    mk_wrap_box_append (MK_WRAP_BOX (buildable), GTK_WIDGET (child));
  else
    parent_buildable_iface->add_child (buildable, builder, child, type);
}

static void
mk_wrap_box_buildable_init (GtkBuildableIface *iface)
{
  parent_buildable_iface = g_type_interface_peek_parent (iface);
  iface->add_child = mk_wrap_box_buildable_add_child;
}

static void
mk_wrap_box_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  MkWrapBox *self = MK_WRAP_BOX (object);

  switch (prop_id)
    {
    case PROP_SPACING:
      g_value_set_int (value, self->spacing);
      break;
    case PROP_LINE_SPACING:
      g_value_set_int (value, self->line_spacing);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mk_wrap_box_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  MkWrapBox *self = MK_WRAP_BOX (object);
  int *field;

  switch (prop_id)
    {
    case PROP_SPACING:
      field = &self->spacing;
      break;
    case PROP_LINE_SPACING:
      field = &self->line_spacing;
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  if (*field == g_value_get_int (value))
    return;
  *field = g_value_get_int (value);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (object, pspec);
}

static void
mk_wrap_box_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (mk_wrap_box_parent_class)->dispose (object);
}

static void
mk_wrap_box_class_init (MkWrapBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = mk_wrap_box_get_property;
  object_class->set_property = mk_wrap_box_set_property;
  object_class->dispose = mk_wrap_box_dispose;

  widget_class->get_request_mode = mk_wrap_box_get_request_mode;
  widget_class->measure = mk_wrap_box_measure;
  widget_class->size_allocate = mk_wrap_box_size_allocate;

  /**
   * MkWrapBox:spacing:
   *
   * Pixels between two children on one line.
   */
  properties[PROP_SPACING] =
    g_param_spec_int ("spacing", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * MkWrapBox:line-spacing:
   *
   * Pixels between two lines.
   */
  properties[PROP_LINE_SPACING] =
    g_param_spec_int ("line-spacing", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "mk-wrap-box");
}

static void
mk_wrap_box_init (MkWrapBox *self)
{
}
