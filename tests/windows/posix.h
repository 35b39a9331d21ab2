/* posix.h - the POSIX calls some unit tests use that the Windows C
 * runtime lacks (strndup, mkdtemp).  The Windows build force-includes it
 * (-include) into the unit tests only; nothing else sees it. */
#ifndef CPD_TESTS_WINDOWS_POSIX_H
#define CPD_TESTS_WINDOWS_POSIX_H
#include <direct.h>
#include <io.h>
#include <stdlib.h>
#include <string.h>

static inline char *strndup(const char *s, size_t n) {
  size_t len = 0;
  char *p;
  while (len < n && s[len])
    len++;
  p = malloc(len + 1);
  if (p) {
    memcpy(p, s, len);
    p[len] = '\0';
  }
  return p;
}

static inline char *mkdtemp(char *tmpl) {
  if (_mktemp_s(tmpl, strlen(tmpl) + 1) != 0 || _mkdir(tmpl) != 0)
    return NULL;
  return tmpl;
}
#endif
