/* Prints a kernel variant's file (docs/slots.md, "Kernel variant ABI"). A
   variant's task is submitted whatever the slot values are; its entry decides
   on device whether the base kernel runs:

     extern "C" void kernel_entry(args):
       1. each slot scalar position gets the element's value, as the bits a
          host scalar of that type would have;
       2. each guard term reads its inputs (element views and host scalars),
          calls the guard (translated to C++ with total arithmetic) and
          returns early when the term is false;
       3. the base kernel runs on args[0 .. base_params).

   The base kernel is in the same file: a generated body becomes the static
   function wsp_base_kernel; a user source is copied verbatim between
   `#define kernel_entry wsp_base_kernel` and `#undef kernel_entry`, so the
   artifact stays self-contained (no include of a path outside it). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "EmitInternal.h"
#include "IRUtil.h"
#include "mlir-c/BuiltinTypes.h"
#include "wsp-c/Diagnostics.h"

/* A one-element view param: args[i] is a descriptor (%s: its type). */
static const char kElementDescriptor[] =
    "\n// The element a one-element view param holds: args[i] is a %s*.\n"
    "template <typename T> static inline T wsp_element(__gm__ int64_t* args, int i) {\n"
    "  __gm__ %s* t = reinterpret_cast<__gm__ %s*>(args[i]);\n"
    "  return reinterpret_cast<__gm__ const T*>(t->buffer.addr)[t->start_offset];\n"
    "}\n";

static const char kElementHbg[] =
    "\n// The element a one-element view param holds: args[i] is its device address.\n"
    "template <typename T> static inline T wsp_element(__gm__ int64_t* args, int i) {\n"
    "  return *reinterpret_cast<__gm__ const T*>(args[i]);\n"
    "}\n";

/*===--- argument slots ---------------------------------------------------===*/

/* args[] index of each param: one per param on tensormap_and_ringbuffer; on
   host_build_graph a tensor takes its address and rank - 1 strides. */
static size_t *argSlots(const WspEmitState *st, const WspEmitKernel *k) {
  size_t *slots = wspCalloc(k->numModes + 1, sizeof(size_t));
  size_t next = 0;
  if (st->target->tensorsBeforeScalars) { /* simpler: tensors, then scalars */
    size_t tensors = 0, scalars = 0;
    for (size_t i = 0; i < k->numModes; ++i)
      tensors += k->variant->params[i].isTensor ? 1 : 0;
    for (size_t i = 0; i < k->numModes; ++i)
      slots[i] = k->variant->params[i].isTensor ? next++ : tensors + scalars++;
    slots[k->numModes] = k->numModes;
    return slots;
  }
  for (size_t i = 0; i < k->numModes; ++i) {
    slots[i] = next;
    const WspEmitVariantParam *p = &k->variant->params[i];
    next += (!wspEmitKernelTakesDescriptors(st) && p->isTensor) ? (size_t)p->rank : 1;
  }
  slots[k->numModes] = next;
  return slots;
}

/* `wsp_element<T>(args, slot)` read as `want` (i1: tests for non-zero). */
static char *elementRead(const WspEmitKernel *k, size_t i, size_t slot, MlirType want) {
  MlirType element = k->variant->params[i].type;
  WspStringBuffer b;
  wspStringBufferInit(&b);
  bool test = !mlirTypeEqual(element, want);
  wspStringBufferAppendf(&b, "%swsp_element<%s>(args, %zu)%s", test ? "(" : "",
                         wspCppScalarType(element), slot, test ? " != 0)" : "");
  return wspStringBufferTake(&b);
}

/* The u64 bits of `value` as a host scalar of `type` would travel. */
static char *bitsOf(MlirType type, const char *value) {
  WspStringBuffer b;
  wspStringBufferInit(&b);
  if (mlirTypeIsAF32(type))
    wspStringBufferAppendf(&b, "wsp_bits_f32(%s)", value);
  else if (mlirTypeIsAF64(type))
    wspStringBufferAppendf(&b, "wsp_bits_f64(%s)", value);
  else
    wspStringBufferAppendf(&b, "(uint64_t)%s", value);
  return wspStringBufferTake(&b);
}

/* Step 1. On host_build_graph the base kernel expects one slot where the
   element view passed its address and strides, so the following params
   move down; out <= in throughout, so nothing is overwritten before it is
   read. */
