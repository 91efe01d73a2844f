/* wsp-verify, op rules: dispatch, task_window, channels (create, send, recv,
   close), host symbols and slot reads. */
#include <inttypes.h>
#include <stdio.h>

#include "WspVerifyCommon.h"
#include "WspVerifyRules.h"
#include "IRUtil.h"
#include "mlir-c/BuiltinAttributes.h"
#include "mlir-c/BuiltinTypes.h"
#include "Support/StringBuffer.h"

static const char *opNameText(WspVerifier *v, MlirOperation op) {
  return wspVerifyStringText(v, mlirIdentifierStr(mlirOperationGetName(op)));
}

/* Rule (every count attribute): an i64 of at least `min`. Returns whether
   it is one. */
static bool verifyCount(WspVerifier *v, MlirOperation op, const char *attrName, int64_t min,
                        const char *meaning) {
  MlirAttribute attr = wspVerifyOpAttr(op, attrName);
  if (!wspVerifyIsI64Attr(attr)) {
    wspVerifyError(v, op, "'%s' op: %s = %s must be an i64; write %s = N : i64",
                   opNameText(v, op), attrName, wspVerifyAttrText(v, attr), attrName);
    return false;
  }
  int64_t value = mlirIntegerAttrGetValueInt(attr);
  if (value >= min)
    return true;
  wspVerifyError(v, op, "'%s' op: %s = %" PRId64 " must be at least %" PRId64 " (%s)",
                 opNameText(v, op), attrName, value, min, meaning);
  return false;
}

/* Says where a value comes from, for messages. */
static const char *originText(WspVerifier *v, MlirValue value) {
  MlirOperation def = wspVerifyDefiningOp(value);
  WspStringBuffer text;
  wspStringBufferInit(&text);
  if (!mlirOperationIsNull(def))
    wspStringBufferAppendf(&text, "the result of '%s'", opNameText(v, def));
  else
    wspStringBufferAppendf(
        &text, "a block argument of '%s'",
        opNameText(v, mlirBlockGetParentOperation(mlirBlockArgumentGetOwner(value))));
  const char *kept = wspVerifyStringText(v, mlirStringRefCreate(text.data, text.length));
  wspStringBufferFree(&text);
  return kept;
}

/*===--- wsp.dispatch -----------------------------------------------------===*/

/* The most scheduler domains a dispatch may name. A domain stands for a
   scheduler thread, cluster or core of the device: pto-runtime 41d5c94a
   runs 3 scheduler threads over block_dim clusters (24 by default) of 3
   cores each, so real counts are in the tens to hundreds. 2^16 leaves more
   than two orders of magnitude of headroom and still rejects counts that
   are clearly something else (a tensor size, a key, 10^18). docs/verify.md,
   D2. */
#define WSP_MAX_DOMAINS 65536

static const char *const kPolicies[] = {"round_robin", "affinity", "hash", "work_steal"};

static bool isKnownPolicy(MlirAttribute policy) {
  for (size_t i = 0; i < sizeof(kPolicies) / sizeof(kPolicies[0]); ++i)
    if (wspVerifyStringAttrIs(policy, kPolicies[i]))
      return true;
  return false;
}

/* An integer that fits one runtime word: dispatch keys and channel tokens. */
static bool isWordInteger(MlirType type) {
  return mlirTypeIsAIndex(type) ||
         (mlirTypeIsAInteger(type) && mlirIntegerTypeGetWidth(type) <= 64);
}

/* Rule: affinity and hash pick the domain from a key, so they need one;
   round_robin and work_steal ignore keys, so a key there is a mistake. */
