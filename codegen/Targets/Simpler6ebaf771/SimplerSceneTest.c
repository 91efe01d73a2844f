/* Prints simpler 6ebaf771's runner file, test_<workload>.py: a SceneTestCase
   (simpler_setup/scene_test.py) whose CALLABLE names the orchestration and
   kernels with their signatures, whose CASES come from the user's reference
   (ALL_CASES, else one "Default" case) and whose generate_args /
   compute_golden call the user's generate_inputs / compute_golden from
   golden.py (a verbatim copy): the same reference file serves both targets.
   Also the capability report and the runtime env of this target. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "EmitInternal.h"
#include "IRUtil.h"
#include "Simpler6ebaf771.h"
#include "mlir-c/BuiltinTypes.h"
#include "wsp-c/Diagnostics.h"

/*===--- runtime env and capabilities -------------------------------------===*/

static MlirWalkResult countPredicates(MlirOperation op, void *userData) {
  if (wspEmitOpIs(op, "taskring.predicate"))
    ++*(size_t *)userData;
  return MlirWalkResultAdvance;
}

/* One runtime_env knob: a 4-entry per-ring list (0 = the runtime default)
   when the program's scopes use several rings, else the scalar. */
static void appendKnob(WspStringBuffer *b, const char **sep, const char *key, int64_t scalar,
                       const int64_t rings[4], bool perRing) {
  if (perRing) {
    wspStringBufferAppendf(b, "%s\"%s\": [%lld, %lld, %lld, %lld]", *sep, key,
                           (long long)rings[0], (long long)rings[1], (long long)rings[2],
                           (long long)rings[3]);
    *sep = ", ";
  } else if (scalar > 0) {
    wspStringBufferAppendf(b, "%s\"%s\": %lld", *sep, key, (long long)scalar);
    *sep = ", ";
  }
}

/* CASES[i]["config"]["runtime_env"] of tensormap_and_ringbuffer (the
   RuntimeEnv knobs, call_config.h:52-106; a value is a scalar or one entry
   per ring, and a task's ring is min(scope depth, 3),
   pto_orchestrator.h:128-132); host_build_graph has none. With several rings
   in use the lists give the used rings the program's sizes and the others
   the runtime's minimums (window 4, heap 1024 bytes, dep pool 4), as
   taskring-size-resources computed them. */
void wspSimplerAppendRuntimeEnv(WspStringBuffer *b, const WspEmitState *st) {
  if (st->flavor != WSP_FLAVOR_TMR)
    return;
  const char *sep = "";
  bool perRing = st->numRingsUsed > 1;
  appendKnob(b, &sep, "ring_task_window", wspEmitHasWindow(st) ? st->taskWindow : 0,
             st->ringWindows, perRing);
  appendKnob(b, &sep, "ring_heap", st->heapBytes, st->ringHeaps, perRing);
  appendKnob(b, &sep, "ring_dep_pool", st->depPool, st->ringDepPools, perRing);
}

