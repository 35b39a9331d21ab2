/* audit.c - placeholder until implemented. */
#include "internal.h"
typedef int cpd__audit_placeholder;
