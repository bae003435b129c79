"""DepthwiseConv1D/2D (output channel ic * multiplier + m) and
SeparableConv1D/2D (a depthwise, then a 1x1 convolution); a BatchNormalization
that cannot fold runs as a 1x1 depthwise convolution. C: nnom_dw_conv2d.c."""

from __future__ import annotations

import numpy as np

from .. import backends, cmsis_sizes
from ..c_text import c_array, padded_window_fields, window_layer_call
from ..reference import kernels
from ..windows import depthwise
from .common import target_zp
from .conv2d import POINTWISE, pointwise
from .dwcol_records import dwcol_records
from .dwone4_records import dwone4_records
from .dwone_records import dwone_in_records, dwone_records, whole_window
from .dwrect_records import direct3, dwrect_records
from .dwrows_records import dwcols_records, dwrows_records
from .dwtiny_records import dwtiny_records
from .dwwin_records import dwwin_records
from .registry import Op, register
from .weighted import (
    conv_args_block,
    emit_arrays,
    padded_layer_api_weights,
    quantize_weighted,
    records_len,
)


def _keras_depthwise(ctx) -> None:
    ctx.check_channels_last()
    rank = ctx.rank()
    kernel = ctx.layer.weights[0].astype(np.float32)  # (kh, kw, cin, mult); 1D: (k, cin, mult)
    if rank == 1:
        kernel = kernel[np.newaxis]
    kh, kw, cin, mult = kernel.shape
    c = ctx.x.shape[-1]
    if cin != c:
        raise ctx.fail(f"kernel expects {cin} input channels, the input has {c}")
    attrs, oh, ow = ctx.window(rank, kh, kw)
    attrs["multiplier"] = int(mult)
    cout = cin * mult
    shape = (ow, cout) if rank == 1 else (oh, ow, cout)
    ctx.node(
        DWCONV2D.name,
        shape,
        attrs=attrs,
        weights={
            "kernel": kernel.reshape(kh, kw, cout),
            "bias": ctx.bias(ctx.layer.weights[1:], cout),
        },
        act=ctx.activation(),
    )


def _keras_separable(ctx) -> None:
    ctx.check_channels_last()
    rank = ctx.rank()
    dw_kernel = ctx.layer.weights[0].astype(np.float32)
    pw_kernel = ctx.layer.weights[1].astype(np.float32)
    if rank == 1:
        dw_kernel, pw_kernel = dw_kernel[np.newaxis], pw_kernel[np.newaxis]
    kh, kw, cin, mult = dw_kernel.shape
    cmid, filters = pw_kernel.shape[2], pw_kernel.shape[3]
    if cin != ctx.x.shape[-1] or cmid != cin * mult:
        raise ctx.fail(f"kernels {dw_kernel.shape} and {pw_kernel.shape} do not fit the input")
    attrs, oh, ow = ctx.window(rank, kh, kw)
    attrs["multiplier"] = int(mult)
    mid_shape = (ow, cmid) if rank == 1 else (oh, ow, cmid)
    dw = ctx.node(
        DWCONV2D.name,
        mid_shape,
        attrs=attrs,
        weights={"kernel": dw_kernel.reshape(kh, kw, cmid), "bias": np.zeros(cmid, np.float32)},
    )
    pointwise(
        ctx,
        mid_shape[:-1] + (filters,),
        pw_kernel,
        ctx.bias(ctx.layer.weights[2:], filters),
        ctx.activation(),
        inputs=[dw.name],
    )


def as_channel_affine(node, scale: np.ndarray, shift: np.ndarray) -> None:
    """Turn `node` into y = scale * x + shift per channel (a 1x1 depthwise)."""
    node.op = DWCONV2D.name
    node.attrs = {**POINTWISE, "multiplier": 1}
    node.weights = {"kernel": scale.reshape(1, 1, -1), "bias": shift}


