/*
 * PipelineParser.c - recursive-descent parser for MLIR's textual pass-pipeline
 * syntax. See PipelineParser.h for the grammar and ownership rules.
 */
#include "PipelineParser.h"
#include "TryBuffer.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Nested pipelines are parsed recursively; bounding the depth keeps a garbled
 * command line from exhausting the stack (and keeps Destroy/ToString, which
 * recurse the same way, safe). Real pipelines nest two or three levels. */
enum { MAX_NESTING_DEPTH = 128 };

/* Longest piece of offending input quoted back in an error message. */
enum { EXCERPT_MAX = 32 };

/* Lets GCC/Clang check the printf-style arguments of error helpers. */
#if defined(__GNUC__)
#define WSP_PRINTF_LIKE(formatIndex, firstArg)                                 \
  __attribute__((format(printf, formatIndex, firstArg)))
#else
#define WSP_PRINTF_LIKE(formatIndex, firstArg)
#endif

/*===----------------------------------------------------------------------===*
 * Small helpers
 *===----------------------------------------------------------------------===*/

static bool isNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
}

static bool isSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
         c == '\v';
}

/* Characters with structural meaning between elements. */
static bool isSeparator(char c) {
  return c == ',' || c == '(' || c == ')' || c == '{' || c == '}';
}

static bool isQuote(char c) { return c == '"' || c == '\''; }

static char *duplicateRange(const char *start, size_t length) {
  char *copy = malloc(length + 1);
  if (copy) {
    memcpy(copy, start, length);
    copy[length] = '\0';
  }
  return copy;
}

/* Doubles `*capacity` (starting at 4) and reallocates `*items`; on failure
 * leaves both untouched so the caller still owns the old array. */
static bool growArray(void **items, size_t *capacity, size_t elementSize) {
  size_t newCapacity = *capacity ? *capacity * 2 : 4;
  void *grown = realloc(*items, newCapacity * elementSize);
  if (!grown)
    return false;
  *items = grown;
  *capacity = newCapacity;
  return true;
}

/* A printable, NUL-terminated copy of some input, for error messages. */
typedef struct Excerpt {
  char text[EXCERPT_MAX + sizeof("...")];
} Excerpt;

static Excerpt makeExcerpt(const char *start, size_t length) {
  Excerpt excerpt;
  size_t shown = length < EXCERPT_MAX ? length : EXCERPT_MAX;
  for (size_t i = 0; i < shown; ++i) {
    unsigned char c = (unsigned char)start[i];
    excerpt.text[i] = isprint(c) ? (char)c : '?';
  }
  excerpt.text[shown] = '\0';
  if (shown < length)
    strcat(excerpt.text, "...");
  return excerpt;
}

/* A quoted description of one character, e.g. `'$'` or `'\x01'`. */
typedef struct CharName {
  char text[sizeof("'\\xff'")];
} CharName;

static CharName describeChar(char c) {
  CharName name;
  if (isprint((unsigned char)c))
    snprintf(name.text, sizeof name.text, "'%c'", c);
  else
    snprintf(name.text, sizeof name.text, "'\\x%02x'", (unsigned char)c);
  return name;
}

/*===----------------------------------------------------------------------===*
 * Ownership of parsed elements
 *===----------------------------------------------------------------------===*/

static void destroyElements(WspPipelineElement *elements, size_t count);

static void destroyElement(WspPipelineElement *element) {
  free(element->name);
  free(element->optionsText);
  for (size_t i = 0; i < element->numOptions; ++i) {
    free(element->options[i].key);
    free(element->options[i].value);
  }
  free(element->options);
  destroyElements(element->children, element->numChildren);
  memset(element, 0, sizeof *element);
}

static void destroyElements(WspPipelineElement *elements, size_t count) {
  for (size_t i = 0; i < count; ++i)
    destroyElement(&elements[i]);
  free(elements);
}

void wspPipelineDestroy(WspPipeline *p) {
  if (!p)
    return;
  destroyElements(p->elements, p->numElements);
  p->elements = NULL;
  p->numElements = 0;
}

