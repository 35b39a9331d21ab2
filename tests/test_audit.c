/* test_audit.c - the annual audit selection (docs/RULES.md R16): SipHash-2-4
 * against the reference vectors, reproducibility, independence from roster
 * order and from the other holders, the selected fraction, rates 0 and 1,
 * the include list, stratification, NFKC numbers, roster lines, errors. */
#include "cpd_test.h"

#include "internal.h"

/* ----------------------------------------------------------------- helpers */

static void number_of(char *buf, size_t cap, size_t i) {
  snprintf(buf, cap, "OMP-%06zu", i);
}

/* A finished selector over holders "OMP-000000".."OMP-(n-1)" taken in the
 * order order[] (NULL: ascending), qualification qual_of(i). */
static cpd_audit *audit_over(const cpd_audit_options *o, size_t n,
                             const size_t *order,
                             const char *(*qual_of)(size_t)) {
  cpd_audit *a = NULL;
  size_t k;
  char num[32];
  assert_int_equal(cpd_audit_new(&a, o), CPD_OK);
  for (k = 0; k < n; k++) {
    size_t i = order ? order[k] : k;
    number_of(num, sizeof num, i);
    assert_int_equal(cpd_audit_add(a, num, qual_of ? qual_of(i) : "OMP", NULL),
                     CPD_OK);
  }
  assert_int_equal(cpd_audit_finish(a), CPD_OK);
  assert_int_equal(cpd_audit_count(a), n);
  return a;
}

/* selected[i] for holder i, whatever the order the selector saw. */
static unsigned char *selection(const cpd_audit *a, size_t universe) {
  unsigned char *sel = calloc(universe, 1);
  size_t k, n = cpd_audit_count(a);
  assert_non_null(sel);
  for (k = 0; k < n; k++) {
    const cpd_audit_entry *e = cpd_audit_entry_at(a, k);
    size_t i;
    assert_non_null(e);
    assert_int_equal(sscanf(e->number, "OMP-%zu", &i), 1);
    assert_true(i < universe);
    sel[i] = (unsigned char)(e->selected != 0);
  }
  return sel;
}

static size_t selected_count(const cpd_audit *a) {
  size_t k, n = 0;
  for (k = 0; k < cpd_audit_count(a); k++)
    n += cpd_audit_entry_at(a, k)->selected != 0;
  return n;
}

static cpd_audit_options options(uint64_t seed, uint32_t rate_ppm) {
  cpd_audit_options o = CPD_AUDIT_OPTIONS_INIT;
  o.seed = seed;
  o.rate_ppm = rate_ppm;
  return o;
}

/* ---------------------------------------------------------------- SipHash */

static void test_siphash_reference_vector_15_bytes(void **state) {
  unsigned char msg[15];
  size_t i;
  (void)state;
  for (i = 0; i < sizeof msg; i++)
    msg[i] = (unsigned char)i;
  /* key 00 01 .. 0f read little-endian */
  assert_true(cpd__siphash24(UINT64_C(0x0706050403020100),
                             UINT64_C(0x0f0e0d0c0b0a0908), msg,
                             sizeof msg) == UINT64_C(0xa129ca6149be45e5));
}

static void test_siphash_reference_vector_empty(void **state) {
  (void)state;
  assert_true(cpd__siphash24(UINT64_C(0x0706050403020100),
                             UINT64_C(0x0f0e0d0c0b0a0908), "",
                             0) == UINT64_C(0x726fdb47dd0e0e31));
}

static void test_siphash_reference_vectors_every_length_to_8(void **state) {
  /* The first vectors of the reference vectors.h (key 00..0f, message
   * 00..len-1): every tail length of the last block. */
  static const uint64_t expected[9] = {
      UINT64_C(0x726fdb47dd0e0e31), UINT64_C(0x74f839c593dc67fd),
      UINT64_C(0x0d6c8009d9a94f5a), UINT64_C(0x85676696d7fb7e2d),
      UINT64_C(0xcf2794e0277187b7), UINT64_C(0x18765564cd99a68d),
      UINT64_C(0xcbc9466e58fee3ce), UINT64_C(0xab0200f58b01d137),
      UINT64_C(0x93f5f5799a932462)};
  unsigned char msg[8];
  size_t len;
  (void)state;
  for (len = 0; len < 8; len++)
    msg[len] = (unsigned char)len;
  for (len = 0; len <= 8; len++)
    assert_true(cpd__siphash24(UINT64_C(0x0706050403020100),
                               UINT64_C(0x0f0e0d0c0b0a0908), msg,
                               len) == expected[len]);
}

