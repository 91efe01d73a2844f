/* The static task graph of a wsp workload (see docs/dependencies.md and, for
   processes and channels, docs/csp.md).

   wspTaskGraphBuild abstractly executes the workload function — scf.for with
   static bounds, scf.if with foldable conditions, integer arith — and the
   processes it spawns, as cooperative coroutines scheduled round-robin in
   spawn order, blocking on full and empty channels. It records every wsp.task
   submitted as a node (ids in submission order) with the region of each
   tensor argument, plus the dependency edges: last-writer hazards over those
   regions, and the channel and credit edges the tokens imply. A state where
   every unfinished process is blocked is a deadlock, reported as an error.
   It never modifies the IR. Used by wsp-print-task-graph, wsp-check-fanin and
   wsp-check-deadlock, and meant for the lowering to reuse. */
#ifndef WSP_PASSES_TASKGRAPH_H
#define WSP_PASSES_TASKGRAPH_H

#include "PassRegistry.h"
#include "TaskGraphHazards.h"
#include "mlir-c/IR.h"
#include "wsp-c/Context.h"

typedef struct WspTaskNode {
  MlirOperation op;     /* the wsp.task */
  MlirStringRef kernel; /* the callee's name; owned by the MLIR context */
  size_t firstArg;      /* into WspTaskGraph.args */
  size_t numArgs;       /* one per kernel parameter, scalars included */
  size_t process;       /* into WspTaskGraph.processes: who submitted it */
  size_t segment;       /* into WspTaskGraph.segments: when, in happens-before */
  size_t firstIter;     /* into WspTaskGraph.iters: the iteration of each enclosing */
  size_t numIters;      /* loop, outermost first (scf.for: the induction variable;
                           scf.while: the iteration count from 0) */
} WspTaskNode;

/* One execution of a wsp.create_channel. */
typedef struct WspTaskChannel {
  MlirOperation op;
  MlirStringRef name; /* owned by the MLIR context */
  int64_t capacity;
  size_t receiver; /* the process holding its receiving end; SIZE_MAX if none */
} WspTaskChannel;

/* How a segment starts (docs/csp.md, Races). */
typedef enum WspSegmentStart {
  WSP_SEGMENT_SPAWN,  /* the first segment of a process (or the workload) */
  WSP_SEGMENT_SEND,   /* a completed wsp.send: message #message on channel */
  WSP_SEGMENT_RECV,   /* a wsp.recv that received message #message */
  WSP_SEGMENT_CLOSED, /* a wsp.recv that found the channel closed */
} WspSegmentStart;

/* A stretch of one process's execution from one channel op to its next: a
   process yields only at channel ops, so the tasks of a segment are
   submitted without another process running in between. Happens-before
   between tasks is reachability in the graph of segments: each segment
   follows its process's previous one, and its synchronisation
   predecessors (the sender's segment for a recv, the receiver's for a send
   that needed room, the spawner's for a first segment, the closers' for a
   recv that found the channel closed). Predecessors always have smaller
   ids. */
typedef struct WspTaskSegment {
  size_t process;
  size_t ordinal;   /* its position among its process's segments */
  size_t prev;      /* the process's previous segment; SIZE_MAX for the first */
  WspSegmentStart start;
  size_t channel;   /* for SEND, RECV, CLOSED: into WspTaskGraph.channels */
  size_t message;   /* for SEND and RECV: the message's index on the channel */
  bool tokenKnown;  /* for SEND and RECV: the token, when static */
  int64_t token;
  size_t firstPred, numPreds; /* into WspTaskGraph.segmentPreds */
} WspTaskSegment;

/* One running instance of a process function, or the workload itself
   (always processes[0]); the others in spawn order. */
typedef struct WspTaskProcess {
  MlirStringRef name;  /* the function's name; owned by the MLIR context */
  MlirOperation func;  /* the process function (or the workload) */
  MlirOperation spawn; /* the wsp.spawn that started it; null for the workload */
} WspTaskProcess;

/* A tensor that regions are relative to: a workload memref argument, or one
   execution of a memref.alloc/alloca (an alloc in a loop makes one root per
   iteration). */
typedef struct WspTaskRoot {
  char *name;        /* wsp.name of the argument, "arg<N>", or "alloc<K>" */
  MlirValue value;   /* the function argument or the alloc's result */
  int argNumber;     /* position among the workload's arguments, -1 for allocs */
  unsigned rank;
  int64_t shape[WSP_TG_MAX_RANK]; /* WSP_TG_UNBOUNDED where not known */
} WspTaskRoot;

typedef struct WspTaskGraph {
  WspTaskNode *nodes;
  size_t numNodes, capNodes;
  WspTaskArg *args;
  size_t numArgs, capArgs;
  WspTaskRoot *roots;
  size_t numRoots, capRoots;
  WspTaskProcess *processes;
  size_t numProcesses, capProcesses;
  WspTaskChannel *channels;
  size_t numChannels, capChannels;
  WspTaskSegment *segments;
  size_t numSegments, capSegments;
  size_t *segmentPreds;
  size_t numSegmentPreds, capSegmentPreds;
  int64_t *iters;
  size_t numIters, capIters;
  WspTaskEdgeList edges; /* sorted by (to, from); one per ordered pair */
  MlirOperation workload;
  /* After a failed build: true when the error is the program's own (a
     deadlock or a misused channel), which no run of it could avoid; false
     when the analysis could not evaluate the program statically (unknown
     values, unsupported ops, limits). */
  bool programError;
  /* The streaming client's onTask stopped the analysis: what was built is a
     prefix of the run, and the build succeeded. */
  bool stopped;
} WspTaskGraph;

