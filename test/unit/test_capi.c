/* Unit tests for libwsp's public C API: contexts, parsing with captured
   diagnostics, printing, pass pipelines and the pass list. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "wsp-c/Wsp.h"

static const char *kWorkload =
    "func.func private @k(memref<4xf32>) attributes {wsp.kernel = \"aiv\", wsp.access = [\"in\"], wsp.source = \"k.cpp\"}\n"
    "func.func @main(%x: memref<4xf32>) attributes {wsp.workload} {\n"
    "  %a = \"wsp.in\"(%x) : (memref<4xf32>) -> !wsp.arg\n"
    "  %t = \"wsp.task\"(%a) {kernel = @k} : (!wsp.arg) -> !wsp.handle\n"
    "  return\n"
    "}\n";

static int setupContext(void **state) {
  WspContext *ctx = test_malloc(sizeof(WspContext));
  *ctx = wspContextCreate();
  *state = ctx;
  return wspContextIsNull(*ctx) ? -1 : 0;
}

static int teardownContext(void **state) {
  WspContext *ctx = *state;
  wspContextDestroy(*ctx);
  test_free(ctx);
  return 0;
}

static void test_embedded_dialects_are_present(void **state) {
  (void)state;
  assert_non_null(strstr(wspGetWspDialectIrdl(), "irdl.dialect @wsp"));
  assert_non_null(strstr(wspGetTaskRingDialectIrdl(), "irdl.dialect @taskring"));
  assert_non_null(strstr(wspGetVersionString(), "wsp "));
}

static void test_parse_valid_program_keeps_file_name(void **state) {
  WspContext ctx = *(WspContext *)*state;
  MlirModule m = wspParseSourceString(ctx, kWorkload, strlen(kWorkload), "prog.mlir");
  assert_false(mlirModuleIsNull(m));
  assert_int_equal(wspContextGetNumErrors(ctx), 0);
  char *text = wspOperationPrintToString(mlirModuleGetOperation(m), false, true);
  assert_non_null(strstr(text, "\"wsp.task\""));
  assert_non_null(strstr(text, "prog.mlir\":4:"));
  wspStringDestroy(text);
  mlirModuleDestroy(m);
}

static void test_parse_error_is_captured_with_position(void **state) {
  WspContext ctx = *(WspContext *)*state;
  const char *bad = "func.func @f() {\n  %0 = \"wsp.symbol\"() : () -> i64\n  return\n}\n";
  MlirModule m = wspParseSourceString(ctx, bad, strlen(bad), "bad.mlir");
  assert_true(mlirModuleIsNull(m));
  assert_true(wspContextGetNumErrors(ctx) >= 1);
  WspDiagnostic d = wspContextGetDiagnostic(ctx, 0);
  assert_int_equal(d.severity, WSP_DIAGNOSTIC_ERROR);
  assert_string_equal(d.file, "bad.mlir");
  assert_int_equal(d.line, 2);
  assert_true(d.column > 0);
  assert_non_null(strstr(d.message, "name"));
  wspContextClearDiagnostics(ctx);
  assert_int_equal(wspContextGetNumDiagnostics(ctx), 0);
}

/* The parser wraps several top-level ops in an implicit module right away
   (docs/performance.md, P1); these pin that the result and the locations are
   those of the old parse-as-one-op-then-wrap. */
static char *parseAndPrint(WspContext ctx, const char *text, const char *name) {
  MlirModule m = wspParseSourceString(ctx, text, strlen(text), name);
  if (mlirModuleIsNull(m))
    return NULL;
  char *printed = wspOperationPrintToString(mlirModuleGetOperation(m), false, true);
  mlirModuleDestroy(m);
  return printed;
}

static void test_parse_single_op_on_line_one_keeps_its_columns(void **state) {
  WspContext ctx = *(WspContext *)*state;
  char *text = parseAndPrint(ctx, "func.func @f() {\n  return\n}\n", "one.mlir");
  assert_non_null(text);
  /* The func (and the module made around it) at 1:1, not shifted by the
     7 characters of an implicit "module{". */
  assert_non_null(strstr(text, "#loc = loc(\"one.mlir\":1:1)"));
  assert_null(strstr(text, "one.mlir\":1:8"));
  wspStringDestroy(text);
}

