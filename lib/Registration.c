#define _GNU_SOURCE /* fopencookie */
/* wsp inside another MLIR compiler: dialects loaded into the user's
   MlirContext, wsp passes and pipelines as MlirPass objects for the user's
   pass manager (wsp-c/Registration.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ContextImpl.h"
#include "EmbedSupport.h"
#include "PassRegistry.h"
#include "Support/StringBuffer.h"
#include "mlir-c/Dialect/Arith.h"
#include "mlir-c/Dialect/ControlFlow.h"
#include "mlir-c/Dialect/Func.h"
#include "mlir-c/Dialect/IRDL.h"
#include "mlir-c/Dialect/Index.h"
#include "mlir-c/Dialect/Math.h"
#include "mlir-c/Dialect/MemRef.h"
#include "mlir-c/Dialect/SCF.h"
#include "mlir-c/Dialect/UB.h"
#include "wsp-c/Diagnostics.h"
#include "wsp-c/Pass.h"
#include "wsp-c/Registration.h"

static MlirStringRef str(const char *s) { return mlirStringRefCreateFromCString(s); }

/*===--- dialects ---------------------------------------------------------===*/

static const char *const kDependentDialects[] = {"irdl",  "func",   "scf",  "cf", "arith",
                                                 "index", "memref", "math", "ub"};

void wspRegisterDependentDialects(MlirDialectRegistry registry) {
  MlirDialectHandle handles[] = {
      mlirGetDialectHandle__irdl__(),   mlirGetDialectHandle__func__(),
      mlirGetDialectHandle__scf__(),    mlirGetDialectHandle__cf__(),
      mlirGetDialectHandle__arith__(),  mlirGetDialectHandle__index__(),
      mlirGetDialectHandle__memref__(), mlirGetDialectHandle__math__(),
      mlirGetDialectHandle__ub__(),
  };
  for (size_t i = 0; i < sizeof(handles) / sizeof(handles[0]); ++i)
    mlirDialectHandleInsertDialect(handles[i], registry);
}

/* Builds the wsp and taskring dialects in the borrowed context, unless
   another WspContext on the same MlirContext already did. */
static bool loadIrdlDialects(WspContextImpl *impl) {
  if (!mlirDialectIsNull(mlirContextGetOrLoadDialect(impl->mlir, str("wsp"))) &&
      !mlirDialectIsNull(mlirContextGetOrLoadDialect(impl->mlir, str("taskring"))))
    return true; /* another WspContext on this MlirContext loaded them */
  return wspContextLoadWspDialects(impl);
}

/*===--- diagnostics ------------------------------------------------------===*/


/* A borrowed context's diagnostic routing. wsp holds some diagnostics back
   (a speculative parse, the static task-graph analysis) by setting the
   context's stream to NULL, and prints those it keeps to the stream when it
   is done. The stream of a borrowed context is `router`: errors printed to
   it are raised again through MLIR's engine, so they reach the user's
   handlers at that point; warnings and notes (which the C API cannot raise)
   go on to `target`. */
typedef struct WspEmbedding {
  WspContextImpl *impl;
  FILE *router;
  FILE *target; /* stderr unless set; NULL: recorded only */
  bool replaying;
  WspStringBuffer line;
} WspEmbedding;

/* The line wspDiagnosticPrint writes for `d`. */
static char *formatDiagnostic(const WspStoredDiagnostic *d) {
  WspStringBuffer text;
  wspStringBufferInit(&text);
  if (d->line)
    wspStringBufferAppendf(&text, "%s:%u:%u: error: %s", d->file, d->line, d->column, d->message);
  else if (d->file[0])
    wspStringBufferAppendf(&text, "%s: error: %s", d->file, d->message);
  else
    wspStringBufferAppendf(&text, "<unknown>:0: error: %s", d->message);
  return wspStringBufferTake(&text);
}

