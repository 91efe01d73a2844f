import torch

RTOL = 0
ATOL = 0


def generate_inputs(params):
    return [("x", torch.arange(320, dtype=torch.float32))]


def compute_golden(tensors, params):
    # every outer block's first tile gets +1, each of its four inner tiles +2
    x = tensors["x"]
    for i in range(4):
        x[i * 80:i * 80 + 16] += 1
        x[i * 80 + 16:i * 80 + 80] += 2
