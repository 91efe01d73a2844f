# Reference for examples/bgemm: C += A @ B for 64x64 f32 matrices. C starts
# non-zero, so the result shows that its initial contents reached the device.
import torch

RTOL = 1e-4
ATOL = 1e-4


def generate_inputs(params):
    g = torch.Generator().manual_seed(5)
    a = torch.randn(64, 64, generator=g, dtype=torch.float32)
    b = torch.randn(64, 64, generator=g, dtype=torch.float32)
    c = torch.randn(64, 64, generator=g, dtype=torch.float32)
    return [("A", a), ("B", b), ("C", c)]


def compute_golden(tensors, params):
    a = torch.as_tensor(tensors["A"])
    b = torch.as_tensor(tensors["B"])
    tensors["C"][:] = torch.as_tensor(tensors["C"]) + a @ b
