/*
 * cpd_sqlite.c - libcpd as a SQLite loadable extension (cpd_sqlite.so).
 *
 *   .load ./cpd_sqlite          -- entry point sqlite3_cpdsqlite_init
 *   SELECT cpd_decision(doc) FROM applications;
 *
 * Scalar functions cpd_check, cpd_decision, cpd_counted, cpd_plan,
 * cpd_redact, cpd_input_error, cpd_version and the table-valued function
 * cpd_diagnostics (docs/SQL.md).  The extension is a client of the public
 * API (cpd.h) only: every document, decision and number comes from the
 * library.
 *
 * Memory: nothing the library allocates outlives a call but the checkers,
 * which keep their buffers between rows: one per connection for the
 * default policy, one per statement and call site for a policy argument
 * (auxdata), one per cursor of cpd_diagnostics.  A policy argument is
 * parsed once per statement when it is a constant (SQLite keeps auxdata
 * only then), else once per row.
 */
#include <sqlite3ext.h>
SQLITE_EXTENSION_INIT1

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cpd.h>

#if defined(_WIN32)
#define CPD_SQLITE_EXPORT __declspec(dllexport)
#elif defined(__GNUC__)
#define CPD_SQLITE_EXPORT __attribute__((visibility("default")))
#else
#define CPD_SQLITE_EXPORT
#endif

/* Every function: no side effects, the same result for the same
 * arguments (no clock: as_of is an argument), safe in views, triggers
 * and generated columns. */
#define SQ_FLAGS (SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS)

/* ------------------------------------------------------------ errors */

/* The path of an error as a JSON string, quotes included: a key of the
 * document may hold a control character, which must not reach the
 * terminal that prints the message (the library escapes it as its
 * documents do). */
static void sq_quote_path(char *buf, size_t size, const char *path) {
  char *q = NULL;
  size_t n = 0;
  if (cpd_json_quote(&q, &n, path, strlen(path)) == CPD_OK) {
    snprintf(buf, size, "%.*s", (int)n, q);
    cpd_string_free(q);
  } else { /* no memory: the pointer's characters only */
    snprintf(buf, size, "\"(unavailable)\"");
  }
}

/* The SQL error of a failed call: 'fn: code at "PATH", byte N: message
 * (message_ja)'.  The library's texts name fields, never their values. */
static char *sq_error_text(const char *fn, cpd_status st,
                           const cpd_error *err) {
  char where[6 * CPD_ERROR_PATH_SIZE + 64] = "";
  char path[6 * CPD_ERROR_PATH_SIZE + 8];
  size_t n = 0;
  if (!err || !err->code[0])
    return sqlite3_mprintf("%s: %s", fn, cpd_status_str(st));
  if (err->path[0]) {
    sq_quote_path(path, sizeof path, err->path);
    n = (size_t)snprintf(where, sizeof where, " at %s", path);
  }
  if (err->offset >= 0 && n < sizeof where)
    snprintf(where + n, sizeof where - n, "%sbyte %lld", n ? ", " : " at ",
             err->offset);
  return sqlite3_mprintf("%s: %s%s: %s (%s)", fn, err->code, where,
                         err->message, err->message_ja);
}

static void sq_result_error(sqlite3_context *ctx, const char *fn, cpd_status st,
                            const cpd_error *err) {
  char *msg;
  if (st == CPD_ENOMEM) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  msg = sq_error_text(fn, st, err);
  if (!msg) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  sqlite3_result_error(ctx, msg, -1);
  sqlite3_free(msg);
}

/* A document argument: TEXT (UTF-8) or BLOB, as bytes.  Other types are
 * read as their text (the library then says what is wrong). */
static const char *sq_bytes(sqlite3_value *v, size_t *len) {
  const char *p;
  if (sqlite3_value_type(v) == SQLITE_BLOB)
    p = (const char *)sqlite3_value_blob(v);
  else
    p = (const char *)sqlite3_value_text(v);
  *len = (size_t)sqlite3_value_bytes(v);
  return p ? p : "";
}

/* Any NULL argument gives NULL, as STRICT does in PostgreSQL. */
static int sq_any_null(int argc, sqlite3_value **argv) {
  int i;
  for (i = 0; i < argc; i++)
    if (sqlite3_value_type(argv[i]) == SQLITE_NULL)
      return 1;
  return 0;
}

/* ------------------------------------------------------- connection */

