# A reference whose generate_inputs returns the arguments in the wrong order.
import ctypes

import numpy as np


def generate_inputs(params):
    x = np.zeros((64, 64), dtype=np.float32)
    return [("y", x.copy()), ("x", x), ("s", ctypes.c_float(1.0))]


def compute_golden(tensors, params):
    pass
