/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-team-session.c — a desktop's team as the window uses it.
 *
 * Design notes.
 *
 * The window's MkStore belongs to the main thread; everything that talks to
 * the server blocks, so it runs elsewhere:
 *  - mk_team_session_sync_async() runs mk_team_sync() in a GTask worker
 *    thread, on an MkStore of its own opened on the window's file.  Syncs
 *    of one session run one after another (a sync asked for while one runs
 *    waits for it), so a NOTIFY that comes during a sync is not lost and
 *    not run twice at once.  When it finishes, the window's store is told
 *    (mk_store_check_external()), so that its views show what came.
 *  - mk_team_session_listen() starts a thread with a connection of its own
 *    that LISTENs on the team's channel; every notification another desktop
 *    caused (the payload is the writer's identity, mk-team-server.c) emits
 *    "server-changed" on the main context, and the window syncs.  When the
 *    connection is lost, the thread connects again, waiting longer each
 *    time (2 s, doubling, at most a minute); "listening" says whether it is
 *    connected.  mk_team_session_stop_listening() (and finalizing) wakes
 *    it through its cancellable and joins it.
 * State, progress and the last message are properties, changed only on
 * the main context (the context that was the thread default when the
 * session was made), so that a window can bind to them.
 *
 * The password (from the desktop's keyring) is kept in memory only, handed
 * to libpq for each connection, and wiped when replaced or freed.  Without
 * one libpq finds it itself (~/.pgpass, PGPASSFILE).
 */
#define G_LOG_DOMAIN "mk-team"

#include "config.h"

#include <glib-unix.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

#include "mk-team-private.h"
#include "mk-team-server.h"
#include "mk-team-session.h"

#define PROGRESS_INTERVAL_US (G_USEC_PER_SEC / 10)

struct _MkTeamSession
{
  GObject             parent_instance;

  MkStore            *store;        /* the window's */
  char               *db_path;
  GMainContext       *context;

  GMutex              lock;         /* the password, read by the threads */
  char               *password;
  GMutex              sync_lock;    /* one sync at a time */

  MkTeamSessionState  state;
  double              progress;
  char               *message;
  guint               running;      /* syncs asked for and not finished */

  GThread            *listener;
  GCancellable       *listen_cancellable;
  struct _ListenData *listen_data;
  gboolean            listening;
};

enum {
  PROP_0,
  PROP_STATE,
  PROP_PROGRESS,
  PROP_MESSAGE,
  PROP_LISTENING,
  N_PROPS
};

enum {
  SERVER_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (MkTeamSession, mk_team_session, G_TYPE_OBJECT)

GType
mk_team_session_state_get_type (void)
{
  static gsize type = 0;
  static const GEnumValue values[] = {
    { MK_TEAM_SESSION_IDLE, "MK_TEAM_SESSION_IDLE", "idle" },
    { MK_TEAM_SESSION_SYNCING, "MK_TEAM_SESSION_SYNCING", "syncing" },
    { MK_TEAM_SESSION_OFFLINE, "MK_TEAM_SESSION_OFFLINE", "offline" },
    { MK_TEAM_SESSION_FAILED, "MK_TEAM_SESSION_FAILED", "failed" },
    { 0, NULL, NULL },
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("MkTeamSessionState", values));
  return type;
}

static void
wipe (char **secret)
{
  if (*secret != NULL)
    memset (*secret, 0, strlen (*secret));
  g_clear_pointer (secret, g_free);
}

static char *
copy_password (MkTeamSession *self)
{
  char *copy;

  g_mutex_lock (&self->lock);
  copy = g_strdup (self->password);
  g_mutex_unlock (&self->lock);
  return copy;
}

static void
set_state (MkTeamSession      *self,
           MkTeamSessionState  state,
           const char         *message)
{
  if (g_strcmp0 (self->message, message) != 0)
    {
      g_free (self->message);
      self->message = g_strdup (message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
    }
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
}

static void
set_progress (MkTeamSession *self,
              double         progress)
{
  if (self->progress == progress)
    return;
  self->progress = progress;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
}

/* The listening thread's connection, lent to syncs */

/* What the listening thread and the session share; the thread holds no
 * reference to the session (its last reference could then be dropped on
 * the thread, which would wait for itself).  Under `lock`: the password,
 * and the connection's lending (see lend_connection()). */
typedef struct _ListenData {
  GWeakRef      session;
  char         *db_path;
  GMainContext *context;
  GCancellable *cancellable;
  GMutex        lock;
  GCond         cond;
  char         *password;
  int           wake[2];    /* a sync asks for the connection: a byte */
  char         *conninfo;   /* the server of the connection, while ready */
  gboolean      ready;      /* connected and listening, not lent */
  gboolean      wanted;     /* a sync waits for the connection */
  gboolean      lent;       /* a sync has it */
  gboolean      stopped;    /* the thread has ended: nothing comes back to it */
  gboolean      renew;      /* a new password: log in again with it */
  PGconn       *handed;     /* the connection handed over, not yet taken */
  PGconn       *returned;   /* the connection given back (NULL: lost) */
} ListenData;

static void
listen_data_clear (gpointer p)
{
  ListenData *data = p;

  g_weak_ref_clear (&data->session);
  g_free (data->db_path);
  g_main_context_unref (data->context);
  g_object_unref (data->cancellable);
  wipe (&data->password);
  g_free (data->conninfo);
  g_clear_pointer (&data->handed, PQfinish);
  g_clear_pointer (&data->returned, PQfinish);
  for (int i = 0; i < 2; i++)
    if (data->wake[i] >= 0)
      close (data->wake[i]);
  g_cond_clear (&data->cond);
  g_mutex_clear (&data->lock);
}

static void
listen_data_unref (ListenData *data)
{
  g_atomic_rc_box_release_full (data, listen_data_clear);
}

/* A sync borrows the listening connection (MkTeamBorrowFunc): it is logged
 * in already, and logging in again cost more than half of the everyday
 * sync of one entry (a new server process, the password check, every
 * table and function looked up afresh).  The listening thread hands it
 * over between two waits and waits for it back; notifications that come
 * meanwhile are kept by libpq and read when it is back.  NULL when the
 * thread is not connected to that server (the sync connects itself). */
static PGconn *
borrow_connection (const char *conninfo,
                   gpointer    user_data)
{
  ListenData *data = user_data;
  PGconn *conn = NULL;

  g_mutex_lock (&data->lock);
  if (data->ready && !data->stopped && data->wake[1] >= 0 &&
      g_strcmp0 (data->conninfo, conninfo) == 0)
    {
      data->wanted = TRUE;
      if (write (data->wake[1], "", 1) < 0)
        data->wanted = FALSE;
      while (data->wanted && data->ready && !data->stopped)
        g_cond_wait (&data->cond, &data->lock);
      data->wanted = FALSE;
      conn = g_steal_pointer (&data->handed);
    }
  g_mutex_unlock (&data->lock);
  return conn;
}

/* The sync gives the connection back (MkTeamGiveBackFunc), or NULL when
 * it was lost. */
static void
give_back_connection (PGconn   *conn,
                      gpointer  user_data)
{
  ListenData *data = user_data;

  g_mutex_lock (&data->lock);
  if (data->stopped)
    {
      g_mutex_unlock (&data->lock);
      if (conn != NULL)
        PQfinish (conn);
      return;
    }
  data->returned = conn;
  data->lent = FALSE;
  g_cond_broadcast (&data->cond);
  g_mutex_unlock (&data->lock);
}

/* Syncing */

/* Runs @func on @context's own thread, later, from a worker or the
 * listening thread.  Not g_main_context_invoke(): a thread without a
 * thread-default context of its own runs the function itself whenever it
 * can acquire the global default context — free between two iterations of
 * the window's loop — so the session's properties would change, and its
 * last reference could be dropped, on the wrong thread. */
static void
run_on_context (GMainContext   *context,
                GSourceFunc     func,
                gpointer        data,
                GDestroyNotify  notify)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, data, notify);
  g_source_set_static_name (source, "[minutka] team session");
  g_source_attach (source, context);
}

typedef struct {
  GWeakRef session;
  double   progress;
} ProgressCall;

typedef struct {
  MkTeamSession *session;   /* strong: the task holds the session */
  ListenData    *listen;    /* the listening thread's, when it listens */
  gint64         last_progress;
  MkTeamSyncResult result;
} SyncData;

static void
sync_data_free (gpointer p)
{
  SyncData *data = p;

  mk_team_sync_result_clear (&data->result);
  g_clear_object (&data->session);
  g_clear_pointer (&data->listen, listen_data_unref);
  g_free (data);
}

static gboolean
progress_in_main (gpointer p)
{
  ProgressCall *call = p;
  g_autoptr(MkTeamSession) self = g_weak_ref_get (&call->session);

  if (self != NULL && self->state == MK_TEAM_SESSION_SYNCING)
    set_progress (self, call->progress);
  return G_SOURCE_REMOVE;
}

static void
progress_call_free (gpointer p)
{
  ProgressCall *call = p;

  g_weak_ref_clear (&call->session);
  g_free (call);
}

static void
progress_cb (guint64  done,
             guint64  total,
             gboolean receiving,
             gpointer user_data)
{
  SyncData *data = user_data;
  gint64 now = g_get_monotonic_time ();
  ProgressCall *call;
  double part;

  if (now - data->last_progress < PROGRESS_INTERVAL_US)
    return;
  data->last_progress = now;
  /* Sending is the first half, receiving the second; the number received
   * is not known before the end. */
  part = total > 0 ? MIN (1.0, (double) done / (double) total) : 0.5;
  call = g_new0 (ProgressCall, 1);
  g_weak_ref_init (&call->session, data->session);
  call->progress = receiving ? 0.5 + part / 2 : part / 2;
  run_on_context (data->session->context, progress_in_main, call, progress_call_free);
}

static void
sync_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  MkTeamSession *self = source;
  SyncData *data = task_data;
  g_autoptr(MkStore) store = NULL;
  g_autoptr(GError) error = NULL;
  char *password;
  gboolean ok;

  g_mutex_lock (&self->sync_lock);
  store = mk_store_open_full (self->db_path, MK_STORE_OPEN_EXISTING, &error);
  if (store == NULL)
    {
      g_mutex_unlock (&self->sync_lock);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  password = copy_password (self);
  if (data->listen != NULL)
    ok = mk_team_sync_full (store, password, borrow_connection, give_back_connection,
                            data->listen, &data->result, progress_cb, data, cancellable, &error);
  else
    ok = mk_team_sync (store, password, &data->result, progress_cb, data, cancellable, &error);
  wipe (&password);
  g_clear_object (&store);
  g_mutex_unlock (&self->sync_lock);
  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * mk_team_session_sync_async:
 * @self: a session
 * @cancellable: (nullable): stops the sync at the next few thousand
 *   entries; what the server and the local database committed stays
 * @callback: called on the main context when the sync is over
 * @user_data: for @callback
 *
 * Sends and receives in a worker thread (see the top); "state" is
 * %MK_TEAM_SESSION_SYNCING and "progress" moves from 0 to 1 meanwhile.
 */
void
mk_team_session_sync_async (MkTeamSession       *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SyncData *data;

  g_return_if_fail (MK_IS_TEAM_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mk_team_session_sync_async);
  g_task_set_check_cancellable (task, FALSE);
  data = g_new0 (SyncData, 1);
  data->session = g_object_ref (self);
  if (self->listen_data != NULL)
    data->listen = g_atomic_rc_box_acquire (self->listen_data);
  g_task_set_task_data (task, data, sync_data_free);
  if (self->running++ == 0)
    {
      set_progress (self, 0.0);
      set_state (self, MK_TEAM_SESSION_SYNCING, NULL);
    }
  g_task_run_in_thread (task, sync_thread);
}

/**
 * mk_team_session_sync_finish:
 * @self: a session
 * @result: the result given to the callback
 * @sync_result: (out caller-allocates) (optional): what the sync did; clear
 *   it with mk_team_sync_result_clear()
 * @error: return location for a #GError (MK_TEAM_ERROR, MK_STORE_ERROR)
 *
 * Ends a sync: "state" becomes idle, offline (the server could not be
 * reached) or failed (with "message"), and the window's store is told what
 * came.
 *
 * Returns: %TRUE when the sync was done.
 */
gboolean
mk_team_session_sync_finish (MkTeamSession     *self,
                             GAsyncResult      *result,
                             MkTeamSyncResult  *sync_result,
                             GError           **error)
{
  g_autoptr(GError) local = NULL;
  SyncData *data;
  gboolean ok;

  g_return_val_if_fail (MK_IS_TEAM_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  data = g_task_get_task_data (G_TASK (result));
  ok = g_task_propagate_boolean (G_TASK (result), &local);
  g_assert (self->running > 0);
  if (--self->running == 0)
    {
      if (ok)
        {
          set_progress (self, 1.0);
          set_state (self, MK_TEAM_SESSION_IDLE, NULL);
        }
      else if (g_error_matches (local, MK_TEAM_ERROR, MK_TEAM_ERROR_CONNECT))
        set_state (self, MK_TEAM_SESSION_OFFLINE, local->message);
      else
        set_state (self, MK_TEAM_SESSION_FAILED, local->message);
    }
  if (self->store != NULL)
    mk_store_check_external (self->store);
  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (sync_result != NULL)
    {
      *sync_result = data->result;
      memset (&data->result, 0, sizeof data->result);
    }
  return TRUE;
}

/* Listening */

typedef struct {
  GWeakRef  session;
  gboolean  listening;
  gboolean  changed;
} ListenCall;

static void
listen_call_free (gpointer p)
{
  ListenCall *call = p;

  g_weak_ref_clear (&call->session);
  g_free (call);
}

static gboolean
listen_in_main (gpointer p)
{
  ListenCall *call = p;
  g_autoptr(MkTeamSession) self = g_weak_ref_get (&call->session);

  if (self == NULL || self->listener == NULL)
    return G_SOURCE_REMOVE;
  if (self->listening != call->listening)
    {
      self->listening = call->listening;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LISTENING]);
    }
  if (call->changed)
    g_signal_emit (self, signals[SERVER_CHANGED], 0);
  return G_SOURCE_REMOVE;
}

/* Drops a reference on the main context, so that the session is never
 * disposed of on the listening thread. */
static gboolean
unref_in_main (gpointer object)
{
  g_object_unref (object);
  return G_SOURCE_REMOVE;
}

static void
tell_main (ListenData *data,
           gboolean    listening,
           gboolean    changed)
{
  ListenCall *call = g_new0 (ListenCall, 1);

  /* A weak reference copied; the strong one taken to copy it is dropped on
   * the main context. */
  g_weak_ref_init (&call->session, NULL);
  {
    GObject *session = g_weak_ref_get (&data->session);

    g_weak_ref_set (&call->session, session);
    if (session != NULL)
      run_on_context (data->context, unref_in_main, session, NULL);
  }
  call->listening = listening;
  call->changed = changed;
  run_on_context (data->context, listen_in_main, call, listen_call_free);
}

/* Waits until @fd can be read, @timeout_ms pass (< 0: no limit), a sync
 * asks for the connection or the listener is stopped; FALSE when
 * stopped. */
static gboolean
wait_readable (ListenData *data,
               int         fd,
               int         timeout_ms)
{
  GPollFD stop;
  struct pollfd fds[3];
  int n = 0;
  char bytes[16];

  g_cancellable_make_pollfd (data->cancellable, &stop);
  fds[n].fd = stop.fd;
  fds[n++].events = POLLIN;
  if (data->wake[0] >= 0)
    {
      fds[n].fd = data->wake[0];
      fds[n++].events = POLLIN;
    }
  if (fd >= 0)
    {
      fds[n].fd = fd;
      fds[n++].events = POLLIN;
    }
  while (poll (fds, (nfds_t) n, timeout_ms) < 0)
    ;
  g_cancellable_release_fd (data->cancellable);
  /* A sync's call for the connection: lend_if_wanted() answers it. */
  while (data->wake[0] >= 0 && read (data->wake[0], bytes, sizeof bytes) > 0)
    ;
  return !g_cancellable_is_cancelled (data->cancellable);
}

/* Sets whether the thread's connection (to @conninfo) can be lent. */
static void
set_ready (ListenData *data,
           gboolean    ready,
           const char *conninfo)
{
  g_mutex_lock (&data->lock);
  data->ready = ready;
  if (conninfo != NULL)
    {
      g_free (data->conninfo);
      data->conninfo = g_strdup (conninfo);
    }
  g_cond_broadcast (&data->cond);
  g_mutex_unlock (&data->lock);
}

/* Hands @conn to the sync that asked for it, if one did, and waits for it
 * back.  Returns the connection to listen on again, or NULL when the sync
 * lost it, the listener was stopped meanwhile (the sync then closes it) or
 * a new password came (it is closed here). */
static PGconn *
lend_if_wanted (ListenData *data,
                PGconn     *conn)
{
  PGconn *back;

  g_mutex_lock (&data->lock);
  if (data->renew)
    {
      /* Cleared when the thread logs in again. */
      g_mutex_unlock (&data->lock);
      PQfinish (conn);
      return NULL;
    }
  if (!data->wanted)
    {
      g_mutex_unlock (&data->lock);
      return conn;
    }
  data->handed = conn;
  data->wanted = FALSE;
  data->lent = TRUE;
  data->ready = FALSE;
  g_cond_broadcast (&data->cond);
  while (data->lent && !g_cancellable_is_cancelled (data->cancellable))
    g_cond_wait (&data->cond, &data->lock);
  if (data->lent)
    {
      data->stopped = TRUE;
      g_mutex_unlock (&data->lock);
      return NULL;
    }
  back = g_steal_pointer (&data->returned);
  data->ready = back != NULL && !data->renew;
  g_mutex_unlock (&data->lock);
  return back;
}

static gpointer
listen_thread (gpointer p)
{
  ListenData *data = p;
  int backoff_ms = 2000;

  while (!g_cancellable_is_cancelled (data->cancellable))
    {
      g_autoptr(MkStore) store = NULL;
      g_autoptr(MkTeamLink) link = NULL;
      g_autoptr(PGconn) conn = NULL;
      g_autoptr(PGresult) result = NULL;
      gint64 connected_at;
      gboolean renewing;

      store = mk_store_open_full (data->db_path, MK_STORE_OPEN_EXISTING, NULL);
      link = store != NULL ? mk_team_link_read (store, NULL) : NULL;
      g_clear_object (&store);
      if (link != NULL)
        {
          char *password;

          g_mutex_lock (&data->lock);
          password = g_strdup (data->password);
          data->renew = FALSE;
          g_mutex_unlock (&data->lock);
          conn = mk_team_connect (link->conninfo, password, NULL);
          wipe (&password);
        }
      if (conn != NULL)
        result = PQexec (conn, "LISTEN " MK_TEAM_CHANNEL);
      if (result == NULL || PQresultStatus (result) != PGRES_COMMAND_OK)
        {
          tell_main (data, FALSE, FALSE);
          if (!wait_readable (data, -1, backoff_ms))
            break;
          backoff_ms = MIN (backoff_ms * 2, 60000);
          continue;
        }
      set_ready (data, TRUE, link->conninfo);
      tell_main (data, TRUE, FALSE);
      connected_at = g_get_monotonic_time ();

      for (;;)
        {
          PGnotify *notify;
          gboolean changed = FALSE;

          if (!wait_readable (data, PQsocket (conn), -1))
            goto out;
          conn = lend_if_wanted (data, g_steal_pointer (&conn));
          if (conn == NULL)
            {
              if (g_cancellable_is_cancelled (data->cancellable))
                goto out;
              break;
            }
          if (!PQconsumeInput (conn))
            break;
          while ((notify = PQnotifies (conn)) != NULL)
            {
              if (g_strcmp0 (notify->extra, link->desktop_uuid) != 0)
                changed = TRUE;
              PQfreemem (notify);
            }
          if (changed)
            tell_main (data, TRUE, TRUE);
        }
      /* The connection is gone: say so, and connect again — at once after
       * one that lasted, or for a new password; after one that did not (a
       * server or proxy that drops it, a sync that kills it), waiting
       * longer each time, as when connecting fails: each lost connection
       * costs the window two syncs (mk-team-controller.c). */
      set_ready (data, FALSE, NULL);
      tell_main (data, FALSE, FALSE);
      g_mutex_lock (&data->lock);
      renewing = data->renew;
      g_mutex_unlock (&data->lock);
      if (renewing || g_get_monotonic_time () - connected_at >= 30 * G_USEC_PER_SEC)
        backoff_ms = 2000;
      else
        {
          if (!wait_readable (data, -1, backoff_ms))
            break;
          backoff_ms = MIN (backoff_ms * 2, 60000);
        }
    }
out:
  g_mutex_lock (&data->lock);
  data->stopped = TRUE;
  data->ready = FALSE;
  g_cond_broadcast (&data->cond);
  g_mutex_unlock (&data->lock);
  listen_data_unref (data);
  return NULL;
}

/**
 * mk_team_session_listen:
 * @self: a session of a database in a team
 *
 * Starts listening for the changes other desktops make (see the top);
 * "server-changed" is emitted on the main context for each.  Does nothing
 * when already listening.
 */
void
mk_team_session_listen (MkTeamSession *self)
{
  ListenData *data;

  g_return_if_fail (MK_IS_TEAM_SESSION (self));

  if (self->listener != NULL)
    return;
  self->listen_cancellable = g_cancellable_new ();
  data = g_atomic_rc_box_new0 (ListenData);
  g_weak_ref_init (&data->session, self);
  data->db_path = g_strdup (self->db_path);
  data->context = g_main_context_ref (self->context);
  data->cancellable = g_object_ref (self->listen_cancellable);
  g_mutex_init (&data->lock);
  g_cond_init (&data->cond);
  data->password = copy_password (self);
  /* Without the pipe (no descriptors left) syncs connect themselves. */
  if (!g_unix_open_pipe (data->wake, FD_CLOEXEC, NULL))
    data->wake[0] = data->wake[1] = -1;
  else if (!g_unix_set_fd_nonblocking (data->wake[0], TRUE, NULL) ||
           !g_unix_set_fd_nonblocking (data->wake[1], TRUE, NULL))
    {
      close (data->wake[0]);
      close (data->wake[1]);
      data->wake[0] = data->wake[1] = -1;
    }
  self->listen_data = g_atomic_rc_box_acquire (data);
  self->listener = g_thread_new ("mk-team-listen", listen_thread, data);
}

/**
 * mk_team_session_stop_listening:
 * @self: a session
 *
 * Stops the listening thread and waits for it.
 */
void
mk_team_session_stop_listening (MkTeamSession *self)
{
  g_return_if_fail (MK_IS_TEAM_SESSION (self));

  if (self->listener == NULL)
    return;
  g_cancellable_cancel (self->listen_cancellable);
  /* A thread waiting for its lent connection wakes up too. */
  g_mutex_lock (&self->listen_data->lock);
  g_cond_broadcast (&self->listen_data->cond);
  g_mutex_unlock (&self->listen_data->lock);
  g_thread_join (g_steal_pointer (&self->listener));
  g_clear_object (&self->listen_cancellable);
  g_clear_pointer (&self->listen_data, listen_data_unref);
  if (self->listening)
    {
      self->listening = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LISTENING]);
    }
}

