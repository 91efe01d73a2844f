# Reference for examples/flag_branch: set_flag writes the scalar `v` into
# flag[0]; y = 7 everywhere when the flag is non-zero, else y = 3. The flag
# exists only on device: both fill tasks are submitted, and each one's guard
# decides on device whether it writes y (docs/slots.md). One artifact serves
# both cases: only the argument `v` changes (run_example.py --all).
# generate_inputs returns the orchestration arguments in order, by name.
import ctypes

import torch

ALL_CASES = {"FlagSet": {"v": 5}, "FlagClear": {"v": 0}}
DEFAULT_CASE = "FlagSet"


def generate_inputs(params):
    v = params.get("v", ALL_CASES[DEFAULT_CASE]["v"])
    flag = torch.full((1,), -1, dtype=torch.int32)   # overwritten by set_flag
    y = torch.full((64,), -1.0, dtype=torch.float32)  # a skipped write would leave -1
    return [("flag", flag), ("y", y), ("v", ctypes.c_int32(v))]


def compute_golden(tensors, params):
    v = params.get("v", ALL_CASES[DEFAULT_CASE]["v"])
    tensors["flag"][:] = v
    tensors["y"][:] = 7.0 if v != 0 else 3.0
