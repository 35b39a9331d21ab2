/* win32.c - the command line's files and console on Windows.
 *
 * Inside the program every text is UTF-8, as on Linux; here it meets the
 * wide (UTF-16) API: files are opened with _wfopen, so a name such as
 * 申請書_山田.json works whatever the system's ANSI code page.  -o OUT is
 * written to a temporary file beside OUT and put in OUT's place only when
 * everything was written (ReplaceFileW keeps the old file's attributes
 * and permissions, as output.c keeps the mode on Linux; MoveFileExW for a
 * new file); on any failure the temporary file, ours, is deleted and OUT
 * is as it was.  A device (NUL, CON, COM1) or a pipe is written in place.
 * Also the POSIX calls other files make: open_memstream, and those of
 * sys/ioctl.h and iconv.h (cli/win32/). */
#define WIN32_LEAN_AND_MEAN
#define _CRT_RAND_S /* rand_s */
#include <windows.h>

#include <direct.h> /* _wmkdir */
#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "iconv.h"
#include "sys/ioctl.h"

/* ------------------------------------------------------------ UTF-16 */

/* s (UTF-8) as a new malloc()ed UTF-16 string; NULL with errno EILSEQ
 * (not UTF-8) or ENOMEM. */
static wchar_t *wide(const char *s) {
  int n = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1, NULL, 0);
  wchar_t *w;
  if (n <= 0) {
    errno = EILSEQ;
    return NULL;
  }
  w = malloc((size_t)n * sizeof *w);
  if (!w) {
    errno = ENOMEM;
    return NULL;
  }
  MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1, w, n);
  return w;
}

/* A Windows error as the errno whose strerror() the messages show. */
static int errno_of(DWORD e) {
  switch (e) {
  case ERROR_FILE_NOT_FOUND:
  case ERROR_PATH_NOT_FOUND:
  case ERROR_INVALID_DRIVE:
  case ERROR_BAD_NETPATH:
  case ERROR_BAD_NET_NAME:
    return ENOENT;
  case ERROR_ACCESS_DENIED:
  case ERROR_SHARING_VIOLATION: /* e.g. open in Excel */
  case ERROR_LOCK_VIOLATION:
  case ERROR_WRITE_PROTECT:
  case ERROR_UNABLE_TO_REMOVE_REPLACED:
  case ERROR_UNABLE_TO_MOVE_REPLACEMENT:
    return EACCES;
  case ERROR_DISK_FULL:
  case ERROR_HANDLE_DISK_FULL:
    return ENOSPC;
  case ERROR_FILE_EXISTS:
  case ERROR_ALREADY_EXISTS:
    return EEXIST;
  case ERROR_NOT_ENOUGH_MEMORY:
  case ERROR_OUTOFMEMORY:
    return ENOMEM;
  case ERROR_INVALID_NAME:
  case ERROR_DIRECTORY:
    return EINVAL;
  default:
    return EIO;
  }
}

FILE *cli_win32_fopen(const char *path, const char *mode) {
  wchar_t *wp = wide(path), *wm = wide(mode);
  FILE *f = NULL;
  if (wp && wm)
    f = _wfopen(wp, wm); /* (sets errno) */
  free(wp);
  free(wm);
  return f;
}

int cli_win32_mkdir(const char *path, int mode) {
  wchar_t *wp = wide(path);
  int rc;
  (void)mode;
  if (!wp)
    return -1;
  rc = _wmkdir(wp); /* (sets errno) */
  free(wp);
  return rc;
}

/* ---------------------------------------------------- open_memstream */

#undef fclose /* the C runtime's, here */

typedef struct memstream {
  FILE *f;
  char **ptr;
  size_t *size;
  struct memstream *next;
} memstream;
static memstream *memstreams; /* those open */

FILE *cli_win32_open_memstream(char **ptr, size_t *size) {
  wchar_t dir[MAX_PATH + 1], name[MAX_PATH + 1];
  memstream *m = malloc(sizeof *m);
  HANDLE h;
  int fd;
  if (!m) {
    errno = ENOMEM;
    return NULL;
  }
  if (!GetTempPathW(MAX_PATH + 1, dir) ||
      !GetTempFileNameW(dir, L"cpd", 0, name)) {
    errno = errno_of(GetLastError());
    free(m);
    return NULL;
  }
  /* GetTempFileNameW made it, empty: ours to open, and to delete */
  h = CreateFileW(name, GENERIC_READ | GENERIC_WRITE, 0, NULL,
                  TRUNCATE_EXISTING,
                  FILE_ATTRIBUTE_TEMPORARY | FILE_FLAG_DELETE_ON_CLOSE, NULL);
  if (h == INVALID_HANDLE_VALUE) {
    errno = errno_of(GetLastError());
    DeleteFileW(name);
    free(m);
    return NULL;
  }
  fd = _open_osfhandle((intptr_t)h, _O_RDWR | _O_BINARY);
  m->f = fd >= 0 ? _fdopen(fd, "w+b") : NULL;
  if (!m->f) {
    if (fd >= 0)
      _close(fd);
    else
      CloseHandle(h);
    free(m);
    errno = ENOMEM;
    return NULL;
  }
  m->ptr = ptr;
  m->size = size;
  *ptr = NULL;
  *size = 0;
  m->next = memstreams;
  memstreams = m;
  return m->f;
}

