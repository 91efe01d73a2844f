/* wsp-check-deadlock: proves statically that the program's processes never
   all block, or reports the deadlock.

   It runs the static task-graph analysis, which executes the workload and
   its processes as cooperative coroutines exactly as the emitted
   orchestration schedules them (docs/csp.md). When that run ends with every
   unfinished process blocked, the analysis has already raised the error
   naming each process, the op it waits at, its channel, capacity and fill;
   this pass lets it stand. The same goes for the other errors of the
   program's own making (send after close, a second receiver, a recursive
   spawn, a recv nobody can satisfy).

   A program that is not static (loop bounds from host symbols, slot reads,
   ...) cannot be run ahead of time: the pass then says once, with a warning,
   that deadlock freedom is left to the run-time check of the emitted
   orchestration. A program without wsp.spawn cannot deadlock and gets no
   message at all. */
#include <stdlib.h>

#include "IRUtil.h"
#include "PassRegistry.h"
#include "TaskGraph.h"
#include "wsp-c/Diagnostics.h"

static const char kPassName[] = "wsp-check-deadlock";

static bool runCheckDeadlock(WspPassRun *run) {
  if (!wspTaskGraphHasSpawn(run->op))
    return true;
  WspTaskGraphOptions options = wspTaskGraphOptionsOf(run, kPassName);
  options.stream = true; /* only the outcome matters: no instance records */
  WspTaskGraph graph;
  wspTaskGraphInit(&graph);
  char *reason = NULL;
  WspTaskGraphOutcome outcome =
      wspTaskGraphTryBuild(run->context, run->op, &options, &graph, true, &reason);
  wspTaskGraphFree(&graph);
  if (outcome == WSP_TG_NOT_STATIC)
    wspEmitWarningf(run->context, wspTaskGraphWorkloadLocation(run->op, options.workload),
                    "%s: deadlock freedom is not checked at compile time: the program cannot "
                    "be run statically (%s); the emitted orchestration detects a deadlock at "
                    "run time and reports the blocked processes",
                    kPassName, reason);
  free(reason);
  return outcome != WSP_TG_PROGRAM_ERROR;
}

static const WspPassOptionInfo kOptions[] = {
    WSP_TASK_GRAPH_WORKLOAD_OPTION,
    WSP_TASK_GRAPH_MAX_TASKS_OPTION("10000000", WSP_TASK_GRAPH_MAX_TASKS_GIVE_UP),
    WSP_TASK_GRAPH_MAX_MEMORY_OPTION(WSP_TASK_GRAPH_MAX_MEMORY_GIVE_UP),
};

const WspPassInfo wspCheckDeadlockPassInfo = {
    .name = kPassName,
    .summary = "Report a deadlock of the CSP processes (every unfinished process blocked on a "
               "channel), statically where the program is static",
    .options = kOptions,
    .numOptions = sizeof kOptions / sizeof kOptions[0],
    .run = runCheckDeadlock,
    .pipeline = NULL,
};
