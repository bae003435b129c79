"""Conv1DTranspose/Conv2DTranspose: C layer nnom_deconv2d.c."""

from __future__ import annotations

import numpy as np

from ..c_text import PADDING, window_fields, window_layer_call
from ..frontend.keras_context import as_2d, pair
from ..geometry import effective_kernel
from ..reference import kernels
from ..windows import transpose_conv
from .common import target_zp
from .registry import Op, no_layer_api, register
from .weighted import emit_arrays, layer_api_weights, quantize_weighted


def deconv_geometry(
    size: int, k: int, stride: int, dilation: int, padding: str, output_padding: int | None
) -> tuple[int, int, int]:
    """(output size, pad before, output padding) of a transposed convolution.

    Output size: Keras' rule (deconv_output_length). Placement: TensorFlow's
    conv_transpose, i.e. the SAME convolution from the output back to the
    input: total = max((size - 1) * stride + ek - out, 0), total // 2 before.
    The output padding returned is what the C layer needs to get the same
    size from out = (size - 1) * stride + ek - 2 * (ek // 2 if SAME) + op.
    """
    ek = effective_kernel(k, dilation)
    half = ek // 2 if padding == "same" else 0
    if output_padding is None:
        out = size * stride + max(ek - stride, 0) if padding == "valid" else size * stride
    else:
        out = (size - 1) * stride + ek - 2 * half + output_padding
    before = max((size - 1) * stride + ek - out, 0) // 2 if padding == "same" else 0
    return out, before, out - ((size - 1) * stride + ek - 2 * half)


def _keras_conv_transpose(ctx) -> None:
    ctx.check_channels_last()
    rank = ctx.rank()
    cfg = ctx.cfg
    kernel = ctx.layer.weights[0].astype(np.float32)  # (kh, kw, out, in); 1D: (k, out, in)
    if rank == 1:
        kernel = kernel[np.newaxis]
    kh, kw, cout, cin = kernel.shape
    if cin != ctx.x.shape[-1]:
        raise ctx.fail(f"kernel expects {cin} input channels, the input has {ctx.x.shape[-1]}")
    padding = str(cfg.get("padding", "valid")).lower()
    if padding not in ("valid", "same"):
        raise ctx.fail(f"padding '{padding}' is not supported (valid, same)")
    if rank == 1:
        strides = (1,) + pair(cfg.get("strides", 1), 1)
        dil = (1,) + pair(cfg.get("dilation_rate", 1), 1)
        out_pad = cfg.get("output_padding")
        out_pad = (0,) + (pair(out_pad, 1) if out_pad is not None else (None,))
    else:
        strides = pair(cfg.get("strides", 1), 2)
        dil = pair(cfg.get("dilation_rate", 1), 2)
        out_pad = cfg.get("output_padding")
        out_pad = pair(out_pad, 2) if out_pad is not None else (None, None)
    if min(strides) < 1 or min(dil) < 1:
        raise ctx.fail(f"strides {strides} and dilation {dil} must be positive")
    h, w, _ = as_2d(ctx.x.shape, ctx)
    if rank == 1:
        oh, pt, oph = h, 0, 0
    else:
        oh, pt, oph = deconv_geometry(h, kh, strides[0], dil[0], padding, out_pad[0])
    ow, pl, opw = deconv_geometry(w, kw, strides[1], dil[1], padding, out_pad[1])
    if min(oph, opw) < 0 or max(oph, opw) > 255:
        raise ctx.fail(f"output_padding {cfg.get('output_padding')} is out of range")
    shape = (ow, cout) if rank == 1 else (oh, ow, cout)
    ctx.node(
        DECONV2D.name,
        shape,
        attrs={
            "kernel": (kh, kw),
            "strides": strides,
            "dilation": dil,
            "padding": padding,
            "pad_before": (pt, pl),
            "output_padding": (oph, opw),
            "in_hw": (h, w),
        },
        # stored as (kh, kw, in, out) like Conv2D's, so BatchNorm folds the same way
        weights={
            "kernel": np.ascontiguousarray(kernel.transpose(0, 1, 3, 2)),
            "bias": ctx.bias(ctx.layer.weights[1:], cout),
        },
        act=ctx.activation(),
    )


class DeConv2D(Op):
    name = "deconv2d"
    window_counts_channels = True
    grows_by_stride = True
    table_name = "DeConv2D"
    c_constructor = "nnom_deconv2d_s"
    keras_classes = {
        "Conv1DTranspose": _keras_conv_transpose,
        "Conv2DTranspose": _keras_conv_transpose,
        "Convolution2DTranspose": _keras_conv_transpose,
    }
    takes_activation = True
    folds_batchnorm = True
    weighted = True

    def run_float(self, node, ins):
        x, a = ins[0], node.attrs
        oh, ow, _ = node.hwc
        # summed in float64 and rounded once, as nnom/float_sums.py says why
        x64, kernel = x.astype(np.float64), node.weights["kernel"].astype(np.float64)
        y = transpose_conv(x64, kernel, a["strides"], a["dilation"], a["pad_before"], (oh, ow))
        return (y + node.weights["bias"]).astype(x.dtype)

    def run_int8(self, node, g, ins):
        zp_in = g.node(node.inputs[0]).out_q.zero_point
        return kernels.deconv2d(ins[0], node.attrs, node.q, zp_in, target_zp(node), node.hwc[:2])

    def quantize(self, node, ins, ranges, per_channel):
        # OHWI weights, no folded bias (the kernel gathers the inputs per output)
        quantize_weighted(
            node, ins[0], ranges, per_channel, lambda wq: wq.transpose(3, 0, 1, 2), None
        )

    def macs(self, node):
        ih, iw = node.attrs["in_hw"]
        return ih * iw * int(node.weights["kernel"].size)

    def emit_config(self, w, node, n, super_):
        a, q = node.attrs, node.q
        arrays, fields = emit_arrays(w, n, q)
        cout, kh, kw, cin = q.weight.shape
        return "".join(arrays) + (
            f"static const nnom_deconv2d_config_t {n}_config = {{{super_}, {fields}, "
            f".filters = {cout}, .in_channels = {cin}, "
            + window_fields({**a, "kernel": (kh, kw)})
            + f".padding = {PADDING[a['padding']]}, "
            f".output_padding_h = {a['output_padding'][0]}, "
            f".output_padding_w = {a['output_padding'][1]}}};\n"
        )

    def layer_api_defs(self, w, node, n):
        if any(node.attrs["output_padding"]):
            raise no_layer_api(node, "output_padding has no Layer API form")
        return layer_api_weights(w, node, n)

    def layer_api_call(self, w, node, n):
        return window_layer_call("nnom_Conv2DTrans", node.q.weight.shape[0], node.attrs, n)


DECONV2D = register(DeConv2D())
