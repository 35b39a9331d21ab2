/* main.c - a program outside the project that uses an installed libcpd,
 * built both through pkg-config and through find_package(libcpd). */
#include <cpd.h>

#include <stdio.h>

int main(void) {
  cpd_policy *policy = NULL;
  if (cpd_policy_default(&policy) != CPD_OK || policy == NULL) {
    fprintf(stderr, "cpd_policy_default failed\n");
    return 1;
  }
  cpd_policy_free(policy);
  printf("libcpd %s\n", cpd_version_string());
  return 0;
}
