/* WspPassManager: builds MLIR pass managers from textual pipelines that mix
   wsp passes (external passes written in C, unknown to MLIR's registry) and
   upstream passes (handed to MLIR by name). */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>

#include "ContextImpl.h"
#include "PassRegistry.h"
#include "Support/PipelineParser.h"
#include "Support/StringBuffer.h"
#include "mlir-c/Dialect/Arith.h"
#include "mlir-c/Dialect/Func.h"
#include "mlir-c/Dialect/Index.h"
#include "mlir-c/Dialect/Math.h"
#include "mlir-c/Dialect/MemRef.h"
#include "mlir-c/Dialect/SCF.h"
#include "mlir-c/Dialect/UB.h"
#include "mlir-c/Pass.h"
#include "mlir-c/RegisterEverything.h"
#include "wsp-c/Diagnostics.h"
#include "wsp-c/Pass.h"

typedef struct WspPassManagerImpl {
  WspContext context;
  MlirPassManager pm;
} WspPassManagerImpl;

static WspPassManagerImpl *unwrap(WspPassManager pm) { return (WspPassManagerImpl *)pm.ptr; }
static MlirStringRef str(const char *s) { return mlirStringRefCreateFromCString(s); }

/*===--- the external-pass adapter ----------------------------------------===*/

/* userData of one external pass instance: owns a copy of its options, so a
   clone (MLIR clones passes per nested pass manager) is independent. */
typedef struct WspPassInstance {
  WspContext context;
  WspPassOptions options;
} WspPassInstance;

static WspPassInstance *instanceCreate(WspContext context, const WspPassInfo *info,
                                       char *const *values) {
  WspPassInstance *inst = wspCalloc(1, sizeof(WspPassInstance));
  inst->context = context;
  inst->options.info = info;
  inst->options.values = wspCalloc(info->numOptions, sizeof(char *));
  for (size_t i = 0; i < info->numOptions; ++i)
    inst->options.values[i] = values && values[i] ? wspStrdup(values[i]) : NULL;
  return inst;
}

static void passConstruct(void *userData) { (void)userData; }

static void passDestruct(void *userData) {
  WspPassInstance *inst = userData;
  for (size_t i = 0; i < inst->options.info->numOptions; ++i)
    free(inst->options.values[i]);
  free(inst->options.values);
  free(inst);
}

static void *passClone(void *userData) {
  WspPassInstance *inst = userData;
  return instanceCreate(inst->context, inst->options.info, inst->options.values);
}

static void passRun(MlirOperation op, MlirExternalPass pass, void *userData) {
  WspPassInstance *inst = userData;
  WspPassRun run = {inst->context, op, &inst->options};
  size_t errorsBefore = wspContextGetNumErrors(inst->context);
  if (!inst->options.info->run(&run)) {
    if (wspContextGetNumErrors(inst->context) == errorsBefore)
      wspEmitErrorf(inst->context, mlirOperationGetLocation(op), "pass '%s' failed",
                    inst->options.info->name);
    mlirExternalPassSignalFailure(pass);
  }
}

static MlirTypeID passTypeId(WspContextImpl *ctx, size_t index) {
  /* Allocated here, on first use, not by the context: the context's core
     then never depends on the pass table (lib/ has no file cycle). */
  if (!ctx->passTypeIds) {
    ctx->passTypeIds = wspCalloc(wspGetNumPasses(), sizeof(MlirTypeID));
    ctx->passTypeIdValid = wspCalloc(wspGetNumPasses(), sizeof(bool));
  }
  if (!ctx->passTypeIdValid[index]) {
    ctx->passTypeIds[index] = mlirTypeIDAllocatorAllocateTypeID(ctx->typeIdAllocator);
    ctx->passTypeIdValid[index] = true;
  }
  return ctx->passTypeIds[index];
}

