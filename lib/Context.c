/* WspContext: an MLIR context with the dialects wsp uses, and diagnostic capture. */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "ContextImpl.h"
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
#include "wsp-c/Context.h"
#include "wsp-c/Diagnostics.h"
#include "wsp-c/Pass.h"

extern const char wspDialectIrdl[];
extern const char taskringDialectIrdl[];

#ifndef WSP_VERSION
#define WSP_VERSION "0.0.0"
#endif
#ifndef WSP_GIT_COMMIT
#define WSP_GIT_COMMIT "unknown"
#endif

const char *wspGetWspDialectIrdl(void) { return wspDialectIrdl; }
const char *wspGetTaskRingDialectIrdl(void) { return taskringDialectIrdl; }
const char *wspGetVersionString(void) {
  return "wsp " WSP_VERSION " (" WSP_GIT_COMMIT ")";
}

static MlirStringRef str(const char *s) { return mlirStringRefCreateFromCString(s); }

/*===--- diagnostics ------------------------------------------------------===*/

bool wspLocationGetFileLineCol(MlirLocation location, MlirStringRef *file,
                               unsigned *line, unsigned *column) {
  if (mlirLocationIsAFileLineColRange(location)) {
    *file = mlirIdentifierStr(mlirLocationFileLineColRangeGetFilename(location));
    *line = (unsigned)mlirLocationFileLineColRangeGetStartLine(location);
    *column = (unsigned)mlirLocationFileLineColRangeGetStartColumn(location);
    return true;
  }
  if (mlirLocationIsAName(location))
    return wspLocationGetFileLineCol(mlirLocationNameGetChildLoc(location), file, line, column);
  if (mlirLocationIsACallSite(location)) /* as MLIR: show the callee (innermost) */
    return wspLocationGetFileLineCol(mlirLocationCallSiteGetCallee(location), file, line, column);
  if (mlirLocationIsAFused(location)) {
    intptr_t n = mlirLocationFusedGetNumLocations(location);
    if (n <= 0)
      return false;
    MlirLocation *parts = wspMalloc(sizeof(MlirLocation) * (size_t)n);
    mlirLocationFusedGetLocations(location, parts);
    bool found = false;
    for (intptr_t i = 0; i < n && !found; ++i)
      found = wspLocationGetFileLineCol(parts[i], file, line, column);
    free(parts);
    return found;
  }
  return false;
}

static const char *severityName(WspDiagnosticSeverity severity) {
  switch (severity) {
  case WSP_DIAGNOSTIC_ERROR: return "error";
  case WSP_DIAGNOSTIC_WARNING: return "warning";
  case WSP_DIAGNOSTIC_NOTE: return "note";
  case WSP_DIAGNOSTIC_REMARK: return "remark";
  }
  return "error";
}

void wspDiagnosticPrint(WspDiagnostic d, FILE *stream) {
  if (d.line)
    fprintf(stream, "%s:%u:%u: %s: %s\n", d.file, d.line, d.column,
            severityName(d.severity), d.message);
  else if (d.file[0])
    fprintf(stream, "%s: %s: %s\n", d.file, severityName(d.severity), d.message);
  else
    fprintf(stream, "<unknown>:0: %s: %s\n", severityName(d.severity), d.message);
}

static WspDiagnostic toPublic(const WspStoredDiagnostic *s) {
  WspDiagnostic d = {s->severity, s->message, s->file, s->line, s->column};
  return d;
}

void wspContextRecord(WspContextImpl *impl, WspDiagnosticSeverity severity,
                      MlirLocation location, const char *message) {
  /* MLIR's verifier attaches the whole failing op as a note; it buries the
     message under IR (mlir-opt hides it when verifying diagnostics), so it
     is dropped here. */
  if (severity == WSP_DIAGNOSTIC_NOTE && strncmp(message, "see current operation:", 22) == 0)
    return;
  if (impl->numDiagnostics == impl->capacityDiagnostics) {
    impl->capacityDiagnostics = impl->capacityDiagnostics ? impl->capacityDiagnostics * 2 : 16;
    impl->diagnostics = wspRealloc(impl->diagnostics,
                                   impl->capacityDiagnostics * sizeof(WspStoredDiagnostic));
  }
  WspStoredDiagnostic *d = &impl->diagnostics[impl->numDiagnostics++];
  MlirStringRef file = {"", 0};
  unsigned line = 0, column = 0;
  wspLocationGetFileLineCol(location, &file, &line, &column);
  d->severity = severity;
  d->message = wspStrdup(message);
  d->file = wspStrndup(file.data, file.length);
  d->line = line;
  d->column = column;
  if (severity == WSP_DIAGNOSTIC_ERROR)
    impl->numErrors++;
  if (impl->stream)
    wspDiagnosticPrint(toPublic(d), impl->stream);
}