static void routeLine(WspEmbedding *e, const char *line, size_t length) {
  WspContextImpl *impl = e->impl;
  for (size_t i = impl->numDiagnostics; i-- > 0;) {
    const WspStoredDiagnostic *d = &impl->diagnostics[i];
    if (d->severity != WSP_DIAGNOSTIC_ERROR)
      continue;
    char *text = formatDiagnostic(d);
    bool same = strlen(text) == length && memcmp(text, line, length) == 0;
    free(text);
    if (!same)
      continue;
    MlirLocation loc = d->line || d->file[0]
                           ? mlirLocationFileLineColGet(impl->mlir, str(d->file), d->line,
                                                        d->column)
                           : mlirLocationUnknownGet(impl->mlir);
    e->replaying = true;
    mlirEmitError(loc, d->message);
    e->replaying = false;
    return;
  }
  if (e->target) {
    fwrite(line, 1, length, e->target);
    fputc('\n', e->target);
  }
}

static ssize_t routerWrite(void *cookie, const char *data, size_t size) {
  WspEmbedding *e = cookie;
  wspStringBufferAppend(&e->line, data, size);
  char *start = e->line.data;
  char *newline;
  while ((newline = memchr(start, '\n', e->line.length - (size_t)(start - e->line.data)))) {
    routeLine(e, start, (size_t)(newline - start));
    start = newline + 1;
  }
  size_t rest = e->line.length - (size_t)(start - e->line.data);
  memmove(e->line.data, start, rest);
  e->line.length = rest;
  e->line.data[rest] = '\0';
  return (ssize_t)size;
}

static WspEmbedding *embeddingCreate(WspContextImpl *impl) {
  WspEmbedding *e = wspCalloc(1, sizeof(WspEmbedding));
  e->impl = impl;
  e->target = stderr;
  wspStringBufferInit(&e->line);
  wspStringBufferAppend(&e->line, "", 0);
  cookie_io_functions_t io = {NULL, routerWrite, NULL, NULL};
  e->router = fopencookie(e, "w", io);
  if (e->router)
    setvbuf(e->router, NULL, _IONBF, 0);
  return e;
}

static void embeddingDestroy(WspContextImpl *impl) {
  WspEmbedding *e = impl->embedding;
  impl->embedding = NULL;
  if (impl->stream == e->router)
    impl->stream = NULL;
  if (e->router)
    fclose(e->router);
  wspStringBufferFree(&e->line);
  free(e);
}

/* Records every diagnostic and passes it on to the handlers attached before
   (the user's, else MLIR's default printer), so it is not printed twice by
   wsp. While wsp holds diagnostics back (its stream is NULL), they stop
   here; those it keeps come back through the router. */
static MlirLogicalResult onBorrowedDiagnostic(MlirDiagnostic diagnostic, void *userData) {
  WspContextImpl *impl = userData;
  if (impl->embedding && impl->embedding->replaying)
    return mlirLogicalResultFailure(); /* recorded already: only passed on */
  FILE *stream = impl->stream;
  impl->stream = NULL;
  wspContextRecordMlirDiagnostic(impl, diagnostic);
  impl->stream = stream;
  return stream ? mlirLogicalResultFailure() : mlirLogicalResultSuccess();
}

void wspContextSetEmbeddedNoteStream(WspContext context, FILE *stream) {
  WspContextImpl *impl = wspUnwrapContext(context);
  if (impl && impl->embedding)
    impl->embedding->target = stream;
}

/*===--- contexts ---------------------------------------------------------===*/

