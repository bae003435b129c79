"""Run order, arena plan and model table: the Python twin of the C compiler.

src/core/nnom_compile.c, nnom_planner.c and nnom_table.c compute the same
things at model_compile() time; tests check that both print the same table.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import layout as layouts
from .activations import display_name, is_clamp
from .graph import OPS, Graph, Node, hwc, size_of
from .recurrent import RNN_OPS
from .recurrent import memory as rnn_memory

ALIGN = 4
VIEW_OPS = {"flatten", "reshape"}
# Element-wise layers that may write their output over an input nobody else reads.
INPLACE_OPS = {"activation", "softmax", "add", "sub", "mult"}
EXTERNAL_OPS = {"input", "output"}


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
    view: bool = False  # output is the input's buffer (Flatten, Reshape)
    external: bool = False  # output is a user buffer (Input, Output)

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
    if node.op in RNN_OPS:
        return rnn_memory.macs(node)
    if node.op == "conv2d":
        oh, ow, oc = node.hwc
        kh, kw = node.attrs["kernel"]
        return oh * ow * oc * kh * kw * node.weights["kernel"].shape[2]
    if node.op == "dwconv2d":
        oh, ow, oc = node.hwc
        kh, kw = node.attrs["kernel"]
        return oh * ow * oc * kh * kw
    if node.op == "dense":
        return int(node.weights["kernel"].size)
    if node.op == "deconv2d":
        ih, iw = node.attrs["in_hw"]
        return ih * iw * int(node.weights["kernel"].size)
    return 0


BACKENDS = ("local", "cmsis-nn-dsp", "cmsis-nn-mve")


def scratch_of(node: Node, backend: str = "local", in_hw: tuple[int, int] = (0, 0)) -> int:
    """Scratch bytes of the kernel that runs this node: the local backend's,
    or with the CMSIS-NN backend on a core with the DSP extension or Helium
    (MVE) the one the kernel table picks (src/kernels/cmsis/nnom_cmsis_nn.c).
    in_hw: the input's (h, w), needed by some CMSIS-NN buffers."""
    if backend != "local":
        cmsis = _cmsis_scratch(node, backend.rsplit("-", 1)[-1], in_hw)
        if cmsis is not None:
            return cmsis
    if node.op in RNN_OPS:
        return rnn_memory.scratch(node)
    if node.op == "conv2d":
        # nnom_local_conv_s8.c: with up to 3 input channels, two pixels'
        # windows are gathered as int16 into words: two per group of four
        # values, then one per value.
        kh, kw = node.attrs["kernel"]
        cin = node.weights["kernel"].shape[2]
        if cin <= 3:
            k = kh * kw * cin
            return 8 * (k // 4 * 2 + k % 4)
    return 0


# --- CMSIS-NN's *_get_buffer_size() (v7.0.0+, built with GCC) -----------------


def _c_div(a: int, b: int) -> int:
    """C's integer division (truncates toward zero)."""
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b > 0) else -q


def _c_mod(a: int, b: int) -> int:
    return a - b * _c_div(a, b)


