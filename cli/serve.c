/* serve.c - `cpd serve`: the renewal form as a web page and a small JSON
 * API over HTTP/1.1, on libmicrohttpd (docs/API.md).  A pool of worker
 * threads shares one immutable policy; each worker has its own reusable
 * checker.  Stateless: no request body is stored or logged; the access
 * log has method, path (no query), status, bytes and time only.  SIGTERM
 * or SIGINT stops it gracefully: no new connection is taken, requests in
 * flight finish.  The answers come from serve_router.c.
 *
 * libmicrohttpd's own timeout only closes a connection that sends
 * nothing, so a client that drips a byte a second would keep its slot for
 * ever.  Every connection here has a deadline instead, kept in a registry
 * that a reaper thread walks: its request head must be complete within
 * --timeout seconds of its opening (or of its previous answer), its body
 * and its answer must move at MIN_RATE at least.  The reaper shuts down
 * the socket of a connection past its deadline, and libmicrohttpd then
 * closes it and frees its memory.  A new connection over
 * --max-connections takes the place of the one that has waited longest
 * for its request head; a request is answered 503 when more than
 * --max-connections are being served, or when its body would take the
 * bodies in flight past their budget.
 *
 * A request whose head is faulty (serve_check_head) is answered at once
 * and its connection closed.  An answer that has to go while the body is
 * still coming (a chunked body past the limit) cannot be queued in
 * libmicrohttpd at that point, so it is written on the socket here
 * (raw_answer), the writing side shut, and the rest of the body read and
 * dropped until the client closes or the deadline comes. */
#define _POSIX_C_SOURCE 200809L
#include <arpa/inet.h>
#include <errno.h>
#include <limits.h>
#include <netdb.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "cli.h"
#include "serve.h"

#define DEFAULT_LISTEN "127.0.0.1:8080"
#define DEFAULT_MAX_CONNECTIONS 512
#define DEFAULT_TIMEOUT 15 /* seconds a connection may stay idle or slow */
/* A refused body (413, 415, ...) is read and dropped, so that a client
 * that writes it all before reading gets the answer, up to this many
 * times the body limit; past that the answer goes at once and the
 * connection is closed. */
#define DRAIN_FACTOR 4
/* Bytes per second a body or an answer must move at least: a body's
 * deadline is --timeout after its head plus what came of it at this rate
 * (so a body that stalls or drips is closed --timeout after it fell
 * behind); an answer's is --timeout plus its length at this rate. */
#define MIN_RATE 16384
/* The bodies in flight may hold at most this many times the body limit
 * (64 MiB with the default 4 MiB): what they hold is the memory their
 * bytes take as they come (not what their Content-Length says, which a
 * client could claim and never send).  When it is all taken, a new
 * upload gets 503 at once, and one that would grow past it gets 503 and
 * is closed. */
#define BODY_BUDGET_FACTOR 16
/* libmicrohttpd's memory pool of a connection: its request head, query
 * arguments and the head of its answer.  Several times SERVE_MAX_HEAD,
 * so that an oversized head still reaches serve_check_head and gets a
 * 431 with the documented headers; a head larger than the pool gets
 * libmicrohttpd's own 431 (docs/API.md). */
#define HEAD_POOL (256 * 1024)
#define REAP_TICK_MS 100
/* The first buffer of a body (it doubles as the body comes). */
#define FIRST_PIECE 16384
/* To make room, a connection may be closed that has waited this long for
 * its request head, or whose body is this far behind MIN_RATE: a fresh
 * one is given the time to send its head (or its body) at once. */
#define GRACE_MS 250

/* What a connection is doing, for its deadline. */
enum { PH_WAIT, PH_BODY, PH_ANSWER, PH_CLOSING };

/* One connection (libmicrohttpd's socket context), in the registry from
 * its opening to its closing. */
typedef struct conn {
  struct conn *prev, *next; /* server.reg_lock */
  int fd;
  atomic_int cut;         /* shut down by the reaper or an eviction */
  atomic_int phase;       /* PH_* */
  atomic_llong deadline;  /* CLOCK_MONOTONIC ms */
  atomic_llong since;     /* when it began to wait for a request head */
  atomic_llong body_from; /* when its request head was complete */
  atomic_ullong received; /* bytes of its body so far */
} conn;

typedef struct server {
  serve_config cfg;
  struct MHD_Daemon *daemon;
  atomic_uint connections; /* open connections */
  atomic_uint in_flight;   /* requests begun (request line) not completed */
  atomic_int stopping;     /* SIGTERM/SIGINT came: answer, then close */
  atomic_ulong served;
  atomic_ulong cut_late;       /* connections shut at their deadline */
  atomic_ulong cut_evicted;    /* shut to make room for a new one */
  atomic_size_t body_reserved; /* bytes of the bodies in flight */
  size_t body_budget;
  unsigned max_connections;
  long long timeout_ms;
  int log;              /* access log on stderr */
  pthread_mutex_t lock; /* the registry of the workers' checkers */
  cpd_checker **checkers;
  size_t nchecker, cap_checker;
  pthread_mutex_t reg_lock; /* the registry of connections */
  conn *conns;
  unsigned live; /* connections in the registry not cut (reg_lock) */
  pthread_t reaper;
  atomic_int reaper_stop;
} server;

/* One request, from its headers to its completion. */
typedef struct request_ctx {
  server *srv;
  struct MHD_Connection *conn;
  conn *c; /* its connection in the registry (NULL: not tracked) */
  serve_request req;
  serve_response resp;
  int begun;    /* the head was complete and seen */
  int accepted; /* serve_begin said: read the body */
  int answered;
  int raw;     /* answered on the socket, mid-body (raw_answer) */
  int raw_all; /* and all of it was sent */
  unsigned status;
  size_t bytes;
  size_t target_len;
  char method[16];
  char path[1024]; /* a copy: the log is written after the answer */
  char *body;
  size_t len, cap;
  size_t reserved;             /* of server.body_reserved */
  unsigned long long received; /* body bytes that came */
  unsigned long long dropped;  /* body bytes read and not kept */
  struct timespec started;
} request_ctx;

