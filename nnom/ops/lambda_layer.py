"""Lambda: a user function, given to convert() in Python and written in C
(`nnom_status_t <name>(const nnom_tensor_t *in, nnom_tensor_t *out)`,
called by src/layers/nnom_lambda.c)."""

from __future__ import annotations

import numpy as np

from .. import layout
from ..c_text import c_comment, c_ident, shape_call, shape_init
from ..errors import NnomError
from ..graph import size_of
from .common import QuantParams, choose_qparams
from .registry import Op, register


def _keras_lambda(ctx) -> None:
    name = ctx.layer.name
    c_name = c_ident(name)
    lambdas = ctx.lambdas or {}
    fn = lambdas.get(name, lambdas.get(name.rsplit("/", 1)[-1]))
    if fn is None:
        raise ctx.fail(
            "the converter cannot translate a Lambda's Python code: pass the function as "
            f"convert(..., lambdas={{'{name}': fn}}) and define "
            f"`nnom_status_t {c_name}(const nnom_tensor_t *in, nnom_tensor_t *out)` in C "
            "(see docs/layers.md)"
        )
    if isinstance(fn, (tuple, list)):
        float_fn, int8_fn = fn
    else:
        float_fn, int8_fn = fn, None
    if not callable(float_fn) or (int8_fn is not None and not callable(int8_fn)):
        raise ctx.fail("lambdas[...] must be a function, or a (float_fn, int8_fn) pair")
    probe = np.zeros((2,) + ctx.x.shape, np.float32)
    try:
        y = np.asarray(float_fn(probe))
    except Exception as e:  # the user's function, anything can happen
        raise ctx.fail(f"the given function fails on a {probe.shape} array: {e}") from None
    if y.ndim < 2 or y.shape[0] != 2 or y.ndim > 4:
        raise ctx.fail(
            f"the given function maps {probe.shape} to {y.shape}; it must keep the batch axis "
            "and give 1 to 3 more axes"
        )
    ctx.node(
        LAMBDA.name,
        tuple(int(d) for d in y.shape[1:]),
        attrs={
            "function": c_name,
            "float_fn": float_fn,
            "int8_fn": int8_fn,
            "in_shape": ctx.x.shape,
        },
    )


def _prototype(fn: str) -> str:
    return f"nnom_status_t {fn}(const nnom_tensor_t *in, nnom_tensor_t *out);\n"


class Lambda(Op):
    name = "lambda"
    table_name = "Lambda"
    c_constructor = "nnom_lambda_s"
    keras_classes = {"Lambda": _keras_lambda}

    def run_float(self, node, ins):
        x = ins[0]
        n = x.shape[0]
        src = x.reshape((n,) + node.attrs["in_shape"])
        y = np.asarray(node.attrs["float_fn"](src), dtype=x.dtype)
        if y.shape != (n,) + node.shape:
            raise NnomError(
                f"Lambda '{node.source}': the function gave shape {y.shape}, "
                f"expected {(n,) + node.shape}"
            )
        return y.reshape((n,) + node.hwc)

    def run_int8(self, node, g, ins):
        """The user's int8 function, or their float function between
        nnom_dequantize() and nnom_quantize() (float32, as in C)."""
        x = ins[0]
        n = x.shape[0]
        src = x.reshape((n,) + node.attrs["in_shape"])
        if node.attrs.get("int8_fn") is not None:
            y = np.asarray(node.attrs["int8_fn"](src))
            if y.dtype != np.int8:
                raise TypeError(f"Lambda '{node.source}': the int8 function must return int8")
        else:
            in_q = g.node(node.inputs[0]).out_q
            y = node.out_q.quantize(node.attrs["float_fn"](in_q.dequantize(src)))
        return y.reshape((n,) + node.hwc)

    def quantize(self, node, ins, ranges, per_channel):
        node.out_q = choose_qparams(*ranges.out[node.name])
        node.q = QuantParams()

    def chw_scratch(self, node, in_shape):
        """HWC copies of the input and output for the user function, where
        the orders differ."""
        return sum(
            0 if layout.same_order(s) else layout.align(size_of(s)) for s in (in_shape, node.shape)
        )

    def emit_config(self, w, node, n, super_):
        fn = node.attrs["function"]
        return (
            f"/* Lambda '{c_comment(node.source)}': define this function "
            "(see nnom_lambda_fn_t) */\n"
            + _prototype(fn)
            + f"static const nnom_lambda_config_t {n}_config = {{{super_}, "
            f".shape = {shape_init(node.shape)}, .run = {fn}}};\n"
        )

    def layer_api_defs(self, w, node, n):
        return _prototype(node.attrs["function"])

    def layer_api_call(self, w, node, n):
        return f"nnom_Lambda({node.attrs['function']}, {shape_call(node.shape)}, &{n}_q)"


LAMBDA = register(Lambda())
