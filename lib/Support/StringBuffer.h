/* A growable, NUL-terminated byte buffer used wherever wsp builds text
   (printing IR, emitting sources). Allocation failure aborts: the compiler
   has no sensible way to continue without memory. */
#ifndef WSP_SUPPORT_STRINGBUFFER_H
#define WSP_SUPPORT_STRINGBUFFER_H

#include <stdarg.h>
#include <stddef.h>

#include "mlir-c/Support.h"

typedef struct WspStringBuffer {
  char *data; /* always NUL-terminated once anything was appended */
  size_t length;
  size_t capacity;
} WspStringBuffer;

void wspStringBufferInit(WspStringBuffer *buffer);
void wspStringBufferFree(WspStringBuffer *buffer);
void wspStringBufferClear(WspStringBuffer *buffer);
void wspStringBufferAppend(WspStringBuffer *buffer, const char *data, size_t length);
void wspStringBufferAppendStr(WspStringBuffer *buffer, const char *text);
void wspStringBufferAppendf(WspStringBuffer *buffer, const char *format, ...)
    __attribute__((format(printf, 2, 3)));
void wspStringBufferAppendv(WspStringBuffer *buffer, const char *format, va_list args);
/* Hands the malloc'd string to the caller and leaves the buffer empty. */
char *wspStringBufferTake(WspStringBuffer *buffer);
/* An MlirStringCallback that appends to the WspStringBuffer in userData. */
void wspStringBufferCallback(MlirStringRef chunk, void *userData);

/* Checked allocation helpers (abort on exhaustion). */
void *wspMalloc(size_t size);
void *wspCalloc(size_t count, size_t size);
void *wspRealloc(void *pointer, size_t size);
char *wspStrdup(const char *text);
char *wspStrndup(const char *text, size_t length);

#endif
