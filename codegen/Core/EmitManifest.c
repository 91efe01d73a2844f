/* The JSON every target's artifact carries (manifest.json: the ABI,
   arguments, symbols, slots, schedule payload and capability report,
   docs/artifact.md) and the helpers the targets' description files share:
   JSON/Python string quoting, kernels in func_id order, capability lines. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "EmitInternal.h"
#include "IRUtil.h"
#include "mlir-c/BuiltinTypes.h"
#include "wsp-c/Diagnostics.h"

/*===--- quoting ----------------------------------------------------------===*/

/* A JSON string literal (also a valid Python literal). */
void wspEmitAppendQuoted(WspStringBuffer *b, const char *s) {
  wspStringBufferAppendStr(b, "\"");
  for (const unsigned char *c = (const unsigned char *)s; *c; ++c) {
    if (*c == '"' || *c == '\\')
      wspStringBufferAppendf(b, "\\%c", *c);
    else if (*c < 0x20 || *c == 0x7f)
      wspStringBufferAppendf(b, "\\u%04x", *c);
    else
      wspStringBufferAppend(b, (const char *)c, 1);
  }
  wspStringBufferAppendStr(b, "\"");
}

static const char *accessName(unsigned access) {
  static const char *const kNames[] = {"none", "in", "out", "inout"};
  return kNames[access & 3];
}

/* Whether the program set a task window ("default" is the lowering's mark
   for a workload without wsp.task_window: the runtime's own sizes apply). */
bool wspEmitHasWindow(const WspEmitState *st) {
  return st->taskWindow > 0 && !(st->windowMode && strcmp(st->windowMode, "default") == 0);
}

bool wspEmitWindowIsStall(const WspEmitState *st) {
  return !st->windowMode || strcmp(st->windowMode, "stall") == 0;
}

/* RUNTIME_ENV entries, "KEY": "value" pairs separated by ", ". */
const WspEmitKernel **wspEmitKernelsById(const WspEmitState *st) {
  const WspEmitKernel **sorted = wspCalloc(st->numKernels + 1, sizeof(*sorted));
  for (size_t i = 0; i < st->numKernels; ++i) {
    size_t j = i;
    for (; j > 0 && sorted[j - 1]->funcId > st->kernels[i].funcId; --j)
      sorted[j] = sorted[j - 1];
    sorted[j] = &st->kernels[i];
  }
  return sorted;
}

/*===--- capabilities -----------------------------------------------------===*/

WspEmitCapability *wspEmitAddCapability(WspEmitState *st, const char *directive, const char *status) {
  WspEmitCapability *c = &st->caps[st->numCaps++];
  c->directive = directive;
  c->status = status;
  return c;
}

char *wspEmitFormat(const char *fmt, ...) {
  WspStringBuffer b;
  wspStringBufferInit(&b);
  va_list args;
  va_start(args, fmt);
  wspStringBufferAppendv(&b, fmt, args);
  va_end(args);
  return wspStringBufferTake(&b);
}

/* The ring window is the only in-flight bound of tensormap_and_ringbuffer:
   a stall window is exactly that; abort and benchmark get the same window
   (the lowering says so in its warning) but not their own behaviour. */
void wspEmitFinishCapabilityReport(WspEmitState *st) {
  WspStringBuffer report;
  wspStringBufferInit(&report);
  for (size_t i = 0; i < st->numCaps; ++i) {
    WspEmitCapability *c = &st->caps[i];
    /* No warning here: "diagnosed" directives are warned about once, by the
       lowering, at the wsp op that states them. */
    wspStringBufferAppendf(&report, "%s: %s (%s; %s)\n", c->directive, c->status, c->detail, c->how);
  }
  st->files->capabilityReport = wspStringBufferTake(&report);
  if (!st->files->capabilityReport)
    st->files->capabilityReport = wspStrdup("");
}

/*===--- manifest.json ----------------------------------------------------===*/

