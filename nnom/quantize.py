"""Calibration and int8 quantisation (TFLite's scheme).

Activations: int8, one scale and zero point per tensor, from the min/max seen
on the calibration data (the range always holds 0). Weights: int8 symmetric,
one scale per output channel (or per tensor). Bias: int32 at scale
input_scale * weight_scale. Requantisation: Q31 multiplier + shift.
"""

from __future__ import annotations

import math

import numpy as np

from . import activations, float_exec, limits
from .errors import CalibrationError
from .fixedpoint import (
    add_params,
    quantize_multiplier,
    round_half_away,
    softmax_exp_table,
    softmax_params,
    wrap32,
)
from .graph import Graph, Node, QParams
from .guard import layer_errors
from .recurrent import RNN_OPS
from .recurrent import quantize as rnn_quantize

CALIBRATION_HINT = (
    "give typical inputs as calibration data, scaled as in training (no huge or denormal values)"
)
# smallest activation scale: below it the range is treated as all zeros, so
# every multiplier stays a normal float (denormal calibration data)
MIN_SCALE = 1e-30
SOFTMAX_OUT = QParams(scale=float(np.float32(1.0 / 256.0)), zero_point=-128)

# Layers whose output keeps the input's quantisation (pure data movement).
PASS_THROUGH = {
    "maxpool",
    "avgpool",
    "flatten",
    "reshape",
    "zeropad",
    "cropping",
    "upsample",
    "global_maxpool",
    "global_avgpool",
}


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


def _round(x: np.ndarray) -> np.ndarray:
    return np.sign(x) * np.floor(np.abs(x) + 0.5)


def _weight_scales(kernel_oc_last: np.ndarray, per_channel: bool) -> np.ndarray:
    flat = np.abs(kernel_oc_last.reshape(-1, kernel_oc_last.shape[-1]))
    peak = flat.max(axis=0) if per_channel else np.full(flat.shape[1], flat.max())
    return np.where(peak > 0, peak / 127.0, 1.0).astype(np.float32)


def fit_bias_scales(
    scales: np.ndarray, bias: np.ndarray, in_scale: float, kernel: np.ndarray, per_channel: bool
) -> np.ndarray:
    """Weight scales raised where the int32 bias would not fit, as TFLite's
    quantiser does for near-dead channels (tiny weights, large bias): the
    channel's weights lose precision, its bias stays exact. The bound leaves
    room for the kernel's sum of products (limits.ACC_TERM per input), so the
    C accumulators never overflow."""
    fan_in = kernel.size // max(1, kernel.shape[-1])
    room = float(2**31 - 1 - limits.ACC_TERM * fan_in)
    need = np.abs(np.asarray(bias, np.float64)) / (np.float64(in_scale) * room)
    if not per_channel:
        need = np.full_like(need, need.max(initial=0.0))
    # float32 scales rounded up, so the bias still fits after rounding
    fitted = np.nextafter(need.astype(np.float32), np.float32(np.inf))
    return np.where(need > scales, fitted, scales).astype(np.float32)


class RangeTracker:
    """Running min/max of every node's pre-activation and output values."""

    def __init__(self) -> None:
        self.pre: dict[str, list[float]] = {}
        self.out: dict[str, list[float]] = {}

    @staticmethod
    def _update(store: dict, name: str, a: np.ndarray) -> None:
        lo, hi = float(a.min()), float(a.max())
        if name in store:
            store[name] = [min(store[name][0], lo), max(store[name][1], hi)]
        else:
            store[name] = [lo, hi]

    def add(self, record: dict[str, tuple[np.ndarray, np.ndarray]]) -> None:
        for name, (pre, out) in record.items():
            self._update(self.pre, name, pre)
            self._update(self.out, name, out)


def calibrate(g: Graph, inputs: list[np.ndarray]) -> RangeTracker:
    tracker = RangeTracker()
    for record in float_exec.iterate(g, inputs):
        tracker.add(record)
    return tracker


