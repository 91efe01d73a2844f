/*===-- wsp-c/Emit.h - runtime artifact emitter -------------------*- C -*-===*\
|*                                                                            *|
|* Turns a module in the lowered taskring form (docs/lowering.md) into an     *|
|* artifact directory for one target (docs/artifact.md): simpler at 6ebaf771  *|
|* (the default: the orchestration C++, one C++ file per kernel,              *|
|* test_<workload>.py and manifest.json) or pto-runtime at 41d5c94a           *|
|* (kernels/kernel_config.py, the orchestration and kernel C++,               *|
|* manifest.json and, when a reference is given, golden.py). The runtime      *|
|* flavor (tensormap_and_ringbuffer or host_build_graph) is read from the     *|
|* module's `taskring.runtime` op.                                            *|
|*                                                                            *|
|* Errors are raised as located diagnostics in the context (Diagnostics.h);  *|
|* "diagnosed" capabilities are raised as warnings.                           *|
|*                                                                            *|
|* Ownership: a WspEmittedFiles is owned by the caller and released with      *|
|* wspEmittedFilesDestroy; the strings it returns live as long as it does.    *|
|* The module is only read.                                                   *|
\*===----------------------------------------------------------------------===*/
#ifndef WSP_C_EMIT_H
#define WSP_C_EMIT_H

#include <stdbool.h>
#include <stddef.h>

#include "mlir-c/IR.h"
#include "wsp-c/Context.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The ABI string of artifacts for the pto-runtime 41d5c94a target (also in
   manifest.json and the lowered module's taskring.runtime). */
#define WSP_EMIT_ABI_VERSION "wsp-pto-runtime-41d5c94a/1"
/* The pto-runtime commit the artifacts target. */
#define WSP_EMIT_RUNTIME_COMMIT "41d5c94a"

/* Targets: one runtime at one pinned commit each (docs/artifact.md). */
#define WSP_EMIT_TARGET_PTO_RUNTIME "pto-runtime-41d5c94a"
#define WSP_EMIT_TARGET_SIMPLER "simpler-6ebaf771" /* alias "simpler" */
#define WSP_EMIT_SIMPLER_ABI_VERSION "wsp-simpler-6ebaf771/1"
/* The target used when none is named. */
#define WSP_EMIT_DEFAULT_TARGET WSP_EMIT_TARGET_SIMPLER

typedef struct WspEmitOptions {
  /* "a2a3sim" or "a2a3"; NULL means "a2a3sim". Recorded in the manifest
     only: the artifact is the same for both platforms. */
  const char *platform;
  /* A user reference file (generate_inputs/compute_golden) copied to
     golden.py; NULL for none. */
  const char *goldenPath;
  /* The input file the module was parsed from: relative kernel source paths
     (`impl = "source"`) resolve against its directory. NULL: the directory
     of the kernel op's location file, else the working directory. */
  const char *sourcePath;
  /* Replace an existing output directory (wspEmitArtifact only). */
  bool force;
  /* The target ("pto-runtime-41d5c94a", "simpler-6ebaf771" or its alias
     "simpler"); NULL: the one the module's taskring.runtime `abi` names. */
  const char *target;
} WspEmitOptions;

/* Defaults: platform a2a3sim, no golden, no source path, no force, the
   target from the module. */
WspEmitOptions wspEmitOptionsGetDefault(void);

/* The targets, in a fixed order: canonical name and artifact ABI string. */
size_t wspEmitGetNumTargets(void);
const char *wspEmitGetTargetName(size_t index);
const char *wspEmitGetTargetAbi(size_t index);
/* The index of a target by canonical name or alias, or -1. */
int wspEmitLookupTarget(const char *name);
/* "pto-runtime-41d5c94a, simpler-6ebaf771 (alias simpler)": for messages. */
const char *wspEmitTargetList(void);

/* An in-memory artifact: relative paths (e.g. "kernels/kernel_config.py")
   with their contents, in a deterministic order. */
typedef struct WspEmittedFiles {
  void *ptr;
} WspEmittedFiles;

static inline bool wspEmittedFilesIsNull(WspEmittedFiles files) { return !files.ptr; }

/* Emits the artifact into memory. Returns a null file set on error (the
   reasons are in the context's diagnostics); nothing touches the disk. */
WspEmittedFiles wspEmitArtifactToMemory(WspContext context, MlirModule module,
                                        const WspEmitOptions *options);

size_t wspEmittedFilesGetNumFiles(WspEmittedFiles files);
/* Relative path of file `index` ('/'-separated); NULL when out of range. */
const char *wspEmittedFilesGetPath(WspEmittedFiles files, size_t index);
/* Content of file `index` (NUL-terminated; *length gets its size when
   `length` is non-NULL); NULL when out of range. */
const char *wspEmittedFilesGetContent(WspEmittedFiles files, size_t index, size_t *length);
/* The capability report, one line per directive present
   ("task_window: enforced (...)"), as also recorded in manifest.json. */
const char *wspEmittedFilesGetCapabilityReport(WspEmittedFiles files);
void wspEmittedFilesDestroy(WspEmittedFiles files);

/* Writes a file set to `outDir` atomically: everything goes into the
   sibling directory `<outDir>.tmp.<pid>`, which is then renamed into place.
   An existing `outDir` is replaced only when `force` is set and it is an
   artifact directory wsp wrote (its manifest.json names a wsp "abi" and
   "generator"), not `/`, not the working directory or one holding it;
   anything else at `outDir` (a file, a FIFO, a device, a link, another
   directory) is refused with an error naming it. The move into place holds
   an exclusive lock on the parent directory, so of concurrent writers of one
   new output exactly one succeeds. Staging directories of runs that died are
   removed (with a warning). On any error no partial output is left behind.
   Missing parent directories are created. */
bool wspEmittedFilesWrite(WspContext context, WspEmittedFiles files, const char *outDir,
                          bool force);

/* wspEmittedFilesWrite with `options->force`, refusing also to replace a
   directory that holds `options->sourcePath` or `options->goldenPath`. */
bool wspEmittedFilesWriteWithOptions(WspContext context, WspEmittedFiles files,
                                     const char *outDir, const WspEmitOptions *options);

/* The staging directory this process uses for `outDir`
   ("<outDir>.tmp.<pid>", trailing slashes of outDir dropped), NUL-terminated
   in `buffer`; false when it does not fit. Async-signal-safe. */
bool wspArtifactStagingPath(const char *outDir, char *buffer, size_t size);

/* Removes the directory tree at `path` without following symbolic links;
   true when nothing is left. Async-signal-safe: a tool's SIGINT/SIGTERM
   handler calls it on wspArtifactStagingPath's result. */
bool wspArtifactRemoveTree(const char *path);

/* wspEmitArtifactToMemory followed by wspEmittedFilesWrite. */
bool wspEmitArtifact(WspContext context, MlirModule module, const WspEmitOptions *options,
                     const char *outDir);

/* The stable id of a host symbol name: FNV-1a-64 of its UTF-8 bytes. */
unsigned long long wspSymbolId(const char *name, size_t length);

#ifdef __cplusplus
}
#endif

#endif /* WSP_C_EMIT_H */
