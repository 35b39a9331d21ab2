/* safe.c - the one sanitiser for text that reaches a person: everything
 * `cpd` prints to a terminal (reports, messages, summaries) and the text
 * of the HTML report.  Text from an application, a policy, a roster, a CSV
 * cell or the command line may hold control characters (an escape
 * sequence would drive the terminal), bidirectional overrides (U+202E
 * would show "txt.exe" as "exe.txt") or bytes that are not UTF-8; here
 * they become visible instead:
 *   - C0 controls, DEL and C1 controls    -> U+FFFD (tab and line breaks
 *     -> a space, unless the caller keeps line breaks);
 *   - U+061C, U+200E, U+200F (bidi marks), U+202A..U+202E,
 *     U+2066..U+2069 (bidi embeddings, overrides and isolates)
 *                                         -> "<U+202E>";
 *   - a byte that is not UTF-8            -> U+FFFD. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "cli.h"

static const char replacement[] = "\xEF\xBF\xBD"; /* U+FFFD */

int cli_is_bidi_control(int32_t c) {
  return c == 0x061C || c == 0x200E || c == 0x200F ||
         (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

const char *cli_safe_char(int32_t c, int keep_newlines, char buf[16]) {
  if (c == '\n' || c == '\r' || c == '\t') {
    if (keep_newlines && c != '\r')
      return NULL;
    return " ";
  }
  if (c < 0x20 || (c >= 0x7F && c < 0xA0))
    return replacement;
  if (cli_is_bidi_control(c)) {
    snprintf(buf, 16, "<U+%04X>", (unsigned)c);
    return buf;
  }
  return NULL;
}

/* Calls put(ctx, bytes, n) for the safe form of s[0..len). */
static void walk(const char *s, size_t len, int keep_newlines,
                 void (*put)(void *, const char *, size_t), void *ctx) {
  const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
  size_t i = 0, run = 0; /* a run of bytes kept as they are */
  while (i < len) {
    utf8proc_int32_t c;
    utf8proc_ssize_t n;
    const char *r;
    char buf[16];
    if (p[i] >= 0x20 && p[i] < 0x7F) { /* printable ASCII: kept */
      i++;
      continue;
    }
    n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &c);
    if (n <= 0) {
      r = replacement;
      n = 1;
    } else {
      r = cli_safe_char(c, keep_newlines, buf);
    }
    if (r) {
      if (i > run)
        put(ctx, s + run, i - run);
      put(ctx, r, strlen(r));
      run = i + (size_t)n;
    }
    i += (size_t)n;
  }
  if (len > run)
    put(ctx, s + run, len - run);
}

static void put_file(void *ctx, const char *s, size_t n) {
  fwrite(s, 1, n, (FILE *)ctx);
}

void cli_fputs_safe(FILE *out, const char *s, int keep_newlines) {
  if (s)
    walk(s, strlen(s), keep_newlines, put_file, out);
}

typedef struct sink {
  char *p;
  size_t len, cap;
  int oom;
} sink;

static void put_sink(void *ctx, const char *s, size_t n) {
  sink *k = ctx;
  if (k->oom)
    return;
  if (k->len + n + 1 > k->cap) {
    size_t cap = (k->len + n + 1) * 2;
    char *q = realloc(k->p, cap);
    if (!q) {
      k->oom = 1;
      return;
    }
    k->p = q;
    k->cap = cap;
  }
  memcpy(k->p + k->len, s, n);
  k->len += n;
  k->p[k->len] = '\0';
}

char *cli_safe_dup(const char *s, int keep_newlines) {
  sink k = {NULL, 0, 0, 0};
  put_sink(&k, "", 0);
  if (s)
    walk(s, strlen(s), keep_newlines, put_sink, &k);
  if (k.oom) {
    free(k.p);
    return NULL;
  }
  return k.p;
}

void cli_vmessage(FILE *out, const char *fmt, va_list ap) {
  char small[1024], *text = small;
  va_list again;
  int n;
  size_t len;
  va_copy(again, ap);
  n = vsnprintf(small, sizeof small, fmt, ap);
  if (n < 0) {
    va_end(again);
    return;
  }
  if ((size_t)n >= sizeof small) {
    text = malloc((size_t)n + 1);
    if (text)
      vsnprintf(text, (size_t)n + 1, fmt, again);
    else
      text = small; /* out of memory: the message cut short */
  }
  va_end(again);
  len = strlen(text);
  /* the message's own final line break is kept; any other is not */
  if (len && text[len - 1] == '\n') {
    walk(text, len - 1, 0, put_file, out);
    fputc('\n', out);
  } else {
    walk(text, len, 0, put_file, out);
  }
  if (text != small)
    free(text);
}

void cli_vmessage_line(FILE *out, int ja, const char *ja_fmt,
                       const char *en_fmt, va_list ap) {
  /* ja_fmt is en_fmt in Japanese, a literal beside it at every call: the
   * compiler checks en_fmt against the arguments */
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#endif
  cli_vmessage(out, ja ? ja_fmt : en_fmt, ap);
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif
  fputc('\n', out);
}

void cli_message(FILE *out, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  cli_vmessage(out, fmt, ap);
  va_end(ap);
}

/* s[0..len) cut back, if need be, so that it does not end inside a UTF-8
 * sequence (a label cut by a fixed buffer stays valid UTF-8). */
static void cut_to_character(char *s, size_t len) {
  size_t i = len, k = 0, need;
  unsigned char lead;
  while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80 && k < 3) {
    i--;
    k++;
  }
  if (i == 0)
    return;
  lead = (unsigned char)s[i - 1];
  need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
  if (need > 1 && k + 1 < need)
    s[i - 1] = '\0';
  else if (need == 1 && k > 0) /* stray continuation bytes */
    s[i] = '\0';
}

void cli_format(char *buf, size_t cap, const char *fmt, ...) {
  va_list ap;
  int n;
  if (!cap)
    return;
  va_start(ap, fmt);
  n = vsnprintf(buf, cap, fmt, ap);
  va_end(ap);
  if (n < 0)
    buf[0] = '\0';
  else if ((size_t)n >= cap)
    cut_to_character(buf, cap - 1);
}
