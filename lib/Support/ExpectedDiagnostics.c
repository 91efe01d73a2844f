/*
 * ExpectedDiagnostics.c - `expected-*` directive scanning and matching.
 * See ExpectedDiagnostics.h for the syntax and semantics implemented.
 */
#include "ExpectedDiagnostics.h"
#include "TryBuffer.h"

#include <limits.h>
#include <regex.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Lets GCC/Clang check the printf-style arguments of reporting helpers. */
#if defined(__GNUC__)
#define WSP_PRINTF_LIKE(formatIndex, firstArg)                                 \
  __attribute__((format(printf, formatIndex, firstArg)))
#else
#define WSP_PRINTF_LIKE(formatIndex, firstArg)
#endif

/* Indexed by WspSeverity; the spelling used in directives and reports. */
static const char *const severityNames[] = {"error", "warning", "note",
                                            "remark"};

static const char directivePrefix[] = "expected-";
enum { DIRECTIVE_PREFIX_LENGTH = sizeof directivePrefix - 1 };

/* Longest piece of user text quoted back inside an explanation. */
enum { QUOTE_MAX = 40 };

typedef struct Expectation {
  WspSeverity severity;
  unsigned line;   /* buffer line of the directive (1-based) */
  unsigned column; /* 1-based column of "expected-" */
  /* Buffer line the diagnostic must be on; unused for @unknown. */
  unsigned targetLine;
  bool unknownLocation;  /* @unknown */
  bool awaitingNextLine; /* @below whose line has not been seen yet */
  char *message;         /* text between {{ and }}; owned */
  bool hasRegex;         /* `regex` is compiled and must be regfree'd */
  regex_t regex;
  char *malformed; /* owned explanation; NULL if the directive is valid */
  bool matched;
} Expectation;

struct WspExpectedDiagnostics {
  unsigned lineOffset;
  Expectation *items; /* in file order */
  size_t count;
  size_t capacity;
};

/* A view of part of the caller's buffer (not NUL-terminated). */
typedef struct Slice {
  const char *data;
  size_t length;
} Slice;

/*===----------------------------------------------------------------------===*
 * Small helpers
 *===----------------------------------------------------------------------===*/

static bool isBlank(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* Characters that continue a word, so `expected-errors` is no directive. */
static bool isWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '_' || c == '-';
}

static bool isDigit(char c) { return c >= '0' && c <= '9'; }

static bool startsWith(Slice s, size_t pos, const char *prefix) {
  size_t length = strlen(prefix);
  return pos <= s.length && s.length - pos >= length &&
         memcmp(s.data + pos, prefix, length) == 0;
}

static bool sliceEquals(Slice s, const char *text) {
  return s.length == strlen(text) && memcmp(s.data, text, s.length) == 0;
}

static Slice trimRight(Slice s) {
  while (s.length > 0 && isBlank(s.data[s.length - 1]))
    --s.length;
  return s;
}

static size_t skipBlanks(Slice s, size_t pos) {
  while (pos < s.length && isBlank(s.data[pos]))
    ++pos;
  return pos;
}

/* Offset of the first `needle` at or after `from`, or SIZE_MAX. */
static size_t findFirst(Slice s, size_t from, const char *needle) {
  size_t length = strlen(needle);
  for (size_t i = from; i + length <= s.length; ++i)
    if (memcmp(s.data + i, needle, length) == 0)
      return i;
  return SIZE_MAX;
}

/* Offset of the last `needle` starting at or after `from`, or SIZE_MAX. */
static size_t findLast(Slice s, size_t from, const char *needle) {
  size_t length = strlen(needle);
  for (size_t i = s.length; i >= from + length; --i)
    if (memcmp(s.data + i - length, needle, length) == 0)
      return i - length;
  return SIZE_MAX;
}

static char *duplicateRange(const char *start, size_t length) {
  char *copy = malloc(length + 1);
  if (copy) {
    memcpy(copy, start, length);
    copy[length] = '\0';
  }
  return copy;
}

static char *formatString(const char *format, va_list args) {
  va_list measure;
  va_copy(measure, args);
  int length = vsnprintf(NULL, 0, format, measure);
  va_end(measure);
  if (length < 0)
    return NULL;
  char *text = malloc((size_t)length + 1);
  if (text)
    vsnprintf(text, (size_t)length + 1, format, args);
  return text;
}

/*===----------------------------------------------------------------------===*
 * Growable string, used to assemble `-re` patterns
 *===----------------------------------------------------------------------===*/


