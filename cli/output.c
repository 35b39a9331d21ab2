/* output.c - where every `cpd` command writes: stdout, or the file of
 * -o OUT, written atomically.
 *
 * A regular OUT (or one that does not exist yet) is written to a temporary
 * file in the same directory, flushed to disk (fsync) and renamed over OUT
 * only when everything was written; on any failure the temporary file is
 * removed and OUT is exactly as it was.  A symbolic link is followed: its
 * target is replaced and the link stays; but not a link in a sticky
 * world-writable directory (/tmp) that belongs to neither the caller nor
 * the directory's owner: another user may have planted it to make us
 * replace a file of ours (the kernel's protected_symlinks rule, which
 * never applies here because the link is read with readlink() and the
 * rename goes into the target's directory).  Such an OUT is refused.  An OUT
 * that is not a regular file (a device such as /dev/full, a FIFO, /dev/stdout
 * or /proc/self/fd/N) is written in place and never unlinked, renamed over or
 * truncated by a rename.  Every failure says which file and why, in English or
 * Japanese, and gives EXIT_IO. */
#define _XOPEN_SOURCE 700 /* S_ISVTX, with POSIX.1-2008 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

void cli_out_error(const cli_out *o, int err) {
  if (o->is_stdout)
    cli_message(stderr,
                o->ja ? "cpd %s: 出力を書き込めません: %s\n"
                      : "cpd %s: cannot write the output: %s\n",
                o->cmd, strerror(err));
  else
    cli_message(stderr,
                o->ja ? "cpd %s: %s に書き込めません: %s\n"
                      : "cpd %s: cannot write %s: %s\n",
                o->cmd, o->shown, strerror(err));
}

/* Lets go of the names of the temporary file and of OUT. */
static void forget(cli_out *o) {
  free(o->tmp);
  o->tmp = NULL;
  free(o->target);
  o->target = NULL;
}

#ifndef _WIN32 /* Windows: the same calls in win32.c */
/* Links followed before giving up (the kernel's own limit is 40). */
#define MAX_LINKS 40

/* Names of a descriptor (/dev/stdout, /proc/self/fd/1): what they lead
 * to is a terminal, a pipe or a file someone else opened, so they are
 * written in place and not followed. */
static int is_special_path(const char *p) {
  return strncmp(p, "/proc/", 6) == 0 || strncmp(p, "/dev/fd/", 8) == 0 ||
         strcmp(p, "/dev/stdout") == 0 || strcmp(p, "/dev/stderr") == 0 ||
         strcmp(p, "/dev/stdin") == 0;
}

/* 1 when the symbolic link at path (lstat()ed as *lst) is one the kernel
 * would not follow under protected_symlinks: in a sticky world-writable
 * directory, owned by neither the caller nor that directory's owner.
 * (POSIX: a Windows build has no such links to follow.) */
static int foreign_link(const char *path, const struct stat *lst) {
  const char *slash = strrchr(path, '/');
  struct stat dst;
  char *dir;
  int sticky_shared;
  if (lst->st_uid == geteuid())
    return 0;
  dir = slash ? strndup(path, slash == path ? 1 : (size_t)(slash - path))
              : strdup(".");
  if (!dir)
    return 1; /* cannot tell: not followed */
  if (stat(dir, &dst) != 0) {
    free(dir);
    return 1;
  }
  free(dir);
  sticky_shared = (dst.st_mode & S_ISVTX) && (dst.st_mode & S_IWOTH);
  return sticky_shared && lst->st_uid != dst.st_uid;
}

/* The file a path names after its symbolic links, as a new malloc()ed
 * path (which may not exist yet: the target of a dangling link).  NULL with
 * errno set on failure (ELOOP for too many links); *foreign is set when a
 * link was not followed (foreign_link). */
static char *resolve(const char *path, int *special, int *foreign) {
  char *cur = strdup(path);
  int links;
  *special = 0;
  *foreign = 0;
  if (!cur)
    return NULL;
  for (links = 0;; links++) {
    struct stat st;
    char target[PATH_MAX], *next;
    ssize_t n;
    if (is_special_path(cur))
      *special = 1;
    if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode))
      return cur; /* not a link (or not there: it will be made) */
    if (!*special && foreign_link(cur, &st)) {
      *foreign = 1;
      free(cur);
      errno = EACCES;
      return NULL;
    }
    if (*special || links == MAX_LINKS) {
      if (!*special)
        errno = ELOOP;
      if (*special)
        return cur;
      free(cur);
      return NULL;
    }
    n = readlink(cur, target, sizeof target - 1);
    if (n < 0) {
      free(cur);
      return NULL;
    }
    target[n] = '\0';
    if (target[0] == '/') {
      next = strdup(target);
    } else { /* relative to the link's own directory */
      const char *slash = strrchr(cur, '/');
      size_t dir = slash ? (size_t)(slash - cur) + 1 : 0;
      next = malloc(dir + (size_t)n + 1);
      if (next) {
        memcpy(next, cur, dir);
        memcpy(next + dir, target, (size_t)n + 1);
      }
    }
    free(cur);
    if (!next)
      return NULL;
    cur = next;
  }
}

