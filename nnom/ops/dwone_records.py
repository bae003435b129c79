"""The records of a depthwise layer of one output pixel whose window holds
the whole input (src/kernels/local/nnom_local_dwone_dsp.c): its taps over
the input lie one pixel apart in memory, so the C kernel runs them as one
window of in_h * in_w taps on the one-row assembly loop, every group of
four channels in one call. The records are that loop's
(dwcol_records.group_records, the odd last tap paired) for the kernel's
taps over the input, row-major. Written only where the C kernel takes
them: multiplier 1, channels a multiple of four or not odd_flat() (the
overlapping last group's records after the others'), 3 to max_taps taps over
the input, no dilation, output zero point -128 without clamp (ReLU), every
channel in the loop's requantisation range.
"""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np

from .. import backends
from .dwcol_records import group_records, odd_flat


def whole_window(attrs: dict, in_hw: tuple[int, int], out_hw: tuple[int, int]) -> bool:
    """One output pixel, the whole input inside its window (the C test)."""
    kh, kw = attrs["kernel"]
    top, _, left, _ = attrs["pads"]
    ih, iw = in_hw
    return (
        tuple(out_hw) == (1, 1)
        and top >= 0
        and left >= 0
        and top + ih <= kh
        and left + iw <= kw
        and tuple(attrs["dilation"]) == (1, 1)
    )


def dwone_records(attrs: dict, q, zp_in: int, zp_out: int, in_hw: tuple[int, int]):
    """The int32 records of every group, or None where they are not written."""
    cout = q.weight.shape[2]
    top, _, left, _ = attrs["pads"]
    ih, iw = in_hw
    if (
        attrs["multiplier"] != 1
        or odd_flat(cout, *q.weight.shape[:2], attrs["strides"][1], 1)
        or not 3 <= ih * iw <= backends.TABLE["depthwise_group"]["max_taps"]
        or zp_out != -128
        or q.act_min != -128
        or q.act_max != 127
    ):
        return None
    inside = SimpleNamespace(
        weight=q.weight[top : top + ih, left : left + iw, :],
        bias=q.bias,
        mult=q.mult,
        shift=q.shift,
    )
    return group_records(inside, zp_in, zp_out, last_paired=True)


# The most taps of tag 43's lines: past max_taps (49) on the one-row loop's
# longer text (nnom_local_dwcol.h NNOM_DWCOL_LONG_TAPS; (7,7) over 8x8: 55)
LONG_TAPS = 56

# The first word of dwone_in_records (odd: the one-row loop's paths, which
# take an even first word, refuse them; nnom_local_dwone.h NNOM_DWONE_IN_TAG)
IN_TAG = 43


def line_taps(attrs: dict, in_hw: tuple[int, int], out_hw: tuple[int, int]) -> int:
    """Taps over the input of a one-output window that starts at the input's
    first pixel, read as one line of the input's memory (rows in_w pixels
    apart, the columns past the window's a zero weight): (rows - 1) in_w +
    cols; 0 where the layer is not of that form (nnom_dwone_in_taps in C)."""
    kh, kw = attrs["kernel"]
    top, _, left, _ = attrs["pads"]
    ih, iw = in_hw
    if tuple(out_hw) != (1, 1) or tuple(attrs["dilation"]) != (1, 1):
        return 0
    if not (0 <= top < kh and 0 <= left < kw):
        return 0
    rows, cols = min(kh - top, ih), min(kw - left, iw)
    return (rows - 1) * iw + cols


def dwone_in_records(attrs: dict, q, zp_in: int, zp_out: int, in_hw, out_hw):
    """Tag 43: IN_TAG, the taps, then the one-row loop's records of every
    group (as dwone_records) for the window as one line over the input
    (line_taps), where dwone_records does not take it (one 'valid' output
    inside a larger input, a window over one or two pixels); None where not
    written (two kernel taps: the pair loop's)."""
    kh, kw, cout = q.weight.shape
    taps = line_taps(attrs, in_hw, out_hw)
    if (
        taps == 0
        or kh * kw == 2
        or (whole_window(attrs, in_hw, out_hw) and taps >= 3)
        or attrs["multiplier"] != 1
        or odd_flat(cout, kh, kw, attrs["strides"][1], 1)
        or taps > LONG_TAPS
        or zp_out != -128
        or q.act_min != -128
        or q.act_max != 127
    ):
        return None
    top, _, left, _ = attrs["pads"]
    ih, iw = in_hw
    rows, cols = min(kh - top, ih), min(kw - left, iw)
    plane = np.zeros((rows, iw, cout), dtype=q.weight.dtype)
    plane[:, :cols] = q.weight[top : top + rows, left : left + cols]
    line = SimpleNamespace(
        weight=plane.reshape(1, rows * iw, cout)[:, :taps],
        bias=q.bias,
        mult=q.mult,
        shift=q.shift,
    )
    groups = group_records(line, zp_in, zp_out, last_paired=True)
    if groups is None:
        return None
    return np.concatenate([np.array([IN_TAG, taps], dtype=groups.dtype), groups])
