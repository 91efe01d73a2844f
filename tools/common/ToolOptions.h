/* Command-line conventions every wsp tool shares (getopt_long_only, so
   mlir-opt's spellings work: `--flag`, `-flag`, `--flag=value`,
   `--flag value`, `-o=file`), the common flags and their messages. */
#ifndef WSP_TOOLS_TOOLOPTIONS_H
#define WSP_TOOLS_TOOLOPTIONS_H

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>

/* Codes of the common flags; a tool numbers its own from WSP_TOOL_OPT_FIRST. */
enum {
  WSP_TOOL_OPT_HELP = 'h',
  WSP_TOOL_OPT_OUTPUT = 'o',
  WSP_TOOL_OPT_VERSION = 0x100,
  WSP_TOOL_OPT_FIRST = 0x200,
};

/* The common flags, first in every tool's table:
   --help (-h), --version, -o <file> (also --o, -o=<file>). */
#define WSP_TOOL_COMMON_OPTIONS                                                 \
  {"help", no_argument, NULL, WSP_TOOL_OPT_HELP},                               \
      {"version", no_argument, NULL, WSP_TOOL_OPT_VERSION},                     \
      {"o", required_argument, NULL, WSP_TOOL_OPT_OUTPUT}
#define WSP_TOOL_SHORT_OPTIONS ":ho:"

/* The flags of WspToolEmitRequest, shared by wsp-compile and wsp-translate
   (getopt codes below WSP_TOOL_OPT_FIRST, so a tool numbers its own from
   there): --force, --capability-report, --golden, --platform, --target. */
enum {
  WSP_TOOL_OPT_FORCE = 0x180,
  WSP_TOOL_OPT_CAPABILITY_REPORT,
  WSP_TOOL_OPT_GOLDEN,
  WSP_TOOL_OPT_PLATFORM,
  WSP_TOOL_OPT_TARGET,
};
#define WSP_TOOL_EMIT_OPTIONS                                                           \
  {"force", no_argument, NULL, WSP_TOOL_OPT_FORCE},                                     \
      {"capability-report", no_argument, NULL, WSP_TOOL_OPT_CAPABILITY_REPORT},         \
      {"golden", required_argument, NULL, WSP_TOOL_OPT_GOLDEN},                         \
      {"platform", required_argument, NULL, WSP_TOOL_OPT_PLATFORM},                     \
      {"target", required_argument, NULL, WSP_TOOL_OPT_TARGET}

/* The common lines of every tool's --help. */
#define WSP_TOOL_COMMON_HELP                                                    \
  "  --version                        Print version information\n"            \
  "  --help                           Print this help\n"

/* getopt_long_only over `options`; prints unknown flags and missing values
   as "<tool>: error: ...; see '<tool> --help'" and returns '?' for both.
   Otherwise as getopt_long_only (-1 at the end, 1 never: non-options are
   permuted to the end, from optind). */
int wspToolGetopt(const char *tool, int argc, char **argv, const struct option *options);

/* --version: wsp's version and commit, then the MLIR release this process
   actually runs on, asked of the loaded libLLVM (LLVMGetVersion; libMLIR is
   built from the same LLVM release) with the paths of the loaded libMLIR and
   libLLVM, then the dialects and the target runtime. */
void wspToolPrintVersion(FILE *out);

/* "true"/"1" or "false"/"0"; anything else is an error naming the flag. */
bool wspToolParseBool(const char *tool, const char *flag, const char *value, bool *out);

/* `value` must be one of the '|'-separated `choices`; else an error naming
   the flag and the choices. Returns the index of the choice, or -1. */
int wspToolParseChoice(const char *tool, const char *flag, const char *value,
                       const char *choices);

#endif
