/*===-- wsp-c/Pass.h - pass pipelines ----------------------------*- C -*-===*\
|*                                                                            *|
|* A WspPassManager runs pipelines written in MLIR's textual syntax, e.g.     *|
|*   builtin.module(wsp-verify,func.func(canonicalize),cse)                   *|
|* wsp's own passes are found by name (options as `{key=value ...}`); every   *|
|* other name is handed to MLIR, which knows all upstream passes. MLIR's      *|
|* own textual parser cannot do this: passes written through the C API are    *|
|* not in its registry.                                                       *|
|*                                                                            *|
|* Ownership: the caller owns the pass manager (wspPassManagerDestroy) and    *|
|* destroys it before its context.                                            *|
\*===----------------------------------------------------------------------===*/
#ifndef WSP_C_PASS_H
#define WSP_C_PASS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "mlir-c/Pass.h"
#include "wsp-c/Context.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct WspPassManager {
  void *ptr;
} WspPassManager;

/* A pass manager anchored on builtin.module. Verification after each pass is on. */
WspPassManager wspPassManagerCreate(WspContext context);
void wspPassManagerDestroy(WspPassManager passManager);

/* Appends a textual pipeline. A leading `builtin.module(...)` anchor is
   optional. On error (malformed text, unknown pass, bad option, pass nested
   under an op it cannot run on) returns false and raises a diagnostic located
   at `<pass-pipeline>:1:<column>`; nothing is appended. */
bool wspPassManagerAddPipeline(WspPassManager passManager, const char *pipeline);

/* Appends one wsp pass by name with options text (`key=value ...`, may be NULL). */
bool wspPassManagerAddPass(WspPassManager passManager, const char *name,
                           const char *options);

/* Runs the pipeline on a module. Returns false if any pass failed; the
   reasons are in the context's diagnostics. */
bool wspPassManagerRun(WspPassManager passManager, MlirModule module);

/* Debugging aids, as mlir-opt's --mlir-print-ir-* / --mlir-timing /
   --verify-each. `treeDir` (may be NULL) makes each dump a file under it. */
void wspPassManagerEnableIRPrinting(WspPassManager passManager, bool before,
                                    bool after, bool afterChangeOnly,
                                    bool afterFailureOnly, bool generic,
                                    const char *treeDir);
void wspPassManagerEnableTiming(WspPassManager passManager);
void wspPassManagerEnableVerifier(WspPassManager passManager, bool enable);

/* The MLIR pass manager underneath, for what the C API offers beyond these
   calls (e.g. mlirPassManagerEnableStatistics). Owned by the WspPassManager. */
MlirPassManager wspPassManagerGetMlirPassManager(WspPassManager passManager);

/* The textual form of the whole pipeline (malloc'd; free with wspStringDestroy). */
char *wspPassManagerGetPipelineString(WspPassManager passManager);

/* wsp's own passes and named pipelines. */
size_t wspGetNumPasses(void);
/* Name, one-line summary, and options (name, type such as "int" or
   "enum:dot|json", default, meaning) of pass `index`. Static storage;
   NULL when an index is out of range. */
const char *wspGetPassName(size_t index);
const char *wspGetPassSummary(size_t index);
/* The expansion of a named pipeline, or NULL for a single pass. */
const char *wspGetPassPipeline(size_t index);
size_t wspGetPassNumOptions(size_t index);
const char *wspGetPassOptionName(size_t index, size_t option);
const char *wspGetPassOptionType(size_t index, size_t option);
const char *wspGetPassOptionDefault(size_t index, size_t option);
const char *wspGetPassOptionHelp(size_t index, size_t option);

#ifdef __cplusplus
}
#endif

#endif /* WSP_C_PASS_H */