void wspEmitAppendShape(WspStringBuffer *b, MlirType t) {
  wspStringBufferAppendStr(b, "[");
  for (int64_t d = 0; d < mlirShapedTypeGetRank(t); ++d)
    wspStringBufferAppendf(b, "%s%lld", d ? ", " : "",
                           (long long)mlirShapedTypeGetDimSize(t, (intptr_t)d));
  wspStringBufferAppendStr(b, "]");
}

static void appendArguments(WspStringBuffer *b, const WspEmitState *st) {
  wspStringBufferAppendStr(b, "  \"arguments\": [");
  for (size_t i = 0; i < st->numArgs; ++i) {
    const WspEmitArg *a = &st->args[i];
    wspStringBufferAppendf(b, "%s\n    {\"index\": %zu, \"name\": ", i ? "," : "", i);
    wspEmitAppendQuoted(b, a->name);
    wspStringBufferAppendf(b, ", \"kind\": \"%s\", \"dtype\": \"%s\"",
                           a->isTensor ? "tensor" : "scalar", a->dtype);
    if (a->isTensor) {
      wspStringBufferAppendStr(b, ", \"shape\": ");
      wspEmitAppendShape(b, a->type);
      wspStringBufferAppendf(b, ", \"access\": \"%s\"", accessName(a->access));
    }
    if (a->isSymbol)
      wspStringBufferAppendf(b, ", \"symbol\": true");
    if (a->initOf >= 0) {
      wspStringBufferAppendStr(b, ", \"initial_value_of\": ");
      wspEmitAppendQuoted(b, st->args[a->initOf].name);
    }
    if (a->isScratch)
      wspStringBufferAppendStr(b, ", \"scratch\": true");
    wspStringBufferAppendStr(b, "}");
  }
  wspStringBufferAppendStr(b, "\n  ],\n  \"outputs\": [");
  const char *sep = "";
  for (size_t i = 0; i < st->numProgramArgs; ++i)
    if (st->args[i].isTensor && (st->args[i].access & WSP_MODE_OUT) && !st->args[i].isScratch) {
      wspStringBufferAppendStr(b, sep);
      wspEmitAppendQuoted(b, st->args[i].name);
      sep = ", ";
    }
  wspStringBufferAppendStr(b, "],\n");
}

static void appendKernels(WspStringBuffer *b, const WspEmitState *st) {
  static const char *const kModes[] = {"scalar", "in", "out", "inout"};
  const WspEmitKernel **sorted = wspEmitKernelsById(st);
  wspStringBufferAppendStr(b, "  \"kernels\": [");
  for (size_t i = 0; i < st->numKernels; ++i) {
    const WspEmitKernel *k = sorted[i];
    wspStringBufferAppendf(b,
                           "%s\n    {\"func_id\": %lld, \"name\": \"%s\", \"core_type\": \"%s\", "
                           "\"impl\": \"%s\", \"source\": \"%s\", \"modes\": [",
                           i ? "," : "", (long long)k->funcId, k->name, k->cube ? "aic" : "aiv",
                           k->impl, k->path);
    for (size_t m = 0; m < k->numModes; ++m)
      wspStringBufferAppendf(b, "%s\"%s\"", m ? ", " : "", kModes[k->modes[m]]);
    wspStringBufferAppendStr(b, "]}");
  }
  free(sorted);
  wspStringBufferAppendStr(b, "\n  ],\n");
}

static void appendSymbols(WspStringBuffer *b, const WspEmitState *st) {
  wspStringBufferAppendStr(b, "  \"symbols\": [");
  const char *sep = "";
  for (size_t i = 0; i < st->numArgs; ++i) {
    const WspEmitArg *a = &st->args[i];
    if (!a->isSymbol)
      continue;
    wspStringBufferAppendf(b, "%s\n    {\"name\": ", sep);
    wspEmitAppendQuoted(b, a->symbolName);
    wspStringBufferAppendf(b, ", \"id\": \"0x%016llx\", \"index\": %zu, \"dtype\": \"%s\"}",
                           wspSymbolId(a->symbolName, strlen(a->symbolName)), i, a->dtype);
    sep = ",";
  }
  wspStringBufferAppendStr(b, *sep ? "\n  ],\n" : "],\n");
}