/* Appends `text` so that it matches itself literally in a POSIX ERE. */
static void appendEscaped(WspTryBuffer *sb, const char *text, size_t length) {
  for (size_t i = 0; i < length; ++i) {
    if (strchr(".[\\()*+?{|^$", text[i]) && text[i] != '\0')
      wspTryBufferAppend(sb, "\\", 1);
    wspTryBufferAppend(sb, &text[i], 1);
  }
}

/*===----------------------------------------------------------------------===*
 * Ownership
 *===----------------------------------------------------------------------===*/

static void destroyExpectation(Expectation *x) {
  free(x->message);
  free(x->malformed);
  if (x->hasRegex)
    regfree(&x->regex);
}

void wspExpectedDiagnosticsDestroy(WspExpectedDiagnostics *e) {
  if (!e)
    return;
  for (size_t i = 0; i < e->count; ++i)
    destroyExpectation(&e->items[i]);
  free(e->items);
  free(e);
}

static bool pushExpectation(WspExpectedDiagnostics *e, const Expectation *x) {
  if (e->count == e->capacity) {
    size_t newCapacity = e->capacity ? e->capacity * 2 : 8;
    Expectation *grown = realloc(e->items, newCapacity * sizeof *grown);
    if (!grown)
      return false;
    e->items = grown;
    e->capacity = newCapacity;
  }
  e->items[e->count++] = *x;
  return true;
}

/*===----------------------------------------------------------------------===*
 * Scanning directives
 *===----------------------------------------------------------------------===*/

typedef struct Scanner {
  WspExpectedDiagnostics *result;
  unsigned lastOrdinaryLine; /* latest non-expectation-only line; 0 = none */
  size_t firstAwaiting;      /* @below candidates are items[firstAwaiting..] */
  bool outOfMemory;
} Scanner;

/* Where a directive's keyword sits on its line. */
typedef struct Directive {
  size_t start; /* offset of "expected-" */
  size_t end;   /* offset just past the severity and optional "-re" */
  WspSeverity severity;
  bool isRegex;
} Directive;

static bool setMalformed(Scanner *s, Expectation *x, const char *format, ...)
    WSP_PRINTF_LIKE(3, 4);

/* Records why `x` is malformed. Always returns false ("not well-formed") so
 * parse steps can `return setMalformed(...)`. */
static bool setMalformed(Scanner *s, Expectation *x, const char *format, ...) {
  va_list args;
  va_start(args, format);
  free(x->malformed);
  x->malformed = formatString(format, args);
  va_end(args);
  if (!x->malformed)
    s->outOfMemory = true;
  return false;
}

/* Recognises `expected-<severity>(-re)?` at `start`, not followed by more
 * word characters. */
static bool matchKeyword(Slice line, size_t start, Directive *d) {
  size_t pos = start + DIRECTIVE_PREFIX_LENGTH;
  size_t severity = 0;
  while (severity < 4 && !startsWith(line, pos, severityNames[severity]))
    ++severity;
  if (severity == 4)
    return false;
  pos += strlen(severityNames[severity]);
  d->isRegex = startsWith(line, pos, "-re") &&
               !(pos + 3 < line.length && isWordChar(line.data[pos + 3]));
  if (d->isRegex)
    pos += 3;
  if (pos < line.length && isWordChar(line.data[pos]))
    return false;
  d->start = start;
  d->end = pos;
  d->severity = (WspSeverity)severity;
  return true;
}

static bool findDirective(Slice line, Directive *d) {
  for (size_t i = 0; i + DIRECTIVE_PREFIX_LENGTH <= line.length; ++i) {
    if (memcmp(line.data + i, directivePrefix, DIRECTIVE_PREFIX_LENGTH) != 0)
      continue;
    if (i > 0 && isWordChar(line.data[i - 1]))
      continue;
    if (matchKeyword(line, i, d))
      return true;
  }
  return false;
}

/* True if only whitespace and comment markers precede the directive, so the
 * line exists just to hold the expectation. */
static bool isExpectationOnly(Slice line, const Directive *d) {
  for (size_t i = 0; i < d->start; ++i) {
    char c = line.data[i];
    if (!isBlank(c) && c != '/' && c != '#' && c != ';')
      return false;
  }
  return true;
}

static bool failDesignator(Scanner *s, Expectation *x, Slice word) {
  return setMalformed(s, x,
                      "invalid location designator '@%.*s'; expected @+N, "
                      "@-N, @above, @below or @unknown",
                      (int)(word.length < QUOTE_MAX ? word.length : QUOTE_MAX),
                      word.data);
}