/* ------------------------------------------------------------ deadlines */

static long long now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (long long)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* ms to move n bytes at MIN_RATE */
static long long at_min_rate(unsigned long long n) {
  return (long long)(n / MIN_RATE * 1000 + n % MIN_RATE * 1000 / MIN_RATE);
}

/* Waiting for a request head: complete within --timeout. */
static void conn_wait(const server *s, conn *c) {
  long long t = now_ms();
  if (!c)
    return;
  atomic_store(&c->since, t);
  atomic_store(&c->deadline, t + s->timeout_ms);
  atomic_store(&c->phase, PH_WAIT);
}

/* Reading a body: --timeout for its first bytes. */
static void conn_body(const server *s, conn *c) {
  long long t = now_ms();
  if (!c)
    return;
  atomic_store(&c->body_from, t);
  atomic_store(&c->received, 0);
  atomic_store(&c->deadline, t + s->timeout_ms);
  atomic_store(&c->phase, PH_BODY);
}

/* received bytes of the body came: each gets it more time, at
 * MIN_RATE. */
static void conn_body_came(const server *s, conn *c,
                           unsigned long long received) {
  long long due;
  if (!c)
    return;
  atomic_store(&c->received, received);
  due = atomic_load(&c->body_from) + s->timeout_ms + at_min_rate(received);
  if (due > atomic_load(&c->deadline))
    atomic_store(&c->deadline, due);
}

/* Sending an answer of len bytes. */
static void conn_answer(const server *s, conn *c, size_t len) {
  if (!c)
    return;
  atomic_store(&c->deadline, now_ms() + s->timeout_ms + at_min_rate(len));
  atomic_store(&c->phase, PH_ANSWER);
}

/* Answered mid-body: the rest is dropped until the client closes, for
 * --timeout at most. */
static void conn_closing(const server *s, conn *c) {
  if (!c)
    return;
  atomic_store(&c->deadline, now_ms() + s->timeout_ms);
  atomic_store(&c->phase, PH_CLOSING);
}

/* Shuts the socket down; libmicrohttpd's thread sees it closed, closes
 * the connection and frees it (on_connection removes it from the
 * registry, under reg_lock, before the descriptor is closed, so the
 * descriptor is still this connection's).  Under reg_lock. */
static void cut(server *s, conn *c) {
  if (c->fd >= 0 && shutdown(c->fd, SHUT_RDWR) != 0) {
    /* already gone: libmicrohttpd closes it anyway */
  }
  atomic_store(&c->cut, 1);
  s->live--;
}

/* May c be closed to make room: it has waited for a request head (idle,
 * or dripping it) or its body comes slower than MIN_RATE, for longer than
 * GRACE_MS. */
static int evictable(const conn *c, long long t) {
  int phase = atomic_load(&c->phase);
  if (atomic_load(&c->cut))
    return 0;
  if (phase == PH_WAIT)
    return t - atomic_load(&c->since) > GRACE_MS;
  return phase == PH_BODY &&
         t - atomic_load(&c->body_from) >
             at_min_rate(atomic_load(&c->received)) + GRACE_MS;
}

/* Makes room for fresh when more than --max-connections are open: the
 * connection nearest its deadline among those that may go (evictable)
 * is closed.  0 when none may (fresh is then answered 503).  Under
 * reg_lock. */
static int make_room_locked(server *s, const conn *fresh) {
  conn *c, *victim = NULL;
  long long t = now_ms();
  if (s->live <= s->max_connections)
    return 1;
  for (c = s->conns; c; c = c->next)
    if (c != fresh && evictable(c, t) &&
        (!victim || atomic_load(&c->deadline) < atomic_load(&victim->deadline)))
      victim = c;
  if (!victim)
    return 0;
  cut(s, victim);
  atomic_fetch_add(&s->cut_evicted, 1);
  return 1;
}

static int make_room(server *s, const conn *fresh) {
  int ok;
  pthread_mutex_lock(&s->reg_lock);
  ok = make_room_locked(s, fresh);
  pthread_mutex_unlock(&s->reg_lock);
  return ok;
}

static void *reaper_main(void *arg) {
  server *s = arg;
  while (!atomic_load(&s->reaper_stop)) {
    struct timespec nap = {0, REAP_TICK_MS * 1000 * 1000};
    long long t;
    conn *c;
    nanosleep(&nap, NULL);
    t = now_ms();
    pthread_mutex_lock(&s->reg_lock);
    for (c = s->conns; c; c = c->next)
      if (!atomic_load(&c->cut) && t >= atomic_load(&c->deadline)) {
        cut(s, c);
        atomic_fetch_add(&s->cut_late, 1);
      }
    /* Room is made when a connection arrives; but connections that came
     * all at once, none yet past GRACE_MS, can fill libmicrohttpd up to
     * its hard limit, and then it accepts none that would make room.  So
     * the connections over --max-connections go here too, as soon as
     * they may. */
    while (s->live > s->max_connections && make_room_locked(s, NULL))
      ;
    pthread_mutex_unlock(&s->reg_lock);
  }
  return NULL;
}