static void verifyDispatchKey(WspVerifier *v, MlirOperation op, MlirAttribute policy) {
  const char *name = wspVerifyStringText(v, mlirStringAttrGetValue(policy));
  bool affinity = wspVerifyStringAttrIs(policy, "affinity");
  bool needsKey = affinity || wspVerifyStringAttrIs(policy, "hash");
  bool hasKey = mlirOperationGetNumOperands(op) >= 2;
  MlirAttribute domains = wspVerifyOpAttr(op, "domains");
  char n[24] = "N";
  if (wspVerifyIsI64Attr(domains))
    snprintf(n, sizeof(n), "%" PRId64, mlirIntegerAttrGetValueInt(domains));
  if (needsKey && !hasKey) {
    wspVerifyError(v, op,
                   "'wsp.dispatch' op: policy '%s' needs a key operand (the value whose %s mod "
                   "%s picks the domain); add one, e.g. the loop index",
                   name, affinity ? "residue" : "hash", n);
    return;
  }
  if (!hasKey)
    return;
  MlirType keyType = mlirValueGetType(mlirOperationGetOperand(op, 1));
  if (!needsKey)
    wspVerifyError(v, op,
                   "'wsp.dispatch' op: policy '%s' takes no key (got one of type '%s'); remove "
                   "the key operand, or use policy \"affinity\" or \"hash\" to pick the domain "
                   "from it",
                   name, wspVerifyTypeText(v, keyType));
  else if (!isWordInteger(keyType))
    wspVerifyError(v, op,
                   "'wsp.dispatch' op: key of type '%s'; a key is an integer of at most 64 bits "
                   "or index: convert it (e.g. with arith.trunci)",
                   wspVerifyTypeText(v, keyType));
}

/* Rule: the dispatched handle is a task's, and each task gets one domain. */
static void verifyDispatchedTask(WspVerifier *v, MlirOperation op) {
  MlirValue handle = mlirOperationGetOperand(op, 0);
  MlirOperation task = wspVerifyDefiningOp(handle);
  if (mlirOperationIsNull(task) || !wspVerifyOpIs(task, "wsp.task")) {
    wspVerifyError(v, op,
                   "'wsp.dispatch' op: the task operand is not the result of a wsp.task (it is "
                   "%s); dispatch the handle that wsp.task returns",
                   originText(v, handle));
    return;
  }
  /* A hash lookup: a linear scan of earlier dispatches made this quadratic
     (docs/performance.md, Q1). */
  void *firstPtr = NULL;
  if (!wspPointerMapGet(&v->dispatched, handle.ptr, &firstPtr)) {
    wspPointerMapSet(&v->dispatched, handle.ptr, op.ptr);
    return;
  }
  MlirOperation first = {firstPtr};
  wspVerifyError(v, op,
                 "'wsp.dispatch' op: this task is already dispatched; a task has one domain: "
                 "remove one of the two wsp.dispatch ops");
  wspVerifyNote(v, first, "first wsp.dispatch of the task here");
}

void wspVerifyDispatch(WspVerifier *v, MlirOperation op) {
  MlirAttribute policy = wspVerifyOpAttr(op, "policy");
  if (isKnownPolicy(policy))
    verifyDispatchKey(v, op, policy);
  else
    wspVerifyError(v, op,
                   "'wsp.dispatch' op: unknown policy %s; use one of \"round_robin\", "
                   "\"affinity\", \"hash\", \"work_steal\"",
                   wspVerifyAttrText(v, policy));
  if (verifyCount(v, op, "domains", 1, "a task goes to one of the domains [0, N)")) {
    int64_t domains = mlirIntegerAttrGetValueInt(wspVerifyOpAttr(op, "domains"));
    if (domains > WSP_MAX_DOMAINS)
      wspVerifyError(v, op,
                     "'wsp.dispatch' op: domains = %" PRId64 " is more than %d, the most "
                     "scheduler domains a dispatch may name (a domain is a scheduler thread, "
                     "cluster or core of the device, of which there are at most a few "
                     "hundred); give the number of domains of the target, e.g. domains = 3 : i64",
                     domains, WSP_MAX_DOMAINS);
  }
  verifyDispatchedTask(v, op);
}

/*===--- wsp.task_window --------------------------------------------------===*/

/* Stops at the first op under `op` that submits or waits on work at run time
   (a task, a process, a channel operation, a slot read, a call), stored in
   *userData. Constants, index arithmetic and views do not. */
static bool findsWork(MlirOperation op, void *userData) {
  static const char *const kWork[] = {"wsp.task",  "wsp.spawn",     "wsp.send",
                                      "wsp.recv",  "wsp.close",     "wsp.slot_read",
                                      "func.call", "func.call_indirect"};
  MlirStringRef name = mlirIdentifierStr(mlirOperationGetName(op));
  for (size_t i = 0; i < sizeof(kWork) / sizeof(kWork[0]); ++i)
    if (mlirStringRefEqual(name, mlirStringRefCreateFromCString(kWork[i]))) {
      *(MlirOperation *)userData = op;
      return false;
    }
  return true;
}

