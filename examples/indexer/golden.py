# Reference for examples/indexer: n = sum(seg) is computed on device; the
# padding bucket pad[0] and the clamped positions pos[i] = min(i * 4096, n)
# follow from it. One artifact runs every case (run_example.py --all): the
# cases cover each branch of the else-if chain and its boundaries.
# generate_inputs returns the orchestration arguments in order, by name.
import torch

ALL_CASES = {
    "Short": {"seg": [100, 200, 300, 400, 0, 0, 0, 0]},                         # 1000   -> 2048
    "Boundary2k": {"seg": [2048, 0, 0, 0, 0, 0, 0, 0]},                         # 2048   -> 2048
    "Medium": {"seg": [1000] * 5 + [0, 0, 0]},                                  # 5000   -> 8192
    "Boundary64k": {"seg": [8192] * 8},                                         # 65536  -> 65536
    "Long": {"seg": [10000] * 7 + [30001]},                                     # 100001 -> 131072
}
DEFAULT_CASE = "Medium"
BUCKETS = [2048, 8192, 65536]


def _seg(params):
    return params.get("seg", ALL_CASES[DEFAULT_CASE]["seg"])


def generate_inputs(params):
    seg = torch.tensor(_seg(params), dtype=torch.int64)
    pad = torch.full((1,), -1, dtype=torch.int64)   # exactly one guarded task writes it
    pos = torch.full((32,), -1, dtype=torch.int64)
    return [("seg", seg), ("pad", pad), ("pos", pos)]


def compute_golden(tensors, params):
    n = sum(_seg(params))
    tensors["pad"][0] = next((b for b in BUCKETS if n <= b), 131072)
    tensors["pos"][:] = torch.tensor([min(i * 4096, n) for i in range(32)], dtype=torch.int64)
