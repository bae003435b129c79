"""Dense (fully connected); on a feature map it is a 1x1 Conv2D.
C: nnom_dense.c."""

from __future__ import annotations

import numpy as np

from .. import float_sums
from ..c_text import c_array
from ..reference import kernels
from .common import target_zp
from .conv2d import pointwise
from .registry import Op, register
from .weighted import emit_arrays, layer_api_weights, quantize_weighted


def _keras_dense(ctx) -> None:
    kernel = ctx.layer.weights[0].astype(np.float32)  # (in, out)
    bias = ctx.layer.weights[1] if ctx.cfg.get("use_bias", True) else None
    units = kernel.shape[1]
    bias = np.zeros(units, np.float32) if bias is None else bias.astype(np.float32)
    shape = ctx.x.shape
    if shape[-1] != kernel.shape[0]:
        raise ctx.fail(f"kernel expects {kernel.shape[0]} inputs, the input has {shape[-1]}")
    act = ctx.activation()
    if len(shape) == 1:
        ctx.node(DENSE.name, (units,), weights={"kernel": kernel, "bias": bias}, act=act)
        return
    # Dense on a feature map acts on the last axis: a 1x1 convolution.
    pointwise(ctx, shape[:-1] + (units,), kernel[np.newaxis, np.newaxis], bias, act)


def weight4(weight: np.ndarray, bias_folded: bool) -> np.ndarray | None:
    """The [units][in] weights in the config's weight4 order (nnom_layers.h:
    groups of four units word by word, then the last units % 4 rows as
    they are), flat; None where the assembly loop does not read them
    (inputs not whole words, no bias_folded, fewer than four units)."""
    units, fin = weight.shape
    if fin % 4 or not bias_folded or units < 4:
        return None
    g = units - units % 4
    groups = weight[:g].reshape(g // 4, 4, fin // 4, 4).transpose(0, 2, 1, 3)
    return np.concatenate([groups.reshape(-1), weight[g:].reshape(-1)])


class Dense(Op):
    name = "dense"
    table_name = "Dense"
    c_constructor = "nnom_dense_s"
    keras_classes = {"Dense": _keras_dense}
    takes_activation = True
    folds_batchnorm = True
    weighted = True

    def run_float(self, node, ins):
        x = ins[0]
        flat = x.reshape(x.shape[0], -1)
        y = float_sums.matmul(flat, node.weights["kernel"], node.weights["bias"])
        return y.reshape(x.shape[0], 1, 1, -1)

    def run_int8(self, node, g, ins):
        zp_in = g.node(node.inputs[0]).out_q.zero_point
        return kernels.dense(ins[0], node.q, zp_in, target_zp(node))

    def quantize(self, node, ins, ranges, per_channel):
        # [out][in]; bias_folded sums each row
        quantize_weighted(node, ins[0], ranges, per_channel, lambda wq: wq.T, (1,))

    def macs(self, node):
        return int(node.weights["kernel"].size)

    def cmsis_scratch(self, node, arch, in_hw):
        # none, whichever kernel backends.json's "fc" rule picks: CMSIS-NN's
        # arm_fully_connected_s8 (Helium: bias_folded is its kernel sums) or
        # the local one
        return 0

    def emit_config(self, w, node, n, super_):
        arrays, fields = emit_arrays(w, n, node.q)
        units, fin = node.q.weight.shape
        grouped = weight4(node.q.weight, node.q.bias_folded is not None)
        if grouped is not None:
            # the build picks the order its kernel reads (nnom_layers.h)
            first = w.weight_array(f"{n}_weight", grouped)
            rows = first
            if not first.startswith("#define"):
                rows = c_array("int8_t", f"{n}_weight", node.q.weight)
            arrays[0] = f"#if NNOM_DENSE_GROUPED\n{first}#else\n{rows}#endif\n"
            fields = fields.replace(f".weight = {n}_weight,", f"NNOM_DENSE_WEIGHT4({n}_weight),", 1)
        return "".join(arrays) + (
            f"static const nnom_dense_config_t {n}_config = {{{super_}, {fields}, "
            f".units = {units}, .in_features = {fin}}};\n"
        )

    def layer_api_defs(self, w, node, n):
        return layer_api_weights(w, node, n)

    def layer_api_call(self, w, node, n):
        return f"nnom_Dense({node.q.weight.shape[0]}, &{n}_w, &{n}_b)"


DENSE = register(Dense())