static void test_parse_single_op_after_line_one_gets_a_module_at_its_location(void **state) {
  WspContext ctx = *(WspContext *)*state;
  char *text = parseAndPrint(ctx, "// comment\nfunc.func @f() {\n  return\n}\n", "two.mlir");
  assert_non_null(text);
  assert_non_null(strstr(text, "} loc(#loc)\n#loc = loc(\"two.mlir\":2:1)"));
  assert_null(strstr(text, "two.mlir\":1:1"));
  assert_int_equal(wspContextGetNumDiagnostics(ctx), 0);
  wspStringDestroy(text);
}

static void test_parse_several_ops_reports_errors_once_at_exact_lines(void **state) {
  WspContext ctx = *(WspContext *)*state;
  const char *bad = "// two functions\nfunc.func @f() {\n  return\n}\n"
                    "func.func @g() {\n  \"wsp.bogus\"() : () -> ()\n  return\n}\n";
  assert_null(parseAndPrint(ctx, bad, "bad.mlir"));
  assert_int_equal(wspContextGetNumErrors(ctx), 1);
  WspDiagnostic d = wspContextGetDiagnostic(ctx, 0);
  assert_int_equal(d.line, 6);
  assert_int_equal(d.column, 3);
}

static void test_parse_module_followed_by_ops_is_wrapped(void **state) {
  WspContext ctx = *(WspContext *)*state;
  char *text = parseAndPrint(ctx, "module {\n}\nfunc.func @g() {\n  return\n}\n", "mix.mlir");
  assert_non_null(text);
  assert_non_null(strstr(text, "module {\n  module {\n  } loc(#loc1)\n  func.func @g()"));
  assert_int_equal(wspContextGetNumDiagnostics(ctx), 0);
  wspStringDestroy(text);
}

static void test_parse_empty_text_is_an_empty_module(void **state) {
  WspContext ctx = *(WspContext *)*state;
  char *text = parseAndPrint(ctx, "  // nothing\n", "empty.mlir");
  assert_non_null(text);
  assert_non_null(strstr(text, "module {\n} loc(#loc)"));
  assert_int_equal(wspContextGetNumDiagnostics(ctx), 0);
  wspStringDestroy(text);
}

static void test_unreadable_file_is_a_diagnostic(void **state) {
  WspContext ctx = *(WspContext *)*state;
  MlirModule m = wspParseSourceFile(ctx, "/nonexistent/dir/x.mlir");
  assert_true(mlirModuleIsNull(m));
  WspDiagnostic d = wspContextGetDiagnostic(ctx, 0);
  assert_non_null(strstr(d.message, "cannot read input file '/nonexistent/dir/x.mlir'"));
}

static void test_warnings_and_notes_are_recorded_in_order(void **state) {
  WspContext ctx = *(WspContext *)*state;
  MlirContext mctx = wspContextGetMlirContext(ctx);
  MlirLocation loc = mlirLocationFileLineColGet(mctx, mlirStringRefCreateFromCString("f.mlir"), 3, 7);
  wspEmitErrorf(ctx, loc, "error %d", 1);
  wspEmitWarning(ctx, loc, "warning");
  wspEmitNote(ctx, loc, "note");
  assert_int_equal(wspContextGetNumDiagnostics(ctx), 3);
  assert_int_equal(wspContextGetNumErrors(ctx), 1);
  assert_string_equal(wspContextGetDiagnostic(ctx, 0).message, "error 1");
  assert_int_equal(wspContextGetDiagnostic(ctx, 1).severity, WSP_DIAGNOSTIC_WARNING);
  assert_int_equal(wspContextGetDiagnostic(ctx, 2).severity, WSP_DIAGNOSTIC_NOTE);
  assert_int_equal(wspContextGetDiagnostic(ctx, 2).line, 3);
  assert_int_equal(wspContextGetDiagnostic(ctx, 2).column, 7);
}

static void test_pipeline_mixing_wsp_and_upstream_passes_runs(void **state) {
  WspContext ctx = *(WspContext *)*state;
  MlirModule m = wspParseSourceString(ctx, kWorkload, strlen(kWorkload), "prog.mlir");
  WspPassManager pm = wspPassManagerCreate(ctx);
  assert_true(wspPassManagerAddPipeline(pm, "builtin.module(wsp-verify,func.func(canonicalize),cse)"));
  char *text = wspPassManagerGetPipelineString(pm);
  assert_non_null(strstr(text, "wsp-verify"));
  assert_non_null(strstr(text, "canonicalize"));
  wspStringDestroy(text);
  assert_true(wspPassManagerRun(pm, m));
  wspPassManagerDestroy(pm);
  mlirModuleDestroy(m);
}