int cli_out_open_file(cli_out *o, const char *path) {
  struct stat st;
  int special, foreign, fd, exists;
  o->target = resolve(path, &special, &foreign);
  if (!o->target && foreign) {
    cli_message(
        stderr,
        o->ja ? "cpd %s: %s は誰でも書き込めるスティッキーなディレクトリに"
                "ある、ほかのユーザーのシンボリックリンクなので、たどって"
                "書き込みません\n"
              : "cpd %s: will not write %s: it is another user's "
                "symbolic link in a sticky world-writable directory "
                "(not followed)\n",
        o->cmd, path);
    return EXIT_IO;
  }
  if (!o->target) {
    cli_out_error(o, errno);
    return EXIT_IO;
  }
  exists = stat(o->target, &st) == 0;
  if (special || (exists && !S_ISREG(st.st_mode))) {
    /* a device, FIFO, socket or descriptor: in place, never unlinked */
    o->direct = 1;
    o->f = fopen(path, "wb");
    if (!o->f) {
      cli_out_error(o, errno);
      free(o->target);
      o->target = NULL;
      return EXIT_IO;
    }
    return 0;
  }
  {
    const char *slash = strrchr(o->target, '/');
    size_t dir = slash ? (size_t)(slash - o->target) + 1 : 0;
    const char *base = o->target + dir;
    o->tmp = malloc(dir + strlen(base) + 16);
    if (!o->tmp) {
      free(o->target);
      o->target = NULL;
      fputs("cpd: out of memory\n", stderr);
      return EXIT_NOMEM;
    }
    /* ".OUT.XXXXXX" beside OUT: the same file system, so rename() is
     * atomic; hidden, so nothing picks up a half-written file */
    memcpy(o->tmp, o->target, dir);
    sprintf(o->tmp + dir, ".%s.XXXXXX", base);
  }
  fd = mkstemp(o->tmp);
  if (fd < 0) {
    int e = errno;
    forget(o);
    cli_out_error(o, e);
    return EXIT_IO;
  }
  /* the new OUT keeps the old one's permissions (and owner, when we may
   * give it); a new file gets 0666 less the umask, as fopen() would */
  if (exists) {
    if (fchown(fd, st.st_uid, st.st_gid) != 0) {
      /* not permitted: the file is ours, as with any new file */
    }
    if (fchmod(fd, st.st_mode & 07777) != 0) {
      /* keep mkstemp's 0600 rather than fail the write */
    }
  } else {
    mode_t mask = umask(0);
    umask(mask);
    if (fchmod(fd, 0666 & ~mask) != 0) {
      /* as above */
    }
  }
  o->f = fdopen(fd, "wb");
  if (!o->f) {
    int e = errno;
    close(fd);
    unlink(o->tmp);
    forget(o);
    cli_out_error(o, e);
    return EXIT_IO;
  }
  return 0;
}

int cli_out_sync_temp(FILE *f) { return fsync(fileno(f)) != 0 ? errno : 0; }

int cli_out_commit_temp(const cli_out *o) {
  const char *slash = strrchr(o->target, '/');
  char *dir;
  int dfd;
  if (rename(o->tmp, o->target) != 0)
    return errno;
  /* the rename itself on disk */
  dir =
      slash ? strndup(o->target, (size_t)(slash - o->target) + 1) : strdup(".");
  dfd = dir ? open(dir, O_RDONLY) : -1;
  if (dfd >= 0) {
    if (fsync(dfd) != 0) {
      /* some file systems cannot sync a directory; the data is safe */
    }
    close(dfd);
  }
  free(dir);
  return 0;
}

void cli_out_remove_temp(const cli_out *o) {
  unlink(o->tmp); /* ours: OUT itself was never touched */
}

#endif /* _WIN32 */

/* The same on both platforms: what differs is in cli_out_open_file,
 * cli_out_sync_temp, cli_out_commit_temp and cli_out_remove_temp. */
int cli_out_open(cli_out *o, const char *cmd, const char *path, int ja) {
  memset(o, 0, sizeof *o);
  o->cmd = cmd;
  o->ja = ja;
  if (!path || strcmp(path, "-") == 0) {
    o->is_stdout = 1;
    o->f = stdout;
    return 0;
  }
  o->shown = path;
  return cli_out_open_file(o, path);
}

int cli_out_close(cli_out *o) {
  int e = 0;
  if (!o->f)
    return EXIT_IO;
  if (fflush(o->f) != 0 || ferror(o->f))
    e = errno ? errno : EIO;
  if (o->is_stdout) {
    o->f = NULL;
    if (e) {
      cli_out_error(o, e);
      return EXIT_IO;
    }
    return 0;
  }
  /* on disk before it takes OUT's place */
  if (!e && o->tmp)
    e = cli_out_sync_temp(o->f);
  if (fclose(o->f) != 0 && !e)
    e = errno ? errno : EIO;
  o->f = NULL;
  if (!e && o->tmp)
    e = cli_out_commit_temp(o);
  if (o->tmp && e)
    cli_out_remove_temp(o);
  forget(o);
  if (e) {
    cli_out_error(o, e);
    return EXIT_IO;
  }
  return 0;
}

void cli_out_abort(cli_out *o) {
  if (o->f && !o->is_stdout)
    fclose(o->f);
  else if (o->f)
    fflush(o->f);
  o->f = NULL;
  if (o->tmp)
    cli_out_remove_temp(o);
  forget(o);
}

int cli_write_output(const char *cmd, const char *path, const void *data,
                     size_t len, int ja) {
  cli_out o;
  int rc = cli_out_open(&o, cmd, path, ja);
  if (rc)
    return rc;
  if (len && fwrite(data, 1, len, o.f) != len) {
    /* cli_out_close sees the stream's error and says so */
  }
  return cli_out_close(&o);
}

int cli_stdout_done(const char *cmd, int ja, int rc) {
  cli_out o;
  if (cli_out_open(&o, cmd, NULL, ja) != 0)
    return EXIT_IO;
  return cli_out_close(&o) ? EXIT_IO : rc;
}
