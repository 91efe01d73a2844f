#define _POSIX_C_SOURCE 200809L /* sigaction */
#include "ToolSupport.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "Support/ExpectedDiagnostics.h"
#include "ToolOptions.h"
#include "wsp-c/Diagnostics.h"
#include "wsp-c/Emit.h"
#include "wsp-c/Pass.h"

/* A line that starts with the marker (mlir-opt's default: `// -----`). */
static bool isSplitMarker(const char *line, size_t length, const char *marker) {
  size_t n = strlen(marker);
  return n && length >= n && strncmp(line, marker, n) == 0;
}

static WspToolChunk makeChunk(const char *start, size_t length, unsigned firstLine) {
  WspStringBuffer text;
  wspStringBufferInit(&text);
  for (unsigned i = 1; i < firstLine; ++i)
    wspStringBufferAppend(&text, "\n", 1);
  wspStringBufferAppend(&text, start, length);
  WspToolChunk chunk = {NULL, text.length, firstLine};
  chunk.text = wspStringBufferTake(&text);
  return chunk;
}

static void appendChunk(WspToolChunk **chunks, size_t *count, WspToolChunk chunk) {
  *chunks = wspRealloc(*chunks, (*count + 1) * sizeof(WspToolChunk));
  (*chunks)[(*count)++] = chunk;
}

size_t wspToolSplitInput(const char *data, size_t length, bool split, WspToolChunk **out) {
  return wspToolSplitInputAt(data, length, split ? WSP_TOOL_SPLIT_MARKER : NULL, out);
}

size_t wspToolSplitInputAt(const char *data, size_t length, const char *marker,
                           WspToolChunk **out) {
  bool split = marker != NULL;
  WspToolChunk *chunks = NULL;
  size_t count = 0;
  const char *chunkStart = data;
  unsigned line = 1, chunkLine = 1;
  for (const char *p = data; split && p < data + length; ++line) {
    const char *eol = memchr(p, '\n', (size_t)(data + length - p));
    const char *next = eol ? eol + 1 : data + length;
    if (isSplitMarker(p, (size_t)((eol ? eol : data + length) - p), marker)) {
      appendChunk(&chunks, &count, makeChunk(chunkStart, (size_t)(p - chunkStart), chunkLine));
      chunkStart = next;
      chunkLine = line + 1;
    }
    p = next;
  }
  appendChunk(&chunks, &count,
              makeChunk(chunkStart, (size_t)(data + length - chunkStart), chunkLine));
  *out = chunks;
  return count;
}

void wspToolChunksFree(WspToolChunk *chunks, size_t count) {
  for (size_t i = 0; i < count; ++i)
    free(chunks[i].text);
  free(chunks);
}

bool wspToolReadInput(const char *path, WspStringBuffer *out) {
  bool isStdin = strcmp(path, "-") == 0;
  FILE *f = isStdin ? stdin : fopen(path, "rb");
  char buffer[65536];
  size_t n;
  bool ok = f != NULL;
  /* At most WSP_MAX_SOURCE_BYTES + 1 bytes: /dev/zero must not read on. */
  while (ok && out->length <= WSP_MAX_SOURCE_BYTES &&
         (n = fread(buffer, 1, sizeof buffer, f)) > 0)
    wspStringBufferAppend(out, buffer, n);
  ok = ok && !ferror(f);
  if (!ok)
    fprintf(stderr, "%s: error: cannot read input file '%s': %s\n", path, path,
            strerror(errno ? errno : EIO));
  else if (out->length > WSP_MAX_SOURCE_BYTES) {
    fprintf(stderr,
            "%s: error: input file '%s' is larger than wsp's limit of %zu bytes (%d MiB) for a "
            "source; split the program into smaller modules\n",
            path, path, WSP_MAX_SOURCE_BYTES, WSP_MAX_SOURCE_MIB);
    ok = false;
  }
  if (f && !isStdin)
    fclose(f);
  return ok;
}

bool wspToolCheckExpectations(WspContext context, const WspToolChunk *chunk,
                              const char *fileName) {
  return wspToolCheckExpectationsMode(context, chunk, fileName, false);
}

bool wspToolCheckExpectationsMode(WspContext context, const WspToolChunk *chunk,
                                  const char *fileName, bool onlyExpected) {
  size_t n = wspContextGetNumDiagnostics(context);
  WspObservedDiagnostic *observed = wspCalloc(n ? n : 1, sizeof(WspObservedDiagnostic));
  for (size_t i = 0; i < n; ++i) {
    WspDiagnostic d = wspContextGetDiagnostic(context, i);
    bool inFile = strcmp(d.file, fileName) == 0; /* else: an unknown location */
    observed[i].severity = (WspSeverity)d.severity;
    observed[i].line = inFile ? d.line : 0;
    observed[i].column = inFile ? d.column : 0;
    observed[i].message = d.message;
  }
  WspExpectedDiagnostics *expected = wspExpectedDiagnosticsParse(chunk->text, chunk->length, 0);
  bool ok =
      wspExpectedDiagnosticsCheckMode(expected, observed, n, fileName, stderr, onlyExpected);
  wspExpectedDiagnosticsDestroy(expected);
  free(observed);
  return ok;
}

