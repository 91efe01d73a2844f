/* The simpler 6ebaf771 target: a SceneTestCase directory that runs with
   `python3 test_<workload>.py -p a2a3sim` (docs/artifact.md, "simpler"). */
#include "Simpler6ebaf771.h"
#include "wsp-c/Emit.h"

static bool emit(WspEmitState *st) {
  if (!wspSimplerOrchestration(st) || !wspEmitKernels(st))
    return false;
  wspSimplerCapabilities(st);
  st->goldenFile = st->options->goldenPath ? "golden.py" : NULL;
  return wspEmitManifest(st) && wspSimplerSceneTest(st);
}

static const char *orchestrationFunction(const WspEmitState *st, char *buffer, size_t size) {
  (void)st;
  (void)buffer;
  (void)size;
  return "aicpu_orchestration_entry";
}

const WspEmitTarget wspSimpler6ebaf771Target = {
    .name = WSP_EMIT_TARGET_SIMPLER,
    .alias = "simpler",
    .abi = WSP_EMIT_SIMPLER_ABI_VERSION,
    .runtime = "simpler",
    .repository = "hw-native-sys/simpler",
    .commit = "6ebaf771",
    .tensorStruct = "ChipTensor",
    .tensorStrides = true,
    .descriptorsOnEveryFlavor = true,
    .tensorsBeforeScalars = true,
    .tmrNeedsFourThreads = false,
    .hiddenInitArgs = false,
    .emit = emit,
    .appendRuntimeEnv = wspSimplerAppendRuntimeEnv,
    .orchestrationFunction = orchestrationFunction,
};
