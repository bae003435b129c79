"""The CMSIS-NN backend runs convolutions and depthwise convolutions as
fast as the local backend where the local kernels are faster.

On DSP cores CMSIS-NN's convolution entry hands every layer to the local
kernel at -O2 (nnom/backends.json, "conv" local_asm), which is faster on
every shape measured (9 input channels: 2.52 against CMSIS-NN's 6.54
instructions per MAC).
Its 1x1 path for 4 to 24 input channels needs a scratch buffer that
CMSIS-NN's 1x1 kernel does not (0 bytes): before the plan held the larger
of the two (local_scratch), the hand-off ran the local kernel without it,
MobileNet's 48x48 8->16 layer at 4.18 instructions per MAC against 2.24
on the local backend (Cortex-M4, -O2). Output bytes are compared in both
builds (bench_run.measure stops on a mismatch).

Depthwise convolutions of multiplier 1 outside the local group path
(channels not a multiple of four, more than 49 taps) ran CMSIS-NN's
kernel, 3 to 10 times slower than the local one's assembly paths: (5,1)
on 49x1x6 at 32.3 against 3.9 instructions per MAC. CMSIS-NN's depthwise
entry now hands them to the local kernel at -O2 ("dwconv" local_asm).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import pytest

import cbuild

sys.path.insert(0, str(cbuild.ROOT / "bench"))
import cmbuild  # noqa: E402
import depthwise_sweep  # noqa: E402
import pointwise_sweep  # noqa: E402

SHAPES = [
    ("48x48 8->16 (MobileNet)", (48, 48, 8), 16),
    ("13x16 12->21", (13, 16, 12), 21),
    ("13x16 9->78", (13, 16, 9), 78),  # CMSIS-NN's kernel: 6.54, local 2.52
]


# (name, (h, w, c), kernel, stride, padding), as bench/depthwise_sweep.py
DW_SHAPES = [
    ("(5,1) s1 49x1x6 same", (49, 1, 6), (5, 1), 1, "same"),  # CMSIS-NN's: 32.3, local 3.9
    ("(3,3) s2 24x24x30 same", (24, 24, 30), (3, 3), 2, "same"),
    ("(9,9) s1 20x20x16 same", (20, 20, 16), (9, 9), 1, "same"),
]

needs_boards = pytest.mark.skipif(
    bool(cmbuild.tools_missing()), reason="needs arm-none-eabi-gcc and qemu"
)
needs_cmsis_nn = pytest.mark.skipif(
    not os.environ.get("NNOM_CMSIS_NN_DIR"),
    reason="needs a CMSIS-NN copy: set NNOM_CMSIS_NN_DIR (README, 'CMSIS-NN')",
)


def _per_mac_on_both_backends(model, work: Path) -> tuple[float, float]:
    """(local, CMSIS-NN backend) instructions per MAC of the model's one
    layer with MACs, Cortex-M4 -O2."""
    import run as bench_run

    out = []
    for backend in ("local", "cmsis-nn"):
        res = bench_run.measure(model, "m4", backend, "-O2", work, profile="layers")
        (layer,) = [(macs, instr) for _, macs, instr in res["layers"] if macs]
        out.append(layer[1] / layer[0])
    return out[0], out[1]


@needs_boards
@needs_cmsis_nn
@pytest.mark.parametrize("index", range(len(SHAPES)))
def test_cmsis_nn_backend_runs_1x1_as_fast_as_the_local_backend(index: int) -> None:
    with tempfile.TemporaryDirectory(prefix="nnom-handoff-") as tmp:
        model = pointwise_sweep.convert(31_000 + index, SHAPES[index], Path(tmp))
        local, cmsis = _per_mac_on_both_backends(model, Path(tmp))
    name = SHAPES[index][0]
    assert cmsis <= local * 1.03, f"{name}: CMSIS-NN backend {cmsis:.2f}, local {local:.2f}"


@needs_boards
@needs_cmsis_nn
@pytest.mark.parametrize("index", range(len(DW_SHAPES)))
def test_cmsis_nn_backend_runs_depthwise_as_fast_as_the_local_backend(index: int) -> None:
    with tempfile.TemporaryDirectory(prefix="nnom-handoff-") as tmp:
        model = depthwise_sweep.convert(32_000 + index, DW_SHAPES[index], Path(tmp))
        local, cmsis = _per_mac_on_both_backends(model, Path(tmp))
    name = DW_SHAPES[index][0]
    assert cmsis <= local * 1.03, f"{name}: CMSIS-NN backend {cmsis:.2f}, local {local:.2f}"


@needs_boards
@needs_cmsis_nn
def test_handed_over_layers_report_their_paths_as_on_the_local_backend() -> None:
    """The layers CMSIS-NN's entries hand to the local kernels report the
    depthwise step and the Conv2D inner paths they took, as on the local
    backend: a CMSIS-NN build's masks (nnom profile, custom_nnom_shrink)
    must not leave out a path they run (MobileNet's 1x1 column loops were
    left out: +1.7 M instructions a run)."""
    import run as bench_run

    with tempfile.TemporaryDirectory(prefix="nnom-handoff-") as tmp:
        work = Path(tmp)
        pw = pointwise_sweep.convert(31_000, SHAPES[0], work)
        dw = depthwise_sweep.convert(32_000, DW_SHAPES[0], work)
        for backend in ("local", "cmsis-nn"):
            assert bench_run.steps_run(dw, "m4", backend, work)["dw_steps"], backend
        # the inner paths (bits 18-22) alike; the entries differ (CMSIS-NN's
        # entry has no bit: it hands over, the local build's FAST entry has one)
        local, cmsis = (bench_run.conv_paths(pw, "m4", b, work) for b in ("local", "cmsis-nn"))
        assert cmsis >> 18 == local >> 18, f"{cmsis:#x} against {local:#x}"
        steps = [bench_run.steps_run(dw, "m4", b, work)["dw_steps"] for b in ("local", "cmsis-nn")]
        assert steps[0] == steps[1], [hex(s) for s in steps]


@needs_boards
@needs_cmsis_nn
def test_conv_layers_on_the_direct_loop_alone_link_no_conv_path() -> None:
    """Conv2D layers that CMSIS-NN's entry hands to the local kernel's
    direct loop report no path: the mask is 0, and it is set
    (NNOM_CONV_PATHS=0x0ULL; it was taken for "no Conv2D layer" and left
    out, so the build linked every Conv2D path). That build runs the same
    output bytes (measure stops on a mismatch) and instructions, with less
    code."""
    import run as bench_run

    from nnom.profile.flags import layer_constructors, model_masks, prune_flags

    with tempfile.TemporaryDirectory(prefix="nnom-handoff-") as tmp:
        work = Path(tmp)
        pw = pointwise_sweep.convert(31_010, ("12x10 48->64", (12, 10, 48), 64), work)
        conv = bench_run.conv_paths(pw, "m4", "cmsis-nn", work)
        assert conv == 0, f"{conv:#x}: the shape takes a named path; pick another"
        masks = model_masks(layer_constructors(pw.converted), 0, conv, reported=True)
        assert masks == (None, 0) and prune_flags(*masks) == "-DNNOM_CONV_PATHS=0x0ULL"
        code = bench_run.measure(pw, "m4", "cmsis-nn", "-O2", work)["code"]
        runs = bench_run.steps_run(pw, "m4", "cmsis-nn", work)["runs"]
        cut = bench_run.pruned(pw, "m4", "cmsis-nn", work, *masks)
        slack = bench_run.pruned_slack(pw)
    assert cut["conv_paths"] == 0
    assert all(c <= r + slack for c, r in zip(cut["runs"], runs)), (cut["runs"], runs)
    assert cut["code"] < code, (cut["code"], code)
