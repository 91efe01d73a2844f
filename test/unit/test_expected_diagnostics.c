/*
 * Unit tests for lib/Support/ExpectedDiagnostics: anchors, substring and
 * -re matching, severities, unexpected / missing / duplicate diagnostics,
 * malformed directives, lineOffset and unknown locations.
 */
#include <setjmp.h> /* cmocka needs these four first */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "Support/ExpectedDiagnostics.h"

/*===----------------------------------------------------------------------===*
 * Helpers
 *===----------------------------------------------------------------------===*/

#define COUNT(array) (sizeof(array) / sizeof *(array))

static char *readAll(FILE *file) {
  long size = ftell(file);
  assert_true(size >= 0);
  char *text = malloc((size_t)size + 1);
  assert_non_null(text);
  rewind(file);
  assert_int_equal(fread(text, 1, (size_t)size, file), (size_t)size);
  text[size] = '\0';
  return text;
}

/* Parses `source`, checks `diags` against it, and asserts both the verdict
 * and the exact report text. */
static void expectCheck(const char *source, unsigned lineOffset,
                        const WspObservedDiagnostic *diags, size_t n,
                        bool expectedOk, const char *expectedReport) {
  WspExpectedDiagnostics *e =
      wspExpectedDiagnosticsParse(source, strlen(source), lineOffset);
  assert_non_null(e);
  FILE *report = tmpfile();
  assert_non_null(report);
  bool ok = wspExpectedDiagnosticsCheck(e, diags, n, "t.mlir", report);
  wspExpectedDiagnosticsDestroy(e);
  char *text = readAll(report);
  fclose(report);
  if (ok != expectedOk || strcmp(text, expectedReport) != 0)
    print_error("source:\n%s\nreport:\n%s\nwanted (ok=%d):\n%s\n", source,
                text, (int)expectedOk, expectedReport);
  bool sameReport = strcmp(text, expectedReport) == 0;
  free(text);
  assert_true(sameReport);
  assert_int_equal(ok, expectedOk);
}

static void expectClean(const char *source, const WspObservedDiagnostic *diags,
                        size_t n) {
  expectCheck(source, 0, diags, n, true, "");
}

/*===----------------------------------------------------------------------===*
 * Anchors
 *===----------------------------------------------------------------------===*/

static void test_same_line(void **state) {
  (void)state;
  const char *source = "func.func @f() {\n"
                       "  cf.br ^missing // expected-error {{undefined "
                       "block}}\n"
                       "}\n";
  WspObservedDiagnostic diags[] = {
      {WSP_SEV_ERROR, 2, 3, "reference to an undefined block"}};
  expectClean(source, diags, COUNT(diags));
}

static void test_relative_lines(void **state) {
  (void)state;
  const char *source = "// expected-error@+2 {{two below}}\n"
                       "// expected-warning@+1 {{one below}}\n"
                       "op1\n"
                       "op2\n"
                       "// expected-note@-1 {{note above}}\n"
                       "op3 // expected-remark@+0 {{same}}\n";
  WspObservedDiagnostic diags[] = {
      {WSP_SEV_ERROR, 3, 1, "it is two below"},
      {WSP_SEV_WARNING, 3, 1, "one below!"},
      {WSP_SEV_NOTE, 4, 1, "a note above"},
      {WSP_SEV_REMARK, 6, 1, "same"},
  };
  expectClean(source, diags, COUNT(diags));
}

static void test_relative_line_must_match_exactly(void **state) {
  (void)state;
  const char *source = "// expected-error@+1 {{x}}\n"
                       "op1\n"
                       "op2\n";
  WspObservedDiagnostic diags[] = {{WSP_SEV_ERROR, 3, 2, "x"}};
  expectCheck(source, 0, diags, COUNT(diags), false,
              "t.mlir:3:2: error: unexpected error: x\n"
              "t.mlir:1:4: error: expected error \"x\" was not produced\n");
}

