# Reference for examples/csp_pipeline: y = 2 * x + 1 over a 128x64 f32 tensor,
# computed tile by tile by three processes (loader -> compute -> store) that
# pass tile indices over channels of capacity 2.
import torch

RTOL = 1e-5
ATOL = 1e-5


def generate_inputs(params):
    g = torch.Generator().manual_seed(11)
    x = torch.randn(128, 64, generator=g, dtype=torch.float32)
    y = torch.zeros(128, 64, dtype=torch.float32)
    return [("x", x), ("y", y)]


def compute_golden(tensors, params):
    tensors["y"][:] = 2.0 * torch.as_tensor(tensors["x"]) + 1.0
