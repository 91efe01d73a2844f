# A numpy-only reference for the scale artifact (lit tests run without torch).
import ctypes

import numpy as np


def generate_inputs(params):
    x = np.arange(64 * 64, dtype=np.float32).reshape(64, 64)
    y = np.zeros((64, 64), dtype=np.float32)
    return [("x", x), ("y", y), ("s", ctypes.c_float(1.5))]


def compute_golden(tensors, params):
    tensors["y"][:] = 1.5 * tensors["x"]
