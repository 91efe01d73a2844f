/* Unit tests for wsp-c/Registration.h: wsp's dialects and passes inside a
   user's own MlirContext and MlirPassManager. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "mlir-c/Diagnostics.h"
#include "mlir-c/IR.h"
#include "mlir-c/Pass.h"
#include "mlir-c/Transforms.h"
#include "wsp-c/Wsp.h"

static const char *kProgram =
    "module {\n"
    "func.func private @k(memref<4xf32>) attributes {wsp.kernel = \"aiv\", wsp.access = [\"in\"], wsp.source = \"k.cpp\"}\n"
    "func.func @main(%x: memref<4xf32>) attributes {wsp.workload} {\n"
    "  %c0 = arith.constant 0 : index\n"
    "  %c2 = arith.constant 2 : index\n"
    "  %c1 = arith.constant 1 : index\n"
    "  scf.for %i = %c0 to %c2 step %c1 {\n"
    "    %a = \"wsp.in\"(%x) : (memref<4xf32>) -> !wsp.arg\n"
    "    %t = \"wsp.task\"(%a) {kernel = @k} : (!wsp.arg) -> !wsp.handle\n"
    "  }\n"
    "  return\n"
    "}\n"
    "}\n";

/* A task of a kernel that is not a wsp.kernel: wsp-verify rejects it (line 4). */
static const char *kInvalid =
    "module {\n"
    "func.func private @k(memref<4xf32>)\n"
    "func.func @main(%x: memref<4xf32>) attributes {wsp.workload} {\n"
    "  %a = \"wsp.in\"(%x) : (memref<4xf32>) -> !wsp.arg\n"
    "  %t = \"wsp.task\"(%a) {kernel = @k} : (!wsp.arg) -> !wsp.handle\n"
    "  return\n"
    "}\n"
    "}\n";

typedef struct UserHandler {
  int errors;
  unsigned line;
  char message[512];
} UserHandler;

static MlirLogicalResult userHandler(MlirDiagnostic d, void *userData) {
  UserHandler *h = userData;
  if (mlirDiagnosticGetSeverity(d) == MlirDiagnosticError) {
    h->errors++;
    MlirLocation loc = mlirDiagnosticGetLocation(d);
    if (mlirLocationIsAFileLineColRange(loc))
      h->line = (unsigned)mlirLocationFileLineColRangeGetStartLine(loc);
  }
  return mlirLogicalResultSuccess();
}

static MlirModule parse(MlirContext ctx, const char *text) {
  return mlirModuleCreateParse(ctx, mlirStringRefCreateFromCString(text));
}

static bool contains(MlirOperation op, const char *needle) {
  char *text = wspOperationPrintToString(op, false, false);
  bool found = strstr(text, needle) != NULL;
  wspStringDestroy(text);
  return found;
}

/* A user's context with their own diagnostic handler and wsp on top: the
   setting of the tests that check where diagnostics go. */
typedef struct Session {
  MlirContext ctx;
  UserHandler seen; /* also keeps the expected errors off stderr */
  MlirDiagnosticHandlerID id;
  WspContext wsp;
} Session;

static int openSession(void **state) {
  Session *s = calloc(1, sizeof *s);
  if (!s)
    return -1;
  s->ctx = mlirContextCreate();
  s->id = mlirContextAttachDiagnosticHandler(s->ctx, userHandler, &s->seen, NULL);
  s->wsp = wspContextCreateForMlirContext(s->ctx);
  *state = s;
  return 0;
}

static int closeSession(void **state) {
  Session *s = *state;
  wspContextDestroy(s->wsp);
  mlirContextDetachDiagnosticHandler(s->ctx, s->id);
  mlirContextDestroy(s->ctx);
  free(s);
  return 0;
}

/* Runs the wsp pass `name` alone on `text` in a pass manager of the user's;
   whether it succeeded. */
static bool runPassOn(Session *s, const char *text, const char *name) {
  MlirModule module = parse(s->ctx, text);
  assert_false(mlirModuleIsNull(module));
  MlirPassManager pm = mlirPassManagerCreate(s->ctx);
  mlirPassManagerAddOwnedPass(pm, wspCreatePass(s->wsp, name, NULL));
  bool ok = mlirLogicalResultIsSuccess(
      mlirPassManagerRunOnOp(pm, mlirModuleGetOperation(module)));
  mlirPassManagerDestroy(pm);
  mlirModuleDestroy(module);
  return ok;
}