/* `word` is `+N` or `-N`. */
static bool anchorRelative(Scanner *s, Expectation *x, Slice word) {
  unsigned long offset = 0;
  if (word.length < 2)
    return failDesignator(s, x, word);
  for (size_t i = 1; i < word.length; ++i) {
    if (!isDigit(word.data[i]))
      return failDesignator(s, x, word);
    offset = offset * 10 + (unsigned long)(word.data[i] - '0');
    if (offset > UINT_MAX - x->line)
      return setMalformed(s, x, "line offset in '@%.*s' is too large",
                          (int)word.length, word.data);
  }
  if (word.data[0] == '+') {
    x->targetLine = x->line + (unsigned)offset;
    return true;
  }
  if (offset >= x->line)
    return setMalformed(s, x,
                        "'@%.*s' refers to a line before the start of the "
                        "input",
                        (int)word.length, word.data);
  x->targetLine = x->line - (unsigned)offset;
  return true;
}

/* Parses `@designator` at `*pos`, leaving `*pos` just past it. */
static bool parseDesignator(Scanner *s, Slice line, size_t *pos,
                            Expectation *x) {
  size_t start = *pos + 1;
  size_t end = start;
  while (end < line.length && !isBlank(line.data[end]) && line.data[end] != '{')
    ++end;
  *pos = end;
  Slice word = {line.data + start, end - start};
  if (sliceEquals(word, "unknown")) {
    x->unknownLocation = true;
    return true;
  }
  if (sliceEquals(word, "below")) {
    x->awaitingNextLine = true;
    return true;
  }
  if (sliceEquals(word, "above")) {
    if (s->lastOrdinaryLine == 0)
      return setMalformed(s, x, "'@above' has no earlier line to attach to");
    x->targetLine = s->lastOrdinaryLine;
    return true;
  }
  if (word.length > 0 && (word.data[0] == '+' || word.data[0] == '-'))
    return anchorRelative(s, x, word);
  return failDesignator(s, x, word);
}

/* Extracts the message between `{{` at `pos` and the last `}}` of the line. */
static bool parseMessage(Scanner *s, Slice line, size_t pos, Expectation *x) {
  if (!startsWith(line, pos, "{{"))
    return setMalformed(s, x, "expected '{{' to begin the message of "
                              "'expected-%s'",
                        severityNames[x->severity]);
  size_t open = pos + 2;
  size_t close = findLast(line, open, "}}");
  if (close == SIZE_MAX)
    return setMalformed(s, x, "unterminated message: expected '}}' at the end "
                              "of the line");
  size_t trailing = close + 2;
  if (trailing != line.length)
    return setMalformed(
        s, x, "unexpected '%.*s' after the closing '}}'",
        (int)(line.length - trailing < QUOTE_MAX ? line.length - trailing
                                                 : QUOTE_MAX),
        line.data + trailing);
  x->message = duplicateRange(line.data + open, close - open);
  if (!x->message)
    s->outOfMemory = true;
  return x->message != NULL;
}

/* Checks one `{{regex}}` segment on its own, so an error can name it. */
static bool validateRegexSegment(Scanner *s, Expectation *x, Slice segment) {
  char *pattern = duplicateRange(segment.data, segment.length);
  if (!pattern) {
    s->outOfMemory = true;
    return false;
  }
  regex_t regex;
  int status = regcomp(&regex, pattern, REG_EXTENDED | REG_NOSUB);
  bool valid = status == 0;
  if (valid) {
    regfree(&regex);
  } else {
    char reason[128];
    regerror(status, &regex, reason, sizeof reason);
    setMalformed(s, x, "invalid regex '{{%s}}': %s", pattern, reason);
  }
  free(pattern);
  return valid;
}

/* Builds the `-re` pattern: literal text escaped, `{{...}}` segments kept
 * as grouped regexes (as MLIR's ExpectedDiag::computeRegex). */
static bool buildPattern(Scanner *s, Expectation *x, WspTryBuffer *sb) {
  Slice rest = {x->message, strlen(x->message)};
  for (;;) {
    size_t open = findFirst(rest, 0, "{{");
    if (open == SIZE_MAX) {
      appendEscaped(sb, rest.data, rest.length);
      return true;
    }
    appendEscaped(sb, rest.data, open);
    size_t close = findFirst(rest, open + 2, "}}");
    if (close == SIZE_MAX)
      return setMalformed(s, x, "found start of regex with no end '}}'");
    Slice segment = {rest.data + open + 2, close - open - 2};
    if (!validateRegexSegment(s, x, segment))
      return false;
    wspTryBufferAppend(sb, "(", 1);
    wspTryBufferAppend(sb, segment.data, segment.length);
    wspTryBufferAppend(sb, ")", 1);
    rest.data += close + 2;
    rest.length -= close + 2;
  }
}

