/* serve_router.c - `cpd serve`'s requests and answers, without sockets:
 * which endpoint a method and path name, what is refused before the body
 * is read (404, 405, 413 by Content-Length, 415), and the answers of the
 * endpoints (docs/API.md).  serve.c feeds it from libmicrohttpd; the fuzz
 * target fuzz/serve_fuzzer.c feeds it bytes.  Only the public API
 * (include/cpd.h) and the CLI's HTML writer (html.c). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "serve.h"

enum {
  EP_NONE = 0,
  EP_ASSET,
  EP_HEALTHZ,
  EP_POLICY,
  EP_FIELDS,
  EP_LABELS,
  EP_SECTIONS,
  EP_EXPLAIN,
  EP_CHECK,
  EP_PLAN,
  EP_REDACT,
  EP_REPORT
};

typedef struct route {
  const char *path;
  int prefix; /* path is a prefix: "/v1/explain/" + CODE */
  int endpoint;
  int post; /* POST with a JSON body; otherwise GET and HEAD */
} route;

static const route routes[] = {
    {"/healthz", 0, EP_HEALTHZ, 0},      {"/v1/policy", 0, EP_POLICY, 0},
    {"/v1/fields", 0, EP_FIELDS, 0},     {"/v1/labels", 0, EP_LABELS, 0},
    {"/v1/sections", 0, EP_SECTIONS, 0}, {"/v1/explain/", 1, EP_EXPLAIN, 0},
    {"/v1/check", 0, EP_CHECK, 1},       {"/v1/plan", 0, EP_PLAN, 1},
    {"/v1/redact", 0, EP_REDACT, 1},     {"/v1/report", 0, EP_REPORT, 1}};

#define JSON_TYPE "application/json; charset=utf-8"
#define NO_STORE "no-store"

/* ------------------------------------------------------------ responses */

void serve_response_clear(serve_response *resp) {
  free(resp->owned);
  memset(resp, 0, sizeof *resp);
}

static void set_static(serve_response *resp, unsigned status, const char *type,
                       const char *body, size_t len) {
  free(resp->owned);
  resp->owned = NULL;
  resp->status = status;
  resp->content_type = type;
  resp->body = body;
  resp->len = len;
  if (!resp->cache)
    resp->cache = NO_STORE;
}

static const char oom_doc[] =
    "{\"error\":{\"code\":\"out_of_memory\",\"path\":\"\",\"offset\":null,"
    "\"message\":\"Out of memory.\",\"message_ja\":\"メモリが不足しています。"
    "\"}}\n";

void serve_out_of_memory(serve_response *resp) {
  set_static(resp, 500, JSON_TYPE, oom_doc, sizeof oom_doc - 1);
  resp->cache = NO_STORE;
}

/* A JSON document (len bytes) ending with a newline, as the CLI prints
 * it. */
static void set_json(serve_response *resp, unsigned status, const char *doc,
                     size_t len) {
  int nl = len == 0 || doc[len - 1] != '\n';
  char *buf = malloc(len + 2);
  if (!buf) {
    serve_out_of_memory(resp);
    return;
  }
  memcpy(buf, doc, len);
  if (nl)
    buf[len] = '\n';
  buf[len + (size_t)nl] = '\0';
  set_static(resp, status, JSON_TYPE, buf, len + (size_t)nl);
  resp->owned = buf;
}

static void set_error_doc(serve_response *resp, unsigned status,
                          const cpd_error *err) {
  char *doc = NULL;
  if (cpd_error_to_json(&doc, err) != CPD_OK) {
    serve_out_of_memory(resp);
    return;
  }
  set_json(resp, status, doc, strlen(doc));
  cpd_string_free(doc);
}

/* An error of the HTTP layer, in the shape of the library's error
 * document: code, path "", offset null, English and Japanese. */
static void set_error(serve_response *resp, unsigned status, const char *code,
                      const char *en, const char *ja) {
  cpd_error err;
  memset(&err, 0, sizeof err);
  snprintf(err.code, sizeof err.code, "%s", code);
  err.offset = -1;
  snprintf(err.message, sizeof err.message, "%s", en);
  snprintf(err.message_ja, sizeof err.message_ja, "%s", ja);
  set_error_doc(resp, status, &err);
}

