/* The JSON every target's artifact carries (manifest.json: the ABI,
   arguments, symbols, slots, schedule payload and capability report,
   docs/artifact.md), built with jansson, and the helpers the targets'
   description files share: Python string quoting, kernels in func_id order,
   capability lines. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "EmitInternal.h"
#include "IRUtil.h"
#include "jansson.h"
#include "mlir-c/BuiltinTypes.h"
#include "wsp-c/Diagnostics.h"

/*===--- quoting ----------------------------------------------------------===*/

/* A string literal for the targets' Python files (kernel_config.py,
   golden.py, the scene test): JSON's escapes, which Python reads the same.
   manifest.json is written with jansson (below). */
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

/* The task_window line both targets report the same way: enforced when the
   ring (tensormap_and_ringbuffer) stalls at it, with the window, its mode
   and, once sized, what the program needs. */
WspEmitCapability *wspEmitAddWindowCapability(WspEmitState *st) {
  const char *mode = st->windowMode ? st->windowMode : "stall";
  bool tmr = st->flavor == WSP_FLAVOR_TMR;
  bool enforced = tmr && wspEmitWindowIsStall(st);
  WspEmitCapability *c =
      wspEmitAddCapability(st, "task_window", enforced ? "enforced" : "diagnosed");
  if (tmr && st->minTaskWindow > 0) /* sized by taskring-size-resources */
    c->detail = wspEmitFormat("%lld tasks, mode %s; the program needs at least %lld",
                              (long long)st->taskWindow, mode, (long long)st->minTaskWindow);
  else
    c->detail = wspEmitFormat("%lld tasks, mode %s", (long long)st->taskWindow, mode);
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

/* The manifest is a jansson tree: jansson escapes every string and refuses
   text that is not UTF-8 (an error naming it, below), and formats the
   numbers. Keys keep their insertion order, so the output is deterministic.
   Only the layout is wsp's (writeValue): the top-level keys, "runtime" and
   "schedule" one key per line, arrays of objects one element per line,
   everything else one compact line (jansson's ", " and ": " separators), so
   tests and people can read it line by line. */

typedef struct Manifest {
  WspEmitState *st;
  bool ok;
} Manifest;

/* A JSON string; text that is not UTF-8 is an error naming it (wsp-verify's
   F3 rejects such names in wsp programs; taskring IR reaches here directly). */
static json_t *jsonText(Manifest *m, const char *what, const char *text) {
  json_t *value = json_string(text ? text : "");
  if (value)
    return value;
  if (m->ok) {
    WspStringBuffer shown; /* as MLIR writes it: bytes beyond ASCII as \XX */
    wspStringBufferInit(&shown);
    for (const unsigned char *c = (const unsigned char *)text; *c; ++c)
      if (*c >= 0x20 && *c < 0x7f)
        wspStringBufferAppend(&shown, (const char *)c, 1);
      else
        wspStringBufferAppendf(&shown, "\\%02X", *c);
    wspEmitErrorf(m->st->context, mlirOperationGetLocation(m->st->orchFunc),
                  "manifest.json: the %s \"%s\" is not valid UTF-8, which JSON cannot carry; "
                  "rename it to valid UTF-8",
                  what, shown.data ? shown.data : "");
    wspStringBufferFree(&shown);
  }
  m->ok = false;
  return json_null();
}

static json_t *jsonInt(long long value) { return json_integer((json_int_t)value); }

/* A per-ring value of simpler's runtime_env: one entry per ring, 0..3. */
static json_t *jsonRingList(const int64_t values[4]) {
  json_t *list = json_array();
  for (int r = 0; r < 4; ++r)
    json_array_append_new(list, jsonInt((long long)values[r]));
  return list;
}

/* Text that is JSON already (a target's env entries, a slot's index list,
   both composed by wsp): parsed, so that what is embedded is checked JSON. */
static json_t *jsonParsed(Manifest *m, const char *what, const char *text) {
  json_error_t error;
  json_t *value = json_loads(text, JSON_DECODE_ANY, &error);
  if (value)
    return value;
  if (m->ok)
    wspEmitErrorf(m->st->context, mlirOperationGetLocation(m->st->orchFunc),
                  "manifest.json: internal error: the %s '%s' is not JSON (%s)", what, text,
                  error.text);
  m->ok = false;
  return json_null();
}

static json_t *jsonShape(MlirType t) {
  json_t *shape = json_array();
  for (int64_t d = 0; d < mlirShapedTypeGetRank(t); ++d)
    json_array_append_new(shape, jsonInt(mlirShapedTypeGetDimSize(t, (intptr_t)d)));
  return shape;
}

/* Still used by the targets' Python files (a list literal). */
void wspEmitAppendShape(WspStringBuffer *b, MlirType t) {
  wspStringBufferAppendStr(b, "[");
  for (int64_t d = 0; d < mlirShapedTypeGetRank(t); ++d)
    wspStringBufferAppendf(b, "%s%lld", d ? ", " : "",
                           (long long)mlirShapedTypeGetDimSize(t, (intptr_t)d));
  wspStringBufferAppendStr(b, "]");
}

static json_t *jsonArguments(Manifest *m) {
  const WspEmitState *st = m->st;
  json_t *list = json_array();
  for (size_t i = 0; i < st->numArgs; ++i) {
    const WspEmitArg *a = &st->args[i];
    json_t *o = json_object();
    json_object_set_new(o, "index", jsonInt((long long)i));
    json_object_set_new(o, "name", jsonText(m, "argument name", a->name));
    json_object_set_new(o, "kind", json_string(a->isTensor ? "tensor" : "scalar"));
    json_object_set_new(o, "dtype", jsonText(m, "dtype", a->dtype));
    if (a->isTensor) {
      json_object_set_new(o, "shape", jsonShape(a->type));
      json_object_set_new(o, "access", json_string(accessName(a->access)));
    }
    if (a->isSymbol)
      json_object_set_new(o, "symbol", json_true());
    if (a->initOf >= 0)
      json_object_set_new(o, "initial_value_of",
                          jsonText(m, "argument name", st->args[a->initOf].name));
    if (a->isScratch)
      json_object_set_new(o, "scratch", json_true());
    json_array_append_new(list, o);
  }
  return list;
}

static json_t *jsonOutputs(Manifest *m) {
  const WspEmitState *st = m->st;
  json_t *list = json_array();
  for (size_t i = 0; i < st->numProgramArgs; ++i)
    if (st->args[i].isTensor && (st->args[i].access & WSP_MODE_OUT) && !st->args[i].isScratch)
      json_array_append_new(list, jsonText(m, "argument name", st->args[i].name));
  return list;
}

static json_t *jsonKernels(Manifest *m) {
  static const char *const kModes[] = {"scalar", "in", "out", "inout"};
  const WspEmitState *st = m->st;
  const WspEmitKernel **sorted = wspEmitKernelsById(st);
  json_t *list = json_array();
  for (size_t i = 0; i < st->numKernels; ++i) {
    const WspEmitKernel *k = sorted[i];
    json_t *o = json_object();
    json_object_set_new(o, "func_id", jsonInt(k->funcId));
    json_object_set_new(o, "name", jsonText(m, "kernel name", k->name));
    json_object_set_new(o, "core_type", json_string(k->cube ? "aic" : "aiv"));
    json_object_set_new(o, "impl", jsonText(m, "kernel impl", k->impl));
    json_object_set_new(o, "source", jsonText(m, "kernel source path", k->path));
    json_t *modes = json_array();
    for (size_t j = 0; j < k->numModes; ++j)
      json_array_append_new(modes, json_string(kModes[k->modes[j]]));
    json_object_set_new(o, "modes", modes);
    json_array_append_new(list, o);
  }
  free(sorted);
  return list;
}

static json_t *jsonSymbols(Manifest *m) {
  const WspEmitState *st = m->st;
  json_t *list = json_array();
  for (size_t i = 0; i < st->numArgs; ++i) {
    const WspEmitArg *a = &st->args[i];
    if (!a->isSymbol)
      continue;
    char id[32];
    snprintf(id, sizeof id, "0x%016llx", wspSymbolId(a->symbolName, strlen(a->symbolName)));
    json_t *o = json_object();
    json_object_set_new(o, "name", jsonText(m, "host symbol name", a->symbolName));
    json_object_set_new(o, "id", json_string(id));
    json_object_set_new(o, "index", jsonInt((long long)i));
    json_object_set_new(o, "dtype", jsonText(m, "dtype", a->dtype));
    json_array_append_new(list, o);
  }
  return list;
}

/* The slot table: each element some kernel variant reads on device. */
static json_t *jsonSlots(Manifest *m) {
  const WspEmitState *st = m->st;
  json_t *list = json_array();
  for (size_t i = 0; i < st->numSlots; ++i) {
    const WspEmitSlot *s = &st->slots[i];
    json_t *o = json_object();
    json_object_set_new(o, "slot", jsonInt((long long)i));
    json_object_set_new(o, "tensor", s->tensor ? jsonText(m, "tensor name", s->tensor)
                                               : json_null());
    json_object_set_new(o, "index", jsonParsed(m, "slot index", s->index));
    json_object_set_new(o, "dtype", jsonText(m, "dtype", s->dtype));
    json_object_set_new(o, "type", jsonText(m, "slot type", s->type));
    json_t *readers = json_array();
    for (size_t r = 0; r < s->numReaders; ++r)
      json_array_append_new(readers, jsonText(m, "kernel name", s->readers[r]));
    json_object_set_new(o, "read_by", readers);
    json_object_set_new(o, "location", jsonText(m, "location", s->location));
    json_array_append_new(list, o);
  }
  return list;
}

static json_t *jsonSchedule(Manifest *m) {
  const WspEmitState *st = m->st;
  json_t *o = json_object();
  if (wspEmitHasWindow(st)) {
    json_t *window = json_object();
    json_object_set_new(window, "size", jsonInt(st->taskWindow));
    json_object_set_new(window, "mode",
                        jsonText(m, "window mode", st->windowMode ? st->windowMode : "stall"));
    json_object_set_new(o, "task_window", window);
  } else {
    json_object_set_new(o, "task_window", json_null());
  }
  json_object_set_new(o, "scope_ops", jsonInt((long long)st->numScopes));
  if (st->flavor == WSP_FLAVOR_TMR && st->minTaskWindow > 0) { /* sized by the pipeline */
    json_object_set_new(o, "min_task_window", jsonInt(st->minTaskWindow));
    json_t *rings = json_object();
    json_object_set_new(rings, "task_window", jsonRingList(st->ringWindows));
    json_object_set_new(rings, "heap", jsonRingList(st->ringHeaps));
    json_object_set_new(rings, "dep_pool", jsonRingList(st->ringDepPools));
    json_object_set_new(o, "rings", rings);
  }
  json_t *list = json_array();
  for (size_t i = 0; i < st->numDispatches; ++i) {
    const WspEmitDispatch *d = &st->dispatches[i];
    json_t *e = json_object();
    json_object_set_new(e, "kernel", jsonText(m, "kernel name", d->kernel));
    json_object_set_new(e, "policy", jsonText(m, "dispatch policy", d->policy));
    json_object_set_new(e, "domains", jsonInt(d->domains));
    json_object_set_new(e, "location", jsonText(m, "location", d->location));
    if (d->slotDependent)
      json_object_set_new(e, "slot_dependent", json_true());
    json_array_append_new(list, e);
  }
  json_object_set_new(o, "dispatch", list);
  return o;
}

static json_t *jsonCapabilities(Manifest *m) {
  const WspEmitState *st = m->st;
  json_t *list = json_array();
  for (size_t i = 0; i < st->numCaps; ++i) {
    const WspEmitCapability *c = &st->caps[i];
    json_t *o = json_object();
    json_object_set_new(o, "directive", jsonText(m, "capability", c->directive));
    json_object_set_new(o, "status", jsonText(m, "capability status", c->status));
    json_object_set_new(o, "detail", jsonText(m, "capability detail", c->detail));
    json_object_set_new(o, "how", jsonText(m, "capability text", c->how));
    json_array_append_new(list, o);
  }
  return list;
}

static json_t *jsonRuntime(Manifest *m) {
  const WspEmitState *st = m->st;
  json_t *o = json_object();
  json_object_set_new(o, "repository", jsonText(m, "repository", st->target->repository));
  json_object_set_new(o, "commit", jsonText(m, "commit", st->target->commit));
  json_object_set_new(o, "flavor", jsonText(m, "flavor", st->flavorName));
  json_object_set_new(o, "platform", jsonText(m, "platform", st->platform));
  json_object_set_new(o, "aicpu_thread_num", jsonInt(st->aicpuThreads));
  json_object_set_new(o, "block_dim", jsonInt(st->blockDim));
  json_object_set_new(o, "heap_bytes", jsonInt(st->heapBytes));
  json_object_set_new(o, "dep_pool", jsonInt(st->depPool));
  /* The targets write their env entries as "KEY": value text (the same
     hook feeds their Python files); parsed here, so the manifest only ever
     embeds checked JSON. */
  WspStringBuffer env;
  wspStringBufferInit(&env);
  wspStringBufferAppendStr(&env, "{");
  st->target->appendRuntimeEnv(&env, st);
  wspStringBufferAppendStr(&env, "}");
  json_object_set_new(o, "env", jsonParsed(m, "runtime env", env.data));
  wspStringBufferFree(&env);
  return o;
}

/*--- layout ---*/

static bool isBlockKey(const char *key) {
  return !strcmp(key, "runtime") || !strcmp(key, "schedule");
}

static void appendCompact(WspStringBuffer *b, const json_t *value) {
  char *text = json_dumps(value, JSON_PRESERVE_ORDER | JSON_ENCODE_ANY);
  wspStringBufferAppendStr(b, text ? text : "null");
  free(text);
}

static void appendIndent(WspStringBuffer *b, int indent) {
  for (int i = 0; i < indent; ++i)
    wspStringBufferAppendStr(b, " ");
}

/* `value` at `indent` (the column of its key): a block object one key per
   line, an array of objects one element per line, anything else one line. */
static void appendValue(WspStringBuffer *b, const json_t *value, int indent, bool block) {
  if (block && json_is_object(value)) {
    wspStringBufferAppendStr(b, "{");
    const char *key;
    const json_t *member;
    const char *sep = "\n";
    json_object_foreach((json_t *)value, key, member) {
      wspStringBufferAppendStr(b, sep);
      appendIndent(b, indent + 2);
      json_t *name = json_string(key);
      appendCompact(b, name);
      json_decref(name);
      wspStringBufferAppendStr(b, ": ");
      appendValue(b, member, indent + 2, isBlockKey(key));
      sep = ",\n";
    }
    wspStringBufferAppendStr(b, "\n");
    appendIndent(b, indent);
    wspStringBufferAppendStr(b, "}");
    return;
  }
  if (json_is_array(value) && json_array_size(value) > 0 &&
      json_is_object(json_array_get(value, 0))) {
    wspStringBufferAppendStr(b, "[");
    size_t i;
    const json_t *element;
    json_array_foreach(value, i, element) {
      wspStringBufferAppendStr(b, i ? ",\n" : "\n");
      appendIndent(b, indent + 2);
      appendCompact(b, element);
    }
    wspStringBufferAppendStr(b, "\n");
    appendIndent(b, indent);
    wspStringBufferAppendStr(b, "]");
    return;
  }
  appendCompact(b, value);
}

bool wspEmitManifest(WspEmitState *st) {
  Manifest m = {st, true};
  char fn[256];
  char *where = wspEmitLocationString(mlirOperationGetLocation(st->orchFunc));
  json_t *root = json_object();
  json_object_set_new(root, "abi", jsonText(&m, "ABI", st->target->abi));
  json_object_set_new(root, "generator", jsonText(&m, "generator", wspGetVersionString()));
  json_object_set_new(root, "runtime", jsonRuntime(&m));
  json_object_set_new(root, "workload", jsonText(&m, "workload name", st->workload));
  json_object_set_new(root, "source", jsonText(&m, "source location (the input file's name)", where));
  free(where);
  WspStringBuffer orchSource;
  wspStringBufferInit(&orchSource);
  wspStringBufferAppendf(&orchSource, "kernels/orchestration/%s_orch.cpp", st->workload);
  json_t *orch = json_object();
  json_object_set_new(orch, "source", jsonText(&m, "orchestration source", orchSource.data));
  json_object_set_new(orch, "function_name",
                      jsonText(&m, "orchestration function",
                               st->target->orchestrationFunction(st, fn, sizeof fn)));
  json_object_set_new(orch, "expected_arg_count", jsonInt((long long)st->numArgs));
  json_object_set_new(root, "orchestration", orch);
  wspStringBufferFree(&orchSource);
  json_object_set_new(root, "arguments", jsonArguments(&m));
  json_object_set_new(root, "outputs", jsonOutputs(&m));
  json_object_set_new(root, "kernels", jsonKernels(&m));
  json_object_set_new(root, "symbols", jsonSymbols(&m));
  json_object_set_new(root, "slots", jsonSlots(&m));
  json_object_set_new(root, "schedule", jsonSchedule(&m));
  json_object_set_new(root, "capabilities", jsonCapabilities(&m));
  json_object_set_new(root, "golden",
                      st->goldenFile ? jsonText(&m, "golden file name", st->goldenFile)
                                     : json_null());
  WspStringBuffer b;
  wspStringBufferInit(&b);
  if (m.ok) {
    appendValue(&b, root, 0, true);
    wspStringBufferAppendStr(&b, "\n");
  }
  json_decref(root);
  if (!m.ok) {
    wspStringBufferFree(&b);
    return false;
  }
  size_t length = b.length;
  wspEmitAddFile(st, "manifest.json", wspStringBufferTake(&b), length);
  return true;
}