static void test_passes_run_in_the_users_pass_manager(void **state) {
  (void)state;
  MlirContext ctx = mlirContextCreate(); /* multithreading on, as a default user has */
  WspContext wsp = wspContextCreateForMlirContext(ctx);
  assert_false(wspContextIsNull(wsp));
  assert_true(wspContextIsBorrowed(wsp));
  assert_true(mlirContextEqual(wspContextGetMlirContext(wsp), ctx));
  MlirModule module = parse(ctx, kProgram); /* the user's own parser call */
  assert_false(mlirModuleIsNull(module));

  MlirPassManager pm = mlirPassManagerCreate(ctx);
  MlirOpPassManager opm = mlirPassManagerGetAsOpPassManager(pm);
  mlirOpPassManagerAddOwnedPass(opm, mlirCreateTransformsCanonicalizer());
  mlirOpPassManagerAddOwnedPass(opm, mlirCreateTransformsCSE());
  MlirPass lower = wspCreatePass(wsp, "wsp-to-taskring", "runtime=host_build_graph");
  assert_false(wspPassIsNull(lower));
  mlirOpPassManagerAddOwnedPass(opm, lower);
  mlirOpPassManagerAddOwnedPass(opm, wspCreatePass(wsp, "taskring-verify", NULL));
  assert_true(mlirLogicalResultIsSuccess(
      mlirPassManagerRunOnOp(pm, mlirModuleGetOperation(module))));
  assert_int_equal(wspContextGetNumErrors(wsp), 0);
  assert_true(contains(mlirModuleGetOperation(module), "\"taskring.submit\""));
  assert_true(contains(mlirModuleGetOperation(module), "flavor = \"host_build_graph\""));
  assert_false(contains(mlirModuleGetOperation(module), "\"wsp.task\""));

  mlirPassManagerDestroy(pm);
  mlirModuleDestroy(module);
  wspContextDestroy(wsp);
  /* The MlirContext is the user's: still alive and usable. */
  MlirModule after = parse(ctx, "module {}");
  assert_false(mlirModuleIsNull(after));
  mlirModuleDestroy(after);
  mlirContextDestroy(ctx);
}

typedef struct Text {
  char data[1024];
  size_t length;
} Text;

static void appendText(MlirStringRef piece, void *userData) {
  Text *t = userData;
  size_t n = piece.length < sizeof t->data - 1 - t->length ? piece.length
                                                            : sizeof t->data - 1 - t->length;
  memcpy(t->data + t->length, piece.data, n);
  t->length += n;
  t->data[t->length] = '\0';
}

static void test_single_pass_shows_by_name_in_the_users_pipeline(void **state) {
  (void)state;
  MlirContext ctx = mlirContextCreate();
  WspContext wsp = wspContextCreateForMlirContext(ctx);
  MlirPassManager pm = mlirPassManagerCreate(ctx);
  MlirOpPassManager opm = mlirPassManagerGetAsOpPassManager(pm);
  mlirOpPassManagerAddOwnedPass(opm, wspCreatePass(wsp, "wsp-verify", ""));
  mlirOpPassManagerAddOwnedPass(opm, mlirCreateTransformsCanonicalizer());
  mlirOpPassManagerAddOwnedPass(opm, wspCreatePass(wsp, "wsp-to-taskring", NULL));
  Text text = {{0}, 0};
  mlirPrintPassPipeline(opm, appendText, &text);
  assert_non_null(strstr(text.data, "wsp-verify"));
  assert_non_null(strstr(text.data, "canonicalize"));
  assert_non_null(strstr(text.data, "wsp-to-taskring"));
  mlirPassManagerDestroy(pm);
  wspContextDestroy(wsp);
  mlirContextDestroy(ctx);
}

static void test_errors_reach_the_users_handler(void **state) {
  Session *s = *state;
  assert_false(runPassOn(s, kInvalid, "wsp-verify"));
  assert_true(s->seen.errors >= 1);
  assert_int_equal(s->seen.line, 5);
  /* ... and wsp recorded it too. */
  assert_true(wspContextGetNumErrors(s->wsp) >= 1);
  WspDiagnostic d = wspContextGetDiagnostic(s->wsp, 0);
  assert_int_equal(d.line, 5);
  assert_non_null(strstr(d.message, "@k"));
}

/* Two processes each waiting for the other: wsp-check-deadlock's error comes
   out of its static analysis, which holds diagnostics back while it runs. */
