/* wsp-verify: the semantic rules of the wsp dialect that IRDL cannot express.
   Each rule raises a located error naming the op, the rule, the values
   involved and a remedy (docs/verify.md lists them all). The pass walks the
   module once and reports every violation, not just the first.

   The rules live in WspVerifyFunctions.c (func.func attributes, the
   workload entry), WspVerifyCalls.c (tasks, spawns, argument boxes) and
   WspVerifyOps.c (dispatch, task_window, channels, symbols, slot reads) and
   WspVerifyProcesses.c (spawn cycles), WspVerifyViews.c (tile bounds) and
   WspVerifyLoops.c (loop steps and
   induction variables, slot-read indices), both on the interval analysis of
   WspVerifyIntervals.c. */
#include "PassRegistry.h"
#include "WspVerifyCommon.h"
#include "WspVerifyIntervals.h"
#include "WspVerifyRules.h"

typedef void (*WspOpRule)(WspVerifier *v, MlirOperation op);

typedef struct WspOpRuleEntry {
  const char *opName;
  WspOpRule rule;
} WspOpRuleEntry;

static const WspOpRuleEntry kOpRules[] = {
    {"func.func", wspVerifyFunction},
    {"wsp.task", wspVerifyTask},
    {"wsp.spawn", wspVerifySpawn},
    {"wsp.in", wspVerifyBox},
    {"wsp.out", wspVerifyBox},
    {"wsp.inout", wspVerifyBox},
    {"wsp.scalar", wspVerifyBox},
    {"wsp.dispatch", wspVerifyDispatch},
    {"wsp.task_window", wspVerifyTaskWindow},
    {"wsp.create_channel", wspVerifyCreateChannel},
    {"wsp.send", wspVerifyChannelUse},
    {"wsp.recv", wspVerifyChannelUse},
    {"wsp.close", wspVerifyChannelUse},
    {"wsp.symbol", wspVerifySymbol},
    {"wsp.slot_read", wspVerifySlotRead},
    {"memref.subview", wspVerifySubview},
    {"scf.for", wspVerifyLoop},
    {"memref.alloc", wspVerifyAlloc},
    {"memref.alloca", wspVerifyAlloc},
    {"memref.load", wspVerifyKernelAccess},
    {"memref.store", wspVerifyKernelAccess},
};

/* Pre-order, so ops are visited in program order: "first" dispatches,
   task windows and symbol uses are the first in the text. */
static MlirWalkResult visit(MlirOperation op, void *userData) {
  WspVerifier *v = userData;
  for (size_t i = 0; i < sizeof(kOpRules) / sizeof(kOpRules[0]); ++i)
    if (wspVerifyOpIs(op, kOpRules[i].opName)) {
      kOpRules[i].rule(v, op);
      break;
    }
  if (wspVerifyOpIs(op, "wsp.slot_read"))
    wspVerifySlotReadIndices(v, op);
  wspVerifyMemRefResults(v, op);
  return MlirWalkResultAdvance;
}

static bool runWspVerify(WspPassRun *run) {
  WspVerifier v;
  wspVerifierInit(&v, run->context, run->op);
  wspVerifyWorkloadEntry(&v, wspPassOptionGetString(run, "workload"));
  wspVerifyKernelCount(&v);
  wspVerifySpawnCycles(&v);
  mlirOperationWalk(run->op, visit, &v, MlirWalkPreOrder);
  bool ok = v.ok;
  wspIntervalSitesDestroy(v.intervalSites); /* owned here: the rules' files use it */
  wspVerifierDestroy(&v);
  return ok;
}

static const WspPassOptionInfo kWspVerifyOptions[] = {
    {.name = "workload",
     .kind = WSP_OPTION_STRING,
     .defaultValue = "",
     .choices = NULL,
     .help = "the entry function when the module has several wsp.workload functions "
             "(the others are then not reported as extra entries)"},
};

const WspPassInfo wspVerifyPassInfo = {
    .name = "wsp-verify",
    .summary = "Check the semantic rules of the wsp dialect (located errors with remedies)",
    .options = kWspVerifyOptions,
    .numOptions = sizeof(kWspVerifyOptions) / sizeof(kWspVerifyOptions[0]),
    .run = runWspVerify,
    .pipeline = NULL,
};