static MlirPass createExternalPass(WspContext context, size_t index, char *const *values) {
  const WspPassInfo *info = wspGetPassInfo(index);
  MlirExternalPassCallbacks callbacks = {passConstruct, passDestruct, NULL, passClone, passRun};
  /* The upstream dialects wsp's passes create ops of: MLIR's pass manager
     loads a pass's dependent dialects before it runs, so a context need not
     load them up front (wspContextCreate loads only irdl; the parser loads
     what the input uses). */
  MlirDialectHandle dependent[] = {
      mlirGetDialectHandle__func__(),   mlirGetDialectHandle__scf__(),
      mlirGetDialectHandle__arith__(),  mlirGetDialectHandle__index__(),
      mlirGetDialectHandle__memref__(), mlirGetDialectHandle__math__(),
      mlirGetDialectHandle__ub__(),
  };
  return mlirCreateExternalPass(passTypeId(wspUnwrapContext(context), index), str(info->name),
                                str(info->name), str(info->summary), str(WSP_PASS_ANCHOR),
                                (intptr_t)(sizeof dependent / sizeof dependent[0]), dependent,
                                callbacks, instanceCreate(context, info, values));
}

/*===--- building -------------------------------------------------------===*/

typedef struct BuildState {
  WspContext context;
  /* Options of the named pipeline being expanded; forwarded to each pass in
     it that declares an option of the same name. */
  const WspPipelineElement *inherited;
  size_t columnBase; /* column of the text being parsed within what the user wrote */
  int depth;         /* named-pipeline expansion depth, to stop runaway recursion */
} BuildState;

