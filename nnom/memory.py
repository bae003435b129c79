"""Run order, arena plan and model table: the Python twin of the C compiler.

src/core/nnom_compile.c, nnom_planner.c and nnom_table.c compute the same
things at model_compile() time; tests check that both print the same table.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import backends
from . import layout as layouts
from .activations import display_name, is_clamp
from .graph import Graph, Node, hwc, size_of
from .ops.catalog import OPS, op_of
from .ops.io import OUTPUT

ALIGN = 4


@dataclass
class Layer:
    """One runtime layer in run order (graph nodes plus Output layers)."""

    name: str
    op: str
    node: Node | None  # None for Output layers
    inputs: list[int]  # indices of input layers
    shape: tuple[int, ...]
    macs: int = 0
    scratch: int = 0
    act: str = ""
    root: int = 0
    last_use: int = 0
    n_consumers: int = 0
    out_offset: int | None = None
    scratch_offset: int | None = None
    output_of: str = ""  # for Output layers: the node they copy
    view: bool = False  # output is the input's buffer (Flatten, Reshape, Output)
    external: bool = False  # output is a user buffer (Output of a CHW build, orders differ)

    @property
    def size(self) -> int:
        return size_of(self.shape)


@dataclass
class Plan:
    layers: list[Layer]
    arena_bytes: int
    lower_bound: int
    total_macs: int
    output_layers: list[int] = field(default_factory=list)


def _align(n: int) -> int:
    return (n + ALIGN - 1) // ALIGN * ALIGN


def macs_of(node: Node) -> int:
    return op_of(node).macs(node)


BACKENDS = backends.plan_names()  # "local", "cmsis-nn-dsp", "cmsis-nn-mve"


def scratch_of(node: Node, backend: str = "local", in_hw: tuple[int, int] = (0, 0)) -> int:
    """Scratch bytes of the kernel that runs this node: the local backend's,
    or with the CMSIS-NN backend on a core with the DSP extension or Helium
    (MVE) the one the kernel table picks (src/kernels/cmsis/nnom_cmsis_nn.c).
    in_hw: the input's (h, w), needed by some CMSIS-NN buffers."""
    op = op_of(node)
    if backend != backends.LOCAL:
        cmsis = op.cmsis_scratch(node, backends.kind_of_plan(backend), in_hw)
        if cmsis is not None:
            return cmsis
    return op.scratch(node)


def _act_column(node: Node | None) -> str:
    if node is None:
        return ""
    if node.act is None:
        return ""
    return display_name(node.act)


def run_order(g: Graph, backend: str = "local", layout: str = "hwc") -> list[Layer]:
    """Depth-first from each output (an Output layer per model output).
    layout "chw": a runtime built with NNOM_USING_CHW (nnom/layout.py)."""
    by_name = {n.name: n for n in g.nodes}
    layers: list[Layer] = []
    index: dict[str, int] = {}
    chw = layouts.check(layout) == "chw"
    if chw and backend != "local":
        raise ValueError("CHW builds run the local kernels: plan them with backend 'local'")

    def visit(root: str) -> int:
        # depth first, inputs in order, with an explicit stack: a chain of
        # thousands of layers must not hit Python's recursion limit
        stack, on_stack = [root], {root}
        while stack:
            name = stack[-1]
            pending = [i for i in by_name[name].inputs if i not in index]
            if pending:
                if pending[0] in on_stack:
                    raise ValueError(f"the graph has a cycle through '{name}'")
                stack.append(pending[0])
                on_stack.add(pending[0])
                continue
            stack.pop()
            on_stack.discard(name)
            if name not in index:
                add(name)
        return index[root]

    def add(name: str) -> None:
        node = by_name[name]
        ins = [index[i] for i in node.inputs]
        in_shape = by_name[node.inputs[0]].shape if node.inputs else node.shape
        op = op_of(node)
        view = op.view
        if chw:
            view = view and layouts.reshape_is_view(in_shape, node.shape)
            scratch = op.chw_scratch(node, in_shape)
        else:
            scratch = scratch_of(node, backend, hwc(in_shape)[:2] if node.inputs else (0, 0))
        layers.append(
            Layer(
                name=name,
                op=node.op,
                node=node,
                inputs=ins,
                shape=node.shape,
                macs=macs_of(node),
                scratch=scratch,
                act=_act_column(node),
                view=view,
            )
        )
        index[name] = len(layers) - 1

    for k, out in enumerate(g.outputs):
        src = visit(out)
        # a view of the output tensor; in a CHW build whose orders differ, a
        # transposing copy to the user's buffer
        copies = chw and not layouts.same_order(layers[src].shape)
        layers.append(
            Layer(
                name=f"output_{k}",
                op=OUTPUT.name,
                node=None,
                inputs=[src],
                shape=layers[src].shape,
                output_of=out,
                view=not copies,
                external=copies,
            )
        )
    return layers


