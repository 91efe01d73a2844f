/* wsp-verify, function-level rules: the `wsp.*` attributes on func.func
   (kernels, processes, workloads) and the module's single workload entry. */
#include <string.h>

#include <stdio.h>

#include "IRUtil.h"
#include "WspVerifyCommon.h"
#include "WspVerifyRules.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"

static MlirAttribute funcAttr(MlirOperation func, const char *name) {
  return mlirOperationGetDiscardableAttributeByName(func, mlirStringRefCreateFromCString(name));
}

static const char *nameOf(WspVerifier *v, MlirOperation func) {
  return wspVerifyStringText(v, wspVerifyFuncName(func));
}

/* Rule: a function plays one role; kernel, workload and process lower to
   different things (a kernel source, the orchestration, a state machine). */
static void verifySingleRole(WspVerifier *v, MlirOperation func) {
  static const char *const kRoles[] = {"wsp.kernel", "wsp.workload", "wsp.process"};
  const char *found = NULL;
  for (size_t i = 0; i < sizeof(kRoles) / sizeof(kRoles[0]); ++i) {
    if (!wspVerifyFuncHas(func, kRoles[i]))
      continue;
    if (found) {
      wspVerifyError(v, func,
                     "'func.func' op: @%s has both '%s' and '%s'; a function is exactly one "
                     "of kernel, workload or process: remove one of the two attributes",
                     nameOf(v, func), found, kRoles[i]);
      return;
    }
    found = kRoles[i];
  }
}

/* Rule: wsp.kernel names the core type the kernel is compiled for. */
static void verifyKernelCore(WspVerifier *v, MlirOperation func) {
  MlirAttribute core = funcAttr(func, "wsp.kernel");
  if (wspVerifyStringAttrIs(core, "aiv") || wspVerifyStringAttrIs(core, "aic"))
    return;
  wspVerifyError(v, func,
                 "'func.func' op: kernel @%s has wsp.kernel = %s; the core type is \"aiv\" "
                 "(vector) or \"aic\" (cube): write wsp.kernel = \"aiv\" or \"aic\"",
                 nameOf(v, func), wspVerifyAttrText(v, core));
}

/* Rule: wsp.access is an array with one valid mode per parameter. Returns
   whether it is, so that per-parameter checks run only on a sound array. */
static bool verifyAccessShape(WspVerifier *v, MlirOperation func, const char *role) {
  MlirAttribute access = funcAttr(func, "wsp.access");
  intptr_t numInputs = 0;
  wspVerifyFuncInputs(func, &numInputs);
  if (mlirAttributeIsNull(access) || !mlirAttributeIsAArray(access)) {
    wspVerifyError(v, func,
                   "'func.func' op: %s @%s has %s%s; give one mode per parameter, "
                   "e.g. wsp.access = [\"in\", \"out\", \"scalar\"]",
                   role, nameOf(v, func),
                   mlirAttributeIsNull(access) ? "no 'wsp.access'" : "wsp.access = ",
                   mlirAttributeIsNull(access) ? "" : wspVerifyAttrText(v, access));
    return false;
  }
  intptr_t numEntries = mlirArrayAttrGetNumElements(access);
  if (numEntries != numInputs) {
    wspVerifyError(v, func,
                   "'func.func' op: %s @%s has %ld wsp.access entries for %ld parameters; "
                   "give exactly one mode per parameter",
                   role, nameOf(v, func), (long)numEntries, (long)numInputs);
    return false;
  }
  bool ok = true;
  for (intptr_t i = 0; i < numEntries; ++i) {
    if (wspVerifyFuncAccess(func, i) != WSP_ACCESS_INVALID)
      continue;
    wspVerifyError(v, func,
                   "'func.func' op: %s @%s: wsp.access entry #%ld is %s, not one of \"in\", "
                   "\"out\", \"inout\", \"scalar\"; use one of those modes",
                   role, nameOf(v, func), (long)i,
                   wspVerifyAttrText(v, mlirArrayAttrGetElement(access, i)));
    ok = false;
  }
  return ok;
}

/* Rule: a parameter's type fits its mode: tiles are memrefs (for a process
   also channels, "in" or "out"), scalars are one runtime word. */
