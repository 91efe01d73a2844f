/* What every target's orchestration printer shares for CSP (docs/csp.md):
   the process functions of the module, the C++ support they run on (the
   shared scheduler runtime/csp_scheduler.hpp, then the WspCsp class each
   target derives from it in its runtime/csp_support.hpp) and the calls of
   that support (`wsp_csp.channel/spawn/send/recv/close`). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "EmitInternal.h"
#include "IRUtil.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "wsp-c/Diagnostics.h"

static MlirLocation loc(MlirOperation op) { return mlirOperationGetLocation(op); }
static WspHookResult failed(void) { return WSP_HOOK_FAILED; }

/* codegen/Core/runtime/csp_scheduler.hpp, embedded (lib/CMakeLists.txt). */
extern const char wspCspScheduler[];

void wspEmitCspSupport(WspStringBuffer *file, const char *tensorType, const char *targetSupport) {
  wspStringBufferAppendf(file, "typedef %s WspCspTensor;  // a process's tensor argument\n",
                         tensorType);
  wspStringBufferAppendStr(file, wspCspScheduler);
  wspStringBufferAppendStr(file, targetSupport);
}

/* A name made safe inside a C++ string literal, in place: quotes,
   backslashes and control bytes become '?' (as wspEmitLocationString does
   for locations). */
char *wspEmitLiteralText(char *text) {
  for (char *c = text; c && *c; ++c)
    if (*c == '"' || *c == '\\' || (unsigned char)*c < 0x20)
      *c = '?';
  return text;
}

void wspEmitCspCollect(WspEmitState *st, WspEmitCsp *o) {
  MlirBlock body = mlirModuleGetBody(st->module);
  for (MlirOperation op = mlirBlockGetFirstOperation(body); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op))
    if (wspEmitOpIs(op, "func.func") && wspHasAttr(op, "taskring.process") &&
        !wspFuncIsDeclaration(op)) {
      if (o->numProcesses == o->capProcesses) {
        o->capProcesses = o->capProcesses ? 2 * o->capProcesses : 16;
        o->processes = wspRealloc(o->processes, o->capProcesses * sizeof(MlirOperation));
      }
      wspPointerMapSet(&o->indexOf, op.ptr, (void *)(uintptr_t)(o->numProcesses + 1));
      o->processes[o->numProcesses++] = op;
    }
  if (o->numProcesses)
    o->symbols = mlirSymbolTableCreate(mlirModuleGetOperation(st->module));
}

/* The builtin empty kernel: the CSP support's token, join and slot tasks. */
int64_t wspEmitNoopKernelId(const WspEmitState *st) {
  for (size_t i = 0; i < st->numKernels; ++i)
    if (strcmp(st->kernels[i].impl, "builtin") == 0)
      return st->kernels[i].funcId;
  return -1;
}

void wspEmitCspDeclarations(WspStringBuffer *b, const WspEmitCsp *o) {
  for (size_t i = 0; i < o->numProcesses; ++i) {
    MlirStringRef name = wspSymName(o->processes[i]);
    char *id = wspEmitIdentifier(name.data, name.length);
    wspStringBufferAppendf(b, "void wsp_proc%zu(WspCsp& wsp_csp, WspProc& wsp_self);  // %s\n",
                           i, id);
    free(id);
  }
  wspStringBufferAppendStr(b, "\n");
}

/* Names a process's channel and scalar parameters (tensors come through
   taskring.tensor_param). */
void wspEmitProcessParams(WspCppWriter *w, MlirOperation fn) {
  MlirBlock entry = wspFuncEntryBlock(fn);
  for (intptr_t i = 0; i < mlirBlockGetNumArguments(entry); ++i) {
    MlirValue v = mlirBlockGetArgument(entry, i);
    MlirType t = mlirValueGetType(v);
    if (mlirTypeIsAMemRef(t))
      continue;
    const char *name = wspCppDefine(w, v);
    if (!mlirTypeIsAInteger(t) && !mlirTypeIsAIndex(t) && !mlirTypeIsAFloat(t)) {
      wspCppLine(w, "[[maybe_unused]] const int %s = wsp_self.args[%zd].channel;", name, i);
      continue;
    }
    char bits[48];
    snprintf(bits, sizeof bits, "wsp_self.args[%zd].bits", i);
    char *decoded = wspCppFromBits(t, bits);
    wspCppLine(w, "%sconst %s %s = %s;", wspCppUnusedPrefix(v), wspCppScalarType(t), name,
               decoded);
    free(decoded);
  }
}

