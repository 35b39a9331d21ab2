/* notices.c - `cpd notices APPLICATIONS --from ADDRESS -o DIR`: one
 * RFC 5322 message per application, DIR/<line>-<certification
 * number>.eml, with the decision, the points, each finding in the
 * library's words, the certificate's expiry as the deadline for a fix,
 * and the fee's status from a `cpd reconcile` result (--reconcile).
 *
 * The words about the result are the library's (labels, messages); the
 * mail's own sentences are the templates below, in English and Japanese,
 * with {1}..{9} for their arguments.  Nothing is sent unless --sendmail
 * asks for it; every message is first written to its file (atomically,
 * readable by its owner only: notices hold personal data), and an
 * existing file is replaced only with --force.  The Date field comes from
 * --date (09:00 JST of that day) or, without it, from the clock: the one
 * place this command reads it.  The Message-ID is made from the message
 * itself (a hash of its date, addresses, subject and body), so the same
 * notice written twice has the same id. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#ifndef _WIN32
#include <sys/wait.h>
#include <unistd.h>
#endif

#include <cjson/cJSON.h>

#include "applications.h"
#include "cli.h"
#include "mail.h"

#define usage(...) cli_usage("notices", __VA_ARGS__)
#define SENDMAIL "/usr/sbin/sendmail"

/* ---------------------------------------------------------------- templates */

typedef enum tmpl {
  T_SUBJECT,
  T_GREETING,
  T_GREETING_NO_NAME,
  T_INTRO,
  T_NUMBER,
  T_DECISION,
  T_POINTS,
  T_SHORTFALL,
  T_FINDINGS,
  T_FINDING,
  T_NO_FINDINGS,
  T_DEADLINE,
  T_INELIGIBLE,
  T_RENEWAL,
  T_FEE_PAID,
  T_FEE_UNPAID,
  T_FEE_AMBIGUOUS,
  T_FEE_AMOUNT_DIFFERS,
  T_FEE_OUTSIDE_WINDOW,
  T_CLOSING,
  T_COUNT
} tmpl;

static const struct {
  const char *en, *ja;
} templates[T_COUNT] = {
    [T_SUBJECT] = {"Your renewal application {1}: {2}",
                   "【資格更新】審査結果のお知らせ（{1}、{2}）"},
    [T_GREETING] = {"Dear {1},", "{1} 様"},
    [T_GREETING_NO_NAME] = {"Dear applicant,", "申請者様"},
    [T_INTRO] = {"This is the result of the review of your renewal "
                 "application for the {1} professional qualification.",
                 "プロフェッショナル資格（{1}）の更新審査申請の審査結果を"
                 "お知らせします。"},
    [T_NUMBER] = {"{1}: {2}", "{1}: {2}"}, /* the field label, the number */
    [T_DECISION] = {"Decision: {1} ({2})", "判定: {1}（{2}）"},
    [T_POINTS] = {"CPD points: {1} counted of {2} required",
                  "CPD ポイント: 算入 {1} / 必要 {2} ポイント"},
    [T_SHORTFALL] = {"{1} points are missing.", "{1} ポイント不足しています。"},
    [T_FINDINGS] = {"We found the following in your application ({1}):",
                    "申請書について、次の点があります（{1} 件）。"},
    [T_FINDING] = {"{1}. [{2}] {3}: {4}", "{1}. [{2}] {3}: {4}"},
    [T_NO_FINDINGS] = {"We found nothing in your application to correct.",
                       "申請書に修正の必要な点はありません。"},
    [T_DEADLINE] = {"Please send the corrected application by {1}, the "
                    "expiry of your certification; after that day it can no "
                    "longer be renewed.",
                    "{2}の {1} までに、修正した申請書をお送り"
                    "ください。期日を過ぎると更新できません。"},
    [T_INELIGIBLE] = {"Your certification cannot be renewed with this "
                      "application.",
                      "この申請では資格を更新できません。"},
    [T_RENEWAL] = {"Your renewed certification runs from {1} to {2}.",
                   "更新後の資格有効期間は {1} 〜 {2} です。"},
    [T_FEE_PAID] = {"We received your payment of {1} yen on {2}.",
                    "{2} に {1} 円の入金を確認しました。"},
    [T_FEE_UNPAID] = {"We have not received your payment of {1} yen "
                      "yet.  An application is accepted once its fee has "
                      "arrived; please pay within the application window, "
                      "{2} to {3}.",
                      "{1} 円の入金をまだ確認できていません。"
                      "申請は手数料の入金をもって受理されます。受付期間"
                      "（{2} 〜 {3}）内にお振り込みください。"},
    [T_FEE_AMBIGUOUS] = {"Several payments carry the same payer's "
                         "name, and we are checking which one is yours; we "
                         "will contact you.",
                         "同じ振込名義の入金が複数あるため、"
                         "どの入金がこの申請のものかを確認しています。事務局"
                         "からご連絡します。"},
    [T_FEE_AMOUNT_DIFFERS] = {"The {1} yen we received on {2} is not "
                              "the fee of {3} yen; please contact us.",
                              "{2} の入金額 {1} 円が手数料 "
                              "{3} 円と異なります。事務局にお問い合わせ"
                              "ください。"},
    [T_FEE_OUTSIDE_WINDOW] = {"Your payment of {1} yen on {2} lies outside "
                              "the application window, {3} to {4}; please "
                              "contact us.",
                              "{2} の {1} 円の入金は受付期間"
                              "（{3} 〜 {4}）の外です。事務局にお問い合わせ"
                              "ください。"},
    [T_CLOSING] = {"This notice was written from the review of your "
                   "application.  Please reply to this message with any "
                   "question.",
                   "このメールは申請の審査結果をお知らせするものです。"
                   "ご不明な点は、このメールにご返信ください。"},
};