static WspDiagnosticSeverity fromMlirSeverity(MlirDiagnosticSeverity s) {
  switch (s) {
  case MlirDiagnosticError: return WSP_DIAGNOSTIC_ERROR;
  case MlirDiagnosticWarning: return WSP_DIAGNOSTIC_WARNING;
  case MlirDiagnosticNote: return WSP_DIAGNOSTIC_NOTE;
  case MlirDiagnosticRemark: return WSP_DIAGNOSTIC_REMARK;
  }
  return WSP_DIAGNOSTIC_ERROR;
}

void wspContextRecordMlirDiagnostic(WspContextImpl *impl, MlirDiagnostic diagnostic) {
  WspStringBuffer text;
  wspStringBufferInit(&text);
  mlirDiagnosticPrint(diagnostic, wspStringBufferCallback, &text);
  char *message = wspStringBufferTake(&text);
  wspContextRecord(impl, fromMlirSeverity(mlirDiagnosticGetSeverity(diagnostic)),
                   mlirDiagnosticGetLocation(diagnostic), message);
  free(message);
  intptr_t numNotes = mlirDiagnosticGetNumNotes(diagnostic);
  for (intptr_t i = 0; i < numNotes; ++i)
    wspContextRecordMlirDiagnostic(impl, mlirDiagnosticGetNote(diagnostic, i));
}

static MlirLogicalResult onDiagnostic(MlirDiagnostic diagnostic, void *userData) {
  wspContextRecordMlirDiagnostic((WspContextImpl *)userData, diagnostic);
  return mlirLogicalResultSuccess(); /* handled: nothing reaches stderr behind our back */
}

size_t wspContextGetNumDiagnostics(WspContext context) {
  return wspUnwrapContext(context)->numDiagnostics;
}

WspDiagnostic wspContextGetDiagnostic(WspContext context, size_t index) {
  WspContextImpl *impl = wspUnwrapContext(context);
  if (index >= impl->numDiagnostics) {
    WspDiagnostic none = {WSP_DIAGNOSTIC_ERROR, "", "", 0, 0};
    return none;
  }
  return toPublic(&impl->diagnostics[index]);
}

size_t wspContextGetNumErrors(WspContext context) { return wspUnwrapContext(context)->numErrors; }

void wspContextClearDiagnostics(WspContext context) {
  WspContextImpl *impl = wspUnwrapContext(context);
  for (size_t i = 0; i < impl->numDiagnostics; ++i) {
    free(impl->diagnostics[i].message);
    free(impl->diagnostics[i].file);
  }
  impl->numDiagnostics = 0;
  impl->numErrors = 0;
}

void wspContextSetDiagnosticStream(WspContext context, FILE *stream) {
  wspUnwrapContext(context)->stream = stream;
}

void wspEmitError(WspContext context, MlirLocation location, const char *message) {
  (void)context;
  mlirEmitError(location, message);
}

void wspEmitWarning(WspContext context, MlirLocation location, const char *message) {
  wspContextRecord(wspUnwrapContext(context), WSP_DIAGNOSTIC_WARNING, location, message);
}

void wspEmitNote(WspContext context, MlirLocation location, const char *message) {
  wspContextRecord(wspUnwrapContext(context), WSP_DIAGNOSTIC_NOTE, location, message);
}

void wspEmitErrorv(WspContext context, MlirLocation location, const char *format, va_list args) {
  WspStringBuffer text;
  wspStringBufferInit(&text);
  wspStringBufferAppendv(&text, format, args);
  wspEmitError(context, location, text.data ? text.data : "");
  wspStringBufferFree(&text);
}

#define WSP_DEFINE_EMITF(fn, target)                                                   \
  void fn(WspContext context, MlirLocation location, const char *format, ...) {        \
    WspStringBuffer text;                                                              \
    wspStringBufferInit(&text);                                                        \
    va_list args;                                                                      \
    va_start(args, format);                                                            \
    wspStringBufferAppendv(&text, format, args);                                       \
    va_end(args);                                                                      \
    target(context, location, text.data ? text.data : "");                             \
    wspStringBufferFree(&text);                                                        \
  }
