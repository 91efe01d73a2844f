/* wsp-verify's interval analysis (WspVerifyIntervals.c): a sound range for
   every integer or index SSA value of a workload or a process, over arith,
   index and scf, followed into processes through their spawns and channels
   (docs/verify.md, "Bounds"). The rules that need a value's
   range (tile offsets V1, loop bounds L1, slot-read indices R3) ask here and
   report an error when the range is exact and wrong, a "cannot prove"
   warning when it is only an over-approximation (or nothing is known). */
#ifndef WSP_PASSES_WSPVERIFYINTERVALS_H
#define WSP_PASSES_WSPVERIFYINTERVALS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mlir-c/IR.h"

typedef struct WspInterval {
  /* Every value the SSA value takes (signed; index is 64 bits) lies in
     [lo, hi]. When nothing better is known, the range of its type. */
  int64_t lo, hi;
  /* The value is never computed (it is in a loop that never runs). */
  bool never;
  /* lo and hi are both taken when the user runs (constants, the induction
     variables of loops with constant bounds and monotone arithmetic of one
     of them): a range that is wrong at an end is certainly wrong. */
  bool exact;
  /* exact and lo < hi: the scf.for whose induction variable varies it, and
     the values that variable takes. */
  MlirOperation loop;
  int64_t ivLo, ivHi;
  /* Non-null when the range is the type's because something could not be
     bounded: what ("a function argument", ...), and the op or the owner of
     the block argument it came from (may be null). */
  const char *why;
  MlirOperation whyOp;
} WspInterval;

/* The module's wsp.spawn and wsp.send ops, collected by the first query that
   crosses a process boundary and kept for the later ones (a verifier owns
   one: *sites starts NULL; free it with wspIntervalSitesDestroy). */
typedef struct WspIntervalSites WspIntervalSites;
void wspIntervalSitesDestroy(WspIntervalSites *sites);

/* The range of `value` where `user` uses it. */
WspInterval wspIntervalOf(WspIntervalSites **sites, MlirValue value, MlirOperation user);

/* "[lo, hi]", with "(it depends on <why>)" when part of it is unknown, in
   `buffer`; returns `buffer`. */
const char *wspIntervalText(char *buffer, size_t size, const WspInterval *r);

/* Where a range's unknown part comes from, as a note of the verifier's. */
struct WspVerifier;
void wspIntervalNoteWhy(struct WspVerifier *v, const WspInterval *r);

/* The signed range of an integer or index type, false for other types. */
bool wspIntervalTypeRange(MlirType type, int64_t *lo, int64_t *hi);

#endif
