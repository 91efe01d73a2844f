/* wsp-verify's interval analysis (see WspVerifyIntervals.h and
   docs/verify.md, "Bounds").

   Soundness: the range returned for a value contains every value it takes.
   Each op is evaluated with overflow-checked arithmetic; a result that could
   wrap around its type, a division by a divisor that may be 0, an unsigned
   op on a possibly negative operand, or anything not evaluated gives the
   type's whole range with the reason in `why`.

   Exactness: a range is exact when both ends are taken. Constants are exact;
   an induction variable is exact when its loop's bounds and step are
   constants and every op between the user and the loop is an scf.for (an
   scf.if could keep some iterations away); a monotone op of one exact value
   and constants (+, -, * by a constant, / by a positive constant, shifts by
   a constant, min/max with a constant, widening and fitting casts) stays
   exact. Everything else (two varying operands, select, rem, and, loop-
   carried values, scf.if results) is a sound over-approximation.

   Loop-carried values (scf.for iter_args and results) get the range of the
   initial value when one evaluation of the body keeps the yielded value in
   it (an inductive invariant), else, after one widening to the hull of
   both, the same test again, else the type's range.

   Across processes: a process argument is the hull of what every wsp.spawn
   of the process passes (evaluated at the spawn), a wsp.recv token the hull
   of every token sent on the same wsp.create_channel (traced through spawn
   arguments) and 0; scf.while before-region arguments are carried like
   iter_args, after-region arguments and results are the forwarded values
   narrowed by the loop's condition. The module's spawns and sends are
   collected once per wsp-verify run, by the first query that needs them,
   and indexed by process and by channel, so a query reads only its own.

   The work is bounded: at most INTERVAL_MAX_DEPTH nested evaluations and
   INTERVAL_MAX_STEPS values per query.

   Size: about 960 lines, over the ~800 the layout aims at: one evaluator whose
   cases (arith, casts, scf.for/if/while, spawns and channels, guards) recurse
   into each other through eval(). */
#include "WspVerifyIntervals.h"

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "WspVerifyCommon.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"

#define INTERVAL_MAX_DEPTH 64
#define INTERVAL_MAX_STEPS 4096
#define INTERVAL_MAX_ASSUMPTIONS 16

typedef struct Assumption {
  MlirValue value;
  WspInterval range;
} Assumption;

/* The module's wsp.spawn and wsp.send ops, collected on the first query
   that crosses a process boundary, and indexed so that a query reads only
   the spawns of its process and the sends on its channel: a module with
   many processes and many such queries stays linear. */
typedef struct SpawnSite {
  MlirStringRef callee; /* the process function it starts */
  size_t order;         /* its place in the module: the tie-break keeps order */
  MlirOperation op;
} SpawnSite;

typedef struct SendSite {
  uintptr_t channel; /* a wsp.create_channel the send's channel may be */
  size_t order;
  MlirOperation op;
} SendSite;

typedef struct WspIntervalSites {
  bool built, failed;
  SpawnSite *spawns; /* sorted by callee, then module order */
  size_t numSpawns, capSpawns;
  MlirOperation *sends; /* module order */
  size_t numSends, capSends;
  bool sendsIndexed;
  SendSite *byChannel; /* sorted by channel, then module order */
  size_t numByChannel, capByChannel;
  MlirOperation untraced; /* the first send whose channel cannot be traced */
  const char *untracedWhy;
} WspIntervalSites;
typedef WspIntervalSites Sites;

typedef struct Eval {
  int budget;
  Assumption assumed[INTERVAL_MAX_ASSUMPTIONS];
  int numAssumed;
  Sites **sites;      /* the verifier's, built on first use */
  MlirOperation user; /* the op of the query (its module holds the sites) */
} Eval;

static WspInterval eval(Eval *e, MlirValue value, MlirOperation user, int depth);
static void narrowByCompare(Eval *e, MlirValue value, MlirValue condition, bool holds,
                            WspInterval *r, int depth);

/*===--- ranges -----------------------------------------------------------===*/

static unsigned widthOf(MlirType type) {
  if (mlirTypeIsAIndex(type))
    return 64;
  if (mlirTypeIsAInteger(type))
    return mlirIntegerTypeGetWidth(type);
  return 0;
}

bool wspIntervalTypeRange(MlirType type, int64_t *lo, int64_t *hi) {
  unsigned w = widthOf(type);
  if (w == 0 || w > 64)
    return false;
  *hi = w == 64 ? INT64_MAX : (int64_t)(((uint64_t)1 << (w - 1)) - 1);
  *lo = -*hi - 1;
  return true;
}

static WspInterval full(MlirType type, const char *why, MlirOperation whyOp) {
  WspInterval r;
  memset(&r, 0, sizeof r);
  if (!wspIntervalTypeRange(type, &r.lo, &r.hi)) {
    r.lo = INT64_MIN;
    r.hi = INT64_MAX;
  }
  r.why = why;
  r.whyOp = whyOp;
  return r;
}

static WspInterval single(int64_t v) {
  WspInterval r;
  memset(&r, 0, sizeof r);
  r.lo = r.hi = v;
  r.exact = true;
  return r;
}

static WspInterval never(void) {
  WspInterval r = single(0);
  r.never = true;
  return r;
}

static bool isSingle(const WspInterval *r) { return r->exact && r->lo == r->hi; }

/* [lo, hi] as the result of `def`: checked against its type's range. `from`
   is the varying exact operand whose loop an exact result inherits (null
   when the result is not exact). */
static WspInterval make(MlirOperation def, int64_t lo, int64_t hi, const WspInterval *from,
                        const char *wrapWhy) {
  MlirType type = mlirValueGetType(mlirOperationGetResult(def, 0));
  int64_t tlo, thi;
  if (!wspIntervalTypeRange(type, &tlo, &thi) || lo < tlo || hi > thi)
    return full(type, wrapWhy, def);
  WspInterval r = single(lo);
  r.hi = hi;
  r.exact = from != NULL && from->exact;
  if (r.exact && lo != hi) {
    r.loop = from->loop;
    r.ivLo = from->ivLo;
    r.ivHi = from->ivHi;
  }
  return r;
}

/* The first operand that is not known (its reason is the result's), or
   null when both are. */
static const WspInterval *unknownOf(const WspInterval *a, const WspInterval *b) {
  return a->why ? a : b->why ? b : NULL;
}

static WspInterval propagate(MlirOperation def, const WspInterval *u) {
  WspInterval r = full(mlirValueGetType(mlirOperationGetResult(def, 0)), u->why, u->whyOp);
  return r;
}

