/* The hazard tracker: last-writer semantics over tile regions.

   Per root tensor it keeps two access sets: the live writes (region + task)
   and the live reads since those writes. A new write that fully covers an
   older write or read supersedes it (the new writer is ordered after it, so
   later tasks reach it transitively); partial overlaps keep both. That keeps
   the sets short for accumulation chains and re-written tiles.

   Tile programs also leave many *disjoint* live entries (one per tile of a
   tensor written once), so each set is indexed by a uniform grid: an entry is
   filed under every grid cell its bounding box touches, and a query visits
   only the cells its own box touches. The cell size adapts to the smallest
   tile seen (a re-grid happens only when it at least halves, so at most a
   few dozen times per root). Entries spanning more than kMaxCells cells
   (whole-tensor accesses, unbounded sizes) live in a "big" list that every
   query scans, newest first.

   Transitive reduction (docs/dependencies.md, "Reduced edges"): a task gets
   no edge from an entry whose task already reaches it through another edge.
   Each task keeps, per root it touches and per access set, a *clock* L: every
   entry of that set with task <= L that was live when the task was added
   reaches the task. A task's clocks start as the maximum of its accepted
   predecessors' clocks; candidates are visited newest first, and an entry
   with task <= L is implied and skipped — a list in task order is scanned
   only down to L. A query that overlaps every live entry of a set (its box
   covers the set's extent) sets L to the set's newest task, and a task whose
   L already reaches the newest entry of a set it adds to moves L to itself.
   The clocks only ever claim real paths, so the reduced graph orders exactly
   the same pairs; the reduction may be incomplete (paths through roots a
   task does not touch are not tracked), never unsound. This keeps the
   interleaved "write a tile, read the whole tensor" loop linear: each write
   and each read sees only its latest counterpart. An entry that a newer
   entry of the same set covers, when the newer entry's clock reaches it, is
   dropped (pruneImplied): nothing later needs it, and the edges stay the same.

   Records are 32-bit where they can be (task and box ids, clock bounds,
   box coordinates and cell keys until one does not fit): the state left per
   instance is what bounds the analyses (docs/performance.md, "Instances").

   Size: about 1050 lines, over the ~800 the layout aims at: the tracker's
   access sets, their grid index, the node pool and the reduction clocks are
   one data structure whose invariants (below) hold only together. */
#include "TaskGraphHazards.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "Support/StringBuffer.h"
#include "TaskGraphIdList.h"

/* Beyond this many cells an entry is "big" and a query scans linearly. */
enum { kMaxCells = 16 };
/* Compact an access set once this many dead entries outnumber live ones. */
enum { kCompactThreshold = 1024 };
/* pruneImplied looks at most this many of a set's newest entries. */
enum { kPruneSteps = 8 };

const char *wspAccessModeName(WspAccessMode mode) {
  switch (mode) {
  case WSP_ACCESS_IN: return "in";
  case WSP_ACCESS_OUT: return "out";
  case WSP_ACCESS_INOUT: return "inout";
  case WSP_ACCESS_SCALAR: return "scalar";
  }
  return "scalar";
}

const char *wspHazardKindName(WspHazardKind kind) {
  switch (kind) {
  case WSP_HAZARD_RAW: return "raw";
  case WSP_HAZARD_WAW: return "waw";
  case WSP_HAZARD_WAR: return "war";
  case WSP_HAZARD_CHANNEL: return "channel";
  case WSP_HAZARD_CREDIT: return "credit";
  }
  return "raw";
}

/*===--- bounding boxes ---------------------------------------------------===*/

/* Half-open bounding box [lo, hi) per dimension; `dense` when every
   dimension is contiguous (stride 1 or a single element), i.e. the box is
   exactly the element set — only then may it supersede other entries. */
typedef struct Box {
  unsigned rank;
  int64_t lo[WSP_TG_MAX_RANK], hi[WSP_TG_MAX_RANK];
  bool dense;
  bool empty;
} Box;

static int64_t saturatingAdd(int64_t a, int64_t b) {
  int64_t r;
  return __builtin_add_overflow(a, b, &r) ? (b > 0 ? WSP_TG_UNBOUNDED : INT64_MIN) : r;
}

static void dimBounds(int64_t offset, int64_t size, int64_t stride, int64_t *lo, int64_t *hi) {
  if (size == WSP_TG_UNBOUNDED) {
    *lo = offset;
    *hi = WSP_TG_UNBOUNDED;
    return;
  }
  int64_t span; /* distance from the first to the last element */
  if (__builtin_mul_overflow(size - 1, stride, &span))
    span = stride > 0 ? WSP_TG_UNBOUNDED : INT64_MIN;
  *lo = span < 0 ? saturatingAdd(offset, span) : offset;
  *hi = saturatingAdd(span < 0 ? offset : saturatingAdd(offset, span), 1);
}

static Box boxOf(const WspTileRegion *r) {
  Box b;
  b.rank = r->rank;
  b.dense = true;
  b.empty = false;
  for (unsigned d = 0; d < r->rank; ++d) {
    if (r->sizes[d] <= 0)
      b.empty = true;
    dimBounds(r->offsets[d], r->sizes[d], r->strides[d], &b.lo[d], &b.hi[d]);
    if (r->strides[d] != 1 && r->sizes[d] > 1)
      b.dense = false;
  }
  return b;
}

static bool boxesOverlap(const int64_t *alo, const int64_t *ahi, const int64_t *blo,
                         const int64_t *bhi, unsigned rank) {
  for (unsigned d = 0; d < rank; ++d)
    if (!(alo[d] < bhi[d] && blo[d] < ahi[d]))
      return false;
  return true;
}

bool wspTileRegionsOverlap(const WspTileRegion *a, const WspTileRegion *b) {
  if (a->root != b->root || a->rank != b->rank)
    return false;
  Box x = boxOf(a), y = boxOf(b);
  return !x.empty && !y.empty && boxesOverlap(x.lo, x.hi, y.lo, y.hi, x.rank);
}

