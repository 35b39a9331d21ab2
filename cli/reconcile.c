/* reconcile.c - `cpd reconcile APPLICATIONS PAYMENTS [--fee YEN]`: the
 * fee payments of the bank's record matched to the applications.
 *
 * Each application (one NDJSON line, as `cpd batch` reads) is evaluated
 * by the library for its window; its payer is the fee payer's name when
 * that is written in kana, else the company's kana with the payer's
 * legal entity (a company paid), else the applicant's kana.  The library
 * folds and compares the names (cpd_name_*).  An application gets paid,
 * unpaid, ambiguous (several payments name it, or its one payment names
 * several applications: the candidates are listed, never chosen),
 * amount_differs or outside_window; a payment that names nobody is
 * unclaimed.  Everything is read before anything is written: an
 * unreadable line or record stops the command (exit 2) with nothing
 * written.  Names go to the output, never to a message. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "applications.h"
#include "cli.h"
#include "payments.h"

#define usage(...) cli_usage("reconcile", __VA_ARGS__)

/* The most candidates listed for one application, and applications for
 * one payment (all are counted): a file of 10,000 namesakes must not
 * make the output quadratic. */
#define MAX_LISTED 50

/* ----------------------------------------------------------------- statuses */

/* The statuses are the library's (cpd_fee_status), with their words. */
enum { FEE_STATUSES = CPD_FEE_UNCLAIMED + 1 };

static const char *fee_label(cpd_fee_status s, int ja) {
  const cpd_label *l = cpd_fee_status_label(s);
  return l ? (ja ? l->label_ja : l->label) : "?";
}

/* ------------------------------------------------------------ applications */

typedef struct app_entry {
  unsigned long line;
  char *number;   /* the certification number (NFKC), or NULL */
  cpd_name *name; /* whom to look for, or NULL: no name in kana */
  cpd_name *alt;  /* whom to look for when name finds nobody, or NULL */
  cpd_day opens, closes;
  size_t cand[MAX_LISTED]; /* the payments that name it (the first ones) */
  size_t ncand;            /* listed */
  size_t candidates;       /* all of them */
  long long fee;           /* --fee, or fee.amount of its policy version */
  cpd_fee_status status;
} app_entry;

typedef struct recon {
  const char *apps_file, *pay_file;
  int ja;
  cpd_policy *policy;
  long long fee; /* --fee; 0: each application's policy version says */
  app_entry *apps;
  size_t napps, capapps;
  payments pay;
  cpd_name **pnames;                     /* a name per payment */
  size_t *claims;                        /* applications each payment names */
  unsigned long (*claimers)[MAX_LISTED]; /* their lines (the first ones) */
} recon;

static int text_value(const cpd_value *v) {
  return v->kind == CPD_VALUE_TEXT && v->text && v->text[0];
}

/* text as a folded name when it is written as banks write names (kana;
 * also Latin letters when latin); NULL otherwise.  -1 out of memory. */
static int bank_name(cpd_name **out, const char *text, int latin) {
  cpd_name *n = NULL;
  cpd_status st = cpd_name_new(&n, text, strlen(text), NULL);
  cpd_name_script sc = cpd_name_script_of(n);
  *out = NULL;
  if (st == CPD_ENOMEM)
    return -1;
  if (st == CPD_OK && (sc == CPD_NAME_KANA || (latin && sc == CPD_NAME_LATIN)))
    *out = n;
  else
    cpd_name_free(n);
  return 0;
}

/* Whom the bank's record should name for application a: *out, and *alt
 * to try when *out finds nothing.  The fee payer's name when it is in
 * kana; in Latin letters (a bank writes some names so), then the
 * applicant's kana; a company in kanji (株式会社山田商事), the company's
 * kana with its legal entity; else the applicant's kana.  0, or -1 out of
 * memory. */
static int payer_of(const cpd_application *a, cpd_name **out, cpd_name **alt) {
  cpd_name *payer = NULL, **next = out;
  *out = *alt = NULL;
  if (text_value(&a->fee_payer_name)) {
    const cpd_legal_entity *e;
    if (cpd_name_new(&payer, a->fee_payer_name.text,
                     strlen(a->fee_payer_name.text), NULL) == CPD_ENOMEM)
      return -1;
    switch (cpd_name_script_of(payer)) {
    case CPD_NAME_KANA:
      *out = payer;
      return 0;
    case CPD_NAME_LATIN:
      *out = payer;
      next = alt;
      payer = NULL;
      break;
    default:
      /* a company paid: its kana, with the payer's kind */
      e = cpd_name_entity(payer);
      if (e && text_value(&a->applicant.company_kana)) {
        const char *ck = a->applicant.company_kana.text;
        size_t n = strlen(e->abbreviation) + 1 + strlen(ck) + 1;
        char *t = malloc(n);
        int rc;
        if (!t) {
          cpd_name_free(payer);
          return -1;
        }
        snprintf(t, n, "%s)%s", e->abbreviation, ck);
        rc = bank_name(out, t, 0);
        free(t);
        if (rc < 0 || *out) {
          cpd_name_free(payer);
          return rc;
        }
      }
    }
    cpd_name_free(payer);
  }
  if (text_value(&a->applicant.name_kana))
    return bank_name(next, a->applicant.name_kana.text, 0);
  return 0;
}