static const char *kDeadlock =
    "module {\n"
    "func.func @left(%in: !wsp.channel<i64>, %out: !wsp.channel<i64>) attributes {wsp.process, wsp.access = [\"in\", \"out\"]} {\n"
    "  %ok, %t = \"wsp.recv\"(%in) : (!wsp.channel<i64>) -> (i1, i64)\n"
    "  \"wsp.send\"(%out, %t) : (!wsp.channel<i64>, i64) -> ()\n"
    "  return\n"
    "}\n"
    "func.func @main() attributes {wsp.workload} {\n"
    "  %a = \"wsp.create_channel\"() {name = \"a\", capacity = 2 : i64} : () -> !wsp.channel<i64>\n"
    "  %b = \"wsp.create_channel\"() {name = \"b\", capacity = 2 : i64} : () -> !wsp.channel<i64>\n"
    "  %p0 = \"wsp.in\"(%a) : (!wsp.channel<i64>) -> !wsp.arg\n"
    "  %p1 = \"wsp.out\"(%b) : (!wsp.channel<i64>) -> !wsp.arg\n"
    "  \"wsp.spawn\"(%p0, %p1) {process = @left} : (!wsp.arg, !wsp.arg) -> ()\n"
    "  %q0 = \"wsp.in\"(%b) : (!wsp.channel<i64>) -> !wsp.arg\n"
    "  %q1 = \"wsp.out\"(%a) : (!wsp.channel<i64>) -> !wsp.arg\n"
    "  \"wsp.spawn\"(%q0, %q1) {process = @left} : (!wsp.arg, !wsp.arg) -> ()\n"
    "  return\n"
    "}\n"
    "}\n";

static void test_analysis_errors_reach_the_users_handler(void **state) {
  Session *s = *state;
  wspContextSetEmbeddedNoteStream(s->wsp, NULL); /* the notes stay off stderr */
  assert_false(runPassOn(s, kDeadlock, "wsp-check-deadlock"));
  assert_int_equal(s->seen.errors, (int)wspContextGetNumErrors(s->wsp));
  assert_true(s->seen.errors >= 1);
  assert_int_equal(s->seen.line, 7);
}

/* A warning (wsp-check-fanin cannot build the graph of a program whose loop
   bound is a runtime symbol): recorded, printed to the note stream, and not
   an error for the user's handler. */
static void test_warnings_go_to_the_note_stream(void **state) {
  Session *s = *state;
  const char *program =
      "module {\n"
      "func.func private @k(memref<4xf32>) attributes {wsp.kernel = \"aiv\", wsp.access = [\"in\"], wsp.source = \"k.cpp\"}\n"
      "func.func @main(%x: memref<4xf32>) attributes {wsp.workload} {\n"
      "  %n = \"wsp.symbol\"() {name = \"n\"} : () -> index\n"
      "  %c0 = arith.constant 0 : index\n"
      "  %c1 = arith.constant 1 : index\n"
      "  scf.for %i = %c0 to %n step %c1 {\n"
      "    %a = \"wsp.in\"(%x) : (memref<4xf32>) -> !wsp.arg\n"
      "    %t = \"wsp.task\"(%a) {kernel = @k} : (!wsp.arg) -> !wsp.handle\n"
      "  }\n"
      "  return\n"
      "}\n"
      "}\n";
  FILE *notes = tmpfile();
  wspContextSetEmbeddedNoteStream(s->wsp, notes);
  assert_true(runPassOn(s, program, "wsp-check-fanin"));
  assert_int_equal(s->seen.errors, 0);
  assert_int_equal(wspContextGetNumErrors(s->wsp), 0);
  assert_true(wspContextGetNumDiagnostics(s->wsp) >= 1);
  assert_int_equal(wspContextGetDiagnostic(s->wsp, 0).severity, WSP_DIAGNOSTIC_WARNING);
  char text[4096] = {0};
  rewind(notes);
  size_t n = fread(text, 1, sizeof text - 1, notes);
  text[n] = '\0';
  assert_non_null(strstr(text, "warning: wsp-check-fanin"));
  fclose(notes);
}

static void test_bad_names_and_options_are_located_errors(void **state) {
  Session *s = *state;
  WspContext wsp = s->wsp;
  assert_true(wspPassIsNull(wspCreatePass(wsp, "wsp-no-such-pass", NULL)));
  assert_non_null(strstr(wspContextGetDiagnostic(wsp, 0).message, "'wsp-no-such-pass'"));
  assert_string_equal(wspContextGetDiagnostic(wsp, 0).file, "<pass-pipeline>");
  assert_true(wspPassIsNull(wspCreatePass(wsp, "wsp-to-taskring", "runtime=cuda")));
  assert_non_null(strstr(wspContextGetDiagnostic(wsp, 1).message, "runtime"));
  assert_non_null(strstr(wspContextGetDiagnostic(wsp, 1).message, "host_build_graph"));
  assert_true(wspPassIsNull(wspCreatePass(wsp, "wsp-verify", "nope=1")));
  assert_non_null(strstr(wspContextGetDiagnostic(wsp, 2).message, "has no option 'nope'"));
  /* upstream passes are created with MLIR's own functions */
  assert_true(wspPassIsNull(wspCreatePass(wsp, "canonicalize", NULL)));
  assert_int_equal(s->seen.errors, 4);
}