/*===--- access sets ------------------------------------------------------===*/

/* 8 bytes: the box is interned per access set (AccessSet.boxes), since
   many entries share one tile (every read of A[i,k] in a matmul nest) and
   the entries, not the boxes, grow with the task instances. Task ids fit in
   32 bits (wspHazardTrackerAddTask checks; the analyses stop at 10^8). */
typedef struct Access {
  uint32_t task;
  uint32_t box; /* into AccessSet.boxes; kDead once superseded or pruned */
} Access;

enum { kDead = UINT32_MAX };

static bool isAlive(const Access *a) { return a->box != kDead; }

/* Open-addressing map from a grid cell (rank coordinates) to the entries
   filed under it. Keyed by coordinates, never by pointers, so behaviour is
   deterministic. */
typedef struct CellNode {
  uint32_t entry; /* into AccessSet.entries */
  uint32_t next;  /* the cell's next older node + 1; 0 ends the list */
} CellNode;

/* A cell's entries are a list, newest first, threaded through one node pool
   (8 bytes per filing; no allocation per cell). A cell with one entry needs
   no node: its head holds the entry id itself (a cursor, below). Keys are
   stored like the boxes (coordinates, below): 32-bit while the set is
   narrow. */
typedef struct CellMap {
  size_t capacity; /* a power of two, or 0 */
  size_t used;
  void *keys;      /* capacity * rank coordinates */
  uint32_t *heads; /* per slot: a cursor to its newest entry; 0 = an empty slot */
  CellNode *nodes;
  size_t numNodes, capNodes;
} CellMap;

typedef struct AccessSet {
  unsigned rank;
  bool any;        /* an entry was ever inserted */
  size_t lastTask; /* the newest entry's task */
  int64_t extLo[WSP_TG_MAX_RANK], extHi[WSP_TG_MAX_RANK]; /* box of every entry inserted */
  Access *entries;
  size_t length, capacity, live;
  bool gridded; /* cell[] is set: the first bounded entry fixes it */
  int64_t cell[WSP_TG_MAX_RANK];
  CellMap cells;
  IdList big;
  /* Box coordinates and cell keys are 32-bit (narrow) until a coordinate
     does not fit; then the set widens them all to 64 bits, once. */
  bool wide;
  /* Distinct boxes: box b is lo = coordinates [2*rank*b, 2*rank*b + rank)
     of `boxes`, hi the next rank; an open-addressing table (box id + 1,
     0 = empty) finds a box by value. */
  void *boxes;
  size_t numBoxes, capBoxes;
  uint32_t *boxSlots;
  size_t capBoxSlots; /* a power of two, or 0 */
} AccessSet;

/*===--- coordinates: 32 or 64 bits ---------------------------------------===*/

/* Narrow storage keeps a value exactly when it lies strictly between
   INT32_MIN and INT32_MAX; those two stand for the saturated bounds
   INT64_MIN and WSP_TG_UNBOUNDED (INT64_MAX). */
static bool fitsNarrow(int64_t v) {
  return v == INT64_MAX || v == INT64_MIN || (v > INT32_MIN && v < INT32_MAX);
}

static size_t coordSize(bool wide) { return wide ? sizeof(int64_t) : sizeof(int32_t); }

static void putCoords(void *out, const int64_t *v, size_t n, bool wide) {
  if (wide) {
    memcpy(out, v, n * sizeof(int64_t));
    return;
  }
  int32_t *o = out;
  for (size_t i = 0; i < n; ++i)
    o[i] = v[i] == INT64_MAX ? INT32_MAX : v[i] == INT64_MIN ? INT32_MIN : (int32_t)v[i];
}

static void getCoords(int64_t *out, const void *in, size_t n, bool wide) {
  if (wide) {
    memcpy(out, in, n * sizeof(int64_t));
    return;
  }
  const int32_t *c = in;
  for (size_t i = 0; i < n; ++i)
    out[i] = c[i] == INT32_MAX ? INT64_MAX : c[i] == INT32_MIN ? INT64_MIN : c[i];
}

static const void *coordAt(const void *base, size_t index, bool wide) {
  return (const char *)base + index * coordSize(wide);
}

/* Entry `a`'s box, as 64-bit bounds. */
static void entryBox(const AccessSet *set, const Access *a, int64_t *lo, int64_t *hi) {
  const void *c = coordAt(set->boxes, (size_t)a->box * 2 * set->rank, set->wide);
  getCoords(lo, c, set->rank, set->wide);
  getCoords(hi, coordAt(c, set->rank, set->wide), set->rank, set->wide);
}

static void cellMapFree(CellMap *map) {
  free(map->keys);
  free(map->heads);
  free(map->nodes);
  memset(map, 0, sizeof *map);
}

/* Over the stored (narrow or wide) form of a key, 32 bits at a time. */
static uint64_t hashKey(const void *key, size_t bytes) {
  uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; i + 4 <= bytes; i += 4) {
    uint32_t w;
    memcpy(&w, (const char *)key + i, 4);
    h ^= w;
    h *= 1099511628211ull;
    h ^= h >> 29;
  }
  return h;
}

static size_t boxSlot(const AccessSet *set, const void *coords) {
  size_t mask = set->capBoxSlots - 1, bytes = 2 * (size_t)set->rank * coordSize(set->wide);
  size_t i = (size_t)hashKey(coords, bytes) & mask;
  while (set->boxSlots[i] &&
         memcmp((const char *)set->boxes + (size_t)(set->boxSlots[i] - 1) * bytes, coords,
                bytes) != 0)
    i = (i + 1) & mask;
  return i;
}

