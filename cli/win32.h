/* win32.h - the command line on Windows (win32.c, win32_main.c): file
 * names are UTF-8 inside the program, as on Linux, and go through the wide
 * (UTF-16) API; the console gets its text through WriteConsoleW.  cli.h
 * includes this file on Windows only. */
#ifndef CPD_CLI_WIN32_H
#define CPD_CLI_WIN32_H
#include <io.h> /* isatty, before the macro below */
#include <stdio.h>

/* fopen() of a UTF-8 path (_wfopen).  NULL with errno set. */
FILE *cli_win32_fopen(const char *path, const char *mode);
/* 1 when fd is the console, also when win32_main.c passes the console's
 * output through its pipe (then fd itself is that pipe). */
int cli_win32_isatty(int fd);
/* The console's width in columns for fd, or 0 when fd is not the console. */
int cli_win32_columns(int fd);
/* open_memstream(), which the Windows C runtime lacks: a temporary file
 * (deleted when closed, kept in the cache), read into *ptr (malloc()ed,
 * NUL-ended) and *size by cli_win32_fclose.  NULL with errno set. */
FILE *cli_win32_open_memstream(char **ptr, size_t *size);
/* fclose(), and for a stream of cli_win32_open_memstream, its text into
 * *ptr and *size first. */
int cli_win32_fclose(FILE *f);
/* mkdir() of a UTF-8 path (_wmkdir); POSIX's mode is not used. */
int cli_win32_mkdir(const char *path, int mode);
/* win32_main.c: the console behind fds 1 and 2 (a HANDLE, or NULL). */
void cli_win32_set_console(void *console, int out, int err);

#undef fopen
#define fopen cli_win32_fopen
#undef isatty
#define isatty cli_win32_isatty
#define open_memstream cli_win32_open_memstream
#undef fclose
#define fclose cli_win32_fclose
#undef mkdir
#define mkdir cli_win32_mkdir
/* (no symbolic links to tell apart here: lstat is stat) */
#define lstat stat

/* cpd.c's main(), called by wmain with the arguments in UTF-8. */
int cli_main(int argc, char **argv);
#endif
