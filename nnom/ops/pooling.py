"""Max, average and sum pooling over windows: C layers nnom_maxpool.c,
nnom_avgpool.c, nnom_sumpool.c. Max and average pooling keep the input's
quantisation; sum pooling requantises (sum over the real window of
(x - zp_in)) by s_in / s_out. Sum pooling has no Keras layer (IR and C API)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .. import backends, cmsis_sizes
from ..c_text import PADDING, hw_call, window_fields
from ..fixedpoint import quantize_multiplier
from ..frontend.keras_context import as_2d, pair
from ..geometry import window_output
from ..reference import kernels
from ..windows import valid_counts, windows
from .common import QuantParams, choose_qparams
from .registry import Op, register


@dataclass
class SumPoolParams(QuantParams):
    mult: int  # s_in / s_out
    shift: int


def quantize_sum(node, in_q, ranges) -> None:
    node.out_q = choose_qparams(*ranges.out[node.name])
    mult, shift = quantize_multiplier(float(in_q.scale) / float(node.out_q.scale))
    node.q = SumPoolParams(mult=mult, shift=shift)


def _keras_pool(ctx) -> None:
    ctx.check_channels_last()
    cls = ctx.layer.class_name
    rank = 1 if cls.endswith("1D") else 2
    op = MAXPOOL if cls.startswith("Max") else AVGPOOL
    cfg = ctx.cfg
    pool = pair(cfg.get("pool_size", 2), rank)
    strides = cfg.get("strides")
    strides = pool if strides is None else pair(strides, rank)
    if rank == 1:
        pool, strides = (1,) + pool, (1,) + strides
    if len(ctx.x.shape) != rank + 1:
        raise ctx.fail(f"needs a rank-{rank + 1} input, got shape {ctx.x.shape}")
    h, w, c = as_2d(ctx.x.shape, ctx)
    padding = str(cfg.get("padding", "valid")).lower()
    oh, pt, pb = window_output(h, pool[0], strides[0], 1, padding)
    ow, pl, pr = window_output(w, pool[1], strides[1], 1, padding)
    shape = (ow, c) if rank == 1 else (oh, ow, c)
    attrs = {"kernel": pool, "strides": strides, "pads": (pt, pb, pl, pr), "padding": padding}
    ctx.node(op.name, shape, attrs=attrs)


def _windows(node, x, fill):
    a = node.attrs
    return windows(x, a["kernel"], a["strides"], (1, 1), a["pads"], fill, node.hwc[:2])


class _Pool(Op):
    window_counts_channels = False
    """A window pooling with the input's quantisation."""

    pass_through = True
    ctor = ""  # the Layer API's call

    def emit_config(self, w, node, n, super_):
        return (
            f"static const nnom_pool_config_t {n}_config = {{{super_}, "
            + window_fields(node.attrs, dilation=False)
            + f".padding = {PADDING[node.attrs['padding']]}}};\n"
        )

    def layer_api_call(self, w, node, n):
        a = node.attrs
        window = f"{hw_call(a['kernel'])}, {hw_call(a['strides'])}, {PADDING[a['padding']]}"
        return f"{self.ctor}({window})"


class MaxPool(_Pool):
    name = "maxpool"
    table_name = "MaxPool"
    c_constructor = "nnom_maxpool_s"
    ctor = "nnom_MaxPool"
    keras_classes = {
        "MaxPooling1D": _keras_pool,
        "MaxPooling2D": _keras_pool,
        "MaxPool1D": _keras_pool,
        "MaxPool2D": _keras_pool,
    }

    def run_float(self, node, ins):
        return _windows(node, ins[0], -np.inf).max(axis=(3, 4))

    def run_int8(self, node, g, ins):
        return kernels.maxpool(ins[0], node.attrs, node.q, node.hwc[:2])

    def cmsis_scratch(self, node, arch, in_hw):
        return 0 if backends.cmsis_nn_takes("maxpool", arch) else None  # arm_max_pool_s8: none


class AvgPool(_Pool):
    name = "avgpool"
    table_name = "AvgPool"
    c_constructor = "nnom_avgpool_s"
    ctor = "nnom_AvgPool"
    keras_classes = {
        "AveragePooling1D": _keras_pool,
        "AveragePooling2D": _keras_pool,
        "AvgPool1D": _keras_pool,
        "AvgPool2D": _keras_pool,
    }

    def run_float(self, node, ins):
        x, a = ins[0], node.attrs
        counts = valid_counts(x.shape[1:3], a["kernel"], a["strides"], a["pads"], node.hwc[:2])
        return _windows(node, x, 0.0).sum(axis=(3, 4)) / counts[None, :, :, None]

    def run_int8(self, node, g, ins):
        return kernels.avgpool(ins[0], node.attrs, node.q, node.hwc[:2])

    def cmsis_scratch(self, node, arch, in_hw):
        # CMSIS-NN's kernel with Helium only; with DSP alone the local one,
        # which is faster (backends.json's "avgpool" rule)
        if not backends.cmsis_nn_takes("avgpool", arch):
            return None
        return cmsis_sizes.avgpool(arch, node.hwc[2])


class SumPool(Op):
    name = "sumpool"
    window_counts_channels = False
    table_name = "SumPool"
    c_constructor = "nnom_sumpool_s"

    def run_float(self, node, ins):
        return _windows(node, ins[0], 0.0).sum(axis=(3, 4))

    def run_int8(self, node, g, ins):
        zp_in = g.node(node.inputs[0]).out_q.zero_point
        return kernels.sumpool(
            ins[0], node.attrs, node.q, zp_in, node.out_q.zero_point, node.hwc[:2]
        )

    def quantize(self, node, ins, ranges, per_channel):
        quantize_sum(node, ins[0], ranges)

    def emit_config(self, w, node, n, super_):
        a = node.attrs
        return (
            f"static const nnom_sumpool_config_t {n}_config = {{{super_}, "
            + window_fields(a, dilation=False)
            + f".padding = {PADDING[a['padding']]}, "
            f".mult = {node.q.mult}, .shift = {node.q.shift}}};\n"
        )

    def layer_api_call(self, w, node, n):
        a = node.attrs
        return (
            f"nnom_SumPool({hw_call(a['kernel'])}, {hw_call(a['strides'])}, "
            f"{PADDING[a['padding']]}, &{n}_q)"
        )


MAXPOOL = register(MaxPool())
AVGPOOL = register(AvgPool())
SUMPOOL = register(SumPool())
