"""Element types: numpy dtypes <-> MLIR element types, constant literals, quoting
and SSA-name sanitising.

Pure functions of their arguments; no tracing state.
"""

import math
import re
import struct

from .errors import DSLError


_NP_TO_MLIR = {
    "float32": "f32", "float16": "f16", "float64": "f64", "bfloat16": "bf16",
    "int8": "i8", "int16": "i16", "int32": "i32", "int64": "i64",
    "uint8": "ui8", "uint16": "ui16", "uint32": "ui32", "uint64": "ui64", "bool": "i1",
}
_MLIR_TO_NP = {v: k for k, v in _NP_TO_MLIR.items()}
_MLIR_TO_NP["index"] = "index"
# Element types the runtime has tensors of (the emitter's list).
_TENSOR_ELEMS = ("f32", "f16", "bf16", "i8", "i16", "i32", "i64", "ui8", "ui64")


def _elem(dtype, loc=None) -> str:
    """An MLIR element type from a numpy dtype, a numpy scalar type, or a name."""
    if isinstance(dtype, str):
        if dtype in _MLIR_TO_NP:
            return dtype
        if dtype in _NP_TO_MLIR:
            return _NP_TO_MLIR[dtype]
        if dtype in ("bool_",):
            return "i1"
    else:
        try:
            import numpy as np
            name = np.dtype(dtype).name
            if name in _NP_TO_MLIR:
                return _NP_TO_MLIR[name]
        except Exception:
            pass
        if dtype is bool:
            return "i1"
        if dtype is int:
            return "i64"
        if dtype is float:
            return "f32"
    raise DSLError(f"unsupported dtype {dtype!r}; use a numpy dtype (float32, float16, int32, "
                   "int64, ...), 'bfloat16' or 'index'", loc)


def dtype_name(elem: str) -> str:
    """The numpy dtype name of an MLIR element type ("f32" -> "float32")."""
    return _MLIR_TO_NP.get(elem, elem)


def _is_float(t):
    return t in ("f16", "bf16", "f32", "f64")


def _is_int(t):
    return t == "index" or (t.startswith("i") and t[1:].isdigit())


def _is_unsigned(t):
    return t.startswith("ui")


def _int_width(t):
    return 64 if t == "index" else int(t[1:])


def _const_literal(value, t):
    """The literal of an arith.constant of type t (floats as exact bit patterns)."""
    if t == "i1":
        return "true" if value else "false"
    if _is_int(t):
        return str(int(value))
    v = float(value)
    if t == "f32":
        return "0x%08X" % struct.unpack("<I", struct.pack("<f", v))[0]
    if t == "f64":
        return "0x%016X" % struct.unpack("<Q", struct.pack("<d", v))[0]
    if t == "f16":
        return "0x%04X" % struct.unpack("<H", struct.pack("<e", v))[0]
    if t == "bf16":
        bits = struct.unpack("<I", struct.pack("<f", v))[0]
        if math.isnan(v):
            return "0x7FC0"
        bits += 0x7FFF + ((bits >> 16) & 1)  # round to nearest even
        return "0x%04X" % ((bits >> 16) & 0xFFFF)
    raise ValueError(t)


def _quote(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _sanitize(hint):
    s = re.sub(r"[^A-Za-z0-9_$.]", "_", str(hint)) or "v"
    return s if (s[0].isalpha() or s[0] == "_") else "v" + s