WSP_DEFINE_EMITF(wspEmitErrorf, wspEmitError)
WSP_DEFINE_EMITF(wspEmitWarningf, wspEmitWarning)
WSP_DEFINE_EMITF(wspEmitNotef, wspEmitNote)

/*===--- context ----------------------------------------------------------===*/

static void registerUpstreamDialects(MlirContext ctx) {
  MlirDialectRegistry registry = mlirDialectRegistryCreate();
  MlirDialectHandle handles[] = {
      mlirGetDialectHandle__func__(),  mlirGetDialectHandle__scf__(),
      mlirGetDialectHandle__arith__(), mlirGetDialectHandle__index__(),
      mlirGetDialectHandle__memref__(), mlirGetDialectHandle__math__(),
      mlirGetDialectHandle__ub__(),    mlirGetDialectHandle__irdl__(),
      mlirGetDialectHandle__cf__(), /* what convert-scf-to-cf produces */
  };
  for (size_t i = 0; i < sizeof(handles) / sizeof(handles[0]); ++i)
    mlirDialectHandleInsertDialect(handles[i], registry);
  mlirContextAppendDialectRegistry(ctx, registry);
  mlirDialectRegistryDestroy(registry);
  /* Only irdl is loaded now (the embedded definitions need it); the parser
     loads the others as the input uses them, and every wsp pass declares
     them as dependent dialects, which MLIR's pass manager loads before it
     runs (lib/PassManager.c). Loading all eight up front cost about as much
     as a small program's whole pipeline. */
  mlirContextGetOrLoadDialect(ctx, str("irdl"));
}

/* Loads the embedded `wsp` and `taskring` IRDL definitions as one module. */
bool wspContextLoadWspDialects(WspContextImpl *impl) {
  WspStringBuffer text;
  wspStringBufferInit(&text);
  wspStringBufferAppendStr(&text, "module {\n");
  wspStringBufferAppendStr(&text, wspDialectIrdl);
  wspStringBufferAppendStr(&text, "\n");
  wspStringBufferAppendStr(&text, taskringDialectIrdl);
  wspStringBufferAppendStr(&text, "\n}\n");
  MlirOperation op = mlirOperationCreateParse(
      impl->mlir, mlirStringRefCreate(text.data, text.length), str("<wsp-dialects>"));
  wspStringBufferFree(&text);
  if (mlirOperationIsNull(op))
    return false;
  impl->dialectDefinitions = mlirModuleFromOperation(op);
  return mlirLogicalResultIsSuccess(mlirLoadIRDLDialects(impl->dialectDefinitions));
}

WspContext wspContextCreate(void) {
  WspContextImpl *impl = wspCalloc(1, sizeof(WspContextImpl));
  impl->mlir = mlirContextCreateWithThreading(false);
  impl->handler = mlirContextAttachDiagnosticHandler(impl->mlir, onDiagnostic, impl, NULL);
  impl->typeIdAllocator = mlirTypeIDAllocatorCreate();
  registerUpstreamDialects(impl->mlir);
  WspContext context = {impl};
  if (!wspContextLoadWspDialects(impl)) {
    for (size_t i = 0; i < impl->numDiagnostics; ++i)
      wspDiagnosticPrint(toPublic(&impl->diagnostics[i]), stderr);
    wspContextDestroy(context);
    WspContext null = {NULL};
    return null;
  }
  return context;
}

void wspContextDestroy(WspContext context) {
  WspContextImpl *impl = wspUnwrapContext(context);
  if (!impl)
    return;
  if (!mlirModuleIsNull(impl->dialectDefinitions))
    mlirModuleDestroy(impl->dialectDefinitions);
  mlirContextDetachDiagnosticHandler(impl->mlir, impl->handler);
  if (impl->embedding && impl->destroyEmbedding)
    impl->destroyEmbedding(impl);
  if (!impl->borrowed)
    mlirContextDestroy(impl->mlir);
  mlirTypeIDAllocatorDestroy(impl->typeIdAllocator);
  wspContextClearDiagnostics(context);
  free(impl->diagnostics);
  free(impl->passTypeIds);
  free(impl->passTypeIdValid);
  free(impl);
}