static const char overloaded_doc[] =
    "{\"error\":{\"code\":\"http.overloaded\",\"path\":\"\",\"offset\":null,"
    "\"message\":\"The server is busy; try again in a moment.\","
    "\"message_ja\":\"サーバーが混み合っています。しばらくしてから再度お試しく"
    "ださい。\"}}\n";

void serve_overloaded(serve_response *resp) {
  set_static(resp, 503, JSON_TYPE, overloaded_doc, sizeof overloaded_doc - 1);
  resp->close = 1;
}

static void too_large(const serve_config *cfg, serve_response *resp) {
  char en[160], ja[200];
  snprintf(en, sizeof en,
           "The request body is over the limit of %zu bytes; nothing was "
           "kept.",
           cfg->max_body);
  snprintf(ja, sizeof ja,
           "リクエスト本文が上限の %zu バイトを超えています（内容は保存して"
           "いません）。",
           cfg->max_body);
  set_error(resp, 413, "input.too_large", en, ja);
}

/* ---------------------------------------------------------------- config */

int serve_config_init(serve_config *cfg) {
  char *policy = NULL;
  size_t n;
  cfg->policy_json = cfg->fields_json = cfg->labels_json = NULL;
  cfg->sections_json = NULL;
  /* GET /v1/fields, /v1/labels and /v1/sections: the field table, the
   * words of the form (decisions, statuses, categories) and the policy's
   * sections (its newest version), which the page reads */
  if (cpd_fields_to_json(&cfg->fields_json) != CPD_OK ||
      cpd_labels_to_json(&cfg->labels_json) != CPD_OK ||
      cpd_policy_sections_to_json(&cfg->sections_json, cfg->policy,
                                  CPD_DAY_NONE) != CPD_OK ||
      cpd_policy_to_json(&policy, cfg->policy) != CPD_OK)
    goto fail;
  n = strlen(policy);
  cfg->policy_json = malloc(n + 2);
  if (!cfg->policy_json)
    goto fail;
  memcpy(cfg->policy_json, policy, n);
  memcpy(cfg->policy_json + n, "\n", 2);
  cpd_string_free(policy);
  return 0;
fail:
  cpd_string_free(policy);
  serve_config_free(cfg);
  return -1;
}

void serve_config_free(serve_config *cfg) {
  free(cfg->policy_json);
  cpd_string_free(cfg->fields_json);
  cpd_string_free(cfg->labels_json);
  cpd_string_free(cfg->sections_json);
  cfg->policy_json = cfg->fields_json = cfg->labels_json = NULL;
  cfg->sections_json = NULL;
}

/* --------------------------------------------------------------- routing */