/* The varying one of two exact operands when the other is a single value
   (an exact monotone result inherits it); null otherwise. */
static const WspInterval *monotoneSource(const WspInterval *a, const WspInterval *b) {
  if (!a->exact || !b->exact)
    return NULL;
  return isSingle(a) ? b : isSingle(b) ? a : NULL;
}

static const char kWraps[] = "arithmetic that may wrap around its type";

/*===--- arith and index ops ----------------------------------------------===*/

typedef enum BinOp {
  OP_ADD, OP_SUB, OP_MUL, OP_DIVS, OP_DIVU, OP_CEILDIVS, OP_FLOORDIVS, OP_REMS, OP_REMU,
  OP_MINS, OP_MAXS, OP_MINU, OP_MAXU, OP_AND, OP_SHL, OP_SHRS, OP_SHRU
} BinOp;

static int64_t floorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

static int64_t ceilDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) == (b < 0))) ? q + 1 : q;
}

/* The result's type range, saying why: the reason of an operand that was
   not bounded, else `why` (the op itself loses the bound). */
static WspInterval lost(MlirOperation def, const WspInterval *u, const char *why) {
  MlirType type = mlirValueGetType(mlirOperationGetResult(def, 0));
  return u ? full(type, u->why, u->whyOp) : full(type, why, def);
}

/* The ranges are computed on the numbers alone: an operand that is not
   bounded carries its type's range, which is sound. An operand's reason
   stays with the result. */
static WspInterval binaryOnNumbers(MlirOperation def, BinOp op, const WspInterval *a,
                                   const WspInterval *b, const WspInterval *u) {
  const WspInterval *mono = u ? NULL : monotoneSource(a, b);
  int64_t c[4];
  bool bad = false;
  switch (op) {
  case OP_ADD:
    bad = __builtin_add_overflow(a->lo, b->lo, &c[0]) || __builtin_add_overflow(a->hi, b->hi, &c[1]);
    return bad ? lost(def, u, kWraps) : make(def, c[0], c[1], mono, kWraps);
  case OP_SUB:
    bad = __builtin_sub_overflow(a->lo, b->hi, &c[0]) || __builtin_sub_overflow(a->hi, b->lo, &c[1]);
    return bad ? lost(def, u, kWraps) : make(def, c[0], c[1], mono, kWraps);
  case OP_MUL:
  case OP_SHL: {
    WspInterval factor = *b;
    if (op == OP_SHL) { /* x << k = x * 2^k for a constant 0 <= k < 63 */
      if (!isSingle(b) || b->lo < 0 || b->lo >= 63)
        return lost(def, NULL, "a shift by an amount that is not a constant below 63");
      factor = single((int64_t)1 << b->lo);
    }
    bad = __builtin_mul_overflow(a->lo, factor.lo, &c[0]) ||
          __builtin_mul_overflow(a->lo, factor.hi, &c[1]) ||
          __builtin_mul_overflow(a->hi, factor.lo, &c[2]) ||
          __builtin_mul_overflow(a->hi, factor.hi, &c[3]);
    if (bad)
      return lost(def, u, kWraps);
    break;
  }
  case OP_REMU:
    if (b->lo > 0) { /* unsigned: [0, b - 1], and a itself when a < b */
      if (a->lo >= 0 && a->hi < b->lo)
        return *a;
      return make(def, 0, a->lo >= 0 && a->hi < b->hi - 1 ? a->hi : b->hi - 1, NULL, kWraps);
    }
    return lost(def, NULL, "an unsigned remainder by a divisor that may be 0 or negative");
  case OP_DIVU:
    if (b->lo <= 0)
      return lost(def, NULL, "an unsigned division by a divisor that may be 0 or negative");
    if (a->lo < 0)
      return lost(def, u, "an unsigned division of a value that may be negative");
    op = OP_DIVS;
    __attribute__((fallthrough));
  case OP_DIVS:
  case OP_CEILDIVS:
  case OP_FLOORDIVS:
    if (b->lo <= 0 && b->hi >= 0)
      return lost(def, NULL, "a divisor that may be 0");
    for (int i = 0; i < 4; ++i) {
      int64_t x = i < 2 ? a->lo : a->hi, y = (i & 1) ? b->hi : b->lo;
      if (x == INT64_MIN && y == -1)
        return lost(def, u, kWraps);
      c[i] = op == OP_CEILDIVS ? ceilDiv(x, y) : op == OP_FLOORDIVS ? floorDiv(x, y) : x / y;
    }
    if (!isSingle(b))
      mono = NULL;
    break;
  case OP_REMS: {
    if (b->lo <= 0 && b->hi >= 0)
      return lost(def, NULL, "a divisor that may be 0");
    /* |a rem b| < max |b|, with the sign of a */
    int64_t m = b->lo < 0 ? (b->lo == INT64_MIN ? INT64_MAX : -b->lo) : b->hi;
    if (b->hi > m)
      m = b->hi;
    m -= 1;
    if (a->lo >= 0 && a->hi <= m && isSingle(b))
      return *a; /* a rem b = a */
    int64_t lo = a->lo < 0 ? (a->lo > -m ? a->lo : -m) : 0;
    int64_t hi = a->hi > 0 ? (a->hi < m ? a->hi : m) : 0;
    return make(def, lo, hi, NULL, kWraps);
  }
  case OP_MINU:
  case OP_MAXU:
    if (a->lo < 0 || b->lo < 0)
      return lost(def, u, "an unsigned min/max of a value that may be negative");
    op = op == OP_MINU ? OP_MINS : OP_MAXS;
    __attribute__((fallthrough));
  case OP_MINS:
  case OP_MAXS:
    if (op == OP_MINS)
      return make(def, a->lo < b->lo ? a->lo : b->lo, a->hi < b->hi ? a->hi : b->hi, mono,
                  kWraps);
    return make(def, a->lo > b->lo ? a->lo : b->lo, a->hi > b->hi ? a->hi : b->hi, mono, kWraps);
  case OP_AND: {
    /* x & m lies in [0, m] for m >= 0, whatever x is */
    const WspInterval *mask = b->lo >= 0 ? b : a->lo >= 0 ? a : NULL;
    if (!mask)
      return lost(def, u, "a bitwise and of values that may be negative");
    return make(def, 0, mask->hi, NULL, kWraps);
  }
  case OP_SHRS:
  case OP_SHRU:
    if (!isSingle(b) || b->lo < 0 || b->lo >= 64 || (op == OP_SHRU && a->lo < 0))
      return lost(def, u, "a shift by an amount that is not a constant, or of a negative value");
    return make(def, a->lo >> b->lo, a->hi >> b->lo, u ? NULL : a, kWraps);
  }
  int64_t lo = c[0], hi = c[0];
  for (int i = 1; i < 4; ++i) {
    lo = c[i] < lo ? c[i] : lo;
    hi = c[i] > hi ? c[i] : hi;
  }
  return make(def, lo, hi, mono, kWraps);
}

