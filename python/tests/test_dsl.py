"""The builder DSL (python/wsp/dsl/): every construct produces IR that wsp-verify
accepts, located at the Python lines; misuse raises at the right line; verifier errors
come back located at the Python line that made the op."""
import inspect
import re
import pathlib
import sys

import numpy as np
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "python"))

import wsp  # noqa: E402
from wsp import WspError  # noqa: E402
from wsp.dsl import (DSLError, abs_, alloc, argmax, cast, channel, close, col_sum,  # noqa: E402
                     dispatch, else_, eq, exp, if_, in_, inout, kernel, log, matmul, maximum,
                     minimum, out, par, process, recv, recv_each, row_max, row_sum, rsqrt,
                     scalar, send, seq, slot_read, spawn, sqrt, symbol, tanh, task, task_window,
                     tensor, tile, transpose, where, workload)

THIS = __file__


@pytest.fixture(autouse=True)
def _built(build_dir):
    """Every test here needs libwsp.so (verification)."""


def here():
    """The line number of the caller."""
    return inspect.currentframe().f_back.f_lineno


def assert_at(err, line, file=THIS):
    d = err.diagnostics[0]
    assert d.severity == "error"
    assert (d.file, d.line) == (file, line), str(err)
    assert str(err).startswith(f"{file}:{line}:")


@kernel(core="aiv", access=["in", "out", "scalar"])
def scale(x, y, s):
    y[...] = x * s


def scale_workload():
    with workload("main") as w:
        x = tensor("x", (64, 64), np.float32)
        y = tensor("y", (64, 64), np.float32)
        s = scalar("s", np.float32)
        task_window(16)
        for t in seq(4):
            h = task(scale, in_(tile(x, (t * 16, 0), (16, 64))),
                     out(tile(y, (t * 16, 0), (16, 64))), scalar(s))
            dispatch(h, "affinity", 3, key=t)
    return w


# --- constructs that verify ---------------------------------------------------------

def test_scale_workload_verifies_and_is_located():
    w = scale_workload()
    assert w.verify() is w
    text = w.mlir
    assert 'func.func @main(%x: memref<64x64xf32> {wsp.name = "x"}' in text
    assert '%s: f32 {wsp.name = "s"}' in text
    assert 'attributes {wsp.access = ["in", "out", "scalar"], wsp.kernel = "aiv"}' in text
    assert '"wsp.task_window"() {mode = "stall", size = 16 : i64, unit = "tasks"}' in text
    assert 'memref.subview %x[' in text and "offset: ?>>" in text
    assert '"wsp.dispatch"(%h, %i) {domains = 3 : i64, policy = "affinity"}' in text
    # every op line carries a location in this file
    for line in text.splitlines():
        s = line.strip()
        if s and not s.startswith(("func.func", "}", "^")) and not s.endswith("{"):
            assert f'loc("{THIS}":' in s, s
    # the kernel body is generated from `y[...] = x * s` (its line)
    body_line = inspect.getsourcelines(scale.func)[1] + 2  # decorator, def, body
    assert f'arith.mulf %v, %s : f32 loc("{THIS}":{body_line}:' in text


def test_module_parses_in_a_context():
    w = scale_workload()
    with wsp.Context() as ctx:
        m = w.module(ctx)
        assert "wsp.task" in str(m)


def test_grid_nested_loops_par_and_round_robin():
    @kernel(core="aiv", access=["in", "in", "out"])
    def add(x, y, z):
        z[...] = x + y

    with workload("grid") as w:
        x = tensor("x", (64, 128), np.float32)
        y = tensor("y", (64, 128), np.float32)
        z = tensor("z", (64, 128), np.float32)
        task_window(8)
        for i in par(2):
            for j in seq(0, 128, 32):
                h = task(add, in_(tile(x, (i * 32, j), (32, 32))),
                         in_(tile(y, (i * 32, j), (32, 32))), out(tile(z, (i * 32, j), (32, 32))))
                dispatch(h, "round_robin", 3)
    w.verify()
    assert "} {wsp.parallel}" in w.mlir
    assert "scf.for %i_1 = %c0 to %c128 step %c32" in w.mlir