static void pipelineError(BuildState *state, size_t column, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

static void pipelineError(BuildState *state, size_t column, const char *format, ...) {
  MlirContext ctx = wspContextGetMlirContext(state->context);
  unsigned col = (unsigned)(state->columnBase + (column ? column - 1 : 0));
  va_list args;
  va_start(args, format);
  wspEmitErrorv(state->context, mlirLocationFileLineColGet(ctx, str("<pass-pipeline>"), 1, col),
                format, args);
  va_end(args);
}

/* An INT option's range, "min..max". */
static bool intRange(const char *range, long long *lo, long long *hi) {
  char *end = NULL;
  *lo = strtoll(range, &end, 0);
  if (!end || strncmp(end, "..", 2) != 0)
    return false;
  *hi = strtoll(end + 2, &end, 0);
  return end && *end == '\0';
}

static bool isValidOptionValue(const WspPassOptionInfo *o, const char *value) {
  if (!value)
    return o->kind == WSP_OPTION_BOOL;
  switch (o->kind) {
  case WSP_OPTION_BOOL:
    return !strcmp(value, "true") || !strcmp(value, "false") || !strcmp(value, "1") ||
           !strcmp(value, "0");
  case WSP_OPTION_INT: {
    char *end = NULL;
    errno = 0;
    long long v = strtoll(value, &end, 0);
    if (!*value || !end || *end != '\0' || errno == ERANGE)
      return false;
    long long lo, hi;
    return !o->choices || !intRange(o->choices, &lo, &hi) || (v >= lo && v <= hi);
  }
  case WSP_OPTION_STRING:
    return true;
  case WSP_OPTION_ENUM: {
    size_t n = strlen(value);
    for (const char *c = o->choices; c && *c;) {
      const char *bar = strchr(c, '|');
      size_t len = bar ? (size_t)(bar - c) : strlen(c);
      if (len == n && strncmp(c, value, n) == 0)
        return true;
      c = bar ? bar + 1 : NULL;
    }
    return false;
  }
  }
  return false;
}

static void describeOptions(const WspPassInfo *info, WspStringBuffer *out) {
  if (info->numOptions == 0) {
    wspStringBufferAppendStr(out, "it takes no options");
    return;
  }
  wspStringBufferAppendStr(out, "its options are:");
  for (size_t i = 0; i < info->numOptions; ++i)
    wspStringBufferAppendf(out, "%s %s", i ? "," : "", info->options[i].name);
}

/* Matches element options to the pass's option table; fills values[]. */
static void inheritOptions(const BuildState *state, const WspPassInfo *info, char **values) {
  if (!state->inherited)
    return;
  for (size_t k = 0; k < state->inherited->numOptions; ++k) {
    const WspPipelineOption *opt = &state->inherited->options[k];
    for (size_t i = 0; i < info->numOptions; ++i)
      if (strcmp(info->options[i].name, opt->key) == 0) {
        free(values[i]);
        values[i] = wspStrdup(opt->value ? opt->value : "true");
      }
  }
}

static bool resolveOptions(BuildState *state, const WspPassInfo *info,
                           const WspPipelineElement *e, char **values) {
  inheritOptions(state, info, values);
  for (size_t k = 0; k < e->numOptions; ++k) {
    const WspPipelineOption *opt = &e->options[k];
    size_t found = info->numOptions;
    for (size_t i = 0; i < info->numOptions; ++i)
      if (strcmp(info->options[i].name, opt->key) == 0)
        found = i;
    if (found == info->numOptions) {
      WspStringBuffer known;
      wspStringBufferInit(&known);
      describeOptions(info, &known);
      pipelineError(state, e->column, "pass '%s' has no option '%s'; %s", info->name, opt->key,
                    known.data);
      wspStringBufferFree(&known);
      return false;
    }
    const WspPassOptionInfo *o = &info->options[found];
    long long lo, hi;
    if (!isValidOptionValue(o, opt->value) && o->kind == WSP_OPTION_INT && o->choices &&
        intRange(o->choices, &lo, &hi)) {
      pipelineError(state, e->column,
                    "option '%s' of pass '%s' expects an int in [%lld, %lld], got '%s'; use a "
                    "value in that range",
                    o->name, info->name, lo, hi, opt->value ? opt->value : "(none)");
      return false;
    }
    if (!isValidOptionValue(o, opt->value)) {
      pipelineError(state, e->column, "option '%s' of pass '%s' expects %s%s, got '%s'",
                    o->name, info->name, o->kind == WSP_OPTION_ENUM ? "one of " : "a value of type ",
                    o->kind == WSP_OPTION_ENUM ? o->choices
                    : o->kind == WSP_OPTION_INT ? "int"
                    : o->kind == WSP_OPTION_BOOL ? "bool"
                                                 : "string",
                    opt->value ? opt->value : "(none)");
      return false;
    }
    free(values[found]);
    values[found] = wspStrdup(opt->value ? opt->value : "true");
  }
  return true;
}

static bool addElements(BuildState *state, MlirOpPassManager opm, const char *anchor,
                        const WspPipelineElement *elements, size_t n);

static bool addText(BuildState *state, MlirOpPassManager opm, const char *anchor,
                    const char *text, size_t columnBase) {
  WspPipeline pipeline;
  char message[512];
  size_t column = 0;
  size_t savedBase = state->columnBase;
  state->columnBase = columnBase;
  bool ok = wspPipelineParse(text, strlen(text), &pipeline, message, sizeof message, &column);
  if (!ok) {
    pipelineError(state, column, "malformed pass pipeline: %s", message);
  } else {
    const WspPipelineElement *elements = pipeline.elements;
    size_t n = pipeline.numElements;
    /* `builtin.module(...)` at the top names the root anchor itself. */
    if (state->depth == 0 && n == 1 && elements[0].isNested &&
        strcmp(elements[0].name, anchor) == 0) {
      n = elements[0].numChildren;
      elements = elements[0].children;
    }
    ok = addElements(state, opm, anchor, elements, n);
    wspPipelineDestroy(&pipeline);
  }
  state->columnBase = savedBase;
  return ok;
}

static bool addWspPass(BuildState *state, MlirOpPassManager opm, const char *anchor,
                       const WspPipelineElement *e, size_t index) {
  const WspPassInfo *info = wspGetPassInfo(index);
  if (info->pipeline) {
    char **values = wspCalloc(info->numOptions, sizeof(char *));
    bool ok = resolveOptions(state, info, e, values); /* validates the pipeline's options */
    for (size_t i = 0; i < info->numOptions; ++i)
      free(values[i]);
    free(values);
    if (!ok)
      return false;
    if (state->depth > 8) {
      pipelineError(state, e->column, "pipeline '%s' expands into itself", info->name);
      return false;
    }
    const WspPipelineElement *saved = state->inherited;
    state->inherited = e;
    state->depth++;
    ok = addText(state, opm, anchor, info->pipeline, state->columnBase + e->column - 1);
    state->depth--;
    state->inherited = saved;
    return ok;
  }
  if (strcmp(anchor, WSP_PASS_ANCHOR) != 0) {
    pipelineError(state, e->column,
                  "pass '%s' runs on '%s' operations and cannot be nested under '%s'; "
                  "move it out to the top level of the pipeline",
                  info->name, WSP_PASS_ANCHOR, anchor);
    return false;
  }
  char **values = wspCalloc(info->numOptions, sizeof(char *));
  bool ok = resolveOptions(state, info, e, values);
  if (ok)
    mlirOpPassManagerAddOwnedPass(opm, createExternalPass(state->context, index, values));
  for (size_t i = 0; i < info->numOptions; ++i)
    free(values[i]);
  free(values);
  return ok;
}

/* The first non-blank line of MLIR's pipeline-parser message, without its
   own "file:line:col: error: " prefix. (For a bad option value the first line
   is empty and the reason, "failed to add `p` with options `...`", follows.) */
static char *upstreamMessage(const char *raw) {
  const char *start = strstr(raw, "error: ");
  start = start ? start + 7 : raw;
  while (*start == ' ' || *start == '\n' || *start == '\r')
    start++;
  const char *end = strchr(start, '\n');
  return wspStrndup(start, end ? (size_t)(end - start) : strlen(start));
}

static bool addUpstreamPass(BuildState *state, MlirOpPassManager opm,
                            const WspPipelineElement *e) {
  WspStringBuffer text, error;
  wspStringBufferInit(&text);
  wspStringBufferInit(&error);
  wspStringBufferAppendStr(&text, e->name);
  if (e->optionsText)
    wspStringBufferAppendf(&text, "{%s}", e->optionsText);
  MlirLogicalResult result = mlirOpPassManagerAddPipeline(
      opm, mlirStringRefCreate(text.data, text.length), wspStringBufferCallback, &error);
  bool ok = mlirLogicalResultIsSuccess(result);
  if (!ok) {
    char *message = upstreamMessage(error.data ? error.data : "");
    if (strstr(message, "does not refer to a registered pass"))
      pipelineError(state, e->column,
                    "'%s' is neither a wsp pass nor a registered MLIR pass "
                    "(wsp-opt --list-passes lists wsp's passes)",
                    e->name);
    else
      pipelineError(state, e->column, "pass '%s': %s", e->name, message);
    free(message);
  }
  wspStringBufferFree(&text);
  wspStringBufferFree(&error);
  return ok;
}

static bool addNested(BuildState *state, MlirOpPassManager opm, const WspPipelineElement *e) {
  MlirContext ctx = wspContextGetMlirContext(state->context);
  /* Registered dialects load lazily; load the op's dialect before asking. */
  const char *dot = strchr(e->name, '.');
  if (dot)
    mlirContextGetOrLoadDialect(ctx, mlirStringRefCreate(e->name, (size_t)(dot - e->name)));
  if (!mlirContextIsRegisteredOperation(ctx, str(e->name))) {
    pipelineError(state, e->column,
                  "'%s(...)' nests passes under '%s', which is not a registered operation; "
                  "anchor nested pipelines on an op such as func.func",
                  e->name, e->name);
    return false;
  }
  MlirOpPassManager nested = mlirOpPassManagerGetNestedUnder(opm, str(e->name));
  return addElements(state, nested, e->name, e->children, e->numChildren);
}

static bool addElements(BuildState *state, MlirOpPassManager opm, const char *anchor,
                        const WspPipelineElement *elements, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    const WspPipelineElement *e = &elements[i];
    size_t index = 0;
    bool ok;
    if (e->isNested)
      ok = addNested(state, opm, e);
    else if (wspLookupPass(e->name, &index))
      ok = addWspPass(state, opm, anchor, e, index);
    else
      ok = addUpstreamPass(state, opm, e);
    if (!ok)
      return false;
  }
  return true;
}

