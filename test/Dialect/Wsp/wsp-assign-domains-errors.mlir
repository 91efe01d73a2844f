// RUN: wsp-opt %s --split-input-file --verify-diagnostics --wsp-assign-domains

func.func @zero_domains(%t: !taskring.task, %k: i64) {
  // expected-error@+1 {{'taskring.dispatch' op: domains must be >= 1, got 0}}
  "taskring.dispatch"(%t, %k) {policy = "affinity", domains = 0 : i64, wsp.unassigned} : (!taskring.task, i64) -> ()
  return
}

// -----

func.func @unknown(%t: !taskring.task, %k: i64) {
  // expected-error@+1 {{'taskring.dispatch' op: unknown policy 'random'; expected round_robin, affinity, hash or work_steal}}
  "taskring.dispatch"(%t, %k) {policy = "random", domains = 2 : i64, wsp.unassigned} : (!taskring.task, i64) -> ()
  return
}
