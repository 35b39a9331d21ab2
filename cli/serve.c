/* serve.c - `cpd serve`: the renewal form as a web page and a small JSON
 * API over HTTP/1.1, on libmicrohttpd (docs/API.md).  A pool of worker
 * threads shares one immutable policy; each worker has its own reusable
 * checker.  Stateless: no request body is stored or logged; the access
 * log has method, path (no query), status, bytes and time only.  SIGTERM
 * or SIGINT stops it gracefully: no new connection is taken, requests in
 * flight finish.  The answers come from serve_router.c. */
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
#include <sys/socket.h>
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

typedef struct server {
  serve_config cfg;
  struct MHD_Daemon *daemon;
  atomic_uint connections; /* open connections */
  atomic_uint in_flight;   /* requests begun and not completed */
  atomic_int stopping;     /* SIGTERM/SIGINT came: answer, then close */
  atomic_ulong served;
  unsigned max_connections;
  int log;              /* access log on stderr */
  pthread_mutex_t lock; /* the registry of the workers' checkers */
  cpd_checker **checkers;
  size_t nchecker, cap_checker;
} server;

/* One request, from its headers to its completion. */
typedef struct request_ctx {
  server *srv;
  struct MHD_Connection *conn;
  serve_request req;
  serve_response resp;
  int accepted; /* serve_begin said: read the body */
  int answered;
  unsigned status;
  size_t bytes;
  char method[16];
  char path[1024]; /* a copy: the log is written after the answer */
  char *body;
  size_t len, cap;
  unsigned long long dropped; /* body bytes read and not kept */
  struct timespec started;
} request_ctx;

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

/* One line per request: time (UTC), method, path, status, bytes,
 * milliseconds.  Never the query, a header or the body. */
static void access_log(const request_ctx *x,
                       enum MHD_RequestTerminationCode toe) {
  char when[32], status[16];
  struct timespec now;
  struct tm tm;
  clock_gettime(CLOCK_REALTIME, &now);
  gmtime_r(&now.tv_sec, &tm);
  strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
  if (x->answered && toe == MHD_REQUEST_TERMINATED_COMPLETED_OK)
    snprintf(status, sizeof status, "%u", x->status);
  else if (x->answered)
    snprintf(status, sizeof status, "%u!", x->status); /* not all sent */
  else
    snprintf(status, sizeof status, "-");
  fprintf(stderr, "%s %s %s %s %zu %.3fms\n", when, x->method, x->path, status,
          x->bytes, ms_since(&x->started));
}

static void mhd_logger(void *cls, const char *fmt, va_list ap) {
  char msg[512];
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
  fputs("cpd serve: libmicrohttpd: ", stderr);
  cli_fputs_safe(stderr, msg, 0); /* it may quote what a client sent */
  fputc('\n', stderr);
}

/* ------------------------------------------------------------- requests */

static const char *lookup_header(void *ctx, const char *name) {
  return MHD_lookup_connection_value(((request_ctx *)ctx)->conn,
                                     MHD_HEADER_KIND, name);
}

static const char *lookup_query(void *ctx, const char *name) {
  return MHD_lookup_connection_value(((request_ctx *)ctx)->conn,
                                     MHD_GET_ARGUMENT_KIND, name);
}

static int add_header(struct MHD_Response *r, const char *name,
                      const char *value) {
  return MHD_add_response_header(r, name, value) == MHD_YES;
}

