"""Three taps at stride 2 take their assembly passes (branch s2odd).

A layer that the converter tags for a pass kernel which then refuses it is
still exact (it falls to the one-row loop), so the byte checks of
test_boards.py cannot see it; its instructions per MAC can. On branch
dws2b such layers (channels not a multiple of four on lines the converter
gave to nnom_dw3s2l, lines of 4 to 7 outputs) ran at 5 to 6 instructions
per MAC against 3.4 to 3.7 on the passes (Cortex-M4, -O2, local backend;
docs/kernel-log.md, branch s2odd).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import pytest

import cbuild

sys.path.insert(0, str(cbuild.ROOT / "bench"))
import cmbuild  # noqa: E402
import depthwise_sweep  # noqa: E402

# (name, (h, w, c), kernel, stride, padding): nnom_dw3s2 with 70 channels
# (4 k + 1 outputs, no padding), nnom_dw3s2l with 70 (padded) and on lines
# of 4 outputs
SHAPES = [
    ("(1,3) s2 4x27x70 valid", (4, 27, 70), (1, 3), 2, "valid"),
    ("(3,1) s2 27x4x70 same", (27, 4, 70), (3, 1), 2, "same"),
    ("(3,1) s2 9x6x32 valid", (9, 6, 32), (3, 1), 2, "valid"),
]


@pytest.mark.skipif(bool(cmbuild.tools_missing()), reason="needs arm-none-eabi-gcc and qemu")
@pytest.mark.parametrize("index", range(len(SHAPES)))
def test_three_taps_at_stride_2_run_the_passes(index: int) -> None:
    with tempfile.TemporaryDirectory(prefix="nnom-dws2p-") as tmp:
        model = depthwise_sweep.convert(30_000 + index, SHAPES[index], Path(tmp))
        macs, instr = depthwise_sweep.measure(model, Path(tmp))
    assert instr / macs < 4.0, f"{SHAPES[index][0]}: {instr / macs:.2f} instructions per MAC"
