"""Global max, average and sum pooling over all positions: C layers
nnom_global_pool.c. Max and average keep the input's
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


class GlobalPool(Op):
    pools_whole_input = True
    """Global max or average pooling: the input's quantisation. One class,
    one instance per kind: `reduce` is the float run, `kernel` the int8
    reference over the whole input."""

    pass_through = True

    def __init__(self, name, table_name, c_constructor, layer_api, keras_names, reduce, kernel):
        self.name = name
        self.table_name = table_name
        self.c_constructor = c_constructor
        self.layer_api = layer_api
        self.keras_classes = dict.fromkeys(keras_names, _keras_global_pool)
        self.reduce = reduce
        self.kernel = kernel

    def run_float(self, node, ins):
        return self.reduce(ins[0], axis=(1, 2), keepdims=True)

    def run_int8(self, node, g, ins):
        return self.kernel(ins[0], _whole(ins[0]), node.q, (1, 1))

    def emit_config(self, w, node, n, super_):
        return f"static const nnom_global_pool_config_t {n}_config = {{{super_}}};\n"

    def layer_api_call(self, w, node, n):
        return f"{self.layer_api}()"


class GlobalSumPool(Op):
    pools_whole_input = True
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


GLOBAL_MAXPOOL = register(
    GlobalPool(
        "global_maxpool",
        "GlobalMax",
        "nnom_global_maxpool_s",
        "nnom_GlobalMaxPool",
        ("GlobalMaxPooling1D", "GlobalMaxPooling2D", "GlobalMaxPool1D", "GlobalMaxPool2D"),
        np.max,
        kernels.maxpool,
    )
)
GLOBAL_AVGPOOL = register(
    GlobalPool(
        "global_avgpool",
        "GlobalAvg",
        "nnom_global_avgpool_s",
        "nnom_GlobalAvgPool",
        ("GlobalAveragePooling1D", "GlobalAveragePooling2D", "GlobalAvgPool1D", "GlobalAvgPool2D"),
        np.mean,
        kernels.avgpool,
    )
)
GLOBAL_SUMPOOL = register(GlobalSumPool())
