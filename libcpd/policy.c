/* policy.c - the policy value: the built-in default of JSON.md, fiscal-year
 * arithmetic and catalogue look-ups.  Loading a policy document lives in
 * policy_load.c, writing one in json_out.c. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static const char *const default_qualifications[] = {"OMP", "CAP"};

/* 別紙２ CMBOK competencies as printed on the form, in strcmp order. */
static const char *const default_competencies[] = {
    "AU-1",  "AU-2",  "AU-3",  "AU-4",  "CR-1",  "CR-2",  "CR-3", "CR-4",
    "CR-5",  "CS-1",  "CS-10", "CS-2",  "CS-3",  "CS-4",  "CS-5", "CS-6",
    "CS-7",  "CS-8",  "CS-9",  "HR-1",  "HR-2",  "IC-1",  "IC-2", "IC-3",
    "IC-4",  "IC-5",  "IC-6",  "OP-1",  "OP-10", "OP-11", "OP-2", "OP-3",
    "OP-4",  "OP-5",  "OP-6",  "OP-7",  "OP-8",  "OP-9",  "PA-1", "PA-2",
    "PA-3",  "PC-1",  "PC-2",  "PC-3",  "PC-4",  "PC-5",  "PE-1", "PE-10",
    "PE-11", "PE-12", "PE-13", "PE-14", "PE-15", "PE-2",  "PE-3", "PE-4",
    "PE-5",  "PE-6",  "PE-7",  "PE-8",  "PE-9",  "ST-1",  "ST-2", "ST-3",
    "ST-4",  "ST-5"};

/* The same codes packed as cpd__competency_key does (test_policy checks
 * they agree): a lookup compares one integer per step. */
static const uint64_t default_competency_keys[] = {
    UINT64_C(0x41552d3100000000), UINT64_C(0x41552d3200000000),
    UINT64_C(0x41552d3300000000), UINT64_C(0x41552d3400000000),
    UINT64_C(0x43522d3100000000), UINT64_C(0x43522d3200000000),
    UINT64_C(0x43522d3300000000), UINT64_C(0x43522d3400000000),
    UINT64_C(0x43522d3500000000), UINT64_C(0x43532d3100000000),
    UINT64_C(0x43532d3130000000), UINT64_C(0x43532d3200000000),
    UINT64_C(0x43532d3300000000), UINT64_C(0x43532d3400000000),
    UINT64_C(0x43532d3500000000), UINT64_C(0x43532d3600000000),
    UINT64_C(0x43532d3700000000), UINT64_C(0x43532d3800000000),
    UINT64_C(0x43532d3900000000), UINT64_C(0x48522d3100000000),
    UINT64_C(0x48522d3200000000), UINT64_C(0x49432d3100000000),
    UINT64_C(0x49432d3200000000), UINT64_C(0x49432d3300000000),
    UINT64_C(0x49432d3400000000), UINT64_C(0x49432d3500000000),
    UINT64_C(0x49432d3600000000), UINT64_C(0x4f502d3100000000),
    UINT64_C(0x4f502d3130000000), UINT64_C(0x4f502d3131000000),
    UINT64_C(0x4f502d3200000000), UINT64_C(0x4f502d3300000000),
    UINT64_C(0x4f502d3400000000), UINT64_C(0x4f502d3500000000),
    UINT64_C(0x4f502d3600000000), UINT64_C(0x4f502d3700000000),
    UINT64_C(0x4f502d3800000000), UINT64_C(0x4f502d3900000000),
    UINT64_C(0x50412d3100000000), UINT64_C(0x50412d3200000000),
    UINT64_C(0x50412d3300000000), UINT64_C(0x50432d3100000000),
    UINT64_C(0x50432d3200000000), UINT64_C(0x50432d3300000000),
    UINT64_C(0x50432d3400000000), UINT64_C(0x50432d3500000000),
    UINT64_C(0x50452d3100000000), UINT64_C(0x50452d3130000000),
    UINT64_C(0x50452d3131000000), UINT64_C(0x50452d3132000000),
    UINT64_C(0x50452d3133000000), UINT64_C(0x50452d3134000000),
    UINT64_C(0x50452d3135000000), UINT64_C(0x50452d3200000000),
    UINT64_C(0x50452d3300000000), UINT64_C(0x50452d3400000000),
    UINT64_C(0x50452d3500000000), UINT64_C(0x50452d3600000000),
    UINT64_C(0x50452d3700000000), UINT64_C(0x50452d3800000000),
    UINT64_C(0x50452d3900000000), UINT64_C(0x53542d3100000000),
    UINT64_C(0x53542d3200000000), UINT64_C(0x53542d3300000000),
    UINT64_C(0x53542d3400000000), UINT64_C(0x53542d3500000000),
};