/*===--- public API -------------------------------------------------------===*/

static void registerUpstreamPasses(void) { mlirRegisterAllPasses(); }

WspPassManager wspPassManagerCreate(WspContext context) {
  /* Makes every upstream pass nameable in pipelines. MLIR's registry is
     process-wide and registration idempotent, but not free (it rebuilds
     every registry entry: ~0.5 ms, more than a small program's whole
     pipeline), so it happens once per process. The once-flag is the only
     process-wide state here, and it is MLIR's registry it guards. */
  static once_flag registered = ONCE_FLAG_INIT;
  call_once(&registered, registerUpstreamPasses);
  WspPassManagerImpl *impl = wspCalloc(1, sizeof(WspPassManagerImpl));
  impl->context = context;
  impl->pm = mlirPassManagerCreateOnOperation(wspContextGetMlirContext(context),
                                              str(WSP_PASS_ANCHOR));
  WspPassManager pm = {impl};
  return pm;
}

void wspPassManagerDestroy(WspPassManager passManager) {
  WspPassManagerImpl *impl = unwrap(passManager);
  if (!impl)
    return;
  mlirPassManagerDestroy(impl->pm);
  free(impl);
}

bool wspPassManagerAddPipeline(WspPassManager passManager, const char *pipeline) {
  WspPassManagerImpl *impl = unwrap(passManager);
  MlirContext ctx = wspContextGetMlirContext(impl->context);
  /* Build into a scratch pass manager first so a bad pipeline adds nothing. */
  MlirPassManager scratch = mlirPassManagerCreateOnOperation(ctx, str(WSP_PASS_ANCHOR));
  BuildState state = {impl->context, NULL, 1, 0};
  bool ok = addText(&state, mlirPassManagerGetAsOpPassManager(scratch), WSP_PASS_ANCHOR,
                    pipeline, 1);
  mlirPassManagerDestroy(scratch);
  if (!ok)
    return false;
  BuildState real = {impl->context, NULL, 1, 0};
  addText(&real, mlirPassManagerGetAsOpPassManager(impl->pm), WSP_PASS_ANCHOR, pipeline, 1);
  return true;
}