/* One per connection, shared by the functions registered on it (refs).
 * SQLite runs one call at a time on a connection, and every result is
 * copied out before the checker's next call. */
typedef struct sq_conn {
  int refs;
  cpd_checker *checker; /* default policy, made on first use */
} sq_conn;

static void sq_conn_unref(void *p) {
  sq_conn *c = p;
  if (c && --c->refs == 0) {
    cpd_checker_free(c->checker);
    sqlite3_free(c);
  }
}

/* A parsed policy argument and its checker (auxdata of the policy
 * argument: freed by SQLite at the end of the statement). */
typedef struct sq_policy {
  cpd_policy *policy;
  cpd_checker *checker; /* NULL until a function needs one */
} sq_policy;

static void sq_policy_free(void *p) {
  sq_policy *sp = p;
  if (sp) {
    cpd_checker_free(sp->checker);
    cpd_policy_free(sp->policy);
    sqlite3_free(sp);
  }
}

/* The call's policy: the auxdata of argument i when SQLite kept it, else
 * parsed now (*fresh: the caller hands it to sq_keep after its call).
 * 0, or an error already set on ctx. */
static int sq_policy_get(sqlite3_context *ctx, const char *fn,
                         sqlite3_value **argv, int i, sq_policy **out,
                         int *fresh) {
  sq_policy *sp = sqlite3_get_auxdata(ctx, i);
  cpd_error err;
  cpd_status st;
  size_t len;
  const char *json;
  *fresh = 0;
  if (sp) {
    *out = sp;
    return 0;
  }
  sp = sqlite3_malloc(sizeof *sp);
  if (!sp) {
    sqlite3_result_error_nomem(ctx);
    return 1;
  }
  sp->policy = NULL;
  sp->checker = NULL;
  json = sq_bytes(argv[i], &len);
  st = cpd_policy_load_json(&sp->policy, json, len, NULL, &err);
  if (st != CPD_OK) {
    sq_result_error(ctx, fn, st, &err);
    sq_policy_free(sp);
    return 1;
  }
  *out = sp;
  *fresh = 1;
  return 0;
}

/* Hands a freshly parsed policy to SQLite for the rest of the statement
 * (SQLite frees it at once when the argument is not a constant). */
static void sq_keep(sqlite3_context *ctx, int i, sq_policy *sp, int fresh) {
  if (fresh)
    sqlite3_set_auxdata(ctx, i, sp, sq_policy_free);
}

/* The checker for a call: the connection's (default policy) or the
 * policy argument's.  0, or an error already set on ctx. */
static int sq_checker(sqlite3_context *ctx, const char *fn, sq_policy *sp,
                      cpd_checker **out) {
  cpd_checker **slot;
  const cpd_policy *policy = NULL;
  cpd_error err;
  cpd_status st;
  if (sp) {
    slot = &sp->checker;
    policy = sp->policy;
  } else {
    slot = &((sq_conn *)sqlite3_user_data(ctx))->checker;
  }
  if (!*slot) {
    st = cpd_checker_new(slot, policy, NULL, &err);
    if (st != CPD_OK) {
      sq_result_error(ctx, fn, st, &err);
      return 1;
    }
  }
  *out = *slot;
  return 0;
}

/* ---------------------------------------------------------- functions */

/* What a function does with an evaluated application. */
typedef enum sq_what {
  SQ_CHECK,      /* the result document */
  SQ_DECISION,   /* "eligible" ... */
  SQ_COUNTED,    /* points counted, exact text ("31.5") */
  SQ_INPUT_ERROR /* the error document, or NULL */
} sq_what;

static const char *const sq_names[] = {"cpd_check", "cpd_decision",
                                       "cpd_counted", "cpd_input_error"};

/* cpd_check / cpd_decision / cpd_counted / cpd_input_error (doc [,
 * policy]). */