def test_whole_tensors_alloc_inout_hash_work_steal_and_python_unrolling():
    @kernel(core="aic", access=["in", "in", "inout"])
    def gemm(a, b, c):
        c[...] += matmul(a, b)

    @kernel(core="aiv", access=["in", "out"])
    def copy(a, b):
        b[...] = a

    with workload("main") as w:
        A = tensor("A", (32, 32), np.float32)
        B = tensor("B", (32, 32), np.float32)
        C = tensor("C", (32, 32), np.float32)
        task_window(4, mode="abort")
        tmp = alloc((32, 32), np.float32, "tmp")
        for k in range(2):  # plain Python: unrolled
            h = task(gemm, in_(A), in_(B), inout(tmp))
            dispatch(h, "hash", 4, key=k)
        h = task(copy, in_(tmp), out(C))
        dispatch(h, "work_steal", 2)
    w.verify()
    text = w.mlir
    assert "memref.alloc() : memref<32x32xf32>" in text
    assert text.count('"wsp.task"(') == 3
    assert '"wsp.inout"' in text and 'policy = "work_steal"' in text


def test_source_kernel_and_explicit_param_types(tmp_path):
    src = tmp_path / "k.cpp"
    src.write_text("// user kernel\n")
    t = "memref<16x64xf32, strided<[64, 1], offset: ?>>"
    ext = kernel(core="aic", access=["in", "inout", "scalar", "scalar"], source=str(src),
                 name="accum", param_types=[t, t, "i64", "index"])(lambda a, b, n, m: None)
    with workload("main") as w:
        x = tensor("x", (64, 64), np.float32)
        acc = tensor("acc", (64, 64), np.float32)
        n = symbol("seq_len")
        rows = symbol("rows", "index")
        task_window(16)  # after symbols: setup, not work, so this is fine
        for t_ in seq(4):
            task(ext, in_(tile(x, (t_ * 16, 0), (16, 64))),
                 inout(tile(acc, (t_ * 16, 0), (16, 64))), scalar(n), scalar(rows))
    text = w.mlir
    assert "func.func private @accum(memref<16x64xf32, strided<[64, 1], offset: ?>>" in text
    assert f'wsp.source = "{src}"' in text
    assert '"wsp.symbol"() {name = "seq_len"} : () -> i64' in text
    assert '"wsp.symbol"() {name = "rows"} : () -> index' in text
    w.verify()  # the window comes before any task


def test_kernel_body_ops_verify():
    @kernel(core="aiv", access=["in", "in", "out", "out", "out", "out", "scalar"])
    def many(x, m, y, r, i, c, s):
        e = exp(x - row_max(x))
        y[...] = where(x > 0.0, e / row_sum(e), -abs_(x)) + maximum(x, s) - minimum(x, 1.0)
        r[...] = sqrt(abs_(m)) + rsqrt(m * m + 1.0) + log(abs_(m) + 1.0) + tanh(m)
        i[...] = argmax(x, axis=1)
        c[...] = cast(col_sum(x), np.float32) * 2

    with workload("main") as w:
        x = tensor("x", (16, 64), np.float32)
        m = tensor("m", (16, 1), np.float32)
        y = tensor("y", (16, 64), np.float32)
        r = tensor("r", (16, 1), np.float32)
        i = tensor("i", (16, 1), np.int32)
        c = tensor("c", (1, 64), np.float32)
        task(many, in_(x), in_(m), out(y), out(r), out(i), out(c), scalar(0.5))
    w.verify()
    text = w.mlir
    for op in ("math.exp", "arith.maximumf", "arith.minimumf", "arith.select", "arith.cmpf ogt",
               "math.sqrt", "math.rsqrt", "math.log", "math.tanh", "math.absf", "arith.negf",
               "iter_args", "arith.index_cast"):
        assert op in text, op
    # row_max(x) and row_sum(e) do not depend on the column loop: computed before it
    # (the row loop is %i_1: the parameter i took %i; the column loop is %i_2)
    kernel_text = text.split("func.func @main")[0]
    first_store = kernel_text.index("memref.store")
    assert kernel_text.index("scf.for %i_1") < kernel_text.index("arith.maximumf %acc") < \
        kernel_text.index("scf.for %i_2") < first_store