static bool compileRegex(Scanner *s, Expectation *x) {
  WspTryBuffer sb = wspTryBufferCreate();
  bool ok = buildPattern(s, x, &sb);
  if (ok && sb.failed) {
    s->outOfMemory = true;
    ok = false;
  }
  if (ok) {
    int status = regcomp(&x->regex, sb.data, REG_EXTENDED | REG_NOSUB);
    x->hasRegex = status == 0;
    if (!x->hasRegex)
      ok = setMalformed(s, x, "invalid regex in '%s'", x->message);
  }
  free(sb.data);
  return ok;
}

/* Fills `x` from the directive `d`; a malformed directive still yields an
 * expectation (carrying the explanation) so it is reported in file order. */
static void parseDirective(Scanner *s, Slice line, const Directive *d,
                           unsigned lineNo, Expectation *x) {
  memset(x, 0, sizeof *x);
  x->severity = d->severity;
  x->line = lineNo;
  x->column = (unsigned)(d->start + 1);
  x->targetLine = lineNo;
  size_t pos = skipBlanks(line, d->end);
  if (pos < line.length && line.data[pos] == '@' &&
      !parseDesignator(s, line, &pos, x))
    return;
  pos = skipBlanks(line, pos);
  if (parseMessage(s, line, pos, x) && d->isRegex)
    compileRegex(s, x);
}

/* Resolves pending @below expectations to the ordinary line `lineNo`. */
static void attachAwaiting(Scanner *s, unsigned lineNo) {
  WspExpectedDiagnostics *e = s->result;
  for (size_t i = s->firstAwaiting; i < e->count; ++i) {
    if (e->items[i].awaitingNextLine) {
      e->items[i].awaitingNextLine = false;
      e->items[i].targetLine = lineNo;
    }
  }
  s->firstAwaiting = e->count;
}

static void scanLine(Scanner *s, Slice line, unsigned lineNo) {
  Directive d;
  /* As in MLIR, text without a `{{` message after it is prose that happens
     to mention a directive ("// no expected-error here"), not a directive. */
  if (!findDirective(line, &d) || findFirst(line, d.end, "{{") == SIZE_MAX) {
    attachAwaiting(s, lineNo);
    s->lastOrdinaryLine = lineNo;
    return;
  }
  bool ordinary = !isExpectationOnly(line, &d);
  if (ordinary)
    attachAwaiting(s, lineNo);
  Expectation x;
  parseDirective(s, line, &d, lineNo, &x);
  if (!pushExpectation(s->result, &x)) {
    destroyExpectation(&x);
    s->outOfMemory = true;
  }
  if (ordinary)
    s->lastOrdinaryLine = lineNo;
}

/* An @below with no ordinary line after it cannot be satisfied. */
static void rejectDanglingBelow(Scanner *s) {
  WspExpectedDiagnostics *e = s->result;
  for (size_t i = s->firstAwaiting; i < e->count; ++i) {
    Expectation *x = &e->items[i];
    if (x->awaitingNextLine && !x->malformed)
      setMalformed(s, x, "'@below' has no later line to attach to");
  }
}

WspExpectedDiagnostics *wspExpectedDiagnosticsParse(const char *buffer,
                                                    size_t length,
                                                    unsigned lineOffset) {
  WspExpectedDiagnostics *e = calloc(1, sizeof *e);
  if (!e)
    return NULL;
  e->lineOffset = lineOffset;
  Scanner s = {e, 0, 0, false};
  unsigned lineNo = 0;
  for (size_t pos = 0; pos < length && !s.outOfMemory;) {
    const char *newline = memchr(buffer + pos, '\n', length - pos);
    size_t end = newline ? (size_t)(newline - buffer) : length;
    Slice line = {buffer + pos, end - pos};
    scanLine(&s, trimRight(line), ++lineNo);
    pos = end + 1;
  }
  rejectDanglingBelow(&s);
  if (s.outOfMemory) {
    wspExpectedDiagnosticsDestroy(e);
    return NULL;
  }
  return e;
}

/*===----------------------------------------------------------------------===*
 * Checking
 *===----------------------------------------------------------------------===*/

typedef struct Reporter {
  FILE *out; /* NULL: only compute the result */
  const char *fileName;
  unsigned lineOffset;
} Reporter;

