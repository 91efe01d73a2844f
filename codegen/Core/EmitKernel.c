/* Prints one C++ file per kernel (docs/artifact.md, "Kernel ABIs"):
   impl "generated" translates the kernel's func.func body into plain C++
   loops over the runtime's argument form; impl "source" copies the user's
   file; impl "builtin" ("alloc") is an empty kernel whose task only marks its
   output as produced. Every kernel exports
   `extern "C" void kernel_entry(__gm__ int64_t* args)`, the symbol the sim
   loader looks up. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "EmitInternal.h"
#include "IRUtil.h"
#include "mlir-c/BuiltinTypes.h"
#include "wsp-c/Diagnostics.h"

const char wspKernelEntryDefines[] =
    "// Kernels may be compiled without pto-isa's headers, which define these.\n"
    "#ifndef __gm__\n#define __gm__\n#endif\n"
    "#ifndef __aicore__\n#define __aicore__\n#endif\n\n";

typedef struct KernelGen {
  const WspEmitKernel *kernel;
} KernelGen;

static const WspEmitKernel *kernelOf(WspCppWriter *w) {
  return ((KernelGen *)w->hookData)->kernel;
}

/*===--- memref accesses ---------------------------------------------------===*/

/* `name[i0 * name_s0 + i1 * name_s1 + ...]` for a load or store. */
static char *elementRef(WspCppWriter *w, MlirOperation op, intptr_t memrefOperand) {
  MlirValue memref = mlirOperationGetOperand(op, memrefOperand);
  const char *base = wspCppUse(w, memref, op);
  if (!base)
    return NULL;
  intptr_t rank = (intptr_t)mlirShapedTypeGetRank(mlirValueGetType(memref));
  if (mlirOperationGetNumOperands(op) != memrefOperand + 1 + rank) {
    wspEmitErrorf(w->st->context, mlirOperationGetLocation(op),
                  "a memref access needs one index per dimension");
    return NULL;
  }
  WspStringBuffer b;
  wspStringBufferInit(&b);
  wspStringBufferAppendf(&b, "%s[", base);
  for (intptr_t d = 0; d < rank; ++d) {
    const char *index = wspCppUse(w, mlirOperationGetOperand(op, memrefOperand + 1 + d), op);
    if (!index) {
      wspStringBufferFree(&b);
      return NULL;
    }
    wspStringBufferAppendf(&b, "%s%s * %s_s%zd", d ? " + " : "", index, base, d);
  }
  wspStringBufferAppendStr(&b, rank ? "]" : "0]");
  return wspStringBufferTake(&b);
}

static WspHookResult emitLoad(WspCppWriter *w, MlirOperation op) {
  char *ref = elementRef(w, op, 0);
  if (!ref)
    return WSP_HOOK_FAILED;
  MlirValue result = mlirOperationGetResult(op, 0);
  const char *type = wspCppScalarType(mlirValueGetType(result));
  const char *name = wspCppDefine(w, result);
  wspCppLine(w, "%sconst %s %s = %s;", wspCppUnusedPrefix(result), type ? type : "auto", name,
             ref);
  free(ref);
  return WSP_HOOK_DONE;
}

/* A store into an "in" parameter would race with other readers of the
   tile: reject it here rather than let the runtime misbehave. */
static bool storesToInput(WspCppWriter *w, MlirValue memref) {
  if (!mlirValueIsABlockArgument(memref))
    return false;
  const WspEmitKernel *k = kernelOf(w);
  MlirBlock entry = wspFuncEntryBlock(k->body);
  if (!mlirBlockEqual(mlirBlockArgumentGetOwner(memref), entry))
    return false;
  return wspEmitBodyMode(k, (size_t)mlirBlockArgumentGetArgNumber(memref)) == WSP_MODE_IN;
}

static WspHookResult emitStore(WspCppWriter *w, MlirOperation op) {
  if (storesToInput(w, mlirOperationGetOperand(op, 1))) {
    wspEmitErrorf(w->st->context, mlirOperationGetLocation(op),
                  "kernel '%s' stores into a parameter whose mode is \"in\"; make it \"out\" or "
                  "\"inout\"",
                  kernelOf(w)->symName);
    return WSP_HOOK_FAILED;
  }
  const char *value = wspCppUse(w, mlirOperationGetOperand(op, 0), op);
  char *ref = value ? elementRef(w, op, 1) : NULL;
  if (!ref)
    return WSP_HOOK_FAILED;
  wspCppLine(w, "%s = %s;", ref, value);
  free(ref);
  return WSP_HOOK_DONE;
}

