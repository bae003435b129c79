"""Build the profiling firmware for one board and run it under QEMU.

The firmware (profile_main.c) is the bench's, plus a per-layer account: it
runs the model on the given int8 inputs, checks every output byte against
the converter's reference, and reports instructions per layer and in total,
the arena address of every buffer, and the memory the runtime took. The
model is compiled in its own translation unit, so the linker map gives its
flash (weights and configs) apart from the runtime's code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .. import qemucm
from ..errors import NnomError

HERE = Path(__file__).resolve().parent
MAIN_C = HERE / "profile_main.c"
# The timed model_run() and the stack's depth, shared with bench/bench_main.c:
# include HERE, link TIMER_C and STACK_C.
TIMER_C = HERE / "profile_timer.c"
STACK_C = HERE / "profile_stack.c"
MODEL_TU = "profile_model.c"  # linked as tu0.o


@dataclass
class RawLayer:
    """One nnom-profile-layer line of the firmware."""

    index: int  # 1-based, run order
    kind: str  # the runtime's layer type name, e.g. "Conv2D"
    act: str  # the activation tail's name, or ""
    macs: int
    instructions: int  # over all runs
    out: int  # arena offset, -1: a user buffer
    out_bytes: int
    scratch: int  # arena offset, -1: none
    scratch_bytes: int
    inputs: list[int]
    shape: tuple[int, ...]  # Keras order
    name: str


@dataclass
class RawRun:
    """What one firmware run reported, and the sizes from its linker map."""

    layers: list[RawLayer]
    runs: int
    instructions: int  # model_run() over all runs, the timer's cost taken off
    mem_used: int
    arena: int
    stack: int  # the deepest stack below main()'s frame during the runs
    runtime: dict[str, int] = field(default_factory=dict)  # libnnom.a kept
    cmsis: dict[str, int] = field(default_factory=dict)  # libcmsisnn.a kept
    model: dict[str, int] = field(default_factory=dict)  # the model's translation unit
    dw_steps: int = 0  # nnom_model_dw_steps(): the depthwise steps the layers took
    conv_paths: int = 0  # nnom_model_conv_paths(): the Conv2D paths the layers took


# the line that says why a build failed: the compiler's error, or the linker's
# "will not fit in region `FLASH'" when the model is too big for the board
_BUILD_ERROR = re.compile(r"error:|will not fit|overflowed")
_LAYER = re.compile(
    r"^nnom-profile-layer (\d+) (\S+) (\S+) macs=(\d+) instructions=(\d+) out=(-?\d+) "
    r"out_bytes=(\d+) scratch=(-?\d+) scratch_bytes=(\d+) inputs=([\d,]*) "
    r"shape=(\d+),(\d+),(\d+),(\d+) name=(.*)$",
    re.M,
)
_DW_STEPS = re.compile(r"^nnom-profile-dw-steps 0x([0-9a-f]+)", re.M)
_CONV_PATHS = re.compile(r"^nnom-profile-conv-paths 0x([0-9a-f]+)", re.M)
_TOTAL = re.compile(
    r"^nnom-profile runs=(\d+) instructions=(\d+) timer=(\d+) mismatches=(\d+) "
    r"first_mismatch=(-?\d+) mem_used=(\d+) arena=(\d+) layers=(\d+) status=(-?\d+) "
    r"stack=(\d+)",
    re.M,
)


def _keras_shape(h: int, w: int, c: int, rank: int) -> tuple[int, ...]:
    """The runtime's (h, w, c, rank) in Keras order, as the model table shows it."""
    return {1: (c,), 2: (w, c)}.get(rank, (h, w, c))


def parse(output: str) -> tuple[list[RawLayer], dict[str, int]]:
    layers = []
    for m in _LAYER.finditer(output):
        g = m.groups()
        layers.append(
            RawLayer(
                index=int(g[0]),
                kind=g[1],
                act="" if g[2] == "-" else g[2],
                macs=int(g[3]),
                instructions=int(g[4]),
                out=int(g[5]),
                out_bytes=int(g[6]),
                scratch=int(g[7]),
                scratch_bytes=int(g[8]),
                inputs=[int(v) for v in g[9].split(",") if v],
                shape=_keras_shape(*(int(v) for v in g[10:14])),
                name=g[14].strip(),
            )
        )
    m = _TOTAL.search(output)
    if m is None:
        return layers, {}
    keys = ("runs", "instructions", "timer", "mismatches", "first", "mem_used", "arena")
    total = dict(zip(keys + ("layers", "status", "stack"), map(int, m.groups())))
    return layers, total