/* The slot table: each element some kernel variant reads on device. */
static void appendSlots(WspStringBuffer *b, const WspEmitState *st) {
  wspStringBufferAppendStr(b, "  \"slots\": [");
  for (size_t i = 0; i < st->numSlots; ++i) {
    const WspEmitSlot *s = &st->slots[i];
    wspStringBufferAppendf(b, "%s\n    {\"slot\": %zu, \"tensor\": ", i ? "," : "", i);
    if (s->tensor)
      wspEmitAppendQuoted(b, s->tensor);
    else
      wspStringBufferAppendStr(b, "null");
    wspStringBufferAppendf(b, ", \"index\": %s, \"dtype\": ", s->index);
    wspEmitAppendQuoted(b, s->dtype ? s->dtype : "");
    wspStringBufferAppendStr(b, ", \"type\": ");
    wspEmitAppendQuoted(b, s->type);
    wspStringBufferAppendStr(b, ", \"read_by\": [");
    for (size_t r = 0; r < s->numReaders; ++r) {
      wspStringBufferAppendStr(b, r ? ", " : "");
      wspEmitAppendQuoted(b, s->readers[r]);
    }
    wspStringBufferAppendStr(b, "], \"location\": ");
    wspEmitAppendQuoted(b, s->location);
    wspStringBufferAppendStr(b, "}");
  }
  wspStringBufferAppendStr(b, st->numSlots ? "\n  ],\n" : "],\n");
}

static void appendSchedule(WspStringBuffer *b, const WspEmitState *st) {
  wspStringBufferAppendStr(b, "  \"schedule\": {\n    \"task_window\": ");
  if (wspEmitHasWindow(st)) {
    wspStringBufferAppendf(b, "{\"size\": %lld, \"mode\": ", (long long)st->taskWindow);
    wspEmitAppendQuoted(b, st->windowMode ? st->windowMode : "stall");
    wspStringBufferAppendStr(b, "},\n");
  } else {
    wspStringBufferAppendStr(b, "null,\n");
  }
  wspStringBufferAppendf(b, "    \"scope_ops\": %zu,\n", st->numScopes);
  if (st->flavor == WSP_FLAVOR_TMR && st->minTaskWindow > 0) /* sized by the pipeline */
    wspStringBufferAppendf(b,
                           "    \"min_task_window\": %lld,\n    \"rings\": {\"task_window\": "
                           "[%lld, %lld, %lld, %lld], \"heap\": [%lld, %lld, %lld, %lld], "
                           "\"dep_pool\": [%lld, %lld, %lld, %lld]},\n",
                           (long long)st->minTaskWindow, (long long)st->ringWindows[0],
                           (long long)st->ringWindows[1], (long long)st->ringWindows[2],
                           (long long)st->ringWindows[3], (long long)st->ringHeaps[0],
                           (long long)st->ringHeaps[1], (long long)st->ringHeaps[2],
                           (long long)st->ringHeaps[3], (long long)st->ringDepPools[0],
                           (long long)st->ringDepPools[1], (long long)st->ringDepPools[2],
                           (long long)st->ringDepPools[3]);
  wspStringBufferAppendStr(b, "    \"dispatch\": [");
  for (size_t i = 0; i < st->numDispatches; ++i) {
    const WspEmitDispatch *d = &st->dispatches[i];
    wspStringBufferAppendf(b, "%s\n      {\"kernel\": ", i ? "," : "");
    wspEmitAppendQuoted(b, d->kernel);
    wspStringBufferAppendStr(b, ", \"policy\": ");
    wspEmitAppendQuoted(b, d->policy);
    wspStringBufferAppendf(b, ", \"domains\": %lld, \"location\": ", (long long)d->domains);
    wspEmitAppendQuoted(b, d->location);
    wspStringBufferAppendStr(b, d->slotDependent ? ", \"slot_dependent\": true}" : "}");
  }
  wspStringBufferAppendStr(b, st->numDispatches ? "\n    ]\n  },\n" : "]\n  },\n");
}