/* A static-shape scratch buffer local to one kernel invocation. */
static WspHookResult emitAlloca(WspCppWriter *w, MlirOperation op) {
  MlirValue result = mlirOperationGetResult(op, 0);
  MlirType t = mlirValueGetType(result);
  const char *type = wspCppScalarType(mlirShapedTypeGetElementType(t));
  int64_t rank = mlirShapedTypeGetRank(t);
  bool ok = type && mlirOperationGetNumOperands(op) == 0 && rank <= WSP_EMIT_MAX_TENSOR_RANK;
  const int64_t limit = 1 << 16;
  int64_t count = 1;
  for (int64_t d = 0; ok && d < rank; ++d) {
    int64_t size = mlirShapedTypeIsDynamicDim(t, (intptr_t)d) ? -1
                                                               : mlirShapedTypeGetDimSize(t, (intptr_t)d);
    ok = size > 0 && size <= limit / count; /* checked before multiplying: no overflow */
    count *= ok ? size : 1;
  }
  if (!ok) {
    wspEmitErrorf(w->st->context, mlirOperationGetLocation(op),
                  "'memref.alloca' in a kernel needs a static shape of at most 65536 elements of "
                  "a scalar type");
    return WSP_HOOK_FAILED;
  }
  const char *name = wspCppDefine(w, result);
  wspCppLine(w, "%s %s_data[%lld] = {};", type, name, (long long)count);
  wspCppLine(w, "%s* %s = %s_data;", type, name, name);
  int64_t stride = 1;
  for (int64_t d = rank - 1; d >= 0; --d) {
    wspCppLine(w, "const int64_t %s_s%lld = %lld;", name, (long long)d, (long long)stride);
    stride *= mlirShapedTypeGetDimSize(t, (intptr_t)d);
  }
  return WSP_HOOK_DONE;
}

static WspHookResult kernelHook(WspCppWriter *w, MlirOperation op) {
  bool load = wspEmitOpIs(op, "memref.load");
  bool store = wspEmitOpIs(op, "memref.store");
  bool alloca = wspEmitOpIs(op, "memref.alloca");
  if (!load && !store && !alloca)
    return WSP_HOOK_NOT_MINE;
  wspCppLocation(w, op);
  return load ? emitLoad(w, op) : store ? emitStore(w, op) : emitAlloca(w, op);
}

/*===--- entry prologue: the runtime's argument form -----------------------===*/

/* Declares pointer `name` and strides name_s<d> for tensor parameter i. */
static void emitTensorParam(WspCppWriter *w, const char *name, MlirType type, size_t i,
                            WspParamMode mode) {
  const char *elem = wspCppScalarType(mlirShapedTypeGetElementType(type));
  const char *qual = mode == WSP_MODE_IN ? "const " : "";
  int64_t rank = mlirShapedTypeGetRank(type);
  if (wspEmitKernelTakesDescriptors(w->st)) {
    const char *desc = w->st->target->tensorStruct;
    wspCppLine(w, "__gm__ %s* %s_t = reinterpret_cast<__gm__ %s*>(args[%zu]);", desc, name, desc,
               i);
    wspCppLine(w, "__gm__ %s%s* %s = reinterpret_cast<__gm__ %s%s*>(%s_t->buffer.addr) + "
                  "%s_t->start_offset;", qual, elem, name, qual, elem, name, name);
    for (int64_t d = rank - 1; d >= 0; --d) {
      if (w->st->target->tensorStrides)
        wspCppLine(w, "const int64_t %s_s%lld = (int64_t)%s_t->strides[%lld];", name,
                   (long long)d, name, (long long)d);
      else if (d == rank - 1)
        wspCppLine(w, "const int64_t %s_s%lld = 1;", name, (long long)d);
      else
        wspCppLine(w, "const int64_t %s_s%lld = %s_s%lld * (int64_t)%s_t->raw_shapes[%lld];",
                   name, (long long)d, name, (long long)(d + 1), name, (long long)(d + 1));
    }
    return;
  }
  wspCppLine(w, "__gm__ %s%s* %s = reinterpret_cast<__gm__ %s%s*>(args[%zu]);", qual, elem, name,
             qual, elem, i);
}