WspContext wspContextCreateForMlirContext(MlirContext context) {
  WspContext null = {NULL};
  if (mlirContextIsNull(context))
    return null;
  WspContextImpl *impl = wspCalloc(1, sizeof(WspContextImpl));
  impl->mlir = context;
  impl->borrowed = true;
  impl->embedding = embeddingCreate(impl);
  impl->destroyEmbedding = embeddingDestroy;
  impl->stream = impl->embedding->router ? impl->embedding->router : stderr;
  impl->typeIdAllocator = mlirTypeIDAllocatorCreate();
  impl->handler = mlirContextAttachDiagnosticHandler(context, onBorrowedDiagnostic, impl, NULL);
  MlirDialectRegistry registry = mlirDialectRegistryCreate();
  wspRegisterDependentDialects(registry);
  mlirContextAppendDialectRegistry(context, registry);
  mlirDialectRegistryDestroy(registry);
  /* Loaded up front: passes create ops (arith, scf, ...) that the input may
     not contain, and the C API has no dependent-dialect hook for that. */
  for (size_t i = 0; i < sizeof(kDependentDialects) / sizeof(kDependentDialects[0]); ++i)
    mlirContextGetOrLoadDialect(context, str(kDependentDialects[i]));
  WspContext result = {impl};
  if (!loadIrdlDialects(impl)) {
    for (size_t i = 0; i < impl->numDiagnostics; ++i)
      wspDiagnosticPrint(wspContextGetDiagnostic(result, i), stderr);
    wspContextDestroy(result);
    return null;
  }
  return result;
}

bool wspContextIsBorrowed(WspContext context) {
  return context.ptr && wspUnwrapContext(context)->borrowed;
}

/*===--- a named pipeline as one pass --------------------------------------===*/

/* userData of a pipeline pass: the element text it expands (`name{options}`). */
typedef struct PipelinePass {
  WspContext context;
  char *text;
} PipelinePass;

static PipelinePass *pipelinePassCreate(WspContext context, const char *text) {
  PipelinePass *p = wspCalloc(1, sizeof(PipelinePass));
  p->context = context;
  p->text = wspStrdup(text);
  return p;
}

static void pipelineConstruct(void *userData) { (void)userData; }

static void pipelineDestruct(void *userData) {
  PipelinePass *p = userData;
  free(p->text);
  free(p);
}

static void *pipelineClone(void *userData) {
  PipelinePass *p = userData;
  return pipelinePassCreate(p->context, p->text);
}

/* Runs the expansion through a pass manager of its own on the module the
   pass was given (the C API has no dynamic-pipeline hook). Its passes do not
   show in the outer manager's IR printing or timing. */
static void pipelineRun(MlirOperation op, MlirExternalPass pass, void *userData) {
  PipelinePass *p = userData;
  MlirContext ctx = mlirOperationGetContext(op);
  MlirPassManager pm = mlirPassManagerCreateOnOperation(ctx, str(WSP_PASS_ANCHOR));
  bool ok = wspBuildPipelineInto(p->context, mlirPassManagerGetAsOpPassManager(pm), p->text) &&
            mlirLogicalResultIsSuccess(mlirPassManagerRunOnOp(pm, op));
  mlirPassManagerDestroy(pm);
  if (!ok)
    mlirExternalPassSignalFailure(pass);
}

MlirPass wspCreatePass(WspContext context, const char *name, const char *options) {
  MlirPass null = {NULL};
  if (!context.ptr || !name)
    return null;
  bool isPipeline = false;
  MlirPass pass = wspCreatePassFromElement(context, name, options, &isPipeline);
  if (!isPipeline)
    return pass;
  size_t index = 0;
  const WspPassInfo *info = wspLookupPass(name, &index);
  WspStringBuffer text;
  wspStringBufferInit(&text);
  wspStringBufferAppendStr(&text, name);
  if (options && *options)
    wspStringBufferAppendf(&text, "{%s}", options);
  MlirExternalPassCallbacks callbacks = {pipelineConstruct, pipelineDestruct, NULL,
                                         pipelineClone, pipelineRun};
  MlirTypeID typeId = mlirTypeIDAllocatorAllocateTypeID(wspUnwrapContext(context)->typeIdAllocator);
  pass = mlirCreateExternalPass(typeId, str(info->name), str(info->name), str(info->summary),
                                str(WSP_PASS_ANCHOR), 0, NULL, callbacks,
                                pipelinePassCreate(context, text.data));
  wspStringBufferFree(&text);
  return pass;
}

bool wspOpPassManagerAddPipeline(WspContext context, MlirOpPassManager passManager,
                                 const char *pipeline) {
  if (!context.ptr || !pipeline)
    return false;
  return wspBuildPipelineInto(context, passManager, pipeline);
}
