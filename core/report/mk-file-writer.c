/* SPDX-License-Identifier: GPL-3.0-or-later */
/* mk-file-writer.c — writing a report or an export safely.
 *
 * Design notes.
 *
 * The target.  The path is followed through symbolic links to the file it
 * names (a link is written through, never replaced by a copy; a dangling
 * link creates the file it names, as the shell's ">" would; a loop is
 * refused).  What is there must be a regular file with one name, writable
 * by us, or nothing: a folder, a device, a FIFO or a socket is refused
 * before it is opened (opening a FIFO would wait for a reader forever), and
 * so is a file with other hard links, which a replacement would silently
 * split from this one.  A path that names our own standard output
 * (/dev/stdout, /proc/self/fd/1) is written as standard output, like "-".
 * An SQLite database is never replaced: "--export minutka.db" would turn the
 * user's data into a CSV of it.
 *
 * The temporary.  Data goes to a file in the target's folder (so the
 * rename cannot cross file systems), mode 0600 like the database because a
 * report or an export holds the same personal data.  Where the file system
 * can, it is an unnamed O_TMPFILE: a kill at any moment leaves nothing, and
 * it is given a name only after it is complete and synced, just before the
 * rename.  Elsewhere it is named ".NAME.minutka-tmp-XXXXXX" from the start.
 * Either way the writer holds an flock on it while it lives, and a named
 * temporary is created with mode 0000 and made 0600 only once locked.
 *
 * Commit: fsync the file, give it a name if it has none, rename it over the
 * target, fsync the folder.  Any failure removes the temporary.  Stale
 * temporaries (their writer was killed between naming and renaming, or,
 * without O_TMPFILE, while writing) are removed the next time Minutka
 * writes into that folder: ours by name and owner, unlocked (so their
 * writer is gone) and not 0000 (so not being created right now).
 */
#define G_LOG_DOMAIN "mk-file-writer"
/* O_TMPFILE is a Linux extension. */
#define _GNU_SOURCE

#include "config.h"

#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mk-file-writer.h"

#define TEMP_INFIX    ".minutka-tmp-"
#define TEMP_RANDOM   6
#define MAX_SYMLINKS  40

/* Tests set this to exercise the named temporaries of file systems
 * without O_TMPFILE. */
static gboolean named_temporaries_only;

struct _MkFileWriter
{
  char     *path;        /* as the user gave it, for messages */
  char     *target;      /* the file to replace, links followed */
  int       dir_fd;      /* the target's folder */
  int       fd;          /* the temporary, or 1 for standard output */
  char     *temp_name;   /* the temporary's name in the folder; NULL while unnamed */
  gboolean  to_stdout;
  gboolean  committed;
};

/* A G_FILE_ERROR from errno, its message made of @format with the path
 * and the system's reason. */
#define set_errno_error(error, saved_errno, format, path) \
  g_set_error ((error), G_FILE_ERROR, g_file_error_from_errno (saved_errno), (format), (path), \
               g_strerror (saved_errno))

static gboolean
is_temp_name (const char *name)
{
  const char *infix;
  gsize len = strlen (name);

  if (name[0] != '.' || len < 1 + strlen (TEMP_INFIX) + TEMP_RANDOM)
    return FALSE;
  infix = name + len - TEMP_RANDOM - strlen (TEMP_INFIX);
  if (strncmp (infix, TEMP_INFIX, strlen (TEMP_INFIX)) != 0)
    return FALSE;
  for (const char *p = infix + strlen (TEMP_INFIX); *p != '\0'; p++)
    if (!g_ascii_isalnum (*p))
      return FALSE;
  return TRUE;
}

static char *
make_temp_name (const char *target)
{
  static const char chars[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  g_autofree char *base = g_path_get_basename (target);
  char random[TEMP_RANDOM + 1];

  for (guint i = 0; i < TEMP_RANDOM; i++)
    random[i] = chars[g_random_int_range (0, sizeof chars - 1)];
  random[TEMP_RANDOM] = '\0';
  return g_strdup_printf (".%s" TEMP_INFIX "%s", base, random);
}

static guint
clean_stale_at (int dir_fd)
{
  int list_fd = dup (dir_fd);
  DIR *dir = list_fd >= 0 ? fdopendir (list_fd) : NULL;
  struct dirent *entry;
  guint removed = 0;

  if (dir == NULL)
    {
      if (list_fd >= 0)
        close (list_fd);
      return 0;
    }
  while ((entry = readdir (dir)) != NULL)
    {
      const char *name = entry->d_name;
      struct stat st;
      int fd;

      if (!is_temp_name (name))
        continue;
      fd = openat (dir_fd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
      if (fd < 0)
        continue;
      if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode) && st.st_uid == geteuid ()
          && (st.st_mode & 0777) != 0 && flock (fd, LOCK_EX | LOCK_NB) == 0)
        {
          if (unlinkat (dir_fd, name, 0) == 0)
            removed++;
        }
      close (fd);
    }
  closedir (dir);
  return removed;
}

