/* A growable NUL-terminated byte buffer whose appends fail instead of
   aborting: for the standalone modules (the pipeline parser, the
   expected-diagnostics checker) whose contracts return NULL or an error
   when memory runs out, where the rest of wsp uses WspStringBuffer, which
   aborts. No MLIR dependency and no global state. */
#ifndef WSP_SUPPORT_TRYBUFFER_H
#define WSP_SUPPORT_TRYBUFFER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

typedef struct WspTryBuffer {
  char *data;
  size_t length;
  size_t capacity;
  bool failed; /* sticky: once an append fails, the result is discarded */
} WspTryBuffer;

/* An empty buffer holding "" (or failed). */
static inline WspTryBuffer wspTryBufferCreate(void) {
  WspTryBuffer b = {malloc(64), 0, 64, false};
  if (b.data)
    b.data[0] = '\0';
  else
    b.failed = true;
  return b;
}

static inline void wspTryBufferAppend(WspTryBuffer *b, const char *bytes, size_t count) {
  if (b->failed)
    return;
  if (b->length + count + 1 > b->capacity) {
    size_t capacity = b->capacity ? b->capacity : 64;
    while (b->length + count + 1 > capacity)
      capacity *= 2; /* doubling keeps appends amortized O(1) */
    char *grown = realloc(b->data, capacity);
    if (!grown) {
      b->failed = true;
      return;
    }
    b->data = grown;
    b->capacity = capacity;
  }
  if (count)
    memcpy(b->data + b->length, bytes, count);
  b->length += count;
  b->data[b->length] = '\0';
}

static inline void wspTryBufferAppendStr(WspTryBuffer *b, const char *text) {
  wspTryBufferAppend(b, text, strlen(text));
}

/* The malloc'd text, or NULL (and nothing to free) if an append failed. */
static inline char *wspTryBufferTake(WspTryBuffer *b) {
  if (!b->failed)
    return b->data;
  free(b->data);
  return NULL;
}

#endif
