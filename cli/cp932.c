/* cp932.c - CP932 (Shift_JIS as Windows and Excel write it) to and from
 * UTF-8, whole texts at a time, with iconv (glibc's; on Windows, win32.c
 * reads CP932 only). */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>

#include "cli.h"

/* in[len] from one encoding into a new buffer of cap bytes (room for any
 * text of len bytes).  Stops at the first byte it cannot convert (*bad:
 * its offset), unless lost: then in is UTF-8, and each character the
 * target has not becomes "?", counted in *lost. */
static int convert(const char *to, const char *from, size_t cap, char **out,
                   size_t *olen, const char *in, size_t len, size_t *bad,
                   unsigned long *lost) {
  iconv_t cd = iconv_open(to, from);
  size_t inleft = len, outleft = cap;
  char *buf, *ip = (char *)in, *op;
  int rc = 0;
  if (cd == (iconv_t)-1)
    return CLI_CONV_NONE;
  buf = malloc(cap);
  if (!buf) {
    iconv_close(cd);
    return CLI_CONV_NOMEM;
  }
  op = buf;
  while (inleft > 0 && iconv(cd, &ip, &inleft, &op, &outleft) == (size_t)-1) {
    if (!lost || errno == E2BIG || outleft == 0) {
      *bad = (size_t)(ip - in);
      rc = CLI_CONV_BAD;
      break;
    }
    do { /* the character, as "?" */
      ip++;
      inleft--;
    } while (inleft > 0 && ((unsigned char)*ip & 0xC0) == 0x80);
    *op++ = '?';
    outleft--;
    ++*lost;
  }
  iconv_close(cd);
  if (rc) {
    free(buf);
    return rc;
  }
  *out = buf;
  *olen = (size_t)(op - buf);
  return 0;
}

int cli_cp932_to_utf8(char **out, size_t *olen, const char *in, size_t len,
                      size_t *bad) {
  /* a CP932 character (1 or 2 bytes) is at most 3 bytes of UTF-8 */
  return convert("UTF-8", "CP932", len * 3 + 4, out, olen, in, len, bad, NULL);
}

int cli_utf8_to_cp932(char **out, size_t *olen, const char *in, size_t len,
                      unsigned long *lost) {
  size_t bad = 0;
  *lost = 0;
  /* a character is at most 2 bytes of CP932, "?" 1 */
  return convert("CP932", "UTF-8", len * 2 + 16, out, olen, in, len, &bad,
                 lost);
}
