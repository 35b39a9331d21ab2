/* iconv.h for the Windows build (cli/win32/ is on the include path there
 * only): the one conversion `cpd import-csv` asks for, CP932 to UTF-8,
 * through Windows' own code page 932 (MultiByteToWideChar, cli/win32.c),
 * with iconv's contract: on a byte that is not CP932, -1 with errno
 * EILSEQ and *in at that byte; a character cut off at the end, EINVAL;
 * no room left, E2BIG.  Any other pair of encodings: iconv_open fails
 * with EINVAL. */
#ifndef CPD_CLI_WIN32_ICONV_H
#define CPD_CLI_WIN32_ICONV_H
#include <stddef.h>

typedef struct cli_win32_iconv *iconv_t;
iconv_t cli_win32_iconv_open(const char *to, const char *from);
size_t cli_win32_iconv(iconv_t cd, char **in, size_t *inleft, char **out,
                       size_t *outleft);
int cli_win32_iconv_close(iconv_t cd);
#define iconv_open cli_win32_iconv_open
#define iconv cli_win32_iconv
#define iconv_close cli_win32_iconv_close
#endif