static void appendCapabilities(WspStringBuffer *b, const WspEmitState *st) {
  wspStringBufferAppendStr(b, "  \"capabilities\": [");
  for (size_t i = 0; i < st->numCaps; ++i) {
    const WspEmitCapability *c = &st->caps[i];
    wspStringBufferAppendf(b, "%s\n    {\"directive\": \"%s\", \"status\": \"%s\", \"detail\": ",
                           i ? "," : "", c->directive, c->status);
    wspEmitAppendQuoted(b, c->detail);
    wspStringBufferAppendStr(b, ", \"how\": ");
    wspEmitAppendQuoted(b, c->how);
    wspStringBufferAppendStr(b, "}");
  }
  wspStringBufferAppendStr(b, st->numCaps ? "\n  ],\n" : "],\n");
}

static void appendRuntime(WspStringBuffer *b, const WspEmitState *st) {
  wspStringBufferAppendf(b,
                         "  \"runtime\": {\n    \"repository\": \"%s\",\n"
                         "    \"commit\": \"%s\",\n    \"flavor\": \"%s\",\n    \"platform\": ",
                         st->target->repository, st->target->commit, st->flavorName);
  wspEmitAppendQuoted(b, st->platform);
  wspStringBufferAppendf(b,
                         ",\n    \"aicpu_thread_num\": %lld,\n    \"block_dim\": %lld,\n"
                         "    \"heap_bytes\": %lld,\n    \"dep_pool\": %lld,\n    \"env\": {",
                         (long long)st->aicpuThreads, (long long)st->blockDim,
                         (long long)st->heapBytes, (long long)st->depPool);
  st->target->appendRuntimeEnv(b, st);
  wspStringBufferAppendStr(b, "}\n  },\n");
}

bool wspEmitManifest(WspEmitState *st) {
  WspStringBuffer b;
  wspStringBufferInit(&b);
  char fn[256];
  char *where = wspEmitLocationString(mlirOperationGetLocation(st->orchFunc));
  wspStringBufferAppendf(&b, "{\n  \"abi\": \"%s\",\n  \"generator\": ", st->target->abi);
  wspEmitAppendQuoted(&b, wspGetVersionString());
  wspStringBufferAppendStr(&b, ",\n");
  appendRuntime(&b, st);
  wspStringBufferAppendf(&b, "  \"workload\": \"%s\",\n  \"source\": ", st->workload);
  wspEmitAppendQuoted(&b, where);
  free(where);
  wspStringBufferAppendf(&b,
                         ",\n  \"orchestration\": {\"source\": "
                         "\"kernels/orchestration/%s_orch.cpp\", \"function_name\": \"%s\", "
                         "\"expected_arg_count\": %zu},\n",
                         st->workload, st->target->orchestrationFunction(st, fn, sizeof fn), st->numArgs);
  appendArguments(&b, st);
  appendKernels(&b, st);
  appendSymbols(&b, st);
  appendSlots(&b, st);
  appendSchedule(&b, st);
  appendCapabilities(&b, st);
  wspStringBufferAppendStr(&b, "  \"golden\": ");
  if (st->goldenFile)
    wspEmitAppendQuoted(&b, st->goldenFile);
  else
    wspStringBufferAppendStr(&b, "null");
  wspStringBufferAppendStr(&b, "\n}\n");
  size_t length = b.length;
  wspEmitAddFile(st, "manifest.json", wspStringBufferTake(&b), length);
  return true;
}