MlirContext wspContextGetMlirContext(WspContext context) {
  return wspUnwrapContext(context)->mlir;
}

/*===--- parsing and printing ---------------------------------------------===*/

/* Drops diagnostics recorded after `mark` (a parse that is retried, an
   analysis tried speculatively). */
void wspContextTruncateDiagnostics(WspContextImpl *impl, size_t mark) {
  while (impl->numDiagnostics > mark) {
    WspStoredDiagnostic *d = &impl->diagnostics[--impl->numDiagnostics];
    if (d->severity == WSP_DIAGNOSTIC_ERROR)
      impl->numErrors--;
    free(d->message);
    free(d->file);
  }
}

WspSpeculation wspContextBeginSpeculation(WspContextImpl *impl) {
  WspSpeculation speculation = {impl->numDiagnostics, impl->stream};
  impl->stream = NULL;
  return speculation;
}

void wspContextEndSpeculation(WspContextImpl *impl, WspSpeculation speculation, bool keep) {
  impl->stream = speculation.stream;
  if (!keep) {
    wspContextTruncateDiagnostics(impl, speculation.mark);
    return;
  }
  if (impl->stream)
    for (size_t i = speculation.mark; i < impl->numDiagnostics; ++i)
      wspDiagnosticPrint(toPublic(&impl->diagnostics[i]), impl->stream);
}

static bool lastErrorIsMultipleTopLevelOps(WspContextImpl *impl, size_t mark) {
  for (size_t i = mark; i < impl->numDiagnostics; ++i)
    if (strstr(impl->diagnostics[i].message, "source must contain a single top-level operation"))
      return true;
  return false;
}

static MlirModule wrapInModule(MlirOperation op) {
  if (mlirStringRefEqual(mlirIdentifierStr(mlirOperationGetName(op)), str("builtin.module")))
    return mlirModuleFromOperation(op);
  MlirModule module = mlirModuleCreateEmpty(mlirOperationGetLocation(op));
  mlirBlockAppendOwnedOperation(mlirModuleGetBody(module), op);
  return module;
}

/* MLIR's parser is recursive descent: each nested region, attribute, type or
   location costs stack frames, and an 8 MB stack overflows (SIGSEGV) at about
   2800 nested scf.for, 2200 nested generic-form regions (4400 brackets) or
   5000-20000 nested attribute brackets (docs/reliability.md, B7). Every later
   stage handles 2500 nested loops. No real program nests anywhere near this,
   so deeper text is refused before MLIR sees it. */
#define WSP_MAX_NESTING 2048

static bool isIdentChar(char c) {
  return isalnum((unsigned char)c) || c == '_' || c == '$' || c == '.';
}

/* The offset after what MLIR's lexer skips at `i`: whitespace, NUL bytes
   (it treats one inside the text as whitespace; a NUL between `array` and
   `<index` hid the array from this scan once) and `//` comments. */
static size_t skipSpace(const char *s, size_t length, size_t i) {
  while (i < length) {
    if (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || s[i] == '\0') {
      ++i;
    } else if (s[i] == '/' && i + 1 < length && s[i + 1] == '/') {
      const char *end = memchr(s + i, '\n', length - i);
      i = end ? (size_t)(end - s) : length;
    } else {
      break;
    }
  }
  return i;
}

static bool isIndexType(const char *s, size_t length, size_t j, int *lookups);

/* Whether the type alias `!name` at `j` (its `!`) is defined, anywhere in
   the text, as a type isIndexType accepts. Each lookup reads the whole
   text, so `lookups` bounds them for the whole text (64: aliases of
   aliases, or a hostile text with many aliased arrays); past it an alias is
   not followed (docs/reliability.md, B11). */
static bool isIndexAlias(const char *s, size_t length, size_t j, int *lookups) {
  size_t n = 1;
  while (j + n < length && isIdentChar(s[j + n]))
    ++n;
  if (n == 1 || --*lookups < 0)
    return false;
  for (size_t k = 0; k + n <= length; ++k) {
    const char *hit = memchr(s + k, '!', length - k);
    if (!hit)
      break;
    k = (size_t)(hit - s);
    if (k == j || k + n > length || memcmp(s + k, s + j, n) != 0 ||
        (k + n < length && isIdentChar(s[k + n])))
      continue;
    size_t e = skipSpace(s, length, k + n);
    if (e < length && s[e] == '=' && (e + 1 == length || s[e + 1] != '=') &&
        isIndexType(s, length, skipSpace(s, length, e + 1), lookups))
      return true;
  }
  return false;
}