int cli_win32_fclose(FILE *f) {
  memstream **p = &memstreams, *m;
  long long len;
  char *buf;
  int ok;
  while (*p && (*p)->f != f)
    p = &(*p)->next;
  if (!*p)
    return fclose(f);
  m = *p;
  *p = m->next;
  ok = fflush(f) == 0 && !ferror(f) && (len = _ftelli64(f)) >= 0 &&
       fseek(f, 0, SEEK_SET) == 0;
  buf = ok ? malloc((size_t)len + 1) : NULL;
  if (buf && fread(buf, 1, (size_t)len, f) == (size_t)len) {
    buf[len] = '\0';
    *m->ptr = buf;
    *m->size = (size_t)len;
  } else {
    free(buf);
    ok = 0;
  }
  fclose(f); /* (the file goes with it: FILE_FLAG_DELETE_ON_CLOSE) */
  free(m);
  if (!ok) {
    errno = ENOMEM;
    return EOF;
  }
  return 0;
}

/* ----------------------------------------------------------- console */

/* The console behind fds 1 and 2 when win32_main.c passes their text
 * through its pipe to WriteConsoleW (then fd 1 or 2 is that pipe). */
static HANDLE console;
static int console_fd[3];

void cli_win32_set_console(void *con, int out, int err) {
  console = con;
  console_fd[1] = out;
  console_fd[2] = err;
}

int cli_win32_isatty(int fd) {
  if (fd >= 1 && fd <= 2 && console_fd[fd])
    return 1;
  return _isatty(fd);
}

int cli_win32_columns(int fd) {
  CONSOLE_SCREEN_BUFFER_INFO info;
  HANDLE h = fd >= 1 && fd <= 2 && console_fd[fd] ? console
                                                  : (HANDLE)_get_osfhandle(fd);
  if (h == INVALID_HANDLE_VALUE || !GetConsoleScreenBufferInfo(h, &info))
    return 0;
  return info.srWindow.Right - info.srWindow.Left + 1;
}

int cli_win32_ioctl(int fd, unsigned long request, struct winsize *ws) {
  int cols = request == TIOCGWINSZ ? cli_win32_columns(fd) : 0;
  if (cols <= 0 || cols > 0xFFFF) {
    errno = ENOTTY;
    return -1;
  }
  memset(ws, 0, sizeof *ws);
  ws->ws_col = (unsigned short)cols;
  return 0;
}

/* ------------------------------------------------------ CP932 (iconv) */

struct cli_win32_iconv {
  int cp932_to_utf8;
};

iconv_t cli_win32_iconv_open(const char *to, const char *from) {
  iconv_t cd;
  if (_stricmp(to, "UTF-8") != 0 || _stricmp(from, "CP932") != 0) {
    errno = EINVAL;
    return (iconv_t)-1;
  }
  cd = malloc(sizeof *cd);
  if (!cd) {
    errno = ENOMEM;
    return (iconv_t)-1;
  }
  cd->cp932_to_utf8 = 1;
  return cd;
}

int cli_win32_iconv_close(iconv_t cd) {
  free(cd);
  return 0;
}

/* One character at a time, so that a bad byte is found where it is (a
 * whole-buffer MultiByteToWideChar only says that there is one).  Bytes
 * that Shift_JIS does not have are refused as glibc's CP932 refuses them:
 * 0x80, 0xA0 and 0xFD-0xFF, which Windows would map to private code
 * points. */