static void test_audit_hash_is_siphash_keyed_by_the_seed(void **state) {
  uint64_t h = 0, seed = 20270401;
  (void)state;
  assert_int_equal(cpd_audit_hash(&h, "OMP-000123", 10, seed), CPD_OK);
  assert_true(h == cpd__siphash24(seed, seed ^ UINT64_C(0x6370645f61756469),
                                  "OMP-000123", 10));
}

/* -------------------------------------------------------------- selection */

static void test_same_seed_selects_the_same_holders(void **state) {
  cpd_audit_options o = options(42, 100000);
  cpd_audit *a = audit_over(&o, 2000, NULL, NULL);
  cpd_audit *b = audit_over(&o, 2000, NULL, NULL);
  size_t k;
  (void)state;
  for (k = 0; k < 2000; k++) {
    const cpd_audit_entry *x = cpd_audit_entry_at(a, k),
                          *y = cpd_audit_entry_at(b, k);
    assert_string_equal(x->number, y->number);
    assert_int_equal(x->selected, y->selected);
    assert_string_equal(x->reason, y->reason);
    assert_true(x->hash == y->hash);
  }
  assert_true(selected_count(a) > 0);
  cpd_audit_free(a);
  cpd_audit_free(b);
}

/* A fixed permutation (an LCG-driven Fisher-Yates shuffle). */
static void shuffle(size_t *order, size_t n, uint64_t state) {
  size_t i;
  for (i = 0; i < n; i++)
    order[i] = i;
  for (i = n; i > 1; i--) {
    size_t j, t;
    state =
        state * UINT64_C(6364136223846793005) + UINT64_C(1442695040888963407);
    j = (size_t)((state >> 33) % i);
    t = order[i - 1];
    order[i - 1] = order[j];
    order[j] = t;
  }
}

static const char *two_quals(size_t i) { return i % 3 ? "OMP" : "CAP"; }

static void test_roster_order_does_not_change_the_selection(void **state) {
  enum { N = 3000 };
  size_t *order = malloc(N * sizeof *order);
  int stratify;
  (void)state;
  assert_non_null(order);
  shuffle(order, N, 7);
  for (stratify = 0; stratify <= 1; stratify++) {
    cpd_audit_options o = options(99, 50000);
    cpd_audit *a, *b;
    unsigned char *sa, *sb;
    o.stratify = stratify;
    a = audit_over(&o, N, NULL, two_quals);
    b = audit_over(&o, N, order, two_quals);
    sa = selection(a, N);
    sb = selection(b, N);
    assert_memory_equal(sa, sb, N);
    assert_true(selected_count(a) > 0);
    free(sa);
    free(sb);
    cpd_audit_free(a);
    cpd_audit_free(b);
  }
  free(order);
}

static void test_a_holder_is_selected_whoever_else_is_listed(void **state) {
  /* Unstratified: the first 500 holders alone, and the same 500 among
   * 5000 others, get the same decisions. */
  cpd_audit_options o = options(2027, 80000);
  cpd_audit *small = audit_over(&o, 500, NULL, NULL);
  cpd_audit *large = audit_over(&o, 5500, NULL, NULL);
  unsigned char *ss = selection(small, 5500), *sl = selection(large, 5500);
  (void)state;
  assert_memory_equal(ss, sl, 500);
  free(ss);
  free(sl);
  cpd_audit_free(small);
  cpd_audit_free(large);
}

static void test_a_different_seed_selects_a_different_set(void **state) {
  cpd_audit_options o1 = options(1, 100000), o2 = options(2, 100000);
  cpd_audit *a = audit_over(&o1, 1000, NULL, NULL);
  cpd_audit *b = audit_over(&o2, 1000, NULL, NULL);
  unsigned char *sa = selection(a, 1000), *sb = selection(b, 1000);
  (void)state;
  assert_true(memcmp(sa, sb, 1000) != 0);
  free(sa);
  free(sb);
  cpd_audit_free(a);
  cpd_audit_free(b);
}

