/* wsp-verify: the semantic rules of the wsp dialect that IRDL cannot express.
   Each rule raises a located error naming the op, the rule, the values
   involved and a remedy. */
#include <string.h>

#include "PassRegistry.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/IR.h"
#include "wsp-c/Diagnostics.h"

static bool isWorkload(MlirOperation op) {
  return mlirStringRefEqual(mlirIdentifierStr(mlirOperationGetName(op)),
                            mlirStringRefCreateFromCString("func.func")) &&
         !mlirAttributeIsNull(mlirOperationGetDiscardableAttributeByName(
             op, mlirStringRefCreateFromCString("wsp.workload")));
}

/* Rule: a module holds at most one wsp.workload (the artifact's entry). */
static bool verifySingleWorkload(WspPassRun *run) {
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(run->op, 0));
  MlirOperation first = {NULL};
  bool ok = true;
  for (MlirOperation op = mlirBlockGetFirstOperation(body); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op)) {
    if (!isWorkload(op))
      continue;
    if (mlirOperationIsNull(first)) {
      first = op;
      continue;
    }
    wspEmitError(run->context, mlirOperationGetLocation(op),
                 "'func.func' with 'wsp.workload': a module has at most one workload entry; "
                 "remove 'wsp.workload' from all but one function");
    wspEmitNote(run->context, mlirOperationGetLocation(first), "first workload defined here");
    ok = false;
  }
  return ok;
}

static bool runWspVerify(WspPassRun *run) { return verifySingleWorkload(run); }

const WspPassInfo wspVerifyPassInfo = {
    .name = "wsp-verify",
    .summary = "Check the semantic rules of the wsp dialect (located errors with remedies)",
    .options = NULL,
    .numOptions = 0,
    .run = runWspVerify,
    .pipeline = NULL,
};