static WspInterval binary(MlirOperation def, BinOp op, const WspInterval *a,
                          const WspInterval *b) {
  const WspInterval *u = unknownOf(a, b);
  WspInterval r = binaryOnNumbers(def, op, a, b, u);
  if (u && !r.why) { /* bounded by the op, but still depends on something unbounded */
    r.exact = false;
    r.why = u->why;
    r.whyOp = u->whyOp;
  }
  return r;
}

typedef struct BinOpName {
  const char *name;
  BinOp op;
} BinOpName;

static const BinOpName kBinOps[] = {
    {"arith.addi", OP_ADD},        {"arith.subi", OP_SUB},
    {"arith.muli", OP_MUL},        {"arith.divsi", OP_DIVS},
    {"arith.divui", OP_DIVU},      {"arith.ceildivsi", OP_CEILDIVS},
    {"arith.floordivsi", OP_FLOORDIVS}, {"arith.remsi", OP_REMS},
    {"arith.remui", OP_REMU},      {"arith.minsi", OP_MINS},
    {"arith.maxsi", OP_MAXS},      {"arith.minui", OP_MINU},
    {"arith.maxui", OP_MAXU},      {"arith.andi", OP_AND},
    {"arith.shli", OP_SHL},        {"arith.shrsi", OP_SHRS},
    {"arith.shrui", OP_SHRU},      {"index.add", OP_ADD},
    {"index.sub", OP_SUB},         {"index.mul", OP_MUL},
    {"index.divs", OP_DIVS},       {"index.divu", OP_DIVU},
    {"index.ceildivs", OP_CEILDIVS}, {"index.floordivs", OP_FLOORDIVS},
    {"index.rems", OP_REMS},       {"index.remu", OP_REMU},
    {"index.mins", OP_MINS},       {"index.maxs", OP_MAXS},
    {"index.minu", OP_MINU},       {"index.maxu", OP_MAXU},
    {"index.and", OP_AND},         {"index.shl", OP_SHL},
    {"index.shrs", OP_SHRS},       {"index.shru", OP_SHRU},
};

/* Casts: the value when it fits the result type, else the type's range.
   `unsignedSource`: the operand is read unsigned (extui, castui). */
static WspInterval cast(MlirOperation def, const WspInterval *a, bool unsignedSource) {
  if (a->why)
    return propagate(def, a);
  if (unsignedSource && a->lo < 0) {
    unsigned w = widthOf(mlirValueGetType(mlirOperationGetOperand(def, 0)));
    if (w >= 1 && w < 64)
      return make(def, 0, (int64_t)(((uint64_t)1 << w) - 1), NULL,
                  "a zero extension that does not fit");
    return full(mlirValueGetType(mlirOperationGetResult(def, 0)),
                "an unsigned cast of a value that may be negative", def);
  }
  return make(def, a->lo, a->hi, a, "a truncation or cast that may not keep the value");
}

static WspInterval constant(MlirOperation def) {
  MlirAttribute attr = wspVerifyOpAttr(def, "value");
  MlirType type = mlirValueGetType(mlirOperationGetResult(def, 0));
  if (mlirAttributeIsNull(attr) || !mlirAttributeIsAInteger(attr) || widthOf(type) == 0 ||
      widthOf(type) > 64)
    return full(type, "a constant that is not an integer of at most 64 bits", def);
  /* read as signed, like arith does (an i1 true is -1) */
  return single(mlirIntegerAttrGetValueInt(attr));
}

/*===--- scf --------------------------------------------------------------===*/

/* Whether every op from `user`'s parent up to `loop` is an scf.for: then
   every iteration of `loop` reaches `user`. */
static bool reachedEveryIteration(MlirOperation user, MlirOperation loop) {
  for (MlirOperation op = mlirOperationGetParentOperation(user); !mlirOperationIsNull(op);
       op = mlirOperationGetParentOperation(op)) {
    if (!wspVerifyOpIs(op, "scf.for"))
      return false;
    if (mlirOperationEqual(op, loop))
      return true;
  }
  return false;
}

static bool isUnsignedLoop(MlirOperation loop) {
  MlirAttribute attr = wspVerifyOpAttr(loop, "unsignedCmp");
  return !mlirAttributeIsNull(attr) && mlirAttributeIsAUnit(attr);
}

static WspInterval induction(Eval *e, MlirValue value, MlirOperation loop, MlirOperation user,
                             int depth) {
  MlirType type = mlirValueGetType(value);
  WspInterval b[3];
  for (intptr_t i = 0; i < 3; ++i) {
    b[i] = eval(e, mlirOperationGetOperand(loop, i), loop, depth + 1);
    if (b[i].never)
      return never();
  }
  if (isUnsignedLoop(loop) && (b[0].lo < 0 || b[1].lo < 0))
    return full(type, "an unsigned loop over bounds that may be negative", loop);
  /* In the body lb <= iv < ub (lb <= iv only with a positive step). */
  if (b[1].hi <= b[0].lo || b[1].hi == INT64_MIN)
    return never(); /* no iteration, whatever the values */
  bool stepPositive = b[2].lo > 0;
  if (stepPositive && !b[0].why && !b[1].why) {
    if (isSingle(&b[0]) && isSingle(&b[1]) && isSingle(&b[2]) &&
        reachedEveryIteration(user, loop)) {
      int64_t lb = b[0].lo, ub = b[1].lo, step = b[2].lo, span, last;
      if (!__builtin_sub_overflow(ub, lb, &span) &&
          !__builtin_mul_overflow((span - 1) / step, step, &last) &&
          !__builtin_add_overflow(lb, last, &last)) {
        WspInterval r = single(lb);
        r.hi = last;
        if (lb != last) {
          r.loop = loop;
          r.ivLo = lb;
          r.ivHi = last;
        }
        return r;
      }
    }
    WspInterval r = single(b[0].lo);
    r.exact = false;
    r.hi = b[1].hi - 1;
    return r;
  }
  const WspInterval *u = b[0].why ? &b[0] : b[1].why ? &b[1] : NULL;
  WspInterval r = u ? full(type, u->why, u->whyOp)
                    : full(type, "a loop whose step may not be positive", loop);
  if (stepPositive)
    r.lo = b[0].lo;
  r.hi = b[1].hi - 1;
  return r;
}