static void rehashBoxes(AccessSet *set) {
  size_t bytes = 2 * (size_t)set->rank * coordSize(set->wide);
  memset(set->boxSlots, 0, set->capBoxSlots * sizeof(uint32_t));
  for (size_t b = 0; b < set->numBoxes; ++b)
    set->boxSlots[boxSlot(set, (const char *)set->boxes + b * bytes)] = (uint32_t)(b + 1);
}

/* The id of the box [lo, hi), added if new. The set is wide or the box fits
   narrow storage (setInsert widens first). */
static uint32_t internBox(AccessSet *set, const int64_t *lo, const int64_t *hi) {
  size_t bytes = 2 * (size_t)set->rank * coordSize(set->wide);
  int64_t both[2 * WSP_TG_MAX_RANK];
  memcpy(both, lo, set->rank * sizeof(int64_t));
  memcpy(both + set->rank, hi, set->rank * sizeof(int64_t));
  int64_t coords[2 * WSP_TG_MAX_RANK]; /* the stored form: as many bytes as 2*rank int64 */
  putCoords(coords, both, 2 * set->rank, set->wide);
  if (4 * (set->numBoxes + 1) > 3 * set->capBoxSlots) { /* keep the load <= 3/4 */
    free(set->boxSlots);
    set->capBoxSlots = set->capBoxSlots ? 2 * set->capBoxSlots : 16;
    set->boxSlots = wspCalloc(set->capBoxSlots, sizeof(uint32_t));
    rehashBoxes(set);
  }
  size_t slot = boxSlot(set, coords);
  if (set->boxSlots[slot])
    return set->boxSlots[slot] - 1;
  if (set->numBoxes >= UINT32_MAX - 1) { /* 2^32 tiles: far past any memory budget */
    fputs("wsp: the task-graph analysis saw more than 2^32 distinct tiles of one tensor\n",
          stderr);
    abort();
  }
  if (set->numBoxes == set->capBoxes) {
    set->capBoxes = set->capBoxes ? 2 * set->capBoxes : 16;
    set->boxes = wspRealloc(set->boxes, set->capBoxes * (bytes ? bytes : 1));
  }
  memcpy((char *)set->boxes + set->numBoxes * bytes, coords, bytes);
  set->boxSlots[slot] = (uint32_t)(set->numBoxes + 1);
  return (uint32_t)set->numBoxes++;
}

/* `key` in stored form. */
static size_t cellSlot(const CellMap *map, const void *key, unsigned rank, bool wide) {
  size_t mask = map->capacity - 1, bytes = rank * coordSize(wide);
  size_t i = (size_t)hashKey(key, bytes) & mask;
  while (map->heads[i] && memcmp((const char *)map->keys + i * bytes, key, bytes) != 0)
    i = (i + 1) & mask;
  return i;
}

static void cellMapGrow(CellMap *map, unsigned rank, bool wide) {
  size_t bytes = rank * coordSize(wide);
  CellMap bigger = {0};
  bigger.capacity = map->capacity ? 2 * map->capacity : 64;
  bigger.keys = wspCalloc(bigger.capacity, bytes ? bytes : 1);
  bigger.heads = wspCalloc(bigger.capacity, sizeof(uint32_t));
  for (size_t i = 0; i < map->capacity; ++i) {
    if (!map->heads[i])
      continue;
    const void *key = (const char *)map->keys + i * bytes;
    size_t j = cellSlot(&bigger, key, rank, wide);
    bigger.heads[j] = map->heads[i];
    memcpy((char *)bigger.keys + j * bytes, key, bytes);
  }
  bigger.used = map->used;
  bigger.nodes = map->nodes;
  bigger.numNodes = map->numNodes;
  bigger.capNodes = map->capNodes;
  free(map->keys);
  free(map->heads);
  *map = bigger;
}

/* A position in a cell's list: 0 = its end; kDirect | id = entry `id`, the
   last of the list; else node + 1. */
enum { kDirect = 0x80000000u };

static uint32_t cursorEntry(const CellNode *nodes, uint32_t at) {
  return at & kDirect ? at & ~(uint32_t)kDirect : nodes[at - 1].entry;
}

static uint32_t cursorNext(const CellNode *nodes, uint32_t at) {
  return at & kDirect ? 0 : nodes[at - 1].next;
}

/* The cursor to the newest entry of a cell's list; 0 if the cell has none. */
static uint32_t cellMapHead(const AccessSet *set, const int64_t *key) {
  const CellMap *map = &set->cells;
  if (!map->capacity)
    return 0;
  for (unsigned d = 0; d < set->rank && !set->wide; ++d)
    if (!fitsNarrow(key[d]) || key[d] == INT64_MAX || key[d] == INT64_MIN)
      return 0; /* no filed entry reaches that far */
  int64_t stored[WSP_TG_MAX_RANK];
  putCoords(stored, key, set->rank, set->wide);
  return map->heads[cellSlot(map, stored, set->rank, set->wide)];
}

/* 2^32 of anything here is far past any memory budget and max-tasks. */
static void tooBig(const char *what) {
  fprintf(stderr, "wsp: the task-graph analysis has more than %s\n", what);
  abort();
}

/* Files entry `entry` (newer than any filed before) under a cell; the key
   fits the set's storage (its entry's box does). */
