/* status.c - status and severity names, error detail, and the number
 * writers (integers, hundredths, doubles without the caller's locale). */
#define _POSIX_C_SOURCE 200809L /* newlocale, uselocale */
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

int cpd_version_number(void) { return CPD_VERSION_NUMBER; }
const char *cpd_version_string(void) { return CPD_VERSION_STRING; }

const char *cpd_decision_str(cpd_decision d) {
  switch (d) {
  case CPD_ELIGIBLE:
    return "eligible";
  case CPD_INCOMPLETE:
    return "incomplete";
  case CPD_INELIGIBLE:
    return "ineligible";
  }
  return "unknown";
}

const char *cpd_severity_str(cpd_severity s) {
  switch (s) {
  case CPD_SEVERITY_INFO:
    return "info";
  case CPD_SEVERITY_WARNING:
    return "warning";
  case CPD_SEVERITY_ERROR:
    return "error";
  case CPD_SEVERITY_FATAL:
    return "fatal";
  }
  return "unknown";
}

const char *cpd_window_status_str(cpd_window_status s) {
  switch (s) {
  case CPD_WINDOW_NOT_YET_OPEN:
    return "not_yet_open";
  case CPD_WINDOW_OPEN:
    return "open";
  case CPD_WINDOW_CLOSED:
    return "closed";
  }
  return "unknown";
}

const char *cpd_activity_status_str(cpd_activity_status s) {
  switch (s) {
  case CPD_ACTIVITY_COUNTED:
    return "counted";
  case CPD_ACTIVITY_PARTIALLY_COUNTED:
    return "partially_counted";
  case CPD_ACTIVITY_CAPPED:
    return "capped";
  case CPD_ACTIVITY_REJECTED:
    return "rejected";
  }
  return "unknown";
}

void cpd__copy_utf8(char *dst, size_t cap, const char *s) {
  size_t n;
  if (!dst || cap == 0)
    return;
  n = s ? strlen(s) : 0;
  if (n >= cap) {
    n = cap - 1;
    /* back up to the start of a UTF-8 sequence */
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
      n--;
  }
  if (n)
    memcpy(dst, s, n);
  dst[n] = '\0';
}

cpd_status cpd__out_of_memory(cpd_error *err) {
  return cpd__fail(err, CPD__M_OUT_OF_MEMORY, "", -1);
}

cpd_status cpd__invalid_argument(cpd_error *err) {
  return cpd__fail(err, CPD__M_ARG_INVALID, "", -1);
}

size_t cpd__utoa(char *buf, unsigned long long v) {
  char tmp[24];
  size_t n = sizeof tmp;
  do {
    tmp[--n] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  memcpy(buf, tmp + n, sizeof tmp - n);
  buf[sizeof tmp - n] = '\0';
  return sizeof tmp - n;
}

void cpd__buf_add_uint(cpd__buf *b, unsigned long long v) {
  char tmp[24];
  size_t n = sizeof tmp;
  do {
    tmp[--n] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  cpd__put(b, tmp + n, sizeof tmp - n);
}

void cpd__buf_add_int(cpd__buf *b, long long v) {
  if (v < 0) {
    cpd__putc(b, '-');
    cpd__buf_add_uint(b, (unsigned long long)(-(v + 1)) + 1u);
  } else {
    cpd__buf_add_uint(b, (unsigned long long)v);
  }
}

/* Hundredths as the documents write them, right-aligned in tmp[0..32):
 * returns where the text starts.  By hand, not snprintf: this runs for
 * every number of every result. */
static size_t points_text(char tmp[32], cpd_points p) {
  unsigned long long a =
      p < 0 ? (unsigned long long)(-(p + 1)) + 1u : (unsigned long long)p;
  unsigned long long frac = a % 100, whole = a / 100;
  size_t n = 32;
  if (frac) {
    if (frac % 10)
      tmp[--n] = (char)('0' + frac % 10);
    tmp[--n] = (char)('0' + frac / 10);
    tmp[--n] = '.';
  }
  do {
    tmp[--n] = (char)('0' + whole % 10);
    whole /= 10;
  } while (whole);
  if (p < 0)
    tmp[--n] = '-';
  return n;
}

void cpd__points_format(char *buf, size_t cap, cpd_points p) {
  char tmp[32];
  size_t n = points_text(tmp, p), k = 32 - n;
  if (cap == 0)
    return;
  if (k >= cap)
    k = cap - 1; /* (ASCII: no character to keep whole) */
  memcpy(buf, tmp + n, k);
  buf[k] = '\0';
}

void cpd__buf_add_points(cpd__buf *b, cpd_points p) {
  char tmp[32];
  size_t n;
  if (p >= 0 && p < 1000 && p % 100 == 0 && b->cap - b->len > 1) {
    b->p[b->len++] = (char)('0' + p / 100); /* 0 to 9 points: one digit */
    return;
  }
  n = points_text(tmp, p);
  cpd__put(b, tmp + n, 32 - n);
}

void cpd_string_free(char *s) { cpd__free(s); }

size_t cpd_points_format(char *buf, cpd_points p) {
  if (!buf)
    return 0;
  cpd__points_format(buf, CPD_POINTS_TEXT_SIZE, p);
  return strlen(buf);
}

/* The shortest of %.15g..%.17g that reads back as x, in the "C" locale
 * whatever the caller's (a decimal comma would make "1,5"): integers by
 * hand, others through snprintf under a thread-local "C" locale. */
size_t cpd__number_format(char buf[CPD__NUMBER_TEXT_SIZE], double x) {
  locale_t c, old;
  int prec;
  if (x == 0) {
    const char *z = signbit(x) ? "-0" : "0";
    memcpy(buf, z, strlen(z) + 1);
    return strlen(buf);
  }
  if (x == floor(x) && fabs(x) < 1e15) {
    long long v = (long long)x;
    size_t n = 0;
    if (v < 0) {
      buf[n++] = '-';
      v = -v;
    }
    return n + cpd__utoa(buf + n, (unsigned long long)v);
  }
  if (!isfinite(x)) { /* (JSON has none; a C caller's) */
    const char *t = isnan(x) ? "nan" : x < 0 ? "-inf" : "inf";
    memcpy(buf, t, strlen(t) + 1);
    return strlen(buf);
  }
  c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
  old = c ? uselocale(c) : (locale_t)0;
  /* (%.17g reads back as any finite double: the loop ends by break) */
  for (prec = 15; prec <= 17; prec++) { /* GCOVR_EXCL_BR_LINE */
    snprintf(buf, CPD__NUMBER_TEXT_SIZE, "%.*g", prec, x);
    if (strtod(buf, NULL) == x)
      break;
  }
  if (c) {
    uselocale(old);
    freelocale(c);
  } else {
    char *p = strchr(buf, ','); /* no locale object: mend the comma */
    if (p)
      *p = '.';
  }
  return strlen(buf);
}