static void appendSlotScalars(WspStringBuffer *b, const WspEmitKernel *k, const size_t *slots) {
  const WspEmitVariant *v = k->variant;
  bool any = false;
  for (size_t i = 0; i < v->baseParams; ++i)
    any = any || v->slotScalar[i];
  if (!any)
    return;
  wspStringBufferAppendStr(b, "  // 1. Slot scalars: the base kernel reads these params as "
                              "scalars; load each from its element.\n");
  size_t out = 0;
  for (size_t i = 0; i < v->baseParams; ++i) {
    size_t width = slots[i + 1] - slots[i];
    if (v->slotScalar[i]) {
      char *value = elementRead(k, i, slots[i], v->params[i].slotType);
      char *bits = bitsOf(v->params[i].slotType, value);
      char *type = wspTypeToString(v->params[i].slotType);
      wspStringBufferAppendf(b, "  args[%zu] = (int64_t)%s;  // param %zu: slot scalar %s\n", out,
                             bits, i, type);
      free(type);
      free(bits);
      free(value);
      out += 1;
      continue;
    }
    for (size_t s = 0; s < width; ++s, ++out)
      if (out != slots[i] + s)
        wspStringBufferAppendf(b, "  args[%zu] = args[%zu];  // param %zu moves down\n", out,
                               slots[i] + s, i);
  }
}

/* Step 1 where args[] holds every tensor before every scalar (simpler): the
   base kernel's own args[] (its tensors, then its scalars, a slot scalar
   being a scalar there) is built in wsp_args; args[] stays as the runtime
   filled it for the guards. */
static void appendBaseArgs(WspStringBuffer *b, const WspEmitKernel *k, const size_t *slots) {
  const WspEmitVariant *v = k->variant;
  size_t tensors = 0;
  for (size_t i = 0; i < v->baseParams; ++i)
    tensors += v->params[i].isTensor && !v->slotScalar[i] ? 1 : 0;
  wspStringBufferAppendf(b, "  // 1. The base kernel's args: its %zu tensors, then its scalars "
                            "(slot scalars loaded from their element).\n"
                            "  int64_t wsp_args[%zu] = {};\n",
                         tensors, v->baseParams ? v->baseParams : 1);
  size_t nextTensor = 0, nextScalar = tensors;
  for (size_t i = 0; i < v->baseParams; ++i) {
    if (v->slotScalar[i]) {
      char *value = elementRead(k, i, slots[i], v->params[i].slotType);
      char *bits = bitsOf(v->params[i].slotType, value);
      char *type = wspTypeToString(v->params[i].slotType);
      wspStringBufferAppendf(b, "  wsp_args[%zu] = (int64_t)%s;  // param %zu: slot scalar %s\n",
                             nextScalar++, bits, i, type);
      free(type);
      free(bits);
      free(value);
    } else {
      size_t to = v->params[i].isTensor ? nextTensor++ : nextScalar++;
      wspStringBufferAppendf(b, "  wsp_args[%zu] = args[%zu];  // param %zu\n", to, slots[i], i);
    }
  }
}

/*===--- guards -----------------------------------------------------------===*/

static WspHookResult guardHook(WspCppWriter *w, MlirOperation op) {
  MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(op));
  if (name.length > 6 && strncmp(name.data, "arith.", 6) == 0)
    return WSP_HOOK_NOT_MINE;
  wspEmitErrorf(w->st->context, mlirOperationGetLocation(op),
                "op '%.*s' is not supported in the %s: a guard evaluated on device is arith "
                "only",
                (int)name.length, name.data, w->where);
  return WSP_HOOK_FAILED;
}

/* The C++ name of guard @sym: the lowering's @__wsp_guardN becomes
   wsp_guardN (identifiers with "__" are reserved in C++), any other name
   wsp_guard_<name>; `n` tells apart names that clash after that. */
static char *guardName(MlirOperation fn, size_t n, bool clash) {
  MlirStringRef sym = wspSymName(fn);
  size_t skip = 0;
  while (skip < sym.length && sym.data[skip] == '_')
    ++skip;
  char *id = wspEmitIdentifier(sym.data + skip, sym.length - skip);
  WspStringBuffer b;
  wspStringBufferInit(&b);
  wspStringBufferAppendf(&b, "%s%s", strncmp(id, "wsp_guard", 9) == 0 ? "" : "wsp_guard_", id);
  if (clash)
    wspStringBufferAppendf(&b, "_%zu", n);
  free(id);
  return wspStringBufferTake(&b);
}