class DWConv2D(Op):
    name = "dwconv2d"
    window_counts_channels = False
    table_name = "DW_Conv2D"
    c_constructor = "nnom_dwconv2d_s"
    keras_classes = {
        "DepthwiseConv1D": _keras_depthwise,
        "DepthwiseConv2D": _keras_depthwise,
        "SeparableConv1D": _keras_separable,
        "SeparableConv2D": _keras_separable,
        "SeparableConvolution1D": _keras_separable,
        "SeparableConvolution2D": _keras_separable,
    }
    takes_activation = True
    folds_batchnorm = True
    weighted = True

    def run_float(self, node, ins):
        x, a = ins[0], node.attrs
        oh, ow, _ = node.hwc
        kernel = node.weights["kernel"].astype(x.dtype)  # (kh, kw, cout)
        y = depthwise(x, kernel, a["multiplier"], a["strides"], a["dilation"], a["pads"], (oh, ow))
        y += node.weights["bias"].astype(x.dtype)  # y is new: no copy for the sum
        return y

    def run_int8(self, node, g, ins):
        zp_in = g.node(node.inputs[0]).out_q.zero_point
        return kernels.dwconv2d(ins[0], node.attrs, node.q, zp_in, target_zp(node), node.hwc[:2])

    def quantize(self, node, ins, ranges, per_channel):
        # (kh, kw, cout), channels innermost
        quantize_weighted(node, ins[0], ranges, per_channel, lambda wq: wq, (0, 1))

    def macs(self, node):
        oh, ow, oc = node.hwc
        kh, kw = node.attrs["kernel"]
        return oh * ow * oc * kh * kw

    def cmsis_scratch(self, node, arch, in_hw):
        a = node.attrs
        kh, kw = a["kernel"]
        cout = node.hwc[2]
        shape = {"multiplier": a["multiplier"], "channels": cout, "taps": kh * kw}
        if not backends.cmsis_nn_takes("dwconv", arch, **shape):
            return None  # the dispatch keeps the local group path there: it is faster
        return cmsis_sizes.depthwise_wrapper(
            arch,
            cout // a["multiplier"],
            cout,
            kh,
            kw,
            tuple(a["strides"]),
            tuple(a["dilation"]),
            a["pads"],
            in_hw,
            node.hwc[:2],
        )

    def emit_config(self, w, node, n, super_):
        a, q = node.attrs, node.q
        arrays, fields = emit_arrays(w, n, q)
        kh, kw, cout = q.weight.shape
        cin = cout // a["multiplier"]
        x = w.g.node(node.inputs[0])
        # one window over the whole input: the C kernel tries dwone first, but
        # for two taps the pair loop (dwcol_records lays out its records)
        whole = whole_window(a, x.hwc[:2], node.hwc[:2]) and kh * kw != 2
        records = None
        if whole:
            records = dwone4_records(a, q, x.out_q.zero_point, target_zp(node), x.hwc[:2])
            if records is None:
                records = dwone_records(a, q, x.out_q.zero_point, target_zp(node), x.hwc[:2])
        if records is None:  # one output inside a larger input, or over one or two pixels
            records = dwone_in_records(
                a, q, x.out_q.zero_point, target_zp(node), x.hwc[:2], node.hwc[:2]
            )
        if records is None and not whole:  # one to seven channels on one row: the tiny loops'
            records = dwtiny_records(
                a, q, x.out_q.zero_point, target_zp(node), x.hwc[:2], node.hwc[:2]
            )
        if records is None and not whole:
            records = dwcol_records(
                a, q, x.out_q.zero_point, target_zp(node), x.hwc[:2], node.hwc[:2]
            )
        if records is None and not whole:
            records = dwrows_records(
                a, q, x.out_q.zero_point, target_zp(node), x.hwc[:2], node.hwc[:2]
            )
        if records is None and not whole and direct3(a, kh, kw, cout, x.hwc[:2], node.hwc[:2]):
            # (3,3) of four channels on the input: tag 27, not the window loop's
            records = dwrect_records(
                a, q, x.out_q.zero_point, target_zp(node), x.hwc[:2], node.hwc[:2]
            )
        if records is None and not whole:
            records = dwwin_records(a, q, x.out_q.zero_point, target_zp(node), node.hwc[:2])
        if records is None and not whole:
            records = dwrect_records(
                a, q, x.out_q.zero_point, target_zp(node), x.hwc[:2], node.hwc[:2]
            )
        if records is None and not whole:
            records = dwcols_records(
                a, q, x.out_q.zero_point, target_zp(node), x.hwc[:2], node.hwc[:2]
            )
        if records is not None:
            arrays.append(c_array("int32_t", f"{n}_records", records))
            fields += f", .records = {n}_records, .records_len = {records_len(f'{n}_records')}"
        dims = (x.hwc, (kh, kw, 1), node.hwc)
        zps = (x.out_q.zero_point, target_zp(node))
        rec = f"{n}_records" if records is not None else None
        arrays.append(conv_args_block(n, q, a, zps, dims, a["multiplier"], rec))
        fields += f", .args = NNOM_RUN_ARGS({n}_args)"
        return "".join(arrays) + (
            f"static const nnom_dwconv2d_config_t {n}_config = {{{super_}, {fields}, "
            f".multiplier = {a['multiplier']}, .in_channels = {cin}, "
            + padded_window_fields(a, (kh, kw))
        )

    def layer_api_defs(self, w, node, n):
        return padded_layer_api_weights(w, node, n)

    def layer_api_call(self, w, node, n):
        return window_layer_call("nnom_DW_Conv2D", node.attrs["multiplier"], node.attrs, n)


DWCONV2D = register(DWConv2D())