static void sq_evaluate(sqlite3_context *ctx, int argc, sqlite3_value **argv,
                        sq_what what) {
  const char *fn = sq_names[what];
  sq_policy *sp = NULL;
  cpd_checker *checker;
  cpd_error err;
  cpd_status st;
  const char *json, *out = NULL;
  size_t len, out_len = 0;
  int fresh = 0;
  if (sq_any_null(argc, argv))
    return; /* NULL */
  if (argc > 1 && sq_policy_get(ctx, fn, argv, 1, &sp, &fresh))
    return;
  if (sq_checker(ctx, fn, sp, &checker) == 0) {
    json = sq_bytes(argv[0], &len);
    if (what == SQ_CHECK || what == SQ_INPUT_ERROR) {
      st = cpd_checker_check(checker, &out, &out_len, json, len, &err);
    } else {
      const cpd_result *r = NULL;
      st = cpd_checker_evaluate(checker, &r, json, len, &err);
      if (st == CPD_OK) {
        const cpd_summary *s = cpd_result_summary(r);
        if (what == SQ_DECISION) {
          sqlite3_result_text(ctx, cpd_decision_str(s->decision), -1,
                              SQLITE_STATIC);
        } else {
          char buf[CPD_POINTS_TEXT_SIZE];
          size_t n = cpd_points_format(buf, s->counted);
          sqlite3_result_text(ctx, buf, (int)n, SQLITE_TRANSIENT);
        }
      }
    }
    if (what == SQ_INPUT_ERROR) {
      if (st == CPD_EINPUT)
        sqlite3_result_text64(ctx, out, out_len, SQLITE_TRANSIENT, SQLITE_UTF8);
      else if (st != CPD_OK)
        sq_result_error(ctx, fn, st, &err);
      /* else: evaluable, NULL */
    } else if (st != CPD_OK) {
      sq_result_error(ctx, fn, st, &err);
    } else if (what == SQ_CHECK) {
      sqlite3_result_text64(ctx, out, out_len, SQLITE_TRANSIENT, SQLITE_UTF8);
    }
  }
  sq_keep(ctx, 1, sp, fresh);
}

static void sq_check(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  sq_evaluate(ctx, argc, argv, SQ_CHECK);
}
static void sq_decision(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  sq_evaluate(ctx, argc, argv, SQ_DECISION);
}
static void sq_counted(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  sq_evaluate(ctx, argc, argv, SQ_COUNTED);
}
static void sq_input_error(sqlite3_context *ctx, int argc,
                           sqlite3_value **argv) {
  sq_evaluate(ctx, argc, argv, SQ_INPUT_ERROR);
}

/* A library string as a TEXT result, freed here in every case. */
static void sq_result_owned(sqlite3_context *ctx, char *s) {
  sqlite3_result_text64(ctx, s, strlen(s), SQLITE_TRANSIENT, SQLITE_UTF8);
  cpd_string_free(s);
}

/* cpd_plan(doc, as_of [, policy]): the plan document (docs/PLAN.md). */
static void sq_plan(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  sq_policy *sp = NULL;
  cpd_error err;
  cpd_status st;
  cpd_day as_of;
  char *out = NULL;
  const char *json, *day;
  size_t len;
  int fresh = 0;
  if (sq_any_null(argc, argv))
    return;
  day = (const char *)sqlite3_value_text(argv[1]);
  if (!day) {
    sqlite3_result_error_nomem(ctx);
    return;
  }
  if (cpd_day_parse(&as_of, day, (size_t)sqlite3_value_bytes(argv[1])) !=
      CPD_OK) {
    sqlite3_result_error(ctx,
                         "cpd_plan: as_of is not a date (2027-02-10, "
                         "令和9年2月10日, ...) (as_of は日付ではありません)",
                         -1);
    return;
  }
  if (argc > 2 && sq_policy_get(ctx, "cpd_plan", argv, 2, &sp, &fresh))
    return;
  json = sq_bytes(argv[0], &len);
  st =
      cpd_plan_json(&out, sp ? sp->policy : NULL, json, len, as_of, NULL, &err);
  if (st == CPD_OK)
    sq_result_owned(ctx, out);
  else
    sq_result_error(ctx, "cpd_plan", st, &err);
  sq_keep(ctx, 2, sp, fresh);
}

/* cpd_redact(doc): the application with personal data masked. */
static void sq_redact(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  cpd_error err;
  cpd_status st;
  char *out = NULL;
  const char *json;
  size_t len;
  if (sq_any_null(argc, argv))
    return;
  json = sq_bytes(argv[0], &len);
  st = cpd_redact_json(&out, json, len, NULL, &err);
  if (st == CPD_OK)
    sq_result_owned(ctx, out);
  else
    sq_result_error(ctx, "cpd_redact", st, &err);
}

/* cpd_version(): the version of the libcpd the extension runs. */
static void sq_version(sqlite3_context *ctx, int argc, sqlite3_value **argv) {
  (void)argc;
  (void)argv;
  sqlite3_result_text(ctx, cpd_version_string(), -1, SQLITE_STATIC);
}

