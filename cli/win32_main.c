/* win32_main.c - cpd.exe's entry point: the arguments in UTF-8, binary
 * standard streams, the console, the language; then cpd.c's cli_main.
 *
 * - Arguments come as UTF-16 (wmain) and are converted to UTF-8 once, so
 *   that `cpd check 申請書_山田.json` reaches the program as it would on
 *   Linux, whatever the ANSI code page.
 * - stdin, stdout and stderr are binary: the bytes written are the bytes
 *   Linux writes ("\n", never "\r\n"); CSV's own CRLF stays as it is.
 * - When stdout or stderr is the console, what the program writes there
 *   goes through a pipe to a thread that hands it to WriteConsoleW as
 *   UTF-16, whole characters only: Japanese shows correctly whatever the
 *   console's code page, and the console is left as it was (its mode is
 *   restored at the end).  Files and pipes get the UTF-8 bytes unchanged.
 * - The language: with none of LC_ALL, LC_MESSAGES, LANG set (usual on
 *   Windows), a Japanese Windows display language stands for LANG=ja. */
#define WIN32_LEAN_AND_MEAN
#include <windows.h>

#include <fcntl.h>
#include <io.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#ifndef ENABLE_VIRTUAL_TERMINAL_PROCESSING
#define ENABLE_VIRTUAL_TERMINAL_PROCESSING 0x0004
#endif

/* The console's pump: the read end of the pipe, the console, the thread,
 * and the console mode to restore. */
static struct {
  HANDLE read, console, thread;
  DWORD mode;
  int out, err, done;
} pump;

/* How many of the n bytes at s end in a whole UTF-8 character (a
 * character cut off at the end waits for the next read). */
static size_t whole_utf8(const unsigned char *s, size_t n) {
  size_t i = n, back = 0;
  while (i > 0 && back < 4 && (s[i - 1] & 0xC0) == 0x80) {
    i--;
    back++;
  }
  if (i > 0) {
    unsigned char lead = s[i - 1];
    size_t need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    if (need > back + 1 && lead >= 0xC0)
      return i - 1; /* the character is not complete yet */
  }
  return n;
}

/* UTF-8 (bad bytes become U+FFFD) onto the console. */
static void to_console(const char *s, size_t n) {
  wchar_t w[4096];
  while (n > 0) {
    int chunk = n > 2048 ? 2048 : (int)n, nw;
    DWORD written;
    if ((size_t)chunk < n)
      chunk = (int)whole_utf8((const unsigned char *)s, (size_t)chunk);
    if (chunk == 0)
      chunk = (int)(n > 2048 ? 2048 : n); /* (only bad bytes) */
    nw = MultiByteToWideChar(CP_UTF8, 0, s, chunk, w, 4096);
    if (nw > 0)
      WriteConsoleW(pump.console, w, (DWORD)nw, &written, NULL);
    s += chunk;
    n -= (size_t)chunk;
  }
}

static DWORD WINAPI pump_run(LPVOID arg) {
  char buf[4096 + 4];
  size_t keep = 0;
  (void)arg;
  for (;;) {
    DWORD got;
    size_t n, whole;
    if (!ReadFile(pump.read, buf + keep, 4096, &got, NULL) || got == 0)
      break;
    n = keep + got;
    whole = whole_utf8((const unsigned char *)buf, n);
    to_console(buf, whole);
    keep = n - whole;
    memmove(buf, buf + whole, keep);
  }
  if (keep)
    to_console(buf, keep);
  return 0;
}

/* When stdout or stderr is the console: the pipe, the thread, escape
 * sequences on (the report's colours; NO_COLOR when the console cannot). */
static void console_begin(void) {
  HANDLE out = GetStdHandle(STD_OUTPUT_HANDLE);
  HANDLE err = GetStdHandle(STD_ERROR_HANDLE);
  HANDLE con, write_end;
  DWORD mode;
  int out_con =
      out && out != INVALID_HANDLE_VALUE && GetConsoleMode(out, &mode);
  int err_con =
      err && err != INVALID_HANDLE_VALUE && GetConsoleMode(err, &mode);
  int fd;
  if (!out_con && !err_con)
    return;
  con = out_con ? out : err;
  if (!DuplicateHandle(GetCurrentProcess(), con, GetCurrentProcess(),
                       &pump.console, 0, FALSE, DUPLICATE_SAME_ACCESS))
    return;
  if (!CreatePipe(&pump.read, &write_end, NULL, 0)) {
    CloseHandle(pump.console);
    return;
  }
  fd = _open_osfhandle((intptr_t)write_end, _O_WRONLY | _O_BINARY);
  if (fd < 0) {
    CloseHandle(write_end);
    CloseHandle(pump.read);
    CloseHandle(pump.console);
    return;
  }
  pump.thread = CreateThread(NULL, 0, pump_run, NULL, 0, NULL);
  if (!pump.thread) { /* then the console as it is */
    _close(fd);
    CloseHandle(pump.read);
    CloseHandle(pump.console);
    return;
  }
  GetConsoleMode(pump.console, &pump.mode);
  if (!SetConsoleMode(pump.console, pump.mode | ENABLE_PROCESSED_OUTPUT |
                                        ENABLE_VIRTUAL_TERMINAL_PROCESSING))
    _putenv("NO_COLOR=1");
  fflush(stdout);
  fflush(stderr);
  pump.out = out_con;
  pump.err = err_con;
  if (out_con)
    _dup2(fd, 1);
  if (err_con)
    _dup2(fd, 2);
  _close(fd); /* the pipe ends when fds 1 and 2 are closed */
  cli_win32_set_console(pump.console, out_con, err_con);
}

/* Everything written reaches the console before the program ends. */
static void console_end(void) {
  if (!pump.thread || pump.done)
    return;
  pump.done = 1;
  fflush(stdout);
  fflush(stderr);
  if (pump.out)
    _close(1);
  if (pump.err)
    _close(2);
  WaitForSingleObject(pump.thread, INFINITE);
  SetConsoleMode(pump.console, pump.mode);
}

static void default_language(void) {
  static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
  size_t i;
  for (i = 0; i < 3; i++) {
    const char *v = getenv(vars[i]);
    if (v && *v)
      return;
  }
  if (PRIMARYLANGID(GetUserDefaultUILanguage()) == LANG_JAPANESE)
    _putenv("LANG=ja_JP.UTF-8");
}

int wmain(int argc, wchar_t **wargv) {
  char **argv = calloc((size_t)argc + 1, sizeof *argv);
  int i, rc;
  _setmode(0, _O_BINARY);
  _setmode(1, _O_BINARY);
  _setmode(2, _O_BINARY);
  if (!argv) {
    fputs("cpd: out of memory\n", stderr);
    return EXIT_NOMEM;
  }
  for (i = 0; i < argc; i++) {
    int n = WideCharToMultiByte(CP_UTF8, 0, wargv[i], -1, NULL, 0, NULL, NULL);
    argv[i] = n > 0 ? malloc((size_t)n) : NULL;
    if (!argv[i]) {
      fputs("cpd: out of memory\n", stderr);
      return EXIT_NOMEM;
    }
    WideCharToMultiByte(CP_UTF8, 0, wargv[i], -1, argv[i], n, NULL, NULL);
  }
  default_language();
  console_begin();
  atexit(console_end);
  rc = cli_main(argc, argv);
  console_end();
  for (i = 0; i < argc; i++)
    free(argv[i]);
  free(argv);
  return rc;
}
