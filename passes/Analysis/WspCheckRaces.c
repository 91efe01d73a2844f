/* wsp-check-races: proves statically that no two tasks of different
   processes touch overlapping regions, one of them writing, without a
   happens-before order between them; or reports each such race (docs/csp.md,
   Races).

   Happens-before is reachability in the graph of segments the analysis
   records (TaskGraph.h): program order within a process, send -> recv,
   recv #k -> completion of send #(k + capacity), spawn, close -> a recv that
   finds the channel closed; a process yields only at channel ops, so the
   tasks of a segment go with the op that starts it. The check is exact
   with respect to the task graph: every data edge (raw, waw, war) of the
   graph joins two conflicting accesses, and the closure of those edges
   covers every conflicting pair (docs/dependencies.md), so all pairs are
   ordered exactly when every data edge between two processes is. A race is
   an error at the later task with a note at the earlier one, naming the
   tensor, the overlap, the processes, their loop iterations and channel
   messages, and a remedy computed from the capacities and the reuse
   distance of the buffer. The first few races are reported in full, the
   rest counted.

   A program that is not static gets one warning saying what was not
   proven; one without wsp.spawn cannot race between processes and gets no
   message. A deadlock or another error of the program is left to
   wsp-check-deadlock. */
#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "IRUtil.h"
#include "PassRegistry.h"
#include "Support/StringBuffer.h"
#include "TaskGraph.h"
#include "wsp-c/Diagnostics.h"

static const char kPassName[] = "wsp-check-races";

/* Races reported in full; the others are counted. */
enum { kMaxReported = 3 };

typedef struct Checker {
  WspContext context;
  const WspTaskGraph *g;
  size_t *stamp; /* per segment: the query that last visited it */
  size_t query;
  size_t *stack;
  size_t capStack;
} Checker;

static void push(Checker *c, size_t *n, size_t segment) {
  if (c->stamp[segment] == c->query)
    return;
  c->stamp[segment] = c->query;
  if (*n == c->capStack) {
    c->capStack = c->capStack ? 2 * c->capStack : 64;
    c->stack = wspRealloc(c->stack, c->capStack * sizeof(size_t));
  }
  c->stack[(*n)++] = segment;
}

/* Whether task a happens before task b: a segment of a's process at or
   after a's reaches b's segment. Edges only go to larger segment ids, so
   the search never leaves [a's segment, b's segment]. */
static bool happensBefore(Checker *c, size_t a, size_t b) {
  const WspTaskGraph *g = c->g;
  size_t from = g->nodes[a].segment;
  const WspTaskSegment *sa = &g->segments[from];
  ++c->query;
  size_t n = 0;
  push(c, &n, g->nodes[b].segment);
  while (n) {
    size_t x = c->stack[--n];
    const WspTaskSegment *s = &g->segments[x];
    if (s->process == sa->process && s->ordinal >= sa->ordinal)
      return true;
    if (x < from)
      continue;
    if (s->prev != SIZE_MAX)
      push(c, &n, s->prev);
    for (size_t i = 0; i < s->numPreds; ++i)
      push(c, &n, g->segmentPreds[s->firstPred + i]);
  }
  return false;
}

/*===--- describing a race ------------------------------------------------===*/

static void appendLoc(WspStringBuffer *out, MlirOperation op) {
  MlirStringRef file;
  unsigned line, column;
  if (wspLocationGetFileLineCol(mlirOperationGetLocation(op), &file, &line, &column))
    wspStringBufferAppendf(out, "%.*s:%u:%u", (int)file.length, file.data, line, column);
  else
    wspStringBufferAppendStr(out, "an unknown location");
}

/* "'name'", plus " #i" when the function runs as several instances. */
static void appendProcess(const WspTaskGraph *g, size_t id, WspStringBuffer *out) {
  size_t rank = 0, count = 0;
  for (size_t i = 0; i < g->numProcesses; ++i) {
    if (!mlirOperationEqual(g->processes[i].func, g->processes[id].func))
      continue;
    rank += i < id;
    ++count;
  }
  MlirStringRef name = g->processes[id].name;
  wspStringBufferAppendf(out, "'%.*s'", (int)name.length, name.data);
  if (count > 1)
    wspStringBufferAppendf(out, " #%zu", rank);
}

static void appendIterations(const WspTaskGraph *g, size_t task, WspStringBuffer *out) {
  const WspTaskNode *t = &g->nodes[task];
  if (t->numIters == 0)
    return;
  wspStringBufferAppendStr(out, t->numIters == 1 ? " in iteration " : " in iterations (");
  for (size_t i = 0; i < t->numIters; ++i)
    wspStringBufferAppendf(out, "%s%" PRId64, i ? ", " : "", g->iters[t->firstIter + i]);
  if (t->numIters > 1)
    wspStringBufferAppendStr(out, ")");
}

