/* The rule groups of wsp-verify, one entry point per kind of op (see
   docs/verify.md for every rule, its message and an example). */
#ifndef WSP_PASSES_WSPVERIFYRULES_H
#define WSP_PASSES_WSPVERIFYRULES_H

#include "WspVerifyCommon.h"

/* WspVerifyFunctions.c */
void wspVerifyFunction(WspVerifier *v, MlirOperation func);
/* `selected` is the pass's workload option ("" when unset). */
void wspVerifyWorkloadEntry(WspVerifier *v, const char *selected);
/* K3: at most WSP_RUNTIME_MAX_FUNC_ID kernels in the module. */
void wspVerifyKernelCount(WspVerifier *v);

/* WspVerifyCalls.c: wsp.task, wsp.spawn and the boxing ops. */
void wspVerifyTask(WspVerifier *v, MlirOperation op);
void wspVerifySpawn(WspVerifier *v, MlirOperation op);
void wspVerifyBox(WspVerifier *v, MlirOperation op);

/* WspVerifyProcesses.c: P2, no spawn cycle among processes. */
void wspVerifySpawnCycles(WspVerifier *v);

/* WspVerifyOps.c: schedule, channels, symbols and slot reads. */
void wspVerifyDispatch(WspVerifier *v, MlirOperation op);
void wspVerifyTaskWindow(WspVerifier *v, MlirOperation op);
void wspVerifyCreateChannel(WspVerifier *v, MlirOperation op);
void wspVerifyChannelUse(WspVerifier *v, MlirOperation op); /* send, recv, close */
void wspVerifySymbol(WspVerifier *v, MlirOperation op);
void wspVerifySlotRead(WspVerifier *v, MlirOperation op);

/* WspVerifyViews.c: memref.subview bounds in workloads and processes. */
void wspVerifySubview(WspVerifier *v, MlirOperation op);
/* V2: every op making a memref in a workload or process is one the later
   stages address (subview with a runtime shape, cast, alloc, alloca). */
void wspVerifyMemRefResults(WspVerifier *v, MlirOperation op);
/* W2: a tensor the runtime can hold; `what` names it in the message
   ("workload @main: parameter #0 ('x')"). False after an error. */
bool wspVerifyRuntimeTensor(WspVerifier *v, MlirOperation at, MlirType type, const char *what);
void wspVerifyAlloc(WspVerifier *v, MlirOperation op); /* memref.alloc, memref.alloca: W2 */
void wspVerifyLoop(WspVerifier *v, MlirOperation op);            /* scf.for: L1, L2 */
void wspVerifySlotReadIndices(WspVerifier *v, MlirOperation op); /* R3 */
void wspVerifyKernelAccess(WspVerifier *v, MlirOperation op); /* K4: load/store in kernels */

#endif
