/* Roots, views and regions: a tensor argument is traced through
   memref.subview and memref.cast to a region of a root (a workload memref
   argument, or one execution of an alloc). Invariants: a region is in the
   root's coordinates (offset, size, stride per root dimension); a
   rank-reducing subview keeps the dropped dimension with size 1; offsets
   that overflow 64 bits are an error, never wrapped. */
#include "TaskGraphInterp.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*===--- roots and regions ------------------------------------------------===*/

size_t tgAddRoot(Interp *in, char *name, MlirValue value, int argNumber) {
  WspTaskGraph *g = in->graph;
  if (g->numRoots == g->capRoots) {
    g->capRoots = g->capRoots ? 2 * g->capRoots : 8;
    g->roots = wspRealloc(g->roots, g->capRoots * sizeof(WspTaskRoot));
  }
  WspTaskRoot *root = &g->roots[g->numRoots];
  memset(root, 0, sizeof *root);
  root->name = name;
  root->value = value;
  root->argNumber = argNumber;
  MlirType type = mlirValueGetType(value);
  int64_t rank = mlirShapedTypeGetRank(type);
  root->rank = (unsigned)rank; /* may exceed WSP_TG_MAX_RANK: rejected when used */
  for (int64_t d = 0; d < rank && d < WSP_TG_MAX_RANK; ++d) {
    int64_t size = mlirShapedTypeGetDimSize(type, d);
    root->shape[d] = mlirShapedTypeIsDynamicSize(size) ? WSP_TG_UNBOUNDED : size;
  }
  setValue(in, value, (Slot){SLOT_ROOT, (int64_t)g->numRoots});
  return g->numRoots++;
}

static bool wholeRoot(Interp *in, size_t id, MlirOperation user, View *view) {
  const WspTaskRoot *root = &in->graph->roots[id];
  if (root->rank > WSP_TG_MAX_RANK)
    return tgFailAt(in, user, "%s supports tensors of rank up to %d; '%s' has rank %u",
                    in->options->client, WSP_TG_MAX_RANK, root->name, root->rank);
  memset(view, 0, sizeof *view);
  view->region.root = id;
  view->region.rank = view->rank = root->rank;
  for (unsigned d = 0; d < root->rank; ++d) {
    view->region.sizes[d] = root->shape[d];
    view->region.strides[d] = 1;
    view->dims[d] = d;
  }
  return true;
}

/* Reads one of a subview's offset/size/stride lists, taking dynamic entries
   from the operands at *cursor. */
static bool subviewList(Interp *in, MlirOperation op, const char *attr, const char *what,
                        intptr_t *cursor, int64_t *out, intptr_t n) {
  MlirAttribute list = attrNamed(op, attr);
  if (mlirAttributeIsNull(list) || !mlirAttributeIsADenseI64Array(list) ||
      mlirDenseArrayGetNumElements(list) != n)
    return tgFailAt(in, op, "%s cannot read '%s'", in->options->client, attr);
  for (intptr_t i = 0; i < n; ++i) {
    out[i] = mlirDenseI64ArrayGetElement(list, i);
    if (!mlirShapedTypeIsDynamicSize(out[i]))
      continue;
    char label[64];
    snprintf(label, sizeof label, "%s #%" PRIdPTR, what, i);
    if (!tgRequireInt(in, op, mlirOperationGetOperand(op, (*cursor)++), label,
                      "static view offsets, sizes and strides",
                      "compute view offsets and sizes from constants and the induction "
                      "variables of statically bounded loops",
                      &out[i]))
      return false;
  }
  return true;
}

/* Which source dimensions a rank-reducing subview keeps: MLIR drops unit
   dimensions, matched greedily against the result shape. */
static bool keptDims(Interp *in, MlirOperation op, const int64_t *staticSizes, intptr_t n,
                     bool *kept) {
  MlirType result = mlirValueGetType(mlirOperationGetResult(op, 0));
  intptr_t m = (intptr_t)mlirShapedTypeGetRank(result), j = 0;
  for (intptr_t i = 0; i < n; ++i) {
    kept[i] = j < m && staticSizes[i] == mlirShapedTypeGetDimSize(result, j);
    if (kept[i])
      ++j;
    else if (staticSizes[i] != 1)
      return tgFailAt(in, op, "%s cannot tell which dimensions this rank-reducing subview drops",
                      in->options->client);
  }
  if (j != m)
    return tgFailAt(in, op, "%s cannot tell which dimensions this rank-reducing subview drops",
                    in->options->client);
  return true;
}