size_t cli_win32_iconv(iconv_t cd, char **in, size_t *inleft, char **out,
                       size_t *outleft) {
  (void)cd;
  while (*inleft > 0) {
    unsigned char b = (unsigned char)**in;
    wchar_t w[2];
    char u[8];
    int nin = 1, nw, nu;
    if (b == 0x80 || b == 0xA0 || b >= 0xFD) {
      errno = EILSEQ;
      return (size_t)-1;
    }
    if (b >= 0x80 && IsDBCSLeadByteEx(932, b)) {
      if (*inleft < 2) {
        errno = EINVAL;
        return (size_t)-1;
      }
      nin = 2;
    }
    nw = MultiByteToWideChar(932, MB_ERR_INVALID_CHARS, *in, nin, w, 2);
    if (nw <= 0) {
      errno = EILSEQ;
      return (size_t)-1;
    }
    nu = WideCharToMultiByte(CP_UTF8, 0, w, nw, u, (int)sizeof u, NULL, NULL);
    if (nu <= 0) {
      errno = EILSEQ;
      return (size_t)-1;
    }
    if ((size_t)nu > *outleft) {
      errno = E2BIG;
      return (size_t)-1;
    }
    memcpy(*out, u, (size_t)nu);
    *out += nu;
    *outleft -= (size_t)nu;
    *in += nin;
    *inleft -= (size_t)nin;
  }
  return 0; /* (no irreversible conversions) */
}

/* ------------------------------------------------- -o OUT, atomically */

/* What OUT is: 0 a file on disk (or nothing yet), 1 something written in
 * place (a device such as NUL or CON, a pipe), -1 an error (errno).  For a
 * symbolic link or junction to a file, *final is the file it leads to
 * (malloc()ed UTF-8), which is replaced while the link stays. */
static int out_kind(const wchar_t *wpath, char **final) {
  HANDLE h;
  BY_HANDLE_FILE_INFORMATION info;
  DWORD type;
  *final = NULL;
  h = CreateFileW(wpath, 0,
                  FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                  OPEN_EXISTING, FILE_FLAG_BACKUP_SEMANTICS, NULL);
  if (h == INVALID_HANDLE_VALUE) {
    DWORD e = GetLastError();
    if (e == ERROR_FILE_NOT_FOUND)
      return 0; /* it will be made */
    errno = errno_of(e);
    return -1;
  }
  type = GetFileType(h);
  if (type != FILE_TYPE_DISK) {
    CloseHandle(h);
    return 1;
  }
  if (!GetFileInformationByHandle(h, &info)) {
    errno = errno_of(GetLastError());
    CloseHandle(h);
    return -1;
  }
  if (info.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) {
    CloseHandle(h);
    errno = EISDIR;
    return -1;
  }
  if (info.dwFileAttributes & FILE_ATTRIBUTE_REPARSE_POINT) {
    DWORD n = GetFinalPathNameByHandleW(h, NULL, 0, FILE_NAME_NORMALIZED);
    wchar_t *w = n ? malloc(n * sizeof *w) : NULL;
    if (w && GetFinalPathNameByHandleW(h, w, n, FILE_NAME_NORMALIZED) < n) {
      int k = WideCharToMultiByte(CP_UTF8, 0, w, -1, NULL, 0, NULL, NULL);
      *final = k > 0 ? malloc((size_t)k) : NULL;
      if (*final)
        WideCharToMultiByte(CP_UTF8, 0, w, -1, *final, k, NULL, NULL);
    }
    free(w);
    if (!*final) {
      CloseHandle(h);
      errno = ENOMEM;
      return -1;
    }
  }
  CloseHandle(h);
  return 0;
}

/* Creates the temporary file ".OUT.XXXXXX" beside OUT (so the final move
 * stays on one volume), hidden so that nothing picks up a half-written
 * file; never an existing file (CREATE_NEW).  Its stream, or NULL with
 * errno. */
static FILE *create_temp(cli_out *o) {
  const char *slash = strrchr(o->target, '/'), *bslash;
  size_t dir, k;
  unsigned int r = 0;
  bslash = strrchr(o->target, '\\');
  if (!slash || (bslash && bslash > slash))
    slash = bslash;
  if (!slash && o->target[0] && o->target[1] == ':')
    slash = o->target + 1; /* "C:name" */
  dir = slash ? (size_t)(slash - o->target) + 1 : 0;
  o->tmp = malloc(dir + strlen(o->target + dir) + 16);
  if (!o->tmp) {
    errno = ENOMEM;
    return NULL;
  }
  for (k = 0; k < 100; k++) {
    wchar_t *w;
    HANDLE h;
    DWORD e;
    int fd;
    FILE *f;
    if (rand_s(&r) != 0)
      r = (unsigned int)GetTickCount() * 2654435761u + (unsigned int)k;
    memcpy(o->tmp, o->target, dir);
    sprintf(o->tmp + dir, ".%s.%06X", o->target + dir, r & 0xFFFFFFu);
    w = wide(o->tmp);
    if (!w)
      break;
    h = CreateFileW(w, GENERIC_WRITE, 0, NULL, CREATE_NEW,
                    FILE_ATTRIBUTE_HIDDEN, NULL);
    e = GetLastError();
    free(w);
    if (h == INVALID_HANDLE_VALUE) {
      if (e == ERROR_FILE_EXISTS || e == ERROR_ALREADY_EXISTS)
        continue;
      errno = errno_of(e);
      break;
    }
    fd = _open_osfhandle((intptr_t)h, _O_WRONLY | _O_BINARY);
    f = fd >= 0 ? _fdopen(fd, "wb") : NULL;
    if (f)
      return f;
    if (fd >= 0)
      _close(fd);
    else
      CloseHandle(h);
    cli_out_remove_temp(o);
    errno = ENOMEM;
    return NULL;
  }
  if (k == 100)
    errno = EEXIST;
  free(o->tmp);
  o->tmp = NULL;
  return NULL;
}