static void
test_selected_fraction_is_within_five_standard_deviations(void **state) {
  /* 100,000 holders at 5%: mean 5000, sd sqrt(100000 * .05 * .95) = 68.9,
   * so 5 sd = 345. */
  cpd_audit_options o = options(123456789, 50000);
  cpd_audit *a = audit_over(&o, 100000, NULL, NULL);
  size_t n = selected_count(a), k;
  (void)state;
  assert_in_range(n, 5000 - 345, 5000 + 345);
  for (k = 0; k < cpd_audit_count(a); k++) {
    const cpd_audit_entry *e = cpd_audit_entry_at(a, k);
    assert_string_equal(e->reason, e->selected ? "sampled" : "not_sampled");
    assert_int_equal(e->selected != 0, e->hash % 1000000 < 50000);
  }
  cpd_audit_free(a);
}

static void test_rate_zero_selects_none(void **state) {
  cpd_audit_options o = options(5, 0);
  cpd_audit *a = audit_over(&o, 5000, NULL, NULL);
  (void)state;
  assert_int_equal(selected_count(a), 0);
  cpd_audit_free(a);
  o.stratify = 1;
  a = audit_over(&o, 5000, NULL, two_quals);
  assert_int_equal(selected_count(a), 0);
  cpd_audit_free(a);
}

static void test_rate_one_selects_all(void **state) {
  cpd_audit_options o = options(5, 1000000);
  cpd_audit *a = audit_over(&o, 5000, NULL, NULL);
  (void)state;
  assert_int_equal(selected_count(a), 5000);
  cpd_audit_free(a);
  o.stratify = 1;
  a = audit_over(&o, 5000, NULL, two_quals);
  assert_int_equal(selected_count(a), 5000);
  cpd_audit_free(a);
}

static void test_included_numbers_are_always_selected(void **state) {
  /* At rate 0 only the included are selected; the list is normalised
   * (full-width, spaces) like the roster. */
  const char *const inc[] = {"OMP-000007", "ＯＭＰ－００００４２",
                             " OMP-000999 "};
  cpd_audit_options o = options(8, 0);
  cpd_audit *a;
  size_t k;
  int stratify;
  (void)state;
  o.include = inc;
  o.include_count = 3;
  for (stratify = 0; stratify <= 1; stratify++) {
    o.stratify = stratify;
    a = audit_over(&o, 1000, NULL, NULL);
    assert_int_equal(selected_count(a), 3);
    for (k = 0; k < cpd_audit_count(a); k++) {
      const cpd_audit_entry *e = cpd_audit_entry_at(a, k);
      int want = strcmp(e->number, "OMP-000007") == 0 ||
                 strcmp(e->number, "OMP-000042") == 0 ||
                 strcmp(e->number, "OMP-000999") == 0;
      assert_int_equal(e->selected != 0, want);
      assert_string_equal(e->reason, want ? "included" : "not_sampled");
    }
    cpd_audit_free(a);
  }
}

static void test_included_number_is_selected_at_any_rate(void **state) {
  /* A holder the hash does not pick is still selected once included. */
  cpd_audit_options o = options(31337, 50000);
  cpd_audit *a = audit_over(&o, 200, NULL, NULL), *b;
  const char *inc[1] = {NULL};
  size_t k;
  (void)state;
  for (k = 0; k < 200 && !inc[0]; k++)
    if (!cpd_audit_entry_at(a, k)->selected)
      inc[0] = cpd_audit_entry_at(a, k)->number;
  assert_non_null(inc[0]);
  o.include = inc;
  o.include_count = 1;
  b = audit_over(&o, 200, NULL, NULL);
  assert_int_equal(selected_count(b), selected_count(a) + 1);
  for (k = 0; k < 200; k++)
    if (strcmp(cpd_audit_entry_at(b, k)->number, inc[0]) == 0) {
      assert_true(cpd_audit_entry_at(b, k)->selected);
      assert_string_equal(cpd_audit_entry_at(b, k)->reason, "included");
    }
  cpd_audit_free(b);
  cpd_audit_free(a);
}

