/*
 * Unit tests for lib/Support/PipelineParser: every accepted form, canonical
 * printing and round trips, and every error with its column.
 */
#include <setjmp.h> /* cmocka needs these four first */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "Support/PipelineParser.h"

/*===----------------------------------------------------------------------===*
 * Helpers
 *===----------------------------------------------------------------------===*/

static WspPipeline parseOk(const char *text) {
  WspPipeline pipeline;
  char error[256];
  size_t column = 0;
  bool ok = wspPipelineParse(text, strlen(text), &pipeline, error,
                             sizeof error, &column);
  if (!ok)
    print_error("unexpected parse failure for '%s': column %zu: %s\n", text,
                column, error);
  assert_true(ok);
  return pipeline;
}

/* Asserts that `text` fails at `column` with a message containing `needle`,
 * and that nothing is left for the caller to free. */
static void expectError(const char *text, size_t column, const char *needle) {
  WspPipeline pipeline = {(WspPipelineElement *)&pipeline, 99};
  char error[256];
  size_t errorColumn = 0;
  bool ok = wspPipelineParse(text, strlen(text), &pipeline, error,
                             sizeof error, &errorColumn);
  assert_false(ok);
  if (errorColumn != column || !strstr(error, needle))
    print_error("input '%s': got column %zu, message '%s'; wanted column %zu "
                "and '%s'\n",
                text, errorColumn, error, column, needle);
  assert_int_equal(errorColumn, column);
  assert_non_null(strstr(error, needle));
  assert_null(pipeline.elements);
  assert_int_equal(pipeline.numElements, 0);
}

static void assertPrints(const WspPipeline *pipeline, const char *expected) {
  char *printed = wspPipelineToString(pipeline);
  assert_non_null(printed);
  assert_string_equal(printed, expected);
  free(printed);
}

/* Parses `text`, checks its canonical form, and checks that the canonical
 * form re-parses to a pipeline that prints identically. */
static void assertRoundTrip(const char *text, const char *canonical) {
  WspPipeline first = parseOk(text);
  assertPrints(&first, canonical);
  wspPipelineDestroy(&first);
  WspPipeline second = parseOk(canonical);
  assertPrints(&second, canonical);
  wspPipelineDestroy(&second);
}

static void assertOption(const WspPipelineOption *option, const char *key,
                         const char *value) {
  assert_string_equal(option->key, key);
  if (value)
    assert_string_equal(option->value, value);
  else
    assert_null(option->value);
}

/*===----------------------------------------------------------------------===*
 * Accepted forms
 *===----------------------------------------------------------------------===*/

static void test_full_nested_pipeline(void **state) {
  (void)state;
  const char *text = "builtin.module(wsp-verify,func.func(canonicalize{max-"
                     "iterations=3 region-simplify=disabled},cse),wsp-print-"
                     "task-graph{format=dot})";
  WspPipeline p = parseOk(text);
  assert_int_equal(p.numElements, 1);
  const WspPipelineElement *module = &p.elements[0];
  assert_string_equal(module->name, "builtin.module");
  assert_int_equal(module->column, 1);
  assert_true(module->isNested);
  assert_null(module->optionsText);
  assert_int_equal(module->numChildren, 3);

  const WspPipelineElement *verify = &module->children[0];
  assert_string_equal(verify->name, "wsp-verify");
  assert_int_equal(verify->column, 16);
  assert_false(verify->isNested);
  assert_null(verify->optionsText);
  assert_int_equal(verify->numOptions, 0);

  const WspPipelineElement *func = &module->children[1];
  assert_string_equal(func->name, "func.func");
  assert_int_equal(func->column, 27);
  assert_true(func->isNested);
  assert_int_equal(func->numChildren, 2);
  const WspPipelineElement *canon = &func->children[0];
  assert_string_equal(canon->name, "canonicalize");
  assert_int_equal(canon->column, 37);
  assert_string_equal(canon->optionsText,
                      "max-iterations=3 region-simplify=disabled");
  assert_int_equal(canon->numOptions, 2);
  assertOption(&canon->options[0], "max-iterations", "3");
  assertOption(&canon->options[1], "region-simplify", "disabled");
  assert_string_equal(func->children[1].name, "cse");

  const WspPipelineElement *print = &module->children[2];
  assert_string_equal(print->name, "wsp-print-task-graph");
  assert_string_equal(print->optionsText, "format=dot");
  assertOption(&print->options[0], "format", "dot");
  assertPrints(&p, text);
  wspPipelineDestroy(&p);
  assert_null(p.elements);
  assert_int_equal(p.numElements, 0);
}