/* Template t with args[0..n) for {1}..{n}, on out. */
static void put_tmpl(FILE *out, tmpl t, int ja, const char *const *args,
                     int n) {
  const char *s = ja ? templates[t].ja : templates[t].en;
  while (*s) {
    if (s[0] == '{' && s[1] >= '1' && s[1] <= '9' && s[2] == '}' &&
        s[1] - '1' < n) {
      fputs(args[s[1] - '1'], out);
      s += 3;
    } else {
      fputc(*s++, out);
    }
  }
}

/* The same into a new string (NULL when out of memory). */
static char *tmpl_str(tmpl t, int ja, const char *const *args, int n) {
  char *buf = NULL;
  size_t len = 0;
  FILE *m = open_memstream(&buf, &len);
  if (!m)
    return NULL;
  put_tmpl(m, t, ja, args, n);
  if (fclose(m) != 0) {
    free(buf);
    return NULL;
  }
  return buf;
}

/* --------------------------------------------------- the reconcile result */

typedef struct fee_line {
  unsigned long line;
  char number[64];
  cpd_fee_status status;
  int paid_one; /* one payment: its date and amount below */
  cpd_day date; /* of the first payment */
  long long amount, fee;
  cpd_day opens, closes;
} fee_line;

typedef struct fees {
  fee_line *items;
  size_t n, cap;
} fees;

static int result_error(const char *file, unsigned long line, int ja,
                        const char *what_ja, const char *what_en) {
  cli_message(stderr,
              ja ? "cpd notices: %s: %lu 行目: cpd reconcile の結果では"
                   "ありません（%s）\n"
                 : "cpd notices: %s: line %lu: not a cpd reconcile result "
                   "(%s)\n",
              file, line, ja ? what_ja : what_en);
  return EXIT_INPUT;
}

static int day_member(const cJSON *o, const char *key, cpd_day *out) {
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
  return cJSON_IsString(v) && cpd_day_parse(out, v->valuestring,
                                            strlen(v->valuestring)) == CPD_OK
             ? 0
             : -1;
}

/* One line of a reconcile result.  0 (an unclaimed payment is skipped),
 * or an exit status after a message. */
