"""Conv2D (and Conv1D as Conv2D with h = 1): C layer nnom_conv2d.c."""

from __future__ import annotations

from functools import partial

import numpy as np

from .. import backends, cmsis_sizes, float_sums
from ..c_text import c_array, padded_window_fields, window_layer_call
from ..frontend.keras_context import as_2d
from ..reference import kernels
from .common import target_zp
from .pw1px_records import few_output_takes, few_pixel_takes, pw1px_records
from .pwcol_records import pw_col_shape, pwcol_records, pwcol_takes
from .registry import Op, register
from .weighted import (
    conv_args_block,
    emit_arrays,
    padded_layer_api_weights,
    quantize_weighted,
    records_len,
)

POINTWISE = {
    "kernel": (1, 1),
    "strides": (1, 1),
    "dilation": (1, 1),
    "pads": (0, 0, 0, 0),
    "padding": "valid",
}


def pointwise(ctx, shape, kernel, bias, act=None, inputs=None):
    """A 1x1 convolution node (Dense on a feature map, separable convolutions)."""
    return ctx.node(
        CONV2D.name,
        shape,
        inputs=inputs,
        attrs=dict(POINTWISE),
        weights={"kernel": kernel, "bias": bias},
        act=act,
    )


def _keras_conv(ctx, rank: int) -> None:
    ctx.check_channels_last()
    cfg = ctx.cfg
    if int(cfg.get("groups", 1) or 1) != 1:
        raise ctx.fail("grouped convolution (groups > 1) is not supported")
    kernel = ctx.layer.weights[0].astype(np.float32)
    bias = ctx.layer.weights[1] if cfg.get("use_bias", True) else None
    if rank == 1:
        kernel = kernel[np.newaxis]  # (1, k, in, out)
    h, w, c = as_2d(ctx.x.shape, ctx)
    if rank == 1 and len(ctx.x.shape) != 2:
        raise ctx.fail(f"Conv1D needs a (steps, channels) input, got {ctx.x.shape}")
    if rank == 2 and len(ctx.x.shape) != 3:
        raise ctx.fail(f"Conv2D needs a (height, width, channels) input, got {ctx.x.shape}")
    kh, kw, cin, cout = kernel.shape
    if cin != c:
        raise ctx.fail(f"kernel expects {cin} input channels, the input has {c}")
    attrs, oh, ow = ctx.window(rank, kh, kw)
    shape = (ow, cout) if rank == 1 else (oh, ow, cout)
    ctx.node(
        CONV2D.name,
        shape,
        attrs=attrs,
        weights={
            "kernel": kernel,
            "bias": np.zeros(cout, np.float32) if bias is None else bias.astype(np.float32),
        },
        act=ctx.activation(),
    )


