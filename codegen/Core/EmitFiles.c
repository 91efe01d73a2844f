/* The in-memory file set of an artifact (wsp-c/Emit.h accessors) and the
   guarded reader for user files (kernel sources, golden references). */
#define _XOPEN_SOURCE 700 /* fdopen, O_CLOEXEC under -std=c11 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "EmitInternal.h"

/*===--- file sets --------------------------------------------------------===*/

static WspEmitFileSet *unwrap(WspEmittedFiles files) { return files.ptr; }

void wspEmitAddFile(WspEmitState *st, const char *path, char *content, size_t length) {
  WspEmitFileSet *set = st->files;
  if (set->count == set->capacity) {
    set->capacity = set->capacity ? set->capacity * 2 : 8;
    set->files = wspRealloc(set->files, set->capacity * sizeof(WspEmitFile));
  }
  WspEmitFile *f = &set->files[set->count++];
  f->path = wspStrdup(path);
  f->content = content ? content : wspStrdup("");
  f->length = length;
}

static int comparePaths(const void *a, const void *b) {
  return strcmp(((const WspEmitFile *)a)->path, ((const WspEmitFile *)b)->path);
}

void wspEmitFileSetSort(WspEmitFileSet *set) {
  qsort(set->files, set->count, sizeof(WspEmitFile), comparePaths);
}

void wspEmitFileSetFree(WspEmitFileSet *set) {
  if (!set)
    return;
  for (size_t i = 0; i < set->count; ++i) {
    free(set->files[i].path);
    free(set->files[i].content);
  }
  free(set->files);
  free(set->capabilityReport);
  free(set);
}

size_t wspEmittedFilesGetNumFiles(WspEmittedFiles files) {
  return unwrap(files) ? unwrap(files)->count : 0;
}

const char *wspEmittedFilesGetPath(WspEmittedFiles files, size_t index) {
  return index < wspEmittedFilesGetNumFiles(files) ? unwrap(files)->files[index].path : NULL;
}

const char *wspEmittedFilesGetContent(WspEmittedFiles files, size_t index, size_t *length) {
  if (index >= wspEmittedFilesGetNumFiles(files))
    return NULL;
  if (length)
    *length = unwrap(files)->files[index].length;
  return unwrap(files)->files[index].content;
}

const char *wspEmittedFilesGetCapabilityReport(WspEmittedFiles files) {
  return unwrap(files) ? unwrap(files)->capabilityReport : NULL;
}

void wspEmittedFilesDestroy(WspEmittedFiles files) { wspEmitFileSetFree(unwrap(files)); }

/* Only regular files of a sane size: a path in the IR could name a device
   (/dev/zero would never end, /dev/stdin would block). */
#define WSP_EMIT_MAX_INPUT_FILE (64u << 20)

char *wspEmitReadFile(const char *path, size_t *length, const char **why) {
  struct stat sb;
  /* O_NONBLOCK: opening a FIFO for reading would block until a writer comes;
     the S_ISREG check below must run first. It has no effect on the reads of
     a regular file. */
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  FILE *f = fd >= 0 ? fdopen(fd, "rb") : NULL;
  if (fd >= 0 && !f)
    close(fd);
  if (!f || fstat(fileno(f), &sb) != 0 || !S_ISREG(sb.st_mode) ||
      (unsigned long long)sb.st_size > WSP_EMIT_MAX_INPUT_FILE) {
    *why = !f ? strerror(errno)
           : !S_ISREG(sb.st_mode) ? "not a regular file"
                                  : "larger than 64 MiB";
    if (f)
      fclose(f);
    return NULL;
  }
  WspStringBuffer b;
  wspStringBufferInit(&b);
  char chunk[65536];
  size_t n;
  while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && b.length <= WSP_EMIT_MAX_INPUT_FILE)
    wspStringBufferAppend(&b, chunk, n);
  bool bad = ferror(f) || b.length > WSP_EMIT_MAX_INPUT_FILE;
  fclose(f);
  if (bad) {
    wspStringBufferFree(&b);
    *why = "read error";
    return NULL;
  }
  *length = b.length;
  char *text = wspStringBufferTake(&b);
  return text ? text : wspStrdup("");
}