static const cpd_policy builtin = {
    .name = "JCCEA CPD 2019-01",
    .effective_from = 17897, /* 2019-01-01 */
    .fy_month = 4,
    .fy_day = 1,
    .period_years = 3,
    .required = 3000,
    .points_per_hour = 100,
    .opens_months = 3,
    .closes_months = 0,
    .sections = {{.category = 'A',
                  .per_year = 0,
                  .cap = CPD_NO_CAP,
                  .form_rows = 6,
                  .evidence_required = 1},
                 {.category = 'B',
                  .per_year = 1,
                  .cap = 500,
                  .form_rows = 3,
                  .evidence_required = 1},
                 {.category = 'C',
                  .per_year = 1,
                  .cap = 500,
                  .form_rows = 3,
                  .evidence_required = 0},
                 {.category = 'D',
                  .per_year = 1,
                  .cap = 500,
                  .form_rows = 3,
                  .evidence_required = 0}},
    .section_count = 4,
    .qualifications = default_qualifications,
    .qualification_count =
        sizeof default_qualifications / sizeof default_qualifications[0],
    .competencies = default_competencies,
    .competency_count =
        sizeof default_competencies / sizeof default_competencies[0],
    .competency_keys = default_competency_keys,
    /* 【更新申請】プロフェッショナル更新申請書添付_ */
    .email_subject_prefix = "\xe3\x80\x90\xe6\x9b\xb4\xe6\x96\xb0\xe7\x94\xb3"
                            "\xe8\xab\x8b\xe3\x80\x91"
                            "\xe3\x83\x97\xe3\x83\xad\xe3\x83\x95\xe3\x82\xa7"
                            "\xe3\x83\x83\xe3\x82\xb7"
                            "\xe3\x83\xa7\xe3\x83\x8a\xe3\x83\xab\xe6\x9b\xb4"
                            "\xe6\x96\xb0\xe7\x94\xb3"
                            "\xe8\xab\x8b\xe6\x9b\xb8\xe6\xb7\xbb\xe4\xbb\x98_",
    .arena = NULL,
    .versions = NULL,
    .version_count = 0};

const cpd_policy *cpd__policy_in_force(const cpd_policy *p, cpd_day d) {
  size_t i;
  const cpd_policy *best;
  if (!p->version_count)
    return p;
  best = p->versions[0];
  for (i = 1; i < p->version_count; i++)
    if (p->versions[i]->effective_from <= d)
      best = p->versions[i];
  return best;
}

const cpd_policy *cpd__policy_builtin(void) { return &builtin; }

cpd_status cpd_policy_default(cpd_policy **out) {
  cpd_policy *p;
  if (!out)
    return CPD_EINVAL;
  *out = NULL;
  p = cpd__malloc(sizeof *p);
  if (!p)
    return CPD_ENOMEM;
  *p = builtin;
  *out = p;
  return CPD_OK;
}

void cpd_policy_free(cpd_policy *policy) {
  if (!policy || policy == &builtin)
    return;
  if (policy->arena) {
    cpd__arena_free(policy->arena);
    cpd__free(policy->arena);
  }
  cpd__free(policy);
}

cpd_day cpd__fiscal_year_start(const cpd_policy *p, int fy) {
  int day = p->fy_day, dim = cpd__days_in_month(fy, p->fy_month);
  return cpd__days_from_civil(fy, p->fy_month, day > dim ? dim : day);
}

int cpd_policy_fiscal_year(const cpd_policy *policy, cpd_day d) {
  const cpd_policy *p = policy ? policy : &builtin;
  int y, m, dd;
  cpd_day_to_ymd(d, &y, &m, &dd);
  if (m < p->fy_month || (m == p->fy_month && dd < p->fy_day))
    return y - 1;
  return y;
}

