/* The pto-runtime 41d5c94a target: kernel_config.py + golden.py for the
   runtime's run_example.py (docs/artifact.md). */
#include "PtoRuntime41d5c94a.h"
#include "wsp-c/Emit.h"

static bool emit(WspEmitState *st) {
  if (!wspPto41Orchestration(st) || !wspEmitKernels(st))
    return false;
  wspPto41Capabilities(st);
  st->goldenFile = st->options->goldenPath ? "golden.py" : NULL;
  return wspPto41KernelConfig(st) && wspEmitManifest(st) && wspPto41Golden(st);
}

const WspEmitTarget wspPtoRuntime41d5c94aTarget = {
    .name = WSP_EMIT_TARGET_PTO_RUNTIME,
    .alias = NULL,
    .abi = WSP_EMIT_ABI_VERSION,
    .runtime = "pto-runtime",
    .repository = "uv-xiao/pto-runtime",
    .commit = WSP_EMIT_RUNTIME_COMMIT,
    .tensorStruct = "TensorData",
    .tensorStrides = false,
    .descriptorsOnEveryFlavor = false,
    .tensorsBeforeScalars = false,
    .tmrNeedsFourThreads = true,
    .hiddenInitArgs = true,
    .emit = emit,
    .appendRuntimeEnv = wspPto41AppendRuntimeEnv,
    .orchestrationFunction = wspPto41OrchestrationFunction,
};
