"""The records of a depthwise layer whose 2D windows span the input's whole
width (kernel width = input width, no padding, one output column,
src/kernels/local/nnom_local_dw_few_dsp.c): a window's rows follow one
another in memory, so each window is one line of kh * kw taps C bytes
apart, and the windows down the column lie stride * W pixels apart; the
one-row assembly loop runs them, every group of four channels in one call.
The records are that loop's (dwcol_records.group_records, the odd last tap
paired) in the weights' row-major order, which is the memory's. Written
only where the C kernel takes them: multiplier 1, channels a multiple of
four or not odd_flat() (the overlapping last group's records after the
others'), kh, kw >= 2 but not 3x3 or 5x5 (the window loop's), 3 to max_taps
taps, no dilation, at most FEW_OUT outputs, output zero point -128 without
clamp, every channel in the loop's requantisation range.
"""

from __future__ import annotations

import numpy as np

from .. import backends
from .dwcol_records import FEW_OUT, PAD_BYTES, group_records, odd_flat


def dwrows_records(attrs: dict, q, zp_in: int, zp_out: int, in_hw, out_hw):
    """The int32 records of every group, or None where they are not written."""
    kh, kw, cout = q.weight.shape
    if (
        attrs["multiplier"] != 1
        or odd_flat(cout, kh, kw, attrs["strides"][1], out_hw[1])
        or min(kh, kw) < 2
        or (kh == kw and kh in (3, 5))
        or not 3 <= kh * kw <= backends.TABLE["depthwise_group"]["max_taps"]
        or tuple(attrs["dilation"]) != (1, 1)
        or tuple(attrs["pads"]) != (0, 0, 0, 0)
        or kw != in_hw[1]
        or out_hw[1] != 1
        or out_hw[0] > FEW_OUT
        or zp_out != -128
        or q.act_min != -128
        or q.act_max != 127
    ):
        return None
    return group_records(q, zp_in, zp_out, last_paired=True)


def dwcols_records(attrs: dict, q, zp_in: int, zp_out: int, in_hw, out_hw):
    """The records of a 2D window's column of 2 to FEW_OUT outputs (one
    output column) where dwrows_records() and the window loop's do not
    apply: the C kernel copies, per chunk of groups, the kw input columns
    the windows read (padding: the input zero point) into a buffer of at
    most PAD_BYTES, where each window is one line. A first word 1 (odd: the
    others start with an even one), then group_records()."""
    kh, kw, cout = q.weight.shape
    span = (out_hw[0] - 1) * attrs["strides"][0] + kh
    if (
        attrs["multiplier"] != 1
        or odd_flat(cout, kh, kw, attrs["strides"][1], out_hw[1])
        or min(kh, kw) < 2
        or not 3 <= kh * kw <= backends.TABLE["depthwise_group"]["max_taps"]
        or tuple(attrs["dilation"]) != (1, 1)
        or out_hw[1] != 1
        or not 2 <= out_hw[0] <= FEW_OUT
        or 4 * span * kw > PAD_BYTES
        or zp_out != -128
        or q.act_min != -128
        or q.act_max != 127
    ):
        return None
    words = group_records(q, zp_in, zp_out, last_paired=True)
    return None if words is None else np.concatenate([[1], words]).astype(np.int32)