/* `static bool <name>(...)` translated from the guard function. */
static bool appendGuard(WspStringBuffer *file, WspEmitState *st, MlirOperation fn,
                        const char *name) {
  MlirStringRef sym = wspSymName(fn);
  char where[256];
  snprintf(where, sizeof where, "guard @%.*s", (int)sym.length, sym.data);
  char *loc = wspEmitLocationString(mlirOperationGetLocation(fn));
  wspStringBufferAppendf(file, "\n// Guard @%.*s (%s), with total arithmetic.\n", (int)sym.length,
                         sym.data, loc);
  free(loc);
  WspStringBuffer body;
  wspStringBufferInit(&body);
  WspCppWriter w;
  wspCppWriterInit(&w, st, &body, where, guardHook, NULL);
  w.guardMode = true;
  MlirBlock entry = wspFuncEntryBlock(fn);
  wspStringBufferAppendf(file, "static bool %s(", name);
  bool ok = true;
  for (intptr_t a = 0; a < mlirBlockGetNumArguments(entry) && ok; ++a) {
    MlirValue arg = mlirBlockGetArgument(entry, a);
    const char *type = wspCppScalarType(mlirValueGetType(arg));
    ok = type != NULL;
    if (ok)
      wspStringBufferAppendf(file, "%s%sconst %s %s", a ? ", " : "", wspCppUnusedPrefix(arg),
                             type, wspCppDefine(&w, arg));
  }
  wspStringBufferAppendStr(file, ") {\n");
  if (!ok)
    wspEmitErrorf(st->context, mlirOperationGetLocation(fn),
                  "%s: an argument type has no C++ form", where);
  ok = ok && wspCppEmitBlock(&w, entry);
  wspCppWriterFree(&w);
  wspStringBufferAppend(file, body.data ? body.data : "", body.length);
  wspStringBufferAppendStr(file, "}\n");
  wspStringBufferFree(&body);
  return ok;
}

/* Guard functions in order of first use; `names[t]` is term t's. */
static bool appendGuards(WspStringBuffer *file, WspEmitState *st, const WspEmitVariant *v,
                         char **names) {
  for (size_t t = 0; t < v->numTerms; ++t) {
    size_t same = t;
    for (size_t u = 0; u < t && same == t; ++u)
      if (mlirOperationEqual(v->terms[u].fn, v->terms[t].fn))
        same = u;
    if (same != t) {
      names[t] = wspStrdup(names[same]);
      continue;
    }
    names[t] = guardName(v->terms[t].fn, t, false);
    bool clash = false;
    for (size_t u = 0; u < t; ++u)
      clash = clash || strcmp(names[u], names[t]) == 0;
    if (clash) {
      free(names[t]);
      names[t] = guardName(v->terms[t].fn, t, true);
    }
    if (!appendGuard(file, st, v->terms[t].fn, names[t]))
      return false;
  }
  return true;
}

/* Step 2: one early return per term. */
static void appendTerms(WspStringBuffer *b, const WspEmitKernel *k, const size_t *slots,
                        char *const *names) {
  const WspEmitVariant *v = k->variant;
  if (!v->numTerms)
    return;
  wspStringBufferAppendStr(b, "  // 2. Guards: every term must hold, else the task does "
                              "nothing (predicated execution).\n");
  for (size_t t = 0; t < v->numTerms; ++t) {
    const WspEmitGuardTerm *term = &v->terms[t];
    MlirType fnType = wspFuncType(term->fn);
    WspStringBuffer call;
    wspStringBufferInit(&call);
    for (size_t j = 0; j < term->count; ++j) {
      size_t i = term->first + j;
      MlirType want = mlirFunctionTypeGetInput(fnType, (intptr_t)j);
      char *value;
      if (k->modes[i] == WSP_MODE_SCALAR) {
        char bits[48];
        snprintf(bits, sizeof bits, "(uint64_t)args[%zu]", slots[i]);
        value = wspCppFromBits(want, bits);
      } else {
        value = elementRead(k, i, slots[i], want);
      }
      wspStringBufferAppendf(b, "  const %s wsp_in%zu = %s;\n", wspCppScalarType(want), i, value);
      wspStringBufferAppendf(&call, "%swsp_in%zu", j ? ", " : "", i);
      free(value);
    }
    MlirStringRef sym = wspSymName(term->fn);
    wspStringBufferAppendf(b, "  if (%s%s(%s)) return;  // term %zu: %s@%.*s\n",
                           term->negate ? "" : "!", names[t], call.data ? call.data : "", t,
                           term->negate ? "not " : "", (int)sym.length, sym.data);
    wspStringBufferFree(&call);
  }
}

/*===--- the file ---------------------------------------------------------===*/

