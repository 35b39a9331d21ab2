/* payments_read.c - the bank's record, read by the reader its content
 * calls for: a Zengin file (zengin.c) or a CSV export (payments_csv.c).
 * Apart from payments.c, which both readers use, so that the files depend
 * one way. */
#include <string.h>

#include "payments.h"

int payments_read(payments *out, pay_msgs *m, const char *encoding,
                  const char *raw, size_t len, pay_era era) {
  switch (zengin_detect(raw, len)) {
  case 1:
    return zengin_read(out, m, raw, len, era);
  case 2:
    memset(out, 0, sizeof *out);
    pay_error(m, 0, 1, 1, "データ区分",
              "EBCDIC の全銀ファイルは読めません。JIS（コード区分 0）で"
              "受け取ってください",
              "a Zengin file in EBCDIC is not read; ask the bank for JIS "
              "(コード区分 0)");
    return EXIT_INPUT;
  default:
    return payments_csv_read(out, m, encoding, raw, len);
  }
}
