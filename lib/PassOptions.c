/* What a running pass reads of its options (PassRegistry.h). Kept apart from
   the pass table in PassRegistry.c, which names every pass: the passes call
   these, so with them in the table's file every pass and the table would
   depend on each other. */
#include <stdlib.h>
#include <string.h>

#include "PassRegistry.h"

static const char *findValue(const WspPassRun *run, const char *name) {
  const WspPassInfo *info = run->options->info;
  for (size_t i = 0; i < info->numOptions; ++i)
    if (strcmp(info->options[i].name, name) == 0)
      return run->options->values[i] ? run->options->values[i] : info->options[i].defaultValue;
  return NULL;
}

const char *wspPassOptionGetString(const WspPassRun *run, const char *name) {
  const char *value = findValue(run, name);
  return value ? value : "";
}

int64_t wspPassOptionGetInt(const WspPassRun *run, const char *name) {
  const char *value = findValue(run, name);
  return value ? strtoll(value, NULL, 0) : 0;
}

bool wspPassOptionGetBool(const WspPassRun *run, const char *name) {
  const char *value = findValue(run, name);
  return value && (strcmp(value, "true") == 0 || strcmp(value, "1") == 0);
}
