"""The emitted dependency edges order exactly the pairs of the task graph's hazard set.

Each program is compiled, its orchestration is run on the host against a stand-in of the
runtime API (test/Emit/stubs-simpler for simpler 6ebaf771: it prints the dependencies the
runtime would give each task, explicit ones plus a model of the TensorMap's; test/Emit/stubs
for pto-runtime 41d5c94a host_build_graph: it prints the add_successor edges), and the edges
are compared with wsp-print-task-graph's. The two sides reduce differently (the TensorMap
reports every overlapping producer, wsp's explicit dependencies every overlapping reader,
the analysis a reduced graph), so their transitive closures are compared: the artifact must
order every hazard pair (nothing missing) and nothing else (no false ordering, e.g. between
readers). On host_build_graph the edges are also checked to be the transitive reduction."""
import json
import pathlib
import shutil
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
STUBS = ROOT / "test" / "Emit" / "stubs"
STUBS_SIMPLER = ROOT / "test" / "Emit" / "stubs-simpler"
INPUTS = ROOT / "test" / "Emit" / "Inputs"
DTYPE_BYTES = {"float32": 4, "float16": 2, "bfloat16": 2, "int32": 4, "int16": 2, "int8": 1,
               "uint8": 1, "int64": 8, "uint64": 8}

pytestmark = pytest.mark.skipif(shutil.which("g++") is None, reason="needs g++ to run orchestrations")


def kernel(name, types, access, core="aiv"):
    sig = ", ".join(types)
    acc = ", ".join(f'"{a}"' for a in access)
    return (f'func.func private @{name}({sig}) attributes {{wsp.kernel = "{core}", '
            f'wsp.access = [{acc}], wsp.source = "{name}.cpp"}}\n')


ROW = "memref<16x64xf32, strided<[64, 1], offset: ?>>"
WHOLE = "memref<64x64xf32>"

# Readers of tiles in a loop, a whole-tensor reader, an in-place writer of the
# whole tensor after them, readers again, and a writer of one tile.
READERS_IN_LOOPS = (
    kernel("fill", [WHOLE], ["out"]) + kernel("use", [ROW, ROW], ["in", "out"])
    + kernel("sum", [WHOLE, ROW], ["in", "out"]) + kernel("bump", [WHOLE], ["inout"])
    + kernel("put", [ROW], ["out"]) + """
func.func @main(%x: memref<64x64xf32> {wsp.name = "x"}, %y: memref<64x64xf32> {wsp.name = "y"}) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c2 = arith.constant 2 : index
  %c4 = arith.constant 4 : index
  %c16 = arith.constant 16 : index
  %c32 = arith.constant 32 : index
  %w = "wsp.out"(%x) : (memref<64x64xf32>) -> !wsp.arg
  %t0 = "wsp.task"(%w) {kernel = @fill} : (!wsp.arg) -> !wsp.handle
  scf.for %r = %c0 to %c2 step %c1 {
    scf.for %i = %c0 to %c4 step %c1 {
      %o = arith.muli %i, %c16 : index
      %xv = memref.subview %x[%o, 0] [16, 64] [1, 1] : memref<64x64xf32> to ROW
      %yv = memref.subview %y[%o, 0] [16, 64] [1, 1] : memref<64x64xf32> to ROW
      %a = "wsp.in"(%xv) : (ROW) -> !wsp.arg
      %b = "wsp.out"(%yv) : (ROW) -> !wsp.arg
      %t = "wsp.task"(%a, %b) {kernel = @use} : (!wsp.arg, !wsp.arg) -> !wsp.handle
    }
    %y0 = memref.subview %y[%c0, 0] [16, 64] [1, 1] : memref<64x64xf32> to ROW
    %s0 = "wsp.in"(%x) : (memref<64x64xf32>) -> !wsp.arg
    %s1 = "wsp.out"(%y0) : (ROW) -> !wsp.arg
    %ts = "wsp.task"(%s0, %s1) {kernel = @sum} : (!wsp.arg, !wsp.arg) -> !wsp.handle
    %m = "wsp.inout"(%x) : (memref<64x64xf32>) -> !wsp.arg
    %tm = "wsp.task"(%m) {kernel = @bump} : (!wsp.arg) -> !wsp.handle
  }
  %x2 = memref.subview %x[%c32, 0] [16, 64] [1, 1] : memref<64x64xf32> to ROW
  %p = "wsp.out"(%x2) : (ROW) -> !wsp.arg
  %tp = "wsp.task"(%p) {kernel = @put} : (!wsp.arg) -> !wsp.handle
  %q = "wsp.in"(%x) : (memref<64x64xf32>) -> !wsp.arg
  %y1 = memref.subview %y[%c16, 0] [16, 64] [1, 1] : memref<64x64xf32> to ROW
  %q1 = "wsp.out"(%y1) : (ROW) -> !wsp.arg
  %tq = "wsp.task"(%q, %q1) {kernel = @sum} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  return
}
""").replace("ROW", ROW)