static void test_textual_pipeline_into_users_pass_manager(void **state) {
  Session *s = *state;
  WspContext wsp = s->wsp;
  MlirModule module = parse(s->ctx, kProgram);
  MlirPassManager pm = mlirPassManagerCreate(s->ctx);
  MlirOpPassManager opm = mlirPassManagerGetAsOpPassManager(pm);
  assert_false(wspOpPassManagerAddPipeline(wsp, opm, "canonicalize,wsp-bogus"));
  assert_int_equal(wspContextGetDiagnostic(wsp, 0).column, 14);
  assert_true(wspOpPassManagerAddPipeline(
      wsp, opm, "func.func(canonicalize),cse,wsp-to-taskring{serialize=true}"));
  /* a nested manager takes upstream passes; wsp passes need the module */
  MlirOpPassManager nested =
      mlirOpPassManagerGetNestedUnder(opm, mlirStringRefCreateFromCString("func.func"));
  assert_true(wspOpPassManagerAddPipeline(wsp, nested, "cse"));
  assert_false(wspOpPassManagerAddPipeline(wsp, nested, "wsp-verify"));
  assert_non_null(strstr(wspContextGetDiagnostic(wsp, 1).message, "cannot be nested under 'func.func'"));
  assert_true(mlirLogicalResultIsSuccess(
      mlirPassManagerRunOnOp(pm, mlirModuleGetOperation(module))));
  assert_true(contains(mlirModuleGetOperation(module), "\"taskring.submit\""));
  assert_int_equal(s->seen.errors, 2);
  mlirPassManagerDestroy(pm);
  mlirModuleDestroy(module);
}

static void test_registry_and_second_context(void **state) {
  (void)state;
  MlirDialectRegistry registry = mlirDialectRegistryCreate();
  wspRegisterDependentDialects(registry);
  MlirContext ctx = mlirContextCreate();
  mlirContextAppendDialectRegistry(ctx, registry);
  mlirDialectRegistryDestroy(registry);
  assert_false(mlirDialectIsNull(
      mlirContextGetOrLoadDialect(ctx, mlirStringRefCreateFromCString("cf"))));
  WspContext first = wspContextCreateForMlirContext(ctx);
  WspContext second = wspContextCreateForMlirContext(ctx); /* dialects already there */
  assert_false(wspContextIsNull(first));
  assert_false(wspContextIsNull(second));
  MlirModule module = parse(ctx, kProgram);
  assert_false(mlirModuleIsNull(module));
  MlirPassManager pm = mlirPassManagerCreate(ctx);
  mlirPassManagerAddOwnedPass(pm, wspCreatePass(second, "wsp-verify", NULL));
  assert_true(mlirLogicalResultIsSuccess(
      mlirPassManagerRunOnOp(pm, mlirModuleGetOperation(module))));
  mlirPassManagerDestroy(pm);
  mlirModuleDestroy(module);
  wspContextDestroy(second);
  wspContextDestroy(first);
  mlirContextDestroy(ctx);
  assert_true(wspContextIsNull(wspContextCreateForMlirContext((MlirContext){NULL})));
}

static void test_wsp_entry_points_accept_a_borrowed_context(void **state) {
  (void)state;
  MlirContext ctx = mlirContextCreate();
  WspContext wsp = wspContextCreateForMlirContext(ctx);
  MlirModule module = wspParseSourceString(wsp, kProgram, strlen(kProgram), "prog.mlir");
  assert_false(mlirModuleIsNull(module));
  WspPassManager pm = wspPassManagerCreate(wsp);
  assert_true(wspPassManagerAddPipeline(pm, "canonicalize,wsp-to-taskring"));
  assert_true(wspPassManagerRun(pm, module));
  wspPassManagerDestroy(pm);
  mlirModuleDestroy(module);
  wspContextDestroy(wsp);
  mlirContextDestroy(ctx);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_passes_run_in_the_users_pass_manager),
      cmocka_unit_test(test_single_pass_shows_by_name_in_the_users_pipeline),
      cmocka_unit_test_setup_teardown(test_errors_reach_the_users_handler, openSession, closeSession),
      cmocka_unit_test_setup_teardown(test_analysis_errors_reach_the_users_handler, openSession, closeSession),
      cmocka_unit_test_setup_teardown(test_warnings_go_to_the_note_stream, openSession, closeSession),
      cmocka_unit_test_setup_teardown(test_bad_names_and_options_are_located_errors, openSession, closeSession),
      cmocka_unit_test_setup_teardown(test_textual_pipeline_into_users_pass_manager, openSession, closeSession),
      cmocka_unit_test(test_registry_and_second_context),
      cmocka_unit_test(test_wsp_entry_points_accept_a_borrowed_context),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
