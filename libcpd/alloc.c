/* alloc.c - the library's one allocator family, growable buffers and
 * arenas.  Every byte libcpd allocates passes through cpd__malloc /
 * cpd__realloc so that fault-injection builds can fail the N-th allocation
 * (compile with CPD_FAULT_INJECTION; see cpd__fault_* below). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

#ifdef CPD_FAULT_INJECTION
/* Test builds only: a per-thread countdown, so the library stays free of
 * shared mutable state even there.  fail_at == 0 disables injection. */
static _Thread_local unsigned long fault_count, fault_fail_at;
static _Thread_local int fault_sticky;
CPD_API void cpd__fault_set(unsigned long fail_at, int sticky);
CPD_API unsigned long cpd__fault_count(void);
void cpd__fault_set(unsigned long fail_at, int sticky) {
  fault_count = 0;
  fault_fail_at = fail_at;
  fault_sticky = sticky;
}
unsigned long cpd__fault_count(void) { return fault_count; }
static int fault_now(void) {
  fault_count++;
  if (fault_fail_at == 0)
    return 0;
  return fault_sticky ? fault_count >= fault_fail_at
                      : fault_count == fault_fail_at;
}
#else
#define fault_now() 0
#endif

void *cpd__malloc(size_t n) {
  if (fault_now())
    return NULL;
  return malloc(n ? n : 1);
}

void *cpd__calloc(size_t count, size_t size) {
  if (fault_now())
    return NULL;
  return calloc(count ? count : 1, size ? size : 1);
}

void *cpd__realloc(void *p, size_t n) {
  if (fault_now())
    return NULL;
  return realloc(p, n ? n : 1);
}

void *cpd__reallocarray(void *p, size_t count, size_t size) {
  if (size && count > SIZE_MAX / size)
    return NULL;
  return cpd__realloc(p, count * size);
}

void cpd__free(void *p) { free(p); }

char *cpd__strndup(const char *s, size_t n) {
  char *d = cpd__malloc(n + 1);
  if (d) {
    memcpy(d, s, n);
    d[n] = '\0';
  }
  return d;
}

/* ------------------------------------------------------------------ buf */

int cpd__buf_reserve(cpd__buf *b, size_t extra) {
  size_t need, cap;
  char *p;
  if (b->oom)
    return 0;
  if (extra > SIZE_MAX - b->len - 1) {
    b->oom = 1;
    return 0;
  }
  need = b->len + extra + 1;
  if (need <= b->cap)
    return 1;
  if (b->fixed) {
    b->oom = 1;
    return 0;
  }
  cap = b->cap ? b->cap : 64;
  while (cap < need)
    /* (no buffer grows past half the address space) */
    cap = cap > SIZE_MAX / 2 ? need : cap * 2; /* GCOVR_EXCL_BR_LINE */
  p = cpd__realloc(b->p, cap);
  if (!p) {
    b->oom = 1;
    return 0;
  }
  b->p = p;
  b->cap = cap;
  return 1;
}

void cpd__buf_add(cpd__buf *b, const char *s, size_t n) {
  if (!cpd__buf_reserve(b, n))
    return;
  memcpy(b->p + b->len, s, n);
  b->len += n;
}

void cpd__buf_adds(cpd__buf *b, const char *s) {
  cpd__buf_add(b, s, strlen(s));
}

void cpd__buf_addc(cpd__buf *b, char c) {
  if (!cpd__buf_reserve(b, 1))
    return;
  b->p[b->len++] = c;
}

void cpd__buf_printf(cpd__buf *b, const char *fmt, ...) {
  va_list ap;
  int n;
  va_start(ap, fmt);
  n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  if (n < 0 || !cpd__buf_reserve(b, (size_t)n))
    return;
  va_start(ap, fmt);
  vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
  va_end(ap);
  b->len += (size_t)n;
}

const char *cpd__buf_cstr(cpd__buf *b) {
  if (!cpd__buf_reserve(b, 0))
    return NULL;
  b->p[b->len] = '\0';
  return b->p;
}

void cpd__buf_free(cpd__buf *b) {
  cpd__free(b->p);
  b->p = NULL;
  b->len = b->cap = 0;
  b->oom = 0;
}

/* ---------------------------------------------------------------- arena */

struct cpd__arena_chunk {
  cpd__arena_chunk *next;
  size_t size; /* of the data */
  /* data follows, aligned for any object */
};

#define ARENA_ALIGN                                                            \
  (sizeof(long double) > sizeof(void *) ? sizeof(long double) : sizeof(void *))
#define ARENA_HEADER                                                           \
  ((sizeof(cpd__arena_chunk) + ARENA_ALIGN - 1) / ARENA_ALIGN * ARENA_ALIGN)

void *cpd__arena_alloc(cpd__arena *a, size_t n) {
  size_t size;
  cpd__arena_chunk *c;
  if (n > SIZE_MAX - ARENA_HEADER - ARENA_ALIGN)
    return NULL; /* the rounding below would wrap */
  n = (n + ARENA_ALIGN - 1) / ARENA_ALIGN * ARENA_ALIGN;
  if (n == 0)
    n = ARENA_ALIGN;
  if (a->head && a->size - a->used >= n) {
    void *p = (char *)a->head + ARENA_HEADER + a->used;
    a->used += n;
    return p;
  }
  size = a->size ? a->size * 2 : 1024;
  if (size > 1u << 20)
    size = 1u << 20;
  if (size < n)
    size = n;
  if (size > SIZE_MAX - ARENA_HEADER)
    return NULL;
  c = cpd__malloc(ARENA_HEADER + size);
  if (!c)
    return NULL;
  c->next = a->head;
  c->size = size;
  a->head = c;
  a->size = size;
  a->used = n;
  return (char *)c + ARENA_HEADER;
}

char *cpd__arena_strndup(cpd__arena *a, const char *s, size_t n) {
  char *d;
  if (n == SIZE_MAX)
    return NULL;
  d = cpd__arena_alloc(a, n + 1);
  if (d) {
    memcpy(d, s, n);
    d[n] = '\0';
  }
  return d;
}

void cpd__arena_free(cpd__arena *a) {
  cpd__arena_chunk *c = a->head;
  while (c) {
    cpd__arena_chunk *next = c->next;
    cpd__free(c);
    c = next;
  }
  a->head = NULL;
  a->used = a->size = 0;
}

void cpd__arena_reset(cpd__arena *a) {
  cpd__arena_chunk *c;
  size_t total = 0;
  if (!a->head || !a->head->next) {
    a->used = 0;
    return;
  }
  /* several chunks: one of their total size serves the next round whole */
  for (c = a->head; c; c = c->next)
    total = total > SIZE_MAX - ARENA_HEADER - c->size ? total : total + c->size;
  cpd__arena_free(a);
  c = cpd__malloc(ARENA_HEADER + total);
  if (!c)
    return; /* the next allocation starts a chunk afresh */
  c->next = NULL;
  c->size = total;
  a->head = c;
  a->size = total;
  a->used = 0;
}

int cpd__arena_reserve(cpd__arena *a, size_t n) {
  cpd__arena_chunk *c;
  if (a->head && a->size - a->used >= n)
    return 1;
  if (n > SIZE_MAX - ARENA_HEADER)
    return 0;
  c = cpd__malloc(ARENA_HEADER + n);
  if (!c)
    return 0;
  c->next = a->head;
  c->size = n;
  a->head = c;
  a->size = n;
  a->used = 0;
  return 1;
}
