"""Element-wise activations: their float definition and how each runs on int8.

A ReLU without slope or threshold (optionally capped: ReLU6) runs as the
output clamp of the layer before it, for free. Every other element-wise
function runs as a 256-entry lookup table built here from its float
definition, so the int8 result is the best one possible for the chosen
quantisation and exact by construction.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from .errors import NnomError


@dataclass
class Activation:
    """An element-wise activation, fused onto a node or standing alone."""

    kind: str  # "relu", "sigmoid", "tanh", "leaky_relu", ... see KERAS_ACTIVATIONS
    params: dict = field(default_factory=dict)

    def describe(self) -> str:
        return display_name(self)


# Keras name -> our kind. Aliases map to one implementation.
KERAS_ACTIVATIONS = {
    "linear": "linear",
    "relu": "relu",
    "relu6": "relu6",
    "sigmoid": "sigmoid",
    "tanh": "tanh",
    "softmax": "softmax",
    "elu": "elu",
    "selu": "selu",
    "softplus": "softplus",
    "softsign": "softsign",
    "swish": "silu",
    "silu": "silu",
    "gelu": "gelu",
    "hard_sigmoid": "hard_sigmoid",
    "hard_silu": "hard_silu",
    "hard_swish": "hard_silu",
    "exponential": "exponential",
    "leaky_relu": "leaky_relu",
    "mish": "mish",
    "hard_tanh": "hard_tanh",
    "tanh_shrink": "tanh_shrink",
    "soft_shrink": "soft_shrink",
    "hard_shrink": "hard_shrink",
    "celu": "celu",
    "glu": None,
    "log_softmax": None,
    "sparsemax": None,
}

_DISPLAY = {
    "linear": "",
    "relu": "ReLU",
    "relu6": "ReLU6",
    "sigmoid": "Sigmoid",
    "tanh": "TanH",
    "elu": "ELU",
    "selu": "SELU",
    "softplus": "Softplus",
    "softsign": "Softsign",
    "silu": "Swish",
    "gelu": "GELU",
    "hard_sigmoid": "HSigmoid",
    "hard_silu": "HSwish",
    "exponential": "Exp",
    "leaky_relu": "LkyReLU",
    "mish": "Mish",
    "hard_tanh": "HTanH",
    "tanh_shrink": "TanhShr",
    "soft_shrink": "SoftShr",
    "hard_shrink": "HardShr",
    "celu": "CELU",
}


def display_name(act: Activation) -> str:
    if act.kind == "relu":
        p = act.params
        if p.get("negative_slope", 0) or p.get("threshold", 0):
            return "AdvReLU"
        if p.get("max_value") is not None:
            return "ReLU6" if float(p["max_value"]) == 6.0 else "ReLUx"
    return _DISPLAY.get(act.kind, act.kind)


def from_keras(name: str, keras_major: int, layer: str, class_name: str) -> Activation | None:
    """Activation for a Keras activation string; None for linear."""
    from .errors import UnsupportedLayerError

    kind = KERAS_ACTIVATIONS.get(name)
    if kind is None:
        supported = ", ".join(sorted(k for k, v in KERAS_ACTIVATIONS.items() if v))
        raise UnsupportedLayerError(
            layer, class_name, f"activation '{name}' is not supported; supported: {supported}"
        )
    if kind == "linear":
        return None
    params: dict = {}
    if kind == "relu6":
        kind, params = "relu", {"max_value": 6.0}
    elif kind == "hard_sigmoid":
        params = {"keras2": keras_major < 3}
    elif kind == "leaky_relu":
        params = {"alpha": 0.2}
    elif kind in ("elu", "celu"):
        params = {"alpha": 1.0}
    elif kind == "gelu":
        params = {"approximate": keras_major >= 3}
    elif kind in ("soft_shrink", "hard_shrink"):
        params = {"threshold": 0.5}
    return Activation(kind, params)


def is_clamp(act: Activation | None) -> bool:
    """True when the activation is only a clamp to [0, max_value]."""
    if act is None:
        return True
    if act.kind != "relu":
        return False
    p = act.params
    return not p.get("negative_slope", 0) and not p.get("threshold", 0)


def clamp_range(act: Activation | None) -> tuple[float, float]:
    """Real-valued output range of a clamp activation."""
    if act is None:
        return (-math.inf, math.inf)
    max_value = act.params.get("max_value")
    return (0.0, math.inf if max_value is None else float(max_value))


def _erf(x: np.ndarray) -> np.ndarray:
    vec = np.vectorize(math.erf, otypes=[np.float64])
    return vec(x)


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * x))


def _softplus(x: np.ndarray) -> np.ndarray:
    return np.logaddexp(0.0, x)


def apply_as(act: Activation, x: np.ndarray, dtype) -> np.ndarray:
    """apply(act, x).astype(dtype), computing a ReLU without slope or
    threshold in dtype when x has it: the same bits (the float64 route gives
    x for x >= 0 and 0.0 * x = -0.0 below; a cap is the float32 nearest it),
    without two float64 copies of every activation."""
    p = act.params
    plain = not (p.get("negative_slope") or p.get("threshold"))
    if act.kind == "relu" and plain and x.dtype == dtype == np.float32:
        y = _relu_float32(x)
        cap = p.get("max_value")
        return y if cap is None else np.minimum(y, np.float32(cap))
    return apply(act, x).astype(dtype)


# +inf's bits as an int32 (a larger positive pattern is a NaN)
_INF_BITS = 0x7F800000


def _relu_float32(x: np.ndarray) -> np.ndarray:
    """np.where(x >= 0, x, np.float32(-0.0)) by the bits, tens of times
    faster than np.where: the sign spread over the word (-1 where it is
    set, x < 0 or -0.0, else 0) xor 0x7FFFFFFF is a mask that keeps the
    sign bit alone (-0.0) or everything but it (x, whose sign bit is
    clear). A NaN with the sign bit set gives -0.0 as np.where does; one
    without stays a NaN, then the only value above +inf's bits, which one
    read finds."""
    bits = x.view(np.int32)
    mask = np.right_shift(bits, 31)
    np.bitwise_xor(mask, np.int32(0x7FFFFFFF), out=mask)
    np.bitwise_and(mask, bits, out=mask)
    if mask.size and mask.max() > _INF_BITS:
        mask[np.isnan(mask.view(np.float32))] = np.int32(-(2**31))
    return mask.view(np.float32)


def apply(act: Activation | None, x: np.ndarray) -> np.ndarray:
    """The activation in float64, as Keras defines it."""
    if act is None:
        return x
    x = np.asarray(x, dtype=np.float64)
    k, p = act.kind, act.params
    if k == "relu":
        slope = float(p.get("negative_slope", 0.0) or 0.0)
        thr = float(p.get("threshold", 0.0) or 0.0)
        max_value = p.get("max_value")
        y = np.where(x >= thr, x, slope * (x - thr))
        if max_value is not None:
            y = np.minimum(y, float(max_value))
        return y
    if k == "leaky_relu":
        return np.where(x >= 0, x, float(p["alpha"]) * x)
    if k == "sigmoid":
        return _sigmoid(x)
    if k == "tanh":
        return np.tanh(x)
    if k == "elu":
        return np.where(x > 0, x, float(p["alpha"]) * np.expm1(np.minimum(x, 0)))
    if k == "celu":
        a = float(p["alpha"])
        return np.maximum(x, 0) + np.minimum(0, a * np.expm1(np.minimum(x, 0) / a))
    if k == "selu":
        alpha, scale = 1.6732632423543772, 1.0507009873554805
        return scale * np.where(x > 0, x, alpha * np.expm1(np.minimum(x, 0)))
    if k == "softplus":
        return _softplus(x)
    if k == "softsign":
        return x / (1.0 + np.abs(x))
    if k == "silu":
        return x * _sigmoid(x)
    if k == "gelu":
        if p.get("approximate"):
            c = math.sqrt(2.0 / math.pi)
            return 0.5 * x * (1.0 + np.tanh(c * (x + 0.044715 * x**3)))
        return 0.5 * x * (1.0 + _erf(x / math.sqrt(2.0)))
    if k == "hard_sigmoid":
        if p.get("keras2"):
            return np.clip(0.2 * x + 0.5, 0.0, 1.0)
        return np.clip(x + 3.0, 0.0, 6.0) / 6.0
    if k == "hard_silu":
        return x * np.clip(x + 3.0, 0.0, 6.0) / 6.0
    if k == "exponential":
        return np.exp(x)
    if k == "mish":
        return x * np.tanh(_softplus(x))
    if k == "hard_tanh":
        return np.clip(x, -1.0, 1.0)
    if k == "tanh_shrink":
        return x - np.tanh(x)
    if k == "soft_shrink":
        t = float(p["threshold"])
        return np.where(x > t, x - t, np.where(x < -t, x + t, 0.0))
    if k == "hard_shrink":
        t = float(p["threshold"])
        return np.where(np.abs(x) > t, x, 0.0)
    raise NnomError(f"activation kind '{k}' has no float definition")


def lookup_table(
    act: Activation, in_scale: float, in_zp: int, out_scale: float, out_zp: int
) -> np.ndarray:
    """int8 -> int8 table: out[q + 128] for every input q."""
    q = np.arange(-128, 128, dtype=np.float64)
    y = apply(act, float(in_scale) * (q - in_zp))
    y = np.nan_to_num(y, nan=0.0, posinf=1e30, neginf=-1e30)
    out = np.floor(y / float(out_scale) + 0.5) + out_zp  # round half up, then clamp
    return np.clip(out, -128, 127).astype(np.int8)