static const char *three_quals(size_t i) {
  return i % 7 == 0 ? "CAP" : i % 7 == 1 ? "" : "OMP";
}

static void
test_stratify_selects_ceil_rate_times_n_per_qualification(void **state) {
  /* 1000 holders: CAP 143, "" 143, OMP 714.  At 5%: ceil(7.15) = 8,
   * 8, ceil(35.7) = 36; at 0.1%: 1 each (ceil). */
  static const struct {
    uint32_t ppm;
    size_t cap, none, omp;
  } cases[] = {{50000, 8, 8, 36}, {1000, 1, 1, 1}, {333333, 48, 48, 238}};
  size_t c;
  (void)state;
  for (c = 0; c < sizeof cases / sizeof cases[0]; c++) {
    cpd_audit_options o = options(77, cases[c].ppm);
    cpd_audit *a;
    size_t k, cap = 0, none = 0, omp = 0;
    uint64_t worst_selected[3] = {0, 0, 0}, best_left[3];
    best_left[0] = best_left[1] = best_left[2] = UINT64_MAX;
    o.stratify = 1;
    a = audit_over(&o, 1000, NULL, three_quals);
    for (k = 0; k < cpd_audit_count(a); k++) {
      const cpd_audit_entry *e = cpd_audit_entry_at(a, k);
      int q = strcmp(e->qualification, "CAP") == 0 ? 0
              : e->qualification[0] == '\0'        ? 1
                                                   : 2;
      if (e->selected) {
        assert_string_equal(e->reason, "stratum");
        cap += q == 0;
        none += q == 1;
        omp += q == 2;
        if (e->hash > worst_selected[q])
          worst_selected[q] = e->hash;
      } else {
        assert_string_equal(e->reason, "not_sampled");
        if (e->hash < best_left[q])
          best_left[q] = e->hash;
      }
    }
    assert_int_equal(cap, cases[c].cap);
    assert_int_equal(none, cases[c].none);
    assert_int_equal(omp, cases[c].omp);
    /* the lowest hashes of each qualification */
    for (k = 0; k < 3; k++)
      assert_true(worst_selected[k] < best_left[k]);
    cpd_audit_free(a);
  }
}

/* Issue 11: numbers that differ only by a dash variant or by case are one
 * holder (the dashes of the date separators, RULES.md R13). */
