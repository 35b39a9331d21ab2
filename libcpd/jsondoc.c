/* jsondoc.c - documents read through the strict pipeline for the audit
 * roster and for redaction: the cJSON tree plus replacements that the
 * printer writes in place of some members (the redaction masks), so the
 * tree itself is never edited and every replacement is allocated by
 * cpd__malloc; and that printer. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

static cpd_value value_of(const cJSON *j) {
  cpd_value v = CPD_ABSENT;
  if (!j)
    return v;
  if (cJSON_IsString(j)) {
    v.kind = CPD_VALUE_TEXT;
    v.text = j->valuestring;
  } else if (cJSON_IsNumber(j)) {
    v.kind = CPD_VALUE_NUMBER;
    v.number = j->valuedouble;
  } else if (cJSON_IsBool(j)) {
    v.kind = CPD_VALUE_BOOL;
    v.boolean = cJSON_IsTrue(j);
  } else if (cJSON_IsNull(j)) {
    v.kind = CPD_VALUE_NULL;
  } else {
    v.kind = CPD_VALUE_OTHER;
  }
  return v;
}

/* A document read through the strict pipeline, for the audit roster and
 * for redaction: the cJSON tree plus replacements that the printer writes
 * in place of some members (the redaction masks), so the tree itself is
 * never edited and every replacement is allocated by cpd__malloc. */
typedef struct json_replacement {
  const cJSON *node;
  char *text; /* NULL: null */
} json_replacement;

struct cpd__json {
  cJSON *root;
  json_replacement *rep;
  size_t nrep, cap;
};

cpd_status cpd__json_parse(cpd__json **out, const char *json, size_t len,
                           const cpd_limits *limits, int application,
                           cpd_error *err) {
  cpd_limits lim;
  cJSON *root = NULL;
  cpd__json *doc;
  cpd_status st;
  if (!out || (!json && len))
    return cpd__invalid_argument(err);
  *out = NULL;
  if (!cpd__limits_resolve(&lim, limits))
    return cpd__invalid_argument(err);
  st = cpd__parse_object(&root, json ? json : "", len, &lim, err);
  if (st != CPD_OK)
    return st;
  if (application) { /* the mapping's own input error: too many activities */
    const cJSON *acts = cJSON_GetObjectItemCaseSensitive(
        root, cpd__field(CPD_FIELD_ID_ACTIVITIES)->key);
    if (cJSON_IsArray(acts) &&
        (size_t)cJSON_GetArraySize(acts) > lim.max_activities)
      st = cpd__too_many_activities(err);
  }
  doc = st == CPD_OK ? cpd__calloc(1, sizeof *doc) : NULL;
  if (st == CPD_OK && !doc)
    st = CPD_ENOMEM;
  if (st != CPD_OK) {
    if (st == CPD_ENOMEM)
      cpd__out_of_memory(err);
    cJSON_Delete(root);
    return st;
  }
  doc->root = root;
  *out = doc;
  return CPD_OK;
}

void cpd__json_free(cpd__json *doc) {
  size_t i;
  if (!doc)
    return;
  for (i = 0; i < doc->nrep; i++)
    cpd__free(doc->rep[i].text);
  cpd__free(doc->rep);
  cJSON_Delete(doc->root);
  cpd__free(doc);
}

static const cJSON *doc_member(const cpd__json *doc, const char *key,
                               const char *sub) {
  const cJSON *j = cJSON_GetObjectItemCaseSensitive(doc->root, key);
  if (j && sub)
    j = cJSON_IsObject(j) ? cJSON_GetObjectItemCaseSensitive(j, sub) : NULL;
  return j;
}

cpd_value cpd__json_member(const cpd__json *doc, const char *key,
                           const char *sub) {
  return value_of(doc_member(doc, key, sub));
}

int cpd__json_member_is_object(const cpd__json *doc, const char *key,
                               const char *sub) {
  return cJSON_IsObject(doc_member(doc, key, sub));
}

cpd_status cpd__json_replace(cpd__json *doc, const char *key, const char *sub,
                             const char *text) {
  const cJSON *j = doc_member(doc, key, sub);
  char *copy = NULL;
  size_t i;
  if (!j)
    return CPD_OK;
  if (text && !(copy = cpd__strndup(text, strlen(text))))
    return CPD_ENOMEM;
  for (i = 0; i < doc->nrep && doc->rep[i].node != j; i++)
    ;
  if (i == doc->cap) {
    size_t cap = doc->cap ? doc->cap * 2 : 8;
    json_replacement *nr = cpd__reallocarray(doc->rep, cap, sizeof *nr);
    if (!nr) {
      cpd__free(copy);
      return CPD_ENOMEM;
    }
    doc->rep = nr;
    doc->cap = cap;
  }
  if (i < doc->nrep)
    cpd__free(doc->rep[i].text);
  else
    doc->nrep++;
  doc->rep[i].node = j;
  doc->rep[i].text = copy;
  return CPD_OK;
}

/* What the printer writes instead of node: 1 and *text (NULL: null) when
 * node is replaced, else 0. */
static int replacement(const cpd__json *doc, const cJSON *node,
                       const char **text) {
  size_t i;
  for (i = 0; i < doc->nrep; i++)
    if (doc->rep[i].node == node) {
      *text = doc->rep[i].text;
      return 1;
    }
  return 0;
}

/* ----------------------------------------------------- the printer */

static void doc_print(cpd__buf *b, const cpd__json *doc, const cJSON *j,
                      int depth) {
  const char *text;
  if (replacement(doc, j, &text)) {
    if (text)
      cpd__buf_add_json_string(b, text);
    else
      cpd__buf_add(b, "null", 4);
    return;
  }
  if (cJSON_IsObject(j) || cJSON_IsArray(j)) {
    int obj = cJSON_IsObject(j);
    const cJSON *ch;
    if (!j->child) {
      cpd__buf_add(b, obj ? "{}" : "[]", 2);
      return;
    }
    cpd__buf_addc(b, obj ? '{' : '[');
    for (ch = j->child; ch; ch = ch->next) {
      cpd__buf_add_newline(b, depth + 1);
      if (obj) {
        cpd__buf_add_json_string(b, ch->string);
        cpd__buf_add(b, ": ", 2);
      }
      doc_print(b, doc, ch, depth + 1);
      if (ch->next)
        cpd__putc(b, ',');
    }
    cpd__buf_add_newline(b, depth);
    cpd__buf_addc(b, obj ? '}' : ']');
  } else if (cJSON_IsString(j)) {
    cpd__buf_add_json_string(b, j->valuestring);
  } else if (cJSON_IsNumber(j)) {
    char num[CPD__NUMBER_TEXT_SIZE];
    cpd__buf_add(b, num, cpd__number_format(num, j->valuedouble));
  } else if (cJSON_IsTrue(j)) {
    cpd__buf_add(b, "true", 4);
  } else if (cJSON_IsFalse(j)) {
    cpd__buf_add(b, "false", 5);
  } else {
    cpd__buf_add(b, "null", 4);
  }
}

cpd_status cpd__json_print(cpd__buf *out, const cpd__json *doc) {
  doc_print(out, doc, doc->root, 0);
  cpd__buf_addc(out, '\n');
  return out->oom ? CPD_ENOMEM : CPD_OK;
}