/**
 * mk_file_writer_set_named_temporaries:
 * @named: whether to use named temporaries even where O_TMPFILE works
 *
 * For tests: makes every writer of the process use the named temporaries
 * of file systems without O_TMPFILE.
 */
void
mk_file_writer_set_named_temporaries (gboolean named)
{
  named_temporaries_only = named;
}

/**
 * mk_file_writer_clean_stale:
 * @folder: a folder
 *
 * Removes the temporaries that writers killed before their commit left in
 * @folder.  mk_file_writer_open() does this for the target's folder.
 *
 * Returns: how many were removed.
 */
guint
mk_file_writer_clean_stale (const char *folder)
{
  int dir_fd = open (folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  guint removed;

  if (dir_fd < 0)
    return 0;
  removed = clean_stale_at (dir_fd);
  close (dir_fd);
  return removed;
}

/* Follows @path through symbolic links.  Returns the file they name (which
 * may not exist yet) or NULL with @error for a loop. */
static char *
follow_links (const char  *path,
              GError     **error)
{
  g_autofree char *current = g_strdup (path);

  for (guint i = 0; i < MAX_SYMLINKS; i++)
    {
      g_autofree char *link = NULL;
      g_autofree char *dir = NULL;
      struct stat st;

      if (lstat (current, &st) != 0 || !S_ISLNK (st.st_mode))
        return g_steal_pointer (&current);
      link = g_file_read_link (current, NULL);
      if (link == NULL)
        return g_steal_pointer (&current);
      if (g_path_is_absolute (link))
        {
          g_free (current);
          current = g_steal_pointer (&link);
          continue;
        }
      dir = g_path_get_dirname (current);
      g_free (current);
      current = g_build_filename (dir, link, NULL);
    }
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_LOOP,
               _("“%s” is a symbolic link that leads round in a circle (or through too "
                 "many links); give the path of a real file."), path);
  return NULL;
}

/* Whether @st is the file behind our standard output. */
static gboolean
is_our_stdout (const struct stat *st)
{
  struct stat out;

  return fstat (STDOUT_FILENO, &out) == 0 && out.st_dev == st->st_dev
         && out.st_ino == st->st_ino;
}

/* Whether the regular file @path starts like an SQLite database. */
static gboolean
has_database_header (const char *path)
{
  static const char header[] = "SQLite format 3";
  char head[sizeof header];
  int fd = open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  gboolean database;

  if (fd < 0)
    return FALSE;
  database = read (fd, head, sizeof head) == sizeof head
             && memcmp (head, header, sizeof header) == 0;
  close (fd);
  return database;
}

/* Whether @path is an SQLite database or one of its companion files (the
 * write-ahead log, the shared-memory index, the rollback journal): a report
 * or an export written over one (--export minutka.db) would destroy it. */
static gboolean
is_database (const char *path)
{
  static const char *companions[] = { "-wal", "-shm", "-journal" };

  if (has_database_header (path))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (companions); i++)
    if (g_str_has_suffix (path, companions[i]))
      {
        g_autofree char *db = g_strndup (path, strlen (path) - strlen (companions[i]));

        if (has_database_header (db))
          return TRUE;
      }
  return FALSE;
}

/* Checks what @path names now, as the kernel resolves it (/dev/stdout and
 * other /proc links included), and sets the target to replace. */
static gboolean
check_target (MkFileWriter  *self,
              GError       **error)
{
  struct stat st;

  if (stat (self->path, &st) != 0)
    {
      int saved_errno = errno;

      if (saved_errno == ELOOP)
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_LOOP,
                       _("“%s” is a symbolic link that leads round in a circle (or through "
                         "too many links); give the path of a real file."), self->path);
          return FALSE;
        }
      if (saved_errno != ENOENT)
        {
          set_errno_error (error, saved_errno, _("“%s” cannot be used: %s."), self->path);
          return FALSE;
        }
      /* Nothing there yet (or a link to nothing yet): the file is created. */
      self->target = follow_links (self->path, error);
      return self->target != NULL;
    }
  if (is_our_stdout (&st))
    {
      self->to_stdout = TRUE;
      return TRUE;
    }
  if (S_ISDIR (st.st_mode))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR,
                   _("“%s” is a folder; give the name of a file in it."), self->path);
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      const char *what = S_ISFIFO (st.st_mode) ? _("a named pipe")
                         : S_ISSOCK (st.st_mode) ? _("a socket")
                         : _("a device");

      /* Translators: the second %s is "a named pipe", "a socket" or "a device". */
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   _("“%s” is %s, not a file, so Minutka does not write to it; give the "
                     "name of a file, or “-” for standard output."), self->path, what);
      return FALSE;
    }
  if (st.st_nlink > 1)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST,
                   _("“%s” has other names (hard links), which would keep the old "
                     "contents; write to a new file, or remove the other names first."),
                   self->path);
      return FALSE;
    }
  if (is_database (self->path))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST,
                   _("“%s” is a database or part of one, and Minutka does not write a report or "
                     "an export over it; choose another file name."), self->path);
      return FALSE;
    }
  if (access (self->path, W_OK) != 0)
    {
      set_errno_error (error, errno, _("“%s” cannot be replaced: %s. Make it writable "
                                       "or choose another file."), self->path);
      return FALSE;
    }
  self->target = follow_links (self->path, error);
  return self->target != NULL;
}

