/*
 * PipelineParser.h - parser for MLIR's textual pass-pipeline syntax.
 *
 * Parses text such as
 *
 *   builtin.module(wsp-verify,func.func(canonicalize{max-iterations=3},cse))
 *
 * or a bare list such as `canonicalize,cse` into a tree, so that wsp can
 * validate a pipeline and point at the exact column of a mistake before
 * handing anything to MLIR.
 *
 * Grammar (as in MLIR's PassManagement documentation):
 *
 *   pipeline := (element (',' element)*)?
 *   element  := name ('{' options '}')?      -- a pass
 *             | name '(' pipeline ')'         -- an op-anchored nested pipeline
 *   name     := [A-Za-z0-9_.-]+
 *   options  := whitespace-separated `key=value` or bare `key`
 *
 * Whitespace is allowed around names and punctuation. An option value may be
 * quoted with "..." or '...' (the quotes are stripped when they enclose the
 * whole value) and may contain commas and balanced {...} / [...] groups, which
 * are kept verbatim.
 *
 * This module has no MLIR dependency and no global state.
 */
#ifndef WSP_SUPPORT_PIPELINEPARSER_H
#define WSP_SUPPORT_PIPELINEPARSER_H

#include <stdbool.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* One `key=value` (or bare `key`) entry of a pass's `{...}` options. */
typedef struct WspPipelineOption {
  char *key;   /* never NULL */
  char *value; /* NULL for a bare `key` (a flag, meaning true); may be "" */
} WspPipelineOption;

/* A pass (`name{options}`) or an op-anchored pipeline (`name(...)`). */
typedef struct WspPipelineElement {
  char *name;
  size_t column; /* 1-based column of `name` in the parsed text */
  bool isNested; /* true for `name(...)`, including `name()` */
  /* Raw text between `{` and `}`, exactly as written (NULL when the pass had
   * no braces), for handing to MLIR verbatim. */
  char *optionsText;
  WspPipelineOption *options; /* parsed form of optionsText */
  size_t numOptions;
  struct WspPipelineElement *children; /* elements of `name(...)` */
  size_t numChildren;
} WspPipelineElement;

typedef struct WspPipeline {
  WspPipelineElement *elements;
  size_t numElements;
} WspPipeline;

/*
 * Parses `length` bytes of `text` (which need not be NUL-terminated).
 *
 * Columns are byte offsets from the start of `text`, plus one.
 *
 * On success returns true and fills `*out`; every string and array in it is
 * heap-allocated and owned by `*out` until wspPipelineDestroy(out).
 * An empty or all-whitespace text is a valid, empty pipeline.
 *
 * On failure returns false, leaves `*out` empty (nothing to free), stores the
 * 1-based column of the problem in `*errorColumn` and a NUL-terminated message
 * such as "expected ')' to close 'func.func(' opened at column 15" into
 * `errorBuf` (truncated to errorBufSize). `errorBuf` may be NULL when
 * errorBufSize is 0, and `errorColumn` may be NULL.
 */
bool wspPipelineParse(const char *text, size_t length, WspPipeline *out,
                      char *errorBuf, size_t errorBufSize,
                      size_t *errorColumn);

/* Frees everything owned by `p` and resets it to empty. Safe on an empty or
 * zero-initialised pipeline. Does not free `p` itself. */
void wspPipelineDestroy(WspPipeline *p);

/*
 * Prints `p` back as canonical text: no whitespace between elements, options
 * as space-separated `key=value` / `key`, no braces for a pass without
 * options, and `name()` for an empty nested pipeline. Values that would not
 * re-parse to themselves (e.g. containing spaces) are re-quoted, so a parsed
 * pipeline round-trips. Returns a malloc'd string the caller must free(), or
 * NULL if memory ran out.
 */
char *wspPipelineToString(const WspPipeline *p);

#ifdef __cplusplus
}
#endif

#endif /* WSP_SUPPORT_PIPELINEPARSER_H */