void wspSimplerCapabilities(WspEmitState *st) {
  bool tmr = st->flavor == WSP_FLAVOR_TMR;
  if (st->numSubmits) {
    WspEmitCapability *c = wspEmitAddCapability(st, "dependencies", "enforced");
    c->detail = wspEmitFormat("%zu submit op(s)", st->numSubmits);
    c->how = wspStrdup("the TensorMap orders read-after-write and write-after-write by the "
                       "params' modes (CoreTaskArgs add_input/add_output/add_inout); each writer "
                       "gets explicit dependencies on the earlier readers it overlaps "
                       "(set_dependencies: write-after-read), so readers run in parallel");
  }
  if (wspEmitHasWindow(st)) {
    const char *mode = st->windowMode ? st->windowMode : "stall";
    bool enforced = tmr && wspEmitWindowIsStall(st);
    WspEmitCapability *c = wspEmitAddWindowCapability(st);
    if (enforced && st->numRingsUsed > 1)
      c->how = wspEmitFormat("CASES config runtime_env ring_task_window=[%lld, %lld, %lld, %lld] "
                             "(one entry per ring; a task's ring is its scope depth, at most 3): "
                             "submit blocks while a ring's window is full",
                             (long long)st->ringWindows[0], (long long)st->ringWindows[1],
                             (long long)st->ringWindows[2], (long long)st->ringWindows[3]);
    else if (enforced)
      c->how = wspEmitFormat("CASES config runtime_env ring_task_window=%lld: submit blocks while "
                             "that many tasks are in flight",
                             (long long)st->taskWindow);
    else if (tmr)
      c->how = wspEmitFormat("simpler 6ebaf771 has no '%s' mode: ring_task_window=%lld makes "
                             "submission stall at the window instead",
                             mode, (long long)st->taskWindow);
    else
      c->how = wspStrdup("host_build_graph has no ring window (runtime_env is "
                         "tensormap_and_ringbuffer only); nothing bounds the tasks in flight");
  }
  if (st->numDispatches) {
    WspEmitCapability *c = wspEmitAddCapability(st, "dispatch", "recorded");
    c->detail = wspEmitFormat("%zu dispatch op(s)", st->numDispatches);
    c->how = wspStrdup("domains are computed in the orchestration (a comment and an unused local "
                       "per task) and listed in schedule.dispatch; simpler 6ebaf771 has no "
                       "per-task scheduler selection");
  }
  bool symbols = false;
  for (size_t i = 0; i < st->numArgs; ++i)
    symbols = symbols || st->args[i].isSymbol;
  if (symbols) {
    WspEmitCapability *c = wspEmitAddCapability(st, "symbols", "enforced");
    c->detail = wspStrdup("host symbols");
    c->how = wspStrdup("orchestration scalars (orch_args.scalar) read on every run; bind them in "
                       "generate_inputs (ids in manifest symbols)");
  }
  if (st->numSlots) {
    size_t variants = 0, predicates = 0;
    for (size_t i = 0; i < st->numKernels; ++i)
      variants += st->kernels[i].variant ? 1 : 0;
    mlirOperationWalk(st->orchFunc, countPredicates, &predicates, MlirWalkPreOrder);
    WspEmitCapability *c = wspEmitAddCapability(st, "slot_reads", "enforced");
    c->detail = wspEmitFormat("%zu slot(s), %zu dispatch predicate(s), %zu kernel variant(s)",
                              st->numSlots, predicates, variants);
    c->how = wspStrdup("predicated execution: the tasks of every branch are submitted; on "
                       "tensormap_and_ringbuffer a task guarded by one 'element <cmp> "
                       "constant' gets a dispatch predicate "
                       "(CoreTaskArgs::set_predicate: the scheduler retires it undispatched "
                       "when false), any other condition a kernel variant that reads its slots "
                       "on device and runs its base kernel only when its guards hold (manifest "
                       "slots)");
  }
  wspEmitFinishCapabilityReport(st);
}

/*===--- test_<workload>.py -----------------------------------------------===*/

static const char *direction(WspParamMode mode) {
  static const char *const kNames[] = {"D.SCALAR", "D.IN", "D.OUT", "D.INOUT"};
  return kNames[mode & 3];
}

/* The direction of an orchestration tensor: what the runner uploads and
   compares. A written tensor is INOUT (uploaded: elements no task writes
   keep their values; compared); a scratch tensor is IN (zeros, never
   compared). */
static const char *argDirection(const WspEmitArg *a) {
  return a->isScratch ? "D.IN" : (a->access & WSP_MODE_OUT) ? "D.INOUT" : "D.IN";
}

static void appendCallable(WspStringBuffer *b, const WspEmitState *st) {
  wspStringBufferAppendf(b,
                         "CALLABLE = {\n"
                         "    \"orchestration\": {\n"
                         "        \"source\": \"kernels/orchestration/%s_orch.cpp\",\n"
                         "        \"function_name\": \"aicpu_orchestration_entry\",\n"
                         "        \"signature\": [",
                         st->workload);
  const char *sep = "";
  for (size_t i = 0; i < st->numArgs; ++i)
    if (st->args[i].isTensor) {
      wspStringBufferAppendf(b, "%s%s", sep, argDirection(&st->args[i]));
      sep = ", ";
    }
  wspStringBufferAppendStr(b, "],\n    },\n    \"incores\": [\n");
  const WspEmitKernel **sorted = wspEmitKernelsById(st);
  for (size_t i = 0; i < st->numKernels; ++i) {
    const WspEmitKernel *k = sorted[i];
    wspStringBufferAppendf(b,
                           "        {\"func_id\": %lld, \"name\": \"%s\", \"source\": \"%s\", "
                           "\"core_type\": \"%s\",\n         \"signature\": [",
                           (long long)k->funcId, k->name, k->path, k->cube ? "aic" : "aiv");
    sep = "";
    for (size_t m = 0; m < k->numModes; ++m)
      if (k->modes[m] != WSP_MODE_SCALAR) {
        wspStringBufferAppendf(b, "%s%s", sep, direction(k->modes[m]));
        sep = ", ";
      }
    wspStringBufferAppendStr(b, "]},\n");
  }
  free(sorted);
  wspStringBufferAppendStr(b, "    ],\n}\n\n");
}