static MlirValue yielded(MlirRegion region, intptr_t index) {
  MlirBlock block = mlirRegionGetFirstBlock(region);
  MlirOperation term = mlirBlockIsNull(block) ? (MlirOperation){NULL} : mlirBlockGetTerminator(block);
  if (mlirOperationIsNull(term) || index >= mlirOperationGetNumOperands(term))
    return (MlirValue){NULL};
  return mlirOperationGetOperand(term, index);
}

static WspInterval hull(const WspInterval *a, const WspInterval *b) {
  if (a->never)
    return *b;
  if (b->never)
    return *a;
  WspInterval r = a->why ? *a : *b;
  r.lo = a->lo < b->lo ? a->lo : b->lo;
  r.hi = a->hi > b->hi ? a->hi : b->hi;
  r.exact = false;
  if (!a->why && !b->why)
    r.why = NULL;
  return r;
}

static bool within(const WspInterval *inner, const WspInterval *outer) {
  return inner->never || (inner->lo >= outer->lo && inner->hi <= outer->hi);
}

/* A loop-carried value: `arg` (the region argument) starts as `initValue`
   and is `next` (yielded by `term`) in the following iteration. */
static WspInterval carriedValue(Eval *e, MlirOperation loop, MlirType type, MlirValue arg,
                                MlirValue initValue, MlirValue next, MlirOperation term,
                                const char *why, int depth) {
  if (e->numAssumed >= INTERVAL_MAX_ASSUMPTIONS || mlirValueIsNull(next))
    return full(type, why, loop);
  /* an assumption already made for this value: we are inside its test */
  for (int i = 0; i < e->numAssumed; ++i)
    if (mlirValueEqual(e->assumed[i].value, arg))
      return e->assumed[i].range;
  WspInterval init = eval(e, initValue, loop, depth + 1);
  if (init.why)
    return full(type, init.why, init.whyOp);
  init.exact = false;
  init.loop = (MlirOperation){NULL};
  int64_t tlo, thi;
  if (!wspIntervalTypeRange(type, &tlo, &thi))
    return full(type, why, loop);
  /* Find an invariant: the initial range, its hull with one step, then
     that hull widened to the type's end(s) that moved; then narrow once. */
  WspInterval guess = init, invariant;
  bool found = false;
  for (int attempt = 0; attempt < 3 && !found; ++attempt) {
    e->assumed[e->numAssumed++] = (Assumption){arg, guess};
    WspInterval y = eval(e, next, term, depth + 1);
    e->numAssumed--;
    if (within(&y, &guess)) {
      invariant = guess;
      found = true;
      break;
    }
    WspInterval h = hull(&guess, &y);
    if (attempt == 1) { /* widen */
      if (h.lo < guess.lo)
        h.lo = tlo;
      if (h.hi > guess.hi)
        h.hi = thi;
    }
    h.why = NULL;
    h.exact = false;
    guess = h;
  }
  if (!found)
    return full(type, why, loop);
  e->assumed[e->numAssumed++] = (Assumption){arg, invariant};
  WspInterval y = eval(e, next, term, depth + 1);
  e->numAssumed--;
  WspInterval narrowed = hull(&init, &y);
  narrowed.why = NULL;
  narrowed.exact = false;
  if (within(&narrowed, &invariant)) {
    e->assumed[e->numAssumed++] = (Assumption){arg, narrowed};
    WspInterval y2 = eval(e, next, term, depth + 1);
    e->numAssumed--;
    if (within(&y2, &narrowed))
      return narrowed;
  }
  if (invariant.lo == tlo && invariant.hi == thi)
    return full(type, why, loop);
  return invariant;
}

/* Carried value `k` of scf.for `loop` (its iter_arg k + 1, its result k). */
static WspInterval carried(Eval *e, MlirOperation loop, intptr_t k, int depth) {
  MlirType type = mlirValueGetType(mlirOperationGetResult(loop, k));
  static const char why[] = "a loop-carried value (scf.for iter_args) not bounded by its "
                            "initial value";
  if (3 + k >= mlirOperationGetNumOperands(loop))
    return full(type, why, loop);
  MlirRegion body = mlirOperationGetRegion(loop, 0);
  MlirValue arg = mlirBlockGetArgument(mlirRegionGetFirstBlock(body), k + 1);
  MlirValue next = yielded(body, k);
  if (mlirValueIsNull(next))
    return full(type, why, loop);
  return carriedValue(e, loop, type, arg, mlirOperationGetOperand(loop, 3 + k), next,
                      mlirBlockGetTerminator(mlirRegionGetFirstBlock(body)), why, depth);
}

/* The terminator of region `r` of `op` (null when there is none). */
static MlirOperation regionTerminator(MlirOperation op, intptr_t r) {
  if (r >= mlirOperationGetNumRegions(op))
    return (MlirOperation){NULL};
  MlirBlock block = mlirRegionGetFirstBlock(mlirOperationGetRegion(op, r));
  return mlirBlockIsNull(block) ? (MlirOperation){NULL} : mlirBlockGetTerminator(block);
}

/* Argument `k` of the before region of scf.while `loop`: carried like an
   scf.for iter_arg, from init operand k and the after region's yield k. */
static WspInterval whileCarried(Eval *e, MlirOperation loop, MlirValue arg, intptr_t k,
                                int depth) {
  MlirType type = mlirValueGetType(arg);
  static const char why[] = "a loop-carried value (scf.while) not bounded by its initial value";
  MlirOperation term = regionTerminator(loop, 1);
  if (k >= mlirOperationGetNumOperands(loop) || mlirOperationIsNull(term) ||
      k >= mlirOperationGetNumOperands(term))
    return full(type, why, loop);
  return carriedValue(e, loop, type, arg, mlirOperationGetOperand(loop, k),
                      mlirOperationGetOperand(term, k), term, why, depth);
}

/* Argument `k` of the after region of scf.while `loop` (`inAfter`), or its
   result `k`: the value scf.condition forwards (operand k + 1), narrowed by
   the condition when it compares that value with a bounded one (it holds
   in the after region, fails at the exit). */
static WspInterval whileForwarded(Eval *e, MlirOperation loop, MlirType type, intptr_t k,
                                  bool inAfter, int depth) {
  MlirOperation cond = regionTerminator(loop, 0);
  if (mlirOperationIsNull(cond) || k + 1 >= mlirOperationGetNumOperands(cond))
    return full(type, "a malformed scf.while", loop);
  MlirValue value = mlirOperationGetOperand(cond, k + 1);
  WspInterval r = eval(e, value, cond, depth + 1);
  if (!isSingle(&r)) { /* some iterations may not reach the user */
    r.exact = false;
    r.loop = (MlirOperation){NULL};
  }
  if (!r.never)
    narrowByCompare(e, value, mlirOperationGetOperand(cond, 0), inAfter, &r, depth);
  return r;
}