static void verifyParamType(WspVerifier *v, MlirOperation func, const char *role, intptr_t i,
                            bool allowChannels) {
  WspAccessMode mode = wspVerifyFuncAccess(func, i);
  MlirType type = wspVerifyFuncInput(func, i);
  const char *modeName = wspVerifyAccessModeName(mode);
  if (mode == WSP_ACCESS_SCALAR) {
    if (!wspVerifyIsWordScalar(type))
      wspVerifyError(v, func,
                     "'func.func' op: %s @%s: parameter #%ld has mode \"scalar\" but type '%s'; "
                     "scalar parameters are " WSP_WORD_SCALARS ": fix the type or the mode",
                     role, nameOf(v, func), (long)i, wspVerifyTypeText(v, type));
    return;
  }
  if (mlirTypeIsAMemRef(type))
    return;
  if (allowChannels && wspVerifyIsChannelType(type)) {
    if (mode == WSP_ACCESS_INOUT)
      wspVerifyError(v, func,
                     "'func.func' op: %s @%s: parameter #%ld is a channel ('%s') with mode "
                     "\"inout\"; a process receives from a channel (\"in\") or sends on it "
                     "(\"out\"): pick one",
                     role, nameOf(v, func), (long)i, wspVerifyTypeText(v, type));
    return;
  }
  wspVerifyError(v, func,
                 "'func.func' op: %s @%s: parameter #%ld has mode \"%s\" but type '%s'; "
                 "in/out/inout parameters are memrefs (tile views)%s: fix the type, or use "
                 "mode \"scalar\" for a scalar",
                 role, nameOf(v, func), (long)i, modeName, wspVerifyTypeText(v, type),
                 allowChannels ? " or channels" : "");
}

static void verifyParamTypes(WspVerifier *v, MlirOperation func, const char *role,
                             bool allowChannels) {
  intptr_t numInputs = 0;
  wspVerifyFuncInputs(func, &numInputs);
  for (intptr_t i = 0; i < numInputs; ++i)
    verifyParamType(v, func, role, i, allowChannels);
}

/* Rule: a kernel either has a body (the compiler generates its source) or
   is a declaration with wsp.source (a user source copied into the artifact);
   never both, never neither. */
static void verifyKernelSource(WspVerifier *v, MlirOperation func) {
  MlirAttribute source = funcAttr(func, "wsp.source");
  bool hasSource = !mlirAttributeIsNull(source);
  if (wspVerifyFuncHasBody(func)) {
    if (hasSource)
      wspVerifyError(v, func,
                     "'func.func' op: kernel @%s has both a body and wsp.source = %s; remove "
                     "the body (a user kernel) or remove 'wsp.source' (a generated kernel)",
                     nameOf(v, func), wspVerifyAttrText(v, source));
    return;
  }
  if (!hasSource)
    wspVerifyError(v, func,
                   "'func.func' op: kernel @%s has no body and no 'wsp.source'; add "
                   "wsp.source = \"kernels/aiv/%s.cpp\" (the user's source) or give it a body",
                   nameOf(v, func), nameOf(v, func));
  else if (!mlirAttributeIsAString(source) || mlirStringAttrGetValue(source).length == 0)
    wspVerifyError(v, func,
                   "'func.func' op: kernel @%s has wsp.source = %s; it must be a non-empty "
                   "string, the path of the kernel's source file",
                   nameOf(v, func), wspVerifyAttrText(v, source));
}

static void verifyKernel(WspVerifier *v, MlirOperation func) {
  verifyKernelCore(v, func);
  if (verifyAccessShape(v, func, "kernel"))
    verifyParamTypes(v, func, "kernel", false);
  verifyKernelSource(v, func);
}

/* Rule: a process has a body and declares its parameters' modes; channels
   are "in" (it receives) or "out" (it sends). */
static void verifyProcess(WspVerifier *v, MlirOperation func) {
  if (!wspVerifyFuncHasBody(func))
    wspVerifyError(v, func,
                   "'func.func' op: process @%s has no body; a process runs the code in its "
                   "body when wsp.spawn starts it: give it one",
                   nameOf(v, func));
  if (verifyAccessShape(v, func, "process"))
    verifyParamTypes(v, func, "process", true);
}

