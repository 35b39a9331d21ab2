/* lang.c - the language of messages: --lang, else the environment
 * (LC_ALL, LC_MESSAGES, LANG).  A leaf: every other file may ask it. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cli_default_ja(void) {
  const char *vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
  size_t i;
  for (i = 0; i < 3; i++) {
    const char *v = getenv(vars[i]);
    if (v && *v)
      return strncmp(v, "ja", 2) == 0;
  }
  return 0;
}

/* The language of the messages of helpers that are not told it (reading
 * a file): the last one a command chose.  The CLI's only mutable state. */
static int messages_ja = -1;

int cli_lang(const char *value) {
  messages_ja = value ? strcmp(value, "ja") == 0 : cli_default_ja();
  return messages_ja;
}

int cli_messages_ja(void) {
  return messages_ja >= 0 ? messages_ja : cli_default_ja();
}

const char *const cli_lang_choices[] = {"ja", "en", NULL};
