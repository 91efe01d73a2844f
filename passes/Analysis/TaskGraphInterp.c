/* The interpreter's shared core: the environment (what is known of each SSA
   value), the op-kind cache, and located diagnostics. Invariants: the
   environment is a pointer-keyed map that is only looked up, never
   iterated, so pointer values never leak into the output's order; an error
   raised with tgFailProgram marks the graph's programError (an error every
   run of the program would hit). */
#include "TaskGraphInterp.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "wsp-c/Diagnostics.h"

static size_t hashPointer(const void *p, size_t mask) {
  uint64_t x = (uint64_t)(uintptr_t)p;
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdull;
  x ^= x >> 33;
  return (size_t)x & mask;
}

Slot tgEnvGet(const Env *env, const void *key) {
  if (env->capacity == 0)
    return (Slot){SLOT_UNKNOWN, 0};
  size_t mask = env->capacity - 1;
  for (size_t i = hashPointer(key, mask); env->entries[i].key; i = (i + 1) & mask)
    if (env->entries[i].key == key)
      return env->entries[i].slot;
  return (Slot){SLOT_UNKNOWN, 0};
}

static void envInsert(EnvEntry *entries, size_t capacity, const void *key, Slot slot, bool *added) {
  size_t mask = capacity - 1, i = hashPointer(key, mask);
  while (entries[i].key && entries[i].key != key)
    i = (i + 1) & mask;
  *added = entries[i].key == NULL;
  entries[i].key = key;
  entries[i].slot = slot;
}

void tgEnvSet(Env *env, const void *key, Slot slot) {
  if (2 * (env->used + 1) > env->capacity) {
    size_t capacity = env->capacity ? 2 * env->capacity : 64;
    EnvEntry *entries = wspCalloc(capacity, sizeof(EnvEntry));
    bool added;
    for (size_t i = 0; i < env->capacity; ++i)
      if (env->entries[i].key)
        envInsert(entries, capacity, env->entries[i].key, env->entries[i].slot, &added);
    free(env->entries);
    env->entries = entries;
    env->capacity = capacity;
  }
  bool added;
  envInsert(env->entries, env->capacity, key, slot, &added);
  env->used += added;
}

static const struct {
  const char *name;
  OpKind kind;
} kOpNames[] = {
    {"arith.constant", K_CONST},    {"index.constant", K_CONST},
    {"arith.addi", K_ADD},          {"index.add", K_ADD},
    {"arith.subi", K_SUB},          {"index.sub", K_SUB},
    {"arith.muli", K_MUL},          {"index.mul", K_MUL},
    {"arith.divsi", K_DIVS},        {"index.divs", K_DIVS},
    {"arith.divui", K_DIVU},        {"index.divu", K_DIVU},
    {"arith.ceildivsi", K_CEILDIVS}, {"index.ceildivs", K_CEILDIVS},
    {"arith.ceildivui", K_CEILDIVU}, {"index.ceildivu", K_CEILDIVU},
    {"arith.floordivsi", K_FLOORDIVS}, {"index.floordivs", K_FLOORDIVS},
    {"arith.remsi", K_REMS},        {"index.rems", K_REMS},
    {"arith.remui", K_REMU},        {"index.remu", K_REMU},
    {"arith.minsi", K_MINS},        {"index.mins", K_MINS},
    {"arith.maxsi", K_MAXS},        {"index.maxs", K_MAXS},
    {"arith.minui", K_MINU},        {"index.minu", K_MINU},
    {"arith.maxui", K_MAXU},        {"index.maxu", K_MAXU},
    {"arith.andi", K_AND},          {"index.and", K_AND},
    {"arith.ori", K_OR},            {"index.or", K_OR},
    {"arith.xori", K_XOR},          {"index.xor", K_XOR},
    {"arith.shli", K_SHL},          {"index.shl", K_SHL},
    {"arith.shrsi", K_SHRS},        {"index.shrs", K_SHRS},
    {"arith.shrui", K_SHRU},        {"index.shru", K_SHRU},
    {"arith.index_cast", K_CASTS},  {"arith.extsi", K_CASTS},
    {"arith.trunci", K_CASTS},      {"index.casts", K_CASTS},
    {"arith.index_castui", K_CASTU}, {"arith.extui", K_CASTU},
    {"index.castu", K_CASTU},       {"arith.cmpi", K_CMPI},
    {"arith.select", K_SELECT},     {"scf.for", K_FOR},
    {"scf.if", K_IF},               {"scf.while", K_WHILE},               {"memref.alloc", K_ALLOC},
    {"memref.alloca", K_ALLOC},     {"wsp.task", K_TASK},
    {"wsp.in", K_IN},               {"wsp.out", K_OUT},
    {"wsp.inout", K_INOUT},         {"wsp.scalar", K_SCALAR},
    {"memref.subview", K_SUBVIEW},  {"memref.cast", K_MEMREF_CAST},
    {"func.call", K_CALL},          {"wsp.symbol", K_SYMBOL},
    {"wsp.slot_read", K_SLOT_READ}, {"wsp.recv", K_RECV},
    {"wsp.send", K_SEND},           {"wsp.spawn", K_SPAWN},
    {"wsp.create_channel", K_CREATE_CHANNEL}, {"wsp.close", K_CLOSE},
};