/* The wsp.name of parameter `i` (empty when it has none). */
static MlirStringRef paramName(MlirOperation func, intptr_t i) {
  MlirAttribute all = mlirOperationGetAttributeByName(func, mlirStringRefCreateFromCString("arg_attrs"));
  MlirStringRef none = {NULL, 0};
  if (mlirAttributeIsNull(all) || !mlirAttributeIsAArray(all) ||
      i >= mlirArrayAttrGetNumElements(all))
    return none;
  MlirAttribute dict = mlirArrayAttrGetElement(all, i);
  if (!mlirAttributeIsADictionary(dict))
    return none;
  MlirAttribute name =
      mlirDictionaryAttrGetElementByName(dict, mlirStringRefCreateFromCString("wsp.name"));
  if (mlirAttributeIsNull(name) || !mlirAttributeIsAString(name))
    return none;
  MlirStringRef value = mlirStringAttrGetValue(name);
  if (!value.data) /* present but empty: data must say "present" */
    value.data = "";
  return value;
}

/* Rule: a workload has a body; its parameters are the artifact's tensors
   (memrefs) and host scalars, nothing else can come from the host. */
static void verifyParamNames(WspVerifier *v, MlirOperation func, intptr_t numInputs);

static void verifyWorkloadSignature(WspVerifier *v, MlirOperation func) {
  if (!wspVerifyFuncHasBody(func))
    wspVerifyError(v, func,
                   "'func.func' op: workload @%s has no body; the workload is the program "
                   "that submits tasks: give it one",
                   nameOf(v, func));
  intptr_t numInputs = 0;
  wspVerifyFuncInputs(func, &numInputs);
  verifyParamNames(v, func, numInputs);
  for (intptr_t i = 0; i < numInputs; ++i) {
    MlirType type = wspVerifyFuncInput(func, i);
    if (mlirTypeIsAMemRef(type)) {
      /* W2: a tensor the runtime can hold */
      char what[256];
      MlirStringRef name = paramName(func, i);
      snprintf(what, sizeof what, "'func.func' op: workload @%s: parameter #%ld%s%.*s%s",
               nameOf(v, func), (long)i, name.length ? " ('" : "",
               (int)(name.length > 64 ? 64 : name.length), name.data ? name.data : "",
               name.length ? "')" : "");
      wspVerifyRuntimeTensor(v, func, type, what);
      continue;
    }
    if (mlirTypeIsAF16(type) || mlirTypeIsABF16(type)) {
      MlirStringRef name = paramName(func, i);
      wspVerifyError(v, func,
                     "'func.func' op: workload @%s: parameter #%ld%s%.*s%s has type '%s'; "
                     "the orchestration's scalar arguments are integers, index, f32 or f64 "
                     "(the runtime passes no f16/bf16 words): pass it as f32 and convert it "
                     "(arith.truncf) where it is used",
                     nameOf(v, func), (long)i, name.length ? " ('" : "",
                     (int)(name.length > 64 ? 64 : name.length), name.data ? name.data : "",
                     name.length ? "')" : "", wspVerifyTypeText(v, type));
      continue;
    }
    if (wspVerifyIsWordScalar(type))
      continue;
    wspVerifyError(v, func,
                   "'func.func' op: workload @%s: parameter #%ld has type '%s'; workload "
                   "parameters are tensors (memrefs) or host scalars (" WSP_WORD_SCALARS
                   "): create channels and handles inside the workload instead",
                   nameOf(v, func), (long)i, wspVerifyTypeText(v, type));
  }
}

/* Rule: kernel, process and workload names are C identifiers: they become
   artifact file names (kernels/aiv/<name>.cpp), kernel_config.py entries,
   C++ identifiers and comments, where a '/', a quote or a newline would
   break the artifact. */