static int ascii_lower(int c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

/* s starts with prefix, ignoring ASCII case; returns the rest or NULL. */
static const char *skip_ci(const char *s, const char *prefix) {
  for (; *prefix; s++, prefix++)
    if (ascii_lower((unsigned char)*s) != *prefix)
      return NULL;
  return s;
}

static const char *skip_ows(const char *s) {
  while (*s == ' ' || *s == '\t')
    s++;
  return s;
}

/* "application/json", optionally with parameters; a charset parameter, if
 * any, must be utf-8 (quoted or not, any case). */
static int json_content_type(const char *ct) {
  const char *p;
  if (!ct)
    return 0;
  p = skip_ci(skip_ows(ct), "application/json");
  if (!p)
    return 0;
  p = skip_ows(p);
  while (*p == ';') {
    const char *v;
    p = skip_ows(p + 1);
    v = skip_ci(p, "charset=");
    if (v) {
      int quoted = *v == '"';
      const char *e = skip_ci(v + quoted, "utf-8");
      if (!e && !(e = skip_ci(v + quoted, "utf8")))
        return 0;
      if (quoted && *e++ != '"')
        return 0;
      p = skip_ows(e);
      if (*p && *p != ';')
        return 0;
      continue;
    }
    /* another parameter: skipped */
    while (*p && *p != ';')
      p++;
  }
  return *p == '\0';
}

static const route *find_route(const char *path) {
  size_t i;
  for (i = 0; i < sizeof routes / sizeof routes[0]; i++) {
    const route *r = &routes[i];
    size_t n = strlen(r->path);
    if (r->prefix ? strncmp(path, r->path, n) == 0 : strcmp(path, r->path) == 0)
      return r;
  }
  return NULL;
}

/* An asset of web/, or the report's stylesheet (html.c's CSS, so that
 * POST /v1/report needs no inline style). */
static int find_asset(const char *path, serve_asset *out) {
  size_t i;
  if (strcmp(path, "/report.css") == 0) {
    const char *css = cli_html_css();
    out->path = path;
    out->type = "text/css; charset=utf-8";
    out->data = (const unsigned char *)css;
    out->len = strlen(css);
    return 1;
  }
  for (i = 0; i < serve_asset_count; i++)
    if (strcmp(path, serve_assets[i].path) == 0) {
      *out = serve_assets[i];
      return 1;
    }
  return 0;
}

static const char *cors_origin(const serve_config *cfg,
                               const serve_request *req) {
  const char *origin;
  if (!cfg->allow_origin || !req->header)
    return NULL;
  origin = req->header(req->ctx, "Origin");
  if (!origin)
    return NULL;
  if (strcmp(cfg->allow_origin, "*") == 0)
    return "*";
  return strcmp(origin, cfg->allow_origin) == 0 ? cfg->allow_origin : NULL;
}

static const char *query(const serve_request *req, const char *name) {
  return req->query ? req->query(req->ctx, name) : NULL;
}

static void get_answer(const serve_config *cfg, const serve_request *req,
                       int endpoint, serve_response *resp) {
  switch (endpoint) {
  case EP_HEALTHZ: {
    static const char ok[] = "{\"status\":\"ok\"}\n";
    set_static(resp, 200, JSON_TYPE, ok, sizeof ok - 1);
    break;
  }
  case EP_POLICY:
    set_static(resp, 200, JSON_TYPE, cfg->policy_json,
               strlen(cfg->policy_json));
    break;
  case EP_FIELDS:
    set_static(resp, 200, JSON_TYPE, cfg->fields_json,
               strlen(cfg->fields_json));
    break;
  case EP_LABELS:
    set_static(resp, 200, JSON_TYPE, cfg->labels_json,
               strlen(cfg->labels_json));
    break;
  case EP_SECTIONS:
    set_static(resp, 200, JSON_TYPE, cfg->sections_json,
               strlen(cfg->sections_json));
    break;
  case EP_EXPLAIN: {
    const char *name = req->path + strlen("/v1/explain/");
    char *doc = NULL;
    cpd_error err;
    cpd_status st = cpd_explain_json(&doc, name, &err);
    if (st == CPD_OK)
      set_json(resp, 200, doc, strlen(doc));
    else if (st == CPD_EINVAL)
      set_error_doc(resp, 404, &err);
    else
      serve_out_of_memory(resp);
    cpd_string_free(doc);
    break;
  }
  default:
    set_error(resp, 404, "http.not_found", "There is nothing at this path.",
              "このパスには何もありません。");
  }
}

int serve_begin(const serve_config *cfg, const serve_request *req,
                serve_response *resp) {
  const route *r = find_route(req->path);
  serve_asset asset;
  const serve_asset *a = !r && find_asset(req->path, &asset) ? &asset : NULL;
  const char *m = req->method;
  int post = r && r->post;
  int get = strcmp(m, "GET") == 0 || strcmp(m, "HEAD") == 0;

  memset(resp, 0, sizeof *resp);
  resp->allow_origin = cors_origin(cfg, req);
  if (!r && !a) {
    set_error(resp, 404, "http.not_found", "There is nothing at this path.",
              "このパスには何もありません。");
    return 0;
  }
  resp->allow = post ? (cfg->allow_origin ? "POST, OPTIONS" : "POST")
                     : (cfg->allow_origin ? "GET, HEAD, OPTIONS" : "GET, HEAD");
  if (strcmp(m, "OPTIONS") == 0 && cfg->allow_origin) {
    /* CORS preflight: the headers say what may come (serve.c) */
    set_static(resp, 204, NULL, "", 0);
    resp->preflight = 1;
    return 0;
  }
  if (post ? strcmp(m, "POST") != 0 : !get) {
    set_error(resp, 405, "http.method_not_allowed",
              "This method is not allowed here; the Allow header lists those "
              "that are.",
              "このパスではこのメソッドは使えません（使えるものは Allow "
              "ヘッダーにあります）。");
    return 0;
  }
  resp->allow = NULL;
  if (a) {
    set_static(resp, 200, a->type, (const char *)a->data, a->len);
    resp->cache = "no-cache";
    return 0;
  }
  if (!post) {
    get_answer(cfg, req, r->endpoint, resp);
    return 0;
  }
  if (!json_content_type(req->header ? req->header(req->ctx, "Content-Type")
                                     : NULL)) {
    set_error(resp, 415, "http.unsupported_media_type",
              "The body must be JSON sent as Content-Type: application/json "
              "(charset utf-8).",
              "本文は Content-Type: application/json（文字コード UTF-8）の "
              "JSON で送ってください。");
    return 0;
  }
  {
    const char *cl =
        req->header ? req->header(req->ctx, "Content-Length") : NULL;
    if (cl) {
      char *end;
      unsigned long long n = strtoull(cl, &end, 10);
      if (end != cl && n > cfg->max_body) {
        too_large(cfg, resp);
        return 0;
      }
    }
  }
  resp->endpoint = r->endpoint;
  return 1;
}

/* ------------------------------------------------------------ the head */

/* tchar of RFC 9110 section 5.6.2: what a field name or a coding is. */
static int is_tchar(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || (c && strchr("!#$%&'*+-.^_`|~", c));
}

static int same_ci(const char *a, const char *b) {
  for (; *a && *b; a++, b++)
    if (ascii_lower((unsigned char)*a) != ascii_lower((unsigned char)*b))
      return 0;
  return *a == *b;
}

typedef struct head_facts {
  size_t fields, bytes;
  int bad_name;   /* a field name that is not a token ("Name :") */
  int hosts;      /* Host fields */
  int lengths;    /* Content-Length fields */
  int bad_length; /* one that is not 1*DIGIT */
  int encodings;  /* Transfer-Encoding fields */
  int bad_coding; /* a malformed Transfer-Encoding list */
  int chunked;    /* the one field is exactly "chunked" */
} head_facts;

/* A Transfer-Encoding value: 1 when it is a well-formed list of codings
 * (tokens separated by commas and optional white space, none empty). */
static int coding_list(const char *v) {
  int want = 1; /* a coding is due */
  for (;;) {
    v = skip_ows(v);
    if (!*v)
      return !want;
    if (!is_tchar((unsigned char)*v))
      return 0;
    while (is_tchar((unsigned char)*v))
      v++;
    v = skip_ows(v);
    if (!*v)
      return 1;
    if (*v++ != ',')
      return 0;
    want = 1;
  }
}

static int head_field(void *arg, const char *name, const char *value) {
  head_facts *h = arg;
  const char *p;
  if (!value)
    value = "";
  h->fields++;
  h->bytes += strlen(name) + strlen(value) + 4; /* ": " and CRLF */
  for (p = name; *p; p++)
    if (!is_tchar((unsigned char)*p))
      h->bad_name = 1;
  if (!*name)
    h->bad_name = 1;
  if (same_ci(name, "Host")) {
    h->hosts++;
  } else if (same_ci(name, "Content-Length")) {
    h->lengths++;
    if (!*value || value[strspn(value, "0123456789")])
      h->bad_length = 1;
  } else if (same_ci(name, "Transfer-Encoding")) {
    h->encodings++;
    if (!coding_list(value))
      h->bad_coding = 1;
    /* exactly what libmicrohttpd takes for chunked (case aside): anything
     * else it would read as a body without an end */
    h->chunked = same_ci(value, "chunked");
  }
  return 0;
}

static int refuse_head(serve_response *resp, unsigned status, const char *code,
                       const char *en, const char *ja) {
  set_error(resp, status, code, en, ja);
  resp->close = 1;
  return 1;
}

int serve_check_head(const serve_config *cfg, const serve_request *req,
                     serve_response *resp) {
  head_facts h;
  int http10 = req->version && strcmp(req->version, "HTTP/1.0") == 0;
  memset(resp, 0, sizeof *resp);
  resp->allow_origin = cors_origin(cfg, req);
  if (req->target_len > SERVE_MAX_TARGET || req->nquery > SERVE_MAX_QUERY)
    return refuse_head(
        resp, 414, "http.uri_too_long",
        "The request target is too long or has too many query parameters.",
        "リクエストの URL が長すぎるか、クエリパラメータが多すぎます。");
  if (!req->each_header)
    return 0;
  memset(&h, 0, sizeof h);
  req->each_header(req->ctx, head_field, &h);
  if (h.fields > SERVE_MAX_FIELDS || h.bytes > SERVE_MAX_HEAD)
    return refuse_head(resp, 431, "http.header_too_large",
                       "The request header fields are too large.",
                       "リクエストのヘッダーが大きすぎます。");
  if (h.bad_name)
    return refuse_head(resp, 400, "http.bad_request",
                       "A header field name is malformed (no white space "
                       "may come before its colon).",
                       "ヘッダーのフィールド名が正しくありません（コロンの前に"
                       "空白は置けません）。");
  if (h.hosts > 1 || (!http10 && h.hosts == 0))
    return refuse_head(resp, 400, "http.bad_request",
                       "An HTTP/1.1 request needs exactly one Host header.",
                       "HTTP/1.1 のリクエストには Host ヘッダーがちょうど 1 つ"
                       "必要です。");
  if (h.lengths && h.encodings)
    return refuse_head(resp, 400, "http.bad_framing",
                       "Content-Length and Transfer-Encoding together make "
                       "the end of the body ambiguous.",
                       "Content-Length と Transfer-Encoding が両方あり、本文の"
                       "終わりが決まりません。");
  if (h.lengths > 1 || h.bad_length)
    return refuse_head(
        resp, 400, "http.bad_framing",
        "There must be at most one Content-Length, a decimal "
        "number.",
        "Content-Length は 1 つだけ、10 進数で指定してください。");
  if (h.encodings) {
    if (http10 || h.bad_coding)
      return refuse_head(resp, 400, "http.bad_framing",
                         "The Transfer-Encoding header is malformed (or sent "
                         "with HTTP/1.0).",
                         "Transfer-Encoding ヘッダーが正しくありません（または "
                         "HTTP/1.0 で送られています）。");
    if (h.encodings > 1 || !h.chunked)
      return refuse_head(resp, 501, "http.not_implemented",
                         "The only transfer coding accepted is chunked, "
                         "alone.",
                         "受け付ける転送コーディングは chunked だけです。");
  }
  return 0;
}

/* ?as_of=DATE (any date form of the engine).  1 and *out set, 0 when
 * absent, -1 (and resp is the 400) when it is not a date. */
static int as_of_arg(const serve_request *req, cpd_day *out,
                     serve_response *resp) {
  const char *v = query(req, "as_of");
  if (!v)
    return 0;
  if (cpd_day_parse(out, v, strlen(v)) == CPD_OK)
    return 1;
  set_error(resp, 400, "http.invalid_query",
            "The as_of query parameter is not a date.",
            "クエリパラメータ as_of が日付ではありません。");
  return -1;
}

/* A boolean query parameter: 1 for "true", 0 for "false" or absent, -1
 * for anything else ("", "1", a bare name: a wrong guess about personal
 * data must not show it). */
static int flag_arg(const serve_request *req, const char *name) {
  const char *v = query(req, name);
  if (!v || strcmp(v, "false") == 0)
    return 0;
  return strcmp(v, "true") == 0 ? 1 : -1;
}

/* The answer to a call that failed: 400 with the input error, or 500. */
static void answer_error(serve_response *resp, cpd_status st,
                         const cpd_error *err) {
  if (st == CPD_EINPUT)
    set_error_doc(resp, 400, err);
  else
    serve_out_of_memory(resp);
}

static void answer(serve_response *resp, cpd_status st, const char *doc,
                   const cpd_error *err) {
  if (st == CPD_OK && doc)
    set_json(resp, 200, doc, strlen(doc));
  else
    answer_error(resp, st == CPD_OK ? CPD_ENOMEM : st, err);
}

static void check(const serve_config *cfg, cpd_checker *checker,
                  const serve_request *req, serve_response *resp) {
  cpd_check_options opts = CPD_CHECK_OPTIONS_INIT;
  cpd_error err;
  cpd_status st;
  int rc = as_of_arg(req, &opts.as_of, resp);
  if (rc < 0)
    return;
  if (rc == 0) {
    cpd_checker *own = NULL;
    const char *doc = NULL;
    size_t len = 0;
    if (!checker) {
      if (cpd_checker_new(&own, cfg->policy, NULL, NULL) != CPD_OK) {
        serve_out_of_memory(resp);
        return;
      }
      checker = own;
    }
    st = cpd_checker_check(checker, &doc, &len, req->body, req->body_len, &err);
    if (st == CPD_OK || st == CPD_EINPUT)
      set_json(resp, st == CPD_OK ? 200 : 400, doc, len);
    else
      serve_out_of_memory(resp);
    cpd_checker_free(own);
  } else {
    char *doc = NULL;
    st = cpd_check_json_opts(&doc, cfg->policy, req->body, req->body_len, &opts,
                             &err);
    answer(resp, st, doc, &err);
    cpd_string_free(doc);
  }
}

static void plan(const serve_config *cfg, const serve_request *req,
                 serve_response *resp) {
  cpd_day as_of;
  cpd_error err;
  char *doc = NULL;
  cpd_status st;
  int rc = as_of_arg(req, &as_of, resp);
  if (rc < 0)
    return;
  if (rc == 0) {
    set_error(resp, 400, "http.invalid_query",
              "A plan needs the as_of query parameter (the server never "
              "reads the clock).",
              "見通しにはクエリパラメータ as_of（基準日）が必要です。");
    return;
  }
  st = cpd_plan_json(&doc, cfg->policy, req->body, req->body_len, as_of, NULL,
                     &err);
  answer(resp, st, doc, &err);
  cpd_string_free(doc);
}

static void redact(const serve_request *req, serve_response *resp) {
  cpd_error err;
  char *doc = NULL;
  cpd_status st = cpd_redact_json(&doc, req->body, req->body_len, NULL, &err);
  answer(resp, st, doc, &err);
  cpd_string_free(doc);
}

static void report(const serve_config *cfg, const serve_request *req,
                   serve_response *resp) {
  const char *lang = query(req, "lang");
  int personal = flag_arg(req, "include_personal");
  int ja = !lang || strcmp(lang, "ja") == 0;
  cpd_document *doc = NULL;
  cpd_result *r = NULL;
  cpd_error err;
  cpd_status st;
  char *buf = NULL;
  size_t len = 0;
  FILE *mem;

  if ((lang && !ja && strcmp(lang, "en") != 0) || personal < 0) {
    set_error(resp, 400, "http.invalid_query",
              "lang must be ja or en, and include_personal true or false.",
              "lang は ja か en、include_personal は true か false で指定して"
              "ください。");
    return;
  }
  st = cpd_document_load_json(&doc, req->body, req->body_len, NULL, &err);
  if (st == CPD_OK)
    st = cpd_document_evaluate(&r, cfg->policy, doc, &err);
  if (st != CPD_OK) {
    answer_error(resp, st, &err);
    goto done;
  }
  mem = open_memstream(&buf, &len);
  if (!mem) {
    serve_out_of_memory(resp);
    goto done;
  }
  /* the page's CSS is /report.css: the CSP allows no inline style */
  if (cli_html_write(mem, cpd_document_application(doc), cfg->policy, r, ja,
                     personal, "/report.css") != 0) {
    fclose(mem);
    free(buf);
    serve_out_of_memory(resp);
    goto done;
  }
  if (fclose(mem) != 0) {
    free(buf);
    serve_out_of_memory(resp);
    goto done;
  }
  set_static(resp, 200, "text/html; charset=utf-8", buf, len);
  resp->owned = buf;
done:
  cpd_result_free(r);
  cpd_document_free(doc);
}

void serve_finish(const serve_config *cfg, cpd_checker *checker,
                  const serve_request *req, serve_response *resp) {
  if (req->body_too_large) {
    too_large(cfg, resp);
    return;
  }
  switch (resp->endpoint) {
  case EP_CHECK:
    check(cfg, checker, req, resp);
    break;
  case EP_PLAN:
    plan(cfg, req, resp);
    break;
  case EP_REDACT:
    redact(req, resp);
    break;
  case EP_REPORT:
    report(cfg, req, resp);
    break;
  default:
    set_error(resp, 404, "http.not_found", "There is nothing at this path.",
              "このパスには何もありません。");
  }
}
