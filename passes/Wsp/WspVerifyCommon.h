/* Shared state and helpers of the wsp-verify pass (passes/WspVerify*.c).

   The pass walks the module once; each rule is a function that receives the
   verifier and the op it checks, raises located errors through
   wspVerifyError and never stops at the first one. Facts that need several
   ops (a handle dispatched twice, two task windows in one workload, one host
   symbol used with two types) are remembered in the small tables below,
   keyed by what identifies them. */
#ifndef WSP_PASSES_WSPVERIFYCOMMON_H
#define WSP_PASSES_WSPVERIFYCOMMON_H

#include <stdbool.h>
#include <stddef.h>

#include "IRUtil.h"
#include "Support/PointerMap.h"
#include "mlir-c/IR.h"
#include "wsp-c/Context.h"

/* The first op seen for a key (a task handle, a workload function). */
typedef struct WspVerifyFirst {
  const void *key;
  MlirOperation op;
} WspVerifyFirst;

/* The first use of a host symbol name, with the type it was given. */
typedef struct WspVerifySymbolUse {
  MlirStringRef name; /* owned by the MLIR context (a StringAttr's value) */
  MlirType type;
  MlirOperation op;
} WspVerifySymbolUse;

typedef struct WspVerifier {
  WspContext context;
  MlirContext mlirContext;
  MlirOperation module;
  MlirSymbolTable symbols; /* the module's, for kernel and process references */
  bool ok;                 /* false once any error was raised */
  WspPointerMap dispatched; /* task handle -> its first wsp.dispatch (an op pointer) */
  WspVerifyFirst *windows;
  size_t numWindows, capWindows;
  WspVerifySymbolUse *symbolUses;
  size_t numSymbolUses, capSymbolUses;
  char **strings; /* texts made for messages, freed with the verifier */
  size_t numStrings, capStrings;
  /* The bounds analysis' spawns and sends (WspVerifyIntervals.h); freed by
     the pass (WspVerify.c), not by wspVerifierDestroy, so this file does not
     depend on the analysis. */
  struct WspIntervalSites *intervalSites;
} WspVerifier;

void wspVerifierInit(WspVerifier *v, WspContext context, MlirOperation module);
void wspVerifierDestroy(WspVerifier *v);

/* Raise a located error at `op` (marks the run failed) or a note after it. */
void wspVerifyError(WspVerifier *v, MlirOperation op, const char *format, ...)
    __attribute__((format(printf, 3, 4)));
void wspVerifyNote(WspVerifier *v, MlirOperation op, const char *format, ...)
    __attribute__((format(printf, 3, 4)));
/* A located warning (the run does not fail): what a rule cannot prove. */
void wspVerifyWarning(WspVerifier *v, MlirOperation op, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

/* Texts for messages; they live as long as the verifier. */
const char *wspVerifyTypeText(WspVerifier *v, MlirType type);
const char *wspVerifyAttrText(WspVerifier *v, MlirAttribute attr);
const char *wspVerifyStringText(WspVerifier *v, MlirStringRef text);
/* "@name (a kernel)" and the like, for where an op sits. */
const char *wspVerifyDescribeFunc(WspVerifier *v, MlirOperation func);

/* Remember the first op for `key`; returns the earlier one if there was. */
MlirOperation wspVerifyRememberFirst(WspVerifyFirst **table, size_t *count, size_t *capacity,
                                     const void *key, MlirOperation op);

/*===--- ops and attributes -----------------------------------------------===*/

static inline bool wspVerifyOpIs(MlirOperation op, const char *name) {
  return wspOpIs(op, name);
}
MlirAttribute wspVerifyOpAttr(MlirOperation op, const char *name);
bool wspVerifyFuncHas(MlirOperation func, const char *name);
/* The sym_name of a function (empty when it has none). */
MlirStringRef wspVerifyFuncName(MlirOperation func);
bool wspVerifyFuncHasBody(MlirOperation func);
MlirBlock wspVerifyFuncEntryBlock(MlirOperation func);
/* The function type's inputs; false when the op has no function_type. */
bool wspVerifyFuncInputs(MlirOperation func, intptr_t *count);
MlirType wspVerifyFuncInput(MlirOperation func, intptr_t index);
/* The nearest func.func around `op` (null when there is none). */
MlirOperation wspVerifyEnclosingFunc(MlirOperation op);
bool wspVerifyStringAttrIs(MlirAttribute attr, const char *value);
/* An integer attribute of type i64 (the contract for every count). */
bool wspVerifyIsI64Attr(MlirAttribute attr);
/* The op that defines `value`, or null for a block argument. */
MlirOperation wspVerifyDefiningOp(MlirValue value);

/* The first byte of `text` that cannot travel in the artifact's files (a
   control byte, or one that is not part of valid UTF-8: manifest.json must
   stay readable), as its offset; -1 when every byte is fine. *why gets
   "a control byte" or "invalid UTF-8". */
long wspVerifyBadTextByte(MlirStringRef text, const char **why);

/* Names wsp generates start with "wsp_" or "__wsp" (wsp_alloc,
   wsp_scratch<N>, __wsp_guard<N>): user names may not. */
bool wspVerifyIsReservedName(MlirStringRef name);
#define WSP_RESERVED_PREFIXES "'wsp_' and '__wsp'"

/*===--- types ------------------------------------------------------------===*/

/* A scalar that travels as one 64-bit runtime word: an integer of at most
   64 bits, index, bf16, f16, f32 or f64. */
bool wspVerifyIsWordScalar(MlirType type);
#define WSP_WORD_SCALARS "an integer of at most 64 bits, index, bf16, f16, f32 or f64"
bool wspVerifyIsChannelType(MlirType type);
/* The token type T of !wsp.channel<T> (null if `type` is not a channel).
   Read from the printed type: the C API cannot read IRDL type parameters. */
MlirType wspVerifyChannelElementType(MlirContext context, MlirType type);
/* Tensors agree when element type, rank and every dimension static in both
   are equal; layouts and strides may differ (a view vs. a whole tensor). */
bool wspVerifyMemRefsAgree(MlirType a, MlirType b);

/*===--- access modes -----------------------------------------------------===*/

typedef enum WspAccessMode {
  WSP_ACCESS_INVALID,
  WSP_ACCESS_IN,
  WSP_ACCESS_OUT,
  WSP_ACCESS_INOUT,
  WSP_ACCESS_SCALAR,
} WspAccessMode;

const char *wspVerifyAccessModeName(WspAccessMode mode); /* "in", ... */
/* The mode a boxing op (wsp.in/out/inout/scalar) stands for. */
WspAccessMode wspVerifyBoxMode(MlirOperation op);
/* Entry `index` of a function's wsp.access; WSP_ACCESS_INVALID when the
   attribute is missing or malformed (the function's own rule reports it). */
WspAccessMode wspVerifyFuncAccess(MlirOperation func, intptr_t index);

#endif