static void test_above_and_below(void **state) {
  (void)state;
  const char *source =
      "// expected-remark@below {{r1}}\n"                     /* 1 */
      "// expected-remark@below {{r2}}\n"                     /* 2 */
      "func.func @bar()\n"                                    /* 3 */
      "func.func @baz()\n"                                    /* 4 */
      "// expected-remark@above {{a1}}\n"                     /* 5 */
      "  # expected-remark@above {{a2}}\n"                    /* 6 */
      "op1 // expected-error@below {{from code line}}\n"      /* 7 */
      "op2\n"                                                 /* 8 */
      "op3 // expected-error@above {{above from code line}}\n"; /* 9 */
  WspObservedDiagnostic diags[] = {
      {WSP_SEV_REMARK, 3, 1, "r1"},
      {WSP_SEV_REMARK, 3, 1, "r2"},
      {WSP_SEV_REMARK, 4, 1, "a1"},
      {WSP_SEV_REMARK, 4, 1, "a2"},
      {WSP_SEV_ERROR, 8, 1, "from code line"},
      {WSP_SEV_ERROR, 8, 1, "above from code line"},
  };
  expectClean(source, diags, COUNT(diags));
}

static void test_below_targets_blank_line(void **state) {
  (void)state;
  /* Only expectation-only lines are skipped; a blank line is a target. */
  const char *source = "// expected-error@below {{x}}\n"
                       "\n"
                       "op\n";
  WspObservedDiagnostic diags[] = {{WSP_SEV_ERROR, 2, 1, "x"}};
  expectClean(source, diags, COUNT(diags));
}

static void test_unknown_location(void **state) {
  (void)state;
  const char *source = "// expected-error@unknown {{no location}}\n"
                       "op\n";
  WspObservedDiagnostic matching[] = {{WSP_SEV_ERROR, 0, 0, "no location"}};
  expectClean(source, matching, COUNT(matching));

  /* A located diagnostic cannot satisfy @unknown, nor the reverse. */
  WspObservedDiagnostic located[] = {{WSP_SEV_ERROR, 1, 1, "no location"}};
  expectCheck(source, 0, located, COUNT(located), false,
              "t.mlir:1:1: error: unexpected error: no location\n"
              "t.mlir:1:4: error: expected error \"no location\" was not "
              "produced\n");
}

static void test_unexpected_diagnostic_at_unknown_location(void **state) {
  (void)state;
  WspObservedDiagnostic diags[] = {{WSP_SEV_WARNING, 0, 0, "floating"}};
  expectCheck("op\n", 0, diags, COUNT(diags), false,
              "t.mlir: error: unexpected warning: floating\n");
}

/*===----------------------------------------------------------------------===*
 * Message matching
 *===----------------------------------------------------------------------===*/

static void test_substring_match(void **state) {
  (void)state;
  const char *source = "op // expected-error {{bar}}\n"
                       "op // expected-error {{qux}}\n";
  WspObservedDiagnostic diags[] = {
      {WSP_SEV_ERROR, 1, 1, "foo bar baz"},
      {WSP_SEV_ERROR, 2, 1, "foo bar baz"},
  };
  expectCheck(source, 0, diags, COUNT(diags), false,
              "t.mlir:2:1: error: unexpected error: foo bar baz\n"
              "t.mlir:2:7: error: expected error \"qux\" was not produced\n");
}

static void test_regex_match(void **state) {
  (void)state;
  const char *source =
      "// expected-error-re@+1 {{'func.return' op has 0 operands, but "
      "enclosing function (@{{.*}}) returns 1}}\n"
      "return\n";
  WspObservedDiagnostic diags[] = {
      {WSP_SEV_ERROR, 2, 1,
       "'func.return' op has 0 operands, but enclosing function (@foo) "
       "returns 1"}};
  expectClean(source, diags, COUNT(diags));
}

