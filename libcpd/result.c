/* result.c - the result object: its memory (kept for reuse by the
 * checker), the typed accessors, and the diagnostics' texts, rendered
 * from the catalogue on the first read (lock-free: two threads reading
 * at once may both render, one keeps its copy).  A reset keeps the
 * rendered texts' memory as a spare for the next result, so a checker's
 * typed reads allocate nothing either. */
#include <string.h>

#include "internal.h"

struct cpd__rendered {
  cpd_diagnostic *d;
  size_t d_cap;
  size_t *at; /* where each text starts, while rendering */
  size_t at_cap;
  cpd__buf text;
};

cpd_result *cpd__result_new(void) { return cpd__calloc(1, sizeof(cpd_result)); }

static void free_rendered(cpd__rendered *rd) {
  if (!rd)
    return;
  cpd__free(rd->d);
  cpd__free(rd->at);
  cpd__buf_free(&rd->text);
  cpd__free(rd);
}

/* Keep rd's memory for the next rendering (freeing an older spare). */
static void keep_spare(cpd_result *r, cpd__rendered *rd) {
  if (rd)
    free_rendered(
        atomic_exchange_explicit(&r->spare, rd, memory_order_acq_rel));
}

void cpd__result_reset(cpd_result *r) {
  cpd__diag *diags = r->diags;
  size_t cap = r->diag_cap, scratch_size = r->scratch_size;
  void *scratch = r->scratch;
  cpd__arena arena = r->arena;
  cpd__rendered *spare;
  keep_spare(r, atomic_load_explicit(&r->rendered, memory_order_relaxed));
  spare = atomic_load_explicit(&r->spare, memory_order_relaxed);
  cpd__arena_reset(&arena);
  memset(r, 0, sizeof *r);
  r->arena = arena;
  r->diags = diags;
  r->diag_cap = cap;
  r->scratch = scratch;
  r->scratch_size = scratch_size;
  atomic_init(&r->rendered, NULL);
  atomic_init(&r->spare, spare);
}

cpd__diag *cpd__result_add(cpd_result *r) {
  if (r->diag_count == r->diag_cap) {
    size_t cap = r->diag_cap ? r->diag_cap * 2 : 32;
    cpd__diag *nd = cpd__reallocarray(r->diags, cap, sizeof *nd);
    if (!nd)
      return NULL;
    r->diags = nd;
    r->diag_cap = cap;
  }
  return &r->diags[r->diag_count++];
}

void *cpd__result_scratch(cpd_result *r, size_t n) {
  if (n > r->scratch_size) {
    void *p = cpd__malloc(n);
    if (!p)
      return NULL;
    cpd__free(r->scratch);
    r->scratch = p;
    r->scratch_size = n;
  }
  return r->scratch;
}

void cpd__result_filter(cpd_result *r, int (*keep)(cpd__code_id)) {
  size_t i, k = 0;
  for (i = 0; i < r->diag_count; i++)
    if (keep(cpd__msg_code((cpd__msg_id)r->diags[i].msg)))
      r->diags[k++] = r->diags[i];
  r->diag_count = k;
}

void cpd_result_free(cpd_result *r) {
  if (!r)
    return;
  free_rendered(atomic_load_explicit(&r->rendered, memory_order_relaxed));
  free_rendered(atomic_load_explicit(&r->spare, memory_order_relaxed));
  cpd__free(r->diags);
  cpd__free(r->scratch);
  cpd__arena_free(&r->arena);
  cpd__free(r);
}

/* Every path and message of r, NUL-separated in one block, and the public
 * diagnostics pointing into it. */
/* Room for n of each (0: out of memory). */
static int rendered_room(cpd__rendered *rd, size_t n) {
  if (n > SIZE_MAX / (4 * sizeof *rd->at))
    return 0;
  if (n > rd->d_cap) {
    cpd_diagnostic *d = cpd__reallocarray(rd->d, n, sizeof *d);
    if (!d)
      return 0;
    rd->d = d;
    rd->d_cap = n;
  }
  if (3 * n > rd->at_cap) {
    size_t *at = cpd__reallocarray(rd->at, 3 * n, sizeof *at);
    if (!at)
      return 0;
    rd->at = at;
    rd->at_cap = 3 * n;
  }
  return 1;
}

