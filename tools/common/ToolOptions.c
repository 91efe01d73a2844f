#define _GNU_SOURCE /* getopt_long_only, dl_iterate_phdr */
#include "ToolOptions.h"

#include <link.h>
#include <stdlib.h>
#include <string.h>

#include "llvm-c/Core.h"
#include "wsp-c/Context.h"
#include "wsp-c/Emit.h"

int wspToolGetopt(const char *tool, int argc, char **argv, const struct option *options) {
  opterr = 0;
  int prev = optind;
  int index = -1;
  optarg = NULL; /* set only by an option that takes a value */
  int c = getopt_long_only(argc, argv, WSP_TOOL_SHORT_OPTIONS, options, &index);
  if (c != '?' && c != ':' && optarg && !*optarg) {
    /* An empty value (`-o ""`, `--golden=`) is never meant: say so here,
       naming the option, rather than failing later at a place in the input. */
    const char *name = index >= 0 ? options[index].name : "o";
    fprintf(stderr, "%s: error: option '-%s%s' needs a non-empty value; see '%s --help'\n", tool,
            index >= 0 && strlen(name) > 1 ? "-" : "", name, tool);
    return '?';
  }
  if (c != '?' && c != ':')
    return c;
  const char *arg = optind - 1 >= prev && optind - 1 < argc ? argv[optind - 1] : "?";
  if (c == ':')
    fprintf(stderr, "%s: error: option '%s' needs a value; see '%s --help'\n", tool, arg, tool);
  else
    fprintf(stderr, "%s: error: unknown option '%s'; see '%s --help'\n", tool, arg, tool);
  return '?';
}

typedef struct LoadedLibraries {
  char mlir[512];
  char llvm[512];
} LoadedLibraries;

static int findLibrary(struct dl_phdr_info *info, size_t size, void *userData) {
  (void)size;
  LoadedLibraries *found = userData;
  const char *name = info->dlpi_name ? info->dlpi_name : "";
  const char *base = strrchr(name, '/');
  base = base ? base + 1 : name;
  char *target = !strncmp(base, "libMLIR.so", 10) ? found->mlir
                 : !strncmp(base, "libLLVM.so", 10) ? found->llvm
                                                     : NULL;
  if (target && !target[0]) {
    char *real = realpath(name, NULL);
    snprintf(target, sizeof found->mlir, "%s", real ? real : name);
    free(real);
  }
  return 0;
}

void wspToolPrintVersion(FILE *out) {
  unsigned major = 0, minor = 0, patch = 0;
  LLVMGetVersion(&major, &minor, &patch);
  LoadedLibraries found;
  memset(&found, 0, sizeof found);
  dl_iterate_phdr(findLibrary, &found);
  fprintf(out,
          "%s\n"
          "  MLIR %u.%u.%u (loaded: %s, %s)\n"
          "  dialects: wsp, taskring (IRDL)\n"
          "  targets: " WSP_EMIT_TARGET_SIMPLER ", " WSP_EMIT_TARGET_PTO_RUNTIME
          " (default " WSP_EMIT_DEFAULT_TARGET ")\n",
          wspGetVersionString(), major, minor, patch,
          found.mlir[0] ? found.mlir : "libMLIR (statically linked)",
          found.llvm[0] ? found.llvm : "libLLVM (statically linked)");
}

bool wspToolParseBool(const char *tool, const char *flag, const char *value, bool *out) {
  if (value && (!strcmp(value, "true") || !strcmp(value, "1"))) {
    *out = true;
    return true;
  }
  if (value && (!strcmp(value, "false") || !strcmp(value, "0"))) {
    *out = false;
    return true;
  }
  fprintf(stderr, "%s: error: '--%s' expects true or false, got '%s'\n", tool, flag,
          value ? value : "");
  return false;
}

int wspToolParseChoice(const char *tool, const char *flag, const char *value,
                       const char *choices) {
  size_t n = value ? strlen(value) : 0;
  int index = 0;
  for (const char *c = choices; *c; ++index) {
    const char *bar = strchr(c, '|');
    size_t len = bar ? (size_t)(bar - c) : strlen(c);
    if (value && len == n && !strncmp(c, value, n))
      return index;
    if (!bar)
      break;
    c = bar + 1;
  }
  fprintf(stderr, "%s: error: '--%s' expects one of %s, got '%s'\n", tool, flag, choices,
          value ? value : "");
  return -1;
}