static int fee_from_json(fees *f, const char *file, unsigned long ln,
                         const char *text, size_t len, int ja) {
  cJSON *o = cJSON_ParseWithLength(text, len);
  const cJSON *line, *status, *pays, *fee, *win, *number;
  fee_line fl;
  int rc = 0;
  memset(&fl, 0, sizeof fl);
  if (!o || !cJSON_IsObject(o)) {
    cJSON_Delete(o);
    return result_error(file, ln, ja, "JSON のオブジェクトでない",
                        "not a JSON object");
  }
  line = cJSON_GetObjectItemCaseSensitive(o, "line");
  status = cJSON_GetObjectItemCaseSensitive(o, "status");
  pays = cJSON_GetObjectItemCaseSensitive(o, "payments");
  if (!cJSON_IsString(status) ||
      cpd_fee_status_parse(&fl.status, status->valuestring) != CPD_OK) {
    rc = result_error(file, ln, ja, "status がない", "no status");
  } else if (fl.status == CPD_FEE_UNCLAIMED) {
    rc = 0; /* a payment for nobody: no notice of its own */
  } else if (!cJSON_IsNumber(line) || line->valuedouble < 1 ||
             line->valuedouble > 1e15 ||
             line->valuedouble != (double)(unsigned long)line->valuedouble) {
    rc = result_error(file, ln, ja, "line がない", "no line");
  } else {
    fee = cJSON_GetObjectItemCaseSensitive(o, "fee");
    win = cJSON_GetObjectItemCaseSensitive(o, "window");
    number = cJSON_GetObjectItemCaseSensitive(o, "number");
    fl.line = (unsigned long)line->valuedouble;
    if (cJSON_IsString(number))
      snprintf(fl.number, sizeof fl.number, "%s", number->valuestring);
    if (!cJSON_IsNumber(fee) || !cJSON_IsObject(win) ||
        day_member(win, "opens_on", &fl.opens) < 0 ||
        day_member(win, "closes_on", &fl.closes) < 0 || !cJSON_IsArray(pays))
      rc = result_error(file, ln, ja, "fee・window・payments がない",
                        "no fee, window or payments");
    else {
      const cJSON *p = cJSON_GetArrayItem(pays, 0);
      fl.fee = (long long)fee->valuedouble;
      if (p) {
        const cJSON *amount = cJSON_GetObjectItemCaseSensitive(p, "amount");
        if (!cJSON_IsNumber(amount) || day_member(p, "date", &fl.date) < 0)
          rc = result_error(file, ln, ja, "入金の date・amount がない",
                            "a payment without date or amount");
        fl.amount = cJSON_IsNumber(amount) ? (long long)amount->valuedouble : 0;
        fl.paid_one = 1;
      }
      if (!rc && f->n && fl.line <= f->items[f->n - 1].line)
        rc = result_error(file, ln, ja, "line が順に並んでいない",
                          "lines out of order");
    }
    if (!rc) {
      if (f->n == f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 64;
        fee_line *ni = realloc(f->items, cap * sizeof *ni);
        if (!ni)
          rc = EXIT_NOMEM;
        else {
          f->items = ni;
          f->cap = cap;
        }
      }
      if (!rc)
        f->items[f->n++] = fl;
    }
  }
  cJSON_Delete(o);
  return rc;
}

static int read_fees(fees *f, const char *path, int ja) {
  cli_lines *r;
  int too_long = 0, got;
  int rc = cli_lines_open(&r, path, "cpd notices", ja);
  while (!rc && (got = cli_lines_next(r, &too_long)) != 0) {
    if (got < 0)
      rc = EXIT_NOMEM;
    else if (too_long)
      rc = result_error(path, r->number, ja, "長すぎる行", "a line too long");
    else
      rc = fee_from_json(f, path, r->number, r->line, r->len, ja);
  }
  return cli_lines_close(r, "cpd notices", ja, rc);
}

static const fee_line *fee_of(const fees *f, unsigned long line) {
  size_t lo = 0, hi = f->n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (f->items[mid].line < line)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < f->n && f->items[lo].line == line ? &f->items[lo] : NULL;
}

/* ----------------------------------------------------------- one message */

typedef struct notice {
  unsigned long line;
  char *file;    /* DIR/<line>-<number>.eml */
  char *message; /* the whole message, CRLF */
  size_t len;
} notice;

typedef struct job {
  const char *apps_file, *dir, *from_display, *from_addr;
  int ja;      /* messages */
  int mail_ja; /* the notices */
  char date[48];
  cpd_policy *policy;
  fees fees;
  int have_fees;
  notice *items;
  size_t n, cap;
  unsigned long no_address;
} job;

/* A text of the application, normalised (NFKC, spaces folded), or NULL. */
static char *text_of(const cpd_value *v) {
  char *out = NULL;
  if (v->kind != CPD_VALUE_TEXT || !v->text || !v->text[0] ||
      cpd_text_normalize(&out, NULL, v->text, strlen(v->text)) != CPD_OK)
    return NULL;
  if (!out[0]) {
    cpd_string_free(out);
    return NULL;
  }
  return out;
}

/* The number as a part of a file name: letters, digits, "-", "_" and "."
 * kept (not leading), anything else "_", at most 64 bytes. */