/* Whether the type at `j` is `index`, or an alias of it. */
static bool isIndexType(const char *s, size_t length, size_t j, int *lookups) {
  if (j < length && s[j] == '!')
    return isIndexAlias(s, length, j, lookups);
  return length - j >= 5 && memcmp(s + j, "index", 5) == 0 &&
         (j + 5 == length || !isIdentChar(s[j + 5]));
}

/* Whether the keyword `array` at `i` opens a dense array of `index`
   elements (`array<index>`, `array<index: 1, 2>`, or through a type alias
   `!t = index`): MLIR 22's parser accepts the type, then asks it for a
   float width and crashes on a null pointer
   (mlir::detail::Parser::parseDenseArrayAttr; found by wsp-fuzz). */
static bool isIndexDenseArray(const char *s, size_t length, size_t i, int *lookups) {
  if (length - i < 5 || s[i + 1] != 'r' || s[i + 2] != 'r' || s[i + 3] != 'a' ||
      s[i + 4] != 'y' || (i > 0 && (isIdentChar(s[i - 1]) || memchr("#!%@^", s[i - 1], 5))))
    return false;
  size_t j = skipSpace(s, length, i + 5);
  if (j >= length || s[j] != '<')
    return false;
  return isIndexType(s, length, skipSpace(s, length, j + 1), lookups);
}

typedef enum SourceProblem { SOURCE_OK, SOURCE_NESTING, SOURCE_INDEX_ARRAY } SourceProblem;

/* The offset of what MLIR's parser would crash on, or `length`: the bracket
   that opens nesting level WSP_MAX_NESTING + 1, or a dense array of index
   elements. String literals and `//` comments are skipped and `->` closes
   nothing; an unbalanced input only makes the nesting count approximate.
   One switch per byte: a chain of comparisons cost the fuzzer (which traces
   every comparison) a tenth of its time on this scan. */
static size_t findUnparsable(const char *s, size_t length, SourceProblem *problem) {
  size_t depth = 0;
  int lookups = 64;
  for (size_t i = 0; i < length; ++i) {
    switch (s[i]) {
    case '"':
      for (++i; i < length && s[i] != '"'; ++i)
        if (s[i] == '\\')
          ++i;
      break;
    case '/':
      if (i + 1 < length && s[i + 1] == '/') {
        const char *end = memchr(s + i, '\n', length - i);
        i = end ? (size_t)(end - s) : length;
      }
      break;
    case 'a':
      if (isIndexDenseArray(s, length, i, &lookups)) {
        *problem = SOURCE_INDEX_ARRAY;
        return i;
      }
      break;
    case '{':
    case '[':
    case '(':
    case '<':
      if (++depth > WSP_MAX_NESTING) {
        *problem = SOURCE_NESTING;
        return i;
      }
      break;
    case '>':
      if (i > 0 && s[i - 1] == '-')
        break; /* `->` */
      /* fall through */
    case '}':
    case ']':
    case ')':
      if (depth > 0)
        --depth;
      break;
    default:
      break;
    }
  }
  *problem = SOURCE_OK;
  return length;
}

static bool checkParsable(WspContext context, const char *source, size_t length,
                          const char *sourceName) {
  SourceProblem problem;
  size_t at = findUnparsable(source, length, &problem);
  if (problem == SOURCE_OK)
    return true;
  unsigned line = 1, column = 1;
  for (size_t i = 0; i < at; ++i, ++column)
    if (source[i] == '\n') {
      ++line;
      column = 0;
    }
  MlirLocation loc =
      mlirLocationFileLineColGet(wspUnwrapContext(context)->mlir, str(sourceName), line, column);
  if (problem == SOURCE_NESTING)
    wspEmitErrorf(context, loc,
                  "nesting deeper than %d levels (regions, attributes, types): the MLIR parser "
                  "would run out of stack; flatten the program",
                  WSP_MAX_NESTING);
  else
    wspEmitErrorf(context, loc,
                  "a dense array of 'index' elements (array<index ...>): the MLIR 22 parser "
                  "crashes on it; use a fixed-width element type, e.g. array<i64: ...>");
  return false;
}


