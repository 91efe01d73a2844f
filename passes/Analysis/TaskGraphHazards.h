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

/* The reason for an edge, ordered by strength: when one task pair has
   several, the edge carries the largest (raw > waw > war > channel > credit).
   Data hazards rank first because the runtime's TensorMap can enforce them
   from param modes; a "channel" or "credit" edge is then ordering that only
   the CSP protocol provides (token and credit tensors, docs/csp.md). */
typedef enum WspHazardKind {
  WSP_HAZARD_CREDIT = 1,  /* a send reuses a slot the receiver released */
  WSP_HAZARD_CHANNEL = 2, /* a received token orders the receiver's tasks */
  WSP_HAZARD_WAR = 3,
  WSP_HAZARD_WAW = 4,
  WSP_HAZARD_RAW = 5,
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

/* By default a task gets only the edges its other edges do not imply (the
   transitive reduction, as far as the tracker's clocks see; same ordered
   pairs). `false` gives an edge for every hazard pair instead: what a
   tracker without reduction, like host_build_graph's emitted one, adds.
   Call before the first task. */
void wspHazardTrackerSetReduced(WspHazardTracker *tracker, bool reduced);

/* By default (reduced), an entry that a newer entry of the same set covers
   and that the newer entry's task already reaches is dropped: nothing later
   needs it, and the edges are the same. `false` keeps such entries (for
   tests that check exactly that). Call before the first task. */
void wspHazardTrackerSetPruning(WspHazardTracker *tracker, bool prune);

/* Records task `task` (ids strictly increasing across calls) with its
   arguments and appends its incoming edges to `edges`, sorted by `from`, one
   per predecessor. Every region of one root must have the same rank. */
void wspHazardTrackerAddTask(WspHazardTracker *tracker, size_t task, const WspTaskArg *args,
                             size_t numArgs, WspTaskEdgeList *edges);

/* Queues an edge of `kind` from the earlier task `from` into the next task
   given to wspHazardTrackerAddTask, merged with that task's hazards (one edge
   per predecessor, the strongest kind). For orderings that come from outside
   the tensors: channels and credits. */
void wspHazardTrackerAddOrder(WspHazardTracker *tracker, size_t from, WspHazardKind kind);

/* The heap the tracker uses (its live entries, boxes, grid cells and
   clocks): what a memory budget compares. */
size_t wspHazardTrackerBytes(const WspHazardTracker *tracker);

void wspTaskEdgeListFree(WspTaskEdgeList *list);

/*===--- channel order (docs/csp.md) --------------------------------------===*/

/* The channel and credit edges of CSP programs, from the sequence of channel
   events the interpreter observes; like the hazard tracker it knows nothing
   about MLIR or about scheduling. Per channel it keeps, for each send #k, the
   tasks that send waits on (its `after` handles), and for each recv #m the
   receiver's *epoch* m: the tasks it submits after recv #m and before its
   next recv on that channel.

   - channel edges: every after-task of send #m -> every task of epoch m.
   - credit edges: with C = max(capacity, 1), every task of epoch j-C-1 ->
     every task the sender of send #j submits after send #j and before its
     next send on that channel. Send #j can complete only after recv #(j-C)
     (the slot it reuses is free), and that recv closes epoch j-C-1, so the
     edge always points forward in submission order. */
typedef struct WspChannelOrder WspChannelOrder;

/* Where a process stands on one channel it holds. */
typedef struct WspChannelPlace {
  size_t channel;
  bool receives; /* its receiving end, else a sending end */
  int64_t index; /* receiving: the current epoch; sending: its last send #; -1 = none */
} WspChannelPlace;

WspChannelOrder *wspChannelOrderCreate(void);
void wspChannelOrderDestroy(WspChannelOrder *order);
/* Channel ids are 0, 1, ... in creation order. */
size_t wspChannelOrderAddChannel(WspChannelOrder *order, int64_t capacity);
/* Records the next send on `channel`, waiting on tasks `after`; returns its #. */
size_t wspChannelOrderSend(WspChannelOrder *order, size_t channel, const size_t *after,
                           size_t numAfter);
/* Records the next (successful) recv on `channel`; returns its #, which is
   also the epoch it opens. */
size_t wspChannelOrderRecv(WspChannelOrder *order, size_t channel);
size_t wspChannelOrderNumSends(const WspChannelOrder *order, size_t channel);
size_t wspChannelOrderNumRecvs(const WspChannelOrder *order, size_t channel);
/* For task `task`, submitted by a process standing at `places`: queues its
   channel and credit edges into `tracker` (before wspHazardTrackerAddTask)
   and files it in the epochs it belongs to. */
void wspChannelOrderAddTask(WspChannelOrder *order, size_t task, const WspChannelPlace *places,
                            size_t numPlaces, WspHazardTracker *tracker);

#endif
