/*===-- wsp-c/Diagnostics.h - captured diagnostics ----------------*- C -*-===*\
|*                                                                            *|
|* Every diagnostic raised in a WspContext (by the parser, the verifier,      *|
|* upstream passes and wsp passes) is captured in order, with its severity,   *|
|* message and source position. Notes attached to a diagnostic follow it as   *|
|* entries of severity WSP_DIAGNOSTIC_NOTE.                                   *|
|*                                                                            *|
|* Ownership: strings returned here are owned by the context and stay valid  *|
|* until wspContextClearDiagnostics or wspContextDestroy.                     *|
\*===----------------------------------------------------------------------===*/
#ifndef WSP_C_DIAGNOSTICS_H
#define WSP_C_DIAGNOSTICS_H

#include <stdarg.h>
#include <stdio.h>

#include "wsp-c/Context.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum WspDiagnosticSeverity {
  WSP_DIAGNOSTIC_ERROR = 0,
  WSP_DIAGNOSTIC_WARNING = 1,
  WSP_DIAGNOSTIC_NOTE = 2,
  WSP_DIAGNOSTIC_REMARK = 3,
} WspDiagnosticSeverity;

typedef struct WspDiagnostic {
  WspDiagnosticSeverity severity;
  const char *message;
  const char *file; /* "" when the location has no file */
  unsigned line;    /* 1-based; 0 when unknown */
  unsigned column;  /* 1-based; 0 when unknown */
} WspDiagnostic;

size_t wspContextGetNumDiagnostics(WspContext context);
WspDiagnostic wspContextGetDiagnostic(WspContext context, size_t index);
size_t wspContextGetNumErrors(WspContext context);
void wspContextClearDiagnostics(WspContext context);

/* When `stream` is non-NULL, each diagnostic is also printed to it as it is
   raised, in MLIR's `file:line:col: error: message` form. */
void wspContextSetDiagnosticStream(WspContext context, FILE *stream);

/* Prints one diagnostic in MLIR's form. */
void wspDiagnosticPrint(WspDiagnostic diagnostic, FILE *stream);

/* Raise diagnostics at an MLIR location. Errors go through MLIR's own
   diagnostic engine; warnings and notes (which the MLIR C API cannot raise)
   are recorded directly, in order with everything else. */
void wspEmitError(WspContext context, MlirLocation location, const char *message);
void wspEmitWarning(WspContext context, MlirLocation location, const char *message);
void wspEmitNote(WspContext context, MlirLocation location, const char *message);

/* printf-style conveniences. */
void wspEmitErrorf(WspContext context, MlirLocation location, const char *format, ...)
    __attribute__((format(printf, 3, 4)));
void wspEmitWarningf(WspContext context, MlirLocation location, const char *format, ...)
    __attribute__((format(printf, 3, 4)));
void wspEmitNotef(WspContext context, MlirLocation location, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

/* The same with a va_list, for wrappers. */
void wspEmitErrorv(WspContext context, MlirLocation location, const char *format, va_list args);

/* Resolves the file, line and column of a location (through name, call-site
   and fused locations). Returns false when the location has none. *file is
   owned by the MLIR context. */
bool wspLocationGetFileLineCol(MlirLocation location, MlirStringRef *file,
                               unsigned *line, unsigned *column);

#ifdef __cplusplus
}
#endif

#endif /* WSP_C_DIAGNOSTICS_H */