static conn *conn_of(struct MHD_Connection *mc) {
  const union MHD_ConnectionInfo *ci =
      MHD_get_connection_info(mc, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
  return ci ? ci->socket_context : NULL;
}

/* ------------------------------------------------------------- checkers */

static _Thread_local cpd_checker *worker_checker;

/* The checker of the calling worker thread, made on its first request and
 * freed by the main thread once the workers have stopped.  NULL when out
 * of memory (the router then makes one for the call). */
static cpd_checker *checker_of_worker(server *s) {
  cpd_checker *c = NULL;
  if (worker_checker)
    return worker_checker;
  if (cpd_checker_new(&c, s->cfg.policy, NULL, NULL) != CPD_OK)
    return NULL;
  pthread_mutex_lock(&s->lock);
  if (s->nchecker == s->cap_checker) {
    size_t cap = s->cap_checker ? s->cap_checker * 2 : 8;
    cpd_checker **nc = realloc(s->checkers, cap * sizeof *nc);
    if (!nc) {
      pthread_mutex_unlock(&s->lock);
      cpd_checker_free(c);
      return NULL;
    }
    s->checkers = nc;
    s->cap_checker = cap;
  }
  s->checkers[s->nchecker++] = c;
  pthread_mutex_unlock(&s->lock);
  worker_checker = c;
  return c;
}

/* ------------------------------------------------------------------ log */

/* Bytes of the method or path as printable ASCII: others as %XX. */
static void log_text(char *out, size_t cap, const char *s) {
  static const char hex[] = "0123456789ABCDEF";
  size_t n = 0;
  for (; *s && n + 4 < cap; s++) {
    unsigned char c = (unsigned char)*s;
    if (c > 0x20 && c < 0x7f && c != '%') {
      out[n++] = (char)c;
    } else {
      out[n++] = '%';
      out[n++] = hex[c >> 4];
      out[n++] = hex[c & 15];
    }
  }
  if (*s && n + 4 >= cap && cap >= 4)
    n = cap - 4, out[n++] = '.', out[n++] = '.', out[n++] = '.';
  out[n] = '\0';
}

static double ms_since(const struct timespec *t0) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)(t.tv_sec - t0->tv_sec) * 1e3 +
         (double)(t.tv_nsec - t0->tv_nsec) / 1e6;
}

/* Writes one log line with one write(2), so that the lines of the
 * worker threads never interleave. */
static void log_line(const char *line, size_t len) {
  while (len > 0) {
    ssize_t n = write(STDERR_FILENO, line, len);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return; /* the log is lost, the server goes on */
    line += n;
    len -= (size_t)n;
  }
}

/* One line per request: time (UTC), method, path, status, bytes,
 * milliseconds.  Never the query, a header or the body. */