/* An unnamed temporary in the folder, or a named one where the file system
 * has no O_TMPFILE.  Locked and 0600 on return. */
static gboolean
create_temp (MkFileWriter  *self,
             GError       **error)
{
  int saved_errno;

#ifdef O_TMPFILE
  if (!named_temporaries_only && g_file_test ("/proc/self/fd", G_FILE_TEST_IS_DIR))
    {
      self->fd = openat (self->dir_fd, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
      if (self->fd >= 0)
        {
          flock (self->fd, LOCK_EX);
          fchmod (self->fd, 0600);
          return TRUE;
        }
      if (errno != EOPNOTSUPP && errno != EISDIR && errno != EINVAL && errno != ENOENT)
        goto failed;
    }
#endif

  for (guint attempt = 0; attempt < 100; attempt++)
    {
      g_autofree char *name = make_temp_name (self->target);

      self->fd = openat (self->dir_fd, name,
                         O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0000);
      if (self->fd >= 0)
        {
          self->temp_name = g_steal_pointer (&name);
          flock (self->fd, LOCK_EX);
          if (fchmod (self->fd, 0600) != 0)
            goto failed;
          return TRUE;
        }
      if (errno != EEXIST)
        break;
    }

failed:
  saved_errno = errno;
  {
    g_autofree char *dir = g_path_get_dirname (self->target);

    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                 _("“%s” cannot be written: Minutka cannot create a file in the folder "
                   "“%s” (%s)."), self->path, dir, g_strerror (saved_errno));
  }
  return FALSE;
}

/**
 * mk_file_writer_open:
 * @path: the file to write, or "-" for standard output
 * @error: return location for a #GError
 *
 * Checks the target and starts a temporary beside it; the target itself is
 * not touched until mk_file_writer_commit().
 *
 * Returns: (transfer full) (nullable): the writer, or %NULL with a
 *   G_FILE_ERROR whose message names @path and says what to do.
 */
MkFileWriter *
mk_file_writer_open (const char  *path,
                     GError     **error)
{
  g_autoptr(MkFileWriter) self = NULL;
  g_autofree char *dir = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_new0 (MkFileWriter, 1);
  self->path = g_strdup (path);
  self->fd = -1;
  self->dir_fd = -1;

  if (*path == '\0')
    {
      g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                           _("No file name was given; give one, or “-” for standard output."));
      return NULL;
    }
  /* What was printed before goes out before what is written here. */
  fflush (stdout);
  if (g_str_equal (path, "-"))
    {
      self->to_stdout = TRUE;
      self->fd = STDOUT_FILENO;
      return g_steal_pointer (&self);
    }

  if (!check_target (self, error))
    return NULL;
  if (self->to_stdout)
    {
      self->fd = STDOUT_FILENO;
      return g_steal_pointer (&self);
    }

  dir = g_path_get_dirname (self->target);
  self->dir_fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (self->dir_fd < 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT || saved_errno == ENOTDIR)
        g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                     _("“%s” cannot be written: the folder “%s” does not exist. Create it "
                       "or choose another place."), path, dir);
      else
        g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                     _("“%s” cannot be written: the folder “%s” cannot be opened (%s)."),
                     path, dir, g_strerror (saved_errno));
      return NULL;
    }
  clean_stale_at (self->dir_fd);
  if (!create_temp (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * mk_file_path_is_stdout:
 * @path: a path as given
 *
 * Returns: whether writing to @path writes to standard output: "-", or a
 *   path that names it (/dev/stdout).
 */
gboolean
mk_file_path_is_stdout (const char *path)
{
  struct stat st;

  g_return_val_if_fail (path != NULL, FALSE);

  return g_str_equal (path, "-") || (stat (path, &st) == 0 && is_our_stdout (&st));
}

/**
 * mk_file_writer_write:
 * @writer: a writer
 * @data: (array length=size): bytes
 * @size: how many
 * @error: return location for a #GError
 *
 * Returns: %TRUE when all of @data was written; %FALSE with a G_FILE_ERROR
 *   naming the file (a full disk, say).  The writer is then of no more use:
 *   free it, and the target is left as it was.
 */
gboolean
mk_file_writer_write (MkFileWriter  *writer,
                      const void    *data,
                      gsize          size,
                      GError       **error)
{
  const char *p = data;

  g_return_val_if_fail (writer != NULL && writer->fd >= 0, FALSE);
  g_return_val_if_fail (!writer->committed, FALSE);

  while (size > 0)
    {
      gssize n = write (writer->fd, p, size);

      if (n < 0 && errno == EINTR)
        continue;
      if (n == 0)
        errno = EIO;
      if (n <= 0)
        {
          if (writer->to_stdout)
            g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno),
                         _("Standard output could not be written: %s."), g_strerror (errno));
          else
            set_errno_error (error, errno, _("“%s” could not be written: %s. The file was "
                                             "left as it was."), writer->path);
          return FALSE;
        }
      p += n;
      size -= (gsize) n;
    }
  return TRUE;
}