static void test_bare_list_at_root(void **state) {
  (void)state;
  WspPipeline p = parseOk("canonicalize,cse");
  assert_int_equal(p.numElements, 2);
  assert_string_equal(p.elements[0].name, "canonicalize");
  assert_int_equal(p.elements[0].column, 1);
  assert_string_equal(p.elements[1].name, "cse");
  assert_int_equal(p.elements[1].column, 14);
  wspPipelineDestroy(&p);
}

static void test_empty_and_blank_text_is_empty_pipeline(void **state) {
  (void)state;
  const char *inputs[] = {"", "   ", "\t\n "};
  for (size_t i = 0; i < sizeof inputs / sizeof *inputs; ++i) {
    WspPipeline p = parseOk(inputs[i]);
    assert_int_equal(p.numElements, 0);
    assertPrints(&p, "");
    wspPipelineDestroy(&p);
  }
}

static void test_empty_nested_pipeline(void **state) {
  (void)state;
  WspPipeline p = parseOk("func.func(),builtin.module( )");
  assert_int_equal(p.numElements, 2);
  assert_true(p.elements[0].isNested);
  assert_int_equal(p.elements[0].numChildren, 0);
  assert_true(p.elements[1].isNested);
  assert_int_equal(p.elements[1].numChildren, 0);
  assert_int_equal(p.elements[1].column, 13);
  assertPrints(&p, "func.func(),builtin.module()");
  wspPipelineDestroy(&p);
}

static void test_whitespace_around_tokens(void **state) {
  (void)state;
  WspPipeline p =
      parseOk("  builtin.module ( cse ,\n canonicalize { a=1 \t b } )  ");
  assert_int_equal(p.numElements, 1);
  assert_int_equal(p.elements[0].column, 3);
  const WspPipelineElement *module = &p.elements[0];
  assert_int_equal(module->numChildren, 2);
  assert_string_equal(module->children[0].name, "cse");
  assert_int_equal(module->children[0].column, 20);
  const WspPipelineElement *canon = &module->children[1];
  assert_string_equal(canon->name, "canonicalize");
  assert_int_equal(canon->column, 27);
  assert_string_equal(canon->optionsText, " a=1 \t b ");
  assert_int_equal(canon->numOptions, 2);
  assertOption(&canon->options[0], "a", "1");
  assertOption(&canon->options[1], "b", NULL);
  assertPrints(&p, "builtin.module(cse,canonicalize{a=1 b})");
  wspPipelineDestroy(&p);
}

static void test_option_forms(void **state) {
  (void)state;
  WspPipeline p = parseOk(
      "p{flag a=\"x y\" b='q, r' list=1,2,3 nested={k=v, w=[1,2]} "
      "arr=[a,{b}] empty= mixed=a\"b c\"d inner=\"it's\"}");
  assert_int_equal(p.numElements, 1);
  const WspPipelineElement *e = &p.elements[0];
  assert_false(e->isNested);
  assert_int_equal(e->numOptions, 9);
  assertOption(&e->options[0], "flag", NULL);
  assertOption(&e->options[1], "a", "x y");
  assertOption(&e->options[2], "b", "q, r");
  assertOption(&e->options[3], "list", "1,2,3");
  assertOption(&e->options[4], "nested", "{k=v, w=[1,2]}");
  assertOption(&e->options[5], "arr", "[a,{b}]");
  assertOption(&e->options[6], "empty", "");
  assertOption(&e->options[7], "mixed", "a\"b c\"d");
  assertOption(&e->options[8], "inner", "it's");
  wspPipelineDestroy(&p);
}

static void test_empty_braces_have_no_options(void **state) {
  (void)state;
  WspPipeline p = parseOk("cse{},canonicalize{  }");
  assert_string_equal(p.elements[0].optionsText, "");
  assert_int_equal(p.elements[0].numOptions, 0);
  assert_string_equal(p.elements[1].optionsText, "  ");
  assert_int_equal(p.elements[1].numOptions, 0);
  assertPrints(&p, "cse,canonicalize");
  wspPipelineDestroy(&p);
}

static void test_separators_inside_quotes_are_literal(void **state) {
  (void)state;
  WspPipeline p = parseOk("p{s=\"a}b\" t='(x,y)'},q");
  assert_int_equal(p.numElements, 2);
  assertOption(&p.elements[0].options[0], "s", "a}b");
  assertOption(&p.elements[0].options[1], "t", "(x,y)");
  assert_string_equal(p.elements[1].name, "q");
  wspPipelineDestroy(&p);
}