static void cellMapPush(AccessSet *set, const int64_t *key, size_t entry) {
  CellMap *map = &set->cells;
  unsigned rank = set->rank;
  size_t bytes = rank * coordSize(set->wide);
  if (4 * (map->used + 1) > 3 * map->capacity) /* keep the load <= 3/4 */
    cellMapGrow(map, rank, set->wide);
  if (entry >= kDirect || map->numNodes >= kDirect - 2)
    tooBig("2^31 live accesses of one tensor");
  int64_t stored[WSP_TG_MAX_RANK];
  putCoords(stored, key, rank, set->wide);
  size_t i = cellSlot(map, stored, rank, set->wide);
  if (!map->heads[i]) {
    memcpy((char *)map->keys + i * bytes, stored, bytes);
    ++map->used;
    map->heads[i] = kDirect | (uint32_t)entry;
    return;
  }
  if (map->numNodes == map->capNodes) {
    map->capNodes = map->capNodes ? 2 * map->capNodes : 64;
    map->nodes = wspRealloc(map->nodes, map->capNodes * sizeof(CellNode));
  }
  uint32_t next = map->heads[i];
  if (next & kDirect) { /* the cell's first entry gets its node now */
    map->nodes[map->numNodes] = (CellNode){next & ~(uint32_t)kDirect, 0};
    next = (uint32_t)++map->numNodes;
    if (map->numNodes == map->capNodes) {
      map->capNodes *= 2;
      map->nodes = wspRealloc(map->nodes, map->capNodes * sizeof(CellNode));
    }
  }
  map->nodes[map->numNodes] = (CellNode){(uint32_t)entry, next};
  map->heads[i] = (uint32_t)++map->numNodes;
}

static int64_t floorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/* The cell range [c0, c1] a box touches; returns the number of cells, or
   kMaxCells + 1 when it is larger or unbounded (then: linear treatment). */
static size_t cellRange(const AccessSet *set, const int64_t *lo, const int64_t *hi, int64_t *c0,
                        int64_t *c1) {
  if (!set->gridded)
    return kMaxCells + 1;
  size_t count = 1;
  for (unsigned d = 0; d < set->rank; ++d) {
    if (hi[d] == WSP_TG_UNBOUNDED || lo[d] == INT64_MIN)
      return kMaxCells + 1;
    c0[d] = floorDiv(lo[d], set->cell[d]);
    c1[d] = floorDiv(hi[d] - 1, set->cell[d]);
    uint64_t n = (uint64_t)(c1[d] - c0[d]) + 1;
    if (n > kMaxCells || count * n > kMaxCells)
      return kMaxCells + 1;
    count *= (size_t)n;
  }
  return count;
}

/* Advances the odometer `c` within [c0, c1]; false when done. */
static bool nextCell(int64_t *c, const int64_t *c0, const int64_t *c1, unsigned rank) {
  for (unsigned d = rank; d-- > 0;) {
    if (c[d] < c1[d]) {
      ++c[d];
      return true;
    }
    c[d] = c0[d];
  }
  return false;
}

static void fileEntry(AccessSet *set, size_t id) {
  int64_t c0[WSP_TG_MAX_RANK], c1[WSP_TG_MAX_RANK], c[WSP_TG_MAX_RANK];
  int64_t lo[WSP_TG_MAX_RANK], hi[WSP_TG_MAX_RANK];
  entryBox(set, &set->entries[id], lo, hi);
  if (cellRange(set, lo, hi, c0, c1) > kMaxCells) {
    idListPush(&set->big, id);
    return;
  }
  memcpy(c, c0, set->rank * sizeof(int64_t));
  do
    cellMapPush(set, c, id);
  while (nextCell(c, c0, c1, set->rank));
}

/* Drops dead entries and re-files the live ones under the current grid. */
static void rebuild(AccessSet *set) {
  size_t kept = 0;
  for (size_t i = 0; i < set->length; ++i)
    if (isAlive(&set->entries[i]))
      set->entries[kept++] = set->entries[i];
  set->length = kept;
  cellMapFree(&set->cells);
  set->big.length = 0;
  for (size_t i = 0; i < set->length; ++i)
    fileEntry(set, i);
}

/* Adapts the grid to a new entry's extents; true when a re-grid is due. */
static bool adaptGrid(AccessSet *set, const Box *box) {
  for (unsigned d = 0; d < set->rank; ++d)
    if (box->hi[d] == WSP_TG_UNBOUNDED || box->lo[d] == INT64_MIN)
      return false; /* unbounded entries are big whatever the grid */
  if (!set->gridded) {
    for (unsigned d = 0; d < set->rank; ++d)
      set->cell[d] = box->hi[d] - box->lo[d];
    set->gridded = true;
    return set->length > 0;
  }
  bool shrink = false;
  for (unsigned d = 0; d < set->rank; ++d)
    shrink |= 2 * (box->hi[d] - box->lo[d]) <= set->cell[d];
  if (!shrink)
    return false;
  for (unsigned d = 0; d < set->rank; ++d)
    if (box->hi[d] - box->lo[d] < set->cell[d])
      set->cell[d] = box->hi[d] - box->lo[d];
  return true;
}

/* Moves every box coordinate and cell key of a narrow set to 64 bits. */
static void widen(AccessSet *set) {
  size_t n = set->numBoxes * 2 * set->rank;
  int64_t *wide = wspRealloc(NULL, (set->capBoxes * 2 * set->rank + 1) * sizeof(int64_t));
  getCoords(wide, set->boxes, n, false);
  free(set->boxes);
  set->boxes = wide;
  set->wide = true;
  if (set->capBoxSlots)
    rehashBoxes(set);
}

static bool boxFitsNarrow(const Box *box) {
  for (unsigned d = 0; d < box->rank; ++d)
    if (!fitsNarrow(box->lo[d]) || !fitsNarrow(box->hi[d]))
      return false;
  return true;
}

static void setInsert(AccessSet *set, const Box *box, size_t task) {
  bool widened = !set->wide && !boxFitsNarrow(box);
  if (widened)
    widen(set);
  bool regrid = adaptGrid(set, box);
  size_t dead = set->length - set->live;
  if (widened || regrid || (dead > kCompactThreshold && dead > set->live))
    rebuild(set); /* re-files under the new grid, with keys of the new width */
  if (set->length == set->capacity) {
    set->capacity = set->capacity ? 2 * set->capacity : 8;
    set->entries = wspRealloc(set->entries, set->capacity * sizeof(Access));
  }
  for (unsigned d = 0; d < set->rank; ++d) {
    if (!set->any || box->lo[d] < set->extLo[d])
      set->extLo[d] = box->lo[d];
    if (!set->any || box->hi[d] > set->extHi[d])
      set->extHi[d] = box->hi[d];
  }
  set->any = true;
  set->lastTask = task;
  uint32_t id = internBox(set, box->lo, box->hi);
  Access *a = &set->entries[set->length];
  a->box = id;
  a->task = (uint32_t)task;
  ++set->live;
  fileEntry(set, set->length++);
}

