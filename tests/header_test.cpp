// header_test.cpp - cpd.h must compile as C++11 (-pedantic -Werror) and its
// functions must link from C++ (the extern "C" block).
#include "cpd.h"

#include <cstdio>
#include <cstring>

int main() {
  cpd_limits limits = CPD_LIMITS_INIT;
  cpd_value text = CPD_TEXT("2025-04-01");
  cpd_error err;
  std::memset(&err, 0, sizeof err);

  if (cpd_version_number() != CPD_VERSION_NUMBER ||
      std::strcmp(cpd_version_string(), CPD_VERSION_STRING) != 0) {
    std::fprintf(stderr, "header says %s, library says %s\n",
                 CPD_VERSION_STRING, cpd_version_string());
    return 1;
  }
  if (cpd_status_str(CPD_EINVAL) == NULL) {
    return 1;
  }
  return limits.version == CPD_LIMITS_VERSION && text.kind == CPD_VALUE_TEXT
             ? 0
             : 1;
}
