/*===-- wsp-c/Context.h - wsp compiler context --------------------*- C -*-===*\
|*                                                                            *|
|* A WspContext owns an MlirContext with the upstream dialects wsp programs   *|
|* use (builtin, func, scf, cf, arith, index, memref, math, ub, irdl)        *|
|* and the `wsp` and `taskring` IRDL dialects loaded from definitions         *|
|* embedded in the library. It also captures every diagnostic (see            *|
|* Diagnostics.h) instead of printing it.                                     *|
|*                                                                            *|
|* Ownership: the caller owns a WspContext and releases it with               *|
|* wspContextDestroy; every module parsed in it must be destroyed first.      *|
|* Multithreading is disabled in the MLIR context: it keeps pass output       *|
|* deterministic and lets IR printing be enabled at any time.                 *|
\*===----------------------------------------------------------------------===*/
#ifndef WSP_C_CONTEXT_H
#define WSP_C_CONTEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "mlir-c/IR.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct WspContext {
  void *ptr;
} WspContext;

/* Creates a context. Returns a null context (ptr == NULL) only if the embedded
   dialect definitions fail to load, which is a build defect. */
WspContext wspContextCreate(void);
void wspContextDestroy(WspContext context);
static inline bool wspContextIsNull(WspContext context) { return !context.ptr; }

/* The underlying MLIR context; owned by the WspContext. */
MlirContext wspContextGetMlirContext(WspContext context);

/* The largest source wsp reads or parses: 256 MiB, room for a program of
   about 3 million ops (a generated 10^6-op program is about 80 MB of text).
   A larger input, and an endless one such as /dev/zero, is an error naming
   it and this limit; reading stops right after the limit. */
#define WSP_MAX_SOURCE_MIB 256
#define WSP_MAX_SOURCE_BYTES ((size_t)WSP_MAX_SOURCE_MIB << 20)

/* Parses `source` (MLIR text, generic or custom form; several top-level ops
   are wrapped into an implicit builtin.module as mlir-opt does) and verifies
   it. `sourceName` becomes the file name in every location, so diagnostics
   and emitted `// wsp: file:line:col` comments point at the user's file.
   Returns a null module on failure; the reasons are in the diagnostics.
   The caller owns the module (mlirModuleDestroy). */
MlirModule wspParseSourceString(WspContext context, const char *source,
                                size_t length, const char *sourceName);

/* Reads and parses a file ("-" reads standard input). An unreadable file is
   reported as a diagnostic naming the path and the system error; so is a
   file larger than WSP_MAX_SOURCE_BYTES. */
MlirModule wspParseSourceFile(WspContext context, const char *path);

/* Verifies an operation (and everything nested in it); failures are reported
   as diagnostics. */
bool wspVerify(WspContext context, MlirOperation op);

/* Prints `op` into a NUL-terminated malloc'd string that the caller frees with
   wspStringDestroy. `generic` selects the generic op form for every op;
   `debugInfo` prints locations. */
char *wspOperationPrintToString(MlirOperation op, bool generic, bool debugInfo);
void wspStringDestroy(char *string);

/* The embedded IRDL definitions (NUL-terminated; owned by the library). */
const char *wspGetWspDialectIrdl(void);
const char *wspGetTaskRingDialectIrdl(void);

/* "wsp <version> (<git commit>)"; static storage. */
const char *wspGetVersionString(void);

#ifdef __cplusplus
}
#endif

#endif /* WSP_C_CONTEXT_H */