/* The object */

static void
mk_team_session_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MkTeamSession *self = MK_TEAM_SESSION (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_LISTENING:
      g_value_set_boolean (value, self->listening);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mk_team_session_dispose (GObject *object)
{
  MkTeamSession *self = MK_TEAM_SESSION (object);

  mk_team_session_stop_listening (self);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (mk_team_session_parent_class)->dispose (object);
}

static void
mk_team_session_finalize (GObject *object)
{
  MkTeamSession *self = MK_TEAM_SESSION (object);

  wipe (&self->password);
  g_mutex_clear (&self->lock);
  g_mutex_clear (&self->sync_lock);
  g_free (self->db_path);
  g_free (self->message);
  g_main_context_unref (self->context);
  G_OBJECT_CLASS (mk_team_session_parent_class)->finalize (object);
}

static void
mk_team_session_class_init (MkTeamSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = mk_team_session_get_property;
  object_class->dispose = mk_team_session_dispose;
  object_class->finalize = mk_team_session_finalize;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, MK_TYPE_TEAM_SESSION_STATE, MK_TEAM_SESSION_IDLE,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LISTENING] =
    g_param_spec_boolean ("listening", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * MkTeamSession::server-changed:
   *
   * Another desktop (or somebody with psql) changed the team's data: a
   * sync would receive something.
   */
  signals[SERVER_CHANGED] = g_signal_new ("server-changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);
}

static void
mk_team_session_init (MkTeamSession *self)
{
  g_mutex_init (&self->lock);
  g_mutex_init (&self->sync_lock);
  self->context = g_main_context_ref_thread_default ();
}

/**
 * mk_team_session_new:
 * @store: the window's store, of a database in a team
 *
 * Returns: (transfer full): a session; its signals and property changes
 *   come on the thread-default main context of the caller.
 */
MkTeamSession *
mk_team_session_new (MkStore *store)
{
  MkTeamSession *self;

  g_return_val_if_fail (MK_IS_STORE (store), NULL);

  self = g_object_new (MK_TYPE_TEAM_SESSION, NULL);
  self->store = g_object_ref (store);
  self->db_path = g_strdup (mk_store_get_path (store));
  return self;
}

const char *
mk_team_session_get_db_path (MkTeamSession *self)
{
  g_return_val_if_fail (MK_IS_TEAM_SESSION (self), NULL);
  return self->db_path;
}

/**
 * mk_team_session_set_password:
 * @self: a session
 * @password: (nullable): the login's password, or %NULL to let libpq find
 *   it (~/.pgpass, PGPASSFILE)
 *
 * Keeps @password in memory for the next connections (never on disk).
 */
void
mk_team_session_set_password (MkTeamSession *self,
                              const char    *password)
{
  g_return_if_fail (MK_IS_TEAM_SESSION (self));

  g_mutex_lock (&self->lock);
  wipe (&self->password);
  self->password = g_strdup (password);
  g_mutex_unlock (&self->lock);
  if (self->listen_data != NULL)
    {
      ListenData *data = self->listen_data;

      /* The connection logged in with the old one is lent no more: the
       * next sync and the listener log in with this one (the same one
       * again, as the keyring's answer at start-up often is, changes
       * nothing). */
      g_mutex_lock (&data->lock);
      if (g_strcmp0 (data->password, password) != 0)
        {
          wipe (&data->password);
          data->password = g_strdup (password);
          data->ready = FALSE;
          data->renew = TRUE;
          if (data->wake[1] >= 0 && write (data->wake[1], "", 1) < 0)
            g_debug ("the listening thread will log in again after its next notification");
        }
      g_mutex_unlock (&data->lock);
    }
}

MkTeamSessionState
mk_team_session_get_state (MkTeamSession *self)
{
  g_return_val_if_fail (MK_IS_TEAM_SESSION (self), MK_TEAM_SESSION_IDLE);
  return self->state;
}

double
mk_team_session_get_progress (MkTeamSession *self)
{
  g_return_val_if_fail (MK_IS_TEAM_SESSION (self), 0.0);
  return self->progress;
}

/**
 * mk_team_session_get_message:
 * @self: a session
 *
 * Returns: (nullable): why the last sync failed (the server's words), or
 *   %NULL.
 */
const char *
mk_team_session_get_message (MkTeamSession *self)
{
  g_return_val_if_fail (MK_IS_TEAM_SESSION (self), NULL);
  return self->message;
}

gboolean
mk_team_session_get_listening (MkTeamSession *self)
{
  g_return_val_if_fail (MK_IS_TEAM_SESSION (self), FALSE);
  return self->listening;
}