static bool hasPrefix(const char *s, size_t length, const char *prefix) {
  size_t n = strlen(prefix);
  return length >= n && memcmp(s, prefix, n) == 0;
}

/* Whether text whose first token is at `s` must be parsed as it is first:
   an explicit module (`module`, generic `"builtin.module"`), or alias
   definitions (`#a = ...`, `!t = ...`), which MLIR accepts only at the top
   level, never inside the implicit module's body. */
static bool parseUnwrappedFirst(const char *s, size_t length) {
  if (hasPrefix(s, length, "\"builtin.module\"") || hasPrefix(s, length, "#") ||
      hasPrefix(s, length, "!"))
    return true;
  if (!hasPrefix(s, length, "module"))
    return false;
  char next = length > 6 ? s[6] : '\0';
  return !(isalnum((unsigned char)next) || next == '_' || next == '.' || next == '$');
}

/* `text` wrapped in an implicit module, as mlir-opt does. Prefixing line 1
   keeps every other line and column exact. */
static MlirOperation parseWrapped(WspContextImpl *impl, const char *text, size_t length,
                                  const char *sourceName) {
  WspStringBuffer wrapped;
  wspStringBufferInit(&wrapped);
  wspStringBufferAppendStr(&wrapped, "module{");
  wspStringBufferAppend(&wrapped, text, length);
  wspStringBufferAppendStr(&wrapped, "\n}");
  MlirOperation op = mlirOperationCreateParse(
      impl->mlir, mlirStringRefCreate(wrapped.data, wrapped.length), str(sourceName));
  wspStringBufferFree(&wrapped);
  return op;
}

/* The way text was always parsed: as one operation, and when MLIR says there
   are several top-level ops, again wrapped in an implicit module. */
static MlirOperation parseAsOneThenWrapped(WspContextImpl *impl, const char *text,
                                           size_t length, const char *sourceName,
                                           size_t mark) {
  MlirOperation op =
      mlirOperationCreateParse(impl->mlir, mlirStringRefCreate(text, length), str(sourceName));
  if (mlirOperationIsNull(op) && lastErrorIsMultipleTopLevelOps(impl, mark)) {
    wspContextTruncateDiagnostics(impl, mark);
    op = parseWrapped(impl, text, length, sourceName);
  }
  return op;
}

/* A wsp program is several top-level ops (kernels, the workload), and MLIR
   parses the whole text before it finds out that it is not one op: parsing
   as one op first, then wrapped, read every program twice (20-25 % of
   wsp-opt at 10^5 tasks, docs/performance.md P1). So text that does not
   start with a module or an alias is parsed wrapped right away. The result
   and the diagnostics are those of the old two-step parse:
   - several ops: the two-step parse also ended with this wrapped parse;
   - one op on a line after the first: the same op, put in a module at its
     location (as wrapInModule does);
   - one op on line 1, whose columns the prefix shifts, or a failed parse
     (whose errors could differ at the end of the text or in module-level
     checks): the text is parsed the old way, diagnostics discarded. These
     are the rare and the failing inputs; a valid program is parsed once. */
static MlirOperation parseOnce(WspContextImpl *impl, const char *text, size_t length,
                               const char *sourceName, size_t mark) {
  size_t first = skipSpace(text, length, 0); /* the first token */
  if (parseUnwrappedFirst(text + first, length - first))
    return parseAsOneThenWrapped(impl, text, length, sourceName, mark);
  MlirOperation op = parseWrapped(impl, text, length, sourceName);
  if (!mlirOperationIsNull(op)) {
    MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(op, 0));
    MlirOperation only = mlirBlockGetFirstOperation(body);
    if (mlirOperationIsNull(only) || !mlirOperationIsNull(mlirOperationGetNextInBlock(only)))
      return op; /* none or several: the implicit module */
    if (memchr(text, '\n', first)) {
      mlirOperationRemoveFromParent(only);
      mlirOperationDestroy(op);
      return only;
    }
    mlirOperationDestroy(op);
  }
  wspContextTruncateDiagnostics(impl, mark);
  return parseAsOneThenWrapped(impl, text, length, sourceName, mark);
}

