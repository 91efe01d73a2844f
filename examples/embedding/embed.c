/* wsp-embed: a downstream compiler that owns its MLIR context and pass
   manager and uses wsp's passes in them (docs/embedding.md).

     wsp-embed <program.mlir> <artifact-dir>

   Parses the program in its own context, runs upstream canonicalize and cse,
   then wsp's lowering (the wsp-to-taskring pipeline) through its own pass
   manager, then writes the artifact of the default target, simpler-6ebaf771
   (wsp-to-taskring{target=pto-runtime-41d5c94a} gives the other). Errors are
   printed by the handler this program attaches to its own context. */
#include <stdio.h>
#include <string.h>

#include "mlir-c/Diagnostics.h"
#include "mlir-c/IR.h"
#include "mlir-c/Pass.h"
#include "mlir-c/Transforms.h"
#include "wsp-c/Emit.h"
#include "wsp-c/Registration.h"

static void printPiece(MlirStringRef piece, void *userData) {
  fwrite(piece.data, 1, piece.length, (FILE *)userData);
}

/* The embedder's own diagnostic handler: every error wsp raises comes here. */
static MlirLogicalResult onDiagnostic(MlirDiagnostic diagnostic, void *userData) {
  int *errors = userData;
  if (mlirDiagnosticGetSeverity(diagnostic) == MlirDiagnosticError)
    ++*errors;
  fputs("wsp-embed: ", stderr);
  mlirLocationPrint(mlirDiagnosticGetLocation(diagnostic), printPiece, stderr);
  fputs(": ", stderr);
  mlirDiagnosticPrint(diagnostic, printPiece, stderr);
  fputc('\n', stderr);
  return mlirLogicalResultSuccess();
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: %s <program.mlir> <artifact-dir>\n", argv[0]);
    return 2;
  }
  int errors = 0;
  MlirContext ctx = mlirContextCreate();
  MlirDiagnosticHandlerID handler =
      mlirContextAttachDiagnosticHandler(ctx, onDiagnostic, &errors, NULL);
  WspContext wsp = wspContextCreateForMlirContext(ctx);
  if (wspContextIsNull(wsp))
    return 1;

  int status = 1;
  MlirModule module =
      mlirModuleCreateParseFromFile(ctx, mlirStringRefCreateFromCString(argv[1]));
  if (!mlirModuleIsNull(module)) {
    MlirPassManager pm = mlirPassManagerCreate(ctx);
    MlirOpPassManager opm = mlirPassManagerGetAsOpPassManager(pm);
    mlirOpPassManagerAddOwnedPass(opm, mlirCreateTransformsCanonicalizer());
    mlirOpPassManagerAddOwnedPass(opm, mlirCreateTransformsCSE());
    MlirPass lower = wspCreatePass(wsp, "wsp-to-taskring", NULL);
    if (!wspPassIsNull(lower)) {
      mlirOpPassManagerAddOwnedPass(opm, lower);
      if (mlirLogicalResultIsSuccess(
              mlirPassManagerRunOnOp(pm, mlirModuleGetOperation(module)))) {
        WspEmitOptions options = wspEmitOptionsGetDefault();
        options.sourcePath = argv[1];
        options.force = true;
        if (wspEmitArtifact(wsp, module, &options, argv[2])) {
          printf("wsp-embed: wrote %s\n", argv[2]);
          status = 0;
        }
      }
    }
    mlirPassManagerDestroy(pm);
    mlirModuleDestroy(module);
  }
  wspContextDestroy(wsp);
  mlirContextDetachDiagnosticHandler(ctx, handler);
  mlirContextDestroy(ctx);
  if (status && !errors)
    fprintf(stderr, "wsp-embed: failed\n");
  return status;
}
