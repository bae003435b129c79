"""PReLU: TFLite's int8 Prelu (C: src/layers/nnom_prelu.c, kernel
nnom_local_prelu_s8). x - zp_in >= 0 gives requantize(x - zp_in, s_in / s_out),
otherwise requantize((x - zp_in) * alpha_q, s_in s_alpha / s_out); alpha is
int8 symmetric per tensor, per channel when shared over the spatial axes,
else per element."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..c_text import c_array, c_float
from ..fixedpoint import quantize_multiplier, requantize
from ..frontend.tflite_quant import multiplier, qparams
from .common import QuantParams, choose_qparams, round_half
from .registry import Op, register


@dataclass
class PReLUParams(QuantParams):
    alpha: np.ndarray  # int8, per channel or per element
    alpha_scale: float
    pos_mult: int  # s_in / s_out
    pos_shift: int
    neg_mult: int  # s_in * alpha_scale / s_out
    neg_shift: int


def _alpha_values(ctx, alpha: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """alpha per channel when it is shared over the other axes, else per
    element (HWC order); Keras and TFLite broadcast it the same way."""
    try:
        full = np.broadcast_to(alpha.reshape((1,) * (len(shape) - alpha.ndim) + alpha.shape), shape)
    except ValueError:
        raise ctx.fail(f"alpha of shape {alpha.shape} does not fit the input {shape}") from None
    flat = full.reshape(-1, shape[-1])
    if np.all(flat == flat[:1]):
        return flat[0].copy()
    return np.ascontiguousarray(full).reshape(-1)


def _keras_prelu(ctx) -> None:
    x = ctx.x
    values = _alpha_values(ctx, ctx.layer.weights[0].astype(np.float32), x.shape)
    ctx.node(PRELU.name, x.shape, weights={"alpha": values.astype(np.float32)})


def _tflite_prelu(ctx) -> None:
    """TFLite's PRELU; an int8 file's parameters as TFLite Micro prepares them."""
    x = ctx.input_node(0)
    alpha_t = ctx.const(1, "alpha")
    values = _alpha_values(ctx, alpha_t.data, x.shape)
    if not ctx.int8:
        ctx.node(PRELU.name, x.shape, [x.name], weights={"alpha": values.astype(np.float32)})
        return
    if alpha_t.dtype != "int8" or not alpha_t.quantized or alpha_t.scale.size != 1:
        raise ctx.fail("alpha must be int8, quantised per tensor")
    if int(alpha_t.zero_point[0]) != 0:
        raise ctx.fail("alpha has a non-zero zero point, which NNoM's PReLU does not take")
    s_alpha = float(np.float32(alpha_t.scale[0]))
    node = ctx.node(
        PRELU.name, x.shape, [x.name], weights={"alpha": values.astype(np.float32) * s_alpha}
    )
    out_q = qparams(ctx, ctx.out)
    s_in, s_out = float(x.out_q.scale), float(out_q.scale)
    pm, ps = multiplier(ctx, s_in / s_out)
    nm, ns = multiplier(ctx, s_in * s_alpha / s_out)
    node.out_q = out_q
    node.q = PReLUParams(
        alpha=values.astype(np.int8),
        alpha_scale=s_alpha,
        pos_mult=pm,
        pos_shift=ps,
        neg_mult=nm,
        neg_shift=ns,
    )


def prelu_s8(x: np.ndarray, q: PReLUParams, zp_in: int, zp_out: int) -> np.ndarray:
    """The int8 kernel (NHWC batch x), the spec of nnom_local_prelu_s8."""
    xc = x.astype(np.int64) - zp_in
    alpha = q.alpha.astype(np.int64)
    alpha = alpha if alpha.size == x.shape[-1] else alpha.reshape(x.shape[1:])
    pos = requantize(xc, q.pos_mult, q.pos_shift)
    neg = requantize(xc * alpha, q.neg_mult, q.neg_shift)
    y = np.where(xc >= 0, pos, neg) + zp_out
    return np.clip(y, -128, 127).astype(np.int8)


class PReLU(Op):
    name = "prelu"
    table_name = "PReLU"
    c_constructor = "nnom_prelu_s"
    keras_classes = {"PReLU": _keras_prelu}
    tflite_builtins = {"PRELU": _tflite_prelu}

    def run_float(self, node, ins):
        x = ins[0]
        alpha = node.weights["alpha"].astype(x.dtype)
        alpha = alpha if alpha.size == node.hwc[2] else alpha.reshape(node.hwc)
        return np.where(x >= 0, x, x * alpha)

    def run_int8(self, node, g, ins):
        zp_in = g.node(node.inputs[0]).out_q.zero_point
        return prelu_s8(ins[0], node.q, zp_in, node.out_q.zero_point)

    def quantize(self, node, ins, ranges, per_channel):
        node.out_q = choose_qparams(*ranges.out[node.name])
        alpha = node.weights["alpha"].astype(np.float64)
        peak = float(np.abs(alpha).max())
        alpha_scale = float(np.float32(peak / 127.0)) if peak > 0 else 1.0
        s_in, s_out = float(ins[0].scale), float(node.out_q.scale)
        pos_mult, pos_shift = quantize_multiplier(s_in / s_out)
        neg_mult, neg_shift = quantize_multiplier(s_in * alpha_scale / s_out)
        node.q = PReLUParams(
            alpha=np.clip(round_half(alpha / alpha_scale), -127, 127).astype(np.int8),
            alpha_scale=alpha_scale,
            pos_mult=pos_mult,
            pos_shift=pos_shift,
            neg_mult=neg_mult,
            neg_shift=neg_shift,
        )

    def emit_config(self, w, node, n, super_):
        q = node.q
        return c_array("int8_t", f"{n}_alpha", q.alpha) + (
            f"static const nnom_prelu_config_t {n}_config = {{{super_}, "
            f".alpha = {n}_alpha, .alpha_size = {q.alpha.size}, "
            f".pos_mult = {q.pos_mult}, .pos_shift = {q.pos_shift}, "
            f".neg_mult = {q.neg_mult}, .neg_shift = {q.neg_shift}}};\n"
        )

    def layer_api_defs(self, w, node, n):
        return c_array("int8_t", f"{n}_alpha", node.q.alpha)

    def layer_api_call(self, w, node, n):
        q = node.q
        return f"nnom_PReLU({n}_alpha, {q.alpha.size}, {c_float(q.alpha_scale)}, &{n}_q)"


PRELU = register(PReLU())
