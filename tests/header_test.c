/* header_test.c - cpd.h on its own must compile as strict C11
 * (-std=c11 -pedantic -Werror -Wall -Wextra) and link; header_test.cpp does
 * the same for C++. */
#include "cpd.h"

#include <stdio.h>
#include <string.h>

int main(void) {
  cpd_limits limits = CPD_LIMITS_INIT;
  cpd_value text = CPD_TEXT("2025-04-01");
  cpd_value absent = CPD_ABSENT;

  if (cpd_version_number() != CPD_VERSION_NUMBER ||
      strcmp(cpd_version_string(), CPD_VERSION_STRING) != 0) {
    fprintf(stderr, "header says %s, library says %s\n", CPD_VERSION_STRING,
            cpd_version_string());
    return 1;
  }
  if (cpd_status_str(CPD_OK) == NULL) {
    return 1;
  }
  return limits.version == CPD_LIMITS_VERSION && text.kind == CPD_VALUE_TEXT &&
                 absent.kind == CPD_VALUE_ABSENT
             ? 0
             : 1;
}