static void test_regex_literal_text_is_escaped(void **state) {
  (void)state;
  const char *source = "op // expected-error-re {{a.b [{{[0-9]+}}]}}\n";
  WspObservedDiagnostic literal[] = {
      {WSP_SEV_ERROR, 1, 1, "prefix a.b [42] suffix"}};
  expectClean(source, literal, COUNT(literal));

  WspObservedDiagnostic wildcard[] = {{WSP_SEV_ERROR, 1, 1, "axb [42]"}};
  expectCheck(source, 0, wildcard, COUNT(wildcard), false,
              "t.mlir:1:1: error: unexpected error: axb [42]\n"
              "t.mlir:1:7: error: expected error \"a.b [{{[0-9]+}}]\" was not "
              "produced\n");
}

static void test_regex_segments_are_extended(void **state) {
  (void)state;
  /* Inside {{}} `+` repeats; outside it, `^`, `+` and `$` are literal. */
  const char *source =
      "op // expected-warning-re {{^{{(foo|bar)+}}+ end$}}\n";
  WspObservedDiagnostic diags[] = {{WSP_SEV_WARNING, 1, 1, "^foobar+ end$"}};
  expectClean(source, diags, COUNT(diags));
}

static void test_plain_message_braces_are_literal(void **state) {
  (void)state;
  const char *source = "op // expected-error {{got {{.*}} here}}\n";
  WspObservedDiagnostic diags[] = {{WSP_SEV_ERROR, 1, 1, "got {{.*}} here"}};
  expectClean(source, diags, COUNT(diags));
}

static void test_empty_message_matches_anything(void **state) {
  (void)state;
  WspObservedDiagnostic diags[] = {{WSP_SEV_NOTE, 1, 1, "whatever"}};
  expectClean("op // expected-note {{}}\n", diags, COUNT(diags));
}

/*===----------------------------------------------------------------------===*
 * Severities
 *===----------------------------------------------------------------------===*/

static void test_notes_match_like_other_severities(void **state) {
  (void)state;
  const char *source = "op // expected-error {{failed}}\n"
                       "// expected-note@-1 {{see here}}\n";
  WspObservedDiagnostic diags[] = {
      {WSP_SEV_ERROR, 1, 1, "op failed"},
      {WSP_SEV_NOTE, 1, 1, "see here for details"},
  };
  expectClean(source, diags, COUNT(diags));
}

static void test_severity_mismatch_is_near_miss(void **state) {
  (void)state;
  const char *source = "op // expected-note {{see here}}\n";
  WspObservedDiagnostic diags[] = {{WSP_SEV_ERROR, 1, 1, "see here"}};
  expectCheck(source, 0, diags, COUNT(diags), false,
              "t.mlir:1:7: error: 'error' diagnostic emitted when expecting "
              "a 'note'\n"
              "t.mlir:1:7: error: expected note \"see here\" was not "
              "produced\n");
}

/*===----------------------------------------------------------------------===*
 * Unexpected, missing and duplicate diagnostics
 *===----------------------------------------------------------------------===*/

static void test_unexpected_diagnostics(void **state) {
  (void)state;
  WspObservedDiagnostic diags[] = {
      {WSP_SEV_ERROR, 3, 5, "boom"},
      {WSP_SEV_REMARK, 1, 2, "fyi"},
  };
  expectCheck("a\nb\nc\n", 0, diags, COUNT(diags), false,
              "t.mlir:3:5: error: unexpected error: boom\n"
              "t.mlir:1:2: error: unexpected remark: fyi\n");
}

static void test_missing_expectations(void **state) {
  (void)state;
  const char *source = "op\n"
                       "op // expected-warning {{w}}\n"
                       "// expected-remark@unknown {{u}}\n";
  expectCheck(source, 0, NULL, 0, false,
              "t.mlir:2:7: error: expected warning \"w\" was not produced\n"
              "t.mlir:3:4: error: expected remark \"u\" was not produced\n");
}