def test_transpose_and_int_kernels():
    @kernel(core="aic", access=["in", "in", "out"])
    def qk(q, k, s):
        s[...] = matmul(q, transpose(k))

    @kernel(core="aiv", access=["in", "out"])
    def inc(a, b):
        b[...] = where(eq(a, 3), a * 2, a + 1) - abs_(a)

    with workload("main") as w:
        q = tensor("q", (16, 8), np.float32)
        k = tensor("k", (32, 8), np.float32)
        s = tensor("s", (16, 32), np.float32)
        a = tensor("a", (8,), np.int32)
        b = tensor("b", (8,), np.int32)
        task(qk, in_(q), in_(k), out(s))
        task(inc, in_(a), out(b))
    w.verify()
    assert "arith.cmpi eq" in w.mlir and "math.absi" in w.mlir


def test_csp_constructs_verify():
    @process(access=["out", "in", "out", "scalar"])
    def producer(ch, x, tmp, s):
        for t in seq(4):
            h = task(scale, in_(tile(x, (t * 16, 0), (16, 64))),
                     out(tile(tmp, (t * 16, 0), (16, 64))), scalar(s))
            send(ch, t, after=h)
        close(ch)

    @process(access=["in", "in", "out", "scalar"])
    def consumer(ch, tmp, y, s):
        for tok in recv_each(ch):
            r = tok.index() * 16
            task(scale, in_(tile(tmp, (r, 0), (16, 64))), out(tile(y, (r, 0), (16, 64))), scalar(s))
        ok, tok = recv(ch)
        with if_(ok):
            task(scale, in_(tile(tmp, (tok * 16, 0), (16, 64))), out(tile(y, (0, 0), (16, 64))),
                 scalar(s))

    with workload("main") as w:
        x = tensor("x", (64, 64), np.float32)
        y = tensor("y", (64, 64), np.float32)
        s = scalar("s", np.float32)
        task_window(16)
        tmp = alloc((64, 64), np.float32, "tmp")
        ch = channel("tiles", 2)
        spawn(producer, out(ch), in_(x), out(tmp), scalar(s))
        spawn(consumer, in_(ch), in_(tmp), out(y), scalar(s))
    w.verify()
    text = w.mlir
    assert ('"wsp.create_channel"() {capacity = 2 : i64, name = "tiles"} : '
            '() -> !wsp.channel<i64>') in text
    assert "attributes {wsp.access = [\"out\", \"in\", \"out\", \"scalar\"], wsp.process}" in text
    assert re.search(r'%(v_\d+) = arith.index_cast %i : index to i64 .*\n.*"wsp.send"\(%ch, %\1, '
                     r'%h\) : \(!wsp.channel<i64>, i64, !wsp.handle\) -> \(\)', text)
    assert "scf.while : () -> i64" in text and "scf.condition(%ok)" in text
    assert '"wsp.spawn"(' in text and '"wsp.close"(%ch)' in text


def test_slot_reads_if_else_verify():
    @kernel(core="aiv", access=["in", "out"])
    def copy(a, b):
        b[...] = a

    with workload("main") as w:
        x = tensor("x", (64, 64), np.float32)
        y = tensor("y", (64, 64), np.float32)
        flags = tensor("flags", (4, 8), np.int32)
        task_window(16)
        for t in seq(4):
            f = slot_read(flags, t, 0)
            with if_(f > 0):
                h = task(copy, in_(tile(x, (t * 16, 0), (16, 64))),
                         out(tile(y, (t * 16, 0), (16, 64))))
                dispatch(h, "hash", 4, key=f)
            with else_():
                task(copy, in_(tile(y, (t * 16, 0), (16, 64))), out(tile(x, (t * 16, 0), (16, 64))))
        done = slot_read(flags, 1, 1, dtype=bool)
        with if_(done):
            task(copy, in_(tile(x, (0, 0), (16, 64))), out(tile(y, (0, 0), (16, 64))))
    w.verify()
    text = w.mlir
    assert '"wsp.slot_read"(%flags, %i, %c0) : (memref<4x8xi32>, index, index) -> i32' in text
    assert "-> i1" in text and "} else {" in text


