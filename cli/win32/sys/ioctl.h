/* sys/ioctl.h for the Windows build (cli/win32/ is on the include path
 * there only): the one request the report makes, the terminal's size
 * (report.c's out_width), answered from the console (cli/win32.c). */
#ifndef CPD_CLI_WIN32_SYS_IOCTL_H
#define CPD_CLI_WIN32_SYS_IOCTL_H

struct winsize {
  unsigned short ws_row, ws_col, ws_xpixel, ws_ypixel;
};
#define TIOCGWINSZ 0x5413

/* TIOCGWINSZ: 0 with ws filled in when fd is the console, else -1. */
int cli_win32_ioctl(int fd, unsigned long request, struct winsize *ws);
#define ioctl cli_win32_ioctl
#endif