static void test_duplicates_need_one_expectation_each(void **state) {
  (void)state;
  const char *source = "// expected-error@+2 {{dup}}\n"
                       "// expected-error@+1 {{dup}}\n"
                       "op\n";
  WspObservedDiagnostic two[] = {
      {WSP_SEV_ERROR, 3, 1, "dup"},
      {WSP_SEV_ERROR, 3, 1, "dup"},
  };
  expectClean(source, two, COUNT(two));

  WspObservedDiagnostic one[] = {{WSP_SEV_ERROR, 3, 1, "dup"}};
  expectCheck(source, 0, one, COUNT(one), false,
              "t.mlir:2:4: error: expected error \"dup\" was not produced\n");
}

static void test_repeated_diagnostic_is_absorbed(void **state) {
  (void)state;
  /* As MLIR: one expectation tolerates the same diagnostic repeated. */
  WspObservedDiagnostic diags[] = {
      {WSP_SEV_ERROR, 1, 1, "dup"},
      {WSP_SEV_ERROR, 1, 1, "dup"},
      {WSP_SEV_ERROR, 1, 1, "dup"},
  };
  expectClean("op // expected-error {{dup}}\n", diags, COUNT(diags));
}

static void test_check_resets_match_state(void **state) {
  (void)state;
  const char *source = "op // expected-error {{e}}\n";
  WspExpectedDiagnostics *e =
      wspExpectedDiagnosticsParse(source, strlen(source), 0);
  assert_non_null(e);
  WspObservedDiagnostic diags[] = {{WSP_SEV_ERROR, 1, 1, "e"}};
  assert_true(wspExpectedDiagnosticsCheck(e, diags, 1, "t.mlir", NULL));
  assert_false(wspExpectedDiagnosticsCheck(e, NULL, 0, "t.mlir", NULL));
  assert_true(wspExpectedDiagnosticsCheck(e, diags, 1, NULL, NULL));
  wspExpectedDiagnosticsDestroy(e);
}

/*===----------------------------------------------------------------------===*
 * Malformed and non-directives
 *===----------------------------------------------------------------------===*/

/* Asserts that the one-directive `source` is reported as malformed. */
static void expectMalformed(const char *source, const char *expectedReport) {
  expectCheck(source, 0, NULL, 0, false, expectedReport);
}

static void test_malformed_message(void **state) {
  (void)state;
  expectMalformed("// expected-error @+1 {{\nop\n",
                  "t.mlir:1:4: error: unterminated message: expected '}}' at "
                  "the end of the line\n");
  expectMalformed("// expected-error @+1 garbage {{m}}\nop\n",
                  "t.mlir:1:4: error: expected '{{' to begin the message of "
                  "'expected-error'\n");
  expectMalformed("x // expected-warning {message}} {{m}}\n",
                  "t.mlir:1:6: error: expected '{{' to begin the message of "
                  "'expected-warning'\n");
  /* Without any `{{` it is prose, not a directive (as in MLIR). */
  expectCheck("// no expected-error here\n// expected-warning {message}}\n", 0, NULL, 0, true,
              "");
  expectMalformed("// expected-error {{a}} trailing\n",
                  "t.mlir:1:4: error: unexpected ' trailing' after the "
                  "closing '}}'\n");
}

static void test_malformed_designators(void **state) {
  (void)state;
  expectMalformed("// expected-error@+x {{m}}\nop\n",
                  "t.mlir:1:4: error: invalid location designator '@+x'; "
                  "expected @+N, @-N, @above, @below or @unknown\n");
  expectMalformed("// expected-error@bogus {{m}}\n",
                  "t.mlir:1:4: error: invalid location designator '@bogus'; "
                  "expected @+N, @-N, @above, @below or @unknown\n");
  expectMalformed("// expected-error@ {{m}}\n",
                  "t.mlir:1:4: error: invalid location designator '@'; "
                  "expected @+N, @-N, @above, @below or @unknown\n");
  expectMalformed("op\n// expected-error@-2 {{m}}\n",
                  "t.mlir:2:4: error: '@-2' refers to a line before the start "
                  "of the input\n");
  expectMalformed("// expected-error@+99999999999 {{m}}\n",
                  "t.mlir:1:4: error: line offset in '@+99999999999' is too "
                  "large\n");
  expectMalformed("// expected-error@above {{m}}\n",
                  "t.mlir:1:4: error: '@above' has no earlier line to attach "
                  "to\n");
  expectMalformed("op\n// expected-error@below {{m}}\n",
                  "t.mlir:2:4: error: '@below' has no later line to attach "
                  "to\n");
}