static void appendMessage(const WspTaskGraph *g, const WspTaskSegment *s, WspStringBuffer *out) {
  MlirStringRef name = g->channels[s->channel].name;
  wspStringBufferAppendf(out, "message #%zu", s->message);
  if (s->tokenKnown)
    wspStringBufferAppendf(out, " (token %" PRId64 ")", s->token);
  wspStringBufferAppendf(out, " on channel '%.*s'", (int)name.length, name.data);
}

/* Where the task stands in its process's channel traffic: the last channel
   op before it. */
static void appendStanding(const WspTaskGraph *g, size_t task, WspStringBuffer *out) {
  size_t x = g->nodes[task].segment;
  while (x != SIZE_MAX && g->segments[x].start == WSP_SEGMENT_SPAWN)
    x = g->segments[x].prev;
  const WspTaskSegment *s = x == SIZE_MAX ? NULL : &g->segments[x];
  if (!s) {
    wspStringBufferAppendStr(out, "before any channel op");
  } else if (s->start == WSP_SEGMENT_CLOSED) {
    MlirStringRef name = g->channels[s->channel].name;
    wspStringBufferAppendf(out, "after finding channel '%.*s' closed", (int)name.length,
                           name.data);
  } else {
    wspStringBufferAppendStr(out, s->start == WSP_SEGMENT_SEND ? "after sending "
                                                               : "after receiving ");
    appendMessage(g, s, out);
  }
}

/* The argument of `task` on `root` that overlaps `other`, preferring a
   write; NULL if none. */
static const WspTaskArg *conflictingArg(const WspTaskGraph *g, size_t task,
                                        const WspTaskArg *other, bool needWrite) {
  const WspTaskNode *t = &g->nodes[task];
  const WspTaskArg *found = NULL;
  for (size_t i = 0; i < t->numArgs; ++i) {
    const WspTaskArg *arg = &g->args[t->firstArg + i];
    if (arg->mode == WSP_ACCESS_SCALAR || !wspTileRegionsOverlap(&arg->region, &other->region))
      continue;
    if (needWrite && !(arg->mode & WSP_ACCESS_OUT))
      continue;
    if (!found || (arg->mode & WSP_ACCESS_OUT))
      found = arg;
  }
  return found;
}

/* The two conflicting arguments of tasks a and b (at least one writes). */
static bool findConflict(const WspTaskGraph *g, size_t a, size_t b, const WspTaskArg **argA,
                         const WspTaskArg **argB) {
  const WspTaskNode *t = &g->nodes[a];
  for (size_t i = 0; i < t->numArgs; ++i) {
    const WspTaskArg *x = &g->args[t->firstArg + i];
    if (x->mode == WSP_ACCESS_SCALAR)
      continue;
    const WspTaskArg *y = conflictingArg(g, b, x, !(x->mode & WSP_ACCESS_OUT));
    if (y) {
      *argA = x;
      *argB = y;
      return true;
    }
  }
  return false;
}

static int64_t regionEnd(const WspTileRegion *r, unsigned d) {
  if (r->sizes[d] == WSP_TG_UNBOUNDED)
    return INT64_MAX;
  int64_t span;
  if (__builtin_mul_overflow(r->sizes[d] - 1, r->strides[d], &span) ||
      __builtin_add_overflow(r->offsets[d], span + 1, &span))
    return INT64_MAX;
  return span;
}

/* "'stage'[0:4, 0:64]": the overlap, half-open per dimension. */
static void appendOverlap(const WspTaskGraph *g, const WspTileRegion *a, const WspTileRegion *b,
                          WspStringBuffer *out) {
  wspStringBufferAppendf(out, "'%s'[", g->roots[a->root].name);
  for (unsigned d = 0; d < a->rank; ++d) {
    int64_t lo = a->offsets[d] > b->offsets[d] ? a->offsets[d] : b->offsets[d];
    int64_t ea = regionEnd(a, d), eb = regionEnd(b, d), hi = ea < eb ? ea : eb;
    wspStringBufferAppendf(out, "%s%" PRId64 ":", d ? ", " : "", lo);
    if (hi != INT64_MAX)
      wspStringBufferAppendf(out, "%" PRId64, hi);
  }
  wspStringBufferAppendStr(out, "]");
}

static const char *verb(WspAccessMode mode) {
  return mode == WSP_ACCESS_IN ? "reads" : mode == WSP_ACCESS_OUT ? "writes" : "updates";
}

/* How many messages process `proc`'s task has sent (or received) on
   `channel` before it. */
static size_t messagesBefore(const WspTaskGraph *g, size_t task, size_t channel,
                             WspSegmentStart kind) {
  for (size_t x = g->nodes[task].segment; x != SIZE_MAX; x = g->segments[x].prev)
    if (g->segments[x].start == kind && g->segments[x].channel == channel)
      return g->segments[x].message + 1;
  return 0;
}

