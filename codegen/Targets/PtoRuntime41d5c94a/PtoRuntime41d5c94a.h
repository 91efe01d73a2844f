/* The pto-runtime 41d5c94a target (uv-xiao/pto-runtime at 41d5c94a): its
   orchestration printer (EmitOrchestration.c), its runner files and
   capability report (EmitConfig.c), and the target record (Target.c). */
#ifndef WSP_CODEGEN_TARGETS_PTORUNTIME41D5C94A_H
#define WSP_CODEGEN_TARGETS_PTORUNTIME41D5C94A_H

#include "EmitInternal.h"

bool wspPto41Orchestration(WspEmitState *st);
bool wspPto41KernelConfig(WspEmitState *st);
bool wspPto41Golden(WspEmitState *st);
/* Fills st->caps and the capability report. */
void wspPto41Capabilities(WspEmitState *st);
void wspPto41AppendRuntimeEnv(WspStringBuffer *b, const WspEmitState *st);
const char *wspPto41OrchestrationFunction(const WspEmitState *st, char *buffer, size_t size);

#endif
