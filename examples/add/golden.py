# Reference for examples/add: z = x + y over 64x128 f32 tensors.
# generate_inputs returns the orchestration arguments in order, by name.
import torch

RTOL = 1e-6
ATOL = 1e-6


def generate_inputs(params):
    g = torch.Generator().manual_seed(11)
    x = torch.randn(64, 128, generator=g, dtype=torch.float32)
    y = torch.randn(64, 128, generator=g, dtype=torch.float32)
    z = torch.zeros(64, 128, dtype=torch.float32)
    return [("x", x), ("y", y), ("z", z)]


def compute_golden(tensors, params):
    tensors["z"][:] = torch.as_tensor(tensors["x"]) + torch.as_tensor(tensors["y"])
