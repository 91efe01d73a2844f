#include "PointerMap.h"

#include <stdint.h>
#include <stdlib.h>

#include "StringBuffer.h"

void wspPointerMapInit(WspPointerMap *map) {
  map->entries = NULL;
  map->capacity = 0;
  map->size = 0;
}

void wspPointerMapFree(WspPointerMap *map) {
  free(map->entries);
  wspPointerMapInit(map);
}

static size_t slotFor(const void *key, size_t capacity) {
  uint64_t h = (uint64_t)(uintptr_t)key;
  h ^= h >> 33; /* murmur3 finalizer: pointers share low bits */
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  return (size_t)h & (capacity - 1);
}

static void insert(WspPointerMapEntry *entries, size_t capacity, const void *key, void *value,
                   size_t *size) {
  size_t i = slotFor(key, capacity);
  while (entries[i].key && entries[i].key != key)
    i = (i + 1) & (capacity - 1);
  if (!entries[i].key)
    (*size)++;
  entries[i].key = key;
  entries[i].value = value;
}

static void grow(WspPointerMap *map) {
  size_t capacity = map->capacity ? map->capacity * 2 : 64;
  WspPointerMapEntry *entries = wspCalloc(capacity, sizeof(WspPointerMapEntry));
  size_t size = 0;
  for (size_t i = 0; i < map->capacity; ++i)
    if (map->entries[i].key)
      insert(entries, capacity, map->entries[i].key, map->entries[i].value, &size);
  free(map->entries);
  map->entries = entries;
  map->capacity = capacity;
}

void wspPointerMapSet(WspPointerMap *map, const void *key, void *value) {
  if ((map->size + 1) * 2 > map->capacity)
    grow(map);
  insert(map->entries, map->capacity, key, value, &map->size);
}

bool wspPointerMapGet(const WspPointerMap *map, const void *key, void **value) {
  if (!map->capacity)
    return false;
  size_t i = slotFor(key, map->capacity);
  while (map->entries[i].key) {
    if (map->entries[i].key == key) {
      *value = map->entries[i].value;
      return true;
    }
    i = (i + 1) & (map->capacity - 1);
  }
  return false;
}
