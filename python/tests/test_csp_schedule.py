"""The emitted orchestration runs CSP processes exactly as the compile-time analysis
previews them (docs/csp.md). For generated pipelines (2 to 4 processes, capacities 0 to
3, several tasks per token), built against the stand-in runtime of test/Emit/stubs and
run on the host:

- host_build_graph submits the same kernels in the same order as wsp-print-task-graph's
  nodes, adds every channel and credit edge of the analysis, and no edge it lacks;
- tensormap_and_ringbuffer submits them in the same order, and the dependencies its
  params ask of the TensorMap (modelled by the stubs) order every pair of tasks the
  analysis orders, data hazards included.

Needs g++, not pto-runtime."""
import json
import pathlib
import random
import shutil
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
STUBS = ROOT / "test" / "Emit" / "stubs"
DRIVER = ROOT / "test" / "Emit" / "Inputs" / "hbg_driver.cpp"

pytestmark = pytest.mark.skipif(shutil.which("g++") is None, reason="needs g++")

TILE = "memref<4x8xf32, strided<[8, 1], offset: ?>>"


def kernel(name, access):
    params = ", ".join(f"%p{i}: {TILE}" for i in range(len(access)))
    modes = ", ".join(f'"{m}"' for m in access)
    return (f"func.func @{name}({params}) attributes {{wsp.kernel = \"aiv\", "
            f"wsp.access = [{modes}]}} {{\n  return\n}}\n")


def view(lines, name, tensor, index):
    lines.append(f"    %{name}_off = arith.muli {index}, %c4 : index")
    lines.append(f"    %{name} = memref.subview {tensor}[%{name}_off, 0] [4, 8] [1, 1] : "
                 f"memref<64x8xf32> to {TILE}")


def task(lines, name, kern, args):
    boxes = []
    for i, (mode, v) in enumerate(args):
        lines.append(f'    %{name}_a{i} = "wsp.{mode}"(%{v}) : ({TILE}) -> !wsp.arg')
        boxes.append(f"%{name}_a{i}")
    types = ", ".join("!wsp.arg" for _ in boxes)
    lines.append(f'    %{name} = "wsp.task"({", ".join(boxes)}) {{kernel = @{kern}}} : '
                 f"({types}) -> !wsp.handle")


