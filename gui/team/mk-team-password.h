/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MK_TEAM_PASSWORD_ERROR (mk_team_password_error_quark ())

/**
 * MkTeamPasswordError:
 * @MK_TEAM_PASSWORD_ERROR_KEYRING: the desktop keyring could not be reached
 *   or refused; the message says what to do
 * @MK_TEAM_PASSWORD_ERROR_CANCELLED: the user closed the password dialog
 */
typedef enum {
  MK_TEAM_PASSWORD_ERROR_KEYRING,
  MK_TEAM_PASSWORD_ERROR_CANCELLED,
} MkTeamPasswordError;

GQuark    mk_team_password_error_quark   (void);

void      mk_team_password_store_async   (const char          *server,
                                          const char          *login,
                                          const char          *password,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gboolean  mk_team_password_store_finish  (GAsyncResult        *result,
                                          GError             **error);
void      mk_team_password_lookup_async  (const char          *server,
                                          const char          *login,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
char     *mk_team_password_lookup_finish (GAsyncResult        *result,
                                          GError             **error);
char     *mk_team_password_lookup_sync   (const char          *server,
                                          const char          *login,
                                          GCancellable        *cancellable,
                                          GError             **error);
void      mk_team_password_forget_async  (const char          *server,
                                          const char          *login,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gboolean  mk_team_password_forget_finish (GAsyncResult        *result,
                                          GError             **error);
void      mk_team_password_free          (char                *password);

void      mk_team_password_ask_async     (GtkWindow           *parent,
                                          const char          *server,
                                          const char          *login,
                                          const char          *why,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
char     *mk_team_password_ask_finish    (GAsyncResult        *result,
                                          GError             **error);

G_END_DECLS