# --- misuse raises at the Python line --------------------------------------------------

def test_wrong_number_of_task_arguments():
    with pytest.raises(DSLError) as ei:
        with workload("main"):
            x = tensor("x", (64, 64), np.float32)
            line = here() + 1
            task(scale, in_(tile(x, (0, 0), (16, 64))))
    assert_at(ei.value, line)
    assert "1 argument for 3 parameters" in str(ei.value)


def test_mode_that_does_not_match_access():
    with pytest.raises(DSLError) as ei:
        with workload("main"):
            x = tensor("x", (64, 64), np.float32)
            y = tensor("y", (64, 64), np.float32)
            task(scale, in_(x),
                 in_(y),  # wrong: parameter y is "out"
                 scalar(1.0))
    assert_at(ei.value, here() - 2)
    msg = str(ei.value)
    assert "is in_(y), but parameter #1 'y' of scale has access \"out\"" in msg
    note = ei.value.diagnostics[1]
    assert note.severity == "note" and note.line == inspect.getsourcelines(scale.func)[1]


def test_bare_argument():
    with pytest.raises(DSLError) as ei:
        with workload("main"):
            x = tensor("x", (64, 64), np.float32)
            line = here() + 1
            task(scale, x, out(x), scalar(1.0))
    assert_at(ei.value, line)
    assert "box it with in_/out/inout/scalar" in str(ei.value)


def test_static_tile_outside_tensor():
    with pytest.raises(DSLError) as ei:
        with workload("main"):
            x = tensor("x", (64, 64), np.float32)
            line = here() + 1
            tile(x, (56, 0), (16, 64))
    assert_at(ei.value, line)
    assert ("outside its tensor: in dimension 0 it covers [56, 72) (offset 56, size 16), "
            "but x has size 64") in str(ei.value)


def test_loop_tile_outside_tensor():
    with pytest.raises(DSLError) as ei:
        with workload("main"):
            x = tensor("x", (64, 64), np.float32)
            for t in seq(5):
                line = here() + 1
                tile(x, (t * 16, 0), (16, 64))
    assert_at(ei.value, line)
    assert "[0, 80) (offsets 0..64, size 16)" in str(ei.value)


def test_tile_rank_and_dynamic_size():
    with pytest.raises(DSLError) as ei:
        with workload("main"):
            x = tensor("x", (64, 64), np.float32)
            line = here() + 1
            tile(x, (0,), (16,))
    assert_at(ei.value, line)
    with pytest.raises(DSLError) as ei:
        with workload("main"):
            x = tensor("x", (64, 64), np.float32)
            for t in seq(2):
                line = here() + 1
                tile(x, (0, 0), (t, 64))
    assert_at(ei.value, line)
    assert "static tile shapes" in str(ei.value)


def test_dispatch_misuse():
    cases = [(lambda h, t: dispatch(h, "affinity", 3), "needs a key"),
             (lambda h, t: dispatch(h, "round_robin", 3, key=t), "takes no key"),
             (lambda h, t: dispatch(h, "fifo", 3), "not one of round_robin"),
             (lambda h, t: dispatch(h, "hash", 0, key=t), "must be an int >= 1"),
             (lambda h, t: dispatch(h, "hash", 65537, key=t), "more than 65536 scheduler"),
             (lambda h, t: dispatch(t, "work_steal", 2), "needs a task handle")]
    for call, text in cases:
        with pytest.raises(DSLError) as ei:
            with workload("main"):
                x = tensor("x", (64, 64), np.float32)
                for t in seq(4):
                    h = task(scale, in_(tile(x, (t * 16, 0), (16, 64))),
                             out(tile(x, (t * 16, 0), (16, 64))), scalar(1.0))
                    call(h, t)
        assert text in str(ei.value)
        assert ei.value.diagnostics[0].line == call.__code__.co_firstlineno  # the lambda's line