static WspHookResult emitCreateChannel(WspCppWriter *w, MlirOperation op) {
  char *name = wspEmitStringAttr(op, "name");
  int64_t capacity = 1;
  wspAttrInt(op, "capacity", &capacity);
  wspEmitLiteralText(name);
  const char *v = wspCppDefine(w, mlirOperationGetResult(op, 0));
  wspCppLine(w, "const int %s = wsp_csp.channel(\"%s\", %lld);", v, name ? name : "",
             (long long)capacity);
  free(name);
  return WSP_HOOK_DONE;
}

static WspHookResult emitTensorParam(WspCppWriter *w, MlirOperation op) {
  int64_t index = 0;
  wspAttrInt(op, "index", &index);
  const char *v = wspCppDefine(w, mlirOperationGetResult(op, 0));
  wspCppLine(w, "WspCspTensor %s = wsp_self.args[%lld].tensor;", v, (long long)index);
  return WSP_HOOK_DONE;
}

static size_t processIndex(const WspEmitCsp *o, MlirAttribute symbol) {
  if (mlirSymbolTableIsNull(o->symbols) || mlirAttributeIsNull(symbol) ||
      !mlirAttributeIsAFlatSymbolRef(symbol))
    return o->numProcesses;
  MlirOperation callee = mlirSymbolTableLookup(o->symbols, mlirFlatSymbolRefAttrGetValue(symbol));
  void *index;
  if (mlirOperationIsNull(callee) || !wspPointerMapGet(&o->indexOf, callee.ptr, &index))
    return o->numProcesses;
  return (size_t)(uintptr_t)index - 1;
}

static bool emitSpawnArg(WspCppWriter *w, MlirOperation op, const char *proc, intptr_t i,
                         const char *where, const char *failReturn) {
  MlirValue v = mlirOperationGetOperand(op, i);
  MlirOperation def = mlirValueIsAOpResult(v) ? mlirOpResultGetOwner(v) : (MlirOperation){0};
  if (!def.ptr) {
    wspEmitErrorf(w->st->context, loc(op),
                  "'taskring.spawn' argument %zd is not a param; box each argument with "
                  "taskring.input/output/inout, taskring.scalar or taskring.channel_end",
                  i);
    return false;
  }
  const char *name = wspCppUse(w, mlirOperationGetOperand(def, 0), def);
  if (!name)
    return false;
  if (wspEmitOpIs(def, "taskring.channel_end")) {
    char *mode = wspEmitStringAttr(def, "mode");
    bool receives = mode && strcmp(mode, "in") == 0;
    free(mode);
    wspCppLine(w, "%s.args[%zd].channel = %s;", proc, i, name);
    wspCppLine(w, "if (!wsp_csp.add_end(%s, %s, %s, \"%s\")) %s", proc, name,
               receives ? "true" : "false", where, failReturn);
  } else if (wspEmitOpIs(def, "taskring.scalar")) {
    char *bits = wspCppBitsOf(w, mlirOperationGetOperand(def, 0), def);
    if (!bits)
      return false;
    wspCppLine(w, "%s.args[%zd].bits = %s;", proc, i, bits);
    free(bits);
  } else {
    wspCppLine(w, "%s.args[%zd].tensor = %s;", proc, i, name);
  }
  return true;
}

static WspHookResult emitSpawn(WspCppWriter *w, WspEmitCsp *o, MlirOperation op,
                               const char *failReturn) {
  size_t index = processIndex(o, wspAttr(op, "process"));
  if (index == o->numProcesses) {
    wspEmitErrorf(w->st->context, loc(op),
                  "'taskring.spawn' names no func.func with 'taskring.process' and a body; "
                  "spawn a process function (wsp-lower-to-taskring marks them)");
    return failed();
  }
  MlirStringRef symbol = wspSymName(o->processes[index]);
  char *name = wspEmitLiteralText(wspStrndup(symbol.data, symbol.length));
  char *where = wspEmitLocationString(loc(op));
  char proc[48];
  snprintf(proc, sizeof proc, "wsp_spawn%zu", w->nextValue++);
  wspCppLine(w, "{");
  w->indent++;
  wspCppLine(w, "WspProc& %s = wsp_csp.spawn(\"%s\", &wsp_proc%zu);", proc, name, index);
  intptr_t n = mlirOperationGetNumOperands(op);
  wspCppLine(w, "%s.args.resize(%zd);", proc, n);
  bool ok = true;
  for (intptr_t i = 0; i < n && ok; ++i)
    ok = emitSpawnArg(w, op, proc, i, where, failReturn);
  w->indent--;
  wspCppLine(w, "}");
  free(where);
  free(name);
  return ok ? WSP_HOOK_DONE : failed();
}