/* Rule: one task window per workload, at the top level of its entry block
   and before any op that may submit work: it bounds the whole run, so it
   must hold before any task is submitted. Setup ops (constants, index
   arithmetic) may precede it: upstream passes such as canonicalize hoist
   constants to the top of the block. */
static void verifyWindowPlacement(WspVerifier *v, MlirOperation op) {
  MlirOperation func = wspVerifyEnclosingFunc(op);
  if (mlirOperationIsNull(func) || !wspVerifyFuncHas(func, "wsp.workload")) {
    wspVerifyError(v, op,
                   "'wsp.task_window' op: only a workload sets a task window, not %s; move it "
                   "to the top of the workload",
                   wspVerifyDescribeFunc(v, func));
    return;
  }
  const char *name = wspVerifyStringText(v, wspVerifyFuncName(func));
  MlirOperation first =
      wspVerifyRememberFirst(&v->windows, &v->numWindows, &v->capWindows, func.ptr, op);
  if (!mlirOperationIsNull(first)) {
    wspVerifyError(v, op,
                   "'wsp.task_window' op: a second task window in workload @%s; it bounds the "
                   "whole run, so keep exactly one",
                   name);
    wspVerifyNote(v, first, "first task window here");
    return;
  }
  MlirOperation parent = mlirOperationGetParentOperation(op);
  if (!mlirOperationEqual(parent, func)) {
    wspVerifyError(v, op,
                   "'wsp.task_window' op: must be at the top level of workload @%s, before any "
                   "task (it is inside '%s'); move it to the top of @%s",
                   name, opNameText(v, parent), name);
    return;
  }
  for (MlirOperation prev = mlirBlockGetFirstOperation(wspVerifyFuncEntryBlock(func));
       !mlirOperationIsNull(prev) && !mlirOperationEqual(prev, op);
       prev = mlirOperationGetNextInBlock(prev)) {
    MlirOperation work = {NULL};
    wspWalk(prev, findsWork, &work);
    if (mlirOperationIsNull(work))
      continue;
    wspVerifyError(v, op,
                   "'wsp.task_window' op: must come before any task of workload @%s (it is "
                   "after '%s'); move it to the top of @%s",
                   name, opNameText(v, work), name);
    wspVerifyNote(v, work, "work submitted before the task window here");
    return;
  }
}

void wspVerifyTaskWindow(WspVerifier *v, MlirOperation op) {
  verifyWindowPlacement(v, op);
  verifyCount(v, op, "size", 1, "the number of tasks in flight");
  MlirAttribute unit = wspVerifyOpAttr(op, "unit");
  if (!wspVerifyStringAttrIs(unit, "tasks"))
    wspVerifyError(v, op, "'wsp.task_window' op: unknown unit %s; the only unit is \"tasks\"",
                   wspVerifyAttrText(v, unit));
  MlirAttribute mode = wspVerifyOpAttr(op, "mode");
  if (!wspVerifyStringAttrIs(mode, "stall") && !wspVerifyStringAttrIs(mode, "abort") &&
      !wspVerifyStringAttrIs(mode, "benchmark"))
    wspVerifyError(v, op,
                   "'wsp.task_window' op: unknown mode %s; use one of \"stall\", \"abort\", "
                   "\"benchmark\"",
                   wspVerifyAttrText(v, mode));
}

/*===--- channels ---------------------------------------------------------===*/

/* How many wsp.spawn ops receive the box `box` as an argument. */
static int countSpawnUses(MlirOperation box) {
  int count = 0;
  for (MlirOpOperand use = mlirValueGetFirstUse(mlirOperationGetResult(box, 0));
       !mlirOpOperandIsNull(use); use = mlirOpOperandGetNextUse(use))
    if (wspVerifyOpIs(mlirOpOperandGetOwner(use), "wsp.spawn"))
      ++count;
  return count;
}

