"""Flatten and Reshape: views of their input's buffer in HWC builds (C layer
nnom_reshape.c; a transposing copy in CHW builds where bytes move)."""

from __future__ import annotations

import numpy as np

from ..c_text import shape_call, shape_init
from ..frontend.tflite_quant import same_q
from .common import QuantParams
from .registry import Op, register


def _keras_flatten(ctx) -> None:
    ctx.check_channels_last()
    ctx.node(FLATTEN.name, (int(np.prod(ctx.x.shape)),))


def _keras_reshape(ctx) -> None:
    target = [int(d) for d in ctx.cfg["target_shape"]]
    total = int(np.prod(ctx.x.shape))
    if -1 in target:
        known = int(np.prod([d for d in target if d != -1]))
        target[target.index(-1)] = total // known
    if int(np.prod(target)) != total or len(target) > 3:
        raise ctx.fail(f"cannot reshape {ctx.x.shape} to {tuple(target)}")
    ctx.node(RESHAPE.name, tuple(target))


def _tflite_reshape(ctx) -> None:
    """TFLite's RESHAPE, SQUEEZE and EXPAND_DIMS: the output tensor's shape."""
    x = ctx.input_node(0)
    shape = ctx.shape(ctx.out)
    if int(np.prod(shape)) != int(np.prod(x.shape)):
        raise ctx.fail(f"cannot reshape {x.shape} to {shape}")
    node = ctx.node(RESHAPE.name, shape, [x.name])
    same_q(ctx, x)
    if ctx.int8:
        node.out_q, node.q = x.out_q, QuantParams()


class _Reshape(Op):
    view = True
    pass_through = True

    def run_float(self, node, ins):
        return ins[0].reshape((ins[0].shape[0],) + node.hwc)

    def run_int8(self, node, g, ins):
        return ins[0].reshape((ins[0].shape[0],) + node.hwc)

    def emit_config(self, w, node, n, super_):
        return (
            f"static const nnom_reshape_config_t {n}_config = {{{super_}, "
            f".shape = {shape_init(node.shape)}}};\n"
        )


class Flatten(_Reshape):
    name = "flatten"
    table_name = "Flatten"
    c_constructor = "nnom_flatten_s"
    keras_classes = {"Flatten": _keras_flatten}

    def layer_api_call(self, w, node, n):
        return "nnom_Flatten()"


class Reshape(_Reshape):
    name = "reshape"
    table_name = "Reshape"
    c_constructor = "nnom_reshape_s"
    keras_classes = {"Reshape": _keras_reshape}
    tflite_builtins = {
        "RESHAPE": _tflite_reshape,
        "SQUEEZE": _tflite_reshape,
        "EXPAND_DIMS": _tflite_reshape,
    }

    def layer_api_call(self, w, node, n):
        return f"nnom_Reshape({shape_call(node.shape)})"


FLATTEN = register(Flatten())
RESHAPE = register(Reshape())