/* ---------------------------------------------------- cpd_diagnostics */

/* SELECT * FROM cpd_diagnostics(doc [, policy]): one row per diagnostic
 * of the result.  doc and policy are hidden columns, given as the table
 * function's arguments. */
enum {
  SQ_COL_INDEX,
  SQ_COL_CODE,
  SQ_COL_SEVERITY,
  SQ_COL_RULE,
  SQ_COL_PATH,
  SQ_COL_MESSAGE_EN,
  SQ_COL_MESSAGE_JA,
  SQ_COL_ACTIVITY,
  SQ_COL_DOC,
  SQ_COL_POLICY
};

typedef struct sq_diag_cursor {
  sqlite3_vtab_cursor base;
  cpd_checker *checker; /* for the policy below (NULL: the default) */
  cpd_policy *policy;
  char *policy_text; /* the policy argument the checker was made for */
  size_t policy_len;
  int has_policy;
  const cpd_result *result; /* the checker's, until its next call */
  size_t i, n;
} sq_diag_cursor;

static int sq_diag_connect(sqlite3 *db, void *aux, int argc,
                           const char *const *argv, sqlite3_vtab **out,
                           char **err) {
  sqlite3_vtab *vt;
  int rc;
  (void)aux;
  (void)argc;
  (void)argv;
  (void)err;
  rc = sqlite3_declare_vtab(
      db, "CREATE TABLE x(\"index\" INTEGER, code TEXT, severity TEXT, "
          "rule TEXT, path TEXT, message_en TEXT, message_ja TEXT, "
          "activity INTEGER, doc HIDDEN, policy HIDDEN)");
  if (rc != SQLITE_OK)
    return rc;
  vt = sqlite3_malloc(sizeof *vt);
  if (!vt)
    return SQLITE_NOMEM;
  memset(vt, 0, sizeof *vt);
  sqlite3_vtab_config(db, SQLITE_VTAB_INNOCUOUS);
  *out = vt;
  return SQLITE_OK;
}

static int sq_diag_disconnect(sqlite3_vtab *vt) {
  sqlite3_free(vt);
  return SQLITE_OK;
}

/* doc is required (an equality constraint, i.e. an argument); policy is
 * optional.  idxNum: bit 1 doc, bit 2 policy. */
static int sq_diag_best_index(sqlite3_vtab *vt, sqlite3_index_info *info) {
  int i, doc = -1, policy = -1;
  (void)vt;
  for (i = 0; i < info->nConstraint; i++) {
    const struct sqlite3_index_constraint *c = &info->aConstraint[i];
    if (c->op != SQLITE_INDEX_CONSTRAINT_EQ)
      continue;
    if (c->iColumn == SQ_COL_DOC) {
      if (!c->usable)
        return SQLITE_CONSTRAINT;
      doc = i;
    } else if (c->iColumn == SQ_COL_POLICY) {
      if (!c->usable)
        return SQLITE_CONSTRAINT;
      policy = i;
    }
  }
  if (doc < 0) {
    sqlite3_free(vt->zErrMsg);
    vt->zErrMsg = sqlite3_mprintf(
        "cpd_diagnostics needs a document: cpd_diagnostics(doc [, policy])");
    return SQLITE_ERROR;
  }
  info->aConstraintUsage[doc].argvIndex = 1;
  info->aConstraintUsage[doc].omit = 1;
  info->idxNum = 1;
  if (policy >= 0) {
    info->aConstraintUsage[policy].argvIndex = 2;
    info->aConstraintUsage[policy].omit = 1;
    info->idxNum |= 2;
  }
  info->estimatedCost = 1000.0;
  info->estimatedRows = 10;
  return SQLITE_OK;
}

static int sq_diag_open(sqlite3_vtab *vt, sqlite3_vtab_cursor **out) {
  sq_diag_cursor *c = sqlite3_malloc(sizeof *c);
  (void)vt;
  if (!c)
    return SQLITE_NOMEM;
  memset(c, 0, sizeof *c);
  *out = &c->base;
  return SQLITE_OK;
}

static void sq_diag_drop_policy(sq_diag_cursor *c) {
  cpd_checker_free(c->checker);
  cpd_policy_free(c->policy);
  sqlite3_free(c->policy_text);
  c->checker = NULL;
  c->policy = NULL;
  c->policy_text = NULL;
  c->policy_len = 0;
  c->has_policy = 0;
  c->result = NULL;
}

