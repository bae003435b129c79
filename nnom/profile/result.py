"""A profile: per-layer instructions, the arena's buffers, memory and flash.

Built from what the firmware reported (firmware.RawRun). Instruction counts
are per inference: the mean over the runs. The layers' counts come from the
runtime's own per-layer stopwatch (layer->time); what model_run() spends
outside it (its loop, the stopwatch's readings) is the framework row, so
the rows add up to the total exactly.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import qemucm
from ..errors import NnomError
from .firmware import RawRun

# what users type (also the PlatformIO env names) -> qemucm short name
BOARD_NAMES = {f"qemu_{short}": short for short in qemucm.BOARDS}


def resolve_board(name: str) -> str:
    """qemu_m4, m4, mps2_an386 (the qemucm board) or cortex-m4 (its core) -> "m4"."""
    key = name.strip().lower()
    if key in BOARD_NAMES:
        return BOARD_NAMES[key]
    if key in qemucm.BOARDS:
        return key
    for short, board_id in qemucm.BOARDS.items():
        if key in (board_id, f"cortex-{short}"):
            return short
    raise NnomError(
        f"--board {name}: not an emulated board; use one of {', '.join(BOARD_NAMES)} "
        "(several separated by commas)"
    )


def board_title(short: str) -> str:
    """e.g. "qemu_m4 (Cortex-M4, mps2-an386)"."""
    cfg = qemucm.board_config(short)
    cpu = cfg["build"]["cpu"].replace("cortex-m", "Cortex-M")
    return f"qemu_{short} ({cpu}, {cfg['qemu']['machine']})"


@dataclass
class LayerProfile:
    index: int  # 1-based, run order (the model table's #)
    name: str  # the Keras layer(s) folded into it
    kind: str  # e.g. "Conv2D", "Conv2D+ReLU"
    shape: tuple[int, ...]
    macs: int
    instructions: float  # per inference
    out_offset: int | None  # arena offset; None: a user buffer
    out_bytes: int
    scratch_offset: int | None
    scratch_bytes: int
    inputs: list[int]  # indices of the input layers

    @property
    def per_mac(self) -> float | None:
        return self.instructions / self.macs if self.macs else None


@dataclass
class Buffer:
    """One arena buffer over its lifetime, for the timeline."""

    layer: int  # the layer that writes it (1-based)
    kind: str  # "output" or "scratch"
    offset: int
    size: int
    first: int  # layer indices (1-based) it is alive over
    last: int
    shared_by: list[int]  # later layers writing into the same buffer (views, in place)


@dataclass
class Profile:
    board: str  # "qemu_m4"
    title: str  # "qemu_m4 (Cortex-M4, mps2-an386)"
    backend: str
    opt: str
    runs: int
    layers: list[LayerProfile]
    total_instructions: float  # per inference, as bench/run.py counts it
    arena_bytes: int
    mem_used: int  # nnom_mem_used(): arena + layer structures
    stack_bytes: int  # the deepest stack model_run() took (painted and read back)
    static_ram: int  # .data + .bss of the runtime and of the model's translation unit
    runtime_code: int  # .text + .rodata kept from libnnom.a
    cmsis_code: int  # ... and from libcmsisnn.a
    weight_bytes: int  # the model's translation unit: weights, biases, configs, set-up code
    dw_steps: int = 0  # the depthwise steps the layers took (inc/nnom_dw_steps.h bits)
    conv_paths: int = 0  # the Conv2D paths they took (inc/nnom_conv_paths.h bits; 0: none)
    pruned_code: int = 0  # runtime code of the build with those steps alone (0: none made)
    shrink_flags: str = ""  # that build's mask flags (nnom.profile.flags.prune_flags)

    @property
    def framework_instructions(self) -> float:
        return self.total_instructions - sum(layer.instructions for layer in self.layers)

    @property
    def macs(self) -> int:
        return sum(layer.macs for layer in self.layers)

    @property
    def ram_bytes(self) -> int:
        """Everything the model needs in RAM but the stack."""
        return self.mem_used + self.static_ram

    @property
    def code_bytes(self) -> int:
        return self.runtime_code + self.cmsis_code

    @property
    def label(self) -> str:
        return f"{self.board} {self.backend}"

    def buffers(self) -> list[Buffer]:
        return arena_buffers(self.layers)


def arena_buffers(layers: list[LayerProfile]) -> list[Buffer]:
    """The arena's buffers with their lifetimes. A layer whose output sits at
    the offset of one of its inputs' outputs writes into that buffer (a view
    or an in-place layer): two buffers alive at once never overlap."""
    by_index = {layer.index: layer for layer in layers}
    root: dict[int, int] = {}
    for layer in layers:
        if layer.out_offset is None:
            continue
        root[layer.index] = layer.index
        for i in layer.inputs:
            src = by_index[i]
            if src.out_offset is not None and src.out_offset == layer.out_offset:
                root[layer.index] = root[i]
                break
    last = dict(root)
    for layer in layers:
        for i in layer.inputs:
            if i in root:
                r = root[i]
                last[r] = max(last[r], layer.index)
    out = []
    for layer in layers:
        k = layer.index
        if root.get(k) == k:
            out.append(
                Buffer(
                    layer=k,
                    kind="output",
                    offset=layer.out_offset,
                    size=layer.out_bytes,
                    first=k,
                    last=max(last[k], *(j for j, r in root.items() if r == k)),
                    shared_by=[j for j, r in root.items() if r == k and j != k],
                )
            )
        if layer.scratch_bytes and layer.scratch_offset is not None:
            out.append(Buffer(k, "scratch", layer.scratch_offset, layer.scratch_bytes, k, k, []))
    return out


def make_profile(raw: RawRun, short: str, backend: str, opt: str) -> Profile:
    runs = raw.runs
    layers = [
        LayerProfile(
            index=r.index,
            name=r.name,
            kind=r.kind + (f"+{r.act}" if r.act else ""),
            shape=r.shape,
            macs=r.macs,
            instructions=r.instructions / runs,
            out_offset=None if r.out < 0 else r.out,
            out_bytes=r.out_bytes,
            scratch_offset=None if r.scratch < 0 else r.scratch,
            scratch_bytes=r.scratch_bytes,
            inputs=r.inputs,
        )
        for r in raw.layers
    ]
    return Profile(
        board=f"qemu_{short}",
        title=board_title(short),
        backend=backend,
        opt=opt,
        runs=runs,
        layers=layers,
        total_instructions=raw.instructions / runs,
        arena_bytes=raw.arena,
        mem_used=raw.mem_used,
        stack_bytes=raw.stack,
        static_ram=raw.runtime["data"] + raw.cmsis["data"] + raw.model["data"],
        runtime_code=raw.runtime["code"],
        cmsis_code=raw.cmsis["code"],
        weight_bytes=raw.model["code"],
        dw_steps=raw.dw_steps,
    )