static void test_dash_variants_and_case_are_one_holder(void **state) {
  static const char *const same[] = {
      "OMP-000101",
      "omp-000101",
      ("OMP\xe2\x80\x90"
       "000101"), /* U+2010 hyphen */
      ("OMP\xe2\x80\x91"
       "000101"), /* U+2011 non-breaking hyphen */
      ("OMP\xe2\x80\x92"
       "000101"), /* U+2012 figure dash */
      ("OMP\xe2\x80\x93"
       "000101"), /* U+2013 en dash */
      ("OMP\xe2\x80\x94"
       "000101"), /* U+2014 em dash */
      ("OMP\xe2\x80\x95"
       "000101"), /* U+2015 horizontal bar */
      ("OMP\xe2\x88\x92"
       "000101"), /* U+2212 minus */
      ("OMP\xe3\x83\xbc"
       "000101"), /* U+30FC prolonged sound mark */
      ("OMP\xef\xbc\x8d"
       "000101"), /* U+FF0D full-width hyphen-minus */
      ("OMP\xef\xb9\xa3"
       "000101"), /* U+FE63 small hyphen-minus */
      ("OMP\xef\xbd\xb0"
       "000101"), /* U+FF70 half-width ｰ */
      ("\xef\xbd\x8f\xef\xbd\x8d\xef\xbd\x90\xe2\x80\x90"
       "000101")};
  static const char *const other[] = {"OMP000101", "OMP-000102", "OMP--000101",
                                      "OMP_000101"};
  cpd_audit_options o = options(5, 0);
  const char *include[1];
  cpd_audit *a = NULL;
  cpd_error err;
  uint64_t h0, h;
  size_t i;
  (void)state;
  assert_int_equal(cpd_audit_hash(&h0, same[0], strlen(same[0]), 5), CPD_OK);
  for (i = 1; i < sizeof same / sizeof *same; i++) {
    assert_int_equal(cpd_audit_hash(&h, same[i], strlen(same[i]), 5), CPD_OK);
    if (h != h0)
      fail_msg("same[%zu] hashes differently", i);
  }
  for (i = 0; i < sizeof other / sizeof *other; i++) {
    assert_int_equal(cpd_audit_hash(&h, other[i], strlen(other[i]), 5), CPD_OK);
    if (h == h0)
      fail_msg("other[%zu] hashes as OMP-000101", i);
  }
  /* on a roster: the variants are duplicates of the first, and an include
   * written with another dash selects it */
  include[0] = ("omp\xe2\x88\x92"
                "000101");
  o.include = include;
  o.include_count = 1;
  assert_int_equal(cpd_audit_new(&a, &o), CPD_OK);
  assert_int_equal(cpd_audit_add(a,
                                 ("OMP\xe2\x80\x90"
                                  "000101"),
                                 "OMP", &err),
                   CPD_OK);
  for (i = 0; i < sizeof same / sizeof *same; i++) {
    assert_int_equal(cpd_audit_add(a, same[i], "OMP", &err), CPD_EINPUT);
    assert_string_equal(err.code, "audit.duplicate_number");
  }
  assert_int_equal(cpd_audit_add(a, "OMP-000102", "OMP", &err), CPD_OK);
  assert_int_equal(cpd_audit_finish(a), CPD_OK);
  assert_int_equal(cpd_audit_count(a), 2);
  assert_string_equal(cpd_audit_entry_at(a, 0)->number, "OMP-000101");
  assert_string_equal(cpd_audit_entry_at(a, 0)->reason, "included");
  assert_true(cpd_audit_entry_at(a, 0)->hash == h0);
  cpd_audit_free(a);
}

static void test_full_width_number_equals_ascii(void **state) {
  uint64_t h1 = 0, h2 = 1, h3 = 2;
  const char *fw = "ＯＭＰ－０００１２３";
  cpd_audit_options o = options(9, 0);
  cpd_audit *a = NULL;
  cpd_error err;
  (void)state;
  assert_int_equal(cpd_audit_hash(&h1, "OMP-000123", 10, 9), CPD_OK);
  assert_int_equal(cpd_audit_hash(&h2, fw, strlen(fw), 9), CPD_OK);
  assert_int_equal(cpd_audit_hash(&h3, "\xe3\x80\x80OMP-000123 ",
                                  strlen("\xe3\x80\x80OMP-000123 "), 9),
                   CPD_OK);
  assert_true(h1 == h2);
  assert_true(h1 == h3);
  /* and on a roster they are the same holder */
  assert_int_equal(cpd_audit_new(&a, &o), CPD_OK);
  assert_int_equal(cpd_audit_add(a, fw, "ＯＭＰ", &err), CPD_OK);
  assert_int_equal(cpd_audit_add(a, "OMP-000123", "OMP", &err), CPD_EINPUT);
  assert_string_equal(err.code, "audit.duplicate_number");
  assert_int_equal(cpd_audit_finish(a), CPD_OK);
  assert_string_equal(cpd_audit_entry_at(a, 0)->number, "OMP-000123");
  assert_string_equal(cpd_audit_entry_at(a, 0)->qualification, "OMP");
  assert_true(cpd_audit_entry_at(a, 0)->hash == h1);
  cpd_audit_free(a);
}

static void test_a_duplicate_number_is_refused_and_not_added(void **state) {
  cpd_audit_options o = options(1, 1000000);
  cpd_audit *a = NULL;
  cpd_error err;
  char num[32];
  size_t i;
  (void)state;
  assert_int_equal(cpd_audit_new(&a, &o), CPD_OK);
  /* enough holders for the table to grow several times */
  for (i = 0; i < 1000; i++) {
    number_of(num, sizeof num, i);
    assert_int_equal(cpd_audit_add(a, num, "OMP", &err), CPD_OK);
  }
  for (i = 0; i < 1000; i += 97) {
    number_of(num, sizeof num, i);
    assert_int_equal(cpd_audit_add(a, num, "CAP", &err), CPD_EINPUT);
    assert_string_equal(err.code, "audit.duplicate_number");
  }
  assert_int_equal(cpd_audit_count(a), 1000);
  assert_int_equal(cpd_audit_finish(a), CPD_OK);
  assert_string_equal(cpd_audit_entry_at(a, 0)->qualification, "OMP");
  cpd_audit_free(a);
}

