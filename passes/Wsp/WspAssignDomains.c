/* wsp-assign-domains: computes the scheduler domain of every dispatched task
   from its policy, as ordinary arith ops before its taskring.dispatch:
   - round_robin: a counter over dispatched tasks in submission order
     (taskring.sequence), mod N;
   - affinity: the key mod N (a non-negative residue, also for negative keys);
   - hash: a 64-bit integer mix of the key (the splitmix64 finalizer), mod N —
     a real hash, unlike the predecessor's `hash = modulo`;
   - work_steal: no fixed domain, recorded as -1.
   The pinned runtime cannot pin a task to a scheduler, so the domain is
   recorded (docs/capabilities.md), never claimed as enforced. */
#include <stdlib.h>
#include <string.h>

#include "IRUtil.h"
#include "PassRegistry.h"
#include "Support/StringBuffer.h"
#include "wsp-c/Diagnostics.h"

typedef struct Builder {
  MlirContext ctx;
  MlirBlock block;
  MlirOperation before;
  MlirLocation loc;
} Builder;

static MlirValue constantI64(Builder *b, int64_t value) {
  MlirType i64 = mlirIntegerTypeGet(b->ctx, 64);
  MlirNamedAttribute attr = wspNamed(b->ctx, "value", wspI64Attr(b->ctx, value));
  return mlirOperationGetResult(
      wspBuildOp("arith.constant", b->loc, b->block, b->before, 0, NULL, 1, &i64, 1, &attr), 0);
}

static MlirValue binary(Builder *b, const char *name, MlirValue lhs, MlirValue rhs) {
  MlirType i64 = mlirIntegerTypeGet(b->ctx, 64);
  MlirValue operands[] = {lhs, rhs};
  return mlirOperationGetResult(
      wspBuildOp(name, b->loc, b->block, b->before, 2, operands, 1, &i64, 0, NULL), 0);
}

/* z ^= z >> s; z *= m (wrapping), as in splitmix64. */
static MlirValue mixStep(Builder *b, MlirValue z, int64_t shift, int64_t multiplier) {
  MlirValue shifted = binary(b, "arith.shrui", z, constantI64(b, shift));
  MlirValue x = binary(b, "arith.xori", z, shifted);
  return multiplier ? binary(b, "arith.muli", x, constantI64(b, multiplier)) : x;
}

static MlirValue hashDomain(Builder *b, MlirValue key, MlirValue n) {
  MlirValue z = mixStep(b, key, 30, (int64_t)0xbf58476d1ce4e5b9ULL);
  z = mixStep(b, z, 27, (int64_t)0x94d049bb133111ebULL);
  z = mixStep(b, z, 31, 0);
  return binary(b, "arith.remui", z, n);
}

static MlirValue affinityDomain(Builder *b, MlirValue key, MlirValue n) {
  /* ((key % n) + n) % n: the residue in [0, n) even for negative keys. */
  MlirValue r = binary(b, "arith.remsi", key, n);
  return binary(b, "arith.remsi", binary(b, "arith.addi", r, n), n);
}

static MlirValue roundRobinDomain(Builder *b, MlirValue n) {
  MlirType i64 = mlirIntegerTypeGet(b->ctx, 64);
  MlirNamedAttribute name = wspNamed(b->ctx, "name", wspStringAttr(b->ctx, "round_robin"));
  MlirValue seq = mlirOperationGetResult(
      wspBuildOp("taskring.sequence", b->loc, b->block, b->before, 0, NULL, 1, &i64, 1, &name), 0);
  return binary(b, "arith.remui", seq, n);
}

typedef struct Collected {
  MlirOperation *ops;
  size_t count;
} Collected;

static bool collectDispatch(MlirOperation op, void *userData) {
  Collected *c = userData;
  if (wspOpIs(op, "taskring.dispatch") && wspHasAttr(op, "wsp.unassigned")) {
    if ((c->count & (c->count - 1)) == 0) /* capacity: the next power of two; appends double */
      c->ops = wspRealloc(c->ops, (c->count ? 2 * c->count : 1) * sizeof(MlirOperation));
    c->ops[c->count++] = op;
  }
  return true;
}

static bool assignOne(WspPassRun *run, MlirOperation op) {
  Builder b = {mlirOperationGetContext(op), mlirOperationGetBlock(op), op,
               mlirOperationGetLocation(op)};
  const char *policy = wspAttrStringOr(op, "policy", "", NULL);
  int64_t domains = 0;
  if (!wspAttrInt(op, "domains", &domains) || domains < 1) {
    wspEmitErrorf(run->context, b.loc, "'taskring.dispatch' op: domains must be >= 1, got %lld",
                  (long long)domains);
    return false;
  }
  MlirValue key = mlirOperationGetOperand(op, 1);
  MlirValue n = constantI64(&b, domains);
  MlirValue domain;
  if (!strcmp(policy, "affinity"))
    domain = affinityDomain(&b, key, n);
  else if (!strcmp(policy, "hash"))
    domain = hashDomain(&b, key, n);
  else if (!strcmp(policy, "round_robin"))
    domain = roundRobinDomain(&b, n);
  else if (!strcmp(policy, "work_steal"))
    domain = constantI64(&b, -1);
  else {
    wspEmitErrorf(run->context, b.loc,
                  "'taskring.dispatch' op: unknown policy '%s'; expected round_robin, affinity, "
                  "hash or work_steal", policy);
    return false;
  }
  mlirOperationSetOperand(op, 1, domain);
  mlirOperationRemoveDiscardableAttributeByName(op, wspStr("wsp.unassigned"));
  /* The raw key's cast is dead now when it only fed the dispatch. */
  if (mlirValueIsAOpResult(key) && mlirOpOperandIsNull(mlirValueGetFirstUse(key))) {
    MlirOperation def = mlirOpResultGetOwner(key);
    if (wspOpIs(def, "arith.index_cast") || wspOpIs(def, "arith.extsi") ||
        wspOpIs(def, "arith.constant"))
      mlirOperationDestroy(def);
  }
  return true;
}

static bool runAssignDomains(WspPassRun *run) {
  Collected c = {NULL, 0};
  wspWalk(run->op, collectDispatch, &c);
  bool ok = true;
  for (size_t i = 0; i < c.count; ++i)
    ok &= assignOne(run, c.ops[i]);
  free(c.ops);
  return ok;
}

const WspPassInfo wspAssignDomainsPassInfo = {
    .name = "wsp-assign-domains",
    .summary = "Compute each dispatched task's scheduler domain from its policy (recorded)",
    .options = NULL,
    .numOptions = 0,
    .run = runAssignDomains,
    .pipeline = NULL,
};
