/* writers_check.h - the invariants of the command line's writers, for the
 * fuzz harnesses that drive them (writers, policy_versions, csv_import):
 * every document is valid UTF-8; the HTML page has no element or
 * attribute but those the writer makes itself (text from documents is
 * escaped text); every CSV record has the header's column count and no
 * text cell starts a formula; the terminal report holds no control
 * character but line breaks and no bidi override.  A broken invariant
 * aborts (FZ_CHECK). */
#ifndef CPD_FUZZ_WRITERS_CHECK_H
#define CPD_FUZZ_WRITERS_CHECK_H

#include <stddef.h>

#include "cpd.h"

void fz_check_html(const char *page, size_t len);
void fz_check_csv(const char *doc, size_t len);
void fz_check_text(const char *text, size_t len);
/* Every writer (the HTML form, the terminal report with and without the
 * application, the CSV) in both languages over r, each output checked. */
void fz_check_writers(const cpd_result *r, const cpd_application *app);

#endif
