/* The atomic artifact writer (wspEmittedFilesWrite, wsp-c/Emit.h): every file
   goes into a sibling staging directory, which is then renamed into place, so
   a failed write leaves nothing behind. Shared by every runtime target.

   What the writer guarantees (docs/reliability.md, "Output directories"):
   - it replaces (with force) only a directory wsp itself wrote, recognised by
     its manifest.json (a wsp "abi" and "generator"); it refuses anything else
     that exists at the output path (a regular file, a FIFO, a device node, a
     socket, a symbolic link, any other directory) and, even when it is an
     artifact, the working directory or one holding it, `/`, and a directory
     holding one of the inputs (the program, the golden file);
   - writers of one output cannot both win: the move into place happens under
     an exclusive lock on the parent directory (flock, released by the kernel
     when a process dies) and, for a new output, with RENAME_NOREPLACE;
   - staging directories of runs that died (`<out>.tmp.<pid>`, pid no longer
     running) are removed by the next writer of the same output, with a
     warning; tools remove their own on SIGINT/SIGTERM with
     wspArtifactRemoveTree, which is async-signal-safe. */
#define _GNU_SOURCE /* renameat2, getdents64, flock */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "EmitInternal.h"
#include "wsp-c/Diagnostics.h"

/* How long a writer waits for another writer of the same parent directory
   (the lock is held only while an artifact is moved into place). */
#define LOCK_WAIT_SECONDS 60
/* Deepest directory nesting wspArtifactRemoveTree descends into (artifacts
   are 3 levels deep). Deeper trees are left in place. */
#define REMOVE_MAX_DEPTH 16

/*===--- async-signal-safe tree removal ----------------------------------===*/

/* Removes the entries of the open directory `fd`, then nothing else. Uses
   only getdents64, openat, unlinkat, lseek and close: async-signal-safe. */
static bool removeEntriesAt(int fd, int depth) {
  char buffer[2048];
  bool removedAny = true, ok = true;
  while (removedAny) { /* restart from the top: entries move as we unlink */
    removedAny = false;
    if (lseek(fd, 0, SEEK_SET) != 0)
      return false;
    ssize_t n;
    while ((n = getdents64(fd, buffer, sizeof buffer)) > 0) {
      for (ssize_t at = 0; at < n;) {
        struct dirent64 *e = (struct dirent64 *)(buffer + at);
        at += e->d_reclen;
        const char *name = e->d_name;
        if (name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0')))
          continue;
        bool isDir = e->d_type == DT_DIR;
        if (!isDir && unlinkat(fd, name, 0) == 0) {
          removedAny = true;
          continue;
        }
        if (!isDir && errno != EISDIR && errno != EPERM)
          continue; /* not removable; keep going with the rest */
        if (depth >= REMOVE_MAX_DEPTH) {
          ok = false;
          continue;
        }
        int sub = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (sub < 0)
          continue;
        ok = removeEntriesAt(sub, depth + 1) && ok;
        close(sub);
        if (unlinkat(fd, name, AT_REMOVEDIR) == 0)
          removedAny = true;
      }
    }
    if (n < 0)
      return false;
  }
  return ok;
}

bool wspArtifactRemoveTree(const char *path) {
  if (!path || !*path)
    return false;
  int fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0)
    return errno == ENOENT;
  bool ok = removeEntriesAt(fd, 1);
  close(fd);
  return rmdir(path) == 0 && ok;
}

/* The decimal digits of `value` into `out` (at least 21 bytes). */
static size_t formatUnsigned(unsigned long value, char *out) {
  char digits[24];
  size_t n = 0;
  do {
    digits[n++] = (char)('0' + value % 10);
    value /= 10;
  } while (value);
  for (size_t i = 0; i < n; ++i)
    out[i] = digits[n - 1 - i];
  out[n] = '\0';
  return n;
}

/* Length of `outDir` without trailing slashes (a lone "/" stays). */
static size_t trimmedLength(const char *outDir) {
  size_t n = strlen(outDir);
  while (n > 1 && outDir[n - 1] == '/')
    --n;
  return n;
}

bool wspArtifactStagingPath(const char *outDir, char *buffer, size_t size) {
  if (!outDir || !buffer)
    return false;
  size_t n = trimmedLength(outDir);
  char pid[24];
  size_t pidLength = formatUnsigned((unsigned long)getpid(), pid);
  if (n + 5 + pidLength + 1 > size)
    return false;
  memcpy(buffer, outDir, n);
  memcpy(buffer + n, ".tmp.", 5);
  memcpy(buffer + n + 5, pid, pidLength + 1);
  return true;
}