static void setKill(AccessSet *set, size_t id) {
  if (isAlive(&set->entries[id])) {
    set->entries[id].box = kDead;
    --set->live;
  }
}

/* Hands the live entries overlapping a box to a callback, newest first.
   Ids are in task order (entries are appended in task order and compaction
   keeps it), so a list is scanned from its end down to the first entry whose
   task is <= *bound (when *bounded): the callback may raise the bound as it
   accepts predecessors. */
typedef struct Query {
  AccessSet *set;
  const Box *box;
  const size_t *bound;
  const bool *bounded;
  void (*accept)(void *ctx, size_t id, bool implied);
  void *ctx;
} Query;

static bool belowBound(const Query *q, size_t id) {
  return *q->bounded && q->set->entries[id].task <= *q->bound;
}

/* Visits entry `id` of an id-ordered list; false once the bound is reached. */
static bool visit(const Query *q, size_t id) {
  if (belowBound(q, id))
    return false;
  const Access *a = &q->set->entries[id];
  if (!isAlive(a))
    return true;
  int64_t lo[WSP_TG_MAX_RANK], hi[WSP_TG_MAX_RANK];
  entryBox(q->set, a, lo, hi);
  if (boxesOverlap(lo, hi, q->box->lo, q->box->hi, q->set->rank))
    q->accept(q->ctx, id, false);
  return true;
}

static void setQuery(const Query *q) {
  AccessSet *set = q->set;
  int64_t c0[WSP_TG_MAX_RANK], c1[WSP_TG_MAX_RANK], c[WSP_TG_MAX_RANK];
  if (cellRange(set, q->box->lo, q->box->hi, c0, c1) > kMaxCells) {
    for (size_t id = set->length; id-- > 0;)
      if (!visit(q, id))
        return;
    return;
  }
  /* A merge, newest first, of the id-ordered lists of the (at most
     kMaxCells) cells the box touches and of the big list; it stops at the
     bound, which accepted entries may raise as it goes. An entry filed under
     several of the cells comes out of the merge once per cell, in a row: it
     is visited the first time only. */
  uint32_t heads[kMaxCells]; /* per cell: a cursor to its next entry to visit */
  size_t numHeads = 0;
  const CellNode *nodes = set->cells.nodes;
  memcpy(c, c0, set->rank * sizeof(int64_t));
  do {
    uint32_t head = cellMapHead(set, c);
    if (head)
      heads[numHeads++] = head;
  } while (nextCell(c, c0, c1, set->rank));
  size_t bigCursor = set->big.length;
  size_t lastId = SIZE_MAX;
  for (;;) {
    size_t best = numHeads + 1; /* numHeads: the big list */
    size_t bestId = 0;
    for (size_t i = 0; i < numHeads; ++i)
      if (heads[i] && (best > numHeads || cursorEntry(nodes, heads[i]) > bestId)) {
        best = i;
        bestId = cursorEntry(nodes, heads[i]);
      }
    if (bigCursor > 0 && (best > numHeads || set->big.ids[bigCursor - 1] > bestId)) {
      best = numHeads;
      bestId = set->big.ids[bigCursor - 1];
    }
    if (best > numHeads)
      return;
    if (best == numHeads)
      --bigCursor;
    else
      heads[best] = cursorNext(nodes, heads[best]);
    if (bestId != lastId && !visit(q, bestId))
      return;
    lastId = bestId;
  }
}

static bool covers(const Box *box, const int64_t *lo, const int64_t *hi, unsigned rank) {
  if (!box->dense)
    return false;
  for (unsigned d = 0; d < rank; ++d)
    if (lo[d] < box->lo[d] || hi[d] > box->hi[d])
      return false;
  return true;
}

static void setFree(AccessSet *set) {
  free(set->entries);
  cellMapFree(&set->cells);
  free(set->big.ids);
  free(set->boxes);
  free(set->boxSlots);
}

/*===--- the tracker ------------------------------------------------------===*/

typedef struct RootState {
  bool used;
  AccessSet writes, reads;
} RootState;

typedef struct PendingKill {
  AccessSet *set;
  size_t id;
} PendingKill;

/* A task's clocks on one root (see the header comment); `w` for the writes
   set, `r` for the reads set. */
typedef struct Clock { /* the task being added, one per root it touches */
  size_t w, r;
  uint32_t root;
  bool hasW, hasR;
} Clock;

/* A recorded clock, 12 bytes: every task keeps one per root it touches
   (none where it has neither bound). w and r are the bound + 1, 0 = none. */
typedef struct PackedClock {
  uint32_t root, w, r;
} PackedClock;

struct WspHazardTracker {
  RootState *roots;
  size_t numRoots;
  WspTaskEdgeList incoming;  /* scratch: one task's edges before dedup */
  PendingKill *kills;        /* scratch: entries the task supersedes */
  size_t numKills, capKills;
  PackedClock *clocks;       /* every task's clocks, task by task */
  size_t numClocks, capClocks;
  uint32_t *clockStart;      /* task t's clocks: [clockStart[t], clockStart[t + 1]) */
  size_t numClockTasks, capClockStart;
  bool unreduced;            /* every hazard pair: no clocks (wspHazardTrackerSetReduced) */
  bool keepImplied;          /* no pruneImplied (wspHazardTrackerSetPruning) */
  Clock *cur;                /* scratch: the task being added, one per root it touches */
  size_t numCur, capCur;
  size_t setBytes;           /* what the access sets hold (setBytes), kept up to date */
};

