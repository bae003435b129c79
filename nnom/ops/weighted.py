"""What the layers with int8 weights share (Conv2D, DW_Conv2D, Dense,
DeConv2D): weights symmetric int8 per output channel, bias int32 at
input_scale * weight_scale, one multiplier and shift per channel."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .. import limits
from ..c_text import c_array, c_float
from ..fixedpoint import quantize_multiplier, requantize, wrap32
from ..graph import Node, QParams
from .common import QuantParams, out_and_pre, round_half
from .registry import no_layer_api


@dataclass
class WeightedParams(QuantParams):
    weight: np.ndarray  # int8, in the C kernel's layout
    weight_scale: np.ndarray  # float32 per output channel
    bias: np.ndarray  # int32
    mult: np.ndarray  # int32 per output channel
    shift: np.ndarray
    # bias - input zp * sum(w) per channel: the local kernels' start value
    bias_folded: np.ndarray | None = None


def _weight_scales(kernel_oc_last: np.ndarray, per_channel: bool) -> np.ndarray:
    """peak / 127 per channel. A channel of zero weights (dead, as trained
    networks have) takes the layer's largest scale: its weights stay 0
    whatever the scale, and a scale like the others' keeps its multiplier
    in the range of theirs (1.0 made it s_in / s_out, often over 0.25,
    which sent the whole layer to the kernels' slow requantisation) and
    its bias finer."""
    flat = np.abs(kernel_oc_last.reshape(-1, kernel_oc_last.shape[-1]))
    peak = flat.max(axis=0) if per_channel else np.full(flat.shape[1], flat.max())
    top = peak.max(initial=0.0)
    return np.where(peak > 0, peak / 127.0, top / 127.0 if top > 0 else 1.0).astype(np.float32)


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


def quantize_weighted(
    node: Node,
    in_q: QParams,
    ranges,
    per_channel: bool,
    layout: Callable[[np.ndarray], np.ndarray],
    sum_axes: tuple[int, ...] | None,
) -> None:
    """out_q/pre_q and WeightedParams. layout: the int8 weights (output
    channels last, as Keras stores them) in the C kernel's order; sum_axes:
    the axes of that layout summed into bias_folded (None: no folded bias)."""
    target, tail = out_and_pre(node, ranges)
    kernel = node.weights["kernel"]  # conv: (kh, kw, cin, cout); dense: (in, out)
    scales = _weight_scales(kernel, per_channel)
    scales = fit_bias_scales(scales, node.weights["bias"], in_q.scale, kernel, per_channel)
    wq = np.clip(round_half(kernel / scales), -127, 127).astype(np.int8)
    wq = np.ascontiguousarray(layout(wq))
    bias_scale = np.float64(in_q.scale) * scales.astype(np.float64)
    bias = np.clip(round_half(node.weights["bias"] / bias_scale), -(2**31), 2**31 - 1)
    mults, shifts = zip(*(quantize_multiplier(float(m)) for m in bias_scale / target.scale))
    folded = None
    if sum_axes is not None:
        # Zero point folded into a per-channel constant: sum((x - zp) * w) + bias
        # = sum(x * w) + bias_folded (int32 wrap-around, as in C).
        wsum = wq.astype(np.int64).sum(axis=sum_axes)
        folded = wrap32(bias.astype(np.int64) - in_q.zero_point * wsum).astype(np.int32)
    node.q = WeightedParams(
        weight=wq,
        weight_scale=scales,
        bias=bias.astype(np.int32),
        mult=np.array(mults, dtype=np.int32),
        shift=np.array(shifts, dtype=np.int32),
        bias_folded=folded,
    ).with_tail(**tail)
    settle_dead_channels(node.q, sum_axes)


# The C kernels' fast requantisation form (nnom_rq_all_fast() in
# src/kernels/local/nnom_local_simd.h): a positive multiplier, a shift in
# [-23, -2]. A layer with one channel outside it runs the exact slow path.
FAST_SHIFTS = (-23, -2)


def settle_dead_channels(q: WeightedParams, sum_axes: tuple[int, ...] | None) -> None:
    """A channel of zero weights requantises its bias alone, whatever the
    input. Where its multiplier is outside the fast form (TFLite gives such
    channels weight scales near 1e-9: shifts near -29), its bias and
    requantisation become ones with the same output, so the layer keeps the
    fast kernels: bias 8 t with (2^30, -2) requantises to t exactly, and t
    limited to +-256 saturates like t (|output zero point| <= 128)."""
    if sum_axes is None:
        return
    dead = np.abs(q.weight.astype(np.int32)).sum(axis=sum_axes) == 0
    lo, hi = FAST_SHIFTS
    slow = (q.mult <= 0) | (q.shift < lo) | (q.shift > hi)
    for c in np.flatnonzero(dead & slow):
        t = int(requantize(int(q.bias[c]), int(q.mult[c]), int(q.shift[c])))
        q.bias[c] = 8 * min(max(t, -256), 256)
        q.mult[c], q.shift[c] = 1 << 30, -2
        if q.bias_folded is not None:
            q.bias_folded[c] = q.bias[c]


def emit_arrays(w, n: str, q: WeightedParams) -> tuple[list[str], str]:
    """The weight, bias and requantisation arrays, and the config fields
    naming them."""
    out = [w.weight_array(f"{n}_weight", q.weight), c_array("int32_t", f"{n}_bias", q.bias)]
    has_folded = q.bias_folded is not None
    if has_folded:
        out.append(c_array("int32_t", f"{n}_bias_folded", q.bias_folded))
    out.append(c_array("int32_t", f"{n}_mult", q.mult))
    out.append(c_array("int32_t", f"{n}_shift", q.shift))
    fields = (
        f".weight = {n}_weight, .bias = {n}_bias, "
        + (f".bias_folded = {n}_bias_folded, " if has_folded else "")
        + f".mult = {n}_mult, .shift = {n}_shift"
    )
    return out, fields


def records_len(records: str) -> str:
    """The C count of the words from records (an array, or an array + k:
    past a header) to the array's end: NNOM_COUNT_OF, so that an edited
    array keeps a true length."""
    name, _, skip = records.partition(" + ")
    return f"NNOM_COUNT_OF({name})" + (f" - {skip}" if skip else "")


def conv_args_block(
    n: str,
    q: WeightedParams,
    a: dict,
    zps: tuple[int, int],
    dims: tuple,
    ch_mult: int,
    records: str | None,
) -> str:
    """The nnom_conv_args_t the layer's runs pass its kernel (nnom_kernels.h),
    but for the buffers and the clamp (the run sets them), for the config's
    .args (NNOM_RUN_ARGS: -O2 builds only; build() refuses a block that
    differs from what the config and input give). zps: input and output
    zero points; dims: the input, taps and output (h, w, c)."""
    (sh, sw), (dh, dw), (pt, _, pl, _) = a["strides"], a["dilation"], a["pads"]
    ins, taps, outs = ("{" + ", ".join(str(int(v)) for v in d) + "}" for d in dims)
    folded = f".bias_folded = {n}_bias_folded, " if q.bias_folded is not None else ""
    return (
        "#if !defined(__OPTIMIZE_SIZE__)\n"
        f"static const nnom_conv_args_t {n}_args = {{.p = {{{zps[0]}, {zps[1]}, {sh}, {sw}, "
        f"{dh}, {dw}, {pt}, {pl}, 0, 0}}, .in = {ins}, .k = {taps}, .out = {outs}, "
        f".ch_mult = {ch_mult}, .weight = {n}_weight, .bias = {n}_bias, {folded}"
        f".rq = {{{n}_mult, {n}_shift}}"
        + (f", .records = {records}, .records_len = {records_len(records)}" if records else "")
        + "};\n#endif\n"
    )


def padded_layer_api_weights(w, node: Node, n: str) -> str:
    """layer_api_weights() of a convolution, whose Layer API has no causal padding."""
    if node.attrs["padding"] == "causal":
        raise no_layer_api(node, "causal padding has no Layer API form")
    return layer_api_weights(w, node, n)


def layer_api_weights(w, node: Node, n: str) -> str:
    """Weight data, per-channel scales, bias and the weight/bias objects."""
    q = node.q
    scales = ", ".join(c_float(s) for s in np.asarray(q.weight_scale).reshape(-1))
    return (
        c_array("int8_t", f"{n}_weight_data", q.weight)
        + f"static const float {n}_weight_scale[] = {{{scales}}};\n"
        + c_array("int32_t", f"{n}_bias_data", q.bias)
        + f"static const nnom_weight_t {n}_w = "
        f"{{{n}_weight_data, {n}_weight_scale, {w.q_ref(node)}}};\n"
        + f"static const nnom_bias_t {n}_b = {{{n}_bias_data}};\n"
    )