static void test_unknown_pass_is_located_and_adds_nothing(void **state) {
  WspContext ctx = *(WspContext *)*state;
  WspPassManager pm = wspPassManagerCreate(ctx);
  assert_false(wspPassManagerAddPipeline(pm, "builtin.module(wsp-verify,no-such-pass)"));
  WspDiagnostic d = wspContextGetDiagnostic(ctx, 0);
  assert_string_equal(d.file, "<pass-pipeline>");
  assert_int_equal(d.column, 27);
  assert_non_null(strstr(d.message, "'no-such-pass'"));
  char *text = wspPassManagerGetPipelineString(pm);
  assert_null(strstr(text, "wsp-verify"));
  wspStringDestroy(text);
  wspPassManagerDestroy(pm);
}

static void test_wsp_pass_cannot_nest_under_func(void **state) {
  WspContext ctx = *(WspContext *)*state;
  WspPassManager pm = wspPassManagerCreate(ctx);
  assert_false(wspPassManagerAddPipeline(pm, "func.func(wsp-verify)"));
  assert_non_null(strstr(wspContextGetDiagnostic(ctx, 0).message, "cannot be nested under 'func.func'"));
  wspPassManagerDestroy(pm);
}

static void test_failing_pass_reports_and_returns_false(void **state) {
  WspContext ctx = *(WspContext *)*state;
  const char *two =
      "func.func @a() attributes {wsp.workload} { return }\n"
      "func.func @b() attributes {wsp.workload} { return }\n";
  MlirModule m = wspParseSourceString(ctx, two, strlen(two), "two.mlir");
  assert_false(mlirModuleIsNull(m));
  WspPassManager pm = wspPassManagerCreate(ctx);
  assert_true(wspPassManagerAddPass(pm, "wsp-verify", NULL));
  assert_false(wspPassManagerRun(pm, m));
  WspDiagnostic d = wspContextGetDiagnostic(ctx, 0);
  assert_int_equal(d.line, 2);
  assert_non_null(strstr(d.message, "at most one workload"));
  wspPassManagerDestroy(pm);
  mlirModuleDestroy(m);
}

static void test_pass_list_names_wsp_verify(void **state) {
  (void)state;
  bool found = false;
  for (size_t i = 0; i < wspGetNumPasses(); ++i)
    found |= strcmp(wspGetPassName(i), "wsp-verify") == 0;
  assert_true(found);
  assert_null(wspGetPassName(wspGetNumPasses()));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_embedded_dialects_are_present),
      cmocka_unit_test_setup_teardown(test_parse_valid_program_keeps_file_name, setupContext, teardownContext),
      cmocka_unit_test_setup_teardown(test_parse_error_is_captured_with_position, setupContext, teardownContext),
      cmocka_unit_test_setup_teardown(test_parse_single_op_on_line_one_keeps_its_columns, setupContext, teardownContext),
      cmocka_unit_test_setup_teardown(test_parse_single_op_after_line_one_gets_a_module_at_its_location, setupContext, teardownContext),
      cmocka_unit_test_setup_teardown(test_parse_several_ops_reports_errors_once_at_exact_lines, setupContext, teardownContext),
      cmocka_unit_test_setup_teardown(test_parse_module_followed_by_ops_is_wrapped, setupContext, teardownContext),
      cmocka_unit_test_setup_teardown(test_parse_empty_text_is_an_empty_module, setupContext, teardownContext),
      cmocka_unit_test_setup_teardown(test_unreadable_file_is_a_diagnostic, setupContext, teardownContext),
      cmocka_unit_test_setup_teardown(test_warnings_and_notes_are_recorded_in_order, setupContext, teardownContext),
      cmocka_unit_test_setup_teardown(test_pipeline_mixing_wsp_and_upstream_passes_runs, setupContext, teardownContext),
      cmocka_unit_test_setup_teardown(test_unknown_pass_is_located_and_adds_nothing, setupContext, teardownContext),
      cmocka_unit_test_setup_teardown(test_wsp_pass_cannot_nest_under_func, setupContext, teardownContext),
      cmocka_unit_test_setup_teardown(test_failing_pass_reports_and_returns_false, setupContext, teardownContext),
      cmocka_unit_test(test_pass_list_names_wsp_verify),
  };
  return cmocka_run_group_tests_name("capi", tests, NULL, NULL);
}