/* ------------------------------------------------------------ roster lines */

static void test_roster_line_application_or_short_form(void **state) {
  static const char app[] =
      "{\"applied_on\":\"2027-02-10\",\"qualification\":\"CAP\","
      "\"certification\":{\"number\":\"CAP-000001\",\"expires_on\":"
      "\"2027-03-31\"},\"applicant\":{\"name\":\"山田 太郎\"}}";
  static const char shortf[] = "{\"number\":\"OMP-000002\"}";
  static const char both[] =
      "{\"number\":\"OMP-000003\",\"qualification\":\"OMP\"}";
  cpd_audit_options o = options(3, 1000000);
  cpd_audit *a = NULL;
  cpd_error err;
  (void)state;
  assert_int_equal(cpd_audit_new(&a, &o), CPD_OK);
  assert_int_equal(cpd_audit_add_json(a, app, strlen(app), &err), CPD_OK);
  assert_int_equal(cpd_audit_add_json(a, shortf, strlen(shortf), &err), CPD_OK);
  assert_int_equal(cpd_audit_add_json(a, both, strlen(both), &err), CPD_OK);
  assert_int_equal(cpd_audit_finish(a), CPD_OK);
  assert_int_equal(cpd_audit_count(a), 3);
  assert_string_equal(cpd_audit_entry_at(a, 0)->number, "CAP-000001");
  assert_string_equal(cpd_audit_entry_at(a, 0)->qualification, "CAP");
  assert_string_equal(cpd_audit_entry_at(a, 1)->number, "OMP-000002");
  assert_string_equal(cpd_audit_entry_at(a, 1)->qualification, "");
  assert_string_equal(cpd_audit_entry_at(a, 2)->qualification, "OMP");
  cpd_audit_free(a);
}

static void test_bad_roster_lines_are_input_errors(void **state) {
  static const struct {
    const char *json, *code, *path;
  } cases[] = {
      {"{\"number\":", "input.syntax", NULL},
      {"[1,2]", "input.not_object", ""},
      {"{\"number\":\"A\",\"number\":\"B\"}", "input.duplicate_key", "/number"},
      {"{\"qualification\":\"OMP\"}", "audit.missing_number", "/number"},
      {"{\"number\":123}", "audit.missing_number", "/number"},
      {"{\"number\":\"  \"}", "audit.missing_number", "/number"},
      {"{\"certification\":{\"expires_on\":\"2027-03-31\"}}",
       "audit.missing_number", "/certification/number"},
      {"{\"certification\":{\"number\":null}}", "audit.missing_number",
       "/certification/number"},
      {"{\"number\":\"OMP-1\"}", "audit.duplicate_number", "/number"},
  };
  cpd_audit_options o = options(3, 1000000);
  cpd_audit *a = NULL;
  cpd_error err;
  size_t i;
  (void)state;
  assert_int_equal(cpd_audit_new(&a, &o), CPD_OK);
  assert_int_equal(cpd_audit_add(a, "OMP-1", NULL, &err), CPD_OK);
  for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    memset(&err, 0, sizeof err);
    assert_int_equal(
        cpd_audit_add_json(a, cases[i].json, strlen(cases[i].json), &err),
        CPD_EINPUT);
    assert_string_equal(err.code, cases[i].code);
    if (cases[i].path)
      assert_string_equal(err.path, cases[i].path);
  }
  assert_int_equal(cpd_audit_count(a), 1);
  cpd_audit_free(a);
}

/* ------------------------------------------------------------------ misuse */

