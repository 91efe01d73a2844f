/*
 * ExpectedDiagnostics.h - checks emitted diagnostics against `expected-*`
 * comments, following MLIR's `-verify-diagnostics` convention
 * (SourceMgrDiagnosticVerifierHandler in mlir/lib/IR/Diagnostics.cpp).
 *
 * Directive syntax, one per line (anywhere on the line, typically in a
 * `//` comment):
 *
 *   expected-(error|warning|note|remark)(-re)? *(@designator)? *{{message}}
 *
 * The message runs from the first `{{` after the directive to the last `}}`
 * on the line, which must end the line (trailing whitespace aside). As in
 * MLIR a line holds at most one directive; a second one is simply part of
 * the first one's message.
 *
 * Designators (where the diagnostic must be reported):
 *   (none)    the line the directive is on;
 *   @+N, @-N  N lines below / above the directive's line;
 *   @above    the nearest earlier line that is not "expectation-only";
 *   @below    the nearest later line that is not "expectation-only";
 *   @unknown  a diagnostic without a file location (line 0).
 * An "expectation-only" line is one whose directive is preceded only by
 * whitespace and comment markers (`/`, `#`, `;`). Lines with code before the
 * directive, and blank lines, are ordinary lines that @above/@below can
 * target. (MLIR instead skips every line containing a directive.)
 *
 * Matching: a plain message must occur as a substring of the diagnostic's
 * message. With `-re`, the message is literal text except for `{{regex}}`
 * segments, which are POSIX extended regular expressions; the combined
 * pattern must match somewhere in the diagnostic's message.
 *
 * Each observed diagnostic is matched against expectations of the same
 * severity and line, preferring one not matched yet; if all candidates are
 * already matched, the diagnostic is absorbed by one of them, as MLIR does
 * for repeated identical diagnostics. So N expectations on a line are all
 * satisfied by N identical diagnostics, and one expectation tolerates
 * repeats.
 *
 * A line on which no `{{` follows the directive is not a directive (prose
 * such as "no expected-error here"), as in MLIR.
 *
 * Malformed directives are reported at the directive's position: text
 * between the directive and its `{{`, an unterminated `{{...}}`, text after the closing `}}`, an invalid
 * designator (e.g. `@+x`), `@-N` before the first line, `@above` with no
 * earlier line, `@below` with no later line, and (for `-re`) a `{{` with no
 * `}}` or an invalid regex.
 *
 * No MLIR dependency and no global state.
 */
#ifndef WSP_SUPPORT_EXPECTEDDIAGNOSTICS_H
#define WSP_SUPPORT_EXPECTEDDIAGNOSTICS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef enum WspSeverity {
  WSP_SEV_ERROR,
  WSP_SEV_WARNING,
  WSP_SEV_NOTE,
  WSP_SEV_REMARK
} WspSeverity;

/* A diagnostic actually emitted while processing the buffer. `line` and
 * `column` are 1-based and relative to the parsed `buffer` (line 1 is its
 * first line), i.e. what MLIR reports for a buffer parsed on its own;
 * line 0 means an unknown location. `message` is borrowed, only during
 * wspExpectedDiagnosticsCheck; NULL is treated as "". */
typedef struct WspObservedDiagnostic {
  WspSeverity severity;
  unsigned line;
  unsigned column;
  const char *message;
} WspObservedDiagnostic;

/* The expectations found in one buffer (opaque). */
typedef struct WspExpectedDiagnostics WspExpectedDiagnostics;

/*
 * Scans `length` bytes of `buffer` (need not be NUL-terminated) for
 * directives. Everything needed is copied, so `buffer` may be freed
 * afterwards. `lineOffset` is the number of lines that precede `buffer` in
 * its original file (for --split-input-file chunks); it is added to every
 * line number that is reported, so reports use original-file lines.
 *
 * Malformed directives do not fail parsing: they are recorded and reported
 * by wspExpectedDiagnosticsCheck. Returns NULL only if memory runs out.
 * The result is owned by the caller: release it with
 * wspExpectedDiagnosticsDestroy.
 */
WspExpectedDiagnostics *wspExpectedDiagnosticsParse(const char *buffer,
                                                    size_t length,
                                                    unsigned lineOffset);

/*
 * Checks the `n` observed diagnostics against the expectations and writes
 * each problem to `report` (skipped when NULL) as
 *
 *   <fileName>:<line>:<col>: error: <text>\n
 *
 * where <text> is one of
 *   <malformed-directive explanation>                 at the directive
 *   unexpected <severity>: <message>                  at the diagnostic
 *   '<sev>' diagnostic emitted when expecting a '<sev>'  at the expectation
 *   expected <severity> "<message>" was not produced  at the directive
 * A diagnostic at an unknown location is reported as
 * "<fileName>: error: unexpected <severity>: <message>". `fileName` may be
 * NULL ("<input>" is used).
 *
 * Order: malformed directives, then problems with observed diagnostics in
 * the order given, then unmatched expectations in file order.
 *
 * Returns true iff every diagnostic was expected, every expectation was
 * produced and no directive was malformed. Match state is reset on entry,
 * so calling it again with other diagnostics starts afresh.
 */
bool wspExpectedDiagnosticsCheck(WspExpectedDiagnostics *e,
                                 const WspObservedDiagnostic *diags, size_t n,
                                 const char *fileName, FILE *report);

/* The same; with `onlyExpected` (mlir-opt's --verify-diagnostics=only-expected)
 * diagnostics that no expectation matches are neither reported nor a failure:
 * only the expectations are checked. */
bool wspExpectedDiagnosticsCheckMode(WspExpectedDiagnostics *e,
                                     const WspObservedDiagnostic *diags, size_t n,
                                     const char *fileName, FILE *report,
                                     bool onlyExpected);

/* Frees `e` and everything it owns. Safe on NULL. */
void wspExpectedDiagnosticsDestroy(WspExpectedDiagnostics *e);

#ifdef __cplusplus
}
#endif

#endif /* WSP_SUPPORT_EXPECTEDDIAGNOSTICS_H */