/* The heap an access set uses (wspHazardTrackerBytes): the used part of its
   arrays (the rest of a grown array is address space not yet touched) and
   the whole of its hash tables (touched at random). */
static size_t setBytes(const AccessSet *set) {
  size_t cs = coordSize(set->wide);
  return set->length * sizeof(Access) + set->numBoxes * 2 * set->rank * cs +
         set->capBoxSlots * sizeof(uint32_t) +
         set->cells.capacity * (set->rank * cs + sizeof(uint32_t)) +
         set->cells.numNodes * sizeof(CellNode) + set->big.length * sizeof(size_t);
}

/* setInsert, accounting for what the set grows (or shrinks) by. */
static void trackedInsert(WspHazardTracker *tracker, AccessSet *set, const Box *box,
                          size_t task) {
  size_t before = setBytes(set);
  setInsert(set, box, task);
  tracker->setBytes = tracker->setBytes - before + setBytes(set);
}

size_t wspHazardTrackerBytes(const WspHazardTracker *tracker) {
  return tracker->setBytes + tracker->numRoots * sizeof(RootState) +
         tracker->numClocks * sizeof(PackedClock) + tracker->numClockTasks * sizeof(uint32_t);
}

WspHazardTracker *wspHazardTrackerCreate(void) { return wspCalloc(1, sizeof(WspHazardTracker)); }

void wspHazardTrackerSetReduced(WspHazardTracker *tracker, bool reduced) {
  tracker->unreduced = !reduced;
}

void wspHazardTrackerSetPruning(WspHazardTracker *tracker, bool prune) {
  tracker->keepImplied = !prune;
}

void wspHazardTrackerDestroy(WspHazardTracker *tracker) {
  if (!tracker)
    return;
  for (size_t i = 0; i < tracker->numRoots; ++i) {
    setFree(&tracker->roots[i].writes);
    setFree(&tracker->roots[i].reads);
  }
  free(tracker->roots);
  free(tracker->incoming.data);
  free(tracker->kills);
  free(tracker->clocks);
  free(tracker->clockStart);
  free(tracker->cur);
  free(tracker);
}

void wspTaskEdgeListFree(WspTaskEdgeList *list) {
  free(list->data);
  memset(list, 0, sizeof *list);
}

static void edgePush(WspTaskEdgeList *list, size_t from, size_t to, WspHazardKind kind) {
  if (list->length == list->capacity) {
    list->capacity = list->capacity ? 2 * list->capacity : 16;
    list->data = wspRealloc(list->data, list->capacity * sizeof(WspTaskEdge));
  }
  list->data[list->length++] = (WspTaskEdge){from, to, kind};
}

static RootState *rootState(WspHazardTracker *tracker, size_t root, unsigned rank) {
  if (root >= tracker->numRoots) {
    size_t n = root + 1 > 2 * tracker->numRoots ? root + 1 : 2 * tracker->numRoots;
    tracker->roots = wspRealloc(tracker->roots, n * sizeof(RootState));
    memset(tracker->roots + tracker->numRoots, 0, (n - tracker->numRoots) * sizeof(RootState));
    tracker->numRoots = n;
  }
  RootState *rs = &tracker->roots[root];
  if (!rs->used) {
    rs->used = true;
    rs->writes.rank = rank;
    rs->reads.rank = rank;
  }
  return rs;
}

static void pushKill(WspHazardTracker *tracker, AccessSet *set, size_t id) {
  if (tracker->numKills == tracker->capKills) {
    tracker->capKills = tracker->capKills ? 2 * tracker->capKills : 16;
    tracker->kills = wspRealloc(tracker->kills, tracker->capKills * sizeof(PendingKill));
  }
  tracker->kills[tracker->numKills++] = (PendingKill){set, id};
}

static Clock *curClock(WspHazardTracker *tracker, size_t root) {
  if (root >= UINT32_MAX) { /* 2^32 tensors: far past any memory budget */
    fputs("wsp: the task-graph analysis has more than 2^32 tensors\n", stderr);
    abort();
  }
  for (size_t i = 0; i < tracker->numCur; ++i)
    if (tracker->cur[i].root == root)
      return &tracker->cur[i];
  if (tracker->numCur == tracker->capCur) {
    tracker->capCur = tracker->capCur ? 2 * tracker->capCur : 8;
    tracker->cur = wspRealloc(tracker->cur, tracker->capCur * sizeof(Clock));
  }
  Clock *c = &tracker->cur[tracker->numCur++];
  memset(c, 0, sizeof *c);
  c->root = (uint32_t)root;
  return c;
}

static void raiseBound(size_t *bound, bool *has, bool otherHas, size_t other) {
  if (otherHas && (!*has || other > *bound)) {
    *bound = other;
    *has = true;
  }
}

/* The task being added follows `pred`: it inherits pred's clocks on the
   roots it touches itself. */
static void inheritClocks(WspHazardTracker *tracker, size_t pred) {
  if (pred >= tracker->numClockTasks)
    return;
  for (size_t i = tracker->clockStart[pred]; i < tracker->clockStart[pred + 1]; ++i) {
    const PackedClock *p = &tracker->clocks[i];
    for (size_t j = 0; j < tracker->numCur; ++j)
      if (tracker->cur[j].root == p->root) {
        raiseBound(&tracker->cur[j].w, &tracker->cur[j].hasW, p->w != 0, (size_t)p->w - 1);
        raiseBound(&tracker->cur[j].r, &tracker->cur[j].hasR, p->r != 0, (size_t)p->r - 1);
      }
  }
}

