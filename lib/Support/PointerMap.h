/* A hash map from pointers (MLIR handles: values, ops) to pointers, used by
   passes to remember what a value became. Lookup-only: passes never iterate
   it, so its order can never leak into output. */
#ifndef WSP_SUPPORT_POINTERMAP_H
#define WSP_SUPPORT_POINTERMAP_H

#include <stdbool.h>
#include <stddef.h>

typedef struct WspPointerMapEntry {
  const void *key;
  void *value;
} WspPointerMapEntry;

typedef struct WspPointerMap {
  WspPointerMapEntry *entries;
  size_t capacity; /* a power of two, or 0 */
  size_t size;
} WspPointerMap;

void wspPointerMapInit(WspPointerMap *map);
void wspPointerMapFree(WspPointerMap *map);
void wspPointerMapSet(WspPointerMap *map, const void *key, void *value);
/* Returns true and sets *value when `key` is present. */
bool wspPointerMapGet(const WspPointerMap *map, const void *key, void **value);

#endif
