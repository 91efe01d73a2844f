/* Tile regions and the hazard tracker behind wsp's task graph (see
   docs/dependencies.md). This part knows nothing about MLIR: it receives, task
   by task in submission order, the regions each task reads and writes, and
   returns the dependency edges that last-writer semantics imply. Kept apart
   from the IR walk so the lowering (and unit tests) can drive it directly. */
#ifndef WSP_PASSES_TASKGRAPHHAZARDS_H
#define WSP_PASSES_TASKGRAPHHAZARDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Tensors of higher rank are rejected by the analysis with an error; a fixed
   bound keeps regions plain values (no per-region allocation). */
#define WSP_TG_MAX_RANK 8
/* A size or bound that is not known (a dynamic dimension of a whole-tensor
   argument). Treated as "to the end of the tensor": overlaps everything after
   the offset, which is the conservative reading. */
#define WSP_TG_UNBOUNDED INT64_MAX

/* Bit 0 = reads, bit 1 = writes. */
typedef enum WspAccessMode {
  WSP_ACCESS_SCALAR = 0,
  WSP_ACCESS_IN = 1,
  WSP_ACCESS_OUT = 2,
  WSP_ACCESS_INOUT = 3,
} WspAccessMode;

/* Ordered by strength: when one task pair has several hazards, the edge
   carries the largest (raw > waw > war). */
typedef enum WspHazardKind {
  WSP_HAZARD_WAR = 1,
  WSP_HAZARD_WAW = 2,
  WSP_HAZARD_RAW = 3,
} WspHazardKind;

/* The elements a tile view touches, in the coordinates of its root tensor
   (a workload argument or one execution of an alloc). Always of the root's
   rank: a dimension dropped by a rank-reducing subview has size 1. Element k
   of dimension d is at offsets[d] + k * strides[d], k in [0, sizes[d]). */
typedef struct WspTileRegion {
  size_t root;
  unsigned rank;
  int64_t offsets[WSP_TG_MAX_RANK];
  int64_t sizes[WSP_TG_MAX_RANK]; /* may be WSP_TG_UNBOUNDED */
  int64_t strides[WSP_TG_MAX_RANK];
} WspTileRegion;

/* One task argument; `region` is meaningless for scalars. */
typedef struct WspTaskArg {
  WspAccessMode mode;
  WspTileRegion region;
} WspTaskArg;

typedef struct WspTaskEdge {
  size_t from, to; /* task ids, from < to */
  WspHazardKind kind;
} WspTaskEdge;

typedef struct WspTaskEdgeList {
  WspTaskEdge *data;
  size_t length, capacity;
} WspTaskEdgeList;

const char *wspAccessModeName(WspAccessMode mode);
const char *wspHazardKindName(WspHazardKind kind);

/* Same root and every dimension's bounding interval intersects. Non-unit
   strides are over-approximated by their bounding box. */
bool wspTileRegionsOverlap(const WspTileRegion *a, const WspTileRegion *b);

typedef struct WspHazardTracker WspHazardTracker;

WspHazardTracker *wspHazardTrackerCreate(void);
void wspHazardTrackerDestroy(WspHazardTracker *tracker);

/* Records task `task` (ids strictly increasing across calls) with its
   arguments and appends its incoming edges to `edges`, sorted by `from`, one
   per predecessor. Every region of one root must have the same rank. */
void wspHazardTrackerAddTask(WspHazardTracker *tracker, size_t task, const WspTaskArg *args,
                             size_t numArgs, WspTaskEdgeList *edges);

void wspTaskEdgeListFree(WspTaskEdgeList *list);

#endif