static enum MHD_Result send_answer(request_ctx *x) {
  serve_response *a = &x->resp;
  struct MHD_Response *r;
  enum MHD_Result ret;
  int ok = 1;
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
  if (a->content_type)
    ok &= add_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, a->content_type);
  ok &= add_header(r, "Content-Security-Policy", SERVE_CSP);
  ok &= add_header(r, "X-Content-Type-Options", "nosniff");
  ok &= add_header(r, "Referrer-Policy", "no-referrer");
  ok &= add_header(r, "X-Frame-Options", "DENY");
  ok &= add_header(r, "Cross-Origin-Resource-Policy", "same-origin");
  ok &= add_header(r, MHD_HTTP_HEADER_CACHE_CONTROL,
                   a->cache ? a->cache : "no-store");
  if (a->allow)
    ok &= add_header(r, MHD_HTTP_HEADER_ALLOW, a->allow);
  if (a->allow_origin) {
    ok &= add_header(r, "Access-Control-Allow-Origin", a->allow_origin);
    ok &= add_header(r, "Vary", "Origin");
    if (a->preflight) {
      ok &= add_header(r, "Access-Control-Allow-Methods",
                       a->allow ? a->allow : "GET, HEAD, POST, OPTIONS");
      ok &= add_header(r, "Access-Control-Allow-Headers", "Content-Type");
      ok &= add_header(r, "Access-Control-Max-Age", "600");
    }
  }
  if (a->status == 503)
    ok &= add_header(r, "Retry-After", "1");
  if (a->close)
    ok &= add_header(r, MHD_HTTP_HEADER_CONNECTION, "close");
  if (!ok) {
    MHD_destroy_response(r);
    return MHD_NO;
  }
  x->status = a->status;
  x->bytes = a->len;
  x->answered = 1;
  ret = MHD_queue_response(x->conn, a->status, r);
  MHD_destroy_response(r);
  serve_response_clear(a);
  return ret;
}