static gboolean
name_temp (MkFileWriter  *self,
           GError       **error)
{
  g_autofree char *proc = g_strdup_printf ("/proc/self/fd/%d", self->fd);

  for (guint attempt = 0; attempt < 100; attempt++)
    {
      g_autofree char *name = make_temp_name (self->target);

      if (linkat (AT_FDCWD, proc, self->dir_fd, name, AT_SYMLINK_FOLLOW) == 0)
        {
          self->temp_name = g_steal_pointer (&name);
          return TRUE;
        }
      if (errno != EEXIST)
        break;
    }
  set_errno_error (error, errno, _("“%s” could not be saved: %s. The file was left as it "
                                   "was."), self->path);
  return FALSE;
}

/**
 * mk_file_writer_commit:
 * @writer: a writer
 * @error: return location for a #GError
 *
 * Syncs the temporary and renames it over the target.
 *
 * Returns: %TRUE when the target now holds exactly what was written;
 *   %FALSE with a G_FILE_ERROR naming the file, the target left as it was.
 */
gboolean
mk_file_writer_commit (MkFileWriter  *writer,
                       GError       **error)
{
  g_autofree char *base = NULL;

  g_return_val_if_fail (writer != NULL && writer->fd >= 0, FALSE);
  g_return_val_if_fail (!writer->committed, FALSE);

  if (writer->to_stdout)
    {
      writer->committed = TRUE;
      return TRUE;
    }
  if (fsync (writer->fd) != 0)
    {
      set_errno_error (error, errno, _("“%s” could not be saved: %s. The file was left as it "
                                       "was."), writer->path);
      return FALSE;
    }
  if (writer->temp_name == NULL && !name_temp (writer, error))
    return FALSE;
  base = g_path_get_basename (writer->target);
  if (renameat (writer->dir_fd, writer->temp_name, writer->dir_fd, base) != 0)
    {
      set_errno_error (error, errno, _("“%s” could not be saved: %s. The file was left as it "
                                       "was."), writer->path);
      return FALSE;
    }
  g_clear_pointer (&writer->temp_name, g_free);
  writer->committed = TRUE;
  /* The rename is durable once the folder is synced; the file is complete
   * either way, so a failure here is not reported. */
  fsync (writer->dir_fd);
  return TRUE;
}

/**
 * mk_file_writer_free:
 * @writer: (transfer full) (nullable): a writer
 *
 * Closes the writer.  Unless it was committed, its temporary is removed and
 * the target stays as it was.
 */
void
mk_file_writer_free (MkFileWriter *writer)
{
  if (writer == NULL)
    return;
  if (writer->temp_name != NULL && writer->dir_fd >= 0)
    unlinkat (writer->dir_fd, writer->temp_name, 0);
  if (writer->fd >= 0 && !writer->to_stdout)
    close (writer->fd);
  if (writer->dir_fd >= 0)
    close (writer->dir_fd);
  g_free (writer->temp_name);
  g_free (writer->target);
  g_free (writer->path);
  g_free (writer);
}

/**
 * mk_file_write_contents:
 * @path: the file to write, or "-" for standard output
 * @data: (array length=size): the whole contents
 * @size: its length
 * @error: return location for a #GError
 *
 * Writes @data as the whole of @path, safely (see mk_file_writer_open()).
 *
 * Returns: %TRUE on success; %FALSE with a G_FILE_ERROR naming the file.
 */
gboolean
mk_file_write_contents (const char  *path,
                        const void  *data,
                        gsize        size,
                        GError     **error)
{
  g_autoptr(MkFileWriter) writer = mk_file_writer_open (path, error);

  return writer != NULL && mk_file_writer_write (writer, data, size, error)
         && mk_file_writer_commit (writer, error);
}
