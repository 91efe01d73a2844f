/* The channel order of CSP programs (TaskGraphHazards.h, docs/csp.md): per
   channel, the after-tasks of each send and the tasks of each receiver
   epoch, from which every task gets its channel and credit edges, queued
   into the hazard tracker before the task is added. Kept apart from the
   tracker: it only calls wspHazardTrackerAddOrder. */
#include "TaskGraphHazards.h"

#include <stdlib.h>
#include <string.h>

#include "Support/StringBuffer.h"
#include "TaskGraphIdList.h"


typedef struct ChannelLog {
  int64_t credit;    /* max(capacity, 1): a rendezvous frees its slot like capacity 1 */
  IdList afterStart; /* send #k's after-tasks start at afterIds[afterStart[k]] */
  IdList afterIds;
  IdList epochStart; /* epoch #m's tasks start at epochTasks[epochStart[m]] */
  IdList epochTasks;
} ChannelLog;

struct WspChannelOrder {
  ChannelLog *channels;
  size_t numChannels, capChannels;
};

WspChannelOrder *wspChannelOrderCreate(void) { return wspCalloc(1, sizeof(WspChannelOrder)); }

void wspChannelOrderDestroy(WspChannelOrder *order) {
  if (!order)
    return;
  for (size_t i = 0; i < order->numChannels; ++i) {
    ChannelLog *c = &order->channels[i];
    free(c->afterStart.ids);
    free(c->afterIds.ids);
    free(c->epochStart.ids);
    free(c->epochTasks.ids);
  }
  free(order->channels);
  free(order);
}

size_t wspChannelOrderAddChannel(WspChannelOrder *order, int64_t capacity) {
  if (order->numChannels == order->capChannels) {
    order->capChannels = order->capChannels ? 2 * order->capChannels : 8;
    order->channels = wspRealloc(order->channels, order->capChannels * sizeof(ChannelLog));
  }
  ChannelLog *c = &order->channels[order->numChannels];
  memset(c, 0, sizeof *c);
  c->credit = capacity > 1 ? capacity : 1;
  return order->numChannels++;
}

size_t wspChannelOrderSend(WspChannelOrder *order, size_t channel, const size_t *after,
                           size_t numAfter) {
  ChannelLog *c = &order->channels[channel];
  idListPush(&c->afterStart, c->afterIds.length);
  for (size_t i = 0; i < numAfter; ++i)
    idListPush(&c->afterIds, after[i]);
  return c->afterStart.length - 1;
}

size_t wspChannelOrderRecv(WspChannelOrder *order, size_t channel) {
  ChannelLog *c = &order->channels[channel];
  idListPush(&c->epochStart, c->epochTasks.length);
  return c->epochStart.length - 1;
}

size_t wspChannelOrderNumSends(const WspChannelOrder *order, size_t channel) {
  return order->channels[channel].afterStart.length;
}

size_t wspChannelOrderNumRecvs(const WspChannelOrder *order, size_t channel) {
  return order->channels[channel].epochStart.length;
}

/* [begin, end) of entry k of a list of runs (starts + flat ids). */
static void runBounds(const IdList *starts, const IdList *ids, size_t k, size_t *begin,
                      size_t *end) {
  *begin = starts->ids[k];
  *end = k + 1 < starts->length ? starts->ids[k + 1] : ids->length;
}

static void queueRun(WspHazardTracker *tracker, const IdList *ids, size_t begin, size_t end,
                     WspHazardKind kind) {
  for (size_t i = begin; i < end; ++i)
    wspHazardTrackerAddOrder(tracker, ids->ids[i], kind);
}

void wspChannelOrderAddTask(WspChannelOrder *order, size_t task, const WspChannelPlace *places,
                            size_t numPlaces, WspHazardTracker *tracker) {
  size_t begin, end;
  for (size_t i = 0; i < numPlaces; ++i) {
    const WspChannelPlace *p = &places[i];
    ChannelLog *c = &order->channels[p->channel];
    if (p->index < 0)
      continue;
    size_t k = (size_t)p->index;
    if (p->receives) {
      runBounds(&c->afterStart, &c->afterIds, k, &begin, &end);
      queueRun(tracker, &c->afterIds, begin, end, WSP_HAZARD_CHANNEL);
      idListPush(&c->epochTasks, task);
      continue;
    }
    /* Epoch k-C-1 is complete (recv #(k-C) happened before send #k could);
       the bounds check only guards against a caller breaking that. */
    if (p->index - c->credit - 1 < 0)
      continue;
    size_t epoch = (size_t)(p->index - c->credit - 1);
    if (epoch + 1 >= c->epochStart.length)
      continue;
    runBounds(&c->epochStart, &c->epochTasks, epoch, &begin, &end);
    queueRun(tracker, &c->epochTasks, begin, end, WSP_HAZARD_CREDIT);
  }
}