/* Deletes the temporary file, which we made: never OUT. */
void cli_out_remove_temp(const cli_out *o) {
  wchar_t *w = o->tmp ? wide(o->tmp) : NULL;
  if (w) {
    SetFileAttributesW(w, FILE_ATTRIBUTE_NORMAL);
    DeleteFileW(w);
  }
  free(w);
}

int cli_out_open_file(cli_out *o, const char *path) {
  wchar_t *wpath;
  char *final;
  int kind;
  wpath = wide(path);
  kind = wpath ? out_kind(wpath, &final) : -1;
  free(wpath);
  if (kind < 0) {
    int e = errno;
    if (e == ENOMEM) {
      fputs("cpd: out of memory\n", stderr);
      return EXIT_NOMEM;
    }
    cli_out_error(o, e);
    return EXIT_IO;
  }
  if (kind == 1) {
    o->direct = 1;
    o->f = cli_win32_fopen(path, "wb");
    if (!o->f) {
      cli_out_error(o, errno);
      return EXIT_IO;
    }
    return 0;
  }
  o->target = final ? final : _strdup(path);
  if (!o->target) {
    fputs("cpd: out of memory\n", stderr);
    return EXIT_NOMEM;
  }
  o->f = create_temp(o);
  if (!o->f) {
    int e = errno;
    free(o->target);
    o->target = NULL;
    if (e == ENOMEM) {
      fputs("cpd: out of memory\n", stderr);
      return EXIT_NOMEM;
    }
    cli_out_error(o, e);
    return EXIT_IO;
  }
  return 0;
}

/* path (UTF-8) as a full UTF-16 path (GetFullPathNameW: Wine's
 * ReplaceFileW refuses a name without a directory); NULL with errno. */
static wchar_t *full_path(const char *path) {
  wchar_t *w = wide(path), *f = NULL;
  DWORD n = w ? GetFullPathNameW(w, 0, NULL, NULL) : 0;
  if (n)
    f = malloc(n * sizeof *f);
  if (f && GetFullPathNameW(w, n, f, NULL) >= n) {
    free(f);
    f = NULL;
  }
  if (w && !f)
    errno = n ? ENOMEM : errno_of(GetLastError());
  free(w);
  return f;
}

/* The temporary file in OUT's place: ReplaceFileW over an existing OUT
 * (its attributes, permissions and creation time stay), else a move.
 * 0, or an errno; OUT is untouched on failure. */
int cli_out_commit_temp(const cli_out *o) {
  wchar_t *wt = full_path(o->target), *wtmp = wt ? full_path(o->tmp) : NULL;
  int e = 0;
  if (!wt || !wtmp) {
    e = errno;
  } else if (!ReplaceFileW(wt, wtmp, NULL, REPLACEFILE_IGNORE_MERGE_ERRORS,
                           NULL, NULL)) {
    DWORD r = GetLastError();
    if (r != ERROR_FILE_NOT_FOUND) {
      e = errno_of(r);
    } else if (!SetFileAttributesW(wtmp, FILE_ATTRIBUTE_NORMAL) ||
               !MoveFileExW(wtmp, wt,
                            MOVEFILE_REPLACE_EXISTING |
                                MOVEFILE_WRITE_THROUGH)) {
      e = errno_of(GetLastError()); /* OUT was not there: a new file */
    }
  }
  free(wt);
  free(wtmp);
  return e;
}

int cli_out_sync_temp(FILE *f) {
  return FlushFileBuffers((HANDLE)_get_osfhandle(_fileno(f)))
             ? 0
             : errno_of(GetLastError());
}