static void file_part(char *buf, size_t cap, const char *number) {
  size_t o = 0;
  const unsigned char *s = (const unsigned char *)(number ? number : "");
  for (; *s && o + 1 < cap && o < 64; s++) {
    int ok = (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
             (*s >= '0' && *s <= '9') || *s == '-' || *s == '_' ||
             (*s == '.' && o > 0);
    if ((*s & 0xC0) == 0x80)
      continue; /* one "_" for a whole multi-byte character */
    buf[o++] = ok ? (char)*s : '_';
  }
  if (o == 0)
    o = (size_t)snprintf(buf, cap, "no-number");
  buf[o] = '\0';
}

static void body_fee(FILE *b, const job *jb, const fee_line *fl) {
  char amount[CPD_YEN_TEXT_SIZE], fee[CPD_YEN_TEXT_SIZE], day[11], opens[11],
      closes[11];
  int ja = jb->mail_ja;
  const cpd_field_info *f = cpd_field_by_id(CPD_FIELD_ID_FEE);
  cpd_yen_format(amount, fl->amount);
  cpd_yen_format(fee, fl->fee);
  fprintf(b, "%s: ", ja ? f->label_ja : f->label); /* the form's word */
  cpd_day_format(day, fl->date);
  cpd_day_format(opens, fl->opens);
  cpd_day_format(closes, fl->closes);
  switch (fl->status) {
  case CPD_FEE_PAID: {
    const char *a[] = {amount, day};
    put_tmpl(b, T_FEE_PAID, ja, a, 2);
    break;
  }
  case CPD_FEE_UNPAID: {
    const char *a[] = {fee, opens, closes};
    put_tmpl(b, T_FEE_UNPAID, ja, a, 3);
    break;
  }
  case CPD_FEE_AMOUNT_DIFFERS: {
    const char *a[] = {amount, day, fee};
    put_tmpl(b, T_FEE_AMOUNT_DIFFERS, ja, a, 3);
    break;
  }
  case CPD_FEE_OUTSIDE_WINDOW: {
    const char *a[] = {amount, day, opens, closes};
    put_tmpl(b, T_FEE_OUTSIDE_WINDOW, ja, a, 4);
    break;
  }
  default:
    put_tmpl(b, T_FEE_AMBIGUOUS, ja, NULL, 0);
  }
  fputs("\n\n", b);
}

/* The body, UTF-8 with LF (made CRLF when encoded). */
static int write_body(FILE *b, const job *jb, const cpd_result *r,
                      const char *name, const char *number,
                      const fee_line *fl) {
  const cpd_summary *s = cpd_result_summary(r);
  const cpd_label *dl = cpd_decision_label(s->decision);
  int ja = jb->mail_ja;
  char counted[CPD_POINTS_TEXT_SIZE], required[CPD_POINTS_TEXT_SIZE],
      shortfall[CPD_POINTS_TEXT_SIZE], day[11], day2[11], count[24];
  size_t i, nd = cpd_result_diagnostic_count(r), shown = 0;
  int fixable = 0;
  if (name) {
    const char *a[] = {name};
    put_tmpl(b, T_GREETING, ja, a, 1);
  } else {
    put_tmpl(b, T_GREETING_NO_NAME, ja, NULL, 0);
  }
  fputs("\n\n", b);
  {
    const char *a[] = {s->qualification ? s->qualification : "OMP/CAP"};
    put_tmpl(b, T_INTRO, ja, a, 1);
  }
  fputs("\n\n", b);
  {
    const cpd_field_info *nf = cpd_field_by_id(CPD_FIELD_ID_CERT_NUMBER);
    const char *a[] = {ja ? nf->label_ja : nf->label, number ? number : "-"};
    put_tmpl(b, T_NUMBER, ja, a, 2);
  }
  fputc('\n', b);
  {
    const char *a[] = {ja ? dl->label_ja : dl->label,
                       ja ? dl->note_ja : dl->note};
    put_tmpl(b, T_DECISION, ja, a, 2);
  }
  fputc('\n', b);
  cpd_points_format(counted, s->counted);
  cpd_points_format(required, s->required);
  {
    const char *a[] = {counted, required};
    put_tmpl(b, T_POINTS, ja, a, 2);
  }
  fputc('\n', b);
  if (s->shortfall > 0) {
    const char *a[] = {shortfall};
    cpd_points_format(shortfall, s->shortfall);
    put_tmpl(b, T_SHORTFALL, ja, a, 1);
    fputc('\n', b);
  }
  fputc('\n', b);
  /* the findings a holder acts on: all but the informational ones */
  for (i = 0; i < nd; i++) {
    const cpd_diagnostic *d = cpd_result_diagnostic(r, i);
    if (!d)
      return -1;
    if (d->severity != CPD_SEVERITY_INFO)
      shown++;
    if (d->severity == CPD_SEVERITY_ERROR)
      fixable = 1;
  }
  if (shown) {
    size_t k = 0;
    snprintf(count, sizeof count, "%zu", shown);
    {
      const char *a[] = {count};
      put_tmpl(b, T_FINDINGS, ja, a, 1);
    }
    fputs("\n\n", b);
    for (i = 0; i < nd; i++) {
      const cpd_diagnostic *d = cpd_result_diagnostic(r, i);
      const cpd_label *sl = cpd_severity_label(d->severity);
      char field[256], num[24];
      if (d->severity == CPD_SEVERITY_INFO)
        continue;
      snprintf(num, sizeof num, "%zu", ++k);
      cli_field_label(field, sizeof field, d->path, r, ja);
      {
        const char *a[] = {num, ja ? sl->label_ja : sl->label, field,
                           ja ? d->message_ja : d->message};
        put_tmpl(b, T_FINDING, ja, a, 4);
      }
      fputc('\n', b);
    }
    fputc('\n', b);
  } else {
    put_tmpl(b, T_NO_FINDINGS, ja, NULL, 0);
    fputs("\n\n", b);
  }
  if (s->decision == CPD_INELIGIBLE) {
    put_tmpl(b, T_INELIGIBLE, ja, NULL, 0);
    fputs("\n\n", b);
  }
  if (fixable && s->decision != CPD_INELIGIBLE) {
    const cpd_field_info *ef = cpd_field_by_id(CPD_FIELD_ID_EXPIRES_ON);
    const char *a[] = {day, ja ? ef->label_ja : ef->label};
    cpd_day_format(day, s->period_expires_on);
    put_tmpl(b, T_DEADLINE, ja, a, 2);
    fputs("\n\n", b);
  }
  if (s->decision == CPD_ELIGIBLE && s->renewal_starts_on != CPD_DAY_NONE) {
    const char *a[] = {day, day2};
    cpd_day_format(day, s->renewal_starts_on);
    cpd_day_format(day2, s->renewal_expires_on);
    put_tmpl(b, T_RENEWAL, ja, a, 2);
    fputs("\n\n", b);
  }
  if (fl)
    body_fee(b, jb, fl);
  put_tmpl(b, T_CLOSING, ja, NULL, 0);
  fputc('\n', b);
  if (jb->from_display[0]) {
    fputs("\n", b);
    fputs(jb->from_display, b);
    fputc('\n', b);
  }
  return 0;
}

/* LF to CRLF. */
static char *crlf(const char *s, size_t len, size_t *out_len) {
  size_t i, n = 0, o = 0;
  char *d;
  for (i = 0; i < len; i++)
    n += s[i] == '\n' ? 2 : 1;
  d = malloc(n + 1);
  if (!d)
    return NULL;
  for (i = 0; i < len; i++) {
    if (s[i] == '\n')
      d[o++] = '\r';
    d[o++] = s[i];
  }
  d[o] = '\0';
  *out_len = o;
  return d;
}

/* The message of one application.  0, 1 when it has no usable address
 * (counted, told on stderr), or EXIT_NOMEM. */
static int compose(job *jb, unsigned long line, const cpd_application *a,
                   const cpd_result *r) {
  const cpd_summary *s = cpd_result_summary(r);
  const cpd_label *dl = cpd_decision_label(s->decision);
  char *to = text_of(&a->applicant.email), *name = text_of(&a->applicant.name);
  char *number = text_of(&a->certification_number);
  char *body = NULL, *body_crlf = NULL, *subject = NULL, *msg = NULL;
  char fname[80], msgid[200], greeting_name[512];
  size_t body_len = 0, crlf_len = 0, msg_len = 0;
  const fee_line *fl = NULL;
  FILE *b = NULL, *m = NULL;
  uint64_t h;
  int rc = EXIT_NOMEM;
  notice *nt;

  if (!to || !mail_addr_ok(to)) {
    jb->no_address++;
    cli_message(stderr,
                jb->ja ? "cpd notices: %s: %lu 行目: 使える Eメールアドレスが"
                         "ないため、通知を作りません\n"
                       : "cpd notices: %s: line %lu: no usable e-mail "
                         "address; no notice written\n",
                jb->apps_file, line);
    rc = 1;
    goto done;
  }
  if (jb->have_fees) {
    fl = fee_of(&jb->fees, line);
    if (!fl || (number && fl->number[0] && strcmp(fl->number, number) != 0)) {
      cli_message(stderr,
                  jb->ja ? "cpd notices: --reconcile の結果に %lu 行目の申請が"
                           "ないか、認定番号が違います（別の APPLICATIONS "
                           "から作った結果ではありませんか）\n"
                         : "cpd notices: the --reconcile result has no line "
                           "%lu, or another certification number there (was "
                           "it made from other APPLICATIONS?)\n",
                  line);
      rc = EXIT_INPUT;
      goto done;
    }
  }
  if (name)
    snprintf(greeting_name, sizeof greeting_name, "%s", name);
  b = open_memstream(&body, &body_len);
  if (!b)
    goto done;
  if (write_body(b, jb, r, name ? greeting_name : NULL, number, fl) != 0) {
    fclose(b);
    goto done;
  }
  if (fclose(b) != 0 || !body)
    goto done;
  body_crlf = crlf(body, body_len, &crlf_len);
  {
    const char *args[] = {number ? number : "-",
                          jb->mail_ja ? dl->label_ja : dl->label};
    subject = tmpl_str(T_SUBJECT, jb->mail_ja, args, 2);
  }
  if (!body_crlf || !subject)
    goto done;
  /* the Message-ID: the message's own hash, at the sender's domain */
  h = mail_fnv1a(MAIL_FNV_BASIS, jb->date, strlen(jb->date));
  h = mail_fnv1a(h, jb->from_addr, strlen(jb->from_addr) + 1);
  h = mail_fnv1a(h, to, strlen(to) + 1);
  h = mail_fnv1a(h, subject, strlen(subject) + 1);
  h = mail_fnv1a(h, body_crlf, crlf_len);
  snprintf(msgid, sizeof msgid, "<cpd-notice.%016llx.%lu@%s>",
           (unsigned long long)h, line, strchr(jb->from_addr, '@') + 1);

  m = open_memstream(&msg, &msg_len);
  if (!m)
    goto done;
  mail_header_mailbox(m, "From", jb->from_display, jb->from_addr);
  {
    char *display = NULL;
    if (name) {
      size_t n = strlen(name) + 8;
      display = malloc(n);
      if (display)
        snprintf(display, n, "%s%s", name, jb->mail_ja ? " 様" : "");
    }
    mail_header_mailbox(m, "To", display ? display : "", to);
    free(display);
  }
  mail_header_text(m, "Subject", subject);
  fprintf(m, "Date: %s\r\n", jb->date);
  fprintf(m, "Message-ID: %s\r\n", msgid);
  fputs("MIME-Version: 1.0\r\n"
        "Content-Type: text/plain; charset=UTF-8\r\n"
        "Content-Transfer-Encoding: base64\r\n"
        "Auto-Submitted: auto-generated\r\n",
        m);
  fprintf(m, "Content-Language: %s\r\n\r\n", jb->mail_ja ? "ja" : "en");
  mail_base64(m, body_crlf, crlf_len);
  if (fclose(m) != 0 || !msg)
    goto done;
  m = NULL;

  if (jb->n == jb->cap) {
    size_t cap = jb->cap ? jb->cap * 2 : 32;
    notice *ni = realloc(jb->items, cap * sizeof *ni);
    if (!ni)
      goto done;
    jb->items = ni;
    jb->cap = cap;
  }
  nt = &jb->items[jb->n];
  file_part(fname, sizeof fname, number);
  {
    size_t n = strlen(jb->dir) + strlen(fname) + 40;
    nt->file = malloc(n);
    if (!nt->file)
      goto done;
    snprintf(nt->file, n, "%s/%lu-%s.eml", jb->dir, line, fname);
  }
  nt->line = line;
  nt->message = msg;
  nt->len = msg_len;
  msg = NULL;
  jb->n++;
  rc = 0;
done:
  free(msg);
  free(body);
  free(body_crlf);
  free(subject);
  cpd_string_free(to);
  cpd_string_free(name);
  cpd_string_free(number);
  return rc;
}

/* ------------------------------------------------------------ applications */

/* One application's message (applications.h): a missing address is
 * counted and told, not an error of the file. */
static int on_application(void *ctx, unsigned long line,
                          const cpd_application *a, const cpd_result *r) {
  int c = compose(ctx, line, a, r);
  return c > 1 ? c : 0;
}

/* ----------------------------------------------------------------- sending */

/* Pipes one message (LF line ends) to sendmail -t -oi.  0, or -1. */
static int send_one(const char *sendmail, const notice *nt) {
#ifdef _WIN32
  /* no sendmail to pipe to on Windows: every message fails to send */
  (void)sendmail;
  (void)nt;
  errno = ENOSYS;
  return -1;
#else
  int fds[2], status;
  pid_t pid;
  FILE *w;
  size_t i;
  if (pipe(fds) != 0)
    return -1;
  pid = fork();
  if (pid < 0) {
    close(fds[0]);
    close(fds[1]);
    return -1;
  }
  if (pid == 0) {
    char *const argv[] = {(char *)sendmail, (char *)"-t", (char *)"-oi", NULL};
    dup2(fds[0], 0);
    close(fds[0]);
    close(fds[1]);
    execv(sendmail, argv);
    _exit(127);
  }
  close(fds[0]);
  w = fdopen(fds[1], "w");
  if (!w) {
    close(fds[1]);
    waitpid(pid, &status, 0);
    return -1;
  }
  for (i = 0; i < nt->len; i++)
    if (!(nt->message[i] == '\r' && i + 1 < nt->len &&
          nt->message[i + 1] == '\n'))
      fputc(nt->message[i], w);
  if (fclose(w) != 0) {
    waitpid(pid, &status, 0);
    return -1;
  }
  if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
      WEXITSTATUS(status) != 0)
    return -1;
  return 0;
#endif
}