/* host_build_graph passes the strides after the pointer (docs/artifact.md). */
static size_t emitHbgStrides(WspCppWriter *w, const char *name, MlirType type, size_t slot) {
  int64_t rank = mlirShapedTypeGetRank(type);
  for (int64_t d = 0; d < rank; ++d) {
    if (d == rank - 1)
      wspCppLine(w, "const int64_t %s_s%lld = 1;", name, (long long)d);
    else
      wspCppLine(w, "const int64_t %s_s%lld = (int64_t)args[%zu];", name, (long long)d, slot++);
  }
  return slot;
}

static bool checkParamType(WspCppWriter *w, MlirType type, size_t i) {
  bool ok = mlirTypeIsAMemRef(type)
                ? wspCppScalarType(mlirShapedTypeGetElementType(type)) &&
                      mlirShapedTypeGetRank(type) <= WSP_EMIT_MAX_TENSOR_RANK
                : wspCppScalarType(type) != NULL;
  if (!ok) {
    char *s = wspTypeToString(type);
    wspEmitErrorf(w->st->context, mlirOperationGetLocation(kernelOf(w)->body),
                  "kernel '%s' parameter %zu has type %s, which has no C++ form in a kernel for "
                  "runtime %s",
                  kernelOf(w)->symName, i, s, w->st->flavorName);
    free(s);
  }
  return ok;
}

static bool emitPrologue(WspCppWriter *w) {
  const WspEmitKernel *k = kernelOf(w);
  MlirBlock entry = wspFuncEntryBlock(k->body);
  size_t slot = 0; /* args[] index */
  /* Tensors first (simpler): scalars start after the last tensor. */
  size_t tensors = 0, scalarSlot = 0;
  for (size_t i = 0; i < wspEmitBodyParams(k); ++i)
    tensors += wspEmitBodyMode(k, i) != WSP_MODE_SCALAR ? 1 : 0;
  for (size_t i = 0; i < wspEmitBodyParams(k); ++i) {
    MlirValue v = mlirBlockGetArgument(entry, (intptr_t)i);
    MlirType type = mlirValueGetType(v);
    if (!checkParamType(w, type, i))
      return false;
    const char *name = wspCppDefine(w, v);
    WspParamMode mode = wspEmitBodyMode(k, i);
    if (mode == WSP_MODE_SCALAR) {
      char bits[32];
      snprintf(bits, sizeof bits, "(uint64_t)args[%zu]",
               w->st->target->tensorsBeforeScalars ? tensors + scalarSlot++ : slot++);
      char *decoded = wspCppFromBits(type, bits);
      wspCppLine(w, "%sconst %s %s = %s;", wspCppUnusedPrefix(v), wspCppScalarType(type), name,
                 decoded);
      free(decoded);
      continue;
    }
    emitTensorParam(w, name, type, slot++, mode);
    if (!wspEmitKernelTakesDescriptors(w->st))
      slot = emitHbgStrides(w, name, type, slot);
  }
  return true;
}

/*===--- files ------------------------------------------------------------===*/

bool wspEmitKernelTakesDescriptors(const WspEmitState *st) {
  return st->flavor == WSP_FLAVOR_TMR || st->target->descriptorsOnEveryFlavor;
}

void wspEmitKernelAbiComment(WspStringBuffer *b, const WspEmitState *st) {
  if (st->target->tensorStrides)
    wspStringBufferAppendf(b, "// args[i] follows the kernel's parameters: a tensor arrives as a "
                              "%s* (elements at\n// buffer.addr + start_offset, element strides "
                              "in strides[]), a scalar as raw u64 bits.\n",
                           st->target->tensorStruct);
  else if (st->flavor == WSP_FLAVOR_TMR)
    wspStringBufferAppendStr(b, "// args[i] follows the kernel's parameters: a tensor arrives as a "
                                "TensorData* (elements at\n// buffer.addr + start_offset, row "
                                "strides from raw_shapes), a scalar as raw u64 bits.\n");
  else
    wspStringBufferAppendStr(b, "// args[] follows the kernel's parameters: a tensor is a device "
                                "pointer to its first element\n// followed by the strides (in "
                                "elements) of all dimensions but the last; a scalar is raw u64 "
                                "bits.\n");
}

