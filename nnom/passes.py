"""Graph rewrites before quantisation.

Each op says whether and how it is rewritten (Op.rewrite_stage and
Op.rewrite, nnom/ops/); this runs the stages in their order (registry.py
says why) and splits a layer's softmax activation into its own node.
"""

from __future__ import annotations

from .errors import UnsupportedLayerError
from .graph import Graph, Node
from .ops.catalog import op_of
from .ops.registry import DROP, FOLD, FUSE
from .ops.softmax import SOFTMAX


def run_stage(g: Graph, stage: int) -> None:
    for node in list(g.nodes):
        op = op_of(node)
        if op.rewrite_stage == stage:
            op.rewrite(g, node)


def split_softmax(g: Graph) -> None:
    """A layer's activation='softmax' becomes its own Softmax node."""
    for node in list(g.nodes):
        if node.act is not None and node.act.kind == "softmax":
            node.act = None
            sm = Node(
                name=f"{node.name}_softmax",
                op=SOFTMAX.name,
                inputs=[node.name],
                shape=node.shape,
                source=node.source,
                source_class=node.source_class,
            )
            g.replace_uses(node.name, sm.name)
            sm.inputs = [node.name]
            g.nodes.insert(g.nodes.index(node) + 1, sm)


def check_rows(g: Graph) -> None:
    """Ops whose C kernel takes a bounded last axis (Softmax's table)."""
    for node in g.nodes:
        op = op_of(node)
        if op.row_limit is not None and node.shape[-1] > op.row_limit:
            raise UnsupportedLayerError(
                node.source,
                node.source_class,
                f"{op.table_name.lower()} over {node.shape[-1]} values; at most "
                f"{op.row_limit} are supported",
            )


def optimise(g: Graph) -> Graph:
    run_stage(g, DROP)
    split_softmax(g)
    run_stage(g, FOLD)
    run_stage(g, FUSE)
    check_rows(g)
    return g