bool wspPassManagerAddPass(WspPassManager passManager, const char *name, const char *options) {
  WspStringBuffer text;
  wspStringBufferInit(&text);
  wspStringBufferAppendStr(&text, name);
  if (options && *options)
    wspStringBufferAppendf(&text, "{%s}", options);
  bool ok = wspPassManagerAddPipeline(passManager, text.data);
  wspStringBufferFree(&text);
  return ok;
}

bool wspPassManagerRun(WspPassManager passManager, MlirModule module) {
  WspPassManagerImpl *impl = unwrap(passManager);
  return mlirLogicalResultIsSuccess(
      mlirPassManagerRunOnOp(impl->pm, mlirModuleGetOperation(module)));
}

void wspPassManagerEnableIRPrinting(WspPassManager passManager, bool before, bool after,
                                    bool afterChangeOnly, bool afterFailureOnly, bool generic,
                                    const char *treeDir) {
  WspPassManagerImpl *impl = unwrap(passManager);
  MlirOpPrintingFlags flags = mlirOpPrintingFlagsCreate();
  if (generic)
    mlirOpPrintingFlagsPrintGenericOpForm(flags);
  mlirPassManagerEnableIRPrinting(impl->pm, before, after || afterChangeOnly || afterFailureOnly,
                                  /*printModuleScope=*/true, afterChangeOnly, afterFailureOnly,
                                  flags, treeDir ? str(treeDir) : mlirStringRefCreate(NULL, 0));
  mlirOpPrintingFlagsDestroy(flags);
}

void wspPassManagerEnableTiming(WspPassManager passManager) {
  mlirPassManagerEnableTiming(unwrap(passManager)->pm);
}