/* One application (applications.h): its entry.  0, or EXIT_NOMEM. */
static int add_application(void *ctx, unsigned long line,
                           const cpd_application *a, const cpd_result *r) {
  recon *rc = ctx;
  const cpd_summary *s = cpd_result_summary(r);
  cpd_status st = CPD_OK;
  app_entry *e;
  if (rc->napps == rc->capapps) {
    size_t cap = rc->capapps ? rc->capapps * 2 : 64;
    app_entry *na = realloc(rc->apps, cap * sizeof *na);
    if (!na)
      return EXIT_NOMEM;
    rc->apps = na;
    rc->capapps = cap;
  }
  e = &rc->apps[rc->napps];
  memset(e, 0, sizeof *e);
  e->line = line;
  e->opens = s->window_opens_on;
  e->closes = s->window_closes_on;
  e->fee = rc->fee ? rc->fee : cpd_policy_fee_amount(rc->policy, s->applied_on);
  if (text_value(&a->certification_number))
    st = cpd_text_normalize(&e->number, NULL, a->certification_number.text,
                            strlen(a->certification_number.text));
  if (st == CPD_ENOMEM || payer_of(a, &e->name, &e->alt) < 0) {
    cpd_string_free(e->number);
    return EXIT_NOMEM;
  }
  rc->napps++;
  return 0;
}

/* ---------------------------------------------------------------- matching */

static const recon *sort_ctx;

static int by_key(const void *x, const void *y) {
  size_t i = *(const size_t *)x, j = *(const size_t *)y;
  int c = strcmp(cpd_name_key(sort_ctx->pnames[i], NULL),
                 cpd_name_key(sort_ctx->pnames[j], NULL));
  return c ? c : i < j ? -1 : 1;
}

/* A key without its last character (how cpd_name_matches reads the name
 * of a payment cut by its field): its length. */
static size_t cut_len(const char *key) {
  size_t n = strlen(key);
  if (n == 0)
    return 0;
  n--;
  while (n > 0 && ((unsigned char)key[n] & 0xC0) == 0x80)
    n--;
  return n;
}

typedef struct cut_entry {
  size_t pay;
  const char *key;
  size_t len; /* cut_len(key) */
} cut_entry;

static int by_cut(const void *x, const void *y) {
  const cut_entry *a = x, *b = y;
  size_t n = a->len < b->len ? a->len : b->len;
  int c = memcmp(a->key, b->key, n);
  if (c)
    return c;
  if (a->len != b->len)
    return a->len < b->len ? -1 : 1;
  return a->pay < b->pay ? -1 : 1;
}

static void add_candidate(recon *rc, app_entry *e, size_t p) {
  size_t i;
  for (i = 0; i < e->ncand; i++)
    if (e->cand[i] == p)
      return;
  if (e->ncand == MAX_LISTED) { /* counted, not listed */
    e->candidates++;
    rc->claims[p]++;
    return;
  }
  e->cand[e->ncand++] = p;
  e->candidates++;
  if (rc->claims[p] < MAX_LISTED)
    rc->claimers[p][rc->claims[p]] = e->line;
  rc->claims[p]++;
}

