/* mail.c - the pieces of an RFC 5322 message that `cpd notices` writes.
 *
 * Non-ASCII header text is written as RFC 2047 encoded-words in UTF-8
 * with the B encoding: every mail client in use decodes UTF-8, and the
 * old Japanese convention, ISO-2022-JP, has no room for the characters of
 * many names (髙, 﨑, 𠮷: outside JIS X 0208) nor for the ① and ～ of
 * Windows-typed text.  The body is UTF-8 too, in base64, which passes
 * any mail transport unchanged (no 8BITMIME needed). */
#define _POSIX_C_SOURCE 200809L
#include <string.h>

#include "mail.h"

static int atext(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || strchr("!#$%&'*+-/=?^_`{|}~", c);
}

/* A dot-atom: atext runs joined by single dots. */
static int dot_atom(const char *s, size_t n) {
  size_t i;
  if (n == 0 || s[0] == '.' || s[n - 1] == '.')
    return 0;
  for (i = 0; i < n; i++) {
    if (s[i] == '.') {
      if (s[i + 1] == '.')
        return 0;
    } else if (!atext((unsigned char)s[i])) {
      return 0;
    }
  }
  return 1;
}

int mail_addr_ok(const char *addr) {
  const char *at = strchr(addr, '@');
  size_t n = strlen(addr);
  if (!at || n > 254 || strchr(at + 1, '@'))
    return 0;
  return dot_atom(addr, (size_t)(at - addr)) &&
         dot_atom(at + 1, n - (size_t)(at - addr) - 1) &&
         strchr(at + 1, '.') != NULL;
}

int mail_mailbox_parse(char *buf, size_t cap, const char *text,
                       const char **display, const char **addr) {
  size_t n = strlen(text), i;
  char *lt, *gt, *end;
  if (n + 1 > cap)
    return -1;
  memcpy(buf, text, n + 1);
  for (i = 0; i < n; i++) /* no control character anywhere */
    if ((unsigned char)buf[i] < 0x20 || buf[i] == 0x7F)
      return -1;
  lt = strchr(buf, '<');
  if (!lt) {
    *display = "";
    *addr = buf;
    return mail_addr_ok(buf) ? 0 : -1;
  }
  gt = strchr(lt, '>');
  if (!gt || gt[1] != '\0' || strchr(buf, '"'))
    return -1;
  *gt = '\0';
  *addr = lt + 1;
  /* the display name, trimmed */
  end = lt;
  while (end > buf && end[-1] == ' ')
    end--;
  *end = '\0';
  *display = buf;
  while (**display == ' ')
    (*display)++;
  return mail_addr_ok(*addr) ? 0 : -1;
}

static const char b64[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* n bytes (n <= 45) as base64 into out (at most 60 characters). */
static size_t b64_chunk(char *out, const unsigned char *s, size_t n) {
  size_t i, o = 0;
  for (i = 0; i + 2 < n; i += 3) {
    unsigned v = (unsigned)s[i] << 16 | (unsigned)s[i + 1] << 8 | s[i + 2];
    out[o++] = b64[v >> 18];
    out[o++] = b64[(v >> 12) & 63];
    out[o++] = b64[(v >> 6) & 63];
    out[o++] = b64[v & 63];
  }
  if (i < n) {
    unsigned v =
        (unsigned)s[i] << 16 | (i + 1 < n ? (unsigned)s[i + 1] << 8 : 0);
    out[o++] = b64[v >> 18];
    out[o++] = b64[(v >> 12) & 63];
    out[o++] = i + 1 < n ? b64[(v >> 6) & 63] : '=';
    out[o++] = '=';
  }
  return o;
}

void mail_base64(FILE *out, const char *data, size_t len) {
  size_t at = 0;
  char line[64];
  while (at < len) {
    size_t n = len - at < 57 ? len - at : 57; /* 76 characters a line */
    size_t o;
    if (n > 45) {
      o = b64_chunk(line, (const unsigned char *)data + at, 45);
      fwrite(line, 1, o, out);
      o = b64_chunk(line, (const unsigned char *)data + at + 45, n - 45);
    } else {
      o = b64_chunk(line, (const unsigned char *)data + at, n);
    }
    fwrite(line, 1, o, out);
    fputs("\r\n", out);
    at += n;
  }
}

static int printable_ascii(const char *s) {
  for (; *s; s++)
    if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7E)
      return 0;
  return 1;
}

/* Writes value as encoded-words after `used` characters of the line,
 * each on its own line after the first, each of whole UTF-8 characters
 * (at most 45 bytes: 72 characters with "=?UTF-8?B?" and "?="), no line
 * longer than 78 characters. */
static void encoded_words(FILE *out, const char *value, size_t used) {
  const unsigned char *s = (const unsigned char *)value;
  size_t n = strlen(value), at = 0;
  char chunk[64];
  while (at < n) {
    size_t room = used + 12 + 4 <= 78 ? (78 - used - 12) / 4 * 3 : 0, take, o;
    if (room > 45)
      room = 45;
    take = n - at < room ? n - at : room;
    while (take > 0 && at + take < n && (s[at + take] & 0xC0) == 0x80)
      take--;        /* end on a character boundary */
    if (take == 0) { /* no room left on this line */
      fputs("\r\n ", out);
      used = 1;
      continue;
    }
    o = b64_chunk(chunk, s + at, take);
    fputs("=?UTF-8?B?", out);
    fwrite(chunk, 1, o, out);
    fputs("?=", out);
    at += take;
    used += 12 + o;
    if (at < n) {
      fputs("\r\n ", out);
      used = 1;
    }
  }
}

void mail_header_text(FILE *out, const char *name, const char *value) {
  fprintf(out, "%s: ", name);
  if (printable_ascii(value) && strlen(name) + 2 + strlen(value) <= 998)
    fputs(value, out);
  else
    encoded_words(out, value, strlen(name) + 2);
  fputs("\r\n", out);
}

void mail_header_mailbox(FILE *out, const char *name, const char *display,
                         const char *addr) {
  fprintf(out, "%s: ", name);
  if (display && *display) {
    int plain = printable_ascii(display);
    const char *p;
    for (p = display; plain && *p; p++) /* atoms and spaces only */
      if (!(atext((unsigned char)*p) || *p == ' '))
        plain = 0;
    if (plain)
      fputs(display, out);
    else
      encoded_words(out, display, strlen(name) + 2);
    fputs(strlen(addr) > 60 ? "\r\n <" : " <", out);
  } else {
    fputc('<', out);
  }
  fprintf(out, "%s>\r\n", addr);
}

void mail_date_of_day(char buf[48], cpd_day day) {
  static const char *const wd[] = {"Thu", "Fri", "Sat", "Sun",
                                   "Mon", "Tue", "Wed"};
  static const char *const mon[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  int y, m, d;
  long w = ((long)day % 7 + 7) % 7; /* 1970-01-01 was a Thursday */
  cpd_day_to_ymd(day, &y, &m, &d);
  snprintf(buf, 48, "%s, %02d %s %04d 09:00:00 +0900", wd[w], d, mon[m - 1], y);
}

void mail_date_of_time(char buf[48], time_t t) {
  struct tm tm;
  localtime_r(&t, &tm);
  /* the C locale's names, which RFC 5322 wants */
  strftime(buf, 48, "%a, %d %b %Y %H:%M:%S %z", &tm);
}

uint64_t mail_fnv1a(uint64_t h, const void *data, size_t len) {
  const unsigned char *p = data;
  size_t i;
  for (i = 0; i < len; i++) {
    h ^= p[i];
    h *= 0x100000001b3ull;
  }
  return h;
}
