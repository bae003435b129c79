"""Helpers shared by the op modules: the integer-parameter base class and the
quantisation steps several ops take (TFLite's int8 scheme)."""

from __future__ import annotations

import math

import numpy as np

from .. import activations
from ..errors import CalibrationError
from ..fixedpoint import round_half_away
from ..graph import Node, QParams

# smallest activation scale: below it the range is treated as all zeros, so
# every multiplier stays a normal float (denormal calibration data)
MIN_SCALE = 1e-30


class QuantParams:
    """Integer parameters every layer has: the output clamp, and the table of
    a fused table activation (lut) when there is one. Each op's parameters
    are a dataclass deriving from this; the defaults are set here."""

    act_min: int = -128
    act_max: int = 127
    lut: np.ndarray | None = None

    def with_tail(self, act_min: int = -128, act_max: int = 127, lut=None) -> QuantParams:
        """Set the clamp and table of the layer's activation tail."""
        self.act_min, self.act_max, self.lut = act_min, act_max, lut
        return self


def choose_qparams(lo: float, hi: float) -> QParams:
    lo, hi = min(float(lo), 0.0), max(float(hi), 0.0)
    if not (math.isfinite(lo) and math.isfinite(hi)):
        raise CalibrationError("calibration produced infinite or NaN activations")
    span = hi - lo
    scale = float(np.float32(span / 255.0))
    if not np.isfinite(np.float32(scale)) or scale < MIN_SCALE:
        # a range no int8 step resolves (denormal values), or beyond float32
        if span > 1e30:
            raise CalibrationError(f"values up to {max(-lo, hi):.3g} are beyond int8 quantisation")
        scale = 1.0
    zp = round_half_away(-128.0 - lo / scale)
    return QParams(scale=scale, zero_point=int(min(127, max(-128, zp))))


def round_half(x: np.ndarray) -> np.ndarray:
    """Round half away from zero."""
    return np.sign(x) * np.floor(np.abs(x) + 0.5)


def activation_range(node: Node, q: QParams) -> tuple[int, int]:
    """Clamp bounds in the quantised domain for a clamp-type activation."""
    lo, hi = (
        activations.clamp_range(node.act)
        if activations.is_clamp(node.act)
        else (
            -math.inf,
            math.inf,
        )
    )
    # float32 arithmetic, as the C runtime applies ReLU/ReLU6 tails (nnom_compile.c)
    qmin = -128 if lo == -math.inf else max(-128, min(127, q.zero_point))
    if hi == math.inf:
        qmax = 127
    else:
        steps = round_half_away(float(np.float32(hi) / np.float32(q.scale)))
        qmax = min(127, q.zero_point + min(steps, 1000))
    return int(qmin), int(qmax)


def out_and_pre(node: Node, ranges) -> tuple[QParams, dict]:
    """Set out_q (and pre_q for a table activation tail). Returns the
    quantisation the layer's own arithmetic writes, and the QuantParams
    fields of its tail: act_min, act_max and lut."""
    node.out_q = choose_qparams(*ranges.out[node.name])
    tail: dict = {}
    if not activations.is_clamp(node.act):
        node.pre_q = choose_qparams(*ranges.pre[node.name])
        tail["lut"] = activations.lookup_table(
            node.act,
            node.pre_q.scale,
            node.pre_q.zero_point,
            node.out_q.scale,
            node.out_q.zero_point,
        )
    target = node.pre_q if node.pre_q is not None else node.out_q
    tail["act_min"], tail["act_max"] = activation_range(node, target)
    return target, tail


def requant_table(src: QParams, dst: QParams) -> np.ndarray | None:
    """int8 -> int8 table giving src-quantised values in dst's quantisation
    (round half up, saturated); None when the two are the same."""
    if src == dst:
        return None
    q = np.arange(-128, 128, dtype=np.float64)
    real = float(src.scale) * (q - src.zero_point)
    out = np.floor(real / float(dst.scale) + 0.5) + dst.zero_point
    return np.clip(out, -128, 127).astype(np.int8)


def target_zp(node: Node) -> int:
    """The zero point the layer's own arithmetic writes (before a table tail)."""
    return (node.pre_q or node.out_q).zero_point


def input_zps(node: Node, g) -> list[int]:
    return [g.node(i).out_q.zero_point for i in node.inputs]
