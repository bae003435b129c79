"""The profile as text: a per-layer table for one build, side by side for several."""

from __future__ import annotations

from .result import LayerProfile, Profile

NAME_WIDTH = 30
ESTIMATE_NOTE = (
    "an estimate at one instruction per cycle: QEMU counts instructions, not cycles; on a "
    "real core loads, multiplies and branches take more than one cycle, flash wait states more"
)


def _name(layer: LayerProfile) -> str:
    name = layer.name
    return name if len(name) <= NAME_WIDTH else name[: NAME_WIDTH - 3] + "..."


def _shape(shape: tuple[int, ...]) -> str:
    return "(" + ", ".join(map(str, shape)) + ("," if len(shape) == 1 else "") + ")"


def _int(v: float) -> str:
    return f"{round(v):,}"


def _share(part: float, total: float) -> str:
    return f"{100.0 * part / total:.1f}%" if total else "-"


def _per_mac(instr: float, macs: int) -> str:
    return f"{instr / macs:.2f}" if macs else "-"


def _buffer(offset: int | None, size: int, user: str) -> str:
    if offset is None:
        return user
    return f"{offset}+{size}"


def millis(instructions: float, mhz: float) -> str:
    return f"{instructions / (mhz * 1e3):.2f} ms"


def _grid(head: list[str], rows: list[list[str]], right: set[int]) -> list[str]:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(head)]

    def line(cells: list[str]) -> str:
        return "  ".join(
            c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(cells, widths))
        ).rstrip()

    rule = "-" * len(line(["-" * w for w in widths]))
    return [line(head), rule, *(line(r) for r in rows), rule]


def layer_table(p: Profile) -> str:
    total = p.total_instructions
    head = ["#", "layer", "kind", "output shape", "MACs", "instructions", "instr/MAC", "share"]
    head += ["arena out", "scratch"]
    rows = []
    for layer in p.layers:
        rows.append(
            [
                str(layer.index),
                _name(layer),
                layer.kind,
                _shape(layer.shape),
                f"{layer.macs:,}" if layer.macs else "-",
                _int(layer.instructions),
                _per_mac(layer.instructions, layer.macs),
                _share(layer.instructions, total),
                _buffer(layer.out_offset, layer.out_bytes, "user"),
                _buffer(layer.scratch_offset, layer.scratch_bytes, "-"),
            ]
        )
    fw = p.framework_instructions
    rows.append(["", "(framework)", "model_run", "", "", _int(fw), "", _share(fw, total), "", ""])
    return "\n".join(_grid(head, rows, {0, 4, 5, 6, 7}))


def totals(p: Profile, mhz: float) -> str:
    cmsis = f" + CMSIS-NN {p.cmsis_code:,} B" if p.cmsis_code else ""
    lines = [
        f"instructions  {_int(p.total_instructions)} per inference ({p.macs:,} MACs, "
        f"{_per_mac(p.total_instructions, p.macs)} per MAC), mean of {p.runs} inputs",
        f"time          {millis(p.total_instructions, mhz)} at {mhz:g} MHz "
        "(an estimate, see below)",
        f"arena         {p.arena_bytes:,} B (each buffer: offset+bytes in the table)",
        f"RAM           {p.ram_bytes:,} B: arena and layer structures {p.mem_used:,} B, "
        f"model buffers and runtime data {p.static_ram:,} B (stack not counted)",
        f"stack         {p.stack_bytes:,} B at the deepest inside model_run() ({p.opt}; "
        "leave this much, plus your own calls', for the stack)",
        f"flash         runtime code {p.runtime_code:,} B{cmsis} ({p.opt}), "
        f"model {p.weight_bytes:,} B (weights, biases, configs)",
    ]
    if p.pruned_code:
        lines += [
            f"shrink        runtime code {p.runtime_code:,} -> {p.pruned_code:,} B ({p.opt}, "
            "the same paths and output) with only the depthwise steps and Conv2D paths this "
            "model takes; add to your build (PlatformIO: or custom_nnom_shrink = yes; "
            "docs/profile.md):",
            f"              build_flags = {p.shrink_flags}",
        ]
    lines.append(f"Time is {ESTIMATE_NOTE}.")
    return "\n".join(lines)


def single(p: Profile, mhz: float, source: str) -> str:
    head = f"{source} on {p.title}, {p.backend} backend, {p.opt}"
    return "\n".join([head, "", layer_table(p), totals(p, mhz)])


def side_by_side(profiles: list[Profile], mhz: float, source: str) -> str:
    """Instructions per layer of every build, and their totals."""
    base = profiles[0]
    labels = [p.label for p in profiles]
    head = ["#", "layer", "kind", "MACs", *labels]
    rows = []
    for k, layer in enumerate(base.layers):
        rows.append(
            [
                str(layer.index),
                _name(layer),
                layer.kind,
                f"{layer.macs:,}" if layer.macs else "-",
                *(_int(p.layers[k].instructions) for p in profiles),
            ]
        )
    rows.append(
        ["", "(framework)", "model_run", "", *(_int(p.framework_instructions) for p in profiles)]
    )
    summary = [
        ("instructions", [_int(p.total_instructions) for p in profiles]),
        ("instr/MAC", [_per_mac(p.total_instructions, p.macs) for p in profiles]),
        (f"ms at {mhz:g} MHz*", [millis(p.total_instructions, mhz)[:-3] for p in profiles]),
        ("arena B", [f"{p.arena_bytes:,}" for p in profiles]),
        ("RAM B", [f"{p.ram_bytes:,}" for p in profiles]),
        ("stack B", [f"{p.stack_bytes:,}" for p in profiles]),
        ("code B", [f"{p.code_bytes:,}" for p in profiles]),
        ("model B", [f"{p.weight_bytes:,}" for p in profiles]),
    ]
    for name, values in summary:
        rows.append(["", name, "", "", *values])
    right = {0, 3, *range(4, 4 + len(profiles))}
    grid = _grid(head, rows, right)
    n_layers = len(base.layers) + 1
    body = grid[: 2 + n_layers] + [grid[1]] + grid[2 + n_layers :]
    lines = [
        f"{source}: instructions per inference ({base.opt}, mean of {base.runs} inputs)",
        "",
        *body,
        f"* {ESTIMATE_NOTE}",
        "RAM: arena, layer structures, model buffers, runtime data (no stack); code: the "
        "runtime (and CMSIS-NN) kept by the linker; model: weights, biases, configs",
    ]
    return "\n".join(lines)
