# Reference for examples/softmax: y = softmax(x) along rows, 64x64 f32.
import torch

RTOL = 1e-5
ATOL = 1e-6


def generate_inputs(params):
    g = torch.Generator().manual_seed(3)
    x = 4 * torch.randn(64, 64, generator=g, dtype=torch.float32)
    y = torch.zeros(64, 64, dtype=torch.float32)
    return [("x", x), ("y", y)]


def compute_golden(tensors, params):
    tensors["y"][:] = torch.softmax(torch.as_tensor(tensors["x"]), dim=1)
