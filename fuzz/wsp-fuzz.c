/* wsp-fuzz: the libFuzzer target. Each input is MLIR text that goes through
   the whole compiler the way wsp-compile drives it:

     wspContextCreate -> wspParseSourceString -> wspVerify
       -> wsp-to-taskring (the default pipeline) -> wspEmitArtifactToMemory
       -> destroy everything

   A crash, a sanitizer report (ASan, UBSan) or a leak is a finding; so is a
   stage that fails without raising an error diagnostic, because then a user
   would get exit status 1 with no explanation (the harness aborts on it).

   The context and the two pass managers (one per runtime flavor) are reused
   from one input to the next, and replaced every kRecycle inputs: creating
   a context (parsing the embedded IRDL dialects) cost several times the
   compile work of a typical input. What survives an input is only what
   MLIR uniques (types, attributes, identifiers) and the loaded dialects;
   every input's module is destroyed and its diagnostics cleared first. A
   finding still reproduces from its input file alone
   (`wsp-fuzz crash-<sha1>` starts a fresh process, so a fresh context);
   WSP_FUZZ_FRESH=1 gives every input a fresh context and fresh pass
   managers, to rule reuse out. This is the harness's only process-wide
   state (libFuzzer's entry point has no user data).

   Build and run: scripts/fuzz.sh [seconds] (docs/reliability.md). */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "mlir-c/BuiltinAttributes.h"
#include "wsp-c/Emit.h"
#include "wsp-c/Wsp.h"

/* The name every diagnostic location gets. It has no '/', so the emitter
   resolves relative kernel sources against the working directory, which
   scripts/fuzz.sh points at a scratch directory with the seeds' kernel files. */
#define FUZZ_SOURCE_NAME "fuzz-input.mlir"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Inputs a context serves before it is replaced: bounds what MLIR's
   uniquing tables accumulate. */
enum { kRecycle = 2000 };

typedef struct Harness {
  WspContext ctx;
  WspPassManager pm[2]; /* [0] tensormap_and_ringbuffer, [1] host_build_graph */
  unsigned uses;
  bool fresh;   /* WSP_FUZZ_FRESH=1: nothing reused */
  bool started;
} Harness;

static Harness harness;

/* A stage reported failure: there must be an error to show the user. */
static void requireError(WspContext ctx, const char *stage) {
  if (wspContextGetNumErrors(ctx) > 0)
    return;
  fprintf(stderr, "wsp-fuzz: %s failed without an error diagnostic\n", stage);
  abort();
}

static MlirStringRef str(const char *s) { return mlirStringRefCreateFromCString(s); }

static bool stringAttrIs(MlirOperation op, const char *name, const char *value) {
  MlirAttribute a = mlirOperationGetAttributeByName(op, str(name));
  return !mlirAttributeIsNull(a) && mlirAttributeIsAString(a) &&
         mlirStringRefEqual(mlirStringAttrGetValue(a), str(value));
}

/* A user kernel source the emitter may read: a relative path without "..",
   naming a small regular file. The emitter opens whatever path the IR names
   (see docs/reliability.md, "emitter reads any path"); a fuzzed
   `source = "/dev/zero"` would exhaust memory and "/dev/stdin" would block,
   which says nothing about the compiler's robustness on its own input. */
static bool isSafeKernelSource(MlirAttribute source) {
  if (mlirAttributeIsNull(source) || !mlirAttributeIsAString(source))
    return true; /* not our concern here: the emitter rejects it itself */
  MlirStringRef s = mlirStringAttrGetValue(source);
  if (s.length == 0 || s.length > 255 || s.data[0] == '/' || memchr(s.data, '\0', s.length))
    return false;
  char path[256];
  memcpy(path, s.data, s.length);
  path[s.length] = '\0';
  if (strstr(path, ".."))
    return false;
  struct stat st;
  return stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size < (1 << 20);
}

static bool allKernelSourcesSafe(MlirModule module) {
  MlirBlock body = mlirModuleGetBody(module);
  for (MlirOperation op = mlirBlockGetFirstOperation(body); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op)) {
    MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(op));
    if (mlirStringRefEqual(name, str("taskring.kernel")) && stringAttrIs(op, "impl", "source") &&
        !isSafeKernelSource(mlirOperationGetAttributeByName(op, str("source"))))
      return false;
  }
  return true;
}

/* The artifact's shape, whatever the input: at least one file, every path
   relative, without "..", and every file readable to its stated length. */