/* Rule: a channel has one receiving process and at least one sender, or
   its tokens go nowhere (or come from nowhere) and the program deadlocks. */
static void verifyChannelEnds(WspVerifier *v, MlirOperation op, const char *name) {
  int receivers = 0, senders = 0;
  for (MlirOpOperand use = mlirValueGetFirstUse(mlirOperationGetResult(op, 0));
       !mlirOpOperandIsNull(use); use = mlirOpOperandGetNextUse(use)) {
    MlirOperation user = mlirOpOperandGetOwner(use);
    if (wspVerifyOpIs(user, "wsp.in"))
      receivers += countSpawnUses(user);
    else if (wspVerifyOpIs(user, "wsp.out"))
      senders += countSpawnUses(user);
  }
  if (receivers != 1)
    wspVerifyError(v, op,
                   "'wsp.create_channel' op: channel \"%s\" is received (passed as 'wsp.in') by "
                   "%d spawns; exactly one process receives from a channel: %s",
                   name, receivers,
                   receivers == 0 ? "pass it with wsp.in to the spawn of its consumer"
                                  : "give each consumer its own channel");
  if (senders == 0)
    wspVerifyError(v, op,
                   "'wsp.create_channel' op: channel \"%s\" is sent on (passed as 'wsp.out') by "
                   "no spawn; pass it with wsp.out to the spawn of its producer",
                   name);
}

/* Rule: tokens travel as one 64-bit word (IRDL admits any integer width). */
static void verifyTokenType(WspVerifier *v, MlirOperation op) {
  MlirType token = wspVerifyChannelElementType(v->mlirContext, mlirValueGetType(mlirOperationGetResult(op, 0)));
  if (mlirTypeIsNull(token) || isWordInteger(token))
    return;
  wspVerifyError(v, op,
                 "'wsp.create_channel' op: token type '%s' is wider than 64 bits; a token "
                 "travels as one 64-bit word: use an integer of at most 64 bits or index",
                 wspVerifyTypeText(v, token));
}

/* A channel's capacity bound: the orchestration keeps capacity + 2 token
   and credit slots per channel
   (codegen/Targets/PtoRuntime41d5c94a/runtime/csp_support.hpp), so the
   capacity is memory; 2^16 keeps them within 1 MiB per channel (a capacity
   of 2^40 ran the orchestration out of memory). */
enum { kMaxChannelCapacity = 65536 };

void wspVerifyCreateChannel(WspVerifier *v, MlirOperation op) {
  if (verifyCount(v, op, "capacity", 0, "0 is a rendezvous channel")) {
    int64_t capacity = mlirIntegerAttrGetValueInt(wspVerifyOpAttr(op, "capacity"));
    if (capacity > kMaxChannelCapacity)
      wspVerifyError(v, op,
                     "'wsp.create_channel' op: capacity = %" PRId64 " is more than %d, wsp's "
                     "bound on a channel's capacity (the orchestration keeps capacity + 2 token "
                     "and credit slots per channel): use a capacity of at most %d",
                     capacity, kMaxChannelCapacity, kMaxChannelCapacity);
  }
  verifyTokenType(v, op);
  MlirAttribute name = wspVerifyOpAttr(op, "name");
  const char *text = wspVerifyStringText(v, mlirStringAttrGetValue(name));
  const char *why = NULL;
  MlirStringRef nameRef = mlirStringAttrGetValue(name);
  long bad = wspVerifyBadTextByte(nameRef, &why);
  if (*text == '\0' && nameRef.length == 0)
    wspVerifyError(v, op,
                   "'wsp.create_channel' op: empty name; name the channel (it appears in "
                   "deadlock reports), e.g. name = \"tiles\"");
  else if (bad >= 0)
    wspVerifyError(v, op,
                   "'wsp.create_channel' op: the name has %s (0x%02x at byte %ld); a channel's "
                   "name is printed in the orchestration and in deadlock reports: use printable "
                   "UTF-8, e.g. name = \"tiles\"",
                   why, (unsigned char)nameRef.data[bad], bad);
  verifyChannelEnds(v, op, text);
}

/* Rule: inside a process, recv only on its "in" channel parameters, send
   and close only on its "out" ones: the spawn's wsp.in / wsp.out is the
   process's declared role on each channel. */
