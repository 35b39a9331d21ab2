/* status.c - the version, the names of the result's enums as the
 * documents write them, and the two errors every call can give (out of
 * memory, invalid argument). */
#include "internal.h"

int cpd_version_number(void) { return CPD_VERSION_NUMBER; }
const char *cpd_version_string(void) { return CPD_VERSION_STRING; }

const char *cpd_decision_str(cpd_decision d) {
  switch (d) {
  case CPD_ELIGIBLE:
    return "eligible";
  case CPD_INCOMPLETE:
    return "incomplete";
  case CPD_INELIGIBLE:
    return "ineligible";
  }
  return "unknown";
}

const char *cpd_severity_str(cpd_severity s) {
  switch (s) {
  case CPD_SEVERITY_INFO:
    return "info";
  case CPD_SEVERITY_WARNING:
    return "warning";
  case CPD_SEVERITY_ERROR:
    return "error";
  case CPD_SEVERITY_FATAL:
    return "fatal";
  }
  return "unknown";
}

const char *cpd_window_status_str(cpd_window_status s) {
  switch (s) {
  case CPD_WINDOW_NOT_YET_OPEN:
    return "not_yet_open";
  case CPD_WINDOW_OPEN:
    return "open";
  case CPD_WINDOW_CLOSED:
    return "closed";
  }
  return "unknown";
}

const char *cpd_activity_status_str(cpd_activity_status s) {
  switch (s) {
  case CPD_ACTIVITY_COUNTED:
    return "counted";
  case CPD_ACTIVITY_PARTIALLY_COUNTED:
    return "partially_counted";
  case CPD_ACTIVITY_CAPPED:
    return "capped";
  case CPD_ACTIVITY_REJECTED:
    return "rejected";
  }
  return "unknown";
}

cpd_status cpd__out_of_memory(cpd_error *err) {
  return cpd__fail(err, CPD__M_OUT_OF_MEMORY, "", -1);
}

cpd_status cpd__invalid_argument(cpd_error *err) {
  return cpd__fail(err, CPD__M_ARG_INVALID, "", -1);
}

void cpd_string_free(char *s) { cpd__free(s); }
