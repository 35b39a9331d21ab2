/* serve_missing.c - `cpd serve` when cpd was built without libmicrohttpd
 * (CMake did not find it): the help as usual, otherwise a message that
 * says so instead of serving. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

int cli_cmd_serve(int argc, char **argv) {
  const char *lang = NULL;
  int i, help = 0;
  for (i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
      help = 1;
    else if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
      lang = argv[++i];
    else if (strncmp(argv[i], "--lang=", 7) == 0)
      lang = argv[i] + 7;
  }
  if (help)
    return cli_help("serve", cli_lang(lang));
#ifdef _WIN32 /* (serve.c is written for POSIX: not ported) */
  fputs(cli_lang(lang)
            ? "cpd serve: Windows 版にはありません。Web の申請フォームには "
              "Linux 版の cpd serve を使ってください\n"
            : "cpd serve: not in the Windows build; use cpd serve on Linux "
              "for the web form\n",
        stderr);
#else
  fputs("cpd serve: not built: libmicrohttpd was not found when cpd was "
        "built (apt-get install libmicrohttpd-dev, then build again)\n",
        stderr);
#endif
  return EXIT_USAGE;
}
