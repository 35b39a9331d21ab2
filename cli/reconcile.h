/* reconcile.h - the statuses of `cpd reconcile` (the words of its
 * documents and the labels people read), shared with `cpd notices`,
 * which reads a reconcile result back. */
#ifndef CPD_CLI_RECONCILE_H
#define CPD_CLI_RECONCILE_H

typedef enum rc_status {
  RC_PAID = 0,       /* one payment, the right amount, in the window */
  RC_UNPAID,         /* no payment names the applicant */
  RC_AMBIGUOUS,      /* several payments, or one claimed by several */
  RC_AMOUNT_DIFFERS, /* one payment, another amount than the fee */
  RC_OUTSIDE_WINDOW, /* one payment, the right amount, outside the window */
  RC_UNCLAIMED,      /* a payment that names no applicant */
  RC_STATUS_COUNT
} rc_status;

/* "paid", ... as the documents write it. */
const char *rc_status_name(rc_status s);
/* "入金確認済み" / "paid" for people. */
const char *rc_status_label(rc_status s, int ja);
/* The status a document names; 0, or -1 when it is none. */
int rc_status_find(const char *name, rc_status *out);

#endif