/*===--- helpers ----------------------------------------------------------===*/

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
  FILE *out = ok ? fopen(path.data, "wbx") : NULL; /* x: never through a planted link */
  ok = out && fwrite(f->content, 1, f->length, out) == f->length;
  if (out && fclose(out) != 0)
    ok = false;
  wspStringBufferFree(&path);
  return ok;
}

/* Errors about the output path are located at the path itself (line 0:
   printed as "PATH: error:"), never in the input program. */
static MlirLocation pathLocation(WspContext context, const char *path) {
  return mlirLocationFileLineColGet(wspContextGetMlirContext(context),
                                    mlirStringRefCreateFromCString(path), 0, 0);
}

static bool writeError(WspContext context, const char *outDir, const char *what) {
  wspEmitErrorf(context, pathLocation(context, outDir), "%s", what);
  return false;
}

static char *siblingName(const char *outDir, const char *tag) {
  WspStringBuffer b;
  wspStringBufferInit(&b);
  wspStringBufferAppendf(&b, "%s.%s.%ld", outDir, tag, (long)getpid());
  return wspStringBufferTake(&b);
}

/* The directory part of `path` ("." when it has none). */
static char *parentOf(const char *path) {
  const char *slash = strrchr(path, '/');
  if (!slash)
    return wspStrdup(".");
  if (slash == path)
    return wspStrdup("/");
  return wspStrndup(path, (size_t)(slash - path));
}

/* realpath, or NULL. The result is malloc'ed. */
static char *resolve(const char *path) { return path ? realpath(path, NULL) : NULL; }

/* True when `inner` is `outer` or lies below it (both resolved). */
static bool isWithin(const char *inner, const char *outer) {
  size_t n = strlen(outer);
  if (strcmp(outer, "/") == 0)
    return true;
  return strncmp(inner, outer, n) == 0 && (inner[n] == '\0' || inner[n] == '/');
}

/*===--- what may be replaced ---------------------------------------------===*/

/* True when `dir` holds a manifest.json that wsp wrote: a regular file (not
   a link) whose first bytes name a wsp ABI and wsp as the generator. */
static bool isWspArtifact(const char *dir) {
  WspStringBuffer path;
  wspStringBufferInit(&path);
  wspStringBufferAppendf(&path, "%s/manifest.json", dir);
  int fd = open(path.data, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  wspStringBufferFree(&path);
  if (fd < 0)
    return false;
  struct stat sb;
  char head[1024];
  ssize_t n = 0;
  if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode))
    n = read(fd, head, sizeof head - 1);
  close(fd);
  if (n <= 0)
    return false;
  head[n] = '\0';
  const char *p = head;
  while (*p == ' ' || *p == '\n' || *p == '\r' || *p == '\t')
    ++p;
  return *p == '{' && strstr(p, "\"abi\": \"wsp-") && strstr(p, "\"generator\": \"wsp ");
}

static const char *kindOf(mode_t mode) {
  if (S_ISREG(mode))
    return "a regular file";
  if (S_ISFIFO(mode))
    return "a FIFO";
  if (S_ISCHR(mode))
    return "a character device";
  if (S_ISBLK(mode))
    return "a block device";
  if (S_ISSOCK(mode))
    return "a socket";
  if (S_ISLNK(mode))
    return "a symbolic link";
  return "not a directory";
}

/* Checks what is at `dir` now. Sets *exists. False (with an error naming the
   path and the rule) when it must not be replaced, or exists without force. */
static bool checkTarget(WspContext context, const char *dir, bool force,
                        const char *const *inputs, size_t numInputs, bool *exists) {
  struct stat sb;
  *exists = lstat(dir, &sb) == 0;
  if (!*exists)
    return true;
  WspStringBuffer m;
  wspStringBufferInit(&m);
  const char *remedy = "remove or rename it yourself, or choose another -o";
  if (!S_ISDIR(sb.st_mode)) {
    wspStringBufferAppendf(&m,
                           "output '%s' exists and is %s; wsp writes and replaces only artifact "
                           "directories (with --force, one holding wsp's manifest.json); %s",
                           dir, kindOf(sb.st_mode), remedy);
  } else if (!isWspArtifact(dir)) {
    wspStringBufferAppendf(&m,
                           "output directory '%s' exists and was not written by wsp (no "
                           "manifest.json naming a wsp \"abi\" and \"generator\"); --force "
                           "replaces only artifact directories wsp wrote; %s",
                           dir, remedy);
  } else {
    char *real = resolve(dir);
    char *cwd = resolve(".");
    const char *holds = NULL;
    for (size_t i = 0; real && !holds && i < numInputs; ++i) {
      char *input = resolve(inputs[i]);
      if (input && isWithin(input, real))
        holds = inputs[i];
      free(input);
    }
    if (real && strcmp(real, "/") == 0)
      wspStringBufferAppendf(&m, "output directory '%s' is the root directory; wsp never "
                                 "replaces it; choose another -o", dir);
    else if (real && cwd && isWithin(cwd, real))
      wspStringBufferAppendf(&m,
                             "output directory '%s' is or contains the working directory; wsp "
                             "never replaces it; choose another -o",
                             dir);
    else if (holds)
      wspStringBufferAppendf(&m,
                             "output directory '%s' holds the input '%s'; wsp never replaces a "
                             "directory holding one of its inputs; choose another -o",
                             dir, holds);
    else if (!force)
      wspStringBufferAppendf(&m, "output directory '%s' exists; pass --force to replace it", dir);
    free(real);
    free(cwd);
  }
  bool ok = m.length == 0;
  if (!ok)
    writeError(context, dir, m.data);
  wspStringBufferFree(&m);
  return ok;
}

