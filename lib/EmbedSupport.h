/* What lib/Registration.c (wsp-c/Registration.h) needs from the pipeline
   builder in lib/PassManager.c. */
#ifndef WSP_LIB_EMBEDSUPPORT_H
#define WSP_LIB_EMBEDSUPPORT_H

#include <stdbool.h>

#include "mlir-c/Pass.h"
#include "wsp-c/Context.h"

/* Appends `pipeline` (wsp and upstream passes) to `opm`, whatever op it is
   anchored on; validated in a scratch manager first, so an error adds
   nothing. */
bool wspBuildPipelineInto(WspContext context, MlirOpPassManager opm, const char *pipeline);

/* One wsp pass `name{options}` as an external pass. For a named pipeline the
   options are validated, *isPipeline is set and a null pass is returned. On
   error a located diagnostic is raised and a null pass returned. */
MlirPass wspCreatePassFromElement(WspContext context, const char *name, const char *options,
                                  bool *isPipeline);

#endif
