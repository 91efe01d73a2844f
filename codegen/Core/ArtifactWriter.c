/* The atomic artifact writer (wspEmittedFilesWrite, wsp-c/Emit.h): every file
   goes into a sibling staging directory, which is then renamed into place, so
   a failed write leaves nothing behind. Shared by every runtime target. */
#define _XOPEN_SOURCE 700 /* nftw, mkdir, rename, getpid under -std=c11 */
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "EmitInternal.h"
#include "wsp-c/Diagnostics.h"

/*===--- atomic write -----------------------------------------------------===*/

static int removeEntry(const char *path, const struct stat *sb, int flag, struct FTW *ftw) {
  (void)sb;
  (void)flag;
  (void)ftw;
  return remove(path);
}

/* rm -rf; errors are ignored (it only cleans up after us). */
static void removeTree(const char *path) {
  nftw(path, removeEntry, 16, FTW_DEPTH | FTW_PHYS);
}

static bool exists(const char *path) {
  struct stat sb;
  return lstat(path, &sb) == 0;
}

/* mkdir -p of every directory in `path` up to (not including) its last
   component when `leaf` is false. */
static bool makeDirs(char *path, bool leaf) {
  for (char *c = path + 1; *c; ++c) {
    if (*c != '/')
      continue;
    *c = '\0';
    bool ok = mkdir(path, 0777) == 0 || errno == EEXIST;
    *c = '/';
    if (!ok)
      return false;
  }
  return !leaf || mkdir(path, 0777) == 0 || errno == EEXIST;
}

static bool writeFile(const char *dir, const WspEmitFile *f) {
  WspStringBuffer path;
  wspStringBufferInit(&path);
  wspStringBufferAppendf(&path, "%s/%s", dir, f->path);
  bool ok = makeDirs(path.data, false);
  FILE *out = ok ? fopen(path.data, "wb") : NULL;
  ok = out && fwrite(f->content, 1, f->length, out) == f->length;
  if (out && fclose(out) != 0)
    ok = false;
  wspStringBufferFree(&path);
  return ok;
}

static bool writeError(WspContext context, const char *outDir, const char *what) {
  MlirContext mlir = wspContextGetMlirContext(context);
  wspEmitErrorf(context,
                mlirLocationFileLineColGet(mlir, mlirStringRefCreateFromCString(outDir), 0, 0),
                "%s", what);
  return false;
}

static char *siblingName(const char *outDir, const char *tag) {
  WspStringBuffer b;
  wspStringBufferInit(&b);
  wspStringBufferAppendf(&b, "%s.%s.%ld", outDir, tag, (long)getpid());
  return wspStringBufferTake(&b);
}

/* Writes every file under `tmp`; false (tmp removed) on failure. */
static bool writeTemp(WspContext context, const WspEmitFileSet *set, const char *tmp,
                      const char *outDir) {
  removeTree(tmp); /* a leftover of a crashed run with the same pid */
  char *dirs = wspStrdup(tmp);
  bool ok = makeDirs(dirs, true);
  free(dirs);
  for (size_t i = 0; ok && i < set->count; ++i)
    ok = writeFile(tmp, &set->files[i]);
  if (!ok) {
    char message[512];
    snprintf(message, sizeof message, "cannot write the artifact under '%s': %s", outDir,
             strerror(errno));
    removeTree(tmp);
    return writeError(context, outDir, message);
  }
  return true;
}

/* Moves `tmp` into place, replacing an existing `outDir` (force). */
static bool moveIntoPlace(WspContext context, const char *tmp, const char *outDir) {
  char *old = exists(outDir) ? siblingName(outDir, "old") : NULL;
  bool ok = true;
  if (old) {
    removeTree(old);
    ok = rename(outDir, old) == 0;
  }
  int savedErrno = 0;
  if (ok && rename(tmp, outDir) != 0) {
    savedErrno = errno;
    if (old)
      rename(old, outDir); /* put the previous artifact back */
    ok = false;
  } else if (!ok) {
    savedErrno = errno;
  }
  if (old && ok)
    removeTree(old);
  free(old);
  if (!ok) {
    removeTree(tmp);
    char message[512];
    snprintf(message, sizeof message, "cannot move the artifact into '%s': %s", outDir,
             strerror(savedErrno));
    return writeError(context, outDir, message);
  }
  return true;
}

bool wspEmittedFilesWrite(WspContext context, WspEmittedFiles files, const char *outDir,
                          bool force) {
  const WspEmitFileSet *set = files.ptr;
  if (!set || !outDir || !*outDir)
    return writeError(context, outDir ? outDir : "", "no artifact or output directory");
  char *dir = wspStrdup(outDir);
  for (size_t n = strlen(dir); n > 1 && dir[n - 1] == '/'; --n)
    dir[n - 1] = '\0';
  bool ok = true;
  if (exists(dir) && !force) {
    char message[512];
    snprintf(message, sizeof message, "output directory '%s' exists; pass --force to replace it",
             dir);
    ok = writeError(context, dir, message);
  }
  char *tmp = siblingName(dir, "tmp");
  ok = ok && writeTemp(context, set, tmp, dir) && moveIntoPlace(context, tmp, dir);
  free(tmp);
  free(dir);
  return ok;
}

