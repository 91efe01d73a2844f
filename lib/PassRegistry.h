/* The table of wsp's own passes and named pipelines, and what a pass sees
   when it runs. Each pass lives in passes/<Stage>/<PassName>.c and exports one
   `const WspPassInfo`. */
#ifndef WSP_LIB_PASSREGISTRY_H
#define WSP_LIB_PASSREGISTRY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "mlir-c/Pass.h"
#include "wsp-c/Context.h"

typedef enum WspPassOptionKind {
  WSP_OPTION_BOOL,
  WSP_OPTION_INT,
  WSP_OPTION_STRING,
  WSP_OPTION_ENUM, /* one of `choices`, a '|'-separated list */
} WspPassOptionKind;

typedef struct WspPassOptionInfo {
  const char *name;
  WspPassOptionKind kind;
  const char *defaultValue;
  /* ENUM: the '|'-separated choices. INT: the accepted range "min..max"
     (NULL: any int64); values outside it are pipeline errors. */
  const char *choices;
  const char *help;
} WspPassOptionInfo;

struct WspPassInfo;

/* Option values of one pass instance, aligned with info->options. */
typedef struct WspPassOptions {
  const struct WspPassInfo *info;
  char **values;
} WspPassOptions;

/* What a running pass gets: the context (for diagnostics), the op it runs
   on, its options. Returning false signals pass failure; the pass must have
   raised a located error first. */
typedef struct WspPassRun {
  WspContext context;
  MlirOperation op;
  const WspPassOptions *options;
} WspPassRun;

typedef bool (*WspPassRunFn)(WspPassRun *run);

typedef struct WspPassInfo {
  const char *name;    /* as written in pipelines, e.g. "wsp-verify" */
  const char *summary; /* one line for --list-passes */
  const WspPassOptionInfo *options;
  size_t numOptions;
  WspPassRunFn run;    /* NULL for a named pipeline */
  const char *pipeline; /* a named pipeline's expansion, e.g. "wsp-verify,..." */
} WspPassInfo;

/* The anchor every wsp pass runs on. */
#define WSP_PASS_ANCHOR "builtin.module"

const WspPassInfo *wspLookupPass(const char *name, size_t *index);
const WspPassInfo *wspGetPassInfo(size_t index);

const char *wspPassOptionGetString(const WspPassRun *run, const char *name);
int64_t wspPassOptionGetInt(const WspPassRun *run, const char *name);
bool wspPassOptionGetBool(const WspPassRun *run, const char *name);

#endif