/* Growable arrays used while parsing; their storage is handed over to the
 * element (or pipeline) that owns it once complete. */
typedef struct ElementList {
  WspPipelineElement *items;
  size_t count;
  size_t capacity;
} ElementList;

typedef struct OptionList {
  WspPipelineOption *items;
  size_t count;
  size_t capacity;
} OptionList;

static bool pushElement(ElementList *list, const WspPipelineElement *element) {
  if (list->count == list->capacity &&
      !growArray((void **)&list->items, &list->capacity, sizeof *list->items))
    return false;
  list->items[list->count++] = *element;
  return true;
}

static bool pushOption(OptionList *list, const WspPipelineOption *option) {
  if (list->count == list->capacity &&
      !growArray((void **)&list->items, &list->capacity, sizeof *list->items))
    return false;
  list->items[list->count++] = *option;
  return true;
}

/*===----------------------------------------------------------------------===*
 * Parser state and error reporting
 *===----------------------------------------------------------------------===*/

typedef struct Parser {
  const char *text;
  size_t length;
  size_t pos;     /* byte offset of the next unread character */
  unsigned depth; /* current nesting of `name(` */
  bool failed;
  char *errorBuf;
  size_t errorBufSize;
  size_t *errorColumn;
} Parser;

/* The `name(` that a nested list must be closed against. */
typedef struct Opener {
  const char *name;
  size_t parenPos;
} Opener;

static bool fail(Parser *p, size_t pos, const char *format, ...)
    WSP_PRINTF_LIKE(3, 4);

/* Records the first error only: later failures are consequences of it. */
static bool fail(Parser *p, size_t pos, const char *format, ...) {
  if (p->failed)
    return false;
  p->failed = true;
  if (p->errorColumn)
    *p->errorColumn = pos + 1;
  if (p->errorBuf && p->errorBufSize > 0) {
    va_list args;
    va_start(args, format);
    vsnprintf(p->errorBuf, p->errorBufSize, format, args);
    va_end(args);
  }
  return false;
}

static bool failOutOfMemory(Parser *p) {
  return fail(p, p->pos, "out of memory while parsing pass pipeline");
}

static bool atEnd(const Parser *p) { return p->pos >= p->length; }

static char peek(const Parser *p) { return p->text[p->pos]; }

static void skipSpaces(Parser *p) {
  while (!atEnd(p) && isSpace(peek(p)))
    ++p->pos;
}

/* The token starting at `pos`: its first character plus everything up to the
 * next space or separator, which is what a user reads as "the bad text". */
static Excerpt excerptAt(const Parser *p, size_t pos) {
  size_t end = pos < p->length ? pos + 1 : pos;
  while (end < p->length && !isSpace(p->text[end]) &&
         !isSeparator(p->text[end]))
    ++end;
  return makeExcerpt(p->text + pos, end - pos);
}

/* Like excerptAt, but for `{...}` at `pos`: quotes through the first `}` so
 * the user sees the whole stray options block. */
static Excerpt excerptBraces(const Parser *p, size_t pos) {
  const char *close = memchr(p->text + pos, '}', p->length - pos);
  if (!close)
    return excerptAt(p, pos);
  return makeExcerpt(p->text + pos, (size_t)(close - (p->text + pos)) + 1);
}

/*===----------------------------------------------------------------------===*
 * Options: `{key=value flag key2="quoted value" list={1,2}}`
 *===----------------------------------------------------------------------===*/

/* Open `{` / `[` positions inside an option value, innermost last. */
typedef struct BracketStack {
  size_t *positions;
  size_t count;
  size_t capacity;
} BracketStack;

static bool pushBracket(BracketStack *stack, size_t pos) {
  if (stack->count == stack->capacity &&
      !growArray((void **)&stack->positions, &stack->capacity,
                 sizeof *stack->positions))
    return false;
  stack->positions[stack->count++] = pos;
  return true;
}