static void test_null_and_invalid_arguments(void **state) {
  cpd_audit_options o = options(1, 50000), bad;
  const char *const inc_null[] = {NULL};
  const char *const inc_empty[] = {"   "};
  const char *const inc_bad_utf8[] = {"OMP-\xff"};
  cpd_audit *a = NULL;
  uint64_t h;
  (void)state;
  assert_int_equal(cpd_audit_hash(NULL, "A", 1, 0), CPD_EINVAL);
  assert_int_equal(cpd_audit_hash(&h, NULL, 1, 0), CPD_EINVAL);
  assert_int_equal(cpd_audit_hash(&h, "", 0, 0), CPD_EINVAL);
  assert_int_equal(cpd_audit_hash(&h, "OMP-\xff", 5, 0), CPD_EINVAL);

  assert_int_equal(cpd_audit_new(NULL, &o), CPD_EINVAL);
  assert_int_equal(cpd_audit_new(&a, NULL), CPD_EINVAL);
  assert_null(a);
  bad = o;
  bad.version = 99;
  assert_int_equal(cpd_audit_new(&a, &bad), CPD_EINVAL);
  bad = o;
  bad.rate_ppm = 1000001;
  assert_int_equal(cpd_audit_new(&a, &bad), CPD_EINVAL);
  bad = o;
  bad.include_count = 1;
  assert_int_equal(cpd_audit_new(&a, &bad), CPD_EINVAL);
  bad.include = inc_null;
  assert_int_equal(cpd_audit_new(&a, &bad), CPD_EINVAL);
  bad.include = inc_empty;
  assert_int_equal(cpd_audit_new(&a, &bad), CPD_EINVAL);
  bad.include = inc_bad_utf8;
  assert_int_equal(cpd_audit_new(&a, &bad), CPD_EINVAL);
  assert_null(a);

  assert_int_equal(cpd_audit_add(NULL, "A", NULL, NULL), CPD_EINVAL);
  assert_int_equal(cpd_audit_add_json(NULL, "{}", 2, NULL), CPD_EINVAL);
  assert_int_equal(cpd_audit_finish(NULL), CPD_EINVAL);
  assert_int_equal(cpd_audit_count(NULL), 0);
  assert_null(cpd_audit_entry_at(NULL, 0));

  assert_int_equal(cpd_audit_new(&a, &o), CPD_OK);
  assert_int_equal(cpd_audit_add(a, NULL, NULL, NULL), CPD_EINVAL);
  assert_int_equal(cpd_audit_add_json(a, NULL, 5, NULL), CPD_EINVAL);
  assert_int_equal(cpd_audit_add(a, "OMP-\xff", NULL, NULL), CPD_EINPUT);
  assert_int_equal(cpd_audit_add(a, "OMP-1", "\xc3", NULL), CPD_EINPUT);
  assert_int_equal(cpd_audit_add(a, "OMP-1", NULL, NULL), CPD_OK);
  /* entries are there to read only once decided */
  assert_null(cpd_audit_entry_at(a, 0));
  assert_int_equal(cpd_audit_finish(a), CPD_OK);
  assert_non_null(cpd_audit_entry_at(a, 0));
  assert_null(cpd_audit_entry_at(a, 1));
  /* after finish the roster is closed */
  assert_int_equal(cpd_audit_add(a, "OMP-2", NULL, NULL), CPD_EINVAL);
  assert_int_equal(cpd_audit_add_json(a, "{\"number\":\"OMP-2\"}", 18, NULL),
                   CPD_EINVAL);
  /* finishing again decides the same */
  assert_int_equal(cpd_audit_finish(a), CPD_OK);
  assert_int_equal(cpd_audit_count(a), 1);
  cpd_audit_free(a);
}

static void test_free_null_is_a_no_op(void **state) {
  (void)state;
  cpd_audit_free(NULL);
}

/* ------------------------------------------------------------ rate text */

static void rate_ok(const char *text, uint32_t want) {
  uint32_t ppm = 7;
  cpd_error err;
  if (cpd_audit_rate_parse(&ppm, text, strlen(text), &err) != CPD_OK)
    fail_msg("rate %s refused: %s", text, err.message);
  assert_int_equal(ppm, want);
}