typedef struct WspTaskGraphOptions {
  const char *client;   /* who asks, for messages: "wsp-print-task-graph" */
  const char *workload; /* function name when several have wsp.workload; "" = the only one */
  int64_t maxTasks;     /* error once more tasks than this would be submitted */
  int64_t maxMemoryMB;  /* error past this many MB of analysis state (TaskGraphInterp.h); 0 = none */
  bool unreduced;       /* every hazard pair, not the transitive reduction (TaskGraphHazards.h) */
  /* Streaming (docs/performance.md, "Instances"): the graph keeps no
     per-instance records — nodes, args, iters and edges stay empty, and
     numNodes counts the instances. Each task is handed to `onTask` (if set)
     as it is submitted, with its incoming edges (sorted by `from`, one per
     predecessor); `node->firstArg`/`firstIter` are meaningless then. For
     checks that need a count or an outcome, not the graph: memory grows
     with the hazard tracker's live entries, not with the instances.
     `onTask` returns false when the client has its answer (a check's first
     violation): the analysis stops there, graph->stopped is set and the
     build counts as complete. */
  bool stream;
  bool (*onTask)(void *ctx, size_t task, const WspTaskNode *node, const WspTaskEdge *edges,
                 size_t numEdges);
  void *onTaskContext;
} WspTaskGraphOptions;

void wspTaskGraphInit(WspTaskGraph *graph);
void wspTaskGraphFree(WspTaskGraph *graph);

/* Builds the graph of the workload in `module`. On failure a located error
   has been raised, graph->programError classifies it, and the graph holds
   what was built so far (free it anyway). Warns once about slot reads,
   whose ordering edges are not part of the graph yet. */
bool wspTaskGraphBuild(WspContext context, MlirOperation module,
                       const WspTaskGraphOptions *options, WspTaskGraph *graph);

/* For checks that need the graph but must not fail on programs that are not
   static (wsp-check-deadlock; the same suits wsp-check-fanin). */
typedef enum WspTaskGraphOutcome {
  WSP_TG_BUILT,         /* the graph is complete */
  WSP_TG_NOT_STATIC,    /* not evaluable statically; nothing was reported */
  WSP_TG_PROGRAM_ERROR, /* an error of the program, reported (located) */
} WspTaskGraphOutcome;

/* wspTaskGraphBuild, with the analysis's diagnostics held back until the
   outcome is known. For WSP_TG_NOT_STATIC they are dropped (never printed,
   even to a diagnostic stream); so are those of WSP_TG_PROGRAM_ERROR unless
   `reportProgramErrors` (a check that leaves deadlocks to
   wsp-check-deadlock passes false). Kept diagnostics are printed as usual.
   When something was dropped and `reason` is non-NULL, *reason receives a
   malloc'd "file:line:col: message" of the first error (free it); else
   NULL. */
WspTaskGraphOutcome wspTaskGraphTryBuild(WspContext context, MlirOperation module,
                                         const WspTaskGraphOptions *options,
                                         WspTaskGraph *graph, bool reportProgramErrors,
                                         char **reason);

/* Whether the module spawns a process (the CSP checks are silent otherwise). */
bool wspTaskGraphHasSpawn(MlirOperation module);

/* The location of the workload named `wanted` (the first one when it is
   empty), else the module's: where a check's warning about the whole
   program points the user. */
MlirLocation wspTaskGraphWorkloadLocation(MlirOperation module, const char *wanted);

/* The option-table entries of the task-graph checks' shared options, in one
   place so their defaults and ranges cannot drift (macros: the tables are
   static initialisers of WspPassOptionInfo). */
#define WSP_TASK_GRAPH_WORKLOAD_OPTION                                                             \
  {"workload", WSP_OPTION_STRING, "", NULL,                                                        \
   "the workload function to check when several have wsp.workload"}
#define WSP_TASK_GRAPH_MAX_MEMORY_OPTION(help) {"max-memory", WSP_OPTION_INT, "700", "0..1048576", help}
#define WSP_TASK_GRAPH_MAX_TASKS_OPTION(default, help)                                            \
  {"max-tasks", WSP_OPTION_INT, default, "1..100000000", help}
#define WSP_TASK_GRAPH_MAX_TASKS_GIVE_UP                                                           \
  "give up (with a warning) when the program submits more task instances than this"

/* The options every task-graph pass shares, read from its run: workload
   ("" when the pass has no such option), max-tasks and max-memory. */
WspTaskGraphOptions wspTaskGraphOptionsOf(const WspPassRun *run, const char *client);
#define WSP_TASK_GRAPH_MAX_MEMORY_GIVE_UP                                                          \
  "give up (with a warning) when the analysis needs more than this many MB (0: no limit)"

#endif
