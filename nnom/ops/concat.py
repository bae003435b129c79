"""Concatenate along any non-batch axis (also keras.ops.concatenate):
C layer nnom_concat.c. An input quantised like the output is copied; any
other goes through a 256-entry requantisation table."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..c_text import c_array
from ..frontend.tflite_quant import qparams
from .common import QuantParams, choose_qparams, requant_table
from .registry import Op, register

CONCAT_MAX_INPUTS = 255


@dataclass
class ConcatParams(QuantParams):
    tables: list[np.ndarray | None]  # per input: its requantisation table, or None (a copy)


def _keras_concat(ctx) -> None:
    ins = ctx.inputs
    if not 1 <= len(ins) <= CONCAT_MAX_INPUTS:
        raise ctx.fail(f"{len(ins)} inputs; 1 to {CONCAT_MAX_INPUTS} are supported")
    rank = len(ins[0].shape)
    if any(len(n.shape) != rank for n in ins):
        raise ctx.fail(f"inputs have different ranks: {[n.shape for n in ins]}")
    axis = ctx.cfg.get("axis", -1)
    axis = axis[0] if isinstance(axis, list) and len(axis) == 1 else axis
    ax = int(axis) + rank + 1 if int(axis) < 0 else int(axis)  # index in (batch,) + shape
    if not 1 <= ax <= rank:
        raise ctx.fail(f"concatenation along axis {axis} (the batch axis?) is not supported")
    for n in ins:
        if n.shape[: ax - 1] + n.shape[ax:] != ins[0].shape[: ax - 1] + ins[0].shape[ax:]:
            raise ctx.fail(f"input shapes {[m.shape for m in ins]} differ outside axis {axis}")
    shape = list(ins[0].shape)
    shape[ax - 1] = sum(n.shape[ax - 1] for n in ins)
    ctx.node(CONCAT.name, tuple(shape), attrs={"axis": ax})


def _tflite_concat(ctx) -> None:
    """TFLite's CONCATENATION of activations (no constant operand)."""
    if len(ctx.activation_inputs()) != len(ctx.op.inputs):
        raise ctx.fail("a constant operand is not supported")
    ins = [ctx.input_node(k) for k in range(len(ctx.op.inputs))]
    if int(ctx.op.options.get("FusedActivationFunction", 0)) != 0:
        raise ctx.fail("a fused activation on concatenation is not supported")
    rank = len(ins[0].shape) + 1
    ax = int(ctx.op.options.get("Axis", -1)) % rank
    if ax == 0 or any(len(n.shape) + 1 != rank for n in ins):
        raise ctx.fail(f"concatenation along axis {ax} of inputs {[n.shape for n in ins]}")
    node = ctx.node(CONCAT.name, ctx.shape(ctx.out), [n.name for n in ins], attrs={"axis": ax})
    if ctx.int8:
        # TFLM copies int8 values unchanged whatever the operands' quantisation
        node.out_q = qparams(ctx, ctx.out)
        node.q = ConcatParams(tables=[None] * len(ins))


def _in_shapes(node, ins: list[np.ndarray]) -> list[tuple[int, ...]]:
    """Keras shapes of a concat's inputs (their NHWC arrays lose the rank)."""
    ax = node.attrs["axis"] - 1
    shapes = []
    for v in ins:
        size = int(np.prod(v.shape[1:]))
        rest = int(np.prod([d for k, d in enumerate(node.shape) if k != ax]))
        shape = list(node.shape)
        shape[ax] = size // rest
        shapes.append(tuple(shape))
    return shapes


def _concat_s8(
    xs: list[np.ndarray], shapes: list[tuple[int, ...]], axis: int, tables, out_hwc
) -> np.ndarray:
    """Concatenate along Keras axis `axis`, each input through its table."""
    n = xs[0].shape[0]
    parts = [
        (v if t is None else t[v.astype(np.int64) + 128]).reshape((n,) + s)
        for v, s, t in zip(xs, shapes, tables)
    ]
    return np.concatenate(parts, axis=axis).reshape((n,) + tuple(out_hwc)).astype(np.int8)


class Concat(Op):
    name = "concat"
    table_name = "Concat"
    c_constructor = "nnom_concat_s"
    keras_classes = {"Concatenate": _keras_concat}
    keras_ops = {"Concatenate": _keras_concat}
    tflite_builtins = {"CONCATENATION": _tflite_concat}

    def run_float(self, node, ins):
        """Concatenation in Keras shapes (the axis is Keras'), back to NHWC."""
        n = ins[0].shape[0]
        parts = [v.reshape((n,) + shape) for v, shape in zip(ins, _in_shapes(node, ins))]
        y = np.concatenate(parts, axis=node.attrs["axis"])
        return y.reshape((n,) + node.hwc)

    def run_int8(self, node, g, ins):
        shapes = [g.node(i).shape for i in node.inputs]
        return _concat_s8(ins, shapes, node.attrs["axis"], node.q.tables, node.hwc)

    def quantize(self, node, ins, ranges, per_channel):
        node.out_q = choose_qparams(*ranges.out[node.name])
        node.q = ConcatParams(tables=[requant_table(q, node.out_q) for q in ins])

    def emit_config(self, w, node, n, super_):
        out = []
        tables = "NULL"
        if any(t is not None for t in node.q.tables):
            names = []
            for k, t in enumerate(node.q.tables):
                if t is None:
                    names.append("NULL")
                else:
                    out.append(c_array("int8_t", f"{n}_table{k}", t))
                    names.append(f"{n}_table{k}")
            out.append(
                f"static const int8_t *const {n}_tables[{len(names)}] = {{{', '.join(names)}}};\n"
            )
            tables = f"{n}_tables"
        out.append(
            f"static const nnom_concat_config_t {n}_config = {{{super_}, "
            f".axis = {node.attrs['axis']}, .tables = {tables}}};\n"
        )
        return "".join(out)

    def layer_api_call(self, w, node, n):
        return f"nnom_Concat({node.attrs['axis']}, &{n}_q)"


CONCAT = register(Concat())
