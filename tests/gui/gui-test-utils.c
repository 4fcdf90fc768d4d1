/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gui-test-utils.c — helpers shared by the GUI tests.
 *
 * The tests run inside the application's main loop: once the application
 * has activated, g_test_run() is called from an idle callback, and each
 * test iterates the main context itself while it waits for the window to
 * map, to draw, or for any condition (mk_gui_test_wait_for).  No wait is a
 * fixed time: each ends when what it waits for happens, and only a hang
 * reaches the limit (MK_GUI_TEST_HANG_SECONDS), which fails the test
 * instead of hanging it.
 */
#include "config.h"

#include <glib/gstdio.h>

#include "gui-test-utils.h"
#include "mk-text-cell.h"
#include "mk-version.h"

static int test_status = 1;
static char *tmpdir;

void
mk_gui_test_init (int    *argc,
                  char ***argv)
{
  mk_core_init_i18n ();
  g_test_init (argc, argv, NULL);
  g_test_set_nonfatal_assertions ();
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  g_setenv ("GTK_A11Y", "none", FALSE);
  adw_init ();
}

const char *
mk_gui_test_tmpdir (void)
{
  if (tmpdir == NULL)
    {
      g_autoptr(GError) error = NULL;

      tmpdir = g_dir_make_tmp ("minutka-gui-XXXXXX", &error);
      g_assert_no_error (error);
    }
  return tmpdir;
}

MkApplication *
mk_gui_test_app_new (const char *db_path)
{
  MkApplication *app = mk_application_new ();
  g_autofree char *path = NULL;
  char *argv[] = { (char *) "minutka", (char *) "--db", NULL, NULL };

  path = db_path ? g_strdup (db_path)
                 : g_build_filename (mk_gui_test_tmpdir (), "test.db", NULL);
  argv[2] = path;
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_object_set_data_full (G_OBJECT (app), "test-argv", g_strdupv (argv),
                          (GDestroyNotify) g_strfreev);
  return app;
}

static gboolean
run_tests_cb (gpointer user_data)
{
  GApplication *app = G_APPLICATION (user_data);

  test_status = g_test_run ();
  g_application_release (app);
  g_application_quit (app);
  return G_SOURCE_REMOVE;
}

static void
activate_cb (GApplication *app,
             gpointer      user_data)
{
  static gboolean started;

  if (started)
    return;
  started = TRUE;
  g_application_hold (app);
  g_idle_add (run_tests_cb, app);
}

int
mk_gui_test_run (MkApplication *app)
{
  char **argv = g_object_get_data (G_OBJECT (app), "test-argv");

  g_signal_connect_after (app, "activate", G_CALLBACK (activate_cb), NULL);
  g_application_run (G_APPLICATION (app), g_strv_length (argv), argv);
  g_object_unref (app);
  if (tmpdir != NULL)
    {
      g_autofree char *cmd = g_strdup_printf ("rm -rf '%s'", tmpdir);
      (void) !system (cmd);
    }
  return test_status;
}

/* Waiting */

static gboolean
wake_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* The start of a wait (see mk_gui_test_wait_for()): the hang limit, and a
 * timer that wakes the main context every few milliseconds, so that a
 * condition set on another thread (a worker, a file) is seen without an
 * event of the main context to announce it. */
void
mk_gui_test_wait_begin (MkGuiTestWait *wait)
{
  wait->end = g_get_monotonic_time () + MK_GUI_TEST_HANG_SECONDS * G_USEC_PER_SEC;
  wait->wake_id = g_timeout_add (5, wake_cb, NULL);
}

/* One blocking iteration of the main context; FALSE once the hang limit
 * has passed. */
gboolean
mk_gui_test_wait_iterate (MkGuiTestWait *wait)
{
  if (g_get_monotonic_time () >= wait->end)
    return FALSE;
  g_main_context_iteration (NULL, TRUE);
  return TRUE;
}

/* The end of a wait: fails the test, naming @what and where, unless
 * @holds.  Returns @holds. */
