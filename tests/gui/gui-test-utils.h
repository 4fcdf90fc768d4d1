/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gui-test-utils.h — driving the real Minutka window in a test.
 *
 * Waiting: a test never sleeps for a fixed time.  It waits for what it
 * needs to see — a condition (mk_gui_test_wait_for), a window mapped, a
 * number of frames drawn, the main context idle — and only a hang reaches
 * the limit (MK_GUI_TEST_HANG_SECONDS), which fails the test and says what
 * it waited for.  See docs/testing.md.
 */
#pragma once

#include <adwaita.h>

#include "mk-application.h"
#include "mk-window.h"

G_BEGIN_DECLS

void           mk_gui_test_init          (int         *argc,
                                          char      ***argv);
MkApplication *mk_gui_test_app_new       (const char  *db_path);
int            mk_gui_test_run           (MkApplication *app);
const char    *mk_gui_test_tmpdir        (void);

MkWindow      *mk_gui_test_get_window    (void);
GtkWidget     *mk_gui_test_child         (gpointer     root,
                                          const char  *name);
GtkWidget     *mk_gui_test_child_of_type (gpointer     root,
                                          GType        type);

/* Only a hang waits this long. */
#define MK_GUI_TEST_HANG_SECONDS 30

typedef struct {
  gint64 end;
  guint  wake_id;
} MkGuiTestWait;

void           mk_gui_test_wait_begin    (MkGuiTestWait *wait);
gboolean       mk_gui_test_wait_iterate  (MkGuiTestWait *wait);
gboolean       mk_gui_test_wait_end      (MkGuiTestWait *wait,
                                          gboolean       holds,
                                          const char    *what,
                                          const char    *file,
                                          int            line);

/**
 * mk_gui_test_wait_for:
 * @expr: a condition, evaluated again after each main-context iteration
 *
 * Iterates the main context until @expr holds.  The context also wakes
 * every few milliseconds, so conditions that change on another thread or in
 * a file are seen too.  If @expr still does not hold after
 * MK_GUI_TEST_HANG_SECONDS the test fails with @expr and the place in its
 * message.  Evaluates to whether @expr holds.
 */
#define mk_gui_test_wait_for(expr)                                              \
  ({                                                                            \
    MkGuiTestWait mk_wait_;                                                     \
    mk_gui_test_wait_begin (&mk_wait_);                                         \
    while (!(expr) && mk_gui_test_wait_iterate (&mk_wait_))                     \
      ;                                                                         \
    mk_gui_test_wait_end (&mk_wait_, !!(expr), #expr, __FILE__, __LINE__);      \
  })

void           mk_gui_test_settle        (void);
gboolean       mk_gui_test_wait_mapped   (GtkWidget   *widget);
void           mk_gui_test_wait_frames   (GtkWidget   *widget,
                                          guint        n_frames);
GtkWindow     *mk_gui_test_wait_window   (GType        type);
GtkWindow     *mk_gui_test_find_window   (GType        type);
void           mk_gui_test_resize        (GtkWindow   *window,
                                          int          width,
                                          int          height);
GtkWidget     *mk_gui_test_find_by_type  (GtkWidget   *root,
                                          GType        type);
GtkWidget     *mk_gui_test_find_by_name  (GtkWidget   *root,
                                          const char  *buildable_id);
GtkWidget     *mk_gui_test_show_page     (GtkWidget   *window,
                                          const char  *name,
                                          GType        type);
void           mk_gui_test_screenshot    (GtkWidget   *widget,
                                          const char  *file_name);
GtkPopover    *mk_gui_test_combo_popup   (AdwComboRow *row);
const char    *mk_gui_test_text_of       (GtkWidget   *widget);
GStrv          mk_gui_test_label_texts   (GtkWidget   *root);
GtkWidget     *mk_gui_test_find_label    (GtkWidget   *root,
                                          const char  *text);

G_END_DECLS