static void test_malformed_regex(void **state) {
  (void)state;
  expectMalformed("// expected-error-re {{a{{b}}\n",
                  "t.mlir:1:4: error: found start of regex with no end '}}'\n");
  WspExpectedDiagnostics *e = wspExpectedDiagnosticsParse(
      "// expected-error-re {{{{(}}}}\n",
      strlen("// expected-error-re {{{{(}}}}\n"), 0);
  assert_non_null(e);
  FILE *report = tmpfile();
  assert_non_null(report);
  assert_false(wspExpectedDiagnosticsCheck(e, NULL, 0, "t.mlir", report));
  char *text = readAll(report);
  fclose(report);
  /* The reason text comes from regerror() and differs between libcs. */
  assert_non_null(strstr(text, "t.mlir:1:4: error: invalid regex '{{(}}': "));
  free(text);
  wspExpectedDiagnosticsDestroy(e);
}

static void test_malformed_directive_matches_nothing(void **state) {
  (void)state;
  const char *source = "op // expected-error@+x {{boom}}\n";
  WspObservedDiagnostic diags[] = {{WSP_SEV_ERROR, 1, 1, "boom"}};
  expectCheck(source, 0, diags, COUNT(diags), false,
              "t.mlir:1:7: error: invalid location designator '@+x'; "
              "expected @+N, @-N, @above, @below or @unknown\n"
              "t.mlir:1:1: error: unexpected error: boom\n");
}

static void test_non_directives_are_ignored(void **state) {
  (void)state;
  const char *source = "// unexpected-error {{x}}\n"
                       "// expected-errors {{x}}\n"
                       "// expected-error-foo {{x}}\n"
                       "// expected-fatal {{x}}\n"
                       "// the word expected- alone\n";
  expectClean(source, NULL, 0);
}

/*===----------------------------------------------------------------------===*
 * Buffers, offsets and output
 *===----------------------------------------------------------------------===*/

static void test_line_offset_applies_to_reports(void **state) {
  (void)state;
  const char *source = "op\n"
                       "op // expected-error {{here}}\n"
                       "op // expected-error {{missing}}\n";
  WspObservedDiagnostic diags[] = {
      {WSP_SEV_ERROR, 2, 1, "here"},
      {WSP_SEV_ERROR, 1, 3, "stray"},
  };
  expectCheck(source, 10, diags, COUNT(diags), false,
              "t.mlir:11:3: error: unexpected error: stray\n"
              "t.mlir:13:7: error: expected error \"missing\" was not "
              "produced\n");
}

static void test_line_offset_applies_to_malformed(void **state) {
  (void)state;
  expectCheck("op\n// expected-error@+x {{m}}\n", 100, NULL, 0, false,
              "t.mlir:102:4: error: invalid location designator '@+x'; "
              "expected @+N, @-N, @above, @below or @unknown\n");
}

static void test_report_order(void **state) {
  (void)state;
  const char *source = "op // expected-error {{never}}\n"
                       "op // expected-error@+x {{bad}}\n";
  WspObservedDiagnostic diags[] = {{WSP_SEV_ERROR, 1, 9, "other"}};
  expectCheck(source, 0, diags, COUNT(diags), false,
              "t.mlir:2:7: error: invalid location designator '@+x'; "
              "expected @+N, @-N, @above, @below or @unknown\n"
              "t.mlir:1:9: error: unexpected error: other\n"
              "t.mlir:1:7: error: expected error \"never\" was not "
              "produced\n");
}

static void test_crlf_and_unterminated_last_line(void **state) {
  (void)state;
  const char *source = "op // expected-error {{one}}  \r\n"
                       "op // expected-error {{two}}";
  WspObservedDiagnostic diags[] = {
      {WSP_SEV_ERROR, 1, 1, "one"},
      {WSP_SEV_ERROR, 2, 1, "two"},
  };
  expectClean(source, diags, COUNT(diags));
}

