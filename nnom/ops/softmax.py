"""Softmax over the last axis: TFLite's int8 algorithm, output scale 1/256,
zero point -128 (C: nnom_softmax.c, in place)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .. import backends
from ..c_text import c_array
from ..fixedpoint import SOFTMAX_MAX_ROW, softmax_exp_table, softmax_params, softmax_rows
from ..frontend.keras_context import last_axis
from ..frontend.tflite_quant import qparams
from ..graph import QParams
from .common import QuantParams
from .registry import Op, register

SOFTMAX_OUT = QParams(scale=float(np.float32(1.0 / 256.0)), zero_point=-128)


@dataclass
class SoftmaxParams(QuantParams):
    mult: int
    shift: int
    diff_min: int
    exp_table: np.ndarray  # the exp term of every input difference


def _keras_softmax(ctx) -> None:
    last_axis(ctx, "softmax over axis {axis} is not supported, only the last axis")
    ctx.node(SOFTMAX.name, ctx.x.shape)


def _tflite_softmax(ctx) -> None:
    """TFLite's SOFTMAX; an int8 file's parameters as TFLite Micro prepares them."""
    x = ctx.input_node(0)
    beta = float(ctx.op.options.get("Beta", 1.0))
    node = ctx.node(SOFTMAX.name, x.shape, [x.name])
    if not ctx.int8:
        if beta != 1.0:
            raise ctx.fail(f"beta {beta} in a float model is not supported")
        return
    out_q = qparams(ctx, ctx.out)
    if out_q != SOFTMAX_OUT:
        raise ctx.fail("int8 softmax needs output scale 1/256 and zero point -128")
    try:
        mult, shift, diff_min = softmax_params(x.out_q.scale, beta)
    except ValueError as err:
        raise ctx.fail(str(err)) from None
    node.out_q = out_q
    node.q = SoftmaxParams(
        mult=mult,
        shift=shift,
        diff_min=diff_min,
        exp_table=softmax_exp_table(mult, shift, diff_min),
    )


class Softmax(Op):
    name = "softmax"
    table_name = "Softmax"
    c_constructor = "nnom_softmax_s"
    row_limit = SOFTMAX_MAX_ROW
    keras_classes = {"Softmax": _keras_softmax}
    tflite_builtins = {"SOFTMAX": _tflite_softmax}
    inplace = True

    def run_float(self, node, ins):
        x = ins[0]
        e = np.exp(x - x.max(axis=-1, keepdims=True))
        return e / e.sum(axis=-1, keepdims=True)

    def run_int8(self, node, g, ins):
        return softmax_rows(ins[0], node.q.exp_table).astype(np.int8)

    def quantize(self, node, ins, ranges, per_channel):
        node.out_q = SOFTMAX_OUT
        mult, shift, diff_min = softmax_params(ins[0].scale)
        node.q = SoftmaxParams(
            mult=mult,
            shift=shift,
            diff_min=diff_min,
            exp_table=softmax_exp_table(mult, shift, diff_min),
        )

    def cmsis_scratch(self, node, arch, in_hw):
        # arm_softmax_s8 needs no scratch; rows are the last axis
        return 0 if backends.cmsis_nn_takes("softmax", arch, row=node.hwc[2]) else None

    def emit_config(self, w, node, n, super_):
        q = node.q
        return c_array("int32_t", f"{n}_exp_table", q.exp_table) + (
            f"static const nnom_softmax_config_t {n}_config = {{{super_}, "
            f".exp_table = {n}_exp_table, .mult = {q.mult}, .shift = {q.shift}, "
            f".diff_min = {q.diff_min}}};\n"
        )

    def layer_api_call(self, w, node, n):
        return "nnom_Softmax()"


SOFTMAX = register(Softmax())