/*===--- stale staging directories ---------------------------------------===*/

/* Removes `<base>.tmp.<pid>` siblings of `dir` whose process no longer runs;
   reports `<base>.old.<pid>` ones (a previous artifact a killed run was
   replacing) and removes them when `dir` exists again. Runs under the lock. */
static void cleanStale(WspContext context, const char *dir) {
  char *parent = parentOf(dir);
  const char *slash = strrchr(dir, '/');
  const char *base = slash ? slash + 1 : dir;
  size_t baseLength = strlen(base);
  DIR *d = opendir(parent);
  struct dirent *e;
  while (d && (e = readdir(d))) {
    const char *name = e->d_name;
    if (strncmp(name, base, baseLength) != 0 || name[baseLength] != '.')
      continue;
    const char *tag = name + baseLength + 1;
    bool isTmp = strncmp(tag, "tmp.", 4) == 0, isOld = strncmp(tag, "old.", 4) == 0;
    if (!isTmp && !isOld)
      continue;
    const char *digits = tag + 4;
    char *end = NULL;
    errno = 0;
    long pid = strtol(digits, &end, 10);
    if (!*digits || *end || errno || pid <= 0 || pid > INT_MAX || pid == (long)getpid())
      continue;
    if (kill((pid_t)pid, 0) == 0 || errno != ESRCH)
      continue; /* still running (or not ours to ask) */
    WspStringBuffer path;
    wspStringBufferInit(&path);
    if (slash)
      wspStringBufferAppendf(&path, "%s/%s", parent, name);
    else
      wspStringBufferAppendStr(&path, name);
    struct stat sb;
    bool isDir = lstat(path.data, &sb) == 0 && S_ISDIR(sb.st_mode);
    struct stat target;
    bool replaced = lstat(dir, &target) == 0;
    if (isDir && (isTmp || (replaced && isWspArtifact(path.data))) &&
        wspArtifactRemoveTree(path.data))
      wspEmitWarningf(context, pathLocation(context, dir),
                      "removed '%s', left behind by an interrupted wsp run (pid %ld)", path.data,
                      pid);
    else if (isDir && isOld && !replaced)
      wspEmitWarningf(context, pathLocation(context, dir),
                      "'%s' holds the artifact an interrupted wsp run (pid %ld) was replacing; "
                      "rename it back to '%s' or remove it",
                      path.data, pid, dir);
    wspStringBufferFree(&path);
  }
  if (d)
    closedir(d);
  free(parent);
}

/*===--- the lock ---------------------------------------------------------===*/

/* Locks `dir`'s parent directory (flock; the kernel drops it when the process
   dies). Returns the descriptor, -1 when the directory cannot be opened (the
   move then relies on RENAME_NOREPLACE alone) and -2 on a timeout (error
   raised). */
static int lockParent(WspContext context, const char *dir) {
  char *parent = parentOf(dir);
  int fd = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  for (int waited = 0; fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) != 0; ++waited) {
    if ((errno != EWOULDBLOCK && errno != EINTR) || waited >= LOCK_WAIT_SECONDS * 100) {
      char message[512];
      snprintf(message, sizeof message,
               "cannot lock '%s' to move the artifact into place: %s; another wsp run "
               "writing an artifact there holds it for more than %d s",
               parent, errno == EWOULDBLOCK ? "still locked" : strerror(errno),
               LOCK_WAIT_SECONDS);
      close(fd);
      free(parent);
      writeError(context, dir, message);
      return -2;
    }
    struct timespec ten = {0, 10 * 1000 * 1000};
    nanosleep(&ten, NULL);
  }
  free(parent);
  return fd;
}

/*===--- atomic write -----------------------------------------------------===*/