typedef struct Collect {
  WspHazardTracker *tracker;
  AccessSet *set;
  const Box *box;
  size_t task;
  WspHazardKind kind;
  bool supersede;
} Collect;

static void acceptHit(void *ctx, size_t id, bool implied) {
  Collect *c = ctx;
  const Access *a = &c->set->entries[id];
  int64_t lo[WSP_TG_MAX_RANK], hi[WSP_TG_MAX_RANK];
  entryBox(c->set, a, lo, hi);
  if (c->supersede && covers(c->box, lo, hi, c->set->rank))
    pushKill(c->tracker, c->set, id);
  if (implied)
    return;
  edgePush(&c->tracker->incoming, a->task, c->task, c->kind);
  if (!c->tracker->unreduced)
    inheritClocks(c->tracker, a->task);
}

static bool coversExtent(const Box *box, const AccessSet *set) {
  if (!box->dense || !set->any)
    return false;
  for (unsigned d = 0; d < set->rank; ++d)
    if (box->lo[d] > set->extLo[d] || box->hi[d] < set->extHi[d])
      return false;
  return true;
}

/* Edges from the entries of `set` overlapping `box` that the task's clock
   does not already imply; when `supersede`, also schedules the ones `box`
   fully covers for removal. */
static void collect(WspHazardTracker *tracker, AccessSet *set, const Box *box, size_t task,
                    WspHazardKind kind, bool supersede, size_t root, bool writes) {
  Collect c = {tracker, set, box, task, kind, supersede};
  /* The bound lives in tracker->cur, which inheritClocks only updates in
     place (curClock for this root exists before the query). */
  Clock *clock = curClock(tracker, root);
  size_t clockIndex = (size_t)(clock - tracker->cur);
  Query q = {set, box, writes ? &tracker->cur[clockIndex].w : &tracker->cur[clockIndex].r,
             writes ? &tracker->cur[clockIndex].hasW : &tracker->cur[clockIndex].hasR,
             acceptHit, &c};
  setQuery(&q);
  if (!tracker->unreduced && coversExtent(box, set)) { /* every live entry is now an ancestor */
    Clock *after = &tracker->cur[clockIndex];
    if (writes)
      raiseBound(&after->w, &after->hasW, true, set->lastTask);
    else
      raiseBound(&after->r, &after->hasR, true, set->lastTask);
  }
}

/* Drops the newest entries of `set` that the task's new entry `box` covers
   and that already reach the task (task <= its clock): whoever later
   overlaps such an entry overlaps the new one, and finds the new one (or a
   task after it) first, newest first, whose clock implies the old entry. So
   the edges are the same without it. The case this is for: a whole-tensor
   read each iteration, ordered after the previous one through a tile write
   in between, which no write covers — each read would otherwise stay live
   for good. Only the few newest entries are looked at (constant time per
   insertion); an older implied entry just stays. */
static void pruneImplied(WspHazardTracker *tracker, AccessSet *set, const Box *box, bool bounded,
                         size_t bound) {
  if (tracker->unreduced || tracker->keepImplied || !bounded || !box->dense)
    return;
  size_t id = set->length;
  for (unsigned steps = 0; id > 0 && steps < kPruneSteps; ++steps) {
    const Access *a = &set->entries[--id];
    if (!isAlive(a))
      continue;
    if (a->task > bound)
      return;
    int64_t lo[WSP_TG_MAX_RANK], hi[WSP_TG_MAX_RANK];
    entryBox(set, a, lo, hi);
    if (!covers(box, lo, hi, set->rank))
      return;
    setKill(set, id);
  }
}

/* A read needs no entry of its own when a dense write of the same task on the
   same root covers it: later writers reach it through that write. */
static bool coveredByOwnWrite(const WspTaskArg *args, size_t n, const WspTaskArg *read,
                              const Box *box) {
  for (size_t j = 0; j < n; ++j) {
    if (!(args[j].mode & WSP_ACCESS_OUT) || args[j].region.root != read->region.root)
      continue;
    Box w = boxOf(&args[j].region);
    if (!w.empty && covers(&w, box->lo, box->hi, box->rank))
      return true;
  }
  return false;
}

static int compareByFrom(const void *a, const void *b) {
  const WspTaskEdge *x = a, *y = b;
  if (x->from != y->from)
    return x->from < y->from ? -1 : 1;
  return (int)y->kind - (int)x->kind; /* strongest first */
}

static bool sortedByFrom(const WspTaskEdgeList *list) {
  for (size_t i = 1; i < list->length; ++i)
    if (compareByFrom(&list->data[i - 1], &list->data[i]) > 0)
      return false;
  return true;
}

/* Newest first (the order the tracker visits entries in), reversed. */
static void reverseIfNewestFirst(WspTaskEdgeList *list) {
  for (size_t i = 1; i < list->length; ++i)
    if (list->data[i - 1].from < list->data[i].from)
      return;
  for (size_t i = 0, j = list->length - 1; i < j; ++i, --j) {
    WspTaskEdge t = list->data[i];
    list->data[i] = list->data[j];
    list->data[j] = t;
  }
}

/* One edge per predecessor, the strongest kind, in `from` order. The
   candidates often come in that order, or newest first: sorting them
   anyway was 70 % of an unreduced count with thousands of producers per
   task. */
static void flushIncoming(WspHazardTracker *tracker, WspTaskEdgeList *edges) {
  WspTaskEdgeList *in = &tracker->incoming;
  if (in->length > 1)
    reverseIfNewestFirst(in);
  if (in->length > 1 && !sortedByFrom(in))
    qsort(in->data, in->length, sizeof(WspTaskEdge), compareByFrom);
  for (size_t i = 0; i < in->length; ++i)
    if (i == 0 || in->data[i].from != in->data[i - 1].from)
      edgePush(edges, in->data[i].from, in->data[i].to, in->data[i].kind);
}

/* Files the added task's clocks under its id (ids may skip: a skipped id
   has none). */