/* Op names are uniqued identifiers: one table scan per distinct name. */
OpKind tgKindOf(Interp *in, MlirOperation op) {
  MlirIdentifier name = mlirOperationGetName(op);
  Slot cached = tgEnvGet(&in->kinds, name.ptr);
  if (cached.kind == SLOT_INT)
    return (OpKind)cached.value;
  OpKind kind = K_OTHER;
  MlirStringRef text = mlirIdentifierStr(name);
  for (size_t i = 0; i < sizeof kOpNames / sizeof kOpNames[0]; ++i)
    if (mlirStringRefEqual(text, str(kOpNames[i].name)))
      kind = kOpNames[i].kind;
  tgEnvSet(&in->kinds, name.ptr, (Slot){SLOT_INT, kind});
  return kind;
}

MlirStringRef tgSymName(MlirOperation func) {
  MlirAttribute sym = attrNamed(func, "sym_name");
  return !mlirAttributeIsNull(sym) && mlirAttributeIsAString(sym) ? mlirStringAttrGetValue(sym)
                                                                   : str("?");
}

static void vfailAt(Interp *in, MlirOperation op, const char *format, va_list args) {
  WspStringBuffer text;
  wspStringBufferInit(&text);
  MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(op));
  wspStringBufferAppendf(&text, "'%.*s' op: ", (int)name.length, name.data);
  wspStringBufferAppendv(&text, format, args);
  wspEmitError(in->context, mlirOperationGetLocation(op), text.data);
  wspStringBufferFree(&text);
}

/* Raises "'<op>' op: <message>" at the op; always returns false. For what
   the analysis cannot evaluate. */
bool tgFailAt(Interp *in, MlirOperation op, const char *format, ...) {
  va_list args;
  va_start(args, format);
  vfailAt(in, op, format, args);
  va_end(args);
  return false;
}

/* The same for an error of the program itself (a deadlock, a misused
   channel): every run would hit it, so passes report it rather than fall
   back to run-time checks. */
bool tgFailProgram(Interp *in, MlirOperation op, const char *format, ...) {
  in->graph->programError = true;
  va_list args;
  va_start(args, format);
  vfailAt(in, op, format, args);
  va_end(args);
  return false;
}

/* "file:line:col" of an op, for messages that point at a second op. */
void tgAppendLoc(WspStringBuffer *out, MlirOperation op) {
  MlirStringRef file;
  unsigned line, column;
  if (wspLocationGetFileLineCol(mlirOperationGetLocation(op), &file, &line, &column))
    wspStringBufferAppendf(out, "%.*s:%u:%u", (int)file.length, file.data, line, column);
  else
    wspStringBufferAppendStr(out, "an unknown location");
}

/* Formats into a small reusable buffer owned by the caller. */
const char *tgLocText(WspStringBuffer *buf, MlirOperation op) {
  wspStringBufferClear(buf);
  tgAppendLoc(buf, op);
  return buf->data;
}