/*===--- processes and channels -------------------------------------------===*/

static bool grow(void **list, size_t *capacity, size_t count, size_t size) {
  if (count < *capacity)
    return true;
  size_t grown = *capacity ? 2 * *capacity : 16;
  void *more = realloc(*list, grown * size);
  if (!more)
    return false;
  *list = more;
  *capacity = grown;
  return true;
}

static MlirWalkResult collectSite(MlirOperation op, void *data) {
  Sites *s = data;
  if (wspVerifyOpIs(op, "wsp.spawn")) {
    MlirAttribute callee = wspVerifyOpAttr(op, "process");
    if (mlirAttributeIsNull(callee) || !mlirAttributeIsAFlatSymbolRef(callee))
      return MlirWalkResultAdvance; /* starts no function the analysis can name */
    if (!grow((void **)&s->spawns, &s->capSpawns, s->numSpawns, sizeof(SpawnSite))) {
      s->failed = true;
      return MlirWalkResultInterrupt;
    }
    s->spawns[s->numSpawns] =
        (SpawnSite){mlirFlatSymbolRefAttrGetValue(callee), s->numSpawns, op};
    s->numSpawns++;
  } else if (wspVerifyOpIs(op, "wsp.send")) {
    if (!grow((void **)&s->sends, &s->capSends, s->numSends, sizeof(MlirOperation))) {
      s->failed = true;
      return MlirWalkResultInterrupt;
    }
    s->sends[s->numSends++] = op;
  }
  return MlirWalkResultAdvance;
}

static int compareRefs(MlirStringRef a, MlirStringRef b) {
  size_t n = a.length < b.length ? a.length : b.length;
  int c = n ? memcmp(a.data, b.data, n) : 0;
  return c ? c : (a.length > b.length) - (a.length < b.length);
}

static int compareOrder(size_t a, size_t b) { return (a > b) - (a < b); }

static int compareSpawnSites(const void *x, const void *y) {
  const SpawnSite *a = x, *b = y;
  int c = compareRefs(a->callee, b->callee);
  return c ? c : compareOrder(a->order, b->order);
}

static int compareSendSites(const void *x, const void *y) {
  const SendSite *a = x, *b = y;
  if (a->channel != b->channel)
    return a->channel < b->channel ? -1 : 1;
  return compareOrder(a->order, b->order);
}

/* The spawns and sends of the query's module (null if out of memory). */
static Sites *sitesOf(Eval *e) {
  if (!*e->sites)
    *e->sites = calloc(1, sizeof(Sites));
  Sites *sites = *e->sites;
  if (!sites)
    return NULL;
  if (!sites->built) {
    sites->built = true;
    MlirOperation top = e->user;
    for (MlirOperation p = mlirOperationGetParentOperation(top); !mlirOperationIsNull(p);
         p = mlirOperationGetParentOperation(p))
      top = p;
    mlirOperationWalk(top, collectSite, sites, MlirWalkPreOrder);
    if (sites->numSpawns)
      qsort(sites->spawns, sites->numSpawns, sizeof(SpawnSite), compareSpawnSites);
  }
  return sites->failed ? NULL : sites;
}

void wspIntervalSitesDestroy(WspIntervalSites *sites) {
  if (!sites)
    return;
  free(sites->spawns);
  free(sites->sends);
  free(sites->byChannel);
  free(sites);
}