def _assign_roots(layers: list[Layer]) -> None:
    for layer in layers:
        for i in layer.inputs:
            layers[i].n_consumers += 1
    for k, layer in enumerate(layers):
        layer.root = k
        if layer.external or not layer.inputs:
            continue
        if layer.view:
            layer.root = layers[layer.inputs[0]].root
        elif OPS[layer.op].inplace:
            # the first input that dies here and is big enough
            for i in layer.inputs:
                src = layers[i]
                if (
                    src.n_consumers == 1
                    and not (src.view or src.external)
                    and not layers[src.root].external
                    and layer.size <= layers[src.root].size
                ):
                    layer.root = src.root
                    break
    for k, layer in enumerate(layers):
        layer.last_use = k
    for k, layer in enumerate(layers):
        for i in layer.inputs:
            root = layers[layers[i].root]
            root.last_use = max(root.last_use, k)
        if layer.root != k:
            root = layers[layer.root]
            root.last_use = max(root.last_use, k)
        if layer.node is None and layer.view:  # the user reads it after the run
            layers[layer.root].last_use = len(layers) - 1


def first_use(layers: list[Layer], k: int) -> int:
    """When a layer's output buffer starts to live: at 0 for an input, which
    the user writes before the run; else when the layer runs."""
    return 0 if OPS[layers[k].op].written_by_user else k


def _buffers(layers: list[Layer]) -> list[tuple[int, int, int, int]]:
    """(id, size, first, last) of every arena buffer."""
    out = []
    for k, layer in enumerate(layers):
        if layer.root == k and not layer.external:
            out.append((2 * k, _align(layer.size), first_use(layers, k), layer.last_use))
        if layer.scratch:
            out.append((2 * k + 1, _align(layer.scratch), k, k))
    return out


# The improvement search below runs when a model has at most this many
# buffers (nnom_planner.c: NNOM_PLAN_SEARCH_MAX); beyond, the first greedy plan.
PLAN_SEARCH_MAX = 64
PLAN_SEARCH_PASSES = 4


def _place(buffers: list, order: list[int]) -> tuple[int, list[int]]:
    """Each buffer in `order` at the lowest offset overlapping no placed,
    simultaneously alive buffer: (arena, offsets by buffer position)."""
    offsets = [0] * len(buffers)
    placed: list[int] = []
    arena = 0
    for i in order:
        _, size, first, last = buffers[i]
        offset, moved = 0, True
        while moved:
            moved = False
            for j in placed:
                _, psize, pfirst, plast = buffers[j]
                at = offsets[j]
                if first <= plast and pfirst <= last and at < offset + size and offset < at + psize:
                    offset, moved = at + psize, True
        offsets[i] = offset
        placed.append(i)
        arena = max(arena, offset + size)
    return arena, offsets