static void verifyArtifactName(WspVerifier *v, MlirOperation func) {
  MlirStringRef name = mlirStringAttrGetValue(wspVerifyOpAttr(func, "sym_name"));
  bool ok = name.length > 0 && !(name.data[0] >= '0' && name.data[0] <= '9');
  for (size_t i = 0; ok && i < name.length; ++i) {
    char c = name.data[i];
    ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
  if (!ok)
    wspVerifyError(v, func,
                   "'func.func' op: the name of a kernel, process or workload must be a C "
                   "identifier ([A-Za-z_][A-Za-z0-9_]*): it names the artifact's files and "
                   "C++ symbols; rename the function");
}

/* Rule F2: generated symbols live in a reserved namespace: a function named
   like one (wsp_alloc, __wsp_guard0, ...) would collide with it. */
static void verifyNotReserved(WspVerifier *v, MlirOperation func) {
  MlirAttribute sym = wspVerifyOpAttr(func, "sym_name");
  if (mlirAttributeIsNull(sym) || !mlirAttributeIsAString(sym) ||
      !wspVerifyIsReservedName(mlirStringAttrGetValue(sym)))
    return;
  wspVerifyError(v, func,
                 "'func.func' op: @%s is in the namespace wsp reserves for the symbols it "
                 "generates (names starting with " WSP_RESERVED_PREFIXES "): rename the "
                 "function",
                 nameOf(v, func));
}

/* Rule F3: the names of workload parameters (wsp.name, else "arg<i>") name
   the artifact's tensors and scalars in manifest.json and the
   orchestration: printable UTF-8, not reserved, unique. */
static void verifyParamNames(WspVerifier *v, MlirOperation func, intptr_t numInputs) {
  for (intptr_t i = 0; i < numInputs; ++i) {
    MlirStringRef name = paramName(func, i);
    if (!name.data)
      continue;
    const char *why = NULL;
    long bad = wspVerifyBadTextByte(name, &why);
    if (name.length == 0 || bad >= 0) {
      if (name.length == 0)
        wspVerifyError(v, func,
                       "'func.func' op: workload @%s: parameter #%ld has an empty wsp.name; it "
                       "names the tensor in manifest.json: give it a name or drop wsp.name",
                       nameOf(v, func), (long)i);
      else
        wspVerifyError(v, func,
                       "'func.func' op: workload @%s: the wsp.name of parameter #%ld has %s "
                       "(0x%02x at byte %ld); it names the tensor in manifest.json and the "
                       "orchestration: use printable UTF-8",
                       nameOf(v, func), (long)i, why, (unsigned char)name.data[bad], bad);
      continue;
    }
    if (wspVerifyIsReservedName(name)) {
      wspVerifyError(v, func,
                     "'func.func' op: workload @%s: parameter #%ld is named '%s', in the "
                     "namespace wsp reserves for the names it generates (names starting with "
                     WSP_RESERVED_PREFIXES "): rename it",
                     nameOf(v, func), (long)i, wspVerifyStringText(v, name));
      continue;
    }
    for (intptr_t j = 0; j < numInputs; ++j) {
      if (j == i)
        continue;
      MlirStringRef other = paramName(func, j);
      char fallback[32];
      if (!other.data) { /* the lowering names it arg<j> */
        snprintf(fallback, sizeof fallback, "arg%ld", (long)j);
        other = mlirStringRefCreateFromCString(fallback);
      } else if (j > i) {
        continue; /* two explicit names: reported at the later one */
      }
      if (other.length == name.length && memcmp(other.data, name.data, name.length) == 0) {
        wspVerifyError(v, func,
                       "'func.func' op: workload @%s: parameters #%ld and #%ld are both named "
                       "'%s'%s; names identify the tensors in manifest.json and must be unique: "
                       "rename one",
                       nameOf(v, func), (long)(j < i ? j : i), (long)(j < i ? i : j),
                       wspVerifyStringText(v, name),
                       paramName(func, j).data ? "" : " (the name wsp gives an unnamed parameter)");
        break;
      }
    }
  }
}

void wspVerifyFunction(WspVerifier *v, MlirOperation func) {
  verifySingleRole(v, func);
  verifyNotReserved(v, func);
  if (wspVerifyFuncHas(func, "wsp.kernel") || wspVerifyFuncHas(func, "wsp.process") ||
      wspVerifyFuncHas(func, "wsp.workload"))
    verifyArtifactName(v, func);
  if (wspVerifyFuncHas(func, "wsp.kernel"))
    verifyKernel(v, func);
  else if (wspVerifyFuncHas(func, "wsp.process"))
    verifyProcess(v, func);
  else if (wspVerifyFuncHas(func, "wsp.workload"))
    verifyWorkloadSignature(v, func);
}

/*===--- the module's workload entry ---------------------------------------===*/

static bool isWorkload(MlirOperation op) {
  return wspVerifyOpIs(op, "func.func") && wspVerifyFuncHas(op, "wsp.workload");
}

/* With workload=<name>: that function is the entry and must be a workload. */
static void verifySelectedWorkload(WspVerifier *v, const char *selected) {
  MlirOperation entry =
      mlirSymbolTableLookup(v->symbols, mlirStringRefCreateFromCString(selected));
  if (mlirOperationIsNull(entry))
    wspVerifyError(v, v->module,
                   "'builtin.module' op: wsp-verify{workload=%s}: no function @%s in the "
                   "module; name an existing function marked 'wsp.workload'",
                   selected, selected);
  else if (!isWorkload(entry))
    wspVerifyError(v, entry,
                   "'%s' op: wsp-verify{workload=%s} names @%s, which has no 'wsp.workload'; "
                   "mark it with attributes {wsp.workload} or name another function",
                   wspVerifyStringText(v, mlirIdentifierStr(mlirOperationGetName(entry))),
                   selected, selected);
}

/* Rule: the module has exactly one workload (the artifact's entry), unless
   the workload option picks one among several. */
void wspVerifyWorkloadEntry(WspVerifier *v, const char *selected) {
  if (selected && *selected) {
    verifySelectedWorkload(v, selected);
    return;
  }
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(v->module, 0));
  MlirOperation first = {NULL};
  for (MlirOperation op = mlirBlockGetFirstOperation(body); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op)) {
    if (!isWorkload(op))
      continue;
    if (mlirOperationIsNull(first)) {
      first = op;
      continue;
    }
    wspVerifyError(v, op,
                   "'func.func' op: @%s is a second 'wsp.workload' function (the first is "
                   "@%s); a module has at most one workload, its entry: remove 'wsp.workload' "
                   "from all but one, or choose the entry with wsp-verify{workload=<name>}",
                   nameOf(v, op), nameOf(v, first));
    wspVerifyNote(v, first, "first workload @%s defined here", nameOf(v, first));
  }
  if (mlirOperationIsNull(first))
    wspVerifyError(v, v->module,
                   "'builtin.module' op: no function has 'wsp.workload'; mark the entry "
                   "function with attributes {wsp.workload}");
}