static void access_log(const request_ctx *x, unsigned status, int complete) {
  char when[32], code[16], line[1200];
  struct timespec now;
  struct tm tm;
  int n;
  clock_gettime(CLOCK_REALTIME, &now);
  gmtime_r(&now.tv_sec, &tm);
  strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
  if (status && complete)
    snprintf(code, sizeof code, "%u", status);
  else if (status)
    snprintf(code, sizeof code, "%u!", status); /* not all sent */
  else
    snprintf(code, sizeof code, "-");
  n = snprintf(line, sizeof line, "%s %s %s %s %zu %.3fms\n", when, x->method,
               x->path, code, x->bytes, ms_since(&x->started));
  if (n > 0)
    log_line(line, (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
}

static void mhd_logger(void *cls, const char *fmt, va_list ap) {
  char msg[512], *line = NULL;
  size_t len = 0;
  FILE *f;
  (void)cls;
  /* the format is libmicrohttpd's own (its MHD_OPTION_EXTERNAL_LOGGER) */
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#endif
  vsnprintf(msg, sizeof msg, fmt, ap);
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif
  msg[strcspn(msg, "\r\n")] = '\0';
  f = open_memstream(&line, &len);
  if (!f)
    return;
  fputs("cpd serve: libmicrohttpd: ", f);
  cli_fputs_safe(f, msg, 0); /* it may quote what a client sent */
  fputc('\n', f);
  if (fclose(f) == 0)
    log_line(line, len);
  free(line);
}

/* ------------------------------------------------------------- requests */

static const char *lookup_header(void *ctx, const char *name) {
  return MHD_lookup_connection_value(((request_ctx *)ctx)->conn,
                                     MHD_HEADER_KIND, name);
}

/* A bare `?name` is there with no value: "" (so that it is refused like
 * `?name=` rather than taken as absent). */
static const char *lookup_query(void *ctx, const char *name) {
  const char *v = NULL;
  if (MHD_lookup_connection_value_n(((request_ctx *)ctx)->conn,
                                    MHD_GET_ARGUMENT_KIND, name, strlen(name),
                                    &v, NULL) != MHD_YES)
    return NULL;
  return v ? v : "";
}

typedef struct field_walk {
  serve_field_fn fn;
  void *arg;
  int stop;
} field_walk;

static enum MHD_Result walk_field(void *cls, enum MHD_ValueKind kind,
                                  const char *key, const char *value) {
  field_walk *w = cls;
  (void)kind;
  w->stop = w->fn(w->arg, key ? key : "", value ? value : "");
  return w->stop ? MHD_NO : MHD_YES;
}

static int each_header(void *ctx, serve_field_fn fn, void *arg) {
  field_walk w = {fn, arg, 0};
  MHD_get_connection_values(((request_ctx *)ctx)->conn, MHD_HEADER_KIND,
                            walk_field, &w);
  return w.stop;
}

typedef int (*header_fn)(void *arg, const char *name, const char *value);

/* The header fields of every answer (docs/API.md "Security"), given to
 * emit one by one: for libmicrohttpd's response, or for raw_answer. */
static int answer_headers(const server *s, const serve_response *a,
                          header_fn emit, void *arg) {
  int ok = 1;
  if (a->content_type)
    ok &= emit(arg, MHD_HTTP_HEADER_CONTENT_TYPE, a->content_type);
  ok &= emit(arg, "Content-Security-Policy", SERVE_CSP);
  ok &= emit(arg, "X-Content-Type-Options", "nosniff");
  ok &= emit(arg, "Referrer-Policy", "no-referrer");
  ok &= emit(arg, "X-Frame-Options", "DENY");
  ok &= emit(arg, "Cross-Origin-Resource-Policy", "same-origin");
  ok &= emit(arg, MHD_HTTP_HEADER_CACHE_CONTROL,
             a->cache ? a->cache : "no-store");
  if (a->allow)
    ok &= emit(arg, MHD_HTTP_HEADER_ALLOW, a->allow);
  /* with CORS the answer depends on Origin: caches must know */
  if (s->cfg.allow_origin)
    ok &= emit(arg, "Vary", "Origin");
  if (a->allow_origin) {
    ok &= emit(arg, "Access-Control-Allow-Origin", a->allow_origin);
    if (a->preflight) {
      ok &= emit(arg, "Access-Control-Allow-Methods",
                 a->allow ? a->allow : "GET, HEAD, POST, OPTIONS");
      ok &= emit(arg, "Access-Control-Allow-Headers", "Content-Type");
      ok &= emit(arg, "Access-Control-Max-Age", "600");
    }
  }
  if (a->status == 503)
    ok &= emit(arg, "Retry-After", "1");
  if (a->close)
    ok &= emit(arg, MHD_HTTP_HEADER_CONNECTION, "close");
  return ok;
}

static int add_header(void *r, const char *name, const char *value) {
  return MHD_add_response_header(r, name, value) == MHD_YES;
}

static enum MHD_Result send_answer(request_ctx *x) {
  serve_response *a = &x->resp;
  struct MHD_Response *r;
  enum MHD_Result ret;
  if (atomic_load(&x->srv->stopping))
    a->close = 1;
  if (a->owned) {
    /* MHD frees it with free() once sent */
    r = MHD_create_response_from_buffer(a->len, a->owned,
                                        MHD_RESPMEM_MUST_FREE);
    if (r)
      a->owned = NULL;
  } else {
    r = MHD_create_response_from_buffer(a->len, (void *)(uintptr_t)a->body,
                                        MHD_RESPMEM_PERSISTENT);
  }
  if (!r)
    return MHD_NO;
  if (!answer_headers(x->srv, a, add_header, r)) {
    MHD_destroy_response(r);
    return MHD_NO;
  }
  x->status = a->status;
  x->bytes = a->len;
  x->answered = 1;
  conn_answer(x->srv, x->c, a->len);
  ret = MHD_queue_response(x->conn, a->status, r);
  MHD_destroy_response(r);
  serve_response_clear(a);
  return ret;
}

static int put_header(void *f, const char *name, const char *value) {
  return fprintf(f, "%s: %s\r\n", name, value) > 0;
}

/* The answer written on the socket while the body is still coming (which
 * libmicrohttpd cannot queue then): then the writing side is shut, so the
 * client reads the answer and its end, and the rest of the body is read
 * and dropped until the client closes (or the deadline, conn_closing);
 * libmicrohttpd closes the connection when the body ends. */
static enum MHD_Result raw_answer(request_ctx *x) {
  serve_response *a = &x->resp;
  const union MHD_ConnectionInfo *ci =
      MHD_get_connection_info(x->conn, MHD_CONNECTION_INFO_CONNECTION_FD);
  const char *reason = MHD_get_reason_phrase_for(a->status);
  char *buf = NULL, date[64];
  size_t len = 0;
  struct tm tm;
  time_t t = time(NULL);
  FILE *f;
  int ok;
  a->close = 1;
  gmtime_r(&t, &tm);
  strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  f = open_memstream(&buf, &len);
  if (!f || !ci)
    return MHD_NO;
  fprintf(f, "HTTP/1.1 %u %s\r\nDate: %s\r\nContent-Length: %zu\r\n", a->status,
          reason && *reason ? reason : "Error", date, a->len);
  ok = answer_headers(x->srv, a, put_header, f);
  fputs("\r\n", f);
  fwrite(a->body, 1, a->len, f);
  if (fclose(f) != 0 || !ok) {
    free(buf);
    return MHD_NO;
  }
  {
    ssize_t n = send(ci->connect_fd, buf, len, MSG_NOSIGNAL | MSG_DONTWAIT);
    x->raw_all = n >= 0 && (size_t)n == len;
  }
  free(buf);
  if (shutdown(ci->connect_fd, SHUT_WR) != 0) {
    /* the client is gone: libmicrohttpd sees it and closes */
  }
  x->raw = 1;
  x->answered = 1;
  x->status = a->status;
  x->bytes = a->len;
  serve_response_clear(a);
  conn_closing(x->srv, x->c);
  return MHD_YES;
}

/* Takes n more bytes of the budget for bodies in flight; 0 when they do
 * not fit. */
static int reserve(request_ctx *x, size_t n) {
  server *s = x->srv;
  size_t cur = atomic_load(&s->body_reserved);
  do {
    if (n > s->body_budget - cur)
      return 0;
  } while (!atomic_compare_exchange_weak(&s->body_reserved, &cur, cur + n));
  x->reserved += n;
  return 1;
}

/* Appends body bytes, up to the limit; past it nothing more is kept.
 * -1 when the budget for bodies in flight has no room for them. */
static int take_body(request_ctx *x, const char *data, size_t n) {
  size_t max = x->srv->cfg.max_body;
  if (x->req.body_too_large || x->accepted < 0) {
    x->dropped += n;
    return 0;
  }
  if (n > max - x->len) {
    x->req.body_too_large = 1;
    x->dropped = x->len + n;
    free(x->body);
    x->body = NULL;
    x->len = x->cap = 0;
    return 0;
  }
  if (x->len + n + 1 > x->cap) { /* + 1: a NUL after the body */
    size_t cap = x->cap ? x->cap : FIRST_PIECE;
    char *nb;
    while (cap < x->len + n + 1)
      cap = cap > max / 2 ? max + 1 : cap * 2;
    if (cap > x->reserved && !reserve(x, cap - x->reserved))
      return -1;
    nb = realloc(x->body, cap);
    if (!nb) { /* answered as out of memory at the end */
      free(x->body);
      x->body = NULL;
      x->len = x->cap = 0;
      x->accepted = -1;
      return 0;
    }
    x->body = nb;
    x->cap = cap;
  }
  memcpy(x->body + x->len, data, n);
  x->len += n;
  /* the engine reads len bytes; a NUL after them costs nothing and keeps
   * a read one past the end (fixed in scan.c, found by the fuzzers) from
   * ever leaving the buffer */
  x->body[x->len] = '\0';
  return 0;
}

/* The request's Content-Length (serve_check_head let at most one well-
 * formed one through), or -1 when it has none. */
static long long content_length(const request_ctx *x) {
  const char *cl = MHD_lookup_connection_value(x->conn, MHD_HEADER_KIND,
                                               MHD_HTTP_HEADER_CONTENT_LENGTH);
  unsigned long long n;
  char *end;
  if (!cl)
    return -1;
  errno = 0;
  n = strtoull(cl, &end, 10);
  if (errno || end == cl || n > LLONG_MAX)
    return LLONG_MAX;
  return (long long)n;
}

static int has_body(const request_ctx *x) {
  return content_length(x) > 0 ||
         MHD_lookup_connection_value(x->conn, MHD_HEADER_KIND,
                                     MHD_HTTP_HEADER_TRANSFER_ENCODING);
}

/* The client waits for "100 Continue" before it sends the body: a refusal
 * goes at once instead. */
static int expects_continue(const request_ctx *x) {
  const char *e =
      MHD_lookup_connection_value(x->conn, MHD_HEADER_KIND, "Expect");
  return e && strcasecmp(e, "100-continue") == 0;
}

static request_ctx *new_request(server *s, struct MHD_Connection *mc,
                                const char *uri) {
  request_ctx *x = calloc(1, sizeof *x);
  if (!x)
    return NULL;
  clock_gettime(CLOCK_MONOTONIC, &x->started);
  x->srv = s;
  x->conn = mc;
  x->c = conn_of(mc);
  snprintf(x->method, sizeof x->method, "-"); /* until the head is seen */
  if (uri) {
    char path[sizeof x->path];
    size_t n = strcspn(uri, "?");
    x->target_len = strlen(uri);
    if (n >= sizeof path)
      n = sizeof path - 1;
    memcpy(path, uri, n);
    path[n] = '\0';
    log_text(x->path, sizeof x->path, path);
  }
  x->req.header = lookup_header;
  x->req.query = lookup_query;
  x->req.each_header = each_header;
  x->req.ctx = x;
  atomic_fetch_add(&s->in_flight, 1);
  return x;
}

/* libmicrohttpd's request-line callback: a request begins (its context
 * is made here, so that one cut before its head is complete is logged,
 * and the target's length is known before the query is split off). */
static void *on_request_line(void *cls, const char *uri,
                             struct MHD_Connection *mc) {
  return new_request(cls, mc, uri);
}

/* The head is complete: is it answered at once (1, x->resp set) or is
 * its body read (0)? */
static int begin(request_ctx *x, const char *url, const char *method,
                 const char *version) {
  server *s = x->srv;
  long long cl;
  x->begun = 1;
  log_text(x->method, sizeof x->method, method);
  log_text(x->path, sizeof x->path, url);
  x->req.method = method;
  x->req.path = url;
  x->req.version = version;
  x->req.target_len = x->target_len;
  x->req.nquery = (size_t)MHD_get_connection_values(
      x->conn, MHD_GET_ARGUMENT_KIND, NULL, NULL);
  /* a request without a body is answered at once and needs nothing
   * more; one with a body needs its place */
  if (has_body(x) && !make_room(s, x->c)) {
    serve_overloaded(&x->resp);
    return 1;
  }
  if (serve_check_head(&s->cfg, &x->req, &x->resp))
    return 1;
  x->accepted = serve_begin(&s->cfg, &x->req, &x->resp);
  cl = content_length(x);
  if (!x->accepted) {
    /* An answer queued now, before the whole request was read, makes MHD
     * close the connection after it; so the others wait for the next
     * call, once any body has been read (and dropped when refused) */
    if (has_body(x) && (expects_continue(x) ||
                        cl > (long long)(s->cfg.max_body * DRAIN_FACTOR))) {
      x->resp.close = 1;
      return 1;
    }
    if (has_body(x))
      conn_body(s, x->c);
    return 0;
  }
  if (has_body(x) &&
      atomic_load(&s->body_reserved) + FIRST_PIECE > s->body_budget) {
    serve_overloaded(&x->resp); /* the bodies in flight hold it all */
    return 1;
  }
  conn_body(s, x->c);
  return 0;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *mc,
                                  const char *url, const char *method,
                                  const char *version, const char *upload,
                                  size_t *upload_size, void **con_cls) {
  server *s = cls;
  request_ctx *x = *con_cls;
  if (!x) { /* out of memory in on_request_line */
    x = new_request(s, mc, NULL);
    if (!x)
      return MHD_NO; /* MHD closes the connection */
    *con_cls = x;
  }
  if (!x->begun) {
    if (x->c && atomic_load(&x->c->cut))
      return MHD_NO; /* past its deadline already */
    if (begin(x, url, method, version))
      return send_answer(x);
    return MHD_YES;
  }
  if (x->raw) { /* answered: the rest is dropped, then the connection closes */
    if (!*upload_size)
      return MHD_NO;
    *upload_size = 0;
    return MHD_YES;
  }
  if (x->answered) { /* an early answer: the rest of the body is dropped */
    *upload_size = 0;
    return MHD_YES;
  }
  if (*upload_size) {
    size_t n = *upload_size;
    *upload_size = 0;
    x->received += n;
    conn_body_came(s, x->c, x->received);
    if (x->accepted > 0) {
      if (take_body(x, upload, n) < 0) {
        serve_overloaded(&x->resp); /* the budget for bodies in flight */
        return raw_answer(x);
      }
      if (x->req.body_too_large) { /* chunked, past the limit */
        serve_finish(&s->cfg, NULL, &x->req, &x->resp);
        return raw_answer(x);
      }
    } else {
      x->dropped += n;
      if (x->dropped > (unsigned long long)s->cfg.max_body * DRAIN_FACTOR)
        return raw_answer(x);
    }
    return MHD_YES;
  }
  if (!x->accepted) /* answered by serve_begin; any body was dropped */
    return send_answer(x);
  if (x->accepted < 0) {
    serve_out_of_memory(&x->resp);
    return send_answer(x);
  }
  x->req.body = x->body ? x->body : "";
  x->req.body_len = x->len;
  serve_finish(&s->cfg, checker_of_worker(s), &x->req, &x->resp);
  free(x->body);
  x->body = NULL;
  x->req.body = NULL;
  return send_answer(x);
}

static void on_completed(void *cls, struct MHD_Connection *mc, void **con_cls,
                         enum MHD_RequestTerminationCode toe) {
  server *s = cls;
  request_ctx *x = *con_cls;
  unsigned status;
  int complete;
  if (!x)
    return;
  if (x->raw) {
    status = x->status;
    complete = x->raw_all;
  } else if (x->answered) {
    status = x->status;
    complete = toe == MHD_REQUEST_TERMINATED_COMPLETED_OK;
  } else {
    /* libmicrohttpd's own answer (a head it refused), or none */
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(mc, MHD_CONNECTION_INFO_HTTP_STATUS);
    status = ci ? ci->http_status : 0;
    complete = toe == MHD_REQUEST_TERMINATED_COMPLETED_OK;
  }
  if (s->log)
    access_log(x, status, complete);
  if (x->answered && !x->raw && toe == MHD_REQUEST_TERMINATED_COMPLETED_OK)
    atomic_fetch_add(&s->served, 1);
  if (x->reserved)
    atomic_fetch_sub(&s->body_reserved, x->reserved);
  if (toe == MHD_REQUEST_TERMINATED_COMPLETED_OK && !x->raw)
    conn_wait(s, x->c); /* keep-alive: the next head within --timeout */
  serve_response_clear(&x->resp);
  free(x->body);
  free(x);
  *con_cls = NULL;
  atomic_fetch_sub(&s->in_flight, 1);
}

static void on_connection(void *cls, struct MHD_Connection *mc,
                          void **socket_ctx,
                          enum MHD_ConnectionNotificationCode toe) {
  server *s = cls;
  conn *c = *socket_ctx;
  if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(mc, MHD_CONNECTION_INFO_CONNECTION_FD);
    atomic_fetch_add(&s->connections, 1);
    c = calloc(1, sizeof *c);
    if (!c) { /* it could not be watched: refused */
      if (ci && shutdown(ci->connect_fd, SHUT_RDWR) != 0) {
        /* gone already */
      }
      return;
    }
    c->fd = ci ? ci->connect_fd : -1;
    conn_wait(s, c);
    pthread_mutex_lock(&s->reg_lock);
    c->next = s->conns;
    if (s->conns)
      s->conns->prev = c;
    s->conns = c;
    s->live++;
    make_room_locked(s, c); /* when none may go, its request gets 503 */
    pthread_mutex_unlock(&s->reg_lock);
    *socket_ctx = c;
    return;
  }
  atomic_fetch_sub(&s->connections, 1);
  if (!c)
    return;
  pthread_mutex_lock(&s->reg_lock);
  if (!atomic_load(&c->cut))
    s->live--;
  if (c->prev)
    c->prev->next = c->next;
  else
    s->conns = c->next;
  if (c->next)
    c->next->prev = c->prev;
  pthread_mutex_unlock(&s->reg_lock);
  free(c);
  *socket_ctx = NULL;
}

/* ------------------------------------------------------------- options */

typedef struct serve_opts {
  const char *listen, *policy, *threads, *allow_origin, *max_connections,
      *timeout, *access_log, *lang, *max_per_client;
  int help;
} serve_opts;

/* a usage error of this command (a literal format, checked) */
#define usage(...) cli_usage("serve", __VA_ARGS__)

/* A whole decimal number in lo..hi. */
static int number(const char *text, long lo, long hi, long *out) {
  char *end;
  long v;
  errno = 0;
  v = strtol(text, &end, 10);
  if (errno || end == text || *end || v < lo || v > hi)
    return -1;
  *out = v;
  return 0;
}

/* "HOST:PORT" or "[IPv6]:PORT" to a socket address. */
static int parse_listen(const char *text, struct sockaddr_storage *ss,
                        socklen_t *sl) {
  char host[256], port[8];
  const char *colon;
  size_t hn;
  long p;
  struct addrinfo hints, *res = NULL;
  if (text[0] == '[') {
    const char *close = strchr(text, ']');
    if (!close || close[1] != ':')
      return -1;
    hn = (size_t)(close - text - 1);
    if (hn >= sizeof host)
      return -1;
    memcpy(host, text + 1, hn);
    colon = close + 1;
  } else {
    colon = strrchr(text, ':');
    if (!colon)
      return -1;
    hn = (size_t)(colon - text);
    if (hn == 0 || hn >= sizeof host)
      return -1;
    memcpy(host, text, hn);
  }
  host[hn] = '\0';
  if (number(colon + 1, 0, 65535, &p) != 0)
    return -1;
  snprintf(port, sizeof port, "%ld", p);
  memset(&hints, 0, sizeof hints);
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  if (getaddrinfo(host, port, &hints, &res) != 0 || !res)
    return -1;
  if (res->ai_addrlen > sizeof *ss) {
    freeaddrinfo(res);
    return -1;
  }
  memcpy(ss, res->ai_addr, res->ai_addrlen);
  *sl = res->ai_addrlen;
  freeaddrinfo(res);
  return 0;
}

static void address_text(char *out, size_t cap,
                         const struct sockaddr_storage *ss, unsigned port) {
  char ip[INET6_ADDRSTRLEN] = "?";
  if (ss->ss_family == AF_INET6) {
    inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)ss)->sin6_addr, ip,
              sizeof ip);
    snprintf(out, cap, "http://[%s]:%u/", ip, port);
  } else {
    inet_ntop(AF_INET, &((const struct sockaddr_in *)ss)->sin_addr, ip,
              sizeof ip);
    snprintf(out, cap, "http://%s:%u/", ip, port);
  }
}