/* Writes every file under `tmp`; false (tmp removed) on failure. */
static bool writeTemp(WspContext context, const WspEmitFileSet *set, const char *tmp,
                      const char *outDir) {
  wspArtifactRemoveTree(tmp); /* a leftover of a crashed run with the same pid */
  char *dirs = wspStrdup(tmp);
  bool ok = makeDirs(dirs, false) && mkdir(dirs, 0777) == 0;
  free(dirs);
  for (size_t i = 0; ok && i < set->count; ++i)
    ok = writeFile(tmp, &set->files[i]);
  if (!ok) {
    char message[512];
    snprintf(message, sizeof message, "cannot write the artifact under '%s': %s", outDir,
             strerror(errno));
    wspArtifactRemoveTree(tmp);
    return writeError(context, outDir, message);
  }
  return true;
}

/* Moves `tmp` into place at `dir` (replacing the artifact there when
   `exists`). Runs under the lock. */
static bool moveIntoPlace(WspContext context, const char *tmp, const char *dir, bool exists) {
  int savedErrno = 0;
  bool ok;
  if (!exists) {
    ok = renameat2(AT_FDCWD, tmp, AT_FDCWD, dir, RENAME_NOREPLACE) == 0;
    if (!ok && (errno == EINVAL || errno == ENOSYS)) /* a file system without it */
      ok = rename(tmp, dir) == 0;
    savedErrno = errno;
  } else {
    /* Swap: `dir` gets the new artifact, `tmp` the old one, in one step. */
    ok = renameat2(AT_FDCWD, tmp, AT_FDCWD, dir, RENAME_EXCHANGE) == 0;
    savedErrno = errno;
    if (!ok && (errno == EINVAL || errno == ENOSYS)) {
      char *old = siblingName(dir, "old");
      wspArtifactRemoveTree(old);
      ok = rename(dir, old) == 0;
      if (ok && rename(tmp, dir) != 0) {
        savedErrno = errno;
        rename(old, dir); /* put the previous artifact back */
        ok = false;
      } else if (ok) {
        wspArtifactRemoveTree(old);
      } else {
        savedErrno = errno;
      }
      free(old);
    }
  }
  wspArtifactRemoveTree(tmp); /* the old artifact, or the failed new one */
  if (!ok) {
    char message[512];
    snprintf(message, sizeof message, "cannot move the artifact into '%s': %s", dir,
             savedErrno == EEXIST || savedErrno == ENOTEMPTY
                 ? "another wsp run created it first"
                 : strerror(savedErrno));
    return writeError(context, dir, message);
  }
  return true;
}

static bool writeArtifact(WspContext context, const WspEmitFileSet *set, const char *outDir,
                          bool force, const char *const *inputs, size_t numInputs) {
  if (!set || !outDir || !*outDir)
    return writeError(context, outDir ? outDir : "", "no artifact or output directory");
  char *dir = wspStrndup(outDir, trimmedLength(outDir));
  const char *slash = strrchr(dir, '/');
  const char *last = slash ? slash + 1 : dir;
  bool ok = true, exists = false;
  if (strcmp(last, ".") == 0 || strcmp(last, "..") == 0 || strcmp(dir, "/") == 0) {
    char message[512];
    snprintf(message, sizeof message,
             "output directory '%s' names '/', '.' or '..'; wsp never writes or replaces "
             "these; give the artifact a directory name of its own",
             dir);
    ok = writeError(context, dir, message);
  }
  ok = ok && checkTarget(context, dir, force, inputs, numInputs, &exists);
  char *tmp = siblingName(dir, "tmp");
  ok = ok && writeTemp(context, set, tmp, dir);
  if (ok) {
    int lock = lockParent(context, dir);
    ok = lock != -2;
    if (ok)
      cleanStale(context, dir);
    /* Again under the lock: another writer may have finished meanwhile. */
    ok = ok && checkTarget(context, dir, force, inputs, numInputs, &exists) &&
         moveIntoPlace(context, tmp, dir, exists);
    if (!ok)
      wspArtifactRemoveTree(tmp);
    if (lock >= 0)
      close(lock); /* drops the flock */
  }
  free(tmp);
  free(dir);
  return ok;
}

bool wspEmittedFilesWrite(WspContext context, WspEmittedFiles files, const char *outDir,
                          bool force) {
  return writeArtifact(context, files.ptr, outDir, force, NULL, 0);
}

bool wspEmittedFilesWriteWithOptions(WspContext context, WspEmittedFiles files,
                                     const char *outDir, const WspEmitOptions *options) {
  const char *inputs[2];
  size_t n = 0;
  if (options && options->sourcePath)
    inputs[n++] = options->sourcePath;
  if (options && options->goldenPath)
    inputs[n++] = options->goldenPath;
  return writeArtifact(context, files.ptr, outDir, options && options->force, inputs, n);
}
