/*
 * Unit tests for passes/Analysis/TaskGraphHazards: the reduced hazard edges
 * order exactly the pairs the unreduced ones do (same transitive closure),
 * on random task sequences, and the interleaved write/whole-read pattern
 * reduces to a chain (docs/dependencies.md, "Reduced edges"); dropping
 * implied entries (wspHazardTrackerSetPruning) changes no edge.
 */
#include <setjmp.h> /* cmocka needs these four first */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "Analysis/TaskGraphHazards.h"

enum { kMaxTasks = 48, kMaxArgs = 3 };
#ifndef kPruneTrials
#define kPruneTrials 4000
#endif

/* A deterministic generator: the same trials on every machine. */
static uint64_t next(uint64_t *state) {
  *state = *state * 6364136223846793005ull + 1442695040888963407ull;
  return *state >> 33;
}

static int64_t pick(uint64_t *state, int64_t n) { return (int64_t)(next(state) % (uint64_t)n); }

typedef struct Program {
  size_t numTasks;
  size_t numArgs[kMaxTasks];
  WspTaskArg args[kMaxTasks][kMaxArgs];
} Program;

static void randomRegion(uint64_t *state, WspTileRegion *r, size_t root, unsigned rank) {
  memset(r, 0, sizeof *r);
  r->root = root;
  r->rank = rank;
  const int64_t extent = rank == 1 ? 12 : 4;
  bool whole = pick(state, 5) == 0;
  for (unsigned d = 0; d < rank; ++d) {
    r->strides[d] = pick(state, 6) == 0 ? 2 : 1; /* sometimes strided: never covers */
    if (whole) {
      r->offsets[d] = 0;
      r->sizes[d] = extent;
      r->strides[d] = 1;
      continue;
    }
    r->offsets[d] = pick(state, extent);
    int64_t room = (extent - r->offsets[d] + r->strides[d] - 1) / r->strides[d];
    r->sizes[d] = 1 + pick(state, room);
  }
}

static void randomProgram(uint64_t *state, Program *p) {
  p->numTasks = 2 + (size_t)pick(state, kMaxTasks - 1);
  size_t numRoots = 1 + (size_t)pick(state, 2);
  unsigned rank[2] = {1 + (unsigned)pick(state, 2), 1 + (unsigned)pick(state, 2)};
  static const WspAccessMode modes[] = {WSP_ACCESS_IN, WSP_ACCESS_OUT, WSP_ACCESS_INOUT};
  for (size_t t = 0; t < p->numTasks; ++t) {
    p->numArgs[t] = 1 + (size_t)pick(state, kMaxArgs);
    for (size_t a = 0; a < p->numArgs[t]; ++a) {
      size_t root = (size_t)pick(state, (int64_t)numRoots);
      p->args[t][a].mode = modes[pick(state, 3)];
      randomRegion(state, &p->args[t][a].region, root, rank[root]);
    }
  }
}

static void edgesPruned(const Program *p, bool reduced, bool prune, WspTaskEdgeList *edges) {
  memset(edges, 0, sizeof *edges);
  WspHazardTracker *tracker = wspHazardTrackerCreate();
  wspHazardTrackerSetReduced(tracker, reduced);
  wspHazardTrackerSetPruning(tracker, prune);
  for (size_t t = 0; t < p->numTasks; ++t)
    wspHazardTrackerAddTask(tracker, t, p->args[t], p->numArgs[t], edges);
  wspHazardTrackerDestroy(tracker);
}

static void edgesOf(const Program *p, bool reduced, WspTaskEdgeList *edges) {
  edgesPruned(p, reduced, true, edges);
}

/* reach[b]: bit a set when task a is ordered before task b. */
static void closure(const WspTaskEdgeList *edges, size_t n, uint64_t reach[]) {
  memset(reach, 0, n * sizeof(uint64_t));
  for (size_t b = 0; b < n; ++b) /* edges point forward: one pass in task order */
    for (size_t i = 0; i < edges->length; ++i)
      if (edges->data[i].to == b)
        reach[b] |= reach[edges->data[i].from] | (1ull << edges->data[i].from);
}

static bool hasEdge(const WspTaskEdgeList *edges, size_t from, size_t to) {
  for (size_t i = 0; i < edges->length; ++i)
    if (edges->data[i].from == from && edges->data[i].to == to)
      return true;
  return false;
}

/* Same ordered pairs, reduced edges a subset of the unreduced ones. */
static void testReducedKeepsOrder(void **unused) {
  (void)unused;
  uint64_t state = 42;
  size_t removed = 0;
  for (int trial = 0; trial < 2000; ++trial) {
    Program p;
    randomProgram(&state, &p);
    WspTaskEdgeList reduced, full;
    edgesOf(&p, true, &reduced);
    edgesOf(&p, false, &full);
    uint64_t r[kMaxTasks], f[kMaxTasks];
    closure(&reduced, p.numTasks, r);
    closure(&full, p.numTasks, f);
    for (size_t t = 0; t < p.numTasks; ++t) {
      if (r[t] != f[t])
        print_error("trial %d: task %zu is ordered after %#llx reduced, %#llx unreduced\n",
                    trial, t, (unsigned long long)r[t], (unsigned long long)f[t]);
      assert_true(r[t] == f[t]);
    }
    for (size_t i = 0; i < reduced.length; ++i)
      assert_true(hasEdge(&full, reduced.data[i].from, reduced.data[i].to));
    assert_true(reduced.length <= full.length);
    removed += full.length - reduced.length;
    wspTaskEdgeListFree(&reduced);
    wspTaskEdgeListFree(&full);
  }
  assert_true(removed > 0); /* the trials do exercise the reduction */
}