/* The spawns of process function `func`: [*first, *last) of sites->spawns. */
static void spawnsOf(const Sites *sites, MlirOperation func, size_t *first, size_t *last) {
  MlirStringRef name = wspVerifyFuncName(func);
  size_t lo = 0, hi = sites->numSpawns;
  while (lo < hi) { /* the first spawn whose callee is not below `name` */
    size_t mid = lo + (hi - lo) / 2;
    if (compareRefs(sites->spawns[mid].callee, name) < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  *first = *last = lo;
  if (name.length == 0)
    return; /* an unnamed function is spawned by nothing */
  while (*last < sites->numSpawns && compareRefs(sites->spawns[*last].callee, name) == 0)
    ++*last;
}

/* The value a spawn passes as argument `n` (unboxed from wsp.in/out/inout/
   scalar), null when it is not boxed. */
static MlirValue spawnArgument(MlirOperation spawn, intptr_t n) {
  if (n >= mlirOperationGetNumOperands(spawn))
    return (MlirValue){NULL};
  MlirOperation box = wspVerifyDefiningOp(mlirOperationGetOperand(spawn, n));
  if (mlirOperationIsNull(box) || mlirOperationGetNumOperands(box) != 1 ||
      !(wspVerifyOpIs(box, "wsp.in") || wspVerifyOpIs(box, "wsp.out") ||
        wspVerifyOpIs(box, "wsp.inout") || wspVerifyOpIs(box, "wsp.scalar")))
    return (MlirValue){NULL};
  return mlirOperationGetOperand(box, 0);
}

/* Argument `n` of process function `func`: the hull of what every
   wsp.spawn of it passes, each evaluated where it spawns. A process no
   spawn starts never runs. */
static WspInterval processArgument(Eval *e, MlirOperation func, intptr_t n, MlirType type,
                                   MlirOperation user, int depth) {
  const Sites *sites = sitesOf(e);
  if (!sites)
    return full(type, "a process argument (out of memory tracing its spawns)", func);
  WspInterval r = never();
  int taken = 0;
  bool allSame = true;
  size_t first, last;
  spawnsOf(sites, func, &first, &last);
  for (size_t i = first; i < last; ++i) {
    MlirOperation spawn = sites->spawns[i].op;
    MlirValue v = spawnArgument(spawn, n);
    if (mlirValueIsNull(v))
      return full(type, "a process argument a wsp.spawn does not box", spawn);
    WspInterval a = eval(e, v, spawn, depth + 1);
    if (a.never)
      continue; /* that spawn never runs */
    if (a.why)
      return full(type, a.why, a.whyOp);
    allSame = allSame && isSingle(&a) && (taken == 0 || (r.lo == a.lo && r.hi == a.hi));
    r = taken++ == 0 ? a : hull(&r, &a);
  }
  if (r.never)
    return r;
  int64_t tlo, thi;
  if (!wspIntervalTypeRange(type, &tlo, &thi) || r.lo < tlo || r.hi > thi)
    return full(type, "a process argument that may not fit its type", func);
  /* Exact: one value at every spawn, or one spawn's exact range with the
     user run by every instance (directly in the process body). */
  bool direct = mlirOperationEqual(mlirOperationGetParentOperation(user), func);
  r.exact = allSame || (taken == 1 && r.exact && direct);
  if (!r.exact || r.lo == r.hi)
    r.loop = (MlirOperation){NULL};
  return r;
}

#define INTERVAL_MAX_CHANNELS 16

/* The wsp.create_channel ops `channel` may be, followed through process
   arguments to the spawns that pass them; false when it cannot be traced. */
static bool channelSources(Eval *e, MlirValue channel, MlirOperation *out, int *count,
                           int depth) {
  if (depth > INTERVAL_MAX_DEPTH || --e->budget < 0)
    return false;
  if (mlirValueIsAOpResult(channel)) {
    MlirOperation def = mlirOpResultGetOwner(channel);
    if (!wspVerifyOpIs(def, "wsp.create_channel"))
      return false;
    for (int i = 0; i < *count; ++i)
      if (mlirOperationEqual(out[i], def))
        return true;
    if (*count >= INTERVAL_MAX_CHANNELS)
      return false;
    out[(*count)++] = def;
    return true;
  }
  MlirOperation func = mlirBlockGetParentOperation(mlirBlockArgumentGetOwner(channel));
  if (mlirOperationIsNull(func) || !wspVerifyOpIs(func, "func.func") ||
      !wspVerifyFuncHas(func, "wsp.process"))
    return false;
  const Sites *sites = sitesOf(e);
  if (!sites)
    return false;
  intptr_t n = mlirBlockArgumentGetArgNumber(channel);
  size_t first, last;
  spawnsOf(sites, func, &first, &last);
  for (size_t i = first; i < last; ++i) {
    MlirValue v = spawnArgument(sites->spawns[i].op, n);
    if (mlirValueIsNull(v) || !channelSources(e, v, out, count, depth + 1))
      return false;
  }
  return true;
}

/* Files every send under each wsp.create_channel its channel may be, once
   per run; each send is traced with its own budget. A send that is malformed
   or whose channel cannot be traced is remembered: then no token is bounded,
   since any recv might get what it sends. */
static void indexSends(Eval *e, Sites *sites) {
  sites->sendsIndexed = true;
  for (size_t i = 0; i < sites->numSends && mlirOperationIsNull(sites->untraced); ++i) {
    MlirOperation send = sites->sends[i];
    MlirOperation channels[INTERVAL_MAX_CHANNELS];
    int count = 0;
    Eval own = *e;
    own.budget = INTERVAL_MAX_STEPS;
    if (mlirOperationGetNumOperands(send) < 2) {
      sites->untraced = send;
      sites->untracedWhy = "a malformed wsp.send";
    } else if (!channelSources(&own, mlirOperationGetOperand(send, 0), channels, &count, 0)) {
      sites->untraced = send;
      sites->untracedWhy = "a value sent on a channel the analysis cannot trace";
    }
    for (int c = 0; c < count && mlirOperationIsNull(sites->untraced); ++c) {
      if (!grow((void **)&sites->byChannel, &sites->capByChannel, sites->numByChannel,
                sizeof(SendSite))) {
        sites->failed = true;
        return;
      }
      sites->byChannel[sites->numByChannel++] =
          (SendSite){(uintptr_t)channels[c].ptr, i, send};
    }
  }
  if (sites->numByChannel)
    qsort(sites->byChannel, sites->numByChannel, sizeof(SendSite), compareSendSites);
}

/* The sends filed under `channel`: [*first, *last) of sites->byChannel. */
static void sendsOn(const Sites *sites, MlirOperation channel, size_t *first, size_t *last) {
  uintptr_t key = (uintptr_t)channel.ptr;
  size_t lo = 0, hi = sites->numByChannel;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (sites->byChannel[mid].channel < key)
      lo = mid + 1;
    else
      hi = mid;
  }
  *first = *last = lo;
  while (*last < sites->numByChannel && sites->byChannel[*last].channel == key)
    ++*last;
}

static int compareSendOrder(const void *x, const void *y) {
  const SendSite *a = x, *b = y;
  return compareOrder(a->order, b->order);
}

/* The sends on any of `channels`, each once, in module order (null and 0
   when there are none or memory runs out: *failed tells). */
static SendSite *sendsOnAny(const Sites *sites, const MlirOperation *channels, int count,
                            size_t *numOut, bool *failed) {
  size_t total = 0, first, last;
  for (int c = 0; c < count; ++c) {
    sendsOn(sites, channels[c], &first, &last);
    total += last - first;
  }
  *numOut = 0;
  if (!total)
    return NULL;
  SendSite *out = malloc(total * sizeof *out);
  if (!out) {
    *failed = true;
    return NULL;
  }
  for (int c = 0; c < count; ++c) {
    sendsOn(sites, channels[c], &first, &last);
    memcpy(out + *numOut, sites->byChannel + first, (last - first) * sizeof *out);
    *numOut += last - first;
  }
  qsort(out, *numOut, sizeof *out, compareSendOrder);
  size_t kept = 0; /* a send on two of the channels counts once */
  for (size_t i = 0; i < *numOut; ++i)
    if (kept == 0 || out[kept - 1].order != out[i].order)
      out[kept++] = out[i];
  *numOut = kept;
  return out;
}

/* The token of wsp.recv `recv`: the hull of every token a wsp.send sends
   on its channel, and 0 (what a recv on a closed, drained channel gives). */
static WspInterval received(Eval *e, MlirOperation recv, MlirType type, int depth) {
  static const char why[] =
      "a value received on a channel the analysis cannot trace to its wsp.create_channel";
  MlirOperation mine[INTERVAL_MAX_CHANNELS];
  int numMine = 0;
  if (mlirOperationGetNumOperands(recv) != 1 ||
      !channelSources(e, mlirOperationGetOperand(recv, 0), mine, &numMine, depth + 1))
    return full(type, why, recv);
  Sites *sites = sitesOf(e);
  if (sites && !sites->sendsIndexed)
    indexSends(e, sites);
  if (!sites || sites->failed)
    return full(type, why, recv);
  if (!mlirOperationIsNull(sites->untraced))
    return full(type, sites->untracedWhy, sites->untraced);
  bool failed = false;
  size_t numSends = 0;
  SendSite *sends = sendsOnAny(sites, mine, numMine, &numSends, &failed);
  if (failed)
    return full(type, why, recv);
  WspInterval r = single(0);
  r.exact = false;
  for (size_t i = 0; i < numSends; ++i) {
    MlirOperation send = sends[i].op;
    WspInterval t = eval(e, mlirOperationGetOperand(send, 1), send, depth + 1);
    if (t.why) {
      free(sends);
      return full(type, t.why, t.whyOp);
    }
    r = hull(&r, &t);
  }
  free(sends);
  int64_t tlo, thi;
  if (!wspIntervalTypeRange(type, &tlo, &thi) || r.lo < tlo || r.hi > thi)
    return full(type, why, recv);
  r.exact = false;
  r.loop = (MlirOperation){NULL};
  return r;
}

static WspInterval ifResult(Eval *e, MlirOperation op, intptr_t k, int depth) {
  MlirType type = mlirValueGetType(mlirOperationGetResult(op, k));
  WspInterval cond = eval(e, mlirOperationGetOperand(op, 0), op, depth + 1);
  WspInterval r = never();
  for (intptr_t i = 0; i < 2 && i < mlirOperationGetNumRegions(op); ++i) {
    if (isSingle(&cond) && (cond.lo != 0) != (i == 0))
      continue; /* the branch a constant condition never takes */
    MlirValue v = yielded(mlirOperationGetRegion(op, i), k);
    if (mlirValueIsNull(v))
      return full(type, "an scf.if result without a yield", op);
    MlirBlock block = mlirRegionGetFirstBlock(mlirOperationGetRegion(op, i));
    WspInterval y = eval(e, v, mlirBlockGetTerminator(block), depth + 1);
    r = hull(&r, &y);
    if (isSingle(&cond))
      return y; /* exactly the branch taken */
  }
  return r;
}

/*===--- the evaluator ----------------------------------------------------===*/

static WspInterval blockArgument(Eval *e, MlirValue value, MlirOperation user, int depth) {
  MlirType type = mlirValueGetType(value);
  for (int i = 0; i < e->numAssumed; ++i)
    if (mlirValueEqual(e->assumed[i].value, value))
      return e->assumed[i].range;
  MlirBlock block = mlirBlockArgumentGetOwner(value);
  MlirOperation owner = mlirBlockGetParentOperation(block);
  intptr_t n = mlirBlockArgumentGetArgNumber(value);
  if (!mlirOperationIsNull(owner) && wspVerifyOpIs(owner, "scf.for")) {
    if (mlirOperationGetNumOperands(owner) < 3)
      return full(type, "a malformed scf.for", owner);
    return n == 0 ? induction(e, value, owner, user, depth) : carried(e, owner, n - 1, depth);
  }
  if (!mlirOperationIsNull(owner) && wspVerifyOpIs(owner, "scf.while")) {
    MlirRegion region = mlirBlockGetParentRegion(block);
    if (mlirOperationGetNumRegions(owner) == 2 &&
        mlirRegionEqual(region, mlirOperationGetRegion(owner, 0)))
      return whileCarried(e, owner, value, n, depth);
    return whileForwarded(e, owner, type, n, true, depth);
  }
  if (!mlirOperationIsNull(owner) && wspVerifyOpIs(owner, "func.func") &&
      wspVerifyFuncHas(owner, "wsp.process"))
    return processArgument(e, owner, n, type, user, depth);
  if (!mlirOperationIsNull(owner) && wspVerifyOpIs(owner, "func.func"))
    return full(type, "a function argument (known only at run time)", owner);
  return full(type, "a block argument the analysis does not follow", owner);
}

static WspInterval eval(Eval *e, MlirValue value, MlirOperation user, int depth) {
  MlirType type = mlirValueGetType(value);
  if (depth > INTERVAL_MAX_DEPTH || --e->budget < 0)
    return full(type, "an expression too deep or too large to evaluate", (MlirOperation){NULL});
  if (widthOf(type) == 0 || widthOf(type) > 64)
    return full(type, "a value that is not an integer of at most 64 bits",
                (MlirOperation){NULL});
  if (mlirValueIsABlockArgument(value))
    return blockArgument(e, value, user, depth);
  MlirOperation def = mlirOpResultGetOwner(value);
  if (wspVerifyOpIs(def, "arith.constant") || wspVerifyOpIs(def, "index.constant"))
    return constant(def);
  for (size_t i = 0; i < sizeof kBinOps / sizeof kBinOps[0]; ++i)
    if (wspVerifyOpIs(def, kBinOps[i].name) && mlirOperationGetNumOperands(def) == 2) {
      WspInterval a = eval(e, mlirOperationGetOperand(def, 0), user, depth + 1);
      WspInterval b = eval(e, mlirOperationGetOperand(def, 1), user, depth + 1);
      if (a.never || b.never)
        return never();
      return binary(def, kBinOps[i].op, &a, &b);
    }
  bool isCast = wspVerifyOpIs(def, "arith.index_cast") || wspVerifyOpIs(def, "arith.extsi") ||
                wspVerifyOpIs(def, "arith.trunci") || wspVerifyOpIs(def, "index.casts");
  bool isCastU = wspVerifyOpIs(def, "arith.index_castui") || wspVerifyOpIs(def, "arith.extui") ||
                 wspVerifyOpIs(def, "index.castu");
  if ((isCast || isCastU) && mlirOperationGetNumOperands(def) == 1) {
    WspInterval a = eval(e, mlirOperationGetOperand(def, 0), user, depth + 1);
    return a.never ? a : cast(def, &a, isCastU);
  }
  if (wspVerifyOpIs(def, "arith.select") && mlirOperationGetNumOperands(def) == 3) {
    WspInterval c = eval(e, mlirOperationGetOperand(def, 0), user, depth + 1);
    WspInterval t = eval(e, mlirOperationGetOperand(def, 1), user, depth + 1);
    WspInterval f = eval(e, mlirOperationGetOperand(def, 2), user, depth + 1);
    if (isSingle(&c))
      return c.lo != 0 ? t : f;
    return hull(&t, &f);
  }
  intptr_t k = mlirOpResultGetResultNumber(value);
  if (wspVerifyOpIs(def, "scf.for"))
    return carried(e, def, k, depth);
  if (wspVerifyOpIs(def, "scf.if"))
    return ifResult(e, def, k, depth);
  if (wspVerifyOpIs(def, "scf.while"))
    return whileForwarded(e, def, type, k, false, depth);
  if (wspVerifyOpIs(def, "wsp.symbol"))
    return full(type, "a host symbol (wsp.symbol, known only at run time)", def);
  if (wspVerifyOpIs(def, "wsp.slot_read"))
    return full(type, "a slot read (wsp.slot_read, known only on the device)", def);
  if (wspVerifyOpIs(def, "wsp.recv") && k == 1)
    return received(e, def, type, depth);
  if (wspVerifyOpIs(def, "wsp.recv"))
    return full(type, "a recv's ok flag (wsp.recv, known only at run time)", def);
  if (wspVerifyOpIs(def, "memref.load"))
    return full(type, "a memory load", def);
  return full(type, "an op the interval analysis does not evaluate", def);
}

/*===--- guards -----------------------------------------------------------===*/

/* arith.cmpi predicates (mlir::arith::CmpIPredicate). */
enum { CMP_EQ, CMP_NE, CMP_SLT, CMP_SLE, CMP_SGT, CMP_SGE, CMP_ULT, CMP_ULE, CMP_UGT, CMP_UGE };

/* Narrows `r` by `value pred c` (holds == true) or its negation. */
static void narrow(WspInterval *r, int64_t pred, bool holds, const WspInterval *c) {
  static const int64_t kNegated[] = {CMP_NE, CMP_EQ, CMP_SGE, CMP_SGT, CMP_SLE,
                                     CMP_SLT, CMP_UGE, CMP_UGT, CMP_ULE, CMP_ULT};
  if (!holds)
    pred = kNegated[pred];
  bool isUnsigned = pred >= CMP_ULT;
  int64_t lo = r->lo, hi = r->hi;
  if (isUnsigned && c->lo < 0)
    return; /* unsigned order differs from the signed one: no narrowing */
  if (isUnsigned && r->lo < 0) {
    /* value <u C (or <=u C) with C >= 0: its bits are those of a value in
       [0, C], whatever its signed range (the one-compare bounds check). */
    if (pred != CMP_ULT && pred != CMP_ULE)
      return;
    lo = 0;
  }
  switch (pred) {
  case CMP_EQ:
    lo = c->lo > lo ? c->lo : lo;
    hi = c->hi < hi ? c->hi : hi;
    break;
  case CMP_SLT:
  case CMP_ULT:
    if (c->hi > INT64_MIN && c->hi - 1 < hi)
      hi = c->hi - 1;
    break;
  case CMP_SLE:
  case CMP_ULE:
    hi = c->hi < hi ? c->hi : hi;
    break;
  case CMP_SGT:
  case CMP_UGT:
    if (c->lo < INT64_MAX && c->lo + 1 > lo)
      lo = c->lo + 1;
    break;
  case CMP_SGE:
  case CMP_UGE:
    lo = c->lo > lo ? c->lo : lo;
    break;
  default:
    return;
  }
  if (lo > hi)
    return; /* the guarded code never runs for this value; keep the range */
  if (lo != r->lo || hi != r->hi) {
    r->exact = false;
    r->loop = (MlirOperation){NULL};
  }
  r->lo = lo;
  r->hi = hi;
}

/* Narrows the range of `value` by the scf.if conditions around `user` of
   the form `arith.cmpi pred, value, C` (or `C, value`) with C bounded:
   `scf.if (t < 4) { tile at t }` is in bounds. */
static void refineByGuards(Eval *e, MlirValue value, MlirOperation user, WspInterval *r,
                           int depth) {
  MlirOperation op = user;
  for (MlirOperation parent = mlirOperationGetParentOperation(op);
       !mlirOperationIsNull(parent) && !wspVerifyOpIs(parent, "func.func");
       op = parent, parent = mlirOperationGetParentOperation(parent)) {
    if (!wspVerifyOpIs(parent, "scf.if") || mlirOperationGetNumOperands(parent) < 1)
      continue;
    MlirRegion region = mlirBlockGetParentRegion(mlirOperationGetBlock(op));
    bool inThen = mlirRegionEqual(region, mlirOperationGetRegion(parent, 0));
    narrowByCompare(e, value, mlirOperationGetOperand(parent, 0), inThen, r, depth);
  }
}

/* Narrows `r`, the range of `value`, by `condition` (holds or not) when it
   is `arith.cmpi pred, value, C` (or `C, value`) with C bounded. */
static void narrowByCompare(Eval *e, MlirValue value, MlirValue condition, bool holds,
                            WspInterval *r, int depth) {
  MlirOperation cmp = wspVerifyDefiningOp(condition);
  if (mlirOperationIsNull(cmp) || !wspVerifyOpIs(cmp, "arith.cmpi") ||
      mlirOperationGetNumOperands(cmp) != 2)
    return;
  MlirAttribute predAttr = wspVerifyOpAttr(cmp, "predicate");
  if (mlirAttributeIsNull(predAttr) || !mlirAttributeIsAInteger(predAttr))
    return;
  int64_t pred = mlirIntegerAttrGetValueInt(predAttr);
  if (pred < CMP_EQ || pred > CMP_UGE)
    return;
  bool lhs = mlirValueEqual(mlirOperationGetOperand(cmp, 0), value);
  bool rhs = mlirValueEqual(mlirOperationGetOperand(cmp, 1), value);
  if (lhs == rhs)
    return;
  WspInterval c = eval(e, mlirOperationGetOperand(cmp, lhs ? 1 : 0), cmp, depth + 1);
  if (c.never || c.why)
    return;
  if (rhs) { /* C pred value: swap the comparison */
    static const int64_t kSwapped[] = {CMP_EQ, CMP_NE, CMP_SGT, CMP_SGE, CMP_SLT,
                                       CMP_SLE, CMP_UGT, CMP_UGE, CMP_ULT, CMP_ULE};
    pred = kSwapped[pred];
  }
  /* the numbers stay sound; `why` still says what the rest depends on */
  narrow(r, pred, holds, &c);
}

WspInterval wspIntervalOf(WspIntervalSites **sites, MlirValue value, MlirOperation user) {
  Eval e;
  memset(&e, 0, sizeof e);
  e.budget = INTERVAL_MAX_STEPS;
  e.user = user;
  e.sites = sites;
  WspInterval r = eval(&e, value, user, 0);
  if (!r.never)
    refineByGuards(&e, value, user, &r, 0);
  return r;
}

const char *wspIntervalText(char *buffer, size_t size, const WspInterval *r) {
  if (r->why)
    snprintf(buffer, size, "[%" PRId64 ", %" PRId64 "] (it depends on %s)", r->lo, r->hi,
             r->why);
  else
    snprintf(buffer, size, "[%" PRId64 ", %" PRId64 "]", r->lo, r->hi);
  return buffer;
}

void wspIntervalNoteWhy(WspVerifier *v, const WspInterval *r) {
  if (r->why && !mlirOperationIsNull(r->whyOp))
    wspVerifyNote(v, r->whyOp, "the analysis cannot bound %s here", r->why);
}
