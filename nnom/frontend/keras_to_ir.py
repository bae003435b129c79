"""Keras layers -> NNoM graph nodes, by class name, with shape inference.

Every layer is recognised by its Keras class, never by its name: each op
module (nnom/ops/) lists the Keras classes it maps. Anything not handled is
reported with the layer's name, class and the list of supported classes.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .. import limits
from ..errors import NnomError, UnsupportedLayerError
from ..graph import Graph, Node
from ..guard import ODD_VALUE_ERRORS
from ..ops.catalog import OPS
from .keras_context import KerasContext
from .keras_graph import KerasGraph, KerasLayer, TensorRef
from .layer_checks import check_config, check_node


def _handlers(kind: str) -> dict[str, Callable[[KerasContext], None]]:
    """Keras class -> handler, over every op (kind: "keras_classes" for
    layers, "keras_ops" for the keras.ops calls of Keras 3 functional models)."""
    table: dict[str, Callable[[KerasContext], None]] = {}
    for op in OPS.values():
        for cls, handler in getattr(op, kind).items():
            if table.setdefault(cls, handler) is not handler:
                raise ValueError(f"Keras class {cls} is mapped by two ops")
    return table


HANDLERS = _handlers("keras_classes")
# keras.ops nodes of Keras 3 functional models (`x + y` is class "Add" there).
OPS_HANDLERS = _handlers("keras_ops")


# What to use instead, for layers people often try (docs/layers.md, "Not supported").
ALTERNATIVES = {
    "LayerNormalization": "BatchNormalization",
    "Rescaling": "scaling the float input before nnom_quantize()",
    "Normalization": "normalising the float input before nnom_quantize()",
    "TimeDistributed": "Conv1D with kernel_size=1 (for a TimeDistributed Dense)",
    "Maximum": "Add, Subtract, Multiply or Average",
    "Minimum": "Add, Subtract, Multiply or Average",
}
LAYERS_DOC = "docs/layers.md#not-supported"


def _unsupported(layer: KerasLayer) -> str:
    """One short clause: a supported alternative if there is one, and where the list is."""
    instead = ALTERNATIVES.get(layer.class_name)
    hint = f"use {instead}; " if instead else ""
    return f"this layer type is not supported; {hint}see {LAYERS_DOC}"


def _run_handler(handler, ctx: KerasContext) -> None:
    """The handler, between the checks of layer_checks: a damaged layer is
    one error naming it, whatever the handler would have tripped over."""
    if not isinstance(ctx.cfg, dict):
        raise ctx.fail("its config is not a dictionary; the file is damaged")
    check_config(ctx.layer.name, ctx.layer.class_name, ctx.cfg)
    try:
        handler(ctx)
    except ODD_VALUE_ERRORS as err:
        raise ctx.fail(
            f"its config or weights are not those of a Keras {ctx.layer.class_name} "
            f"({type(err).__name__}: {err}); re-save the model from Keras"
        ) from None
    for node in ctx.new_nodes:
        check_node(node)
        limits.check_node(node)  # before later layers build on an absurd size


def to_graph(kg: KerasGraph, lambdas: dict | None = None) -> Graph:
    """Map a Keras graph to NNoM nodes (before optimisation passes).

    lambdas: Lambda layer name -> Python function (see nnom/ops/lambda_layer.py)."""
    try:
        major = int(str(kg.keras_version).split(".")[0])
    except ValueError:
        major = 3
    produced: dict[TensorRef, str] = {}  # Keras tensor -> node name
    nodes: list[Node] = []
    names: set[str] = set()

    def resolve(ref: TensorRef, layer: KerasLayer) -> Node:
        key = TensorRef(ref.layer, ref.node, ref.index)
        if key not in produced:
            if ref.index != 0:
                raise UnsupportedLayerError(
                    layer.name,
                    layer.class_name,
                    f"uses output {ref.index} of layer '{ref.layer}'; layers with several "
                    "outputs are not supported",
                )
            raise NnomError(f"layer '{layer.name}' uses '{ref.layer}', which was never computed")
        return node_by_name[produced[key]]

    node_by_name: dict[str, Node] = {}
    for layer in kg.layers:
        is_op = layer.module.startswith(("keras.src.ops", "keras.ops"))
        handler = (OPS_HANDLERS if is_op else HANDLERS).get(layer.class_name)
        if handler is None and is_op:
            raise UnsupportedLayerError(
                layer.name,
                f"keras.ops.{layer.class_name}",
                "this keras.ops call is not supported; supported: "
                + ", ".join(sorted(OPS_HANDLERS))
                + " of two equal-shape tensors, or use a Keras layer",
            )
        if handler is None:
            raise UnsupportedLayerError(layer.name, layer.class_name, _unsupported(layer))
        calls = layer.inbound or [[]]
        for call_index, call in enumerate(calls):
            inputs = [resolve(ref, layer) for ref in call]
            base = re.sub(r"[^0-9A-Za-z_]", "_", layer.name)  # names reach C identifiers
            name = base if call_index == 0 else f"{base}_call{call_index}"
            while name in names:
                name += "_"
            ctx = KerasContext(layer, inputs, major, name)
            ctx.lambdas = lambdas
            _run_handler(handler, ctx)
            for node in ctx.new_nodes:
                names.add(node.name)
                node_by_name[node.name] = node
                nodes.append(node)
            produced[TensorRef(layer.name, call_index, 0)] = ctx.new_nodes[-1].name
    inputs = [produced[TensorRef(r.layer, r.node, r.index)] for r in kg.inputs]
    outputs = []
    for ref in kg.outputs:
        key = TensorRef(ref.layer, ref.node, ref.index)
        if key not in produced:
            raise NnomError(f"model output '{ref.layer}' was never computed")
        outputs.append(produced[key])
    return Graph(name=kg.name, nodes=nodes, inputs=inputs, outputs=outputs)