class Conv2D(Op):
    name = "conv2d"
    window_counts_channels = True
    table_name = "Conv2D"
    c_constructor = "nnom_conv2d_s"
    keras_classes = {
        "Conv1D": partial(_keras_conv, rank=1),
        "Conv2D": partial(_keras_conv, rank=2),
    }
    takes_activation = True
    folds_batchnorm = True
    weighted = True

    def run_float(self, node, ins):
        x, a = ins[0], node.attrs
        oh, ow, _ = node.hwc
        w = node.weights  # kernel (kh, kw, cin, cout)
        return float_sums.conv2d(
            x, w["kernel"], w["bias"], a["strides"], a["dilation"], a["pads"], (oh, ow)
        )

    def run_int8(self, node, g, ins):
        zp_in = g.node(node.inputs[0]).out_q.zero_point
        return kernels.conv2d(ins[0], node.attrs, node.q, zp_in, target_zp(node), node.hwc[:2])

    def quantize(self, node, ins, ranges, per_channel):
        # OHWI weights; bias_folded sums each filter
        quantize_weighted(
            node, ins[0], ranges, per_channel, lambda wq: wq.transpose(3, 0, 1, 2), (1, 2, 3)
        )

    def macs(self, node):
        oh, ow, oc = node.hwc
        kh, kw = node.attrs["kernel"]
        return oh * ow * oc * kh * kw * node.weights["kernel"].shape[2]

    def scratch(self, node):
        # nnom_local_conv_col_s8.c (nnom_conv_col_scratch): with up to 3
        # input channels, up to 16 packed groups of four channels (4
        # biases, the weights widened to 2 k4 words, 12 requantisation words
        # each), the windows of up to 32 output pixels (k4 = kh kw cin
        # rounded up to 4 bytes each) and 4 bytes the last window's word
        # copies may run over.
        # 1x1 at stride 1 of 8 or more pixels with 4 to 32 input and 3 or
        # more output channels, or 4 to 64 input and 2 output channels
        # (nnom_conv_pw_col; 2 to 7 pixels with the converter's packed
        # groups only, pwcol_records.py): up to 4 groups (3 when k4
        # is above 24), one window (the last pixel) when cin is not a
        # multiple of 4. The few-pixel and few-output loops' layers
        # (pw1px_records.py) have their records instead of the packed groups.
        a = node.attrs
        kh, kw = a["kernel"]
        cin = node.weights["kernel"].shape[2]
        oh, ow, oc = node.hwc
        hw = node.hwc[:2]
        pointwise = pw_col_shape(a, cin, oc) and (
            oh * ow >= 8
            or (
                oh * ow >= 2
                and pwcol_takes(a, node.q, hw, hw)
                and not few_pixel_takes(a, node.q, target_zp(node), hw, hw)
                and not few_output_takes(a, node.q, target_zp(node), hw, hw)
            )
        )
        if cin <= 3 or pointwise:
            k4 = (kh * kw * cin + 3) // 4 * 4
            groups = min((oc + 3) // 4, (4 if k4 <= 24 else 3) if pointwise else 16)
            if pointwise:  # the last pixel's copy, if its words would overrun
                pixels = 0 if cin % 4 == 0 else 1
            else:
                pixels = min(oh * ow, 32)
            return 4 * groups * (16 + 2 * k4) + pixels * k4 + 4
        return 0

    def cmsis_scratch(self, node, arch, in_hw):
        a = node.attrs
        kh, kw = a["kernel"]
        cin = node.weights["kernel"].shape[2]
        if not backends.cmsis_nn_takes("conv", arch, channels=cin, kernel=(kh, kw)):
            return None  # the dispatch keeps the local kernel (backends.json says why)
        cmsis = cmsis_sizes.conv_wrapper(
            arch,
            cin,
            kh,
            kw,
            tuple(a["strides"]),
            tuple(a["dilation"]),
            a["pads"],
            in_hw,
            node.hwc[:2],
        )
        if backends.local_scratch_planned("conv", arch, channels=cin, kernel=(kh, kw)):
            return max(cmsis, self.scratch(node))  # the -O2 hand-off's paths need it
        return cmsis

    def emit_config(self, w, node, n, super_):
        a, q = node.attrs, node.q
        arrays, fields = emit_arrays(w, n, q)
        cout, kh, kw, cin = q.weight.shape
        x = w.g.node(node.inputs[0])
        # one pixel, 1x1: the Dense-like loop's records (pw1px_records.py)
        records = pw1px_records(a, q, x.out_q.zero_point, target_zp(node), x.hwc[:2], node.hwc[:2])
        if records is None:  # 1x1 on 8 pixels or more: the windows kernel's groups
            records = pwcol_records(
                a, q, x.out_q.zero_point, target_zp(node), x.hwc[:2], node.hwc[:2]
            )
        rec = f"{n}_records + 4" if records is not None else None  # past the header
        if records is not None:
            arrays.append(c_array("int32_t", f"{n}_records", records))
            fields += f", .records = {rec}, .records_len = {records_len(rec)}"
        dims = (x.hwc, (kh, kw, cin), node.hwc)
        zps = (x.out_q.zero_point, target_zp(node))
        arrays.append(conv_args_block(n, q, a, zps, dims, 0, rec))
        fields += f", .args = NNOM_RUN_ARGS({n}_args)"
        return "".join(arrays) + (
            f"static const nnom_conv2d_config_t {n}_config = {{{super_}, {fields}, "
            f".filters = {cout}, .in_channels = {cin}, " + padded_window_fields(a, (kh, kw))
        )

    def layer_api_defs(self, w, node, n):
        return padded_layer_api_weights(w, node, n)

    def layer_api_call(self, w, node, n):
        return window_layer_call("nnom_Conv2D", node.q.weight.shape[0], node.attrs, n)


CONV2D = register(Conv2D())