/* Dropping implied entries (wspHazardTrackerSetPruning) changes no edge:
   the same list, edge for edge, as the tracker that keeps them. */
static void testPruningKeepsEdges(void **unused) {
  (void)unused;
  uint64_t state = 7;
  for (int trial = 0; trial < kPruneTrials; ++trial) {
    Program p;
    randomProgram(&state, &p);
    WspTaskEdgeList pruned, kept;
    edgesPruned(&p, true, true, &pruned);
    edgesPruned(&p, true, false, &kept);
    if (pruned.length != kept.length)
      print_error("trial %d: %zu edges pruned, %zu kept\n", trial, pruned.length, kept.length);
    assert_int_equal(pruned.length, kept.length);
    for (size_t i = 0; i < kept.length; ++i) {
      assert_int_equal(pruned.data[i].from, kept.data[i].from);
      assert_int_equal(pruned.data[i].to, kept.data[i].to);
      assert_int_equal(pruned.data[i].kind, kept.data[i].kind);
    }
    wspTaskEdgeListFree(&pruned);
    wspTaskEdgeListFree(&kept);
  }
}

static bool sameEdges(const WspTaskEdgeList *a, const WspTaskEdgeList *b) {
  if (a->length != b->length)
    return false;
  for (size_t i = 0; i < a->length; ++i)
    if (a->data[i].from != b->data[i].from || a->data[i].to != b->data[i].to ||
        a->data[i].kind != b->data[i].kind)
      return false;
  return true;
}

/* Edges do not depend on where a tensor's tiles lie: the same program moved
   to coordinates around the 32-bit limits (the tracker stores coordinates
   in 32 bits until one does not fit, then widens that tensor's records, in
   the middle of the run) or far past them has the same edges. */
static void testWideCoordinates(void **unused) {
  (void)unused;
  static const int64_t shifts[] = {INT32_MAX - 6, INT32_MIN + 3, (int64_t)1 << 40,
                                   -((int64_t)1 << 40)};
  uint64_t state = 11;
  for (int trial = 0; trial < 1000; ++trial) {
    Program p;
    randomProgram(&state, &p);
    for (size_t k = 0; k < sizeof shifts / sizeof shifts[0]; ++k) {
      Program q = p;
      for (size_t t = 0; t < q.numTasks; ++t)
        for (size_t a = 0; a < q.numArgs[t]; ++a)
          for (unsigned d = 0; d < q.args[t][a].region.rank; ++d)
            q.args[t][a].region.offsets[d] += shifts[k];
      for (int reduced = 0; reduced < 2; ++reduced) {
        WspTaskEdgeList near, far;
        edgesOf(&p, reduced, &near);
        edgesOf(&q, reduced, &far);
        if (!sameEdges(&near, &far))
          print_error("trial %d, shift %lld: different edges\n", trial, (long long)shifts[k]);
        assert_true(sameEdges(&near, &far));
        wspTaskEdgeListFree(&near);
        wspTaskEdgeListFree(&far);
      }
    }
  }
}

/* put #i writes row i, reduce #i reads the whole tensor and writes row i of
   another: the reduced graph is the chain put0 -> reduce0 -> put1 -> ... */
static void testInterleavedChain(void **unused) {
  (void)unused;
  enum { kRows = 200 };
  WspHazardTracker *tracker = wspHazardTrackerCreate();
  WspTaskEdgeList edges = {0};
  for (size_t i = 0; i < kRows; ++i) {
    WspTaskArg put = {WSP_ACCESS_OUT, {0, 2, {(int64_t)i, 0}, {1, 16}, {1, 1}}};
    WspTaskArg reduce[2] = {{WSP_ACCESS_IN, {0, 2, {0, 0}, {kRows, 16}, {1, 1}}},
                            {WSP_ACCESS_OUT, {1, 2, {(int64_t)i, 0}, {1, 16}, {1, 1}}}};
    wspHazardTrackerAddTask(tracker, 2 * i, &put, 1, &edges);
    wspHazardTrackerAddTask(tracker, 2 * i + 1, reduce, 2, &edges);
  }
  assert_int_equal(edges.length, 2 * kRows - 1);
  for (size_t i = 0; i < edges.length; ++i) {
    assert_int_equal(edges.data[i].from + 1, edges.data[i].to);
    assert_int_equal(edges.data[i].kind, i % 2 == 0 ? WSP_HAZARD_RAW : WSP_HAZARD_WAR);
  }
  wspTaskEdgeListFree(&edges);
  wspHazardTrackerDestroy(tracker);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(testReducedKeepsOrder),
      cmocka_unit_test(testPruningKeepsEdges),
      cmocka_unit_test(testWideCoordinates),
      cmocka_unit_test(testInterleavedChain),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
