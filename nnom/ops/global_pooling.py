"""Global max, average and sum pooling over all positions: C layers
nnom_global_pool.c and nnom_sumpool.c. Max and average keep the input's
quantisation; sum pooling (no Keras layer) requantises like SumPool."""

from __future__ import annotations

import numpy as np

from ..graph import hwc
from ..reference import kernels
from .pooling import quantize_sum
from .registry import Op, register
from .reshape import RESHAPE


def _keras_global_pool(ctx) -> None:
    """GlobalMax/GlobalAveragePooling1D/2D, keepdims as a free reshape."""
    ctx.check_channels_last()
    rank = ctx.rank()
    op = GLOBAL_MAXPOOL if "Max" in ctx.layer.class_name else GLOBAL_AVGPOOL
    h, w, c = hwc(ctx.x.shape)
    if h * w > 1 << 23:
        raise ctx.fail(f"pooling over {h * w} positions; at most {1 << 23} are supported")
    node = ctx.node(op.name, (c,))
    if ctx.cfg.get("keepdims", False):
        ctx.node(RESHAPE.name, (1,) * rank + (c,), inputs=[node.name])


def _whole(x: np.ndarray) -> dict:
    return {"kernel": x.shape[1:3], "strides": (1, 1), "pads": (0, 0, 0, 0)}


class _GlobalPool(Op):
    """Global max/average pooling: the input's quantisation."""

    pass_through = True
    ctor = ""  # the Layer API's call

    def emit_config(self, w, node, n, super_):
        return f"static const nnom_global_pool_config_t {n}_config = {{{super_}}};\n"

    def layer_api_call(self, w, node, n):
        return f"{self.ctor}()"


class GlobalMaxPool(_GlobalPool):
    name = "global_maxpool"
    table_name = "GlobalMax"
    c_constructor = "nnom_global_maxpool_s"
    ctor = "nnom_GlobalMaxPool"
    keras_classes = {
        "GlobalMaxPooling1D": _keras_global_pool,
        "GlobalMaxPooling2D": _keras_global_pool,
        "GlobalMaxPool1D": _keras_global_pool,
        "GlobalMaxPool2D": _keras_global_pool,
    }

    def run_float(self, node, ins):
        return np.max(ins[0], axis=(1, 2), keepdims=True)

    def run_int8(self, node, g, ins):
        return kernels.maxpool(ins[0], _whole(ins[0]), node.q, (1, 1))


class GlobalAvgPool(_GlobalPool):
    name = "global_avgpool"
    table_name = "GlobalAvg"
    c_constructor = "nnom_global_avgpool_s"
    ctor = "nnom_GlobalAvgPool"
    keras_classes = {
        "GlobalAveragePooling1D": _keras_global_pool,
        "GlobalAveragePooling2D": _keras_global_pool,
        "GlobalAvgPool1D": _keras_global_pool,
        "GlobalAvgPool2D": _keras_global_pool,
    }

    def run_float(self, node, ins):
        return np.mean(ins[0], axis=(1, 2), keepdims=True)

    def run_int8(self, node, g, ins):
        return kernels.avgpool(ins[0], _whole(ins[0]), node.q, (1, 1))


class GlobalSumPool(Op):
    name = "global_sumpool"
    table_name = "GlobalSum"
    c_constructor = "nnom_global_sumpool_s"

    def run_float(self, node, ins):
        return np.sum(ins[0], axis=(1, 2), keepdims=True)

    def run_int8(self, node, g, ins):
        x = ins[0]
        zp_in = g.node(node.inputs[0]).out_q.zero_point
        return kernels.sumpool(x, _whole(x), node.q, zp_in, node.out_q.zero_point, (1, 1))

    def quantize(self, node, ins, ranges, per_channel):
        quantize_sum(node, ins[0], ranges)

    def emit_config(self, w, node, n, super_):
        q = node.q
        return (
            f"static const nnom_sumpool_config_t {n}_config = {{{super_}, "
            f".mult = {q.mult}, .shift = {q.shift}}};\n"
        )

    def layer_api_call(self, w, node, n):
        return f"nnom_GlobalSumPool(&{n}_q)"


GLOBAL_MAXPOOL = register(GlobalMaxPool())
GLOBAL_AVGPOOL = register(GlobalAvgPool())
GLOBAL_SUMPOOL = register(GlobalSumPool())