void wspVerifyChannelUse(WspVerifier *v, MlirOperation op) {
  const char *opName = opNameText(v, op);
  bool receives = wspVerifyOpIs(op, "wsp.recv");
  WspAccessMode needed = receives ? WSP_ACCESS_IN : WSP_ACCESS_OUT;
  const char *verb = receives ? "receives from" : wspVerifyOpIs(op, "wsp.send") ? "sends on" : "closes";
  MlirOperation func = wspVerifyEnclosingFunc(op);
  if (mlirOperationIsNull(func) || !wspVerifyFuncHas(func, "wsp.process")) {
    wspVerifyError(v, op,
                   "'%s' op: channel operations run only inside a process, not in %s; move it "
                   "into a process and pass the channel to its wsp.spawn",
                   opName, wspVerifyDescribeFunc(v, func));
    return;
  }
  const char *process = wspVerifyStringText(v, wspVerifyFuncName(func));
  MlirValue channel = mlirOperationGetOperand(op, 0);
  if (!mlirValueIsABlockArgument(channel) ||
      !mlirBlockEqual(mlirBlockArgumentGetOwner(channel), wspVerifyFuncEntryBlock(func))) {
    wspVerifyError(v, op,
                   "'%s' op: the channel is not a parameter of process @%s (it is %s); a "
                   "process uses only channels passed to it: add a parameter with mode \"%s\"",
                   opName, process, originText(v, channel), wspVerifyAccessModeName(needed));
    return;
  }
  intptr_t index = mlirBlockArgumentGetArgNumber(channel);
  WspAccessMode declared = wspVerifyFuncAccess(func, index);
  if (declared == WSP_ACCESS_INVALID || declared == needed)
    return;
  wspVerifyError(v, op,
                 "'%s' op: %s parameter #%ld of process @%s, which is declared \"%s\"; a process "
                 "%s only its \"%s\" channels: declare it \"%s\" (and pass it with wsp.%s)",
                 opName, verb, (long)index, process, wspVerifyAccessModeName(declared),
                 receives ? "receives from" : "sends on and closes", wspVerifyAccessModeName(needed),
                 wspVerifyAccessModeName(needed), wspVerifyAccessModeName(needed));
}

/*===--- host symbols and slot reads --------------------------------------===*/

/* Returns the first use of symbol `name`, remembering this one if it is. */
static const WspVerifySymbolUse *rememberSymbol(WspVerifier *v, MlirStringRef name,
                                                MlirType type, MlirOperation op) {
  for (size_t i = 0; i < v->numSymbolUses; ++i)
    if (mlirStringRefEqual(v->symbolUses[i].name, name))
      return &v->symbolUses[i];
  if (v->numSymbolUses == v->capSymbolUses) {
    v->capSymbolUses = v->capSymbolUses ? 2 * v->capSymbolUses : 8;
    v->symbolUses = wspRealloc(v->symbolUses, v->capSymbolUses * sizeof(WspVerifySymbolUse));
  }
  v->symbolUses[v->numSymbolUses++] = (WspVerifySymbolUse){name, type, op};
  return NULL;
}

/* Rules: a host symbol has a name (its stable id is the name's hash), is one
   runtime word, and has one type across the module (the host binds one
   value per name). */
/* Rule S2/R4: host symbols and slot reads are read by the workload only.
   The orchestration runs processes as coroutines that get their values from
   their spawn, and slot reads become device-side guards of the workload's
   tasks; the lowering cannot place either inside a process. */
static bool outsideProcess(WspVerifier *v, MlirOperation op, const char *opName,
                           const char *remedy) {
  MlirOperation func = wspVerifyEnclosingFunc(op);
  if (mlirOperationIsNull(func) || !wspVerifyFuncHas(func, "wsp.process"))
    return true;
  wspVerifyError(v, op,
                 "'%s' op: not supported inside a process (@%s): the orchestration runs "
                 "processes as coroutines that get their values from their spawn; remedy: %s",
                 opName, wspVerifyStringText(v, wspVerifyFuncName(func)), remedy);
  return false;
}

