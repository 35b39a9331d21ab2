/* serve_fuzzer.c - `cpd serve`'s request router with its handlers called
 * in-process (cli/serve_router.c: no sockets).  The input is one request
 * as text:
 *
 *     METHOD\n
 *     PATH[?QUERY]\n
 *     Name: value\n          (headers, any number)
 *     \n
 *     BODY                   (the rest, any bytes)
 *
 * The query is split at & and =, and %XX / + decoded, as libmicrohttpd
 * does; header names match in any case.  Odd and even inputs run with and
 * without --allow-origin; the body limit is 8 KiB so that 413 is reached.
 * The head is checked first (serve_check_head: sizes, Host, framing),
 * as serve.c does; an input without a Host header is HTTP/1.0 (which
 * needs none: the corpus of the endpoints has none), one with Host is
 * HTTP/1.0 when size & 4, else HTTP/1.1.
 * Invariants of every answer: a status the server can give, a body (and
 * its type) unless 204, a JSON error document for every error status,
 * Allow on 405, CORS headers only with --allow-origin, a result document
 * from a 200 of /v1/check, Connection: close after a refused head, and
 * never a head let through with two framings; and nothing leaks
 * (ASan). */
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "serve.h"

#define MAX_FIELDS 32

typedef struct pair {
  char *name, *value;
} pair;

typedef struct request {
  pair query[MAX_FIELDS], header[MAX_FIELDS];
  size_t nquery, nheader;
} request;

static int lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

static int same_ci(const char *a, const char *b) {
  for (; *a && *b; a++, b++)
    if (lower((unsigned char)*a) != lower((unsigned char)*b))
      return 0;
  return *a == *b;
}

static const char *find_header(void *ctx, const char *name) {
  request *r = ctx;
  size_t i;
  for (i = 0; i < r->nheader; i++)
    if (same_ci(r->header[i].name, name))
      return r->header[i].value;
  return NULL;
}

static const char *find_query(void *ctx, const char *name) {
  request *r = ctx;
  size_t i;
  for (i = 0; i < r->nquery; i++)
    if (strcmp(r->query[i].name, name) == 0)
      return r->query[i].value;
  return NULL;
}

static int each_field(void *ctx, serve_field_fn fn, void *arg) {
  request *r = ctx;
  size_t i;
  int rc = 0;
  for (i = 0; i < r->nheader && !rc; i++)
    rc = fn(arg, r->header[i].name, r->header[i].value);
  return rc;
}

static int hexval(int c) {
  return c >= '0' && c <= '9'   ? c - '0'
         : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                : -1;
}

/* %XX and + decoded in place (as MHD's unescaping of arguments). */
static void unescape(char *s) {
  char *w = s;
  for (; *s; s++) {
    if (*s == '+') {
      *w++ = ' ';
    } else if (*s == '%' && hexval((unsigned char)s[1]) >= 0 &&
               hexval((unsigned char)s[2]) >= 0) {
      *w++ = (char)(hexval((unsigned char)s[1]) * 16 +
                    hexval((unsigned char)s[2]));
      s += 2;
    } else {
      *w++ = *s;
    }
  }
  *w = '\0';
}

/* A copy of the n bytes at p as a C string (cut at a NUL, as a server
 * would never see one in a request line or header). */
static char *cut(const char *p, size_t n) {
  char *s = malloc(n + 1);
  FZ_CHECK(s, "out of memory in the harness");
  memcpy(s, p, n);
  s[n] = '\0';
  return s;
}

/* The next line of [*p, end) without its "\n"; NULL at the end. */
static char *next_line(const char **p, const char *end) {
  const char *nl;
  char *line;
  if (*p >= end)
    return NULL;
  nl = memchr(*p, '\n', (size_t)(end - *p));
  line = cut(*p, nl ? (size_t)(nl - *p) : (size_t)(end - *p));
  *p = nl ? nl + 1 : end;
  return line;
}

static void parse_query(request *r, char *q) {
  while (q && *q && r->nquery < MAX_FIELDS) {
    char *amp = strchr(q, '&'), *eq;
    if (amp)
      *amp = '\0';
    eq = strchr(q, '=');
    if (eq)
      *eq = '\0';
    r->query[r->nquery].name = cut(q, strlen(q));
    r->query[r->nquery].value = cut(eq ? eq + 1 : "", eq ? strlen(eq + 1) : 0);
    unescape(r->query[r->nquery].name);
    unescape(r->query[r->nquery].value);
    r->nquery++;
    q = amp ? amp + 1 : NULL;
  }
}

static int known_status(unsigned s) {
  static const unsigned ok[] = {200, 204, 400, 404, 405, 413,
                                414, 415, 431, 500, 501, 503};
  size_t i;
  for (i = 0; i < sizeof ok / sizeof ok[0]; i++)
    if (s == ok[i])
      return 1;
  return 0;
}