bool wspToolValueFlag(int argc, char **argv, int *i, const char *name, const char **value) {
  size_t n = strlen(name);
  if (strncmp(argv[*i], name, n) != 0)
    return false;
  if (argv[*i][n] == '=') {
    *value = argv[*i] + n + 1;
    return true;
  }
  if (argv[*i][n] != '\0')
    return false;
  *value = *i + 1 < argc ? argv[++*i] : NULL;
  return true;
}

bool wspToolHasPass(const char *name) {
  for (size_t i = 0; i < wspGetNumPasses(); ++i)
    if (strcmp(wspGetPassName(i), name) == 0)
      return true;
  return false;
}

/* The staging directory the SIGINT/SIGTERM/SIGHUP handler removes while an
   artifact is being written. A signal handler reaches nothing but statics:
   this is the tools' one piece of global mutable state. */
static char stagingForSignal[PATH_MAX + 32];
static volatile sig_atomic_t stagingArmed;

static void removeStagingAndDie(int sig) {
  if (stagingArmed)
    wspArtifactRemoveTree(stagingForSignal); /* async-signal-safe */
  raise(sig); /* SA_RESETHAND restored the default action: dies of `sig` */
}

/* wspEmittedFilesWriteWithOptions with the staging directory removed when
   the process is interrupted (SIGKILL cannot be caught: the next writer of
   the same output removes what it leaves). */
static bool writeArtifact(WspContext context, WspEmittedFiles files, const char *output,
                          const WspEmitOptions *options) {
  static const int signals[] = {SIGINT, SIGTERM, SIGHUP};
  enum { NUM_SIGNALS = sizeof signals / sizeof signals[0] };
  struct sigaction previous[NUM_SIGNALS];
  bool armed = wspArtifactStagingPath(output, stagingForSignal, sizeof stagingForSignal);
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = removeStagingAndDie;
  action.sa_flags = SA_RESETHAND;
  sigemptyset(&action.sa_mask);
  for (int i = 0; i < NUM_SIGNALS; ++i)
    sigaddset(&action.sa_mask, signals[i]);
  bool installed[NUM_SIGNALS] = {false};
  for (int i = 0; armed && i < NUM_SIGNALS; ++i)
    installed[i] = sigaction(signals[i], NULL, &previous[i]) == 0 &&
                   previous[i].sa_handler != SIG_IGN && /* e.g. nohup's SIGHUP */
                   sigaction(signals[i], &action, NULL) == 0;
  stagingArmed = armed;
  bool ok = wspEmittedFilesWriteWithOptions(context, files, output, options);
  stagingArmed = 0;
  for (int i = 0; i < NUM_SIGNALS; ++i)
    if (installed[i])
      sigaction(signals[i], &previous[i], NULL);
  return ok;
}

bool wspToolEmitOption(int code, const char *arg, WspToolEmitRequest *request) {
  switch (code) {
  case WSP_TOOL_OPT_FORCE: request->force = true; return true;
  case WSP_TOOL_OPT_CAPABILITY_REPORT: request->capabilityReport = true; return true;
  case WSP_TOOL_OPT_GOLDEN: request->golden = arg; return true;
  case WSP_TOOL_OPT_PLATFORM: request->platform = arg; return true;
  case WSP_TOOL_OPT_TARGET: request->target = arg; return true;
  default: return false;
  }
}

bool wspToolCheckTarget(const char *tool, const char *target) {
  if (!target || wspEmitLookupTarget(target) >= 0)
    return true;
  fprintf(stderr, "%s: error: unknown target '%s': expected one of %s\n", tool, target,
          wspEmitTargetList());
  return false;
}

/* Every target's ABI: printing only the first target's named the ABI of a
   target that is not the default. */
void wspToolPrintEmitterVersion(FILE *out) {
  wspToolPrintVersion(out);
  fputs("  artifact ABIs:", out);
  for (size_t i = 0; i < wspEmitGetNumTargets(); ++i)
    fprintf(out, "%s %s", i ? "," : "", wspEmitGetTargetAbi(i));
  fputs("\n", out);
}

bool wspToolEmit(WspContext context, MlirModule module, const WspToolEmitRequest *request) {
  WspEmitOptions options = wspEmitOptionsGetDefault();
  options.platform = request->platform ? request->platform : options.platform;
  options.goldenPath = request->golden;
  options.sourcePath = strcmp(request->input, "-") == 0 ? NULL : request->input;
  options.force = request->force;
  options.target = request->target;
  WspEmittedFiles files = wspEmitArtifactToMemory(context, module, &options);
  if (wspEmittedFilesIsNull(files))
    return false;
  bool ok = !request->output || writeArtifact(context, files, request->output, &options);
  if (ok && request->capabilityReport)
    fputs(wspEmittedFilesGetCapabilityReport(files), stdout);
  for (size_t i = 0; ok && request->output && i < wspEmittedFilesGetNumFiles(files); ++i)
    printf("%s/%s\n", request->output, wspEmittedFilesGetPath(files, i));
  wspEmittedFilesDestroy(files);
  return ok;
}