/* The includes, `__gm__`/`__aicore__` and the shared helpers. */
void wspEmitKernelFilePrelude(WspStringBuffer *file, const WspEmitState *st, bool guards) {
  wspStringBufferAppendStr(file, "#include <cmath>\n#include <cstdint>\n#include <cstring>\n");
  if (guards)
    wspStringBufferAppendStr(file, "#include <limits>\n");
  if (st->target->tensorStrides) {
    /* tensor.h defines __aicore__ as a CCE attribute unless it is defined
       already: the blank definitions go first. */
    wspStringBufferAppendStr(file, "\n");
    wspStringBufferAppendStr(file, wspKernelEntryDefines);
    wspStringBufferAppendStr(file, "\n#include \"tensor.h\"\n\n");
  } else {
    if (st->flavor == WSP_FLAVOR_TMR)
      wspStringBufferAppendStr(file, "\n#include \"tensor.h\"\n");
    wspStringBufferAppendStr(file, "\n");
    wspStringBufferAppendStr(file, wspKernelEntryDefines);
  }
  wspStringBufferAppendStr(file, wspCppPrelude);
  if (guards) {
    wspStringBufferAppendStr(file, "\n");
    wspStringBufferAppendStr(file, wspCppGuardPrelude);
  }
}

/* The translated body of a generated kernel as the function `signature`
   (the kernel's entry, or a variant's base body), appended to `file`. */
bool wspEmitGeneratedBody(WspEmitState *st, const WspEmitKernel *k, const char *signature,
                          WspStringBuffer *file) {
  WspStringBuffer body;
  wspStringBufferInit(&body);
  wspStringBufferAppendf(file, "\n%s {\n", signature);
  char whereName[256];
  snprintf(whereName, sizeof whereName, "kernel '%s'", k->symName);
  KernelGen gen = {k};
  WspCppWriter w;
  wspCppWriterInit(&w, st, &body, whereName, kernelHook, &gen);
  bool ok = emitPrologue(&w) && wspCppEmitBlock(&w, wspFuncEntryBlock(k->body));
  wspCppWriterFree(&w);
  wspStringBufferAppend(file, body.data ? body.data : "", body.length);
  wspStringBufferAppendStr(file, "}\n");
  wspStringBufferFree(&body);
  return ok;
}

/* The directory relative kernel sources resolve against. */
static char *sourceBaseDir(const WspEmitState *st, const WspEmitKernel *k) {
  const char *path = st->options->sourcePath;
  char *fromLoc = NULL;
  MlirStringRef file;
  unsigned line, column;
  if (!path && wspLocationGetFileLineCol(mlirOperationGetLocation(k->op), &file, &line, &column) &&
      file.length)
    path = fromLoc = wspStrndup(file.data, file.length);
  const char *slash = path ? strrchr(path, '/') : NULL;
  char *dir = slash ? wspStrndup(path, (size_t)(slash - path) + 1) : wspStrdup("");
  free(fromLoc);
  return dir;
}

char *wspEmitUserKernelText(WspEmitState *st, const WspEmitKernel *k, size_t *length) {
  char *dir = k->userSource[0] == '/' ? wspStrdup("") : sourceBaseDir(st, k);
  WspStringBuffer resolved;
  wspStringBufferInit(&resolved);
  wspStringBufferAppendf(&resolved, "%s%s", dir, k->userSource);
  free(dir);
  const char *why = "";
  char *content = wspEmitReadFile(resolved.data, length, &why);
  if (!content)
    wspEmitErrorf(st->context, mlirOperationGetLocation(k->op),
                  "kernel '%s': cannot read its source file '%s' (resolved to '%s'): %s",
                  k->symName, k->userSource, resolved.data, why);
  wspStringBufferFree(&resolved);
  return content;
}

