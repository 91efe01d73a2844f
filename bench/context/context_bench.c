/* Measures the fixed cost every wsp-opt start, Python compile, embedding and
   fuzz input pays: wspContextCreate, parsing a small program, one pass
   manager with the default pipeline, and wspContextDestroy
   (docs/performance.md, "Contexts").

     cc -O2 bench/context/context_bench.c -Iinclude -isystem /usr/lib/llvm-22/include \
        -Lbuild/lib -lwsp -Wl,-rpath,$PWD/build/lib -o /tmp/context_bench
     /tmp/context_bench [N]

   Prints the median microseconds per step over N rounds (default 200). */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "wsp-c/Wsp.h"

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static int compare(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static double median(double *v, int n) {
  qsort(v, (size_t)n, sizeof(double), compare);
  return v[n / 2];
}

static const char kProgram[] =
    "func.func private @k(memref<16xf32>) attributes {wsp.kernel = \"aiv\", "
    "wsp.access = [\"inout\"], wsp.source = \"k.cpp\"}\n"
    "func.func @main(%x: memref<16xf32>) attributes {wsp.workload} {\n"
    "  %a = \"wsp.inout\"(%x) : (memref<16xf32>) -> !wsp.arg\n"
    "  %t = \"wsp.task\"(%a) {kernel = @k} : (!wsp.arg) -> !wsp.handle\n"
    "  return\n}\n";

int main(int argc, char **argv) {
  int rounds = argc > 1 ? atoi(argv[1]) : 200;
  if (rounds < 1)
    rounds = 1;
  double *create = calloc((size_t)rounds, sizeof(double));
  double *parse = calloc((size_t)rounds, sizeof(double));
  double *pipeline = calloc((size_t)rounds, sizeof(double));
  double *destroy = calloc((size_t)rounds, sizeof(double));
  for (int i = 0; i < rounds; ++i) {
    double t0 = now();
    WspContext ctx = wspContextCreate();
    double t1 = now();
    MlirModule m = wspParseSourceString(ctx, kProgram, sizeof kProgram - 1, "bench.mlir");
    double t2 = now();
    WspPassManager pm = wspPassManagerCreate(ctx);
    wspPassManagerAddPipeline(pm, "builtin.module(wsp-to-taskring)");
    if (!wspPassManagerRun(pm, m)) {
      fputs("context_bench: the pipeline failed\n", stderr);
      return 1;
    }
    wspPassManagerDestroy(pm);
    double t3 = now();
    mlirModuleDestroy(m);
    wspContextDestroy(ctx);
    double t4 = now();
    create[i] = t1 - t0;
    parse[i] = t2 - t1;
    pipeline[i] = t3 - t2;
    destroy[i] = t4 - t3;
  }
  double c = median(create, rounds), p = median(parse, rounds), q = median(pipeline, rounds),
         d = median(destroy, rounds);
  printf("rounds %d (medians, us): wspContextCreate %.0f  parse %.0f  pass manager+pipeline "
         "%.0f  destroy %.0f  total %.0f (%.0f per second)\n",
         rounds, c, p, q, d, c + p + q + d, 1e6 / (c + p + q + d));
  free(create);
  free(parse);
  free(pipeline);
  free(destroy);
  return 0;
}