def _write_data(path: Path, inputs: list[np.ndarray], expected: list[np.ndarray], layers: int):
    """profile_data.h: inputs[k] is input k's batch, expected[o] output o's."""
    runs = inputs[0].shape[0]
    exp = np.concatenate([e.reshape(runs, -1) for e in expected], axis=1)
    lines = [
        "/* Written by nnom profile: inputs and the reference's outputs. */",
        f"#define PROFILE_RUNS {runs}",
        f"#define PROFILE_INPUTS {len(inputs)}",
        f"#define PROFILE_OUTPUTS {len(expected)}",
        f"#define PROFILE_OUTPUT_BYTES {exp.shape[1]}",
        f"#define PROFILE_LAYERS {layers}",
    ]
    refs = []
    for r in range(runs):
        names = []
        for k, batch in enumerate(inputs):
            lines.append(
                f"static const int8_t profile_in_{r}_{k}[] = "
                f"{qemucm.c_bytes(batch[r].reshape(-1))};"
            )
            names.append(f"profile_in_{r}_{k}")
        refs.append("{" + ", ".join(names) + "}")
    lines.append(
        "static const int8_t *const profile_input_data[PROFILE_RUNS][PROFILE_INPUTS] = {"
        + ", ".join(refs)
        + "};"
    )
    rows = ", ".join(qemucm.c_bytes(exp[r]) for r in range(runs))
    lines.append(
        f"static const int8_t profile_expected[PROFILE_RUNS][PROFILE_OUTPUT_BYTES] = {{{rows}}};"
    )
    path.write_text("\n".join(lines) + "\n")


def _write_model_tu(path: Path, n_inputs: int, n_outputs: int) -> None:
    path.write_text(
        f"""/* Written by nnom profile: the model in a translation unit of its own. */
#include "weights.h"

#if NNOM_INPUT_COUNT != {n_inputs} || NNOM_OUTPUT_COUNT != {n_outputs}
#error "weights.h does not match the profiler's data"
#endif

nnom_model_t *profile_model_create(void);
nnom_model_t *profile_model_create(void) {{ return nnom_model_create(); }}

extern int8_t *const *const profile_inputs;
extern const uint32_t *const profile_input_sizes;
extern int8_t *const *const profile_outputs;
extern const uint32_t *const profile_output_sizes;
int8_t *const *const profile_inputs = nnom_inputs;
const uint32_t *const profile_input_sizes = nnom_input_sizes;
int8_t *const *const profile_outputs = nnom_outputs;
const uint32_t *const profile_output_sizes = nnom_output_sizes;
"""
    )


def build_and_run(
    converted,
    inputs: list[np.ndarray],
    expected: list[np.ndarray],
    firmware: qemucm.Firmware,
    workdir: Path,
    timeout: float = 600.0,
) -> RawRun:
    """Build the profiling firmware in workdir, run it, parse what it printed.
    inputs / expected: int8 batches, one array per model input / output."""
    workdir.mkdir(parents=True, exist_ok=True)
    converted.save_header(workdir / "weights.h")
    _write_data(workdir / "profile_data.h", inputs, expected, len(converted.plan.layers))
    _write_model_tu(workdir / MODEL_TU, len(inputs), len(expected))
    where = f"qemu_{firmware.board}, {firmware.backend} backend, {firmware.opt}"
    try:
        more = [(workdir / MODEL_TU, [workdir]), (TIMER_C, []), (STACK_C, [])]
        elf = firmware.link(workdir, MAIN_C, [workdir, HERE], more=more)
    except RuntimeError as err:
        lines = str(err).splitlines()
        first = next((t for t in lines if _BUILD_ERROR.search(t)), lines[-1] if lines else "")
        first = first.split("/ld: ", 1)[-1]  # the linker's path says nothing
        raise NnomError(f"building the profiling firmware ({where}) failed: {first}") from None
    code, output = qemucm.run(elf, firmware.board, timeout=timeout)
    layers, total = parse(output)
    if code != 0 or not total or total["status"] != 0:
        if total.get("mismatches"):
            raise NnomError(
                f"on {where} {total['mismatches']} output bytes differ from the converter's "
                f"reference (first at byte {total['first']}): a bug, please report it"
            )
        tail = " | ".join(output.strip().splitlines()[-3:])
        raise NnomError(f"the profiling firmware failed on {where} (exit {code}): {tail}")
    if len(layers) != total["layers"]:
        raise NnomError(f"the profiling firmware on {where} printed an incomplete layer list")
    map_file = workdir / "firmware.map"
    return RawRun(
        layers=layers,
        runs=total["runs"],
        instructions=total["instructions"],
        mem_used=total["mem_used"],
        arena=total["arena"],
        stack=total["stack"],
        runtime=qemucm.runtime_size(map_file),
        cmsis=qemucm.runtime_size(map_file, "libcmsisnn.a"),
        model=qemucm.object_size(map_file, "tu0.o"),
        dw_steps=int(s.group(1), 16) if (s := _DW_STEPS.search(output)) else 0,
        conv_paths=int(s.group(1), 16) if (s := _CONV_PATHS.search(output)) else 0,
    )
