"""The record kernels take a trained layer's channels (branch rqrange).

A trained layer's channels have requantisation shifts spread over a wide
range, some dead or nearly so. The two-tap loop, three taps at stride 2
and the one-pixel windows took only right shifts 5 to 11 until the
converter fitted the others' record words (nnom/ops/rq_fit.py); a channel
outside ran its group on a slower path, exact still, so the byte checks
of test_boards.py cannot see it: its instructions per MAC can. With the
sweeps' trained-like weights these layers ran at 5.7 to 7.4 instructions
per MAC before, 3.4 to 3.9 after (Cortex-M4, -O2, local backend;
docs/benchmarks.md, "Trained-like weights").
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import numpy as np
import pytest

import cbuild

sys.path.insert(0, str(cbuild.ROOT / "bench"))
import cmbuild  # noqa: E402
import depthwise_sweep  # noqa: E402

# (name, (h, w, c), kernel, stride, padding): the two-tap loop at strides
# 1 and 2, three taps at stride 2 (nnom_dw3s2l on lines of 10 outputs)
SHAPES = [
    ("(2,1) s1 49x1x48 same", (49, 1, 48), (2, 1), 1, "same"),
    ("(1,2) s2 1x32x96 same", (1, 32, 96), (1, 2), 2, "same"),
    ("(3,1) s2 20x3x32 same", (20, 3, 32), (3, 1), 2, "same"),
]


@pytest.mark.skipif(bool(cmbuild.tools_missing()), reason="needs arm-none-eabi-gcc and qemu")
@pytest.mark.parametrize("index", range(len(SHAPES)))
def test_trained_like_channels_run_the_record_kernels(index: int) -> None:
    with tempfile.TemporaryDirectory(prefix="nnom-dwtl-") as tmp:
        model = depthwise_sweep.convert(33_000 + index, SHAPES[index], Path(tmp), "trained-like")
        shifts = -np.concatenate(
            [
                np.asarray(n.q.shift).reshape(-1)
                for n in model.converted.graph.nodes
                if n.op == "dwconv2d"
            ]
        )
        # the layer has channels outside the 5..11 of the fixed form
        assert shifts.min() < 5 or shifts.max() > 11, shifts
        macs, instr = depthwise_sweep.measure(model, Path(tmp))
    assert instr / macs < 4.0, f"{SHAPES[index][0]}: {instr / macs:.2f} instructions per MAC"


# 2D windows on the window loop of nnom_local_dwrect_dsp.c (branch
# rqfit2): a small plane's records and a large plane's (written because a
# channel needs rq_fit's words); before, a group with such a channel ran the
# unscaled form: 4.08 and 3.48 instructions per MAC against 3.90 and 3.31
# with random weights, 3.90 and 3.08 now
RECT_SHAPES = [
    ("(2,2) s2 26x37x49 same", (26, 37, 49), (2, 2), 2, "same"),
    ("(3,2) s1 14x10x95 valid", (14, 10, 95), (3, 2), 1, "valid"),
]


@pytest.mark.skipif(bool(cmbuild.tools_missing()), reason="needs arm-none-eabi-gcc and qemu")
@pytest.mark.parametrize("index", range(len(RECT_SHAPES)))
def test_trained_like_2d_windows_as_fast_as_random_weights(index: int) -> None:
    counts = {}
    for weights in ("random", "trained-like"):
        with tempfile.TemporaryDirectory(prefix="nnom-dwtl-") as tmp:
            model = depthwise_sweep.convert(33_100 + index, RECT_SHAPES[index], Path(tmp), weights)
            counts[weights] = depthwise_sweep.measure(model, Path(tmp))[1]
    assert counts["trained-like"] <= 1.005 * counts["random"], (RECT_SHAPES[index][0], counts)