static int sq_diag_close(sqlite3_vtab_cursor *cur) {
  sq_diag_cursor *c = (sq_diag_cursor *)cur;
  sq_diag_drop_policy(c);
  sqlite3_free(c);
  return SQLITE_OK;
}

static int sq_diag_fail(sq_diag_cursor *c, cpd_status st,
                        const cpd_error *err) {
  sqlite3_vtab *vt = c->base.pVtab;
  if (st == CPD_ENOMEM)
    return SQLITE_NOMEM;
  sqlite3_free(vt->zErrMsg);
  vt->zErrMsg = sq_error_text("cpd_diagnostics", st, err);
  return vt->zErrMsg ? SQLITE_ERROR : SQLITE_NOMEM;
}

/* The checker for this policy argument (NULL: default); kept while the
 * next row of a join passes the same policy. */
static int sq_diag_checker(sq_diag_cursor *c, sqlite3_value *policy) {
  cpd_error err;
  cpd_status st;
  size_t len = 0;
  const char *json = policy ? sq_bytes(policy, &len) : NULL;
  if (c->checker && c->has_policy == (policy != NULL) &&
      (!policy ||
       (len == c->policy_len && memcmp(json, c->policy_text, len) == 0)))
    return SQLITE_OK;
  sq_diag_drop_policy(c);
  if (policy) {
    c->policy_text = sqlite3_malloc64(len ? len : 1);
    if (!c->policy_text)
      return SQLITE_NOMEM;
    memcpy(c->policy_text, json, len);
    c->policy_len = len;
    c->has_policy = 1;
    st = cpd_policy_load_json(&c->policy, json, len, NULL, &err);
    if (st != CPD_OK) {
      sq_diag_drop_policy(c);
      return sq_diag_fail(c, st, &err);
    }
  }
  st = cpd_checker_new(&c->checker, c->policy, NULL, &err);
  if (st != CPD_OK) {
    sq_diag_drop_policy(c);
    return sq_diag_fail(c, st, &err);
  }
  return SQLITE_OK;
}

static int sq_diag_filter(sqlite3_vtab_cursor *cur, int idx_num,
                          const char *idx_str, int argc, sqlite3_value **argv) {
  sq_diag_cursor *c = (sq_diag_cursor *)cur;
  cpd_error err;
  cpd_status st;
  const char *json;
  size_t len;
  int rc;
  (void)idx_str;
  c->result = NULL;
  c->i = c->n = 0;
  if (!(idx_num & 1) || argc < 1 || sq_any_null(argc, argv))
    return SQLITE_OK; /* no rows */
  rc = sq_diag_checker(c, (idx_num & 2) && argc > 1 ? argv[1] : NULL);
  if (rc != SQLITE_OK)
    return rc;
  json = sq_bytes(argv[0], &len);
  st = cpd_checker_evaluate(c->checker, &c->result, json, len, &err);
  if (st != CPD_OK) {
    c->result = NULL;
    return sq_diag_fail(c, st, &err);
  }
  c->n = cpd_result_diagnostic_count(c->result);
  return SQLITE_OK;
}

static int sq_diag_next(sqlite3_vtab_cursor *cur) {
  ((sq_diag_cursor *)cur)->i++;
  return SQLITE_OK;
}

static int sq_diag_eof(sqlite3_vtab_cursor *cur) {
  sq_diag_cursor *c = (sq_diag_cursor *)cur;
  return c->i >= c->n;
}

static int sq_diag_column(sqlite3_vtab_cursor *cur, sqlite3_context *ctx,
                          int col) {
  sq_diag_cursor *c = (sq_diag_cursor *)cur;
  const cpd_diagnostic *d = cpd_result_diagnostic(c->result, c->i);
  const char *s = NULL;
  if (!d) /* the messages could not be rendered */
    return SQLITE_NOMEM;
  switch (col) {
  case SQ_COL_INDEX:
    sqlite3_result_int64(ctx, (sqlite3_int64)c->i);
    return SQLITE_OK;
  case SQ_COL_ACTIVITY:
    if (d->activity != CPD_NO_ACTIVITY)
      sqlite3_result_int64(ctx, (sqlite3_int64)d->activity);
    return SQLITE_OK;
  case SQ_COL_CODE:
    s = d->code;
    break;
  case SQ_COL_SEVERITY:
    s = cpd_severity_str(d->severity);
    break;
  case SQ_COL_RULE:
    s = d->rule;
    break;
  case SQ_COL_PATH:
    s = d->path;
    break;
  case SQ_COL_MESSAGE_EN:
    s = d->message;
    break;
  case SQ_COL_MESSAGE_JA:
    s = d->message_ja;
    break;
  default: /* doc, policy: the arguments, not repeated */
    return SQLITE_OK;
  }
  if (s)
    sqlite3_result_text(ctx, s, -1, SQLITE_TRANSIENT);
  return SQLITE_OK;
}

