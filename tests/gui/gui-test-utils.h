/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gui-test-utils.h — driving the real Minutka window in a test. */
#pragma once

#include <adwaita.h>

#include "mk-application.h"

G_BEGIN_DECLS

void           mk_gui_test_init          (int         *argc,
                                          char      ***argv);
MkApplication *mk_gui_test_app_new       (const char  *db_path);
int            mk_gui_test_run           (MkApplication *app);
const char    *mk_gui_test_tmpdir        (void);

gboolean       mk_gui_test_wait_mapped   (GtkWidget   *widget);
void           mk_gui_test_wait_frames   (GtkWidget   *widget,
                                          guint        n_frames);
void           mk_gui_test_iterate       (guint        msec);
GtkWindow     *mk_gui_test_wait_window   (GType        type);
GtkWidget     *mk_gui_test_find_by_type  (GtkWidget   *root,
                                          GType        type);
GtkWidget     *mk_gui_test_find_by_name  (GtkWidget   *root,
                                          const char  *buildable_id);
GtkWidget     *mk_gui_test_show_page     (GtkWidget   *window,
                                          const char  *name,
                                          GType        type);
void           mk_gui_test_screenshot    (GtkWidget   *widget,
                                          const char  *file_name);

G_END_DECLS