/* The candidates of e for the name nm. */
static void match_one(recon *rc, app_entry *e, const cpd_name *nm,
                      const size_t *order, const cut_entry *cuts, size_t ncut) {
  size_t n = rc->pay.n, klen, lo = 0, hi = n, b, k;
  const char *key = cpd_name_key(nm, &klen);
  while (lo < hi) { /* the first payment whose key is not below */
    size_t mid = lo + (hi - lo) / 2;
    if (strcmp(cpd_name_key(rc->pnames[order[mid]], NULL), key) < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  for (k = lo;
       k < n && strcmp(cpd_name_key(rc->pnames[order[k]], NULL), key) == 0; k++)
    if (cpd_name_matches(nm, rc->pnames[order[k]], 0))
      add_candidate(rc, e, order[k]);
  /* every proper start of the key, at a character boundary */
  for (b = 1; b < klen && ncut; b++) {
    cut_entry probe;
    if (((unsigned char)key[b] & 0xC0) == 0x80)
      continue;
    probe.pay = 0;
    probe.key = key;
    probe.len = b;
    lo = 0;
    hi = ncut;
    while (lo < hi) {
      size_t mid = lo + (hi - lo) / 2;
      if (by_cut(&cuts[mid], &probe) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
    for (k = lo;
         k < ncut && cuts[k].len == b && memcmp(cuts[k].key, key, b) == 0; k++)
      if (strcmp(cuts[k].key, key) != 0 && /* (found whole above) */
          cpd_name_matches(nm, rc->pnames[cuts[k].pay], 1))
        add_candidate(rc, e, cuts[k].pay);
  }
}

/* Candidates of every application: the payments whose key is its key
 * (the payments sorted by key, a binary search), and the payments cut
 * short whose key less its last character starts its key (sorted so,
 * one binary search per start of its key); cpd_name_matches decides
 * each.  No pair of everything against everything. */
static int match_all(recon *rc) {
  size_t n = rc->pay.n, i, *order, ncut = 0;
  cut_entry *cuts;
  order = malloc((n ? n : 1) * sizeof *order);
  cuts = malloc((n ? n : 1) * sizeof *cuts);
  rc->pnames = calloc(n ? n : 1, sizeof *rc->pnames);
  rc->claims = calloc(n ? n : 1, sizeof *rc->claims);
  rc->claimers = calloc(n ? n : 1, sizeof *rc->claimers);
  if (!order || !cuts || !rc->pnames || !rc->claims || !rc->claimers)
    goto nomem;
  for (i = 0; i < n; i++) {
    const payment *p = &rc->pay.items[i];
    const char *nm = p->name + p->match_at;
    cpd_status st = cpd_name_new(&rc->pnames[i], nm, strlen(nm), NULL);
    if (st == CPD_EINVAL) /* (the readers give UTF-8) no name: no match */
      st = cpd_name_new(&rc->pnames[i], "", 0, NULL);
    if (st != CPD_OK)
      goto nomem;
    order[i] = i;
    if (p->cut) {
      cuts[ncut].pay = i;
      cuts[ncut].key = cpd_name_key(rc->pnames[i], NULL);
      cuts[ncut].len = cut_len(cuts[ncut].key);
      ncut++;
    }
  }
  sort_ctx = rc;
  qsort(order, n, sizeof *order, by_key);
  qsort(cuts, ncut, sizeof *cuts, by_cut);
  for (i = 0; i < rc->napps; i++) {
    app_entry *e = &rc->apps[i];
    if (e->name)
      match_one(rc, e, e->name, order, cuts, ncut);
    if (e->candidates == 0 && e->alt)
      match_one(rc, e, e->alt, order, cuts, ncut);
  }
  free(order);
  free(cuts);
  return 0;
nomem:
  free(order);
  free(cuts);
  return EXIT_NOMEM;
}

static int cmp_size(const void *a, const void *b) {
  size_t x = *(const size_t *)a, y = *(const size_t *)b;
  return x < y ? -1 : x > y;
}

static void decide(recon *rc) {
  size_t i;
  for (i = 0; i < rc->napps; i++) {
    app_entry *e = &rc->apps[i];
    const payment *p;
    qsort(e->cand, e->ncand, sizeof *e->cand, cmp_size); /* file order */
    if (e->ncand == 0) {
      e->status = CPD_FEE_UNPAID;
      continue;
    }
    p = &rc->pay.items[e->cand[0]];
    if (e->candidates > 1 || rc->claims[e->cand[0]] > 1)
      e->status = CPD_FEE_AMBIGUOUS;
    else if (p->amount != e->fee)
      e->status = CPD_FEE_AMOUNT_DIFFERS;
    else if (p->date < e->opens || p->date > e->closes)
      e->status = CPD_FEE_OUTSIDE_WINDOW;
    else
      e->status = CPD_FEE_PAID;
  }
}

/* ----------------------------------------------------------------- writing */

/* A text as a JSON string, escaped by the library. */
static int json_string(FILE *out, const char *s) {
  char *q = NULL;
  size_t n = 0;
  cpd_status st = cpd_json_quote(&q, &n, s, strlen(s));
  if (st == CPD_EINVAL) /* (the readers give UTF-8) */
    st = cpd_json_quote(&q, &n, "", 0);
  if (st != CPD_OK)
    return -1;
  fwrite(q, 1, n, out);
  cpd_string_free(q);
  return 0;
}

static int json_payment(FILE *out, const recon *rc, size_t i) {
  const payment *p = &rc->pay.items[i];
  char day[11];
  cpd_day_format(day, p->date);
  fprintf(out, "{\"%s\":%lu,\"reference\":",
          rc->pay.source == PAY_CSV ? "row" : "record", p->record);
  if (p->reference[0]) {
    if (json_string(out, p->reference) < 0)
      return -1;
  } else {
    fputs("null", out);
  }
  fprintf(out, ",\"date\":\"%s\",\"amount\":%lld,\"name\":", day, p->amount);
  if (json_string(out, p->name) < 0)
    return -1;
  fputc('}', out);
  return 0;
}

static int cmp_ulong(const void *a, const void *b) {
  unsigned long x = *(const unsigned long *)a, y = *(const unsigned long *)b;
  return x < y ? -1 : x > y;
}

/* The other applications that name e's payments (their lines, the first
 * ones), separated by sep. */
static void shared_with(FILE *out, const recon *rc, const app_entry *e,
                        const char *sep) {
  unsigned long lines[MAX_LISTED * MAX_LISTED];
  size_t n = 0, i, k, shown = 0;
  for (k = 0; k < e->ncand; k++) {
    size_t p = e->cand[k];
    size_t m = rc->claims[p] < MAX_LISTED ? rc->claims[p] : MAX_LISTED;
    for (i = 0; i < m; i++)
      if (rc->claimers[p][i] != e->line)
        lines[n++] = rc->claimers[p][i];
  }
  if (n == 0)
    return;
  qsort(lines, n, sizeof *lines, cmp_ulong);
  for (i = 0; i < n && shown < MAX_LISTED; i++)
    if (i == 0 || lines[i] != lines[i - 1])
      fprintf(out, "%s%lu", shown++ ? sep : "", lines[i]);
}

static int write_json(FILE *out, const recon *rc) {
  size_t i, k;
  char a[11], b[11];
  for (i = 0; i < rc->napps; i++) {
    const app_entry *e = &rc->apps[i];
    fprintf(out, "{\"line\":%lu,\"number\":", e->line);
    if (e->number) {
      if (json_string(out, e->number) < 0)
        return -1;
    } else {
      fputs("null", out);
    }
    cpd_day_format(a, e->opens);
    cpd_day_format(b, e->closes);
    fprintf(out,
            ",\"status\":\"%s\",\"fee\":%lld,\"window\":{\"opens_on\":\"%s\","
            "\"closes_on\":\"%s\"},\"candidates\":%zu,\"payments\":[",
            cpd_fee_status_str(e->status), e->fee, a, b, e->candidates);
    for (k = 0; k < e->ncand; k++) {
      if (k)
        fputc(',', out);
      if (json_payment(out, rc, e->cand[k]) < 0)
        return -1;
    }
    fputs("],\"shared_with\":[", out);
    if (e->status == CPD_FEE_AMBIGUOUS)
      shared_with(out, rc, e, ",");
    fputc(']', out);
    if (!e->name && !e->alt)
      fputs(",\"note\":\"no_kana_name\"", out);
    fputs("}\n", out);
  }
  for (i = 0; i < rc->pay.n; i++) {
    if (rc->claims[i])
      continue;
    fprintf(out,
            "{\"line\":null,\"number\":null,\"status\":\"%s\","
            "\"payments\":[",
            cpd_fee_status_str(CPD_FEE_UNCLAIMED));
    if (json_payment(out, rc, i) < 0)
      return -1;
    fputs("]}\n", out);
  }
  return 0;
}

/* A CSV cell: quoted by libcsv when it needs it; a text that a
 * spreadsheet would take for a formula gets a leading apostrophe (as
 * `check --format csv` does, cli_csv_formula_like). */
static void csv_cell(FILE *out, const char *s, int text) {
  size_t len = strlen(s);
  if (text && cli_csv_formula_like(s)) {
    fputc('\'', out);
    csv_fwrite(out, s, len); /* quoted whole after the apostrophe */
    return;
  }
  if (len && (strpbrk(s, ",\"\r\n") || s[0] == ' ' || s[len - 1] == ' '))
    csv_fwrite(out, s, len);
  else
    fputs(s, out);
}

static void csv_row(FILE *out, const recon *rc, const app_entry *e,
                    size_t pay) {
  char buf[32], a[11], b[11];
  if (e) {
    fprintf(out, "%lu,", e->line);
    csv_cell(out, e->number ? e->number : "", 1);
  } else {
    fputc(',', out);
  }
  fprintf(out, ",%s,", cpd_fee_status_str(e ? e->status : CPD_FEE_UNCLAIMED));
  if (pay != (size_t)-1) {
    const payment *p = &rc->pay.items[pay];
    fprintf(out, "%s,%lu,", rc->pay.source == PAY_CSV ? "row" : "record",
            p->record);
    csv_cell(out, p->reference, 1);
    cpd_day_format(buf, p->date);
    fprintf(out, ",%s,%lld,", buf, p->amount);
    csv_cell(out, p->name, 1);
  } else {
    fputs(",,,,,", out);
  }
  fputc(',', out);
  if (e) {
    cpd_day_format(a, e->opens);
    cpd_day_format(b, e->closes);
    fprintf(out, "%lld,%s,%s,", e->fee, a, b);
    if (e->status == CPD_FEE_AMBIGUOUS)
      shared_with(out, rc, e, " ");
    fprintf(out, ",%s", e->name || e->alt ? "" : "no_kana_name");
  } else {
    fputs(",,,,", out);
  }
  fputs("\r\n", out);
}

static void write_csv(FILE *out, const recon *rc, int bom) {
  size_t i, k;
  if (bom)
    fputs("\xEF\xBB\xBF", out);
  fputs("line,number,status,source,record,reference,date,amount,name,fee,"
        "window_opens_on,window_closes_on,shared_with,note\r\n",
        out);
  for (i = 0; i < rc->napps; i++) {
    const app_entry *e = &rc->apps[i];
    if (e->ncand == 0)
      csv_row(out, rc, e, (size_t)-1);
    for (k = 0; k < e->ncand; k++)
      csv_row(out, rc, e, e->cand[k]);
  }
  for (i = 0; i < rc->pay.n; i++)
    if (!rc->claims[i])
      csv_row(out, rc, NULL, i);
}

/* ------------------------------------------------------- the terminal table */

#define TCOLS 8
typedef struct trow {
  char *c[TCOLS];
} trow;

static char *dupf(const char *s) { return cli_safe_dup(s ? s : "", 0); }

static int table_row(trow *t, const recon *rc, const app_entry *e, size_t pay,
                     int first) {
  char buf[128], a[11], b[11];
  int ja = rc->ja;
  memset(t, 0, sizeof *t);
  if (first && e) {
    snprintf(buf, sizeof buf, "%lu", e->line);
    t->c[0] = dupf(buf);
    t->c[1] = dupf(e->number ? e->number : "-");
    t->c[2] = dupf(fee_label(e->status, ja));
  } else if (first) {
    t->c[0] = dupf("-");
    t->c[1] = dupf("-");
    t->c[2] = dupf(fee_label(CPD_FEE_UNCLAIMED, ja));
  } else {
    t->c[0] = dupf("");
    t->c[1] = dupf("");
    t->c[2] = dupf("");
  }
  if (pay != (size_t)-1) {
    const payment *p = &rc->pay.items[pay];
    cpd_day_format(buf, p->date);
    t->c[3] = dupf(buf);
    cpd_yen_format(buf, p->amount);
    t->c[4] = dupf(buf);
    t->c[5] = dupf(p->name);
    snprintf(buf, sizeof buf, "%lu", p->record);
    t->c[6] = dupf(buf);
  } else {
    t->c[3] = dupf("");
    t->c[4] = dupf("");
    t->c[5] = dupf("");
    t->c[6] = dupf("");
  }
  buf[0] = '\0';
  if (first && e) {
    if (!e->name && !e->alt)
      snprintf(buf, sizeof buf, "%s",
               ja ? "カナの名義がありません" : "no name in kana");
    else if (e->status == CPD_FEE_AMOUNT_DIFFERS) {
      char f[CPD_YEN_TEXT_SIZE];
      cpd_yen_format(f, e->fee);
      snprintf(buf, sizeof buf, ja ? "手数料 %s 円" : "fee %s yen", f);
    } else if (e->status == CPD_FEE_OUTSIDE_WINDOW) {
      cpd_day_format(a, e->opens);
      cpd_day_format(b, e->closes);
      snprintf(buf, sizeof buf, ja ? "受付期間 %s〜%s" : "window %s to %s", a,
               b);
    } else if (e->status == CPD_FEE_AMBIGUOUS) {
      char *list = NULL;
      size_t len = 0;
      FILE *m = open_memstream(&list, &len);
      if (m) {
        shared_with(m, rc, e, ja ? "・" : ", ");
        fclose(m);
      }
      if (list && list[0])
        snprintf(buf, sizeof buf,
                 ja ? "行 %s と同じ入金" : "shared with line %s", list);
      else if (e->candidates > 1)
        snprintf(buf, sizeof buf, ja ? "候補 %zu 件" : "%zu candidates",
                 e->candidates);
      free(list);
    }
  }
  t->c[7] = dupf(buf);
  {
    int k;
    for (k = 0; k < TCOLS; k++)
      if (!t->c[k])
        return -1;
  }
  return 0;
}

static void pad(FILE *out, int n) {
  while (n-- > 0)
    fputc(' ', out);
}

/* The fee the table's heading names: --fee, or the one fee.amount every
 * application's policy version has (that of the newest version when there
 * is no application); 0 when the versions differ. */
static long long heading_fee(const recon *rc) {
  size_t i;
  if (rc->fee || !rc->napps)
    return rc->fee ? rc->fee : cpd_policy_fee_amount(rc->policy, CPD_DAY_NONE);
  for (i = 1; i < rc->napps; i++)
    if (rc->apps[i].fee != rc->apps[0].fee)
      return 0;
  return rc->apps[0].fee;
}

static int write_text(FILE *out, const recon *rc) {
  const cpd_field_info *num = cpd_field_by_id(CPD_FIELD_ID_CERT_NUMBER);
  const char *const head_ja[TCOLS] = {"行",   num->label_ja,  "状態", "入金日",
                                      "金額", "振込依頼人名", "記録", "備考"};
  const char *const head_en[TCOLS] = {"line",   num->label, "status",
                                      "date",   "amount",   "payer (bank)",
                                      "record", "note"};
  const char *const *head = rc->ja ? head_ja : head_en;
  trow *rows;
  size_t nrows = 0, cap = rc->napps + rc->pay.n + 1, i, k;
  int width[TCOLS], c, rcode = 0;
  unsigned long count[FEE_STATUSES];
  char f[CPD_YEN_TEXT_SIZE];
  memset(count, 0, sizeof count);
  for (i = 0; i < rc->napps; i++)
    cap += rc->apps[i].ncand;
  rows = calloc(cap, sizeof *rows);
  if (!rows)
    return -1;
  for (i = 0; i < rc->napps && !rcode; i++) {
    const app_entry *e = &rc->apps[i];
    count[e->status]++;
    if (e->ncand == 0)
      rcode = table_row(&rows[nrows++], rc, e, (size_t)-1, 1);
    for (k = 0; k < e->ncand && !rcode; k++)
      rcode = table_row(&rows[nrows++], rc, e, e->cand[k], k == 0);
  }
  for (i = 0; i < rc->pay.n && !rcode; i++)
    if (!rc->claims[i]) {
      count[CPD_FEE_UNCLAIMED]++;
      rcode = table_row(&rows[nrows++], rc, NULL, i, 1);
    }
  if (!rcode) {
    for (c = 0; c < TCOLS; c++)
      width[c] = cli_text_columns(head[c]);
    for (i = 0; i < nrows; i++)
      for (c = 0; c < TCOLS; c++) {
        int w = cli_text_columns(rows[i].c[c]);
        if (w > width[c])
          width[c] = w;
      }
    long long fee = heading_fee(rc);
    cpd_yen_format(f, fee);
    if (rc->ja)
      fprintf(out, "入金照合（申請 %zu 件、入金 %zu 件、手数料 %s%s）\n\n",
              rc->napps, rc->pay.n, fee ? f : "はポリシーの版ごと",
              fee ? " 円" : "");
    else
      fprintf(out,
              "Fee reconciliation (%zu applications, %zu payments, fee %s%s)"
              "\n\n",
              rc->napps, rc->pay.n, fee ? f : "by policy version",
              fee ? " yen" : "");
    for (i = 0; i <= nrows && !rcode; i++) {
      /* a line at a time, without the spaces an empty last cell leaves */
      char *line = NULL;
      size_t llen = 0;
      FILE *l = open_memstream(&line, &llen);
      if (!l) {
        rcode = -1;
        break;
      }
      for (c = 0; c < TCOLS; c++) {
        const char *cell = i == 0 ? head[c] : rows[i - 1].c[c];
        int w = cli_text_columns(cell);
        int right = i > 0 && (c == 0 || c == 4 || c == 6);
        if (right)
          pad(l, width[c] - w);
        fputs(cell, l);
        if (c + 1 < TCOLS)
          pad(l, (right ? 0 : width[c] - w) + 2);
      }
      if (fclose(l) != 0 || !line) {
        free(line);
        rcode = -1;
        break;
      }
      while (llen > 0 && line[llen - 1] == ' ')
        llen--;
      fwrite(line, 1, llen, out);
      fputc('\n', out);
      free(line);
    }
    fputc('\n', out);
    fputs(rc->ja ? "集計:" : "Totals:", out);
    for (c = 0; c < FEE_STATUSES; c++)
      fprintf(out, "%s%s %lu",
              c == 0   ? " "
              : rc->ja ? "、"
                       : ", ",
              fee_label((cpd_fee_status)c, rc->ja), count[c]);
    fputc('\n', out);
  }
  for (i = 0; i < nrows; i++)
    for (c = 0; c < TCOLS; c++)
      free(rows[i].c[c]);
  free(rows);
  return rcode;
}

/* ------------------------------------------------------------------ command */

static int parse_fee(const char *s, long long *out) {
  long long v = 0;
  int digits = 0;
  for (; *s; s++) {
    if (*s >= '0' && *s <= '9') {
      if (v > 100000000000LL)
        return -1;
      v = v * 10 + (*s - '0');
      digits++;
    } else if (*s != ',' || !digits) {
      return -1;
    }
  }
  *out = v;
  return digits && v > 0 ? 0 : -1;
}

/* Whether every application finds a fee.amount in its policy version: the
 * oldest version sets one (the later ones keep it unless they change it,
 * and an application before them all is checked against the oldest). */
static int policy_sets_fee(const cpd_policy *policy) {
  cpd_day from = CPD_DAY_NONE;
  if (cpd_policy_version_at(policy, 0, NULL, &from) != CPD_OK)
    return 0;
  return cpd_policy_fee_amount(policy, from) > 0;
}

static void recon_free(recon *rc) {
  size_t i;
  for (i = 0; i < rc->napps; i++) {
    cpd_string_free(rc->apps[i].number);
    cpd_name_free(rc->apps[i].name);
    cpd_name_free(rc->apps[i].alt);
  }
  free(rc->apps);
  if (rc->pnames)
    for (i = 0; i < rc->pay.n; i++)
      cpd_name_free(rc->pnames[i]);
  free(rc->pnames);
  free(rc->claims);
  free(rc->claimers);
  payments_free(&rc->pay);
  cpd_policy_free(rc->policy);
}

int cli_cmd_reconcile(int argc, char **argv) {
  static const char *const formats[] = {"json", "csv", "text", NULL};
  static const char *const encodings[] = {"auto", "utf-8", "cp932", NULL};
  static const char *const csv_encodings[] = {"utf-8", "cp932", NULL};
  static const char *const eras[] = {"reiwa", "heisei", NULL};
  const char *pos[2] = {NULL, NULL}, *format = NULL, *lang = NULL,
             *policy_file = NULL, *fee_text = NULL, *encoding = NULL,
             *csv_encoding = NULL, *era = NULL, *out_path = NULL;
  int help = 0, rc, exit_rc;
  recon r;
  pay_msgs m;
  char *raw = NULL, *doc = NULL;
  size_t len, i, doc_len = 0;
  const cli_option options[] = {
      {"--fee", NULL, &fee_text, NULL, NULL, NULL, NULL},
      {"--policy", NULL, &policy_file, NULL, NULL, NULL, NULL},
      {"--format", NULL, &format, NULL, formats, NULL, NULL},
      {"--encoding", NULL, &encoding, NULL, encodings, NULL, NULL},
      {"--csv-encoding", NULL, &csv_encoding, NULL, csv_encodings, NULL, NULL},
      {"--era", NULL, &era, NULL, eras, NULL, NULL},
      {"--lang", NULL, &lang, NULL, cli_lang_choices, NULL, NULL},
      {"--output", "-o", &out_path, NULL, NULL, NULL, NULL}};
  memset(&r, 0, sizeof r);
  rc = cli_parse_args("reconcile", argc, argv, options,
                      sizeof options / sizeof options[0], pos, 2, &help);
  if (rc)
    return rc;
  r.ja = cli_lang(lang);
  if (help)
    return cli_help("reconcile", r.ja);
  if (!pos[0] || !pos[1])
    return usage("%s", "reconcile needs APPLICATIONS (NDJSON) and PAYMENTS "
                       "(the bank's Zengin file or CSV export)");
  if (strcmp(pos[0], "-") == 0 && strcmp(pos[1], "-") == 0)
    return usage("%s", "only one of APPLICATIONS and PAYMENTS can be stdin");
  if (fee_text && parse_fee(fee_text, &r.fee) < 0)
    return usage("--fee: '%s' is not an amount of yen (digits, e.g. 10000)",
                 fee_text);
  if (csv_encoding && !(format && strcmp(format, "csv") == 0))
    return usage("%s", "--csv-encoding goes with --format csv");
  r.apps_file = pos[0];
  r.pay_file = pos[1];
  rc = cli_load_policy(policy_file, r.ja, 0, &r.policy);
  if (rc)
    return rc;
  if (!fee_text && !policy_sets_fee(r.policy)) {
    cpd_policy_free(r.policy);
    return usage("%s",
                 r.ja ? "手数料が必要です: --fee YEN か、ポリシー（--policy "
                        "FILE）の fee.amount（版付きなら最も古い版に）を"
                        "指定してください（例: --fee 10000）"
                      : "reconcile needs the fee: --fee YEN, or fee.amount in "
                        "the policy (--policy FILE; in its oldest version "
                        "when it has versions), e.g. --fee 10000");
  }
  /* everything is read and checked before anything is written */
  rc = cli_applications_read("reconcile", r.apps_file, r.ja, r.policy,
                             add_application, &r);
  if (!rc)
    rc = cli_read_all(r.pay_file, PAYMENTS_MAX_BYTES, &raw, &len);
  if (!rc) {
    memset(&m, 0, sizeof m);
    m.cmd = "reconcile";
    m.file = r.pay_file;
    m.ja = r.ja;
    m.out = stderr;
    if (len > PAYMENTS_MAX_BYTES) {
      pay_error(&m, 0, 0, 0, NULL, "%zu バイトを超えています（読める上限）",
                "larger than %zu bytes (the limit this command reads)",
                PAYMENTS_MAX_BYTES);
      rc = EXIT_INPUT;
    } else {
      rc = payments_read(&r.pay, &m, encoding ? encoding : "auto", raw, len,
                         era && strcmp(era, "heisei") == 0 ? PAY_ERA_HEISEI
                                                           : PAY_ERA_REIWA);
    }
    free(raw);
  }
  if (!rc)
    rc = match_all(&r);
  if (rc) {
    if (rc == EXIT_NOMEM)
      fputs("cpd: out of memory\n", stderr);
    recon_free(&r);
    return rc;
  }
  decide(&r);

  /* the output, whole, in memory; then to OUT at once */
  {
    FILE *mem = open_memstream(&doc, &doc_len);
    int bad = !mem;
    const char *fmt = format ? format : "json";
    if (!bad) {
      if (strcmp(fmt, "csv") == 0)
        write_csv(mem, &r,
                  !(csv_encoding && strcmp(csv_encoding, "cp932") == 0));
      else if (strcmp(fmt, "text") == 0)
        bad = write_text(mem, &r) < 0;
      else
        bad = write_json(mem, &r) < 0;
      if (fclose(mem) != 0)
        bad = 1;
    }
    if (bad || !doc) {
      free(doc);
      recon_free(&r);
      fputs("cpd: out of memory\n", stderr);
      return EXIT_NOMEM;
    }
    if (csv_encoding && strcmp(csv_encoding, "cp932") == 0) {
      char *conv = NULL;
      size_t clen = 0;
      unsigned long lost = 0;
      int crc = cli_utf8_to_cp932(&conv, &clen, doc, doc_len, &lost);
      if (crc == CLI_CONV_NONE) {
        cli_message(stderr, r.ja ? "cpd reconcile: この環境の iconv は CP932 "
                                   "に変換できません\n"
                                 : "cpd reconcile: this system's iconv cannot "
                                   "write CP932\n");
        free(doc);
        recon_free(&r);
        return EXIT_IO;
      }
      if (crc < 0) {
        free(doc);
        recon_free(&r);
        return EXIT_NOMEM;
      }
      if (lost)
        cli_message(
            stderr,
            r.ja ? "cpd reconcile: CP932 にない文字 %lu 字を ? にしました"
                   "（--csv-encoding utf-8 ならそのまま書けます）\n"
                 : "cpd reconcile: %lu characters CP932 does not have "
                   "were written as ? (--csv-encoding utf-8 keeps "
                   "them)\n",
            lost);
      free(doc);
      doc = conv;
      doc_len = clen;
    }
  }
  rc = cli_write_output("reconcile", out_path, doc, doc_len, r.ja);
  free(doc);
  exit_rc = 0;
  {
    unsigned long count[FEE_STATUSES];
    memset(count, 0, sizeof count);
    for (i = 0; i < r.napps; i++)
      count[r.apps[i].status]++;
    for (i = 0; i < r.pay.n; i++)
      if (!r.claims[i])
        count[CPD_FEE_UNCLAIMED]++;
    if (count[CPD_FEE_PAID] != r.napps || count[CPD_FEE_UNCLAIMED])
      exit_rc = EXIT_NOT_ELIGIBLE;
    if (r.ja)
      fprintf(stderr, "cpd reconcile: 申請 %zu 件、入金 %zu 件:", r.napps,
              r.pay.n);
    else
      fprintf(stderr, "cpd reconcile: %zu applications, %zu payments:", r.napps,
              r.pay.n);
    for (i = 0; i < FEE_STATUSES; i++) {
      const char *sep = i == 0 ? " " : r.ja ? "、" : ", ";
      if (r.ja)
        fprintf(stderr, "%s%s %lu", sep, fee_label((cpd_fee_status)i, 1),
                count[i]);
      else
        fprintf(stderr, "%s%lu %s", sep, count[i],
                fee_label((cpd_fee_status)i, 0));
    }
    if (r.pay.left_out)
      fprintf(stderr,
              r.ja ? "（振込でない入出金・取消 %lu 件は対象外）%s\n"
                   : " (%lu %s left out: no payment by transfer, or "
                     "cancelled)\n",
              r.pay.left_out,
              r.ja ? "" : cli_plural(r.pay.left_out, "record", "records"));
    else
      fputc('\n', stderr);
  }
  recon_free(&r);
  return rc ? rc : exit_rc;
}