# Tiles written one by one, a task that reads them all (whole tensor) and
# writes u, a task that reads u and the tiles again, a tile overwritten, and
# the whole tensor read again (docs/dependencies.md, "Known limit").
TILES_VS_WHOLE = (
    kernel("put", [ROW], ["out"]) + kernel("gather", [WHOLE, WHOLE], ["in", "out"])
    + kernel("both", [WHOLE, WHOLE, ROW], ["in", "in", "out"]) + """
func.func @main(%r: memref<64x64xf32> {wsp.name = "r"}, %u: memref<64x64xf32> {wsp.name = "u"}, %z: memref<64x64xf32> {wsp.name = "z"}) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c16 = arith.constant 16 : index
  %c32 = arith.constant 32 : index
  scf.for %i = %c0 to %c4 step %c1 {
    %o = arith.muli %i, %c16 : index
    %v = memref.subview %r[%o, 0] [16, 64] [1, 1] : memref<64x64xf32> to ROW
    %a = "wsp.out"(%v) : (ROW) -> !wsp.arg
    %t = "wsp.task"(%a) {kernel = @put} : (!wsp.arg) -> !wsp.handle
  }
  %g0 = "wsp.in"(%r) : (memref<64x64xf32>) -> !wsp.arg
  %g1 = "wsp.out"(%u) : (memref<64x64xf32>) -> !wsp.arg
  %tg = "wsp.task"(%g0, %g1) {kernel = @gather} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  %z0 = memref.subview %z[%c0, 0] [16, 64] [1, 1] : memref<64x64xf32> to ROW
  %b0 = "wsp.in"(%u) : (memref<64x64xf32>) -> !wsp.arg
  %b1 = "wsp.in"(%r) : (memref<64x64xf32>) -> !wsp.arg
  %b2 = "wsp.out"(%z0) : (ROW) -> !wsp.arg
  %tb = "wsp.task"(%b0, %b1, %b2) {kernel = @both} : (!wsp.arg, !wsp.arg, !wsp.arg) -> !wsp.handle
  %v2 = memref.subview %r[%c32, 0] [16, 64] [1, 1] : memref<64x64xf32> to ROW
  %p = "wsp.out"(%v2) : (ROW) -> !wsp.arg
  %tp = "wsp.task"(%p) {kernel = @put} : (!wsp.arg) -> !wsp.handle
  %h0 = "wsp.in"(%r) : (memref<64x64xf32>) -> !wsp.arg
  %h1 = "wsp.out"(%u) : (memref<64x64xf32>) -> !wsp.arg
  %th = "wsp.task"(%h0, %h1) {kernel = @gather} : (!wsp.arg, !wsp.arg) -> !wsp.handle
  return
}
""").replace("ROW", ROW)

