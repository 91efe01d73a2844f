# A numpy-only reference for the bgemm artifact, declaring its own __outputs__.
import numpy as np

__outputs__ = ["C"]


def generate_inputs(params):
    a = np.ones((64, 64), dtype=np.float32)
    b = np.ones((64, 64), dtype=np.float32)
    c = np.full((64, 64), 2.0, dtype=np.float32)
    return [("A", a), ("B", b), ("C", c)]


def compute_golden(tensors, params):
    tensors["C"][:] = tensors["C"] + tensors["A"] @ tensors["B"]