def pipeline(stages, capacities, tiles, extra_task):
    """Stage 0 produces tile t of buf0 and sends t; stage s receives t, reads buf(s-1)
    and writes buf(s) (optionally through a second, independent task first), and sends
    t on; the last stage only receives and writes."""
    out = [kernel("produce", ["out"]), kernel("step", ["in", "out"]), kernel("mark", ["out"])]
    bufs = [f"%buf{i}" for i in range(stages)]
    wl = ['func.func @main() attributes {wsp.workload} {',
          "  %c4 = arith.constant 4 : index"]
    for i in range(stages):
        wl.append(f"  %buf{i} = memref.alloc() : memref<64x8xf32>")
    wl.append("  %marks = memref.alloc() : memref<64x8xf32>")
    for i, cap in enumerate(capacities):
        wl.append(f'  %ch{i} = "wsp.create_channel"() {{name = "c{i}", capacity = {cap} : i64}}'
                  " : () -> !wsp.channel<i64>")
    for s in range(stages):
        args, modes = [], []
        if s > 0:
            args.append(f"%ch{s - 1}")
            modes.append("in")
        if s < stages - 1:
            args.append(f"%ch{s}")
            modes.append("out")
        if s > 0:
            args.append(bufs[s - 1])
            modes.append("in")
        args.append(bufs[s])
        modes.append("out")
        args.append("%marks")
        modes.append("out")
        boxes = []
        for j, (a, m) in enumerate(zip(args, modes)):
            ty = "!wsp.channel<i64>" if a.startswith("%ch") else "memref<64x8xf32>"
            wl.append(f'  %s{s}_{j} = "wsp.{m}"({a}) : ({ty}) -> !wsp.arg')
            boxes.append(f"%s{s}_{j}")
        types = ", ".join("!wsp.arg" for _ in boxes)
        wl.append(f'  "wsp.spawn"({", ".join(boxes)}) {{process = @stage{s}}} : ({types}) -> ()')
        # the process function
        params, ptypes = [], []
        for j, a in enumerate(args):
            params.append(f"%q{j}")
            ptypes.append("!wsp.channel<i64>" if a.startswith("%ch") else "memref<64x8xf32>")
        sig = ", ".join(f"{p}: {t}" for p, t in zip(params, ptypes))
        modes_attr = ", ".join(f'"{m}"' for m in modes)
        body = [f"func.func @stage{s}({sig}) attributes {{wsp.process, wsp.access = [{modes_attr}]}} {{",
                "  %c0 = arith.constant 0 : index", "  %c1 = arith.constant 1 : index",
                "  %c4 = arith.constant 4 : index", f"  %n = arith.constant {tiles} : index",
                "  scf.for %i = %c0 to %n step %c1 {"]
        k = 0
        recv_ch = "%q0" if s > 0 else None
        send_ch = ("%q1" if s > 0 else "%q0") if s < stages - 1 else None
        src = f"%q{len(args) - 3}" if s > 0 else None
        dst, marks = f"%q{len(args) - 2}", f"%q{len(args) - 1}"
        if recv_ch:
            body.append(f'    %ok, %tok = "wsp.recv"({recv_ch}) : (!wsp.channel<i64>) -> (i1, i64)')
            body.append("    %t = arith.index_cast %tok : i64 to index")
            idx = "%t"
        else:
            idx = "%i"
        view(body, "dv", dst, idx)
        view(body, "mv", marks, "%i")
        if extra_task and s % 2 == 1:
            task(body, "hm", "mark", [("out", "mv")])
        if src:
            view(body, "sv", src, idx)
            task(body, "h", "step", [("in", "sv"), ("out", "dv")])
        else:
            task(body, "h", "produce", [("out", "dv")])
        if send_ch:
            body.append(f"    %tk = arith.index_cast {idx} : index to i64")
            body.append(f'    "wsp.send"({send_ch}, %tk, %h) : (!wsp.channel<i64>, i64, !wsp.handle) -> ()')
        body.append("  }")
        body.append("  return")
        body.append("}")
        out.append("\n".join(body) + "\n")
    wl.append("  return")
    wl.append("}")
    return "".join(out) + "\n".join(wl) + "\n"


def configurations():
    rng = random.Random(20261204)
    yield 3, [2, 2], 8, False
    yield 2, [0], 5, False
    for _ in range(10):
        stages = rng.randint(2, 4)
        yield (stages, [rng.randint(0, 3) for _ in range(stages - 1)], rng.choice([3, 5, 8]),
               rng.random() < 0.5)


def static_graph(build_dir, src):
    r = subprocess.run([str(build_dir / "tools" / "wsp-opt"), str(src),
                        "--pass-pipeline=builtin.module(wsp-print-task-graph)", "-o", "/dev/null"],
                       capture_output=True, text=True, check=False)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def build_and_run(build_dir, src, out, runtime):
    """Compiles `src` for `runtime`, runs its orchestration on the stand-in runtime;
    returns (trace, manifest)."""
    r = subprocess.run([str(build_dir / "tools" / "wsp-compile"), str(src), "-o", str(out),
                        f"--runtime={runtime}", "--target=pto-runtime-41d5c94a"],
                       capture_output=True, text=True, check=False)
    assert r.returncode == 0, r.stderr
    manifest = json.loads((out / "manifest.json").read_text())
    exe = out.parent / (out.name + ".driver")
    driver = DRIVER if runtime == "host_build_graph" else DRIVER.with_name("tmr_driver.cpp")
    subprocess.run(["g++", "-std=c++17", "-DWSP_STUB_TRACE", "-DWSP_STUB_TENSORMAP", "-I",
                    str(STUBS), str(driver), str(out / "kernels" / "orchestration" / "main_orch.cpp"),
                    "-o", str(exe)], check=True)
    args = []
    for a in manifest["arguments"]:
        size = 8
        for extent in a.get("shape", []):
            size *= extent
        args.append(f"t{size}" if a["kind"] == "tensor" else "s0")
    trace = subprocess.run([str(exe), *args], capture_output=True, text=True, check=True).stdout
    return trace, manifest