TILE = "memref<32x32xf32, strided<[128, 1], offset: ?>>"
PT = "memref<32x32xf32, strided<[32, 1], offset: ?>>"
# pto-runtime's own bgemm (examples/host_build_graph/bgemm at 41d5c94a): per
# output tile, gemm writes a partial product P, add accumulates it into C.
# 4x4 output tiles, 4 k steps: 208 hazard pairs, 112 edges in the reduction.
BGEMM_P = (
    kernel("gemm", [TILE, TILE, PT], ["in", "in", "out"], core="aic")
    + kernel("add", [TILE, PT], ["inout", "in"]) + """
func.func @main(%A: memref<128x128xf32> {wsp.name = "A"}, %B: memref<128x128xf32> {wsp.name = "B"}, %C: memref<128x128xf32> {wsp.name = "C"}) attributes {wsp.workload} {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  %c32 = arith.constant 32 : index
  %P = memref.alloc() : memref<512x32xf32>
  scf.for %m = %c0 to %c4 step %c1 {
    scf.for %n = %c0 to %c4 step %c1 {
      scf.for %k = %c0 to %c4 step %c1 {
        %mo = arith.muli %m, %c32 : index
        %no = arith.muli %n, %c32 : index
        %ko = arith.muli %k, %c32 : index
        %t4 = arith.muli %m, %c4 : index
        %t = arith.addi %t4, %n : index
        %po = arith.muli %t, %c32 : index
        %av = memref.subview %A[%mo, %ko] [32, 32] [1, 1] : memref<128x128xf32> to TILE
        %bv = memref.subview %B[%ko, %no] [32, 32] [1, 1] : memref<128x128xf32> to TILE
        %cv = memref.subview %C[%mo, %no] [32, 32] [1, 1] : memref<128x128xf32> to TILE
        %pv = memref.subview %P[%po, 0] [32, 32] [1, 1] : memref<512x32xf32> to PT
        %a0 = "wsp.in"(%av) : (TILE) -> !wsp.arg
        %a1 = "wsp.in"(%bv) : (TILE) -> !wsp.arg
        %a2 = "wsp.out"(%pv) : (PT) -> !wsp.arg
        %g = "wsp.task"(%a0, %a1, %a2) {kernel = @gemm} : (!wsp.arg, !wsp.arg, !wsp.arg) -> !wsp.handle
        %d0 = "wsp.inout"(%cv) : (TILE) -> !wsp.arg
        %d1 = "wsp.in"(%pv) : (PT) -> !wsp.arg
        %h = "wsp.task"(%d0, %d1) {kernel = @add} : (!wsp.arg, !wsp.arg) -> !wsp.handle
      }
    }
  }
  return
}
""").replace("TILE", TILE).replace("PT)", PT + ")").replace("to PT\n", f"to {PT}\n")

PROGRAMS = {
    "readers_in_loops": READERS_IN_LOOPS,
    "tiles_vs_whole": TILES_VS_WHOLE,
    "bgemm_p": BGEMM_P,
}
EXAMPLES = {
    name: (ROOT / "examples" / name / f"{name}.mlir").read_text()
    for name in ("add", "bgemm", "softmax", "scale", "csp_pipeline")
}


def closure(n, edges):
    """reach[a] = the set of b with a path a -> ... -> b (a < b: edges go forward)."""
    succ = [[] for _ in range(n)]
    for a, b in edges:
        succ[a].append(b)
    reach = [set() for _ in range(n)]
    for a in reversed(range(n)):
        for b in succ[a]:
            reach[a].add(b)
            reach[a] |= reach[b]
    return reach


def reduction(n, edges):
    """The transitive reduction of a DAG whose edges go forward."""
    reach = closure(n, edges)
    succ = [sorted({b for a2, b in edges if a2 == a}) for a in range(n)]
    keep = set()
    for a in range(n):
        for b in succ[a]:
            if not any(b in reach[c] for c in succ[a] if c != b):
                keep.add((a, b))
    return keep


class Compiled:
    def __init__(self, build_dir, tmp_path, name, text, target, runtime):
        self.dir = tmp_path / f"{name}-{target}-{runtime}"
        self.dir.mkdir()
        src = self.dir / f"{name}.mlir"
        src.write_text(text)
        for line in text.splitlines():  # the private kernels' sources
            if "wsp.source" in line:
                (self.dir / line.split('wsp.source = "')[1].split('"')[0]).write_text("")
        tools = build_dir / "tools"
        graph = subprocess.run(
            [str(tools / "wsp-opt"), str(src), "--pass-pipeline=builtin.module(wsp-print-task-graph)",
             "-o", "/dev/null"], capture_output=True, text=True, check=True)
        self.graph = json.loads(graph.stdout)
        out = self.dir / "art"
        subprocess.run([str(tools / "wsp-compile"), str(src), "-o", str(out), f"--target={target}",
                        f"--runtime={runtime}"], capture_output=True, text=True, check=True)
        self.manifest = json.loads((out / "manifest.json").read_text())
        orch = out / "kernels" / "orchestration" / "main_orch.cpp"
        driver = self.dir / "driver"
        simpler = target.startswith("simpler")
        stubs, main = (STUBS_SIMPLER, "simpler_driver.cpp") if simpler else (STUBS, "hbg_driver.cpp")
        subprocess.run(["g++", "-std=c++17", "-O1", "-DWSP_STUB_TRACE", "-I", str(stubs),
                        str(INPUTS / main), str(orch), "-o", str(driver)], check=True)
        args = self.manifest["arguments"]
        tensors = [a for a in args if a["kind"] == "tensor"]
        scalars = [a for a in args if a["kind"] != "tensor"]
        if simpler:
            argv = ["t" + "x".join(str(d) for d in a["shape"]) for a in tensors] + ["s0"] * len(scalars)
        else:
            argv = []
            for a in args:
                size = DTYPE_BYTES[a["dtype"]]
                for d in a.get("shape", []):
                    size *= d
                argv.append(f"t{size}" if a["kind"] == "tensor" else "s0")
        run = subprocess.run([str(driver)] + argv, capture_output=True, text=True, check=True)
        self.trace = run.stdout
        assert "fatal=1" not in self.trace and "status=-1" not in self.trace, self.trace

    def emitted(self):
        """(the tasks in submission order as kernel names, the edges between them)."""
        names = {k["func_id"]: k["name"] for k in self.manifest["kernels"]}
        node_of, kernels, edges, others = {}, [], [], set()
        for line in self.trace.splitlines():
            words = line.split()
            if words[0] == "task":
                func = int(words[2].split("=")[1])
                if func in names and not names[func].startswith("wsp_"):
                    node_of[int(words[1])] = len(kernels)
                    kernels.append(names[func])
                else:
                    others.add(int(words[1]))
            elif words[0] == "alloc":
                others.add(int(words[1]))
            elif words[0] in ("dep", "edge"):
                src, dst = int(words[1]), int(words[3])
                if src in others:  # an allocation task: it waits for nothing
                    continue
                # (a wsp_ task of the artifact's own, e.g. an allocation, waits for nothing)
                assert dst not in others, line
                edges.append((node_of[src], node_of[dst]))
        return kernels, edges