static void test_length_bounds_the_text(void **state) {
  (void)state;
  const char text[] = {'c', 's', 'e', ',', 'x'}; /* not NUL-terminated */
  WspPipeline p;
  assert_true(wspPipelineParse(text, 3, &p, NULL, 0, NULL));
  assert_int_equal(p.numElements, 1);
  assert_string_equal(p.elements[0].name, "cse");
  wspPipelineDestroy(&p);
}

static void test_destroy_is_safe_on_empty(void **state) {
  (void)state;
  WspPipeline p = {NULL, 0};
  wspPipelineDestroy(&p);
  wspPipelineDestroy(&p);
  wspPipelineDestroy(NULL);
}

/*===----------------------------------------------------------------------===*
 * Printing and round trips
 *===----------------------------------------------------------------------===*/

static void test_round_trips(void **state) {
  (void)state;
  assertRoundTrip("cse", "cse");
  assertRoundTrip(" a , b ", "a,b");
  assertRoundTrip("m(f(a{x=1  y}),b())", "m(f(a{x=1 y}),b())");
  assertRoundTrip("p{ list=1,2,3 }", "p{list=1,2,3}");
  assertRoundTrip("p{n={a=1, b=[2, 3]}}", "p{n={a=1, b=[2, 3]}}");
}

static void test_round_trip_requotes_values(void **state) {
  (void)state;
  assertRoundTrip("p{s=\"a b\"}", "p{s=\"a b\"}");
  assertRoundTrip("p{s='a b'}", "p{s=\"a b\"}");
  assertRoundTrip("p{t='x \"y'}", "p{t='x \"y'}");
  assertRoundTrip("p{e=\"\"}", "p{e=}");
  assertRoundTrip("p{q=\"{\"}", "p{q=\"{\"}");
  /* Two adjacent quoted strings are not one wholly quoted value. */
  assertRoundTrip("p{w=\"\"\"\"}", "p{w=\"\"\"\"}");
  assertRoundTrip("p{w='\"\"'}", "p{w='\"\"'}");
  assertRoundTrip("p{plain=\"abc\"}", "p{plain=abc}");
}

static void test_to_string_of_built_pipeline(void **state) {
  (void)state;
  WspPipelineOption options[] = {{"k", "v w"}, {"flag", NULL}};
  WspPipelineElement pass = {"p", 0, false, NULL, options, 2, NULL, 0};
  WspPipelineElement nested = {"n", 0, true, NULL, NULL, 0, &pass, 1};
  WspPipeline pipeline = {&nested, 1};
  assertPrints(&pipeline, "n(p{k=\"v w\" flag})");
}

/*===----------------------------------------------------------------------===*
 * Errors
 *===----------------------------------------------------------------------===*/

static void test_error_empty_element(void **state) {
  (void)state;
  expectError("a,,b", 3, "empty pipeline element at column 3");
  expectError(",a", 1, "empty pipeline element at column 1");
  expectError("a, ,b", 4, "empty pipeline element at column 4");
  expectError("a,", 3, "expected a pass or op name after ','");
  expectError("f(a,)", 5, "after ',' but found ')' at column 5");
  expectError("f(,a)", 3, "empty pipeline element at column 3");
}

static void test_error_unbalanced_paren(void **state) {
  (void)state;
  expectError("builtin.module(func.func(cse)", 30,
              "expected ')' to close 'builtin.module(' opened at column 15");
  expectError("func.func(", 11,
              "expected ')' to close 'func.func(' opened at column 10");
  expectError("m(f(a)", 7, "expected ')' to close 'm(' opened at column 2");
  expectError(")", 1, "unexpected ')' at column 1 with no matching '('");
  expectError("a)", 2, "unexpected ')' at column 2 with no matching '('");
}

static void test_error_unbalanced_brace(void **state) {
  (void)state;
  expectError("cse{a=1", 8, "expected '}' to close 'cse{' opened at column 4");
  expectError("p{a={1}", 8, "expected '}' to close 'p{' opened at column 2");
  expectError("p{a={1", 7,
              "expected '}' to close '{' opened at column 5 in options of 'p'");
  expectError("p{a=[1}", 7,
              "mismatched '}' at column 7 in options of 'p': expected ']' to "
              "close '[' opened at column 5");
  expectError("p{a=1]}", 6, "unexpected ']' at column 6 in options of 'p'");
  expectError("a}", 2, "unexpected '}' at column 2 after 'a'");
}

static void test_error_trailing_garbage(void **state) {
  (void)state;
  expectError("builtin.module(cse)x", 20,
              "unexpected 'x' at column 20 after 'builtin.module(...)'; "
              "expected ',' or end of pipeline");
  expectError("builtin.module(cse))", 20,
              "unexpected ')' at column 20 with no matching '('");
  expectError("f(a b)", 5,
              "unexpected 'b' at column 5 after 'a'; expected ',' or ')'");
  expectError("p{x=1} q", 8, "unexpected 'q' at column 8 after 'p{...}'");
}