static int starts(const serve_response *a, const char *prefix) {
  size_t n = strlen(prefix);
  return a->len >= n && memcmp(a->body, prefix, n) == 0;
}

static void check_answer(const serve_config *cfg, const char *path,
                         const serve_response *a) {
  FZ_CHECK(known_status(a->status), "status %u", a->status);
  FZ_CHECK(a->body != NULL, "no body");
  if (a->status == 204) {
    FZ_CHECK(a->len == 0 && a->preflight && cfg->allow_origin,
             "204 outside a CORS preflight");
  } else {
    FZ_CHECK(a->content_type != NULL, "no Content-Type");
  }
  if (a->status >= 400) {
    FZ_CHECK(starts(a, "{\"error\":{\"code\":\""), "error status %u: %.*s",
             a->status, (int)(a->len > 80 ? 80 : a->len), a->body);
    FZ_CHECK(a->len >= 3 && memcmp(a->body + a->len - 3, "}}\n", 3) == 0,
             "error document not closed");
    FZ_CHECK(strcmp(a->content_type, "application/json; charset=utf-8") == 0,
             "error of type %s", a->content_type);
  }
  FZ_CHECK(a->status != 405 || a->allow, "405 without Allow");
  FZ_CHECK(!a->allow_origin || cfg->allow_origin, "CORS without the option");
  if (a->status == 200 && strcmp(path, "/v1/check") == 0)
    FZ_CHECK(starts(a, "{\"decision\":\""), "a 200 of /v1/check: %.*s",
             (int)(a->len > 80 ? 80 : a->len), a->body);
  FZ_CHECK(!a->owned || a->body == a->owned, "owned body elsewhere");
}

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static serve_config cfg[2];
  static cpd_checker *checker;
  static int ready;
  const char *p = (const char *)data, *end = p + size;
  char *method, *target, *line, *q;
  request r;
  serve_request req;
  serve_response resp;
  const serve_config *c;
  size_t i, target_len;
  int refused;

  if (!ready) {
    for (i = 0; i < 2; i++) {
      cfg[i].policy = NULL;
      cfg[i].allow_origin = i ? "https://forms.example.jp" : NULL;
      cfg[i].max_body = 8192;
      FZ_CHECK(serve_config_init(&cfg[i]) == 0, "serve_config_init");
    }
    FZ_CHECK(cpd_checker_new(&checker, NULL, NULL, NULL) == CPD_OK,
             "cpd_checker_new");
    ready = 1;
  }
  c = &cfg[size & 1];
  memset(&r, 0, sizeof r);
  method = next_line(&p, end);
  target = next_line(&p, end);
  if (!method || !target) {
    free(method);
    free(target);
    return 0;
  }
  target_len = strlen(target);
  q = strchr(target, '?');
  if (q)
    *q++ = '\0';
  parse_query(&r, q);
  while ((line = next_line(&p, end)) != NULL) {
    char *colon = strchr(line, ':');
    if (!*line || !colon || r.nheader == MAX_FIELDS) {
      free(line);
      break;
    }
    *colon = '\0';
    r.header[r.nheader].name = cut(line, strlen(line));
    r.header[r.nheader].value = cut(colon + 1 + (colon[1] == ' '),
                                    strlen(colon + 1 + (colon[1] == ' ')));
    r.nheader++;
    free(line);
  }

  memset(&req, 0, sizeof req);
  req.method = method;
  req.path = target;
  req.version =
      find_header(&r, "Host") && !(size & 4) ? "HTTP/1.1" : "HTTP/1.0";
  req.target_len = target_len;
  req.nquery = r.nquery;
  req.header = find_header;
  req.query = find_query;
  req.each_header = each_field;
  req.ctx = &r;
  refused = serve_check_head(c, &req, &resp);
  if (refused) {
    FZ_CHECK(resp.close && resp.status >= 400, "a refused head: %u",
             resp.status);
  } else {
    /* what went through has one framing at most */
    FZ_CHECK(!(find_header(&r, "Content-Length") &&
               find_header(&r, "Transfer-Encoding")),
             "Content-Length with Transfer-Encoding let through");
    serve_response_clear(&resp);
  }
  if (!refused && serve_begin(c, &req, &resp)) {
    /* the body as serve.c hands it over: whole, or too large */
    size_t n = (size_t)(end - p);
    req.body = p;
    req.body_len = n;
    if (n > c->max_body) {
      req.body = NULL;
      req.body_len = 0;
      req.body_too_large = 1;
    }
    serve_finish(c, (size & 2) ? checker : NULL, &req, &resp);
  }
  check_answer(c, target, &resp);
  serve_response_clear(&resp);

  for (i = 0; i < r.nquery; i++) {
    free(r.query[i].name);
    free(r.query[i].value);
  }
  for (i = 0; i < r.nheader; i++) {
    free(r.header[i].name);
    free(r.header[i].value);
  }
  free(method);
  free(target);
  return 0;
}
