/* A growable list of task (or entry) ids: the hazard tracker's and the
   channel order's bookkeeping. Internal to the task-graph analysis. */
#ifndef WSP_PASSES_ANALYSIS_TASKGRAPHIDLIST_H
#define WSP_PASSES_ANALYSIS_TASKGRAPHIDLIST_H

#include <stddef.h>

#include "Support/StringBuffer.h"

typedef struct IdList {
  size_t *ids;
  size_t length, capacity;
} IdList;

static inline void idListPush(IdList *list, size_t id) {
  if (list->length == list->capacity) {
    list->capacity = list->capacity ? 2 * list->capacity : 4; /* amortized O(1) */
    list->ids = wspRealloc(list->ids, list->capacity * sizeof(size_t));
  }
  list->ids[list->length++] = id;
}

#endif