void wspVerifySymbol(WspVerifier *v, MlirOperation op) {
  MlirStringRef name = mlirStringAttrGetValue(wspVerifyOpAttr(op, "name"));
  MlirType type = mlirValueGetType(mlirOperationGetResult(op, 0));
  const char *nameText = wspVerifyStringText(v, name);
  if (!outsideProcess(v, op, "wsp.symbol",
                      "read the symbol in the workload and pass it to wsp.spawn as wsp.scalar"))
    return;
  if (name.length == 0) {
    wspVerifyError(v, op,
                   "'wsp.symbol' op: empty name; a host symbol is bound by name (its id is the "
                   "name's hash): name it, e.g. name = \"seq_len\"");
    return;
  }
  const char *why = NULL;
  long bad = wspVerifyBadTextByte(name, &why);
  if (bad >= 0) {
    /* The name travels as a C string (manifest, golden.py, orchestration
       comments): a NUL would cut it, a newline would break the files,
       invalid UTF-8 would make manifest.json unreadable. */
    wspVerifyError(v, op,
                   "'wsp.symbol' op: the name has %s (0x%02x at byte %ld); host "
                   "symbol names are bound as text by the host: use printable characters, "
                   "e.g. name = \"seq_len\"",
                   why, (unsigned char)name.data[bad], bad);
    return;
  }
  if (!wspVerifyIsWordScalar(type))
    wspVerifyError(v, op,
                   "'wsp.symbol' op: symbol \"%s\" has type '%s'; a host symbol travels as one "
                   "64-bit word: use " WSP_WORD_SCALARS,
                   nameText, wspVerifyTypeText(v, type));
  const WspVerifySymbolUse *first = rememberSymbol(v, name, type, op);
  if (!first || mlirTypeEqual(first->type, type))
    return;
  const char *firstType = wspVerifyTypeText(v, first->type);
  wspVerifyError(v, op,
                 "'wsp.symbol' op: symbol \"%s\" has type '%s' here but '%s' where it is first "
                 "used; the host binds one value per name: use '%s' and convert it after "
                 "reading, or rename one of them",
                 nameText, wspVerifyTypeText(v, type), firstType, firstType);
  wspVerifyNote(v, first->op, "symbol \"%s\" first used here with type '%s'", nameText,
                firstType);
}

/* Rules: one index per dimension of the view; the result is the element
   (or an i1 that tests an integer element for non-zero), one runtime word. */
void wspVerifySlotRead(WspVerifier *v, MlirOperation op) {
  MlirType view = mlirValueGetType(mlirOperationGetOperand(op, 0));
  MlirType result = mlirValueGetType(mlirOperationGetResult(op, 0));
  int64_t rank = mlirShapedTypeGetRank(view);
  intptr_t numIndices = mlirOperationGetNumOperands(op) - 1;
  if (!outsideProcess(v, op, "wsp.slot_read",
                      "read the slot in the workload, where slot reads become device-side "
                      "guards"))
    return;
  if (numIndices != rank)
    wspVerifyError(v, op,
                   "'wsp.slot_read' op: %ld indices for a view of rank %" PRId64
                   " ('%s'); give one index per dimension",
                   (long)numIndices, rank, wspVerifyTypeText(v, view));
  MlirType element = mlirShapedTypeGetElementType(view);
  bool isPredicate = mlirTypeIsAInteger(result) && mlirIntegerTypeGetWidth(result) == 1 &&
                     mlirTypeIsAInteger(element);
  const char *elementText = wspVerifyTypeText(v, element);
  if (!mlirTypeEqual(result, element) && !isPredicate)
    wspVerifyError(v, op,
                   "'wsp.slot_read' op: result type '%s' is not the element type '%s' of '%s'; "
                   "read a '%s'%s",
                   wspVerifyTypeText(v, result), elementText, wspVerifyTypeText(v, view),
                   elementText,
                   mlirTypeIsAInteger(element) ? " (or an 'i1' to test it for non-zero)" : "");
  else if (!wspVerifyIsWordScalar(result))
    wspVerifyError(v, op,
                   "'wsp.slot_read' op: result type '%s' is wider than 64 bits; a slot holds one "
                   "64-bit word: store the value in a tensor of " WSP_WORD_SCALARS,
                   wspVerifyTypeText(v, result));
}