static void reportProblem(const Reporter *r, unsigned line, unsigned column,
                          const char *format, ...) WSP_PRINTF_LIKE(4, 5);

/* Prints one problem; `line` is buffer-relative, 0 for no location. */
static void reportProblem(const Reporter *r, unsigned line, unsigned column,
                          const char *format, ...) {
  if (!r->out)
    return;
  if (line == 0)
    fprintf(r->out, "%s: error: ", r->fileName);
  else
    fprintf(r->out, "%s:%lu:%u: error: ", r->fileName,
            (unsigned long)line + r->lineOffset, column);
  va_list args;
  va_start(args, format);
  vfprintf(r->out, format, args);
  va_end(args);
  fputc('\n', r->out);
}

static bool messageMatches(const Expectation *x, const char *message) {
  if (x->hasRegex)
    return regexec(&x->regex, message, 0, NULL, 0) == 0;
  return strstr(message, x->message) != NULL;
}

static bool locationMatches(const Expectation *x,
                            const WspObservedDiagnostic *d) {
  if (d->line == 0)
    return x->unknownLocation;
  return !x->unknownLocation && x->targetLine == d->line;
}

/* First valid expectation at d's location whose message matches, with the
 * same severity (or, for near misses, a different one), optionally limited
 * to expectations not matched yet. */
static Expectation *findExpectation(WspExpectedDiagnostics *e,
                                    const WspObservedDiagnostic *d,
                                    const char *message, bool sameSeverity,
                                    bool onlyUnmatched) {
  for (size_t i = 0; i < e->count; ++i) {
    Expectation *x = &e->items[i];
    if (x->malformed || (onlyUnmatched && x->matched) ||
        (x->severity == d->severity) != sameSeverity ||
        !locationMatches(x, d))
      continue;
    if (messageMatches(x, message))
      return x;
  }
  return NULL;
}

static bool checkObserved(WspExpectedDiagnostics *e,
                          const WspObservedDiagnostic *d, const Reporter *r,
                          bool onlyExpected) {
  const char *message = d->message ? d->message : "";
  Expectation *match = findExpectation(e, d, message, true, true);
  if (!match)
    match = findExpectation(e, d, message, true, false);
  if (match) {
    match->matched = true;
    return true;
  }
  if (onlyExpected)
    return true; /* unexpected diagnostics are not checked */
  const Expectation *nearMiss = findExpectation(e, d, message, false, false);
  if (nearMiss)
    reportProblem(r, nearMiss->line, nearMiss->column,
                  "'%s' diagnostic emitted when expecting a '%s'",
                  severityNames[d->severity],
                  severityNames[nearMiss->severity]);
  else
    reportProblem(r, d->line, d->column, "unexpected %s: %s",
                  severityNames[d->severity], message);
  return false;
}

/* Malformed directives are reported up front: they may explain the
 * mismatches that follow. */
static bool reportMalformed(const WspExpectedDiagnostics *e,
                            const Reporter *r) {
  bool ok = true;
  for (size_t i = 0; i < e->count; ++i) {
    const Expectation *x = &e->items[i];
    if (x->malformed) {
      reportProblem(r, x->line, x->column, "%s", x->malformed);
      ok = false;
    }
  }
  return ok;
}

static bool reportUnproduced(const WspExpectedDiagnostics *e,
                             const Reporter *r) {
  bool ok = true;
  for (size_t i = 0; i < e->count; ++i) {
    const Expectation *x = &e->items[i];
    if (x->malformed || x->matched)
      continue;
    reportProblem(r, x->line, x->column, "expected %s \"%s\" was not produced",
                  severityNames[x->severity], x->message);
    ok = false;
  }
  return ok;
}

bool wspExpectedDiagnosticsCheck(WspExpectedDiagnostics *e,
                                 const WspObservedDiagnostic *diags, size_t n,
                                 const char *fileName, FILE *report) {
  return wspExpectedDiagnosticsCheckMode(e, diags, n, fileName, report, false);
}

bool wspExpectedDiagnosticsCheckMode(WspExpectedDiagnostics *e,
                                     const WspObservedDiagnostic *diags, size_t n,
                                     const char *fileName, FILE *report,
                                     bool onlyExpected) {
  Reporter r = {report, fileName ? fileName : "<input>", e->lineOffset};
  for (size_t i = 0; i < e->count; ++i)
    e->items[i].matched = false;
  bool ok = reportMalformed(e, &r);
  for (size_t i = 0; i < n; ++i)
    ok = checkObserved(e, &diags[i], &r, onlyExpected) && ok;
  return reportUnproduced(e, &r) && ok;
}
