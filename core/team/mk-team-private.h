/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-team-private.h — what the modules of core/team share. */
#pragma once

#include <libpq-fe.h>

#include "mk-team.h"
#include "mk-uuid.h"

G_BEGIN_DECLS

/* A category as the team keeps it (minutka.category). */
typedef struct {
  char      uuid[MK_UUID_TEXT_LEN + 1];
  char     *key;
  char     *name;      /* NULL: the built-in name, in each person's language */
  char     *color;
  char     *klass;     /* selling, supporting, non_selling */
  double    target_min;
  double    target_max;
  int       sort_order;
  gboolean  archived;
} MkTeamCategory;

typedef struct {
  char     *alias;     /* as mk_store_alias_key() writes it */
  char      category[MK_UUID_TEXT_LEN + 1];
  gboolean  deleted;
} MkTeamAlias;

typedef struct {
  char *key;
  char *value;
} MkTeamSetting;

/**
 * MkTeamOwned:
 *
 * What belongs to the team rather than to one desktop: categories (with
 * their targets), aliases, the analysis settings (prime hours and
 * thresholds) and the study period.  Read from a local database and sent
 * by the supervisor; received by everyone.  When fetched from the server,
 * only what changed after a revision; @has_study then says whether the
 * study is among it.
 */
typedef struct {
  GArray   *categories;  /* MkTeamCategory */
  GArray   *aliases;     /* MkTeamAlias */
  GArray   *settings;    /* MkTeamSetting */
  gboolean  has_study;
  gboolean  study_active;
  char     *study_name;
  char     *study_from;
  char     *study_to;
} MkTeamOwned;

MkTeamOwned *mk_team_owned_new          (void);
void         mk_team_owned_free         (MkTeamOwned   *owned);
gboolean     mk_team_owned_is_empty     (const MkTeamOwned *owned);
MkTeamOwned *mk_team_owned_read_local   (MkStore       *store,
                                         GError       **error);
MkTeamOwned *mk_team_owned_new_defaults (GError       **error);
gboolean     mk_team_owned_send         (PGconn        *conn,
                                         const MkTeamOwned *owned,
                                         GError       **error);
MkTeamOwned *mk_team_owned_fetch        (PGconn        *conn,
                                         gint64         since,
                                         GError       **error);
gboolean     mk_team_owned_apply        (MkStore       *store,
                                         const MkTeamOwned *owned,
                                         GError       **error);

/* mk-team-server.c */
gboolean     mk_team_setup_to_version   (const char    *conninfo,
                                         int            version,
                                         gboolean      *created,
                                         GError       **error);

/* mk-team-link.c: the local link (team_link), read in one place. */
typedef struct {
  char     *conninfo;
  char     *server;
  char     *team_uuid;
  char     *desktop_uuid;
  char     *login;
  char      person_uuid[MK_UUID_TEXT_LEN + 1];  /* "" when none */
  gboolean  supervisor;
  gint64    last_revision;
  gboolean  owned_changed;
} MkTeamLink;

/* mk-team-sync.c: a sync on a connection lent by the window's listening
 * thread (mk-team-session.c).  @borrow returns an open, idle connection to
 * the server @conninfo names, or NULL (the sync connects itself);
 * @give_back takes it back, or NULL when the sync found it lost. */
typedef PGconn *(*MkTeamBorrowFunc)   (const char    *conninfo,
                                       gpointer       user_data);
typedef void    (*MkTeamGiveBackFunc) (PGconn        *conn,
                                       gpointer       user_data);

gboolean     mk_team_sync_full          (MkStore            *store,
                                         const char         *password,
                                         MkTeamBorrowFunc    borrow,
                                         MkTeamGiveBackFunc  give_back,
                                         gpointer            lender,
                                         MkTeamSyncResult   *result,
                                         MkTeamProgressFunc  progress,
                                         gpointer            progress_data,
                                         GCancellable       *cancellable,
                                         GError            **error);

MkTeamLink  *mk_team_link_read          (MkStore       *store,
                                         GError       **error);
void         mk_team_link_free          (MkTeamLink    *link);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MkTeamOwned, mk_team_owned_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MkTeamLink, mk_team_link_free)

G_END_DECLS
