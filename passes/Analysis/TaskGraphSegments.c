/* Happens-before between tasks (docs/csp.md, Races): the segments of each
   process's execution between channel ops, and their synchronisation
   predecessors. Invariants: a segment's predecessors exist when it is
   created, so they have smaller ids; a process's tasks always belong to its
   current segment; this file only records, the processes file decides which
   predecessors a send, recv or spawn implies. */
#include "TaskGraphInterp.h"

#include <stdlib.h>
#include <string.h>

size_t tgNewSegment(Interp *in, size_t proc, WspSegmentStart start, size_t channel,
                    size_t message, Slot token, const size_t *preds, size_t numPreds) {
  WspTaskGraph *g = in->graph;
  if (g->numSegments == g->capSegments) {
    g->capSegments = g->capSegments ? 2 * g->capSegments : 64;
    g->segments = wspRealloc(g->segments, g->capSegments * sizeof(WspTaskSegment));
  }
  if (g->numSegmentPreds + numPreds > g->capSegmentPreds) {
    while (g->numSegmentPreds + numPreds > g->capSegmentPreds)
      g->capSegmentPreds = g->capSegmentPreds ? 2 * g->capSegmentPreds : 64;
    g->segmentPreds = wspRealloc(g->segmentPreds, g->capSegmentPreds * sizeof(size_t));
  }
  size_t id = g->numSegments++;
  WspTaskSegment *s = &g->segments[id];
  memset(s, 0, sizeof *s);
  Proc *p = &in->procs[proc];
  bool first = p->segment == SIZE_MAX;
  s->process = proc;
  s->prev = p->segment;
  s->ordinal = first ? 0 : g->segments[p->segment].ordinal + 1;
  s->start = start;
  s->channel = channel;
  s->message = message;
  s->tokenKnown = token.kind == SLOT_INT;
  s->token = token.value;
  s->firstPred = g->numSegmentPreds;
  for (size_t i = 0; i < numPreds; ++i)
    if (preds[i] != SIZE_MAX && preds[i] < id)
      g->segmentPreds[g->numSegmentPreds++] = preds[i];
  s->numPreds = g->numSegmentPreds - s->firstPred;
  p->segment = id;
  return id;
}

void tgAddGraphChannel(Interp *in, MlirOperation op, MlirStringRef name, int64_t capacity) {
  WspTaskGraph *g = in->graph;
  if (g->numChannels == g->capChannels) {
    g->capChannels = g->capChannels ? 2 * g->capChannels : 8;
    g->channels = wspRealloc(g->channels, g->capChannels * sizeof(WspTaskChannel));
  }
  g->channels[g->numChannels++] = (WspTaskChannel){op, name, capacity, SIZE_MAX};
}
