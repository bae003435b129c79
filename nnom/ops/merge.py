"""Add, Subtract, Average and Multiply over 2..16 equal-shape inputs (also
the keras.ops `x + y`, `x - y`, `x * y` of Keras 3 functional models):
C layer nnom_merge.c, in place.

Add/Sub: TFLite's int8 Add (docs/architecture.md, Arithmetic); Average is
Add with the output multiplier divided by n. Mult: a chain of n - 1
two-input products, each intermediate with its own calibrated quantisation.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import numpy as np

from ..c_text import c_array
from ..fixedpoint import (
    ADD_LEFT_SHIFT,
    MERGE_MAX_INPUTS,
    add_params,
    add_s8,
    mul_s8,
    quantize_multiplier,
)
from .common import QuantParams, choose_qparams, input_zps, out_and_pre, target_zp
from .registry import Op, no_layer_api, register


@dataclass
class AddParams(QuantParams):
    in_mult: np.ndarray  # int32 per input
    in_shift: np.ndarray
    out_mult: int
    out_shift: int


@dataclass
class MultParams(QuantParams):
    mult: np.ndarray  # int32 per product step
    shift: np.ndarray
    step_zp: np.ndarray  # zero points of the n - 2 intermediate products


def _same_shapes(ctx) -> tuple[int, ...]:
    shapes = [n.shape for n in ctx.inputs]
    if any(s != shapes[0] for s in shapes):
        raise ctx.fail(
            f"inputs have different shapes {', '.join(map(str, shapes))}; "
            "broadcasting is not supported"
        )
    return shapes[0]


def _keras_merge(ctx, op: str, two_only: bool = False, average: bool = False) -> None:
    """Add, Subtract, Multiply, Average over two or more equal-shape inputs
    (op: the IR op's name; Subtract takes exactly two)."""
    n = len(ctx.inputs)
    if n < 2:
        raise ctx.fail(f"needs at least two inputs, got {n}")
    if two_only and n != 2:
        raise ctx.fail(f"needs exactly two inputs, got {n}")
    if n > MERGE_MAX_INPUTS:
        raise ctx.fail(f"{n} inputs; at most {MERGE_MAX_INPUTS} are supported")
    shape = _same_shapes(ctx)
    ctx.node(op, shape, attrs={"average": n} if average else {})


def _keras_op_binary(ctx, op: str, two_only: bool = False) -> None:
    """`x + y`, `x - y`, `x * y` between two tensors of the same shape."""
    if len(ctx.inputs) != 2:
        raise ctx.fail(
            "keras.ops call with a constant operand (e.g. `x * 2.0`) is not supported; "
            "only tensor-tensor operations of equal shapes are"
        )
    _keras_merge(ctx, op, two_only)


# int8 kernels: the numeric spec of nnom_local_add_s8 / nnom_local_mul_s8 (then
# the tail activation's table, if any)
def _add_s8(xs: list[np.ndarray], zps: list[int], q, zp_out: int, subtract: bool) -> np.ndarray:
    y = add_s8(
        xs,
        zps,
        q.in_mult.tolist(),
        q.in_shift.tolist(),
        q.out_mult,
        q.out_shift,
        zp_out,
        q.act_min,
        q.act_max,
        subtract=subtract,
    )
    return _tail(y, q)


def _mult_s8(xs: list[np.ndarray], zps: list[int], q, zp_out: int) -> np.ndarray:
    y = mul_s8(
        xs,
        zps,
        q.mult.tolist(),
        q.shift.tolist(),
        q.step_zp.tolist(),
        zp_out,
        q.act_min,
        q.act_max,
    )
    return _tail(y, q)


def _tail(y: np.ndarray, q) -> np.ndarray:
    if q.lut is not None:
        return q.lut[y + 128]
    return y.astype(np.int8)


class _Merge(Op):
    inplace = True
    takes_activation = True


class _AddSub(_Merge):
    subtract = False

    def run_int8(self, node, g, ins):
        zps = input_zps(node, g)
        return _add_s8(ins, zps, node.q, target_zp(node), subtract=self.subtract)

    def quantize(self, node, ins, ranges, per_channel):
        target, tail = out_and_pre(node, ranges)
        mults, shifts, out_mult, out_shift = add_params(
            [q.scale for q in ins], target.scale, node.attrs.get("average", 1)
        )
        node.q = AddParams(
            in_mult=np.array(mults, dtype=np.int32),
            in_shift=np.array(shifts, dtype=np.int32),
            out_mult=out_mult,
            out_shift=out_shift,
        ).with_tail(**tail)

    def emit_config(self, w, node, n, super_):
        q = node.q
        return (
            c_array("int32_t", f"{n}_in_mult", q.in_mult)
            + c_array("int32_t", f"{n}_in_shift", q.in_shift)
            + f"static const nnom_add_config_t {n}_config = {{{super_}, "
            f".in_mult = {n}_in_mult, .in_shift = {n}_in_shift, .out_mult = {q.out_mult}, "
            f".out_shift = {q.out_shift}, .left_shift = {ADD_LEFT_SHIFT}}};\n"
        )


class Add(_AddSub):
    name = "add"
    table_name = "Add"
    c_constructor = "nnom_add_s"
    keras_classes = {
        "Add": partial(_keras_merge, op=name),
        "Average": partial(_keras_merge, op=name, average=True),
    }
    keras_ops = {"Add": partial(_keras_op_binary, op=name)}

    def run_float(self, node, ins):
        return sum(ins[1:], ins[0]) / node.attrs.get("average", 1)

    def layer_api_call(self, w, node, n):
        average = int(node.attrs.get("average", 1))
        if average > 1:
            return f"nnom_Average({average}, {w.q_ref(node)})"
        return f"nnom_Add({w.q_ref(node)})"


class Sub(_AddSub):
    name = "sub"
    table_name = "Sub"
    c_constructor = "nnom_sub_s"
    keras_classes = {"Subtract": partial(_keras_merge, op=name, two_only=True)}
    keras_ops = {"Subtract": partial(_keras_op_binary, op=name, two_only=True)}
    subtract = True

    def run_float(self, node, ins):
        return ins[0] - ins[1]

    def layer_api_call(self, w, node, n):
        return f"nnom_Sub({w.q_ref(node)})"


def partial_products(ins: list[np.ndarray]) -> list[np.ndarray]:
    """The intermediate products of an n-input Multiply (n - 2 of them)."""
    out, acc = [], ins[0]
    for v in ins[1:-1]:
        acc = acc * v
        out.append(acc)
    return out


class Mult(_Merge):
    name = "mult"
    table_name = "Mult"
    c_constructor = "nnom_mult_s"
    keras_classes = {"Multiply": partial(_keras_merge, op=name)}
    keras_ops = {"Multiply": partial(_keras_op_binary, op=name)}

    def run_float(self, node, ins):
        y = ins[0]
        for v in ins[1:]:
            y = y * v
        return y

    def intermediates(self, node, ins):
        return partial_products(ins) if len(node.inputs) > 2 else []

    def run_int8(self, node, g, ins):
        return _mult_s8(ins, input_zps(node, g), node.q, target_zp(node))

    def quantize(self, node, ins, ranges, per_channel):
        target, tail = out_and_pre(node, ranges)
        steps = [choose_qparams(*ranges.out[f"{node.name}#{k}"]) for k in range(len(ins) - 2)]
        prev, mults, shifts = ins[0], [], []
        for k, q in enumerate(steps + [target]):
            m, s = quantize_multiplier(float(prev.scale) * float(ins[k + 1].scale) / float(q.scale))
            mults.append(m)
            shifts.append(s)
            prev = q
        node.q = MultParams(
            mult=np.array(mults, dtype=np.int32),
            shift=np.array(shifts, dtype=np.int32),
            step_zp=np.array([q.zero_point for q in steps], dtype=np.int32),
        ).with_tail(**tail)

    def emit_config(self, w, node, n, super_):
        q = node.q
        out = [c_array("int32_t", f"{n}_mult", q.mult), c_array("int32_t", f"{n}_shift", q.shift)]
        steps = "NULL"
        if len(q.step_zp):
            out.append(c_array("int32_t", f"{n}_step_zp", q.step_zp))
            steps = f"{n}_step_zp"
        out.append(
            f"static const nnom_mult_config_t {n}_config = {{{super_}, "
            f".mult = {n}_mult, .shift = {n}_shift, .step_zp = {steps}}};\n"
        )
        return "".join(out)

    def layer_api_defs(self, w, node, n):
        if len(node.inputs) > 2:
            raise no_layer_api(
                node,
                f"a product of {len(node.inputs)} inputs has no Layer API form (Mult takes two)",
            )
        return ""

    def layer_api_call(self, w, node, n):
        return f"nnom_Mult({w.q_ref(node)})"


ADD = register(Add())
SUB = register(Sub())
MULT = register(Mult())