static bool skipQuoted(Parser *p, const char *owner, size_t *pos,
                       size_t limit) {
  char quote = p->text[*pos];
  for (size_t i = *pos + 1; i < limit; ++i) {
    if (p->text[i] == quote) {
      *pos = i + 1;
      return true;
    }
  }
  return fail(p, *pos, "unterminated %c quote at column %zu in options of '%s'",
              quote, *pos + 1, owner);
}

static bool closeBracket(Parser *p, const char *owner, BracketStack *stack,
                         size_t *pos) {
  char close = p->text[*pos];
  if (stack->count == 0)
    return fail(p, *pos, "unexpected '%c' at column %zu in options of '%s'",
                close, *pos + 1, owner);
  size_t openPos = stack->positions[stack->count - 1];
  char expected = p->text[openPos] == '{' ? '}' : ']';
  if (close != expected)
    return fail(p, *pos,
                "mismatched '%c' at column %zu in options of '%s': expected "
                "'%c' to close '%c' opened at column %zu",
                close, *pos + 1, owner, expected, p->text[openPos],
                openPos + 1);
  --stack->count;
  ++*pos;
  return true;
}

static bool scanOptionChar(Parser *p, const char *owner, BracketStack *stack,
                           size_t *pos, size_t limit) {
  char c = p->text[*pos];
  if (isQuote(c))
    return skipQuoted(p, owner, pos, limit);
  if (c == '{' || c == '[') {
    if (!pushBracket(stack, *pos))
      return failOutOfMemory(p);
    ++*pos;
    return true;
  }
  if (c == '}' || c == ']')
    return closeBracket(p, owner, stack, pos);
  ++*pos;
  return true;
}

/*
 * Scans option text from `pos` towards `limit`, skipping quoted strings and
 * balanced {} / [] groups so that `list={1, 2}` or `s="a b"` stay one value.
 * Stops, without consuming it, at a top-level `}` (the end of the options)
 * or, when `stopAtSpace`, at top-level whitespace (the end of one option).
 * `*stopPos` is `limit` when neither was found.
 */
static bool scanOptionText(Parser *p, const char *owner, size_t pos,
                           size_t limit, bool stopAtSpace, size_t *stopPos) {
  BracketStack stack = {NULL, 0, 0};
  bool ok = true;
  while (ok && pos < limit) {
    char c = p->text[pos];
    if (stack.count == 0 && (c == '}' || (stopAtSpace && isSpace(c))))
      break;
    ok = scanOptionChar(p, owner, &stack, &pos, limit);
  }
  if (ok && stack.count > 0) {
    size_t openPos = stack.positions[stack.count - 1];
    ok = fail(p, limit,
              "expected '%c' to close '%c' opened at column %zu in options of "
              "'%s'",
              p->text[openPos] == '{' ? '}' : ']', p->text[openPos],
              openPos + 1, owner);
  }
  free(stack.positions);
  *stopPos = pos;
  return ok;
}

/* A value wholly enclosed in one pair of quotes loses them: `"a b"` -> `a b`. */
static char *duplicateValue(const char *start, size_t length) {
  bool wrapped = length >= 2 && isQuote(start[0]) &&
                 memchr(start + 1, start[0], length - 1) == start + length - 1;
  if (wrapped)
    return duplicateRange(start + 1, length - 2);
  return duplicateRange(start, length);
}

static bool validateOptionKey(Parser *p, const char *owner, size_t begin,
                              size_t keyEnd, size_t tokenEnd) {
  Excerpt token = makeExcerpt(p->text + begin, tokenEnd - begin);
  if (keyEnd == begin)
    return fail(p, begin, "empty option key in '%s' at column %zu in options "
                          "of '%s'",
                token.text, begin + 1, owner);
  for (size_t i = begin; i < keyEnd; ++i) {
    if (!isNameChar(p->text[i]))
      return fail(p, i,
                  "invalid character %s at column %zu in option '%s' of '%s'",
                  describeChar(p->text[i]).text, i + 1, token.text, owner);
  }
  return true;
}