gboolean
mk_gui_test_wait_end (MkGuiTestWait *wait,
                      gboolean       holds,
                      const char    *what,
                      const char    *file,
                      int            line)
{
  g_clear_handle_id (&wait->wake_id, g_source_remove);
  if (!holds)
    g_test_fail_printf ("%s:%d: waited %d s for %s", file, line, MK_GUI_TEST_HANG_SECONDS,
                        what);
  return holds;
}

/* Runs whatever the main context has ready (signals delivered, idles
 * queued by the last action, results of finished tasks) until nothing is
 * left, without waiting for anything that is not ready yet.  Use it after
 * an action that completes on the main thread; wait for a condition
 * when the work goes on elsewhere. */
void
mk_gui_test_settle (void)
{
  gint64 end = g_get_monotonic_time () + MK_GUI_TEST_HANG_SECONDS * G_USEC_PER_SEC;

  while (g_main_context_iteration (NULL, FALSE))
    if (g_get_monotonic_time () >= end)
      {
        g_test_fail_printf ("the main context stayed busy for %d s", MK_GUI_TEST_HANG_SECONDS);
        return;
      }
}

gboolean
mk_gui_test_wait_mapped (GtkWidget *widget)
{
  if (!mk_gui_test_wait_for (gtk_widget_get_mapped (widget)))
    return FALSE;

  /* Let it lay out and draw once. */
  mk_gui_test_wait_frames (widget, 2);
  return TRUE;
}

static gboolean
count_frame_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  guint *left = user_data;

  if (*left > 0)
    (*left)--;
  return *left > 0 ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

/* Waits until @widget's frame clock has ticked @n_frames times (the widget
 * must be mapped), then settles: idle work queued by the frames (list
 * items, relayout) runs too. */
void
mk_gui_test_wait_frames (GtkWidget *widget,
                         guint      n_frames)
{
  guint left = n_frames;
  guint id;

  id = gtk_widget_add_tick_callback (widget, count_frame_cb, &left, NULL);
  gtk_widget_queue_draw (widget);
  if (!mk_gui_test_wait_for (left == 0))
    gtk_widget_remove_tick_callback (widget, id);
  mk_gui_test_settle ();
}

/* The mapped toplevel of @type, or NULL. */
static GtkWindow *
find_mapped_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      /* GTK keeps every toplevel alive until it is destroyed, so the
       * pointer stays valid after this reference is dropped. */
      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) &&
          gtk_widget_get_mapped (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

/* Any toplevel of @type, shown or not (not a new reference), or NULL: to
 * assert that no dialog of that type was opened. */
GtkWindow *
mk_gui_test_find_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }
  return NULL;
}

/* Waits until a toplevel of @type is mapped and has drawn; returns it (not
 * a new reference), or NULL after the hang limit. */
GtkWindow *
mk_gui_test_wait_window (GType type)
{
  GtkWindow *window = NULL;

  if (!mk_gui_test_wait_for ((window = find_mapped_window (type)) != NULL))
    return NULL;
  mk_gui_test_wait_frames (GTK_WIDGET (window), 2);
  return window;
}

/* Asks for @window to be @width × @height (gtk_window_set_default_size(),
 * as a user's resize would) and waits until the window has that size on
 * screen, or the smallest size its content allows where that is bigger,
 * and has drawn at it. */
void
mk_gui_test_resize (GtkWindow *window,
                    int        width,
                    int        height)
{
  GtkWidget *widget = GTK_WIDGET (window);
  GdkSurface *surface;
  int min_width;
  int min_height;

  gtk_window_set_default_size (window, width, height);
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
  width = MAX (width, min_width);
  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, width, &min_height, NULL, NULL, NULL);
  height = MAX (height, min_height);
  /* The surface, which is what the default size sets (the widget may be
   * smaller by the window's frame). */
  surface = gtk_native_get_surface (GTK_NATIVE (window));
  if (!mk_gui_test_wait_for (gdk_surface_get_width (surface) == width
                             && gdk_surface_get_height (surface) == height))
    g_test_message ("asked for %d × %d, the window is %d × %d", width, height,
                    gdk_surface_get_width (surface), gdk_surface_get_height (surface));
  mk_gui_test_wait_frames (widget, 2);
}