def _activation_range(node: Node, q: QParams) -> tuple[int, int]:
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


def _quantize_weighted(node: Node, in_q: QParams, per_channel: bool) -> None:
    kernel = node.weights["kernel"]  # conv: (kh, kw, cin, cout); dense: (in, out)
    scales = _weight_scales(kernel, per_channel)
    scales = fit_bias_scales(scales, node.weights["bias"], in_q.scale, kernel, per_channel)
    wq = np.clip(_round(kernel / scales), -127, 127).astype(np.int8)
    if node.op in ("conv2d", "deconv2d"):
        wq = np.ascontiguousarray(wq.transpose(3, 0, 1, 2))  # OHWI
    elif node.op == "dwconv2d":
        wq = np.ascontiguousarray(wq)  # (kh, kw, cout), channels innermost
    else:
        wq = np.ascontiguousarray(wq.T)  # [out][in]
    bias_scale = np.float64(in_q.scale) * scales.astype(np.float64)
    bias = np.clip(_round(node.weights["bias"] / bias_scale), -(2**31), 2**31 - 1)
    target = node.pre_q if node.pre_q is not None else node.out_q
    mults, shifts = zip(*(quantize_multiplier(float(m)) for m in bias_scale / target.scale))
    node.q.update(
        weight=wq,
        weight_scale=scales,
        bias=bias.astype(np.int32),
        mult=np.array(mults, dtype=np.int32),
        shift=np.array(shifts, dtype=np.int32),
    )
    # Zero point folded into a per-channel constant: sum((x - zp) * w) + bias
    # = sum(x * w) + bias_folded (int32 wrap-around, as in C).
    axes = {"conv2d": (1, 2, 3), "dwconv2d": (0, 1), "dense": (1,)}.get(node.op)
    if axes is not None:
        wsum = wq.astype(np.int64).sum(axis=axes)
        folded = wrap32(bias.astype(np.int64) - in_q.zero_point * wsum)
        node.q["bias_folded"] = folded.astype(np.int32)
    node.q["act_min"], node.q["act_max"] = _activation_range(node, target)


def assign(g: Graph, ranges: RangeTracker, per_channel: bool = True) -> None:
    """Set out_q / pre_q and the integer parameters of every node."""
    for node in g.nodes:
        with layer_errors(node, "quantise it", CALIBRATION_HINT):
            node.q = {}
            node.pre_q = None
            ins = [g.node(i).out_q for i in node.inputs]
            if node.op == "input":
                node.out_q = choose_qparams(*ranges.out[node.name])
            elif node.op in PASS_THROUGH:
                node.out_q = ins[0]
            elif node.op in RNN_OPS:
                out_q = choose_qparams(*ranges.out[node.name])
                rnn_quantize.assign(node, ins[0], out_q, per_channel)
            elif node.op == "softmax":
                node.out_q = SOFTMAX_OUT
                mult, shift, diff_min = softmax_params(ins[0].scale)
                node.q.update(
                    mult=mult,
                    shift=shift,
                    diff_min=diff_min,
                    exp_table=softmax_exp_table(mult, shift, diff_min),
                )
            elif node.op == "activation":
                node.out_q = choose_qparams(*ranges.out[node.name])
                node.q["lut"] = activations.lookup_table(
                    node.act,
                    ins[0].scale,
                    ins[0].zero_point,
                    node.out_q.scale,
                    node.out_q.zero_point,
                )
            elif node.op in ("conv2d", "dwconv2d", "dense", "deconv2d"):
                _out_and_pre(node, ranges)
                _quantize_weighted(node, ins[0], per_channel)
            else:
                _assign_more(node, ins, ranges)
            if node.op in ("maxpool", "avgpool", "global_maxpool", "global_avgpool"):
                node.q["act_min"], node.q["act_max"] = -128, 127