static int parse_opts(int argc, char **argv, serve_opts *o) {
  /* no flags: `cpd serve --an-option` alone is a usage error, never a
   * server that starts */
  static const char *const log_choices[] = {"stderr", "none", NULL};
  const cli_option options[] = {
      {"--listen", NULL, &o->listen, NULL, NULL, NULL, NULL},
      {"--policy", NULL, &o->policy, NULL, NULL, NULL, NULL},
      {"--threads", NULL, &o->threads, NULL, NULL, NULL, NULL},
      {"--allow-origin", NULL, &o->allow_origin, NULL, NULL, NULL, NULL},
      {"--max-connections", NULL, &o->max_connections, NULL, NULL, NULL, NULL},
      {"--max-per-client", NULL, &o->max_per_client, NULL, NULL, NULL, NULL},
      {"--timeout", NULL, &o->timeout, NULL, NULL, NULL, NULL},
      {"--access-log", NULL, &o->access_log, NULL, log_choices, NULL, NULL},
      {"--lang", NULL, &o->lang, NULL, cli_lang_choices, NULL, NULL}};
  memset(o, 0, sizeof *o);
  return cli_parse_args("serve", argc, argv, options,
                        sizeof options / sizeof options[0], NULL, 0, &o->help);
}

/* ------------------------------------------------------------- running */