static bool sendsOn(const WspTaskGraph *g, size_t proc, size_t channel) {
  for (size_t x = 0; x < g->numSegments; ++x)
    if (g->segments[x].process == proc && g->segments[x].start == WSP_SEGMENT_SEND &&
        g->segments[x].channel == channel)
      return true;
  return false;
}

/* The channel from the process of `sender` to that of `receiver`, or
   SIZE_MAX. */
static size_t channelBetween(const WspTaskGraph *g, size_t sender, size_t receiver) {
  size_t ps = g->nodes[sender].process, pr = g->nodes[receiver].process;
  for (size_t c = 0; c < g->numChannels; ++c)
    if (g->channels[c].receiver == pr && sendsOn(g, ps, c))
      return c;
  return SIZE_MAX;
}

/* The latest earlier task of the same process that writes a region
   overlapping `region`, or SIZE_MAX. */
static size_t previousWriter(const WspTaskGraph *g, size_t task, const WspTileRegion *region) {
  for (size_t t = task; t-- > 0;) {
    if (g->nodes[t].process != g->nodes[task].process)
      continue;
    const WspTaskNode *n = &g->nodes[t];
    for (size_t i = 0; i < n->numArgs; ++i) {
      const WspTaskArg *arg = &g->args[n->firstArg + i];
      if ((arg->mode & WSP_ACCESS_OUT) && wspTileRegionsOverlap(&arg->region, region))
        return t;
    }
  }
  return SIZE_MAX;
}

/* The remedy, computed from the program where a channel joins the two
   processes. When the sender of channel c (capacity C) rewrites a region
   after its s-th send that the receiver used after its r-th recv, only a
   send that needed room can order them: send #(s-1) waits for recv
   #(s-1-C) (a rendezvous: for the receiver at recv #(s-1)), which comes
   after the use when 1 <= C <= s - r (C = 0: 1 <= s - r). The buffer
   cycles through D = s - s' messages, s' the sends before the sender's
   previous write of it; keeping the capacity C needs D + max(C, 1) - (s - r)
   slots. */
static void appendRemedy(const WspTaskGraph *g, size_t a, size_t b, const WspTileRegion *region,
                         WspStringBuffer *out) {
  size_t pairs[2][2] = {{b, a}, {a, b}}; /* (the sender's task, the receiver's) */
  bool joined = false;
  for (int i = 0; i < 2; ++i) {
    size_t st = pairs[i][0], rt = pairs[i][1], c = channelBetween(g, st, rt);
    if (c == SIZE_MAX)
      continue;
    joined = true;
    const WspTaskChannel *ch = &g->channels[c];
    size_t s = messagesBefore(g, st, c, WSP_SEGMENT_SEND);
    size_t r = messagesBefore(g, rt, c, WSP_SEGMENT_RECV);
    if (s < r)
      continue;
    int64_t fits = (int64_t)(s - r), room = ch->capacity > 0 ? ch->capacity : 1;
    if (fits >= 1 && ch->capacity <= fits)
      continue; /* this channel's capacity is not the problem */
    size_t w = previousWriter(g, st, region);
    size_t before = w == SIZE_MAX ? 0 : messagesBefore(g, w, c, WSP_SEGMENT_SEND);
    bool cycles = w != SIZE_MAX && s > before;
    if (!cycles && fits < 1)
      continue;
    wspStringBufferAppendf(out, "channel '%.*s' has capacity %" PRId64, (int)ch->name.length,
                           ch->name.data, ch->capacity);
    if (!cycles) {
      wspStringBufferAppendf(out, ": use capacity %" PRId64, fits);
      return;
    }
    int64_t slots = (int64_t)(s - before);
    wspStringBufferAppendf(out, " but '%s' has %" PRId64 " slot%s: use ",
                           g->roots[region->root].name, slots, slots == 1 ? "" : "s");
    if (fits >= 1)
      wspStringBufferAppendf(out, "capacity %" PRId64 ", or ", fits);
    wspStringBufferAppendf(out, "%" PRId64 " slots", slots + room - fits);
    return;
  }
  if (!joined)
    wspStringBufferAppendStr(out, "no channel joins the two processes; ");
  wspStringBufferAppendStr(out, "order the two through a channel (send a token after the first "
                                "task and receive it before the second), or give them "
                                "disjoint regions");
}

