/* wsp-fuzz's structure-aware mutator (LLVMFuzzerCustomMutator): half of the
   mutations parse the input as MLIR and change one integer attribute of one
   op to a hostile value, keeping the op and its type valid, then print the
   module back; the other half (and every input that does not parse) are
   libFuzzer's byte mutations. Byte mutations rarely turn a verified program
   into another verified one with a hostile number in it (a step of 0, an
   offset near INT64_MAX, a capacity of 2^40, a domain count of 2^31); this
   mutator does it in one step, so the later stages see such programs.

   Attributes mutated: every integer attribute of at most 64 bits (constants'
   `value`, `capacity`, `domains`, `size`, `index`, ...) and every element of
   a dense i64 array (a subview's static offsets, sizes and strides, a
   view's shape). No global state: the random choices come from `seed`.

   Opt-in: WSP_FUZZ_IR_MUTATOR=1 (scripts/fuzz.sh passes the environment
   through). Without it every mutation is libFuzzer's own, as before, so the
   bounded 60 s fuzzing step of scripts/run-tests.sh, whose corpus is new on
   each clean clone, stays repeatable; what this mutator found (M2, M3, C2,
   C3) is fixed and listed in docs/reliability.md. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "wsp-c/Context.h"

size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t maxSize);
size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t maxSize, unsigned int seed);

/* Values at the edges of what checks compute with. */
static const int64_t kHostile[] = {
    0,          1,          -1,         2,         3,          7,
    8,          16,         63,         64,        65535,      65536,
    65537,      INT32_MAX,  (int64_t)1 << 31, (int64_t)1 << 32, (int64_t)1 << 36,
    (int64_t)1 << 40,       (int64_t)1 << 62, INT64_MAX - 1, INT64_MAX, INT64_MIN,
    INT64_MIN + 1,
};

static uint64_t nextRandom(uint64_t *state) { /* xorshift64* */
  *state ^= *state >> 12;
  *state ^= *state << 25;
  *state ^= *state >> 27;
  return *state * 0x2545F4914F6CDD1DULL;
}

typedef struct Site {
  MlirOperation op;
  MlirIdentifier name;
  intptr_t element; /* -1: an integer attribute; else the dense array element */
} Site;

typedef struct Sites {
  Site chosen;
  uint64_t count; /* reservoir sampling: one site, uniformly, in one walk */
  uint64_t random;
} Sites;

static void offer(Sites *s, MlirOperation op, MlirIdentifier name, intptr_t element) {
  ++s->count;
  if (nextRandom(&s->random) % s->count == 0)
    s->chosen = (Site){op, name, element};
}

static MlirWalkResult collect(MlirOperation op, void *userData) {
  Sites *s = userData;
  for (intptr_t i = 0; i < mlirOperationGetNumAttributes(op); ++i) {
    MlirNamedAttribute named = mlirOperationGetAttribute(op, i);
    MlirAttribute attr = named.attribute;
    if (mlirAttributeIsAInteger(attr)) {
      MlirType type = mlirAttributeGetType(attr);
      if (mlirTypeIsAIndex(type) ||
          (mlirTypeIsAInteger(type) && mlirIntegerTypeGetWidth(type) <= 64))
        offer(s, op, named.name, -1);
    } else if (mlirAttributeIsADenseI64Array(attr)) {
      for (intptr_t k = 0; k < mlirDenseArrayGetNumElements(attr); ++k)
        offer(s, op, named.name, k);
    }
  }
  return MlirWalkResultAdvance;
}

static int64_t hostileValue(uint64_t *random, int64_t old) {
  uint64_t pick = nextRandom(random) % (sizeof kHostile / sizeof kHostile[0] + 4);
  size_t n = sizeof kHostile / sizeof kHostile[0];
  if (pick < n)
    return kHostile[pick];
  switch (pick - n) { /* near the old value, wrapping like the hardware */
  case 0: return (int64_t)((uint64_t)old + 1);
  case 1: return (int64_t)((uint64_t)old - 1);
  case 2: return (int64_t)((uint64_t)old * 2);
  default: return (int64_t)(0 - (uint64_t)old);
  }
}

/* Changes the chosen site; false when the new attribute cannot be made. */
static bool mutateSite(MlirContext ctx, const Site *site, uint64_t *random) {
  MlirStringRef name = mlirIdentifierStr(site->name);
  MlirAttribute attr = mlirOperationGetAttributeByName(site->op, name);
  if (site->element < 0) {
    MlirType type = mlirAttributeGetType(attr);
    int64_t v = hostileValue(random, mlirIntegerAttrGetValueInt(attr));
    unsigned width = mlirTypeIsAIndex(type) ? 64 : mlirIntegerTypeGetWidth(type);
    if (width < 64) { /* keep the value representable: sign-extend the low bits */
      uint64_t mask = width == 0 ? 0 : (((uint64_t)1 << width) - 1);
      uint64_t low = (uint64_t)v & mask;
      v = width > 0 && (low >> (width - 1)) & 1 ? (int64_t)(low | ~mask) : (int64_t)low;
    }
    mlirOperationSetAttributeByName(site->op, name, mlirIntegerAttrGet(type, v));
    return true;
  }
  intptr_t n = mlirDenseArrayGetNumElements(attr);
  int64_t values[64];
  if (n > 64 || site->element >= n)
    return false;
  for (intptr_t k = 0; k < n; ++k)
    values[k] = mlirDenseI64ArrayGetElement(attr, k);
  values[site->element] = hostileValue(random, values[site->element]);
  mlirOperationSetAttributeByName(site->op, name, mlirDenseI64ArrayGet(ctx, n, values));
  return true;
}

static size_t mutateIR(uint8_t *data, size_t size, size_t maxSize, uint64_t random) {
  WspContext ctx = wspContextCreate();
  if (wspContextIsNull(ctx))
    return 0;
  size_t result = 0;
  MlirModule module = wspParseSourceString(ctx, (const char *)data, size, "mutate.mlir");
  if (!mlirModuleIsNull(module)) {
    Sites sites = {{{NULL}, {NULL}, 0}, 0, random};
    mlirOperationWalk(mlirModuleGetOperation(module), collect, &sites, MlirWalkPreOrder);
    if (sites.count > 0 &&
        mutateSite(wspContextGetMlirContext(ctx), &sites.chosen, &sites.random)) {
      char *text = wspOperationPrintToString(mlirModuleGetOperation(module), false, false);
      size_t length = text ? strlen(text) : 0;
      if (length > 0 && length <= maxSize) {
        memcpy(data, text, length);
        result = length;
      }
      wspStringDestroy(text);
    }
    mlirModuleDestroy(module);
  }
  wspContextDestroy(ctx);
  return result;
}

size_t LLVMFuzzerCustomMutator(uint8_t *data, size_t size, size_t maxSize, unsigned int seed) {
  uint64_t random = ((uint64_t)seed << 1) | 1;
  const char *enabled = getenv("WSP_FUZZ_IR_MUTATOR");
  if (enabled && strcmp(enabled, "1") == 0 && nextRandom(&random) % 2 == 0) {
    size_t n = mutateIR(data, size, maxSize, random);
    if (n > 0)
      return n;
  }
  return LLVMFuzzerMutate(data, size, maxSize);
}