/* Parses one `key`, `key=value` token occupying [begin, end). */
static bool parseOption(Parser *p, const char *owner, size_t begin, size_t end,
                        OptionList *options) {
  const char *eq = memchr(p->text + begin, '=', end - begin);
  size_t keyEnd = eq ? (size_t)(eq - p->text) : end;
  if (!validateOptionKey(p, owner, begin, keyEnd, end))
    return false;
  WspPipelineOption option = {duplicateRange(p->text + begin, keyEnd - begin),
                              NULL};
  if (eq)
    option.value = duplicateValue(eq + 1, end - keyEnd - 1);
  if (option.key && (!eq || option.value) && pushOption(options, &option))
    return true;
  free(option.key);
  free(option.value);
  return failOutOfMemory(p);
}

/* Splits the already-validated option text [begin, end) into options. */
static bool parseOptionList(Parser *p, WspPipelineElement *element,
                            size_t begin, size_t end) {
  OptionList options = {NULL, 0, 0};
  bool ok = true;
  size_t pos = begin;
  while (ok) {
    while (pos < end && isSpace(p->text[pos]))
      ++pos;
    if (pos >= end)
      break;
    size_t tokenEnd = end;
    ok = scanOptionText(p, element->name, pos, end, true, &tokenEnd) &&
         parseOption(p, element->name, pos, tokenEnd, &options);
    pos = tokenEnd;
  }
  element->options = options.items;
  element->numOptions = options.count;
  return ok;
}

/* Parses `{...}` at the current position into element->options. */
static bool parseOptions(Parser *p, WspPipelineElement *element) {
  size_t openPos = p->pos;
  size_t closePos;
  if (!scanOptionText(p, element->name, openPos + 1, p->length, false,
                      &closePos))
    return false;
  if (closePos >= p->length)
    return fail(p, p->length, "expected '}' to close '%s{' opened at column %zu",
                element->name, openPos + 1);
  element->optionsText =
      duplicateRange(p->text + openPos + 1, closePos - openPos - 1);
  if (!element->optionsText)
    return failOutOfMemory(p);
  if (!parseOptionList(p, element, openPos + 1, closePos))
    return false;
  p->pos = closePos + 1;
  skipSpaces(p);
  if (!atEnd(p) && peek(p) == '(')
    return fail(p, openPos,
                "op-anchored pipeline '%s(...)' cannot take options: found "
                "'{%s}' at column %zu",
                element->name,
                makeExcerpt(element->optionsText, strlen(element->optionsText))
                    .text,
                openPos + 1);
  return true;
}

/*===----------------------------------------------------------------------===*
 * Elements and lists
 *===----------------------------------------------------------------------===*/

static bool parseList(Parser *p, const Opener *opener, ElementList *out);

static bool failUnclosed(Parser *p, const Opener *opener) {
  return fail(p, p->length, "expected ')' to close '%s(' opened at column %zu",
              opener->name, opener->parenPos + 1);
}

static bool failStrayParen(Parser *p) {
  return fail(p, p->pos, "unexpected ')' at column %zu with no matching '('",
              p->pos + 1);
}

/* Explains why no name starts at the current position. */
static bool failMissingName(Parser *p, bool afterComma) {
  size_t column = p->pos + 1;
  if (atEnd(p))
    return fail(p, p->pos, "expected a pass or op name after ',' at column %zu "
                           "(end of pipeline)",
                column);
  char c = peek(p);
  if (c == ',')
    return fail(p, p->pos,
                "empty pipeline element at column %zu: expected a pass or op "
                "name before ','",
                column);
  if (c == ')' && afterComma)
    return fail(p, p->pos,
                "expected a pass or op name after ',' but found ')' at column "
                "%zu",
                column);
  if (c == ')')
    return failStrayParen(p);
  return fail(p, p->pos,
              "invalid character %s at column %zu: expected a pass or op name",
              describeChar(c).text, column);
}

