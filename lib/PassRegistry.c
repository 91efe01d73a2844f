/* The registry of wsp passes: a constant table, so no global mutable state. */
#include "PassRegistry.h"

#include <stdlib.h>
#include <string.h>

#include "Support/StringBuffer.h"
#include "wsp-c/Emit.h"
#include "wsp-c/Pass.h"

extern const WspPassInfo wspVerifyPassInfo;
extern const WspPassInfo wspPrintTaskGraphPassInfo;
extern const WspPassInfo taskringVerifyPassInfo;
extern const WspPassInfo wspCheckFanInPassInfo;
extern const WspPassInfo wspCheckDeadlockPassInfo;
extern const WspPassInfo wspCheckRacesPassInfo;
extern const WspPassInfo wspLowerToTaskRingPassInfo;
extern const WspPassInfo taskringPredicateSlotsPassInfo;
extern const WspPassInfo wspAssignDomainsPassInfo;
extern const WspPassInfo taskringMaterializeScopesPassInfo;
extern const WspPassInfo taskringSizeResourcesPassInfo;

/* The default lowering: verify, lower, then every policy pass, then check the
   result against the runtime's limits. Its `runtime` option is forwarded to
   the passes that declare one. */
static const WspPassOptionInfo kToTaskRingOptions[] = {
    {"runtime", WSP_OPTION_ENUM, "tensormap_and_ringbuffer",
     "tensormap_and_ringbuffer|host_build_graph", "the pto-runtime flavor to lower for"},
    {"serialize", WSP_OPTION_BOOL, "false", NULL,
     "debug: chain every task in submission order (to bisect scheduling bugs)"},
    {"target", WSP_OPTION_ENUM, WSP_EMIT_DEFAULT_TARGET,
     "pto-runtime-41d5c94a|simpler-6ebaf771|simpler",
     "the runtime target the artifact is for (the taskring.runtime abi names it)"},
    {"max-tasks", WSP_OPTION_INT, "10000000", "1..100000000",
     "when given, the task-instance budget of every check (each check's own default otherwise)"},
    {"max-memory", WSP_OPTION_INT, "700", "0..1048576",
     "when given, the memory budget in MB of the checks that have one (0: no limit)"},
};
static const WspPassInfo wspToTaskRingPipelineInfo = {
    .name = "wsp-to-taskring",
    .summary = "The default pipeline: wsp-verify and every lowering pass, then taskring-verify",
    .options = kToTaskRingOptions,
    .numOptions = 5,
    .run = NULL,
    .pipeline = "wsp-verify,wsp-check-deadlock,wsp-check-races,wsp-check-fanin,wsp-lower-to-taskring,taskring-predicate-slots,"
                "wsp-assign-domains,"
                "taskring-materialize-scopes,taskring-size-resources,taskring-verify",
};

static const WspPassInfo *const kPasses[] = {
    &wspVerifyPassInfo,
    &wspPrintTaskGraphPassInfo,
    &taskringVerifyPassInfo,
    &wspCheckFanInPassInfo,
    &wspCheckDeadlockPassInfo,
    &wspCheckRacesPassInfo,
    &wspLowerToTaskRingPassInfo,
    &taskringPredicateSlotsPassInfo,
    &wspAssignDomainsPassInfo,
    &taskringMaterializeScopesPassInfo,
    &taskringSizeResourcesPassInfo,
    &wspToTaskRingPipelineInfo,
};

static const size_t kNumPasses = sizeof(kPasses) / sizeof(kPasses[0]);

size_t wspGetNumPasses(void) { return kNumPasses; }

const WspPassInfo *wspGetPassInfo(size_t index) {
  return index < kNumPasses ? kPasses[index] : NULL;
}

const char *wspGetPassName(size_t index) {
  return index < kNumPasses ? kPasses[index]->name : NULL;
}

const char *wspGetPassSummary(size_t index) {
  return index < kNumPasses ? kPasses[index]->summary : NULL;
}

const WspPassInfo *wspLookupPass(const char *name, size_t *index) {
  for (size_t i = 0; i < kNumPasses; ++i)
    if (strcmp(kPasses[i]->name, name) == 0) {
      if (index)
        *index = i;
      return kPasses[i];
    }
  return NULL;
}

const char *wspGetPassPipeline(size_t index) {
  return index < kNumPasses ? kPasses[index]->pipeline : NULL;
}

size_t wspGetPassNumOptions(size_t index) {
  return index < kNumPasses ? kPasses[index]->numOptions : 0;
}

static const WspPassOptionInfo *optionAt(size_t index, size_t option) {
  if (index >= kNumPasses || option >= kPasses[index]->numOptions)
    return NULL;
  return &kPasses[index]->options[option];
}

const char *wspGetPassOptionName(size_t index, size_t option) {
  const WspPassOptionInfo *o = optionAt(index, option);
  return o ? o->name : NULL;
}

const char *wspGetPassOptionType(size_t index, size_t option) {
  const WspPassOptionInfo *o = optionAt(index, option);
  if (!o)
    return NULL;
  switch (o->kind) {
  case WSP_OPTION_BOOL: return "bool";
  case WSP_OPTION_INT: return "int";
  case WSP_OPTION_STRING: return "string";
  case WSP_OPTION_ENUM: return o->choices;
  }
  return "string";
}

const char *wspGetPassOptionDefault(size_t index, size_t option) {
  const WspPassOptionInfo *o = optionAt(index, option);
  return o ? o->defaultValue : NULL;
}

const char *wspGetPassOptionHelp(size_t index, size_t option) {
  const WspPassOptionInfo *o = optionAt(index, option);
  return o ? o->help : NULL;
}
