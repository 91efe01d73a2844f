/* Internal layout of a WspContext, shared by the library's own files. */
#ifndef WSP_LIB_CONTEXTIMPL_H
#define WSP_LIB_CONTEXTIMPL_H

#include <stdbool.h>
#include <stdio.h>

#include "mlir-c/Diagnostics.h"
#include "mlir-c/IR.h"
#include "mlir-c/Support.h"
#include "wsp-c/Diagnostics.h"

typedef struct WspStoredDiagnostic {
  WspDiagnosticSeverity severity;
  char *message;
  char *file;
  unsigned line;
  unsigned column;
} WspStoredDiagnostic;

typedef struct WspContextImpl {
  MlirContext mlir;
  bool borrowed; /* wspContextCreateForMlirContext: the user owns `mlir` */
  struct WspEmbedding *embedding; /* lib/Registration.c's state of a borrowed context */
  /* Releases `embedding`; set by lib/Registration.c with it, so that the
     context's core never depends on the embedding code (no file cycle). */
  void (*destroyEmbedding)(struct WspContextImpl *impl);
  MlirDiagnosticHandlerID handler;
  MlirModule dialectDefinitions; /* kept alive: the IRDL dialects were built from it */
  WspStoredDiagnostic *diagnostics;
  size_t numDiagnostics;
  size_t capacityDiagnostics;
  size_t numErrors;
  FILE *stream;
  /* External passes need a TypeID each; one per wsp pass, allocated lazily. */
  MlirTypeIDAllocator typeIdAllocator;
  MlirTypeID *passTypeIds;
  bool *passTypeIdValid;
} WspContextImpl;

static inline WspContextImpl *wspUnwrapContext(WspContext context) {
  return (WspContextImpl *)context.ptr;
}

void wspContextTruncateDiagnostics(WspContextImpl *impl, size_t mark);

/* Speculative analysis: diagnostics raised between begin and end are held
   back from the echo stream; `keep` decides whether they are dropped or
   recorded (and then echoed). */
typedef struct WspSpeculation {
  size_t mark;
  FILE *stream;
} WspSpeculation;
WspSpeculation wspContextBeginSpeculation(WspContextImpl *impl);
void wspContextEndSpeculation(WspContextImpl *impl, WspSpeculation speculation, bool keep);
void wspContextRecord(WspContextImpl *impl, WspDiagnosticSeverity severity,
                      MlirLocation location, const char *message);

/* Records an MLIR diagnostic and its notes in the context (Context.c); the
   handler of a context wsp owns, and of a borrowed one (Registration.c). */
void wspContextRecordMlirDiagnostic(WspContextImpl *impl, MlirDiagnostic diagnostic);
/* Parses the embedded wsp and taskring IRDL definitions into impl->mlir and
   builds the dialects; the definitions module is kept in the context. */
bool wspContextLoadWspDialects(WspContextImpl *impl);

#endif
