/* redact.c - placeholder until implemented. */
#include "internal.h"
typedef int cpd__redact_placeholder;
