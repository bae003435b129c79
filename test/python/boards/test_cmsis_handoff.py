"""The CMSIS-NN backend runs 1x1 convolutions as fast as the local one.

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
import pointwise_sweep  # noqa: E402

SHAPES = [
    ("48x48 8->16 (MobileNet)", (48, 48, 8), 16),
    ("13x16 12->21", (13, 16, 12), 21),
    ("13x16 9->78", (13, 16, 9), 78),  # CMSIS-NN's kernel: 6.54, local 2.52
]


@pytest.mark.skipif(bool(cmbuild.tools_missing()), reason="needs arm-none-eabi-gcc and qemu")
@pytest.mark.skipif(
    not os.environ.get("NNOM_CMSIS_NN_DIR"),
    reason="needs a CMSIS-NN copy: set NNOM_CMSIS_NN_DIR (README, 'CMSIS-NN')",
)
@pytest.mark.parametrize("index", range(len(SHAPES)))
def test_cmsis_nn_backend_runs_1x1_as_fast_as_the_local_backend(index: int) -> None:
    import run as bench_run

    with tempfile.TemporaryDirectory(prefix="nnom-handoff-") as tmp:
        work = Path(tmp)
        model = pointwise_sweep.convert(31_000 + index, SHAPES[index], work)
        per_backend = {}
        for backend in ("local", "cmsis-nn"):
            res = bench_run.measure(model, "m4", backend, "-O2", work, profile=True)
            (layer,) = [(macs, instr) for _, macs, instr in res["layers"] if macs]
            per_backend[backend] = layer[1] / layer[0]
    local, cmsis = per_backend["local"], per_backend["cmsis-nn"]
    assert cmsis <= local * 1.03, (
        f"{SHAPES[index][0]}: CMSIS-NN backend {cmsis:.2f}, local {local:.2f}"
    )
