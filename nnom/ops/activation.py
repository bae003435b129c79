"""Stand-alone element-wise activations (Activation, ReLU, LeakyReLU, ELU):
a 256-entry table in C (nnom_activation.c), in place. A clamp-type one
after a layer that takes activations is fused into it (rewrite stage FUSE)."""

from __future__ import annotations

from .. import activations
from ..activations import Activation
from ..c_text import c_array, c_string
from ..reference import kernels
from .common import QuantParams, choose_qparams
from .identity import IDENTITY
from .registry import FUSE, Op, get, register
from .softmax import SOFTMAX


def _keras_activation_layer(ctx) -> None:
    act = ctx.activation()
    if act is None:
        ctx.node(IDENTITY.name, ctx.x.shape)
    elif act.kind == "softmax":
        ctx.node(SOFTMAX.name, ctx.x.shape)
    else:
        ctx.node(ACTIVATION.name, ctx.x.shape, act=act)


def _keras_relu(ctx) -> None:
    cfg = ctx.cfg
    params = {
        "max_value": None if cfg.get("max_value") is None else float(cfg["max_value"]),
        "negative_slope": float(cfg.get("negative_slope", 0.0) or 0.0),
        "threshold": float(cfg.get("threshold", 0.0) or 0.0),
    }
    ctx.node(ACTIVATION.name, ctx.x.shape, act=Activation("relu", params))


def _keras_leaky_relu(ctx) -> None:
    alpha = ctx.cfg.get("negative_slope", ctx.cfg.get("alpha", 0.3))
    ctx.node(ACTIVATION.name, ctx.x.shape, act=Activation("leaky_relu", {"alpha": float(alpha)}))


def _keras_elu(ctx) -> None:
    alpha = float(ctx.cfg.get("alpha", 1.0))
    ctx.node(ACTIVATION.name, ctx.x.shape, act=Activation("elu", {"alpha": alpha}))


class ActivationOp(Op):
    name = "activation"
    table_name = "Activation"
    c_constructor = "nnom_activation_s"
    keras_classes = {
        "Activation": _keras_activation_layer,
        "ReLU": _keras_relu,
        "LeakyReLU": _keras_leaky_relu,
        "ELU": _keras_elu,
    }
    inplace = True
    rewrite_stage = FUSE

    def rewrite(self, g, node):
        """Hook the activation on the layer before it when that takes a tail
        (a clamp or a table) and nothing else reads it."""
        prev = g.sole_producer(node)
        if prev is not None and get(prev.op).takes_activation:
            prev.act = node.act
            g.absorb(prev, node)

    def run_float(self, node, ins):
        return ins[0]  # the node's act is applied after every node

    def run_int8(self, node, g, ins):
        return kernels.lut(ins[0], node.q.lut)

    def quantize(self, node, ins, ranges, per_channel):
        node.out_q = choose_qparams(*ranges.out[node.name])
        table = activations.lookup_table(
            node.act, ins[0].scale, ins[0].zero_point, node.out_q.scale, node.out_q.zero_point
        )
        node.q = QuantParams().with_tail(lut=table)

    def emit_config(self, w, node, n, super_):
        return c_array("int8_t", f"{n}_table", node.q.lut) + (
            f"static const nnom_activation_config_t {n}_config = {{{super_}, "
            f'.table = {n}_table, .act_name = "{activations.display_name(node.act)}"}};\n'
        )

    def layer_api_defs(self, w, node, n):
        return c_array("int8_t", f"{n}_table", node.q.lut)

    def layer_api_call(self, w, node, n):
        name = c_string(activations.display_name(node.act))
        return f"nnom_Activation(nnom_act_lut({n}_table, &{n}_q, {name}))"


ACTIVATION = register(ActivationOp())
