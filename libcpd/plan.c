/* plan.c - placeholder until implemented. */
#include "internal.h"
typedef int cpd__plan_placeholder;
