#include "StringBuffer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void outOfMemory(void) {
  fputs("wsp: out of memory\n", stderr);
  abort();
}

void *wspMalloc(size_t size) {
  void *p = malloc(size ? size : 1);
  if (!p)
    outOfMemory();
  return p;
}

void *wspCalloc(size_t count, size_t size) {
  void *p = calloc(count ? count : 1, size ? size : 1);
  if (!p)
    outOfMemory();
  return p;
}

void *wspRealloc(void *pointer, size_t size) {
  void *p = realloc(pointer, size ? size : 1);
  if (!p)
    outOfMemory();
  return p;
}

char *wspStrndup(const char *text, size_t length) {
  char *copy = wspMalloc(length + 1);
  if (length) /* memcpy from NULL is undefined even for 0 bytes */
    memcpy(copy, text, length);
  copy[length] = '\0';
  return copy;
}

char *wspStrdup(const char *text) { return wspStrndup(text, strlen(text)); }

void wspStringBufferInit(WspStringBuffer *buffer) {
  buffer->data = NULL;
  buffer->length = 0;
  buffer->capacity = 0;
}

void wspStringBufferFree(WspStringBuffer *buffer) {
  free(buffer->data);
  wspStringBufferInit(buffer);
}

void wspStringBufferClear(WspStringBuffer *buffer) {
  buffer->length = 0;
  if (buffer->data)
    buffer->data[0] = '\0';
}

static void reserve(WspStringBuffer *buffer, size_t extra) {
  size_t needed = buffer->length + extra + 1;
  if (needed <= buffer->capacity)
    return;
  size_t capacity = buffer->capacity ? buffer->capacity : 64;
  while (capacity < needed)
    capacity *= 2; /* doubling keeps appends amortized O(1) */
  buffer->data = wspRealloc(buffer->data, capacity);
  buffer->capacity = capacity;
}

void wspStringBufferAppend(WspStringBuffer *buffer, const char *data, size_t length) {
  reserve(buffer, length);
  if (length)
    memcpy(buffer->data + buffer->length, data, length);
  buffer->length += length;
  buffer->data[buffer->length] = '\0';
}

void wspStringBufferAppendStr(WspStringBuffer *buffer, const char *text) {
  wspStringBufferAppend(buffer, text, strlen(text));
}

/* Formats straight into the spare capacity (at least 128 bytes are made
   spare first) and formats a second time only when that was too small:
   measuring every line first doubled the formatting cost of emitting an
   orchestration (docs/performance.md). */
void wspStringBufferAppendv(WspStringBuffer *buffer, const char *format, va_list args) {
  reserve(buffer, 128);
  size_t spare = buffer->capacity - buffer->length;
  va_list copy;
  va_copy(copy, args);
  int needed = vsnprintf(buffer->data + buffer->length, spare, format, copy);
  va_end(copy);
  if (needed < 0) {
    buffer->data[buffer->length] = '\0';
    return;
  }
  if ((size_t)needed >= spare) {
    reserve(buffer, (size_t)needed);
    vsnprintf(buffer->data + buffer->length, (size_t)needed + 1, format, args);
  }
  buffer->length += (size_t)needed;
}

void wspStringBufferAppendf(WspStringBuffer *buffer, const char *format, ...) {
  va_list args;
  va_start(args, format);
  wspStringBufferAppendv(buffer, format, args);
  va_end(args);
}

char *wspStringBufferTake(WspStringBuffer *buffer) {
  if (!buffer->data)
    return wspStrdup("");
  char *data = buffer->data;
  wspStringBufferInit(buffer);
  return data;
}

void wspStringBufferCallback(MlirStringRef chunk, void *userData) {
  wspStringBufferAppend((WspStringBuffer *)userData, chunk.data, chunk.length);
}