/* Parses `(...)` at the current position into element->children. */
static bool parseNested(Parser *p, WspPipelineElement *element) {
  if (p->depth >= MAX_NESTING_DEPTH)
    return fail(p, p->pos, "pipeline nested too deeply at column %zu (limit %d)",
                p->pos + 1, MAX_NESTING_DEPTH);
  Opener opener = {element->name, p->pos};
  ElementList children = {NULL, 0, 0};
  ++p->pos;
  ++p->depth;
  bool ok = parseList(p, &opener, &children);
  --p->depth;
  /* Hand the children over even on failure so destroyElement frees them. */
  element->isNested = true;
  element->children = children.items;
  element->numChildren = children.count;
  if (!ok)
    return false;
  ++p->pos; /* the ')' that parseList stopped at */
  skipSpaces(p);
  if (!atEnd(p) && peek(p) == '{')
    return fail(p, p->pos,
                "op-anchored pipeline '%s(...)' cannot take options: found "
                "'%s' at column %zu",
                element->name, excerptBraces(p, p->pos).text, p->pos + 1);
  return true;
}

/* Reads the name at the current position into element->name. */
static bool parseName(Parser *p, WspPipelineElement *element) {
  size_t start = p->pos;
  while (!atEnd(p) && isNameChar(peek(p)))
    ++p->pos;
  if (!atEnd(p) && !isSpace(peek(p)) && !isSeparator(peek(p)))
    return fail(p, p->pos, "invalid character %s at column %zu in name '%s'",
                describeChar(peek(p)).text, p->pos + 1,
                excerptAt(p, start).text);
  element->name = duplicateRange(p->text + start, p->pos - start);
  element->column = start + 1;
  return element->name ? true : failOutOfMemory(p);
}

static bool parseElementBody(Parser *p, WspPipelineElement *element) {
  if (!parseName(p, element))
    return false;
  skipSpaces(p);
  if (!atEnd(p) && peek(p) == '(')
    return parseNested(p, element);
  if (!atEnd(p) && peek(p) == '{')
    return parseOptions(p, element);
  return true;
}

/* Parses one element; on failure `*element` is left empty. */
static bool parseElement(Parser *p, bool afterComma,
                         WspPipelineElement *element) {
  memset(element, 0, sizeof *element);
  if (atEnd(p) || !isNameChar(peek(p)))
    return failMissingName(p, afterComma);
  if (parseElementBody(p, element))
    return true;
  destroyElement(element);
  return false;
}

/* Root lists end at the end of the text, nested ones at `)`. */
static bool atListEnd(const Parser *p, const Opener *opener) {
  if (opener)
    return !atEnd(p) && peek(p) == ')';
  return atEnd(p);
}

/* Called after an element when neither ',' nor the end of the list follows. */
static bool failAfterElement(Parser *p, const Opener *opener,
                             const WspPipelineElement *previous) {
  if (opener && atEnd(p))
    return failUnclosed(p, opener);
  if (!opener && peek(p) == ')')
    return failStrayParen(p);
  const char *shape = previous->isNested       ? "(...)"
                      : previous->optionsText ? "{...}"
                                              : "";
  return fail(p, p->pos,
              "unexpected '%s' at column %zu after '%s%s'; expected ',' or %s",
              excerptAt(p, p->pos).text, p->pos + 1, previous->name, shape,
              opener ? "')'" : "end of pipeline");
}

/* Parses a comma-separated list, stopping at (not consuming) its end. */
static bool parseList(Parser *p, const Opener *opener, ElementList *out) {
  skipSpaces(p);
  if (atListEnd(p, opener))
    return true;
  if (opener && atEnd(p))
    return failUnclosed(p, opener);
  for (bool afterComma = false;; afterComma = true) {
    WspPipelineElement element;
    if (!parseElement(p, afterComma, &element))
      return false;
    if (!pushElement(out, &element)) {
      destroyElement(&element);
      return failOutOfMemory(p);
    }
    skipSpaces(p);
    if (atEnd(p) || peek(p) != ',')
      break;
    ++p->pos;
    skipSpaces(p);
  }
  if (atListEnd(p, opener))
    return true;
  return failAfterElement(p, opener, &out->items[out->count - 1]);
}