static void checkArtifact(WspEmittedFiles files) {
  size_t n = wspEmittedFilesGetNumFiles(files);
  if (n == 0) {
    fputs("wsp-fuzz: the emitter succeeded with no files\n", stderr);
    abort();
  }
  for (size_t i = 0; i < n; ++i) {
    const char *path = wspEmittedFilesGetPath(files, i);
    size_t length = 0;
    const char *content = wspEmittedFilesGetContent(files, i, &length);
    if (!path || !content || path[0] == '/' || strstr(path, "..")) {
      fprintf(stderr, "wsp-fuzz: bad artifact entry %zu: '%s'\n", i, path ? path : "(null)");
      abort();
    }
    volatile unsigned char sink = 0; /* touch every byte: ASan checks the stated length */
    for (size_t k = 0; k < length; ++k)
      sink ^= (unsigned char)content[k];
    (void)sink;
  }
  (void)wspEmittedFilesGetCapabilityReport(files);
}

static void harnessRelease(Harness *h) {
  for (int i = 0; i < 2; ++i) {
    wspPassManagerDestroy(h->pm[i]);
    h->pm[i].ptr = NULL;
  }
  wspContextDestroy(h->ctx);
  h->ctx.ptr = NULL;
  h->uses = 0;
}

static void harnessAcquire(Harness *h) {
  if (!h->started) {
    const char *fresh = getenv("WSP_FUZZ_FRESH");
    h->fresh = fresh && strcmp(fresh, "1") == 0;
    h->started = true;
  }
  if (!wspContextIsNull(h->ctx) && (h->fresh || h->uses >= kRecycle))
    harnessRelease(h);
  if (wspContextIsNull(h->ctx)) {
    h->ctx = wspContextCreate();
    if (wspContextIsNull(h->ctx)) {
      fputs("wsp-fuzz: wspContextCreate failed (embedded dialects do not load)\n", stderr);
      abort();
    }
    for (int i = 0; i < 2; ++i) {
      /* Small analysis budgets: an input that runs the task-graph checks to
         their limits (a loop of 10^5 tasks, 2*10^5 spawns, a counter without
         bound) must not take seconds, or a few such seeds and their mutants
         take most of the run. Under ASan and coverage the checks cost 10-100
         us per task instance, 5 us per process and 0.4 us per evaluation
         step (about 25 times a release build), up to three checks per input:
         1000 tasks and 16 MB (about 7000 processes) take tens of
         milliseconds, the evaluation budget that follows from max-tasks=1000
         (about 10^6 steps) 0.4 s. Every check still runs on every input;
         programs above the limits get the checks' warnings and the rest of
         the pipeline. See docs/performance.md, "Contexts and fuzzing". */
      const char *pipeline =
          i ? "builtin.module(wsp-to-taskring{runtime=host_build_graph max-tasks=1000 "
              "max-memory=16})"
            : "builtin.module(wsp-to-taskring{max-tasks=1000 max-memory=16})";
      h->pm[i] = wspPassManagerCreate(h->ctx);
      if (!wspPassManagerAddPipeline(h->pm[i], pipeline)) {
        fprintf(stderr, "wsp-fuzz: the pipeline '%s' does not parse\n", pipeline);
        abort(); /* a constant pipeline: a build defect, not a finding about the input */
      }
    }
  }
  wspContextClearDiagnostics(h->ctx);
  h->uses++;
}

static void lowerAndEmit(WspContext ctx, MlirModule module, bool hostBuildGraph) {
  bool lowered = wspPassManagerRun(harness.pm[hostBuildGraph ? 1 : 0], module);
  if (!lowered) {
    requireError(ctx, "the wsp-to-taskring pipeline");
    return;
  }
  if (!allKernelSourcesSafe(module))
    return;
  WspEmitOptions options = wspEmitOptionsGetDefault();
  options.sourcePath = FUZZ_SOURCE_NAME; /* relative sources resolve against the cwd */
  WspEmittedFiles files = wspEmitArtifactToMemory(ctx, module, &options);
  if (wspEmittedFilesIsNull(files)) {
    requireError(ctx, "wspEmitArtifactToMemory");
    return;
  }
  checkArtifact(files);
  wspEmittedFilesDestroy(files);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  harnessAcquire(&harness);
  WspContext ctx = harness.ctx;
  /* libFuzzer's buffer ends exactly at `size`, with no NUL after it: the
     parser must not read past it (docs/reliability.md, B1). ASan sees any
     read beyond it in wsp's code; wspParseSourceString hands MLIR a
     terminated copy. */
  MlirModule module =
      wspParseSourceString(ctx, (const char *)data, size, FUZZ_SOURCE_NAME);
  if (mlirModuleIsNull(module)) {
    requireError(ctx, "wspParseSourceString");
  } else {
    if (!wspVerify(ctx, mlirModuleGetOperation(module)))
      requireError(ctx, "wspVerify");
    else
      /* Both runtime flavors lower differently; the input's length picks one
         so that a reproducer file alone decides the path taken. */
      lowerAndEmit(ctx, module, size % 2 == 1);
    mlirModuleDestroy(module);
  }
  if (harness.fresh)
    harnessRelease(&harness);
  return 0;
}
