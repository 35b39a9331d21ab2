/* test_threads.c - one immutable policy shared by many threads
 * (include/cpd.h: "a cpd_policy is immutable once made and may be shared
 * by any number of threads evaluating at once").
 *
 * Every golden case and example is first evaluated in one thread; then 8
 * threads evaluate them 20,000 times each, in different orders, under the
 * same loaded policy, and every answer (the result document, or the error
 * document of an input error) must equal the single-threaded one, byte for
 * byte.  CPD_THREADS_ITERATIONS lowers the count (the ThreadSanitizer run
 * of scripts/test does).  A second test loads, uses and frees policies in
 * every thread at once. */
#define _POSIX_C_SOURCE 200809L /* strdup */
#include "cpd_test.h"

#include <dirent.h>
#include <pthread.h>

#define THREADS 8
#define DEFAULT_ITERATIONS 20000
#define MAX_INPUTS 256

typedef struct input {
  char *name, *json;
  size_t len;
  char *expected; /* result or error document */
} input;

static input inputs[MAX_INPUTS];
static size_t ninputs;
static cpd_policy *shared;
static unsigned long iterations;

/* A versioned policy: the version in force depends on applied_on, so the
 * threads read every part of it. */
static const char policy_doc[] =
    "{\"versions\":[{\"effective_from\":\"2019-01-01\"},"
    "{\"effective_from\":\"2027-02-05\",\"name\":\"later\","
    "\"window\":{\"opens_months_before_renewal\":4,"
    "\"closes_months_before_renewal\":1},\"points_per_hour\":1.5}]}";

/* The answer to one input: the result document or the error document. */
static char *answer(const cpd_policy *p, const input *in) {
  char *out = NULL, *doc = NULL;
  cpd_error err;
  cpd_status st = cpd_check_json(&out, p, in->json, in->len, NULL, &err);
  if (st == CPD_OK)
    return out;
  if (st != CPD_EINPUT || cpd_error_to_json(&doc, &err) != CPD_OK)
    return NULL;
  return doc;
}

static void add_dir(const char *dir) {
  DIR *d = opendir(dir);
  struct dirent *e;
  if (!d)
    return;
  while ((e = readdir(d)) != NULL && ninputs < MAX_INPUTS) {
    input *in = &inputs[ninputs];
    char path[600];
    if (!cpdt_is_application_file(e->d_name))
      continue;
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    in->json = cpdt_read_file_or_null(path, &in->len);
    if (!in->json)
      continue;
    in->name = strdup(path);
    ninputs++;
  }
  closedir(d);
}

static int setup(void **state) {
  const char *env = getenv("CPD_THREADS_ITERATIONS");
  size_t i;
  (void)state;
  iterations = env && *env ? strtoul(env, NULL, 10) : DEFAULT_ITERATIONS;
  if (iterations == 0)
    iterations = 1;
  if (cpd_policy_load_json(&shared, policy_doc, strlen(policy_doc), NULL,
                           NULL) != CPD_OK)
    return -1;
  add_dir("tests/golden");
  add_dir("examples");
  if (ninputs == 0)
    return -1;
  /* the single-threaded reference */
  for (i = 0; i < ninputs; i++) {
    inputs[i].expected = answer(shared, &inputs[i]);
    if (!inputs[i].expected)
      return -1;
  }
  return 0;
}

static int teardown(void **state) {
  size_t i;
  (void)state;
  for (i = 0; i < ninputs; i++) {
    free(inputs[i].name);
    free(inputs[i].json);
    cpd_string_free(inputs[i].expected);
  }
  cpd_policy_free(shared);
  return 0;
}

typedef struct worker {
  pthread_t thread;
  unsigned id;
  unsigned long done, mismatches;
  char first_mismatch[600];
} worker;

static void *evaluate_many(void *arg) {
  worker *w = arg;
  unsigned long i;
  /* each thread walks the inputs from its own start with its own stride */
  size_t k = w->id % ninputs, stride = 1 + (size_t)w->id % 3;
  for (i = 0; i < iterations; i++) {
    const input *in = &inputs[k];
    char *got = answer(shared, in);
    if (!got || strcmp(got, in->expected) != 0) {
      if (!w->mismatches++)
        snprintf(w->first_mismatch, sizeof w->first_mismatch, "%s", in->name);
    }
    cpd_string_free(got);
    w->done++;
    k = (k + stride) % ninputs;
  }
  return NULL;
}

static void
test_eight_threads_sharing_one_policy_answer_as_one_thread_does(void **state) {
  worker w[THREADS];
  unsigned long total = 0;
  unsigned i;
  (void)state;
  memset(w, 0, sizeof w);
  for (i = 0; i < THREADS; i++) {
    w[i].id = i;
    assert_int_equal(pthread_create(&w[i].thread, NULL, evaluate_many, &w[i]),
                     0);
  }
  for (i = 0; i < THREADS; i++) {
    assert_int_equal(pthread_join(w[i].thread, NULL), 0);
    if (w[i].mismatches)
      fail_msg("thread %u: %lu answers differ from one thread's, first %s", i,
               w[i].mismatches, w[i].first_mismatch);
    total += w[i].done;
  }
  assert_int_equal(total, (unsigned long)THREADS * iterations);
  print_message("threads: %d x %lu evaluations of %zu inputs, all identical\n",
                THREADS, iterations, ninputs);
}

/* Loading, writing, using and freeing policies at once in every thread:
 * nothing is shared between two loads. */
static void *policies_many(void *arg) {
  worker *w = arg;
  unsigned long i, n = iterations / 20 + 1;
  for (i = 0; i < n; i++) {
    cpd_policy *p = NULL;
    char *text = NULL;
    cpd_error err;
    const input *in = &inputs[(w->id + i) % ninputs];
    char *got;
    if (cpd_policy_load_json(&p, policy_doc, strlen(policy_doc), NULL, &err) !=
            CPD_OK ||
        cpd_policy_to_json(&text, p) != CPD_OK) {
      w->mismatches++;
      cpd_policy_free(p);
      continue;
    }
    got = answer(p, in);
    if (!got || strcmp(got, in->expected) != 0)
      if (!w->mismatches++)
        snprintf(w->first_mismatch, sizeof w->first_mismatch, "%s", in->name);
    cpd_string_free(got);
    cpd_string_free(text);
    cpd_policy_free(p);
    w->done++;
  }
  return NULL;
}

static void
test_threads_loading_their_own_policies_do_not_interfere(void **state) {
  worker w[THREADS];
  unsigned i;
  (void)state;
  memset(w, 0, sizeof w);
  for (i = 0; i < THREADS; i++) {
    w[i].id = i;
    assert_int_equal(pthread_create(&w[i].thread, NULL, policies_many, &w[i]),
                     0);
  }
  for (i = 0; i < THREADS; i++) {
    assert_int_equal(pthread_join(w[i].thread, NULL), 0);
    if (w[i].mismatches)
      fail_msg("thread %u: %lu answers differ, first %s", i, w[i].mismatches,
               w[i].first_mismatch);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(
          test_eight_threads_sharing_one_policy_answer_as_one_thread_does),
      cmocka_unit_test(
          test_threads_loading_their_own_policies_do_not_interfere),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
