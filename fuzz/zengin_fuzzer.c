/* zengin_fuzzer.c - the bank's record as `cpd reconcile` reads it
 * (payments_read: a Zengin 01 or 03 file, or a CSV export, told apart by
 * the content; zengin.c, payments_csv.c over csv_read.c).
 *
 * Input: the bytes of the record; a first byte 0x01 reads it as a Zengin
 * file whatever it looks like, 0x02 reads its dates in 平成, 0x03 forces
 * --encoding cp932.  Invariants: the reading either refuses (EXIT_INPUT
 * with at least one error, no payment kept) or gives payments whose
 * records or rows are in order and inside the input, whose dates are
 * real days, amounts positive (a Zengin amount within its 10 or 12
 * digits) and names UTF-8 that the library folds; a Zengin file's
 * payments are no more than its records. */
#include <stdlib.h>
#include <string.h>

#include "fuzz_common.h"
#include "payments.h"

int LLVMFuzzerInitialize(int *argc, char ***argv) {
  (void)argc;
  (void)argv;
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *s = (const char *)data;
  payments p;
  pay_msgs m;
  pay_era era = PAY_ERA_REIWA;
  const char *encoding = "auto";
  int force = 0, rc;
  size_t i;
  if (size && data[0] >= 1 && data[0] <= 3) {
    force = data[0] == 1;
    era = data[0] == 2 ? PAY_ERA_HEISEI : PAY_ERA_REIWA;
    encoding = data[0] == 3 ? "cp932" : "auto";
    s++;
    size--;
  }
  memset(&m, 0, sizeof m);
  m.cmd = "reconcile";
  m.file = "fuzz";
  rc = force ? zengin_read(&p, &m, s, size, era)
             : payments_read(&p, &m, encoding, s, size, era);
  FZ_CHECK(rc == 0 || rc == EXIT_INPUT || rc == EXIT_NOMEM,
           "the reading returned %d", rc);
  if (rc) {
    FZ_CHECK(rc == EXIT_NOMEM || m.errors > 0, "refused without an error");
    FZ_CHECK(p.n == 0 && !p.items, "a refused reading kept payments");
    return 0;
  }
  FZ_CHECK(m.errors == 0, "read, with %lu errors", m.errors);
  FZ_CHECK(p.n <= PAYMENTS_MAX, "%zu payments", p.n);
  if (p.source != PAY_CSV)
    FZ_CHECK(p.n <= size / 200, "%zu payments from %zu bytes", p.n, size);
  for (i = 0; i < p.n; i++) {
    const payment *x = &p.items[i];
    char day[11];
    cpd_day back;
    cpd_name *nm = NULL;
    FZ_CHECK(x->record >= 1 && (i == 0 || x->record > p.items[i - 1].record),
             "records out of order");
    FZ_CHECK(x->amount > 0 || (p.source != PAY_CSV && x->amount == 0),
             "amount %lld", x->amount);
    FZ_CHECK(p.source == PAY_CSV || x->amount < 1000000000000LL,
             "a Zengin amount of %lld", x->amount);
    cpd_day_format(day, x->date);
    FZ_CHECK(cpd_day_parse(&back, day, 10) == CPD_OK && back == x->date,
             "payment %zu: no real day", i);
    FZ_CHECK(fz_utf8_valid(x->name, strlen(x->name)), "a name not UTF-8");
    FZ_CHECK(x->match_at <= strlen(x->name), "match_at past the name");
    FZ_CHECK(strlen(x->reference) < sizeof x->reference, "reference");
    FZ_CHECK(cpd_name_new(&nm, x->name + x->match_at,
                          strlen(x->name + x->match_at), NULL) == CPD_OK,
             "the library refuses a name the reader gave");
    cpd_name_free(nm);
  }
  payments_free(&p);
  return 0;
}