/* Rule K3: at most WSP_RUNTIME_MAX_FUNC_ID kernels. Each kernel gets the
   func_id of its place in the module (the lowering numbers them in module
   order), an index into the runtime's kernel table; the first kernel past
   the table is reported, with the module's count. */
void wspVerifyKernelCount(WspVerifier *v) {
  MlirBlock body = mlirRegionGetFirstBlock(mlirOperationGetRegion(v->module, 0));
  size_t count = 0;
  MlirOperation first = {NULL};
  for (MlirOperation op = mlirBlockGetFirstOperation(body); !mlirOperationIsNull(op);
       op = mlirOperationGetNextInBlock(op)) {
    if (!wspVerifyOpIs(op, "func.func") || !wspVerifyFuncHas(op, "wsp.kernel"))
      continue;
    if (++count == WSP_RUNTIME_MAX_FUNC_ID + 1)
      first = op;
  }
  if (mlirOperationIsNull(first))
    return;
  wspVerifyError(v, first,
                 "'func.func' op: kernel @%s is kernel #%d of the module, which has %zu; the "
                 "runtime's kernel table has RUNTIME_MAX_FUNC_ID = %d entries (func_id 0 to "
                 "%d, one per kernel in module order), so a program has at most %d kernels, "
                 "one fewer when it has intermediates or processes (wsp's alloc kernel) and "
                 "fewer still with guarded tasks (one variant each): merge kernels that differ "
                 "only in a value (pass it as a wsp.scalar), or split the program",
                 nameOf(v, first), WSP_RUNTIME_MAX_FUNC_ID + 1, count, WSP_RUNTIME_MAX_FUNC_ID,
                 WSP_RUNTIME_MAX_FUNC_ID - 1, WSP_RUNTIME_MAX_FUNC_ID);
}