static const char kBaseSignature[] = "static __aicore__ void wsp_base_kernel(__gm__ int64_t* args)";

static const char *baseName(const WspEmitState *st, const WspEmitKernel *k) {
  for (size_t i = 0; i < st->numKernels; ++i)
    if (strcmp(st->kernels[i].symName, k->variant->baseSymbol) == 0)
      return st->kernels[i].name;
  return k->variant->baseSymbol;
}

static void appendHeader(WspStringBuffer *file, const WspEmitState *st, const WspEmitKernel *k) {
  char *where = wspEmitLocationString(mlirOperationGetLocation(k->op));
  wspStringBufferAppendf(file,
                         "// Kernel variant '%s' (func_id %lld, %s) for %s %s, %s: "
                         "generated by wsp (%s).\n"
                         "// It runs base kernel '%s' only when its guards hold on device "
                         "(docs/slots.md):\n"
                         "// its first %zu params are the base kernel's, the rest the guard inputs.\n",
                         k->name, (long long)k->funcId, k->cube ? "aic" : "aiv",
                         st->target->runtime, st->target->commit, st->flavorName, where,
                         baseName(st, k),
                         k->variant->baseParams);
  free(where);
  wspEmitKernelAbiComment(file, st);
}

/* The user's kernel, renamed so that the variant's entry can call it. */
static bool appendUserBase(WspStringBuffer *file, WspEmitState *st, const WspEmitKernel *k) {
  size_t length = 0;
  char *text = wspEmitUserKernelText(st, k, &length);
  if (!text)
    return false;
  wspStringBufferAppendf(file,
                         "\n// ---- base kernel: the user's '%s', copied verbatim; its "
                         "kernel_entry is renamed ----\n#define kernel_entry wsp_base_kernel\n",
                         k->userSource);
  wspStringBufferAppend(file, text, length);
  if (length && text[length - 1] != '\n')
    wspStringBufferAppendStr(file, "\n");
  wspStringBufferAppendStr(file, "#undef kernel_entry\n// ---- end of the user's kernel ----\n\n");
  free(text);
  return true;
}

static bool appendEntry(WspStringBuffer *file, WspEmitState *st, const WspEmitKernel *k) {
  size_t *slots = argSlots(st, k);
  size_t numTerms = k->variant->numTerms;
  char **names = wspCalloc(numTerms + 1, sizeof(char *));
  bool ok = appendGuards(file, st, k->variant, names);
  if (ok) {
    wspStringBufferAppendStr(file,
                             "\nextern \"C\" __aicore__ void kernel_entry(__gm__ int64_t* args) {\n");
    if (st->target->tensorsBeforeScalars) {
      appendBaseArgs(file, k, slots);
      appendTerms(file, k, slots, names);
      wspStringBufferAppendf(file, "  // 3. The base kernel, on its %zu params.\n"
                                   "  wsp_base_kernel(wsp_args);\n}\n",
                             k->variant->baseParams);
    } else {
      appendSlotScalars(file, k, slots);
      appendTerms(file, k, slots, names);
      wspStringBufferAppendf(file, "  // 3. The base kernel, on its %zu params.\n"
                                   "  wsp_base_kernel(args);\n}\n",
                             k->variant->baseParams);
    }
  }
  for (size_t t = 0; t < numTerms; ++t)
    free(names[t]);
  free(names);
  free(slots);
  return ok;
}

char *wspEmitVariantKernel(WspEmitState *st, const WspEmitKernel *k) {
  WspStringBuffer file;
  wspStringBufferInit(&file);
  appendHeader(&file, st, k);
  bool generated = strcmp(k->impl, "generated") == 0;
  bool ok = generated || appendUserBase(&file, st, k);
  if (ok) {
    wspEmitKernelFilePrelude(&file, st, true);
    if (wspEmitKernelTakesDescriptors(st)) {
      const char *desc = st->target->tensorStruct;
      wspStringBufferAppendf(&file, kElementDescriptor, desc, desc, desc);
    } else {
      wspStringBufferAppendStr(&file, kElementHbg);
    }
  }
  if (ok && generated) {
    MlirStringRef fn = wspSymName(k->body);
    wspStringBufferAppendf(&file, "\n// ---- base kernel: generated from @%.*s ----",
                           (int)fn.length, fn.data);
    ok = wspEmitGeneratedBody(st, k, kBaseSignature, &file);
  }
  ok = ok && appendEntry(&file, st, k);
  if (!ok) {
    wspStringBufferFree(&file);
    return NULL;
  }
  return wspStringBufferTake(&file);
}