MlirModule wspParseSourceString(WspContext context, const char *source, size_t length,
                                const char *sourceName) {
  WspContextImpl *impl = wspUnwrapContext(context);
  if (length > WSP_MAX_SOURCE_BYTES) {
    wspEmitErrorf(context, mlirLocationFileLineColGet(impl->mlir, str(sourceName), 0, 0),
                  "input '%s' has %zu bytes, more than wsp's limit of %zu bytes (%d MiB) for "
                  "a source; split the program into smaller modules",
                  sourceName, length, WSP_MAX_SOURCE_BYTES, WSP_MAX_SOURCE_MIB);
    MlirModule null = {NULL};
    return null;
  }
  if (!checkParsable(context, source, length, sourceName)) {
    MlirModule null = {NULL};
    return null;
  }
  /* A first attempt's errors may be discarded by a retry: hold echoing
     until the outcome is known. */
  WspSpeculation speculation = wspContextBeginSpeculation(impl);
  size_t mark = speculation.mark;
  /* MLIR's lexer finds the end of the text by the NUL after it and does not
     copy, so an embedder's unterminated buffer is parsed from a copy. */
  char *terminated = wspStrndup(source, length);
  MlirOperation op = parseOnce(impl, terminated, length, sourceName, mark);
  free(terminated);
  wspContextEndSpeculation(impl, speculation, true);
  if (mlirOperationIsNull(op)) {
    if (impl->numErrors == 0 || impl->numDiagnostics == mark)
      wspEmitErrorf(context, mlirLocationFileLineColGet(impl->mlir, str(sourceName), 1, 1),
                    "failed to parse '%s'", sourceName);
    MlirModule null = {NULL};
    return null;
  }
  return wrapInModule(op);
}

/* Reads at most WSP_MAX_SOURCE_BYTES + 1 bytes (so that a larger or endless
   input, /dev/zero, stops right away). */
static bool readAll(FILE *file, WspStringBuffer *out) {
  char chunk[65536];
  size_t n;
  while (out->length <= WSP_MAX_SOURCE_BYTES && (n = fread(chunk, 1, sizeof chunk, file)) > 0)
    wspStringBufferAppend(out, chunk, n);
  return !ferror(file);
}

MlirModule wspParseSourceFile(WspContext context, const char *path) {
  WspContextImpl *impl = wspUnwrapContext(context);
  bool isStdin = strcmp(path, "-") == 0;
  FILE *file = isStdin ? stdin : fopen(path, "rb");
  WspStringBuffer text;
  wspStringBufferInit(&text);
  if (!file || !readAll(file, &text)) {
    wspEmitErrorf(context, mlirLocationFileLineColGet(impl->mlir, str(path), 0, 0),
                  "cannot read input file '%s': %s", path, strerror(errno));
    if (file && !isStdin)
      fclose(file);
    wspStringBufferFree(&text);
    MlirModule null = {NULL};
    return null;
  }
  if (!isStdin)
    fclose(file);
  if (text.length > WSP_MAX_SOURCE_BYTES) {
    wspEmitErrorf(context, mlirLocationFileLineColGet(impl->mlir, str(path), 0, 0),
                  "input file '%s' is larger than wsp's limit of %zu bytes (%d MiB) for a "
                  "source; split the program into smaller modules",
                  path, WSP_MAX_SOURCE_BYTES, WSP_MAX_SOURCE_MIB);
    wspStringBufferFree(&text);
    MlirModule null = {NULL};
    return null;
  }
  MlirModule module = wspParseSourceString(context, text.data ? text.data : "", text.length,
                                           isStdin ? "<stdin>" : path);
  wspStringBufferFree(&text);
  return module;
}

bool wspVerify(WspContext context, MlirOperation op) {
  (void)context;
  return mlirOperationVerify(op);
}

char *wspOperationPrintToString(MlirOperation op, bool generic, bool debugInfo) {
  MlirOpPrintingFlags flags = mlirOpPrintingFlagsCreate();
  if (generic)
    mlirOpPrintingFlagsPrintGenericOpForm(flags);
  if (debugInfo)
    mlirOpPrintingFlagsEnableDebugInfo(flags, true, false);
  WspStringBuffer text;
  wspStringBufferInit(&text);
  mlirOperationPrintWithFlags(op, flags, wspStringBufferCallback, &text);
  mlirOpPrintingFlagsDestroy(flags);
  return wspStringBufferTake(&text);
}

void wspStringDestroy(char *string) { free(string); }