def run_tmr(build_dir, src, out):
    """The kernels in submission order and the TensorMap's dependencies between program
    tasks, closed transitively through the CSP support's token and join tasks."""
    trace, manifest = build_and_run(build_dir, src, out, "tensormap_and_ringbuffer")
    names = {k["func_id"]: k["name"] for k in manifest["kernels"]}
    builtin = {k["func_id"] for k in manifest["kernels"] if k["impl"] == "builtin"}
    funcs, deps = [], []
    for line in trace.splitlines():
        f = line.split()
        if f[0] == "submit":
            funcs.append(int(f[1].split("=")[1]))
        elif f[0] == "dep":
            deps.append((int(f[1]), int(f[3])))
    preds = [set() for _ in funcs]
    for a, b in deps:
        preds[b].add(a)
    before = []  # before[t]: every task t waits for, directly or not
    for t in range(len(funcs)):
        closure = set(preds[t])
        for p in preds[t]:
            closure |= before[p]
        before.append(closure)
    program = [t for t, f in enumerate(funcs) if f not in builtin]
    node = {t: i for i, t in enumerate(program)}
    ordered = {(node[a], node[b]) for b in program for a in before[b] if a in node}
    return [names[funcs[t]] for t in program], ordered


def run_hbg(build_dir, src, out):
    trace, manifest = build_and_run(build_dir, src, out, "host_build_graph")
    names = {k["func_id"]: k["name"] for k in manifest["kernels"]}
    builtin = {k["func_id"] for k in manifest["kernels"] if k["impl"] == "builtin"}
    tasks, edges = [], set()
    for line in trace.splitlines():
        f = line.split()
        if f[0] == "task":
            tasks.append((int(f[1]), int(f[2].split("=")[1])))
        elif f[0] == "edge":
            edges.add((int(f[1]), int(f[3])))
    ids = {}  # runtime task id -> node id (program tasks only, in submission order)
    kernels = []
    for tid, func in tasks:
        if func in builtin:
            continue
        ids[tid] = len(kernels)
        kernels.append(names[func])
    mapped = {(ids[a], ids[b]) for a, b in edges if a in ids and b in ids}
    return kernels, mapped


def config_id(c):
    return f"stages{c[0]}-cap{''.join(map(str, c[1]))}-n{c[2]}{'-mark' if c[3] else ''}"


each_pipeline = pytest.mark.parametrize("config", list(configurations()), ids=config_id)


def analysed_program(build_dir, tmp_path, config):
    """Writes the generated pipeline; returns its path and wsp-print-task-graph's graph."""
    src = tmp_path / "p.mlir"
    src.write_text(pipeline(*config))
    return src, static_graph(build_dir, src)


@each_pipeline
def test_orchestration_runs_the_analysed_schedule(build_dir, tmp_path, config):
    _, capacities, tiles, extra = config
    src, graph = analysed_program(build_dir, tmp_path, config)
    kernels, edges = run_hbg(build_dir, src, tmp_path / "hbg")
    assert kernels == [n["kernel"] for n in graph["nodes"]]  # same tasks, same order
    analysed = {(e["from"], e["to"]): e["kind"] for e in graph["edges"]}
    csp = {e for e, kind in analysed.items() if kind in ("channel", "credit")}
    # send #j is followed by tasks for j <= tiles - 2, and needs a credit from epoch
    # j - C' - 1: with tiles >= C' + 3 some edge of that kind exists (marks aside,
    # whose write-after-write edges may outrank it)
    if not extra and tiles >= min(max(c, 1) for c in capacities) + 3:
        assert any(kind == "credit" for kind in analysed.values())
    assert csp <= edges, sorted(csp - edges)           # every channel and credit edge
    assert edges <= set(analysed), sorted(edges - set(analysed))  # nothing the analysis lacks


