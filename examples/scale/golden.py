# Reference for examples/scale: y = s * x over a 64x64 f32 tensor.
# generate_inputs returns the orchestration arguments in order, by name:
# x and y (tensors) and s (a float scalar, passed bit-cast in a u64 slot).
# wsp appends __outputs__ (the tensors the program writes: y) to the artifact's copy.
import ctypes

import torch

RTOL = 1e-5
ATOL = 1e-5
SCALE = 1.5


def generate_inputs(params):
    g = torch.Generator().manual_seed(7)
    x = torch.randn(64, 64, generator=g, dtype=torch.float32)
    y = torch.zeros(64, 64, dtype=torch.float32)
    return [("x", x), ("y", y), ("s", ctypes.c_float(SCALE))]


def compute_golden(tensors, params):
    tensors["y"][:] = SCALE * torch.as_tensor(tensors["x"])