size_t cpd_policy_version_count(const cpd_policy *policy) {
  const cpd_policy *p = policy ? policy : &builtin;
  return p->version_count ? p->version_count : 1;
}

cpd_status cpd_policy_version_at(const cpd_policy *policy, size_t i,
                                 const char **name, cpd_day *effective_from) {
  const cpd_policy *p = policy ? policy : &builtin;
  if ((!name && !effective_from) || i >= cpd_policy_version_count(p))
    return CPD_EINVAL;
  if (p->version_count)
    p = p->versions[i];
  if (name)
    *name = p->name;
  if (effective_from)
    *effective_from = p->effective_from;
  return CPD_OK;
}

void cpd__window(const cpd_policy *p, cpd_day expires_on, cpd_day *opens_on,
                 cpd_day *closes_on) {
  cpd_day renewal = expires_on + 1; /* N of docs/RULES.md R3 */
  *opens_on = cpd_day_add_months(renewal, -p->opens_months);
  *closes_on = cpd_day_add_months(renewal, -p->closes_months) - 1;
}

cpd_status cpd_policy_window(cpd_day *opens_on, cpd_day *closes_on,
                             const cpd_policy *policy, cpd_day expires_on) {
  if (!opens_on || !closes_on || expires_on == CPD_DAY_NONE)
    return CPD_EINVAL;
  cpd__window(cpd__policy_in_force(policy ? policy : &builtin, expires_on),
              expires_on, opens_on, closes_on);
  return CPD_OK;
}

const cpd__section_policy *cpd__policy_section(const cpd_policy *p,
                                               char category) {
  size_t i;
  for (i = 0; i < p->section_count; i++)
    if (p->sections[i].category == category)
      return &p->sections[i];
  return NULL;
}

uint64_t cpd__competency_key(const char *s, size_t n) {
  uint64_t k = 0;
  size_t i;
  for (i = 0; i < 8; i++)
    k = k << 8 | (i < n ? (unsigned char)s[i] : 0u);
  return k;
}