static void reportRace(Checker *c, size_t a, size_t b) {
  const WspTaskGraph *g = c->g;
  const WspTaskArg *argA = NULL, *argB = NULL;
  if (!findConflict(g, a, b, &argA, &argB))
    return;
  WspStringBuffer text, overlap, who;
  wspStringBufferInit(&text);
  wspStringBufferInit(&overlap);
  wspStringBufferInit(&who);
  appendOverlap(g, &argA->region, &argB->region, &overlap);
  wspStringBufferAppendf(&text, "'wsp.task' op: race on %s between processes: ", overlap.data);
  appendProcess(g, g->nodes[b].process, &text);
  wspStringBufferAppendf(&text, " %s it here", verb(argB->mode));
  appendIterations(g, b, &text);
  wspStringBufferAppendStr(&text, ", ");
  appendStanding(g, b, &text);
  wspStringBufferAppendStr(&text, "; ");
  appendProcess(g, g->nodes[a].process, &text);
  wspStringBufferAppendf(&text, " %s it at ", verb(argA->mode));
  appendLoc(&text, g->nodes[a].op);
  appendIterations(g, a, &text);
  wspStringBufferAppendStr(&text, ", ");
  appendStanding(g, a, &text);
  wspStringBufferAppendStr(&text, "; nothing orders the two tasks (happens-before: program "
                                  "order, send -> recv, recv #k -> send #k+capacity), so which "
                                  "one the other sees depends on the schedule; remedy: ");
  appendRemedy(g, a, b, argA->mode & WSP_ACCESS_OUT ? &argA->region : &argB->region, &text);
  wspEmitError(c->context, mlirOperationGetLocation(g->nodes[b].op), text.data);
  appendProcess(g, g->nodes[a].process, &who);
  wspEmitNotef(c->context, mlirOperationGetLocation(g->nodes[a].op),
               "%s %s %s here, racing with the task above", who.data, verb(argA->mode),
               overlap.data);
  wspStringBufferFree(&text);
  wspStringBufferFree(&overlap);
  wspStringBufferFree(&who);
}

static bool isDataEdge(WspHazardKind kind) {
  return kind == WSP_HAZARD_RAW || kind == WSP_HAZARD_WAW || kind == WSP_HAZARD_WAR;
}

/* Checks every data edge between two processes; returns the number of
   races. */
static size_t checkRaces(WspContext context, const WspTaskGraph *g) {
  Checker c = {.context = context, .g = g};
  c.stamp = wspCalloc(g->numSegments ? g->numSegments : 1, sizeof(size_t));
  size_t races = 0;
  for (size_t i = 0; i < g->edges.length; ++i) {
    const WspTaskEdge *e = &g->edges.data[i];
    if (!isDataEdge(e->kind) || g->nodes[e->from].process == g->nodes[e->to].process ||
        happensBefore(&c, e->from, e->to))
      continue;
    if (races++ < kMaxReported)
      reportRace(&c, e->from, e->to);
  }
  if (races > kMaxReported)
    wspEmitErrorf(context, mlirOperationGetLocation(g->workload),
                  "'func.func' op: %s: %zu more races between processes like the ones above "
                  "(%zu in all; the first %d are shown)",
                  kPassName, races - kMaxReported, races, (int)kMaxReported);
  free(c.stamp);
  free(c.stack);
  return races;
}

static bool runCheckRaces(WspPassRun *run) {
  if (!wspTaskGraphHasSpawn(run->op))
    return true;
  WspTaskGraphOptions options = wspTaskGraphOptionsOf(run, kPassName);
  WspTaskGraph graph;
  wspTaskGraphInit(&graph);
  char *reason = NULL;
  WspTaskGraphOutcome outcome =
      wspTaskGraphTryBuild(run->context, run->op, &options, &graph, false, &reason);
  bool ok = true;
  if (outcome == WSP_TG_BUILT)
    ok = checkRaces(run->context, &graph) == 0;
  else if (outcome == WSP_TG_NOT_STATIC)
    wspEmitWarningf(run->context, wspTaskGraphWorkloadLocation(run->op, options.workload),
                    "%s: freedom from races between processes is not proven: the program "
                    "cannot be run statically (%s); tasks of different processes that touch "
                    "overlapping regions are ordered only as the run happens to submit them",
                    kPassName, reason);
  /* A program error (a deadlock, ...) is wsp-check-deadlock's to report. */
  free(reason);
  wspTaskGraphFree(&graph);
  return ok;
}

static const WspPassOptionInfo kOptions[] = {
    WSP_TASK_GRAPH_WORKLOAD_OPTION,
    WSP_TASK_GRAPH_MAX_TASKS_OPTION("100000", WSP_TASK_GRAPH_MAX_TASKS_GIVE_UP),
    WSP_TASK_GRAPH_MAX_MEMORY_OPTION(WSP_TASK_GRAPH_MAX_MEMORY_GIVE_UP),
};

const WspPassInfo wspCheckRacesPassInfo = {
    .name = kPassName,
    .summary = "Report tasks of different processes that touch overlapping regions (one "
               "writing) with no happens-before order between them",
    .options = kOptions,
    .numOptions = sizeof kOptions / sizeof kOptions[0],
    .run = runCheckRaces,
    .pipeline = NULL,
};