/* Waits for SIGTERM or SIGINT (blocked in every thread), then stops
 * taking connections and lets the requests in flight finish (at most
 * timeout + 5 seconds: a stalled client is cut by the connection timeout
 * anyway).  The listening socket, which libmicrohttpd gives back, is
 * shut down at once, so that a new connection is refused, but closed only
 * after MHD_stop_daemon: its workers may still use the descriptor until
 * then (ThreadSanitizer saw a close race with a worker's epoll_ctl, and a
 * descriptor closed early may be reused by another socket). */
static MHD_socket run_until_signal(server *s, const sigset_t *set,
                                   long timeout) {
  int sig = 0;
  struct timespec t0;
  MHD_socket fd;
  while (sigwait(set, &sig) != 0)
    ;
  atomic_store(&s->stopping, 1);
  fprintf(stderr, "cpd serve: %s: finishing the requests in flight\n",
          sig == SIGINT ? "SIGINT" : "SIGTERM");
  fd = MHD_quiesce_daemon(s->daemon);
  if (fd != MHD_INVALID_SOCKET && shutdown(fd, SHUT_RDWR) != 0) {
    /* not listening any more anyway */
  }
  clock_gettime(CLOCK_MONOTONIC, &t0);
  while (atomic_load(&s->in_flight) > 0 &&
         ms_since(&t0) < (double)(timeout + 5) * 1e3) {
    struct timespec nap = {0, 10 * 1000 * 1000};
    nanosleep(&nap, NULL);
  }
  return fd;
}