def test_types_fixed_by_the_first_task():
    with pytest.raises(DSLError) as ei:
        with workload("main"):
            x = tensor("x", (64, 64), np.float32)
            first = here() + 1
            task(scale, in_(tile(x, (0, 0), (16, 64))), out(tile(x, (16, 0), (16, 64))),
                 scalar(1.0))
            line = here() + 1
            task(scale, in_(tile(x, (0, 0), (32, 64))), out(tile(x, (32, 0), (16, 64))),
                 scalar(1.0))
    assert_at(ei.value, line)
    assert "has type memref<32x64xf32" in str(ei.value)
    assert ei.value.diagnostics[1].line == first


def test_declarations_and_values_out_of_place():
    with pytest.raises(DSLError) as ei:
        line = here() + 1
        tensor("x", (4,), np.float32)
    assert_at(ei.value, line)
    assert "only valid inside 'with workload" in str(ei.value)
    with pytest.raises(DSLError) as ei:
        with workload("main"):
            tensor("x", (4,), np.float32)
            line = here() + 1
            tensor("x", (4,), np.float32)
    assert_at(ei.value, line)
    assert ei.value.diagnostics[1].line == line - 2
    with pytest.raises(DSLError) as ei:
        with workload("main"):
            line = here() + 1
            tensor("x", (4,), np.float64)
    assert_at(ei.value, line)
    assert "no float64 tensors" in str(ei.value)
    with pytest.raises(DSLError) as ei:
        with workload("main"):
            x = tensor("x", (64, 64), np.float32)
            for t in seq(4):
                pass
            line = here() + 1
            tile(x, (t * 16, 0), (16, 64))
    assert_at(ei.value, line)
    assert "has ended" in str(ei.value)


def test_python_truth_value_and_if_condition():
    with pytest.raises(DSLError) as ei:
        with workload("main"):
            for t in seq(4):
                line = here() + 1
                if t < 2:
                    pass
    assert_at(ei.value, line)
    assert "if_(cond)" in str(ei.value)
    with pytest.raises(DSLError) as ei:
        with workload("main"):
            for t in seq(4):
                line = here() + 1
                with if_(t):
                    pass
    assert_at(ei.value, line)
    with pytest.raises(DSLError) as ei:
        with workload("main"):
            line = here() + 1
            with else_():
                pass
    assert_at(ei.value, line)


def test_kernel_misuse_is_located_in_the_kernel_body():
    @kernel(core="aiv", access=["in", "out"])
    def bad(x, y):
        x[...] = y  # assigns an "in" tile
    line = here() - 1
    with pytest.raises(DSLError) as ei:
        with workload("main"):
            a = tensor("a", (8,), np.float32)
            task(bad, in_(a), out(a))
    assert_at(ei.value, line)
    assert "assigns x, whose access is \"in\"" in str(ei.value)

    @kernel(core="aiv", access=["in", "out"])
    def shapes(x, y):
        y[...] = x + transpose(x)
    line = here() - 1
    with pytest.raises(DSLError) as ei:
        with workload("main"):
            a = tensor("a", (8, 4), np.float32)
            task(shapes, in_(a), out(a))
    assert_at(ei.value, line)
    assert "do not broadcast" in str(ei.value)


def test_kernel_trace_errors_name_the_task_that_fixed_the_types():
    with pytest.raises(DSLError) as ei:
        with workload("main"):
            x = tensor("x", (16, 64), np.float32)
            line = here() + 1
            task(scale, in_(x), out(x), scalar(2))  # an int literal: s becomes i64
    body_line = inspect.getsourcelines(scale.func)[1] + 2
    assert_at(ei.value, body_line)
    assert "different element types (f32 and i64)" in str(ei.value)
    note = ei.value.diagnostics[-1]
    assert note.severity == "note" and note.line == line
    assert "memref<16x64xf32, strided<[64, 1], offset: ?>>, memref<16x64xf32" in note.message
    assert f"{THIS}:{line}:" in str(ei.value)


