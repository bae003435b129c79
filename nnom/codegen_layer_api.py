"""Writes the model header with the Layer API instead of the Structured API.

The result reads like a hand-written NNoM model (nnom_Conv2D(...),
nnom_Dense(...), model.hook(...)), in the nnom_ names so that it compiles
with NNOM_NO_SHORT_NAMES too; weights stay const, configs are built in RAM at
nnom_model_create(). Tests compare it with the Structured API header to
show that both APIs compute the same outputs. Each op writes its own call
(layer_api_defs, layer_api_call in nnom/ops/).
"""

from __future__ import annotations

from .c_text import qparam
from .codegen import HeaderWriter
from .graph import Node
from .ops.catalog import op_of
from .ops.io import OUTPUT
from .ops.registry import no_layer_api


class LayerApiWriter(HeaderWriter):
    planned = False  # a Layer API program plans at run time (nnom_model_compile)

    def emit_node(self, node: Node) -> None:
        n, op = self.ids[node.name], op_of(node)
        if not op.has_layer_api:
            raise no_layer_api(node)
        out = [qparam(f"{n}_q", node.out_q)]
        if node.pre_q is not None:
            out.append(qparam(f"{n}_pre_q", node.pre_q))
        out.append(op.layer_api_defs(self, node, n))
        if op.takes_activation and node.act is not None:
            out.append(self.tail(node))
        self.parts.append("".join(out))

    def layer_constructor(self, k: int, layer) -> str:
        if layer.node is None:
            return OUTPUT.output_call(self.plan.output_layers.index(k), layer.shape)
        return op_of(layer.node).layer_api_call(self, layer.node, self.ids[layer.name])

    def output_configs(self) -> str:
        return ""

    def io_section(self) -> str:
        # Layer API configs live in RAM too: NNOM_STATIC_BUF_BYTES would be too small.
        lines = super().io_section().split("\n")
        keep = [
            line
            for line in lines
            if "NNOM_STATIC_BUF_BYTES" not in line
            and "everything nnom_model_create() takes" not in line
            and "bytes in case the buffer is not" not in line
        ]
        return "\n".join(keep)


def render_layer_api_header(g, plan, source: str = "a Keras model") -> str:
    return LayerApiWriter(g, plan, source).render()