int cli_cmd_serve(int argc, char **argv) {
  serve_opts o;
  server s;
  struct sockaddr_storage ss;
  socklen_t sl = 0;
  cpd_policy *policy = NULL;
  long threads, max_conn = DEFAULT_MAX_CONNECTIONS, timeout = DEFAULT_TIMEOUT;
  long per_client = 0;
  sigset_t set;
  MHD_socket listen_fd;
  unsigned flags, hard_limit;
  const union MHD_DaemonInfo *info;
  char url[96];
  int rc, ja;
  size_t i;

  rc = parse_opts(argc, argv, &o);
  if (rc)
    return rc;
  ja = cli_lang(o.lang);
  if (o.help)
    return cli_help("serve", ja);
  if (parse_listen(o.listen ? o.listen : DEFAULT_LISTEN, &ss, &sl) != 0)
    return usage("--listen takes HOST:PORT or [IPv6]:PORT, not '%s'", o.listen);
  {
    long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
    threads = ncpu > 0 ? (ncpu > 64 ? 64 : ncpu) : 1;
  }
  if (o.threads && number(o.threads, 1, 256, &threads) != 0)
    return usage("--threads takes a number from 1 to 256, not '%s'", o.threads);
  if (o.max_connections && number(o.max_connections, 1, 100000, &max_conn) != 0)
    return usage("--max-connections takes a number from 1 to 100000, not "
                 "'%s'",
                 o.max_connections);
  if (o.max_per_client && number(o.max_per_client, 0, 100000, &per_client) != 0)
    return usage("--max-per-client takes a number from 0 (no cap) to 100000, "
                 "not '%s'",
                 o.max_per_client);
  if (o.timeout && number(o.timeout, 1, 3600, &timeout) != 0)
    return usage("--timeout takes seconds from 1 to 3600, not '%s'", o.timeout);
  if (o.allow_origin &&
      (!o.allow_origin[0] || strpbrk(o.allow_origin, "\r\n ,")))
    return usage("--allow-origin takes one origin (https://example.jp) or "
                 "*, not '%s'",
                 o.allow_origin);
  rc = cli_load_policy(o.policy, ja, 0, &policy);
  if (rc)
    return rc;

  memset(&s, 0, sizeof s);
  s.cfg.policy = policy;
  s.cfg.allow_origin = o.allow_origin;
  s.cfg.max_body = CPD_DEFAULT_MAX_DOCUMENT_BYTES;
  s.max_connections = (unsigned)max_conn;
  s.timeout_ms = timeout * 1000;
  s.body_budget = s.cfg.max_body * BODY_BUDGET_FACTOR;
  s.log = !o.access_log || strcmp(o.access_log, "none") != 0;
  atomic_init(&s.connections, 0);
  atomic_init(&s.in_flight, 0);
  atomic_init(&s.stopping, 0);
  atomic_init(&s.served, 0);
  atomic_init(&s.cut_late, 0);
  atomic_init(&s.cut_evicted, 0);
  atomic_init(&s.body_reserved, 0);
  atomic_init(&s.reaper_stop, 0);
  pthread_mutex_init(&s.lock, NULL);
  pthread_mutex_init(&s.reg_lock, NULL);
  if (serve_config_init(&s.cfg) != 0) {
    cpd_policy_free(policy);
    fputs("cpd: out of memory\n", stderr);
    return EXIT_NOMEM;
  }

  /* the workers inherit the mask: only sigwait() sees these signals */
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, NULL);
  signal(SIGPIPE, SIG_IGN);

  /* past max_conn a request is answered 503; past hard_limit MHD does
   * not accept (each pool thread needs a share of the limit) */
  hard_limit = (unsigned)max_conn + 32;
  if (hard_limit < (unsigned)threads * 2)
    hard_limit = (unsigned)threads * 2;
  flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG;
  flags |= MHD_is_feature_supported(MHD_FEATURE_EPOLL) == MHD_YES
               ? MHD_USE_EPOLL
               : MHD_USE_POLL;
  if (ss.ss_family == AF_INET6)
    flags |= MHD_USE_IPv6;
  s.daemon = MHD_start_daemon(
      flags, 0, NULL, NULL, on_request, &s, MHD_OPTION_EXTERNAL_LOGGER,
      mhd_logger, NULL, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
      MHD_OPTION_THREAD_POOL_SIZE, (unsigned)(threads > 1 ? threads : 0),
      MHD_OPTION_CONNECTION_LIMIT, hard_limit, MHD_OPTION_CONNECTION_TIMEOUT,
      (unsigned)timeout, MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)HEAD_POOL,
      MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)per_client,
      MHD_OPTION_URI_LOG_CALLBACK, on_request_line, &s,
      MHD_OPTION_NOTIFY_COMPLETED, on_completed, &s,
      MHD_OPTION_NOTIFY_CONNECTION, on_connection, &s, MHD_OPTION_END);
  if (!s.daemon) {
    char shown[96];
    address_text(shown, sizeof shown, &ss,
                 ntohs(ss.ss_family == AF_INET6
                           ? ((struct sockaddr_in6 *)&ss)->sin6_port
                           : ((struct sockaddr_in *)&ss)->sin_port));
    fprintf(stderr,
            ja ? "cpd serve: %s で待ち受けできません（使用中か権限がありませ"
                 "ん）\n"
               : "cpd serve: cannot listen on %s (in use, or not allowed)\n",
            shown);
    serve_config_free(&s.cfg);
    cpd_policy_free(policy);
    pthread_mutex_destroy(&s.lock);
    pthread_mutex_destroy(&s.reg_lock);
    return EXIT_IO;
  }
  if (pthread_create(&s.reaper, NULL, reaper_main, &s) != 0) {
    MHD_stop_daemon(s.daemon);
    serve_config_free(&s.cfg);
    cpd_policy_free(policy);
    pthread_mutex_destroy(&s.lock);
    pthread_mutex_destroy(&s.reg_lock);
    fputs("cpd: out of memory\n", stderr);
    return EXIT_NOMEM;
  }
  info = MHD_get_daemon_info(s.daemon, MHD_DAEMON_INFO_BIND_PORT);
  address_text(url, sizeof url, &ss, info ? info->port : 0);
  fprintf(stderr,
          "cpd serve: listening on %s (%ld threads, at most %ld connections; "
          "SIGINT or SIGTERM stops)\n",
          url, threads, max_conn);
  fflush(stderr);

  listen_fd = run_until_signal(&s, &set, timeout);
  MHD_stop_daemon(s.daemon);
  if (listen_fd != MHD_INVALID_SOCKET)
    close(listen_fd);
  atomic_store(&s.reaper_stop, 1);
  pthread_join(s.reaper, NULL);
  fprintf(stderr,
          "cpd serve: stopped after %lu requests (%lu connections closed "
          "at their deadline, %lu to make room)\n",
          (unsigned long)atomic_load(&s.served),
          (unsigned long)atomic_load(&s.cut_late),
          (unsigned long)atomic_load(&s.cut_evicted));
  for (i = 0; i < s.nchecker; i++)
    cpd_checker_free(s.checkers[i]);
  free(s.checkers);
  pthread_mutex_destroy(&s.lock);
  pthread_mutex_destroy(&s.reg_lock);
  serve_config_free(&s.cfg);
  cpd_policy_free(policy);
  return 0;
}