void wspPassManagerEnableVerifier(WspPassManager passManager, bool enable) {
  WspPassManagerImpl *impl = unwrap(passManager);
  mlirPassManagerEnableVerifier(impl->pm, enable);
}

char *wspPassManagerGetPipelineString(WspPassManager passManager) {
  WspStringBuffer text;
  wspStringBufferInit(&text);
  mlirPrintPassPipeline(mlirPassManagerGetAsOpPassManager(unwrap(passManager)->pm),
                        wspStringBufferCallback, &text);
  return wspStringBufferTake(&text);
}

/*===--- embedding (wsp-c/Registration.h, lib/Registration.c) -------------===*/

/* The anchor op name of an OpPassManager, from its printed form `anchor(...)`. */
static char *opPassManagerAnchor(MlirOpPassManager opm) {
  WspStringBuffer text;
  wspStringBufferInit(&text);
  mlirPrintPassPipeline(opm, wspStringBufferCallback, &text);
  const char *s = text.data ? text.data : "";
  const char *paren = strchr(s, '(');
  char *anchor = wspStrndup(s, paren ? (size_t)(paren - s) : strlen(s));
  wspStringBufferFree(&text);
  return anchor;
}

bool wspBuildPipelineInto(WspContext context, MlirOpPassManager opm, const char *pipeline) {
  mlirRegisterAllPasses();
  char *anchor = opPassManagerAnchor(opm);
  if (!*anchor || !strcmp(anchor, "any")) { /* an op-agnostic manager runs on modules too */
    free(anchor);
    anchor = wspStrdup(WSP_PASS_ANCHOR);
  }
  MlirPassManager scratch =
      mlirPassManagerCreateOnOperation(wspContextGetMlirContext(context), str(anchor));
  BuildState state = {context, NULL, 1, 0};
  bool ok = addText(&state, mlirPassManagerGetAsOpPassManager(scratch), anchor, pipeline, 1);
  mlirPassManagerDestroy(scratch);
  if (ok) {
    BuildState real = {context, NULL, 1, 0};
    ok = addText(&real, opm, anchor, pipeline, 1);
  }
  free(anchor);
  return ok;
}

MlirPass wspCreatePassFromElement(WspContext context, const char *name, const char *options,
                                  bool *isPipeline) {
  MlirPass null = {NULL};
  *isPipeline = false;
  WspStringBuffer text;
  wspStringBufferInit(&text);
  wspStringBufferAppendStr(&text, name);
  if (options && *options)
    wspStringBufferAppendf(&text, "{%s}", options);
  BuildState state = {context, NULL, 1, 0};
  WspPipeline pipeline;
  char message[512];
  size_t column = 0;
  MlirPass pass = null;
  size_t index = 0;
  if (!wspPipelineParse(text.data, text.length, &pipeline, message, sizeof message, &column)) {
    pipelineError(&state, column, "malformed pass '%s': %s", text.data, message);
  } else {
    const WspPipelineElement *e = pipeline.numElements == 1 ? &pipeline.elements[0] : NULL;
    if (!e || e->isNested) {
      pipelineError(&state, 1, "'%s' is not one pass name with options", text.data);
    } else if (!wspLookupPass(e->name, &index)) {
      pipelineError(&state, e->column,
                    "'%s' is not a wsp pass or pipeline (wsp-opt --list-passes lists them; "
                    "create upstream passes with MLIR's own mlirCreate* functions)",
                    e->name);
    } else {
      const WspPassInfo *info = wspGetPassInfo(index);
      char **values = wspCalloc(info->numOptions, sizeof(char *));
      if (resolveOptions(&state, info, e, values)) {
        if (info->pipeline)
          *isPipeline = true; /* the caller wraps the expansion */
        else
          pass = createExternalPass(context, index, values);
      }
      for (size_t i = 0; i < info->numOptions; ++i)
        free(values[i]);
      free(values);
    }
    wspPipelineDestroy(&pipeline);
  }
  wspStringBufferFree(&text);
  return pass;
}

MlirPassManager wspPassManagerGetMlirPassManager(WspPassManager passManager) {
  return unwrap(passManager)->pm;
}
