/* The simpler 6ebaf771 target (hw-native-sys/simpler at 6ebaf771, the
   upstream of pto-runtime): its orchestration printer
   (SimplerOrchestration.c), its SceneTestCase runner file and capability
   report (SimplerSceneTest.c), and the target record (Target.c). */
#ifndef WSP_CODEGEN_TARGETS_SIMPLER6EBAF771_H
#define WSP_CODEGEN_TARGETS_SIMPLER6EBAF771_H

#include "EmitInternal.h"

bool wspSimplerOrchestration(WspEmitState *st);
/* test_<workload>.py and golden.py (the user's reference, verbatim). */
bool wspSimplerSceneTest(WspEmitState *st);
void wspSimplerCapabilities(WspEmitState *st);
void wspSimplerAppendRuntimeEnv(WspStringBuffer *b, const WspEmitState *st);
/* The position of argument `index` among the ChipTaskArgs tensors (or
   scalars): the runner passes every tensor before any scalar. */
size_t wspSimplerArgSlot(const WspEmitState *st, size_t index);

#endif