static void test_error_invalid_name_character(void **state) {
  (void)state;
  expectError("can$onicalize", 4,
              "invalid character '$' at column 4 in name 'can$onicalize'");
  expectError("$x", 1,
              "invalid character '$' at column 1: expected a pass or op name");
  expectError("a,{x}", 3, "invalid character '{' at column 3");
  expectError("a\x01"
              "b",
              2, "invalid character '\\x01' at column 2");
}

static void test_error_options_on_nested_element(void **state) {
  (void)state;
  expectError("x{a=1}(cse)", 2,
              "op-anchored pipeline 'x(...)' cannot take options: found "
              "'{a=1}' at column 2");
  expectError("x(cse){a=1}", 7,
              "op-anchored pipeline 'x(...)' cannot take options: found "
              "'{a=1}' at column 7");
}

static void test_error_option_keys(void **state) {
  (void)state;
  expectError("cse{=3}", 5, "empty option key in '=3' at column 5 in options "
                            "of 'cse'");
  expectError("cse{a=1 =2}", 9, "empty option key in '=2' at column 9");
  expectError("cse{a:b=1}", 6,
              "invalid character ':' at column 6 in option 'a:b=1' of 'cse'");
}

static void test_error_unterminated_quote(void **state) {
  (void)state;
  expectError("cse{a=\"b}", 7,
              "unterminated \" quote at column 7 in options of 'cse'");
  expectError("cse{a='b}", 7,
              "unterminated ' quote at column 7 in options of 'cse'");
}

static void test_error_nesting_too_deep(void **state) {
  (void)state;
  enum { LEVELS = 200 };
  char text[LEVELS * 3 + 1];
  size_t length = 0;
  for (int i = 0; i < LEVELS; ++i) {
    text[length++] = 'a';
    text[length++] = '(';
  }
  for (int i = 0; i < LEVELS; ++i)
    text[length++] = ')';
  text[length] = '\0';
  expectError(text, 258, "pipeline nested too deeply at column 258");
}

static void test_error_without_buffers(void **state) {
  (void)state;
  WspPipeline p;
  assert_false(wspPipelineParse("a,,b", 4, &p, NULL, 0, NULL));
  assert_null(p.elements);

  char tiny[8];
  size_t column = 0;
  assert_false(wspPipelineParse("a,,b", 4, &p, tiny, sizeof tiny, &column));
  assert_int_equal(column, 3);
  assert_int_equal(strlen(tiny), sizeof tiny - 1);
  assert_memory_equal(tiny, "empty p", sizeof tiny);
}

static void test_error_after_partial_parse_frees_everything(void **state) {
  (void)state;
  /* Several complete elements, options and children exist when this fails;
   * the sanitizers/valgrind run checks they are all released. */
  expectError("a{x=1 y},m(f(b{z=\"q\"},c),d{w=[1]}),e,,", 38,
              "empty pipeline element at column 38");
  expectError("m(f(b{z=1},c{k=v}),d(e{p=1} x", 29,
              "unexpected 'x' at column 29 after 'e{...}'; expected ',' or "
              "')'");
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_full_nested_pipeline),
      cmocka_unit_test(test_bare_list_at_root),
      cmocka_unit_test(test_empty_and_blank_text_is_empty_pipeline),
      cmocka_unit_test(test_empty_nested_pipeline),
      cmocka_unit_test(test_whitespace_around_tokens),
      cmocka_unit_test(test_option_forms),
      cmocka_unit_test(test_empty_braces_have_no_options),
      cmocka_unit_test(test_separators_inside_quotes_are_literal),
      cmocka_unit_test(test_length_bounds_the_text),
      cmocka_unit_test(test_destroy_is_safe_on_empty),
      cmocka_unit_test(test_round_trips),
      cmocka_unit_test(test_round_trip_requotes_values),
      cmocka_unit_test(test_to_string_of_built_pipeline),
      cmocka_unit_test(test_error_empty_element),
      cmocka_unit_test(test_error_unbalanced_paren),
      cmocka_unit_test(test_error_unbalanced_brace),
      cmocka_unit_test(test_error_trailing_garbage),
      cmocka_unit_test(test_error_invalid_name_character),
      cmocka_unit_test(test_error_options_on_nested_element),
      cmocka_unit_test(test_error_option_keys),
      cmocka_unit_test(test_error_unterminated_quote),
      cmocka_unit_test(test_error_nesting_too_deep),
      cmocka_unit_test(test_error_without_buffers),
      cmocka_unit_test(test_error_after_partial_parse_frees_everything),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