/* Every path and message of r, NUL-separated in one block, and the public
 * diagnostics pointing into it: in the spare's memory when there is one. */
static cpd__rendered *render_all(cpd_result *r) {
  cpd__rendered *rd =
      atomic_exchange_explicit(&r->spare, NULL, memory_order_acq_rel);
  size_t i, n = r->diag_count;
  cpd__buf *b;
  if (!rd && !(rd = cpd__calloc(1, sizeof *rd)))
    return NULL;
  b = &rd->text;
  b->len = 0;
  b->oom = 0;
  if (!rendered_room(rd, n ? n : 1)) {
    free_rendered(rd);
    return NULL;
  }
  cpd__buf_reserve(b, n * 400);
  for (i = 0; i < n; i++) {
    const cpd__diag *d = &r->diags[i];
    rd->at[3 * i] = b->len;
    cpd__render_path(b, d);
    cpd__putc(b, '\0');
    rd->at[3 * i + 1] = b->len;
    cpd__render_message(b, d, 0);
    cpd__putc(b, '\0');
    rd->at[3 * i + 2] = b->len;
    cpd__render_message(b, d, 1);
    cpd__putc(b, '\0');
  }
  if (b->oom || !cpd__buf_cstr(b)) {
    free_rendered(rd);
    return NULL;
  }
  for (i = 0; i < n; i++) {
    const cpd__diag *d = &r->diags[i];
    const cpd_code_info *c = cpd__code(cpd__msg_code((cpd__msg_id)d->msg));
    cpd_diagnostic *o = &rd->d[i];
    o->code = c->code;
    o->severity = c->severity;
    o->rule = c->rule;
    o->path = b->p + rd->at[3 * i];
    o->message = b->p + rd->at[3 * i + 1];
    o->message_ja = b->p + rd->at[3 * i + 2];
    o->activity = d->activity == CPD__NONE ? CPD_NO_ACTIVITY : d->activity;
  }
  return rd;
}

const cpd_diagnostic *cpd__result_rendered(const cpd_result *cr) {
  cpd_result *r = (cpd_result *)(uintptr_t)cr;
  cpd__rendered *rd = atomic_load_explicit(&r->rendered, memory_order_acquire);
  return rd ? rd->d : NULL;
}

const cpd_diagnostic *cpd_result_diagnostic(const cpd_result *cr, size_t i) {
  /* the rendered texts are a cache: made once, then only read */
  cpd_result *r = (cpd_result *)(uintptr_t)cr;
  cpd__rendered *rd, *expected = NULL;
  if (!r || i >= r->diag_count)
    return NULL;
  rd = atomic_load_explicit(&r->rendered, memory_order_acquire);
  if (!rd) {
    rd = render_all(r);
    if (!rd)
      return NULL;
    if (!atomic_compare_exchange_strong_explicit(&r->rendered, &expected, rd,
                                                 memory_order_acq_rel,
                                                 memory_order_acquire)) {
      keep_spare(r, rd); /* another thread rendered first */
      rd = expected;
    }
  }
  return &rd->d[i];
}

size_t cpd_result_diagnostic_count(const cpd_result *r) {
  return r ? r->diag_count : 0;
}

const cpd_summary *cpd_result_summary(const cpd_result *r) {
  return r ? &r->summary : NULL;
}

cpd_status cpd_result_period_year(const cpd_result *r, int year,
                                  cpd_day *starts_on, cpd_day *ends_on) {
  if (!r || year < 1 || year > r->summary.period_years)
    return CPD_EINVAL;
  if (starts_on)
    *starts_on = r->year_starts[year - 1];
  if (ends_on)
    *ends_on = r->year_ends[year - 1];
  return CPD_OK;
}

size_t cpd_result_section_count(const cpd_result *r) {
  return r ? r->section_count : 0;
}

const cpd_section_total *cpd_result_section(const cpd_result *r, size_t i) {
  return r && i < r->section_count ? &r->sections[i] : NULL;
}

size_t cpd_result_activity_count(const cpd_result *r) {
  return r ? r->activity_count : 0;
}

const cpd_activity_result *cpd_result_activity(const cpd_result *r, size_t i) {
  return r && i < r->activity_count ? &r->activities[i] : NULL;
}

size_t cpd_result_activity_row(const cpd_result *r, size_t i) {
  return r && i < r->activity_count ? r->rows[i] : 0;
}
