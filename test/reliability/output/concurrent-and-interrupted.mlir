// Concurrent writers of one output cannot both win; SIGINT/SIGTERM remove the
// staging directory; the next writer removes one a SIGKILL left (the driver's
// docstring says how; every wait is bounded).
// RUN: %python %S/../Inputs/writer_race.py wsp-compile %S/../../../examples/scale/scale.mlir %t | FileCheck %s
// CHECK: PASS race: 1 of 4 writers won
// CHECK: PASS free-race: 1 of 6 writers won
// CHECK: PASS force: 4 writers replaced the artifact in turn
// CHECK: PASS SIGINT: staging removed, previous artifact untouched
// CHECK: PASS SIGTERM: staging removed, previous artifact untouched
// CHECK: PASS SIGKILL: the next writer removed the staging directory, with a warning