bool wspPipelineParse(const char *text, size_t length, WspPipeline *out,
                      char *errorBuf, size_t errorBufSize,
                      size_t *errorColumn) {
  Parser parser = {text, length, 0, 0, false, errorBuf, errorBufSize,
                   errorColumn};
  ElementList elements = {NULL, 0, 0};
  if (errorBuf && errorBufSize > 0)
    errorBuf[0] = '\0';
  out->elements = NULL;
  out->numElements = 0;
  if (!parseList(&parser, NULL, &elements)) {
    destroyElements(elements.items, elements.count);
    return false;
  }
  out->elements = elements.items;
  out->numElements = elements.count;
  return true;
}

/*===----------------------------------------------------------------------===*
 * Printing
 *===----------------------------------------------------------------------===*/


/*
 * Whether `value` printed verbatim after `key=` re-parses to itself: it must
 * not end the option early (top-level whitespace or `}`), must have balanced
 * quotes and brackets, and must not be wholly quoted (quotes would be
 * stripped).
 */
static bool printsVerbatim(const char *value) {
  size_t length = strlen(value);
  if (length >= 2 && isQuote(value[0]) &&
      strchr(value + 1, value[0]) == value + length - 1)
    return false;
  size_t depth = 0;
  for (const char *c = value; *c; ++c) {
    if (isQuote(*c)) {
      c = strchr(c + 1, *c);
      if (!c)
        return false;
    } else if (*c == '{' || *c == '[') {
      ++depth;
    } else if (*c == '}' || *c == ']') {
      if (depth-- == 0)
        return false;
    } else if (depth == 0 && isSpace(*c)) {
      return false;
    }
  }
  return depth == 0;
}

/* A value containing both quote characters cannot be quoted; it is printed
 * verbatim (the parser never produces such a value with spaces in it). */
static void appendOptionValue(WspTryBuffer *sb, const char *value) {
  const char *quote = !strchr(value, '"')    ? "\""
                      : !strchr(value, '\'') ? "'"
                                             : "";
  if (printsVerbatim(value))
    quote = "";
  wspTryBufferAppendStr(sb, quote);
  wspTryBufferAppendStr(sb, value);
  wspTryBufferAppendStr(sb, quote);
}

static void appendOptions(WspTryBuffer *sb, const WspPipelineElement *e) {
  wspTryBufferAppendStr(sb, "{");
  for (size_t i = 0; i < e->numOptions; ++i) {
    if (i > 0)
      wspTryBufferAppendStr(sb, " ");
    wspTryBufferAppendStr(sb, e->options[i].key);
    if (e->options[i].value) {
      wspTryBufferAppendStr(sb, "=");
      appendOptionValue(sb, e->options[i].value);
    }
  }
  wspTryBufferAppendStr(sb, "}");
}

static void appendElements(WspTryBuffer *sb,
                           const WspPipelineElement *elements, size_t count);

static void appendElement(WspTryBuffer *sb, const WspPipelineElement *e) {
  wspTryBufferAppendStr(sb, e->name);
  if (e->isNested) {
    wspTryBufferAppendStr(sb, "(");
    appendElements(sb, e->children, e->numChildren);
    wspTryBufferAppendStr(sb, ")");
  } else if (e->numOptions > 0) {
    appendOptions(sb, e);
  }
}

static void appendElements(WspTryBuffer *sb,
                           const WspPipelineElement *elements, size_t count) {
  for (size_t i = 0; i < count; ++i) {
    if (i > 0)
      wspTryBufferAppendStr(sb, ",");
    appendElement(sb, &elements[i]);
  }
}

char *wspPipelineToString(const WspPipeline *p) {
  WspTryBuffer sb = wspTryBufferCreate(); /* an empty pipeline still yields "" */
  appendElements(&sb, p->elements, p->numElements);
  return wspTryBufferTake(&sb);
}