@each_pipeline
def test_tensormap_orders_what_the_analysis_orders(build_dir, tmp_path, config):
    src, graph = analysed_program(build_dir, tmp_path, config)
    kernels, ordered = run_tmr(build_dir, src, tmp_path / "tmr")
    assert kernels == [n["kernel"] for n in graph["nodes"]]  # same tasks, same order
    missing = sorted((e["from"], e["to"], e["kind"]) for e in graph["edges"]
                     if (e["from"], e["to"]) not in ordered)
    assert not missing  # every analysed edge holds on the device


def fan_in(producers, capacity, tokens):
    """`producers` processes, each with its own kernel, send `tokens` tokens each
    on one shared channel; the consumer receives until it is closed. Many senders
    block on one channel: the scheduler's fan-in path (docs/csp.md, Complexity)."""
    out = [kernel(f"k{i}", ["out"]) for i in range(producers)] + [kernel("kc", ["out"])]
    for i in range(producers):
        body = [f"func.func @prod{i}(%out: !wsp.channel<i64>, %buf: memref<64x8xf32>)",
                '    attributes {wsp.process, wsp.access = ["out", "out"]} {',
                "  %c0 = arith.constant 0 : index", "  %c1 = arith.constant 1 : index",
                "  %c4 = arith.constant 4 : index", f"  %n = arith.constant {tokens} : index",
                f"  %base = arith.constant {i * tokens} : index",
                "  scf.for %t = %c0 to %n step %c1 {", "    %tile = arith.addi %base, %t : index"]
        view(body, "v", "%buf", "%tile")
        task(body, "h", f"k{i}", [("out", "v")])
        body += ["    %tok = arith.index_cast %tile : index to i64",
                 '    "wsp.send"(%out, %tok, %h) : (!wsp.channel<i64>, i64, !wsp.handle) -> ()',
                 "  }", "  return", "}"]
        out.append("\n".join(body) + "\n")
    cons = ["func.func @cons(%in: !wsp.channel<i64>, %z: memref<64x8xf32>)",
            '    attributes {wsp.process, wsp.access = ["in", "out"]} {',
            "  %c4 = arith.constant 4 : index",
            "  %r = scf.while : () -> i64 {",
            '    %ok, %tok = "wsp.recv"(%in) : (!wsp.channel<i64>) -> (i1, i64)',
            "    scf.condition(%ok) %tok : i64", "  } do {", "  ^bb0(%t: i64):",
            "    %ti = arith.index_cast %t : i64 to index"]
    view(cons, "v", "%z", "%ti")
    task(cons, "h", "kc", [("out", "v")])
    cons += ["    scf.yield", "  }", "  return", "}"]
    out.append("\n".join(cons) + "\n")
    wl = ["func.func @main(%buf: memref<64x8xf32> {wsp.name = \"buf\"}, "
          "%z: memref<64x8xf32> {wsp.name = \"z\"}) attributes {wsp.workload} {",
          f'  %c = "wsp.create_channel"() {{name = "c", capacity = {capacity} : i64}} : '
          "() -> !wsp.channel<i64>",
          '  %o = "wsp.out"(%c) : (!wsp.channel<i64>) -> !wsp.arg',
          '  %b = "wsp.out"(%buf) : (memref<64x8xf32>) -> !wsp.arg']
    for i in range(producers):
        wl.append(f'  "wsp.spawn"(%o, %b) {{process = @prod{i}}} : (!wsp.arg, !wsp.arg) -> ()')
    wl += ['  %q = "wsp.in"(%c) : (!wsp.channel<i64>) -> !wsp.arg',
           '  %zo = "wsp.out"(%z) : (memref<64x8xf32>) -> !wsp.arg',
           '  "wsp.spawn"(%q, %zo) {process = @cons} : (!wsp.arg, !wsp.arg) -> ()',
           "  return", "}"]
    out.append("\n".join(wl) + "\n")
    return "\n".join(out)


@pytest.mark.parametrize("capacity", [0, 1, 2, 3])
def test_fan_in_runs_the_analysed_schedule(build_dir, tmp_path, capacity):
    src = tmp_path / "fanin.mlir"
    src.write_text(fan_in(6, capacity, 2))
    graph = static_graph(build_dir, src)
    kernels, _ = run_hbg(build_dir, src, tmp_path / "hbg")
    assert kernels == [n["kernel"] for n in graph["nodes"]]
    assert len(kernels) == 24