int cpd__policy_has_competency(const cpd_policy *p, uint64_t key, const char *s,
                               size_t n) {
  size_t lo = 0, hi = p->competency_count;
  while (lo < hi) { /* the first code whose key is not below key */
    size_t mid = lo + (hi - lo) / 2;
    if (p->competency_keys[mid] < key)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (lo == p->competency_count || p->competency_keys[lo] != key)
    return 0;
  if (n < 8) /* the key holds all of s and the NUL after it */
    return 1;
  /* equal keys: codes equal in their first 8 bytes (compare them whole) */
  for (; lo < p->competency_count && p->competency_keys[lo] == key; lo++)
    if (strlen(p->competencies[lo]) == n &&
        memcmp(p->competencies[lo], s, n) == 0)
      return 1;
  return 0;
}

/* ------------------------------------------------------------- sections */

size_t cpd__section_name(char s[CPD_SECTION_NAME_SIZE], char category,
                         int per_year, int year) {
  size_t n = 1;
  s[0] = category;
  if (per_year) { /* year is 1..CPD__MAX_PERIOD_YEARS: at most 2 digits */
    s[n++] = '-';
    if (year >= 10)
      s[n++] = (char)('0' + year / 10);
    s[n++] = (char)('0' + year % 10);
  }
  s[n] = '\0';
  return n;
}

static const cpd_policy *sections_of(const cpd_policy *policy, cpd_day on) {
  const cpd_policy *p = policy ? policy : &builtin;
  return on == CPD_DAY_NONE ? p : cpd__policy_in_force(p, on);
}

static int section_years(const cpd_policy *p, size_t i) {
  return p->sections[i].per_year ? p->period_years : 1;
}

size_t cpd_policy_section_count(const cpd_policy *policy, cpd_day on) {
  const cpd_policy *p = sections_of(policy, on);
  size_t i, n = 0;
  for (i = 0; i < p->section_count; i++)
    n += (size_t)section_years(p, i);
  return n;
}

static void section_info(cpd_section_info *out, const cpd_policy *p, size_t i,
                         int year) {
  const cpd__section_policy *sp = &p->sections[i];
  char cat[2] = {sp->category, '\0'};
  memset(out, 0, sizeof *out);
  cpd__section_name(out->section, sp->category, sp->per_year, year);
  out->category = cpd_category_find(cat);
  out->year = sp->per_year ? year : 0;
  out->per_year = sp->per_year;
  out->cap = sp->cap;
  out->form_rows = sp->form_rows;
  out->evidence_required = sp->evidence_required;
}

cpd_status cpd_policy_section_at(cpd_section_info *out,
                                 const cpd_policy *policy, cpd_day on,
                                 size_t k) {
  const cpd_policy *p = sections_of(policy, on);
  size_t i;
  if (!out)
    return CPD_EINVAL;
  for (i = 0; i < p->section_count; i++) {
    size_t years = (size_t)section_years(p, i);
    if (k < years) {
      section_info(out, p, i, (int)k + 1);
      return CPD_OK;
    }
    k -= years;
  }
  return CPD_EINVAL;
}

cpd_status cpd_policy_section_find(cpd_section_info *out,
                                   const cpd_policy *policy, cpd_day on,
                                   const char *section) {
  const cpd_policy *p = sections_of(policy, on);
  size_t i;
  int y;
  if (!out || !section)
    return CPD_EINVAL;
  for (i = 0; i < p->section_count; i++)
    for (y = 1; y <= section_years(p, i); y++) {
      char name[CPD_SECTION_NAME_SIZE];
      cpd__section_name(name, p->sections[i].category, p->sections[i].per_year,
                        y);
      if (strcmp(name, section) == 0) {
        section_info(out, p, i, y);
        return CPD_OK;
      }
    }
  return CPD_EINVAL;
}

int cpd_policy_period_years(const cpd_policy *policy, cpd_day on) {
  return sections_of(policy, on)->period_years;
}

long long cpd_policy_fee_amount(const cpd_policy *policy, cpd_day on) {
  return sections_of(policy, on)->fee_amount;
}

size_t cpd_policy_competency_count(const cpd_policy *policy, cpd_day on) {
  return sections_of(policy, on)->competency_count;
}

const char *cpd_policy_competency_at(const cpd_policy *policy, cpd_day on,
                                     size_t i) {
  const cpd_policy *p = sections_of(policy, on);
  return i < p->competency_count ? p->competencies[i] : NULL;
}

/* A category letter, then a dash and a year: "B-1", "ｂ－１", "B−1". */
static int section_text(const cpd_category_info **category, int *year,
                        const char *s, size_t n) {
  char letter[2] = {s[0], '\0'};
  size_t i = 1, k;
  int y = 0;
  if (letter[0] >= 'a' && letter[0] <= 'z')
    letter[0] = (char)(letter[0] - 32);
  if (!(*category = cpd_category_find(letter)))
    return 0;
  if (i < n && s[i] == ' ')
    i++;
  if (i == n) {
    *year = 0;
    return n == 1;
  }
  if (!(k = cpd__dash_len(s + i, n - i)))
    return 0;
  i += k;
  if (i < n && s[i] == ' ')
    i++;
  for (k = 0; i < n && s[i] >= '0' && s[i] <= '9' && k < 3; i++, k++)
    y = y * 10 + (s[i] - '0');
  if (i != n || k == 0 || k > 2 || y < 1)
    return 0;
  *year = y;
  return 1;
}

cpd_status cpd_section_parse(const cpd_category_info **category, int *year,
                             const char *text, size_t len) {
  cpd__buf b = CPD__BUF_INIT;
  const cpd_category_info *c = NULL;
  int y = 0;
  cpd_status st;
  if (!category || !year || (!text && len))
    return CPD_EINVAL;
  *category = NULL;
  *year = 0;
  if (!cpd__utf8_valid(text ? text : "", len))
    return CPD_EINVAL;
  st = cpd__text_normalize(&b, text ? text : "", len);
  if (st == CPD_OK && (!cpd__buf_cstr(&b) || b.oom))
    st = CPD_ENOMEM;
  if (st == CPD_OK && (b.len == 0 || !section_text(&c, &y, b.p, b.len)))
    st = CPD_EINVAL;
  cpd__buf_free(&b);
  if (st == CPD_OK) {
    *category = c;
    *year = y;
  }
  return st;
}