def test_kernel_declaration_errors():
    line = here() + 2
    with pytest.raises(DSLError) as ei:
        @kernel(core="aiv", access=["in", "out"])
        def k(x):
            pass
    assert_at(ei.value, line)
    assert "1 parameters but 2 access modes" in str(ei.value)
    with pytest.raises(DSLError) as ei:
        kernel(core="gpu", access=["in"])
    assert "not 'aiv'" in str(ei.value)
    with pytest.raises(DSLError) as ei:
        kernel(access=["read"])
    assert "'read'" in str(ei.value)
    with pytest.raises(DSLError) as ei:
        kernel(access=["in"], source="/nonexistent/k.cpp")(lambda x: None)
    assert "does not exist" in str(ei.value)
    with pytest.raises(DSLError):
        scale(1, 2, 3)  # kernels are submitted with task()
    with pytest.raises(DSLError):
        with workload("main"):
            exp(1.0)  # kernel expressions outside a kernel body


def test_csp_misuse():
    @process(access=["in"])
    def p(ch):
        pass

    with pytest.raises(DSLError) as ei:
        with workload("main"):
            ch = channel("c", 1)
            line = here() + 1
            spawn(p, inout(ch))
    assert_at(ei.value, line)
    with pytest.raises(DSLError) as ei:
        with workload("main"):
            x = tensor("x", (64, 64), np.float32)
            ch = channel("c", 1)
            line = here() + 1
            task(scale, in_(ch), out(x), scalar(1.0))
    assert_at(ei.value, line)
    assert "channels are passed to spawn()" in str(ei.value)
    with pytest.raises(DSLError) as ei:
        with workload("main"):
            x = tensor("x", (64, 64), np.float32)
            line = here() + 1
            send(x, 1)
    assert_at(ei.value, line)
    with pytest.raises(DSLError) as ei:
        with workload("main"):
            line = here() + 1
            channel("c", -1)
    assert_at(ei.value, line)

    @process(access=["in"])
    def captures(ch):
        send(outer, 1)
    line = here() - 1
    with pytest.raises(DSLError) as ei:
        with workload("main"):
            outer = channel("o", 1)  # noqa: F841  (captured by the process body)
            c2 = channel("c2", 1)
            spawn(captures, in_(c2))
    assert_at(ei.value, line)
    assert "belongs to @main" in str(ei.value)


# --- errors from libwsp come back at the Python lines ----------------------------------

def test_verifier_error_maps_to_the_python_line():
    with workload("main") as w:
        x = tensor("x", (64, 64), np.float32)
        tile(x, (0, 0), (16, 64))
        for _ in seq(2):
            line = here() + 1
            task_window(16)  # inside a loop: it must hold for the whole run
    with pytest.raises(WspError) as ei:
        w.verify()
    assert_at(ei.value, line)
    assert "'wsp.task_window' op: must be at the top level of workload @main" in str(ei.value)


def test_two_windows_report_the_second_with_a_note():
    with workload("main") as w:
        first = here() + 1
        task_window(16)
        line = here() + 1
        task_window(8)
    with pytest.raises(WspError) as ei:
        w.verify()
    assert_at(ei.value, line)
    assert any(d.severity == "note" and d.line == first for d in ei.value.diagnostics)


def test_symbol_types_must_agree():
    with pytest.raises(DSLError) as ei:
        with workload("main"):
            symbol("n")
            line = here() + 1
            symbol("n", np.int32)
    assert_at(ei.value, line)


def test_ir_is_available_after_the_block_only():
    with pytest.raises(DSLError):
        with workload("main") as w:
            w.mlir
    with pytest.raises(DSLError) as ei:
        with workload("a"):
            line = here() + 1
            with workload("b"):
                pass
    assert_at(ei.value, line)