/* Appends body bytes, up to the limit; past it nothing more is kept. */
static void take_body(request_ctx *x, const char *data, size_t n) {
  size_t max = x->srv->cfg.max_body;
  if (x->req.body_too_large || x->accepted < 0) {
    x->dropped += n;
    return;
  }
  if (n > max - x->len) {
    x->req.body_too_large = 1;
    x->dropped = x->len + n;
    free(x->body);
    x->body = NULL;
    x->len = x->cap = 0;
    return;
  }
  if (x->len + n + 1 > x->cap) { /* + 1: a NUL after the body */
    size_t cap = x->cap ? x->cap : 16384;
    char *nb;
    while (cap < x->len + n + 1)
      cap = cap > max / 2 ? max + 1 : cap * 2;
    nb = realloc(x->body, cap);
    if (!nb) { /* answered as out of memory at the end */
      free(x->body);
      x->body = NULL;
      x->len = x->cap = 0;
      x->accepted = -1;
      return;
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
}

/* The refused request says it has a body longer than is worth reading. */
static int body_too_long_to_drain(const request_ctx *x) {
  const char *cl = MHD_lookup_connection_value(x->conn, MHD_HEADER_KIND,
                                               MHD_HTTP_HEADER_CONTENT_LENGTH);
  char *end;
  unsigned long long n;
  if (!cl)
    return 0;
  n = strtoull(cl, &end, 10);
  return end != cl &&
         n > (unsigned long long)x->srv->cfg.max_body * DRAIN_FACTOR;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn,
                                  const char *url, const char *method,
                                  const char *version, const char *upload,
                                  size_t *upload_size, void **con_cls) {
  server *s = cls;
  request_ctx *x = *con_cls;
  (void)version;
  if (!x) {
    x = calloc(1, sizeof *x);
    if (!x)
      return MHD_NO; /* MHD closes the connection */
    clock_gettime(CLOCK_MONOTONIC, &x->started);
    x->srv = s;
    x->conn = conn;
    log_text(x->method, sizeof x->method, method);
    log_text(x->path, sizeof x->path, url);
    x->req.method = method;
    x->req.path = url;
    x->req.header = lookup_header;
    x->req.query = lookup_query;
    x->req.ctx = x;
    *con_cls = x;
    atomic_fetch_add(&s->in_flight, 1);
    if (atomic_load(&s->connections) > s->max_connections) {
      serve_overloaded(&x->resp);
      return send_answer(x);
    }
    x->accepted = serve_begin(&s->cfg, &x->req, &x->resp);
    /* An answer queued now, before the whole request was read, makes MHD
     * close the connection after it; so the others wait for the next
     * call, once any body has been read (and dropped when refused). */
    if (!x->accepted && body_too_long_to_drain(x)) {
      x->resp.close = 1;
      return send_answer(x);
    }
    return MHD_YES;
  }
  if (x->answered) { /* an early answer: the rest of the body is dropped */
    *upload_size = 0;
    return MHD_YES;
  }
  if (*upload_size) {
    if (x->accepted > 0)
      take_body(x, upload, *upload_size);
    else
      x->dropped += *upload_size;
    *upload_size = 0;
    if (x->dropped > (unsigned long long)s->cfg.max_body * DRAIN_FACTOR) {
      if (x->accepted > 0)
        serve_finish(&s->cfg, NULL, &x->req, &x->resp); /* the 413 */
      x->resp.close = 1;
      return send_answer(x);
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

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe) {
  server *s = cls;
  request_ctx *x = *con_cls;
  (void)conn;
  if (!x)
    return;
  if (s->log)
    access_log(x, toe);
  if (x->answered && toe == MHD_REQUEST_TERMINATED_COMPLETED_OK)
    atomic_fetch_add(&s->served, 1);
  serve_response_clear(&x->resp);
  free(x->body);
  free(x);
  *con_cls = NULL;
  atomic_fetch_sub(&s->in_flight, 1);
}

static void on_connection(void *cls, struct MHD_Connection *conn,
                          void **socket_ctx,
                          enum MHD_ConnectionNotificationCode toe) {
  server *s = cls;
  (void)conn;
  (void)socket_ctx;
  if (toe == MHD_CONNECTION_NOTIFY_STARTED)
    atomic_fetch_add(&s->connections, 1);
  else
    atomic_fetch_sub(&s->connections, 1);
}

/* ------------------------------------------------------------- options */

typedef struct serve_opts {
  const char *listen, *policy, *threads, *allow_origin, *max_connections,
      *timeout, *access_log, *lang;
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
 * anyway). */
static void run_until_signal(server *s, const sigset_t *set, long timeout) {
  int sig = 0;
  struct timespec t0;
  MHD_socket fd;
  while (sigwait(set, &sig) != 0)
    ;
  atomic_store(&s->stopping, 1);
  fprintf(stderr, "cpd serve: %s: finishing the requests in flight\n",
          sig == SIGINT ? "SIGINT" : "SIGTERM");
  fd = MHD_quiesce_daemon(s->daemon);
  if (fd != MHD_INVALID_SOCKET)
    close(fd);
  clock_gettime(CLOCK_MONOTONIC, &t0);
  while (atomic_load(&s->in_flight) > 0 &&
         ms_since(&t0) < (double)(timeout + 5) * 1e3) {
    struct timespec nap = {0, 10 * 1000 * 1000};
    nanosleep(&nap, NULL);
  }
}

int cli_cmd_serve(int argc, char **argv) {
  serve_opts o;
  server s;
  struct sockaddr_storage ss;
  socklen_t sl = 0;
  cpd_policy *policy = NULL;
  long threads, max_conn = DEFAULT_MAX_CONNECTIONS, timeout = DEFAULT_TIMEOUT;
  sigset_t set;
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
  s.log = !o.access_log || strcmp(o.access_log, "none") != 0;
  atomic_init(&s.connections, 0);
  atomic_init(&s.in_flight, 0);
  atomic_init(&s.stopping, 0);
  atomic_init(&s.served, 0);
  pthread_mutex_init(&s.lock, NULL);
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
      (unsigned)timeout, MHD_OPTION_NOTIFY_COMPLETED, on_completed, &s,
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
    return EXIT_IO;
  }
  info = MHD_get_daemon_info(s.daemon, MHD_DAEMON_INFO_BIND_PORT);
  address_text(url, sizeof url, &ss, info ? info->port : 0);
  fprintf(stderr,
          "cpd serve: listening on %s (%ld threads, at most %ld connections; "
          "SIGINT or SIGTERM stops)\n",
          url, threads, max_conn);
  fflush(stderr);

  run_until_signal(&s, &set, timeout);
  MHD_stop_daemon(s.daemon);
  fprintf(stderr, "cpd serve: stopped after %lu requests\n",
          (unsigned long)atomic_load(&s.served));
  for (i = 0; i < s.nchecker; i++)
    cpd_checker_free(s.checkers[i]);
  free(s.checkers);
  pthread_mutex_destroy(&s.lock);
  serve_config_free(&s.cfg);
  cpd_policy_free(policy);
  return 0;
}