def plan(g: Graph, backend: str = "local", layout: str = "hwc") -> Plan:
    """The arena plan; backend "cmsis-nn-dsp" / "cmsis-nn-mve" gives the one
    of the CMSIS-NN backend on a core with DSP / Helium; layout "chw" the one
    of a CHW build (NNOM_USING_CHW, local kernels).

    Greedy placement, largest first; when that misses the lower bound (the
    peak of the bytes alive at one layer), moving one buffer to the front of
    the order at a time, keeping any improvement (at most PLAN_SEARCH_PASSES
    passes, until the bound is reached)."""
    layers = run_order(g, backend, layout)
    _assign_roots(layers)
    buffers = _buffers(layers)
    lower = 0
    for t in range(len(layers)):
        lower = max(lower, sum(s for _, s, f, la in buffers if f <= t <= la))
    order = sorted(
        range(len(buffers)), key=lambda i: (-buffers[i][1], buffers[i][2], buffers[i][0])
    )
    arena, offsets = _place(buffers, order)
    passes = 0
    while arena > lower and len(buffers) <= PLAN_SEARCH_MAX and passes < PLAN_SEARCH_PASSES:
        improved = False
        for i in range(1, len(order)):
            cand = [order[i]] + order[:i] + order[i + 1 :]
            a, offs = _place(buffers, cand)
            if a < arena:
                arena, offsets, order, improved = a, offs, cand, True
                if arena == lower:
                    break
        passes += 1
        if not improved:
            break
    for (bid, _, _, _), offset in zip(buffers, offsets):
        layer = layers[bid // 2]
        if bid % 2:
            layer.scratch_offset = offset
        else:
            layer.out_offset = offset
    return Plan(
        layers=layers,
        arena_bytes=arena,
        lower_bound=lower,
        total_macs=sum(layer.macs for layer in layers),
        output_layers=[k for k, layer in enumerate(layers) if layer.node is None],
    )


# --- the model table (same text as nnom_print_model_table in C) -----------

RULE = "-" * 97


def table_shape(shape: tuple[int, ...]) -> str:
    """Keras' shape with its own rank, (c), (w, c) or (h, w, c), and the
    padding nnom_table.c prints after it: 5 columns per missing dimension
    (16 columns in all while no dimension has more than 4 digits)."""
    return "(" + ",".join(f"{d:4d}" for d in shape) + ")" + " " * (5 * (3 - len(shape)))


def table_name(op: str, shape: tuple[int, ...]) -> str:
    """Conv1D and its kin run as their 2D layer; a rank-2 output names them 1D."""
    name = OPS[op].table_name
    return name.replace("2D", "1D", 1) if len(shape) == 2 else name


def format_table(p: Plan) -> str:
    lines = [
        "Layer(#)         Activation    output shape    ops(MAC)   mem(in, out, buf)"
        "   arena(out, buf)",
        RULE,
    ]
    for k, layer in enumerate(p.layers):
        in_bytes = sum(p.layers[i].size for i in layer.inputs)
        if not layer.inputs:  # Input: reads the user's buffer
            in_bytes = layer.size
        if layer.external:
            out_at = "user"
        elif layer.root != k:
            out_at = f"=#{layer.root + 1}"
        else:
            out_at = str(layer.out_offset)
        buf_at = str(layer.scratch_offset) if layer.scratch else "-"
        lines.append(  # printf format on purpose: the same text as nnom_table.c
            "#%-3u %-10s - %-9s- %s%9s (%6u,%6u,%6u)   (%6s,%6s)"  # noqa: UP031
            % (
                k + 1,
                table_name(layer.op, layer.shape),
                layer.act,
                table_shape(layer.shape),
                layer.macs or "",  # C: %9.0u, no digit for 0
                in_bytes,
                layer.size,
                layer.scratch,
                out_at,
                buf_at,
            )
        )
    lines.append(RULE)
    lines.append(
        f"Arena: {p.arena_bytes} bytes (lower bound {p.lower_bound}), total MACs: {p.total_macs}"
    )
    return "\n".join(lines)


__all__ = ["Plan", "Layer", "plan", "format_table", "hwc", "is_clamp"]