static void recordClocks(WspHazardTracker *tracker, size_t task) {
  size_t need = task + 2;
  if (need > tracker->capClockStart) {
    tracker->capClockStart = need > 2 * tracker->capClockStart ? need : 2 * tracker->capClockStart;
    tracker->clockStart =
        wspRealloc(tracker->clockStart, tracker->capClockStart * sizeof(uint32_t));
  }
  if (tracker->numClockTasks == 0)
    tracker->clockStart[0] = 0;
  while (tracker->numClockTasks < task) /* skipped ids: empty ranges */
    tracker->clockStart[++tracker->numClockTasks] = (uint32_t)tracker->numClocks;
  if (tracker->numClocks + tracker->numCur >= UINT32_MAX) /* 48 GB of clocks */
    tooBig("2^32 recorded clocks");
  if (tracker->numClocks + tracker->numCur > tracker->capClocks) {
    size_t cap = tracker->capClocks ? 2 * tracker->capClocks : 64;
    while (cap < tracker->numClocks + tracker->numCur)
      cap *= 2;
    tracker->capClocks = cap;
    tracker->clocks = wspRealloc(tracker->clocks, cap * sizeof(PackedClock));
  }
  for (size_t i = 0; i < tracker->numCur; ++i) {
    const Clock *c = &tracker->cur[i];
    if (c->hasW || c->hasR) /* bounds are task ids: below UINT32_MAX - 1 */
      tracker->clocks[tracker->numClocks++] = (PackedClock){
          c->root, c->hasW ? (uint32_t)c->w + 1 : 0, c->hasR ? (uint32_t)c->r + 1 : 0};
  }
  tracker->clockStart[++tracker->numClockTasks] = (uint32_t)tracker->numClocks;
}

void wspHazardTrackerAddOrder(WspHazardTracker *tracker, size_t from, WspHazardKind kind) {
  edgePush(&tracker->incoming, from, 0, kind); /* `to` is set when the task comes */
}

void wspHazardTrackerAddTask(WspHazardTracker *tracker, size_t task, const WspTaskArg *args,
                             size_t numArgs, WspTaskEdgeList *edges) {
  if (task >= UINT32_MAX - 1) /* ids are 32 bits in the records (max-tasks <= 10^8) */
    tooBig("2^32 - 2 task instances");
  /* incoming may already hold orders queued by wspHazardTrackerAddOrder. */
  for (size_t i = 0; i < tracker->incoming.length; ++i)
    tracker->incoming.data[i].to = task;
  tracker->numKills = 0;
  tracker->numCur = 0;
  /* Every root state and clock exists before any query: pending kills point
     into tracker->roots, which must not move (be reallocated) until they
     are applied, and queries update clocks in tracker->cur in place. */
  for (size_t i = 0; i < numArgs; ++i)
    if (args[i].mode != WSP_ACCESS_SCALAR) {
      rootState(tracker, args[i].region.root, args[i].region.rank);
      curClock(tracker, args[i].region.root);
    }
  /* Phase 1: every hazard against earlier tasks, before this task's own
     accesses change the sets (an arg's supersession must not hide an older
     writer from another arg of the same task). */
  for (size_t i = 0; i < numArgs; ++i) {
    const WspTaskArg *arg = &args[i];
    Box box = boxOf(&arg->region);
    if (arg->mode == WSP_ACCESS_SCALAR || box.empty)
      continue;
    RootState *rs = rootState(tracker, arg->region.root, arg->region.rank);
    size_t root = arg->region.root;
    if (arg->mode == WSP_ACCESS_INOUT) /* raw and waw from the same entries: one query */
      collect(tracker, &rs->writes, &box, task, WSP_HAZARD_RAW, true, root, true);
    else if (arg->mode & WSP_ACCESS_IN)
      collect(tracker, &rs->writes, &box, task, WSP_HAZARD_RAW, false, root, true);
    else
      collect(tracker, &rs->writes, &box, task, WSP_HAZARD_WAW, true, root, true);
    if (arg->mode & WSP_ACCESS_OUT)
      collect(tracker, &rs->reads, &box, task, WSP_HAZARD_WAR, true, root, false);
  }
  /* Phase 2: supersession; phase 3: record this task (insertions may
     compact the sets, so they come after every kill by id). An inout is
     recorded as a write only: a later writer is ordered after it by waw. */
  for (size_t k = 0; k < tracker->numKills; ++k)
    setKill(tracker->kills[k].set, tracker->kills[k].id);
  for (size_t i = 0; i < numArgs; ++i) {
    const WspTaskArg *arg = &args[i];
    Box box = boxOf(&arg->region);
    if (arg->mode == WSP_ACCESS_SCALAR || box.empty)
      continue;
    RootState *rs = rootState(tracker, arg->region.root, arg->region.rank);
    Clock *clock = curClock(tracker, arg->region.root);
    if (arg->mode & WSP_ACCESS_OUT) {
      pruneImplied(tracker, &rs->writes, &box, clock->hasW, clock->w);
      /* Every older entry implied: the task now implies its own too. */
      if (!rs->writes.any || (clock->hasW && clock->w >= rs->writes.lastTask)) {
        clock->w = task;
        clock->hasW = true;
      }
      trackedInsert(tracker, &rs->writes, &box, task);
    } else if (!coveredByOwnWrite(args, numArgs, arg, &box)) {
      pruneImplied(tracker, &rs->reads, &box, clock->hasR, clock->r);
      if (!rs->reads.any || (clock->hasR && clock->r >= rs->reads.lastTask)) {
        clock->r = task;
        clock->hasR = true;
      }
      trackedInsert(tracker, &rs->reads, &box, task);
    }
  }
  flushIncoming(tracker, edges);
  tracker->incoming.length = 0;
  if (!tracker->unreduced)
    recordClocks(tracker, task);
}