# --- merges, PReLU, Lambda, sum pooling ----------------------------------------


def _out_and_pre(node: Node, ranges: RangeTracker) -> QParams:
    """out_q (and pre_q + table for a table activation tail); returns the
    quantisation the layer's own arithmetic writes, and sets its clamp."""
    node.out_q = choose_qparams(*ranges.out[node.name])
    if not activations.is_clamp(node.act):
        node.pre_q = choose_qparams(*ranges.pre[node.name])
        node.q["lut"] = activations.lookup_table(
            node.act,
            node.pre_q.scale,
            node.pre_q.zero_point,
            node.out_q.scale,
            node.out_q.zero_point,
        )
    target = node.pre_q if node.pre_q is not None else node.out_q
    node.q["act_min"], node.q["act_max"] = _activation_range(node, target)
    return target


def requant_table(src: QParams, dst: QParams) -> np.ndarray | None:
    """int8 -> int8 table giving src-quantised values in dst's quantisation
    (round half up, saturated); None when the two are the same."""
    if src == dst:
        return None
    q = np.arange(-128, 128, dtype=np.float64)
    real = float(src.scale) * (q - src.zero_point)
    out = np.floor(real / float(dst.scale) + 0.5) + dst.zero_point
    return np.clip(out, -128, 127).astype(np.int8)


def _assign_more(node: Node, ins: list[QParams], ranges: RangeTracker) -> None:
    op = node.op
    if op in ("add", "sub"):
        target = _out_and_pre(node, ranges)
        mults, shifts, out_mult, out_shift = add_params(
            [q.scale for q in ins], target.scale, node.attrs.get("average", 1)
        )
        node.q.update(
            in_mult=np.array(mults, dtype=np.int32),
            in_shift=np.array(shifts, dtype=np.int32),
            out_mult=out_mult,
            out_shift=out_shift,
        )
    elif op == "mult":
        target = _out_and_pre(node, ranges)
        steps = [choose_qparams(*ranges.out[f"{node.name}#{k}"]) for k in range(len(ins) - 2)]
        prev, mults, shifts = ins[0], [], []
        for k, q in enumerate(steps + [target]):
            m, s = quantize_multiplier(float(prev.scale) * float(ins[k + 1].scale) / float(q.scale))
            mults.append(m)
            shifts.append(s)
            prev = q
        node.q.update(
            mult=np.array(mults, dtype=np.int32),
            shift=np.array(shifts, dtype=np.int32),
            step_zp=np.array([q.zero_point for q in steps], dtype=np.int32),
        )
    elif op == "concat":
        node.out_q = choose_qparams(*ranges.out[node.name])
        node.q["tables"] = [requant_table(q, node.out_q) for q in ins]
    elif op == "prelu":
        node.out_q = choose_qparams(*ranges.out[node.name])
        alpha = node.weights["alpha"].astype(np.float64)
        peak = float(np.abs(alpha).max())
        alpha_scale = float(np.float32(peak / 127.0)) if peak > 0 else 1.0
        node.q["alpha"] = np.clip(_round(alpha / alpha_scale), -127, 127).astype(np.int8)
        node.q["alpha_scale"] = alpha_scale
        s_in, s_out = float(ins[0].scale), float(node.out_q.scale)
        node.q["pos_mult"], node.q["pos_shift"] = quantize_multiplier(s_in / s_out)
        node.q["neg_mult"], node.q["neg_shift"] = quantize_multiplier(s_in * alpha_scale / s_out)
    elif op == "lambda":
        node.out_q = choose_qparams(*ranges.out[node.name])
    elif op in ("sumpool", "global_sumpool"):
        node.out_q = choose_qparams(*ranges.out[node.name])
        node.q["mult"], node.q["shift"] = quantize_multiplier(
            float(ins[0].scale) / float(node.out_q.scale)
        )
    else:
        raise NotImplementedError(f"quantisation of '{op}'")
