/* The emitter's driver (wsp-c/Emit.h): the table of targets, and the public
   entry that analyses the module (Core/EmitModule.c) and lets the chosen
   target print the artifact in memory; Core/ArtifactWriter.c writes it
   atomically. Nothing reaches the disk unless every file was produced.
   Dependencies: this file -> Targets/<target> -> Core. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "EmitInternal.h"
#include "wsp-c/Diagnostics.h"

WspEmitOptions wspEmitOptionsGetDefault(void) {
  WspEmitOptions o = {"a2a3sim", NULL, NULL, false, NULL};
  return o;
}

/*===--- targets ----------------------------------------------------------===*/

static const WspEmitTarget *const kTargets[] = {
    &wspPtoRuntime41d5c94aTarget,
    &wspSimpler6ebaf771Target,
};
static const size_t kNumTargets = sizeof kTargets / sizeof kTargets[0];

size_t wspEmitGetNumTargets(void) { return kNumTargets; }

const char *wspEmitGetTargetName(size_t index) {
  return index < kNumTargets ? kTargets[index]->name : NULL;
}

const char *wspEmitGetTargetAbi(size_t index) {
  return index < kNumTargets ? kTargets[index]->abi : NULL;
}

int wspEmitLookupTarget(const char *name) {
  for (size_t i = 0; name && i < kNumTargets; ++i)
    if (strcmp(kTargets[i]->name, name) == 0 ||
        (kTargets[i]->alias && strcmp(kTargets[i]->alias, name) == 0))
      return (int)i;
  return -1;
}

const char *wspEmitTargetList(void) {
  return WSP_EMIT_TARGET_PTO_RUNTIME ", " WSP_EMIT_TARGET_SIMPLER " (alias simpler)";
}

/*===--- emission ---------------------------------------------------------===*/

static bool checkPlatform(WspEmitState *st) {
  if (strcmp(st->platform, "a2a3sim") == 0 || strcmp(st->platform, "a2a3") == 0)
    return true;
  /* An option, not the program: located at the option's name. */
  MlirContext mlir = wspContextGetMlirContext(st->context);
  wspEmitErrorf(st->context,
                mlirLocationFileLineColGet(mlir, mlirStringRefCreateFromCString("--platform"), 0, 0),
                "unknown platform '%s': expected 'a2a3sim' or 'a2a3'", st->platform);
  return false;
}

static bool checkTarget(WspEmitState *st) {
  if (!st->options->target)
    return true; /* the module's abi picks it (wspEmitAnalyzeModule) */
  int index = wspEmitLookupTarget(st->options->target);
  if (index >= 0) {
    st->target = kTargets[index];
    return true;
  }
  wspEmitErrorf(st->context, mlirOperationGetLocation(mlirModuleGetOperation(st->module)),
                "unknown target '%s': expected one of %s", st->options->target,
                wspEmitTargetList());
  return false;
}

static bool emitAll(WspEmitState *st) {
  return checkPlatform(st) && checkTarget(st) && wspEmitAnalyzeModule(st) && st->target->emit(st);
}

WspEmittedFiles wspEmitArtifactToMemory(WspContext context, MlirModule module,
                                        const WspEmitOptions *options) {
  WspEmitOptions defaults = wspEmitOptionsGetDefault();
  WspEmitState st;
  memset(&st, 0, sizeof st);
  st.context = context;
  st.mlir = wspContextGetMlirContext(context);
  st.module = module;
  st.options = options ? options : &defaults;
  st.platform = st.options->platform ? st.options->platform : "a2a3sim";
  st.targets = kTargets;
  st.numTargets = kNumTargets;
  st.files = wspCalloc(1, sizeof(WspEmitFileSet));
  bool ok = emitAll(&st);
  WspEmittedFiles result = {NULL};
  if (ok) {
    wspEmitFileSetSort(st.files);
    result.ptr = st.files;
  } else {
    wspEmitFileSetFree(st.files);
  }
  for (size_t i = 0; i < st.numCaps; ++i) {
    free(st.caps[i].detail);
    free(st.caps[i].how);
  }
  wspEmitStateFree(&st);
  return result;
}

bool wspEmitArtifact(WspContext context, MlirModule module, const WspEmitOptions *options,
                     const char *outDir) {
  WspEmittedFiles files = wspEmitArtifactToMemory(context, module, options);
  if (wspEmittedFilesIsNull(files))
    return false;
  bool ok = options ? wspEmittedFilesWriteWithOptions(context, files, outDir, options)
                    : wspEmittedFilesWrite(context, files, outDir, false);
  wspEmittedFilesDestroy(files);
  return ok;
}