static void test_length_bounds_the_buffer(void **state) {
  (void)state;
  const char source[] = "op // expected-error {{a}}\n"
                        "op // expected-error {{b}}\n";
  WspExpectedDiagnostics *e = wspExpectedDiagnosticsParse(source, 27, 0);
  assert_non_null(e);
  WspObservedDiagnostic diags[] = {{WSP_SEV_ERROR, 1, 1, "a"}};
  assert_true(wspExpectedDiagnosticsCheck(e, diags, 1, "t.mlir", NULL));
  wspExpectedDiagnosticsDestroy(e);
}

static void test_empty_buffer_and_null_message(void **state) {
  (void)state;
  WspExpectedDiagnostics *e = wspExpectedDiagnosticsParse(NULL, 0, 0);
  assert_non_null(e);
  assert_true(wspExpectedDiagnosticsCheck(e, NULL, 0, NULL, NULL));
  wspExpectedDiagnosticsDestroy(e);
  wspExpectedDiagnosticsDestroy(NULL);

  WspObservedDiagnostic diags[] = {{WSP_SEV_ERROR, 1, 1, NULL}};
  expectClean("op // expected-error {{}}\n", diags, COUNT(diags));
}

static void test_default_file_name(void **state) {
  (void)state;
  WspExpectedDiagnostics *e = wspExpectedDiagnosticsParse("op\n", 3, 0);
  assert_non_null(e);
  FILE *report = tmpfile();
  assert_non_null(report);
  WspObservedDiagnostic diags[] = {{WSP_SEV_NOTE, 1, 2, "n"}};
  assert_false(wspExpectedDiagnosticsCheck(e, diags, 1, NULL, report));
  char *text = readAll(report);
  fclose(report);
  assert_string_equal(text, "<input>:1:2: error: unexpected note: n\n");
  free(text);
  wspExpectedDiagnosticsDestroy(e);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_same_line),
      cmocka_unit_test(test_relative_lines),
      cmocka_unit_test(test_relative_line_must_match_exactly),
      cmocka_unit_test(test_above_and_below),
      cmocka_unit_test(test_below_targets_blank_line),
      cmocka_unit_test(test_unknown_location),
      cmocka_unit_test(test_unexpected_diagnostic_at_unknown_location),
      cmocka_unit_test(test_substring_match),
      cmocka_unit_test(test_regex_match),
      cmocka_unit_test(test_regex_literal_text_is_escaped),
      cmocka_unit_test(test_regex_segments_are_extended),
      cmocka_unit_test(test_plain_message_braces_are_literal),
      cmocka_unit_test(test_empty_message_matches_anything),
      cmocka_unit_test(test_notes_match_like_other_severities),
      cmocka_unit_test(test_severity_mismatch_is_near_miss),
      cmocka_unit_test(test_unexpected_diagnostics),
      cmocka_unit_test(test_missing_expectations),
      cmocka_unit_test(test_duplicates_need_one_expectation_each),
      cmocka_unit_test(test_repeated_diagnostic_is_absorbed),
      cmocka_unit_test(test_check_resets_match_state),
      cmocka_unit_test(test_malformed_message),
      cmocka_unit_test(test_malformed_designators),
      cmocka_unit_test(test_malformed_regex),
      cmocka_unit_test(test_malformed_directive_matches_nothing),
      cmocka_unit_test(test_non_directives_are_ignored),
      cmocka_unit_test(test_line_offset_applies_to_reports),
      cmocka_unit_test(test_line_offset_applies_to_malformed),
      cmocka_unit_test(test_report_order),
      cmocka_unit_test(test_crlf_and_unterminated_last_line),
      cmocka_unit_test(test_length_bounds_the_buffer),
      cmocka_unit_test(test_empty_buffer_and_null_message),
      cmocka_unit_test(test_default_file_name),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
