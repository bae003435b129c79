"""A .tflite file -> TfliteModel (plain tensors and operators), without
TensorFlow: the flatbuffer is read through the `tflite` package's generated
schema accessors (which need `flatbuffers` only).

The file may be hostile: every count, shape and buffer is checked against
the file's size before it is used, and any malformed structure becomes one
ModelFileError line.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ModelFileError

MAX_FILE_BYTES = 256 << 20  # a microcontroller model is far smaller
MAX_RANK = 6
MAX_DIM = 1 << 24

# TensorType enum -> numpy dtype (the types a model for NNoM can hold)
_DTYPES = {
    0: np.float32,
    1: np.float16,
    2: np.int32,
    3: np.uint8,
    4: np.int64,
    6: np.bool_,
    7: np.int16,
    9: np.int8,
    10: np.float64,
}
_TYPE_NAMES = {
    0: "float32",
    1: "float16",
    2: "int32",
    3: "uint8",
    4: "int64",
    5: "string",
    6: "bool",
    7: "int16",
    8: "complex64",
    9: "int8",
    10: "float64",
    11: "complex128",
    12: "uint64",
    13: "resource",
    14: "variant",
    15: "uint32",
    16: "uint16",
    17: "int4",
}

# builtin options class -> the fields the frontend reads
_OPTION_FIELDS = {
    "Conv2DOptions": (
        "Padding",
        "StrideW",
        "StrideH",
        "FusedActivationFunction",
        "DilationWFactor",
        "DilationHFactor",
    ),
    "DepthwiseConv2DOptions": (
        "Padding",
        "StrideW",
        "StrideH",
        "DepthMultiplier",
        "FusedActivationFunction",
        "DilationWFactor",
        "DilationHFactor",
    ),
    "FullyConnectedOptions": ("FusedActivationFunction", "WeightsFormat", "KeepNumDims"),
    "TransposeConvOptions": ("Padding", "StrideW", "StrideH", "FusedActivationFunction"),
    "Pool2DOptions": (
        "Padding",
        "StrideW",
        "StrideH",
        "FilterWidth",
        "FilterHeight",
        "FusedActivationFunction",
    ),
    "ReducerOptions": ("KeepDims",),
    "AddOptions": ("FusedActivationFunction",),
    "SubOptions": ("FusedActivationFunction",),
    "MulOptions": ("FusedActivationFunction",),
    "ConcatenationOptions": ("Axis", "FusedActivationFunction"),
    "SoftmaxOptions": ("Beta",),
    "LeakyReluOptions": ("Alpha",),
}


@dataclass
class TflTensor:
    index: int
    name: str
    shape: tuple[int, ...]
    dtype: str  # "int8", "float32", ... (_TYPE_NAMES)
    data: np.ndarray | None  # constant contents, shaped; None for activations
    scale: np.ndarray | None = None  # float32 per tensor or per channel
    zero_point: np.ndarray | None = None  # int64
    quantized_dimension: int = 0

    @property
    def quantized(self) -> bool:
        return self.scale is not None and self.scale.size > 0


@dataclass
class TflOperator:
    index: int
    opcode: str  # builtin name, e.g. "CONV_2D" (custom ops: "CUSTOM:<code>")
    inputs: list[int]  # -1: optional input left out
    outputs: list[int]
    options: dict[str, Any] = field(default_factory=dict)


@dataclass
class TfliteModel:
    name: str
    tensors: list[TflTensor]
    operators: list[TflOperator]
    inputs: list[int]
    outputs: list[int]


def _enum_names(enum_cls) -> dict[int, str]:
    return {v: k for k, v in vars(enum_cls).items() if not k.startswith("_") and isinstance(v, int)}


def _check_count(n: int, buf_len: int, what: str) -> int:
    # every element of a flatbuffer vector takes at least one byte
    if n < 0 or n > buf_len:
        raise ModelFileError(f"corrupt .tflite file: {what} count {n} exceeds the file")
    return n


def _ints(arr, buf_len: int, what: str) -> list[int]:
    if isinstance(arr, int):  # accessor's "absent" value
        return []
    _check_count(len(arr), buf_len, what)
    return [int(v) for v in arr]


def _read_buffer(model, raw: bytes, index: int) -> bytes | None:
    if index <= 0 or index >= model.BuffersLength():
        return None
    b = model.Buffers(index)
    offset, size = int(b.Offset()), int(b.Size())
    if offset > 1:  # large models keep buffers after the flatbuffer
        if offset + size > len(raw):
            raise ModelFileError(f"corrupt .tflite file: buffer {index} lies outside the file")
        return raw[offset : offset + size]
    if b.DataLength() == 0:
        return None
    return b.DataAsNumpy().tobytes()


def _tensor(model, sg, raw: bytes, i: int) -> TflTensor:
    t = sg.Tensors(i)
    name = (t.Name() or b"").decode("utf-8", "replace")
    shape = tuple(_ints(t.ShapeAsNumpy(), len(raw), f"tensor {i} rank"))
    if len(shape) > MAX_RANK or any(d < 0 or d > MAX_DIM for d in shape):
        raise ModelFileError(f"tensor '{name}' (index {i}): shape {shape} is not supported")
    ttype = int(t.Type())
    dtype = _TYPE_NAMES.get(ttype, f"type {ttype}")
    data = None
    content = _read_buffer(model, raw, int(t.Buffer()))
    if content is not None:
        np_type = _DTYPES.get(ttype)
        if np_type is None:
            raise ModelFileError(f"tensor '{name}' (index {i}): constant of type {dtype}")
        count = int(np.prod(shape, dtype=np.int64)) if shape else 1
        if count * np.dtype(np_type).itemsize != len(content):
            raise ModelFileError(
                f"tensor '{name}' (index {i}): {len(content)} bytes of data for shape {shape}"
            )
        data = np.frombuffer(content, dtype=np.dtype(np_type).newbyteorder("<")).reshape(shape)
        data = data.astype(np_type)
    tensor = TflTensor(i, name, shape, dtype, data)
    q = t.Quantization()
    if q is not None and q.ScaleLength() > 0:
        n = _check_count(q.ScaleLength(), len(raw), f"tensor {i} scales")
        tensor.scale = np.asarray(q.ScaleAsNumpy(), dtype=np.float32).reshape(n)
        zps = q.ZeroPointAsNumpy()
        tensor.zero_point = (
            np.zeros(n, np.int64) if isinstance(zps, int) else np.asarray(zps, dtype=np.int64)
        )
        if tensor.zero_point.size != n:
            raise ModelFileError(
                f"tensor '{name}' (index {i}): {n} scales but {tensor.zero_point.size} zero points"
            )
        low, high = _ZERO_POINT_RANGE.get(dtype, (-(2**31), 2**31 - 1))
        if n and (tensor.zero_point.min() < low or tensor.zero_point.max() > high):
            raise ModelFileError(
                f"tensor '{name}' (index {i}): zero points {int(tensor.zero_point.min())}.."
                f"{int(tensor.zero_point.max())} are outside {dtype}'s {low}..{high}; "
                "the file is damaged"
            )
        tensor.quantized_dimension = int(q.QuantizedDimension())
    return tensor


# a zero point is a value of its tensor's type (the file stores int64)
_ZERO_POINT_RANGE = {"int8": (-128, 127), "uint8": (0, 255), "int16": (-32768, 32767)}


def _options(op, opcode: str, option_names: dict[int, str]) -> dict[str, Any]:
    import tflite

    kind = option_names.get(int(op.BuiltinOptionsType()))
    fields = _OPTION_FIELDS.get(kind or "")
    table = op.BuiltinOptions()
    if fields is None or table is None:
        return {}
    obj = getattr(tflite, kind)()
    obj.Init(table.Bytes, table.Pos)
    return {f: getattr(obj, f)() for f in fields}


def parse_tflite(raw: bytes, name: str = "model") -> TfliteModel:
    """Read a .tflite flatbuffer (bytes). Raises ModelFileError."""
    try:
        import tflite
    except ImportError:  # pragma: no cover - a runtime dependency
        raise ModelFileError(
            "reading .tflite files needs the 'tflite' package: pip install tflite"
        ) from None
    if len(raw) < 8 or raw[4:8] != b"TFL3":
        raise ModelFileError(f"{name}: not a TFLite flatbuffer (no 'TFL3' identifier)")
    if len(raw) > MAX_FILE_BYTES:
        raise ModelFileError(f"{name}: {len(raw)} bytes is too large for a microcontroller model")
    op_names = _enum_names(tflite.BuiltinOperator)
    option_names = _enum_names(tflite.BuiltinOptions)
    try:
        model = tflite.Model.GetRootAs(raw, 0)
        if model.SubgraphsLength() < 1:
            raise ModelFileError(f"{name}: the file holds no subgraph")
        _check_count(model.BuffersLength(), len(raw), "buffer")
        codes = []
        for k in range(_check_count(model.OperatorCodesLength(), len(raw), "operator code")):
            c = model.OperatorCodes(k)
            code = max(int(c.BuiltinCode()), int(c.DeprecatedBuiltinCode()))
            if op_names.get(code) == "CUSTOM":
                codes.append("CUSTOM:" + (c.CustomCode() or b"").decode("utf-8", "replace"))
            else:
                codes.append(op_names.get(code, f"builtin {code}"))
        sg = model.Subgraphs(0)
        n_tensors = _check_count(sg.TensorsLength(), len(raw), "tensor")
        tensors = [_tensor(model, sg, raw, i) for i in range(n_tensors)]
        operators = []
        for k in range(_check_count(sg.OperatorsLength(), len(raw), "operator")):
            op = sg.Operators(k)
            idx = int(op.OpcodeIndex())
            if not 0 <= idx < len(codes):
                raise ModelFileError(f"operator {k}: opcode index {idx} out of range")
            ins = _ints(op.InputsAsNumpy(), len(raw), f"operator {k} inputs")
            outs = _ints(op.OutputsAsNumpy(), len(raw), f"operator {k} outputs")
            for t in ins + outs:
                if not -1 <= t < n_tensors:
                    raise ModelFileError(f"operator {k} ({codes[idx]}): tensor {t} out of range")
            operators.append(
                TflOperator(k, codes[idx], ins, outs, _options(op, codes[idx], option_names))
            )
        inputs = _ints(sg.InputsAsNumpy(), len(raw), "subgraph inputs")
        outputs = _ints(sg.OutputsAsNumpy(), len(raw), "subgraph outputs")
        for t in inputs + outputs:
            if not 0 <= t < n_tensors:
                raise ModelFileError(f"{name}: subgraph input/output tensor {t} out of range")
        sg_name = (sg.Name() or b"").decode("utf-8", "replace")
    except ModelFileError:
        raise
    except (
        IndexError,
        ValueError,
        TypeError,
        struct.error,
        UnicodeDecodeError,
        AttributeError,
        OverflowError,
        RecursionError,
        MemoryError,
    ) as err:
        raise ModelFileError(
            f"{name}: corrupt or truncated .tflite file ({type(err).__name__})"
        ) from None
    return TfliteModel(sg_name or Path(name).stem, tensors, operators, inputs, outputs)


def load_tflite(path) -> TfliteModel:
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ModelFileError(f"{p.name}: {size} bytes is too large for a microcontroller model")
        raw = p.read_bytes()
    except OSError as err:
        raise ModelFileError(f"cannot read {p}: {err.strerror or err}") from None
    return parse_tflite(raw, p.name)
