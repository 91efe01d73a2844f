/*===-- wsp-c/Registration.h - wsp inside another MLIR compiler ---*- C -*-===*\
|*                                                                            *|
|* For a compiler that owns its MlirContext and MlirPassManager and wants     *|
|* wsp's dialects and passes in them, mixed with its own and upstream passes: *|
|*                                                                            *|
|*   MlirContext ctx = mlirContextCreate();                                   *|
|*   WspContext wsp = wspContextCreateForMlirContext(ctx);  // loads dialects *|
|*   MlirPassManager pm = mlirPassManagerCreate(ctx);                         *|
|*   MlirOpPassManager opm = mlirPassManagerGetAsOpPassManager(pm);           *|
|*   mlirOpPassManagerAddOwnedPass(opm, mlirCreateTransformsCanonicalizer()); *|
|*   mlirOpPassManagerAddOwnedPass(opm, wspCreatePass(wsp, "wsp-to-taskring", *|
|*                                                    "runtime=host_build_graph"));*|
|*   mlirPassManagerRunOnOp(pm, mlirModuleGetOperation(module));              *|
|*                                                                            *|
|* Diagnostics: wsp's errors are raised through MLIR's diagnostic engine of   *|
|* the user's context, so they reach the handlers the user attached (or       *|
|* MLIR's default printer on stderr). Errors of a speculative step (a parse   *|
|* retried another way, the static task-graph analysis) are held back until   *|
|* wsp knows they stand, then raised the same way. The MLIR C API cannot      *|
|* raise warnings or notes: wsp's own warnings and notes are printed to the   *|
|* note stream (stderr by default, wspContextSetEmbeddedNoteStream) in the    *|
|* `file:line:col: warning: ...` form. Every diagnostic, errors included, is  *|
|* also recorded in the WspContext (wspContextGetDiagnostic). Do not call     *|
|* wspContextSetDiagnosticStream on a borrowed context: it replaces this      *|
|* routing (with NULL, errors are only recorded).                             *|
|* Attach your own diagnostic handlers before wspContextCreateForMlirContext: *|
|* MLIR calls the handler attached last first, and one that reports the      *|
|* diagnostic handled hides it from wsp (wsp then misses its own errors and   *|
|* cannot hold speculative ones back).                                        *|
|*                                                                            *|
|* Ownership:                                                                 *|
|*  - A WspContext made by wspContextCreateForMlirContext borrows the         *|
|*    MlirContext: wspContextDestroy detaches wsp's diagnostic handler and    *|
|*    frees wsp's state but never destroys the MlirContext. Destroy, in this  *|
|*    order: pass managers holding wsp passes, then the WspContext, then the  *|
|*    MlirContext. The wsp and taskring dialects stay loaded in the MlirContext *|
|*    after wspContextDestroy, but their ops must not be created, verified or *|
|*    run through wsp passes any more (their definitions are freed).          *|
|*  - wspCreatePass returns an owned MlirPass: hand it to a pass manager      *|
|*    (mlirOpPassManagerAddOwnedPass / mlirPassManagerAddOwnedPass), which    *|
|*    then owns it; the pass refers to the WspContext, which must outlive     *|
|*    that pass manager.                                                      *|
|*  - Strings are only read during the call.                                  *|
|*                                                                            *|
|* Threading: wsp passes run on builtin.module, one at a time; the user's     *|
|* context may have multithreading enabled.                                   *|
\*===----------------------------------------------------------------------===*/
#ifndef WSP_C_REGISTRATION_H
#define WSP_C_REGISTRATION_H

#include <stdbool.h>
#include <stdio.h>

#include "mlir-c/IR.h"
#include "mlir-c/Pass.h"
#include "wsp-c/Context.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Inserts the upstream dialects wsp programs use and wsp passes create
   (func, scf, cf, arith, index, memref, math, ub, irdl) into `registry`.
   The wsp and taskring dialects themselves are IRDL dialects, defined by IR
   at load time: a registry (which holds C++ dialect constructors) cannot
   carry them, so load them with wspContextCreateForMlirContext. */
void wspRegisterDependentDialects(MlirDialectRegistry registry);

/* Makes `context` a wsp context: registers and loads the dialects above,
   loads the wsp and taskring IRDL dialects (unless they are already loaded,
   e.g. by an earlier WspContext on the same MlirContext) and attaches wsp's
   diagnostic handler. Returns a WspContext that borrows `context` (see the
   ownership rules above); every wsp entry point (wspParseSourceString,
   wspPassManagerCreate, wspEmitArtifact, ...) accepts it. Returns a null
   context if the dialect definitions fail to load (a build defect); the
   reason is printed to stderr. */
WspContext wspContextCreateForMlirContext(MlirContext context);

/* Whether the WspContext borrows its MlirContext. */
bool wspContextIsBorrowed(WspContext context);

/* Where a borrowed context prints wsp's warnings and notes (stderr by
   default; NULL: recorded only). No effect on an owning context. */
void wspContextSetEmbeddedNoteStream(WspContext context, FILE *stream);

/* Returns a new MlirPass for the wsp pass or named pipeline `name`, with
   `options` as written between the braces of a pipeline element
   (`key=value ...`; NULL or "" for none). Options are checked against the
   pass's table (wspGetPassOptionName, ...). A named pipeline (e.g.
   `wsp-lower`) becomes one pass that runs its expansion on the module.
   wsp passes run on builtin.module: add the pass to a pass manager anchored
   on builtin.module (mlirPassManagerCreate), not to a nested one.
   On error (unknown name, bad option) returns a null pass
   (wspPassIsNull) and raises an error located at `<pass-pipeline>:1:col`
   naming the pass and what is wrong. */
MlirPass wspCreatePass(WspContext context, const char *name, const char *options);

/* Whether a pass is null (the MLIR C API has no such predicate). */
static inline bool wspPassIsNull(MlirPass pass) { return !pass.ptr; }

/* Appends a textual pipeline mixing wsp passes, wsp named pipelines and
   upstream passes (as wspPassManagerAddPipeline, e.g.
   "canonicalize,cse,wsp-to-taskring") to any OpPassManager of the user's,
   top-level or nested: a nested `func.func(...)` part goes under a nested
   pass manager. On error returns false, raises a located diagnostic and
   adds nothing. */
bool wspOpPassManagerAddPipeline(WspContext context, MlirOpPassManager passManager,
                                 const char *pipeline);

#ifdef __cplusplus
}
#endif

#endif /* WSP_C_REGISTRATION_H */