def check(build_dir, tmp_path, name, text, target, runtime):
    c = Compiled(build_dir, tmp_path, name, text, target, runtime)
    kernels, edges = c.emitted()
    nodes = c.graph["nodes"]
    assert kernels == [n["kernel"] for n in nodes], "the tasks differ from the graph's nodes"
    hazards = [(e["from"], e["to"]) for e in c.graph["edges"]]
    want, got = closure(len(nodes), hazards), closure(len(nodes), edges)
    missing = [(a, b) for a in range(len(nodes)) for b in want[a] if b not in got[a]]
    extra = [(a, b) for a in range(len(nodes)) for b in got[a] if b not in want[a]]
    assert not missing, f"hazard pairs the artifact does not order: {missing[:10]}"
    assert not extra, f"pairs the artifact orders without a hazard: {extra[:10]}"
    return c, hazards, edges


@pytest.mark.parametrize("runtime", ["tensormap_and_ringbuffer", "host_build_graph"])
@pytest.mark.parametrize("name", sorted(PROGRAMS) + sorted(EXAMPLES))
def test_simpler_edges_equal_hazards(build_dir, tmp_path, name, runtime):
    text = PROGRAMS.get(name) or EXAMPLES[name]
    check(build_dir, tmp_path, name, text, "simpler-6ebaf771", runtime)


def test_simpler_readers_stay_parallel(build_dir, tmp_path):
    """The tile readers of one round get no dependency on each other, and the
    in-place writer after them one explicit dependency on each."""
    c, _, edges = check(build_dir, tmp_path, "readers", READERS_IN_LOOPS, "simpler-6ebaf771",
                        "tensormap_and_ringbuffer")
    readers = [i for i, n in enumerate(c.graph["nodes"]) if n["kernel"] == "use"][:4]
    assert not [e for e in edges if e[0] in readers and e[1] in readers]
    bump = [i for i, n in enumerate(c.graph["nodes"]) if n["kernel"] == "bump"][0]
    assert {a for a, b in edges if b == bump} >= set(readers)


@pytest.mark.parametrize("name", ["readers_in_loops", "tiles_vs_whole", "bgemm_p", "add", "bgemm",
                                  "softmax", "scale"])
def test_hbg_edges_are_the_reduction(build_dir, tmp_path, name):
    """pto-runtime 41d5c94a host_build_graph: the add_successor edges order the
    hazard pairs and are their transitive reduction."""
    text = PROGRAMS.get(name) or EXAMPLES[name]
    c, hazards, edges = check(build_dir, tmp_path, name, text, "pto-runtime-41d5c94a",
                              "host_build_graph")
    n = len(c.graph["nodes"])
    assert len(edges) == len(set(edges))
    assert set(edges) == reduction(n, hazards)


def test_hbg_bgemm_edge_count(build_dir, tmp_path):
    """issue 18 item 6: pto-runtime's bgemm shape has 208 direct hazard pairs (13 per
    output tile); the 112 edges of the chain gemm0 add0 gemm1 add1 ... order them all."""
    c, hazards, edges = check(build_dir, tmp_path, "bgemm_p", BGEMM_P, "pto-runtime-41d5c94a",
                              "host_build_graph")
    assert len(c.graph["nodes"]) == 128
    assert len(edges) == 112