/* Finding widgets */

/* The application's main window, once it is on screen (not a new
 * reference). */
MkWindow *
mk_gui_test_get_window (void)
{
  GApplication *app = g_application_get_default ();
  GtkWindow *window;

  g_assert_true (GTK_IS_APPLICATION (app));
  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (!MK_IS_WINDOW (window))
    g_error ("the application has no main window");
  mk_gui_test_wait_for (gtk_widget_get_mapped (GTK_WIDGET (window)));
  return MK_WINDOW (window);
}

/* The widget under @root (itself included) whose buildable id or widget
 * name is @name.  A test cannot go on without it: a missing one stops the
 * program with its name. */
GtkWidget *
mk_gui_test_child (gpointer    root,
                   const char *name)
{
  GtkWidget *widget = mk_gui_test_find_by_name (GTK_WIDGET (root), name);

  if (widget == NULL)
    g_error ("no widget named %s under %s", name, G_OBJECT_TYPE_NAME (root));
  return widget;
}

/* The first widget of @type under @root (itself included), which must be
 * there. */
GtkWidget *
mk_gui_test_child_of_type (gpointer root,
                           GType    type)
{
  GtkWidget *widget = mk_gui_test_find_by_type (GTK_WIDGET (root), type);

  if (widget == NULL)
    g_error ("no %s under %s", g_type_name (type), G_OBJECT_TYPE_NAME (root));
  return widget;
}

