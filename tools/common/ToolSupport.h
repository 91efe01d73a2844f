/* What the command-line tools share: reading the input, splitting it for
   --split-input-file, checking --verify-diagnostics expectations, and flag
   parsing. */
#ifndef WSP_TOOLS_TOOLSUPPORT_H
#define WSP_TOOLS_TOOLSUPPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "Support/StringBuffer.h"
#include "wsp-c/Context.h"

/* One chunk of the input, padded with empty lines so that the line numbers
   of its diagnostics are those of the whole file. */
typedef struct WspToolChunk {
  char *text;
  size_t length;
  unsigned firstLine; /* 1-based line of the chunk's first line in the file */
} WspToolChunk;

/* Splits on lines starting with `// -----` when `split`, else one chunk.
   The caller frees the result with wspToolChunksFree. */
size_t wspToolSplitInput(const char *data, size_t length, bool split, WspToolChunk **out);
/* The same with a marker of the caller's (--split-input-file=<marker>);
   NULL: one chunk. */
#define WSP_TOOL_SPLIT_MARKER "// -----"
size_t wspToolSplitInputAt(const char *data, size_t length, const char *marker,
                           WspToolChunk **out);
void wspToolChunksFree(WspToolChunk *chunks, size_t count);

/* Reads a file ("-" = standard input); on failure prints
   "<path>: error: cannot read input file '<path>': <reason>". */
bool wspToolReadInput(const char *path, WspStringBuffer *out);

/* Matches the context's diagnostics against the chunk's expected-* comments,
   reporting problems to stderr. */
bool wspToolCheckExpectations(WspContext context, const WspToolChunk *chunk,
                              const char *fileName);
/* With `onlyExpected`, unexpected diagnostics are not checked
   (--verify-diagnostics=only-expected). */
bool wspToolCheckExpectationsMode(WspContext context, const WspToolChunk *chunk,
                                  const char *fileName, bool onlyExpected);

/* `--name value` or `--name=value`; advances *i past a separate value, which
   is NULL when missing. */
bool wspToolValueFlag(int argc, char **argv, int *i, const char *name, const char **value);

/* What wsp-translate and wsp-compile emit and where. */
typedef struct WspToolEmitRequest {
  const char *input;    /* the source file ("-" = stdin): resolves wsp.source paths */
  const char *output;   /* artifact directory; NULL = emit in memory only */
  const char *platform; /* NULL = the emitter's default */
  const char *golden;   /* reference file for golden.py, or NULL */
  bool force;           /* replace an existing directory */
  bool capabilityReport; /* print the capability report to stdout */
  const char *target;    /* NULL = the module's taskring.runtime abi decides */
} WspToolEmitRequest;

/* Records getopt's `code` (with `arg`) in `request` if it is one of
   WSP_TOOL_EMIT_OPTIONS (ToolOptions.h); false when it is not. */
bool wspToolEmitOption(int code, const char *arg, WspToolEmitRequest *request);

/* NULL or a known target; else "<tool>: error: unknown target ..." naming
   the targets, and false. */
bool wspToolCheckTarget(const char *tool, const char *target);

/* --version: wspToolPrintVersion and the artifact ABI the tool emits. */
void wspToolPrintEmitterVersion(FILE *out);

/* Emits the artifact (atomically, when written), prints the capability
   report if asked and then the written files, one per line. */
bool wspToolEmit(WspContext context, MlirModule module, const WspToolEmitRequest *request);

/* Whether libwsp has a pass or pipeline of that name. */
bool wspToolHasPass(const char *name);

#endif