static void appendArguments(WspStringBuffer *b, const WspEmitState *st) {
  wspStringBufferAppendStr(b, "# The orchestration arguments in program order: (name, kind, "
                              "dtype, shape, scratch).\n_ARGUMENTS = [\n");
  for (size_t i = 0; i < st->numArgs; ++i) {
    const WspEmitArg *a = &st->args[i];
    wspStringBufferAppendStr(b, "    (");
    wspEmitAppendQuoted(b, a->name);
    wspStringBufferAppendf(b, ", \"%s\", \"%s\", ", a->isTensor ? "tensor" : "scalar", a->dtype);
    if (a->isTensor)
      wspEmitAppendShape(b, a->type);
    else
      wspStringBufferAppendStr(b, "None");
    wspStringBufferAppendf(b, ", %s),\n", a->isScratch ? "True" : "False");
  }
  wspStringBufferAppendStr(b, "]\n");
}

static const char kSceneSupport[] =
    "\n\ndef _load_golden():\n"
    "    path = _HERE / \"golden.py\"\n"
    "    if not path.is_file():\n"
    "        raise FileNotFoundError(f\"{path}: no reference; compile with --golden <file> (a \"\n"
    "                                \"module with generate_inputs and compute_golden) or let \"\n"
    "                                \"wsp.run write one from inputs and expected values\")\n"
    "    spec = importlib.util.spec_from_file_location(_GOLDEN_MODULE, path)\n"
    "    module = importlib.util.module_from_spec(spec)\n"
    "    spec.loader.exec_module(module)\n"
    "    return module\n"
    "\n"
    "\n"
    "_GOLDEN = _load_golden()\n"
    "\n"
    "\n"
    "def _bits(value, dtype):\n"
    "    \"\"\"The u64 bits a scalar argument travels as (a float in the low 32 bits).\"\"\"\n"
    "    if isinstance(value, ctypes._SimpleCData):\n"
    "        value = value.value\n"
    "    if hasattr(value, \"item\"):\n"
    "        value = value.item()\n"
    "    if dtype == \"float32\":\n"
    "        return struct.unpack(\"<I\", struct.pack(\"<f\", float(value)))[0]\n"
    "    if dtype == \"float64\":\n"
    "        return struct.unpack(\"<Q\", struct.pack(\"<d\", float(value)))[0]\n"
    "    return int(value) & 0xFFFFFFFFFFFFFFFF\n"
    "\n"
    "\n"
    "def _torch_dtype(dtype):\n"
    "    return getattr(torch, \"int64\" if dtype == \"uint64\" else dtype)\n"
    "\n"
    "\n"
    "def _inputs(params):\n"
    "    \"\"\"generate_inputs of the reference, checked, with the scratch tensors added.\"\"\"\n"
    "    args = _GOLDEN.generate_inputs(params)\n"
    "    names = [a[0] if isinstance(a, tuple) and len(a) == 2 else None for a in args] \\\n"
    "        if isinstance(args, list) else None\n"
    "    expected = [a[0] for a in _ARGUMENTS if not a[4]]\n"
    "    if names != expected:\n"
    "        raise ValueError(\"golden.py: generate_inputs must return [(name, value), ...] for \"\n"
    "                         f\"the orchestration arguments {expected} in this order; got {names}\")\n"
    "    values = dict(args)\n"
    "    for name, kind, dtype, shape, scratch in _ARGUMENTS:\n"
    "        if scratch:\n"
    "            values[name] = torch.zeros(shape, dtype=_torch_dtype(dtype))\n"
    "        elif kind == \"tensor\":\n"
    "            t = torch.as_tensor(values[name])\n"
    "            if list(t.shape) != shape or t.dtype != _torch_dtype(dtype):\n"
    "                raise ValueError(f\"golden.py: tensor '{name}' must be {dtype} of shape \"\n"
    "                                 f\"{shape}; got {t.dtype} of shape {list(t.shape)}\")\n"
    "            values[name] = t.contiguous()\n"
    "    return values\n"
    "\n"
    "\n"
    "class _WspScene:  # a plain mixin: run_module discovers every SceneTestCase subclass\n"
    "    RTOL = getattr(_GOLDEN, \"RTOL\", 1e-5)\n"
    "    ATOL = getattr(_GOLDEN, \"ATOL\", 1e-5)\n"
    "    CASES = [\n"
    "        {\"name\": name, \"platforms\": [\"a2a3sim\", \"a2a3\"], \"params\": params,\n"
    "         \"config\": _CONFIG}\n"
    "        for name, params in getattr(_GOLDEN, \"ALL_CASES\", {\"Default\": {}}).items()\n"
    "    ]\n"
    "\n"
    "    def generate_args(self, params):\n"
    "        values = _inputs(params)\n"
    "        self._wsp_values = values\n"
    "        tensors = [TensorArg(a[0], values[a[0]]) for a in _ARGUMENTS if a[1] == \"tensor\"]\n"
    "        scalars = [Scalar(a[0], _bits(values[a[0]], a[2])) for a in _ARGUMENTS\n"
    "                   if a[1] == \"scalar\"]\n"
    "        return TaskArgsBuilder(*tensors, *scalars)\n"
    "\n"
    "    def compute_golden(self, args, params):\n"
    "        values = getattr(self, \"_wsp_values\", None) or _inputs(params)\n"
    "        tensors = {a[0]: getattr(args, a[0]) if a[1] == \"tensor\" else values[a[0]]\n"
    "                   for a in _ARGUMENTS if not a[4]}\n"
    "        _GOLDEN.compute_golden(tensors, params)\n";