static bool composeDim(Interp *in, MlirOperation op, WspTileRegion *r, unsigned d,
                       int64_t offset, int64_t size, int64_t stride) {
  int64_t scaled, moved, strided;
  if (__builtin_mul_overflow(offset, r->strides[d], &scaled) ||
      __builtin_add_overflow(r->offsets[d], scaled, &moved) ||
      __builtin_mul_overflow(r->strides[d], stride, &strided))
    return tgFailAt(in, op, "%s: view offsets overflow 64 bits", in->options->client);
  r->offsets[d] = moved;
  r->sizes[d] = size;
  r->strides[d] = strided;
  return true;
}

static bool applySubview(Interp *in, MlirOperation op, View *view) {
  int64_t offsets[WSP_TG_MAX_RANK], sizes[WSP_TG_MAX_RANK], strides[WSP_TG_MAX_RANK];
  int64_t staticSizes[WSP_TG_MAX_RANK];
  bool kept[WSP_TG_MAX_RANK];
  intptr_t n = view->rank, cursor = 1; /* operand 0 is the source */
  MlirAttribute ss = attrNamed(op, "static_sizes");
  if (mlirAttributeIsNull(ss) || !mlirAttributeIsADenseI64Array(ss) ||
      mlirDenseArrayGetNumElements(ss) != n)
    return tgFailAt(in, op, "%s cannot read 'static_sizes'", in->options->client);
  for (intptr_t i = 0; i < n; ++i)
    staticSizes[i] = mlirDenseI64ArrayGetElement(ss, i);
  if (!subviewList(in, op, "static_offsets", "offset", &cursor, offsets, n) ||
      !subviewList(in, op, "static_sizes", "size", &cursor, sizes, n) ||
      !subviewList(in, op, "static_strides", "stride", &cursor, strides, n) ||
      !keptDims(in, op, staticSizes, n, kept))
    return false;
  unsigned rank = 0, dims[WSP_TG_MAX_RANK];
  for (intptr_t i = 0; i < n; ++i) {
    if (!composeDim(in, op, &view->region, view->dims[i], offsets[i], sizes[i], strides[i]))
      return false;
    if (kept[i])
      dims[rank++] = view->dims[i];
  }
  memcpy(view->dims, dims, sizeof dims);
  view->rank = rank;
  return true;
}

/* Traces `v` (a memref used by `user`) to its root and region. */
bool tgTraceView(Interp *in, MlirValue v, MlirOperation user, View *view, int depth) {
  Slot s = valueSlot(in, v);
  if (s.kind == SLOT_ROOT)
    return wholeRoot(in, (size_t)s.value, user, view);
  if (s.kind == SLOT_VIEW) { /* a process parameter: the view its spawn passed */
    *view = in->views[s.value];
    return true;
  }
  if (depth > 64)
    return tgFailAt(in, user, "%s: the chain of views is too deep to trace", in->options->client);
  if (!mlirValueIsAOpResult(v))
    return tgFailAt(in, user,
                    "%s cannot trace this tensor to a workload argument or a memref.alloc (it "
                    "is a block argument); remedy: take the view inside the loop from the "
                    "tensor itself",
                    in->options->client);
  MlirOperation def = mlirOpResultGetOwner(v);
  OpKind k = tgKindOf(in, def);
  if (k != K_SUBVIEW && k != K_MEMREF_CAST)
    return tgFailAt(in, def,
                    "%s follows tensor views only through memref.subview and memref.cast to a "
                    "workload argument or a memref.alloc; remedy: express the view as a "
                    "memref.subview",
                    in->options->client);
  if (!tgTraceView(in, mlirOperationGetOperand(def, 0), def, view, depth + 1))
    return false;
  if (k == K_SUBVIEW)
    return applySubview(in, def, view);
  MlirType to = mlirValueGetType(v);
  if (!mlirShapedTypeHasRank(to) || mlirShapedTypeGetRank(to) != (int64_t)view->rank)
    return tgFailAt(in, def, "%s cannot follow a cast that changes the rank", in->options->client);
  return true;
}

size_t tgAddView(Interp *in, const View *view) {
  if (in->numViews == in->capViews) {
    in->capViews = in->capViews ? 2 * in->capViews : 8;
    in->views = wspRealloc(in->views, in->capViews * sizeof(View));
  }
  in->views[in->numViews] = *view;
  return in->numViews++;
}