static WspHookResult emitSend(WspCppWriter *w, MlirOperation op) {
  const char *ch = wspCppUse(w, mlirOperationGetOperand(op, 0), op);
  const char *tok = wspCppUse(w, mlirOperationGetOperand(op, 1), op);
  if (!ch || !tok)
    return failed();
  WspStringBuffer after;
  wspStringBufferInit(&after);
  for (intptr_t i = 2; i < mlirOperationGetNumOperands(op); ++i) {
    const char *h = wspCppUse(w, mlirOperationGetOperand(op, i), op);
    if (!h) {
      wspStringBufferFree(&after);
      return failed();
    }
    wspStringBufferAppendf(&after, "%s(int64_t)%s", i > 2 ? ", " : "", h);
  }
  char *where = wspEmitLocationString(loc(op));
  wspCppLine(w, "if (!wsp_csp.send(wsp_self, %s, (int64_t)%s, {%s}, \"%s\")) return;", ch, tok,
             after.data ? after.data : "", where);
  free(where);
  wspStringBufferFree(&after);
  return WSP_HOOK_DONE;
}

static WspHookResult emitRecv(WspCppWriter *w, MlirOperation op) {
  const char *ch = wspCppUse(w, mlirOperationGetOperand(op, 0), op);
  if (!ch)
    return failed();
  MlirValue okValue = mlirOperationGetResult(op, 0), tokValue = mlirOperationGetResult(op, 1);
  const char *okName = wspCppDefine(w, okValue);
  const char *tokName = wspCppDefine(w, tokValue);
  char *where = wspEmitLocationString(loc(op));
  wspCppLine(w, "bool %s_ok = false;", okName);
  wspCppLine(w, "int64_t %s_raw = 0;", tokName);
  wspCppLine(w, "if (!wsp_csp.recv(wsp_self, %s, &%s_ok, &%s_raw, \"%s\")) return;", ch, okName,
             tokName, where);
  wspCppLine(w, "%sconst bool %s = %s_ok;", wspCppUnusedPrefix(okValue), okName, okName);
  wspCppLine(w, "%sconst %s %s = (%s)%s_raw;", wspCppUnusedPrefix(tokValue),
             wspCppScalarType(mlirValueGetType(tokValue)), tokName,
             wspCppScalarType(mlirValueGetType(tokValue)), tokName);
  free(where);
  return WSP_HOOK_DONE;
}

static WspHookResult emitClose(WspCppWriter *w, MlirOperation op) {
  const char *ch = wspCppUse(w, mlirOperationGetOperand(op, 0), op);
  if (!ch)
    return failed();
  char *where = wspEmitLocationString(loc(op));
  wspCppLine(w, "if (!wsp_csp.close(wsp_self, %s, \"%s\")) return;", ch, where);
  free(where);
  return WSP_HOOK_DONE;
}

WspHookResult wspEmitCspOp(WspCppWriter *w, WspEmitCsp *csp, MlirOperation op,
                           const char *failReturn) {
  MlirStringRef name = wspOpName(op);
  if (wspStrIs(name, "taskring.channel_end"))
    return WSP_HOOK_DONE; /* folded into the spawn that passes it */
  static const char *const kCspOps[] = {"taskring.create_channel", "taskring.tensor_param",
                                        "taskring.spawn", "taskring.send", "taskring.recv",
                                        "taskring.close"};
  for (size_t i = 0; i < sizeof kCspOps / sizeof kCspOps[0]; ++i) {
    if (!wspStrIs(name, kCspOps[i]))
      continue;
    if ((i == 1 || i >= 3) && !csp->inProcess) {
      wspEmitErrorf(w->st->context, loc(op),
                    "'%s' may only appear in a taskring.process function: it is a process's "
                    "yield point or parameter, and the orchestration function is no process; "
                    "move it into a process body",
                    kCspOps[i]);
      return failed();
    }
    wspCppLocation(w, op);
    switch (i) {
    case 0: return emitCreateChannel(w, op);
    case 1: return emitTensorParam(w, op);
    case 2: return emitSpawn(w, csp, op, failReturn);
    case 3: return emitSend(w, op);
    case 4: return emitRecv(w, op);
    default: return emitClose(w, op);
    }
  }
  return WSP_HOOK_NOT_MINE;
}

void wspEmitCspFree(WspEmitCsp *csp) {
  free(csp->processes);
  wspPointerMapFree(&csp->indexOf);
  if (!mlirSymbolTableIsNull(csp->symbols))
    mlirSymbolTableDestroy(csp->symbols);
}