bool wspSimplerSceneTest(WspEmitState *st) {
  const char *goldenPath = st->options->goldenPath;
  size_t length = 0;
  if (goldenPath) {
    const char *why = "";
    char *text = wspEmitReadFile(goldenPath, &length, &why);
    if (!text) {
      wspEmitErrorf(st->context,
                    mlirLocationFileLineColGet(st->mlir,
                                               mlirStringRefCreateFromCString(goldenPath), 0, 0),
                    "cannot read golden file '%s': %s", goldenPath, why);
      return false;
    }
    wspEmitAddFile(st, "golden.py", text, length);
  }

  WspStringBuffer b;
  wspStringBufferInit(&b);
  char *where = wspEmitLocationString(mlirOperationGetLocation(st->orchFunc));
  wspStringBufferAppendf(&b,
                         "#!/usr/bin/env python3\n"
                         "\"\"\"Runner of workload '%s' (",
                         st->workload);
  /* The location may hold any byte: keep the docstring well-formed. */
  for (const char *c = where; *c; ++c)
    wspStringBufferAppendf(&b, "%c", (*c == '"' || *c == '\\' || (unsigned char)*c < 0x20) ? '?'
                                                                                          : *c);
  free(where);
  wspStringBufferAppendf(&b,
                         "), generated by wsp for simpler 6ebaf771, %s.\n\n"
                         "Run it with `python3 test_%s.py -p a2a3sim` from anywhere (see "
                         "docs/running-on-simpler.md).\n"
                         "The inputs and the expected outputs come from golden.py, the "
                         "reference given to --golden;\n"
                         "the arguments, outputs and symbols are in manifest.json.\n\"\"\"\n\n"
                         "import ctypes\nimport importlib.util\nimport struct\n"
                         "from pathlib import Path\n\nimport torch\n"
                         "from simpler.task_interface import ArgDirection as D\n\n"
                         "from simpler_setup import Scalar, SceneTestCase, TaskArgsBuilder, "
                         "TensorArg, scene_test\n\n"
                         "_HERE = Path(__file__).resolve().parent\n"
                         "_GOLDEN_MODULE = \"_wsp_golden_%s\"\n\n",
                         st->flavorName, st->workload, st->workload);
  appendCallable(&b, st);
  appendArguments(&b, st);
  WspStringBuffer env;
  wspStringBufferInit(&env);
  wspSimplerAppendRuntimeEnv(&env, st);
  wspStringBufferAppendf(&b, "# The runtime's knobs (RuntimeEnv: the program's task window, "
                             "heap, dep pool).\n_CONFIG = %s%s%s\n",
                         env.length ? "{\"runtime_env\": {" : "{", env.length ? env.data : "",
                         env.length ? "}}" : "}");
  wspStringBufferFree(&env);
  wspStringBufferAppendStr(&b, kSceneSupport);
  wspStringBufferAppendf(&b,
                         "\n\n@scene_test(level=2, runtime=\"%s\")\n"
                         "class TestWsp_%s(_WspScene, SceneTestCase):\n"
                         "    CALLABLE = CALLABLE\n\n\n"
                         "if __name__ == \"__main__\":\n"
                         "    SceneTestCase.run_module(__name__)\n",
                         st->flavorName, st->workload);
  WspStringBuffer path;
  wspStringBufferInit(&path);
  wspStringBufferAppendf(&path, "test_%s.py", st->workload);
  length = b.length;
  wspEmitAddFile(st, path.data, wspStringBufferTake(&b), length);
  wspStringBufferFree(&path);
  return true;
}
