/* payments.c - what the two readers of the bank's record share: the list
 * of payments, its limits, and the messages that name a record or row and
 * its column. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "payments.h"

void pay_error(pay_msgs *m, int csv, unsigned long where, size_t col,
               const char *field, const char *ja_fmt, const char *en_fmt, ...) {
  va_list ap;
  m->errors++;
  if (!m->out || m->errors > 50)
    return;
  cli_message(m->out, "cpd %s: %s: ", m->cmd ? m->cmd : "reconcile",
              m->file ? m->file : "-");
  if (where && csv)
    cli_message(m->out, m->ja ? "%lu 行目" : "row %lu", where);
  else if (where)
    cli_message(m->out, m->ja ? "%lu 件目のレコード" : "record %lu", where);
  if (where && col && m->ja)
    cli_message(m->out, csv ? "、%zu 列目" : "、%zu 桁目", col);
  else if (where && col)
    cli_message(m->out, ", column %zu", col);
  if (field)
    cli_message(m->out, m->ja ? "（%s）" : " (%s)", field);
  if (where || field)
    fputs(": ", m->out);
  va_start(ap, en_fmt);
  cli_vmessage_line(m->out, m->ja, ja_fmt, en_fmt, ap);
  va_end(ap);
}

int payments_add(payments *p, pay_msgs *m, const payment *item,
                 const char *name, size_t len) {
  payment *it;
  if (p->n == PAYMENTS_MAX) {
    pay_error(m, p->source == PAY_CSV, item->record, 0, NULL,
              "入金が %u 件を超えています（読める上限）",
              "more than %u payments (the limit this command reads)",
              PAYMENTS_MAX);
    return EXIT_INPUT;
  }
  if (p->n == p->cap) {
    size_t cap = p->cap ? p->cap * 2 : 64;
    payment *ni = realloc(p->items, cap * sizeof *ni);
    if (!ni)
      return -1;
    p->items = ni;
    p->cap = cap;
  }
  it = &p->items[p->n];
  *it = *item;
  it->name = malloc(len + 1);
  if (!it->name)
    return -1;
  memcpy(it->name, name, len);
  it->name[len] = '\0';
  p->n++;
  return 0;
}

void payments_free(payments *p) {
  size_t i;
  for (i = 0; i < p->n; i++)
    free(p->items[i].name);
  free(p->items);
  p->items = NULL;
  p->n = p->cap = 0;
}