GtkWidget *
mk_gui_test_find_by_type (GtkWidget *root,
                          GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = mk_gui_test_find_by_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
mk_gui_test_find_by_name (GtkWidget  *root,
                          const char *buildable_id)
{
  if (g_strcmp0 (gtk_buildable_get_buildable_id (GTK_BUILDABLE (root)), buildable_id) == 0 ||
      g_strcmp0 (gtk_widget_get_name (root), buildable_id) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = mk_gui_test_find_by_name (child, buildable_id);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Shows the page @name of @window (its win.page action) and returns the
 * page, of @type, once it is on screen. */
GtkWidget *
mk_gui_test_show_page (GtkWidget  *window,
                       const char *name,
                       GType       type)
{
  GtkWidget *page;

  g_assert_true (mk_gui_test_wait_mapped (window));
  g_action_group_activate_action (G_ACTION_GROUP (window), "page", g_variant_new_string (name));
  page = mk_gui_test_find_by_type (window, type);
  g_assert_nonnull (page);
  g_assert_true (mk_gui_test_wait_mapped (page));
  return page;
}

typedef struct {
  GtkWidget     *widget;
  int            width;
  int            height;
  GskRenderNode *node;
} ScreenshotWait;

static void
screenshot_after_paint_cb (GdkFrameClock  *clock,
                           ScreenshotWait *wait)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;

  if (wait->node != NULL)
    return;
  paintable = gtk_widget_paintable_new (wait->widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), wait->width, wait->height);
  wait->node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  if (wait->node == NULL)
    gtk_widget_queue_draw (wait->widget);
}

/* Whether a transition runs in @widget's tree: a squeezer crossfading
 * (the view switcher between wide and narrow), a stack or a leaflet
 * sliding, a revealer opening or closing.  A picture taken then shows two
 * states at once. */
static gboolean
transition_running (GtkWidget *widget)
{
  if (!gtk_widget_get_mapped (widget))
    return FALSE;
  if (ADW_IS_SQUEEZER (widget) && adw_squeezer_get_transition_running (ADW_SQUEEZER (widget)))
    return TRUE;
  if (ADW_IS_LEAFLET (widget) &&
      adw_leaflet_get_child_transition_running (ADW_LEAFLET (widget)))
    return TRUE;
  if (GTK_IS_STACK (widget) && gtk_stack_get_transition_running (GTK_STACK (widget)))
    return TRUE;
  if (GTK_IS_REVEALER (widget) &&
      gtk_revealer_get_reveal_child (GTK_REVEALER (widget)) !=
      gtk_revealer_get_child_revealed (GTK_REVEALER (widget)))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (transition_running (child))
      return TRUE;
  return FALSE;
}

void
mk_gui_test_screenshot (GtkWidget  *widget,
                        const char *file_name)
{
  const char *dir = g_getenv ("MINUTKA_SCREENSHOT_DIR");
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer;
  graphene_rect_t bounds;
  int width;
  int height;

  if (dir == NULL)
    dir = "screenshots";
  g_mkdir_with_parents (dir, 0755);

  mk_gui_test_wait_frames (widget, 2);
  /* The layout settled: no animation half way (frames go on while one
   * runs, so the wait ends with it). */
  mk_gui_test_wait_for (!transition_running (GTK_WIDGET (gtk_widget_get_root (widget))));
  mk_gui_test_wait_frames (widget, 1);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  /* A draw queued since the last frame (idle work, a label's update)
   * drops the widget's render node until the next frame paints it: take
   * the picture right after a frame has painted. */
  {
    ScreenshotWait wait = { widget, width, height, NULL };
    GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
    gulong id;

    g_assert_nonnull (clock);
    id = g_signal_connect (clock, "after-paint", G_CALLBACK (screenshot_after_paint_cb), &wait);
    gtk_widget_queue_draw (widget);
    mk_gui_test_wait_for (wait.node != NULL);
    g_signal_handler_disconnect (clock, id);
    node = g_steal_pointer (&wait.node);
  }
  g_assert_nonnull (node);

  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  graphene_rect_init (&bounds, 0, 0, width, height);
  texture = gsk_renderer_render_texture (renderer, node, &bounds);
  g_assert_nonnull (texture);

  path = g_build_filename (dir, file_name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

/**
 * mk_gui_test_combo_popup:
 * @row: a combo row on a shown window
 *
 * Opens @row's drop-down as a click on the row does and waits until it is
 * drawn.
 *
 * Returns: (transfer none): the drop-down's popover
 */
GtkPopover *
mk_gui_test_combo_popup (AdwComboRow *row)
{
  GtkWidget *popover = mk_gui_test_find_by_type (GTK_WIDGET (row), GTK_TYPE_POPOVER);

  g_assert_nonnull (popover);
  gtk_widget_activate (GTK_WIDGET (row));
  g_assert_true (mk_gui_test_wait_mapped (popover));
  return GTK_POPOVER (popover);
}

/**
 * mk_gui_test_text_of:
 * @widget: a widget
 *
 * Returns: (nullable): the text @widget shows if it is a label or a cell
 *   of the Entries table (MkTextCell), otherwise %NULL
 */
const char *
mk_gui_test_text_of (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return gtk_label_get_text (GTK_LABEL (widget));
  if (MK_IS_TEXT_CELL (widget))
    return mk_text_cell_get_text (MK_TEXT_CELL (widget));
  return NULL;
}

static void
collect_labels (GtkWidget    *widget,
                GStrvBuilder *texts)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (mk_gui_test_text_of (widget) != NULL)
    g_strv_builder_add (texts, mk_gui_test_text_of (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, texts);
}

/**
 * mk_gui_test_label_texts:
 * @root: a widget
 *
 * Returns: (transfer full): the texts of the labels (and the Entries
 *   table's text cells) shown under @root, in
 *   the order of the widget tree (a list's rows from the top)
 */
GStrv
mk_gui_test_label_texts (GtkWidget *root)
{
  g_autoptr(GStrvBuilder) texts = g_strv_builder_new ();

  collect_labels (root, texts);
  return g_strv_builder_end (texts);
}

/**
 * mk_gui_test_find_label:
 * @root: a widget
 * @text: a label's text
 *
 * Returns: (transfer none) (nullable): the first label (or Entries table
 *   cell) shown under @root that reads @text
 */
GtkWidget *
mk_gui_test_find_label (GtkWidget  *root,
                        const char *text)
{
  if (!gtk_widget_get_mapped (root))
    return NULL;
  if (g_strcmp0 (mk_gui_test_text_of (root), text) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = mk_gui_test_find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}