static void rate_refused(const char *text, size_t len) {
  uint32_t ppm = 7;
  cpd_error err;
  memset(&err, 0, sizeof err);
  if (cpd_audit_rate_parse(&ppm, text, len, &err) != CPD_EINVAL)
    fail_msg("rate '%.*s' accepted", (int)len, text);
  assert_int_equal(ppm, 7);
  assert_string_equal(err.code, "invalid_argument");
  assert_non_null(strstr(err.message, "5%"));
  assert_true(err.message_ja[0] != '\0');
}

/* The forms the CLI and the three bindings all accepted, exactly. */
static void test_rate_text_is_exact(void **state) {
  (void)state;
  rate_ok("0.05", 50000);
  rate_ok("5%", 50000);
  rate_ok("0.5%", 5000);
  rate_ok("0.0001%", 1);
  rate_ok("0.000001", 1);
  rate_ok("0.0500000000", 50000); /* zeros past a millionth */
  rate_ok("0.00010000%", 1);
  rate_ok("1", 1000000);
  rate_ok("1.000000", 1000000);
  rate_ok("100%", 1000000);
  rate_ok("100.00%", 1000000);
  rate_ok("0", 0);
  rate_ok("0%", 0);
  rate_ok("00.5", 500000);
  rate_ok("0.123456", 123456);
}

/* Whatever one of them refused, refused for all. */
static void test_rate_text_refusals(void **state) {
  static const char *const bad[] = {
      "",          "%",         " 0.05", "0.05 ",
      "5 %",       "+0.05",     "-0",    "1e-2",
      ".5",        "5.",        "5.%",   "0.0000001",
      "0.00001%",  "1.0000001", "1.5",   "101%",
      "100.0001%", "2",         "1000",  "0,05",
      "５%",       "0.05%%",    "%5",    "0x1",
      "nan",       "inf",       "0.5.1", "99999999999999999999"};
  size_t i;
  uint32_t ppm;
  (void)state;
  for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
    rate_refused(bad[i], strlen(bad[i]));
  rate_refused("0.05\0", 5); /* a NUL inside */
  assert_int_equal(cpd_audit_rate_parse(NULL, "1", 1, NULL), CPD_EINVAL);
  assert_int_equal(cpd_audit_rate_parse(&ppm, NULL, 1, NULL), CPD_EINVAL);
  assert_int_equal(cpd_audit_rate_parse(&ppm, NULL, 0, NULL), CPD_EINVAL);
  /* the length, not a NUL, ends the text */
  assert_int_equal(cpd_audit_rate_parse(&ppm, "0.5xyz", 3, NULL), CPD_OK);
  assert_int_equal(ppm, 500000);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_siphash_reference_vector_15_bytes),
      cmocka_unit_test(test_siphash_reference_vector_empty),
      cmocka_unit_test(test_siphash_reference_vectors_every_length_to_8),
      cmocka_unit_test(test_audit_hash_is_siphash_keyed_by_the_seed),
      cmocka_unit_test(test_same_seed_selects_the_same_holders),
      cmocka_unit_test(test_roster_order_does_not_change_the_selection),
      cmocka_unit_test(test_a_holder_is_selected_whoever_else_is_listed),
      cmocka_unit_test(test_a_different_seed_selects_a_different_set),
      cmocka_unit_test(
          test_selected_fraction_is_within_five_standard_deviations),
      cmocka_unit_test(test_rate_zero_selects_none),
      cmocka_unit_test(test_rate_text_is_exact),
      cmocka_unit_test(test_rate_text_refusals),
      cmocka_unit_test(test_rate_one_selects_all),
      cmocka_unit_test(test_included_numbers_are_always_selected),
      cmocka_unit_test(test_included_number_is_selected_at_any_rate),
      cmocka_unit_test(
          test_stratify_selects_ceil_rate_times_n_per_qualification),
      cmocka_unit_test(test_full_width_number_equals_ascii),
      cmocka_unit_test(test_a_duplicate_number_is_refused_and_not_added),
      cmocka_unit_test(test_roster_line_application_or_short_form),
      cmocka_unit_test(test_bad_roster_lines_are_input_errors),
      cmocka_unit_test(test_null_and_invalid_arguments),
      cmocka_unit_test(test_free_null_is_a_no_op),
      cmocka_unit_test(test_dash_variants_and_case_are_one_holder),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