/* ----------------------------------------------------------------- command */

static void job_free(job *jb) {
  size_t i;
  for (i = 0; i < jb->n; i++) {
    free(jb->items[i].file);
    free(jb->items[i].message);
  }
  free(jb->items);
  free(jb->fees.items);
  cpd_policy_free(jb->policy);
}

int cli_cmd_notices(int argc, char **argv) {
  const char *apps = NULL, *from = NULL, *dir = NULL, *result = NULL,
             *lang = NULL, *policy_file = NULL, *date_text = NULL;
  int help = 0, force = 0, sendmail = 0, written = 0, rc;
  unsigned long failed = 0;
  char from_buf[512];
  job jb;
  size_t i;
  const cli_option options[] = {
      {"--from", NULL, &from, NULL, NULL, NULL, NULL},
      {"--output", "-o", &dir, NULL, NULL, NULL, NULL},
      {"--reconcile", NULL, &result, NULL, NULL, NULL, NULL},
      {"--lang", NULL, &lang, NULL, cli_lang_choices, NULL, NULL},
      {"--policy", NULL, &policy_file, NULL, NULL, NULL, NULL},
      {"--date", NULL, &date_text, NULL, NULL, NULL, NULL},
      {"--force", NULL, NULL, &force, NULL, NULL, NULL},
      {"--sendmail", NULL, NULL, &sendmail, NULL, NULL, NULL}};
  memset(&jb, 0, sizeof jb);
  rc = cli_parse_args("notices", argc, argv, options,
                      sizeof options / sizeof options[0], &apps, 1, &help);
  if (rc)
    return rc;
  jb.ja = cli_lang(lang);
  jb.mail_ja = lang ? jb.ja : 1; /* the holders read Japanese by default */
  if (help)
    return cli_help("notices", jb.ja);
  if (!apps)
    return usage("%s", "notices needs APPLICATIONS (NDJSON)");
  if (!from)
    return usage("%s", "notices needs --from ADDRESS (the sender: "
                       "office@example.jp or \"Name <office@example.jp>\")");
  if (!dir)
    return usage("%s", "notices needs -o DIR (the directory of the messages)");
  if (mail_mailbox_parse(from_buf, sizeof from_buf, from, &jb.from_display,
                         &jb.from_addr) != 0)
    return usage("--from: '%s' is not an address (office@example.jp or "
                 "\"Name <office@example.jp>\")",
                 from);
  if (date_text) {
    cpd_day d;
    if (cpd_day_parse(&d, date_text, strlen(date_text)) != CPD_OK)
      return usage("--date: '%s' is not a date", date_text);
    mail_date_of_day(jb.date, d);
  } else {
    mail_date_of_time(jb.date, time(NULL)); /* the CLI's one clock */
  }
  jb.apps_file = apps;
  jb.dir = dir;
#ifdef _WIN32
  /* Windows has no sendmail to pipe to: said before anything is written */
  if (sendmail) {
    cli_message(stderr, "%s",
                jb.ja ? "cpd notices: Windows 版では --sendmail は使えません"
                        "（メールを渡す sendmail がありません）。何も書き"
                        "出していません。--sendmail を付けずに通知を書き出し、"
                        ".eml ファイルをメールソフトで開くか送ってください\n"
                      : "cpd notices: --sendmail is not available on Windows "
                        "(there is no sendmail to pass the messages to); "
                        "nothing written.  Write the notices without "
                        "--sendmail and open or send the .eml files with "
                        "your mail client\n");
    return EXIT_USAGE;
  }
#endif
  {
    const char *sm = getenv("CPD_SENDMAIL");
    if (sendmail && access(sm && *sm ? sm : SENDMAIL, X_OK) != 0) {
      cli_message(stderr,
                  jb.ja ? "cpd notices: %s がないため送れません（通知は"
                          "書き出していません）\n"
                        : "cpd notices: %s is not there to send with (no "
                          "notice written)\n",
                  sm && *sm ? sm : SENDMAIL);
      return EXIT_IO;
    }
  }
  rc = cli_load_policy(policy_file, jb.ja, 0, &jb.policy);
  if (rc)
    return rc;
  if (result) {
    rc = read_fees(&jb.fees, result, jb.ja);
    jb.have_fees = 1;
  }
  if (!rc)
    rc = cli_applications_read("notices", apps, jb.ja, jb.policy,
                               on_application, &jb);
  if (rc) {
    if (rc == EXIT_NOMEM)
      fputs("cpd: out of memory\n", stderr);
    job_free(&jb);
    return rc;
  }

  /* the directory, and no file replaced unless --force */
  {
    struct stat st;
    if (stat(dir, &st) != 0) {
      if (errno != ENOENT || mkdir(dir, 0700) != 0) {
        cli_message(stderr,
                    jb.ja ? "cpd notices: ディレクトリ %s を作れません: %s\n"
                          : "cpd notices: cannot make the directory %s: %s\n",
                    dir, strerror(errno));
        job_free(&jb);
        return EXIT_IO;
      }
    } else if (!S_ISDIR(st.st_mode)) {
      cli_message(stderr,
                  jb.ja ? "cpd notices: %s はディレクトリではありません\n"
                        : "cpd notices: %s is not a directory\n",
                  dir);
      job_free(&jb);
      return EXIT_IO;
    }
    if (!force) {
      unsigned long exist = 0;
      for (i = 0; i < jb.n; i++)
        if (lstat(jb.items[i].file, &st) == 0 && exist++ < 5)
          cli_message(stderr,
                      jb.ja ? "cpd notices: %s はすでにあります\n"
                            : "cpd notices: %s exists\n",
                      jb.items[i].file);
      if (exist) {
        cli_message(stderr,
                    jb.ja ? "cpd notices: %lu 件のファイルがすでにあるため、"
                            "何も書き出しません（--force で置き換えます）\n"
                          : "cpd notices: %lu files exist; nothing written "
                            "(--force replaces them)\n",
                    exist);
        job_free(&jb);
        return EXIT_IO;
      }
    }
  }
  umask(077); /* the notices hold personal data: the owner's only */
  for (i = 0; i < jb.n && !rc; i++)
    rc = cli_write_output("notices", jb.items[i].file, jb.items[i].message,
                          jb.items[i].len, jb.ja);
  written = !rc;
  if (!rc && sendmail) {
    const char *sm = getenv("CPD_SENDMAIL");
    for (i = 0; i < jb.n; i++)
      if (send_one(sm && *sm ? sm : SENDMAIL, &jb.items[i]) != 0) {
        failed++;
        cli_message(stderr,
                    jb.ja ? "cpd notices: %s を送れませんでした\n"
                          : "cpd notices: %s was not sent\n",
                    jb.items[i].file);
      }
    if (failed)
      rc = EXIT_IO;
  }
  if (written) {
    if (jb.ja)
      fprintf(stderr, "cpd notices: %zu 通を %s に書き出しました%s%s\n", jb.n,
              dir,
              !sendmail ? "（送信はしていません。--sendmail で送ります）"
              : failed ? "（送れなかったものがあります）"
                       : "（送信済み）",
              jb.no_address ? "。Eメールアドレスのない申請があります" : "");
    else
      fprintf(stderr, "cpd notices: %zu %s written to %s%s%s\n", jb.n,
              cli_plural(jb.n, "notice", "notices"), dir,
              !sendmail ? "; nothing sent (--sendmail sends them)"
              : failed  ? "; some could not be sent"
                        : " and sent",
              jb.no_address ? "; some applications have no e-mail address"
                            : "");
  }
  if (!rc && jb.no_address)
    rc = EXIT_NOT_ELIGIBLE;
  job_free(&jb);
  return rc;
}