def _conv_s8_mve(cin: int, kh: int, kw: int) -> int:
    return 4 * ((cin * kw * kh + 15) // 16) * 16


def _conv_wrapper(arch, cin, kh, kw, stride, dil, pads, in_hw, out_hw) -> int:
    """arm_convolve_wrapper_s8_get_buffer_size (pads: top, bottom, left, right)."""
    pad_h, pad_w = pads[0], pads[2]
    if pad_h == 0 and pad_w == 0 and kh == 1 and kw == 1 and dil == (1, 1):
        return 0  # 1x1: no buffer with GCC (the DSP 1x1 fast buffer is armclang-only)
    if in_hw[0] == 1 and dil[1] == 1 and kh == 1 and (stride[1] * cin) % 4 == 0:
        if arch == "dsp":
            return 4 * (-(-(kw * cin) // 4) * 4)
        in_x, out_x, sx = in_hw[1], out_hw[1], stride[1]
        total_pad = (out_x - 1) * sx + kw - in_x
        asym = _c_mod(total_pad, 2)
        right = max(1, _c_div(pad_w + asym + sx - 1, sx)) if pad_w + asym != 0 else 0
        left = max(1, _c_div(pad_w + sx - 1, sx)) if pad_w != 0 else 0
        no_pad = max(out_x - (right + left), 0)
        if right + no_pad + left != out_x:
            return _conv_s8_mve(cin, kh, kw)
        pad_left = pad_w * cin
        pad_right = right * cin if asym else pad_left
        elem_left = kw * cin
        return max(elem_left + pad_left, elem_left - cin + pad_right)
    if arch == "dsp":
        return 4 * (-(-(kh * kw * cin) // 4) * 4)
    return _conv_s8_mve(cin, kh, kw)


def _cmsis_scratch(node: Node, arch: str, in_hw: tuple[int, int]) -> int | None:
    """Scratch of the CMSIS-NN kernel chosen for node, or None when the table
    keeps the local kernel for it."""
    a = node.attrs
    if node.op == "conv2d":
        kh, kw = a["kernel"]
        cin = node.weights["kernel"].shape[2]
        if cin <= 3 or (arch == "dsp" and (kh, kw) != (1, 1) and cin >= 16):
            return None  # nnom_cmsis_conv_suits: the local kernel is faster
        return _conv_wrapper(
            arch,
            cin,
            kh,
            kw,
            tuple(a["strides"]),
            tuple(a["dilation"]),
            a["pads"],
            in_hw,
            node.hwc[:2],
        )
    if node.op == "dwconv2d":
        kh, kw = a["kernel"]
        cout = node.hwc[2]
        cin = cout // a["multiplier"]
        dil, pads = tuple(a["dilation"]), a["pads"]
        if arch == "mve" and cin == 1 and cout > 1:
            conv = _conv_wrapper(
                "mve", 1, kh, kw, tuple(a["strides"]), dil, pads, in_hw, node.hwc[:2]
            )
            return conv + cout * kh * kw
        if arch == "dsp" and cin == cout and cout % 4 == 0 and kh * kw <= 32:
            return None  # nnom_local_dwconv_s8_scratch: the local group path is faster
        if cin != cout or dil != (1, 1):
            return 0
        if arch == "mve":
            return 4 * 124 * kw * kh
        if kh == 3 and kw == 3 and pads[0] <= 1 and pads[2] <= 1:
            return 0
        return cin * kw * kh * 2
    if node.op == "avgpool":
        return 4 * node.hwc[2] if arch == "dsp" else 0
    if node.op in ("maxpool", "dense", "softmax"):
        return 0
    return None


def _act_column(node: Node | None) -> str:
    if node is None:
        return ""
    if node.op == "activation":
        return display_name(node.act)
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

    def visit(name: str) -> int:
        if name in index:
            return index[name]
        node = by_name[name]
        ins = [visit(i) for i in node.inputs]
        in_shape = by_name[node.inputs[0]].shape if node.inputs else node.shape
        view = node.op in VIEW_OPS
        external = node.op in EXTERNAL_OPS
        if chw:
            view = view and layouts.reshape_is_view(in_shape, node.shape)
            external = external and layouts.same_order(node.shape)
            scratch = layouts.chw_scratch(node, in_shape)
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
                external=external,
            )
        )
        index[name] = len(layers) - 1
        return index[name]

    for k, out in enumerate(g.outputs):
        src = visit(out)
        layers.append(
            Layer(
                name=f"output_{k}",
                op="output",
                node=None,
                inputs=[src],
                shape=layers[src].shape,
                output_of=out,
                external=True,
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
        elif layer.op in INPLACE_OPS:
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


def _buffers(layers: list[Layer]) -> list[tuple[int, int, int, int]]:
    """(id, size, first, last) of every arena buffer."""
    out = []
    for k, layer in enumerate(layers):
        if layer.root == k and not layer.external:
            out.append((2 * k, _align(layer.size), k, layer.last_use))
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
        output_layers=[k for k, layer in enumerate(layers) if layer.op == "output"],
    )


# --- the model table (same text as nnom_print_model_table in C) -----------

RULE = "-" * 97


def format_macs(macs: int) -> str:
    if macs == 0:
        return ""
    if macs < 1000:
        return f"{macs}"
    if macs < 1_000_000:
        return f"{macs // 1000}k"
    return f"{macs // 1_000_000}.{macs % 1_000_000 // 10_000:02d}M"


def _dims(shape: tuple[int, ...]) -> tuple[int, int, int]:
    return tuple(shape) + (1,) * (3 - len(shape))  # type: ignore[return-value]


def format_table(p: Plan) -> str:
    lines = [
        "Layer(#)         Activation    output shape    ops(MAC)   mem(in, out, buf)"
        "   arena(out, buf)",
        RULE,
    ]
    for k, layer in enumerate(p.layers):
        in_bytes = sum(p.layers[i].size for i in layer.inputs)
        if layer.op == "input":
            in_bytes = layer.size
        if layer.external:
            out_at = "user"
        elif layer.root != k:
            out_at = f"=#{layer.root + 1}"
        else:
            out_at = str(layer.out_offset)
        buf_at = str(layer.scratch_offset) if layer.scratch else "-"
        d = _dims(layer.shape)
        lines.append(  # printf format on purpose: the same text as nnom_table.c
            "#%-3u %-10s - %-9s- (%4u,%4u,%4u)%9s (%6u,%6u,%6u)   (%6s,%6s)"  # noqa: UP031
            % (
                k + 1,
                OPS[layer.op],
                layer.act,
                d[0],
                d[1],
                d[2],
                format_macs(layer.macs),
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


__all__ = ["Plan", "Layer", "plan", "format_table", "format_macs", "hwc", "is_clamp"]