static int sq_diag_rowid(sqlite3_vtab_cursor *cur, sqlite3_int64 *rowid) {
  *rowid = (sqlite3_int64)((sq_diag_cursor *)cur)->i;
  return SQLITE_OK;
}

static const sqlite3_module sq_diag_module = {
    0,                  /* iVersion */
    NULL,               /* xCreate: eponymous only */
    sq_diag_connect,    /* xConnect */
    sq_diag_best_index, /* xBestIndex */
    sq_diag_disconnect, /* xDisconnect */
    NULL,               /* xDestroy */
    sq_diag_open,       /* xOpen */
    sq_diag_close,      /* xClose */
    sq_diag_filter,     /* xFilter */
    sq_diag_next,       /* xNext */
    sq_diag_eof,        /* xEof */
    sq_diag_column,     /* xColumn */
    sq_diag_rowid,      /* xRowid */
    NULL,               /* xUpdate */
    NULL,               /* xBegin */
    NULL,               /* xSync */
    NULL,               /* xCommit */
    NULL,               /* xRollback */
    NULL,               /* xFindFunction */
    NULL,               /* xRename */
    NULL,               /* xSavepoint */
    NULL,               /* xRelease */
    NULL,               /* xRollbackTo */
    NULL                /* xShadowName */
};

/* --------------------------------------------------------------- init */

typedef void (*sq_fn)(sqlite3_context *, int, sqlite3_value **);

static const struct {
  const char *name;
  int args;
  sq_fn fn;
} sq_functions[] = {
    {"cpd_check", 1, sq_check},
    {"cpd_check", 2, sq_check},
    {"cpd_decision", 1, sq_decision},
    {"cpd_decision", 2, sq_decision},
    {"cpd_counted", 1, sq_counted},
    {"cpd_counted", 2, sq_counted},
    {"cpd_input_error", 1, sq_input_error},
    {"cpd_input_error", 2, sq_input_error},
    {"cpd_plan", 2, sq_plan},
    {"cpd_plan", 3, sq_plan},
    {"cpd_redact", 1, sq_redact},
    {"cpd_version", 0, sq_version},
};

CPD_SQLITE_EXPORT int sqlite3_cpdsqlite_init(sqlite3 *db, char **pzErrMsg,
                                             const sqlite3_api_routines *pApi);

int sqlite3_cpdsqlite_init(sqlite3 *db, char **pzErrMsg,
                           const sqlite3_api_routines *pApi) {
  sq_conn *conn;
  size_t i;
  int rc = SQLITE_OK;
  SQLITE_EXTENSION_INIT2(pApi);
  if (sqlite3_libversion_number() < 3031000) { /* SQLITE_INNOCUOUS */
    if (pzErrMsg)
      *pzErrMsg = sqlite3_mprintf("cpd_sqlite needs SQLite 3.31 or later");
    return SQLITE_ERROR;
  }
  conn = sqlite3_malloc(sizeof *conn);
  if (!conn)
    return SQLITE_NOMEM;
  conn->refs = 1; /* ours, until the end of this function */
  conn->checker = NULL;
  for (i = 0; rc == SQLITE_OK && i < sizeof sq_functions / sizeof *sq_functions;
       i++) {
    conn->refs++; /* the registration's; dropped by SQLite (also on error) */
    rc = sqlite3_create_function_v2(
        db, sq_functions[i].name, sq_functions[i].args, SQ_FLAGS, conn,
        sq_functions[i].fn, NULL, NULL, sq_conn_unref);
  }
  sq_conn_unref(conn);
  if (rc == SQLITE_OK)
    rc = sqlite3_create_module(db, "cpd_diagnostics", &sq_diag_module, NULL);
  if (rc != SQLITE_OK && pzErrMsg)
    *pzErrMsg = sqlite3_mprintf("cpd_sqlite: %s", sqlite3_errstr(rc));
  return rc;
}
